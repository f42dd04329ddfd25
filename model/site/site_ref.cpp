#include "model/site/site_ref.h"

#include <cmath>
#include <limits>
#include <numbers>

#include "model/site/loads.h"

namespace dctwin::model {

FootprintRect turned_footprint(double x_m, double y_m, double orientation_deg, double width_m,
                               double depth_m) {
  const double a = orientation_deg * std::numbers::pi / 180.0;
  const double c = std::abs(std::cos(a)), s = std::abs(std::sin(a));
  const double hx = 0.5 * (width_m * c + depth_m * s), hy = 0.5 * (width_m * s + depth_m * c);
  return {x_m - hx, y_m - hy, x_m + hx, y_m + hy};
}

double SiteRef::rack_campus_x_m(std::size_t i) const {
  const std::size_t h = rack_hall[i];
  return (h == kNone ? 0.0 : hall_origin_x_m[h]) + site->racks.x_m[i];
}

double SiteRef::rack_campus_y_m(std::size_t i) const {
  const std::size_t h = rack_hall[i];
  return (h == kNone ? 0.0 : hall_origin_y_m[h]) + site->racks.y_m[i];
}

namespace {

template <class T>
std::unordered_map<Id, std::size_t> id_table(const std::vector<T>& v) {
  std::unordered_map<Id, std::size_t> out;
  out.reserve(v.size());
  for (std::size_t k = 0; k < v.size(); ++k) out.emplace(v[k].id, k);  // first one wins
  return out;
}

// A rack type's spec from a catalog that may not validate: a parameter it lacks reads 0 and the
// first one lacking is named in missing (catalog validation reports them all).
RackSpec tolerant_rack_spec(const CatalogItem& t, std::string& missing) {
  const auto get = [&](const char* name) {
    if (t.has(name)) return t.get(name);
    if (missing.empty()) missing = name;
    return 0.0;
  };
  RackSpec s;
  s.nameplate_w = get("nameplate_w");
  s.typical_w = get("typical_w");
  s.idle_w = get("idle_w");
  s.peak_w = get("peak_w");
  s.liquid_fraction = get("liquid_fraction");
  s.airflow_m3_s_per_kw = get("airflow_m3_s_per_kw");
  s.ramp_up_w_per_s = get("ramp_up_w_per_s");
  s.ramp_down_w_per_s = get("ramp_down_w_per_s");
  s.smoothing_floor_frac = get("smoothing_floor_frac");
  s.width_m = get("width_m");
  s.depth_m = get("depth_m");
  s.height_m = get("height_m");
  s.dc_input = get("dc_input") != 0.0;
  return s;
}

}  // namespace

SiteRef compile_site_ref(const Site& site, const Catalog& catalog) {
  SiteRef r;
  r.site = &site;
  r.catalog = &catalog;
  r.building_index = id_table(site.buildings);
  r.hall_index = id_table(site.halls);
  r.row_index = id_table(site.rows);
  r.node_index = id_table(site.elec_nodes);
  r.edge_index = id_table(site.elec_edges);
  r.cooling_index = id_table(site.cooling);
  r.group_index = id_table(site.groups);
  const auto& R = site.racks;
  r.rack_index.reserve(R.size());
  for (std::size_t i = 0; i < R.size(); ++i) r.rack_index.emplace(R.id[i], i);

  // Halls
  const std::size_t nh = site.halls.size();
  r.hall_building.assign(nh, kNone);
  r.hall_origin_x_m.assign(nh, 0.0);
  r.hall_origin_y_m.assign(nh, 0.0);
  r.hall_racks.assign(nh, {});
  r.hall_cooling.assign(nh, {});
  r.hall_air_units.assign(nh, {});
  for (std::size_t h = 0; h < nh; ++h) {
    const Hall& hall = site.halls[h];
    r.hall_building[h] = SiteRef::find(r.building_index, hall.building_id);
    r.hall_origin_x_m[h] = hall.x_m;
    r.hall_origin_y_m[h] = hall.y_m;
    if (const std::size_t b = r.hall_building[h]; b != kNone) {
      r.hall_origin_x_m[h] += site.buildings[b].x_m;
      r.hall_origin_y_m[h] += site.buildings[b].y_m;
    }
  }

  // Cooling units (before racks: racks name their CDU and air unit)
  const std::size_t nc = site.cooling.size();
  r.cooling_type.assign(nc, nullptr);
  r.cooling_hall.assign(nc, kNone);
  r.cooling_loop.assign(nc, kNone);
  r.loop_units.assign(nc, {});
  r.loop_condensers.assign(nc, {});
  r.unit_racks.assign(nc, {});
  r.cooling_rated_w.assign(nc, std::nullopt);
  r.cooling_feed_a.assign(nc, kNone);
  r.cooling_feed_b.assign(nc, kNone);
  for (std::size_t k = 0; k < nc; ++k) {
    const CoolingUnit& u = site.cooling[k];
    if (u.kind != CoolKind::WaterLoop) r.cooling_type[k] = catalog.find(u.type);
    r.cooling_hall[k] = SiteRef::find(r.hall_index, u.hall_id);
    r.cooling_loop[k] = SiteRef::find(r.cooling_index, u.loop_id);
    r.cooling_rated_w[k] = cooling_rated_power_w(u, catalog);
    r.cooling_feed_a[k] = SiteRef::find(r.node_index, u.feed_a);
    r.cooling_feed_b[k] = SiteRef::find(r.node_index, u.feed_b);
    if (u.kind == CoolKind::WaterLoop) r.loops.push_back(k);
    if (const std::size_t h = r.cooling_hall[k]; h != kNone) {
      r.hall_cooling[h].push_back(k);
      if ((u.kind == CoolKind::Crah || u.kind == CoolKind::FanWall) && r.cooling_type[k])
        r.hall_air_units[h].push_back(k);
    }
  }
  for (std::size_t k = 0; k < nc; ++k) {
    const CoolingUnit& u = site.cooling[k];
    if (const std::size_t l = r.cooling_loop[k]; l != kNone) r.loop_units[l].push_back(k);
    if (u.kind == CoolKind::Chiller && u.condenser_loop_id != kNoId)
      if (const std::size_t l = SiteRef::find(r.cooling_index, u.condenser_loop_id); l != kNone)
        r.loop_condensers[l].push_back(k);
  }

  // Racks
  const std::size_t n = R.size();
  r.rack_row.assign(n, kNone);
  r.rack_hall.assign(n, kNone);
  r.rack_hall_id.assign(n, kNoId);
  r.rack_type.assign(n, nullptr);
  r.rack_spec.assign(n, RackSpec{});
  r.rack_missing.assign(n, std::string());
  r.rack_design_w.assign(n, std::numeric_limits<double>::quiet_NaN());
  r.rack_footprint.assign(n, FootprintRect{});
  r.rack_cdu.assign(n, kNone);
  r.rack_air_unit.assign(n, kNone);
  struct TypeInfo {
    const CatalogItem* item = nullptr;  // a rack type of the catalog, else null
    RackSpec spec;
    std::string missing;
    bool nameplate = false;
  };
  std::unordered_map<std::string, TypeInfo> types;
  for (std::size_t i = 0; i < n; ++i) {
    r.rack_row[i] = SiteRef::find(r.row_index, R.row_id[i]);
    if (r.rack_row[i] != kNone) {
      r.rack_hall_id[i] = site.rows[r.rack_row[i]].hall_id;
      r.rack_hall[i] = SiteRef::find(r.hall_index, r.rack_hall_id[i]);
      if (r.rack_hall[i] != kNone) r.hall_racks[r.rack_hall[i]].push_back(i);
    }
    // Racks of one type share its lookup (a site has a few types and thousands of racks).
    auto type_it = types.find(R.type[i]);
    if (type_it == types.end()) {
      TypeInfo info;
      const CatalogItem* t = catalog.find(R.type[i]);
      if (t && t->kind == ItemKind::Rack) {
        info.item = t;
        info.spec = tolerant_rack_spec(*t, info.missing);
        info.nameplate = t->has("nameplate_w");
      }
      type_it = types.emplace(R.type[i], std::move(info)).first;
    }
    const TypeInfo& ti = type_it->second;
    const CatalogItem* t = ti.item;
    if (t) {
      r.rack_type[i] = t;
      r.rack_spec[i] = ti.spec;
      r.rack_missing[i] = ti.missing;
    }
    r.rack_footprint[i] = turned_footprint(R.x_m[i], R.y_m[i], R.orientation_deg[i],
                                           r.rack_spec[i].width_m, r.rack_spec[i].depth_m);
    if (R.power_override_w[i])
      r.rack_design_w[i] = *R.power_override_w[i];
    else if (t && ti.nameplate)
      r.rack_design_w[i] = r.rack_spec[i].nameplate_w;
    r.rack_cdu[i] = SiteRef::find(r.cooling_index, R.cdu_id[i]);
    r.rack_air_unit[i] = SiteRef::find(r.cooling_index, R.air_unit_id[i]);
    if (r.rack_cdu[i] != kNone) r.unit_racks[r.rack_cdu[i]].push_back(i);
    if (r.rack_air_unit[i] != kNone && r.rack_air_unit[i] != r.rack_cdu[i])
      r.unit_racks[r.rack_air_unit[i]].push_back(i);
  }

  // Electrical nodes
  r.node_hall.assign(site.elec_nodes.size(), kNone);
  for (std::size_t k = 0; k < site.elec_nodes.size(); ++k)
    r.node_hall[k] = SiteRef::find(r.hall_index, site.elec_nodes[k].hall_id);
  return r;
}

}  // namespace dctwin::model
