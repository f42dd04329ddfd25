// Hourly weather for annual runs: a series (from an EPW file or generated), its design statistics,
// and a deterministic synthetic year built from monthly climate normals. Pure model code: the
// EPW reader and the built-in climates file live in data/weather_io.h.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dctwin::model::scenario {

/// Hours in the (non-leap) weather year every series holds.
inline constexpr std::size_t kHoursPerYear = 8760;

/// One year of hourly outdoor air. Hour i covers [i, i+1) h from 1 January 00:00 local standard
/// time (EPW row i+1, whose "hour" field is i % 24 + 1). All vectors have the same length.
struct WeatherSeries {
  std::string name;            ///< climate or station, e.g. "Denver Intl Ap, CO, USA"
  std::string source;          ///< where the data came from, and anything done to it
  double latitude_deg = 0.0;   ///< north positive
  double longitude_deg = 0.0;  ///< east positive
  double elevation_m = 0.0;
  std::vector<double> dry_bulb_c;
  std::vector<double> wet_bulb_c;
  std::vector<double> rh;           ///< relative humidity, 0..1
  std::vector<double> pressure_pa;  ///< station pressure

  [[nodiscard]] std::size_t hours() const { return dry_bulb_c.size(); }
};

/// Fills s.wet_bulb_c from dry-bulb, relative humidity and pressure (model/thermal/psychro.h).
/// Throws std::invalid_argument when the vectors differ in length or a value is out of range.
void compute_wet_bulb(WeatherSeries& s);

/// Checks the shape of a series: kHoursPerYear hours, every vector the same length, finite
/// values, rh in [0, 1], positive pressure, wet-bulb not above dry-bulb. Throws
/// std::invalid_argument naming the series, the hour and the field.
void check_series(const WeatherSeries& s);

/// The value exceeded in `hours_exceeded` hours of the series: with the values sorted in
/// ascending order, the one at index n - 1 - hours_exceeded (so that exactly hours_exceeded
/// values lie at or above the next one). Throws std::invalid_argument for an empty series or
/// hours_exceeded >= n.
[[nodiscard]] double value_exceeded(const std::vector<double>& values, std::size_t hours_exceeded);

/// Summary of a year (ASHRAE-style design conditions from the series itself).
struct WeatherStats {
  std::size_t hours = 0;
  double mean_dry_bulb_c = 0.0, min_dry_bulb_c = 0.0, max_dry_bulb_c = 0.0;
  /// 0.4 % design values: exceeded in 0.4 % of the hours (35 h of 8,760), ASHRAE Fundamentals
  /// ch. 14 definition (cooling dry-bulb, and evaporation wet-bulb).
  double design_dry_bulb_0_4_c = 0.0;
  double design_wet_bulb_0_4_c = 0.0;
  double max_wet_bulb_c = 0.0;
  double mean_rh = 0.0;  ///< 0..1
  double mean_pressure_pa = 0.0;
};

/// Statistics of a series. The 0.4 % values use value_exceeded with floor(0.004 n) hours (35 for
/// 8,760). Throws std::invalid_argument for an empty series or vectors of different lengths.
[[nodiscard]] WeatherStats weather_stats(const WeatherSeries& s);

/// Hours with dry-bulb strictly above threshold_c.
[[nodiscard]] std::size_t hours_above(const WeatherSeries& s, double threshold_c);

/// Monthly climate normals of one station: the input of synthetic_year.
struct MonthlyNormals {
  std::string name;    ///< shown name, e.g. "Phoenix AZ (Sky Harbor)"
  std::string source;  ///< short citation of the normals
  double latitude_deg = 0.0, longitude_deg = 0.0, elevation_m = 0.0;
  std::array<double, 12> mean_dry_bulb_c{};  ///< monthly mean of the daily mean, C
  std::array<double, 12> daily_range_k{};    ///< monthly mean of (daily max - daily min), K
  std::array<double, 12> mean_rh{};          ///< monthly mean relative humidity, 0..1
  /// Standard deviation of the day-to-day departure of the daily mean temperature, K (weather
  /// systems: small in a desert summer, large in a continental winter).
  std::array<double, 12> day_sd_k{};
  std::uint64_t seed = 1;  ///< seed of the day-to-day variation (same seed, same year)
};

/// A deterministic synthetic year (kHoursPerYear hours, non-leap) from monthly normals.
///
/// Method:
/// - Smooth seasonal course: periodic Catmull-Rom spline through one control point per month
///   (placed mid-month) for the daily mean, the daily range and the dew point.
/// - Day-to-day variation: a first-order autoregressive series (lag-1 correlation 0.7, the
///   persistence of synoptic weather) of standard normal numbers from a splitmix64 generator
///   seeded by `seed` (Box-Muller; no std:: distributions, so every platform gives the same
///   year), scaled by day_sd_k; the daily range varies by +-20 % (1 sd, clipped to 0.5..1.5),
///   warmer-than-normal days being clearer and so wider; the dew point follows half the
///   temperature departure plus its own departure (0.5 sd).
/// - Diurnal shape: minimum at 06:00, maximum at 15:00, half-cosine rise and fall, joined
///   continuously from one day's maximum to the next day's minimum.
/// - Calibration: the control points are corrected iteratively until each month's mean dry-bulb,
///   mean daily range and mean relative humidity reproduce the normals (passes stop at 0.001 K,
///   0.1 % of the range and 0.0002 in rh, or after 200 passes: a month whose humidity cannot be
///   reached, e.g. a mean rh near 1 with a wide daily range, keeps the last pass);
///   the dew point is capped at the dry-bulb (rh <= 1).
/// - Pressure: standard atmosphere at the elevation; wet-bulb from psychrometrics.
/// Throws std::invalid_argument for non-finite normals, rh outside (0, 1], negative ranges or sd.
[[nodiscard]] WeatherSeries synthetic_year(const MonthlyNormals& normals);

/// First day (0-based day of the year) of each month of a non-leap year, and 365 at the end.
inline constexpr std::array<int, 13> kMonthStartDay = {0,   31,  59,  90,  120, 151, 181,
                                                       212, 243, 273, 304, 334, 365};

}  // namespace dctwin::model::scenario
