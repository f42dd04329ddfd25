// Scenario engine: response-table interpolation against direct solves, energy conservation over
// a horizon, energy-weighted PUE, annual IT energy against the profile, training-24h statistics
// (smoothing ramp limits, battery holding the grid ramp), built-in scenario names.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "data/catalog_io.h"
#include "data/weather_io.h"
#include "model/electrical/site_power.h"
#include "model/scenario/engine.h"
#include "model/site/loads.h"
#include "model/site/templates.h"
#include "model/thermal/plant.h"

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

// grid energy = IT + losses + cooling + battery change - standby.
void check_conservation(const SimulationResult& r) {
  const double rhs = r.energy_it_wh + r.energy_losses_wh + r.energy_cooling_wh +
                     r.energy_battery_delta_wh - r.energy_standby_wh;
  QVERIFY2(rel(r.energy_grid_wh, rhs) < 1e-3,
           qPrintable(QString("grid %1 Wh vs balance %2 Wh").arg(r.energy_grid_wh).arg(rhs)));
  double sum_f = 0, sum_it = 0;
  for (std::size_t i = 0; i < r.it_w.size(); ++i) {
    sum_f += r.facility_w[i];
    sum_it += r.it_w[i];
  }
  QVERIFY(rel(r.pue, sum_f / sum_it) < 1e-9);
  QVERIFY(rel(r.pue, r.energy_facility_wh / r.energy_it_wh) < 1e-12);
  QVERIFY(r.pue > 1.0);
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

  // Stated bounds for the plant lattice (f every 0.05, 2 K): cooling power within 3 % of the
  // direct solve at random conditions away from switches (median below 0.5 %), and the energy
  // of a day with an hourly weather cycle within 1 % of hourly direct solves.
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
      const auto direct = thermal::solve_plant(site, cat(), {db, wb, 101325.0}, elec.rack_heat_w(f));
      const auto p = table.at(f, db, wb);
      errs.push_back(std::abs(p.cooling_w - direct.cooling_power_w) / direct.cooling_power_w);
    }
    std::sort(errs.begin(), errs.end());
    const double median = errs[errs.size() / 2], p90 = errs[errs.size() * 9 / 10];
    qInfo("plant table: %zu nodes, cooling error median %.3g %%, 90th %.3g %%, max %.3g %%",
          table.solves(), 100 * median, 100 * p90, 100 * errs.back());
    QVERIFY2(median < 5e-3, qPrintable(QString("median %1").arg(median)));
    QVERIFY2(p90 < 3e-2, qPrintable(QString("p90 %1").arg(p90)));

    // A day: dry-bulb 18..36 C, wet-bulb 6 K below, load 0.6..0.9.
    double e_table = 0, e_direct = 0;
    for (int h = 0; h < 24; ++h) {
      const double db = 27.0 + 9.0 * std::cos(2 * M_PI * (h - 15) / 24.0), wb = db - 6.0;
      const double f = 0.75 + 0.15 * std::cos(2 * M_PI * (h - 15) / 24.0);
      e_table += table.at(f, db, wb).cooling_w;
      e_direct += thermal::solve_plant(site, cat(), {db, wb, 101325.0}, elec.rack_heat_w(f)).cooling_power_w;
    }
    qInfo("plant table: day energy error %.3g %%", 100 * rel(e_table, e_direct));
    QVERIFY(rel(e_table, e_direct) < 1e-2);
  }

  void designDayConservesEnergy() {
    const Scenario sc = make_builtin_scenario("design-day", small_site(), cat());
    const SimulationResult r = simulate(small_site(), cat(), sc);
    QCOMPARE(r.it_w.size(), std::size_t{24});
    QVERIFY(r.converged);
    QVERIFY(rel(r.energy_it_wh, r.design_it_w * 24.0) < 1e-9);
    check_conservation(r);
    QVERIFY(r.energy_losses_wh > 0 && r.energy_cooling_wh > 0);
    QCOMPARE(r.battery_cycles, 0.0);
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
    check_conservation(r);
    QVERIFY(r.water_l > 0 && r.wue_l_per_kwh > 0);
    QVERIFY(r.pue > 1.0 && r.pue < 2.0);
    qInfo("annual small: pue %.4f, wue %.3f l/kWh, %zu elec + %zu plant solves, %.3f s", r.pue,
          r.wue_l_per_kwh, r.elec_solves, r.plant_solves, r.run_s);
  }

  void trainingDay() {
    const Site& site = hall_site();
    const Scenario sc = make_builtin_scenario("training-24h", site, cat());
    QVERIFY(sc.smoothing && sc.battery.has_value());
    const SimulationResult r = simulate(site, cat(), sc);
    QCOMPARE(r.it_w.size(), std::size_t{86400});
    check_conservation(r);

    // Profile statistics: the unsmoothed mean equals the profile's mean; smoothing only adds.
    const ProfileSeries u = evaluate(sc.load, r.grid);
    const double mean_u = std::accumulate(u.utilisation.begin(), u.utilisation.end(), 0.0) / 86400.0;
    const double mean_it = r.energy_it_wh / 24.0;
    QVERIFY(rel(mean_it - r.smoothing_extra_energy_wh / 24.0, mean_u * r.design_it_w) < 1e-9);
    QVERIFY(r.smoothing_extra_energy_wh > 0);
    // The job runs, checkpoints, fails once and restarts.
    const auto& tp = std::get<TrainingProfile>(sc.load);
    const auto tl = training_timeline(tp, 86400.0);
    const auto restarts = std::count_if(tl.begin(), tl.end(), [](const TrainingSegment& s) {
      return s.phase == TrainingSegment::Phase::Restart;
    });
    QCOMPARE(restarts, 1);

    // Smoothing: the IT ramp stays within the catalog limits times the racks.
    double limit_w_per_s = 0;
    for (std::size_t i = 0; i < site.racks.size(); ++i)
      limit_w_per_s += rack_spec(cat().at(site.racks.type[i])).ramp_up_w_per_s;
    QVERIFY2(r.max_it_ramp_mw_per_s * 1e6 <= limit_w_per_s * (1 + 1e-9),
             qPrintable(QString("IT ramp %1 MW/s, limit %2").arg(r.max_it_ramp_mw_per_s).arg(limit_w_per_s / 1e6)));
    // The battery keeps the grid ramp under its limit.
    QVERIFY2(r.max_ramp_mw_per_s * 1e6 <= sc.battery->grid_ramp_w_per_s * (1 + 1e-9),
             qPrintable(QString("grid ramp %1 MW/s, limit %2").arg(r.max_ramp_mw_per_s).arg(sc.battery->grid_ramp_w_per_s / 1e6)));
    QVERIFY(r.battery_cycles > 0);
    QCOMPARE(r.battery_soc.size(), std::size_t{86400});
    qInfo("training hall: mean IT %.2f MW, IT ramp %.3f MW/s, grid ramp %.3f MW/s, cycles %.3f, "
          "pue %.4f, %zu elec + %zu plant solves, %.3f s",
          mean_it / 1e6, r.max_it_ramp_mw_per_s, r.max_ramp_mw_per_s, r.battery_cycles, r.pue,
          r.elec_solves, r.plant_solves, r.run_s);
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
