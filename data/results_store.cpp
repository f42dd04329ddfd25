#include "data/results_store.h"

#include <bit>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <memory>

#include "data/project_file.h"
#include "data/sqlite_db.h"

namespace dctwin::data {

namespace {

using sql::Db;
using sql::Stmt;

constexpr const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS result_run (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,                 -- power | contingency
  created_utc TEXT NOT NULL,
  converged INTEGER NOT NULL,
  message TEXT NOT NULL,
  it_power_w REAL, grid_import_w REAL, grid_import_var REAL, power_factor REAL,
  total_loss_w REAL, min_rack_voltage_pu REAL, min_rack_voltage_rack_id INTEGER,
  max_loading_pct REAL, max_loading_entity_id INTEGER);
CREATE TABLE IF NOT EXISTS result_loss (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  stage TEXT NOT NULL, loss_w REAL NOT NULL);
CREATE TABLE IF NOT EXISTS result_elec_node (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  node_id INTEGER NOT NULL, energized INTEGER NOT NULL, p_w REAL, q_var REAL,
  loading_pct REAL, vm_pu REAL, loss_w REAL);
CREATE TABLE IF NOT EXISTS result_elec_edge (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  edge_id INTEGER NOT NULL, energized INTEGER NOT NULL, p_from_w REAL, q_from_var REAL,
  loss_w REAL, loading_pct REAL);
CREATE TABLE IF NOT EXISTS result_rack (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  rack_id INTEGER NOT NULL, powered INTEGER NOT NULL, it_w REAL, input_w REAL,
  cord_a_w REAL, cord_b_w REAL, vm_a_pu REAL, vm_b_pu REAL);
CREATE TABLE IF NOT EXISTS result_violation (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  entity_id INTEGER, code TEXT NOT NULL, message TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS result_contingency (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  rank INTEGER NOT NULL, group_id INTEGER NOT NULL, failed_id INTEGER NOT NULL,
  converged INTEGER NOT NULL, worst_loading_pct REAL, worst_entity_id INTEGER,
  overloads INTEGER NOT NULL, racks_lost INTEGER NOT NULL, note TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS result_contingency_rack (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  failed_id INTEGER NOT NULL, rack_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS result_contingency_cooling_unit (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  failed_id INTEGER NOT NULL, unit_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS result_capacity (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  level TEXT NOT NULL, units INTEGER NOT NULL, installed_w REAL, used_w REAL,
  reserved_w REAL, free_w REAL, stranded_w REAL);
CREATE TABLE IF NOT EXISTS result_thermal (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  dry_bulb_c REAL, wet_bulb_c REAL, rack_heat_w REAL, heat_rejected_w REAL, compressor_w REAL,
  cooling_power_w REAL, water_l_per_h REAL, energy_balance_error REAL, max_rack_inlet_c REAL,
  racks_outside_recommended INTEGER);
CREATE TABLE IF NOT EXISTS result_cooling_power (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  component TEXT NOT NULL, power_w REAL NOT NULL);
CREATE TABLE IF NOT EXISTS result_cooling_unit (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  unit_id INTEGER NOT NULL, heat_w REAL, power_w REAL, water_l_per_h REAL, load_frac REAL);
CREATE TABLE IF NOT EXISTS result_loop (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  loop_id INTEGER NOT NULL, heat_w REAL, flow_m3_s REAL, supply_temp_c REAL, return_temp_c REAL,
  setpoint_c REAL, economizer INTEGER, setpoint_met INTEGER);
CREATE TABLE IF NOT EXISTS result_rack_inlet (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  rack_id INTEGER NOT NULL, inlet_mean_c REAL);
CREATE TABLE IF NOT EXISTS result_hall_air (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  hall_id INTEGER NOT NULL, same_as_hall_id INTEGER, converged INTEGER, message TEXT,
  max_inlet_c REAL, mean_inlet_c REAL, energy_balance_error REAL,
  nx INTEGER, ny INTEGER, nz INTEGER,
  x_faces_m BLOB, y_faces_m BLOB, z_faces_m BLOB, temp_c BLOB);
CREATE TABLE IF NOT EXISTS result_simulation (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  scenario TEXT NOT NULL, t0_s REAL NOT NULL, step_s REAL NOT NULL, steps INTEGER NOT NULL,
  design_it_w REAL, energy_it_wh REAL, energy_losses_wh REAL, energy_cooling_wh REAL,
  energy_facility_wh REAL, energy_grid_wh REAL, energy_standby_wh REAL,
  energy_battery_delta_wh REAL, battery_soc_change_wh REAL, battery_losses_wh REAL,
  battery_cycles REAL, peak_grid_import_w REAL, max_ramp_mw_per_s REAL,
  max_it_ramp_mw_per_s REAL, dynamic_range_w REAL, window_dynamic_range_w REAL,
  band_energy_w2s REAL, band_rms_w REAL, pue REAL, water_l REAL, wue_l_per_kwh REAL,
  hours_above_recommended REAL, smoothing_extra_energy_wh REAL, elec_solves INTEGER,
  plant_solves INTEGER, run_s REAL);
CREATE TABLE IF NOT EXISTS result_series (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  level TEXT NOT NULL,                -- site, building, hall, block
  entity_id INTEGER,                  -- NULL for the site, else the building, hall or block converter id
  name TEXT NOT NULL, t0_s REAL NOT NULL, step_s REAL NOT NULL, count INTEGER NOT NULL,
  layout TEXT NOT NULL,               -- float64-le: count little-endian IEEE 754 doubles
  "values" BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS result_series_run ON result_series(run_id);
CREATE TABLE IF NOT EXISTS result_rack_snapshot (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  t_s REAL NOT NULL, rack_id INTEGER NOT NULL, it_w REAL, input_w REAL,
  inlet_c REAL);                      -- NULL: no hall air model for the rack at that snapshot
CREATE INDEX IF NOT EXISTS result_rack_snapshot_run ON result_rack_snapshot(run_id);
CREATE INDEX IF NOT EXISTS result_rack_run ON result_rack(run_id);
CREATE INDEX IF NOT EXISTS result_elec_node_run ON result_elec_node(run_id);
)SQL";

std::string now_utc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Small binding helper for the results rows (all numbers, ids and short texts).
class Row {
 public:
  Row(Stmt& st) : st_(st) { sqlite3_reset(st_.get()); }
  Row& i(std::int64_t v) { return check(sqlite3_bind_int64(st_.get(), ++n_, v)); }
  Row& d(double v) {
    return std::isfinite(v) ? check(sqlite3_bind_double(st_.get(), ++n_, v))
                            : check(sqlite3_bind_null(st_.get(), ++n_));
  }
  Row& b(const std::vector<double>& v) {
    // float64 as stored in memory: every platform dctwin builds on is little-endian.
    return check(sqlite3_bind_blob64(st_.get(), ++n_, v.data(), v.size() * sizeof(double),
                                     SQLITE_TRANSIENT));
  }
  Row& null() { return check(sqlite3_bind_null(st_.get(), ++n_)); }
  Row& t(const std::string& v) {
    return check(sqlite3_bind_text(st_.get(), ++n_, v.c_str(), int(v.size()), SQLITE_TRANSIENT));
  }
  void run() { st_.step(); }

 private:
  Row& check(int rc) {
    if (rc != SQLITE_OK) throw sql::SqlError(rc, "binding a result value failed");
    return *this;
  }
  Stmt& st_;
  int n_ = 0;
};

class Writer {
 public:
  explicit Writer(const std::string& path) : path_(path) {
    // Refuses anything that is not a dctwin project before touching it.
    (void)project_file_version(path);
    db_ = std::make_unique<Db>(path, SQLITE_OPEN_READWRITE);
    db_->exec("PRAGMA foreign_keys = ON");
    db_->exec("BEGIN IMMEDIATE");
    db_->exec(kSchema);
    // Columns added after a table was first created: CREATE TABLE IF NOT EXISTS keeps the old one.
    add_column_if_missing("result_rack_snapshot", "inlet_c", "REAL");
  }
  void add_column_if_missing(const std::string& table, const std::string& column,
                             const std::string& type) {
    Stmt q(*db_, "SELECT count(*) FROM pragma_table_info(?) WHERE name = ?");
    Row(q).t(table).t(column);
    if (q.step() && sqlite3_column_int64(q.get(), 0) == 0)
      db_->exec("ALTER TABLE " + table + " ADD COLUMN " + column + " " + type);
  }
  ~Writer() {
    if (db_) db_->rollback_if_open();
  }
  Db& db() { return *db_; }
  void commit() { db_->exec("COMMIT"); }

  std::int64_t new_run(const std::string& kind, const model::electrical::SiteElecResult& r) {
    {
      Stmt del(*db_, "DELETE FROM result_run WHERE kind = ?");
      Row(del).t(kind).run();
    }
    Stmt ins(*db_,
             "INSERT INTO result_run (kind, created_utc, converged, message, it_power_w, "
             "grid_import_w, grid_import_var, power_factor, total_loss_w, min_rack_voltage_pu, "
             "min_rack_voltage_rack_id, max_loading_pct, max_loading_entity_id) "
             "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    Row(ins)
        .t(kind)
        .t(now_utc())
        .i(r.converged)
        .t(r.message)
        .d(r.it_power_w)
        .d(r.grid_import_w)
        .d(r.grid_import_var)
        .d(r.power_factor)
        .d(r.total_loss_w)
        .d(r.min_rack_voltage_pu)
        .i(r.min_rack_voltage_rack)
        .d(r.max_loading_pct)
        .i(r.max_loading_entity)
        .run();
    return sqlite3_last_insert_rowid(db_->get());
  }

  std::int64_t new_simulation_run(const std::string& kind, bool converged) {
    {
      Stmt del(*db_, "DELETE FROM result_run WHERE kind = ?");
      Row(del).t(kind).run();
    }
    Stmt ins(*db_,
             "INSERT INTO result_run (kind, created_utc, converged, message) VALUES (?,?,?,?)");
    Row(ins)
        .t(kind)
        .t(now_utc())
        .i(converged)
        .t(converged ? "" : "a power flow of the response table did not converge")
        .run();
    return sqlite3_last_insert_rowid(db_->get());
  }

  void power_tables(std::int64_t run, const model::Site& site,
                    const model::electrical::SiteElecResult& r) {
    Stmt loss(*db_, "INSERT INTO result_loss VALUES (?,?,?)");
    for (const auto& [stage, w] : r.losses_w) Row(loss).i(run).t(stage).d(w).run();
    Stmt node(*db_, "INSERT INTO result_elec_node VALUES (?,?,?,?,?,?,?,?)");
    for (const auto& n : r.nodes)
      Row(node)
          .i(run)
          .i(n.id)
          .i(n.energized)
          .d(n.p_w)
          .d(n.q_var)
          .d(n.loading_pct)
          .d(n.vm_pu)
          .d(n.loss_w)
          .run();
    Stmt edge(*db_, "INSERT INTO result_elec_edge VALUES (?,?,?,?,?,?,?)");
    for (const auto& e : r.edges)
      Row(edge)
          .i(run)
          .i(e.id)
          .i(e.energized)
          .d(e.p_from_w)
          .d(e.q_from_var)
          .d(e.loss_w)
          .d(e.loading_pct)
          .run();
    Stmt rack(*db_, "INSERT INTO result_rack VALUES (?,?,?,?,?,?,?,?,?)");
    for (std::size_t i = 0; i < r.racks.size() && i < site.racks.size(); ++i) {
      const auto& f = r.racks[i];
      Row(rack)
          .i(run)
          .i(site.racks.id[i])
          .i(f.powered)
          .d(f.it_w)
          .d(f.input_w)
          .d(f.cord_a_w)
          .d(f.cord_b_w)
          .d(f.vm_a_pu)
          .d(f.vm_b_pu)
          .run();
    }
    Stmt viol(*db_, "INSERT INTO result_violation VALUES (?,?,?,?)");
    for (const auto& v : r.violations) Row(viol).i(run).i(v.entity).t(v.code).t(v.message).run();
  }

 private:
  std::string path_;
  std::unique_ptr<Db> db_;
};

template <typename F>
std::int64_t guarded(const std::string& path, F&& f) {
  try {
    return f();
  } catch (const ProjectFileError&) {
    throw;
  } catch (const std::exception& e) {
    throw ProjectFileError(path + ": cannot store the results: " + e.what() +
                           " (check that the file is writable and not open elsewhere)");
  }
}

}  // namespace

namespace {

// The thermal tables of run (already open in w's transaction).
void thermal_tables(Writer& w, std::int64_t run, const model::Site& site,
                    const model::thermal::SiteThermalResult& r) {
  const auto& p = r.plant;
  Stmt th(w.db(), "INSERT INTO result_thermal VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  Row(th)
      .i(run)
      .d(r.outdoor.dry_bulb_c)
      .d(r.outdoor.wet_bulb_c)
      .d(p.rack_heat_w)
      .d(p.heat_rejected_w)
      .d(p.compressor_w)
      .d(p.cooling_power_w)
      .d(p.water_l_per_h)
      .d(p.energy_balance_error)
      .d(r.distinct_halls_solved ? r.max_rack_inlet_c : NAN)
      .i(std::int64_t(r.racks_outside_recommended))
      .run();
  Stmt cp(w.db(), "INSERT INTO result_cooling_power VALUES (?,?,?)");
  for (const auto& [k, v] : p.power_w) Row(cp).i(run).t(k).d(v).run();
  Stmt cu(w.db(), "INSERT INTO result_cooling_unit VALUES (?,?,?,?,?,?)");
  for (const auto& u : p.units)
    Row(cu).i(run).i(u.id).d(u.heat_w).d(u.power_w).d(u.water_l_per_h).d(u.load_frac).run();
  Stmt lp(w.db(), "INSERT INTO result_loop VALUES (?,?,?,?,?,?,?,?,?)");
  for (const auto& l : p.loops)
    Row(lp)
        .i(run)
        .i(l.id)
        .d(l.heat_w)
        .d(l.flow_m3_s)
        .d(l.supply_temp_c)
        .d(l.return_temp_c)
        .d(l.setpoint_c)
        .i(l.economizer)
        .i(l.setpoint_met)
        .run();
  Stmt ri(w.db(), "INSERT INTO result_rack_inlet VALUES (?,?,?)");
  for (std::size_t i = 0; i < r.rack_inlet_c.size() && i < site.racks.size(); ++i)
    if (std::isfinite(r.rack_inlet_c[i]))
      Row(ri).i(run).i(site.racks.id[i]).d(r.rack_inlet_c[i]).run();
  Stmt ha(w.db(), "INSERT INTO result_hall_air VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (const auto& h : r.halls) {
    if (!h.solved) continue;
    Row row(ha);
    row.i(run)
        .i(h.hall)
        .i(h.same_as)
        .i(h.message.empty())
        .t(h.message)
        .d(h.max_inlet_c)
        .d(h.mean_inlet_c)
        .d(h.energy_balance_error);
    const auto f = r.fields.find(h.hall);
    if (f != r.fields.end()) {
      const auto& fr = f->second;
      row.i(fr.nx).i(fr.ny).i(fr.nz).b(fr.xf).b(fr.yf).b(fr.zf).b(fr.temp_c);
    } else {
      row.null().null().null().null().null().null().null();  // the field is the same_as hall's
    }
    row.run();
  }
}

}  // namespace

std::int64_t store_solve_results(const std::string& path, const model::Site& site,
                                 const model::electrical::SiteElecResult& elec,
                                 const model::thermal::SiteThermalResult& thermal) {
  return guarded(path, [&] {
    Writer w(path);
    const std::int64_t run = w.new_run("power", elec);
    w.power_tables(run, site, elec);
    thermal_tables(w, run, site, thermal);
    w.commit();  // one transaction: a kill leaves the previous run or this whole one
    return run;
  });
}

std::int64_t store_simulation_results(const std::string& path,
                                      const model::scenario::SimulationResult& r) {
  static_assert(std::endian::native == std::endian::little,
                "result_series stores float64 as in memory: little-endian only");
  return guarded(path, [&] {
    Writer w(path);
    const std::int64_t run = w.new_simulation_run("simulation:" + r.scenario, r.converged);
    Stmt sim(w.db(),
             "INSERT INTO result_simulation VALUES "
             "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    Row(sim)
        .i(run)
        .t(r.scenario)
        .d(r.grid.start_s)
        .d(r.grid.step_s)
        .i(std::int64_t(r.grid.steps))
        .d(r.design_it_w)
        .d(r.energy_it_wh)
        .d(r.energy_losses_wh)
        .d(r.energy_cooling_wh)
        .d(r.energy_facility_wh)
        .d(r.energy_grid_wh)
        .d(r.energy_standby_wh)
        .d(r.energy_battery_delta_wh)
        .d(r.battery_soc_change_wh)
        .d(r.battery_losses_wh)
        .d(r.battery_cycles)
        .d(r.peak_grid_import_w)
        .d(r.max_ramp_mw_per_s)
        .d(r.max_it_ramp_mw_per_s)
        .d(r.dynamic_range_w)
        .d(r.window_dynamic_range_w)
        .d(r.band_energy_w2s)
        .d(r.band_rms_w)
        .d(r.pue)
        .d(r.water_l)
        .d(r.wue_l_per_kwh)
        .d(r.hours_above_recommended)
        .d(r.smoothing_extra_energy_wh)
        .i(std::int64_t(r.elec_solves))
        .i(std::int64_t(r.plant_solves))
        .d(r.run_s)
        .run();
    Stmt ser(w.db(), "INSERT INTO result_series VALUES (?,?,?,?,?,?,?,?,?)");
    const std::pair<const char*, const std::vector<double>*> series[] = {
        {"grid_import_w", &r.grid_import_w}, {"it_w", &r.it_w},
        {"losses_w", &r.losses_w},           {"cooling_w", &r.cooling_w},
        {"facility_w", &r.facility_w},       {"water_l_per_h", &r.water_l_per_h},
        {"battery_soc", &r.battery_soc},     {"dry_bulb_c", &r.dry_bulb_c},
        {"load_frac", &r.load_frac}};
    for (const auto& [name, v] : series) {
      if (v->empty()) continue;  // battery_soc without a battery
      Row(ser)
          .i(run)
          .t("site")
          .null()
          .t(name)
          .d(r.grid.start_s)
          .d(r.grid.step_s)
          .i(std::int64_t(v->size()))
          .t("float64-le")
          .b(*v)
          .run();
    }
    for (const auto& [level, set] :
         {std::make_pair("hall", &r.halls), std::make_pair("building", &r.buildings),
          std::make_pair("block", &r.blocks)})
      for (const auto& es : *set)
        for (const auto& [name, v] :
             {std::make_pair("it_w", &es.it_w), std::make_pair("losses_w", &es.losses_w),
              std::make_pair("cooling_w", &es.cooling_w)}) {
          if (v->empty()) continue;  // cooling_w of a hall
          Row(ser)
              .i(run)
              .t(level)
              .i(es.id)
              .t(name)
              .d(r.grid.start_s)
              .d(r.grid.step_s)
              .i(std::int64_t(v->size()))
              .t("float64-le")
              .b(*v)
              .run();
        }
    Stmt snap(w.db(),
              "INSERT INTO result_rack_snapshot (run_id, t_s, rack_id, it_w, input_w, inlet_c) "
              "VALUES (?,?,?,?,?,?)");
    for (const auto& sn : r.snapshots)
      for (std::size_t i = 0; i < sn.it_w.size() && i < r.rack_ids.size(); ++i)
        Row(snap)
            .i(run)
            .d(sn.t_s)
            .i(r.rack_ids[i])
            .d(sn.it_w[i])
            .d(sn.input_w[i])
            .d(i < sn.inlet_c.size() ? sn.inlet_c[i] : std::numeric_limits<double>::quiet_NaN())
            .run();
    w.commit();
    return run;
  });
}

std::int64_t store_power_results(const std::string& path, const model::Site& site,
                                 const model::electrical::SiteElecResult& result) {
  return guarded(path, [&] {
    Writer w(path);
    const std::int64_t run = w.new_run("power", result);
    w.power_tables(run, site, result);
    w.commit();
    return run;
  });
}

std::int64_t store_contingency_results(const std::string& path, const model::Site& site,
                                       const model::electrical::ContingencyResult& result) {
  return guarded(path, [&] {
    Writer w(path);
    const std::int64_t run = w.new_run("contingency", result.base);
    w.power_tables(run, site, result.base);
    Stmt c(w.db(), "INSERT INTO result_contingency VALUES (?,?,?,?,?,?,?,?,?,?)");
    Stmt cr(w.db(), "INSERT INTO result_contingency_rack VALUES (?,?,?)");
    Stmt cu(w.db(), "INSERT INTO result_contingency_cooling_unit VALUES (?,?,?)");
    std::int64_t rank = 0;
    for (const auto& k : result.cases) {
      Row(c)
          .i(run)
          .i(++rank)
          .i(k.group)
          .i(k.failed)
          .i(k.converged)
          .d(k.worst_loading_pct)
          .i(k.worst_entity)
          .i(std::int64_t(k.overloads))
          .i(std::int64_t(k.racks_lost.size()))
          .t(k.note)
          .run();
      for (model::Id rack : k.racks_lost) Row(cr).i(run).i(k.failed).i(rack).run();
      for (model::Id unit : k.loads_lost) Row(cu).i(run).i(k.failed).i(unit).run();
    }
    Stmt cap(w.db(), "INSERT INTO result_capacity VALUES (?,?,?,?,?,?,?,?)");
    for (const auto& l : result.levels)
      Row(cap)
          .i(run)
          .t(l.level)
          .i(std::int64_t(l.units))
          .d(l.installed_w)
          .d(l.used_w)
          .d(l.reserved_w)
          .d(l.free_w)
          .d(l.stranded_w)
          .run();
    w.commit();
    return run;
  });
}

}  // namespace dctwin::data
