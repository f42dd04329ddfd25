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
  /// Past a hard limit (ASHRAE allowable inlet, rack coolant maximum) racks throttle or trip;
  /// a soft one (the ASHRAE recommended range) is advisory.
  bool hard = false;
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

/// What stopping a set of cooling units does: the heat that is no longer removed, in each medium
/// that then warms, and the time until each reaches its limits. Units stop because they failed
/// or because their electrical feeds died (an N-1 case, an outage). The stopped set is judged as
/// a whole, with the heat paths of the plant result:
/// - a stopped CDU stops its secondary flow: its racks' liquid heat warms its secondary water
///   (with the other members of its redundancy groups sharing a header: their secondaries, and
///   the survivors carry up to their capacity);
/// - a stopped CRAH or fan wall: the hall's running air units carry up to their capacity, the
///   rest warms the hall air;
/// - on each water loop, the heat reaching it (less what stopped units no longer deliver) against
///   what its running chillers can take (the loop's rejection units where it has no chillers;
///   in economizer mode the heat exchanger carries it, the chillers do not matter), scaled by the
///   running pumps' share of the loop's design flow; the shortfall warms the loop water and its
///   tanks. A loop whose pumps all stop moves no heat: every CDU and air unit on it stops, as
///   above. A condenser loop without terminal units passes its shortfall to the chilled loops
///   whose chillers reject into it.
/// Racks in `racks_off` (site.racks order, true: no power) release no heat. Lumped and linear,
/// as ride_through, whose single-unit answers it reproduces for units in no redundancy group.
struct CoolingLoss {
  std::vector<RideThroughResult> parts;   ///< one per medium that warms, earliest limit first
  std::optional<double> time_to_limit_s;  ///< the earliest limit over parts; empty: none is reached
  std::string limit;                      ///< its name
  std::string medium;                     ///< where it is reached
  std::vector<Id> racks_affected;         ///< racks of the parts that reach a limit, sorted
  std::string explanation;                ///< the governing part's
};
[[nodiscard]] CoolingLoss cooling_loss(const Site& site, const Catalog& catalog,
                                       const PlantResult& plant, const std::vector<Id>& stopped,
                                       const std::vector<double>& rack_heat_w,
                                       const std::vector<char>& racks_off = {});

}  // namespace dctwin::model::thermal
