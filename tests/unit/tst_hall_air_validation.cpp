// Hall air model against the OpenFOAM k-epsilon reference (shared/reference/openfoam): rack mean
// inlet temperatures (RMSE <= 1 K, none off by more than 2.5 K) and the two temperature slices.
#include <QtTest>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "data/thermal_case.h"
#include "model/thermal/hall_air.h"

namespace {

const std::string kRef = std::string(DCTWIN_SHARED_DIR) + "/reference/openfoam";

std::vector<std::vector<std::string>> read_csv(const std::string& path) {
  std::ifstream f(path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(f, line);  // header
  while (std::getline(f, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string c;
    while (std::getline(ss, c, ',')) cells.push_back(c);
    rows.push_back(cells);
  }
  return rows;
}

}  // namespace

class TestHallAirValidation : public QObject {
  Q_OBJECT

  dctwin::model::thermal::HallDescription hall_;
  dctwin::model::thermal::HallAirResult res_;

 private slots:
  void initTestCase() {
    if (!std::ifstream(kRef + "/hall_case.json"))
      QSKIP(qPrintable(QString::fromStdString("OpenFOAM reference not found in " + kRef +
                                              "; put the shared folder beside the checkout or "
                                              "configure with -DDCTWIN_SHARED_DIR=...")));
    hall_ = dctwin::data::read_thermal_case(kRef + "/hall_case.json");
    res_ = dctwin::model::thermal::solve_hall_air(hall_);  // default cell size
    qDebug("%lld cells, %d iterations, %.2f s, energy balance %.2e", (long long)res_.cells(),
           res_.iterations, res_.solve_s, res_.energy_balance_error);
  }

  void rackInletTemperatures() {
    const auto rows = read_csv(kRef + "/results/rack_inlet_T.csv");
    QCOMPARE(rows.size(), res_.racks.size());
    std::map<std::string, double> ref;
    for (const auto& r : rows) ref[r.at(0)] = std::stod(r.at(1));
    double se = 0, worst = 0;
    std::string worst_id;
    for (const auto& r : res_.racks) {
      QVERIFY2(ref.count(r.id), r.id.c_str());
      const double e = r.inlet_mean_c - ref[r.id];
      se += e * e;
      if (std::abs(e) > worst) {
        worst = std::abs(e);
        worst_id = r.id;
      }
    }
    const double rmse = std::sqrt(se / static_cast<double>(res_.racks.size()));
    qDebug("mean inlet T: RMSE %.3f K, max |error| %.3f K (%s)", rmse, worst, worst_id.c_str());
    QVERIFY2(rmse <= 1.0, qPrintable(QString("RMSE %1 K").arg(rmse)));
    QVERIFY2(
        worst <= 2.5,
        qPrintable(QString("%1 off by %2 K").arg(QString::fromStdString(worst_id)).arg(worst)));
  }

  void slices_data() {
    QTest::addColumn<double>("z");
    QTest::newRow("z1.0") << 1.0;
    QTest::newRow("z2.0") << 2.0;
  }
  void slices() {
    QFETCH(double, z);
    const auto rows =
        read_csv(kRef + "/results/slice_z" + (z < 1.5 ? std::string("1.0") : "2.0") + ".csv");
    QVERIFY(rows.size() > 3000);
    double se = 0;
    int n = 0, nan_mismatch = 0;
    for (const auto& r : rows) {
      const double x = std::stod(r.at(0)), y = std::stod(r.at(1));
      const bool ref_nan = r.at(2) == "nan";
      const double t = res_.temperature_at(x, y, z);
      if (ref_nan || std::isnan(t)) {
        nan_mismatch += ref_nan != std::isnan(t);
        continue;
      }
      const double e = t - std::stod(r.at(2));
      se += e * e;
      ++n;
    }
    const double rmse = std::sqrt(se / n);
    qDebug("slice z = %.1f m: RMSE %.3f K over %d points", z, rmse, n);
    QCOMPARE(nan_mismatch, 0);  // the same points are inside racks
    QVERIFY2(rmse < 3.0, qPrintable(QString("slice RMSE %1 K").arg(rmse)));
  }

  void energyBalance() { QVERIFY(std::abs(res_.energy_balance_error) < 1e-3); }
};

QTEST_APPLESS_MAIN(TestHallAirValidation)
#include "tst_hall_air_validation.moc"
