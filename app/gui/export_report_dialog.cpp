#include "app/gui/export_report_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "app/gui/queued_progress.h"
#include "app/report/report.h"
#include "model/common/progress.h"

namespace dctwin::app {

namespace rep = dctwin::app::report;

struct ExportReportDialog::Job : QueuedProgress {
  explicit Job(ExportReportDialog* d)
      : QueuedProgress(d, [d](double fraction, const QString& stage) {
          d->progress_->setValue(static_cast<int>(fraction * 1000));
          d->message_->setText(tr("Building: %1").arg(stage));
        }) {}
};

ExportReportDialog::ExportReportDialog(const data::Project& project, const QString& file,
                                       QWidget* parent)
    : QDialog(parent), project_(std::make_shared<const data::Project>(project)), file_(file) {
  setWindowTitle(tr("Export power report"));
  setObjectName("exportReportDialog");
  auto* form = new QFormLayout;
  scenario_ = new QComboBox;
  scenario_->setObjectName("reportScenario");
  for (const auto& n : rep::scenario_names(*project_))
    scenario_->addItem(QString::fromStdString(n));
  scenario_->setToolTip(tr("The scenario whose time series and energy figures the report holds"));
  format_ = new QComboBox;
  format_->setObjectName("reportFormat");
  format_->addItem(tr("PDF document"), "pdf");
  format_->addItem(tr("Excel workbook (XLSX)"), "xlsx");
  format_->addItem(tr("CSV files (a folder)"), "csv");
  format_->addItem(tr("JSON document"), "json");
  output_ = new QLineEdit;
  output_->setObjectName("reportOutput");
  auto* browse = new QToolButton;
  browse->setText("...");
  connect(browse, &QToolButton::clicked, this, &ExportReportDialog::browse);
  auto* out_row = new QHBoxLayout;
  out_row->addWidget(output_, 1);
  out_row->addWidget(browse);
  form->addRow(tr("Scenario:"), scenario_);
  form->addRow(tr("Format:"), format_);
  form->addRow(tr("Write to:"), out_row);
  progress_ = new QProgressBar;
  progress_->setRange(0, 1000);
  progress_->setValue(0);
  message_ = new QLabel;
  message_->setObjectName("reportMessage");
  message_->setWordWrap(true);
  auto* buttons = new QDialogButtonBox;
  export_ = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
  export_->setObjectName("reportExport");
  cancel_ = buttons->addButton(QDialogButtonBox::Close);
  connect(export_, &QPushButton::clicked, this, [this] { start(); });
  connect(cancel_, &QPushButton::clicked, this, [this] {
    if (running_ && job_)
      job_->cancel();
    else
      reject();
  });
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(progress_);
  layout->addWidget(message_);
  layout->addWidget(buttons);
  resize(560, 220);
  auto suggest = [this] {
    const QString fmt = format_->currentData().toString();
    const QString base = file_.isEmpty()
                             ? QString::fromStdString(project_->site.name).replace(' ', '_')
                             : QFileInfo(file_).completeBaseName();
    const QString dir = file_.isEmpty() ? QDir::homePath() : QFileInfo(file_).absolutePath();
    output_->setText(dir + "/" + base + "-" + scenario_->currentText() + "-report" +
                     (fmt == "csv" ? QString() : "." + fmt));
  };
  connect(format_, &QComboBox::currentIndexChanged, this, suggest);
  connect(scenario_, &QComboBox::currentIndexChanged, this, suggest);
  suggest();
}

ExportReportDialog::~ExportReportDialog() {
  if (job_) job_->cancel();
  future_.waitForFinished();
}

void ExportReportDialog::set_scenario(const QString& name) { scenario_->setCurrentText(name); }
void ExportReportDialog::set_format(const QString& format) {
  format_->setCurrentIndex(format_->findData(format.toLower()));
}
void ExportReportDialog::set_output(const QString& path) { output_->setText(path); }
QString ExportReportDialog::message() const { return message_->text(); }

void ExportReportDialog::browse() {
  const QString fmt = format_->currentData().toString();
  QString path;
  if (fmt == "csv")
    path = QFileDialog::getExistingDirectory(this, tr("Folder for the CSV files"), output_->text());
  else
    path = QFileDialog::getSaveFileName(this, tr("Write the report to"), output_->text(),
                                        tr("%1 files (*.%2)").arg(fmt.toUpper(), fmt));
  if (!path.isEmpty()) output_->setText(path);
}

bool ExportReportDialog::start() {
  if (running_) return false;
  const QString out = output_->text().trimmed();
  const auto format =
      rep::report_format_from_string(format_->currentData().toString().toStdString());
  if (out.isEmpty()) {
    message_->setText(tr("Choose where to write the report (Write to)."));
    return false;
  }
  if (!format || scenario_->currentIndex() < 0) {
    message_->setText(tr("Choose a scenario and a format."));
    return false;
  }
  running_ = true;
  export_->setEnabled(false);
  cancel_->setText(tr("Cancel"));
  progress_->setValue(0);
  message_->setText(tr("Building the report..."));
  auto job = std::make_shared<Job>(this);
  job_ = job;
  const std::string scenario = scenario_->currentText().toStdString();
  const std::string path = out.toStdString();
  const std::string file = file_.toStdString();
  auto project = project_;
  QPointer<ExportReportDialog> self = this;
  const rep::ReportFormat fmt = *format;
  future_ = QtConcurrent::run([job, self, project, scenario, path, file, fmt] {
    bool ok = false;
    QString msg;
    try {
      rep::ReportOptions opt;
      opt.project_path = file;
      const auto content = rep::build_report(*project, scenario, opt, job.get());
      job->report(0.99, "writing");
      rep::write_report(content, fmt, path);
      ok = true;
      msg = QObject::tr("Written %1 (%2 s).")
                .arg(QString::fromStdString(path))
                .arg(content.timings.build_s, 0, 'f', 1);
    } catch (const model::Cancelled&) {
      msg = QObject::tr("Cancelled: nothing was written.");
    } catch (const std::exception& e) {
      msg = QString::fromUtf8(e.what());
    }
    QMetaObject::invokeMethod(
        self.data(),
        [self, ok, msg] {
          if (self) self->done(ok, msg);
        },
        Qt::QueuedConnection);
  });
  return true;
}

void ExportReportDialog::done(bool ok, const QString& message) {
  running_ = false;
  job_.reset();
  export_->setEnabled(true);
  cancel_->setText(tr("Close"));
  progress_->setValue(ok ? 1000 : 0);
  message_->setText(message);
  emit finished_export(ok, message);
}

}  // namespace dctwin::app
