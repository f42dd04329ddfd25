// libFuzzer target for the EPW weather reader: any input parses or throws WeatherError. A year
// that parses has 8,760 finite hours inside the data dictionary's ranges, whatever the file held
// (the reader replaces missing values): model::scenario::check_series accepts it.
//   ./fuzz_epw -max_len=2000000 corpus/ tests/fuzz/seeds/epw
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "data/weather_io.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  dctwin::model::scenario::WeatherSeries w;
  try {
    w = dctwin::data::parse_epw(text, "fuzz.epw");
  } catch (const dctwin::data::WeatherError&) {
    return 0;
  }
  try {
    dctwin::model::scenario::check_series(w);  // 8,760 hours, finite, rh 0..1, wet <= dry
  } catch (const std::invalid_argument& e) {
    dctwin::fuzz::fail(e.what());
  }
  for (std::size_t h = 0; h < w.dry_bulb_c.size(); ++h) {
    const double db = w.dry_bulb_c[h];
    if (!(db >= -70.0 && db <= 70.0)) dctwin::fuzz::fail("dry-bulb outside -70..70 C accepted");
    const double p = w.pressure_pa[h];
    if (!(p >= 31000.0 && p <= 120000.0)) dctwin::fuzz::fail("pressure out of range accepted");
  }
  return 0;
}
