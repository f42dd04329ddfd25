#include <QtTest>
#include <cmath>

#include "render/colormap.h"

using namespace dctwin::render;

class TstColorMap : public QObject {
  Q_OBJECT
 private slots:
  void endsAndClamping() {
    const ColorMap m(ColorMapKind::Viridis, 0.0, 100.0);
    QCOMPARE(m.at(0.0), m.at(-50.0));
    QCOMPARE(m.at(100.0), m.at(1e9));
    QVERIFY(m.at(0.0).b > m.at(0.0).g);  // viridis starts dark purple
    QVERIFY(m.at(100.0).r > 0.9);        // and ends yellow
    QCOMPARE(m.at(std::nan("")), ColorMap::kNoData);
  }
  void monotoneLuminance() {
    // Viridis is perceptually ordered: luminance rises with the value.
    const ColorMap m(ColorMapKind::Viridis, 0.0, 1.0);
    double last = -1;
    for (int i = 0; i <= 20; ++i) {
      const Rgb c = m.at(i / 20.0);
      const double lum = 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
      QVERIFY2(lum > last, qPrintable(QString("at %1").arg(i / 20.0)));
      last = lum;
    }
  }
  void thermalMiddleIsNeutral() {
    const ColorMap m(ColorMapKind::Thermal, 18.0, 32.0);
    const Rgb mid = m.at(25.0);
    QVERIFY(std::abs(mid.r - mid.b) < 0.05);
    QVERIFY(m.at(18).b > m.at(18).r);
    QVERIFY(m.at(32).r > m.at(32).b);
  }
  void badRange() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ColorMap(ColorMapKind::Viridis, 1.0, 1.0));
  }
  void ticks_data() {
    QTest::addColumn<double>("lo");
    QTest::addColumn<double>("hi");
    QTest::addColumn<int>("maxTicks");
    QTest::newRow("kW") << 0.0 << 240.0 << 6;
    QTest::newRow("temps") << 17.3 << 31.9 << 8;
    QTest::newRow("small") << 0.001 << 0.0093 << 5;
    QTest::newRow("negative") << -3.0 << 7.0 << 6;
  }
  void ticks() {
    QFETCH(double, lo);
    QFETCH(double, hi);
    QFETCH(int, maxTicks);
    const auto t = legend_ticks(lo, hi, maxTicks);
    QVERIFY(t.size() >= 2);
    QVERIFY(int(t.size()) <= maxTicks);
    for (std::size_t i = 0; i < t.size(); ++i) {
      QVERIFY(t[i] >= lo - 1e-12 && t[i] <= hi + 1e-12);
      if (i) QVERIFY(t[i] > t[i - 1]);
    }
  }
};

QTEST_APPLESS_MAIN(TstColorMap)
#include "tst_colormap.moc"
