#include "data/results_load.h"

#include <algorithm>
#include <memory>
#include <unordered_map>

#include "data/project_file.h"
#include "data/sqlite_db.h"

namespace dctwin::data {

namespace {

using sql::Db;
using sql::Stmt;

double col_d(const Stmt& s, int c) {
  return sqlite3_column_type(s.get(), c) == SQLITE_NULL ? 0.0 : sqlite3_column_double(s.get(), c);
}
std::int64_t col_i(const Stmt& s, int c) { return sqlite3_column_int64(s.get(), c); }
std::string col_t(const Stmt& s, int c) {
  const auto* t = sqlite3_column_text(s.get(), c);
  return t ? reinterpret_cast<const char*>(t) : std::string();
}

// True when the file holds every one of the result tables named (an SQL list of names).
bool has_tables(const Db& db, const char* names) {
  const std::string list = names;
  const auto want = std::int64_t(std::count(list.begin(), list.end(), ',') + 1);
  Stmt t(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (" + list + ")");
  return t.step() && col_i(t, 0) == want;
}

// The run's site-solve headline: the 9 result_run columns from converged to
// max_loading_entity_id, starting at column `first`.
void read_headline(const Stmt& q, int first, model::electrical::SiteElecResult& b) {
  b.converged = col_i(q, first) != 0;
  b.message = col_t(q, first + 1);
  b.it_power_w = col_d(q, first + 2);
  b.grid_import_w = col_d(q, first + 3);
  b.grid_import_var = col_d(q, first + 4);
  b.power_factor = col_d(q, first + 5);
  b.total_loss_w = col_d(q, first + 6);
  b.max_loading_pct = col_d(q, first + 7);
  b.max_loading_entity = col_i(q, first + 8);
}

}  // namespace

std::optional<StoredContingency> load_contingency_results(const std::string& path) {
  (void)project_file_version(path);  // refuses anything that is not a dctwin project
  try {
    // Read-only folders too (see sql::open_for_reading).
    const std::unique_ptr<Db> dbp = sql::open_for_reading(path);
    Db& db = *dbp;
    if (!has_tables(db,
                    "'result_run', 'result_contingency', 'result_contingency_rack', "
                    "'result_capacity'"))
      return std::nullopt;
    StoredContingency out;
    auto& r = out.result;
    std::int64_t run = 0;
    {
      Stmt q(db,
             "SELECT id, created_utc, converged, message, it_power_w, grid_import_w, "
             "grid_import_var, power_factor, total_loss_w, max_loading_pct, "
             "max_loading_entity_id FROM result_run WHERE kind = 'contingency' "
             "ORDER BY id DESC LIMIT 1");
      if (!q.step()) return std::nullopt;
      run = col_i(q, 0);
      out.created_utc = col_t(q, 1);
      read_headline(q, 2, r.base);
    }
    std::unordered_map<model::Id, std::vector<model::Id>> lost;
    {
      Stmt q(
          db,
          "SELECT failed_id, rack_id FROM result_contingency_rack WHERE run_id = ? ORDER BY rowid");
      sqlite3_bind_int64(q.get(), 1, run);
      while (q.step()) lost[col_i(q, 0)].push_back(col_i(q, 1));
    }
    std::unordered_map<model::Id, std::vector<model::Id>> units_lost;
    out.cooling_units_stored = has_tables(db, "'result_contingency_cooling_unit'");
    if (out.cooling_units_stored) {
      Stmt q(db,
             "SELECT failed_id, unit_id FROM result_contingency_cooling_unit WHERE run_id = ? "
             "ORDER BY rowid");
      sqlite3_bind_int64(q.get(), 1, run);
      while (q.step()) units_lost[col_i(q, 0)].push_back(col_i(q, 1));
    }
    {
      Stmt q(db,
             "SELECT group_id, failed_id, converged, worst_loading_pct, worst_entity_id, "
             "overloads, note FROM result_contingency WHERE run_id = ? ORDER BY rank");
      sqlite3_bind_int64(q.get(), 1, run);
      while (q.step()) {
        model::electrical::ContingencyCase c;
        c.group = col_i(q, 0);
        c.failed = col_i(q, 1);
        c.converged = col_i(q, 2) != 0;
        c.worst_loading_pct = col_d(q, 3);
        c.worst_entity = col_i(q, 4);
        c.overloads = std::size_t(col_i(q, 5));
        c.note = col_t(q, 6);
        if (auto it = lost.find(c.failed); it != lost.end()) c.racks_lost = it->second;
        if (auto it = units_lost.find(c.failed); it != units_lost.end()) c.loads_lost = it->second;
        c.single_point = !c.racks_lost.empty();
        if (c.single_point) ++r.single_points;
        r.all_converged = r.all_converged && c.converged;
        if (!c.racks_lost.empty()) ++r.cases_with_rack_loss;
        if (c.overloads) ++r.cases_with_overload;
        r.worst_loading_pct = std::max(r.worst_loading_pct, c.worst_loading_pct);
        r.cases.push_back(std::move(c));
      }
    }
    {
      Stmt q(db,
             "SELECT level, units, installed_w, used_w, reserved_w, free_w, stranded_w "
             "FROM result_capacity WHERE run_id = ? ORDER BY rowid");
      sqlite3_bind_int64(q.get(), 1, run);
      while (q.step())
        r.levels.push_back({col_t(q, 0), std::size_t(col_i(q, 1)), col_d(q, 2), col_d(q, 3),
                            col_d(q, 4), col_d(q, 5), col_d(q, 6)});
    }
    return out;
  } catch (const sql::SqlError& e) {
    throw ProjectFileError(path + ": cannot read the stored N-1 results: " + e.what() +
                           " (run `dctwin-cli contingency` again to replace them)");
  }
}

std::optional<StoredThermal> load_thermal_results(const std::string& path) {
  (void)project_file_version(path);
  try {
    // Read-only folders too (see sql::open_for_reading).
    const std::unique_ptr<Db> dbp = sql::open_for_reading(path);
    Db& db = *dbp;
    if (!has_tables(db, "'result_run', 'result_thermal', 'result_rack_inlet', 'result_hall_air'"))
      return std::nullopt;
    StoredThermal out;
    std::int64_t run = 0;
    {
      Stmt q(
          db,
          "SELECT r.id, r.created_utc, r.converged, r.message, r.it_power_w, r.grid_import_w, "
          "r.grid_import_var, r.power_factor, r.total_loss_w, r.max_loading_pct, "
          "r.max_loading_entity_id, t.dry_bulb_c, t.wet_bulb_c, t.max_rack_inlet_c, "
          "t.racks_outside_recommended FROM result_run r JOIN result_thermal t ON t.run_id = r.id "
          "WHERE r.kind = 'power' ORDER BY r.id DESC LIMIT 1");
      if (!q.step()) return std::nullopt;
      run = col_i(q, 0);
      out.created_utc = col_t(q, 1);
      read_headline(q, 2, out.base);
      out.dry_bulb_c = col_d(q, 11);
      out.wet_bulb_c = col_d(q, 12);
      out.air_model = sqlite3_column_type(q.get(), 13) != SQLITE_NULL;
      out.max_rack_inlet_c = col_d(q, 13);
      out.racks_outside_recommended = std::size_t(col_i(q, 14));
    }
    {
      Stmt q(db,
             "SELECT rack_id, inlet_mean_c FROM result_rack_inlet WHERE run_id = ? ORDER BY rowid");
      sqlite3_bind_int64(q.get(), 1, run);
      while (q.step()) out.rack_inlet_c.emplace_back(col_i(q, 0), col_d(q, 1));
    }
    {
      Stmt q(db,
             "SELECT hall_id, same_as_hall_id, converged, message, max_inlet_c, mean_inlet_c, "
             "energy_balance_error, nx * ny * nz FROM result_hall_air WHERE run_id = ? ORDER BY "
             "rowid");
      sqlite3_bind_int64(q.get(), 1, run);
      while (q.step()) {
        model::thermal::HallThermal h;
        h.hall = col_i(q, 0);
        h.solved = true;
        h.same_as = col_i(q, 1);
        h.message = col_t(q, 3);
        h.max_inlet_c = col_d(q, 4);
        h.mean_inlet_c = col_d(q, 5);
        h.energy_balance_error = col_d(q, 6);
        h.cells = col_i(q, 7);
        out.halls.push_back(std::move(h));
      }
    }
    return out;
  } catch (const sql::SqlError& e) {
    throw ProjectFileError(path + ": cannot read the stored thermal results: " + e.what() +
                           " (run `dctwin-cli solve` again to replace them)");
  }
}

}  // namespace dctwin::data
