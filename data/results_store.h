// Results in the project file: one run per kind ("power", "contingency"), replaced by the next
// run of the same kind. Tables are created on first use and survive site saves (they reference
// entities by id without foreign keys, because every save re-inserts the entity rows).
// docs/project-file.md lists the tables and columns.
#pragma once

#include <cstdint>
#include <string>

#include "model/electrical/contingency.h"
#include "model/electrical/site_power.h"
#include "model/scenario/engine.h"
#include "model/site/site.h"
#include "model/thermal/site_thermal.h"

namespace dctwin::data {

/// Stores a site power solve; returns the run id. Throws ProjectFileError (data/project_file.h)
/// naming the file when it is not a dctwin project or cannot be written.
std::int64_t store_power_results(const std::string& path, const model::Site& site,
                                 const model::electrical::SiteElecResult& result);

/// Stores an N-1 study (its base case too, as the "power" tables of the same run).
std::int64_t store_contingency_results(const std::string& path, const model::Site& site,
                                       const model::electrical::ContingencyResult& result);

/// A `solve`: the power results and the thermal steady state as one run of kind "power", in one
/// transaction (a kill leaves the previous run or the whole new one, never half). Returns the id.
std::int64_t store_solve_results(const std::string& path, const model::Site& site,
                                 const model::electrical::SiteElecResult& elec,
                                 const model::thermal::SiteThermalResult& thermal);

/// Stores a scenario run as the run of kind "simulation:<scenario name>" (replacing the previous
/// run of that scenario): the totals in result_simulation and every site-level series of the
/// result in result_series (level "site", entity_id NULL, values as a BLOB of little-endian
/// float64, layout "float64-le"), the hall and building series (level "hall" / "building",
/// entity_id the hall or building: it_w, losses_w, and cooling_w for buildings), the block series
/// (level "block", entity_id the UPS, rectifier or SST node: it_w, losses_w; none when the result
/// kept no block series), and every
/// rack's IT and cord power at each snapshot in result_rack_snapshot. Returns the run id.
std::int64_t store_simulation_results(const std::string& path,
                                      const model::scenario::SimulationResult& result);

}  // namespace dctwin::data
