// Reading stored results back from a project file (the tables data/results_store.h writes), so
// that a report or a view can reuse a run instead of solving again.
#pragma once

#include <optional>
#include <string>

#include "model/electrical/contingency.h"

namespace dctwin::data {

/// A stored N-1 study. result.base holds only the run's headline figures (converged, message,
/// it_power_w, grid_import_w, grid_import_var, power_factor, total_loss_w, max_loading_pct,
/// max_loading_entity): enough to tell whether the study is of the site as it is now.
struct StoredContingency {
  std::string created_utc;
  model::electrical::ContingencyResult result;
};

/// The file's run of kind "contingency", or nothing when it has none (or no results tables).
/// Cases come worst first (their stored rank), with their lost racks. Throws ProjectFileError
/// (data/project_file.h) naming the file when it is not a dctwin project or cannot be read.
[[nodiscard]] std::optional<StoredContingency> load_contingency_results(const std::string& path);

}  // namespace dctwin::data
