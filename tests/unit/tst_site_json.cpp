// Site JSON exchange (dctwin-site/2, reading /1 too): exact round trips, strict reading with the
// JSON pointer in every message, schema versioning, and the file write/read path.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <bit>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "data/catalog_io.h"
#include "data/site_json.h"
#include "model/site/catalog.h"
#include "model/site/site.h"
#include "model/site/templates.h"

using dctwin::data::SiteJsonError;
using nlohmann::json;
namespace model = dctwin::model;
namespace data = dctwin::data;

Q_DECLARE_METATYPE(std::string)
Q_DECLARE_METATYPE(nlohmann::json)
Q_DECLARE_METATYPE(std::optional<double>)

namespace {

// Every enum value, by count: a new value in site.h must be added here (and to the format doc).
constexpr int kContainmentCount = 3;
constexpr int kElecKindCount = 14;
constexpr int kSchemeCount = 5;
constexpr int kCoolKindCount = 9;

// A site that sets every field to a distinct, awkward value and uses every enum value.
model::Site full_site() {
  model::Site s;
  s.name = "Campus \"Stargate\" \u00e9\u4e2d / ~ \\ \n tab\t";
  s.location = {32.4487, -99.7331, 524.5};
  s.grid = {345e3, 12.5e9, 14.7, 1.2e9, 1.0 / 3.0 * 1e6};
  s.design_weather = {41.3, 1.0 / 3.0 + 25};

  model::Id next = 1;
  s.buildings.push_back({next++, "B1", 0.1, 0.2, 210.5, 96.25});
  s.buildings.push_back({next++, "", -0.0, 1e-310, std::numeric_limits<double>::max(), 2.0 / 3.0});
  for (int c = 0; c < kContainmentCount; ++c) {
    model::Hall h;
    h.id = next++;
    h.building_id = c == 0 ? model::kNoId : 1;
    h.name = "Hall " + std::to_string(c);
    h.x_m = 3.3 * c;
    h.y_m = 4.4;
    h.width_m = 60.1;
    h.depth_m = 40.7;
    h.height_m = 6.5;
    h.containment = static_cast<model::Containment>(c);
    h.tile_m = 0.6;
    s.halls.push_back(h);
  }
  s.rows.push_back({next++, 3, "Row A", 1.2, 2.4, 90.0});
  s.rows.push_back({next++, model::kNoId, "Row B", 0.0, 0.0, 270.0});

  for (int i = 0; i < kElecKindCount; ++i) {
    model::ElecNode n;
    n.id = next++;
    n.kind = static_cast<model::ElecKind>(i);
    n.name = std::string("node ") + model::to_string(n.kind);
    n.type = i == 0 ? "" : "type_" + std::to_string(i);
    n.building_id = i % 2 ? 1 : model::kNoId;
    n.hall_id = i % 3 ? 3 : model::kNoId;
    n.rating_w = 1.5e6 + i;
    n.voltage_v = i % 2 ? 800.0 : 415.0;
    n.dc = i % 2;
    n.side = i % 2 ? "A" : "";
    s.elec_nodes.push_back(n);
  }
  const model::Id first_node = s.elec_nodes.front().id;
  s.elec_edges.push_back(
      {next++, first_node, first_node + 1, "cable 1", 0.0123, 0.0456, 1e-6, 2e6, 120.0, false});
  s.elec_edges.push_back({next++, first_node + 1, model::kNoId, "", 0.1, 0.2, 0.0, 1.0, 0.0, true});

  for (int i = 0; i < kCoolKindCount; ++i) {
    model::CoolingUnit c;
    c.id = next++;
    c.kind = static_cast<model::CoolKind>(i);
    c.name = std::string("unit ") + model::to_string(c.kind);
    c.type = "cool_" + std::to_string(i);
    c.building_id = 2;
    c.hall_id = i < 3 ? 4 : model::kNoId;
    c.x_m = 1.0 + i;
    c.y_m = 2.0 + i;
    c.orientation_deg = 45.0 * i;
    c.capacity_w = 1.4e6;
    c.airflow_m3_s = 12.25;
    c.supply_temp_c = 24.5 + 0.1 * i;
    c.approach_k = 3.5;
    c.flow_m3_s = 0.05;
    c.loop_id = i == 3 ? model::kNoId : next;
    c.condenser_loop_id = i == 4 ? 7 : model::kNoId;
    // Water held: the loop (3) and the storage tank (8); none elsewhere.
    c.volume_m3 = i == 3 ? 125.5 : i == 8 ? 2000.0 / 3.0 : 0.0;
    // Motor feeds: the CRAH (0) on the mechanical board and a PDU, the CDU (2) on the LV
    // switchboard alone, the pump (7) on its B feed only; the rest unfed.
    c.feed_a = i == 0 ? first_node + 6 : i == 2 ? first_node + 5 : model::kNoId;
    c.feed_b = i == 0 ? first_node + 11 : i == 7 ? first_node + 10 : model::kNoId;
    s.cooling.push_back(c);
  }

  for (int i = 0; i < kSchemeCount; ++i) {
    model::RedundancyGroup g;
    g.id = next++;
    g.name = "group " + std::to_string(i);
    g.scheme = static_cast<model::RedundancyScheme>(i);
    g.members = i == 0 ? std::vector<model::Id>{} : std::vector<model::Id>{first_node, 9, 10};
    g.catcher = g.scheme == model::RedundancyScheme::BlockCatcher ? 10 : model::kNoId;
    s.groups.push_back(g);
  }

  for (int i = 0; i < 4; ++i) {
    model::Rack r;
    r.id = next++;
    r.row_id = i < 3 ? 6 : model::kNoId;
    r.name = "R" + std::to_string(i);
    r.type = "gb300_nvl72";
    r.x_m = 0.3 + 0.6 * i;
    r.y_m = 0.1 * i;
    r.orientation_deg = 180.0;
    if (i % 2) r.power_override_w = 132000.0 + 0.5 * i;
    r.feed_a = i == 3 ? model::kNoId : first_node + 9;
    r.feed_b = i == 0 ? model::kNoId : first_node + 10;
    r.cdu_id = i == 1 ? model::kNoId : 27;
    r.air_unit_id = i == 2 ? model::kNoId : 25;
    s.racks.push_back(r);
  }
  // An id far beyond 2^53: ids are integers in the file, never doubles.
  model::Rack big = s.racks.get(0);
  big.id = std::numeric_limits<model::Id>::max();
  big.feed_a = std::numeric_limits<model::Id>::max() - 1;
  s.racks.push_back(big);
  return s;
}

// A small catalog; it need not validate, the exchange format only carries it.
model::Catalog small_catalog() {
  model::Catalog c;
  c.sources["src"] = {"src", "A source", "https://example.org", "2025-06"};
  c.sources["est"] = {"est", "Engineering estimate", "", "2025"};
  model::CatalogItem rack;
  rack.key = "gb300_nvl72";
  rack.kind = model::ItemKind::Rack;
  rack.name = "NVIDIA GB300 NVL72";
  rack.params["nameplate_w"] = {136000.0, "src", ""};
  rack.params["liquid_fraction"] = {0.85, "est", "share of heat to liquid"};
  rack.curves["psu_efficiency"] = {"load_frac",       "efficiency", {0.1, 0.5, 1.0},
                                   {0.9, 0.96, 0.95}, "src",        "note"};
  c.items.emplace(rack.key, rack);
  model::CatalogItem pump;
  pump.key = "pump_a";
  pump.kind = model::ItemKind::Pump;
  pump.name = "Pump";
  pump.params["efficiency"] = {0.7, "est", ""};
  c.items.emplace(pump.key, pump);
  return c;
}

std::string error_of(const json& doc) {
  try {
    (void)data::project_from_json(doc, "broken.json");
  } catch (const SiteJsonError& e) {
    return e.what();
  }
  return {};
}

bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

std::string read_text(const QString& path) {
  std::ifstream in(path.toStdString(), std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace

class TestSiteJson : public QObject {
  Q_OBJECT

 private slots:
  void enumCountsMatchTheModel();
  void roundTripFullSite();
  void roundTripEmptySite();
  void documentShape();
  void zeroReferenceReadsAsNoId();
  void doublesBitExact_data();
  void doublesBitExact();
  void brokenDocument_data();
  void brokenDocument();
  void everyProblemIsListed();
  void newerSchemaRefused();
  void designWeatherRoundTrip_data();
  void designWeatherRoundTrip();
  void storageTank();
  void coolingFeeds();
  void readsVersion1();
  void readsVersion1Text();
  void version1FieldsOnly();
  void nonFiniteRefused();
  void fileRoundTrip();
  void fileErrors();
  void templatesRoundTrip_data();
  void templatesRoundTrip();
};

void TestSiteJson::enumCountsMatchTheModel() {
  // to_string gives a real name for each value counted here and "?" (or nothing) beyond.
  for (int i = 0; i < kContainmentCount; ++i)
    QVERIFY(model::containment_from_string(model::to_string(static_cast<model::Containment>(i))));
  for (int i = 0; i < kElecKindCount; ++i)
    QVERIFY(model::elec_kind_from_string(model::to_string(static_cast<model::ElecKind>(i))));
  for (int i = 0; i < kSchemeCount; ++i)
    QVERIFY(model::redundancy_scheme_from_string(
        model::to_string(static_cast<model::RedundancyScheme>(i))));
  for (int i = 0; i < kCoolKindCount; ++i)
    QVERIFY(model::cool_kind_from_string(model::to_string(static_cast<model::CoolKind>(i))));
  QCOMPARE(static_cast<int>(model::ElecKind::Battery), kElecKindCount - 1);
  QCOMPARE(static_cast<int>(model::CoolKind::StorageTank), kCoolKindCount - 1);
  QCOMPARE(std::string(model::to_string(model::CoolKind::StorageTank)),
           std::string("storage_tank"));
  QCOMPARE(static_cast<int>(model::RedundancyScheme::BlockCatcher), kSchemeCount - 1);
  QCOMPARE(static_cast<int>(model::Containment::ColdAisle), kContainmentCount - 1);
}

void TestSiteJson::roundTripFullSite() {
  const model::Site site = full_site();
  const model::Catalog cat = small_catalog();
  const json doc = data::project_to_json(site, cat);
  // Through text, as a file would go.
  const auto [site2, cat2] = data::project_from_json(json::parse(doc.dump(2)), "full.json");
  QVERIFY(site2 == site);
  QVERIFY(cat2 == cat);
  // The same text again: nothing drifts, and -0.0 and the denormal kept their bits.
  QCOMPARE(data::project_to_json(site2, cat2).dump(), doc.dump());
  QVERIFY(std::signbit(site2.buildings[1].x_m));
  QVERIFY(same_bits(site2.buildings[1].y_m, 1e-310));
  QCOMPARE(site2.racks.get(4).id, std::numeric_limits<model::Id>::max());
}

void TestSiteJson::roundTripEmptySite() {
  const model::Site site;
  const model::Catalog cat;
  const auto [site2, cat2] =
      data::project_from_json(json::parse(data::project_to_json(site, cat).dump()), "empty");
  QVERIFY(site2 == site);
  QVERIFY(cat2 == cat);
}

void TestSiteJson::documentShape() {
  const model::Site site = full_site();
  const json doc = data::project_to_json(site, small_catalog());
  QCOMPARE(doc["schema"], json("dctwin-site/2"));
  QCOMPARE(doc["catalog"]["schema"], json("dctwin-catalog/1"));
  const json& racks = doc["site"]["racks"];
  QVERIFY(racks.is_array());
  QCOMPARE(racks.size(), site.racks.size());
  // Rack 0: no override, single-corded (feed_b null); rack 1 has an override, no CDU.
  QVERIFY(racks[0]["power_override_w"].is_null());
  QVERIFY(racks[0]["feed_b"].is_null());
  QVERIFY(racks[0]["feed_a"].is_number_integer());
  QVERIFY(racks[0]["id"].is_number_integer());
  QCOMPARE(racks[1]["power_override_w"], json(132000.5));
  QVERIFY(racks[1]["cdu_id"].is_null());
  QVERIFY(doc["site"]["rows"][1]["hall_id"].is_null());
  QCOMPARE(doc["site"]["halls"][1]["containment"], json("hot_aisle"));
  QCOMPARE(doc["site"]["groups"][2]["scheme"],
           json(model::to_string(model::RedundancyScheme::TwoN)));
  QCOMPARE(doc["site"]["elec_nodes"][0]["kind"], json("grid_feed"));
  QVERIFY(doc["site"]["elec_nodes"][1]["dc"].is_boolean());
  // Field names are the model's member names, units included.
  for (const char* key : {"id", "row_id", "name", "type", "x_m", "y_m", "orientation_deg",
                          "power_override_w", "feed_a", "feed_b", "cdu_id", "air_unit_id"})
    QVERIFY2(racks[0].contains(key), key);
  QCOMPARE(racks[0].size(), std::size_t(12));
  // Schema 2: the design weather, and the water every cooling unit holds.
  QCOMPARE(doc["site"]["design_weather"],
           json({{"dry_bulb_c", 41.3}, {"wet_bulb_c", 1.0 / 3.0 + 25}}));
  const json& cooling = doc["site"]["cooling"];
  for (std::size_t i = 0; i < cooling.size(); ++i) {
    const json& c = cooling[i];
    QVERIFY(c["volume_m3"].is_number());
    // The optional feeds are there exactly when set, as integer ids.
    const model::CoolingUnit& u = site.cooling[i];
    QCOMPARE(c.contains("feed_a"), u.feed_a != model::kNoId);
    QCOMPARE(c.contains("feed_b"), u.feed_b != model::kNoId);
    if (c.contains("feed_a")) QCOMPARE(c["feed_a"], json(u.feed_a));
    if (c.contains("feed_b")) QCOMPARE(c["feed_b"], json(u.feed_b));
    QCOMPARE(c.size(), std::size_t(17) + c.contains("feed_a") + c.contains("feed_b"));
  }
  QCOMPARE(cooling[0].size(), std::size_t(19));
  QCOMPARE(cooling[3].size(), std::size_t(17));
  QCOMPARE(cooling[3]["volume_m3"], json(125.5));
  QCOMPARE(cooling[8]["kind"], json("storage_tank"));
}

void TestSiteJson::zeroReferenceReadsAsNoId() {
  // null is what dctwin writes; a 0 written by another tool means the same.
  json doc = data::project_to_json(full_site(), small_catalog());
  doc["site"]["racks"][0]["feed_b"] = 0;
  const auto [site, cat] = data::project_from_json(doc, "zero.json");
  QCOMPARE(site.racks.get(0).feed_b, model::kNoId);
}

void TestSiteJson::doublesBitExact_data() {
  QTest::addColumn<double>("value");
  QTest::newRow("0.1") << 0.1;
  QTest::newRow("1/3") << 1.0 / 3.0;
  QTest::newRow("-2/3") << -2.0 / 3.0;
  QTest::newRow("-0.0") << -0.0;
  QTest::newRow("integral") << 136000.0;
  QTest::newRow("2^53+2") << 9007199254740994.0;
  QTest::newRow("2^64") << 18446744073709551616.0;
  QTest::newRow("denormal min") << std::numeric_limits<double>::denorm_min();
  QTest::newRow("-denormal") << -3.5e-320;
  QTest::newRow("normal min") << std::numeric_limits<double>::min();
  QTest::newRow("max") << std::numeric_limits<double>::max();
  QTest::newRow("lowest") << std::numeric_limits<double>::lowest();
  QTest::newRow("one ulp above 1") << std::nextafter(1.0, 2.0);
  QTest::newRow("one ulp below 0.3") << std::nextafter(0.3, 0.0);
  QTest::newRow("latitude") << 32.44871234567891;
  QTest::newRow("epsilon") << std::numeric_limits<double>::epsilon();
}

void TestSiteJson::doublesBitExact() {
  QFETCH(double, value);
  model::Site site;
  model::Rack r;
  r.id = 1;
  r.x_m = value;
  r.power_override_w = value;
  site.racks.push_back(r);
  site.grid.x_over_r = value;
  site.location.latitude_deg = value;
  const std::string text = data::project_to_json(site, {}).dump(2);
  const auto [back, cat] = data::project_from_json(json::parse(text), "bits");
  QVERIFY2(same_bits(back.racks.get(0).x_m, value), text.c_str());
  QVERIFY(same_bits(*back.racks.get(0).power_override_w, value));
  QVERIFY(same_bits(back.grid.x_over_r, value));
  QVERIFY(same_bits(back.location.latitude_deg, value));
}

void TestSiteJson::brokenDocument_data() {
  QTest::addColumn<json>("doc");
  QTest::addColumn<QString>("expected");  // text the message must contain, pointer first

  const json base = data::project_to_json(full_site(), small_catalog());
  auto row = [&](const char* name, const char* pointer, const json& value, const char* text) {
    json d = base;
    d[json::json_pointer(pointer)] = value;
    QTest::newRow(name) << d << QString("broken.json: %1: %2").arg(pointer, text);
  };
  auto erased = [&](const char* name, const char* parent, const char* key, const char* text) {
    json d = base;
    d[json::json_pointer(parent)].erase(key);
    QTest::newRow(name) << d << QString("broken.json: %1/%2: %3").arg(parent, key, text);
  };

  QTest::newRow("top level array")
      << json::array({1}) << QString("broken.json: top level: expected an object");
  erased("schema missing", "", "schema", "missing \"schema\"");
  row("schema of a catalog", "/schema", "dctwin-catalog/1", "unknown schema \"dctwin-catalog/1\"");
  row("schema a number", "/schema", 1, "expected the string \"dctwin-site/2\"");
  row("schema version 0", "/schema", "dctwin-site/0", "unknown schema \"dctwin-site/0\"");
  erased("site missing", "", "site", "missing required field");
  erased("catalog missing", "", "catalog", "missing required field");
  row("unknown top-level field", "/comment", "hello", "unknown field \"comment\"");
  row("site not an object", "/site", json::array(), "expected an object");
  row("name a number", "/site/name", 7, "expected a string");
  row("latitude a string", "/site/location/latitude_deg", "32.4",
      "expected a number, got the string \"32.4\": write 32.4 without quotes");
  erased("grid field missing", "/site/grid", "x_over_r", "missing required field \"x_over_r\"");
  row("grid field typo", "/site/grid/x_over_rr", 1.0,
      "unknown field \"x_over_rr\" (did you mean \"x_over_r\"?)");
  row("buildings an object", "/site/buildings", json::object(), "expected an array");
  row("id a fraction", "/site/buildings/0/id", 1.5, "expected an integer id, got the number 1.5");
  row("id a string", "/site/buildings/1/id", "2", "expected an integer id");
  row("id out of range", "/site/buildings/1/id", std::numeric_limits<std::uint64_t>::max(),
      "id 18446744073709551615 is out of range");
  row("id null", "/site/rows/0/id", nullptr, "expected an integer id");
  row("bad containment", "/site/halls/1/containment", "hot",
      "unknown value \"hot\": use one of none, hot_aisle, cold_aisle");
  row("containment a number", "/site/halls/1/containment", 1, "expected one of the strings");
  row("reference a boolean", "/site/halls/0/building_id", true,
      "expected an integer id, or null for \"not connected\"");
  erased("hall field missing", "/site/halls/2", "tile_m", "missing required field");
  row("row orientation null", "/site/rows/0/orientation_deg", nullptr, "expected a number");
  row("override a string", "/site/racks/0/power_override_w", "132 kW",
      "expected a number, or null when absent");
  row("feed a fraction", "/site/racks/0/feed_a", 2.5,
      "expected an integer id, or null for \"not connected\", got the number 2.5: write the id "
      "as a whole number, without a decimal point");
  row("rack field typo", "/site/racks/2/nmae", "R2", "unknown field \"nmae\"");
  erased("rack field missing", "/site/racks/1", "x_m", "missing required field \"x_m\"");
  row("rack not an object", "/site/racks/3", "R3", "expected an object");
  row("bad elec kind", "/site/elec_nodes/2/kind", "transformer", "unknown value \"transformer\"");
  row("dc a number", "/site/elec_nodes/1/dc", 1, "expected true or false");
  row("side null", "/site/elec_nodes/1/side", nullptr, "expected a string");
  row("normally_open a string", "/site/elec_edges/0/normally_open", "false",
      "expected true or false");
  row("edge from a string", "/site/elec_edges/1/from", "9",
      "expected an integer id, or null for \"not connected\", got the string \"9\": write the "
      "id as a number, without quotes");
  row("bad cool kind", "/site/cooling/4/kind", "tower", "unknown value \"tower\"");
  // A cooling unit's feeds are read as a rack's cords, with the same messages.
  row("cooling feed a fraction", "/site/cooling/0/feed_a", 2.5,
      "expected an integer id, or null for \"not connected\", got the number 2.5: write the id "
      "as a whole number, without a decimal point");
  row("cooling feed a string", "/site/cooling/2/feed_b", "MCC-1",
      "expected an integer id, or null for \"not connected\", got the string \"MCC-1\": write "
      "the id as a number, without quotes");
  row("cooling feed out of range", "/site/cooling/7/feed_b",
      std::numeric_limits<std::uint64_t>::max(), "id 18446744073709551615 is out of range");
  row("cooling feed typo", "/site/cooling/1/feed_c", 12,
      "unknown field \"feed_c\" (did you mean \"feed_a\"?)");
  erased("cooling field missing", "/site/cooling/0", "condenser_loop_id", "missing");
  erased("volume missing", "/site/cooling/3", "volume_m3", "missing required field \"volume_m3\"");
  row("volume a string", "/site/cooling/8/volume_m3", "2000 m3", "expected a number");
  row("volume null", "/site/cooling/8/volume_m3", nullptr, "expected a number");
  row("bad tank kind", "/site/cooling/8/kind", "tank",
      "unknown value \"tank\": use one of crah, fan_wall, cdu, water_loop, chiller, "
      "cooling_tower, dry_cooler, pump, storage_tank");
  erased("design weather missing", "/site", "design_weather",
         "missing required field \"design_weather\"");
  row("design weather null", "/site/design_weather", nullptr, "expected an object");
  erased("wet-bulb missing", "/site/design_weather", "wet_bulb_c",
         "missing required field \"wet_bulb_c\"");
  row("dry-bulb a string", "/site/design_weather/dry_bulb_c", "35",
      "expected a number, or null when absent");
  row("design weather typo", "/site/design_weather/wetbulb_c", 20.0,
      "unknown field \"wetbulb_c\" (did you mean \"wet_bulb_c\"?)");
  row("scheme wrong case", "/site/groups/2/scheme", "2N", "unknown value \"2N\"");
  row("member a string", "/site/groups/1/members/1", "x", "expected an integer id");
  row("member null", "/site/groups/1/members/0", nullptr, "expected an integer id");
  row("members null", "/site/groups/1/members", nullptr, "expected an array of integer ids");
  row("catcher a float", "/site/groups/4/catcher", 10.0, "expected an integer id");
  row("catalog schema", "/catalog/schema", "dctwin-catalog/9",
      "this file uses schema \"dctwin-catalog/9\", newer than this version");
  row("catalog value a string", "/catalog/items/0/params/nameplate_w/value", "136000",
      "expected a number");
  row("catalog kind", "/catalog/items/1/kind", "pmp", "unknown value \"pmp\"");
  row("catalog source typo", "/catalog/sources/src/tilte", "x", "unknown field \"tilte\"");
}

void TestSiteJson::brokenDocument() {
  QFETCH(json, doc);
  QFETCH(QString, expected);
  const QString msg = QString::fromStdString(error_of(doc));
  QVERIFY2(!msg.isEmpty(), "no SiteJsonError");
  QVERIFY2(msg.contains(expected), qPrintable(msg));
}

void TestSiteJson::everyProblemIsListed() {
  json doc = data::project_to_json(full_site(), small_catalog());
  doc["site"]["racks"][0]["x_m"] = "0.3";
  doc["site"]["racks"][3]["feed_a"] = "A";
  doc["site"]["halls"][0]["containment"] = "hot";
  doc["catalog"]["items"][1]["kind"] = "pmp";
  const QString msg = QString::fromStdString(error_of(doc));
  QVERIFY2(msg.startsWith("broken.json: 4 problems:"), qPrintable(msg));
  for (const char* p : {"/site/racks/0/x_m", "/site/racks/3/feed_a", "/site/halls/0/containment",
                        "/catalog/items/1/kind"})
    QVERIFY2(msg.contains(QString("broken.json: ") + p), qPrintable(msg));
}

void TestSiteJson::newerSchemaRefused() {
  json doc = data::project_to_json(full_site(), small_catalog());
  doc["schema"] = "dctwin-site/3";
  // A newer file may have fields this version does not know: only the version is reported.
  doc["site"]["future_field"] = 1;
  const QString msg = QString::fromStdString(error_of(doc));
  QCOMPARE(msg, QString("broken.json: /schema: this file uses schema \"dctwin-site/3\", newer "
                        "than this version of dctwin reads (\"dctwin-site/2\"): open it with a "
                        "newer dctwin"));
  doc["schema"] = "dctwin-site/12";
  QVERIFY(QString::fromStdString(error_of(doc)).contains("newer than this version"));
}

void TestSiteJson::designWeatherRoundTrip_data() {
  QTest::addColumn<std::optional<double>>("dryBulb");
  QTest::addColumn<std::optional<double>>("wetBulb");
  QTest::newRow("both set") << std::optional(35.0) << std::optional(0.1 + 0.2);
  QTest::newRow("dry-bulb only") << std::optional(-40.0) << std::optional<double>();
  QTest::newRow("wet-bulb only") << std::optional<double>() << std::optional(-0.0);
  QTest::newRow("neither") << std::optional<double>() << std::optional<double>();
}

void TestSiteJson::designWeatherRoundTrip() {
  QFETCH(std::optional<double>, dryBulb);
  QFETCH(std::optional<double>, wetBulb);
  model::Site site = full_site();
  site.design_weather = {dryBulb, wetBulb};
  const json doc = data::project_to_json(site, small_catalog());
  // Not set: null, never left out.
  QCOMPARE(doc["site"]["design_weather"]["dry_bulb_c"].is_null(), !dryBulb);
  QCOMPARE(doc["site"]["design_weather"]["wet_bulb_c"].is_null(), !wetBulb);
  const auto [site2, cat2] = data::project_from_json(json::parse(doc.dump()), "weather.json");
  QVERIFY(site2 == site);
  QCOMPARE(site2.design_weather.dry_bulb_c, dryBulb);
  QCOMPARE(site2.design_weather.wet_bulb_c, wetBulb);
  if (wetBulb) QCOMPARE(std::signbit(*site2.design_weather.wet_bulb_c), std::signbit(*wetBulb));
}

void TestSiteJson::storageTank() {
  // A loop with a storage tank on it: the kind and the volumes come back exactly.
  model::Site site;
  model::CoolingUnit loop;
  loop.id = 1;
  loop.kind = model::CoolKind::WaterLoop;
  loop.name = "CHW";
  loop.volume_m3 = 85.25;
  model::CoolingUnit tank;
  tank.id = 2;
  tank.kind = model::CoolKind::StorageTank;
  tank.name = "TES 1";
  tank.loop_id = 1;
  tank.volume_m3 = 4000.0 / 3.0;
  site.cooling = {loop, tank};
  const json doc = data::project_to_json(site, {});
  QCOMPARE(doc["site"]["cooling"][1]["kind"], json("storage_tank"));
  const auto [site2, cat2] = data::project_from_json(json::parse(doc.dump(2)), "tank.json");
  QVERIFY(site2 == site);
  QCOMPARE(site2.cooling.at(1).kind, model::CoolKind::StorageTank);
  QVERIFY(same_bits(site2.cooling.at(1).volume_m3, 4000.0 / 3.0));
}

void TestSiteJson::coolingFeeds() {
  // A mechanical board feeding a CRAH on both cords and a chiller on one; a loop is not fed.
  model::Site site;
  site.elec_nodes.push_back({10, model::ElecKind::MechanicalBoard, "MCC-1", "mcc_415v_4000a",
                             model::kNoId, model::kNoId, 2.8e6, 415, false, "A"});
  site.elec_nodes.push_back({11, model::ElecKind::MechanicalBoard, "MCC-2", "mcc_415v_4000a",
                             model::kNoId, model::kNoId, 2.8e6, 415, false, "B"});
  model::CoolingUnit loop, crah, chiller;
  loop.id = 1;
  loop.kind = model::CoolKind::WaterLoop;
  crah.id = 2;
  crah.kind = model::CoolKind::Crah;
  crah.loop_id = 1;
  crah.feed_a = 10;
  crah.feed_b = 11;
  chiller.id = 3;
  chiller.kind = model::CoolKind::Chiller;
  chiller.loop_id = 1;
  chiller.feed_a = std::numeric_limits<model::Id>::max();  // an integer, never a double
  site.cooling = {loop, crah, chiller};
  const json doc = data::project_to_json(site, {});
  const json& c = doc["site"]["cooling"];
  QVERIFY(!c[0].contains("feed_a") && !c[0].contains("feed_b"));
  QCOMPARE(c[1]["feed_a"], json(10));
  QCOMPARE(c[1]["feed_b"], json(11));
  QVERIFY(c[2]["feed_a"].is_number_integer());
  QVERIFY(!c[2].contains("feed_b"));
  const auto [back, cat] = data::project_from_json(json::parse(doc.dump(2)), "feeds.json");
  QVERIFY(back == site);
  QCOMPARE(back.cooling[2].feed_a, std::numeric_limits<model::Id>::max());

  // Absent, null and 0 all read as "not fed" (another tool may write any of them).
  json other = doc;
  other["site"]["cooling"][1].erase("feed_a");
  other["site"]["cooling"][1]["feed_b"] = nullptr;
  other["site"]["cooling"][2]["feed_a"] = 0;
  const auto [unfed, cat2] = data::project_from_json(other, "unfed.json");
  for (const auto& u : unfed.cooling) {
    QCOMPARE(u.feed_a, model::kNoId);
    QCOMPARE(u.feed_b, model::kNoId);
  }
  // ... and are written back as absent.
  // (The document is named: a range-for over a temporary's element would read freed memory.)
  const json written = data::project_to_json(unfed, {});
  for (const json& u : written["site"]["cooling"])
    QVERIFY(!u.contains("feed_a") && !u.contains("feed_b"));
}

namespace {
/// A "dctwin-site/1" document of the site: what dctwin wrote before schema 2.
json as_version1(json doc) {
  doc["schema"] = "dctwin-site/1";
  doc["site"].erase("design_weather");
  for (json& c : doc["site"]["cooling"]) {
    c.erase("volume_m3");
    c.erase("feed_a");
    c.erase("feed_b");
  }
  return doc;
}
}  // namespace

void TestSiteJson::readsVersion1() {
  const model::Site site = full_site();
  const json v1 = as_version1(data::project_to_json(site, small_catalog()));
  const auto [site2, cat2] = data::project_from_json(json::parse(v1.dump(2)), "v1.json");
  // Everything /1 had comes back; what it did not have reads as none / not set.
  model::Site expected = site;
  for (auto& c : expected.cooling) {
    c.volume_m3 = 0;
    c.feed_a = c.feed_b = model::kNoId;
  }
  expected.design_weather = {};
  QVERIFY(site2 == expected);
  QVERIFY(cat2 == small_catalog());
  // Written again, it is a /2 document.
  QCOMPARE(data::project_to_json(site2, cat2)["schema"], json("dctwin-site/2"));
}

void TestSiteJson::readsVersion1Text() {
  // Written by hand as dctwin 0.1 wrote it, so that the test does not depend on today's writer.
  const std::string text = R"({
  "catalog": {"items": [], "schema": "dctwin-catalog/1", "sources": {}},
  "schema": "dctwin-site/1",
  "site": {
    "buildings": [{"depth_m": 30, "id": 1, "name": "B1", "width_m": 40, "x_m": 0, "y_m": 0}],
    "cooling": [
      {"airflow_m3_s": 0, "approach_k": 0, "building_id": 1, "capacity_w": 0,
       "condenser_loop_id": null, "flow_m3_s": 0.02, "hall_id": null, "id": 30,
       "kind": "water_loop", "loop_id": null, "name": "Loop 1", "orientation_deg": 0,
       "supply_temp_c": 32, "type": "", "x_m": 0, "y_m": 0},
      {"airflow_m3_s": 0, "approach_k": 0, "building_id": 1, "capacity_w": 0,
       "condenser_loop_id": null, "flow_m3_s": 0.025, "hall_id": null, "id": 33,
       "kind": "pump", "loop_id": 30, "name": "P 1", "orientation_deg": 0,
       "supply_temp_c": 0, "type": "pump_test", "x_m": 0, "y_m": 0}
    ],
    "elec_edges": [],
    "elec_nodes": [],
    "grid": {"contracted_import_w": 2000000.0, "poi_voltage_v": 110000.0,
             "ramp_limit_w_per_s": 200000.0, "short_circuit_va": 2500000000.0, "x_over_r": 10},
    "groups": [],
    "halls": [],
    "location": {"elevation_m": 34, "latitude_deg": 52.5, "longitude_deg": 13.25},
    "name": "Tiny v1 site",
    "racks": [],
    "rows": []
  }
})";
  const auto [site, cat] = data::project_from_json(json::parse(text), "v1-text.json");
  QCOMPARE(site.name, std::string("Tiny v1 site"));
  QCOMPARE(site.grid.ramp_limit_w_per_s, 200000.0);
  QCOMPARE(site.cooling.size(), std::size_t(2));
  QCOMPARE(site.cooling[1].kind, model::CoolKind::Pump);
  QCOMPARE(site.cooling[1].loop_id, model::Id(30));
  QCOMPARE(site.cooling[0].volume_m3, 0.0);
  QCOMPARE(site.cooling[1].volume_m3, 0.0);
  QVERIFY(!site.design_weather.dry_bulb_c && !site.design_weather.wet_bulb_c);
}

void TestSiteJson::version1FieldsOnly() {
  // A /1 document holds the fields of /1: the /2 fields there are mistakes, reported as such.
  json v1 = as_version1(data::project_to_json(full_site(), small_catalog()));
  v1["site"]["cooling"][3]["volume_m3"] = 12.0;
  v1["site"]["design_weather"] = {{"dry_bulb_c", nullptr}, {"wet_bulb_c", nullptr}};
  v1["site"]["cooling"][0]["feed_a"] = 9;
  const QString msg = QString::fromStdString(error_of(v1));
  QVERIFY2(msg.contains("broken.json: /site/cooling/0/feed_a: unknown field \"feed_a\""),
           qPrintable(msg));
  QVERIFY2(msg.contains("broken.json: /site/cooling/3/volume_m3: unknown field \"volume_m3\""),
           qPrintable(msg));
  QVERIFY2(msg.contains("broken.json: /site/design_weather: unknown field \"design_weather\""),
           qPrintable(msg));
  // And a /2 document needs them (see brokenDocument): the schema string decides.
  json v2 = as_version1(data::project_to_json(full_site(), small_catalog()));
  v2["schema"] = "dctwin-site/2";
  QVERIFY(QString::fromStdString(error_of(v2)).contains("missing required field \"volume_m3\""));
}

void TestSiteJson::nonFiniteRefused() {
  model::Site site = full_site();
  model::Rack r = site.racks.get(2);
  r.x_m = std::numeric_limits<double>::infinity();
  site.racks.set(2, r);
  QString msg;
  try {
    (void)data::project_to_json(site, small_catalog());
  } catch (const SiteJsonError& e) {
    msg = e.what();
  }
  QVERIFY2(msg.contains("/site/racks/2/x_m"), qPrintable(msg));

  model::Catalog cat = small_catalog();
  cat.items.at("pump_a").params.at("efficiency").value = std::nan("");
  msg.clear();
  try {
    (void)data::project_to_json(full_site(), cat);
  } catch (const SiteJsonError& e) {
    msg = e.what();
  }
  QVERIFY2(msg.contains("/catalog/items/1/params/efficiency/value"), qPrintable(msg));
}

void TestSiteJson::fileRoundTrip() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const QString path = dir.filePath("site.json");
  const model::Site site = full_site();
  const model::Catalog cat = small_catalog();
  data::write_project_json(path.toStdString(), site, cat);
  QVERIFY(!QFile::exists(path + ".tmp"));

  const std::string text = read_text(path);
  QVERIFY(text.starts_with("{\n  \"catalog\": {\n    \""));  // pretty, 2-space indent
  QVERIFY(text.ends_with("}\n"));
  const auto [site2, cat2] = data::read_project_json(path.toStdString());
  QVERIFY(site2 == site);
  QVERIFY(cat2 == cat);

  // Writing again replaces the file whole.
  data::write_project_json(path.toStdString(), model::Site{}, cat);
  QVERIFY(data::read_project_json(path.toStdString()).first == model::Site{});
  QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"site.json"});
}

void TestSiteJson::fileErrors() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  auto message = [](auto&& f) -> QString {
    try {
      f();
    } catch (const SiteJsonError& e) {
      return e.what();
    }
    return {};
  };

  const std::string missing = dir.filePath("missing.json").toStdString();
  QString msg = message([&] { (void)data::read_project_json(missing); });
  QVERIFY2(msg.startsWith(QString::fromStdString(missing) + ": cannot read"), qPrintable(msg));

  const std::string nodir = dir.filePath("no/such/dir/site.json").toStdString();
  msg = message([&] { data::write_project_json(nodir, {}, {}); });
  QVERIFY2(msg.startsWith(QString::fromStdString(nodir) + ": cannot create"), qPrintable(msg));

  const std::string syntax = dir.filePath("syntax.json").toStdString();
  std::ofstream(syntax) << "{\n  \"schema\": \"dctwin-site/2\",\n  \"site\": {,\n}";
  msg = message([&] { (void)data::read_project_json(syntax); });
  QVERIFY2(
      msg.startsWith(QString::fromStdString(syntax) + ": not valid JSON") && msg.contains("line 3"),
      qPrintable(msg));

  // A key given twice in one object: nlohmann would keep the last silently; the reader refuses.
  const std::string dup = dir.filePath("dup.json").toStdString();
  std::string text = data::project_to_json(full_site(), small_catalog()).dump(2);
  const std::string needle = "\"name\": \"Row A\",";
  text.replace(text.find(needle), needle.size(), needle + " \"name\": \"Row A2\",");
  std::ofstream(dup) << text;
  msg = message([&] { (void)data::read_project_json(dup); });
  QVERIFY2(msg.contains(QString::fromStdString(dup) + ": /site/rows/0/name: this key appears "
                                                      "more than once"),
           qPrintable(msg));

  // A number beyond a double: nlohmann throws out_of_range without a position; the reader names
  // the field instead of aborting.
  const std::string huge = dir.filePath("huge.json").toStdString();
  text = data::project_to_json(full_site(), small_catalog()).dump(2);
  text.replace(text.find(needle), needle.size(), needle + " \"x_m\": -1e999,");
  std::ofstream(huge) << text;
  msg = message([&] { (void)data::read_project_json(huge); });
  QVERIFY2(msg.contains(QString::fromStdString(huge) +
                        ": /site/rows/0/x_m: the number -1e999 is too large"),
           qPrintable(msg));

  const std::string badutf8 = dir.filePath("badutf8.json").toStdString();
  model::Site site;
  site.name = "\xff\xfe";
  msg = message([&] { data::write_project_json(badutf8, site, {}); });
  QVERIFY2(msg.contains("UTF-8"), qPrintable(msg));
  QVERIFY(!QFile::exists(QString::fromStdString(badutf8)));
}

void TestSiteJson::templatesRoundTrip_data() {
  QTest::addColumn<std::string>("name");
  for (const model::TemplateInfo& t : model::site_templates())
    QTest::newRow(t.name.c_str()) << t.name;
}

void TestSiteJson::templatesRoundTrip() {
  QFETCH(std::string, name);
  const model::Catalog& cat = data::builtin_catalog();
  const model::Site site = model::make_site_from_template(name, {}, cat);
  QVERIFY(!site.racks.empty());
  const std::string text = data::project_to_json(site, cat).dump(2);
  const auto [site2, cat2] = data::project_from_json(json::parse(text), name);
  QVERIFY(site2 == site);
  QVERIFY(cat2 == cat);
}

QTEST_APPLESS_MAIN(TestSiteJson)
#include "tst_site_json.moc"
