// AC power flow on the large MATPOWER reference cases, timed the way MATPOWER's et is (Ybus,
// Newton loop and post-processing; parsing excluded), with MATPOWER's median beside it.
// Cases come from ../shared/reference/matpower; without it only a note is printed.
//   BM_PowerFlow/<case>        build (Ybus, Jacobian pattern) + solve, as MATPOWER's et
//   BM_PowerFlowStep/<case>    a time step: loads changed by 1 %, solve warm with the kept
//                              symbolic analysis
//   BM_ParseMatpower/<case>    reading the text (for comparison with MATPOWER's loadcase)
// Counters: matpower_et_s (MATPOWER's et_median_s) and speedup (matpower_et_s / mean time).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "data/matpower.h"
#include "model/electrical/ac_powerflow.h"

namespace {

namespace el = dctwin::model::electrical;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

const char* const kCases[] = {"case13659pegase", "case9241pegase", "case_ACTIVSg10k"};

fs::path ref_dir() { return fs::path(DCTWIN_SHARED_DIR) / "reference" / "matpower"; }

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// case -> et_median_s from timings.csv.
std::map<std::string, double> matpower_times() {
  std::map<std::string, double> t;
  std::ifstream in(ref_dir() / "ref" / "timings.csv");
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::stringstream s(line);
    std::string name, nbus, nbranch, ngen, iters, et;
    std::getline(s, name, ',');
    std::getline(s, nbus, ',');
    std::getline(s, nbranch, ',');
    std::getline(s, ngen, ',');
    std::getline(s, iters, ',');
    std::getline(s, et, ',');
    t[name] = std::stod(et);
  }
  return t;
}

void set_speedup(benchmark::State& state, double matpower_s, Clock::duration spent) {
  const double mean = std::chrono::duration<double>(spent).count() / state.iterations();
  state.counters["matpower_et_s"] = matpower_s;
  state.counters["speedup"] = matpower_s / mean;
}

void bm_powerflow(benchmark::State& state, const el::AcNetwork& net, double matpower_s) {
  Clock::duration spent{};
  for (auto _ : state) {
    const auto t0 = Clock::now();
    el::AcPowerFlow pf(net);
    const el::AcSolution s = pf.solve();
    spent += Clock::now() - t0;
    if (!s.converged) state.SkipWithError(s.message.c_str());
    benchmark::DoNotOptimize(s.v.data());
  }
  set_speedup(state, matpower_s, spent);
}

void bm_step(benchmark::State& state, const el::AcNetwork& net) {
  el::AcPowerFlow pf(net);
  if (!pf.solve().converged) state.SkipWithError("base case did not converge");
  int step = 0;
  for (auto _ : state) {
    state.PauseTiming();
    // Loads and gen set-points move together by 1 % (alternating, so they stay bounded): the
    // slack alone could not pick up 1 % of a continent's load (case13659pegase diverges).
    const double f = (step++ % 2) ? 1.01 : 1 / 1.01;
    for (std::size_t b = 0; b < net.buses.size(); ++b)
      pf.set_load(b, net.buses[b].pd_pu * f, net.buses[b].qd_pu * f);
    for (std::size_t g = 0; g < net.gens.size(); ++g)
      pf.set_gen(g, net.gens[g].pg_pu * f, net.gens[g].qg_pu * f);
    state.ResumeTiming();
    const el::AcSolution s = pf.solve();
    if (!s.converged) state.SkipWithError(s.message.c_str());
    benchmark::DoNotOptimize(s.v.data());
  }
}

void bm_parse(benchmark::State& state, const std::string& text, const std::string& name) {
  for (auto _ : state) {
    auto c = dctwin::data::parse_matpower(text, name);
    benchmark::DoNotOptimize(c.net.buses.data());
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  const auto times = matpower_times();
  // Cases live as long as the benchmarks that capture them.
  static std::map<std::string, dctwin::data::MatpowerCase> cases;
  static std::map<std::string, std::string> texts;
  for (const char* name : kCases) {
    const fs::path file = ref_dir() / "cases" / (std::string(name) + ".m");
    if (!fs::exists(file)) {
      std::fprintf(stderr,
                   "bench_powerflow: %s not found; put ../shared/reference beside the "
                   "checkout (or -DDCTWIN_SHARED_DIR=...) to time the power flow\n",
                   file.c_str());
      continue;
    }
    texts[name] = slurp(file);
    cases[name] = dctwin::data::parse_matpower(texts[name], file.string());
    const auto& net = cases[name].net;
    const double mp = times.count(name) ? times.at(name) : 0.0;
    benchmark::RegisterBenchmark((std::string("BM_PowerFlow/") + name).c_str(),
                                 [&net, mp](benchmark::State& s) { bm_powerflow(s, net, mp); })
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark((std::string("BM_PowerFlowStep/") + name).c_str(),
                                 [&net](benchmark::State& s) { bm_step(s, net); })
        ->Unit(benchmark::kMillisecond);
    const std::string& text = texts[name];
    benchmark::RegisterBenchmark((std::string("BM_ParseMatpower/") + name).c_str(),
                                 [&text, name](benchmark::State& s) { bm_parse(s, text, name); })
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
