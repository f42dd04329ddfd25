// The built-in catalog files, embedded at build time from resources/catalog/*.json.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace dctwin::resources {

/// (file name, JSON text) for every catalog file, sorted by file name.
const std::vector<std::pair<std::string_view, std::string_view>>& catalog_files();

}  // namespace dctwin::resources
