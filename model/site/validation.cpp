#include "model/site/validation.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "model/common/overlap.h"
#include "model/site/loads.h"

namespace dctwin::model {

const char* to_string(Severity s) { return s == Severity::Error ? "error" : "warning"; }

std::size_t count_errors(const std::vector<Problem>& problems) {
  return static_cast<std::size_t>(
      std::count_if(problems.begin(), problems.end(),
                    [](const Problem& p) { return p.severity == Severity::Error; }));
}

namespace {

// Past kMaxOverlapProblems the overlapping pairs are only counted, up to this many (about a
// second of work); beyond it the summary says "more than".
constexpr std::size_t kOverlapPairsCounted = 100'000'000;
// A cooling unit's feed matches its catalog supply voltage within this share (IEC 60038 allows
// +/-10 % at the supply terminals).
constexpr double kFeedVoltageTolerance = 0.10;

std::string mw(double w) {
  std::ostringstream s;
  s.precision(3);
  s << std::fixed << w / 1e6 << " MW";
  return s.str();
}

// Which catalog kind an electrical or cooling entity's type must have.
std::optional<ItemKind> catalog_kind_for(ElecKind k) {
  switch (k) {
    case ElecKind::GridFeed:
      return std::nullopt;
    case ElecKind::HvMvTransformer:
      return ItemKind::HvMvTransformer;
    case ElecKind::MvSwitchgear:
      return ItemKind::MvSwitchgear;
    case ElecKind::MvFeeder:
      return ItemKind::MvCable;
    case ElecKind::UnitSubstation:
      return ItemKind::UnitSubstation;
    case ElecKind::LvSwitchboard:
      return ItemKind::LvSwitchboard;
    case ElecKind::MechanicalBoard:
      return ItemKind::MechanicalBoard;
    case ElecKind::Ups:
      return ItemKind::Ups;
    case ElecKind::Rectifier:
      return ItemKind::Rectifier;
    case ElecKind::SolidStateTransformer:
      return ItemKind::SolidStateTransformer;
    case ElecKind::Busway:
      return ItemKind::Busway;
    case ElecKind::Pdu:
      return ItemKind::Pdu;
    case ElecKind::Generator:
      return ItemKind::Generator;
    case ElecKind::Battery:
      return ItemKind::Battery;
  }
  return std::nullopt;
}
std::optional<ItemKind> catalog_kind_for(CoolKind k) {
  switch (k) {
    case CoolKind::Crah:
      return ItemKind::Crah;
    case CoolKind::FanWall:
      return ItemKind::FanWall;
    case CoolKind::Cdu:
      return ItemKind::Cdu;
    case CoolKind::WaterLoop:
      return std::nullopt;
    case CoolKind::Chiller:
      return ItemKind::Chiller;
    case CoolKind::CoolingTower:
      return ItemKind::CoolingTower;
    case CoolKind::DryCooler:
      return ItemKind::DryCooler;
    case CoolKind::Pump:
      return ItemKind::Pump;
    case CoolKind::StorageTank:
      return std::nullopt;
  }
  return std::nullopt;
}

class Validator {
 public:
  Validator(const Site& site, const Catalog& catalog) : site_(site), catalog_(catalog) {}

  std::vector<Problem> run() {
    // The site checks read the catalog (nameplates, curves): a catalog that lacks what its
    // schema requires (a project file edited by hand) is reported alone, not crashed on.
    if (check_catalog()) return std::move(out_);
    check_ids();
    check_site();
    check_physical_ranges();
    check_spaces();
    check_catalog_types();
    ref_ = compile_site_ref(site_, catalog_);
    loads_ = compute_design_loads(ref_);
    check_racks();
    check_rack_geometry();
    check_electrical();
    check_cooling();
    check_groups();
    return std::move(out_);
  }

 private:
  void add(Id id, const char* kind, Severity sev, std::string code, std::string msg,
           std::string fix) {
    out_.push_back({id, kind, sev, std::move(code), std::move(msg), std::move(fix)});
  }
  void err(Id id, const char* kind, std::string code, std::string msg, std::string fix) {
    add(id, kind, Severity::Error, std::move(code), std::move(msg), std::move(fix));
  }
  void warn(Id id, const char* kind, std::string code, std::string msg, std::string fix) {
    add(id, kind, Severity::Warning, std::move(code), std::move(msg), std::move(fix));
  }
  static std::string label(const char* kind, Id id, const std::string& name) {
    return std::string(kind) + " " + std::to_string(id) + (name.empty() ? "" : " '" + name + "'");
  }

  void check_ids() {
    auto see = [&](Id id, const char* kind, const std::string& name) {
      if (id <= 0) {
        err(id, kind, "id.invalid", label(kind, id, name) + " has id " + std::to_string(id),
            "give every entity a positive id (ids start at 1)");
        return;
      }
      if (!ids_.insert(id).second)
        err(id, kind, "id.duplicate", label(kind, id, name) + " reuses an id already in use",
            "give it an id that no other entity has");
    };
    for (const auto& b : site_.buildings) see(b.id, "building", b.name);
    for (const auto& h : site_.halls) see(h.id, "hall", h.name);
    for (const auto& r : site_.rows) see(r.id, "row", r.name);
    for (std::size_t i = 0; i < site_.racks.size(); ++i)
      see(site_.racks.id[i], "rack", site_.racks.name[i]);
    for (const auto& n : site_.elec_nodes) see(n.id, "elec_node", n.name);
    for (const auto& e : site_.elec_edges) see(e.id, "elec_edge", e.name);
    for (const auto& c : site_.cooling) see(c.id, "cooling_unit", c.name);
    for (const auto& g : site_.groups) see(g.id, "redundancy_group", g.name);
    for (const auto& b : site_.buildings) buildings_[b.id] = &b;
    for (const auto& h : site_.halls) halls_[h.id] = &h;
    for (const auto& r : site_.rows) rows_[r.id] = &r;
    for (const auto& n : site_.elec_nodes) nodes_[n.id] = &n;
    for (const auto& c : site_.cooling) units_[c.id] = &c;
  }

  /// True when the catalog has problems (each listed as an error).
  bool check_catalog() {
    const auto problems = catalog_.validate();
    for (const auto& p : problems)
      err(kNoId, "catalog", "catalog.invalid",
          "catalog" + (p.item_key.empty() ? std::string() : " item '" + p.item_key + "'") +
              (p.field.empty() ? std::string() : " (" + p.field + ")") + ": " + p.message,
          "correct the catalog (dctwin-cli catalog lists the built-in values with their "
          "sources); the site is checked once the catalog is whole");
    return !problems.empty();
  }

  // Values no real site can have: refused, so that nothing is solved with them. The bounds are
  // those of the Earth and of equipment that exists (physical_limits in validation.h), not of
  // any design.
  void check_physical_ranges() {
    namespace L = physical_limits;
    const auto out_of = [](double v, double lo, double hi) {
      return !std::isfinite(v) || v < lo || v > hi;
    };
    const auto num = [](double v) {
      std::ostringstream o;
      o << v;
      return o.str();
    };
    const auto& loc = site_.location;
    if (out_of(loc.latitude_deg, -90, 90) || out_of(loc.longitude_deg, -180, 180))
      err(kNoId, "site", "site.location",
          "the site's location (" + num(loc.latitude_deg) + ", " + num(loc.longitude_deg) +
              ") is not a place on Earth",
          "give the latitude in -90..90 and the longitude in -180..180 degrees");
    if (out_of(loc.elevation_m, L::kMinElevationM, L::kMaxElevationM))
      err(kNoId, "site", "site.elevation",
          "the site's elevation " + num(loc.elevation_m) + " m is outside " +
              num(L::kMinElevationM) + " to " + num(L::kMaxElevationM) + " m (Dead Sea to Everest)",
          "give the elevation above sea level in metres");
    const auto& w = site_.design_weather;
    if (w.dry_bulb_c && out_of(*w.dry_bulb_c, L::kMinAirTempC, L::kMaxAirTempC))
      err(kNoId, "site", "site.design_weather",
          "the design dry-bulb " + num(*w.dry_bulb_c) + " C is outside " + num(L::kMinAirTempC) +
              " to " + num(L::kMaxAirTempC) + " C (the records measured on Earth)",
          "take it from the site's climatic design table (ASHRAE 0.4 % dry-bulb)");
    if (w.wet_bulb_c && out_of(*w.wet_bulb_c, L::kMinAirTempC, L::kMaxWetBulbC))
      err(kNoId, "site", "site.design_weather",
          "the design wet-bulb " + num(*w.wet_bulb_c) + " C is outside " + num(L::kMinAirTempC) +
              " to " + num(L::kMaxWetBulbC) + " C",
          "take it from the site's climatic design table (ASHRAE 0.4 % wet-bulb)");
    for (const auto& n : site_.elec_nodes) {
      if (!(n.voltage_v > 0) || out_of(n.voltage_v, 0, L::kMaxVoltageV))
        err(n.id, "elec_node", "elec.voltage",
            label("elec_node", n.id, n.name) + " has a nominal voltage of " + num(n.voltage_v) +
                " V",
            "set its nominal output voltage (more than 0, at most " + num(L::kMaxVoltageV) +
                " V), e.g. 415 V, 800 V DC or 34.5 kV");
      if (out_of(n.rating_w, 0, L::kMaxRatingW))
        err(n.id, "elec_node", "elec.rating",
            label("elec_node", n.id, n.name) + " has a rating of " + num(n.rating_w) + " W",
            "set a rating from 0 to " + num(L::kMaxRatingW) + " W (its nameplate)");
    }
    for (const auto& c : site_.cooling) {
      const bool air = c.kind == CoolKind::Crah || c.kind == CoolKind::FanWall;
      if (air && (out_of(c.airflow_m3_s, 0, L::kMaxAirflowM3S) || !(c.airflow_m3_s > 0)))
        err(c.id, "cooling_unit", "cooling.airflow",
            label("cooling_unit", c.id, c.name) + " moves " + num(c.airflow_m3_s) + " m3/s of air",
            "set its design airflow (more than 0, from the unit's data sheet)");
      if (out_of(c.capacity_w, 0, L::kMaxRatingW))
        err(c.id, "cooling_unit", "cooling.capacity",
            label("cooling_unit", c.id, c.name) + " has a capacity of " + num(c.capacity_w) + " W",
            "set a capacity from 0 to " + num(L::kMaxRatingW) + " W");
      for (const double v : {c.flow_m3_s, c.volume_m3, c.approach_k})
        if (!std::isfinite(v) || v < 0) {
          err(c.id, "cooling_unit", "cooling.value",
              label("cooling_unit", c.id, c.name) +
                  " has a negative or invalid flow, volume or "
                  "approach (" +
                  num(v) + ")",
              "give flows, volumes and approaches of zero or more");
          break;
        }
      if (!std::isfinite(c.supply_temp_c) || c.supply_temp_c < L::kMinAirTempC ||
          c.supply_temp_c > L::kMaxWaterTempC)
        err(c.id, "cooling_unit", "cooling.supply_temp",
            label("cooling_unit", c.id, c.name) + " has a supply temperature of " +
                num(c.supply_temp_c) + " C",
            "set a supply temperature from " + num(L::kMinAirTempC) + " to " +
                num(L::kMaxWaterTempC) + " C");
    }
  }

  void check_site() {
    const auto& g = site_.grid;
    if (!(g.poi_voltage_v > 0))
      err(kNoId, "site", "grid.voltage",
          "the grid connection has no point-of-interconnection voltage",
          "set the POI voltage (e.g. 345 kV)");
    if (!(g.short_circuit_va > 0) || !(g.x_over_r > 0))
      err(kNoId, "site", "grid.thevenin",
          "the grid connection needs a positive short-circuit power and X/R ratio",
          "set them from the utility's interconnection study");
    const auto& w = site_.design_weather;
    if (w.dry_bulb_c && w.wet_bulb_c && *w.wet_bulb_c > *w.dry_bulb_c)
      err(kNoId, "site", "site.design_weather", "the design wet-bulb is above the design dry-bulb",
          "take both from the same climatic design table (wet-bulb <= dry-bulb)");
    if (!w.dry_bulb_c || !w.wet_bulb_c)
      warn(kNoId, "site", "site.design_weather",
           "the site has no design weather: cooling solves need --dry-bulb and --wet-bulb",
           "set the design dry-bulb and wet-bulb (e.g. ASHRAE climatic design data)");
    if (std::abs(site_.location.latitude_deg) > 90 || std::abs(site_.location.longitude_deg) > 180)
      err(kNoId, "site", "site.location", "the site's latitude or longitude is out of range",
          "latitude must lie in [-90, 90] and longitude in [-180, 180]");
  }

  void check_spaces() {
    for (const auto& h : site_.halls) {
      const auto b = buildings_.find(h.building_id);
      if (b == buildings_.end()) {
        err(h.id, "hall", "hall.no_building",
            label("hall", h.id, h.name) + " names building " + std::to_string(h.building_id) +
                ", which does not exist",
            "move the hall into an existing building");
        continue;
      }
      if (!(h.width_m > 0 && h.depth_m > 0 && h.height_m > 0))
        err(h.id, "hall", "hall.size", label("hall", h.id, h.name) + " has a zero or negative size",
            "give the hall a positive width, depth and height");
      const Building& bd = *b->second;
      constexpr double tol = 1e-6;
      if (h.x_m < -tol || h.y_m < -tol || h.x_m + h.width_m > bd.width_m + tol ||
          h.y_m + h.depth_m > bd.depth_m + tol)
        err(h.id, "hall", "hall.outside_building",
            label("hall", h.id, h.name) + " extends outside " + label("building", bd.id, bd.name),
            "move the hall or enlarge the building");
      if (!(h.tile_m > 0))
        err(h.id, "hall", "hall.tile", label("hall", h.id, h.name) + " has no floor-tile pitch",
            "set the tile pitch (0.6 m is usual)");
    }
    for (const auto& r : site_.rows)
      if (!halls_.count(r.hall_id))
        err(r.id, "row", "row.no_hall",
            label("row", r.id, r.name) + " names hall " + std::to_string(r.hall_id) +
                ", which does not exist",
            "move the row into an existing hall");
  }

  void check_catalog_types() {
    const auto& R = site_.racks;
    std::unordered_set<std::string> reported;
    for (std::size_t i = 0; i < R.size(); ++i) {
      const CatalogItem* t = catalog_.find(R.type[i]);
      if (!t || t->kind != ItemKind::Rack) {
        if (reported.insert(R.type[i]).second)
          err(R.id[i], "rack", "catalog.unknown_type",
              label("rack", R.id[i], R.name[i]) + " has type '" + R.type[i] +
                  "', which is not a rack type in the catalog" +
                  " (other racks with that type are not listed again)",
              "choose a rack type from the catalog or add this type to it");
      }
    }
    for (const auto& n : site_.elec_nodes) {
      const auto want = catalog_kind_for(n.kind);
      if (!want) continue;
      const CatalogItem* t = catalog_.find(n.type);
      if (!t || t->kind != *want)
        err(n.id, "elec_node", "catalog.unknown_type",
            label(to_string(n.kind), n.id, n.name) + " has type '" + n.type + "', which is not a " +
                to_string(*want) + " in the catalog",
            std::string("choose a ") + to_string(*want) + " type from the catalog");
    }
    for (const auto& c : site_.cooling) {
      const auto want = catalog_kind_for(c.kind);
      if (!want) continue;
      const CatalogItem* t = catalog_.find(c.type);
      if (!t || t->kind != *want)
        err(c.id, "cooling_unit", "catalog.unknown_type",
            label(to_string(c.kind), c.id, c.name) + " has type '" + c.type + "', which is not a " +
                to_string(*want) + " in the catalog",
            std::string("choose a ") + to_string(*want) + " type from the catalog");
    }
  }

  // Racks whose cords reach a source through closed or standby edges.
  std::unordered_set<Id> nodes_with_supply() const {
    std::unordered_map<Id, std::vector<Id>> down;
    for (const auto& e : site_.elec_edges) down[e.from].push_back(e.to);
    std::unordered_set<Id> seen;
    std::vector<Id> stack;
    for (const auto& n : site_.elec_nodes)
      if (is_source(n.kind)) stack.push_back(n.id);
    while (!stack.empty()) {
      const Id id = stack.back();
      stack.pop_back();
      if (!seen.insert(id).second) continue;
      for (Id d : down[id]) stack.push_back(d);
    }
    return seen;
  }

  void check_racks() {
    const auto& R = site_.racks;
    const auto supplied = nodes_with_supply();
    for (std::size_t i = 0; i < R.size(); ++i) {
      const std::string who = label("rack", R.id[i], R.name[i]);
      if (!rows_.count(R.row_id[i]))
        err(R.id[i], "rack", "rack.no_row",
            who + " names row " + std::to_string(R.row_id[i]) + ", which does not exist",
            "put the rack in an existing row");
      if (R.power_override_w[i] && !(*R.power_override_w[i] >= 0.0))
        err(R.id[i], "rack", "rack.power", who + " has a negative or invalid power override",
            "set a design power of zero or more, or clear the override");
      const CatalogItem* type = catalog_.find(R.type[i]);
      const bool dc_rack = rack_is_dc(catalog_, R.type[i]);
      int cords = 0;
      for (Id feed : {R.feed_a[i], R.feed_b[i]}) {
        if (feed == kNoId) continue;
        const auto n = nodes_.find(feed);
        if (n == nodes_.end()) {
          err(R.id[i], "rack", "rack.dangling_feed",
              who + " is plugged into node " + std::to_string(feed) + ", which does not exist",
              "connect the rack to an existing busway or PDU");
          continue;
        }
        if (!is_rack_feed(n->second->kind)) {
          err(R.id[i], "rack", "rack.bad_feed",
              who + " is plugged into " + label(to_string(n->second->kind), feed, n->second->name) +
                  ", which cannot feed racks",
              "connect the rack to a busway or PDU");
          continue;
        }
        if (n->second->dc != dc_rack && type) {
          err(R.id[i], "rack", "rack.voltage_kind",
              who +
                  (dc_rack ? " takes DC but is fed from the AC "
                           : " takes AC but is fed from the DC ") +
                  label(to_string(n->second->kind), feed, n->second->name),
              dc_rack ? "feed it from an 800 V DC busway" : "feed it from an AC busway or PDU");
          continue;
        }
        if (!supplied.count(feed)) {
          err(R.id[i], "rack", "rack.no_supply",
              who + " is plugged into " + label(to_string(n->second->kind), feed, n->second->name) +
                  ", which no grid feed, generator or battery reaches",
              "connect that busway or PDU upstream to the power chain");
          continue;
        }
        ++cords;
      }
      if (R.feed_a[i] != kNoId && R.feed_a[i] == R.feed_b[i])
        warn(R.id[i], "rack", "rack.same_feed", who + " has both cords on the same node",
             "plug the B cord into the other side's busway or PDU");
      if (cords == 0 && R.feed_a[i] == kNoId && R.feed_b[i] == kNoId)
        err(R.id[i], "rack", "rack.unfed", who + " is not connected to any power feed",
            "connect its A (and B) cord to a busway or PDU");
      if (!type || type->kind != ItemKind::Rack) continue;
      const double lf = type->has("liquid_fraction") ? type->get("liquid_fraction") : 0.0;
      if (lf > 0.0) {
        const auto c = units_.find(R.cdu_id[i]);
        if (R.cdu_id[i] == kNoId)
          err(R.id[i], "rack", "rack.no_cdu",
              who + " sends " + std::to_string(int(std::lround(lf * 100))) +
                  " % of its heat to liquid but has no CDU",
              "connect the rack to a CDU in its hall");
        else if (c == units_.end() || c->second->kind != CoolKind::Cdu)
          err(R.id[i], "rack", "rack.bad_cdu",
              who + " names cooling unit " + std::to_string(R.cdu_id[i]) + ", which is not a CDU",
              "connect the rack to a CDU");
      } else if (R.cdu_id[i] != kNoId && !units_.count(R.cdu_id[i])) {
        err(R.id[i], "rack", "rack.bad_cdu",
            who + " names cooling unit " + std::to_string(R.cdu_id[i]) + ", which does not exist",
            "clear the CDU or pick an existing one");
      }
      if (lf < 1.0) {
        const auto a = units_.find(R.air_unit_id[i]);
        if (R.air_unit_id[i] == kNoId)
          err(R.id[i], "rack", "rack.no_air",
              who + " rejects " + std::to_string(int(std::lround((1 - lf) * 100))) +
                  " % of its heat to air but has no CRAH or fan wall",
              "assign a CRAH or fan wall of its hall");
        else if (a == units_.end() ||
                 (a->second->kind != CoolKind::Crah && a->second->kind != CoolKind::FanWall))
          err(R.id[i], "rack", "rack.bad_air",
              who + " names cooling unit " + std::to_string(R.air_unit_id[i]) +
                  ", which is not a CRAH or fan wall",
              "assign a CRAH or fan wall");
      }
    }
  }

  void check_rack_geometry() {
    const auto& R = site_.racks;
    constexpr double tol = 1e-3;  // 1 mm: positions come from tile grids and typed values
    // Footprints by hall (in site order), then overlaps through the bucket grid of overlap.h.
    std::unordered_map<Id, std::vector<std::size_t>> by_hall;
    std::vector<Id> hall_order;
    std::vector<FootprintRect> boxes(R.size());
    for (std::size_t i = 0; i < R.size(); ++i) {
      const Hall* hall = ref_.hall_of_rack(i);
      if (!hall || !ref_.rack_known(i)) continue;
      const Hall& h = *hall;
      if (!std::isfinite(R.x_m[i]) || !std::isfinite(R.y_m[i]) ||
          !std::isfinite(R.orientation_deg[i])) {
        err(R.id[i], "rack", "rack.position",
            label("rack", R.id[i], R.name[i]) + " has no valid position or orientation",
            "give it a finite position (x, y in metres) and orientation (degrees)");
        continue;
      }
      const FootprintRect& b = ref_.rack_footprint[i];
      if (b.x0 < -tol || b.y0 < -tol || b.x1 > h.width_m + tol || b.y1 > h.depth_m + tol)
        err(R.id[i], "rack", "rack.outside_hall",
            label("rack", R.id[i], R.name[i]) + " stands partly outside " +
                label("hall", h.id, h.name),
            "move the rack inside the hall's footprint");
      boxes[i] = b;
      auto& list = by_hall[h.id];
      if (list.empty()) hall_order.push_back(h.id);
      list.push_back(i);
    }
    // Each rack lists at most kMaxOverlapsPerRack of the racks after it that it overlaps (the last
    // one says how many more), and the site at most kMaxOverlapProblems such problems: 8,000 racks
    // stacked on one spot are 32 million pairs, and nobody reads past the first few. One summary
    // problem counts what was left out.
    std::size_t listed = 0, left_pairs = 0, left_racks = 0;
    bool counted_all = true;
    for (Id hall : hall_order) {
      const auto& idx = by_hall[hall];
      std::vector<FootprintRect> hall_boxes;
      hall_boxes.reserve(idx.size());
      for (std::size_t i : idx) hall_boxes.push_back(boxes[i]);
      for_each_overlap(hall_boxes, tol, [&](std::size_t k, const std::vector<std::size_t>& js) {
        const std::size_t i = idx[k];
        std::size_t shown = 0;
        for (std::size_t n = 0;
             n < js.size() && n < kMaxOverlapsPerRack && listed < kMaxOverlapProblems;
             ++n, ++shown, ++listed) {
          const std::size_t j = idx[js[n]];
          std::string msg =
              label("rack", R.id[i], R.name[i]) + " overlaps " + label("rack", R.id[j], R.name[j]);
          const bool last = n + 1 == kMaxOverlapsPerRack || listed + 1 == kMaxOverlapProblems;
          if (last && js.size() > n + 1)
            msg += " and " + std::to_string(js.size() - n - 1) + " more racks (not listed)";
          err(R.id[i], "rack", "rack.overlap", std::move(msg),
              "move one of them so that their footprints do not intersect");
        }
        if (shown == 0) {
          left_pairs += js.size();
          ++left_racks;
        }
        // Past the cap only the count is kept; stop counting once it is past any use.
        if (left_pairs > kOverlapPairsCounted) {
          counted_all = false;
          return false;
        }
        return true;
      });
      if (!counted_all) break;
    }
    if (left_pairs > 0)
      err(kNoId, "rack", "rack.overlap_more",
          "another " +
              (counted_all ? std::to_string(left_pairs)
                           : "more than " + std::to_string(kOverlapPairsCounted)) +
              " pairs of overlapping racks, from " + (counted_all ? "" : "at least ") +
              std::to_string(left_racks) + " more racks, are not listed (the list stops at " +
              std::to_string(kMaxOverlapProblems) + " overlap problems)",
          "fix the overlaps listed above (stacked racks are often a bad import) and validate "
          "again");
  }

  void check_electrical() {
    if (loads_.elec_cycle)
      err(kNoId, "elec_node", "elec.cycle",
          "the electrical graph has a loop of closed connections, so power has no direction",
          "open one connection of the loop (mark it normally open) or remove it");
    std::unordered_map<Id, int> in_edges, out_edges;
    for (const auto& e : site_.elec_edges) {
      const std::string who = label("elec_edge", e.id, e.name);
      const bool from_ok = nodes_.count(e.from), to_ok = nodes_.count(e.to);
      if (!from_ok || !to_ok) {
        err(e.id, "elec_edge", "elec.dangling_edge",
            who + " connects " + std::to_string(e.from) + " to " + std::to_string(e.to) + ", and " +
                (from_ok ? std::to_string(e.to) : std::to_string(e.from)) +
                " is not an electrical node",
            "connect both ends to existing equipment or delete the connection");
        continue;
      }
      if (e.from == e.to) {
        err(e.id, "elec_edge", "elec.self_loop", who + " connects a node to itself",
            "delete the connection");
        continue;
      }
      if (is_source(nodes_.at(e.to)->kind))
        err(e.id, "elec_edge", "elec.into_source",
            who + " feeds into a source (" + to_string(nodes_.at(e.to)->kind) + ")",
            "reverse the connection: sources are upstream of everything");
      ++in_edges[e.to];
      ++out_edges[e.from];
      if (!(e.rating_w > 0))
        err(e.id, "elec_edge", "elec.edge_rating", who + " has no rating",
            "set the cable or busbar rating");
      else if (loads_.edge_load_w[e.id] > e.rating_w * (1 + 1e-9))
        err(e.id, "elec_edge", "elec.edge_overload",
            who + " carries " + mw(loads_.edge_load_w[e.id]) +
                " at design load, over its rating of " + mw(e.rating_w),
            "use a larger cable or split the load");
      if (e.r_ohm < 0 || e.x_ohm < 0 || !std::isfinite(e.r_ohm) || !std::isfinite(e.x_ohm))
        err(e.id, "elec_edge", "elec.impedance", who + " has a negative or invalid impedance",
            "set r_ohm and x_ohm to finite values of zero or more");
    }
    std::unordered_set<Id> fed_nodes;
    for (std::size_t i = 0; i < site_.racks.size(); ++i) {
      fed_nodes.insert(site_.racks.feed_a[i]);
      fed_nodes.insert(site_.racks.feed_b[i]);
    }
    for (const auto& c : site_.cooling) {
      fed_nodes.insert(c.feed_a);
      fed_nodes.insert(c.feed_b);
    }
    for (const auto& n : site_.elec_nodes) {
      const std::string who = label(to_string(n.kind), n.id, n.name);
      if (n.building_id != kNoId && !buildings_.count(n.building_id))
        err(n.id, "elec_node", "elec.no_building",
            who + " names building " + std::to_string(n.building_id) + ", which does not exist",
            "assign it to an existing building or to the campus");
      if (n.hall_id != kNoId && !halls_.count(n.hall_id))
        err(n.id, "elec_node", "elec.no_hall",
            who + " names hall " + std::to_string(n.hall_id) + ", which does not exist",
            "assign it to an existing hall or none");
      if (!is_source(n.kind) && in_edges[n.id] == 0)
        err(n.id, "elec_node", "elec.no_supply", who + " has no upstream connection",
            "connect it to the equipment that feeds it");
      if (out_edges[n.id] == 0 && !fed_nodes.count(n.id))
        warn(n.id, "elec_node", "elec.dangling", who + " feeds nothing",
             is_rack_feed(n.kind) ? "plug racks into it or delete it"
                                  : "connect downstream equipment or delete it");
      if (!(n.rating_w > 0) && n.kind != ElecKind::GridFeed) {
        err(n.id, "elec_node", "elec.rating", who + " has no rating", "set its rating");
        continue;
      }
      const double load = loads_.elec_load_w[n.id];
      if (n.kind == ElecKind::GridFeed) {
        if (site_.grid.contracted_import_w > 0 && load > site_.grid.contracted_import_w)
          warn(n.id, "elec_node", "grid.contract",
               "the design load (" + mw(load) +
                   ", IT and fed cooling units at rating) exceeds "
                   "the contracted import (" +
                   mw(site_.grid.contracted_import_w) + ") before losses",
               "raise the contracted import or reduce the load");
        continue;
      }
      if (load > n.rating_w * (1 + 1e-9)) {
        err(n.id, "elec_node", "elec.overload",
            who + " carries " + mw(load) + " at design load, over its rating of " + mw(n.rating_w),
            "use a larger unit, add units or move load to another one");
        continue;
      }
      const CatalogItem* type = catalog_.find(n.type);
      if (n.kind == ElecKind::Busway && type && type->has("max_continuous_frac")) {
        const double frac = type->get("max_continuous_frac");
        if (load > frac * n.rating_w * (1 + 1e-9))
          warn(n.id, "elec_node", "elec.busway_continuous",
               who + " is loaded to " + std::to_string(int(std::lround(100 * load / n.rating_w))) +
                   " % of its rating, above the " + std::to_string(int(std::lround(100 * frac))) +
                   " % allowed continuously",
               "move racks to another busway or use a larger one");
      }
    }
  }

  // A powered cooling unit's feeds, checked as a rack's cords are: motors take AC from a
  // mechanical board, LV switchboard, busway or PDU that the power chain reaches.
  void check_cooling_feeds(const CoolingUnit& c, const std::string& who,
                           const std::unordered_set<Id>& supplied) {
    if (!is_powered(c.kind)) {
      if (c.feed_a != kNoId || c.feed_b != kNoId)
        warn(c.id, "cooling_unit", "cool.feed_unused",
             who + " draws no power but names an electrical feed", "clear its feeds");
      return;
    }
    int feeds = 0;
    for (Id feed : {c.feed_a, c.feed_b}) {
      if (feed == kNoId) continue;
      const auto n = nodes_.find(feed);
      if (n == nodes_.end()) {
        err(c.id, "cooling_unit", "cool.dangling_feed",
            who + " is fed from node " + std::to_string(feed) + ", which does not exist",
            "connect it to an existing mechanical board, switchboard, busway or PDU");
        continue;
      }
      const ElecNode& node = *n->second;
      const std::string feeder = label(to_string(node.kind), feed, node.name);
      if (!is_cooling_feed(node.kind)) {
        err(c.id, "cooling_unit", "cool.bad_feed",
            who + " is fed from " + feeder + ", which cannot feed cooling equipment",
            "connect it to a mechanical board, LV switchboard, busway or PDU");
        continue;
      }
      if (node.dc) {
        err(c.id, "cooling_unit", "cool.voltage_kind",
            who + " has AC motors but is fed from the DC " + feeder,
            "feed it from an AC mechanical board, switchboard, busway or PDU");
        continue;
      }
      if (const CatalogItem* t = catalog_.find(c.type); t && t->has("supply_voltage_v")) {
        const double want = t->get("supply_voltage_v");
        if (std::abs(node.voltage_v - want) > kFeedVoltageTolerance * want) {
          err(c.id, "cooling_unit", "cool.voltage",
              who + " takes " + std::to_string(int(std::lround(want))) + " V but " + feeder +
                  " supplies " + std::to_string(int(std::lround(node.voltage_v))) + " V",
              "feed it from a board of its supply voltage");
          continue;
        }
      }
      if (!supplied.count(feed)) {
        err(c.id, "cooling_unit", "cool.no_supply",
            who + " is fed from " + feeder + ", which no grid feed, generator or battery reaches",
            "connect that board upstream to the power chain");
        continue;
      }
      ++feeds;
    }
    if (c.feed_a != kNoId && c.feed_a == c.feed_b)
      warn(c.id, "cooling_unit", "cool.same_feed", who + " has both feeds on the same node",
           "connect feed B to the other side's board");
    const auto rated = loads_.cooling_power_w.find(c.id);
    if (feeds == 0 && c.feed_a == kNoId && c.feed_b == kNoId &&
        rated != loads_.cooling_power_w.end())
      warn(c.id, "cooling_unit", "cool.unfed",
           who + " has no electrical feed: its " + mw(rated->second) +
               " rated is not drawn through the power chain, so the grid import and the "
               "transformers' loading leave it out (the result lists it as unfed)",
           "connect it to a mechanical board (or to a UPS-backed busway or PDU)");
    if (const CatalogItem* t = catalog_.find(c.type); t && !t->has("power_factor"))
      warn(c.id, "cooling_unit", "cool.no_power_factor",
           who + "'s catalog type '" + c.type +
               "' has no power_factor: its load is taken at unity power factor",
           "add power_factor (with its source) to the catalog type");
  }

  void check_cooling() {
    const auto supplied = nodes_with_supply();
    std::unordered_map<Id, double> reject_cap, pump_flow;
    std::unordered_map<Id, int> pumps;
    for (const auto& c : site_.cooling) {
      const std::string who = label(to_string(c.kind), c.id, c.name);
      if (c.hall_id != kNoId && !halls_.count(c.hall_id))
        err(c.id, "cooling_unit", "cool.no_hall",
            who + " names hall " + std::to_string(c.hall_id) + ", which does not exist",
            "assign it to an existing hall or none");
      if (c.building_id != kNoId && !buildings_.count(c.building_id))
        err(c.id, "cooling_unit", "cool.no_building",
            who + " names building " + std::to_string(c.building_id) + ", which does not exist",
            "assign it to an existing building or none");
      if (c.kind == CoolKind::WaterLoop) continue;
      check_cooling_feeds(c, who, supplied);
      const auto loop = units_.find(c.loop_id);
      if (c.loop_id == kNoId && c.kind != CoolKind::Crah) {
        err(c.id, "cooling_unit", "cool.no_loop", who + " is not on any water loop",
            "connect it to the water loop that it serves");
      } else if (c.loop_id != kNoId &&
                 (loop == units_.end() || loop->second->kind != CoolKind::WaterLoop)) {
        err(c.id, "cooling_unit", "cool.bad_loop",
            who + " names loop " + std::to_string(c.loop_id) + ", which is not a water loop",
            "connect it to an existing water loop");
      }
      if (c.kind == CoolKind::Chiller && c.condenser_loop_id != kNoId) {
        const auto cl = units_.find(c.condenser_loop_id);
        if (cl == units_.end() || cl->second->kind != CoolKind::WaterLoop)
          err(c.id, "cooling_unit", "cool.bad_condenser_loop",
              who + " rejects to " + std::to_string(c.condenser_loop_id) +
                  ", which is not a water loop",
              "pick the condenser water loop or none (air-cooled)");
        else if (c.condenser_loop_id == c.loop_id)
          err(c.id, "cooling_unit", "cool.condenser_same_loop",
              who + " rejects its heat into the loop it cools",
              "connect its condenser to another loop");
      }
      if (c.kind == CoolKind::StorageTank) {
        if (!(c.volume_m3 > 0))
          err(c.id, "cooling_unit", "cool.tank_volume", who + " holds no water",
              "set the tank's volume in m3");
        continue;
      }
      if (c.kind == CoolKind::Pump) {
        ++pumps[c.loop_id];
        pump_flow[c.loop_id] += c.flow_m3_s;
        if (!(c.flow_m3_s > 0))
          err(c.id, "cooling_unit", "cool.capacity", who + " has no flow rating", "set its flow");
        continue;
      }
      if (!(c.capacity_w > 0)) {
        err(c.id, "cooling_unit", "cool.capacity", who + " has no capacity", "set its capacity");
        continue;
      }
      if (is_heat_rejection(c.kind)) reject_cap[c.loop_id] += c.capacity_w;
      const double heat = loads_.cooling_heat_w[c.id];
      if (heat > c.capacity_w * (1 + 1e-9))
        err(c.id, "cooling_unit", "cool.overload",
            who + " must move " + mw(heat) + " at design load, over its capacity of " +
                mw(c.capacity_w),
            "use a larger unit, add units or move racks to another one");
    }
    for (const auto& c : site_.cooling) {
      if (c.kind != CoolKind::WaterLoop) continue;
      const std::string who = label("water loop", c.id, c.name);
      const double heat = loads_.cooling_heat_w[c.id];
      if (heat <= 0) continue;
      if (reject_cap[c.id] <= 0)
        err(c.id, "cooling_unit", "loop.no_rejection",
            who + " collects " + mw(heat) + " but has no chiller, cooling tower or dry cooler",
            "add heat rejection to the loop");
      else if (heat > reject_cap[c.id] * (1 + 1e-9))
        err(c.id, "cooling_unit", "loop.rejection_short",
            who + " collects " + mw(heat) + " but its heat rejection is rated " +
                mw(reject_cap[c.id]),
            "add cooling towers, dry coolers or chillers to the loop");
      if (pumps[c.id] == 0)
        err(c.id, "cooling_unit", "loop.no_pump", who + " carries heat but has no pump",
            "add pumps to the loop");
      else if (c.flow_m3_s > pump_flow[c.id] * (1 + 1e-9))
        err(c.id, "cooling_unit", "loop.pump_short",
            who + " needs " + std::to_string(c.flow_m3_s) + " m3/s but its pumps give " +
                std::to_string(pump_flow[c.id]) + " m3/s",
            "add pumps or use larger ones");
    }
  }

  struct Duty {
    double capacity = 0, load = 0;
    bool known = false;
  };
  Duty duty_of(Id id) const {
    if (const auto n = nodes_.find(id); n != nodes_.end())
      return {n->second->rating_w, loads_.elec_load_w.at(id), true};
    if (const auto c = units_.find(id); c != units_.end()) {
      const CoolingUnit& u = *c->second;
      if (u.kind == CoolKind::Pump) {
        // Pumps on a loop share its design flow.
        int count = 0;
        for (const auto& o : site_.cooling)
          if (o.kind == CoolKind::Pump && o.loop_id == u.loop_id) ++count;
        const auto loop = units_.find(u.loop_id);
        const double flow = loop != units_.end() && count ? loop->second->flow_m3_s / count : 0.0;
        return {u.flow_m3_s, flow, true};
      }
      return {u.capacity_w, loads_.cooling_heat_w.at(id), true};
    }
    return {};
  }

  void check_groups() {
    for (const auto& g : site_.groups) {
      const std::string who = label("redundancy group", g.id, g.name);
      std::vector<Duty> duties;
      bool ok = true;
      for (Id m : g.members) {
        const Duty d = duty_of(m);
        if (!d.known) {
          err(g.id, "redundancy_group", "group.dangling_member",
              who + " lists member " + std::to_string(m) + ", which does not exist",
              "remove the member or add the equipment");
          ok = false;
        }
        duties.push_back(d);
      }
      if (!ok) continue;
      const std::size_t n = g.members.size();
      double total_load = 0, total_cap = 0, max_cap = 0;
      for (const auto& d : duties) {
        total_load += d.load;
        total_cap += d.capacity;
        max_cap = std::max(max_cap, d.capacity);
      }
      const char* fix_more = "add a member or use larger units so that it survives any one failure";
      switch (g.scheme) {
        case RedundancyScheme::N:
          break;
        case RedundancyScheme::TwoN:
          if (n != 2) {
            err(g.id, "redundancy_group", "group.not_redundant",
                who + " is 2N but has " + std::to_string(n) + " members",
                "a 2N group has exactly two members, one per side");
            break;
          }
          for (std::size_t k = 0; k < 2; ++k)
            if (total_load > duties[k].capacity * (1 + 1e-9))
              err(g.id, "redundancy_group", "group.not_redundant",
                  who + ": if member " + std::to_string(g.members[1 - k]) + " fails, member " +
                      std::to_string(g.members[k]) + " must carry " + mw(total_load) +
                      " but is rated " + mw(duties[k].capacity),
                  "size each side for the whole load");
          break;
        case RedundancyScheme::NPlus1:
        case RedundancyScheme::DistributedRedundant:
          if (n < 2) {
            err(g.id, "redundancy_group", "group.not_redundant",
                who + " has fewer than two members", fix_more);
            break;
          }
          if (total_load > (total_cap - max_cap) * (1 + 1e-9))
            err(g.id, "redundancy_group", "group.not_redundant",
                who + " carries " + mw(total_load) +
                    ", but without its largest member the rest are rated " +
                    mw(total_cap - max_cap),
                fix_more);
          break;
        case RedundancyScheme::BlockCatcher: {
          const auto it = std::find(g.members.begin(), g.members.end(), g.catcher);
          if (g.catcher == kNoId || it == g.members.end()) {
            err(g.id, "redundancy_group", "group.no_catcher",
                who + " is block-redundant but names no catcher among its members",
                "set the catcher to one of the members");
            break;
          }
          const Duty& catcher = duties[static_cast<std::size_t>(it - g.members.begin())];
          if (catcher.load > 1e-9 * std::max(1.0, catcher.capacity))
            warn(g.id, "redundancy_group", "group.catcher_loaded",
                 who + "'s catcher carries load in normal operation",
                 "feed the catcher's outputs through normally-open (standby) connections");
          for (std::size_t k = 0; k < n; ++k) {
            if (g.members[k] == g.catcher) continue;
            if (duties[k].load > catcher.capacity * (1 + 1e-9))
              err(g.id, "redundancy_group", "group.not_redundant",
                  who + ": block " + std::to_string(g.members[k]) + " carries " +
                      mw(duties[k].load) + ", more than the catcher's rating of " +
                      mw(catcher.capacity),
                  "use a catcher at least as large as the largest block");
          }
          break;
        }
      }
    }
  }

  const Site& site_;
  const Catalog& catalog_;
  SiteRef ref_;  ///< compiled once the catalog is whole
  DesignLoads loads_;
  std::vector<Problem> out_;
  std::unordered_set<Id> ids_;
  std::unordered_map<Id, const Building*> buildings_;
  std::unordered_map<Id, const Hall*> halls_;
  std::unordered_map<Id, const Row*> rows_;
  std::unordered_map<Id, const ElecNode*> nodes_;
  std::unordered_map<Id, const CoolingUnit*> units_;
};

}  // namespace

std::vector<Problem> validate(const Site& site, const Catalog& catalog) {
  return Validator(site, catalog).run();
}

void require_valid(const Site& site, const Catalog& catalog) {
  const auto problems = validate(site, catalog);
  const std::size_t n = count_errors(problems);
  if (n == 0) return;
  std::string first;
  for (const auto& p : problems)
    if (p.severity == Severity::Error) {
      first = p.message + " (fix: " + p.fix + ")";
      break;
    }
  throw SiteInvalid("not solved: the site has " + std::to_string(n) + " validation error" +
                        (n == 1 ? "" : "s") + " (see the validation list), first: " + first,
                    n);
}

}  // namespace dctwin::model
