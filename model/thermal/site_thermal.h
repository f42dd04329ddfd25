// Site-level thermal steady state: the plant (plant.h) plus the hall air model (hall_air.h) for
// every hall with air-cooled heat. Halls with identical layout and load are solved once.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/common/progress.h"
#include "model/thermal/hall_air.h"
#include "model/thermal/plant.h"

namespace dctwin::model::electrical {
struct SiteElecResult;
}

namespace dctwin::model::thermal {

/// Each rack's heat as an electrical solve found it: its cord power (IT plus PSU losses), in
/// site.racks order. What the plant and the hall air model take after a site solve.
[[nodiscard]] std::vector<double> rack_heat_from_solve(const electrical::SiteElecResult& result);

/// The site's design weather as an outdoor condition (pressure from the site's elevation);
/// empty when the design dry-bulb or wet-bulb is not set.
[[nodiscard]] std::optional<Outdoor> design_outdoor(const Site& site);

struct SiteThermalOptions {
  double cell_m =
      0.6;  ///< hall air grid for site solves (the validation suite uses 0.3 m or finer)
  double supply_margin =
      0.10;  ///< air units supply the racks' airflow plus this share (slight cold-aisle pressure)
  /// Face velocity that sizes a fan wall's or CRAH's openings: at most 2.5 m/s (500 fpm) across
  /// cooling coils, the usual design limit (ASHRAE Handbook HVAC Systems and Equipment, ch. 23).
  double opening_face_velocity_m_s = 2.5;
  bool air_model = true;  ///< false: plant only
  /// Heat in each hall's air besides the racks' (solve_plant's room_heat_w), e.g. the losses of
  /// busways and PDUs that a coupled facility solve found.
  RoomHeat room_heat_w;
};

struct HallThermal {
  Id hall = kNoId;
  bool solved = false;  ///< false: no air-cooled heat in this hall
  Id same_as = kNoId;   ///< solved once for an identical hall (this one's id when it was solved)
  double max_inlet_c = 0;
  double mean_inlet_c = 0;
  std::size_t racks_outside_recommended = 0;
  double energy_balance_error = 0;
  double solve_s = 0;
  std::int64_t cells = 0;
  std::string message;
};

struct SiteThermalResult {
  Outdoor outdoor;
  PlantResult plant;
  std::vector<HallThermal> halls;    ///< in site.halls order
  std::vector<double> rack_inlet_c;  ///< mean inlet per rack (NaN: no air model for its hall)
  double max_rack_inlet_c = 0;
  std::size_t racks_outside_recommended = 0;
  std::size_t distinct_halls_solved = 0;
  std::map<Id, HallAirResult> fields;  ///< by the hall that was solved (identical halls share it)
};

/// Builds the hall air model's description of one site hall: racks with their air heat and
/// airflow, air units with openings on the nearest wall. rack_heat_w in site.racks order.
[[nodiscard]] HallDescription hall_description(const Site& site, const Catalog& catalog, Id hall,
                                               const std::vector<double>& rack_heat_w,
                                               const SiteThermalOptions& options = {});
/// The same on the site's compiled view.
[[nodiscard]] HallDescription hall_description(const SiteRef& ref, Id hall,
                                               const std::vector<double>& rack_heat_w,
                                               const SiteThermalOptions& options = {});

/// Hot-aisle containment as the hall air model sees it: doors at both ends of every hot aisle and
/// chimney walls from the rack tops to the ceiling; each aisle returns its racks' exhaust through
/// the ceiling above it and the air units supply exactly what the racks draw (the enclosures are
/// closed). Does nothing unless the site hall has Containment::HotAisle; leaves the hall open
/// when its rows are not all parallel or there are fewer air units than hot aisles.
/// hall_description() applies it.
void contain_hot_aisles(HallDescription& hall, const Hall& site_hall);

[[nodiscard]] SiteThermalResult solve_site_thermal(const Site& site, const Catalog& catalog,
                                                   const Outdoor& outdoor,
                                                   const std::vector<double>& rack_heat_w,
                                                   const SiteThermalOptions& options = {},
                                                   Progress* progress = nullptr);
/// The same on the site's plant looked up once (its compiled view gives the halls' racks and
/// air units).
[[nodiscard]] SiteThermalResult solve_site_thermal(const PlantModel& plant, const Outdoor& outdoor,
                                                   const std::vector<double>& rack_heat_w,
                                                   const SiteThermalOptions& options = {},
                                                   Progress* progress = nullptr);

}  // namespace dctwin::model::thermal
