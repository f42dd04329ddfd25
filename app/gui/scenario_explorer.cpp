#include "app/gui/scenario_explorer.h"

#include <QColor>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <mutex>

#include "app/gui/charts.h"
#include "app/gui/scenario_editor.h"
#include "data/scenario_store.h"
#include "model/site/validation.h"

namespace dctwin::app {

namespace sc = model::scenario;

// Progress of a run, written by the worker (and the engine's threads), read by the UI timer.
struct ScenarioExplorer::RunShared : model::Progress {
  std::mutex m;
  double fraction = 0;
  std::string stage;
  int index = 0, count = 1;
  std::uint64_t run_id = 0;
  void report(double f, std::string_view st) override {
    std::lock_guard lock(m);
    fraction = (index + std::clamp(f, 0.0, 1.0)) / std::max(count, 1);
    stage = std::string(st);
  }
};

namespace {

constexpr int kNameCol = 0, kStatusCol = 5;

QString fmt_duration(double s) {
  if (s >= 86400 && std::fmod(s, 86400) == 0) return QString("%1 d").arg(s / 86400);
  if (s >= 3600 && std::fmod(s, 3600) == 0) return QString("%1 h").arg(s / 3600);
  if (s >= 60 && std::fmod(s, 60) == 0) return QString("%1 min").arg(s / 60);
  return QString("%1 s").arg(s);
}

QString load_text(const data::StoredScenario& s) {
  if (s.load_kind == "diurnal")
    return QString("diurnal %1 ± %2").arg(s.load_mean).arg(s.load_amplitude);
  if (s.load_kind == "training") return QString("training %1").arg(s.load_mean);
  return QString("constant %1").arg(s.load_mean);
}

QString weather_text(const data::StoredScenario& s) {
  if (s.weather_kind == "constant")
    return QString("%1 / %2 °C").arg(s.dry_bulb_c.value_or(0)).arg(s.wet_bulb_c.value_or(0));
  if (s.weather_kind == "climate") return QString::fromStdString(s.weather_source);
  return "EPW " + QFileInfo(QString::fromStdString(s.weather_source)).fileName();
}

QString events_summary(const sc::SimulationResult& r) {
  if (r.events.empty()) return QObject::tr("none");
  QStringList out;
  for (const auto& e : r.events) {
    QString s = QString("%1 at %2 s").arg(sc::to_string(e.kind)).arg(e.t0_s);
    switch (e.kind) {
      case sc::EventKind::UtilityLoss:
        s += e.generators ? QObject::tr(": generators carry after %1 s, UPS bridge %2 s")
                                .arg(e.generator_start_s)
                                .arg(e.bridge_s, 0, 'f', 1)
                          : QObject::tr(": no generator carries the site");
        if (!e.ups_depleted.empty())
          s += QObject::tr(", %1 UPS depleted").arg(e.ups_depleted.size());
        s += QObject::tr(", %1 cooling units stop").arg(e.cooling_units_stopped);
        if (e.plant_running_s)
          s += QObject::tr(" and run again after %1 s").arg(*e.plant_running_s, 0, 'f', 0);
        break;
      case sc::EventKind::ChillerTrip:
        s += QObject::tr(": loop peaks at %1 °C, %2")
                 .arg(e.peak_c, 0, 'f', 1)
                 .arg(e.recovered ? QObject::tr("recovers") : QObject::tr("does not recover"));
        break;
      case sc::EventKind::ComponentOutage:
        s += QObject::tr(": %1 out, worst loading %2 %")
                 .arg(e.target)
                 .arg(e.worst_loading_pct, 0, 'f', 1);
        break;
    }
    s += QObject::tr(", %1 racks lost").arg(e.racks_lost.size());
    out << s;
  }
  return out.join("; ");
}

}  // namespace

ScenarioExplorer::ScenarioExplorer(QWidget* parent) : QWidget(parent) {
  setObjectName("scenarioExplorer");
  build_ui();
  poll_ = new QTimer(this);
  poll_->setInterval(100);
  connect(poll_, &QTimer::timeout, this, &ScenarioExplorer::poll_progress);
  update_buttons();
}

ScenarioExplorer::~ScenarioExplorer() {
  if (worker_.joinable()) {
    shared_->cancel();
    worker_.join();  // queued calls to this object are dropped with it
  }
}

QString ScenarioExplorer::series_name(Series s) {
  switch (s) {
    case Series::GridImport:
      return tr("Grid import");
    case Series::It:
      return tr("IT power");
    case Series::Cooling:
      return tr("Cooling power");
    case Series::Losses:
      return tr("Electrical losses");
    case Series::Facility:
      return tr("Facility power");
    case Series::Pue:
      return tr("PUE (per step)");
    case Series::BatterySoc:
      return tr("Battery state of charge");
    case Series::MaxRackInlet:
      return tr("Max rack inlet (snapshots)");
    case Series::Water:
      return tr("Water use");
    case Series::DryBulb:
      return tr("Outdoor dry-bulb");
    case Series::LoadFraction:
      return tr("Site load");
  }
  return {};
}

QString ScenarioExplorer::series_unit(Series s) {
  switch (s) {
    case Series::GridImport:
    case Series::It:
    case Series::Cooling:
    case Series::Losses:
    case Series::Facility:
      return "MW";
    case Series::Pue:
      return "-";
    case Series::BatterySoc:
      return "%";
    case Series::MaxRackInlet:
    case Series::DryBulb:
      return "°C";
    case Series::Water:
      return "m³/h";
    case Series::LoadFraction:
      return tr("% of design IT");
  }
  return {};
}

void ScenarioExplorer::build_ui() {
  // Left: the scenario list and its buttons, the run controls.
  auto* left = new QWidget;
  auto* lv = new QVBoxLayout(left);
  lv->setContentsMargins(0, 0, 0, 0);
  list_ = new QTreeWidget;
  list_->setObjectName("scenarioList");
  list_->setHeaderLabels(
      {tr("Scenario"), tr("Horizon"), tr("Step"), tr("Load"), tr("Weather"), tr("Status")});
  list_->setRootIsDecorated(false);
  list_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  list_->setAlternatingRowColors(true);
  list_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  connect(list_, &QTreeWidget::itemSelectionChanged, this, [this] {
    update_buttons();
    refresh_views();
  });
  connect(list_, &QTreeWidget::itemDoubleClicked, this,
          [this](QTreeWidgetItem* it) { edit_scenario_dialog(it->text(kNameCol)); });
  lv->addWidget(list_, 1);
  auto* brow = new QHBoxLayout;
  auto mk = [&](const QString& text, const char* name, const QString& tip) {
    auto* b = new QPushButton(text);
    b->setObjectName(name);
    b->setToolTip(tip);
    brow->addWidget(b);
    return b;
  };
  new_btn_ = mk(tr("New..."), "newButton", tr("Create a scenario"));
  clone_btn_ = mk(tr("Clone"), "cloneButton", tr("Copy the selected scenario"));
  edit_btn_ = mk(tr("Edit..."), "editButton", tr("Edit the selected scenario"));
  delete_btn_ = mk(tr("Delete"), "deleteButton", tr("Delete the selected scenarios"));
  lv->addLayout(brow);
  connect(new_btn_, &QPushButton::clicked, this, [this] { new_scenario_dialog(); });
  connect(clone_btn_, &QPushButton::clicked, this, [this] {
    const QStringList sel = selected();
    if (sel.size() == 1) {
      const QString n = clone_scenario(sel.front());
      if (!n.isEmpty()) select({n});
    }
  });
  connect(edit_btn_, &QPushButton::clicked, this, [this] {
    const QStringList sel = selected();
    if (sel.size() == 1) edit_scenario_dialog(sel.front());
  });
  connect(delete_btn_, &QPushButton::clicked, this, [this] {
    const QStringList sel = selected();
    if (sel.isEmpty()) return;
    if (QMessageBox::question(this, tr("Delete scenarios"),
                              tr("Delete %1 from the project?").arg(sel.join(", "))) !=
        QMessageBox::Yes)
      return;
    for (const auto& n : sel) remove_scenario(n);
  });
  auto* rrow = new QHBoxLayout;
  run_btn_ = new QPushButton(tr("Run selected"));
  run_btn_->setObjectName("runButton");
  run_btn_->setToolTip(tr("Run the selected scenarios one after the other (in the background)"));
  cancel_btn_ = new QPushButton(tr("Cancel"));
  cancel_btn_->setObjectName("cancelButton");
  progress_ = new QProgressBar;
  progress_->setObjectName("runProgress");
  progress_->setRange(0, 1000);
  progress_->setTextVisible(true);
  progress_->setFormat("%p %");
  rrow->addWidget(run_btn_);
  rrow->addWidget(progress_, 1);
  rrow->addWidget(cancel_btn_);
  lv->addLayout(rrow);
  status_ = new QLabel(tr("Select scenarios and press Run."));
  status_->setObjectName("runStatus");
  status_->setWordWrap(true);
  lv->addWidget(status_);
  connect(run_btn_, &QPushButton::clicked, this, [this] { run(selected()); });
  connect(cancel_btn_, &QPushButton::clicked, this, &ScenarioExplorer::cancel);

  // Right: series picker, chart, headline table.
  auto* right = new QSplitter(Qt::Vertical);
  auto* chart_box = new QWidget;
  auto* cv = new QVBoxLayout(chart_box);
  cv->setContentsMargins(0, 0, 0, 0);
  auto* crow = new QHBoxLayout;
  crow->addWidget(new QLabel(tr("Series")));
  series_combo_ = new QComboBox;
  series_combo_->setObjectName("seriesCombo");
  for (int i = 0; i <= static_cast<int>(Series::LoadFraction); ++i)
    series_combo_->addItem(series_name(static_cast<Series>(i)), i);
  connect(series_combo_, &QComboBox::currentIndexChanged, this, [this] { refresh_chart(); });
  crow->addWidget(series_combo_);
  auto* reset = new QToolButton;
  reset->setText(tr("Reset zoom"));
  reset->setObjectName("resetZoomButton");
  crow->addWidget(reset);
  auto* exp = new QToolButton;
  exp->setText(tr("Export chart..."));
  exp->setObjectName("exportChartButton");
  crow->addWidget(exp);
  auto* hint =
      new QLabel(tr("drag: zoom · wheel/+/-: zoom · Ctrl+drag, arrows: pan · double-click: reset"));
  hint->setStyleSheet("QLabel { color: #666; }");
  crow->addWidget(hint, 1);
  cv->addLayout(crow);
  chart_ = new TimeSeriesChart;
  chart_->setObjectName("scenarioChart");
  chart_->setMinimumSize(480, 300);
  cv->addWidget(chart_, 1);
  connect(reset, &QToolButton::clicked, chart_, &TimeSeriesChart::reset_zoom);
  connect(exp, &QToolButton::clicked, this, &ScenarioExplorer::export_chart_dialog);
  connect(chart_, &TimeSeriesChart::exportRequested, this, &ScenarioExplorer::export_chart_dialog);
  right->addWidget(chart_box);

  auto* table_box = new QWidget;
  auto* tv = new QVBoxLayout(table_box);
  tv->setContentsMargins(0, 0, 0, 0);
  auto* trow = new QHBoxLayout;
  trow->addWidget(new QLabel(tr("Headline figures")));
  trow->addStretch(1);
  auto* texp = new QToolButton;
  texp->setText(tr("Export CSV..."));
  texp->setObjectName("exportTableButton");
  trow->addWidget(texp);
  tv->addLayout(trow);
  table_ = new QTableWidget;
  table_->setObjectName("headlineTable");
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->verticalHeader()->hide();
  table_->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(table_, &QWidget::customContextMenuRequested, this, [this](const QPoint& p) {
    QMenu m(this);
    m.addAction(tr("Export CSV..."), this, &ScenarioExplorer::export_table_dialog);
    m.exec(table_->viewport()->mapToGlobal(p));
  });
  connect(texp, &QToolButton::clicked, this, &ScenarioExplorer::export_table_dialog);
  tv->addWidget(table_, 1);
  right->addWidget(table_box);

  // The events' time lines: what happens when, with the figures (a utility outage's cascade).
  auto* events_box = new QWidget;
  auto* ev = new QVBoxLayout(events_box);
  ev->setContentsMargins(0, 0, 0, 0);
  ev->addWidget(new QLabel(tr("Event time line (times from the start of the scenario)")));
  events_table_ = new QTableWidget;
  events_table_->setObjectName("eventsTable");
  events_table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  events_table_->verticalHeader()->hide();
  events_table_->setWordWrap(true);
  ev->addWidget(events_table_, 1);
  right->addWidget(events_box);
  right->setStretchFactor(0, 3);
  right->setStretchFactor(1, 2);
  right->setStretchFactor(2, 2);

  auto* split = new QSplitter(Qt::Horizontal);
  split->addWidget(left);
  split->addWidget(right);
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 5);
  auto* lay = new QVBoxLayout(this);
  lay->setContentsMargins(4, 4, 4, 4);
  lay->addWidget(split);
}

// ---------------------------------------------------------------------------------------------
// Scenarios

void ScenarioExplorer::set_project(data::Project* project) {
  if (worker_.joinable()) {
    shared_->cancel();
    worker_.join();
    shared_.reset();
    poll_->stop();
  }
  project_ = project;
  entries_.clear();
  revision_.clear();
  ++generation_;
  progress_->setValue(0);
  status_->setText(project ? tr("Select scenarios and press Run.") : tr("No project."));
  refresh_list();
  refresh_views();
  update_buttons();
}

void ScenarioExplorer::mark_stale() {
  ++generation_;
  for (auto& [name, e] : entries_)
    if (e.result) e.stale = true;
  refresh_list();
  refresh_views();
}

QStringList ScenarioExplorer::scenario_names() const {
  QStringList out;
  if (project_)
    for (const auto& s : project_->scenarios) out << QString::fromStdString(s.name);
  return out;
}

int ScenarioExplorer::index_of(const QString& name) const {
  if (!project_) return -1;
  const std::string n = name.toStdString();
  for (std::size_t i = 0; i < project_->scenarios.size(); ++i)
    if (project_->scenarios[i].name == n) return static_cast<int>(i);
  return -1;
}

QString ScenarioExplorer::unique_name(const QString& base) const {
  if (index_of(base) < 0) return base;
  for (int i = 2;; ++i) {
    const QString n = QString("%1 %2").arg(base).arg(i);
    if (index_of(n) < 0) return n;
  }
}

bool ScenarioExplorer::add_scenario(const data::StoredScenario& s, QString* error) {
  const QString name = QString::fromStdString(s.name);
  if (!project_ || name.trimmed().isEmpty() || index_of(name) >= 0) {
    if (error)
      *error = !project_                  ? tr("no project")
               : name.trimmed().isEmpty() ? tr("a scenario needs a name")
                                          : tr("a scenario called '%1' exists already").arg(name);
    return false;
  }
  project_->scenarios.push_back(s);
  entries_.erase(name);
  ++revision_[name];
  refresh_list();
  emit scenariosChanged();
  return true;
}

bool ScenarioExplorer::replace_scenario(const QString& name, const data::StoredScenario& s,
                                        QString* error) {
  const int i = index_of(name);
  const QString new_name = QString::fromStdString(s.name);
  if (i < 0 || new_name.trimmed().isEmpty() || (new_name != name && index_of(new_name) >= 0)) {
    if (error)
      *error = i < 0 ? tr("no scenario called '%1'").arg(name)
               : new_name.trimmed().isEmpty()
                   ? tr("a scenario needs a name")
                   : tr("a scenario called '%1' exists already").arg(new_name);
    return false;
  }
  if (project_->scenarios[static_cast<std::size_t>(i)] == s) return true;  // nothing changed
  project_->scenarios[static_cast<std::size_t>(i)] = s;
  if (new_name != name) {
    auto node = entries_.extract(name);
    if (!node.empty()) {
      node.key() = new_name;
      entries_.insert(std::move(node));
    }
    revision_[new_name] = revision_[name] + 1;
    revision_.erase(name);
  } else {
    ++revision_[name];
  }
  auto it = entries_.find(new_name);
  if (it != entries_.end() && it->second.result) it->second.stale = true;
  const QStringList sel = selected();
  refresh_list();
  QStringList resel;
  for (const auto& n : sel) resel << (n == name ? new_name : n);
  select(resel);
  refresh_views();
  emit scenariosChanged();
  return true;
}

bool ScenarioExplorer::remove_scenario(const QString& name) {
  const int i = index_of(name);
  if (i < 0) return false;
  project_->scenarios.erase(project_->scenarios.begin() + i);
  entries_.erase(name);
  revision_.erase(name);
  refresh_list();
  refresh_views();
  emit scenariosChanged();
  return true;
}

QString ScenarioExplorer::clone_scenario(const QString& name) {
  const int i = index_of(name);
  if (i < 0) return {};
  data::StoredScenario c = project_->scenarios[static_cast<std::size_t>(i)];
  const QString n = unique_name(name + tr(" copy"));
  c.name = n.toStdString();
  return add_scenario(c) ? n : QString();
}

bool ScenarioExplorer::new_scenario_dialog() {
  if (!project_) return false;
  const QString name = unique_name(tr("scenario"));
  ScenarioEditor dlg(ScenarioEditor::default_scenario(&project_->site, name), scenario_names(),
                     &project_->site, this);
  if (dlg.exec() != QDialog::Accepted) return false;
  const data::StoredScenario s = dlg.scenario();
  if (!add_scenario(s)) return false;
  select({QString::fromStdString(s.name)});
  return true;
}

bool ScenarioExplorer::edit_scenario_dialog(const QString& name) {
  const int i = index_of(name);
  if (i < 0) return false;
  QStringList taken = scenario_names();
  taken.removeAll(name);
  ScenarioEditor dlg(project_->scenarios[static_cast<std::size_t>(i)], taken, &project_->site,
                     this);
  if (dlg.exec() != QDialog::Accepted) return false;
  return replace_scenario(name, dlg.scenario());
}

// ---------------------------------------------------------------------------------------------
// Selection and list

void ScenarioExplorer::select(const QStringList& names) {
  {
    const QSignalBlocker block(list_);
    list_->clearSelection();
    for (int i = 0; i < list_->topLevelItemCount(); ++i) {
      QTreeWidgetItem* it = list_->topLevelItem(i);
      if (names.contains(it->text(kNameCol))) it->setSelected(true);
    }
  }
  update_buttons();
  refresh_views();
}

QStringList ScenarioExplorer::selected() const {
  QStringList out;  // in list order
  for (int i = 0; i < list_->topLevelItemCount(); ++i)
    if (list_->topLevelItem(i)->isSelected()) out << list_->topLevelItem(i)->text(kNameCol);
  return out;
}

QString ScenarioExplorer::status(const QString& name) const {
  auto it = entries_.find(name);
  if (it == entries_.end() || it->second.state.isEmpty()) return tr("not run");
  const Entry& e = it->second;
  if (e.state == "done" && e.stale) return tr("stale");
  if (e.state == "running" || e.state == "queued") return e.state;
  if (e.result && e.stale) return e.state + tr(" (stale result)");
  return e.state;
}

void ScenarioExplorer::refresh_list() {
  const QStringList sel = selected();
  const QSignalBlocker block(list_);
  list_->clear();
  if (!project_) return;
  for (const auto& s : project_->scenarios) {
    const QString name = QString::fromStdString(s.name);
    auto* it = new QTreeWidgetItem(list_);
    it->setText(kNameCol, name);
    it->setToolTip(kNameCol, QString::fromStdString(s.description));
    it->setText(1, fmt_duration(s.horizon_s));
    it->setText(2, fmt_duration(s.step_s));
    it->setText(3, load_text(s));
    it->setText(4, weather_text(s));
    const QString st = status(name);
    it->setText(kStatusCol, st);
    if (st.startsWith("error"))
      it->setForeground(kStatusCol, QColor(190, 0, 0));
    else if (st.contains("stale"))
      it->setForeground(kStatusCol, QColor(180, 100, 0));
    else if (st == "done")
      it->setForeground(kStatusCol, QColor(0, 120, 0));
    if (auto e = entries_.find(name); e != entries_.end() && e->second.state.startsWith("error"))
      it->setToolTip(kStatusCol, e->second.state);
    it->setSelected(sel.contains(name));
  }
}

void ScenarioExplorer::update_buttons() {
  const int n = static_cast<int>(selected().size());
  const bool has = project_ != nullptr;
  new_btn_->setEnabled(has);
  clone_btn_->setEnabled(has && n == 1);
  edit_btn_->setEnabled(has && n == 1);
  delete_btn_->setEnabled(has && n >= 1);
  run_btn_->setEnabled(has && n >= 1 && !is_running());
  cancel_btn_->setEnabled(is_running());
}

// ---------------------------------------------------------------------------------------------
// Runs

bool ScenarioExplorer::run(const QStringList& names) {
  if (!project_ || is_running() || names.isEmpty()) return false;
  std::vector<data::StoredScenario> todo;
  std::vector<std::uint64_t> revs;
  for (const auto& n : names) {
    const int i = index_of(n);
    if (i < 0) return false;
    todo.push_back(project_->scenarios[static_cast<std::size_t>(i)]);
    revs.push_back(revision_[n]);
  }
  for (const auto& n : names) entries_[n].state = "queued";
  static std::uint64_t next_run_id = 0;
  shared_ = std::make_shared<RunShared>();
  shared_->count = static_cast<int>(todo.size());
  shared_->run_id = ++next_run_id;
  shared_->stage = "starting";
  // The worker works on its own copies: the user may edit the site while it runs.
  auto site = std::make_shared<const model::Site>(project_->site);
  auto catalog = std::make_shared<const model::Catalog>(project_->catalog);
  const std::uint64_t gen = generation_;
  auto shared = shared_;
  worker_ = std::thread([this, shared, site, catalog, todo = std::move(todo),
                         revs = std::move(revs), gen] {
    int errors = 0;
    bool cancelled = false;
    for (std::size_t i = 0; i < todo.size() && !cancelled; ++i) {
      const QString name = QString::fromStdString(todo[i].name);
      {
        std::lock_guard lock(shared->m);
        shared->index = static_cast<int>(i);
        shared->fraction = static_cast<double>(i) / static_cast<double>(todo.size());
        shared->stage = "loading the weather";
      }
      const std::uint64_t run_id = shared->run_id;
      QMetaObject::invokeMethod(
          this,
          [this, name, run_id] {
            if (!shared_ || shared_->run_id != run_id) return;
            entries_[name].state = "running";
            refresh_list();
          },
          Qt::QueuedConnection);
      std::shared_ptr<sc::SimulationResult> r;
      QString error;
      bool c = false;
      try {
        model::require_valid(*site, *catalog);
        const sc::Scenario s = data::to_scenario(todo[i]);
        shared->check();
        r = std::make_shared<sc::SimulationResult>(sc::simulate(*site, *catalog, s, shared.get()));
        // The explorer shows site series only; block series can reach hundreds of MB on an
        // annual gigawatt run (totals are kept).
        for (auto& b : r->blocks) {
          b.it_w = {};
          b.losses_w = {};
          b.cooling_w = {};
        }
      } catch (const model::Cancelled&) {
        c = cancelled = true;
      } catch (const std::exception& e) {
        error = QString::fromUtf8(e.what());
        ++errors;
      }
      const std::uint64_t rev = revs[i];
      QMetaObject::invokeMethod(
          this,
          [this, name, gen, rev, r, error, c, run_id] {
            if (!shared_ || shared_->run_id != run_id) return;
            on_result(name, gen, rev, r, error, c);
          },
          Qt::QueuedConnection);
    }
    const std::uint64_t run_id = shared->run_id;
    QMetaObject::invokeMethod(
        this,
        [this, cancelled, errors, run_id] {
          if (!shared_ || shared_->run_id != run_id) return;
          on_finished(cancelled, errors);
        },
        Qt::QueuedConnection);
  });
  progress_->setValue(0);
  status_->setText(tr("Running %1...").arg(names.join(", ")));
  poll_->start();
  refresh_list();
  update_buttons();
  emit runStarted();
  return true;
}

void ScenarioExplorer::cancel() {
  if (!is_running()) return;
  shared_->cancel();
  status_->setText(tr("Cancelling..."));
  cancel_btn_->setEnabled(false);
}

void ScenarioExplorer::poll_progress() {
  if (!shared_) return;
  double f;
  std::string stage;
  int index, count;
  {
    std::lock_guard lock(shared_->m);
    f = shared_->fraction;
    stage = shared_->stage;
    index = shared_->index;
    count = shared_->count;
  }
  progress_->setValue(static_cast<int>(std::lround(1000 * f)));
  if (!shared_->cancelled())
    status_->setText(
        tr("Running %1 of %2: %3").arg(index + 1).arg(count).arg(QString::fromStdString(stage)));
}

void ScenarioExplorer::on_result(const QString& name, std::uint64_t generation,
                                 std::uint64_t revision,
                                 std::shared_ptr<const sc::SimulationResult> r,
                                 const QString& error, bool cancelled) {
  if (index_of(name) < 0) return;  // deleted (or renamed) while it ran
  Entry& e = entries_[name];
  if (r) {
    e.result = std::move(r);
    e.state = "done";
    e.stale = generation != generation_ || revision != revision_[name];
    emit resultReady(name);
  } else if (cancelled) {
    e.state = "cancelled";
  } else {
    e.state = "error: " + error;
  }
  refresh_list();
  if (selected().contains(name)) refresh_views();
}

void ScenarioExplorer::on_finished(bool cancelled, int errors) {
  if (worker_.joinable()) worker_.join();  // it has posted its last call: it ends now
  poll_->stop();
  shared_.reset();
  for (auto& [n, e] : entries_)
    if (e.state == "queued" || e.state == "running") e.state = cancelled ? "cancelled" : "";
  QString msg;
  if (cancelled)
    msg = tr("Cancelled.");
  else if (errors)
    msg = tr("Finished with %1 error(s): see the status column.").arg(errors);
  else
    msg = tr("Finished.");
  progress_->setValue(cancelled ? 0 : 1000);
  status_->setText(msg);
  refresh_list();
  update_buttons();
  emit runFinished(!cancelled && errors == 0, msg);
}

std::shared_ptr<const sc::SimulationResult> ScenarioExplorer::result(const QString& name) const {
  auto it = entries_.find(name);
  return it == entries_.end() ? nullptr : it->second.result;
}

bool ScenarioExplorer::is_stale(const QString& name) const {
  auto it = entries_.find(name);
  return it != entries_.end() && it->second.result && it->second.stale;
}

// ---------------------------------------------------------------------------------------------
// Views

void ScenarioExplorer::set_series(Series s) {
  series_combo_->setCurrentIndex(series_combo_->findData(static_cast<int>(s)));
}

ScenarioExplorer::Series ScenarioExplorer::series() const {
  return static_cast<Series>(series_combo_->currentData().toInt());
}

std::pair<QString, double> ScenarioExplorer::time_unit() const {
  double longest = 0;
  for (const auto& n : selected())
    if (auto r = result(n)) longest = std::max(longest, r->grid.end_s());
  if (longest <= 2 * 3600.0) return {tr("min"), 60.0};
  if (longest <= 72 * 3600.0) return {tr("h"), 3600.0};
  return {tr("days"), 86400.0};
}

void ScenarioExplorer::refresh_views() {
  refresh_chart();
  refresh_table();
  refresh_events();
}

void ScenarioExplorer::refresh_events() {
  events_table_->clear();
  const QStringList head{tr("Scenario"), tr("Time (s)"), tr("What"), tr("Detail")};
  events_table_->setColumnCount(static_cast<int>(head.size()));
  events_table_->setHorizontalHeaderLabels(head);
  int n = 0;
  std::vector<std::pair<QString, std::shared_ptr<const sc::SimulationResult>>> runs;
  for (const auto& name : selected())
    if (auto r = result(name)) {
      for (const auto& e : r->events) n += 1 + static_cast<int>(e.cascade.size());
      runs.emplace_back(name, r);
    }
  events_table_->setRowCount(n);
  int row = 0;
  const auto put = [&](const QString& scen, double t, const QString& what, const QString& detail,
                       bool bad) {
    const QStringList cells{scen, QString::number(t, 'f', 1), what, detail};
    for (int c = 0; c < static_cast<int>(cells.size()); ++c) {
      auto* it = new QTableWidgetItem(cells[c]);
      if (bad) it->setForeground(QColor(170, 0, 0));
      events_table_->setItem(row, c, it);
    }
    ++row;
  };
  for (const auto& [name, r] : runs)
    for (const auto& e : r->events) {
      put(name, e.t0_s, QString::fromUtf8(sc::to_string(e.kind)),
          QString::fromStdString(e.explanation), !e.racks_lost.empty());
      for (const auto& k : e.cascade)
        put(name, k.t_s, QString::fromStdString(k.what), QString::fromStdString(k.detail),
            k.what == "limit_reached" || k.what == "racks_lost_power" ||
                k.what.ends_with("_depleted"));
    }
  events_table_->resizeColumnsToContents();
  events_table_->horizontalHeader()->setStretchLastSection(true);
  if (events_table_->columnWidth(3) > 900) events_table_->setColumnWidth(3, 900);
}

void ScenarioExplorer::refresh_chart() {
  const Series which = series();
  const auto [tu_name, tu] = time_unit();
  std::vector<ChartCurve> curves;
  QStringList missing, not_run;
  for (const auto& name : selected()) {
    auto r = result(name);
    if (!r) {
      not_run << name;
      continue;
    }
    ChartCurve c;
    c.name = name + (is_stale(name) ? tr(" (stale)") : QString());
    const std::size_t n = r->grid.steps;
    auto per_step = [&](const std::vector<double>& v, double scale) {
      const std::size_t m = std::min(n, v.size());
      c.x.resize(m);
      c.y.resize(m);
      for (std::size_t i = 0; i < m; ++i) {
        c.x[i] = (r->grid.start_s + static_cast<double>(i) * r->grid.step_s) / tu;
        c.y[i] = v[i] * scale;
      }
    };
    switch (which) {
      case Series::GridImport:
        per_step(r->grid_import_w, 1e-6);
        break;
      case Series::It:
        per_step(r->it_w, 1e-6);
        break;
      case Series::Cooling:
        per_step(r->cooling_w, 1e-6);
        break;
      case Series::Losses:
        per_step(r->losses_w, 1e-6);
        break;
      case Series::Facility:
        per_step(r->facility_w, 1e-6);
        break;
      case Series::Water:
        per_step(r->water_l_per_h, 1e-3);
        break;
      case Series::DryBulb:
        per_step(r->dry_bulb_c, 1.0);
        break;
      case Series::LoadFraction:
        per_step(r->load_frac, 100.0);
        break;
      case Series::BatterySoc:
        if (r->battery_soc.empty()) {
          missing << name;
          continue;
        }
        per_step(r->battery_soc, 100.0);
        break;
      case Series::Pue: {
        per_step(r->facility_w, 1.0);
        for (std::size_t i = 0; i < c.y.size(); ++i)
          c.y[i] = i < r->it_w.size() && r->it_w[i] > 0 ? c.y[i] / r->it_w[i]
                                                        : std::numeric_limits<double>::quiet_NaN();
        break;
      }
      case Series::MaxRackInlet: {
        std::vector<std::pair<double, double>> pts;
        for (const auto& s : r->snapshots)
          if (std::isfinite(s.max_rack_inlet_c)) pts.emplace_back(s.t_s / tu, s.max_rack_inlet_c);
        if (pts.empty()) {
          missing << name;
          continue;
        }
        std::sort(pts.begin(), pts.end());
        for (const auto& [x, y] : pts) {
          c.x.push_back(x);
          c.y.push_back(y);
        }
        c.points = true;
        break;
      }
    }
    curves.push_back(std::move(c));
  }
  QStringList notes;
  if (!missing.isEmpty()) {
    if (which == Series::BatterySoc)
      notes << tr("No battery in %1.").arg(missing.join(", "));
    else
      notes << tr("No rack inlet temperatures in %1: the hall air model did not run at the "
                  "snapshots (or the halls have no air model).")
                   .arg(missing.join(", "));
  }
  if (!not_run.isEmpty()) notes << tr("Not run: %1.").arg(not_run.join(", "));
  if (selected().isEmpty()) notes << tr("Select one or more scenarios (Ctrl+click to overlay).");
  bool stale = false;
  for (const auto& n : selected()) stale = stale || is_stale(n);
  if (stale) notes << tr("Stale: the site or the scenario changed since the run; run it again.");
  const QString unit = series_unit(which);
  chart_->set_curves(series_name(which), tr("Time (%1)").arg(tu_name),
                     QString("%1 (%2)").arg(series_name(which), unit), std::move(curves),
                     notes.join(' '));
}

void ScenarioExplorer::refresh_table() {
  std::vector<std::pair<QString, std::shared_ptr<const sc::SimulationResult>>> cols;
  for (const auto& n : selected())
    if (auto r = result(n)) cols.emplace_back(n, r);
  struct Row {
    QString metric, unit;
    std::function<QVariant(const sc::SimulationResult&)> value;
    int decimals;
  };
  using R = const sc::SimulationResult&;
  const std::vector<Row> rows = {
      {tr("Horizon"), "h", [](R r) { return QVariant(r.grid.end_s() / 3600.0); }, 2},
      {tr("Steps"), "", [](R r) { return QVariant(static_cast<double>(r.grid.steps)); }, 0},
      {tr("Energy IT"), "MWh", [](R r) { return QVariant(r.energy_it_wh / 1e6); }, 3},
      {tr("Energy facility"), "MWh", [](R r) { return QVariant(r.energy_facility_wh / 1e6); }, 3},
      {tr("Energy from the grid"), "MWh", [](R r) { return QVariant(r.energy_grid_wh / 1e6); }, 3},
      {tr("Electrical losses"), "MWh", [](R r) { return QVariant(r.energy_losses_wh / 1e6); }, 3},
      {tr("Cooling energy"), "MWh", [](R r) { return QVariant(r.energy_cooling_wh / 1e6); }, 3},
      {tr("Peak grid import"), "MW", [](R r) { return QVariant(r.peak_grid_import_w / 1e6); }, 3},
      {tr("PUE (energy-weighted)"), "-", [](R r) { return QVariant(r.pue); }, 4},
      {tr("WUE"), "L/kWh", [](R r) { return QVariant(r.wue_l_per_kwh); }, 3},
      {tr("Water"), "m³", [](R r) { return QVariant(r.water_l / 1e3); }, 1},
      {tr("Max grid ramp"), "MW/s", [](R r) { return QVariant(r.max_ramp_mw_per_s); }, 4},
      {tr("Hours above recommended"), "h", [](R r) { return QVariant(r.hours_above_recommended); },
       2},
      {tr("Racks above recommended (snapshots)"), "racks",
       [](R r) { return QVariant(static_cast<double>(r.snapshot_racks_above_recommended)); }, 0},
      {tr("Battery cycles"), "-",
       [](R r) {
         return r.battery_soc.empty() ? QVariant(QString("no battery"))
                                      : QVariant(r.battery_cycles);
       },
       3},
      {tr("Events"), "", [](R r) { return QVariant(events_summary(r)); }, 0},
      {tr("Converged"), "", [](R r) { return QVariant(QString(r.converged ? "yes" : "NO")); }, 0},
      {tr("Run time"), "s", [](R r) { return QVariant(r.run_s); }, 2},
  };
  table_->clear();
  table_->setColumnCount(2 + static_cast<int>(cols.size()));
  table_->setRowCount(static_cast<int>(rows.size()));
  QStringList head{tr("Metric"), tr("Unit")};
  for (const auto& [n, r] : cols) head << n + (is_stale(n) ? tr(" (stale)") : QString());
  table_->setHorizontalHeaderLabels(head);
  for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
    const Row& row = rows[static_cast<std::size_t>(i)];
    table_->setItem(i, 0, new QTableWidgetItem(row.metric));
    table_->setItem(i, 1, new QTableWidgetItem(row.unit));
    for (int c = 0; c < static_cast<int>(cols.size()); ++c) {
      const QVariant v = row.value(*cols[static_cast<std::size_t>(c)].second);
      auto* it = new QTableWidgetItem;
      if (v.typeId() == QMetaType::Double) {
        // Fewer decimals for big figures (an annual gigawatt run is millions of MWh); the CSV
        // and Qt::UserRole keep the exact value.
        const double a = std::abs(v.toDouble());
        const int dec = a >= 1e5 ? 0 : a >= 1e3 ? std::min(row.decimals, 1) : row.decimals;
        it->setText(QLocale().toString(v.toDouble(), 'f', dec));
        it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      } else {
        it->setText(v.toString());
        it->setToolTip(v.toString());
      }
      it->setData(Qt::UserRole, v);
      table_->setItem(i, 2 + c, it);
    }
  }
  table_->resizeColumnsToContents();
  for (int c = 2; c < table_->columnCount(); ++c)
    table_->setColumnWidth(c, std::min(table_->columnWidth(c), 320));
}

// ---------------------------------------------------------------------------------------------
// Export

bool ScenarioExplorer::export_chart_png(const QString& path, QString* error) {
  return chart_->export_png(path, error);
}

bool ScenarioExplorer::export_chart_svg(const QString& path, QString* error) {
  return chart_->export_svg(path, error);
}

bool ScenarioExplorer::export_table_csv(const QString& path, QString* error) {
  return app::export_table_csv(table_, path, error);
}

void ScenarioExplorer::export_chart_dialog() {
  QString filter;
  QString path = QFileDialog::getSaveFileName(
      this, tr("Export chart"), "chart.png", tr("PNG image (*.png);;SVG drawing (*.svg)"), &filter);
  if (path.isEmpty()) return;
  QString err;
  const bool svg = path.endsWith(".svg", Qt::CaseInsensitive) || filter.contains("svg");
  if (svg && !path.endsWith(".svg", Qt::CaseInsensitive)) path += ".svg";
  const bool ok = svg ? export_chart_svg(path, &err) : export_chart_png(path, &err);
  if (!ok) QMessageBox::warning(this, tr("Export chart"), err);
}

void ScenarioExplorer::export_table_dialog() {
  QString path =
      QFileDialog::getSaveFileName(this, tr("Export table"), "headline.csv", tr("CSV (*.csv)"));
  if (path.isEmpty()) return;
  QString err;
  if (!export_table_csv(path, &err)) QMessageBox::warning(this, tr("Export table"), err);
}

}  // namespace dctwin::app
