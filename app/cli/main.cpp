// dctwin-cli: the headless face of the twin. Every command is documented in README.md.
#include <CLI/CLI.hpp>
#include <cmath>
#include <iostream>
#include <sstream>

#include "app/cli/commands.h"

using namespace dctwin::app::cli;

namespace {

// CLI::Range lets NaN through (every comparison with it is false): this one does not.
CLI::Validator finite_range(double lo, double hi) {
  std::ostringstream desc;
  desc << "NUMBER in [" << lo << ", " << hi << "]";
  return CLI::Validator(
      [lo, hi](std::string& text) -> std::string {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v) || v < lo ||
            v > hi) {
          std::ostringstream m;
          m << "'" << text << "' is not a number from " << lo << " to " << hi;
          return m.str();
        }
        return {};
      },
      desc.str());
}

// Worker threads: more than this is a typing error, not a machine (std::thread would fail).
constexpr unsigned kMaxThreads = 1024;

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"dctwin-cli: digital twin of the power and cooling of gigawatt AI sites"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("dctwin-cli ") + DCTWIN_VERSION);

  NewOptions nw;
  auto* c_new = app.add_subcommand("new", "Create a project file from a template");
  c_new->add_option("--template", nw.template_name, "template: small, hall or gigawatt")
      ->required();
  c_new->add_option("--param", nw.params,
                    "template parameter key=value (repeatable; see `templates`)");
  c_new->add_option("--catalog", nw.catalog_files,
                    "catalog JSON file(s) to use instead of the built-in catalog");
  c_new->add_flag("--force", nw.force, "overwrite OUT if it exists");
  c_new->add_flag("--json", nw.json, "print a JSON summary");
  c_new->add_option("OUT", nw.out, "project file to write (*.dctwin)")->required();

  std::string file, out_path;
  bool json = false, force = false;
  auto* c_info =
      app.add_subcommand("info", "Counts by kind, IT power by building and hall, rack types");
  c_info->add_option("FILE", file, "project file (*.dctwin) or site JSON")->required();
  c_info->add_flag("--json", json, "print one JSON object");

  auto* c_val =
      app.add_subcommand("validate", "Check the site; exit 0 when it has no errors, 1 when it has");
  c_val->add_option("FILE", file, "project file (*.dctwin) or site JSON")->required();
  c_val->add_flag("--json", json, "print one JSON object");

  auto* c_exp =
      app.add_subcommand("export-json", "Write the whole project as site JSON (dctwin-site/2)");
  c_exp->add_option("FILE", file, "project file (*.dctwin)")->required();
  c_exp->add_option("OUT", out_path, "JSON file to write")->required();
  c_exp->add_flag("--force", force, "overwrite OUT if it exists");

  auto* c_imp = app.add_subcommand("import-json", "Create a project file from site JSON");
  c_imp->add_option("IN", file, "site JSON file (dctwin-site/2)")->required();
  c_imp->add_option("OUT", out_path, "project file to write (*.dctwin)")->required();
  c_imp->add_flag("--force", force, "overwrite OUT if it exists");

  auto* c_tpl = app.add_subcommand("templates", "List the templates and their parameters");
  c_tpl->add_flag("--json", json, "print one JSON object");

  std::vector<std::string> catalog_files;
  auto* c_cat = app.add_subcommand("catalog", "List the equipment catalog with sources");
  c_cat->add_flag("--json", json, "print the catalog as one JSON document (dctwin-catalog/1)");
  c_cat->add_option("--catalog", catalog_files,
                    "catalog JSON file(s) to check instead of the built-in one");

  SolveOptions so;
  auto add_solve_options = [&](CLI::App* c) {
    c->add_option("FILE", so.file, "project file (*.dctwin) or site JSON")->required();
    c->add_flag("--json", so.json, "print one JSON object");
    c->add_option("--load-frac", so.load_frac, "rack IT power as a fraction of design power")
        ->check(finite_range(0.0, 2.0))
        ->capture_default_str();
    c->add_flag("!--no-store", so.store, "do not write the results into the project file");
    c->add_option("--dry-bulb", so.dry_bulb_c,
                  "outdoor dry-bulb, C (default: the site's design weather)")
        ->check(finite_range(-60.0, 60.0));
    c->add_option("--wet-bulb", so.wet_bulb_c,
                  "outdoor wet-bulb, C (default: the site's design weather)")
        ->check(finite_range(-60.0, 45.0));
  };
  auto* c_solve = app.add_subcommand("solve",
                                     "Power flow of the site at design load: losses by stage, grid "
                                     "import, loading, rack voltages");
  add_solve_options(c_solve);
  c_solve->add_flag("!--no-air", so.air_model, "skip the hall air model (plant only)");
  c_solve->add_option("--cell", so.cell_m, "hall air grid cell, m")
      ->check(finite_range(0.05, 2.0))
      ->capture_default_str();
  auto* c_cont = app.add_subcommand(
      "contingency", "N-1: fail every member of every redundancy group in turn and re-solve");
  add_solve_options(c_cont);
  c_cont->add_option("--threads", so.threads, "worker threads (0: all cores)")
      ->check(CLI::Range(0u, kMaxThreads))
      ->capture_default_str();

  double mp_load_frac = 1.0;
  auto* c_mp = app.add_subcommand("export-matpower",
                                  "Write the site's AC network as a MATPOWER case (version 2) for "
                                  "cross-checking in MATPOWER or pandapower");
  c_mp->add_option("FILE", file, "project file (*.dctwin) or site JSON")->required();
  c_mp->add_option("OUT", out_path, "case file to write (*.m)")->required();
  c_mp->add_flag("--force", force, "overwrite OUT if it exists");
  c_mp->add_option("--load-frac", mp_load_frac, "rack IT power as a fraction of design power")
      ->check(finite_range(0.0, 2.0))
      ->capture_default_str();

  RideThroughOptions ro;
  auto* c_ride = app.add_subcommand(
      "ridethrough", "Time until rack inlets or coolant pass their limits after a cooling loss");
  c_ride->add_option("FILE", ro.file, "project file (*.dctwin) or site JSON")->required();
  c_ride
      ->add_option("--event", ro.event,
                   "chiller_trip (target: chiller or water loop), cdu_pump (target: CDU), crah "
                   "(target: CRAH or fan wall)")
      ->required()
      ->check(CLI::IsMember({"chiller_trip", "cdu_pump", "crah"}));
  c_ride->add_option("--target", ro.target, "id of the failed unit")->required();
  c_ride->add_flag("--json", ro.json, "print one JSON object");
  c_ride
      ->add_option("--dry-bulb", ro.dry_bulb_c,
                   "outdoor dry-bulb, C (default: the site's design weather)")
      ->check(finite_range(-60.0, 60.0));
  c_ride
      ->add_option("--wet-bulb", ro.wet_bulb_c,
                   "outdoor wet-bulb, C (default: the site's design weather)")
      ->check(finite_range(-60.0, 45.0));

  ThermalCaseOptions tco;
  auto* c_thermal = app.add_subcommand(
      "thermal-case",
      "Hall air model on a dc-hall-thermal-case/1 file: rack inlet temperatures and slices");
  c_thermal->add_option("CASE", tco.file, "hall case JSON (dc-hall-thermal-case/1)")->required();
  c_thermal->add_option("--out", tco.out_dir, "folder for rack_inlet_T.csv and the slices")
      ->required();
  c_thermal->add_flag("--json", tco.json, "print one JSON object");
  c_thermal->add_option("--cell", tco.cell_m, "largest grid cell edge, m")->capture_default_str();
  c_thermal->add_flag("--force", tco.force, "overwrite the CSV files in --out if they exist");

  PowerflowOptions pfo;
  auto* c_pf = app.add_subcommand("powerflow",
                                  "AC power flow of a MATPOWER case (Newton-Raphson, as MATPOWER's "
                                  "runpf without Q limits); results as CSV");
  c_pf->add_option("CASE", pfo.case_file, "MATPOWER case file, version 2 (*.m)")->required();
  c_pf->add_option("--out", pfo.out_prefix,
                   "prefix of PREFIX.bus.csv, PREFIX.gen.csv, PREFIX.branch.csv")
      ->required();
  c_pf->add_flag("--json", pfo.json, "print one JSON object (iterations, converged, solve_s, ...)");
  c_pf->add_flag("--force", pfo.force, "overwrite the CSV files if they exist");

  std::string weather_name;
  bool weather_json = false;
  auto* c_weather =
      app.add_subcommand("weather",
                         "Summary of a built-in climate's synthetic year or an EPW file: mean, "
                         "min, max, 0.4 % design dry-bulb and wet-bulb, hours above 27 C");
  c_weather
      ->add_option("NAME|FILE", weather_name,
                   "built-in climate (abilene-tx, atlanta-ga, dublin-ie, lulea-se, phoenix-az) or "
                   "EnergyPlus weather file (*.epw)")
      ->required();
  c_weather->add_flag("--json", weather_json, "print one JSON object");

  SimulateOptions sim;
  auto* c_sim = app.add_subcommand(
      "simulate",
      "Run a scenario (design-day, annual, training-24h, utility-outage, chiller-trip): energy, "
      "peak grid import, maximum ramp, energy-weighted PUE, WUE, battery cycles");
  c_sim->add_option("FILE", sim.file, "project file (*.dctwin) or site JSON")->required();
  c_sim
      ->add_option("--scenario", sim.scenario,
                   "design-day, annual, training-24h, utility-outage or chiller-trip")
      ->required();
  c_sim->add_flag("--json", sim.json, "print one JSON object");
  c_sim->add_option("--climate", sim.climate,
                    "annual: built-in climate (abilene-tx, atlanta-ga, dublin-ie, lulea-se, "
                    "phoenix-az; default: the nearest to the site)");
  c_sim->add_option("--epw", sim.epw,
                    "annual: EnergyPlus weather file (*.epw) instead of a built-in climate");
  c_sim->add_flag("--no-store", sim.no_store,
                  "do not store the run (series and totals) in the project file");

  ReportCommandOptions rep;
  auto* c_rep = app.add_subcommand(
      "report",
      "Power report of a site and a scenario: PDF, XLSX, CSV (one file per table) or JSON");
  c_rep->add_option("FILE", rep.file, "project file (*.dctwin) or site JSON")->required();
  c_rep
      ->add_option("--scenario", rep.scenario,
                   "scenario: one stored in the project, or design-day, annual, training-24h, "
                   "utility-outage, chiller-trip")
      ->required();
  c_rep->add_option("--format", rep.format, "pdf, xlsx, csv or json")->required();
  c_rep->add_option("-o,--out", rep.out, "file to write (csv: a folder, one file per table)")
      ->required();
  c_rep->add_flag("--force", rep.force, "overwrite OUT if it exists");
  c_rep->add_flag("--recompute-n1", rep.recompute_n1,
                  "run N-1 even when the project holds a current stored study");
  c_rep->add_flag("!--no-store", rep.store,
                  "do not store a freshly computed N-1 in the project file");
  c_rep->add_flag("!--no-air", rep.air_model,
                  "skip the hall air model at the design point (no max rack inlet)");
  c_rep->add_option("--threads", rep.threads, "N-1 worker threads (0: all cores)")
      ->check(CLI::Range(0u, kMaxThreads))
      ->capture_default_str();

  std::string demo_dir = "dctwin-demo";
  auto* c_demo = app.add_subcommand(
      "demo", "Headless demo: build the gigawatt example, validate it, write its power report");
  c_demo->add_option("--out", demo_dir, "folder for the project file and the report")
      ->capture_default_str();
  bool demo_force = false;
  c_demo->add_flag("--force", demo_force, "replace the demo's outputs in --out if they exist");

  // CLI11 reports a mistyped command only as "a subcommand is required": name it and the choices.
  if (argc > 1 && argv[1][0] != '-') {
    std::string names;
    bool known = false;
    for (const auto* sub : app.get_subcommands({})) {
      known = known || sub->get_name() == argv[1];
      names += (names.empty() ? "" : ", ") + sub->get_name();
    }
    if (!known) {
      std::cerr << "error: unknown command '" << argv[1] << "': choose one of " << names
                << " (dctwin-cli --help lists them)\n";
      return kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  auto& out = std::cout;
  auto& err = std::cerr;
  if (*c_new) return cmd_new(nw, out, err);
  if (*c_info) return cmd_info(file, json, out, err);
  if (*c_val) return cmd_validate(file, json, out, err);
  if (*c_exp) return cmd_export_json(file, out_path, force, out, err);
  if (*c_imp) return cmd_import_json(file, out_path, force, out, err);
  if (*c_tpl) return cmd_templates(json, out, err);
  if (*c_cat) return cmd_catalog(json, catalog_files, out, err);
  if (*c_demo) return cmd_demo(demo_dir, demo_force, out, err);
  if (*c_pf) return cmd_powerflow(pfo, out, err);
  if (*c_solve) return cmd_solve(so, out, err);
  if (*c_cont) return cmd_contingency(so, out, err);
  if (*c_ride) return cmd_ridethrough(ro, out, err);
  if (*c_mp) return cmd_export_matpower(file, out_path, force, mp_load_frac, out, err);
  if (*c_thermal) return cmd_thermal_case(tco, out, err);
  if (*c_weather) return cmd_weather(weather_name, weather_json, out, err);
  if (*c_sim) return cmd_simulate(sim, out, err);
  if (*c_rep) return cmd_report(rep, out, err);
  return kExitUsage;
}
