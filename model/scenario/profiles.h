// Load profiles over a horizon (constant, diurnal inference, synchronous training), GB300-style
// power smoothing per rack, site battery storage that holds the grid-side ramp, and the grid
// metrics of a power series (maximum ramp, dynamic range, energy in a frequency band).
// Pure model code: no files, no Qt.
//
// Time: every time is in seconds from t = 0, which is local midnight of the first day. A horizon
// is a TimeGrid: steps of step_s seconds starting at start_s; step i covers
// [start_s + i*step_s, start_s + (i+1)*step_s). Every profile value is the exact average of the
// profile over its step (closed-form integrals of the piecewise-constant and piecewise-linear
// training shape, and of the cosine of the diurnal profile), so an hourly step sees the mean and a
// 1 s step sees the swing, and the average of 3,600 one-second values equals the hourly value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <variant>
#include <vector>

#include "model/site/catalog.h"

namespace dctwin::model::scenario {

/// A fixed-step horizon (step 1 s to 1 h in scenarios; any positive step is accepted).
struct TimeGrid {
  double start_s = 0.0;  ///< >= 0, seconds from midnight of the first day
  double step_s = 1.0;
  std::size_t steps = 0;

  [[nodiscard]] double end_s() const { return start_s + step_s * static_cast<double>(steps); }
};

/// Constant utilisation (fraction of rack design power).
struct ConstantProfile {
  double utilisation = 1.0;
};

/// Inference-like diurnal load: u(t) = mean + amplitude * cos(2 pi (t/3600 - peak_hour) / 24).
/// mean - amplitude must be >= 0.
struct DiurnalProfile {
  double mean = 0.7;
  double amplitude = 0.2;
  double peak_hour = 15.0;  ///< local hour of the maximum, 0..24
};

/// Synchronous training of one job: every rack of the job draws the same utilisation at the same
/// time (fractions of rack design power). The job's timeline:
///  - before start_s: idle_util;
///  - start ramp: linear from idle_util to compute_util over start_ramp_s;
///  - running: iterations of iteration_s, the first compute_duty of each at compute_util, the
///    rest at comm_util (communication); iterations restart at the beginning of every running
///    stretch (after the ramp and after every checkpoint);
///  - checkpoints: every checkpoint_interval_s (start to start, counted from the end of the start
///    ramp) the job writes a checkpoint for checkpoint_duration_s at checkpoint_util, so the share
///    of running time spent checkpointing is checkpoint_duration_s / checkpoint_interval_s;
///  - failures: with mtbf_s > 0, the time from each (re)start to the next failure is drawn from
///    an exponential distribution of mean mtbf_s (seeded, deterministic); at a failure the job
///    drops to idle_util for restart_s, then starts again with the start ramp;
///  - stop at stop_s (if set): linear from compute_util to idle_util over stop_ramp_s, then idle.
struct TrainingProfile {
  double iteration_s = 10.0;
  double compute_duty = 0.75;  ///< fraction of each iteration at compute_util, 0..1
  double compute_util = 1.0;
  double comm_util = 0.35;
  double checkpoint_interval_s = 0.0;  ///< 0: no checkpoints
  double checkpoint_duration_s = 0.0;
  double checkpoint_util = 0.3;
  double idle_util = 0.25;  ///< before start, during restarts, after stop
  double start_s = 0.0;
  std::optional<double> stop_s;  ///< none: the job runs past the horizon
  double start_ramp_s = 0.0;
  double stop_ramp_s = 0.0;
  double mtbf_s = 0.0;  ///< 0: no failures
  double restart_s = 600.0;
  std::uint64_t seed = 1;
};

using LoadProfile = std::variant<ConstantProfile, DiurnalProfile, TrainingProfile>;

/// One piece of a training timeline: u(t) = level + slope * (t - t0) for Constant and Linear;
/// the iteration pattern with its phase origin at t0 for Iterating.
struct TrainingSegment {
  enum class Kind { Constant, Linear, Iterating };
  enum class Phase { Idle, StartRamp, Running, Checkpoint, Restart, StopRamp, Stopped };
  double t0 = 0.0;
  double t1 = 0.0;
  Kind kind = Kind::Constant;
  Phase phase = Phase::Idle;
  double level = 0.0;
  double slope = 0.0;  ///< 1/s, Linear only
  [[nodiscard]] bool active() const {
    return phase == Phase::StartRamp || phase == Phase::Running || phase == Phase::Checkpoint;
  }
};

/// The training job's timeline over [0, end_s): contiguous segments, clipped at end_s.
/// Throws std::invalid_argument for bad parameters.
[[nodiscard]] std::vector<TrainingSegment> training_timeline(const TrainingProfile& p,
                                                             double end_s);

/// Exact integral of the training timeline (built from p) over [a, b] (utilisation-seconds).
[[nodiscard]] double integrate(const TrainingProfile& p, std::span<const TrainingSegment> timeline,
                               double a, double b);

struct ProfileSeries {
  std::vector<double> utilisation;  ///< step averages
  /// 1 where the job runs during any part of the step (start ramp, iterations, checkpoints):
  /// the smoothing floor holds there. Constant and diurnal profiles are active everywhere.
  std::vector<std::uint8_t> active;
};

/// The profile as step averages over the grid. Throws std::invalid_argument for bad parameters.
[[nodiscard]] ProfileSeries evaluate(const LoadProfile& profile, const TimeGrid& grid);

// ---------------------------------------------------------------------------------------------
// Power smoothing (GB300 style), per rack.

/// floor_w = floor_frac * reference_w. Ramp limits must be > 0 (infinity: unlimited).
struct SmoothingParams {
  double reference_w = 0.0;  ///< the peak the floor refers to (the job's peak rack power)
  double floor_frac = 0.0;   ///< 0..1
  double ramp_up_w_per_s = 1e300;
  double ramp_down_w_per_s = 1e300;
  double hysteresis_s = 0.0;  ///< the floor is held this long after the job stops running
};

/// From a catalog rack type: floor and ramp limits from the catalog, the floor referred to
/// reference_w (for a training job, its compute power per rack).
[[nodiscard]] SmoothingParams smoothing_params(const RackSpec& rack, double reference_w,
                                               double hysteresis_s);

struct SmoothingResult {
  std::vector<double> power_w;    ///< smoothed power per rack, one value per step
  double energy_demand_wh = 0.0;  ///< unsmoothed
  double energy_wh = 0.0;         ///< smoothed
  double extra_energy_wh = 0.0;   ///< energy_wh - energy_demand_wh (burn minus ramp-up deficit)
  double extra_energy_pct = 0.0;  ///< 100 * extra / energy_demand_wh
  double burn_wh = 0.0;           ///< energy above the demand (floor and slow ramp-down)
  double deficit_wh = 0.0;        ///< energy below the demand (ramp-up limit), >= 0
  std::size_t steps_on_floor = 0;
};

/// Smooths a per-rack power series (W, step step_s). Step by step:
///   active_i = active[i] if given, else demand[i] >= floor_w;
///   the floor holds while active and for hysteresis_s after the last active step;
///   target_i = max(demand_i, floor_w) while the floor holds, else demand_i;
///   p_i = clamp(target_i, p_{i-1} - ramp_down*step_s, p_{i-1} + ramp_up*step_s), p_0 = target_0.
/// So the output never changes faster than the ramp limits, and never drops below the floor while
/// the job runs once it has reached the floor (only the ramp-up limit can hold it below).
[[nodiscard]] SmoothingResult smooth_power(std::span<const double> demand_w, double step_s,
                                           const SmoothingParams& params,
                                           std::span<const std::uint8_t> active = {});

// ---------------------------------------------------------------------------------------------
// Site battery that holds the grid-side ramp.

struct BatteryParams {
  double capacity_wh = 0.0;
  double max_charge_w = 0.0;
  double max_discharge_w = 0.0;
  double round_trip_eff = 0.9;  ///< split evenly: charge and discharge efficiency sqrt(eff) each
  double soc_min = 0.1;
  double soc_max = 0.9;
  double soc_initial = 0.5;
  double soc_target = 0.5;    ///< the grid leans the battery back here (within the ramp limit)
  double recovery_s = 900.0;  ///< time constant of that lean (0: none)
  double grid_ramp_w_per_s = 1e300;
  /// The most the site may import (W): the battery recharges only below it and discharges to
  /// hold the import at it (while it has energy and power). 0: no cap.
  double import_cap_w = 0.0;
};

/// Bits of BatteryResult::binds.
enum BatteryBind : std::uint8_t {
  kBindPower = 1,   ///< the battery's charge or discharge power limit bound
  kBindEnergy = 2,  ///< the state of charge hit soc_min or soc_max
  kBindRamp = 4,    ///< the grid ramp exceeded the limit (the battery could not hold it)
};

struct BatteryResult {
  std::vector<double> grid_w;       ///< import at the point of interconnection
  std::vector<double> battery_w;    ///< at the terminals; > 0 discharging, < 0 charging
  std::vector<double> soc;          ///< state of charge at the end of each step, 0..1
  std::vector<std::uint8_t> binds;  ///< BatteryBind bits per step
  double energy_demand_wh = 0.0;
  double energy_grid_wh = 0.0;
  double losses_wh = 0.0;      ///< charge and discharge losses
  double soc_change_wh = 0.0;  ///< stored energy at the end minus at the start
  double throughput_wh = 0.0;  ///< sum of |battery power| * dt at the terminals
  double cycles = 0.0;         ///< throughput / (2 * capacity)
  double soc_min_seen = 0.0;
  double soc_max_seen = 0.0;
  double max_grid_ramp_w_per_s = 0.0;
  std::size_t steps_power_limited = 0;
  std::size_t steps_energy_limited = 0;
  std::size_t steps_ramp_exceeded = 0;
  std::optional<double> first_ramp_exceeded_s;  ///< time from the series start
};

/// Runs the battery against a site demand series (W). Step by step, with stored energy E:
///   grid target = demand + (soc_target - soc) * capacity / recovery_s (0 without recovery);
///   grid = clamp(target, grid_prev -/+ ramp*step) (grid_prev before the first step = demand_0);
///   battery = demand - grid, then clamped to the power limits and to what E can give or take
///   within [soc_min, soc_max]; if clamped, grid = demand - battery (and the ramp may be broken).
/// Energy: discharging P for dt takes P dt / eta from E, charging takes in |P| dt * eta, with
/// eta = sqrt(round_trip_eff); so grid energy = demand energy + losses + stored energy change.
[[nodiscard]] BatteryResult run_battery(std::span<const double> demand_w, double step_s,
                                        const BatteryParams& params);

// ---------------------------------------------------------------------------------------------
// Grid metrics.

struct GridMetricsOptions {
  double window_s = 60.0;  ///< rolling window of the windowed dynamic range
  double band_lo_hz = 0.1;
  double band_hi_hz = 20.0;  ///< cut at the Nyquist frequency 1 / (2 step)
};

struct GridMetrics {
  double mean_w = 0.0;
  double energy_wh = 0.0;
  double min_w = 0.0;
  double max_w = 0.0;
  double max_ramp_w_per_s = 0.0;  ///< max |p_i - p_{i-1}| / step
  double max_ramp_mw_per_s = 0.0;
  double dynamic_range_w = 0.0;         ///< max - min over the horizon
  double window_dynamic_range_w = 0.0;  ///< largest max - min within any window of window_s
  double band_lo_hz = 0.0;              ///< the band actually used
  double band_hi_hz = 0.0;              ///< min(band_hi_hz, Nyquist); band empty if lo >= hi
  /// Swing energy in the band, W^2 s: with X_k = sum_n (p_n - mean) e^{-2 pi i k n / M} (the
  /// series zero-padded to M >= N samples, M a product of 2, 3 and 5 for the FFT),
  /// band energy = (step / M) * sum over bins k with f_k = k / (M step) in [lo, hi] of |X_k|^2,
  /// counting both the positive and the negative frequency bin. By Parseval
  /// (step / M) * sum_k |X_k|^2 = sum_n (p_n - mean)^2 step, so a pure sine of amplitude A in the
  /// band, over a whole number of periods, holds A^2 / 2 * duration.
  double band_energy_w2s = 0.0;
  double band_rms_w = 0.0;  ///< sqrt(band energy / duration): the swing's RMS in the band
};

[[nodiscard]] GridMetrics grid_metrics(std::span<const double> power_w, double step_s,
                                       const GridMetricsOptions& options = {});

}  // namespace dctwin::model::scenario
