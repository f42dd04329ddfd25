// Physical properties used where equipment is sized (not equipment data: those live in the
// catalog). Values at typical facility-water conditions (about 30 C).
#pragma once

namespace dctwin::model::physics {

inline constexpr double kWaterDensity_kg_m3 = 995.7;  // IAPWS-95 at 30 C
inline constexpr double kWaterCp_J_kgK = 4178.0;      // IAPWS-95 at 30 C
inline constexpr double kSqrt3 = 1.7320508075688772;  // three-phase apparent power factor

/// Volume flow of water that carries heat_w at a temperature rise of delta_t_k.
inline double water_flow_m3_s(double heat_w, double delta_t_k) {
  return heat_w / (kWaterDensity_kg_m3 * kWaterCp_J_kgK * delta_t_k);
}

/// Electrical power of a variable-speed pump moving flow_m3_s on a system curve that keeps
/// min_head_frac of the rated head at zero flow (a differential pressure held at the far end of
/// the loop) and rises with the square of the flow to the rated head at the rated flow:
/// head = rated_head (m + (1 - m) (q / q_rated)^2), power = q head / efficiency (the drive holds
/// the pump near its best efficiency point). With m = 0 it is the cube law.
inline double pump_power_w(double flow_m3_s, double rated_flow_m3_s, double rated_head_pa,
                           double min_head_frac, double efficiency) {
  if (!(flow_m3_s > 0) || !(rated_flow_m3_s > 0) || !(efficiency > 0)) return 0.0;
  const double r = flow_m3_s / rated_flow_m3_s;
  const double head = rated_head_pa * (min_head_frac + (1.0 - min_head_frac) * r * r);
  return flow_m3_s * head / efficiency;
}

/// Three-phase apparent power of a conductor or bus of ampacity_a at line voltage voltage_v.
inline double three_phase_va(double voltage_v, double ampacity_a) {
  return kSqrt3 * voltage_v * ampacity_a;
}

}  // namespace dctwin::model::physics
