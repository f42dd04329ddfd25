// The project file (*.dctwin): one SQLite database per project holding the site and the snapshot
// of the equipment catalog it was designed with, in typed tables that the sqlite3 shell can query.
// The tables, units and migrations are described in docs/project-file.md.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/site/catalog.h"
#include "model/site/site.h"

namespace dctwin::data {

/// A scenario as the project file's `scenario` table holds it (schema 4): the parameters a user
/// looks for as typed columns, everything else as JSON text (params_json). Plain data, so that
/// what is read equals what was written; data/scenario_store.h turns it into a runnable
/// model::scenario::Scenario (loading the weather it names) and back.
struct StoredScenario {
  std::string name;  ///< unique in a project
  std::string description;
  double horizon_s = 86400.0;
  double step_s = 3600.0;
  std::string load_kind = "constant";  ///< constant | diurnal | training
  double load_mean = 1.0;       ///< constant: utilisation; diurnal: mean; training: compute_util
  double load_amplitude = 0.0;  ///< diurnal: amplitude; 0 otherwise
  std::string weather_kind = "constant";  ///< constant | climate | epw
  std::string weather_source;  ///< climate id (climate) or EPW file path (epw); empty for constant
  std::optional<double> dry_bulb_c, wet_bulb_c;  ///< constant weather only
  bool smoothing = false;
  std::optional<double> battery_power_w;       ///< max discharge; no battery: all three unset
  std::optional<double> battery_energy_wh;     ///< capacity
  std::optional<double> battery_ramp_w_per_s;  ///< grid-side ramp limit the battery holds
  std::string params_json = "{}";              ///< the other parameters (docs/project-file.md)
  bool operator==(const StoredScenario&) const = default;
};

/// What a project file holds.
struct Project {
  model::Site site;
  model::Catalog catalog;
  std::vector<StoredScenario> scenarios{};  ///< schema 4; in the order of the file's ids
  bool operator==(const Project&) const = default;
};

/// A project file that cannot be read or written. The message names the file, says what is
/// wrong and what to do about it.
class ProjectFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The schema this build writes (PRAGMA user_version). Files of older schemas are migrated;
/// files of newer schemas are refused.
inline constexpr int kProjectSchemaVersion = 5;

/// Writes the site and the catalog to path in one transaction. A new file is created; an existing
/// dctwin project (of this or an older schema) is updated in place: its site and catalog tables
/// are replaced, tables that other parts of dctwin added (results) are kept, an older schema is
/// migrated first. Refuses, leaving the file as it was: a file that is not a dctwin project,
/// a damaged one, one from a newer dctwin, and a site that cannot be stored (a NaN value, an id
/// used twice, a reference to a missing entity, catalog type or source).
/// A crash or kill during the save leaves the previously saved state.
/// This form leaves the file's scenarios as they are (none in a new file).
void save_project(const std::string& path, const model::Site& site, const model::Catalog& catalog);

/// The same, and replaces the file's scenarios with project.scenarios (names must be unique).
void save_project(const std::string& path, const Project& project);

/// Writes project as a new file at path, replacing whatever file is there (the caller has asked
/// for that: `--force`, or a path that does not exist yet). Through a temporary beside it and a
/// rename, so a crash or kill leaves either the old file or the whole new one. A write-ahead log
/// beside the old file (a writer that was killed) is first checkpointed into it, or removed when
/// the old file is not a database SQLite can open, so that SQLite never replays the old log onto
/// the new file. Refuses, changing nothing, when another program has the old file open (its log
/// stays: "in use by another program").
void replace_project(const std::string& path, const Project& project);

/// Reads a project. Files of older schemas are migrated in memory: loading never changes the
/// file (the next save upgrades it). Throws ProjectFileError for a missing file, a file that is
/// not a dctwin project, one written by a newer dctwin, and a damaged file (not SQLite,
/// truncated, failing SQLite's integrity check, missing tables, unreadable values or unknown
/// enum names, dangling references); nothing is returned half-read.
[[nodiscard]] Project load_project(const std::string& path);

/// The schema version (PRAGMA user_version) of an existing dctwin project, which may be newer
/// than kProjectSchemaVersion. Throws ProjectFileError when the file is not a dctwin project.
[[nodiscard]] int project_file_version(const std::string& path);

}  // namespace dctwin::data
