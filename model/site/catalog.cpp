#include "model/site/catalog.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dctwin::model {

double SourcedCurve::at(double xq) const {
  if (x.empty()) throw std::logic_error("SourcedCurve::at on an empty curve");
  if (xq <= x.front()) return y.front();
  if (xq >= x.back()) return y.back();
  const auto it = std::upper_bound(x.begin(), x.end(), xq);
  const std::size_t i = static_cast<std::size_t>(it - x.begin());
  const double t = (xq - x[i - 1]) / (x[i] - x[i - 1]);
  return y[i - 1] + t * (y[i] - y[i - 1]);
}

namespace {
struct KindName {
  ItemKind kind;
  const char* name;
};
constexpr KindName kKindNames[] = {
    {ItemKind::Rack, "rack"},
    {ItemKind::HvMvTransformer, "hv_mv_transformer"},
    {ItemKind::MvSwitchgear, "mv_switchgear"},
    {ItemKind::MvCable, "mv_cable"},
    {ItemKind::UnitSubstation, "unit_substation"},
    {ItemKind::LvSwitchboard, "lv_switchboard"},
    {ItemKind::MechanicalBoard, "mechanical_board"},
    {ItemKind::Ups, "ups"},
    {ItemKind::Rectifier, "rectifier"},
    {ItemKind::SolidStateTransformer, "solid_state_transformer"},
    {ItemKind::Busway, "busway"},
    {ItemKind::Pdu, "pdu"},
    {ItemKind::Generator, "generator"},
    {ItemKind::Battery, "battery"},
    {ItemKind::Crah, "crah"},
    {ItemKind::FanWall, "fan_wall"},
    {ItemKind::Cdu, "cdu"},
    {ItemKind::Chiller, "chiller"},
    {ItemKind::CoolingTower, "cooling_tower"},
    {ItemKind::DryCooler, "dry_cooler"},
    {ItemKind::Pump, "pump"},
};

// Parameters shared by transformers (no-load and load losses as fractions of rating; the
// electrical engine builds its loss model a + c*P^2 from them).
const std::vector<std::string> kTransformerParams = {
    "rating_va", "primary_voltage_v", "secondary_voltage_v", "impedance_pu",
    "x_over_r",  "no_load_loss_frac", "load_loss_frac"};

bool is_fraction(const std::string& p) {
  return p.ends_with("_frac") || p == "liquid_fraction" || p.ends_with("efficiency") ||
         p.ends_with("effectiveness") || p == "power_factor";
}
// Temperatures (a rating wet-bulb may be below zero) are neither forced positive nor
// non-negative.
bool is_temperature(const std::string& p) {
  return p.ends_with("_temp_c") || p.ends_with("_bulb_c");
}
bool must_be_positive(const std::string& p) {
  static const char* prefixes[] = {"rating",
                                   "capacity",
                                   "nameplate",
                                   "typical",
                                   "peak",
                                   "flow",
                                   "power_w",
                                   "power_factor",
                                   "energy",
                                   "airflow",
                                   "voltage",
                                   "primary_voltage",
                                   "secondary_voltage",
                                   "input_voltage",
                                   "output_voltage",
                                   "width",
                                   "depth",
                                   "height",
                                   "cop",
                                   "ampacity",
                                   "head"};
  if (is_temperature(p)) return false;
  for (const char* pre : prefixes)
    if (p.starts_with(pre)) return true;
  return false;
}
}  // namespace

const char* to_string(ItemKind k) {
  for (const auto& kn : kKindNames)
    if (kn.kind == k) return kn.name;
  return "?";
}

std::optional<ItemKind> item_kind_from_string(const std::string& s) {
  for (const auto& kn : kKindNames)
    if (s == kn.name) return kn.kind;
  return std::nullopt;
}

const std::vector<ItemKind>& all_item_kinds() {
  static const std::vector<ItemKind> kinds = [] {
    std::vector<ItemKind> v;
    for (const auto& kn : kKindNames) v.push_back(kn.kind);
    return v;
  }();
  return kinds;
}

const KindSchema& schema_for(ItemKind k) {
  static const std::map<ItemKind, KindSchema> schemas = {
      {ItemKind::Rack,
       {{"nameplate_w", "psu_capacity_w", "typical_w", "idle_w", "peak_w", "liquid_fraction",
         "airflow_m3_s_per_kw", "ramp_up_w_per_s", "ramp_down_w_per_s", "smoothing_floor_frac",
         "width_m", "depth_m", "height_m", "dc_input", "input_voltage_v",
         "coolant_max_supply_temp_c"},
        {"psu_efficiency"}}},
      {ItemKind::HvMvTransformer, {kTransformerParams, {}}},
      {ItemKind::UnitSubstation, {kTransformerParams, {}}},
      {ItemKind::MvSwitchgear, {{"rating_a", "voltage_v"}, {}}},
      {ItemKind::LvSwitchboard, {{"rating_a", "voltage_v"}, {}}},
      {ItemKind::MechanicalBoard, {{"rating_a", "voltage_v"}, {}}},
      {ItemKind::MvCable,
       {{"ampacity_a", "voltage_v", "r_ohm_per_km", "x_ohm_per_km", "b_us_per_km"}, {}}},
      {ItemKind::Ups, {{"rating_w", "voltage_v", "battery_runtime_s"}, {"efficiency"}}},
      {ItemKind::Rectifier, {{"rating_w", "input_voltage_v", "output_voltage_v"}, {"efficiency"}}},
      {ItemKind::SolidStateTransformer,
       {{"rating_w", "input_voltage_v", "output_voltage_v"}, {"efficiency"}}},
      {ItemKind::Busway,
       {{"rating_a", "voltage_v", "r_ohm_per_km", "x_ohm_per_km", "max_continuous_frac"}, {}}},
      {ItemKind::Pdu, {{"rating_w", "voltage_v"}, {"efficiency"}}},
      {ItemKind::Generator,
       {{"rating_w", "voltage_v", "start_time_s", "derate_frac", "fuel_l_per_kwh"}, {}}},
      {ItemKind::Battery,
       {{"power_w", "energy_wh", "round_trip_efficiency", "min_soc_frac", "voltage_v"}, {}}},
      {ItemKind::Crah, {{"capacity_w", "airflow_m3_s", "fan_power_w", "supply_temp_c"}, {}}},
      {ItemKind::FanWall, {{"capacity_w", "airflow_m3_s", "fan_power_w", "supply_temp_c"}, {}}},
      {ItemKind::Cdu,
       {{"capacity_w", "approach_k", "pump_head_pa", "pump_efficiency", "pump_min_head_frac",
         "design_delta_t_k", "supply_temp_c", "secondary_volume_m3"},
        {}}},
      {ItemKind::Chiller,
       {{"capacity_w", "cop_rated", "rated_condenser_temp_c", "rated_evaporator_temp_c",
         "design_delta_t_k", "economizer_approach_k", "cop_change_frac_per_k", "min_lift_k"},
        {"part_load_power"}}},
      {ItemKind::CoolingTower,
       {{"capacity_w", "approach_k", "rating_wet_bulb_c", "rating_range_k", "rating_l_over_g",
         "merkel_exponent", "fan_power_frac", "min_fan_speed_frac", "drift_frac",
         "cycles_of_concentration"},
        {}}},
      {ItemKind::DryCooler,
       {{"capacity_w", "approach_k", "rating_dry_bulb_c", "rating_range_k", "rating_air_rise_k",
         "ua_air_exponent", "fan_power_frac", "min_fan_speed_frac", "adiabatic_effectiveness"},
        {}}},
      {ItemKind::Pump, {{"flow_m3_s", "head_pa", "efficiency", "min_head_frac"}, {}}},
  };
  return schemas.at(k);
}

double CatalogItem::get(const std::string& param) const {
  const auto it = params.find(param);
  if (it == params.end())
    throw std::out_of_range("catalog item '" + key + "' has no parameter '" + param + "'");
  return it->second.value;
}

const SourcedCurve& CatalogItem::curve(const std::string& name) const {
  const auto it = curves.find(name);
  if (it == curves.end())
    throw std::out_of_range("catalog item '" + key + "' has no curve '" + name + "'");
  return it->second;
}

const CatalogItem* Catalog::find(const std::string& key) const {
  const auto it = items.find(key);
  return it == items.end() ? nullptr : &it->second;
}

const CatalogItem& Catalog::at(const std::string& key) const {
  const CatalogItem* item = find(key);
  if (!item) throw std::out_of_range("no catalog item '" + key + "'");
  return *item;
}

std::vector<const CatalogItem*> Catalog::of_kind(ItemKind k) const {
  std::vector<const CatalogItem*> out;
  for (const auto& [key, item] : items)
    if (item.kind == k) out.push_back(&item);
  return out;
}

std::vector<CatalogProblem> Catalog::validate() const {
  std::vector<CatalogProblem> out;
  for (const auto& [id, src] : sources) {
    if (src.title.empty())
      out.push_back({"", "sources/" + id, "source '" + id + "' has no title: add a citation"});
    if (src.date.empty())
      out.push_back({"", "sources/" + id,
                     "source '" + id + "' has no date: add the publication or access date"});
  }
  auto check_source = [&](const std::string& item, const std::string& field,
                          const std::string& src) {
    if (src.empty())
      out.push_back({item, field, "no source: every catalog number needs a source id"});
    else if (!sources.count(src))
      out.push_back({item, field, "unknown source '" + src + "': add it to \"sources\""});
  };
  for (const auto& [key, item] : items) {
    if (key != item.key)
      out.push_back({key, "key", "item stored under '" + key + "' has key '" + item.key + "'"});
    if (item.name.empty()) out.push_back({key, "name", "no display name: add \"name\""});
    const KindSchema& schema = schema_for(item.kind);
    for (const auto& p : schema.params)
      if (!item.params.count(p))
        out.push_back({key, "params/" + p,
                       std::string("missing parameter required for kind '") + to_string(item.kind) +
                           "': add it with a value and a source"});
    for (const auto& c : schema.curves)
      if (!item.curves.count(c))
        out.push_back({key, "curves/" + c,
                       std::string("missing curve required for kind '") + to_string(item.kind) +
                           "': add it with x, y and a source"});
    for (const auto& [pname, v] : item.params) {
      const std::string field = "params/" + pname;
      check_source(key, field, v.source_id);
      if (!std::isfinite(v.value)) {
        out.push_back({key, field, "value is not a finite number"});
        continue;
      }
      if (is_fraction(pname) && (v.value < 0.0 || v.value > 1.0))
        out.push_back({key, field, "a fraction must lie in [0, 1]"});
      if (must_be_positive(pname) && v.value <= 0.0)
        out.push_back({key, field, "must be greater than zero"});
      if (!must_be_positive(pname) && !is_fraction(pname) && v.value < 0.0 &&
          !is_temperature(pname) && pname != "cop_change_frac_per_k")
        out.push_back({key, field, "must not be negative"});
    }
    for (const auto& [cname, c] : item.curves) {
      const std::string field = "curves/" + cname;
      check_source(key, field, c.source_id);
      if (c.x.size() != c.y.size())
        out.push_back({key, field, "x and y have different lengths"});
      else if (c.x.size() < 2)
        out.push_back({key, field, "a curve needs at least two points"});
      bool finite = true;
      for (double v : c.x) finite = finite && std::isfinite(v);
      for (double v : c.y) finite = finite && std::isfinite(v);
      if (!finite) out.push_back({key, field, "curve holds a non-finite number"});
      for (std::size_t i = 1; i < c.x.size(); ++i)
        if (!(c.x[i] > c.x[i - 1])) {
          out.push_back({key, field, "x must be strictly increasing"});
          break;
        }
      if (c.y_name == "efficiency")
        for (double v : c.y)
          if (!(v > 0.0 && v <= 1.0)) {
            out.push_back({key, field, "an efficiency must lie in (0, 1]"});
            break;
          }
    }
  }
  // Cross-parameter sanity for racks: idle <= typical <= nameplate <= peak.
  for (const auto& [key, item] : items) {
    if (item.kind != ItemKind::Rack) continue;
    if (!(item.has("idle_w") && item.has("typical_w") && item.has("nameplate_w") &&
          item.has("peak_w")))
      continue;
    const double idle = item.get("idle_w"), typ = item.get("typical_w"),
                 np = item.get("nameplate_w"), peak = item.get("peak_w");
    if (!(idle <= typ && typ <= np && np <= peak))
      out.push_back(
          {key, "params", "rack powers must satisfy idle_w <= typical_w <= nameplate_w <= peak_w"});
  }
  return out;
}

bool rack_is_dc(const Catalog& catalog, const std::string& type) {
  const CatalogItem* t = catalog.find(type);
  return t && t->kind == ItemKind::Rack && t->has("dc_input") && t->get("dc_input") != 0.0;
}

RackSpec rack_spec(const CatalogItem& item) {
  if (item.kind != ItemKind::Rack)
    throw std::invalid_argument("catalog item '" + item.key + "' is not a rack type");
  RackSpec s;
  s.nameplate_w = item.get("nameplate_w");
  s.typical_w = item.get("typical_w");
  s.idle_w = item.get("idle_w");
  s.peak_w = item.get("peak_w");
  s.liquid_fraction = item.get("liquid_fraction");
  s.airflow_m3_s_per_kw = item.get("airflow_m3_s_per_kw");
  s.ramp_up_w_per_s = item.get("ramp_up_w_per_s");
  s.ramp_down_w_per_s = item.get("ramp_down_w_per_s");
  s.smoothing_floor_frac = item.get("smoothing_floor_frac");
  s.width_m = item.get("width_m");
  s.depth_m = item.get("depth_m");
  s.height_m = item.get("height_m");
  s.dc_input = item.get("dc_input") != 0.0;
  return s;
}

}  // namespace dctwin::model
