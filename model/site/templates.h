// Procedural site templates with parameters: small, hall, gigawatt.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/site/catalog.h"
#include "model/site/site.h"

namespace dctwin::model {

struct TemplateParam {
  std::string name;
  double default_value = 0;
  double min_value = 0;
  double max_value = 0;
  bool integer = false;
  std::string description;
};

struct TemplateInfo {
  std::string name;
  std::string description;
  std::vector<TemplateParam> params;
};

/// A bad template name or parameter; the message names it and lists what is accepted.
class TemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

[[nodiscard]] const std::vector<TemplateInfo>& site_templates();

/// Builds a template. params overrides defaults by name; unknown names and out-of-range values
/// throw TemplateError. Equipment types and sizes come from the catalog.
[[nodiscard]] Site make_site_from_template(const std::string& name,
                                           const std::map<std::string, double>& params,
                                           const Catalog& catalog);

}  // namespace dctwin::model
