#include "model/electrical/ac_powerflow.h"

#include <Eigen/Sparse>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <sstream>
#include <stdexcept>

#ifdef DCTWIN_HAVE_KLU
#include <amd.h>

#include <Eigen/KLUSupport>
#else
#include <Eigen/SparseLU>
#endif

namespace dctwin::model::electrical {

namespace {

using cd = std::complex<double>;
using Clock = std::chrono::steady_clock;
using SpMat = Eigen::SparseMatrix<double, Eigen::ColMajor, int>;
#ifdef DCTWIN_HAVE_KLU
// Eigen's KLU runs klu_factor, pivot search included, on every factorize(). The Newton Jacobian
// keeps its pattern and changes little between iterations (and time steps), so after one full
// factorisation the pivot order is reused with klu_refactor (3x faster on the 10k-bus cases).
// If the reused pivots turn out poor (KLU's crude rcond falls far below that of the last full
// factorisation), it factorises again with pivoting.
class LinearSolver : public Eigen::KLU<SpMat> {
 public:
  LinearSolver() {
    // A connected network's Jacobian is irreducible: the block-triangular pre-ordering finds a
    // single block and only costs time.
    m_common.btf = 0;
  }

  // Symbolic analysis with a given fill-reducing order (applied to rows and columns alike).
  void analyze_given(const SpMat& a, std::vector<int>& perm) {
    if (m_symbolic) klu_free_symbolic(&m_symbolic, &m_common);
    if (m_numeric) klu_free_numeric(&m_numeric, &m_common);
    grab(a);
    m_symbolic =
        klu_analyze_given(static_cast<int>(a.rows()), const_cast<int*>(a.outerIndexPtr()),
                          const_cast<int*>(a.innerIndexPtr()), perm.data(), perm.data(), &m_common);
    m_isInitialized = m_symbolic != nullptr;
    m_analysisIsOk = m_symbolic != nullptr;
    m_factorizationIsOk = false;
    m_info = m_symbolic ? Eigen::Success : Eigen::InvalidInput;
  }

  void factorize(const SpMat& a) {
    if (m_numeric && m_factorizationIsOk) {
      const bool ok =
          klu_refactor(const_cast<int*>(a.outerIndexPtr()), const_cast<int*>(a.innerIndexPtr()),
                       const_cast<double*>(a.valuePtr()), m_symbolic, m_numeric, &m_common) != 0 &&
          klu_rcond(m_symbolic, m_numeric, &m_common) != 0;
      if (ok && m_common.rcond >= kRelativeRcond * full_rcond_) {
        m_info = Eigen::Success;
        return;
      }
    }
    Eigen::KLU<SpMat>::factorize(a);
    full_rcond_ = 0;
    if (info() == Eigen::Success && klu_rcond(m_symbolic, m_numeric, &m_common))
      full_rcond_ = m_common.rcond;  // NaN never passes the test above: full factor again
  }

 private:
  static constexpr double kRelativeRcond = 1e-3;
  double full_rcond_ = 0;
};
#else
using LinearSolver = Eigen::SparseLU<SpMat, Eigen::COLAMDOrdering<int>>;
#endif

constexpr double kEps = std::numeric_limits<double>::epsilon();  // MATPOWER's eps
constexpr std::size_t kListed = 20;  // buses named in a message before "and N more"

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Bus class as solved (MATPOWER's bustypes), not as typed in the data.
enum class Kind : unsigned char { PQ, PV, Ref };

std::string fmt(double x) {
  std::ostringstream s;
  s.precision(3);
  s << x;
  return s.str();
}

// Union-find with path halving, for islands.
struct Dsu {
  std::vector<int> p;
  explicit Dsu(int n) : p(static_cast<std::size_t>(n)) { std::iota(p.begin(), p.end(), 0); }
  int find(int x) {
    while (p[x] != x) x = p[x] = p[p[x]];
    return x;
  }
  void unite(int a, int b) { p[find(a)] = find(b); }
};

}  // namespace

const char* to_string(AcStatus s) {
  switch (s) {
    case AcStatus::Converged:
      return "converged";
    case AcStatus::NotConverged:
      return "not_converged";
    case AcStatus::NoReference:
      return "no_reference";
    case AcStatus::Singular:
      return "singular";
    case AcStatus::NotANumber:
      return "not_a_number";
    case AcStatus::InvalidData:
      return "invalid_data";
  }
  return "unknown";
}

struct AcPowerFlow::Impl {
  AcNetwork net;
  double build_s = 0;

  // Internal numbering: active (non-isolated) buses in bus order, as MATPOWER's ext2int.
  int n = 0;
  std::vector<int> internal;        // per bus: internal index or -1 (isolated)
  std::vector<std::size_t> ext;     // per internal bus: bus index
  std::vector<Kind> kind;           // per internal bus
  std::vector<double> vset;         // per internal bus: PV/Ref magnitude set-point (last gen wins)
  std::vector<char> gen_active;     // per gen: in service at an active bus
  std::vector<char> branch_active;  // per branch: in service, both ends active
  std::vector<cd> yff, yft, ytf, ytt;  // per branch (active ones)

  std::string invalid;                    // data problems found at construction
  std::vector<std::size_t> unreferenced;  // bus indices of islands without a reference
  std::string notes;                      // reported with every solution

  // Ybus in CSC (column pointers, row indices, values); structurally symmetric, with every
  // diagonal.
  std::vector<int> yp, yi;
  std::vector<cd> yx;
  std::vector<int> diag;  // per internal bus: position of Y(i,i) in yx

  // Newton system: unknowns va(pv), va(pq), vm(pq); equations P(pv), P(pq), Q(pq).
  int npv = 0, npq = 0, nj = 0;
  std::vector<int> pv, pq;  // internal indices
  std::vector<int> ang;     // per internal bus: va unknown / P equation, or -1 (ref)
  std::vector<int> mag;     // per internal bus: vm unknown / Q equation, or -1 (pv, ref)
  SpMat jac;
  // Per Ybus entry e (row i, column k): where dP_i/dva_k, dQ_i/dva_k, dP_i/dvm_k and dQ_i/dvm_k
  // sit in jac's value array, or -1. Filled in place each iteration: no allocation, no search.
  std::vector<int> pos_pa, pos_qa, pos_pv, pos_qv;
  LinearSolver lin;
  bool analysed = false;

  // State of the last solve (internal order), for warm starts.
  std::vector<double> va, vm;
  bool have_last = false;

  // Work arrays, sized once.
  std::vector<cd> v, cur, sbus;
  Eigen::VectorXd f, dx;

  explicit Impl(const AcNetwork& network) : net(network) {
    const auto t0 = Clock::now();
    check_indices();
    check_data();
    number_buses();
    classify();
    find_islands();
    build_ybus();
    build_jacobian_pattern();
    v.assign(static_cast<std::size_t>(n), cd{});
    cur.assign(static_cast<std::size_t>(n), cd{});
    sbus.assign(static_cast<std::size_t>(n), cd{});
    f.resize(nj);
    dx.resize(nj);
    build_s = seconds_since(t0);
  }

  void check_indices() const {
    const std::size_t nb = net.buses.size();
    for (std::size_t g = 0; g < net.gens.size(); ++g)
      if (net.gens[g].bus >= nb)
        throw std::invalid_argument("AcPowerFlow: gen " + std::to_string(g) +
                                    " refers to bus index " + std::to_string(net.gens[g].bus) +
                                    ", but the network has " + std::to_string(nb) + " buses");
    for (std::size_t k = 0; k < net.branches.size(); ++k) {
      const auto& br = net.branches[k];
      if (br.f >= nb || br.t >= nb)
        throw std::invalid_argument("AcPowerFlow: branch " + std::to_string(k) +
                                    " refers to bus index " + std::to_string(std::max(br.f, br.t)) +
                                    ", but the network has " + std::to_string(nb) + " buses");
    }
  }

  // Collects impossible input so that solve() reports it instead of iterating on garbage.
  void check_data() {
    std::ostringstream s;
    int count = 0;
    auto bad = [&](const std::string& what) {
      if (count++ < 10) s << (count > 1 ? "; " : "") << what;
    };
    auto fin = [](double x) { return std::isfinite(x); };
    if (!fin(net.base_mva) || net.base_mva <= 0)
      bad("base_mva is " + fmt(net.base_mva) + ": give a positive base power (MVA)");
    if (net.buses.empty()) bad("the network has no buses: add at least one bus");
    auto isolated = [&](std::size_t b) { return net.buses[b].type == BusType::Isolated; };
    for (std::size_t b = 0; b < net.buses.size(); ++b) {
      const auto& bus = net.buses[b];
      const int t = static_cast<int>(bus.type);
      if (t < 1 || t > 4)
        bad("bus " + std::to_string(bus.number) + " has type " + std::to_string(t));
      if (isolated(b)) continue;
      if (!fin(bus.pd_pu) || !fin(bus.qd_pu) || !fin(bus.gs_pu) || !fin(bus.bs_pu) ||
          !fin(bus.vm_pu) || !fin(bus.va_rad))
        bad("bus " + std::to_string(bus.number) + " has a NaN or infinite load, shunt or voltage");
    }
    for (std::size_t g = 0; g < net.gens.size(); ++g) {
      const auto& gen = net.gens[g];
      if (!gen.in_service || isolated(gen.bus)) continue;
      if (!fin(gen.pg_pu) || !fin(gen.qg_pu) || !fin(gen.vg_pu) || std::isnan(gen.qmax_pu) ||
          std::isnan(gen.qmin_pu))
        bad("gen " + std::to_string(g + 1) + " at bus " +
            std::to_string(net.buses[gen.bus].number) +
            " has a NaN or infinite set-point (only Q limits may be infinite)");
    }
    for (std::size_t k = 0; k < net.branches.size(); ++k) {
      const auto& br = net.branches[k];
      if (!br.in_service || isolated(br.f) || isolated(br.t)) continue;
      // Names are built only for a bad branch: this loop runs over every branch of a 10k-bus case.
      auto name = [&] {
        return "branch " + std::to_string(k + 1) + " (" + std::to_string(net.buses[br.f].number) +
               "-" + std::to_string(net.buses[br.t].number) + ")";
      };
      const double d = br.r_pu * br.r_pu + br.x_pu * br.x_pu;
      if (!fin(br.r_pu) || !fin(br.x_pu) || !fin(br.b_pu) || !fin(br.tap) || !fin(br.shift_rad))
        bad(name() + " has a NaN or infinite parameter");
      else if (br.r_pu == 0 && br.x_pu == 0)
        bad(name() +
            " has zero impedance (r = x = 0): give it a small x or take it out of service");
      else if (!(d > 0) || !std::isfinite(1 / d))
        bad(name() + " has an impedance too small to invert");
    }
    if (count > 10) s << "; and " << count - 10 << " more";
    invalid = s.str();
  }

  void number_buses() {
    internal.assign(net.buses.size(), -1);
    for (std::size_t b = 0; b < net.buses.size(); ++b)
      if (net.buses[b].type != BusType::Isolated) {
        internal[b] = n++;
        ext.push_back(b);
      }
    gen_active.assign(net.gens.size(), 0);
    for (std::size_t g = 0; g < net.gens.size(); ++g)
      gen_active[g] = net.gens[g].in_service && internal[net.gens[g].bus] >= 0;
    branch_active.assign(net.branches.size(), 0);
    for (std::size_t k = 0; k < net.branches.size(); ++k) {
      const auto& br = net.branches[k];
      branch_active[k] = br.in_service && internal[br.f] >= 0 && internal[br.t] >= 0;
    }
  }

  void classify() {
    const auto nn = static_cast<std::size_t>(n);
    std::vector<int> gens_on(nn, 0);
    vset.assign(nn, 1.0);
    for (std::size_t g = 0; g < net.gens.size(); ++g) {
      if (!gen_active[g]) continue;
      const int i = internal[net.gens[g].bus];
      ++gens_on[i];
      vset[i] = net.gens[g].vg_pu;  // the last in-service gen at a bus wins, as in runpf
    }
    kind.assign(nn, Kind::PQ);
    bool have_ref = false;
    for (int i = 0; i < n; ++i) {
      const BusType t = net.buses[ext[i]].type;
      if (gens_on[i] == 0) continue;
      if (t == BusType::Ref) {
        kind[i] = Kind::Ref;
        have_ref = true;
      } else if (t == BusType::PV) {
        kind[i] = Kind::PV;
      }
    }
    if (!have_ref) {
      // MATPOWER's bustypes: the first PV bus becomes the reference.
      for (int i = 0; i < n; ++i)
        if (kind[i] == Kind::PV) {
          kind[i] = Kind::Ref;
          notes = "no reference bus has a generator in service; bus " +
                  std::to_string(net.buses[ext[i]].number) +
                  " (the first PV bus) is the reference, as MATPOWER does";
          break;
        }
    }
    ang.assign(nn, -1);
    mag.assign(nn, -1);
    for (int i = 0; i < n; ++i) {
      if (kind[i] == Kind::PV) pv.push_back(i);
      if (kind[i] == Kind::PQ) pq.push_back(i);
    }
    npv = static_cast<int>(pv.size());
    npq = static_cast<int>(pq.size());
    nj = npv + 2 * npq;
    int u = 0;
    for (int i : pv) ang[i] = u++;
    for (int i : pq) ang[i] = u++;
    for (int i : pq) mag[i] = u++;
  }

  void find_islands() {
    Dsu dsu(n);
    for (std::size_t k = 0; k < net.branches.size(); ++k)
      if (branch_active[k]) dsu.unite(internal[net.branches[k].f], internal[net.branches[k].t]);
    std::vector<char> root_has_ref(static_cast<std::size_t>(n), 0);
    for (int i = 0; i < n; ++i)
      if (kind[i] == Kind::Ref) root_has_ref[dsu.find(i)] = 1;
    for (int i = 0; i < n; ++i)
      if (!root_has_ref[dsu.find(i)]) unreferenced.push_back(ext[i]);
  }

  // Ybus straight into CSC: count, scatter, then sort and merge each (short) column. Parallel
  // branches and shunts accumulate into one entry, as in makeYbus.
  void build_ybus() {
    const auto nbr = net.branches.size();
    const auto nn = static_cast<std::size_t>(n);
    yff.assign(nbr, cd{});
    yft.assign(nbr, cd{});
    ytf.assign(nbr, cd{});
    ytt.assign(nbr, cd{});
    const bool with_branches = invalid.empty();
    yp.assign(nn + 1, 0);
    for (std::size_t i = 0; i < nn; ++i) yp[i + 1] = 1;  // every diagonal is structural
    if (with_branches)
      for (std::size_t k = 0; k < nbr; ++k)
        if (branch_active[k]) {
          yp[internal[net.branches[k].f] + 1] += 2;
          yp[internal[net.branches[k].t] + 1] += 2;
        }
    for (std::size_t i = 0; i < nn; ++i) yp[i + 1] += yp[i];
    yi.resize(static_cast<std::size_t>(yp[nn]));
    yx.resize(static_cast<std::size_t>(yp[nn]));
    std::vector<int> next(yp.begin(), yp.end() - 1);
    auto put = [&](int col, int row, cd val) {
      yi[next[col]] = row;
      yx[next[col]++] = val;
    };
    // The diagonal exists even when nothing is attached, so that the Jacobian has it.
    for (int i = 0; i < n; ++i) put(i, i, cd(net.buses[ext[i]].gs_pu, net.buses[ext[i]].bs_pu));
    if (with_branches) {
      for (std::size_t k = 0; k < nbr; ++k) {
        if (!branch_active[k]) continue;
        const auto& br = net.branches[k];
        const double d = br.r_pu * br.r_pu + br.x_pu * br.x_pu;
        const cd ys(br.r_pu / d, -br.x_pu / d);  // 1 / (r + jx)
        const double tau = br.tap == 0 ? 1.0 : br.tap;
        const cd rot = br.shift_rad == 0 ? cd(1, 0)  // tap = tau * rot
                                         : cd(std::cos(br.shift_rad), std::sin(br.shift_rad));
        const cd tt = ys + cd(0, br.b_pu / 2);
        ytt[k] = tt;
        yff[k] = tt / (tau * tau);
        yft[k] = -ys * rot / tau;             // -ys / conj(tap)
        ytf[k] = -ys * std::conj(rot) / tau;  // -ys / tap
        const int f = internal[br.f], t = internal[br.t];
        put(f, f, yff[k]);
        put(f, t, ytf[k]);  // column f holds Y(f,f) and Y(t,f)
        put(t, t, ytt[k]);
        put(t, f, yft[k]);  // column t holds Y(t,t) and Y(f,t)
      }
    }
    // Sort each column by row (insertion sort: a bus has a handful of neighbours) and merge
    // duplicates in place.
    int w = 0;
    diag.assign(nn, -1);
    for (int k = 0; k < n; ++k) {
      const int b = yp[k], e = yp[k + 1];
      for (int a = b + 1; a < e; ++a) {
        const int r = yi[a];
        const cd x = yx[a];
        int c = a - 1;
        for (; c >= b && yi[c] > r; --c) {
          yi[c + 1] = yi[c];
          yx[c + 1] = yx[c];
        }
        yi[c + 1] = r;
        yx[c + 1] = x;
      }
      const int col_start = w;
      for (int a = b; a < e; ++a) {
        if (w > col_start && yi[w - 1] == yi[a]) {
          yx[w - 1] += yx[a];
        } else {
          yi[w] = yi[a];
          yx[w] = yx[a];
          if (yi[w] == k) diag[k] = w;
          ++w;
        }
      }
      yp[k] = col_start;
    }
    yp[nn] = w;
    yi.resize(static_cast<std::size_t>(w));
    yx.resize(static_cast<std::size_t>(w));
  }

  void build_jacobian_pattern() {
    const int* cp = yp.data();
    const int* ri = yi.data();
    const std::size_t nnz = yi.size();
    pos_pa.assign(nnz, -1);
    pos_qa.assign(nnz, -1);
    pos_pv.assign(nnz, -1);
    pos_qv.assign(nnz, -1);
    // Column c of J belongs to one bus k (its va or vm); its rows come from Ybus column k:
    // P_i when bus i has a va unknown, Q_i when it has a vm unknown.
    std::vector<int> bus_of(static_cast<std::size_t>(nj), -1);
    std::vector<char> is_mag(static_cast<std::size_t>(nj), 0);
    for (int k = 0; k < n; ++k) {
      if (ang[k] >= 0) bus_of[ang[k]] = k;
      if (mag[k] >= 0) {
        bus_of[mag[k]] = k;
        is_mag[mag[k]] = 1;
      }
    }
    std::size_t total = 0;
    for (int c = 0; c < nj; ++c) {
      const int k = bus_of[c];
      for (int e = cp[k]; e < cp[k + 1]; ++e) total += (ang[ri[e]] >= 0) + (mag[ri[e]] >= 0);
    }
    jac.resize(nj, nj);
    jac.resizeNonZeros(static_cast<Eigen::Index>(total));
    int* jp = jac.outerIndexPtr();
    int* ji = jac.innerIndexPtr();
    std::fill(jac.valuePtr(), jac.valuePtr() + total, 0.0);
    struct Slot {
      int row;
      int* where;
    };
    std::vector<Slot> slots;
    int w = 0;
    jp[0] = 0;
    for (int c = 0; c < nj; ++c) {
      const int k = bus_of[c];
      slots.clear();
      for (int e = cp[k]; e < cp[k + 1]; ++e) {
        const int i = ri[e];
        if (ang[i] >= 0) slots.push_back({ang[i], is_mag[c] ? &pos_pv[e] : &pos_pa[e]});
        if (mag[i] >= 0) slots.push_back({mag[i], is_mag[c] ? &pos_qv[e] : &pos_qa[e]});
      }
      // Rows sorted within each column, as CSC users (KLU, SparseLU) expect (insertion sort:
      // a column has twice a bus's neighbours).
      for (std::size_t a = 1; a < slots.size(); ++a)
        for (std::size_t b = a; b > 0 && slots[b - 1].row > slots[b].row; --b)
          std::swap(slots[b - 1], slots[b]);
      for (const auto& s : slots) {
        *s.where = w;
        ji[w++] = s.row;
      }
      jp[c + 1] = w;
    }
  }

  // Symbolic analysis of J; false when it fails.
  bool analyse() {
#ifdef DCTWIN_HAVE_KLU
    // Fill-reducing order from AMD on the bus graph (Ybus pattern), each bus's va and vm kept
    // together: the same fill as AMD on J, found in half the time.
    std::vector<int> pb(static_cast<std::size_t>(n));
    double control[AMD_CONTROL], info[AMD_INFO];
    amd_defaults(control);
    if (amd_order(n, yp.data(), yi.data(), pb.data(), control, info) >= AMD_OK) {
      std::vector<int> perm;
      perm.reserve(static_cast<std::size_t>(nj));
      for (int k : pb) {
        if (ang[k] >= 0) perm.push_back(ang[k]);
        if (mag[k] >= 0) perm.push_back(mag[k]);
      }
      lin.analyze_given(jac, perm);
    } else {
      lin.analyzePattern(jac);
    }
    return lin.info() == Eigen::Success;
#else
    lin.analyzePattern(jac);  // SparseLU reports problems at factorize()
    return true;
#endif
  }

  // Sbus from the current loads and gens, pu (makeSbus).
  void make_sbus() {
    for (int i = 0; i < n; ++i) {
      const auto& bus = net.buses[ext[i]];
      sbus[i] = cd(-bus.pd_pu, -bus.qd_pu);
    }
    for (std::size_t g = 0; g < net.gens.size(); ++g)
      if (gen_active[g])
        sbus[internal[net.gens[g].bus]] += cd(net.gens[g].pg_pu, net.gens[g].qg_pu);
  }

  void initial_point(bool warm) {
    va.resize(static_cast<std::size_t>(n));
    vm.resize(static_cast<std::size_t>(n));
    if (warm && have_last) {
      // PV/Ref magnitudes are set-points; a warm start keeps the last angles and PQ magnitudes.
      for (int i = 0; i < n; ++i)
        if (kind[i] != Kind::PQ) vm[i] = vset[i];
    } else {
      for (int i = 0; i < n; ++i) {
        const auto& bus = net.buses[ext[i]];
        cd v0(bus.vm_pu * std::cos(bus.va_rad), bus.vm_pu * std::sin(bus.va_rad));
        if (kind[i] != Kind::PQ) {
          // runpf: V0 = Vg / |V0| * V0. With |V0| = 0 that is 0/0; use the file angle instead.
          const double a = std::abs(v0);
          v0 = a > 0 ? vset[i] / a * v0
                     : cd(vset[i] * std::cos(bus.va_rad), vset[i] * std::sin(bus.va_rad));
        }
        vm[i] = std::abs(v0);
        va[i] = std::arg(v0);
      }
    }
    for (int i = 0; i < n; ++i) v[i] = cd(vm[i] * std::cos(va[i]), vm[i] * std::sin(va[i]));
  }

  // cur = Ybus * v.
  void multiply() {
    const int* cp = yp.data();
    const int* ri = yi.data();
    const cd* y = yx.data();
    std::fill(cur.begin(), cur.end(), cd{});
    for (int k = 0; k < n; ++k) {
      const cd vk = v[k];
      for (int e = cp[k]; e < cp[k + 1]; ++e) cur[ri[e]] += y[e] * vk;
    }
  }

  // f = [P mismatch (pv, pq); Q mismatch (pq)]; returns its infinity norm (NaN if any is NaN).
  double mismatch() {
    multiply();
    double norm = 0;
    bool nan = false;
    for (int i = 0; i < n; ++i) {
      const cd mis = v[i] * std::conj(cur[i]) - sbus[i];
      if (ang[i] >= 0) {
        f[ang[i]] = mis.real();
        nan = nan || !std::isfinite(mis.real());
        norm = std::max(norm, std::abs(mis.real()));
      }
      if (mag[i] >= 0) {
        f[mag[i]] = mis.imag();
        nan = nan || !std::isfinite(mis.imag());
        norm = std::max(norm, std::abs(mis.imag()));
      }
    }
    return nan ? std::numeric_limits<double>::quiet_NaN() : norm;
  }

  // Fills J's values in place (MATPOWER's dSbus_dV, polar): for Ybus entry (i, k),
  //   dS_i/dva_k = -j a + [i==k] j S_i,   dS_i/dvm_k = a / vm_k + [i==k] S_i / vm_i,
  // with a = V_i conj(Y_ik V_k) and S_i = V_i conj(I_i).
  void fill_jacobian() {
    const int* cp = yp.data();
    const int* ri = yi.data();
    const cd* y = yx.data();
    double* jv = jac.valuePtr();
    for (int k = 0; k < n; ++k) {
      const cd vk = v[k];
      const double inv_vm = 1.0 / vm[k];
      for (int e = cp[k]; e < cp[k + 1]; ++e) {
        const int i = ri[e];
        const cd a = v[i] * std::conj(y[e] * vk);
        cd dva(a.imag(), -a.real());
        cd dvm = a * inv_vm;
        if (e == diag[k]) {
          const cd s = v[i] * std::conj(cur[i]);
          dva += cd(-s.imag(), s.real());
          dvm += s * inv_vm;
        }
        if (pos_pa[e] >= 0) jv[pos_pa[e]] = dva.real();
        if (pos_qa[e] >= 0) jv[pos_qa[e]] = dva.imag();
        if (pos_pv[e] >= 0) jv[pos_pv[e]] = dvm.real();
        if (pos_qv[e] >= 0) jv[pos_qv[e]] = dvm.imag();
      }
    }
  }

  std::string bus_name(int i) const { return std::to_string(net.buses[ext[i]].number); }

  // Buses (internal) with the largest mismatch, largest first, with a readable summary.
  std::string worst(std::vector<std::size_t>& out, std::size_t count) const {
    std::vector<std::pair<double, int>> m;
    for (int i = 0; i < n; ++i) {
      double w = 0;
      if (ang[i] >= 0) w = std::max(w, std::abs(f[ang[i]]));
      if (mag[i] >= 0) w = std::max(w, std::abs(f[mag[i]]));
      if (std::isnan(w) || (ang[i] >= 0 && std::isnan(f[ang[i]])) ||
          (mag[i] >= 0 && std::isnan(f[mag[i]])))
        w = std::numeric_limits<double>::infinity();
      if (w > 0) m.emplace_back(w, i);
    }
    const std::size_t c = std::min(count, m.size());
    std::partial_sort(m.begin(), m.begin() + static_cast<std::ptrdiff_t>(c), m.end(),
                      [](const auto& a, const auto& b) { return a.first > b.first; });
    std::ostringstream s;
    for (std::size_t r = 0; r < c; ++r) {
      const int i = m[r].second;
      out.push_back(ext[i]);
      s << (r ? ", " : "") << "bus " << bus_name(i) << " (";
      if (ang[i] >= 0) s << "P " << fmt(f[ang[i]]);
      if (mag[i] >= 0) s << ", Q " << fmt(f[mag[i]]);
      s << ")";
    }
    return s.str();
  }

  std::string list_buses(const std::vector<std::size_t>& buses) const {
    std::ostringstream s;
    for (std::size_t r = 0; r < std::min(buses.size(), kListed); ++r)
      s << (r ? ", " : "") << net.buses[buses[r]].number;
    if (buses.size() > kListed) s << " and " << buses.size() - kListed << " more";
    return s.str();
  }

  // pfsoln: voltages, gen P/Q, branch flows.
  void post_process(AcSolution& sol) const {
    const std::size_t nb = net.buses.size(), ng = net.gens.size(), nbr = net.branches.size();
    sol.v.resize(nb);
    for (std::size_t b = 0; b < nb; ++b) {
      const auto& bus = net.buses[b];
      sol.v[b] = internal[b] >= 0
                     ? v[internal[b]]
                     : cd(bus.vm_pu * std::cos(bus.va_rad), bus.vm_pu * std::sin(bus.va_rad));
    }
    sol.sf_pu.assign(nbr, cd{});
    sol.st_pu.assign(nbr, cd{});
    for (std::size_t k = 0; k < nbr; ++k) {
      if (!branch_active[k]) continue;
      const cd vf = v[internal[net.branches[k].f]], vt = v[internal[net.branches[k].t]];
      sol.sf_pu[k] = vf * std::conj(yff[k] * vf + yft[k] * vt);
      sol.st_pu[k] = vt * std::conj(ytf[k] * vf + ytt[k] * vt);
    }

    // Gens: in MW/MVAr as pfsoln computes them, so that its eps terms act at the same scale.
    const double base = net.base_mva;
    std::vector<std::size_t> on;  // in-service gens at PV/Ref buses, in gen order
    for (std::size_t g = 0; g < ng; ++g)
      if (gen_active[g] && kind[internal[net.gens[g].bus]] != Kind::PQ) on.push_back(g);
    auto s_inj = [&](int i) { return v[i] * std::conj(cur[i]); };
    const std::size_t non = on.size();
    std::vector<int> gb(non);
    std::vector<double> q(non);
    for (std::size_t j = 0; j < non; ++j) {
      gb[j] = internal[net.gens[on[j]].bus];
      q[j] = s_inj(gb[j]).imag() * base + net.buses[ext[gb[j]]].qd_pu * base;
    }
    if (non > 1) {
      const auto nn = static_cast<std::size_t>(n);
      std::vector<int> cnt(nn, 0);
      for (int i : gb) ++cnt[i];
      for (std::size_t j = 0; j < non; ++j) q[j] /= cnt[gb[j]];
      std::vector<double> qmin(non), qmax(non), mj(non), msum(nn, 0);
      for (std::size_t j = 0; j < non; ++j) {
        qmin[j] = net.gens[on[j]].qmin_pu * base;
        qmax[j] = net.gens[on[j]].qmax_pu * base;
        mj[j] = std::abs(q[j]);
        if (!std::isinf(qmax[j])) mj[j] += std::abs(qmax[j]);
        if (!std::isinf(qmin[j])) mj[j] += std::abs(qmin[j]);
        msum[gb[j]] += mj[j];
      }
      // Infinite limits get a finite proxy: the bus's total |Q| plus its finite limits.
      std::vector<double> qtot(nn, 0), qgmin(nn, 0), qgmax(nn, 0);
      for (std::size_t j = 0; j < non; ++j) {
        const double m = msum[gb[j]];
        if (std::isinf(qmin[j])) qmin[j] = qmin[j] > 0 ? m : -m;
        if (std::isinf(qmax[j])) qmax[j] = qmax[j] > 0 ? m : -m;
        qtot[gb[j]] += q[j];
        qgmin[gb[j]] += qmin[j];
        qgmax[gb[j]] += qmax[j];
      }
      for (std::size_t j = 0; j < non; ++j) {
        const int i = gb[j];
        if (std::abs(qgmin[i] - qgmax[i]) < 10 * kEps)
          q[j] = qmin[j] + (qtot[i] - qgmin[i]) / cnt[i];  // zero range: equal shares
        else
          q[j] =
              qmin[j] + ((qtot[i] - qgmin[i]) / (qgmax[i] - qgmin[i] + kEps)) * (qmax[j] - qmin[j]);
      }
    }
    // Outputs are in pu; gens whose P or Q is an input report it exactly (no round trip
    // through MW), the others (Q at PV/Ref buses, slack P) what pfsoln computes.
    sol.pg_pu.assign(ng, 0);
    sol.qg_pu.assign(ng, 0);
    for (std::size_t g = 0; g < ng; ++g)
      if (gen_active[g]) {
        sol.pg_pu[g] = net.gens[g].pg_pu;
        sol.qg_pu[g] = net.gens[g].qg_pu;
      }
    for (std::size_t j = 0; j < non; ++j) sol.qg_pu[on[j]] = q[j] / base;
    // Slack P: the first in-service gen at each reference bus takes the rest of the bus's P.
    for (int i = 0; i < n; ++i) {
      if (kind[i] != Kind::Ref) continue;
      std::size_t first = ng;
      double others = 0;
      for (std::size_t j = 0; j < non; ++j) {
        if (gb[j] != i) continue;
        if (first == ng)
          first = on[j];
        else
          others += net.gens[on[j]].pg_pu * base;
      }
      if (first == ng) continue;
      sol.pg_pu[first] = (s_inj(i).real() * base + net.buses[ext[i]].pd_pu * base - others) / base;
    }
  }

  // Fills a solution with the initial point and zero flows (failures before iterating).
  void empty_solution(AcSolution& sol) const {
    const std::size_t nb = net.buses.size();
    sol.v.resize(nb);
    for (std::size_t b = 0; b < nb; ++b) {
      const auto& bus = net.buses[b];
      sol.v[b] = cd(bus.vm_pu * std::cos(bus.va_rad), bus.vm_pu * std::sin(bus.va_rad));
    }
    sol.pg_pu.assign(net.gens.size(), 0);
    sol.qg_pu.assign(net.gens.size(), 0);
    sol.sf_pu.assign(net.branches.size(), cd{});
    sol.st_pu.assign(net.branches.size(), cd{});
  }

  AcSolution solve(const AcOptions& opt, Progress* progress) {
    const auto t0 = Clock::now();
    AcSolution sol;
    auto finish = [&](AcStatus st, std::string msg) {
      sol.status = st;
      sol.converged = st == AcStatus::Converged;
      sol.message = std::move(msg);
      if (!notes.empty()) sol.message += (sol.message.empty() ? "" : "; ") + notes;
      sol.solve_s = seconds_since(t0);
      return sol;
    };
    if (!invalid.empty()) {
      empty_solution(sol);
      return finish(AcStatus::InvalidData, "invalid network data: " + invalid);
    }
    if (!unreferenced.empty()) {
      empty_solution(sol);
      sol.unreferenced_buses = unreferenced;
      return finish(AcStatus::NoReference,
                    std::to_string(unreferenced.size()) +
                        " bus(es) lie in islands without a reference bus (no type-3 bus with a "
                        "generator in service): " +
                        list_buses(unreferenced) +
                        "; connect them to the main network, make one of their buses the "
                        "reference, or mark them isolated");
    }
    if (!(opt.tol_pu > 0) || opt.max_iter < 0) {
      empty_solution(sol);
      return finish(AcStatus::InvalidData, "tol_pu must be positive and max_iter not negative");
    }
    make_sbus();
    initial_point(opt.warm_start);
    have_last = false;
    double norm = mismatch();
    int it = 0;
    AcStatus status = AcStatus::NotConverged;
    std::string msg;
    if (std::isnan(norm)) {
      status = AcStatus::NotANumber;
    } else if (norm < opt.tol_pu) {
      status = AcStatus::Converged;
    }
    if (nj > 0 && !analysed && status == AcStatus::NotConverged) {
      if (!analyse()) {  // once per topology: kept across iterations and solves
        status = AcStatus::Singular;
        msg = "the symbolic analysis of the Jacobian failed";
      } else {
        analysed = true;
      }
    }
    while (status == AcStatus::NotConverged && it < opt.max_iter) {
      if (progress) {
        progress->check();
        progress->report(static_cast<double>(it) / opt.max_iter,
                         "Newton iteration " + std::to_string(it + 1));
      }
      ++it;
      fill_jacobian();
      lin.factorize(jac);
      if (lin.info() != Eigen::Success) {
        status = AcStatus::Singular;
        msg = "the Jacobian is singular at iteration " + std::to_string(it) +
              ": look for buses or islands whose voltage is not determined (a PQ island held "
              "only by zero-impedance-like branches, or all loads and no reference)";
        break;
      }
      dx = lin.solve(f);
      if (!dx.allFinite()) {
        status = AcStatus::NotANumber;
        msg = "the Newton update is not finite at iteration " + std::to_string(it) +
              " (near-singular Jacobian)";
        break;
      }
      // x <- x - J^-1 F
      for (int i : pv) va[i] -= dx[ang[i]];
      for (int i : pq) {
        va[i] -= dx[ang[i]];
        vm[i] -= dx[mag[i]];
      }
      for (int i = 0; i < n; ++i) {
        v[i] = cd(vm[i] * std::cos(va[i]), vm[i] * std::sin(va[i]));
        // newtonpf re-extracts vm = |V| and va = angle(V): that only changes something when a
        // magnitude went negative or an angle left (-pi, pi].
        if (vm[i] < 0 || !(va[i] > -std::numbers::pi && va[i] <= std::numbers::pi)) {
          vm[i] = std::abs(v[i]);
          va[i] = std::arg(v[i]);
        }
      }
      norm = mismatch();
      if (std::isnan(norm)) {
        status = AcStatus::NotANumber;
        break;
      }
      if (norm < opt.tol_pu) status = AcStatus::Converged;
    }
    sol.iterations = it;
    sol.max_mismatch_pu = norm;
    if (status == AcStatus::NotANumber && msg.empty())
      msg = "NaN or infinity in the mismatch at iteration " + std::to_string(it) +
            " (diverging or degenerate voltages)";
    if (status == AcStatus::NotANumber || status == AcStatus::NotConverged) {
      const std::string w = worst(sol.worst_buses, 5);
      if (status == AcStatus::NotConverged)
        msg = "Newton-Raphson did not converge in " + std::to_string(it) +
              " iterations: largest mismatch " + fmt(norm) + " pu (tolerance " + fmt(opt.tol_pu) +
              ")";
      if (!w.empty()) msg += "; largest mismatches at " + w;
    }
    post_process(sol);
    if (status == AcStatus::Converged) have_last = true;
    if (progress) progress->report(1.0, "power flow done");
    return finish(status, msg);
  }
};

AcPowerFlow::AcPowerFlow(const AcNetwork& net) : impl_(std::make_unique<Impl>(net)) {}
AcPowerFlow::~AcPowerFlow() = default;
AcPowerFlow::AcPowerFlow(AcPowerFlow&&) noexcept = default;
AcPowerFlow& AcPowerFlow::operator=(AcPowerFlow&&) noexcept = default;

AcSolution AcPowerFlow::solve(const AcOptions& options, Progress* progress) {
  return impl_->solve(options, progress);
}

void AcPowerFlow::set_load(std::size_t bus, double pd_pu, double qd_pu) {
  if (bus >= impl_->net.buses.size())
    throw std::invalid_argument("AcPowerFlow::set_load: bus index " + std::to_string(bus) +
                                " out of range");
  impl_->net.buses[bus].pd_pu = pd_pu;
  impl_->net.buses[bus].qd_pu = qd_pu;
}

void AcPowerFlow::set_gen(std::size_t gen, double pg_pu, double qg_pu) {
  if (gen >= impl_->net.gens.size())
    throw std::invalid_argument("AcPowerFlow::set_gen: gen index " + std::to_string(gen) +
                                " out of range");
  impl_->net.gens[gen].pg_pu = pg_pu;
  impl_->net.gens[gen].qg_pu = qg_pu;
}

void AcPowerFlow::reset_start() { impl_->have_last = false; }
const AcNetwork& AcPowerFlow::network() const { return impl_->net; }
double AcPowerFlow::build_s() const { return impl_->build_s; }
std::size_t AcPowerFlow::active_buses() const { return static_cast<std::size_t>(impl_->n); }
std::size_t AcPowerFlow::unknowns() const { return static_cast<std::size_t>(impl_->nj); }

AcSolution solve_ac(const AcNetwork& net, const AcOptions& options) {
  return AcPowerFlow(net).solve(options);
}

}  // namespace dctwin::model::electrical
