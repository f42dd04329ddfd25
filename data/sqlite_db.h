// A thin RAII layer over the SQLite C API shared by the project file and the results store.
// Internal to data/: nothing outside data/ includes SQLite.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace dctwin::data::sql {

/// An SQLite call failed (I/O, corruption, a missing table...).
struct SqlError : std::runtime_error {
  SqlError(int code_, const std::string& msg) : std::runtime_error(msg), code(code_) {}
  int code;  ///< extended result code
};

[[noreturn]] inline void throw_sql(sqlite3* db) {
  throw SqlError(sqlite3_extended_errcode(db), sqlite3_errmsg(db));
}

class Db {
 public:
  Db(const std::string& filename, int flags) {
    const int rc = sqlite3_open_v2(filename.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      const std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close_v2(db_);
      db_ = nullptr;
      throw SqlError(rc, msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    // Another dctwin (a results writer, a second window) may hold the file for a moment.
    sqlite3_busy_timeout(db_, 5000);
  }
  ~Db() { sqlite3_close_v2(db_); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  [[nodiscard]] sqlite3* get() const { return db_; }

  /// Runs constant SQL (never text from a user: that goes through bound parameters).
  void exec(const std::string& sql) {
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) throw_sql(db_);
  }

  void rollback_if_open() {
    if (sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }

 private:
  sqlite3* db_ = nullptr;
};

class Stmt {
 public:
  Stmt(const Db& db, std::string_view sql) : db_(db.get()) {
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &st_, nullptr) != SQLITE_OK) {
      throw_sql(db_);
    }
  }
  ~Stmt() { sqlite3_finalize(st_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  [[nodiscard]] sqlite3_stmt* get() const { return st_; }

  /// True while there is a row to read.
  bool step() {
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw_sql(db_);
  }
  void reset() { sqlite3_reset(st_); }

 private:
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
};

/// Opens a project file to read it (defined in data/project_file.cpp). Read-write first, so that
/// SQLite can recover a save that was interrupted (its WAL), which is not a change of content. A
/// file in a folder where SQLite cannot create its -shm (a read-only folder, a CD, a read-only
/// share) is then opened read-only and immutable: reading never needs write access. Throws
/// SqlError, or ProjectFileError for a file that holds an unrecovered save in such a folder.
[[nodiscard]] std::unique_ptr<Db> open_for_reading(const std::string& path);

}  // namespace dctwin::data::sql
