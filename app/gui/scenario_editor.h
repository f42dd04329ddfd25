// The scenario editor dialog: typed editors for every field of a stored scenario (name, horizon
// and step, load profile, weather, smoothing, battery, events), with a validation message under
// each field that is wrong. Accept is refused while a message shows.
//
// Round trip: the dialog parses the scenario it is given with data::to_scenario (as the project
// file does), edits that runnable form, and writes it back with data::to_stored, so every
// parameter that has no editor here (hall profiles, snapshot times, response-table steps, the
// battery's state-of-charge limits, weather pressure) is kept as it was.
#pragma once

#include <QDialog>
#include <QStringList>

#include "data/project_file.h"
#include "model/scenario/engine.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;
class QTableWidget;

namespace dctwin::app {

class ScenarioEditor : public QDialog {
  Q_OBJECT
 public:
  /// initial: the scenario to edit. taken: names of the project's other scenarios (the name must
  /// differ from them). site: the site the scenario runs on, for event targets (may be null: the
  /// targets are then not checked).
  ScenarioEditor(const data::StoredScenario& initial, QStringList taken, const model::Site* site,
                 QWidget* parent = nullptr);

  /// A fresh scenario for this site: 24 h at 1 h, full load, the site's design weather.
  [[nodiscard]] static data::StoredScenario default_scenario(const model::Site* site,
                                                             const QString& name);

  /// The scenario as the fields say (call validate() first: meaningful only when it is empty).
  [[nodiscard]] data::StoredScenario scenario() const;
  /// Checks every field, shows a message under each wrong one; returns the messages.
  QStringList validate();

  void accept() override;

 private:
  void build_ui();
  void load(const data::StoredScenario& s);
  void add_event_row(const model::scenario::ScenarioEvent& e);
  [[nodiscard]] double horizon_s() const;
  [[nodiscard]] double step_s() const;
  [[nodiscard]] model::scenario::Scenario edited() const;

  data::StoredScenario initial_;
  model::scenario::Scenario base_;  // the parsed initial scenario (keeps the fields not edited)
  QStringList taken_;
  const model::Site* site_ = nullptr;

  QLineEdit* name_ = nullptr;
  QLineEdit* description_ = nullptr;
  QDoubleSpinBox* horizon_ = nullptr;
  QComboBox* horizon_unit_ = nullptr;
  QDoubleSpinBox* step_ = nullptr;
  QComboBox* step_unit_ = nullptr;
  QComboBox* load_kind_ = nullptr;
  QStackedWidget* load_pages_ = nullptr;
  QDoubleSpinBox* util_ = nullptr;
  QDoubleSpinBox* di_mean_ = nullptr;
  QDoubleSpinBox* di_amp_ = nullptr;
  QDoubleSpinBox* di_peak_ = nullptr;
  QDoubleSpinBox* tr_compute_ = nullptr;
  QDoubleSpinBox* tr_iter_ = nullptr;
  QDoubleSpinBox* tr_duty_ = nullptr;
  QDoubleSpinBox* tr_comm_ = nullptr;
  QDoubleSpinBox* tr_ck_int_ = nullptr;
  QDoubleSpinBox* tr_ck_dur_ = nullptr;
  QDoubleSpinBox* tr_ck_util_ = nullptr;
  QDoubleSpinBox* tr_idle_ = nullptr;
  QDoubleSpinBox* tr_start_ = nullptr;
  QCheckBox* tr_has_stop_ = nullptr;
  QDoubleSpinBox* tr_stop_ = nullptr;
  QDoubleSpinBox* tr_start_ramp_ = nullptr;
  QDoubleSpinBox* tr_stop_ramp_ = nullptr;
  QDoubleSpinBox* tr_mtbf_ = nullptr;
  QDoubleSpinBox* tr_restart_ = nullptr;
  QSpinBox* tr_seed_ = nullptr;
  QComboBox* weather_kind_ = nullptr;
  QStackedWidget* weather_pages_ = nullptr;
  QDoubleSpinBox* dry_ = nullptr;
  QDoubleSpinBox* wet_ = nullptr;
  QComboBox* climate_ = nullptr;
  QLineEdit* epw_ = nullptr;
  QCheckBox* smoothing_ = nullptr;
  QDoubleSpinBox* hysteresis_ = nullptr;
  QGroupBox* battery_ = nullptr;
  QDoubleSpinBox* bat_power_ = nullptr;
  QDoubleSpinBox* bat_energy_ = nullptr;
  QDoubleSpinBox* bat_ramp_ = nullptr;
  QDoubleSpinBox* bat_eff_ = nullptr;
  QTableWidget* events_ = nullptr;

  QLabel* name_err_ = nullptr;
  QLabel* horizon_err_ = nullptr;
  QLabel* step_err_ = nullptr;
  QLabel* load_err_ = nullptr;
  QLabel* weather_err_ = nullptr;
  QLabel* battery_err_ = nullptr;
  QLabel* events_err_ = nullptr;
  QLabel* params_err_ = nullptr;
};

}  // namespace dctwin::app
