// Hall air model: analytic cases, invariants and physical behaviour on the project's own halls
// (tests/data/thermal). Coarse cells keep these fast; accuracy is tst_hall_air_validation's job.
#include <QtTest>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>

#include "data/thermal_case.h"
#include "model/thermal/hall_air.h"

using namespace dctwin::model::thermal;

namespace {

const QString kData = QString(DCTWIN_TEST_DATA_DIR) + "/thermal/";

// A duct along x: supply over the whole west end, return over the whole east end.
HallDescription duct(double q, double t_in) {
  HallDescription h;
  h.name = "duct";
  h.room.max = {6.0, 0.6, 0.6};
  HallCrah c;
  c.id = "fan";
  c.supply = Rect{0, 0.0, {0, 0}, {0.6, 0.6}};
  c.ret = Rect{0, 6.0, {0, 0}, {0.6, 0.6}};
  c.supply_flow_m3_s = c.return_flow_m3_s = q;
  c.supply_temp_c = t_in;
  h.crahs.push_back(c);
  return h;
}

double rhocp(const HallDescription& h) { return h.air.rho_kg_m3 * h.air.cp_j_kgk; }

double mean_inlet(const HallAirResult& r) {
  double s = 0;
  for (const auto& k : r.racks) s += k.inlet_mean_c;
  return s / static_cast<double>(r.racks.size());
}

}  // namespace

class TestHallAir : public QObject {
  Q_OBJECT

 private slots:
  // A heater filling the duct's cross-section: all the air passes it, so the outlet is
  // Tin + P / (rho cp Q) and the heater's intake is Tin.
  void ductHeater() {
    const double q = 0.5, p = 12000, tin = 18;
    HallDescription h = duct(q, tin);
    HallRack r;
    r.id = "heater";
    r.box.min = {2.7, 0, 0};
    r.box.max = {3.3, 0.6, 0.6};
    r.front_axis = 0;
    r.front_at_max = false;  // air enters at x = 2.7 and leaves at x = 3.3
    r.power_w = p;
    r.flow_m3_s = q;
    h.racks.push_back(r);
    HallSolveOptions o;
    o.cell_m = 0.15;
    const auto res = solve_hall_air(h, o);
    QVERIFY2(res.converged, res.message.c_str());
    QCOMPARE(res.racks.size(), size_t(1));
    QVERIFY(std::abs(res.racks[0].inlet_mean_c - tin) < 1e-6);
    const double tout = tin + p / (rhocp(h) * q);
    QVERIFY2(std::abs(res.crah_return_c[0] - tout) < 1e-6,
             qPrintable(QString("outlet %1, expected %2").arg(res.crah_return_c[0]).arg(tout)));
    QVERIFY(std::abs(res.racks[0].exhaust_c - tout) < 1e-6);
    QVERIFY(std::abs(res.energy_balance_error) < 1e-9);
  }

  // One rack in a room whose unit moves more air than the rack: the room return must be
  // supply + P / (rho cp Q_crah) (the well-mixed energy balance), and the rack sees at least the
  // supply temperature and at most the return.
  void singleRackInBox() {
    HallDescription h;
    h.name = "box";
    h.room.max = {6.0, 4.8, 3.0};
    HallCrah c;
    c.id = "crah";
    c.supply = Rect{0, 0.0, {1.2, 0.0}, {3.6, 1.2}};
    c.ret = Rect{0, 0.0, {1.2, 1.8}, {3.6, 3.0}};
    c.supply_flow_m3_s = c.return_flow_m3_s = 3.0;
    c.supply_temp_c = 20;
    h.crahs.push_back(c);
    HallRack r;
    r.id = "R1";
    r.box.min = {2.7, 1.8, 0};
    r.box.max = {3.3, 3.0, 2.2};
    r.front_axis = 1;
    r.front_at_max = false;
    r.power_w = 25000;
    r.flow_m3_s = r.power_w / (rhocp(h) * 12);
    h.racks.push_back(r);
    HallSolveOptions o;
    o.cell_m = 0.3;
    const auto res = solve_hall_air(h, o);
    const double t_ret = 20 + r.power_w / (rhocp(h) * 3.0);
    QVERIFY2(std::abs(res.crah_return_c[0] - t_ret) < 1e-3 * t_ret,
             qPrintable(QString("return %1, hand %2").arg(res.crah_return_c[0]).arg(t_ret)));
    QVERIFY(res.racks[0].inlet_mean_c >= 20 - 1e-9);
    QVERIFY(res.racks[0].inlet_mean_c <= res.racks[0].exhaust_c);
    QVERIFY(res.racks[0].inlet_max_c >= res.racks[0].inlet_mean_c);
    QVERIFY(std::abs(res.racks[0].exhaust_c - res.racks[0].inlet_mean_c - 12) < 1e-6);
  }

  void energyBalance_data() {
    QTest::addColumn<QString>("file");
    for (const char* f : {"hall_baseline", "hall_crah_failed", "hall_equal_loads", "hall_load_120",
                          "hall_cold_aisle_roof", "hall_three_rows"})
      QTest::newRow(f) << kData + f + ".json";
  }
  // Heat in from the racks equals heat out at the returns within 0.1 % on every hall, and every
  // temperature lies between the supply temperature and the hottest exhaust.
  void energyBalance() {
    QFETCH(QString, file);
    const auto h = dctwin::data::read_thermal_case(file.toStdString());
    HallSolveOptions o;
    o.cell_m = 0.6;
    const auto res = solve_hall_air(h, o);
    QVERIFY2(std::abs(res.energy_balance_error) < 1e-3,
             qPrintable(QString("in %1 W, out %2 W").arg(res.energy_in_w).arg(res.energy_out_w)));
    double tmax = 0;
    for (const auto& r : res.racks) tmax = std::max(tmax, r.exhaust_c);
    for (double t : res.temp_c)
      if (std::isfinite(t)) QVERIFY(t >= 20 - 1e-6 && t <= tmax + 1e-6);
    QVERIFY(res.shi >= 0 && res.shi <= 1);
    // SHI (Sharma et al. 2002) a second way: the inlet temperatures sampled from the field by
    // interpolation half a cell in front of each rack's front face (3 x 3 points over the
    // face), not the solver's own face-cell averages.
    const double t_sup = h.crahs.front().supply_temp_c;
    double num = 0, den = 0;
    for (std::size_t k = 0; k < h.racks.size(); ++k) {
      const HallRack& rk = h.racks[k];
      if (!rk.moves_air()) continue;
      const int a = rk.front_axis, u = (a + 1) % 3, v = (a + 2) % 3;
      double sum = 0;
      int n = 0;
      for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) {
          std::array<double, 3> x{};
          x[a] = rk.front_at_max ? rk.box.max[a] + 0.5 * o.cell_m : rk.box.min[a] - 0.5 * o.cell_m;
          x[u] = rk.box.min[u] + (0.2 + 0.3 * i) * (rk.box.max[u] - rk.box.min[u]);
          x[v] = rk.box.min[v] + (0.2 + 0.3 * j) * (rk.box.max[v] - rk.box.min[v]);
          const double t = res.temperature_at(x[0], x[1], x[2]);
          if (std::isfinite(t)) sum += t, ++n;
        }
      QVERIFY2(n > 0, rk.id.c_str());
      const double t_in = sum / n,
                   rise = rk.power_w / (h.air.rho_kg_m3 * h.air.cp_j_kgk * rk.flow_m3_s);
      num += rk.flow_m3_s * (t_in - t_sup);
      den += rk.flow_m3_s * (t_in + rise - t_sup);
    }
    const double shi_sampled = num / den;
    qInfo("SHI %.3f, sampled %.3f", res.shi, shi_sampled);
    QVERIFY2(
        std::abs(res.shi - shi_sampled) < 0.03,
        qPrintable(QString("SHI %1, sampled from the field %2").arg(res.shi).arg(shi_sampled)));
  }

  // Containment keeps the exhaust out of the cold aisle: the contained hall's supply heat index
  // is lower than the same hall without its roof.
  void containmentLowersShi() {
    HallSolveOptions o;
    o.cell_m = 0.6;
    const auto open = solve_hall_air(
        dctwin::data::read_thermal_case((kData + "hall_baseline.json").toStdString()), o);
    const auto contained = solve_hall_air(
        dctwin::data::read_thermal_case((kData + "hall_cold_aisle_roof.json").toStdString()), o);
    qInfo("SHI open %.3f, contained %.3f", open.shi, contained.shi);
    QVERIFY(contained.shi < open.shi);
    QVERIFY(mean_inlet(contained) < mean_inlet(open));
  }

  // More rack power with the same cooling flows: the rack inlets and the returns get warmer.
  void monotoneInLoad() {
    HallSolveOptions o;
    o.cell_m = 0.6;
    const auto h0 = dctwin::data::read_thermal_case((kData + "hall_baseline.json").toStdString());
    const auto h1 = dctwin::data::read_thermal_case((kData + "hall_load_120.json").toStdString());
    const auto r0 = solve_hall_air(h0, o), r1 = solve_hall_air(h1, o);
    QVERIFY(mean_inlet(r1) > mean_inlet(r0));
    for (size_t u = 0; u < r0.crah_return_c.size(); ++u)
      QVERIFY(r1.crah_return_c[u] > r0.crah_return_c[u]);
  }

  // A failed unit (not compensated) warms the racks nearest to it most.
  void failedCrahWarmsNeighbours() {
    HallSolveOptions o;
    o.cell_m = 0.6;
    const auto h0 = dctwin::data::read_thermal_case((kData + "hall_baseline.json").toStdString());
    const auto h1 =
        dctwin::data::read_thermal_case((kData + "hall_crah_failed.json").toStdString());
    QVERIFY(h1.crahs[0].failed);
    const auto r0 = solve_hall_air(h0, o), r1 = solve_hall_air(h1, o);
    // CRAH_W1 serves the west end of row A (y 2.4 to 4.8): A01..A03.
    double near = 0, far = 0;
    for (size_t i = 0; i < 3; ++i) near += r1.racks[i].inlet_mean_c - r0.racks[i].inlet_mean_c;
    for (size_t i = 7; i < 10; ++i) far += r1.racks[i].inlet_mean_c - r0.racks[i].inlet_mean_c;
    QVERIFY2(near > 0.3 * 3, qPrintable(QString("near racks warmed by %1 K in all").arg(near)));
    QVERIFY(mean_inlet(r1) > mean_inlet(r0));
    QVERIFY(near / 3 > far / 3);
  }

  void ashraeTable() {
    QCOMPARE(kAshraeInletRanges[0].min_c, 18.0);
    QCOMPARE(kAshraeInletRanges[0].max_c, 27.0);
    QCOMPARE(kAshraeInletRanges[4].max_c, 45.0);
    const auto h = duct(0.5, 30);  // no racks: nothing to judge
    HallDescription h2 = h;
    HallRack r;
    r.id = "hot";
    r.box.min = {2.7, 0, 0};
    r.box.max = {3.3, 0.6, 0.6};
    r.front_axis = 0;
    r.front_at_max = false;
    r.power_w = 1000;
    r.flow_m3_s = 0.5;
    h2.racks.push_back(r);
    HallSolveOptions o;
    o.cell_m = 0.3;
    const auto res = solve_hall_air(h2, o);
    QVERIFY(!res.racks[0].recommended);  // 30 C intake
    QCOMPARE(res.racks[0].ashrae_class, std::string("A1"));
  }

  void badInput() {
    // Unbalanced unit, rack outside the room: both reported, naming the entity.
    HallDescription h = duct(0.5, 20);
    h.crahs[0].return_flow_m3_s = 0.4;
    HallRack r;
    r.id = "R9";
    r.box.min = {5.8, 0, 0};
    r.box.max = {6.4, 0.6, 0.6};
    r.power_w = 100;
    r.flow_m3_s = 0.01;
    h.racks.push_back(r);
    const auto errs = check_hall(h);
    QCOMPARE(errs.size(), size_t(2));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, solve_hall_air(h));
    // Reader: the JSON pointer of the bad value and the fix.
    try {
      dctwin::data::parse_thermal_case(
          R"({"schema": "dc-hall-thermal-case/1", "room": {"box_min": [0,0,0],
              "box_max": [4,4,3]}, "air": {"rho_kg_m3": -1, "cp_J_kgK": 1006},
              "racks": [{"id": "R1", "box_min": [1,1,0], "box_max": [1.6,2.2,2.2],
                         "power_W": "ten"}], "crahs": []})",
          "case.json");
      QFAIL("bad case accepted");
    } catch (const dctwin::data::ThermalCaseError& e) {
      const QString m = e.what();
      QVERIFY2(m.contains("/air/rho_kg_m3") && m.contains("/racks/0/power_W") &&
                   m.contains("front_face_inlet"),
               qPrintable(m));
      QVERIFY(!e.file_error());
    }
    try {
      dctwin::data::read_thermal_case("/nonexistent/case.json");
      QFAIL("missing file accepted");
    } catch (const dctwin::data::ThermalCaseError& e) {
      QVERIFY(e.file_error());
    }
  }

  // The cell count is 64-bit: 1,300 cells on each axis are 2,197,000,000 cells, more than an
  // int holds (as an int product it wraps to -2,097,967,296). Counted exactly, then refused
  // before anything is allocated, naming the size, the limit and the fix.
  void cellCountIs64Bit() {
    HallDescription h = duct(0.5, 20);
    h.room.max = {13.0, 13.0, 13.0};
    h.crahs[0].supply = Rect{0, 0.0, {0, 0}, {1.0, 1.0}};
    h.crahs[0].ret = Rect{0, 13.0, {0, 0}, {1.0, 1.0}};
    HallRack r;
    r.id = "R1";
    r.box.min = {5.0, 5.0, 0.0};
    r.box.max = {6.0, 6.0, 2.0};
    r.power_w = 1000;
    r.flow_m3_s = 0.1;
    h.racks.push_back(r);
    QVERIFY(check_hall(h).empty());
    const HallGridEstimate e = estimate_hall_grid(h, 0.01);
    QCOMPARE(e.n[0], 1300.0);
    QCOMPARE(e.n[1], 1300.0);
    QCOMPARE(e.n[2], 1300.0);
    QCOMPARE(e.cells, 2197000000.0);
    QVERIFY(e.cells > double(std::numeric_limits<std::int32_t>::max()));
    // The rack's front face (1 m x 2 m, y = 6) covers 100 x 200 cells: 20,000 in front and
    // 20,000 behind, every one of the rear cells coupled to every front cell.
    QCOMPARE(e.couplings, 20000.0 * 20000.0);
    QVERIFY(!e.fits());
    try {
      solve_hall_air(h, HallSolveOptions{0.01});
      QFAIL("a grid of 2.2e9 cells was solved");
    } catch (const HallGridTooLarge& x) {
      const QString m = x.what();
      QVERIFY2(m.contains("hall duct") && m.contains("2,197,000,000 cells") &&
                   m.contains("0.01 m cells") && m.contains("limit of 5,000,000 cells"),
               qPrintable(m));
      // The fix: the smallest cell size that fits, which does fit (and a tenth less does not).
      const double s = x.suggested_cell_m();
      QVERIFY2(m.contains(QString("use a cell size of %1 m").arg(s)), qPrintable(m));
      QVERIFY(estimate_hall_grid(h, s).fits());
      QVERIFY(!estimate_hall_grid(h, 0.9 * s).fits());
    }
  }

  // 1e-12 m cells once overflowed the per-segment count and solved one cell per segment,
  // reporting "converged"; now the count is a double (1e13 cells per 10 m) and refused.
  void absurdCellRefused() {
    const auto h = dctwin::data::read_thermal_case((kData + "hall_baseline.json").toStdString());
    const HallGridEstimate e = estimate_hall_grid(h, 1e-12);
    QVERIFY(e.cells > 1e38);  // 14.4 x 9.6 x 3.6 m / (1e-12 m)^3 = 5e38
    QVERIFY_THROWS_EXCEPTION(HallGridTooLarge, solve_hall_air(h, HallSolveOptions{1e-12}));
    for (double bad : {0.0, -0.3, std::nan(""), std::numeric_limits<double>::infinity()})
      QVERIFY_THROWS_EXCEPTION(std::invalid_argument, solve_hall_air(h, HallSolveOptions{bad}));
    // The estimate is the grid the solver builds.
    const HallAirResult res = solve_hall_air(h, HallSolveOptions{0.6});
    QCOMPARE(double(res.cells()), estimate_hall_grid(h, 0.6).cells);
  }

  // A room too large for any offered cell size: no suggestion, the room is named.
  void roomTooLarge() {
    HallDescription h = duct(0.5, 20);
    h.room.max = {60.0, 60.0, 1e5};  // a 100 km tall room: 45 million cells even at 2 m
    h.crahs[0].supply = Rect{0, 0.0, {0, 0}, {0.6, 0.6}};
    h.crahs[0].ret = Rect{0, 60.0, {0, 0}, {0.6, 0.6}};
    try {
      check_hall_grid(h, 0.3);
      QFAIL("a 100 km room was accepted");
    } catch (const HallGridTooLarge& x) {
      QCOMPARE(x.suggested_cell_m(), 0.0);
      const QString m = x.what();
      QVERIFY2(m.contains("60 x 60 x 100000 m room") && m.contains("limit of 5,000,000 cells") &&
                   m.contains("check the room size"),
               qPrintable(m));
    }
  }

  // Rack count and set-up work: 5,001 racks are refused outright; 5,000 small blanked racks on
  // 0.3 m cells in a 150 x 150 m room fit in memory (no couplings) but test every one of about
  // 2.8 million cells against every rack: 1.4e10, over the limit.
  void racksAndWorkLimits() {
    HallDescription h = duct(1.0, 20);
    h.room.max = {150.0, 150.0, 3.3};
    h.crahs[0].supply = Rect{0, 0.0, {0, 0}, {3.0, 1.0}};
    h.crahs[0].ret = Rect{0, 150.0, {0, 2.0}, {3.0, 3.3}};
    for (int k = 0; k < 5000; ++k) {
      HallRack r;
      r.id = "B" + std::to_string(k);
      const double x = 1.5 + 1.2 * (k % 100), y = 1.5 + 1.2 * (k / 100);
      r.box.min = {x, y, 0.0};
      r.box.max = {x + 0.3, y + 0.3, 0.3};
      r.blanked = true;
      h.racks.push_back(r);
    }
    const HallGridEstimate e = estimate_hall_grid(h, 0.3);
    QVERIFY2(e.cells < double(kMaxHallAirCells) && e.bytes < kHallAirMemoryBudgetBytes,
             qPrintable(QString::number(e.cells)));
    QCOMPARE(e.couplings, 0.0);
    QCOMPARE(e.geometry_work, e.cells * 5000);
    QVERIFY(e.geometry_work > kMaxHallAirGeometryWork);
    try {
      check_hall_grid(h, 0.3);
      QFAIL("1.4e10 rack-cell tests accepted");
    } catch (const HallGridTooLarge& x) {
      const QString m = x.what();
      QVERIFY2(m.contains("5,000 racks") && m.contains("rack-cell tests") &&
                   m.contains("limit of 10,000,000,000"),
               qPrintable(m));
      QVERIFY(x.suggested_cell_m() > 0.3);
    }
    HallRack extra = h.racks.back();
    extra.id = "B5000";
    extra.box.min[1] += 10;
    extra.box.max[1] += 10;
    h.racks.push_back(extra);
    try {
      check_hall_grid(h, 1.0);
      QFAIL("5,001 racks accepted");
    } catch (const HallGridTooLarge& x) {
      QCOMPARE(x.suggested_cell_m(), 0.0);
      QVERIFY2(QString(x.what()).contains("5,001 racks exceed the limit of 5,000"), x.what());
    }
  }

  // 20,000 racks stacked on one spot: the check lists a bounded number of overlaps (200 million
  // pairs) and still names the first pair.
  void stackedRacksBounded() {
    HallDescription h = duct(0.5, 20);
    HallRack r;
    r.box.min = {2.7, 0, 0};
    r.box.max = {3.3, 0.6, 0.6};
    r.front_axis = 0;
    r.power_w = 100;
    r.flow_m3_s = 0.01;
    for (int k = 0; k < 20000; ++k) {
      r.id = "S" + std::to_string(k);
      h.racks.push_back(r);
    }
    QElapsedTimer t;
    t.start();
    const auto errs = check_hall(h);
    QVERIFY2(errs.size() <= 60, qPrintable(QString::number(errs.size())));
    QCOMPARE(QString::fromStdString(errs.front()),
             QString("racks S0 and S1 overlap; move one of them"));
    QVERIFY(QString::fromStdString(errs[2]).endsWith("(S0 overlaps 19996 more racks)"));
    QVERIFY(QString::fromStdString(errs.back()).contains("more pairs of overlapping racks"));
    QVERIFY(t.elapsed() < 20000);
    // Racks side by side and racks one above the other (same footprint) do not overlap.
    HallDescription ok = duct(0.5, 20);
    r.id = "low";
    r.box.max[2] = 0.3;
    ok.racks.push_back(r);
    r.id = "high";
    r.box.min[2] = 0.3;
    r.box.max[2] = 0.6;
    ok.racks.push_back(r);
    r.id = "next";
    r.box.min = {3.3, 0, 0};
    r.box.max = {3.9, 0.6, 0.3};
    ok.racks.push_back(r);
    for (const auto& e : check_hall(ok))
      QVERIFY2(!QString::fromStdString(e).contains("overlap"), e.c_str());
  }

  // A case without racks, or whose racks all move no air, has no inlet to report: refused as
  // invalid input (the CLI's exit 3), never run into a flow with no sink.
  void readerRefusesCasesWithoutRacks() {
    for (const char* racks : {"[]", R"([{"id": "R1", "box_min": [1,1,0], "box_max": [1.6,2.2,2.2],
                                   "power_W": 0, "air_direction_through_rack": [0,-1,0]}])"}) {
      try {
        dctwin::data::parse_thermal_case(
            std::string(R"({"schema": "dc-hall-thermal-case/1", "room": {"box_min": [0,0,0],
                "box_max": [4,4,3]}, "air": {"rho_kg_m3": 1.2, "cp_J_kgK": 1006}, "racks": )") +
                racks + R"(, "crahs": [{"id": "C1", "supply_opening": {"plane": "x", "coord": 0,
                "y_range": [0, 1], "z_range": [0, 1], "flow_m3s": 1, "T_C": 20},
                "return_opening": {"plane": "x", "coord": 0, "y_range": [2, 3],
                "z_range": [2, 3], "flow_m3s": 1}}]})",
            "case.json");
        QFAIL("a case without a rack that moves air was accepted");
      } catch (const dctwin::data::ThermalCaseError& e) {
        QVERIFY2(QString(e.what()).contains("case.json: /racks: "), e.what());
        QVERIFY(!e.file_error());
      }
    }
  }

  // A number beyond a double is named by its field, not an uncaught out_of_range.
  void numberOverflowNamed() {
    try {
      dctwin::data::parse_thermal_case(
          R"({"schema": "dc-hall-thermal-case/1", "racks": [{"id": "R1", "power_W": 1e400}]})",
          "case.json");
      QFAIL("1e400 accepted");
    } catch (const dctwin::data::ThermalCaseError& e) {
      QVERIFY2(QString(e.what()).contains("case.json: /racks/0/power_W: the number 1e400"),
               e.what());
    }
  }

  void cancel() {
    dctwin::model::Progress p;
    p.cancel();
    const auto h = dctwin::data::read_thermal_case((kData + "hall_baseline.json").toStdString());
    QVERIFY_THROWS_EXCEPTION(dctwin::model::Cancelled, solve_hall_air(h, {}, p));
  }
};

QTEST_APPLESS_MAIN(TestHallAir)
#include "tst_hall_air.moc"
