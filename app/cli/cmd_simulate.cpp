// dctwin-cli simulate: runs a built-in scenario (model/scenario/engine.h) on a site.
#include <cctype>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <numbers>
#include <string_view>

#include "app/cli/commands.h"
#include "data/open_project.h"
#include "data/results_store.h"
#include "data/scenario_store.h"
#include "data/weather_io.h"
#include "model/scenario/engine.h"

namespace dctwin::app::cli {

namespace {

using nlohmann::json;
namespace sc = model::scenario;

// Stage changes to stderr.
class StderrProgress : public model::Progress {
 public:
  explicit StderrProgress(std::ostream& err) : err_(err) {}
  void report(double fraction, std::string_view stage) override {
    if (stage == last_) return;
    last_ = std::string(stage);
    err_ << "simulate: " << stage << " (" << std::lround(100 * fraction) << " %)\n";
  }

 private:
  std::ostream& err_;
  std::string last_;
};

// Great-circle distance in radians.
double central_angle(double lat1, double lon1, double lat2, double lon2) {
  const double d2r = std::numbers::pi / 180.0;
  const double p1 = lat1 * d2r, p2 = lat2 * d2r, dl = (lon2 - lon1) * d2r;
  const double c = std::sin(p1) * std::sin(p2) + std::cos(p1) * std::cos(p2) * std::cos(dl);
  return std::acos(std::clamp(c, -1.0, 1.0));
}

json profile_json(const sc::LoadProfile& p) {
  if (const auto* c = std::get_if<sc::ConstantProfile>(&p))
    return {{"kind", "constant"}, {"utilisation", c->utilisation}};
  if (const auto* d = std::get_if<sc::DiurnalProfile>(&p))
    return {{"kind", "diurnal"},
            {"mean", d->mean},
            {"amplitude", d->amplitude},
            {"peak_hour", d->peak_hour}};
  json j = data::training_profile_json(std::get<sc::TrainingProfile>(p));
  j["kind"] = "training";
  return j;
}

json scenario_json(const sc::Scenario& s) {
  json j{{"name", s.name},
         {"description", s.description},
         {"horizon_s", s.horizon_s},
         {"step_s", s.step_s},
         {"load", profile_json(s.load)},
         {"smoothing", s.smoothing},
         {"smoothing_hysteresis_s", s.smoothing_hysteresis_s},
         {"tables",
          {{"elec_step", s.tables.elec_step},
           {"plant_frac_step", s.tables.plant_frac_step},
           {"plant_temp_step_k", s.tables.plant_temp_step_k}}}};
  if (const auto* c = std::get_if<sc::ConstantWeather>(&s.weather))
    j["weather"] = {{"kind", "constant"},
                    {"dry_bulb_c", c->dry_bulb_c},
                    {"wet_bulb_c", c->wet_bulb_c},
                    {"pressure_pa", c->pressure_pa}};
  else {
    const auto& w = std::get<sc::WeatherSeries>(s.weather);
    j["weather"] = {
        {"kind", "series"}, {"name", w.name}, {"source", w.source}, {"hours", w.hours()}};
  }
  if (s.battery)
    j["battery"] = {{"capacity_wh", s.battery->capacity_wh},
                    {"max_charge_w", s.battery->max_charge_w},
                    {"max_discharge_w", s.battery->max_discharge_w},
                    {"round_trip_eff", s.battery->round_trip_eff},
                    {"soc_min", s.battery->soc_min},
                    {"soc_max", s.battery->soc_max},
                    {"soc_initial", s.battery->soc_initial},
                    {"recovery_s", s.battery->recovery_s},
                    {"grid_ramp_limit_mw_per_s", s.battery->grid_ramp_w_per_s / 1e6}};
  else
    j["battery"] = nullptr;
  json ev = json::array();
  for (const auto& e : s.events)
    ev.push_back({{"kind", sc::to_string(e.kind)},
                  {"target", e.target == model::kNoId ? json(nullptr) : json(e.target)},
                  {"t0_s", e.t0_s},
                  {"duration_s", e.duration_s ? json(*e.duration_s) : json(nullptr)}});
  j["events"] = ev;
  json hp = json::array();
  for (const auto& h : s.hall_profiles)
    hp.push_back({{"hall", h.hall_id}, {"load", profile_json(h.load)}});
  j["hall_profiles"] = hp;
  j["snapshots_s"] = s.snapshot_times_s;
  j["air_model_at_snapshots"] = s.air_model_at_snapshots;
  return j;
}

json opt_json(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json events_json(const std::vector<sc::EventResult>& events) {
  json a = json::array();
  for (const auto& e : events) {
    json j{{"kind", sc::to_string(e.kind)},
           {"target", e.target == model::kNoId ? json(nullptr) : json(e.target)},
           {"t0_s", e.t0_s},
           {"end_s", e.end_s},
           {"racks_lost", e.racks_lost},
           {"explanation", e.explanation}};
    switch (e.kind) {
      case sc::EventKind::UtilityLoss:
        j["generators"] = e.generators;
        j["generator_start_s"] = e.generator_start_s;
        j["bridge_s"] = e.bridge_s;
        j["bridge_energy_wh"] = e.bridge_energy_wh;
        j["min_ups_margin_s"] = opt_json(e.min_ups_margin_s);
        j["min_margin_ups"] =
            e.min_margin_ups == model::kNoId ? json(nullptr) : json(e.min_margin_ups);
        j["ups_depleted"] = e.ups_depleted;
        j["generator_peak_loading_pct"] = e.generator_peak_loading_pct;
        j["generator_energy_wh"] = e.generator_energy_wh;
        j["fuel_l"] = e.fuel_l;
        j["storage_energy_wh"] = e.storage_energy_wh;
        j["storage_depleted"] = e.storage_depleted;
        j["cooling_units_stopped"] = e.cooling_units_stopped;
        j["plant_running_s"] = opt_json(e.plant_running_s);
        j["racks_without_power"] = e.racks_without_power;
        j["racks_over_limit"] = e.racks_over_limit;
        {
          json media = json::array();
          for (const auto& m : e.media)
            media.push_back({{"medium", m.medium},
                             {"target", m.target},
                             {"start_c", m.start_c},
                             {"peak_c", m.peak_c},
                             {"limit", m.limit},
                             {"limit_c", m.limit_c},
                             {"time_to_limit_s", opt_json(m.time_to_limit_s)},
                             {"racks_affected", m.racks_affected}});
          j["media"] = media;
          json cascade = json::array();
          for (const auto& k : e.cascade)
            cascade.push_back({{"t_s", k.t_s},
                               {"what", k.what},
                               {"detail", k.detail},
                               {"units", k.units},
                               {"entities", k.entities}});
          j["cascade"] = cascade;
        }
        break;
      case sc::EventKind::ChillerTrip:
        j["time_to_recommended_s"] = opt_json(e.time_to_recommended_s);
        j["time_to_allowable_s"] = opt_json(e.time_to_allowable_s);
        j["recovered"] = e.recovered;
        j["unbalance_w"] = e.unbalance_w;
        j["thermal_mass_j_per_k"] = e.thermal_mass_j_per_k;
        j["start_c"] = e.start_c;
        j["peak_c"] = e.peak_c;
        break;
      case sc::EventKind::ComponentOutage:
        j["worst_loading_pct"] = e.worst_loading_pct;
        j["worst_loading_entity"] =
            e.worst_loading_entity == model::kNoId ? json(nullptr) : json(e.worst_loading_entity);
        break;
    }
    a.push_back(j);
  }
  return a;
}

}  // namespace

int cmd_simulate(const SimulateOptions& o, std::ostream& out, std::ostream& err) {
  const auto names = sc::builtin_scenario_names();
  const bool builtin = std::find(names.begin(), names.end(), o.scenario) != names.end();
  if (!o.climate.empty() && !o.epw.empty()) {
    err << "error: give either --climate or --epw, not both\n";
    return kExitUsage;
  }
  data::Project p;
  try {
    p = data::open_project(o.file);
  } catch (const std::exception& e) {
    if (!builtin) {  // the scenario may be stored in the file: say both
      err << "error: unknown scenario '" << o.scenario << "' (not built in) and " << e.what()
          << "\n";
      return kExitUsage;
    }
    err << "error: " << e.what() << "\n";
    return kExitFile;
  }
  // A scenario stored in the project file takes precedence over the built-in of that name.
  const data::StoredScenario* stored = nullptr;
  for (const auto& c : p.scenarios)
    if (c.name == o.scenario) stored = &c;
  if (!stored && !builtin) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    for (const auto& c : p.scenarios)
      if (std::find(names.begin(), names.end(), c.name) == names.end()) list += ", " + c.name;
    err << "error: unknown scenario '" << o.scenario << "': choose one of " << list << "\n";
    return kExitUsage;
  }
  if (refuse_invalid(p, o.file, "simulate", err)) return kExitInvalid;
  std::optional<sc::WeatherSeries> weather;
  if (stored && stored->weather_kind != "constant") {
    // Its own climate or EPW file, unless --climate or --epw replaces it.
    try {
      if (!o.epw.empty()) weather = data::read_epw(o.epw);
    } catch (const std::exception& e) {
      err << "error: " << e.what() << "\n";
      return kExitFile;
    }
    try {
      if (!o.climate.empty()) weather = data::builtin_weather(o.climate);
    } catch (const std::exception& e) {
      err << "error: " << e.what() << "\n";
      return kExitUsage;
    }
  } else if (stored) {
    if (!o.climate.empty() || !o.epw.empty())
      err << "note: --climate and --epw apply to scenarios with a weather year; " << o.scenario
          << " uses a constant weather\n";
  } else if (o.scenario == "annual") {
    if (!o.epw.empty()) {
      try {
        weather = data::read_epw(o.epw);
      } catch (const std::exception& e) {
        err << "error: " << e.what() << "\n";
        return kExitFile;
      }
    } else {
      std::string climate = o.climate;
      if (climate.empty()) {  // the nearest built-in climate to the site
        double best = 1e9;
        for (const auto& c : data::builtin_climate_list()) {
          const double d =
              central_angle(p.site.location.latitude_deg, p.site.location.longitude_deg,
                            c.normals.latitude_deg, c.normals.longitude_deg);
          if (d < best) {
            best = d;
            climate = c.id;
          }
        }
      }
      try {
        weather = data::builtin_weather(climate);
      } catch (const std::exception& e) {
        err << "error: " << e.what() << "\n";
        return kExitUsage;
      }
    }
  } else if (!o.climate.empty() || !o.epw.empty()) {
    err << "note: --climate and --epw apply to the annual scenario; " << o.scenario
        << " uses the site's design weather\n";
  }
  sc::Scenario scenario;
  sc::SimulationResult r;
  try {
    scenario = stored ? data::to_scenario(*stored, weather)
                      : sc::make_builtin_scenario(o.scenario, p.site, p.catalog, weather);
    if (const auto* w = std::get_if<sc::WeatherSeries>(&scenario.weather)) weather = *w;
    StderrProgress progress(err);
    r = sc::simulate(p.site, p.catalog, scenario, &progress);
  } catch (const data::WeatherError& e) {  // a stored scenario's EPW file or climate
    err << "error: " << o.file << ": scenario " << o.scenario << ": " << e.what() << "\n";
    return kExitFile;
  } catch (const std::invalid_argument& e) {
    err << "error: " << o.file << ": " << e.what() << "\n";
    return kExitInvalid;
  }
  // The run goes into the project file (not into a JSON exchange file) unless --no-store.
  if (!o.no_store && !data::is_json_path(o.file)) {
    try {
      const std::int64_t run = data::store_simulation_results(o.file, r);
      err << "simulate: stored as run " << run << " (result_run kind simulation:" << r.scenario
          << ")\n";
    } catch (const std::exception& e) {
      err << "error: " << e.what() << "\n";
      return kExitFile;
    }
  }
  const double hours = r.grid.end_s() / 3600.0;
  if (o.json) {
    json j{{"file", o.file},
           {"scenario", scenario_json(scenario)},
           {"steps", r.grid.steps},
           {"hours", hours},
           {"design_it_w", r.design_it_w},
           {"energy_it_wh", r.energy_it_wh},
           {"energy_losses_wh", r.energy_losses_wh},
           {"energy_cooling_wh", r.energy_cooling_wh},
           {"energy_facility_wh", r.energy_facility_wh},
           {"energy_grid_wh", r.energy_grid_wh},
           {"energy_standby_wh", r.energy_standby_wh},
           {"energy_battery_delta_wh", r.energy_battery_delta_wh},
           {"battery_soc_change_wh", r.battery_soc_change_wh},
           {"battery_losses_wh", r.battery_losses_wh},
           {"battery_cycles", r.battery_cycles},
           {"peak_grid_import_w", r.peak_grid_import_w},
           {"import_cap_w", r.import_cap_w},
           {"peak_grid_import_uncapped_w", r.peak_grid_import_uncapped_w},
           {"max_ramp_mw_per_s", r.max_ramp_mw_per_s},
           {"max_it_ramp_mw_per_s", r.max_it_ramp_mw_per_s},
           {"dynamic_range_w", r.dynamic_range_w},
           {"window_dynamic_range_w", r.window_dynamic_range_w},
           {"band_energy_w2s", r.band_energy_w2s},
           {"band_rms_w", r.band_rms_w},
           {"pue", r.pue},
           {"water_l", r.water_l},
           {"wue_l_per_kwh", r.wue_l_per_kwh},
           {"hours_above_recommended", r.hours_above_recommended},
           {"hours_free_cooling", r.hours_free_cooling},
           {"snapshot_racks_above_recommended", r.snapshot_racks_above_recommended},
           {"smoothing_extra_energy_wh", r.smoothing_extra_energy_wh},
           {"converged", r.converged},
           {"elec_solves", r.elec_solves},
           {"plant_solves", r.plant_solves},
           {"events", events_json(r.events)},
           {"run_s", r.run_s}};
    for (const auto& [key, set] :
         {std::make_pair("halls", &r.halls), std::make_pair("buildings", &r.buildings)}) {
      json a = json::array();
      for (const auto& es : *set) {
        json e{{key == std::string("halls") ? "hall" : "building", es.id},
               {"design_it_w", es.design_it_w},
               {"energy_it_wh", es.energy_it_wh},
               {"energy_losses_wh", es.energy_losses_wh},
               {"peak_it_w", es.peak_it_w}};
        if (!es.cooling_w.empty()) e["energy_cooling_wh"] = es.energy_cooling_wh;
        a.push_back(e);
      }
      j[key] = a;
    }
    json blocks = json::array();
    for (const auto& es : r.blocks)
      blocks.push_back({{"block", es.id},
                        {"energy_it_wh", es.energy_it_wh},
                        {"energy_losses_wh", es.energy_losses_wh},
                        {"peak_it_w", es.peak_it_w}});
    j["blocks"] = blocks;
    json snaps = json::array();
    for (const auto& sn : r.snapshots) {
      json e{{"t_s", sn.t_s}, {"step", sn.step}};
      if (!sn.inlet_c.empty()) {  // hall air model run at this snapshot
        e["max_rack_inlet_c"] =
            std::isfinite(sn.max_rack_inlet_c) ? json(sn.max_rack_inlet_c) : json(nullptr);
        e["racks_outside_recommended"] = sn.racks_outside_recommended;
      }
      snaps.push_back(e);
    }
    j["snapshots"] = snaps;
    out << j.dump() << "\n";
  } else {
    auto mwh = [](double wh) {
      std::ostringstream s;
      s << std::fixed << std::setprecision(1) << wh / 1e6 << " MWh";
      return s.str();
    };
    out << std::fixed << std::setprecision(1);
    out << "Scenario " << r.scenario << ": " << scenario.description << "\n"
        << "  " << r.grid.steps << " steps of " << scenario.step_s << " s (" << hours << " h)";
    if (weather) out << ", weather " << weather->name;
    out << "\n"
        << "Energy:  IT " << mwh(r.energy_it_wh) << ", losses " << mwh(r.energy_losses_wh)
        << ", cooling " << mwh(r.energy_cooling_wh) << ", grid " << mwh(r.energy_grid_wh) << "\n"
        << std::setprecision(3) << "Peak grid import: " << r.peak_grid_import_w / 1e6 << " MW"
        << (r.import_cap_w > 0
                ? " (import cap " + std::to_string(int(r.import_cap_w / 1e6)) + " MW; " +
                      std::to_string(int(r.peak_grid_import_uncapped_w / 1e6)) + " MW without it)"
                : std::string())
        << "\n"
        << "Max grid ramp:    " << r.max_ramp_mw_per_s << " MW/s (IT " << r.max_it_ramp_mw_per_s
        << " MW/s)\n"
        << std::setprecision(4) << "PUE (energy-weighted): " << r.pue << "\n"
        << std::setprecision(3) << "WUE: " << r.wue_l_per_kwh << " l/kWh (" << std::setprecision(0)
        << r.water_l / 1000.0 << " m3)\n"
        << std::setprecision(1)
        << "Hours with the plant off its setpoint: " << r.hours_above_recommended << "\n"
        << "Hours of free cooling (economizer, chillers off): " << r.hours_free_cooling << "\n"
        << "Racks above the ASHRAE recommended inlet at a snapshot: "
        << r.snapshot_racks_above_recommended << "\n"
        << std::setprecision(3) << "Battery cycles: " << r.battery_cycles
        << (scenario.battery ? "" : " (no battery)") << "\n"
        << "Smoothing extra energy: " << mwh(r.smoothing_extra_energy_wh) << "\n";
    for (const auto& e : r.events) {
      out << "Event " << sc::to_string(e.kind) << ": " << e.explanation << "\n";
      for (const auto& k : e.cascade)
        out << "  " << std::setw(8) << std::setprecision(1) << k.t_s << " s  " << k.what << ": "
            << k.detail << "\n";
    }
    out << "Run: " << r.elec_solves << " electrical and " << r.plant_solves << " plant solves, "
        << r.run_s << " s\n";
  }
  if (!r.converged) {
    err << "error: a power flow of the response table did not converge\n";
    return kExitSolver;
  }
  return kExitOk;
}

}  // namespace dctwin::app::cli
