// Reading and writing the equipment catalog files (format "dctwin-catalog/1", docs/catalog.md).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "model/site/catalog.h"

namespace dctwin::data {

/// A catalog that cannot be read or does not validate. The message lists every problem, one a
/// line, each naming the file, the JSON pointer (and item key), what is wrong and the fix.
class CatalogError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Parses catalog documents given as (name used in messages, JSON text) and merges them: sources
/// and items from every document go into one catalog. A duplicate item key, or a source id
/// defined differently in two documents, is an error naming both. When every document is well
/// formed, model::Catalog::validate() runs on the merged catalog and its problems are reported
/// the same way. Throws CatalogError listing every problem.
[[nodiscard]] model::Catalog parse_catalog(
    const std::vector<std::pair<std::string, std::string>>& named_texts);

/// Reads the files and parses them as parse_catalog() does; messages name each file by the path
/// given. A file that cannot be read is a CatalogError too.
[[nodiscard]] model::Catalog load_catalog_files(const std::vector<std::string>& paths);

/// The catalog built into the program (resources/catalog/*.json), parsed and validated on first
/// use. Throws CatalogError if the built-in files are broken (a build defect).
[[nodiscard]] const model::Catalog& builtin_catalog();

/// Completes a catalog kept inside an older project file or site JSON: an item whose key is a
/// built-in item of the same kind (or was renamed from one: vr_nvl144 is vr_nvl72_800vdc) and
/// that lacks a parameter its kind gained in 2026-12 (the plant's weather-dependent models, the
/// racks' psu_capacity_w; docs/catalog.md lists them) takes the built-in one, with its source
/// and a note saying so; values the item has are never changed, and other missing parameters
/// stay missing for validation to name. Returns what was added, as "item/params/name" paths.
std::vector<std::string> complete_from_builtin(model::Catalog& catalog);

/// One catalog document in the file format: parse_catalog({{"x", catalog_to_json(c).dump()}})
/// gives back c exactly (doubles bit for bit) for a catalog that validates. Throws CatalogError
/// when a number is not finite (JSON cannot hold NaN or infinity).
[[nodiscard]] nlohmann::json catalog_to_json(const model::Catalog& catalog);

/// Reads one catalog document already parsed as JSON (e.g. kept inside another file), checking
/// the format only: model::Catalog::validate() is not run, the caller decides. Throws
/// CatalogError naming source_name and the JSON pointer of every problem.
[[nodiscard]] model::Catalog catalog_from_json(const nlohmann::json& doc,
                                               const std::string& source_name);

}  // namespace dctwin::data
