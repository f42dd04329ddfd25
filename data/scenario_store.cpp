#include "data/scenario_store.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numbers>
#include <stdexcept>

#include "data/weather_io.h"

namespace dctwin::data {

namespace {

using nlohmann::json;
namespace sc = model::scenario;

[[noreturn]] void bad(const std::string& name, const std::string& what) {
  throw std::invalid_argument("scenario '" + name + "': " + what);
}

// A hall's profile in params_json "hall_profiles": {"hall", "kind", ...its parameters}.
json hall_profile_json(const sc::HallProfile& h) {
  json j{{"hall", h.hall_id}};
  if (const auto* k = std::get_if<sc::ConstantProfile>(&h.load)) {
    j["kind"] = "constant";
    j["utilisation"] = k->utilisation;
  } else if (const auto* d = std::get_if<sc::DiurnalProfile>(&h.load)) {
    j["kind"] = "diurnal";
    j["mean"] = d->mean;
    j["amplitude"] = d->amplitude;
    j["peak_hour"] = d->peak_hour;
  } else {
    j.update(training_profile_json(std::get<sc::TrainingProfile>(h.load)));
    j["kind"] = "training";
  }
  return j;
}

sc::HallProfile hall_profile_from(const std::string& scenario, const json& j) {
  sc::HallProfile h;
  h.hall_id = j.at("hall").get<model::Id>();
  const std::string kind = j.value("kind", std::string("constant"));
  if (kind == "constant") {
    h.load = sc::ConstantProfile{j.value("utilisation", 1.0)};
  } else if (kind == "diurnal") {
    sc::DiurnalProfile d;
    d.mean = j.value("mean", d.mean);
    d.amplitude = j.value("amplitude", d.amplitude);
    d.peak_hour = j.value("peak_hour", d.peak_hour);
    h.load = d;
  } else if (kind == "training") {
    sc::TrainingProfile t;
    t.iteration_s = j.value("iteration_s", t.iteration_s);
    t.compute_duty = j.value("compute_duty", t.compute_duty);
    t.compute_util = j.value("compute_util", t.compute_util);
    t.comm_util = j.value("comm_util", t.comm_util);
    t.checkpoint_interval_s = j.value("checkpoint_interval_s", t.checkpoint_interval_s);
    t.checkpoint_duration_s = j.value("checkpoint_duration_s", t.checkpoint_duration_s);
    t.checkpoint_util = j.value("checkpoint_util", t.checkpoint_util);
    t.idle_util = j.value("idle_util", t.idle_util);
    t.start_s = j.value("start_s", t.start_s);
    if (j.contains("stop_s") && !j["stop_s"].is_null()) t.stop_s = j["stop_s"].get<double>();
    t.start_ramp_s = j.value("start_ramp_s", t.start_ramp_s);
    t.stop_ramp_s = j.value("stop_ramp_s", t.stop_ramp_s);
    t.mtbf_s = j.value("mtbf_s", t.mtbf_s);
    t.restart_s = j.value("restart_s", t.restart_s);
    t.seed = j.value("seed", t.seed);
    h.load = t;
  } else {
    bad(scenario, "hall_profiles kind '" + kind + "' is not one of constant, diurnal, training");
  }
  return h;
}

}  // namespace

StoredScenario to_stored(const sc::Scenario& s, const std::string& weather_kind,
                         const std::string& weather_source) {
  StoredScenario c;
  c.name = s.name;
  c.description = s.description;
  c.horizon_s = s.horizon_s;
  c.step_s = s.step_s;
  json p = json::object();
  json load = json::object();
  if (const auto* k = std::get_if<sc::ConstantProfile>(&s.load)) {
    c.load_kind = "constant";
    c.load_mean = k->utilisation;
  } else if (const auto* d = std::get_if<sc::DiurnalProfile>(&s.load)) {
    c.load_kind = "diurnal";
    c.load_mean = d->mean;
    c.load_amplitude = d->amplitude;
    load["peak_hour"] = d->peak_hour;
  } else {
    const auto& t = std::get<sc::TrainingProfile>(s.load);
    c.load_kind = "training";
    c.load_mean = t.compute_util;
    // compute_util is the typed column load_mean.
    load = training_profile_json(t);
    load.erase("compute_util");
  }
  p["load"] = load;
  if (const auto* w = std::get_if<sc::ConstantWeather>(&s.weather)) {
    c.weather_kind = "constant";
    c.dry_bulb_c = w->dry_bulb_c;
    c.wet_bulb_c = w->wet_bulb_c;
    p["weather"] = {{"pressure_pa", w->pressure_pa}};
  } else {
    if (weather_kind != "climate" && weather_kind != "epw")
      bad(s.name,
          "an hourly weather series is stored as a reference: give its climate or EPW file");
    c.weather_kind = weather_kind;
    c.weather_source = weather_source;
    p["weather"] = json::object();
  }
  c.smoothing = s.smoothing;
  p["smoothing_hysteresis_s"] = s.smoothing_hysteresis_s;
  if (s.battery) {
    const auto& b = *s.battery;
    c.battery_power_w = b.max_discharge_w;
    c.battery_energy_wh = b.capacity_wh;
    c.battery_ramp_w_per_s = b.grid_ramp_w_per_s;
    p["battery"] = {{"max_charge_w", b.max_charge_w}, {"round_trip_eff", b.round_trip_eff},
                    {"soc_min", b.soc_min},           {"soc_max", b.soc_max},
                    {"soc_initial", b.soc_initial},   {"soc_target", b.soc_target},
                    {"recovery_s", b.recovery_s},     {"import_cap_w", b.import_cap_w}};
  } else {
    p["battery"] = nullptr;
  }
  p["tables"] = {{"elec_step", s.tables.elec_step},
                 {"plant_frac_step", s.tables.plant_frac_step},
                 {"plant_temp_step_k", s.tables.plant_temp_step_k},
                 {"threads", s.tables.threads}};
  json ev = json::array();
  for (const auto& e : s.events)
    ev.push_back({{"kind", sc::to_string(e.kind)},
                  {"target", e.target == model::kNoId ? json(nullptr) : json(e.target)},
                  {"t0_s", e.t0_s},
                  {"duration_s", e.duration_s ? json(*e.duration_s) : json(nullptr)}});
  p["events"] = ev;
  if (!s.hall_profiles.empty()) {
    json hp = json::array();
    for (const auto& h : s.hall_profiles) hp.push_back(hall_profile_json(h));
    p["hall_profiles"] = hp;
  }
  if (!s.snapshot_times_s.empty()) p["snapshots_s"] = s.snapshot_times_s;
  if (!s.air_model_at_snapshots) p["air_model_at_snapshots"] = false;
  c.params_json = p.dump();
  return c;
}

sc::Scenario to_scenario(const StoredScenario& c, const std::optional<sc::WeatherSeries>& weather) {
  json p;
  try {
    p = json::parse(c.params_json);
  } catch (const json::exception& e) {
    bad(c.name, std::string("params_json is not JSON (") + e.what() + ")");
  }
  if (!p.is_object()) bad(c.name, "params_json is not a JSON object");
  sc::Scenario s;
  s.name = c.name;
  s.description = c.description;
  s.horizon_s = c.horizon_s;
  s.step_s = c.step_s;
  try {
    const json load = p.value("load", json::object());
    if (c.load_kind == "constant") {
      s.load = sc::ConstantProfile{c.load_mean};
    } else if (c.load_kind == "diurnal") {
      sc::DiurnalProfile d;
      d.mean = c.load_mean;
      d.amplitude = c.load_amplitude;
      d.peak_hour = load.value("peak_hour", d.peak_hour);
      s.load = d;
    } else if (c.load_kind == "training") {
      sc::TrainingProfile t;
      t.compute_util = c.load_mean;
      t.iteration_s = load.value("iteration_s", t.iteration_s);
      t.compute_duty = load.value("compute_duty", t.compute_duty);
      t.comm_util = load.value("comm_util", t.comm_util);
      t.checkpoint_interval_s = load.value("checkpoint_interval_s", t.checkpoint_interval_s);
      t.checkpoint_duration_s = load.value("checkpoint_duration_s", t.checkpoint_duration_s);
      t.checkpoint_util = load.value("checkpoint_util", t.checkpoint_util);
      t.idle_util = load.value("idle_util", t.idle_util);
      t.start_s = load.value("start_s", t.start_s);
      if (load.contains("stop_s") && !load["stop_s"].is_null())
        t.stop_s = load["stop_s"].get<double>();
      t.start_ramp_s = load.value("start_ramp_s", t.start_ramp_s);
      t.stop_ramp_s = load.value("stop_ramp_s", t.stop_ramp_s);
      t.mtbf_s = load.value("mtbf_s", t.mtbf_s);
      t.restart_s = load.value("restart_s", t.restart_s);
      t.seed = load.value("seed", t.seed);
      s.load = t;
    } else {
      bad(c.name, "load_kind '" + c.load_kind + "' is not one of constant, diurnal, training");
    }
    const json w = p.value("weather", json::object());
    if (weather) {
      s.weather = *weather;
    } else if (c.weather_kind == "constant") {
      sc::ConstantWeather k;
      if (!c.dry_bulb_c || !c.wet_bulb_c)
        bad(c.name, "constant weather without dry_bulb_c and wet_bulb_c");
      k.dry_bulb_c = *c.dry_bulb_c;
      k.wet_bulb_c = *c.wet_bulb_c;
      k.pressure_pa = w.value("pressure_pa", k.pressure_pa);
      s.weather = k;
    } else if (c.weather_kind == "climate") {
      s.weather = builtin_weather(c.weather_source);
    } else if (c.weather_kind == "epw") {
      s.weather = read_epw(c.weather_source);
    } else {
      bad(c.name, "weather_kind '" + c.weather_kind + "' is not one of constant, climate, epw");
    }
    s.smoothing = c.smoothing;
    s.smoothing_hysteresis_s = p.value("smoothing_hysteresis_s", s.smoothing_hysteresis_s);
    if (c.battery_power_w || c.battery_energy_wh || c.battery_ramp_w_per_s) {
      if (!c.battery_power_w || !c.battery_energy_wh || !c.battery_ramp_w_per_s)
        bad(c.name, "a battery needs battery_power_w, battery_energy_wh and battery_ramp_w_per_s");
      sc::BatteryParams b;
      b.max_discharge_w = *c.battery_power_w;
      b.capacity_wh = *c.battery_energy_wh;
      b.grid_ramp_w_per_s = *c.battery_ramp_w_per_s;
      const json bj =
          p.contains("battery") && p["battery"].is_object() ? p["battery"] : json::object();
      b.max_charge_w = bj.value("max_charge_w", b.max_discharge_w);
      b.round_trip_eff = bj.value("round_trip_eff", b.round_trip_eff);
      b.soc_min = bj.value("soc_min", b.soc_min);
      b.soc_max = bj.value("soc_max", b.soc_max);
      b.soc_initial = bj.value("soc_initial", b.soc_initial);
      b.soc_target = bj.value("soc_target", b.soc_target);
      b.recovery_s = bj.value("recovery_s", b.recovery_s);
      b.import_cap_w = bj.value("import_cap_w", b.import_cap_w);  // stored before: no cap
      s.battery = b;
    }
    const json tb = p.value("tables", json::object());
    s.tables.elec_step = tb.value("elec_step", s.tables.elec_step);
    s.tables.plant_frac_step = tb.value("plant_frac_step", s.tables.plant_frac_step);
    s.tables.plant_temp_step_k = tb.value("plant_temp_step_k", s.tables.plant_temp_step_k);
    s.tables.threads = tb.value("threads", s.tables.threads);
    if (p.contains("events") && !p["events"].is_null()) {
      if (!p["events"].is_array()) bad(c.name, "params_json events is not an array");
      for (const json& e : p["events"]) {
        sc::ScenarioEvent ev;
        const std::string kind = e.at("kind").get<std::string>();
        bool known = false;
        for (auto k : {sc::EventKind::UtilityLoss, sc::EventKind::ChillerTrip,
                       sc::EventKind::ComponentOutage}) {
          if (kind == sc::to_string(k)) {
            ev.kind = k;
            known = true;
          }
        }
        if (!known)
          bad(c.name, "event kind '" + kind +
                          "' is not one of utility_loss, chiller_trip, component_outage");
        if (e.contains("target") && !e["target"].is_null())
          ev.target = e["target"].get<model::Id>();
        ev.t0_s = e.value("t0_s", ev.t0_s);
        if (e.contains("duration_s") && !e["duration_s"].is_null())
          ev.duration_s = e["duration_s"].get<double>();
        s.events.push_back(ev);
      }
    }
    if (p.contains("hall_profiles") && !p["hall_profiles"].is_null()) {
      if (!p["hall_profiles"].is_array()) bad(c.name, "params_json hall_profiles is not an array");
      for (const json& h : p["hall_profiles"])
        s.hall_profiles.push_back(hall_profile_from(c.name, h));
    }
    if (p.contains("snapshots_s") && !p["snapshots_s"].is_null())
      s.snapshot_times_s = p["snapshots_s"].get<std::vector<double>>();
    if (p.contains("air_model_at_snapshots") && !p["air_model_at_snapshots"].is_null())
      s.air_model_at_snapshots = p["air_model_at_snapshots"].get<bool>();
  } catch (const json::exception& e) {
    bad(c.name, std::string("params_json: ") + e.what());
  }
  return s;
}

std::string nearest_climate(double lat, double lon) {
  const double d2r = std::numbers::pi / 180.0;
  auto angle = [&](double lat2, double lon2) {
    const double p1 = lat * d2r, p2 = lat2 * d2r, dl = (lon2 - lon) * d2r;
    const double c = std::sin(p1) * std::sin(p2) + std::cos(p1) * std::cos(p2) * std::cos(dl);
    return std::acos(std::clamp(c, -1.0, 1.0));
  };
  std::string best_id;
  double best = 1e9;
  for (const auto& c : builtin_climate_list()) {
    const double d = angle(c.normals.latitude_deg, c.normals.longitude_deg);
    if (d < best) {
      best = d;
      best_id = c.id;
    }
  }
  return best_id;
}

std::vector<StoredScenario> builtin_stored_scenarios(const model::Site& site,
                                                     const model::Catalog& catalog) {
  std::vector<StoredScenario> out;
  const std::string climate =
      nearest_climate(site.location.latitude_deg, site.location.longitude_deg);
  for (const auto& name : sc::builtin_scenario_names()) {
    if (name == "annual") {
      out.push_back(
          to_stored(sc::make_builtin_scenario(name, site, catalog, builtin_weather(climate)),
                    "climate", climate));
    } else {
      out.push_back(to_stored(sc::make_builtin_scenario(name, site, catalog)));
    }
  }
  return out;
}

json training_profile_json(const sc::TrainingProfile& t) {
  return {{"iteration_s", t.iteration_s},
          {"compute_duty", t.compute_duty},
          {"compute_util", t.compute_util},
          {"comm_util", t.comm_util},
          {"checkpoint_interval_s", t.checkpoint_interval_s},
          {"checkpoint_duration_s", t.checkpoint_duration_s},
          {"checkpoint_util", t.checkpoint_util},
          {"idle_util", t.idle_util},
          {"start_s", t.start_s},
          {"stop_s", t.stop_s ? json(*t.stop_s) : json(nullptr)},
          {"start_ramp_s", t.start_ramp_s},
          {"stop_ramp_s", t.stop_ramp_s},
          {"mtbf_s", t.mtbf_s},
          {"restart_s", t.restart_s},
          {"seed", t.seed}};
}

}  // namespace dctwin::data
