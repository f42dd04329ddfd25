#include "model/thermal/equipment.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "model/site/physics.h"
#include "model/thermal/psychro.h"

namespace dctwin::model::thermal {

namespace {

// ASHRAE Handbook Fundamentals 2017 ch. 1: dry air cp 1.006 kJ/kgK, water vapour cp 1.86 kJ/kgK,
// latent heat at 0 C 2501 kJ/kg (eq. 30).
constexpr double kCpDryAir = 1006.0;
constexpr double kCpVapour = 1860.0;
constexpr double kLatent0 = 2.501e6;
// Liquid water's latent heat falls about 2.37 kJ/kg per K (IAPWS: 2501 kJ/kg at 0 C, 2406 at 40 C).
constexpr double kLatentSlope = 2370.0;
// The rating point of a tower or dry cooler is at sea level (CTI STD-201, AHRI 460/EN 1048).
constexpr double kRatingPressure = 101325.0;
constexpr double kCpWater = physics::kWaterCp_J_kgK;

std::string who(const CatalogItem& item) { return "catalog item '" + item.key + "'"; }

// Smallest x in [lo, hi] (f increasing) with f(x) >= target, by bisection to tol.
template <class F>
double bisect_up(F f, double target, double lo, double hi, double tol) {
  for (int i = 0; i < 100 && hi - lo > tol; ++i) {
    const double mid = 0.5 * (lo + hi);
    (f(mid) >= target ? hi : lo) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

namespace air {

double enthalpy_j_kg(double t_c, double w) {
  return kCpDryAir * t_c + w * (kLatent0 + kCpVapour * t_c);
}

double saturated_enthalpy_j_kg(double t_c, double pressure_pa) {
  return enthalpy_j_kg(t_c, saturation_humidity_ratio(t_c, pressure_pa));
}

double w_from_wet_bulb(double t, double twb, double p) {
  return std::max(0.0, humidity_ratio_from_wet_bulb(t, twb, p));
}

double saturation_temp_for_enthalpy_c(double h, double pressure_pa) {
  // Saturated enthalpy rises monotonically with temperature.
  double lo = -60.0, hi = 90.0;
  for (int i = 0; i < 60 && hi - lo > 1e-6; ++i) {
    const double mid = 0.5 * (lo + hi);
    (saturated_enthalpy_j_kg(mid, pressure_pa) >= h ? hi : lo) = mid;
  }
  return 0.5 * (lo + hi);
}

double latent_heat_j_kg(double t_c) { return kLatent0 - kLatentSlope * t_c; }

}  // namespace air

double counterflow_effectiveness(double ntu, double cr) {
  if (!(ntu > 0)) return 0.0;
  cr = std::clamp(cr, 0.0, 1.0);
  if (std::abs(1 - cr) < 1e-9) return ntu / (1 + ntu);
  const double e = std::exp(-ntu * (1 - cr));
  return (1 - e) / (1 - cr * e);
}

double crossflow_effectiveness(double ntu, double cr) {
  if (!(ntu > 0)) return 0.0;
  cr = std::clamp(cr, 0.0, 1.0);
  if (cr < 1e-9) return 1 - std::exp(-ntu);
  return 1 - std::exp(std::pow(ntu, 0.22) / cr * (std::exp(-cr * std::pow(ntu, 0.78)) - 1));
}

// ---- cooling towers ----------------------------------------------------------------------------

namespace {

struct TowerExchange {
  double heat_w = 0;
  double water_out_c = 0;
  double ntu_air = 0;
};

// Braun's effectiveness model: the water side as an equivalent air stream through the slope cs of
// the saturation enthalpy between the water's inlet and outlet temperatures (iterated, as the
// outlet is what it finds).
TowerExchange tower_exchange(const TowerRating& t, double air_kg_s, double water_in_c,
                             double water_kg_s, double h_air_in, double pressure_pa) {
  TowerExchange x;
  x.water_out_c = water_in_c;
  if (!(air_kg_s > 0) || !(water_kg_s > 0)) return x;
  const double lg = water_kg_s / air_kg_s, lg0 = t.water_flow_kg_s / t.air_flow_kg_s;
  x.ntu_air = t.ntu_rating * std::pow(lg / lg0, 1.0 - t.merkel_exponent);
  const double h_in = air::saturated_enthalpy_j_kg(water_in_c, pressure_pa);
  if (!(h_in > h_air_in)) return x;  // the air is at least as warm and humid as the water: none
  double t_out = water_in_c - 5.0;
  for (int it = 0; it < 30; ++it) {
    const double dt = water_in_c - t_out;
    const double cs = std::abs(dt) > 1e-6
                          ? (h_in - air::saturated_enthalpy_j_kg(t_out, pressure_pa)) / dt
                          : (air::saturated_enthalpy_j_kg(water_in_c + 0.05, pressure_pa) -
                             air::saturated_enthalpy_j_kg(water_in_c - 0.05, pressure_pa)) /
                                0.1;
    const double c_air = air_kg_s, c_water = water_kg_s * kCpWater / cs;
    const double c_min = std::min(c_air, c_water), c_max = std::max(c_air, c_water);
    const double ntu = x.ntu_air * air_kg_s / c_min;
    const double q = counterflow_effectiveness(ntu, c_min / c_max) * c_min * (h_in - h_air_in);
    const double next = water_in_c - q / (water_kg_s * kCpWater);
    x.heat_w = q;
    if (std::abs(next - t_out) < 1e-5) {
      t_out = next;
      break;
    }
    t_out = 0.5 * (t_out + next);
  }
  x.water_out_c = water_in_c - x.heat_w / (water_kg_s * kCpWater);
  return x;
}

}  // namespace

TowerRating TowerRating::from(const CatalogItem& item) {
  TowerRating t;
  t.capacity_w = item.get("capacity_w");
  t.wet_bulb_c = item.get("rating_wet_bulb_c");
  t.range_k = item.get("rating_range_k");
  t.approach_k = item.get("approach_k");
  t.l_over_g = item.get("rating_l_over_g");
  t.merkel_exponent = item.get("merkel_exponent");
  t.fan_power_w = item.get("fan_power_frac") * t.capacity_w;
  t.min_fan_speed_frac = item.get("min_fan_speed_frac");
  if (!(t.range_k > 0) || !(t.approach_k > 0) || !(t.l_over_g > 0) || !(t.capacity_w > 0))
    throw std::invalid_argument(who(item) +
                                " needs a positive capacity, rating range, approach and L/G");
  t.water_flow_kg_s = t.capacity_w / (kCpWater * t.range_k);
  t.air_flow_kg_s = t.water_flow_kg_s / t.l_over_g;
  // Find the NTU that rejects the rated heat at the rating point (air at its wet-bulb saturated,
  // the usual rating assumption: only the wet-bulb is specified).
  const double p = kRatingPressure;
  const double h_air = air::saturated_enthalpy_j_kg(t.wet_bulb_c, p);
  const double w_in = t.wet_bulb_c + t.approach_k + t.range_k;
  auto rejected = [&](double ntu) {
    TowerRating probe = t;
    probe.ntu_rating = ntu;
    return tower_exchange(probe, t.air_flow_kg_s, w_in, t.water_flow_kg_s, h_air, p).heat_w;
  };
  if (rejected(50.0) < t.capacity_w)
    throw std::invalid_argument(who(item) + ": no tower reaches a " + std::to_string(t.approach_k) +
                                " K approach at L/G " + std::to_string(t.l_over_g) +
                                ": raise the approach or lower L/G");
  t.ntu_rating = bisect_up(rejected, t.capacity_w, 1e-3, 50.0, 1e-7);
  return t;
}

TowerPoint tower_at(const TowerRating& t, double speed, double water_in_c, double water_kg_s,
                    double dry_bulb_c, double wet_bulb_c, double pressure_pa) {
  TowerPoint pt;
  pt.fan_speed_frac = speed;
  pt.fan_power_w = t.fan_power_w * speed * speed * speed;
  pt.water_in_c = water_in_c;
  const double w_in =
      air::w_from_wet_bulb(dry_bulb_c, std::min(wet_bulb_c, dry_bulb_c), pressure_pa);
  const double h_in = air::enthalpy_j_kg(dry_bulb_c, w_in);
  const double m_air = t.air_flow_kg_s * speed;
  const TowerExchange x = tower_exchange(t, m_air, water_in_c, water_kg_s, h_in, pressure_pa);
  pt.heat_w = x.heat_w;
  pt.water_out_c = x.water_out_c;
  if (m_air > 0 && x.heat_w > 0) {
    // Braun (1989): the outlet air's humidity from an effective saturated state.
    const double h_out = h_in + x.heat_w / m_air;
    const double h_eff = h_in + (h_out - h_in) / (1 - std::exp(-x.ntu_air));
    const double w_eff = saturation_humidity_ratio(
        air::saturation_temp_for_enthalpy_c(h_eff, pressure_pa), pressure_pa);
    const double w_out = w_eff + (w_in - w_eff) * std::exp(-x.ntu_air);
    pt.water_kg_s = std::max(0.0, m_air * (w_out - w_in));
  }
  return pt;
}

TowerPoint tower_for_heat(const TowerRating& t, double heat_w, double water_kg_s,
                          double target_out_c, double dry_bulb_c, double wet_bulb_c,
                          double pressure_pa) {
  const double s_min = std::clamp(t.min_fan_speed_frac, 1e-3, 1.0);
  if (!(heat_w > 0) || !(water_kg_s > 0)) {
    TowerPoint pt = tower_at(t, 0.0, target_out_c, water_kg_s, dry_bulb_c, wet_bulb_c, pressure_pa);
    pt.water_out_c = target_out_c;
    pt.at_min_speed = true;
    return pt;
  }
  const double range = heat_w / (water_kg_s * kCpWater);
  const double hot = target_out_c + range;
  auto at = [&](double s, double in, double flow) {
    return tower_at(t, s, in, flow, dry_bulb_c, wet_bulb_c, pressure_pa);
  };
  const TowerPoint full = at(1.0, hot, water_kg_s);
  if (full.heat_w < heat_w) {
    // The target is out of reach: the loop runs warmer until the tower at full speed rejects it.
    const double lo = std::max(hot, wet_bulb_c);
    const double in = bisect_up([&](double x) { return at(1.0, x, water_kg_s).heat_w; }, heat_w, lo,
                                lo + range + 80.0, 1e-4);
    TowerPoint pt = at(1.0, in, water_kg_s);
    pt.water_out_c = in - range;
    pt.at_full_speed = true;
    return pt;
  }
  if (at(s_min, hot, water_kg_s).heat_w <= heat_w) {
    const double s = bisect_up([&](double x) { return at(x, hot, water_kg_s).heat_w; }, heat_w,
                               s_min, 1.0, 1e-5);
    TowerPoint pt = at(s, hot, water_kg_s);
    pt.water_out_c = target_out_c;
    pt.heat_w = heat_w;
    return pt;
  }
  // Even the slowest fan overcools: a bypass sends part of the water round the fill, so the mixed
  // water leaves at the target (towers are not run below their minimum speed, to avoid icing and
  // uneven fill loading).
  const double flow = bisect_up([&](double f) { return at(s_min, hot, f).heat_w; }, heat_w,
                                1e-6 * water_kg_s, water_kg_s, 1e-6 * water_kg_s);
  TowerPoint pt = at(s_min, hot, flow);
  pt.water_out_c = target_out_c;
  pt.heat_w = heat_w;
  pt.at_min_speed = true;
  return pt;
}

// ---- dry coolers -------------------------------------------------------------------------------

namespace {

double dry_heat(const DryCoolerRating& d, double speed, double water_in_c, double water_kg_s,
                double air_in_c, double cp_air) {
  const double m_air = d.air_flow_kg_s * speed;
  if (!(m_air > 0) || !(water_kg_s > 0) || !(water_in_c > air_in_c)) return 0.0;
  const double c_air = m_air * cp_air, c_water = water_kg_s * kCpWater;
  const double c_min = std::min(c_air, c_water), c_max = std::max(c_air, c_water);
  const double c_min0 = std::min(d.air_flow_kg_s * kCpDryAir, d.water_flow_kg_s * kCpWater);
  const double ua = d.ntu_rating * c_min0 * std::pow(speed, d.ua_air_exponent);
  return crossflow_effectiveness(ua / c_min, c_min / c_max) * c_min * (water_in_c - air_in_c);
}

}  // namespace

DryCoolerRating DryCoolerRating::from(const CatalogItem& item) {
  DryCoolerRating d;
  d.capacity_w = item.get("capacity_w");
  d.dry_bulb_c = item.get("rating_dry_bulb_c");
  d.range_k = item.get("rating_range_k");
  d.approach_k = item.get("approach_k");
  d.air_rise_k = item.get("rating_air_rise_k");
  d.ua_air_exponent = item.get("ua_air_exponent");
  d.fan_power_w = item.get("fan_power_frac") * d.capacity_w;
  d.min_fan_speed_frac = item.get("min_fan_speed_frac");
  d.adiabatic_effectiveness = item.get("adiabatic_effectiveness");
  if (!(d.range_k > 0) || !(d.approach_k > 0) || !(d.air_rise_k > 0) || !(d.capacity_w > 0))
    throw std::invalid_argument(who(item) +
                                " needs a positive capacity, rating range, approach and air rise");
  d.water_flow_kg_s = d.capacity_w / (kCpWater * d.range_k);
  d.air_flow_kg_s = d.capacity_w / (kCpDryAir * d.air_rise_k);
  const double c_air = d.air_flow_kg_s * kCpDryAir, c_water = d.water_flow_kg_s * kCpWater;
  const double c_min = std::min(c_air, c_water), c_max = std::max(c_air, c_water);
  const double e = d.capacity_w / (c_min * (d.approach_k + d.range_k));
  if (!(e < crossflow_effectiveness(60.0, c_min / c_max)))
    throw std::invalid_argument(who(item) + ": no cross-flow coil reaches a " +
                                std::to_string(d.approach_k) + " K approach with a " +
                                std::to_string(d.air_rise_k) +
                                " K air rise: raise the approach or the air rise");
  d.ntu_rating = bisect_up([&](double n) { return crossflow_effectiveness(n, c_min / c_max); }, e,
                           1e-4, 60.0, 1e-9);
  return d;
}

DryCoolerPoint dry_cooler_at(const DryCoolerRating& d, double speed, bool adiabatic,
                             double water_in_c, double water_kg_s, double dry_bulb_c,
                             double wet_bulb_c, double pressure_pa) {
  DryCoolerPoint pt;
  pt.fan_speed_frac = speed;
  pt.fan_power_w = d.fan_power_w * speed * speed * speed;
  pt.water_in_c = water_in_c;
  pt.adiabatic = adiabatic && d.adiabatic_effectiveness > 0;
  const double wb = std::min(wet_bulb_c, dry_bulb_c);
  const double w_in = air::w_from_wet_bulb(dry_bulb_c, wb, pressure_pa);
  double t_air = dry_bulb_c, w_air = w_in;
  if (pt.adiabatic) {
    // Evaporative pads: constant enthalpy towards the wet-bulb, by their effectiveness.
    t_air = dry_bulb_c - d.adiabatic_effectiveness * (dry_bulb_c - wb);
    const double h = air::enthalpy_j_kg(dry_bulb_c, w_in);
    w_air = (h - kCpDryAir * t_air) / (kLatent0 + kCpVapour * t_air);
  }
  pt.air_in_c = t_air;
  const double cp_air = kCpDryAir + kCpVapour * w_air;
  pt.heat_w = dry_heat(d, speed, water_in_c, water_kg_s, t_air, cp_air);
  pt.water_out_c = water_kg_s > 0 ? water_in_c - pt.heat_w / (water_kg_s * kCpWater) : water_in_c;
  pt.water_kg_s = pt.adiabatic ? d.air_flow_kg_s * speed * std::max(0.0, w_air - w_in) : 0.0;
  return pt;
}

DryCoolerPoint dry_cooler_for_heat(const DryCoolerRating& d, double heat_w, double water_kg_s,
                                   double target_out_c, double dry_bulb_c, double wet_bulb_c,
                                   double pressure_pa) {
  const double s_min = std::clamp(d.min_fan_speed_frac, 1e-3, 1.0);
  auto at = [&](double s, bool pads, double in, double flow) {
    return dry_cooler_at(d, s, pads, in, flow, dry_bulb_c, wet_bulb_c, pressure_pa);
  };
  if (!(heat_w > 0) || !(water_kg_s > 0)) {
    DryCoolerPoint pt = at(0.0, false, target_out_c, water_kg_s);
    pt.water_out_c = target_out_c;
    pt.at_min_speed = true;
    return pt;
  }
  const double range = heat_w / (water_kg_s * kCpWater);
  const double hot = target_out_c + range;
  bool pads = false;
  if (at(1.0, false, hot, water_kg_s).heat_w < heat_w) {
    pads = d.adiabatic_effectiveness > 0;
    if (!pads || at(1.0, true, hot, water_kg_s).heat_w < heat_w) {
      const double lo = std::max(hot, dry_bulb_c);
      const double in = bisect_up([&](double x) { return at(1.0, pads, x, water_kg_s).heat_w; },
                                  heat_w, lo, lo + range + 80.0, 1e-4);
      DryCoolerPoint pt = at(1.0, pads, in, water_kg_s);
      pt.water_out_c = in - range;
      pt.at_full_speed = true;
      return pt;
    }
  }
  if (at(s_min, pads, hot, water_kg_s).heat_w <= heat_w) {
    const double s = bisect_up([&](double x) { return at(x, pads, hot, water_kg_s).heat_w; },
                               heat_w, s_min, 1.0, 1e-5);
    DryCoolerPoint pt = at(s, pads, hot, water_kg_s);
    pt.water_out_c = target_out_c;
    pt.heat_w = heat_w;
    return pt;
  }
  const double flow = bisect_up([&](double f) { return at(s_min, pads, hot, f).heat_w; }, heat_w,
                                1e-6 * water_kg_s, water_kg_s, 1e-6 * water_kg_s);
  DryCoolerPoint pt = at(s_min, pads, hot, flow);
  pt.water_out_c = target_out_c;
  pt.heat_w = heat_w;
  pt.at_min_speed = true;
  return pt;
}

namespace {
// Largest heat q whose water flow q / (cp range) the unit cools by range_k to cold_c: at_heat(q)
// falls short of q above it and exceeds it below.
template <class F>
double capacity_at(F rejected, double rated_w, double range_k) {
  const auto flow = [&](double q) { return q / (kCpWater * range_k); };
  double lo = 0.0, hi = rated_w;
  for (int i = 0; i < 40 && rejected(hi, flow(hi)) >= hi; ++i) {
    lo = hi;
    hi *= 2;
  }
  for (int i = 0; i < 60 && hi - lo > 1e-6 * rated_w; ++i) {
    const double mid = 0.5 * (lo + hi);
    (rejected(mid, flow(mid)) >= mid ? lo : hi) = mid;
  }
  return lo;
}
}  // namespace

double tower_capacity_w(const TowerRating& t, double cold_c, double range_k, double dry_bulb_c,
                        double wet_bulb_c, double pressure_pa) {
  if (!(range_k > 0)) return 0.0;
  return capacity_at(
      [&](double, double flow) {
        return tower_at(t, 1.0, cold_c + range_k, flow, dry_bulb_c, wet_bulb_c, pressure_pa).heat_w;
      },
      t.capacity_w, range_k);
}

double dry_cooler_capacity_w(const DryCoolerRating& d, double cold_c, double range_k,
                             double dry_bulb_c, double wet_bulb_c, double pressure_pa) {
  if (!(range_k > 0)) return 0.0;
  const bool pads = d.adiabatic_effectiveness > 0;
  return capacity_at(
      [&](double, double flow) {
        return dry_cooler_at(d, 1.0, pads, cold_c + range_k, flow, dry_bulb_c, wet_bulb_c,
                             pressure_pa)
            .heat_w;
      },
      d.capacity_w, range_k);
}

ChillerPower chiller_power(const CatalogItem& c, double capacity_w, double load_w,
                           double condenser_c, double chilled_c) {
  ChillerPower out;
  const double lift_rated = c.get("rated_condenser_temp_c") - c.get("rated_evaporator_temp_c");
  out.lift_k = std::max(condenser_c - chilled_c, c.get("min_lift_k"));
  out.by_lift = 1.0 - c.get("cop_change_frac_per_k") * (lift_rated - out.lift_k);
  const double lf = capacity_w > 0 ? load_w / capacity_w : 0.0;
  out.power_w = capacity_w / c.get("cop_rated") * c.curve("part_load_power").at(lf) *
                std::max(0.0, out.by_lift);
  return out;
}

}  // namespace dctwin::model::thermal
