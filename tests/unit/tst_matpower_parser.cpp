// MATPOWER case reader and writer: every error message with its line and column, the syntax the
// reader accepts, round trips through write_matpower, and a randomized mutation test (fixed
// seed): every mutant of the reference cases either parses or throws MatpowerError, never
// another exception and never a crash, and every mutant that parses also solves or reports.
#include <QDir>
#include <QtTest>
#include <cctype>
#include <chrono>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "data/matpower.h"
#include "model/electrical/ac_powerflow.h"

namespace el = dctwin::model::electrical;
namespace data = dctwin::data;
using data::MatpowerError;

Q_DECLARE_METATYPE(std::string)

namespace {

// 13 lines; rows use tabs, so columns are easy to count by hand (a tab is one column).
const std::string kTiny =
    "function mpc = tiny\n"                                    // 1
    "mpc.version = '2';\n"                                     // 2
    "mpc.baseMVA = 100;\n"                                     // 3
    "mpc.bus = [\n"                                            // 4
    "\t1\t3\t0\t0\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9;\n"         // 5
    "\t2\t1\t50\t10\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9;\n"       // 6
    "];\n"                                                     // 7
    "mpc.gen = [\n"                                            // 8
    "\t1\t0\t0\t100\t-100\t1.02\t100\t1\t200\t0;\n"            // 9
    "];\n"                                                     // 10
    "mpc.branch = [\n"                                         // 11
    "\t1\t2\t0.01\t0.1\t0.02\t0\t0\t0\t0\t0\t1\t-360\t360;\n"  // 12
    "];\n";                                                    // 13

// kTiny with line n (1-based) replaced; an empty replacement removes the line.
std::string with_line(int n, const std::string& text) {
  std::istringstream in(kTiny);
  std::string line, out;
  for (int i = 1; std::getline(in, line); ++i) {
    if (i == n) {
      if (!text.empty()) out += text + "\n";
    } else {
      out += line + "\n";
    }
  }
  return out;
}

std::string without_lines(int from, int to) {
  std::istringstream in(kTiny);
  std::string line, out;
  for (int i = 1; std::getline(in, line); ++i)
    if (i < from || i > to) out += line + "\n";
  return out;
}

std::string slurp(const QString& path) {
  std::ifstream in(path.toStdString(), std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

QString ref_cases() { return QString(DCTWIN_SHARED_DIR) + "/reference/matpower/cases"; }

void compare_networks(const el::AcNetwork& a, const el::AcNetwork& b) {
  auto near = [](double x, double y) {
    return x == y || std::abs(x - y) <= 2e-15 * std::max(std::abs(x), std::abs(y));
  };
  QCOMPARE(a.base_mva, b.base_mva);
  QCOMPARE(a.buses.size(), b.buses.size());
  for (std::size_t i = 0; i < a.buses.size(); ++i) {
    const auto &x = a.buses[i], &y = b.buses[i];
    QCOMPARE(x.number, y.number);
    QCOMPARE(x.type, y.type);
    QVERIFY(near(x.pd_pu, y.pd_pu) && near(x.qd_pu, y.qd_pu) && near(x.gs_pu, y.gs_pu) &&
            near(x.bs_pu, y.bs_pu) && near(x.vm_pu, y.vm_pu) && near(x.va_rad, y.va_rad));
  }
  QCOMPARE(a.gens.size(), b.gens.size());
  for (std::size_t g = 0; g < a.gens.size(); ++g) {
    const auto &x = a.gens[g], &y = b.gens[g];
    QCOMPARE(x.bus, y.bus);
    QCOMPARE(x.in_service, y.in_service);
    QVERIFY(near(x.pg_pu, y.pg_pu) && near(x.qg_pu, y.qg_pu) && near(x.vg_pu, y.vg_pu) &&
            near(x.qmax_pu, y.qmax_pu) && near(x.qmin_pu, y.qmin_pu));
  }
  QCOMPARE(a.branches.size(), b.branches.size());
  for (std::size_t k = 0; k < a.branches.size(); ++k) {
    const auto &x = a.branches[k], &y = b.branches[k];
    QCOMPARE(x.f, y.f);
    QCOMPARE(x.t, y.t);
    QCOMPARE(x.in_service, y.in_service);
    QVERIFY(near(x.r_pu, y.r_pu) && near(x.x_pu, y.x_pu) && near(x.b_pu, y.b_pu) &&
            near(x.tap, y.tap) && near(x.shift_rad, y.shift_rad));
  }
}

// Random edits: bytes, tokens that matter to the grammar, whole lines, truncation.
class Mutator {
 public:
  explicit Mutator(std::uint64_t seed) : rng_(seed) {}

  std::string mutate(std::string s) {
    const int edits = 1 + static_cast<int>(pick(4));
    for (int e = 0; e < edits; ++e) s = edit(std::move(s));
    return s;
  }

 private:
  std::mt19937_64 rng_;
  std::size_t pick(std::size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }

  std::string edit(std::string s) {
    // clang-format off
    static const std::vector<std::string> tokens = {
        "Inf", "-Inf", "NaN", "nan", "1e309", "-1e-320", "'", "\"", "[", "]", "{", "}", "(", ")",
        ";", ",", "\n", "\r\n", "%", "...", "...\n", "0", "-1", "4", "5", "3", "2.5", "99999",
        "9007199254740993", "1e15", "mpc.", "mpc.bus = [", "mpc.gen = [];", "= ", ".", "\t", " ",
        "function mpc = x\n", "end", "'1'", "mpc.version = '1';\n", std::string(1, '\0'),
        "\xff", "e", "+", "- ", "0x1", "1.2.3", "mpc.baseMVA = 0;\n", "mpc.bus(1,2) = 3;\n"};
    // clang-format on
    if (s.empty()) return tokens[pick(tokens.size())];
    const std::size_t at = pick(s.size() + 1);
    switch (pick(9)) {
      case 0:  // flip a byte
        if (at < s.size()) s[at] = static_cast<char>(s[at] ^ (1u << pick(8)));
        return s;
      case 1:  // random byte
        if (at < s.size()) s[at] = static_cast<char>(pick(256));
        return s;
      case 2:  // delete a span
        return s.erase(std::min(at, s.size()), 1 + pick(16));
      case 3:  // insert a token
      case 4:
        return s.insert(at, tokens[pick(tokens.size())]);
      case 5: {  // replace a number-like run with a token
        std::size_t b = at, e = at;
        while (b > 0 && !std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
        while (e < s.size() && !std::isspace(static_cast<unsigned char>(s[e]))) ++e;
        return s.replace(b, e - b, tokens[pick(tokens.size())]);
      }
      case 6: {  // duplicate a span
        const std::size_t len = std::min(s.size() - std::min(at, s.size()), 1 + pick(200));
        return s.insert(at, s.substr(std::min(at, s.size()), len));
      }
      case 7: {  // remove or duplicate a whole line
        const std::size_t b = s.rfind('\n', at == 0 ? 0 : at - 1);
        const std::size_t start = b == std::string::npos ? 0 : b + 1;
        const std::size_t end = s.find('\n', start);
        const std::size_t len = (end == std::string::npos ? s.size() : end + 1) - start;
        if (pick(2)) return s.erase(start, len);
        return s.insert(start, s.substr(start, len));
      }
      default:  // truncate
        return s.substr(0, at);
    }
  }
};

}  // namespace

class TstMatpowerParser : public QObject {
  Q_OBJECT

 private slots:
  void tinyParses() {
    const auto c = data::parse_matpower(kTiny, "tiny.m");
    QCOMPARE(c.name, std::string("tiny"));
    QCOMPARE(c.net.buses.size(), std::size_t(2));
    QCOMPARE(c.net.buses[1].pd_pu, 0.5);
    QCOMPARE(c.net.gens[0].vg_pu, 1.02);
    QCOMPARE(c.net.branches[0].b_pu, 0.02);
    QCOMPARE(c.bus.cols, std::size_t(13));
    QVERIFY(el::solve_ac(c.net).converged);
  }

  void errors_data() {
    QTest::addColumn<std::string>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("says");
    auto row = [](const char* name, const std::string& text, int line, int col, const char* says) {
      QTest::newRow(name) << text << line << col << QString(says);
    };
    row("unknown gen bus", with_line(9, "\t7\t0\t0\t100\t-100\t1.02\t100\t1\t200\t0;"), 9, 2,
        "refers to bus 7, which is not in mpc.bus");
    row("unknown branch bus",
        with_line(12, "\t1\t9\t0.01\t0.1\t0.02\t0\t0\t0\t0\t0\t1\t-360\t360;"), 12, 4,
        "refers to bus 9");
    row("zero impedance", with_line(12, "\t1\t2\t0\t0\t0.02\t0\t0\t0\t0\t0\t1\t-360\t360;"), 12, 6,
        "zero impedance (r = x = 0)");
    row("NaN", with_line(6, "\t2\t1\tNaN\t10\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9;"), 6, 6,
        "NaN in mpc.bus row 2, column 3 (PD)");
    row("no slack bus", with_line(5, "\t1\t2\t0\t0\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9;"), 4, 11,
        "no slack bus");
    row("too few gen columns", with_line(9, "\t1\t0\t0\t100\t-100\t1.02\t100\t1;"), 9, 2,
        "mpc.gen has 8 columns; a MATPOWER version 2 row needs at least 10");
    row(
        "too few bus columns",
        [] {
          std::string s = kTiny;
          for (std::size_t p; (p = s.find("\t1.1\t0.9;")) != std::string::npos;)
            s.replace(p, 9, ";");
          return s;
        }(),
        5, 2, "mpc.bus has 11 columns; a MATPOWER version 2 row needs at least 13");
    row("ragged rows", with_line(6, "\t2\t1\t50\t10\t0\t0\t1\t1\t0\t230\t1\t1.1;"), 6, 2,
        "row 2 of mpc.bus has 12 values but row 1 has 13");
    row("duplicate bus", with_line(6, "\t1\t1\t50\t10\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9;"), 6, 2,
        "bus 1 is defined twice (mpc.bus rows 1 and 2, first on line 5)");
    row("bus type", with_line(6, "\t2\t5\t50\t10\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9;"), 6, 4,
        "has type 5");
    row("fractional bus number", with_line(6, "\t2.5\t1\t50\t10\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9;"),
        6, 2, "not a positive integer");
    row("infinite r", with_line(12, "\t1\t2\tInf\t0.1\t0.02\t0\t0\t0\t0\t0\t1\t-360\t360;"), 12, 6,
        "column 3 (BR_R) is infinite");
    row("malformed number", with_line(6, "\t2\t1\t1.2.3\t10\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9;"), 6,
        6, "malformed number");
    row("syntax in a row", with_line(5, "\t1\t3\t0\t0\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9 x;"), 5, 34,
        "unexpected 'x' in mpc.bus");
    row("operator", with_line(6, "\t2\t1\t50 - 1\t10\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9;"), 6, 9,
        "operators are not supported");
    row("unclosed matrix", with_line(7, ""), 7, 1, "unexpected 'm' in mpc.bus");
    row("unclosed at end", kTiny.substr(0, kTiny.size() - 3), 11, 14, "unclosed '['");
    row("unterminated string", with_line(2, "mpc.version = '2;"), 2, 15, "unterminated string");
    row("version 1", with_line(2, "mpc.version = '1';"), 2, 15,
        "version 1 cases are not supported");
    row("version 3", with_line(2, "mpc.version = '3';"), 2, 15, "only version '2'");
    row("version 1 function", with_line(1, "function [baseMVA, bus, gen, branch] = tiny"), 1, 10,
        "version 1 case");
    row("version 1 variables", with_line(3, "baseMVA = 100;"), 3, 1, "version 1 case format");
    row("no version", with_line(2, ""), 0, 0, "mpc.version is missing");
    row("no baseMVA", with_line(3, ""), 0, 0, "mpc.baseMVA is missing");
    row("zero baseMVA", with_line(3, "mpc.baseMVA = 0;"), 3, 15, "positive base power");
    row("no bus", without_lines(4, 7), 0, 0, "mpc.bus is missing");
    row("no gen", without_lines(8, 10), 0, 0, "mpc.gen is missing");
    row("no branch", without_lines(11, 13), 0, 0, "mpc.branch is missing");
    row("empty bus", without_lines(5, 6), 4, 11, "mpc.bus has no rows");
    row("assigned twice", kTiny + "mpc.baseMVA = 10;\n", 14, 1, "assigned twice");
    row("unknown statement", kTiny + "x = 3;\n", 14, 1, "unexpected statement starting with `x`");
    row("indexed assignment", kTiny + "mpc.bus(2, 3) = 60;\n", 14, 8, "indexed assignments");
    row("stray character", kTiny + "@\n", 14, 1, "unexpected '@'");
    row("text after a value", with_line(3, "mpc.baseMVA = 100 200;"), 3, 19, "unexpected '2'");
    row("binary mat file", "MATLAB 5.0 MAT-file, Platform: GLNXA64", 1, 1, "binary .mat file");
    row("empty file", "", 0, 0, "mpc.version is missing");
    row("number out of range", with_line(3, "mpc.baseMVA = 1e999;"), 3, 15, "out of range");
  }

  // The message names file:line:column, the problem and the fix; line and column are exact.
  void errors() {
    QFETCH(std::string, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, says);
    try {
      (void)data::parse_matpower(text, "bad.m");
      QFAIL("parsed without error");
    } catch (const MatpowerError& e) {
      const QString what = QString::fromStdString(e.what());
      QVERIFY2(what.contains(says), qPrintable(what));
      QCOMPARE(e.file(), std::string("bad.m"));
      QCOMPARE(e.line(), line);
      QCOMPARE(e.column(), column);
      const QString prefix =
          line > 0 ? QString("bad.m:%1:%2: ").arg(line).arg(column) : QString("bad.m: ");
      QVERIFY2(what.startsWith(prefix), qPrintable(what));
    }
  }

  void readErrorsNameThePath() {
    try {
      (void)data::read_matpower("/nonexistent/case.m");
      QFAIL("read a missing file");
    } catch (const MatpowerError& e) {
      QVERIFY(QString(e.what()).startsWith("/nonexistent/case.m: cannot open"));
    }
  }

  void accepted_data() {
    QTest::addColumn<std::string>("text");
    auto row = [](const char* name, const std::string& text) { QTest::newRow(name) << text; };
    row("commas and trailing comma",
        with_line(9, "\t1,\t0,\t0,\t100,\t-100,\t1.02,\t100,\t1,\t200,\t0,"));
    row("continuation",
        with_line(9, "\t1\t0\t0\t100\t-100 ...  a comment\n\t1.02\t100\t1\t200\t0;"));
    row("comment after a row", with_line(9, "\t1\t0\t0\t100\t-100\t1.02\t100\t1\t200\t0; % slack"));
    row("row ends at newline", with_line(9, "\t1\t0\t0\t100\t-100\t1.02\t100\t1\t200\t0"));
    row("extra columns", with_line(9, "\t1\t0\t0\t100\t-100\t1.02\t100\t1\t200\t0\t7\t8;"));
    row("no function line", without_lines(1, 1));
    row("end keyword", kTiny + "end\n");
    row("CRLF", [] {
      std::string s;
      for (char c : kTiny) s += c == '\n' ? std::string("\r\n") : std::string(1, c);
      return s;
    }());
    row("other fields", kTiny +
                            "mpc.gencost = [\n\t2\t0\t0\t3\t0.1\t1\t0;\n];\n"
                            "mpc.bus_name = {\n\t'A ''quoted'' % not a comment';\n\t'B';\n};\n"
                            "mpc.areas = [1 1];\nmpc.info.source = 'x';\n");
    row("numeric version", with_line(2, "mpc.version = 2;"));
    row("number formats", with_line(9, "\t1\t.0\t0.\t1E2\t-1e+2\t102e-2\t+100\t1\tInf\t-Inf;"));
    row("other struct name", [] {
      std::string s = kTiny;
      for (std::size_t p; (p = s.find("mpc")) != std::string::npos;) s.replace(p, 3, "s");
      return s;
    }());
    row("out-of-service zero impedance",
        with_line(12,
                  "\t1\t2\t0.01\t0.1\t0.02\t0\t0\t0\t0\t0\t1\t-360\t360;\n"
                  "\t1\t2\t0\t0\t0\t0\t0\t0\t0\t0\t0\t-360\t360;"));
  }

  void accepted() {
    QFETCH(std::string, text);
    try {
      const auto c = data::parse_matpower(text, "ok.m");
      QCOMPARE(c.net.buses.size(), std::size_t(2));
      QCOMPARE(c.net.gens.size(), std::size_t(1));
      QCOMPARE(c.net.gens[0].vg_pu, 1.02);
      QCOMPARE(c.net.buses[1].pd_pu, 0.5);
      QVERIFY(el::solve_ac(c.net).converged);
    } catch (const MatpowerError& e) {
      QFAIL(e.what());
    }
  }

  void infiniteLimits() {
    const auto c =
        data::parse_matpower(with_line(9, "\t1\t0\t0\tInf\t-Inf\t1.02\t100\t1\t200\t0;"), "inf.m");
    QVERIFY(std::isinf(c.net.gens[0].qmax_pu) && c.net.gens[0].qmax_pu > 0);
    QVERIFY(std::isinf(c.net.gens[0].qmin_pu) && c.net.gens[0].qmin_pu < 0);
  }

  void roundTrip_data() {
    QTest::addColumn<QString>("path");
    QTest::newRow("case5_traps") << QString(DCTWIN_TEST_DATA_DIR "/matpower/case5_traps.m");
    const QDir dir(ref_cases());
    for (const QString& c : dir.entryList({"*.m"}, QDir::Files, QDir::Name))
      QTest::newRow(qPrintable(c)) << dir.filePath(c);
  }

  // parse(write(net)) is net again (to an ulp where pu/degree conversions happen) and solves to
  // the same answer.
  void roundTrip() {
    QFETCH(QString, path);
    const auto a = data::read_matpower(path.toStdString());
    data::MatpowerWriteOptions opt;
    opt.comment = {"round trip of " + a.name};
    for (std::size_t i = 0; i < a.net.buses.size(); ++i) {
      opt.base_kv.push_back(a.bus(i, 9));
      opt.bus_names.push_back("bus '" + std::to_string(a.bus_numbers[i]) + "' % x");
    }
    const std::string text = data::write_matpower(a.net, a.name + "-rt", opt);
    const auto b = data::parse_matpower(text, "written.m");
    QCOMPARE(b.name, a.name + "_rt");
    compare_networks(a.net, b.net);
    for (std::size_t i = 0; i < a.net.buses.size(); ++i) QCOMPARE(b.bus(i, 9), a.bus(i, 9));
    const auto sa = el::solve_ac(a.net), sb = el::solve_ac(b.net);
    QVERIFY2(sa.converged && sb.converged, sb.message.c_str());
    QCOMPARE(sa.iterations, sb.iterations);
    for (std::size_t i = 0; i < sa.v.size(); ++i) QVERIFY(std::abs(sa.v[i] - sb.v[i]) < 1e-10);
    for (std::size_t k = 0; k < sa.sf_pu.size(); ++k)
      QVERIFY(std::abs(sa.sf_pu[k] - sb.sf_pu[k]) < 1e-9);
  }

  void writerNames() {
    const auto c = data::parse_matpower(kTiny, "tiny.m");
    QVERIFY(
        data::write_matpower(c.net, "9 bus/site").starts_with("function mpc = case_9_bus_site\n"));
    el::AcNetwork bad = c.net;
    bad.buses[1].number = 1;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)data::write_matpower(bad, "x"));
  }

  // Inputs that once broke the reader, or that are nasty on purpose: each parses or throws
  // MatpowerError.
  void regressions_data() {
    QTest::addColumn<QString>("path");
    const QDir dir(DCTWIN_TEST_DATA_DIR "/matpower_regress");
    for (const QString& f : dir.entryList(QDir::Files, QDir::Name))
      if (f != "README.md") QTest::newRow(qPrintable(f)) << dir.filePath(f);
  }
  void regressions() {
    QFETCH(QString, path);
    const std::string text = slurp(path);
    try {
      const auto c = data::parse_matpower(text, path.toStdString());
      el::AcOptions o;
      o.max_iter = 10;
      (void)el::AcPowerFlow(c.net).solve(o);
      // What the reader accepts, the writer writes and the reader reads back, the same network.
      const auto back = data::parse_matpower(data::write_matpower(c.net, c.name), "written.m");
      compare_networks(c.net, back.net);
    } catch (const MatpowerError& e) {
      QVERIFY2(std::string(e.what()).starts_with(path.toStdString()), e.what());
    }
  }

  // Thousands of random mutants of the reference cases (fixed seed, bounded time): parse or
  // MatpowerError, nothing else; mutants that parse solve or report, without throwing.
  void mutationFuzz() {
    std::vector<std::pair<QString, std::string>> seeds = {
        {"tiny", kTiny}, {"case5_traps", slurp(DCTWIN_TEST_DATA_DIR "/matpower/case5_traps.m")}};
    for (const char* c : {"case9", "case14", "case30"}) {
      const QString p = ref_cases() + "/" + c + ".m";
      if (QFile::exists(p)) seeds.emplace_back(c, slurp(p));
    }
    if (seeds.size() < 5)
      qInfo("reference cases not found in %s: fuzzing the built-in seeds only",
            qPrintable(ref_cases()));
    // DCTWIN_FUZZ_MUTANTS and DCTWIN_FUZZ_SEED run a longer hunt by hand (no time bound then).
    const int env_count = qEnvironmentVariableIntValue("DCTWIN_FUZZ_MUTANTS");
    const bool bounded = env_count == 0;
    const int mutants = bounded ? 50000 : env_count;
    const auto seed = qEnvironmentVariableIsSet("DCTWIN_FUZZ_SEED")
                          ? qEnvironmentVariable("DCTWIN_FUZZ_SEED").toULongLong()
                          : 20261129ULL;
    Mutator mutator(seed);
    const auto t0 = std::chrono::steady_clock::now();
    int parsed = 0, rejected = 0, done = 0;
    for (; done < mutants; ++done) {
      if (bounded && std::chrono::steady_clock::now() - t0 > std::chrono::milliseconds(4500)) {
        qWarning("mutation fuzz stopped after %d mutants (time bound)", done);
        break;
      }
      const auto& [name, seed] = seeds[static_cast<std::size_t>(done) % seeds.size()];
      const std::string text = mutator.mutate(seed);
      try {
        const auto c = data::parse_matpower(text, "mutant.m");
        ++parsed;
        el::AcOptions o;
        o.max_iter = 10;
        const auto s = el::AcPowerFlow(c.net).solve(o);
        if (!s.converged) QVERIFY(!s.message.empty());
        const auto back = data::parse_matpower(data::write_matpower(c.net, c.name), "written.m");
        compare_networks(c.net, back.net);
        if (QTest::currentTestFailed()) {
          const QString keep = QDir::temp().filePath(QString("matpower_mutant_%1.m").arg(done));
          std::ofstream(keep.toStdString(), std::ios::binary) << text;
          QFAIL(qPrintable(
              QString("mutant %1 does not read back equal; saved as %2").arg(done).arg(keep)));
        }
      } catch (const MatpowerError& e) {
        ++rejected;
        QVERIFY2(std::string(e.what()).starts_with("mutant.m"), e.what());
      } catch (const std::exception& e) {
        const QString keep = QDir::temp().filePath(QString("matpower_mutant_%1.m").arg(done));
        std::ofstream(keep.toStdString(), std::ios::binary) << text;
        QFAIL(qPrintable(QString("mutant %1 of %2 threw %3 (%4); saved as %5: add it to "
                                 "tests/data/matpower_regress")
                             .arg(done)
                             .arg(name, typeid(e).name(), e.what(), keep)));
      }
    }
    qInfo("%d mutants: %d parsed, %d rejected with MatpowerError", done, parsed, rejected);
    QVERIFY(parsed > 0 && rejected > 0);
  }
};

QTEST_APPLESS_MAIN(TstMatpowerParser)
#include "tst_matpower_parser.moc"
