#include "model/thermal/ridethrough.h"

#include <algorithm>
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

void add_limit(RideThroughResult& r, const std::string& name, double limit_c) {
  RideThroughLimit l{name, limit_c, std::nullopt};
  if (r.unbalance_w > 0 && r.thermal_mass_j_per_k > 0)
    l.time_s = std::max(0.0, (limit_c - r.start_c) * r.thermal_mass_j_per_k / r.unbalance_w);
  r.limits.push_back(l);
}

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
      add_limit(r, "rack coolant maximum", lim);
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
      add_limit(r, "ASHRAE recommended inlet", ashrae("recommended"));
      add_limit(r, "ASHRAE allowable A1 inlet", ashrae("A1"));
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
      if (coil >= 0) {
        add_limit(r, "ASHRAE recommended inlet (water at inlet minus coil approach)",
                  ashrae("recommended") - coil);
        add_limit(r, "ASHRAE allowable A1 inlet (water at inlet minus coil approach)",
                  ashrae("A1") - coil);
      }
      if (coolant > 0)
        add_limit(r, "rack coolant maximum (water at limit minus CDU approach)", coolant);
      why << tripped.size() << " chiller(s) trip on '" << loop->name << "'; the rest carry "
          << remaining / 1e6 << " MW of " << heat / 1e6 << " MW"
          << (state && state->economizer ? " (economizer mode: no chiller is running)" : "");
      break;
    }
  }
  std::stable_sort(r.limits.begin(), r.limits.end(),
                   [](const RideThroughLimit& a, const RideThroughLimit& b) {
                     if (a.time_s.has_value() != b.time_s.has_value()) return a.time_s.has_value();
                     return a.time_s.value_or(0) < b.time_s.value_or(0);
                   });
  r.explanation = why.str();
  return r;
}

}  // namespace dctwin::model::thermal
