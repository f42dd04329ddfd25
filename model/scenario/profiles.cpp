#include "model/scenario/profiles.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <deque>
#include <limits>
#include <numbers>
#include <random>
#include <stdexcept>
#include <string>
#include <unsupported/Eigen/FFT>

namespace dctwin::model::scenario {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument(what);
}

bool finite_nonneg(double v) { return std::isfinite(v) && v >= 0.0; }

void check_grid(const TimeGrid& g) {
  require(std::isfinite(g.step_s) && g.step_s > 0.0, "time grid: step_s must be > 0");
  require(finite_nonneg(g.start_s), "time grid: start_s must be >= 0");
}

void check_training(const TrainingProfile& p) {
  require(std::isfinite(p.iteration_s) && p.iteration_s > 0.0,
          "training profile: iteration_s must be > 0");
  require(p.compute_duty >= 0.0 && p.compute_duty <= 1.0,
          "training profile: compute_duty must be in [0, 1]");
  for (double u : {p.compute_util, p.comm_util, p.checkpoint_util, p.idle_util})
    require(finite_nonneg(u), "training profile: utilisation levels must be finite and >= 0");
  require(finite_nonneg(p.checkpoint_interval_s) && finite_nonneg(p.checkpoint_duration_s),
          "training profile: checkpoint interval and duration must be >= 0");
  require(p.checkpoint_interval_s == 0.0 || p.checkpoint_duration_s < p.checkpoint_interval_s,
          "training profile: checkpoint_duration_s must be shorter than checkpoint_interval_s");
  require(finite_nonneg(p.start_s), "training profile: start_s must be >= 0");
  require(!p.stop_s || (std::isfinite(*p.stop_s) && *p.stop_s > p.start_s),
          "training profile: stop_s must be after start_s");
  require(finite_nonneg(p.start_ramp_s) && finite_nonneg(p.stop_ramp_s),
          "training profile: ramps must be >= 0");
  require(finite_nonneg(p.mtbf_s) && finite_nonneg(p.restart_s),
          "training profile: mtbf_s and restart_s must be >= 0");
  require(p.mtbf_s == 0.0 || p.mtbf_s + p.restart_s >= 1.0,
          "training profile: mtbf_s + restart_s must be at least 1 s");
}

/// Integral of the iteration pattern over phase [0, tau].
double pattern_integral(const TrainingProfile& p, double tau) {
  if (tau <= 0.0) return 0.0;
  const double P = p.iteration_s;
  const double n = std::floor(tau / P);
  double r = tau - n * P;
  r = std::clamp(r, 0.0, P);
  const double on = p.compute_duty * P;
  const double per_iter = on * p.compute_util + (P - on) * p.comm_util;
  return n * per_iter + std::min(r, on) * p.compute_util + std::max(0.0, r - on) * p.comm_util;
}

double segment_integral(const TrainingProfile& p, const TrainingSegment& s, double x, double y) {
  x = std::max(x, s.t0);
  y = std::min(y, s.t1);
  if (y <= x) return 0.0;
  switch (s.kind) {
    case TrainingSegment::Kind::Constant:
      return s.level * (y - x);
    case TrainingSegment::Kind::Linear:
      return (2.0 * s.level + s.slope * ((x - s.t0) + (y - s.t0))) * 0.5 * (y - x);
    case TrainingSegment::Kind::Iterating:
      return pattern_integral(p, y - s.t0) - pattern_integral(p, x - s.t0);
  }
  return 0.0;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

std::vector<TrainingSegment> training_timeline(const TrainingProfile& p, double end_s) {
  check_training(p);
  require(std::isfinite(end_s) && end_s >= 0.0, "training timeline: end_s must be finite");
  using K = TrainingSegment::Kind;
  using Ph = TrainingSegment::Phase;
  std::vector<TrainingSegment> out;
  auto push = [&](double a, double b, K k, Ph ph, double level, double slope) {
    b = std::min(b, end_s);
    if (b > a) out.push_back({a, b, k, ph, level, slope});
  };
  const double stop = p.stop_s.value_or(kInf);
  std::mt19937_64 rng(p.seed);
  auto draw = [&] {
    if (p.mtbf_s <= 0.0) return kInf;
    const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;  // [0, 1)
    return -p.mtbf_s * std::log1p(-u);
  };

  push(0.0, p.start_s, K::Constant, Ph::Idle, p.idle_util, 0.0);
  double t = p.start_s;
  double fail = t + draw();
  while (t < end_s) {
    const double run_end = std::min(stop, fail);
    if (p.start_ramp_s > 0.0) {
      push(t, std::min(t + p.start_ramp_s, run_end), K::Linear, Ph::StartRamp, p.idle_util,
           (p.compute_util - p.idle_util) / p.start_ramp_s);
      t += p.start_ramp_s;
    }
    while (t < run_end && t < end_s) {
      const double ckpt = p.checkpoint_interval_s > 0.0
                              ? t + p.checkpoint_interval_s - p.checkpoint_duration_s
                              : kInf;
      push(t, std::min(ckpt, run_end), K::Iterating, Ph::Running, 0.0, 0.0);
      t = ckpt;
      if (t >= run_end || t >= end_s) break;
      push(t, std::min(t + p.checkpoint_duration_s, run_end), K::Constant, Ph::Checkpoint,
           p.checkpoint_util, 0.0);
      t += p.checkpoint_duration_s;
    }
    if (run_end >= end_s) break;
    if (stop <= fail) {
      double s = stop;
      if (p.stop_ramp_s > 0.0) {
        push(s, s + p.stop_ramp_s, K::Linear, Ph::StopRamp, p.compute_util,
             -(p.compute_util - p.idle_util) / p.stop_ramp_s);
        s += p.stop_ramp_s;
      }
      push(s, end_s, K::Constant, Ph::Stopped, p.idle_util, 0.0);
      break;
    }
    // Failure: idle while the job restarts, then the start ramp again.
    const double back = fail + p.restart_s;
    if (back >= stop) {
      push(fail, stop, K::Constant, Ph::Restart, p.idle_util, 0.0);
      push(stop, end_s, K::Constant, Ph::Stopped, p.idle_util, 0.0);
      break;
    }
    push(fail, back, K::Constant, Ph::Restart, p.idle_util, 0.0);
    t = back;
    fail = t + draw();
  }
  return out;
}

double integrate(const TrainingProfile& p, std::span<const TrainingSegment> timeline, double a,
                 double b) {
  if (b <= a) return 0.0;
  auto it = std::upper_bound(timeline.begin(), timeline.end(), a,
                             [](double v, const TrainingSegment& s) { return v < s.t1; });
  double sum = 0.0;
  for (; it != timeline.end() && it->t0 < b; ++it) sum += segment_integral(p, *it, a, b);
  return sum;
}

ProfileSeries evaluate(const LoadProfile& profile, const TimeGrid& grid) {
  check_grid(grid);
  ProfileSeries out;
  const std::size_t n = grid.steps;
  out.utilisation.assign(n, 0.0);
  out.active.assign(n, 1);
  const double dt = grid.step_s;
  if (const auto* c = std::get_if<ConstantProfile>(&profile)) {
    require(finite_nonneg(c->utilisation), "constant profile: utilisation must be >= 0");
    std::fill(out.utilisation.begin(), out.utilisation.end(), c->utilisation);
  } else if (const auto* d = std::get_if<DiurnalProfile>(&profile)) {
    require(std::isfinite(d->mean) && std::isfinite(d->amplitude) && d->amplitude >= 0.0 &&
                d->mean - d->amplitude >= 0.0,
            "diurnal profile: need amplitude >= 0 and mean - amplitude >= 0");
    require(std::isfinite(d->peak_hour), "diurnal profile: peak_hour must be finite");
    const double w = 2.0 * std::numbers::pi / 86400.0;
    const double tp = d->peak_hour * 3600.0;
    for (std::size_t i = 0; i < n; ++i) {
      const double a = grid.start_s + static_cast<double>(i) * dt;
      const double b = a + dt;
      out.utilisation[i] =
          d->mean + d->amplitude * (std::sin(w * (b - tp)) - std::sin(w * (a - tp))) / (w * dt);
    }
  } else {
    const auto& p = std::get<TrainingProfile>(profile);
    const auto tl = training_timeline(p, grid.end_s());
    std::size_t j = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double a = grid.start_s + static_cast<double>(i) * dt;
      const double b = grid.start_s + static_cast<double>(i + 1) * dt;
      while (j < tl.size() && tl[j].t1 <= a) ++j;
      double sum = 0.0;
      bool active = false;
      for (std::size_t k = j; k < tl.size() && tl[k].t0 < b; ++k) {
        sum += segment_integral(p, tl[k], a, b);
        active = active || tl[k].active();
      }
      out.utilisation[i] = sum / (b - a);
      out.active[i] = active ? 1 : 0;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

SmoothingParams smoothing_params(const RackSpec& rack, double reference_w, double hysteresis_s) {
  SmoothingParams s;
  s.reference_w = reference_w;
  s.floor_frac = rack.smoothing_floor_frac;
  s.ramp_up_w_per_s = rack.ramp_up_w_per_s;
  s.ramp_down_w_per_s = rack.ramp_down_w_per_s;
  s.hysteresis_s = hysteresis_s;
  return s;
}

SmoothingResult smooth_power(std::span<const double> demand_w, double step_s,
                             const SmoothingParams& prm, std::span<const std::uint8_t> active) {
  require(std::isfinite(step_s) && step_s > 0.0, "smoothing: step_s must be > 0");
  require(finite_nonneg(prm.reference_w), "smoothing: reference_w must be >= 0");
  require(prm.floor_frac >= 0.0 && prm.floor_frac <= 1.0,
          "smoothing: floor_frac must be in [0, 1]");
  require(prm.ramp_up_w_per_s > 0.0 && prm.ramp_down_w_per_s > 0.0,
          "smoothing: ramp limits must be > 0");
  require(finite_nonneg(prm.hysteresis_s), "smoothing: hysteresis_s must be >= 0");
  require(active.empty() || active.size() == demand_w.size(),
          "smoothing: the active mask must have one entry per step");
  const std::size_t n = demand_w.size();
  SmoothingResult r;
  r.power_w.resize(n);
  const double floor_w = prm.floor_frac * prm.reference_w;
  const double up = prm.ramp_up_w_per_s * step_s;
  const double down = prm.ramp_down_w_per_s * step_s;
  double since_active = kInf;  // time since the end of the last active step
  double prev = 0.0;
  double burn = 0.0, deficit = 0.0, e_in = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = demand_w[i];
    const bool act = active.empty() ? d >= floor_w : active[i] != 0;
    if (act)
      since_active = 0.0;
    else
      since_active += step_s;
    // Inactive steps keep the floor while the time since the last active step is within the
    // hysteresis: a step that ends hysteresis_s after the job stopped still holds it.
    const bool hold = act || since_active <= prm.hysteresis_s;
    const double target = hold ? std::max(d, floor_w) : d;
    const double p = i == 0 ? target : std::clamp(target, prev - down, prev + up);
    r.power_w[i] = p;
    if (hold && p <= floor_w && floor_w > d) ++r.steps_on_floor;
    if (p > d)
      burn += p - d;
    else
      deficit += d - p;
    e_in += d;
    prev = p;
  }
  const double to_wh = step_s / 3600.0;
  r.energy_demand_wh = e_in * to_wh;
  r.burn_wh = burn * to_wh;
  r.deficit_wh = deficit * to_wh;
  r.extra_energy_wh = r.burn_wh - r.deficit_wh;
  r.energy_wh = r.energy_demand_wh + r.extra_energy_wh;
  r.extra_energy_pct =
      r.energy_demand_wh > 0.0 ? 100.0 * r.extra_energy_wh / r.energy_demand_wh : 0.0;
  return r;
}

// ---------------------------------------------------------------------------------------------

BatteryResult run_battery(std::span<const double> demand_w, double step_s, const BatteryParams& b) {
  require(std::isfinite(step_s) && step_s > 0.0, "battery: step_s must be > 0");
  require(std::isfinite(b.capacity_wh) && b.capacity_wh > 0.0, "battery: capacity_wh must be > 0");
  require(finite_nonneg(b.max_charge_w) && finite_nonneg(b.max_discharge_w),
          "battery: power limits must be >= 0");
  require(b.round_trip_eff > 0.0 && b.round_trip_eff <= 1.0,
          "battery: round_trip_eff must be in (0, 1]");
  require(0.0 <= b.soc_min && b.soc_min <= b.soc_max && b.soc_max <= 1.0,
          "battery: need 0 <= soc_min <= soc_max <= 1");
  require(b.soc_initial >= b.soc_min && b.soc_initial <= b.soc_max,
          "battery: soc_initial must be within [soc_min, soc_max]");
  require(b.soc_target >= b.soc_min && b.soc_target <= b.soc_max,
          "battery: soc_target must be within [soc_min, soc_max]");
  require(finite_nonneg(b.recovery_s), "battery: recovery_s must be >= 0");
  require(b.grid_ramp_w_per_s > 0.0, "battery: grid_ramp_w_per_s must be > 0");
  require(finite_nonneg(b.import_cap_w), "battery: import_cap_w must be >= 0 (0: no cap)");

  const std::size_t n = demand_w.size();
  BatteryResult r;
  r.grid_w.resize(n);
  r.battery_w.resize(n);
  r.soc.resize(n);
  r.binds.assign(n, 0);
  const double eta = std::sqrt(b.round_trip_eff);
  const double cap_j = b.capacity_wh * 3600.0;
  const double e_min = b.soc_min * cap_j, e_max = b.soc_max * cap_j;
  double e = b.soc_initial * cap_j;  // stored energy, J
  const double e0 = e;
  const double ramp = b.grid_ramp_w_per_s * step_s;
  // The ramp test allows rounding of the clamp itself.
  const double ramp_tol = ramp * (1.0 + 1e-9) + 1e-9;
  double prev = n ? demand_w[0] : 0.0;
  double e_dem = 0.0, e_grid = 0.0, losses = 0.0, through = 0.0;
  r.soc_min_seen = r.soc_max_seen = b.soc_initial;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = demand_w[i];
    const double lean = b.recovery_s > 0.0 ? (b.soc_target * cap_j - e) / b.recovery_s : 0.0;  // W
    double g_want = std::clamp(d + lean, prev - ramp, prev + ramp);
    // The import cap comes before the ramp: recharge waits, and the battery shaves the peak.
    if (b.import_cap_w > 0.0) g_want = std::min(g_want, b.import_cap_w);
    double bat = d - g_want;
    std::uint8_t bind = 0;
    if (bat > b.max_discharge_w) {
      bat = b.max_discharge_w;
      bind |= kBindPower;
    } else if (bat < -b.max_charge_w) {
      bat = -b.max_charge_w;
      bind |= kBindPower;
    }
    if (bat > 0.0) {
      const double can = std::max(0.0, e - e_min) * eta / step_s;
      if (bat >= can) {
        bat = can;
        bind |= kBindEnergy;
      }
    } else if (bat < 0.0) {
      const double can = std::max(0.0, e_max - e) / (eta * step_s);
      if (-bat >= can) {
        bat = -can;
        bind |= kBindEnergy;
      }
    }
    const double g = d - bat;
    if (bat > 0.0) {
      e -= bat * step_s / eta;
      losses += bat * step_s * (1.0 / eta - 1.0);
    } else {
      e += -bat * step_s * eta;
      losses += -bat * step_s * (1.0 - eta);
    }
    e = std::clamp(e, e_min, e_max);  // rounding only
    if (i > 0) {
      const double step_ramp = std::abs(g - prev);
      r.max_grid_ramp_w_per_s = std::max(r.max_grid_ramp_w_per_s, step_ramp / step_s);
      if (step_ramp > ramp_tol) {
        bind |= kBindRamp;
        ++r.steps_ramp_exceeded;
        if (!r.first_ramp_exceeded_s) r.first_ramp_exceeded_s = static_cast<double>(i) * step_s;
      }
    }
    if (bind & kBindPower) ++r.steps_power_limited;
    if (bind & kBindEnergy) ++r.steps_energy_limited;
    r.binds[i] = bind;
    r.grid_w[i] = g;
    r.battery_w[i] = bat;
    r.soc[i] = e / cap_j;
    r.soc_min_seen = std::min(r.soc_min_seen, r.soc[i]);
    r.soc_max_seen = std::max(r.soc_max_seen, r.soc[i]);
    e_dem += d * step_s;
    e_grid += g * step_s;
    through += std::abs(bat) * step_s;
    prev = g;
  }
  r.energy_demand_wh = e_dem / 3600.0;
  r.energy_grid_wh = e_grid / 3600.0;
  r.losses_wh = losses / 3600.0;
  r.soc_change_wh = (e - e0) / 3600.0;
  r.throughput_wh = through / 3600.0;
  r.cycles = r.throughput_wh / (2.0 * b.capacity_wh);
  return r;
}

// ---------------------------------------------------------------------------------------------

namespace {

std::size_t next_smooth_size(std::size_t n) {
  for (std::size_t m = std::max<std::size_t>(n, 1);; ++m) {
    std::size_t k = m;
    for (std::size_t f : {2u, 3u, 5u})
      while (k % f == 0) k /= f;
    if (k == 1) return m;
  }
}

}  // namespace

GridMetrics grid_metrics(std::span<const double> power_w, double step_s,
                         const GridMetricsOptions& o) {
  require(std::isfinite(step_s) && step_s > 0.0, "grid metrics: step_s must be > 0");
  require(o.window_s >= 0.0 && o.band_lo_hz >= 0.0 && o.band_hi_hz >= o.band_lo_hz,
          "grid metrics: need window_s >= 0 and 0 <= band_lo_hz <= band_hi_hz");
  GridMetrics m;
  const std::size_t n = power_w.size();
  const double nyquist = 0.5 / step_s;
  m.band_lo_hz = o.band_lo_hz;
  m.band_hi_hz = std::min(o.band_hi_hz, nyquist);
  if (n == 0) return m;

  double sum = 0.0;
  m.min_w = m.max_w = power_w[0];
  for (std::size_t i = 0; i < n; ++i) {
    const double p = power_w[i];
    sum += p;
    m.min_w = std::min(m.min_w, p);
    m.max_w = std::max(m.max_w, p);
    if (i > 0) m.max_ramp_w_per_s = std::max(m.max_ramp_w_per_s, std::abs(p - power_w[i - 1]));
  }
  m.max_ramp_w_per_s /= step_s;
  m.max_ramp_mw_per_s = m.max_ramp_w_per_s * 1e-6;
  m.mean_w = sum / static_cast<double>(n);
  m.energy_wh = sum * step_s / 3600.0;
  m.dynamic_range_w = m.max_w - m.min_w;

  // Rolling window: samples no more than window_s apart, monotonic deques of indices.
  const auto span_steps = static_cast<std::size_t>(std::floor(o.window_s / step_s + 1e-9));
  std::deque<std::size_t> hi, lo;
  for (std::size_t i = 0; i < n; ++i) {
    while (!hi.empty() && power_w[hi.back()] <= power_w[i]) hi.pop_back();
    while (!lo.empty() && power_w[lo.back()] >= power_w[i]) lo.pop_back();
    hi.push_back(i);
    lo.push_back(i);
    while (hi.front() + span_steps < i) hi.pop_front();
    while (lo.front() + span_steps < i) lo.pop_front();
    m.window_dynamic_range_w =
        std::max(m.window_dynamic_range_w, power_w[hi.front()] - power_w[lo.front()]);
  }

  // Band energy from the spectrum of the series less its mean, zero-padded to a 2-3-5 size.
  if (m.band_hi_hz > m.band_lo_hz && n > 1) {
    const std::size_t M = next_smooth_size(n);
    std::vector<double> x(M, 0.0);
    for (std::size_t i = 0; i < n; ++i) x[i] = power_w[i] - m.mean_w;
    Eigen::FFT<double> fft;
    fft.SetFlag(Eigen::FFT<double>::HalfSpectrum);
    std::vector<std::complex<double>> X;
    fft.fwd(X, x);
    const double df = 1.0 / (static_cast<double>(M) * step_s);
    const double tol = 1e-9 * df;
    double acc = 0.0;
    for (std::size_t k = 0; k <= M / 2 && k < X.size(); ++k) {
      const double f = static_cast<double>(k) * df;
      if (f < m.band_lo_hz - tol || f > m.band_hi_hz + tol) continue;
      const bool single = k == 0 || (M % 2 == 0 && k == M / 2);
      acc += (single ? 1.0 : 2.0) * std::norm(X[k]);
    }
    m.band_energy_w2s = acc * step_s / static_cast<double>(M);
    m.band_rms_w = std::sqrt(m.band_energy_w2s / (static_cast<double>(n) * step_s));
  }
  return m;
}

}  // namespace dctwin::model::scenario
