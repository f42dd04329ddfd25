// Hall air model. Why this method (measured against the OpenFOAM k-epsilon reference, README.md):
// - The cold air reaches the racks as wall jets from the cooling units and the hot air comes
//   back over the rows; a potential-flow field cannot carry jet momentum, so the flow is solved
//   with the steady incompressible momentum equations (SIMPLEC on a staggered Cartesian grid).
// - Turbulence: the Chen-Xu zero-equation model for indoor air, nu_t = 0.03874 |V| l, with l the
//   distance to the nearest wall (Chen and Xu, Energy and Buildings 28 (1998) 137-144). The
//   constant was fitted once by its authors to DNS of natural convection and checked on forced
//   and mixed convection in rooms; it holds for every hall here, nothing is fitted to one case.
// - Temperature is a passive scalar (buoyancy off, as in the spec): one linear steady
//   advection-diffusion solve with diffusivity nu/Pr + nu_t/Prt. Each rack's exhaust temperature
//   is coupled into the same matrix (rear-face inflow = flow-weighted mean of its front-face cells
//   plus P / (rho cp Q)), so the rack loop is consistent in one solve and energy is conserved to
//   the linear solver's tolerance: every face flux leaves one cell and enters the next.
// - Grid lines fall on every rack, opening and panel edge (the geometry is exact) and cells are
//   no larger than the requested size.
#include "model/thermal/hall_air.h"

#include <Eigen/IterativeLinearSolvers>
#include <Eigen/Sparse>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "model/common/overlap.h"

namespace dctwin::model::thermal {
namespace {

using SpMat = Eigen::SparseMatrix<double, Eigen::RowMajor>;
using Trip = Eigen::Triplet<double>;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kGeomTol = 1e-6;    // metres: coordinates closer than this are one grid line
constexpr double kChenXu = 0.03874;  // Chen and Xu (1998) zero-equation constant
// check_hall(): overlapping racks named per rack and in all (a stacked case stays readable).
constexpr std::size_t kMaxOverlapsPerRack = 3;
constexpr std::size_t kMaxOverlapMessages = 30;  // under the reader's 50 listed lines
// Below kMaxHallAirCells every cell and face index (faces <= 2 cells per axis) fits an int.
static_assert(3 * kMaxHallAirCells < std::numeric_limits<int>::max());

// The two axes other than a, in increasing order (the order Rect::lo/hi use).
std::array<int, 2> other_axes(int a) {
  if (a == 0) return {1, 2};
  if (a == 1) return {0, 2};
  return {0, 1};
}

double box_distance(const Box& b, const std::array<double, 3>& p) {
  double s = 0;
  for (int a = 0; a < 3; ++a) {
    const double d = std::max({b.min[a] - p[a], 0.0, p[a] - b.max[a]});
    s += d * d;
  }
  return std::sqrt(s);
}

double rect_distance(const Rect& r, const std::array<double, 3>& p) {
  Box b;
  b.min[r.axis] = b.max[r.axis] = r.coord;
  const auto oa = other_axes(r.axis);
  for (int t = 0; t < 2; ++t) {
    b.min[oa[t]] = r.lo[t];
    b.max[oa[t]] = r.hi[t];
  }
  return box_distance(b, p);
}

// Grid and face bookkeeping for the staggered scheme.
struct Grid {
  std::array<int, 3> n{};
  std::array<std::vector<double>, 3> f;  // grid lines
  std::array<std::vector<double>, 3> c;  // cell centres
  std::array<std::vector<double>, 3> w;  // cell widths

  [[nodiscard]] std::int64_t cells() const {
    return std::int64_t{n[0]} * std::int64_t{n[1]} * std::int64_t{n[2]};
  }
  [[nodiscard]] int cell(int i, int j, int k) const { return i + n[0] * (j + n[1] * k); }
  [[nodiscard]] int cell(const std::array<int, 3>& p) const { return cell(p[0], p[1], p[2]); }
  [[nodiscard]] std::array<int, 3> fdim(int a) const {
    auto d = n;
    ++d[a];
    return d;
  }
  [[nodiscard]] int faces(int a) const {
    const auto d = fdim(a);
    return d[0] * d[1] * d[2];
  }
  [[nodiscard]] int face(int a, const std::array<int, 3>& p) const {
    const auto d = fdim(a);
    return p[0] + d[0] * (p[1] + d[1] * p[2]);
  }
  [[nodiscard]] std::array<int, 3> face_pos(int a, int idx) const {
    const auto d = fdim(a);
    return {idx % d[0], (idx / d[0]) % d[1], idx / (d[0] * d[1])};
  }
  [[nodiscard]] double face_area(int a, const std::array<int, 3>& p) const {
    const auto oa = other_axes(a);
    return w[oa[0]][p[oa[0]]] * w[oa[1]][p[oa[1]]];
  }
  // Index of the grid line at coordinate x on axis a, or -1.
  [[nodiscard]] int line(int a, double x) const {
    const auto& v = f[a];
    auto it = std::lower_bound(v.begin(), v.end(), x - kGeomTol);
    if (it == v.end() || std::abs(*it - x) > kGeomTol) return -1;
    return static_cast<int>(it - v.begin());
  }
};

// Grid breaks of one axis: the room's ends and every geometry edge, clamped to the room, sorted,
// closer than kGeomTol merged.
std::vector<double> unique_breaks(std::vector<double> breaks, double lo, double hi) {
  breaks.push_back(lo);
  breaks.push_back(hi);
  for (auto& b : breaks) b = std::clamp(b, lo, hi);
  std::sort(breaks.begin(), breaks.end());
  std::vector<double> uniq;
  for (double b : breaks)
    if (uniq.empty() || b - uniq.back() > kGeomTol) uniq.push_back(b);
  uniq.back() = hi;
  return uniq;
}

// Cells of a segment: as few as keep every cell within h. A double, since a bad h makes it
// astronomically large; make_lines() runs only once check_hall_grid() has bounded it.
double segment_cells(double len, double h) { return std::max(1.0, std::ceil(len / h - 1e-9)); }

std::vector<double> make_lines(const std::vector<double>& uniq, double h) {
  std::vector<double> out{uniq.front()};
  for (size_t s = 1; s < uniq.size(); ++s) {
    const double len = uniq[s] - uniq[s - 1];
    const auto m = static_cast<std::int64_t>(segment_cells(len, h));
    for (std::int64_t q = 1; q <= m; ++q)
      out.push_back(uniq[s - 1] + len * static_cast<double>(q) / static_cast<double>(m));
  }
  return out;
}

// The grid breaks of every axis: rack boxes, openings and panels.
std::array<std::vector<double>, 3> geometry_breaks(const HallDescription& hall) {
  std::array<std::vector<double>, 3> br;
  auto add_rect = [&](const Rect& r) {
    br[r.axis].push_back(r.coord);
    const auto oa = other_axes(r.axis);
    for (int t = 0; t < 2; ++t) {
      br[oa[t]].push_back(r.lo[t]);
      br[oa[t]].push_back(r.hi[t]);
    }
  };
  for (const auto& r : hall.racks)
    for (int a = 0; a < 3; ++a) {
      br[a].push_back(r.box.min[a]);
      br[a].push_back(r.box.max[a]);
    }
  for (const auto& c : hall.crahs) {
    add_rect(c.supply);
    add_rect(c.ret);
  }
  for (const auto& p : hall.panels) add_rect(p.rect);
  return br;
}

struct RackFaces {
  std::vector<int> front_cells;    // fluid cells in front of the front face
  std::vector<double> front_flux;  // m3/s through each (into the rack)
  std::vector<double> front_area;
  std::vector<int> rear_cells;    // fluid cells behind the rear face
  std::vector<double> rear_flux;  // m3/s out of the rack into each
};

std::string fmt(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

}  // namespace

std::vector<std::string> check_hall(const HallDescription& hall) {
  std::vector<std::string> errs;
  const Box& room = hall.room;
  for (int a = 0; a < 3; ++a)
    if (!std::isfinite(room.min[a]) || !std::isfinite(room.max[a])) {
      errs.push_back("room: box_min and box_max must be finite numbers (metres)");
      return errs;
    }
  for (int a = 0; a < 3; ++a)
    if (!(room.max[a] > room.min[a]))
      errs.push_back("room: box_max must exceed box_min on every axis");
  if (!errs.empty()) return errs;
  const AirProperties& air = hall.air;
  if (!(air.rho_kg_m3 > 0) || !(air.cp_j_kgk > 0) || !(air.nu_m2_s > 0) || !(air.pr > 0) ||
      !(air.prt > 0))
    errs.push_back("air: rho, cp, nu, Pr and Prt must all be positive");
  auto inside = [&](const Box& b) {
    for (int a = 0; a < 3; ++a)
      if (b.min[a] < room.min[a] - kGeomTol || b.max[a] > room.max[a] + kGeomTol ||
          !(b.max[a] > b.min[a]))
        return false;
    return true;
  };
  for (const auto& r : hall.racks) {
    if (!inside(r.box))
      errs.push_back("rack " + r.id + ": box must have positive size and lie inside the room");
    if (r.front_axis < 0 || r.front_axis > 2)
      errs.push_back("rack " + r.id + ": front face axis must be x, y or z");
    if (r.power_w < 0 || r.flow_m3_s < 0 || !std::isfinite(r.power_w) ||
        !std::isfinite(r.flow_m3_s))
      errs.push_back("rack " + r.id + ": power and airflow must be finite and not negative");
    if (r.power_w > 0 && !r.moves_air())
      errs.push_back("rack " + r.id + ": has " + fmt(r.power_w) +
                     " W but moves no air; give it an airflow or set its power to 0");
  }
  // Overlapping racks through the bucket grid of overlap.h (20,000 racks stacked on one spot are
  // 200 million pairs): each rack names at most kMaxOverlapsPerRack of the racks after it, the
  // case at most kMaxOverlapMessages, then one line counts the rest.
  {
    std::vector<FootprintRect> fp;
    fp.reserve(hall.racks.size());
    for (const auto& r : hall.racks)
      fp.push_back({r.box.min[0], r.box.min[1], r.box.max[0], r.box.max[1]});
    std::size_t listed = 0, left = 0;
    for_each_overlap(
        fp, kGeomTol,
        [&](std::size_t p, const std::vector<std::size_t>& qs) {
          std::size_t shown = 0;
          for (; shown < qs.size() && shown < kMaxOverlapsPerRack && listed < kMaxOverlapMessages;
               ++shown, ++listed)
            errs.push_back("racks " + hall.racks[p].id + " and " + hall.racks[qs[shown]].id +
                           " overlap; move one of them");
          const std::size_t rest = qs.size() - shown;
          if (rest > 0 && shown > 0)
            errs.back() +=
                " (" + hall.racks[p].id + " overlaps " + std::to_string(rest) + " more racks)";
          else
            left += rest;
          return true;
        },
        [&](std::size_t p, std::size_t q) {
          const auto &A = hall.racks[p].box, &B = hall.racks[q].box;
          return A.min[2] < B.max[2] - kGeomTol && B.min[2] < A.max[2] - kGeomTol;
        });
    if (left > 0)
      errs.push_back("racks: " + std::to_string(left) +
                     " more pairs of overlapping racks are not "
                     "listed; fix the ones above (stacked racks are often a generator's mistake)");
  }
  double net = 0, total = 0;
  auto check_opening = [&](const std::string& what, const Rect& r) {
    const bool on_wall = r.axis >= 0 && r.axis < 3 &&
                         (std::abs(r.coord - room.min[r.axis]) < kGeomTol ||
                          std::abs(r.coord - room.max[r.axis]) < kGeomTol);
    if (!on_wall) {
      errs.push_back(what + ": opening must lie on a wall, floor or ceiling of the room");
      return;
    }
    const auto oa = other_axes(r.axis);
    for (int t = 0; t < 2; ++t)
      if (!(r.hi[t] > r.lo[t]) || r.lo[t] < room.min[oa[t]] - kGeomTol ||
          r.hi[t] > room.max[oa[t]] + kGeomTol)
        errs.push_back(what + ": opening must have positive size and lie within the wall");
  };
  for (const auto& c : hall.crahs) {
    check_opening("cooling unit " + c.id + " supply", c.supply);
    check_opening("cooling unit " + c.id + " return", c.ret);
    if (c.supply_flow_m3_s < 0 || c.return_flow_m3_s < 0)
      errs.push_back("cooling unit " + c.id + ": flows must not be negative");
    if (!c.failed) {
      net += c.supply_flow_m3_s - c.return_flow_m3_s;
      total += c.supply_flow_m3_s;
    }
  }
  if (std::abs(net) > 1e-6 * std::max(total, 1e-9))
    errs.push_back("cooling units: supply and return flows differ by " + fmt(net) +
                   " m3/s; the room is closed, so every unit must return what it supplies");
  if (total <= 0 && !hall.racks.empty())
    errs.push_back("cooling units: no running unit supplies air; the rack heat has nowhere to go");
  for (const auto& p : hall.panels)
    if (p.rect.axis < 0 || p.rect.axis > 2 || !(p.rect.area() > 0) ||
        !std::isfinite(p.rect.coord) || !std::isfinite(p.rect.area()))
      errs.push_back("panel " + p.id +
                     ": must be a rectangle of positive size on an x, y or z plane");
  return errs;
}

namespace {

// A count for people: "5,368,709" while exact, "1.2e+12" beyond.
std::string count_text(double v) {
  if (!(v < 1e308)) return "more than 1e+308";
  if (v >= 1e12) {
    std::ostringstream s;
    s.precision(2);
    s << v;
    return s.str();
  }
  std::string d = std::to_string(static_cast<long long>(std::llround(v)));
  for (int k = static_cast<int>(d.size()) - 3; k > 0; k -= 3) d.insert(static_cast<size_t>(k), ",");
  return d;
}

std::string gb_text(double bytes) {
  std::ostringstream s;
  s.precision(bytes < 1e13 ? 3 : 2);
  s << bytes / 1e9 << " GB";
  return s.str();
}

// Smallest cell size in [cell_m, kMaxHallAirCellM] at which the grid fits, rounded up to two
// significant digits; 0 when none does. The estimate only shrinks as cells grow, so bisection.
double suggest_cell(const HallDescription& hall, double cell_m) {
  double lo = cell_m, hi = kMaxHallAirCellM;
  if (!(hi > lo) || !estimate_hall_grid(hall, hi).fits()) return 0.0;
  for (int it = 0; it < 60 && hi - lo > 1e-4 * hi; ++it) {
    const double mid = 0.5 * (lo + hi);
    (estimate_hall_grid(hall, mid).fits() ? hi : lo) = mid;
  }
  const double step = std::pow(10.0, std::floor(std::log10(hi)) - 1);
  return std::min(kMaxHallAirCellM, std::ceil(hi / step - 1e-9) * step);
}

}  // namespace

HallGridEstimate estimate_hall_grid(const HallDescription& hall, double cell_m) {
  HallGridEstimate e;
  e.cell_m = cell_m;
  e.racks = hall.racks.size();
  const auto br = geometry_breaks(hall);
  // Per axis: the breaks and the cells up to each of them.
  std::array<std::vector<double>, 3> uniq, upto;
  for (int a = 0; a < 3; ++a) {
    uniq[a] = unique_breaks(br[a], hall.room.min[a], hall.room.max[a]);
    upto[a].assign(uniq[a].size(), 0.0);
    for (size_t k = 1; k < uniq[a].size(); ++k)
      upto[a][k] = upto[a][k - 1] + segment_cells(uniq[a][k] - uniq[a][k - 1], cell_m);
    e.n[a] = upto[a].back();
  }
  e.cells = e.n[0] * e.n[1] * e.n[2];
  // Cells between two coordinates of one axis (both are breaks, or merged into one).
  auto cells_between = [&](int a, double x0, double x1) {
    auto at = [&](double x) {
      x = std::clamp(x, hall.room.min[a], hall.room.max[a]);
      const auto it = std::lower_bound(uniq[a].begin(), uniq[a].end(), x - kGeomTol);
      return upto[a]
                 [std::min<size_t>(static_cast<size_t>(it - uniq[a].begin()), uniq[a].size() - 1)];
    };
    return std::max(0.0, at(x1) - at(x0));
  };
  for (const auto& r : hall.racks) {
    if (!r.moves_air() || r.front_axis < 0 || r.front_axis > 2) continue;
    const auto oa = other_axes(r.front_axis);
    const double face = cells_between(oa[0], r.box.min[oa[0]], r.box.max[oa[0]]) *
                        cells_between(oa[1], r.box.min[oa[1]], r.box.max[oa[1]]);
    e.couplings += face * face;  // every rear cell takes from every front cell
  }
  e.bytes = e.cells * kHallAirBytesPerCell + e.couplings * kHallAirBytesPerCoupling;
  e.geometry_work =
      e.cells * (static_cast<double>(hall.racks.size()) + static_cast<double>(hall.panels.size()));
  return e;
}

void check_hall_grid(const HallDescription& hall, double cell_m) {
  if (!std::isfinite(cell_m) || !(cell_m > 0))
    throw std::invalid_argument("hall " + hall.name + ": the cell size is " + fmt(cell_m) +
                                " m; give a finite cell size above 0 m (0.3 m is usual)");
  std::ostringstream m;
  m << "hall " << hall.name << ": ";
  if (hall.racks.size() > kMaxHallAirRacks) {
    // Before the grid is counted: that alone walks every rack.
    m << count_text(static_cast<double>(hall.racks.size())) << " racks exceed the limit of "
      << count_text(static_cast<double>(kMaxHallAirRacks))
      << " racks in one hall; split the case into smaller halls";
    HallGridEstimate e;
    e.cell_m = cell_m;
    e.racks = hall.racks.size();
    throw HallGridTooLarge(m.str(), e, 0.0);
  }
  const HallGridEstimate e = estimate_hall_grid(hall, cell_m);
  if (e.fits()) return;
  const double suggested = suggest_cell(hall, cell_m);
  const std::string grid = "a grid of " + count_text(e.cells) + " cells (" + fmt(cell_m) +
                           " m cells in a " + fmt(hall.room.max[0] - hall.room.min[0]) + " x " +
                           fmt(hall.room.max[1] - hall.room.min[1]) + " x " +
                           fmt(hall.room.max[2] - hall.room.min[2]) + " m room)";
  if (e.cells > static_cast<double>(kMaxHallAirCells))
    m << grid << " exceeds the limit of " << count_text(static_cast<double>(kMaxHallAirCells))
      << " cells (" << gb_text(kHallAirMemoryBudgetBytes) << " of memory at "
      << count_text(kHallAirBytesPerCell) << " bytes a cell)";
  else if (e.bytes > kHallAirMemoryBudgetBytes)
    m << grid << " with " << count_text(e.couplings)
      << " couplings between rack front and rear face cells needs about " << gb_text(e.bytes)
      << ", over the limit of " << gb_text(kHallAirMemoryBudgetBytes) << " ("
      << count_text(static_cast<double>(kMaxHallAirCells)) << " cells)";
  else
    m << count_text(static_cast<double>(hall.racks.size())) << " racks and " << hall.panels.size()
      << " panels on " << grid << " take " << count_text(e.geometry_work)
      << " rack-cell tests to set up, over the limit of " << count_text(kMaxHallAirGeometryWork);
  if (suggested > 0) {
    m << "; use a cell size of " << fmt(suggested) << " m or more";
  } else {
    const HallGridEstimate coarsest = estimate_hall_grid(hall, std::max(cell_m, kMaxHallAirCellM));
    m << "; even " << fmt(std::max(cell_m, kMaxHallAirCellM)) << " m cells give "
      << count_text(coarsest.cells) << " cells"
      << (coarsest.bytes > kHallAirMemoryBudgetBytes ? ": check the room size (box_min, box_max)"
                                                     : " for this many racks")
      << " or split the hall into smaller cases";
  }
  throw HallGridTooLarge(m.str(), e, suggested);
}

double HallAirResult::temperature_at(double x, double y, double z) const {
  const std::array<double, 3> p{x, y, z};
  const std::array<const std::vector<double>*, 3> cc{&xc, &yc, &zc};
  const std::array<const std::vector<double>*, 3> ff{&xf, &yf, &zf};
  const std::array<int, 3> n{nx, ny, nz};
  std::array<int, 3> lo{}, own{};
  std::array<double, 3> t{};
  for (int a = 0; a < 3; ++a) {
    const auto& c = *cc[a];
    const auto& f = *ff[a];
    if (p[a] < f.front() || p[a] > f.back()) return kNaN;
    own[a] = std::clamp(
        static_cast<int>(std::upper_bound(f.begin(), f.end(), p[a]) - f.begin()) - 1, 0, n[a] - 1);
    int i = static_cast<int>(std::upper_bound(c.begin(), c.end(), p[a]) - c.begin()) - 1;
    if (n[a] == 1 || i < 0) {
      lo[a] = 0;
      t[a] = 0;
    } else if (i >= n[a] - 1) {
      lo[a] = n[a] - 2;
      t[a] = 1;
    } else {
      lo[a] = i;
      t[a] = (p[a] - c[i]) / (c[i + 1] - c[i]);
    }
  }
  auto idx = [&](int i, int j, int k) { return i + nx * (j + ny * k); };
  if (solid[idx(own[0], own[1], own[2])]) return kNaN;
  double sw = 0, s = 0;
  for (int q = 0; q < 8; ++q) {
    std::array<int, 3> ii{};
    double wgt = 1;
    for (int a = 0; a < 3; ++a) {
      const int up = (q >> a) & 1;
      ii[a] = std::min(lo[a] + up, n[a] - 1);
      wgt *= up ? t[a] : 1 - t[a];
    }
    const int c = idx(ii[0], ii[1], ii[2]);
    if (solid[c] || wgt <= 0) continue;
    sw += wgt;
    s += wgt * temp_c[c];
  }
  return sw > 0 ? s / sw : temp_c[idx(own[0], own[1], own[2])];
}

HallAirResult solve_hall_air(const HallDescription& hall, const HallSolveOptions& options) {
  Progress none;
  return solve_hall_air(hall, options, none);
}

HallAirResult solve_hall_air(const HallDescription& hall, const HallSolveOptions& opt,
                             Progress& progress) {
  const auto t0 = std::chrono::steady_clock::now();
  {
    const auto errs = check_hall(hall);
    if (!errs.empty()) {
      std::string m = "hall " + hall.name + ":";
      for (const auto& e : errs) m += "\n  " + e;
      throw std::invalid_argument(m);
    }
  }
  // Counted before anything is allocated: a grid over the limits is refused here, and below
  // it every cell and face index fits an int.
  check_hall_grid(hall, opt.cell_m);
  const AirProperties& air = hall.air;

  // ---- grid: lines on every geometry edge, no cell larger than cell_m ----
  Grid g;
  {
    const auto br = geometry_breaks(hall);
    for (int a = 0; a < 3; ++a) {
      g.f[a] = make_lines(unique_breaks(br[a], hall.room.min[a], hall.room.max[a]), opt.cell_m);
      g.n[a] = static_cast<int>(g.f[a].size()) - 1;
      for (int i = 0; i < g.n[a]; ++i) {
        g.c[a].push_back(0.5 * (g.f[a][i] + g.f[a][i + 1]));
        g.w[a].push_back(g.f[a][i + 1] - g.f[a][i]);
      }
    }
  }
  const int ncell = static_cast<int>(g.cells());
  // Solid: cells whose centre lies in a rack box (boundary included), found per rack from the
  // sorted cell centres, O(cells in racks) rather than cells x racks.
  std::vector<char> solid(ncell, 0);
  for (const auto& r : hall.racks) {
    std::array<int, 3> lo{}, hi{};
    for (int a = 0; a < 3; ++a) {
      const auto& c = g.c[a];
      lo[a] = static_cast<int>(std::lower_bound(c.begin(), c.end(), r.box.min[a]) - c.begin());
      hi[a] = static_cast<int>(std::upper_bound(c.begin(), c.end(), r.box.max[a]) - c.begin());
    }
    for (int k = lo[2]; k < hi[2]; ++k)
      for (int j = lo[1]; j < hi[1]; ++j)
        for (int i = lo[0]; i < hi[0]; ++i) solid[g.cell(i, j, k)] = 1;
  }

  // ---- faces: fixed (walls, openings, rack faces, panels) or free ----
  std::array<std::vector<double>, 3> vel;
  std::array<std::vector<char>, 3> fixed;
  for (int a = 0; a < 3; ++a) {
    vel[a].assign(g.faces(a), 0.0);
    fixed[a].assign(g.faces(a), 0);
    for (int f = 0; f < g.faces(a); ++f) {
      const auto p = g.face_pos(a, f);
      if (p[a] == 0 || p[a] == g.n[a]) {
        fixed[a][f] = 1;
        continue;
      }
      auto q = p;
      --q[a];
      if (solid[g.cell(p)] || solid[g.cell(q)]) fixed[a][f] = 1;
    }
  }
  // Faces of a rectangle: calls fn(face index) for faces on rect whose centre lies inside it.
  auto for_rect_faces = [&](const Rect& r, auto&& fn) {
    const int a = r.axis;
    const int li = g.line(a, r.coord);
    if (li < 0) return;
    const auto oa = other_axes(a);
    for (int u = 0; u < g.n[oa[0]]; ++u) {
      if (g.c[oa[0]][u] < r.lo[0] || g.c[oa[0]][u] > r.hi[0]) continue;
      for (int v = 0; v < g.n[oa[1]]; ++v) {
        if (g.c[oa[1]][v] < r.lo[1] || g.c[oa[1]][v] > r.hi[1]) continue;
        std::array<int, 3> p{};
        p[a] = li;
        p[oa[0]] = u;
        p[oa[1]] = v;
        fn(g.face(a, p), p);
      }
    }
  };
  for (const auto& pn : hall.panels)
    for_rect_faces(pn.rect, [&](int f, const std::array<int, 3>&) { fixed[pn.rect.axis][f] = 1; });

  // Openings: prescribed normal velocity so that the face fluxes add up to the given flow.
  // boundary_kind marks boundary faces that are openings (tangential velocity free of shear).
  std::array<std::vector<char>, 3> opening;
  for (int a = 0; a < 3; ++a) opening[a].assign(g.faces(a), 0);
  struct OpeningFaces {
    int axis;
    std::vector<int> faces;
    std::vector<std::array<int, 3>> cellpos;  // fluid cell next to each face
  };
  // Returns the faces and the adjacent fluid cell; sign = +1 when the room is on the + side.
  auto prescribe = [&](const Rect& r, double flow_into_room, double room_side) {
    OpeningFaces of{r.axis, {}, {}};
    double area = 0;
    for_rect_faces(r, [&](int f, const std::array<int, 3>& p) {
      auto q = p;
      if (room_side < 0) --q[r.axis];
      of.faces.push_back(f);
      of.cellpos.push_back(q);
      area += g.face_area(r.axis, p);
    });
    if (area > 0)
      for (int f : of.faces) {
        vel[r.axis][f] = room_side * flow_into_room / area;
        opening[r.axis][f] = 1;
      }
    return of;
  };
  struct CrahFaces {
    OpeningFaces sup, ret;
  };
  std::vector<CrahFaces> crah_faces;
  double total_supply = 0;
  for (const auto& c : hall.crahs) {
    const double qs = c.failed ? 0 : c.supply_flow_m3_s;
    const double qr = c.failed ? 0 : c.return_flow_m3_s;
    total_supply += qs;
    auto side = [&](const Rect& r) {
      return std::abs(r.coord - hall.room.min[r.axis]) < kGeomTol ? 1.0 : -1.0;
    };
    crah_faces.push_back(
        {prescribe(c.supply, qs, side(c.supply)), prescribe(c.ret, -qr, side(c.ret))});
  }
  // Rack faces: the air moves along the rack axis from front to rear, d = -1 when the front
  // face is on the box's max side.
  std::vector<RackFaces> rack_faces(hall.racks.size());
  double total_rack_flow = 0;
  for (size_t r = 0; r < hall.racks.size(); ++r) {
    const auto& rk = hall.racks[r];
    const int a = rk.front_axis;
    const auto oa = other_axes(a);
    auto face_rect = [&](bool at_max) {
      Rect fr;
      fr.axis = a;
      fr.coord = at_max ? rk.box.max[a] : rk.box.min[a];
      for (int t = 0; t < 2; ++t) {
        fr.lo[t] = rk.box.min[oa[t]];
        fr.hi[t] = rk.box.max[oa[t]];
      }
      return fr;
    };
    const Rect front = face_rect(rk.front_at_max);
    const Rect rear = face_rect(!rk.front_at_max);
    const double d = rk.front_at_max ? -1.0 : 1.0;
    auto& rf = rack_faces[r];
    const double q = rk.moves_air() ? rk.flow_m3_s : 0.0;
    total_rack_flow += q;
    for (int pass = 0; pass < 2; ++pass) {
      const Rect& fr = pass == 0 ? front : rear;
      const bool at_max = pass == 0 ? rk.front_at_max : !rk.front_at_max;
      double area = 0;
      std::vector<std::pair<int, std::array<int, 3>>> list;
      for_rect_faces(fr, [&](int f, const std::array<int, 3>& p) {
        auto cpos = p;
        if (!at_max) --cpos[a];  // fluid cell is below the min face
        if (cpos[a] < 0 || cpos[a] >= g.n[a] || solid[g.cell(cpos)]) return;
        list.emplace_back(f, cpos);
        area += g.face_area(a, p);
      });
      for (const auto& [f, cpos] : list) {
        const double af = g.face_area(a, g.face_pos(a, f));
        const double flux = area > 0 ? q * af / area : 0.0;
        vel[a][f] = d * (area > 0 ? q / area : 0.0);
        if (pass == 0) {
          rf.front_cells.push_back(g.cell(cpos));
          rf.front_flux.push_back(flux);
          rf.front_area.push_back(af);
        } else {
          rf.rear_cells.push_back(g.cell(cpos));
          rf.rear_flux.push_back(flux);
        }
      }
    }
  }
  const double flow_scale = std::max(total_supply + total_rack_flow, 1e-12);

  // ---- wall distance for the zero-equation model ----
  std::vector<double> wall_dist(ncell, 0.0);
  for (int k = 0; k < g.n[2]; ++k) {
    progress.check();
    progress.report(0.0, "hall air: wall distance");
    for (int j = 0; j < g.n[1]; ++j)
      for (int i = 0; i < g.n[0]; ++i) {
        const int c = g.cell(i, j, k);
        if (solid[c]) continue;
        const std::array<double, 3> p{g.c[0][i], g.c[1][j], g.c[2][k]};
        double dmin = std::numeric_limits<double>::max();
        for (int a = 0; a < 3; ++a)
          dmin = std::min({dmin, p[a] - hall.room.min[a], hall.room.max[a] - p[a]});
        for (const auto& r : hall.racks) dmin = std::min(dmin, box_distance(r.box, p));
        for (const auto& pn : hall.panels) dmin = std::min(dmin, rect_distance(pn.rect, p));
        wall_dist[c] = dmin;
      }
  }

  // ---- pressure-correction unknowns: fluid cells; one reference cell per connected region ----
  std::vector<int> unk(ncell, -1);
  int nunk = 0;
  for (int c = 0; c < ncell; ++c)
    if (!solid[c]) unk[c] = nunk++;
  // Neighbour across face of axis a on side s (0: minus, 1: plus) of cell p, through a free face.
  auto free_face = [&](int a, const std::array<int, 3>& p, int s) {
    auto fp = p;
    fp[a] += s;
    return g.face(a, fp);
  };
  std::vector<int> pins;
  {
    std::vector<char> seen(ncell, 0);
    for (int c0 = 0; c0 < ncell; ++c0) {
      if (solid[c0] || seen[c0]) continue;
      pins.push_back(unk[c0]);
      std::vector<int> stack{c0};
      seen[c0] = 1;
      double net = 0;  // air into this region through fixed faces (openings, racks)
      while (!stack.empty()) {
        const int c = stack.back();
        stack.pop_back();
        {
          const std::array<int, 3> p{c % g.n[0], (c / g.n[0]) % g.n[1], c / (g.n[0] * g.n[1])};
          for (int a = 0; a < 3; ++a)
            for (int s = 0; s < 2; ++s) {
              const int f = free_face(a, p, s);
              if (fixed[a][f]) net += (s ? -1 : 1) * vel[a][f] * g.face_area(a, g.face_pos(a, f));
            }
        }
        const std::array<int, 3> p{c % g.n[0], (c / g.n[0]) % g.n[1], c / (g.n[0] * g.n[1])};
        for (int a = 0; a < 3; ++a)
          for (int s = 0; s < 2; ++s) {
            const int f = free_face(a, p, s);
            if (fixed[a][f]) continue;
            auto q = p;
            q[a] += s ? 1 : -1;
            const int cn = g.cell(q);
            if (!seen[cn]) {
              seen[cn] = 1;
              stack.push_back(cn);
            }
          }
      }
      // A region closed off by panels and racks cannot take more air than it gets.
      if (std::abs(net) > 1e-6 * flow_scale) {
        const std::array<int, 3> p{c0 % g.n[0], (c0 / g.n[0]) % g.n[1], c0 / (g.n[0] * g.n[1])};
        throw std::invalid_argument(
            "hall " + hall.name + ": the air space around (" + fmt(g.c[0][p[0]]) + ", " +
            fmt(g.c[1][p[1]]) + ", " + fmt(g.c[2][p[2]]) + ") m is closed off by panels and " +
            "racks but gains " + fmt(net) + " m3/s; open a panel or move an opening into it");
      }
    }
  }

  // ---- SIMPLEC iterations ----
  std::vector<double> pres(ncell, 0.0), nut(ncell, 0.0), nu_eff(ncell, air.nu_m2_s);
  std::array<std::vector<double>, 3> dcoef;
  for (int a = 0; a < 3; ++a) dcoef[a].assign(g.faces(a), 0.0);
  // Momentum under-relaxation: 0.7 to start (0.85 diverges on the reference hall with TVD
  // momentum), lowered in steps of 0.1 down to 0.4 while the residuals stagnate (see below).
  double alpha_u = 0.7;
  constexpr double kAlphaMin = 0.4;
  std::vector<std::array<double, 3>> cvel(ncell, {0, 0, 0});
  auto cell_velocity = [&]() {
    for (int k = 0; k < g.n[2]; ++k)
      for (int j = 0; j < g.n[1]; ++j)
        for (int i = 0; i < g.n[0]; ++i) {
          const std::array<int, 3> p{i, j, k};
          const int c = g.cell(p);
          for (int a = 0; a < 3; ++a) {
            auto q = p;
            ++q[a];
            cvel[c][a] = solid[c] ? 0.0 : 0.5 * (vel[a][g.face(a, p)] + vel[a][g.face(a, q)]);
          }
        }
  };
  auto update_nut = [&](double relax) {
    cell_velocity();
    for (int c = 0; c < ncell; ++c) {
      if (solid[c]) continue;
      const double vm =
          std::sqrt(cvel[c][0] * cvel[c][0] + cvel[c][1] * cvel[c][1] + cvel[c][2] * cvel[c][2]);
      const double target = kChenXu * vm * wall_dist[c];
      nut[c] = relax * target + (1 - relax) * nut[c];
      nu_eff[c] = air.nu_m2_s + nut[c];
    }
  };

  // Momentum coefficients of one free face (7-point), built per iteration.
  struct MomRow {
    double ap = 0, b = 0;
    std::array<double, 6> anb{};
    std::array<int, 6> nb{};
  };
  std::array<std::vector<MomRow>, 3> rows;
  std::array<std::vector<int>, 3> free_list;
  for (int a = 0; a < 3; ++a) {
    for (int f = 0; f < g.faces(a); ++f)
      if (!fixed[a][f]) free_list[a].push_back(f);
    rows[a].resize(free_list[a].size());
  }

  // Wall shear from the log law (kappa 0.41, E 9.8, laminar below y+ 11.06), as k-epsilon codes
  // do with wall functions: tau_w / rho = u_tau^2 = coef * U. Without it the no-slip shear
  // across half a coarse cell with the eddy viscosity there over-brakes the floor jets tenfold.
  std::vector<double> ut_prev(3 * static_cast<size_t>(ncell), 0.0);
  auto wall_coef = [&](int c, int axis, double y) {
    const double U =
        std::sqrt(cvel[c][0] * cvel[c][0] + cvel[c][1] * cvel[c][1] + cvel[c][2] * cvel[c][2]);
    const double nu = air.nu_m2_s;
    const double ulam = std::sqrt(nu * U / y);
    if (U <= 0 || ulam * y / nu < 11.06) return nu / y;
    // u_tau changes little between iterations: start from the last one (memo per cell and
    // half-width, the only two inputs besides U).
    double& ut = ut_prev[3 * static_cast<size_t>(c) + axis];
    if (ut <= 0) ut = ulam;
    for (int q = 0; q < 3; ++q) ut = 0.41 * U / std::log(9.8 * y * ut / nu);
    return ut * ut / U;
  };
  // Deferred-correction TVD (van Leer) term for the a-momentum CV at face position p, across
  // its face towards direction axis `dir`, side s, with outward flux F: returns the amount to
  // subtract from b. Zero where a stencil point falls outside the room.
  auto mom_tvd = [&](int a, const std::array<int, 3>& p, int dir, int s, double F) {
    if (!opt.second_order || F == 0) return 0.0;
    const int lim = dir == a ? g.n[a] + 1 : g.n[dir];
    const int sg = s ? 1 : -1;
    auto at = [&](int off, double& v) {
      auto q = p;
      q[dir] += off;
      if (q[dir] < 0 || q[dir] >= lim) return false;
      v = vel[a][g.face(a, q)];
      return true;
    };
    double up, dn, uu;
    const bool out = F > 0;
    if (!at(out ? 0 : sg, up) || !at(out ? sg : 0, dn) || !at(out ? -sg : 2 * sg, uu)) return 0.0;
    const double dd = dn - up;
    if (dd == 0) return 0.0;
    const double r = (up - uu) / dd;
    const double psi = (r + std::abs(r)) / (1 + std::abs(r));
    return F * 0.5 * psi * dd;
  };
  // The TVD deferred correction is switched on once the first-order flow has settled (or
  // stopped improving): started from potential flow it makes the first iterations swing.
  bool tvd_on = false;
  int tvd_it = 0;
  auto assemble_momentum = [&](int a) {
    const auto oa = other_axes(a);
    auto& vel_a = vel[a];
    for (size_t r = 0; r < free_list[a].size(); ++r) {
      const int f = free_list[a][r];
      const auto p = g.face_pos(a, f);
      auto pm = p;
      --pm[a];
      const int cm = g.cell(pm), cp = g.cell(p);
      MomRow row;
      row.nb.fill(-1);
      double dc_acc = 0;
      double sum_f = 0;
      // Faces normal to a: at the centres of cells cm and cp.
      const double area_a = g.face_area(a, p);
      for (int s = 0; s < 2; ++s) {
        const int cell = s ? cp : cm;
        auto q = p;
        q[a] += s ? 1 : -1;
        const int fn = g.face(a, q);
        const double F = (s ? 1 : -1) * 0.5 * (vel_a[f] + vel_a[fn]) * area_a;
        const double D = nu_eff[cell] * area_a / g.w[a][s ? p[a] : pm[a]];
        row.ap += D + std::max(F, 0.0);
        sum_f += F;
        dc_acc += mom_tvd(a, p, a, s, F);
        const double anb = D + std::max(-F, 0.0);
        if (fixed[a][fn]) {
          row.b += anb * vel_a[fn];
        } else {
          row.anb[2 * 0 + s] = anb;
          row.nb[2 * 0 + s] = fn;
        }
      }
      // Faces normal to the transverse axes t: two halves, one per cell cm / cp.
      for (int tt = 0; tt < 2; ++tt) {
        const int t = oa[tt];
        const int ot = oa[1 - tt];
        for (int s = 0; s < 2; ++s) {
          double F = 0, D = 0, Dwall = 0;
          auto nbp = p;
          nbp[t] += s ? 1 : -1;
          const bool boundary = nbp[t] < 0 || nbp[t] >= g.n[t];
          const double dist = boundary ? 1.0 : std::abs(g.c[t][nbp[t]] - g.c[t][p[t]]);
          for (int h = 0; h < 2; ++h) {
            auto cpos = h ? p : pm;
            auto tf = cpos;
            tf[t] += s;
            const int tfi = g.face(t, tf);
            const double harea = 0.5 * g.w[a][cpos[a]] * g.w[ot][p[ot]];
            F += (s ? 1 : -1) * vel[t][tfi] * harea;
            const int cc = g.cell(cpos);
            if (opening[t][tfi]) continue;  // openings carry no shear
            if (fixed[t][tfi]) {
              // A wall (room or rack surface): log-law wall function at the cell centre.
              Dwall += wall_coef(cc, t, 0.5 * g.w[t][cpos[t]]) * harea;
            } else {
              auto cq = cpos;
              cq[t] += s ? 1 : -1;
              D += 0.5 * (nu_eff[cc] + nu_eff[g.cell(cq)]) * harea / dist;
            }
          }
          row.ap += Dwall;
          row.ap += D + std::max(F, 0.0);
          sum_f += F;
          if (!boundary) dc_acc += mom_tvd(a, p, t, s, F);
          const double anb = D + std::max(-F, 0.0);
          const int slot = 2 * (tt + 1) + s;
          if (boundary) continue;  // wall or opening: tangential velocity 0 outside
          const int fn = g.face(a, nbp);
          if (fixed[a][fn]) {
            row.b += anb * vel_a[fn];
          } else {
            row.anb[slot] = anb;
            row.nb[slot] = fn;
          }
        }
      }
      row.b += (pres[cm] - pres[cp]) * area_a;
      if (tvd_on) row.b -= dc_acc;
      // Under-relaxation; SIMPLEC d uses aP - sum(a_nb) = aP (1/alpha - 1) + net outflow.
      const double ap = row.ap / alpha_u;
      row.b += (1 - alpha_u) * ap * vel_a[f];
      // SIMPLEC: aP/alpha - sum(a_nb) with sum(a_nb) = aP for a mass-conserving field; the
      // net-flux term is left out because an unconverged field can make it negative.
      (void)sum_f;
      row.ap = ap;
      dcoef[a][f] = area_a / (ap * (1 - alpha_u));
      rows[a][r] = row;
    }
  };
  auto sweep_momentum = [&](int a, int sweeps) {
    auto& v = vel[a];
    for (int s = 0; s < sweeps; ++s)
      for (size_t r = 0; r < free_list[a].size(); ++r) {
        const auto& row = rows[a][r];
        double acc = row.b;
        for (int q = 0; q < 6; ++q)
          if (row.nb[q] >= 0) acc += row.anb[q] * v[row.nb[q]];
        v[free_list[a][r]] = acc / row.ap;
      }
  };

  // Pressure-correction matrix pattern (fluid cells, free faces).
  struct PFace {
    int a, f, um, up;
  };
  std::vector<PFace> pfaces;
  for (int a = 0; a < 3; ++a)
    for (int f : free_list[a]) {
      const auto p = g.face_pos(a, f);
      auto pm = p;
      --pm[a];
      pfaces.push_back({a, f, unk[g.cell(pm)], unk[g.cell(p)]});
    }
  Eigen::VectorXd pb(nunk), pcorr(nunk);
  auto mass_imbalance = [&](Eigen::VectorXd& b) {
    b.setZero();
    double abs_sum = 0;
    for (int a = 0; a < 3; ++a) {
      for (int f = 0; f < g.faces(a); ++f) {
        const auto p = g.face_pos(a, f);
        const double flux = vel[a][f] * g.face_area(a, p);
        if (flux == 0) continue;
        if (p[a] < g.n[a] && !solid[g.cell(p)]) b[unk[g.cell(p)]] += flux;  // inflow to cell p
        if (p[a] > 0) {
          auto pm = p;
          --pm[a];
          if (!solid[g.cell(pm)]) b[unk[g.cell(pm)]] -= flux;
        }
      }
    }
    for (int u = 0; u < nunk; ++u) abs_sum += std::abs(b[u]);
    return abs_sum / flow_scale;
  };

  // Pressure correction: sum_f coef_f (p'_P - p'_N) = mass imbalance, solved by conjugate
  // gradients with an incomplete-Cholesky preconditioner. The coefficients change slowly between
  // SIMPLEC iterations, so the factorisation is refreshed only every few iterations.
  Eigen::IncompleteCholesky<double, Eigen::Lower, Eigen::NaturalOrdering<int>> ichol;
  bool have_ichol = false;
  // The matrix pattern is fixed (fluid cells, free faces): built once, refilled per iteration
  // through pointers to its entries.
  Eigen::SparseMatrix<double> pmat(nunk, nunk);  // lower triangle
  std::vector<double*> pf_off;
  std::vector<double*> p_diag;
  std::vector<double> pf_area;
  {
    std::vector<Trip> trips;
    trips.reserve(pfaces.size() + nunk);
    for (const auto& pf : pfaces)
      trips.emplace_back(std::max(pf.um, pf.up), std::min(pf.um, pf.up), 1.0);
    for (int u = 0; u < nunk; ++u) trips.emplace_back(u, u, 1.0);
    pmat.setFromTriplets(trips.begin(), trips.end());
    pmat.makeCompressed();
    for (const auto& pf : pfaces) {
      pf_off.push_back(&pmat.coeffRef(std::max(pf.um, pf.up), std::min(pf.um, pf.up)));
      pf_area.push_back(g.face_area(pf.a, g.face_pos(pf.a, pf.f)));
    }
    for (int u = 0; u < nunk; ++u) p_diag.push_back(&pmat.coeffRef(u, u));
  }
  std::vector<double> pdiag(nunk);
  auto build_p_matrix = [&]() -> const Eigen::SparseMatrix<double>& {
    std::fill(pdiag.begin(), pdiag.end(), 0.0);
    for (size_t q = 0; q < pfaces.size(); ++q) *pf_off[q] = 0.0;
    for (size_t q = 0; q < pfaces.size(); ++q) {
      const auto& pf = pfaces[q];
      const double coef = dcoef[pf.a][pf.f] * pf_area[q];
      pdiag[pf.um] += coef;
      pdiag[pf.up] += coef;
      *pf_off[q] -= coef;
    }
    for (int pin : pins) pdiag[pin] *= 2.0;  // one reference pressure per connected region
    for (int u = 0; u < nunk; ++u) *p_diag[u] = pdiag[u] > 0 ? pdiag[u] : 1.0;
    return pmat;
  };
  auto project = [&](double tol, int maxit, bool refactor) {
    const double m = mass_imbalance(pb);
    const Eigen::SparseMatrix<double>& A = build_p_matrix();
    if (refactor || !have_ichol) {
      ichol.compute(A);
      have_ichol = ichol.info() == Eigen::Success;
    }
    const auto Asym = A.selfadjointView<Eigen::Lower>();
    pcorr.setZero();
    Eigen::VectorXd r = pb, z(nunk), q(nunk);
    const double bnorm = std::max(pb.norm(), 1e-300);
    z = have_ichol ? Eigen::VectorXd(ichol.solve(r)) : r;
    Eigen::VectorXd d = z;
    double rz = r.dot(z);
    int k = 0;
    for (; k < maxit && r.norm() > tol * bnorm; ++k) {
      q.noalias() = Asym * d;
      const double alpha = rz / d.dot(q);
      pcorr += alpha * d;
      r -= alpha * q;
      z = have_ichol ? Eigen::VectorXd(ichol.solve(r)) : r;
      const double rz1 = r.dot(z);
      d = z + (rz1 / rz) * d;
      rz = rz1;
    }
    for (const auto& pf : pfaces)
      vel[pf.a][pf.f] += dcoef[pf.a][pf.f] * (pcorr[pf.um] - pcorr[pf.up]);
    return m;
  };

  // Start from potential flow (u = -grad phi through the fixed openings), which already puts
  // the air through the right openings and gives the eddy viscosity a sensible first field.
  for (const auto& pf : pfaces) {
    const auto p = g.face_pos(pf.a, pf.f);
    dcoef[pf.a][pf.f] = 1.0 / (g.c[pf.a][p[pf.a]] - g.c[pf.a][p[pf.a] - 1]);
  }
  project(1e-8, 1000, true);
  update_nut(1.0);

  HallAirResult res;
  int it = 0;
  double mres = 1, dvel = 1;
  std::array<std::vector<double>, 3> vel_old, vel_sum;
  for (int a = 0; a < 3; ++a) vel_sum[a].assign(vel[a].size(), 0.0);
  int n_avg = 0;
  constexpr int kWindow = 40;
  double win_min = 1e300, prev_win_min = 1e300;
  int win_n = 0;
  const int max_it = opt.max_iterations;
  int avg_start = max_it - opt.averaging_iterations;
  for (it = 1; it <= max_it; ++it) {
    progress.check();
    if (it % 20 == 0) progress.report(0.9 * it / opt.max_iterations, "hall air: flow");
    for (int a = 0; a < 3; ++a) vel_old[a] = vel[a];
    cell_velocity();
    for (int a = 0; a < 3; ++a) {
      assemble_momentum(a);
      sweep_momentum(a, 2);
    }
    mres = project(1e-2, 12, it % 10 == 1);
    for (int c = 0; c < ncell; ++c)
      if (!solid[c]) pres[c] += pcorr[unk[c]];
    // Largest velocity change this iteration, relative to the largest supply velocity.
    double dmax = 0, vmax = 1e-12;
    for (int a = 0; a < 3; ++a)
      for (size_t f = 0; f < vel[a].size(); ++f) {
        dmax = std::max(dmax, std::abs(vel[a][f] - vel_old[a][f]));
        vmax = std::max(vmax, std::abs(vel[a][f]));
      }
    dvel = dmax / vmax;
    if (it % 5 == 0) update_nut(0.5);
    // Stagnation: the smallest mass residual of a window of kWindow iterations is not 30 %
    // below the best of the earlier windows.
    win_min = std::min(win_min, mres);
    bool stagnant = false;
    if (++win_n == kWindow) {
      stagnant = win_min > 0.7 * prev_win_min;
      prev_win_min = std::min(prev_win_min, win_min);
      win_min = 1e300;
      win_n = 0;
    }
    if (!tvd_on && opt.second_order && (mres < opt.mass_tolerance || stagnant)) {
      tvd_on = true;
      tvd_it = it;
      prev_win_min = 1e300;  // the residuals jump when the correction comes in
      win_min = 1e300;
      win_n = 0;
    } else if (stagnant && alpha_u > kAlphaMin + 1e-9) {
      alpha_u = std::max(kAlphaMin, alpha_u - 0.1);
    } else if (stagnant && (tvd_on || !opt.second_order)) {
      // Nothing left to lower: the flow flaps about a mean; average it from here on.
      avg_start = std::min(avg_start, it);
    }
    if (!std::isfinite(mres) || !std::isfinite(dvel)) break;
    if (mres < opt.mass_tolerance && dvel < opt.velocity_tolerance && it > 50 &&
        (!opt.second_order || (tvd_on && it > tvd_it + 5)))
      break;
    if (it > avg_start) {
      for (int a = 0; a < 3; ++a)
        for (size_t f = 0; f < vel[a].size(); ++f) vel_sum[a][f] += vel[a][f];
      ++n_avg;
      if (n_avg >= opt.averaging_iterations) break;
    }
  }
  res.iterations = std::min(it, opt.max_iterations);
  res.converged = mres < opt.mass_tolerance && dvel < opt.velocity_tolerance;
  // Halls whose steady flow does not settle (jets that flap; the OpenFOAM reference wanders
  // too) get the flow averaged over the last iterations, as the reference reports its fields.
  bool averaged = false;
  if (!res.converged && n_avg > 0 && std::isfinite(mres)) {
    for (int a = 0; a < 3; ++a)
      for (size_t f = 0; f < vel[a].size(); ++f)
        if (!fixed[a][f]) vel[a][f] = vel_sum[a][f] / n_avg;
    averaged = true;
  }
  // A final tight projection so that the flow the temperature sees is mass conservative (not on
  // a diverged flow: 2,000 sweeps over NaN took longer than the iterations that diverged).
  if (std::isfinite(mres)) project(1e-10, 2000, true);
  res.mass_residual = mres;  // before the final projection, which makes it ~1e-12
  if (averaged) {
    res.converged = mres < opt.plateau_tolerance;
    res.message = "flow residuals plateaued (mass " + fmt(mres) +
                  "): velocity averaged over the "
                  "last " +
                  std::to_string(n_avg) + " iterations";
  }
  update_nut(1.0);
  progress.report(0.9, "hall air: temperature");
  progress.check();

  // ---- temperature: upwind advection + eddy diffusion, racks coupled implicitly ----
  std::vector<Trip> trips;
  Eigen::VectorXd tb = Eigen::VectorXd::Zero(nunk);
  std::vector<double> tdiag(nunk, 0.0);
  std::vector<double> gamma(ncell, 0.0);
  for (int c = 0; c < ncell; ++c) gamma[c] = air.nu_m2_s / air.pr + nut[c] / air.prt;
  // Interior faces between fluid cells.
  for (int a = 0; a < 3; ++a)
    for (int f = 0; f < g.faces(a); ++f) {
      const auto p = g.face_pos(a, f);
      if (p[a] == 0 || p[a] == g.n[a]) continue;
      auto pm = p;
      --pm[a];
      const int cm = g.cell(pm), cp = g.cell(p);
      if (solid[cm] || solid[cp]) continue;
      const double area = g.face_area(a, p);
      const double F = vel[a][f] * area;  // from cm to cp
      double D = 0;
      if (!fixed[a][f]) {  // panels block diffusion too
        const double ga = 2 * gamma[cm] * gamma[cp] / std::max(gamma[cm] + gamma[cp], 1e-30);
        D = ga * area / (g.c[a][p[a]] - g.c[a][pm[a]]);
      }
      const int um = unk[cm], up = unk[cp];
      tdiag[um] += D + std::max(F, 0.0);
      trips.emplace_back(um, up, -(D + std::max(-F, 0.0)));
      tdiag[up] += D + std::max(-F, 0.0);
      trips.emplace_back(up, um, -(D + std::max(F, 0.0)));
    }
  // Openings of cooling units: supply inflow at its temperature, returns take the cell value.
  for (size_t u = 0; u < hall.crahs.size(); ++u) {
    const auto& cf = crah_faces[u];
    for (int pass = 0; pass < 2; ++pass) {
      const auto& of = pass ? cf.ret : cf.sup;
      for (size_t q = 0; q < of.faces.size(); ++q) {
        const int a = of.axis;
        const int f = of.faces[q];
        const auto p = g.face_pos(a, f);
        const int c = g.cell(of.cellpos[q]);
        if (solid[c]) continue;
        const double side = of.cellpos[q][a] == p[a] ? 1.0 : -1.0;  // room on + side of face
        const double inflow = side * vel[a][f] * g.face_area(a, p);
        if (inflow > 0) {
          tb[unk[c]] += inflow * hall.crahs[u].supply_temp_c;
        } else {
          tdiag[unk[c]] += -inflow;
        }
      }
    }
  }
  // Racks: front cells lose their air into the rack; rear cells receive it at the flow-weighted
  // front mean + P / (rho cp Q).
  for (size_t r = 0; r < hall.racks.size(); ++r) {
    const auto& rf = rack_faces[r];
    const auto& rk = hall.racks[r];
    if (!rk.moves_air()) continue;
    double qf = 0;
    for (double v : rf.front_flux) qf += v;
    if (qf <= 0) continue;
    const double rise = rk.power_w / (air.rho_kg_m3 * air.cp_j_kgk * qf);
    for (size_t q = 0; q < rf.front_cells.size(); ++q)
      tdiag[unk[rf.front_cells[q]]] += rf.front_flux[q];
    for (size_t q = 0; q < rf.rear_cells.size(); ++q) {
      const int ur = unk[rf.rear_cells[q]];
      const double fin = rf.rear_flux[q];
      tb[ur] += fin * rise;
      for (size_t s = 0; s < rf.front_cells.size(); ++s)
        trips.emplace_back(ur, unk[rf.front_cells[s]], -fin * rf.front_flux[s] / qf);
    }
  }
  // Cells with no flux and no diffusion (sealed pockets) keep the supply temperature.
  double t_ref = 20;
  {
    double qs = 0, qts = 0;
    for (const auto& c : hall.crahs)
      if (!c.failed) {
        qs += c.supply_flow_m3_s;
        qts += c.supply_flow_m3_s * c.supply_temp_c;
      }
    if (qs > 0) t_ref = qts / qs;
  }
  for (int u = 0; u < nunk; ++u) {
    if (tdiag[u] <= 0) {
      tdiag[u] = 1;
      tb[u] += t_ref;
    }
    trips.emplace_back(u, u, tdiag[u]);
  }
  SpMat TA(nunk, nunk);
  TA.setFromTriplets(trips.begin(), trips.end());
  Eigen::BiCGSTAB<SpMat, Eigen::IncompleteLUT<double>> tsolver;
  tsolver.preconditioner().setDroptol(1e-4);
  tsolver.preconditioner().setFillfactor(10);
  tsolver.setTolerance(1e-12);
  tsolver.setMaxIterations(2000);
  tsolver.compute(TA);
  Eigen::VectorXd tx = tsolver.solveWithGuess(tb, Eigen::VectorXd::Constant(nunk, t_ref));
  bool t_ok = tsolver.info() == Eigen::Success;
  // Second-order advection by deferred correction: the matrix keeps the (monotone) upwind
  // scheme and the difference to a TVD face value (linear upwind limited by van Leer) goes to
  // the right-hand side. First-order upwind on 0.3 m cells smears the hot plumes over the rows
  // (numerical diffusivity |u| h / 2 is larger than the eddy diffusivity); the correction is a
  // flux moved from one cell to its neighbour, so energy stays exactly conserved.
  struct HoFace {
    int um, up, umm, upp;  // unknowns: minus, plus, one further each side (-1 when none)
    double F;              // m3/s from minus to plus
  };
  std::vector<HoFace> hof;
  for (int a = 0; a < 3; ++a)
    for (int f = 0; f < g.faces(a); ++f) {
      const auto p = g.face_pos(a, f);
      if (p[a] == 0 || p[a] == g.n[a] || fixed[a][f]) continue;
      auto pm = p;
      --pm[a];
      const double F = vel[a][f] * g.face_area(a, p);
      if (F == 0) continue;
      auto pmm = pm, ppp = p;
      --pmm[a];
      ++ppp[a];
      const int umm = pmm[a] >= 0 && !solid[g.cell(pmm)] ? unk[g.cell(pmm)] : -1;
      const int upp = ppp[a] < g.n[a] && !solid[g.cell(ppp)] ? unk[g.cell(ppp)] : -1;
      hof.push_back({unk[g.cell(pm)], unk[g.cell(p)], umm, upp, F});
    }
  const int dc_sweeps = opt.second_order ? 12 : 0;
  for (int sweep = 0; sweep < dc_sweeps && t_ok; ++sweep) {
    Eigen::VectorXd rhs = tb;
    for (const auto& h : hof) {
      const bool fwd = h.F > 0;
      const int uu = fwd ? h.um : h.up, ud = fwd ? h.up : h.um, uuu = fwd ? h.umm : h.upp;
      if (uuu < 0) continue;
      const double dd = tx[ud] - tx[uu], du = tx[uu] - tx[uuu];
      if (dd == 0) continue;
      const double r = du / dd;
      const double psi = (r + std::abs(r)) / (1 + std::abs(r));
      const double corr = std::abs(h.F) * 0.5 * psi * dd;  // extra heat carried downstream
      rhs[uu] -= corr;
      rhs[ud] += corr;
    }
    tx = tsolver.solveWithGuess(rhs, tx);
    t_ok = tsolver.info() == Eigen::Success;
    progress.report(0.9 + 0.1 * (sweep + 1) / dc_sweeps, "hall air: temperature");
    progress.check();
  }
  if (!std::isfinite(mres)) {
    res.converged = false;
    res.message = "the air flow diverged (no steady flow was found after " +
                  std::to_string(res.iterations) + " iterations)";
  } else if (!t_ok) {
    res.converged = false;
    res.message = "temperature solve did not converge";
  }

  // ---- results ----
  res.nx = g.n[0];
  res.ny = g.n[1];
  res.nz = g.n[2];
  res.xf = g.f[0];
  res.yf = g.f[1];
  res.zf = g.f[2];
  res.xc = g.c[0];
  res.yc = g.c[1];
  res.zc = g.c[2];
  res.solid = solid;
  res.temp_c.assign(ncell, kNaN);
  for (int c = 0; c < ncell; ++c)
    if (!solid[c]) res.temp_c[c] = tx[unk[c]];
  cell_velocity();
  res.velocity_m_s = cvel;

  const double rhocp = air.rho_kg_m3 * air.cp_j_kgk;
  double shi_num = 0, shi_den = 0;
  for (size_t r = 0; r < hall.racks.size(); ++r) {
    const auto& rk = hall.racks[r];
    const auto& rf = rack_faces[r];
    RackAirResult rr;
    rr.id = rk.id;
    double sw = 0, s = 0, mx = -std::numeric_limits<double>::infinity();
    const bool flow = rk.moves_air();
    for (size_t q = 0; q < rf.front_cells.size(); ++q) {
      const double t = res.temp_c[rf.front_cells[q]];
      const double w = flow ? rf.front_flux[q] : rf.front_area[q];
      sw += w;
      s += w * t;
      mx = std::max(mx, t);
    }
    rr.inlet_mean_c = sw > 0 ? s / sw : kNaN;
    rr.inlet_max_c = rf.front_cells.empty() ? kNaN : mx;
    rr.exhaust_c = rr.inlet_mean_c;
    if (flow && sw > 0) {
      rr.exhaust_c += rk.power_w / (rhocp * sw);
      shi_num += sw * (rr.inlet_mean_c - t_ref);
      shi_den += sw * (rr.exhaust_c - t_ref);
    }
    rr.recommended = rr.inlet_mean_c >= kAshraeInletRanges[0].min_c &&
                     rr.inlet_mean_c <= kAshraeInletRanges[0].max_c;
    for (size_t q = 1; q < kAshraeInletRanges.size(); ++q)
      if (rr.inlet_mean_c >= kAshraeInletRanges[q].min_c &&
          rr.inlet_mean_c <= kAshraeInletRanges[q].max_c) {
        rr.ashrae_class = kAshraeInletRanges[q].name;
        break;
      }
    res.racks.push_back(rr);
    res.energy_in_w += flow ? rk.power_w : 0.0;
  }
  res.shi = shi_den > 0 ? shi_num / shi_den : 0;
  res.rhi = shi_den > 0 ? 1 - res.shi : 0;
  double heat_out = 0;
  for (size_t u = 0; u < hall.crahs.size(); ++u) {
    const auto& cf = crah_faces[u];
    double q_ret = 0, qt_ret = 0, q_sup = 0;
    for (int pass = 0; pass < 2; ++pass) {
      const auto& of = pass ? cf.ret : cf.sup;
      for (size_t q = 0; q < of.faces.size(); ++q) {
        const int a = of.axis;
        const int f = of.faces[q];
        const auto p = g.face_pos(a, f);
        const int c = g.cell(of.cellpos[q]);
        const double side = of.cellpos[q][a] == p[a] ? 1.0 : -1.0;
        const double inflow = side * vel[a][f] * g.face_area(a, p);
        if (inflow > 0) {
          q_sup += inflow;
          heat_out -= rhocp * inflow * hall.crahs[u].supply_temp_c;
        } else if (!solid[c]) {
          q_ret += -inflow;
          qt_ret += -inflow * res.temp_c[c];
          heat_out += rhocp * -inflow * res.temp_c[c];
        }
      }
    }
    res.crah_return_c.push_back(q_ret > 0 ? qt_ret / q_ret : kNaN);
  }
  res.energy_out_w = heat_out;
  res.energy_balance_error = res.energy_in_w > 0
                                 ? (res.energy_out_w - res.energy_in_w) / res.energy_in_w
                                 : res.energy_out_w;
  res.solve_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (res.message.empty())
    res.message = res.converged ? "converged" : "flow not converged: mass residual " + fmt(mres);
  progress.report(1.0, "hall air: done");
  return res;
}

}  // namespace dctwin::model::thermal
