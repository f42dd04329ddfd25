// The scenario explorer and the power budget as a person uses them: a scenario created through
// the editor's own fields, run in the background, charted (one point per step, or the min/max
// decimation of a long run) and tabulated with the engine's own numbers, overlaid with another,
// exported (PNG, SVG, CSV), a long run cancelled; the Sankey conserves power, the capacity bars
// show the N-1 levels, the N-1 table lists the worst case first.
//
// Pictures: with DCTWIN_EXPLORER_SHOTS=<dir> the test saves screenshots of the explorer and the
// power budget for the small template (and, slower, the gigawatt template) there.
#include <QAbstractButton>
#include <QBarCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QTableWidget>
#include <QXmlStreamReader>
#include <QtTest>
#include <cmath>
#include <unordered_set>

#include "app/gui/charts.h"
#include "app/gui/power_budget.h"
#include "app/gui/scenario_editor.h"
#include "app/gui/scenario_explorer.h"
#include "data/catalog_io.h"
#include "data/scenario_store.h"
#include "model/electrical/contingency.h"
#include "model/facility/coupled.h"
#include "model/site/templates.h"
#include "model/thermal/site_thermal.h"

using namespace dctwin;
using app::ScenarioExplorer;
using Series = ScenarioExplorer::Series;

namespace {

data::Project template_project(const std::string& name) {
  const auto& cat = data::builtin_catalog();
  data::Project p{model::make_site_from_template(name, {}, cat), cat};
  p.scenarios = data::builtin_stored_scenarios(p.site, cat);
  return p;
}

QString shots_dir() { return qEnvironmentVariable("DCTWIN_EXPLORER_SHOTS"); }

bool close_rel(double a, double b, double rel) {
  return std::abs(a - b) <= rel * std::max({std::abs(a), std::abs(b), 1e-300});
}

QList<QPointF> points_of(app::TimeSeriesChart* chart, int k) {
  auto* s = qobject_cast<QXYSeries*>(chart->chart()->series().value(k));
  return s ? s->points() : QList<QPointF>{};
}

// The headline table's cell for (metric, scenario column header).
QVariant headline(QTableWidget* t, const QString& metric, const QString& scenario) {
  int col = -1, row = -1;
  for (int c = 0; c < t->columnCount(); ++c)
    if (t->horizontalHeaderItem(c)->text() == scenario) col = c;
  for (int r = 0; r < t->rowCount(); ++r)
    if (t->item(r, 0)->text() == metric) row = r;
  if (row < 0 || col < 0) return {};
  return t->item(row, col)->data(Qt::UserRole);
}

// Parses a CSV line (RFC 4180 quoting).
QStringList csv_split(const QString& line) {
  QStringList out;
  QString cur;
  bool q = false;
  for (int i = 0; i < line.size(); ++i) {
    const QChar c = line[i];
    if (q) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (c == '"') {
        q = false;
      } else {
        cur += c;
      }
    } else if (c == '"') {
      q = true;
    } else if (c == ',') {
      out << cur;
      cur.clear();
    } else {
      cur += c;
    }
  }
  out << cur;
  return out;
}

}  // namespace

class TstGuiExplorer : public QObject {
  Q_OBJECT
  data::Project project_;

 private slots:
  void initTestCase() {
    project_ = template_project("small");
    QCOMPARE(project_.scenarios.size(), std::size_t(5));
    if (!shots_dir().isEmpty()) QDir().mkpath(shots_dir());
  }

  // min/max decimation keeps every extreme and at most two points per bucket.
  void decimation() {
    std::vector<double> x(100000), y(100000);
    for (std::size_t i = 0; i < x.size(); ++i) {
      x[i] = static_cast<double>(i);
      y[i] = std::sin(0.001 * static_cast<double>(i)) + (i == 54321 ? 5.0 : 0.0);
    }
    const auto pts = app::decimate_min_max(x, y, 0, 99999, 500);
    QVERIFY(pts.size() <= 2 * 500 + 2);
    double ymax = -1e9;
    for (const auto& p : pts) ymax = std::max(ymax, p.y());
    QCOMPARE(ymax, y[54321]);  // the spike survives
    for (int i = 1; i < pts.size(); ++i) QVERIFY(pts[i].x() > pts[i - 1].x());
    // Few points: all of them, with the neighbours just outside the range.
    const auto few = app::decimate_min_max(x, y, 10.5, 20.5, 500);
    QCOMPARE(few.size(), 12);
    QCOMPARE(few.front().x(), 10.0);
    QCOMPARE(few.back().x(), 21.0);
  }

  // The editor refuses a duplicate name (message at the field), a wet-bulb above the dry-bulb and
  // an event target that is not a grid feed; keeps what it has no editor for.
  void editorValidation() {
    data::StoredScenario s = project_.scenarios[2];  // training-24h: battery, smoothing
    app::ScenarioEditor dlg(s, {"design-day"}, &project_.site);
    auto* name = dlg.findChild<QLineEdit*>("nameEdit");
    QVERIFY(name);
    QVERIFY(dlg.validate().isEmpty());
    // Unchanged fields round-trip exactly (params_json included).
    QCOMPARE(dlg.scenario(), s);
    name->setText("design-day");
    QVERIFY(!dlg.validate().isEmpty());
    auto* err = dlg.findChild<QLabel*>("nameError");
    QVERIFY(!err->isHidden());
    QVERIFY(err->text().contains("design-day"));
    if (!shots_dir().isEmpty()) {
      dlg.show();
      QTest::qWait(50);
      dlg.grab().save(shots_dir() + "/editor_name_error.png");
    }
    name->setText("training copy");
    dlg.findChild<QComboBox*>("weatherKindCombo")->setCurrentIndex(0);
    dlg.findChild<QDoubleSpinBox*>("dryBulbSpin")->setValue(20);
    dlg.findChild<QDoubleSpinBox*>("wetBulbSpin")->setValue(25);
    QStringList msgs = dlg.validate();
    QCOMPARE(msgs.size(), 1);
    QVERIFY(!dlg.findChild<QLabel*>("weatherError")->isHidden());
    QVERIFY(dlg.findChild<QLabel*>("nameError")->isHidden());
    dlg.findChild<QDoubleSpinBox*>("wetBulbSpin")->setValue(15);
    QVERIFY(dlg.validate().isEmpty());
    // An event on a rack id: not a grid feed.
    dlg.findChild<QPushButton*>("addEventButton")->click();
    auto* ev = dlg.findChild<QTableWidget*>("eventsTable");
    QCOMPARE(ev->rowCount(), 1);
    ev->item(0, 1)->setText(QString::number(project_.site.racks.id[0]));
    ev->item(0, 2)->setText("600");
    msgs = dlg.validate();
    QCOMPARE(msgs.size(), 1);
    QVERIFY(msgs[0].contains("not a grid feed"));
    if (!shots_dir().isEmpty()) {
      QTest::qWait(50);
      dlg.grab().save(shots_dir() + "/editor_event_error.png");
    }
    model::Id feed = model::kNoId;
    for (const auto& n : project_.site.elec_nodes)
      if (n.kind == model::ElecKind::GridFeed) feed = n.id;
    ev->item(0, 1)->setText(QString::number(feed));
    ev->item(0, 3)->setText("120");
    QVERIFY(dlg.validate().isEmpty());
    const auto out = data::to_scenario(dlg.scenario());
    QCOMPARE(out.events.size(), std::size_t(1));
    QCOMPARE(out.events[0].target, feed);
    QCOMPARE(*out.events[0].duration_s, 120.0);
    QVERIFY(out.battery.has_value());  // kept from the built-in
    QVERIFY(out.smoothing);
  }

  // A scenario created through the dialog (New button), run in the background, charted and
  // tabulated with the engine's numbers; overlaid with a second; exported.
  void createRunChartExport() {
    data::Project project = project_;
    ScenarioExplorer ex;
    ex.set_project(&project);
    ex.resize(1400, 860);
    ex.show();
    QVERIFY(QTest::qWaitForWindowExposed(&ex));
    QSignalSpy changed(&ex, &ScenarioExplorer::scenariosChanged);

    bool refused_duplicate = false, found = false;
    QTimer::singleShot(100, [&] {
      app::ScenarioEditor* dlg = nullptr;
      for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* d = qobject_cast<app::ScenarioEditor*>(w); d && d->isVisible()) dlg = d;
      if (!dlg) return;
      found = true;
      auto* ok = dlg->findChild<QDialogButtonBox*>("editorButtons")->button(QDialogButtonBox::Ok);
      dlg->findChild<QLineEdit*>("nameEdit")->setText("design-day");  // taken
      ok->click();
      refused_duplicate = dlg->isVisible() && !dlg->findChild<QLabel*>("nameError")->isHidden();
      dlg->findChild<QLineEdit*>("nameEdit")->setText("hot day");
      dlg->findChild<QComboBox*>("horizonUnit")->setCurrentText("h");
      dlg->findChild<QDoubleSpinBox*>("horizonSpin")->setValue(12);
      dlg->findChild<QComboBox*>("stepUnit")->setCurrentText("min");
      dlg->findChild<QDoubleSpinBox*>("stepSpin")->setValue(30);
      dlg->findChild<QComboBox*>("loadKindCombo")->setCurrentIndex(1);  // diurnal
      dlg->findChild<QDoubleSpinBox*>("diurnalMeanSpin")->setValue(0.8);
      dlg->findChild<QDoubleSpinBox*>("diurnalAmplitudeSpin")->setValue(0.15);
      dlg->findChild<QDoubleSpinBox*>("diurnalPeakSpin")->setValue(14);
      dlg->findChild<QComboBox*>("weatherKindCombo")->setCurrentIndex(0);
      dlg->findChild<QDoubleSpinBox*>("dryBulbSpin")->setValue(42);
      dlg->findChild<QDoubleSpinBox*>("wetBulbSpin")->setValue(26);
      ok->click();
      if (dlg->isVisible()) dlg->reject();  // never leave the test hanging
    });
    ex.findChild<QPushButton*>("newButton")->click();
    QVERIFY(found);
    QVERIFY(refused_duplicate);
    QCOMPARE(changed.count(), 1);
    QVERIFY(ex.scenario_names().contains("hot day"));
    const data::StoredScenario& hs = project.scenarios.back();
    QCOMPARE(hs.name, std::string("hot day"));
    QCOMPARE(hs.horizon_s, 12 * 3600.0);
    QCOMPARE(hs.step_s, 1800.0);
    QCOMPARE(hs.load_kind, std::string("diurnal"));
    QCOMPARE(*hs.dry_bulb_c, 42.0);
    QCOMPARE(ex.selected(), QStringList{"hot day"});

    // Run it with the Run button; the UI stays responsive (we are spinning its event loop).
    QSignalSpy finished(&ex, &ScenarioExplorer::runFinished);
    ex.findChild<QPushButton*>("runButton")->click();
    QVERIFY(ex.is_running());
    QTRY_VERIFY_WITH_TIMEOUT(!ex.is_running(), 120000);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished[0][0].toBool(), true);
    auto r = ex.result("hot day");
    QVERIFY(r);
    QCOMPARE(r->grid.steps, std::size_t(24));
    QCOMPARE(ex.status("hot day"), QString("done"));

    // Chart: one point per step, equal to the result.
    ex.set_series(Series::GridImport);
    auto* chart = ex.chart();
    QCOMPARE(chart->chart()->series().size(), 1);
    QCOMPARE(chart->chart()->series()[0]->name(), QString("hot day"));
    auto pts = points_of(chart, 0);
    QCOMPARE(pts.size(), 24);
    for (int i = 0; i < 24; ++i) {
      QCOMPARE(pts[i].x(), 0.5 * i);  // hours
      QVERIFY(close_rel(pts[i].y(), r->grid_import_w[static_cast<std::size_t>(i)] / 1e6, 1e-12));
    }
    ex.set_series(Series::Pue);
    pts = points_of(chart, 0);
    QCOMPARE(pts.size(), 24);
    for (int i = 0; i < 24; ++i)
      QVERIFY(close_rel(
          pts[i].y(),
          r->facility_w[static_cast<std::size_t>(i)] / r->it_w[static_cast<std::size_t>(i)],
          1e-12));
    ex.set_series(Series::BatterySoc);
    QCOMPARE(chart->chart()->series().size(), 0);
    QVERIFY(chart->note().contains("No battery in hot day"));
    ex.set_series(Series::MaxRackInlet);
    if (!r->snapshots.empty() && std::isfinite(r->snapshots[0].max_rack_inlet_c)) {
      QCOMPARE(points_of(chart, 0).size(), static_cast<qsizetype>(r->snapshots.size()));
    } else {
      QVERIFY(chart->note().contains("No rack inlet"));
    }

    // Hover: the read-out names the time and the value at the nearest step.
    ex.set_series(Series::It);
    const QString ro = chart->readout_at(3.1);
    QVERIFY2(ro.contains("t = 3.100 h"), qPrintable(ro));
    QVERIFY2(ro.contains(QString("hot day: ")), qPrintable(ro));
    QTest::mouseMove(chart->viewport(), chart->viewport()->rect().center());
    QTRY_VERIFY(!chart->hover_text().isEmpty());

    // Zoom and pan: the x range follows, reset brings the whole horizon back.
    chart->zoom_x(2, 4);
    QCOMPARE(chart->visible_x_min(), 2.0);
    QCOMPARE(points_of(chart, 0).size(), 7);  // 2.0 .. 4.0 h at 0.5 h, and one neighbour each side
    chart->setFocus();
    QTest::keyClick(chart, Qt::Key_Right);
    QVERIFY(chart->visible_x_min() > 2.0);
    QTest::keyClick(chart, Qt::Key_Home);
    QCOMPARE(chart->visible_x_min(), 0.0);

    // Headline table equals the result.
    auto* table = ex.headline_table();
    QCOMPARE(headline(table, "Energy IT", "hot day").toDouble(), r->energy_it_wh / 1e6);
    QCOMPARE(headline(table, "Energy facility", "hot day").toDouble(), r->energy_facility_wh / 1e6);
    QCOMPARE(headline(table, "Energy from the grid", "hot day").toDouble(),
             r->energy_grid_wh / 1e6);
    QCOMPARE(headline(table, "Peak grid import", "hot day").toDouble(),
             r->peak_grid_import_w / 1e6);
    QCOMPARE(headline(table, "PUE (energy-weighted)", "hot day").toDouble(), r->pue);
    QCOMPARE(headline(table, "WUE", "hot day").toDouble(), r->wue_l_per_kwh);
    QCOMPARE(headline(table, "Water", "hot day").toDouble(), r->water_l / 1e3);
    QCOMPARE(headline(table, "Max grid ramp", "hot day").toDouble(), r->max_ramp_mw_per_s);
    QCOMPARE(headline(table, "Hours above recommended", "hot day").toDouble(),
             r->hours_above_recommended);
    QCOMPARE(headline(table, "Events", "hot day").toString(), QString("none"));

    // Overlay: run design-day too, select both -> two curves, two columns.
    QVERIFY(ex.run({"design-day"}));
    QTRY_VERIFY_WITH_TIMEOUT(!ex.is_running(), 120000);
    auto rd = ex.result("design-day");
    QVERIFY(rd);
    ex.select({"hot day", "design-day"});
    ex.set_series(Series::GridImport);
    QCOMPARE(chart->chart()->series().size(), 2);
    QStringList names;
    for (auto* s : chart->chart()->series()) names << s->name();
    QCOMPARE(names, (QStringList{"design-day", "hot day"}));  // list order
    QCOMPARE(points_of(chart, 0).size(), static_cast<qsizetype>(rd->grid.steps));
    QVERIFY(chart->chart()->legend()->isVisible());
    QCOMPARE(headline(table, "Energy IT", "design-day").toDouble(), rd->energy_it_wh / 1e6);
    QCOMPARE(headline(table, "PUE (energy-weighted)", "design-day").toDouble(), rd->pue);

    // Export: PNG (an image), SVG (XML with <svg), CSV (the table's columns and values).
    QTemporaryDir dir;
    const QString png = dir.filePath("chart.png"), svg = dir.filePath("chart.svg"),
                  csv = dir.filePath("table.csv");
    QString err;
    QVERIFY2(ex.export_chart_png(png, &err), qPrintable(err));
    QImage img(png);
    QVERIFY(!img.isNull());
    QVERIFY(img.width() > 100 && img.height() > 100);
    QVERIFY2(ex.export_chart_svg(svg, &err), qPrintable(err));
    QFile f(svg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray svg_bytes = f.readAll();
    QVERIFY(svg_bytes.contains("<svg"));
    QXmlStreamReader xml(svg_bytes);
    int paths = 0;
    while (!xml.atEnd()) {
      xml.readNext();
      if (xml.isStartElement() &&
          (xml.name() == QLatin1String("path") || xml.name() == QLatin1String("polyline")))
        ++paths;
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(paths > 5);  // vector curves and axes, not only a picture
    QVERIFY2(ex.export_table_csv(csv, &err), qPrintable(err));
    QFile c(csv);
    QVERIFY(c.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(c.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(csv_split(lines[0]), (QStringList{"Metric", "Unit", "design-day", "hot day"}));
    QCOMPARE(lines.size(), table->rowCount() + 1);
    bool seen_energy = false;
    for (const auto& line : lines) {
      const QStringList cells = csv_split(line);
      QCOMPARE(cells.size(), 4);
      if (cells[0] == "Energy IT") {
        seen_energy = true;
        QCOMPARE(cells[1], QString("MWh"));
        QCOMPARE(cells[2].toDouble(), rd->energy_it_wh / 1e6);
        QCOMPARE(cells[3].toDouble(), r->energy_it_wh / 1e6);
      }
    }
    QVERIFY(seen_energy);

    // The site changes: both results stale, still shown, labelled.
    ex.mark_stale();
    QVERIFY(ex.is_stale("hot day"));
    QCOMPARE(ex.status("hot day"), QString("stale"));
    QVERIFY(chart->chart()->series()[0]->name().contains("stale"));
    QVERIFY(chart->note().contains("Stale"));
    // Run again: fresh.
    QVERIFY(ex.run({"hot day"}));
    QTRY_VERIFY_WITH_TIMEOUT(!ex.is_running(), 120000);
    QVERIFY(!ex.is_stale("hot day"));
    // Edit in place: stale again.
    data::StoredScenario edited = project.scenarios.back();
    edited.load_mean = 0.6;
    QVERIFY(ex.replace_scenario("hot day", edited));
    QVERIFY(ex.is_stale("hot day"));
    QCOMPARE(changed.count(), 2);
    // Clone and delete.
    const QString copy = ex.clone_scenario("hot day");
    QCOMPARE(copy, QString("hot day copy"));
    QVERIFY(ex.remove_scenario(copy));
    QCOMPARE(changed.count(), 4);
    QVERIFY(!ex.scenario_names().contains(copy));

    if (!shots_dir().isEmpty()) {
      ex.select({"hot day", "design-day"});
      ex.set_series(Series::GridImport);
      QTest::qWait(50);
      ex.grab().save(shots_dir() + "/explorer_small.png");
    }
  }

  // A one-second day (86,400 steps): the chart is decimated to the plot width, zooming into a
  // minute shows every step.
  void longRunDecimated() {
    data::Project project = project_;
    ScenarioExplorer ex;
    ex.set_project(&project);
    ex.resize(1300, 800);
    ex.show();
    QVERIFY(QTest::qWaitForWindowExposed(&ex));
    ex.select({"training-24h"});
    QVERIFY(ex.run({"training-24h"}));
    QTRY_VERIFY_WITH_TIMEOUT(!ex.is_running(), 300000);
    auto r = ex.result("training-24h");
    QVERIFY2(r, qPrintable(ex.status("training-24h")));
    QCOMPARE(r->grid.steps, std::size_t(86400));
    ex.set_series(Series::GridImport);
    auto* chart = ex.chart();
    const auto pts = points_of(chart, 0);
    QVERIFY2(pts.size() <= 2 * chart->buckets() + 2,
             qPrintable(QString("%1 points, %2 buckets").arg(pts.size()).arg(chart->buckets())));
    QVERIFY(pts.size() >= chart->buckets() / 2);
    double dmax = -1e300, dmin = 1e300, fmax = -1e300, fmin = 1e300;
    for (const auto& p : pts) {
      dmax = std::max(dmax, p.y());
      dmin = std::min(dmin, p.y());
    }
    for (double v : r->grid_import_w) {
      fmax = std::max(fmax, v / 1e6);
      fmin = std::min(fmin, v / 1e6);
    }
    QCOMPARE(dmax, fmax);
    QCOMPARE(dmin, fmin);
    // A minute from 10:00 h: 60 steps (and the neighbours), values exact.
    chart->zoom_x(10.0, 10.0 + 59.0 / 3600.0);
    const auto zp = points_of(chart, 0);
    QCOMPARE(zp.size(), 62);
    for (const auto& p : zp) {
      const auto i = static_cast<std::size_t>(std::lround(p.x() * 3600.0));
      QVERIFY(close_rel(p.y(), r->grid_import_w[i] / 1e6, 1e-12));
    }
    ex.set_series(Series::BatterySoc);
    QCOMPARE(points_of(chart, 0).isEmpty(), false);
    if (!shots_dir().isEmpty()) {
      chart->reset_zoom();
      ex.set_series(Series::GridImport);
      QTest::qWait(50);
      ex.grab().save(shots_dir() + "/explorer_training_small.png");
    }
  }

  // The utility outage's cascade in the event time line: one row for the event, one per step
  // of its time line, in the engine's order and words.
  void utilityOutageTimeLine() {
    data::Project project = project_;
    ScenarioExplorer ex;
    ex.set_project(&project);
    ex.resize(1300, 900);
    ex.show();
    QVERIFY(QTest::qWaitForWindowExposed(&ex));
    ex.select({"utility-outage"});
    QVERIFY(ex.run({"utility-outage"}));
    QTRY_VERIFY_WITH_TIMEOUT(!ex.is_running(), 300000);
    auto r = ex.result("utility-outage");
    QVERIFY2(r, qPrintable(ex.status("utility-outage")));
    QCOMPARE(r->events.size(), std::size_t(1));
    const auto& e = r->events[0];
    QVERIFY(e.cascade.size() >= 5);
    auto* table = ex.findChild<QTableWidget*>("eventsTable");
    QVERIFY(table);
    QCOMPARE(table->rowCount(), int(1 + e.cascade.size()));
    QCOMPARE(table->item(0, 2)->text(), QString("utility_loss"));
    QCOMPARE(table->item(0, 3)->text(), QString::fromStdString(e.explanation));
    for (std::size_t k = 0; k < e.cascade.size(); ++k) {
      QCOMPARE(table->item(int(k) + 1, 2)->text(), QString::fromStdString(e.cascade[k].what));
      QCOMPARE(table->item(int(k) + 1, 1)->text(), QString::number(e.cascade[k].t_s, 'f', 1));
    }
    if (!shots_dir().isEmpty()) {
      ex.set_series(Series::Facility);
      QTest::qWait(50);
      ex.grab().save(shots_dir() + "/explorer_utility_outage.png");
    }
  }

  // Cancel an annual run: back to idle, no result, nothing crashes; the widget can run again.
  void cancelLongRun() {
    data::Project project = project_;
    ScenarioExplorer ex;
    ex.set_project(&project);
    ex.show();
    QSignalSpy finished(&ex, &ScenarioExplorer::runFinished);
    ex.select({"annual"});
    QVERIFY(ex.run({"annual"}));
    QVERIFY(ex.findChild<QPushButton*>("cancelButton")->isEnabled());
    QVERIFY(!ex.findChild<QPushButton*>("runButton")->isEnabled());
    // Cancel at once: the small template's annual run takes about 15 ms on a fast machine, so
    // any wait here races the worker (CI finished the run inside a 50 ms wait).
    ex.findChild<QPushButton*>("cancelButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!ex.is_running(), 30000);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished[0][0].toBool(), false);
    QVERIFY(!ex.result("annual"));
    QCOMPARE(ex.status("annual"), QString("cancelled"));
    QVERIFY(ex.findChild<QPushButton*>("runButton")->isEnabled());
    QVERIFY(!ex.findChild<QPushButton*>("cancelButton")->isEnabled());
    // Destroying the widget during a run cancels it and waits.
    {
      ScenarioExplorer ex2;
      ex2.set_project(&project);
      QVERIFY(ex2.run({"annual"}));
    }
  }

  // The power budget on the small template: N-1 on the worker, Sankey conserves power for every
  // scope, capacity bars show the levels of the result, the N-1 table lists the worst first.
  void powerBudgetSmall() {
    app::PowerBudget pb;
    pb.resize(1300, 860);
    pb.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pb));
    QVERIFY(!pb.sankey().has_value());
    pb.set_site(project_.site, project_.catalog);
    QSignalSpy done(&pb, &app::PowerBudget::n1Finished);
    pb.findChild<QPushButton*>("runN1Button")->click();
    QVERIFY(pb.is_running());
    QTRY_VERIFY_WITH_TIMEOUT(!pb.is_running(), 300000);
    QCOMPARE(done.count(), 1);
    QVERIFY2(done[0][0].toBool(), qPrintable(done[0][1].toString()));
    QVERIFY(pb.contingency());
    const model::electrical::ContingencyResult n1 = *pb.contingency();
    const auto* c = &n1;
    QVERIFY(pb.sankey().has_value());
    // Sankey: import = IT + losses.
    const auto& m = *pb.sankey();
    double losses = 0;
    for (const auto& s : m.stages) losses += s.loss_w;
    QVERIFY(close_rel(m.input_w, m.it_w + losses, 1e-6));
    QVERIFY(close_rel(m.it_w, c->base.it_power_w, 1e-9));
    QVERIFY(close_rel(m.input_w, c->base.it_power_w + c->base.total_loss_w, 1e-6));
    // N-1 as the CLI runs it: at the design weather the coupled design point puts the cooling
    // units' power on the network, and the cases carry their cooling consequence.
    const auto od = model::thermal::design_outdoor(project_.site);
    QVERIFY(od.has_value());
    const auto direct =
        model::facility::run_facility_contingencies(project_.site, project_.catalog, *od);
    QVERIFY(!c->base.loads.empty());
    QCOMPARE(c->base.loads.size(), direct.n1.base.loads.size());
    QCOMPARE(c->cases.size(), direct.n1.cases.size());
    QCOMPARE(c->single_points, direct.n1.single_points);
    QCOMPARE(c->cases_with_cooling_limit, direct.n1.cases_with_cooling_limit);
    QVERIFY(close_rel(c->base.grid_import_w, direct.n1.base.grid_import_w, 1e-9));
    // The grid import closes with the solve's energy balance (0.1 %): the chain's input (IT and
    // every loss) plus the cooling units' power.
    double cooling_w = 0;
    for (const auto& l : c->base.loads) cooling_w += l.p_w;
    QVERIFY(cooling_w > 0);
    QVERIFY2(
        close_rel(m.input_w + cooling_w, c->base.grid_import_w, 1e-3),
        qPrintable(
            QString("%1 + %2 vs %3").arg(m.input_w).arg(cooling_w).arg(c->base.grid_import_w)));
    // Every scope conserves power, and the scope's IT is a part of the site's.
    QVERIFY(pb.scope_count() >= 3);  // site, a building, a hall
    for (int i = 1; i < pb.scope_count(); ++i) {
      pb.set_scope(i);
      QVERIFY(pb.sankey().has_value());
      const auto& sm = *pb.sankey();
      double l = 0;
      for (const auto& s : sm.stages) l += s.loss_w;
      QVERIFY(close_rel(sm.input_w, sm.it_w + l, 1e-6));
      QVERIFY(sm.it_w > 0 && sm.it_w <= m.it_w * (1 + 1e-9));
    }
    pb.set_scope(0);
    // Capacity bars: the levels of the contingency result.
    QStringList expect;
    for (const auto& l : c->levels) expect << QString::fromStdString(l.level);
    QStringList shown = pb.capacity_levels();
    QCOMPARE(shown.size(), expect.size());
    std::sort(expect.begin(), expect.end());
    QStringList sorted = shown;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(sorted, expect);
    QCOMPARE(shown.front(), QString("grid_feed"));  // chain order, grid on top
    QTest::qWait(20);                               // painted: the rows have their places
    const QString tip = pb.capacity_view()->tooltip_at(pb.capacity_view()->height() / 3);
    QVERIFY2(tip.contains("installed") && tip.contains("reserved for redundancy"), qPrintable(tip));
    // N-1 table: one row per case, worst first (racks lost, then a cooling limit reached, then
    // loading), each with its time to a cooling limit.
    auto* t = pb.n1_table();
    QCOMPARE(t->rowCount(), static_cast<int>(c->cases.size()));
    QVERIFY(t->rowCount() > 0);
    const auto limit_in = [&](int r) { return t->item(r, 8)->text(); };
    for (int r = 0; r < t->rowCount(); ++r) {
      const auto& k = c->cases[static_cast<std::size_t>(r)];
      QCOMPARE(limit_in(r).isEmpty(), !k.time_to_limit_s.has_value());
      if (k.time_to_limit_s)
        QVERIFY(std::abs(t->item(r, 8)->data(Qt::UserRole).toDouble() - *k.time_to_limit_s) < 1e-9);
      QCOMPARE(t->item(r, 9)->text().startsWith("single point of failure"), k.single_point);
    }
    for (int r = 1; r < t->rowCount(); ++r) {
      const double lost0 = t->item(r - 1, 3)->data(Qt::UserRole).toDouble();
      const double lost1 = t->item(r, 3)->data(Qt::UserRole).toDouble();
      QVERIFY(lost0 >= lost1);
      if (lost0 == lost1 && limit_in(r - 1).isEmpty() && limit_in(r).isEmpty() &&
          t->item(r - 1, 7)->text() == t->item(r, 7)->text())
        QVERIFY(t->item(r - 1, 4)->data(Qt::UserRole).toDouble() >=
                t->item(r, 4)->data(Qt::UserRole).toDouble() - 1e-9);
    }
    // Sortable: by loading ascending, then back to worst first.
    t->sortByColumn(4, Qt::AscendingOrder);
    for (int r = 1; r < t->rowCount(); ++r)
      QVERIFY(t->item(r - 1, 4)->data(Qt::UserRole).toDouble() <=
              t->item(r, 4)->data(Qt::UserRole).toDouble());
    t->sortByColumn(0, Qt::AscendingOrder);
    QCOMPARE(t->item(0, 0)->data(Qt::UserRole).toDouble(), 1.0);
    // Exports.
    QTemporaryDir dir;
    QVERIFY(pb.export_sankey_png(dir.filePath("s.png")));
    QVERIFY(!QImage(dir.filePath("s.png")).isNull());
    QVERIFY(pb.export_sankey_svg(dir.filePath("s.svg")));
    QFile sf(dir.filePath("s.svg"));
    QVERIFY(sf.open(QIODevice::ReadOnly));
    QVERIFY(sf.readAll().contains("<svg"));
    QVERIFY(pb.export_capacity_png(dir.filePath("c.png")));
    QVERIFY(pb.export_n1_csv(dir.filePath("n1.csv")));
    // Stale after a site change.
    pb.mark_stale();
    QVERIFY(pb.is_stale());
    QVERIFY(pb.findChild<QLabel*>("budgetStatus")->text().startsWith("STALE"));
    // set_results without N-1: Sankey, no capacity, empty table.
    const auto base = model::electrical::solve_site_power(project_.site, project_.catalog);
    pb.set_results(project_.site, base, nullptr);
    QVERIFY(!pb.is_stale());
    QVERIFY(pb.sankey().has_value());
    QCOMPARE(pb.n1_table()->rowCount(), 0);
    QVERIFY(pb.capacity_levels().isEmpty());
    pb.set_results(project_.site, c->base, c);
    if (!shots_dir().isEmpty()) {
      QTest::qWait(50);
      pb.grab().save(shots_dir() + "/budget_small.png");
    }
  }

  // Cancelling N-1 stops it: the run ends as cancelled, shows no N-1 results, and the panel is
  // ready to run again. The hall template's N-1 (hundreds of cases) cannot finish between
  // run_n1() and cancel(), which follow each other on this thread.
  void powerBudgetCancel() {
    const data::Project hall = template_project("hall");
    app::PowerBudget pb;
    pb.set_site(hall.site, hall.catalog);
    QSignalSpy done(&pb, &app::PowerBudget::n1Finished);
    QVERIFY(pb.run_n1());
    QVERIFY(pb.is_running());
    pb.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!pb.is_running(), 60000);
    QCOMPARE(done.count(), 1);
    QCOMPARE(done.at(0).at(0).toBool(), false);
    const QString message = done.at(0).at(1).toString();
    QVERIFY2(message.contains("cancel", Qt::CaseInsensitive), qPrintable(message));
    QVERIFY(pb.contingency() == nullptr);
    QVERIFY(pb.findChild<QPushButton*>("runN1Button")->isEnabled());
    // And it runs to the end when left alone.
    QVERIFY(pb.run_n1());
    QTRY_VERIFY_WITH_TIMEOUT(!pb.is_running(), 120000);
    QCOMPARE(done.count(), 2);
    QCOMPARE(done.at(1).at(0).toBool(), true);
    QVERIFY(pb.contingency() != nullptr);
  }

  // Screenshots on the gigawatt template (slow; only with DCTWIN_EXPLORER_SHOTS).
  void gigawattScreenshots() {
    if (shots_dir().isEmpty()) QSKIP("set DCTWIN_EXPLORER_SHOTS=<dir> for the gigawatt pictures");
    data::Project project = template_project("gigawatt");
    ScenarioExplorer ex;
    ex.set_project(&project);
    ex.resize(1500, 900);
    ex.show();
    QVERIFY(QTest::qWaitForWindowExposed(&ex));
    QElapsedTimer t;
    t.start();
    ex.select({"design-day", "annual"});
    QVERIFY(ex.run({"design-day", "annual"}));
    QTRY_VERIFY_WITH_TIMEOUT(!ex.is_running(), 600000);
    qInfo("gigawatt design-day + annual: %.1f s", t.elapsed() / 1000.0);
    QVERIFY(ex.result("design-day"));
    QVERIFY(ex.result("annual"));
    // The design day is the 0.4 % hot day held for 24 h at full load: a year of milder weather
    // at part load cannot need more cooling per unit of IT energy.
    QVERIFY2(ex.result("annual")->pue < ex.result("design-day")->pue,
             qPrintable(QString("annual PUE %1, design-day PUE %2")
                            .arg(ex.result("annual")->pue)
                            .arg(ex.result("design-day")->pue)));
    ex.set_series(Series::GridImport);
    QTest::qWait(50);
    ex.grab().save(shots_dir() + "/explorer_gigawatt.png");
    ex.set_series(Series::Pue);
    QTest::qWait(50);
    ex.grab().save(shots_dir() + "/explorer_gigawatt_pue.png");

    app::PowerBudget pb;
    pb.resize(1500, 900);
    pb.show();
    pb.set_site(project.site, project.catalog);
    t.restart();
    QVERIFY(pb.run_n1());
    QTRY_VERIFY_WITH_TIMEOUT(!pb.is_running(), 600000);
    qInfo("gigawatt N-1: %.1f s, %zu cases", t.elapsed() / 1000.0,
          pb.contingency() ? pb.contingency()->cases.size() : std::size_t(0));
    QVERIFY(pb.contingency());
    // Every case is in the table, and N-1 fails at least every electrical member of every group.
    std::unordered_set<dctwin::model::Id> elec;
    for (const auto& n : project.site.elec_nodes) elec.insert(n.id);
    std::size_t members = 0;
    for (const auto& g : project.site.groups)
      for (const auto m : g.members) members += elec.count(m);
    QVERIFY(pb.contingency()->cases.size() >= members);
    QCOMPARE(pb.n1_table()->rowCount(), static_cast<int>(pb.contingency()->cases.size()));
    QTest::qWait(50);
    pb.grab().save(shots_dir() + "/budget_gigawatt.png");
    pb.set_scope(pb.scope_count() - 1);  // a hall
    QTest::qWait(50);
    pb.grab().save(shots_dir() + "/budget_gigawatt_hall.png");
  }
};

QTEST_MAIN(TstGuiExplorer)
#include "tst_gui_explorer.moc"
