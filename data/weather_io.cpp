#include "data/weather_io.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "model/thermal/psychro.h"
#include "resources/embedded.h"

namespace dctwin::data {

namespace ms = model::scenario;
using nlohmann::json;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    out.push_back(
        trim(line.substr(start, comma == std::string_view::npos ? line.npos : comma - start)));
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

std::optional<double> to_double(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

std::optional<int> to_int(std::string_view s) {
  s = trim(s);
  int v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

constexpr std::array<int, 12> kDaysInMonth = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

// One used data field of an EPW row.
struct EpwField {
  int index;            // 0-based
  const char* what;     // for messages
  double missing_at;    // values at or above this are "missing"
  const char* missing;  // the code to write for missing
  double lo, hi;        // valid range (EPW data dictionary)
};
constexpr std::array<EpwField, 4> kFields = {{
    {6, "dry-bulb temperature, C", 99.9, "99.9", -70.0, 70.0},
    {7, "dew point temperature, C", 99.9, "99.9", -70.0, 70.0},
    {8, "relative humidity, %", 999.0, "999", 0.0, 110.0},
    {9, "station pressure, Pa", 999999.0, "999999", 31000.0, 120000.0},
}};

std::string fmt(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

}  // namespace

ms::WeatherSeries parse_epw(std::string_view text, const std::string& source) {
  auto fail = [&](std::size_t line, const std::string& what) -> WeatherError {
    return WeatherError(source + ":" + std::to_string(line) + ": " + what);
  };
  // Lines, 1-based; "\r\n" and "\n" both end a line.
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t nl = text.find('\n', start);
    const std::size_t end = nl == text.npos ? text.size() : nl;
    std::string_view l = text.substr(start, end - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back(l);
    start = end + 1;
  }
  static constexpr std::array<std::string_view, 8> kHeaders = {"LOCATION",
                                                               "DESIGN CONDITIONS",
                                                               "TYPICAL/EXTREME PERIODS",
                                                               "GROUND TEMPERATURES",
                                                               "HOLIDAYS/DAYLIGHT SAVINGS",
                                                               "COMMENTS 1",
                                                               "COMMENTS 2",
                                                               "DATA PERIODS"};
  for (std::size_t i = 0; i < kHeaders.size(); ++i) {
    if (i >= lines.size())
      throw fail(lines.size(),
                 "the file ends inside the header: an EPW file starts with 8 header "
                 "lines (LOCATION, DESIGN CONDITIONS, TYPICAL/EXTREME PERIODS, "
                 "GROUND TEMPERATURES, HOLIDAYS/DAYLIGHT SAVINGS, COMMENTS 1, "
                 "COMMENTS 2, DATA PERIODS) and then 8,760 hourly rows; use a "
                 "complete EPW file");
    if (!starts_with_nocase(trim(lines[i]), kHeaders[i]))
      throw fail(i + 1, "expected the " + std::string(kHeaders[i]) +
                            " header line here (an EPW file starts with 8 header lines in a fixed "
                            "order); is this an EPW file? Restore the header or re-export the "
                            "file as EPW");
  }
  ms::WeatherSeries s;
  {
    const auto f = split(lines[0]);
    if (f.size() < 10)
      throw fail(1, "LOCATION has " + std::to_string(f.size()) +
                        " fields, needs 10 (LOCATION, city, state, country, source, WMO, "
                        "latitude, longitude, time zone, elevation); complete the line");
    const auto lat = to_double(f[6]), lon = to_double(f[7]), elev = to_double(f[9]);
    if (!lat || *lat < -90 || *lat > 90)
      throw fail(1, "LOCATION latitude '" + std::string(f[6]) +
                        "' is not a number from -90 to 90 (field 7); fix it");
    if (!lon || *lon < -180 || *lon > 180)
      throw fail(1, "LOCATION longitude '" + std::string(f[7]) +
                        "' is not a number from -180 to 180 (field 8); fix it");
    if (!elev || *elev < -1000 || *elev > 9999.9)
      throw fail(1, "LOCATION elevation '" + std::string(f[9]) +
                        "' is not a number from -1000 to 9999.9 m (field 10); fix it");
    for (std::size_t k = 1; k <= 3; ++k)
      if (!f[k].empty() && f[k] != "-") s.name += (s.name.empty() ? "" : ", ") + std::string(f[k]);
    if (s.name.empty()) s.name = source;
    s.latitude_deg = *lat;
    s.longitude_deg = *lon;
    s.elevation_m = *elev;
    s.source = "EPW " + source;
    if (!f[4].empty())
      s.source +=
          " (" + std::string(f[4]) + (f[5].empty() ? "" : ", WMO " + std::string(f[5])) + ")";
  }
  {
    const auto f = split(lines[7]);
    const auto per_hour = f.size() > 2 ? to_int(f[2]) : std::nullopt;
    if (per_hour && *per_hour != 1)
      throw fail(8, "DATA PERIODS gives " + std::to_string(*per_hour) +
                        " records per hour; only hourly EPW files (1 record per hour) are read; "
                        "convert the file to hourly data");
  }

  // Data rows, checked against the calendar hour by hour.
  std::array<std::vector<double>, 4> raw;
  for (auto& v : raw) v.reserve(ms::kHoursPerYear);
  int month = 1, day = 1, hour = 1;  // the next row expected
  bool done = false, leap = false;
  int feb29_hour = 0;  // rows of 29 February seen
  std::size_t last_data_line = 8;
  for (std::size_t li = 8; li < lines.size(); ++li) {
    const std::size_t ln = li + 1;
    if (trim(lines[li]).empty()) {
      const bool rest_blank =
          std::all_of(lines.begin() + static_cast<std::ptrdiff_t>(li), lines.end(),
                      [](std::string_view l) { return trim(l).empty(); });
      if (rest_blank) break;
      throw fail(ln, "empty line between hourly rows; remove it");
    }
    const auto f = split(lines[li]);
    if (f.size() != 35)
      throw fail(ln, std::to_string(f.size()) +
                         " fields; an EPW data row has 35 (year, month, day, hour, minute, data "
                         "source flags, dry-bulb, dew point, relative humidity, station pressure, "
                         "..., liquid precipitation quantity): fix or complete the row");
    const auto m = to_int(f[1]), d = to_int(f[2]), h = to_int(f[3]);
    if (!m || !d || !h)
      throw fail(ln, "month, day and hour (fields 2 to 4) must be whole numbers, found '" +
                         std::string(f[1]) + "', '" + std::string(f[2]) + "', '" +
                         std::string(f[3]) + "'; fix the row");
    if (done)
      throw fail(ln,
                 "more than 8,760 hourly rows (8,784 in a leap year): the year already ended "
                 "with 31 December hour 24; remove the extra rows");
    if (*m == 2 && *d == 29 && month == 3 && day == 1 && hour == 1 && *h == feb29_hour + 1) {
      leap = true;
      ++feb29_hour;
      last_data_line = ln;
      continue;  // 29 February: dropped (a series holds a non-leap year)
    }
    if (*m != month || *d != day || *h != hour)
      throw fail(ln, "found month " + std::to_string(*m) + " day " + std::to_string(*d) + " hour " +
                         std::to_string(*h) + " where month " + std::to_string(month) + " day " +
                         std::to_string(day) + " hour " + std::to_string(hour) +
                         " was expected: the rows must hold every hour of one year in order "
                         "(hour 1 to 24); fix the row or the missing rows before it");
    for (std::size_t k = 0; k < kFields.size(); ++k) {
      const EpwField& fd = kFields[k];
      const std::string_view t = f[static_cast<std::size_t>(fd.index)];
      double v = kNaN;
      if (!t.empty()) {
        const auto x = to_double(t);
        if (!x)
          throw fail(ln, "field " + std::to_string(fd.index + 1) + " (" + fd.what + ") '" +
                             std::string(t) + "' is not a number; write the value, or " +
                             fd.missing + " where it is missing");
        if (*x < fd.missing_at) {
          if (*x < fd.lo || *x > fd.hi)
            throw fail(ln, "field " + std::to_string(fd.index + 1) + " (" + fd.what + ") " +
                               fmt(*x) + " is outside " + fmt(fd.lo) + " to " + fmt(fd.hi) +
                               "; fix the value, or write " + fd.missing + " where it is missing");
          v = *x;
        }
      }
      raw[k].push_back(v);
    }
    last_data_line = ln;
    if (++hour > 24) {
      hour = 1;
      if (++day > kDaysInMonth[static_cast<std::size_t>(month - 1)]) {
        day = 1;
        if (++month > 12) done = true;
      }
    }
  }
  if (!done)
    throw fail(last_data_line, "the file ends after " + std::to_string(raw[0].size()) +
                                   " hourly rows (next "
                                   "expected: month " +
                                   std::to_string(month) + " day " + std::to_string(day) +
                                   " hour " + std::to_string(hour) +
                                   "); an EPW year has 8,760 rows (8,784 in a leap "
                                   "year): complete the year");

  // RH from dry-bulb and dew point where only RH is missing.
  std::size_t rh_computed = 0;
  for (std::size_t i = 0; i < raw[2].size(); ++i) {
    if (std::isnan(raw[2][i]) && !std::isnan(raw[0][i]) && !std::isnan(raw[1][i])) {
      raw[2][i] = 100.0 * std::min(1.0, model::thermal::saturation_pressure_pa(raw[1][i]) /
                                            model::thermal::saturation_pressure_pa(raw[0][i]));
      ++rh_computed;
    }
  }
  // Other gaps: the previous hour's value, as EnergyPlus does (the next good one at the start).
  std::string filled;
  for (std::size_t k = 0; k < raw.size(); ++k) {
    if (k == 1) continue;  // the dew point is not used beyond RH
    auto& v = raw[k];
    const auto first = std::find_if(v.begin(), v.end(), [](double x) { return !std::isnan(x); });
    if (first == v.end())
      throw WeatherError(source + ": every " + kFields[k].what + " value is missing (" +
                         kFields[k].missing + "); the file cannot be used: take a complete one");
    std::size_t n = 0;
    double last = *first;
    for (double& x : v) {
      if (std::isnan(x)) {
        x = last;
        ++n;
      } else {
        last = x;
      }
    }
    if (n > 0) filled += (filled.empty() ? "" : ", ") + std::to_string(n) + " " + kFields[k].what;
  }
  if (leap) s.source += "; leap year: 29 February dropped";
  if (rh_computed > 0)
    s.source += "; " + std::to_string(rh_computed) +
                " missing relative humidity values computed from dry-bulb and dew point";
  if (!filled.empty()) s.source += "; missing values replaced by the previous hour's: " + filled;

  s.dry_bulb_c = std::move(raw[0]);
  s.rh.resize(s.dry_bulb_c.size());
  for (std::size_t i = 0; i < s.rh.size(); ++i) s.rh[i] = std::min(raw[2][i], 100.0) / 100.0;
  s.pressure_pa = std::move(raw[3]);
  ms::compute_wet_bulb(s);
  return s;
}

ms::WeatherSeries read_epw(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw WeatherError(path + ": cannot be opened; check the path (an EnergyPlus .epw file)");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw WeatherError(path + ": read error; check the file");
  return parse_epw(ss.str(), path);
}

std::vector<Climate> parse_climates(std::string_view json_text, const std::string& source) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::parse_error& e) {
    throw WeatherError(source + ": not valid JSON (" + e.what() + "); fix the syntax");
  }
  auto fail = [&](const std::string& ptr, const std::string& what) -> WeatherError {
    return WeatherError(source + ": " + (ptr.empty() ? std::string("top level") : ptr) + ": " +
                        what);
  };
  if (!doc.is_object() || !doc.contains("schema") || doc["schema"] != "dctwin-climates/1")
    throw fail("/schema", "must be \"dctwin-climates/1\"");
  if (!doc.contains("sources") || !doc["sources"].is_object())
    throw fail("/sources", "needs an object of sources {id: {title, url, date}}");
  for (const auto& [id, src] : doc["sources"].items())
    if (!src.is_object() || !src.contains("title") || !src.contains("date"))
      throw fail("/sources/" + id, "needs a title and a date");
  auto check_source = [&](const json& j, const std::string& ptr) {
    if (!j.contains("source") || !j["source"].is_string())
      throw fail(ptr + "/source", "missing: every number needs its source (a key of /sources)");
    const std::string text = j["source"];
    const std::string key = text.substr(0, text.find_first_of(" :("));
    if (!doc["sources"].contains(key))
      throw fail(ptr + "/source", "'" + key + "' is not a key of /sources; add it there");
  };
  if (!doc.contains("climates") || !doc["climates"].is_array())
    throw fail("/climates", "needs an array of climates");
  std::vector<Climate> out;
  for (std::size_t i = 0; i < doc["climates"].size(); ++i) {
    const json& c = doc["climates"][i];
    const std::string p = "/climates/" + std::to_string(i);
    auto number = [&](const char* key) {
      if (!c.contains(key) || !c[key].is_number()) throw fail(p + "/" + key, "needs a number");
      return c[key].get<double>();
    };
    auto months = [&](const char* key) {
      const std::string kp = p + "/" + key;
      if (!c.contains(key) || !c[key].is_object() || !c[key].contains("values") ||
          !c[key]["values"].is_array() || c[key]["values"].size() != 12)
        throw fail(kp, "needs {\"values\": [12 monthly numbers, January first], \"source\"}");
      check_source(c[key], kp);
      std::array<double, 12> v{};
      for (std::size_t m = 0; m < 12; ++m) {
        if (!c[key]["values"][m].is_number())
          throw fail(kp + "/values/" + std::to_string(m), "needs a number");
        v[m] = c[key]["values"][m].get<double>();
      }
      return v;
    };
    Climate cl;
    if (!c.is_object() || !c.contains("id") || !c["id"].is_string() || !c.contains("name") ||
        !c["name"].is_string())
      throw fail(p, "needs \"id\" and \"name\" strings");
    cl.id = c["id"];
    for (const auto& other : out)
      if (other.id == cl.id) throw fail(p + "/id", "'" + cl.id + "' appears twice; rename one");
    auto& n = cl.normals;
    n.name = c["name"];
    n.latitude_deg = number("latitude_deg");
    n.longitude_deg = number("longitude_deg");
    n.elevation_m = number("elevation_m");
    if (!c.contains("seed") || !c["seed"].is_number_unsigned())
      throw fail(p + "/seed", "needs a whole number >= 0 (the seed of the day-to-day variation)");
    n.seed = c["seed"].get<std::uint64_t>();
    const auto tmax = months("mean_max_c"), tmin = months("mean_min_c");
    const auto rh = months("mean_rh_pct"), sd = months("day_sd_k");
    for (std::size_t m = 0; m < 12; ++m) {
      if (tmax[m] <= tmin[m])
        throw fail(p + "/mean_max_c/values/" + std::to_string(m),
                   "mean maximum must be above the mean minimum of the same month");
      n.mean_dry_bulb_c[m] = 0.5 * (tmax[m] + tmin[m]);
      n.daily_range_k[m] = tmax[m] - tmin[m];
      n.mean_rh[m] = rh[m] / 100.0;
      n.day_sd_k[m] = sd[m];
    }
    std::string keys;
    for (const char* k : {"mean_max_c", "mean_min_c", "mean_rh_pct"}) {
      const std::string s = c[k]["source"];
      if (keys.find(s) == std::string::npos) keys += (keys.empty() ? "" : "; ") + s;
    }
    n.source = keys;
    if (c.contains("design_dry_bulb_0_4_c")) {
      const json& d = c["design_dry_bulb_0_4_c"];
      if (!d.is_object() || !d.contains("value") || !d["value"].is_number())
        throw fail(p + "/design_dry_bulb_0_4_c", "needs {\"value\", \"source\"}");
      check_source(d, p + "/design_dry_bulb_0_4_c");
      cl.reference_design_dry_bulb_c = d["value"].get<double>();
    }
    out.push_back(std::move(cl));
  }
  std::sort(out.begin(), out.end(), [](const Climate& a, const Climate& b) { return a.id < b.id; });
  return out;
}

const std::vector<Climate>& builtin_climate_list() {
  static const std::vector<Climate> list = [] {
    std::vector<Climate> all;
    for (const auto& [name, text] : resources::weather_files()) {
      auto part = parse_climates(text, "resources/weather/" + std::string(name));
      for (auto& c : part) all.push_back(std::move(c));
    }
    std::sort(all.begin(), all.end(),
              [](const Climate& a, const Climate& b) { return a.id < b.id; });
    return all;
  }();
  return list;
}

std::vector<std::string> builtin_climates() {
  std::vector<std::string> ids;
  for (const auto& c : builtin_climate_list()) ids.push_back(c.id);
  return ids;
}

ms::WeatherSeries builtin_weather(const std::string& name) {
  std::string key = name;
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  for (const auto& c : builtin_climate_list())
    if (c.id == key) return ms::synthetic_year(c.normals);
  std::string ids;
  for (const auto& id : builtin_climates()) ids += (ids.empty() ? "" : ", ") + id;
  throw WeatherError("unknown climate '" + name + "': choose one of " + ids +
                     ", or give an EPW file (*.epw)");
}

}  // namespace dctwin::data
