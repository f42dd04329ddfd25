// Site validation: every problem, with the entity, a severity and how to fix it.
#pragma once

#include <stdexcept>
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
  std::string code;     ///< stable machine-readable code, e.g. "rack.unfed"
  std::string message;  ///< what is wrong, naming the entity
  std::string fix;      ///< how to fix it
};

/// Bounds of values a real site can have; validation refuses anything outside them, so that no
/// solver runs on them. Physical facts, not design choices.
namespace physical_limits {
inline constexpr double kMinElevationM = -500;  ///< Dead Sea shore is -430 m
inline constexpr double kMaxElevationM = 9000;  ///< Everest is 8,849 m
inline constexpr double kMinAirTempC = -90;     ///< Vostok, 1983: -89.2 C (WMO record)
inline constexpr double kMaxAirTempC = 60;      ///< Death Valley, 1913: 56.7 C (WMO record)
inline constexpr double kMaxWetBulbC = 40;      ///< highest wet-bulb observed is about 35-36 C
inline constexpr double kMaxWaterTempC = 100;   ///< liquid water in an unpressurised loop
inline constexpr double kMaxVoltageV = 1.2e6;   ///< the highest transmission voltage in service
inline constexpr double kMaxRatingW = 1e11;     ///< 100 GW: ten times the largest campus
inline constexpr double kMaxAirflowM3S = 1e3;   ///< far above any CRAH or fan wall (~10-50 m3/s)
}  // namespace physical_limits

/// Overlapping racks are found through a bucket grid (model/common/overlap.h, O(n) for real
/// layouts) and listed with caps, so that a bad import (8,000 racks stacked on one spot are 32
/// million pairs) gives a short list: each rack names at most kMaxOverlapsPerRack of the racks
/// after it (in site order) that it overlaps, the last of them with how many more there are, and
/// the site at most kMaxOverlapProblems "rack.overlap" problems; one "rack.overlap_more" error
/// (entity kNoId) then counts the pairs and racks that were left out.
inline constexpr std::size_t kMaxOverlapsPerRack = 3;
inline constexpr std::size_t kMaxOverlapProblems = 100;

/// Checks: values outside physical_limits, duplicate or missing ids, dangling references, unknown
/// catalog types, unfed or uncooled racks, racks outside their hall or overlapping, ratings
/// exceeded at design load, redundancy groups that are not redundant, loops without heat rejection
/// or pumping.
[[nodiscard]] std::vector<Problem> validate(const Site& site, const Catalog& catalog);

[[nodiscard]] std::size_t count_errors(const std::vector<Problem>& problems);

/// A site with validation errors is never solved as if it were valid.
struct SiteInvalid : std::runtime_error {
  SiteInvalid(const std::string& what, std::size_t n) : std::runtime_error(what), errors(n) {}
  std::size_t errors;
};
/// Throws SiteInvalid ("not solved: the site has N validation errors, e.g. ...") when validate()
/// finds errors; the GUI's workers call it before any solve.
void require_valid(const Site& site, const Catalog& catalog);

}  // namespace dctwin::model
