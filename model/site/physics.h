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

/// Three-phase apparent power of a conductor or bus of ampacity_a at line voltage voltage_v.
inline double three_phase_va(double voltage_v, double ampacity_a) {
  return kSqrt3 * voltage_v * ampacity_a;
}

}  // namespace dctwin::model::physics
