// Reports: the Sankey flow model and painters, the content builder, and every writer (JSON, CSV,
// XLSX, PDF) through the library and through `dctwin-cli report` as a user runs it.
#include <QImage>
#include <QPainter>
#include <QtTest>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>
#include <thread>

#include "app/report/report.h"
#include "app/report/sankey.h"
#include "data/catalog_io.h"
#include "data/project_file.h"
#include "data/scenario_store.h"
#include "model/electrical/contingency.h"
#include "model/electrical/site_power.h"
#include "model/facility/coupled.h"
#include "model/site/templates.h"

using namespace dctwin;
namespace el = model::electrical;
namespace rp = app::report;

namespace {

using nlohmann::json;

// Where tests may leave pictures for people to look at (unset: nowhere).
QString picture_dir() { return qEnvironmentVariable("DCTWIN_REPORT_PNG_DIR"); }

struct Run {
  int code = -1;
  QString out, err;
};

Run run(const QString& program, const QStringList& args) {
  QProcess p;
  p.start(program, args);
  Run r;
  if (!p.waitForFinished(600000)) {
    p.kill();
    r.err = "timed out";
    return r;
  }
  r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}
Run cli(const QStringList& args) { return run(QString(DCTWIN_BIN_DIR) + "/dctwin-cli", args); }

// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"')
        field += '"', ++i;
      else if (ch == '"')
        quoted = false;
      else
        field += ch;
    } else if (ch == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (ch == ',') {
      rows.back().push_back(field), field.clear(), was_quoted = false;
    } else if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(field), field.clear(), was_quoted = false;
      rows.emplace_back();
      ++i;
    } else {
      field += ch;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(field);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

std::string slurp(const QString& path) {
  std::ifstream f(path.toStdString(), std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

}  // namespace

class TestReport : public QObject {
  Q_OBJECT
  model::Site site_;
  el::SiteElecResult power_;
  QTemporaryDir dir_;
  QString project_;
  json report_;  // the JSON report of project_, read by several tests

  QString path(const QString& name) const { return dir_.filePath(name); }

 private slots:
  void initTestCase() {
    site_ = model::make_site_from_template("small", {}, data::builtin_catalog());
    // The coupled solve's power flow, as the report uses: the cooling units draw through it.
    power_ = model::facility::solve_facility(site_, data::builtin_catalog(),
                                             *model::thermal::design_outdoor(site_))
                 .elec;
    QVERIFY(power_.converged);
    QVERIFY(dir_.isValid());
    project_ = path("small.dctwin");
    const auto& cat = data::builtin_catalog();
    data::save_project(project_.toStdString(),
                       data::Project{site_, cat, data::builtin_stored_scenarios(site_, cat)});
  }

  // The chain conserves power: each stage passes on what it takes in less its loss, the first
  // stage takes IT plus every loss, and the site's stage losses are the solve's.
  void sankey_site_conserves_power() {
    const auto m = rp::build_sankey(site_, power_);
    QCOMPARE(m.stages.size(), std::size_t(7));
    QCOMPARE(m.stages.front().key, std::string("grid"));
    QCOMPARE(m.stages.back().key, std::string("it"));
    QVERIFY(std::abs(m.it_w - power_.it_power_w) < 1e-6);
    QVERIFY(std::abs(m.total_loss_w() - power_.total_loss_w) < 1e-6 * power_.total_loss_w);
    for (std::size_t k = 0; k + 1 < m.stages.size(); ++k)
      QVERIFY(std::abs(m.stages[k].out_w() - m.stages[k + 1].in_w) < 1e-6 * m.input_w);
    for (const auto& [stage, w] : power_.losses_w) {
      auto it = std::find_if(m.stages.begin(), m.stages.end(),
                             [&](const rp::StageFlow& s) { return s.key == stage; });
      QVERIFY2(it != m.stages.end(), stage.c_str());
      QCOMPARE(it->loss_w, w);
    }
    // Grid import is the input plus the cooling plant drawn through the chain (the diagram is
    // the losses' chain down to IT) less what standby sources supply (none in normal
    // operation); the site solve's energy balance closes to 0.1 %.
    QVERIFY(power_.load_power_w > 0);
    QVERIFY(std::abs(m.input_w + power_.load_power_w - power_.grid_import_w) <
            1e-3 * power_.grid_import_w);
    // Links: every stage node's inflow equals its outflow plus its loss link.
    for (int k = 1; k + 1 < int(m.stages.size()); ++k) {
      double in = 0, out = 0;
      for (const auto& l : m.links) {
        if (l.to == k) in += l.power_w;
        if (l.from == k) out += l.power_w;
      }
      QVERIFY(std::abs(in - out) < 1e-6 * m.input_w);
    }
  }

  // Halls split the site: their IT adds up to the site's, and their attributed losses with the
  // share of the plant outside the halls (the building scope less its halls) to the site's.
  void sankey_halls_add_up_to_site() {
    double it = 0, loss = 0;
    for (const auto& h : site_.halls) {
      const auto m = rp::build_sankey(site_, power_, {rp::SankeyScope::Kind::Hall, h.id});
      QVERIFY(m.it_w > 0);
      QVERIFY(m.title.find(h.name) != std::string::npos);
      it += m.it_w;
      loss += m.total_loss_w();
    }
    QVERIFY(std::abs(it - power_.it_power_w) < 1e-6 * power_.it_power_w);
    double bloss = 0;
    for (const auto& b : site_.buildings)
      bloss +=
          rp::build_sankey(site_, power_, {rp::SankeyScope::Kind::Building, b.id}).total_loss_w();
    QVERIFY2(std::abs(bloss - power_.total_loss_w) < 1e-6 * power_.total_loss_w,
             qPrintable(QString("buildings %1 W, site %2 W").arg(bloss).arg(power_.total_loss_w)));
    // The plant outside the halls (chillers, towers, pumps) carries a share of the losses.
    QVERIFY2(loss < bloss && loss > 0.9 * bloss,
             qPrintable(QString("halls %1 W, buildings %2 W").arg(loss).arg(bloss)));
    QVERIFY_THROWS_EXCEPTION(
        std::invalid_argument,
        (void)rp::build_sankey(site_, power_, {rp::SankeyScope::Kind::Hall, 999999}));
  }

  // The painter draws bands in both colours and labels (dark text) on an image.
  void sankey_paints() {
    const auto m = rp::build_sankey(site_, power_);
    QImage img(1000, 500, QImage::Format_RGB32);
    img.fill(Qt::white);
    {
      QPainter p(&img);
      rp::paint_sankey(p, QRectF(10, 10, 980, 480), m);
    }
    int flow = 0, loss = 0, dark = 0;
    for (int y = 0; y < img.height(); ++y)
      for (int x = 0; x < img.width(); ++x) {
        const QColor c = img.pixelColor(x, y);
        if (c.blue() > c.red() + 40) ++flow;
        if (c.red() > c.blue() + 60 && c.red() > 150) ++loss;
        if (c.lightness() < 60) ++dark;
      }
    QVERIFY(flow > 1000);
    QVERIFY(loss > 20);
    QVERIFY(dark > 500);
    if (!picture_dir().isEmpty()) img.save(picture_dir() + "/sankey_small.png");
  }

  // JSON through the CLI: schema, headline figures, the tables with their columns and units.
  void cli_json() {
    const QString out = path("r.json");
    const Run r =
        cli({"report", project_, "--scenario", "design-day", "--format", "json", "-o", out});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains("report:"), qPrintable(r.err));  // progress on stderr
    report_ = json::parse(slurp(out));
    QCOMPARE(report_["schema"].get<std::string>(), std::string("dctwin-report/1"));
    QCOMPARE(report_["scenario"].get<std::string>(), std::string("design-day"));
    std::map<std::string, json> head;
    for (const auto& f : report_["headline"]) head[f["key"].get<std::string>()] = f;
    for (const char* k :
         {"it_mw", "facility_mw", "peak_grid_import_mw", "pue_energy_weighted", "pue_design_point",
          "wue_l_per_kwh", "n1_status", "n1_cases", "n1_racks_lost", "n1_cases_with_overload",
          "n1_worst_loading_pct", "max_rack_inlet_c"})
      QVERIFY2(head.count(k), k);
    // IT power is the solve's; PUE is printed with at least two decimals; design-day at full
    // load and design weather: the energy-weighted PUE equals the design-point PUE closely.
    QVERIFY(std::abs(head["it_mw"]["value"].get<double>() - power_.it_power_w / 1e6) < 1e-9);
    for (const char* k : {"pue_energy_weighted", "pue_design_point"}) {
      const std::string t = head[k]["text"].get<std::string>();
      QVERIFY2(t.find('.') != std::string::npos && t.size() - t.find('.') - 1 >= 2, t.c_str());
      QVERIFY(head[k]["value"].get<double>() > 1.0 && head[k]["value"].get<double>() < 2.0);
    }
    QVERIFY(std::abs(head["pue_energy_weighted"]["value"].get<double>() -
                     head["pue_design_point"]["value"].get<double>()) < 0.01);
    // Every group member, and every component in no group (the grid feed, single CDUs).
    std::size_t members = std::accumulate(
        site_.groups.begin(), site_.groups.end(), std::size_t(0),
        [](std::size_t a, const model::RedundancyGroup& g) { return a + g.members.size(); });
    QVERIFY(head["n1_cases"]["value"].get<double>() > double(members));
    QCOMPARE(head["n1_cases"]["value"].get<double>(),
             double(model::electrical::contingency_cases(site_, power_).size()));
    // The small template's CDUs are in no group: each is a single point of failure, with the
    // seconds its racks' coolant has.
    QVERIFY(head["n1_single_points"]["value"].get<double>() >= 1);
    QVERIFY(head["n1_cases_with_cooling_limit"]["value"].get<double>() >= 1);
    QVERIFY(head["n1_shortest_time_to_limit_s"]["value"].get<double>() > 0);
    QVERIFY(head["n1_status"]["text"].get<std::string>().find("NOT secure") == 0);
    std::set<std::string> keys;
    for (const auto& t : report_["tables"]) {
      keys.insert(t["key"].get<std::string>());
      const std::size_t ncol = t["columns"].size();
      QVERIFY(ncol > 0);
      for (const auto& row : t["rows"]) QCOMPARE(row.size(), ncol);
    }
    for (const char* k : {"summary", "power_chain", "capacity", "losses", "scenario_totals",
                          "series", "n1", "violations", "assumptions"})
      QVERIFY2(keys.count(k), k);
    // Numbers are numbers, with units in the column keys.
    for (const auto& t : report_["tables"])
      if (t["key"] == "capacity") {
        QCOMPARE(t["columns"][2]["key"].get<std::string>(), std::string("installed_mw"));
        QCOMPARE(t["columns"][2]["unit"].get<std::string>(), std::string("MW"));
        QVERIFY(!t["rows"].empty());
        QVERIFY(t["rows"][0][2].is_number());
      }
    // Losses close: the total's power in is IT plus the losses.
    for (const auto& t : report_["tables"])
      if (t["key"] == "losses") {
        const json& total = t["rows"].back();
        QVERIFY(std::abs(total[1].get<double>() - power_.it_power_w / 1e6 -
                         total[2].get<double>()) < 1e-9);
      }
    // Every assumption names its source.
    for (const auto& t : report_["tables"])
      if (t["key"] == "assumptions") {
        QVERIFY(t["rows"].size() > 20);
        for (const auto& row : t["rows"]) QVERIFY(!row[4].get<std::string>().empty());
      }
  }

  // The CLI stored the N-1 it ran; the next report reuses it while the site is unchanged, and
  // runs it again once the site changes.
  void stored_n1_reused_while_current() {
    QVERIFY(!report_.is_null());
    QVERIFY(!report_["timings"]["n1_reused"].get<bool>());
    data::Project p = data::load_project(project_.toStdString());
    rp::ReportOptions o;
    o.project_path = project_.toStdString();
    o.air_model = false;
    auto c = rp::build_report(p, "design-day", o);
    QVERIFY(c.timings.n1_reused);
    for (const auto& f : report_["headline"])
      if (f["key"] == "n1_cases")
        QCOMPARE(c.n1.cases.size(), std::size_t(f["value"].get<double>()));
    // The CLI also stored its design-point solve: the hall air model is reused, same figures.
    o.air_model = true;
    c = rp::build_report(p, "design-day", o);
    QVERIFY(c.timings.air_reused);
    for (const auto& f : report_["headline"])
      if (f["key"] == "max_rack_inlet_c")
        QCOMPARE(QString::fromStdString(c.figure("max_rack_inlet_c")->text),
                 QString::fromStdString(f["text"].get<std::string>()));
    o.air_model = false;
    p.site.racks.power_override_w[0] = 100e3;  // an edit: the stored study is stale
    c = rp::build_report(p, "design-day", o);
    QVERIFY(!c.timings.n1_reused);
    o.air_model = true;
    QVERIFY(!rp::build_report(p, "design-day", o).timings.air_reused);
    o.air_model = false;
    o.reuse_stored_n1 = false;
    p = data::load_project(project_.toStdString());
    c = rp::build_report(p, "design-day", o);
    QVERIFY(!c.timings.n1_reused);
  }

  // A stored N-1 stays current for the electrical part when only cooling units change; its
  // cooling levels are recomputed, so the capacity table shows the edit.
  void stored_n1_cooling_levels_current() {
    QVERIFY(!report_.is_null());
    data::Project p = data::load_project(project_.toStdString());
    for (auto& u : p.site.cooling)
      if (u.kind == model::CoolKind::CoolingTower || u.kind == model::CoolKind::DryCooler)
        u.capacity_w *= 2;
    rp::ReportOptions o;
    o.project_path = project_.toStdString();
    o.air_model = false;
    const auto c = rp::build_report(p, "design-day", o);
    QVERIFY(c.timings.n1_reused);
    const auto fresh = el::cooling_capacity_levels(p.site, p.catalog);
    QVERIFY(!fresh.empty());
    std::size_t seen = 0;
    for (const auto& l : c.n1.levels)
      for (const auto& f : fresh)
        if (l.level == f.level) {
          ++seen;
          QCOMPARE(l.installed_w, f.installed_w);
          QCOMPARE(l.free_w, f.free_w);
        }
    QCOMPARE(seen, fresh.size());
    for (const auto& t : c.tables)
      if (t.key == "capacity") QCOMPARE(t.rows.size(), c.n1.levels.size());
  }

  // PDF: the headline figures appear exactly as the JSON holds them; enough pages.
  void cli_pdf() {
    QVERIFY(!report_.is_null());
    const QString out = path("r.pdf");
    const Run r =
        cli({"report", project_, "--scenario", "design-day", "--format", "pdf", "-o", out});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const Run info = run("pdfinfo", {out});
    if (QStandardPaths::findExecutable("pdfinfo").isEmpty() ||
        QStandardPaths::findExecutable("pdftotext").isEmpty())
      QSKIP("pdfinfo and pdftotext (poppler-utils) are not installed");
    QCOMPARE(info.code, 0);
    const auto m = QRegularExpression("Pages:\\s+(\\d+)").match(info.out);
    QVERIFY(m.hasMatch());
    QVERIFY2(m.captured(1).toInt() >= 8, qPrintable(info.out));
    const Run txt = run("pdftotext", {"-layout", out, "-"});
    QCOMPARE(txt.code, 0);
    // Every page numbered, out of the page count.
    for (int k = 1; k <= m.captured(1).toInt(); ++k)
      QVERIFY(txt.out.contains(QString("Page %1 of %2").arg(k).arg(m.captured(1))));
    for (const auto& f : report_["headline"]) {
      const QString t = QString::fromStdString(f["text"].get<std::string>());
      QVERIFY2(txt.out.contains(t),
               qPrintable(QString::fromStdString(f["key"].get<std::string>()) + ": " + t));
    }
    for (const char* s : {"Power report", "Summary", "Site plan", "Power chain",
                          "Capacity by level", "Losses by stage", "grid to IT", "N-1 cases, worst",
                          "Violations", "Assumptions and sources", "Page 3"})
      QVERIFY2(txt.out.contains(s), s);
    if (!picture_dir().isEmpty()) QFile::copy(out, picture_dir() + "/report_small.pdf");
  }

  // XLSX: one sheet per table, bold header with units, numbers as numbers.
  void cli_xlsx() {
    const QString out = path("r.xlsx");
    const Run r =
        cli({"report", project_, "--scenario", "design-day", "--format", "xlsx", "-o", out});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const Run wb = run("unzip", {"-p", out, "xl/workbook.xml"});
    if (QStandardPaths::findExecutable("unzip").isEmpty()) QSKIP("unzip is not installed");
    QCOMPARE(wb.code, 0);
    QStringList sheets;
    auto it = QRegularExpression("<sheet name=\"([^\"]+)\"").globalMatch(wb.out);
    while (it.hasNext()) sheets << it.next().captured(1);
    QCOMPARE(sheets.size(), int(report_["tables"].size()));
    for (std::size_t k = 0; k < report_["tables"].size(); ++k)
      QCOMPARE(sheets[int(k)],
               QString::fromStdString(report_["tables"][k]["key"].get<std::string>()));
    // The power chain sheet: header with units; the racks row holds 40 as a number.
    const int idx = int(sheets.indexOf("power_chain")) + 1;
    const Run sh = run("unzip", {"-p", out, QString("xl/worksheets/sheet%1.xml").arg(idx)});
    QCOMPARE(sh.code, 0);
    const Run shared = run("unzip", {"-p", out, "xl/sharedStrings.xml"});
    const QString strings = sh.out + shared.out;
    QVERIFY2(strings.contains("Installed (MW)"), qPrintable(sh.out.left(2000)));
    QVERIFY(strings.contains("racks (IT)"));
    QVERIFY2(sh.out.contains("<v>40</v>"), qPrintable(sh.out.left(3000)));
    const Run styles = run("unzip", {"-p", out, "xl/styles.xml"});
    QVERIFY(styles.out.contains("<b/>"));
  }

  // CSV: one file per table, each parses (RFC 4180) with the header's column count.
  void cli_csv() {
    const QString out = path("csv");
    const Run r =
        cli({"report", project_, "--scenario", "design-day", "--format", "csv", "-o", out});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    for (const auto& t : report_["tables"]) {
      const QString f = out + "/" + QString::fromStdString(t["key"].get<std::string>()) + ".csv";
      QVERIFY2(QFile::exists(f), qPrintable(f));
      const auto rows = parse_csv(slurp(f));
      QCOMPARE(rows.size(), t["rows"].size() + 1);
      for (const auto& row : rows) QCOMPARE(row.size(), t["columns"].size());
      QCOMPARE(rows[0][0], t["columns"][0]["key"].get<std::string>());
    }
    // A quoted field survives: the assumptions' sources hold commas.
    const auto rows = parse_csv(slurp(out + "/assumptions.csv"));
    bool comma = false;
    for (const auto& row : rows) comma = comma || row[4].find(',') != std::string::npos;
    QVERIFY(comma);
  }

  void cli_errors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown scenario")
        << QStringList{"--scenario", "nope", "--format", "json", "-o", "x.json"} << 2
        << "unknown scenario 'nope': choose one of design-day";
    QTest::newRow("bad format") << QStringList{"--scenario", "design-day", "--format",
                                               "docx",       "-o",         "x.docx"}
                                << 2 << "use pdf, xlsx, csv or json";
    QTest::newRow("unwritable out")
        << QStringList{"--scenario", "design-day", "--format",
                       "pdf",        "-o",         "/nonexistent/dir/x.pdf"}
        << 3 << "does not exist";
    QTest::newRow("missing scenario flag")
        << QStringList{"--format", "pdf", "-o", "x.pdf"} << 2 << "--scenario";
  }
  void cli_errors() {
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    for (auto& a : args)
      if (a.startsWith("x.")) a = path(a);
    const Run r = cli(QStringList{"report", project_} + args);
    QCOMPARE(r.code, code);
    QVERIFY2(r.err.contains(message) || r.out.contains(message), qPrintable(r.err + r.out));
  }

  void cli_refuses_overwrite_and_bad_file() {
    const QString out = path("exists.json");
    QFile f(out);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    Run r = cli({"report", project_, "--scenario", "design-day", "--format", "json", "-o", out});
    QCOMPARE(r.code, 3);
    QVERIFY(r.err.contains("--force"));
    r = cli({"report", path("missing.dctwin"), "--scenario", "design-day", "--format", "json", "-o",
             path("m.json")});
    QCOMPARE(r.code, 3);
    // An unwritable CSV folder (a file of that name exists).
    data::Project p = data::load_project(project_.toStdString());
    rp::ReportOptions o;
    o.project_path = project_.toStdString();
    o.air_model = false;
    const auto c = rp::build_report(p, "design-day", o);
    QVERIFY_THROWS_EXCEPTION(rp::ReportWriteError, (void)rp::write_csv(c, out.toStdString()));
    QVERIFY_THROWS_EXCEPTION(rp::ReportError, (void)rp::build_report(p, "no-such-scenario", o));
  }

  // The GUI builds and writes on a worker thread (File > Export Report): the PDF writer, Qt
  // Charts included, must work there too.
  void pdf_from_worker_thread() {
    data::Project p = data::load_project(project_.toStdString());
    rp::ReportOptions o;
    o.project_path = project_.toStdString();
    const auto c = rp::build_report(p, "design-day", o);
    const QString out = path("worker.pdf");
    std::string error;
    std::thread t([&] {
      try {
        rp::write_pdf(c, out.toStdString());
      } catch (const std::exception& e) {
        error = e.what();
      }
    });
    t.join();
    QVERIFY2(error.empty(), error.c_str());
    QVERIFY(QFileInfo(out).size() > 10000);
  }

  // The painters draw something sensible headless (picture for people when asked).
  void site_plan_and_capacity_paint() {
    data::Project p = data::load_project(project_.toStdString());
    rp::ReportOptions o;
    o.project_path = project_.toStdString();
    o.air_model = false;
    const auto c = rp::build_report(p, "design-day", o);
    QImage img(900, 600, QImage::Format_RGB32);
    img.fill(Qt::white);
    {
      QPainter pa(&img);
      rp::paint_capacity_bars(pa, QRectF(10, 10, 880, 580), c.n1.levels);
    }
    int coloured = 0;
    for (int y = 0; y < img.height(); y += 2)
      for (int x = 0; x < img.width(); x += 2) coloured += img.pixelColor(x, y).saturation() > 80;
    QVERIFY(coloured > 1000);
    if (!picture_dir().isEmpty()) img.save(picture_dir() + "/capacity_small.png");
  }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
