// The start page the window shows when no project is open: new from a template (with what each
// template holds), open a file, and the recent files.
#pragma once

#include <QWidget>

class QListWidget;

namespace dctwin::app {

class StartPage : public QWidget {
  Q_OBJECT
 public:
  explicit StartPage(QWidget* parent = nullptr);
  /// Re-reads the recent files (after a save or an open).
  void refresh();

 signals:
  void templateChosen(const QString& name);
  void fileChosen(const QString& path);
  void openRequested();

 private:
  QListWidget* recent_ = nullptr;
};

}  // namespace dctwin::app
