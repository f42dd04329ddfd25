// Weather: synthetic years from monthly normals (the normals come back out, the same year every
// time, climates ordered sensibly), EPW import of the shared TMY3 files (when ../shared is there),
// and a table of broken EPW files each refused with its line number.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "data/weather_io.h"
#include "model/scenario/weather.h"

namespace ms = dctwin::model::scenario;
namespace data = dctwin::data;

Q_DECLARE_METATYPE(std::string)

namespace {

// A valid EPW text: 8 header lines and 8,760 rows (8,784 with leap), smooth made-up weather.
std::vector<std::string> epw_lines(bool leap = false) {
  std::vector<std::string> l = {"LOCATION,Testville,TS,NWL,made-up,000001,45.00,10.00,1.0,250.0",
                                "DESIGN CONDITIONS,0",
                                "TYPICAL/EXTREME PERIODS,0",
                                "GROUND TEMPERATURES,0",
                                "HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0",
                                "COMMENTS 1,test file",
                                "COMMENTS 2,test file",
                                "DATA PERIODS,1,1,Data,Sunday, 1/ 1,12/31"};
  const int days[12] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int n = 0;
  for (int m = 1; m <= 12; ++m)
    for (int d = 1; d <= days[m - 1]; ++d)
      for (int h = 1; h <= 24; ++h, ++n) {
        const double t = 10.0 + 12.0 * std::sin(2 * M_PI * (n / 8760.0 - 0.3)) +
                         4.0 * std::sin(2 * M_PI * (h - 9) / 24.0);
        char row[200];
        std::snprintf(row, sizeof row, "%d,%d,%d,%d,0,?9?9?9,%.1f,%.1f,70,97000",
                      leap ? 2000 : 1999, m, d, h, t, t - 5.0);
        std::string s = row;
        for (int k = 0; k < 25; ++k) s += ",0";  // fields 11..35
        l.push_back(s);
      }
  return l;
}

std::string join(const std::vector<std::string>& l) {
  std::string s;
  for (const auto& x : l) s += x + "\n";
  return s;
}

// Replaces field k (1-based) of a comma-separated line.
std::string with_field(const std::string& line, int k, const std::string& v) {
  std::vector<std::string> f;
  std::size_t start = 0;
  for (;;) {
    const auto c = line.find(',', start);
    f.push_back(line.substr(start, c == std::string::npos ? std::string::npos : c - start));
    if (c == std::string::npos) break;
    start = c + 1;
  }
  f[static_cast<std::size_t>(k - 1)] = v;
  std::string out;
  for (std::size_t i = 0; i < f.size(); ++i) out += (i ? "," : "") + f[i];
  return out;
}

QString shared_weather_dir() { return QString(DCTWIN_SHARED_DIR) + "/reference/weather"; }

struct MonthStats {
  double mean = 0, range = 0, rh = 0;
};

MonthStats month_stats(const ms::WeatherSeries& s, int m) {
  MonthStats r;
  const int d0 = ms::kMonthStartDay[m], d1 = ms::kMonthStartDay[m + 1];
  for (int d = d0; d < d1; ++d) {
    double lo = 1e9, hi = -1e9;
    for (int h = 0; h < 24; ++h) {
      const auto i = static_cast<std::size_t>(d * 24 + h);
      r.mean += s.dry_bulb_c[i];
      r.rh += s.rh[i];
      lo = std::min(lo, s.dry_bulb_c[i]);
      hi = std::max(hi, s.dry_bulb_c[i]);
    }
    r.range += hi - lo;
  }
  r.mean /= 24.0 * (d1 - d0);
  r.rh /= 24.0 * (d1 - d0);
  r.range /= d1 - d0;
  return r;
}

}  // namespace

class TestWeather : public QObject {
  Q_OBJECT

 private slots:
  void valueExceeded() {
    std::vector<double> v(8760);
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>((i * 7919) % 8760) + 1;
    QCOMPARE(ms::value_exceeded(v, 35), 8725.0);  // 35 values (8726..8760) lie above it
    QCOMPARE(ms::value_exceeded(v, 0), 8760.0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)ms::value_exceeded(v, 8760));
  }

  void builtinClimates() {
    const auto ids = data::builtin_climates();
    for (const char* id : {"abilene-tx", "phoenix-az", "atlanta-ga", "dublin-ie", "lulea-se"})
      QVERIFY2(std::find(ids.begin(), ids.end(), id) != ids.end(), id);
    QVERIFY(std::is_sorted(ids.begin(), ids.end()));
    try {
      (void)data::builtin_weather("atlantis");
      QFAIL("unknown climate accepted");
    } catch (const data::WeatherError& e) {
      const std::string msg = e.what();
      QVERIFY2(
          msg.find("atlantis") != std::string::npos && msg.find("phoenix-az") != std::string::npos,
          e.what());
    }
    QCOMPARE(data::builtin_weather("Phoenix-AZ").dry_bulb_c,
             data::builtin_weather("phoenix-az").dry_bulb_c);
  }

  void syntheticReproducesNormals_data() {
    QTest::addColumn<std::string>("id");
    for (const auto& id : data::builtin_climates()) QTest::newRow(id.c_str()) << id;
  }
  void syntheticReproducesNormals() {
    QFETCH(std::string, id);
    const auto& list = data::builtin_climate_list();
    const auto it =
        std::find_if(list.begin(), list.end(), [&](const auto& c) { return c.id == id; });
    QVERIFY(it != list.end());
    const ms::MonthlyNormals& n = it->normals;
    const ms::WeatherSeries s = ms::synthetic_year(n);
    ms::check_series(s);
    for (int m = 0; m < 12; ++m) {
      const MonthStats got = month_stats(s, m);
      const auto um = static_cast<std::size_t>(m);
      QVERIFY2(std::abs(got.mean - n.mean_dry_bulb_c[um]) < 0.1,
               qPrintable(QString("month %1: mean %2, normal %3")
                              .arg(m + 1)
                              .arg(got.mean)
                              .arg(n.mean_dry_bulb_c[um])));
      QVERIFY2(std::abs(got.range - n.daily_range_k[um]) < 0.1 * n.daily_range_k[um],
               qPrintable(QString("month %1: range %2, normal %3")
                              .arg(m + 1)
                              .arg(got.range)
                              .arg(n.daily_range_k[um])));
      QVERIFY2(
          std::abs(got.rh - n.mean_rh[um]) < 0.03,
          qPrintable(
              QString("month %1: rh %2, normal %3").arg(m + 1).arg(got.rh).arg(n.mean_rh[um])));
    }
    const auto st = ms::weather_stats(s);
    QCOMPARE(st.hours, ms::kHoursPerYear);
    // Pressure from the elevation; the diurnal shape: coolest near sunrise, warmest mid-afternoon.
    QVERIFY(std::abs(s.pressure_pa[0] -
                     101325.0 * std::pow(1 - 2.25577e-5 * n.elevation_m, 5.2559)) < 1.0);
    std::vector<double> by_hour(24, 0.0);
    for (std::size_t i = 0; i < s.hours(); ++i) by_hour[i % 24] += s.dry_bulb_c[i];
    const auto coolest = std::min_element(by_hour.begin(), by_hour.end()) - by_hour.begin();
    const auto warmest = std::max_element(by_hour.begin(), by_hour.end()) - by_hour.begin();
    QVERIFY(coolest >= 4 && coolest <= 7);
    QVERIFY(warmest >= 13 && warmest <= 16);
    // Design extremes plausible: within 3 K of the published 0.4 % value where the file gives one.
    qInfo(
        "%s: mean %.1f C, min %.1f, max %.1f, 0.4 %% DB %.1f (published %.1f), 0.4 %% WB %.1f, "
        "hours > 27 C %zu",
        id.c_str(), st.mean_dry_bulb_c, st.min_dry_bulb_c, st.max_dry_bulb_c,
        st.design_dry_bulb_0_4_c, it->reference_design_dry_bulb_c.value_or(NAN),
        st.design_wet_bulb_0_4_c, ms::hours_above(s, 27.0));
    if (it->reference_design_dry_bulb_c)
      QVERIFY(std::abs(st.design_dry_bulb_0_4_c - *it->reference_design_dry_bulb_c) < 3.0);
    QVERIFY(st.design_wet_bulb_0_4_c < st.design_dry_bulb_0_4_c);
  }

  void syntheticDeterministic() {
    const auto& c = data::builtin_climate_list().front();
    const auto a = ms::synthetic_year(c.normals), b = ms::synthetic_year(c.normals);
    QVERIFY(a.dry_bulb_c == b.dry_bulb_c && a.rh == b.rh && a.wet_bulb_c == b.wet_bulb_c);
    auto other = c.normals;
    other.seed += 1;
    QVERIFY(ms::synthetic_year(other).dry_bulb_c != a.dry_bulb_c);
    // No day-to-day variation: every day of a month nearly alike, and no NaN anywhere.
    other.day_sd_k.fill(0.0);
    ms::check_series(ms::synthetic_year(other));
    auto bad = c.normals;
    bad.mean_rh[3] = 45.0;  // percent where a fraction is meant
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)ms::synthetic_year(bad));
  }

  void climatesOrdered() {
    const auto lulea = ms::weather_stats(data::builtin_weather("lulea-se"));
    const auto phoenix = ms::weather_stats(data::builtin_weather("phoenix-az"));
    const auto dublin = ms::weather_stats(data::builtin_weather("dublin-ie"));
    const auto atlanta = ms::weather_stats(data::builtin_weather("atlanta-ga"));
    QVERIFY(lulea.mean_dry_bulb_c < dublin.mean_dry_bulb_c);
    QVERIFY(dublin.mean_dry_bulb_c < atlanta.mean_dry_bulb_c);
    QVERIFY(atlanta.mean_dry_bulb_c < phoenix.mean_dry_bulb_c);
    QVERIFY(lulea.max_dry_bulb_c < phoenix.max_dry_bulb_c);
    QVERIFY(lulea.min_dry_bulb_c < -15.0);
    // Humid Atlanta has the higher design wet-bulb although Phoenix is far hotter.
    QVERIFY(atlanta.design_wet_bulb_0_4_c > phoenix.design_wet_bulb_0_4_c - 2.0);
    QVERIFY(phoenix.design_dry_bulb_0_4_c > atlanta.design_dry_bulb_0_4_c + 5.0);
  }

  void climatesDocumentErrors() {
    QVERIFY_THROWS_EXCEPTION(data::WeatherError, (void)data::parse_climates("{", "x.json"));
    QVERIFY_THROWS_EXCEPTION(data::WeatherError,
                             (void)data::parse_climates(R"({"schema":"other/1"})", "x.json"));
    try {
      (void)data::parse_climates(
          R"({"schema":"dctwin-climates/1","sources":{},"climates":[{"id":"a","name":"A",
          "latitude_deg":1,"longitude_deg":2,"elevation_m":3,"seed":1,
          "mean_max_c":{"values":[1,2,3],"source":"s"}}]})",
          "x.json");
      QFAIL("accepted");
    } catch (const data::WeatherError& e) {
      QVERIFY2(std::string(e.what()).find("/climates/0/mean_max_c") != std::string::npos, e.what());
    }
  }

  void epwShared_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<double>("elevation");
    QTest::addColumn<double>("pressure_kpa");
    QTest::addColumn<double>("mean_c");
    QTest::newRow("denver") << "USA_CO_Denver.Intl.AP.725650_TMY3.epw" << 1650.0 << 83.5 << 10.0;
    QTest::newRow("chicago") << "USA_IL_Chicago-OHare.Intl.AP.725300_TMY3.epw" << 201.0 << 99.0
                             << 9.9;
    QTest::newRow("san_francisco")
        << "USA_CA_San.Francisco.Intl.AP.724940_TMY3.epw" << 2.0 << 101.3 << 14.0;
  }
  void epwShared() {
    QFETCH(QString, file);
    QFETCH(double, elevation);
    QFETCH(double, pressure_kpa);
    QFETCH(double, mean_c);
    const QString path = shared_weather_dir() + "/" + file;
    if (!QFile::exists(path))
      QSKIP(qPrintable("shared EPW reference not found at " + path +
                       " (reference/weather beside the checkout, or -DDCTWIN_SHARED_DIR=...)"));
    const auto s = data::read_epw(path.toStdString());
    ms::check_series(s);  // 8,760 hours, wet-bulb <= dry-bulb everywhere, rh in 0..1
    QCOMPARE(s.hours(), ms::kHoursPerYear);
    QCOMPARE(s.elevation_m, elevation);
    for (std::size_t i = 0; i < s.hours(); ++i) QVERIFY(s.wet_bulb_c[i] <= s.dry_bulb_c[i] + 1e-9);
    const auto st = ms::weather_stats(s);
    qInfo("%s: %s; mean %.1f C, min %.1f, max %.1f, 0.4 %% DB %.1f, 0.4 %% WB %.1f, p %.1f kPa",
          qPrintable(file), s.name.c_str(), st.mean_dry_bulb_c, st.min_dry_bulb_c,
          st.max_dry_bulb_c, st.design_dry_bulb_0_4_c, st.design_wet_bulb_0_4_c,
          st.mean_pressure_pa / 1000);
    QVERIFY(std::abs(st.mean_pressure_pa / 1000 - pressure_kpa) < 1.5);
    QVERIFY(std::abs(st.mean_dry_bulb_c - mean_c) < 2.5);
    QVERIFY(st.design_dry_bulb_0_4_c > 20 && st.design_dry_bulb_0_4_c < 38);
    QVERIFY(st.design_wet_bulb_0_4_c > 12 && st.design_wet_bulb_0_4_c < 27);
    QVERIFY(st.design_wet_bulb_0_4_c < st.design_dry_bulb_0_4_c);
  }

  void epwValidVariants() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto write = [&](const std::string& name, const std::string& text) {
      const std::string p = dir.filePath(QString::fromStdString(name)).toStdString();
      QFile f(QString::fromStdString(p));
      if (!f.open(QIODevice::WriteOnly)) return std::string();
      f.write(text.data(), static_cast<qint64>(text.size()));
      return p;
    };
    const auto plain = data::read_epw(write("plain.epw", join(epw_lines())));
    QCOMPARE(plain.hours(), ms::kHoursPerYear);
    QCOMPARE(plain.name, std::string("Testville, TS, NWL"));
    QCOMPARE(plain.latitude_deg, 45.0);
    QCOMPARE(plain.elevation_m, 250.0);
    QCOMPARE(plain.pressure_pa[100], 97000.0);
    QCOMPARE(plain.rh[100], 0.70);
    // Windows line ends read the same.
    std::string crlf;
    for (const auto& l : epw_lines()) crlf += l + "\r\n";
    QVERIFY(data::read_epw(write("crlf.epw", crlf)).dry_bulb_c == plain.dry_bulb_c);
    // Leap year: 29 February dropped and said so.
    const auto leap = data::read_epw(write("leap.epw", join(epw_lines(true))));
    QCOMPARE(leap.hours(), ms::kHoursPerYear);
    QVERIFY2(leap.source.find("29 February dropped") != std::string::npos, leap.source.c_str());
    // Missing values: previous hour's value; RH from dry-bulb and dew point.
    auto l = epw_lines();
    l[9] = with_field(l[9], 7, "99.9");  // hour 2 dry-bulb missing
    l[20] = with_field(l[20], 10, "999999");
    l[30] = with_field(l[30], 9, "999");
    const auto miss = data::read_epw(write("missing.epw", join(l)));
    QCOMPARE(miss.dry_bulb_c[1], miss.dry_bulb_c[0]);
    QCOMPARE(miss.pressure_pa[12], 97000.0);
    QVERIFY(miss.rh[22] > 0.65 && miss.rh[22] < 0.75);  // T - Td = 5 K at about 0 C: about 69 %
    QVERIFY2(miss.source.find("1 dry-bulb") != std::string::npos &&
                 miss.source.find("1 station pressure") != std::string::npos &&
                 miss.source.find("1 missing relative humidity") != std::string::npos,
             miss.source.c_str());
    QVERIFY_THROWS_EXCEPTION(data::WeatherError,
                             (void)data::read_epw(dir.filePath("nope.epw").toStdString()));
  }

  void epwBroken_data() {
    QTest::addColumn<std::string>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<std::string>("words");
    const auto good = epw_lines();
    auto edit = [&](std::size_t i, const std::string& v) {
      auto l = good;
      l[i] = v;
      return join(l);
    };
    {
      auto l = good;
      l.resize(5);
      QTest::newRow("header cut") << join(l) << 5 << std::string("ends inside the header");
    }
    QTest::newRow("header order") << edit(2, "GROUND TEMPERATURES,0") << 3
                                  << std::string("TYPICAL/EXTREME");
    QTest::newRow("not an epw") << edit(0, "Date,Time,Temp") << 1 << std::string("LOCATION");
    QTest::newRow("latitude") << edit(0, "LOCATION,X,Y,Z,s,1,north,10.0,1.0,5") << 1
                              << std::string("latitude");
    QTest::newRow("location short") << edit(0, "LOCATION,X,Y,Z") << 1 << std::string("10");
    QTest::newRow("sub-hourly") << edit(7, "DATA PERIODS,1,4,Data,Sunday, 1/ 1,12/31") << 8
                                << std::string("hourly");
    {
      std::string row = good[19];
      row = row.substr(0, row.rfind(','));
      QTest::newRow("34 fields") << edit(19, row) << 20 << std::string("35");
    }
    QTest::newRow("non-numeric") << edit(99, with_field(good[99], 7, "warm")) << 100
                                 << std::string("not a number");
    QTest::newRow("pressure range")
        << edit(150, with_field(good[150], 10, "5000")) << 151 << std::string("outside");
    QTest::newRow("rh range") << edit(151, with_field(good[151], 9, "150")) << 152
                              << std::string("relative humidity");
    QTest::newRow("month text") << edit(60, with_field(good[60], 2, "Jan")) << 61
                                << std::string("whole numbers");
    QTest::newRow("repeated hour") << edit(50, good[49]) << 51 << std::string("expected");
    {
      auto l = good;
      l.erase(l.begin() + 1000);  // one hour missing
      QTest::newRow("missing hour") << join(l) << 1001 << std::string("expected");
    }
    {
      auto l = good;
      l.resize(8 + 8000);
      QTest::newRow("short") << join(l) << 8008 << std::string("8,760");
    }
    {
      auto l = good;
      l.push_back(good.back());
      QTest::newRow("extra row") << join(l) << 8769 << std::string("more than 8,760");
    }
    {
      auto l = good;
      l.insert(l.begin() + 300, "");
      QTest::newRow("blank line") << join(l) << 301 << std::string("empty line");
    }
    {
      auto l = good;
      for (std::size_t i = 8; i < l.size(); ++i) l[i] = with_field(l[i], 10, "999999");
      QTest::newRow("all pressure missing")
          << join(l) << 0 << std::string("every station pressure");
    }
  }
  void epwBroken() {
    QFETCH(std::string, text);
    QFETCH(int, line);
    QFETCH(std::string, words);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("broken.epw");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text.data(), static_cast<qint64>(text.size()));
    f.close();
    try {
      (void)data::read_epw(path.toStdString());
      QFAIL("broken EPW accepted");
    } catch (const data::WeatherError& e) {
      const std::string msg = e.what();
      const std::string where =
          path.toStdString() + (line > 0 ? ":" + std::to_string(line) + ":" : ":");
      QVERIFY2(msg.rfind(where, 0) == 0, e.what());
      QVERIFY2(msg.find(words) != std::string::npos, e.what());
    }
  }

  void cli() {
    const QString exe = QString(DCTWIN_BIN_DIR) + "/dctwin-cli";
    if (!QFile::exists(exe)) QSKIP("dctwin-cli not built");
    QProcess p;
    p.start(exe, {"weather", "lulea-se", "--json"});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    const QByteArray out = p.readAllStandardOutput();
    for (const char* key : {"\"design_dry_bulb_0_4_c\"", "\"design_wet_bulb_0_4_c\"",
                            "\"hours_above_27c\"", "\"mean_dry_bulb_c\""})
      QVERIFY2(out.contains(key), out.constData());
    p.start(exe, {"weather", "atlantis"});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 2);
    p.start(exe, {"weather", QDir::temp().filePath("no-such-file-dctwin.epw")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 3);
  }
};

QTEST_GUILESS_MAIN(TestWeather)
#include "tst_weather.moc"
