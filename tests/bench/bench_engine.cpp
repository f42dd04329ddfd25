// Scenario engine on the gigawatt template: `annual` (8,760 hourly steps, Abilene TX synthetic
// year) and `training-24h` (86,400 one-second steps, smoothing and battery). Each iteration runs
// the whole scenario from scratch: response tables (real electrical and plant solves) and the step
// loop. Targets (issue 5): annual under 2 s, training-24h under 10 s.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>

#include "data/catalog_io.h"
#include "data/weather_io.h"
#include "model/scenario/engine.h"
#include "model/site/templates.h"

namespace {

using namespace dctwin::model;
using namespace dctwin::model::scenario;

const Site& gigawatt() {
  static const Site s = make_site_from_template("gigawatt", {}, dctwin::data::builtin_catalog());
  return s;
}

// The speed figures are for the stepping (electrical + plant); the hall air model at the
// snapshots (about 2 s per snapshot here) is switched off, as params_json air_model_at_snapshots
// false does.
void run(benchmark::State& state, Scenario sc) {
  sc.air_model_at_snapshots = false;
  const auto& cat = dctwin::data::builtin_catalog();
  for (auto _ : state) {
    const SimulationResult r = simulate(gigawatt(), cat, sc);
    benchmark::DoNotOptimize(r);
    state.counters["pue"] = r.pue;
    state.counters["elec_solves"] = static_cast<double>(r.elec_solves);
    state.counters["plant_solves"] = static_cast<double>(r.plant_solves);
    state.counters["max_ramp_mw_per_s"] = r.max_ramp_mw_per_s;
  }
}

void BM_Annual(benchmark::State& state) {
  const auto w = dctwin::data::builtin_weather("abilene-tx");
  run(state, make_builtin_scenario("annual", gigawatt(), dctwin::data::builtin_catalog(), w));
}
BENCHMARK(BM_Annual)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// The same year with every plant step interpolated, regime changes included (the engine before
// issue 11's direct-solve oracle found up to 24 % errors there): what the direct solves cost.
void BM_AnnualInterpolatedAcrossRegimes(benchmark::State& state) {
  const auto w = dctwin::data::builtin_weather("abilene-tx");
  Scenario sc = make_builtin_scenario("annual", gigawatt(), dctwin::data::builtin_catalog(), w);
  sc.air_model_at_snapshots = false;
  const SimulationResult direct = simulate(gigawatt(), dctwin::data::builtin_catalog(), sc);
  sc.tables.direct_at_regime_changes = false;
  run(state, sc);
  // How far the interpolated hours are from the hours solved directly at regime changes.
  const SimulationResult interp = simulate(gigawatt(), dctwin::data::builtin_catalog(), sc);
  double worst = 0, worst_grid = 0;
  for (std::size_t h = 0; h < direct.cooling_w.size(); ++h) {
    worst = std::max(worst, std::abs(interp.cooling_w[h] - direct.cooling_w[h]) /
                                std::max(1.0, direct.cooling_w[h]));
    worst_grid = std::max(worst_grid, std::abs(interp.grid_import_w[h] - direct.grid_import_w[h]) /
                                          direct.grid_import_w[h]);
  }
  state.counters["worst_hour_cooling_error_pct"] = 100 * worst;
  state.counters["worst_hour_grid_error_pct"] = 100 * worst_grid;
}
BENCHMARK(BM_AnnualInterpolatedAcrossRegimes)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);

void BM_Training24h(benchmark::State& state) {
  run(state, make_builtin_scenario("training-24h", gigawatt(), dctwin::data::builtin_catalog()));
}
BENCHMARK(BM_Training24h)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
