// The report's content: runs the engines (site solve, N-1, scenario) and turns their results
// into headline figures and generic tables that every writer prints the same way.
#include "app/report/report.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <future>
#include <mutex>
#include <set>
#include <unordered_map>

#include "data/open_project.h"
#include "data/results_load.h"
#include "data/scenario_store.h"
#include "data/weather_io.h"
#include "model/site/loads.h"
#include "model/site/validation.h"
#include "model/thermal/hall_air.h"
#include "model/thermal/psychro.h"

#ifndef DCTWIN_VERSION
#define DCTWIN_VERSION "unknown"
#endif

namespace dctwin::app::report {

namespace el = model::electrical;
namespace sc = model::scenario;
namespace th = model::thermal;
using model::Id;

std::string Cell::display() const {
  switch (kind) {
    case Kind::Empty:
      return {};
    case Kind::Integer:
      return std::to_string(integer);
    case Kind::Text:
      return text;
    case Kind::Number: {
      if (!std::isfinite(number)) return "-";
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.*f", std::clamp(decimals, 0, 12), number);
      return buf;
    }
  }
  return {};
}

const Table* ReportContent::table(const std::string& key) const {
  for (const auto& t : tables)
    if (t.key == key) return &t;
  return nullptr;
}
const Figure* ReportContent::figure(const std::string& key) const {
  for (const auto& f : headline)
    if (f.key == key) return &f;
  return nullptr;
}

std::optional<ReportFormat> report_format_from_string(const std::string& s) {
  std::string l = s;
  for (auto& c : l) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (l == "pdf") return ReportFormat::Pdf;
  if (l == "xlsx") return ReportFormat::Xlsx;
  if (l == "csv") return ReportFormat::Csv;
  if (l == "json") return ReportFormat::Json;
  return std::nullopt;
}

const char* to_string(ReportFormat f) {
  switch (f) {
    case ReportFormat::Pdf:
      return "pdf";
    case ReportFormat::Xlsx:
      return "xlsx";
    case ReportFormat::Csv:
      return "csv";
    case ReportFormat::Json:
      return "json";
  }
  return "?";
}

void write_report(const ReportContent& c, ReportFormat f, const std::string& path) {
  switch (f) {
    case ReportFormat::Pdf:
      write_pdf(c, path);
      return;
    case ReportFormat::Xlsx:
      write_xlsx(c, path);
      return;
    case ReportFormat::Csv:
      (void)write_csv(c, path);
      return;
    case ReportFormat::Json:
      write_json(c, path);
      return;
  }
}

std::vector<std::string> scenario_names(const data::Project& project) {
  std::vector<std::string> out;
  for (const auto& s : project.scenarios) out.push_back(s.name);
  for (const auto& n : sc::builtin_scenario_names())
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  return out;
}

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string fixed(double v, int decimals) { return Cell::num(v, decimals).display(); }

std::string now_utc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Progress of three concurrent jobs as one: each job reports its own fraction; the parent sees
// the weighted sum and the stage of whoever spoke last. Cancelling the parent reaches each job
// at its next report().
class JobProgress : public model::Progress {
 public:
  struct Shared {
    model::Progress* parent = nullptr;
    std::mutex m;
    double frac[3] = {0, 0, 0};
    double weight[3] = {0.2, 0.5, 0.3};
  };
  JobProgress(Shared& s, int job, const char* name) : s_(s), job_(job), name_(name) {}
  void report(double fraction, std::string_view stage) override {
    if (!s_.parent) return;
    if (s_.parent->cancelled()) cancel();
    std::lock_guard lock(s_.m);
    s_.frac[job_] = std::clamp(fraction, 0.0, 1.0);
    double total = 0, wsum = 0;
    for (int k = 0; k < 3; ++k) {
      total += s_.weight[k] * s_.frac[k];
      wsum += s_.weight[k];
    }
    s_.parent->report(wsum > 0 ? total / wsum : 0.0,
                      std::string(name_) + ": " + std::string(stage));
  }

 private:
  Shared& s_;
  int job_;
  const char* name_;
};

// A share [lo, hi] of a parent's progress (two jobs run one after the other on one thread).
class SubProgress : public model::Progress {
 public:
  SubProgress(model::Progress& parent, double lo, double hi) : p_(parent), lo_(lo), hi_(hi) {}
  void report(double fraction, std::string_view stage) override {
    p_.report(lo_ + std::clamp(fraction, 0.0, 1.0) * (hi_ - lo_), stage);
    if (p_.cancelled()) cancel();
  }

 private:
  model::Progress& p_;
  double lo_, hi_;
};

// A stored run's base solve figures equal this solve's (deterministic: equal figures mean the
// same network and loads).
bool same_base(const el::SiteElecResult& stored, const el::SiteElecResult& base) {
  auto same = [](double a, double b) {
    return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)});
  };
  return stored.converged == base.converged && same(stored.it_power_w, base.it_power_w) &&
         same(stored.grid_import_w, base.grid_import_w) &&
         same(stored.total_loss_w, base.total_loss_w) &&
         same(stored.max_loading_pct, base.max_loading_pct);
}

// Is a stored N-1 study of this site as it is? Same groups and members (one case each), the
// same base solve (deterministic: equal figures mean equal network and loads).
bool stored_n1_current(const el::ContingencyResult& stored, const model::Site& site,
                       const el::SiteElecResult& base) {
  std::multiset<std::pair<Id, Id>> want, have;
  for (const auto& c : el::contingency_cases(site, base)) want.insert(c);
  for (const auto& c : stored.cases) have.insert({c.group, c.failed});
  if (want != have) return false;
  return same_base(stored.base, base);
}

// The scenario to run: stored in the project under that name, else built in.
sc::Scenario resolve_scenario(const data::Project& p, const std::string& name,
                              const ReportOptions& opt) {
  const data::StoredScenario* stored = nullptr;
  for (const auto& s : p.scenarios)
    if (s.name == name) stored = &s;
  const auto builtin = sc::builtin_scenario_names();
  const bool is_builtin = std::find(builtin.begin(), builtin.end(), name) != builtin.end();
  if (!stored && !is_builtin) {
    std::string list;
    for (const auto& n : scenario_names(p)) list += (list.empty() ? "" : ", ") + n;
    throw ReportError("unknown scenario '" + name + "': choose one of " + list);
  }
  try {
    if (stored) return data::to_scenario(*stored, opt.weather);
    std::optional<sc::WeatherSeries> w = opt.weather;
    if (!w && name == "annual")
      w = data::builtin_weather(
          data::nearest_climate(p.site.location.latitude_deg, p.site.location.longitude_deg));
    return sc::make_builtin_scenario(name, p.site, p.catalog, w);
  } catch (const ReportError&) {
    throw;
  } catch (const std::exception& e) {
    throw ReportError("scenario '" + name + "' cannot be run: " + e.what());
  }
}

// Names of entities for tables.
struct Names {
  std::unordered_map<Id, std::string> of;
  explicit Names(const model::Site& s) {
    for (const auto& b : s.buildings) of[b.id] = b.name;
    for (const auto& h : s.halls) of[h.id] = h.name;
    for (const auto& r : s.rows) of[r.id] = r.name;
    for (std::size_t i = 0; i < s.racks.size(); ++i) of[s.racks.id[i]] = s.racks.name[i];
    for (const auto& n : s.elec_nodes) of[n.id] = n.name;
    for (const auto& e : s.elec_edges) of[e.id] = e.name;
    for (const auto& c : s.cooling) of[c.id] = c.name;
    for (const auto& g : s.groups) of[g.id] = g.name;
  }
  [[nodiscard]] std::string operator()(Id id) const {
    if (id == model::kNoId) return {};
    const auto it = of.find(id);
    return it == of.end() ? "#" + std::to_string(id) : it->second;
  }
};

Figure fig(std::string key, std::string label, std::string unit, double v, int decimals) {
  return {std::move(key), std::move(label), std::move(unit), v, fixed(v, decimals), decimals};
}
Figure fig_text(std::string key, std::string label, std::string text) {
  return {std::move(key), std::move(label), "", std::nullopt, std::move(text), 0};
}

Cell mw(double w, int decimals = 3) { return Cell::num(w / 1e6, decimals); }

// The fewest decimals (at most 6) that show v exactly to 9 significant digits: 32 -> 0,
// 0.025 -> 3, 3517000 -> 0.
int natural_decimals(double v) {
  if (!std::isfinite(v)) return 0;
  for (int d = 0; d < 6; ++d) {
    const double s = std::pow(10.0, d);
    if (std::abs(std::round(v * s) / s - v) <= 1e-9 * std::max(1.0, std::abs(v))) return d;
  }
  return 6;
}

}  // namespace

ReportContent build_report(const data::Project& project, const std::string& scenario_name,
                           const ReportOptions& opt, model::Progress* progress) {
  const auto t_start = std::chrono::steady_clock::now();
  const model::Site& site = project.site;
  const model::Catalog& cat = project.catalog;
  // Everything that can be refused is checked before any solve.
  const sc::Scenario scenario = resolve_scenario(project, scenario_name, opt);
  const auto design = th::design_outdoor(site);
  if (!design)
    throw ReportError("site '" + site.name +
                      "' has no design weather: set its design dry-bulb and "
                      "wet-bulb (Site > Design weather, or design_weather in the site JSON)");
  const th::Outdoor outdoor = *design;
  if (outdoor.wet_bulb_c > outdoor.dry_bulb_c)
    throw ReportError(
        "the site's design wet-bulb is above its design dry-bulb: correct the design weather");

  ReportContent c;
  JobProgress::Shared shared;
  shared.parent = progress;
  JobProgress solve_progress(shared, 0, "site solve"), n1_progress(shared, 1, "N-1"),
      sim_progress(shared, 2, "scenario");

  // 1. The scenario simulation (the longest job when N-1 is reused) starts first, concurrently.
  // Then, on the same thread, the utility-outage cascade (unless that is the scenario).
  const bool own_outage = opt.utility_outage && scenario_name != "utility-outage";
  struct SimJobs {
    sc::SimulationResult main;
    std::optional<sc::SimulationResult> outage;
    std::string outage_refused;  // why the outage was not simulated
  };
  auto sim_job = std::async(std::launch::async, [&] {
    const auto t = std::chrono::steady_clock::now();
    SimJobs j;
    SubProgress main_part(sim_progress, 0.0, own_outage ? 0.8 : 1.0);
    j.main = sc::simulate(site, cat, scenario, &main_part);
    if (own_outage) {
      SubProgress outage_part(sim_progress, 0.8, 1.0);
      try {
        j.outage = sc::simulate(site, cat, sc::make_builtin_scenario("utility-outage", site, cat),
                                &outage_part);
      } catch (const std::invalid_argument& e) {
        j.outage_refused = e.what();
      }
    }
    return std::make_pair(std::move(j), seconds_since(t));
  });
  // 2. Coupled design-point solve (fast: the power flow with the plant's power on it, a few
  // passes): needed to judge a stored N-1 study, whose cases carry the same cooling loads.
  auto t0 = std::chrono::steady_clock::now();
  // The site compiled once (view, network, plant) for the design point, N-1 and the thermal
  // solve (read-only, shared by the N-1 thread).
  const model::facility::CompiledSite cs(site, cat);
  model::facility::FacilityResult coupled =
      model::facility::solve_facility(cs, outdoor, {}, &solve_progress);
  c.power = coupled.elec;
  c.facility = coupled.balance;
  c.design_water_l_per_h = coupled.plant.water_l_per_h;
  double solve_s = seconds_since(t0);

  // 3. N-1: given, stored and current, or run now (concurrently with the rest).
  std::optional<el::ContingencyResult> n1;
  std::string n1_source;
  if (opt.n1) {
    n1 = *opt.n1;
    n1_source = "given by the caller";
    c.timings.n1_reused = true;
  } else if (opt.reuse_stored_n1 && !opt.project_path.empty() &&
             !data::is_json_path(opt.project_path)) {
    try {
      auto stored = data::load_contingency_results(opt.project_path);
      if (stored && stored->cooling_units_stored &&
          stored_n1_current(stored->result, site, c.power)) {
        n1 = std::move(stored->result);
        // The check covers the electrical part; the cooling levels are recomputed (cheap), so
        // that changed cooling units, and runs stored before they existed, show current ones.
        std::erase_if(n1->levels, [](const auto& l) { return el::is_cooling_level(l.level); });
        for (auto& l : el::cooling_capacity_levels(site, cat)) n1->levels.push_back(std::move(l));
        n1_source = "stored run of " + stored->created_utc + " (checked current)";
        c.timings.n1_reused = true;
      }
    } catch (const std::exception&) {
      // An unreadable stored study is simply not reused: N-1 runs again.
    }
  }
  std::future<std::pair<el::ContingencyResult, double>> n1_job;
  if (!n1) {
    n1_source = "computed for this report";
    n1_job = std::async(std::launch::async, [&] {
      const auto t = std::chrono::steady_clock::now();
      el::SiteSolveOptions o;
      o.loads = coupled.loads;
      auto r = el::run_contingencies(cs.ref, cs.net, o, &n1_progress, opt.threads);
      return std::make_pair(std::move(r), seconds_since(t));
    });
  } else {
    n1_progress.report(1.0, "reused");
  }
  // 4. Thermal at design on this thread: the plant takes the racks' cord power as heat. The
  // hall air model (seconds per distinct hall) is reused from the stored solve when current.
  std::optional<data::StoredThermal> stored_air;
  if (opt.air_model && opt.reuse_stored_air && !opt.project_path.empty() &&
      !data::is_json_path(opt.project_path)) {
    try {
      stored_air = data::load_thermal_results(opt.project_path);
      if (stored_air && !(stored_air->air_model && same_base(stored_air->base, c.power) &&
                          stored_air->dry_bulb_c == outdoor.dry_bulb_c &&
                          stored_air->wet_bulb_c == outdoor.wet_bulb_c))
        stored_air.reset();
    } catch (const std::exception&) {
      stored_air.reset();  // unreadable: solve again
    }
  }
  th::SiteThermalResult thermal;
  std::exception_ptr thermal_error;
  t0 = std::chrono::steady_clock::now();
  try {
    const std::vector<double> heat = th::rack_heat_from_solve(c.power);
    th::SiteThermalOptions to;
    to.air_model = opt.air_model && !stored_air;
    to.cell_m = opt.cell_m;
    to.room_heat_w = coupled.room_heat_w;
    thermal = th::solve_site_thermal(cs.plant, outdoor, heat, to, &solve_progress);
    if (stored_air) {
      c.timings.air_reused = true;
      const auto& rack_index = cs.ref.rack_index;
      thermal.rack_inlet_c.assign(site.racks.size(), NAN);
      for (const auto& [id, t] : stored_air->rack_inlet_c)
        if (auto it = rack_index.find(id); it != rack_index.end())
          thermal.rack_inlet_c[it->second] = t;
      thermal.max_rack_inlet_c = stored_air->max_rack_inlet_c;
      thermal.racks_outside_recommended = stored_air->racks_outside_recommended;
      // Per hall: the stored maximum and mean; racks outside the ASHRAE recommended range
      // counted from the stored inlets (one pass over the racks).
      const auto& rec = th::kAshraeInletRanges[0];
      std::unordered_map<Id, std::size_t> outside_by_hall;
      for (std::size_t i = 0; i < site.racks.size(); ++i) {
        const double t = thermal.rack_inlet_c[i];
        if (cs.ref.rack_hall[i] != model::kNone && std::isfinite(t) &&
            (t < rec.min_c || t > rec.max_c))
          ++outside_by_hall[cs.ref.rack_hall_id[i]];
      }
      thermal.distinct_halls_solved = 0;
      for (auto& h : thermal.halls) {
        for (const auto& sh : stored_air->halls)
          if (sh.hall == h.hall) {
            h = sh;
            thermal.distinct_halls_solved += sh.same_as == sh.hall || sh.same_as == model::kNoId;
          }
        const auto n = outside_by_hall.find(h.hall);
        h.racks_outside_recommended = n == outside_by_hall.end() ? 0 : n->second;
      }
    }
  } catch (...) {
    thermal_error = std::current_exception();
  }
  solve_s += seconds_since(t0);
  solve_progress.report(1.0, "done");
  // Join before rethrowing anything: the jobs reference this frame.
  sc::SimulationResult sim;
  std::optional<sc::SimulationResult> outage_sim;
  std::string outage_refused;
  std::exception_ptr sim_error, n1_error;
  try {
    auto [r, s] = sim_job.get();
    sim = std::move(r.main);
    outage_sim = std::move(r.outage);
    outage_refused = std::move(r.outage_refused);
    c.timings.simulate_s = s;
  } catch (...) {
    sim_error = std::current_exception();
  }
  if (n1_job.valid()) {
    try {
      auto [r, s] = n1_job.get();
      n1 = std::move(r);
      c.timings.n1_s = s;
    } catch (...) {
      n1_error = std::current_exception();
    }
  }
  // Each case's cooling consequence (cheap, and not stored: computed for stored runs too) on the
  // coupled design point's plant.
  if (n1)
    model::facility::add_cooling_consequences(site, cat, coupled.plant,
                                              th::rack_heat_from_solve(coupled.elec), *n1);
  for (auto* e : {&thermal_error, &sim_error, &n1_error}) {
    if (!*e) continue;
    try {
      std::rethrow_exception(*e);
    } catch (const model::Cancelled&) {
      throw;
    } catch (const std::exception& ex) {
      throw ReportError(std::string(e == &thermal_error ? "the design-point thermal solve"
                                    : e == &sim_error   ? "scenario '" + scenario_name + "'"
                                                        : "N-1") +
                        " failed: " + ex.what());
    }
  }
  c.timings.solve_s = solve_s;

  // ---- Content ---------------------------------------------------------------------------
  const Names name(site);
  const el::SiteElecResult& pw = c.power;
  const auto& plant = thermal.plant;
  c.site = site;
  c.catalog = cat;
  c.site_name = site.name;
  c.title = "Power report: " + site.name;
  c.project_file = opt.project_path;
  c.scenario = scenario_name;
  c.scenario_description = scenario.description;
  c.created_utc = now_utc();
  c.dctwin_version = DCTWIN_VERSION;
  c.step_s = sim.grid.step_s;
  const std::string scen = "'" + scenario_name + "'";
  const double facility_w = c.facility.facility_power_w;

  // Headline figures.
  std::set<Id> racks_lost;
  for (const auto& k : n1->cases) racks_lost.insert(k.racks_lost.begin(), k.racks_lost.end());
  const bool secure = n1->all_converged && n1->single_points == 0 && n1->cases_with_overload == 0;
  std::optional<double> shortest;  // time to the first cooling limit over the cases
  for (const auto& k : n1->cases)
    if (k.time_to_limit_s)
      shortest = std::min(shortest.value_or(*k.time_to_limit_s), *k.time_to_limit_s);
  c.headline = {
      fig("it_mw", "IT power at design load", "MW", pw.it_power_w / 1e6, 3),
      fig("facility_mw", "Facility power at design load and design weather", "MW", facility_w / 1e6,
          3),
      fig("grid_import_design_mw", "Grid import at design, with the cooling plant", "MW",
          c.facility.grid_import_w / 1e6, 3),
      fig("cooling_mw", "Cooling plant power at design", "MW", c.facility.cooling_power_w / 1e6, 3),
      fig("peak_grid_import_mw", "Peak grid import over " + scen, "MW",
          sim.peak_grid_import_w / 1e6, 3),
      fig("pue_energy_weighted", "PUE, energy-weighted over " + scen, "", sim.pue, 3),
      fig("pue_design_point", "PUE, instantaneous at design load and design weather", "",
          pw.it_power_w > 0 ? facility_w / pw.it_power_w : 0.0, 3),
      fig("wue_l_per_kwh", "WUE over " + scen, "l/kWh", sim.wue_l_per_kwh, 3),
      fig("energy_facility_mwh", "Facility energy over " + scen, "MWh",
          sim.energy_facility_wh / 1e6, 1),
      fig_text("n1_status", "N-1 status",
               secure ? "secure: no single failure loses racks, reaches a cooling limit or "
                        "overloads equipment"
                      : "NOT secure: " + std::to_string(n1->single_points) +
                            " single points of failure, " +
                            std::to_string(n1->cases_with_overload) + " overload equipment" +
                            (n1->all_converged ? "" : ", some did not converge")),
      fig("n1_cases", "N-1 cases", "", double(n1->cases.size()), 0),
      fig("n1_single_points", "Single points of failure", "", double(n1->single_points), 0),
      fig("n1_cases_with_cooling_limit", "N-1 cases that reach a cooling limit", "",
          double(n1->cases_with_cooling_limit), 0),
      fig("n1_racks_lost", "Racks lost in any N-1 case", "", double(racks_lost.size()), 0),
      fig("n1_cases_with_overload", "N-1 cases with an overload", "",
          double(n1->cases_with_overload), 0),
      fig("n1_worst_loading_pct", "Worst loading after a single failure", "%",
          n1->worst_loading_pct, 1),
  };
  // The utility outage: the report's own scenario when it is that one, else its own run.
  const sc::SimulationResult* outage_run = scenario_name == "utility-outage" ? &sim
                                           : outage_sim                      ? &*outage_sim
                                                                             : nullptr;
  const sc::EventResult* outage = nullptr;
  if (outage_run)
    for (const auto& e : outage_run->events)
      if (e.kind == sc::EventKind::UtilityLoss) outage = &e;
  if (outage) {
    c.headline.push_back(fig_text(
        "outage_status", "Utility outage",
        outage->racks_lost.empty()
            ? std::string("rides through: no rack loses power or passes a coolant or inlet limit")
            : "NOT ridden through: " + std::to_string(outage->racks_lost.size()) + " racks lost (" +
                  std::to_string(outage->racks_without_power.size()) + " without power, " +
                  std::to_string(outage->racks_over_limit.size()) +
                  " past a coolant or inlet limit)"));
    c.headline.push_back(fig("outage_racks_lost", "Racks lost in the utility outage", "",
                             double(outage->racks_lost.size()), 0));
    c.headline.push_back(fig("outage_cooling_units_stopped",
                             "Cooling units that stop in the utility outage", "",
                             double(outage->cooling_units_stopped), 0));
    if (outage->plant_running_s)
      c.headline.push_back(fig("outage_plant_running_s",
                               "Utility outage: the whole plant runs again after", "s",
                               *outage->plant_running_s, 0));
  }
  if (shortest)
    c.headline.push_back(fig("n1_shortest_time_to_limit_s",
                             "Shortest time to a cooling limit after a single failure", "s",
                             *shortest, 1));
  if (c.facility.unfed_cooling_power_w > 0)
    c.headline.push_back(fig("cooling_unfed_mw",
                             "Cooling power of unfed units (not in the grid import)", "MW",
                             c.facility.unfed_cooling_power_w / 1e6, 3));
  if (opt.air_model && thermal.distinct_halls_solved)
    c.headline.push_back(fig("max_rack_inlet_c", "Max rack inlet at design (hall air model)", "C",
                             thermal.max_rack_inlet_c, 1));
  else
    c.headline.push_back(fig_text("max_rack_inlet_c", "Max rack inlet at design (hall air model)",
                                  "not computed (no air-cooled hall, or the air model was off)"));

  // Summary table: the headline figures, as a table for CSV/XLSX.
  {
    Table t{"summary",
            "Summary",
            "Headline figures. Design point: full IT load at the site's design weather (" +
                fixed(outdoor.dry_bulb_c, 1) + " C dry-bulb, " + fixed(outdoor.wet_bulb_c, 1) +
                " C wet-bulb). Scenario " + scen + ": " + scenario.description +
                ". N-1: " + n1_source + ". Hall air model: " +
                (c.timings.air_reused
                     ? "stored solve of " + stored_air->created_utc + " (checked current)"
                 : opt.air_model ? "computed for this report"
                                 : "not run") +
                ".",
            {{"figure", "Figure", ""},
             {"value", "Value", ""},
             {"unit", "Unit", ""},
             {"key", "Key", ""}},
            {}};
    for (const auto& f : c.headline)
      t.rows.push_back({Cell::txt(f.label),
                        f.value ? Cell::num(*f.value, f.decimals) : Cell::txt(f.text),
                        Cell::txt(f.unit), Cell::txt(f.key)});
    c.tables.push_back(std::move(t));
  }

  // Power chain by level.
  {
    Table t{"power_chain",
            "Power chain",
            "Equipment by level at design load: installed rating (MVA for AC equipment; the grid "
            "feed's is the "
            "contracted import), power through it, its worst loading and its own losses.",
            {{"level", "Level", ""},
             {"units", "Units", ""},
             {"installed_mw", "Installed", "MW"},
             {"load_mw", "Load", "MW"},
             {"max_loading_pct", "Max loading", "%"},
             {"losses_mw", "Losses", "MW"}},
            {}};
    for (const auto kind : model::all_elec_kinds()) {
      std::size_t units = 0;
      double rating = 0, load = 0, loss = 0, maxl = 0;
      for (std::size_t k = 0; k < site.elec_nodes.size(); ++k) {
        const auto& n = site.elec_nodes[k];
        if (n.kind != kind) continue;
        ++units;
        rating += kind == model::ElecKind::GridFeed ? site.grid.contracted_import_w : n.rating_w;
        if (k < pw.nodes.size() && pw.nodes[k].energized) {
          load += pw.nodes[k].p_w;
          loss += pw.nodes[k].loss_w;
          maxl = std::max(maxl, pw.nodes[k].loading_pct);
        }
      }
      if (!units) continue;
      t.rows.push_back({Cell::txt(model::to_string(kind)), Cell::integ(std::int64_t(units)),
                        mw(rating), mw(load), Cell::num(maxl, 1), mw(loss)});
    }
    double design = 0, psu = 0;
    for (double w : cs.ref.rack_design_w)
      if (std::isfinite(w)) design += w;
    for (const auto& r : pw.racks) psu += r.powered ? r.input_w - r.it_w : 0.0;
    t.rows.push_back({Cell::txt("racks (IT)"), Cell::integ(std::int64_t(site.racks.size())),
                      mw(design), mw(pw.it_power_w),
                      Cell::num(design > 0 ? 100.0 * pw.it_power_w / design : 0.0, 1), mw(psu)});
    c.tables.push_back(std::move(t));
  }

  // Capacity by level (N-1).
  {
    Table t{"capacity",
            "Capacity by level",
            "From N-1 (" + n1_source +
                "): installed, used in normal operation, reserved to take over a failed member, "
                "stranded (left after the worst single failure but unusable: the path above is "
                "full) and free. Cooling levels in MW of heat at design load: cdu, air_unit "
                "(CRAHs and fan walls), chiller (evaporator heat), heat_rejection (cooling towers "
                "and dry coolers).",
            {{"level", "Level", ""},
             {"units", "Units", ""},
             {"installed_mw", "Installed", "MW"},
             {"used_mw", "Used", "MW"},
             {"reserved_mw", "Reserved", "MW"},
             {"stranded_mw", "Stranded", "MW"},
             {"free_mw", "Free", "MW"},
             {"used_pct", "Used", "%"}},
            {}};
    for (const auto& l : n1->levels)
      t.rows.push_back({Cell::txt(l.level), Cell::integ(std::int64_t(l.units)), mw(l.installed_w),
                        mw(l.used_w), mw(l.reserved_w), mw(l.stranded_w), mw(l.free_w),
                        Cell::num(l.installed_w > 0 ? 100.0 * l.used_w / l.installed_w : 0.0, 1)});
    c.tables.push_back(std::move(t));
  }

  // Losses by stage (site), and by building.
  c.sankey = build_sankey(cs.ref, pw);
  {
    Table t{"losses",
            "Losses by stage",
            "Design point, grid to IT: power into each stage and what it loses (percentages of the "
            "power drawn "
            "from the grid side and of the IT power).",
            {{"stage", "Stage", ""},
             {"in_mw", "Power in", "MW"},
             {"loss_mw", "Loss", "MW"},
             {"loss_pct_of_input", "Loss, of input", "%"},
             {"loss_pct_of_it", "Loss, of IT", "%"}},
            {}};
    const double in0 = c.sankey.input_w, it = c.sankey.it_w;
    for (const auto& s : c.sankey.stages) {
      if (s.key == "grid" || s.key == "it") continue;
      t.rows.push_back({Cell::txt(s.label), mw(s.in_w), mw(s.loss_w),
                        Cell::num(in0 > 0 ? 100 * s.loss_w / in0 : 0, 2),
                        Cell::num(it > 0 ? 100 * s.loss_w / it : 0, 2)});
    }
    t.rows.push_back({Cell::txt("Total"), mw(in0), mw(c.sankey.total_loss_w()),
                      Cell::num(in0 > 0 ? 100 * c.sankey.total_loss_w() / in0 : 0, 2),
                      Cell::num(it > 0 ? 100 * c.sankey.total_loss_w() / it : 0, 2)});
    c.tables.push_back(std::move(t));
  }
  if (site.buildings.size() > 1) {
    Table t{"losses_by_building",
            "Losses by building",
            "Design point. A building's losses: its racks' PSUs, and every shared element's loss "
            "in proportion to "
            "the building's share of the power through it.",
            {{"building", "Building", ""},
             {"it_mw", "IT", "MW"},
             {"transformers_mw", "Transformers", "MW"},
             {"mv_mw", "MV", "MW"},
             {"converters_mw", "UPS/rect./SST", "MW"},
             {"lv_mw", "LV", "MW"},
             {"psus_mw", "PSUs", "MW"},
             {"total_loss_mw", "Total loss", "MW"},
             {"loss_pct_of_it", "Loss, of IT", "%"}},
            {}};
    for (const auto& b : site.buildings) {
      auto m = build_sankey(cs.ref, pw, {SankeyScope::Kind::Building, b.id});
      std::vector<Cell> row{Cell::txt(b.name), mw(m.it_w)};
      for (const auto& s : m.stages)
        if (s.key != "grid" && s.key != "it") row.push_back(mw(s.loss_w));
      row.push_back(mw(m.total_loss_w()));
      row.push_back(Cell::num(m.it_w > 0 ? 100 * m.total_loss_w() / m.it_w : 0, 2));
      t.rows.push_back(std::move(row));
      c.building_sankeys.push_back(std::move(m));
    }
    c.tables.push_back(std::move(t));
  }

  // Scenario totals and the buildings over the scenario.
  {
    Table t{"scenario_totals",
            "Scenario " + scen,
            scenario.description + ": " + std::to_string(sim.grid.steps) + " steps of " +
                fixed(sim.grid.step_s, 0) + " s.",
            {{"quantity", "Quantity", ""}, {"value", "Value", ""}, {"unit", "Unit", ""}},
            {}};
    auto row = [&](const std::string& q, double v, int d, const std::string& u) {
      t.rows.push_back({Cell::txt(q), Cell::num(v, d), Cell::txt(u)});
    };
    row("IT energy", sim.energy_it_wh / 1e6, 1, "MWh");
    row("Electrical losses", sim.energy_losses_wh / 1e6, 1, "MWh");
    row("Cooling energy", sim.energy_cooling_wh / 1e6, 1, "MWh");
    row("Facility energy", sim.energy_facility_wh / 1e6, 1, "MWh");
    row("Grid energy", sim.energy_grid_wh / 1e6, 1, "MWh");
    row("Peak grid import", sim.peak_grid_import_w / 1e6, 3, "MW");
    row("Maximum grid ramp", sim.max_ramp_mw_per_s, 3, "MW/s");
    row("PUE (energy-weighted)", sim.pue, 4, "");
    row("Water", sim.water_l / 1000.0, 0, "m3");
    row("WUE", sim.wue_l_per_kwh, 3, "l/kWh");
    row("Hours with the plant off its setpoint", sim.hours_above_recommended, 1, "h");
    row("Hours of free cooling (economizer, chillers off)", sim.hours_free_cooling, 1, "h");
    if (!sim.battery_soc.empty()) row("Battery cycles", sim.battery_cycles, 3, "");
    for (const auto& e : sim.events)
      t.rows.push_back({Cell::txt(std::string("Event ") + sc::to_string(e.kind)),
                        Cell::txt(e.explanation), Cell{}});
    c.tables.push_back(std::move(t));
  }
  const std::vector<Column> cascade_columns{
      {"t_s", "Time after the loss", "s"}, {"what", "What", ""}, {"detail", "Detail", ""}};
  if (outage) {
    const auto& prm = sc::builtin_scenario_params();
    Table t{"outage_cascade",
            "Utility outage: the cascade",
            (scenario_name == "utility-outage"
                 ? std::string("The report's scenario. ")
                 : "The built-in utility-outage scenario (the utility lost " +
                       fixed(prm.outage_t0_s, 0) + " s in, for " + fixed(prm.outage_duration_s, 0) +
                       " s, full load, design weather). ") +
                outage->explanation + ".",
            cascade_columns,
            {}};
    for (const auto& k : outage->cascade)
      t.rows.push_back(
          {Cell::num(k.t_s - outage->t0_s, 1), Cell::txt(k.what), Cell::txt(k.detail)});
    c.tables.push_back(std::move(t));
    Table m{"outage_media",
            "Utility outage: what warms",
            "Each medium whose cooling stops, from its temperature when the utility is lost to its "
            "peak (held once its units run again), against its governing limit.",
            {{"medium", "Medium", ""},
             {"entity", "Of", ""},
             {"start_c", "Start", "C"},
             {"peak_c", "Peak", "C"},
             {"limit", "Limit", ""},
             {"limit_c", "Limit", "C"},
             {"time_to_limit_s", "Time to limit", "s"},
             {"racks", "Racks", ""}},
            {}};
    for (const auto& x : outage->media)
      m.rows.push_back(
          {Cell::txt(x.medium), Cell::txt(name(x.target)), Cell::num(x.start_c, 2),
           Cell::num(x.peak_c, 2), Cell::txt(x.limit), Cell::num(x.limit_c, 1),
           x.time_to_limit_s ? Cell::num(*x.time_to_limit_s, 1) : Cell::txt("not reached"),
           Cell::integ(std::int64_t(x.racks_affected))});
    c.tables.push_back(std::move(m));
    const auto mw_of = [](const std::vector<double>& v) {
      std::vector<double> o(v.size());
      for (std::size_t i = 0; i < v.size(); ++i) o[i] = v[i] / 1e6;
      return o;
    };
    std::vector<double> standby(outage_run->facility_w.size());
    for (std::size_t i = 0; i < standby.size() && i < outage_run->grid_import_w.size(); ++i)
      standby[i] = std::max(0.0, outage_run->facility_w[i] - outage_run->grid_import_w[i]) / 1e6;
    c.outage_step_s = outage_run->grid.step_s;
    c.outage_series = {{"grid_import_mw", "Grid import", "MW", mw_of(outage_run->grid_import_w)},
                       {"standby_mw", "UPS, storage and generators", "MW", standby},
                       {"it_mw", "IT", "MW", mw_of(outage_run->it_w)},
                       {"cooling_mw", "Cooling", "MW", mw_of(outage_run->cooling_w)}};
  } else if (!outage_refused.empty()) {
    Table t{"outage_cascade",
            "Utility outage: the cascade",
            "Not simulated: " + outage_refused + ".",
            cascade_columns,
            {}};
    c.tables.push_back(std::move(t));
  }
  if (!sim.buildings.empty()) {
    Table t{"buildings",
            "Buildings over " + scen,
            "Design IT, and energy over the scenario (cooling shared by IT).",
            {{"building", "Building", ""},
             {"halls", "Halls", ""},
             {"design_it_mw", "Design IT", "MW"},
             {"peak_it_mw", "Peak IT", "MW"},
             {"energy_it_mwh", "IT energy", "MWh"},
             {"energy_losses_mwh", "Losses", "MWh"},
             {"energy_cooling_mwh", "Cooling", "MWh"}},
            {}};
    for (std::size_t b = 0; b < sim.buildings.size() && b < site.buildings.size(); ++b) {
      const auto& es = sim.buildings[b];
      const auto halls =
          std::count_if(site.halls.begin(), site.halls.end(),
                        [&](const model::Hall& h) { return h.building_id == es.id; });
      t.rows.push_back({Cell::txt(name(es.id)), Cell::integ(halls), mw(es.design_it_w),
                        mw(es.peak_it_w), Cell::num(es.energy_it_wh / 1e6, 1),
                        Cell::num(es.energy_losses_wh / 1e6, 1),
                        Cell::num(es.energy_cooling_wh / 1e6, 1)});
    }
    c.tables.push_back(std::move(t));
  }

  // Time series.
  {
    auto to_mw = [](const std::vector<double>& v) {
      std::vector<double> o(v.size());
      for (std::size_t i = 0; i < v.size(); ++i) o[i] = v[i] / 1e6;
      return o;
    };
    std::vector<double> pue(sim.it_w.size());
    for (std::size_t i = 0; i < pue.size(); ++i)
      pue[i] = sim.it_w[i] > 0 && i < sim.facility_w.size() ? sim.facility_w[i] / sim.it_w[i] : NAN;
    c.series.push_back({"grid_import_mw", "Grid import", "MW", to_mw(sim.grid_import_w)});
    c.series.push_back({"it_mw", "IT", "MW", to_mw(sim.it_w)});
    c.series.push_back({"cooling_mw", "Cooling", "MW", to_mw(sim.cooling_w)});
    c.series.push_back({"losses_mw", "Electrical losses", "MW", to_mw(sim.losses_w)});
    c.series.push_back({"pue", "PUE", "", pue});
    if (!sim.dry_bulb_c.empty())
      c.series.push_back({"dry_bulb_c", "Outdoor dry-bulb", "C", sim.dry_bulb_c});
    if (!sim.battery_soc.empty()) {
      std::vector<double> soc(sim.battery_soc.size());
      for (std::size_t i = 0; i < soc.size(); ++i) soc[i] = 100.0 * sim.battery_soc[i];
      c.series.push_back({"battery_soc_pct", "Battery state of charge", "%", soc});
    }
    Table t{"series",
            "Time series over " + scen,
            "One row per step (step averages).",
            {{"t_h", "Time", "h"}},
            {}};
    t.in_pdf = false;
    for (const auto& s : c.series) t.columns.push_back({s.key, s.title, s.unit});
    const std::size_t n = sim.grid.steps;
    t.rows.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<Cell> row;
      row.reserve(t.columns.size());
      row.push_back(Cell::num((sim.grid.start_s + i * sim.grid.step_s) / 3600.0, 4));
      for (const auto& s : c.series)
        row.push_back(i < s.values.size() ? Cell::num(s.values[i], 4) : Cell{});
      t.rows.push_back(std::move(row));
    }
    c.tables.push_back(std::move(t));
  }

  // N-1 cases, worst first.
  {
    std::unordered_map<Id, const model::RedundancyGroup*> groups;
    for (const auto& g : site.groups) groups[g.id] = &g;
    Table t{"n1",
            "N-1 cases, worst first",
            std::to_string(n1->cases.size()) + " cases (" + n1_source +
                "): every member of every redundancy group failed in turn, load transferred "
                "by the group's scheme, and every component in no group (a single point of "
                "failure where its loss loses racks or stops cooling they need), the site "
                "re-solved with the cooling plant's load; a case that stops cooling units gives "
                "the time until the first coolant or inlet limit.",
            {{"rank", "Rank", ""},
             {"group", "Group", ""},
             {"scheme", "Scheme", ""},
             {"failed", "Failed", ""},
             {"failed_id", "Failed id", ""},
             {"converged", "Converged", ""},
             {"worst_loading_pct", "Worst loading", "%"},
             {"worst_entity", "Worst at", ""},
             {"overloads", "Overloads", ""},
             {"racks_lost", "Racks lost", ""},
             {"single_point", "Single point", ""},
             {"cooling_units_stopped", "Cooling units stopped", ""},
             {"time_to_limit_s", "Time to limit", "s"},
             {"racks_affected", "Racks at limit", ""},
             {"note", "Note", ""}},
            {}};
    t.pdf_max_rows = opt.pdf_n1_rows;
    std::int64_t rank = 0;
    for (const auto& k : n1->cases) {
      const auto g = groups.find(k.group);
      t.rows.push_back(
          {Cell::integ(++rank), Cell::txt(k.group == model::kNoId ? "(none)" : name(k.group)),
           Cell::txt(g != groups.end() ? model::to_string(g->second->scheme) : ""),
           Cell::txt(name(k.failed)), Cell::integ(k.failed), Cell::txt(k.converged ? "yes" : "NO"),
           Cell::num(k.worst_loading_pct, 1), Cell::txt(name(k.worst_entity)),
           Cell::integ(std::int64_t(k.overloads)), Cell::integ(std::int64_t(k.racks_lost.size())),
           Cell::txt(k.single_point ? "YES" : "no"),
           Cell::integ(std::int64_t(k.cooling_stopped.size())),
           k.time_to_limit_s ? Cell::num(*k.time_to_limit_s, 1) : Cell::txt(""),
           Cell::integ(std::int64_t(k.racks_affected.size())),
           Cell::txt(k.time_to_limit_s ? k.limit + " (" + k.cooling_medium + "): " + k.cooling_note
                                       : k.note)});
    }
    c.tables.push_back(std::move(t));
  }

  // Violations.
  {
    Table t{"violations",
            "Violations",
            "Site validation problems, electrical (design-point power flow), thermal (design-point "
            "plant and hall air), N-1 cases "
            "that lose racks or overload equipment, and a utility outage that loses racks.",
            {{"source", "Source", ""},
             {"entity", "Entity", ""},
             {"entity_id", "Id", ""},
             {"code", "Code", ""},
             {"message", "Message", ""}},
            {}};
    t.pdf_max_rows = 60;
    for (const auto& v : model::validate(site, cat))
      t.rows.push_back({Cell::txt(std::string("validation ") + model::to_string(v.severity)),
                        Cell::txt(name(v.entity)), Cell::integ(v.entity), Cell::txt(v.code),
                        Cell::txt(v.message + " Fix: " + v.fix)});
    for (const auto& v : pw.violations)
      t.rows.push_back({Cell::txt("electrical"), Cell::txt(name(v.entity)), Cell::integ(v.entity),
                        Cell::txt(v.code), Cell::txt(v.message)});
    for (const auto& v : plant.violations)
      t.rows.push_back({Cell::txt("thermal"), Cell::txt(name(v.entity)), Cell::integ(v.entity),
                        Cell::txt(v.code), Cell::txt(v.message)});
    for (const auto& h : thermal.halls)
      if (h.solved && h.racks_outside_recommended)
        t.rows.push_back({Cell::txt("thermal"), Cell::txt(name(h.hall)), Cell::integ(h.hall),
                          Cell::txt("hall.inlet_outside_recommended"),
                          Cell::txt(std::to_string(h.racks_outside_recommended) +
                                    " racks outside the ASHRAE recommended inlet range; max " +
                                    fixed(h.max_inlet_c, 1) + " C")});
    for (const auto& k : n1->cases)
      if (k.time_to_limit_s && k.racks_lost.empty() && k.converged && !k.overloads)
        t.rows.push_back({Cell::txt("N-1"), Cell::txt(name(k.failed)), Cell::integ(k.failed),
                          Cell::txt("n1.cooling_limit"),
                          Cell::txt("failing " + name(k.failed) + " stops " +
                                    std::to_string(k.cooling_stopped.size()) + " cooling units: " +
                                    k.limit + " in " + fixed(*k.time_to_limit_s, 1) + " s for " +
                                    std::to_string(k.racks_affected.size()) + " racks (" +
                                    k.cooling_medium + ")")});
    if (outage && !outage->racks_lost.empty())
      t.rows.push_back({Cell::txt("utility outage"), Cell::txt(site.name), Cell{},
                        Cell::txt("outage.racks_lost"), Cell::txt(outage->explanation)});
    for (const auto& k : n1->cases)
      if (!k.racks_lost.empty() || k.overloads || !k.converged)
        t.rows.push_back(
            {Cell::txt("N-1"), Cell::txt(name(k.failed)), Cell::integ(k.failed),
             Cell::txt(!k.converged            ? "n1.not_converged"
                       : !k.racks_lost.empty() ? "n1.racks_lost"
                                               : "n1.overload"),
             Cell::txt("failing " + name(k.failed) + ": " + std::to_string(k.racks_lost.size()) +
                       " racks lost, " + std::to_string(k.overloads) + " overloads, worst " +
                       fixed(k.worst_loading_pct, 1) + " % at " + name(k.worst_entity))});
    c.tables.push_back(std::move(t));
  }

  // Assumptions: every catalog value the site's types use, with its source; then site inputs.
  {
    Table t{"assumptions",
            "Assumptions and sources",
            "Catalog values used by the equipment types in this site, each with its source; then "
            "the site's own inputs.",
            {{"type", "Type", ""},
             {"name", "Name", ""},
             {"parameter", "Parameter", ""},
             {"value", "Value", ""},
             {"source", "Source", ""},
             {"url", "URL", ""},
             {"date", "Date", ""}},
            {}};
    std::set<std::string> types;
    for (const auto& ty : site.racks.type) types.insert(ty);
    for (const auto& n : site.elec_nodes)
      if (!n.type.empty()) types.insert(n.type);
    for (const auto& u : site.cooling)
      if (!u.type.empty()) types.insert(u.type);
    auto src = [&](const std::string& id, std::string& title, std::string& url, std::string& date) {
      const auto it = cat.sources.find(id);
      if (it == cat.sources.end()) {
        title = id;
        return;
      }
      title = it->second.title;
      url = it->second.url;
      date = it->second.date;
    };
    for (const auto& key : types) {
      const auto* item = cat.find(key);
      if (!item) continue;
      for (const auto& [pname, v] : item->params) {
        std::string title, url, date;
        src(v.source_id, title, url, date);
        t.rows.push_back({Cell::txt(key), Cell::txt(item->name), Cell::txt(pname),
                          Cell::num(v.value, natural_decimals(v.value)),
                          Cell::txt(title + (v.note.empty() ? "" : " (" + v.note + ")")),
                          Cell::txt(url), Cell::txt(date)});
      }
      for (const auto& [cname, cv] : item->curves) {
        std::string title, url, date, pts;
        src(cv.source_id, title, url, date);
        for (std::size_t i = 0; i < cv.x.size(); ++i)
          pts += (i ? ", " : "") + fixed(cv.x[i], 2) + ": " + fixed(cv.y[i], 4);
        t.rows.push_back({Cell::txt(key), Cell::txt(item->name),
                          Cell::txt(cname + " (" + cv.y_name + " vs " + cv.x_name + ")"),
                          Cell::txt(pts), Cell::txt(title), Cell::txt(url), Cell::txt(date)});
      }
    }
    auto site_row = [&](const std::string& p, double v, int d) {
      t.rows.push_back({Cell::txt("site"), Cell::txt(site.name), Cell::txt(p), Cell::num(v, d),
                        Cell::txt("project input"), Cell{}, Cell{}});
    };
    site_row("grid.contracted_import_w", site.grid.contracted_import_w, 0);
    site_row("grid.poi_voltage_v", site.grid.poi_voltage_v, 0);
    site_row("grid.short_circuit_va", site.grid.short_circuit_va, 0);
    site_row("design_weather.dry_bulb_c", outdoor.dry_bulb_c, 1);
    site_row("design_weather.wet_bulb_c", outdoor.wet_bulb_c, 1);
    if (const auto* w = std::get_if<sc::WeatherSeries>(&scenario.weather))
      t.rows.push_back({Cell::txt("scenario"), Cell::txt(scenario_name), Cell::txt("weather"),
                        Cell::txt(w->name), Cell::txt(w->source), Cell{}, Cell{}});
    // Why the scenario's PUE and WUE differ from the design point's: what in the plant follows
    // the weather and what does not.
    const double it_kw = c.facility.it_power_w / 1e3;
    const double design_pue =
        c.facility.it_power_w > 0 ? c.facility.facility_power_w / c.facility.it_power_w : 0.0;
    t.rows.push_back(
        {Cell::txt("model"), Cell::txt("weather and PUE"),
         Cell::txt("pue: " + scenario_name + " against the design point"),
         Cell::txt(fixed(sim.pue, 4) + " against " + fixed(design_pue, 4)),
         Cell::txt("Tower and dry cooler fans slow to the speed that holds their setpoint at "
                   "each hour's wet-bulb and dry-bulb (power by the cube of the speed, down to "
                   "the catalog's minimum speed); chillers economize when the towers can make "
                   "cold enough water and otherwise work against the lift of the condenser water "
                   "the loop supplies. CDU and loop pumps follow the heat, not the weather, and "
                   "the electrical losses follow the load: on a warm-water liquid-cooled site "
                   "most of the overhead does not change with the weather."),
         Cell{}, Cell{}});
    t.rows.push_back(
        {Cell::txt("model"), Cell::txt("weather and WUE"),
         Cell::txt("wue: " + scenario_name + " against the design point"),
         Cell::txt(fixed(sim.wue_l_per_kwh, 3) + " against " +
                   fixed(it_kw > 0 ? c.design_water_l_per_h / it_kw : 0.0, 3) + " l/kWh"),
         Cell::txt("Tower evaporation from the air's heat and moisture balance (Braun's "
                   "effectiveness model of Merkel's): in cold, dry hours more of the heat leaves "
                   "as sensible heat and less water evaporates; blowdown by the cycles of "
                   "concentration. Dry coolers wet their adiabatic pads only in the hours their "
                   "fans alone cannot hold the setpoint."),
         Cell{}, Cell{}});
    c.tables.push_back(std::move(t));
  }

  c.n1 = std::move(*n1);
  c.thermal = std::move(thermal);
  c.timings.build_s = seconds_since(t_start);
  return c;
}

}  // namespace dctwin::app::report
