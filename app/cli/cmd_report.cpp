// dctwin-cli report: the power report of a site and a scenario as PDF, XLSX, CSV or JSON, from the
// same content builder and writers as the GUI's File > Export Report (app/report/report.h).
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <memory>
#include <mutex>
#include <ostream>
#include <string_view>

#include <QApplication>

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
    const std::string job = s.substr(0, s.find(':'));
    const int tenth = int(fraction * 10);
    if (tenth == last_tenth_ && s.substr(0, s.find(' ', job.size() + 2)) == last_) return;
    last_tenth_ = tenth;
    last_ = s.substr(0, s.find(' ', job.size() + 2));
    err_ << "report: " << s << " (" << std::lround(100 * fraction) << " %)\n";
  }

 private:
  std::ostream& err_;
  std::mutex m_;
  std::string last_;
  int last_tenth_ = -1;
};

// The PDF writer draws with Qt (fonts, Qt Charts): a QApplication, offscreen without a display.
// Made once, before anything else of Qt, and kept for the process.
void ensure_qt_application() {
  if (QCoreApplication::instance()) return;
  if (!std::getenv("QT_QPA_PLATFORM") && !std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY"))
    setenv("QT_QPA_PLATFORM", "offscreen", 1);
  static int argc = 1;
  static char name[] = "dctwin-cli";
  static char* argv[] = {name, nullptr};
  static std::unique_ptr<QApplication> app = std::make_unique<QApplication>(argc, argv);
}

}  // namespace

int cmd_report(const ReportCommandOptions& o, std::ostream& out, std::ostream& err) {
  const auto format = rp::report_format_from_string(o.format);
  if (!format) {
    err << "error: unknown --format '" << o.format << "': use pdf, xlsx, csv or json\n";
    return kExitUsage;
  }
  if (!o.force && fs::exists(o.out)) {
    err << "error: " << o.out << " exists; pass --force to overwrite it or choose another -o\n";
    return kExitFile;
  }
  // The output must be writable before minutes of solving: its folder has to exist.
  {
    const fs::path target = *format == rp::ReportFormat::Csv ? fs::path(o.out) : fs::path(o.out).parent_path();
    const fs::path must_exist = *format == rp::ReportFormat::Csv ? target.parent_path() : target;
    if (!must_exist.empty() && !fs::is_directory(must_exist)) {
      err << "error: cannot write " << o.out << ": the folder " << must_exist.string()
          << " does not exist; create it or choose another -o\n";
      return kExitFile;
    }
  }
  data::Project p;
  try {
    p = data::open_project(o.file);
  } catch (const std::exception& e) {
    err << "error: " << e.what() << "\n";
    return kExitFile;
  }
  const auto names = rp::scenario_names(p);
  if (std::find(names.begin(), names.end(), o.scenario) == names.end()) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    err << "error: unknown scenario '" << o.scenario << "': choose one of " << list << "\n";
    return kExitUsage;
  }
  if (*format == rp::ReportFormat::Pdf) ensure_qt_application();

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
    } catch (const std::exception& e) {
      err << "note: the N-1 results could not be stored (" << e.what() << ")\n";
    }
  }
  const auto t0 = std::chrono::steady_clock::now();
  err << "report: writing " << rp::to_string(*format) << "\n";
  try {
    rp::write_report(content, *format, o.out);
  } catch (const std::exception& e) {
    err << "error: " << e.what() << "\n";
    return kExitFile;
  }
  const double write_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto& t = content.timings;
  out << std::fixed << std::setprecision(2) << "Wrote " << o.out << " (" << rp::to_string(*format)
      << "): site solve " << t.solve_s << " s, N-1 " << (t.n1_reused ? "reused" : std::to_string(t.n1_s).substr(0, 5) + " s")
      << ", scenario " << t.simulate_s << " s, built in " << t.build_s << " s, written in " << write_s << " s\n";
  for (const auto& f : content.headline)
    out << "  " << std::left << std::setw(56) << f.label << std::right << " " << f.text << (f.unit.empty() ? "" : " " + f.unit) << "\n";
  return content.power.converged ? kExitOk : kExitSolver;
}

}  // namespace dctwin::app::cli
