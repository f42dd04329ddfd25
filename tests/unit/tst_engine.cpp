// Scenario engine: response-table interpolation against direct solves, energy conservation over
// a horizon, energy-weighted PUE, annual IT energy against the profile, training-24h statistics
// (smoothing ramp limits, battery holding the grid ramp), built-in scenario names.
#include <QtTest>
#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <random>
#include <unordered_map>

#include "data/catalog_io.h"
#include "data/weather_io.h"
#include "model/electrical/site_power.h"
#include "model/facility/coupled.h"
#include "model/scenario/engine.h"
#include "model/site/loads.h"
#include "model/site/templates.h"
#include "model/thermal/plant.h"
#include "model/thermal/psychro.h"
#include "model/thermal/site_thermal.h"

using namespace dctwin::model;
using namespace dctwin::model::scenario;

namespace {

const Catalog& cat() { return dctwin::data::builtin_catalog(); }

const Site& small_site() {
  static const Site s = make_site_from_template("small", {}, cat());
  return s;
}
const Site& hall_site() {
  static const Site s = make_site_from_template("hall", {}, cat());
  return s;
}

double rel(double a, double b) { return std::abs(a - b) / std::max(std::abs(b), 1e-12); }

// The oracle for a scenario's figures: its steps solved again directly, by the site power flow
// and the plant model at the step's load and weather, and summed here. The engine answers from
// response tables (interpolated) and its own sums, so a wrong table, a wrong weather hour, a
// step left out or a balance term dropped all show. Stated table bounds: losses within 0.1 %
// (electricalTableError), cooling within 1 % (plantTableError).
struct DirectStep {
  double it_w = 0, loss_w = 0, cooling_w = 0;
  double grid_w = 0;  // what the grid supplies with no battery: site import + cooling plant
};
DirectStep direct_step(const Site& site, double load_frac, double db, double wb, double p_pa) {
  electrical::SiteSolveOptions o;
  o.load_frac = load_frac;
  const auto e = electrical::solve_site_power(site, cat(), o);
  std::vector<double> heat(site.racks.size());  // every watt a rack draws ends up as heat
  for (std::size_t i = 0; i < heat.size(); ++i) heat[i] = e.racks[i].input_w;
  const auto p = thermal::solve_plant(site, cat(), {db, wb, p_pa}, heat);
  return {e.it_power_w, e.total_loss_w, p.cooling_power_w, e.grid_import_w + p.cooling_power_w};
}

// The scenario's weather at step s (the hour that holds the step's start, as Scenario says).
std::array<double, 3> step_weather(const Scenario& sc, std::size_t s) {
  if (const auto* c = std::get_if<ConstantWeather>(&sc.weather))
    return {c->dry_bulb_c, c->wet_bulb_c, c->pressure_pa};
  const auto& w = std::get<WeatherSeries>(sc.weather);
  const auto h =
      static_cast<std::size_t>(std::floor(sc.step_s * static_cast<double>(s) / 3600.0 + 1e-9)) %
      w.hours();
  const double p = w.pressure_pa.empty()
                       ? 101325.0
                       : std::accumulate(w.pressure_pa.begin(), w.pressure_pa.end(), 0.0) /
                             static_cast<double>(w.pressure_pa.size());
  return {w.dry_bulb_c[h], w.wet_bulb_c[h], p};
}

// Checks up to `samples` steps (evenly spread, all of them when there are fewer) against direct
// solves: IT, losses and cooling of each step, and the grid import where no battery or standby
// source stands between the site and the grid. When every step is checked, the energy-weighted
// PUE is compared with the direct one as well.
void check_against_direct(const Site& site, const Scenario& sc, const SimulationResult& r,
                          std::size_t samples) {
  const std::size_t steps = r.it_w.size();
  QVERIFY(steps > 0);
  const std::size_t n = std::min(samples, steps);
  double e_it = 0, e_fac = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t s = k * steps / n;
    const auto [db, wb, pa] = step_weather(sc, s);
    QVERIFY(rel(r.dry_bulb_c[s], db) < 1e-12);
    const DirectStep d = direct_step(site, r.load_frac[s], db, wb, pa);
    QVERIFY2(
        rel(r.it_w[s], d.it_w) < 1e-6,
        qPrintable(QString("step %1: IT %2 W vs direct %3 W").arg(s).arg(r.it_w[s]).arg(d.it_w)));
    QVERIFY2(std::abs(r.losses_w[s] - d.loss_w) < 2e-3 * d.loss_w + 1.0,
             qPrintable(QString("step %1: losses %2 W vs direct %3 W")
                            .arg(s)
                            .arg(r.losses_w[s])
                            .arg(d.loss_w)));
    QVERIFY2(std::abs(r.cooling_w[s] - d.cooling_w) < 3e-2 * d.cooling_w + 1.0,
             qPrintable(QString("step %1: cooling %2 W vs direct %3 W")
                            .arg(s)
                            .arg(r.cooling_w[s])
                            .arg(d.cooling_w)));
    if (!sc.battery && sc.events.empty())
      QVERIFY2(rel(r.grid_import_w[s], d.grid_w) < 1e-2,
               qPrintable(QString("step %1: grid %2 W vs direct %3 W")
                              .arg(s)
                              .arg(r.grid_import_w[s])
                              .arg(d.grid_w)));
    e_it += d.it_w;
    e_fac += d.it_w + d.loss_w + d.cooling_w;
  }
  if (n == steps)
    QVERIFY2(rel(r.pue, e_fac / e_it) < 5e-3,
             qPrintable(QString("PUE %1 vs direct %2").arg(r.pue).arg(e_fac / e_it)));
  QVERIFY(r.pue > 1.0);
}

// With a battery: what the grid supplied beyond the site's demand went into the battery's stored
// energy (the state-of-charge series times the capacity) and its losses, and the losses are no
// more than the round-trip loss of what passed through it.
void check_battery_balance(const Scenario& sc, const SimulationResult& r) {
  QVERIFY(sc.battery.has_value());
  const double dt_h = sc.step_s / 3600.0;
  double e_grid = 0, e_demand = 0, throughput = 0;
  for (std::size_t s = 0; s < r.it_w.size(); ++s) {
    e_grid += r.grid_import_w[s] * dt_h;
    const double demand = r.it_w[s] + r.losses_w[s] + r.cooling_w[s];
    e_demand += demand * dt_h;
    throughput += std::abs(r.grid_import_w[s] - demand) * dt_h;
  }
  const double stored = (r.battery_soc.back() - sc.battery->soc_initial) * sc.battery->capacity_wh;
  const double losses = e_grid - e_demand - stored;
  QVERIFY2(losses >= -1e-6 * e_demand &&
               losses <= (1.0 - sc.battery->round_trip_eff) * throughput + 1e-6 * e_demand,
           qPrintable(QString("battery losses %1 Wh from grid %2, demand %3, stored %4, "
                              "throughput %5 Wh")
                          .arg(losses)
                          .arg(e_grid)
                          .arg(e_demand)
                          .arg(stored)
                          .arg(throughput)));
}

}  // namespace

class TstEngine : public QObject {
  Q_OBJECT
 private slots:
  // The site solve itself balances: grid import + standby = IT + losses.
  void siteSolveBalances() {
    electrical::SiteSolveOptions o;
    o.load_frac = 0.8;
    const auto r = electrical::solve_site_power(small_site(), cat(), o);
    QVERIFY(r.converged);
    QVERIFY(rel(r.grid_import_w + r.standby_output_w, r.it_power_w + r.total_loss_w) < 1e-6);
  }

  // Stated bound: losses and grid import interpolated from the table are within 0.1 % of the
  // losses of a direct solve at random load fractions.
  void electricalTableError() {
    for (const Site* site : {&small_site(), &hall_site()}) {
      const ElectricalResponse table(*site, cat(), 0.2, 1.0, 0.025);
      QVERIFY(table.solves() >= 33);
      std::mt19937_64 rng(11);
      std::uniform_real_distribution<double> uf(0.2, 1.0);
      double worst = 0;
      for (int k = 0; k < 25; ++k) {
        const double f = uf(rng);
        electrical::SiteSolveOptions o;
        o.load_frac = f;
        const auto d = electrical::solve_site_power(*site, cat(), o);
        const auto p = table.at(f);
        worst = std::max(worst, std::abs(p.loss_w - d.total_loss_w) / d.total_loss_w);
        worst = std::max(worst, std::abs(p.grid_import_w - d.grid_import_w) / d.total_loss_w);
        QVERIFY(rel(p.it_w, d.it_power_w) < 1e-6);
      }
      qInfo("electrical table: %zu solves, worst error %.4g %% of losses", table.solves(),
            100 * worst);
      QVERIFY2(worst < 1e-3, qPrintable(QString("worst %1").arg(worst)));
    }
  }

  // Stated bounds for the plant lattice (f every 0.05, 1 K, cells spanning a regime change
  // solved directly): cooling power within 1 % of the direct solve at 90 % of 40 random
  // conditions and within 5 % at all (economizer switches, fans at their minimum speed and
  // chiller staging included; median below 0.5 %), and the
  // energy of a day with an hourly weather cycle within 0.1 % of hourly direct solves.
  void plantTableError() {
    const Site& site = small_site();
    const ResponseTableOptions opt;
    const ElectricalResponse elec(site, cat(), 0.3, 1.0, opt.elec_step);
    PlantResponse table(site, cat(), elec, 101325.0, opt);
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> uf(0.3, 1.0), ud(-5.0, 40.0), udep(0.0, 14.0);
    std::vector<double> errs;
    for (int k = 0; k < 40; ++k) {
      const double f = uf(rng), db = ud(rng), wb = db - udep(rng);
      const auto direct =
          thermal::solve_plant(site, cat(), {db, wb, 101325.0}, elec.rack_heat_w(f));
      const auto p = table.at(f, db, wb);
      errs.push_back(std::abs(p.cooling_w - direct.cooling_power_w) / direct.cooling_power_w);
    }
    std::sort(errs.begin(), errs.end());
    const double median = errs[errs.size() / 2], p90 = errs[errs.size() * 9 / 10];
    qInfo("plant table: %zu nodes, cooling error median %.3g %%, 90th %.3g %%, max %.3g %%",
          table.solves(), 100 * median, 100 * p90, 100 * errs.back());
    QVERIFY2(median < 5e-3, qPrintable(QString("median %1").arg(median)));
    QVERIFY2(p90 < 1e-2, qPrintable(QString("p90 %1").arg(p90)));
    // Single points near the weather where the towers' fans run out (the speed that holds a
    // temperature climbs steeply there, and fan power goes with its cube) interpolate worst.
    QVERIFY2(errs.back() < 5e-2, qPrintable(QString("max %1").arg(errs.back())));

    // A day: dry-bulb 18..36 C, wet-bulb 6 K below, load 0.6..0.9.
    double e_table = 0, e_direct = 0;
    for (int h = 0; h < 24; ++h) {
      const double db = 27.0 + 9.0 * std::cos(2 * M_PI * (h - 15) / 24.0), wb = db - 6.0;
      const double f = 0.75 + 0.15 * std::cos(2 * M_PI * (h - 15) / 24.0);
      e_table += table.at(f, db, wb).cooling_w;
      e_direct += thermal::solve_plant(site, cat(), {db, wb, 101325.0}, elec.rack_heat_w(f))
                      .cooling_power_w;
    }
    qInfo("plant table: day energy error %.3g %%", 100 * rel(e_table, e_direct));
    QVERIFY(rel(e_table, e_direct) < 1e-3);
  }

  void designDayConservesEnergy() {
    const Scenario sc = make_builtin_scenario("design-day", small_site(), cat());
    const SimulationResult r = simulate(small_site(), cat(), sc);
    QCOMPARE(r.it_w.size(), std::size_t{24});
    QVERIFY(r.converged);
    QVERIFY(rel(r.energy_it_wh, r.design_it_w * 24.0) < 1e-9);
    check_against_direct(small_site(), sc, r, 24);  // every hour, and the PUE
    QVERIFY(r.energy_losses_wh > 0 && r.energy_cooling_wh > 0);
    QCOMPARE(r.battery_cycles, 0.0);
  }

  // Issue 11: a scenario too big to hold is refused before anything is allocated, with its
  // size and the limit (a 1 us step over a day aborted on length_error / bad_alloc, a 1e-7
  // electrical step hung in site solves).
  void oversizedScenarioRefused_data() {
    QTest::addColumn<double>("step");
    QTest::addColumn<double>("horizon");
    QTest::addColumn<double>("elecStep");
    QTest::addColumn<QString>("says");
    QTest::newRow("1 us step") << 1e-6 << 86400.0 << 0.025 << "above the limit of 2.5e+08 values";
    QTest::newRow("1e-12 s step over 1e9 s") << 1e-12 << 1e9 << 0.025 << "use a longer step";
    QTest::newRow("electrical step 1e-7")
        << 3600.0 << 86400.0 << 1e-7 << "site solves, above the limit";
  }
  void oversizedScenarioRefused() {
    QFETCH(double, step);
    QFETCH(double, horizon);
    QFETCH(double, elecStep);
    QFETCH(QString, says);
    Scenario sc = make_builtin_scenario("design-day", small_site(), cat());
    sc.step_s = step;
    sc.horizon_s = horizon;
    sc.tables.elec_step = elecStep;
    QString msg;
    try {
      (void)simulate(small_site(), cat(), sc);
    } catch (const std::invalid_argument& e) {
      msg = QString::fromUtf8(e.what());
    }
    QVERIFY2(msg.contains(says), qPrintable("message: " + msg));
    // Just inside the limit it runs: a year at 60 s steps is 525,600 steps.
    sc = make_builtin_scenario("design-day", small_site(), cat());
    sc.horizon_s = 365 * 86400.0;
    sc.step_s = 60;
    const auto r = simulate(small_site(), cat(), sc);
    QCOMPARE(r.it_w.size(), std::size_t(525600));
  }

  // The hall air model at the snapshots: every rack of the small template gets a mean inlet
  // between the air units' supply and the supply plus the largest rack temperature rise.
  void snapshotAirModel() {
    Scenario sc = make_builtin_scenario("design-day", small_site(), cat());
    QVERIFY(sc.air_model_at_snapshots);
    sc.snapshot_times_s = {0.0, 13.0 * 3600.0};
    const SimulationResult r = simulate(small_site(), cat(), sc);
    QCOMPARE(r.snapshots.size(), std::size_t{2});
    for (const auto& snap : r.snapshots) {
      QCOMPARE(snap.inlet_c.size(), small_site().racks.size());
      double supply_lo = 1e300, supply_hi = -1e300, rise = 0;
      for (const auto& h : small_site().halls) {
        const auto d = thermal::hall_description(small_site(), cat(), h.id, snap.input_w);
        for (const auto& c : d.crahs) {
          supply_lo = std::min(supply_lo, c.supply_temp_c);
          supply_hi = std::max(supply_hi, c.supply_temp_c);
        }
        for (const auto& rk : d.racks)
          if (rk.moves_air()) rise = std::max(rise, rk.power_w / (1.15 * 1006.0 * rk.flow_m3_s));
      }
      QVERIFY(supply_lo < supply_hi + 1e-9 && rise > 0);
      double mx = -1e300;
      std::size_t outside = 0;
      for (double t : snap.inlet_c) {
        QVERIFY2(std::isfinite(t), "a rack without inlet temperature");
        QVERIFY2(t >= supply_lo - 0.05 && t <= supply_hi + rise + 0.05,
                 qPrintable(QString("inlet %1 C outside [%2, %3 + %4]")
                                .arg(t)
                                .arg(supply_lo)
                                .arg(supply_hi)
                                .arg(rise)));
        mx = std::max(mx, t);
        if (t < 18.0 || t > 27.0) ++outside;
      }
      QCOMPARE(snap.max_rack_inlet_c, mx);
      QCOMPARE(snap.racks_outside_recommended, outside);
      qInfo(
          "snapshot t=%.0f s: max inlet %.2f C (supply %.1f C, max rise %.1f K), %zu outside "
          "recommended",
          snap.t_s, mx, supply_lo, rise, outside);
    }
    // Optional: off, no inlets.
    sc.air_model_at_snapshots = false;
    const SimulationResult r2 = simulate(small_site(), cat(), sc);
    for (const auto& snap : r2.snapshots) QVERIFY(snap.inlet_c.empty());
    QCOMPARE(r2.snapshot_racks_above_recommended, std::size_t{0});
  }

  // Block series: the racks' IT shares sum to the site's IT; attributed losses stay under the
  // site's.
  void blockSeries() {
    const Site site = make_site_from_template("small", {{"rows", 2}, {"racks_per_row", 4}}, cat());
    Scenario sc;
    sc.name = "blocks";
    sc.horizon_s = 86400;
    sc.step_s = 3600;
    sc.weather = ConstantWeather{30.0, 20.0, 101325.0};
    sc.load = DiurnalProfile{0.7, 0.2, 15.0};
    sc.air_model_at_snapshots = false;
    const SimulationResult r = simulate(site, cat(), sc);
    std::size_t converters = 0;
    for (const auto& n : site.elec_nodes)
      converters += n.kind == ElecKind::Ups || n.kind == ElecKind::Rectifier ||
                    n.kind == ElecKind::SolidStateTransformer;
    QVERIFY(converters > 0);
    QCOMPARE(r.blocks.size(), converters);
    double e_it = 0, e_loss = 0;
    for (std::size_t s = 0; s < r.it_w.size(); ++s) {
      double it = 0, loss = 0;
      for (const auto& b : r.blocks) {
        QCOMPARE(b.it_w.size(), r.it_w.size());
        it += b.it_w[s];
        loss += b.losses_w[s];
      }
      QVERIFY2(rel(it, r.it_w[s]) < 1e-9,
               qPrintable(QString("blocks %1 W vs site %2 W").arg(it).arg(r.it_w[s])));
      QVERIFY2(loss > 0 && loss <= r.losses_w[s] * (1 + 1e-9),
               qPrintable(QString("block losses %1 W vs site %2 W").arg(loss).arg(r.losses_w[s])));
      if (s == 0)
        qInfo("%zu blocks: %.1f %% of the site losses attributed to blocks", r.blocks.size(),
              100 * loss / r.losses_w[s]);
    }
    for (const auto& b : r.blocks) {
      e_it += b.energy_it_wh;
      e_loss += b.energy_losses_wh;
    }
    QVERIFY(rel(e_it, r.energy_it_wh) < 1e-9);
    QVERIFY(e_loss <= r.energy_losses_wh * (1 + 1e-9));
  }

  // Hourly annual IT energy equals profile mean x design x 8,760 h (the diurnal cosine integrates
  // to zero over whole days).
  void annualItEnergy() {
    const auto w = dctwin::data::builtin_weather("abilene-tx");
    const Scenario sc = make_builtin_scenario("annual", small_site(), cat(), w);
    const SimulationResult r = simulate(small_site(), cat(), sc);
    QCOMPARE(r.it_w.size(), std::size_t{8760});
    const double mean = builtin_scenario_params().annual_load.mean;
    QVERIFY(rel(r.energy_it_wh, mean * r.design_it_w * 8760.0) < 1e-9);
    check_against_direct(small_site(), sc, r, 36);  // every 243rd hour, across the seasons
    QVERIFY(r.water_l > 0 && r.wue_l_per_kwh > 0);
    QVERIFY(r.pue > 1.0 && r.pue < 2.0);
    qInfo("annual small: pue %.4f, wue %.3f l/kWh, %zu elec + %zu plant solves, %.3f s", r.pue,
          r.wue_l_per_kwh, r.elec_solves, r.plant_solves, r.run_s);
    // Free cooling: some hours in Abilene, most of the year in Lulea, with less water and a lower
    // PUE there.
    const SimulationResult north =
        simulate(small_site(), cat(),
                 make_builtin_scenario("annual", small_site(), cat(),
                                       dctwin::data::builtin_weather("lulea-se")));
    qInfo("free cooling: %.0f h in Abilene, %.0f h in Lulea", r.hours_free_cooling,
          north.hours_free_cooling);
    QVERIFY(r.hours_free_cooling > 0);
    QVERIFY(north.hours_free_cooling > r.hours_free_cooling && north.hours_free_cooling <= 8760);
    QVERIFY(north.pue < r.pue && north.wue_l_per_kwh < r.wue_l_per_kwh);
  }

  void trainingDay() {
    const Site& site = hall_site();
    const Scenario sc = make_builtin_scenario("training-24h", site, cat());
    QVERIFY(sc.smoothing && sc.battery.has_value());
    const SimulationResult r = simulate(site, cat(), sc);
    QCOMPARE(r.it_w.size(), std::size_t{86400});
    check_against_direct(site, sc, r, 24);
    check_battery_balance(sc, r);

    // Profile statistics: the unsmoothed mean equals the profile's mean; smoothing only adds.
    const ProfileSeries u = evaluate(sc.load, r.grid);
    const double mean_u =
        std::accumulate(u.utilisation.begin(), u.utilisation.end(), 0.0) / 86400.0;
    const double mean_it = r.energy_it_wh / 24.0;
    QVERIFY(rel(mean_it - r.smoothing_extra_energy_wh / 24.0, mean_u * r.design_it_w) < 1e-9);
    QVERIFY(r.smoothing_extra_energy_wh > 0);
    // Each failure interrupts an active job and costs restart_s (clipped at the horizon); how
    // many there are is the failure model's (trainingFailuresFollowMtbf), not this seed's.
    const auto& tp = std::get<TrainingProfile>(sc.load);
    const auto tl = training_timeline(tp, 86400.0);
    for (std::size_t k = 0; k < tl.size(); ++k) {
      if (tl[k].phase != TrainingSegment::Phase::Restart) continue;
      QVERIFY(k > 0 && tl[k - 1].active());
      QVERIFY(std::abs((tl[k].t1 - tl[k].t0) - std::min(tp.restart_s, 86400.0 - tl[k].t0)) < 1e-6);
    }

    // Smoothing: the IT ramp stays within the catalog limits times the racks.
    double limit_w_per_s = 0;
    for (std::size_t i = 0; i < site.racks.size(); ++i)
      limit_w_per_s += rack_spec(cat().at(site.racks.type[i])).ramp_up_w_per_s;
    QVERIFY2(r.max_it_ramp_mw_per_s * 1e6 <= limit_w_per_s * (1 + 1e-9),
             qPrintable(QString("IT ramp %1 MW/s, limit %2")
                            .arg(r.max_it_ramp_mw_per_s)
                            .arg(limit_w_per_s / 1e6)));
    // The battery keeps the grid ramp under its limit.
    QVERIFY2(r.max_ramp_mw_per_s * 1e6 <= sc.battery->grid_ramp_w_per_s * (1 + 1e-9),
             qPrintable(QString("grid ramp %1 MW/s, limit %2")
                            .arg(r.max_ramp_mw_per_s)
                            .arg(sc.battery->grid_ramp_w_per_s / 1e6)));
    QVERIFY(r.battery_cycles > 0);
    QCOMPARE(r.battery_soc.size(), std::size_t{86400});
    // Recharge under the import cap: the facility's design power from the coupled solve.
    const auto design = dctwin::model::facility::solve_facility(
        site, cat(),
        {*site.design_weather.dry_bulb_c, *site.design_weather.wet_bulb_c,
         dctwin::model::thermal::pressure_at_elevation_pa(site.location.elevation_m)});
    QVERIFY(rel(r.import_cap_w, design.balance.facility_power_w) < 1e-9);
    QVERIFY2(r.peak_grid_import_w <= r.import_cap_w * (1 + 1e-9),
             qPrintable(QString("peak %1 MW over the cap %2 MW")
                            .arg(r.peak_grid_import_w / 1e6)
                            .arg(r.import_cap_w / 1e6)));
    QVERIFY(r.peak_grid_import_uncapped_w >= r.peak_grid_import_w * (1 - 1e-12));
    qInfo(
        "training hall: mean IT %.2f MW, IT ramp %.3f MW/s, grid ramp %.3f MW/s, cycles %.3f, "
        "pue %.4f, %zu elec + %zu plant solves, %.3f s",
        mean_it / 1e6, r.max_it_ramp_mw_per_s, r.max_ramp_mw_per_s, r.battery_cycles, r.pue,
        r.elec_solves, r.plant_solves, r.run_s);
  }

  // Failures are a Poisson process in the job's up time: over many seeds the number of restarts
  // is the up time over the MTBF, within four standard deviations (about 1 in 16,000 to fail by
  // chance; the seeds are fixed, so the test gives the same answer every run).
  void trainingFailuresFollowMtbf() {
    TrainingProfile tp;
    tp.checkpoint_interval_s = 1800;
    tp.checkpoint_duration_s = 60;
    tp.start_s = 600;
    tp.start_ramp_s = 120;
    tp.mtbf_s = 4 * 3600.0;
    tp.restart_s = 900;
    double up_s = 0;
    long restarts = 0;
    for (std::uint64_t seed = 1; seed <= 400; ++seed) {
      tp.seed = seed;
      for (const auto& seg : training_timeline(tp, 86400.0)) {
        if (seg.active()) up_s += seg.t1 - seg.t0;
        restarts += seg.phase == TrainingSegment::Phase::Restart;
      }
    }
    const double expected = up_s / tp.mtbf_s;
    qInfo("400 days: %ld restarts, %.1f expected from %.0f h up at MTBF 4 h", restarts, expected,
          up_s / 3600);
    QVERIFY2(std::abs(restarts - expected) < 4 * std::sqrt(expected),
             qPrintable(QString("%1 restarts, expected %2").arg(restarts).arg(expected)));
  }

  // Per-hall load profiles: the per-hall loss tables against a direct solve with those rack powers.
  void perHallProfiles() {
    const Site site = make_site_from_template("gigawatt",
                                              {{"ac_buildings", 1},
                                               {"dc_buildings", 1},
                                               {"halls_per_building", 2},
                                               {"ac_rows", 2},
                                               {"ac_racks_per_row", 4},
                                               {"dc_rows", 2},
                                               {"dc_racks_per_row", 4}},
                                              cat());
    QVERIFY(site.halls.size() >= 4);
    Scenario sc;
    sc.name = "per-hall";
    sc.horizon_s = 7200;
    sc.step_s = 3600;
    sc.weather = ConstantWeather{30.0, 20.0, 101325.0};
    sc.load = ConstantProfile{0.9};
    // Unequal halls: one in each building low, one high, the rest at the site's 0.9.
    std::unordered_map<Id, double> f_of_hall;
    for (const auto& h : site.halls) f_of_hall[h.id] = 0.9;
    f_of_hall[site.halls[0].id] = 0.35;
    f_of_hall[site.halls[site.halls.size() - 1].id] = 0.6;
    f_of_hall[site.halls[1].id] = 1.0;
    for (const auto& h : site.halls)
      if (f_of_hall[h.id] != 0.9)
        sc.hall_profiles.push_back({h.id, ConstantProfile{f_of_hall[h.id]}});
    sc.snapshot_times_s = {0.0, 3600.0};
    const SimulationResult r = simulate(site, cat(), sc);

    // Direct: every rack at design x its hall's fraction, one solve at load fraction 1.
    std::unordered_map<Id, Id> row_hall;
    for (const auto& row : site.rows) row_hall[row.id] = row.hall_id;
    Site direct = site;
    std::vector<double> expect_it(site.racks.size());
    for (std::size_t i = 0; i < site.racks.size(); ++i) {
      const double f = f_of_hall.at(row_hall.at(site.racks.row_id[i]));
      expect_it[i] = rack_design_power_w(site, i, cat()) * f;
      direct.racks.power_override_w[i] = expect_it[i];
    }
    electrical::SiteSolveOptions o;
    o.load_frac = 1.0;
    const auto d = electrical::solve_site_power(direct, cat(), o);
    QVERIFY(d.converged);
    QVERIFY(rel(r.it_w[0], d.it_power_w) < 1e-9);
    const double loss_err = rel(r.losses_w[0], d.total_loss_w);
    const double grid_err = rel(r.grid_import_w[0] - r.cooling_w[0], d.grid_import_w);
    QVERIFY2(
        loss_err < 0.005,
        qPrintable(QString("losses %1 W vs direct %2 W").arg(r.losses_w[0]).arg(d.total_loss_w)));
    QVERIFY2(grid_err < 0.0005, qPrintable(QString("grid %1 vs %2")
                                               .arg(r.grid_import_w[0] - r.cooling_w[0])
                                               .arg(d.grid_import_w)));
    // The plant is fed the site-average fraction; against the per-hall heats directly:
    std::vector<double> heat(d.racks.size());
    for (std::size_t i = 0; i < heat.size(); ++i) heat[i] = d.racks[i].input_w;
    const auto pl = thermal::solve_plant(site, cat(), thermal::Outdoor{30.0, 20.0, 101325.0}, heat);
    const double cool_err = rel(r.cooling_w[0], pl.cooling_power_w);
    QVERIFY2(cool_err < 0.03,
             qPrintable(QString("cooling %1 vs %2").arg(r.cooling_w[0]).arg(pl.cooling_power_w)));
    qInfo(
        "per-hall tables: losses %.3f MW vs direct %.3f MW (%.2e %%), grid import error %.2e %%, "
        "plant cooling %.3f MW vs direct %.3f MW (%.3f %%)",
        r.losses_w[0] / 1e6, d.total_loss_w / 1e6, 100 * loss_err, 100 * grid_err,
        r.cooling_w[0] / 1e6, pl.cooling_power_w / 1e6, 100 * cool_err);

    // Hall and building series sum to the site's: IT exactly, losses but for the campus share.
    QCOMPARE(r.halls.size(), site.halls.size());
    QCOMPARE(r.buildings.size(), site.buildings.size());
    for (std::size_t s = 0; s < r.it_w.size(); ++s) {
      double hit = 0, hloss = 0, bit = 0, bloss = 0, bcool = 0;
      for (const auto& h : r.halls) {
        hit += h.it_w[s];
        hloss += h.losses_w[s];
      }
      for (const auto& b : r.buildings) {
        bit += b.it_w[s];
        bloss += b.losses_w[s];
        bcool += b.cooling_w[s];
      }
      QVERIFY(rel(hit, r.it_w[s]) < 1e-12);
      QVERIFY(rel(bit, r.it_w[s]) < 1e-12);
      QVERIFY(rel(bcool, r.cooling_w[s]) < 1e-12);
      QVERIFY2(hloss > 0 && hloss <= bloss && bloss <= r.losses_w[s] * (1 + 1e-9),
               qPrintable(QString("halls %1 buildings %2 site %3")
                              .arg(hloss, 0, 'g', 12)
                              .arg(bloss, 0, 'g', 12)
                              .arg(r.losses_w[s], 0, 'g', 12)));
      qInfo("step %zu: losses in halls %.1f %%, in buildings %.1f %%, campus %.1f %%", s,
            100 * hloss / r.losses_w[s], 100 * bloss / r.losses_w[s],
            100 * (1 - bloss / r.losses_w[s]));
    }
    for (const auto& h : r.halls) {
      const double f = f_of_hall.at(h.id);
      QVERIFY(rel(h.it_w[0], f * h.design_it_w) < 1e-12);
      QVERIFY(rel(h.energy_it_wh, 2 * f * h.design_it_w) < 1e-12);
    }
    // Rack snapshots: every rack at its hall's fraction, summing to the site's IT at that step.
    QCOMPARE(r.snapshots.size(), std::size_t{2});
    QCOMPARE(r.rack_ids.size(), site.racks.size());
    for (const auto& snap : r.snapshots) {
      QCOMPARE(snap.it_w.size(), site.racks.size());
      const double sum = std::accumulate(snap.it_w.begin(), snap.it_w.end(), 0.0);
      QVERIFY(rel(sum, r.it_w[snap.step]) < 1e-12);
      for (std::size_t i = 0; i < site.racks.size(); ++i) {
        QVERIFY(rel(snap.it_w[i], expect_it[i]) < 1e-12);
        QVERIFY(rel(snap.input_w[i], d.racks[i].input_w) < 1e-12);
      }
    }
    // Default snapshots: the steps of peak and minimum grid import.
    sc.snapshot_times_s.clear();
    sc.load = DiurnalProfile{0.7, 0.2, 15.0};
    sc.horizon_s = 86400;
    const SimulationResult r2 = simulate(site, cat(), sc);
    QCOMPARE(r2.snapshots.size(), std::size_t{2});
    const auto mx = std::max_element(r2.grid_import_w.begin(), r2.grid_import_w.end());
    QCOMPARE(r2.snapshots[0].step, std::size_t(mx - r2.grid_import_w.begin()));
  }

  void builtinNames() {
    // The five ready scenarios, by name.
    const auto names = builtin_scenario_names();
    for (const char* n : {"design-day", "annual", "training-24h", "utility-outage", "chiller-trip"})
      QVERIFY2(std::find(names.begin(), names.end(), n) != names.end(), n);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             (void)make_builtin_scenario("nope", small_site(), cat()));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             (void)make_builtin_scenario("annual", small_site(), cat()));
  }
};

QTEST_GUILESS_MAIN(TstEngine)
#include "tst_engine.moc"
