// The scenario explorer: a project's scenarios (list, create, clone, edit, delete), runs of one
// or several of them on a worker thread (progress, cancel; the UI never waits), charts of their
// time series overlaid (one curve per scenario, see app/gui/charts.h for the decimation) and a
// table of headline figures side by side, with PNG/SVG/CSV export.
//
// Results are kept per scenario name for the life of the widget (not in the project file). Each
// result is marked "stale" when the site changes (mark_stale()), when its scenario is edited,
// and when it was computed on a site or scenario that changed while it ran; stale results stay
// visible (labelled) until the scenario is run again.
//
// Threads: a run copies the site, the catalog and the selected scenarios, then runs them one
// after the other on one std::thread (data::to_scenario loads the weather there, then
// model::scenario::simulate). The worker never touches the widget: it writes its progress into a
// shared state that a UI timer polls, and hands each result to the UI thread through a queued
// call. The destructor cancels a run and waits for it.
#pragma once

#include <QStringList>
#include <QWidget>
#include <map>
#include <memory>
#include <thread>

#include "data/project_file.h"
#include "model/scenario/engine.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTimer;
class QTreeWidget;

namespace dctwin::app {

class TimeSeriesChart;

class ScenarioExplorer : public QWidget {
  Q_OBJECT
 public:
  /// What the chart shows (the series picker's entries, in this order).
  enum class Series {
    GridImport,    ///< MW
    It,            ///< MW
    Cooling,       ///< MW
    Losses,        ///< MW, electrical
    Facility,      ///< MW
    Pue,           ///< facility / IT per step
    BatterySoc,    ///< %, only scenarios with a battery
    MaxRackInlet,  ///< °C at the snapshots (hall air model), only where it ran
    Water,         ///< m3/h
    DryBulb,       ///< °C outdoor
    LoadFraction,  ///< % of design IT
  };

  explicit ScenarioExplorer(QWidget* parent = nullptr);
  ~ScenarioExplorer() override;

  /// Works on project->scenarios (edits it in place) with project->site and ->catalog. The
  /// project must outlive the widget or the next call; nullptr clears. Cancels a run in
  /// progress and forgets every result.
  void set_project(data::Project* project);
  [[nodiscard]] data::Project* project() const { return project_; }

  /// The site changed: every result (and the run in progress) is marked stale.
  void mark_stale();

  // ---- Scenarios (the same as the buttons; each emits scenariosChanged()).
  [[nodiscard]] QStringList scenario_names() const;
  /// Adds a scenario. Refuses (returns false, *error says why) a name already used.
  bool add_scenario(const data::StoredScenario& s, QString* error = nullptr);
  /// Replaces the scenario called `name` (it may be renamed; its result becomes stale).
  bool replace_scenario(const QString& name, const data::StoredScenario& s,
                        QString* error = nullptr);
  bool remove_scenario(const QString& name);
  /// A copy called "<name> copy" (or "<name> copy 2", ...). Returns the new name, empty on failure.
  QString clone_scenario(const QString& name);
  /// Opens the editor on a new scenario / the named one (modal); true when accepted.
  bool new_scenario_dialog();
  bool edit_scenario_dialog(const QString& name);

  // ---- Selection: which scenarios the chart and the table show, and which "Run" runs.
  void select(const QStringList& names);
  [[nodiscard]] QStringList selected() const;

  // ---- Runs.
  /// Runs the named scenarios (in order) on the worker thread. False when a run is in progress,
  /// there is no project or a name is unknown.
  bool run(const QStringList& names);
  void cancel();
  [[nodiscard]] bool is_running() const { return worker_.joinable(); }
  /// A scenario's result, null if it has not run (or failed).
  [[nodiscard]] std::shared_ptr<const model::scenario::SimulationResult> result(
      const QString& name) const;
  [[nodiscard]] bool is_stale(const QString& name) const;
  /// "not run", "running", "done", "stale", "cancelled", "error: ..." (as the list shows it).
  [[nodiscard]] QString status(const QString& name) const;

  // ---- Views.
  void set_series(Series s);
  [[nodiscard]] Series series() const;
  [[nodiscard]] TimeSeriesChart* chart() const { return chart_; }
  [[nodiscard]] QTableWidget* headline_table() const { return table_; }
  /// The time unit the chart uses for the scenarios shown: (name, seconds per unit).
  [[nodiscard]] std::pair<QString, double> time_unit() const;

  bool export_chart_png(const QString& path, QString* error = nullptr);
  bool export_chart_svg(const QString& path, QString* error = nullptr);
  bool export_table_csv(const QString& path, QString* error = nullptr);

  /// Display name and unit of a series (e.g. "Grid import", "MW").
  [[nodiscard]] static QString series_name(Series s);
  [[nodiscard]] static QString series_unit(Series s);

 signals:
  /// The project's scenario list changed (added, edited, removed): the document is modified.
  void scenariosChanged();
  void runStarted();
  /// ok: every scenario ran; message: what happened (cancelled, errors).
  void runFinished(bool ok, const QString& message);
  /// A scenario's result arrived (UI thread).
  void resultReady(const QString& name);

 private:
  struct Entry {
    std::shared_ptr<const model::scenario::SimulationResult> result;
    bool stale = false;
    QString state;  // "", "queued", "running", "done", "cancelled", "error: ..."
  };
  struct RunShared;  // progress shared with the worker

  void build_ui();
  void refresh_list();
  void refresh_views();
  void refresh_chart();
  void refresh_table();
  void refresh_events();
  void update_buttons();
  void poll_progress();
  void on_result(const QString& name, std::uint64_t generation, std::uint64_t revision,
                 std::shared_ptr<const model::scenario::SimulationResult> r, const QString& error,
                 bool cancelled);
  void on_finished(bool cancelled, int errors);
  void export_chart_dialog();
  void export_table_dialog();
  [[nodiscard]] int index_of(const QString& name) const;
  [[nodiscard]] QString unique_name(const QString& base) const;

  data::Project* project_ = nullptr;
  std::map<QString, Entry> entries_;
  std::map<QString, std::uint64_t> revision_;  // bumped on each edit of a scenario
  std::uint64_t generation_ = 0;               // bumped by mark_stale() and set_project()
  std::thread worker_;
  std::shared_ptr<RunShared> shared_;

  QTreeWidget* list_ = nullptr;
  QPushButton* new_btn_ = nullptr;
  QPushButton* clone_btn_ = nullptr;
  QPushButton* edit_btn_ = nullptr;
  QPushButton* delete_btn_ = nullptr;
  QPushButton* run_btn_ = nullptr;
  QPushButton* cancel_btn_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QComboBox* series_combo_ = nullptr;
  TimeSeriesChart* chart_ = nullptr;
  QTableWidget* table_ = nullptr;
  QTableWidget* events_table_ = nullptr;  // the events' time lines (a utility outage's cascade)
  QTimer* poll_ = nullptr;
};

}  // namespace dctwin::app
