// Colour maps and legends for rack colouring and heat maps (hall plan now, VTK scenes later).
#pragma once

#include <array>
#include <string>
#include <vector>

namespace dctwin::render {

struct Rgb {
  double r = 0, g = 0, b = 0;  ///< 0..1
  bool operator==(const Rgb&) const = default;
};

enum class ColorMapKind {
  Viridis,  ///< perceptually uniform, for power and utilisation
  Thermal,  ///< blue -> white -> red, for temperatures around a set point
};

/// A colour map over [min, max]; values outside are clamped, NaN gives the "no data" grey.
class ColorMap {
 public:
  ColorMap(ColorMapKind kind, double min_value, double max_value);
  [[nodiscard]] Rgb at(double value) const;
  [[nodiscard]] double min_value() const { return min_; }
  [[nodiscard]] double max_value() const { return max_; }
  static constexpr Rgb kNoData{0.6, 0.6, 0.6};

 private:
  std::vector<Rgb> stops_;
  double min_, max_;
};

/// "Nice" legend ticks covering [min, max] (1, 2, 2.5 or 5 times a power of ten), at most
/// max_ticks of them, each inside the range.
[[nodiscard]] std::vector<double> legend_ticks(double min_value, double max_value, int max_ticks);

}  // namespace dctwin::render
