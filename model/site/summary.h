// Counts and totals for `dctwin-cli info` and the GUI's overview.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/site/catalog.h"
#include "model/site/site.h"
#include "model/site/site_ref.h"

namespace dctwin::model {

struct HallSummary {
  Id id = kNoId;
  std::string name;
  std::size_t racks = 0;
  double it_power_w = 0;
};

struct BuildingSummary {
  Id id = kNoId;
  std::string name;
  std::size_t racks = 0;
  double it_power_w = 0;
  std::vector<HallSummary> halls;
};

struct SiteSummary {
  std::string name;
  std::size_t buildings = 0, halls = 0, rows = 0, racks = 0;
  double it_power_w = 0;
  std::map<std::string, std::size_t> elec_by_kind;     ///< ElecKind name -> count
  std::map<std::string, std::size_t> cooling_by_kind;  ///< CoolKind name -> count
  std::size_t elec_edges = 0;
  std::size_t redundancy_groups = 0;
  std::map<std::string, std::size_t> racks_by_type;  ///< catalog key -> count
  std::map<std::string, double> it_power_by_type_w;
  std::vector<BuildingSummary> by_building;
};

[[nodiscard]] SiteSummary summarize(const Site& site, const Catalog& catalog);
/// The same on the site's compiled view.
[[nodiscard]] SiteSummary summarize(const SiteRef& ref);

}  // namespace dctwin::model
