#include "app/gui/main_window.h"

#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "app/gui/hall_plan.h"
#include "data/catalog_io.h"
#include "data/open_project.h"
#include "model/site/summary.h"
#include "model/site/templates.h"
#include "model/site/validation.h"

namespace dctwin::app {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
QString mw(double w) { return QString::number(w / 1e6, 'f', 1) + " MW"; }
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  tree_ = new QTreeWidget;
  tree_->setObjectName("siteTree");
  tree_->setHeaderLabels({tr("Site"), tr("Racks"), tr("IT power")});
  tree_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  tree_->setMinimumWidth(320);
  auto* treeDock = new QDockWidget(tr("Site"), this);
  treeDock->setObjectName("siteDock");
  treeDock->setWidget(tree_);
  addDockWidget(Qt::LeftDockWidgetArea, treeDock);

  issues_ = new QListWidget;
  issues_->setObjectName("issuesList");
  auto* issuesDock = new QDockWidget(tr("Validation"), this);
  issuesDock->setObjectName("issuesDock");
  issuesDock->setWidget(issues_);
  addDockWidget(Qt::BottomDockWidgetArea, issuesDock);
  resizeDocks({issuesDock}, {140}, Qt::Vertical);

  auto* central = new QWidget;
  auto* layout = new QVBoxLayout(central);
  summary_ = new QLabel;
  summary_->setObjectName("summaryLabel");
  summary_->setTextFormat(Qt::RichText);
  plan_ = new HallPlan;
  plan_->setObjectName("hallPlan");
  layout->addWidget(summary_);
  layout->addWidget(plan_, 1);
  setCentralWidget(central);

  auto* file = menuBar()->addMenu(tr("&File"));
  auto* newMenu = file->addMenu(tr("&New from template"));
  for (const auto& t : model::site_templates()) {
    const QString name = QString::fromStdString(t.name);
    newMenu->addAction(name, this, [this, name] { new_from_template(name); })
        ->setToolTip(QString::fromStdString(t.description));
  }
  file->addAction(tr("&Open..."), QKeySequence::Open, this, &MainWindow::on_open);
  file->addAction(tr("Save &As..."), QKeySequence::SaveAs, this, &MainWindow::on_save_as);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);
  auto* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About dctwin"), this, [this] {
    QMessageBox::about(this, tr("About dctwin"),
                       tr("<b>dctwin %1</b><br>Digital twin of the power and cooling of gigawatt AI "
                          "sites.<br>Qt %2")
                           .arg(DCTWIN_VERSION, qVersion()));
  });

  connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    if (!project_ || !item) return;
    plan_->show_hall(&project_->site, &project_->catalog, item->data(0, kIdRole).toLongLong());
  });
  setWindowTitle("dctwin");
  resize(1280, 800);
  statusBar()->showMessage(tr("Open a project or create one from a template (File menu)."));
}

void MainWindow::set_project(data::Project project, const QString& file, const QString& title) {
  project_ = std::move(project);
  file_ = file;
  setWindowTitle(QString("dctwin - %1").arg(title));
  rebuild();
}

bool MainWindow::open_file(const QString& path) {
  try {
    set_project(data::open_project(path.toStdString()), path, path);
    statusBar()->showMessage(tr("Opened %1").arg(path));
    return true;
  } catch (const std::exception& e) {
    show_error(QString::fromUtf8(e.what()));
    return false;
  }
}

bool MainWindow::new_from_template(const QString& name) {
  try {
    const auto& cat = data::builtin_catalog();
    data::Project p{model::make_site_from_template(name.toStdString(), {}, cat), cat};
    set_project(std::move(p), QString(), tr("%1 (unsaved)").arg(name));
    statusBar()->showMessage(tr("New site from the '%1' template").arg(name));
    return true;
  } catch (const std::exception& e) {
    show_error(QString::fromUtf8(e.what()));
    return false;
  }
}

void MainWindow::rebuild() {
  tree_->clear();
  issues_->clear();
  plan_->show_hall(nullptr, nullptr, model::kNoId);
  if (!project_) return;
  const auto s = model::summarize(project_->site, project_->catalog);
  auto* root = new QTreeWidgetItem(tree_, {QString::fromStdString(s.name), QString::number(s.racks), mw(s.it_power_w)});
  QTreeWidgetItem* first_hall = nullptr;
  for (const auto& b : s.by_building) {
    auto* bi = new QTreeWidgetItem(root, {QString::fromStdString(b.name), QString::number(b.racks), mw(b.it_power_w)});
    bi->setData(0, kIdRole, qlonglong(b.id));
    for (const auto& h : b.halls) {
      auto* hi = new QTreeWidgetItem(bi, {QString::fromStdString(h.name), QString::number(h.racks), mw(h.it_power_w)});
      hi->setData(0, kIdRole, qlonglong(h.id));
      if (!first_hall) first_hall = hi;
    }
  }
  tree_->expandToDepth(0);
  const auto problems = model::validate(project_->site, project_->catalog);
  for (const auto& p : problems) {
    auto* item = new QListWidgetItem(QString("%1: %2  (fix: %3)")
                                         .arg(model::to_string(p.severity), QString::fromStdString(p.message),
                                              QString::fromStdString(p.fix)));
    item->setData(kIdRole, qlonglong(p.entity));
    issues_->addItem(item);
  }
  if (problems.empty()) issues_->addItem(tr("No validation problems."));
  const std::size_t errors = model::count_errors(problems);
  summary_->setText(tr("<b>%1</b>: %2 buildings, %3 halls, %4 racks, <b>%5 IT</b> at design load. "
                       "Validation: %6 errors, %7 warnings.")
                        .arg(QString::fromStdString(s.name))
                        .arg(s.buildings)
                        .arg(s.halls)
                        .arg(s.racks)
                        .arg(mw(s.it_power_w))
                        .arg(errors)
                        .arg(problems.size() - errors));
  if (first_hall) tree_->setCurrentItem(first_hall);
}

void MainWindow::on_open() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), QString(),
                                                    tr("dctwin projects (*.dctwin);;Site JSON (*.json)"));
  if (!path.isEmpty()) open_file(path);
}

void MainWindow::on_save_as() {
  if (!project_) return;
  const QString path = QFileDialog::getSaveFileName(this, tr("Save project"), file_, tr("dctwin projects (*.dctwin)"));
  if (path.isEmpty()) return;
  try {
    data::save_project(path.toStdString(), project_->site, project_->catalog);
    file_ = path;
    setWindowTitle(QString("dctwin - %1").arg(path));
    statusBar()->showMessage(tr("Saved %1").arg(path));
  } catch (const std::exception& e) {
    show_error(QString::fromUtf8(e.what()));
  }
}

void MainWindow::show_error(const QString& what) {
  QMessageBox::warning(this, tr("dctwin"), what);
}

}  // namespace dctwin::app
