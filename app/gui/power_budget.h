// The power budget: where the power goes and how much room is left.
//  (a) A Sankey diagram from the grid through every conversion stage to IT, each stage's losses
//      as side flows, for the site, one building or one hall (scope combo). The model and the
//      painter are the report's (app/report/sankey.h), so the GUI and the PDF show the same
//      picture.
//  (b) Capacity per level (one stacked bar per level of ContingencyResult::levels, as shares of
//      the level's installed capacity): used / reserved for redundancy / stranded / free, with
//      the MW on the bars and every figure in the tooltip.
//  (c) The N-1 cases, worst first (racks lost, then a cooling limit reached, then loading),
//      with each case's cooling consequence (time to limit), sortable by any column.
// "Run N-1" runs, as `dctwin-cli contingency` does, model::facility::run_facility_contingencies
// at the site's design weather (the cooling units' power on the network, each case's cooling
// consequence), or model::electrical::run_contingencies without the plant when the site has no
// design weather, on a worker thread (copies of the site and the catalog) with a progress bar
// and Cancel; the UI never waits.
#pragma once

#include <QWidget>
#include <memory>
#include <optional>
#include <thread>

#include "app/report/sankey.h"
#include "model/electrical/contingency.h"
#include "model/electrical/site_power.h"
#include "model/site/catalog.h"
#include "model/site/site.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTimer;

namespace dctwin::app {

/// Draws a report::SankeyModel (report::paint_sankey) at the widget's size.
class SankeyView : public QWidget {
  Q_OBJECT
 public:
  explicit SankeyView(QWidget* parent = nullptr);
  void set_model(std::optional<report::SankeyModel> model, const QString& empty_text = {});
  [[nodiscard]] const std::optional<report::SankeyModel>& model() const { return model_; }
  [[nodiscard]] QSize sizeHint() const override { return {760, 360}; }

 protected:
  void paintEvent(QPaintEvent*) override;

 private:
  std::optional<report::SankeyModel> model_;
  QString empty_text_;
};

/// Capacity per level as horizontal stacked bars, each bar the level's installed capacity
/// (100 %): used, reserved for redundancy, stranded, free, with the MW written in every segment
/// wide enough to hold it, the installed and used MW at the right, and every figure in the
/// tooltip of a row. Levels in the order of the chain (grid first).
class CapacityView : public QWidget {
  Q_OBJECT
 public:
  explicit CapacityView(QWidget* parent = nullptr);
  void set_levels(std::vector<model::electrical::LevelCapacity> levels);
  [[nodiscard]] const std::vector<model::electrical::LevelCapacity>& levels() const {
    return levels_;
  }
  /// The tooltip text of the row at widget position y (empty outside the rows).
  [[nodiscard]] QString tooltip_at(int y) const;
  [[nodiscard]] QSize sizeHint() const override { return {560, 300}; }

 protected:
  void paintEvent(QPaintEvent*) override;
  bool event(QEvent* e) override;

 private:
  [[nodiscard]] int row_at(int y) const;
  std::vector<model::electrical::LevelCapacity> levels_;
  double top_ = 0, row_h_ = 0;  // layout of the last paint
};

class PowerBudget : public QWidget {
  Q_OBJECT
 public:
  explicit PowerBudget(QWidget* parent = nullptr);
  ~PowerBudget() override;

  /// The site and catalog "Run N-1" works on (copied). Keeps the shown results (they may then
  /// belong to an older site: call mark_stale()).
  void set_site(const model::Site& site, const model::Catalog& catalog);
  /// Shows a normal-operation solve and, when given, the N-1 result (copied). The site must be
  /// the one solved.
  void set_results(const model::Site& site, const model::electrical::SiteElecResult& result,
                   const model::electrical::ContingencyResult* contingency = nullptr);
  /// The site changed since the results: they are labelled stale until the next run.
  void mark_stale();
  [[nodiscard]] bool is_stale() const { return stale_; }

  // ---- N-1 on the worker thread.
  /// Starts N-1 on the site given to set_site (or set_results' site with the catalog of
  /// set_site). False when a run is in progress or there is no catalog.
  bool run_n1();
  void cancel();
  [[nodiscard]] bool is_running() const { return worker_.joinable(); }

  // ---- What is shown (for the lead's integration and for tests).
  /// Scope entries: site, then each building, then each hall.
  [[nodiscard]] int scope_count() const;
  void set_scope(int index);
  [[nodiscard]] report::SankeyScope scope() const;
  [[nodiscard]] const std::optional<report::SankeyModel>& sankey() const;
  [[nodiscard]] SankeyView* sankey_view() const { return sankey_; }
  [[nodiscard]] CapacityView* capacity_view() const { return capacity_; }
  /// The capacity chart's categories (levels, top to bottom).
  [[nodiscard]] QStringList capacity_levels() const;
  [[nodiscard]] QTableWidget* n1_table() const { return n1_; }
  [[nodiscard]] const model::electrical::ContingencyResult* contingency() const {
    return contingency_ ? &*contingency_ : nullptr;
  }

  bool export_sankey_png(const QString& path, QString* error = nullptr);
  bool export_sankey_svg(const QString& path, QString* error = nullptr);
  bool export_capacity_png(const QString& path, QString* error = nullptr);
  bool export_capacity_svg(const QString& path, QString* error = nullptr);
  bool export_n1_csv(const QString& path, QString* error = nullptr);

 signals:
  void n1Started();
  /// ok false: cancelled or failed (message says which).
  void n1Finished(bool ok, const QString& message);

 private:
  struct RunShared;
  void build_ui();
  void refresh_scopes();
  void refresh_sankey();
  void refresh_capacity();
  void refresh_n1();
  void refresh_status();
  void poll();
  void on_n1_done(std::shared_ptr<model::electrical::ContingencyResult> r, const QString& error,
                  bool cancelled, std::uint64_t run_id);
  [[nodiscard]] QString node_name(model::Id id) const;

  std::shared_ptr<const model::Site> site_;      // of the shown results
  std::shared_ptr<const model::Site> run_site_;  // what Run N-1 solves
  std::shared_ptr<const model::Catalog> catalog_;
  std::optional<model::electrical::SiteElecResult> base_;
  std::optional<model::electrical::ContingencyResult> contingency_;
  bool stale_ = false;
  std::thread worker_;
  std::shared_ptr<RunShared> shared_;

  QComboBox* scope_ = nullptr;
  QLabel* status_ = nullptr;
  QPushButton* run_btn_ = nullptr;
  QPushButton* cancel_btn_ = nullptr;
  QProgressBar* progress_ = nullptr;
  SankeyView* sankey_ = nullptr;
  CapacityView* capacity_ = nullptr;
  QTableWidget* n1_ = nullptr;
  QTimer* poll_ = nullptr;
};

}  // namespace dctwin::app
