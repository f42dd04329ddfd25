// Scenarios in the project file: the conversion between a runnable model::scenario::Scenario and
// the StoredScenario row of the `scenario` table (data/project_file.h, docs/project-file.md).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "data/project_file.h"
#include "model/scenario/engine.h"

namespace dctwin::data {

/// A training profile's parameters as JSON (no "kind" key): the one shape used by params_json,
/// stored hall profiles and `simulate --json`.
[[nodiscard]] nlohmann::json training_profile_json(const model::scenario::TrainingProfile& t);

/// The stored form of a scenario. A series weather is not stored: weather_kind ("climate" or
/// "epw") and weather_source (the climate id or the EPW path) name where it comes from; a
/// constant weather is stored as its values (weather_kind "constant"). Throws
/// std::invalid_argument for a series weather without a climate or EPW reference.
[[nodiscard]] StoredScenario to_stored(const model::scenario::Scenario& scenario,
                                       const std::string& weather_kind = "constant",
                                       const std::string& weather_source = {});

/// The runnable scenario. The weather named by a climate or EPW reference is loaded
/// (data::builtin_weather, data::read_epw) unless `weather` is given, which then replaces it.
/// Throws std::invalid_argument naming the scenario for unreadable parameters (params_json,
/// an unknown load or weather kind), WeatherError for an unreadable EPW file.
[[nodiscard]] model::scenario::Scenario to_scenario(
    const StoredScenario& stored,
    const std::optional<model::scenario::WeatherSeries>& weather = {});

/// The built-in climate nearest to a point (great-circle distance).
[[nodiscard]] std::string nearest_climate(double latitude_deg, double longitude_deg);

/// Every built-in scenario (model::scenario::builtin_scenario_names) for this site, as a new
/// project stores them: `annual` with the built-in climate nearest to the site.
[[nodiscard]] std::vector<StoredScenario> builtin_stored_scenarios(const model::Site& site,
                                                                   const model::Catalog& catalog);

}  // namespace dctwin::data
