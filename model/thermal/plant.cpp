#include "model/thermal/plant.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "model/site/loads.h"
#include "model/site/physics.h"
#include "model/thermal/equipment.h"

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
        const RoomHeat& room, const std::unordered_map<Id, double>& cond_guess)
      : cond_guess_(cond_guess),
        model_(m),
        ref_(m.ref()),
        site_(m.site()),
        cat_(m.catalog()),
        out_(o),
        rack_heat_(heat),
        room_heat_(room),
        index_(m.index()) {}

  /// The condenser water temperature each condenser loop was taken to supply to its chillers.
  [[nodiscard]] const std::unordered_map<Id, double>& used_condenser() const { return used_cond_; }

  PlantResult run() {
    for (const char* k : {kPowerCduPumps, kPowerLoopPumps, kPowerAirFans, kPowerChillers,
                          kPowerTowerFans, kPowerDryCoolerFans})
      res_.power_w[k] = 0.0;
    for (std::size_t k = 0; k < site_.cooling.size(); ++k)
      res_.units.push_back({site_.cooling[k].id, 0, 0, 0, 0});
    for (const auto& [k, why] : model_.rating_problems())
      res_.violations.push_back({site_.cooling[k].id, "cool.bad_rating", why});
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
        // The CDU holds its design temperature rise: flow follows heat, and the pumps move it
        // against a head that falls with the square of the flow to the held minimum.
        const double dt = p(u, "design_delta_t_k");
        const double pump =
            dt > 0 ? physics::pump_power_w(physics::water_flow_m3_s(d.heat_w, dt),
                                           physics::water_flow_m3_s(u.capacity_w, dt),
                                           p(u, "pump_head_pa"), p(u, "pump_min_head_frac"),
                                           p(u, "pump_efficiency"))
                   : 0.0;
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
    const double flow = loop_flow(loop, h);
    // Pumps share the flow; their work follows the affinity law and heats the water.
    std::vector<Id> pumps;
    for (std::size_t k : on_loop(loop))
      if (site_.cooling[k].kind == CoolKind::Pump && type(site_.cooling[k]))
        pumps.push_back(site_.cooling[k].id);
    for (Id id : pumps) {
      const CoolingUnit& pu = unit(id);
      const double q = flow / double(pumps.size()), qr = p(pu, "flow_m3_s");
      const double frac = qr > 0 ? q / qr : 0.0;
      const double w = physics::pump_power_w(q, qr, p(pu, "head_pa"), p(pu, "min_head_frac"),
                                             p(pu, "efficiency"));
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

  // The towers and dry coolers of a loop rejecting h (W) from flow (m3/s) with the water
  // leaving as near target_c as their fans allow; each unit takes its share by capacity (units of
  // one type run at one operating point). Returns the mixed supply temperature. With commit, the
  // units' duties, power and water go into the result.
  struct AirSide {
    double supply_c = 0;
    bool full_speed = false;  ///< some unit's fans are at full speed and still miss the target
    bool min_speed = false;   ///< some unit's fans are at their minimum speed (bypass open)
    bool adiabatic = false;
    double max_speed = 0;  ///< the fastest unit's fan speed over full speed
  };
  AirSide run_air_side(Id loop, double h, double flow, double target_c, bool commit) {
    AirSide out;
    const double cap = air_side_capacity(loop);
    if (!(cap > 0)) return out;
    const double rho = physics::kWaterDensity_kg_m3;
    double mixed = 0, weight = 0;
    // Units of one type with one share run at one operating point: solve it once.
    struct Memo {
      const CatalogItem* type;
      double share;
      RejectionPoint point;
    };
    std::vector<Memo> memo;
    for (std::size_t k : on_loop(loop)) {
      const CoolingUnit& u = site_.cooling[k];
      const bool tower = u.kind == CoolKind::CoolingTower, dry = u.kind == CoolKind::DryCooler;
      if (!(tower || dry) || !type(u)) continue;
      const TowerRating* tr = tower ? model_.tower(k) : nullptr;
      const DryCoolerRating* dr = dry ? model_.dry_cooler(k) : nullptr;
      if (!tr && !dr) continue;  // a rating the model cannot meet: rating_problems() says why
      const double share = u.capacity_w / cap;
      const double q = h * share, m = flow * rho * share;
      // Each unit is its catalog type (the site's capacity_w is its duty at the design weather,
      // which sets the shares).
      const Memo* seen = nullptr;
      for (const Memo& mm : memo)
        if (mm.type == type(u) && mm.share == share) seen = &mm;
      const RejectionPoint pt = seen ? seen->point
                                : tr ? tower_for_heat(*tr, q, m, target_c, out_.dry_bulb_c,
                                                      out_.wet_bulb_c, out_.pressure_pa)
                                     : dry_cooler_for_heat(*dr, q, m, target_c, out_.dry_bulb_c,
                                                           out_.wet_bulb_c, out_.pressure_pa);
      if (!seen) memo.push_back({type(u), share, pt});
      const double out_c = pt.water_out_c, power = pt.fan_power_w, water_kg_s = pt.water_kg_s;
      mixed += out_c * m;
      weight += m;
      out.full_speed = out.full_speed || pt.at_full_speed;
      out.adiabatic = out.adiabatic || pt.adiabatic;
      out.min_speed = out.min_speed || pt.at_min_speed;
      out.max_speed = std::max(out.max_speed, pt.fan_speed_frac);
      if (!commit) continue;
      UnitDuty& d = res_.units[k];
      d.heat_w = q;
      d.load_frac = u.capacity_w > 0 ? q / u.capacity_w : 0;
      d.power_w = power;
      d.fan_speed_frac = pt.fan_speed_frac;
      res_.heat_rejected_w += q;
      // Litres from kilograms at the water's density (kg/m3 / 1000 = kg/l).
      const double l_per_h = water_kg_s * 3600.0 / (rho / 1000.0);
      if (tower) {
        res_.power_w[kPowerTowerFans] += power;
        // Blowdown holds the cycles of concentration; drift is a share of the circulating water.
        const double blow = l_per_h / std::max(1e-9, p(u, "cycles_of_concentration") - 1.0);
        const double drift = p(u, "drift_frac") * m * 3600.0 / (rho / 1000.0);
        d.water_l_per_h = l_per_h + blow + drift;
        res_.evaporation_l_per_h += l_per_h;
        res_.blowdown_l_per_h += blow;
        res_.drift_l_per_h += drift;
      } else {
        res_.power_w[kPowerDryCoolerFans] += power;
        d.water_l_per_h = l_per_h;
        res_.evaporation_l_per_h += l_per_h;
      }
    }
    out.supply_c = weight > 0 ? mixed / weight : target_c;
    return out;
  }

  // Heat a condenser loop would carry with the chillers of `chilled` in economizer mode (the
  // chilled heat passes straight on) or running at the rated COP, for the economizer decision.
  double condenser_heat_estimate(Id cond, double chilled_heat, bool economizer) const {
    const auto it = direct_.find(cond);
    double h = it != direct_.end() ? it->second : 0.0;
    double cop = 0;
    for (std::size_t k : condensing(cond))
      if (type(site_.cooling[k])) cop = p(site_.cooling[k], "cop_rated");
    h += chilled_heat * (economizer || !(cop > 0) ? 1.0 : 1.0 + 1.0 / cop);
    return h;
  }
  // A loop's flow carrying heat at its design temperature rise (from its design flow and design
  // heat); its design flow when it has no design heat.
  double loop_flow(Id loop, double heat) const {
    const CoolingUnit& l = unit(loop);
    const auto design_it = model_.design_heat_w().find(loop);
    const double design = design_it != model_.design_heat_w().end() ? design_it->second : 0.0;
    if (l.flow_m3_s > 0 && design > 0) return l.flow_m3_s * heat / design;
    return l.flow_m3_s;
  }
  // Capacity of the towers and dry coolers on a loop (their duty on the site).
  double air_side_capacity(Id loop) const {
    double cap = 0;
    for (std::size_t k : on_loop(loop)) {
      const CoolingUnit& u = site_.cooling[k];
      if ((u.kind == CoolKind::CoolingTower || u.kind == CoolKind::DryCooler) && type(u))
        cap += u.capacity_w;
    }
    return cap;
  }

  void reject(Id loop, double h, double flow, LoopState& st) {
    const CoolingUnit& l = unit(loop);
    std::vector<Id> chillers;
    bool air_side = false;
    for (std::size_t k : on_loop(loop)) {
      const CoolingUnit& u = site_.cooling[k];
      if (!type(u)) continue;
      if (u.kind == CoolKind::Chiller) chillers.push_back(u.id);
      if (u.kind == CoolKind::CoolingTower || u.kind == CoolKind::DryCooler) air_side = true;
    }
    st.supply_temp_c = l.supply_temp_c;
    if (!chillers.empty()) {
      // Waterside economizer: when the condenser loop's towers at full speed can make water cold
      // enough, the heat exchanger does the chillers' work and they stay off.
      const CoolingUnit& c0 = unit(chillers.front());
      const Id cond = c0.condenser_loop_id;
      const double econ = p(c0, "economizer_approach_k");
      double cap = 0;
      for (Id id : chillers) cap += unit(id).capacity_w;
      bool economize = false;
      if (cond != kNoId) {
        const double hc = condenser_heat_estimate(cond, h, true);
        const double coldest = run_air_side(cond, hc, loop_flow(cond, hc), -100.0, false).supply_c;
        economize = coldest + econ <= l.supply_temp_c;
      }
      if (economize) {
        st.economizer = true;
        double& target = econ_target_[cond];
        const double want = l.supply_temp_c - econ;
        target = target == 0 ? want : std::min(target, want);
        for (Id id : chillers) {
          evap_share_[id] = unit(id).capacity_w / cap;
          duty(id).heat_w = h * evap_share_[id];
        }
        return;
      }
      // Condenser water: what the condenser loop supplies (the last pass's answer, else an
      // estimate from the rated COP); air-cooled condensers take the outdoor dry-bulb.
      double t_cond = out_.dry_bulb_c;
      if (cond != kNoId) {
        if (auto g = cond_guess_.find(cond); g != cond_guess_.end()) {
          t_cond = g->second;
        } else {
          const double hc = condenser_heat_estimate(cond, h, false);
          t_cond =
              run_air_side(cond, hc, loop_flow(cond, hc), unit(cond).supply_temp_c, false).supply_c;
        }
      }
      st.condenser_temp_c = t_cond;
      if (cond != kNoId) used_cond_[cond] = t_cond;
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
        // Compressor power by the lift it works against (condenser water entering less chilled
        // water leaving) and the part-load curve (equipment.h).
        const ChillerPower cp =
            chiller_power(cat_.at(c.type), c.capacity_w, q, t_cond, st.supply_temp_c);
        if (!(cp.by_lift > 0))
          res_.violations.push_back(
              {id, "cool.chiller_lift",
               "chiller " + std::to_string(id) + " '" + c.name + "': its catalog type gives no " +
                   "power at a " + fmt(cp.lift_k) + " K lift (cop_change_frac_per_k " +
                   fmt(p(c, "cop_change_frac_per_k"), 3) + " per K): raise min_lift_k"});
        const double w = cp.power_w;
        evap_share_[id] = share;
        chiller_work_[id] = w;
        duty(id).heat_w = q;
        duty(id).power_w = w;
        duty(id).load_frac = lf;
        res_.power_w[kPowerChillers] += w;
        res_.compressor_w += w;
        if (cond == kNoId) res_.heat_rejected_w += q + w;  // air-cooled condenser
      }
      return;  // chilled loops reject through their chillers only
    }
    if (!air_side) return;
    const double cap = air_side_capacity(loop);
    // A chilled loop economizing through this one may want colder water than its own setpoint.
    double target = l.supply_temp_c;
    if (auto e = econ_target_.find(loop); e != econ_target_.end())
      target = std::min(target, e->second);
    const AirSide a = run_air_side(loop, h, flow, target, true);
    st.supply_temp_c = a.supply_c;
    st.adiabatic = a.adiabatic;
    st.fans_at_min_speed = a.min_speed;
    st.max_fan_speed_frac = a.max_speed;
    if (a.supply_c > l.supply_temp_c + 0.01) {
      st.setpoint_met = false;
      st.shortfall_k = a.supply_c - l.supply_temp_c;
      res_.violations.push_back(
          {loop, "cool.setpoint_not_met",
           "loop " + std::to_string(loop) + " '" + l.name + "' supplies " + fmt(a.supply_c) +
               " C, " + fmt(st.shortfall_k) + " K above its " + fmt(l.supply_temp_c) +
               " C setpoint, with every tower and dry cooler fan at full "
               "speed at " +
               fmt(out_.dry_bulb_c) + " C dry-bulb / " + fmt(out_.wet_bulb_c) + " C wet-bulb"});
    }
    if (h > cap * (1 + 1e-9) && !st.setpoint_met)
      res_.violations.push_back({loop, "cool.overload",
                                 "loop " + std::to_string(loop) + " '" + l.name + "' rejects " +
                                     fmt(h / 1e6, 2) + " MW with " + fmt(cap / 1e6, 2) +
                                     " MW of towers and dry coolers"});
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

  const std::unordered_map<Id, double>& cond_guess_;
  const PlantModel& model_;
  const SiteRef& ref_;
  const Site& site_;
  const Catalog& cat_;
  const Outdoor& out_;
  const std::vector<double>& rack_heat_;
  const RoomHeat& room_heat_;
  PlantResult res_;
  const std::unordered_map<Id, std::size_t>& index_;
  std::unordered_map<Id, double> air_flow_, direct_, heat_, evap_share_, chiller_work_, cdu_limit_,
      econ_target_, used_cond_;
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
  towers_.assign(site.cooling.size(), std::nullopt);
  dry_coolers_.assign(site.cooling.size(), std::nullopt);
  rating_problems_.clear();
  for (std::size_t k = 0; k < site.cooling.size(); ++k) {
    const CoolingUnit& u = site.cooling[k];
    const CatalogItem* t = ref.catalog->find(u.type);
    if (!t || (u.kind != CoolKind::CoolingTower && u.kind != CoolKind::DryCooler)) continue;
    try {
      if (u.kind == CoolKind::CoolingTower)
        towers_[k] = TowerRating::from(*t);
      else
        dry_coolers_[k] = DryCoolerRating::from(*t);
    } catch (const std::exception& e) {
      // A rating the model cannot meet, or one missing a parameter (validation names it too):
      // the unit rejects nothing and the solve says why.
      rating_problems_.emplace_back(k, std::string(to_string(u.kind)) + " " + std::to_string(u.id) +
                                           " '" + u.name + "' rejects nothing: " + e.what());
    }
  }
}

const TowerRating* PlantModel::tower(std::size_t k) const {
  return k < towers_.size() && towers_[k] ? &*towers_[k] : nullptr;
}
const DryCoolerRating* PlantModel::dry_cooler(std::size_t k) const {
  return k < dry_coolers_.size() && dry_coolers_[k] ? &*dry_coolers_[k] : nullptr;
}

PlantResult solve_plant(const Site& site, const Catalog& catalog, const Outdoor& outdoor,
                        const std::vector<double>& rack_heat_w, const RoomHeat& room_heat_w) {
  return solve_plant(PlantModel(site, catalog), outdoor, rack_heat_w, room_heat_w);
}

PlantResult solve_plant(const PlantModel& model, const Outdoor& outdoor,
                        const std::vector<double>& rack_heat_w, const RoomHeat& room_heat_w) {
  // The chillers' condenser water is what their condenser loop supplies, which depends on the
  // heat the chillers add to it: solve again with the last pass's supply until it holds
  // (towers mostly hold their setpoint, so one repeat is the rule).
  std::unordered_map<Id, double> guess;
  PlantResult r;
  for (int pass = 0; pass < 4; ++pass) {
    Plant plant(model, outdoor, rack_heat_w, room_heat_w, guess);
    r = plant.run();
    bool settled = true;
    std::unordered_map<Id, double> next;
    for (const auto& [cond, used] : plant.used_condenser()) {
      for (const LoopState& l : r.loops)
        if (l.id == cond) {
          next[cond] = l.supply_temp_c;
          settled = settled && std::abs(l.supply_temp_c - used) < kCondenserTolK;
        }
    }
    if (settled) break;
    guess = std::move(next);
  }
  return r;
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
    out[i] = it / t->curve("psu_efficiency").at(it / t->get("psu_capacity_w"));
  }
  return out;
}

}  // namespace dctwin::model::thermal
