// Hall air model on the OpenFOAM reference hall (shared/reference/openfoam): one full solve
// (flow and temperature) per iteration at the default 0.3 m cells. Skips when the shared folder
// is absent.
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>

#include "data/thermal_case.h"
#include "model/thermal/hall_air.h"

namespace {

void BM_HallAirReference(benchmark::State& state) {
  const std::string path = std::string(DCTWIN_SHARED_DIR) + "/reference/openfoam/hall_case.json";
  if (!std::ifstream(path)) {
    state.SkipWithError(("reference hall not found: " + path).c_str());
    for (auto _ : state) {
    }
    return;
  }
  const auto hall = dctwin::data::read_thermal_case(path);
  dctwin::model::thermal::HallSolveOptions o;
  o.cell_m = static_cast<double>(state.range(0)) / 100.0;
  dctwin::model::thermal::HallAirResult res;
  for (auto _ : state) {
    res = dctwin::model::thermal::solve_hall_air(hall, o);
    benchmark::DoNotOptimize(res.energy_out_w);
  }
  state.counters["cells"] = res.cells();
  state.counters["iterations"] = res.iterations;
}
BENCHMARK(BM_HallAirReference)->Arg(30)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
