// The built-in catalog and weather files, embedded at build time from resources/catalog/*.json
// and resources/weather/*.json.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace dctwin::resources {

/// (file name, JSON text) for every catalog file, sorted by file name.
const std::vector<std::pair<std::string_view, std::string_view>>& catalog_files();

/// (file name, JSON text) for every weather file (monthly climate normals, dctwin-climates/1),
/// embedded from resources/weather/*.json, sorted by file name.
const std::vector<std::pair<std::string_view, std::string_view>>& weather_files();

}  // namespace dctwin::resources
