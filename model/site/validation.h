// Site validation: every problem, with the entity, a severity and how to fix it.
#pragma once

#include <string>
#include <vector>

#include "model/site/catalog.h"
#include "model/site/site.h"

namespace dctwin::model {

enum class Severity { Error, Warning };
[[nodiscard]] const char* to_string(Severity s);

struct Problem {
  Id entity = kNoId;        ///< kNoId for site-wide problems
  std::string entity_kind;  ///< "rack", "elec_node", "hall", ...
  Severity severity = Severity::Error;
  std::string code;         ///< stable machine-readable code, e.g. "rack.unfed"
  std::string message;      ///< what is wrong, naming the entity
  std::string fix;          ///< how to fix it
};

/// Checks: duplicate or missing ids, dangling references, unknown catalog types, unfed or
/// uncooled racks, racks outside their hall or overlapping, ratings exceeded at design load,
/// redundancy groups that are not redundant, loops without heat rejection or pumping.
[[nodiscard]] std::vector<Problem> validate(const Site& site, const Catalog& catalog);

[[nodiscard]] std::size_t count_errors(const std::vector<Problem>& problems);

}  // namespace dctwin::model
