// The desktop app's main window (minimal: site tree, hall plan, summary, validation issues).
// The full editor, 3D view and live results grow here in their own issues.
#pragma once

#include <QMainWindow>

#include <optional>

#include "data/project_file.h"

class QTreeWidget;
class QListWidget;
class QLabel;

namespace dctwin::app {

class HallPlan;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  /// Shows a project; file is empty for an unsaved one (from a template).
  void set_project(data::Project project, const QString& file, const QString& title);
  bool open_file(const QString& path);
  bool new_from_template(const QString& name);

 private:
  void rebuild();
  void on_open();
  void on_save_as();
  void show_error(const QString& what);

  std::optional<data::Project> project_;
  QString file_;
  QTreeWidget* tree_ = nullptr;
  QListWidget* issues_ = nullptr;
  HallPlan* plan_ = nullptr;
  QLabel* summary_ = nullptr;
};

}  // namespace dctwin::app
