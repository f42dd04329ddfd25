#include "model/electrical/contingency.h"

#include "model/site/loads.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <map>
#include <mutex>
#include <queue>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace dctwin::model::electrical {

namespace {

struct Job {
  std::size_t group;  // index into site.groups
  Id member;
};

bool worse(const ContingencyCase& a, const ContingencyCase& b) {
  if (a.racks_lost.size() != b.racks_lost.size()) return a.racks_lost.size() > b.racks_lost.size();
  if (a.converged != b.converged) return !a.converged;
  return a.worst_loading_pct > b.worst_loading_pct;
}

}  // namespace

ContingencyResult run_contingencies(const Site& site, const Catalog& catalog,
                                    const SiteSolveOptions& options, Progress* progress,
                                    unsigned threads) {
  ContingencyResult out;
  out.base = solve_site_power(site, catalog, options, nullptr);
  std::unordered_map<Id, std::size_t> node_index, unit_index;
  for (std::size_t k = 0; k < site.elec_nodes.size(); ++k) node_index[site.elec_nodes[k].id] = k;
  for (std::size_t k = 0; k < site.cooling.size(); ++k) unit_index[site.cooling[k].id] = k;
  std::unordered_map<Id, std::vector<std::size_t>> closed_out, open_out;
  for (std::size_t e = 0; e < site.elec_edges.size(); ++e) {
    const auto& edge = site.elec_edges[e];
    (edge.normally_open ? open_out : closed_out)[edge.from].push_back(e);
  }

  const DesignLoads design = compute_design_loads(site, catalog);
  std::unordered_map<Id, double> pump_duty;  // each pump's share of its loop's design flow
  {
    std::unordered_map<Id, int> pumps_on;
    for (const auto& u : site.cooling)
      if (u.kind == CoolKind::Pump) ++pumps_on[u.loop_id];
    for (const auto& u : site.cooling) {
      if (u.kind != CoolKind::Pump) continue;
      const auto loop = unit_index.find(u.loop_id);
      pump_duty[u.id] = loop == unit_index.end() ? 0.0 : site.cooling[loop->second].flow_m3_s / pumps_on[u.loop_id];
    }
  }

  std::vector<Job> jobs;
  for (std::size_t g = 0; g < site.groups.size(); ++g)
    for (Id m : site.groups[g].members) jobs.push_back({g, m});

  std::vector<ContingencyCase> cases(jobs.size());
  std::vector<std::vector<double>> node_load(jobs.size());  // |S| per node for the capacity table
  std::atomic<std::size_t> next{0}, done{0};
  std::mutex progress_mutex;
  std::atomic<bool> cancelled{false};

  auto work = [&] {
    for (std::size_t j = next++; j < jobs.size() && !cancelled; j = next++) {
      const Job& job = jobs[j];
      const RedundancyGroup& g = site.groups[job.group];
      ContingencyCase& c = cases[j];
      c.group = g.id;
      c.failed = job.member;
      if (unit_index.count(job.member)) {
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
        SiteSolveOptions o = options;
        o.failed.insert(job.member);
        if (g.scheme == RedundancyScheme::BlockCatcher && g.catcher != kNoId && g.catcher != job.member) {
          // The catcher's standby connections to the failed block's loads close.
          std::unordered_set<Id> block_loads;
          for (std::size_t e : closed_out[job.member]) block_loads.insert(site.elec_edges[e].to);
          for (std::size_t e : open_out[g.catcher])
            if (block_loads.count(site.elec_edges[e].to)) o.closed_edges.insert(site.elec_edges[e].id);
        }
        const SiteElecResult r = solve_site_power(site, catalog, o, nullptr);
        c.converged = r.converged;
        c.note = r.message;
        c.worst_loading_pct = r.max_loading_pct;
        c.worst_entity = r.max_loading_entity;
        for (std::size_t i = 0; i < site.racks.size(); ++i)
          if (out.base.racks[i].powered && !r.racks[i].powered) c.racks_lost.push_back(site.racks.id[i]);
        for (const auto& v : r.violations)
          if (v.code == "elec.overload") ++c.overloads;
        auto& loads = node_load[j];
        loads.resize(site.elec_nodes.size());
        for (std::size_t k = 0; k < site.elec_nodes.size(); ++k)
          loads[k] = r.nodes[k].energized ? std::hypot(r.nodes[k].p_w, r.nodes[k].q_var) : 0.0;
      } else {
        c.note = "member " + std::to_string(job.member) + " does not exist";
      }
      const std::size_t d = ++done;
      if (progress) {
        std::lock_guard lock(progress_mutex);
        if (progress->cancelled()) cancelled = true;
        else if (d % 16 == 0) progress->report(double(d) / double(jobs.size()), "N-1");
      }
    }
  };
  const unsigned n = std::max(1u, threads ? threads : std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < n; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (cancelled) throw Cancelled();

  for (const auto& c : cases) {
    out.all_converged = out.all_converged && c.converged;
    if (!c.racks_lost.empty()) ++out.cases_with_rack_loss;
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
  for (const auto& loads : node_load)
    for (std::size_t k = 0; k < loads.size(); ++k) worst[k] = std::max(worst[k], loads[k]);
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

  std::stable_sort(cases.begin(), cases.end(), worse);
  out.cases = std::move(cases);
  return out;
}

}  // namespace dctwin::model::electrical
