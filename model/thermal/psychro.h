// Moist-air properties (ASHRAE Handbook Fundamentals 2017, chapter 1): saturation pressure
// (Hyland-Wexler), humidity ratio, wet-bulb by the psychrometric equation, pressure by altitude.
#pragma once

namespace dctwin::model::thermal {

/// Standard-atmosphere pressure at an elevation (ASHRAE eq. 3), Pa.
[[nodiscard]] double pressure_at_elevation_pa(double elevation_m);
/// Saturation vapour pressure over water (t >= 0 C) or ice (t < 0 C), Pa (ASHRAE eq. 5, 6).
[[nodiscard]] double saturation_pressure_pa(double t_c);
/// Humidity ratio, kg water per kg dry air, from dry-bulb and relative humidity (0..1).
[[nodiscard]] double humidity_ratio(double dry_bulb_c, double rh, double pressure_pa);
/// Humidity ratio of saturated air at t_c (ASHRAE eq. 20 with 23).
[[nodiscard]] double saturation_humidity_ratio(double t_c, double pressure_pa);
/// Humidity ratio from dry-bulb and wet-bulb (ASHRAE eq. 33 above freezing, 35 below); negative
/// for a wet-bulb too low for the dry-bulb.
[[nodiscard]] double humidity_ratio_from_wet_bulb(double dry_bulb_c, double wet_bulb_c,
                                                  double pressure_pa);
/// Wet-bulb temperature from dry-bulb and relative humidity (0..1), C (ASHRAE eq. 33/35 solved
/// for the wet-bulb). Throws std::invalid_argument for rh outside [0, 1] or non-finite input.
[[nodiscard]] double wet_bulb_c(double dry_bulb_c, double rh, double pressure_pa);
/// Relative humidity (0..1) from dry-bulb and wet-bulb. Throws std::invalid_argument when the
/// wet-bulb is above the dry-bulb.
[[nodiscard]] double rh_from_wet_bulb(double dry_bulb_c, double wet_bulb_c, double pressure_pa);

}  // namespace dctwin::model::thermal
