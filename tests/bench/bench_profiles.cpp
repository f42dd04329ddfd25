// Load profile pipeline for one training job over 24 h at 1 s steps (86,400 steps): the profile,
// GB300 power smoothing per rack, the site battery holding the grid ramp, and the grid metrics
// (with the band-energy FFT). All racks of a job are in step, so the job's racks share one
// profile and one smoothing pass: one rack and 5,632 racks cost the same.
#include <benchmark/benchmark.h>

#include "data/catalog_io.h"
#include "model/scenario/profiles.h"

namespace {

using namespace dctwin::model;
using namespace dctwin::model::scenario;

TrainingProfile job() {
  TrainingProfile p;
  p.iteration_s = 10.0;
  p.compute_duty = 0.7;
  p.comm_util = 0.35;
  p.checkpoint_interval_s = 1800.0;
  p.checkpoint_duration_s = 60.0;
  p.start_s = 600.0;
  p.start_ramp_s = 60.0;
  p.stop_s = 23.0 * 3600.0;
  p.stop_ramp_s = 10.0;
  p.mtbf_s = 4.0 * 3600.0;
  p.restart_s = 600.0;
  return p;
}

void BM_TrainingDay(benchmark::State& state) {
  const auto racks = static_cast<double>(state.range(0));
  const RackSpec gb300 = rack_spec(dctwin::data::builtin_catalog().at("gb300_nvl72"));
  const TrainingProfile p = job();
  const TimeGrid grid{0.0, 1.0, 86400};
  BatteryParams b;
  b.capacity_wh = 0.2 * 3600.0 * gb300.nameplate_w * racks / 3600.0;  // 12 min at nameplate
  b.max_charge_w = b.max_discharge_w = gb300.nameplate_w * racks;
  b.grid_ramp_w_per_s = 0.01 * gb300.nameplate_w * racks;  // 1 % of the job per second
  std::vector<double> site(grid.steps);
  for (auto _ : state) {
    const ProfileSeries u = evaluate(p, grid);
    std::vector<double> rack(grid.steps);
    for (std::size_t i = 0; i < grid.steps; ++i) rack[i] = u.utilisation[i] * gb300.nameplate_w;
    const SmoothingResult s =
        smooth_power(rack, grid.step_s, smoothing_params(gb300, gb300.nameplate_w, 2.0), u.active);
    for (std::size_t i = 0; i < grid.steps; ++i) site[i] = s.power_w[i] * racks;
    const BatteryResult br = run_battery(site, grid.step_s, b);
    const GridMetrics m = grid_metrics(br.grid_w, grid.step_s);
    benchmark::DoNotOptimize(m);
    state.counters["extra_energy_pct"] = s.extra_energy_pct;
    state.counters["battery_cycles"] = br.cycles;
    state.counters["max_ramp_mw_per_s"] = m.max_ramp_mw_per_s;
  }
}
BENCHMARK(BM_TrainingDay)->Arg(1)->Arg(5632)->Unit(benchmark::kMillisecond);

void BM_TrainingProfileOnly(benchmark::State& state) {
  const TrainingProfile p = job();
  for (auto _ : state) {
    auto u = evaluate(p, TimeGrid{0.0, 1.0, 86400});
    benchmark::DoNotOptimize(u);
  }
}
BENCHMARK(BM_TrainingProfileOnly)->Unit(benchmark::kMillisecond);

void BM_TrainingAnnualHourly(benchmark::State& state) {
  const TrainingProfile p = job();
  TrainingProfile year = p;
  year.stop_s.reset();
  for (auto _ : state) {
    auto u = evaluate(year, TimeGrid{0.0, 3600.0, 8760});
    benchmark::DoNotOptimize(u);
  }
}
BENCHMARK(BM_TrainingAnnualHourly)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
