// Site electrical benchmarks on the gigawatt template: build the network and solve at design
// load (the "build + power flow + losses" figure), and N-1 over every group member.
#include <benchmark/benchmark.h>

#include "data/catalog_io.h"
#include "model/electrical/contingency.h"
#include "model/electrical/site_power.h"
#include "model/site/templates.h"

namespace {

using namespace dctwin;

const model::Site& gigawatt() {
  static const model::Site site = model::make_site_from_template("gigawatt", {}, data::builtin_catalog());
  return site;
}

void BM_GigawattSolve(benchmark::State& state) {
  const auto& cat = data::builtin_catalog();
  for (auto _ : state) {
    auto r = model::electrical::solve_site_power(gigawatt(), cat);
    if (!r.converged) state.SkipWithError("did not converge");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_GigawattSolve)->Unit(benchmark::kMillisecond);

void BM_GigawattNMinus1(benchmark::State& state) {
  const auto& cat = data::builtin_catalog();
  for (auto _ : state) {
    auto r = model::electrical::run_contingencies(gigawatt(), cat, {}, nullptr,
                                                  static_cast<unsigned>(state.range(0)));
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_GigawattNMinus1)->Arg(1)->Arg(2)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
