// Thermal benchmarks on the gigawatt template: the cooling plant alone, and the full thermal
// steady state (plant plus the hall air model of every hall with air-cooled heat, identical halls
// solved once) at the site solve's default grid.
#include <benchmark/benchmark.h>

#include "data/catalog_io.h"
#include "model/site/templates.h"
#include "model/thermal/site_thermal.h"

namespace {

using namespace dctwin;

struct Fixture {
  model::Site site = model::make_site_from_template("gigawatt", {}, data::builtin_catalog());
  std::vector<double> heat =
      model::thermal::rack_heat_from_catalog(site, data::builtin_catalog(), 1.0);
  model::thermal::Outdoor outdoor{*site.design_weather.dry_bulb_c, *site.design_weather.wet_bulb_c,
                                  101325};
};
const Fixture& fx() {
  static const Fixture f;
  return f;
}

void BM_GigawattPlant(benchmark::State& state) {
  for (auto _ : state) {
    auto r =
        model::thermal::solve_plant(fx().site, data::builtin_catalog(), fx().outdoor, fx().heat);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_GigawattPlant)->Unit(benchmark::kMillisecond);

// The same solve on a PlantModel built once, as the scenario engine's response tables do.
void BM_GigawattPlantOnModel(benchmark::State& state) {
  const model::thermal::PlantModel plant(fx().site, data::builtin_catalog());
  for (auto _ : state) {
    auto r = model::thermal::solve_plant(plant, fx().outdoor, fx().heat);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_GigawattPlantOnModel)->Unit(benchmark::kMillisecond);

void BM_GigawattThermalSteadyState(benchmark::State& state) {
  for (auto _ : state) {
    auto r = model::thermal::solve_site_thermal(fx().site, data::builtin_catalog(), fx().outdoor,
                                                fx().heat);
    state.counters["distinct_halls"] = double(r.distinct_halls_solved);
    state.counters["max_inlet_c"] = r.max_rack_inlet_c;
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_GigawattThermalSteadyState)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
