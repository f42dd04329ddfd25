// dctwin-cli report: the power report of a site and a scenario as PDF, XLSX, CSV or JSON, from the
// same content builder and writers as the GUI's File > Export Report (app/report/report.h).
#include <QGuiApplication>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <memory>
#include <mutex>
#include <ostream>
#include <set>
#include <sstream>
#include <string_view>
#include <vector>

#include "app/cli/commands.h"
#include "app/report/report.h"
#include "data/open_project.h"
#include "data/results_store.h"

namespace dctwin::app::cli {

namespace fs = std::filesystem;
namespace rp = app::report;

namespace {

// Stage changes to stderr, at most one line per job stage and per 10 %.
class ReportProgress : public model::Progress {
 public:
  explicit ReportProgress(std::ostream& err) : err_(err) {}
  void report(double fraction, std::string_view stage) override {
    std::lock_guard lock(m_);
    const std::string s(stage);
    const int tenth = int(fraction * 10);
    // A line for each new stage of a job, and one per 10 % of the whole.
    if (!seen_.insert(s).second && tenth == last_tenth_) return;
    last_tenth_ = tenth;
    err_ << "report: " << s << " (" << std::lround(100 * fraction) << " %)\n";
  }

 private:
  std::ostream& err_;
  std::mutex m_;
  std::set<std::string> seen_;
  int last_tenth_ = -1;
};

// The PDF writer draws with Qt (fonts): a QGuiApplication, offscreen without a display.
// Made once, before anything else of Qt, and kept for the process.
void ensure_qt_application() {
  if (QCoreApplication::instance()) return;
  if (!std::getenv("QT_QPA_PLATFORM") && !std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY"))
    setenv("QT_QPA_PLATFORM", "offscreen", 1);
  static int argc = 1;
  static char name[] = "dctwin-cli";
  static char* argv[] = {name, nullptr};
  static std::unique_ptr<QGuiApplication> app = std::make_unique<QGuiApplication>(argc, argv);
}

}  // namespace

int cmd_report(const ReportCommandOptions& o, std::ostream& out, std::ostream& err) {
  return cmd_report_outputs(o, {{o.format, o.out}}, out, err);
}

int cmd_report_outputs(const ReportCommandOptions& o,
                       const std::vector<std::pair<std::string, std::string>>& outputs,
                       std::ostream& out, std::ostream& err) {
  std::vector<std::pair<rp::ReportFormat, std::string>> targets;
  for (const auto& [fmt, path] : outputs) {
    const auto format = rp::report_format_from_string(fmt);
    if (!format) {
      err << "error: unknown --format '" << fmt << "': use pdf, xlsx, csv or json\n";
      return kExitUsage;
    }
    std::error_code ec;
    const auto st = fs::symlink_status(path, ec);
    if (*format == rp::ReportFormat::Csv && fs::is_directory(st)) {
      // CSV writes a folder of tables: an existing folder with files in it needs --force (the
      // writer refuses links inside it).
      if (!o.force && !fs::is_empty(path, ec)) {
        err << "error: " << path << " exists and is not empty; pass --force to overwrite its "
            << "tables or choose another -o\n";
        return kExitFile;
      }
    } else if (refuse_overwrite(path, o.force, err, "choose another -o", {o.file})) {
      return kExitFile;
    }
    // The output must be writable before minutes of solving: its folder has to exist.
    const fs::path folder = fs::path(path).parent_path();
    if (!folder.empty() && !fs::is_directory(folder)) {
      err << "error: cannot write " << path << ": the folder " << folder.string()
          << " does not exist; create it or choose another -o\n";
      return kExitFile;
    }
    targets.emplace_back(*format, path);
  }
  data::Project p;
  if (!open(o.file, p, err)) return kExitFile;
  if (refuse_invalid(p, o.file, "report", err)) return kExitInvalid;
  const auto names = rp::scenario_names(p);
  if (std::find(names.begin(), names.end(), o.scenario) == names.end()) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    err << "error: unknown scenario '" << o.scenario << "': choose one of " << list << "\n";
    return kExitUsage;
  }
  for (const auto& t : targets)
    if (t.first == rp::ReportFormat::Pdf) ensure_qt_application();

  rp::ReportOptions ro;
  ro.project_path = o.file;
  ro.reuse_stored_n1 = !o.recompute_n1;
  ro.threads = o.threads;
  ro.air_model = o.air_model;
  rp::ReportContent content;
  ReportProgress progress(err);
  try {
    content = rp::build_report(p, o.scenario, ro, &progress);
  } catch (const rp::ReportError& e) {
    err << "error: " << o.file << ": " << e.what() << "\n";
    return kExitInvalid;
  }
  // A freshly computed N-1 goes into the project file, so that the next report reuses it.
  if (!content.timings.n1_reused && o.store && !data::is_json_path(o.file)) {
    try {
      data::store_contingency_results(o.file, p.site, content.n1);
      err << "report: N-1 stored in " << o.file
          << " (the next report reuses it while the site is unchanged)\n";
    } catch (const std::exception& e) {
      err << "note: the N-1 results could not be stored (" << e.what() << ")\n";
    }
  }
  // Likewise the design-point solve with its hall air model (as `dctwin-cli solve` stores it).
  if (!content.timings.air_reused && o.air_model && o.store && !data::is_json_path(o.file)) {
    try {
      data::store_solve_results(o.file, p.site, content.power, content.thermal);
      err << "report: design-point solve stored in " << o.file << "\n";
    } catch (const std::exception& e) {
      err << "note: the design-point results could not be stored (" << e.what() << ")\n";
    }
  }
  const auto& t = content.timings;
  for (const auto& [format, path] : targets) {
    const auto t0 = std::chrono::steady_clock::now();
    err << "report: writing " << rp::to_string(format) << "\n";
    try {
      rp::write_report(content, format, path);
    } catch (const std::exception& e) {
      err << "error: " << e.what() << "\n";
      return kExitFile;
    }
    const double write_s = seconds_since(t0);
    std::ostringstream n1;
    n1 << std::fixed << std::setprecision(2) << t.n1_s << " s";
    out << std::fixed << std::setprecision(2) << "Wrote " << path << " (" << rp::to_string(format)
        << "): site solve " << t.solve_s << " s" << (t.air_reused ? " (hall air reused)" : "")
        << ", N-1 " << (t.n1_reused ? std::string("reused") : n1.str()) << ", scenario "
        << t.simulate_s << " s, built in " << t.build_s << " s, written in " << write_s << " s\n";
  }
  for (const auto& f : content.headline)
    out << "  " << std::left << std::setw(56) << f.label << std::right << " " << f.text
        << (f.unit.empty() ? "" : " " + f.unit) << "\n";
  if (!content.power.converged) {
    err << "error: the design-point power flow did not converge: " << content.power.message << "\n";
    return kExitSolver;
  }
  return kExitOk;
}

}  // namespace dctwin::app::cli
