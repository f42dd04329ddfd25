// Site electrical benchmarks on the gigawatt template: build the network and solve at design
// load (the "build + power flow + losses" figure), and N-1 over every group member:
// incremental (the default) and, for reference, the full re-solve of the whole site per case;
// the coupled facility solve (the plant's power on the chain) and N-1 with the cooling units'
// loads on the network, against the electrical-only figures of the same run.
#include <benchmark/benchmark.h>

#include "data/catalog_io.h"
#include "model/electrical/contingency.h"
#include "model/electrical/site_power.h"
#include "model/facility/coupled.h"
#include "model/site/templates.h"
#include "model/thermal/site_thermal.h"

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

void BM_GigawattCoupledSolve(benchmark::State& state) {
  const auto& cat = data::builtin_catalog();
  const auto od = *model::thermal::design_outdoor(gigawatt());
  for (auto _ : state) {
    auto r = model::facility::solve_facility(gigawatt(), cat, od);
    if (!r.balance.converged) state.SkipWithError("did not converge");
    state.counters["passes"] = r.balance.passes;
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_GigawattCoupledSolve)->Unit(benchmark::kMillisecond);

// The cooling units' loads of the coupled design point, as `contingency` puts them on the cases.
const model::electrical::SiteSolveOptions& with_cooling() {
  static const model::electrical::SiteSolveOptions o = [] {
    model::electrical::SiteSolveOptions x;
    x.loads = model::facility::solve_facility(gigawatt(), data::builtin_catalog(),
                                              *model::thermal::design_outdoor(gigawatt()))
                  .loads;
    return x;
  }();
  return o;
}

void nminus1(benchmark::State& state, model::electrical::ContingencyMethod method,
             const model::electrical::SiteSolveOptions& options = {}) {
  const auto& cat = data::builtin_catalog();
  for (auto _ : state) {
    auto r = model::electrical::run_contingencies(gigawatt(), cat, options, nullptr,
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

void BM_GigawattNMinus1WithCooling(benchmark::State& state) {
  nminus1(state, model::electrical::ContingencyMethod::Incremental, with_cooling());
}
BENCHMARK(BM_GigawattNMinus1WithCooling)
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
