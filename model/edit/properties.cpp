#include "model/edit/properties.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace dctwin::model::edit {

namespace {

template <typename T>
const T* find_id(const std::vector<T>& v, Id id) {
  for (const auto& x : v)
    if (x.id == id) return &x;
  return nullptr;
}

PropertyInfo number(std::string name, std::string label, std::string unit, double lo, double hi,
                    double step = 0, std::string display_unit = {}, double scale = 1.0) {
  PropertyInfo p;
  p.name = std::move(name);
  p.label = std::move(label);
  p.kind = PropKind::Number;
  p.unit = std::move(unit);
  p.display_unit = display_unit.empty() ? p.unit : std::move(display_unit);
  p.display_scale = scale;
  p.min_value = lo;
  p.max_value = hi;
  p.step = step;
  return p;
}
PropertyInfo text(std::string name, std::string label) {
  PropertyInfo p;
  p.name = std::move(name);
  p.label = std::move(label);
  p.kind = PropKind::String;
  return p;
}
PropertyInfo choice(std::string name, std::string label, std::vector<std::string> choices) {
  PropertyInfo p;
  p.name = std::move(name);
  p.label = std::move(label);
  p.kind = PropKind::Enum;
  p.choices = std::move(choices);
  return p;
}
PropertyInfo catalog_type(const Catalog& catalog, std::string name, std::string label,
                          ItemKind kind) {
  PropertyInfo p;
  p.name = std::move(name);
  p.label = std::move(label);
  p.kind = PropKind::CatalogType;
  for (const CatalogItem* it : catalog.of_kind(kind)) p.choices.push_back(it->key);
  return p;
}

PropertyInfo reference(std::string name, std::string label) {
  PropertyInfo p;
  p.name = std::move(name);
  p.label = std::move(label);
  p.kind = PropKind::Reference;
  p.optional = true;
  p.choice_ids.push_back(kNoId);
  p.choice_labels.push_back("(none)");
  return p;
}

std::vector<PropertyInfo> rack_props(const Site& site, const Catalog& catalog, std::size_t i) {
  const Id hall_id = hall_of(site, site.racks.id[i]);
  const Hall* hall = find_id(site.halls, hall_id);
  const double w = hall ? hall->width_m : 1e4, d = hall ? hall->depth_m : 1e4;
  const double tile = hall && hall->tile_m > 0 ? hall->tile_m : 0.0;
  std::vector<PropertyInfo> out;
  out.push_back(text("name", "Name"));
  out.push_back(catalog_type(catalog, "type", "Type", ItemKind::Rack));
  out.push_back(number("x_m", "x", "m", 0, w, tile));
  out.push_back(number("y_m", "y", "m", 0, d, tile));
  out.push_back(number("orientation_deg", "Orientation", "deg", 0, 270, 90));
  auto power = number("power_override_w", "Design power override", "W", 0, 5e6, 1e3, "kW", 1e-3);
  power.optional = true;
  out.push_back(power);
  const bool dc = rack_is_dc(catalog, site.racks.type[i]);
  auto fa = reference("feed_a", "A feed"), fb = reference("feed_b", "B feed");
  for (const auto& n : site.elec_nodes)
    if (is_rack_feed(n.kind) && n.dc == dc && (hall_id == kNoId || n.hall_id == hall_id)) {
      for (PropertyInfo* p : {&fa, &fb}) {
        p->choice_ids.push_back(n.id);
        p->choice_labels.push_back(n.name + (n.side.empty() ? "" : " (" + n.side + ")"));
      }
    }
  out.push_back(fa);
  out.push_back(fb);
  auto cdu = reference("cdu_id", "CDU"), air = reference("air_unit_id", "Air unit");
  for (const auto& c : site.cooling) {
    if (hall_id != kNoId && c.hall_id != hall_id) continue;
    if (c.kind == CoolKind::Cdu) {
      cdu.choice_ids.push_back(c.id);
      cdu.choice_labels.push_back(c.name);
    } else if (c.kind == CoolKind::Crah || c.kind == CoolKind::FanWall) {
      air.choice_ids.push_back(c.id);
      air.choice_labels.push_back(c.name);
    }
  }
  out.push_back(cdu);
  out.push_back(air);
  return out;
}

std::vector<PropertyInfo> row_props(const Site& site, const Row& r) {
  const Hall* hall = find_id(site.halls, r.hall_id);
  const double w = hall ? hall->width_m : 1e4, d = hall ? hall->depth_m : 1e4;
  return {text("name", "Name"), number("x_m", "x", "m", 0, w, hall ? hall->tile_m : 0),
          number("y_m", "y", "m", 0, d, hall ? hall->tile_m : 0),
          number("orientation_deg", "Orientation", "deg", 0, 270, 90)};
}

std::vector<PropertyInfo> hall_props() {
  std::vector<std::string> cont;
  for (Containment c : all_containments()) cont.push_back(to_string(c));
  return {text("name", "Name"),
          number("width_m", "Width", "m", 1, 2000, 0.6),
          number("depth_m", "Depth", "m", 1, 2000, 0.6),
          number("height_m", "Height", "m", 2, 40, 0.1),
          choice("containment", "Containment", cont),
          number("tile_m", "Tile pitch", "m", 0.3, 1.5, 0.01)};
}

std::vector<PropertyInfo> node_props(const ElecNode& n) {
  std::vector<PropertyInfo> out{text("name", "Name")};
  auto kind = text("kind", "Kind");
  kind.read_only = true;
  out.push_back(kind);
  auto type = text("type", "Catalog type");
  type.read_only = true;
  out.push_back(type);
  out.push_back(number("rating_w", "Rating", "W", 1, 1e10, 1e3, "kW", 1e-3));
  auto v = number("voltage_v", "Voltage", "V", 1, 1e6, 1, "V", 1);
  v.read_only = n.kind != ElecKind::GridFeed;
  out.push_back(v);
  out.push_back(text("side", "Side"));
  return out;
}

std::vector<PropertyInfo> unit_props(const Site& site, const CoolingUnit& c) {
  std::vector<PropertyInfo> out{text("name", "Name")};
  auto kind = text("kind", "Kind");
  kind.read_only = true;
  out.push_back(kind);
  auto type = text("type", "Catalog type");
  type.read_only = true;
  out.push_back(type);
  if (c.kind == CoolKind::Crah || c.kind == CoolKind::FanWall || c.kind == CoolKind::Cdu) {
    const Hall* hall = find_id(site.halls, c.hall_id);
    const double w = hall ? hall->width_m : 1e4, d = hall ? hall->depth_m : 1e4;
    out.push_back(number("x_m", "x", "m", 0, w, hall ? hall->tile_m : 0));
    out.push_back(number("y_m", "y", "m", 0, d, hall ? hall->tile_m : 0));
    out.push_back(number("orientation_deg", "Orientation", "deg", 0, 270, 90));
  }
  if (c.kind != CoolKind::WaterLoop && c.kind != CoolKind::Pump && c.kind != CoolKind::StorageTank)
    out.push_back(number("capacity_w", "Capacity", "W", 1, 1e9, 1e3, "kW", 1e-3));
  if (c.kind == CoolKind::Crah || c.kind == CoolKind::FanWall)
    out.push_back(number("airflow_m3_s", "Airflow", "m3/s", 0, 1000, 0.1));
  if (c.kind != CoolKind::Pump && c.kind != CoolKind::StorageTank)
    out.push_back(number("supply_temp_c", "Supply temperature", "C", -10, 70, 0.5));
  if (c.kind == CoolKind::Cdu || c.kind == CoolKind::CoolingTower || c.kind == CoolKind::DryCooler)
    out.push_back(number("approach_k", "Approach", "K", 0, 40, 0.5));
  if (c.kind == CoolKind::Cdu || c.kind == CoolKind::WaterLoop || c.kind == CoolKind::Pump)
    out.push_back(number("flow_m3_s", "Water flow", "m3/s", 0, 100, 0.001));
  if (c.kind == CoolKind::WaterLoop || c.kind == CoolKind::StorageTank)
    out.push_back(number("volume_m3", "Water volume", "m3", 0, 1e6, 1));
  if (is_powered(c.kind)) {
    // The motors' feeds, as a rack's cords: the nodes connect_cooling_feed accepts.
    auto fa = reference("feed_a", "A feed"), fb = reference("feed_b", "B feed");
    for (Id id : cooling_feed_candidates(site, c.id)) {
      const ElecNode& n = *find_id(site.elec_nodes, id);
      for (PropertyInfo* p : {&fa, &fb}) {
        p->choice_ids.push_back(n.id);
        p->choice_labels.push_back(n.name + (n.side.empty() ? "" : " (" + n.side + ")"));
      }
    }
    out.push_back(fa);
    out.push_back(fb);
  }
  return out;
}

std::string fmt(double v) {
  std::ostringstream s;
  s.precision(6);
  s << v;
  return s.str();
}

[[noreturn]] void refuse(const std::string& who, const PropertyInfo& p, const std::string& why) {
  throw EditError(p.label + " of " + who + ": " + why);
}

double as_number(const std::string& who, const PropertyInfo& p, const PropValue& v, bool& cleared) {
  cleared = false;
  if (std::holds_alternative<std::monostate>(v)) {
    if (!p.optional) refuse(who, p, "a value is required");
    cleared = true;
    return 0;
  }
  if (!std::holds_alternative<double>(v)) refuse(who, p, "expects a number");
  const double x = std::get<double>(v);
  if (!std::isfinite(x)) refuse(who, p, "is not a number");
  if (x < p.min_value - 1e-9 || x > p.max_value + 1e-9)
    refuse(who, p,
           "must lie in [" + fmt(p.min_value * p.display_scale) + ", " +
               fmt(p.max_value * p.display_scale) + "] " + p.display_unit + " (got " +
               fmt(x * p.display_scale) + ")");
  if (p.name == "orientation_deg" && std::abs(x / 90.0 - std::round(x / 90.0)) > 1e-9)
    refuse(who, p, "must be a multiple of 90 degrees (got " + fmt(x) + ")");
  return x;
}
std::string as_string(const std::string& who, const PropertyInfo& p, const PropValue& v) {
  if (!std::holds_alternative<std::string>(v)) refuse(who, p, "expects text");
  const std::string& s = std::get<std::string>(v);
  if ((p.kind == PropKind::Enum || p.kind == PropKind::CatalogType) &&
      std::find(p.choices.begin(), p.choices.end(), s) == p.choices.end()) {
    std::string list;
    for (const auto& c : p.choices) list += (list.empty() ? "" : ", ") + c;
    refuse(who, p, "'" + s + "' is not one of " + list);
  }
  if (p.name == "name" && s.empty()) refuse(who, p, "a name cannot be empty");
  return s;
}
Id as_id(const std::string& who, const PropertyInfo& p, const PropValue& v) {
  if (!std::holds_alternative<Id>(v)) refuse(who, p, "expects an entity");
  const Id id = std::get<Id>(v);
  if (std::find(p.choice_ids.begin(), p.choice_ids.end(), id) == p.choice_ids.end())
    refuse(who, p, "entity " + std::to_string(id) + " is not one of the candidates of this hall");
  return id;
}

const PropertyInfo& info(const std::vector<PropertyInfo>& props, const std::string& name,
                         const std::string& who) {
  for (const auto& p : props)
    if (p.name == name) return p;
  throw EditError(who + " has no editable property '" + name + "'");
}

}  // namespace

std::vector<PropertyInfo> entity_properties(const Site& site, const Catalog& catalog, Id id) {
  if (const std::size_t i = rack_index(site, id); i != static_cast<std::size_t>(-1))
    return rack_props(site, catalog, i);
  if (const Row* r = find_id(site.rows, id)) return row_props(site, *r);
  if (find_id(site.halls, id)) return hall_props();
  if (const ElecNode* n = find_id(site.elec_nodes, id)) return node_props(*n);
  if (const CoolingUnit* c = find_id(site.cooling, id)) return unit_props(site, *c);
  return {};
}

PropValue get_property(const Site& site, Id id, const std::string& name) {
  auto bad = [&]() -> PropValue {
    throw EditError("entity " + std::to_string(id) + " has no property '" + name + "'");
  };
  if (const std::size_t i = rack_index(site, id); i != static_cast<std::size_t>(-1)) {
    const Rack r = site.racks.get(i);
    if (name == "name") return r.name;
    if (name == "type") return r.type;
    if (name == "x_m") return r.x_m;
    if (name == "y_m") return r.y_m;
    if (name == "orientation_deg") return r.orientation_deg;
    if (name == "power_override_w")
      return r.power_override_w ? PropValue(*r.power_override_w) : PropValue();
    if (name == "feed_a") return r.feed_a;
    if (name == "feed_b") return r.feed_b;
    if (name == "cdu_id") return r.cdu_id;
    if (name == "air_unit_id") return r.air_unit_id;
    return bad();
  }
  if (const Row* r = find_id(site.rows, id)) {
    if (name == "name") return r->name;
    if (name == "x_m") return r->x_m;
    if (name == "y_m") return r->y_m;
    if (name == "orientation_deg") return r->orientation_deg;
    return bad();
  }
  if (const Hall* h = find_id(site.halls, id)) {
    if (name == "name") return h->name;
    if (name == "width_m") return h->width_m;
    if (name == "depth_m") return h->depth_m;
    if (name == "height_m") return h->height_m;
    if (name == "containment") return std::string(to_string(h->containment));
    if (name == "tile_m") return h->tile_m;
    return bad();
  }
  if (const ElecNode* n = find_id(site.elec_nodes, id)) {
    if (name == "name") return n->name;
    if (name == "kind") return std::string(to_string(n->kind));
    if (name == "type") return n->type;
    if (name == "rating_w") return n->rating_w;
    if (name == "voltage_v") return n->voltage_v;
    if (name == "side") return n->side;
    return bad();
  }
  if (const CoolingUnit* c = find_id(site.cooling, id)) {
    if (name == "name") return c->name;
    if (name == "kind") return std::string(to_string(c->kind));
    if (name == "type") return c->type;
    if (name == "x_m") return c->x_m;
    if (name == "y_m") return c->y_m;
    if (name == "orientation_deg") return c->orientation_deg;
    if (name == "capacity_w") return c->capacity_w;
    if (name == "airflow_m3_s") return c->airflow_m3_s;
    if (name == "supply_temp_c") return c->supply_temp_c;
    if (name == "approach_k") return c->approach_k;
    if (name == "flow_m3_s") return c->flow_m3_s;
    if (name == "volume_m3") return c->volume_m3;
    if (name == "feed_a") return c->feed_a;
    if (name == "feed_b") return c->feed_b;
    return bad();
  }
  return bad();
}

CommandPtr set_property(const Site& site, const Catalog& catalog, const std::vector<Id>& ids,
                        const std::string& name, const PropValue& value) {
  if (ids.empty()) throw EditError("nothing selected to edit");
  std::vector<Id> v = ids;
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  const std::string kind = entity_kind(site, v.front());
  auto cmd = std::make_unique<UpdateEntities>("Set " + name);
  bool cleared = false;
  for (Id id : v) {
    if (entity_kind(site, id) != kind)
      throw EditError("entities " + std::to_string(v.front()) + " and " + std::to_string(id) +
                      " are of different kinds: edit them one kind at a time");
    const auto props = entity_properties(site, catalog, id);
    if (kind == "rack") {
      const std::size_t i = rack_index(site, id);
      const Rack before = site.racks.get(i);
      const std::string who = "rack '" + before.name + "'";
      const PropertyInfo& p = info(props, name, who);
      Rack after = before;
      if (name == "name")
        after.name = as_string(who, p, value);
      else if (name == "type") {
        const std::string type = as_string(who, p, value);
        auto c = set_rack_type(site, catalog, {id}, type);  // AC/DC checks
        after.type = type;
      } else if (name == "x_m")
        after.x_m = as_number(who, p, value, cleared);
      else if (name == "y_m")
        after.y_m = as_number(who, p, value, cleared);
      else if (name == "orientation_deg")
        after.orientation_deg = as_number(who, p, value, cleared);
      else if (name == "power_override_w") {
        const double x = as_number(who, p, value, cleared);
        after.power_override_w = cleared ? std::nullopt : std::optional<double>(x);
      } else if (name == "feed_a")
        after.feed_a = as_id(who, p, value);
      else if (name == "feed_b")
        after.feed_b = as_id(who, p, value);
      else if (name == "cdu_id")
        after.cdu_id = as_id(who, p, value);
      else if (name == "air_unit_id")
        after.air_unit_id = as_id(who, p, value);
      cmd->racks.push_back({before, after});
    } else if (kind == "row") {
      const Row& before = *find_id(site.rows, id);
      const std::string who = "row '" + before.name + "'";
      const PropertyInfo& p = info(props, name, who);
      Row after = before;
      if (name == "name")
        after.name = as_string(who, p, value);
      else if (name == "x_m")
        after.x_m = as_number(who, p, value, cleared);
      else if (name == "y_m")
        after.y_m = as_number(who, p, value, cleared);
      else if (name == "orientation_deg")
        after.orientation_deg = as_number(who, p, value, cleared);
      cmd->rows.push_back({before, after});
    } else if (kind == "hall") {
      const Hall& before = *find_id(site.halls, id);
      const std::string who = "hall '" + before.name + "'";
      const PropertyInfo& p = info(props, name, who);
      Hall after = before;
      if (name == "name")
        after.name = as_string(who, p, value);
      else if (name == "width_m")
        after.width_m = as_number(who, p, value, cleared);
      else if (name == "depth_m")
        after.depth_m = as_number(who, p, value, cleared);
      else if (name == "height_m")
        after.height_m = as_number(who, p, value, cleared);
      else if (name == "containment")
        after.containment = *containment_from_string(as_string(who, p, value));
      else if (name == "tile_m")
        after.tile_m = as_number(who, p, value, cleared);
      cmd->halls.push_back({before, after});
    } else if (kind == "elec_node") {
      const ElecNode& before = *find_id(site.elec_nodes, id);
      const std::string who = std::string(to_string(before.kind)) + " '" + before.name + "'";
      const PropertyInfo& p = info(props, name, who);
      if (p.read_only) refuse(who, p, "is read-only here");
      ElecNode after = before;
      if (name == "name")
        after.name = as_string(who, p, value);
      else if (name == "rating_w")
        after.rating_w = as_number(who, p, value, cleared);
      else if (name == "voltage_v")
        after.voltage_v = as_number(who, p, value, cleared);
      else if (name == "side")
        after.side = as_string(who, p, value);
      cmd->nodes.push_back({before, after});
    } else if (kind == "cooling_unit") {
      const CoolingUnit& before = *find_id(site.cooling, id);
      const std::string who = std::string(to_string(before.kind)) + " '" + before.name + "'";
      const PropertyInfo& p = info(props, name, who);
      if (p.read_only) refuse(who, p, "is read-only here");
      CoolingUnit after = before;
      if (name == "name")
        after.name = as_string(who, p, value);
      else if (name == "x_m")
        after.x_m = as_number(who, p, value, cleared);
      else if (name == "y_m")
        after.y_m = as_number(who, p, value, cleared);
      else if (name == "orientation_deg")
        after.orientation_deg = as_number(who, p, value, cleared);
      else if (name == "capacity_w")
        after.capacity_w = as_number(who, p, value, cleared);
      else if (name == "airflow_m3_s")
        after.airflow_m3_s = as_number(who, p, value, cleared);
      else if (name == "supply_temp_c")
        after.supply_temp_c = as_number(who, p, value, cleared);
      else if (name == "approach_k")
        after.approach_k = as_number(who, p, value, cleared);
      else if (name == "flow_m3_s")
        after.flow_m3_s = as_number(who, p, value, cleared);
      else if (name == "volume_m3")
        after.volume_m3 = as_number(who, p, value, cleared);
      else if (name == "feed_a" || name == "feed_b") {
        // connect_cooling_feed's checks, so that a refused node says why and what fits.
        if (!std::holds_alternative<Id>(value)) refuse(who, p, "expects an electrical node");
        const Cord cord = name == "feed_a" ? Cord::A : Cord::B;
        try {
          (void)connect_cooling_feed(site, {id}, cord, std::get<Id>(value));
        } catch (const EditError& e) {
          refuse(who, p, e.what());
        }
        (cord == Cord::A ? after.feed_a : after.feed_b) = as_id(who, p, value);
      }
      cmd->units.push_back({before, after});
    } else {
      throw EditError((kind.empty() ? "entity " : kind + " ") + std::to_string(id) +
                      " has no editable properties");
    }
  }
  const auto props = entity_properties(site, catalog, v.front());
  for (const auto& p : props)
    if (p.name == name)
      cmd->set_text("Set " + p.label +
                    (v.size() > 1 ? " of " + std::to_string(v.size()) + " items" : ""));
  return cmd;
}

}  // namespace dctwin::model::edit
