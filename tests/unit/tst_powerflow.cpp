// AC power flow validation: every MATPOWER case in ../shared/reference/matpower against
// MATPOWER's own solutions (voltages, gen P/Q, branch flows, iteration counts), physics
// invariants on every solution (power balance at every bus, losses), hand-solved small networks,
// and the failure reports (islands without a reference, non-convergence, NaN, cancel).
#include <QDir>
#include <QtTest>
#include <cmath>
#include <complex>
#include <fstream>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include "data/matpower.h"
#include "model/electrical/ac_powerflow.h"

namespace el = dctwin::model::electrical;
namespace data = dctwin::data;
using cd = std::complex<double>;

namespace {

constexpr double kRadToDeg = 180 / std::numbers::pi;

QString ref_dir() { return QString(DCTWIN_SHARED_DIR) + "/reference/matpower"; }

// Numeric CSV with a header line.
std::vector<std::vector<double>> read_csv(const QString& path) {
  std::vector<std::vector<double>> rows;
  std::ifstream in(path.toStdString());
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<double> row;
    std::stringstream s(line);
    std::string cell;
    while (std::getline(s, cell, ',')) row.push_back(std::stod(cell));
    rows.push_back(row);
  }
  return rows;
}

// Column of a CSV with a header, by name.
double csv_value(const QString& path, const std::string& column) {
  std::ifstream in(path.toStdString());
  std::string head, vals;
  std::getline(in, head);
  std::getline(in, vals);
  std::stringstream h(head), v(vals);
  std::string name, val;
  while (std::getline(h, name, ',') && std::getline(v, val, ','))
    if (name == column) return std::stod(val);
  return std::nan("");
}

// Largest violation of the bus power balance: for every bus, generation (as solved) minus load
// minus shunt minus what leaves through the branches. pu.
double max_bus_imbalance(const el::AcNetwork& net, const el::AcSolution& s) {
  std::vector<cd> bal(net.buses.size());
  for (std::size_t b = 0; b < net.buses.size(); ++b) {
    const auto& bus = net.buses[b];
    if (bus.type == el::BusType::Isolated) continue;
    const double v2 = std::norm(s.v[b]);
    bal[b] = -cd(bus.pd_pu, bus.qd_pu) - std::conj(cd(bus.gs_pu, bus.bs_pu)) * v2;
  }
  for (std::size_t g = 0; g < net.gens.size(); ++g)
    bal[net.gens[g].bus] += cd(s.pg_pu[g], s.qg_pu[g]);
  for (std::size_t k = 0; k < net.branches.size(); ++k) {
    bal[net.branches[k].f] -= s.sf_pu[k];
    bal[net.branches[k].t] -= s.st_pu[k];
  }
  double worst = 0;
  for (std::size_t b = 0; b < net.buses.size(); ++b)
    if (net.buses[b].type != el::BusType::Isolated)
      worst = std::max({worst, std::abs(bal[b].real()), std::abs(bal[b].imag())});
  return worst;
}

// Losses two ways: the sum over branches of Sf + St, and injections minus loads minus shunts.
void check_losses(const el::AcNetwork& net, const el::AcSolution& s) {
  cd branch_losses, balance;
  for (std::size_t k = 0; k < net.branches.size(); ++k) branch_losses += s.sf_pu[k] + s.st_pu[k];
  for (std::size_t g = 0; g < net.gens.size(); ++g) balance += cd(s.pg_pu[g], s.qg_pu[g]);
  for (std::size_t b = 0; b < net.buses.size(); ++b) {
    const auto& bus = net.buses[b];
    if (bus.type == el::BusType::Isolated) continue;
    balance -= cd(bus.pd_pu, bus.qd_pu) + std::conj(cd(bus.gs_pu, bus.bs_pu)) * std::norm(s.v[b]);
  }
  const double scale = std::max(1.0, std::abs(branch_losses));
  QVERIFY2(std::abs(branch_losses.real() - balance.real()) < 1e-6 * scale,
           qPrintable(
               QString("P losses %1 vs balance %2").arg(branch_losses.real()).arg(balance.real())));
  QVERIFY2(std::abs(branch_losses.imag() - balance.imag()) < 1e-6 * scale,
           qPrintable(
               QString("Q losses %1 vs balance %2").arg(branch_losses.imag()).arg(balance.imag())));
  QVERIFY(branch_losses.real() > -1e-9);  // no negative-resistance case reaches net generation
}

el::AcNetwork two_bus(cd z, double b_pu, cd load) {
  el::AcNetwork net;
  net.buses.push_back({1, el::BusType::Ref, 0, 0, 0, 0, 1.0, 0.0});
  net.buses.push_back({2, el::BusType::PQ, load.real(), load.imag(), 0, 0, 1.0, 0.0});
  net.gens.push_back({0, 0, 0, 1.0, 10, -10, true});
  net.branches.push_back({0, 1, z.real(), z.imag(), b_pu, 0, 0, true});
  return net;
}

}  // namespace

class TstPowerflow : public QObject {
  Q_OBJECT

 private slots:
  void matpowerCases_data() {
    QTest::addColumn<QString>("name");
    const QDir dir(ref_dir() + "/cases");
    const QStringList cases = dir.entryList({"*.m"}, QDir::Files, QDir::Name);
    if (cases.isEmpty()) QTest::newRow("no reference") << QString();
    for (const QString& c : cases) QTest::newRow(qPrintable(c)) << c.chopped(2);
  }

  // Vm 1e-6 pu, Va 1e-5 degrees, flows and gen P/Q 1e-3 MW/MVAr, the same iteration count.
  void matpowerCases() {
    QFETCH(QString, name);
    if (name.isEmpty())
      QSKIP(qPrintable("MATPOWER reference cases not found in " + ref_dir() +
                       "/cases: put ../shared/reference beside the checkout or configure with "
                       "-DDCTWIN_SHARED_DIR=..."));
    const data::MatpowerCase mc =
        data::read_matpower((ref_dir() + "/cases/" + name + ".m").toStdString());
    el::AcPowerFlow pf(mc.net);
    const el::AcSolution s = pf.solve();
    QVERIFY2(s.converged, s.message.c_str());
    QVERIFY(s.max_mismatch_pu < 1e-8);
    const QString ref = ref_dir() + "/ref/" + name;
    QCOMPARE(s.iterations, static_cast<int>(csv_value(ref + ".checks.csv", "iterations")));

    const double base = mc.base_mva;
    const auto bus = read_csv(ref + ".bus.csv");
    QCOMPARE(bus.size(), mc.net.buses.size());
    double dvm = 0, dva = 0;
    for (std::size_t b = 0; b < bus.size(); ++b) {
      QCOMPARE(static_cast<std::int64_t>(bus[b][0]), mc.bus_numbers[b]);
      dvm = std::max(dvm, std::abs(std::abs(s.v[b]) - bus[b][1]));
      double d = std::abs(std::arg(s.v[b]) * kRadToDeg - bus[b][2]);
      d = std::min(d, std::abs(d - 360));  // +-180 is the same angle
      dva = std::max(dva, d);
    }
    QVERIFY2(dvm < 1e-6, qPrintable(QString("max |dVm| %1 pu").arg(dvm)));
    QVERIFY2(dva < 1e-5, qPrintable(QString("max |dVa| %1 deg").arg(dva)));

    const auto gen = read_csv(ref + ".gen.csv");
    QCOMPARE(gen.size(), mc.net.gens.size());
    double dpg = 0, dqg = 0;
    for (std::size_t g = 0; g < gen.size(); ++g) {
      dpg = std::max(dpg, std::abs(s.pg_pu[g] * base - gen[g][1]));
      dqg = std::max(dqg, std::abs(s.qg_pu[g] * base - gen[g][2]));
    }
    QVERIFY2(dpg < 1e-3, qPrintable(QString("max |dPg| %1 MW").arg(dpg)));
    QVERIFY2(dqg < 1e-3, qPrintable(QString("max |dQg| %1 MVAr").arg(dqg)));

    const auto br = read_csv(ref + ".branch.csv");
    QCOMPARE(br.size(), mc.net.branches.size());
    double dflow = 0;
    for (std::size_t k = 0; k < br.size(); ++k) {
      const cd sf = s.sf_pu[k] * base, st = s.st_pu[k] * base;
      dflow = std::max({dflow, std::abs(sf.real() - br[k][2]), std::abs(sf.imag() - br[k][3]),
                        std::abs(st.real() - br[k][4]), std::abs(st.imag() - br[k][5])});
    }
    QVERIFY2(dflow < 1e-3, qPrintable(QString("max |dflow| %1 MW/MVAr").arg(dflow)));

    const double imbalance = max_bus_imbalance(mc.net, s);
    qInfo(
        "%s: %d iterations, max |dVm| %.2g pu, |dVa| %.2g deg, |dPg| %.2g, |dQg| %.2g, "
        "|dflow| %.2g MW/MVAr, bus balance %.2g pu",
        qPrintable(name), s.iterations, dvm, dva, dpg, dqg, dflow, imbalance);
    QVERIFY2(imbalance < 1e-6,
             qPrintable(QString("bus power balance off by %1 pu").arg(imbalance)));
    check_losses(mc.net, s);
  }

  // A line from a 1 pu slack to a load, solved backwards by hand: pick V2, compute the load that
  // gives it, and solve from a flat start.
  void twoBusByHand() {
    const cd z(0.01, 0.1);
    const cd v1 = 1.0, v2 = std::polar(0.95, -5 / kRadToDeg);
    const cd i = (v1 - v2) / z;
    const cd load = v2 * std::conj(i);
    const el::AcNetwork net = two_bus(z, 0, load);
    const el::AcSolution s = el::solve_ac(net);
    QVERIFY2(s.converged, s.message.c_str());
    QVERIFY(std::abs(s.v[1] - v2) < 1e-9);
    QVERIFY(std::abs(s.sf_pu[0] - v1 * std::conj(i)) < 1e-9);
    QVERIFY(std::abs(s.st_pu[0] + load) < 1e-9);
    const double losses = std::norm(i) * z.real();
    QVERIFY(std::abs((s.sf_pu[0] + s.st_pu[0]).real() - losses) < 1e-9);
    QVERIFY(std::abs(cd(s.pg_pu[0], s.qg_pu[0]) - v1 * std::conj(i)) < 1e-9);
  }

  // Open-ended transformer (no load, no charging): no current flows, so the to side sits at
  // V_from / (tap e^(j shift)): magnitude 1/tap, angle -shift (MATPOWER's convention).
  void transformerNoLoad() {
    el::AcNetwork net = two_bus({0.0, 0.05}, 0, 0);
    net.branches[0].tap = 1.05;
    net.branches[0].shift_rad = 10 / kRadToDeg;
    net.buses[0].va_rad = 0.3;  // the reference angle is the file's, not 0
    const el::AcSolution s = el::solve_ac(net);
    QVERIFY2(s.converged, s.message.c_str());
    QVERIFY(std::abs(std::abs(s.v[1]) - 1 / 1.05) < 1e-9);
    QVERIFY(std::abs(std::arg(s.v[1]) - (0.3 - 10 / kRadToDeg)) < 1e-9);
    QVERIFY(std::abs(s.sf_pu[0]) < 1e-9);
    QVERIFY(std::abs(std::arg(s.v[0]) - 0.3) < 1e-15);
  }

  // Charging only: an unloaded line with b draws Q = -b/2 |V|^2 at each end (Ferranti rise).
  void lineChargingNoLoad() {
    const el::AcNetwork net = two_bus({0.0, 0.1}, 0.4, 0);
    const el::AcSolution s = el::solve_ac(net);
    QVERIFY2(s.converged, s.message.c_str());
    // V2 = V1 / (1 - x b / 2) with r = 0 and no load: 1 / (1 - 0.02).
    QVERIFY(std::abs(std::abs(s.v[1]) - 1 / 0.98) < 1e-9);
    QVERIFY(std::abs(s.st_pu[0]) < 1e-9);
    QVERIFY(s.qg_pu[0] < 0);  // the slack absorbs the charging
  }

  void handCaseTraps() {
    const auto mc = data::read_matpower(DCTWIN_TEST_DATA_DIR "/matpower/case5_traps.m");
    el::AcPowerFlow pf(mc.net);
    QCOMPARE(pf.active_buses(), std::size_t(4));  // bus 40 is isolated
    QCOMPARE(pf.unknowns(), std::size_t(6));      // bus 7 is PQ: its only gen is off
    const el::AcSolution s = pf.solve();
    QVERIFY2(s.converged, s.message.c_str());
    QVERIFY(max_bus_imbalance(mc.net, s) < 1e-9);
    check_losses(mc.net, s);
    // Isolated bus keeps its input voltage; its branch and gen report zero.
    QCOMPARE(s.v[4], cd(1.0, 0.0));
    QCOMPARE(s.sf_pu[6], cd{});
    QCOMPARE(s.pg_pu[4], 0.0);
    QCOMPARE(s.qg_pu[4], 0.0);
    QCOMPARE(s.sf_pu[5], cd{});  // out of service
    QCOMPARE(s.pg_pu[2], 0.0);   // out of service
    // Reference: magnitude from the gens' Vg, angle from the file.
    QVERIFY(std::abs(std::abs(s.v[0]) - 1.04) < 1e-15);
    QVERIFY(std::abs(std::arg(s.v[0]) - 5 / kRadToDeg) < 1e-15);
    // The second gen at the reference keeps its P; the gen at the PQ bus keeps P and Q.
    QCOMPARE(s.pg_pu[1], 0.6);
    QCOMPARE(s.pg_pu[3], 0.2);
    QCOMPARE(s.qg_pu[3], 0.05);
    // Q shared by range: gen 1 has infinite limits, replaced by +-M where M is the bus's total
    // |Q|/2 + |Q| + finite limits of both gens; gen 2 spans [-40, 120] MVAr.
    const double qtot = (s.qg_pu[0] + s.qg_pu[1]) * 100;
    const double m = 2 * std::abs(qtot / 2) + 120 + 40;
    const double share = (qtot - (-m - 40)) / ((m + 120) - (-m - 40));
    QVERIFY(std::abs(s.qg_pu[1] * 100 - (-40 + share * 160)) < 1e-9);
  }

  void sharedQWithEqualLimits() {
    // Two gens on a PV bus with Qmin == Qmax: the bus range is zero, so each gets its limit
    // plus an equal share of the remainder (pfsoln), and the balance still closes.
    el::AcNetwork net = two_bus({0.01, 0.1}, 0, {0.5, 0.2});
    net.buses[1].type = el::BusType::PV;
    net.gens.push_back({1, 0.2, 0, 1.0, 0.1, 0.1, true});
    net.gens.push_back({1, 0.1, 0, 1.0, 0.3, 0.3, true});
    const el::AcSolution s = el::solve_ac(net);
    QVERIFY2(s.converged, s.message.c_str());
    QVERIFY(max_bus_imbalance(net, s) < 1e-9);
    QVERIFY(std::abs((s.qg_pu[1] - 0.1) - (s.qg_pu[2] - 0.3)) < 1e-12);
  }

  void islandWithoutReference() {
    el::AcNetwork net = two_bus({0.01, 0.1}, 0, {0.5, 0.2});
    net.buses.push_back({7, el::BusType::PQ, 0.1, 0, 0, 0, 1, 0});
    net.buses.push_back({8, el::BusType::PQ, 0.1, 0, 0, 0, 1, 0});
    net.branches.push_back({2, 3, 0.01, 0.1, 0, 0, 0, true});
    const el::AcSolution s = el::solve_ac(net);
    QVERIFY(!s.converged);
    QCOMPARE(s.status, el::AcStatus::NoReference);
    QCOMPARE(s.unreferenced_buses, (std::vector<std::size_t>{2, 3}));
    QVERIFY2(s.message.find("7, 8") != std::string::npos, s.message.c_str());
  }

  void firstPvBecomesReference() {
    el::AcNetwork net = two_bus({0.01, 0.1}, 0, {0.5, 0.2});
    net.gens[0].in_service = false;
    net.buses[1].type = el::BusType::PV;
    net.buses[0].pd_pu = 0.3;
    net.gens.push_back({1, 0.9, 0, 1.02, 1, -1, true});
    const el::AcSolution s = el::solve_ac(net);
    QVERIFY2(s.converged, s.message.c_str());
    QVERIFY2(s.message.find("bus 2") != std::string::npos, s.message.c_str());
    QVERIFY(std::abs(std::abs(s.v[1]) - 1.02) < 1e-12);
    QVERIFY(max_bus_imbalance(net, s) < 1e-9);
  }

  void notConverged() {
    el::AcNetwork net = two_bus({0.01, 0.1}, 0, {8, 3});  // beyond the nose of the PV curve
    const el::AcSolution s = el::solve_ac(net);
    QVERIFY(!s.converged);
    QVERIFY(s.status == el::AcStatus::NotConverged || s.status == el::AcStatus::Singular ||
            s.status == el::AcStatus::NotANumber);
    QVERIFY(!s.message.empty());
    if (s.status == el::AcStatus::NotConverged) {
      QCOMPARE(s.iterations, 20);
      QCOMPARE(s.worst_buses.front(), std::size_t(1));
      QVERIFY2(s.message.find("bus 2") != std::string::npos, s.message.c_str());
    }
  }

  void notANumber() {
    el::AcPowerFlow pf(two_bus({0.01, 0.1}, 0, {0.5, 0.2}));
    pf.set_load(1, std::nan(""), 0);
    const el::AcSolution s = pf.solve();
    QCOMPARE(s.status, el::AcStatus::NotANumber);
    QVERIFY(!s.converged);
  }

  void invalidData() {
    el::AcNetwork net = two_bus({0.0, 0.0}, 0, {0.5, 0.2});
    el::AcSolution s = el::solve_ac(net);
    QCOMPARE(s.status, el::AcStatus::InvalidData);
    QVERIFY2(s.message.find("zero impedance") != std::string::npos, s.message.c_str());
    net = two_bus({0.01, 0.1}, 0, {0.5, 0.2});
    net.gens.push_back({7, 0, 0, 1, 0, 0, true});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, el::AcPowerFlow{net});
  }

  void noUnknowns() {
    el::AcNetwork net;
    net.buses.push_back({1, el::BusType::Ref, 0.2, 0.1, 0, 0, 1.0, 0.0});
    net.gens.push_back({0, 0, 0, 1.01, 1, -1, true});
    const el::AcSolution s = el::solve_ac(net);
    QVERIFY2(s.converged, s.message.c_str());
    QCOMPARE(s.iterations, 0);
    QVERIFY(std::abs(s.pg_pu[0] - 0.2) < 1e-15);
    QVERIFY(std::abs(s.qg_pu[0] - 0.1) < 1e-15);
  }

  // Time steps: changed loads re-use the symbolic analysis and warm-start; the answer equals a
  // fresh solve of the changed network.
  void timeStepsMatchFreshSolves() {
    const auto mc = data::read_matpower(DCTWIN_TEST_DATA_DIR "/matpower/case5_traps.m");
    el::AcPowerFlow pf(mc.net);
    QVERIFY(pf.solve().converged);
    el::AcNetwork changed = mc.net;
    for (int step = 1; step <= 3; ++step) {
      const double f = 1 + 0.1 * step;
      pf.set_load(1, 0.9 * f, 0.3 * f);
      changed.buses[1].pd_pu = 0.9 * f;
      changed.buses[1].qd_pu = 0.3 * f;
      pf.set_gen(3, 0.2 / f, 0.05);
      changed.gens[3].pg_pu = 0.2 / f;
      const el::AcSolution a = pf.solve();
      const el::AcSolution b = el::solve_ac(changed);
      QVERIFY(a.converged && b.converged);
      for (std::size_t i = 0; i < a.v.size(); ++i) QVERIFY(std::abs(a.v[i] - b.v[i]) < 1e-8);
      for (std::size_t g = 0; g < a.pg_pu.size(); ++g)
        QVERIFY(std::abs(a.pg_pu[g] - b.pg_pu[g]) < 1e-8);
    }
    // A solve with nothing changed starts at the answer: no iteration needed.
    QCOMPARE(pf.solve().iterations, 0);
    pf.reset_start();
    QVERIFY(pf.solve().iterations > 0);
  }

  void progressAndCancel() {
    struct Counter : dctwin::model::Progress {
      int calls = 0;
      void report(double, std::string_view) override { ++calls; }
    } counter;
    el::AcPowerFlow pf(two_bus({0.01, 0.1}, 0, {0.5, 0.2}));
    QVERIFY(pf.solve({}, &counter).converged);
    QVERIFY(counter.calls >= 2);
    counter.cancel();
    pf.reset_start();
    QVERIFY_THROWS_EXCEPTION(dctwin::model::Cancelled, pf.solve({}, &counter));
  }
};

QTEST_APPLESS_MAIN(TstPowerflow)
#include "tst_powerflow.moc"
