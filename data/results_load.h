// Reading stored results back from a project file (the tables data/results_store.h writes), so
// that a report or a view can reuse a run instead of solving again.
#pragma once

#include <optional>
#include <string>

#include "model/electrical/contingency.h"
#include "model/thermal/site_thermal.h"

namespace dctwin::data {

/// A stored N-1 study. result.base holds only the run's headline figures (converged, message,
/// it_power_w, grid_import_w, grid_import_var, power_factor, total_loss_w, max_loading_pct,
/// max_loading_entity): enough to tell whether the study is of the site as it is now.
struct StoredContingency {
  std::string created_utc;
  model::electrical::ContingencyResult result;
  /// The run stored the cooling units each case cuts (loads_lost); runs stored before that
  /// table existed did not, and cannot give a case's cooling consequence.
  bool cooling_units_stored = false;
};

/// The file's run of kind "contingency", or nothing when it has none (or no results tables).
/// Cases come worst first (their stored rank), with their lost racks and cooling units. Throws
/// ProjectFileError (data/project_file.h) naming the file when it is not a dctwin project or cannot
/// be read.
[[nodiscard]] std::optional<StoredContingency> load_contingency_results(const std::string& path);

/// The thermal steady state stored by the last `solve` (run of kind "power"): its base power
/// figures (as above), the outdoor condition, and the hall air model's results (per rack mean
/// inlet, per hall maximum and mean, which hall was solved for which). air_model is false when
/// that solve ran without the hall air model (then only the plant figures were stored).
struct StoredThermal {
  std::string created_utc;
  model::electrical::SiteElecResult base;  ///< headline figures only (see StoredContingency)
  double dry_bulb_c = 0, wet_bulb_c = 0;
  bool air_model = false;
  double max_rack_inlet_c = 0;
  std::size_t racks_outside_recommended = 0;
  std::vector<std::pair<model::Id, double>> rack_inlet_c;  ///< (rack id, mean inlet)
  std::vector<model::thermal::HallThermal> halls;          ///< halls that were solved
};

/// The file's thermal results of its run of kind "power", or nothing when it has none.
/// Throws ProjectFileError naming the file when it is not a dctwin project or cannot be read.
[[nodiscard]] std::optional<StoredThermal> load_thermal_results(const std::string& path);

}  // namespace dctwin::data
