#include "model/site/site.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace dctwin::model {

namespace {
// One table per enum keeps to_string and from_string in step.
template <typename E>
struct Names {
  std::initializer_list<std::pair<E, const char*>> list;
  const char* name(E e) const {
    for (const auto& [k, n] : list)
      if (k == e) return n;
    return "?";
  }
  std::vector<E> all() const {
    std::vector<E> out;
    for (const auto& [k, n] : list) out.push_back(k);
    return out;
  }
  std::optional<E> parse(const std::string& s) const {
    for (const auto& [k, n] : list)
      if (s == n) return k;
    return std::nullopt;
  }
};

const Names<Containment> kContainment{{{Containment::None, "none"},
                                       {Containment::HotAisle, "hot_aisle"},
                                       {Containment::ColdAisle, "cold_aisle"}}};
const Names<ElecKind> kElecKind{{{ElecKind::GridFeed, "grid_feed"},
                                 {ElecKind::HvMvTransformer, "hv_mv_transformer"},
                                 {ElecKind::MvSwitchgear, "mv_switchgear"},
                                 {ElecKind::MvFeeder, "mv_feeder"},
                                 {ElecKind::UnitSubstation, "unit_substation"},
                                 {ElecKind::LvSwitchboard, "lv_switchboard"},
                                 {ElecKind::MechanicalBoard, "mechanical_board"},
                                 {ElecKind::Ups, "ups"},
                                 {ElecKind::Rectifier, "rectifier"},
                                 {ElecKind::SolidStateTransformer, "solid_state_transformer"},
                                 {ElecKind::Busway, "busway"},
                                 {ElecKind::Pdu, "pdu"},
                                 {ElecKind::Generator, "generator"},
                                 {ElecKind::Battery, "battery"}}};
const Names<RedundancyScheme> kScheme{{{RedundancyScheme::N, "n"},
                                       {RedundancyScheme::NPlus1, "n_plus_1"},
                                       {RedundancyScheme::TwoN, "2n"},
                                       {RedundancyScheme::DistributedRedundant, "distributed"},
                                       {RedundancyScheme::BlockCatcher, "block_catcher"}}};
const Names<CoolKind> kCoolKind{{{CoolKind::Crah, "crah"},
                                 {CoolKind::FanWall, "fan_wall"},
                                 {CoolKind::Cdu, "cdu"},
                                 {CoolKind::WaterLoop, "water_loop"},
                                 {CoolKind::Chiller, "chiller"},
                                 {CoolKind::CoolingTower, "cooling_tower"},
                                 {CoolKind::DryCooler, "dry_cooler"},
                                 {CoolKind::Pump, "pump"},
                                 {CoolKind::StorageTank, "storage_tank"}}};
}  // namespace

const char* to_string(Containment c) { return kContainment.name(c); }
std::optional<Containment> containment_from_string(const std::string& s) {
  return kContainment.parse(s);
}
const char* to_string(ElecKind k) { return kElecKind.name(k); }
std::optional<ElecKind> elec_kind_from_string(const std::string& s) { return kElecKind.parse(s); }
const char* to_string(RedundancyScheme s) { return kScheme.name(s); }
std::optional<RedundancyScheme> redundancy_scheme_from_string(const std::string& s) {
  return kScheme.parse(s);
}
const char* to_string(CoolKind k) { return kCoolKind.name(k); }
std::optional<CoolKind> cool_kind_from_string(const std::string& s) { return kCoolKind.parse(s); }

const std::vector<Containment>& all_containments() {
  static const auto v = kContainment.all();
  return v;
}
const std::vector<ElecKind>& all_elec_kinds() {
  static const auto v = kElecKind.all();
  return v;
}
const std::vector<RedundancyScheme>& all_redundancy_schemes() {
  static const auto v = kScheme.all();
  return v;
}
const std::vector<CoolKind>& all_cool_kinds() {
  static const auto v = kCoolKind.all();
  return v;
}

bool is_source(ElecKind k) {
  return k == ElecKind::GridFeed || k == ElecKind::Generator || k == ElecKind::Battery;
}
bool is_rack_feed(ElecKind k) { return k == ElecKind::Busway || k == ElecKind::Pdu; }
bool is_cooling_feed(ElecKind k) {
  return k == ElecKind::MechanicalBoard || k == ElecKind::LvSwitchboard || k == ElecKind::Busway ||
         k == ElecKind::Pdu;
}
bool is_converter(ElecKind k) {
  return k == ElecKind::Ups || k == ElecKind::Rectifier || k == ElecKind::SolidStateTransformer ||
         k == ElecKind::Pdu;
}
bool is_transformer(ElecKind k) {
  return k == ElecKind::HvMvTransformer || k == ElecKind::UnitSubstation;
}
bool is_heat_rejection(CoolKind k) {
  return k == CoolKind::CoolingTower || k == CoolKind::DryCooler || k == CoolKind::Chiller;
}

bool is_powered(CoolKind k) { return k != CoolKind::WaterLoop && k != CoolKind::StorageTank; }

void RackTable::reserve(std::size_t n) {
  id.reserve(n);
  row_id.reserve(n);
  name.reserve(n);
  type.reserve(n);
  x_m.reserve(n);
  y_m.reserve(n);
  orientation_deg.reserve(n);
  power_override_w.reserve(n);
  feed_a.reserve(n);
  feed_b.reserve(n);
  cdu_id.reserve(n);
  air_unit_id.reserve(n);
}

void RackTable::push_back(const Rack& r) {
  id.push_back(r.id);
  row_id.push_back(r.row_id);
  name.push_back(r.name);
  type.push_back(r.type);
  x_m.push_back(r.x_m);
  y_m.push_back(r.y_m);
  orientation_deg.push_back(r.orientation_deg);
  power_override_w.push_back(r.power_override_w);
  feed_a.push_back(r.feed_a);
  feed_b.push_back(r.feed_b);
  cdu_id.push_back(r.cdu_id);
  air_unit_id.push_back(r.air_unit_id);
}

Rack RackTable::get(std::size_t i) const {
  Rack r;
  r.id = id.at(i);
  r.row_id = row_id[i];
  r.name = name[i];
  r.type = type[i];
  r.x_m = x_m[i];
  r.y_m = y_m[i];
  r.orientation_deg = orientation_deg[i];
  r.power_override_w = power_override_w[i];
  r.feed_a = feed_a[i];
  r.feed_b = feed_b[i];
  r.cdu_id = cdu_id[i];
  r.air_unit_id = air_unit_id[i];
  return r;
}

void RackTable::set(std::size_t i, const Rack& r) {
  id.at(i) = r.id;
  row_id[i] = r.row_id;
  name[i] = r.name;
  type[i] = r.type;
  x_m[i] = r.x_m;
  y_m[i] = r.y_m;
  orientation_deg[i] = r.orientation_deg;
  power_override_w[i] = r.power_override_w;
  feed_a[i] = r.feed_a;
  feed_b[i] = r.feed_b;
  cdu_id[i] = r.cdu_id;
  air_unit_id[i] = r.air_unit_id;
}

void RackTable::insert(std::size_t i, const Rack& r) {
  if (i > id.size()) throw std::out_of_range("RackTable::insert: position past the end");
  const auto at = [i](auto& v, const auto& value) {
    v.insert(v.begin() + static_cast<std::ptrdiff_t>(i), value);
  };
  at(id, r.id);
  at(row_id, r.row_id);
  at(name, r.name);
  at(type, r.type);
  at(x_m, r.x_m);
  at(y_m, r.y_m);
  at(orientation_deg, r.orientation_deg);
  at(power_override_w, r.power_override_w);
  at(feed_a, r.feed_a);
  at(feed_b, r.feed_b);
  at(cdu_id, r.cdu_id);
  at(air_unit_id, r.air_unit_id);
}

void RackTable::erase(std::size_t i) {
  const auto at = [i](auto& v) { v.erase(v.begin() + static_cast<std::ptrdiff_t>(i)); };
  (void)id.at(i);
  at(id);
  at(row_id);
  at(name);
  at(type);
  at(x_m);
  at(y_m);
  at(orientation_deg);
  at(power_override_w);
  at(feed_a);
  at(feed_b);
  at(cdu_id);
  at(air_unit_id);
}

Id Site::next_id() const {
  Id m = 0;
  for (const auto& b : buildings) m = std::max(m, b.id);
  for (const auto& h : halls) m = std::max(m, h.id);
  for (const auto& r : rows) m = std::max(m, r.id);
  for (Id i : racks.id) m = std::max(m, i);
  for (const auto& n : elec_nodes) m = std::max(m, n.id);
  for (const auto& e : elec_edges) m = std::max(m, e.id);
  for (const auto& c : cooling) m = std::max(m, c.id);
  for (const auto& g : groups) m = std::max(m, g.id);
  return m + 1;
}

}  // namespace dctwin::model
