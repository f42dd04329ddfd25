#include "model/electrical/site_power.h"

#include <Eigen/SparseLU>
#include <algorithm>
#include <cmath>
#include <complex>
#include <functional>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "model/electrical/ac_powerflow.h"

namespace dctwin::model::electrical {

namespace {

using cd = std::complex<double>;

// Union-find over bus indices: zero-impedance connections make one electrical bus.
struct Dsu {
  std::vector<int> p;
  int add() {
    p.push_back(int(p.size()));
    return p.back();
  }
  int find(int x) {
    while (p[std::size_t(x)] != x) x = p[std::size_t(x)] = p[std::size_t(p[std::size_t(x)])];
    return x;
  }
  void unite(int a, int b) { p[std::size_t(find(a))] = find(b); }
};

enum class BranchKind { Edge, Transformer, Thevenin };

struct Bus {
  std::string name;
  double base_v = 0;
  bool dc = false;
  double p_load_w = 0, q_load_var = 0;
  double g_shunt_pu = 0;  // transformer iron loss (conductance on the system base)
};

struct Branch {
  int f = -1, t = -1;
  double r_pu = 0, x_pu = 0, b_pu = 0;
  BranchKind kind = BranchKind::Edge;
  std::size_t owner = 0;  // edge index or node index
  // Results
  cd sf, st;
};

struct Section {
  std::vector<int> buses;         // electrical buses (DSU representatives)
  std::vector<int> branches;      // indices into branches
  int slack = -1;                 // bus
  long source_node = -1;          // converter node index feeding it; -1 grid; -2 standby sources
  std::vector<std::size_t> gens;  // standby source nodes (generators, batteries), slack first
  bool dc = false;
  bool solved = false, converged = false;
  int iterations = 0;
  cd source_s;  // power leaving the slack into the section
};

class Solver {
 public:
  Solver(const CompiledNetwork& net, const SiteSolveOptions& o, Progress* pr)
      : net_(net), site_(*net.site), opt_(o), progress_(pr), node_index_(net.node_index) {}

  SiteAcExport run_export() {
    (void)run_impl();
    SiteAcExport out;
    out.net.base_mva = opt_.base_va / 1e6;
    std::unordered_map<int, std::size_t> local;
    for (const Section& s : sections_) {
      if (s.dc || s.slack < 0) continue;
      for (int b : append_section(s, out.net, local, nullptr)) {
        out.bus_names.push_back(buses_[std::size_t(b)].name);
        out.base_kv.push_back(buses_[std::size_t(b)].base_v / 1e3);
      }
    }
    return out;
  }

  SiteElecResult run() { return run_impl(); }

 private:
  SiteElecResult run_impl() {
    res_.nodes.resize(site_.elec_nodes.size());
    res_.edges.resize(site_.elec_edges.size());
    res_.racks.resize(site_.racks.size());
    for (std::size_t k = 0; k < site_.elec_nodes.size(); ++k)
      res_.nodes[k].id = site_.elec_nodes[k].id;
    for (std::size_t e = 0; e < site_.elec_edges.size(); ++e)
      res_.edges[e].id = site_.elec_edges[e].id;
    find_energized();
    build_buses();
    build_branches();
    add_rack_loads();
    add_feed_loads();
    build_sections();
    solve_sections();
    collect();
    return std::move(res_);
  }

  bool edge_active(const ElecEdge& e) const {
    if (e.normally_open && !opt_.closed_edges.count(e.id)) return false;
    if (opt_.failed.count(e.from) || opt_.failed.count(e.to)) return false;
    return node_index_.count(e.from) && node_index_.count(e.to) && e.from != e.to;
  }

  void find_energized() {
    energized_.assign(site_.elec_nodes.size(), false);
    std::vector<std::size_t> stack;
    for (std::size_t k = 0; k < site_.elec_nodes.size(); ++k)
      if (is_source(site_.elec_nodes[k].kind) && !opt_.failed.count(site_.elec_nodes[k].id))
        stack.push_back(k);
    while (!stack.empty()) {
      const std::size_t k = stack.back();
      stack.pop_back();
      if (energized_[k]) continue;
      energized_[k] = true;
      for (int i = net_.out_start[k]; i < net_.out_start[k + 1]; ++i) {
        const auto e = std::size_t(net_.out_edges[std::size_t(i)]);
        if (edge_active(site_.elec_edges[e])) stack.push_back(std::size_t(net_.to[e]));
      }
    }
  }

  int new_bus(std::string name, double base_v, bool dc) {
    buses_.push_back({std::move(name), base_v, dc, 0, 0, 0});
    return dsu_.add();
  }

  void build_buses() {
    const std::size_t m = site_.elec_nodes.size();
    main_.assign(m, -1);
    in_.assign(m, -1);
    for (std::size_t k = 0; k < m; ++k) {
      if (!energized_[k]) continue;
      const ElecNode& n = site_.elec_nodes[k];
      main_[k] = new_bus(n.name, net_.main_v[k], n.dc);
      if (net_.converter[k]) {
        in_[k] = new_bus(n.name + " (input)", net_.in_v[k], false);
      } else if (net_.transformer[k]) {
        if (!net_.missing[k].empty()) throw std::out_of_range(net_.missing[k]);
        in_[k] = new_bus(n.name + " (primary)", net_.in_v[k], false);
      } else if (n.kind == ElecKind::GridFeed) {
        grid_node_ = long(k);
        grid_source_ = new_bus("grid source (Thevenin)", n.voltage_v, false);
      } else {
        in_[k] = main_[k];
      }
    }
  }

  void add_branch(Branch b) {
    const bool zero = b.r_pu == 0.0 && b.x_pu == 0.0;
    if (zero && b.kind == BranchKind::Edge) {
      dsu_.unite(b.f, b.t);
      merged_edges_.push_back(b.owner);
      return;
    }
    branches_.push_back(b);
  }

  void build_branches() {
    // Grid: Thevenin source behind the short-circuit impedance at the POI.
    if (grid_node_ >= 0) {
      Branch b;
      b.f = grid_source_;
      b.t = main_[std::size_t(grid_node_)];
      b.r_pu = net_.thevenin_r_pu;
      b.x_pu = net_.thevenin_x_pu;
      b.kind = BranchKind::Thevenin;
      b.owner = std::size_t(grid_node_);
      branches_.push_back(b);
    }
    // Transformers: impedance on their own rating converted to the system base; copper loss at
    // rated current equals the resistance in per unit; iron loss as a shunt at the primary.
    for (std::size_t k = 0; k < site_.elec_nodes.size(); ++k) {
      if (!energized_[k] || !net_.transformer[k]) continue;
      Branch b;
      b.f = in_[k];
      b.t = main_[k];
      b.r_pu = net_.xfmr_r_pu[k];
      b.x_pu = net_.xfmr_x_pu[k];
      b.kind = BranchKind::Transformer;
      b.owner = k;
      branches_.push_back(b);
      buses_[std::size_t(in_[k])].g_shunt_pu += net_.xfmr_g_pu[k];
    }
    for (std::size_t e = 0; e < site_.elec_edges.size(); ++e) {
      const ElecEdge& edge = site_.elec_edges[e];
      if (!edge_active(edge)) continue;
      const auto u = std::size_t(net_.from[e]), v = std::size_t(net_.to[e]);
      if (!energized_[u] || !energized_[v]) continue;
      const int f = main_[u], t = in_[v];
      const Bus& bf = buses_[std::size_t(f)];
      const Bus& bt = buses_[std::size_t(t)];
      if (net_.mismatch[e]) {
        std::ostringstream m;
        m << "connection " << edge.id << " joins " << (bf.dc ? "DC " : "AC ") << bf.base_v
          << " V to " << (bt.dc ? "DC " : "AC ") << bt.base_v
          << " V: put a transformer or converter between them";
        res_.violations.push_back({edge.id, "elec.voltage_mismatch", m.str()});
        continue;
      }
      Branch b;
      b.f = f;
      b.t = t;
      b.r_pu = net_.r_pu[e];
      b.x_pu = net_.x_pu[e];
      b.b_pu = net_.b_pu[e];
      b.kind = BranchKind::Edge;
      b.owner = e;
      add_branch(b);
    }
  }

  // Rack PSUs: IT power over the PSU efficiency at its load fraction, shared by live cords.
  void add_rack_loads() {
    const auto& R = site_.racks;
    for (std::size_t i = 0; i < R.size(); ++i) {
      RackFlow& rf = res_.racks[i];
      if (!net_.rack_missing[i].empty()) throw std::out_of_range(net_.rack_missing[i]);
      if (!net_.rack_ok[i]) continue;
      rf.it_w = net_.rack_design_w[i] * opt_.load_frac;
      rf.input_w = net_.rack_input_w(i, opt_.load_frac);
      std::vector<std::size_t> live;
      for (int feed : {net_.rack_feed_a[i], net_.rack_feed_b[i]}) {
        if (feed >= 0 && energized_[std::size_t(feed)])
          live.push_back(std::size_t(feed));
        else
          live.push_back(SIZE_MAX);
      }
      const double cords = double(
          std::count_if(live.begin(), live.end(), [](std::size_t k) { return k != SIZE_MAX; }));
      if (cords == 0) {
        rf.powered = false;
        rf.input_w = 0;
        if (rf.it_w > 0)
          res_.violations.push_back(
              {R.id[i], "rack.unpowered",
               "rack " + std::to_string(R.id[i]) + " '" + R.name[i] + "' has no live cord"});
        continue;
      }
      rf.powered = true;
      for (int c = 0; c < 2; ++c) {
        if (live[std::size_t(c)] == SIZE_MAX) continue;
        const double share = rf.input_w / cords;
        (c == 0 ? rf.cord_a_w : rf.cord_b_w) = share;
        buses_[std::size_t(main_[live[std::size_t(c)]])].p_load_w += share;
      }
    }
  }

  // Other loads (cooling units): constant power on the buses of their live feeds.
  void add_feed_loads() {
    res_.loads.resize(opt_.loads.size());
    for (std::size_t i = 0; i < opt_.loads.size(); ++i) {
      const FeedLoad& l = opt_.loads[i];
      LoadFlow& lf = res_.loads[i];
      lf.entity = l.entity;
      std::size_t live[2] = {SIZE_MAX, SIZE_MAX};
      int feeds = 0;
      for (int c = 0; c < 2; ++c) {
        const Id feed = c == 0 ? l.feed_a : l.feed_b;
        const auto it = node_index_.find(feed);
        if (feed != kNoId && it != node_index_.end() && energized_[it->second]) {
          live[c] = it->second;
          ++feeds;
        }
      }
      if (feeds == 0) {
        if (l.p_w > 0) {
          std::ostringstream m;
          m.setf(std::ios::fixed);
          m.precision(1);
          m << l.what << " " << l.entity << " has no live feed: its " << l.p_w / 1e3
            << " kW load is not supplied";
          res_.violations.push_back({l.entity, "load.unpowered", m.str()});
        }
        continue;
      }
      lf.powered = true;
      lf.p_w = l.p_w;
      for (int c = 0; c < 2; ++c) {
        if (live[c] == SIZE_MAX) continue;
        (c == 0 ? lf.feed_a_w : lf.feed_b_w) = l.p_w / feeds;
        Bus& bus = buses_[std::size_t(main_[live[c]])];
        bus.p_load_w += l.p_w / feeds;
        bus.q_load_var += l.q_var / feeds;
      }
      res_.load_power_w += l.p_w;
    }
  }

  void build_sections() {
    // Representatives, then sections as connected components of the branch graph.
    std::vector<std::vector<int>> adj(buses_.size());
    for (std::size_t b = 0; b < branches_.size(); ++b) {
      const int f = dsu_.find(branches_[b].f), t = dsu_.find(branches_[b].t);
      adj[std::size_t(f)].push_back(t);
      adj[std::size_t(t)].push_back(f);
    }
    section_of_.assign(buses_.size(), -1);
    for (std::size_t b0 = 0; b0 < buses_.size(); ++b0) {
      const int r = dsu_.find(int(b0));
      if (section_of_[std::size_t(r)] >= 0) continue;
      Section s;
      std::vector<int> stack{r};
      section_of_[std::size_t(r)] = int(sections_.size());
      while (!stack.empty()) {
        const int x = stack.back();
        stack.pop_back();
        s.buses.push_back(x);
        for (int y : adj[std::size_t(x)])
          if (section_of_[std::size_t(y)] < 0) {
            section_of_[std::size_t(y)] = int(sections_.size());
            stack.push_back(y);
          }
      }
      s.dc = buses_[std::size_t(r)].dc;
      sections_.push_back(std::move(s));
    }
    // Merged loads and shunts live on the representative.
    for (std::size_t b = 0; b < buses_.size(); ++b) {
      const int r = dsu_.find(int(b));
      if (r == int(b)) continue;
      buses_[std::size_t(r)].p_load_w += buses_[b].p_load_w;
      buses_[std::size_t(r)].q_load_var += buses_[b].q_load_var;
      buses_[std::size_t(r)].g_shunt_pu += buses_[b].g_shunt_pu;
      buses_[b].p_load_w = buses_[b].q_load_var = buses_[b].g_shunt_pu = 0;
    }
    for (std::size_t b = 0; b < branches_.size(); ++b)
      sections_[std::size_t(section_of_[std::size_t(dsu_.find(branches_[b].f))])]
          .branches.push_back(int(b));
    // Sources: the grid, or the output of the converter feeding the section.
    if (grid_node_ >= 0) sections_[std::size_t(sec(grid_source_))].slack = dsu_.find(grid_source_);
    // Generators and batteries whose connections are closed: they carry an island without the
    // grid (the largest is the reference, the others share the load by rating). In parallel
    // with the grid they are not modelled: they are reported and left out.
    for (std::size_t k = 0; k < site_.elec_nodes.size(); ++k) {
      const ElecNode& n = site_.elec_nodes[k];
      if (!energized_[k] || (n.kind != ElecKind::Generator && n.kind != ElecKind::Battery))
        continue;
      bool feeds = false;
      for (int i = net_.out_start[k]; i < net_.out_start[k + 1] && !feeds; ++i)
        feeds = edge_active(site_.elec_edges[std::size_t(net_.out_edges[std::size_t(i)])]);
      if (!feeds) continue;
      Section& sc = sections_[std::size_t(sec(main_[k]))];
      if (sc.source_node == -1 && sc.slack >= 0) {
        res_.violations.push_back({n.id, "elec.parallel_sources",
                                   std::string(to_string(n.kind)) + " " + std::to_string(n.id) +
                                       " is connected while the grid supplies its section; running "
                                       "in parallel with the utility is not modelled: open it"});
        continue;
      }
      sc.gens.push_back(k);
    }
    for (Section& sc : sections_) {
      if (sc.slack >= 0 || sc.gens.empty()) continue;
      std::stable_sort(sc.gens.begin(), sc.gens.end(), [&](std::size_t a, std::size_t b) {
        return site_.elec_nodes[a].rating_w > site_.elec_nodes[b].rating_w;
      });
      sc.slack = dsu_.find(main_[sc.gens.front()]);
      sc.source_node = -2;  // standby sources
    }
    for (std::size_t k = 0; k < site_.elec_nodes.size(); ++k) {
      if (!energized_[k] || !is_converter(site_.elec_nodes[k].kind)) continue;
      Section& s = sections_[std::size_t(sec(main_[k]))];
      if (s.slack >= 0) {
        res_.violations.push_back(
            {site_.elec_nodes[k].id, "elec.parallel_sources",
             "converter " + std::to_string(site_.elec_nodes[k].id) +
                 " feeds a section that already has a source; "
                 "parallel converters are not modelled: open one connection"});
        continue;
      }
      s.slack = dsu_.find(main_[k]);
      s.source_node = long(k);
      converter_children_[std::size_t(sec(in_[k]))].push_back(k);
    }
  }
  int sec(int bus) { return section_of_[std::size_t(dsu_.find(bus))]; }

  void solve_sections() {
    // Downstream sections first: a converter's input power is known once its output section is.
    std::vector<int> order;
    std::vector<int> state(sections_.size(), 0);
    std::function<void(int)> visit = [&](int s) {
      if (state[std::size_t(s)] == 2) return;
      if (state[std::size_t(s)] == 1) return;  // a cycle through converters: reported below
      state[std::size_t(s)] = 1;
      for (std::size_t k : converter_children_[std::size_t(s)]) visit(sec(main_[k]));
      state[std::size_t(s)] = 2;
      order.push_back(s);
    };
    for (std::size_t s = 0; s < sections_.size(); ++s) visit(int(s));
    res_.sections = sections_.size();
    res_.converged = true;
    std::size_t done = 0;
    for (int si : order) {
      if (progress_ && (done++ % 64 == 0)) {
        progress_->check();
        progress_->report(double(done) / double(order.size()), "power flow");
      }
      Section& s = sections_[std::size_t(si)];
      if (s.slack < 0) continue;  // dead: loads already reported as unpowered racks
      // Converter inputs of downstream sections become loads here.
      for (std::size_t k : converter_children_[std::size_t(si)]) {
        const Section& child = sections_[std::size_t(sec(main_[k]))];
        const ElecNode& n = site_.elec_nodes[k];
        const double pout = child.solved ? child.source_s.real() * opt_.base_va : 0.0;
        const double eff =
            net_.efficiency[k] ? net_.efficiency[k]->at(std::max(0.0, pout) / n.rating_w) : 1.0;
        const double pin = pout > 0 ? pout / eff : pout;
        NodeFlow& nf = res_.nodes[k];
        nf.loss_w = pin - pout;
        buses_[std::size_t(dsu_.find(in_[k]))].p_load_w += pin;
      }
      if (s.dc)
        solve_dc(s);
      else
        solve_ac(s);
      s.solved = true;
      if (!s.converged) res_.converged = false;
      res_.max_iterations = std::max(res_.max_iterations, s.iterations);
    }
    res_.buses = 0;
    for (const auto& s : sections_) res_.buses += s.buses.size();
  }

  // Appends an AC section to net: its buses (reference first), the reference generator, PV
  // generators for its other standby sources, and its branches. Returns the buses in the order
  // appended and adds the ratings of the sources to *rating_sum when given.
  std::vector<int> append_section(const Section& s, AcNetwork& net,
                                  std::unordered_map<int, std::size_t>& local, double* rating_sum) {
    std::vector<int> order{s.slack};
    for (int b : s.buses)
      if (b != s.slack) order.push_back(b);
    const std::size_t first = net.buses.size();
    for (int b : order) {
      local[b] = net.buses.size();
      const Bus& bus = buses_[std::size_t(b)];
      AcBus ab{};
      ab.number = std::int64_t(net.buses.size() + 1);
      ab.type = b == s.slack ? BusType::Ref : BusType::PQ;
      ab.pd_pu = bus.p_load_w / opt_.base_va;
      ab.qd_pu = bus.q_load_var / opt_.base_va;
      ab.gs_pu = bus.g_shunt_pu;
      ab.vm_pu = 1.0;
      net.buses.push_back(ab);
    }
    AcGen g{};
    g.bus = first;
    g.vg_pu = 1.0;
    g.qmax_pu = 1e9;
    g.qmin_pu = -1e9;
    net.gens.push_back(g);
    double ratings = s.gens.empty() ? 0.0 : site_.elec_nodes[s.gens.front()].rating_w;
    for (std::size_t j = 1; j < s.gens.size(); ++j) {
      const std::size_t k = s.gens[j];
      const int b = dsu_.find(main_[k]);
      if (b == s.slack) continue;  // on the reference bus already
      AcGen pv = g;
      pv.bus = local.at(b);
      net.buses[pv.bus].type = BusType::PV;
      net.gens.push_back(pv);
      ratings += site_.elec_nodes[k].rating_w;
    }
    for (int bi : s.branches) {
      const Branch& br = branches_[std::size_t(bi)];
      AcBranch ab{};
      ab.f = local.at(dsu_.find(br.f));
      ab.t = local.at(dsu_.find(br.t));
      ab.r_pu = br.r_pu;
      ab.x_pu = br.x_pu;
      ab.b_pu = br.b_pu;
      net.branches.push_back(ab);
    }
    if (rating_sum) *rating_sum = ratings;
    return order;
  }

  void solve_ac(Section& s) {
    AcNetwork net;
    net.base_mva = opt_.base_va / 1e6;
    std::unordered_map<int, std::size_t> local;
    double rating_sum = 0;
    const std::vector<int> order = append_section(s, net, local, &rating_sum);
    AcPowerFlow pf(net);
    AcOptions o;
    o.tol_pu = opt_.tol_pu;
    AcSolution sol = pf.solve(o, nullptr);
    // Standby sources share the section's load by rating: the reference takes the remainder,
    // so repeat until its share matches (a few passes; losses barely move between them).
    constexpr int kSharePasses = 20;
    for (int pass = 0; sol.converged && net.gens.size() > 1 && pass < kSharePasses; ++pass) {
      double total = 0;
      for (double pg : sol.pg_pu) total += pg;
      const double want_ref = total * site_.elec_nodes[s.gens.front()].rating_w / rating_sum;
      if (std::abs(sol.pg_pu[0] - want_ref) <= opt_.tol_pu) break;
      for (std::size_t j = 1, gi = 1; j < s.gens.size(); ++j) {
        if (dsu_.find(main_[s.gens[j]]) == s.slack) continue;
        pf.set_gen(gi++, total * site_.elec_nodes[s.gens[j]].rating_w / rating_sum, 0.0);
      }
      sol = pf.solve(o, nullptr);
    }
    {
      std::size_t gi = 1;
      for (std::size_t j = 0; j < s.gens.size(); ++j) {
        const bool on_ref = j == 0 || dsu_.find(main_[s.gens[j]]) == s.slack;
        const std::size_t idx = on_ref ? 0 : gi++;
        if (idx < sol.pg_pu.size() && sol.converged)
          source_out_[s.gens[j]] =
              on_ref && j != 0 ? cd(0, 0) : cd(sol.pg_pu[idx], sol.qg_pu[idx]) * opt_.base_va;
      }
    }
    s.converged = sol.converged;
    s.iterations = sol.iterations;
    if (!sol.converged) {
      const std::string who =
          s.source_node >= 0 ? "the section fed by node " +
                                   std::to_string(site_.elec_nodes[std::size_t(s.source_node)].id)
                             : std::string(s.source_node == -1 ? "the grid section"
                                                               : "the island on standby sources");
      std::string where;
      for (std::size_t j = 0; j < std::min<std::size_t>(3, sol.worst_buses.size()); ++j)
        where += (j ? ", " : "") + buses_[std::size_t(order[sol.worst_buses[j]])].name;
      res_.message += (res_.message.empty() ? "" : "; ") + who + ": " + sol.message +
                      (where.empty() ? "" : " (largest mismatch at " + where + ")");
      return;
    }
    for (int b : s.buses) vm_[dsu_.find(b)] = std::abs(sol.v[local.at(b)]);
    for (std::size_t j = 0; j < s.branches.size(); ++j) {
      Branch& br = branches_[std::size_t(s.branches[j])];
      br.sf = sol.sf_pu[j];
      br.st = sol.st_pu[j];
    }
    s.source_s = cd(sol.pg_pu[0], sol.qg_pu[0]);
  }

  // DC: Newton on the nodal equations with constant-power loads, slack voltage 1 pu.
  void solve_dc(Section& s) {
    const std::size_t n = s.buses.size();
    std::unordered_map<int, std::size_t> local;
    std::vector<int> order{s.slack};
    for (int b : s.buses)
      if (b != s.slack) order.push_back(b);
    for (std::size_t i = 0; i < n; ++i) local[order[i]] = i;
    std::vector<Eigen::Triplet<double>> trip;
    for (int bi : s.branches) {
      const Branch& br = branches_[std::size_t(bi)];
      const std::size_t f = local.at(dsu_.find(br.f)), t = local.at(dsu_.find(br.t));
      const double g = 1.0 / br.r_pu;
      trip.emplace_back(int(f), int(f), g);
      trip.emplace_back(int(t), int(t), g);
      trip.emplace_back(int(f), int(t), -g);
      trip.emplace_back(int(t), int(f), -g);
    }
    const int nn = static_cast<int>(n);
    Eigen::SparseMatrix<double> G(nn, nn);
    G.setFromTriplets(trip.begin(), trip.end());
    Eigen::VectorXd v = Eigen::VectorXd::Ones(nn), p(nn);
    for (std::size_t i = 0; i < n; ++i)
      p(int(i)) = buses_[std::size_t(order[i])].p_load_w / opt_.base_va;
    s.converged = false;
    const int m = int(n) - 1;
    if (m == 0) {
      s.converged = true;
    } else {
      Eigen::SparseMatrix<double> Gnn = G.bottomRightCorner(m, m);
      Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
      lu.analyzePattern(Gnn);
      constexpr int kMaxIter = 30;
      for (int it = 0; it < kMaxIter; ++it) {
        // Mismatch: power injected into the network at bus i plus its load = 0.
        const Eigen::VectorXd gv = G * v;
        Eigen::VectorXd f(m);
        for (int i = 1; i <= m; ++i) f(i - 1) = v(i) * gv(i) + p(i);
        const double mis = f.lpNorm<Eigen::Infinity>();
        s.iterations = it;
        if (!std::isfinite(mis)) break;
        if (mis < opt_.tol_pu) {
          s.converged = true;
          break;
        }
        // J = diag(v) Gnn + diag(G v)
        Eigen::SparseMatrix<double> J = Gnn;
        for (int c = 0; c < J.outerSize(); ++c)
          for (Eigen::SparseMatrix<double>::InnerIterator x(J, c); x; ++x)
            x.valueRef() *= v(x.row() + 1);
        for (int i = 0; i < m; ++i) J.coeffRef(i, i) += gv(i + 1);
        lu.factorize(J);
        if (lu.info() != Eigen::Success) break;
        const Eigen::VectorXd dv = lu.solve(f);
        v.tail(m) -= dv;
      }
    }
    if (!s.converged) {
      res_.message +=
          (res_.message.empty() ? "" : "; ") + std::string("a DC section fed by node ") +
          std::to_string(s.source_node >= 0 ? site_.elec_nodes[std::size_t(s.source_node)].id : 0) +
          " did not converge (overloaded: voltage collapse)";
      return;
    }
    for (std::size_t i = 0; i < n; ++i) vm_[order[i]] = v(int(i));
    for (int bi : s.branches) {
      Branch& br = branches_[std::size_t(bi)];
      const double vf = v(int(local.at(dsu_.find(br.f)))), vt = v(int(local.at(dsu_.find(br.t))));
      const double i_ft = (vf - vt) / br.r_pu;
      br.sf = cd(vf * i_ft, 0);
      br.st = cd(-vt * i_ft, 0);
    }
    const Eigen::VectorXd gv = G * v;
    s.source_s = cd(v(0) * gv(0), 0);
  }

  double vm(int bus) {
    const auto it = vm_.find(dsu_.find(bus));
    return it == vm_.end() ? 0.0 : it->second;
  }

  void collect() {
    const double sb = opt_.base_va;
    auto& L = res_.losses_w;
    for (const char* k :
         {kLossTransformers, kLossMvCables, kLossConverters, kLossLvDistribution, kLossPsus})
      L[k] = 0.0;
    std::vector<cd> received(site_.elec_nodes.size(), cd(0, 0));  // into each node's bus
    for (const Branch& br : branches_) {
      if (!sections_[std::size_t(sec(br.f))].converged) continue;
      const double loss = (br.sf + br.st).real() * sb;
      switch (br.kind) {
        case BranchKind::Thevenin:
          res_.grid_import_w = -br.st.real() * sb;
          res_.grid_import_var = -br.st.imag() * sb;
          break;
        case BranchKind::Transformer: {
          NodeFlow& nf = res_.nodes[br.owner];
          const double vp = vm(br.f);
          const double iron = buses_[std::size_t(dsu_.find(br.f))].g_shunt_pu * vp * vp * sb;
          nf.loss_w = loss + iron;
          L[kLossTransformers] += nf.loss_w;
          received[br.owner] += -br.st * sb;
          break;
        }
        case BranchKind::Edge: {
          const ElecEdge& e = site_.elec_edges[br.owner];
          EdgeFlow& ef = res_.edges[br.owner];
          ef.energized = true;
          ef.p_from_w = br.sf.real() * sb;
          ef.q_from_var = br.sf.imag() * sb;
          ef.loss_w = loss;
          if (e.rating_w > 0)
            ef.loading_pct = 100.0 * std::max(std::abs(br.sf), std::abs(br.st)) * sb / e.rating_w;
          const Bus& bf = buses_[std::size_t(br.f)];
          L[(!bf.dc && bf.base_v > 1000.0) ? kLossMvCables : kLossLvDistribution] += loss;
          // Power received by a bus-type node; converters report their output and transformers
          // their secondary below.
          const std::size_t to = node_index_.at(e.to);
          if (!is_converter(site_.elec_nodes[to].kind) &&
              !is_transformer(site_.elec_nodes[to].kind))
            received[to] += -br.st * sb;
          break;
        }
      }
    }
    for (std::size_t e : merged_edges_) res_.edges[e].energized = true;
    // Nodes: power through, loading, voltage.
    for (std::size_t k = 0; k < site_.elec_nodes.size(); ++k) {
      const ElecNode& n = site_.elec_nodes[k];
      NodeFlow& nf = res_.nodes[k];
      nf.energized = energized_[k];
      if (!energized_[k]) continue;
      cd s = received[k];
      if (is_converter(n.kind)) {
        const Section& out = sections_[std::size_t(sec(main_[k]))];
        s = out.solved ? out.source_s * sb : cd(0, 0);
        L[kLossConverters] += nf.loss_w;
      } else if (n.kind == ElecKind::GridFeed) {
        s = cd(res_.grid_import_w, res_.grid_import_var);
      } else if (n.kind == ElecKind::Generator || n.kind == ElecKind::Battery) {
        const auto it = source_out_.find(k);
        s = it == source_out_.end() ? cd(0, 0) : it->second;
        res_.standby_output_w += s.real();
      }
      nf.p_w = s.real();
      nf.q_var = s.imag();
      nf.vm_pu = vm(main_[k]);
      const double rating =
          n.kind == ElecKind::GridFeed ? site_.grid.contracted_import_w : n.rating_w;
      if (rating > 0) nf.loading_pct = 100.0 * (n.dc ? std::abs(s.real()) : std::abs(s)) / rating;
    }
    // Racks.
    res_.min_rack_voltage_pu = 0;
    bool first = true;
    for (std::size_t i = 0; i < site_.racks.size(); ++i) {
      RackFlow& rf = res_.racks[i];
      res_.it_power_w += rf.powered ? rf.it_w : 0.0;
      if (!rf.powered) continue;
      L[kLossPsus] += rf.input_w - rf.it_w;
      for (int c = 0; c < 2; ++c) {
        const Id feed = c == 0 ? site_.racks.feed_a[i] : site_.racks.feed_b[i];
        const auto it = node_index_.find(feed);
        if (feed == kNoId || it == node_index_.end() || !energized_[it->second]) continue;
        const double v = vm(main_[it->second]);
        (c == 0 ? rf.vm_a_pu : rf.vm_b_pu) = v;
        if (first || v < res_.min_rack_voltage_pu) {
          res_.min_rack_voltage_pu = v;
          res_.min_rack_voltage_rack = site_.racks.id[i];
          first = false;
        }
        if (v < opt_.v_min_pu || v > opt_.v_max_pu) {
          std::ostringstream m;
          m.precision(4);
          m << "rack " << site_.racks.id[i] << " '" << site_.racks.name[i] << "' cord "
            << (c == 0 ? "A" : "B") << " sees " << v << " pu, outside [" << opt_.v_min_pu << ", "
            << opt_.v_max_pu << "]";
          res_.violations.push_back({site_.racks.id[i],
                                     v < opt_.v_min_pu ? "elec.voltage_low" : "elec.voltage_high",
                                     m.str()});
        }
      }
    }
    for (LoadFlow& lf : res_.loads) {
      if (!lf.powered) continue;
      for (int c = 0; c < 2; ++c) {
        const FeedLoad& l = opt_.loads[std::size_t(&lf - res_.loads.data())];
        const Id feed = c == 0 ? l.feed_a : l.feed_b;
        const auto it = node_index_.find(feed);
        if (feed == kNoId || it == node_index_.end() || !energized_[it->second]) continue;
        (c == 0 ? lf.vm_a_pu : lf.vm_b_pu) = vm(main_[it->second]);
      }
    }
    for (const auto& [k, v] : L) res_.total_loss_w += v;
    const double s_imp = std::hypot(res_.grid_import_w, res_.grid_import_var);
    res_.power_factor = s_imp > 0 ? res_.grid_import_w / s_imp : 1.0;
    // Loading: the worst component, and overloads.
    auto consider = [&](Id id, double pct, const std::string& what) {
      if (pct > res_.max_loading_pct) {
        res_.max_loading_pct = pct;
        res_.max_loading_entity = id;
      }
      if (pct > 100.0 + 1e-9) {
        std::ostringstream m;
        m.precision(4);
        m << what << " " << id << " is loaded to " << pct << " % of its rating";
        res_.violations.push_back({id, "elec.overload", m.str()});
      }
    };
    for (std::size_t k = 0; k < site_.elec_nodes.size(); ++k)
      if (res_.nodes[k].energized && site_.elec_nodes[k].kind != ElecKind::GridFeed)
        consider(site_.elec_nodes[k].id, res_.nodes[k].loading_pct,
                 to_string(site_.elec_nodes[k].kind));
    for (std::size_t e = 0; e < site_.elec_edges.size(); ++e)
      if (res_.edges[e].energized)
        consider(site_.elec_edges[e].id, res_.edges[e].loading_pct, "connection");
  }

  const CompiledNetwork& net_;
  const Site& site_;
  const SiteSolveOptions& opt_;
  Progress* progress_;
  SiteElecResult res_;
  const std::unordered_map<Id, std::size_t>& node_index_;
  std::vector<bool> energized_;
  std::vector<Bus> buses_;
  Dsu dsu_;
  std::vector<int> main_, in_;
  long grid_node_ = -1;
  int grid_source_ = -1;
  std::vector<Branch> branches_;
  std::vector<std::size_t> merged_edges_;
  std::vector<int> section_of_;
  std::vector<Section> sections_;
  std::unordered_map<std::size_t, std::vector<std::size_t>> converter_children_;
  std::unordered_map<int, double> vm_;
  std::unordered_map<std::size_t, cd> source_out_;  // standby source node -> output (W, var)
};

// A catalog item without a parameter the network needs: validate() names these first.
SiteElecResult cannot_build(const std::out_of_range& e) {
  SiteElecResult r;
  r.converged = false;
  r.message = std::string("cannot build the network: ") + e.what() +
              " (run `dctwin-cli validate` and fix the catalog types)";
  return r;
}

}  // namespace

SiteAcExport site_ac_network(const Site& site, const Catalog& catalog,
                             const SiteSolveOptions& options) {
  const CompiledNetwork net = compile_network(site, catalog, options.base_va);
  return Solver(net, options, nullptr).run_export();
}

SiteElecResult solve_site_power(const Site& site, const Catalog& catalog,
                                const SiteSolveOptions& options, Progress* progress) {
  return solve_site_power(compile_network(site, catalog, options.base_va), options, progress);
}

SiteElecResult solve_site_power(const CompiledNetwork& net, const SiteSolveOptions& options,
                                Progress* progress) {
  if (options.base_va != net.base_va)
    throw std::invalid_argument("solve_site_power: the network was compiled on another base");
  try {
    return Solver(net, options, progress).run();
  } catch (const std::out_of_range& e) {
    return cannot_build(e);
  }
}

}  // namespace dctwin::model::electrical
