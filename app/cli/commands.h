// dctwin-cli commands. Each returns the process exit code (see kExit*), writes results to out and
// messages for people to err.
#pragma once

#include <chrono>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/common/progress.h"

namespace dctwin::data {
struct Project;
}

namespace dctwin::app::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;  ///< validate: the site has errors
inline constexpr int kExitUsage = 2;    ///< bad arguments
inline constexpr int kExitFile = 3;     ///< a file could not be read or written
inline constexpr int kExitSolver = 4;   ///< a solver did not converge

struct NewOptions {
  std::string template_name;
  std::vector<std::string> params;         ///< "key=value"
  std::vector<std::string> catalog_files;  ///< replace the built-in catalog
  std::string out;
  bool force = false;
  bool json = false;
};

int cmd_new(const NewOptions& o, std::ostream& out, std::ostream& err);
int cmd_info(const std::string& file, bool json, std::ostream& out, std::ostream& err);
int cmd_validate(const std::string& file, bool json, std::ostream& out, std::ostream& err);
int cmd_export_json(const std::string& file, const std::string& out_path, bool force,
                    std::ostream& out, std::ostream& err);
int cmd_import_json(const std::string& in_path, const std::string& out_path, bool force,
                    std::ostream& out, std::ostream& err);
int cmd_templates(bool json, std::ostream& out, std::ostream& err);
int cmd_catalog(bool json, const std::vector<std::string>& catalog_files, std::ostream& out,
                std::ostream& err);
struct SolveOptions {
  std::string file;
  bool json = false;
  double load_frac = 1.0;
  unsigned threads = 0;  ///< contingency: worker threads (0: all cores)
  bool store = true;     ///< write results into the project file
  std::optional<double> dry_bulb_c,
      wet_bulb_c;         ///< outdoor condition; default: the site's design weather
  bool air_model = true;  ///< solve: run the hall air model of every hall with air-cooled heat
  double cell_m = 0.6;    ///< solve: hall air grid
};
int cmd_solve(const SolveOptions& o, std::ostream& out, std::ostream& err);
int cmd_contingency(const SolveOptions& o, std::ostream& out, std::ostream& err);
struct RideThroughOptions {
  std::string file;
  std::string event;
  long long target = 0;
  bool json = false;
  std::optional<double> dry_bulb_c, wet_bulb_c;
};
int cmd_export_matpower(const std::string& file, const std::string& out_path, bool force,
                        double load_frac, std::ostream& out, std::ostream& err);
int cmd_ridethrough(const RideThroughOptions& o, std::ostream& out, std::ostream& err);
struct ThermalCaseOptions {
  std::string file;     ///< dc-hall-thermal-case/1 JSON
  std::string out_dir;  ///< rack_inlet_T.csv, slice_z1.0.csv, slice_z2.0.csv
  bool json = false;
  double cell_m = 0.3;
  bool force = false;  ///< overwrite the three outputs if they exist
};
int cmd_thermal_case(const ThermalCaseOptions& o, std::ostream& out, std::ostream& err);
/// powerflow: AC Newton-Raphson on a MATPOWER case (no Q limits), results as CSV in the case's
/// row order: PREFIX.bus.csv (bus_i,Vm,Va_deg), PREFIX.gen.csv (bus,Pg,Qg),
/// PREFIX.branch.csv (f,t,Pf,Qf,Pt,Qt in MW/MVAr). Exit 3 for an unreadable case, 4 when the
/// solver fails (nothing written then).
struct PowerflowOptions {
  std::string case_file;
  std::string out_prefix;
  bool json = false;
  bool force = false;
};
int cmd_powerflow(const PowerflowOptions& o, std::ostream& out, std::ostream& err);
/// demo: the gigawatt example's project file and power report (JSON and PDF) in out_dir.
/// Existing outputs there are replaced only with force (exit 3 otherwise).
int cmd_demo(const std::string& out_dir, bool force, std::ostream& out, std::ostream& err);
/// weather: summary of a built-in climate's synthetic year (by id) or of an EPW file (*.epw, or
/// any existing file): annual mean, min, max dry-bulb, 0.4 % design dry-bulb and wet-bulb, hours
/// above 27 C. Exit 2 for an unknown climate, 3 for an unreadable or invalid EPW file.
int cmd_weather(const std::string& name_or_file, bool json, std::ostream& out, std::ostream& err);

/// simulate: a built-in scenario (design-day, annual, training-24h) on a site, with energy
/// totals, peak grid import, maximum ramp, energy-weighted PUE, WUE, battery cycles. Exit 2 for
/// an unknown scenario or climate, 3 for an unreadable project or EPW file.
struct SimulateOptions {
  std::string file;
  std::string scenario;
  bool json = false;
  std::string climate;    ///< annual: built-in climate (default: the nearest to the site)
  std::string epw;        ///< annual: EnergyPlus weather file instead
  bool no_store = false;  ///< do not store the run in the project file
};
int cmd_simulate(const SimulateOptions& o, std::ostream& out, std::ostream& err);

/// report: the power report of a site and a scenario (app/report/report.h) as PDF, XLSX, CSV (a
/// folder, one file per table) or JSON. Exit 2 for an unknown scenario or format, 3 for an
/// unreadable project or an output that cannot be written (or exists, without --force), 1 when
/// the report cannot be built (e.g. no design weather), 4 when the design power flow fails.
struct ReportCommandOptions {
  std::string file;
  std::string scenario;
  std::string format;
  std::string out;
  bool force = false;
  bool recompute_n1 = false;  ///< ignore stored N-1 results
  bool store = true;          ///< store a freshly computed N-1 in the project file
  bool air_model = true;
  unsigned threads = 0;
};
int cmd_report(const ReportCommandOptions& o, std::ostream& out, std::ostream& err);
/// The same report built once and written in several (format, path) pairs (o.format and o.out
/// are ignored); the demo writes JSON and PDF this way.
int cmd_report_outputs(const ReportCommandOptions& o,
                       const std::vector<std::pair<std::string, std::string>>& outputs,
                       std::ostream& out, std::ostream& err);

// Helpers the command files share.
/// Reads a project (or site JSON); on failure prints the reason to err and returns false.
bool open(const std::string& path, data::Project& p, std::ostream& err);
/// True (after saying why on err) when an output must not be written at path: it exists and force
/// is not set, it is one of the inputs (never replaced, even with force), a folder, or a symbolic
/// link (never written through: it may point out of the output folder). fix names the other way
/// out ("choose another name").
bool refuse_overwrite(const std::string& path, bool force, std::ostream& err,
                      const char* fix = "choose another name",
                      const std::vector<std::string>& inputs = {});
/// True (after listing the errors on err) when the site has validation errors: solve,
/// contingency, simulate, ridethrough, export-matpower and report then exit 1 (kExitInvalid).
bool refuse_invalid(const data::Project& p, const std::string& file, const char* command,
                    std::ostream& err);
/// Wall-clock seconds since t0.
double seconds_since(std::chrono::steady_clock::time_point t0);

/// Progress of a solve that may be long (the hall air model near its cell limit runs for
/// hours) on stderr: silent for the first kQuietS seconds, so a quick solve prints nothing, then
/// "<command>: <stage> <percent> % (<elapsed> s)" on each new stage and every kEveryS seconds.
class LongSolveProgress : public model::Progress {
 public:
  static constexpr double kQuietS = 10;
  static constexpr double kEveryS = 30;
  LongSolveProgress(std::string command, std::ostream& err);
  void report(double fraction, std::string_view stage) override;

 private:
  std::string command_;
  std::ostream& err_;
  std::chrono::steady_clock::time_point t0_;
  double last_s_ = -1e9;
  std::string last_stage_;
};

/// Parses "key=value" pairs; throws std::invalid_argument naming the bad pair and the fix.
std::map<std::string, double> parse_params(const std::vector<std::string>& pairs);

}  // namespace dctwin::app::cli
