#include "model/thermal/site_thermal.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "model/electrical/site_power.h"
#include "model/thermal/psychro.h"

namespace dctwin::model::thermal {

std::vector<double> rack_heat_from_solve(const electrical::SiteElecResult& result) {
  std::vector<double> heat(result.racks.size());
  for (std::size_t i = 0; i < heat.size(); ++i) heat[i] = result.racks[i].input_w;
  return heat;
}

std::optional<Outdoor> design_outdoor(const Site& site) {
  if (!site.design_weather.dry_bulb_c || !site.design_weather.wet_bulb_c) return std::nullopt;
  return Outdoor{*site.design_weather.dry_bulb_c, *site.design_weather.wet_bulb_c,
                 pressure_at_elevation_pa(site.location.elevation_m)};
}

namespace {

// The wall of the room nearest to (x, y): axis (0: x-walls, 1: y-walls) and whether at max.
std::pair<int, bool> nearest_wall(double x, double y, double w, double d) {
  const double dist[4] = {x, w - x, y, d - y};
  const int k = int(std::min_element(dist, dist + 4) - dist);
  return {k / 2, k % 2 == 1};
}

}  // namespace

HallDescription hall_description(const Site& site, const Catalog& catalog, Id hall_id,
                                 const std::vector<double>& rack_heat_w,
                                 const SiteThermalOptions& opt) {
  return hall_description(compile_site_ref(site, catalog), hall_id, rack_heat_w, opt);
}

HallDescription hall_description(const SiteRef& ref, Id hall_id,
                                 const std::vector<double>& rack_heat_w,
                                 const SiteThermalOptions& opt) {
  const Site& site = *ref.site;
  const std::size_t hall_ix = SiteRef::find(ref.hall_index, hall_id);
  if (hall_ix == kNone) throw std::invalid_argument("no hall has id " + std::to_string(hall_id));
  const Hall* hall = &site.halls[hall_ix];
  HallDescription d;
  d.name = hall->name;
  d.room.max = {hall->width_m, hall->depth_m, hall->height_m};
  std::unordered_map<Id, double> unit_flow;  // air the racks draw, per air unit
  const auto& R = site.racks;
  for (std::size_t i : ref.hall_racks[hall_ix]) {
    if (!ref.rack_known(i)) continue;
    const RackSpec& s = ref.rack_spec[i];
    const double air_w =
        (i < rack_heat_w.size() ? rack_heat_w[i] : 0.0) * (1.0 - s.liquid_fraction);
    HallRack hr;
    hr.id = R.name[i];
    // Orientation: the direction the front faces (0 = +y, 90 = +x, 180 = -y, 270 = -x).
    const double a = std::fmod(std::fmod(R.orientation_deg[i], 360.0) + 360.0, 360.0);
    const int quadrant = int(std::lround(a / 90.0)) % 4;
    const bool along_x = quadrant == 0 || quadrant == 2;
    const double hx = 0.5 * (along_x ? s.width_m : s.depth_m),
                 hy = 0.5 * (along_x ? s.depth_m : s.width_m);
    hr.box.min = {R.x_m[i] - hx, R.y_m[i] - hy, 0.0};
    hr.box.max = {R.x_m[i] + hx, R.y_m[i] + hy, std::min(s.height_m, hall->height_m)};
    hr.front_axis = along_x ? 1 : 0;
    hr.front_at_max = quadrant == 0 || quadrant == 1;
    hr.power_w = air_w;
    hr.flow_m3_s = air_w / 1000.0 * s.airflow_m3_s_per_kw;
    hr.blanked = !(hr.flow_m3_s > 0);
    if (R.air_unit_id[i] != kNoId) unit_flow[R.air_unit_id[i]] += hr.flow_m3_s;
    d.racks.push_back(hr);
  }
  // Air units: each supplies what its racks draw plus the margin, low on its nearest wall, and
  // takes the same back high on that wall. Units at the same place share one pair of openings.
  struct Opening {
    std::string id;
    int axis;
    bool at_max;
    double along, q, temp;
  };
  std::vector<Opening> openings;
  for (std::size_t k : ref.hall_cooling[hall_ix]) {
    const CoolingUnit& u = site.cooling[k];
    if (u.kind != CoolKind::Crah && u.kind != CoolKind::FanWall) continue;
    const double q = unit_flow[u.id] * (1.0 + opt.supply_margin);
    if (!(q > 0)) continue;
    const auto wall = nearest_wall(u.x_m, u.y_m, hall->width_m, hall->depth_m);
    const int axis = wall.first;  // not a structured binding: the lambda below captures it
    const bool at_max = wall.second;
    const double along = axis == 1 ? u.x_m : u.y_m;
    auto same = std::find_if(openings.begin(), openings.end(), [&](const Opening& o) {
      return o.axis == axis && o.at_max == at_max && std::abs(o.along - along) < 1e-6 &&
             o.temp == u.supply_temp_c;
    });
    if (same != openings.end()) {
      same->q += q;
      same->id += "+" + u.name;
    } else {
      openings.push_back({u.name, axis, at_max, along, q, u.supply_temp_c});
    }
  }
  // Openings on one wall must not overlap (a face can belong to one opening only): each gets at
  // most the stretch of wall between the midpoints to its neighbours, and a taller band (up to
  // 45 % of the height, so that supply and return stay apart) when that stretch is too narrow
  // for the face velocity; the velocity rises only when even that is not enough.
  for (std::size_t k = 0; k < openings.size(); ++k) {
    const auto& o = openings[k];
    const double span = o.axis == 1 ? hall->width_m : hall->depth_m;
    double room_lo = 0.0, room_hi = span;
    for (std::size_t m = 0; m < openings.size(); ++m) {
      const auto& n = openings[m];
      if (m == k || n.axis != o.axis || n.at_max != o.at_max) continue;
      const double mid = 0.5 * (o.along + n.along);
      if (n.along < o.along || (n.along == o.along && m < k))
        room_lo = std::max(room_lo, mid);
      else
        room_hi = std::min(room_hi, mid);
    }
    const double avail = std::max(room_hi - room_lo, 1e-3);
    const double area = o.q / opt.opening_face_velocity_m_s;
    double band = std::min(2.0, 0.4 * hall->height_m);  // opening height
    double width = std::min(span, area / band);
    if (width > avail) {
      width = avail;
      band = std::clamp(area / width, band, 0.45 * hall->height_m);
    }
    const double lo = std::clamp(o.along - width / 2, room_lo, room_hi - width);
    HallCrah c;
    c.id = o.id;
    c.supply_flow_m3_s = c.return_flow_m3_s = o.q;
    c.supply_temp_c = o.temp;
    const int plane = o.axis == 1 ? 1 : 0;
    const double coord = o.at_max ? (o.axis == 1 ? hall->depth_m : hall->width_m) : 0.0;
    c.supply = {plane, coord, {lo, 0.0}, {lo + width, band}};
    c.ret = {plane, coord, {lo, hall->height_m - band}, {lo + width, hall->height_m}};
    d.crahs.push_back(c);
  }
  contain_hot_aisles(d, *hall);
  return d;
}

void contain_hot_aisles(HallDescription& d, const Hall& hall) {
  if (hall.containment != Containment::HotAisle) return;
  // Rows: racks sharing a front line (same axis, side and rear coordinate) and a height.
  struct RowLine {
    int axis;  // normal of the fronts
    bool front_at_max;
    double back;      // coordinate of the rear faces
    double lo, hi;    // extent along the row
    double top;       // rack height
    double flow = 0;  // exhaust into the aisle behind
  };
  std::vector<RowLine> rows;
  for (const auto& r : d.racks) {
    const int a = r.front_axis, along = 1 - a;
    if (a > 1) return;  // racks facing up or down: nothing to contain
    const double back = r.front_at_max ? r.box.min[a] : r.box.max[a];
    auto it = std::find_if(rows.begin(), rows.end(), [&](const RowLine& l) {
      return l.axis == a && l.front_at_max == r.front_at_max && std::abs(l.back - back) < 1e-6;
    });
    if (it == rows.end()) {
      rows.push_back(
          {a, r.front_at_max, back, r.box.min[along], r.box.max[along], r.box.max[2], 0.0});
      it = rows.end() - 1;
    }
    it->lo = std::min(it->lo, r.box.min[along]);
    it->hi = std::max(it->hi, r.box.max[along]);
    it->top = std::min(it->top, r.box.max[2]);
    if (r.moves_air()) it->flow += r.flow_m3_s;
  }
  if (rows.empty() || d.crahs.empty()) return;
  const int a = rows.front().axis;
  for (const auto& l : rows)
    if (l.axis != a) return;  // mixed orientations: leave the hall open
  const double room_hi = d.room.max[a], height = d.room.max[2];
  // Hot aisles: the space behind each row up to the next row's rear face, or to the wall.
  struct Aisle {
    double a0, a1, lo, hi, flow;
    std::vector<const RowLine*> sides;
  };
  std::vector<Aisle> aisles;
  std::vector<const RowLine*> facing_low, facing_high;  // rear faces toward -axis / +axis
  for (const auto& l : rows) (l.front_at_max ? facing_low : facing_high).push_back(&l);
  auto by_back = [](const RowLine* x, const RowLine* y) { return x->back < y->back; };
  std::sort(facing_low.begin(), facing_low.end(), by_back);
  std::sort(facing_high.begin(), facing_high.end(), by_back);
  std::vector<bool> used_high(facing_high.size(), false);
  for (const RowLine* low : facing_low) {
    // Behind a row whose rear faces -axis: the nearest row below whose rear faces +axis, else the
    // wall.
    const RowLine* partner = nullptr;
    std::size_t pk = 0;
    for (std::size_t k = 0; k < facing_high.size(); ++k)
      if (facing_high[k]->back <= low->back + 1e-6 &&
          (!partner || facing_high[k]->back > partner->back)) {
        partner = facing_high[k];
        pk = k;
      }
    Aisle ai{partner ? partner->back : 0.0, low->back, low->lo, low->hi, low->flow, {low}};
    if (partner) {
      used_high[pk] = true;
      ai.lo = std::min(ai.lo, partner->lo);
      ai.hi = std::max(ai.hi, partner->hi);
      ai.flow += partner->flow;
      ai.sides.push_back(partner);
    }
    aisles.push_back(ai);
  }
  for (std::size_t k = 0; k < facing_high.size(); ++k)
    if (!used_high[k]) {
      const RowLine* l = facing_high[k];
      aisles.push_back({l->back, room_hi, l->lo, l->hi, l->flow, {l}});
    }
  if (aisles.size() > d.crahs.size()) return;  // too few units to give every aisle a return
  // Panels: doors at both ends of each aisle up to the ceiling, and chimney walls from the rack
  // tops to the ceiling above each row's rear faces.
  auto rect = [&](int normal, double coord, double along0, double along1, double z0, double z1) {
    Rect r;
    r.axis = normal;
    r.coord = coord;
    // The other two axes in increasing order: (along, z) for a wall normal to x or y.
    r.lo = {along0, z0};
    r.hi = {along1, z1};
    return r;
  };
  const int along = 1 - a;
  int n = 0;
  for (const auto& ai : aisles) {
    for (double end : {ai.lo, ai.hi})
      d.panels.push_back(
          {"hot-aisle door " + std::to_string(n++), rect(along, end, ai.a0, ai.a1, 0.0, height)});
    for (const RowLine* l : ai.sides)
      if (l->top < height)
        d.panels.push_back({"hot-aisle chimney " + std::to_string(n++),
                            rect(a, l->back, ai.lo, ai.hi, l->top, height)});
  }
  // Air: the enclosures are closed, so the units supply exactly what the racks draw and take it
  // back through the ceiling over each aisle, each aisle returning its own racks' exhaust.
  double total = 0;
  for (const auto& ai : aisles) total += ai.flow;
  double supply = 0;
  for (const auto& c : d.crahs) supply += c.supply_flow_m3_s;
  for (auto& c : d.crahs) c.supply_flow_m3_s *= total / supply;
  std::vector<std::vector<std::size_t>> units(aisles.size());
  for (std::size_t k = 0; k < d.crahs.size(); ++k) units[k % aisles.size()].push_back(k);
  for (std::size_t m = 0; m < aisles.size(); ++m) {
    const Aisle& ai = aisles[m];
    const std::size_t nu = units[m].size();
    for (std::size_t j = 0; j < nu; ++j) {
      HallCrah& c = d.crahs[units[m][j]];
      const double x0 = ai.lo + (ai.hi - ai.lo) * double(j) / double(nu);
      const double x1 = ai.lo + (ai.hi - ai.lo) * double(j + 1) / double(nu);
      Rect r;
      r.axis = 2;
      r.coord = height;
      // On the ceiling the other axes are x then y.
      if (a == 1) {
        r.lo = {x0, ai.a0};
        r.hi = {x1, ai.a1};
      } else {
        r.lo = {ai.a0, x0};
        r.hi = {ai.a1, x1};
      }
      c.ret = r;
      c.return_flow_m3_s = ai.flow / double(nu);
    }
  }
}

SiteThermalResult solve_site_thermal(const Site& site, const Catalog& catalog,
                                     const Outdoor& outdoor, const std::vector<double>& rack_heat_w,
                                     const SiteThermalOptions& opt, Progress* progress) {
  return solve_site_thermal(PlantModel(site, catalog), outdoor, rack_heat_w, opt, progress);
}

SiteThermalResult solve_site_thermal(const PlantModel& plant, const Outdoor& outdoor,
                                     const std::vector<double>& rack_heat_w,
                                     const SiteThermalOptions& opt, Progress* progress) {
  const SiteRef& ref = plant.ref();
  const Site& site = *ref.site;
  SiteThermalResult res;
  // Every hall's grid is counted before any is solved: one over the limits is refused at once,
  // not after the halls before it have run for an hour.
  if (opt.air_model)
    for (const auto& h : site.halls) {
      const HallDescription d = hall_description(ref, h.id, rack_heat_w, opt);
      if (!d.crahs.empty() && std::any_of(d.racks.begin(), d.racks.end(),
                                          [](const HallRack& r) { return r.moves_air(); }))
        check_hall_grid(d, opt.cell_m);
    }
  res.outdoor = outdoor;
  res.plant = solve_plant(plant, outdoor, rack_heat_w, opt.room_heat_w);
  res.rack_inlet_c.assign(site.racks.size(), std::numeric_limits<double>::quiet_NaN());

  // Identical halls: same geometry, racks (position, heat, flow) and air units, up to names.
  std::map<std::string, std::pair<Id, HallAirResult>> solved;
  bool first = true;
  std::size_t done = 0;
  for (std::size_t hx = 0; hx < site.halls.size(); ++hx) {
    const Hall& h = site.halls[hx];
    HallThermal ht;
    ht.hall = h.id;
    if (progress) {
      progress->check();
      progress->report(double(done) / double(std::max<std::size_t>(1, site.halls.size())),
                       "hall air: " + h.name + " (" + std::to_string(done + 1) + " of " +
                           std::to_string(site.halls.size()) + ")");
      ++done;
    }
    const HallDescription d = hall_description(ref, h.id, rack_heat_w, opt);
    // The hall's racks of known type, in the order hall_description lists them.
    std::vector<std::size_t> rack_of;
    for (std::size_t i : ref.hall_racks[hx])
      if (ref.rack_known(i)) rack_of.push_back(i);
    const bool has_air = std::any_of(d.racks.begin(), d.racks.end(),
                                     [](const HallRack& r) { return r.moves_air(); });
    if (!opt.air_model || !has_air || d.crahs.empty()) {
      if (has_air && d.crahs.empty()) ht.message = "air-cooled heat but no running air unit";
      res.halls.push_back(ht);
      continue;
    }
    std::ostringstream key;
    key.precision(17);
    key << d.room.max[0] << ',' << d.room.max[1] << ',' << d.room.max[2] << ';';
    for (const auto& r : d.racks)
      key << r.box.min[0] << ',' << r.box.min[1] << ',' << r.box.max[0] << ',' << r.box.max[1]
          << ',' << r.box.max[2] << ',' << r.front_axis << r.front_at_max << ',' << r.power_w << ','
          << r.flow_m3_s << ';';
    for (const auto& c : d.crahs)
      key << c.supply.axis << ',' << c.supply.coord << ',' << c.supply.lo[0] << ','
          << c.supply.hi[0] << ',' << c.supply_flow_m3_s << ',' << c.supply_temp_c << ';';
    auto it = solved.find(key.str());
    if (it == solved.end()) {
      HallSolveOptions ho;
      ho.cell_m = opt.cell_m;
      HallAirResult r = progress ? solve_hall_air(d, ho, *progress) : solve_hall_air(d, ho);
      it = solved.emplace(key.str(), std::make_pair(h.id, std::move(r))).first;
      ++res.distinct_halls_solved;
      ht.solve_s = it->second.second.solve_s;
    }
    const HallAirResult& r = it->second.second;
    if (!res.fields.count(it->second.first)) res.fields[it->second.first] = r;
    ht.solved = true;
    ht.same_as = it->second.first;
    ht.cells = r.cells();
    ht.energy_balance_error = r.energy_balance_error;
    ht.message = r.converged ? "" : r.message;
    double sum = 0;
    std::size_t n = 0;
    ht.max_inlet_c = -std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < r.racks.size() && k < d.racks.size(); ++k) {
      if (!d.racks[k].moves_air()) continue;
      const auto& ra = r.racks[k];
      ht.max_inlet_c = std::max(ht.max_inlet_c, ra.inlet_mean_c);
      sum += ra.inlet_mean_c;
      ++n;
      if (!ra.recommended) ++ht.racks_outside_recommended;
      if (k < rack_of.size()) res.rack_inlet_c[rack_of[k]] = ra.inlet_mean_c;
    }
    ht.mean_inlet_c = n ? sum / double(n) : 0.0;
    if (first || ht.max_inlet_c > res.max_rack_inlet_c) res.max_rack_inlet_c = ht.max_inlet_c;
    first = false;
    res.racks_outside_recommended += ht.racks_outside_recommended;
    res.halls.push_back(ht);
  }
  return res;
}

}  // namespace dctwin::model::thermal
