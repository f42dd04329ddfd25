// Site model and validation: a hand-built site that is clean, then one fault at a time, each
// reported with the right code on the right entity. Design loads checked against hand sums.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <functional>

#include "data/catalog_io.h"
#include "model/electrical/network.h"
#include "model/site/loads.h"
#include "model/site/site_ref.h"
#include "model/site/templates.h"
#include "model/site/validation.h"

using namespace dctwin::model;
using dctwin::data::builtin_catalog;

namespace {

// Ids of the hand-built site, named for the tests.
enum : Id {
  kBuilding = 1,
  kHall,
  kRow,
  kRack1,
  kRack2,
  kGrid,
  kUssA,
  kUssB,
  kUpsA,
  kUpsB,
  kBwA,
  kBwB,
  kE1,
  kE2,
  kE3,
  kE4,
  kE5,
  kE6,
  kCdu,
  kCrah,
  kLoop,
  kTower,
  kPump,
  kGroupUps,
  kCrahLoop,
  kChiller,
  kCrahPump,
  kMbA,
  kMbB,
  kE7,
  kE8,
  kNextFree
};

// Grid -> A/B unit substations -> A/B UPS -> A/B busways -> two GB300 racks (2N AC); racks on
// one CDU and one CRAH; CDU on a facility loop with a tower and a pump; CRAH on a chilled loop
// with a chiller rejecting into the facility loop. Every cooling unit fed from both A/B
// mechanical boards, one behind each unit substation.
Site small_site() {
  const Catalog& cat = builtin_catalog();
  Site s;
  s.name = "hand";
  s.location = {50.0, 8.0, 100.0};
  s.grid = {34.5e3, 500e6, 8.0, 10e6, 1e5};
  s.design_weather = {30.0, 22.0};
  s.buildings.push_back({kBuilding, "B", 0, 0, 40, 30});
  s.halls.push_back({kHall, kBuilding, "H", 2, 2, 20, 12, 5, Containment::HotAisle, 0.6});
  s.rows.push_back({kRow, kHall, "R", 3, 3, 0});
  Rack r1{kRack1, kRow, "K1", "gb300_nvl72", 3.3, 3.6, 0, std::nullopt, kBwA, kBwB, kCdu, kCrah};
  Rack r2 = r1;
  r2.id = kRack2;
  r2.name = "K2";
  r2.x_m = 3.9;
  s.racks.push_back(r1);
  s.racks.push_back(r2);
  auto node = [&](Id id, ElecKind k, const char* type, double rating, double v, bool dc,
                  const char* side) {
    ElecNode n;
    n.id = id;
    n.kind = k;
    n.type = type;
    n.name = std::string(to_string(k)) + side;
    n.building_id = kBuilding;
    n.rating_w = rating;
    n.voltage_v = v;
    n.dc = dc;
    n.side = side;
    s.elec_nodes.push_back(n);
  };
  node(kGrid, ElecKind::GridFeed, "", 0, 34.5e3, false, "");
  node(kUssA, ElecKind::UnitSubstation, "uss_34p5kv_415v_3p5mva", 3.5e6, 415, false, "A");
  node(kUssB, ElecKind::UnitSubstation, "uss_34p5kv_415v_3p5mva", 3.5e6, 415, false, "B");
  node(kUpsA, ElecKind::Ups, "ups_3mw_415v", 3e6, 415, false, "A");
  node(kUpsB, ElecKind::Ups, "ups_3mw_415v", 3e6, 415, false, "B");
  node(kBwA, ElecKind::Busway, "busway_415v_4000a", 2.875e6, 415, false, "A");
  node(kBwB, ElecKind::Busway, "busway_415v_4000a", 2.875e6, 415, false, "B");
  node(kMbA, ElecKind::MechanicalBoard, "mcc_415v_4000a", 2.875e6, 415, false, "A");
  node(kMbB, ElecKind::MechanicalBoard, "mcc_415v_4000a", 2.875e6, 415, false, "B");
  auto edge = [&](Id id, Id f, Id t) {
    ElecEdge e;
    e.id = id;
    e.from = f;
    e.to = t;
    e.r_ohm = 0.001;
    e.x_ohm = 0.002;
    e.rating_w = 5e6;
    e.length_m = 10;
    s.elec_edges.push_back(e);
  };
  edge(kE1, kGrid, kUssA);
  edge(kE2, kGrid, kUssB);
  edge(kE3, kUssA, kUpsA);
  edge(kE4, kUssB, kUpsB);
  edge(kE5, kUpsA, kBwA);
  edge(kE6, kUpsB, kBwB);
  edge(kE7, kUssA, kMbA);
  edge(kE8, kUssB, kMbB);
  s.groups.push_back({kGroupUps, "UPS 2N", RedundancyScheme::TwoN, {kUpsA, kUpsB}, kNoId});
  auto unit = [&](Id id, CoolKind k, const char* type, Id loop) {
    CoolingUnit c;
    c.id = id;
    c.kind = k;
    c.type = type;
    c.name = to_string(k);
    c.building_id = kBuilding;
    c.loop_id = loop;
    if (*type) {
      const auto& it = cat.at(type);
      if (it.has("capacity_w")) c.capacity_w = it.get("capacity_w");
      if (it.has("flow_m3_s")) c.flow_m3_s = it.get("flow_m3_s");
      if (it.has("airflow_m3_s")) c.airflow_m3_s = it.get("airflow_m3_s");  // as templates do
    }
    if (is_powered(k)) {
      c.feed_a = kMbA;
      c.feed_b = kMbB;
    }
    s.cooling.push_back(c);
    return &s.cooling.back();
  };
  unit(kLoop, CoolKind::WaterLoop, "", kNoId)->flow_m3_s = 0.1;
  unit(kCrahLoop, CoolKind::WaterLoop, "", kNoId)->flow_m3_s = 0.05;
  unit(kCdu, CoolKind::Cdu, "cdu_2mw", kLoop)->hall_id = kHall;
  unit(kCrah, CoolKind::Crah, "crah_250kw", kCrahLoop)->hall_id = kHall;
  unit(kTower, CoolKind::CoolingTower, "cooling_tower_cell_7mw", kLoop);
  unit(kPump, CoolKind::Pump, "pump_facility_0p5m3s", kLoop);
  unit(kChiller, CoolKind::Chiller, "chiller_wc_centrifugal_3p5mw", kCrahLoop)->condenser_loop_id =
      kLoop;
  unit(kCrahPump, CoolKind::Pump, "pump_facility_0p5m3s", kCrahLoop);
  return s;
}

std::vector<Problem> errors_of(const Site& s) {
  auto all = validate(s, builtin_catalog());
  all.erase(std::remove_if(all.begin(), all.end(),
                           [](const Problem& p) { return p.severity != Severity::Error; }),
            all.end());
  return all;
}

QString describe(const std::vector<Problem>& ps) {
  QStringList l;
  for (const auto& p : ps) l << QString::fromStdString(p.code + ": " + p.message);
  return l.join("\n");
}

ElecNode& node(Site& s, Id id) {
  return *std::find_if(s.elec_nodes.begin(), s.elec_nodes.end(),
                       [&](auto& n) { return n.id == id; });
}
CoolingUnit& unit(Site& s, Id id) {
  return *std::find_if(s.cooling.begin(), s.cooling.end(), [&](auto& c) { return c.id == id; });
}

using Mutation = std::function<void(Site&)>;

}  // namespace

Q_DECLARE_METATYPE(Mutation)

class TstSiteModel : public QObject {
  Q_OBJECT
 private slots:
  void handBuiltSiteIsClean() {
    const auto problems = validate(small_site(), builtin_catalog());
    QVERIFY2(problems.empty(), qPrintable(describe(problems)));
  }

  void designLoadsByHand() {
    const Site s = small_site();
    const Catalog& cat = builtin_catalog();
    const auto L = compute_design_loads(s, cat);
    const auto& gb300 = cat.at("gb300_nvl72");
    const double p = gb300.get("nameplate_w");
    const double lf = gb300.get("liquid_fraction");
    QCOMPARE(L.it_power_w, 2 * p);
    // 2N: each cord carries half of each rack; every level above carries the same, and each
    // unit substation half of every cooling unit's rated power too.
    for (Id id : {kBwA, kBwB, kUpsA, kUpsB}) QCOMPARE(L.elec_load_w.at(id), p);
    const auto& cdu = cat.at("cdu_2mw");
    const auto& crah = cat.at("crah_250kw");
    const auto& tower = cat.at("cooling_tower_cell_7mw");
    const auto& pump = cat.at("pump_facility_0p5m3s");
    const auto& chiller = cat.at("chiller_wc_centrifugal_3p5mw");
    // The CDU's pumps at its capacity's flow at the design rise: flow x head / efficiency.
    const double cdu_flow =
        cdu.get("capacity_w") / (995.7 * 4178.0 * cdu.get("design_delta_t_k"));  // IAPWS-95, 30 C
    const double mech = cdu_flow * cdu.get("pump_head_pa") / cdu.get("pump_efficiency") +
                        crah.get("fan_power_w") +
                        tower.get("fan_power_frac") * tower.get("capacity_w") +
                        2 * pump.get("head_pa") * pump.get("flow_m3_s") / pump.get("efficiency") +
                        chiller.get("capacity_w") / chiller.get("cop_rated");
    QVERIFY(qFuzzyCompare(L.mechanical_power_w, mech));
    QCOMPARE(L.unfed_mechanical_power_w, 0.0);
    for (Id id : {kMbA, kMbB}) QVERIFY(qFuzzyCompare(L.elec_load_w.at(id), mech / 2));
    for (Id id : {kUssA, kUssB}) QVERIFY(qFuzzyCompare(L.elec_load_w.at(id), p + mech / 2));
    // Kirchhoff at the source: all of the IT load and the plant's rated power.
    QVERIFY(qFuzzyCompare(L.elec_load_w.at(kGrid), 2 * p + mech));
    QVERIFY(qFuzzyCompare(L.edge_load_w.at(kE1), p + mech / 2));
    QCOMPARE(L.cooling_heat_w.at(kCdu), 2 * p * lf);
    QCOMPARE(L.cooling_heat_w.at(kCrah), 2 * p * (1 - lf));
    // The facility loop takes the CDU heat plus the chiller's condenser heat (evaporator + work).
    const double cop = cat.at("chiller_wc_centrifugal_3p5mw").get("cop_rated");
    QVERIFY(
        qFuzzyCompare(L.cooling_heat_w.at(kLoop), 2 * p * lf + 2 * p * (1 - lf) * (1 + 1 / cop)));
    QCOMPARE(L.cooling_heat_w.at(kTower), L.cooling_heat_w.at(kLoop));
  }

  void powerOverride() {
    Site s = small_site();
    s.racks.power_override_w[0] = 50e3;
    const auto L = compute_design_loads(s, builtin_catalog());
    QCOMPARE(L.rack_power_w[0], 50e3);
    QCOMPARE(rack_design_power_w(s, 0, builtin_catalog()), 50e3);
  }

  void faults_data() {
    QTest::addColumn<Mutation>("mutate");
    QTest::addColumn<QString>("code");
    QTest::addColumn<qlonglong>("entity");
    QTest::newRow("unfed rack") << Mutation([](Site& s) {
      s.racks.feed_a[0] = s.racks.feed_b[0] = kNoId;
    }) << "rack.unfed" << qlonglong(kRack1);
    QTest::newRow("cooling unit fed from nothing")
        << Mutation([](Site& s) { unit(s, kPump).feed_b = 999; }) << "cool.dangling_feed"
        << qlonglong(kPump);
    QTest::newRow("cooling unit fed from a UPS")
        << Mutation([](Site& s) { unit(s, kChiller).feed_a = kUpsA; }) << "cool.bad_feed"
        << qlonglong(kChiller);
    QTest::newRow("cooling unit fed from DC") << Mutation([](Site& s) { node(s, kMbA).dc = true; })
                                              << "cool.voltage_kind" << qlonglong(kCdu);
    QTest::newRow("cooling unit's board without supply") << Mutation([](Site& s) {
      std::erase_if(s.elec_edges, [](const ElecEdge& e) { return e.id == kE7; });
    }) << "cool.no_supply" << qlonglong(kTower);
    QTest::newRow("feed to nothing") << Mutation([](Site& s) { s.racks.feed_a[1] = 999; })
                                     << "rack.dangling_feed" << qlonglong(kRack2);
    QTest::newRow("feed from a UPS") << Mutation([](Site& s) { s.racks.feed_a[0] = kUpsA; })
                                     << "rack.bad_feed" << qlonglong(kRack1);
    QTest::newRow("no path to a source") << Mutation([](Site& s) {
      s.elec_edges.erase(s.elec_edges.begin());  // grid -> USS A
    }) << "rack.no_supply" << qlonglong(kRack1);
    QTest::newRow("no CDU") << Mutation([](Site& s) { s.racks.cdu_id[1] = kNoId; }) << "rack.no_cdu"
                            << qlonglong(kRack2);
    QTest::newRow("CDU is a tower") << Mutation([](Site& s) { s.racks.cdu_id[1] = kTower; })
                                    << "rack.bad_cdu" << qlonglong(kRack2);
    QTest::newRow("no air unit") << Mutation([](Site& s) { s.racks.air_unit_id[0] = kNoId; })
                                 << "rack.no_air" << qlonglong(kRack1);
    QTest::newRow("outside hall") << Mutation([](Site& s) { s.racks.x_m[0] = 19.9; })
                                  << "rack.outside_hall" << qlonglong(kRack1);
    QTest::newRow("overlap") << Mutation([](Site& s) { s.racks.x_m[1] = 3.6; }) << "rack.overlap"
                             << qlonglong(kRack1);
    QTest::newRow("rotated overlap") << Mutation([](Site& s) {
      s.racks.x_m[1] = 4.1;  // 0.8 m apart: clear when aligned, not when turned 90 degrees
      s.racks.orientation_deg[1] = 90;
    }) << "rack.overlap" << qlonglong(kRack1);
    QTest::newRow("unknown rack type") << Mutation([](Site& s) { s.racks.type[0] = "gb999"; })
                                       << "catalog.unknown_type" << qlonglong(kRack1);
    QTest::newRow("wrong equipment type")
        << Mutation([](Site& s) { node(s, kUpsA).type = "busway_415v_4000a"; })
        << "catalog.unknown_type" << qlonglong(kUpsA);
    QTest::newRow("DC rack on AC busway")
        << Mutation([](Site& s) { s.racks.type[0] = "vr_nvl72_800vdc"; }) << "rack.voltage_kind"
        << qlonglong(kRack1);
    QTest::newRow("overload") << Mutation([](Site& s) { node(s, kUpsA).rating_w = 100e3; })
                              << "elec.overload" << qlonglong(kUpsA);
    QTest::newRow("edge overload") << Mutation([](Site& s) { s.elec_edges[4].rating_w = 1e3; })
                                   << "elec.edge_overload" << qlonglong(kE5);
    QTest::newRow("dangling edge") << Mutation([](Site& s) { s.elec_edges[5].to = 4242; })
                                   << "elec.dangling_edge" << qlonglong(kE6);
    QTest::newRow("node without supply") << Mutation([](Site& s) {
      s.elec_edges.erase(s.elec_edges.begin() + 2);  // USS A -> UPS A
    }) << "elec.no_supply" << qlonglong(kUpsA);
    QTest::newRow("cycle") << Mutation([](Site& s) {
      ElecEdge e = s.elec_edges[0];
      e.id = kNextFree;
      e.from = kBwA;
      e.to = kUssA;
      s.elec_edges.push_back(e);
    }) << "elec.cycle" << qlonglong(kNoId);
    QTest::newRow("2N side too small") << Mutation([](Site& s) { node(s, kUpsB).rating_w = 200e3; })
                                       << "group.not_redundant" << qlonglong(kGroupUps);
    QTest::newRow("2N with one member") << Mutation([](Site& s) { s.groups[0].members.pop_back(); })
                                        << "group.not_redundant" << qlonglong(kGroupUps);
    QTest::newRow("N+1 without spare") << Mutation([](Site& s) {
      s.groups[0].scheme = RedundancyScheme::NPlus1;
      node(s, kUpsA).rating_w = node(s, kUpsB).rating_w = 150e3;  // 272 kW needs both
    }) << "group.not_redundant" << qlonglong(kGroupUps);
    QTest::newRow("catcher missing")
        << Mutation([](Site& s) { s.groups[0].scheme = RedundancyScheme::BlockCatcher; })
        << "group.no_catcher" << qlonglong(kGroupUps);
    QTest::newRow("catcher too small") << Mutation([](Site& s) {
      auto& g = s.groups[0];
      g.scheme = RedundancyScheme::BlockCatcher;
      g.catcher = kUpsB;
      node(s, kUpsB).rating_w = 100e3;
    }) << "group.not_redundant" << qlonglong(kGroupUps);
    QTest::newRow("group member unknown")
        << Mutation([](Site& s) { s.groups[0].members.push_back(31337); })
        << "group.dangling_member" << qlonglong(kGroupUps);
    QTest::newRow("duplicate id") << Mutation([](Site& s) { s.racks.id[1] = kRack1; })
                                  << "id.duplicate" << qlonglong(kRack1);
    QTest::newRow("CDU too small") << Mutation([](Site& s) { unit(s, kCdu).capacity_w = 10e3; })
                                   << "cool.overload" << qlonglong(kCdu);
    QTest::newRow("CDU off any loop") << Mutation([](Site& s) { unit(s, kCdu).loop_id = kNoId; })
                                      << "cool.no_loop" << qlonglong(kCdu);
    QTest::newRow("loop without rejection")
        << Mutation([](Site& s) { unit(s, kTower).loop_id = kCrahLoop; }) << "loop.no_rejection"
        << qlonglong(kLoop);
    QTest::newRow("loop without pump")
        << Mutation([](Site& s) { unit(s, kPump).loop_id = kCrahLoop; }) << "loop.no_pump"
        << qlonglong(kLoop);
    QTest::newRow("rack in unknown row")
        << Mutation([](Site& s) { s.racks.row_id[0] = 777; }) << "rack.no_row" << qlonglong(kRack1);
    QTest::newRow("hall outside building") << Mutation([](Site& s) { s.halls[0].x_m = 30; })
                                           << "hall.outside_building" << qlonglong(kHall);
    QTest::newRow("wet-bulb above dry-bulb")
        << Mutation([](Site& s) { s.design_weather.wet_bulb_c = 35.0; }) << "site.design_weather"
        << qlonglong(kNoId);
    QTest::newRow("no POI voltage") << Mutation([](Site& s) { s.grid.poi_voltage_v = 0; })
                                    << "grid.voltage" << qlonglong(kNoId);
    // Issue 11: physically impossible values, once accepted and solved.
    QTest::newRow("zero-voltage UPS") << Mutation([](Site& s) { node(s, kUpsA).voltage_v = 0; })
                                      << "elec.voltage" << qlonglong(kUpsA);
    QTest::newRow("negative voltage") << Mutation([](Site& s) { node(s, kUpsB).voltage_v = -415; })
                                      << "elec.voltage" << qlonglong(kUpsB);
    QTest::newRow("rating 1e308") << Mutation([](Site& s) { node(s, kUpsA).rating_w = 1e308; })
                                  << "elec.rating" << qlonglong(kUpsA);
    QTest::newRow("CRAH airflow 0") << Mutation([](Site& s) { unit(s, kCrah).airflow_m3_s = 0; })
                                    << "cooling.airflow" << qlonglong(kCrah);
    QTest::newRow("CDU capacity NaN")
        << Mutation([](Site& s) { unit(s, kCdu).capacity_w = std::nan(""); }) << "cooling.capacity"
        << qlonglong(kCdu);
    QTest::newRow("design dry-bulb 500 C")
        << Mutation([](Site& s) { s.design_weather.dry_bulb_c = 500.0; }) << "site.design_weather"
        << qlonglong(kNoId);
    QTest::newRow("elevation 1,000 km") << Mutation([](Site& s) { s.location.elevation_m = 1e6; })
                                        << "site.elevation" << qlonglong(kNoId);
    QTest::newRow("latitude 91") << Mutation([](Site& s) { s.location.latitude_deg = 91; })
                                 << "site.location" << qlonglong(kNoId);
  }

  void faults() {
    QFETCH(Mutation, mutate);
    QFETCH(QString, code);
    QFETCH(qlonglong, entity);
    Site s = small_site();
    mutate(s);
    const auto errs = errors_of(s);
    const bool found = std::any_of(errs.begin(), errs.end(), [&](const Problem& p) {
      return p.code == code.toStdString() && p.entity == entity && !p.fix.empty() &&
             !p.message.empty();
    });
    QVERIFY2(found, qPrintable("expected " + code + " on " + QString::number(entity) + ", got:\n" +
                               describe(errs)));
  }

  // A bad import: 8,000 racks stacked on rack K1's spot. Every pair overlaps (32 million of
  // them); the list stays short and still names K1, its partners and the fix.
  void stackedRacksBounded() {
    Site s = small_site();
    constexpr std::size_t kStacked = 8000;
    Rack r = s.racks.get(0);
    for (std::size_t k = 0; k < kStacked; ++k) {
      r.id = kNextFree + Id(k);
      r.name = "S" + std::to_string(k);
      s.racks.push_back(r);
    }
    QElapsedTimer t;
    t.start();
    const auto all = validate(s, builtin_catalog());
    qInfo("validate of %zu racks: %zu problems in %lld ms", s.racks.size(), all.size(),
          t.elapsed());
    QVERIFY2(all.size() < kMaxOverlapProblems + 50, qPrintable(QString::number(all.size())));
    std::vector<const Problem*> overlaps;
    for (const auto& p : all)
      if (p.code == "rack.overlap") overlaps.push_back(&p);
    QCOMPARE(overlaps.size(), kMaxOverlapProblems);
    // K1 (first in site order) overlaps all 8,000: three named, the third with the rest counted.
    const Problem& first = *overlaps[0];
    QCOMPARE(first.entity, Id(kRack1));
    QCOMPARE(first.severity, Severity::Error);
    QVERIFY(!first.fix.empty());
    QCOMPARE(first.message, std::string("rack " + std::to_string(kRack1) + " 'K1' overlaps rack " +
                                        std::to_string(kNextFree) + " 'S0'"));
    QCOMPARE(overlaps[2]->entity, Id(kRack1));
    QVERIFY2(overlaps[2]->message.ends_with("'S2' and 7997 more racks (not listed)"),
             overlaps[2]->message.c_str());
    QCOMPARE(overlaps[3]->entity, Id(kNextFree));  // S0 then lists S1, S2, S3 (K1 is above)
    QVERIFY(overlaps[3]->message.ends_with("'S1'"));
    // The summary counts the rest by hand: the stack is 8,001 racks (K1 and S0..S7999); its
    // k-th rack has 8000 - k racks after it. Racks 0..32 list three each (99 problems), rack 33
    // one (the 100th); racks 34..7999 are left out with sum(8000 - k) = 7966 * 7967 / 2 pairs.
    const auto more = std::find_if(all.begin(), all.end(),
                                   [](const Problem& p) { return p.code == "rack.overlap_more"; });
    QVERIFY(more != all.end());
    QCOMPARE(more->severity, Severity::Error);
    QVERIFY2(more->message.starts_with("another 31732561 pairs of overlapping racks, from 7966 "
                                       "more racks, are not listed"),
             more->message.c_str());
    QVERIFY(t.elapsed() < 20000);
  }

  // Overlap through the bucket grid: two racks straddling a bucket edge (2 m buckets: x = 4 m)
  // and two straddling a bucket corner (x = y = 8 m), among 1,000 racks that do not overlap.
  // A search that looked in one bucket only would miss both pairs.
  void overlapAcrossBuckets() {
    Site s = small_site();
    s.buildings[0].width_m = 200;
    s.buildings[0].depth_m = 100;
    s.halls[0].width_m = 150;
    s.halls[0].depth_m = 80;
    const RackSpec spec = rack_spec(builtin_catalog().at("gb300_nvl72"));
    // The two hand-built racks move to the far end, clear of everything.
    s.racks.x_m[0] = 140.3;
    s.racks.x_m[1] = 140.3 + spec.width_m;
    Rack r = s.racks.get(0);
    Id next = kNextFree;
    const double px = spec.width_m + 0.1, py = spec.depth_m + 0.5;  // pitch: a gap on each axis
    for (int row = 0; row < 20; ++row)
      for (int k = 0; k < 50; ++k) {
        r.id = next++;
        r.name = "G" + std::to_string(row) + "-" + std::to_string(k);
        r.x_m = 20.0 + k * px;
        r.y_m = 20.0 + row * py;
        s.racks.push_back(r);
      }
    auto add = [&](const char* name, double x, double y) {
      r.id = next++;
      r.name = name;
      r.x_m = x;
      r.y_m = y;
      s.racks.push_back(r);
      return r.id;
    };
    const double hw = spec.width_m / 2, hd = spec.depth_m / 2;
    // A's footprint starts at x = 3.6 (bucket 1), B's at 4.0 (bucket 2); they overlap by
    // width - 0.4 m in x.
    const Id a = add("A", 3.6 + hw, 3.0), b = add("B", 4.0 + hw, 3.0);
    // C's lower corner (7.7, 8.3 - depth) is in bucket (3, 3), D's (8.1, 8.1) in (4, 4): they
    // overlap across the bucket corner at (8, 8), by width - 0.4 m in x and 0.2 m in y.
    const Id c = add("C", 7.7 + hw, 8.3 - hd), d = add("D", 8.1 + hw, 8.1 + hd);
    const auto all = validate(s, builtin_catalog());
    std::vector<std::pair<Id, std::string>> overlaps;
    for (const auto& p : all)
      if (p.code == "rack.overlap" || p.code == "rack.overlap_more")
        overlaps.emplace_back(p.entity, p.message);
    QCOMPARE(overlaps.size(), std::size_t(2));
    QCOMPARE(overlaps[0].first, a);
    QVERIFY(overlaps[0].second.ends_with("rack " + std::to_string(b) + " 'B'"));
    QCOMPARE(overlaps[1].first, c);
    QVERIFY(overlaps[1].second.ends_with("rack " + std::to_string(d) + " 'D'"));
  }

  // Racks that touch (share an edge exactly on a bucket line) do not overlap.
  void touchingRacksAcrossBucketsAreClean() {
    Site s = small_site();
    const RackSpec spec = rack_spec(builtin_catalog().at("gb300_nvl72"));
    s.racks.x_m[0] = 4.0 - spec.width_m / 2;
    s.racks.x_m[1] = 4.0 + spec.width_m / 2;
    const auto errs = errors_of(s);
    QVERIFY2(errs.empty(), qPrintable(describe(errs)));
  }

  void warnings() {
    Site s = small_site();
    s.racks.feed_b[0] = s.racks.feed_a[0];
    const auto all = validate(s, builtin_catalog());
    QVERIFY(std::any_of(all.begin(), all.end(), [](const Problem& p) {
      return p.code == "rack.same_feed" && p.severity == Severity::Warning;
    }));
    QCOMPARE(count_errors(all), std::size_t(0));
  }

  // The compiled view agrees with the site it was compiled from, entity by entity, on every
  // template: each rack's hall is its row's, its design power its override or nameplate, its
  // footprint its catalog size around its position; each unit's racks name it; each loop's
  // units name it as their loop.
  void siteRefMatchesSite_data() {
    QTest::addColumn<QString>("name");
    for (const auto& t : site_templates())
      QTest::newRow(t.name.c_str()) << QString::fromStdString(t.name);
  }
  void siteRefMatchesSite() {
    QFETCH(QString, name);
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template(name.toStdString(), {}, cat);
    const SiteRef ref = compile_site_ref(s, cat);
    const auto& R = s.racks;
    std::size_t in_halls = 0;
    for (std::size_t h = 0; h < s.halls.size(); ++h) in_halls += ref.hall_racks[h].size();
    QCOMPARE(in_halls, R.size());
    for (std::size_t i = 0; i < R.size(); ++i) {
      const Row* row = nullptr;
      for (const auto& r : s.rows)
        if (r.id == R.row_id[i]) row = &r;
      QVERIFY(row);
      QCOMPARE(ref.rack_hall_id[i], row->hall_id);
      QCOMPARE(s.halls[ref.rack_hall[i]].id, row->hall_id);
      QCOMPARE(ref.rack_index.at(R.id[i]), i);
      QCOMPARE(ref.rack_design_w[i], rack_design_power_w(s, i, cat));
      const RackSpec spec = rack_spec(cat.at(R.type[i]));
      const FootprintRect& f = ref.rack_footprint[i];
      QVERIFY(std::abs(0.5 * (f.x0 + f.x1) - R.x_m[i]) < 1e-9);
      QVERIFY(std::abs(0.5 * (f.y0 + f.y1) - R.y_m[i]) < 1e-9);
      QVERIFY(std::abs((f.x1 - f.x0) * (f.y1 - f.y0) - spec.width_m * spec.depth_m) < 1e-6);
      // Inside its hall (the templates validate).
      const Hall& h = s.halls[ref.rack_hall[i]];
      QVERIFY(f.x0 > -1e-6 && f.y0 > -1e-6 && f.x1 < h.width_m + 1e-6 && f.y1 < h.depth_m + 1e-6);
      if (R.cdu_id[i] != kNoId) {
        QCOMPARE(s.cooling[ref.rack_cdu[i]].id, R.cdu_id[i]);
        const auto& served = ref.unit_racks[ref.rack_cdu[i]];
        QVERIFY(std::find(served.begin(), served.end(), i) != served.end());
      }
    }
    std::size_t on_loops = 0, powered = 0;
    for (std::size_t k = 0; k < s.cooling.size(); ++k) {
      const CoolingUnit& u = s.cooling[k];
      for (std::size_t m : ref.loop_units[k]) QCOMPARE(s.cooling[m].loop_id, u.id);
      for (std::size_t m : ref.loop_condensers[k]) QCOMPARE(s.cooling[m].condenser_loop_id, u.id);
      on_loops += ref.loop_units[k].size();
      for (std::size_t i : ref.unit_racks[k])
        QVERIFY(R.cdu_id[i] == u.id || R.air_unit_id[i] == u.id);
      QCOMPARE(ref.cooling_rated_w[k].has_value(), cooling_rated_power_w(u, cat).has_value());
      if (ref.cooling_rated_w[k]) ++powered;
    }
    std::size_t with_loop = 0;
    for (const auto& u : s.cooling) with_loop += u.loop_id != kNoId;
    QCOMPARE(on_loops, with_loop);
    QVERIFY(powered > 0);
    // The halls' campus origins: building corner plus hall corner.
    for (std::size_t h = 0; h < s.halls.size(); ++h) {
      const Building& b = s.buildings[ref.hall_building[h]];
      QCOMPARE(ref.hall_origin_x_m[h], b.x_m + s.halls[h].x_m);
      QCOMPARE(ref.hall_origin_y_m[h], b.y_m + s.halls[h].y_m);
    }
    // The electrical network compiled on the view is the one compiled from the site.
    const auto a = electrical::compile_network(ref, 100e6);
    const auto b = electrical::compile_network(s, cat, 100e6);
    QVERIFY(a.rack_design_w == b.rack_design_w);
    QVERIFY(a.rack_feed_a == b.rack_feed_a && a.rack_feed_b == b.rack_feed_b);
    QVERIFY(a.r_pu == b.r_pu && a.main_v == b.main_v);
  }

  // A site that does not validate still compiles: what cannot be resolved is left empty, never
  // thrown on or filled with a default.
  void siteRefOfBrokenSite() {
    const Catalog& cat = builtin_catalog();
    Site s = small_site();
    s.racks.type[0] = "no_such_rack";  // unknown type
    s.racks.row_id[1] = 999;           // no such row
    s.racks.cdu_id[1] = 998;           // no such CDU
    unit(s, kCdu).loop_id = 997;       // no such loop
    const SiteRef ref = compile_site_ref(s, cat);
    QVERIFY(!ref.rack_known(0));
    QVERIFY(std::isnan(ref.rack_design_w[0]));
    QCOMPARE(ref.rack_hall[0], ref.hall_index.at(kHall));
    QCOMPARE(ref.rack_hall[1], kNone);
    QCOMPARE(ref.rack_hall_id[1], kNoId);
    QVERIFY(!ref.hall_of_rack(1));
    QCOMPARE(ref.rack_cdu[1], kNone);
    QVERIFY(ref.rack_known(1));
    QCOMPARE(ref.rack_design_w[1], cat.at("gb300_nvl72").get("nameplate_w"));
    QCOMPARE(ref.cooling_loop[ref.cooling_index.at(kCdu)], kNone);
    QCOMPARE(ref.hall_racks[0].size(), std::size_t(1));
    // A catalog rack type that lacks a parameter (a catalog that does not validate) is named.
    Catalog broken = cat;
    broken.items.at("gb300_nvl72").params.erase("width_m");
    const SiteRef r2 = compile_site_ref(small_site(), broken);
    QCOMPARE(r2.rack_missing[0], std::string("width_m"));
    QCOMPARE(r2.rack_spec[0].width_m, 0.0);
  }

  void rackTableRoundTrip() {
    Site s = small_site();
    Rack r = s.racks.get(1);
    r.name = "changed";
    r.power_override_w = 1.5e5;
    s.racks.set(1, r);
    QCOMPARE(s.racks.get(1), r);
    s.racks.erase(0);
    QCOMPARE(s.racks.size(), std::size_t(1));
    QCOMPARE(s.racks.get(0), r);
    QCOMPARE(s.next_id(), Id(kNextFree));
  }

  void enumStrings() {
    for (auto k : {ElecKind::GridFeed, ElecKind::SolidStateTransformer, ElecKind::Battery})
      QCOMPARE(elec_kind_from_string(to_string(k)), std::optional(k));
    for (auto k : {CoolKind::Crah, CoolKind::DryCooler, CoolKind::Pump})
      QCOMPARE(cool_kind_from_string(to_string(k)), std::optional(k));
    for (auto k : {RedundancyScheme::N, RedundancyScheme::TwoN, RedundancyScheme::BlockCatcher})
      QCOMPARE(redundancy_scheme_from_string(to_string(k)), std::optional(k));
    for (auto k : all_item_kinds()) QCOMPARE(item_kind_from_string(to_string(k)), std::optional(k));
    QVERIFY(!elec_kind_from_string("flux_capacitor"));
  }

  void catalogProblemsNamed() {
    Catalog c = builtin_catalog();
    c.items.at("gb300_nvl72").params.erase("peak_w");
    c.items.at("ups_3mw_415v").params.at("rating_w").source_id = "nowhere";
    c.items.at("cdu_2mw").params.at("pump_min_head_frac").value = 3.7;
    const auto problems = c.validate();
    auto has = [&](const char* key, const char* field) {
      return std::any_of(problems.begin(), problems.end(), [&](const CatalogProblem& p) {
        return p.item_key == key && p.field == field;
      });
    };
    QVERIFY(has("gb300_nvl72", "params/peak_w"));
    QVERIFY(has("ups_3mw_415v", "params/rating_w"));
    QVERIFY(has("cdu_2mw", "params/pump_min_head_frac"));
    QCOMPARE(problems.size(), std::size_t(3));
  }
};

QTEST_APPLESS_MAIN(TstSiteModel)
#include "tst_site_model.moc"
