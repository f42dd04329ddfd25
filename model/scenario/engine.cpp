// Scenario engine: response tables from the electrical and plant engines, then a step loop.
#include "model/scenario/engine.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <unordered_set>

#include "model/electrical/site_power.h"
#include "model/facility/coupled.h"
#include "model/site/loads.h"
#include "model/thermal/plant.h"
#include "model/thermal/psychro.h"
#include "model/thermal/ridethrough.h"
#include "model/thermal/site_thermal.h"

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
    if (s * d0 <= 0.0)
      s = 0.0;
    else if (d0 * d1 <= 0.0 && std::abs(s) > 3.0 * std::abs(d0))
      s = 3.0 * d0;
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
                                       double f_hi, double step, Progress* progress)
    : ElectricalResponse(facility::CompiledSite(site, catalog), f_lo, f_hi, step, progress) {}

ElectricalResponse::ElectricalResponse(const facility::CompiledSite& cs, double f_lo, double f_hi,
                                       double step, Progress* progress) {
  const Site& site = cs.site();
  const Catalog& catalog = cs.catalog();
  require(cs.net.base_va == electrical::SiteSolveOptions{}.base_va,
          "electrical response: the site must be compiled on the default base");
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
  const electrical::CompiledNetwork& net = cs.net;
  auto solve = [&](double f) {
    electrical::SiteSolveOptions o;
    o.load_frac = f;
    solved.emplace(f, electrical::solve_site_power(net, o, nullptr));
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
    const auto r0 = electrical::solve_site_power(net, o, nullptr);
    const double of = output_frac(r0, i);
    extra.push_back(of > 0 ? f0 * x / of : f0);
  }
  // Rack PSUs: the curve's x is IT over the power shelves' capacity, the site load fraction
  // times nameplate over that capacity.
  std::unordered_set<std::string> rack_types(site.racks.type.begin(), site.racks.type.end());
  for (const auto& t : rack_types)
    if (const CatalogItem* item = catalog.find(t); item && item->has("nameplate_w") &&
                                                   item->has("psu_capacity_w") &&
                                                   item->get("nameplate_w") > 0)
      for (const auto& [name, curve] : item->curves)
        for (double x : curve.x)
          extra.push_back(x * item->get("psu_capacity_w") / item->get("nameplate_w"));
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
    rack_heat_.push_back(thermal::rack_heat_from_solve(r));
    is_break_.push_back(std::find(breaks.begin(), breaks.end(), f) != breaks.end() ? 1 : 0);
  }
  // Loss attribution per hall, per building (its own elements) and campus.
  const auto &hall_ix = cs.ref.hall_index, &bldg_ix = cs.ref.building_index,
             &node_ix = cs.ref.node_index;
  for (const auto& h : site.halls) hall_ids_.push_back(h.id);
  for (const auto& b : site.buildings) building_ids_.push_back(b.id);
  // owner of node i: (0 hall | 1 building | 2 campus, index)
  auto owner = [&](std::size_t i) -> std::pair<int, std::size_t> {
    const auto& n = site.elec_nodes[i];
    if (const auto h = hall_ix.find(n.hall_id); n.hall_id != kNoId && h != hall_ix.end())
      return {0, h->second};
    if (const auto b = bldg_ix.find(n.building_id); n.building_id != kNoId && b != bldg_ix.end())
      return {1, b->second};
    return {2, 0};
  };
  // Blocks: converters reached walking up from each rack's feeds through closed edges.
  std::unordered_map<Id, Id> parent;  // first closed edge into each node
  for (const auto& e : site.elec_edges)
    if (!e.normally_open) parent.emplace(e.to, e.from);
  std::unordered_map<Id, std::size_t> block_ix;
  for (const auto& n : site.elec_nodes)
    if (n.kind == ElecKind::Ups || n.kind == ElecKind::Rectifier ||
        n.kind == ElecKind::SolidStateTransformer) {
      block_ix.emplace(n.id, block_ids_.size());
      block_ids_.push_back(n.id);
    }
  std::vector<std::size_t> node_block(site.elec_nodes.size(),
                                      SIZE_MAX);  // below-nodes and converters
  std::vector<std::uint8_t> node_below(site.elec_nodes.size(), 0);
  for (const auto& [id, b] : block_ix) node_block[node_ix.at(id)] = b;
  const auto block_of_feed = [&](Id feed) -> std::size_t {
    std::vector<std::size_t> path;
    Id cur = feed;
    for (std::size_t guard = 0; cur != kNoId && guard < site.elec_nodes.size() + 1; ++guard) {
      const auto k = node_ix.find(cur);
      if (k == node_ix.end()) return SIZE_MAX;
      if (const auto b = block_ix.find(cur); b != block_ix.end()) {
        for (std::size_t i : path)
          if (node_block[i] == SIZE_MAX) {
            node_block[i] = b->second;
            node_below[i] = 1;
          }
        return b->second;
      }
      path.push_back(k->second);
      const auto p = parent.find(cur);
      cur = p == parent.end() ? kNoId : p->second;
    }
    return SIZE_MAX;
  };
  rack_blocks_.resize(site.racks.size());
  for (std::size_t i = 0; i < site.racks.size(); ++i) {
    const std::size_t a =
        site.racks.feed_a[i] != kNoId ? block_of_feed(site.racks.feed_a[i]) : SIZE_MAX;
    const std::size_t b =
        site.racks.feed_b[i] != kNoId ? block_of_feed(site.racks.feed_b[i]) : SIZE_MAX;
    if (a != SIZE_MAX && b != SIZE_MAX && a != b)
      rack_blocks_[i] = {{a, 0.5}, {b, 0.5}};
    else if (a != SIZE_MAX)
      rack_blocks_[i] = {{a, 1.0}};
    else if (b != SIZE_MAX)
      rack_blocks_[i] = {{b, 1.0}};
  }
  std::vector<std::vector<double>> block_y(block_ids_.size());
  for (double f : all) {
    const auto& r = solved.at(f);
    std::vector<double> kl(block_ids_.size(), 0.0);
    for (std::size_t i = 0; i < r.nodes.size() && i < site.elec_nodes.size(); ++i)
      if (node_block[i] != SIZE_MAX) kl[node_block[i]] += r.nodes[i].loss_w;
    for (std::size_t e = 0; e < r.edges.size() && e < site.elec_edges.size(); ++e) {
      const auto k = node_ix.find(site.elec_edges[e].to);
      if (k != node_ix.end() && node_below[k->second])
        kl[node_block[k->second]] += r.edges[e].loss_w;
    }
    for (std::size_t i = 0; i < r.racks.size() && i < rack_blocks_.size(); ++i)
      if (r.racks[i].powered)
        for (const auto& [b, share] : rack_blocks_[i])
          kl[b] += share * (r.racks[i].input_w - r.racks[i].it_w);
    for (std::size_t b = 0; b < kl.size(); ++b) block_y[b].push_back(kl[b]);
  }
  std::vector<std::vector<double>> hall_y(hall_ids_.size()), bldg_y(building_ids_.size());
  std::vector<double> campus_y;
  for (double f : all) {
    const auto& r = solved.at(f);
    std::vector<double> hl(hall_ids_.size(), 0.0), bl(building_ids_.size(), 0.0);
    double attributed = 0;
    auto add = [&](std::pair<int, std::size_t> o, double w) {
      if (o.first == 0)
        hl[o.second] += w;
      else if (o.first == 1)
        bl[o.second] += w;
      else
        return;
      attributed += w;
    };
    for (std::size_t i = 0; i < r.nodes.size() && i < site.elec_nodes.size(); ++i)
      add(owner(i), r.nodes[i].loss_w);
    for (std::size_t e = 0; e < r.edges.size() && e < site.elec_edges.size(); ++e) {
      const auto k = node_ix.find(site.elec_edges[e].to);
      if (k != node_ix.end()) add(owner(k->second), r.edges[e].loss_w);
    }
    for (std::size_t i = 0; i < r.racks.size() && i < site.racks.size(); ++i)
      if (const std::size_t h = cs.ref.rack_hall[i]; h != kNone && r.racks[i].powered)
        add({0, h}, r.racks[i].input_w - r.racks[i].it_w);
    for (std::size_t h = 0; h < hl.size(); ++h) hall_y[h].push_back(hl[h]);
    for (std::size_t b = 0; b < bl.size(); ++b) bldg_y[b].push_back(bl[b]);
    campus_y.push_back(r.total_loss_w - attributed);
  }
  auto tabulate = [&](const std::vector<std::vector<double>>& ys, std::vector<Table>& tabs,
                      std::vector<std::size_t>& of) {
    for (const auto& y : ys) {
      std::size_t found = tabs.size();
      for (std::size_t t = 0; t < tabs.size() && found == tabs.size(); ++t) {
        bool same = true;
        for (std::size_t k = 0; k < y.size() && same; ++k)
          same = std::abs(tabs[t].y[k] - y[k]) <= 1e-9 * std::max(1.0, std::abs(y[k]));
        if (same) found = t;
      }
      if (found == tabs.size()) {
        Table t;
        t.y = y;
        pchip_split(f_, t.y, is_break_, t.dl, t.dr);
        tabs.push_back(std::move(t));
      }
      of.push_back(found);
    }
  };
  pchip_split(f_, it_, is_break_, dl_it_, dr_it_);
  pchip_split(f_, loss_, is_break_, dl_loss_, dr_loss_);
  pchip_split(f_, grid_, is_break_, dl_grid_, dr_grid_);
  pchip_split(f_, standby_, is_break_, dl_standby_, dr_standby_);
  tabulate(hall_y, hall_tab_, hall_table_of_);
  tabulate(bldg_y, bldg_tab_, bldg_table_of_);
  tabulate(block_y, block_tab_, block_table_of_);
  campus_.y = campus_y;
  pchip_split(f_, campus_.y, is_break_, campus_.dl, campus_.dr);
  for (double w : cs.ref.rack_design_w)
    if (std::isfinite(w)) design_it_w_ += w;
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

double ElectricalResponse::eval(const Table& t, double f) const {
  return pchip_eval(f_, t.y, t.dl, t.dr, f);
}
double ElectricalResponse::hall_loss_w(std::size_t h, double f) const {
  return eval(hall_tab_[hall_table_of_[h]], f);
}
double ElectricalResponse::building_loss_w(std::size_t b, double f) const {
  return eval(bldg_tab_[bldg_table_of_[b]], f);
}
double ElectricalResponse::campus_loss_w(double f) const { return eval(campus_, f); }
double ElectricalResponse::block_loss_w(std::size_t b, double f) const {
  return eval(block_tab_[block_table_of_[b]], f);
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
    : site_(site),
      catalog_(catalog),
      elec_(elec),
      plant_(site, catalog),
      pressure_pa_(pressure_pa),
      opt_(options) {
  require(opt_.plant_frac_step > 0.0 && opt_.plant_temp_step_k > 0.0,
          "plant response: steps must be > 0");
}

PlantResponse::PlantResponse(const facility::CompiledSite& cs, const ElectricalResponse& elec,
                             double pressure_pa, const ResponseTableOptions& options)
    : site_(cs.site()),
      catalog_(cs.catalog()),
      elec_(elec),
      plant_(cs.plant),
      pressure_pa_(pressure_pa),
      opt_(options) {
  require(opt_.plant_frac_step > 0.0 && opt_.plant_temp_step_k > 0.0,
          "plant response: steps must be > 0");
}

PlantResponse::Point PlantResponse::solve_node(const Key& key) const {
  const double f = static_cast<double>(key.i) * opt_.plant_frac_step;
  const double db = static_cast<double>(key.j) * opt_.plant_temp_step_k;
  const double wb = std::min(db, static_cast<double>(key.k) * opt_.plant_temp_step_k);
  return solve_point(f, db, wb);
}

PlantResponse::Point PlantResponse::solve_point(double f, double db, double wb) const {
  const thermal::Outdoor od{db, wb, pressure_pa_};
  const auto r = thermal::solve_plant(plant_, od, elec_.rack_heat_w(f));
  Point p;
  p.cooling_w = r.cooling_power_w;
  p.water_l_per_h = r.water_l_per_h;
  for (const char* k : {thermal::kPowerTowerFans, thermal::kPowerDryCoolerFans})
    if (const auto it = r.power_w.find(k); it != r.power_w.end()) p.fan_w += it->second;
  bool off = false;
  std::uint64_t regime = 1469598103934665603ULL;  // FNV-1a over the loops' states
  const auto mix = [&regime](std::uint64_t v) { regime = (regime ^ v) * 1099511628211ULL; };
  for (const auto& l : r.loops) {
    if (l.economizer) p.free_cooling = 1.0;
    off = off || !l.setpoint_met;
    // Fans at their minimum speed and wet pads bend the power curve as economizing does.
    mix((l.economizer ? 2u : 0u) + (l.setpoint_met ? 1u : 0u) + (l.adiabatic ? 4u : 0u) +
        (l.fans_at_min_speed ? 8u : 0u));
  }
  for (const auto& v : r.violations) off = off || v.code == "cool.coolant_hot";
  // Units staging on and off are not part of it: with the catalog's part-load curves the power
  // stays close to linear across a stage (measured: the same 0.005 % worst error on the small
  // template with or without them), and counting them made the gigawatt year solve 2,253 plant
  // points instead of 1,587 (bench_engine).
  mix(off ? 1u : 0u);
  p.off_setpoint = off ? 1.0 : 0.0;
  p.regime = regime;
  return p;
}

PlantResponse::Key PlantResponse::exact_key(double f, double db, double wb) {
  return {std::llround(f * 1e6), std::llround(db * 1e3), std::llround(wb * 1e3)};
}

bool PlantResponse::spans_regimes(const Key& b) const {
  std::uint64_t first = 0;
  for (int c = 0; c < 8; ++c) {
    const Key k{b.i + (c & 1), b.j + ((c >> 1) & 1), b.k + ((c >> 2) & 1)};
    const auto it = nodes_.find(k);
    if (it == nodes_.end()) continue;
    if (c == 0) first = it->second.regime;
    if (it->second.regime != first) return true;
  }
  return false;
}

void PlantResponse::solve_all(const std::vector<Key>& keys, bool exact,
                              std::unordered_map<Key, Point, KeyHash>& into, double progress_from,
                              double progress_to, Progress* progress) {
  std::vector<Point> pts(keys.size());
  unsigned threads =
      opt_.threads ? opt_.threads : std::max(1u, std::thread::hardware_concurrency());
  threads =
      static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, keys.size())));
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> cancelled{false};
  auto work = [&](bool report) {
    for (;;) {
      const std::size_t i = next.fetch_add(1);
      if (i >= keys.size() || cancelled.load()) return;
      const Key& k = keys[i];
      pts[i] = exact ? solve_point(static_cast<double>(k.i) * 1e-6, static_cast<double>(k.j) * 1e-3,
                                   static_cast<double>(k.k) * 1e-3)
                     : solve_node(k);
      const std::size_t d = done.fetch_add(1) + 1;
      if (report && progress) {
        if (progress->cancelled()) cancelled.store(true);
        progress->report(progress_from + (progress_to - progress_from) * static_cast<double>(d) /
                                             static_cast<double>(keys.size()),
                         "plant response table");
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, false);
  work(true);
  for (auto& th : pool) th.join();
  if (cancelled.load()) throw Cancelled();
  for (std::size_t i = 0; i < keys.size(); ++i) into.emplace(keys[i], pts[i]);
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
  solve_all(std::vector<Key>(need.begin(), need.end()), false, nodes_, 0.3, 0.75, progress);
  // Steps whose cell spans a regime change are solved directly.
  if (!opt_.direct_at_regime_changes) return;
  std::unordered_set<Key, KeyHash> exact;
  last = {-1, -1, -1};
  bool last_spans = false;
  for (std::size_t s = 0; s < f.size(); ++s) {
    Key b;
    double tf = 0, td = 0, tw = 0;
    corners(f[s], db[s], wb[s], b, tf, td, tw);
    if (!(b == last)) last_spans = spans_regimes(b);
    last = b;
    if (!last_spans) continue;
    const Key k = exact_key(f[s], db[s], wb[s]);
    if (!exact_.count(k)) exact.insert(k);
  }
  solve_all(std::vector<Key>(exact.begin(), exact.end()), true, exact_, 0.75, 0.9, progress);
}

PlantResponse::Point PlantResponse::at(double f, double db, double wb) {
  Key b;
  double tf = 0, td = 0, tw = 0;
  corners(f, db, wb, b, tf, td, tw);
  for (int c = 0; c < 8; ++c) {
    const Key k{b.i + (c & 1), b.j + ((c >> 1) & 1), b.k + ((c >> 2) & 1)};
    if (!nodes_.count(k)) nodes_.emplace(k, solve_node(k));
  }
  if (opt_.direct_at_regime_changes && spans_regimes(b)) {
    const Key k = exact_key(f, db, wb);
    auto it = exact_.find(k);
    if (it == exact_.end())
      it = exact_
               .emplace(
                   k, solve_point(static_cast<double>(k.i) * 1e-6, static_cast<double>(k.j) * 1e-3,
                                  static_cast<double>(k.k) * 1e-3))
               .first;
    return it->second;
  }
  Point p;
  double fan_root = 0;
  for (int c = 0; c < 8; ++c) {
    const int a = c & 1, bj = (c >> 1) & 1, bk = (c >> 2) & 1;
    const Key k{b.i + a, b.j + bj, b.k + bk};
    const auto it = nodes_.find(k);
    const double w = (a ? tf : 1.0 - tf) * (bj ? td : 1.0 - td) * (bk ? tw : 1.0 - tw);
    p.cooling_w += w * (it->second.cooling_w - it->second.fan_w);
    fan_root += w * std::cbrt(it->second.fan_w);
    p.water_l_per_h += w * it->second.water_l_per_h;
    p.off_setpoint += w * it->second.off_setpoint;
    p.free_cooling += w * it->second.free_cooling;
  }
  p.fan_w = fan_root * fan_root * fan_root;
  p.cooling_w += p.fan_w;
  return p;
}

// ---------------------------------------------------------------------------------------------
// Events (utility loss, chiller trip, component outage): solved with the engines themselves.

const char* to_string(EventKind k) {
  switch (k) {
    case EventKind::UtilityLoss:
      return "utility_loss";
    case EventKind::ChillerTrip:
      return "chiller_trip";
    case EventKind::ComponentOutage:
      return "component_outage";
  }
  return "?";
}

namespace {

// Site solves under one set of options, cached by load fraction (rounded to 1e-4).
class SolveCache {
 public:
  SolveCache(const electrical::CompiledNetwork& net, electrical::SiteSolveOptions opt)
      : net_(net), opt_(std::move(opt)) {}
  const electrical::SiteElecResult& at(double f) {
    const auto key = static_cast<std::int64_t>(std::llround(f * 1e4));
    auto it = cache_.find(key);
    if (it == cache_.end()) {
      auto o = opt_;
      o.load_frac = static_cast<double>(key) * 1e-4;
      it = cache_.emplace(key, electrical::solve_site_power(net_, o)).first;
    }
    return it->second;
  }
  std::size_t solves() const { return cache_.size(); }

 private:
  const electrical::CompiledNetwork& net_;  // compiled once for every case and load
  electrical::SiteSolveOptions opt_;
  std::map<std::int64_t, electrical::SiteElecResult> cache_;
};

struct EventContext {
  const facility::CompiledSite& cs;  // the site's compiled view, network and plant
  const Site& site;
  const Catalog& catalog;
  const ElectricalResponse& elec;
  const std::vector<double>& wet_bulb_c;
  double pressure_pa;
  double step_s;
  SimulationResult& res;
  std::vector<double>& demand;   // grid-side demand before the site battery
  std::vector<double>& standby;  // standby supply per step
  std::size_t elec_solves = 0, plant_solves = 0;
};

// Steps [s0, s1) covered by [t0, t1).
std::pair<std::size_t, std::size_t> event_steps(const TimeGrid& g, double t0, double t1) {
  const auto first = [&](double t) {
    const double x = std::ceil((t - g.start_s) / g.step_s - 1e-9);
    return static_cast<std::size_t>(std::clamp(x, 0.0, static_cast<double>(g.steps)));
  };
  return {first(t0), first(t1)};
}

double param_or(const Catalog& catalog, const std::string& type, const char* name, double dflt) {
  const CatalogItem* item = catalog.find(type);
  if (!item) return dflt;
  try {
    return item->get(name);
  } catch (const std::exception&) {
    return dflt;
  }
}

// Step s carries these electrical values: IT, losses, standby (generators, UPS batteries); grid
// import = IT + losses - standby, cooling on top.
void set_step(EventContext& c, std::size_t s, double it, double loss, double standby,
              double cooling) {
  auto& r = c.res;
  r.it_w[s] = it;
  r.losses_w[s] = loss;
  r.cooling_w[s] = cooling;
  r.facility_w[s] = it + loss + cooling;
  c.standby[s] = standby;
  c.demand[s] = it + loss + cooling - standby;
}

// UPS upstream of a node, through closed edges (`up`: node -> its suppliers); the walk stops at
// a UPS.
std::vector<Id> ups_upstream(const std::unordered_map<Id, const ElecNode*>& node_of,
                             const std::unordered_map<Id, std::vector<Id>>& up, Id feed) {
  std::vector<Id> found, stack{feed};
  std::unordered_set<Id> seen;
  while (!stack.empty()) {
    const Id n = stack.back();
    stack.pop_back();
    if (n == kNoId || !seen.insert(n).second) continue;
    const auto it = node_of.find(n);
    if (it != node_of.end() && it->second->kind == ElecKind::Ups) {
      found.push_back(n);
      continue;
    }
    if (const auto u = up.find(n); u != up.end())
      for (Id p : u->second) stack.push_back(p);
  }
  return found;
}

// A cooling unit, electrical node or connection as the time line names it: its site name in
// quotes, the id when the site has no such entity.
std::string name_of(const Site& site, Id id) {
  for (const auto& u : site.cooling)
    if (u.id == id) return "'" + u.name + "'";
  for (const auto& n : site.elec_nodes)
    if (n.id == id) return "'" + n.name + "'";
  for (const auto& e : site.elec_edges)
    if (e.id == id)
      return e.name.empty() ? "connection " + std::to_string(id) : "connection '" + e.name + "'";
  return std::to_string(id);
}

// "3 cooling_towers, 2 chillers" for a set of units (site.cooling indices).
std::string units_in_words(const Site& site, const std::vector<std::size_t>& units) {
  std::map<std::string, std::size_t> by_kind;
  for (std::size_t k : units) ++by_kind[to_string(site.cooling[k].kind)];
  std::string s;
  for (const auto& [kind, n] : by_kind)
    s += (s.empty() ? "" : ", ") + std::to_string(n) + " " + kind + (n == 1 ? "" : "s");
  return s;
}

// A utility loss as a cascade on a time line. Power: the UPS batteries carry what is behind
// them, battery storage (standby sources that start at once) its lineups, the generators the
// island once started (catalog start_time_s). Cooling: a unit whose feeds all lose power stops;
// once power is back it runs again after its catalog restart_s. Heat: while units are stopped,
// thermal::cooling_loss of the stopped set (on the coupled plant when the utility was lost)
// gives each medium's unbalance and thermal mass, stepped in time; a medium is held at its peak
// once its units run again. Racks lose power, or pass a hard coolant or inlet limit: both are
// racks lost.
void utility_loss(EventContext& c, const ScenarioEvent& ev, EventResult& er) {
  const Site& site = c.site;
  auto& r = c.res;
  std::unordered_set<Id> grid_feeds;
  for (const auto& n : site.elec_nodes)
    if (n.kind == ElecKind::GridFeed && (ev.target == kNoId || n.id == ev.target))
      grid_feeds.insert(n.id);
  if (grid_feeds.empty())
    throw std::invalid_argument("utility loss: no grid feed has id " + std::to_string(ev.target));
  const auto [s0, s1] = event_steps(r.grid, er.t0_s, er.end_s);
  if (s0 >= s1) return;
  std::unordered_map<Id, const ElecNode*> node_of;
  for (const auto& n : site.elec_nodes) node_of[n.id] = &n;
  const auto start_time = [&](const ElecNode& n) {
    return n.kind == ElecKind::Generator ? param_or(c.catalog, n.type, "start_time_s", 0.0) : 0.0;
  };

  // The coupled state when the utility is lost: every cooling unit's load on its feeds.
  const double f0 = r.load_frac[s0];
  facility::FacilityOptions fopt;
  fopt.electrical.load_frac = f0;
  const thermal::Outdoor od0{r.dry_bulb_c[s0], c.wet_bulb_c[s0], c.pressure_pa};
  const facility::FacilityResult base = facility::solve_facility(c.cs, od0, fopt);
  c.elec_solves += std::size_t(std::max(0, base.balance.passes));
  ++c.plant_solves;

  // Three networks: normal (the base's loads), the bridge (grid lost, the standby sources that
  // start at once closed: battery storage) and the island (every standby source closed).
  electrical::SiteSolveOptions normal_opt, bridge_opt, island_opt;
  normal_opt.loads = bridge_opt.loads = island_opt.loads = base.loads;
  bridge_opt.failed = island_opt.failed = grid_feeds;
  for (const auto& e : site.elec_edges) {
    if (!e.normally_open) continue;
    for (Id end : {e.from, e.to}) {
      const auto it = node_of.find(end);
      if (it == node_of.end()) continue;
      const ElecNode& n = *it->second;
      if (n.kind != ElecKind::Generator && n.kind != ElecKind::Battery) continue;
      island_opt.closed_edges.insert(e.id);
      if (start_time(n) <= 0) bridge_opt.closed_edges.insert(e.id);
    }
  }
  const electrical::CompiledNetwork& net = c.cs.net;
  SolveCache normal(net, normal_opt), bridge(net, bridge_opt), island(net, island_opt);
  // The island while units restart: only the running units' loads (by load level and the
  // indices of the stopped loads).
  std::map<std::vector<std::size_t>, electrical::SiteElecResult> island_sets;
  std::size_t island_set_solves = 0;
  const auto island_with = [&](double f, const std::vector<char>& run) -> const auto& {
    std::vector<std::size_t> key{static_cast<std::size_t>(std::llround(f * 1e4))};
    for (std::size_t l = 0; l < run.size(); ++l)
      if (!run[l]) key.push_back(l);
    if (key.size() == 1) return island.at(f);
    auto it = island_sets.find(key);
    if (it == island_sets.end()) {
      auto o = island_opt;
      o.load_frac = static_cast<double>(key.front()) * 1e-4;
      o.loads.clear();
      for (std::size_t l = 0; l < run.size(); ++l)
        if (run[l]) o.loads.push_back(island_opt.loads[l]);
      it = island_sets.emplace(std::move(key), electrical::solve_site_power(net, o)).first;
      ++island_set_solves;
    }
    return it->second;
  };

  // Generators that carry the island, and the slowest start among them.
  const auto& isl0 = island.at(f0);
  for (std::size_t k = 0; k < site.elec_nodes.size(); ++k) {
    const auto& n = site.elec_nodes[k];
    if (n.kind != ElecKind::Generator || !isl0.nodes[k].energized) continue;
    er.generators = true;
    er.generator_start_s = std::max(er.generator_start_s, start_time(n));
  }
  const double gen_on = er.generators ? er.t0_s + er.generator_start_s : er.end_s;
  // Each generator's derated rating (0 for other nodes), looked up once for every step.
  std::vector<double> derated_w(site.elec_nodes.size(), 0.0);
  for (std::size_t k = 0; k < site.elec_nodes.size(); ++k) {
    const auto& n = site.elec_nodes[k];
    if (n.kind == ElecKind::Generator)
      derated_w[k] = n.rating_w * (1.0 - param_or(c.catalog, n.type, "derate_frac", 0.0));
  }
  // A generator's output and its loading on its derated rating in a solve (-1: not running).
  const auto generator_out = [&](const electrical::SiteElecResult& x, std::size_t k) {
    struct Out {
      double p_w, pct;
    };
    if (site.elec_nodes[k].kind != ElecKind::Generator || !x.nodes[k].energized)
      return Out{0.0, -1.0};
    const double p = std::max(0.0, x.nodes[k].p_w);
    return Out{p, derated_w[k] > 0 ? 100.0 * p / derated_w[k] : 0.0};
  };

  // UPS upstream of every rack cord and cooling unit feed.
  std::unordered_map<Id, std::vector<Id>> up;
  for (const auto& e : site.elec_edges)
    if (!e.normally_open) up[e.to].push_back(e.from);
  const std::size_t nr = site.racks.size(), nc = site.cooling.size();
  std::vector<std::vector<Id>> rack_ups(nr);
  for (std::size_t i = 0; i < nr; ++i)
    for (Id f : {site.racks.feed_a[i], site.racks.feed_b[i]})
      for (Id u : ups_upstream(node_of, up, f)) rack_ups[i].push_back(u);
  std::unordered_map<Id, std::size_t> cool_index;
  for (std::size_t k = 0; k < nc; ++k) cool_index[site.cooling[k].id] = k;
  // The cooling units on the chain (a load of the base solve): UPS, restart time, power.
  const std::size_t nl = base.loads.size();
  std::vector<std::size_t> unit_of(nl);
  std::vector<std::vector<Id>> load_ups(nl);
  std::vector<double> restart(nl, 0.0), load_w(nl, 0.0);
  std::set<std::string> no_restart;
  double plant_w = 0;
  for (std::size_t k = 0; k < nc && k < base.plant.units.size(); ++k)
    plant_w += base.plant.units[k].power_w;
  for (std::size_t l = 0; l < nl; ++l) {
    const auto& fl = base.loads[l];
    unit_of[l] = cool_index.at(fl.entity);
    for (Id f : {fl.feed_a, fl.feed_b})
      for (Id u : ups_upstream(node_of, up, f)) load_ups[l].push_back(u);
    const std::string& type = site.cooling[unit_of[l]].type;
    const CatalogItem* item = c.catalog.find(type);
    if (item && item->has("restart_s"))
      restart[l] = item->get("restart_s");
    else
      no_restart.insert(type.empty() ? std::string(to_string(site.cooling[unit_of[l]].kind))
                                     : type);
    load_w[l] = base.plant.units.size() > unit_of[l] ? base.plant.units[unit_of[l]].power_w : 0.0;
  }

  // Battery energy: UPS (rating x runtime at rated power) and battery storage (usable energy).
  const auto& norm0 = normal.at(f0);
  std::vector<std::size_t> ups_idx, storage_idx;
  std::unordered_map<Id, double> battery_j, drawn_j, depleted_at;
  for (std::size_t k = 0; k < site.elec_nodes.size(); ++k) {
    const auto& n = site.elec_nodes[k];
    if (n.kind == ElecKind::Ups) {
      ups_idx.push_back(k);
      battery_j[n.id] = n.rating_w * param_or(c.catalog, n.type, "battery_runtime_s", 0.0);
    } else if (n.kind == ElecKind::Battery) {
      storage_idx.push_back(k);
      battery_j[n.id] = 3600.0 * param_or(c.catalog, n.type, "energy_wh", 0.0) *
                        (1.0 - param_or(c.catalog, n.type, "min_soc_frac", 0.0));
    } else {
      continue;
    }
    drawn_j[n.id] = 0;
  }
  const auto ups_ok = [&](const std::vector<Id>& ups) {
    for (Id u : ups)
      if (!depleted_at.count(u)) return true;
    return false;
  };

  const auto add = [&](double t, std::string what, std::string detail, std::vector<Id> units = {},
                       std::vector<Id> entities = {}) {
    er.cascade.push_back(
        {t, std::move(what), std::move(detail), std::move(units), std::move(entities)});
  };
  {
    std::ostringstream d;
    d << "the utility is lost: " << ups_idx.size() << " UPS on battery";
    if (!storage_idx.empty())
      d << ", " << storage_idx.size() << " battery storage units carry their lineups";
    if (er.generators)
      d << "; generators start (" << er.generator_start_s << " s)";
    else
      d << "; no generator carries the site";
    add(er.t0_s, "utility_lost", d.str());
  }
  if (!no_restart.empty()) {
    std::string types;
    for (const auto& t : no_restart) types += (types.empty() ? "" : ", ") + t;
    add(er.t0_s, "cooling_stopped",
        "no restart_s in the catalog for " + types + ": these restart the moment power returns");
  }

  // Step in time to the end of the horizon: the outage, then the restarts after it.
  std::vector<char> running(nl, 1), had_power_gap(nl, 0), rack_off(nr, 0), rack_gap(nr, 0);
  std::vector<double> power_back(nl, -1.0);
  std::map<std::string, std::size_t> medium_of;  // medium/target -> index in er.media
  std::vector<double> temp;                      // per medium
  std::vector<std::set<std::string>> reached;    // limits reached per medium
  std::set<Id> over_limit;
  std::map<std::vector<Id>, thermal::CoolingLoss> losses;
  std::map<std::int64_t, std::vector<double>> heat_at;
  bool any_stopped = false, generators_logged = false, restored_logged = false;
  double bridge_t = 0;
  std::unordered_map<Id, double> gen_energy_wh;
  const std::size_t steps = r.grid.steps;
  for (std::size_t s = s0; s < steps; ++s) {
    const double t = r.grid.start_s + c.step_s * static_cast<double>(s);
    const double f = r.load_frac[s];
    const bool outage = s < s1;
    const bool on_gen = outage && t >= gen_on - 1e-9;
    if (on_gen && !generators_logged && er.generators) {
      generators_logged = true;
      const auto& is = island.at(f);
      double peak = 0, out_w = 0;
      std::size_t n_gen = 0;
      for (std::size_t k = 0; k < site.elec_nodes.size(); ++k) {
        const auto g = generator_out(is, k);
        if (g.pct < 0) continue;
        ++n_gen;
        out_w += g.p_w;
        peak = std::max(peak, g.pct);
      }
      std::ostringstream d;
      d.precision(4);
      d << n_gen << " generators have started and carry " << is.it_power_w / 1e6 << " MW of IT ("
        << out_w / 1e6 << " MW from generators, the UPS back on their input; the most loaded at "
        << peak << " % of derated rating once the whole plant runs); the stopped cooling units "
        << "restart after their restart times";
      add(t, "generators_on", d.str());
    }
    if (!outage && !restored_logged) {
      restored_logged = true;
      add(t, "utility_restored", "the utility is back: the site returns to the grid");
    }
    const electrical::SiteElecResult* bs = outage && !on_gen ? &bridge.at(f) : nullptr;
    const electrical::SiteElecResult* is = on_gen ? &island.at(f) : nullptr;
    const auto& nm = normal.at(f);

    // Bridge: each UPS delivers what it delivered before the loss, from its battery; battery
    // storage what the bridge solve draws from it (the island solve once generators run).
    if (outage) {
      const auto draw = [&](std::size_t k, double p_w) {
        const Id id = site.elec_nodes[k].id;
        if (depleted_at.count(id)) return;
        drawn_j[id] += std::max(0.0, p_w) * c.step_s;
        if (drawn_j[id] > battery_j[id]) {
          depleted_at[id] = t + c.step_s;
          const bool ups = site.elec_nodes[k].kind == ElecKind::Ups;
          (ups ? er.ups_depleted : er.storage_depleted).push_back(id);
          add(t + c.step_s, ups ? "ups_depleted" : "storage_depleted",
              std::string(ups ? "UPS " : "battery storage ") + site.elec_nodes[k].name +
                  " runs out of battery: what only it carries loses power",
              {}, {id});
        }
      };
      if (!on_gen)
        for (std::size_t k : ups_idx)
          if (nm.nodes[k].energized) draw(k, nm.nodes[k].p_w);
      const auto* src = bs ? bs : is;
      for (std::size_t k : storage_idx)
        if (src->nodes[k].energized) draw(k, src->nodes[k].p_w);
    }

    // Power to each rack and cooling unit now.
    std::vector<Id> racks_now_off;
    for (std::size_t i = 0; i < nr; ++i) {
      if (!norm0.racks[i].powered) continue;
      const bool powered =
          !outage || (is ? is->racks[i].powered : bs->racks[i].powered || ups_ok(rack_ups[i]));
      if (!powered && !rack_off[i]) racks_now_off.push_back(site.racks.id[i]);
      rack_off[i] = !powered;
      rack_gap[i] = rack_gap[i] || !powered;
    }
    if (!racks_now_off.empty()) {
      std::ostringstream d;
      d << racks_now_off.size() << " racks lose power";
      add(t, "racks_lost_power", d.str(), {}, racks_now_off);
    }
    std::vector<std::size_t> stopped_now, restarted_now;
    for (std::size_t l = 0; l < nl; ++l) {
      if (!norm0.loads[l].powered) continue;  // unfed before the loss: the base plant's own
      const bool powered =
          !outage || (is ? is->loads[l].powered : bs->loads[l].powered || ups_ok(load_ups[l]));
      if (!powered) {
        if (running[l]) stopped_now.push_back(unit_of[l]);
        running[l] = 0;
        had_power_gap[l] = 1;
        power_back[l] = -1.0;
      } else if (!running[l]) {
        if (power_back[l] < 0) power_back[l] = t;
        if (t >= power_back[l] + restart[l] - 1e-9) {
          running[l] = 1;
          restarted_now.push_back(unit_of[l]);
        }
      }
    }
    const auto ids = [&](const std::vector<std::size_t>& ks) {
      std::vector<Id> v;
      for (std::size_t k : ks) v.push_back(site.cooling[k].id);
      return v;
    };
    if (!stopped_now.empty()) {
      any_stopped = true;
      add(t, "cooling_stopped",
          units_in_words(site, stopped_now) + " lose power and stop (behind no UPS or storage)",
          ids(stopped_now));
    }
    if (!restarted_now.empty())
      add(t, "cooling_restarted", units_in_words(site, restarted_now) + " run again",
          ids(restarted_now));

    // Heat: the stopped set's cooling loss, stepped.
    std::vector<Id> stopped;
    double stopped_w = 0;
    for (std::size_t l = 0; l < nl; ++l) {
      if (running[l]) continue;
      stopped_w += load_w[l];
      stopped.push_back(site.cooling[unit_of[l]].id);
    }
    std::sort(stopped.begin(), stopped.end());
    if (!stopped.empty()) {
      std::vector<Id> key = stopped;
      key.push_back(kNoId);  // racks unpowered after the separator
      for (std::size_t i = 0; i < nr; ++i)
        if (rack_off[i]) key.push_back(site.racks.id[i]);
      key.push_back(static_cast<Id>(std::llround(f * 1e4)));
      auto it = losses.find(key);
      if (it == losses.end()) {
        const auto hk = static_cast<std::int64_t>(std::llround(f * 1e4));
        auto h = heat_at.find(hk);
        if (h == heat_at.end()) h = heat_at.emplace(hk, c.elec.rack_heat_w(f)).first;
        it = losses
                 .emplace(std::move(key), thermal::cooling_loss(site, c.catalog, base.plant,
                                                                stopped, h->second, rack_off))
                 .first;
      }
      for (const auto& part : it->second.parts) {
        const std::string mk = part.medium + "#" + std::to_string(part.target);
        auto m = medium_of.find(mk);
        if (m == medium_of.end()) {
          CascadeMedium cm;
          cm.medium = part.medium;
          cm.target = part.target;
          cm.start_c = cm.peak_c = part.start_c;
          cm.racks_affected = part.racks_affected.size();
          if (!part.limits.empty()) {
            cm.limit = part.limits.front().name;
            cm.limit_c = part.limits.front().limit_c;
          }
          m = medium_of.emplace(mk, er.media.size()).first;
          er.media.push_back(cm);
          temp.push_back(part.start_c);
          reached.emplace_back();
        }
        const std::size_t mi = m->second;
        const double before = temp[mi];
        const double rate = part.thermal_mass_j_per_k > 0
                                ? part.unbalance_w / part.thermal_mass_j_per_k
                                : std::numeric_limits<double>::infinity();
        if (part.unbalance_w <= 0) continue;
        temp[mi] = std::isfinite(rate) ? before + rate * c.step_s
                                       : std::numeric_limits<double>::infinity();
        for (const auto& lim : part.limits) {
          if (temp[mi] < lim.limit_c || !reached[mi].insert(lim.name).second) continue;
          const double tc = std::isfinite(rate)
                                ? t + std::clamp((lim.limit_c - before) / rate, 0.0, c.step_s)
                                : t;
          const bool hard = lim.hard;
          auto& cm = er.media[mi];
          if (!cm.time_to_limit_s) {
            cm.time_to_limit_s = tc - er.t0_s;
            cm.limit = lim.name;
            cm.limit_c = lim.limit_c;
          }
          std::ostringstream d;
          d.precision(4);
          d << name_of(site, part.target) << " (" << part.medium << ") reaches " << lim.name << " ("
            << lim.limit_c << " C) " << tc - er.t0_s << " s after the loss";
          if (hard) {
            d << ": " << part.racks_affected.size() << " racks throttle or trip";
            over_limit.insert(part.racks_affected.begin(), part.racks_affected.end());
          }
          add(tc, "limit_reached", d.str(), {},
              hard ? part.racks_affected : std::vector<Id>{part.target});
        }
        er.media[mi].peak_c = std::max(er.media[mi].peak_c, std::min(temp[mi], 1e3));
      }
    }
    if (any_stopped && stopped.empty() && !er.plant_running_s) {
      er.plant_running_s = t - er.t0_s;
      add(t, "plant_running", "every stopped cooling unit runs again");
    }

    // The step's electrical values; cooling is the plant series less the stopped units' power.
    const double run_frac = plant_w > 0 ? std::max(0.0, 1.0 - stopped_w / plant_w) : 1.0;
    const double cooling = r.cooling_w[s] * run_frac;
    if (!outage) {
      r.cooling_w[s] = cooling;
      r.facility_w[s] = r.it_w[s] + r.losses_w[s] + cooling;
      c.demand[s] = r.facility_w[s] - c.standby[s];
      continue;
    }
    if (is) {
      is = &island_with(f, running);
      for (std::size_t k = 0; k < site.elec_nodes.size(); ++k) {
        const auto g = generator_out(*is, k);
        if (g.pct < 0) continue;
        er.generator_peak_loading_pct = std::max(er.generator_peak_loading_pct, g.pct);
        gen_energy_wh[site.elec_nodes[k].id] += g.p_w * c.step_s / 3600.0;
      }
      // The island's IT and losses, with the loads of the running plant on it.
      const double loss = is->total_loss_w;
      set_step(c, s, is->it_power_w, loss, is->it_power_w + loss + cooling, cooling);
    } else {
      double it = 0, it_all = 0;
      for (std::size_t i = 0; i < nr; ++i) {
        if (!nm.racks[i].powered) continue;
        it_all += nm.racks[i].it_w;
        if (!rack_off[i]) it += nm.racks[i].it_w;
      }
      // Losses of the bridged racks' share of the site (the normal solve's, pro rata).
      const double loss = it_all > 0 ? (nm.total_loss_w) * it / it_all : 0.0;
      set_step(c, s, it, loss, it + loss + cooling, cooling);
      bridge_t += c.step_s;
    }
  }
  er.bridge_s = bridge_t;
  double bridge_j = 0;
  for (std::size_t k : ups_idx) {
    const Id id = site.elec_nodes[k].id;
    bridge_j += std::min(drawn_j[id], battery_j[id]);
    if (drawn_j[id] <= 0 || bridge_t <= 0) continue;
    const double mean_w = drawn_j[id] / bridge_t;
    const double margin = (battery_j[id] - drawn_j[id]) / mean_w;
    if (!er.min_ups_margin_s || margin < *er.min_ups_margin_s) {
      er.min_ups_margin_s = margin;
      er.min_margin_ups = id;
    }
  }
  er.bridge_energy_wh = bridge_j / 3600.0;
  for (std::size_t k : storage_idx) {
    const Id id = site.elec_nodes[k].id;
    er.storage_energy_wh += std::min(drawn_j[id], battery_j[id]) / 3600.0;
  }
  for (const auto& [id, wh] : gen_energy_wh) {
    er.generator_energy_wh += wh;
    er.fuel_l += param_or(c.catalog, node_of.at(id)->type, "fuel_l_per_kwh", 0.0) * wh / 1000.0;
  }
  for (std::size_t l = 0; l < nl; ++l) er.cooling_units_stopped += had_power_gap[l];
  for (std::size_t i = 0; i < nr; ++i)
    if (rack_gap[i]) er.racks_without_power.push_back(site.racks.id[i]);
  er.racks_over_limit.assign(over_limit.begin(), over_limit.end());
  std::set<Id> lost(er.racks_without_power.begin(), er.racks_without_power.end());
  lost.insert(over_limit.begin(), over_limit.end());
  er.racks_lost.assign(lost.begin(), lost.end());
  std::stable_sort(er.media.begin(), er.media.end(),
                   [](const CascadeMedium& a, const CascadeMedium& b) {
                     const double ta = a.time_to_limit_s.value_or(1e300);
                     const double tb = b.time_to_limit_s.value_or(1e300);
                     return ta != tb ? ta < tb : a.peak_c - a.start_c > b.peak_c - b.start_c;
                   });
  std::stable_sort(er.cascade.begin(), er.cascade.end(),
                   [](const CascadeEntry& a, const CascadeEntry& b) { return a.t_s < b.t_s; });

  std::ostringstream why;
  why.precision(4);
  why << "utility lost at " << er.t0_s << " s until " << er.end_s << " s; ";
  if (er.generators)
    why << "UPS batteries" << (storage_idx.empty() ? "" : " and battery storage") << " bridge "
        << er.bridge_s << " s until the generators have started, then the generators carry the "
        << "site (peak " << er.generator_peak_loading_pct << " % of derated rating)";
  else
    why << "no generator carries the site: UPS batteries"
        << (storage_idx.empty() ? "" : " and battery storage") << " bridge the whole outage";
  why << "; " << er.cooling_units_stopped << " cooling units stop";
  if (er.plant_running_s)
    why << " and all run again " << *er.plant_running_s << " s after the loss";
  if (!er.media.empty() && er.media.front().time_to_limit_s)
    why << "; " << name_of(site, er.media.front().target) << " (" << er.media.front().medium << ")"
        << " reaches " << er.media.front().limit << " after " << *er.media.front().time_to_limit_s
        << " s";
  if (!er.racks_lost.empty())
    why << "; " << er.racks_lost.size() << " racks lost (" << er.racks_without_power.size()
        << " without power, " << er.racks_over_limit.size() << " past a coolant or inlet limit)";
  else
    why << "; no rack is lost: the site rides through";
  er.explanation = why.str();
  c.elec_solves += normal.solves() + bridge.solves() + island.solves() + island_set_solves;
}

void component_outage(EventContext& c, const ScenarioEvent& ev, EventResult& er) {
  const Site& site = c.site;
  auto& r = c.res;
  bool found = false;
  for (const auto& n : site.elec_nodes) found = found || n.id == ev.target;
  if (!found)
    throw std::invalid_argument("component outage: no electrical node has id " +
                                std::to_string(ev.target));
  electrical::SiteSolveOptions fo;
  fo.failed.insert(ev.target);
  const electrical::CompiledNetwork& net = c.cs.net;
  SolveCache normal(net, {}), out(net, fo);
  const auto [s0, s1] = event_steps(r.grid, er.t0_s, er.end_s);
  std::vector<std::uint8_t> lost(site.racks.size(), 0);
  for (std::size_t s = s0; s < s1; ++s) {
    const auto& nm = normal.at(r.load_frac[s]);
    const auto& o = out.at(r.load_frac[s]);
    for (std::size_t i = 0; i < site.racks.size(); ++i)
      if (nm.racks[i].powered && !o.racks[i].powered) lost[i] = 1;
    if (o.max_loading_pct > er.worst_loading_pct) {
      er.worst_loading_pct = o.max_loading_pct;
      er.worst_loading_entity = o.max_loading_entity;
    }
    set_step(c, s, o.it_power_w, o.total_loss_w, o.standby_output_w, r.cooling_w[s]);
  }
  for (std::size_t i = 0; i < site.racks.size(); ++i)
    if (lost[i]) er.racks_lost.push_back(site.racks.id[i]);
  std::ostringstream why;
  why << "electrical node " << name_of(site, ev.target) << " out of service from " << er.t0_s
      << " s to " << er.end_s << " s: " << er.racks_lost.size()
      << " rack(s) lose power, worst loading " << er.worst_loading_pct << " % ("
      << name_of(site, er.worst_loading_entity) << ")";
  er.explanation = why.str();
  c.elec_solves += normal.solves() + out.solves();
}

void chiller_trip(EventContext& c, const ScenarioEvent& ev, EventResult& er) {
  const Site& site = c.site;
  auto& r = c.res;
  // Resolve the target: a chiller, a loop, or the first loop with chillers.
  Id target = ev.target;
  if (target == kNoId) {
    for (const auto& u : site.cooling)
      if (u.kind == CoolKind::Chiller && u.loop_id != kNoId) {
        target = u.loop_id;
        break;
      }
    if (target == kNoId)
      throw std::invalid_argument("chiller trip: the site has no chiller on a loop");
  }
  const CoolingUnit* t = nullptr;
  for (const auto& u : site.cooling)
    if (u.id == target) t = &u;
  if (!t || (t->kind != CoolKind::Chiller && t->kind != CoolKind::WaterLoop))
    throw std::invalid_argument("chiller trip: " + std::to_string(target) +
                                " is neither a chiller nor a water loop");
  er.target = target;
  const Id loop_id = t->kind == CoolKind::WaterLoop ? t->id : t->loop_id;
  std::unordered_set<Id> tripped;
  for (const auto& u : site.cooling)
    if (u.kind == CoolKind::Chiller &&
        (u.id == target || (t->kind == CoolKind::WaterLoop && u.loop_id == loop_id)))
      tripped.insert(u.id);
  Site reduced = site;
  std::erase_if(reduced.cooling, [&](const CoolingUnit& u) { return tripped.count(u.id) > 0; });

  const auto [s0, s1] = event_steps(r.grid, er.t0_s, er.end_s);
  const std::size_t steps = r.grid.steps;
  if (s0 >= steps) return;
  const auto outdoor = [&](std::size_t s) {
    return thermal::Outdoor{r.dry_bulb_c[s], c.wet_bulb_c[s], c.pressure_pa};
  };
  // The lumped model at the event's start: unbalance, thermal mass, limits.
  const auto heat0 = c.elec.rack_heat_w(r.load_frac[s0]);
  const thermal::RideThroughResult rt = thermal::ride_through(
      site, c.catalog, thermal::CoolingEvent::ChillerTrip, target, outdoor(s0), heat0);
  er.thermal_mass_j_per_k = rt.thermal_mass_j_per_k;
  er.start_c = er.peak_c = rt.start_c;
  double lim_rec = std::numeric_limits<double>::infinity(), lim_all = lim_rec;
  for (const auto& l : rt.limits) {
    if (l.hard)
      lim_all = std::min(lim_all, l.limit_c);
    else
      lim_rec = std::min(lim_rec, l.limit_c);
  }
  // Step in time: while tripped, the remaining plant (solve_plant without the tripped chillers)
  // removes what its chillers can; the rest warms the loop water and tanks. After the trip the
  // full plant's spare chiller capacity cools the loop back to its start temperature.
  // Both plants looked up once (thermal::PlantModel) for the solves of every distinct step.
  const thermal::PlantModel& full_plant = c.cs.plant;
  const thermal::PlantModel reduced_plant(reduced, c.catalog);
  std::map<std::int64_t, std::pair<thermal::PlantResult, thermal::PlantResult>> cache;
  const auto plants =
      [&](std::size_t s) -> const std::pair<thermal::PlantResult, thermal::PlantResult>& {
    const auto key = static_cast<std::int64_t>(std::llround(r.load_frac[s] * 1e4)) * 1000003 +
                     std::llround(r.dry_bulb_c[s] * 10) * 1009 + std::llround(c.wet_bulb_c[s] * 10);
    auto it = cache.find(key);
    if (it == cache.end()) {
      const auto heat = c.elec.rack_heat_w(r.load_frac[s]);
      it = cache
               .emplace(key, std::make_pair(thermal::solve_plant(full_plant, outdoor(s), heat),
                                            thermal::solve_plant(reduced_plant, outdoor(s), heat)))
               .first;
      c.plant_solves += 2;
    }
    return it->second;
  };
  const auto loop_of = [&](const thermal::PlantResult& p) -> const thermal::LoopState* {
    for (const auto& l : p.loops)
      if (l.id == loop_id) return &l;
    return nullptr;
  };
  const auto chiller_heat = [&](const thermal::PlantResult& p) {
    double h = 0;
    for (const auto& d : p.units)
      for (const auto& u : site.cooling)
        if (u.id == d.id && u.kind == CoolKind::Chiller && u.loop_id == loop_id) h += d.heat_w;
    return h;
  };
  double capacity_all = 0;
  for (const auto& u : site.cooling)
    if (u.kind == CoolKind::Chiller && u.loop_id == loop_id) capacity_all += u.capacity_w;
  double T = rt.start_c;
  bool back = true;
  for (std::size_t s = s0; s < steps; ++s) {
    const double t = r.grid.start_s + c.step_s * static_cast<double>(s);
    const auto& [full, red] = plants(s);
    const thermal::LoopState* lf = loop_of(full);
    const double heat = lf ? lf->heat_w : 0.0;
    double q = 0;  // net heat into the loop water (W)
    if (s < s1) {
      const thermal::LoopState* lr = loop_of(red);
      const bool carried = (lf && lf->economizer) || (lr && lr->economizer && lr->setpoint_met);
      q = carried ? 0.0 : std::max(0.0, heat - chiller_heat(red));
      if (s == s0) er.unbalance_w = q;
      r.cooling_w[s] = red.cooling_power_w;
      r.facility_w[s] = r.it_w[s] + r.losses_w[s] + r.cooling_w[s];
      c.demand[s] = r.it_w[s] + r.losses_w[s] + r.cooling_w[s] - c.standby[s];
    } else if (T > rt.start_c) {
      q = -std::max(0.0, capacity_all - heat);
    }
    if (er.thermal_mass_j_per_k > 0) T += q * c.step_s / er.thermal_mass_j_per_k;
    if (s >= s1) T = std::max(T, rt.start_c);
    er.peak_c = std::max(er.peak_c, T);
    const double t_end = t + c.step_s - er.t0_s;
    if (!er.time_to_recommended_s && T >= lim_rec)
      er.time_to_recommended_s =
          std::max(0.0, t_end - (T - lim_rec) * er.thermal_mass_j_per_k / std::max(q, 1e-300));
    if (!er.time_to_allowable_s && T >= lim_all)
      er.time_to_allowable_s =
          std::max(0.0, t_end - (T - lim_all) * er.thermal_mass_j_per_k / std::max(q, 1e-300));
    back = T <= rt.start_c + 1e-6;
  }
  er.recovered = back;
  std::ostringstream why;
  why << tripped.size() << " chiller(s) trip at " << er.t0_s << " s on loop "
      << name_of(site, loop_id) << ": " << er.unbalance_w / 1e6 << " MW not removed warms "
      << er.thermal_mass_j_per_k / 1e6 << " MJ/K of water from " << er.start_c << " C to "
      << er.peak_c << " C"
      << (er.recovered ? "; the loop recovers" : "; the loop does not recover within the horizon");
  er.explanation = why.str();
}

void apply_events(EventContext& c, const Scenario& sc) {
  for (const auto& ev : sc.events) {
    require(std::isfinite(ev.t0_s) && ev.t0_s >= 0.0,
            "scenario " + sc.name + ": an event's t0_s must be >= 0");
    require(!ev.duration_s || (std::isfinite(*ev.duration_s) && *ev.duration_s > 0.0),
            "scenario " + sc.name + ": an event's duration_s must be > 0");
    EventResult er;
    er.kind = ev.kind;
    er.target = ev.target;
    er.t0_s = ev.t0_s;
    er.end_s =
        std::min(c.res.grid.end_s(), ev.duration_s ? ev.t0_s + *ev.duration_s : c.res.grid.end_s());
    switch (ev.kind) {
      case EventKind::UtilityLoss:
        utility_loss(c, ev, er);
        break;
      case EventKind::ChillerTrip:
        chiller_trip(c, ev, er);
        break;
      case EventKind::ComponentOutage:
        component_outage(c, ev, er);
        break;
    }
    c.res.events.push_back(std::move(er));
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// simulate

SimulationResult simulate(const Site& site, const Catalog& catalog, const Scenario& sc,
                          Progress* progress) {
  const auto t0 = std::chrono::steady_clock::now();
  require(std::isfinite(sc.step_s) && sc.step_s > 0.0,
          "scenario " + sc.name + ": step_s must be > 0");
  require(std::isfinite(sc.horizon_s) && sc.horizon_s >= sc.step_s,
          "scenario " + sc.name + ": horizon_s must be at least one step");
  require(!site.racks.empty(), "scenario " + sc.name + ": the site has no racks");
  {
    // The size first, in doubles (a 1e-9 s step over a year does not fit a size_t).
    const double steps_d = std::ceil(sc.horizon_s / sc.step_s - 1e-9);
    std::size_t blocks = 0;
    for (const auto& n : site.elec_nodes)
      blocks += n.kind == ElecKind::Ups || n.kind == ElecKind::Rectifier ||
                n.kind == ElecKind::SolidStateTransformer;
    // Site series (SimulationResult), hall and building series (it, losses, cooling) and block
    // series (it, losses).
    constexpr double kSiteSeries = 9;
    const double series = kSiteSeries + 3.0 * double(site.halls.size() + site.buildings.size()) +
                          2.0 * double(blocks);
    const double values = steps_d * series;
    if (!(values <= kMaxSeriesValues)) {
      std::ostringstream m;
      m << "scenario " << sc.name << ": " << steps_d << " steps (horizon " << sc.horizon_s
        << " s at " << sc.step_s << " s) x " << series << " series = " << values << " values ("
        << values * 8 / 1e9 << " GB), above the limit of " << kMaxSeriesValues
        << " values: use a longer step or a shorter horizon";
      throw std::invalid_argument(m.str());
    }
    // Load fractions up to 2 of design; temperatures over the span of Earth's air (-90 to 60 C).
    constexpr double kFracSpan = 2.0, kTempSpanK = 150.0;
    const double elec_solves = kFracSpan / sc.tables.elec_step;
    if (!(elec_solves <= kMaxElectricalSolves)) {
      std::ostringstream m;
      m << "scenario " << sc.name << ": an electrical step of " << sc.tables.elec_step
        << " needs up to " << elec_solves << " site solves, above the limit of "
        << kMaxElectricalSolves << ": use a step of at least " << kFracSpan / kMaxElectricalSolves;
      throw std::invalid_argument(m.str());
    }
    if (!(kFracSpan / sc.tables.plant_frac_step <= kMaxPlantNodesPerAxis) ||
        !(kTempSpanK / sc.tables.plant_temp_step_k <= kMaxPlantNodesPerAxis)) {
      std::ostringstream m;
      m << "scenario " << sc.name << ": plant table steps of " << sc.tables.plant_frac_step
        << " (load) and " << sc.tables.plant_temp_step_k << " K need more than "
        << kMaxPlantNodesPerAxis << " nodes per axis: use steps of at least "
        << kFracSpan / kMaxPlantNodesPerAxis << " and " << kTempSpanK / kMaxPlantNodesPerAxis
        << " K";
      throw std::invalid_argument(m.str());
    }
  }
  SimulationResult res;
  res.scenario = sc.name;
  const auto steps =
      static_cast<std::size_t>(std::llround(std::ceil(sc.horizon_s / sc.step_s - 1e-9)));
  res.grid = TimeGrid{0.0, sc.step_s, steps};
  const double dt_h = sc.step_s / 3600.0;
  if (progress) progress->report(0.0, "load profile");

  // IT power: each group of racks on one profile (0: the site's, k + 1: hall_profiles[k]) times
  // each rack type's design power, smoothed per group and type when asked.
  const std::size_t nr = site.racks.size();
  // The site compiled once: its view, network and plant serve every table and event.
  const facility::CompiledSite cs(site, catalog);
  const std::vector<Id>& rack_hall = cs.ref.rack_hall_id;
  const auto &hall_ix = cs.ref.hall_index, &bldg_ix = cs.ref.building_index;
  std::unordered_map<Id, std::size_t> group_of_hall;
  std::vector<ProfileSeries> us;
  us.push_back(evaluate(sc.load, res.grid));
  for (std::size_t k = 0; k < sc.hall_profiles.size(); ++k) {
    const Id hid = sc.hall_profiles[k].hall_id;
    require(hall_ix.count(hid) > 0, "scenario " + sc.name + ": hall_profiles names hall " +
                                        std::to_string(hid) + ", not a hall of the site");
    require(!group_of_hall.count(hid),
            "scenario " + sc.name + ": hall " + std::to_string(hid) + " has two profiles");
    group_of_hall.emplace(hid, k + 1);
    us.push_back(evaluate(sc.hall_profiles[k].load, res.grid));
  }
  const bool per_hall = !sc.hall_profiles.empty();
  struct GroupType {
    std::size_t group = 0;
    std::string type;
    double design = 0;
    std::size_t racks = 0;
    std::vector<double> power_w;  // per step
  };
  std::map<std::pair<std::size_t, std::string>, std::size_t> gt_ix;
  std::vector<GroupType> gts;
  std::vector<std::size_t> rack_gt(nr);
  std::vector<double> rack_design(nr, 0.0);
  for (std::size_t i = 0; i < nr; ++i) {
    const auto g = group_of_hall.find(rack_hall[i]);
    const std::size_t group = g == group_of_hall.end() ? 0 : g->second;
    const auto key = std::make_pair(group, site.racks.type[i]);
    auto it = gt_ix.find(key);
    if (it == gt_ix.end()) {
      it = gt_ix.emplace(key, gts.size()).first;
      gts.push_back({group, site.racks.type[i], 0.0, 0, {}});
    }
    rack_gt[i] = it->second;
    if (std::isfinite(cs.ref.rack_design_w[i])) rack_design[i] = cs.ref.rack_design_w[i];
    gts[it->second].design += rack_design[i];
    ++gts[it->second].racks;
  }
  double design = 0;
  for (const auto& [key, j] : gt_ix) design += gts[j].design;
  require(design > 0.0, "scenario " + sc.name + ": the site's racks have no design power");
  res.design_it_w = design;
  res.it_w.assign(steps, 0.0);
  for (auto& gt : gts) {
    const ProfileSeries& u = us[gt.group];
    const LoadProfile& prof = gt.group == 0 ? sc.load : sc.hall_profiles[gt.group - 1].load;
    gt.power_w.resize(steps);
    for (std::size_t s = 0; s < steps; ++s) gt.power_w[s] = u.utilisation[s] * gt.design;
    const CatalogItem* item = catalog.find(gt.type);
    if (!sc.smoothing || item == nullptr || item->kind != ItemKind::Rack) continue;
    double ref_util = 0;
    if (const auto* tp = std::get_if<TrainingProfile>(&prof))
      ref_util = tp->compute_util;
    else
      ref_util = *std::max_element(u.utilisation.begin(), u.utilisation.end());
    const RackSpec spec = rack_spec(*item);
    SmoothingParams prm = smoothing_params(spec, ref_util * gt.design, sc.smoothing_hysteresis_s);
    const double n = static_cast<double>(gt.racks);
    prm.ramp_up_w_per_s = spec.ramp_up_w_per_s > 0 ? spec.ramp_up_w_per_s * n : 1e300;
    prm.ramp_down_w_per_s = spec.ramp_down_w_per_s > 0 ? spec.ramp_down_w_per_s * n : 1e300;
    SmoothingResult sm = smooth_power(gt.power_w, sc.step_s, prm, u.active);
    gt.power_w = std::move(sm.power_w);
    res.smoothing_extra_energy_wh += sm.extra_energy_wh;
  }
  if (sc.smoothing || per_hall) {
    for (const auto& [key, j] : gt_ix)
      for (std::size_t s = 0; s < steps; ++s) res.it_w[s] += gts[j].power_w[s];
  } else {
    for (std::size_t s = 0; s < steps; ++s) res.it_w[s] = us[0].utilisation[s] * design;
  }
  res.load_frac.resize(steps);
  for (std::size_t s = 0; s < steps; ++s) res.load_frac[s] = res.it_w[s] / design;

  // Hall and building IT: each group-type's power shared by design.
  res.rack_ids = site.racks.id;
  res.halls.resize(site.halls.size());
  res.buildings.resize(site.buildings.size());
  std::vector<std::vector<double>> hall_gt_design(site.halls.size(),
                                                  std::vector<double>(gts.size(), 0.0));
  std::vector<std::size_t> hall_bldg(site.halls.size(), SIZE_MAX);
  for (std::size_t h = 0; h < site.halls.size(); ++h) {
    res.halls[h].id = site.halls[h].id;
    if (const auto b = bldg_ix.find(site.halls[h].building_id); b != bldg_ix.end())
      hall_bldg[h] = b->second;
  }
  for (std::size_t b = 0; b < site.buildings.size(); ++b)
    res.buildings[b].id = site.buildings[b].id;
  for (std::size_t i = 0; i < nr; ++i) {
    const auto h = hall_ix.find(rack_hall[i]);
    if (h == hall_ix.end()) continue;
    hall_gt_design[h->second][rack_gt[i]] += rack_design[i];
    res.halls[h->second].design_it_w += rack_design[i];
  }
  for (std::size_t h = 0; h < site.halls.size(); ++h) {
    auto& hs = res.halls[h];
    hs.it_w.assign(steps, 0.0);
    for (std::size_t j = 0; j < gts.size(); ++j) {
      if (!(hall_gt_design[h][j] > 0) || !(gts[j].design > 0)) continue;
      const double share = hall_gt_design[h][j] / gts[j].design;
      for (std::size_t s = 0; s < steps; ++s) hs.it_w[s] += share * gts[j].power_w[s];
    }
    if (hall_bldg[h] == SIZE_MAX) continue;
    auto& bs = res.buildings[hall_bldg[h]];
    bs.design_it_w += hs.design_it_w;
    bs.it_w.resize(steps, 0.0);
    for (std::size_t s = 0; s < steps; ++s) bs.it_w[s] += hs.it_w[s];
  }
  for (auto& bs : res.buildings) bs.it_w.resize(steps, 0.0);
  const auto frac = [](double it, double d) { return d > 0 ? it / d : 0.0; };

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
    require(
        hours > 0 && w.wet_bulb_c.size() == hours,
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
  double fmin = *fmin_it, fmax = *fmax_it;
  if (per_hall) {  // the hall and building tables are read at their own fractions
    for (const auto* set : {&res.halls, &res.buildings})
      for (const auto& es : *set)
        for (double it : es.it_w) {
          fmin = std::min(fmin, frac(it, es.design_it_w));
          fmax = std::max(fmax, frac(it, es.design_it_w));
        }
  }
  const double fs = sc.tables.plant_frac_step;
  require(fs > 0.0 && sc.tables.elec_step > 0.0,
          "scenario " + sc.name + ": table steps must be > 0");
  const double f_lo = std::max(0.0, std::floor(fmin / fs + 1e-9) * fs);
  const double f_hi = std::max(f_lo + fs, std::ceil(fmax / fs - 1e-9) * fs);
  const ElectricalResponse elec(cs, f_lo, f_hi, sc.tables.elec_step, progress);
  PlantResponse plant(cs, elec, pressure, sc.tables);
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
  double off_steps = 0, free_steps = 0;
  for (auto& hs : res.halls) hs.losses_w.assign(steps, 0.0);
  for (auto& bs : res.buildings) {
    bs.losses_w.assign(steps, 0.0);
    bs.cooling_w.assign(steps, 0.0);
  }
  for (std::size_t s = 0; s < steps; ++s) {
    const auto e = elec.at(res.load_frac[s]);
    res.converged = res.converged && e.converged;
    const auto p = plant.at(res.load_frac[s], res.dry_bulb_c[s], wb[s]);
    // Attributed losses: halls at their own fraction, buildings' own elements at theirs.
    double attributed = 0;
    for (std::size_t h = 0; h < res.halls.size(); ++h) {
      auto& hs = res.halls[h];
      hs.losses_w[s] = std::max(0.0, elec.hall_loss_w(h, frac(hs.it_w[s], hs.design_it_w)));
      attributed += hs.losses_w[s];
      if (hall_bldg[h] != SIZE_MAX) res.buildings[hall_bldg[h]].losses_w[s] += hs.losses_w[s];
    }
    for (std::size_t b = 0; b < res.buildings.size(); ++b) {
      auto& bs = res.buildings[b];
      const double own = std::max(0.0, elec.building_loss_w(b, frac(bs.it_w[s], bs.design_it_w)));
      bs.losses_w[s] += own;
      attributed += own;
    }
    const double loss = per_hall ? std::max(0.0, attributed + elec.campus_loss_w(res.load_frac[s]))
                                 : std::max(0.0, e.loss_w);
    const double standby = std::max(0.0, e.standby_w);
    res.losses_w[s] = loss;
    res.cooling_w[s] = std::max(0.0, p.cooling_w);
    for (auto& bs : res.buildings)
      bs.cooling_w[s] = res.it_w[s] > 0 ? res.cooling_w[s] * bs.it_w[s] / res.it_w[s] : 0.0;
    res.water_l_per_h[s] = std::max(0.0, p.water_l_per_h);
    res.facility_w[s] = res.it_w[s] + loss + res.cooling_w[s];
    // Power balance of the site solve: grid import + standby output = IT + losses.
    demand[s] = res.it_w[s] + loss - standby + res.cooling_w[s];
    res.energy_standby_wh += standby * dt_h;
    if (p.off_setpoint > 0.5) off_steps += 1.0;
    if (p.free_cooling > 0.5) free_steps += 1.0;
  }
  std::size_t event_elec_solves = 0, event_plant_solves = 0;
  if (!sc.events.empty()) {
    // Events replace the affected steps with the engines' answers under the event.
    std::vector<double> standby(steps);
    for (std::size_t s = 0; s < steps; ++s)
      standby[s] = res.it_w[s] + res.losses_w[s] + res.cooling_w[s] - demand[s];
    EventContext ctx{cs, site, catalog, elec, wb, pressure, sc.step_s, res, demand, standby};
    apply_events(ctx, sc);
    res.energy_standby_wh = 0;
    for (std::size_t s = 0; s < steps; ++s) res.energy_standby_wh += standby[s] * dt_h;
    event_elec_solves = ctx.elec_solves;
    event_plant_solves = ctx.plant_solves;
  }
  if (sc.battery) {
    const BatteryResult br = run_battery(demand, sc.step_s, *sc.battery);
    res.import_cap_w = sc.battery->import_cap_w;
    if (sc.battery->import_cap_w > 0) {
      BatteryParams free = *sc.battery;
      free.import_cap_w = 0;
      const BatteryResult unc = run_battery(demand, sc.step_s, free);
      for (double g : unc.grid_w)
        res.peak_grid_import_uncapped_w = std::max(res.peak_grid_import_uncapped_w, g);
    }
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
      res.max_it_ramp_mw_per_s = std::max(
          res.max_it_ramp_mw_per_s, std::abs(res.it_w[s] - res.it_w[s - 1]) / sc.step_s / 1e6);
  }
  for (auto* set : {&res.halls, &res.buildings})
    for (auto& es : *set)
      for (std::size_t s = 0; s < steps; ++s) {
        es.energy_it_wh += es.it_w[s] * dt_h;
        es.energy_losses_wh += es.losses_w[s] * dt_h;
        if (!es.cooling_w.empty()) es.energy_cooling_wh += es.cooling_w[s] * dt_h;
        es.peak_it_w = std::max(es.peak_it_w, es.it_w[s]);
      }

  // Block series: each block's IT from its racks' shares of each group-type, losses from its table
  // at its own fraction. Blocks with the same shares and table (identical blocks) share one
  // computation.
  {
    const auto& bids = elec.block_ids();
    const auto& rb = elec.rack_blocks();
    std::vector<std::vector<double>> bgt(bids.size(), std::vector<double>(gts.size(), 0.0));
    for (std::size_t i = 0; i < nr && i < rb.size(); ++i)
      for (const auto& [b, share] : rb[i]) bgt[b][rack_gt[i]] += share * rack_design[i];
    std::map<std::pair<std::size_t, std::vector<double>>, std::size_t> class_ix;
    std::vector<std::size_t> class_of(bids.size());
    std::vector<std::size_t> class_rep;
    for (std::size_t b = 0; b < bids.size(); ++b) {
      const auto key = std::make_pair(elec.block_table(b), bgt[b]);
      auto it = class_ix.find(key);
      if (it == class_ix.end()) {
        it = class_ix.emplace(key, class_rep.size()).first;
        class_rep.push_back(b);
      }
      class_of[b] = it->second;
    }
    std::vector<EntitySeries> cls(class_rep.size());
    for (std::size_t c = 0; c < cls.size(); ++c) {
      auto& es = cls[c];
      const std::size_t b = class_rep[c];
      es.design_it_w = std::accumulate(bgt[b].begin(), bgt[b].end(), 0.0);
      es.it_w.assign(steps, 0.0);
      es.losses_w.assign(steps, 0.0);
      for (std::size_t j = 0; j < gts.size(); ++j) {
        if (!(bgt[b][j] > 0) || !(gts[j].design > 0)) continue;
        const double share = bgt[b][j] / gts[j].design;
        for (std::size_t s = 0; s < steps; ++s) es.it_w[s] += share * gts[j].power_w[s];
      }
      for (std::size_t s = 0; s < steps; ++s) {
        es.losses_w[s] = std::max(0.0, elec.block_loss_w(b, frac(es.it_w[s], es.design_it_w)));
        es.energy_it_wh += es.it_w[s] * dt_h;
        es.energy_losses_wh += es.losses_w[s] * dt_h;
        es.peak_it_w = std::max(es.peak_it_w, es.it_w[s]);
      }
    }
    const bool keep = steps * bids.size() <= SimulationResult::kMaxBlockSeriesValues;
    res.blocks.resize(bids.size());
    for (std::size_t b = 0; b < bids.size(); ++b) {
      const auto& c = cls[class_of[b]];
      auto& es = res.blocks[b];
      es.id = bids[b];
      es.design_it_w = c.design_it_w;
      es.energy_it_wh = c.energy_it_wh;
      es.energy_losses_wh = c.energy_losses_wh;
      es.peak_it_w = c.peak_it_w;
      if (keep) {
        es.it_w = c.it_w;
        es.losses_w = c.losses_w;
      }
    }
  }

  // Rack snapshots: each rack at its group-type's fraction of design, cord power through its PSU.
  std::vector<std::size_t> snap_steps;
  if (sc.snapshot_times_s.empty()) {
    const auto mx = std::max_element(res.grid_import_w.begin(), res.grid_import_w.end());
    const auto mn = std::min_element(res.grid_import_w.begin(), res.grid_import_w.end());
    snap_steps.push_back(static_cast<std::size_t>(mx - res.grid_import_w.begin()));
    if (mn != mx) snap_steps.push_back(static_cast<std::size_t>(mn - res.grid_import_w.begin()));
  } else {
    for (double t : sc.snapshot_times_s) {
      require(std::isfinite(t) && t >= res.grid.start_s && t < res.grid.end_s(),
              "scenario " + sc.name + ": a snapshot time is outside the horizon");
      snap_steps.push_back(std::min(steps - 1, static_cast<std::size_t>(std::floor(
                                                   (t - res.grid.start_s) / sc.step_s + 1e-9))));
    }
  }
  for (std::size_t s : snap_steps) {
    RackSnapshot snap;
    snap.step = s;
    snap.t_s = res.grid.start_s + sc.step_s * static_cast<double>(s);
    snap.it_w.resize(nr);
    snap.input_w.resize(nr);
    for (std::size_t i = 0; i < nr; ++i) {
      const auto& gt = gts[rack_gt[i]];
      const double it = gt.design > 0 ? rack_design[i] * gt.power_w[s] / gt.design : 0.0;
      double input = it;
      if (const CatalogItem* item = cs.ref.rack_type[i];
          item && item->curves.count("psu_efficiency")) {
        const double eff = item->curve("psu_efficiency").at(it / item->get("psu_capacity_w"));
        if (eff > 0) input = it / eff;
      }
      snap.it_w[i] = it;
      snap.input_w[i] = input;
    }
    res.snapshots.push_back(std::move(snap));
  }
  // Hall air model at the snapshots: the snapshot's cord power as rack heat, the step's weather.
  if (sc.air_model_at_snapshots && !res.snapshots.empty()) {
    std::vector<std::uint8_t> above(nr, 0);
    for (std::size_t k = 0; k < res.snapshots.size(); ++k) {
      auto& snap = res.snapshots[k];
      if (progress) {
        progress->check();
        progress->report(0.95, "hall air model at snapshot " + std::to_string(k + 1));
      }
      const thermal::Outdoor od{res.dry_bulb_c[snap.step], wb[snap.step], pressure};
      const thermal::SiteThermalResult th =
          thermal::solve_site_thermal(site, catalog, od, snap.input_w);
      snap.inlet_c = th.rack_inlet_c;
      snap.inlet_c.resize(nr, std::numeric_limits<double>::quiet_NaN());
      bool any = false;
      double mx = -std::numeric_limits<double>::infinity();
      const double hi = thermal::kAshraeInletRanges[0].max_c,
                   lo = thermal::kAshraeInletRanges[0].min_c;
      for (std::size_t i = 0; i < nr; ++i) {
        const double t = snap.inlet_c[i];
        if (!std::isfinite(t)) continue;
        any = true;
        mx = std::max(mx, t);
        if (t > hi || t < lo) ++snap.racks_outside_recommended;
        if (t > hi) {
          ++snap.racks_above_recommended;
          above[i] = 1;
        }
      }
      if (any) snap.max_rack_inlet_c = mx;
    }
    res.snapshot_racks_above_recommended =
        static_cast<std::size_t>(std::count(above.begin(), above.end(), std::uint8_t{1}));
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
  res.hours_free_cooling = free_steps * dt_h;
  res.elec_solves = elec.solves() + event_elec_solves;
  res.plant_solves = plant.solves() + event_plant_solves;
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
  return {"design-day", "annual", "training-24h", "utility-outage", "chiller-trip"};
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
    // The hall air model runs where asked (params_json air_model_at_snapshots): the year's
    // headline figures come from the stepped engines, within the 2 s target.
    s.air_model_at_snapshots = false;
  } else if (name == "training-24h") {
    s.description =
        "one synchronous training job over the whole site, 24 h at 1 s steps, GB300-style "
        "smoothing, site battery holding the grid ramp, the site's design weather";
    s.horizon_s = 86400.0;
    s.step_s = 1.0;
    s.weather = design;
    s.load = prm.training;
    s.air_model_at_snapshots = false;  // where asked, as for annual
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
    // Recharge under a cap: the facility's design power (full IT at the design weather, the
    // coupled solve), so that the battery never makes the site draw more than its design.
    const facility::FacilityResult at_design = facility::solve_facility(
        site, catalog, {design.dry_bulb_c, design.wet_bulb_c, design.pressure_pa});
    if (at_design.balance.converged && at_design.balance.facility_power_w > 0)
      b.import_cap_w = at_design.balance.facility_power_w;
    else
      s.description += " (no import cap: the design point did not solve)";
    s.battery = b;
  } else if (name == "utility-outage") {
    s.description =
        "the utility lost at t0 for a duration, full load, the site's design weather; UPS "
        "batteries "
        "bridge until the generators have started, then the generators carry the site";
    s.horizon_s = prm.outage_horizon_s;
    s.step_s = prm.outage_step_s;
    s.weather = design;
    s.load = ConstantProfile{prm.outage_load};
    s.events.push_back({EventKind::UtilityLoss, kNoId, prm.outage_t0_s, prm.outage_duration_s});
  } else if (name == "chiller-trip") {
    s.description =
        "every chiller of the first loop with chillers trips at t0, full load, the site's design "
        "weather; the loop water and tanks absorb what the remaining plant cannot remove";
    s.horizon_s = prm.trip_horizon_s;
    s.step_s = prm.trip_step_s;
    s.weather = design;
    s.load = ConstantProfile{prm.trip_load};
    s.events.push_back({EventKind::ChillerTrip, kNoId, prm.trip_t0_s, std::nullopt});
  } else {
    std::string names;
    for (const auto& n : builtin_scenario_names()) names += (names.empty() ? "" : ", ") + n;
    throw std::invalid_argument("unknown scenario '" + name + "': choose one of " + names);
  }
  return s;
}

}  // namespace dctwin::model::scenario
