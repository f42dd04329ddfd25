#include "render/colormap.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dctwin::render {

namespace {
// Viridis sampled at 9 evenly spaced points (matplotlib's _viridis_data, CC0).
const std::vector<Rgb> kViridis = {
    {0.267004, 0.004874, 0.329415}, {0.282623, 0.140926, 0.457517}, {0.253935, 0.265254, 0.529983},
    {0.206756, 0.371758, 0.553117}, {0.163625, 0.471133, 0.558148}, {0.127568, 0.566949, 0.550556},
    {0.134692, 0.658636, 0.517649}, {0.477504, 0.821444, 0.318195}, {0.993248, 0.906157, 0.143936}};
const std::vector<Rgb> kThermal = {{0.23, 0.30, 0.75}, {0.87, 0.87, 0.87}, {0.71, 0.02, 0.15}};
}  // namespace

ColorMap::ColorMap(ColorMapKind kind, double min_value, double max_value)
    : stops_(kind == ColorMapKind::Viridis ? kViridis : kThermal),
      min_(min_value),
      max_(max_value) {
  if (!(max_value > min_value) || !std::isfinite(min_value) || !std::isfinite(max_value))
    throw std::invalid_argument("a colour map needs a finite range with max > min");
}

Rgb ColorMap::at(double value) const {
  if (std::isnan(value)) return kNoData;
  const double t = std::clamp((value - min_) / (max_ - min_), 0.0, 1.0);
  const double pos = t * double(stops_.size() - 1);
  const std::size_t i = std::min(stops_.size() - 2, static_cast<std::size_t>(pos));
  const double f = pos - double(i);
  const Rgb& a = stops_[i];
  const Rgb& b = stops_[i + 1];
  return {a.r + f * (b.r - a.r), a.g + f * (b.g - a.g), a.b + f * (b.b - a.b)};
}

std::vector<double> legend_ticks(double min_value, double max_value, int max_ticks) {
  if (!(max_value > min_value) || max_ticks < 2) return {min_value};
  const double raw = (max_value - min_value) / (max_ticks - 1);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * mag;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * mag >= raw) {
      step = m * mag;
      break;
    }
  std::vector<double> ticks;
  for (double v = std::ceil(min_value / step - 1e-9) * step; v <= max_value + step * 1e-9;
       v += step)
    ticks.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
  return ticks;
}

}  // namespace dctwin::render
