// Foundation benchmarks: generate, validate, save and load the gigawatt template.
// Run through scripts/bench.sh (JSON out); figures are quoted in the closing notes.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "data/catalog_io.h"
#include "data/project_file.h"
#include "model/site/site_ref.h"
#include "model/site/templates.h"
#include "model/site/validation.h"

namespace {

using namespace dctwin;

std::string temp_path(const char* name) {
  return (std::filesystem::temp_directory_path() / name).string();
}

void BM_GenerateGigawatt(benchmark::State& state) {
  const auto& cat = data::builtin_catalog();
  for (auto _ : state) {
    auto site = model::make_site_from_template("gigawatt", {}, cat);
    benchmark::DoNotOptimize(site);
  }
}
BENCHMARK(BM_GenerateGigawatt)->Unit(benchmark::kMillisecond);

void BM_ValidateGigawatt(benchmark::State& state) {
  const auto& cat = data::builtin_catalog();
  const auto site = model::make_site_from_template("gigawatt", {}, cat);
  for (auto _ : state) {
    auto problems = model::validate(site, cat);
    benchmark::DoNotOptimize(problems);
  }
}
BENCHMARK(BM_ValidateGigawatt)->Unit(benchmark::kMillisecond);

// The compiled view of one revision (model::SiteRef), which every solver of a revision shares.
void BM_CompileSiteRefGigawatt(benchmark::State& state) {
  const auto& cat = data::builtin_catalog();
  const auto site = model::make_site_from_template("gigawatt", {}, cat);
  for (auto _ : state) {
    auto ref = model::compile_site_ref(site, cat);
    benchmark::DoNotOptimize(ref);
  }
}
BENCHMARK(BM_CompileSiteRefGigawatt)->Unit(benchmark::kMillisecond);

void BM_SaveGigawatt(benchmark::State& state) {
  const auto& cat = data::builtin_catalog();
  const auto site = model::make_site_from_template("gigawatt", {}, cat);
  const std::string path = temp_path("bench_gigawatt_save.dctwin");
  for (auto _ : state) data::save_project(path, site, cat);
  std::filesystem::remove(path);
}
BENCHMARK(BM_SaveGigawatt)->Unit(benchmark::kMillisecond);

void BM_LoadGigawatt(benchmark::State& state) {
  const auto& cat = data::builtin_catalog();
  const std::string path = temp_path("bench_gigawatt_load.dctwin");
  data::save_project(path, model::make_site_from_template("gigawatt", {}, cat), cat);
  for (auto _ : state) {
    auto project = data::load_project(path);
    benchmark::DoNotOptimize(project);
  }
  std::filesystem::remove(path);
}
BENCHMARK(BM_LoadGigawatt)->Unit(benchmark::kMillisecond);

// The figure: generate + save + load together, one fresh file each time.
void BM_GenerateSaveLoadGigawatt(benchmark::State& state) {
  const auto& cat = data::builtin_catalog();
  const std::string path = temp_path("bench_gigawatt_all.dctwin");
  for (auto _ : state) {
    std::filesystem::remove(path);
    auto site = model::make_site_from_template("gigawatt", {}, cat);
    data::save_project(path, site, cat);
    auto project = data::load_project(path);
    benchmark::DoNotOptimize(project);
  }
  std::filesystem::remove(path);
}
BENCHMARK(BM_GenerateSaveLoadGigawatt)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
