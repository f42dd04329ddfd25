// Ride-through after a cooling loss: how long until rack inlets or coolant pass their limits,
// from the heat that is no longer removed and the thermal mass that absorbs it (hall air, the
// water of the loop and its storage tanks, a CDU's secondary volume). Lumped and linear: a
// first answer a planner can check on paper; transient CFD is out of its scope.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/thermal/plant.h"

namespace dctwin::model::thermal {

enum class CoolingEvent {
  ChillerTrip,  ///< target: a chiller (or a water loop: all its chillers)
  CduPumpLoss,  ///< target: a CDU
  CrahLoss,     ///< target: a CRAH or fan wall
};
[[nodiscard]] const char* to_string(CoolingEvent e);
[[nodiscard]] std::optional<CoolingEvent> cooling_event_from_string(const std::string& s);

struct RideThroughLimit {
  std::string name;  ///< e.g. "ASHRAE recommended inlet", "rack coolant maximum"
  double limit_c = 0;
  std::optional<double> time_s;  ///< empty: never reached (the survivors carry the heat)
};

struct RideThroughResult {
  CoolingEvent event = CoolingEvent::ChillerTrip;
  Id target = kNoId;
  std::string medium;      ///< "hall air", "chilled water loop", "CDU secondary"
  double start_c = 0;      ///< temperature of the medium when the event starts
  double unbalance_w = 0;  ///< heat no longer removed
  double thermal_mass_j_per_k = 0;
  std::vector<RideThroughLimit> limits;  ///< first = the governing one
  std::vector<Id> racks_affected;
  std::string explanation;
};

/// Throws std::invalid_argument naming the target when it is not of the kind the event needs.
[[nodiscard]] RideThroughResult ride_through(const Site& site, const Catalog& catalog,
                                             CoolingEvent event, Id target, const Outdoor& outdoor,
                                             const std::vector<double>& rack_heat_w);

}  // namespace dctwin::model::thermal
