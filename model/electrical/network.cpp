#include "model/electrical/network.h"

#include <algorithm>
#include <cmath>

namespace dctwin::model::electrical {

double CompiledNetwork::rack_input_w(std::size_t i, double load_frac) const {
  if (!rack_ok[i]) return 0.0;
  const double it_w = rack_design_w[i] * load_frac;
  return it_w / rack_psu[i]->at(it_w / rack_psu_capacity_w[i]);
}

namespace {
CompiledNetwork compile(const SiteRef& ref, double base_va, SiteRef* spent);
}  // namespace

CompiledNetwork compile_network(const Site& site, const Catalog& cat, double base_va) {
  SiteRef ref = compile_site_ref(site, cat);
  return compile(ref, base_va, &ref);
}

CompiledNetwork compile_network(const SiteRef& ref, double base_va) {
  return compile(ref, base_va, nullptr);
}

namespace {
// spent: the view is the caller's own and dies with the call, so its id tables move.
CompiledNetwork compile(const SiteRef& ref, double base_va, SiteRef* spent) {
  const Site& site = *ref.site;
  const Catalog& cat = *ref.catalog;
  CompiledNetwork n;
  n.site = &site;
  n.catalog = &cat;
  n.base_va = base_va;
  const std::size_t m = site.elec_nodes.size();
  const std::size_t ne = site.elec_edges.size();
  n.nodes = m;
  n.edges = ne;
  n.node_index = spent ? std::move(spent->node_index) : ref.node_index;
  n.edge_index = spent ? std::move(spent->edge_index) : ref.edge_index;
  n.duplicate_node_ids = n.node_index.size() != m;

  n.converter.assign(m, 0);
  n.transformer.assign(m, 0);
  n.source.assign(m, 0);
  n.standby.assign(m, 0);
  n.grid.assign(m, 0);
  n.dc.assign(m, 0);
  n.rating_w.assign(m, 0.0);
  n.main_v.assign(m, 0.0);
  n.in_v.assign(m, 0.0);
  n.efficiency.assign(m, nullptr);
  n.xfmr_r_pu.assign(m, 0.0);
  n.xfmr_x_pu.assign(m, 0.0);
  n.xfmr_g_pu.assign(m, 0.0);
  n.missing.assign(m, std::string());
  for (std::size_t k = 0; k < m; ++k) {
    const ElecNode& node = site.elec_nodes[k];
    n.converter[k] = is_converter(node.kind);
    n.transformer[k] = is_transformer(node.kind);
    n.source[k] = is_source(node.kind);
    n.standby[k] = node.kind == ElecKind::Generator || node.kind == ElecKind::Battery;
    n.grid[k] = node.kind == ElecKind::GridFeed;
    n.dc[k] = node.dc;
    n.rating_w[k] = n.grid[k] ? site.grid.contracted_import_w : node.rating_w;
    n.main_v[k] = n.in_v[k] = node.voltage_v;
    const CatalogItem* it = cat.find(node.type);
    if (n.converter[k]) {
      if (it) {
        if (it->has("input_voltage_v"))
          n.in_v[k] = it->get("input_voltage_v");
        else if (it->has("voltage_v"))
          n.in_v[k] = it->get("voltage_v");
        if (it->curves.count("efficiency") && node.rating_w > 0)
          n.efficiency[k] = &it->curve("efficiency");
      }
    } else if (n.transformer[k]) {
      for (const char* p : {"primary_voltage_v", "rating_va", "impedance_pu", "load_loss_frac",
                            "no_load_loss_frac"}) {
        if (it && it->has(p)) continue;
        n.missing[k] = "catalog item '" + node.type + "' of node " + std::to_string(node.id) +
                       " lacks '" + p + "'";
        break;
      }
      if (!n.missing[k].empty()) continue;
      n.in_v[k] = it->get("primary_voltage_v");
      const double rating = it->get("rating_va");
      const double zo = it->get("impedance_pu");
      const double ro = it->get("load_loss_frac");
      const double xo = std::sqrt(std::max(0.0, zo * zo - ro * ro));
      n.xfmr_r_pu[k] = ro * base_va / rating;
      n.xfmr_x_pu[k] = xo * base_va / rating;
      n.xfmr_g_pu[k] = it->get("no_load_loss_frac") * rating / base_va;
    } else if (n.grid[k]) {
      ++n.grid_feeds;
      n.grid_node = int(k);
    }
  }
  if (n.grid_node >= 0) {
    const auto& g = site.grid;
    const double z = base_va / g.short_circuit_va;
    n.thevenin_r_pu = z / std::sqrt(1.0 + g.x_over_r * g.x_over_r);
    n.thevenin_x_pu = n.thevenin_r_pu * g.x_over_r;
  }

  n.from.assign(ne, -1);
  n.to.assign(ne, -1);
  n.valid.assign(ne, 0);
  n.normally_open.assign(ne, 0);
  n.mismatch.assign(ne, 0);
  n.zero_impedance.assign(ne, 0);
  n.r_pu.assign(ne, 0.0);
  n.x_pu.assign(ne, 0.0);
  n.b_pu.assign(ne, 0.0);
  n.edge_rating_w.assign(ne, 0.0);
  std::vector<int> count(m + 1, 0);
  for (std::size_t e = 0; e < ne; ++e) {
    const ElecEdge& edge = site.elec_edges[e];
    n.normally_open[e] = edge.normally_open;
    n.edge_rating_w[e] = edge.rating_w;
    const auto u = n.node_index.find(edge.from), v = n.node_index.find(edge.to);
    if (u == n.node_index.end() || v == n.node_index.end() || edge.from == edge.to) continue;
    n.valid[e] = 1;
    n.from[e] = int(u->second);
    n.to[e] = int(v->second);
    ++count[u->second + 1];
    const double bf = n.from_v(e), bt = n.to_v(e);
    const bool fdc = n.from_dc(e);
    n.mismatch[e] = fdc != n.to_dc(e) || std::abs(bf - bt) > 0.01 * std::max(bf, bt);
    const double zbase = bf * bf / base_va;
    n.r_pu[e] = edge.r_ohm / zbase;
    n.x_pu[e] = fdc ? 0.0 : edge.x_ohm / zbase;
    n.b_pu[e] = fdc ? 0.0 : edge.b_s * zbase;
    n.zero_impedance[e] = n.r_pu[e] == 0.0 && n.x_pu[e] == 0.0;
  }
  n.out_start.assign(m + 1, 0);
  for (std::size_t k = 0; k < m; ++k) n.out_start[k + 1] = n.out_start[k] + count[k + 1];
  n.out_edges.assign(std::size_t(n.out_start[m]), 0);
  std::vector<int> fill(n.out_start.begin(), n.out_start.end() - 1);
  for (std::size_t e = 0; e < ne; ++e)
    if (n.valid[e]) n.out_edges[std::size_t(fill[std::size_t(n.from[e])]++)] = int(e);

  const auto& R = site.racks;
  n.rack_ok.assign(R.size(), 0);
  n.rack_missing.assign(R.size(), std::string());
  n.rack_design_w.assign(R.size(), 0.0);
  n.rack_psu_capacity_w.assign(R.size(), 0.0);
  n.rack_psu.assign(R.size(), nullptr);
  n.rack_feed_a.assign(R.size(), -1);
  n.rack_feed_b.assign(R.size(), -1);
  for (std::size_t i = 0; i < R.size(); ++i) {
    for (int c = 0; c < 2; ++c) {
      const Id feed = c == 0 ? R.feed_a[i] : R.feed_b[i];
      const auto it = n.node_index.find(feed);
      if (feed != kNoId && it != n.node_index.end())
        (c == 0 ? n.rack_feed_a : n.rack_feed_b)[i] = int(it->second);
    }
    const CatalogItem* type = ref.rack_type[i];
    if (!type) continue;
    const char* lacks = !type->has("nameplate_w")               ? "nameplate_w"
                        : !type->has("psu_capacity_w")          ? "psu_capacity_w"
                        : !type->curves.count("psu_efficiency") ? "psu_efficiency"
                                                                : nullptr;
    if (lacks) {
      n.rack_missing[i] = "catalog item '" + type->key + "' of rack " + std::to_string(R.id[i]) +
                          " lacks '" + lacks + "'";
      continue;
    }
    n.rack_ok[i] = 1;
    n.rack_psu_capacity_w[i] = type->get("psu_capacity_w");
    n.rack_design_w[i] = ref.rack_design_w[i];
    n.rack_psu[i] = &type->curve("psu_efficiency");
  }
  return n;
}
}  // namespace

}  // namespace dctwin::model::electrical
