// libFuzzer target for the hall thermal case reader (dc-hall-thermal-case/1): any input parses or
// throws ThermalCaseError. A hall that parses is checked (check_hall) and sized
// (estimate_hall_grid) without throwing; one that passes both and is small is solved for a few
// iterations, which must give finite inlet temperatures or report that it did not converge.
//   ./fuzz_thermal_case -max_len=50000 corpus/ tests/data/thermal tests/fuzz/regress/thermal_case
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "data/thermal_case.h"
#include "tests/fuzz/fuzz_util.h"

namespace {
// A few thousand cells at a coarse grid keep each input to milliseconds.
constexpr double kFuzzCellM = 0.5;
constexpr double kMaxSolvedCells = 4000;
constexpr int kFuzzIterations = 5;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace th = dctwin::model::thermal;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  th::HallDescription hall;
  try {
    hall = dctwin::data::parse_thermal_case(text, "fuzz.json");
  } catch (const dctwin::data::ThermalCaseError&) {
    return 0;
  }
  if (!th::check_hall(hall).empty()) return 0;
  const th::HallGridEstimate grid = th::estimate_hall_grid(hall, kFuzzCellM);
  if (!grid.fits() || grid.cells > kMaxSolvedCells) return 0;
  th::HallSolveOptions options;
  options.cell_m = kFuzzCellM;
  options.max_iterations = kFuzzIterations;
  options.averaging_iterations = 2;
  th::HallAirResult result;
  try {
    result = th::solve_hall_air(hall, options);
  } catch (const std::invalid_argument&) {
    // Refusals the solver makes itself (for example a hall without a rack that moves air).
    return 0;
  }
  if (result.converged)
    for (const auto& r : result.racks)
      if (!std::isfinite(r.inlet_mean_c)) dctwin::fuzz::fail("converged hall with a NaN inlet");
  return 0;
}
