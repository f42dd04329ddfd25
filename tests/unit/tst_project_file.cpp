// Tests of the SQLite project file (data/project_file.h): lossless round trips, the schema as the
// sqlite3 shell sees it, migration from schemas 1 to 4, and refusal of every kind of bad file
// without changing it, including a save that is killed half way.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <bit>
#include <cmath>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <string>

#include "data/catalog_io.h"
#include "data/project_file.h"
#include "data/results_load.h"
#include "data/results_store.h"
#include "data/scenario_store.h"
#include "model/electrical/contingency.h"
#include "model/site/templates.h"

using namespace dctwin;
using data::Project;
using data::ProjectFileError;
using model::Id;
using model::kNoId;

Q_DECLARE_METATYPE(std::optional<double>)

namespace {

// ---------------------------------------------------------------------------------------------
// Raw SQLite access, as another program (or the sqlite3 shell) would see the file.

class RawDb {
 public:
  explicit RawDb(const std::string& path, int flags = SQLITE_OPEN_READWRITE) {
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      qFatal("cannot open %s: %s", path.c_str(), sqlite3_errmsg(db_));
    }
  }
  ~RawDb() { sqlite3_close_v2(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  /// Runs SQL; returns SQLite's error message, empty on success.
  std::string exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) == SQLITE_OK) return {};
    std::string msg = err ? err : "error";
    sqlite3_free(err);
    return msg;
  }
  /// The first column of the first row as text ("" for no row or NULL).
  std::string text(const std::string& sql, const std::string& param = {}) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      qFatal("prepare %s: %s", sql.c_str(), sqlite3_errmsg(db_));
    }
    if (!param.empty()) sqlite3_bind_text(st, 1, param.c_str(), -1, SQLITE_TRANSIENT);
    std::string out;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return out;
  }
  long long integer(const std::string& sql, const std::string& param = {}) {
    return std::stoll("0" + text(sql, param));
  }

 private:
  sqlite3* db_ = nullptr;
};

QByteArray file_bytes(const std::string& path) {
  QFile f(QString::fromStdString(path));
  if (!f.open(QIODevice::ReadOnly)) return {};
  return f.readAll();
}

void write_file(const std::string& path, const QByteArray& bytes) {
  QFile f(QString::fromStdString(path));
  QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
  QCOMPARE(f.write(bytes), bytes.size());
}

std::string read_text_file(const std::string& path) {
  const QByteArray b = file_bytes(path);
  return std::string(b.constData(), static_cast<std::size_t>(b.size()));
}

// ---------------------------------------------------------------------------------------------
// Describing the first difference between two projects, so that a failed comparison says where.

template <class T>
std::string first_difference_in(const char* what, const std::vector<T>& a,
                                const std::vector<T>& b) {
  if (a.size() != b.size()) {
    return std::string(what) + ": " + std::to_string(a.size()) + " vs " + std::to_string(b.size()) +
           " entries";
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!(a[i] == b[i])) return std::string(what) + "[" + std::to_string(i) + "] differs";
  }
  return {};
}

std::string first_difference(const Project& a, const Project& b) {
  const model::Site &s = a.site, &t = b.site;
  if (s.name != t.name) return "site name";
  if (!(s.location == t.location)) return "location";
  if (!(s.grid == t.grid)) return "grid";
  if (!(s.design_weather == t.design_weather)) return "design weather";
  for (const std::string& d :
       {first_difference_in("buildings", s.buildings, t.buildings),
        first_difference_in("halls", s.halls, t.halls), first_difference_in("rows", s.rows, t.rows),
        first_difference_in("elec_nodes", s.elec_nodes, t.elec_nodes),
        first_difference_in("elec_edges", s.elec_edges, t.elec_edges),
        first_difference_in("cooling", s.cooling, t.cooling),
        first_difference_in("groups", s.groups, t.groups),
        first_difference_in("rack ids", s.racks.id, t.racks.id),
        first_difference_in("rack row_id", s.racks.row_id, t.racks.row_id),
        first_difference_in("rack names", s.racks.name, t.racks.name),
        first_difference_in("rack types", s.racks.type, t.racks.type),
        first_difference_in("rack x_m", s.racks.x_m, t.racks.x_m),
        first_difference_in("rack y_m", s.racks.y_m, t.racks.y_m),
        first_difference_in("rack orientation", s.racks.orientation_deg, t.racks.orientation_deg),
        first_difference_in("rack power_override_w", s.racks.power_override_w,
                            t.racks.power_override_w),
        first_difference_in("rack feed_a", s.racks.feed_a, t.racks.feed_a),
        first_difference_in("rack feed_b", s.racks.feed_b, t.racks.feed_b),
        first_difference_in("rack cdu_id", s.racks.cdu_id, t.racks.cdu_id),
        first_difference_in("rack air_unit_id", s.racks.air_unit_id, t.racks.air_unit_id)}) {
    if (!d.empty()) return d;
  }
  if (!(a.catalog.sources == b.catalog.sources)) return "catalog sources";
  if (a.catalog.items.size() != b.catalog.items.size()) return "catalog item count";
  for (const auto& [key, item] : a.catalog.items) {
    const auto it = b.catalog.items.find(key);
    if (it == b.catalog.items.end()) return "catalog item " + key + " missing";
    if (!(it->second == item)) return "catalog item " + key;
  }
  return a == b ? "" : "somewhere else";
}

#define COMPARE_PROJECTS(actual, expected)                                            \
  do {                                                                                \
    const std::string diff_ = first_difference((actual), (expected));                 \
    QVERIFY2(diff_.empty() && (actual) == (expected), ("differs: " + diff_).c_str()); \
  } while (false)

// ---------------------------------------------------------------------------------------------
// Projects to store.

std::string key_of(model::ItemKind kind) { return std::string("item_") + model::to_string(kind); }

model::Rack make_rack(Id id, Id row, std::string name, std::string type, double x, double y,
                      std::optional<double> override_w, Id feed_a, Id feed_b, Id cdu, Id air) {
  model::Rack r;
  r.id = id;
  r.row_id = row;
  r.name = std::move(name);
  r.type = std::move(type);
  r.x_m = x;
  r.y_m = y;
  r.orientation_deg = 180;
  r.power_override_w = override_w;
  r.feed_a = feed_a;
  r.feed_b = feed_b;
  r.cdu_id = cdu;
  r.air_unit_id = air;
  return r;
}

const std::vector<model::ElecKind> kElecKinds{model::ElecKind::GridFeed,
                                              model::ElecKind::HvMvTransformer,
                                              model::ElecKind::MvSwitchgear,
                                              model::ElecKind::MvFeeder,
                                              model::ElecKind::UnitSubstation,
                                              model::ElecKind::LvSwitchboard,
                                              model::ElecKind::Ups,
                                              model::ElecKind::Rectifier,
                                              model::ElecKind::SolidStateTransformer,
                                              model::ElecKind::Busway,
                                              model::ElecKind::Pdu,
                                              model::ElecKind::Generator,
                                              model::ElecKind::Battery,
                                              model::ElecKind::MechanicalBoard};
const std::vector<model::CoolKind> kCoolKinds{
    model::CoolKind::Crah,      model::CoolKind::FanWall, model::CoolKind::Cdu,
    model::CoolKind::WaterLoop, model::CoolKind::Chiller, model::CoolKind::CoolingTower,
    model::CoolKind::DryCooler, model::CoolKind::Pump,    model::CoolKind::StorageTank};

/// Every field and every enum value, awkward strings and numbers, vectors not in id order,
/// forward references between cooling units, and references left unconnected (kNoId).
Project full_project() {
  Project p;
  model::Catalog& cat = p.catalog;
  cat.sources["src-a"] = {"src-a", "Vendor datasheet, rev. 3", "https://example.com/a.pdf",
                          "2025-03-01"};
  cat.sources["src-b"] = {"src-b", "Engineering estimate", "", "2024"};
  int n = 0;
  for (model::ItemKind kind : model::all_item_kinds()) {
    model::CatalogItem item;
    item.key = key_of(kind);
    item.kind = kind;
    item.name = std::string("Test ") + model::to_string(kind) + " — ünïcode";
    item.params["rating_w"] = {1e6 + n, "src-a", ""};
    item.params["efficiency"] = {0.1 * n + 1.0 / 3.0, n % 2 ? "src-b" : "", "derived: 1/3 + n/10"};
    if (n % 3 == 0) {
      item.curves["efficiency_vs_load"] = {
          "load_frac", "efficiency", {0.0, 0.25, 0.5, 1.0}, {0.9, 0.95, 0.97, 0.96},
          "src-a",     "fit"};
    }
    if (n == 1) {
      // Invalid (lengths differ) but it may be mid-edit: stored as it is.
      item.curves["uneven"] = {"x", "y", {1, 2, 3}, {4, 5}, "", ""};
      item.curves["empty"] = {"a", "b", {}, {}, "src-b", ""};
    }
    cat.items[item.key] = std::move(item);
    ++n;
  }

  model::Site& s = p.site;
  s.name = "Site \"α\" 'β'; DROP TABLE rack; --";
  s.location = {59.3293, 18.0686, 28.5};
  s.grid = {400e3, 12.5e9, 14.2, 1.2e9, 1e6 / 60.0 * 25};
  s.design_weather = {35.2, 1.0 / 3.0 + 24};

  s.buildings = {{7, "B2 (listed first)", 120.5, 0, 80, 60.25}, {3, "B1", 0, 0, 100, 60}};
  s.halls = {{11, 3, "Hall none", 1, 2, 30, 20, 5, model::Containment::None, 0.6},
             {12, 3, "Hall hot", 31, 2, 30, 20, 5.5, model::Containment::HotAisle, 0.6},
             {13, 7, "Hall cold", 1, 2, 30, 20, 4.75, model::Containment::ColdAisle, 0.5},
             {14, kNoId, "Hall without building", 0, 0, 10, 10, 3, model::Containment::None, 0.6}};
  s.rows = {{22, 12, "Row B", 1.2, 6, 180},
            {21, 11, "Row A", 1.2, 3, 0},
            {23, kNoId, "Row nowhere", 0, 0, 90}};

  Id id = 100;
  for (std::size_t i = 0; i < kElecKinds.size(); ++i) {
    model::ElecNode e;
    e.id = id++;
    e.kind = kElecKinds[i];
    e.name = std::string("N ") + model::to_string(e.kind);
    e.type = e.kind == model::ElecKind::GridFeed ? "" : key_of(model::ItemKind::Busway);
    e.building_id = i == 0 ? kNoId : (i % 2 ? 3 : 7);
    e.hall_id = i < 9 ? kNoId : 11 + static_cast<Id>(i % 3);
    e.rating_w = 1e6 * (i + 1) + 0.125;
    e.voltage_v = i == 8 ? 800 : 415;
    e.dc = i == 8;
    e.side = i % 3 == 0 ? "" : (i % 3 == 1 ? "A" : "B");
    s.elec_nodes.push_back(e);
  }
  // A big id, out of order.
  s.elec_nodes.insert(s.elec_nodes.begin() + 2,
                      model::ElecNode{Id{1} << 40, model::ElecKind::Pdu, "PDU big id",
                                      key_of(model::ItemKind::Pdu), 3, 12, 50e3, 415, false, "C"});
  s.elec_edges = {{200, 100, 101, "E grid", 0.01, 0.1, 1e-6, 2e9, 1500, false},
                  {201, 101, 102, "E tx", 0.002, 0.02, 0, 5e8, 20, false},
                  {203, 111, 109, "E generator (standby)", 0.001, 0.01, 0, 3e6, 30, true},
                  {202, 102, Id{1} << 40, "E long id", 0, 0, 0, 1e5, 3.5, false},
                  {204, kNoId, 109, "E loose end", 0, 0, 0, 0, 0, true}};

  for (std::size_t i = 0; i < kCoolKinds.size(); ++i) {
    model::CoolingUnit c;
    c.id = 300 + static_cast<Id>(i);
    c.kind = kCoolKinds[i];
    c.name = std::string("C ") + model::to_string(c.kind);
    c.type = c.kind == model::CoolKind::WaterLoop ? "" : key_of(model::ItemKind::Cdu);
    c.building_id = 3;
    c.hall_id = i < 3 ? 11 : kNoId;
    c.x_m = 1.5 * static_cast<double>(i);
    c.y_m = -2.25;
    c.orientation_deg = 270;
    c.capacity_w = 1.5e6;
    c.airflow_m3_s = i < 2 ? 40.5 : 0;
    c.supply_temp_c = 24.5 + static_cast<double>(i);
    c.approach_k = 3.5;
    c.flow_m3_s = 0.05;
    // Everything on loop 303 (listed after the units that refer to it); the chiller rejects
    // into a condenser loop listed last.
    c.loop_id = c.kind == model::CoolKind::WaterLoop ? kNoId : 303;
    c.condenser_loop_id = c.kind == model::CoolKind::Chiller ? 309 : kNoId;
    // Water held: the loop's piping and the tank; 0 (none) elsewhere.
    c.volume_m3 = c.kind == model::CoolKind::WaterLoop     ? 42.125
                  : c.kind == model::CoolKind::StorageTank ? 1500.0 / 7.0
                                                           : 0.0;
    // Motor feeds (schema 5): the CRAH on two cords (busway and PDU), the fan wall on the
    // mechanical board alone, the CDU on the PDU with the big id and the mechanical board;
    // the rest unfed.
    if (c.kind == model::CoolKind::Crah) {
      c.feed_a = 109;
      c.feed_b = 110;
    } else if (c.kind == model::CoolKind::FanWall) {
      c.feed_a = 113;
    } else if (c.kind == model::CoolKind::Cdu) {
      c.feed_a = Id{1} << 40;
      c.feed_b = 113;
    }
    s.cooling.push_back(c);
  }
  model::CoolingUnit cond;
  cond.id = 309;
  cond.volume_m3 = 3.5;
  cond.kind = model::CoolKind::WaterLoop;
  cond.name = "Condenser loop";
  s.cooling.push_back(cond);

  s.racks.push_back(make_rack(402, 21, "R2", key_of(model::ItemKind::Rack), 2.4, 3, std::nullopt,
                              109, 110, 302, kNoId));
  s.racks.push_back(
      make_rack(401, 21, "R1", key_of(model::ItemKind::Rack), 1.8, 3, 0.0, 109, kNoId, 302, 300));
  s.racks.push_back(make_rack(403, 22, std::string("nul\0inside", 10), "", 1.8, 6, 132000.5, kNoId,
                              kNoId, kNoId, kNoId));
  s.racks.push_back(make_rack(404, kNoId, "", key_of(model::ItemKind::Rack), -1e-9, 1e9, -5.0,
                              Id{1} << 40, 110, kNoId, 301));

  s.groups = {
      {500, "UPS 2N", model::RedundancyScheme::TwoN, {106, 107}, kNoId},
      {501, "Mixed N", model::RedundancyScheme::N, {300, 109}, kNoId},
      {502, "Chillers N+1", model::RedundancyScheme::NPlus1, {304, 305, 306}, kNoId},
      {503, "UPS 4N/3", model::RedundancyScheme::DistributedRedundant, {106, 107, 106}, kNoId},
      {504, "Blocks", model::RedundancyScheme::BlockCatcher, {106, 107, 108}, 108},
      {505, "Cooling catcher", model::RedundancyScheme::BlockCatcher, {300, 301}, 301},
      {506, "Empty", model::RedundancyScheme::N, {}, kNoId}};
  return p;
}

/// A site of the size of a 1 GW template: `racks` racks, about as many equipment nodes.
Project big_project(int racks) {
  Project p;
  model::Catalog& cat = p.catalog;
  cat.sources["est"] = {"est", "Estimate", "", "2025"};
  for (const char* key : {"rack", "busway", "pdu", "ups", "cdu", "crah", "chiller", "tower"}) {
    model::CatalogItem item;
    item.key = key;
    item.kind = model::ItemKind::Rack;
    item.name = key;
    item.params["nameplate_w"] = {132e3, "est", ""};
    item.curves["eff"] = {"load_frac", "efficiency", {0, 0.5, 1}, {0.9, 0.97, 0.96}, "est", ""};
    cat.items[key] = item;
  }
  model::Site& s = p.site;
  s.name = "big";
  s.grid = {345e3, 1e10, 12, 1e9, 1e6};
  Id id = 1;
  s.buildings.push_back({id++, "B", 0, 0, 500, 300});
  const Id grid = id++;
  s.elec_nodes.push_back(
      {grid, model::ElecKind::GridFeed, "grid", "", kNoId, kNoId, 1e9, 345e3, false, ""});
  const int per_row = 20, rows_per_hall = 50;
  Id hall = kNoId, loop = kNoId, cdu = kNoId, crah = kNoId;
  s.racks.reserve(static_cast<std::size_t>(racks));
  for (int r = 0; r < racks; ++r) {
    if (r % (per_row * rows_per_hall) == 0) {
      hall = id++;
      s.halls.push_back({hall, 1, "H" + std::to_string(hall), 0, 0, 100, 80, 5,
                         model::Containment::HotAisle, 0.6});
      loop = id++;
      s.cooling.push_back({loop, model::CoolKind::WaterLoop, "loop", "", 1, kNoId, 0, 0, 0, 0, 0,
                           30, 0, 1, kNoId, kNoId});
      for (int k = 0; k < 10; ++k) {
        s.cooling.push_back({id++, model::CoolKind::Chiller, "ch", "chiller", 1, kNoId, 0, 0, 0,
                             5e6, 0, 30, 2, 0.1, loop, kNoId});
      }
    }
    if (r % per_row == 0) {
      const Id row = id++;
      s.rows.push_back({row, hall, "row " + std::to_string(row), 1.2, 3.0 * r, 0});
      cdu = id++;
      s.cooling.push_back({cdu, model::CoolKind::Cdu, "cdu", "cdu", 1, hall, 0, 0, 0, 2e6, 0, 35, 3,
                           0.05, loop, kNoId});
      crah = id++;
      s.cooling.push_back({crah, model::CoolKind::Crah, "crah", "crah", 1, hall, 0, 0, 0, 3e5, 20,
                           24, 0, 0.01, loop, kNoId});
      std::vector<Id> busways;
      for (const char* side : {"A", "B"}) {
        const Id ups = id++;
        s.elec_nodes.push_back(
            {ups, model::ElecKind::Ups, "ups", "ups", 1, hall, 3e6, 415, false, side});
        s.elec_edges.push_back({id++, grid, ups, "e", 0.001, 0.01, 0, 3e6, 100, false});
        const Id bw = id++;
        s.elec_nodes.push_back(
            {bw, model::ElecKind::Busway, "bw", "busway", 1, hall, 3e6, 415, false, side});
        s.elec_edges.push_back({id++, ups, bw, "e", 0.001, 0.01, 0, 3e6, 30, false});
        busways.push_back(bw);
        for (int k = 0; k < 6; ++k) {
          const Id pdu = id++;
          s.elec_nodes.push_back(
              {pdu, model::ElecKind::Pdu, "pdu", "pdu", 1, hall, 3e5, 415, false, side});
          s.elec_edges.push_back({id++, bw, pdu, "e", 0.001, 0.01, 0, 3e5, 5, false});
        }
      }
      s.groups.push_back({id++, "2N", model::RedundancyScheme::TwoN, busways, kNoId});
      // The row's CDU and CRAH on both sides' busways, as a rack's cords.
      for (std::size_t k = s.cooling.size() - 2; k < s.cooling.size(); ++k) {
        s.cooling[k].feed_a = busways[0];
        s.cooling[k].feed_b = busways[1];
      }
    }
    s.racks.push_back(
        make_rack(id++, s.rows.back().id, "rack " + std::to_string(r), "rack", 0.6 * (r % per_row),
                  3.0 * r, r % 7 ? std::nullopt : std::optional(1e5 + r),
                  s.elec_nodes[s.elec_nodes.size() - 9].id, s.elec_nodes.back().id, cdu, crah));
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Breaking a saved project the way a crash, a bad disk or a hand edit would.

/// Applies a damage description: SQL run with foreign keys and CHECKs off, or "corrupt:TABLE"
/// (garbage over the first page of a table's b-tree).
void damage(const std::string& path, const std::string& how) {
  if (how.rfind("corrupt:", 0) == 0) {
    long long root = 0, page_size = 0;
    {
      RawDb db(path);
      root = db.integer("SELECT rootpage FROM sqlite_master WHERE name = ?", how.substr(8));
      page_size = db.integer("PRAGMA page_size");
    }
    QVERIFY(root > 1);
    QByteArray bytes = file_bytes(path);
    const qsizetype at = static_cast<qsizetype>((root - 1) * page_size);
    QVERIFY(at + 64 < bytes.size());
    for (int i = 0; i < 64; ++i) bytes[at + i] = static_cast<char>(0xA5 ^ i);
    write_file(path, bytes);
    return;
  }
  RawDb db(path);
  const std::string err =
      db.exec("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON; " + how);
  QVERIFY2(err.empty(), err.c_str());
}

/// Runs `fn` and returns the ProjectFileError message; fails the test if nothing was thrown.
template <class Fn>
std::string error_of(Fn&& fn) {
  try {
    fn();
  } catch (const ProjectFileError& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("WRONG EXCEPTION TYPE: ") + e.what();
  }
  return "NO EXCEPTION";
}

#define VERIFY_MESSAGE(msg, path, expected)                                                  \
  do {                                                                                       \
    const std::string m_ = (msg);                                                            \
    QVERIFY2(m_.find(path) != std::string::npos, ("message lacks the file: " + m_).c_str()); \
    QVERIFY2(m_.find(expected) != std::string::npos,                                         \
             ("message lacks '" + std::string(expected) + "': " + m_).c_str());              \
  } while (false)

// ---------------------------------------------------------------------------------------------
// Killing a save half way: in a forked child, an SQLite auto-extension puts hooks on the
// connection save_project opens and SIGKILLs the process from inside the transaction.

int g_kill_after_racks = 0;  // > 0: after that many rack rows; 0: when COMMIT starts

void kill_on_rack_insert(void*, int op, const char*, const char* table, sqlite3_int64) {
  if (op == SQLITE_INSERT && std::strcmp(table, "rack") == 0 && g_kill_after_racks > 0 &&
      --g_kill_after_racks == 0) {
    std::raise(SIGKILL);
  }
}

int kill_on_commit(void*) {
  if (g_kill_after_racks == 0) std::raise(SIGKILL);
  return 0;
}

int install_kill_hooks(sqlite3* db, char**, const sqlite3_api_routines*) {
  // A tiny page cache makes SQLite spill uncommitted pages into the WAL during the transaction,
  // so that the kill leaves half a transaction on disk, not only in memory.
  sqlite3_exec(db, "PRAGMA cache_size = 8", nullptr, nullptr, nullptr);
  sqlite3_update_hook(db, &kill_on_rack_insert, nullptr);
  sqlite3_commit_hook(db, &kill_on_commit, nullptr);
  return SQLITE_OK;
}

// A writer killed right after its commit, before the closing checkpoint: the whole transaction
// is in the write-ahead log, none of it in the file.
int kill_after_commit(void*, sqlite3*, const char*, int) {
  std::raise(SIGKILL);
  return SQLITE_OK;
}

// SQLite installs its auto-checkpoint WAL hook after the auto-extensions run, so the kill hook
// goes in when the connection's first statement starts (and replaces the auto-checkpoint).
int set_wal_kill(unsigned, void* ctx, void*, void*) {
  sqlite3_wal_hook(static_cast<sqlite3*>(ctx), &kill_after_commit, nullptr);
  return 0;
}

int install_wal_kill(sqlite3* db, char**, const sqlite3_api_routines*) {
  sqlite3_trace_v2(db, SQLITE_TRACE_STMT, &set_wal_kill, db);
  return SQLITE_OK;
}

/// Runs fn in a forked child that SQLite kills after its first WAL commit; true when it was killed.
bool run_killed_after_commit(const std::function<void()>& fn) {
  const pid_t child = fork();
  if (child < 0) return false;
  if (child == 0) {
    sqlite3_auto_extension(reinterpret_cast<void (*)()>(&install_wal_kill));
    try {
      fn();
    } catch (...) {
      _exit(2);
    }
    _exit(3);
  }
  int status = 0;
  if (waitpid(child, &status, 0) != child) return false;
  if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL))
    qWarning("child not killed: exit status %d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

/// Runs sql on path through a raw connection in a child that SQLite kills after the commit.
bool exec_killed_after_commit(const std::string& path, const char* sql) {
  return run_killed_after_commit([&] {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  });
}

std::uint32_t be32(const QByteArray& b, qsizetype at) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  return v;
}

/// The state a checkpoint leaves when it is killed while the file grows: SQLite copies the
/// log's pages into the file in page order, so page 1 (whose header holds the new page count)
/// is written first and the pages past the old end are not yet. Returns the new page count.
std::uint32_t checkpoint_killed_after_page_one(const std::string& path) {
  const QByteArray wal = file_bytes(path + "-wal");
  const std::uint32_t page = be32(wal, 8);
  constexpr qsizetype kWalHeader = 32, kFrameHeader = 24;
  QByteArray page1;
  for (qsizetype at = kWalHeader; at + kFrameHeader + page <= wal.size();
       at += kFrameHeader + page) {
    if (be32(wal, at) == 1) page1 = wal.mid(at + kFrameHeader, page);
  }
  if (page1.isEmpty()) return 0;
  QByteArray db = file_bytes(path);
  db.replace(0, page1.size(), page1);
  write_file(path, db);
  return be32(page1, 28);
}

}  // namespace

class TestProjectFile : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir* dir_ = nullptr;
  std::string file(const char* name) const {
    return QDir(dir_->path()).filePath(QString::fromUtf8(name)).toStdString();
  }

 private slots:
  void init() {
    dir_ = new QTemporaryDir;
    QVERIFY(dir_->isValid());
  }
  void cleanup() {
    delete dir_;
    dir_ = nullptr;
  }

  void roundTrip_data() {
    QTest::addColumn<int>("which");
    QTest::newRow("every field and enum value") << 0;
    QTest::newRow("empty site and catalog") << 1;
    QTest::newRow("2,000 racks") << 2;
  }
  void roundTrip() {
    QFETCH(int, which);
    const Project p = which == 0 ? full_project() : which == 1 ? Project{} : big_project(2000);
    const std::string path = file("site.dctwin");
    data::save_project(path, p.site, p.catalog);
    COMPARE_PROJECTS(data::load_project(path), p);
    // A second save over the first one stores the same thing again.
    data::save_project(path, p.site, p.catalog);
    COMPARE_PROJECTS(data::load_project(path), p);
    QCOMPARE(data::project_file_version(path), data::kProjectSchemaVersion);
  }

  void designWeatherRoundTrip_data() {
    QTest::addColumn<std::optional<double>>("dryBulb");
    QTest::addColumn<std::optional<double>>("wetBulb");
    QTest::newRow("both set") << std::optional(38.5) << std::optional(26.25);
    QTest::newRow("dry-bulb only") << std::optional(-12.0) << std::optional<double>();
    QTest::newRow("wet-bulb only") << std::optional<double>() << std::optional(0.0);
    QTest::newRow("neither") << std::optional<double>() << std::optional<double>();
  }
  void designWeatherRoundTrip() {
    QFETCH(std::optional<double>, dryBulb);
    QFETCH(std::optional<double>, wetBulb);
    Project p = full_project();
    p.site.design_weather = {dryBulb, wetBulb};
    const std::string path = file("weather.dctwin");
    data::save_project(path, p.site, p.catalog);
    COMPARE_PROJECTS(data::load_project(path), p);
    {
      RawDb db(path);
      // Not set: NULL under the key (absent would read the same).
      QCOMPARE(db.integer("SELECT value IS NULL FROM meta WHERE key = 'design.dry_bulb_c'"),
               dryBulb ? 0LL : 1LL);
      QCOMPARE(db.integer("SELECT value IS NULL FROM meta WHERE key = 'design.wet_bulb_c'"),
               wetBulb ? 0LL : 1LL);
    }
    // Saving the other way round over it replaces set values and clears unset ones.
    Project q = p;
    q.site.design_weather = {wetBulb, dryBulb};
    data::save_project(path, q.site, q.catalog);
    COMPARE_PROJECTS(data::load_project(path), q);
    // A key deleted by hand means "not set" too.
    {
      RawDb db(path);
      QVERIFY(db.exec("DELETE FROM meta WHERE key LIKE 'design.%'").empty());
    }
    q.site.design_weather = {};
    COMPARE_PROJECTS(data::load_project(path), q);
  }

  void storageTankAndVolumes() {
    // A chilled-water loop with a storage tank on it, the way the thermal model will see it.
    Project p = full_project();
    model::CoolingUnit tank;
    tank.id = 310;
    tank.kind = model::CoolKind::StorageTank;
    tank.name = "TES tank 1";
    tank.building_id = 3;
    tank.loop_id = 303;
    tank.volume_m3 = 2500;
    tank.supply_temp_c = 12.5;
    p.site.cooling.push_back(tank);
    p.site.groups.push_back({507, "Tanks", model::RedundancyScheme::N, {308, 310}, kNoId});
    const std::string path = file("tank.dctwin");
    data::save_project(path, p.site, p.catalog);
    const Project q = data::load_project(path);
    COMPARE_PROJECTS(q, p);
    QCOMPARE(q.site.cooling.back().kind, model::CoolKind::StorageTank);
    QCOMPARE(q.site.cooling.back().volume_m3, 2500.0);
    RawDb db(path);
    QCOMPARE(db.integer("SELECT count(*) FROM cooling_unit WHERE kind = 'storage_tank'"), 2LL);
    QCOMPARE(db.integer("SELECT count(*) FROM cooling_unit WHERE loop_id = 303 AND "
                        "kind = 'storage_tank' AND volume_m3 > 0"),
             2LL);
  }

  void templateRoundTrip_data() {
    QTest::addColumn<QString>("name");
    for (const auto& t : model::site_templates()) {
      QTest::newRow(t.name.c_str()) << QString::fromStdString(t.name);
    }
  }
  void templateRoundTrip() {
    QFETCH(QString, name);
    const model::Catalog& catalog = data::builtin_catalog();
    const Project p{model::make_site_from_template(name.toStdString(), {}, catalog), catalog};
    const std::string path = file("template.dctwin");
    QElapsedTimer t;
    t.start();
    data::save_project(path, p.site, p.catalog);
    const qint64 save_ms = t.restart();
    const Project q = data::load_project(path);
    const qint64 load_ms = t.elapsed();
    COMPARE_PROJECTS(q, p);
    // Printed, not asserted: speed is measured in tests/bench.
    qInfo("%s: %zu racks, %zu electrical nodes, %zu cooling units: save %lld ms, load %lld ms",
          qPrintable(name), p.site.racks.size(), p.site.elec_nodes.size(), p.site.cooling.size(),
          static_cast<long long>(save_ms), static_cast<long long>(load_ms));
  }

  void overwriteWithDifferentSite() {
    const std::string path = file("site.dctwin");
    const Project big = big_project(1500), full = full_project();
    data::save_project(path, big.site, big.catalog);
    data::save_project(path, full.site, full.catalog);
    COMPARE_PROJECTS(data::load_project(path), full);
    data::save_project(path, big.site, big.catalog);
    COMPARE_PROJECTS(data::load_project(path), big);
  }

  void doublesBitExact_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<bool>("bitExact");
    using L = std::numeric_limits<double>;
    QTest::newRow("one third") << 1.0 / 3.0 << true;
    QTest::newRow("0.1") << 0.1 << true;
    QTest::newRow("pi") << 3.141592653589793 << true;
    QTest::newRow("2^53 + 2") << 9007199254740994.0 << true;
    QTest::newRow("1e300") << 1e300 << true;
    QTest::newRow("max") << L::max() << true;
    QTest::newRow("lowest") << L::lowest() << true;
    QTest::newRow("min normal") << L::min() << true;
    QTest::newRow("subnormal") << L::denorm_min() << true;
    QTest::newRow("epsilon") << L::epsilon() << true;
    QTest::newRow("+inf") << L::infinity() << true;
    QTest::newRow("-inf") << -L::infinity() << true;
    QTest::newRow("whole number") << 132000.0 << true;
    // SQLite stores whole REAL values as integers on disk, so -0.0 comes back as +0.0 (equal, as
    // == and the model see it; documented).
    QTest::newRow("-0.0") << -0.0 << false;
  }
  void doublesBitExact() {
    QFETCH(double, value);
    QFETCH(bool, bitExact);
    Project p = full_project();
    p.site.grid.ramp_limit_w_per_s = value;
    p.site.location.latitude_deg = value;
    p.site.racks.x_m[1] = value;
    p.site.racks.power_override_w[0] = value;
    p.site.elec_edges[0].b_s = value;
    p.site.cooling[2].approach_k = value;
    p.site.cooling[8].volume_m3 = value;
    p.site.design_weather.dry_bulb_c = value;
    // The rack item: full_project gives it a curve whatever other kinds the catalog has.
    model::CatalogItem& item = p.catalog.items.at(key_of(model::ItemKind::Rack));
    item.params["rating_w"].value = value;
    item.curves.at("efficiency_vs_load").y.at(1) = value;
    const std::string path = file("doubles.dctwin");
    data::save_project(path, p.site, p.catalog);
    const Project q = data::load_project(path);
    COMPARE_PROJECTS(q, p);
    const std::array<double, 9> got{
        q.site.grid.ramp_limit_w_per_s,
        q.site.location.latitude_deg,
        q.site.racks.x_m[1],
        *q.site.racks.power_override_w[0],
        q.site.elec_edges[0].b_s,
        q.site.cooling[2].approach_k,
        q.site.cooling[8].volume_m3,
        *q.site.design_weather.dry_bulb_c,
        q.catalog.at(key_of(model::ItemKind::Rack)).params.at("rating_w").value};
    for (double g : got) {
      if (bitExact) {
        QCOMPARE(std::bit_cast<std::uint64_t>(g), std::bit_cast<std::uint64_t>(value));
      } else {
        QCOMPARE(g, value);
      }
    }
  }

  void schemaSeenFromSqlite() {
    const Project p = full_project();
    const std::string path = file("schema.dctwin");
    data::save_project(path, p.site, p.catalog);
    RawDb db(path);
    QCOMPARE(db.integer("PRAGMA user_version"), data::kProjectSchemaVersion);
    QCOMPARE(db.integer("PRAGMA application_id"), 0x44435457LL);
    QCOMPARE(db.text("PRAGMA journal_mode"), std::string("wal"));
    QCOMPARE(db.text("SELECT value FROM meta WHERE key = 'format'"), std::string("dctwin-project"));
    QCOMPARE(db.text("PRAGMA integrity_check"), std::string("ok"));

    // Real foreign keys, to the tables one expects.
    auto refers = [&](const char* table, const char* column, const char* parent) {
      return db.integer("SELECT count(*) FROM pragma_foreign_key_list('" + std::string(table) +
                        "') WHERE \"from\" = '" + column + "' AND \"table\" = '" + parent + "'") ==
             1;
    };
    QVERIFY(refers("hall", "building_id", "building"));
    QVERIFY(refers("hall_row", "hall_id", "hall"));
    QVERIFY(refers("rack", "row_id", "hall_row"));
    QVERIFY(refers("rack", "type", "catalog_item"));
    QVERIFY(refers("rack", "feed_a_id", "elec_node"));
    QVERIFY(refers("rack", "cdu_id", "cooling_unit"));
    QVERIFY(refers("elec_edge", "from_node_id", "elec_node"));
    QVERIFY(refers("cooling_unit", "loop_id", "cooling_unit"));
    QVERIFY(refers("cooling_unit", "feed_a_id", "elec_node"));
    QVERIFY(refers("cooling_unit", "feed_b_id", "elec_node"));
    QVERIFY(refers("redundancy_member", "group_id", "redundancy_group"));
    QVERIFY(refers("redundancy_member", "elec_node_id", "elec_node"));
    QVERIFY(refers("catalog_param", "item_key", "catalog_item"));
    QVERIFY(refers("catalog_param", "source_id", "catalog_source"));
    QCOMPARE(db.integer("SELECT count(*) FROM pragma_foreign_key_check"), 0LL);

    // With foreign keys on (as dctwin runs), SQLite itself refuses a rack in a missing row.
    QVERIFY(db.exec("PRAGMA foreign_keys = ON").empty());
    const std::string err = db.exec(
        "INSERT INTO rack (id, ordinal, row_id, name, x_m, y_m, orientation_deg) "
        "VALUES (9999, 9999, 424242, 'stray', 0, 0, 0)");
    QVERIFY2(err.find("FOREIGN KEY") != std::string::npos, err.c_str());

    // kNoId is NULL, never 0; enums are names; the optional override is NULL when absent.
    QCOMPARE(db.integer("SELECT count(*) FROM rack WHERE feed_b_id IS NULL"), 2LL);
    QCOMPARE(db.integer("SELECT count(*) FROM rack WHERE feed_b_id = 0 OR row_id = 0 "
                        "OR cdu_id = 0 OR air_unit_id = 0"),
             0LL);
    QCOMPARE(db.integer("SELECT count(*) FROM rack WHERE power_override_w IS NULL"), 1LL);
    QCOMPARE(db.integer("SELECT count(*) FROM rack WHERE power_override_w = 0"), 1LL);
    QCOMPARE(db.integer("SELECT count(*) FROM hall WHERE building_id IS NULL"), 1LL);
    QCOMPARE(db.integer("SELECT count(*) FROM elec_node WHERE type IS NULL"), 1LL);
    std::string kinds;
    for (auto k : kElecKinds) kinds += std::string(kinds.empty() ? "" : ",") + model::to_string(k);
    QCOMPARE(db.text("SELECT group_concat(kind) FROM (SELECT DISTINCT kind FROM elec_node "
                     "WHERE kind <> 'pdu' OR name <> 'PDU big id' ORDER BY id)"),
             kinds);
    QCOMPARE(db.text("SELECT containment FROM hall WHERE id = 12"),
             std::string(model::to_string(model::Containment::HotAisle)));
    QCOMPARE(db.text("SELECT scheme FROM redundancy_group WHERE id = 504"),
             std::string(model::to_string(model::RedundancyScheme::BlockCatcher)));
    QCOMPARE(db.text("SELECT typeof(x_m) FROM rack WHERE id = 401"), std::string("real"));
    // Schema 3: the water held, and the design weather in meta.
    QCOMPARE(db.text("SELECT type || ' ' || \"notnull\" FROM pragma_table_info('cooling_unit') "
                     "WHERE name = 'volume_m3'"),
             std::string("REAL 1"));
    QCOMPARE(db.text("SELECT kind FROM cooling_unit WHERE id = 308"), std::string("storage_tank"));
    QCOMPARE(db.text("SELECT volume_m3 FROM cooling_unit WHERE id = 303"), std::string("42.125"));
    QCOMPARE(db.integer("SELECT count(*) FROM cooling_unit WHERE volume_m3 = 0"), 7LL);
    QCOMPARE(db.text("SELECT value FROM meta WHERE key = 'design.dry_bulb_c'"),
             std::string("35.2"));
    QCOMPARE(db.text("SELECT typeof(value) FROM meta WHERE key = 'design.wet_bulb_c'"),
             std::string("real"));
    QCOMPARE(db.integer("SELECT normally_open FROM elec_edge WHERE id = 203"), 1LL);
    // Schema 5: cooling units' motor feeds, NULL where a unit is not fed (never 0).
    QCOMPARE(db.text("SELECT group_concat(id || ':' || coalesce(feed_a_id, '-') || ':' || "
                     "coalesce(feed_b_id, '-')) FROM (SELECT * FROM cooling_unit "
                     "WHERE feed_a_id IS NOT NULL OR feed_b_id IS NOT NULL ORDER BY id)"),
             "300:109:110,301:113:-,302:" + std::to_string(Id{1} << 40) + ":113");
    QCOMPARE(db.integer("SELECT count(*) FROM cooling_unit WHERE feed_a_id IS NULL"), 7LL);
    QCOMPARE(db.integer("SELECT count(*) FROM cooling_unit WHERE feed_a_id = 0 OR feed_b_id = 0"),
             0LL);
    QCOMPARE(db.text("SELECT kind FROM elec_node WHERE id = 113"), std::string("mechanical_board"));
    // What feeds each unit, by a join, as a user would ask the shell.
    QCOMPARE(db.text("SELECT group_concat(kind) FROM (SELECT n.kind FROM cooling_unit AS c "
                     "JOIN elec_node AS n ON n.id IN (c.feed_a_id, c.feed_b_id) "
                     "WHERE c.id = 300 ORDER BY n.id)"),
             std::string("busway,pdu"));
    // The ordinal keeps the model's order, which is not the id order.
    QCOMPARE(db.text("SELECT group_concat(id) FROM (SELECT id FROM building ORDER BY ordinal)"),
             std::string("7,3"));
  }

  void shellStyleQueries() {
    const Project p = big_project(1200);
    const std::string path = file("query.dctwin");
    data::save_project(path, p.site, p.catalog);
    {
      RawDb db(path, SQLITE_OPEN_READONLY);
      QCOMPARE(db.integer("SELECT count(*) FROM rack"), 1200LL);
      // Racks per hall, through the rows.
      QCOMPARE(db.integer("SELECT count(*) FROM rack JOIN hall_row ON rack.row_id = hall_row.id "
                          "JOIN hall ON hall_row.hall_id = hall.id WHERE hall.name = ?",
                          p.site.halls[1].name),
               200LL);
      // Design power: the override where there is one, else the catalog's nameplate.
      double expected_w = 0;
      for (std::size_t i = 0; i < p.site.racks.size(); ++i) {
        expected_w += p.site.racks.power_override_w[i].value_or(132e3);
      }
      const double sum_w =
          std::stod(db.text("SELECT sum(coalesce(rack.power_override_w, param.value)) FROM rack "
                            "JOIN catalog_param AS param ON param.item_key = rack.type "
                            "AND param.name = 'nameplate_w'"));
      QCOMPARE(sum_w, expected_w);
      QCOMPARE(db.integer("SELECT count(*) FROM rack WHERE feed_a_id IN "
                          "(SELECT id FROM elec_node WHERE side = 'A')"),
               1200LL);
    }
    // And the sqlite3 shell itself, where it is installed.
    const QString shell = QStandardPaths::findExecutable("sqlite3");
    if (shell.isEmpty()) return;
    QProcess proc;
    proc.start(shell, {"-readonly", QString::fromStdString(path), "SELECT count(*) FROM rack;"});
    QVERIFY(proc.waitForFinished(10000));
    QCOMPARE(proc.exitCode(), 0);
    QCOMPARE(proc.readAllStandardOutput().trimmed(), QByteArray("1200"));
  }

  void otherTablesSurviveSave() {
    const Project p = full_project();
    const std::string path = file("results.dctwin");
    data::save_project(path, p.site, p.catalog);
    {
      RawDb db(path);
      const std::string err = db.exec(
          "CREATE TABLE res_rack (run_id INTEGER, rack_id INTEGER, power_w REAL);"
          "INSERT INTO res_rack VALUES (1, 401, 120000.0), (1, 402, 118000.0);"
          "INSERT INTO meta (key, value) VALUES ('results.last_run', '2025-06-01T12:00');");
      QVERIFY2(err.empty(), err.c_str());
    }
    Project q = p;
    q.site.name = "renamed";
    q.site.racks.x_m[0] += 1;
    data::save_project(path, q.site, q.catalog);
    COMPARE_PROJECTS(data::load_project(path), q);
    RawDb db(path);
    QCOMPARE(db.integer("SELECT count(*) FROM res_rack"), 2LL);
    QCOMPARE(db.text("SELECT value FROM meta WHERE key = 'results.last_run'"),
             std::string("2025-06-01T12:00"));
  }

  void migrationFromV1() {
    const std::string path = file("old.dctwin");
    {
      RawDb db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      const std::string err =
          db.exec(read_text_file(std::string(DCTWIN_TEST_DATA_DIR) + "/project_v1.sql"));
      QVERIFY2(err.empty(), err.c_str());
      QVERIFY(
          db.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me')").empty());
    }
    QCOMPARE(data::project_file_version(path), 1);
    const QByteArray before = file_bytes(path);

    const Project p = data::load_project(path);
    // 12 MW per minute is 200 kW per second, exactly.
    QCOMPARE(p.site.grid.ramp_limit_w_per_s, 200000.0);
    QCOMPARE(p.site.name, std::string("Tiny v1 site"));
    QCOMPARE(p.site.grid.contracted_import_w, 2e6);
    QCOMPARE(p.site.location.longitude_deg, 13.25);
    QCOMPARE(p.site.buildings.size(), std::size_t{1});
    QCOMPARE(p.site.halls.at(0).containment, model::Containment::HotAisle);
    QCOMPARE(p.site.racks.size(), std::size_t{2});
    QCOMPARE(p.site.racks.get(0).feed_b, Id{12});
    QCOMPARE(p.site.racks.get(1).feed_b, kNoId);
    QCOMPARE(p.site.racks.get(0).power_override_w, std::optional<double>{});
    QCOMPARE(p.site.racks.get(1).power_override_w, std::optional<double>{120000.0});
    QCOMPARE(p.site.elec_edges.at(1).normally_open, true);
    QCOMPARE(p.site.cooling.at(1).loop_id, Id{30});
    QCOMPARE(p.site.groups.at(0).members, (std::vector<Id>{11, 12}));
    QCOMPARE(p.catalog.items.size(), std::size_t{4});
    QCOMPARE(p.catalog.at("cdu_test").curve("pump_power").y,
             (std::vector<double>{0.0, 0.125, 1.0}));
    QCOMPARE(p.catalog.at("cdu_test").params.at("capacity_w").source_id, std::string());
    // Loading did not touch the file: an older dctwin can still open it.
    QCOMPARE(file_bytes(path), before);
    QCOMPARE(data::project_file_version(path), 1);

    // Schema 3 (through 2): nothing held water, no design weather.
    QCOMPARE(p.site.cooling.size(), std::size_t{3});
    for (const auto& c : p.site.cooling) QCOMPARE(c.volume_m3, 0.0);
    QCOMPARE(p.site.design_weather, model::DesignWeather{});

    // Schema 5 (through 4): no cooling unit was fed.
    for (const auto& c : p.site.cooling) {
      QCOMPARE(c.feed_a, kNoId);
      QCOMPARE(c.feed_b, kNoId);
    }

    // Saving upgrades the file in place (1 -> 2 -> 3 -> 4 -> 5) and keeps what else it holds.
    QVERIFY(p.scenarios.empty());
    data::save_project(path, p.site, p.catalog);
    QCOMPARE(data::project_file_version(path), 5);
    QCOMPARE(data::project_file_version(path), data::kProjectSchemaVersion);
    COMPARE_PROJECTS(data::load_project(path), p);
    RawDb db(path);
    QCOMPARE(db.integer("SELECT count(*) FROM meta WHERE key = 'grid.ramp_limit_mw_per_min'"), 0LL);
    QCOMPARE(db.integer("SELECT count(*) FROM cooling_unit WHERE volume_m3 = 0"), 3LL);
    QCOMPARE(db.integer("SELECT count(*) FROM meta WHERE key LIKE 'design.%' "
                        "AND value IS NOT NULL"),
             0LL);
    QCOMPARE(db.text("PRAGMA integrity_check"), std::string("ok"));
    QCOMPARE(db.text("SELECT value FROM meta WHERE key = 'grid.ramp_limit_w_per_s'"),
             std::string("200000.0"));
    QCOMPARE(db.text("SELECT text FROM notes"), std::string("keep me"));
  }

  void migrationFromV2() {
    const std::string path = file("v2.dctwin");
    {
      RawDb db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      const std::string err =
          db.exec(read_text_file(std::string(DCTWIN_TEST_DATA_DIR) + "/project_v2.sql"));
      QVERIFY2(err.empty(), err.c_str());
      QVERIFY(db.exec("INSERT INTO meta (key, value) VALUES ('results.note', 'keep me')").empty());
    }
    QCOMPARE(data::project_file_version(path), 2);
    const QByteArray before = file_bytes(path);

    const Project p = data::load_project(path);
    QCOMPARE(p.site.name, std::string("Tiny v2 site"));
    QCOMPARE(p.site.grid.ramp_limit_w_per_s, 200000.0);
    QCOMPARE(p.site.racks.size(), std::size_t{2});
    QCOMPARE(p.site.cooling.size(), std::size_t{4});
    QCOMPARE(p.site.cooling.at(0).kind, model::CoolKind::WaterLoop);
    QCOMPARE(p.site.cooling.at(0).flow_m3_s, 0.02);
    QCOMPARE(p.site.cooling.at(3).kind, model::CoolKind::Pump);
    QCOMPARE(p.site.cooling.at(3).loop_id, Id{30});
    QCOMPARE(p.site.cooling.at(3).flow_m3_s, 0.025);
    // What the old file said: no water volume known (0), no design weather.
    for (const auto& c : p.site.cooling) QCOMPARE(c.volume_m3, 0.0);
    QCOMPARE(p.site.design_weather.dry_bulb_c, std::optional<double>{});
    QCOMPARE(p.site.design_weather.wet_bulb_c, std::optional<double>{});
    QCOMPARE(p.catalog.items.size(), std::size_t{5});
    // Loading migrated a copy in memory: the file is as it was.
    QCOMPARE(file_bytes(path), before);
    QCOMPARE(data::project_file_version(path), 2);

    // Saving migrates the file itself, in the save's transaction, and stores the new fields.
    Project q = p;
    q.site.cooling.at(0).volume_m3 = 18.5;
    q.site.design_weather.wet_bulb_c = 25.5;
    data::save_project(path, q.site, q.catalog);
    QCOMPARE(data::project_file_version(path), data::kProjectSchemaVersion);
    QVERIFY(p.scenarios.empty());
    COMPARE_PROJECTS(data::load_project(path), q);
    RawDb db(path);
    QCOMPARE(db.text("PRAGMA integrity_check"), std::string("ok"));
    QCOMPARE(db.integer("SELECT count(*) FROM pragma_table_info('cooling_unit') "
                        "WHERE name = 'volume_m3' AND \"notnull\" = 1"),
             1LL);
    QCOMPARE(db.text("SELECT value FROM meta WHERE key = 'design.wet_bulb_c'"),
             std::string("25.5"));
    QCOMPARE(db.integer("SELECT value IS NULL FROM meta WHERE key = 'design.dry_bulb_c'"), 1LL);
    QCOMPARE(db.text("SELECT value FROM meta WHERE key = 'results.note'"), std::string("keep me"));
  }

  void migrationFromV2DropsStrayDesignKeys() {
    // Keys of these names meant nothing in schema 2 (a hand edit, another tool): after the
    // migration the design weather is unset, as the old file said.
    const std::string path = file("v2-stray.dctwin");
    {
      RawDb db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      QVERIFY(
          db.exec(read_text_file(std::string(DCTWIN_TEST_DATA_DIR) + "/project_v2.sql")).empty());
      QVERIFY(db.exec("INSERT INTO meta (key, value) VALUES ('design.dry_bulb_c', 40.0)").empty());
    }
    QCOMPARE(data::load_project(path).site.design_weather, model::DesignWeather{});
  }

  void migrationOfDamagedV2Refused() {
    const std::string path = file("v2-bad.dctwin");
    {
      RawDb db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      QVERIFY(
          db.exec(read_text_file(std::string(DCTWIN_TEST_DATA_DIR) + "/project_v2.sql")).empty());
      // A schema 2 file cannot already have the schema 3 column: something edited it.
      QVERIFY(db.exec("ALTER TABLE cooling_unit ADD COLUMN volume_m3 REAL").empty());
    }
    const QByteArray before = file_bytes(path);
    VERIFY_MESSAGE(error_of([&] { (void)data::load_project(path); }), path,
                   "migrating from schema 2 to 3");
    const Project p = full_project();
    VERIFY_MESSAGE(error_of([&] { data::save_project(path, p.site, p.catalog); }), path,
                   "already has a volume_m3 column");
    QCOMPARE(file_bytes(path), before);
  }

  void migrationOfDamagedV1Refused() {
    const std::string path = file("old-bad.dctwin");
    {
      RawDb db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      QVERIFY(
          db.exec(read_text_file(std::string(DCTWIN_TEST_DATA_DIR) + "/project_v1.sql")).empty());
      QVERIFY(db.exec("DELETE FROM meta WHERE key = 'grid.ramp_limit_mw_per_min'").empty());
    }
    const QByteArray before = file_bytes(path);
    VERIFY_MESSAGE(error_of([&] { (void)data::load_project(path); }), path,
                   "migrating from schema 1 to 2");
    const Project p = full_project();
    VERIFY_MESSAGE(error_of([&] { data::save_project(path, p.site, p.catalog); }), path,
                   "migrating from schema 1 to 2");
    QCOMPARE(file_bytes(path), before);
  }

  // Schema 4: scenarios.
  static Project template_with_scenarios() {
    const model::Catalog& catalog = data::builtin_catalog();
    Project p{model::make_site_from_template("small", {}, catalog), catalog};
    p.scenarios = data::builtin_stored_scenarios(p.site, p.catalog);
    // One that uses every column: an EPW weather, a battery with its own charge limit, odd values.
    data::StoredScenario c = p.scenarios.at(2);  // training-24h
    c.name = "my run, 'quoted' \u00e9";
    c.description = "";
    c.step_s = 0.1 + 0.2;
    c.weather_kind = "epw";
    c.weather_source = "/data/weather/some station.epw";
    c.dry_bulb_c.reset();
    c.wet_bulb_c.reset();
    p.scenarios.push_back(c);
    return p;
  }

  void scenarioRoundTrip() {
    const Project p = template_with_scenarios();
    QCOMPARE(p.scenarios.size(), model::scenario::builtin_scenario_names().size() + 1);
    const std::string path = file("scenarios.dctwin");
    data::save_project(path, p);
    COMPARE_PROJECTS(data::load_project(path), p);
    // The site-and-catalog form keeps the scenarios; the project form replaces them.
    data::save_project(path, p.site, p.catalog);
    COMPARE_PROJECTS(data::load_project(path), p);
    Project q = p;
    q.scenarios.erase(q.scenarios.begin());
    data::save_project(path, q);
    COMPARE_PROJECTS(data::load_project(path), q);
    // Queryable from the shell.
    RawDb db(path);
    QCOMPARE(db.text("SELECT group_concat(name || ':' || horizon_s || ':' || step_s) FROM "
                     "(SELECT * FROM scenario WHERE name IN ('annual', 'design-day') ORDER BY id)"),
             std::string("annual:31536000.0:3600.0"));
    QCOMPARE(db.text("SELECT weather_kind FROM scenario WHERE name = 'annual'"),
             std::string("climate"));
    QCOMPARE(db.text("SELECT typeof(battery_energy_wh) FROM scenario WHERE name = 'training-24h'"),
             std::string("real"));
    QCOMPARE(db.integer("SELECT json_valid(params_json) FROM scenario WHERE name = 'training-24h'"),
             1LL);
  }

  void scenarioModelRoundTrip() {
    // Stored -> runnable -> stored gives the same row, and the runnable one is the built-in.
    const model::Catalog& catalog = data::builtin_catalog();
    const model::Site site = model::make_site_from_template("small", {}, catalog);
    for (const auto& c : data::builtin_stored_scenarios(site, catalog)) {
      const model::scenario::Scenario s = data::to_scenario(c);
      QCOMPARE(data::to_stored(s, c.weather_kind, c.weather_source), c);
      const bool series = std::holds_alternative<model::scenario::WeatherSeries>(s.weather);
      const model::scenario::Scenario b = model::scenario::make_builtin_scenario(
          c.name, site, catalog,
          series ? std::optional(std::get<model::scenario::WeatherSeries>(s.weather))
                 : std::nullopt);
      QCOMPARE(data::to_stored(b, c.weather_kind, c.weather_source), c);
      QCOMPARE(s.events.size(), b.events.size());
      QCOMPARE(s.battery.has_value(), b.battery.has_value());
      if (s.battery) QCOMPARE(s.battery->max_charge_w, b.battery->max_charge_w);
    }
    // Unreadable parameters are refused with the scenario's name.
    data::StoredScenario bad = data::builtin_stored_scenarios(site, catalog).at(0);
    bad.params_json = "{not json";
    bool refused = false;
    try {
      (void)data::to_scenario(bad);
    } catch (const std::invalid_argument& e) {
      refused = std::string(e.what()).find("design-day") != std::string::npos;
    }
    QVERIFY(refused);
  }

  void scenarioNamesUnique() {
    Project p = template_with_scenarios();
    p.scenarios.push_back(p.scenarios.front());
    const std::string path = file("dup.dctwin");
    VERIFY_MESSAGE(error_of([&] { data::save_project(path, p); }), path, "used twice");
    QVERIFY(!std::filesystem::exists(path));
  }

  void migrationFromV3() {
    const std::string path = file("v3.dctwin");
    {
      RawDb db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      const std::string err =
          db.exec(read_text_file(std::string(DCTWIN_TEST_DATA_DIR) + "/project_v3.sql"));
      QVERIFY2(err.empty(), err.c_str());
      QVERIFY(db.exec("CREATE TABLE result_run (id INTEGER PRIMARY KEY, kind TEXT); "
                      "INSERT INTO result_run (kind) VALUES ('power')")
                  .empty());
    }
    QCOMPARE(data::project_file_version(path), 3);
    const QByteArray before = file_bytes(path);
    const Project p = data::load_project(path);
    QCOMPARE(p.site.name, std::string("Tiny v3 site"));
    QCOMPARE(p.site.cooling.at(0).volume_m3, 12.5);
    QCOMPARE(p.site.design_weather.dry_bulb_c, std::optional(36.5));
    QCOMPARE(p.site.design_weather.wet_bulb_c, std::optional<double>{});
    QVERIFY(p.scenarios.empty());  // schema 3 had none
    QCOMPARE(file_bytes(path), before);
    QCOMPARE(data::project_file_version(path), 3);

    // Saving migrates the file (3 -> 4 -> 5) and stores scenarios; results are kept.
    Project q = p;
    q.scenarios = template_with_scenarios().scenarios;
    data::save_project(path, q);
    QCOMPARE(data::project_file_version(path), data::kProjectSchemaVersion);
    COMPARE_PROJECTS(data::load_project(path), q);
    RawDb db(path);
    QCOMPARE(db.text("PRAGMA integrity_check"), std::string("ok"));
    QCOMPARE(db.integer("SELECT count(*) FROM scenario"), std::int64_t(q.scenarios.size()));
    QCOMPARE(db.text("SELECT kind FROM result_run"), std::string("power"));
  }

  void migrationOfDamagedV3Refused() {
    const std::string path = file("v3-bad.dctwin");
    {
      RawDb db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      QVERIFY(
          db.exec(read_text_file(std::string(DCTWIN_TEST_DATA_DIR) + "/project_v3.sql")).empty());
      QVERIFY(db.exec("CREATE TABLE scenario (x)").empty());
    }
    const QByteArray before = file_bytes(path);
    VERIFY_MESSAGE(error_of([&] { (void)data::load_project(path); }), path,
                   "migrating from schema 3 to 4");
    const Project p = full_project();
    VERIFY_MESSAGE(error_of([&] { data::save_project(path, p.site, p.catalog); }), path,
                   "already a table named scenario");
    QCOMPARE(file_bytes(path), before);
  }

  // Schema 5: cooling units' electrical feeds.
  void migrationFromV4() {
    const std::string path = file("v4.dctwin");
    {
      RawDb db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      const std::string err =
          db.exec(read_text_file(std::string(DCTWIN_TEST_DATA_DIR) + "/project_v4.sql"));
      QVERIFY2(err.empty(), err.c_str());
      QVERIFY(db.exec("CREATE TABLE result_run (id INTEGER PRIMARY KEY, kind TEXT); "
                      "INSERT INTO result_run (kind) VALUES ('power')")
                  .empty());
    }
    QCOMPARE(data::project_file_version(path), 4);
    const QByteArray before = file_bytes(path);
    const Project p = data::load_project(path);
    QCOMPARE(p.site.name, std::string("Tiny v4 site"));
    QCOMPARE(p.site.cooling.size(), std::size_t{4});
    QCOMPARE(p.site.cooling.at(0).volume_m3, 12.5);
    QCOMPARE(p.site.elec_nodes.at(3).kind, model::ElecKind::LvSwitchboard);
    QCOMPARE(p.site.racks.get(0).feed_a, Id{11});
    QCOMPARE(p.site.racks.get(0).feed_b, Id{12});
    // Schema 4 knew no cooling feeds: every unit loads unfed.
    for (const auto& c : p.site.cooling) {
      QCOMPARE(c.feed_a, kNoId);
      QCOMPARE(c.feed_b, kNoId);
    }
    QCOMPARE(p.scenarios.size(), std::size_t{1});
    QCOMPARE(p.scenarios.at(0).name, std::string("design-day"));
    QCOMPARE(p.scenarios.at(0).wet_bulb_c, std::optional(24.0));
    // Loading migrated a copy in memory: the file is as it was, an older dctwin still opens it.
    QCOMPARE(file_bytes(path), before);
    QCOMPARE(data::project_file_version(path), 4);

    // Saving migrates the file (4 -> 5) and stores the feeds; scenarios and results are kept.
    Project q = p;
    q.site.cooling.at(1).feed_a = 13;  // the CDU on the LV switchboard and a busway
    q.site.cooling.at(1).feed_b = 11;
    q.site.cooling.at(3).feed_a = 13;  // the pump single-fed
    data::save_project(path, q.site, q.catalog);
    QCOMPARE(data::project_file_version(path), 5);
    COMPARE_PROJECTS(data::load_project(path), q);
    RawDb db(path);
    QCOMPARE(db.text("PRAGMA integrity_check"), std::string("ok"));
    QCOMPARE(db.integer("SELECT count(*) FROM pragma_foreign_key_check"), 0LL);
    QCOMPARE(db.integer("SELECT count(*) FROM pragma_foreign_key_list('cooling_unit') WHERE "
                        "\"from\" IN ('feed_a_id', 'feed_b_id') AND \"table\" = 'elec_node'"),
             2LL);
    QCOMPARE(db.text("SELECT group_concat(coalesce(feed_a_id, '-') || '/' || "
                     "coalesce(feed_b_id, '-')) FROM (SELECT * FROM cooling_unit ORDER BY id)"),
             std::string("-/-,13/11,-/-,13/-"));
    QCOMPARE(db.integer("SELECT count(*) FROM scenario"), 1LL);
    QCOMPARE(db.text("SELECT kind FROM result_run"), std::string("power"));
    // Unfeeding a unit stores NULL again.
    q.site.cooling.at(1).feed_b = kNoId;
    data::save_project(path, q.site, q.catalog);
    COMPARE_PROJECTS(data::load_project(path), q);
    QCOMPARE(db.integer("SELECT feed_b_id IS NULL FROM cooling_unit WHERE id = 31"), 1LL);
  }

  // A migrated file and a new one have the same cooling_unit columns, in the same order, with
  // the same types and foreign keys: queries and later migrations see one schema.
  void migratedSchemaMatchesNew() {
    const std::string migrated = file("v4-migrated.dctwin"), fresh = file("new.dctwin");
    {
      RawDb db(migrated, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      QVERIFY(
          db.exec(read_text_file(std::string(DCTWIN_TEST_DATA_DIR) + "/project_v4.sql")).empty());
    }
    const Project p = data::load_project(migrated);
    data::save_project(migrated, p.site, p.catalog);
    data::save_project(fresh, p.site, p.catalog);
    for (const char* table : {"cooling_unit", "rack"}) {
      const std::string columns =
          std::string(
              "SELECT group_concat(name || ' ' || type || ' ' || \"notnull\" || ' ' || "
              "coalesce(dflt_value, '-'), ', ') FROM pragma_table_info('") +
          table + "')";
      const std::string keys = std::string(
                                   "SELECT group_concat(\"from\" || '>' || \"table\", ', ') FROM "
                                   "(SELECT * FROM pragma_foreign_key_list('") +
                               table + "') ORDER BY \"from\")";
      RawDb a(migrated), b(fresh);
      QCOMPARE(a.text(columns), b.text(columns));
      QCOMPARE(a.text(keys), b.text(keys));
    }
    RawDb b(fresh);
    QVERIFY(b.text("SELECT group_concat(name) FROM pragma_table_info('cooling_unit')")
                .ends_with("volume_m3,feed_a_id,feed_b_id"));
  }

  void migrationOfDamagedV4Refused() {
    const std::string path = file("v4-bad.dctwin");
    {
      RawDb db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      QVERIFY(
          db.exec(read_text_file(std::string(DCTWIN_TEST_DATA_DIR) + "/project_v4.sql")).empty());
      // A schema 4 file cannot already have the schema 5 column: something edited it.
      QVERIFY(db.exec("ALTER TABLE cooling_unit ADD COLUMN feed_b_id INTEGER").empty());
    }
    const QByteArray before = file_bytes(path);
    VERIFY_MESSAGE(error_of([&] { (void)data::load_project(path); }), path,
                   "migrating from schema 4 to 5");
    const Project p = full_project();
    VERIFY_MESSAGE(error_of([&] { data::save_project(path, p.site, p.catalog); }), path,
                   "already has a feed_a_id or feed_b_id column");
    QCOMPARE(file_bytes(path), before);
  }

  void newerVersionRefused() {
    const Project p = full_project();
    const std::string path = file("future.dctwin");
    data::save_project(path, p.site, p.catalog);
    {
      RawDb db(path);
      QVERIFY(db.exec("PRAGMA user_version = 6").empty());
    }
    const QByteArray before = file_bytes(path);
    QCOMPARE(data::project_file_version(path), 6);
    const std::string expected =
        "written by a newer dctwin (schema 6, this build reads up to 5): update dctwin";
    VERIFY_MESSAGE(error_of([&] { (void)data::load_project(path); }), path, expected);
    VERIFY_MESSAGE(error_of([&] { data::save_project(path, p.site, p.catalog); }), path, expected);
    QCOMPARE(file_bytes(path), before);
  }

  void garbageRefused_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("saveRefused");
    QByteArray random(8192, '\0');
    std::uint32_t x = 12345;
    for (char& c : random) {
      x = x * 1664525u + 1013904223u;
      c = static_cast<char>(x >> 24);
    }
    QTest::newRow("text") << QByteArray("<site>not a database</site>\n") << "not an SQLite database"
                          << true;
    QTest::newRow("random bytes") << random << "not an SQLite database" << true;
    QByteArray zeros = QByteArray("SQLite format 3", 16) + QByteArray(4080, '\0');
    QTest::newRow("SQLite magic, then zeros") << zeros << "damaged" << true;
    QByteArray magic_random = QByteArray("SQLite format 3", 16) + random;
    QTest::newRow("SQLite magic, then noise") << magic_random << "damaged" << true;
    // An empty file holds nothing to lose: a save may write into it, a load must refuse it.
    QTest::newRow("empty file") << QByteArray() << "empty" << false;
  }
  void garbageRefused() {
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QFETCH(bool, saveRefused);
    const std::string path = file("garbage.dctwin");
    write_file(path, content);
    VERIFY_MESSAGE(error_of([&] { (void)data::load_project(path); }), path, expected.toStdString());
    QCOMPARE(file_bytes(path), content);
    const Project p = full_project();
    if (saveRefused) {
      VERIFY_MESSAGE(error_of([&] { data::save_project(path, p.site, p.catalog); }), path,
                     expected.toStdString());
      QCOMPARE(file_bytes(path), content);
    } else {
      data::save_project(path, p.site, p.catalog);
      COMPARE_PROJECTS(data::load_project(path), p);
    }
  }

  void missingFileRefused() {
    const std::string path = file("nowhere.dctwin");
    VERIFY_MESSAGE(error_of([&] { (void)data::load_project(path); }), path, "no such file");
    QVERIFY(!QFile::exists(QString::fromStdString(path)));
  }

  void truncatedRefused_data() {
    QTest::addColumn<int>("keep");  // bytes kept; negative: bytes cut from the end
    QTest::newRow("50 bytes") << 50;
    QTest::newRow("header only") << 100;
    QTest::newRow("first page") << 4096;
    QTest::newRow("half") << 0;
    QTest::newRow("last page cut") << -4096;
    QTest::newRow("last byte cut") << -1;
  }
  void truncatedRefused() {
    QFETCH(int, keep);
    const Project p = big_project(1000);
    const std::string path = file("cut.dctwin");
    data::save_project(path, p.site, p.catalog);
    QByteArray bytes = file_bytes(path);
    QVERIFY(bytes.size() > 16 * 4096);
    const qsizetype n = keep > 0 ? keep : keep == 0 ? bytes.size() / 2 : bytes.size() + keep;
    bytes.truncate(n);
    write_file(path, bytes);
    VERIFY_MESSAGE(error_of([&] { (void)data::load_project(path); }), path, "damaged");
    VERIFY_MESSAGE(error_of([&] { data::save_project(path, p.site, p.catalog); }), path, "damaged");
    QCOMPARE(file_bytes(path), bytes);
  }

  void damagedRefused_data() {
    QTest::addColumn<QString>("how");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("saveRefused");  // false: a save simply replaces the damaged rows
    QTest::newRow("corrupt rack page") << "corrupt:rack"
                                       << "damaged" << true;
    QTest::newRow("corrupt index page") << "corrupt:rack_row"
                                        << "damaged" << true;
    QTest::newRow("missing table") << "DROP TABLE redundancy_member"
                                   << "redundancy_member" << true;
    QTest::newRow("missing column") << "ALTER TABLE rack DROP COLUMN orientation_deg"
                                    << "orientation_deg" << true;
    QTest::newRow("schema version 0") << "PRAGMA user_version = 0"
                                      << "schema version 0" << true;
    QTest::newRow("unknown containment") << "UPDATE hall SET containment = 'Sideways' WHERE id = 12"
                                         << "'Sideways' is not one of" << false;
    QTest::newRow("unknown node kind")
        << "UPDATE elec_node SET kind = 'FluxCapacitor' WHERE id = 105"
        << "FluxCapacitor" << false;
    QTest::newRow("unknown item kind")
        << "UPDATE catalog_item SET kind = 'Toaster' WHERE key = 'item_ups'"
        << "Toaster" << false;
    QTest::newRow("unknown scheme") << "UPDATE redundancy_group SET scheme = '3N' WHERE id = 500"
                                    << "'3N'" << false;
    QTest::newRow("dangling row") << "UPDATE rack SET row_id = 999999 WHERE id = 401"
                                  << "row_id = 999999 refers to no hall_row" << false;
    // A cooling unit's feed is reported as a rack's is: the entity, the column, the value.
    QTest::newRow("dangling rack feed")
        << "UPDATE rack SET feed_a_id = 424242 WHERE id = 401"
        << "rack 'R1' (id 401): feed_a_id = 424242 refers to no elec_node" << false;
    QTest::newRow("dangling cooling feed A")
        << "UPDATE cooling_unit SET feed_a_id = 424242 WHERE id = 300"
        << "cooling unit 'C crah' (id 300): feed_a_id = 424242 refers to no elec_node" << false;
    QTest::newRow("dangling cooling feed B")
        << "UPDATE cooling_unit SET feed_b_id = 'MCC-1' WHERE id = 304"
        << "cooling unit 'C chiller' (id 304): feed_b_id = 'MCC-1' refers to no elec_node" << false;
    QTest::newRow("dangling member")
        << "UPDATE redundancy_member SET elec_node_id = 424242 WHERE group_id = 500"
        << "refers to no elec_node" << false;
    QTest::newRow("dangling catalog type") << "UPDATE rack SET type = 'no_such' WHERE id = 401"
                                           << "refers to no catalog_item" << false;
    QTest::newRow("text in a number column") << "UPDATE rack SET x_m = 'abc' WHERE id = 401"
                                             << "x_m holds the text 'abc'" << false;
    QTest::newRow("blob name") << "UPDATE building SET name = x'0102' WHERE id = 3"
                               << "name holds a blob" << false;
    // SQLite's integrity check also checks the CHECK constraints that a hand edit bypassed.
    QTest::newRow("bool out of range") << "UPDATE elec_node SET dc = 2 WHERE id = 101"
                                       << "CHECK constraint failed in elec_node" << true;
    QTest::newRow("member in two tables")
        << "UPDATE redundancy_member SET cooling_unit_id = 300 WHERE group_id = 500"
        << "CHECK constraint failed in redundancy_member" << true;
    QTest::newRow("curve point missing")
        << "DELETE FROM catalog_curve_point WHERE item_key = 'item_rack' AND point_index = 1"
        << "point_index" << false;
    QTest::newRow("meta key missing") << "DELETE FROM meta WHERE key = 'grid.ramp_limit_w_per_s'"
                                      << "grid.ramp_limit_w_per_s" << false;
    QTest::newRow("meta value not a number")
        << "UPDATE meta SET value = 'fast' WHERE key = 'grid.x_over_r'"
        << "grid.x_over_r" << false;
    QTest::newRow("wrong format") << "UPDATE meta SET value = 'other' WHERE key = 'format'"
                                  << "format" << false;
    QTest::newRow("design weather not a number")
        << "UPDATE meta SET value = 'hot' WHERE key = 'design.dry_bulb_c'"
        << "meta design.dry_bulb_c: value holds the text 'hot', expected a number" << false;
    QTest::newRow("volume not a number")
        << "UPDATE cooling_unit SET volume_m3 = 'full' WHERE id = 308"
        << "volume_m3 holds the text 'full'" << false;
    QTest::newRow("unknown cooling kind")
        << "UPDATE cooling_unit SET kind = 'tank' WHERE id = 308"
        << "kind 'tank' is not one of crah, fan_wall, cdu, water_loop, chiller, cooling_tower, "
           "dry_cooler, pump, storage_tank"
        << false;
  }
  void damagedRefused() {
    QFETCH(QString, how);
    QFETCH(QString, expected);
    QFETCH(bool, saveRefused);
    const Project p = full_project();
    const std::string path = file("damaged.dctwin");
    data::save_project(path, p.site, p.catalog);
    damage(path, how.toStdString());
    const QByteArray before = file_bytes(path);
    VERIFY_MESSAGE(error_of([&] { (void)data::load_project(path); }), path, expected.toStdString());
    QCOMPARE(file_bytes(path), before);
    if (saveRefused) {
      VERIFY_MESSAGE(error_of([&] { data::save_project(path, p.site, p.catalog); }), path,
                     "was not changed");
      QCOMPARE(file_bytes(path), before);
    } else {
      data::save_project(path, p.site, p.catalog);
      COMPARE_PROJECTS(data::load_project(path), p);
    }
  }

  void saveOntoOtherSqliteRefused() {
    const std::string path = file("other.db");
    {
      RawDb db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      QVERIFY(db.exec("CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('x')")
                  .empty());
    }
    const QByteArray before = file_bytes(path);
    const Project p = full_project();
    VERIFY_MESSAGE(error_of([&] { data::save_project(path, p.site, p.catalog); }), path,
                   "not a dctwin project");
    VERIFY_MESSAGE(error_of([&] { (void)data::load_project(path); }), path, "not a dctwin project");
    VERIFY_MESSAGE(error_of([&] { (void)data::project_file_version(path); }), path,
                   "not a dctwin project");
    QCOMPARE(file_bytes(path), before);
  }

  void invalidSiteRefused_data() {
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("expected");
    QTest::newRow("NaN rack position") << "nan-rack"
                                       << "rack 'R1' (id 401): x_m is NaN";
    QTest::newRow("NaN optional override") << "nan-override"
                                           << "power_override_w is NaN";
    QTest::newRow("NaN catalog value") << "nan-param"
                                       << "value is NaN";
    QTest::newRow("NaN grid value") << "nan-grid"
                                    << "grid.x_over_r is NaN";
    QTest::newRow("NaN tank volume") << "nan-volume"
                                     << "cooling unit 'C storage_tank' (id 308): volume_m3 is NaN";
    QTest::newRow("NaN design weather") << "nan-weather"
                                        << "design.wet_bulb_c is NaN";
    QTest::newRow("rack in a missing row") << "dangling-row"
                                           << "row_id = 777 refers to no hall_row";
    QTest::newRow("edge to a missing node") << "dangling-edge"
                                            << "refers to no elec_node";
    QTest::newRow("rack fed from a missing node")
        << "dangling-rack-feed"
        << "rack 'R2' (id 402): feed_b_id = 4243 refers to no elec_node";
    QTest::newRow("cooling unit fed from a missing node")
        << "dangling-cooling-feed"
        << "cooling unit 'C pump' (id 307): feed_a_id = 4242 refers to no elec_node";
    QTest::newRow("unknown rack type") << "unknown-type"
                                       << "type = 'nonexistent' refers to no catalog_item";
    QTest::newRow("unknown source") << "unknown-source"
                                    << "refers to no catalog_source";
    QTest::newRow("id used twice") << "duplicate-id"
                                   << "used twice";
    QTest::newRow("member that is nothing") << "member-nowhere"
                                            << "member 9999 is neither";
    QTest::newRow("catalog key mismatch") << "misfiled-item"
                                          << "filed under the key";
    QTest::newRow("rack columns uneven") << "uneven-racks"
                                         << "different lengths";
  }
  void invalidSiteRefused() {
    QFETCH(QString, change);
    QFETCH(QString, expected);
    const std::map<QString, std::function<void(Project&)>> changes{
        {"nan-rack", [](Project& p) { p.site.racks.x_m[1] = std::nan(""); }},
        {"nan-override", [](Project& p) { p.site.racks.power_override_w[2] = std::nan(""); }},
        {"nan-param",
         [](Project& p) {
           p.catalog.items[key_of(model::ItemKind::Ups)].params["rating_w"].value = std::nan("");
         }},
        {"nan-grid", [](Project& p) { p.site.grid.x_over_r = std::nan(""); }},
        {"nan-volume", [](Project& p) { p.site.cooling[8].volume_m3 = std::nan(""); }},
        {"nan-weather", [](Project& p) { p.site.design_weather.wet_bulb_c = std::nan(""); }},
        {"dangling-row", [](Project& p) { p.site.racks.row_id[0] = 777; }},
        {"dangling-edge", [](Project& p) { p.site.elec_edges[1].to = 4242; }},
        {"dangling-rack-feed", [](Project& p) { p.site.racks.feed_b[0] = 4243; }},
        {"dangling-cooling-feed", [](Project& p) { p.site.cooling[7].feed_a = 4242; }},
        {"unknown-type", [](Project& p) { p.site.racks.type[1] = "nonexistent"; }},
        {"unknown-source",
         [](Project& p) {
           p.catalog.items[key_of(model::ItemKind::Ups)].params["rating_w"].source_id = "nobody";
         }},
        {"duplicate-id", [](Project& p) { p.site.halls[1].id = p.site.halls[0].id; }},
        {"member-nowhere", [](Project& p) { p.site.groups[0].members.push_back(9999); }},
        {"misfiled-item",
         [](Project& p) { p.catalog.items[key_of(model::ItemKind::Ups)].key = "item_Other"; }},
        {"uneven-racks", [](Project& p) { p.site.racks.name.pop_back(); }},
    };
    const Project good = big_project(300);
    Project bad = full_project();
    changes.at(change)(bad);

    // Onto an existing project: refused, the previous state stays.
    const std::string path = file("keep.dctwin");
    data::save_project(path, good.site, good.catalog);
    VERIFY_MESSAGE(error_of([&] { data::save_project(path, bad.site, bad.catalog); }), path,
                   expected.toStdString());
    COMPARE_PROJECTS(data::load_project(path), good);

    // To a new file: refused, and no file is left behind.
    const std::string fresh = file("fresh.dctwin");
    VERIFY_MESSAGE(error_of([&] { data::save_project(fresh, bad.site, bad.catalog); }), fresh,
                   expected.toStdString());
    QVERIFY(!std::filesystem::exists(fresh));
  }

  void killDuringSaveKeepsPreviousState_data() {
    QTest::addColumn<int>("killAfterRacks");
    QTest::newRow("killed after 1,500 rack rows") << 1500;
    QTest::newRow("killed as COMMIT starts") << 0;
  }
  void killDuringSaveKeepsPreviousState() {
    QFETCH(int, killAfterRacks);
    const std::string path = file("killed.dctwin");
    const Project before = big_project(3000);
    data::save_project(path, before.site, before.catalog);
    Project after = big_project(2500);
    after.site.name = "the save that never happened";

    const pid_t child = fork();
    QVERIFY(child >= 0);
    if (child == 0) {
      // Only async-safe-ish work from here on: SQLite and _exit, never back into Qt Test.
      g_kill_after_racks = killAfterRacks;
      sqlite3_auto_extension(reinterpret_cast<void (*)()>(&install_kill_hooks));
      try {
        data::save_project(path, after.site, after.catalog);
      } catch (...) {
        _exit(2);
      }
      _exit(3);  // the hooks should have killed us
    }
    int status = 0;
    QCOMPARE(waitpid(child, &status, 0), child);
    QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
             ("child was not killed; exit status " + std::to_string(WEXITSTATUS(status))).c_str());
    if (killAfterRacks > 0) {
      // The half-written transaction really reached the disk.
      QVERIFY(std::filesystem::exists(path + "-wal"));
      QVERIFY(std::filesystem::file_size(path + "-wal") > 0);
    }

    COMPARE_PROJECTS(data::load_project(path), before);
    // The file is still a good project: the next save and load work.
    data::save_project(path, after.site, after.catalog);
    COMPARE_PROJECTS(data::load_project(path), after);
  }

  // Issue 18: a save killed at its closing checkpoint, while the file grows, is not damaged:
  // SQLite recovers it from the log. dctwin used to call it "truncated" from the header alone.
  void checkpointKilledWhileGrowingRecovers() {
    const std::string path = file("grown.dctwin");
    const Project before = big_project(200);
    data::save_project(path, before.site, before.catalog);
    const auto old_size = std::filesystem::file_size(path);
    Project after = big_project(3000);
    after.site.name = "saved, checkpoint killed";
    QVERIFY(run_killed_after_commit([&] { data::save_project(path, after.site, after.catalog); }));
    QVERIFY(std::filesystem::file_size(path + "-wal") > 0);
    QCOMPARE(std::filesystem::file_size(path), old_size);
    const std::uint32_t pages = checkpoint_killed_after_page_one(path);
    // The header now promises more pages than the file holds, with a valid change counter: the
    // state the old header check refused.
    const QByteArray head = file_bytes(path).left(100);
    const std::uint32_t page_size = (std::uint32_t(static_cast<unsigned char>(head[16])) << 8) |
                                    static_cast<unsigned char>(head[17]);
    QCOMPARE(be32(head, 24), be32(head, 92));
    QVERIFY2(std::uint64_t(pages) * page_size > old_size,
             ("the new content does not grow the file: " + std::to_string(pages)).c_str());

    COMPARE_PROJECTS(data::load_project(path), after);
    {
      RawDb db(path);
      QCOMPARE(db.text("PRAGMA integrity_check"), std::string("ok"));
    }
    // And it saves and loads as any other file.
    data::save_project(path, before.site, before.catalog);
    COMPARE_PROJECTS(data::load_project(path), before);
  }

  // Issue 18: replacing a project (import-json/new/demo --force) whose write-ahead log a killed
  // writer left beside it: the old log is never replayed onto the new file.
  void replaceOverStaleWal() {
    const std::string path = file("replaced.dctwin");
    const Project old_p = big_project(300);
    data::save_project(path, old_p.site, old_p.catalog);
    QVERIFY(exec_killed_after_commit(path, "UPDATE rack SET name = name || ' (in the log)'"));
    QVERIFY(std::filesystem::file_size(path + "-wal") > 0);
    Project new_p = big_project(1000);
    new_p.site.name = "replacement";
    data::replace_project(path, new_p);
    COMPARE_PROJECTS(data::load_project(path), new_p);
    QVERIFY(!std::filesystem::exists(path + ".new"));
    {
      RawDb db(path);
      QCOMPARE(db.text("PRAGMA integrity_check"), std::string("ok"));
    }

    // A temporary and its log left by a replace that was killed do not leak into the next one.
    std::filesystem::copy_file(path, path + ".new");
    {
      RawDb db(path);  // a hot log for the stale temporary
      QVERIFY(exec_killed_after_commit(path + ".new", "UPDATE rack SET name = 'stale temporary'"));
    }
    QVERIFY(std::filesystem::file_size(path + ".new-wal") > 0);
    std::filesystem::remove(path + ".new");  // only the log is left
    data::replace_project(path, Project{old_p.site, old_p.catalog, {}});
    COMPARE_PROJECTS(data::load_project(path), old_p);

    // Another program with the file open (an sqlite3 shell): refused, nothing changed.
    {
      RawDb other(path);
      QCOMPARE(other.integer("SELECT count(*) FROM rack"), 300LL);
      VERIFY_MESSAGE(error_of([&] { data::replace_project(path, new_p); }), path,
                     "open in another program");
      QCOMPARE(other.integer("SELECT count(*) FROM rack"), 300LL);
    }
    COMPARE_PROJECTS(data::load_project(path), old_p);
    QVERIFY(!std::filesystem::exists(path + ".new"));
  }

  // Issue 11: a project in a read-only folder can be read (info, validate, export-json): it
  // used to fail with "attempt to write a readonly database" (SQLite's -shm).
  void readOnlyFolderReads() {
    const QString folder = QDir(dir_->path()).filePath("readonly");
    QVERIFY(QDir().mkpath(folder));
    const std::string path = (folder + "/site.dctwin").toStdString();
    const Project p = big_project(500);
    data::save_project(path, p.site, p.catalog);
    // A project with a stored N-1 study beside it, for the stored-results readers.
    const std::string studied = (folder + "/studied.dctwin").toStdString();
    const auto& cat = data::builtin_catalog();
    const model::Site small = model::make_site_from_template("small", {}, cat);
    data::save_project(studied, small, cat);
    const auto n1 = model::electrical::run_contingencies(small, cat);
    QVERIFY(!n1.cases.empty());
    (void)data::store_contingency_results(studied, small, n1);
    // Make the folder unwritable: chattr +i works for root too (ext4); chmod for other users.
    struct Unlock {
      QString f;
      ~Unlock() {
        QProcess::execute("chattr", {"-i", f});
        QFile::setPermissions(
            f, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
      }
    } unlock{folder};
    const bool immutable = QProcess::execute("chattr", {"+i", folder}) == 0;
    if (!immutable) QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    QFile probe(folder + "/probe");
    if (probe.open(QIODevice::WriteOnly)) {
      probe.close();
      probe.remove();
      QSKIP("cannot make a folder read-only here (root without chattr +i support)");
    }
    COMPARE_PROJECTS(data::load_project(path), p);
    QCOMPARE(data::project_file_version(path), data::kProjectSchemaVersion);
    // The stored-results readers (reports reuse stored studies) read there too.
    QVERIFY(!data::load_contingency_results(path).has_value());
    QVERIFY(!data::load_thermal_results(path).has_value());
    const auto stored = data::load_contingency_results(studied);
    QVERIFY(stored.has_value());
    QCOMPARE(stored->result.cases.size(), n1.cases.size());
    QVERIFY(!std::filesystem::exists(studied + "-shm"));
    QVERIFY(!std::filesystem::exists(path + "-shm"));
    // Saving there is refused with a message (not a crash), the file unchanged.
    VERIFY_MESSAGE(error_of([&] { data::save_project(path, p.site, p.catalog); }), path, "cannot");
    COMPARE_PROJECTS(data::load_project(path), p);
  }

  void largeSiteTiming() {
    // Not an assertion (speed is measured in tests/bench); printed to keep an eye on it.
    const Project p = big_project(6000);
    const std::string path = file("large.dctwin");
    QElapsedTimer t;
    t.start();
    data::save_project(path, p.site, p.catalog);
    const qint64 save_ms = t.restart();
    const Project q = data::load_project(path);
    const qint64 load_ms = t.elapsed();
    COMPARE_PROJECTS(q, p);
    qInfo(
        "%zu racks, %zu electrical nodes, %zu edges, %zu cooling units: save %lld ms, "
        "load %lld ms, file %lld kB",
        p.site.racks.size(), p.site.elec_nodes.size(), p.site.elec_edges.size(),
        p.site.cooling.size(), static_cast<long long>(save_ms), static_cast<long long>(load_ms),
        static_cast<long long>(std::filesystem::file_size(path) / 1024));
  }
};

QTEST_GUILESS_MAIN(TestProjectFile)
#include "tst_project_file.moc"
