#include "model/thermal/ridethrough.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "model/site/physics.h"
#include "model/thermal/hall_air.h"

namespace dctwin::model::thermal {

namespace {

const CoolingUnit* find_unit(const Site& s, Id id) {
  for (const auto& u : s.cooling)
    if (u.id == id) return &u;
  return nullptr;
}

double ashrae(const char* name) {
  for (const auto& r : kAshraeInletRanges)
    if (std::string(r.name) == name) return r.max_c;
  throw std::logic_error(std::string("no ASHRAE range ") + name);
}

void add_limit(RideThroughResult& r, const std::string& name, double limit_c, bool hard) {
  RideThroughLimit l{name, limit_c, std::nullopt, hard};
  // Heat with no thermal mass to take it: the limit is reached at once.
  if (r.unbalance_w > 0)
    l.time_s = r.thermal_mass_j_per_k > 0
                   ? std::max(0.0, (limit_c - r.start_c) * r.thermal_mass_j_per_k / r.unbalance_w)
                   : 0.0;
  r.limits.push_back(l);
}

// Limits on a loop's water: air units deliver air a coil approach (`coil`, < 0: none on the
// loop) above it; CDUs deliver coolant their approach above it (`coolant`: the water temperature
// at which the first rack's coolant limit is reached, 0: no CDU).
void add_water_limits(RideThroughResult& r, double coil, double coolant) {
  if (coil >= 0) {
    add_limit(r, "ASHRAE recommended inlet (water at inlet minus coil approach)",
              ashrae("recommended") - coil, false);
    add_limit(r, "ASHRAE allowable A1 inlet (water at inlet minus coil approach)",
              ashrae("A1") - coil, true);
  }
  if (coolant > 0)
    add_limit(r, "rack coolant maximum (water at limit minus CDU approach)", coolant, true);
}

void sort_limits(RideThroughResult& r) {
  std::stable_sort(r.limits.begin(), r.limits.end(),
                   [](const RideThroughLimit& a, const RideThroughLimit& b) {
                     if (a.time_s.has_value() != b.time_s.has_value()) return a.time_s.has_value();
                     return a.time_s.value_or(0) < b.time_s.value_or(0);
                   });
}

bool is_air_unit(CoolKind k) { return k == CoolKind::Crah || k == CoolKind::FanWall; }
bool is_rejection(CoolKind k) { return k == CoolKind::CoolingTower || k == CoolKind::DryCooler; }

std::string describe(const CoolingUnit& u) {
  return std::string(to_string(u.kind)) + " " + std::to_string(u.id) + " '" + u.name + "'";
}

}  // namespace

const char* to_string(CoolingEvent e) {
  switch (e) {
    case CoolingEvent::ChillerTrip:
      return "chiller_trip";
    case CoolingEvent::CduPumpLoss:
      return "cdu_pump";
    case CoolingEvent::CrahLoss:
      return "crah";
  }
  return "?";
}

std::optional<CoolingEvent> cooling_event_from_string(const std::string& s) {
  for (auto e : {CoolingEvent::ChillerTrip, CoolingEvent::CduPumpLoss, CoolingEvent::CrahLoss})
    if (s == to_string(e)) return e;
  return std::nullopt;
}

RideThroughResult ride_through(const Site& site, const Catalog& catalog, CoolingEvent event,
                               Id target, const Outdoor& outdoor,
                               const std::vector<double>& rack_heat_w) {
  const CoolingUnit* t = find_unit(site, target);
  if (!t) throw std::invalid_argument("no cooling unit has id " + std::to_string(target));
  const PlantResult plant = solve_plant(site, catalog, outdoor, rack_heat_w);
  std::unordered_map<Id, const UnitDuty*> duty;
  for (const auto& d : plant.units) duty[d.id] = &d;
  std::unordered_map<Id, const LoopState*> loops;
  for (const auto& l : plant.loops) loops[l.id] = &l;
  const AirProperties air;
  const double water_c = physics::kWaterDensity_kg_m3 * physics::kWaterCp_J_kgK;

  RideThroughResult r;
  r.event = event;
  r.target = target;
  std::ostringstream why;
  switch (event) {
    case CoolingEvent::CduPumpLoss: {
      if (t->kind != CoolKind::Cdu)
        throw std::invalid_argument(describe(*t) + " is not a CDU: cdu_pump needs a CDU");
      // The racks' cold plates keep heating the secondary water, which no longer moves heat to
      // the facility loop: it warms as one lump.
      r.medium = "CDU secondary";
      r.unbalance_w = duty.at(t->id)->heat_w;
      r.thermal_mass_j_per_k = water_c * catalog.at(t->type).get("secondary_volume_m3");
      const auto loop = loops.find(t->loop_id);
      r.start_c = (loop != loops.end() ? loop->second->supply_temp_c : t->supply_temp_c) +
                  catalog.at(t->type).get("approach_k");
      double lim = 0;
      for (std::size_t i = 0; i < site.racks.size(); ++i) {
        if (site.racks.cdu_id[i] != t->id) continue;
        r.racks_affected.push_back(site.racks.id[i]);
        const double v = catalog.at(site.racks.type[i]).get("coolant_max_supply_temp_c");
        if (v > 0) lim = lim == 0 ? v : std::min(lim, v);
      }
      add_limit(r, "rack coolant maximum", lim, true);
      why << "no flow through " << describe(*t)
          << ": its racks' liquid heat warms its secondary water";
      break;
    }
    case CoolingEvent::CrahLoss: {
      if (t->kind != CoolKind::Crah && t->kind != CoolKind::FanWall)
        throw std::invalid_argument(describe(*t) + " is not a CRAH or fan wall: crah needs one");
      // The hall's other air units keep running at their capacity; what they cannot take warms
      // the hall air.
      r.medium = "hall air";
      double heat = 0, survivors = 0;
      for (const auto& u : site.cooling) {
        if ((u.kind != CoolKind::Crah && u.kind != CoolKind::FanWall) || u.hall_id != t->hall_id)
          continue;
        heat += duty.at(u.id)->heat_w;
        if (u.id != t->id) survivors += u.capacity_w;
      }
      r.unbalance_w = std::max(0.0, heat - survivors);
      double volume = 0;
      for (const auto& h : site.halls)
        if (h.id == t->hall_id) volume = h.width_m * h.depth_m * h.height_m;
      r.thermal_mass_j_per_k = air.rho_kg_m3 * air.cp_j_kgk * volume;
      r.start_c = t->supply_temp_c;
      for (std::size_t i = 0; i < site.racks.size(); ++i)
        if (site.racks.air_unit_id[i] == t->id) r.racks_affected.push_back(site.racks.id[i]);
      add_limit(r, "ASHRAE recommended inlet", ashrae("recommended"), false);
      add_limit(r, "ASHRAE allowable A1 inlet", ashrae("A1"), true);
      why << describe(*t) << " stops; the hall's other air units carry " << survivors / 1e6
          << " MW of its " << heat / 1e6 << " MW of air heat";
      break;
    }
    case CoolingEvent::ChillerTrip: {
      std::vector<const CoolingUnit*> tripped;
      Id loop_id = kNoId;
      if (t->kind == CoolKind::Chiller) {
        tripped.push_back(t);
        loop_id = t->loop_id;
      } else if (t->kind == CoolKind::WaterLoop) {
        loop_id = t->id;
        for (const auto& u : site.cooling)
          if (u.kind == CoolKind::Chiller && u.loop_id == loop_id) tripped.push_back(&u);
      } else {
        throw std::invalid_argument(describe(*t) +
                                    " is neither a chiller nor a water loop: "
                                    "chiller_trip needs one");
      }
      const CoolingUnit* loop = find_unit(site, loop_id);
      if (!loop) throw std::invalid_argument(describe(*t) + " is on no water loop");
      const LoopState* state = loops.count(loop_id) ? loops.at(loop_id) : nullptr;
      r.medium = "chilled water loop";
      r.start_c = state ? state->supply_temp_c : loop->supply_temp_c;
      double remaining = 0, heat = state ? state->heat_w : 0.0;
      for (const auto& u : site.cooling)
        if (u.kind == CoolKind::Chiller && u.loop_id == loop_id &&
            std::find(tripped.begin(), tripped.end(), &u) == tripped.end())
          remaining += u.capacity_w;
      // In economizer mode the heat exchanger carries the loop: a chiller trip changes nothing.
      r.unbalance_w = state && state->economizer ? 0.0 : std::max(0.0, heat - remaining);
      double volume = loop->volume_m3;
      for (const auto& u : site.cooling)
        if (u.kind == CoolKind::StorageTank && u.loop_id == loop_id) volume += u.volume_m3;
      r.thermal_mass_j_per_k = water_c * volume;
      // Limits on the water: air units deliver air a coil approach above the water; CDUs
      // deliver coolant their approach above it.
      double coil = -1, coolant = 0;
      for (const auto& u : site.cooling) {
        if (u.loop_id != loop_id) continue;
        if (u.kind == CoolKind::Crah || u.kind == CoolKind::FanWall)
          coil = std::max(coil, u.supply_temp_c - loop->supply_temp_c);
        if (u.kind == CoolKind::Cdu) {
          for (std::size_t i = 0; i < site.racks.size(); ++i) {
            if (site.racks.cdu_id[i] != u.id) continue;
            r.racks_affected.push_back(site.racks.id[i]);
            const double v = catalog.at(site.racks.type[i]).get("coolant_max_supply_temp_c") -
                             catalog.at(u.type).get("approach_k");
            if (v > 0) coolant = coolant == 0 ? v : std::min(coolant, v);
          }
        }
        if (u.kind == CoolKind::Crah || u.kind == CoolKind::FanWall)
          for (std::size_t i = 0; i < site.racks.size(); ++i)
            if (site.racks.air_unit_id[i] == u.id) r.racks_affected.push_back(site.racks.id[i]);
      }
      add_water_limits(r, coil, coolant);
      why << tripped.size() << " chiller(s) trip on '" << loop->name << "'; the rest carry "
          << remaining / 1e6 << " MW of " << heat / 1e6 << " MW"
          << (state && state->economizer ? " (economizer mode: no chiller is running)" : "");
      break;
    }
  }
  sort_limits(r);
  r.explanation = why.str();
  return r;
}

CoolingLoss cooling_loss(const Site& site, const Catalog& catalog, const PlantResult& plant,
                         const std::vector<Id>& stopped_ids, const std::vector<double>& rack_heat_w,
                         const std::vector<char>& racks_off) {
  CoolingLoss out;
  const std::size_t n = site.cooling.size();
  std::unordered_map<Id, std::size_t> index;
  for (std::size_t k = 0; k < n; ++k) index.emplace(site.cooling[k].id, k);
  std::vector<char> stopped(n, 0);
  for (Id id : stopped_ids)
    if (const auto it = index.find(id); it != index.end()) stopped[it->second] = 1;
  if (std::find(stopped.begin(), stopped.end(), 1) == stopped.end()) return out;

  std::unordered_map<Id, const UnitDuty*> duty;
  for (const auto& d : plant.units) duty[d.id] = &d;
  std::unordered_map<Id, const LoopState*> loops;
  for (const auto& l : plant.loops) loops[l.id] = &l;
  auto heat_of = [&](const CoolingUnit& u) {
    const auto it = duty.find(u.id);
    return it == duty.end() ? 0.0 : it->second->heat_w;
  };
  const AirProperties air;
  const double water_c = physics::kWaterDensity_kg_m3 * physics::kWaterCp_J_kgK;

  // Racks on each terminal unit, and the share of their heat still released.
  std::unordered_map<Id, std::vector<std::size_t>> racks_on;
  for (std::size_t i = 0; i < site.racks.size(); ++i) {
    if (site.racks.cdu_id[i] != kNoId) racks_on[site.racks.cdu_id[i]].push_back(i);
    if (site.racks.air_unit_id[i] != kNoId) racks_on[site.racks.air_unit_id[i]].push_back(i);
  }
  auto alive = [&](Id unit) {
    const auto it = racks_on.find(unit);
    if (it == racks_on.end() || racks_off.empty()) return 1.0;
    double all = 0, on = 0;
    for (std::size_t i : it->second) {
      const double h = i < rack_heat_w.size() ? rack_heat_w[i] : 0.0;
      all += h;
      if (i >= racks_off.size() || !racks_off[i]) on += h;
    }
    return all > 0 ? on / all : 1.0;
  };
  auto rack_ids = [&](Id unit, std::vector<Id>& to) {
    if (const auto it = racks_on.find(unit); it != racks_on.end())
      for (std::size_t i : it->second) to.push_back(site.racks.id[i]);
  };

  // A loop whose pumps all stop moves no heat: everything on it stops, and the chillers that
  // reject into it. Repeated until nothing more stops (a stopped chiller stops no pump).
  std::unordered_map<Id, std::pair<double, double>> pump_flow;  // loop: running, installed
  std::unordered_map<Id, int> pumps_running;
  for (bool changed = true; changed;) {
    changed = false;
    pump_flow.clear();
    pumps_running.clear();
    for (std::size_t k = 0; k < n; ++k) {
      const CoolingUnit& u = site.cooling[k];
      if (u.kind != CoolKind::Pump) continue;
      auto& f = pump_flow[u.loop_id];
      f.second += u.flow_m3_s;
      int& running = pumps_running[u.loop_id];  // a loop with pumps, running or not
      if (!stopped[k]) {
        f.first += u.flow_m3_s;
        ++running;
      }
    }
    for (const auto& [loop, running] : pumps_running) {
      if (running > 0) continue;
      for (std::size_t k = 0; k < n; ++k) {
        const CoolingUnit& u = site.cooling[k];
        const bool on_loop = u.loop_id == loop && u.kind != CoolKind::Pump &&
                             u.kind != CoolKind::StorageTank && u.kind != CoolKind::WaterLoop;
        const bool condenses = u.kind == CoolKind::Chiller && u.condenser_loop_id == loop;
        if ((on_loop || condenses) && !stopped[k]) {
          stopped[k] = 1;
          changed = true;
        }
      }
    }
  }

  // Terminal units: CDUs by redundancy group (a shared header), air units by hall.
  std::vector<char> done(n, 0);
  for (std::size_t k = 0; k < n; ++k) {
    const CoolingUnit& t = site.cooling[k];
    if (!stopped[k] || done[k] || t.kind != CoolKind::Cdu) continue;
    std::vector<std::size_t> members{k};
    for (const auto& g : site.groups) {
      if (std::find(g.members.begin(), g.members.end(), t.id) == g.members.end()) continue;
      std::vector<std::size_t> cdus;
      for (Id m : g.members)
        if (const auto it = index.find(m);
            it != index.end() && site.cooling[it->second].kind == CoolKind::Cdu)
          cdus.push_back(it->second);
      if (cdus.size() > 1) {
        members = cdus;
        break;
      }
    }
    RideThroughResult r;
    r.event = CoolingEvent::CduPumpLoss;
    r.target = t.id;
    r.medium = "CDU secondary";
    double heat = 0, survivors = 0, volume = 0, lim = 0;
    std::size_t lost = 0;
    for (std::size_t m : members) {
      const CoolingUnit& u = site.cooling[m];
      heat += heat_of(u) * alive(u.id);
      volume += catalog.at(u.type).get("secondary_volume_m3");
      if (!stopped[m]) {
        survivors += u.capacity_w;
        continue;
      }
      done[m] = 1;
      ++lost;
      if (const auto on = racks_on.find(u.id); on != racks_on.end())
        for (std::size_t i : on->second) {
          r.racks_affected.push_back(site.racks.id[i]);
          const double v = catalog.at(site.racks.type[i]).get("coolant_max_supply_temp_c");
          if (v > 0) lim = lim == 0 ? v : std::min(lim, v);
        }
    }
    r.unbalance_w = std::max(0.0, heat - survivors);
    if (!(r.unbalance_w > 0)) continue;
    r.thermal_mass_j_per_k = water_c * volume;
    const auto loop = loops.find(t.loop_id);
    r.start_c = (loop != loops.end() ? loop->second->supply_temp_c : t.supply_temp_c) +
                catalog.at(t.type).get("approach_k");
    add_limit(r, "rack coolant maximum", lim, true);
    std::ostringstream why;
    why << "no flow through " << describe(t);
    if (members.size() > 1)
      why << " and " << lost - 1 << " more of its " << members.size() << " CDUs; the others carry "
          << survivors / 1e6 << " MW of " << heat / 1e6 << " MW";
    else
      why << ": its racks' liquid heat warms its secondary water";
    r.explanation = why.str();
    out.parts.push_back(std::move(r));
  }
  for (std::size_t k = 0; k < n; ++k) {
    const CoolingUnit& t = site.cooling[k];
    if (!stopped[k] || done[k] || !is_air_unit(t.kind)) continue;
    RideThroughResult r;
    r.event = CoolingEvent::CrahLoss;
    r.target = t.id;
    r.medium = "hall air";
    r.start_c = t.supply_temp_c;
    double heat = 0, survivors = 0;
    std::size_t lost = 0;
    for (std::size_t m = 0; m < n; ++m) {
      const CoolingUnit& u = site.cooling[m];
      if (!is_air_unit(u.kind) || u.hall_id != t.hall_id) continue;
      heat += heat_of(u) * alive(u.id);
      if (!stopped[m]) {
        survivors += u.capacity_w;
        continue;
      }
      done[m] = 1;
      ++lost;
      r.start_c = std::min(r.start_c, u.supply_temp_c);
      rack_ids(u.id, r.racks_affected);
    }
    r.unbalance_w = std::max(0.0, heat - survivors);
    if (!(r.unbalance_w > 0)) continue;
    double volume = 0;
    for (const auto& h : site.halls)
      if (h.id == t.hall_id) volume = h.width_m * h.depth_m * h.height_m;
    r.thermal_mass_j_per_k = air.rho_kg_m3 * air.cp_j_kgk * volume;
    add_limit(r, "ASHRAE recommended inlet", ashrae("recommended"), false);
    add_limit(r, "ASHRAE allowable A1 inlet", ashrae("A1"), true);
    std::ostringstream why;
    why << lost << " air unit(s) stop, " << describe(t)
        << " first; the hall's running air units carry " << survivors / 1e6 << " MW of its "
        << heat / 1e6 << " MW of air heat";
    r.explanation = why.str();
    out.parts.push_back(std::move(r));
  }

  // Loops: heat reaching each against what its running chillers (or rejection units) and pumps
  // can carry, compared with normal operation. Condenser loops without terminal units first:
  // their shortfall moves to the chilled loops whose chillers reject into them.
  std::unordered_map<Id, double> extra;  // shortfall passed down, by loop id
  std::vector<std::size_t> order;
  auto has_terminals = [&](Id loop) {
    for (const auto& u : site.cooling)
      if (u.loop_id == loop && (u.kind == CoolKind::Cdu || is_air_unit(u.kind))) return true;
    return false;
  };
  for (std::size_t k = 0; k < n; ++k)
    if (site.cooling[k].kind == CoolKind::WaterLoop && !has_terminals(site.cooling[k].id))
      order.push_back(k);
  for (std::size_t k = 0; k < n; ++k)
    if (site.cooling[k].kind == CoolKind::WaterLoop && has_terminals(site.cooling[k].id))
      order.push_back(k);
  for (std::size_t k : order) {
    const CoolingUnit& loop = site.cooling[k];
    const auto st = loops.find(loop.id);
    if (st == loops.end()) continue;
    const LoopState& state = *st->second;
    double q = state.heat_w, q_base = state.heat_w;
    double chillers = 0, chillers_base = 0, rejection = 0, rejection_base = 0;
    bool any_chiller = false, any_rejection = false, touched = false;
    for (std::size_t m = 0; m < n; ++m) {
      const CoolingUnit& u = site.cooling[m];
      if (u.loop_id != loop.id) continue;
      touched = touched || stopped[m];
      if (u.kind == CoolKind::Cdu || is_air_unit(u.kind)) {
        // A stopped terminal no longer brings its heat; a running one brings its live racks'.
        q -= heat_of(u) * (stopped[m] ? 1.0 : 1.0 - alive(u.id));
      } else if (u.kind == CoolKind::Chiller) {
        any_chiller = true;
        chillers_base += u.capacity_w;
        if (!stopped[m]) chillers += u.capacity_w;
      } else if (is_rejection(u.kind)) {
        any_rejection = true;
        rejection_base += u.capacity_w;
        if (!stopped[m]) rejection += u.capacity_w;
      }
    }
    const double passed = extra.count(loop.id) ? extra.at(loop.id) : 0.0;
    if (!touched && !(passed > 0)) continue;
    double cap = std::numeric_limits<double>::infinity(), cap_base = cap;
    if (any_chiller && !state.economizer) {
      cap = chillers;
      cap_base = chillers_base;
    } else if (!any_chiller && any_rejection) {
      cap = rejection;
      cap_base = rejection_base;
    }
    if (const auto pf = pump_flow.find(loop.id); pf != pump_flow.end() && pf->second.second > 0) {
      const double design = loop.flow_m3_s > 0 ? loop.flow_m3_s : pf->second.second;
      cap *= std::min(1.0, pf->second.first / design);
      cap_base *= std::min(1.0, pf->second.second / design);
    }
    const double shortfall =
        std::max(0.0, std::max(0.0, q - cap) - std::max(0.0, q_base - cap_base)) + passed;
    if (!(shortfall > 0)) continue;
    if (!has_terminals(loop.id)) {
      // Chillers rejecting here cannot: their chilled loops take the shortfall, by capacity.
      double cond = 0;
      for (const auto& u : site.cooling)
        if (u.kind == CoolKind::Chiller && u.condenser_loop_id == loop.id) cond += u.capacity_w;
      for (const auto& u : site.cooling)
        if (u.kind == CoolKind::Chiller && u.condenser_loop_id == loop.id && cond > 0)
          extra[u.loop_id] += shortfall * u.capacity_w / cond;
      continue;
    }
    RideThroughResult r;
    r.event = CoolingEvent::ChillerTrip;
    r.target = loop.id;
    r.medium = any_chiller ? "chilled water loop" : "water loop";
    r.start_c = state.supply_temp_c;
    r.unbalance_w = shortfall;
    double volume = loop.volume_m3;
    for (const auto& u : site.cooling)
      if (u.kind == CoolKind::StorageTank && u.loop_id == loop.id) volume += u.volume_m3;
    r.thermal_mass_j_per_k = water_c * volume;
    double coil = -1, coolant = 0;
    for (std::size_t m = 0; m < n; ++m) {
      const CoolingUnit& u = site.cooling[m];
      if (u.loop_id != loop.id || stopped[m]) continue;
      if (is_air_unit(u.kind)) {
        coil = std::max(coil, u.supply_temp_c - loop.supply_temp_c);
        rack_ids(u.id, r.racks_affected);
      }
      if (u.kind == CoolKind::Cdu)
        if (const auto it = racks_on.find(u.id); it != racks_on.end())
          for (std::size_t i : it->second) {
            r.racks_affected.push_back(site.racks.id[i]);
            const double v = catalog.at(site.racks.type[i]).get("coolant_max_supply_temp_c") -
                             catalog.at(u.type).get("approach_k");
            if (v > 0) coolant = coolant == 0 ? v : std::min(coolant, v);
          }
    }
    add_water_limits(r, coil, coolant);
    if (r.limits.empty()) continue;  // nothing on the loop that still runs has a limit
    std::ostringstream why;
    why << "'" << loop.name << "' gets " << q / 1e6 << " MW; its running "
        << (any_chiller && !state.economizer ? "chillers"
            : any_rejection                  ? "rejection units"
                                             : "pumps")
        << " carry " << (std::isfinite(cap) ? std::min(cap, q) : q) / 1e6 << " MW";
    if (passed > 0) why << " and its chillers cannot reject " << passed / 1e6 << " MW";
    r.explanation = why.str();
    out.parts.push_back(std::move(r));
  }

  for (auto& r : out.parts) sort_limits(r);
  std::stable_sort(out.parts.begin(), out.parts.end(),
                   [](const RideThroughResult& a, const RideThroughResult& b) {
                     const auto ta = a.limits.empty() ? std::nullopt : a.limits.front().time_s;
                     const auto tb = b.limits.empty() ? std::nullopt : b.limits.front().time_s;
                     if (ta.has_value() != tb.has_value()) return ta.has_value();
                     return ta.value_or(0) < tb.value_or(0);
                   });
  for (const auto& r : out.parts) {
    if (r.limits.empty() || !r.limits.front().time_s) continue;
    if (!out.time_to_limit_s) {
      out.time_to_limit_s = r.limits.front().time_s;
      out.limit = r.limits.front().name;
      out.medium = r.medium;
      out.explanation = r.explanation;
    }
    out.racks_affected.insert(out.racks_affected.end(), r.racks_affected.begin(),
                              r.racks_affected.end());
  }
  std::sort(out.racks_affected.begin(), out.racks_affected.end());
  out.racks_affected.erase(std::unique(out.racks_affected.begin(), out.racks_affected.end()),
                           out.racks_affected.end());
  return out;
}

}  // namespace dctwin::model::thermal
