#include "app/cli/commands.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "data/catalog_io.h"
#include "data/matpower.h"
#include "data/open_project.h"
#include "data/project_file.h"
#include "data/results_store.h"
#include "data/scenario_store.h"
#include "data/site_json.h"
#include "data/weather_io.h"
#include "model/electrical/ac_powerflow.h"
#include "model/electrical/contingency.h"
#include "model/electrical/site_power.h"
#include "model/facility/coupled.h"
#include "model/site/summary.h"
#include "model/site/templates.h"
#include "model/site/validation.h"
#include "model/thermal/plant.h"
#include "model/thermal/psychro.h"
#include "model/thermal/ridethrough.h"
#include "model/thermal/site_thermal.h"

namespace dctwin::app::cli {

namespace fs = std::filesystem;
using nlohmann::json;

bool open(const std::string& path, data::Project& p, std::ostream& err) {
  try {
    p = data::open_project(path);
    return true;
  } catch (const std::exception& e) {
    err << "error: " << e.what() << "\n";
    return false;
  }
}

bool refuse_overwrite(const std::string& path, bool force, std::ostream& err, const char* fix,
                      const std::vector<std::string>& inputs) {
  std::error_code ec;
  const fs::file_status link = fs::symlink_status(path, ec);
  if (fs::is_symlink(link)) {
    // Never written through: the link may point anywhere, out of the output folder included.
    err << "error: " << path
        << " is a symbolic link; dctwin does not write through links. Remove the link or " << fix
        << "\n";
    return true;
  }
  if (!fs::exists(link)) return false;
  for (const auto& in : inputs) {
    if (!in.empty() && fs::equivalent(path, in, ec) && !ec) {
      err << "error: " << path << " is the input " << in
          << "; an output never replaces an input, even with --force: " << fix << "\n";
      return true;
    }
  }
  if (fs::is_directory(link)) {
    err << "error: " << path << " is a folder, not a file: " << fix << "\n";
    return true;
  }
  if (!force) {
    err << "error: " << path << " exists; pass --force to overwrite it or " << fix << "\n";
    return true;
  }
  return false;
}

bool refuse_invalid(const data::Project& p, const std::string& file, const char* command,
                    std::ostream& err) {
  const auto problems = model::validate(p.site, p.catalog);
  const std::size_t errors = model::count_errors(problems);
  if (errors == 0) return false;
  // A site with errors is never solved as if it were valid: its results (negative IT power, a
  // PUE below 1) would read as answers.
  constexpr std::size_t kListed = 20;  // the rest through `validate`
  err << "error: " << file << ": the site has " << errors << " validation error"
      << (errors == 1 ? "" : "s") << "; " << command << " runs only on a valid site:\n";
  std::size_t shown = 0;
  for (const auto& pr : problems) {
    if (pr.severity != model::Severity::Error) continue;
    if (shown++ == kListed) break;
    err << "  [" << pr.code << "] " << pr.message << "\n    fix: " << pr.fix << "\n";
  }
  if (errors > kListed)
    err << "  ... and " << errors - kListed << " more: `dctwin-cli validate " << file
        << "` lists them all\n";
  return true;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

LongSolveProgress::LongSolveProgress(std::string command, std::ostream& err)
    : command_(std::move(command)), err_(err), t0_(std::chrono::steady_clock::now()) {}

void LongSolveProgress::report(double fraction, std::string_view stage) {
  const double t = seconds_since(t0_);
  if (t < kQuietS || (stage == last_stage_ && t - last_s_ < kEveryS)) return;
  last_stage_ = std::string(stage);
  last_s_ = t;
  err_ << command_ << ": " << stage << " " << std::lround(100 * std::clamp(fraction, 0.0, 1.0))
       << " % (" << std::lround(t) << " s)" << std::endl;
}

namespace {

std::string fmt_mw(double w) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(3) << w / 1e6 << " MW";
  return s.str();
}

json summary_json(const model::SiteSummary& s) {
  json j;
  j["name"] = s.name;
  j["buildings"] = s.buildings;
  j["halls"] = s.halls;
  j["rows"] = s.rows;
  j["racks"] = s.racks;
  j["it_power_w"] = s.it_power_w;
  j["elec_nodes_by_kind"] = s.elec_by_kind;
  j["elec_edges"] = s.elec_edges;
  j["cooling_by_kind"] = s.cooling_by_kind;
  j["redundancy_groups"] = s.redundancy_groups;
  json types = json::object();
  for (const auto& [type, n] : s.racks_by_type)
    types[type] = {{"racks", n}, {"it_power_w", s.it_power_by_type_w.at(type)}};
  j["rack_types"] = types;
  json blds = json::array();
  for (const auto& b : s.by_building) {
    json halls = json::array();
    for (const auto& h : b.halls)
      halls.push_back(
          {{"id", h.id}, {"name", h.name}, {"racks", h.racks}, {"it_power_w", h.it_power_w}});
    blds.push_back({{"id", b.id},
                    {"name", b.name},
                    {"racks", b.racks},
                    {"it_power_w", b.it_power_w},
                    {"halls", halls}});
  }
  j["by_building"] = blds;
  return j;
}

void print_summary(const model::SiteSummary& s, std::ostream& out) {
  out << "Site: " << s.name << "\n"
      << "  buildings " << s.buildings << ", halls " << s.halls << ", rows " << s.rows << ", racks "
      << s.racks << "\n"
      << "  IT power at design load: " << fmt_mw(s.it_power_w) << "\n"
      << "Rack types:\n";
  for (const auto& [type, n] : s.racks_by_type)
    out << "  " << std::left << std::setw(22) << type << std::right << std::setw(7) << n
        << " racks  " << fmt_mw(s.it_power_by_type_w.at(type)) << "\n";
  out << "Electrical equipment (" << s.elec_edges << " connections, " << s.redundancy_groups
      << " redundancy groups):\n";
  for (const auto& [kind, n] : s.elec_by_kind)
    out << "  " << std::left << std::setw(26) << kind << n << "\n";
  out << "Cooling equipment:\n";
  for (const auto& [kind, n] : s.cooling_by_kind)
    out << "  " << std::left << std::setw(26) << kind << n << "\n";
  out << "IT power by building and hall:\n";
  for (const auto& b : s.by_building) {
    out << "  " << b.name << ": " << b.racks << " racks, " << fmt_mw(b.it_power_w) << "\n";
    for (const auto& h : b.halls)
      out << "    " << h.name << ": " << h.racks << " racks, " << fmt_mw(h.it_power_w) << "\n";
  }
}

json problems_json(const std::vector<model::Problem>& problems) {
  json list = json::array();
  for (const auto& p : problems)
    list.push_back({{"entity", p.entity},
                    {"entity_kind", p.entity_kind},
                    {"severity", model::to_string(p.severity)},
                    {"code", p.code},
                    {"message", p.message},
                    {"fix", p.fix}});
  const std::size_t errors = model::count_errors(problems);
  return {{"errors", errors}, {"warnings", problems.size() - errors}, {"problems", list}};
}

// Writes a new project file (data::replace_project: a kill leaves the old file or the new one).
void save_new(const std::string& path, const model::Site& site, const model::Catalog& cat) {
  // With the built-in scenarios, so that a user sees (and may edit) what `simulate` runs.
  data::replace_project(path, data::Project{site, cat, data::builtin_stored_scenarios(site, cat)});
}

}  // namespace

std::map<std::string, double> parse_params(const std::vector<std::string>& pairs) {
  std::map<std::string, double> out;
  for (const auto& p : pairs) {
    const auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0)
      throw std::invalid_argument("--param '" + p + "' is not key=value (e.g. --param rows=8)");
    const std::string key = p.substr(0, eq), val = p.substr(eq + 1);
    std::size_t used = 0;
    double v = 0;
    try {
      v = std::stod(val, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != val.size() || val.empty() || !std::isfinite(v))
      throw std::invalid_argument("--param " + key + ": '" + val + "' is not a number");
    if (out.count(key)) throw std::invalid_argument("--param " + key + " is given twice");
    out[key] = v;
  }
  return out;
}

int cmd_new(const NewOptions& o, std::ostream& out, std::ostream& err) {
  std::map<std::string, double> params;
  try {
    params = parse_params(o.params);
  } catch (const std::exception& e) {
    err << "error: " << e.what() << "\n";
    return kExitUsage;
  }
  if (refuse_overwrite(o.out, o.force, err, "choose another name", o.catalog_files))
    return kExitFile;
  model::Catalog catalog;
  try {
    catalog = o.catalog_files.empty() ? data::builtin_catalog()
                                      : data::load_catalog_files(o.catalog_files);
  } catch (const std::exception& e) {
    err << "error: " << e.what() << "\n";
    return kExitFile;
  }
  model::Site site;
  try {
    site = model::make_site_from_template(o.template_name, params, catalog);
  } catch (const model::TemplateError& e) {
    err << "error: " << e.what() << "\n";
    return kExitUsage;
  }
  try {
    save_new(o.out, site, catalog);
  } catch (const std::exception& e) {
    err << "error: " << e.what() << "\n";
    return kExitFile;
  }
  const auto problems = model::validate(site, catalog);
  const auto summary = model::summarize(site, catalog);
  if (o.json) {
    json j = summary_json(summary);
    j["file"] = o.out;
    j["errors"] = model::count_errors(problems);
    out << j.dump() << "\n";
  } else {
    out << "Wrote " << o.out << ": " << summary.racks << " racks, " << fmt_mw(summary.it_power_w)
        << " IT, " << model::count_errors(problems) << " validation errors\n";
  }
  return kExitOk;
}

int cmd_info(const std::string& file, bool as_json, std::ostream& out, std::ostream& err) {
  data::Project p;
  if (!open(file, p, err)) return kExitFile;
  const auto s = model::summarize(p.site, p.catalog);
  if (as_json)
    out << summary_json(s).dump() << "\n";
  else
    print_summary(s, out);
  return kExitOk;
}

int cmd_validate(const std::string& file, bool as_json, std::ostream& out, std::ostream& err) {
  data::Project p;
  if (!open(file, p, err)) return kExitFile;
  const auto problems = model::validate(p.site, p.catalog);
  const std::size_t errors = model::count_errors(problems);
  if (as_json) {
    out << problems_json(problems).dump() << "\n";
  } else {
    for (const auto& pr : problems)
      out << model::to_string(pr.severity) << " [" << pr.code << "] " << pr.message
          << "\n    fix: " << pr.fix << "\n";
    out << errors << " errors, " << problems.size() - errors << " warnings\n";
  }
  return errors ? kExitInvalid : kExitOk;
}

int cmd_export_json(const std::string& file, const std::string& out_path, bool force,
                    std::ostream& out, std::ostream& err) {
  data::Project p;
  if (!open(file, p, err)) return kExitFile;
  if (refuse_overwrite(out_path, force, err, "choose another name", {file})) return kExitFile;
  try {
    data::write_project_json(out_path, p.site, p.catalog);
  } catch (const std::exception& e) {
    err << "error: " << e.what() << "\n";
    return kExitFile;
  }
  out << "Wrote " << out_path << "\n";
  return kExitOk;
}

int cmd_import_json(const std::string& in_path, const std::string& out_path, bool force,
                    std::ostream& out, std::ostream& err) {
  std::pair<model::Site, model::Catalog> sc;
  try {
    sc = data::read_project_json(in_path);
  } catch (const std::exception& e) {
    err << "error: " << e.what() << "\n";
    return kExitFile;
  }
  if (refuse_overwrite(out_path, force, err, "choose another name", {in_path})) return kExitFile;
  try {
    save_new(out_path, sc.first, sc.second);
  } catch (const std::exception& e) {
    err << "error: " << e.what() << "\n";
    return kExitFile;
  }
  const auto problems = model::validate(sc.first, sc.second);
  out << "Wrote " << out_path << " (" << model::count_errors(problems)
      << " validation errors; run `dctwin-cli validate` for details)\n";
  return kExitOk;
}

int cmd_templates(bool as_json, std::ostream& out, std::ostream&) {
  json list = json::array();
  for (const auto& t : model::site_templates()) {
    json params = json::array();
    for (const auto& p : t.params)
      params.push_back({{"name", p.name},
                        {"default", p.default_value},
                        {"min", p.min_value},
                        {"max", p.max_value},
                        {"integer", p.integer},
                        {"description", p.description}});
    list.push_back({{"name", t.name}, {"description", t.description}, {"params", params}});
    if (!as_json) {
      out << t.name << ": " << t.description << "\n";
      for (const auto& p : t.params)
        out << "  --param " << p.name << "=" << p.default_value << "  (" << p.min_value << " to "
            << p.max_value << ") " << p.description << "\n";
    }
  }
  if (as_json) out << json{{"templates", list}}.dump() << "\n";
  return kExitOk;
}

int cmd_catalog(bool as_json, const std::vector<std::string>& files, std::ostream& out,
                std::ostream& err) {
  model::Catalog cat;
  try {
    cat = files.empty() ? data::builtin_catalog() : data::load_catalog_files(files);
  } catch (const std::exception& e) {
    err << "error: " << e.what() << "\n";
    return kExitFile;
  }
  if (as_json) {
    out << data::catalog_to_json(cat).dump(1) << "\n";
    return kExitOk;
  }
  for (const auto& [key, item] : cat.items) {
    out << key << " (" << model::to_string(item.kind) << "): " << item.name << "\n";
    for (const auto& [name, v] : item.params) {
      const auto& src = cat.sources.at(v.source_id);
      out << "  " << std::left << std::setw(26) << name << std::setw(12) << v.value << " ["
          << v.source_id << ", " << src.date << "]\n";
    }
  }
  return kExitOk;
}

int cmd_demo(const std::string& out_dir, bool force, std::ostream& out, std::ostream& err) {
  const std::string project = (fs::path(out_dir) / "gigawatt.dctwin").string();
  const std::string json_report = (fs::path(out_dir) / "gigawatt-power-report.json").string();
  const std::string pdf_report = (fs::path(out_dir) / "gigawatt-power-report.pdf").string();
  // A folder of the user's may already hold a gigawatt.dctwin of their own: replaced only when
  // asked (scripts/run.sh asks for its own out/demo), never through a link.
  for (const auto& f : {project, json_report, pdf_report})
    if (refuse_overwrite(f, force, err, "choose another --out")) return kExitFile;
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) {
    err << "error: cannot create " << out_dir << ": " << ec.message()
        << "; choose another folder with --out\n";
    return kExitFile;
  }
  const auto& cat = data::builtin_catalog();
  const auto site = model::make_site_from_template("gigawatt", {}, cat);
  try {
    save_new(project, site, cat);
  } catch (const std::exception& e) {
    err << "error: " << e.what() << "\n";
    return kExitFile;
  }
  const auto problems = model::validate(site, cat);
  const auto summary = model::summarize(site, cat);
  print_summary(summary, out);
  out << "Validation: " << model::count_errors(problems) << " errors, "
      << problems.size() - model::count_errors(problems) << " warnings\n";
  // The power report (app/report): site solve at design, N-1 (stored in the project for the next
  // report) and the annual scenario, as JSON (dctwin-report/1) and PDF.
  ReportCommandOptions ro;
  ro.file = project;
  ro.scenario = "annual";
  ro.force = force;  // the outputs were checked above
  const int rc = cmd_report_outputs(ro, {{"json", json_report}, {"pdf", pdf_report}}, out, err);
  if (rc != kExitOk) return rc;
  out << "Project file: " << project << "\nPower report: " << pdf_report << " and " << json_report
      << "\n";
  return kExitOk;
}

namespace {

namespace el = model::electrical;

json power_json(const el::SiteElecResult& r) {
  json v = json::array();
  for (const auto& x : r.violations)
    v.push_back({{"entity", x.entity}, {"code", x.code}, {"message", x.message}});
  return {{"converged", r.converged},
          {"message", r.message},
          {"it_power_w", r.it_power_w},
          {"grid_import_w", r.grid_import_w},
          {"grid_import_var", r.grid_import_var},
          {"power_factor", r.power_factor},
          {"losses_w", r.losses_w},
          {"total_loss_w", r.total_loss_w},
          {"min_rack_voltage_pu", r.min_rack_voltage_pu},
          {"min_rack_voltage_rack", r.min_rack_voltage_rack},
          {"max_loading_pct", r.max_loading_pct},
          {"max_loading_entity", r.max_loading_entity},
          {"sections", r.sections},
          {"buses", r.buses},
          {"max_iterations", r.max_iterations},
          {"violations", v}};
}

void print_power(const el::SiteElecResult& r, std::ostream& out) {
  out << std::fixed << std::setprecision(3);
  out << "IT power:        " << fmt_mw(r.it_power_w) << "\n"
      << "Grid import:     " << fmt_mw(r.grid_import_w) << ", " << r.grid_import_var / 1e6
      << " MVAr, power factor " << std::setprecision(4) << r.power_factor << "\n"
      << "Losses:          " << fmt_mw(r.total_loss_w) << "\n";
  for (const auto& [stage, w] : r.losses_w)
    out << "  " << std::left << std::setw(16) << stage << std::right << fmt_mw(w) << "\n";
  out << std::setprecision(4) << "Min rack voltage: " << r.min_rack_voltage_pu << " pu (rack "
      << r.min_rack_voltage_rack << ")\n"
      << "Max loading:     " << std::setprecision(1) << r.max_loading_pct << " % (entity "
      << r.max_loading_entity << ")\n"
      << "Network:         " << r.sections << " sections, " << r.buses << " buses\n";
  out << "Violations:      " << r.violations.size() << "\n";
  std::size_t shown = 0;
  for (const auto& v : r.violations) {
    if (++shown > 20) {
      out << "  ... " << r.violations.size() - 20 << " more (use --json for all)\n";
      break;
    }
    out << "  [" << v.code << "] " << v.message << "\n";
  }
}

// Outdoor condition: flags first, then the site's design weather; neither is an error.
std::optional<model::thermal::Outdoor> outdoor_for(const model::Site& site,
                                                   std::optional<double> db,
                                                   std::optional<double> wb, std::ostream& err) {
  if (!db) db = site.design_weather.dry_bulb_c;
  if (!wb) wb = site.design_weather.wet_bulb_c;
  if (!db || !wb) {
    err << "error: no outdoor condition: the site has no design weather; pass --dry-bulb and "
           "--wet-bulb (C)\n";
    return std::nullopt;
  }
  if (*wb > *db) {
    err << "error: the wet-bulb (" << *wb << " C) is above the dry-bulb (" << *db
        << " C): check --wet-bulb\n";
    return std::nullopt;
  }
  return model::thermal::Outdoor{
      *db, *wb, model::thermal::pressure_at_elevation_pa(site.location.elevation_m)};
}

json plant_json(const model::thermal::PlantResult& t, const model::thermal::Outdoor& od) {
  json loops = json::array();
  for (const auto& l : t.loops)
    loops.push_back({{"id", l.id},
                     {"heat_w", l.heat_w},
                     {"flow_m3_s", l.flow_m3_s},
                     {"supply_temp_c", l.supply_temp_c},
                     {"return_temp_c", l.return_temp_c},
                     {"setpoint_c", l.setpoint_c},
                     {"economizer", l.economizer},
                     {"setpoint_met", l.setpoint_met}});
  json v = json::array();
  for (const auto& x : t.violations)
    v.push_back({{"entity", x.entity}, {"code", x.code}, {"message", x.message}});
  return {{"outdoor",
           {{"dry_bulb_c", od.dry_bulb_c},
            {"wet_bulb_c", od.wet_bulb_c},
            {"pressure_pa", od.pressure_pa}}},
          {"rack_heat_w", t.rack_heat_w},
          {"heat_rejected_w", t.heat_rejected_w},
          {"compressor_w", t.compressor_w},
          {"cooling_power_w", t.cooling_power_w},
          {"cooling_power_by_component_w", t.power_w},
          {"water_l_per_h", t.water_l_per_h},
          {"evaporation_l_per_h", t.evaporation_l_per_h},
          {"blowdown_l_per_h", t.blowdown_l_per_h},
          {"drift_l_per_h", t.drift_l_per_h},
          {"energy_balance_error", t.energy_balance_error},
          {"loops", loops},
          {"violations", v}};
}

bool store_allowed(const SolveOptions& o, std::ostream& err) {
  if (o.store && data::is_json_path(o.file)) {
    err << "note: " << o.file << " is site JSON: results are not stored (import it into a project "
        << "file with `dctwin-cli import-json`, or pass --no-store)\n";
    return false;
  }
  return o.store;
}

// Puts the cooling units' power, as the coupled solve finds it at the outdoor condition (flags,
// else the site's design weather), on so.loads; without either only notes that `what` runs
// without the plant. False: a bad outdoor condition (the message is written).
bool add_plant_loads(const data::Project& p, std::optional<double> db, std::optional<double> wb,
                     el::SiteSolveOptions& so, bool& with_plant, const char* what,
                     std::ostream& err) {
  with_plant = false;
  if (!db && !wb && !model::thermal::design_outdoor(p.site)) {
    err << "note: the site has no design weather: " << what
        << " without the cooling plant's load (set it, or pass --dry-bulb and --wet-bulb)\n";
    return true;
  }
  const auto od = outdoor_for(p.site, db, wb, err);
  if (!od) return false;
  model::facility::FacilityOptions fo;
  fo.electrical = so;
  so.loads = model::facility::solve_facility(p.site, p.catalog, *od, fo).loads;
  with_plant = true;
  return true;
}

}  // namespace

int cmd_solve(const SolveOptions& o, std::ostream& out, std::ostream& err) {
  if (o.air_model && (!std::isfinite(o.cell_m) || !(o.cell_m > 0) ||
                      o.cell_m > model::thermal::kMaxHallAirCellM)) {
    err << "error: --cell " << o.cell_m << " m: give a hall air cell size in (0, "
        << model::thermal::kMaxHallAirCellM << "] m (default 0.6), or --no-air\n";
    return kExitUsage;
  }
  data::Project p;
  if (!open(o.file, p, err)) return kExitFile;
  if (refuse_invalid(p, o.file, "solve", err)) return kExitInvalid;
  const auto t0 = std::chrono::steady_clock::now();
  model::facility::FacilityOptions fo;
  fo.electrical.load_frac = o.load_frac;
  const auto od = outdoor_for(p.site, o.dry_bulb_c, o.wet_bulb_c, err);
  if (!od) return kExitUsage;
  model::thermal::SiteThermalOptions to;
  to.air_model = o.air_model;
  to.cell_m = o.cell_m;
  // One coupled solve: the plant's power on the electrical chain, the losses in halls as heat.
  model::facility::FacilityThermal solved;
  try {
    LongSolveProgress progress("solve", err);
    solved = model::facility::solve_facility_thermal(p.site, p.catalog, *od, fo, to, &progress);
  } catch (const model::thermal::HallGridTooLarge& e) {
    // Refused before any hall was solved: the grid asked for is too fine (or a hall too large).
    err << "error: the hall air model is refused: " << e.what();
    if (e.suggested_cell_m() > 0) err << " (--cell " << e.suggested_cell_m() << ")";
    err << "; or solve with --no-air\n";
    return kExitUsage;
  } catch (const std::invalid_argument& e) {
    err << "error: the hall air model cannot be built: " << e.what() << "\n";
    return kExitInvalid;
  }
  const el::SiteElecResult& r = solved.facility.elec;
  const model::facility::FacilityBalance& bal = solved.facility.balance;
  const model::thermal::SiteThermalResult& thermal = solved.thermal;
  const auto& plant = thermal.plant;
  const double solve_s = seconds_since(t0);
  const double facility_w = bal.facility_power_w;
  const double it_kw = r.it_power_w / 1000.0;
  if (store_allowed(o, err)) {
    try {
      data::store_solve_results(o.file, p.site, r, thermal);
    } catch (const std::exception& e) {
      err << "error: " << e.what() << "\n";
      return kExitFile;
    }
  }
  if (o.json) {
    json j = power_json(r);
    j["thermal"] = plant_json(plant, *od);
    json halls = json::array();
    for (const auto& h : thermal.halls)
      if (h.solved)
        halls.push_back({{"hall", h.hall},
                         {"same_as", h.same_as},
                         {"max_inlet_c", h.max_inlet_c},
                         {"mean_inlet_c", h.mean_inlet_c},
                         {"racks_outside_recommended", h.racks_outside_recommended},
                         {"energy_balance_error", h.energy_balance_error},
                         {"cells", h.cells},
                         {"solve_s", h.solve_s},
                         {"message", h.message}});
    j["thermal"]["halls"] = halls;
    j["thermal"]["distinct_halls_solved"] = thermal.distinct_halls_solved;
    j["max_rack_inlet_c"] =
        thermal.distinct_halls_solved ? json(thermal.max_rack_inlet_c) : json(nullptr);
    j["racks_outside_recommended"] = thermal.racks_outside_recommended;
    j["cooling_power_w"] = plant.cooling_power_w;
    j["fed_cooling_power_w"] = bal.fed_cooling_power_w;
    j["unfed_cooling_power_w"] = bal.unfed_cooling_power_w;
    j["standby_generation_w"] = bal.standby_generation_w;
    j["room_heat_w"] = bal.room_heat_w;
    j["energy_balance_error"] = bal.energy_balance_error;
    j["coupling"] = {{"converged", bal.converged},
                     {"passes", bal.passes},
                     {"tolerance", bal.tolerance},
                     {"residual", bal.residual},
                     {"message", bal.message}};
    j["water_l_per_h"] = plant.water_l_per_h;
    j["facility_power_w"] = facility_w;
    j["pue"] = r.it_power_w > 0 ? facility_w / r.it_power_w : 0.0;
    j["pue_cooling_partial"] =
        r.it_power_w > 0 ? (r.it_power_w + plant.cooling_power_w) / r.it_power_w : 0.0;
    j["wue_l_per_kwh"] = it_kw > 0 ? plant.water_l_per_h / it_kw : 0.0;
    j["solve_s"] = solve_s;
    out << j.dump() << "\n";
  } else {
    print_power(r, out);
    out << std::setprecision(2) << "Outdoor:         " << od->dry_bulb_c << " C dry-bulb, "
        << od->wet_bulb_c << " C wet-bulb\n"
        << "Cooling power:   " << fmt_mw(plant.cooling_power_w) << "\n";
    for (const auto& [k, w] : plant.power_w)
      out << "  " << std::left << std::setw(20) << k << std::right << fmt_mw(w) << "\n";
    if (bal.unfed_cooling_power_w > 0)
      out << "  of which unfed:  " << fmt_mw(bal.unfed_cooling_power_w)
          << " (cooling units without a live feed: not in the grid import)\n";
    out << "Coupled solve:   " << bal.passes << " passes, cooling power settled to "
        << std::setprecision(1) << std::scientific << bal.residual << std::fixed << " (tolerance "
        << std::scientific << bal.tolerance << std::fixed << "), energy balance "
        << std::setprecision(4) << 100 * bal.energy_balance_error << " %\n";
    out << std::setprecision(1) << "Water:           " << plant.water_l_per_h / 1000.0 << " m3/h\n"
        << std::setprecision(3)
        << "PUE:             " << (r.it_power_w > 0 ? facility_w / r.it_power_w : 0.0)
        << " (facility " << fmt_mw(facility_w) << ")\n"
        << "WUE:             " << (it_kw > 0 ? plant.water_l_per_h / it_kw : 0.0) << " l/kWh\n";
    if (thermal.distinct_halls_solved)
      out << std::setprecision(1) << "Max rack inlet:  " << thermal.max_rack_inlet_c << " C ("
          << thermal.racks_outside_recommended << " racks outside the ASHRAE recommended range; "
          << thermal.distinct_halls_solved << " distinct hall(s) solved)\n";
    for (const auto& h : thermal.halls)
      if (h.solved && !h.message.empty()) out << "  hall " << h.hall << ": " << h.message << "\n";
    out << "Thermal violations: " << plant.violations.size() << "\n";
    for (std::size_t k = 0; k < std::min<std::size_t>(10, plant.violations.size()); ++k)
      out << "  [" << plant.violations[k].code << "] " << plant.violations[k].message << "\n";
    out << "Solved in " << std::setprecision(3) << solve_s << " s\n";
  }
  if (!r.converged) {
    err << "error: the power flow did not converge: " << r.message << "\n";
    return kExitSolver;
  }
  if (!bal.converged) {
    err << "error: " << bal.message << "\n";
    return kExitSolver;
  }
  return kExitOk;
}

int cmd_contingency(const SolveOptions& o, std::ostream& out, std::ostream& err) {
  data::Project p;
  if (!open(o.file, p, err)) return kExitFile;
  if (refuse_invalid(p, o.file, "contingency", err)) return kExitInvalid;
  const auto t0 = std::chrono::steady_clock::now();
  el::SiteSolveOptions so;
  so.load_frac = o.load_frac;
  // The cooling units' power as the coupled solve finds it at the design weather rides on the
  // network in every case, so that a failure that cuts a unit's feeds shows, and each case gets
  // its cooling consequence (time to limit, racks affected).
  bool with_plant = false;
  el::ContingencyResult r;
  if (!o.dry_bulb_c && !o.wet_bulb_c && !model::thermal::design_outdoor(p.site)) {
    err << "note: the site has no design weather: N-1 runs without the cooling plant's load and "
           "without cooling consequences (set it, or pass --dry-bulb and --wet-bulb)\n";
    r = el::run_contingencies(p.site, p.catalog, so, nullptr, o.threads);
  } else {
    const auto od = outdoor_for(p.site, o.dry_bulb_c, o.wet_bulb_c, err);
    if (!od) return kExitUsage;
    model::facility::FacilityOptions fo;
    fo.electrical = so;
    r = model::facility::run_facility_contingencies(p.site, p.catalog, *od, fo, nullptr, o.threads)
            .n1;
    with_plant = true;
  }
  const double solve_s = seconds_since(t0);
  if (store_allowed(o, err)) {
    try {
      data::store_contingency_results(o.file, p.site, r);
    } catch (const std::exception& e) {
      err << "error: " << e.what() << "\n";
      return kExitFile;
    }
  }
  if (o.json) {
    json cases = json::array();
    for (const auto& c : r.cases)
      cases.push_back({{"group", c.group},
                       {"failed", c.failed},
                       {"converged", c.converged},
                       {"worst_loading_pct", c.worst_loading_pct},
                       {"worst_entity", c.worst_entity},
                       {"overloads", c.overloads},
                       {"racks_lost", c.racks_lost},
                       {"cooling_units_lost", c.loads_lost},
                       {"note", c.note},
                       {"single_point", c.single_point},
                       {"cooling_stopped", c.cooling_stopped},
                       {"time_to_limit_s", c.time_to_limit_s ? json(*c.time_to_limit_s) : json()},
                       {"limit", c.limit},
                       {"cooling_medium", c.cooling_medium},
                       {"racks_affected", c.racks_affected},
                       {"cooling_note", c.cooling_note}});
    json spof = json::array();
    for (const auto& c : r.cases)
      if (c.single_point) spof.push_back(c.failed);
    json levels = json::array();
    for (const auto& l : r.levels)
      levels.push_back({{"level", l.level},
                        {"units", l.units},
                        {"installed_w", l.installed_w},
                        {"used_w", l.used_w},
                        {"reserved_w", l.reserved_w},
                        {"free_w", l.free_w},
                        {"stranded_w", l.stranded_w}});
    out << json{{"cases", cases},
                {"levels", levels},
                {"all_converged", r.all_converged},
                {"cases_with_rack_loss", r.cases_with_rack_loss},
                {"cases_with_overload", r.cases_with_overload},
                {"cases_with_cooling_limit", r.cases_with_cooling_limit},
                {"single_points_of_failure", spof},
                {"worst_loading_pct", r.worst_loading_pct},
                {"base", power_json(r.base)},
                {"cooling_loads", with_plant},
                {"solve_s", solve_s}}
               .dump()
        << "\n";
  } else {
    out << std::fixed << std::setprecision(1) << "N-1: " << r.cases.size() << " cases, "
        << r.cases_with_rack_loss << " lose racks, " << r.cases_with_cooling_limit
        << " reach a cooling limit, " << r.cases_with_overload
        << " overload something; worst loading " << r.worst_loading_pct << " %\n"
        << "Single points of failure: " << r.single_points << "\n"
        << "Worst cases:\n";
    for (std::size_t k = 0; k < std::min<std::size_t>(10, r.cases.size()); ++k) {
      const auto& c = r.cases[k];
      out << "  fail " << c.failed << " ("
          << (c.group != model::kNoId ? "group " + std::to_string(c.group)
                                      : std::string("no group"))
          << "): worst " << c.worst_loading_pct << " % at " << c.worst_entity << ", "
          << c.racks_lost.size() << " racks lost"
          << (c.loads_lost.empty()
                  ? ""
                  : ", " + std::to_string(c.loads_lost.size()) + " cooling units lose power")
          << (c.converged ? "" : ", NOT CONVERGED") << (c.single_point ? ", SINGLE POINT" : "")
          << "\n";
      if (c.time_to_limit_s)
        out << "      cooling: " << c.limit << " in " << *c.time_to_limit_s << " s ("
            << c.cooling_medium << ", " << c.racks_affected.size() << " racks): " << c.cooling_note
            << "\n";
    }
    out << "Capacity by level (MW): installed / used / reserved / free / stranded\n";
    for (const auto& l : r.levels)
      out << "  " << std::left << std::setw(24) << l.level << std::right << std::setw(9)
          << l.installed_w / 1e6 << std::setw(9) << l.used_w / 1e6 << std::setw(9)
          << l.reserved_w / 1e6 << std::setw(9) << l.free_w / 1e6 << std::setw(9)
          << l.stranded_w / 1e6 << "\n";
    out << "Solved in " << std::setprecision(2) << solve_s << " s\n";
  }
  return r.all_converged ? kExitOk : kExitSolver;
}

int cmd_export_matpower(const std::string& file, const std::string& out_path, bool force,
                        double load_frac, std::ostream& out, std::ostream& err) {
  data::Project p;
  if (!open(file, p, err)) return kExitFile;
  if (refuse_overwrite(out_path, force, err, "choose another name", {file})) return kExitFile;
  if (refuse_invalid(p, file, "export-matpower", err)) return kExitInvalid;
  el::SiteSolveOptions so;
  so.load_frac = load_frac;
  // The network as `solve` finds it: the cooling plant's power on its feeds.
  bool with_plant = false;
  if (!add_plant_loads(p, std::nullopt, std::nullopt, so, with_plant, "the export is", err))
    return kExitUsage;
  const el::SiteAcExport x = el::site_ac_network(p.site, p.catalog, so);
  if (x.net.buses.empty()) {
    err << "error: " << file << " has no energized AC network to export (validate it first)\n";
    return kExitInvalid;
  }
  data::MatpowerWriteOptions wo;
  wo.base_kv = x.base_kv;
  wo.bus_names = x.bus_names;
  wo.comment = {
      "AC network of dctwin site '" + p.site.name + "' at " + std::to_string(load_frac) +
          " of design load, from " + file,
      "Each section between converters is an island with its own reference bus (the grid,",
      "or the converter that feeds it); converters and racks appear as constant-power loads",
      "with the inputs the dctwin site solve found. DC sections are not included."};
  std::string text;
  try {
    text = data::write_matpower(x.net, fs::path(out_path).stem().string(), wo);
  } catch (const std::exception& e) {
    err << "error: cannot write the case: " << e.what() << "\n";
    return kExitFile;
  }
  std::ofstream f(out_path);
  f << text;
  f.close();
  if (!f) {
    err << "error: cannot write " << out_path << "; check the folder and its permissions\n";
    return kExitFile;
  }
  out << "Wrote " << out_path << ": " << x.net.buses.size() << " buses, " << x.net.branches.size()
      << " branches, " << x.net.gens.size() << " reference generators\n";
  return kExitOk;
}

int cmd_ridethrough(const RideThroughOptions& o, std::ostream& out, std::ostream& err) {
  data::Project p;
  if (!open(o.file, p, err)) return kExitFile;
  if (refuse_invalid(p, o.file, "ridethrough", err)) return kExitInvalid;
  const auto od = outdoor_for(p.site, o.dry_bulb_c, o.wet_bulb_c, err);
  if (!od) return kExitUsage;
  const auto event = model::thermal::cooling_event_from_string(o.event);
  if (!event) {
    err << "error: unknown event '" << o.event << "': use chiller_trip, cdu_pump or crah\n";
    return kExitUsage;
  }
  model::thermal::RideThroughResult r;
  try {
    const auto heat = model::thermal::rack_heat_from_catalog(p.site, p.catalog, 1.0);
    r = model::thermal::ride_through(p.site, p.catalog, *event, o.target, *od, heat);
  } catch (const std::invalid_argument& e) {
    err << "error: --target " << o.target << ": " << e.what() << "\n";
    return kExitUsage;
  }
  if (o.json) {
    json limits = json::array();
    for (const auto& l : r.limits)
      limits.push_back({{"name", l.name},
                        {"limit_c", l.limit_c},
                        {"time_s", l.time_s ? json(*l.time_s) : json(nullptr)},
                        {"hard", l.hard}});
    out << json{{"event", model::thermal::to_string(r.event)},
                {"target", r.target},
                {"medium", r.medium},
                {"start_c", r.start_c},
                {"unbalance_w", r.unbalance_w},
                {"thermal_mass_j_per_k", r.thermal_mass_j_per_k},
                {"time_to_limit_s", !r.limits.empty() && r.limits.front().time_s
                                        ? json(*r.limits.front().time_s)
                                        : json(nullptr)},
                {"limits", limits},
                {"racks_affected", r.racks_affected.size()},
                {"explanation", r.explanation}}
               .dump()
        << "\n";
    return kExitOk;
  }
  out << r.explanation << ".\n"
      << std::fixed << std::setprecision(2) << "Medium: " << r.medium << ", starting at "
      << r.start_c << " C; heat not removed " << fmt_mw(r.unbalance_w) << "; thermal mass "
      << r.thermal_mass_j_per_k / 1e6 << " MJ/K; " << r.racks_affected.size()
      << " racks affected\n";
  for (const auto& l : r.limits) {
    out << "  " << l.name << " (" << l.limit_c << " C): ";
    if (l.time_s)
      out << std::setprecision(0) << *l.time_s << " s\n" << std::setprecision(2);
    else
      out << "never reached\n";
  }
  return kExitOk;
}

namespace {

// Shortest decimal text that reads back to the same double (17 significant digits at most).
std::string exact(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

}  // namespace

int cmd_powerflow(const PowerflowOptions& o, std::ostream& out, std::ostream& err) {
  namespace el = model::electrical;
  data::MatpowerCase mc;
  try {
    mc = data::read_matpower(o.case_file);
  } catch (const data::MatpowerError& e) {
    err << "error: " << e.what() << "\n";
    return kExitFile;
  }
  const std::string files[] = {o.out_prefix + ".bus.csv", o.out_prefix + ".gen.csv",
                               o.out_prefix + ".branch.csv"};
  for (const auto& f : files)
    if (refuse_overwrite(f, o.force, err, "choose another --out", {o.case_file})) return kExitFile;

  // Timed as MATPOWER's et: network build (Ybus, Jacobian pattern) and the Newton loop with
  // post-processing; reading the file is not included.
  const auto t0 = std::chrono::steady_clock::now();
  el::AcPowerFlow pf(mc.net);
  const el::AcSolution s = pf.solve();
  const double solve_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  const json summary = {{"case", mc.name},
                        {"converged", s.converged},
                        {"status", el::to_string(s.status)},
                        {"iterations", s.iterations},
                        {"solve_s", solve_s},
                        {"max_mismatch_pu", s.max_mismatch_pu},
                        {"buses", mc.net.buses.size()},
                        {"branches", mc.net.branches.size()},
                        {"gens", mc.net.gens.size()},
                        {"message", s.message}};
  if (!s.converged) {
    if (o.json) out << summary.dump() << "\n";
    err << "error: power flow of " << o.case_file << " failed (" << el::to_string(s.status)
        << "): " << s.message << "\n";
    return kExitSolver;
  }

  const double base = mc.base_mva;
  constexpr double kRadToDeg = 180 / 3.14159265358979323846;
  std::ofstream bus(files[0]), gen(files[1]), branch(files[2]);
  bus << "bus_i,Vm,Va_deg\n";
  for (std::size_t i = 0; i < mc.net.buses.size(); ++i) {
    // Isolated buses keep their input VM and VA, as MATPOWER reports them.
    const bool isolated = mc.net.buses[i].type == el::BusType::Isolated;
    const double vm = isolated ? mc.bus(i, 7) : std::abs(s.v[i]);
    const double va = isolated ? mc.bus(i, 8) : std::arg(s.v[i]) * kRadToDeg;
    bus << mc.bus_numbers[i] << ',' << exact(vm) << ',' << exact(va) << '\n';
  }
  gen << "bus,Pg,Qg\n";
  for (std::size_t g = 0; g < mc.net.gens.size(); ++g)
    gen << mc.bus_numbers[mc.net.gens[g].bus] << ',' << exact(s.pg_pu[g] * base) << ','
        << exact(s.qg_pu[g] * base) << '\n';
  branch << "f,t,Pf,Qf,Pt,Qt\n";
  for (std::size_t k = 0; k < mc.net.branches.size(); ++k) {
    const auto& br = mc.net.branches[k];
    const auto sf = s.sf_pu[k] * base, st = s.st_pu[k] * base;
    branch << mc.bus_numbers[br.f] << ',' << mc.bus_numbers[br.t] << ',' << exact(sf.real()) << ','
           << exact(sf.imag()) << ',' << exact(st.real()) << ',' << exact(st.imag()) << '\n';
  }
  bus.close();
  gen.close();
  branch.close();
  if (!bus || !gen || !branch) {
    err << "error: could not write " << o.out_prefix
        << ".{bus,gen,branch}.csv: check that the folder exists and is writable\n";
    return kExitFile;
  }
  if (o.json) {
    out << summary.dump() << "\n";
  } else {
    out << mc.name << ": converged in " << s.iterations << " iterations, largest mismatch "
        << s.max_mismatch_pu << " pu; " << mc.net.buses.size() << " buses, "
        << mc.net.branches.size() << " branches, " << mc.net.gens.size() << " gens; solved in "
        << std::setprecision(3) << solve_s * 1e3 << " ms\n";
    if (!s.message.empty()) out << "note: " << s.message << "\n";
    for (const auto& f : files) out << "wrote " << f << "\n";
  }
  return kExitOk;
}

int cmd_weather(const std::string& name, bool as_json, std::ostream& out, std::ostream& err) {
  std::string ext = fs::path(name).extension().string();
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const bool is_file = ext == ".epw" || fs::is_regular_file(name);
  model::scenario::WeatherSeries w;
  try {
    w = is_file ? data::read_epw(name) : data::builtin_weather(name);
  } catch (const std::exception& e) {
    err << "error: " << e.what() << "\n";
    return is_file ? kExitFile : kExitUsage;
  }
  const auto st = model::scenario::weather_stats(w);
  const std::size_t above = model::scenario::hours_above(w, 27.0);
  if (as_json) {
    out << json{{"name", w.name},
                {"source", w.source},
                {"latitude_deg", w.latitude_deg},
                {"longitude_deg", w.longitude_deg},
                {"elevation_m", w.elevation_m},
                {"hours", st.hours},
                {"mean_dry_bulb_c", st.mean_dry_bulb_c},
                {"min_dry_bulb_c", st.min_dry_bulb_c},
                {"max_dry_bulb_c", st.max_dry_bulb_c},
                {"design_dry_bulb_0_4_c", st.design_dry_bulb_0_4_c},
                {"design_wet_bulb_0_4_c", st.design_wet_bulb_0_4_c},
                {"max_wet_bulb_c", st.max_wet_bulb_c},
                {"mean_rh", st.mean_rh},
                {"mean_pressure_pa", st.mean_pressure_pa},
                {"hours_above_27c", above}}
               .dump()
        << "\n";
    return kExitOk;
  }
  out << std::fixed << std::setprecision(1);
  out << w.name << " (" << w.latitude_deg << ", " << w.longitude_deg << ", " << w.elevation_m
      << " m)\n  source: " << w.source << "\n  hours: " << st.hours << "\n  dry-bulb: mean "
      << st.mean_dry_bulb_c << " C, min " << st.min_dry_bulb_c << " C, max " << st.max_dry_bulb_c
      << " C\n  0.4 % design: dry-bulb " << st.design_dry_bulb_0_4_c << " C, wet-bulb "
      << st.design_wet_bulb_0_4_c
      << " C (each exceeded in 35 h of 8,760)\n  hours above 27 C: " << above
      << "\n  mean relative humidity " << 100.0 * st.mean_rh << " %, mean pressure "
      << st.mean_pressure_pa / 1000.0 << " kPa\n";
  return kExitOk;
}

}  // namespace dctwin::app::cli
