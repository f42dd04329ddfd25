// Design-load roll-up: what every rack draws at design load and what that puts on every piece of
// electrical and cooling equipment. Lossless first estimate; the electrical engine adds losses.
#pragma once

#include <optional>
#include <unordered_map>
#include <vector>

#include "model/site/catalog.h"
#include "model/site/site.h"
#include "model/site/site_ref.h"

namespace dctwin::model {

/// Design power of rack i: its override, else the catalog nameplate. Throws std::out_of_range
/// when the type is not in the catalog.
[[nodiscard]] double rack_design_power_w(const Site& site, std::size_t i, const Catalog& catalog);
/// The same for views of a site that may not validate: nullopt when rack i has no override and
/// its type is not a rack type with a nameplate in the catalog (validation reports that).
[[nodiscard]] std::optional<double> find_rack_design_power_w(const Site& site, std::size_t i,
                                                             const Catalog& catalog);

/// Rated electrical power of a powered cooling unit from its catalog type, the analogue of a
/// rack's nameplate: CDU pumps at the capacity's flow (design_delta_t_k) and pump_head_pa over
/// pump_efficiency, CRAH and fan wall fan_power_w, chiller
/// capacity / cop_rated, tower and dry cooler fan_power_frac x capacity, pump head x flow /
/// efficiency (the unit's own capacity_w and flow_m3_s, which default to the catalog's).
/// nullopt for kinds that draw no power and for types the catalog lacks (validate() says so).
[[nodiscard]] std::optional<double> cooling_rated_power_w(const CoolingUnit& unit,
                                                          const Catalog& catalog);

struct DesignLoads {
  std::vector<double> rack_power_w;        ///< by rack index
  std::vector<double> rack_liquid_heat_w;  ///< by rack index
  std::vector<double> rack_air_heat_w;     ///< by rack index
  /// Rated electrical power of every powered cooling unit (cooling_rated_power_w), by unit id.
  std::unordered_map<Id, double> cooling_power_w;
  /// Normal-operation load on every electrical node, by node id: each rack splits its power
  /// evenly over its cords, as does each fed cooling unit its rated power over its feeds, and
  /// each node splits its load evenly over its closed upstream edges.
  std::unordered_map<Id, double> elec_load_w;
  /// Normal-operation load on every electrical edge, by edge id.
  std::unordered_map<Id, double> edge_load_w;
  /// Heat each cooling unit must move at design load, by unit id (CDU, CRAH, loop, rejection).
  std::unordered_map<Id, double> cooling_heat_w;
  double it_power_w = 0;
  double mechanical_power_w = 0;        ///< rated power of the cooling units with a feed
  double unfed_mechanical_power_w = 0;  ///< rated power of powered cooling units without one
  bool elec_cycle = false;              ///< the electrical graph has a cycle (loads not rolled up)
};

/// Requires racks with known catalog types (unknown types count as 0 W; validate() reports them).
[[nodiscard]] DesignLoads compute_design_loads(const Site& site, const Catalog& catalog);
/// The same on the site's compiled view.
[[nodiscard]] DesignLoads compute_design_loads(const SiteRef& ref);

}  // namespace dctwin::model
