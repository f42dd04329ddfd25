// Component models of the heat rejection plant at one operating point, each from its catalog
// rating point and the weather:
// - wet cooling towers: counterflow heat and mass exchange by Braun's effectiveness-NTU form of
//   Merkel's model (J. E. Braun, S. A. Klein, J. W. Mitchell, "Effectiveness models for cooling
//   towers and cooling coils", ASHRAE Transactions 95(2), 1989), the tower's transfer
//   coefficient calibrated at its rating point and scaled with the water and air flows by the
//   Merkel correlation KaV/L = c (L/G)^-n; evaporation from the air's moisture balance (outlet
//   air saturated at its enthalpy);
// - dry coolers: sensible cross-flow effectiveness-NTU, the conductance calibrated at the rating
//   point and scaled with airflow, with optional adiabatic pre-cooling of the inlet air;
// - fans by the cube law between a minimum speed and full speed.
// Pure functions of their inputs; plant.cpp decides which speed each unit runs at.
#pragma once

#include "model/site/catalog.h"

namespace dctwin::model::thermal {

/// Moist air (ASHRAE Handbook Fundamentals 2017, ch. 1).
namespace air {
/// Specific enthalpy of moist air, J per kg dry air (eq. 30).
[[nodiscard]] double enthalpy_j_kg(double t_c, double w);
/// Enthalpy of saturated air at t_c.
[[nodiscard]] double saturated_enthalpy_j_kg(double t_c, double pressure_pa);
/// Humidity ratio from dry- and wet-bulb (psychro.h), at least zero.
[[nodiscard]] double w_from_wet_bulb(double dry_bulb_c, double wet_bulb_c, double pressure_pa);
/// Temperature of saturated air of enthalpy h (inverse of saturated_enthalpy_j_kg).
[[nodiscard]] double saturation_temp_for_enthalpy_c(double h_j_kg, double pressure_pa);
/// Latent heat of vaporisation of water at t_c, J/kg (linear fit, 2501 kJ/kg at 0 C).
[[nodiscard]] double latent_heat_j_kg(double t_c);
}  // namespace air

/// A cooling tower type at its rating point (from the catalog).
struct TowerRating {
  double capacity_w = 0;
  double wet_bulb_c = 0;  ///< rating wet-bulb
  double range_k = 0;     ///< rating water temperature drop
  double approach_k = 0;  ///< rating cold-water temperature less the wet-bulb
  double l_over_g = 0;    ///< rating water to dry-air mass flow ratio
  double merkel_exponent = 0;
  double fan_power_w = 0;  ///< at full speed
  double min_fan_speed_frac = 0;
  double water_flow_kg_s = 0;  ///< at rating (capacity / cp / range)
  double air_flow_kg_s = 0;    ///< at rating (water flow / L/G), full fan speed
  double ntu_rating = 0;       ///< air-side NTU (hD A / m_air) found at the rating point
  /// From a cooling_tower catalog item. Throws std::invalid_argument when the rating point cannot
  /// be met by any tower (an approach or range that is not positive).
  static TowerRating from(const CatalogItem& item);
};

/// One operating point of a tower or dry cooler.
struct RejectionPoint {
  double fan_speed_frac = 0;
  double fan_power_w = 0;
  double heat_w = 0;           ///< heat rejected
  double water_in_c = 0;       ///< hot water from the loop
  double water_out_c = 0;      ///< cold water to the loop
  double water_kg_s = 0;       ///< evaporated: by the tower's fill, or by a dry cooler's pads
  double air_in_c = 0;         ///< dry coolers: air entering the coil (after wet pads)
  bool adiabatic = false;      ///< dry coolers: the pads are wet
  bool at_min_speed = false;   ///< the fan can go no slower: the water leaves colder than asked
  bool at_full_speed = false;  ///< the fan can go no faster: the water may leave warmer
};
using TowerPoint = RejectionPoint;
using DryCoolerPoint = RejectionPoint;

/// Heat a tower rejects at a fan speed, water inlet temperature and water flow.
[[nodiscard]] TowerPoint tower_at(const TowerRating& t, double fan_speed_frac, double water_in_c,
                                  double water_flow_kg_s, double dry_bulb_c, double wet_bulb_c,
                                  double pressure_pa);
/// The operating point that rejects heat_w from water_flow_kg_s with the cold water as near
/// target_out_c as the fan allows: the slowest fan speed that reaches it, at least the minimum
/// speed (then the water leaves colder), at most full speed (then warmer).
[[nodiscard]] TowerPoint tower_for_heat(const TowerRating& t, double heat_w, double water_flow_kg_s,
                                        double target_out_c, double dry_bulb_c, double wet_bulb_c,
                                        double pressure_pa);

/// Heat one tower rejects at full fan speed cooling water from cold_c + range_k to cold_c: its
/// capacity at a site's design weather and loop temperatures (the rating's capacity_w holds only at
/// the rating point).
[[nodiscard]] double tower_capacity_w(const TowerRating& t, double cold_c, double range_k,
                                      double dry_bulb_c, double wet_bulb_c, double pressure_pa);

/// A dry cooler type at its rating point (from the catalog).
struct DryCoolerRating {
  double capacity_w = 0;
  double dry_bulb_c = 0;  ///< rating inlet air temperature
  double range_k = 0;     ///< rating water temperature drop
  double approach_k = 0;  ///< rating water outlet less the inlet air temperature
  double air_rise_k = 0;  ///< rating air temperature rise through the coil
  double ua_air_exponent = 0;
  double fan_power_w = 0;
  double min_fan_speed_frac = 0;
  double adiabatic_effectiveness = 0;  ///< pre-cooling pads: 0 when none
  double water_flow_kg_s = 0;
  double air_flow_kg_s = 0;  ///< at full fan speed
  double ntu_rating = 0;     ///< on the smaller capacity rate, at rating
  static DryCoolerRating from(const CatalogItem& item);
};

[[nodiscard]] DryCoolerPoint dry_cooler_at(const DryCoolerRating& d, double fan_speed_frac,
                                           bool adiabatic, double water_in_c,
                                           double water_flow_kg_s, double dry_bulb_c,
                                           double wet_bulb_c, double pressure_pa);
/// As tower_for_heat; the pads run only when the fans at full speed cannot reach the target.
[[nodiscard]] DryCoolerPoint dry_cooler_for_heat(const DryCoolerRating& d, double heat_w,
                                                 double water_flow_kg_s, double target_out_c,
                                                 double dry_bulb_c, double wet_bulb_c,
                                                 double pressure_pa);

/// The same for a dry cooler, pads wet where it has them.
[[nodiscard]] double dry_cooler_capacity_w(const DryCoolerRating& d, double cold_c, double range_k,
                                           double dry_bulb_c, double wet_bulb_c,
                                           double pressure_pa);

/// Electrical power of a chiller of capacity_w carrying load_w with condenser water entering at
/// condenser_c and chilled water leaving at chilled_c: the rated power (capacity over cop_rated)
/// times the part-load curve at load over capacity times the lift correction 1 -
/// cop_change_frac_per_k (rated lift - lift), the lift held at least min_lift_k (head-pressure
/// control). by_lift gives that correction; it is not positive only for a catalog whose
/// coefficient is too large for the lift (the power is then 0).
struct ChillerPower {
  double power_w = 0;
  double lift_k = 0;
  double by_lift = 0;
};
[[nodiscard]] ChillerPower chiller_power(const CatalogItem& chiller, double capacity_w,
                                         double load_w, double condenser_c, double chilled_c);

/// Counterflow heat exchanger effectiveness for NTU (on the smaller capacity rate) and capacity
/// rate ratio cr in [0, 1].
[[nodiscard]] double counterflow_effectiveness(double ntu, double cr);
/// Cross-flow, both fluids unmixed (Incropera and DeWitt, Fundamentals of Heat and Mass Transfer,
/// table 11.3, eq. 11.32).
[[nodiscard]] double crossflow_effectiveness(double ntu, double cr);

}  // namespace dctwin::model::thermal
