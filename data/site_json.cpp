// Site JSON exchange: the model's structs written field by field under their member names, and
// read back strictly (every problem reported with its JSON pointer, nothing defaulted silently).
#include "data/site_json.h"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "data/catalog_io.h"
#include "data/json_read.h"

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif

namespace dctwin::data {

using detail::CatalogBuild;
using detail::Ctx;
using detail::describe;
using detail::Json;
using detail::ObjectReader;
using detail::Problems;

namespace {

constexpr const char* kSchemaFamily = "dctwin-site";
// The schema written. The reader also reads every older major version still listed in
// docs/site-json.md (version 1: no volume_m3, no design_weather).
constexpr int kSchemaMajor = 2;
constexpr int kOldestSchemaMajor = 1;

// Every value of each enum, so that the reader accepts exactly the strings the model writes
// (model::to_string) and can list them in its messages.
// The accepted names of each enum, from the model's own tables.
const auto& kContainments = model::all_containments();
const auto& kElecKinds = model::all_elec_kinds();
const auto& kSchemes = model::all_redundancy_schemes();
const auto& kCoolKinds = model::all_cool_kinds();

template <class E>
std::vector<std::pair<E, std::string>> names_of(const std::vector<E>& all) {
  std::vector<std::pair<E, std::string>> out;
  for (E e : all) out.emplace_back(e, model::to_string(e));
  return out;
}

// kNoId is "not connected": null says so in the file instead of a magic 0.
Json ref(model::Id id) { return id == model::kNoId ? Json(nullptr) : Json(id); }

Json site_to_json(const model::Site& s) {
  Json j = Json::object();
  j["name"] = s.name;
  j["location"] = {{"latitude_deg", s.location.latitude_deg},
                   {"longitude_deg", s.location.longitude_deg},
                   {"elevation_m", s.location.elevation_m}};
  j["grid"] = {{"poi_voltage_v", s.grid.poi_voltage_v},
               {"short_circuit_va", s.grid.short_circuit_va},
               {"x_over_r", s.grid.x_over_r},
               {"contracted_import_w", s.grid.contracted_import_w},
               {"ramp_limit_w_per_s", s.grid.ramp_limit_w_per_s}};
  // Optional values: null when not set.
  auto opt = [](const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); };
  j["design_weather"] = {{"dry_bulb_c", opt(s.design_weather.dry_bulb_c)},
                         {"wet_bulb_c", opt(s.design_weather.wet_bulb_c)}};

  Json buildings = Json::array();
  for (const auto& b : s.buildings)
    buildings.push_back({{"id", b.id},
                         {"name", b.name},
                         {"x_m", b.x_m},
                         {"y_m", b.y_m},
                         {"width_m", b.width_m},
                         {"depth_m", b.depth_m}});
  j["buildings"] = std::move(buildings);

  Json halls = Json::array();
  for (const auto& h : s.halls)
    halls.push_back({{"id", h.id},
                     {"building_id", ref(h.building_id)},
                     {"name", h.name},
                     {"x_m", h.x_m},
                     {"y_m", h.y_m},
                     {"width_m", h.width_m},
                     {"depth_m", h.depth_m},
                     {"height_m", h.height_m},
                     {"containment", model::to_string(h.containment)},
                     {"tile_m", h.tile_m}});
  j["halls"] = std::move(halls);

  Json rows = Json::array();
  for (const auto& r : s.rows)
    rows.push_back({{"id", r.id},
                    {"hall_id", ref(r.hall_id)},
                    {"name", r.name},
                    {"x_m", r.x_m},
                    {"y_m", r.y_m},
                    {"orientation_deg", r.orientation_deg}});
  j["rows"] = std::move(rows);

  Json racks = Json::array();
  for (std::size_t i = 0; i < s.racks.size(); ++i) {
    const model::Rack r = s.racks.get(i);
    racks.push_back(
        {{"id", r.id},
         {"row_id", ref(r.row_id)},
         {"name", r.name},
         {"type", r.type},
         {"x_m", r.x_m},
         {"y_m", r.y_m},
         {"orientation_deg", r.orientation_deg},
         {"power_override_w", r.power_override_w ? Json(*r.power_override_w) : Json(nullptr)},
         {"feed_a", ref(r.feed_a)},
         {"feed_b", ref(r.feed_b)},
         {"cdu_id", ref(r.cdu_id)},
         {"air_unit_id", ref(r.air_unit_id)}});
  }
  j["racks"] = std::move(racks);

  Json nodes = Json::array();
  for (const auto& n : s.elec_nodes)
    nodes.push_back({{"id", n.id},
                     {"kind", model::to_string(n.kind)},
                     {"name", n.name},
                     {"type", n.type},
                     {"building_id", ref(n.building_id)},
                     {"hall_id", ref(n.hall_id)},
                     {"rating_w", n.rating_w},
                     {"voltage_v", n.voltage_v},
                     {"dc", n.dc},
                     {"side", n.side}});
  j["elec_nodes"] = std::move(nodes);

  Json edges = Json::array();
  for (const auto& e : s.elec_edges)
    edges.push_back({{"id", e.id},
                     {"from", ref(e.from)},
                     {"to", ref(e.to)},
                     {"name", e.name},
                     {"r_ohm", e.r_ohm},
                     {"x_ohm", e.x_ohm},
                     {"b_s", e.b_s},
                     {"rating_w", e.rating_w},
                     {"length_m", e.length_m},
                     {"normally_open", e.normally_open}});
  j["elec_edges"] = std::move(edges);

  Json cooling = Json::array();
  for (const auto& c : s.cooling) {
    Json u = {{"id", c.id},
              {"kind", model::to_string(c.kind)},
              {"name", c.name},
              {"type", c.type},
              {"building_id", ref(c.building_id)},
              {"hall_id", ref(c.hall_id)},
              {"x_m", c.x_m},
              {"y_m", c.y_m},
              {"orientation_deg", c.orientation_deg},
              {"capacity_w", c.capacity_w},
              {"airflow_m3_s", c.airflow_m3_s},
              {"supply_temp_c", c.supply_temp_c},
              {"approach_k", c.approach_k},
              {"flow_m3_s", c.flow_m3_s},
              {"loop_id", ref(c.loop_id)},
              {"condenser_loop_id", ref(c.condenser_loop_id)},
              {"volume_m3", c.volume_m3}};
    // Optional: written only for a fed unit, so that documents without cooling feeds read the
    // same as before they existed.
    if (c.feed_a != model::kNoId) u["feed_a"] = c.feed_a;
    if (c.feed_b != model::kNoId) u["feed_b"] = c.feed_b;
    cooling.push_back(std::move(u));
  }
  j["cooling"] = std::move(cooling);

  Json groups = Json::array();
  for (const auto& g : s.groups)
    groups.push_back({{"id", g.id},
                      {"name", g.name},
                      {"scheme", model::to_string(g.scheme)},
                      {"members", g.members},
                      {"catcher", ref(g.catcher)}});
  j["groups"] = std::move(groups);
  return j;
}

// Calls f(element, pointer) for each element of an array field.
template <class F>
void for_each_element(const Ctx& ctx, ObjectReader& r, std::string_view key, F&& f) {
  const Json* a = r.field(key);
  if (!a) return;
  if (!a->is_array()) {
    ctx.error(r.at(key), "expected an array [ ... ], got " + describe(*a));
    return;
  }
  for (std::size_t i = 0; i < a->size(); ++i) f((*a)[i], r.at(key) + "/" + std::to_string(i));
}

/// Reads the site object of a document of schema major version `version` (1 or 2).
model::Site read_site(const Ctx& ctx, const Json& j, const std::string& p, int version) {
  static const auto containments = names_of(kContainments);
  static const auto elec_kinds = names_of(kElecKinds);
  static const auto schemes = names_of(kSchemes);
  static const auto cool_kinds = names_of(kCoolKinds);

  model::Site s;
  // Version 1 has no design_weather (and no volume_m3 below): such a field there is unknown.
  ObjectReader r =
      version >= 2
          ? ObjectReader(ctx, j, p,
                         {"name", "location", "grid", "design_weather", "buildings", "halls",
                          "rows", "racks", "elec_nodes", "elec_edges", "cooling", "groups"})
          : ObjectReader(ctx, j, p,
                         {"name", "location", "grid", "buildings", "halls", "rows", "racks",
                          "elec_nodes", "elec_edges", "cooling", "groups"});
  if (!r.ok()) return s;
  r.read("name", s.name);
  if (const Json* l = r.field("location")) {
    ObjectReader o(ctx, *l, r.at("location"), {"latitude_deg", "longitude_deg", "elevation_m"});
    o.read("latitude_deg", s.location.latitude_deg);
    o.read("longitude_deg", s.location.longitude_deg);
    o.read("elevation_m", s.location.elevation_m);
  }
  if (const Json* g = r.field("grid")) {
    ObjectReader o(ctx, *g, r.at("grid"),
                   {"poi_voltage_v", "short_circuit_va", "x_over_r", "contracted_import_w",
                    "ramp_limit_w_per_s"});
    o.read("poi_voltage_v", s.grid.poi_voltage_v);
    o.read("short_circuit_va", s.grid.short_circuit_va);
    o.read("x_over_r", s.grid.x_over_r);
    o.read("contracted_import_w", s.grid.contracted_import_w);
    o.read("ramp_limit_w_per_s", s.grid.ramp_limit_w_per_s);
  }
  if (version >= 2) {
    if (const Json* w = r.field("design_weather")) {
      ObjectReader o(ctx, *w, r.at("design_weather"), {"dry_bulb_c", "wet_bulb_c"});
      o.read("dry_bulb_c", s.design_weather.dry_bulb_c);
      o.read("wet_bulb_c", s.design_weather.wet_bulb_c);
    }
  }
  for_each_element(ctx, r, "buildings", [&](const Json& e, const std::string& ep) {
    ObjectReader o(ctx, e, ep, {"id", "name", "x_m", "y_m", "width_m", "depth_m"});
    model::Building b;
    o.read_id("id", b.id);
    o.read("name", b.name);
    o.read("x_m", b.x_m);
    o.read("y_m", b.y_m);
    o.read("width_m", b.width_m);
    o.read("depth_m", b.depth_m);
    s.buildings.push_back(std::move(b));
  });
  for_each_element(ctx, r, "halls", [&](const Json& e, const std::string& ep) {
    ObjectReader o(ctx, e, ep,
                   {"id", "building_id", "name", "x_m", "y_m", "width_m", "depth_m", "height_m",
                    "containment", "tile_m"});
    model::Hall h;
    o.read_id("id", h.id);
    o.read_ref("building_id", h.building_id);
    o.read("name", h.name);
    o.read("x_m", h.x_m);
    o.read("y_m", h.y_m);
    o.read("width_m", h.width_m);
    o.read("depth_m", h.depth_m);
    o.read("height_m", h.height_m);
    o.read_enum("containment", h.containment, containments);
    o.read("tile_m", h.tile_m);
    s.halls.push_back(std::move(h));
  });
  for_each_element(ctx, r, "rows", [&](const Json& e, const std::string& ep) {
    ObjectReader o(ctx, e, ep, {"id", "hall_id", "name", "x_m", "y_m", "orientation_deg"});
    model::Row row;
    o.read_id("id", row.id);
    o.read_ref("hall_id", row.hall_id);
    o.read("name", row.name);
    o.read("x_m", row.x_m);
    o.read("y_m", row.y_m);
    o.read("orientation_deg", row.orientation_deg);
    s.rows.push_back(std::move(row));
  });
  if (const Json* racks = r.field("racks", false); racks && racks->is_array())
    s.racks.reserve(racks->size());
  for_each_element(ctx, r, "racks", [&](const Json& e, const std::string& ep) {
    ObjectReader o(ctx, e, ep,
                   {"id", "row_id", "name", "type", "x_m", "y_m", "orientation_deg",
                    "power_override_w", "feed_a", "feed_b", "cdu_id", "air_unit_id"});
    model::Rack rack;
    o.read_id("id", rack.id);
    o.read_ref("row_id", rack.row_id);
    o.read("name", rack.name);
    o.read("type", rack.type);
    o.read("x_m", rack.x_m);
    o.read("y_m", rack.y_m);
    o.read("orientation_deg", rack.orientation_deg);
    o.read("power_override_w", rack.power_override_w);
    o.read_ref("feed_a", rack.feed_a);
    o.read_ref("feed_b", rack.feed_b);
    o.read_ref("cdu_id", rack.cdu_id);
    o.read_ref("air_unit_id", rack.air_unit_id);
    s.racks.push_back(rack);
  });
  for_each_element(ctx, r, "elec_nodes", [&](const Json& e, const std::string& ep) {
    ObjectReader o(ctx, e, ep,
                   {"id", "kind", "name", "type", "building_id", "hall_id", "rating_w", "voltage_v",
                    "dc", "side"});
    model::ElecNode n;
    o.read_id("id", n.id);
    o.read_enum("kind", n.kind, elec_kinds);
    o.read("name", n.name);
    o.read("type", n.type);
    o.read_ref("building_id", n.building_id);
    o.read_ref("hall_id", n.hall_id);
    o.read("rating_w", n.rating_w);
    o.read("voltage_v", n.voltage_v);
    o.read("dc", n.dc);
    o.read("side", n.side);
    s.elec_nodes.push_back(std::move(n));
  });
  for_each_element(ctx, r, "elec_edges", [&](const Json& e, const std::string& ep) {
    ObjectReader o(ctx, e, ep,
                   {"id", "from", "to", "name", "r_ohm", "x_ohm", "b_s", "rating_w", "length_m",
                    "normally_open"});
    model::ElecEdge edge;
    o.read_id("id", edge.id);
    o.read_ref("from", edge.from);
    o.read_ref("to", edge.to);
    o.read("name", edge.name);
    o.read("r_ohm", edge.r_ohm);
    o.read("x_ohm", edge.x_ohm);
    o.read("b_s", edge.b_s);
    o.read("rating_w", edge.rating_w);
    o.read("length_m", edge.length_m);
    o.read("normally_open", edge.normally_open);
    s.elec_edges.push_back(std::move(edge));
  });
  for_each_element(ctx, r, "cooling", [&](const Json& e, const std::string& ep) {
    ObjectReader o =
        version >= 2
            ? ObjectReader(
                  ctx, e, ep,
                  {"id", "kind", "name", "type", "building_id", "hall_id", "x_m", "y_m",
                   "orientation_deg", "capacity_w", "airflow_m3_s", "supply_temp_c", "approach_k",
                   "flow_m3_s", "loop_id", "condenser_loop_id", "volume_m3", "feed_a", "feed_b"})
            : ObjectReader(ctx, e, ep,
                           {"id", "kind", "name", "type", "building_id", "hall_id", "x_m", "y_m",
                            "orientation_deg", "capacity_w", "airflow_m3_s", "supply_temp_c",
                            "approach_k", "flow_m3_s", "loop_id", "condenser_loop_id"});
    model::CoolingUnit c;
    o.read_id("id", c.id);
    o.read_enum("kind", c.kind, cool_kinds);
    o.read("name", c.name);
    o.read("type", c.type);
    o.read_ref("building_id", c.building_id);
    o.read_ref("hall_id", c.hall_id);
    o.read("x_m", c.x_m);
    o.read("y_m", c.y_m);
    o.read("orientation_deg", c.orientation_deg);
    o.read("capacity_w", c.capacity_w);
    o.read("airflow_m3_s", c.airflow_m3_s);
    o.read("supply_temp_c", c.supply_temp_c);
    o.read("approach_k", c.approach_k);
    o.read("flow_m3_s", c.flow_m3_s);
    o.read_ref("loop_id", c.loop_id);
    o.read_ref("condenser_loop_id", c.condenser_loop_id);
    if (version >= 2) {
      o.read("volume_m3", c.volume_m3);  // version 1: 0, none or unknown
      // Optional, as a rack's cords otherwise: absent, null or 0 is "not fed".
      o.read_ref("feed_a", c.feed_a, /*required=*/false);
      o.read_ref("feed_b", c.feed_b, /*required=*/false);
    }
    s.cooling.push_back(std::move(c));
  });
  for_each_element(ctx, r, "groups", [&](const Json& e, const std::string& ep) {
    ObjectReader o(ctx, e, ep, {"id", "name", "scheme", "members", "catcher"});
    model::RedundancyGroup g;
    o.read_id("id", g.id);
    o.read("name", g.name);
    o.read_enum("scheme", g.scheme, schemes);
    o.read_ids("members", g.members);
    o.read_ref("catcher", g.catcher);
    s.groups.push_back(std::move(g));
  });
  return s;
}

std::pair<model::Site, model::Catalog> read_project(const Ctx& ctx, const Json& doc) {
  std::pair<model::Site, model::Catalog> out;
  if (!doc.is_object()) {
    ctx.error("", "expected an object {\"schema\": \"" + std::string(kSchemaFamily) + "/" +
                      std::to_string(kSchemaMajor) +
                      "\", \"site\": {...}, \"catalog\": {...}}, got " + describe(doc));
    return out;
  }
  // The schema first: a newer file must be refused with that message alone, not with a list of
  // fields this version does not know. Older versions that this build still reads are
  // recognised here; anything else goes to check_schema for its message.
  const auto it = doc.find("schema");
  int version = kSchemaMajor;
  bool older = false;
  if (it != doc.end() && it->is_string()) {
    for (int v = kOldestSchemaMajor; v < kSchemaMajor; ++v) {
      if (it->get_ref<const std::string&>() ==
          std::string(kSchemaFamily) + "/" + std::to_string(v)) {
        version = v;
        older = true;
      }
    }
  }
  if (!older && !detail::check_schema(ctx, it == doc.end() ? nullptr : &*it, "/schema",
                                      kSchemaFamily, kSchemaMajor))
    return out;
  ObjectReader r(ctx, doc, "", {"schema", "site", "catalog"});
  if (const Json* site = r.field("site")) out.first = read_site(ctx, *site, "/site", version);
  if (const Json* cat = r.field("catalog")) {
    CatalogBuild build;
    detail::read_catalog_document(ctx, *cat, "/catalog", build);
    out.second = std::move(build.catalog);
  }
  return out;
}

std::string errno_text() { return std::strerror(errno); }

}  // namespace

nlohmann::json project_to_json(const model::Site& site, const model::Catalog& catalog) {
  Json doc = Json::object();
  doc["schema"] = std::string(kSchemaFamily) + "/" + std::to_string(kSchemaMajor);
  doc["site"] = site_to_json(site);
  // The catalog part is written by the same code as catalog files, so both formats stay one.
  doc["catalog"] = detail::catalog_document(catalog);
  if (auto p = detail::find_non_finite(doc))
    throw SiteJsonError("project_to_json: " + *p +
                        ": the number is not finite (NaN or "
                        "infinity), which JSON cannot store: set a finite value");
  return doc;
}

std::pair<model::Site, model::Catalog> project_from_json(const nlohmann::json& doc,
                                                         const std::string& source_name) {
  Problems problems;
  auto out = read_project(Ctx{source_name, problems}, doc);
  if (!problems.empty()) throw SiteJsonError(problems.message(source_name));
  return out;
}

void write_project_json(const std::string& path, const model::Site& site,
                        const model::Catalog& catalog) {
  std::string text;
  try {
    text = project_to_json(site, catalog).dump(2) + "\n";
  } catch (const Json::type_error& e) {
    // dump() refuses strings that are not UTF-8 (error 316); nothing has been written yet.
    throw SiteJsonError(path + ": cannot write: a name or text field is not valid UTF-8 (" +
                        std::string(e.what()) + "): correct the text");
  } catch (const SiteJsonError& e) {
    throw SiteJsonError(path + ": cannot write: " + e.what());
  }

  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f)
    throw SiteJsonError(path + ": cannot create " + tmp + " (" + errno_text() +
                        "): check that the folder exists and is writable");
  bool good = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  good = std::fflush(f) == 0 && good;
#if defined(__unix__) || defined(__APPLE__)
  // On disk before the rename, so that a crash leaves either the old file or the whole new one.
  good = ::fsync(::fileno(f)) == 0 && good;
#endif
  const std::string why = errno_text();
  good = std::fclose(f) == 0 && good;
  if (!good) {
    std::remove(tmp.c_str());
    throw SiteJsonError(path + ": writing " + tmp + " failed (" + why +
                        "): check the free disk space");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    throw SiteJsonError(path + ": cannot replace the file with " + tmp + " (" + ec.message() +
                        "): check the folder's permissions");
  }
}

std::pair<model::Site, model::Catalog> read_project_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw SiteJsonError(path + ": cannot read the file (" + errno_text() +
                        "): check the path and its permissions");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw SiteJsonError(path + ": reading the file failed: check the disk and file");
  const std::string text = buf.str();

  Problems problems;
  const Ctx ctx{path, problems};
  std::pair<model::Site, model::Catalog> out;
  if (auto doc = detail::parse_text(ctx, text)) out = read_project(ctx, *doc);
  if (!problems.empty()) throw SiteJsonError(problems.message(path));
  return out;
}

}  // namespace dctwin::data
