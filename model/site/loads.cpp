#include "model/site/loads.h"

#include <functional>
#include <queue>

#include "model/site/physics.h"

namespace dctwin::model {

double rack_design_power_w(const Site& site, std::size_t i, const Catalog& catalog) {
  if (site.racks.power_override_w[i]) return *site.racks.power_override_w[i];
  return catalog.at(site.racks.type[i]).get("nameplate_w");
}

std::optional<double> find_rack_design_power_w(const Site& site, std::size_t i,
                                               const Catalog& catalog) {
  if (site.racks.power_override_w[i]) return *site.racks.power_override_w[i];
  const CatalogItem* type = catalog.find(site.racks.type[i]);
  if (!type || type->kind != ItemKind::Rack || !type->has("nameplate_w")) return std::nullopt;
  return type->get("nameplate_w");
}

std::optional<double> cooling_rated_power_w(const CoolingUnit& u, const Catalog& catalog) {
  if (!is_powered(u.kind)) return std::nullopt;
  const CatalogItem* t = catalog.find(u.type);
  if (!t) return std::nullopt;
  const auto get = [&](const char* name) -> std::optional<double> {
    if (!t->has(name)) return std::nullopt;
    return t->get(name);
  };
  std::optional<double> a, b;
  switch (u.kind) {
    case CoolKind::Cdu:
      // Secondary pumps at the capacity's flow at the design temperature rise.
      if (t->has("pump_head_pa") && t->has("pump_efficiency") && t->has("design_delta_t_k") &&
          t->get("design_delta_t_k") > 0) {
        const double q = physics::water_flow_m3_s(u.capacity_w, t->get("design_delta_t_k"));
        return physics::pump_power_w(q, q, t->get("pump_head_pa"), 1.0, t->get("pump_efficiency"));
      }
      break;
    case CoolKind::Crah:
    case CoolKind::FanWall:
      return get("fan_power_w");
    case CoolKind::Chiller:
      if ((a = get("cop_rated")) && *a > 0) return u.capacity_w / *a;
      break;
    case CoolKind::CoolingTower:
    case CoolKind::DryCooler:
      if ((a = get("fan_power_frac"))) return *a * u.capacity_w;
      break;
    case CoolKind::Pump:
      if ((a = get("head_pa")) && (b = get("efficiency")) && *b > 0) return *a * u.flow_m3_s / *b;
      break;
    case CoolKind::WaterLoop:
    case CoolKind::StorageTank:
      break;
  }
  return std::nullopt;
}

DesignLoads compute_design_loads(const Site& site, const Catalog& catalog) {
  return compute_design_loads(compile_site_ref(site, catalog));
}

DesignLoads compute_design_loads(const SiteRef& ref) {
  const Site& site = *ref.site;
  DesignLoads out;
  const std::size_t n = site.racks.size();
  out.rack_power_w.assign(n, 0.0);
  out.rack_liquid_heat_w.assign(n, 0.0);
  out.rack_air_heat_w.assign(n, 0.0);

  // Racks: all electrical power ends as heat, split by the catalog's liquid fraction.
  for (std::size_t i = 0; i < n; ++i) {
    const CatalogItem* type = ref.rack_type[i];
    if (!type || !type->has("nameplate_w")) continue;
    const double p = ref.rack_design_w[i];
    const double lf = ref.rack_spec[i].liquid_fraction;
    out.rack_power_w[i] = p;
    out.rack_liquid_heat_w[i] = p * lf;
    out.rack_air_heat_w[i] = p * (1.0 - lf);
    out.it_power_w += p;
  }

  // Electrical: rack cords load their feed nodes; loads roll up the graph, each node splitting
  // its load evenly over its closed upstream edges (2N sides and shared N+1 buses alike).
  const auto& node_index = ref.node_index;
  for (const auto& node : site.elec_nodes) out.elec_load_w[node.id] = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const Id a = site.racks.feed_a[i], b = site.racks.feed_b[i];
    const bool has_a = a != kNoId && node_index.count(a), has_b = b != kNoId && node_index.count(b);
    const int cords = int(has_a) + int(has_b);
    if (cords == 0) continue;
    if (has_a) out.elec_load_w[a] += out.rack_power_w[i] / cords;
    if (has_b) out.elec_load_w[b] += out.rack_power_w[i] / cords;
  }
  for (std::size_t k = 0; k < site.cooling.size(); ++k) {
    const CoolingUnit& c = site.cooling[k];
    const auto w = ref.cooling_rated_w[k];
    if (!w) continue;
    out.cooling_power_w[c.id] = *w;
    const bool has_a = c.feed_a != kNoId && ref.cooling_feed_a[k] != kNone;
    const bool has_b = c.feed_b != kNoId && ref.cooling_feed_b[k] != kNone;
    const int feeds = int(has_a) + int(has_b);
    if (feeds == 0) {
      out.unfed_mechanical_power_w += *w;
      continue;
    }
    out.mechanical_power_w += *w;
    if (has_a) out.elec_load_w[c.feed_a] += *w / feeds;
    if (has_b) out.elec_load_w[c.feed_b] += *w / feeds;
  }
  const std::size_t m = site.elec_nodes.size();
  std::vector<std::vector<std::size_t>> closed_in(m);  // edge indices into each node
  std::vector<int> out_degree(m, 0);                   // closed edges leaving each node
  for (std::size_t e = 0; e < site.elec_edges.size(); ++e) {
    const ElecEdge& edge = site.elec_edges[e];
    out.edge_load_w[edge.id] = 0.0;
    if (edge.normally_open) continue;
    const auto f = node_index.find(edge.from), t = node_index.find(edge.to);
    if (f == node_index.end() || t == node_index.end() || edge.from == edge.to) continue;
    closed_in[t->second].push_back(e);
    ++out_degree[f->second];
  }
  // Kahn's algorithm from the leaves (no closed downstream edge) upwards.
  std::queue<std::size_t> ready;
  for (std::size_t k = 0; k < m; ++k)
    if (out_degree[k] == 0) ready.push(k);
  std::size_t done = 0;
  while (!ready.empty()) {
    const std::size_t k = ready.front();
    ready.pop();
    ++done;
    const double load = out.elec_load_w[site.elec_nodes[k].id];
    const auto& ins = closed_in[k];
    for (std::size_t e : ins) {
      const ElecEdge& edge = site.elec_edges[e];
      const double share = load / static_cast<double>(ins.size());
      out.edge_load_w[edge.id] += share;
      const std::size_t f = node_index.at(edge.from);
      out.elec_load_w[edge.from] += share;
      if (--out_degree[f] == 0) ready.push(f);
    }
  }
  out.elec_cycle = done != m;

  // Cooling: racks load their CDU and air unit; those load their loop; loops pass heat to the
  // rejection units on them in proportion to capacity; chillers add compressor work and pass the
  // total to their condenser loop.
  const std::size_t nc = site.cooling.size();
  std::vector<double> heat(nc, 0.0);  // by unit index
  for (std::size_t i = 0; i < n; ++i) {
    if (const std::size_t k = ref.rack_cdu[i]; k != kNone) heat[k] += out.rack_liquid_heat_w[i];
    if (const std::size_t k = ref.rack_air_unit[i]; k != kNone) heat[k] += out.rack_air_heat_w[i];
  }
  // Heat handed straight to each loop by its CDUs and air units, and the rejection capacity on it.
  std::vector<double> direct(nc, 0.0), reject_cap(nc, 0.0);
  for (std::size_t l : ref.loops)
    for (std::size_t k : ref.loop_units[l]) {
      const CoolingUnit& c = site.cooling[k];
      if (c.kind == CoolKind::Cdu || c.kind == CoolKind::Crah || c.kind == CoolKind::FanWall)
        direct[l] += heat[k];
      if (is_heat_rejection(c.kind)) reject_cap[l] += c.capacity_w;
    }
  auto share_of = [&](std::size_t loop, const CoolingUnit& u) {
    return reject_cap[loop] > 0.0 ? u.capacity_w / reject_cap[loop] : 0.0;
  };
  std::vector<double> memo(nc, -1.0);
  std::vector<char> visiting(nc, 0);
  std::function<double(std::size_t)> loop_heat = [&](std::size_t loop) -> double {
    if (memo[loop] >= 0.0) return memo[loop];
    if (visiting[loop]) return 0.0;  // chiller cycle: validate() reports it
    visiting[loop] = 1;
    double h = direct[loop];
    for (std::size_t k : ref.loop_condensers[loop]) {
      const CoolingUnit& ch = site.cooling[k];
      const std::size_t evap_loop = ref.cooling_loop[k];
      if (evap_loop == kNone || site.cooling[evap_loop].kind != CoolKind::WaterLoop) continue;
      const CatalogItem* type = ref.cooling_type[k];
      const double cop = type && type->has("cop_rated") ? type->get("cop_rated") : 0.0;
      const double evap = loop_heat(evap_loop) * share_of(evap_loop, ch);
      h += cop > 0.0 ? evap * (1.0 + 1.0 / cop) : evap;
    }
    visiting[loop] = 0;
    memo[loop] = h;
    return h;
  };
  for (std::size_t l : ref.loops) heat[l] = loop_heat(l);
  for (std::size_t k = 0; k < nc; ++k) {
    const std::size_t l = ref.cooling_loop[k];
    if (is_heat_rejection(site.cooling[k].kind) && l != kNone &&
        site.cooling[l].kind == CoolKind::WaterLoop)
      heat[k] = loop_heat(l) * share_of(l, site.cooling[k]);
  }
  for (std::size_t k = 0; k < nc; ++k) out.cooling_heat_w[site.cooling[k].id] = heat[k];
  return out;
}

}  // namespace dctwin::model
