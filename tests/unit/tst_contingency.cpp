// N-1: the incremental solve of every case (sweep on the changed network, warm start from the
// normal operation) against the full re-solve of the whole site for that case. Racks lost must
// match exactly, loadings within 1e-6 relative (the full Newton solve itself stops at a mismatch
// of tol_pu), overload counts, the summary and the capacity table likewise.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "data/catalog_io.h"
#include "model/electrical/contingency.h"
#include "model/electrical/site_power.h"
#include "model/site/loads.h"
#include "model/site/templates.h"

using namespace dctwin::model;
using namespace dctwin::model::electrical;
using dctwin::data::builtin_catalog;

namespace {

bool close_rel(double a, double b, double rel = 1e-6, double abs_floor = 1e-9) {
  return std::abs(a - b) <= rel * std::max(std::abs(a), std::abs(b)) + abs_floor;
}

const RedundancyGroup& group_of(const Site& s, Id id) {
  for (const auto& g : s.groups)
    if (g.id == id) return g;
  throw std::logic_error("no group " + std::to_string(id));
}

// Loading of an entity (node or connection) in a full solve.
double loading_of(const Site& s, const SiteElecResult& r, Id id) {
  for (std::size_t k = 0; k < s.elec_nodes.size(); ++k)
    if (s.elec_nodes[k].id == id) return r.nodes[k].loading_pct;
  for (std::size_t e = 0; e < s.elec_edges.size(); ++e)
    if (s.elec_edges[e].id == id) return r.edges[e].loading_pct;
  return -1;
}

bool is_elec(const Site& s, Id id) {
  return std::any_of(s.elec_nodes.begin(), s.elec_nodes.end(),
                     [&](const auto& n) { return n.id == id; });
}

// One case of the fast path against the full re-solve of that case (the reference).
void compare_case(const Site& s, const Catalog& cat, const SiteSolveOptions& opt,
                  const SiteElecResult& base, const ContingencyCase& fast) {
  const std::string where =
      "group " + std::to_string(fast.group) + ", failed " + std::to_string(fast.failed);
  const SiteElecResult r = solve_site_power(
      s, cat,
      fast.group == kNoId ? contingency_options_alone(s, fast.failed, opt)
                          : contingency_options(s, group_of(s, fast.group), fast.failed, opt));
  std::vector<Id> lost;
  for (std::size_t i = 0; i < s.racks.size(); ++i)
    if (base.racks[i].powered && !r.racks[i].powered) lost.push_back(s.racks.id[i]);
  std::size_t overloads = 0;
  for (const auto& v : r.violations) overloads += v.code == "elec.overload";
  QVERIFY2(fast.converged == r.converged, where.c_str());
  QVERIFY2(fast.racks_lost == lost, where.c_str());
  QVERIFY2(fast.overloads == overloads, where.c_str());
  QVERIFY2(close_rel(fast.worst_loading_pct, r.max_loading_pct),
           qPrintable(QString("%1: worst %2 vs %3")
                          .arg(where.c_str())
                          .arg(fast.worst_loading_pct)
                          .arg(r.max_loading_pct)));
  // Components tied within solver tolerance (symmetric ones) may be named in either order;
  // with nothing energised (the grid lost, no standby) neither names one.
  if (fast.worst_entity == kNoId)
    QVERIFY2(r.max_loading_entity == kNoId, where.c_str());
  else
    QVERIFY2(close_rel(loading_of(s, r, fast.worst_entity), r.max_loading_pct), where.c_str());
}

void compare_runs(const Site& s, const Catalog& cat, const SiteSolveOptions& opt,
                  const ContingencyResult& fast, const ContingencyResult& full) {
  QCOMPARE(fast.cases.size(), full.cases.size());
  std::map<std::pair<Id, Id>, const ContingencyCase*> ref;
  for (const auto& c : full.cases) ref[{c.group, c.failed}] = &c;
  for (const auto& c : fast.cases) {
    const auto it = ref.find({c.group, c.failed});
    QVERIFY(it != ref.end());
    const ContingencyCase& f = *it->second;
    const std::string where =
        "group " + std::to_string(c.group) + ", failed " + std::to_string(c.failed);
    QVERIFY2(c.converged == f.converged, where.c_str());
    QVERIFY2(c.racks_lost == f.racks_lost, where.c_str());
    QVERIFY2(c.overloads == f.overloads, where.c_str());
    QVERIFY2(close_rel(c.worst_loading_pct, f.worst_loading_pct),
             qPrintable(QString("%1: worst %2 vs %3")
                            .arg(where.c_str())
                            .arg(c.worst_loading_pct)
                            .arg(f.worst_loading_pct)));
    if (c.worst_entity != f.worst_entity && is_elec(s, c.failed))
      compare_case(s, cat, opt, full.base, c);
    else
      QVERIFY2(c.worst_entity == f.worst_entity, where.c_str());
    if (!is_elec(s, c.failed)) QCOMPARE(c.note, f.note);
  }
  QCOMPARE(fast.all_converged, full.all_converged);
  QCOMPARE(fast.cases_with_rack_loss, full.cases_with_rack_loss);
  QCOMPARE(fast.cases_with_overload, full.cases_with_overload);
  QVERIFY(close_rel(fast.worst_loading_pct, full.worst_loading_pct));
  QCOMPARE(fast.levels.size(), full.levels.size());
  for (std::size_t i = 0; i < fast.levels.size(); ++i) {
    const LevelCapacity& a = fast.levels[i];
    const LevelCapacity& b = full.levels[i];
    QCOMPARE(a.level, b.level);
    QCOMPARE(a.units, b.units);
    const double tol = 1e-6 * std::max(1.0, b.installed_w);
    QCOMPARE(a.installed_w, b.installed_w);
    QVERIFY2(std::abs(a.used_w - b.used_w) <= tol, a.level.c_str());
    QVERIFY2(std::abs(a.reserved_w - b.reserved_w) <= tol, a.level.c_str());
    QVERIFY2(std::abs(a.free_w - b.free_w) <= tol, a.level.c_str());
    QVERIFY2(std::abs(a.stranded_w - b.stranded_w) <= tol, a.level.c_str());
  }
}

// Electrical cases: every electrical member of every group, and every energised node in no
// group but the standby sources (the grid feed among them).
std::size_t electrical_cases(const Site& s, const SiteElecResult& base) {
  std::size_t n = 0;
  std::set<Id> grouped;
  for (const auto& g : s.groups)
    for (Id m : g.members) {
      n += is_elec(s, m);
      grouped.insert(m);
    }
  for (std::size_t k = 0; k < s.elec_nodes.size(); ++k) {
    const ElecNode& e = s.elec_nodes[k];
    if (!grouped.count(e.id) && base.nodes[k].energized &&
        (!is_source(e.kind) || e.kind == ElecKind::GridFeed))
      ++n;
  }
  return n;
}

// Cases the fast path hands to the full solve in a site with nothing unusual: losing the grid
// when standby sources then carry an island.
std::size_t standby_cases(const Site& s) {
  for (const auto& n : s.elec_nodes)
    if (n.kind == ElecKind::Generator || n.kind == ElecKind::Battery) return 1;
  return 0;
}

// Cooling levels: which CoolKinds each level counts.
bool in_cooling_level(const std::string& level, CoolKind k) {
  if (level == kLevelCdu) return k == CoolKind::Cdu;
  if (level == kLevelAirUnit) return k == CoolKind::Crah || k == CoolKind::FanWall;
  if (level == kLevelChiller) return k == CoolKind::Chiller;
  if (level == kLevelHeatRejection) return k == CoolKind::CoolingTower || k == CoolKind::DryCooler;
  return false;
}

const LevelCapacity* find_level(const ContingencyResult& r, const std::string& name) {
  for (const auto& l : r.levels)
    if (l.level == name) return &l;
  return nullptr;
}

}  // namespace

class TstContingency : public QObject {
  Q_OBJECT

 private slots:
  void everyCaseMatchesFullResolve_data() {
    QTest::addColumn<QString>("variant");
    QTest::addColumn<bool>("fast_everywhere");
    QTest::newRow("small") << "small" << true;
    QTest::newRow("hall") << "hall" << true;
    QTest::newRow("dc block catcher") << "catcher" << true;
    QTest::newRow("single-corded rack") << "single_cord" << true;
    QTest::newRow("zero-impedance connections") << "zero_z" << true;
    QTest::newRow("overloaded") << "overloaded" << true;
    QTest::newRow("generator on line (full re-solve)") << "generator" << false;
  }

  void everyCaseMatchesFullResolve() {
    QFETCH(QString, variant);
    QFETCH(bool, fast_everywhere);
    const Catalog& cat = builtin_catalog();
    Site s;
    SiteSolveOptions opt;
    if (variant == "hall") {
      s = make_site_from_template("hall", {}, cat);
    } else if (variant == "catcher") {
      s = make_site_from_template(
          "gigawatt",
          {{"ac_buildings", 0}, {"dc_buildings", 1}, {"halls_per_building", 1}, {"dc_rows", 6}},
          cat);
    } else {
      s = make_site_from_template("small", {}, cat);
    }
    if (variant == "single_cord") {
      // Racks on one cord are lost when the node above them fails.
      for (std::size_t i = 0; i < s.racks.size(); i += 3) s.racks.feed_b[i] = kNoId;
    } else if (variant == "zero_z") {
      // Zero-impedance connections merge buses (busbars): every other busway run.
      int k = 0;
      for (auto& e : s.elec_edges)
        if (++k % 2 == 0) e.r_ohm = e.x_ohm = e.b_s = 0;
    } else if (variant == "overloaded") {
      // Racks above their design power: the 2N partners run above their rating after a failure.
      opt.load_frac = 2.5;
    } else if (variant == "generator") {
      // A generator connected while the grid supplies: outside the fast path (parallel sources).
      for (auto& e : s.elec_edges)
        for (const auto& n : s.elec_nodes)
          if (e.from == n.id && n.kind == ElecKind::Generator) e.normally_open = false;
    }
    const ContingencyResult fast = run_contingencies(s, cat, opt, nullptr, 2);
    const ContingencyResult full =
        run_contingencies(s, cat, opt, nullptr, 2, ContingencyMethod::FullResolve);
    QCOMPARE(full.cases_full_resolve, electrical_cases(s, full.base));
    QCOMPARE(fast.cases_full_resolve,
             fast_everywhere ? standby_cases(s) : electrical_cases(s, full.base));
    compare_runs(s, cat, opt, fast, full);
    if (variant == "single_cord") QVERIFY(fast.cases_with_rack_loss > 0);
    if (variant == "overloaded") QVERIFY(fast.cases_with_overload > 0);
  }

  void threadsGiveTheSameAnswer() {
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template("hall", {}, cat);
    const ContingencyResult a = run_contingencies(s, cat, {}, nullptr, 1);
    const ContingencyResult b = run_contingencies(s, cat, {}, nullptr, 2);
    QCOMPARE(a.cases.size(), b.cases.size());
    for (std::size_t i = 0; i < a.cases.size(); ++i) {
      QCOMPARE(a.cases[i].failed, b.cases[i].failed);
      QCOMPARE(a.cases[i].worst_loading_pct, b.cases[i].worst_loading_pct);
      QCOMPARE(a.cases[i].worst_entity, b.cases[i].worst_entity);
    }
  }

  void gigawattSampleMatchesFullResolve() {
    // Every 50th case and the worst, each against its own full re-solve of the whole campus.
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template("gigawatt", {}, cat);
    const ContingencyResult fast = run_contingencies(s, cat, {}, nullptr, 2);
    // Only the grid feed's case (the standby sources closing on) is solved in full.
    QCOMPARE(fast.cases_full_resolve, standby_cases(s));
    QVERIFY(fast.all_converged);
    std::size_t checked = 0;
    bool worst_checked = false;  // cases are sorted worst first
    for (std::size_t i = 0; i < fast.cases.size(); ++i) {
      const ContingencyCase& c = fast.cases[i];
      if (!is_elec(s, c.failed) || (i % 50 != 0 && worst_checked)) continue;
      worst_checked = true;
      compare_case(s, cat, {}, fast.base, c);
      ++checked;
    }
    QVERIFY(checked >= 40);
  }
  void coolingLevels_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("small") << "small";
    QTest::newRow("hall") << "hall";
    QTest::newRow("gigawatt") << "gigawatt";
  }

  void coolingLevels() {
    // Cooling levels after the electrical ones; installed from the catalog; used is the rack heat
    // routed to each level (energy balance), computed here from the catalog and the racks alone.
    QFETCH(QString, name);
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template(name.toStdString(), {}, cat);
    const ContingencyResult r = run_contingencies(s, cat, {}, nullptr, 2);

    const std::vector<std::string> cooling = {kLevelCdu, kLevelAirUnit, kLevelChiller,
                                              kLevelHeatRejection};
    std::size_t first_cooling = r.levels.size();
    for (std::size_t i = 0; i < r.levels.size(); ++i)
      if (std::find(cooling.begin(), cooling.end(), r.levels[i].level) != cooling.end()) {
        first_cooling = std::min(first_cooling, i);
      } else {
        QVERIFY2(i < first_cooling, "an electrical level after a cooling one");
        QVERIFY(elec_kind_from_string(r.levels[i].level).has_value());
      }

    std::map<Id, const CoolingUnit*> unit;
    for (const auto& u : s.cooling) unit[u.id] = &u;
    // Rack heat routed to CDUs and air units (design power split by the liquid fraction).
    double liquid = 0, air = 0;
    std::map<Id, double> loop_direct;  // loop id -> heat from the CDUs and air units on it
    for (std::size_t i = 0; i < s.racks.size(); ++i) {
      const CatalogItem& t = cat.at(s.racks.type[i]);
      const double p =
          s.racks.power_override_w[i] ? *s.racks.power_override_w[i] : t.get("nameplate_w");
      const double lf = t.has("liquid_fraction") ? t.get("liquid_fraction") : 0.0;
      if (auto it = unit.find(s.racks.cdu_id[i]);
          it != unit.end() && it->second->kind == CoolKind::Cdu) {
        liquid += p * lf;
        loop_direct[it->second->loop_id] += p * lf;
      }
      if (auto it = unit.find(s.racks.air_unit_id[i]);
          it != unit.end() &&
          (it->second->kind == CoolKind::Crah || it->second->kind == CoolKind::FanWall)) {
        air += p * (1 - lf);
        loop_direct[it->second->loop_id] += p * (1 - lf);
      }
    }
    // Chillers: their capacity share of the (rack) heat of their loop; the compressor work goes on.
    std::map<Id, double> rejection_cap;  // loop id -> capacity of the rejection units on it
    for (const auto& u : s.cooling)
      if (is_heat_rejection(u.kind)) rejection_cap[u.loop_id] += cat.at(u.type).get("capacity_w");
    double chiller_heat = 0, compressor = 0;
    for (const auto& u : s.cooling) {
      if (u.kind != CoolKind::Chiller) continue;
      QVERIFY2(u.condenser_loop_id != kNoId, "templates: water-cooled chillers");
      const double q =
          loop_direct[u.loop_id] * cat.at(u.type).get("capacity_w") / rejection_cap[u.loop_id];
      chiller_heat += q;
      compressor += q / cat.at(u.type).get("cop_rated");
    }
    const std::map<std::string, double> expected_used = {
        {kLevelCdu, liquid},
        {kLevelAirUnit, air},
        {kLevelChiller, chiller_heat},
        {kLevelHeatRejection, liquid + air + compressor}};  // all heat leaves at the towers

    double it_heat = 0;
    for (double w : compute_design_loads(s, cat).rack_power_w) it_heat += w;
    QVERIFY(close_rel(liquid + air, it_heat));  // every rack is cooled (templates)

    for (const std::string& lv : cooling) {
      std::size_t units = 0;
      double installed = 0;
      for (const auto& u : s.cooling)
        if (in_cooling_level(lv, u.kind)) {
          ++units;
          installed += u.capacity_w;  // its duty on this site (towers: at the design weather)
        }
      const LevelCapacity* l = find_level(r, lv);
      if (units == 0) {
        QVERIFY2(!l, lv.c_str());
        continue;
      }
      QVERIFY2(l, lv.c_str());
      QCOMPARE(l->units, units);
      QVERIFY2(close_rel(l->installed_w, installed, 1e-12), lv.c_str());
      QVERIFY2(close_rel(l->used_w, expected_used.at(lv)),
               qPrintable(QString("%1: used %2 vs %3")
                              .arg(lv.c_str())
                              .arg(l->used_w)
                              .arg(expected_used.at(lv))));
      const double tol = 1e-9 * l->installed_w;
      QVERIFY2(l->reserved_w >= -tol && l->free_w >= -tol && l->stranded_w >= -tol, lv.c_str());
      QVERIFY2(l->used_w + l->reserved_w + l->free_w + l->stranded_w <= l->installed_w + tol,
               lv.c_str());
      qInfo(
          "%s %s: %zu units, installed %.3f MW, used %.3f, reserved %.3f, free %.3f, stranded %.3f",
          qPrintable(name), lv.c_str(), l->units, l->installed_w / 1e6, l->used_w / 1e6,
          l->reserved_w / 1e6, l->free_w / 1e6, l->stranded_w / 1e6);
    }
    // N+1 chillers and towers hold a reserve: each survivor of the worst failure takes more.
    if (const LevelCapacity* l = find_level(r, kLevelHeatRejection)) QVERIFY(l->reserved_w > 0);
    // The stand-alone cooling levels (used to refresh stored runs) are the same.
    const std::vector<LevelCapacity> alone = cooling_capacity_levels(s, cat);
    QCOMPARE(alone.size(), r.levels.size() - first_cooling);
    for (std::size_t i = 0; i < alone.size(); ++i) {
      const LevelCapacity& a = alone[i];
      const LevelCapacity& b = r.levels[first_cooling + i];
      QVERIFY(is_cooling_level(a.level));
      QCOMPARE(a.level, b.level);
      QCOMPARE(a.units, b.units);
      QCOMPARE(a.installed_w, b.installed_w);
      QCOMPARE(a.used_w, b.used_w);
      QCOMPARE(a.reserved_w, b.reserved_w);
      QCOMPARE(a.free_w, b.free_w);
      QCOMPARE(a.stranded_w, b.stranded_w);
    }
  }

  void strandedBehindFullRejection() {
    // Towers with 1 % room left after their worst single failure (the survivor takes both): the
    // CDUs' and air units' free room is stranded (their loop cannot reject more), the towers
    // themselves strand nothing.
    const Catalog& cat = builtin_catalog();
    Site s = make_site_from_template("small", {}, cat);
    const auto design = compute_design_loads(s, cat);
    for (auto& u : s.cooling)
      if (u.kind == CoolKind::CoolingTower) u.capacity_w = design.cooling_heat_w.at(u.id) * 2.01;
    const ContingencyResult r = run_contingencies(s, cat, {}, nullptr, 2);
    const LevelCapacity cdu = *find_level(r, kLevelCdu);
    const LevelCapacity rej = *find_level(r, kLevelHeatRejection);
    QVERIFY(cdu.free_w > 0);  // tiny: what the towers still take
    QVERIFY(cdu.stranded_w > 0.8 * (cdu.installed_w - cdu.used_w));
    QVERIFY(close_rel(cdu.free_w + cdu.stranded_w, cdu.installed_w - cdu.used_w - cdu.reserved_w));
    QCOMPARE(rej.stranded_w, 0.0);
    // The unit's capacity (a property override) is what counts, as in the N-1 cases.
    double caps = 0;
    for (const auto& u : s.cooling)
      if (u.kind == CoolKind::CoolingTower || u.kind == CoolKind::DryCooler) caps += u.capacity_w;
    QVERIFY(close_rel(rej.installed_w, caps));
  }

  void cduGroupReserve() {
    // Two CDUs in an N+1 group: each holds back the other's heat (survivors share by capacity,
    // so the survivor carries both). Taken out of the group, the reserve is gone.
    const Catalog& cat = builtin_catalog();
    Site s = make_site_from_template("small", {}, cat);
    std::vector<Id> cdus;
    for (const auto& u : s.cooling)
      if (u.kind == CoolKind::Cdu) cdus.push_back(u.id);
    QVERIFY(cdus.size() >= 2);
    const auto design = compute_design_loads(s, cat);
    const double h0 = design.cooling_heat_w.at(cdus[0]), h1 = design.cooling_heat_w.at(cdus[1]);
    QVERIFY(h0 > 0 && h1 > 0);

    const ContingencyResult before = run_contingencies(s, cat, {}, nullptr, 2);
    const LevelCapacity b = *find_level(before, kLevelCdu);

    RedundancyGroup g;
    g.id = s.next_id();
    g.name = "CDU pair";
    g.scheme = RedundancyScheme::NPlus1;
    g.members = {cdus[0], cdus[1]};
    s.groups.push_back(g);
    const ContingencyResult paired = run_contingencies(s, cat, {}, nullptr, 2);
    const LevelCapacity p = *find_level(paired, kLevelCdu);
    // The two CDUs were failed alone before; now as members of their group.
    QCOMPARE(paired.cases.size(), before.cases.size());
    for (const auto& c : paired.cases)
      if (c.failed == cdus[0] || c.failed == cdus[1]) QCOMPARE(c.group, g.id);
    QVERIFY(close_rel(p.reserved_w, b.reserved_w + h0 + h1));
    QVERIFY(close_rel(p.used_w, b.used_w));
    // Room left after the worst failure: each CDU of the pair then carries h0 + h1 (here above
    // its capacity: the small template sizes CDUs for their racks, without a spare).
    double room_before = 0, room_paired = 0;
    for (Id id : {cdus[0], cdus[1]}) {
      const double cap =
          cat.at(s.cooling[std::size_t(std::find_if(s.cooling.begin(), s.cooling.end(),
                                                    [&](const auto& u) { return u.id == id; }) -
                                       s.cooling.begin())]
                     .type)
              .get("capacity_w");
      room_before += std::max(0.0, cap - design.cooling_heat_w.at(id));
      room_paired += std::max(0.0, cap - h0 - h1);
    }
    QVERIFY(
        close_rel(p.free_w + p.stranded_w, b.free_w + b.stranded_w - room_before + room_paired));

    s.groups.back().members.pop_back();  // the second CDU leaves the group
    const ContingencyResult single = run_contingencies(s, cat, {}, nullptr, 2);
    const LevelCapacity q = *find_level(single, kLevelCdu);
    QVERIFY(q.reserved_w < p.reserved_w);
    QVERIFY(close_rel(q.reserved_w, b.reserved_w));
    // The electrical levels are untouched by cooling groups.
    for (std::size_t i = 0; i < before.levels.size(); ++i)
      if (before.levels[i].level != kLevelCdu) {
        QCOMPARE(paired.levels[i].level, before.levels[i].level);
        QVERIFY(close_rel(paired.levels[i].reserved_w, before.levels[i].reserved_w));
      }
  }
};

QTEST_APPLESS_MAIN(TstContingency)
#include "tst_contingency.moc"
