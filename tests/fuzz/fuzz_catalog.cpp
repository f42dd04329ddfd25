// libFuzzer target for the catalog reader (dctwin-catalog/1): any input parses or throws
// CatalogError. A catalog that parses has validated (parse_catalog runs Catalog::validate) and
// writes back to a document that reads back equal, bit for bit.
//   ./fuzz_catalog -max_len=200000 corpus/ resources/catalog tests/fuzz/regress/catalog
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "data/catalog_io.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace d = dctwin::data;
  const std::string text(reinterpret_cast<const char*>(data), size);
  dctwin::model::Catalog catalog;
  try {
    catalog = d::parse_catalog({{"fuzz.json", text}});
  } catch (const d::CatalogError&) {
    return 0;
  }
  if (!catalog.validate().empty()) dctwin::fuzz::fail("parse_catalog returned an invalid catalog");
  const auto again = d::parse_catalog({{"written.json", d::catalog_to_json(catalog).dump()}});
  if (!(again == catalog)) dctwin::fuzz::fail("catalog does not read back equal");
  return 0;
}
