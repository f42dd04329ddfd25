// The coupled facility: the cooling plant's power drawn through the electrical chain, the losses
// in halls as plant heat. A hand-calculated one-rack site, every template's energy balance, unfed
// units, and N-1 with the cooling units as loads.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_set>

#include "data/catalog_io.h"
#include "model/electrical/contingency.h"
#include "model/facility/coupled.h"
#include "model/site/loads.h"
#include "model/site/templates.h"
#include "model/site/validation.h"
#include "model/thermal/ridethrough.h"
#include "model/thermal/site_thermal.h"

using namespace dctwin::model;
using dctwin::data::builtin_catalog;
namespace el = dctwin::model::electrical;
namespace fa = dctwin::model::facility;
namespace th = dctwin::model::thermal;

namespace {

const ElecNode* node(const Site& s, Id id) {
  for (const auto& n : s.elec_nodes)
    if (n.id == id) return &n;
  return nullptr;
}

// One GB200 rack in a hall on a 415 V point of interconnection: its busway behind a resistive
// connection (the only loss but for a watt at the board), a mechanical board at the POI, one CDU,
// one CRAH, one air-cooled chiller and one pump on one chilled-water loop, all fed from the board.
struct HandSite {
  Site site;
  static constexpr Id kGrid = 1, kBoard = 10, kBusway = 11, kLoop = 30, kCdu = 20, kCrah = 21,
                      kChiller = 22, kPump = 23, kRack = 5, kHall = 3;
  static constexpr double kR = 0.01;         // ohm per phase, POI to busway
  static constexpr double kBoardR = 1e-5;    // ohm per phase, POI to mechanical board
  static constexpr double kLoopFlow = 0.01;  // m3/s at design

  HandSite() {
    const Catalog& cat = builtin_catalog();
    site.name = "hand";
    site.grid = {415, 1e9, 10, 10e6, 1e6};
    site.design_weather.dry_bulb_c = 29.4;
    site.design_weather.wet_bulb_c = 20;
    site.buildings.push_back({2, "B", 0, 0, 40, 40});
    Hall h;
    h.id = kHall;
    h.building_id = 2;
    h.name = "H";
    h.x_m = 2;
    h.y_m = 2;
    h.width_m = 12;
    h.depth_m = 10;
    h.height_m = 4;
    site.halls.push_back(h);
    site.rows.push_back({4, kHall, "R", 3, 5, 0});
    Rack r;
    r.id = kRack;
    r.row_id = 4;
    r.name = "K";
    r.type = "gb200_nvl72";
    r.x_m = 3.5;
    r.y_m = 5;
    r.feed_a = kBusway;
    r.cdu_id = kCdu;
    r.air_unit_id = kCrah;
    site.racks.push_back(r);
    auto n = [&](Id id, ElecKind k, const char* type, Id hall, double rating) {
      ElecNode e;
      e.id = id;
      e.kind = k;
      e.name = to_string(k);
      e.type = type;
      e.building_id = k == ElecKind::GridFeed ? kNoId : 2;
      e.hall_id = hall;
      e.rating_w = rating;
      e.voltage_v = 415;
      site.elec_nodes.push_back(e);
    };
    n(kGrid, ElecKind::GridFeed, "", kNoId, 0);
    n(kBoard, ElecKind::MechanicalBoard, "mcc_415v_4000a", kNoId, 2.8e6);
    n(kBusway, ElecKind::Busway, "busway_415v_4000a", kHall, 2.8e6);
    // The board's connection: 10 micro-ohm, so that the board reports the power through it
    // (a zero-impedance connection merges its ends into one bus) at a loss of about a watt.
    site.elec_edges.push_back({100, kGrid, kBoard, "to board", kBoardR, 0, 0, 5e6, 1, false});
    site.elec_edges.push_back({101, kGrid, kBusway, "to busway", kR, 0, 0, 5e6, 10, false});
    auto u = [&](Id id, CoolKind k, const char* type, Id hall) {
      CoolingUnit c;
      c.id = id;
      c.kind = k;
      c.name = to_string(k);
      c.type = type;
      c.building_id = 2;
      c.hall_id = hall;
      c.loop_id = k == CoolKind::WaterLoop ? kNoId : kLoop;
      if (*type) {
        const CatalogItem& it = cat.at(type);
        if (it.has("capacity_w")) c.capacity_w = it.get("capacity_w");
        if (it.has("airflow_m3_s")) c.airflow_m3_s = it.get("airflow_m3_s");
        if (it.has("supply_temp_c")) c.supply_temp_c = it.get("supply_temp_c");
        if (it.has("approach_k")) c.approach_k = it.get("approach_k");
        if (it.has("flow_m3_s")) c.flow_m3_s = it.get("flow_m3_s");
      }
      if (is_powered(k)) c.feed_a = kBoard;
      site.cooling.push_back(c);
      return &site.cooling.back();
    };
    CoolingUnit* loop = u(kLoop, CoolKind::WaterLoop, "", kNoId);
    loop->supply_temp_c = 18;
    loop->flow_m3_s = kLoopFlow;
    u(kCdu, CoolKind::Cdu, "cdu_2mw", kHall)->x_m = 11;
    u(kCrah, CoolKind::Crah, "crah_250kw", kHall)->x_m = 1;
    u(kChiller, CoolKind::Chiller, "chiller_wc_centrifugal_3p5mw", kNoId);
    u(kPump, CoolKind::Pump, "pump_facility_0p5m3s", kNoId);
  }
};

th::Outdoor design(const Site& s) {
  return {*s.design_weather.dry_bulb_c, *s.design_weather.wet_bulb_c};
}

}  // namespace

class TstFacility : public QObject {
  Q_OBJECT
 private slots:
  // The coupled solve against a hand calculation from the catalog's numbers.
  void handCalculatedSite() {
    const Catalog& cat = builtin_catalog();
    HandSite h;
    const auto problems = validate(h.site, cat);
    QString errors;
    for (const auto& p : problems)
      if (p.severity == Severity::Error) errors += QString::fromStdString(p.message) + "\n";
    QVERIFY2(errors.isEmpty(), qPrintable(errors));
    const fa::FacilityResult r = fa::solve_facility(h.site, cat, design(h.site));
    QVERIFY2(r.balance.converged, r.balance.message.c_str());

    // Rack: IT over the PSU efficiency at full load.
    const CatalogItem& rack = cat.at("gb200_nvl72");
    const double it = rack.get("nameplate_w");
    // The PSU curve is read at load over the power shelves' capacity.
    const double p_rack = it / rack.curve("psu_efficiency").at(it / rack.get("psu_capacity_w"));
    // Busway connection: a resistive line to a constant-power load, V_t = (V + sqrt(V^2 - 4Pr))/2
    // in per unit from the POI voltage the solve found; its loss P^2 r / V_t^2 heats the hall.
    double v_poi = 0;
    for (std::size_t k = 0; k < h.site.elec_nodes.size(); ++k)
      if (h.site.elec_nodes[k].id == HandSite::kGrid) v_poi = r.elec.nodes[k].vm_pu;
    QVERIFY(v_poi > 0.99 && v_poi <= 1.0);
    const double sb = 100e6, zb = 415.0 * 415.0 / sb;
    const double pr = p_rack / sb * HandSite::kR / zb;
    const double vt = (v_poi + std::sqrt(v_poi * v_poi - 4 * pr)) / 2;
    const double loss = p_rack * pr / (vt * vt);
    QVERIFY(loss > 100);  // a real coupling: watts, not rounding
    // Plant: CDU pump on the liquid share; CRAH fans by the cube of the airflow the rack moves
    // (the busway's heat rides on the same air); the loop's pump by its flow, which follows the
    // loop heat from its design flow at the design heat (the rack's nameplate); the air-cooled
    // chiller condensing at the outdoor dry-bulb, its power by its lift against the rating's and
    // its part-load curve. Pumps: flow times head on a system curve that holds a minimum head.
    const auto pump_power = [](double q, double q_rated, double head, double min_frac, double eff) {
      return q * head * (min_frac + (1 - min_frac) * (q / q_rated) * (q / q_rated)) / eff;
    };
    const double rho_cp = 995.7 * 4178.0;  // water at 30 C (IAPWS-95)
    const double lf = rack.get("liquid_fraction");
    const CatalogItem& cdu_t = cat.at("cdu_2mw");
    const double cdu_dt = cdu_t.get("design_delta_t_k");
    const double cdu = pump_power(
        p_rack * lf / (rho_cp * cdu_dt), cdu_t.get("capacity_w") / (rho_cp * cdu_dt),
        cdu_t.get("pump_head_pa"), cdu_t.get("pump_min_head_frac"), cdu_t.get("pump_efficiency"));
    const double air_m3_s = p_rack * (1 - lf) / 1000 * rack.get("airflow_m3_s_per_kw");
    const CatalogItem& crah = cat.at("crah_250kw");
    const double fan = crah.get("fan_power_w") * std::pow(air_m3_s / crah.get("airflow_m3_s"), 3);
    double loop_heat = p_rack + loss + cdu + fan;
    const CatalogItem& pump = cat.at("pump_facility_0p5m3s");
    const double qr = pump.get("flow_m3_s");
    const double flow = HandSite::kLoopFlow * loop_heat / it;
    const double pump_w = pump_power(flow, qr, pump.get("head_pa"), pump.get("min_head_frac"),
                                     pump.get("efficiency"));
    loop_heat += pump_w;
    const CatalogItem& ch = cat.at("chiller_wc_centrifugal_3p5mw");
    const double cap = ch.get("capacity_w");
    const double lift = std::max(*h.site.design_weather.dry_bulb_c - 18.0, ch.get("min_lift_k"));
    const double lift_rated = ch.get("rated_condenser_temp_c") - ch.get("rated_evaporator_temp_c");
    const double chiller = cap / ch.get("cop_rated") *
                           ch.curve("part_load_power").at(loop_heat / cap) *
                           (1 - ch.get("cop_change_frac_per_k") * (lift_rated - lift));
    const double mech = cdu + fan + pump_w + chiller;
    // The board's connection: |S|^2 R / V^2 at the drives' power factor (about a watt).
    const double pf = cat.at("cdu_2mw").get("power_factor");
    const double board_loss =
        std::pow(mech / pf, 2) * HandSite::kBoardR / std::pow(415.0 * v_poi, 2);
    const double grid = p_rack + loss + mech + board_loss;

    const auto close = [](double got, double want, double rel) {
      return std::abs(got - want) <= rel * std::abs(want);
    };
    QVERIFY2(close(r.elec.losses_w.at(el::kLossLvDistribution), loss, 1e-3),
             qPrintable(QString("loss %1 W, hand %2 W")
                            .arg(r.elec.losses_w.at(el::kLossLvDistribution))
                            .arg(loss)));
    QVERIFY2(close(r.balance.room_heat_w, loss, 1e-3), "the busway's loss heats the hall");
    QVERIFY2(
        close(r.balance.cooling_power_w, mech, 1e-3),
        qPrintable(QString("cooling %1 W, hand %2 W").arg(r.balance.cooling_power_w).arg(mech)));
    QVERIFY2(close(r.balance.grid_import_w, grid, 1e-3),
             qPrintable(QString("grid %1 W, hand %2 W").arg(r.balance.grid_import_w).arg(grid)));
    QVERIFY(close(r.balance.facility_power_w, grid, 1e-3));
    QVERIFY(close(r.balance.pue, grid / it, 1e-3));
    // The board carries the whole plant.
    for (std::size_t k = 0; k < h.site.elec_nodes.size(); ++k)
      if (h.site.elec_nodes[k].id == HandSite::kBoard)
        QVERIFY2(close(r.elec.nodes[k].p_w, mech, 1e-3),
                 qPrintable(QString("board %1 W, hand %2 W").arg(r.elec.nodes[k].p_w).arg(mech)));
    QCOMPARE(r.balance.unfed_cooling_power_w, 0.0);
    QVERIFY(r.balance.passes >= 2);
    QVERIFY(r.balance.energy_balance_error < 1e-3);
  }

  // A unit without a feed: validation warns, its power is in the facility but not in the grid.
  void unfedUnitIsReported() {
    const Catalog& cat = builtin_catalog();
    HandSite h;
    for (auto& c : h.site.cooling)
      if (c.id == HandSite::kChiller) c.feed_a = kNoId;
    bool warned = false;
    for (const auto& p : validate(h.site, cat))
      warned = warned || (p.code == "cool.unfed" && p.entity == HandSite::kChiller &&
                          p.severity == Severity::Warning);
    QVERIFY(warned);
    const fa::FacilityResult r = fa::solve_facility(h.site, cat, design(h.site));
    QVERIFY(r.balance.converged);
    double chiller = 0;
    for (std::size_t k = 0; k < h.site.cooling.size(); ++k)
      if (h.site.cooling[k].id == HandSite::kChiller) chiller = r.plant.units[k].power_w;
    QVERIFY(chiller > 1000);
    QVERIFY(std::abs(r.balance.unfed_cooling_power_w - chiller) <= 1e-6 * chiller);
    const double sum = r.balance.grid_import_w + r.balance.unfed_cooling_power_w;
    QVERIFY(std::abs(sum - r.balance.facility_power_w) <= 1e-3 * r.balance.facility_power_w);
    bool flagged = false;
    for (const auto& v : r.elec.violations)
      flagged = flagged || (v.code == "load.unpowered" && v.entity == HandSite::kChiller);
    QVERIFY2(flagged, "the electrical result names the unit whose load is not supplied");
  }

  void templatesBalance_data() {
    QTest::addColumn<QString>("name");
    for (const auto& t : site_templates())
      QTest::newRow(t.name.c_str()) << QString::fromStdString(t.name);
  }
  // Every template: the grid sees IT, losses and the whole plant; the mechanical load shows in
  // the loading of the transformers and feeders that carry it.
  void templatesBalance() {
    QFETCH(QString, name);
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template(name.toStdString(), {}, cat);
    const auto od = th::design_outdoor(s);
    QVERIFY(od);
    const fa::FacilityResult r = fa::solve_facility(s, cat, *od);
    const fa::FacilityBalance& b = r.balance;
    QVERIFY2(b.converged, b.message.c_str());
    QVERIFY(b.passes <= 6);
    QCOMPARE(b.unfed_cooling_power_w, 0.0);
    QVERIFY(b.cooling_power_w > 0.02 * b.it_power_w);
    QVERIFY2(std::abs(b.fed_cooling_power_w - b.cooling_power_w) <= 1e-3 * b.cooling_power_w,
             "every unit's power is drawn through the chain");
    const double want = b.facility_power_w - b.standby_generation_w;
    QVERIFY2(std::abs(b.grid_import_w - want) <= 1e-3 * want,
             qPrintable(QString("grid %1 MW, facility %2 MW")
                            .arg(b.grid_import_w / 1e6)
                            .arg(b.facility_power_w / 1e6)));
    QVERIFY(b.energy_balance_error < 1e-3);
    // Mechanical boards, their substations and the HV/MV or MV lineups above them carry load.
    double boards = 0, mech_mv = 0;
    for (std::size_t k = 0; k < s.elec_nodes.size(); ++k) {
      const ElecNode& n = s.elec_nodes[k];
      if (n.kind == ElecKind::MechanicalBoard) boards += r.elec.nodes[k].p_w;
      if (n.kind == ElecKind::MvSwitchgear && n.name.find("-MECH-") != std::string::npos)
        mech_mv += r.elec.nodes[k].p_w;
    }
    QVERIFY2(std::abs(boards - b.fed_cooling_power_w) <= 1e-3 * b.fed_cooling_power_w,
             qPrintable(QString("boards %1 MW, cooling %2 MW")
                            .arg(boards / 1e6)
                            .arg(b.fed_cooling_power_w / 1e6)));
    QVERIFY(mech_mv > boards);  // with the losses of the substations (and UPS) below them
    qInfo("%s: IT %.1f MW, losses %.1f MW, cooling %.1f MW, grid %.1f MW, PUE %.3f, %d passes",
          qPrintable(name), b.it_power_w / 1e6, b.electrical_losses_w / 1e6,
          b.cooling_power_w / 1e6, b.grid_import_w / 1e6, b.pue, b.passes);
  }

  // N-1 with the cooling units as loads: a 2N mechanical board's loss keeps every unit on its
  // other feed; a single-fed unit is lost with its board; the incremental and the full re-solve
  // agree.
  void contingencyWithCoolingLoads() {
    const Catalog& cat = builtin_catalog();
    Site s = make_site_from_template("small", {}, cat);
    const auto od = th::design_outdoor(s);
    fa::FacilityResult f = fa::solve_facility(s, cat, *od);
    QVERIFY(f.balance.converged);
    el::SiteSolveOptions o;
    o.loads = f.loads;
    const auto inc = el::run_contingencies(s, cat, o, nullptr, 1);
    std::size_t board_cases = 0;
    for (const auto& c : inc.cases) {
      const ElecNode* n = node(s, c.failed);
      if (!n || n->kind != ElecKind::MechanicalBoard) continue;
      ++board_cases;
      QVERIFY2(c.loads_lost.empty(), "dual-fed units survive a board's loss");
      QVERIFY(c.racks_lost.empty());
    }
    QVERIFY(board_cases >= 2);
    // The fast path takes the loads; only the grid feed's loss, an island on the standby
    // generators, is re-solved in full.
    QCOMPARE(inc.cases_full_resolve, std::size_t(1));

    // Feed one CDU from board A only: failing that board loses it.
    Id board_a = kNoId, cdu = kNoId;
    for (auto& c : s.cooling)
      if (c.kind == CoolKind::Cdu && cdu == kNoId) {
        cdu = c.id;
        board_a = c.feed_a;
        c.feed_b = kNoId;
      }
    QVERIFY(cdu != kNoId);
    f = fa::solve_facility(s, cat, *od);
    o.loads = f.loads;
    const auto inc2 = el::run_contingencies(s, cat, o, nullptr, 1);
    const auto full2 =
        el::run_contingencies(s, cat, o, nullptr, 1, el::ContingencyMethod::FullResolve);
    QCOMPARE(inc2.cases.size(), full2.cases.size());
    bool lost = false;
    for (const auto& c : inc2.cases) {
      if (c.failed == board_a) lost = c.loads_lost == std::vector<Id>{cdu};
      for (const auto& d : full2.cases)
        if (d.failed == c.failed && d.group == c.group) {
          QCOMPARE(c.loads_lost, d.loads_lost);
          QVERIFY(std::abs(c.worst_loading_pct - d.worst_loading_pct) < 1e-3);
        }
    }
    QVERIFY2(lost, "the single-fed CDU is lost with its board");
  }

  // The general cooling loss reproduces the single-unit ride-through where the two ask the same
  // question: one CDU in no group, one fan wall (the hall's others carry), one chiller.
  void coolingLossMatchesRideThrough_data() {
    QTest::addColumn<QString>("tmpl");
    QTest::addColumn<int>("kind");
    QTest::newRow("small cdu") << "small" << int(CoolKind::Cdu);
    QTest::newRow("small fan wall") << "small" << int(CoolKind::FanWall);
    QTest::newRow("hall cdu") << "hall" << int(CoolKind::Cdu);
    QTest::newRow("hall chiller") << "hall" << int(CoolKind::Chiller);
  }
  void coolingLossMatchesRideThrough() {
    QFETCH(QString, tmpl);
    QFETCH(int, kind);
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template(tmpl.toStdString(), {}, cat);
    const auto od = th::design_outdoor(s);
    QVERIFY(od);
    const fa::FacilityResult f = fa::solve_facility(s, cat, *od);
    const auto heat = th::rack_heat_from_solve(f.elec);
    Id unit = kNoId;
    for (const auto& u : s.cooling)
      if (int(u.kind) == kind) unit = u.id;
    QVERIFY(unit != kNoId);
    const th::CoolingEvent ev = kind == int(CoolKind::Cdu)       ? th::CoolingEvent::CduPumpLoss
                                : kind == int(CoolKind::Chiller) ? th::CoolingEvent::ChillerTrip
                                                                 : th::CoolingEvent::CrahLoss;
    // ride_through solves the plant on the heat given; the coupled solve's plant had the room
    // heat too, so compare on the same plant: ride_through's own.
    const th::RideThroughResult rt = th::ride_through(s, cat, ev, unit, *od, heat);
    const th::PlantResult plant = th::solve_plant(s, cat, *od, heat);
    const th::CoolingLoss loss = th::cooling_loss(s, cat, plant, {unit}, heat);
    if (!rt.limits.empty() && rt.limits.front().time_s) {
      QVERIFY(loss.time_to_limit_s);
      QVERIFY2(std::abs(*loss.time_to_limit_s - *rt.limits.front().time_s) <=
                   1e-9 * *rt.limits.front().time_s + 1e-12,
               qPrintable(
                   QString("%1 vs %2").arg(*loss.time_to_limit_s).arg(*rt.limits.front().time_s)));
      QCOMPARE(loss.limit, rt.limits.front().name);
      QCOMPARE(loss.parts.size(), std::size_t(1));
      QVERIFY(std::abs(loss.parts.front().unbalance_w - rt.unbalance_w) <= 1e-9 * rt.unbalance_w);
      auto racks = rt.racks_affected;
      std::sort(racks.begin(), racks.end());
      QCOMPARE(loss.racks_affected, racks);
    } else {
      QVERIFY2(!loss.time_to_limit_s, "the survivors carry the heat in both");
    }
    // A CDU in no group always reaches its coolant limit: its racks have nowhere else to go.
    if (kind == int(CoolKind::Cdu)) QVERIFY(loss.time_to_limit_s && *loss.time_to_limit_s > 0);
  }

  // All pumps of the CDUs' facility-water loop stop: the loop moves no heat, so every CDU on it
  // stops; each CDU's secondary warms on its own, from the plant's duty and the catalog.
  void pumpsLostStopTheLoop() {
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template("small", {}, cat);
    const auto od = th::design_outdoor(s);
    const fa::FacilityResult f = fa::solve_facility(s, cat, *od);
    const auto heat = th::rack_heat_from_solve(f.elec);
    Id loop = kNoId;
    for (const auto& u : s.cooling)
      if (u.kind == CoolKind::Cdu) loop = u.loop_id;
    std::vector<Id> pumps;
    for (const auto& u : s.cooling)
      if (u.kind == CoolKind::Pump && u.loop_id == loop) pumps.push_back(u.id);
    QVERIFY(pumps.size() >= 2);
    // One pump of N+1 lost: the others carry the design flow; nothing warms.
    QVERIFY(!th::cooling_loss(s, cat, f.plant, {pumps.front()}, heat).time_to_limit_s);

    const th::CoolingLoss loss = th::cooling_loss(s, cat, f.plant, pumps, heat);
    QVERIFY(loss.time_to_limit_s);
    const double water = 1000.0 * 4186.0;  // kg/m3 * J/(kg K), rho c of water near 30 C
    double expected = 1e300;
    std::set<Id> racks;
    for (std::size_t k = 0; k < s.cooling.size(); ++k) {
      const CoolingUnit& u = s.cooling[k];
      if (u.kind != CoolKind::Cdu || u.loop_id != loop) continue;
      double lim = 1e300;
      for (std::size_t i = 0; i < s.racks.size(); ++i)
        if (s.racks.cdu_id[i] == u.id) {
          lim = std::min(lim, cat.at(s.racks.type[i]).get("coolant_max_supply_temp_c"));
          racks.insert(s.racks.id[i]);
        }
      double supply = 0;
      for (const auto& l : f.plant.loops)
        if (l.id == loop) supply = l.supply_temp_c;
      const double start = supply + cat.at(u.type).get("approach_k");
      const double t = (lim - start) * water * cat.at(u.type).get("secondary_volume_m3") /
                       f.plant.units[k].heat_w;
      expected = std::min(expected, t);
    }
    QVERIFY2(std::abs(*loss.time_to_limit_s - expected) <= 0.01 * expected,
             qPrintable(QString("%1 s vs %2 s").arg(*loss.time_to_limit_s).arg(expected)));
    QCOMPARE(loss.medium, std::string("CDU secondary"));
    for (Id r : racks)
      QVERIFY(std::binary_search(loss.racks_affected.begin(), loss.racks_affected.end(), r));
  }

  // N-1 of the coupled facility: every component in no group is failed, a single CDU is a single
  // point of failure with the time its racks have, a fan wall of an N+1 group is not, the grid
  // feed's loss stops the plant (its mechanical lineups have no standby generation) and a board
  // that is a unit's only feed stops it.
  void facilityContingency() {
    const Catalog& cat = builtin_catalog();
    Site s = make_site_from_template("small", {}, cat);
    const auto od = th::design_outdoor(s);
    const fa::FacilityContingency fc = fa::run_facility_contingencies(s, cat, *od, {}, nullptr, 1);
    const auto heat = th::rack_heat_from_solve(fc.base.elec);
    std::set<Id> grouped;
    for (const auto& g : s.groups) grouped.insert(g.members.begin(), g.members.end());
    auto case_of = [&](const el::ContingencyResult& r, Id failed) -> const el::ContingencyCase* {
      for (const auto& c : r.cases)
        if (c.failed == failed) return &c;
      return nullptr;
    };
    std::size_t cdus = 0, spof = 0;
    for (const auto& u : s.cooling) {
      if (u.kind == CoolKind::Cdu) {
        const el::ContingencyCase* c = case_of(fc.n1, u.id);
        QVERIFY2(c, "every CDU is failed");
        ++cdus;
        if (grouped.count(u.id)) continue;
        QCOMPARE(c->group, kNoId);
        QVERIFY(c->single_point);
        const auto loss = th::cooling_loss(s, cat, fc.base.plant, {u.id}, heat);
        QVERIFY(c->time_to_limit_s && loss.time_to_limit_s);
        QCOMPARE(*c->time_to_limit_s, *loss.time_to_limit_s);
        std::vector<Id> on;
        for (std::size_t i = 0; i < s.racks.size(); ++i)
          if (s.racks.cdu_id[i] == u.id) on.push_back(s.racks.id[i]);
        QCOMPARE(c->racks_affected, on);
      }
      if (u.kind == CoolKind::FanWall) {
        const el::ContingencyCase* c = case_of(fc.n1, u.id);
        QVERIFY(c && c->group != kNoId);
        QVERIFY2(!c->time_to_limit_s && !c->single_point, "the N+1 survivors carry the hall");
      }
    }
    QVERIFY(cdus > 0);
    for (const auto& c : fc.n1.cases) spof += c.single_point;
    QCOMPARE(fc.n1.single_points, spof);
    // Worst first: every single point ranks above every case that is not one.
    bool seen_secure = false;
    for (const auto& c : fc.n1.cases) {
      if (!c.single_point) seen_secure = true;
      QVERIFY2(!(seen_secure && c.single_point), std::to_string(c.failed).c_str());
    }
    Id grid = kNoId;
    for (const auto& n : s.elec_nodes)
      if (n.kind == ElecKind::GridFeed) grid = n.id;
    const el::ContingencyCase* g = case_of(fc.n1, grid);
    QVERIFY(g && g->group == kNoId);
    // The standby generators carry the IT and the mechanical lineups: in steady state nothing
    // is lost (the minutes before they carry are the utility-outage scenario's cascade).
    QVERIFY2(g->racks_lost.empty(), "the standby generators carry the IT lineups");
    QVERIFY2(g->loads_lost.empty(), "and the mechanical ones");
    QVERIFY(!g->time_to_limit_s && !g->single_point);
    // Without the mechanical lineups' generators, the plant behind them stops.
    Site no_mech = s;
    std::unordered_set<Id> mech_gens;
    for (const auto& n : no_mech.elec_nodes)
      if (n.kind == ElecKind::Generator && n.name.find("-MECH-") != std::string::npos)
        mech_gens.insert(n.id);
    QVERIFY(!mech_gens.empty());
    std::erase_if(no_mech.elec_edges,
                  [&](const ElecEdge& e) { return mech_gens.count(e.from) > 0; });
    std::erase_if(no_mech.elec_nodes, [&](const ElecNode& n) { return mech_gens.count(n.id) > 0; });
    const fa::FacilityContingency fm =
        fa::run_facility_contingencies(no_mech, cat, *od, {}, nullptr, 1);
    const el::ContingencyCase* gm = case_of(fm.n1, grid);
    QVERIFY(gm && gm->racks_lost.empty() && !gm->loads_lost.empty());
    QVERIFY(gm->time_to_limit_s && gm->single_point);

    // A CDU fed from one board only: that board's loss stops it, with the CDU's own time.
    Id cdu = kNoId, board = kNoId;
    for (auto& u : s.cooling)
      if (u.kind == CoolKind::Cdu && cdu == kNoId) {
        cdu = u.id;
        board = u.feed_a;
        u.feed_b = kNoId;
      }
    const fa::FacilityContingency one = fa::run_facility_contingencies(s, cat, *od, {}, nullptr, 1);
    const el::ContingencyCase* b = case_of(one.n1, board);
    QVERIFY(b && b->group != kNoId);
    QVERIFY(std::count(b->cooling_stopped.begin(), b->cooling_stopped.end(), cdu) == 1);
    QVERIFY(b->time_to_limit_s && b->single_point);
    const el::ContingencyCase* alone = case_of(one.n1, cdu);
    QVERIFY(alone && alone->time_to_limit_s);
    QVERIFY(std::abs(*b->time_to_limit_s - *alone->time_to_limit_s) <=
            1e-6 * *alone->time_to_limit_s);
  }
};

QTEST_APPLESS_MAIN(TstFacility)
#include "tst_facility.moc"
