// Liquid chain and heat rejection plant: psychrometrics against ASHRAE's tables, a design day by
// hand, energy balance on every template, economizer and condenser-temperature effects, and
// ride-through times from the lumped heat balance.
#include <QtTest>
#include <algorithm>
#include <cmath>

#include "data/catalog_io.h"
#include "model/site/physics.h"
#include "model/site/templates.h"
#include "model/thermal/plant.h"
#include "model/thermal/psychro.h"
#include "model/thermal/ridethrough.h"

using namespace dctwin::model;
using namespace dctwin::model::thermal;
using dctwin::data::builtin_catalog;

namespace {

Outdoor design_of(const Site& s) {
  return {*s.design_weather.dry_bulb_c, *s.design_weather.wet_bulb_c,
          pressure_at_elevation_pa(s.location.elevation_m)};
}

double get(const PlantResult& r, const char* k) {
  return r.power_w.count(k) ? r.power_w.at(k) : 0.0;
}

const CoolingUnit& first_of(const Site& s, CoolKind k) {
  return *std::find_if(s.cooling.begin(), s.cooling.end(),
                       [&](const CoolingUnit& u) { return u.kind == k; });
}

}  // namespace

class TstPlant : public QObject {
  Q_OBJECT
 private slots:
  void psychrometrics() {
    // ASHRAE Fundamentals 2017, ch. 1, table 3: saturation pressure at 20 C is 2.3392 kPa;
    // table 1: 84.556 kPa at 1,500 m.
    QVERIFY(std::abs(saturation_pressure_pa(20.0) - 2339.2) < 1.0);
    QVERIFY(std::abs(saturation_pressure_pa(-10.0) - 259.9) < 0.5);
    QVERIFY(std::abs(pressure_at_elevation_pa(1500) - 84556) < 50);
    // Psychrometric chart: 30 C and 50 % at sea level have a wet-bulb of about 22.0 C.
    const double wb = wet_bulb_c(30.0, 0.5, 101325);
    QVERIFY2(std::abs(wb - 22.0) < 0.2, qPrintable(QString::number(wb)));
    QVERIFY(std::abs(wet_bulb_c(25.0, 1.0, 101325) - 25.0) < 1e-3);  // saturated: wb = db
    QVERIFY(std::abs(rh_from_wet_bulb(30.0, wb, 101325) - 0.5) < 1e-6);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)wet_bulb_c(30.0, 1.5, 101325));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)rh_from_wet_bulb(20.0, 25.0, 101325));
  }

  void balanceOnTemplates_data() {
    QTest::addColumn<QString>("name");
    for (const auto& t : site_templates())
      QTest::newRow(t.name.c_str()) << QString::fromStdString(t.name);
  }
  void balanceOnTemplates() {
    QFETCH(QString, name);
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template(name.toStdString(), {}, cat);
    const auto heat = rack_heat_from_catalog(s, cat, 1.0);
    const PlantResult r = solve_plant(s, cat, design_of(s), heat);
    // Heat in (racks, pumps, fans) plus compressor work leaves to outdoor air, to 0.1 %.
    QVERIFY2(r.energy_balance_error < 1e-3, qPrintable(QString::number(r.energy_balance_error)));
    double racks = 0;
    for (double h : heat) racks += h;
    QVERIFY(std::abs(r.rack_heat_w - racks) < 1e-6 * racks);
    QVERIFY(r.cooling_power_w > 0);
    QVERIFY(r.cooling_power_w < 0.3 * r.rack_heat_w);  // a liquid-cooled site, not a 1990s hall
    for (const auto& u : r.units) QVERIFY(u.load_frac <= 1.0 + 1e-9);
  }

  void designDayByHand() {
    // The `small` template on its design day: the CDUs' pumps, the towers' water and the
    // chillers' power computed here from the catalog, not from the plant code.
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template("small", {}, cat);
    const Outdoor od = design_of(s);
    const auto heat = rack_heat_from_catalog(s, cat, 1.0);
    const PlantResult r = solve_plant(s, cat, od, heat);
    double liquid = 0, air = 0;
    for (std::size_t i = 0; i < s.racks.size(); ++i) {
      const double lf = cat.at(s.racks.type[i]).get("liquid_fraction");
      liquid += heat[i] * lf;
      air += heat[i] * (1 - lf);
    }
    const auto& cdu = cat.at("cdu_2mw");
    QVERIFY(std::abs(get(r, kPowerCduPumps) - cdu.get("pump_power_frac") * liquid) < 1e-6 * liquid);
    // Chillers: air heat plus fan work; condenser water from the towers at wet-bulb + approach.
    const auto& tower = cat.at("cooling_tower_cell_7mw");
    const auto& ch = cat.at("chiller_wc_centrifugal_3p5mw");
    const double t_cond = od.wet_bulb_c + tower.get("approach_k");
    // On this design day the condenser water is too warm for the economizer: chillers run.
    QVERIFY(t_cond + ch.get("economizer_approach_k") > 18.0);
    const double evap = air + get(r, kPowerAirFans) + [&] {
      // chilled-water pump work also ends in the chilled loop
      double w = 0;
      for (std::size_t k = 0; k < s.cooling.size(); ++k)
        if (s.cooling[k].kind == CoolKind::Pump) {
          for (const auto& l : s.cooling)
            if (l.id == s.cooling[k].loop_id && l.name.find("chilled") != std::string::npos)
              w += r.units[k].power_w;
        }
      return w;
    }();
    const double cap = ch.get("capacity_w");
    const int running = int(std::ceil(evap / cap - 1e-12));
    const double lf = evap / (running * cap);
    const double lift =
        1 - ch.get("cop_change_frac_per_k") * (ch.get("rated_condenser_temp_c") - t_cond);
    const double chiller_w =
        running * cap / ch.get("cop_rated") * ch.curve("part_load_power").at(lf) * lift;
    QVERIFY2(std::abs(get(r, kPowerChillers) - chiller_w) < 1e-6 * chiller_w,
             qPrintable(QString("%1 vs %2").arg(get(r, kPowerChillers)).arg(chiller_w)));
    // Towers: everything that reaches them, evaporation at 1.5 l/kWh, blowdown at 4 cycles.
    double tower_heat = 0;
    for (std::size_t k = 0; k < s.cooling.size(); ++k)
      if (s.cooling[k].kind == CoolKind::CoolingTower) tower_heat += r.units[k].heat_w;
    QVERIFY(std::abs(r.evaporation_l_per_h - tower.get("evaporation_l_per_kwh") * tower_heat /
                                                 1000) < 1e-6 * r.evaporation_l_per_h);
    QVERIFY(std::abs(r.blowdown_l_per_h -
                     r.evaporation_l_per_h / (tower.get("cycles_of_concentration") - 1)) <
            1e-9 * r.evaporation_l_per_h);
    QVERIFY(std::abs(tower_heat - (r.rack_heat_w + get(r, kPowerCduPumps) + get(r, kPowerAirFans) +
                                   get(r, kPowerLoopPumps) + get(r, kPowerChillers))) <
            1e-6 * tower_heat);
  }

  void economizerAndLift() {
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template("hall", {}, cat);
    const auto heat = rack_heat_from_catalog(s, cat, 1.0);
    const PlantResult cold = solve_plant(s, cat, {5.0, 2.0, 101325}, heat);
    const PlantResult mild = solve_plant(s, cat, {24.0, 16.0, 101325}, heat);
    const PlantResult hot = solve_plant(s, cat, {35.0, 24.0, 101325}, heat);
    QCOMPARE(get(cold, kPowerChillers), 0.0);  // free cooling through the heat exchanger
    QVERIFY(std::any_of(cold.loops.begin(), cold.loops.end(),
                        [](const LoopState& l) { return l.economizer; }));
    QVERIFY(get(mild, kPowerChillers) > 0);
    QVERIFY(get(hot, kPowerChillers) > get(mild, kPowerChillers));  // warmer condenser water
    QVERIFY(cold.energy_balance_error < 1e-3 && hot.energy_balance_error < 1e-3);
  }

  void dryCoolersMissSetpointOnAHotDay() {
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template(
        "gigawatt", {{"ac_buildings", 0}, {"dc_buildings", 1}, {"halls_per_building", 1}}, cat);
    const auto heat = rack_heat_from_catalog(s, cat, 1.0);
    const PlantResult mild = solve_plant(s, cat, {25.0, 15.0, 101325}, heat);
    QVERIFY(mild.violations.empty());
    QCOMPARE(mild.water_l_per_h, 0.0);  // dry coolers use no water
    const PlantResult hot = solve_plant(s, cat, {46.0, 24.0, 101325}, heat);
    QVERIFY(std::any_of(hot.violations.begin(), hot.violations.end(),
                        [](const auto& v) { return v.code == "cool.setpoint_not_met"; }));
    QVERIFY(std::any_of(hot.violations.begin(), hot.violations.end(),
                        [](const auto& v) { return v.code == "cool.coolant_hot"; }));
  }

  void rideThroughChillerTrip() {
    const Catalog& cat = builtin_catalog();
    Site s = make_site_from_template("hall", {}, cat);
    const auto heat = rack_heat_from_catalog(s, cat, 1.0);
    const Outdoor hot{35.0, 24.0, 101325};
    const CoolingUnit& loop =
        *std::find_if(s.cooling.begin(), s.cooling.end(), [](const CoolingUnit& u) {
          return u.kind == CoolKind::WaterLoop && u.name.find("chilled") != std::string::npos;
        });
    const RideThroughResult all =
        ride_through(s, cat, CoolingEvent::ChillerTrip, loop.id, hot, heat);
    QVERIFY(all.unbalance_w > 0);
    QVERIFY(all.limits.front().time_s.has_value());
    // Lumped balance by hand: time = rho cp V (limit - start) / unbalance.
    double volume = loop.volume_m3;
    for (const auto& u : s.cooling)
      if (u.kind == CoolKind::StorageTank && u.loop_id == loop.id) volume += u.volume_m3;
    const auto& l0 = all.limits.front();
    const double expect = physics::kWaterDensity_kg_m3 * physics::kWaterCp_J_kgK * volume *
                          (l0.limit_c - all.start_c) / all.unbalance_w;
    QVERIFY(std::abs(*l0.time_s - expect) < 1e-6 * expect);
    // A bigger tank buys more time; one chiller of N+1 tripping costs nothing.
    for (auto& u : s.cooling)
      if (u.kind == CoolKind::StorageTank) u.volume_m3 *= 2;
    const RideThroughResult bigger =
        ride_through(s, cat, CoolingEvent::ChillerTrip, loop.id, hot, heat);
    QVERIFY(*bigger.limits.front().time_s > *l0.time_s);
    const RideThroughResult one = ride_through(s, cat, CoolingEvent::ChillerTrip,
                                               first_of(s, CoolKind::Chiller).id, hot, heat);
    QCOMPARE(one.unbalance_w, 0.0);
    QVERIFY(!one.limits.front().time_s.has_value());
  }

  void rideThroughCduAndCrah() {
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template("hall", {}, cat);
    const auto heat = rack_heat_from_catalog(s, cat, 1.0);
    const Outdoor od = design_of(s);
    const RideThroughResult cdu =
        ride_through(s, cat, CoolingEvent::CduPumpLoss, first_of(s, CoolKind::Cdu).id, od, heat);
    QVERIFY(cdu.limits.front().time_s.has_value());
    QVERIFY(*cdu.limits.front().time_s < 600);  // cold plates without flow: minutes at most
    QVERIFY(!cdu.racks_affected.empty());
    const RideThroughResult crah =
        ride_through(s, cat, CoolingEvent::CrahLoss, first_of(s, CoolKind::FanWall).id, od, heat);
    QVERIFY(!crah.limits.front().time_s.has_value());  // N+1 fan walls carry the loss
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             ride_through(s, cat, CoolingEvent::CduPumpLoss,
                                          first_of(s, CoolKind::FanWall).id, od, heat));
  }
};

QTEST_APPLESS_MAIN(TstPlant)
#include "tst_plant.moc"
