#include "model/edit/commands.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "model/edit/autoconnect.h"

namespace dctwin::model::edit {

namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);
constexpr double kTol = 1e-3;  // 1 mm, as validation

std::string label(const char* kind, Id id, const std::string& name) {
  return std::string(kind) + " " + std::to_string(id) + (name.empty() ? "" : " '" + name + "'");
}

template <typename T>
T* find_id(std::vector<T>& v, Id id) {
  for (auto& x : v)
    if (x.id == id) return &x;
  return nullptr;
}
template <typename T>
const T* find_id(const std::vector<T>& v, Id id) {
  for (const auto& x : v)
    if (x.id == id) return &x;
  return nullptr;
}

std::string num2(long k) {
  std::ostringstream s;
  s.width(2);
  s.fill('0');
  s << k;
  return s.str();
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

double norm_deg(double a) {
  double r = std::fmod(a, 360.0);
  if (r < 0) r += 360.0;
  if (r >= 360.0) r -= 360.0;
  return r;
}
bool quarter(double deg) {
  const double q = deg / 90.0;
  return std::abs(q - std::round(q)) < 1e-9;
}

Box box_of(double x, double y, double orientation_deg, double w, double d) {
  return turned_footprint(x, y, orientation_deg, w, d);
}
bool overlaps(const Box& a, const Box& b) {
  return a.x0 < b.x1 - kTol && b.x0 < a.x1 - kTol && a.y0 < b.y1 - kTol && b.y0 < a.y1 - kTol;
}
bool inside(const Box& b, const Hall& h) {
  return b.x0 >= -kTol && b.y0 >= -kTol && b.x1 <= h.width_m + kTol && b.y1 <= h.depth_m + kTol;
}

const CatalogItem& rack_item(const Catalog& catalog, const std::string& type) {
  const CatalogItem* item = catalog.find(type);
  if (!item)
    throw EditError("rack type '" + type +
                    "' is not in the project's catalog: choose one of its rack types");
  if (item->kind != ItemKind::Rack)
    throw EditError("catalog item '" + type + "' is a " + to_string(item->kind) +
                    ", not a rack type: choose a rack type");
  return *item;
}

// Refuses new racks that stand outside their hall or on existing racks of that hall.
void check_placement(const Site& site, const Catalog& catalog, const Hall& hall,
                     const std::vector<Rack>& racks, const char* what) {
  std::vector<Box> mine;
  for (const Rack& r : racks) {
    const RackSpec s = rack_spec(rack_item(catalog, r.type));
    const Box b = box_of(r.x_m, r.y_m, r.orientation_deg, s.width_m, s.depth_m);
    if (!inside(b, hall)) {
      std::ostringstream m;
      m.precision(3);
      m << what << " would stand outside " << label("hall", hall.id, hall.name) << " ("
        << hall.width_m << " m x " << hall.depth_m << " m): a rack at (" << r.x_m << ", " << r.y_m
        << ") m does not fit; use fewer racks, another position or a larger hall";
      throw EditError(m.str());
    }
    mine.push_back(b);
  }
  std::unordered_set<Id> rows;
  for (const auto& row : site.rows)
    if (row.hall_id == hall.id) rows.insert(row.id);
  for (std::size_t i = 0; i < site.racks.size(); ++i) {
    if (!rows.count(site.racks.row_id[i])) continue;
    const CatalogItem* t = catalog.find(site.racks.type[i]);
    if (!t || t->kind != ItemKind::Rack) continue;
    const Box b = rack_box(site, i, catalog);
    for (const Box& m : mine)
      if (overlaps(b, m))
        throw EditError(std::string(what) + " would overlap " +
                        label("rack", site.racks.id[i], site.racks.name[i]) +
                        ": choose a free place in the hall");
  }
}

std::string next_row_name(const Site& site, const Hall& hall) {
  std::unordered_set<std::string> names;
  long n = 0;
  for (const auto& r : site.rows)
    if (r.hall_id == hall.id) {
      names.insert(r.name);
      ++n;
    }
  for (long k = n + 1;; ++k) {
    const std::string name = hall.name + "-R" + num2(k);
    if (!names.count(name)) return name;
  }
}

// Rows and racks (and cooling units) appended at the end of their tables.
class InsertEntities : public Command {
 public:
  explicit InsertEntities(std::string text) : text_(std::move(text)) {}
  std::vector<Row> rows;
  std::vector<Rack> racks;
  std::vector<CoolingUnit> units;
  std::vector<std::string> notes;

  void apply(Site& site) override {
    const Id next = site.next_id();
    for (const auto& r : rows)
      if (r.id < next && find_id(site.rows, r.id))
        throw EditError("cannot add " + label("row", r.id, r.name) + ": the id is in use");
    for (const auto& r : rows) site.rows.push_back(r);
    for (const auto& r : racks) site.racks.push_back(r);
    for (const auto& u : units) site.cooling.push_back(u);
  }
  void revert(Site& site) override {
    if (site.racks.size() < racks.size() || site.rows.size() < rows.size() ||
        site.cooling.size() < units.size())
      throw EditError("cannot undo '" + text_ + "': the site no longer holds what it added");
    const std::size_t r0 = site.racks.size() - racks.size();
    for (std::size_t k = 0; k < racks.size(); ++k)
      if (site.racks.id[r0 + k] != racks[k].id)
        throw EditError("cannot undo '" + text_ + "': the racks it added moved in the table");
    for (std::size_t k = 0; k < rows.size(); ++k)
      if (site.rows[site.rows.size() - rows.size() + k].id != rows[k].id)
        throw EditError("cannot undo '" + text_ + "': the rows it added moved in the table");
    for (std::size_t k = 0; k < units.size(); ++k)
      if (site.cooling[site.cooling.size() - units.size() + k].id != units[k].id)
        throw EditError("cannot undo '" + text_ + "': the units it added moved in the table");
    for (std::size_t k = 0; k < racks.size(); ++k) site.racks.erase(site.racks.size() - 1);
    site.rows.resize(site.rows.size() - rows.size());
    site.cooling.resize(site.cooling.size() - units.size());
  }
  std::string text() const override { return text_; }

 private:
  std::string text_;
};

// Deleted racks, rows and cooling units, with everything needed to put them back in place.
class DeleteEntities : public Command {
 public:
  explicit DeleteEntities(std::string text) : text_(std::move(text)) {}
  std::vector<std::pair<std::size_t, Rack>> removed;  // ascending original index
  struct Changed {
    std::size_t index;  // in the original table
    Rack before, after;
  };
  std::vector<Changed> changed;
  std::optional<std::vector<Row>> rows_before, rows_after;
  std::optional<std::vector<CoolingUnit>> units_before, units_after;
  std::optional<std::vector<RedundancyGroup>> groups_before, groups_after;
  std::size_t table_size = 0;

  void apply(Site& site) override {
    if (site.racks.size() != table_size)
      throw EditError("cannot apply '" + text_ + "': the rack table changed since it was made");
    for (const auto& [i, r] : removed)
      if (site.racks.id[i] != r.id)
        throw EditError("cannot apply '" + text_ + "': rack " + std::to_string(r.id) + " moved");
    for (const auto& c : changed) site.racks.set(c.index, c.after);
    for (auto it = removed.rbegin(); it != removed.rend(); ++it) site.racks.erase(it->first);
    if (rows_after) site.rows = *rows_after;
    if (units_after) site.cooling = *units_after;
    if (groups_after) site.groups = *groups_after;
  }
  void revert(Site& site) override {
    if (site.racks.size() + removed.size() != table_size)
      throw EditError("cannot undo '" + text_ + "': the rack table changed since");
    for (const auto& [i, r] : removed) site.racks.insert(i, r);
    for (const auto& c : changed) site.racks.set(c.index, c.before);
    if (rows_before) site.rows = *rows_before;
    if (units_before) site.cooling = *units_before;
    if (groups_before) site.groups = *groups_before;
  }
  std::string text() const override { return text_; }

 private:
  std::string text_;
};

std::vector<Id> sorted_unique(const std::vector<Id>& ids) {
  std::vector<Id> v = ids;
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

std::unordered_map<Id, std::size_t> rack_indices(const Site& site) {
  std::unordered_map<Id, std::size_t> m;
  m.reserve(site.racks.size());
  for (std::size_t i = 0; i < site.racks.size(); ++i) m.emplace(site.racks.id[i], i);
  return m;
}

// Racks of the given ids (racks and rows, rows expanding to their racks), sorted by table index.
std::vector<std::size_t> racks_of(const Site& site, const std::vector<Id>& ids, bool rows_too) {
  const auto idx = rack_indices(site);
  std::set<std::size_t> out;
  std::unordered_set<Id> rows;
  for (Id id : ids) {
    if (auto it = idx.find(id); it != idx.end())
      out.insert(it->second);
    else if (rows_too && find_id(site.rows, id))
      rows.insert(id);
  }
  if (!rows.empty())
    for (std::size_t i = 0; i < site.racks.size(); ++i)
      if (rows.count(site.racks.row_id[i])) out.insert(i);
  return {out.begin(), out.end()};
}

bool is_hall_unit(CoolKind k) {
  return k == CoolKind::Crah || k == CoolKind::FanWall || k == CoolKind::Cdu;
}

const Hall& hall_or_throw(const Site& site, Id hall_id) {
  const Hall* h = find_id(site.halls, hall_id);
  if (!h)
    throw EditError("hall " + std::to_string(hall_id) + " does not exist: pick a hall of the site");
  return *h;
}

void connect_new_racks(const Site& site, const Catalog& catalog, Id hall_id,
                       std::vector<Rack>& racks, std::vector<std::string>& notes) {
  const ConnectPlan plan = suggest_connections(site, catalog, hall_id, racks);
  for (std::size_t k = 0; k < racks.size(); ++k) {
    racks[k].feed_a = plan.racks[k].feed_a;
    racks[k].feed_b = plan.racks[k].feed_b;
    racks[k].cdu_id = plan.racks[k].cdu_id;
    racks[k].air_unit_id = plan.racks[k].air_unit_id;
  }
  notes = plan.notes;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

void Macro::apply(Site& site) {
  std::size_t done = 0;
  try {
    for (; done < parts_.size(); ++done) parts_[done]->apply(site);
  } catch (...) {
    while (done > 0) parts_[--done]->revert(site);
    throw;
  }
}

void Macro::revert(Site& site) {
  std::size_t left = parts_.size();
  try {
    for (; left > 0; --left) parts_[left - 1]->revert(site);
  } catch (...) {
    for (; left < parts_.size(); ++left) parts_[left]->apply(site);
    throw;
  }
}

void UpdateEntities::put(Site& site, bool after) const {
  // Resolve every target first, so that a missing id changes nothing.
  const auto idx = rack_indices(site);
  std::vector<std::size_t> ri;
  for (const auto& c : racks) {
    const auto it = idx.find(c.before.id);
    if (it == idx.end())
      throw EditError("cannot apply '" + text_ + "': rack " + std::to_string(c.before.id) +
                      " is gone");
    ri.push_back(it->second);
  }
  auto targets = [&](auto& vec, const auto& changes, const char* kind) {
    using T = typename std::decay_t<decltype(vec)>::value_type;
    std::vector<T*> out;
    for (const auto& c : changes) {
      T* t = find_id(vec, c.before.id);
      if (!t)
        throw EditError("cannot apply '" + text_ + "': " + kind + " " +
                        std::to_string(c.before.id) + " is gone");
      out.push_back(t);
    }
    return out;
  };
  const auto rw = targets(site.rows, rows, "row");
  const auto hl = targets(site.halls, halls, "hall");
  const auto nd = targets(site.elec_nodes, nodes, "electrical node");
  const auto un = targets(site.cooling, units, "cooling unit");
  for (std::size_t k = 0; k < racks.size(); ++k)
    site.racks.set(ri[k], after ? racks[k].after : racks[k].before);
  for (std::size_t k = 0; k < rows.size(); ++k) *rw[k] = after ? rows[k].after : rows[k].before;
  for (std::size_t k = 0; k < halls.size(); ++k) *hl[k] = after ? halls[k].after : halls[k].before;
  for (std::size_t k = 0; k < nodes.size(); ++k) *nd[k] = after ? nodes[k].after : nodes[k].before;
  for (std::size_t k = 0; k < units.size(); ++k) *un[k] = after ? units[k].after : units[k].before;
}

void UpdateEntities::apply(Site& site) { put(site, true); }
void UpdateEntities::revert(Site& site) { put(site, false); }

bool UpdateEntities::merge_with(const Command& next) {
  const auto* o = dynamic_cast<const UpdateEntities*>(&next);
  if (!o || merge_id_ < 0 || o->merge_id_ != merge_id_) return false;
  auto same = [](const auto& a, const auto& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k)
      if (a[k].before.id != b[k].before.id) return false;
    return true;
  };
  if (!same(racks, o->racks) || !same(rows, o->rows) || !same(halls, o->halls) ||
      !same(nodes, o->nodes) || !same(units, o->units))
    return false;
  for (std::size_t k = 0; k < racks.size(); ++k) racks[k].after = o->racks[k].after;
  for (std::size_t k = 0; k < rows.size(); ++k) rows[k].after = o->rows[k].after;
  for (std::size_t k = 0; k < halls.size(); ++k) halls[k].after = o->halls[k].after;
  for (std::size_t k = 0; k < nodes.size(); ++k) nodes[k].after = o->nodes[k].after;
  for (std::size_t k = 0; k < units.size(); ++k) units[k].after = o->units[k].after;
  return true;
}

// ---------------------------------------------------------------------------------------------

std::size_t rack_index(const Site& site, Id id) {
  const auto it = std::find(site.racks.id.begin(), site.racks.id.end(), id);
  return it == site.racks.id.end() ? npos : std::size_t(it - site.racks.id.begin());
}

std::string entity_kind(const Site& site, Id id) {
  if (id == kNoId) return "";
  if (rack_index(site, id) != npos) return "rack";
  if (find_id(site.rows, id)) return "row";
  if (find_id(site.halls, id)) return "hall";
  if (find_id(site.buildings, id)) return "building";
  if (find_id(site.elec_nodes, id)) return "elec_node";
  if (find_id(site.elec_edges, id)) return "elec_edge";
  if (find_id(site.cooling, id)) return "cooling_unit";
  if (find_id(site.groups, id)) return "group";
  return "";
}

Id hall_of(const Site& site, Id id) {
  if (const std::size_t i = rack_index(site, id); i != npos) id = site.racks.row_id[i];
  if (const Row* r = find_id(site.rows, id)) return r->hall_id;
  if (find_id(site.halls, id)) return id;
  if (const ElecNode* n = find_id(site.elec_nodes, id)) return n->hall_id;
  if (const CoolingUnit* c = find_id(site.cooling, id)) return c->hall_id;
  return kNoId;
}

Box rack_box(const Site& site, std::size_t i, const Catalog& catalog) {
  const RackSpec s = rack_spec(rack_item(catalog, site.racks.type.at(i)));
  return box_of(site.racks.x_m[i], site.racks.y_m[i], site.racks.orientation_deg[i], s.width_m,
                s.depth_m);
}

// ---------------------------------------------------------------------------------------------

CommandPtr add_row(const Site& site, const Catalog& catalog, const AddRowSpec& spec) {
  const Hall& hall = hall_or_throw(site, spec.hall_id);
  const RackSpec rs = rack_spec(rack_item(catalog, spec.rack_type));
  if (spec.racks < 1 || spec.racks > 200)
    throw EditError("a new row holds 1 to 200 racks (asked for " + std::to_string(spec.racks) +
                    ")");
  if (spec.orientation_deg && !quarter(*spec.orientation_deg))
    throw EditError("a row's orientation must be a multiple of 90 degrees");
  // Rows of the hall by their centre line.
  std::vector<const Row*> rows;
  for (const auto& r : site.rows)
    if (r.hall_id == hall.id) rows.push_back(&r);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row* a, const Row* b) { return a->y_m < b->y_m; });
  const double tile = hall.tile_m > 0 ? hall.tile_m : 0.6;
  double x, y, o;
  if (spec.y_m) {
    y = *spec.y_m;
    x = spec.x_m.value_or(rows.empty() ? 2 * tile : rows.back()->x_m);
    o = spec.orientation_deg.value_or(0.0);
  } else if (!rows.empty()) {
    const Row& last = *rows.back();
    const bool alternate =
        rows.size() < 2 || rows[rows.size() - 2]->orientation_deg != last.orientation_deg;
    const double pitch =
        rows.size() >= 2 ? last.y_m - rows[rows.size() - 2]->y_m : rs.depth_m + 2 * tile;
    y = last.y_m + (pitch > 0 ? pitch : rs.depth_m + 2 * tile);
    x = spec.x_m.value_or(last.x_m);
    o = spec.orientation_deg.value_or(alternate ? norm_deg(last.orientation_deg + 180.0)
                                                : last.orientation_deg);
  } else {
    x = spec.x_m.value_or(2 * tile);
    y = 2 * tile + rs.depth_m / 2;
    o = spec.orientation_deg.value_or(0.0);
  }
  o = norm_deg(o);
  if (!std::isfinite(x) || !std::isfinite(y)) throw EditError("the row's position is not a number");
  const bool along_x = std::abs(std::cos(o * std::numbers::pi / 180.0)) > 0.5;
  if (spec.y_m) {
    // On the tile grid: the row's start and the racks' long edges on tile lines.
    const double half = rs.depth_m / 2;
    if (along_x) {
      x = std::round(x / tile) * tile;
      y = std::round((y - half) / tile) * tile + half;
    } else {
      x = std::round((x - half) / tile) * tile + half;
      y = std::round(y / tile) * tile;
    }
  }

  auto cmd = std::make_unique<InsertEntities>("Add row of " +
                                              plural(std::size_t(spec.racks), "rack", "racks"));
  Id next = site.next_id();
  Row row;
  row.id = next++;
  row.hall_id = hall.id;
  row.name = spec.name.empty() ? next_row_name(site, hall) : spec.name;
  row.x_m = x;
  row.y_m = y;
  row.orientation_deg = o;
  std::vector<Rack> racks;
  for (int k = 0; k < spec.racks; ++k) {
    Rack r;
    r.id = next++;
    r.row_id = row.id;
    r.name = row.name + "-K" + num2(k + 1);
    r.type = spec.rack_type;
    r.x_m = along_x ? x + (k + 0.5) * rs.width_m : x;
    r.y_m = along_x ? y : y + (k + 0.5) * rs.width_m;
    r.orientation_deg = o;
    racks.push_back(r);
  }
  check_placement(site, catalog, hall, racks,
                  ("a row of " + plural(racks.size(), "rack", "racks")).c_str());
  if (spec.auto_connect) connect_new_racks(site, catalog, hall.id, racks, cmd->notes);
  cmd->rows.push_back(row);
  cmd->racks = std::move(racks);
  return cmd;
}

CommandPtr add_racks(const Site& site, const Catalog& catalog, Id row_id, int count,
                     const std::string& type, bool auto_connect) {
  const Row* row = find_id(site.rows, row_id);
  if (!row) throw EditError("row " + std::to_string(row_id) + " does not exist: pick a row");
  const Hall& hall = hall_or_throw(site, row->hall_id);
  const RackSpec rs = rack_spec(rack_item(catalog, type));
  if (count < 1 || count > 200)
    throw EditError("add 1 to 200 racks at a time (asked for " + std::to_string(count) + ")");
  const bool along_x = std::abs(std::cos(row->orientation_deg * std::numbers::pi / 180.0)) > 0.5;
  // The row's far end: the largest coordinate along the row of any of its racks' footprints.
  double end = along_x ? row->x_m : row->y_m;
  double across = along_x ? row->y_m : row->x_m;
  std::size_t n_in_row = 0;
  for (std::size_t i = 0; i < site.racks.size(); ++i) {
    if (site.racks.row_id[i] != row_id) continue;
    ++n_in_row;
    const CatalogItem* t = catalog.find(site.racks.type[i]);
    if (!t || t->kind != ItemKind::Rack) continue;
    const Box b = rack_box(site, i, catalog);
    end = std::max(end, along_x ? b.x1 : b.y1);
    across = along_x ? site.racks.y_m[i] : site.racks.x_m[i];
  }
  auto cmd = std::make_unique<InsertEntities>("Add " + plural(std::size_t(count), "rack", "racks"));
  Id next = site.next_id();
  std::vector<Rack> racks;
  for (int k = 0; k < count; ++k) {
    Rack r;
    r.id = next++;
    r.row_id = row_id;
    r.name = row->name + "-K" + num2(long(n_in_row) + k + 1);
    r.type = type;
    const double c = end + (k + 0.5) * rs.width_m;
    r.x_m = along_x ? c : across;
    r.y_m = along_x ? across : c;
    r.orientation_deg = row->orientation_deg;
    racks.push_back(r);
  }
  check_placement(site, catalog, hall, racks,
                  ("adding " + plural(racks.size(), "rack", "racks")).c_str());
  if (auto_connect) connect_new_racks(site, catalog, hall.id, racks, cmd->notes);
  cmd->racks = std::move(racks);
  return cmd;
}

CommandPtr move_entities(const Site& site, const std::vector<Id>& ids, double dx_m, double dy_m) {
  if (!std::isfinite(dx_m) || !std::isfinite(dy_m))
    throw EditError("a move needs finite distances");
  const auto v = sorted_unique(ids);
  auto cmd = std::make_unique<UpdateEntities>("Move");
  cmd->set_merge_id(kMergeMove);
  for (Id id : v) {
    if (const Row* r = find_id(site.rows, id)) {
      Row after = *r;
      after.x_m += dx_m;
      after.y_m += dy_m;
      cmd->rows.push_back({*r, after});
    } else if (const CoolingUnit* c = find_id(site.cooling, id)) {
      if (!is_hall_unit(c->kind))
        throw EditError(label(to_string(c->kind), id, c->name) +
                        " has no place on a hall plan: only CRAHs, fan walls and CDUs move");
      CoolingUnit after = *c;
      after.x_m += dx_m;
      after.y_m += dy_m;
      cmd->units.push_back({*c, after});
    } else if (rack_index(site, id) == npos) {
      throw EditError("entity " + std::to_string(id) +
                      " cannot be moved: select racks, rows or cooling units of a hall");
    }
  }
  for (std::size_t i : racks_of(site, v, true)) {
    const Rack before = site.racks.get(i);
    Rack after = before;
    after.x_m += dx_m;
    after.y_m += dy_m;
    cmd->racks.push_back({before, after});
  }
  const std::size_t n = cmd->racks.size() + cmd->units.size();
  std::string what =
      cmd->rows.empty() ? plural(n, "item", "items") : plural(cmd->rows.size(), "row", "rows");
  if (cmd->rows.empty() && cmd->units.empty()) what = plural(cmd->racks.size(), "rack", "racks");
  cmd->set_text("Move " + what);
  return cmd;
}

CommandPtr rotate_entities(const Site& site, const std::vector<Id>& ids, int quarter_turns) {
  const auto v = sorted_unique(ids);
  const double d = 90.0 * quarter_turns;
  std::size_t n = 0;
  std::vector<UpdateEntities::Change<Row>> rows;
  std::vector<UpdateEntities::Change<CoolingUnit>> units;
  for (Id id : v) {
    if (const Row* r = find_id(site.rows, id)) {
      Row after = *r;
      after.orientation_deg = norm_deg(r->orientation_deg + d);
      rows.push_back({*r, after});
    } else if (const CoolingUnit* c = find_id(site.cooling, id)) {
      if (!is_hall_unit(c->kind))
        throw EditError(label(to_string(c->kind), id, c->name) +
                        " cannot be turned on a hall plan");
      CoolingUnit after = *c;
      after.orientation_deg = norm_deg(c->orientation_deg + d);
      units.push_back({*c, after});
      ++n;
    } else if (rack_index(site, id) == npos) {
      throw EditError("entity " + std::to_string(id) +
                      " cannot be turned: select racks, rows or cooling units");
    }
  }
  const auto racks = racks_of(site, v, true);
  auto cmd =
      std::make_unique<UpdateEntities>("Rotate " + plural(racks.size() + n, "item", "items"));
  cmd->rows = std::move(rows);
  cmd->units = std::move(units);
  for (std::size_t i : racks) {
    const Rack before = site.racks.get(i);
    Rack after = before;
    after.orientation_deg = norm_deg(before.orientation_deg + d);
    cmd->racks.push_back({before, after});
  }
  return cmd;
}

CommandPtr delete_entities(const Site& site, const std::vector<Id>& ids) {
  const auto v = sorted_unique(ids);
  std::unordered_set<Id> del_rows, del_units;
  for (Id id : v) {
    if (find_id(site.rows, id)) {
      del_rows.insert(id);
    } else if (const CoolingUnit* c = find_id(site.cooling, id)) {
      if (!is_hall_unit(c->kind))
        throw EditError(label(to_string(c->kind), id, c->name) +
                        " is plant equipment: the hall editor deletes racks, rows, CRAHs, fan "
                        "walls and CDUs only");
      del_units.insert(id);
    } else if (rack_index(site, id) == npos) {
      const std::string k = entity_kind(site, id);
      throw EditError((k.empty() ? "entity " : k + " ") + std::to_string(id) +
                      (k.empty() ? " does not exist" : " cannot be deleted in the hall editor") +
                      ": select racks, rows or cooling units");
    }
  }
  const auto racks = racks_of(site, v, true);
  auto cmd = std::make_unique<DeleteEntities>(
      "Delete " + (del_rows.empty() ? plural(racks.size() + del_units.size(), "item", "items")
                                    : plural(del_rows.size(), "row", "rows")));
  cmd->table_size = site.racks.size();
  std::unordered_set<std::size_t> gone(racks.begin(), racks.end());
  for (std::size_t i : racks) cmd->removed.emplace_back(i, site.racks.get(i));
  if (!del_units.empty()) {
    for (std::size_t i = 0; i < site.racks.size(); ++i) {
      if (gone.count(i)) continue;
      if (!del_units.count(site.racks.cdu_id[i]) && !del_units.count(site.racks.air_unit_id[i]))
        continue;
      const Rack before = site.racks.get(i);
      Rack after = before;
      if (del_units.count(after.cdu_id)) after.cdu_id = kNoId;
      if (del_units.count(after.air_unit_id)) after.air_unit_id = kNoId;
      cmd->changed.push_back({i, before, after});
    }
    std::vector<CoolingUnit> units;
    for (const auto& c : site.cooling)
      if (!del_units.count(c.id)) units.push_back(c);
    cmd->units_before = site.cooling;
    cmd->units_after = std::move(units);
    std::vector<RedundancyGroup> groups;
    bool changed = false;
    for (RedundancyGroup g : site.groups) {
      const auto before = g.members.size();
      g.members.erase(std::remove_if(g.members.begin(), g.members.end(),
                                     [&](Id m) { return del_units.count(m) != 0; }),
                      g.members.end());
      if (del_units.count(g.catcher)) g.catcher = kNoId;
      changed = changed || g.members.size() != before;
      if (!g.members.empty()) groups.push_back(std::move(g));
    }
    if (changed) {
      cmd->groups_before = site.groups;
      cmd->groups_after = std::move(groups);
    }
  }
  if (!del_rows.empty()) {
    std::vector<Row> rows;
    for (const auto& r : site.rows)
      if (!del_rows.count(r.id)) rows.push_back(r);
    cmd->rows_before = site.rows;
    cmd->rows_after = std::move(rows);
  }
  return cmd;
}

namespace {}  // namespace

CommandPtr set_rack_type(const Site& site, const Catalog& catalog, const std::vector<Id>& rack_ids,
                         const std::string& type) {
  rack_item(catalog, type);
  const bool dc = rack_is_dc(catalog, type);
  auto cmd = std::make_unique<UpdateEntities>(
      "Set type of " + plural(sorted_unique(rack_ids).size(), "rack", "racks") + " to " + type);
  for (Id id : sorted_unique(rack_ids)) {
    const std::size_t i = rack_index(site, id);
    if (i == npos) throw EditError("rack " + std::to_string(id) + " does not exist");
    for (Id feed : {site.racks.feed_a[i], site.racks.feed_b[i]}) {
      const ElecNode* n = find_id(site.elec_nodes, feed);
      if (n && n->dc != dc)
        throw EditError("rack type '" + type + "' takes " + (dc ? "DC" : "AC") + " but " +
                        label("rack", id, site.racks.name[i]) + " is plugged into the " +
                        (n->dc ? "DC " : "AC ") + label(to_string(n->kind), n->id, n->name) +
                        ": unplug it or choose a type with " + (n->dc ? "DC" : "AC") + " input");
    }
    const Rack before = site.racks.get(i);
    Rack after = before;
    after.type = type;
    cmd->racks.push_back({before, after});
  }
  return cmd;
}

CommandPtr connect_feed(const Site& site, const Catalog& catalog, const std::vector<Id>& rack_ids,
                        Cord cord, Id node_id) {
  const ElecNode* n = nullptr;
  if (node_id != kNoId) {
    n = find_id(site.elec_nodes, node_id);
    if (!n) throw EditError("electrical node " + std::to_string(node_id) + " does not exist");
    if (!is_rack_feed(n->kind))
      throw EditError(label(to_string(n->kind), n->id, n->name) +
                      " cannot feed racks: plug racks into a busway or PDU");
  }
  const char* c = cord == Cord::A ? "A" : "B";
  auto cmd = std::make_unique<UpdateEntities>(
      n ? "Connect " + plural(sorted_unique(rack_ids).size(), "rack", "racks") + " (" + c +
              ") to " + n->name
        : std::string("Unplug ") + c + " cords");
  for (Id id : sorted_unique(rack_ids)) {
    const std::size_t i = rack_index(site, id);
    if (i == npos) throw EditError("rack " + std::to_string(id) + " does not exist");
    if (n) {
      const bool dc = rack_is_dc(catalog, site.racks.type[i]);
      if (catalog.find(site.racks.type[i]) && dc != n->dc)
        throw EditError(label("rack", id, site.racks.name[i]) + " takes " + (dc ? "DC" : "AC") +
                        " but " + label(to_string(n->kind), n->id, n->name) + " gives " +
                        (n->dc ? "DC" : "AC") + ": pick a " + (dc ? "DC" : "AC") +
                        " busway or PDU");
      const Id h = hall_of(site, id);
      if (n->hall_id != kNoId && h != kNoId && n->hall_id != h)
        throw EditError(label(to_string(n->kind), n->id, n->name) + " serves another hall than " +
                        label("rack", id, site.racks.name[i]) + ": pick one of the rack's hall");
    }
    const Rack before = site.racks.get(i);
    Rack after = before;
    (cord == Cord::A ? after.feed_a : after.feed_b) = node_id;
    cmd->racks.push_back({before, after});
  }
  return cmd;
}

namespace {

// What may feed cooling units (is_cooling_feed), for messages.
constexpr const char* kCoolingFeedKinds = "mechanical board, LV switchboard, busway or PDU";

const CoolingUnit& powered_unit(const Site& site, Id unit_id) {
  const CoolingUnit* u = find_id(site.cooling, unit_id);
  if (!u)
    throw EditError("cooling unit " + std::to_string(unit_id) +
                    " does not exist: select pumps, fans, chillers or other cooling units");
  if (!is_powered(u->kind))
    throw EditError(label(to_string(u->kind), u->id, u->name) +
                    " draws no power and takes no electrical feed: connect the pumps, fans and "
                    "chillers on it instead");
  return *u;
}

// Why node n cannot feed unit u's motors, with the fix; empty when it can.
std::string cooling_feed_problem(const CoolingUnit& u, const ElecNode& n) {
  const std::string node = label(to_string(n.kind), n.id, n.name);
  const std::string unit = label(to_string(u.kind), u.id, u.name);
  if (!is_cooling_feed(n.kind))
    return node + " cannot feed cooling units: connect them to a " + kCoolingFeedKinds;
  if (n.dc)
    return node + " gives DC and the drives of " + unit + " take AC: pick an AC " +
           kCoolingFeedKinds;
  if (u.hall_id != kNoId && n.hall_id != kNoId && n.hall_id != u.hall_id)
    return node + " serves another hall than " + unit +
           ": pick one of the unit's hall or of its building";
  if (u.building_id != kNoId && n.building_id != kNoId && n.building_id != u.building_id)
    return node + " stands in another building than " + unit + ": pick one of the unit's building";
  return {};
}

}  // namespace

std::vector<Id> cooling_feed_candidates(const Site& site, Id unit_id) {
  std::vector<Id> out;
  const CoolingUnit* u = find_id(site.cooling, unit_id);
  if (!u || !is_powered(u->kind)) return out;
  for (const auto& n : site.elec_nodes)
    if (cooling_feed_problem(*u, n).empty()) out.push_back(n.id);
  return out;
}

CommandPtr connect_cooling_feed(const Site& site, const std::vector<Id>& unit_ids, Cord cord,
                                Id node_id) {
  const ElecNode* n = nullptr;
  if (node_id != kNoId) {
    n = find_id(site.elec_nodes, node_id);
    if (!n)
      throw EditError("electrical node " + std::to_string(node_id) + " does not exist: pick a " +
                      kCoolingFeedKinds + " of the site");
  }
  const auto ids = sorted_unique(unit_ids);
  if (ids.empty()) throw EditError("no cooling unit selected: select the units to connect");
  const char* c = cord == Cord::A ? "A" : "B";
  const std::string units = plural(ids.size(), "cooling unit", "cooling units");
  auto cmd =
      std::make_unique<UpdateEntities>(n ? "Connect " + units + " (" + c + ") to " + n->name
                                         : std::string("Disconnect ") + c + " feeds of " + units);
  for (Id id : ids) {
    const CoolingUnit& before = powered_unit(site, id);
    if (n)
      if (const std::string why = cooling_feed_problem(before, *n); !why.empty())
        throw EditError(why);
    CoolingUnit after = before;
    (cord == Cord::A ? after.feed_a : after.feed_b) = node_id;
    cmd->units.push_back({before, after});
  }
  return cmd;
}

CommandPtr connect_cooling(const Site& site, const std::vector<Id>& rack_ids, Id unit_id) {
  const CoolingUnit* u = find_id(site.cooling, unit_id);
  if (!u) throw EditError("cooling unit " + std::to_string(unit_id) + " does not exist");
  const bool cdu = u->kind == CoolKind::Cdu;
  if (!cdu && u->kind != CoolKind::Crah && u->kind != CoolKind::FanWall)
    throw EditError(label(to_string(u->kind), u->id, u->name) +
                    " does not take heat from racks: pick a CDU, CRAH or fan wall");
  auto cmd = std::make_unique<UpdateEntities>(
      "Connect " + plural(sorted_unique(rack_ids).size(), "rack", "racks") + " to " + u->name);
  for (Id id : sorted_unique(rack_ids)) {
    const std::size_t i = rack_index(site, id);
    if (i == npos) throw EditError("rack " + std::to_string(id) + " does not exist");
    const Id h = hall_of(site, id);
    if (u->hall_id != kNoId && h != kNoId && u->hall_id != h)
      throw EditError(label(to_string(u->kind), u->id, u->name) + " serves another hall than " +
                      label("rack", id, site.racks.name[i]) + ": pick one of the rack's hall");
    const Rack before = site.racks.get(i);
    Rack after = before;
    (cdu ? after.cdu_id : after.air_unit_id) = unit_id;
    cmd->racks.push_back({before, after});
  }
  return cmd;
}

CommandPtr place_cooling_unit(const Site& site, const Catalog& catalog, Id hall_id,
                              const std::string& type, double x_m, double y_m,
                              double orientation_deg) {
  const Hall& hall = hall_or_throw(site, hall_id);
  const CatalogItem* item = catalog.find(type);
  if (!item) throw EditError("'" + type + "' is not in the project's catalog");
  CoolKind kind;
  switch (item->kind) {
    case ItemKind::Crah:
      kind = CoolKind::Crah;
      break;
    case ItemKind::FanWall:
      kind = CoolKind::FanWall;
      break;
    case ItemKind::Cdu:
      kind = CoolKind::Cdu;
      break;
    default:
      throw EditError("catalog item '" + type + "' is a " + to_string(item->kind) +
                      ": a hall takes CRAHs, fan walls and CDUs");
  }
  if (!(x_m >= 0 && y_m >= 0 && x_m <= hall.width_m && y_m <= hall.depth_m))
    throw EditError("the point is outside " + label("hall", hall.id, hall.name) +
                    ": place the unit inside the hall");
  CoolingUnit u;
  u.id = site.next_id();
  u.kind = kind;
  u.type = type;
  u.building_id = hall.building_id;
  u.hall_id = hall.id;
  u.x_m = x_m;
  u.y_m = y_m;
  u.orientation_deg = norm_deg(orientation_deg);
  if (item->has("capacity_w")) u.capacity_w = item->get("capacity_w");
  if (item->has("airflow_m3_s")) u.airflow_m3_s = item->get("airflow_m3_s");
  if (item->has("supply_temp_c")) u.supply_temp_c = item->get("supply_temp_c");
  if (item->has("approach_k")) u.approach_k = item->get("approach_k");
  if (item->has("flow_m3_s")) u.flow_m3_s = item->get("flow_m3_s");
  // The loop: one that the hall's units of the same family use, else the building's.
  const bool air = kind != CoolKind::Cdu;
  auto family = [&](const CoolingUnit& c) {
    return air ? (c.kind == CoolKind::Crah || c.kind == CoolKind::FanWall)
               : c.kind == CoolKind::Cdu;
  };
  for (const auto& c : site.cooling)
    if (family(c) && c.hall_id == hall.id && c.loop_id != kNoId) {
      u.loop_id = c.loop_id;
      break;
    }
  if (u.loop_id == kNoId)
    for (const auto& c : site.cooling)
      if (family(c) && c.building_id == hall.building_id && c.loop_id != kNoId) {
        u.loop_id = c.loop_id;
        break;
      }
  // The feeds: those of the hall's first unit of the same family that is fed (its neighbours
  // share its boards), else none.
  for (const auto& c : site.cooling)
    if (family(c) && c.hall_id == hall.id && (c.feed_a != kNoId || c.feed_b != kNoId)) {
      u.feed_a = c.feed_a;
      u.feed_b = c.feed_b;
      break;
    }
  const char* tag = kind == CoolKind::Crah ? "-CRAH" : kind == CoolKind::FanWall ? "-FW" : "-CDU";
  long n = 0;
  std::unordered_set<std::string> names;
  for (const auto& c : site.cooling)
    if (c.hall_id == hall.id && c.kind == kind) {
      ++n;
      names.insert(c.name);
    }
  for (long k = n + 1;; ++k) {
    u.name = hall.name + tag + num2(k);
    if (!names.count(u.name)) break;
  }
  auto cmd =
      std::make_unique<InsertEntities>(std::string("Place ") + to_string(kind) + " " + u.name);
  cmd->units.push_back(u);
  return cmd;
}

std::vector<Id> rows_of(const Site& site, const std::vector<Id>& ids) {
  std::vector<Id> out;
  std::unordered_set<Id> seen;
  const auto idx = rack_indices(site);
  for (Id id : ids) {
    Id row = kNoId;
    if (auto it = idx.find(id); it != idx.end())
      row = site.racks.row_id[it->second];
    else if (find_id(site.rows, id))
      row = id;
    if (row != kNoId && seen.insert(row).second) out.push_back(row);
  }
  return out;
}

std::vector<RowClip> copy_rows(const Site& site, const std::vector<Id>& row_ids) {
  std::vector<RowClip> out;
  for (Id id : row_ids) {
    const Row* r = find_id(site.rows, id);
    if (!r) throw EditError("row " + std::to_string(id) + " does not exist");
    RowClip c{*r, {}};
    for (std::size_t i = 0; i < site.racks.size(); ++i)
      if (site.racks.row_id[i] == id) c.racks.push_back(site.racks.get(i));
    out.push_back(std::move(c));
  }
  return out;
}

CommandPtr paste_rows(const Site& site, const Catalog& catalog, const std::vector<RowClip>& clip,
                      double dx_m, double dy_m, Id hall_id, bool auto_connect) {
  if (clip.empty()) throw EditError("nothing to paste: copy rows first");
  if (!std::isfinite(dx_m) || !std::isfinite(dy_m)) throw EditError("a paste needs finite offsets");
  std::size_t nr = 0;
  for (const auto& c : clip) nr += c.racks.size();
  auto cmd = std::make_unique<InsertEntities>("Paste " + plural(clip.size(), "row", "rows") + " (" +
                                              plural(nr, "rack", "racks") + ")");
  Id next = site.next_id();
  Site scratch_names;  // rows added so far, for unique names
  scratch_names.halls = site.halls;
  scratch_names.rows = site.rows;
  std::unordered_map<Id, std::vector<Rack>> per_hall;
  for (const auto& c : clip) {
    const Id target = hall_id != kNoId ? hall_id : c.row.hall_id;
    const Hall& hall = hall_or_throw(site, target);
    const bool same = target == c.row.hall_id;
    Row row = c.row;
    row.id = next++;
    row.hall_id = target;
    row.x_m += dx_m;
    row.y_m += dy_m;
    row.name = next_row_name(scratch_names, hall);
    scratch_names.rows.push_back(row);
    cmd->rows.push_back(row);
    long k = 0;
    for (Rack r : c.racks) {
      r.id = next++;
      r.row_id = row.id;
      r.name = row.name + "-K" + num2(++k);
      r.x_m += dx_m;
      r.y_m += dy_m;
      if (!same) r.feed_a = r.feed_b = r.cdu_id = r.air_unit_id = kNoId;
      cmd->racks.push_back(r);
      per_hall[target].push_back(r);
    }
  }
  for (const auto& [h, racks] : per_hall) {
    const Hall& hall = hall_or_throw(site, h);
    // Pasted racks must not overlap each other either.
    for (std::size_t a = 0; a < racks.size(); ++a)
      for (std::size_t b = a + 1; b < racks.size(); ++b) {
        const RackSpec sa = rack_spec(rack_item(catalog, racks[a].type));
        const RackSpec sb = rack_spec(rack_item(catalog, racks[b].type));
        if (overlaps(box_of(racks[a].x_m, racks[a].y_m, racks[a].orientation_deg, sa.width_m,
                            sa.depth_m),
                     box_of(racks[b].x_m, racks[b].y_m, racks[b].orientation_deg, sb.width_m,
                            sb.depth_m)))
          throw EditError("the pasted rows would overlap each other: paste fewer rows");
      }
    check_placement(site, catalog, hall, racks, "the pasted rows");
  }
  if (auto_connect) {
    for (auto& [h, racks] : per_hall) {
      std::vector<std::string> notes;
      connect_new_racks(site, catalog, h, racks, notes);
      cmd->notes.insert(cmd->notes.end(), notes.begin(), notes.end());
      std::unordered_map<Id, const Rack*> by_id;
      for (const Rack& r : racks) by_id[r.id] = &r;
      for (Rack& r : cmd->racks)
        if (auto it = by_id.find(r.id); it != by_id.end()) r = *it->second;
    }
  }
  return cmd;
}

std::vector<Id> created_ids(const Command& cmd) {
  std::vector<Id> out;
  if (const auto* m = dynamic_cast<const Macro*>(&cmd)) {
    for (const auto& p : m->parts()) {
      const auto v = created_ids(*p);
      out.insert(out.end(), v.begin(), v.end());
    }
  } else if (const auto* ins = dynamic_cast<const InsertEntities*>(&cmd)) {
    for (const auto& r : ins->rows) out.push_back(r.id);
    for (const auto& r : ins->racks) out.push_back(r.id);
    for (const auto& u : ins->units) out.push_back(u.id);
  }
  return out;
}

std::vector<std::string> command_notes(const Command& cmd) {
  std::vector<std::string> out;
  if (const auto* m = dynamic_cast<const Macro*>(&cmd)) {
    for (const auto& p : m->parts()) {
      const auto v = command_notes(*p);
      out.insert(out.end(), v.begin(), v.end());
    }
  } else if (const auto* ins = dynamic_cast<const InsertEntities*>(&cmd)) {
    out = ins->notes;
  }
  return out;
}

namespace {
// Footprints (racks) or points (cooling units) of the entities to align or distribute.
struct Item {
  Id id;
  Box box;
};
std::vector<Item> items_of(const Site& site, const Catalog* catalog, const std::vector<Id>& ids) {
  std::vector<Item> out;
  for (Id id : sorted_unique(ids)) {
    if (const std::size_t i = rack_index(site, id); i != npos) {
      Box b{site.racks.x_m[i], site.racks.y_m[i], site.racks.x_m[i], site.racks.y_m[i]};
      if (catalog) {
        const CatalogItem* t = catalog->find(site.racks.type[i]);
        if (t && t->kind == ItemKind::Rack) b = rack_box(site, i, *catalog);
      }
      out.push_back({id, b});
    } else if (const CoolingUnit* c = find_id(site.cooling, id); c && is_hall_unit(c->kind)) {
      out.push_back({id, {c->x_m, c->y_m, c->x_m, c->y_m}});
    } else {
      throw EditError("entity " + std::to_string(id) +
                      " cannot be aligned: select racks or cooling units of a hall");
    }
  }
  return out;
}
}  // namespace

CommandPtr align(const Site& site, const Catalog& catalog, const std::vector<Id>& ids, Align how) {
  const auto items = items_of(site, &catalog, ids);
  if (items.size() < 2) throw EditError("select two or more racks or units to align");
  double target = 0;
  const bool minimum = how == Align::Left || how == Align::Bottom;
  target = minimum ? 1e300 : -1e300;
  for (const auto& it : items) {
    const double v = how == Align::Left     ? it.box.x0
                     : how == Align::Right  ? it.box.x1
                     : how == Align::Bottom ? it.box.y0
                                            : it.box.y1;
    target = minimum ? std::min(target, v) : std::max(target, v);
  }
  static const char* names[] = {"left", "right", "bottom", "top"};
  auto macro = std::make_unique<Macro>(std::string("Align ") + names[int(how)]);
  for (const auto& it : items) {
    const double v = how == Align::Left     ? it.box.x0
                     : how == Align::Right  ? it.box.x1
                     : how == Align::Bottom ? it.box.y0
                                            : it.box.y1;
    const double d = target - v;
    if (d == 0) continue;
    const bool x = how == Align::Left || how == Align::Right;
    macro->add(move_entities(site, {it.id}, x ? d : 0.0, x ? 0.0 : d));
  }
  return macro;
}

CommandPtr distribute(const Site& site, const std::vector<Id>& ids, Axis axis) {
  auto items = items_of(site, nullptr, ids);
  if (items.size() < 3) throw EditError("select three or more racks or units to distribute");
  auto c = [axis](const Item& it) { return axis == Axis::X ? it.box.x0 : it.box.y0; };
  std::stable_sort(items.begin(), items.end(),
                   [&](const Item& a, const Item& b) { return c(a) < c(b); });
  const double lo = c(items.front()), hi = c(items.back());
  const double step = (hi - lo) / double(items.size() - 1);
  auto macro = std::make_unique<Macro>(axis == Axis::X ? "Distribute horizontally"
                                                       : "Distribute vertically");
  for (std::size_t k = 1; k + 1 < items.size(); ++k) {
    const double d = lo + step * double(k) - c(items[k]);
    if (d == 0) continue;
    macro->add(
        move_entities(site, {items[k].id}, axis == Axis::X ? d : 0.0, axis == Axis::X ? 0.0 : d));
  }
  return macro;
}

}  // namespace dctwin::model::edit
