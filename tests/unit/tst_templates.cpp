// Templates: every one validates with no errors, has the size the issue asks for, and obeys the
// design-load invariants (all IT load reaches the grid feed; all heat reaches a cooling unit).
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "data/catalog_io.h"
#include "model/site/loads.h"
#include "model/site/summary.h"
#include "model/site/templates.h"
#include "model/site/validation.h"

using namespace dctwin::model;
using dctwin::data::builtin_catalog;

namespace {
QString describe(const std::vector<Problem>& ps, std::size_t max = 10) {
  QStringList l;
  for (const auto& p : ps) {
    if (p.severity != Severity::Error) continue;
    l << QString::fromStdString(p.code + ": " + p.message);
    if (std::size_t(l.size()) >= max) break;
  }
  return l.join("\n");
}
}  // namespace

class TstTemplates : public QObject {
  Q_OBJECT
 private slots:
  void everyTemplateValidates_data() {
    QTest::addColumn<QString>("name");
    for (const auto& t : site_templates())
      QTest::newRow(t.name.c_str()) << QString::fromStdString(t.name);
  }
  void everyTemplateValidates() {
    QFETCH(QString, name);
    const Site s = make_site_from_template(name.toStdString(), {}, builtin_catalog());
    const auto problems = validate(s, builtin_catalog());
    QVERIFY2(count_errors(problems) == 0, qPrintable(describe(problems)));
    QVERIFY2(problems.empty(),
             qPrintable(QString::fromStdString(problems.empty() ? "" : problems[0].message)));
  }

  void invariants_data() { everyTemplateValidates_data(); }
  void invariants() {
    QFETCH(QString, name);
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template(name.toStdString(), {}, cat);
    const auto L = compute_design_loads(s, cat);
    QVERIFY(!L.elec_cycle);
    // Every watt of IT and of the cooling units' rated power arrives at the grid feed (lossless
    // roll-up: Kirchhoff at the source); every powered cooling unit is fed.
    double grid = 0;
    for (const auto& n : s.elec_nodes)
      if (n.kind == ElecKind::GridFeed) grid += L.elec_load_w.at(n.id);
    QCOMPARE(L.unfed_mechanical_power_w, 0.0);
    QVERIFY(L.mechanical_power_w > 0.01 * L.it_power_w);
    double rated = 0;
    for (const auto& [id, w] : L.cooling_power_w) rated += w;
    QVERIFY2(std::abs(rated - L.mechanical_power_w) <= 1e-9 * rated,
             qPrintable(QString("rated %1 W, fed %2 W").arg(rated).arg(L.mechanical_power_w)));
    const double want = L.it_power_w + L.mechanical_power_w;
    QVERIFY2(std::abs(grid - want) <= 1e-9 * want,
             qPrintable(QString("grid %1 W, IT %2 W, mechanical %3 W")
                            .arg(grid)
                            .arg(L.it_power_w)
                            .arg(L.mechanical_power_w)));
    // Every watt of heat arrives at a CDU or an air unit.
    double cdu = 0, air = 0;
    for (const auto& c : s.cooling) {
      if (c.kind == CoolKind::Cdu) cdu += L.cooling_heat_w.at(c.id);
      if (c.kind == CoolKind::Crah || c.kind == CoolKind::FanWall) air += L.cooling_heat_w.at(c.id);
    }
    QVERIFY(std::abs(cdu + air - L.it_power_w) <= 1e-9 * L.it_power_w);
    // Heat rejected to outdoor air = IT heat + chiller compressor work (energy balance).
    double outdoor = 0, work = 0;
    for (const auto& c : s.cooling) {
      if (c.kind == CoolKind::CoolingTower || c.kind == CoolKind::DryCooler)
        outdoor += L.cooling_heat_w.at(c.id);
      if (c.kind == CoolKind::Chiller)
        work += L.cooling_heat_w.at(c.id) / cat.at(c.type).get("cop_rated");
    }
    QVERIFY2(
        std::abs(outdoor - (L.it_power_w + work)) <= 1e-6 * L.it_power_w,
        qPrintable(
            QString("outdoor %1 W, IT %2 W, work %3 W").arg(outdoor).arg(L.it_power_w).arg(work)));
    // Headroom: no unit runs above its rating divided by the sizing margin at design load,
    // except 2N sides, which run at half and are checked by their groups.
    const double headroom = 1.15;
    for (const auto& c : s.cooling)
      if (c.kind == CoolKind::Cdu)
        QVERIFY(L.cooling_heat_w.at(c.id) <= c.capacity_w / headroom * (1 + 1e-9));
    // Ids are unique and every rack has a position in a hall.
    std::unordered_set<Id> ids(s.racks.id.begin(), s.racks.id.end());
    QCOMPARE(ids.size(), s.racks.size());
  }

  void deterministic() {
    const auto a = make_site_from_template("hall", {}, builtin_catalog());
    const auto b = make_site_from_template("hall", {}, builtin_catalog());
    QVERIFY(a == b);
  }

  void sizes_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("minMw");
    QTest::addColumn<double>("maxMw");
    QTest::addColumn<int>("minRacks");
    QTest::addColumn<int>("maxRacks");
    QTest::newRow("small") << "small" << 4.0 << 6.0 << 30 << 50;
    QTest::newRow("hall") << "hall" << 30.0 << 40.0 << 230 << 270;
    QTest::newRow("gigawatt") << "gigawatt" << 1000.0 << 1500.0 << 5000 << 8000;
  }
  void sizes() {
    QFETCH(QString, name);
    QFETCH(double, minMw);
    QFETCH(double, maxMw);
    QFETCH(int, minRacks);
    QFETCH(int, maxRacks);
    const auto s = make_site_from_template(name.toStdString(), {}, builtin_catalog());
    const auto sum = summarize(s, builtin_catalog());
    QVERIFY2(sum.it_power_w >= minMw * 1e6 && sum.it_power_w <= maxMw * 1e6,
             qPrintable(QString::number(sum.it_power_w / 1e6) + " MW"));
    QVERIFY(int(sum.racks) >= minRacks && int(sum.racks) <= maxRacks);
  }

  void gigawattShape() {
    const Catalog& cat = builtin_catalog();
    const auto s = make_site_from_template("gigawatt", {}, cat);
    const auto sum = summarize(s, cat);
    QVERIFY(sum.buildings >= 2);
    for (const auto& b : sum.by_building) QVERIFY(b.halls.size() >= 2);
    QCOMPARE(s.grid.poi_voltage_v, 345e3);
    QVERIFY(sum.racks_by_type.count("gb300_nvl72") && sum.racks_by_type.count("vr_nvl72_800vdc"));
    std::unordered_map<Id, const ElecNode*> nodes;
    for (const auto& n : s.elec_nodes) nodes[n.id] = &n;
    bool mv_345 = false;
    for (const auto& n : s.elec_nodes) {
      if (n.kind == ElecKind::MvSwitchgear) QCOMPARE(n.voltage_v, 34.5e3);
      if (n.kind == ElecKind::HvMvTransformer) mv_345 = true;
    }
    QVERIFY(mv_345);
    // GB300: two cords on AC busways of opposite sides; Vera Rubin: one cord on 800 V DC.
    for (std::size_t i = 0; i < s.racks.size(); ++i) {
      const ElecNode* a = nodes.at(s.racks.feed_a[i]);
      if (s.racks.type[i] == "gb300_nvl72") {
        const ElecNode* b = nodes.at(s.racks.feed_b[i]);
        QVERIFY(!a->dc && !b->dc);
        QCOMPARE(a->side, std::string("A"));
        QCOMPARE(b->side, std::string("B"));
      } else {
        QCOMPARE(s.racks.type[i], std::string("vr_nvl72_800vdc"));
        QVERIFY(a->dc);
        QCOMPARE(a->voltage_v, 800.0);
      }
    }
    // 2N groups on the AC side, block-with-catcher groups on the DC side; towers and dry coolers.
    auto count_scheme = [&](RedundancyScheme sc) {
      return std::count_if(s.groups.begin(), s.groups.end(),
                           [&](auto& g) { return g.scheme == sc; });
    };
    QVERIFY(count_scheme(RedundancyScheme::TwoN) > 0);
    QVERIFY(count_scheme(RedundancyScheme::BlockCatcher) > 0);
    QVERIFY(count_scheme(RedundancyScheme::NPlus1) > 0);
    QVERIFY(sum.cooling_by_kind.count("cooling_tower") && sum.cooling_by_kind.count("dry_cooler"));
    QVERIFY(sum.cooling_by_kind.count("cdu"));
  }

  void parameters() {
    const auto s =
        make_site_from_template("small", {{"rows", 2}, {"racks_per_row", 5}}, builtin_catalog());
    QCOMPARE(s.racks.size(), std::size_t(10));
    QCOMPARE(count_errors(validate(s, builtin_catalog())), std::size_t(0));
    const auto g = make_site_from_template(
        "gigawatt", {{"ac_buildings", 1}, {"dc_buildings", 0}, {"halls_per_building", 1}},
        builtin_catalog());
    QCOMPARE(g.buildings.size(), std::size_t(1));
    QCOMPARE(count_errors(validate(g, builtin_catalog())), std::size_t(0));
  }

  void badParameters_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("param");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("inMessage");
    QTest::newRow("unknown template") << "huge"
                                      << "" << 0.0 << "small, hall, gigawatt";
    QTest::newRow("unknown parameter") << "small"
                                       << "racks" << 4.0 << "racks_per_row";
    QTest::newRow("out of range") << "small"
                                  << "rows" << 0.0 << "[1, 40]";
    QTest::newRow("not whole") << "hall"
                               << "rows" << 2.5 << "whole number";
    QTest::newRow("no transformer for POI") << "hall"
                                            << "poi_voltage_kv" << 220.0 << "220 kV";
    QTest::newRow("no buildings") << "gigawatt"
                                  << "ac_buildings" << 0.0 << "at least one building";
  }
  void badParameters() {
    QFETCH(QString, name);
    QFETCH(QString, param);
    QFETCH(double, value);
    QFETCH(QString, inMessage);
    std::map<std::string, double> p;
    if (!param.isEmpty()) p[param.toStdString()] = value;
    if (name == "gigawatt") p["dc_buildings"] = 0;
    try {
      (void)make_site_from_template(name.toStdString(), p, builtin_catalog());
      QFAIL("expected a TemplateError");
    } catch (const TemplateError& e) {
      QVERIFY2(QString(e.what()).contains(inMessage), e.what());
    }
  }

  void missingCatalogItem() {
    Catalog c = builtin_catalog();
    c.items.erase("ups_3mw_415v");
    try {
      (void)make_site_from_template("small", {}, c);
      QFAIL("expected a TemplateError");
    } catch (const TemplateError& e) {
      QVERIFY2(QString(e.what()).contains("ups_3mw_415v"), e.what());
    }
  }
};

QTEST_APPLESS_MAIN(TstTemplates)
#include "tst_templates.moc"
