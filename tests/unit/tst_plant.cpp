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
    // CDU pumps: each CDU's flow at its design rise, against a head that keeps its minimum.
    const auto& cdu = cat.at("cdu_2mw");
    const double rho_cp = 995.7 * 4178.0;  // water at 30 C (IAPWS-95)
    const double dt = cdu.get("design_delta_t_k");
    double cdu_w = 0;
    for (std::size_t k = 0; k < s.cooling.size(); ++k) {
      if (s.cooling[k].kind != CoolKind::Cdu) continue;
      const double q = r.units[k].heat_w / (rho_cp * dt),
                   qr = s.cooling[k].capacity_w / (rho_cp * dt);
      const double m = cdu.get("pump_min_head_frac");
      cdu_w += q * cdu.get("pump_head_pa") * (m + (1 - m) * (q / qr) * (q / qr)) /
               cdu.get("pump_efficiency");
    }
    QVERIFY2(std::abs(get(r, kPowerCduPumps) - cdu_w) < 1e-6 * cdu_w,
             qPrintable(QString("%1 vs %2").arg(get(r, kPowerCduPumps)).arg(cdu_w)));
    // About 1 % of the heat they move at design (2 MW at 10 K is 48 l/s: 17 to 24 kW).
    QVERIFY(cdu_w > 0.004 * liquid && cdu_w < 0.012 * liquid);
    // Chillers: air heat plus fan work; condenser water as the facility water loop supplies it
    // (its towers hold its setpoint on the design day), the lift against the chilled water.
    const auto& tower = cat.at("cooling_tower_cell_7mw");
    const auto& ch = cat.at("chiller_wc_centrifugal_3p5mw");
    double t_cond = 0, t_chw = 0;
    for (const auto& l : r.loops) {
      const CoolingUnit& u = *std::find_if(s.cooling.begin(), s.cooling.end(),
                                           [&](const CoolingUnit& c) { return c.id == l.id; });
      if (u.name.find("facility") != std::string::npos) {
        t_cond = l.supply_temp_c;
        QVERIFY(std::abs(l.supply_temp_c - u.supply_temp_c) < 0.02);
      } else {
        t_chw = l.supply_temp_c;
        QVERIFY(!l.economizer);  // too warm for free cooling on this design day
      }
    }
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
    const double lift = std::max(t_cond - t_chw, ch.get("min_lift_k"));
    const double by_lift =
        1 - ch.get("cop_change_frac_per_k") *
                (ch.get("rated_condenser_temp_c") - ch.get("rated_evaporator_temp_c") - lift);
    const double chiller_w =
        running * cap / ch.get("cop_rated") * ch.curve("part_load_power").at(lf) * by_lift;
    QVERIFY2(std::abs(get(r, kPowerChillers) - chiller_w) < 1e-6 * chiller_w,
             qPrintable(QString("%1 vs %2").arg(get(r, kPowerChillers)).arg(chiller_w)));
    // Towers: everything that reaches them; evaporation from the air's moisture balance, which
    // on a summer day carries most of the heat as latent heat: 1.2 to 1.8 l/kWh (at 2.43 MJ/kg
    // all of it latent would be 1.48 l/kWh; the CTI rule of thumb is about 1.5).
    double tower_heat = 0;
    for (std::size_t k = 0; k < s.cooling.size(); ++k)
      if (s.cooling[k].kind == CoolKind::CoolingTower) tower_heat += r.units[k].heat_w;
    const double l_per_kwh = r.evaporation_l_per_h / (tower_heat / 1000);
    QVERIFY2(l_per_kwh > 1.0 && l_per_kwh < 1.8, qPrintable(QString::number(l_per_kwh)));
    (void)tower;
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
    // The chillers condense into the facility water, which the towers hold at 32 C on both days;
    // on a day too humid for the towers to hold it, the condenser water and the chillers' lift
    // rise with it.
    QVERIFY(std::abs(get(hot, kPowerChillers) - get(mild, kPowerChillers)) <
            1e-3 * get(mild, kPowerChillers));
    const PlantResult steamy = solve_plant(s, cat, {36.0, 31.0, 101325}, heat);
    const auto chilled = std::find_if(steamy.loops.begin(), steamy.loops.end(),
                                      [](const LoopState& l) { return l.condenser_temp_c > 0; });
    QVERIFY(chilled != steamy.loops.end());
    QVERIFY2(chilled->condenser_temp_c > 32.5,
             qPrintable(QString::number(chilled->condenser_temp_c)));
    QVERIFY(get(steamy, kPowerChillers) > get(hot, kPowerChillers));
    QVERIFY(cold.energy_balance_error < 1e-3 && hot.energy_balance_error < 1e-3);
  }

  void dryCoolersWetTheirPadsOnlyWhenTheyMust() {
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template(
        "gigawatt", {{"ac_buildings", 0}, {"dc_buildings", 1}, {"halls_per_building", 1}}, cat);
    const auto heat = rack_heat_from_catalog(s, cat, 1.0);
    const PlantResult mild = solve_plant(s, cat, {25.0, 15.0, 101325}, heat);
    QVERIFY(mild.violations.empty());
    QCOMPARE(mild.water_l_per_h, 0.0);  // the fans alone reach 42 C: the pads stay dry
    // The design day (38.4 C dry-bulb): the pads run and the loop holds its setpoint.
    const PlantResult design = solve_plant(s, cat, design_of(s), heat);
    QVERIFY(design.violations.empty());
    QVERIFY(design.water_l_per_h > 0);
    QVERIFY(std::any_of(design.loops.begin(), design.loops.end(),
                        [](const LoopState& l) { return l.adiabatic && l.setpoint_met; }));
    // Fans slow down as the air cools (cube law): less fan power on the mild day.
    QVERIFY(get(mild, kPowerDryCoolerFans) < get(design, kPowerDryCoolerFans));
    // Beyond the design: hot and humid air the pads cannot cool enough.
    const PlantResult hot = solve_plant(s, cat, {48.0, 32.0, 101325}, heat);
    const auto miss = std::find_if(hot.violations.begin(), hot.violations.end(),
                                   [](const auto& v) { return v.code == "cool.setpoint_not_met"; });
    QVERIFY(miss != hot.violations.end());
    QVERIFY2(miss->message.find(" K above its 42.0 C setpoint") != std::string::npos,
             miss->message.c_str());  // says how far
    QVERIFY(std::any_of(hot.loops.begin(), hot.loops.end(),
                        [](const LoopState& l) { return !l.setpoint_met && l.shortfall_k > 0; }));
    QVERIFY(std::any_of(hot.violations.begin(), hot.violations.end(),
                        [](const auto& v) { return v.code == "cool.coolant_hot"; }));
  }

  void towersFollowTheWetBulb() {
    // The hall's towers: the evaporated share of the heat falls as the air gets colder and
    // drier, and fans slow with the wet-bulb while the plant stays in one mode (with the chillers
    // running the towers hold 32 C; economizing, they make 16 C for the heat exchanger). The
    // energy balance closes at every point.
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template("hall", {}, cat);
    const auto heat = rack_heat_from_catalog(s, cat, 1.0);
    const std::vector<Outdoor> days = {Outdoor{35.0, 24.0, 101325}, Outdoor{24.0, 16.0, 101325},
                                       Outdoor{5.0, 2.0, 101325}, Outdoor{-5.0, -6.0, 101325}};
    std::vector<double> fan, evap;
    std::vector<bool> econ;
    for (const Outdoor& od : days) {
      const PlantResult r = solve_plant(s, cat, od, heat);
      QVERIFY2(r.energy_balance_error < 1e-3, qPrintable(QString::number(r.energy_balance_error)));
      QVERIFY(r.violations.empty());
      double tower_heat = 0;
      for (std::size_t k = 0; k < s.cooling.size(); ++k)
        if (s.cooling[k].kind == CoolKind::CoolingTower) tower_heat += r.units[k].heat_w;
      fan.push_back(get(r, kPowerTowerFans));
      evap.push_back(r.evaporation_l_per_h / tower_heat);
      econ.push_back(std::any_of(r.loops.begin(), r.loops.end(),
                                 [](const LoopState& l) { return l.economizer; }));
    }
    QCOMPARE(econ, (std::vector<bool>{false, false, true, true}));
    QVERIFY2(fan[0] > fan[1] && fan[2] >= fan[3],
             qPrintable(QString("%1 %2 %3 %4").arg(fan[0]).arg(fan[1]).arg(fan[2]).arg(fan[3])));
    for (std::size_t k = 1; k < evap.size(); ++k)
      QVERIFY2(evap[k] < evap[k - 1],
               qPrintable(QString("%1 after %2").arg(evap[k]).arg(evap[k - 1])));
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
