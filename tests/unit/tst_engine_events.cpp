// Scenario engine events: a utility loss computed by hand on a small site (UPS bridge energy and
// margin from the site solve's node flows, generators carrying the site afterwards, fuel), a
// chiller trip on the hall template against ride_through's lumped rate, one UPS of a 2N pair out.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_set>

#include "data/catalog_io.h"
#include "model/electrical/site_power.h"
#include "model/facility/coupled.h"
#include "model/scenario/engine.h"
#include "model/site/templates.h"
#include "model/thermal/plant.h"
#include "model/thermal/ridethrough.h"

using namespace dctwin::model;
using namespace dctwin::model::scenario;

namespace {

const Catalog& cat() { return dctwin::data::builtin_catalog(); }

const Site& small_site() {
  static const Site s =
      make_site_from_template("small", {{"rows", 2}, {"racks_per_row", 4}}, cat());
  return s;
}
const Site& hall_site() {
  static const Site s = make_site_from_template("hall", {}, cat());
  return s;
}

double rel(double a, double b) { return std::abs(a - b) / std::max(std::abs(b), 1e-12); }

// The oracle for the series: what the grid supplies, solved directly (the site power flow with
// `o`, and the plant, less the cooling units in `without`, at the scenario's constant weather)
// rather than through the engine's tables, balance and event code.
struct Direct {
  double grid_w = 0, cooling_w = 0;
};
Direct direct(const Site& site, const Scenario& sc, const electrical::SiteSolveOptions& o = {},
              const std::unordered_set<Id>& without = {}) {
  const auto e = electrical::solve_site_power(site, cat(), o);
  std::vector<double> heat;
  for (const auto& rf : e.racks) heat.push_back(rf.input_w);
  Site plant_site = site;
  std::erase_if(plant_site.cooling, [&](const CoolingUnit& u) { return without.count(u.id) > 0; });
  const auto w = std::get<ConstantWeather>(sc.weather);
  const auto p =
      thermal::solve_plant(plant_site, cat(), {w.dry_bulb_c, w.wet_bulb_c, w.pressure_pa}, heat);
  return {e.grid_import_w + p.cooling_power_w, p.cooling_power_w};
}

// Every step whose start lies in [t_from, t_to) imports d.grid_w within 1 % (the plant table's
// interpolation), and the grid energy over those steps agrees to the same.
void check_grid(const SimulationResult& r, double step_s, double t_from, double t_to,
                const Direct& d) {
  double e = 0, e_direct = 0;
  std::size_t n = 0;
  for (std::size_t s = 0; s < r.grid_import_w.size(); ++s) {
    const double t = step_s * static_cast<double>(s);
    if (t < t_from || t >= t_to) continue;
    QVERIFY2(rel(r.grid_import_w[s], d.grid_w) < 1e-2,
             qPrintable(QString("t %1 s: grid %2 W vs direct %3 W")
                            .arg(t)
                            .arg(r.grid_import_w[s])
                            .arg(d.grid_w)));
    e += r.grid_import_w[s];
    e_direct += d.grid_w;
    ++n;
  }
  QVERIFY(n > 0);
  QVERIFY(rel(e, e_direct) < 1e-2);
}

Scenario base(double horizon_s) {
  Scenario s;
  s.name = "event-test";
  s.horizon_s = horizon_s;
  s.step_s = 1.0;
  s.weather = ConstantWeather{35.0, 24.0, 101325.0};
  s.load = ConstantProfile{1.0};
  return s;
}

}  // namespace

class TstEngineEvents : public QObject {
  Q_OBJECT
 private slots:
  void builtinScenarios() {
    const auto names = builtin_scenario_names();
    QVERIFY(std::find(names.begin(), names.end(), "utility-outage") != names.end());
    QVERIFY(std::find(names.begin(), names.end(), "chiller-trip") != names.end());
    const auto& p = builtin_scenario_params();
    const Scenario u = make_builtin_scenario("utility-outage", small_site(), cat());
    QCOMPARE(u.events.size(), std::size_t(1));
    QCOMPARE(u.events[0].kind, EventKind::UtilityLoss);
    QCOMPARE(u.events[0].t0_s, p.outage_t0_s);
    QCOMPARE(*u.events[0].duration_s, p.outage_duration_s);
    QCOMPARE(u.step_s, p.outage_step_s);
    const Scenario c = make_builtin_scenario("chiller-trip", small_site(), cat());
    QCOMPARE(c.events.size(), std::size_t(1));
    QCOMPARE(c.events[0].kind, EventKind::ChillerTrip);
    QVERIFY(!c.events[0].duration_s);
  }

  // Utility loss at t0 = 20 s for 60 s on the small template, every figure by hand: the
  // electrical side from solves of the coupled design point's loads, the cascade from the
  // template's design (CDUs, fan walls and pumps behind UPS; chillers and towers not) and the
  // catalog's start and restart times.
  void utilityLossByHand() {
    const Site& site = small_site();
    Scenario sc = base(300.0);
    const double t0 = 20.0, dur = 60.0;
    sc.events.push_back({EventKind::UtilityLoss, kNoId, t0, dur});
    const SimulationResult r = simulate(site, cat(), sc);
    QCOMPARE(r.events.size(), std::size_t(1));
    const EventResult& e = r.events[0];

    const auto w = std::get<ConstantWeather>(sc.weather);
    const auto fac =
        facility::solve_facility(site, cat(), {w.dry_bulb_c, w.wet_bulb_c, w.pressure_pa});
    QVERIFY(fac.balance.converged);
    electrical::SiteSolveOptions no, io;
    no.loads = io.loads = fac.loads;
    const auto normal = electrical::solve_site_power(site, cat(), no);
    QVERIFY(normal.converged);
    std::unordered_map<Id, const ElecNode*> node;
    for (const auto& n : site.elec_nodes) {
      node[n.id] = &n;
      if (n.kind == ElecKind::GridFeed) io.failed.insert(n.id);
    }
    double start = 0;
    for (const auto& n : site.elec_nodes)
      if (n.kind == ElecKind::Generator)
        start = std::max(start, cat().at(n.type).get("start_time_s"));
    QVERIFY(start > 0);
    for (const auto& ed : site.elec_edges)
      if (ed.normally_open && (node.at(ed.from)->kind == ElecKind::Generator ||
                               node.at(ed.to)->kind == ElecKind::Generator))
        io.closed_edges.insert(ed.id);
    QVERIFY(!io.closed_edges.empty());

    // Bridge: UPS output (racks and the mechanical loads behind UPS) x start delay; margin =
    // battery energy / output - delay.
    double bridge_wh = 0, margin = 1e300;
    int ups = 0;
    for (std::size_t k = 0; k < site.elec_nodes.size(); ++k) {
      const auto& n = site.elec_nodes[k];
      if (n.kind != ElecKind::Ups || !normal.nodes[k].energized) continue;
      ++ups;
      const double p = normal.nodes[k].p_w;
      QVERIFY(p > 0);
      bridge_wh += p * start / 3600.0;
      margin = std::min(margin, n.rating_w * cat().at(n.type).get("battery_runtime_s") / p - start);
    }
    QVERIFY(ups >= 4);  // IT and mechanical, both sides
    QVERIFY(e.generators);
    QCOMPARE(e.generator_start_s, start);
    QCOMPARE(e.bridge_s, start);
    QVERIFY2(rel(e.bridge_energy_wh, bridge_wh) < 1e-9,
             qPrintable(QString("%1 vs %2").arg(e.bridge_energy_wh).arg(bridge_wh)));
    QVERIFY(e.min_ups_margin_s.has_value());
    QVERIFY(rel(*e.min_ups_margin_s, margin) < 1e-9);
    QVERIFY(margin > 0);
    QVERIFY(e.ups_depleted.empty());
    QVERIFY2(e.racks_lost.empty(), e.explanation.c_str());

    // The cascade: chillers and towers stop at t0 and run again restart_s after the generators
    // carry their boards; nothing else stops.
    std::map<Id, double> restart_at;
    for (const auto& u : site.cooling)
      if (u.kind == CoolKind::Chiller || u.kind == CoolKind::CoolingTower)
        restart_at[u.id] = t0 + start + cat().at(u.type).get("restart_s");
    QVERIFY(restart_at.size() >= 4);
    QCOMPARE(e.cooling_units_stopped, restart_at.size());
    std::map<Id, double> stopped_at, ran_at;
    for (const auto& k : e.cascade) {
      if (k.what == "cooling_stopped")
        for (Id u : k.units) stopped_at[u] = k.t_s;
      if (k.what == "cooling_restarted")
        for (Id u : k.units) ran_at[u] = k.t_s;
    }
    QCOMPARE(stopped_at.size(), restart_at.size());
    for (const auto& [u, t] : restart_at) {
      QCOMPARE(stopped_at.at(u), t0);
      QCOMPARE(ran_at.at(u), t);
    }
    double last = 0;
    for (const auto& [u, t] : restart_at) last = std::max(last, t);
    QVERIFY(e.plant_running_s && std::abs(*e.plant_running_s - (last - t0)) < 1e-9);
    for (std::size_t i = 1; i < e.cascade.size(); ++i)
      QVERIFY(e.cascade[i - 1].t_s <= e.cascade[i].t_s);

    // The chilled-water loop warms at ride_through's rate for a trip of all its chillers, from
    // the loss until they run again (the fan walls keep moving its heat to it).
    Id chw = kNoId;
    for (const auto& u : site.cooling)
      if (u.kind == CoolKind::Chiller) chw = u.loop_id;
    const auto heat = [&] {
      std::vector<double> h;
      for (const auto& rf : fac.elec.racks) h.push_back(rf.input_w);
      return h;
    }();
    const auto rt = thermal::ride_through(site, cat(), thermal::CoolingEvent::ChillerTrip, chw,
                                          {w.dry_bulb_c, w.wet_bulb_c, w.pressure_pa}, heat);
    const CascadeMedium* m = nullptr;
    for (const auto& x : e.media)
      if (x.target == chw) m = &x;
    QVERIFY(m);
    QVERIFY(rt.unbalance_w > 0 && rt.thermal_mass_j_per_k > 0);
    double chiller_restart = 0;
    for (const auto& [u, t] : restart_at) chiller_restart = std::max(chiller_restart, t);
    const double expect =
        rt.start_c + rt.unbalance_w * (chiller_restart - t0) / rt.thermal_mass_j_per_k;
    QVERIFY2(std::abs(m->peak_c - expect) < 0.02 * (expect - rt.start_c),
             qPrintable(QString("%1 vs %2 C").arg(m->peak_c).arg(expect)));

    // Generators carry the site with the running plant's loads: all racks powered, no grid
    // import; fuel from each phase: towers and chillers stopped, then the chillers only (they
    // run again after the utility is back).
    double tower_back = 0;
    for (const auto& u : site.cooling)
      if (u.kind == CoolKind::CoolingTower) tower_back = restart_at.at(u.id);
    QVERIFY(t0 + start < tower_back && tower_back < t0 + dur && t0 + dur < chiller_restart);
    struct Phase {
      double from, to;
      bool towers_stopped;
    };
    double fuel = 0, peak = 0;
    for (const Phase ph :
         {Phase{t0 + start, tower_back, true}, Phase{tower_back, t0 + dur, false}}) {
      electrical::SiteSolveOptions po = io;
      po.loads.clear();
      for (const auto& fl : io.loads) {
        const auto u = std::find_if(site.cooling.begin(), site.cooling.end(),
                                    [&](const CoolingUnit& cu) { return cu.id == fl.entity; });
        const bool stopped = u->kind == CoolKind::Chiller ||
                             (ph.towers_stopped && u->kind == CoolKind::CoolingTower);
        if (!stopped) po.loads.push_back(fl);
      }
      QVERIFY(po.loads.size() < io.loads.size());
      const auto island = electrical::solve_site_power(site, cat(), po);
      QVERIFY2(island.converged, island.message.c_str());
      for (const auto& rf : island.racks) QVERIFY(rf.powered);
      QVERIFY(std::abs(island.grid_import_w) < 1e-6 * island.it_power_w);
      for (std::size_t k = 0; k < site.elec_nodes.size(); ++k) {
        const auto& n = site.elec_nodes[k];
        if (n.kind != ElecKind::Generator || !island.nodes[k].energized) continue;
        const auto& it = cat().at(n.type);
        const double wh = island.nodes[k].p_w * (ph.to - ph.from) / 3600.0;
        fuel += it.get("fuel_l_per_kwh") * wh / 1000.0;
        peak = std::max(peak,
                        100.0 * island.nodes[k].p_w / (n.rating_w * (1.0 - it.get("derate_frac"))));
      }
      const auto sg = static_cast<std::size_t>(ph.from);
      QVERIFY(rel(r.losses_w[sg], island.total_loss_w) < 1e-9);
      QVERIFY(rel(r.it_w[sg], island.it_power_w) < 1e-9);
    }
    QVERIFY(fuel > 0);
    QVERIFY2(rel(e.fuel_l, fuel) < 1e-9, qPrintable(QString("%1 vs %2").arg(e.fuel_l).arg(fuel)));
    QVERIFY(rel(e.generator_peak_loading_pct, peak) < 1e-9);
    QVERIFY(peak > 0 && peak < 100);

    // The series: no import during the outage, import before and after; the grid sees the
    // site as before once the plant runs again.
    for (std::size_t s = 0; s < r.grid.steps; ++s) {
      const double t = static_cast<double>(s);
      if (t >= t0 && t < t0 + dur)
        QVERIFY2(std::abs(r.grid_import_w[s]) < 1e-6 * r.it_w[s],
                 qPrintable(QString("t %1 s: import %2 W").arg(t).arg(r.grid_import_w[s])));
      else
        QVERIFY(r.grid_import_w[s] > 0);
    }
    const Direct grid_side = direct(site, sc);
    check_grid(r, sc.step_s, 0.0, t0, grid_side);
    check_grid(r, sc.step_s, t0 + *e.plant_running_s, sc.horizon_s, grid_side);
  }

  // All chillers of the hall's first chilled-water loop trip: the loop warms at ride_through's
  // lumped rate (heat not removed over the water's thermal mass).
  void chillerTripRate() {
    const Site& site = hall_site();
    Scenario sc = make_builtin_scenario("chiller-trip", site, cat());
    sc.horizon_s = 300.0;
    const SimulationResult r = simulate(site, cat(), sc);
    QCOMPARE(r.events.size(), std::size_t(1));
    const EventResult& e = r.events[0];
    const ConstantWeather w = std::get<ConstantWeather>(sc.weather);
    const auto elec = electrical::solve_site_power(site, cat());
    std::vector<double> heat;
    for (const auto& rf : elec.racks) heat.push_back(rf.input_w);
    const auto rt = thermal::ride_through(site, cat(), thermal::CoolingEvent::ChillerTrip, e.target,
                                          {w.dry_bulb_c, w.wet_bulb_c, w.pressure_pa}, heat);
    QVERIFY(rt.unbalance_w > 0);
    QVERIFY2(rel(e.unbalance_w, rt.unbalance_w) < 1e-3,
             qPrintable(QString("%1 vs %2").arg(e.unbalance_w).arg(rt.unbalance_w)));
    QVERIFY(rel(e.thermal_mass_j_per_k, rt.thermal_mass_j_per_k) < 1e-12);
    QVERIFY(std::abs(e.start_c - rt.start_c) < 1e-9);
    const double rate = rt.unbalance_w / rt.thermal_mass_j_per_k;
    const double rise = e.peak_c - e.start_c;
    QVERIFY2(
        rel(rise, rate * (sc.horizon_s - sc.events[0].t0_s)) < 1e-3,
        qPrintable(
            QString("rise %1 K vs %2 K").arg(rise).arg(rate * (sc.horizon_s - sc.events[0].t0_s))));
    QVERIFY(!e.recovered);
    for (const auto& l : rt.limits) {
      if (!l.time_s || l.name.find("recommended") == std::string::npos) continue;
      if (*l.time_s > sc.horizon_s - sc.events[0].t0_s) continue;
      QVERIFY(e.time_to_recommended_s.has_value());
      QVERIFY2(std::abs(*e.time_to_recommended_s - *l.time_s) < 1.0 + 1e-3 * *l.time_s,
               qPrintable(QString("%1 s vs %2 s").arg(*e.time_to_recommended_s).arg(*l.time_s)));
    }
    // Tripped chillers draw nothing: cooling power drops at t0.
    QVERIFY(r.cooling_w[100] < r.cooling_w[10]);
    check_grid(r, sc.step_s, 0.0, sc.events[0].t0_s, direct(site, sc));
    // While tripped, the rest of the plant runs as a plant without those chillers would.
    std::unordered_set<Id> tripped;
    for (const auto& u : site.cooling)
      if (u.kind == CoolKind::Chiller && u.loop_id == e.target) tripped.insert(u.id);
    QVERIFY(!tripped.empty());
    const Direct reduced = direct(site, sc, {}, tripped);
    QVERIFY(reduced.cooling_w < direct(site, sc).cooling_w);
    for (std::size_t s = static_cast<std::size_t>(sc.events[0].t0_s) + 1; s < r.cooling_w.size();
         ++s)
      QVERIFY2(rel(r.cooling_w[s], reduced.cooling_w) < 1e-2,
               qPrintable(QString("t %1 s: cooling %2 W vs the reduced plant's %3 W")
                              .arg(s)
                              .arg(r.cooling_w[s])
                              .arg(reduced.cooling_w)));
  }

  // One UPS of a 2N pair out: its partner carries the block, no rack loses power.
  void upsOutage2N() {
    const Site& site = small_site();
    Id ups = kNoId;
    for (const auto& n : site.elec_nodes)
      if (n.kind == ElecKind::Ups) {
        ups = n.id;
        break;
      }
    QVERIFY(ups != kNoId);
    Scenario sc = base(30.0);
    sc.events.push_back({EventKind::ComponentOutage, ups, 10.0, std::nullopt});
    const SimulationResult r = simulate(site, cat(), sc);
    const EventResult& e = r.events.at(0);
    QVERIFY(e.racks_lost.empty());
    electrical::SiteSolveOptions o;
    o.failed.insert(ups);
    const auto out = electrical::solve_site_power(site, cat(), o);
    QVERIFY(rel(e.worst_loading_pct, out.max_loading_pct) < 1e-12);
    QVERIFY(e.worst_loading_pct > electrical::solve_site_power(site, cat()).max_loading_pct);
    check_grid(r, sc.step_s, 0.0, 10.0, direct(site, sc));
    check_grid(r, sc.step_s, 11.0, sc.horizon_s, direct(site, sc, o));
  }

  void badTargets() {
    Scenario sc = base(10.0);
    sc.events.push_back({EventKind::ComponentOutage, 987654, 0.0, std::nullopt});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)simulate(small_site(), cat(), sc));
  }
};

QTEST_APPLESS_MAIN(TstEngineEvents)
#include "tst_engine_events.moc"
