// libFuzzer target for the site JSON reader (dctwin-site/1 and /2): any input reads or throws
// SiteJsonError. What it reads must validate without throwing, write back and read back equal,
// and, when it validates without errors and is small, solve without throwing (the site power
// flow never throws for a bad network: problems are in its result).
//   ./fuzz_site_json -max_len=200000 corpus/ tests/fuzz/seeds/site_json
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "data/site_json.h"
#include "model/electrical/site_power.h"
#include "model/site/validation.h"
#include "tests/fuzz/fuzz_util.h"

namespace {
// Sites the fuzzer makes stay small; a solve of more racks would only slow the run down.
constexpr std::size_t kMaxSolvedRacks = 200;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace d = dctwin::data;
  const std::string path = dctwin::fuzz::write_scratch(data, size, ".json");
  std::pair<dctwin::model::Site, dctwin::model::Catalog> read;
  try {
    read = d::read_project_json(path);
  } catch (const d::SiteJsonError&) {
    return 0;
  }
  const auto& [site, catalog] = read;
  // Written back, it reads back the same (JSON cannot hold what did not come from JSON).
  const auto again = d::project_from_json(d::project_to_json(site, catalog), "written.json");
  if (!(again.first == site) || !(again.second == catalog))
    dctwin::fuzz::fail("site JSON does not read back equal");
  const auto problems = dctwin::model::validate(site, catalog);
  for (const auto& p : problems)
    if (p.severity == dctwin::model::Severity::Error) return 0;
  if (site.racks.size() <= kMaxSolvedRacks)
    (void)dctwin::model::electrical::solve_site_power(site, catalog);
  return 0;
}
