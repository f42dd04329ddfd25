// Scenario engine: response tables from the electrical and plant engines, then a step loop.
#include "model/scenario/engine.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>
#include <thread>
#include <unordered_set>

#include "model/electrical/site_power.h"
#include "model/site/loads.h"
#include "model/thermal/plant.h"
#include "model/thermal/psychro.h"

namespace dctwin::model::scenario {

namespace {

void require(bool ok, const std::string& msg) {
  if (!ok) throw std::invalid_argument(msg);
}

// Fritsch-Carlson slopes of the monotone cubic Hermite interpolant (PCHIP) through (x, y).
std::vector<double> pchip_slopes(const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = x.size();
  std::vector<double> d(n, 0.0);
  if (n < 2) return d;
  std::vector<double> h(n - 1), delta(n - 1);
  for (std::size_t k = 0; k + 1 < n; ++k) {
    h[k] = x[k + 1] - x[k];
    delta[k] = (y[k + 1] - y[k]) / h[k];
  }
  if (n == 2) {
    d[0] = d[1] = delta[0];
    return d;
  }
  for (std::size_t k = 1; k + 1 < n; ++k) {
    if (delta[k - 1] * delta[k] <= 0.0) continue;
    const double w1 = 2.0 * h[k] + h[k - 1], w2 = h[k] + 2.0 * h[k - 1];
    d[k] = (w1 + w2) / (w1 / delta[k - 1] + w2 / delta[k]);
  }
  auto end_slope = [](double h0, double h1, double d0, double d1) {
    double s = ((2.0 * h0 + h1) * d0 - h0 * d1) / (h0 + h1);
    if (s * d0 <= 0.0) s = 0.0;
    else if (d0 * d1 <= 0.0 && std::abs(s) > 3.0 * std::abs(d0)) s = 3.0 * d0;
    return s;
  };
  d[0] = end_slope(h[0], h[1], delta[0], delta[1]);
  d[n - 1] = end_slope(h[n - 2], h[n - 3], delta[n - 2], delta[n - 3]);
  return d;
}

// Per-interval end slopes of a PCHIP split at break nodes: between two breaks the interpolant is
// one PCHIP; at a break (an efficiency curve's corner) each side keeps its own slope.
void pchip_split(const std::vector<double>& x, const std::vector<double>& y,
                 const std::vector<std::uint8_t>& is_break, std::vector<double>& dl,
                 std::vector<double>& dr) {
  const std::size_t n = x.size();
  dl.assign(n > 1 ? n - 1 : 0, 0.0);
  dr.assign(n > 1 ? n - 1 : 0, 0.0);
  std::size_t a = 0;
  while (a + 1 < n) {
    std::size_t b = a + 1;
    while (b + 1 < n && !is_break[b]) ++b;
    const std::vector<double> xs(x.begin() + static_cast<std::ptrdiff_t>(a),
                                 x.begin() + static_cast<std::ptrdiff_t>(b) + 1);
    const std::vector<double> ys(y.begin() + static_cast<std::ptrdiff_t>(a),
                                 y.begin() + static_cast<std::ptrdiff_t>(b) + 1);
    const std::vector<double> d = pchip_slopes(xs, ys);
    for (std::size_t k = a; k < b; ++k) {
      dl[k] = d[k - a];
      dr[k] = d[k - a + 1];
    }
    a = b;
  }
}

double pchip_eval(const std::vector<double>& x, const std::vector<double>& y,
                  const std::vector<double>& dl, const std::vector<double>& dr, double xq) {
  const std::size_t n = x.size();
  if (n == 1) return y[0];
  if (xq <= x.front()) return y.front() + dl.front() * (xq - x.front());
  if (xq >= x.back()) return y.back() + dr.back() * (xq - x.back());
  const auto it = std::upper_bound(x.begin(), x.end(), xq);
  const std::size_t k = static_cast<std::size_t>(it - x.begin()) - 1;
  const double h = x[k + 1] - x[k];
  const double t = (xq - x[k]) / h;
  const double t2 = t * t, t3 = t2 * t;
  return (2 * t3 - 3 * t2 + 1) * y[k] + (t3 - 2 * t2 + t) * h * dl[k] +
         (-2 * t3 + 3 * t2) * y[k + 1] + (t3 - t2) * h * dr[k];
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// ElectricalResponse

ElectricalResponse::ElectricalResponse(const Site& site, const Catalog& catalog, double f_lo,
                                       double f_hi, double step, Progress* progress) {
  require(std::isfinite(step) && step > 0.0, "electrical response: step must be > 0");
  require(std::isfinite(f_lo) && std::isfinite(f_hi) && f_lo >= 0.0 && f_hi >= f_lo,
          "electrical response: need 0 <= f_lo <= f_hi");
  const double lo = std::max(0.0, std::floor(f_lo / step + 1e-9) * step);
  double hi = std::ceil(f_hi / step - 1e-9) * step;
  if (hi < lo + step * 0.5) hi = lo + step;
  const auto n = static_cast<std::size_t>(std::llround((hi - lo) / step));
  std::vector<double> grid;
  for (std::size_t k = 0; k <= n; ++k) grid.push_back(lo + step * static_cast<double>(k));

  std::map<double, electrical::SiteElecResult> solved;
  auto solve = [&](double f) {
    electrical::SiteSolveOptions o;
    o.load_frac = f;
    solved.emplace(f, electrical::solve_site_power(site, catalog, o, nullptr));
  };
  // The top first: its converter outputs place the efficiency curves' corners on the site load
  // axis (the curve's x is output over rating; output is nearly proportional to the site load, so
  // one correcting solve at the first estimate lands on the corner).
  solve(hi);
  std::vector<double> extra;
  const auto& top = solved.at(hi);
  auto output_frac = [&](const electrical::SiteElecResult& r, std::size_t i) {
    return r.nodes[i].p_w / site.elec_nodes[i].rating_w;
  };
  std::vector<std::pair<std::size_t, double>> corners;  // (node, curve x)
  for (std::size_t i = 0; i < site.elec_nodes.size() && i < top.nodes.size(); ++i) {
    const auto& node = site.elec_nodes[i];
    if (node.type.empty() || !(node.rating_w > 0) || !(output_frac(top, i) > 0)) continue;
    const CatalogItem* item = catalog.find(node.type);
    if (item == nullptr || !item->curves.count("efficiency")) continue;
    for (double x : item->curve("efficiency").x) corners.emplace_back(i, x);
  }
  std::vector<double> seen;
  for (const auto& [i, x] : corners) {
    const double f0 = x * hi / output_frac(top, i);
    if (!(f0 > lo && f0 < hi)) continue;
    bool dup = false;
    for (double g : seen) dup = dup || std::abs(g - f0) < 1e-6;
    if (dup) continue;
    seen.push_back(f0);
    if (progress) progress->check();
    electrical::SiteSolveOptions o;
    o.load_frac = f0;
    const auto r0 = electrical::solve_site_power(site, catalog, o, nullptr);
    const double of = output_frac(r0, i);
    extra.push_back(of > 0 ? f0 * x / of : f0);
  }
  // Rack PSUs: the curve's x is IT over nameplate, the site load fraction itself.
  std::unordered_set<std::string> rack_types(site.racks.type.begin(), site.racks.type.end());
  for (const auto& t : rack_types)
    if (const CatalogItem* item = catalog.find(t))
      for (const auto& [name, curve] : item->curves)
        for (double x : curve.x) extra.push_back(x);
  std::vector<double> all = grid;
  std::vector<double> breaks;
  std::sort(extra.begin(), extra.end());
  for (double x : extra) {
    if (!(x > lo && x < hi)) continue;
    bool near = false;
    for (double& g : all)
      if (std::abs(g - x) < 1e-4 * step) {
        near = true;
        breaks.push_back(g);
      }
    if (!near) {
      all.push_back(x);
      breaks.push_back(x);
    }
  }
  std::sort(all.begin(), all.end());
  std::size_t done = 1;
  for (double f : all) {
    if (solved.count(f)) continue;
    if (progress) {
      progress->check();
      progress->report(0.3 * static_cast<double>(done) / static_cast<double>(all.size()),
                       "electrical response table");
    }
    solve(f);
    ++done;
  }
  for (double f : all) {
    const auto& r = solved.at(f);
    f_.push_back(f);
    it_.push_back(r.it_power_w);
    loss_.push_back(r.total_loss_w);
    grid_.push_back(r.grid_import_w);
    standby_.push_back(r.standby_output_w);
    converged_.push_back(r.converged ? 1 : 0);
    std::vector<double> heat(r.racks.size());
    for (std::size_t i = 0; i < heat.size(); ++i) heat[i] = r.racks[i].input_w;
    rack_heat_.push_back(std::move(heat));
    is_break_.push_back(std::find(breaks.begin(), breaks.end(), f) != breaks.end() ? 1 : 0);
  }
  pchip_split(f_, it_, is_break_, dl_it_, dr_it_);
  pchip_split(f_, loss_, is_break_, dl_loss_, dr_loss_);
  pchip_split(f_, grid_, is_break_, dl_grid_, dr_grid_);
  pchip_split(f_, standby_, is_break_, dl_standby_, dr_standby_);
  for (std::size_t i = 0; i < site.racks.size(); ++i) {
    try {
      design_it_w_ += rack_design_power_w(site, i, catalog);
    } catch (const std::out_of_range&) {
    }
  }
}

ElectricalResponse::Point ElectricalResponse::at(double f) const {
  Point p;
  p.it_w = pchip_eval(f_, it_, dl_it_, dr_it_, f);
  p.loss_w = pchip_eval(f_, loss_, dl_loss_, dr_loss_, f);
  p.grid_import_w = pchip_eval(f_, grid_, dl_grid_, dr_grid_, f);
  p.standby_w = pchip_eval(f_, standby_, dl_standby_, dr_standby_, f);
  const auto it = std::upper_bound(f_.begin(), f_.end(), f);
  const std::size_t k = it == f_.begin() ? 0 : static_cast<std::size_t>(it - f_.begin()) - 1;
  p.converged = converged_[k] && converged_[std::min(k + 1, f_.size() - 1)];
  return p;
}

std::vector<double> ElectricalResponse::rack_heat_w(double f) const {
  if (f_.size() == 1 || f <= f_.front()) {
    std::vector<double> v = rack_heat_.front();
    if (f_.front() > 0.0)
      for (double& x : v) x *= f / f_.front();
    return v;
  }
  std::size_t k = static_cast<std::size_t>(std::upper_bound(f_.begin(), f_.end(), f) - f_.begin());
  k = std::min(k, f_.size() - 1);
  const std::size_t k0 = k - 1;
  const double t = (f - f_[k0]) / (f_[k] - f_[k0]);
  std::vector<double> v(rack_heat_[k0].size());
  for (std::size_t i = 0; i < v.size(); ++i)
    v[i] = (1.0 - t) * rack_heat_[k0][i] + t * rack_heat_[k][i];
  return v;
}

// ---------------------------------------------------------------------------------------------
// PlantResponse

std::size_t PlantResponse::KeyHash::operator()(const Key& k) const {
  std::uint64_t h = static_cast<std::uint64_t>(k.i) * 0x9E3779B97F4A7C15ULL;
  h ^= static_cast<std::uint64_t>(k.j) + 0x7F4A7C15ULL + (h << 6) + (h >> 2);
  h ^= static_cast<std::uint64_t>(k.k) + 0x94D049BBULL + (h << 6) + (h >> 2);
  return static_cast<std::size_t>(h);
}

PlantResponse::PlantResponse(const Site& site, const Catalog& catalog,
                             const ElectricalResponse& elec, double pressure_pa,
                             const ResponseTableOptions& options)
    : site_(site), catalog_(catalog), elec_(elec), pressure_pa_(pressure_pa), opt_(options) {
  require(opt_.plant_frac_step > 0.0 && opt_.plant_temp_step_k > 0.0,
          "plant response: steps must be > 0");
}

PlantResponse::Point PlantResponse::solve_node(const Key& key) const {
  const double f = static_cast<double>(key.i) * opt_.plant_frac_step;
  const double db = static_cast<double>(key.j) * opt_.plant_temp_step_k;
  const double wb = std::min(db, static_cast<double>(key.k) * opt_.plant_temp_step_k);
  const thermal::Outdoor od{db, wb, pressure_pa_};
  const auto r = thermal::solve_plant(site_, catalog_, od, elec_.rack_heat_w(f));
  Point p;
  p.cooling_w = r.cooling_power_w;
  p.water_l_per_h = r.water_l_per_h;
  bool off = false;
  for (const auto& l : r.loops) off = off || !l.setpoint_met;
  for (const auto& v : r.violations) off = off || v.code == "cool.coolant_hot";
  p.off_setpoint = off ? 1.0 : 0.0;
  return p;
}

void PlantResponse::corners(double f, double db, double wb, Key& base, double& tf, double& td,
                            double& tw) const {
  const double xf = std::max(0.0, f) / opt_.plant_frac_step;
  const double xd = db / opt_.plant_temp_step_k, xw = wb / opt_.plant_temp_step_k;
  const double fi = std::floor(xf), di = std::floor(xd), wi = std::floor(xw);
  base = {static_cast<std::int64_t>(fi), static_cast<std::int64_t>(di),
          static_cast<std::int64_t>(wi)};
  tf = xf - fi;
  td = xd - di;
  tw = xw - wi;
}

void PlantResponse::prepare(const std::vector<double>& f, const std::vector<double>& db,
                            const std::vector<double>& wb, Progress* progress) {
  std::unordered_set<Key, KeyHash> need;
  Key last{-1, -1, -1};
  for (std::size_t s = 0; s < f.size(); ++s) {
    Key b;
    double tf = 0, td = 0, tw = 0;
    corners(f[s], db[s], wb[s], b, tf, td, tw);
    if (b == last) continue;
    last = b;
    for (int c = 0; c < 8; ++c) {
      const Key k{b.i + (c & 1), b.j + ((c >> 1) & 1), b.k + ((c >> 2) & 1)};
      if (!nodes_.count(k)) need.insert(k);
    }
  }
  std::vector<Key> keys(need.begin(), need.end());
  std::vector<Point> pts(keys.size());
  unsigned threads = opt_.threads ? opt_.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, keys.size())));
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> cancelled{false};
  auto work = [&](bool report) {
    for (;;) {
      const std::size_t i = next.fetch_add(1);
      if (i >= keys.size() || cancelled.load()) return;
      pts[i] = solve_node(keys[i]);
      const std::size_t d = done.fetch_add(1) + 1;
      if (report && progress) {
        if (progress->cancelled()) cancelled.store(true);
        progress->report(0.3 + 0.6 * static_cast<double>(d) / static_cast<double>(keys.size()),
                         "plant response table");
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, false);
  work(true);
  for (auto& th : pool) th.join();
  if (cancelled.load()) throw Cancelled();
  for (std::size_t i = 0; i < keys.size(); ++i) nodes_.emplace(keys[i], pts[i]);
}

PlantResponse::Point PlantResponse::at(double f, double db, double wb) {
  Key b;
  double tf = 0, td = 0, tw = 0;
  corners(f, db, wb, b, tf, td, tw);
  Point p;
  for (int c = 0; c < 8; ++c) {
    const int a = c & 1, bj = (c >> 1) & 1, bk = (c >> 2) & 1;
    const Key k{b.i + a, b.j + bj, b.k + bk};
    auto it = nodes_.find(k);
    if (it == nodes_.end()) it = nodes_.emplace(k, solve_node(k)).first;
    const double w = (a ? tf : 1.0 - tf) * (bj ? td : 1.0 - td) * (bk ? tw : 1.0 - tw);
    p.cooling_w += w * it->second.cooling_w;
    p.water_l_per_h += w * it->second.water_l_per_h;
    p.off_setpoint += w * it->second.off_setpoint;
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// simulate

SimulationResult simulate(const Site& site, const Catalog& catalog, const Scenario& sc,
                          Progress* progress) {
  const auto t0 = std::chrono::steady_clock::now();
  require(std::isfinite(sc.step_s) && sc.step_s > 0.0, "scenario " + sc.name + ": step_s must be > 0");
  require(std::isfinite(sc.horizon_s) && sc.horizon_s >= sc.step_s,
          "scenario " + sc.name + ": horizon_s must be at least one step");
  require(!site.racks.empty(), "scenario " + sc.name + ": the site has no racks");
  SimulationResult res;
  res.scenario = sc.name;
  const auto steps = static_cast<std::size_t>(std::llround(std::ceil(sc.horizon_s / sc.step_s - 1e-9)));
  res.grid = TimeGrid{0.0, sc.step_s, steps};
  const double dt_h = sc.step_s / 3600.0;
  if (progress) progress->report(0.0, "load profile");

  // IT power: the profile times each rack type's design power, smoothed per type when asked.
  const ProfileSeries u = evaluate(sc.load, res.grid);
  std::map<std::string, std::pair<double, std::size_t>> by_type;  // design W, racks
  for (std::size_t i = 0; i < site.racks.size(); ++i) {
    auto& e = by_type[site.racks.type[i]];
    try {
      e.first += rack_design_power_w(site, i, catalog);
    } catch (const std::out_of_range&) {
    }
    ++e.second;
  }
  double design = 0;
  for (const auto& [t, e] : by_type) design += e.first;
  require(design > 0.0, "scenario " + sc.name + ": the site's racks have no design power");
  res.design_it_w = design;
  res.it_w.assign(steps, 0.0);
  if (sc.smoothing) {
    double ref_util = 0;
    if (const auto* tp = std::get_if<TrainingProfile>(&sc.load)) ref_util = tp->compute_util;
    else ref_util = *std::max_element(u.utilisation.begin(), u.utilisation.end());
    for (const auto& [type, e] : by_type) {
      const CatalogItem* item = catalog.find(type);
      std::vector<double> demand(steps);
      for (std::size_t s = 0; s < steps; ++s) demand[s] = u.utilisation[s] * e.first;
      if (item == nullptr || item->kind != ItemKind::Rack) {
        for (std::size_t s = 0; s < steps; ++s) res.it_w[s] += demand[s];
        continue;
      }
      const RackSpec spec = rack_spec(*item);
      SmoothingParams prm = smoothing_params(spec, ref_util * e.first, sc.smoothing_hysteresis_s);
      const double n = static_cast<double>(e.second);
      prm.ramp_up_w_per_s = spec.ramp_up_w_per_s > 0 ? spec.ramp_up_w_per_s * n : 1e300;
      prm.ramp_down_w_per_s = spec.ramp_down_w_per_s > 0 ? spec.ramp_down_w_per_s * n : 1e300;
      const SmoothingResult sm = smooth_power(demand, sc.step_s, prm, u.active);
      for (std::size_t s = 0; s < steps; ++s) res.it_w[s] += sm.power_w[s];
      res.smoothing_extra_energy_wh += sm.extra_energy_wh;
    }
  } else {
    for (std::size_t s = 0; s < steps; ++s) res.it_w[s] = u.utilisation[s] * design;
  }
  res.load_frac.resize(steps);
  for (std::size_t s = 0; s < steps; ++s) res.load_frac[s] = res.it_w[s] / design;

  // Weather of each step: the hour of the series that holds the step's start.
  std::vector<double> wb(steps);
  res.dry_bulb_c.resize(steps);
  double pressure = 101325.0;
  if (const auto* c = std::get_if<ConstantWeather>(&sc.weather)) {
    require(c->wet_bulb_c <= c->dry_bulb_c + 1e-9,
            "scenario " + sc.name + ": wet-bulb above dry-bulb");
    std::fill(res.dry_bulb_c.begin(), res.dry_bulb_c.end(), c->dry_bulb_c);
    std::fill(wb.begin(), wb.end(), c->wet_bulb_c);
    pressure = c->pressure_pa;
  } else {
    const auto& w = std::get<WeatherSeries>(sc.weather);
    const std::size_t hours = w.hours();
    require(hours > 0 && w.wet_bulb_c.size() == hours,
            "scenario " + sc.name + ": the weather series " + w.name + " is empty or has no wet-bulb");
    for (std::size_t s = 0; s < steps; ++s) {
      const double t = res.grid.start_s + sc.step_s * static_cast<double>(s);
      const auto h = static_cast<std::size_t>(std::floor(t / 3600.0 + 1e-9)) % hours;
      res.dry_bulb_c[s] = w.dry_bulb_c[h];
      wb[s] = w.wet_bulb_c[h];
    }
    if (!w.pressure_pa.empty())
      pressure = std::accumulate(w.pressure_pa.begin(), w.pressure_pa.end(), 0.0) /
                 static_cast<double>(w.pressure_pa.size());
  }

  // Response tables over the load range this horizon visits.
  const auto [fmin_it, fmax_it] = std::minmax_element(res.load_frac.begin(), res.load_frac.end());
  const double fs = sc.tables.plant_frac_step;
  require(fs > 0.0 && sc.tables.elec_step > 0.0, "scenario " + sc.name + ": table steps must be > 0");
  const double f_lo = std::max(0.0, std::floor(*fmin_it / fs + 1e-9) * fs);
  const double f_hi = std::max(f_lo + fs, std::ceil(*fmax_it / fs - 1e-9) * fs);
  const ElectricalResponse elec(site, catalog, f_lo, f_hi, sc.tables.elec_step, progress);
  PlantResponse plant(site, catalog, elec, pressure, sc.tables);
  plant.prepare(res.load_frac, res.dry_bulb_c, wb, progress);
  if (progress) {
    progress->check();
    progress->report(0.9, "stepping");
  }

  // The step loop.
  res.grid_import_w.resize(steps);
  res.losses_w.resize(steps);
  res.cooling_w.resize(steps);
  res.facility_w.resize(steps);
  res.water_l_per_h.resize(steps);
  std::vector<double> demand(steps);
  double off_steps = 0;
  for (std::size_t s = 0; s < steps; ++s) {
    const auto e = elec.at(res.load_frac[s]);
    res.converged = res.converged && e.converged;
    const auto p = plant.at(res.load_frac[s], res.dry_bulb_c[s], wb[s]);
    const double loss = std::max(0.0, e.loss_w);
    const double standby = std::max(0.0, e.standby_w);
    res.losses_w[s] = loss;
    res.cooling_w[s] = std::max(0.0, p.cooling_w);
    res.water_l_per_h[s] = std::max(0.0, p.water_l_per_h);
    res.facility_w[s] = res.it_w[s] + loss + res.cooling_w[s];
    // Power balance of the site solve: grid import + standby output = IT + losses.
    demand[s] = res.it_w[s] + loss - standby + res.cooling_w[s];
    res.energy_standby_wh += standby * dt_h;
    if (p.off_setpoint > 0.5) off_steps += 1.0;
  }
  if (sc.battery) {
    const BatteryResult br = run_battery(demand, sc.step_s, *sc.battery);
    res.grid_import_w = br.grid_w;
    res.battery_soc = br.soc;
    res.battery_soc_change_wh = br.soc_change_wh;
    res.battery_losses_wh = br.losses_wh;
    res.energy_battery_delta_wh = br.soc_change_wh + br.losses_wh;
    res.battery_cycles = br.cycles;
  } else {
    res.grid_import_w = demand;
  }

  // Totals.
  for (std::size_t s = 0; s < steps; ++s) {
    res.energy_it_wh += res.it_w[s] * dt_h;
    res.energy_losses_wh += res.losses_w[s] * dt_h;
    res.energy_cooling_wh += res.cooling_w[s] * dt_h;
    res.energy_facility_wh += res.facility_w[s] * dt_h;
    res.energy_grid_wh += res.grid_import_w[s] * dt_h;
    res.water_l += res.water_l_per_h[s] * dt_h;
    if (s > 0)
      res.max_it_ramp_mw_per_s =
          std::max(res.max_it_ramp_mw_per_s, std::abs(res.it_w[s] - res.it_w[s - 1]) / sc.step_s / 1e6);
  }
  const GridMetrics gm = grid_metrics(res.grid_import_w, sc.step_s);
  res.peak_grid_import_w = gm.max_w;
  res.max_ramp_mw_per_s = gm.max_ramp_mw_per_s;
  res.dynamic_range_w = gm.dynamic_range_w;
  res.window_dynamic_range_w = gm.window_dynamic_range_w;
  res.band_energy_w2s = gm.band_energy_w2s;
  res.band_rms_w = gm.band_rms_w;
  res.pue = res.energy_it_wh > 0 ? res.energy_facility_wh / res.energy_it_wh : 0.0;
  res.wue_l_per_kwh = res.energy_it_wh > 0 ? res.water_l / (res.energy_it_wh / 1000.0) : 0.0;
  res.hours_above_recommended = off_steps * dt_h;
  res.elec_solves = elec.solves();
  res.plant_solves = plant.solves();
  res.run_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (progress) progress->report(1.0, "done");
  return res;
}

// ---------------------------------------------------------------------------------------------
// Built-in scenarios

const BuiltinScenarioParams& builtin_scenario_params() {
  static const BuiltinScenarioParams p;
  return p;
}

std::vector<std::string> builtin_scenario_names() {
  return {"design-day", "annual", "training-24h"};
}

Scenario make_builtin_scenario(const std::string& name, const Site& site, const Catalog& catalog,
                               const std::optional<WeatherSeries>& weather) {
  const BuiltinScenarioParams& prm = builtin_scenario_params();
  ConstantWeather design;
  design.dry_bulb_c = site.design_weather.dry_bulb_c.value_or(35.0);
  design.wet_bulb_c = std::min(design.dry_bulb_c, site.design_weather.wet_bulb_c.value_or(24.0));
  design.pressure_pa = thermal::pressure_at_elevation_pa(site.location.elevation_m);
  Scenario s;
  s.name = name;
  if (name == "design-day") {
    s.description = "24 h at 1 h steps, full load, the site's design weather held all day";
    s.horizon_s = 86400.0;
    s.step_s = 3600.0;
    s.weather = design;
    s.load = ConstantProfile{prm.design_day_load};
  } else if (name == "annual") {
    require(weather.has_value(), "scenario annual needs a weather year (a climate or an EPW file)");
    s.description = "8,760 h at 1 h steps, diurnal inference load, a weather year";
    s.horizon_s = static_cast<double>(kHoursPerYear) * 3600.0;
    s.step_s = 3600.0;
    s.weather = *weather;
    s.load = prm.annual_load;
  } else if (name == "training-24h") {
    s.description =
        "one synchronous training job over the whole site, 24 h at 1 s steps, GB300-style "
        "smoothing, site battery holding the grid ramp, the site's design weather";
    s.horizon_s = 86400.0;
    s.step_s = 1.0;
    s.weather = design;
    s.load = prm.training;
    s.smoothing = true;
    s.smoothing_hysteresis_s = prm.training_hysteresis_s;
    double design_it = 0;
    for (std::size_t i = 0; i < site.racks.size(); ++i) {
      try {
        design_it += rack_design_power_w(site, i, catalog);
      } catch (const std::out_of_range&) {
      }
    }
    BatteryParams b;
    b.max_charge_w = b.max_discharge_w = prm.battery_power_frac * design_it;
    b.capacity_wh = b.max_charge_w * prm.battery_hours;
    b.round_trip_eff = prm.battery_round_trip_eff;
    b.grid_ramp_w_per_s = site.grid.ramp_limit_w_per_s > 0
                              ? site.grid.ramp_limit_w_per_s
                              : prm.battery_ramp_frac_per_s * design_it;
    s.battery = b;
  } else {
    std::string names;
    for (const auto& n : builtin_scenario_names()) names += (names.empty() ? "" : ", ") + n;
    throw std::invalid_argument("unknown scenario '" + name + "': choose one of " + names);
  }
  return s;
}

}  // namespace dctwin::model::scenario
