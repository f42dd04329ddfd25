#include "model/facility/coupled.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "model/thermal/ridethrough.h"

namespace dctwin::model::facility {

namespace el = electrical;
namespace th = thermal;

std::vector<el::FeedLoad> cooling_loads(const Site& site, const Catalog& catalog,
                                        const th::PlantResult& plant) {
  std::vector<el::FeedLoad> out;
  for (std::size_t k = 0; k < site.cooling.size() && k < plant.units.size(); ++k) {
    const CoolingUnit& u = site.cooling[k];
    if (!is_powered(u.kind)) continue;
    el::FeedLoad l;
    l.entity = u.id;
    l.what = to_string(u.kind);
    l.feed_a = u.feed_a;
    l.feed_b = u.feed_b;
    l.p_w = plant.units[k].power_w;
    const CatalogItem* t = catalog.find(u.type);
    if (t && t->has("power_factor")) {
      const double pf = t->get("power_factor");
      if (pf > 0 && pf < 1) l.q_var = l.p_w * std::sqrt(1.0 - pf * pf) / pf;
    }
    out.push_back(l);
  }
  return out;
}

th::RoomHeat hall_loss_heat(const Site& site, const el::SiteElecResult& elec) {
  std::unordered_map<Id, std::size_t> node_index;
  for (std::size_t k = 0; k < site.elec_nodes.size(); ++k)
    node_index.emplace(site.elec_nodes[k].id, k);
  return hall_loss_heat(site, node_index, elec);
}

th::RoomHeat hall_loss_heat(const Site& site, const std::unordered_map<Id, std::size_t>& node_index,
                            const el::SiteElecResult& elec) {
  th::RoomHeat out;
  auto in_hall = [&](std::size_t k) {
    const ElecNode& n = site.elec_nodes[k];
    return is_rack_feed(n.kind) && n.hall_id != kNoId;
  };
  for (std::size_t k = 0; k < site.elec_nodes.size() && k < elec.nodes.size(); ++k)
    if (in_hall(k) && elec.nodes[k].energized && elec.nodes[k].loss_w > 0)
      out[site.elec_nodes[k].hall_id] += elec.nodes[k].loss_w;
  for (std::size_t e = 0; e < site.elec_edges.size() && e < elec.edges.size(); ++e) {
    const auto to = node_index.find(site.elec_edges[e].to);
    if (to == node_index.end() || !in_hall(to->second) || !elec.edges[e].energized) continue;
    if (elec.edges[e].loss_w > 0) out[site.elec_nodes[to->second].hall_id] += elec.edges[e].loss_w;
  }
  return out;
}

FacilityResult solve_facility(const Site& site, const Catalog& catalog, const th::Outdoor& outdoor,
                              const FacilityOptions& options, Progress* progress) {
  const CompiledSite cs(site, catalog, options.electrical.base_va);
  return solve_facility(cs, outdoor, options, progress);
}

namespace {
void require_base(const CompiledSite& cs, const FacilityOptions& options) {
  if (cs.net.base_va != options.electrical.base_va)
    throw std::invalid_argument("coupled solve: the site was compiled on a base of " +
                                std::to_string(cs.net.base_va) + " VA, the options ask for " +
                                std::to_string(options.electrical.base_va) + " VA");
}
}  // namespace

FacilityResult solve_facility(const CompiledSite& cs, const th::Outdoor& outdoor,
                              const FacilityOptions& options, Progress* progress) {
  require_base(cs, options);
  const Site& site = cs.site();
  const Catalog& catalog = cs.catalog();
  FacilityResult res;
  FacilityBalance& b = res.balance;
  b.tolerance = options.tolerance;
  const int passes = std::max(1, options.max_passes);
  const th::PlantModel& model = cs.plant;
  el::SiteSolveOptions eo = options.electrical;
  eo.loads.clear();
  const el::CompiledNetwork& net = cs.net;
  double previous = -1;
  for (int pass = 0; pass < passes; ++pass) {
    if (progress) {
      progress->check();
      progress->report(double(pass) / double(passes), "coupled solve");
    }
    res.elec = el::solve_site_power(net, eo, nullptr);
    ++b.passes;
    res.room_heat_w = hall_loss_heat(site, cs.ref.node_index, res.elec);
    res.plant =
        th::solve_plant(model, outdoor, th::rack_heat_from_solve(res.elec), res.room_heat_w);
    if (!res.elec.converged) {
      b.message = "the power flow did not converge: " + res.elec.message;
      break;
    }
    const double power = res.plant.cooling_power_w;
    b.residual = previous < 0 ? 1.0 : std::abs(power - previous) / std::max(power, 1.0);
    // The network of this pass carried the plant's loads of the pass before; they agree with
    // this plant once the cooling power stops moving.
    if (previous >= 0 && b.residual <= options.tolerance) {
      b.converged = true;
      break;
    }
    previous = power;
    eo.loads = cooling_loads(site, catalog, res.plant);
  }
  if (!b.converged && b.message.empty()) {
    std::ostringstream m;
    m << "the coupled solve did not reach its tolerance (" << options.tolerance << ") in "
      << b.passes << " passes: the cooling power still moved by " << b.residual;
    b.message = m.str();
  }
  res.loads = std::move(eo.loads);
  // The figures, from the last pass.
  const el::SiteElecResult& r = res.elec;
  b.it_power_w = r.it_power_w;
  b.electrical_losses_w = r.total_loss_w;
  b.cooling_power_w = res.plant.cooling_power_w;
  b.fed_cooling_power_w = r.load_power_w;
  for (std::size_t i = 0; i < res.loads.size() && i < r.loads.size(); ++i)
    if (!r.loads[i].powered) b.unfed_cooling_power_w += res.loads[i].p_w;
  b.grid_import_w = r.grid_import_w;
  b.standby_generation_w = r.standby_output_w;
  for (const auto& [hall, w] : res.room_heat_w) b.room_heat_w += w;
  b.facility_power_w = b.it_power_w + b.electrical_losses_w + b.cooling_power_w;
  const double supplied = b.grid_import_w + b.standby_generation_w;
  const double used = b.it_power_w + b.electrical_losses_w + b.fed_cooling_power_w;
  b.energy_balance_error =
      b.facility_power_w > 0 ? std::abs(supplied - used) / b.facility_power_w : 0.0;
  b.pue = b.it_power_w > 0 ? b.facility_power_w / b.it_power_w : 0.0;
  return res;
}

FacilityThermal solve_facility_thermal(const Site& site, const Catalog& catalog,
                                       const th::Outdoor& outdoor, const FacilityOptions& options,
                                       const th::SiteThermalOptions& thermal_options,
                                       Progress* progress) {
  const CompiledSite cs(site, catalog, options.electrical.base_va);
  return solve_facility_thermal(cs, outdoor, options, thermal_options, progress);
}

FacilityThermal solve_facility_thermal(const CompiledSite& cs, const th::Outdoor& outdoor,
                                       const FacilityOptions& options,
                                       const th::SiteThermalOptions& thermal_options,
                                       Progress* progress) {
  FacilityThermal out;
  out.facility = solve_facility(cs, outdoor, options, progress);
  th::SiteThermalOptions to = thermal_options;
  to.room_heat_w = out.facility.room_heat_w;
  out.thermal = th::solve_site_thermal(cs.plant, outdoor,
                                       th::rack_heat_from_solve(out.facility.elec), to, progress);
  return out;
}

void add_cooling_consequences(const Site& site, const Catalog& catalog,
                              const th::PlantResult& plant, const std::vector<double>& rack_heat_w,
                              el::ContingencyResult& n1) {
  add_cooling_consequences(compile_site_ref(site, catalog), plant, rack_heat_w, n1);
}

void add_cooling_consequences(const SiteRef& ref, const th::PlantResult& plant,
                              const std::vector<double>& rack_heat_w, el::ContingencyResult& n1) {
  const Site& site = *ref.site;
  const Catalog& catalog = *ref.catalog;
  const auto& units = ref.cooling_index;
  const auto& rack_index = ref.rack_index;
  std::vector<char> off(site.racks.size(), 0);
  n1.single_points = n1.cases_with_cooling_limit = 0;
  for (auto& c : n1.cases) {
    std::vector<Id> stopped = c.loads_lost;
    if (units.count(c.failed)) stopped.push_back(c.failed);
    c.cooling_stopped = stopped;
    c.time_to_limit_s.reset();
    c.limit.clear();
    c.cooling_medium.clear();
    c.racks_affected.clear();
    c.cooling_note.clear();
    if (!stopped.empty()) {
      for (Id r : c.racks_lost) off[rack_index.at(r)] = 1;
      const th::CoolingLoss loss =
          th::cooling_loss(site, catalog, plant, stopped, rack_heat_w, off);
      for (Id r : c.racks_lost) off[rack_index.at(r)] = 0;
      c.time_to_limit_s = loss.time_to_limit_s;
      c.limit = loss.limit;
      c.cooling_medium = loss.medium;
      c.racks_affected = loss.racks_affected;
      c.cooling_note =
          loss.time_to_limit_s ? loss.explanation : "the running cooling units carry the heat";
    }
    c.single_point = !c.racks_lost.empty() || c.time_to_limit_s.has_value();
    if (c.single_point) ++n1.single_points;
    if (c.time_to_limit_s) ++n1.cases_with_cooling_limit;
  }
  std::stable_sort(n1.cases.begin(), n1.cases.end(), el::worse_case);
}

FacilityContingency run_facility_contingencies(const Site& site, const Catalog& catalog,
                                               const th::Outdoor& outdoor,
                                               const FacilityOptions& options, Progress* progress,
                                               unsigned threads, el::ContingencyMethod method) {
  const CompiledSite cs(site, catalog, options.electrical.base_va);
  return run_facility_contingencies(cs, outdoor, options, progress, threads, method);
}

FacilityContingency run_facility_contingencies(const CompiledSite& cs, const th::Outdoor& outdoor,
                                               const FacilityOptions& options, Progress* progress,
                                               unsigned threads, el::ContingencyMethod method) {
  FacilityContingency out;
  out.base = solve_facility(cs, outdoor, options, nullptr);
  el::SiteSolveOptions eo = options.electrical;
  eo.loads = out.base.loads;
  out.n1 = el::run_contingencies(cs.ref, cs.net, eo, progress, threads, method);
  add_cooling_consequences(cs.ref, out.base.plant, th::rack_heat_from_solve(out.base.elec), out.n1);
  return out;
}

}  // namespace dctwin::model::facility
