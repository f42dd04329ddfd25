#include "model/site/loads.h"

#include <functional>
#include <queue>
#include <unordered_set>

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
      if ((a = get("pump_power_frac"))) return *a * u.capacity_w;
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
  DesignLoads out;
  const std::size_t n = site.racks.size();
  out.rack_power_w.assign(n, 0.0);
  out.rack_liquid_heat_w.assign(n, 0.0);
  out.rack_air_heat_w.assign(n, 0.0);

  // Racks: all electrical power ends as heat, split by the catalog's liquid fraction.
  for (std::size_t i = 0; i < n; ++i) {
    const CatalogItem* type = catalog.find(site.racks.type[i]);
    if (!type || type->kind != ItemKind::Rack || !type->has("nameplate_w")) continue;
    const double p =
        site.racks.power_override_w[i] ? *site.racks.power_override_w[i] : type->get("nameplate_w");
    const double lf = type->has("liquid_fraction") ? type->get("liquid_fraction") : 0.0;
    out.rack_power_w[i] = p;
    out.rack_liquid_heat_w[i] = p * lf;
    out.rack_air_heat_w[i] = p * (1.0 - lf);
    out.it_power_w += p;
  }

  // Electrical: rack cords load their feed nodes; loads roll up the graph, each node splitting
  // its load evenly over its closed upstream edges (2N sides and shared N+1 buses alike).
  std::unordered_map<Id, std::size_t> node_index;
  for (std::size_t k = 0; k < site.elec_nodes.size(); ++k) {
    node_index[site.elec_nodes[k].id] = k;
    out.elec_load_w[site.elec_nodes[k].id] = 0.0;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Id a = site.racks.feed_a[i], b = site.racks.feed_b[i];
    const bool has_a = a != kNoId && node_index.count(a), has_b = b != kNoId && node_index.count(b);
    const int cords = int(has_a) + int(has_b);
    if (cords == 0) continue;
    if (has_a) out.elec_load_w[a] += out.rack_power_w[i] / cords;
    if (has_b) out.elec_load_w[b] += out.rack_power_w[i] / cords;
  }
  for (const auto& c : site.cooling) {
    const auto w = cooling_rated_power_w(c, catalog);
    if (!w) continue;
    out.cooling_power_w[c.id] = *w;
    const bool has_a = c.feed_a != kNoId && node_index.count(c.feed_a);
    const bool has_b = c.feed_b != kNoId && node_index.count(c.feed_b);
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
      const std::size_t f = node_index[edge.from];
      out.elec_load_w[edge.from] += share;
      if (--out_degree[f] == 0) ready.push(f);
    }
  }
  out.elec_cycle = done != m;

  // Cooling: racks load their CDU and air unit; those load their loop; loops pass heat to the
  // rejection units on them in proportion to capacity; chillers add compressor work and pass the
  // total to their condenser loop.
  std::unordered_map<Id, const CoolingUnit*> units;
  for (const auto& c : site.cooling) {
    units[c.id] = &c;
    out.cooling_heat_w[c.id] = 0.0;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto cdu = units.find(site.racks.cdu_id[i]);
    if (cdu != units.end()) out.cooling_heat_w[cdu->first] += out.rack_liquid_heat_w[i];
    const auto air = units.find(site.racks.air_unit_id[i]);
    if (air != units.end()) out.cooling_heat_w[air->first] += out.rack_air_heat_w[i];
  }
  std::unordered_map<Id, double> direct;  // loop id -> heat from CDUs and CRAHs
  std::unordered_map<Id, std::vector<const CoolingUnit*>> rejecters;   // loop id -> units
  std::unordered_map<Id, std::vector<const CoolingUnit*>> condensing;  // loop id -> chillers
  for (const auto& c : site.cooling) {
    if (c.kind == CoolKind::Cdu || c.kind == CoolKind::Crah || c.kind == CoolKind::FanWall)
      direct[c.loop_id] += out.cooling_heat_w[c.id];
    if (is_heat_rejection(c.kind)) rejecters[c.loop_id].push_back(&c);
    if (c.kind == CoolKind::Chiller && c.condenser_loop_id != kNoId)
      condensing[c.condenser_loop_id].push_back(&c);
  }
  auto share_of = [&](Id loop, const CoolingUnit& u) {
    double total = 0.0;
    for (const CoolingUnit* r : rejecters[loop]) total += r->capacity_w;
    return total > 0.0 ? u.capacity_w / total : 0.0;
  };
  std::unordered_map<Id, double> memo;
  std::unordered_set<Id> visiting;
  std::function<double(Id)> loop_heat = [&](Id loop) -> double {
    if (auto it = memo.find(loop); it != memo.end()) return it->second;
    if (!visiting.insert(loop).second) return 0.0;  // chiller cycle: validate() reports it
    double h = direct[loop];
    for (const CoolingUnit* ch : condensing[loop]) {
      const CatalogItem* type = catalog.find(ch->type);
      const double cop = type && type->has("cop_rated") ? type->get("cop_rated") : 0.0;
      const double evap = loop_heat(ch->loop_id) * share_of(ch->loop_id, *ch);
      h += cop > 0.0 ? evap * (1.0 + 1.0 / cop) : evap;
    }
    visiting.erase(loop);
    memo[loop] = h;
    return h;
  };
  for (const auto& c : site.cooling) {
    if (c.kind == CoolKind::WaterLoop) out.cooling_heat_w[c.id] = loop_heat(c.id);
  }
  for (const auto& c : site.cooling) {
    if (is_heat_rejection(c.kind) && c.loop_id != kNoId)
      out.cooling_heat_w[c.id] = loop_heat(c.loop_id) * share_of(c.loop_id, c);
  }
  return out;
}

}  // namespace dctwin::model
