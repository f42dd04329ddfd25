// Weather files: EnergyPlus EPW import and the built-in climates (resources/weather/*.json,
// dctwin-climates/1, embedded in the binaries) from which synthetic years are generated.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/scenario/weather.h"

namespace dctwin::data {

/// A weather file or climate document that cannot be used. The message names the file, the
/// line (EPW) or JSON field (climates), what is wrong and the fix.
class WeatherError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Reads an EnergyPlus weather file (EPW; EnergyPlus "Auxiliary Programs", Weather Converter,
/// "EnergyPlus Weather File (EPW) Data Dictionary"): 8 header lines (LOCATION gives name,
/// latitude, longitude and elevation; the last is DATA PERIODS), then one row per hour of 35
/// comma-separated fields, of which dry-bulb (7), dew point (8), relative humidity (9) and
/// station pressure (10) are used (1-based). Rows must run hour by hour from 1 January hour 1
/// to 31 December hour 24.
/// - Missing values (dry-bulb and dew point 99.9, RH 999, pressure 999999, or an empty field) are
///   replaced as EnergyPlus does, by the previous hour's value (the next good value for leading
///   gaps); RH missing where dry-bulb and dew point are known is computed from them. The count is
///   noted in WeatherSeries::source. A field missing in every row is refused.
/// - A leap year (8,784 rows with 29 February) loses 29 February, noted in the source.
/// - Refused with WeatherError "FILE:LINE: problem; fix": unreadable file, missing or misplaced
///   header lines, a bad LOCATION line, rows with other than 35 fields, non-numeric or
///   out-of-range values (dry-bulb -70 to 70 C, dew point -70 to 70 C, RH 0 to 110 %, pressure
///   31,000 to 120,000 Pa, as the data dictionary gives), rows out of order, too few or too many
///   rows.
/// RH above 100 % (allowed up to 110 % by the dictionary) is capped at 100 %. Wet-bulb is
/// computed from dry-bulb, RH and pressure.
[[nodiscard]] model::scenario::WeatherSeries read_epw(const std::string& path);

/// The same on EPW text; `source` labels messages (normally the file path).
[[nodiscard]] model::scenario::WeatherSeries parse_epw(std::string_view text,
                                                       const std::string& source);

/// One climate of a dctwin-climates/1 document.
struct Climate {
  std::string id;  ///< e.g. "phoenix-az"
  model::scenario::MonthlyNormals normals;
  /// Published 0.4 % cooling dry-bulb for comparison with the synthetic year, if given.
  std::optional<double> reference_design_dry_bulb_c;
};

/// Parses a dctwin-climates/1 document: {"schema", "sources": {id: {title, url, date}},
/// "climates": [{"id", "name", "latitude_deg", "longitude_deg", "elevation_m", "seed",
/// "mean_max_c": {"values": [12], "source"}, "mean_min_c": {...}, "mean_rh_pct": {...},
/// "day_sd_k": {...}, "design_dry_bulb_0_4_c": {"value", "source"} (optional)}]}. Each source
/// string starts with a key of "sources". The monthly mean dry-bulb is (max + min) / 2 and the
/// daily range max - min. Throws WeatherError naming the source and the JSON pointer.
[[nodiscard]] std::vector<Climate> parse_climates(std::string_view json_text,
                                                  const std::string& source);

/// The built-in climates (resources/weather/*.json), sorted by id.
[[nodiscard]] const std::vector<Climate>& builtin_climate_list();

/// Ids of the built-in climates: abilene-tx, atlanta-ga, dublin-ie, lulea-se, phoenix-az, ...
[[nodiscard]] std::vector<std::string> builtin_climates();

/// The synthetic year of a built-in climate, by id (case-insensitive). Throws WeatherError
/// listing the ids when the name is unknown.
[[nodiscard]] model::scenario::WeatherSeries builtin_weather(const std::string& name);

}  // namespace dctwin::data
