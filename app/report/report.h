// Power report: one content builder (build_report) and one writer per format (write_json,
// write_csv, write_xlsx, write_pdf). The GUI's File > Export Report and `dctwin-cli report` call
// the same functions, so both produce the same file from the same content.
//
// Content is generic: headline figures, and tables (title, columns with units, rows of typed
// cells) that every writer iterates the same way; the PDF adds pictures drawn from the solve
// results that the content carries (site plan, Sankey, capacity bars, time-series charts).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/report/sankey.h"
#include "data/project_file.h"
#include "model/common/progress.h"
#include "model/electrical/contingency.h"
#include "model/electrical/site_power.h"
#include "model/facility/coupled.h"
#include "model/scenario/engine.h"
#include "model/thermal/site_thermal.h"

namespace dctwin::app::report {

inline constexpr const char* kReportSchema = "dctwin-report/1";

/// A request that cannot be met as asked (unknown scenario, no design weather, bad format...).
/// The message names the problem and the fix.
class ReportError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// A report file that cannot be written (the message names the path and the fix).
class ReportWriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One table cell: empty, a number (shown with `decimals`), an integer, or text.
struct Cell {
  enum class Kind { Empty, Number, Integer, Text };
  Kind kind = Kind::Empty;
  double number = 0;
  std::int64_t integer = 0;
  std::string text;
  int decimals = 2;  ///< Number: decimals shown in the PDF and the XLSX number format

  static Cell num(double v, int decimals = 2) {
    Cell c;
    c.kind = Kind::Number;
    c.number = v;
    c.decimals = decimals;
    return c;
  }
  static Cell integ(std::int64_t v) {
    Cell c;
    c.kind = Kind::Integer;
    c.integer = v;
    return c;
  }
  static Cell txt(std::string v) {
    Cell c;
    c.kind = Kind::Text;
    c.text = std::move(v);
    return c;
  }
  /// What a person reads (PDF): numbers with their decimals, integers plain, empty as "".
  [[nodiscard]] std::string display() const;
};

struct Column {
  std::string key;    ///< machine name with the unit: "installed_mw" (CSV/JSON header)
  std::string title;  ///< "Installed"
  std::string unit;   ///< "MW" (empty: none)
  /// "Installed (MW)": the PDF and XLSX header.
  [[nodiscard]] std::string header() const {
    return unit.empty() ? title : title + " (" + unit + ")";
  }
};

struct Table {
  std::string key;    ///< file and sheet name: "capacity" -> capacity.csv, sheet "capacity"
  std::string title;  ///< "Capacity by level"
  std::string note;   ///< one or two sentences under the title (what, where from)
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  bool in_pdf = true;  ///< false: too long to print (e.g. the hourly series: a chart instead)
  std::size_t pdf_max_rows =
      0;  ///< 0: all rows; else the first N, with a line saying how many more
};

/// A headline figure: value, unit and the text shown for it (the PDF prints exactly `text`).
struct Figure {
  std::string key;              ///< "pue_energy_weighted"
  std::string label;            ///< "PUE, energy-weighted over annual"
  std::string unit;             ///< "" for PUE, "MW", "l/kWh", "C", ...
  std::optional<double> value;  ///< empty for text-only figures (e.g. N-1 status)
  std::string text;             ///< value with its decimals, or the status text
  int decimals = 0;             ///< of text
};

/// A site-level time series of the scenario (one value per step).
struct Series {
  std::string key;    ///< "grid_import_mw"
  std::string title;  ///< "Grid import"
  std::string unit;   ///< "MW"
  std::vector<double> values;
};

/// Where the time went while building (s).
struct ReportTimings {
  double solve_s = 0;       ///< site power flow and thermal (plant and hall air) at design
  double n1_s = 0;          ///< N-1 (0 when reused)
  double simulate_s = 0;    ///< scenario simulation
  double build_s = 0;       ///< everything, wall clock (the three run concurrently)
  bool n1_reused = false;   ///< N-1 taken from the project file's stored run
  bool air_reused = false;  ///< hall air model results taken from the project file's stored solve
};

struct ReportContent {
  std::string schema = kReportSchema;
  std::string title;  ///< "Power report: <site>"
  std::string site_name;
  std::string project_file;  ///< as given (may be empty when built from memory)
  std::string scenario;
  std::string scenario_description;
  std::string created_utc;  ///< ISO 8601
  std::string dctwin_version;
  std::vector<Figure> headline;
  std::vector<Table> tables;
  double step_s = 0;           ///< of the series
  std::vector<Series> series;  ///< grid import, IT, cooling, PUE, battery SOC (if any)
  /// The utility outage (when simulated): grid import, standby supply, IT and cooling (MW).
  std::vector<Series> outage_series;
  double outage_step_s = 0;
  ReportTimings timings;
  // What the pictures are drawn from.
  model::Site site;
  model::Catalog catalog;
  model::electrical::SiteElecResult power;    ///< design point (the plant's power on it)
  model::facility::FacilityBalance facility;  ///< design point: the coupled solve's figures
  double design_water_l_per_h = 0;            ///< design point: the plant's water use
  model::electrical::ContingencyResult n1;    ///< as used (computed or reused)
  model::thermal::SiteThermalResult thermal;  ///< design point (air fields only when computed)
  SankeyModel sankey;                         ///< site scope
  std::vector<SankeyModel> building_sankeys;  ///< one per building (empty when one building)

  [[nodiscard]] const Table* table(const std::string& key) const;
  [[nodiscard]] const Figure* figure(const std::string& key) const;
};

struct ReportOptions {
  /// Project file path: stored N-1 results are reused from it when they are of the site as it
  /// is (same base solve, same groups and members). Empty: N-1 always runs.
  std::string project_path;
  bool reuse_stored_n1 = true;
  /// Reuse the hall air model results of the project file's stored solve (`dctwin-cli solve`, or
  /// a previous report) when they are of the site as it is (same base solve) at the same design
  /// weather. The grid cell they were solved on is not checked.
  bool reuse_stored_air = true;
  /// N-1 already run by the caller for this site (the GUI keeps one): used as is.
  const model::electrical::ContingencyResult* n1 = nullptr;
  unsigned threads = 0;   ///< N-1 worker threads (0: hardware concurrency)
  bool air_model = true;  ///< hall air model at the design point (max rack inlet)
  /// The utility-outage cascade (the built-in utility-outage scenario; the report's own
  /// scenario when that is it): its time line, the media that warm and the racks lost.
  bool utility_outage = true;
  double cell_m = 0.6;  ///< its grid
  /// Replaces the scenario's weather year (annual, or a stored scenario with climate/EPW).
  std::optional<model::scenario::WeatherSeries> weather;
  std::size_t pdf_n1_rows = 40;  ///< N-1 cases printed in the PDF (all are in CSV/XLSX/JSON)
};

/// Names of the scenarios a report can use for this project: the project's stored ones, then
/// the built-in ones not stored.
[[nodiscard]] std::vector<std::string> scenario_names(const data::Project& project);

/// Builds the report: the site solve (electrical, then plant and hall air at the site's design
/// weather, as `dctwin-cli solve`), N-1 (model/electrical/contingency.h; reused when stored and
/// current), and the scenario simulation (a stored scenario of that name, else the built-in
/// one), the three concurrently. Throws ReportError for an unknown scenario (naming the
/// choices), a site without design weather, or a scenario that cannot run; Cancelled when
/// progress is cancelled. progress may be null; it is called from worker threads.
[[nodiscard]] ReportContent build_report(const data::Project& project, const std::string& scenario,
                                         const ReportOptions& options = {},
                                         model::Progress* progress = nullptr);

enum class ReportFormat { Pdf, Xlsx, Csv, Json };
/// "pdf", "xlsx", "csv", "json" (case-insensitive); nullopt otherwise.
[[nodiscard]] std::optional<ReportFormat> report_format_from_string(const std::string& s);
[[nodiscard]] const char* to_string(ReportFormat f);

// Writers. Each throws ReportWriteError naming the path when it cannot write.
/// One JSON document: schema, metadata, headline figures, every table (columns with units, rows
/// with numbers as numbers), the series.
void write_json(const ReportContent& content, const std::string& path);
/// One CSV file per table (RFC 4180: comma, CRLF, fields with , " or line breaks quoted) in the
/// folder `dir` (created when missing): <table key>.csv, header row of column keys with units.
/// Returns the files written.
std::vector<std::string> write_csv(const ReportContent& content, const std::string& dir);
/// One sheet per table (name: the table key), header row bold with units, numbers as numbers.
void write_xlsx(const ReportContent& content, const std::string& path);
/// A4 PDF: cover, summary, site plan, power chain, capacity, losses with the Sankey, time-series
/// charts, N-1, violations, assumptions; "Page N of M" footers; tables break across pages with
/// repeated headers. Everything is drawn with QPainter (no Qt Charts, no widgets), so it may run
/// on a worker thread; it needs a QGuiApplication (fonts), which the CLI makes. About 0.15 s for
/// the gigawatt template.
void write_pdf(const ReportContent& content, const std::string& path);
/// Dispatches on the format (csv: path is a folder).
void write_report(const ReportContent& content, ReportFormat format, const std::string& path);

}  // namespace dctwin::app::report
