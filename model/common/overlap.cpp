#include "model/common/overlap.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <unordered_map>

namespace dctwin::model {
namespace {

// Bucket indices are clamped to +-2^50 before they become integers: far beyond any site (and
// exact in a double), and clamping keeps neighbours neighbours, so nothing is missed.
constexpr double kMaxBucketIndex = 1125899906842624.0;

struct Key {
  std::int64_t x, y;
  bool operator==(const Key&) const = default;
};
struct KeyHash {
  std::size_t operator()(const Key& k) const {
    return std::hash<std::int64_t>()(k.x) ^
           (std::hash<std::int64_t>()(k.y) * 0x9E3779B97F4A7C15ULL);
  }
};

bool usable(const FootprintRect& r) {
  return std::isfinite(r.x0) && std::isfinite(r.y0) && std::isfinite(r.x1) && std::isfinite(r.y1) &&
         r.x1 >= r.x0 && r.y1 >= r.y0;
}

}  // namespace

void for_each_overlap(
    const std::vector<FootprintRect>& rects, double tol,
    const std::function<bool(std::size_t, const std::vector<std::size_t>&)>& visit,
    const std::function<bool(std::size_t, std::size_t)>& also) {
  double cell = kOverlapMinBucketM;
  for (const auto& r : rects)
    if (usable(r)) cell = std::max({cell, r.x1 - r.x0, r.y1 - r.y0});
  if (!std::isfinite(cell)) cell = std::numeric_limits<double>::max();
  auto index = [&](double v) {
    return static_cast<std::int64_t>(
        std::clamp(std::floor(v / cell), -kMaxBucketIndex, kMaxBucketIndex));
  };
  std::unordered_map<Key, std::vector<std::size_t>, KeyHash> grid;
  for (std::size_t i = 0; i < rects.size(); ++i)
    if (usable(rects[i])) grid[{index(rects[i].x0), index(rects[i].y0)}].push_back(i);
  std::vector<std::size_t> js;
  for (std::size_t i = 0; i < rects.size(); ++i) {
    const FootprintRect& a = rects[i];
    if (!usable(a)) continue;
    js.clear();
    const std::int64_t gx = index(a.x0), gy = index(a.y0);
    int sources = 0;  // buckets that gave pairs: one alone is already in order
    for (std::int64_t dx = -1; dx <= 1; ++dx)
      for (std::int64_t dy = -1; dy <= 1; ++dy) {
        const auto it = grid.find({gx + dx, gy + dy});
        if (it == grid.end()) continue;
        // Bucket lists are in ascending order: skip to the first j > i.
        const auto& bucket = it->second;
        const std::size_t before = js.size();
        for (auto j = std::upper_bound(bucket.begin(), bucket.end(), i); j != bucket.end(); ++j) {
          const FootprintRect& b = rects[*j];
          if (a.x0 < b.x1 - tol && b.x0 < a.x1 - tol && a.y0 < b.y1 - tol && b.y0 < a.y1 - tol &&
              (!also || also(i, *j)))
            js.push_back(*j);
        }
        if (js.size() > before) ++sources;
      }
    if (js.empty()) continue;
    if (sources > 1) std::sort(js.begin(), js.end());
    if (!visit(i, js)) return;
  }
}

}  // namespace dctwin::model
