// Load profiles, power smoothing, site battery and grid metrics: profile statistics against their
// parameters, step averages that agree between 1 s and hourly steps, smoothing ramp limits and
// floor with its energy cost by hand, battery ramp holding and energy conservation, and the band
// energy of synthetic sines.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

#include "data/catalog_io.h"
#include "model/scenario/profiles.h"

using namespace dctwin::model;
using namespace dctwin::model::scenario;

namespace {

double mean_of(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

TrainingProfile busy_job() {
  TrainingProfile p;
  p.iteration_s = 7.3;
  p.compute_duty = 0.7;
  p.compute_util = 1.0;
  p.comm_util = 0.4;
  p.checkpoint_interval_s = 1234.5;
  p.checkpoint_duration_s = 47.0;
  p.checkpoint_util = 0.3;
  p.idle_util = 0.2;
  p.start_s = 600.5;
  p.stop_s = 20.3 * 3600.0;
  p.start_ramp_s = 90.0;
  p.stop_ramp_s = 45.0;
  p.mtbf_s = 3.0 * 3600.0;
  p.restart_s = 700.0;
  p.seed = 42;
  return p;
}

std::vector<double> sine(double amp, double f_hz, double dt, std::size_t n, double offset) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = offset + amp * std::sin(2.0 * std::numbers::pi * f_hz * static_cast<double>(i) * dt);
  return v;
}

}  // namespace

class TstProfiles : public QObject {
  Q_OBJECT
 private slots:
  void constantAndDiurnal() {
    const auto c = evaluate(ConstantProfile{0.8}, {0.0, 3600.0, 24});
    QCOMPARE(c.utilisation.size(), std::size_t{24});
    for (double u : c.utilisation) QCOMPARE(u, 0.8);

    const DiurnalProfile d{0.6, 0.25, 15.0};
    const auto hourly = evaluate(d, {0.0, 3600.0, 48});
    QVERIFY(std::abs(mean_of(hourly.utilisation) - 0.6) < 1e-12);  // whole days: the mean
    const auto peak = std::max_element(hourly.utilisation.begin(), hourly.utilisation.end());
    const auto hour = (peak - hourly.utilisation.begin()) % 24;
    QVERIFY(hour == 14 || hour == 15);  // the hours either side of 15:00 are equal
    const auto secs = evaluate(d, {0.0, 1.0, 86400});
    QVERIFY(std::abs(*std::max_element(secs.utilisation.begin(), secs.utilisation.end()) - 0.85) <
            1e-8);
    QVERIFY(std::abs(*std::min_element(secs.utilisation.begin(), secs.utilisation.end()) - 0.35) <
            1e-8);
    for (std::size_t h = 0; h < 24; ++h) {
      const double avg = std::accumulate(secs.utilisation.begin() + h * 3600,
                                         secs.utilisation.begin() + (h + 1) * 3600, 0.0) /
                         3600.0;
      QVERIFY(std::abs(avg - hourly.utilisation[h]) < 1e-9);
    }
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             evaluate(DiurnalProfile{0.1, 0.2, 12}, {0, 60, 10}));
  }

  void trainingDutyCycleMean() {
    // Whole iterations: mean = duty * compute + (1 - duty) * comm, however the steps fall.
    TrainingProfile p;
    p.iteration_s = 2.5;
    p.compute_duty = 0.62;
    p.compute_util = 0.97;
    p.comm_util = 0.31;
    const double expect = 0.62 * 0.97 + 0.38 * 0.31;
    for (double step : {1.0, 0.5, 9.0, 3600.0}) {
      const std::size_t n = static_cast<std::size_t>(std::llround(7200.0 / step));
      const auto s = evaluate(p, {0.0, step, n});
      QVERIFY2(std::abs(mean_of(s.utilisation) - expect) < 1e-9, qPrintable(QString::number(step)));
    }
    // A step longer than the iteration sees the mean; 1 s steps of a 10 s iteration see the swing.
    p.iteration_s = 10.0;
    p.compute_duty = 0.7;
    const auto fine = evaluate(p, {0.0, 1.0, 600});
    QCOMPARE(*std::max_element(fine.utilisation.begin(), fine.utilisation.end()), 0.97);
    QCOMPARE(*std::min_element(fine.utilisation.begin(), fine.utilisation.end()), 0.31);
    QCOMPARE(std::count_if(fine.utilisation.begin(), fine.utilisation.end(),
                           [](double u) { return std::abs(u - 0.97) < 1e-12; }),
             420);
    const auto coarse = evaluate(p, {0.0, 60.0, 10});
    for (double u : coarse.utilisation) QVERIFY(std::abs(u - (0.7 * 0.97 + 0.3 * 0.31)) < 1e-12);
  }

  void checkpointShare() {
    TrainingProfile p;
    p.iteration_s = 10.0;
    p.compute_duty = 0.8;
    p.comm_util = 0.4;
    p.checkpoint_interval_s = 1800.0;  // 1,740 s of iterations (174 whole ones), then 60 s
    p.checkpoint_duration_s = 60.0;
    p.checkpoint_util = 0.25;
    const double horizon = 86400.0;
    const auto tl = training_timeline(p, horizon);
    double ckpt = 0.0;
    for (const auto& s : tl)
      if (s.phase == TrainingSegment::Phase::Checkpoint) ckpt += s.t1 - s.t0;
    QVERIFY(std::abs(ckpt / horizon - 60.0 / 1800.0) < 1e-12);
    const double share = 60.0 / 1800.0;
    const double expect = (1 - share) * (0.8 * 1.0 + 0.2 * 0.4) + share * 0.25;
    const auto s = evaluate(p, {0.0, 1.0, 86400});
    QVERIFY(std::abs(mean_of(s.utilisation) - expect) < 1e-9);
    QVERIFY(std::abs(integrate(p, tl, 0.0, horizon) / horizon - expect) < 1e-9);
  }

  void hourlyEqualsAverageOfSeconds() {
    const TrainingProfile p = busy_job();
    const auto secs = evaluate(p, {0.0, 1.0, 86400});
    const auto hours = evaluate(p, {0.0, 3600.0, 24});
    for (std::size_t h = 0; h < 24; ++h) {
      const double avg = std::accumulate(secs.utilisation.begin() + h * 3600,
                                         secs.utilisation.begin() + (h + 1) * 3600, 0.0) /
                         3600.0;
      QVERIFY2(std::abs(avg - hours.utilisation[h]) < 1e-9, qPrintable(QString::number(h)));
    }
    // Offset grid: 15 min steps starting at 00:07:30 agree with the seconds too.
    const auto quarter = evaluate(p, {450.0, 900.0, 90});
    for (std::size_t q = 0; q < 90; ++q) {
      const auto b = secs.utilisation.begin() + 450 + q * 900;
      QVERIFY(std::abs(std::accumulate(b, b + 900, 0.0) / 900.0 - quarter.utilisation[q]) < 1e-9);
    }
  }

  void trainingTimeline() {
    const TrainingProfile p = busy_job();
    const auto tl = training_timeline(p, 86400.0);
    QCOMPARE(tl.front().t0, 0.0);
    QCOMPARE(tl.back().t1, 86400.0);
    int restarts = 0;
    for (std::size_t i = 0; i < tl.size(); ++i) {
      if (i > 0) QCOMPARE(tl[i].t0, tl[i - 1].t1);  // contiguous
      QVERIFY(tl[i].t1 > tl[i].t0);
      if (tl[i].phase == TrainingSegment::Phase::Restart) {
        ++restarts;
        QCOMPARE(tl[i].level, p.idle_util);
        if (tl[i].t1 < *p.stop_s) QVERIFY(std::abs(tl[i].t1 - tl[i].t0 - p.restart_s) < 1e-9);
      }
    }
    QVERIFY(restarts >= 1);  // about 6 expected in 20 h at 3 h MTBF
    // Deterministic: the same seed gives the same timeline, another seed another one.
    const auto again = training_timeline(p, 86400.0);
    QCOMPARE(again.size(), tl.size());
    for (std::size_t i = 0; i < tl.size(); ++i) QCOMPARE(again[i].t0, tl[i].t0);
    TrainingProfile q = p;
    q.seed = 7;
    const auto other = training_timeline(q, 86400.0);
    bool differs = other.size() != tl.size();
    for (std::size_t i = 0; !differs && i < tl.size(); ++i) differs = other[i].t0 != tl[i].t0;
    QVERIFY(differs);
    // Long run: mean time between failures close to the parameter.
    TrainingProfile m;
    m.mtbf_s = 3600.0;
    m.restart_s = 100.0;
    const double horizon = 3e7;
    const auto lt = training_timeline(m, horizon);
    const auto fails = std::count_if(lt.begin(), lt.end(), [](const TrainingSegment& s) {
      return s.phase == TrainingSegment::Phase::Restart;
    });
    const double mtbf =
        (horizon - static_cast<double>(fails) * m.restart_s) / static_cast<double>(fails);
    QVERIFY2(std::abs(mtbf / 3600.0 - 1.0) < 0.05, qPrintable(QString::number(mtbf)));
    // Before the start, after the stop ramp and while restarting: idle and not active.
    const auto s = evaluate(p, {0.0, 1.0, 86400});
    QCOMPARE(s.utilisation[0], p.idle_util);
    QCOMPARE(s.active[0], std::uint8_t{0});
    QVERIFY(std::abs(s.utilisation[86399] - p.idle_util) < 1e-12);
    QCOMPARE(s.active[86399], std::uint8_t{0});
    QCOMPARE(s.active[700], std::uint8_t{1});
    TrainingProfile bad;
    bad.iteration_s = 0.0;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, training_timeline(bad, 10));
  }

  void smoothingRampsAndFloor() {
    const Catalog& cat = dctwin::data::builtin_catalog();
    const RackSpec gb300 = rack_spec(cat.at("gb300_nvl72"));
    const TrainingProfile p = busy_job();
    const auto u = evaluate(p, {0.0, 1.0, 86400});
    std::vector<double> demand(u.utilisation.size());
    for (std::size_t i = 0; i < demand.size(); ++i)
      demand[i] = u.utilisation[i] * gb300.nameplate_w;
    const SmoothingParams sp = smoothing_params(gb300, p.compute_util * gb300.nameplate_w, 5.0);
    const auto r = smooth_power(demand, 1.0, sp, u.active);
    const double floor_w = sp.floor_frac * sp.reference_w;
    QVERIFY(floor_w > 0.0);
    bool reached = false;
    for (std::size_t i = 0; i < demand.size(); ++i) {
      if (i > 0) {
        const double d = r.power_w[i] - r.power_w[i - 1];
        QVERIFY(d <= gb300.ramp_up_w_per_s * (1 + 1e-12));
        QVERIFY(-d <= gb300.ramp_down_w_per_s * (1 + 1e-12));
      }
      if (!u.active[i]) reached = false;
      if (u.active[i] && r.power_w[i] >= floor_w) reached = true;
      if (reached) QVERIFY2(r.power_w[i] >= floor_w * (1 - 1e-12), qPrintable(QString::number(i)));
    }
    QVERIFY(r.steps_on_floor > 0);
    QVERIFY(r.extra_energy_wh > 0.0);
    QVERIFY(std::abs(r.energy_wh - mean_of(r.power_w) * 86400.0 / 3600.0) < 1e-6 * r.energy_wh);
    QVERIFY(std::abs(r.extra_energy_pct - 100.0 * r.extra_energy_wh / r.energy_demand_wh) < 1e-12);
  }

  void smoothingSquareWaveByHand() {
    // Fast ramps, floor 80 % of 100 kW, hysteresis longer than the low phase: every low second
    // burns 80 - 20 = 60 kW. Ten periods of 10 s high (100 kW) and 10 s low (20 kW).
    std::vector<double> sq;
    for (int k = 0; k < 10; ++k) {
      sq.insert(sq.end(), 10, 100e3);
      sq.insert(sq.end(), 10, 20e3);
    }
    SmoothingParams sp{100e3, 0.8, 1e9, 1e9, 20.0};
    auto r = smooth_power(sq, 1.0, sp);
    QVERIFY(std::abs(r.extra_energy_wh - 10 * 10 * 60e3 / 3600.0) < 1e-6);
    QVERIFY(std::abs(r.extra_energy_pct - 50.0) < 1e-9);  // 6,000 kJ on 12,000 kJ
    QCOMPARE(r.deficit_wh, 0.0);
    // Hysteresis 4 s: the floor holds 4 of the 10 low seconds.
    sp.hysteresis_s = 4.0;
    r = smooth_power(sq, 1.0, sp);
    QVERIFY(std::abs(r.extra_energy_wh - 10 * 4 * 60e3 / 3600.0) < 1e-6);

    // No floor, ramp down 10 W/s and up 20 W/s, 30 s at 100 W, 30 s at 20 W, 30 s at 100 W:
    // down 90, 80, ..., 20 burns 70 + 60 + ... + 10 = 280 J; up 40, 60, 80, 100 lacks
    // 60 + 40 + 20 = 120 J.
    std::vector<double> w(30, 100.0);
    w.insert(w.end(), 30, 20.0);
    w.insert(w.end(), 30, 100.0);
    r = smooth_power(w, 1.0, SmoothingParams{100.0, 0.0, 20.0, 10.0, 0.0});
    QVERIFY(std::abs(r.burn_wh * 3600.0 - 280.0) < 1e-9);
    QVERIFY(std::abs(r.deficit_wh * 3600.0 - 120.0) < 1e-9);
    QVERIFY(std::abs(r.extra_energy_wh * 3600.0 - 160.0) < 1e-9);

    // Job stops after 10 s (mask): the 90 W floor holds 5 s, then ramps down at 20 W/s to 10 W:
    // 5 * 80 + 60 + 40 + 20 = 520 J.
    std::vector<double> stop(10, 100.0);
    stop.insert(stop.end(), 20, 10.0);
    std::vector<std::uint8_t> act(30, 0);
    std::fill(act.begin(), act.begin() + 10, 1);
    r = smooth_power(stop, 1.0, SmoothingParams{100.0, 0.9, 1e9, 20.0, 5.0}, act);
    QVERIFY(std::abs(r.burn_wh * 3600.0 - 520.0) < 1e-9);
    QCOMPARE(r.power_w[14], 90.0);
    QCOMPARE(r.power_w[15], 70.0);
  }

  void batteryHoldsRampAndConservesEnergy() {
    // A 1,000-rack job of 136 kW racks at 1 s for 6 h: 136 MW compute, 48 MW communication.
    TrainingProfile p;
    p.iteration_s = 10.0;
    p.compute_duty = 0.7;
    p.comm_util = 0.35;
    p.checkpoint_interval_s = 1800.0;
    p.checkpoint_duration_s = 60.0;
    p.start_s = 300.0;
    p.start_ramp_s = 60.0;
    p.stop_s = 5.0 * 3600.0;
    const std::size_t n = 6 * 3600;
    const auto u = evaluate(p, {0.0, 1.0, n});
    std::vector<double> demand(n);
    for (std::size_t i = 0; i < n; ++i) demand[i] = u.utilisation[i] * 136e3 * 1000.0;
    const auto before = grid_metrics(demand, 1.0);
    QVERIFY(before.max_ramp_mw_per_s > 80.0);

    BatteryParams b;
    b.capacity_wh = 20e6;
    b.max_charge_w = 150e6;
    b.max_discharge_w = 150e6;
    b.round_trip_eff = 0.88;
    b.grid_ramp_w_per_s = 1e6;
    const auto r = run_battery(demand, 1.0, b);
    QCOMPARE(r.steps_ramp_exceeded, std::size_t{0});
    QVERIFY(!r.first_ramp_exceeded_s);
    QVERIFY(r.max_grid_ramp_w_per_s <= 1e6 * (1 + 1e-9));
    const auto after = grid_metrics(r.grid_w, 1.0);
    QVERIFY(after.max_ramp_mw_per_s <= 1.0 + 1e-9);
    QVERIFY(after.window_dynamic_range_w < before.window_dynamic_range_w);
    QVERIFY(r.soc_min_seen >= b.soc_min && r.soc_max_seen <= b.soc_max);
    QVERIFY(r.cycles > 0.0);
    QVERIFY(std::abs(r.cycles - r.throughput_wh / (2 * b.capacity_wh)) < 1e-15);
    const double balance = r.energy_demand_wh + r.losses_wh + r.soc_change_wh;
    QVERIFY(std::abs(r.energy_grid_wh - balance) < 1e-9 * r.energy_grid_wh);
    QVERIFY(r.losses_wh > 0.0);

    // A battery far too small: the limits bind, the ramp breaks, energy still balances.
    b.capacity_wh = 20e3;
    b.max_charge_w = b.max_discharge_w = 20e6;
    const auto small = run_battery(demand, 1.0, b);
    QVERIFY(small.steps_ramp_exceeded > 0);
    QVERIFY(small.first_ramp_exceeded_s.has_value());
    QVERIFY(small.steps_energy_limited > 0 || small.steps_power_limited > 0);
    QVERIFY(small.soc_min_seen >= b.soc_min - 1e-12 && small.soc_max_seen <= b.soc_max + 1e-12);
    const double bal2 = small.energy_demand_wh + small.losses_wh + small.soc_change_wh;
    QVERIFY(std::abs(small.energy_grid_wh - bal2) < 1e-9 * small.energy_grid_wh);
    for (std::size_t i = 0; i < n; ++i)
      QVERIFY(std::abs(small.grid_w[i] + small.battery_w[i] - demand[i]) <= 1e-6);
  }

  // An import cap: a half-empty battery recharges only under it, and shaves a peak above it.
  void batteryImportCap() {
    const std::size_t n = 4 * 3600;
    std::vector<double> demand(n, 90e6);
    for (std::size_t i = 3600; i < 4200; ++i) demand[i] = 120e6;  // a 10 min peak
    BatteryParams b;
    b.capacity_wh = 40e6;
    b.max_charge_w = b.max_discharge_w = 50e6;
    b.soc_initial = 0.2;
    b.soc_target = 0.8;
    b.recovery_s = 600.0;  // leans hard towards its target: recharge would push the import up
    b.grid_ramp_w_per_s = 1e9;
    const auto free = run_battery(demand, 1.0, b);
    b.import_cap_w = 100e6;
    const auto capped = run_battery(demand, 1.0, b);
    const double peak_free = *std::max_element(free.grid_w.begin(), free.grid_w.end());
    const double peak = *std::max_element(capped.grid_w.begin(), capped.grid_w.end());
    QVERIFY2(peak_free > 110e6, qPrintable(QString::number(peak_free)));
    QVERIFY2(peak <= 100e6 * (1 + 1e-12), qPrintable(QString::number(peak)));
    // It still recharges (below the cap) and still balances.
    QVERIFY(capped.soc.back() > b.soc_initial);
    const double bal = capped.energy_demand_wh + capped.losses_wh + capped.soc_change_wh;
    QVERIFY(std::abs(capped.energy_grid_wh - bal) < 1e-9 * capped.energy_grid_wh);
    b.import_cap_w = -1.0;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)run_battery(demand, 1.0, b));
  }

  void gridMetricsBandEnergy() {
    const double A = 5e6, dc = 300e6;
    // 1 Hz, 60 s at 100 Hz sampling: all the swing in the 0.1 to 20 Hz band, A^2/2 * 60 s.
    auto m = grid_metrics(sine(A, 1.0, 0.01, 6000, dc), 0.01);
    QCOMPARE(m.band_hi_hz, 20.0);
    QVERIFY(std::abs(m.band_energy_w2s / (A * A / 2 * 60.0) - 1.0) < 1e-9);
    QVERIFY(std::abs(m.band_rms_w / (A / std::sqrt(2.0)) - 1.0) < 1e-9);
    QVERIFY(std::abs(m.dynamic_range_w - 2 * A) < 1e-6 * A);
    QVERIFY(std::abs(m.max_ramp_w_per_s / (2 * std::numbers::pi * A) - 1.0) < 1e-3);
    QVERIFY(std::abs(m.mean_w - dc) < 1e-6 * dc);
    // Not a whole number of samples of the FFT size (zero padding): still nearly all in band.
    m = grid_metrics(sine(A, 1.0, 0.01, 6007, dc), 0.01);
    QVERIFY(std::abs(m.band_energy_w2s / (A * A / 2 * 60.07) - 1.0) < 0.01);
    // 0.01 Hz, 6,000 s at 10 Hz sampling: below the band.
    m = grid_metrics(sine(A, 0.01, 0.1, 60000, dc), 0.1);
    QVERIFY(m.band_energy_w2s < 1e-9 * A * A / 2 * 6000.0);
    QVERIFY(std::abs(m.dynamic_range_w - 2 * A) < 1e-6 * A);
    // Rolling 1-minute range: longer than half the period, so the full 2 A; over 20 s, the
    // largest range is across a zero crossing, 2 A sin(pi f 20 s).
    QVERIFY(std::abs(m.window_dynamic_range_w - 2 * A) < 1e-6 * A);
    GridMetricsOptions w20;
    w20.window_s = 20.0;
    m = grid_metrics(sine(A, 0.01, 0.1, 60000, dc), 0.1, w20);
    QVERIFY(std::abs(m.window_dynamic_range_w - 2 * A * std::sin(std::numbers::pi * 0.01 * 20.0)) <
            1e-6 * A);
    // At 1 s steps the band stops at the Nyquist frequency, 0.5 Hz.
    m = grid_metrics(sine(A, 0.25, 1.0, 4000, dc), 1.0);
    QCOMPARE(m.band_hi_hz, 0.5);
    QVERIFY(std::abs(m.band_energy_w2s / (A * A / 2 * 4000.0) - 1.0) < 1e-9);
    // Square wave: the ramp is the step.
    std::vector<double> sq(100, 0.0);
    std::fill(sq.begin() + 50, sq.end(), 3e6);
    m = grid_metrics(sq, 0.5);
    QCOMPARE(m.max_ramp_mw_per_s, 6.0);
    QCOMPARE(m.energy_wh, 50 * 3e6 * 0.5 / 3600.0);
  }
};

QTEST_APPLESS_MAIN(TstProfiles)
#include "tst_profiles.moc"
