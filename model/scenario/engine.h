// Scenario engine: steps a site through a horizon (load profile, weather, GB300-style smoothing,
// site battery) and reports what it draws from the grid, loses, spends on cooling and water.
// Pure model code: no files, no Qt.
//
// Reuse between steps. A full site power flow costs ~9 ms and a plant solve ~2.3 ms on the
// gigawatt template, far too slow for 86,400 steps. So the engine tabulates the engines' own
// answers and interpolates between them:
//  - ElectricalResponse: solve_site_power at site load fractions every `elec_step` (0.025) over the
//    range the horizon visits, plus the site load fractions at which the converters' catalog
//    efficiency curves break (curve x over the converter's loading at full load); IT power,
//    losses, grid import and standby output are interpolated by monotone cubic Hermite (PCHIP,
//    Fritsch-Carlson) between those solves. The losses are a + b P + c P^2 per converter and
//    transformer with piecewise-linear efficiency curves, smooth between the breaks, so the
//    interpolation error is small (tested: < 0.1 % of the losses at random load fractions).
//  - PlantResponse: solve_plant on a lattice of (site load fraction, dry-bulb, wet-bulb) nodes,
//    every `plant_frac_step` (0.05) and `plant_temp_step_k` (1 K), built lazily (only the nodes
//    around the conditions the horizon visits are solved, in parallel), with the rack heat of
//    each node from the electrical solve at that load fraction; cooling power, water and the
//    share of loops off their setpoint are interpolated trilinearly, the tower and dry cooler
//    fans by the cube root of their power (their speed: the power goes with its cube). The
//    plant switches (a waterside economizer turning on, a loop losing its setpoint, fans
//    reaching their minimum speed, adiabatic pads wetting) and its power is not smooth across
//    a switch: interpolating over one was off by up to 24 % of the cooling power. Each node
//    records its regime, and a step whose cell's corners differ in regime is solved directly
//    (tested: within 1 % of direct solves at 90 % of random conditions and 5 % at all of them,
//    where the fans' speed climbs steeply as they run out; a day's energy within 0.1 %).
// Known simplifications (documented in the README): every rack follows the site profile unless its
// hall has an override (Scenario hall profiles; with overrides the electrical table is split into
// per-hall, per-building and campus losses, each read at its own load); with smoothing, the racks
// of one type in one profile group are smoothed as one aggregate (design power and ramp limits
// times the rack count); the plant table is read at the site's load fraction (site IT over site
// design IT); the weather of a step is the hour that contains
// the step's start; the plant sees one pressure (the series' mean).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "model/common/progress.h"
#include "model/facility/compiled_site.h"
#include "model/scenario/profiles.h"
#include "model/scenario/weather.h"
#include "model/site/catalog.h"
#include "model/site/site.h"
#include "model/thermal/plant.h"

namespace dctwin::model::scenario {

/// A constant outdoor condition for the whole horizon.
struct ConstantWeather {
  double dry_bulb_c = 35.0;
  double wet_bulb_c = 24.0;
  double pressure_pa = 101325.0;
};

/// Hourly series (hour i covers [i, i+1) h; the horizon wraps around the series) or constant.
using WeatherSource = std::variant<ConstantWeather, WeatherSeries>;

/// Resolution of the response tables (see the header comment).
/// Size limits of a scenario, checked before anything is allocated (simulate() refuses beyond
/// them with the size, the limit and the fix). The series hold 8 bytes per step each: 2.5e8
/// values are 2 GB, an annual run of the gigawatt template at 10 s steps. The table limits
/// bound the electrical solves (seconds each on a gigawatt site) and the plant nodes.
inline constexpr double kMaxSeriesValues = 2.5e8;
inline constexpr double kMaxElectricalSolves = 2000;   ///< the default 0.025 step needs about 80
inline constexpr double kMaxPlantNodesPerAxis = 1000;  ///< load fraction or temperature nodes

struct ResponseTableOptions {
  double elec_step = 0.025;        ///< site load fraction between electrical solves
  double plant_frac_step = 0.05;   ///< site load fraction between plant nodes
  double plant_temp_step_k = 1.0;  ///< dry-bulb and wet-bulb between plant nodes
  unsigned threads = 0;            ///< plant node solves in parallel (0: hardware concurrency)
  /// Solve steps whose plant cell spans a regime change directly (see PlantResponse). Off only
  /// to measure what that costs and corrects (bench_engine).
  bool direct_at_regime_changes = true;
};

/// Events during a scenario (see simulate()). Their response comes from the engines: utility
/// loss and component outage from solve_site_power (SiteSolveOptions.failed and the generators'
/// normally-open connections closed), chiller trip from solve_plant on the site without the
/// tripped chillers and ride_through's lumped loop model stepped in time.
enum class EventKind {
  UtilityLoss,      ///< target: a grid feed (kNoId: every grid feed)
  ChillerTrip,      ///< target: a chiller or a water loop (all its chillers; kNoId: the first
                    ///< loop with chillers)
  ComponentOutage,  ///< target: an electrical node
};
[[nodiscard]] const char* to_string(EventKind k);  ///< utility_loss, chiller_trip, component_outage

struct ScenarioEvent {
  EventKind kind = EventKind::UtilityLoss;
  Id target = kNoId;
  double t0_s = 0;
  std::optional<double> duration_s;  ///< empty: to the end of the horizon
};

/// A hall that follows its own load profile instead of the site's (Scenario.hall_profiles).
struct HallProfile {
  Id hall_id = kNoId;
  LoadProfile load = ConstantProfile{1.0};
};

struct Scenario {
  std::string name;
  std::string description;
  double horizon_s = 86400.0;
  double step_s = 3600.0;  ///< 1 s to 1 h in the built-in scenarios; any positive step works
  WeatherSource weather = ConstantWeather{};
  LoadProfile load = ConstantProfile{1.0};  ///< utilisation of every rack (fraction of design)
  bool smoothing = false;                   ///< GB300-style smoothing with each rack type's limits
  double smoothing_hysteresis_s = 2.0;
  std::optional<BatteryParams> battery;  ///< site battery on the grid side
  ResponseTableOptions tables;
  std::vector<ScenarioEvent> events;  ///< applied in order after the normal step loop
  /// Halls with their own profile; every other rack follows `load`. With smoothing, each group
  /// of racks on one profile is smoothed per rack type.
  std::vector<HallProfile> hall_profiles;
  /// Times (s from the horizon start) at which every rack's IT and cord power are kept
  /// (SimulationResult.snapshots, the step that holds each time). Empty: the steps of peak and
  /// of minimum grid import.
  std::vector<double> snapshot_times_s;
  /// Solve the hall air model (thermal::solve_site_thermal) at each snapshot with the snapshot's
  /// rack cord power and the step's outdoor condition (RackSnapshot.inlet_c). Off: faster.
  bool air_model_at_snapshots = true;
};

// ---------------------------------------------------------------------------------------------
// Response tables (public so that tests can measure their interpolation error).

/// The site power flow as a function of the site load fraction, from real solves.
class ElectricalResponse {
 public:
  struct Point {
    double it_w = 0, loss_w = 0, grid_import_w = 0, standby_w = 0;
    bool converged = true;  ///< every solve around the point converged
  };
  /// Solves the site at load fractions covering [f_lo, f_hi] (see the header comment).
  ElectricalResponse(const Site& site, const Catalog& catalog, double f_lo, double f_hi,
                     double step, Progress* progress = nullptr);
  /// The same on a site compiled once (on the default base).
  ElectricalResponse(const facility::CompiledSite& site, double f_lo, double f_hi, double step,
                     Progress* progress = nullptr);
  [[nodiscard]] Point at(double f) const;
  [[nodiscard]] const std::vector<double>& fractions() const { return f_; }
  /// Per-rack cord power (rack heat) at load fraction f: linear between the solves.
  [[nodiscard]] std::vector<double> rack_heat_w(double f) const;
  [[nodiscard]] std::size_t solves() const { return f_.size(); }
  [[nodiscard]] double design_it_w() const { return design_it_w_; }

  // Loss attribution, from the same uniform-fraction solves. A node's loss belongs to its hall
  // (ElecNode.hall_id), else to its building (building_id), else to the campus; an edge's to its
  // downstream node's; a rack PSU's to the rack's hall. Halls and buildings whose tables are the
  // same (identical layout and load) share one table.
  /// Halls (Site.halls order) and buildings (Site.buildings order) tabulated.
  [[nodiscard]] const std::vector<Id>& hall_ids() const { return hall_ids_; }
  [[nodiscard]] const std::vector<Id>& building_ids() const { return building_ids_; }
  /// Losses attributed to hall h (index into hall_ids()) at that hall's load fraction.
  [[nodiscard]] double hall_loss_w(std::size_t h, double f) const;
  /// Losses attributed to building b's own elements (not its halls') at its load fraction.
  [[nodiscard]] double building_loss_w(std::size_t b, double f) const;
  /// Losses of the campus elements (and of racks outside any hall) at the site load fraction.
  [[nodiscard]] double campus_loss_w(double f) const;
  /// Distinct hall and building loss tables (the rest are shared).
  [[nodiscard]] std::size_t hall_tables() const { return hall_tab_.size(); }
  [[nodiscard]] std::size_t building_tables() const { return bldg_tab_.size(); }
  // Blocks: every UPS, rectifier and solid-state transformer. A rack belongs to the block(s)
  // reached walking up from its cords' feeds (busway, PDU) through closed edges; a 2N rack half
  // to each side's block, a rack whose cords reach one block whole to it. A block's losses: its
  // converter's own, those of the nodes between it and the feeds (and of the edges into them),
  // and its racks' PSU losses by their share.
  [[nodiscard]] const std::vector<Id>& block_ids() const { return block_ids_; }
  /// Per rack (Site.racks order): (block index, share of the rack's power).
  [[nodiscard]] const std::vector<std::vector<std::pair<std::size_t, double>>>& rack_blocks()
      const {
    return rack_blocks_;
  }
  /// Losses attributed to block b at its load fraction (its IT over its design IT).
  [[nodiscard]] double block_loss_w(std::size_t b, double f) const;
  [[nodiscard]] std::size_t block_table(std::size_t b) const { return block_table_of_[b]; }

 private:
  struct Table {
    std::vector<double> y, dl, dr;
  };
  [[nodiscard]] double eval(const Table& t, double f) const;
  std::vector<Id> hall_ids_, building_ids_, block_ids_;
  std::vector<std::size_t> hall_table_of_, bldg_table_of_, block_table_of_;
  std::vector<Table> hall_tab_, bldg_tab_, block_tab_;
  std::vector<std::vector<std::pair<std::size_t, double>>> rack_blocks_;
  Table campus_;
  std::vector<double> f_;
  std::vector<double> it_, loss_, grid_, standby_;
  std::vector<std::uint8_t> is_break_;  // an efficiency curve's corner: PCHIP split there
  // PCHIP end slopes per interval (left and right end)
  std::vector<double> dl_it_, dr_it_, dl_loss_, dr_loss_, dl_grid_, dr_grid_, dl_standby_,
      dr_standby_;
  std::vector<std::vector<double>> rack_heat_;
  std::vector<std::uint8_t> converged_;
  double design_it_w_ = 0;
};

/// The cooling plant as a function of (site load fraction, dry-bulb, wet-bulb), from real solves
/// on a lazily built lattice. Where the plant changes operating regime inside a lattice cell (an
/// economizer switching, a loop losing its setpoint), the power is not smooth
/// and interpolation between the corners is off by up to a quarter of the cooling power: there
/// the point is solved directly instead (and kept, for conditions that repeat).
class PlantResponse {
 public:
  struct Point {
    double cooling_w = 0, water_l_per_h = 0;
    /// Tower and dry cooler fans, part of cooling_w: interpolated by the cube root (the fans'
    /// speed), as their power goes with the cube of it.
    double fan_w = 0;
    double off_setpoint =
        0;  ///< interpolated 0/1 flag: a loop misses its setpoint or coolant is hot
    double free_cooling = 0;  ///< interpolated 0/1 flag: a chilled loop's economizer carries it
    /// The operating regime of a solved point: per loop, economizer on and setpoint met, and
    /// whether coolant runs hot. Corners with different regimes are not interpolated.
    std::uint64_t regime = 0;
  };
  PlantResponse(const Site& site, const Catalog& catalog, const ElectricalResponse& elec,
                double pressure_pa, const ResponseTableOptions& options);
  /// The same on a site compiled once, which must outlive it.
  PlantResponse(const facility::CompiledSite& site, const ElectricalResponse& elec,
                double pressure_pa, const ResponseTableOptions& options);
  /// Solves every node that at() will need for these conditions (in parallel).
  void prepare(const std::vector<double>& f, const std::vector<double>& dry_bulb_c,
               const std::vector<double>& wet_bulb_c, Progress* progress = nullptr);
  /// Interpolated answer; solves missing nodes on the spot.
  [[nodiscard]] Point at(double f, double dry_bulb_c, double wet_bulb_c);
  [[nodiscard]] std::size_t solves() const { return nodes_.size() + exact_.size(); }
  /// Of solves(), the points solved directly because their lattice cell spans a regime change.
  [[nodiscard]] std::size_t direct_solves() const { return exact_.size(); }

 private:
  struct Key {
    std::int64_t i = 0, j = 0, k = 0;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const;
  };
  [[nodiscard]] Point solve_node(const Key& key) const;
  [[nodiscard]] Point solve_point(double f, double db, double wb) const;
  void corners(double f, double db, double wb, Key& base, double& tf, double& td, double& tw) const;
  /// True when the 8 (solved) corners of the cell at base do not share one regime.
  [[nodiscard]] bool spans_regimes(const Key& base) const;
  /// Key of a directly solved point: the conditions to 1e-6 in load and 1e-3 K.
  [[nodiscard]] static Key exact_key(double f, double db, double wb);
  /// Solves the keys (lattice nodes or exact points) in parallel into `into`.
  void solve_all(const std::vector<Key>& keys, bool exact,
                 std::unordered_map<Key, Point, KeyHash>& into, double progress_from,
                 double progress_to, Progress* progress);

  const Site& site_;
  const Catalog& catalog_;
  const ElectricalResponse& elec_;
  thermal::PlantModel plant_;  ///< the site's plant, looked up once for every solve
  double pressure_pa_;
  ResponseTableOptions opt_;
  std::unordered_map<Key, Point, KeyHash> nodes_;
  std::unordered_map<Key, Point, KeyHash> exact_;
};

// ---------------------------------------------------------------------------------------------

/// One step of a utility outage's cascade (EventResult.cascade), in time order. `what` is one
/// of: utility_lost, cooling_stopped, ups_depleted, storage_depleted, generators_on,
/// cooling_restarted, limit_reached, racks_lost_power, utility_restored, plant_running.
struct CascadeEntry {
  double t_s = 0;  ///< scenario time
  std::string what;
  std::string detail;        ///< what happened, in words, with the figures
  std::vector<Id> units;     ///< cooling units concerned (stopped, restarted)
  std::vector<Id> entities;  ///< other entities concerned (UPS, racks at a limit or unpowered)
};

/// A medium that warmed during a utility outage (EventResult.media): a CDU secondary, a hall's
/// air or a loop's water, judged by thermal::cooling_loss while the units that keep it cool
/// are stopped, and held at its peak once they run again (the pull-down is not modelled).
struct CascadeMedium {
  std::string medium;  ///< "CDU secondary", "hall air", "chilled water loop", ...
  Id target = kNoId;   ///< the CDU, hall or loop
  double start_c = 0, peak_c = 0;
  std::string limit;  ///< its governing limit (first reached, else the lowest)
  double limit_c = 0;
  std::optional<double> time_to_limit_s;  ///< from the loss of the utility; empty: not reached
  std::size_t racks_affected = 0;
};

/// What an event did (SimulationResult.events, one per Scenario.events entry).
struct EventResult {
  EventKind kind = EventKind::UtilityLoss;
  Id target = kNoId;  ///< resolved (a chiller trip without target: the loop)
  double t0_s = 0;
  double end_s = 0;  ///< t0 + duration, or the end of the horizon
  /// Racks powered before the event and unpowered during it; for a utility loss also the racks
  /// whose coolant or inlet passes its hard limit (rack coolant maximum, ASHRAE allowable): they
  /// throttle or trip.
  std::vector<Id> racks_lost;
  // Utility loss: the cascade on a time line (power, then cooling, then temperatures).
  std::vector<CascadeEntry> cascade;
  std::vector<CascadeMedium> media;       ///< every medium that warmed, earliest limit first
  std::vector<Id> racks_without_power;    ///< racks that lost power at some time, sorted
  std::vector<Id> racks_over_limit;       ///< racks past a hard coolant or inlet limit, sorted
  std::size_t cooling_units_stopped = 0;  ///< units that stopped at some time
  std::optional<double> plant_running_s;  ///< when every stopped unit ran again (from t0)
  double storage_energy_wh = 0;           ///< battery storage (not UPS) delivered
  std::vector<Id> storage_depleted;       ///< battery storage units that ran out
  bool generators = false;                ///< generators carry the site once started
  double generator_start_s = 0;  ///< slowest start (catalog start_time_s) of those that carry
  double bridge_s = 0;           ///< time the UPS batteries carry their loads
  double bridge_energy_wh = 0;   ///< energy all UPS deliver during the bridge
  std::optional<double> min_ups_margin_s;  ///< battery time left at the end of the bridge
  Id min_margin_ups = kNoId;
  std::vector<Id> ups_depleted;           ///< UPS whose battery runs out during the bridge
  double generator_peak_loading_pct = 0;  ///< output over derated rating (1 - derate_frac)
  double generator_energy_wh = 0;
  double fuel_l = 0;  ///< catalog fuel_l_per_kwh x each generator's energy
  // Chiller trip.
  std::optional<double> time_to_recommended_s, time_to_allowable_s;  ///< from t0
  bool recovered = true;   ///< remaining plant carries the heat, or the loop is back at its
                           ///< start temperature before the horizon ends
  double unbalance_w = 0;  ///< heat the remaining plant cannot remove
  double thermal_mass_j_per_k = 0;
  double start_c = 0, peak_c = 0;  ///< loop supply at t0 and its maximum
  // Component outage.
  double worst_loading_pct = 0;
  Id worst_loading_entity = kNoId;
  std::string explanation;
};

/// Series of one hall or building (SimulationResult.halls, .buildings), one value per step.
struct EntitySeries {
  Id id = kNoId;
  std::vector<double> it_w;
  std::vector<double> losses_w;   ///< attributed losses (see ElectricalResponse)
  std::vector<double> cooling_w;  ///< buildings only: site cooling times the building's IT share
  double design_it_w = 0;
  double energy_it_wh = 0, energy_losses_wh = 0, energy_cooling_wh = 0, peak_it_w = 0;
};

/// Every rack's power at one step (SimulationResult.snapshots).
struct RackSnapshot {
  double t_s = 0;  ///< start of the step
  std::size_t step = 0;
  std::vector<double> it_w;     ///< per rack, Site.racks order
  std::vector<double> input_w;  ///< cord power: IT over the PSU efficiency at its load fraction
  /// Hall air model at this step (Scenario.air_model_at_snapshots): each rack's mean inlet
  /// temperature (NaN where its hall has no air model); empty when the air model was not run.
  std::vector<double> inlet_c;
  double max_rack_inlet_c = std::numeric_limits<double>::quiet_NaN();  ///< NaN: no air model
  std::size_t racks_outside_recommended = 0;  ///< inlet outside the ASHRAE recommended range
  std::size_t racks_above_recommended = 0;    ///< inlet above its upper limit (27 C)
};

struct SimulationResult {
  std::string scenario;
  TimeGrid grid;
  // Site-level time series, one value per step (step averages; water in l/h).
  std::vector<double> grid_import_w;  ///< at the point of interconnection, after the battery
  std::vector<double> it_w;           ///< rack IT power (smoothed when smoothing is on)
  std::vector<double> losses_w;       ///< electrical losses, grid to rack PSU output
  std::vector<double> cooling_w;      ///< cooling plant power
  std::vector<double> facility_w;     ///< IT + losses + cooling (= grid + standby + cooling)
  std::vector<double> water_l_per_h;
  std::vector<double> battery_soc;  ///< empty without a battery
  std::vector<double> dry_bulb_c;
  std::vector<double> load_frac;  ///< site IT over site design IT

  // Totals over the horizon.
  double design_it_w = 0;
  double energy_it_wh = 0;
  double energy_losses_wh = 0;
  double energy_cooling_wh = 0;
  double energy_facility_wh = 0;
  double energy_grid_wh = 0;
  double energy_standby_wh = 0;        ///< standby generation (0 in normal operation)
  double energy_battery_delta_wh = 0;  ///< energy into the battery: stored change + its losses
  double battery_soc_change_wh = 0;
  double battery_losses_wh = 0;
  double battery_cycles = 0;
  double peak_grid_import_w = 0;
  /// With a site battery: the import cap it ran under (0: none) and the peak import the same
  /// battery would have caused without the cap (its recharge unconstrained).
  double import_cap_w = 0;
  double peak_grid_import_uncapped_w = 0;
  double max_ramp_mw_per_s = 0;  ///< of the grid import
  double max_it_ramp_mw_per_s = 0;
  double dynamic_range_w = 0;  ///< of the grid import
  double window_dynamic_range_w = 0;
  double band_energy_w2s = 0;  ///< grid import swing energy in 0.1..20 Hz
  double band_rms_w = 0;
  double pue = 0;  ///< energy-weighted: facility energy / IT energy
  double water_l = 0;
  double wue_l_per_kwh = 0;  ///< water / IT energy
  /// Hours (step-weighted) in which the plant reports a loop off its setpoint or coolant too hot
  /// (the interpolated flag of the plant nodes above 0.5).
  double hours_above_recommended = 0;
  /// Hours (step-weighted) in which a waterside economizer carries a chilled loop with its
  /// chillers off (free cooling; the interpolated flag above 0.5).
  double hours_free_cooling = 0;
  /// Racks whose mean inlet is above the ASHRAE recommended range (27 C) at one snapshot at
  /// least (hall air model at the snapshots; 0 when it was not run). A count of racks, not hours.
  std::size_t snapshot_racks_above_recommended = 0;
  double smoothing_extra_energy_wh = 0;  ///< rack energy smoothing adds (floor burn - deficit)
  bool converged = true;                 ///< every electrical solve in the table converged
  std::vector<EventResult> events;       ///< one per scenario event
  /// Hall and building series (Site.halls / Site.buildings order). Events change the site series
  /// only: the hall and building series are those of normal operation.
  std::vector<EntitySeries> halls, buildings;
  /// Block series (ElectricalResponse::block_ids order; id: the UPS, rectifier or SST node):
  /// it_w (the racks' IT by their shares) and losses_w (attributed). The totals are always set;
  /// the series are kept only while steps x blocks <= kMaxBlockSeriesValues (else empty).
  std::vector<EntitySeries> blocks;
  static constexpr std::size_t kMaxBlockSeriesValues = 20'000'000;
  std::vector<Id> rack_ids;  ///< Site.racks order, for the snapshots
  std::vector<RackSnapshot> snapshots;
  // Cost of the run.
  std::size_t elec_solves = 0, plant_solves = 0;
  double run_s = 0;
};

/// Runs a scenario. Throws std::invalid_argument for a bad scenario (horizon, step, profile,
/// weather), Cancelled when progress is cancelled.
[[nodiscard]] SimulationResult simulate(const Site& site, const Catalog& catalog,
                                        const Scenario& scenario, Progress* progress = nullptr);

// ---------------------------------------------------------------------------------------------
// Built-in scenarios. Their parameters live here and only here.

struct BuiltinScenarioParams {
  // design-day: 24 h at 1 h, full load, the site's design weather held all day.
  double design_day_load = 1.0;
  // annual: 8,760 h at 1 h, diurnal inference load, the given weather year.
  DiurnalProfile annual_load{0.8, 0.1, 15.0};
  // training-24h: one job over the whole site at 1 s, smoothing on.
  TrainingProfile training = [] {
    TrainingProfile p;
    p.iteration_s = 2.0;
    p.compute_duty = 0.7;
    p.compute_util = 1.0;
    p.comm_util = 0.4;
    p.checkpoint_interval_s = 1800.0;
    p.checkpoint_duration_s = 60.0;
    p.checkpoint_util = 0.3;
    p.idle_util = 0.25;
    p.start_s = 1800.0;
    p.start_ramp_s = 900.0;
    p.stop_s = 23.0 * 3600.0;
    p.stop_ramp_s = 600.0;
    p.mtbf_s = 8.0 * 3600.0;  // seed 7 gives one failure and restart in the day
    p.restart_s = 900.0;
    p.seed = 7;
    return p;
  }();
  double training_hysteresis_s = 2.0;
  // training-24h battery: power and energy relative to the site design IT power; grid ramp limit
  // the utility's (site.grid.ramp_limit_w_per_s) or, when unset, this share of design IT per s.
  double battery_power_frac = 0.75;
  double battery_hours = 0.25;
  double battery_ramp_frac_per_s = 0.005;
  double battery_round_trip_eff = 0.9;
  // utility-outage: full load at design weather, the utility lost at t0 for a duration.
  double outage_horizon_s = 600.0;
  double outage_step_s = 1.0;
  double outage_t0_s = 60.0;
  double outage_duration_s = 300.0;
  double outage_load = 1.0;
  // chiller-trip: full load at design weather, every chiller of the first loop with chillers trips.
  double trip_horizon_s = 900.0;
  double trip_step_s = 1.0;
  double trip_t0_s = 60.0;
  double trip_load = 1.0;
};

[[nodiscard]] const BuiltinScenarioParams& builtin_scenario_params();
/// design-day, annual, training-24h, utility-outage, chiller-trip
[[nodiscard]] std::vector<std::string> builtin_scenario_names();

/// A built-in scenario for this site. `weather` is required for `annual` (std::invalid_argument
/// otherwise) and ignored by the others, which use the site's design weather (35 C / 24 C when
/// the site has none). Throws std::invalid_argument naming the valid names for an unknown name.
[[nodiscard]] Scenario make_builtin_scenario(const std::string& name, const Site& site,
                                             const Catalog& catalog,
                                             const std::optional<WeatherSeries>& weather = {});

}  // namespace dctwin::model::scenario
