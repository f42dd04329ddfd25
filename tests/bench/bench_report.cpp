// Power report of the gigawatt template's `annual` scenario (issue 7: written in under 10 s).
// BM_Report/<format> is the figure a user sees: open the project file, build the report (site
// solve, N-1 reused from the file, annual simulation) and write it. The other benchmarks split
// it: building with the stored N-1 and design-point solve, with the hall air model computed,
// with N-1 computed, and each writer alone.
// Counters: solve_s, n1_s, simulate_s, build_s as ReportContent::timings measured them.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <QApplication>
#include <cstdlib>
#include <filesystem>

#include "app/report/report.h"
#include "data/catalog_io.h"
#include "data/open_project.h"
#include "data/project_file.h"
#include "data/results_store.h"
#include "data/scenario_store.h"
#include "model/site/templates.h"

namespace {

namespace fs = std::filesystem;
namespace rp = dctwin::app::report;
using namespace dctwin;

const fs::path& folder() {
  static const fs::path d = [] {
    const fs::path p =
        fs::temp_directory_path() / ("dctwin-bench-report-" + std::to_string(getpid()));
    fs::create_directories(p);
    return p;
  }();
  return d;
}

// The gigawatt project file, as `dctwin-cli new --template gigawatt` writes it, with its N-1
// study stored (as `dctwin-cli contingency` or a first report leaves it).
const std::string& project_path() {
  static const std::string path = [] {
    const auto& cat = data::builtin_catalog();
    const auto site = model::make_site_from_template("gigawatt", {}, cat);
    const std::string p = (folder() / "gigawatt.dctwin").string();
    data::save_project(p, data::Project{site, cat, data::builtin_stored_scenarios(site, cat)});
    const auto n1 = model::electrical::run_contingencies(site, cat);
    data::store_contingency_results(p, site, n1);
    // And the design-point solve with its hall air model, as `dctwin-cli solve` or a first
    // report stores it.
    rp::ReportOptions o;
    o.project_path = p;
    const auto c = rp::build_report(data::open_project(p), "design-day", o);
    data::store_solve_results(p, site, c.power, c.thermal);
    return p;
  }();
  return path;
}

void counters(benchmark::State& state, const rp::ReportContent& c) {
  state.counters["solve_s"] = c.timings.solve_s;
  state.counters["n1_s"] = c.timings.n1_s;
  state.counters["simulate_s"] = c.timings.simulate_s;
  state.counters["build_s"] = c.timings.build_s;
  state.counters["n1_reused"] = c.timings.n1_reused;
  state.counters["air_reused"] = c.timings.air_reused;
}

rp::ReportContent build(bool reuse_n1, bool reuse_air = true) {
  const auto p = data::open_project(project_path());
  rp::ReportOptions o;
  o.project_path = project_path();
  o.reuse_stored_n1 = reuse_n1;
  o.reuse_stored_air = reuse_air;
  return rp::build_report(p, "annual", o);
}

const rp::ReportContent& content() {
  static const rp::ReportContent c = build(true);
  return c;
}

std::string out_path(rp::ReportFormat f) {
  return (folder() / (std::string("report.") + rp::to_string(f))).string();
}

void BM_Report(benchmark::State& state) {
  const auto f = static_cast<rp::ReportFormat>(state.range(0));
  (void)project_path();
  for (auto _ : state) {
    const auto c = build(true);
    rp::write_report(c, f, out_path(f));
    counters(state, c);
  }
  state.SetLabel(rp::to_string(f));
}

void BM_BuildStoredN1(benchmark::State& state) {
  (void)project_path();
  for (auto _ : state) {
    const auto c = build(true);
    counters(state, c);
  }
}

void BM_BuildComputeAir(benchmark::State& state) {
  (void)project_path();
  for (auto _ : state) {
    const auto c = build(true, false);
    counters(state, c);
  }
}

void BM_BuildComputeN1(benchmark::State& state) {
  (void)project_path();
  for (auto _ : state) {
    const auto c = build(false);
    counters(state, c);
  }
}

void BM_Write(benchmark::State& state) {
  const auto f = static_cast<rp::ReportFormat>(state.range(0));
  const auto& c = content();
  for (auto _ : state) rp::write_report(c, f, out_path(f));
  state.SetLabel(rp::to_string(f));
}

#define FORMATS                          \
  Arg(int(rp::ReportFormat::Json))       \
      ->Arg(int(rp::ReportFormat::Csv))  \
      ->Arg(int(rp::ReportFormat::Xlsx)) \
      ->Arg(int(rp::ReportFormat::Pdf))
BENCHMARK(BM_Report)->FORMATS->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_BuildStoredN1)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_BuildComputeAir)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_BuildComputeN1)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_Write)->FORMATS->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

int main(int argc, char** argv) {
  // The PDF writer draws with Qt: a QApplication, offscreen when there is no display.
  if (!std::getenv("QT_QPA_PLATFORM") && !std::getenv("DISPLAY"))
    setenv("QT_QPA_PLATFORM", "offscreen", 1);
  QApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code ec;
  fs::remove_all(folder(), ec);
  return 0;
}
