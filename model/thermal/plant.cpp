#include "model/thermal/plant.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "model/site/loads.h"
#include "model/site/physics.h"

namespace dctwin::model::thermal {

namespace {

std::string fmt(double v, int prec = 1) {
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(prec);
  s << v;
  return s.str();
}

class Plant {
 public:
  Plant(const PlantModel& m, const Outdoor& o, const std::vector<double>& heat,
        const RoomHeat& room)
      : model_(m),
        ref_(m.ref()),
        site_(m.site()),
        cat_(m.catalog()),
        out_(o),
        rack_heat_(heat),
        room_heat_(room),
        index_(m.index()) {}

  PlantResult run() {
    for (const char* k : {kPowerCduPumps, kPowerLoopPumps, kPowerAirFans, kPowerChillers,
                          kPowerTowerFans, kPowerDryCoolerFans})
      res_.power_w[k] = 0.0;
    for (std::size_t k = 0; k < site_.cooling.size(); ++k)
      res_.units.push_back({site_.cooling[k].id, 0, 0, 0, 0});
    racks();
    rooms();
    air_and_cdus();
    for (std::size_t loop : ref_.loops) (void)loop_heat(site_.cooling[loop].id);
    finish();
    return std::move(res_);
  }

 private:
  const CatalogItem* type(const CoolingUnit& u) const { return cat_.find(u.type); }
  UnitDuty& duty(Id id) { return res_.units[index_.at(id)]; }
  /// The units on a loop and the chillers rejecting into it (site.cooling indices).
  const std::vector<std::size_t>& on_loop(Id loop) const {
    return ref_.loop_units[index_.at(loop)];
  }
  const std::vector<std::size_t>& condensing(Id loop) const {
    return ref_.loop_condensers[index_.at(loop)];
  }
  const CoolingUnit& unit(Id id) const { return site_.cooling[index_.at(id)]; }
  double p(const CoolingUnit& u, const char* name) const { return cat_.at(u.type).get(name); }

  void racks() {
    const auto& R = site_.racks;
    const auto& rc = model_.racks();
    for (std::size_t i = 0; i < R.size() && i < rack_heat_.size() && i < rc.size(); ++i) {
      const PlantModel::RackCooling& t = rc[i];
      if (!t.known) continue;
      const double h = rack_heat_[i];
      const double lf = t.liquid_fraction;
      res_.rack_heat_w += h;
      if (t.cdu != SIZE_MAX) res_.units[t.cdu].heat_w += h * lf;
      if (t.air_unit != SIZE_MAX) {
        res_.units[t.air_unit].heat_w += h * (1 - lf);
        air_flow_[R.air_unit_id[i]] += h * (1 - lf) / 1000.0 * t.airflow_m3_s_per_kw;
      }
      if (lf > 0 && t.coolant_max_supply_temp_c > 0 && t.cdu != SIZE_MAX) {
        double& lim = cdu_limit_[R.cdu_id[i]];
        const double v = t.coolant_max_supply_temp_c;
        lim = lim == 0 ? v : std::min(lim, v);
      }
    }
  }

  // Heat in a hall's air besides the racks': its air units share it by capacity.
  void rooms() {
    for (const auto& [hall, w] : room_heat_) {
      if (!(w > 0)) continue;
      const std::size_t h = SiteRef::find(ref_.hall_index, hall);
      const std::vector<std::size_t> none;
      const std::vector<std::size_t>& units = h == kNone ? none : ref_.hall_air_units[h];
      double cap = 0;
      for (std::size_t k : units) cap += site_.cooling[k].capacity_w;
      if (!(cap > 0)) {
        res_.violations.push_back({hall, "cool.room_heat_unremoved",
                                   "hall " + std::to_string(hall) + " releases " + fmt(w / 1e3) +
                                       " kW of equipment heat into its air but has no CRAH or fan "
                                       "wall to remove it"});
        continue;
      }
      for (std::size_t k : units) res_.units[k].heat_w += w * site_.cooling[k].capacity_w / cap;
      res_.room_heat_w += w;
    }
  }

  void air_and_cdus() {
    for (const auto& u : site_.cooling) {
      UnitDuty& d = duty(u.id);
      if (u.kind == CoolKind::Cdu && type(u)) {
        const double pump = p(u, "pump_power_frac") * d.heat_w;
        d.power_w = pump;
        res_.power_w[kPowerCduPumps] += pump;
        direct_[u.loop_id] += d.heat_w + pump;  // pump work ends as heat in the water
        d.load_frac = u.capacity_w > 0 ? d.heat_w / u.capacity_w : 0;
        overload(u, d.load_frac);
      } else if ((u.kind == CoolKind::Crah || u.kind == CoolKind::FanWall) && type(u)) {
        // Fans by the affinity law: power scales with the cube of the airflow they must move.
        const double rated = p(u, "airflow_m3_s");
        const double frac = rated > 0 ? air_flow_[u.id] / rated : 0.0;
        const double fan = p(u, "fan_power_w") * frac * frac * frac;
        d.power_w = fan;
        res_.power_w[kPowerAirFans] += fan;
        direct_[u.loop_id] += d.heat_w + fan;
        d.load_frac = std::max(frac, u.capacity_w > 0 ? d.heat_w / u.capacity_w : 0.0);
        overload(u, d.load_frac);
      }
    }
  }

  void overload(const CoolingUnit& u, double frac) {
    if (frac > 1.0 + 1e-9)
      res_.violations.push_back({u.id, "cool.overload",
                                 std::string(to_string(u.kind)) + " " + std::to_string(u.id) +
                                     " '" + u.name + "' runs at " + fmt(100 * frac) +
                                     " % of its capacity"});
  }

  // The supply temperature a loop's own rejection can reach from the weather (chillers reach
  // the setpoint unless their condenser side is too warm to need them).
  double reachable_supply(Id loop) {
    if (auto it = reach_.find(loop); it != reach_.end()) return it->second;
    const CoolingUnit& l = unit(loop);
    double best = INFINITY;
    bool chillers = false;
    for (std::size_t k : on_loop(loop)) {
      const CoolingUnit& u = site_.cooling[k];
      if (!type(u)) continue;
      if (u.kind == CoolKind::CoolingTower)
        best = std::min(best, out_.wet_bulb_c + p(u, "approach_k"));
      if (u.kind == CoolKind::DryCooler)
        best = std::min(best, out_.dry_bulb_c + p(u, "approach_k"));
      if (u.kind == CoolKind::Chiller) chillers = true;
    }
    const double r = chillers ? std::min(best, l.supply_temp_c) : best;
    reach_[loop] = r;
    return r;
  }

  // Heat a loop hands to its rejection (W), computed once, chilled loops before the loops their
  // chillers reject into.
  double loop_heat(Id loop) {
    if (auto it = heat_.find(loop); it != heat_.end()) return it->second;
    if (!visiting_.insert(loop).second) return 0.0;  // a chiller cycle: validate() reports it
    const CoolingUnit& l = unit(loop);
    double h = direct_[loop];
    for (std::size_t k : condensing(loop)) {
      const CoolingUnit& c = site_.cooling[k];
      const Id ch = c.id;
      // Evaporator heat plus compressor work (zero in economizer mode) arrive at the condenser.
      h += loop_heat(c.loop_id) * chiller_share(c) + chiller_work_[ch];
    }
    // Flow at the loop's design temperature difference (from its design flow and design heat).
    const auto design_it = model_.design_heat_w().find(loop);
    const double design_heat = design_it != model_.design_heat_w().end() ? design_it->second : 0.0;
    double dt = 0;
    if (l.flow_m3_s > 0 && design_heat > 0)
      dt = design_heat / (physics::kWaterDensity_kg_m3 * physics::kWaterCp_J_kgK * l.flow_m3_s);
    const double flow = dt > 0 ? physics::water_flow_m3_s(h, dt) : l.flow_m3_s;
    // Pumps share the flow; their work follows the affinity law and heats the water.
    std::vector<Id> pumps;
    for (std::size_t k : on_loop(loop))
      if (site_.cooling[k].kind == CoolKind::Pump && type(site_.cooling[k]))
        pumps.push_back(site_.cooling[k].id);
    for (Id id : pumps) {
      const CoolingUnit& pu = unit(id);
      const double q = flow / double(pumps.size()), qr = p(pu, "flow_m3_s");
      const double frac = qr > 0 ? q / qr : 0.0;
      const double w = p(pu, "head_pa") * qr / p(pu, "efficiency") * frac * frac * frac;
      duty(id).power_w = w;
      duty(id).load_frac = frac;
      res_.power_w[kPowerLoopPumps] += w;
      h += w;
      overload(pu, frac);
    }
    LoopState st;
    st.id = loop;
    st.heat_w = h;
    st.flow_m3_s = flow;
    st.setpoint_c = l.supply_temp_c;
    reject(loop, h, flow, st);
    st.return_temp_c =
        flow > 0
            ? st.supply_temp_c + h / (physics::kWaterDensity_kg_m3 * physics::kWaterCp_J_kgK * flow)
            : st.supply_temp_c;
    res_.loops.push_back(st);
    duty(loop).heat_w = h;
    visiting_.erase(loop);
    heat_[loop] = h;
    return h;
  }

  double chiller_share(const CoolingUnit& c) {
    // Evaporator heat of a chiller: its loop's heat split over the running chillers of the loop
    // (economizer mode passes the heat on without compressors: share 1 over the heat exchanger).
    return evap_share_.count(c.id) ? evap_share_.at(c.id) : 0.0;
  }

  void reject(Id loop, double h, double flow, LoopState& st) {
    const CoolingUnit& l = unit(loop);
    std::vector<Id> chillers, air_side;
    double air_cap = 0;
    for (std::size_t k : on_loop(loop)) {
      const CoolingUnit& u = site_.cooling[k];
      const Id id = u.id;
      if (!type(u)) continue;
      if (u.kind == CoolKind::Chiller) chillers.push_back(id);
      if (u.kind == CoolKind::CoolingTower || u.kind == CoolKind::DryCooler) {
        air_side.push_back(id);
        air_cap += u.capacity_w;
      }
    }
    const double reach = reachable_supply(loop);
    st.supply_temp_c = std::max(l.supply_temp_c, reach);
    if (!chillers.empty()) {
      // Waterside economizer: when the condenser side is cold enough, the heat exchanger does
      // the chillers' work and they stay off.
      const CoolingUnit& c0 = unit(chillers.front());
      const Id cond = c0.condenser_loop_id;
      const double t_cond = cond != kNoId ? reachable_supply(cond) : out_.dry_bulb_c;
      const double econ = p(c0, "economizer_approach_k");
      double cap = 0;
      for (Id id : chillers) cap += unit(id).capacity_w;
      if (cond != kNoId && t_cond + econ <= l.supply_temp_c) {
        st.economizer = true;
        for (Id id : chillers) {
          evap_share_[id] = unit(id).capacity_w / cap;
          duty(id).heat_w = h * evap_share_[id];
        }
      } else {
        // Staging: as many chillers as the load needs, equally loaded.
        std::vector<Id> order = chillers;
        std::stable_sort(order.begin(), order.end(),
                         [&](Id a, Id b) { return unit(a).capacity_w > unit(b).capacity_w; });
        double staged = 0;
        std::vector<Id> run;
        for (Id id : order) {
          if (staged >= h && !run.empty()) break;
          run.push_back(id);
          staged += unit(id).capacity_w;
        }
        if (h > cap * (1 + 1e-9)) {
          st.setpoint_met = false;
          res_.violations.push_back({loop, "cool.setpoint_not_met",
                                     "loop " + std::to_string(loop) + " '" + l.name + "' needs " +
                                         fmt(h / 1e6, 2) + " MW of chillers but has " +
                                         fmt(cap / 1e6, 2) + " MW"});
        }
        for (Id id : run) {
          const CoolingUnit& c = unit(id);
          const double share = c.capacity_w / staged;
          const double q = h * share;
          const double lf = c.capacity_w > 0 ? q / c.capacity_w : 0.0;
          const double lift =
              1.0 - p(c, "cop_change_frac_per_k") * (p(c, "rated_condenser_temp_c") - t_cond);
          const double w = c.capacity_w / p(c, "cop_rated") *
                           cat_.at(c.type).curve("part_load_power").at(lf) * std::max(0.2, lift);
          evap_share_[id] = share;
          chiller_work_[id] = w;
          duty(id).heat_w = q;
          duty(id).power_w = w;
          duty(id).load_frac = lf;
          res_.power_w[kPowerChillers] += w;
          res_.compressor_w += w;
          if (cond == kNoId) res_.heat_rejected_w += q + w;  // air-cooled condenser
        }
      }
      return;  // chilled loops reject through their chillers only
    }
    if (air_side.empty()) return;
    if (reach > l.supply_temp_c + 1e-9) {
      st.setpoint_met = false;
      res_.violations.push_back({loop, "cool.setpoint_not_met",
                                 "loop " + std::to_string(loop) + " '" + l.name + "' supplies " +
                                     fmt(reach) + " C, above its " + fmt(l.supply_temp_c) +
                                     " C setpoint, at " + fmt(out_.dry_bulb_c) + " C dry-bulb / " +
                                     fmt(out_.wet_bulb_c) + " C wet-bulb"});
    }
    if (h > air_cap * (1 + 1e-9))
      res_.violations.push_back({loop, "cool.overload",
                                 "loop " + std::to_string(loop) + " '" + l.name + "' rejects " +
                                     fmt(h / 1e6, 2) + " MW with " + fmt(air_cap / 1e6, 2) +
                                     " MW of towers and dry coolers"});
    for (Id id : air_side) {
      const CoolingUnit& u = unit(id);
      const double share = u.capacity_w / air_cap;
      const double q = h * share;
      UnitDuty& d = duty(id);
      d.heat_w = q;
      d.load_frac = u.capacity_w > 0 ? q / u.capacity_w : 0;
      d.power_w = p(u, "fan_power_frac") * q;
      res_.heat_rejected_w += q;
      if (u.kind == CoolKind::CoolingTower) {
        res_.power_w[kPowerTowerFans] += d.power_w;
        // Evaporation by heat rejected (l/kWh; W/1000 = kWh per hour), blowdown to hold the
        // cycles of concentration, drift as a share of the circulating water.
        const double evap = p(u, "evaporation_l_per_kwh") * q / 1000.0;
        const double blow = evap / std::max(1e-9, p(u, "cycles_of_concentration") - 1.0);
        const double drift = p(u, "drift_frac") * flow * share * 3.6e6;
        d.water_l_per_h = evap + blow + drift;
        res_.evaporation_l_per_h += evap;
        res_.blowdown_l_per_h += blow;
        res_.drift_l_per_h += drift;
      } else {
        res_.power_w[kPowerDryCoolerFans] += d.power_w;
      }
    }
  }

  void finish() {
    // CDU secondary supply against the coolant limit of the racks it serves.
    std::unordered_map<Id, double> loop_supply;
    for (const auto& l : res_.loops) loop_supply[l.id] = l.supply_temp_c;
    for (const auto& u : site_.cooling) {
      if (u.kind != CoolKind::Cdu || !type(u)) continue;
      const double lim = cdu_limit_[u.id];
      if (lim <= 0 || !loop_supply.count(u.loop_id)) continue;
      const double sec = loop_supply[u.loop_id] + p(u, "approach_k");
      if (sec > lim + 1e-9)
        res_.violations.push_back({u.id, "cool.coolant_hot",
                                   "CDU " + std::to_string(u.id) + " '" + u.name + "' supplies " +
                                       fmt(sec) + " C to racks that accept at most " + fmt(lim) +
                                       " C"});
    }
    for (const auto& [k, w] : res_.power_w) res_.cooling_power_w += w;
    res_.water_l_per_h = res_.evaporation_l_per_h + res_.blowdown_l_per_h + res_.drift_l_per_h;
    const auto get = [&](const char* k) {
      return res_.power_w.count(k) ? res_.power_w.at(k) : 0.0;
    };
    res_.heat_in_w = res_.rack_heat_w + res_.room_heat_w + get(kPowerCduPumps) +
                     get(kPowerAirFans) + get(kPowerLoopPumps);
    const double expect = res_.heat_in_w + res_.compressor_w;
    res_.energy_balance_error = expect > 0 ? std::abs(res_.heat_rejected_w - expect) / expect : 0.0;
  }

  const PlantModel& model_;
  const SiteRef& ref_;
  const Site& site_;
  const Catalog& cat_;
  const Outdoor& out_;
  const std::vector<double>& rack_heat_;
  const RoomHeat& room_heat_;
  PlantResult res_;
  const std::unordered_map<Id, std::size_t>& index_;
  std::unordered_map<Id, double> air_flow_, direct_, heat_, reach_, evap_share_, chiller_work_,
      cdu_limit_;
  std::unordered_set<Id> visiting_;
};

}  // namespace

PlantModel::PlantModel(const Site& site, const Catalog& catalog)
    : PlantModel(std::make_shared<const SiteRef>(compile_site_ref(site, catalog))) {}

PlantModel::PlantModel(const SiteRef& ref) { build(ref); }

PlantModel::PlantModel(std::shared_ptr<const SiteRef> own) : own_(std::move(own)) { build(*own_); }

void PlantModel::build(const SiteRef& ref) {
  ref_ = &ref;
  const Site& site = *ref.site;
  racks_.resize(site.racks.size());
  for (std::size_t i = 0; i < site.racks.size(); ++i) {
    const CatalogItem* t = ref.rack_type[i];
    if (!t) continue;
    RackCooling& r = racks_[i];
    r.known = true;
    r.liquid_fraction = t->get("liquid_fraction");
    r.cdu = ref.rack_cdu[i];
    r.air_unit = ref.rack_air_unit[i];
    // Read only where the solve uses them, as the catalog requires them only there.
    if (r.air_unit != SIZE_MAX) r.airflow_m3_s_per_kw = t->get("airflow_m3_s_per_kw");
    if (r.liquid_fraction > 0) r.coolant_max_supply_temp_c = t->get("coolant_max_supply_temp_c");
  }
  design_heat_w_ = compute_design_loads(ref).cooling_heat_w;
}

PlantResult solve_plant(const Site& site, const Catalog& catalog, const Outdoor& outdoor,
                        const std::vector<double>& rack_heat_w, const RoomHeat& room_heat_w) {
  return solve_plant(PlantModel(site, catalog), outdoor, rack_heat_w, room_heat_w);
}

PlantResult solve_plant(const PlantModel& model, const Outdoor& outdoor,
                        const std::vector<double>& rack_heat_w, const RoomHeat& room_heat_w) {
  return Plant(model, outdoor, rack_heat_w, room_heat_w).run();
}

std::vector<double> rack_heat_from_catalog(const Site& site, const Catalog& catalog,
                                           double load_frac) {
  std::vector<double> out(site.racks.size(), 0.0);
  for (std::size_t i = 0; i < site.racks.size(); ++i) {
    const CatalogItem* t = catalog.find(site.racks.type[i]);
    if (!t || t->kind != ItemKind::Rack) continue;
    const double design =
        site.racks.power_override_w[i] ? *site.racks.power_override_w[i] : t->get("nameplate_w");
    const double it = design * load_frac;
    out[i] = it / t->curve("psu_efficiency").at(it / t->get("nameplate_w"));
  }
  return out;
}

}  // namespace dctwin::model::thermal
