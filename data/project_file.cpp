// The SQLite project file. See docs/project-file.md for the tables and the migration history.
//
// Shape of the code: a thin RAII layer over the SQLite C API (Db, Stmt, Insert), the schema as
// SQL text, the migrations as an ordered list of functions, and one writer and one reader that
// map model::Site and model::Catalog onto the tables. Every failure ends as a ProjectFileError
// whose message names the file, what is wrong and what to do.
#include "data/project_file.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "data/sqlite_db.h"

namespace dctwin::data {
namespace {

using model::Id;
using model::kNoId;
using sql::Db;
using sql::SqlError;
using sql::Stmt;
using sql::throw_sql;

// Written into the SQLite header (PRAGMA application_id) so that `file` and dctwin recognise a
// project without reading any table: "DCTW".
constexpr std::int32_t kApplicationId = 0x44435457;
constexpr const char* kFormat = "dctwin-project";
constexpr const char* kApp = "dctwin";

// ---------------------------------------------------------------------------------------------
// Errors. Internal exception types carry the detail; the public functions turn them into one
// ProjectFileError with the file name and the fix, so that every message reads the same way.

/// The file's content is not a valid project (found while reading).
struct Damaged : std::runtime_error {
  using std::runtime_error::runtime_error;
};
/// The site or catalog cannot be stored (found while writing); the message names the entity.
struct InvalidSite : std::runtime_error {
  using std::runtime_error::runtime_error;
};
/// A problem with one value of one row; the row loop adds which row.
struct RowProblem : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string show(std::string_view s) {
  constexpr std::size_t kMax = 60;  // a damaged cell may hold megabytes; show the start
  std::string out = "'";
  for (char c : s.substr(0, kMax)) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      // A NUL would end the message early; control characters would garble it.
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\x%02x", u);
      out += esc;
    } else {
      out += c;
    }
  }
  if (s.size() > kMax) out += "...";
  return out + "'";
}

std::string label(const char* what, const std::string& name, Id id) {
  return std::string(what) + " " + show(name) + " (id " + std::to_string(id) + ")";
}

// ---------------------------------------------------------------------------------------------
// A thin layer over the C API.

std::int64_t query_int(const Db& db, const std::string& sql) {
  Stmt st(db, sql);
  if (!st.step()) return 0;
  return sqlite3_column_int64(st.get(), 0);
}

/// One prepared INSERT, reused for every row of its table. Values are bound in column order.
class Insert {
 public:
  Insert(const Db& db, const std::string& table, std::initializer_list<const char*> columns)
      : db_(db.get()), st_(db, make_sql(table, columns)), columns_(columns) {}

  Insert& integer(std::int64_t v) {
    check(sqlite3_bind_int64(st_.get(), next(), v));
    return *this;
  }
  /// A reference to another entity: kNoId ("not connected") is stored as NULL so that the
  /// foreign key holds and `IS NULL` finds the unconnected ones.
  Insert& ref(Id v) {
    if (v == kNoId) return null();
    return integer(v);
  }
  Insert& real(double v) {
    // SQLite stores a NaN as NULL: refuse it rather than lose it.
    if (std::isnan(v)) throw RowProblem(std::string(columns_[index_]) + " is NaN (not a number)");
    check(sqlite3_bind_double(st_.get(), next(), v));
    return *this;
  }
  Insert& opt_real(const std::optional<double>& v) {
    if (!v) return null();
    return real(*v);
  }
  Insert& text(std::string_view v) {
    check(sqlite3_bind_text64(st_.get(), next(), v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8));
    return *this;
  }
  /// A key into another table (catalog type, source): empty is stored as NULL.
  Insert& key(const std::string& v) {
    if (v.empty()) return null();
    return text(v);
  }
  Insert& boolean(bool v) { return integer(v ? 1 : 0); }
  Insert& null() {
    check(sqlite3_bind_null(st_.get(), next()));
    return *this;
  }

  void exec() {
    index_ = 0;
    const int rc = sqlite3_step(st_.get());
    sqlite3_reset(st_.get());
    if (rc == SQLITE_DONE) return;
    if ((rc & 0xff) != SQLITE_CONSTRAINT) throw_sql(db_);
    if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE) {
      throw RowProblem(std::string("its id or key is used twice (") + sqlite3_errmsg(db_) + ")");
    }
    throw RowProblem(sqlite3_errmsg(db_));
  }

 private:
  static std::string make_sql(const std::string& table, std::initializer_list<const char*> cols) {
    std::string names, params;
    for (const char* c : cols) {
      if (!names.empty()) {
        names += ", ";
        params += ", ";
      }
      names += c;
      params += "?";
    }
    return "INSERT INTO " + table + " (" + names + ") VALUES (" + params + ")";
  }
  int next() { return ++index_; }
  void check(int rc) {
    if (rc != SQLITE_OK) throw_sql(db_);
  }

  sqlite3* db_;
  Stmt st_;
  std::vector<const char*> columns_;
  int index_ = 0;
};

// ---------------------------------------------------------------------------------------------
// The schema. This is the current one (kProjectSchemaVersion; with kScenarioTable below); older
// ones exist only as the migrations below and as tests/data/project_v1.sql to project_v4.sql.
// Columns that a migration adds (ALTER TABLE appends them) come last here too, so that a
// migrated file and a new one have their columns in the same order.
//
// Every foreign key is DEFERRABLE INITIALLY DEFERRED: a save deletes and re-inserts whole tables
// and cooling units refer to each other (loops), so the references need to hold at COMMIT, not
// after every row. Ordinal columns keep the order of the model's vectors.

constexpr const char* kSchema = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY NOT NULL,
  value
);
CREATE TABLE catalog_source (
  id    TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  url   TEXT NOT NULL,
  date  TEXT NOT NULL
);
CREATE TABLE catalog_item (
  key  TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL
);
CREATE TABLE catalog_param (
  item_key  TEXT NOT NULL REFERENCES catalog_item (key) DEFERRABLE INITIALLY DEFERRED,
  name      TEXT NOT NULL,
  value     REAL NOT NULL,
  source_id TEXT REFERENCES catalog_source (id) DEFERRABLE INITIALLY DEFERRED,
  note      TEXT NOT NULL,
  PRIMARY KEY (item_key, name)
);
CREATE TABLE catalog_curve (
  item_key  TEXT NOT NULL REFERENCES catalog_item (key) DEFERRABLE INITIALLY DEFERRED,
  name      TEXT NOT NULL,
  x_name    TEXT NOT NULL,
  y_name    TEXT NOT NULL,
  source_id TEXT REFERENCES catalog_source (id) DEFERRABLE INITIALLY DEFERRED,
  note      TEXT NOT NULL,
  PRIMARY KEY (item_key, name)
);
CREATE TABLE catalog_curve_point (
  item_key    TEXT NOT NULL,
  curve_name  TEXT NOT NULL,
  point_index INTEGER NOT NULL,
  x           REAL,
  y           REAL,
  PRIMARY KEY (item_key, curve_name, point_index),
  FOREIGN KEY (item_key, curve_name) REFERENCES catalog_curve (item_key, name)
    DEFERRABLE INITIALLY DEFERRED,
  CHECK (x IS NOT NULL OR y IS NOT NULL)
);
CREATE TABLE building (
  id      INTEGER PRIMARY KEY,
  ordinal INTEGER NOT NULL UNIQUE,
  name    TEXT NOT NULL,
  x_m     REAL NOT NULL,
  y_m     REAL NOT NULL,
  width_m REAL NOT NULL,
  depth_m REAL NOT NULL
);
CREATE TABLE hall (
  id          INTEGER PRIMARY KEY,
  ordinal     INTEGER NOT NULL UNIQUE,
  building_id INTEGER REFERENCES building (id) DEFERRABLE INITIALLY DEFERRED,
  name        TEXT NOT NULL,
  x_m         REAL NOT NULL,
  y_m         REAL NOT NULL,
  width_m     REAL NOT NULL,
  depth_m     REAL NOT NULL,
  height_m    REAL NOT NULL,
  containment TEXT NOT NULL,
  tile_m      REAL NOT NULL
);
CREATE TABLE hall_row (
  id              INTEGER PRIMARY KEY,
  ordinal         INTEGER NOT NULL UNIQUE,
  hall_id         INTEGER REFERENCES hall (id) DEFERRABLE INITIALLY DEFERRED,
  name            TEXT NOT NULL,
  x_m             REAL NOT NULL,
  y_m             REAL NOT NULL,
  orientation_deg REAL NOT NULL
);
CREATE TABLE elec_node (
  id          INTEGER PRIMARY KEY,
  ordinal     INTEGER NOT NULL UNIQUE,
  kind        TEXT NOT NULL,
  name        TEXT NOT NULL,
  type        TEXT REFERENCES catalog_item (key) DEFERRABLE INITIALLY DEFERRED,
  building_id INTEGER REFERENCES building (id) DEFERRABLE INITIALLY DEFERRED,
  hall_id     INTEGER REFERENCES hall (id) DEFERRABLE INITIALLY DEFERRED,
  rating_w    REAL NOT NULL,
  voltage_v   REAL NOT NULL,
  dc          INTEGER NOT NULL CHECK (dc IN (0, 1)),
  side        TEXT NOT NULL
);
CREATE TABLE elec_edge (
  id            INTEGER PRIMARY KEY,
  ordinal       INTEGER NOT NULL UNIQUE,
  from_node_id  INTEGER REFERENCES elec_node (id) DEFERRABLE INITIALLY DEFERRED,
  to_node_id    INTEGER REFERENCES elec_node (id) DEFERRABLE INITIALLY DEFERRED,
  name          TEXT NOT NULL,
  r_ohm         REAL NOT NULL,
  x_ohm         REAL NOT NULL,
  b_s           REAL NOT NULL,
  rating_w      REAL NOT NULL,
  length_m      REAL NOT NULL,
  normally_open INTEGER NOT NULL CHECK (normally_open IN (0, 1))
);
CREATE INDEX elec_edge_from ON elec_edge (from_node_id);
CREATE INDEX elec_edge_to ON elec_edge (to_node_id);
CREATE TABLE cooling_unit (
  id                INTEGER PRIMARY KEY,
  ordinal           INTEGER NOT NULL UNIQUE,
  kind              TEXT NOT NULL,
  name              TEXT NOT NULL,
  type              TEXT REFERENCES catalog_item (key) DEFERRABLE INITIALLY DEFERRED,
  building_id       INTEGER REFERENCES building (id) DEFERRABLE INITIALLY DEFERRED,
  hall_id           INTEGER REFERENCES hall (id) DEFERRABLE INITIALLY DEFERRED,
  x_m               REAL NOT NULL,
  y_m               REAL NOT NULL,
  orientation_deg   REAL NOT NULL,
  capacity_w        REAL NOT NULL,
  airflow_m3_s      REAL NOT NULL,
  supply_temp_c     REAL NOT NULL,
  approach_k        REAL NOT NULL,
  flow_m3_s         REAL NOT NULL,
  loop_id           INTEGER REFERENCES cooling_unit (id) DEFERRABLE INITIALLY DEFERRED,
  condenser_loop_id INTEGER REFERENCES cooling_unit (id) DEFERRABLE INITIALLY DEFERRED,
  volume_m3         REAL NOT NULL,
  feed_a_id         INTEGER REFERENCES elec_node (id) DEFERRABLE INITIALLY DEFERRED,
  feed_b_id         INTEGER REFERENCES elec_node (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX cooling_unit_loop ON cooling_unit (loop_id);
CREATE INDEX cooling_unit_condenser_loop ON cooling_unit (condenser_loop_id);
CREATE TABLE rack (
  id               INTEGER PRIMARY KEY,
  ordinal          INTEGER NOT NULL UNIQUE,
  row_id           INTEGER REFERENCES hall_row (id) DEFERRABLE INITIALLY DEFERRED,
  name             TEXT NOT NULL,
  type             TEXT REFERENCES catalog_item (key) DEFERRABLE INITIALLY DEFERRED,
  x_m              REAL NOT NULL,
  y_m              REAL NOT NULL,
  orientation_deg  REAL NOT NULL,
  power_override_w REAL,
  feed_a_id        INTEGER REFERENCES elec_node (id) DEFERRABLE INITIALLY DEFERRED,
  feed_b_id        INTEGER REFERENCES elec_node (id) DEFERRABLE INITIALLY DEFERRED,
  cdu_id           INTEGER REFERENCES cooling_unit (id) DEFERRABLE INITIALLY DEFERRED,
  air_unit_id      INTEGER REFERENCES cooling_unit (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX rack_row ON rack (row_id);
CREATE TABLE redundancy_group (
  id                      INTEGER PRIMARY KEY,
  ordinal                 INTEGER NOT NULL UNIQUE,
  name                    TEXT NOT NULL,
  scheme                  TEXT NOT NULL,
  catcher_elec_node_id    INTEGER REFERENCES elec_node (id) DEFERRABLE INITIALLY DEFERRED,
  catcher_cooling_unit_id INTEGER REFERENCES cooling_unit (id) DEFERRABLE INITIALLY DEFERRED,
  CHECK (catcher_elec_node_id IS NULL OR catcher_cooling_unit_id IS NULL)
);
CREATE TABLE redundancy_member (
  group_id        INTEGER NOT NULL REFERENCES redundancy_group (id) DEFERRABLE INITIALLY DEFERRED,
  ordinal         INTEGER NOT NULL,
  elec_node_id    INTEGER REFERENCES elec_node (id) DEFERRABLE INITIALLY DEFERRED,
  cooling_unit_id INTEGER REFERENCES cooling_unit (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (group_id, ordinal),
  CHECK ((elec_node_id IS NULL) <> (cooling_unit_id IS NULL))
);
)sql";

// Schema 4's scenario table: part of a new file's schema (after kSchema) and of migration 3->4.
constexpr const char* kScenarioTable = R"sql(
CREATE TABLE scenario (
  id                   INTEGER PRIMARY KEY,
  name                 TEXT NOT NULL UNIQUE,
  description          TEXT NOT NULL,
  horizon_s            REAL NOT NULL,
  step_s               REAL NOT NULL,
  load_kind            TEXT NOT NULL,
  load_mean            REAL NOT NULL,
  load_amplitude       REAL NOT NULL,
  weather_kind         TEXT NOT NULL,
  weather_source       TEXT NOT NULL,
  dry_bulb_c           REAL,
  wet_bulb_c           REAL,
  smoothing            INTEGER NOT NULL,
  battery_power_w      REAL,
  battery_energy_wh    REAL,
  battery_ramp_w_per_s REAL,
  params_json          TEXT NOT NULL
);
)sql";

/// Our tables, parents before children (the insert order; a save deletes in reverse so that
/// deleting a parent never has to search a full child table). `label` is an SQL expression that
/// names a row in messages.
struct TableInfo {
  const char* name;
  const char* label;
};
constexpr std::array<TableInfo, 14> kTables{{
    {"catalog_source", "'catalog source ' || quote(id)"},
    {"catalog_item", "'catalog item ' || quote(key)"},
    {"catalog_param", "'catalog item ' || quote(item_key) || ' parameter ' || quote(name)"},
    {"catalog_curve", "'catalog item ' || quote(item_key) || ' curve ' || quote(name)"},
    {"catalog_curve_point",
     "'catalog item ' || quote(item_key) || ' curve ' || quote(curve_name) || ' point '"
     " || point_index"},
    {"building", "'building ' || quote(name) || ' (id ' || id || ')'"},
    {"hall", "'hall ' || quote(name) || ' (id ' || id || ')'"},
    {"hall_row", "'row ' || quote(name) || ' (id ' || id || ')'"},
    {"elec_node", "'electrical node ' || quote(name) || ' (id ' || id || ')'"},
    {"elec_edge", "'electrical edge ' || quote(name) || ' (id ' || id || ')'"},
    {"cooling_unit", "'cooling unit ' || quote(name) || ' (id ' || id || ')'"},
    {"rack", "'rack ' || quote(name) || ' (id ' || id || ')'"},
    {"redundancy_group", "'redundancy group ' || quote(name) || ' (id ' || id || ')'"},
    {"redundancy_member", "'member ' || (ordinal + 1) || ' of redundancy group id ' || group_id"},
}};

// Site scalars live in meta under these keys (units in the names, like every column).
constexpr const char* kKeyFormat = "format";
constexpr const char* kKeyApp = "app";
constexpr const char* kKeySiteName = "site.name";
constexpr const char* kKeyLatitude = "location.latitude_deg";
constexpr const char* kKeyLongitude = "location.longitude_deg";
constexpr const char* kKeyElevation = "location.elevation_m";
constexpr const char* kKeyPoiVoltage = "grid.poi_voltage_v";
constexpr const char* kKeyShortCircuit = "grid.short_circuit_va";
constexpr const char* kKeyXOverR = "grid.x_over_r";
constexpr const char* kKeyContractedImport = "grid.contracted_import_w";
constexpr const char* kKeyRampLimit = "grid.ramp_limit_w_per_s";
// Optional (schema 3): absent or NULL = not set.
constexpr const char* kKeyDesignDryBulb = "design.dry_bulb_c";
constexpr const char* kKeyDesignWetBulb = "design.wet_bulb_c";

/// Lists the rows whose references point nowhere (PRAGMA foreign_key_check), worded for a
/// person: "rack 'R1' (id 7): row_id = 99 refers to no hall_row".
std::vector<std::string> dangling_references(const Db& db, std::size_t max_count) {
  std::vector<std::string> out;
  // A damaged file can hold NULL where a name belongs (found by fuzz_project_file).
  const auto text = [](const Stmt& q, int col, const char* if_null) {
    const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(q.get(), col));
    return std::string(t != nullptr ? t : if_null);
  };
  for (const TableInfo& t : kTables) {
    if (out.size() >= max_count) break;
    // Table and column names below come from our own constants and from SQLite's pragmas,
    // never from a user.
    Stmt check(db, std::string("PRAGMA foreign_key_check(") + t.name + ")");
    while (out.size() < max_count && check.step()) {
      const std::int64_t rowid = sqlite3_column_int64(check.get(), 1);
      const std::string parent = text(check, 2, "(unnamed table)");
      const std::int64_t fkid = sqlite3_column_int64(check.get(), 3);
      std::string cols, vals = "''";
      Stmt list(db, std::string("PRAGMA foreign_key_list(") + t.name + ")");
      while (list.step()) {
        if (sqlite3_column_int64(list.get(), 0) != fkid) continue;
        const std::string from = text(list, 3, "NULL");
        cols += (cols.empty() ? "" : ", ") + from;
        vals += std::string(" || ") + (vals == "''" ? "" : "', ' || ") + "quote(" + from + ")";
      }
      Stmt row(db, std::string("SELECT ") + t.label + ", " + vals + " FROM " + t.name +
                       " WHERE rowid = ?");
      sqlite3_bind_int64(row.get(), 1, rowid);
      std::string who = std::string(t.name) + " row " + std::to_string(rowid), what;
      if (row.step()) {
        who = text(row, 0, (std::string(t.name) + " row " + std::to_string(rowid)).c_str());
        what = text(row, 1, "NULL");
      }
      out.push_back(who + ": " + cols + " = " + what + " refers to no " + parent);
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading values, checked: a file edited by hand or damaged must give a message, not a wrong
// site.

std::string describe_cell(sqlite3_stmt* s, int col) {
  switch (sqlite3_column_type(s, col)) {
    case SQLITE_NULL:
      return "is NULL";
    case SQLITE_INTEGER:
      return "holds the integer " + std::to_string(sqlite3_column_int64(s, col));
    case SQLITE_FLOAT:
      return "holds the number " + std::to_string(sqlite3_column_double(s, col));
    case SQLITE_TEXT: {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, col));
      return "holds the text " + show(std::string_view(p, sqlite3_column_bytes(s, col)));
    }
    default:
      return "holds a blob";
  }
}

[[noreturn]] void bad_cell(sqlite3_stmt* s, int col, const char* expected) {
  throw RowProblem(std::string(sqlite3_column_name(s, col)) + " " + describe_cell(s, col) +
                   ", expected " + expected);
}

double get_real(sqlite3_stmt* s, int col) {
  const int type = sqlite3_column_type(s, col);
  // REAL columns convert integers on insert; meta.value has no type and may hold an integer
  // typed by hand.
  if (type == SQLITE_FLOAT || type == SQLITE_INTEGER) return sqlite3_column_double(s, col);
  bad_cell(s, col, "a number");
}

std::optional<double> get_opt_real(sqlite3_stmt* s, int col) {
  if (sqlite3_column_type(s, col) == SQLITE_NULL) return std::nullopt;
  return get_real(s, col);
}

std::int64_t get_int(sqlite3_stmt* s, int col) {
  if (sqlite3_column_type(s, col) != SQLITE_INTEGER) bad_cell(s, col, "an integer");
  return sqlite3_column_int64(s, col);
}

Id get_ref(sqlite3_stmt* s, int col) {
  if (sqlite3_column_type(s, col) == SQLITE_NULL) return kNoId;
  return get_int(s, col);
}

bool get_bool(sqlite3_stmt* s, int col) {
  const std::int64_t v = get_int(s, col);
  if (v != 0 && v != 1) bad_cell(s, col, "0 or 1");
  return v == 1;
}

std::string get_text(sqlite3_stmt* s, int col) {
  if (sqlite3_column_type(s, col) != SQLITE_TEXT) bad_cell(s, col, "text");
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, col));
  return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s, col)));
}

/// A key into another table: NULL reads as empty.
std::string get_key(sqlite3_stmt* s, int col) {
  if (sqlite3_column_type(s, col) == SQLITE_NULL) return {};
  return get_text(s, col);
}

// The accepted names of each enum, from the model's own tables.
const auto& kContainments = model::all_containments();
const auto& kElecKinds = model::all_elec_kinds();
const auto& kSchemes = model::all_redundancy_schemes();
const auto& kCoolKinds = model::all_cool_kinds();

/// An enum stored by name; an unknown name lists the accepted ones.
template <class E>
E get_enum(sqlite3_stmt* s, int col, std::optional<E> (*parse)(const std::string&),
           std::span<const E> all) {
  const std::string text = get_text(s, col);
  if (auto v = parse(text)) return *v;
  std::vector<std::string> names;
  for (E e : all) names.emplace_back(model::to_string(e));
  throw RowProblem(std::string(sqlite3_column_name(s, col)) + " " + show(text) + " is not one of " +
                   join(names, ", "));
}

// ---------------------------------------------------------------------------------------------
// Migrations: migration i takes a file from schema i + 1 to schema i + 2. Each runs inside the
// transaction of the caller (a save's, or the in-memory copy of a load) and leaves user_version
// to the caller.

struct Migration {
  const char* summary;
  void (*apply)(const Db& db);
};

void migrate_1_to_2(const Db& db) {
  // v1 kept the grid ramp limit in the unit the UI shows (MW per minute); v2 keeps SI (W/s) like
  // every other value.
  Stmt get(db, "SELECT value FROM meta WHERE key = 'grid.ramp_limit_mw_per_min'");
  if (!get.step()) throw Damaged("meta has no grid.ramp_limit_mw_per_min (a schema 1 key)");
  double mw_per_min = 0;
  try {
    mw_per_min = get_real(get.get(), 0);
  } catch (const RowProblem& e) {
    throw Damaged(std::string("meta grid.ramp_limit_mw_per_min: ") + e.what());
  }
  // Multiply first: whole MW/min values then convert exactly (12 MW/min -> 200000 W/s).
  const double w_per_s = mw_per_min * 1e6 / 60.0;
  Stmt put(db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('grid.ramp_limit_w_per_s', ?)");
  sqlite3_bind_double(put.get(), 1, w_per_s);
  put.step();
  Stmt del(db, "DELETE FROM meta WHERE key = 'grid.ramp_limit_mw_per_min'");
  del.step();
}

// A migration that adds columns to cooling_unit: the table must exist and must not have them
// yet (`columns`: a condition on pragma_table_info's name), else the file is damaged.
void require_cooling_unit_without(const Db& db, const std::string& columns,
                                  const std::string& damaged) {
  if (query_int(db,
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                "name = 'cooling_unit'") == 0) {
    throw Damaged("there is no cooling_unit table");
  }
  if (query_int(db, "SELECT count(*) FROM pragma_table_info('cooling_unit') WHERE " + columns) != 0)
    throw Damaged(damaged);
}

void migrate_2_to_3(const Db& db) {
  // v3 adds the water a loop's piping or a storage tank holds (cooling_unit.volume_m3) and the
  // site's optional design weather (meta design.dry_bulb_c, design.wet_bulb_c). A v2 file knew
  // neither: volume 0 ("none or unknown", the model's default) and no design weather.
  require_cooling_unit_without(db, "name = 'volume_m3'",
                               "cooling_unit already has a volume_m3 column, which schema 2 does "
                               "not have");
  // SQLite adds a NOT NULL column only with a default; the writer always sets the value.
  Stmt add(db, "ALTER TABLE cooling_unit ADD COLUMN volume_m3 REAL NOT NULL DEFAULT 0");
  add.step();
  // Keys of these names meant nothing in schema 2: the design weather starts unset.
  Stmt del(db, "DELETE FROM meta WHERE key IN ('design.dry_bulb_c', 'design.wet_bulb_c')");
  del.step();
}

void migrate_3_to_4(const Db& db) {
  // v4 stores scenarios (the scenario table); a v3 file had none.
  if (query_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'scenario'") != 0) {
    throw Damaged("there is already a table named scenario, which schema 3 does not have");
  }
  if (sqlite3_exec(db.get(), kScenarioTable, nullptr, nullptr, nullptr) != SQLITE_OK) {
    throw_sql(db.get());
  }
}

void migrate_4_to_5(const Db& db) {
  // v5 adds the electrical feeds of cooling units' motors (cooling_unit.feed_a_id, feed_b_id),
  // references to elec_node like a rack's two cords. A v4 file knew none: NULL, not fed.
  require_cooling_unit_without(db, "name IN ('feed_a_id', 'feed_b_id')",
                               "cooling_unit already has a feed_a_id or feed_b_id column, which "
                               "schema 4 does not have");
  // SQLite adds a column with a foreign key only when its default is NULL, which is what an
  // unfed unit holds.
  for (const char* sql :
       {"ALTER TABLE cooling_unit ADD COLUMN feed_a_id INTEGER REFERENCES elec_node (id) "
        "DEFERRABLE INITIALLY DEFERRED",
        "ALTER TABLE cooling_unit ADD COLUMN feed_b_id INTEGER REFERENCES elec_node (id) "
        "DEFERRABLE INITIALLY DEFERRED"}) {
    Stmt add(db, sql);
    add.step();
  }
}

constexpr std::array<Migration, kProjectSchemaVersion - 1> kMigrations{{
    {"grid ramp limit from MW/min (ramp_limit_mw_per_min) to W/s (ramp_limit_w_per_s)",
     &migrate_1_to_2},
    {"cooling_unit.volume_m3 added (0: none), design weather added (unset)", &migrate_2_to_3},
    {"scenario table added (empty)", &migrate_3_to_4},
    {"cooling_unit.feed_a_id and feed_b_id added (NULL: not fed)", &migrate_4_to_5},
}};

void migrate(const Db& db, int from_version) {
  for (int v = from_version; v < kProjectSchemaVersion; ++v) {
    const Migration& m = kMigrations[static_cast<std::size_t>(v - 1)];
    try {
      m.apply(db);
    } catch (const Damaged& e) {
      throw Damaged("migrating from schema " + std::to_string(v) + " to " + std::to_string(v + 1) +
                    " (" + m.summary + "): " + e.what());
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Checks before touching a file.

/// A non-empty write-ahead log beside the file: committed transactions SQLite has not yet copied
/// into the file (a writer that was killed, or one still open).
bool has_wal(const std::string& path) {
  std::error_code ec;
  const auto n = std::filesystem::file_size(path + "-wal", ec);
  return !ec && n > 0;
}

/// Reads the start of the file: is it SQLite, and is it as long as its header says?
/// Returns false when the file does not exist or is empty (a save may create it).
bool check_file(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (!fs::exists(st)) return false;
  if (!fs::is_regular_file(st)) {
    throw ProjectFileError(path + ": not a file. Choose a .dctwin project file.");
  }
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) throw ProjectFileError(path + ": cannot read: " + ec.message() + ".");
  if (size == 0) return false;

  std::array<unsigned char, 100> h{};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ProjectFileError(path + ": cannot read the file. Check its permissions.");
  in.read(reinterpret_cast<char*>(h.data()), h.size());
  const std::size_t got = static_cast<std::size_t>(in.gcount());

  constexpr std::string_view kMagic("SQLite format 3\0", 16);
  if (got < kMagic.size() ||
      std::string_view(reinterpret_cast<const char*>(h.data()), kMagic.size()) != kMagic) {
    throw ProjectFileError(path +
                           ": not a dctwin project: the file is not an SQLite database. "
                           "Choose a .dctwin project file; dctwin never overwrites other files.");
  }
  if (got < h.size()) {
    throw ProjectFileError(path + ": damaged project file: truncated to " + std::to_string(size) +
                           " bytes, shorter than the SQLite header. Restore it from a backup.");
  }
  auto be = [&](std::size_t at, std::size_t n) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v = (v << 8) | h[at + i];
    return v;
  };
  std::uint64_t page_size = be(16, 2);
  if (page_size == 1) page_size = 65536;
  const std::uint64_t change_counter = be(24, 4), page_count = be(28, 4), valid_for = be(92, 4);
  // The page count in the header is only meaningful when it was written with the current change
  // counter (SQLite's own rule); then a shorter file has lost its tail. Unless a write-ahead log
  // lies beside it: a checkpoint killed while the file grows leaves exactly this (page 1 written,
  // the tail not yet), and SQLite recovers it from the log on open. Then SQLite decides, and the
  // integrity check after the open calls the file damaged only when it is.
  if (change_counter == valid_for && page_count > 0 && size < page_count * page_size &&
      !has_wal(path)) {
    throw ProjectFileError(path + ": damaged project file: truncated (" + std::to_string(size) +
                           " bytes, the header says " + std::to_string(page_count * page_size) +
                           "). Restore it from a backup.");
  }
  return true;
}

struct Identity {
  bool empty = false;  ///< an SQLite database without any table: nothing to lose
  std::int64_t application_id = 0;
  int version = 0;
};

Identity identify(const Db& db) {
  Identity id;
  // The first real read: a file that only starts like SQLite fails here.
  id.empty = query_int(db, "SELECT count(*) FROM sqlite_master") == 0;
  id.application_id = query_int(db, "PRAGMA application_id");
  id.version = static_cast<int>(query_int(db, "PRAGMA user_version"));
  return id;
}

/// Refuses a file that is not a dctwin project of a schema this build can read. The messages
/// differ a little between opening and saving (saving says the file was left alone).
void require_project(const std::string& path, const Identity& id, bool saving) {
  const std::string untouched = saving ? " The file was not changed." : "";
  if (id.empty && id.application_id == 0 && id.version == 0) {
    if (saving) return;  // an empty database (e.g. a first save that was interrupted)
    throw ProjectFileError(path +
                           ": contains no dctwin project (an empty SQLite database; a first "
                           "save may have been interrupted). Choose another file.");
  }
  if (id.application_id != kApplicationId) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08llx",
                  static_cast<unsigned long long>(id.application_id & 0xffffffffLL));
    throw ProjectFileError(path +
                           ": not a dctwin project: an SQLite database of another program "
                           "(application_id " +
                           hex + "). " +
                           (saving ? "dctwin will not overwrite it: save under another name."
                                   : "Choose a .dctwin project file."));
  }
  if (id.version > kProjectSchemaVersion) {
    throw ProjectFileError(path + ": written by a newer dctwin (schema " +
                           std::to_string(id.version) + ", this build reads up to " +
                           std::to_string(kProjectSchemaVersion) + "): update dctwin." + untouched);
  }
  if (id.version < 1) {
    throw ProjectFileError(path + ": damaged project file: schema version " +
                           std::to_string(id.version) +
                           " is not a dctwin schema. Restore it from a backup." + untouched);
  }
}

/// SQLite's own check of pages and indexes. Cheap next to reading the tables (see the docs).
void check_integrity(const Db& db) {
  Stmt st(db, "PRAGMA integrity_check(5)");
  std::vector<std::string> problems;
  while (st.step()) {
    const std::string line = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0));
    if (line != "ok") problems.push_back(line);
  }
  if (!problems.empty()) throw Damaged("SQLite integrity check failed: " + join(problems, "; "));
}

// ---------------------------------------------------------------------------------------------
// Writing.

void check_writable(const model::Site& site, const model::Catalog& catalog) {
  const model::RackTable& r = site.racks;
  const std::size_t n = r.size();
  for (std::size_t size :
       {r.row_id.size(), r.name.size(), r.type.size(), r.x_m.size(), r.y_m.size(),
        r.orientation_deg.size(), r.power_override_w.size(), r.feed_a.size(), r.feed_b.size(),
        r.cdu_id.size(), r.air_unit_id.size()}) {
    if (size != n) {
      throw InvalidSite("the rack table's columns have different lengths (" + std::to_string(n) +
                        " ids, " + std::to_string(size) + " in another column)");
    }
  }
  for (const auto& [key, item] : catalog.items) {
    if (key != item.key) {
      throw InvalidSite("catalog item " + show(item.key) + " is filed under the key " + show(key));
    }
  }
  for (const auto& [key, source] : catalog.sources) {
    if (key != source.id) {
      throw InvalidSite("catalog source " + show(source.id) + " is filed under the key " +
                        show(key));
    }
  }
}

template <class Fn, class Describe>
void write_row(Fn&& bind, Describe&& describe) {
  try {
    bind();
  } catch (const RowProblem& e) {
    throw InvalidSite(describe() + ": " + e.what());
  }
}

void write_catalog(const Db& db, const model::Catalog& catalog) {
  Insert src(db, "catalog_source", {"id", "title", "url", "date"});
  // Loop variables rather than structured bindings: the lambdas capture them, which clang
  // before 16 (the fuzzing build, scripts/fuzz.sh) does not allow for bindings.
  for (const auto& source : catalog.sources) {
    const auto& key = source.first;
    const auto& s = source.second;
    write_row([&] { src.text(s.id).text(s.title).text(s.url).text(s.date).exec(); },
              [&] { return "catalog source " + show(key); });
  }
  Insert item(db, "catalog_item", {"key", "kind", "name"});
  Insert param(db, "catalog_param", {"item_key", "name", "value", "source_id", "note"});
  Insert curve(db, "catalog_curve", {"item_key", "name", "x_name", "y_name", "source_id", "note"});
  Insert point(db, "catalog_curve_point", {"item_key", "curve_name", "point_index", "x", "y"});
  for (const auto& entry : catalog.items) {
    const auto& key = entry.first;
    const auto& it = entry.second;
    write_row([&] { item.text(it.key).text(model::to_string(it.kind)).text(it.name).exec(); },
              [&] { return "catalog item " + show(key); });
    for (const auto& pv : it.params) {
      const auto& name = pv.first;
      const auto& v = pv.second;
      write_row(
          [&] { param.text(it.key).text(name).real(v.value).key(v.source_id).text(v.note).exec(); },
          [&] { return "catalog item " + show(key) + " parameter " + show(name); });
    }
    for (const auto& nc : it.curves) {
      const auto& name = nc.first;
      const auto& c = nc.second;
      auto who = [&] { return "catalog item " + show(key) + " curve " + show(name); };
      write_row(
          [&] {
            curve.text(it.key).text(name).text(c.x_name).text(c.y_name).key(c.source_id);
            curve.text(c.note).exec();
          },
          who);
      // x and y are stored side by side; a curve whose lengths differ (invalid, but it may be
      // mid-edit) keeps its extra values with NULL on the short side.
      const std::size_t n = std::max(c.x.size(), c.y.size());
      for (std::size_t i = 0; i < n; ++i) {
        write_row(
            [&] {
              point.text(it.key).text(name).integer(static_cast<std::int64_t>(i));
              if (i < c.x.size())
                point.real(c.x[i]);
              else
                point.null();
              if (i < c.y.size())
                point.real(c.y[i]);
              else
                point.null();
              point.exec();
            },
            [&] { return who() + " point " + std::to_string(i); });
      }
    }
  }
}

void write_meta(const Db& db, const model::Site& site) {
  // INSERT OR REPLACE: keys that other parts of dctwin keep in meta stay as they are.
  Stmt put(db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
  auto text = [&](const char* key, const std::string& v) {
    sqlite3_bind_text(put.get(), 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text64(put.get(), 2, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
    put.step();
    put.reset();
  };
  auto real = [&](const char* key, double v) {
    if (std::isnan(v)) throw InvalidSite(std::string("site ") + key + " is NaN (not a number)");
    sqlite3_bind_text(put.get(), 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_double(put.get(), 2, v);
    put.step();
    put.reset();
  };
  text(kKeyFormat, kFormat);
  text(kKeyApp, kApp);
  text(kKeySiteName, site.name);
  real(kKeyLatitude, site.location.latitude_deg);
  real(kKeyLongitude, site.location.longitude_deg);
  real(kKeyElevation, site.location.elevation_m);
  real(kKeyPoiVoltage, site.grid.poi_voltage_v);
  real(kKeyShortCircuit, site.grid.short_circuit_va);
  real(kKeyXOverR, site.grid.x_over_r);
  real(kKeyContractedImport, site.grid.contracted_import_w);
  real(kKeyRampLimit, site.grid.ramp_limit_w_per_s);
  // Optional values: NULL when not set (so that a save clears a value set before).
  auto opt_real = [&](const char* key, const std::optional<double>& v) {
    if (v) return real(key, *v);
    sqlite3_bind_text(put.get(), 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_null(put.get(), 2);
    put.step();
    put.reset();
  };
  opt_real(kKeyDesignDryBulb, site.design_weather.dry_bulb_c);
  opt_real(kKeyDesignWetBulb, site.design_weather.wet_bulb_c);
}

void write_site(const Db& db, const model::Site& site) {
  write_meta(db, site);

  Insert building(db, "building", {"id", "ordinal", "name", "x_m", "y_m", "width_m", "depth_m"});
  std::int64_t ord = 0;
  for (const auto& b : site.buildings) {
    write_row(
        [&] {
          building.integer(b.id).integer(ord++).text(b.name).real(b.x_m).real(b.y_m);
          building.real(b.width_m).real(b.depth_m).exec();
        },
        [&] { return label("building", b.name, b.id); });
  }

  Insert hall(db, "hall",
              {"id", "ordinal", "building_id", "name", "x_m", "y_m", "width_m", "depth_m",
               "height_m", "containment", "tile_m"});
  ord = 0;
  for (const auto& h : site.halls) {
    write_row(
        [&] {
          hall.integer(h.id).integer(ord++).ref(h.building_id).text(h.name).real(h.x_m);
          hall.real(h.y_m).real(h.width_m).real(h.depth_m).real(h.height_m);
          hall.text(model::to_string(h.containment)).real(h.tile_m).exec();
        },
        [&] { return label("hall", h.name, h.id); });
  }

  Insert row(db, "hall_row", {"id", "ordinal", "hall_id", "name", "x_m", "y_m", "orientation_deg"});
  ord = 0;
  for (const auto& r : site.rows) {
    write_row(
        [&] {
          row.integer(r.id).integer(ord++).ref(r.hall_id).text(r.name).real(r.x_m).real(r.y_m);
          row.real(r.orientation_deg).exec();
        },
        [&] { return label("row", r.name, r.id); });
  }

  Insert node(db, "elec_node",
              {"id", "ordinal", "kind", "name", "type", "building_id", "hall_id", "rating_w",
               "voltage_v", "dc", "side"});
  ord = 0;
  for (const auto& n : site.elec_nodes) {
    write_row(
        [&] {
          node.integer(n.id).integer(ord++).text(model::to_string(n.kind)).text(n.name);
          node.key(n.type).ref(n.building_id).ref(n.hall_id).real(n.rating_w).real(n.voltage_v);
          node.boolean(n.dc).text(n.side).exec();
        },
        [&] { return label("electrical node", n.name, n.id); });
  }

  Insert edge(db, "elec_edge",
              {"id", "ordinal", "from_node_id", "to_node_id", "name", "r_ohm", "x_ohm", "b_s",
               "rating_w", "length_m", "normally_open"});
  ord = 0;
  for (const auto& e : site.elec_edges) {
    write_row(
        [&] {
          edge.integer(e.id).integer(ord++).ref(e.from).ref(e.to).text(e.name).real(e.r_ohm);
          edge.real(e.x_ohm).real(e.b_s).real(e.rating_w).real(e.length_m);
          edge.boolean(e.normally_open).exec();
        },
        [&] { return label("electrical edge", e.name, e.id); });
  }

  Insert cool(db, "cooling_unit",
              {"id",          "ordinal",           "kind",          "name",       "type",
               "building_id", "hall_id",           "x_m",           "y_m",        "orientation_deg",
               "capacity_w",  "airflow_m3_s",      "supply_temp_c", "approach_k", "flow_m3_s",
               "loop_id",     "condenser_loop_id", "volume_m3",     "feed_a_id",  "feed_b_id"});
  ord = 0;
  for (const auto& c : site.cooling) {
    write_row(
        [&] {
          cool.integer(c.id).integer(ord++).text(model::to_string(c.kind)).text(c.name);
          cool.key(c.type).ref(c.building_id).ref(c.hall_id).real(c.x_m).real(c.y_m);
          cool.real(c.orientation_deg).real(c.capacity_w).real(c.airflow_m3_s);
          cool.real(c.supply_temp_c).real(c.approach_k).real(c.flow_m3_s).ref(c.loop_id);
          cool.ref(c.condenser_loop_id).real(c.volume_m3).ref(c.feed_a).ref(c.feed_b).exec();
        },
        [&] { return label("cooling unit", c.name, c.id); });
  }

  // Racks straight from the columns: no Rack copies for 10,000 racks.
  const model::RackTable& rt = site.racks;
  Insert rack(db, "rack",
              {"id", "ordinal", "row_id", "name", "type", "x_m", "y_m", "orientation_deg",
               "power_override_w", "feed_a_id", "feed_b_id", "cdu_id", "air_unit_id"});
  for (std::size_t i = 0; i < rt.size(); ++i) {
    write_row(
        [&] {
          rack.integer(rt.id[i]).integer(static_cast<std::int64_t>(i)).ref(rt.row_id[i]);
          rack.text(rt.name[i]).key(rt.type[i]).real(rt.x_m[i]).real(rt.y_m[i]);
          rack.real(rt.orientation_deg[i]).opt_real(rt.power_override_w[i]).ref(rt.feed_a[i]);
          rack.ref(rt.feed_b[i]).ref(rt.cdu_id[i]).ref(rt.air_unit_id[i]).exec();
        },
        [&] { return label("rack", rt.name[i], rt.id[i]); });
  }

  // Redundancy members may be electrical nodes or cooling units: one column (and one foreign
  // key) for each, found by id.
  std::unordered_map<Id, bool> is_elec;  // id -> true: electrical node, false: cooling unit
  is_elec.reserve(site.elec_nodes.size() + site.cooling.size());
  for (const auto& c : site.cooling) is_elec.emplace(c.id, false);
  for (const auto& n : site.elec_nodes) is_elec[n.id] = true;
  Insert group(
      db, "redundancy_group",
      {"id", "ordinal", "name", "scheme", "catcher_elec_node_id", "catcher_cooling_unit_id"});
  Insert member(db, "redundancy_member",
                {"group_id", "ordinal", "elec_node_id", "cooling_unit_id"});
  ord = 0;
  for (const auto& g : site.groups) {
    auto who = [&] { return label("redundancy group", g.name, g.id); };
    auto kind_of = [&](Id id, const char* role) {
      const auto it = is_elec.find(id);
      if (it == is_elec.end()) {
        throw RowProblem(std::string(role) + " " + std::to_string(id) +
                         " is neither an electrical node nor a cooling unit");
      }
      return it->second;
    };
    write_row(
        [&] {
          group.integer(g.id).integer(ord++).text(g.name).text(model::to_string(g.scheme));
          if (g.catcher == kNoId) {
            group.null().null();
          } else if (kind_of(g.catcher, "catcher")) {
            group.integer(g.catcher).null();
          } else {
            group.null().integer(g.catcher);
          }
          group.exec();
          for (std::size_t i = 0; i < g.members.size(); ++i) {
            const Id m = g.members[i];
            member.integer(g.id).integer(static_cast<std::int64_t>(i));
            if (kind_of(m, "member")) {
              member.integer(m).null();
            } else {
              member.null().integer(m);
            }
            member.exec();
          }
        },
        who);
  }
}

void write_scenarios(const Db& db, const std::vector<StoredScenario>& scenarios) {
  Stmt del(db, "DELETE FROM scenario");
  del.step();
  Insert ins(
      db, "scenario",
      {"id", "name", "description", "horizon_s", "step_s", "load_kind", "load_mean",
       "load_amplitude", "weather_kind", "weather_source", "dry_bulb_c", "wet_bulb_c", "smoothing",
       "battery_power_w", "battery_energy_wh", "battery_ramp_w_per_s", "params_json"});
  std::int64_t id = 0;
  for (const StoredScenario& c : scenarios) {
    write_row(
        [&] {
          ins.integer(++id)
              .text(c.name)
              .text(c.description)
              .real(c.horizon_s)
              .real(c.step_s)
              .text(c.load_kind)
              .real(c.load_mean)
              .real(c.load_amplitude)
              .text(c.weather_kind)
              .text(c.weather_source)
              .opt_real(c.dry_bulb_c)
              .opt_real(c.wet_bulb_c)
              .boolean(c.smoothing)
              .opt_real(c.battery_power_w)
              .opt_real(c.battery_energy_wh)
              .opt_real(c.battery_ramp_w_per_s)
              .text(c.params_json)
              .exec();
        },
        [&] { return "scenario " + show(c.name); });
  }
}

void delete_rows(const Db& db) {
  // Children first: a deleted parent then finds no child rows to look for.
  for (auto it = kTables.rbegin(); it != kTables.rend(); ++it) {
    Stmt del(db, std::string("DELETE FROM ") + it->name);
    del.step();
  }
}

// ---------------------------------------------------------------------------------------------
// Reading.

template <class Fn>
void read_rows(const Db& db, const std::string& sql, const char* what, Fn&& fn) {
  Stmt st(db, sql);
  while (st.step()) {
    try {
      fn(st.get());
    } catch (const RowProblem& e) {
      // The first column is the id (or key) in every query below.
      std::string who = std::string(what) + " ";
      who += sqlite3_column_type(st.get(), 0) == SQLITE_TEXT
                 ? show(reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0)))
                 : "id " + std::to_string(sqlite3_column_int64(st.get(), 0));
      throw Damaged(who + ": " + e.what());
    }
  }
}

void read_meta(const Db& db, model::Site& site) {
  const std::array text_keys{kKeyFormat, kKeySiteName};
  const std::array real_keys{kKeyLatitude,     kKeyLongitude, kKeyElevation,        kKeyPoiVoltage,
                             kKeyShortCircuit, kKeyXOverR,    kKeyContractedImport, kKeyRampLimit};
  auto among = [](const auto& keys, const std::string& key) {
    return std::any_of(keys.begin(), keys.end(), [&](const char* k) { return key == k; });
  };
  std::unordered_map<std::string, std::string> texts;
  std::unordered_map<std::string, double> reals;
  const std::array opt_real_keys{kKeyDesignDryBulb, kKeyDesignWetBulb};
  std::unordered_map<std::string, std::optional<double>> opt_reals;  // absent or NULL: not set
  // meta may hold keys of other parts of dctwin: read ours, leave the rest alone.
  Stmt st(db, "SELECT key, value FROM meta");
  while (st.step()) {
    if (sqlite3_column_type(st.get(), 0) != SQLITE_TEXT) continue;
    const std::string key = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0));
    try {
      if (among(text_keys, key)) texts[key] = get_text(st.get(), 1);
      if (among(real_keys, key)) reals[key] = get_real(st.get(), 1);
      if (among(opt_real_keys, key)) opt_reals[key] = get_opt_real(st.get(), 1);
    } catch (const RowProblem& e) {
      throw Damaged("meta " + key + ": " + e.what());
    }
  }
  for (const char* k : text_keys) {
    if (!texts.count(k)) throw Damaged(std::string("meta has no key ") + k);
  }
  for (const char* k : real_keys) {
    if (!reals.count(k)) throw Damaged(std::string("meta has no key ") + k);
  }
  if (texts[kKeyFormat] != kFormat) {
    throw Damaged("meta format is " + show(texts[kKeyFormat]) + ", expected " + show(kFormat));
  }
  site.name = texts[kKeySiteName];
  site.location.latitude_deg = reals[kKeyLatitude];
  site.location.longitude_deg = reals[kKeyLongitude];
  site.location.elevation_m = reals[kKeyElevation];
  site.grid.poi_voltage_v = reals[kKeyPoiVoltage];
  site.grid.short_circuit_va = reals[kKeyShortCircuit];
  site.grid.x_over_r = reals[kKeyXOverR];
  site.grid.contracted_import_w = reals[kKeyContractedImport];
  site.grid.ramp_limit_w_per_s = reals[kKeyRampLimit];
  site.design_weather.dry_bulb_c = opt_reals[kKeyDesignDryBulb];
  site.design_weather.wet_bulb_c = opt_reals[kKeyDesignWetBulb];
}

model::Catalog read_catalog(const Db& db) {
  model::Catalog cat;
  read_rows(db, "SELECT id, title, url, date FROM catalog_source", "catalog source",
            [&](sqlite3_stmt* s) {
              model::Source src{get_text(s, 0), get_text(s, 1), get_text(s, 2), get_text(s, 3)};
              cat.sources.emplace(src.id, std::move(src));
            });
  read_rows(db, "SELECT key, kind, name FROM catalog_item", "catalog item", [&](sqlite3_stmt* s) {
    model::CatalogItem item;
    item.key = get_text(s, 0);
    const auto& kinds = model::all_item_kinds();
    item.kind = get_enum<model::ItemKind>(s, 1, &model::item_kind_from_string,
                                          std::span(kinds.data(), kinds.size()));
    item.name = get_text(s, 2);
    cat.items.emplace(item.key, std::move(item));
  });
  auto item_of = [&](const std::string& key) -> model::CatalogItem& {
    const auto it = cat.items.find(key);
    // The foreign key check ran before reading; this only guards against a file changed since.
    if (it == cat.items.end()) throw RowProblem("item_key refers to no catalog_item");
    return it->second;
  };
  read_rows(db, "SELECT item_key, name, value, source_id, note FROM catalog_param",
            "catalog parameter of", [&](sqlite3_stmt* s) {
              model::CatalogItem& item = item_of(get_text(s, 0));
              item.params[get_text(s, 1)] =
                  model::SourcedValue{get_real(s, 2), get_key(s, 3), get_text(s, 4)};
            });
  read_rows(db, "SELECT item_key, name, x_name, y_name, source_id, note FROM catalog_curve",
            "catalog curve of", [&](sqlite3_stmt* s) {
              model::CatalogItem& item = item_of(get_text(s, 0));
              model::SourcedCurve& c = item.curves[get_text(s, 1)];
              c.x_name = get_text(s, 2);
              c.y_name = get_text(s, 3);
              c.source_id = get_key(s, 4);
              c.note = get_text(s, 5);
            });
  read_rows(db,
            "SELECT item_key, curve_name, point_index, x, y FROM catalog_curve_point "
            "ORDER BY item_key, curve_name, point_index",
            "catalog curve point of", [&](sqlite3_stmt* s) {
              model::CatalogItem& item = item_of(get_text(s, 0));
              const std::string name = get_text(s, 1);
              const auto it = item.curves.find(name);
              if (it == item.curves.end()) throw RowProblem("curve_name refers to no curve");
              model::SourcedCurve& c = it->second;
              const std::int64_t index = get_int(s, 2);
              const std::size_t n = std::max(c.x.size(), c.y.size());
              if (index != static_cast<std::int64_t>(n)) {
                throw RowProblem("curve " + show(name) + " point_index " + std::to_string(index) +
                                 " where " + std::to_string(n) +
                                 " was expected (points must be numbered 0, 1, 2, ...)");
              }
              // NULL marks the short side of a curve whose x and y differ in length; values
              // may not resume after it.
              const auto x = get_opt_real(s, 3), y = get_opt_real(s, 4);
              if ((x && c.x.size() != n) || (y && c.y.size() != n) || (!x && !y)) {
                throw RowProblem("curve " + show(name) + " point " + std::to_string(index) +
                                 " has a gap in x or y");
              }
              if (x) c.x.push_back(*x);
              if (y) c.y.push_back(*y);
            });
  return cat;
}

model::Site read_site(const Db& db) {
  model::Site site;
  read_meta(db, site);
  read_rows(
      db, "SELECT id, name, x_m, y_m, width_m, depth_m FROM building ORDER BY ordinal", "building",
      [&](sqlite3_stmt* s) {
        site.buildings.push_back(model::Building{get_int(s, 0), get_text(s, 1), get_real(s, 2),
                                                 get_real(s, 3), get_real(s, 4), get_real(s, 5)});
      });
  read_rows(db,
            "SELECT id, building_id, name, x_m, y_m, width_m, depth_m, height_m, containment, "
            "tile_m FROM hall ORDER BY ordinal",
            "hall", [&](sqlite3_stmt* s) {
              model::Hall h;
              h.id = get_int(s, 0);
              h.building_id = get_ref(s, 1);
              h.name = get_text(s, 2);
              h.x_m = get_real(s, 3);
              h.y_m = get_real(s, 4);
              h.width_m = get_real(s, 5);
              h.depth_m = get_real(s, 6);
              h.height_m = get_real(s, 7);
              h.containment = get_enum<model::Containment>(s, 8, &model::containment_from_string,
                                                           kContainments);
              h.tile_m = get_real(s, 9);
              site.halls.push_back(std::move(h));
            });
  read_rows(db,
            "SELECT id, hall_id, name, x_m, y_m, orientation_deg FROM hall_row ORDER BY ordinal",
            "row", [&](sqlite3_stmt* s) {
              site.rows.push_back(model::Row{get_int(s, 0), get_ref(s, 1), get_text(s, 2),
                                             get_real(s, 3), get_real(s, 4), get_real(s, 5)});
            });
  read_rows(db,
            "SELECT id, kind, name, type, building_id, hall_id, rating_w, voltage_v, dc, side "
            "FROM elec_node ORDER BY ordinal",
            "electrical node", [&](sqlite3_stmt* s) {
              model::ElecNode n;
              n.id = get_int(s, 0);
              n.kind = get_enum<model::ElecKind>(s, 1, &model::elec_kind_from_string, kElecKinds);
              n.name = get_text(s, 2);
              n.type = get_key(s, 3);
              n.building_id = get_ref(s, 4);
              n.hall_id = get_ref(s, 5);
              n.rating_w = get_real(s, 6);
              n.voltage_v = get_real(s, 7);
              n.dc = get_bool(s, 8);
              n.side = get_text(s, 9);
              site.elec_nodes.push_back(std::move(n));
            });
  read_rows(db,
            "SELECT id, from_node_id, to_node_id, name, r_ohm, x_ohm, b_s, rating_w, length_m, "
            "normally_open FROM elec_edge ORDER BY ordinal",
            "electrical edge", [&](sqlite3_stmt* s) {
              model::ElecEdge e;
              e.id = get_int(s, 0);
              e.from = get_ref(s, 1);
              e.to = get_ref(s, 2);
              e.name = get_text(s, 3);
              e.r_ohm = get_real(s, 4);
              e.x_ohm = get_real(s, 5);
              e.b_s = get_real(s, 6);
              e.rating_w = get_real(s, 7);
              e.length_m = get_real(s, 8);
              e.normally_open = get_bool(s, 9);
              site.elec_edges.push_back(std::move(e));
            });
  read_rows(db,
            "SELECT id, kind, name, type, building_id, hall_id, x_m, y_m, orientation_deg, "
            "capacity_w, airflow_m3_s, supply_temp_c, approach_k, flow_m3_s, loop_id, "
            "condenser_loop_id, volume_m3, feed_a_id, feed_b_id FROM cooling_unit "
            "ORDER BY ordinal",
            "cooling unit", [&](sqlite3_stmt* s) {
              model::CoolingUnit c;
              c.id = get_int(s, 0);
              c.kind = get_enum<model::CoolKind>(s, 1, &model::cool_kind_from_string, kCoolKinds);
              c.name = get_text(s, 2);
              c.type = get_key(s, 3);
              c.building_id = get_ref(s, 4);
              c.hall_id = get_ref(s, 5);
              c.x_m = get_real(s, 6);
              c.y_m = get_real(s, 7);
              c.orientation_deg = get_real(s, 8);
              c.capacity_w = get_real(s, 9);
              c.airflow_m3_s = get_real(s, 10);
              c.supply_temp_c = get_real(s, 11);
              c.approach_k = get_real(s, 12);
              c.flow_m3_s = get_real(s, 13);
              c.loop_id = get_ref(s, 14);
              c.condenser_loop_id = get_ref(s, 15);
              c.volume_m3 = get_real(s, 16);
              c.feed_a = get_ref(s, 17);
              c.feed_b = get_ref(s, 18);
              site.cooling.push_back(std::move(c));
            });

  model::RackTable& rt = site.racks;
  const auto n_racks = static_cast<std::size_t>(query_int(db, "SELECT count(*) FROM rack"));
  rt.id.reserve(n_racks);
  rt.row_id.reserve(n_racks);
  rt.name.reserve(n_racks);
  rt.type.reserve(n_racks);
  rt.x_m.reserve(n_racks);
  rt.y_m.reserve(n_racks);
  rt.orientation_deg.reserve(n_racks);
  rt.power_override_w.reserve(n_racks);
  rt.feed_a.reserve(n_racks);
  rt.feed_b.reserve(n_racks);
  rt.cdu_id.reserve(n_racks);
  rt.air_unit_id.reserve(n_racks);
  read_rows(db,
            "SELECT id, row_id, name, type, x_m, y_m, orientation_deg, power_override_w, "
            "feed_a_id, feed_b_id, cdu_id, air_unit_id FROM rack ORDER BY ordinal",
            "rack", [&](sqlite3_stmt* s) {
              // Read the whole row before appending so the columns never differ in length.
              model::Rack r;
              r.id = get_int(s, 0);
              r.row_id = get_ref(s, 1);
              r.name = get_text(s, 2);
              r.type = get_key(s, 3);
              r.x_m = get_real(s, 4);
              r.y_m = get_real(s, 5);
              r.orientation_deg = get_real(s, 6);
              r.power_override_w = get_opt_real(s, 7);
              r.feed_a = get_ref(s, 8);
              r.feed_b = get_ref(s, 9);
              r.cdu_id = get_ref(s, 10);
              r.air_unit_id = get_ref(s, 11);
              rt.id.push_back(r.id);
              rt.row_id.push_back(r.row_id);
              rt.name.push_back(std::move(r.name));
              rt.type.push_back(std::move(r.type));
              rt.x_m.push_back(r.x_m);
              rt.y_m.push_back(r.y_m);
              rt.orientation_deg.push_back(r.orientation_deg);
              rt.power_override_w.push_back(r.power_override_w);
              rt.feed_a.push_back(r.feed_a);
              rt.feed_b.push_back(r.feed_b);
              rt.cdu_id.push_back(r.cdu_id);
              rt.air_unit_id.push_back(r.air_unit_id);
            });

  std::unordered_map<Id, std::size_t> group_index;
  read_rows(db,
            "SELECT id, name, scheme, catcher_elec_node_id, catcher_cooling_unit_id "
            "FROM redundancy_group ORDER BY ordinal",
            "redundancy group", [&](sqlite3_stmt* s) {
              model::RedundancyGroup g;
              g.id = get_int(s, 0);
              g.name = get_text(s, 1);
              g.scheme = get_enum<model::RedundancyScheme>(
                  s, 2, &model::redundancy_scheme_from_string, kSchemes);
              const Id elec = get_ref(s, 3), cool = get_ref(s, 4);
              if (elec != kNoId && cool != kNoId) {
                throw RowProblem("has both catcher_elec_node_id and catcher_cooling_unit_id");
              }
              g.catcher = elec != kNoId ? elec : cool;
              group_index[g.id] = site.groups.size();
              site.groups.push_back(std::move(g));
            });
  read_rows(db,
            "SELECT group_id, ordinal, elec_node_id, cooling_unit_id FROM redundancy_member "
            "ORDER BY group_id, ordinal",
            "member of redundancy group", [&](sqlite3_stmt* s) {
              const auto it = group_index.find(get_int(s, 0));
              if (it == group_index.end()) throw RowProblem("group_id refers to no group");
              model::RedundancyGroup& g = site.groups[it->second];
              const Id elec = get_ref(s, 2), cool = get_ref(s, 3);
              if ((elec == kNoId) == (cool == kNoId)) {
                throw RowProblem("needs exactly one of elec_node_id and cooling_unit_id");
              }
              g.members.push_back(elec != kNoId ? elec : cool);
            });
  return site;
}

/// Reads everything, after checking that every reference resolves. Runs inside a transaction so
/// that the tables are read as one snapshot.
std::vector<StoredScenario> read_scenarios(const Db& db) {
  std::vector<StoredScenario> out;
  read_rows(db,
            "SELECT name, description, horizon_s, step_s, load_kind, load_mean, load_amplitude, "
            "weather_kind, weather_source, dry_bulb_c, wet_bulb_c, smoothing, battery_power_w, "
            "battery_energy_wh, battery_ramp_w_per_s, params_json FROM scenario ORDER BY id",
            "scenario", [&](sqlite3_stmt* s) {
              StoredScenario c;
              c.name = get_text(s, 0);
              c.description = get_text(s, 1);
              c.horizon_s = get_real(s, 2);
              c.step_s = get_real(s, 3);
              c.load_kind = get_text(s, 4);
              c.load_mean = get_real(s, 5);
              c.load_amplitude = get_real(s, 6);
              c.weather_kind = get_text(s, 7);
              c.weather_source = get_text(s, 8);
              c.dry_bulb_c = get_opt_real(s, 9);
              c.wet_bulb_c = get_opt_real(s, 10);
              c.smoothing = get_bool(s, 11);
              c.battery_power_w = get_opt_real(s, 12);
              c.battery_energy_wh = get_opt_real(s, 13);
              c.battery_ramp_w_per_s = get_opt_real(s, 14);
              c.params_json = get_text(s, 15);
              out.push_back(std::move(c));
            });
  return out;
}

Project read_project(const Db& db) {
  const auto dangling = dangling_references(db, 5);
  if (!dangling.empty()) throw Damaged("dangling references: " + join(dangling, "; "));
  Project p;
  p.catalog = read_catalog(db);
  p.site = read_site(db);
  p.scenarios = read_scenarios(db);
  return p;
}

// ---------------------------------------------------------------------------------------------
// Turning internal failures into one message.

std::string sql_failure(const std::string& path, const SqlError& e, bool saving) {
  const std::string untouched = saving ? " The file was not changed." : "";
  switch (e.code & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return path + ": damaged project file: " + e.what() + ". Restore it from a backup." +
             untouched;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return path + ": the file is in use by another program (" + e.what() +
             "). Close it there and try again." + untouched;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
    case SQLITE_AUTH:
      return path + ": cannot " + (saving ? "write" : "open") + " the file (" + e.what() +
             "). Check that the folder exists and that you may " + (saving ? "write" : "read") +
             " there." + untouched;
    case SQLITE_FULL:
      return path + ": the disk is full (" + e.what() + "). Free space and save again." + untouched;
    case SQLITE_IOERR:
      return path + ": input/output error (" + e.what() + "). Check the disk." + untouched;
    default:
      // A missing table or column shows up as a plain SQL error while preparing.
      return path + ": damaged or incomplete project file: " + e.what() +
             ". Restore it from a backup." + untouched;
  }
}

}  // namespace

namespace {

void save_into(const std::string& path, const model::Site& site, const model::Catalog& catalog,
               const std::vector<StoredScenario>* scenarios) {
  try {
    check_writable(site, catalog);
    const bool existed = check_file(path);
    Db db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_db_readonly(db.get(), "main") == 1) {
      throw ProjectFileError(path +
                             ": the file is read-only. Save under another name or change "
                             "its permissions.");
    }
    // Everything about an existing file is checked before anything is written to it, so that a
    // file we refuse is left byte for byte as it was.
    if (existed) {
      const Identity id = identify(db);
      require_project(path, id, /*saving=*/true);
      if (!id.empty) check_integrity(db);
    }
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA foreign_keys = ON");

    db.exec("BEGIN IMMEDIATE");
    try {
      // Identify again under the write lock: another process may have written in between.
      const Identity id = identify(db);
      require_project(path, id, /*saving=*/true);
      if (id.empty) {
        db.exec(kSchema);
        db.exec(kScenarioTable);
        db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
      } else if (id.version < kProjectSchemaVersion) {
        migrate(db, id.version);
      }
      db.exec("PRAGMA user_version = " + std::to_string(kProjectSchemaVersion));
      delete_rows(db);
      write_catalog(db, catalog);
      write_site(db, site);
      if (scenarios) write_scenarios(db, *scenarios);
      if (sqlite3_exec(db.get(), "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
        if (sqlite3_extended_errcode(db.get()) == SQLITE_CONSTRAINT_FOREIGNKEY) {
          throw InvalidSite("references to missing entities: " +
                            join(dangling_references(db, 5), "; "));
        }
        throw_sql(db.get());
      }
    } catch (...) {
      db.rollback_if_open();
      throw;
    }
    // WAL only now: switching rewrites the header, and a save that was refused must leave the
    // file as it was. The switch is its own atomic write; a file already in WAL is not touched.
    db.exec("PRAGMA journal_mode = WAL");
  } catch (const ProjectFileError&) {
    throw;
  } catch (const InvalidSite& e) {
    throw ProjectFileError(path + ": cannot save: " + e.what() +
                           ". Fix the site or catalog and save again; the file was not changed.");
  } catch (const Damaged& e) {
    throw ProjectFileError(path + ": damaged project file: " + e.what() +
                           ". Save under another name; the file was not changed.");
  } catch (const SqlError& e) {
    throw ProjectFileError(sql_failure(path, e, /*saving=*/true));
  }
}

}  // namespace

namespace {

void save_guarded(const std::string& path, const model::Site& site, const model::Catalog& catalog,
                  const std::vector<StoredScenario>* scenarios) {
  std::error_code ec;
  const bool created = !std::filesystem::exists(path, ec) && !ec;
  try {
    save_into(path, site, catalog, scenarios);
  } catch (...) {
    // A refused first save leaves no file behind (an empty database would only confuse the next
    // open). The connection is closed by now, so its WAL and shared-memory files are gone too.
    if (created) std::filesystem::remove(path, ec);
    throw;
  }
}

}  // namespace

void save_project(const std::string& path, const model::Site& site, const model::Catalog& catalog) {
  save_guarded(path, site, catalog, nullptr);
}

void save_project(const std::string& path, const Project& project) {
  save_guarded(path, project.site, project.catalog, &project.scenarios);
}

namespace {

/// SQLite's files beside a database: its write-ahead log, the log's index, a rollback journal.
constexpr const char* kSidecars[] = {"-wal", "-shm", "-journal"};

void remove_sidecars(const std::string& path) {
  std::error_code ec;
  for (const char* s : kSidecars) std::filesystem::remove(path + s, ec);
}

bool starts_like_sqlite(const std::string& path) {
  std::array<char, 16> h{};
  std::ifstream in(path, std::ios::binary);
  in.read(h.data(), h.size());
  return in.gcount() == 16 &&
         std::string_view(h.data(), 16) == std::string_view("SQLite format 3\0", 16);
}

/// Makes the old file at path safe to rename over: no write-ahead log of it may outlive it.
void settle_old_file(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (exists && starts_like_sqlite(path)) {
    const auto in_use = [&] {
      return ProjectFileError(path +
                              ": the file is open in another program (its write-ahead log is in "
                              "use). Close it there and try again; nothing was changed.");
    };
    try {
      // Opening recovers a killed writer's log; the checkpoint copies it into the file; the
      // close of the last connection deletes it. An open reader or writer elsewhere keeps it.
      Db db(path, SQLITE_OPEN_READWRITE);
      Stmt st(db, "PRAGMA wal_checkpoint(TRUNCATE)");
      if (st.step() && sqlite3_column_int(st.get(), 0) != 0) throw in_use();
    } catch (const SqlError& e) {
      const int code = e.code & 0xff;
      if (code == SQLITE_BUSY || code == SQLITE_LOCKED) throw in_use();
      // Not a database SQLite can open (damaged, or another format): its log means nothing.
      remove_sidecars(path);
      return;
    }
    // Even an empty log left after the close means another connection: its next write would
    // land in a log that SQLite reads as the new file's.
    if (fs::exists(path + "-wal", ec)) throw in_use();
  }
  // A log without its database, or beside a file that is not one, would be replayed onto the new
  // file all the same.
  remove_sidecars(path);
}

}  // namespace

void replace_project(const std::string& path, const Project& project) {
  const std::string tmp = path + ".new";
  // A temporary (and its log) left by a save that was killed.
  std::error_code ec;
  std::filesystem::remove(tmp, ec);
  remove_sidecars(tmp);
  save_guarded(tmp, project.site, project.catalog, &project.scenarios);
  try {
    settle_old_file(path);
    std::filesystem::rename(tmp, path);
  } catch (const std::filesystem::filesystem_error& e) {
    std::filesystem::remove(tmp, ec);
    throw ProjectFileError(path + ": cannot replace the file (" + e.code().message() +
                           "). Check that you may write in its folder; nothing was changed.");
  } catch (...) {
    std::filesystem::remove(tmp, ec);
    throw;
  }
  // The temporary's connection is closed: SQLite removed its log, unless it could not.
  remove_sidecars(tmp);
}

namespace {

/// file: URI of a path, for SQLite's URI filenames (percent-escapes what a URI reserves).
std::string file_uri(const std::string& path) {
  const std::string abs = std::filesystem::absolute(path).string();
  std::string out = "file:";
  for (const unsigned char c : abs) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

}  // namespace

std::unique_ptr<Db> sql::open_for_reading(const std::string& path) {
  try {
    auto db = std::make_unique<Db>(path, SQLITE_OPEN_READWRITE);
    (void)query_int(*db, "SELECT count(*) FROM sqlite_master");  // WAL: maps the -shm here
    return db;
  } catch (const SqlError& e) {
    const int code = e.code & 0xff;
    if (code != SQLITE_CANTOPEN && code != SQLITE_READONLY && code != SQLITE_PERM) throw;
    if (has_wal(path)) {
      throw ProjectFileError(
          path + ": cannot be read in place: it holds a save that SQLite has not yet recovered (" +
          path + "-wal), and " + e.what() +
          ". Copy the file with its -wal and -shm to a folder you may write to, and open the "
          "copy.");
    }
    return std::make_unique<Db>(file_uri(path) + "?immutable=1",
                                SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
  }
}

Project load_project(const std::string& path) {
  try {
    if (!check_file(path)) {
      std::error_code ec;
      throw ProjectFileError(path +
                             (std::filesystem::exists(path, ec)
                                  ? ": the file is empty (0 bytes): not a dctwin project."
                                  : ": no such file.") +
                             " Choose a .dctwin project file.");
    }
    // Nothing below writes.
    const std::unique_ptr<Db> dbp = sql::open_for_reading(path);
    Db& db = *dbp;
    const Identity id = identify(db);
    require_project(path, id, /*saving=*/false);
    check_integrity(db);
    if (id.version == kProjectSchemaVersion) {
      db.exec("BEGIN");
      Project p = read_project(db);
      db.exec("COMMIT");
      return p;
    }
    // An older schema: migrate a copy in memory, so that opening never changes the user's file
    // (an older dctwin can still open it, and read-only files load). The next save migrates
    // the file itself, in the save's transaction.
    Db mem(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3_backup* backup = sqlite3_backup_init(mem.get(), "main", db.get(), "main");
    if (!backup) throw_sql(mem.get());
    sqlite3_backup_step(backup, -1);
    if (sqlite3_backup_finish(backup) != SQLITE_OK) throw_sql(mem.get());
    mem.exec("BEGIN");
    migrate(mem, id.version);
    return read_project(mem);
  } catch (const ProjectFileError&) {
    throw;
  } catch (const Damaged& e) {
    throw ProjectFileError(path + ": damaged project file: " + e.what() +
                           ". Restore it from a backup, or correct it with the sqlite3 shell "
                           "(see docs/project-file.md).");
  } catch (const SqlError& e) {
    throw ProjectFileError(sql_failure(path, e, /*saving=*/false));
  }
}

int project_file_version(const std::string& path) {
  try {
    if (!check_file(path)) {
      throw ProjectFileError(path + ": no such file, or empty. Choose a .dctwin project file.");
    }
    const std::unique_ptr<Db> dbp = sql::open_for_reading(path);
    const Identity id = identify(*dbp);
    if (id.application_id != kApplicationId || id.version < 1) {
      require_project(path, id, /*saving=*/false);  // throws the matching message
    }
    return id.version;
  } catch (const ProjectFileError&) {
    throw;
  } catch (const SqlError& e) {
    throw ProjectFileError(sql_failure(path, e, /*saving=*/false));
  }
}

}  // namespace dctwin::data
