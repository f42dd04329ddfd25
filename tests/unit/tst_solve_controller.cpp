// Live results: the controller solves the newest state of the site off the UI thread, marks
// older results stale, and a newer edit or the user's Cancel stops a running solve.
#include <QtTest>
#include <memory>

#include "app/gui/solve_controller.h"
#include "data/catalog_io.h"
#include "model/site/templates.h"

using dctwin::app::LiveResults;
using dctwin::app::SolveController;
namespace model = dctwin::model;

namespace {
std::shared_ptr<const model::Site> make(const std::string& name) {
  return std::make_shared<const model::Site>(
      model::make_site_from_template(name, {}, dctwin::data::builtin_catalog()));
}
std::shared_ptr<const model::Catalog> catalog() {
  return std::make_shared<const model::Catalog>(dctwin::data::builtin_catalog());
}
}  // namespace

class TstSolveController : public QObject {
  Q_OBJECT
 private slots:
  void solvesElectricalThenThermal() {
    SolveController c;
    c.set_debounce_ms(10);
    QSignalSpy elec(&c, &SolveController::electricalReady);
    QSignalSpy thermal(&c, &SolveController::thermalReady);
    const auto site = make("small");
    const auto cat = catalog();
    c.site_changed(site, cat, 1);
    QVERIFY(c.latest() == nullptr);
    QTRY_COMPARE_WITH_TIMEOUT(thermal.count(), 1, 60000);
    QCOMPARE(elec.count(), 1);
    QCOMPARE(elec.at(0).at(0).toULongLong(), 1ULL);
    const auto r = c.latest();
    QVERIFY(r);
    QCOMPARE(r->revision, 1ULL);
    QVERIFY(!c.stale());
    // The same answer as the coupled solve directly on this thread: the grid import carries the
    // cooling plant.
    const auto direct =
        model::facility::solve_facility(*site, *cat, *model::thermal::design_outdoor(*site));
    QCOMPARE(r->elec.grid_import_w, direct.elec.grid_import_w);
    QVERIFY(r->facility.has_value());
    QCOMPARE(r->facility->facility_power_w, direct.balance.facility_power_w);
    QVERIFY(r->elec.grid_import_w > model::electrical::solve_site_power(*site, *cat).grid_import_w +
                                        0.9 * direct.balance.cooling_power_w);
    QVERIFY(r->thermal.has_value());
    QCOMPARE(r->thermal->halls.size(), site->halls.size());
    QVERIFY(r->thermal->max_rack_inlet_c > 10.0);
    QTRY_VERIFY(!c.busy());
  }

  void newestStateWinsAndOlderIsStale() {
    SolveController c;
    c.set_debounce_ms(20);
    QSignalSpy thermal(&c, &SolveController::thermalReady);
    QSignalSpy stale(&c, &SolveController::staleChanged);
    const auto cat = catalog();
    c.site_changed(make("small"), cat, 1);
    QTRY_COMPARE_WITH_TIMEOUT(thermal.count(), 1, 60000);
    QVERIFY(!c.stale());

    // Three quick edits: the results of revision 1 are stale at once; only the newest is solved.
    auto edited = std::make_shared<model::Site>(
        model::make_site_from_template("small", {}, dctwin::data::builtin_catalog()));
    c.site_changed(edited, cat, 2);
    QVERIFY(c.stale());
    QVERIFY(stale.count() >= 1);
    QCOMPARE(stale.last().at(0).toBool(), true);
    c.site_changed(edited, cat, 3);
    c.site_changed(edited, cat, 4);
    QTRY_COMPARE_WITH_TIMEOUT(c.latest()->revision, 4ULL, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(c.latest()->thermal.has_value(), 60000);
    QVERIFY(!c.stale());
    QCOMPARE(stale.last().at(0).toBool(), false);
    for (const auto& args : thermal)
      QVERIFY(args.at(0).toULongLong() == 1 || args.at(0).toULongLong() == 4);
  }

  void cancelStopsARunningSolve() {
    SolveController c;
    c.set_debounce_ms(0);
    QSignalSpy thermal(&c, &SolveController::thermalReady);
    QSignalSpy busy(&c, &SolveController::busyChanged);
    QSignalSpy progress(&c, &SolveController::progress);
    c.site_changed(make("gigawatt"), catalog(), 1);
    // Wait until the thermal stage runs (the electrical results are out), then cancel.
    QTRY_VERIFY_WITH_TIMEOUT(c.latest() != nullptr, 60000);
    QVERIFY(c.busy());
    c.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!c.busy(), 60000);
    QCOMPARE(thermal.count(), 0);  // the cancelled thermal results are never published
    QVERIFY(!c.latest()->thermal.has_value());
    QVERIFY(progress.count() >= 1);
    QCOMPARE(busy.last().at(0).toBool(), false);
  }

  void noDesignWeatherSaysWhy() {
    SolveController c;
    c.set_debounce_ms(0);
    auto site = std::make_shared<model::Site>(
        model::make_site_from_template("small", {}, dctwin::data::builtin_catalog()));
    site->design_weather.dry_bulb_c.reset();
    QSignalSpy thermal(&c, &SolveController::thermalReady);
    c.site_changed(site, catalog(), 7);
    QTRY_COMPARE_WITH_TIMEOUT(thermal.count(), 1, 60000);
    QVERIFY(!c.latest()->thermal.has_value());
    QVERIFY(c.latest()->thermal_message.contains("design weather"));
  }
};

QTEST_GUILESS_MAIN(TstSolveController)
#include "tst_solve_controller.moc"
