#include "model/thermal/psychro.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dctwin::model::thermal {

namespace {
constexpr double kKelvin = 273.15;
constexpr double kMolarRatio = 0.621945;  // M_water / M_dry_air (ASHRAE eq. 20)
}  // namespace

double saturation_humidity_ratio(double t_c, double pressure_pa) {
  // Held below the total pressure, where air can no longer be saturated (boiling).
  const double pws = std::min(saturation_pressure_pa(t_c), 0.99 * pressure_pa);
  return kMolarRatio * pws / (pressure_pa - pws);
}

// ASHRAE eq. 33 (above freezing) and 35 (below).
double humidity_ratio_from_wet_bulb(double t, double twb, double p) {
  const double wsw = saturation_humidity_ratio(twb, p);
  if (twb >= 0)
    return ((2501.0 - 2.326 * twb) * wsw - 1.006 * (t - twb)) / (2501.0 + 1.86 * t - 4.186 * twb);
  return ((2830.0 - 0.24 * twb) * wsw - 1.006 * (t - twb)) / (2830.0 + 1.86 * t - 2.1 * twb);
}

double pressure_at_elevation_pa(double elevation_m) {
  return 101325.0 * std::pow(1.0 - 2.25577e-5 * elevation_m, 5.2559);
}

double saturation_pressure_pa(double t_c) {
  const double t = t_c + kKelvin;
  if (t_c >= 0.0) {
    return std::exp(-5.8002206e3 / t + 1.3914993 - 4.8640239e-2 * t + 4.1764768e-5 * t * t -
                    1.4452093e-8 * t * t * t + 6.5459673 * std::log(t));
  }
  return std::exp(-5.6745359e3 / t + 6.3925247 - 9.677843e-3 * t + 6.2215701e-7 * t * t +
                  2.0747825e-9 * t * t * t - 9.484024e-13 * t * t * t * t +
                  4.1635019 * std::log(t));
}

double humidity_ratio(double dry_bulb_c, double rh, double pressure_pa) {
  const double pw = rh * saturation_pressure_pa(dry_bulb_c);
  return kMolarRatio * pw / (pressure_pa - pw);
}

double wet_bulb_c(double dry_bulb_c, double rh, double pressure_pa) {
  if (!std::isfinite(dry_bulb_c) || !std::isfinite(rh) || !std::isfinite(pressure_pa) || rh < 0 ||
      rh > 1 || pressure_pa <= 0)
    throw std::invalid_argument(
        "wet-bulb needs a finite dry-bulb, a relative humidity in [0, 1] "
        "and a positive pressure");
  const double w = humidity_ratio(dry_bulb_c, rh, pressure_pa);
  // w_from_wet_bulb rises with the wet-bulb: bisect between a very dry and a saturated state.
  double lo = dry_bulb_c - 60.0, hi = dry_bulb_c;
  for (int i = 0; i < 100 && hi - lo > 1e-9; ++i) {
    const double mid = 0.5 * (lo + hi);
    (humidity_ratio_from_wet_bulb(dry_bulb_c, mid, pressure_pa) > w ? hi : lo) = mid;
  }
  return 0.5 * (lo + hi);
}

double rh_from_wet_bulb(double dry_bulb_c, double wet_bulb, double pressure_pa) {
  if (!(wet_bulb <= dry_bulb_c + 1e-12))
    throw std::invalid_argument("the wet-bulb temperature cannot exceed the dry-bulb");
  const double w = std::max(0.0, humidity_ratio_from_wet_bulb(dry_bulb_c, wet_bulb, pressure_pa));
  const double pw = pressure_pa * w / (kMolarRatio + w);
  return std::min(1.0, pw / saturation_pressure_pa(dry_bulb_c));
}

}  // namespace dctwin::model::thermal
