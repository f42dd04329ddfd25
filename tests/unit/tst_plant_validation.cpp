// The plant's component models against independent references, each expected value computed
// here by another method or taken from a published standard (cited at each check):
// - the cooling tower (Braun's effectiveness-NTU model) against the Merkel integral evaluated by
//   the four-point Chebyshev rule of CTI ATC-105 / ASHRAE Handbook HVAC Systems and Equipment
//   ch. 40, at the rating point and off it (other wet-bulbs, slower fans);
// - tower evaporation against the CTI rule of thumb (about 85 to 90 % of the heat leaves as
//   latent heat in summer) and falling in cold, dry air;
// - the chiller's part-load and lift model against AHRI 550/590's IPLV rating conditions and
//   ASHRAE 90.1-2022's minimum efficiencies;
// - the dry cooler at two air temperatures against the rating practice of EN 1048 / Eurovent
//   (capacity proportional to the inlet temperature difference at fixed flows), and its
//   adiabatic pads against an energy balance of the evaporated water.
#include <QtTest>
#include <cmath>

#include "data/catalog_io.h"
#include "model/thermal/equipment.h"
#include "model/thermal/psychro.h"

using namespace dctwin::model;
using namespace dctwin::model::thermal;
using dctwin::data::builtin_catalog;

namespace {

constexpr double kP = 101325.0;
constexpr double kCpWater = 4178.0;  // IAPWS-95 at 30 C, as the model

// Saturated-air enthalpy straight from ASHRAE Fundamentals ch. 1 (eq. 20, 23, 32), J/kg.
double h_sat(double t) {
  const double pws = saturation_pressure_pa(t);
  const double ws = 0.621945 * pws / (kP - pws);
  return 1006.0 * t + ws * (2.501e6 + 1860.0 * t);
}

// Merkel number KaV/L of a counterflow tower cooling water from t_out + range to t_out with
// air entering at the wet-bulb's saturated enthalpy, water to air ratio lg: the CTI four-point
// Chebyshev rule, with the air's enthalpy rising (L/G) cp per kelvin of water.
double merkel_number(double t_out, double range, double wb, double lg) {
  const double h_in = h_sat(wb);
  double sum = 0;
  for (double f : {0.1, 0.4, 0.6, 0.9}) {
    const double tw = t_out + f * range;
    const double ha = h_in + lg * kCpWater * (tw - t_out);
    sum += 1.0 / (h_sat(tw) - ha);
  }
  return kCpWater * range / 4.0 * sum;
}

// The cold-water temperature at which the Merkel number equals `target` (bisection; the number
// grows as the approach shrinks).
double merkel_cold_water(double target, double range, double wb, double lg) {
  double lo = wb + 0.05, hi = wb + 40.0;
  for (int i = 0; i < 100; ++i) {
    const double mid = 0.5 * (lo + hi);
    (merkel_number(mid, range, wb, lg) > target ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

class TstPlantValidation : public QObject {
  Q_OBJECT
 private slots:
  void towerAgainstTheMerkelIntegral() {
    const CatalogItem& item = builtin_catalog().at("cooling_tower_cell_7mw");
    const TowerRating t = TowerRating::from(item);
    const double range = t.range_k, lg0 = t.l_over_g, n = t.merkel_exponent;
    // The tower's Merkel number at its rating point (CTI STD-201: 95/85/78 F).
    const double kav_l0 = merkel_number(t.wet_bulb_c + t.approach_k, range, t.wet_bulb_c, lg0);
    QVERIFY(kav_l0 > 0.8 && kav_l0 < 3.0);  // ASHRAE Handbook ch. 40: typical towers 1 to 2.5
    struct Case {
      double wb, fan;
    };
    for (const Case c : {Case{25.6, 1.0}, Case{20.0, 1.0}, Case{12.0, 1.0}, Case{5.0, 1.0},
                         Case{25.6, 0.7}, Case{15.0, 0.5}}) {
      // Merkel: KaV/L = c (L/G)^-n; a slower fan raises L/G.
      const double lg = lg0 / c.fan;
      const double target = kav_l0 * std::pow(lg / lg0, -n);
      const double merkel_out = merkel_cold_water(target, range, c.wb, lg);
      // The model at the same water flow, inlet temperature and fan speed, air at the wet-bulb
      // saturated (the Merkel assumption: its enthalpy is what matters).
      const TowerPoint pt =
          tower_at(t, c.fan, merkel_out + range, t.water_flow_kg_s, c.wb, c.wb, kP);
      const double diff = pt.water_out_c - merkel_out;
      qInfo("wb %.1f C, fan %.0f %%: Merkel %.2f C, model %.2f C (%.3f K)", c.wb, 100 * c.fan,
            merkel_out, pt.water_out_c, diff);
      // Braun (1989) reports his effectiveness model within a few tenths of a kelvin of the
      // Merkel integral over the usual range.
      QVERIFY2(std::abs(diff) < 0.35, qPrintable(QString::number(diff)));
    }
  }

  void towerEvaporation() {
    const TowerRating t = TowerRating::from(builtin_catalog().at("cooling_tower_cell_7mw"));
    const auto latent_share = [&](double db, double wb) {
      const TowerPoint pt = tower_for_heat(t, 0.8 * t.capacity_w, t.water_flow_kg_s,
                                           wb + t.approach_k + 1.0, db, wb, kP);
      const double t_water = 0.5 * (pt.water_in_c + pt.water_out_c);
      return pt.water_kg_s * (2.501e6 - 2370.0 * t_water) / pt.heat_w;
    };
    // CTI / Perry's rule of thumb: evaporation is about 0.00085 x flow x range (F), i.e. about
    // 88 % of the heat as latent heat, on a warm humid day.
    const double summer = latent_share(29.0, 24.0);
    QVERIFY2(summer > 0.78 && summer < 0.98, qPrintable(QString::number(summer)));
    // In cold, dry air more of the heat goes as sensible heat: the share falls (ASHRAE
    // Handbook ch. 40: to about 60 to 75 % in winter).
    const double winter = latent_share(2.0, -1.0);
    QVERIFY2(winter < summer - 0.1 && winter > 0.4, qPrintable(QString::number(winter)));
  }

  void chillerAgainstAhriRatingPoints() {
    const CatalogItem& c = builtin_catalog().at("chiller_wc_centrifugal_3p5mw");
    const double cap = c.get("capacity_w");
    // AHRI 550/590 standard rating: 44 F (6.67 C) leaving chilled water; entering condenser
    // water 85 / 75 / 65 / 65 F (29.44 / 23.89 / 18.33 / 18.33 C) at 100 / 75 / 50 / 25 % load.
    const double chw = 6.67;
    const double loads[] = {1.0, 0.75, 0.5, 0.25};
    const double ecwt[] = {29.44, 23.89, 18.33, 18.33};
    const double weights[] = {0.01, 0.42, 0.45, 0.12};
    double iplv = 0, full = 0;
    for (int k = 0; k < 4; ++k) {
      const double q = loads[k] * cap;
      const double cop = q / chiller_power(c, cap, q, ecwt[k], chw).power_w;
      if (k == 0) full = cop;
      iplv += weights[k] * cop;
      qInfo("AHRI %.0f %% load, %.2f C condenser water: COP %.2f", 100 * loads[k], ecwt[k], cop);
    }
    qInfo("IPLV COP %.2f (%.3f kW/ton), full load COP %.2f", iplv, 3.517 / iplv, full);
    // ASHRAE 90.1-2022 table 6.8.1-3, water-cooled centrifugal >= 600 tons, path A: at most
    // 0.560 kW/ton at full load (COP 6.28) and 0.500 kW/ton IPLV (COP 7.03).
    QVERIFY(full >= 6.28 - 1e-9);
    QVERIFY2(iplv >= 7.03, qPrintable(QString::number(iplv)));
    // AHRI-certified 1,000-ton centrifugals of the last decade rate 0.33 to 0.45 kW/ton IPLV
    // (COP 7.8 to 10.7): the model is no better than the best of them.
    QVERIFY2(iplv <= 10.7, qPrintable(QString::number(iplv)));
    // The lift: colder condenser water at one load always helps, down to the minimum lift.
    const double q = 0.75 * cap;
    QVERIFY(chiller_power(c, cap, q, 20.0, chw).power_w <
            chiller_power(c, cap, q, 25.0, chw).power_w);
    QCOMPARE(chiller_power(c, cap, q, chw + c.get("min_lift_k") - 3.0, chw).power_w,
             chiller_power(c, cap, q, chw + c.get("min_lift_k"), chw).power_w);
  }

  void dryCoolerAtTwoAirTemperatures() {
    const CatalogItem& item = builtin_catalog().at("dry_cooler_adiabatic_2mw");
    const DryCoolerRating d = DryCoolerRating::from(item);
    const double w_in = d.dry_bulb_c + d.approach_k + d.range_k;
    // At its rating point it reproduces its rating.
    const DryCoolerPoint rated =
        dry_cooler_at(d, 1.0, false, w_in, d.water_flow_kg_s, d.dry_bulb_c, 20.0, kP);
    QVERIFY2(std::abs(rated.heat_w - d.capacity_w) < 0.01 * d.capacity_w,
             qPrintable(QString::number(rated.heat_w)));
    QVERIFY(std::abs(rated.water_out_c - (d.dry_bulb_c + d.approach_k)) < 0.1);
    // EN 1048 / Eurovent: at fixed flows, capacity scales with the inlet temperature difference
    // (water in less air in): 18 K at 35 C air, 28 K at 25 C air.
    const DryCoolerPoint cool =
        dry_cooler_at(d, 1.0, false, w_in, d.water_flow_kg_s, 25.0, 15.0, kP);
    const double expect = (w_in - 25.0) / (w_in - d.dry_bulb_c);
    QVERIFY2(std::abs(cool.heat_w / rated.heat_w - expect) < 0.01 * expect,
             qPrintable(QString("%1 vs %2").arg(cool.heat_w / rated.heat_w).arg(expect)));
    // The pads: air cooled by their effectiveness towards the wet-bulb, along a line of constant
    // enthalpy (ASHRAE Fundamentals ch. 1, eq. 30): the moist air's sensible heat goes into the
    // water it takes up, to 1 %. The inlet humidity comes from the psychrometric functions.
    const double db = 38.0, wb = 22.0;
    const DryCoolerPoint wet = dry_cooler_at(d, 1.0, true, w_in, d.water_flow_kg_s, db, wb, kP);
    QVERIFY(wet.adiabatic);
    QVERIFY(std::abs(wet.air_in_c - (db - d.adiabatic_effectiveness * (db - wb))) < 1e-9);
    const double w1 = humidity_ratio(db, rh_from_wet_bulb(db, wb, kP), kP);
    const double sensible = d.air_flow_kg_s * (1006.0 + 1860.0 * w1) * (db - wet.air_in_c);
    const double latent = wet.water_kg_s * (2.501e6 + 1860.0 * wet.air_in_c);
    QVERIFY2(std::abs(latent - sensible) < 0.01 * sensible,
             qPrintable(QString("%1 vs %2").arg(latent).arg(sensible)));
    QVERIFY(wet.heat_w > dry_cooler_at(d, 1.0, false, w_in, d.water_flow_kg_s, db, wb, kP).heat_w);
  }
};

QTEST_APPLESS_MAIN(TstPlantValidation)
#include "tst_plant_validation.moc"
