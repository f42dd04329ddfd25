#include "model/electrical/contingency.h"

#include <Eigen/Sparse>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <complex>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "model/site/loads.h"
#ifdef DCTWIN_HAVE_KLU
#include <Eigen/KLUSupport>
#else
#include <Eigen/SparseLU>
#endif

namespace dctwin::model::electrical {

namespace {

using cd = std::complex<double>;
#ifdef DCTWIN_HAVE_KLU
using CoreLu = Eigen::KLU<Eigen::SparseMatrix<cd>>;
#else
using CoreLu = Eigen::SparseLU<Eigen::SparseMatrix<cd>>;
#endif

constexpr std::size_t kNoGroup = std::size_t(-1);

struct Job {
  std::size_t group;  // index into site.groups; kNoGroup: a component in no group
  Id member;
};

// What one electrical case contributes to the result: the ContingencyCase fields and the power
// through every node (|S|, 0 when dead) for the capacity table.
struct ElecOutcome {
  bool converged = false;
  std::string message;
  double worst_pct = 0;
  Id worst_entity = kNoId;
  std::vector<Id> racks_lost;
  std::vector<Id> loads_lost;  ///< entities of SiteSolveOptions::loads supplied before, not after
  std::size_t overloads = 0;
  std::vector<double> node_load;
};

ElecOutcome outcome_of(const Site& site, const SiteElecResult& base, const SiteElecResult& r) {
  ElecOutcome o;
  o.converged = r.converged;
  o.message = r.message;
  o.worst_pct = r.max_loading_pct;
  o.worst_entity = r.max_loading_entity;
  for (std::size_t i = 0; i < site.racks.size() && i < r.racks.size(); ++i)
    if (base.racks[i].powered && !r.racks[i].powered) o.racks_lost.push_back(site.racks.id[i]);
  for (std::size_t i = 0; i < base.loads.size() && i < r.loads.size(); ++i)
    if (base.loads[i].powered && !r.loads[i].powered) o.loads_lost.push_back(r.loads[i].entity);
  for (const auto& v : r.violations)
    if (v.code == "elec.overload") ++o.overloads;
  o.node_load.assign(site.elec_nodes.size(), 0.0);
  for (std::size_t k = 0; k < site.elec_nodes.size() && k < r.nodes.size(); ++k)
    o.node_load[k] = r.nodes[k].energized ? std::hypot(r.nodes[k].p_w, r.nodes[k].q_var) : 0.0;
  return o;
}

// conj(s / v): the current drawn by a constant-power load s at voltage v.
inline cd load_current(cd s, cd v) {
  const double inv = 1.0 / std::norm(v);
  return cd((s.real() * v.real() + s.imag() * v.imag()) * inv,
            (s.real() * v.imag() - s.imag() * v.real()) * inv);
}
// a * b without the library's NaN recovery (the sweep checks for non-finite values itself).
inline cd mul(cd a, cd b) {
  return cd(a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real());
}
// 1 / (r + jx).
inline cd admittance(double x, double r) {
  const double inv = 1.0 / (r * r + x * x);
  return cd(r * inv, -x * inv);
}

// The compiled network that solve_site_power reads (network.h), solved per case as in-service
// flags on flat arrays: the same buses (converter input and transformer primary buses, the grid's
// Thevenin source), the same branches and zero-impedance merges, the same sections between
// converters, solved downstream first with the same loads (rack PSUs, converter efficiency
// curves). Within a section the radial trees are swept (backward/forward) and the rest, the
// source and any meshes, is solved with a sparse LU, a fixed point on the load currents that
// ends far below the Newton tolerance; voltages start from the normal operation's. solve()
// returns false for anything outside what this covers (standby sources carrying an island,
// parallel sources, a voltage mismatch, a sweep that does not converge or ends far from nominal
// voltage): the caller then runs the full solve on the same compiled network. The constructor
// checks its own normal-operation answer against the full base solve and disables itself on any
// disagreement, so that the two solution methods cannot drift apart silently.
class FastSite {
 public:
  struct Work;

  FastSite(const CompiledNetwork& net, const SiteSolveOptions& opt, const SiteElecResult& base)
      : site_(*net.site),
        opt_(opt),
        base_(base),
        node_index_(net.node_index),
        edge_index_(net.edge_index),
        conv_(net.converter),
        xfmr_(net.transformer),
        source_(net.source),
        standby_(net.standby),
        grid_(net.grid),
        dc_(net.dc),
        rating_(net.rating_w),
        eff_(net.efficiency),
        x_r_(net.xfmr_r_pu),
        x_x_(net.xfmr_x_pu),
        e_from_(net.from),
        e_to_(net.to),
        e_valid_(net.valid),
        e_open_(net.normally_open),
        e_zero_(net.zero_impedance),
        e_mismatch_(net.mismatch),
        e_r_(net.r_pu),
        e_x_(net.x_pu),
        e_b_(net.b_pu),
        e_rating_(net.edge_rating_w),
        out_start_(net.out_start),
        out_edges_(net.out_edges),
        rack_ok_(net.rack_ok),
        feed_a_(net.rack_feed_a),
        feed_b_(net.rack_feed_b) {
    try {
      usable_ = analyse(net);
    } catch (const std::exception&) {
      usable_ = false;  // the full solve reports what is wrong
    }
    if (usable_) usable_ = self_check();
  }

  [[nodiscard]] bool usable() const { return usable_; }

  /// Solves the case described by o (failed nodes, closed edges). False: use the full solve.
  bool solve(const SiteSolveOptions& o, Work& w, ElecOutcome& out) const;

  struct Br {
    int f = -1, t = -1;  // raw buses
    double r = 0, x = 0, b = 0;
    int kind = 0;    // 0 edge, 1 transformer, 2 Thevenin
    int owner = -1;  // edge or node index
  };
  struct Sec {
    int slack = -1;    // rep bus
    long source = -1;  // converter node, -1 grid
    bool dc = false;
    int begin = 0, core_end = 0, end = 0;  // positions in Work::pos_bus: core (source first), trees
    int br_begin = 0, br_end = 0;          // branches in Work::sec_br
    cd source_s{0, 0};
  };
  struct Work {
    std::vector<char> failed, closed, energized, eactive;
    std::vector<int> stack, dsu;
    std::vector<char> alive;
    std::vector<double> p_load, q_load, gsh;
    std::vector<Br> br;
    std::vector<int> merged;
    std::vector<int> adj_start, adj;
    std::vector<int> sec_of;
    std::vector<char> slack_of;
    std::vector<Sec> secs;
    std::vector<std::vector<std::size_t>> children;  // converter nodes fed by each section
    std::vector<int> order;                          // sections, downstream first
    std::vector<int> pos_bus, pos_par, pos_br;       // tree positions: parent position, branch
    std::vector<int> sec_br, members, peel, tree;
    std::vector<char> br_seen, peeled;
    std::vector<int> deg, up, up_br, pos_of;  // per rep bus
    std::vector<Eigen::Triplet<cd>> trip;
    Eigen::SparseMatrix<cd> ycore, ycore_factored;
    CoreLu lu;
    bool lu_valid = false;
    Eigen::VectorXcd rhs, ys, xs;
    std::vector<cd> pos_v, pos_s, pos_ysh, pos_z, pos_acc;
    std::vector<cd> v;         // per rep bus
    std::vector<cd> sf, st;    // per case branch
    std::vector<int> edge_br;  // per edge: case branch or -1
    std::vector<cd> node_s;
    std::vector<char> edge_on;
    std::vector<double> edge_pct, node_pct;
  };
  void init(Work& w) const {
    w.failed.assign(m_, 0);
    w.closed.assign(ne_, 0);
    w.energized.assign(m_, 0);
    w.eactive.assign(ne_, 0);
    w.dsu.assign(nb_, -1);
    w.alive.assign(nb_, 0);
    w.p_load.assign(nb_, 0.0);
    w.q_load.assign(nb_, 0.0);
    w.gsh.assign(nb_, 0.0);
    w.adj_start.assign(nb_ + 1, 0);
    w.sec_of.assign(nb_, -1);
    w.peeled.assign(nb_, 0);
    w.deg.assign(nb_, 0);
    w.up.assign(nb_, -1);
    w.up_br.assign(nb_, -1);
    w.pos_of.assign(nb_, -1);
    w.slack_of.assign(nb_, 0);
    w.v.assign(nb_, cd(1, 0));
    w.edge_br.assign(ne_, -1);
    w.node_s.assign(m_, cd(0, 0));
    w.edge_on.assign(ne_, 0);
    w.edge_pct.assign(ne_, 0.0);
    w.node_pct.assign(m_, 0.0);
  }

 private:
  bool analyse(const CompiledNetwork& net);
  bool self_check();
  bool solve_impl(const std::vector<std::size_t>& failed, const std::vector<std::size_t>& closed,
                  Work& w, ElecOutcome& out, bool warm) const;
  bool sweep(const Sec& s, Work& w, bool warm) const;

  int find(Work& w, int x) const {
    while (w.dsu[std::size_t(x)] != x)
      x = w.dsu[std::size_t(x)] = w.dsu[std::size_t(w.dsu[std::size_t(x)])];
    return x;
  }

  const Site& site_;
  SiteSolveOptions opt_;
  const SiteElecResult& base_;
  bool usable_ = false;
  std::size_t m_ = 0, ne_ = 0, nb_ = 0;
  // The compiled network (network.h): nodes, connections and racks as every solver sees them.
  // The per-element arrays are copied (once per N-1 run, a few MB on the gigawatt template):
  // the sweeps read them in their inner loops, where a reference would be one more indirection.
  const std::unordered_map<Id, std::size_t>&node_index_, &edge_index_;
  const std::vector<char> conv_, xfmr_, source_, standby_, grid_, dc_;
  const std::vector<double> rating_;            // for loading (grid: contracted import)
  const std::vector<const SourcedCurve*> eff_;  // converter efficiency (null: 1)
  const std::vector<double> x_r_, x_x_;         // transformer branch (pu)
  const std::vector<int> e_from_, e_to_;        // node indices, -1: no such node
  const std::vector<char> e_valid_, e_open_, e_zero_, e_mismatch_;
  const std::vector<double> e_r_, e_x_, e_b_, e_rating_;
  const std::vector<int> out_start_, out_edges_;  // valid edges by upstream node
  const std::vector<char> rack_ok_;
  const std::vector<int> feed_a_, feed_b_;
  // This solver's own: buses numbered for every node (not only the energized ones, so that a
  // case only toggles flags), transformers whose catalog item lacks a parameter, the racks'
  // cord power at the options' load.
  std::vector<char> bad_;
  std::vector<int> main_, in_;
  int grid_node_ = -1, grid_source_ = -1;
  double th_r_ = 0, th_x_ = 0;
  std::vector<double> gsh_;
  std::vector<char> bus_dc_;
  std::vector<double> rack_input_w_;
  // Other loads (SiteSolveOptions::loads): feed node indices, -1 none
  std::vector<int> load_a_, load_b_;
  // Normal-operation voltages per bus (warm start)
  std::vector<cd> v_base_;
  std::vector<char> v_base_set_;
};

bool FastSite::analyse(const CompiledNetwork& net) {
  m_ = net.nodes;
  ne_ = net.edges;
  if (!base_.converged || base_.nodes.size() != m_ || base_.racks.size() != site_.racks.size())
    return false;
  if (net.base_va != opt_.base_va || net.duplicate_node_ids || net.grid_feeds > 1)
    return false;  // the full solve keeps one Thevenin source only
  for (const auto& v : base_.violations)
    if (v.code == "elec.voltage_mismatch" || v.code == "elec.parallel_sources") return false;
  // Buses: each node's output bus, a converter's input or a transformer's primary, the grid's
  // Thevenin source (the same buses the full solve makes for the energized nodes).
  bad_.assign(m_, 0);
  main_.assign(m_, -1);
  in_.assign(m_, -1);
  auto new_bus = [&](bool dc) {
    bus_dc_.push_back(dc);
    gsh_.push_back(0.0);
    return int(bus_dc_.size() - 1);
  };
  for (std::size_t k = 0; k < m_; ++k) {
    main_[k] = new_bus(dc_[k]);
    if (conv_[k]) {
      in_[k] = new_bus(false);
    } else if (xfmr_[k]) {
      in_[k] = new_bus(false);
      bad_[k] = !net.missing[k].empty();  // the full solve names what is missing
      gsh_[std::size_t(in_[k])] += net.xfmr_g_pu[k];
    } else if (grid_[k]) {
      grid_node_ = int(k);
      grid_source_ = new_bus(false);
      in_[k] = main_[k];
    } else {
      in_[k] = main_[k];
    }
  }
  nb_ = bus_dc_.size();
  th_r_ = net.thevenin_r_pu;
  th_x_ = net.thevenin_x_pu;
  rack_input_w_.assign(site_.racks.size(), 0.0);
  for (std::size_t i = 0; i < site_.racks.size(); ++i)
    rack_input_w_[i] = net.rack_input_w(i, opt_.load_frac);
  if (base_.loads.size() != opt_.loads.size()) return false;
  load_a_.assign(opt_.loads.size(), -1);
  load_b_.assign(opt_.loads.size(), -1);
  for (std::size_t i = 0; i < opt_.loads.size(); ++i)
    for (int c = 0; c < 2; ++c) {
      const Id feed = c == 0 ? opt_.loads[i].feed_a : opt_.loads[i].feed_b;
      const auto it = node_index_.find(feed);
      if (feed != kNoId && it != node_index_.end())
        (c == 0 ? load_a_ : load_b_)[i] = int(it->second);
    }
  v_base_.assign(nb_, cd(1, 0));
  v_base_set_.assign(nb_, 0);
  return true;
}

// Solves the normal operation (flat start), keeps its voltages for the warm starts, and compares
// it with the full solve: any disagreement beyond solver tolerance disables the fast path.
bool FastSite::self_check() {
  Work w;
  init(w);
  ElecOutcome o;
  if (!solve_impl({}, {}, w, o, false)) return false;
  for (std::size_t b = 0; b < nb_; ++b) {
    if (!w.alive[b]) continue;
    v_base_[b] = w.v[std::size_t(find(w, int(b)))];
    v_base_set_[b] = 1;
  }
  const double abs_w = 10.0 * opt_.tol_pu * opt_.base_va;
  auto close = [&](double a, double b, double scale) {
    return std::abs(a - b) <= 1e-6 * std::max(std::abs(a), std::abs(b)) + scale;
  };
  for (std::size_t k = 0; k < m_; ++k) {
    const NodeFlow& f = base_.nodes[k];
    if (bool(w.energized[k]) != f.energized) return false;
    if (!close(o.node_load[k], f.energized ? std::hypot(f.p_w, f.q_var) : 0.0, abs_w)) return false;
    const double pct_abs = rating_[k] > 0 ? 100.0 * abs_w / rating_[k] : 0.0;
    if (!close(w.node_pct[k], f.loading_pct, pct_abs)) return false;
  }
  for (std::size_t e = 0; e < ne_; ++e) {
    const EdgeFlow& f = base_.edges[e];
    if (bool(w.edge_on[e]) != f.energized) return false;
    const double rating = site_.elec_edges[e].rating_w;
    if (!close(w.edge_pct[e], f.loading_pct, rating > 0 ? 100.0 * abs_w / rating : 0.0))
      return false;
  }
  if (!close(o.worst_pct, base_.max_loading_pct, 1e-6)) return false;
  for (std::size_t i = 0; i < site_.racks.size(); ++i) {
    const bool a = feed_a_[i] >= 0 && w.energized[std::size_t(feed_a_[i])];
    const bool b = feed_b_[i] >= 0 && w.energized[std::size_t(feed_b_[i])];
    if (base_.racks[i].powered != (rack_ok_[i] && (a || b))) return false;
  }
  for (std::size_t i = 0; i < opt_.loads.size(); ++i) {
    const bool a = load_a_[i] >= 0 && w.energized[std::size_t(load_a_[i])];
    const bool b = load_b_[i] >= 0 && w.energized[std::size_t(load_b_[i])];
    if (base_.loads[i].powered != (a || b)) return false;
  }
  return true;
}

bool FastSite::solve(const SiteSolveOptions& o, Work& w, ElecOutcome& out) const {
  if (!usable_) return false;
  std::vector<std::size_t> failed, closed;
  for (Id id : o.failed)
    if (const auto it = node_index_.find(id); it != node_index_.end()) failed.push_back(it->second);
  for (Id id : o.closed_edges)
    if (const auto it = edge_index_.find(id); it != edge_index_.end()) closed.push_back(it->second);
  return solve_impl(failed, closed, w, out, true);
}

bool FastSite::solve_impl(const std::vector<std::size_t>& failed,
                          const std::vector<std::size_t>& closed, Work& w, ElecOutcome& out,
                          bool warm) const {
  if (w.failed.size() != m_) init(w);
  const double sb = opt_.base_va;
  for (std::size_t k : failed) w.failed[k] = 1;
  for (std::size_t e : closed) w.closed[e] = 1;
  struct Unmark {
    Work& w;
    const std::vector<std::size_t>& f;
    const std::vector<std::size_t>& c;
    ~Unmark() {
      for (std::size_t k : f) w.failed[k] = 0;
      for (std::size_t e : c) w.closed[e] = 0;
    }
  } unmark{w, failed, closed};

  // Energised: reachable from a live source over active connections.
  std::fill(w.energized.begin(), w.energized.end(), 0);
  for (std::size_t e = 0; e < ne_; ++e)
    w.eactive[e] = e_valid_[e] && (!e_open_[e] || w.closed[e]) &&
                   !w.failed[std::size_t(e_from_[e])] && !w.failed[std::size_t(e_to_[e])];
  w.stack.clear();
  for (std::size_t k = 0; k < m_; ++k)
    if (source_[k] && !w.failed[k]) w.stack.push_back(int(k));
  while (!w.stack.empty()) {
    const std::size_t k = std::size_t(w.stack.back());
    w.stack.pop_back();
    if (w.energized[k]) continue;
    w.energized[k] = 1;
    for (int j = out_start_[k]; j < out_start_[k + 1]; ++j) {
      const std::size_t e = std::size_t(out_edges_[std::size_t(j)]);
      if (w.eactive[e]) w.stack.push_back(e_to_[e]);
    }
  }
  for (std::size_t k = 0; k < m_; ++k) {
    if (!w.energized[k]) continue;
    if (bad_[k]) return false;
    if (standby_[k])  // a generator or battery carrying load: islands are for the full solve
      for (int j = out_start_[k]; j < out_start_[k + 1]; ++j)
        if (w.eactive[std::size_t(out_edges_[std::size_t(j)])]) return false;
  }

  // Buses of the energised nodes; zero-impedance connections merge them.
  std::fill(w.alive.begin(), w.alive.end(), 0);
  auto live = [&](int b) {
    w.alive[std::size_t(b)] = 1;
    w.dsu[std::size_t(b)] = b;
    w.p_load[std::size_t(b)] = 0.0;
    w.q_load[std::size_t(b)] = 0.0;
  };
  for (std::size_t k = 0; k < m_; ++k) {
    if (!w.energized[k]) continue;
    live(main_[k]);
    if (in_[k] != main_[k]) live(in_[k]);
  }
  const bool grid_on = grid_node_ >= 0 && w.energized[std::size_t(grid_node_)];
  if (grid_on) live(grid_source_);
  w.br.clear();
  w.merged.clear();
  if (grid_on)
    w.br.push_back({grid_source_, main_[std::size_t(grid_node_)], th_r_, th_x_, 0, 2, grid_node_});
  for (std::size_t k = 0; k < m_; ++k)
    if (w.energized[k] && xfmr_[k])
      w.br.push_back({in_[k], main_[k], x_r_[k], x_x_[k], 0, 1, int(k)});
  std::fill(w.edge_br.begin(), w.edge_br.end(), -1);
  for (std::size_t e = 0; e < ne_; ++e) {
    if (!w.eactive[e]) continue;
    const std::size_t u = std::size_t(e_from_[e]), v = std::size_t(e_to_[e]);
    if (!w.energized[u] || !w.energized[v]) continue;
    if (e_mismatch_[e]) return false;
    if (e_zero_[e]) {
      const int a = find(w, main_[u]), b = find(w, in_[v]);
      w.dsu[std::size_t(a)] = b;
      w.merged.push_back(int(e));
      continue;
    }
    w.edge_br[e] = int(w.br.size());
    w.br.push_back({main_[u], in_[v], e_r_[e], e_x_[e], e_b_[e], 0, int(e)});
  }

  // Shunts of merged buses live on their representative.
  for (std::size_t b = 0; b < nb_; ++b)
    if (w.alive[b]) w.gsh[b] = 0.0;
  for (std::size_t b = 0; b < nb_; ++b)
    if (w.alive[b] && gsh_[b] != 0.0) w.gsh[std::size_t(find(w, int(b)))] += gsh_[b];

  // Rack loads on the buses of their live cords.
  out.racks_lost.clear();
  for (std::size_t i = 0; i < site_.racks.size(); ++i) {
    if (!rack_ok_[i]) continue;
    const int a = feed_a_[i] >= 0 && w.energized[std::size_t(feed_a_[i])] ? feed_a_[i] : -1;
    const int b = feed_b_[i] >= 0 && w.energized[std::size_t(feed_b_[i])] ? feed_b_[i] : -1;
    const int cords = (a >= 0) + (b >= 0);
    if (cords == 0) {
      if (base_.racks[i].powered) out.racks_lost.push_back(site_.racks.id[i]);
      continue;
    }
    const double share = rack_input_w_[i] / cords;
    if (a >= 0) w.p_load[std::size_t(find(w, main_[std::size_t(a)]))] += share;
    if (b >= 0) w.p_load[std::size_t(find(w, main_[std::size_t(b)]))] += share;
  }
  out.loads_lost.clear();
  for (std::size_t i = 0; i < opt_.loads.size(); ++i) {
    const FeedLoad& l = opt_.loads[i];
    const int a = load_a_[i] >= 0 && w.energized[std::size_t(load_a_[i])] ? load_a_[i] : -1;
    const int b = load_b_[i] >= 0 && w.energized[std::size_t(load_b_[i])] ? load_b_[i] : -1;
    const int feeds = (a >= 0) + (b >= 0);
    if (feeds == 0) {
      if (base_.loads[i].powered) out.loads_lost.push_back(l.entity);
      continue;
    }
    for (int f : {a, b}) {
      if (f < 0) continue;
      const std::size_t bus = std::size_t(find(w, main_[std::size_t(f)]));
      w.p_load[bus] += l.p_w / feeds;
      w.q_load[bus] += l.q_var / feeds;
    }
  }

  // Adjacency of the merged buses.
  std::fill(w.adj_start.begin(), w.adj_start.end(), 0);
  for (const Br& b : w.br) {
    ++w.adj_start[std::size_t(find(w, b.f)) + 1];
    ++w.adj_start[std::size_t(find(w, b.t)) + 1];
  }
  for (std::size_t b = 0; b < nb_; ++b) w.adj_start[b + 1] += w.adj_start[b];
  w.adj.assign(std::size_t(w.adj_start[nb_]), 0);
  {
    std::vector<int>& fill = w.stack;
    fill.assign(w.adj_start.begin(), w.adj_start.end() - 1);
    for (std::size_t i = 0; i < w.br.size(); ++i) {
      w.adj[std::size_t(fill[std::size_t(find(w, w.br[i].f))]++)] = int(i);
      w.adj[std::size_t(fill[std::size_t(find(w, w.br[i].t))]++)] = int(i);
    }
  }

  // Sections: one source each (the grid, or the converter feeding it). Radial trees are peeled
  // off each section (swept); what remains, the source and any meshes (e.g. a converter fed from
  // both MV sides), is the core, solved with a sparse LU.
  w.secs.clear();
  std::fill(w.sec_of.begin(), w.sec_of.end(), -1);
  std::fill(w.slack_of.begin(), w.slack_of.end(), 0);
  auto add_source = [&](int bus, long node) {
    const int r = find(w, bus);
    if (w.slack_of[std::size_t(r)]) return false;  // parallel sources
    w.slack_of[std::size_t(r)] = 1;
    Sec s;
    s.slack = r;
    s.source = node;
    w.secs.push_back(s);
    return true;
  };
  if (grid_on && !add_source(grid_source_, -1)) return false;
  for (std::size_t k = 0; k < m_; ++k)
    if (w.energized[k] && conv_[k] && !add_source(main_[k], long(k))) return false;
  w.pos_bus.clear();
  w.pos_par.clear();
  w.pos_br.clear();
  w.sec_br.clear();
  w.br_seen.assign(w.br.size(), 0);
  for (std::size_t si = 0; si < w.secs.size(); ++si) {
    Sec& s = w.secs[si];
    s.dc = bus_dc_[std::size_t(s.slack)];
    s.br_begin = int(w.sec_br.size());
    // The section's buses (breadth first from the source) and branches.
    w.members.clear();
    w.members.push_back(s.slack);
    w.sec_of[std::size_t(s.slack)] = int(si);
    for (std::size_t q = 0; q < w.members.size(); ++q) {
      const int x = w.members[q];
      if (bool(bus_dc_[std::size_t(x)]) != s.dc) return false;
      w.deg[std::size_t(x)] = w.adj_start[std::size_t(x) + 1] - w.adj_start[std::size_t(x)];
      w.peeled[std::size_t(x)] = 0;
      for (int j = w.adj_start[std::size_t(x)]; j < w.adj_start[std::size_t(x) + 1]; ++j) {
        const int bi = w.adj[std::size_t(j)];
        const Br& b = w.br[std::size_t(bi)];
        const int f = find(w, b.f), t = find(w, b.t);
        if (f == t) return false;  // a branch shorted by zero-impedance connections
        if (s.dc ? b.r <= 0.0 : (b.r == 0.0 && b.x == 0.0)) return false;
        if (!w.br_seen[std::size_t(bi)]) {
          w.br_seen[std::size_t(bi)] = 1;
          w.sec_br.push_back(bi);
        }
        const int y = f == x ? t : f;
        if (w.sec_of[std::size_t(y)] == int(si)) continue;
        if (w.sec_of[std::size_t(y)] >= 0 || w.slack_of[std::size_t(y)])
          return false;  // parallel sources
        w.sec_of[std::size_t(y)] = int(si);
        w.members.push_back(y);
      }
    }
    s.br_end = int(w.sec_br.size());
    // Peel the leaves (never the source): each peeled bus hangs on the neighbour left.
    w.peel.clear();
    for (int x : w.members)
      if (x != s.slack && w.deg[std::size_t(x)] == 1) w.peel.push_back(x);
    w.tree.clear();
    while (!w.peel.empty()) {
      const int x = w.peel.back();
      w.peel.pop_back();
      if (w.peeled[std::size_t(x)]) continue;
      w.peeled[std::size_t(x)] = 1;
      w.tree.push_back(x);
      for (int j = w.adj_start[std::size_t(x)]; j < w.adj_start[std::size_t(x) + 1]; ++j) {
        const int bi = w.adj[std::size_t(j)];
        const Br& b = w.br[std::size_t(bi)];
        const int f = find(w, b.f);
        const int y = f == x ? find(w, b.t) : f;
        if (w.peeled[std::size_t(y)]) continue;
        w.up_br[std::size_t(x)] = bi;
        w.up[std::size_t(x)] = y;
        if (--w.deg[std::size_t(y)] == 1 && y != s.slack) w.peel.push_back(y);
      }
    }
    // Positions: the source, the rest of the core, then the trees parents first.
    s.begin = int(w.pos_bus.size());
    auto place = [&](int x, int par, int bi) {
      w.pos_of[std::size_t(x)] = int(w.pos_bus.size());
      w.pos_bus.push_back(x);
      w.pos_par.push_back(par);
      w.pos_br.push_back(bi);
    };
    place(s.slack, -1, -1);
    for (int x : w.members)
      if (x != s.slack && !w.peeled[std::size_t(x)]) place(x, -1, -1);
    s.core_end = int(w.pos_bus.size());
    for (auto it = w.tree.rbegin(); it != w.tree.rend(); ++it)
      place(*it, w.pos_of[std::size_t(w.up[std::size_t(*it)])], w.up_br[std::size_t(*it)]);
    s.end = int(w.pos_bus.size());
  }
  // Every energised bus must be in a sourced section, except empty ones (an idle generator).
  for (std::size_t b = 0; b < nb_; ++b) {
    if (!w.alive[b] || find(w, int(b)) != int(b) || w.sec_of[b] >= 0) continue;
    if (w.p_load[b] != 0.0 || w.q_load[b] != 0.0 || w.adj_start[b + 1] != w.adj_start[b])
      return false;
  }
  // Converters feed their sections from the section of their input; downstream first.
  w.children.resize(w.secs.size());
  for (auto& c : w.children) c.clear();
  int roots = 0;
  for (std::size_t si = 0; si < w.secs.size(); ++si) {
    const Sec& s = w.secs[si];
    if (s.source < 0) {
      ++roots;
      continue;
    }
    const int parent = w.sec_of[std::size_t(find(w, in_[std::size_t(s.source)]))];
    if (parent < 0) return false;
    w.children[std::size_t(parent)].push_back(std::size_t(s.source));
  }
  w.order.clear();
  if (roots) {
    // Iterative post-order from the grid section (index 0).
    std::vector<std::pair<int, std::size_t>> st{{0, 0}};
    while (!st.empty()) {
      auto& [si, next] = st.back();
      if (next < w.children[std::size_t(si)].size()) {
        const std::size_t k = w.children[std::size_t(si)][next++];
        st.push_back({w.sec_of[std::size_t(find(w, main_[k]))], 0});
      } else {
        w.order.push_back(si);
        st.pop_back();
      }
      if (st.size() > w.secs.size() + 1) return false;  // a cycle through converters
    }
  }
  if (w.order.size() != w.secs.size()) return false;  // converters feeding each other

  // Solve, downstream first; converter inputs become loads upstream.
  const std::size_t npos = w.pos_bus.size();
  w.pos_v.resize(npos);
  w.pos_s.resize(npos);
  w.pos_ysh.resize(npos);
  w.pos_z.resize(npos);
  w.pos_acc.assign(npos, cd(0, 0));
  w.sf.resize(w.br.size());
  w.st.resize(w.br.size());
  for (int si : w.order) {
    Sec& s = w.secs[std::size_t(si)];
    for (std::size_t k : w.children[std::size_t(si)]) {
      const Sec& child = w.secs[std::size_t(w.sec_of[std::size_t(find(w, main_[k]))])];
      const double pout = child.source_s.real() * sb;
      double eff = 1.0;
      if (eff_[k]) eff = eff_[k]->at(std::max(0.0, pout) / rating_[k]);
      const double pin = pout > 0 ? pout / eff : pout;
      w.p_load[std::size_t(find(w, in_[k]))] += pin;
    }
    if (!sweep(s, w, warm)) return false;
  }

  // Flows: nodes (power through), connections (loading), as solve_site_power collects them.
  std::fill(w.node_s.begin(), w.node_s.end(), cd(0, 0));
  std::fill(w.edge_on.begin(), w.edge_on.end(), 0);
  std::fill(w.edge_pct.begin(), w.edge_pct.end(), 0.0);
  cd grid_import(0, 0);
  for (std::size_t i = 0; i < w.br.size(); ++i) {
    const Br& b = w.br[i];
    const cd st = w.st[i] * sb;
    if (b.kind == 2) {
      grid_import = -st;
    } else if (b.kind == 1) {
      w.node_s[std::size_t(b.owner)] += -st;
    } else {
      const std::size_t e = std::size_t(b.owner);
      w.edge_on[e] = 1;
      const double rating = e_rating_[e];
      if (rating > 0)
        w.edge_pct[e] =
            100.0 * std::sqrt(std::max(std::norm(w.sf[i]), std::norm(w.st[i]))) * sb / rating;
      const std::size_t to = std::size_t(e_to_[e]);
      if (!conv_[to] && !xfmr_[to]) w.node_s[to] += -st;
    }
  }
  for (int e : w.merged) w.edge_on[std::size_t(e)] = 1;
  out.converged = true;
  out.message.clear();
  out.worst_pct = 0;
  out.worst_entity = kNoId;
  out.overloads = 0;
  out.node_load.assign(m_, 0.0);
  auto consider = [&](Id id, double pct) {
    if (pct > out.worst_pct) {
      out.worst_pct = pct;
      out.worst_entity = id;
    }
    if (pct > 100.0 + 1e-9) ++out.overloads;
  };
  for (std::size_t k = 0; k < m_; ++k) {
    w.node_pct[k] = 0.0;
    if (!w.energized[k]) continue;
    cd s = w.node_s[k];
    if (conv_[k])
      s = w.secs[std::size_t(w.sec_of[std::size_t(find(w, main_[k]))])].source_s * sb;
    else if (grid_[k])
      s = grid_import;
    else if (standby_[k])
      s = cd(0, 0);
    out.node_load[k] = std::sqrt(std::norm(s));
    if (rating_[k] > 0)
      w.node_pct[k] = 100.0 * (dc_[k] ? std::abs(s.real()) : out.node_load[k]) / rating_[k];
    if (!grid_[k]) consider(site_.elec_nodes[k].id, w.node_pct[k]);
  }
  for (std::size_t e = 0; e < ne_; ++e)
    if (w.edge_on[e]) consider(site_.elec_edges[e].id, w.edge_pct[e]);
  return true;
}

// Fixed point on the constant-power load currents, as a backward/forward sweep: the currents of
// the loads and shunts in the radial trees are summed towards the core, the core (the source,
// 1 pu at angle 0, and any meshes) is solved with these currents drawn from it, and the voltage
// drops are applied outwards along the trees, until no voltage moves by more than a
// thousandth of the Newton tolerance (the sweep contracts about tenfold per pass, so the voltages
// are then within about 1e-4 tol_pu of the fixed point). DC sections use the same arithmetic with
// real numbers (no reactance, charging or shunts), and their source power leaves out a load on the
// source bus itself, as the DC solve does.
bool FastSite::sweep(const Sec& s, Work& w, bool warm) const {
  const int b0 = s.begin, c1 = s.core_end, b1 = s.end;
  for (int q = b0; q < b1; ++q) {
    const int x = w.pos_bus[std::size_t(q)];
    w.pos_s[std::size_t(q)] =
        cd(w.p_load[std::size_t(x)], s.dc ? 0.0 : w.q_load[std::size_t(x)]) / opt_.base_va;
    w.pos_ysh[std::size_t(q)] = s.dc ? cd(0, 0) : cd(w.gsh[std::size_t(x)], 0.0);
  }
  if (!s.dc)  // half the charging at each end of every branch
    for (int j = s.br_begin; j < s.br_end; ++j) {
      const Br& b = w.br[std::size_t(w.sec_br[std::size_t(j)])];
      w.pos_ysh[std::size_t(w.pos_of[std::size_t(find(w, b.f))])] += cd(0, b.b / 2);
      w.pos_ysh[std::size_t(w.pos_of[std::size_t(find(w, b.t))])] += cd(0, b.b / 2);
    }
  for (int q = b0; q < b1; ++q) {
    const int x = w.pos_bus[std::size_t(q)];
    if (q == b0)
      w.pos_v[std::size_t(q)] = cd(1, 0);
    else if (warm && v_base_set_[std::size_t(x)])
      w.pos_v[std::size_t(q)] = v_base_[std::size_t(x)];
    else
      w.pos_v[std::size_t(q)] = q < c1 ? cd(1, 0) : w.pos_v[std::size_t(w.pos_par[std::size_t(q)])];
    if (q >= c1) {
      const Br& b = w.br[std::size_t(w.pos_br[std::size_t(q)])];
      w.pos_z[std::size_t(q)] = s.dc ? cd(b.r, 0) : cd(b.r, b.x);
    }
  }
  // The core's nodal admittance matrix without the source's row and column (unknowns: core
  // positions after the source), shunts included; ys: each row's coupling to the source.
  const int nu = c1 - b0 - 1;
  if (nu > 0) {
    w.trip.clear();
    w.ys.setZero(nu);
    for (int u = 0; u < nu; ++u) w.trip.emplace_back(u, u, w.pos_ysh[std::size_t(b0 + 1 + u)]);
    for (int j = s.br_begin; j < s.br_end; ++j) {
      const Br& b = w.br[std::size_t(w.sec_br[std::size_t(j)])];
      const int pf = w.pos_of[std::size_t(find(w, b.f))], pt = w.pos_of[std::size_t(find(w, b.t))];
      if (pf >= c1 || pt >= c1) continue;  // a tree branch
      const cd y = admittance(s.dc ? 0.0 : b.x, b.r);
      const int uf = pf - b0 - 1, ut = pt - b0 - 1;
      if (uf >= 0) w.trip.emplace_back(uf, uf, y);
      if (ut >= 0) w.trip.emplace_back(ut, ut, y);
      if (uf >= 0 && ut >= 0) {
        w.trip.emplace_back(uf, ut, -y);
        w.trip.emplace_back(ut, uf, -y);
      } else if (uf >= 0) {
        w.ys(uf) -= y;
      } else if (ut >= 0) {
        w.ys(ut) -= y;
      }
    }
    w.ycore.resize(nu, nu);
    w.ycore.setFromTriplets(w.trip.begin(), w.trip.end());
    // Most failures leave the core as it was (they sit in the radial trees): a matrix equal to
    // the one factorised last on this thread keeps its factorisation.
    const auto& a = w.ycore;
    const auto& l = w.ycore_factored;
    const auto nnz = std::size_t(a.nonZeros());
    const bool same =
        w.lu_valid && a.rows() == l.rows() && a.nonZeros() == l.nonZeros() &&
        std::equal(a.outerIndexPtr(), a.outerIndexPtr() + a.outerSize() + 1, l.outerIndexPtr()) &&
        std::equal(a.innerIndexPtr(), a.innerIndexPtr() + nnz, l.innerIndexPtr()) &&
        std::equal(a.valuePtr(), a.valuePtr() + nnz, l.valuePtr());
    if (!same) {
      w.lu_valid = false;
      w.lu.compute(w.ycore);
      if (w.lu.info() != Eigen::Success) return false;
      w.ycore_factored = w.ycore;
      w.lu_valid = true;
    }
    w.rhs.resize(nu);
  }
  const double tol = std::max(1e-3 * opt_.tol_pu, 1e-14);
  const double tol2 = tol * tol;
  constexpr int kMaxSweeps = 200;
  bool converged = false;
  cd* v = w.pos_v.data();
  cd* acc = w.pos_acc.data();
  const cd* sl = w.pos_s.data();
  const cd* ysh = w.pos_ysh.data();
  const cd* z = w.pos_z.data();
  const int* par = w.pos_par.data();
  for (int it = 0; it < kMaxSweeps && !converged; ++it) {
    for (int q = b1 - 1; q >= c1; --q) {
      const cd a = acc[q] + load_current(sl[q], v[q]) + mul(ysh[q], v[q]);
      acc[q] = a;  // series current from the parent
      acc[par[q]] += a;
    }
    double dmax = 0;
    if (nu > 0) {
      for (int u = 0; u < nu; ++u) {
        const int q = b0 + 1 + u;
        w.rhs(u) = -(load_current(sl[q], v[q]) + acc[q]) - mul(w.ys(u), v[b0]);
      }
      w.xs = w.lu.solve(w.rhs);
      for (int u = 0; u < nu; ++u) {
        const int q = b0 + 1 + u;
        dmax = std::max(dmax, std::norm(w.xs(u) - v[q]));
        v[q] = w.xs(u);
      }
    }
    for (int q = b0; q < c1; ++q) acc[q] = 0;
    for (int q = c1; q < b1; ++q) {
      const cd vn = v[par[q]] - mul(z[q], acc[q]);
      dmax = std::max(dmax, std::norm(vn - v[q]));
      v[q] = vn;
      acc[q] = 0;
    }
    if (!std::isfinite(dmax)) return false;
    converged = dmax < tol2;
  }
  if (!converged) return false;
  // Far from nominal voltage the full Newton solve decides (it may not converge there).
  for (int q = b0; q < b1; ++q) {
    const double vm2 = std::norm(v[q]);
    if (vm2 < 0.8 * 0.8 || vm2 > 1.2 * 1.2) return false;
    w.v[std::size_t(w.pos_bus[std::size_t(q)])] = v[q];
  }
  // Branch flows as the pi model gives them at each end (MATPOWER's Sf, St).
  cd at_source(0, 0);
  for (int j = s.br_begin; j < s.br_end; ++j) {
    const int bi = w.sec_br[std::size_t(j)];
    const Br& b = w.br[std::size_t(bi)];
    const int f = find(w, b.f), t = find(w, b.t);
    const cd vf = w.v[std::size_t(f)], vt = w.v[std::size_t(t)];
    const cd y = admittance(s.dc ? 0.0 : b.x, b.r);
    const cd ysh_end = s.dc ? cd(0, 0) : cd(0, b.b / 2);
    const cd i_f = (y + ysh_end) * vf - y * vt;
    const cd i_t = (y + ysh_end) * vt - y * vf;
    w.sf[std::size_t(bi)] = vf * std::conj(i_f);
    w.st[std::size_t(bi)] = vt * std::conj(i_t);
    if (f == s.slack) at_source += w.sf[std::size_t(bi)];
    if (t == s.slack) at_source += w.st[std::size_t(bi)];
  }
  Sec& sec = w.secs[std::size_t(w.sec_of[std::size_t(s.slack)])];
  if (s.dc) {
    sec.source_s = cd(at_source.real(), 0.0);
  } else {
    const cd v0 = v[b0];
    sec.source_s = at_source + cd(w.gsh[std::size_t(s.slack)], 0.0) * std::norm(v0) + sl[b0];
  }
  return true;
}

// The cooling level a unit counts in (nullptr: none; loops, pumps and tanks are not capacity).
const char* cooling_level(CoolKind k) {
  switch (k) {
    case CoolKind::Cdu:
      return kLevelCdu;
    case CoolKind::Crah:
    case CoolKind::FanWall:
      return kLevelAirUnit;
    case CoolKind::Chiller:
      return kLevelChiller;
    case CoolKind::CoolingTower:
    case CoolKind::DryCooler:
      return kLevelHeatRejection;
    default:
      return nullptr;
  }
}

// Capacity of the cooling levels, in the terms of the electrical ones (see LevelCapacity and the
// header): normal = the design heat of compute_design_loads (what the N-1 cooling cases share),
// worst = the most any single failure of a cooling redundancy group puts on the unit (the
// survivors share the group's design duty by capacity, as the cooling cases are judged), and a
// unit's free room counts only as far as the heat path above it (its loop's rejection units,
// a chiller's condenser loop) can take it after its own worst single failure.
void append_cooling_levels(const Site& site, const Catalog& catalog, const DesignLoads& design,
                           std::vector<LevelCapacity>& levels) {
  if (site.cooling.empty()) return;
  const std::size_t n = site.cooling.size();
  std::unordered_map<Id, std::size_t> index;
  for (std::size_t k = 0; k < n; ++k) index.emplace(site.cooling[k].id, k);
  std::vector<double> normal(n, 0.0), worst(n, 0.0), room(n, 0.0);
  for (std::size_t k = 0; k < n; ++k) {
    const auto it = design.cooling_heat_w.find(site.cooling[k].id);
    normal[k] = worst[k] = it == design.cooling_heat_w.end() ? 0.0 : it->second;
  }
  for (const RedundancyGroup& g : site.groups) {
    std::vector<std::size_t> members;
    double cap = 0, duty = 0;
    for (Id m : g.members) {
      const auto it = index.find(m);
      if (it == index.end() || !cooling_level(site.cooling[it->second].kind)) continue;
      members.push_back(it->second);
      cap += site.cooling[it->second].capacity_w;
      duty += normal[it->second];
    }
    for (std::size_t f : members) {
      const double left = cap - site.cooling[f].capacity_w;
      if (left <= 0) continue;  // nothing survives to take the duty
      for (std::size_t u : members)
        if (u != f) worst[u] = std::max(worst[u], duty * site.cooling[u].capacity_w / left);
    }
  }
  for (std::size_t k = 0; k < n; ++k)
    room[k] = std::max(0.0, site.cooling[k].capacity_w - worst[k]);

  // Heat path room, memoised; a loop without rejection units (validate() reports it) and a chiller
  // cycle (likewise) set no limit.
  std::unordered_map<Id, std::vector<std::size_t>> rejecters;  // loop id -> rejection units on it
  for (std::size_t k = 0; k < n; ++k) {
    const CoolingUnit& u = site.cooling[k];
    if (u.loop_id != kNoId && is_heat_rejection(u.kind)) rejecters[u.loop_id].push_back(k);
  }
  constexpr double kNoLimit = std::numeric_limits<double>::infinity();
  std::vector<double> path_room(n, -1.0);
  std::vector<char> state(n, 0);
  std::function<double(std::size_t)> path;
  auto loop_room = [&](Id loop) -> double {
    const auto it = rejecters.find(loop);
    if (loop == kNoId || it == rejecters.end()) return kNoLimit;
    double r = 0;
    for (std::size_t k : it->second) r += path(k);
    return r;
  };
  path = [&](std::size_t k) -> double {
    if (state[k] == 2) return path_room[k];
    if (state[k] == 1) return room[k];
    state[k] = 1;
    const CoolingUnit& u = site.cooling[k];
    double r = room[k];
    if (u.kind == CoolKind::Cdu || u.kind == CoolKind::Crah || u.kind == CoolKind::FanWall) {
      r = std::min(r, loop_room(u.loop_id));
    } else if (u.kind == CoolKind::Chiller && u.condenser_loop_id != kNoId) {
      // Evaporator heat q puts q (1 + 1/COP) on the condenser loop (as compute_design_loads).
      const CatalogItem* type = catalog.find(u.type);
      const double cop = type && type->has("cop_rated") ? type->get("cop_rated") : 0.0;
      r = std::min(r, loop_room(u.condenser_loop_id) / (cop > 0 ? 1.0 + 1.0 / cop : 1.0));
    }
    state[k] = 2;
    return path_room[k] = r;
  };

  const char* order[] = {kLevelCdu, kLevelAirUnit, kLevelChiller, kLevelHeatRejection};
  for (const char* name : order) {
    LevelCapacity l;
    l.level = name;
    for (std::size_t k = 0; k < n; ++k) {
      const char* lk = cooling_level(site.cooling[k].kind);
      if (!lk || std::string(lk) != name) continue;
      ++l.units;
      l.installed_w += site.cooling[k].capacity_w;
      l.used_w += normal[k];
      l.reserved_w += worst[k] - normal[k];
      const double usable = path(k);
      l.free_w += usable;
      l.stranded_w += room[k] - usable;
    }
    if (l.units) levels.push_back(std::move(l));
  }
}

}  // namespace

bool is_cooling_level(const std::string& level) {
  return level == kLevelCdu || level == kLevelAirUnit || level == kLevelChiller ||
         level == kLevelHeatRejection;
}

std::vector<LevelCapacity> cooling_capacity_levels(const Site& site, const Catalog& catalog) {
  std::vector<LevelCapacity> out;
  append_cooling_levels(site, catalog, compute_design_loads(site, catalog), out);
  return out;
}

namespace {

std::vector<Job> make_jobs(const Site& site, const SiteElecResult& base) {
  std::vector<Job> jobs;
  std::unordered_set<Id> grouped;
  for (std::size_t g = 0; g < site.groups.size(); ++g)
    for (Id m : site.groups[g].members) {
      jobs.push_back({g, m});
      grouped.insert(m);
    }
  // Components in no group: energised nodes (not standby sources: they carry nothing in normal
  // operation) and cooling units that carry heat or flow.
  for (std::size_t k = 0; k < site.elec_nodes.size(); ++k) {
    const ElecNode& e = site.elec_nodes[k];
    if (grouped.count(e.id) || (is_source(e.kind) && e.kind != ElecKind::GridFeed)) continue;
    if (k < base.nodes.size() && base.nodes[k].energized) jobs.push_back({kNoGroup, e.id});
  }
  for (const auto& u : site.cooling)
    if (!grouped.count(u.id) && (cooling_level(u.kind) || u.kind == CoolKind::Pump))
      jobs.push_back({kNoGroup, u.id});
  return jobs;
}

}  // namespace

std::vector<std::pair<Id, Id>> contingency_cases(const Site& site, const SiteElecResult& base) {
  std::vector<std::pair<Id, Id>> out;
  for (const Job& j : make_jobs(site, base))
    out.emplace_back(j.group == kNoGroup ? kNoId : site.groups[j.group].id, j.member);
  return out;
}

bool worse_case(const ContingencyCase& a, const ContingencyCase& b) {
  if (a.racks_lost.size() != b.racks_lost.size()) return a.racks_lost.size() > b.racks_lost.size();
  if (a.time_to_limit_s.has_value() != b.time_to_limit_s.has_value())
    return a.time_to_limit_s.has_value();
  if (a.time_to_limit_s && *a.time_to_limit_s != *b.time_to_limit_s)
    return *a.time_to_limit_s < *b.time_to_limit_s;
  if (a.converged != b.converged) return !a.converged;
  return a.worst_loading_pct > b.worst_loading_pct;
}

SiteSolveOptions contingency_options(const Site& site, const RedundancyGroup& group, Id member,
                                     const SiteSolveOptions& options) {
  SiteSolveOptions o = options;
  o.failed.insert(member);
  if (group.scheme == RedundancyScheme::BlockCatcher && group.catcher != kNoId &&
      group.catcher != member) {
    // The catcher's standby connections to the failed block's loads close.
    std::unordered_set<Id> block_loads;
    for (const auto& e : site.elec_edges)
      if (e.from == member && !e.normally_open) block_loads.insert(e.to);
    for (const auto& e : site.elec_edges)
      if (e.from == group.catcher && e.normally_open && block_loads.count(e.to))
        o.closed_edges.insert(e.id);
  }
  return o;
}

SiteSolveOptions contingency_options_alone(const Site& site, Id member,
                                           const SiteSolveOptions& options) {
  SiteSolveOptions o = options;
  o.failed.insert(member);
  std::unordered_map<Id, ElecKind> kind;
  for (const auto& n : site.elec_nodes) kind.emplace(n.id, n.kind);
  const auto m = kind.find(member);
  if (m == kind.end() || m->second != ElecKind::GridFeed) return o;
  // Losing the grid starts the standby sources (the UPS bridge the start; the steady state
  // after it is what a case reports).
  for (const auto& e : site.elec_edges) {
    const auto from = kind.find(e.from);
    if (e.normally_open && from != kind.end() && is_source(from->second) &&
        from->second != ElecKind::GridFeed)
      o.closed_edges.insert(e.id);
  }
  return o;
}

ContingencyResult run_contingencies(const Site& site, const Catalog& catalog,
                                    const SiteSolveOptions& options, Progress* progress,
                                    unsigned threads, ContingencyMethod method) {
  const SiteRef ref = compile_site_ref(site, catalog);
  return run_contingencies(ref, compile_network(ref, options.base_va), options, progress, threads,
                           method);
}

ContingencyResult run_contingencies(const SiteRef& ref, const CompiledNetwork& net,
                                    const SiteSolveOptions& options, Progress* progress,
                                    unsigned threads, ContingencyMethod method) {
  if (net.base_va != options.base_va)
    throw std::invalid_argument("N-1: the network was compiled on a base of " +
                                std::to_string(net.base_va) + " VA, the options ask for " +
                                std::to_string(options.base_va) + " VA");
  const Site& site = *ref.site;
  ContingencyResult out;
  // The network compiled once: the base solve, the incremental cases (in-service flags on it)
  // and the cases that need the full solve all read it.
  out.base = solve_site_power(net, options, nullptr);
  const auto& node_index = net.node_index;
  const auto& unit_index = ref.cooling_index;

  const DesignLoads design = compute_design_loads(ref);
  std::unordered_map<Id, double> pump_duty;  // each pump's share of its loop's design flow
  for (std::size_t l : ref.loops) {
    int pumps_on = 0;
    for (std::size_t k : ref.loop_units[l]) pumps_on += site.cooling[k].kind == CoolKind::Pump;
    for (std::size_t k : ref.loop_units[l])
      if (site.cooling[k].kind == CoolKind::Pump)
        pump_duty[site.cooling[k].id] = site.cooling[l].flow_m3_s / pumps_on;
  }
  for (const auto& u : site.cooling)
    if (u.kind == CoolKind::Pump) pump_duty.emplace(u.id, 0.0);  // on no loop

  std::optional<FastSite> fast;
  if (method == ContingencyMethod::Incremental) fast.emplace(net, options, out.base);

  std::vector<Job> jobs = make_jobs(site, out.base);

  std::vector<ContingencyCase> cases(jobs.size());
  // Worst |S| of every node over the cases, for the capacity table: per thread, then merged.
  std::vector<std::vector<double>> node_worst;
  std::atomic<std::size_t> next{0}, done{0}, full{0};
  std::mutex progress_mutex;
  std::atomic<bool> cancelled{false};

  auto work = [&](std::vector<double>& worst_load) {
    FastSite::Work ws;
    ElecOutcome r;
    for (std::size_t j = next++; j < jobs.size() && !cancelled; j = next++) {
      const Job& job = jobs[j];
      static const RedundancyGroup kAlone{};
      const bool alone = job.group == kNoGroup;
      const RedundancyGroup& g = alone ? kAlone : site.groups[job.group];
      ContingencyCase& c = cases[j];
      c.group = g.id;
      c.failed = job.member;
      if (alone && unit_index.count(job.member)) {
        // A cooling unit with no group: nothing takes its duty over.
        c.converged = true;
        c.note = "cooling: in no redundancy group, nothing takes its duty over";
        c.worst_entity = job.member;
      } else if (unit_index.count(job.member)) {
        // Cooling: the survivors share the group's design duty (heat, or flow for pumps).
        double cap = 0, failed_cap = 0, duty = 0;
        for (Id m : g.members) {
          const auto it = unit_index.find(m);
          if (it == unit_index.end()) continue;
          const CoolingUnit& u = site.cooling[it->second];
          const bool pump = u.kind == CoolKind::Pump;
          cap += pump ? u.flow_m3_s : u.capacity_w;
          if (m == job.member) failed_cap = pump ? u.flow_m3_s : u.capacity_w;
          duty += pump ? pump_duty.at(m) : design.cooling_heat_w.at(m);
        }
        c.converged = true;
        c.note = "cooling: survivors share the group's design duty by capacity";
        c.worst_loading_pct = cap > failed_cap ? 100.0 * duty / (cap - failed_cap) : 100.0;
        c.worst_entity = g.id;
        if (c.worst_loading_pct > 100.0 + 1e-9) ++c.overloads;
      } else if (node_index.count(job.member)) {
        SiteSolveOptions o;
        if (alone) {
          o = contingency_options_alone(site, job.member, options);
        } else {
          o = contingency_options(site, g, job.member, options);
        }
        bool solved = false;
        if (fast) {
          try {
            solved = fast->solve(o, ws, r);
          } catch (const std::exception&) {
            solved = false;  // the full solve reports what is wrong
          }
        }
        if (!solved) {
          r = outcome_of(site, out.base, solve_site_power(net, o, nullptr));
          ++full;
        }
        c.converged = r.converged;
        c.note = r.message;
        c.worst_loading_pct = r.worst_pct;
        c.worst_entity = r.worst_entity;
        c.racks_lost = std::move(r.racks_lost);
        c.loads_lost = std::move(r.loads_lost);
        c.overloads = r.overloads;
        // The capacity table counts what redundancy groups hold back for their members.
        if (!alone) {
          worst_load.resize(std::max(worst_load.size(), r.node_load.size()), 0.0);
          for (std::size_t k = 0; k < r.node_load.size(); ++k)
            worst_load[k] = std::max(worst_load[k], r.node_load[k]);
        }
      } else {
        c.note = "member " + std::to_string(job.member) + " does not exist";
      }
      const std::size_t d = ++done;
      if (progress) {
        std::lock_guard lock(progress_mutex);
        if (progress->cancelled())
          cancelled = true;
        else if (d % 16 == 0)
          progress->report(double(d) / double(jobs.size()), "N-1");
      }
    }
  };
  const unsigned n = std::max(1u, threads ? threads : std::thread::hardware_concurrency());
  node_worst.resize(n);
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < n; ++t) pool.emplace_back(work, std::ref(node_worst[t]));
  work(node_worst[0]);
  for (auto& t : pool) t.join();
  if (cancelled) throw Cancelled();
  out.cases_full_resolve = full;

  for (auto& c : cases) {
    c.single_point = !c.racks_lost.empty();
    out.all_converged = out.all_converged && c.converged;
    if (!c.racks_lost.empty()) ++out.cases_with_rack_loss;
    if (!c.racks_lost.empty()) ++out.single_points;
    if (c.overloads) ++out.cases_with_overload;
    out.worst_loading_pct = std::max(out.worst_loading_pct, c.worst_loading_pct);
  }

  // Capacity per level. Worst single-failure load of every node, then, top-down from the grid,
  // how much of a node's remaining room its supply path can still deliver.
  const std::size_t m = site.elec_nodes.size();
  std::vector<double> normal(m, 0.0), worst(m, 0.0), rating(m, 0.0);
  for (std::size_t k = 0; k < m; ++k) {
    const NodeFlow& f = out.base.nodes[k];
    normal[k] = f.energized ? std::hypot(f.p_w, f.q_var) : 0.0;
    worst[k] = normal[k];
    const ElecNode& n = site.elec_nodes[k];
    rating[k] = n.kind == ElecKind::GridFeed ? site.grid.contracted_import_w : n.rating_w;
  }
  for (const auto& loads : node_worst)
    for (std::size_t k = 0; k < loads.size() && k < m; ++k) worst[k] = std::max(worst[k], loads[k]);
  std::vector<double> room(m), path_room(m, -1.0);
  for (std::size_t k = 0; k < m; ++k) room[k] = std::max(0.0, rating[k] - worst[k]);
  std::unordered_map<Id, std::vector<std::size_t>> parents;  // closed upstream nodes
  for (const auto& e : site.elec_edges)
    if (!e.normally_open && node_index.count(e.from) && node_index.count(e.to))
      parents[e.to].push_back(node_index.at(e.from));
  // Memoised walk up; a cycle (validate() reports it) is cut by the in-progress marker.
  std::vector<char> state(m, 0);
  std::function<double(std::size_t)> path = [&](std::size_t k) -> double {
    if (state[k] == 2) return path_room[k];
    if (state[k] == 1) return room[k];
    state[k] = 1;
    double r = room[k];
    const auto& ps = parents[site.elec_nodes[k].id];
    if (!ps.empty()) {
      double up = 0;
      for (std::size_t p : ps) up += path(p);
      r = std::min(r, up);
    }
    state[k] = 2;
    return path_room[k] = r;
  };
  std::map<std::string, LevelCapacity> levels;
  for (std::size_t k = 0; k < m; ++k) {
    const ElecNode& n = site.elec_nodes[k];
    LevelCapacity& l = levels[to_string(n.kind)];
    l.level = to_string(n.kind);
    ++l.units;
    l.installed_w += rating[k];
    l.used_w += normal[k];
    l.reserved_w += worst[k] - normal[k];
    const double usable = path(k);
    l.free_w += usable;
    l.stranded_w += room[k] - usable;
  }
  for (auto& [name, l] : levels) out.levels.push_back(l);
  append_cooling_levels(site, *ref.catalog, design, out.levels);

  std::stable_sort(cases.begin(), cases.end(), worse_case);
  out.cases = std::move(cases);
  return out;
}

}  // namespace dctwin::model::electrical
