// Site power flow: a single rack behind a UPS and a transformer computed on paper, the templates
// against energy balance and Kirchhoff at every converter, and N-1 transfers by scheme.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "data/catalog_io.h"
#include "model/electrical/contingency.h"
#include "model/electrical/site_power.h"
#include "model/site/templates.h"

using namespace dctwin::model;
using namespace dctwin::model::electrical;
using dctwin::data::builtin_catalog;

namespace {

bool is_grid_feed(const Site& s, Id id) {
  for (const auto& n : s.elec_nodes)
    if (n.id == id) return n.kind == ElecKind::GridFeed;
  return false;
}

// Grid -> unit substation -> UPS -> busway -> one rack; cables of zero impedance except the
// busway run, which is purely resistive so that its voltage drop has a closed form.
Site one_rack(double rack_w, double busway_r_ohm) {
  Site s;
  s.name = "one rack";
  s.grid = {34.5e3, 1e12, 10.0, 10e6, 1e6};  // an almost ideal grid
  s.buildings.push_back({1, "B", 0, 0, 20, 20});
  s.halls.push_back({2, 1, "H", 1, 1, 10, 10, 4, Containment::None, 0.6});
  s.rows.push_back({3, 2, "R", 2, 2, 0});
  Rack r{4, 3, "K", "gb300_nvl72", 2.3, 2.6, 0, rack_w, 13, kNoId, kNoId, kNoId};
  s.racks.push_back(r);
  auto node = [&](Id id, ElecKind k, const char* type, double rating, double v) {
    ElecNode n;
    n.id = id;
    n.kind = k;
    n.type = type;
    n.name = to_string(k);
    n.rating_w = rating;
    n.voltage_v = v;
    s.elec_nodes.push_back(n);
  };
  node(10, ElecKind::GridFeed, "", 0, 34.5e3);
  node(11, ElecKind::UnitSubstation, "uss_34p5kv_415v_3p5mva", 3.5e6, 415);
  node(12, ElecKind::Ups, "ups_3mw_415v", 3e6, 415);
  node(13, ElecKind::Busway, "busway_415v_4000a", 2.875e6, 415);
  auto edge = [&](Id id, Id f, Id t, double r) {
    ElecEdge e;
    e.id = id;
    e.from = f;
    e.to = t;
    e.r_ohm = r;
    e.rating_w = 5e6;
    s.elec_edges.push_back(e);
  };
  edge(20, 10, 11, 0);
  edge(21, 11, 12, 0);
  edge(22, 12, 13, busway_r_ohm);
  return s;
}

double stage_sum(const SiteElecResult& r) {
  double s = 0;
  for (const auto& [k, v] : r.losses_w) s += v;
  return s;
}

}  // namespace

class TstSitePower : public QObject {
  Q_OBJECT
 private slots:
  void oneRackByHand() {
    const Catalog& cat = builtin_catalog();
    const double p_it = 120e3, r_ohm = 0.002;
    const Site s = one_rack(p_it, r_ohm);
    SiteSolveOptions o;
    const SiteElecResult r = solve_site_power(s, cat, o);
    QVERIFY2(r.converged, r.message.c_str());
    QVERIFY(r.violations.empty());
    // PSU: cord power = IT / efficiency at the rack's load fraction.
    const auto& gb = cat.at("gb300_nvl72");
    const double eff_psu = gb.curve("psu_efficiency").at(p_it / gb.get("psu_capacity_w"));
    const double p_cord = p_it / eff_psu;
    QCOMPARE(r.racks[0].input_w, p_cord);
    QVERIFY(std::abs(r.losses_w.at(kLossPsus) - (p_cord - p_it)) < 1e-6);
    // Busway run, resistive only: V (1 - V) / r = P in per unit, so V = (1 + sqrt(1 - 4 r P)) / 2.
    const double sb = o.base_va, zb = 415.0 * 415.0 / sb;
    const double rp = r_ohm / zb, pp = p_cord / sb;
    const double vb = (1 + std::sqrt(1 - 4 * rp * pp)) / 2;
    QVERIFY(std::abs(r.racks[0].vm_a_pu - vb) < 1e-9);
    const double p_ups_out = pp / vb * sb;  // slack current times 1 pu
    QVERIFY(std::abs(r.losses_w.at(kLossLvDistribution) - (p_ups_out - p_cord)) < 1e-3);
    // UPS: input = output / efficiency at its load fraction.
    const double eff_ups = cat.at("ups_3mw_415v").curve("efficiency").at(p_ups_out / 3e6);
    const double p_ups_in = p_ups_out / eff_ups;
    QVERIFY(std::abs(r.losses_w.at(kLossConverters) - (p_ups_in - p_ups_out)) < 1e-3);
    // Transformer: iron loss at about 1 pu plus copper loss r I^2 on its own base.
    const auto& uss = cat.at("uss_34p5kv_415v_3p5mva");
    const double iron = uss.get("no_load_loss_frac") * 3.5e6;
    const double copper = uss.get("load_loss_frac") * std::pow(p_ups_in / 3.5e6, 2) * 3.5e6;
    QVERIFY2(
        std::abs(r.losses_w.at(kLossTransformers) - (iron + copper)) < 1e-3 * (iron + copper),
        qPrintable(QString("%1 vs %2").arg(r.losses_w.at(kLossTransformers)).arg(iron + copper)));
    // Energy balance: the grid sees IT plus every loss.
    QVERIFY(std::abs(r.grid_import_w - (p_it + stage_sum(r))) < 1e-3);
    QCOMPARE(r.it_power_w, p_it);
  }

  void templatesBalance_data() {
    QTest::addColumn<QString>("name");
    for (const auto& t : site_templates())
      QTest::newRow(t.name.c_str()) << QString::fromStdString(t.name);
  }
  void templatesBalance() {
    QFETCH(QString, name);
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template(name.toStdString(), {}, cat);
    const SiteElecResult r = solve_site_power(s, cat);
    QVERIFY2(r.converged, r.message.c_str());
    QVERIFY2(r.violations.empty(), r.violations.empty() ? "" : r.violations[0].message.c_str());
    // Energy: grid import = IT + losses (every stage), to the Newton tolerance.
    QVERIFY2(std::abs(r.grid_import_w - (r.it_power_w + r.total_loss_w)) < 1e-6 * r.grid_import_w,
             qPrintable(QString("import %1, IT %2, losses %3")
                            .arg(r.grid_import_w)
                            .arg(r.it_power_w)
                            .arg(r.total_loss_w)));
    // The stages account for every element's loss once: the per-stage table against the sum
    // over the elements themselves (converters and transformers, cables and busways, PSUs).
    double element_loss = 0;
    for (const auto& n : r.nodes) element_loss += n.loss_w;
    for (const auto& e : r.edges) element_loss += e.loss_w;
    for (const auto& rf : r.racks) element_loss += rf.input_w - rf.it_w;
    QVERIFY2(std::abs(stage_sum(r) - element_loss) < 1e-9 * element_loss,
             qPrintable(QString("stages %1 W, elements %2 W").arg(stage_sum(r)).arg(element_loss)));
    // Kirchhoff at every converter output: what it delivers leaves through its connections.
    std::unordered_map<Id, double> out_flow;
    for (std::size_t e = 0; e < s.elec_edges.size(); ++e)
      if (r.edges[e].energized) out_flow[s.elec_edges[e].from] += r.edges[e].p_from_w;
    for (std::size_t k = 0; k < s.elec_nodes.size(); ++k) {
      const auto& n = s.elec_nodes[k];
      if (n.kind != ElecKind::Ups && n.kind != ElecKind::SolidStateTransformer) continue;
      QVERIFY(std::abs(r.nodes[k].p_w - out_flow[n.id]) < 1e-6 * std::max(1.0, r.nodes[k].p_w));
    }
    // Plausible figures: rack voltages in range, every stage positive, efficiency above 90 %.
    QVERIFY(r.min_rack_voltage_pu > 0.95 && r.min_rack_voltage_pu <= 1.0);
    for (const auto& [stage, w] : r.losses_w) QVERIFY2(w > 0, stage.c_str());
    // 2N UPS blocks run at a quarter of their rating or less: their efficiency is what limits this.
    QVERIFY(r.it_power_w / r.grid_import_w > 0.85);
    QVERIFY(r.power_factor > 0.95);
    for (const auto& rack : r.racks) QVERIFY(rack.powered);
  }

  void twoNTransfer() {
    const Catalog& cat = builtin_catalog();
    Site s = make_site_from_template("small", {{"rows", 2}, {"racks_per_row", 4}}, cat);
    const ContingencyResult c = run_contingencies(s, cat, {}, nullptr, 2);
    QVERIFY(c.all_converged);
    QCOMPARE(c.cases_with_rack_loss, std::size_t(0));
    QVERIFY(c.worst_loading_pct <= 100.0);
    QVERIFY(!c.cases.empty());
    // A single-corded rack is lost when its side's UPS fails, and only then.
    s.racks.feed_b[0] = kNoId;
    Id ups_a = kNoId;
    for (const auto& e : s.elec_edges)
      if (e.to == s.racks.feed_a[0])
        for (const auto& n : s.elec_nodes)
          if (n.id == e.from && n.kind == ElecKind::Ups) ups_a = n.id;
    QVERIFY(ups_a != kNoId);
    const ContingencyResult c2 = run_contingencies(s, cat, {}, nullptr, 2);
    const auto lost = std::find_if(c2.cases.begin(), c2.cases.end(),
                                   [](const auto& k) { return !k.racks_lost.empty(); });
    QVERIFY(lost != c2.cases.end());
    QCOMPARE(c2.cases.front().racks_lost, std::vector<Id>{s.racks.id[0]});  // worst first
    bool ups_case = false;
    for (const auto& k : c2.cases)
      if (k.failed == ups_a) ups_case = k.racks_lost == std::vector<Id>{s.racks.id[0]};
    QVERIFY(ups_case);
    // The base solve reports the single cord carrying the whole rack.
    QCOMPARE(c2.base.racks[0].cord_b_w, 0.0);
  }

  void catcherTakesOver() {
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template(
        "gigawatt",
        {{"ac_buildings", 0}, {"dc_buildings", 1}, {"halls_per_building", 1}, {"dc_rows", 6}}, cat);
    const ContingencyResult c = run_contingencies(s, cat, {}, nullptr, 2);
    QVERIFY(c.all_converged);
    // No member of a group loses racks. The single-corded racks' DC busways are in no group:
    // each is a single point of failure for exactly the racks on it.
    std::size_t busway_cases = 0, grid_cases = 0;
    for (const auto& k : c.cases) {
      if (k.group != kNoId) {
        QVERIFY2(k.racks_lost.empty(), std::to_string(k.failed).c_str());
        continue;
      }
      if (!k.racks_lost.empty() && is_grid_feed(s, k.failed)) {
        // No standby generation in this variant: the one grid feed is a single point too.
        QCOMPARE(k.racks_lost.size(), s.racks.size());
        QVERIFY(k.single_point);
        ++grid_cases;
        continue;
      }
      std::vector<Id> on;
      for (std::size_t i = 0; i < s.racks.size(); ++i)
        if (s.racks.feed_a[i] == k.failed || s.racks.feed_b[i] == k.failed)
          on.push_back(s.racks.id[i]);
      if (on.empty()) continue;
      ++busway_cases;
      QCOMPARE(k.racks_lost, on);
      QVERIFY(k.single_point);
    }
    QVERIFY(busway_cases > 0);
    QCOMPARE(c.cases_with_rack_loss, busway_cases + grid_cases);
    // Without the catcher's standby paths the racks of a failed block go dark.
    Site broken = s;
    for (auto& g : broken.groups)
      if (g.scheme == RedundancyScheme::BlockCatcher) g.scheme = RedundancyScheme::N;
    const ContingencyResult b = run_contingencies(broken, cat, {}, nullptr, 2);
    QVERIFY(b.cases_with_rack_loss > busway_cases + grid_cases);
    // Capacity table: every level accounts for its installed rating.
    for (const auto& l : c.levels) {
      if (l.level == "grid_feed") continue;
      QVERIFY2(l.used_w + l.reserved_w + l.free_w + l.stranded_w <= l.installed_w * (1 + 1e-9),
               l.level.c_str());
    }
  }

  void gigawattNMinus1() {
    // The issue's question for the whole campus: with any one member of any redundancy group
    // failed, every rack keeps power and nothing runs above its rating; what loses racks is a
    // component in no group, reported as a single point of failure.
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template("gigawatt", {}, cat);
    const ContingencyResult c = run_contingencies(s, cat, {}, nullptr, 0);
    QVERIFY(c.all_converged);
    std::size_t members = 0;
    std::set<Id> grouped;
    for (const auto& g : s.groups) {
      members += g.members.size();
      grouped.insert(g.members.begin(), g.members.end());
    }
    // Every component in no group is failed too: the grid feed, the single-corded racks' DC
    // busways, the CDUs.
    std::size_t alone = 0;
    for (const auto& n : s.elec_nodes) alone += !grouped.count(n.id) && !is_source(n.kind);
    for (const auto& n : s.elec_nodes) alone += n.kind == ElecKind::GridFeed;
    for (const auto& u : s.cooling)
      alone +=
          !grouped.count(u.id) && u.kind != CoolKind::WaterLoop && u.kind != CoolKind::StorageTank;
    QCOMPARE(c.cases.size(), members + alone);
    std::size_t lost = 0;
    for (const auto& k : c.cases) {
      if (k.racks_lost.empty()) continue;
      ++lost;
      QVERIFY2(k.group == kNoId, std::to_string(k.failed).c_str());
      QVERIFY(k.single_point);
    }
    QCOMPARE(c.cases_with_rack_loss, lost);
    QVERIFY(c.single_points >= lost);
    QCOMPARE(c.cases_with_overload, std::size_t(0));
    QVERIFY(c.worst_loading_pct <= 100.0);
  }

  void failedGridLosesEverything() {
    const Catalog& cat = builtin_catalog();
    const Site s = one_rack(100e3, 0.001);
    SiteSolveOptions o;
    o.failed.insert(10);
    const auto r = solve_site_power(s, cat, o);
    QVERIFY(!r.racks[0].powered);
    QCOMPARE(r.grid_import_w, 0.0);
    QVERIFY(std::any_of(r.violations.begin(), r.violations.end(),
                        [](const auto& v) { return v.code == "rack.unpowered"; }));
  }

  void islandOnGenerators() {
    // Utility lost, standby generators connected: they carry the site, shared by rating, and the
    // energy still balances (generation = IT + losses).
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template("small", {}, cat);
    SiteSolveOptions o;
    std::vector<std::size_t> gens;
    for (std::size_t k = 0; k < s.elec_nodes.size(); ++k) {
      if (s.elec_nodes[k].kind == ElecKind::GridFeed) o.failed.insert(s.elec_nodes[k].id);
      if (s.elec_nodes[k].kind == ElecKind::Generator) gens.push_back(k);
    }
    QVERIFY(gens.size() >= 2);
    for (const auto& e : s.elec_edges)
      if (e.normally_open) o.closed_edges.insert(e.id);
    const SiteElecResult r = solve_site_power(s, cat, o);
    QVERIFY2(r.converged, r.message.c_str());
    QCOMPARE(r.grid_import_w, 0.0);
    for (const auto& rack : r.racks) QVERIFY(rack.powered);
    QVERIFY2(
        std::abs(r.standby_output_w - (r.it_power_w + r.total_loss_w)) < 1e-6 * r.standby_output_w,
        qPrintable(QString("%1 vs %2").arg(r.standby_output_w).arg(r.it_power_w + r.total_loss_w)));
    // Equal ratings on one lineup: equal shares (each lineup is its own island).
    std::map<Id, std::vector<std::size_t>> by_lineup;
    for (std::size_t k : gens)
      for (const auto& e : s.elec_edges)
        if (e.from == s.elec_nodes[k].id) by_lineup[e.to].push_back(k);
    QVERIFY(by_lineup.size() >= 2);
    for (const auto& [lineup, on] : by_lineup) {
      const double p0 = r.nodes[on.front()].p_w;
      QVERIFY(p0 > 0);
      for (std::size_t k : on) QVERIFY(std::abs(r.nodes[k].p_w - p0) < 1e-3 * p0);
    }
  }

  void overloadReported() {
    const Catalog& cat = builtin_catalog();
    Site s = one_rack(120e3, 0.001);
    s.elec_nodes[2].rating_w = 50e3;  // UPS far too small
    const auto r = solve_site_power(s, cat);
    QVERIFY(r.max_loading_pct > 100);
    QCOMPARE(r.max_loading_entity, Id(12));
    QVERIFY(std::any_of(r.violations.begin(), r.violations.end(),
                        [](const auto& v) { return v.code == "elec.overload" && v.entity == 12; }));
  }

  void voltageCollapseReported() {
    // A busway run so long that the load cannot be delivered: reported, never a crash.
    const Site s = one_rack(120e3, 5.0);
    const auto r = solve_site_power(s, builtin_catalog());
    QVERIFY(!r.converged);
    QVERIFY(!r.message.empty());
  }

  void exportNetwork() {
    const Catalog& cat = builtin_catalog();
    const Site s = make_site_from_template("small", {}, cat);
    const SiteAcExport x = site_ac_network(s, cat);
    QCOMPARE(x.bus_names.size(), x.net.buses.size());
    // Solving the exported network alone gives the site solve's grid import.
    const AcSolution sol = solve_ac(x.net);
    QVERIFY(sol.converged);
    const SiteElecResult r = solve_site_power(s, cat);
    double losses = 0, loads = 0;
    for (std::size_t b = 0; b < x.net.branches.size(); ++b)
      losses += (sol.sf_pu[b] + sol.st_pu[b]).real();
    for (const auto& bus : x.net.buses) loads += bus.pd_pu + bus.gs_pu * 0;
    double gen = 0;
    for (double pg : sol.pg_pu) gen += pg;
    QVERIFY(gen > loads);
    QVERIFY(std::abs(gen - (loads + losses + [&] {
                       double g = 0;
                       for (std::size_t i = 0; i < x.net.buses.size(); ++i)
                         g += x.net.buses[i].gs_pu * std::norm(sol.v[i]);
                       return g;
                     }())) < 1e-6);
    QVERIFY(gen * x.net.base_mva * 1e6 >
            r.grid_import_w);  // the sources also cover the Thevenin loss
  }
};

QTEST_APPLESS_MAIN(TstSitePower)
#include "tst_site_power.moc"
