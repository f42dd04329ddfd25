// Picks the equipment new racks plug into: the busway or PDU of each cord, the CDU and the air
// unit, among those of the rack's hall that have spare capacity at design load, so that a row
// added by the editor validates without new overloads when the hall has room for it.
#pragma once

#include <string>
#include <vector>

#include "model/site/catalog.h"
#include "model/site/site.h"

namespace dctwin::model::edit {

struct Connections {
  Id feed_a = kNoId, feed_b = kNoId, cdu_id = kNoId, air_unit_id = kNoId;
};

struct ConnectPlan {
  std::vector<Connections> racks;  ///< one per rack asked for, in order
  /// What could not be connected and why ("no busway of hall X has 136 kW to spare: add one").
  std::vector<std::string> notes;
};

/// For racks (their type and power_override_w are read; ids and positions are not) standing in
/// hall_id. Loads are the design loads (model/site/loads.h); a candidate is accepted when, after
/// adding the rack, no node or unit on its path upstream exceeds its rating (busways their
/// continuous fraction) and no redundancy group containing one stops being redundant (2N: each
/// side carries the pair's whole load; N+1: the rest without the largest; block catcher: the
/// catcher carries the block). Least-loaded candidates first; 2N racks get the A busway's 2N
/// partner as B. A cord that finds no candidate stays kNoId, with a note.
[[nodiscard]] ConnectPlan suggest_connections(const Site& site, const Catalog& catalog, Id hall_id,
                                              const std::vector<Rack>& racks);

}  // namespace dctwin::model::edit
