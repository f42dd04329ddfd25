// libFuzzer target for the MATPOWER reader: any input must parse or throw MatpowerError; a case
// that parses must solve or report (never throw), and must read back from write_matpower.
// Anything else escapes and aborts, which libFuzzer reports with the input that caused it.
//   ./fuzz_matpower -max_len=20000 corpus/ ../shared/reference/matpower/cases tests/data/matpower
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "data/matpower.h"
#include "model/electrical/ac_powerflow.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace el = dctwin::model::electrical;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  dctwin::data::MatpowerCase c;
  try {
    c = dctwin::data::parse_matpower(text, "fuzz.m");
  } catch (const dctwin::data::MatpowerError&) {
    return 0;
  }
  el::AcOptions options;
  options.max_iter = 10;
  (void)el::AcPowerFlow(c.net).solve(options);
  // Whatever the reader accepts, the writer must write and the reader read back.
  (void)dctwin::data::parse_matpower(dctwin::data::write_matpower(c.net, c.name), "written.m");
  return 0;
}
