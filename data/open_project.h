// Opening a project from any of the formats a user may hand us.
#pragma once

#include <string>

#include "data/project_file.h"

namespace dctwin::data {

/// Reads a project: "*.json" through the JSON exchange (data/site_json.h), anything else as a
/// project file (data/project_file.h). Throws SiteJsonError or ProjectFileError naming the file.
/// A catalog saved before its kinds gained parameters takes them from the built-in catalog
/// (complete_from_builtin, with a note on each); the file itself is not changed.
[[nodiscard]] Project open_project(const std::string& path);

/// True when the path names a JSON exchange file (by its extension, case-insensitive).
[[nodiscard]] bool is_json_path(const std::string& path);

}  // namespace dctwin::data
