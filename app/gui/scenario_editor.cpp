#include "app/gui/scenario_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>
#include <limits>

#include "data/scenario_store.h"
#include "data/weather_io.h"
#include "model/scenario/profiles.h"

namespace dctwin::app {

namespace sc = model::scenario;

namespace {

struct Unit {
  const char* name;
  double s;
};
constexpr Unit kHorizonUnits[] = {{"s", 1}, {"min", 60}, {"h", 3600}, {"days", 86400}};
constexpr Unit kStepUnits[] = {{"s", 1}, {"min", 60}, {"h", 3600}};

QDoubleSpinBox* spin(double lo, double hi, int decimals, const QString& suffix,
                     const char* object_name) {
  auto* s = new QDoubleSpinBox;
  s->setRange(lo, hi);
  s->setDecimals(decimals);
  if (!suffix.isEmpty()) s->setSuffix(" " + suffix);
  s->setObjectName(object_name);
  s->setKeyboardTracking(false);
  return s;
}

QLabel* error_label(const char* object_name) {
  auto* l = new QLabel;
  l->setObjectName(object_name);
  l->setStyleSheet("QLabel { color: #c00000; }");
  l->setWordWrap(true);
  l->hide();
  return l;
}

// The largest unit in which v is a whole number (v > 0), else the first.
int pick_unit(double v, const Unit* units, int n) {
  for (int i = n - 1; i >= 0; --i) {
    const double q = v / units[i].s;
    if (q >= 1 && std::abs(q - std::round(q)) < 1e-9 * q) return i;
  }
  return 0;
}

void set_error(QLabel* l, const QString& msg, QStringList& all) {
  l->setText(msg);
  l->setVisible(!msg.isEmpty());
  if (!msg.isEmpty()) all << msg;
}

// A weather series standing in for a climate or EPW year while parsing: the editor never needs
// the hourly values, and loading an EPW file here would block the dialog.
sc::WeatherSeries placeholder_weather() {
  sc::WeatherSeries w;
  w.name = "placeholder";
  w.dry_bulb_c = {20.0};
  w.wet_bulb_c = {15.0};
  w.rh = {0.5};
  w.pressure_pa = {101325.0};
  return w;
}

const model::ElecNode* find_node(const model::Site* site, model::Id id) {
  for (const auto& n : site->elec_nodes)
    if (n.id == id) return &n;
  return nullptr;
}

const model::CoolingUnit* find_unit(const model::Site* site, model::Id id) {
  for (const auto& u : site->cooling)
    if (u.id == id) return &u;
  return nullptr;
}

// Spin boxes round to their decimals: a value that was loaded and not touched is read back as
// the exact stored value (in SI units, `scale` SI units per displayed unit), so that opening
// and accepting the dialog never changes a number the user did not edit.
void set_exact(QDoubleSpinBox* s, double si, double scale = 1.0) {
  s->setValue(si / scale);
  s->setProperty("exact_si", si);
  s->setProperty("shown", s->value());
  s->setProperty("scale", scale);
}

double get_exact(const QDoubleSpinBox* s, double scale = 1.0) {
  const QVariant e = s->property("exact_si");
  if (e.isValid() && s->value() == s->property("shown").toDouble() &&
      s->property("scale").toDouble() == scale)
    return e.toDouble();
  return s->value() * scale;
}

}  // namespace

ScenarioEditor::ScenarioEditor(const data::StoredScenario& initial, QStringList taken,
                               const model::Site* site, QWidget* parent)
    : QDialog(parent), initial_(initial), taken_(std::move(taken)), site_(site) {
  setWindowTitle(tr("Scenario: %1").arg(QString::fromStdString(initial.name)));
  setObjectName("scenarioEditor");
  build_ui();
  load(initial);
}

data::StoredScenario ScenarioEditor::default_scenario(const model::Site* site,
                                                      const QString& name) {
  sc::Scenario s;
  s.name = name.toStdString();
  s.description = "24 h at 1 h steps, full load, design weather";
  s.horizon_s = 86400;
  s.step_s = 3600;
  s.load = sc::ConstantProfile{1.0};
  sc::ConstantWeather w;
  if (site && site->design_weather.dry_bulb_c && site->design_weather.wet_bulb_c) {
    w.dry_bulb_c = *site->design_weather.dry_bulb_c;
    w.wet_bulb_c = *site->design_weather.wet_bulb_c;
  }
  s.weather = w;
  return data::to_stored(s);
}

void ScenarioEditor::build_ui() {
  auto* tabs = new QTabWidget;
  tabs->setObjectName("editorTabs");

  // General.
  auto* gen = new QWidget;
  auto* gf = new QFormLayout(gen);
  name_ = new QLineEdit;
  name_->setObjectName("nameEdit");
  description_ = new QLineEdit;
  description_->setObjectName("descriptionEdit");
  name_err_ = error_label("nameError");
  gf->addRow(tr("Name"), name_);
  gf->addRow(QString(), name_err_);
  gf->addRow(tr("Description"), description_);
  horizon_ = spin(0, 1e7, 3, {}, "horizonSpin");
  horizon_unit_ = new QComboBox;
  horizon_unit_->setObjectName("horizonUnit");
  for (const auto& u : kHorizonUnits) horizon_unit_->addItem(u.name, u.s);
  auto* hrow = new QHBoxLayout;
  hrow->addWidget(horizon_, 1);
  hrow->addWidget(horizon_unit_);
  gf->addRow(tr("Horizon"), hrow);
  horizon_err_ = error_label("horizonError");
  gf->addRow(QString(), horizon_err_);
  step_ = spin(0, 1e6, 3, {}, "stepSpin");
  step_unit_ = new QComboBox;
  step_unit_->setObjectName("stepUnit");
  for (const auto& u : kStepUnits) step_unit_->addItem(u.name, u.s);
  auto* srow = new QHBoxLayout;
  srow->addWidget(step_, 1);
  srow->addWidget(step_unit_);
  gf->addRow(tr("Step"), srow);
  step_err_ = error_label("stepError");
  gf->addRow(QString(), step_err_);
  auto* steps_note = new QLabel;
  steps_note->setObjectName("stepsNote");
  gf->addRow(tr("Steps"), steps_note);
  auto update_steps = [this, steps_note] {
    const double st = step_s();
    steps_note->setText(st > 0 ? QLocale().toString(std::ceil(horizon_s() / st - 1e-9), 'f', 0)
                               : QStringLiteral("-"));
  };
  connect(horizon_, &QDoubleSpinBox::valueChanged, this, update_steps);
  connect(step_, &QDoubleSpinBox::valueChanged, this, update_steps);
  connect(horizon_unit_, &QComboBox::currentIndexChanged, this, update_steps);
  connect(step_unit_, &QComboBox::currentIndexChanged, this, update_steps);
  tabs->addTab(gen, tr("General"));

  // Load.
  auto* lw = new QWidget;
  auto* lv = new QVBoxLayout(lw);
  auto* lkf = new QFormLayout;
  load_kind_ = new QComboBox;
  load_kind_->setObjectName("loadKindCombo");
  load_kind_->addItem(tr("Constant"), "constant");
  load_kind_->addItem(tr("Diurnal (inference)"), "diurnal");
  load_kind_->addItem(tr("Training job"), "training");
  lkf->addRow(tr("Load profile"), load_kind_);
  lv->addLayout(lkf);
  load_pages_ = new QStackedWidget;
  {
    auto* p = new QWidget;
    auto* f = new QFormLayout(p);
    util_ = spin(0, 2, 3, {}, "utilSpin");
    util_->setToolTip(tr("Fraction of each rack's design power"));
    f->addRow(tr("Utilisation (fraction of design)"), util_);
    load_pages_->addWidget(p);
  }
  {
    auto* p = new QWidget;
    auto* f = new QFormLayout(p);
    di_mean_ = spin(0, 2, 3, {}, "diurnalMeanSpin");
    di_amp_ = spin(0, 2, 3, {}, "diurnalAmplitudeSpin");
    di_peak_ = spin(0, 24, 2, "h", "diurnalPeakSpin");
    f->addRow(tr("Mean utilisation"), di_mean_);
    f->addRow(tr("Amplitude"), di_amp_);
    f->addRow(tr("Peak hour (local)"), di_peak_);
    load_pages_->addWidget(p);
  }
  {
    auto* p = new QWidget;
    auto* f = new QFormLayout(p);
    tr_compute_ = spin(0, 2, 3, {}, "trainComputeSpin");
    tr_comm_ = spin(0, 2, 3, {}, "trainCommSpin");
    tr_iter_ = spin(0, 1e5, 3, "s", "trainIterationSpin");
    tr_duty_ = spin(0, 1, 3, {}, "trainDutySpin");
    tr_ck_int_ = spin(0, 1e7, 1, "s", "trainCheckpointIntervalSpin");
    tr_ck_dur_ = spin(0, 1e7, 1, "s", "trainCheckpointDurationSpin");
    tr_ck_util_ = spin(0, 2, 3, {}, "trainCheckpointUtilSpin");
    tr_idle_ = spin(0, 2, 3, {}, "trainIdleSpin");
    tr_start_ = spin(0, 1e8, 1, "s", "trainStartSpin");
    tr_has_stop_ = new QCheckBox(tr("stops at"));
    tr_has_stop_->setObjectName("trainHasStop");
    tr_stop_ = spin(0, 1e8, 1, "s", "trainStopSpin");
    tr_start_ramp_ = spin(0, 1e7, 1, "s", "trainStartRampSpin");
    tr_stop_ramp_ = spin(0, 1e7, 1, "s", "trainStopRampSpin");
    tr_mtbf_ = spin(0, 1e9, 1, "s", "trainMtbfSpin");
    tr_restart_ = spin(0, 1e7, 1, "s", "trainRestartSpin");
    tr_seed_ = new QSpinBox;
    tr_seed_->setObjectName("trainSeedSpin");
    tr_seed_->setRange(0, std::numeric_limits<int>::max());
    f->addRow(tr("Compute utilisation"), tr_compute_);
    f->addRow(tr("Communication utilisation"), tr_comm_);
    f->addRow(tr("Iteration"), tr_iter_);
    f->addRow(tr("Compute share of an iteration"), tr_duty_);
    f->addRow(tr("Checkpoint every (0: none)"), tr_ck_int_);
    f->addRow(tr("Checkpoint duration"), tr_ck_dur_);
    f->addRow(tr("Checkpoint utilisation"), tr_ck_util_);
    f->addRow(tr("Idle utilisation"), tr_idle_);
    f->addRow(tr("Job starts at"), tr_start_);
    auto* stop_row = new QHBoxLayout;
    stop_row->addWidget(tr_has_stop_);
    stop_row->addWidget(tr_stop_, 1);
    f->addRow(tr("Job stop"), stop_row);
    f->addRow(tr("Start ramp"), tr_start_ramp_);
    f->addRow(tr("Stop ramp"), tr_stop_ramp_);
    f->addRow(tr("Mean time between failures (0: none)"), tr_mtbf_);
    f->addRow(tr("Restart time"), tr_restart_);
    f->addRow(tr("Random seed"), tr_seed_);
    connect(tr_has_stop_, &QCheckBox::toggled, tr_stop_, &QWidget::setEnabled);
    load_pages_->addWidget(p);
  }
  lv->addWidget(load_pages_);
  load_err_ = error_label("loadError");
  lv->addWidget(load_err_);
  lv->addStretch(1);
  connect(load_kind_, &QComboBox::currentIndexChanged, load_pages_,
          &QStackedWidget::setCurrentIndex);
  tabs->addTab(lw, tr("Load"));

  // Weather.
  auto* ww = new QWidget;
  auto* wv = new QVBoxLayout(ww);
  auto* wkf = new QFormLayout;
  weather_kind_ = new QComboBox;
  weather_kind_->setObjectName("weatherKindCombo");
  weather_kind_->addItem(tr("Constant"), "constant");
  weather_kind_->addItem(tr("Built-in climate (synthetic year)"), "climate");
  weather_kind_->addItem(tr("EPW weather file"), "epw");
  wkf->addRow(tr("Weather"), weather_kind_);
  wv->addLayout(wkf);
  weather_pages_ = new QStackedWidget;
  {
    auto* p = new QWidget;
    auto* f = new QFormLayout(p);
    dry_ = spin(-60, 60, 1, "°C", "dryBulbSpin");
    wet_ = spin(-60, 60, 1, "°C", "wetBulbSpin");
    f->addRow(tr("Dry-bulb"), dry_);
    f->addRow(tr("Wet-bulb"), wet_);
    weather_pages_->addWidget(p);
  }
  {
    auto* p = new QWidget;
    auto* f = new QFormLayout(p);
    climate_ = new QComboBox;
    climate_->setObjectName("climateCombo");
    for (const auto& id : data::builtin_climates()) climate_->addItem(QString::fromStdString(id));
    f->addRow(tr("Climate"), climate_);
    weather_pages_->addWidget(p);
  }
  {
    auto* p = new QWidget;
    auto* f = new QFormLayout(p);
    epw_ = new QLineEdit;
    epw_->setObjectName("epwEdit");
    auto* browse = new QPushButton(tr("Browse..."));
    browse->setObjectName("epwBrowse");
    connect(browse, &QPushButton::clicked, this, [this] {
      const QString f =
          QFileDialog::getOpenFileName(this, tr("EPW weather file"), epw_->text(),
                                       tr("EnergyPlus weather (*.epw);;All files (*)"));
      if (!f.isEmpty()) epw_->setText(f);
    });
    auto* row = new QHBoxLayout;
    row->addWidget(epw_, 1);
    row->addWidget(browse);
    f->addRow(tr("EPW file"), row);
    weather_pages_->addWidget(p);
  }
  wv->addWidget(weather_pages_);
  weather_err_ = error_label("weatherError");
  wv->addWidget(weather_err_);
  wv->addStretch(1);
  connect(weather_kind_, &QComboBox::currentIndexChanged, weather_pages_,
          &QStackedWidget::setCurrentIndex);
  tabs->addTab(ww, tr("Weather"));

  // Power: smoothing and battery.
  auto* pw = new QWidget;
  auto* pv = new QVBoxLayout(pw);
  auto* sf = new QFormLayout;
  smoothing_ = new QCheckBox(tr("GB300-style power smoothing (rack type limits)"));
  smoothing_->setObjectName("smoothingCheck");
  hysteresis_ = spin(0, 1e5, 1, "s", "hysteresisSpin");
  sf->addRow(smoothing_);
  sf->addRow(tr("Floor held after the job stops"), hysteresis_);
  connect(smoothing_, &QCheckBox::toggled, hysteresis_, &QWidget::setEnabled);
  pv->addLayout(sf);
  battery_ = new QGroupBox(tr("Site battery (grid side)"));
  battery_->setObjectName("batteryGroup");
  battery_->setCheckable(true);
  auto* bf = new QFormLayout(battery_);
  bat_power_ = spin(0, 1e5, 3, "MW", "batteryPowerSpin");
  bat_energy_ = spin(0, 1e6, 3, "MWh", "batteryEnergySpin");
  bat_ramp_ = spin(0, 1e5, 4, "MW/s", "batteryRampSpin");
  bat_eff_ = spin(0.01, 1, 3, {}, "batteryEfficiencySpin");
  bf->addRow(tr("Power (discharge)"), bat_power_);
  bf->addRow(tr("Energy"), bat_energy_);
  bf->addRow(tr("Grid ramp limit held"), bat_ramp_);
  bf->addRow(tr("Round-trip efficiency"), bat_eff_);
  battery_err_ = error_label("batteryError");
  bf->addRow(battery_err_);
  pv->addWidget(battery_);
  pv->addStretch(1);
  tabs->addTab(pw, tr("Smoothing and battery"));

  // Events.
  auto* ew = new QWidget;
  auto* ev = new QVBoxLayout(ew);
  events_ = new QTableWidget(0, 4);
  events_->setObjectName("eventsTable");
  events_->setHorizontalHeaderLabels(
      {tr("Kind"), tr("Target id"), tr("Start t0 (s)"), tr("Duration (s)")});
  events_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  events_->verticalHeader()->hide();
  ev->addWidget(events_, 1);
  auto* erow = new QHBoxLayout;
  auto* add = new QPushButton(tr("Add event"));
  add->setObjectName("addEventButton");
  auto* del = new QPushButton(tr("Remove event"));
  del->setObjectName("removeEventButton");
  connect(add, &QPushButton::clicked, this, [this] {
    sc::ScenarioEvent e;
    e.t0_s = 0;
    add_event_row(e);
  });
  connect(del, &QPushButton::clicked, this, [this] {
    const int r = events_->currentRow();
    if (r >= 0) events_->removeRow(r);
  });
  erow->addWidget(add);
  erow->addWidget(del);
  erow->addStretch(1);
  ev->addLayout(erow);
  auto* ehelp = new QLabel(
      tr("Target id: utility_loss, a grid feed (empty: every feed); chiller_trip, a chiller or a "
         "water loop (empty: the first loop with chillers); component_outage, an electrical node. "
         "Duration empty: to the end of the horizon."));
  ehelp->setWordWrap(true);
  ev->addWidget(ehelp);
  events_err_ = error_label("eventsError");
  ev->addWidget(events_err_);
  tabs->addTab(ew, tr("Events"));

  auto* lay = new QVBoxLayout(this);
  lay->addWidget(tabs, 1);
  params_err_ = error_label("paramsError");
  lay->addWidget(params_err_);
  auto* box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  box->setObjectName("editorButtons");
  connect(box, &QDialogButtonBox::accepted, this, &ScenarioEditor::accept);
  connect(box, &QDialogButtonBox::rejected, this, &ScenarioEditor::reject);
  lay->addWidget(box);
  resize(620, 560);
}

void ScenarioEditor::add_event_row(const sc::ScenarioEvent& e) {
  const int r = events_->rowCount();
  events_->insertRow(r);
  auto* kind = new QComboBox;
  kind->setObjectName(QString("eventKind%1").arg(r));
  for (auto k :
       {sc::EventKind::UtilityLoss, sc::EventKind::ChillerTrip, sc::EventKind::ComponentOutage})
    kind->addItem(sc::to_string(k), static_cast<int>(k));
  kind->setCurrentIndex(kind->findData(static_cast<int>(e.kind)));
  events_->setCellWidget(r, 0, kind);
  events_->setItem(
      r, 1, new QTableWidgetItem(e.target == model::kNoId ? QString() : QString::number(e.target)));
  events_->setItem(r, 2, new QTableWidgetItem(QString::number(e.t0_s, 'g', 17)));
  events_->setItem(
      r, 3,
      new QTableWidgetItem(e.duration_s ? QString::number(*e.duration_s, 'g', 17) : QString()));
}

void ScenarioEditor::load(const data::StoredScenario& st) {
  try {
    base_ = data::to_scenario(st, st.weather_kind == "constant"
                                      ? std::optional<sc::WeatherSeries>{}
                                      : std::optional<sc::WeatherSeries>{placeholder_weather()});
  } catch (const std::exception& e) {
    // Start from defaults; say what could not be read.
    base_ = data::to_scenario(default_scenario(site_, QString::fromStdString(st.name)));
    params_err_->setText(tr("Some stored parameters could not be read and were reset: %1")
                             .arg(QString::fromUtf8(e.what())));
    params_err_->show();
  }
  name_->setText(QString::fromStdString(st.name));
  description_->setText(QString::fromStdString(st.description));
  int hu = pick_unit(st.horizon_s, kHorizonUnits, 4);
  horizon_unit_->setCurrentIndex(hu);
  set_exact(horizon_, st.horizon_s, kHorizonUnits[hu].s);
  int su = pick_unit(st.step_s, kStepUnits, 3);
  step_unit_->setCurrentIndex(su);
  set_exact(step_, st.step_s, kStepUnits[su].s);

  sc::TrainingProfile t;
  sc::DiurnalProfile d;
  set_exact(util_, 1.0);
  if (const auto* k = std::get_if<sc::ConstantProfile>(&base_.load)) {
    load_kind_->setCurrentIndex(0);
    set_exact(util_, k->utilisation);
  } else if (const auto* dd = std::get_if<sc::DiurnalProfile>(&base_.load)) {
    load_kind_->setCurrentIndex(1);
    d = *dd;
  } else {
    load_kind_->setCurrentIndex(2);
    t = std::get<sc::TrainingProfile>(base_.load);
  }
  load_pages_->setCurrentIndex(load_kind_->currentIndex());
  set_exact(di_mean_, d.mean);
  set_exact(di_amp_, d.amplitude);
  set_exact(di_peak_, d.peak_hour);
  set_exact(tr_compute_, t.compute_util);
  set_exact(tr_comm_, t.comm_util);
  set_exact(tr_iter_, t.iteration_s);
  set_exact(tr_duty_, t.compute_duty);
  set_exact(tr_ck_int_, t.checkpoint_interval_s);
  set_exact(tr_ck_dur_, t.checkpoint_duration_s);
  set_exact(tr_ck_util_, t.checkpoint_util);
  set_exact(tr_idle_, t.idle_util);
  set_exact(tr_start_, t.start_s);
  tr_has_stop_->setChecked(t.stop_s.has_value());
  tr_stop_->setEnabled(t.stop_s.has_value());
  set_exact(tr_stop_, t.stop_s.value_or(base_.horizon_s));
  set_exact(tr_start_ramp_, t.start_ramp_s);
  set_exact(tr_stop_ramp_, t.stop_ramp_s);
  set_exact(tr_mtbf_, t.mtbf_s);
  set_exact(tr_restart_, t.restart_s);
  tr_seed_->setValue(
      static_cast<int>(std::min<std::uint64_t>(t.seed, std::numeric_limits<int>::max())));
  tr_seed_->setProperty("shown", tr_seed_->value());

  const int wk = st.weather_kind == "climate" ? 1 : st.weather_kind == "epw" ? 2 : 0;
  weather_kind_->setCurrentIndex(wk);
  weather_pages_->setCurrentIndex(wk);
  sc::ConstantWeather cw;
  if (site_ && site_->design_weather.dry_bulb_c && site_->design_weather.wet_bulb_c) {
    cw.dry_bulb_c = *site_->design_weather.dry_bulb_c;
    cw.wet_bulb_c = *site_->design_weather.wet_bulb_c;
  }
  if (const auto* c = std::get_if<sc::ConstantWeather>(&base_.weather)) cw = *c;
  set_exact(dry_, cw.dry_bulb_c);
  set_exact(wet_, cw.wet_bulb_c);
  if (wk == 1) {
    int i = climate_->findText(QString::fromStdString(st.weather_source));
    if (i < 0) {  // an id this build does not have: keep it visible so that validation names it
      climate_->addItem(QString::fromStdString(st.weather_source));
      i = climate_->count() - 1;
    }
    climate_->setCurrentIndex(i);
  } else if (site_) {
    climate_->setCurrentText(QString::fromStdString(
        data::nearest_climate(site_->location.latitude_deg, site_->location.longitude_deg)));
  }
  if (wk == 2) epw_->setText(QString::fromStdString(st.weather_source));

  smoothing_->setChecked(base_.smoothing);
  set_exact(hysteresis_, base_.smoothing_hysteresis_s);
  hysteresis_->setEnabled(base_.smoothing);
  battery_->setChecked(base_.battery.has_value());
  const sc::BatteryParams b = base_.battery.value_or(sc::BatteryParams{});
  set_exact(bat_power_, b.max_discharge_w, 1e6);
  set_exact(bat_energy_, b.capacity_wh, 1e6);
  set_exact(bat_ramp_, base_.battery ? b.grid_ramp_w_per_s : 0.0, 1e6);
  set_exact(bat_eff_, b.round_trip_eff);

  events_->setRowCount(0);
  for (const auto& e : base_.events) add_event_row(e);
}

double ScenarioEditor::horizon_s() const {
  return get_exact(horizon_, horizon_unit_->currentData().toDouble());
}

double ScenarioEditor::step_s() const {
  return get_exact(step_, step_unit_->currentData().toDouble());
}

sc::Scenario ScenarioEditor::edited() const {
  sc::Scenario s = base_;
  s.name = name_->text().trimmed().toStdString();
  s.description = description_->text().toStdString();
  s.horizon_s = horizon_s();
  s.step_s = step_s();
  switch (load_kind_->currentIndex()) {
    case 0:
      s.load = sc::ConstantProfile{get_exact(util_)};
      break;
    case 1:
      s.load = sc::DiurnalProfile{get_exact(di_mean_), get_exact(di_amp_), get_exact(di_peak_)};
      break;
    default: {
      sc::TrainingProfile t;
      if (const auto* old = std::get_if<sc::TrainingProfile>(&base_.load)) t = *old;
      t.compute_util = get_exact(tr_compute_);
      t.comm_util = get_exact(tr_comm_);
      t.iteration_s = get_exact(tr_iter_);
      t.compute_duty = get_exact(tr_duty_);
      t.checkpoint_interval_s = get_exact(tr_ck_int_);
      t.checkpoint_duration_s = get_exact(tr_ck_dur_);
      t.checkpoint_util = get_exact(tr_ck_util_);
      t.idle_util = get_exact(tr_idle_);
      t.start_s = get_exact(tr_start_);
      t.stop_s =
          tr_has_stop_->isChecked() ? std::optional<double>(get_exact(tr_stop_)) : std::nullopt;
      t.start_ramp_s = get_exact(tr_start_ramp_);
      t.stop_ramp_s = get_exact(tr_stop_ramp_);
      t.mtbf_s = get_exact(tr_mtbf_);
      t.restart_s = get_exact(tr_restart_);
      if (tr_seed_->value() != tr_seed_->property("shown").toInt())  // else the exact stored seed
        t.seed = static_cast<std::uint64_t>(tr_seed_->value());
      s.load = t;
    }
  }
  if (weather_kind_->currentIndex() == 0) {
    sc::ConstantWeather w;
    if (const auto* old = std::get_if<sc::ConstantWeather>(&base_.weather)) w = *old;
    w.dry_bulb_c = get_exact(dry_);
    w.wet_bulb_c = get_exact(wet_);
    s.weather = w;
  } else {
    s.weather = placeholder_weather();  // stored as its reference only
  }
  s.smoothing = smoothing_->isChecked();
  s.smoothing_hysteresis_s = get_exact(hysteresis_);
  if (battery_->isChecked()) {
    sc::BatteryParams b = base_.battery.value_or(sc::BatteryParams{});
    const bool same_charge = !base_.battery || b.max_charge_w == b.max_discharge_w;
    b.max_discharge_w = get_exact(bat_power_, 1e6);
    if (same_charge) b.max_charge_w = b.max_discharge_w;
    b.capacity_wh = get_exact(bat_energy_, 1e6);
    b.grid_ramp_w_per_s = get_exact(bat_ramp_, 1e6);
    b.round_trip_eff = get_exact(bat_eff_);
    s.battery = b;
  } else {
    s.battery.reset();
  }
  s.events.clear();
  for (int r = 0; r < events_->rowCount(); ++r) {
    sc::ScenarioEvent e;
    if (auto* k = qobject_cast<QComboBox*>(events_->cellWidget(r, 0)))
      e.kind = static_cast<sc::EventKind>(k->currentData().toInt());
    const QString target = events_->item(r, 1) ? events_->item(r, 1)->text().trimmed() : QString();
    e.target = target.isEmpty() ? model::kNoId : target.toLongLong();
    e.t0_s = events_->item(r, 2) ? events_->item(r, 2)->text().trimmed().toDouble() : 0.0;
    const QString dur = events_->item(r, 3) ? events_->item(r, 3)->text().trimmed() : QString();
    if (!dur.isEmpty()) e.duration_s = dur.toDouble();
    s.events.push_back(e);
  }
  return s;
}

data::StoredScenario ScenarioEditor::scenario() const {
  const sc::Scenario s = edited();
  const int wk = weather_kind_->currentIndex();
  if (wk == 0) return data::to_stored(s);
  return data::to_stored(
      s, wk == 1 ? "climate" : "epw",
      wk == 1 ? climate_->currentText().toStdString() : epw_->text().trimmed().toStdString());
}

QStringList ScenarioEditor::validate() {
  QStringList all;
  // Name.
  const QString name = name_->text().trimmed();
  QString m;
  if (name.isEmpty())
    m = tr("Give the scenario a name.");
  else if (taken_.contains(name))
    m = tr("Another scenario is already called '%1': choose another name.").arg(name);
  set_error(name_err_, m, all);
  // Horizon and step.
  const double h = horizon_s(), st = step_s();
  set_error(horizon_err_, h <= 0 ? tr("The horizon must be longer than 0.") : QString(), all);
  m.clear();
  if (st <= 0)
    m = tr("The step must be longer than 0.");
  else if (h > 0 && st > h)
    m = tr("The step (%1 s) is longer than the horizon (%2 s): shorten the step or lengthen the "
           "horizon.")
            .arg(st)
            .arg(h);
  else if (h > 0 && h / st > 5e6)
    m = tr("%1 steps is too many for one run (at most 5,000,000): lengthen the step.")
            .arg(QLocale().toString(std::ceil(h / st), 'f', 0));
  set_error(step_err_, m, all);
  // Load.
  m.clear();
  if (load_kind_->currentIndex() == 1 && di_amp_->value() > di_mean_->value())
    m = tr("The amplitude (%1) exceeds the mean (%2): the load would go below zero.")
            .arg(di_amp_->value())
            .arg(di_mean_->value());
  if (m.isEmpty() && load_kind_->currentIndex() == 2) {
    if (tr_iter_->value() <= 0)
      m = tr("The iteration time must be longer than 0.");
    else if (tr_ck_int_->value() > 0 && tr_ck_dur_->value() >= tr_ck_int_->value())
      m = tr("A checkpoint (%1 s) must be shorter than the checkpoint interval (%2 s).")
              .arg(tr_ck_dur_->value())
              .arg(tr_ck_int_->value());
    else if (tr_has_stop_->isChecked() && tr_stop_->value() <= tr_start_->value())
      m = tr("The job must stop after it starts (stop %1 s, start %2 s).")
              .arg(tr_stop_->value())
              .arg(tr_start_->value());
  }
  if (m.isEmpty() && st > 0) {
    // The profile's own checks (model/scenario/profiles.h), on one step.
    try {
      (void)sc::evaluate(edited().load, sc::TimeGrid{0.0, st, 1});
    } catch (const std::exception& e) {
      m = QString::fromUtf8(e.what());
    }
  }
  set_error(load_err_, m, all);
  // Weather.
  m.clear();
  if (weather_kind_->currentIndex() == 0 && wet_->value() > dry_->value())
    m = tr("The wet-bulb (%1 °C) cannot be above the dry-bulb (%2 °C).")
            .arg(wet_->value())
            .arg(dry_->value());
  else if (weather_kind_->currentIndex() == 1 && !data::builtin_climates().empty() && [&] {
             for (const auto& id : data::builtin_climates())
               if (QString::fromStdString(id) == climate_->currentText()) return false;
             return true;
           }())
    m = tr("'%1' is not a built-in climate: choose one from the list.")
            .arg(climate_->currentText());
  else if (weather_kind_->currentIndex() == 2) {
    const QString f = epw_->text().trimmed();
    if (f.isEmpty())
      m = tr("Choose an EPW weather file (Browse...).");
    else if (!QFileInfo(f).isFile())
      m = tr("The EPW file %1 does not exist: choose another (Browse...).").arg(f);
  }
  set_error(weather_err_, m, all);
  // Battery.
  m.clear();
  if (battery_->isChecked()) {
    if (bat_power_->value() <= 0)
      m = tr("The battery's power must be above 0 MW (or untick the battery).");
    else if (bat_energy_->value() <= 0)
      m = tr("The battery's energy must be above 0 MWh (or untick the battery).");
    else if (bat_ramp_->value() <= 0)
      m = tr("The grid ramp limit the battery holds must be above 0 MW/s.");
  }
  set_error(battery_err_, m, all);
  // Events.
  m.clear();
  for (int r = 0; r < events_->rowCount() && m.isEmpty(); ++r) {
    const auto text = [&](int c) {
      return events_->item(r, c) ? events_->item(r, c)->text().trimmed() : QString();
    };
    bool ok = true;
    const QString target = text(1);
    model::Id id = model::kNoId;
    if (!target.isEmpty()) {
      id = target.toLongLong(&ok);
      if (!ok || id <= 0) {
        m = tr("Event %1: the target '%2' is not an id (a whole number; empty for the default).")
                .arg(r + 1)
                .arg(target);
        break;
      }
    }
    const double t0 = text(2).toDouble(&ok);
    if (!ok || t0 < 0) {
      m = tr("Event %1: the start '%2' is not a time in seconds >= 0.").arg(r + 1).arg(text(2));
      break;
    }
    if (h > 0 && t0 >= h) {
      m = tr("Event %1 starts at %2 s, after the horizon ends (%3 s).").arg(r + 1).arg(t0).arg(h);
      break;
    }
    if (!text(3).isEmpty()) {
      const double d = text(3).toDouble(&ok);
      if (!ok || d <= 0) {
        m = tr("Event %1: the duration '%2' must be a time in seconds > 0 (empty: to the end).")
                .arg(r + 1)
                .arg(text(3));
        break;
      }
    }
    auto* kc = qobject_cast<QComboBox*>(events_->cellWidget(r, 0));
    const auto kind =
        kc ? static_cast<sc::EventKind>(kc->currentData().toInt()) : sc::EventKind::UtilityLoss;
    if (site_ && id != model::kNoId) {
      const model::ElecNode* n = find_node(site_, id);
      const model::CoolingUnit* u = find_unit(site_, id);
      if (kind == sc::EventKind::UtilityLoss && (!n || n->kind != model::ElecKind::GridFeed))
        m = tr("Event %1: %2 is not a grid feed of this site.").arg(r + 1).arg(id);
      else if (kind == sc::EventKind::ComponentOutage && !n)
        m = tr("Event %1: %2 is not an electrical node of this site.").arg(r + 1).arg(id);
      else if (kind == sc::EventKind::ChillerTrip &&
               (!u ||
                (u->kind != model::CoolKind::Chiller && u->kind != model::CoolKind::WaterLoop)))
        m = tr("Event %1: %2 is neither a chiller nor a water loop of this site.")
                .arg(r + 1)
                .arg(id);
    } else if (kind == sc::EventKind::ComponentOutage && id == model::kNoId) {
      m = tr("Event %1: a component outage needs the id of an electrical node.").arg(r + 1);
    }
  }
  set_error(events_err_, m, all);
  if (!m.isEmpty()) {  // select the row the message is about
    const int r = m.section(' ', 1, 1).remove(':').toInt() - 1;
    if (r >= 0 && r < events_->rowCount()) events_->selectRow(r);
  }
  // Everything else the store checks (the round trip through params_json).
  if (all.isEmpty()) {
    m.clear();
    try {
      const data::StoredScenario st2 = scenario();
      (void)data::to_scenario(st2, weather_kind_->currentIndex() == 0
                                       ? std::optional<sc::WeatherSeries>{}
                                       : std::optional<sc::WeatherSeries>{placeholder_weather()});
    } catch (const std::exception& e) {
      m = QString::fromUtf8(e.what());
    }
    set_error(params_err_, m, all);
  }
  // Show the first tab with a message.
  if (auto* tabs = findChild<QTabWidget*>("editorTabs")) {
    const QList<QPair<QLabel*, int>> where = {{name_err_, 0},  {horizon_err_, 0}, {step_err_, 0},
                                              {load_err_, 1},  {weather_err_, 2}, {battery_err_, 3},
                                              {events_err_, 4}};
    for (const auto& [label, tab] : where)
      if (!label->text().isEmpty() && !label->isHidden()) {
        tabs->setCurrentIndex(tab);
        break;
      }
  }
  return all;
}

void ScenarioEditor::accept() {
  if (!validate().isEmpty()) return;
  QDialog::accept();
}

}  // namespace dctwin::app
