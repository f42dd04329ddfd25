#include "data/open_project.h"

#include <algorithm>
#include <cctype>

#include "data/catalog_io.h"
#include "data/site_json.h"

namespace dctwin::data {

bool is_json_path(const std::string& path) {
  if (path.size() < 5) return false;
  std::string ext = path.substr(path.size() - 5);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".json";
}

Project open_project(const std::string& path) {
  Project p;
  if (is_json_path(path)) {
    auto [site, catalog] = read_project_json(path);
    p = {std::move(site), std::move(catalog)};
  } else {
    p = load_project(path);
  }
  // A project saved before its catalog's kinds gained required parameters.
  (void)complete_from_builtin(p.catalog);
  return p;
}

}  // namespace dctwin::data
