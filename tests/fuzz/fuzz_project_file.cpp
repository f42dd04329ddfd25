// libFuzzer target for the project file reader: the input is the bytes of a *.dctwin file (an
// SQLite database). Any input loads or throws ProjectFileError; so do the readers of stored
// results. What loads must validate without throwing and save to a new file that loads back equal.
//   ./fuzz_project_file -max_len=400000 corpus/ tests/fuzz/seeds/project_file
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "data/project_file.h"
#include "data/results_load.h"
#include "model/site/validation.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace d = dctwin::data;
  const std::string path = dctwin::fuzz::write_scratch(data, size, ".dctwin");
  d::Project project;
  try {
    project = d::load_project(path);
  } catch (const d::ProjectFileError&) {
    return 0;
  }
  try {
    (void)d::load_contingency_results(path);
    (void)d::load_thermal_results(path);
  } catch (const d::ProjectFileError&) {
  }
  (void)dctwin::model::validate(project.site, project.catalog);
  // What was read is a project this build can store, and stores exactly.
  const std::string copy = dctwin::fuzz::scratch_path(".copy.dctwin");
  std::remove(copy.c_str());
  d::save_project(copy, project);
  if (!(d::load_project(copy) == project)) dctwin::fuzz::fail("project does not save back equal");
  std::remove(copy.c_str());
  return 0;
}
