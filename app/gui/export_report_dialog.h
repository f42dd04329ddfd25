// File > Export Report: the same report as `dctwin-cli report` (app/report), built on a worker
// thread with progress and Cancel, written as PDF, XLSX, CSV (a folder) or JSON.
#pragma once

#include <QDialog>
#include <QFuture>
#include <memory>

#include "data/project_file.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace dctwin::app {

class ExportReportDialog : public QDialog {
  Q_OBJECT
 public:
  /// project is copied: the user may keep editing while the report is built. file: the
  /// project's file (stored N-1 results are reused from it when current), may be empty.
  ExportReportDialog(const data::Project& project, const QString& file, QWidget* parent = nullptr);
  ~ExportReportDialog() override;

  void set_scenario(const QString& name);
  void set_format(const QString& format);  ///< pdf, xlsx, csv, json
  void set_output(const QString& path);
  /// Starts building and writing (the Export button). Returns false when the inputs are wrong
  /// (the message is shown in the dialog).
  bool start();
  [[nodiscard]] bool running() const { return running_; }
  /// The last outcome shown to the user ("Written ..." or the error).
  [[nodiscard]] QString message() const;

 signals:
  void finished_export(bool ok, const QString& message);

 private:
  struct Job;
  void browse();
  void done(bool ok, const QString& message);

  std::shared_ptr<const data::Project> project_;
  QString file_;
  QComboBox* scenario_ = nullptr;
  QComboBox* format_ = nullptr;
  QLineEdit* output_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* message_ = nullptr;
  QPushButton* export_ = nullptr;
  QPushButton* cancel_ = nullptr;
  std::shared_ptr<Job> job_;
  QFuture<void> future_;
  bool running_ = false;
};

}  // namespace dctwin::app
