// Strict JSON reading shared by the catalog reader (catalog_io.cpp) and the site exchange reader
// (site_json.cpp). Internal to dctwin_data: not part of its public interface.
//
// Every problem is collected rather than thrown at once, so that one run of a reader lists all
// of them, each as "<source>: <JSON pointer>: <what is wrong>; <how to fix it>".
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/site/catalog.h"
#include "model/site/site.h"

namespace dctwin::data::detail {

using Json = nlohmann::json;

/// One path segment of an RFC 6901 JSON pointer ("~" -> "~0", "/" -> "~1").
[[nodiscard]] std::string pointer_token(std::string_view key);

/// The pointer as shown to people: the empty pointer (the whole document) reads "top level".
[[nodiscard]] std::string show_pointer(const std::string& pointer);

/// A short description of a JSON value for messages: its type and, for scalars, its text.
[[nodiscard]] std::string describe(const Json& j);

/// Problems found while reading, possibly across several sources (files).
class Problems {
 public:
  void add(const std::string& source, const std::string& pointer, const std::string& text);
  void add_line(std::string line) { lines_.push_back(std::move(line)); }
  [[nodiscard]] bool empty() const { return lines_.empty(); }
  [[nodiscard]] std::size_t size() const { return lines_.size(); }
  [[nodiscard]] const std::vector<std::string>& lines() const { return lines_; }
  /// One line when there is one problem; otherwise "<what>: N problems:" and one line each, at
  /// most max_lines of them (a 10,000-rack file with one systematic mistake stays readable).
  [[nodiscard]] std::string message(const std::string& what, std::size_t max_lines = 50) const;

 private:
  std::vector<std::string> lines_;
};

/// Where problems go while reading one source.
struct Ctx {
  std::string source;
  Problems& problems;
  void error(const std::string& pointer, const std::string& text) const {
    problems.add(source, pointer, text);
  }
};

/// Parses text as JSON. On a syntax error, or on an object with the same key twice (nlohmann
/// would silently keep the last one, hiding a copy-paste mistake), reports it and returns null.
[[nodiscard]] std::optional<Json> parse_text(const Ctx& ctx, std::string_view text);

/// Where nlohmann's parser stops on text: the JSON pointer of the value it was reading and that
/// value's text. nlohmann refuses a number too large for a double (1e400) with out_of_range 406
/// and no position; this names the field for the message.
struct ParseStop {
  std::string pointer;
  std::string token;
};
[[nodiscard]] ParseStop parse_stop(std::string_view text);

/// The problem line for a number that overflows a double, naming its field.
[[nodiscard]] std::string number_overflow_message(const std::string& source, std::string_view text);

/// Checks a "schema" value against "<family>/<major>". Returns false when the rest of the
/// document must not be read (another family, or a newer major version).
bool check_schema(const Ctx& ctx, const Json* value, const std::string& pointer,
                  const std::string& family, int major);

/// The pointer of the first non-finite number in j (JSON cannot hold NaN or infinity), if any.
[[nodiscard]] std::optional<std::string> find_non_finite(const Json& j,
                                                         const std::string& pointer = "");

/// Reads the fields of one JSON object. Fields not in `allowed` are reported at construction
/// (typos must not pass silently); the typed readers report missing or mistyped fields and
/// leave the target untouched then.
class ObjectReader {
 public:
  ObjectReader(const Ctx& ctx, const Json& j, std::string pointer,
               std::initializer_list<std::string_view> allowed);

  /// False when the value was not an object (already reported); the readers then do nothing.
  [[nodiscard]] bool ok() const { return ok_; }
  [[nodiscard]] const std::string& pointer() const { return pointer_; }
  [[nodiscard]] std::string at(std::string_view key) const;

  /// The field, or nullptr when absent (reported when required).
  const Json* field(std::string_view key, bool required = true);

  void read(std::string_view key, double& out, bool required = true);
  void read(std::string_view key, std::string& out, bool required = true);
  void read(std::string_view key, bool& out, bool required = true);
  /// A number, or null for "absent".
  void read(std::string_view key, std::optional<double>& out, bool required = true);
  /// An entity's own id: an integer.
  void read_id(std::string_view key, model::Id& out, bool required = true);
  /// A reference to another entity: an integer, or null for kNoId ("not connected").
  void read_ref(std::string_view key, model::Id& out, bool required = true);
  /// An array of numbers.
  void read(std::string_view key, std::vector<double>& out, bool required = true);
  /// An array of integer ids.
  void read_ids(std::string_view key, std::vector<model::Id>& out, bool required = true);

  /// An enum written as one of the strings in `names` (value -> string).
  template <class E>
  void read_enum(std::string_view key, E& out, const std::vector<std::pair<E, std::string>>& names,
                 bool required = true) {
    const Json* j = field(key, required);
    if (!j) return;
    if (j->is_string()) {
      const auto& s = j->get_ref<const std::string&>();
      for (const auto& [value, name] : names)
        if (name == s) {
          out = value;
          return;
        }
    }
    std::vector<std::string> list;
    for (const auto& [value, name] : names) list.push_back(name);
    bad_enum(key, *j, list);
  }

 private:
  void bad_enum(std::string_view key, const Json& j, const std::vector<std::string>& names);

  const Ctx& ctx_;
  const Json* j_ = nullptr;
  std::string pointer_;
  bool ok_ = false;
};

/// Typed value readers for array elements and fields; nullopt after reporting.
[[nodiscard]] std::optional<double> as_number(const Ctx& ctx, const Json& j, const std::string& p);
[[nodiscard]] std::optional<model::Id> as_id(const Ctx& ctx, const Json& j, const std::string& p,
                                             bool null_is_no_id);

/// Where a catalog entry came from, for messages about merged catalogs.
struct Origin {
  std::string source;   ///< file name
  std::string pointer;  ///< e.g. "/items/3" or "/sources/nvidia-gb300"
};

/// A catalog being assembled from one or more documents.
struct CatalogBuild {
  model::Catalog catalog;
  std::map<std::string, Origin> item_origin;    ///< by item key
  std::map<std::string, Origin> source_origin;  ///< by source id
};

/// Reads one catalog document (format only, no Catalog::validate()) into `build`, reporting
/// format problems and clashes with what `build` already holds. `pointer` is where the document
/// sits in its file ("" for a catalog file, "/catalog" inside a site file).
void read_catalog_document(const Ctx& ctx, const Json& doc, const std::string& pointer,
                           CatalogBuild& build);

/// The catalog as one document of the catalog file format, without the finiteness check of
/// catalog_to_json() (callers check the whole document they embed it in).
[[nodiscard]] Json catalog_document(const model::Catalog& catalog);

}  // namespace dctwin::data::detail
