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
#include <cstdint>
#include <stdexcept>
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

  [[nodiscard]] std::int64_t cells() const {
    return std::int64_t{nx} * std::int64_t{ny} * std::int64_t{nz};
  }
  /// Temperature at a point by trilinear interpolation of fluid cells; NaN inside a rack.
  [[nodiscard]] double temperature_at(double x, double y, double z) const;
};

// ---- Size limits -------------------------------------------------------------------------
// solve_hall_air() counts its grid before it allocates anything and refuses one that would not
// fit in memory or whose geometry set-up alone would take minutes (HallGridTooLarge). The
// numbers were measured with getrusage (peak resident memory) and wall-clock timers on this
// code, GCC 12 -O2, one core; README.md "Hall air model" quotes them.

/// Largest cell edge callers offer (dctwin-cli --cell, the GUI): at 2 m a 0.6 m rack is already
/// one cell wide, so larger cells only make the grid coarser where nothing is resolved anyway.
inline constexpr double kMaxHallAirCellM = 2.0;
/// Memory one hall's solve may take: 8 GB, a third of the 24 GB machine dctwin is sized for, so
/// that the GUI, the fields of the halls solved before and the system keep the rest.
inline constexpr double kHallAirMemoryBudgetBytes = 8e9;
/// Peak memory per cell: fields, the staggered face velocities and momentum rows, the pressure
/// matrix with its incomplete Cholesky factor, the temperature matrix with its ILUT factor
/// (fill factor 10). Measured 1,485 to 1,611 bytes a cell (reference hall at 0.3 to 0.1 m, a
/// one-rack room at 0.05 m, 20,000 to 553,000 cells).
inline constexpr double kHallAirBytesPerCell = 1600;
/// Peak memory per rack coupling: the temperature matrix couples every cell behind a rack's rear
/// face to every cell in front of its front face (the exhaust is the flow-weighted inlet mean
/// plus the rise), front cells x rear cells entries per rack, which grows as cell^-4. Measured
/// about 120 bytes each (triplet, matrix entry and the ILUT fill they bring) on a 2 x 2.5 m rack
/// face at 0.05 m (4 million couplings, +478 MB).
inline constexpr double kHallAirBytesPerCoupling = 128;
/// The cell limit: the memory budget at kHallAirBytesPerCell, 5,000,000 cells (couplings count
/// against the same budget). Time grows with it: about 1.5 us per cell and SIMPLEC iteration (up
/// to HallSolveOptions::max_iterations) plus the temperature solve, so a hall near the limit
/// runs for hours; the CLI reports progress on stderr.
inline constexpr std::int64_t kMaxHallAirCells =
    static_cast<std::int64_t>(kHallAirMemoryBudgetBytes / kHallAirBytesPerCell);
/// The wall distance of the eddy viscosity model tests every cell against every rack and panel:
/// cells x (racks + panels) box distances, measured 3.5 ns each, so 1e10 is about 35 s. Real
/// halls stay far below (the gigawatt template's 320-rack hall at 0.1 m: 3e8; 2,000 racks on
/// 2.5 million cells: 5e9); 20,000 racks on the 4.4 million cells of a 300 x 100 m room at
/// 0.3 m are 9e10 and refused: split such a case into halls, or use coarser cells.
inline constexpr double kMaxHallAirGeometryWork = 1e10;

/// Racks in one hall: 5,000. The templates' largest halls hold 320 racks and real data halls a
/// few thousand; per rack the set-up walks the grid planes of its faces and every SIMPLEC and
/// temperature iteration its face cells, so a 20,000-rack case at any grid that fits runs for
/// hours (one iteration at 1.5 m cells took 42 s): it is refused, split it into halls.
inline constexpr std::size_t kMaxHallAirRacks = 5000;

/// The grid solve_hall_air() would build, counted without building it. Counts are doubles: a
/// bad cell size or room makes them astronomically large (1e-12 m cells in a 10 m room are 1e39).
struct HallGridEstimate {
  double cell_m = 0;
  std::size_t racks = 0;
  std::array<double, 3> n{};  ///< cells along x, y, z
  double cells = 0;           ///< n[0] n[1] n[2]
  double couplings = 0;       ///< rack rear-to-front couplings (an upper bound)
  double bytes = 0;           ///< peak memory: cells and couplings at the measured rates
  double geometry_work = 0;   ///< cells x (racks + panels)
  [[nodiscard]] bool fits() const {
    return racks <= kMaxHallAirRacks && cells <= static_cast<double>(kMaxHallAirCells) &&
           bytes <= kHallAirMemoryBudgetBytes && geometry_work <= kMaxHallAirGeometryWork;
  }
};

/// Counts the grid of a hall that check_hall() accepts at cell size cell_m (> 0): O(geometry).
[[nodiscard]] HallGridEstimate estimate_hall_grid(const HallDescription& hall, double cell_m);

/// A hall air grid over the limits above. what() names the hall, the size, the limit and the fix.
class HallGridTooLarge : public std::invalid_argument {
 public:
  HallGridTooLarge(const std::string& what, HallGridEstimate estimate, double suggested_cell_m)
      : std::invalid_argument(what), estimate_(estimate), suggested_cell_m_(suggested_cell_m) {}
  [[nodiscard]] const HallGridEstimate& estimate() const { return estimate_; }
  /// The smallest cell size (two significant digits, at most kMaxHallAirCellM) at which the
  /// grid fits; 0 when even kMaxHallAirCellM does not (the room is too large) or the hall has
  /// more than kMaxHallAirRacks racks.
  [[nodiscard]] double suggested_cell_m() const { return suggested_cell_m_; }

 private:
  HallGridEstimate estimate_;
  double suggested_cell_m_;
};

/// Throws std::invalid_argument when cell_m is not a finite positive size and HallGridTooLarge
/// when the grid at cell_m is over the limits; solve_hall_air() calls it first.
void check_hall_grid(const HallDescription& hall, double cell_m);

/// Checks the description (boxes inside the room, openings on the boundary, flows balanced);
/// returns one message per problem, naming the entity and the fix. Empty when valid.
std::vector<std::string> check_hall(const HallDescription& hall);

/// Solves the steady air flow and temperature. Throws std::invalid_argument when check_hall()
/// finds problems, HallGridTooLarge (before allocating) when the grid is over the size limits
/// and Cancelled when progress is cancelled.
HallAirResult solve_hall_air(const HallDescription& hall, const HallSolveOptions& options,
                             Progress& progress);
HallAirResult solve_hall_air(const HallDescription& hall, const HallSolveOptions& options = {});

}  // namespace dctwin::model::thermal
