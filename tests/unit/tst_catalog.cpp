// The equipment catalog files: the built-in catalog, strict reading with file and JSON pointer in
// every message, merging several files, writing, and curve interpolation.
#include <QTemporaryDir>
#include <QtTest>
#include <bit>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "data/catalog_io.h"
#include "model/site/catalog.h"

using dctwin::data::CatalogError;
using nlohmann::json;
namespace model = dctwin::model;
namespace data = dctwin::data;

Q_DECLARE_METATYPE(std::string)

namespace {

// A catalog item of `kind` that validates: every required parameter and curve, each citing "src".
json valid_item(model::ItemKind kind, const std::string& key) {
  json params = json::object();
  for (const auto& p : model::schema_for(kind).params)
    params[p] = {{"value", 1.0}, {"source", "src"}};
  if (kind == model::ItemKind::Rack) {
    // Racks must satisfy idle <= typical <= nameplate <= peak.
    params["idle_w"]["value"] = 30000.0;
    params["typical_w"]["value"] = 110000.0;
    params["nameplate_w"]["value"] = 136000.0;
    params["peak_w"]["value"] = 160000.0;
  }
  json curves = json::object();
  for (const auto& c : model::schema_for(kind).curves)
    curves[c] = {{"x_name", "load_frac"},
                 {"y_name", "efficiency"},
                 {"x", {0.1, 0.5, 1.0}},
                 {"y", {0.90, 0.96, 0.95}},
                 {"source", "src"}};
  return {{"key", key},
          {"kind", model::to_string(kind)},
          {"name", "Test " + key},
          {"params", params},
          {"curves", curves}};
}

json valid_doc() {
  return {
      {"schema", "dctwin-catalog/1"},
      {"sources",
       {{"src", {{"title", "Test source"}, {"url", "https://example.org"}, {"date", "2025-06"}}}}},
      {"items", {valid_item(model::ItemKind::Rack, "rack_a")}}};
}

std::string message_of(const std::vector<std::pair<std::string, std::string>>& docs) {
  try {
    (void)data::parse_catalog(docs);
  } catch (const CatalogError& e) {
    return e.what();
  }
  return {};
}

bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

}  // namespace

class TestCatalog : public QObject {
  Q_OBJECT

 private slots:
  void builtinCatalogValidates();
  void builtinItemsHaveRequiredFields();
  void builtinValuesNameKnownSources();
  void validDocumentParses();
  void brokenDocument_data();
  void brokenDocument();
  void everyProblemIsListed();
  void duplicateItemAcrossFiles();
  void conflictingSourceAcrossFiles();
  void sourcesAndItemsInSeparateFiles();
  void loadFiles();
  void roundTripBuiltin();
  void roundTripBitExact_data();
  void roundTripBitExact();
  void catalogFromJsonSkipsValidation();
  void nonFiniteRefused();
  void curveAt_data();
  void curveAt();
};

void TestCatalog::builtinCatalogValidates() {
  const model::Catalog* cat = nullptr;
  try {
    cat = &data::builtin_catalog();
  } catch (const CatalogError& e) {
    QFAIL(e.what());
  }
  QVERIFY2(!cat->items.empty(), "the built-in catalog has no items: is resources/catalog empty?");
  QVERIFY(!cat->sources.empty());
  QVERIFY(!cat->of_kind(model::ItemKind::Rack).empty());
  const auto problems = cat->validate();
  QString all;
  for (const auto& p : problems)
    all += QString::fromStdString(p.item_key + " " + p.field + ": " + p.message + "\n");
  QVERIFY2(problems.empty(), qPrintable(all));
}

void TestCatalog::builtinItemsHaveRequiredFields() {
  const model::Catalog& cat = data::builtin_catalog();
  for (const auto& [key, item] : cat.items) {
    QCOMPARE(QString::fromStdString(item.key), QString::fromStdString(key));
    const model::KindSchema& schema = model::schema_for(item.kind);
    for (const auto& p : schema.params)
      QVERIFY2(item.has(p), qPrintable(QString::fromStdString(key + " lacks " + p)));
    for (const auto& c : schema.curves)
      QVERIFY2(item.curves.count(c), qPrintable(QString::fromStdString(key + " lacks " + c)));
  }
  // Racks above all: every solver reads them through rack_spec().
  for (const model::CatalogItem* rack : cat.of_kind(model::ItemKind::Rack)) {
    const model::RackSpec spec = model::rack_spec(*rack);
    QVERIFY(spec.nameplate_w > 0);
    QVERIFY(spec.idle_w <= spec.typical_w && spec.typical_w <= spec.nameplate_w);
    QVERIFY(spec.nameplate_w <= spec.peak_w);
    QVERIFY(spec.liquid_fraction >= 0 && spec.liquid_fraction <= 1);
  }
}

void TestCatalog::builtinValuesNameKnownSources() {
  const model::Catalog& cat = data::builtin_catalog();
  auto check = [&](const std::string& what, const std::string& source_id) {
    const auto it = cat.sources.find(source_id);
    QVERIFY2(
        it != cat.sources.end(),
        qPrintable(QString::fromStdString(what + " cites unknown source '" + source_id + "'")));
    QVERIFY2(!it->second.title.empty(), qPrintable(QString::fromStdString(source_id)));
    QVERIFY2(!it->second.date.empty(), qPrintable(QString::fromStdString(source_id)));
  };
  for (const auto& [key, item] : cat.items) {
    for (const auto& [name, v] : item.params) check(key + "/params/" + name, v.source_id);
    for (const auto& [name, c] : item.curves) check(key + "/curves/" + name, c.source_id);
  }
}

void TestCatalog::validDocumentParses() {
  json doc = valid_doc();
  doc["items"].push_back(valid_item(model::ItemKind::Ups, "ups_a"));
  doc["items"][0]["params"]["nameplate_w"]["note"] = "derived from the SimReady asset";
  const model::Catalog cat = data::parse_catalog({{"test.json", doc.dump()}});
  QCOMPARE(cat.items.size(), std::size_t(2));
  QCOMPARE(cat.at("rack_a").get("nameplate_w"), 136000.0);
  QCOMPARE(cat.at("rack_a").params.at("nameplate_w").note,
           std::string("derived from the SimReady asset"));
  QCOMPARE(cat.at("ups_a").kind, model::ItemKind::Ups);
  QCOMPARE(cat.sources.at("src").date, std::string("2025-06"));
  QCOMPARE(cat.sources.at("src").id, std::string("src"));
  // url may be left out (an engineering estimate has none).
  doc["sources"]["src"].erase("url");
  QCOMPARE(data::parse_catalog({{"test.json", doc.dump()}}).sources.at("src").url, std::string());
}

void TestCatalog::brokenDocument_data() {
  QTest::addColumn<std::string>("text");
  QTest::addColumn<QString>("expected");  // the JSON pointer (or other text) the message names

  auto row = [](const char* name, const json& doc, const char* expected) {
    QTest::newRow(name) << doc.dump() << QString(expected);
  };
  auto with = [](auto&& edit) {
    json doc = valid_doc();
    edit(doc);
    return doc;
  };
  const json::json_pointer np("/items/0/params/nameplate_w");

  QTest::newRow("not JSON") << std::string("{\"schema\": \"dctwin-catalog/1\",\n  \"items\": [}")
                            << QString("line 2");
  QTest::newRow("duplicate object key") << std::string(R"({"schema": "dctwin-catalog/1", "items": [
        {"key": "r", "kind": "rack", "name": "A", "name": "B"}]})")
                                        << QString("/items/0/name");
  row("top level array", json::array(), "top level: expected an object");
  row("missing schema", with([](json& d) { d.erase("schema"); }), "/schema: missing");
  row("schema of a site file", with([](json& d) { d["schema"] = "dctwin-site/1"; }),
      "/schema: unknown schema");
  row("schema not a string", with([](json& d) { d["schema"] = 1; }), "/schema: expected");
  row("newer schema", with([](json& d) { d["schema"] = "dctwin-catalog/2"; }),
      "/schema: this file uses schema \"dctwin-catalog/2\", newer");
  row("unknown top-level field", with([](json& d) { d["itmes"] = json::array(); }),
      "/itmes: unknown field");
  row("sources not an object", with([](json& d) { d["sources"] = json::array(); }),
      "/sources: expected an object");
  row("source without title", with([](json& d) { d["sources"]["src"].erase("title"); }),
      "/sources/src/title: missing");
  row("source title a number", with([](json& d) { d["sources"]["src"]["title"] = 3; }),
      "/sources/src/title: expected a string");
  row("source unknown field", with([](json& d) { d["sources"]["src"]["dated"] = "2025"; }),
      "/sources/src/dated: unknown field");
  row("items not an array", with([](json& d) { d["items"] = json::object(); }),
      "/items: expected an array");
  row("item not an object", with([](json& d) { d["items"][0] = "rack"; }),
      "/items/0: expected an object");
  row("item field typo", with([](json& d) { d["items"][0]["nmae"] = "x"; }),
      "/items/0/nmae: unknown field \"nmae\" (did you mean \"name\"?)");
  row("item without kind", with([](json& d) { d["items"][0].erase("kind"); }),
      "/items/0/kind: missing");
  row("unknown kind", with([](json& d) { d["items"][0]["kind"] = "rak"; }),
      "/items/0/kind: unknown value \"rak\"");
  row("empty key", with([](json& d) { d["items"][0]["key"] = ""; }), "/items/0/key");
  row("value as a string", with([&](json& d) { d[np]["value"] = "136000"; }),
      "/items/0/params/nameplate_w/value: expected a number");
  row("value missing", with([&](json& d) { d[np].erase("value"); }),
      "/items/0/params/nameplate_w/value: missing");
  row("value without source", with([&](json& d) { d[np].erase("source"); }),
      "/items/0/params/nameplate_w/source: missing");
  row("value field typo", with([&](json& d) { d[np]["vale"] = 1; }),
      "/items/0/params/nameplate_w/vale: unknown field");
  row("param not an object", with([&](json& d) { d[np] = 136000; }),
      "/items/0/params/nameplate_w: expected an object");
  row("params not an object", with([](json& d) { d["items"][0]["params"] = json::array(); }),
      "/items/0/params: expected an object");
  row("curve x not an array",
      with([](json& d) { d["items"][0]["curves"]["psu_efficiency"]["x"] = 0.5; }),
      "/items/0/curves/psu_efficiency/x: expected an array");
  row("curve y element a string",
      with([](json& d) { d["items"][0]["curves"]["psu_efficiency"]["y"][1] = "0.96"; }),
      "/items/0/curves/psu_efficiency/y/1: expected a number");
  row("duplicate key in one file",
      with([](json& d) { d["items"].push_back(valid_item(model::ItemKind::Rack, "rack_a")); }),
      "/items/1/key: item key \"rack_a\" is already defined at /items/0");
  // Semantic problems found by Catalog::validate(), placed at the item they belong to.
  row("unknown source", with([&](json& d) { d[np]["source"] = "nosuch"; }),
      "/items/0/params/nameplate_w: item \"rack_a\": unknown source 'nosuch'");
  row("missing required parameter", with([](json& d) { d["items"][0]["params"].erase("idle_w"); }),
      "/items/0/params/idle_w: item \"rack_a\": missing parameter");
  row("missing required curve", with([](json& d) { d["items"][0]["curves"] = json::object(); }),
      "/items/0/curves/psu_efficiency: item \"rack_a\": missing curve");
  row("fraction out of range",
      with([](json& d) { d["items"][0]["params"]["liquid_fraction"]["value"] = 1.5; }),
      "/items/0/params/liquid_fraction: item \"rack_a\": a fraction");
  row("curve not increasing", with([](json& d) {
        d["items"][0]["curves"]["psu_efficiency"]["x"] = {0.1, 0.1, 1.0};
      }),
      "/items/0/curves/psu_efficiency: item \"rack_a\": x must be strictly increasing");
  row("source with empty date", with([](json& d) { d["sources"]["src"]["date"] = ""; }),
      "/sources/src: source 'src' has no date");
}

void TestCatalog::brokenDocument() {
  QFETCH(std::string, text);
  QFETCH(QString, expected);
  const QString msg = QString::fromStdString(message_of({{"broken.json", text}}));
  QVERIFY2(!msg.isEmpty(), "no CatalogError");
  QVERIFY2(msg.contains("broken.json: "), qPrintable(msg));
  QVERIFY2(msg.contains(expected), qPrintable(msg));
}

void TestCatalog::everyProblemIsListed() {
  json doc = valid_doc();
  doc["items"][0]["params"]["nameplate_w"]["value"] = "big";
  doc["items"][0]["kind"] = "rak";
  doc["sources"]["src"]["title"] = nullptr;
  const QString msg = QString::fromStdString(message_of({{"three.json", doc.dump()}}));
  QVERIFY2(msg.startsWith("catalog: 3 problems:"), qPrintable(msg));
  QVERIFY(msg.contains("three.json: /items/0/params/nameplate_w/value"));
  QVERIFY(msg.contains("three.json: /items/0/kind"));
  QVERIFY(msg.contains("three.json: /sources/src/title"));
}

void TestCatalog::duplicateItemAcrossFiles() {
  const json a = valid_doc();
  json b = valid_doc();
  b["items"].push_back(valid_item(model::ItemKind::Pdu, "pdu_b"));
  const QString msg =
      QString::fromStdString(message_of({{"a.json", a.dump()}, {"b.json", b.dump()}}));
  QVERIFY2(msg.contains("b.json: /items/0/key: item key \"rack_a\" is already defined in a.json "
                        "(/items/0)"),
           qPrintable(msg));
}

void TestCatalog::conflictingSourceAcrossFiles() {
  json a = valid_doc();
  json b = {{"schema", "dctwin-catalog/1"}, {"sources", a["sources"]}};
  // The same source repeated identically is fine...
  QCOMPARE(data::parse_catalog({{"a.json", a.dump()}, {"b.json", b.dump()}}).sources.size(),
           std::size_t(1));
  // ...a different one under the same id is not.
  b["sources"]["src"]["title"] = "Another title";
  const QString msg =
      QString::fromStdString(message_of({{"a.json", a.dump()}, {"b.json", b.dump()}}));
  QVERIFY2(msg.contains("b.json: /sources/src: source \"src\" is defined differently in a.json"),
           qPrintable(msg));
}

void TestCatalog::sourcesAndItemsInSeparateFiles() {
  const json full = valid_doc();
  const json sources = {{"schema", "dctwin-catalog/1"}, {"sources", full["sources"]}};
  const json items = {{"schema", "dctwin-catalog/1"}, {"items", full["items"]}};
  const model::Catalog merged =
      data::parse_catalog({{"items.json", items.dump()}, {"sources.json", sources.dump()}});
  QCOMPARE(merged, data::parse_catalog({{"full.json", full.dump()}}));
  // Alone, the items file cites a source nobody defines.
  const QString msg = QString::fromStdString(message_of({{"items.json", items.dump()}}));
  QVERIFY2(msg.contains("items.json: /items/0/params/") && msg.contains("unknown source 'src'"),
           qPrintable(msg));
}

void TestCatalog::loadFiles() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const std::string good = dir.filePath("good.json").toStdString();
  const std::string bad = dir.filePath("bad.json").toStdString();
  std::ofstream(good) << valid_doc().dump(2);
  json broken = valid_doc();
  broken["items"][0]["params"]["width_m"]["value"] = true;
  std::ofstream(bad) << broken.dump(2);

  const model::Catalog cat = data::load_catalog_files({good});
  QCOMPARE(cat, data::parse_catalog({{"x", valid_doc().dump()}}));

  QString msg;
  try {
    (void)data::load_catalog_files({bad});
  } catch (const CatalogError& e) {
    msg = e.what();
  }
  QVERIFY2(msg.contains(QString::fromStdString(bad) + ": /items/0/params/width_m/value"),
           qPrintable(msg));

  const std::string missing = dir.filePath("missing.json").toStdString();
  msg.clear();
  try {
    (void)data::load_catalog_files({good, missing});
  } catch (const CatalogError& e) {
    msg = e.what();
  }
  QVERIFY2(msg.contains(QString::fromStdString(missing) + ": cannot read"), qPrintable(msg));
}

void TestCatalog::roundTripBuiltin() {
  const model::Catalog& cat = data::builtin_catalog();
  const std::string text = data::catalog_to_json(cat).dump();
  QCOMPARE(data::parse_catalog({{"x", text}}), cat);
  // And a second pass writes the same text: nothing drifts.
  QCOMPARE(data::catalog_to_json(data::parse_catalog({{"x", text}})).dump(), text);
}

void TestCatalog::roundTripBitExact_data() {
  QTest::addColumn<double>("value");
  QTest::newRow("0.1") << 0.1;
  QTest::newRow("1/3") << 1.0 / 3.0;
  QTest::newRow("2/3") << 2.0 / 3.0;
  QTest::newRow("integral") << 136000.0;
  QTest::newRow("2^53+2") << 9007199254740994.0;
  QTest::newRow("tiny") << 1e-300;
  QTest::newRow("denormal min") << std::numeric_limits<double>::denorm_min();
  QTest::newRow("normal min") << std::numeric_limits<double>::min();
  QTest::newRow("max") << std::numeric_limits<double>::max();
  QTest::newRow("one ulp above 1") << std::nextafter(1.0, 2.0);
  QTest::newRow("one ulp below 0.3") << std::nextafter(0.3, 0.0);
  QTest::newRow("zero") << 0.0;
  QTest::newRow("345 kV") << 345e3;
}

void TestCatalog::roundTripBitExact() {
  QFETCH(double, value);
  json doc = valid_doc();
  // height_m must be positive; the value is written through the same path for every number.
  doc["items"][0]["params"]["width_m"]["value"] = value == 0.0 ? 1.0 : value;
  doc["items"][0]["params"]["ramp_up_w_per_s"]["value"] = value;
  const model::Catalog cat = data::parse_catalog({{"x", doc.dump()}});
  const model::Catalog back = data::parse_catalog({{"x", data::catalog_to_json(cat).dump(2)}});
  QCOMPARE(back, cat);
  QVERIFY(same_bits(back.at("rack_a").get("ramp_up_w_per_s"), value));
}

void TestCatalog::catalogFromJsonSkipsValidation() {
  // A catalog that does not validate (unknown source, missing parameters) still reads: the caller
  // of catalog_from_json decides whether to validate.
  model::Catalog cat;
  model::CatalogItem item;
  item.key = "odd/key~1";
  item.kind = model::ItemKind::Chiller;
  item.name = "Chiller \"quoted\" \u00e9";
  item.params["cop_rated"] = {-0.0, "nowhere", "a note"};
  item.curves["part_load_power"] = {"plr", "power_frac", {0.0, 1.0}, {0.2, 1.0}, "", ""};
  cat.items.emplace(item.key, item);
  cat.sources["s"] = {"s", "", "", ""};
  const model::Catalog back =
      data::catalog_from_json(json::parse(data::catalog_to_json(cat).dump()), "embedded");
  QCOMPARE(back, cat);
  QVERIFY(std::signbit(back.at("odd/key~1").get("cop_rated")));

  json broken = data::catalog_to_json(cat);
  broken["items"][0]["params"]["cop_rated"]["value"] = nullptr;
  QString msg;
  try {
    (void)data::catalog_from_json(broken, "embedded");
  } catch (const CatalogError& e) {
    msg = e.what();
  }
  QVERIFY2(msg.contains("embedded: /items/0/params/cop_rated/value: expected a number"),
           qPrintable(msg));
}

void TestCatalog::nonFiniteRefused() {
  model::Catalog cat = data::parse_catalog({{"x", valid_doc().dump()}});
  cat.items.at("rack_a").params.at("width_m").value = std::numeric_limits<double>::quiet_NaN();
  QVERIFY_THROWS_EXCEPTION(CatalogError, (void)data::catalog_to_json(cat));
}

void TestCatalog::curveAt_data() {
  QTest::addColumn<double>("x");
  QTest::addColumn<double>("expected");
  // Curve (0, 0) (1, 10) (2, 40): clamped outside [0, 2], linear between points.
  QTest::newRow("below range clamps") << -1.0 << 0.0;
  QTest::newRow("first point") << 0.0 << 0.0;
  QTest::newRow("first segment") << 0.25 << 2.5;
  QTest::newRow("inner point") << 1.0 << 10.0;
  QTest::newRow("second segment") << 1.5 << 25.0;
  QTest::newRow("last point") << 2.0 << 40.0;
  QTest::newRow("above range clamps") << 7.0 << 40.0;
}

void TestCatalog::curveAt() {
  QFETCH(double, x);
  QFETCH(double, expected);
  model::SourcedCurve c;
  c.x = {0.0, 1.0, 2.0};
  c.y = {0.0, 10.0, 40.0};
  QCOMPARE(c.at(x), expected);
}

QTEST_APPLESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
