// dctwin-cli end to end: runs the built binary as a user would and checks files, exit codes,
// JSON output and error messages.
#include <sqlite3.h>

#include <QtTest>
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>

using nlohmann::json;

namespace {
struct Run {
  int code = -1;
  QString out, err;
};

// A run's limit guards against a hang, it does not time the run: sanitized builds, 2 to 5 times
// slower, scale it (scripts/sanitize.sh sets DCTWIN_TEST_TIMEOUT_SCALE).
int scaled(int timeout_ms) {
  const int scale = std::max(1, qEnvironmentVariableIntValue("DCTWIN_TEST_TIMEOUT_SCALE"));
  return timeout_ms > INT_MAX / scale ? INT_MAX : timeout_ms * scale;
}

Run cli(const QStringList& args, int timeout_ms = 120000) {
  QProcess p;
  p.start(QString(DCTWIN_BIN_DIR) + "/dctwin-cli", args);
  Run r;
  if (!p.waitForFinished(scaled(timeout_ms))) {
    p.kill();
    r.err = "timed out";
    return r;
  }
  r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}

json parse(const QString& s) { return json::parse(s.toStdString()); }

// A stored time series read back with the SQLite C API.
struct Series {
  std::int64_t count = -1;
  std::string layout;
  double t0_s = -1, step_s = -1;
  std::vector<double> values;
};
Series read_series(const QString& file, const std::string& kind, const std::string& name) {
  Series out;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.toStdString().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
      SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    const char* q =
        "SELECT s.count, s.layout, s.t0_s, s.step_s, s.\"values\" FROM result_series s "
        "JOIN result_run r ON r.id = s.run_id WHERE r.kind = ? AND s.level = 'site' "
        "AND s.entity_id IS NULL AND s.name = ?";
    if (sqlite3_prepare_v2(db, q, -1, &st, nullptr) == SQLITE_OK) {
      sqlite3_bind_text(st, 1, kind.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 2, name.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(st) == SQLITE_ROW) {
        out.count = sqlite3_column_int64(st, 0);
        out.layout = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
        out.t0_s = sqlite3_column_double(st, 2);
        out.step_s = sqlite3_column_double(st, 3);
        const auto* b = static_cast<const unsigned char*>(sqlite3_column_blob(st, 4));
        const int n = sqlite3_column_bytes(st, 4);
        for (int i = 0; i + 8 <= n; i += 8) {  // little-endian float64, whatever this machine is
          std::uint64_t u = 0;
          for (int k = 7; k >= 0; --k) u = (u << 8) | b[i + k];
          double v;
          std::memcpy(&v, &u, sizeof v);
          out.values.push_back(v);
        }
      }
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

QString sql(const QString& file, const QString& query) {
  QProcess q;
  q.start("sqlite3", {file, query});
  q.waitForFinished(10000);
  return QString::fromUtf8(q.readAllStandardOutput()).trimmed();
}
}  // namespace

class TstCli : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString path(const QString& name) const { return dir_.filePath(name); }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void help_data() {
    QTest::addColumn<QString>("command");
    for (const char* c : {"new", "info", "validate", "export-json", "import-json", "templates",
                          "catalog", "demo", "solve", "contingency", "ridethrough", "powerflow"})
      QTest::newRow(c) << c;
  }
  void help() {
    QFETCH(QString, command);
    const Run r = cli({command, "--help"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains("Usage") || r.out.contains("usage"), qPrintable(r.out));
  }

  void noCommand() {
    const Run r = cli({});
    QCOMPARE(r.code, 2);
    QVERIFY(!r.err.isEmpty() || !r.out.isEmpty());
  }

  void newInfoValidate() {
    const QString f = path("small.dctwin");
    Run r = cli({"new", "--template", "small", f});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(QFile::exists(f));
    r = cli({"info", f, "--json"});
    QCOMPARE(r.code, 0);
    const json info = parse(r.out);
    QCOMPARE(info["racks"].get<int>(), 40);
    QVERIFY(info["it_power_w"].get<double>() > 4e6 && info["it_power_w"].get<double>() < 6e6);
    double by_building = 0;
    for (const auto& b : info["by_building"]) by_building += b["it_power_w"].get<double>();
    QCOMPARE(by_building, info["it_power_w"].get<double>());
    r = cli({"info", f});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("gb200_nvl72"));
    r = cli({"validate", f, "--json"});
    QCOMPARE(r.code, 0);
    QCOMPARE(parse(r.out)["errors"].get<int>(), 0);
  }

  void params() {
    const QString f = path("p.dctwin");
    Run r =
        cli({"new", "--template", "hall", "--param", "rows=4", "--param", "racks_per_row=5", f});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = cli({"info", f, "--json"});
    QCOMPARE(parse(r.out)["racks"].get<int>(), 20);
  }

  void badArguments_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("inError");
    QTest::newRow("unknown template")
        << QStringList{"new", "--template", "mega", "x.dctwin"} << 2 << "small, hall, gigawatt";
    QTest::newRow("param not key=value")
        << QStringList{"new", "--template", "small", "--param", "rows", "x.dctwin"} << 2
        << "key=value";
    QTest::newRow("param not a number")
        << QStringList{"new", "--template", "small", "--param", "rows=abc", "x.dctwin"} << 2
        << "not a number";
    QTest::newRow("param out of range")
        << QStringList{"new", "--template", "small", "--param", "rows=999", "x.dctwin"} << 2
        << "rows";
    QTest::newRow("missing file") << QStringList{"info", "/nonexistent/site.dctwin"} << 3
                                  << "/nonexistent/site.dctwin";
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << 2 << "frobnicate";
    QTest::newRow("missing argument") << QStringList{"validate"} << 2 << "FILE";
    QTest::newRow("bad catalog file")
        << QStringList{"catalog", "--catalog", "/nonexistent/cat.json"} << 3
        << "/nonexistent/cat.json";
  }
  void badArguments() {
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, inError);
    const Run r = cli(args);
    QCOMPARE(r.code, code);
    QVERIFY2((r.err + r.out).contains(inError), qPrintable(r.err + r.out));
  }

  void garbageFile() {
    const QString f = path("garbage.dctwin");
    {
      QFile g(f);
      QVERIFY(g.open(QIODevice::WriteOnly));
      g.write("this is not a database, just text that a user renamed\n");
    }
    const Run r = cli({"validate", f});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("garbage.dctwin"), qPrintable(r.err));
  }

  void noOverwrite() {
    const QString f = path("keep.dctwin");
    QVERIFY(cli({"new", "--template", "small", f}).code == 0);
    const QByteArray before = [&] {
      QFile g(f);
      g.open(QIODevice::ReadOnly);
      return g.readAll();
    }();
    const Run r = cli({"new", "--template", "hall", f});
    QCOMPARE(r.code, 3);
    QVERIFY(r.err.contains("--force"));
    QFile g(f);
    QVERIFY(g.open(QIODevice::ReadOnly));
    QCOMPARE(g.readAll(), before);
    QCOMPARE(cli({"new", "--template", "hall", "--force", f}).code, 0);
    QCOMPARE(parse(cli({"info", f, "--json"}).out)["racks"].get<int>(), 256);
  }

  // Issue 18: outputs never replace an input (even with --force), never follow a symbolic link
  // out of the folder, and replace an existing file only with --force.
  void outputSafety() {
    const QString p = path("safe.dctwin");
    QCOMPARE(cli({"new", "--template", "small", p}).code, 0);
    const auto bytes = [](const QString& f) {
      QFile g(f);
      return g.open(QIODevice::ReadOnly) ? g.readAll() : QByteArray("<missing>");
    };
    const QByteArray before = bytes(p);
    // -o equal to the input, by another spelling of the same path, with --force.
    const QString same = dir_.path() + "/./safe.dctwin";
    for (const QStringList& args : {QStringList{"export-json", p, same, "--force"},
                                    QStringList{"export-matpower", p, same, "--force"},
                                    QStringList{"report", p, "--scenario", "design-day", "--format",
                                                "json", "-o", same, "--force"}}) {
      const Run r = cli(args);
      QVERIFY2(r.code == 3, qPrintable(args.join(' ') + ": " + r.err));
      QVERIFY2(r.err.contains("is the input"), qPrintable(r.err));
      QCOMPARE(bytes(p), before);
    }
    const QString j = path("safe.json");
    QCOMPARE(cli({"export-json", p, j}).code, 0);
    Run r = cli({"import-json", j, j, "--force"});
    QCOMPARE(r.code, 3);
    QVERIFY(r.err.contains("is the input"));
    QVERIFY(parse(QString::fromUtf8(bytes(j))).contains("catalog"));

    // A link in the output's place pointing out of the folder: refused, the target untouched.
    QTemporaryDir outside;
    const QString victim = outside.filePath("victim.txt");
    {
      QFile v(victim);
      QVERIFY(v.open(QIODevice::WriteOnly));
      v.write("keep me");
    }
    const QString link = path("link.json");
    QVERIFY(QFile::link(victim, link));
    r = cli({"export-json", p, link, "--force"});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("symbolic link"), qPrintable(r.err));
    QCOMPARE(bytes(victim), QByteArray("keep me"));

    // thermal-case: existing outputs need --force; a link among them is never written through.
    const QString hall = QString(DCTWIN_TEST_DATA_DIR) + "/thermal/hall_baseline.json";
    const QString tdir = path("thermal_out");
    QVERIFY(QDir().mkpath(tdir));
    {
      QFile f(tdir + "/rack_inlet_T.csv");
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("mine");
    }
    r = cli({"thermal-case", hall, "--out", tdir});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("--force"), qPrintable(r.err));
    QCOMPARE(bytes(tdir + "/rack_inlet_T.csv"), QByteArray("mine"));
    QVERIFY(QFile::remove(tdir + "/rack_inlet_T.csv"));
    QVERIFY(QFile::link(victim, tdir + "/slice_z1.0.csv"));
    r = cli({"thermal-case", hall, "--out", tdir, "--force"});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("symbolic link"), qPrintable(r.err));
    QCOMPARE(bytes(victim), QByteArray("keep me"));
    QVERIFY(QFile::remove(tdir + "/slice_z1.0.csv"));
    r = cli({"thermal-case", hall, "--out", tdir, "--force"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(bytes(tdir + "/rack_inlet_T.csv").startsWith("rack"));

    // demo: a gigawatt.dctwin of the user's in --out is kept unless --force.
    const QString ddir = path("my_projects");
    QVERIFY(QDir().mkpath(ddir));
    QVERIFY(QFile::copy(p, ddir + "/gigawatt.dctwin"));
    r = cli({"demo", "--out", ddir});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("gigawatt.dctwin exists") && r.err.contains("--force"),
             qPrintable(r.err));
    QCOMPARE(bytes(ddir + "/gigawatt.dctwin"), before);
  }

  void jsonRoundTrip() {
    const QString f = path("rt.dctwin"), j = path("rt.json"), f2 = path("rt2.dctwin");
    QCOMPARE(cli({"new", "--template", "hall", f}).code, 0);
    QCOMPARE(cli({"export-json", f, j}).code, 0);
    QCOMPARE(cli({"import-json", j, f2}).code, 0);
    QCOMPARE(cli({"info", f, "--json"}).out, cli({"info", f2, "--json"}).out);
    QCOMPARE(cli({"info", j, "--json"}).out,
             cli({"info", f, "--json"}).out);  // info reads JSON too
  }

  void validateFindsErrors() {
    const QString f = path("v.dctwin"), j = path("v.json"), bad = path("bad.json");
    QCOMPARE(cli({"new", "--template", "small", f}).code, 0);
    QCOMPARE(cli({"export-json", f, j}).code, 0);
    json doc;
    {
      std::ifstream in(j.toStdString());
      in >> doc;
    }
    auto& rack = doc["site"]["racks"][0];
    rack["feed_a"] = nullptr;
    rack["feed_b"] = nullptr;
    const auto rack_id = rack["id"].get<long long>();
    {
      std::ofstream o(bad.toStdString());
      o << doc.dump();
    }
    Run r = cli({"validate", bad});
    QCOMPARE(r.code, 1);
    QVERIFY(r.out.contains("rack.unfed"));
    r = cli({"validate", bad, "--json"});
    QCOMPARE(r.code, 1);
    const json v = parse(r.out);
    QVERIFY(v["errors"].get<int>() >= 1);
    bool found = false;
    for (const auto& p : v["problems"])
      found = found || (p["code"] == "rack.unfed" && p["entity"].get<long long>() == rack_id &&
                        !p["fix"].get<std::string>().empty());
    QVERIFY(found);
  }

  // Issue 11: a site with validation errors is never solved. Each broken site below used to be
  // solved and reported as "converged" (negative IT power, PUE 0.07 on a zero-voltage node, PUE
  // 2.6 on one negative rack power) or was not even an error (500 C design day, 1,000 km up).
  void invalidSiteNotSolved_data() {
    QTest::addColumn<QString>("pointer");  // JSON pointer into the exported site JSON
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("code");  // the validation code that names it
    QTest::newRow("negative rack power")
        << "/site/racks/0/power_override_w" << -1000.0 << "rack.power";
    QTest::newRow("zero-voltage node") << "/site/elec_nodes/3/voltage_v" << 0.0 << "elec.voltage";
    QTest::newRow("negative voltage") << "/site/elec_nodes/5/voltage_v" << -415.0 << "elec.voltage";
    QTest::newRow("rating 1e308") << "/site/elec_nodes/5/rating_w" << 1e308 << "elec.rating";
    QTest::newRow("500 C design dry-bulb")
        << "/site/design_weather/dry_bulb_c" << 500.0 << "site.design_weather";
    QTest::newRow("elevation 1,000 km") << "/site/location/elevation_m" << 1e6 << "site.elevation";
  }
  void invalidSiteNotSolved() {
    QFETCH(QString, pointer);
    QFETCH(double, value);
    QFETCH(QString, code);
    const QString f = path("inv.dctwin"), j = path("inv.json"), bad = path("inv_bad.json"),
                  p = path("inv_bad.dctwin");
    QFile::remove(f);
    QFile::remove(p);
    QCOMPARE(cli({"new", "--template", "small", f}).code, 0);
    QCOMPARE(cli({"export-json", f, j, "--force"}).code, 0);
    json doc;
    {
      std::ifstream in(j.toStdString());
      in >> doc;
    }
    doc[json::json_pointer(pointer.toStdString())] = value;
    {
      std::ofstream o(bad.toStdString());
      o << doc.dump();
    }
    QCOMPARE(cli({"import-json", bad, p}).code, 0);
    Run r = cli({"validate", p});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.contains(code), qPrintable(r.out));
    for (const QStringList& args :
         {QStringList{"solve", p}, QStringList{"contingency", p},
          QStringList{"simulate", p, "--scenario", "design-day"},
          QStringList{"ridethrough", p, "--event", "crah", "--target", "1"},
          QStringList{"export-matpower", p, path("inv.m"), "--force"},
          QStringList{"report", p, "--scenario", "design-day", "--format", "json", "-o",
                      path("inv_report.json"), "--force"}}) {
      r = cli(args);
      QVERIFY2(r.code == 1, qPrintable(args.join(' ') + " exited " + QString::number(r.code) +
                                       ": " + r.out + r.err));
      QVERIFY2(r.err.contains("validation error") && r.err.contains(code), qPrintable(r.err));
      QVERIFY2(!r.out.contains("converged") && !r.out.contains("PUE"), qPrintable(r.out));
    }
    // Nothing was stored as a result.
    QCOMPARE(sql(p, "SELECT count(*) FROM sqlite_master WHERE name = 'result_run'") == "0"
                 ? QString("0")
                 : sql(p, "SELECT count(*) FROM result_run"),
             QString("0"));
    QVERIFY(!QFile::exists(path("inv_report.json")));
  }

  // Issue 11: a project whose catalog lacks what its kinds require (edited with the sqlite3
  // shell) aborted validate and solve on std::out_of_range / logic_error. Now it is a
  // validation error naming the item and the field, and nothing is solved.
  void brokenCatalogInProject_data() {
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QString>("named");
    QTest::newRow("rack without nameplate")
        << "DELETE FROM catalog_param WHERE item_key = 'gb200_nvl72' AND name = 'nameplate_w'"
        << "'gb200_nvl72' (params/nameplate_w)";
    QTest::newRow("CDU without parameters")
        << "DELETE FROM catalog_param WHERE item_key = 'cdu_2mw'"
        << "'cdu_2mw' (params/";
    QTest::newRow("UPS efficiency curve empty")
        << "DELETE FROM catalog_curve_point WHERE item_key = 'ups_3mw_415v'"
        << "'ups_3mw_415v' (curves/efficiency)";
  }
  void brokenCatalogInProject() {
    QFETCH(QString, edit);
    QFETCH(QString, named);
    const QString f = path("cat_edit.dctwin");
    QFile::remove(f);
    QCOMPARE(cli({"new", "--template", "small", f}).code, 0);
    sql(f, edit);
    Run r = cli({"validate", f});
    QVERIFY2(r.code == 1, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains("catalog.invalid") && r.out.contains(named), qPrintable(r.out));
    for (const QStringList& args : {QStringList{"solve", f}, QStringList{"contingency", f},
                                    QStringList{"simulate", f, "--scenario", "design-day"}}) {
      r = cli(args);
      QVERIFY2(r.code == 1, qPrintable(args.join(' ') + ": " + r.err));
      QVERIFY2(r.err.contains(named), qPrintable(r.err));
    }
  }

  // Issue 11: flags that are not numbers (NaN passed CLI11's range checks and reached the
  // database as "NOT NULL constraint failed", exit 3) and absurd thread counts are flag errors.
  void badNumbersInFlags_data() {
    QTest::addColumn<QStringList>("args");
    QTest::newRow("--load-frac nan") << QStringList{"solve", "--load-frac", "nan"};
    QTest::newRow("--wet-bulb nan") << QStringList{"solve", "--wet-bulb", "nan"};
    QTest::newRow("--dry-bulb inf") << QStringList{"solve", "--dry-bulb", "inf"};
    QTest::newRow("--cell nan") << QStringList{"solve", "--cell", "nan"};
    QTest::newRow("export-matpower --load-frac nan")
        << QStringList{"export-matpower", "--load-frac", "nan", "--force"};
    QTest::newRow("--threads 100000") << QStringList{"contingency", "--threads", "100000"};
  }
  void badNumbersInFlags() {
    QFETCH(QStringList, args);
    const QString f = path("flags.dctwin");
    if (!QFile::exists(f)) QCOMPARE(cli({"new", "--template", "small", f}).code, 0);
    QStringList full = args;
    full.insert(1, f);
    if (full[0] == "export-matpower") full.insert(2, path("flags.m"));
    const Run r = cli(full);
    QVERIFY2(r.code == 2,
             qPrintable(full.join(' ') + " exited " + QString::number(r.code) + ": " + r.err));
    QVERIFY2(r.err.contains(args[1]), qPrintable(r.err));
  }

  void templatesAndCatalog() {
    Run r = cli({"templates", "--json"});
    QCOMPARE(r.code, 0);
    QCOMPARE(parse(r.out)["templates"].size(), std::size_t(3));
    r = cli({"catalog", "--json"});
    QCOMPARE(r.code, 0);
    QCOMPARE(parse(r.out)["schema"].get<std::string>(), std::string("dctwin-catalog/1"));
  }

  void solveStoresResults() {
    const QString f = path("solve.dctwin");
    QCOMPARE(cli({"new", "--template", "small", f}).code, 0);
    Run r = cli({"solve", f, "--json"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const json j = parse(r.out);
    for (const char* key : {"it_power_w", "grid_import_w", "grid_import_var", "losses_w",
                            "min_rack_voltage_pu", "max_loading_pct", "violations"})
      QVERIFY2(j.contains(key), key);
    for (const char* stage :
         {"transformers", "mv_cables", "ups_rectifiers", "lv_distribution", "psus"})
      QVERIFY2(j["losses_w"].contains(stage), stage);
    double losses = 0;
    for (const auto& [k, v] : j["losses_w"].items()) losses += v.get<double>();
    // The grid sees IT, every loss and the cooling plant drawn through the chain; and that is
    // the facility's power less standby generation.
    const double grid = j["grid_import_w"].get<double>();
    QVERIFY(j["fed_cooling_power_w"].get<double>() > 0.02 * j["it_power_w"].get<double>());
    QVERIFY(std::abs(grid - j["it_power_w"].get<double>() - losses -
                     j["fed_cooling_power_w"].get<double>()) < 1e-6 * grid);
    QVERIFY(std::abs(grid - (j["facility_power_w"].get<double>() -
                             j["standby_generation_w"].get<double>())) < 1e-3 * grid);
    QVERIFY(j["coupling"]["converged"].get<bool>());
    QVERIFY(j["coupling"]["passes"].get<int>() >= 2);
    // The results are in the project file, queryable, and a later save keeps them.
    QProcess q;
    q.start("sqlite3",
            {f, "SELECT count(*), sum(powered) FROM result_rack; SELECT kind FROM result_run;"});
    QVERIFY(q.waitForFinished(10000));
    QCOMPARE(QString::fromUtf8(q.readAllStandardOutput()).trimmed(), QString("40|40\npower"));
    QCOMPARE(cli({"info", f}).code, 0);
  }

  // The utility-outage cascade on the gigawatt template: with its standby generation and the
  // 800 V DC buildings' storage it rides through (no rack lost, the plant runs again); without
  // backup the DC halls lose power at once and the plant never restarts.
  void utilityOutageCascade() {
    const QString with = path("gw_backup.dctwin"), without = path("gw_no_backup.dctwin");
    QCOMPARE(cli({"new", "--template", "gigawatt", with}).code, 0);
    QCOMPARE(cli({"new", "--template", "gigawatt", without, "--param", "backup=0"}).code, 0);
    const auto outage = [&](const QString& f) {
      const Run r =
          cli({"simulate", f, "--scenario", "utility-outage", "--json", "--no-store"}, 600000);
      if (r.code != 0) qWarning("%s", qPrintable(r.err));
      return r.code == 0 ? parse(r.out) : json();
    };
    const json a = outage(with);
    QVERIFY(a.contains("events") && a["events"].size() == 1);
    const json& e = a["events"][0];
    QVERIFY2(e["racks_lost"].empty(), e["explanation"].get<std::string>().c_str());
    QVERIFY(e["generators"].get<bool>());
    QVERIFY(e["storage_energy_wh"].get<double>() > 0);
    QVERIFY(e["cooling_units_stopped"].get<int>() > 0);
    QVERIFY(e["plant_running_s"].is_number());
    // The time line, in order: the loss, the plant stopping, generators, restarts, all running.
    std::vector<std::string> order;
    double last = -1;
    for (const json& k : e["cascade"]) {
      QVERIFY(k["t_s"].get<double>() >= last);
      last = k["t_s"].get<double>();
      order.push_back(k["what"].get<std::string>());
    }
    const auto at = [&](const char* what) {
      return std::find(order.begin(), order.end(), what) - order.begin();
    };
    for (const char* w : {"utility_lost", "cooling_stopped", "generators_on", "cooling_restarted",
                          "plant_running", "utility_restored"})
      QVERIFY2(at(w) < std::ptrdiff_t(order.size()), w);
    QVERIFY(at("utility_lost") < at("generators_on"));
    QVERIFY(at("generators_on") < at("cooling_restarted"));
    QVERIFY(at("cooling_restarted") < at("plant_running"));
    for (const json& m : e["media"]) {
      QVERIFY(m["peak_c"].get<double>() >= m["start_c"].get<double>());
      if (m["limit"].get<std::string>().find("coolant maximum") != std::string::npos)
        QVERIFY(m["time_to_limit_s"].is_null());
    }
    QVERIFY(e["racks_over_limit"].empty());
    // Standby sources carried the site during the outage.
    QVERIFY(a["energy_standby_wh"].get<double>() > 0);

    const json b = outage(without);
    QVERIFY(b.contains("events") && b["events"].size() == 1);
    const json& n = b["events"][0];
    QVERIFY(!n["generators"].get<bool>());
    QVERIFY(!n["racks_lost"].empty());
    QVERIFY(!n["racks_without_power"].empty());
    QVERIFY(n["racks_lost"].size() > n["racks_without_power"].size());  // and the plant's
    QVERIFY(n["racks_over_limit"].size() > 0);
  }

  void solveThermal() {
    const QString f = path("thermal.dctwin");
    QCOMPARE(cli({"new", "--template", "hall", f}).code, 0);
    Run r = cli({"solve", f, "--json", "--no-store", "--no-air"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    json j = parse(r.out);
    for (const char* key : {"pue", "pue_cooling_partial", "wue_l_per_kwh", "cooling_power_w",
                            "water_l_per_h", "thermal"})
      QVERIFY2(j.contains(key), key);
    // A second method: the scenario engine (response tables over load and weather, stepped
    // hourly) on the design day, at full load in the same design weather. It adds the plant's
    // power to an electrical solve of the IT chain and leaves out the losses of carrying the
    // plant through the chain, which the coupled solve counts: it sees less, by those losses
    // (the mechanical chain's transformers, mostly their no-load loss, its UPS and cables: under
    // a tenth of the plant's power here).
    {
      const Run sim = cli({"simulate", f, "--scenario", "design-day", "--json", "--no-store"});
      QVERIFY2(sim.code == 0, qPrintable(sim.err));
      const json d = parse(sim.out);
      const double pue = j["pue"].get<double>(), pue_day = d["pue"].get<double>();
      const double grid = j["grid_import_w"].get<double>();
      const double grid_day = d["energy_grid_wh"].get<double>() / 24.0;
      const double chain = 0.1 * j["cooling_power_w"].get<double>();
      QVERIFY2(grid_day <= grid && grid - grid_day < chain,
               qPrintable(QString("solve %1 W, design-day mean %2 W").arg(grid).arg(grid_day)));
      QVERIFY2(pue_day <= pue && (pue - pue_day) * j["it_power_w"].get<double>() < chain,
               qPrintable(QString("solve PUE %1, design-day PUE %2").arg(pue).arg(pue_day)));
      QVERIFY(pue > 1.0);
    }
    QVERIFY(j["thermal"]["energy_balance_error"].get<double>() < 1e-3);
    // A cold day: the economizer takes over and the chillers draw nothing.
    r = cli({"solve", f, "--json", "--no-store", "--no-air", "--dry-bulb", "4", "--wet-bulb", "2"});
    j = parse(r.out);
    QCOMPARE(j["thermal"]["cooling_power_by_component_w"]["chillers"].get<double>(), 0.0);
    r = cli({"solve", f, "--dry-bulb", "20", "--wet-bulb", "25"});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("wet-bulb"));
    // With the hall air model: the hottest rack inlet, per hall.
    const QString small = path("thermal_small.dctwin");
    QCOMPARE(cli({"new", "--template", "small", small}).code, 0);
    r = cli({"solve", small, "--json", "--no-store"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    j = parse(r.out);
    QVERIFY(j["max_rack_inlet_c"].get<double>() >= 24.0);
    QCOMPARE(j["thermal"]["halls"].size(), std::size_t(1));
    QVERIFY(std::abs(j["thermal"]["halls"][0]["energy_balance_error"].get<double>()) < 1e-3);
    // Stored: the hall's temperature field (nx*ny*nz float64 values) and every rack's inlet.
    QCOMPARE(cli({"solve", small}).code, 0);
    QProcess q;
    q.start("sqlite3",
            {small,
             "SELECT length(temp_c) = 8*nx*ny*nz, (SELECT count(*) FROM result_rack_inlet) "
             "FROM result_hall_air; SELECT dry_bulb_c FROM result_thermal"});
    QVERIFY(q.waitForFinished(10000));
    QCOMPARE(QString::fromUtf8(q.readAllStandardOutput()).trimmed(), QString("1|40\n22.6"));
  }

  // thermal-case refuses what it cannot solve before writing anything: the exit code of the
  // CLI's convention (2: the arguments, --cell; 3: the case itself) and a message that names the
  // size, the limit and the fix. Each is quick: a hang fails the test through the timeout.
  void thermalCaseRefusals_data() {
    QTest::addColumn<QString>("edit");  // what to do to the reference hall
    QTest::addColumn<QString>("cell");
    QTest::addColumn<int>("code");
    QTest::addColumn<QStringList>("inError");
    const QStringList grid{"cells (", "exceeds the limit of 5,000,000 cells"};
    QTest::newRow("cell 1e-12") << ""
                                << "1e-12" << 2
                                << (grid + QStringList{"a grid of 5e+38 cells", "--cell 0.051"});
    QTest::newRow("cell 1e-6") << ""
                               << "1e-6" << 2 << (grid + QStringList{"5e+20 cells"});
    QTest::newRow("cell 0.01") << ""
                               << "0.01" << 2
                               << (grid + QStringList{"497,664,000 cells (0.01 m cells"});
    QTest::newRow("cell 0") << ""
                            << "0" << 2 << QStringList{"--cell 0 m", "(0, 2]"};
    QTest::newRow("cell -1") << ""
                             << "-1" << 2 << QStringList{"--cell -1 m"};
    QTest::newRow("cell nan") << ""
                              << "nan" << 2 << QStringList{"--cell nan m"};
    QTest::newRow("cell inf") << ""
                              << "inf" << 2 << QStringList{"--cell inf m"};
    QTest::newRow("cell 1e400") << ""
                                << "1e400" << 2 << QStringList{"--cell inf m"};
    QTest::newRow("100 km tall room")
        << "tall"
        << "0.3" << 3 << (grid + QStringList{"14.4 x 9.6 x 100000 m room", "check the room size"});
    QTest::newRow("2,000 m room") << "wide"
                                  << "0.3" << 3
                                  << (grid +
                                      QStringList{"2000 x 2000 x 3.6 m room", "even 2 m cells"});
    QTest::newRow("20,000 racks") << "racks20k"
                                  << "0.3" << 3
                                  << QStringList{"20,000 racks exceed the limit of 5,000 racks",
                                                 "split"};
    QTest::newRow("20,000 stacked racks")
        << "stacked20k"
        << "0.3" << 3
        << QStringList{"racks R0 and R1 overlap", "(R0 overlaps 19996 more racks)",
                       "more pairs of overlapping racks are not listed"};
    QTest::newRow("no racks") << "norack"
                              << "0.3" << 3
                              << QStringList{"/racks: is empty", "add at least one rack"};
    QTest::newRow("number overflow")
        << "overflow"
        << "0.3" << 3 << QStringList{"/racks/0/power_W: the number 1e400 is too large"};
  }
  void thermalCaseRefusals() {
    QFETCH(QString, edit);
    QFETCH(QString, cell);
    QFETCH(int, code);
    QFETCH(QStringList, inError);
    const QString ref = QString(DCTWIN_TEST_DATA_DIR) + "/thermal/hall_baseline.json";
    QString file = ref;
    if (!edit.isEmpty()) {
      std::ifstream in(ref.toStdString());
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      json c = json::parse(text);
      if (edit == "tall") c["room"]["box_max"][2] = 1e5;
      if (edit == "wide") {
        c["room"]["box_max"][0] = 2000.0;
        c["room"]["box_max"][1] = 2000.0;
        for (auto& u : c["crahs"])
          for (const char* k : {"supply_opening", "return_opening"})
            if (u[k]["coord"].get<double>() > 1) u[k]["coord"] = 2000.0;
      }
      if (edit == "racks20k" || edit == "stacked20k") {
        // 40 rows of 500 racks in a 360 x 100 m room, or all of them on the first rack's spot.
        const bool stacked = edit == "stacked20k";
        if (!stacked) {
          c["room"]["box_max"] = {360.0, 100.0, 3.6};
          for (auto& u : c["crahs"])
            for (const char* k : {"supply_opening", "return_opening"})
              if (u[k]["coord"].get<double>() > 1) u[k]["coord"] = 360.0;
        }
        json racks = json::array();
        for (int k = 0; k < 20000; ++k) {
          json r = c["racks"][0];
          r["id"] = "R" + std::to_string(k);
          if (!stacked) {
            const double x = 5.0 + 0.7 * (k % 500), y = 1.0 + 2.4 * (k / 500);
            r["box_min"] = {x, y, 0.0};
            r["box_max"] = {x + 0.6, y + 1.2, 2.2};
            r.erase("front_face_inlet");
            r.erase("rear_face_exhaust");
          }
          racks.push_back(r);
        }
        c["racks"] = racks;
      }
      if (edit == "norack") c["racks"] = json::array();
      text = c.dump();
      if (edit == "overflow") {
        const auto at = text.find("\"power_W\":");
        QVERIFY(at != std::string::npos);
        text.replace(at, std::strlen("\"power_W\":"), "\"power_W\":1e400,\"x\":");
      }
      file = path("case_" + edit + ".json");
      std::ofstream(file.toStdString()) << text;
    }
    const QString out =
        path("thermal_refused_" + QString(QTest::currentDataTag()).replace(' ', '_'));
    // A hang (the old behaviour) runs into the 60 s limit: cli() then gives code -1.
    const Run r = cli({"thermal-case", file, "--out", out, "--cell", cell}, 60000);
    QCOMPARE(r.code, code);
    for (const auto& s : inError) QVERIFY2(r.err.contains(s), qPrintable(s + " not in: " + r.err));
    QVERIFY2(r.err.size() < 20000, qPrintable(QString::number(r.err.size())));  // a short list
    QVERIFY2(!QFileInfo::exists(out), "refused, yet the output folder was created");
  }

  // A flow that diverges (a one-rack room at 0.06 m cells: no steady flow after a few dozen
  // iterations) is reported as a solver failure, exit 4, and its temperatures are neither
  // listed nor written: they used to be printed as results ("inlet mean 20 C recommended").
  void thermalCaseDivergedWritesNothing() {
    const QString hall = QString(DCTWIN_TEST_DATA_DIR) + "/thermal/tiny_room_one_rack.json";
    const QString out = path("diverged");
    // One run (about 10 s here, a minute sanitized): the JSON and the message say it diverged,
    // no rack is listed and no file is written.
    Run r = cli({"thermal-case", hall, "--out", out, "--cell", "0.06", "--json"}, 600000);
    QCOMPARE(r.code, 4);
    QCOMPARE(parse(r.out)["converged"].get<bool>(), false);
    QVERIFY2(!r.out.contains("inlet"), qPrintable(r.out));
    QVERIFY2(r.err.contains("diverged") && r.err.contains("nothing was written"),
             qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(out + "/rack_inlet_T.csv"));
    QVERIFY(!QFileInfo::exists(out + "/slice_z1.0.csv"));
    // The same room at 0.3 m converges and writes its results.
    r = cli({"thermal-case", hall, "--out", out, "--cell", "0.3"}, 600000);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(QFileInfo::exists(out + "/rack_inlet_T.csv"));
  }

  // solve estimates every hall's grid before solving any and refuses one over the limit (it
  // used to run past 120 s); nothing is stored.
  void solveRefusesFineGrid() {
    const QString f = path("fine.dctwin");
    QCOMPARE(cli({"new", "--template", "small", f}).code, 0);
    Run r = cli({"solve", f, "--cell", "0.05"}, 60000);  // a hang gives code -1
    QCOMPARE(r.code, 2);
    for (const char* s : {"hall B1-H1", "cells (0.05 m cells in a 12 x 14.4 x 6 m room)",
                          "exceeds the limit of 5,000,000 cells", "--cell 0.063", "--no-air"})
      QVERIFY2(r.err.contains(s), qPrintable(QString(s) + " not in: " + r.err));
    QCOMPARE(sql(f, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'result_%'"), QString("0"));
    r = cli({"solve", f, "--cell", "nan", "--no-store"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--cell: 'nan' is not a number"), qPrintable(r.err));
  }

  void rideThrough() {
    const QString f = path("ride.dctwin");
    QCOMPARE(cli({"new", "--template", "hall", f}).code, 0);
    QProcess q;
    q.start("sqlite3", {f, "SELECT id FROM cooling_unit WHERE kind = 'cdu' LIMIT 1"});
    QVERIFY(q.waitForFinished(10000));
    const QString cdu = QString::fromUtf8(q.readAllStandardOutput()).trimmed();
    Run r = cli({"ridethrough", f, "--event", "cdu_pump", "--target", cdu, "--json"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const json j = parse(r.out);
    QVERIFY(j["time_to_limit_s"].get<double>() > 0);
    QCOMPARE(j["medium"].get<std::string>(), std::string("CDU secondary"));
    // Past the rack coolant maximum racks throttle or trip: a hard limit.
    QCOMPARE(j["limits"].size(), std::size_t(1));
    QVERIFY(j["limits"][0]["hard"].get<bool>());
    r = cli({"ridethrough", f, "--event", "crah", "--target", cdu});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("not a CRAH"));
    r = cli({"ridethrough", f, "--event", "meteor", "--target", cdu});
    QCOMPARE(r.code, 2);
  }

  void exportMatpower() {
    // The exported case solves with our own MATPOWER-compatible power flow to the grid import
    // that `solve` reports (plus the utility's Thevenin loss, which `solve` leaves outside).
    const QString f = path("mp.dctwin"), m = path("mp_site.m"), prefix = path("mp_out");
    QCOMPARE(cli({"new", "--template", "small", f}).code, 0);
    Run r = cli({"export-matpower", f, m});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = cli({"powerflow", m, "--out", prefix, "--json"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(parse(r.out)["converged"].get<bool>());
    const json s = parse(cli({"solve", f, "--json", "--no-store"}).out);
    // Branch 1 is the grid's Thevenin branch: its to-end flow is what enters the POI.
    QFile br(prefix + ".branch.csv");
    QVERIFY(br.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(br.readAll()).split('\n', Qt::SkipEmptyParts);
    const QStringList first = lines.at(1).split(',');
    const double pt_mw = first.at(4).toDouble();
    QVERIFY2(
        std::abs(-pt_mw * 1e6 - s["grid_import_w"].get<double>()) < 1.0,
        qPrintable(QString("%1 vs %2").arg(-pt_mw * 1e6).arg(s["grid_import_w"].get<double>())));
    QCOMPARE(cli({"export-matpower", f, m}).code, 3);  // exists: needs --force
  }

  void contingencyJson() {
    const QString f = path("n1.dctwin");
    QCOMPARE(cli({"new", "--template", "small", "--param", "rows=2", f}).code, 0);
    const Run r = cli({"contingency", f, "--json", "--threads", "1"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const json j = parse(r.out);
    QVERIFY(j["cases"].size() > 0);
    QCOMPARE(j["cases_with_rack_loss"].get<int>(), 0);
    QVERIFY(j["levels"].size() > 0);
    QVERIFY(j["all_converged"].get<bool>());
  }

  void solveBadInput() {
    Run r = cli({"solve", "/nonexistent/x.dctwin"});
    QCOMPARE(r.code, 3);
    r = cli({"solve", path("small.dctwin"), "--load-frac", "7"});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("load-frac"));
  }

  // powerflow on the project's own MATPOWER case: CSVs in the case's order, JSON summary,
  // refusal to overwrite, file errors (3) and solver failures (4).
  void powerflow() {
    const QString c = DCTWIN_TEST_DATA_DIR "/matpower/case5_traps.m";
    const QString prefix = path("traps");
    Run r = cli({"powerflow", c, "--out", prefix, "--json"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const json j = parse(r.out);
    QCOMPARE(j["converged"].get<bool>(), true);
    QVERIFY(j["iterations"].get<int>() > 0);
    QVERIFY(j["solve_s"].get<double>() > 0);
    QVERIFY(j["max_mismatch_pu"].get<double>() < 1e-8);
    QCOMPARE(j["buses"].get<int>(), 5);
    QCOMPARE(j["branches"].get<int>(), 7);
    QFile bus(prefix + ".bus.csv");
    QVERIFY(bus.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(bus.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 6);
    QCOMPARE(lines[0], QString("bus_i,Vm,Va_deg"));
    const QStringList slack = lines[1].split(',');  // Vg and the file's angle
    QCOMPARE(slack[0], QString("10"));
    QCOMPARE(slack[1].toDouble(), 1.04);
    QVERIFY(std::abs(slack[2].toDouble() - 5) < 1e-12);
    QCOMPARE(lines[5], QString("40,1,0"));  // isolated: input values
    QVERIFY(QFile::exists(prefix + ".gen.csv") && QFile::exists(prefix + ".branch.csv"));
    r = cli({"powerflow", c, "--out", prefix});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("--force"), qPrintable(r.err));
    r = cli({"powerflow", c, "--out", prefix, "--force"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains("converged in"), qPrintable(r.out));
  }

  void powerflowErrors() {
    QFile bad(path("bad.m"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("mpc.version = '2';\nmpc.baseMVA = 100;\nmpc.bus = [1 3 0 0 0 0 1 1 0 1 1 1 1 x];\n");
    bad.close();
    Run r = cli({"powerflow", path("bad.m"), "--out", path("bad")});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("bad.m:3:38: unexpected 'x'"), qPrintable(r.err));
    // 50 GW on a 2-bus line: beyond the nose of the P-V curve.
    QFile heavy(path("heavy.m"));
    QVERIFY(heavy.open(QIODevice::WriteOnly));
    heavy.write(
        "function mpc = heavy\nmpc.version = '2';\nmpc.baseMVA = 100;\n"
        "mpc.bus = [1 3 0 0 0 0 1 1 0 230 1 1.1 0.9; 2 1 50000 0 0 0 1 1 0 230 1 1.1 0.9];\n"
        "mpc.gen = [1 0 0 100 -100 1 100 1 200 0];\n"
        "mpc.branch = [1 2 0.01 0.1 0 0 0 0 0 0 1 -360 360];\n");
    heavy.close();
    r = cli({"powerflow", path("heavy.m"), "--out", path("heavy"), "--json"});
    QCOMPARE(r.code, 4);
    QCOMPARE(parse(r.out)["converged"].get<bool>(), false);
    QVERIFY2(r.err.contains("failed"), qPrintable(r.err));
    QVERIFY(!QFile::exists(path("heavy.bus.csv")));
  }

  void simulateStoresSeries() {
    const QString f = path("sim.dctwin");
    QCOMPARE(cli({"new", "--template", "small", f}).code, 0);
    // The new project holds the built-in scenarios, queryable from the shell.
    const QString names =
        sql(f, "SELECT group_concat(name) FROM (SELECT name FROM scenario ORDER BY id)");
    for (const char* n : {"design-day", "annual", "training-24h"})
      QVERIFY2(names.contains(n), qPrintable(names));
    QCOMPARE(sql(f, "SELECT horizon_s || '|' || step_s FROM scenario WHERE name = 'design-day'"),
             QString("86400.0|3600.0"));

    Run r = cli({"simulate", f, "--scenario", "design-day", "--json"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const json j = parse(r.out);
    const std::int64_t steps = j["steps"].get<std::int64_t>();
    QCOMPARE(steps, std::int64_t{24});
    const std::string kind = "simulation:design-day";
    const double dt_h = 1.0;
    auto sum_wh = [&](const char* name) {
      const Series s = read_series(f, kind, name);
      [&] {
        QCOMPARE(s.count, steps);
        QCOMPARE(s.layout, std::string("float64-le"));
        QCOMPARE(std::int64_t(s.values.size()), steps);
        QCOMPARE(s.step_s, 3600.0);
        QCOMPARE(s.t0_s, 0.0);
      }();
      double e = 0;
      for (double v : s.values) e += v * dt_h;
      return e;
    };
    auto close = [](double a, double b) {
      return std::abs(a - b) <= 1e-9 * std::max(std::abs(b), 1.0);
    };
    QVERIFY(close(sum_wh("it_w"), j["energy_it_wh"].get<double>()));
    QVERIFY(close(sum_wh("grid_import_w"), j["energy_grid_wh"].get<double>()));
    QVERIFY(close(sum_wh("losses_w"), j["energy_losses_wh"].get<double>()));
    QVERIFY(close(sum_wh("cooling_w"), j["energy_cooling_wh"].get<double>()));
    QVERIFY(close(sum_wh("facility_w"), j["energy_facility_wh"].get<double>()));
    QCOMPARE(read_series(f, kind, "battery_soc").count, std::int64_t{-1});  // no battery
    QCOMPARE(read_series(f, kind, "dry_bulb_c").count, steps);
    // The totals row holds what --json printed.
    QCOMPARE(sql(f,
                 "SELECT count(*) FROM result_simulation s JOIN result_run r ON r.id = s.run_id "
                 "WHERE r.kind = 'simulation:design-day'"),
             QString("1"));
    const double pue = sql(f, "SELECT pue FROM result_simulation").toDouble();
    QVERIFY(std::abs(pue - j["pue"].get<double>()) < 1e-12);

    // A second run of the scenario replaces the first; --no-store leaves the file alone.
    QCOMPARE(cli({"simulate", f, "--scenario", "design-day"}).code, 0);
    QCOMPARE(sql(f, "SELECT count(*) FROM result_run WHERE kind = 'simulation:design-day'"),
             QString("1"));
    QCOMPARE(sql(f, "SELECT count(*) FROM result_series WHERE level = 'site'"), QString("8"));
    QCOMPARE(cli({"simulate", f, "--scenario", "design-day", "--no-store"}).code, 0);
    QCOMPARE(sql(f, "SELECT count(*) FROM result_run"), QString("1"));

    // A stored scenario is run by name, before the built-in of the same name; a new one too.
    sql(f,
        "UPDATE scenario SET horizon_s = 7200 WHERE name = 'design-day'; "
        "INSERT INTO scenario (name, description, horizon_s, step_s, load_kind, load_mean, "
        "load_amplitude, weather_kind, weather_source, dry_bulb_c, wet_bulb_c, smoothing, "
        "params_json) VALUES ('half-load', 'user', 10800, 1800, 'constant', 0.5, 0, "
        "'constant', '', 30, 20, 0, '{}')");
    r = cli({"simulate", f, "--scenario", "design-day", "--json"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(parse(r.out)["steps"].get<int>(), 2);
    r = cli({"simulate", f, "--scenario", "half-load", "--json"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(parse(r.out)["steps"].get<int>(), 6);
    QCOMPARE(read_series(f, "simulation:half-load", "load_frac").count, std::int64_t{6});
    // A hall on its own profile (params_json hall_profiles), snapshots at chosen times: hall and
    // building series and per-rack snapshot rows.
    const QString hall = sql(f, "SELECT min(id) FROM hall");
    sql(f,
        "INSERT INTO scenario (name, description, horizon_s, step_s, load_kind, load_mean, "
        "load_amplitude, weather_kind, weather_source, dry_bulb_c, wet_bulb_c, smoothing, "
        "params_json) VALUES ('hall-mix', 'user', 10800, 3600, 'constant', 0.8, 0, "
        "'constant', '', 30, 20, 0, '{\"hall_profiles\": [{\"hall\": " +
            hall +
            ", \"kind\": \"constant\", \"utilisation\": 0.3}], \"snapshots_s\": [0, 7200]}')");
    // A file written before inlet_c existed: the column is added on the next store.
    sql(f, "DROP TABLE result_rack_snapshot");
    sql(f,
        "CREATE TABLE result_rack_snapshot (run_id INTEGER NOT NULL REFERENCES result_run(id) ON "
        "DELETE CASCADE, t_s REAL NOT NULL, rack_id INTEGER NOT NULL, it_w REAL, input_w REAL)");
    r = cli({"simulate", f, "--scenario", "hall-mix", "--json"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    {
      const json h = parse(r.out);
      // The hall air model at each snapshot: inlets stored, the snapshot's max and count reported.
      QVERIFY(h.contains("snapshot_racks_above_recommended"));
      for (const auto& sn : h["snapshots"]) {
        QVERIFY(sn.contains("max_rack_inlet_c") && sn.contains("racks_outside_recommended"));
        const double mx =
            sql(f, QString("SELECT max(inlet_c) FROM result_rack_snapshot WHERE t_s = %1")
                       .arg(sn["t_s"].get<double>()))
                .toDouble();
        QVERIFY(sn["max_rack_inlet_c"].is_number());
        QVERIFY(std::abs(mx - sn["max_rack_inlet_c"].get<double>()) < 1e-9);
      }
      QVERIFY(sql(f, "SELECT count(inlet_c) FROM result_rack_snapshot").toInt() > 0);
      // Block series: one it_w and losses_w row per block; the blocks' IT energy is the site's.
      QVERIFY(h["blocks"].size() > 0);
      double b_it = 0;
      for (const auto& b : h["blocks"]) b_it += b["energy_it_wh"].get<double>();
      QVERIFY(std::abs(b_it - h["energy_it_wh"].get<double>()) <= 1e-9 * b_it);
      QCOMPARE(sql(f,
                   "SELECT count(*) FROM result_series s JOIN result_run r ON r.id = s.run_id "
                   "WHERE r.kind = 'simulation:hall-mix' AND s.level = 'block'")
                   .toInt(),
               2 * int(h["blocks"].size()));
      const int halls = sql(f, "SELECT count(*) FROM hall").toInt();
      const int racks = sql(f, "SELECT count(*) FROM rack").toInt();
      QCOMPARE(int(h["halls"].size()), halls);
      QCOMPARE(int(h["snapshots"].size()), 2);
      double e_it = 0;
      for (const auto& x : h["halls"]) {
        e_it += x["energy_it_wh"].get<double>();
        if (std::to_string(x["hall"].get<std::int64_t>()) == hall.toStdString())
          QVERIFY(std::abs(x["peak_it_w"].get<double>() - 0.3 * x["design_it_w"].get<double>()) <=
                  1e-9 * x["peak_it_w"].get<double>());
      }
      QVERIFY(std::abs(e_it - h["energy_it_wh"].get<double>()) <= 1e-9 * e_it);
      QCOMPARE(sql(f,
                   "SELECT count(*) FROM result_series s JOIN result_run r ON r.id = s.run_id "
                   "WHERE r.kind = 'simulation:hall-mix' AND s.level = 'hall'")
                   .toInt(),
               2 * halls);
      QCOMPARE(
          sql(f,
              "SELECT count(*) FROM result_rack_snapshot s JOIN result_run r ON r.id = s.run_id "
              "WHERE r.kind = 'simulation:hall-mix'")
              .toInt(),
          2 * racks);
      const Series site_it = read_series(f, "simulation:hall-mix", "it_w");
      for (int k = 0; k < 2; ++k) {
        const double sum =
            sql(f, QString("SELECT sum(s.it_w) FROM result_rack_snapshot s JOIN result_run r "
                           "ON r.id = s.run_id WHERE r.kind = 'simulation:hall-mix' AND "
                           "s.t_s = %1")
                       .arg(7200 * k))
                .toDouble();
        QVERIFY(std::abs(sum - site_it.values.at(std::size_t(2 * k))) <= 1e-6 * sum);
        QVERIFY(
            sql(f, QString("SELECT min(input_w - it_w) FROM result_rack_snapshot WHERE t_s = %1")
                       .arg(7200 * k))
                .toDouble() >= 0.0);
      }
    }
    r = cli({"simulate", f, "--scenario", "nope"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("half-load"), qPrintable(r.err));
    // A JSON site is never written to.
    const QString js = path("sim.json");
    QCOMPARE(cli({"export-json", f, js}).code, 0);
    const QByteArray before = [&] {
      QFile q(js);
      q.open(QIODevice::ReadOnly);
      return q.readAll();
    }();
    QCOMPARE(cli({"simulate", js, "--scenario", "design-day"}).code, 0);
    QFile q(js);
    QVERIFY(q.open(QIODevice::ReadOnly));
    QCOMPARE(q.readAll(), before);
  }

  void demo() {
    const QString d = path("demo");
    // The demo runs the gigawatt N-1 study (tens of seconds on a busy 2-core machine).
    const Run r = cli({"demo", "--out", d}, 900000);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(QFile::exists(d + "/gigawatt.dctwin"));
    QVERIFY(QFile::exists(d + "/gigawatt-power-report.pdf"));
    std::ifstream in((d + "/gigawatt-power-report.json").toStdString());
    json rep;
    in >> rep;
    // The power report (app/report, dctwin-report/1): headline figures and tables.
    QCOMPARE(rep["schema"].get<std::string>(), std::string("dctwin-report/1"));
    std::map<std::string, json> head;
    for (const auto& f : rep["headline"]) head[f["key"].get<std::string>()] = f;
    QVERIFY(head["it_mw"]["value"].get<double>() >= 1000);
    const double pue = head["pue_design_point"]["value"].get<double>();
    QVERIFY(pue > 1.0 && pue < 1.5);
    std::map<std::string, json> tables;
    for (const auto& t : rep["tables"]) tables[t["key"].get<std::string>()] = t;
    // The racks row of the power chain: at least 5,000 racks.
    const json& chain = tables["power_chain"]["rows"];
    QVERIFY(chain.back()[1].get<int>() >= 5000);
    // No validation errors; the losses close: power in = IT + losses.
    for (const auto& v : tables["violations"]["rows"])
      QVERIFY(v[0].get<std::string>() != "validation error");
    const json& total = tables["losses"]["rows"].back();
    QCOMPARE(total[0].get<std::string>(), std::string("Total"));
    QVERIFY(std::abs(total[1].get<double>() - head["it_mw"]["value"].get<double>() -
                     total[2].get<double>()) < 1e-6 * total[1].get<double>());
  }
};

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
