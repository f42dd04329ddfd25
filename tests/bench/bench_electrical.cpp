// Site electrical benchmarks on the gigawatt template: build the network and solve at design
// load (the "build + power flow + losses" figure), and N-1 over every group member:
// incremental (the default) and, for reference, the full re-solve of the whole site per case.
#include <benchmark/benchmark.h>

#include "data/catalog_io.h"
#include "model/electrical/contingency.h"
#include "model/electrical/site_power.h"
#include "model/site/templates.h"

namespace {

using namespace dctwin;

const model::Site& gigawatt() {
  static const model::Site site =
      model::make_site_from_template("gigawatt", {}, data::builtin_catalog());
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

void nminus1(benchmark::State& state, model::electrical::ContingencyMethod method) {
  const auto& cat = data::builtin_catalog();
  for (auto _ : state) {
    auto r = model::electrical::run_contingencies(gigawatt(), cat, {}, nullptr,
                                                  static_cast<unsigned>(state.range(0)), method);
    state.counters["cases"] = double(r.cases.size());
    state.counters["full_resolves"] = double(r.cases_full_resolve);
    benchmark::DoNotOptimize(r);
  }
}

// Arg: worker threads. Wall time (UseRealTime): the workers' CPU is not the main thread's.
void BM_GigawattNMinus1(benchmark::State& state) {
  nminus1(state, model::electrical::ContingencyMethod::Incremental);
}
BENCHMARK(BM_GigawattNMinus1)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

void BM_GigawattNMinus1FullResolve(benchmark::State& state) {
  nminus1(state, model::electrical::ContingencyMethod::FullResolve);
}
BENCHMARK(BM_GigawattNMinus1FullResolve)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
