#include "app/gui/main_window.h"

#include <vtkVersion.h>

#include <Eigen/Core>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>
#include <unordered_map>

#include "app/gui/export_report_dialog.h"
#include "app/gui/hall_plan.h"
#include "app/gui/power_budget.h"
#include "app/gui/property_editor.h"
#include "app/gui/recent_files.h"
#include "app/gui/scenario_explorer.h"
#include "app/gui/site_document.h"
#include "app/gui/solve_controller.h"
#include "app/gui/start_page.h"
#include "app/gui/view3d.h"
#include "data/catalog_io.h"
#include "data/open_project.h"
#include "data/scenario_store.h"
#include "model/edit/commands.h"
#include "model/site/loads.h"
#include "model/site/summary.h"
#include "model/site/templates.h"
#include "model/site/validation.h"

namespace dctwin::app {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
QString mw(double w) { return QString::number(w / 1e6, 'f', 1) + " MW"; }
QString kw(double w) { return QString::number(w / 1e3, 'f', 0) + " kW"; }
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  doc_ = new SiteDocument(this);
  solver_ = new SolveController(this);

  stack_ = new QStackedWidget;
  start_ = new StartPage;
  stack_->addWidget(start_);
  auto* work = new QWidget;
  auto* wl = new QVBoxLayout(work);
  wl->setContentsMargins(4, 4, 4, 0);
  summary_ = new QLabel;
  summary_->setObjectName("summaryLabel");
  summary_->setTextFormat(Qt::RichText);
  summary_->setWordWrap(true);
  wl->addWidget(summary_);
  tabs_ = new QTabWidget;
  tabs_->setObjectName("centralTabs");
  view3d_ = new View3D;
  view3d_->setObjectName("view3d");
  plan_ = new HallPlan;
  plan_->setObjectName("hallPlan");
  plan_->set_document(doc_);
  explorer_ = new ScenarioExplorer;
  explorer_->setObjectName("scenarioExplorer");
  budget_ = new PowerBudget;
  budget_->setObjectName("powerBudget");
  tabs_->addTab(view3d_, tr("3D view"));
  tabs_->addTab(plan_, tr("Hall plan"));
  tabs_->addTab(explorer_, tr("Scenarios"));
  tabs_->addTab(budget_, tr("Power budget"));
  wl->addWidget(tabs_, 1);
  stack_->addWidget(work);
  setCentralWidget(stack_);

  build_docks();
  build_menus();

  // Status bar: messages, the stale mark, progress and cancel of the background solve.
  stale_label_ = new QLabel;
  stale_label_->setObjectName("staleLabel");
  progress_ = new QProgressBar;
  progress_->setObjectName("solveProgress");
  progress_->setRange(0, 1000);
  progress_->setMaximumWidth(220);
  progress_->setTextVisible(false);
  progress_->hide();
  cancel_ = new QToolButton;
  cancel_->setObjectName("cancelSolve");
  cancel_->setText(tr("Cancel"));
  cancel_->setToolTip(tr("Stop the running solve (the results stay as they were)"));
  cancel_->hide();
  statusBar()->addPermanentWidget(stale_label_);
  statusBar()->addPermanentWidget(progress_);
  statusBar()->addPermanentWidget(cancel_);
  connect(cancel_, &QToolButton::clicked, solver_, &SolveController::cancel);

  connect(start_, &StartPage::templateChosen, this, &MainWindow::new_from_template);
  connect(start_, &StartPage::fileChosen, this, &MainWindow::open_file);
  connect(start_, &StartPage::openRequested, this, &MainWindow::on_open);

  connect(doc_, &SiteDocument::siteChanged, this, &MainWindow::on_site_changed);
  connect(doc_, &SiteDocument::selectionChanged, this, &MainWindow::on_selection_changed);
  connect(doc_, &SiteDocument::modifiedChanged, this, &MainWindow::update_title);
  connect(doc_, &SiteDocument::fileChanged, this, &MainWindow::update_title);
  connect(doc_, &SiteDocument::editRejected, this,
          [this](const QString& m) { statusBar()->showMessage(m, 8000); });
  connect(plan_, &HallPlan::statusMessage, this,
          [this](const QString& m) { statusBar()->showMessage(m, 8000); });
  connect(view3d_, &View3D::rackPicked, this, [this](qint64 id) {
    if (id == model::kNoId)
      doc_->set_selection({});
    else
      doc_->set_selection({static_cast<model::Id>(id)});
  });
  connect(explorer_, &ScenarioExplorer::scenariosChanged, doc_, &SiteDocument::scenarios_edited);

  connect(solver_, &SolveController::electricalReady, this, [this] { on_results(false); });
  connect(solver_, &SolveController::thermalReady, this, [this] { on_results(true); });
  connect(solver_, &SolveController::staleChanged, this, [this](bool s) {
    stale_label_->setText(s ? tr("Results stale: solving the edited site...") : QString());
    view3d_->set_stale(s);
  });
  connect(solver_, &SolveController::busyChanged, this, [this](bool b) {
    progress_->setVisible(b);
    cancel_->setVisible(b);
    if (!b) progress_->setValue(0);
  });
  connect(solver_, &SolveController::progress, this, [this](double f, const QString& stage) {
    progress_->setValue(static_cast<int>(f * 1000));
    progress_->setToolTip(stage);
    statusBar()->showMessage(tr("Solving: %1").arg(stage), 2000);
  });
  connect(solver_, &SolveController::failed, this, [this](const QString& m) {
    statusBar()->showMessage(m, 10000);
    // Said where the results would be, so that older ones are not read as the answer.
    summary_->setText(summary_->property("baseText").toString() + "<br><b>" + m.toHtmlEscaped() +
                      "</b>");
  });

  setWindowTitle("dctwin");
  resize(1400, 900);
  QSettings settings;
  restoreGeometry(settings.value("window/geometry").toByteArray());
  restoreState(settings.value("window/state").toByteArray());
  show_project(false);
}

MainWindow::~MainWindow() = default;

void MainWindow::build_docks() {
  tree_ = new QTreeWidget;
  tree_->setObjectName("siteTree");
  tree_->setHeaderLabels({tr("Site"), tr("Racks"), tr("IT power / kind")});
  tree_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  tree_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  tree_->setUniformRowHeights(true);
  tree_->setMinimumWidth(300);
  auto* treeDock = new QDockWidget(tr("Site"), this);
  treeDock->setObjectName("siteDock");
  treeDock->setWidget(tree_);
  addDockWidget(Qt::LeftDockWidgetArea, treeDock);
  connect(tree_, &QTreeWidget::itemSelectionChanged, this, &MainWindow::on_tree_selection);

  props_ = new PropertyEditor(doc_);
  props_->setObjectName("propertyEditor");
  props_->setMinimumWidth(270);
  auto* propsDock = new QDockWidget(tr("Properties"), this);
  propsDock->setObjectName("propertiesDock");
  propsDock->setWidget(props_);
  addDockWidget(Qt::RightDockWidgetArea, propsDock);

  issues_ = new QListWidget;
  issues_->setObjectName("issuesList");
  auto* issuesDock = new QDockWidget(tr("Validation"), this);
  issuesDock->setObjectName("issuesDock");
  issuesDock->setWidget(issues_);
  addDockWidget(Qt::BottomDockWidgetArea, issuesDock);
  resizeDocks({issuesDock}, {130}, Qt::Vertical);
  resizeDocks({treeDock, propsDock}, {330, 300}, Qt::Horizontal);
  // Click an issue: select the entity it names.
  connect(issues_, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
    const auto id = item->data(kIdRole);
    if (id.isValid() && id.toLongLong() != model::kNoId)
      doc_->set_selection({static_cast<model::Id>(id.toLongLong())});
  });
}

void MainWindow::build_menus() {
  auto* file = menuBar()->addMenu(tr("&File"));
  auto* newMenu = file->addMenu(tr("&New from template"));
  for (const auto& t : model::site_templates()) {
    const QString name = QString::fromStdString(t.name);
    auto* a = newMenu->addAction(name, this, [this, name] { new_from_template(name); });
    a->setToolTip(QString::fromStdString(t.description));
    a->setStatusTip(QString::fromStdString(t.description));
  }
  file->addAction(tr("&Open..."), QKeySequence::Open, this, &MainWindow::on_open);
  recent_menu_ = file->addMenu(tr("Open &Recent"));
  connect(recent_menu_, &QMenu::aboutToShow, this, &MainWindow::refresh_recent_menu);
  refresh_recent_menu();
  save_ = file->addAction(tr("&Save"), QKeySequence::Save, this, [this] { save(); });
  auto* saveAs =
      file->addAction(tr("Save &As..."), QKeySequence::SaveAs, this, [this] { save_as(); });
  file->addSeparator();
  export_report_ = file->addAction(tr("&Export Report..."), QKeySequence(tr("Ctrl+E")), this,
                                   &MainWindow::on_export_report);
  file->addSeparator();
  auto* close =
      file->addAction(tr("&Close"), QKeySequence::Close, this, [this] { close_project(); });
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
  project_actions_ << save_ << saveAs << export_report_ << close;

  auto* edit = menuBar()->addMenu(tr("&Edit"));
  auto* undo = doc_->undo_stack()->createUndoAction(this, tr("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  undo->setObjectName("undoAction");
  auto* redo = doc_->undo_stack()->createRedoAction(this, tr("&Redo"));
  redo->setShortcut(QKeySequence::Redo);
  redo->setObjectName("redoAction");
  edit->addAction(undo);
  edit->addAction(redo);
  edit->addSeparator();
  for (QAction* a : plan_->edit_actions()) {
    if (a)
      edit->addAction(a);
    else
      edit->addSeparator();
  }

  auto* toolbar = addToolBar(tr("Edit"));
  toolbar->setObjectName("editToolbar");
  toolbar->addAction(undo);
  toolbar->addAction(redo);
  toolbar->addSeparator();
  toolbar->addAction(plan_->add_row_action());
  toolbar->addAction(plan_->rotate_action());
  toolbar->addAction(plan_->delete_action());
  toolbar->addAction(plan_->place_crah_action());

  auto* view = menuBar()->addMenu(tr("&View"));
  for (auto* dock : findChildren<QDockWidget*>()) view->addAction(dock->toggleViewAction());
  view->addSeparator();
  view->addAction(tr("3D &top view"), QKeySequence(tr("Ctrl+1")), this, [this] {
    tabs_->setCurrentWidget(view3d_);
    view3d_->set_camera(render::CameraView::Top);
  });
  view->addAction(tr("3D &front view"), QKeySequence(tr("Ctrl+2")), this, [this] {
    tabs_->setCurrentWidget(view3d_);
    view3d_->set_camera(render::CameraView::Front);
  });
  view->addAction(tr("3D &isometric view"), QKeySequence(tr("Ctrl+3")), this, [this] {
    tabs_->setCurrentWidget(view3d_);
    view3d_->set_camera(render::CameraView::Isometric);
  });
  view->addAction(tr("&Reset 3D camera"), QKeySequence(tr("Ctrl+0")), this, [this] {
    tabs_->setCurrentWidget(view3d_);
    view3d_->reset_camera();
  });

  auto* solve = menuBar()->addMenu(tr("&Solve"));
  auto* again = solve->addAction(tr("&Solve now"), QKeySequence(tr("F5")), this, [this] {
    solver_->site_changed(std::make_shared<const model::Site>(doc_->site()),
                          std::make_shared<const model::Catalog>(doc_->catalog()),
                          doc_->revision());
    solver_->solve_now();
  });
  auto* cancel = solve->addAction(tr("&Cancel solve"), QKeySequence(tr("Shift+F5")), solver_,
                                  &SolveController::cancel);
  project_actions_ << again << cancel;

  auto* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About dctwin"), this, &MainWindow::about);
}

void MainWindow::about() {
  QMessageBox::about(this, tr("About dctwin"),
                     tr("<b>dctwin %1</b><br>Digital twin of the power and cooling of gigawatt AI "
                        "sites.<br><br>Qt %2, VTK %3, Eigen %4.%5.%6")
                         .arg(DCTWIN_VERSION, qVersion(), vtkVersion::GetVTKVersion())
                         .arg(EIGEN_WORLD_VERSION)
                         .arg(EIGEN_MAJOR_VERSION)
                         .arg(EIGEN_MINOR_VERSION));
}

void MainWindow::show_project(bool on) {
  stack_->setCurrentIndex(on ? 1 : 0);
  for (QAction* a : project_actions_) a->setEnabled(on);
  for (auto* dock : findChildren<QDockWidget*>()) dock->setVisible(on);
  if (!on) start_->refresh();
  update_title();
}

void MainWindow::update_title() {
  if (stack_->currentIndex() == 0) {
    setWindowTitle("dctwin");
    return;
  }
  const QString f = doc_->file();
  const QString name = f.isEmpty() ? QString::fromStdString(doc_->site().name) + tr(" (unsaved)")
                                   : QFileInfo(f).fileName();
  setWindowTitle(QString("%1%2 - dctwin").arg(name, doc_->modified() ? "*" : ""));
  setWindowFilePath(f);
}

bool MainWindow::open_file(const QString& path) {
  // Read first: a file that cannot be read leaves what is open as it was.
  data::Project p;
  try {
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    p = data::open_project(path.toStdString());
    QGuiApplication::restoreOverrideCursor();
  } catch (const std::exception& e) {
    QGuiApplication::restoreOverrideCursor();
    show_error(QString::fromUtf8(e.what()));
    return false;
  }
  if (!close_project()) return false;
  const bool is_json = path.endsWith(".json", Qt::CaseInsensitive);
  doc_->set_project(std::move(p), is_json ? QString() : path);
  explorer_->set_project(doc_->mutable_project());
  solver_->solve_now();
  if (!is_json) add_recent_file(path);
  show_project(true);
  statusBar()->showMessage(
      is_json ? tr("Imported %1 (save it as a project file to keep results)").arg(path)
              : tr("Opened %1").arg(path),
      5000);
  return true;
}

bool MainWindow::new_from_template(const QString& name) {
  data::Project p;
  try {
    const auto& cat = data::builtin_catalog();
    p = data::Project{model::make_site_from_template(name.toStdString(), {}, cat), cat};
    p.scenarios = data::builtin_stored_scenarios(p.site, p.catalog);
  } catch (const std::exception& e) {
    show_error(QString::fromUtf8(e.what()));
    return false;
  }
  if (!close_project()) return false;
  doc_->set_project(std::move(p), QString());
  explorer_->set_project(doc_->mutable_project());
  solver_->solve_now();
  show_project(true);
  statusBar()->showMessage(tr("New site from the '%1' template").arg(name), 5000);
  return true;
}

bool MainWindow::save() {
  if (doc_->file().isEmpty()) return save_as();
  return save_as(doc_->file());
}

bool MainWindow::save_as(const QString& given) {
  QString path = given;
  if (path.isEmpty()) {
    path = QFileDialog::getSaveFileName(this, tr("Save project"), doc_->file(),
                                        tr("dctwin projects (*.dctwin)"));
    if (path.isEmpty()) return false;
    if (QFileInfo(path).suffix().isEmpty()) path += ".dctwin";
  }
  QString error;
  if (!doc_->save(path, &error)) {
    show_error(error);
    return false;
  }
  add_recent_file(path);
  statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
  return true;
}

bool MainWindow::close_project() {
  if (stack_->currentIndex() == 0) return true;
  if (doc_->modified()) {
    int answer = 0;
    if (unsaved_prompt_) {
      answer = unsaved_prompt_();
    } else {
      answer = QMessageBox::warning(
          this, tr("dctwin"), tr("The site has unsaved changes. Save them before closing?"),
          QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    }
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Save && !save()) return false;
  }
  solver_->cancel();
  explorer_->set_project(nullptr);
  doc_->set_project(data::Project{}, QString());
  show_project(false);
  return true;
}

void MainWindow::closeEvent(QCloseEvent* e) {
  if (!close_project()) {
    e->ignore();
    return;
  }
  QSettings settings;
  settings.setValue("window/geometry", saveGeometry());
  settings.setValue("window/state", saveState());
  e->accept();
}

void MainWindow::on_site_changed() {
  const model::Site& site = doc_->site();
  rebuild_tree();
  update_title();
  // A closed project is an empty site: nothing to draw or solve.
  if (site.buildings.empty() && site.halls.empty()) return;
  revalidate();
  view3d_->set_site(site, doc_->catalog());
  budget_->set_site(site, doc_->catalog());
  explorer_->mark_stale();
  budget_->mark_stale();
  solver_->site_changed(std::make_shared<const model::Site>(site),
                        std::make_shared<const model::Catalog>(doc_->catalog()), doc_->revision());
}

void MainWindow::on_results(bool thermal) {
  const auto r = solver_->latest();
  if (!r) return;
  const auto* th = r->thermal ? &*r->thermal : nullptr;
  // The views show results only while they are of the site as it is; otherwise they keep the
  // older ones marked stale.
  view3d_->set_results(&r->elec, th);
  view3d_->set_stale(solver_->stale());
  if (!solver_->stale()) {
    // The plan colours racks by their solved cord power (IT plus PSU losses).
    std::vector<double> power(r->elec.racks.size());
    double top = 0;
    for (std::size_t i = 0; i < power.size(); ++i) {
      power[i] = r->elec.racks[i].input_w / 1e3;
      top = std::max(top, power[i]);
    }
    plan_->set_rack_values(
        std::move(power), "kW solved",
        render::ColorMap(render::ColorMapKind::Viridis, 0.0, std::max(top, 1.0)));
    budget_->set_results(*r->site, r->elec, nullptr);
  }
  QString text = summary_->property("baseText").toString();
  text += tr("<br>Solved: grid import <b>%1</b>, losses %2, PF %3")
              .arg(mw(r->elec.grid_import_w), mw(r->elec.total_loss_w))
              .arg(r->elec.power_factor, 0, 'f', 3);
  if (th && r->facility) {
    // The coupled solve: the grid import above carries the plant; facility power as
    // `dctwin-cli solve` counts it (IT, losses and every cooling unit, fed or not).
    const auto& f = *r->facility;
    text += tr("; cooling %1, PUE <b>%2</b>, max rack inlet %3 C at %4 C outdoor")
                .arg(mw(f.cooling_power_w))
                .arg(f.pue, 0, 'f', 3)
                .arg(th->max_rack_inlet_c, 0, 'f', 1)
                .arg(th->outdoor.dry_bulb_c, 0, 'f', 1);
    if (f.unfed_cooling_power_w > 0)
      text += tr("; <b>%1 of cooling has no electrical feed</b> (not in the grid import)")
                  .arg(mw(f.unfed_cooling_power_w));
    if (!f.converged) text += "; " + QString::fromStdString(f.message).toHtmlEscaped();
  } else if (thermal && !r->thermal_message.isEmpty()) {
    text += "; " + r->thermal_message.toHtmlEscaped();
  } else if (!thermal) {
    text += tr("; thermal solve running...");
  }
  if (solver_->stale()) text += tr(" <i>(stale)</i>");
  summary_->setText(text);
}

void MainWindow::rebuild_tree() {
  // Keep what was expanded across edits.
  QSet<qlonglong> expanded;
  for (QTreeWidgetItemIterator it(tree_); *it; ++it)
    if ((*it)->isExpanded()) expanded.insert((*it)->data(0, kIdRole).toLongLong());
  const bool first = tree_->topLevelItemCount() == 0;
  syncing_selection_ = true;
  tree_->clear();
  const model::Site& site = doc_->site();
  if (site.halls.empty() && site.buildings.empty()) {
    syncing_selection_ = false;
    return;
  }
  const auto s = model::summarize(site, doc_->catalog());
  auto* root = new QTreeWidgetItem(
      tree_, {QString::fromStdString(s.name), QString::number(s.racks), mw(s.it_power_w)});
  root->setData(0, kIdRole, qlonglong(model::kNoId));
  // Rows and racks under their halls.
  std::unordered_map<model::Id, QTreeWidgetItem*> hall_items, row_items;
  for (const auto& b : s.by_building) {
    auto* bi = new QTreeWidgetItem(
        root, {QString::fromStdString(b.name), QString::number(b.racks), mw(b.it_power_w)});
    bi->setData(0, kIdRole, qlonglong(b.id));
    for (const auto& h : b.halls) {
      auto* hi = new QTreeWidgetItem(
          bi, {QString::fromStdString(h.name), QString::number(h.racks), mw(h.it_power_w)});
      hi->setData(0, kIdRole, qlonglong(h.id));
      hall_items[h.id] = hi;
    }
  }
  for (const auto& row : site.rows) {
    auto it = hall_items.find(row.hall_id);
    if (it == hall_items.end()) continue;
    auto* ri = new QTreeWidgetItem(it->second, {QString::fromStdString(row.name)});
    ri->setData(0, kIdRole, qlonglong(row.id));
    row_items[row.id] = ri;
  }
  for (std::size_t i = 0; i < site.racks.size(); ++i) {
    auto it = row_items.find(site.racks.row_id[i]);
    if (it == row_items.end()) continue;
    // A rack whose type is not in the catalog is shown (validation lists it as an error).
    const auto power = model::find_rack_design_power_w(site, i, doc_->catalog());
    auto* item =
        new QTreeWidgetItem(it->second, {QString::fromStdString(site.racks.name[i]), QString(),
                                         power ? kw(*power) : tr("unknown type")});
    item->setData(0, kIdRole, qlonglong(site.racks.id[i]));
  }
  auto* elec = new QTreeWidgetItem(
      root, {tr("Electrical equipment"), QString::number(site.elec_nodes.size())});
  elec->setData(0, kIdRole, qlonglong(model::kNoId));
  for (const auto& n : site.elec_nodes) {
    auto* item = new QTreeWidgetItem(elec, {QString::fromStdString(n.name), QString(),
                                            QString::fromUtf8(model::to_string(n.kind))});
    item->setData(0, kIdRole, qlonglong(n.id));
  }
  auto* cool =
      new QTreeWidgetItem(root, {tr("Cooling equipment"), QString::number(site.cooling.size())});
  cool->setData(0, kIdRole, qlonglong(model::kNoId));
  for (const auto& u : site.cooling) {
    auto* item = new QTreeWidgetItem(cool, {QString::fromStdString(u.name), QString(),
                                            QString::fromUtf8(model::to_string(u.kind))});
    item->setData(0, kIdRole, qlonglong(u.id));
  }
  if (first) {
    // Buildings and halls open; rows, racks and equipment lists closed (thousands of items).
    root->setExpanded(true);
    for (int i = 0; i < root->childCount(); ++i)
      if (root->child(i)->data(0, kIdRole).toLongLong() != model::kNoId)
        root->child(i)->setExpanded(true);
  } else {
    for (QTreeWidgetItemIterator it(tree_); *it; ++it)
      if (expanded.contains((*it)->data(0, kIdRole).toLongLong())) (*it)->setExpanded(true);
    root->setExpanded(true);
  }
  syncing_selection_ = false;
  on_selection_changed();
}

void MainWindow::revalidate() {
  issues_->clear();
  const model::Site& site = doc_->site();
  const auto s = model::summarize(site, doc_->catalog());
  const auto problems = model::validate(site, doc_->catalog());
  for (const auto& p : problems) {
    auto* item = new QListWidgetItem(QString("%1: %2  (fix: %3)")
                                         .arg(model::to_string(p.severity),
                                              QString::fromStdString(p.message),
                                              QString::fromStdString(p.fix)));
    item->setData(kIdRole, qlonglong(p.entity));
    item->setToolTip(tr("Click to select the entity"));
    issues_->addItem(item);
  }
  if (problems.empty()) issues_->addItem(tr("No validation problems."));
  const std::size_t errors = model::count_errors(problems);
  const QString base = tr("<b>%1</b>: %2 buildings, %3 halls, %4 racks, <b>%5 IT</b> at design "
                          "load. Validation: %6 errors, %7 warnings.")
                           .arg(QString::fromStdString(s.name))
                           .arg(s.buildings)
                           .arg(s.halls)
                           .arg(s.racks)
                           .arg(mw(s.it_power_w))
                           .arg(errors)
                           .arg(problems.size() - errors);
  summary_->setProperty("baseText", base);
  summary_->setText(base);
}

void MainWindow::on_tree_selection() {
  if (syncing_selection_) return;
  std::vector<model::Id> ids;
  for (QTreeWidgetItem* item : tree_->selectedItems()) {
    const qlonglong id = item->data(0, kIdRole).toLongLong();
    if (id != model::kNoId) ids.push_back(static_cast<model::Id>(id));
  }
  doc_->set_selection(std::move(ids));
}

void MainWindow::on_selection_changed() {
  const auto& sel = doc_->selection();
  // The tree follows (without echoing back).
  syncing_selection_ = true;
  tree_->clearSelection();
  QTreeWidgetItem* first = nullptr;
  if (!sel.empty()) {
    QSet<qlonglong> want;
    for (auto id : sel) want.insert(id);
    for (QTreeWidgetItemIterator it(tree_); *it; ++it) {
      if (want.contains((*it)->data(0, kIdRole).toLongLong())) {
        (*it)->setSelected(true);
        if (!first) first = *it;
      }
    }
  }
  if (first) tree_->scrollToItem(first);
  syncing_selection_ = false;
  view3d_->set_selection(sel);
  // The plan shows the hall of the first selected entity that lies in a hall.
  for (auto id : sel) {
    const model::Id hall = model::edit::hall_of(doc_->site(), id);
    if (hall == model::kNoId) continue;
    if (plan_->hall() != hall) plan_->set_hall(hall);
    break;
  }
}

void MainWindow::on_open() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open project"), QString(), tr("dctwin projects (*.dctwin);;Site JSON (*.json)"));
  if (!path.isEmpty()) open_file(path);
}

void MainWindow::on_export_report() {
  ExportReportDialog dlg(doc_->project(), doc_->modified() ? QString() : doc_->file(), this);
  dlg.exec();
}

void MainWindow::refresh_recent_menu() {
  recent_menu_->clear();
  const QStringList files = recent_files();
  for (int i = 0; i < files.size(); ++i) {
    const QString f = files[i];
    recent_menu_
        ->addAction(QString("&%1 %2").arg(i + 1).arg(QFileInfo(f).fileName()), this,
                    [this, f] { open_file(f); })
        ->setStatusTip(f);
  }
  if (files.isEmpty()) recent_menu_->addAction(tr("(none)"))->setEnabled(false);
  recent_menu_->addSeparator();
  recent_menu_->addAction(tr("Clear the list"), this, [] { clear_recent_files(); });
}

void MainWindow::show_error(const QString& what) {
  if (error_sink_) {
    error_sink_(what);
    return;
  }
  QMessageBox::warning(this, tr("dctwin"), what);
}

}  // namespace dctwin::app
