// The desktop app's main window: the start page when no project is open; otherwise the site tree
// (left), the properties of the selection (right), the validation issues (bottom), and central
// tabs: 3D view, hall plan (the layout editor), scenarios, power budget. Every edit goes through
// the SiteDocument (one undo step each); after each edit the window re-validates at once and the
// SolveController re-solves in the background; the views show the newest results and say when
// they are stale.
#pragma once

#include <QMainWindow>
#include <functional>
#include <memory>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTabWidget;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace dctwin::app {

class HallPlan;
class PowerBudget;
class PropertyEditor;
class ScenarioExplorer;
class SiteDocument;
class SolveController;
class StartPage;
class View3D;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  /// Opens a project file (or site JSON). On failure shows why and keeps what was open.
  bool open_file(const QString& path);
  bool new_from_template(const QString& name);
  /// Saves to the document's file (Save As when it has none). False when not saved.
  bool save();
  /// Saves to path (a dialog asks when path is empty).
  bool save_as(const QString& path = {});
  /// Closes the project (asks about unsaved changes first). False when the user cancels.
  bool close_project();

  [[nodiscard]] SiteDocument* document() const { return doc_; }
  [[nodiscard]] SolveController* solver() const { return solver_; }
  [[nodiscard]] View3D* view3d() const { return view3d_; }
  [[nodiscard]] HallPlan* hall_plan() const { return plan_; }
  [[nodiscard]] QTreeWidget* site_tree() const { return tree_; }

  /// Answers the unsaved-changes question (Save, Discard or Cancel) instead of a message box;
  /// for tests and scripted use. Empty: ask the user.
  void set_unsaved_prompt(std::function<int()> prompt) { unsaved_prompt_ = std::move(prompt); }
  /// Errors go here instead of a message box when set (tests).
  void set_error_sink(std::function<void(const QString&)> sink) { error_sink_ = std::move(sink); }

 protected:
  void closeEvent(class QCloseEvent* e) override;

 private:
  void build_docks();
  void build_menus();
  void show_project(bool on);
  void update_title();
  void rebuild_tree();
  void revalidate();
  void on_site_changed();
  void on_selection_changed();
  void on_tree_selection();
  void on_results(bool thermal);
  void on_open();
  void on_export_report();
  void refresh_recent_menu();
  void show_error(const QString& what);
  void about();

  SiteDocument* doc_ = nullptr;
  SolveController* solver_ = nullptr;
  QStackedWidget* stack_ = nullptr;
  StartPage* start_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  View3D* view3d_ = nullptr;
  HallPlan* plan_ = nullptr;
  ScenarioExplorer* explorer_ = nullptr;
  PowerBudget* budget_ = nullptr;
  PropertyEditor* props_ = nullptr;
  QTreeWidget* tree_ = nullptr;
  QListWidget* issues_ = nullptr;
  QLabel* summary_ = nullptr;
  QLabel* stale_label_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QToolButton* cancel_ = nullptr;
  QMenu* recent_menu_ = nullptr;
  QList<QAction*> project_actions_;  // enabled only while a project is open
  QAction* save_ = nullptr;
  QAction* export_report_ = nullptr;
  std::function<int()> unsaved_prompt_;
  std::function<void(const QString&)> error_sink_;
  bool syncing_selection_ = false;
};

}  // namespace dctwin::app
