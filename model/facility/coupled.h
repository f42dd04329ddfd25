// The facility as one coupled system: the cooling plant's power is drawn through the electrical
// chain, and the electrical losses inside halls are heat for the plant.
//
// One coupled solve iterates the two halves to a fixed point: the site power flow gives every
// rack's cord power (its heat) and the losses of the busways and PDUs in each hall (heat in the
// hall's air); the plant turns that heat into the power of every cooling unit; those powers go
// back onto the network as constant-power loads on each unit's feeds (FeedLoad), which changes
// the losses; and so on until the cooling power changes by less than the tolerance between two
// passes. Losses of equipment outside the halls (transformers, switchgear, UPS and converter
// rooms) are rejected by those rooms' own ventilation, which this model does not cost.
//
// Lives above electrical/ and thermal/ (which never include each other in a circle); the scenario
// engine and the apps use it.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "model/common/progress.h"
#include "model/electrical/contingency.h"
#include "model/electrical/site_power.h"
#include "model/facility/compiled_site.h"
#include "model/thermal/plant.h"
#include "model/thermal/site_thermal.h"

namespace dctwin::model::facility {

struct FacilityOptions {
  /// The electrical solve's options (load level, failed nodes, ...); its `loads` are replaced
  /// by the cooling units' loads.
  electrical::SiteSolveOptions electrical;
  /// Fixed point: stop when the cooling power changes by at most this share between passes.
  double tolerance = 1e-6;
  int max_passes = 20;
};

/// What a coupled solve found, in figures (W unless named otherwise).
struct FacilityBalance {
  bool converged = false;  ///< the fixed point reached the tolerance (and the power flow converged)
  int passes = 0;          ///< electrical solves done
  double tolerance = 0;    ///< the share asked for
  double residual = 0;     ///< change of the cooling power in the last pass, as a share
  std::string message;     ///< why it did not converge; empty when it did

  double it_power_w = 0;
  double electrical_losses_w = 0;
  double cooling_power_w = 0;        ///< every powered cooling unit (the plant's total)
  double fed_cooling_power_w = 0;    ///< drawn through the electrical chain
  double unfed_cooling_power_w = 0;  ///< of units without a live feed (not in the grid import)
  double grid_import_w = 0;
  double standby_generation_w = 0;  ///< generators and batteries carrying an island
  double room_heat_w = 0;           ///< electrical losses released into hall air
  /// IT + electrical losses + cooling: what the facility uses. Equals grid import + standby
  /// generation + the unfed cooling power.
  double facility_power_w = 0;
  /// |grid import + standby - (IT + losses + fed cooling)| / facility power: the electrical
  /// solve's own energy balance with the plant on it.
  double energy_balance_error = 0;
  double pue = 0;  ///< facility power over IT power (metered at the grid where all is fed)
};

struct FacilityResult {
  electrical::SiteElecResult elec;  ///< the last pass (the cooling units' loads on it)
  thermal::PlantResult plant;       ///< the last pass
  thermal::RoomHeat room_heat_w;    ///< electrical losses into each hall's air, by hall id
  /// The cooling units' loads the last pass carried (SiteSolveOptions::loads), e.g. for N-1.
  std::vector<electrical::FeedLoad> loads;
  FacilityBalance balance;
};

/// The cooling units' power of a plant result as loads on their feeds (power factor from each
/// unit's catalog type, unity where it has none: validate() warns of that). Units that draw no
/// power are left out.
[[nodiscard]] std::vector<electrical::FeedLoad> cooling_loads(const Site& site,
                                                              const Catalog& catalog,
                                                              const thermal::PlantResult& plant);

/// Heat the electrical losses release into hall air, by hall id: the busways and PDUs of a hall
/// (rack-feed nodes with a hall_id) and the connections into them.
[[nodiscard]] thermal::RoomHeat hall_loss_heat(const Site& site,
                                               const electrical::SiteElecResult& elec);
/// The same with the nodes' id table (SiteRef::node_index).
[[nodiscard]] thermal::RoomHeat hall_loss_heat(
    const Site& site, const std::unordered_map<Id, std::size_t>& node_index,
    const electrical::SiteElecResult& elec);

/// The coupled steady state at one outdoor condition. Never throws for a bad network (the
/// result says what went wrong); throws Cancelled when progress is cancelled.
[[nodiscard]] FacilityResult solve_facility(const Site& site, const Catalog& catalog,
                                            const thermal::Outdoor& outdoor,
                                            const FacilityOptions& options = {},
                                            Progress* progress = nullptr);
/// The same on a site compiled once (options.electrical.base_va must be the base it was
/// compiled on; std::invalid_argument otherwise).
[[nodiscard]] FacilityResult solve_facility(const CompiledSite& site,
                                            const thermal::Outdoor& outdoor,
                                            const FacilityOptions& options = {},
                                            Progress* progress = nullptr);

/// The coupled solve, then the hall air model of every hall on the racks' heat it found
/// (solve_site_thermal with its room heat, so that the thermal result's plant is the coupled
/// solve's last). The hall air model throws as solve_site_thermal does.
struct FacilityThermal {
  FacilityResult facility;
  thermal::SiteThermalResult thermal;
};
[[nodiscard]] FacilityThermal solve_facility_thermal(
    const Site& site, const Catalog& catalog, const thermal::Outdoor& outdoor,
    const FacilityOptions& options, const thermal::SiteThermalOptions& thermal_options,
    Progress* progress = nullptr);
/// The same on a site compiled once.
[[nodiscard]] FacilityThermal solve_facility_thermal(
    const CompiledSite& site, const thermal::Outdoor& outdoor, const FacilityOptions& options,
    const thermal::SiteThermalOptions& thermal_options, Progress* progress = nullptr);

/// N-1 of the coupled facility: the coupled design point (solve_facility) puts every cooling
/// unit's load on the network, electrical::run_contingencies fails every component whose loss
/// matters, and each case gets its cooling consequence (add_cooling_consequences).
struct FacilityContingency {
  FacilityResult base;               ///< the coupled design point the cases start from
  electrical::ContingencyResult n1;  ///< the cases, worst first, with their cooling consequence
};
[[nodiscard]] FacilityContingency run_facility_contingencies(
    const Site& site, const Catalog& catalog, const thermal::Outdoor& outdoor,
    const FacilityOptions& options = {}, Progress* progress = nullptr, unsigned threads = 0,
    electrical::ContingencyMethod method = electrical::ContingencyMethod::Incremental);
/// The same on a site compiled once.
[[nodiscard]] FacilityContingency run_facility_contingencies(
    const CompiledSite& site, const thermal::Outdoor& outdoor, const FacilityOptions& options = {},
    Progress* progress = nullptr, unsigned threads = 0,
    electrical::ContingencyMethod method = electrical::ContingencyMethod::Incremental);

/// The cooling consequence of every case (thermal::cooling_loss of the units the case stops: the
/// failed unit, or the units whose feeds all died; the racks the case cuts release no heat), on
/// the plant of the design point and its racks' heat (site.racks order). Marks the cases whose
/// consequence reaches a limit as single points of failure, updates the counts and re-sorts.
void add_cooling_consequences(const Site& site, const Catalog& catalog,
                              const thermal::PlantResult& plant,
                              const std::vector<double>& rack_heat_w,
                              electrical::ContingencyResult& n1);
/// The same on the site's compiled view.
void add_cooling_consequences(const SiteRef& ref, const thermal::PlantResult& plant,
                              const std::vector<double>& rack_heat_w,
                              electrical::ContingencyResult& n1);

}  // namespace dctwin::model::facility
