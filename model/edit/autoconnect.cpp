#include "model/edit/autoconnect.h"

#include <algorithm>
#include <functional>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "model/site/loads.h"

namespace dctwin::model::edit {

namespace {

constexpr double kRel = 1e-9;

std::string kw(double w) {
  std::ostringstream s;
  s.precision(0);
  s << std::fixed << w / 1e3 << " kW";
  return s.str();
}

class Planner {
 public:
  Planner(const Site& site, const Catalog& catalog, Id hall_id)
      : site_(site), catalog_(catalog), hall_(hall_id) {
    const DesignLoads loads = compute_design_loads(site, catalog);
    load_ = loads.elec_load_w;
    for (const auto& [id, h] : loads.cooling_heat_w) load_[id] = h;
    for (const auto& n : site.elec_nodes) nodes_[n.id] = &n;
    for (const auto& c : site.cooling) units_[c.id] = &c;
    for (const auto& e : site.elec_edges) {
      if (!nodes_.count(e.from) || !nodes_.count(e.to) || e.from == e.to) continue;
      all_down_[e.from].push_back(e.to);
      if (!e.normally_open) closed_in_[e.to].push_back(e.from);
    }
    for (const auto& g : site.groups)
      for (Id m : g.members) groups_of_[m].push_back(&g);
    // Nodes that a source reaches (as validation decides "rack.no_supply").
    std::vector<Id> stack;
    for (const auto& n : site.elec_nodes)
      if (is_source(n.kind)) stack.push_back(n.id);
    while (!stack.empty()) {
      const Id id = stack.back();
      stack.pop_back();
      if (!supplied_.insert(id).second) continue;
      for (Id d : all_down_[id]) stack.push_back(d);
    }
    for (const auto& c : site.cooling) {
      if (is_heat_rejection(c.kind) && c.loop_id != kNoId) rejecters_[c.loop_id].push_back(&c);
    }
  }

  Connections plan(const Rack& r, std::vector<std::string>& notes) {
    Connections out;
    const CatalogItem* type = catalog_.find(r.type);
    if (!type || type->kind != ItemKind::Rack) {
      notes.push_back("rack '" + r.name + "' has no known rack type: not connected");
      return out;
    }
    const double p = r.power_override_w ? *r.power_override_w : type->get("nameplate_w");
    const bool dc = rack_is_dc(catalog_, r.type);
    const double lf = type->has("liquid_fraction") ? type->get("liquid_fraction") : 0.0;
    plan_feed(r, p, dc, out, notes);
    if (lf > 0) out.cdu_id = plan_unit(r, p * lf, true, notes);
    if (lf < 1) out.air_unit_id = plan_unit(r, p * (1 - lf), false, notes);
    return out;
  }

 private:
  using Add = std::unordered_map<Id, double>;

  double cap(const ElecNode& n) const {
    double c = n.rating_w;
    if (n.kind == ElecKind::Busway) {
      const CatalogItem* t = catalog_.find(n.type);
      if (t && t->has("max_continuous_frac")) c *= t->get("max_continuous_frac");
    }
    return c;
  }
  double capacity_of(Id id) const {  // as validation's duty: ratings, not continuous limits
    if (auto n = nodes_.find(id); n != nodes_.end()) return n->second->rating_w;
    if (auto u = units_.find(id); u != units_.end()) return u->second->capacity_w;
    return -1;
  }

  void add_elec(Id id, double w, Add& add) const {
    add[id] += w;
    const auto it = closed_in_.find(id);
    if (it == closed_in_.end() || it->second.empty()) return;
    const double share = w / double(it->second.size());
    for (Id f : it->second) add_elec(f, share, add);
  }

  void add_heat_to_loop(Id loop, double w, Add& add, int depth = 0) const {
    if (loop == kNoId || depth > 8) return;
    add[loop] += w;
    const auto it = rejecters_.find(loop);
    if (it == rejecters_.end()) return;
    double total = 0;
    for (const CoolingUnit* r : it->second) total += r->capacity_w;
    if (total <= 0) return;
    for (const CoolingUnit* r : it->second) {
      const double share = w * r->capacity_w / total;
      add[r->id] += share;
      if (r->kind == CoolKind::Chiller && r->condenser_loop_id != kNoId) {
        const CatalogItem* t = catalog_.find(r->type);
        const double cop = t && t->has("cop_rated") ? t->get("cop_rated") : 0.0;
        add_heat_to_loop(r->condenser_loop_id, cop > 0 ? share * (1 + 1 / cop) : share, add,
                         depth + 1);
      }
    }
  }

  double now(Id id, const Add& add) const {
    const auto l = load_.find(id);
    const auto a = add.find(id);
    return (l == load_.end() ? 0.0 : l->second) + (a == add.end() ? 0.0 : a->second);
  }

  bool group_ok(const RedundancyGroup& g, const Add& add) const {
    double total = 0, total_cap = 0, max_cap = 0;
    for (Id m : g.members) {
      const double c = capacity_of(m);
      if (c < 0) return true;  // a dangling member: validation reports it, not our business
      total += now(m, add);
      total_cap += c;
      max_cap = std::max(max_cap, c);
    }
    switch (g.scheme) {
      case RedundancyScheme::N:
        return true;
      case RedundancyScheme::TwoN:
        for (Id m : g.members)
          if (total > capacity_of(m) * (1 + kRel)) return false;
        return true;
      case RedundancyScheme::NPlus1:
      case RedundancyScheme::DistributedRedundant:
        return g.members.size() < 2 || total <= (total_cap - max_cap) * (1 + kRel);
      case RedundancyScheme::BlockCatcher: {
        const double cc = capacity_of(g.catcher);
        if (cc < 0) return true;
        for (Id m : g.members)
          if (m != g.catcher && now(m, add) > cc * (1 + kRel)) return false;
        return true;
      }
    }
    return true;
  }

  // Would these added loads keep every touched node and unit within its rating, and every
  // redundancy group containing one of them redundant?
  bool fits(const Add& add) const {
    std::unordered_set<const RedundancyGroup*> groups;
    for (const auto& [id, w] : add) {
      if (auto n = nodes_.find(id); n != nodes_.end()) {
        const ElecNode& node = *n->second;
        if (node.kind != ElecKind::GridFeed && node.rating_w > 0 &&
            now(id, add) > cap(node) * (1 + kRel))
          return false;
      } else if (auto u = units_.find(id); u != units_.end()) {
        const CoolingUnit& unit = *u->second;
        if (unit.kind != CoolKind::WaterLoop && unit.kind != CoolKind::Pump &&
            unit.kind != CoolKind::StorageTank && unit.capacity_w > 0 &&
            now(id, add) > unit.capacity_w * (1 + kRel))
          return false;
      }
      if (auto g = groups_of_.find(id); g != groups_of_.end())
        for (const RedundancyGroup* gr : g->second) groups.insert(gr);
    }
    for (const RedundancyGroup* g : groups)
      if (!group_ok(*g, add)) return false;
    return true;
  }

  void commit(const Add& add) {
    for (const auto& [id, w] : add) load_[id] += w;
  }

  Id partner(Id a) const {
    const auto it = groups_of_.find(a);
    if (it == groups_of_.end()) return kNoId;
    for (const RedundancyGroup* g : it->second)
      if (g->scheme == RedundancyScheme::TwoN && g->members.size() == 2) {
        const Id o = g->members[0] == a ? g->members[1] : g->members[0];
        if (auto n = nodes_.find(o); n != nodes_.end() && is_rack_feed(n->second->kind)) return o;
      }
    return kNoId;
  }

  void plan_feed(const Rack& r, double p, bool dc, Connections& out,
                 std::vector<std::string>& notes) {
    std::vector<const ElecNode*> a_side, b_side;
    for (const auto& n : site_.elec_nodes) {
      if (!is_rack_feed(n.kind) || n.hall_id != hall_ || n.dc != dc || !supplied_.count(n.id))
        continue;
      (n.side == "B" ? b_side : a_side).push_back(&n);
    }
    const bool dual = !b_side.empty();
    auto by_load = [&](const ElecNode* x, const ElecNode* y) {
      return now(x->id, {}) < now(y->id, {});
    };
    std::stable_sort(a_side.begin(), a_side.end(), by_load);
    std::stable_sort(b_side.begin(), b_side.end(), by_load);
    for (const ElecNode* a : a_side) {
      std::vector<Id> bs;
      if (dual) {
        if (const Id pb = partner(a->id); pb != kNoId)
          bs.push_back(pb);
        else
          for (const ElecNode* b : b_side) bs.push_back(b->id);
      } else {
        bs.push_back(kNoId);
      }
      for (Id b : bs) {
        Add add;
        add_elec(a->id, b != kNoId ? p / 2 : p, add);
        if (b != kNoId) add_elec(b, p / 2, add);
        if (!fits(add)) continue;
        commit(add);
        out.feed_a = a->id;
        out.feed_b = b;
        return;
      }
    }
    notes.push_back("no " + std::string(dc ? "DC" : "AC") + " busway or PDU of the hall has " +
                    kw(p) + " to spare for rack '" + r.name +
                    "': it is not plugged in; add a busway or PDU, or connect it by hand");
  }

  Id plan_unit(const Rack& r, double heat, bool liquid, std::vector<std::string>& notes) {
    std::vector<const CoolingUnit*> cand;
    for (const auto& c : site_.cooling) {
      if (c.hall_id != hall_) continue;
      if (liquid ? c.kind == CoolKind::Cdu
                 : (c.kind == CoolKind::Crah || c.kind == CoolKind::FanWall))
        cand.push_back(&c);
    }
    std::stable_sort(cand.begin(), cand.end(), [&](const CoolingUnit* x, const CoolingUnit* y) {
      return now(x->id, {}) / std::max(1.0, x->capacity_w) <
             now(y->id, {}) / std::max(1.0, y->capacity_w);
    });
    for (const CoolingUnit* c : cand) {
      Add add;
      add[c->id] += heat;
      add_heat_to_loop(c->loop_id, heat, add);
      if (!fits(add)) continue;
      commit(add);
      return c->id;
    }
    notes.push_back(std::string("no ") + (liquid ? "CDU" : "CRAH or fan wall") +
                    " of the hall can take " + kw(heat) + " more for rack '" + r.name +
                    "': add one or connect it by hand");
    return kNoId;
  }

  const Site& site_;
  const Catalog& catalog_;
  Id hall_;
  std::unordered_map<Id, double> load_;
  std::unordered_map<Id, const ElecNode*> nodes_;
  std::unordered_map<Id, const CoolingUnit*> units_;
  std::unordered_map<Id, std::vector<Id>> closed_in_, all_down_;
  std::unordered_map<Id, std::vector<const RedundancyGroup*>> groups_of_;
  std::unordered_map<Id, std::vector<const CoolingUnit*>> rejecters_;
  std::unordered_set<Id> supplied_;
};

}  // namespace

ConnectPlan suggest_connections(const Site& site, const Catalog& catalog, Id hall_id,
                                const std::vector<Rack>& racks) {
  ConnectPlan plan;
  Planner p(site, catalog, hall_id);
  for (const Rack& r : racks) plan.racks.push_back(p.plan(r, plan.notes));
  return plan;
}

}  // namespace dctwin::model::edit
