// JSON exchange of a whole project (site and catalog), schema "dctwin-site/2" (documents of
// "dctwin-site/1" are still read). The format is documented field by field in docs/site-json.md.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <stdexcept>
#include <string>
#include <utility>

#include "model/site/catalog.h"
#include "model/site/site.h"

namespace dctwin::data {

/// A site JSON document that cannot be read or written. The message names the source (file) and
/// the JSON pointer of every problem, and how to fix it.
class SiteJsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// {"schema": "dctwin-site/2", "site": {...}, "catalog": {catalog_to_json(catalog)}}.
/// Throws SiteJsonError when a number is not finite (JSON cannot hold NaN or infinity).
[[nodiscard]] nlohmann::json project_to_json(const model::Site& site,
                                             const model::Catalog& catalog);

/// The inverse of project_to_json, exactly (doubles bit for bit). Checks the format strictly:
/// wrong types, missing or unknown fields and unknown enum strings are errors, and a newer
/// schema is refused. A "dctwin-site/1" document is read too (with the fields of that version:
/// every cooling unit's volume_m3 is 0, no unit is fed and the design weather is not set). A
/// cooling unit's "feed_a" and "feed_b" are optional (absent, null or 0: not fed; written only
/// when set), read with the same checks as a rack's cords. It does not check what
/// the site means: run model::validate() and model::Catalog::validate() for that. Throws
/// SiteJsonError listing every problem, each with source_name and its JSON pointer.
[[nodiscard]] std::pair<model::Site, model::Catalog> project_from_json(
    const nlohmann::json& doc, const std::string& source_name);

/// Writes project_to_json, pretty-printed with 2-space indentation, to path + ".tmp" and then
/// renames it over path, so that a failed write never leaves a half-written file at path.
/// Throws SiteJsonError naming the path.
void write_project_json(const std::string& path, const model::Site& site,
                        const model::Catalog& catalog);

/// Reads and parses a file written by write_project_json (or by hand). Besides
/// project_from_json's checks, refuses a key repeated within one object. Throws SiteJsonError
/// naming the path.
[[nodiscard]] std::pair<model::Site, model::Catalog> read_project_json(const std::string& path);

}  // namespace dctwin::data
