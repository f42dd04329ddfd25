// Hall air model: steady 3D air flow and temperature in one data hall (issue 4).
//
// The hall description is solver neutral (boxes, faces and flows in SI units, the same content as
// the dc-hall-thermal-case/1 JSON); solve_hall_air() computes the air velocity and temperature on
// a Cartesian grid and the per-rack inlet temperatures that the hall's operators care about.
// Method (see hall_air.cpp and README.md): incompressible steady RANS on a staggered grid (SIMPLEC)
// with the Chen-Xu zero-equation eddy viscosity for indoor air, then a steady advection-diffusion
// solve for temperature with the rack exhaust coupled implicitly to the rack intake.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "model/common/progress.h"

namespace dctwin::model::thermal {

/// Axis-aligned box [min, max] in metres (x along the rows, y across, z up).
struct Box {
  std::array<double, 3> min{0, 0, 0};
  std::array<double, 3> max{0, 0, 0};
};

/// An axis-aligned rectangle on the plane `axis` = coord: lo/hi bound the other two axes in
/// increasing axis order (for axis 0: y then z; axis 1: x then z; axis 2: x then y).
struct Rect {
  int axis = 0;
  double coord = 0;
  std::array<double, 2> lo{0, 0};
  std::array<double, 2> hi{0, 0};
  [[nodiscard]] double area() const { return (hi[0] - lo[0]) * (hi[1] - lo[1]); }
};

struct AirProperties {
  double rho_kg_m3 = 1.19;
  double cp_j_kgk = 1006.0;
  double nu_m2_s = 1.5e-5;
  double pr = 0.71;   ///< molecular Prandtl number
  double prt = 0.85;  ///< turbulent Prandtl number
};

/// A rack: a solid box; air leaves the room through its front face and comes back through the
/// opposite (rear) face, uniformly, at flow_m3_s. Blanked racks (or power 0) move no air.
struct HallRack {
  std::string id;
  Box box;
  int front_axis = 1;        ///< axis normal to the front face
  bool front_at_max = true;  ///< front face on box.max[front_axis] (else on box.min)
  double power_w = 0;
  double flow_m3_s = 0;  ///< airflow through the rack; exhaust rise = P / (rho cp Q)
  bool blanked = false;
  [[nodiscard]] bool moves_air() const { return !blanked && flow_m3_s > 0; }
};

/// A cooling unit (CRAH, fan wall): supply and return openings on the room boundary. A failed
/// unit moves no air (its openings become walls); running units are not re-balanced.
struct HallCrah {
  std::string id;
  Rect supply;
  Rect ret;
  double supply_flow_m3_s = 0;
  double return_flow_m3_s = 0;
  double supply_temp_c = 20;
  bool failed = false;
};

/// A thin impermeable panel (containment door, roof, curtain) on a grid plane.
struct HallPanel {
  std::string id;
  Rect rect;
};

struct HallDescription {
  std::string name;
  Box room;
  AirProperties air;
  std::vector<HallRack> racks;
  std::vector<HallCrah> crahs;
  std::vector<HallPanel> panels;
};

struct HallSolveOptions {
  double cell_m = 0.3;       ///< largest cell edge; grid lines also fall on every geometry edge
  int max_iterations = 600;  ///< SIMPLEC iterations for the flow
  /// When the residuals have not fallen below the tolerances by max_iterations, the velocity is
  /// averaged over this many last iterations (as the OpenFOAM reference does); the solve counts
  /// as converged when the mass residual then is below plateau_tolerance.
  int averaging_iterations = 200;
  double plateau_tolerance = 0.1;
  /// Converged when the mass residual (sum of |cell imbalance| / total flow) and the largest
  /// velocity change in one iteration (relative to the largest velocity) are below these. Rack
  /// inlet temperatures settle before the residuals do: on the reference hall running on from
  /// these values to 1e-4 moved no mean inlet temperature by more than 0.1 K.
  double mass_tolerance = 2e-2;
  double velocity_tolerance = 1e-2;
  bool second_order = true;        ///< TVD (van Leer) advection by deferred correction
  double energy_tolerance = 1e-3;  ///< reported as failure when the energy balance is worse
};

/// ASHRAE TC 9.9, "Thermal Guidelines for Data Processing Environments", 5th edition (2021),
/// air-cooled equipment inlet (dry-bulb) ranges; the same numbers as DOMAIN.md (Cooling).
struct AshraeRange {
  const char* name;
  double min_c;
  double max_c;
};
inline constexpr std::array<AshraeRange, 5> kAshraeInletRanges{{
    {"recommended", 18.0, 27.0},
    {"A1", 15.0, 32.0},
    {"A2", 10.0, 35.0},
    {"A3", 5.0, 40.0},
    {"A4", 5.0, 45.0},
}};

struct RackAirResult {
  std::string id;
  double inlet_mean_c = 0;   ///< flow-weighted (area-weighted for blanked racks) front-face mean
  double inlet_max_c = 0;    ///< hottest front-face cell
  double exhaust_c = 0;      ///< inlet_mean + P / (rho cp Q); equal to inlet_mean when no flow
  bool recommended = false;  ///< inlet_mean inside the ASHRAE recommended range
  std::string ashrae_class;  ///< tightest allowable class (A1..A4) met by inlet_mean, "" if none
};

struct HallAirResult {
  bool converged = false;
  std::string message;
  // Grid: cell centres are (xc[i], yc[j], zc[k]); field index i + nx*(j + ny*k).
  int nx = 0, ny = 0, nz = 0;
  std::vector<double> xf, yf, zf;  ///< grid lines (faces), nx+1 etc.
  std::vector<double> xc, yc, zc;
  std::vector<char> solid;                          ///< 1 inside racks
  std::vector<double> temp_c;                       ///< cell temperature (NaN in solid cells)
  std::vector<std::array<double, 3>> velocity_m_s;  ///< cell-centred velocity
  std::vector<RackAirResult> racks;
  double shi = 0, rhi = 0;  ///< supply / return heat index (Sharma et al. 2002)
  int iterations = 0;
  double mass_residual = 0;  ///< final mass residual / total flow
  double solve_s = 0;
  double energy_in_w = 0;             ///< rack heat
  double energy_out_w = 0;            ///< sum over returns rho cp Q (T_return - T_supply)
  double energy_balance_error = 0;    ///< (out - in) / in
  std::vector<double> crah_return_c;  ///< flow-weighted return temperature per unit

  [[nodiscard]] int cells() const { return nx * ny * nz; }
  /// Temperature at a point by trilinear interpolation of fluid cells; NaN inside a rack.
  [[nodiscard]] double temperature_at(double x, double y, double z) const;
};

/// Checks the description (boxes inside the room, openings on the boundary, flows balanced);
/// returns one message per problem, naming the entity and the fix. Empty when valid.
std::vector<std::string> check_hall(const HallDescription& hall);

/// Solves the steady air flow and temperature. Throws std::invalid_argument when check_hall()
/// finds problems and Cancelled when progress is cancelled.
HallAirResult solve_hall_air(const HallDescription& hall, const HallSolveOptions& options,
                             Progress& progress);
HallAirResult solve_hall_air(const HallDescription& hall, const HallSolveOptions& options = {});

}  // namespace dctwin::model::thermal
