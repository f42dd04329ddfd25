// Catalog files: strict reading with every problem reported at once, merging of several files,
// validation, and writing. Also holds the shared strict-JSON helpers declared in json_read.h.
#include "data/catalog_io.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "data/json_read.h"
#include "resources/embedded.h"

namespace dctwin::data {

namespace detail {

std::string pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char ch : key) {
    if (ch == '~')
      out += "~0";
    else if (ch == '/')
      out += "~1";
    else
      out += ch;
  }
  return out;
}

std::string show_pointer(const std::string& pointer) {
  return pointer.empty() ? std::string("top level") : pointer;
}

std::string describe(const Json& j) {
  // dump() with replacement never throws on odd UTF-8 in a hand-built value.
  auto text = [&] {
    std::string s = j.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (s.size() > 40) s = s.substr(0, 37) + "...";
    return s;
  };
  switch (j.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "the boolean " + text();
    case Json::value_t::string:
      return "the string " + text();
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return "the number " + text();
    case Json::value_t::array:
      return "an array";
    case Json::value_t::object:
      return "an object";
    default:
      return std::string("a ") + j.type_name();
  }
}

void Problems::add(const std::string& source, const std::string& pointer, const std::string& text) {
  lines_.push_back(source + ": " + show_pointer(pointer) + ": " + text);
}

std::string Problems::message(const std::string& what, std::size_t max_lines) const {
  if (lines_.size() == 1) return lines_.front();
  std::string out = what + ": " + std::to_string(lines_.size()) + " problems:";
  const std::size_t shown = std::min(max_lines, lines_.size());
  for (std::size_t i = 0; i < shown; ++i) out += "\n  " + lines_[i];
  if (shown < lines_.size())
    out += "\n  ... and " + std::to_string(lines_.size() - shown) + " more";
  return out;
}

namespace {

/// Finds keys that appear twice in one object. nlohmann's DOM parser keeps the last value
/// silently; a SAX pass sees every key with the path that leads to it.
class DuplicateKeyFinder : public nlohmann::json_sax<Json> {
 public:
  std::vector<std::string> duplicates;  ///< JSON pointers of the repeated keys

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override {
    frames_.push_back({true, {}, {}, 0});
    return true;
  }
  bool key(string_t& k) override {
    Frame& f = frames_.back();
    f.key = k;
    if (!f.keys.insert(k).second)
      duplicates.push_back(container_pointer() + "/" + pointer_token(k));
    return true;
  }
  bool end_object() override {
    frames_.pop_back();
    return value();
  }
  bool start_array(std::size_t) override {
    frames_.push_back({false, {}, {}, 0});
    return true;
  }
  bool end_array() override {
    frames_.pop_back();
    return value();
  }
  bool parse_error(std::size_t, const std::string& token,
                   const nlohmann::detail::exception&) override {
    // Syntax errors are reported by the DOM parse, which runs first; keep where it stopped.
    stop.token = token;
    stop.pointer.clear();
    for (const auto& f : frames_)
      stop.pointer += "/" + (f.object ? pointer_token(f.key) : std::to_string(f.index));
    return false;
  }
  ParseStop stop;  ///< where the parse failed, if it did

 private:
  struct Frame {
    bool object;
    std::set<std::string> keys;
    std::string key;    ///< object: the key being read
    std::size_t index;  ///< array: the element being read
  };
  // A finished value moves its parent array on to the next index.
  bool value() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
    return true;
  }
  // Pointer of the innermost open container: the path through all the enclosing ones.
  std::string container_pointer() const {
    std::string p;
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i)
      p += "/" +
           (frames_[i].object ? pointer_token(frames_[i].key) : std::to_string(frames_[i].index));
    return p;
  }
  std::vector<Frame> frames_;
};

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// "expected a number" with a hint when the value is a number written as a string.
std::string number_hint(const Json& j) {
  if (!j.is_string()) return "";
  const auto& s = j.get_ref<const std::string&>();
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc() && end == s.data() + s.size() && !s.empty())
    return ": write " + s + " without quotes";
  return ": write a JSON number such as 0.5, without quotes";
}

}  // namespace

ParseStop parse_stop(std::string_view text) {
  DuplicateKeyFinder finder;
  Json::sax_parse(text.begin(), text.end(), &finder);
  return finder.stop;
}

std::string number_overflow_message(const std::string& source, std::string_view text) {
  const ParseStop at = parse_stop(text);
  return source + ": " + show_pointer(at.pointer) + ": the number " + at.token +
         " is too large (a number must lie within +-1.8e308); write the intended value";
}

std::optional<Json> parse_text(const Ctx& ctx, std::string_view text) {
  Json j;
  try {
    j = Json::parse(text.begin(), text.end());
  } catch (const Json::out_of_range&) {
    // The one out_of_range the parser throws: a number beyond a double (406).
    ctx.problems.add_line(number_overflow_message(ctx.source, text));
    return std::nullopt;
  } catch (const Json::parse_error& e) {
    // nlohmann's text reads "[json.exception.parse_error.101] parse error at line 3, ...":
    // keep the part a person can act on.
    std::string what = e.what();
    if (const auto pos = what.find("] "); pos != std::string::npos) what = what.substr(pos + 2);
    ctx.problems.add_line(ctx.source + ": not valid JSON: " + what +
                          "; fix the syntax at that line and column");
    return std::nullopt;
  }
  DuplicateKeyFinder finder;
  Json::sax_parse(text.begin(), text.end(), &finder);
  for (const auto& p : finder.duplicates)
    ctx.error(p,
              "this key appears more than once in the same object (only the last would be "
              "kept): remove or rename the repeated one");
  return j;
}

bool check_schema(const Ctx& ctx, const Json* value, const std::string& pointer,
                  const std::string& family, int major) {
  const std::string expected = family + "/" + std::to_string(major);
  if (!value) {
    ctx.error(pointer, "missing \"schema\": add \"schema\": \"" + expected + "\"");
    return true;  // the rest may well be right; report its problems too
  }
  if (!value->is_string()) {
    ctx.error(pointer, "expected the string \"" + expected + "\", got " + describe(*value));
    return false;
  }
  const auto& s = value->get_ref<const std::string&>();
  if (s == expected) return true;
  const std::string prefix = family + "/";
  if (s.starts_with(prefix)) {
    const std::string_view digits = std::string_view(s).substr(prefix.size());
    long long found = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), found);
    if (ec == std::errc() && end == digits.data() + digits.size() && found > major) {
      ctx.error(pointer, "this file uses schema \"" + s +
                             "\", newer than this version of dctwin "
                             "reads (\"" +
                             expected + "\"): open it with a newer dctwin");
      return false;
    }
  }
  ctx.error(pointer, "unknown schema \"" + s + "\": this reader expects \"" + expected +
                         "\" (is this the right kind of file?)");
  return false;
}

std::optional<std::string> find_non_finite(const Json& j, const std::string& pointer) {
  if (j.is_number_float() && !std::isfinite(j.get<double>())) return pointer;
  if (j.is_object()) {
    for (const auto& [k, v] : j.items())
      if (auto p = find_non_finite(v, pointer + "/" + pointer_token(k))) return p;
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i)
      if (auto p = find_non_finite(j[i], pointer + "/" + std::to_string(i))) return p;
  }
  return std::nullopt;
}

ObjectReader::ObjectReader(const Ctx& ctx, const Json& j, std::string pointer,
                           std::initializer_list<std::string_view> allowed)
    : ctx_(ctx), j_(&j), pointer_(std::move(pointer)) {
  if (!j.is_object()) {
    ctx_.error(pointer_, "expected an object { ... }, got " + describe(j));
    return;
  }
  ok_ = true;
  for (const auto& [k, v] : j.items()) {
    if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
    std::string hint;
    std::size_t best = std::numeric_limits<std::size_t>::max();
    for (auto a : allowed) {
      const std::size_t d = edit_distance(k, a);
      if (d < best && d <= 2 && d < a.size() / 2 + 1) {
        best = d;
        hint = " (did you mean \"" + std::string(a) + "\"?)";
      }
    }
    std::vector<std::string> names(allowed.begin(), allowed.end());
    ctx_.error(at(k), "unknown field \"" + k + "\"" + hint +
                          ": remove it or correct the spelling; allowed here: " + join(names));
  }
}

std::string ObjectReader::at(std::string_view key) const {
  return pointer_ + "/" + pointer_token(key);
}

const Json* ObjectReader::field(std::string_view key, bool required) {
  if (!ok_) return nullptr;
  const auto it = j_->find(key);
  if (it == j_->end()) {
    if (required)
      ctx_.error(at(key), "missing required field \"" + std::string(key) + "\": add it");
    return nullptr;
  }
  return &*it;
}

std::optional<double> as_number(const Ctx& ctx, const Json& j, const std::string& p) {
  if (j.is_number()) return j.get<double>();
  ctx.error(p, "expected a number, got " + describe(j) + number_hint(j));
  return std::nullopt;
}

std::optional<model::Id> as_id(const Ctx& ctx, const Json& j, const std::string& p,
                               bool null_is_no_id) {
  if (null_is_no_id && j.is_null()) return model::kNoId;
  const std::string expected =
      null_is_no_id ? "an integer id, or null for \"not connected\"" : "an integer id";
  if (j.is_number_unsigned()) {
    const auto u = j.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<model::Id>::max())) {
      ctx.error(p, "id " + std::to_string(u) +
                       " is out of range: ids must fit in 64-bit signed "
                       "integers");
      return std::nullopt;
    }
    return static_cast<model::Id>(u);
  }
  if (j.is_number_integer()) return j.get<model::Id>();
  std::string hint;
  if (j.is_number_float())
    hint = ": write the id as a whole number, without a decimal point";
  else if (j.is_string())
    hint = ": write the id as a number, without quotes";
  ctx.error(p, "expected " + expected + ", got " + describe(j) + hint);
  return std::nullopt;
}

void ObjectReader::read(std::string_view key, double& out, bool required) {
  if (const Json* j = field(key, required))
    if (auto v = as_number(ctx_, *j, at(key))) out = *v;
}

void ObjectReader::read(std::string_view key, std::string& out, bool required) {
  const Json* j = field(key, required);
  if (!j) return;
  if (j->is_string())
    out = j->get<std::string>();
  else
    ctx_.error(at(key), "expected a string, got " + describe(*j) +
                            ": put the text in double "
                            "quotes");
}

void ObjectReader::read(std::string_view key, bool& out, bool required) {
  const Json* j = field(key, required);
  if (!j) return;
  if (j->is_boolean())
    out = j->get<bool>();
  else
    ctx_.error(at(key), "expected true or false, got " + describe(*j));
}

void ObjectReader::read(std::string_view key, std::optional<double>& out, bool required) {
  const Json* j = field(key, required);
  if (!j) return;
  if (j->is_null())
    out.reset();
  else if (j->is_number())
    out = j->get<double>();
  else
    ctx_.error(at(key),
               "expected a number, or null when absent, got " + describe(*j) + number_hint(*j));
}

void ObjectReader::read_id(std::string_view key, model::Id& out, bool required) {
  if (const Json* j = field(key, required))
    if (auto v = as_id(ctx_, *j, at(key), false)) out = *v;
}

void ObjectReader::read_ref(std::string_view key, model::Id& out, bool required) {
  if (const Json* j = field(key, required))
    if (auto v = as_id(ctx_, *j, at(key), true)) out = *v;
}

void ObjectReader::read(std::string_view key, std::vector<double>& out, bool required) {
  const Json* j = field(key, required);
  if (!j) return;
  if (!j->is_array()) {
    ctx_.error(at(key), "expected an array of numbers [ ... ], got " + describe(*j));
    return;
  }
  std::vector<double> values;
  values.reserve(j->size());
  bool good = true;
  for (std::size_t i = 0; i < j->size(); ++i) {
    if (auto v = as_number(ctx_, (*j)[i], at(key) + "/" + std::to_string(i)))
      values.push_back(*v);
    else
      good = false;
  }
  if (good) out = std::move(values);
}

void ObjectReader::read_ids(std::string_view key, std::vector<model::Id>& out, bool required) {
  const Json* j = field(key, required);
  if (!j) return;
  if (!j->is_array()) {
    ctx_.error(at(key), "expected an array of integer ids [ ... ], got " + describe(*j));
    return;
  }
  std::vector<model::Id> values;
  values.reserve(j->size());
  bool good = true;
  for (std::size_t i = 0; i < j->size(); ++i) {
    if (auto v = as_id(ctx_, (*j)[i], at(key) + "/" + std::to_string(i), false))
      values.push_back(*v);
    else
      good = false;
  }
  if (good) out = std::move(values);
}

void ObjectReader::bad_enum(std::string_view key, const Json& j,
                            const std::vector<std::string>& names) {
  if (j.is_string())
    ctx_.error(at(key), "unknown value " + j.dump(-1, ' ', false, Json::error_handler_t::replace) +
                            ": use one of " + join(names));
  else
    ctx_.error(at(key), "expected one of the strings " + join(names) + "; got " + describe(j));
}

namespace {

const std::vector<std::pair<model::ItemKind, std::string>>& item_kind_names() {
  static const auto names = [] {
    std::vector<std::pair<model::ItemKind, std::string>> out;
    for (model::ItemKind k : model::all_item_kinds()) out.emplace_back(k, model::to_string(k));
    return out;
  }();
  return names;
}

void read_source(const Ctx& ctx, const std::string& id, const Json& j, const std::string& p,
                 CatalogBuild& build) {
  const std::size_t before = ctx.problems.size();
  ObjectReader r(ctx, j, p, {"title", "url", "date"});
  model::Source src;
  src.id = id;
  r.read("title", src.title);
  r.read("url", src.url, false);  // an engineering estimate has no address
  r.read("date", src.date);
  if (id.empty()) ctx.error(p, "a source id must not be empty: give the source a short key");
  if (ctx.problems.size() != before) return;

  const auto it = build.catalog.sources.find(id);
  if (it == build.catalog.sources.end()) {
    build.catalog.sources.emplace(id, std::move(src));
    build.source_origin[id] = {ctx.source, p};
  } else if (!(it->second == src)) {
    // The same citation may be repeated in several files; two different ones under one id
    // would make every value citing it ambiguous.
    const Origin& o = build.source_origin[id];
    ctx.error(p, "source \"" + id + "\" is defined differently in " + o.source + " (" + o.pointer +
                     "): define it once, or give one of them another id");
  }
}

void read_item(const Ctx& ctx, const Json& j, const std::string& p, CatalogBuild& build) {
  const std::size_t before = ctx.problems.size();
  ObjectReader r(ctx, j, p, {"key", "kind", "name", "params", "curves"});
  model::CatalogItem item;
  r.read("key", item.key);
  r.read_enum("kind", item.kind, item_kind_names());
  r.read("name", item.name);

  if (const Json* params = r.field("params", false)) {
    const std::string pp = r.at("params");
    if (!params->is_object()) {
      ctx.error(pp,
                "expected an object of parameters {\"name_unit\": {\"value\": ..., "
                "\"source\": ...}}, got " +
                    describe(*params));
    } else {
      for (const auto& [name, v] : params->items()) {
        ObjectReader vr(ctx, v, pp + "/" + pointer_token(name), {"value", "source", "note"});
        model::SourcedValue sv;
        vr.read("value", sv.value);
        vr.read("source", sv.source_id);
        vr.read("note", sv.note, false);
        item.params.emplace(name, std::move(sv));
      }
    }
  }
  if (const Json* curves = r.field("curves", false)) {
    const std::string cp = r.at("curves");
    if (!curves->is_object()) {
      ctx.error(cp,
                "expected an object of curves {\"name\": {\"x\": [...], \"y\": [...], ...}}, "
                "got " +
                    describe(*curves));
    } else {
      for (const auto& [name, v] : curves->items()) {
        ObjectReader cr(ctx, v, cp + "/" + pointer_token(name),
                        {"x_name", "y_name", "x", "y", "source", "note"});
        model::SourcedCurve c;
        cr.read("x_name", c.x_name);
        cr.read("y_name", c.y_name);
        cr.read("x", c.x);
        cr.read("y", c.y);
        cr.read("source", c.source_id);
        cr.read("note", c.note, false);
        item.curves.emplace(name, std::move(c));
      }
    }
  }
  if (r.ok() && r.field("key", false) && item.key.empty() && ctx.problems.size() == before)
    ctx.error(r.at("key"),
              "an item key must not be empty: give the item a stable key such as "
              "\"gb300_nvl72\"");
  if (ctx.problems.size() != before) return;

  const auto it = build.item_origin.find(item.key);
  if (it != build.item_origin.end()) {
    const Origin& o = it->second;
    const std::string where =
        o.source == ctx.source ? "at " + o.pointer : "in " + o.source + " (" + o.pointer + ")";
    ctx.error(r.at("key"), "item key \"" + item.key + "\" is already defined " + where +
                               ": rename one of them or remove the duplicate");
    return;
  }
  build.item_origin[item.key] = {ctx.source, p};
  build.catalog.items.emplace(item.key, std::move(item));
}

}  // namespace

void read_catalog_document(const Ctx& ctx, const Json& doc, const std::string& pointer,
                           CatalogBuild& build) {
  // The schema first: a file of another kind would otherwise bury that news under a list of
  // "unknown field" complaints.
  if (doc.is_object()) {
    const auto it = doc.find("schema");
    const Json* schema = it == doc.end() ? nullptr : &*it;
    if (!check_schema(ctx, schema, pointer + "/schema", "dctwin-catalog", 1)) return;
  }
  ObjectReader r(ctx, doc, pointer, {"schema", "sources", "items"});
  if (!r.ok()) return;
  if (const Json* sources = r.field("sources", false)) {
    if (!sources->is_object()) {
      ctx.error(r.at("sources"),
                "expected an object of sources {\"id\": {\"title\": ..., "
                "\"url\": ..., \"date\": ...}}, got " +
                    describe(*sources));
    } else {
      for (const auto& [id, v] : sources->items())
        read_source(ctx, id, v, r.at("sources") + "/" + pointer_token(id), build);
    }
  }
  if (const Json* items = r.field("items", false)) {
    if (!items->is_array()) {
      ctx.error(r.at("items"),
                "expected an array of items [ {...}, ... ], got " + describe(*items));
    } else {
      for (std::size_t i = 0; i < items->size(); ++i)
        read_item(ctx, (*items)[i], r.at("items") + "/" + std::to_string(i), build);
    }
  }
}

}  // namespace detail

using detail::CatalogBuild;
using detail::Ctx;
using detail::Json;
using detail::Problems;

namespace {

// Runs Catalog::validate() on the merged catalog and words each problem with the file and the
// JSON pointer where it sits (or should be added).
void add_validation_problems(const CatalogBuild& build, Problems& problems) {
  for (const model::CatalogProblem& cp : build.catalog.validate()) {
    if (!cp.item_key.empty()) {
      const auto it = build.item_origin.find(cp.item_key);
      if (it != build.item_origin.end()) {
        const std::string where = it->second.pointer + (cp.field.empty() ? "" : "/" + cp.field);
        problems.add(it->second.source, where, "item \"" + cp.item_key + "\": " + cp.message);
        continue;
      }
    } else if (cp.field.starts_with("sources/")) {
      const auto it = build.source_origin.find(cp.field.substr(8));
      if (it != build.source_origin.end()) {
        problems.add(it->second.source, it->second.pointer, cp.message);
        continue;
      }
    }
    problems.add_line(
        "catalog: " + (cp.item_key.empty() ? std::string() : "item \"" + cp.item_key + "\", ") +
        cp.field + ": " + cp.message);
  }
}

}  // namespace

model::Catalog parse_catalog(const std::vector<std::pair<std::string, std::string>>& named_texts) {
  Problems problems;
  CatalogBuild build;
  for (const auto& [name, text] : named_texts) {
    const Ctx ctx{name, problems};
    if (auto j = detail::parse_text(ctx, text)) detail::read_catalog_document(ctx, *j, "", build);
  }
  // Semantic checks only on well-formed input: on a half-read catalog they would mostly repeat
  // the format problems ("missing parameter" for a parameter that was mistyped).
  if (problems.empty()) add_validation_problems(build, problems);
  if (!problems.empty()) throw CatalogError(problems.message("catalog"));
  return std::move(build.catalog);
}

model::Catalog load_catalog_files(const std::vector<std::string>& paths) {
  std::vector<std::pair<std::string, std::string>> texts;
  Problems problems;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      problems.add_line(path + ": cannot read the file (" + std::strerror(errno) +
                        "): check the path and its permissions");
      continue;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    if (in.bad()) {
      problems.add_line(path + ": reading the file failed: check the disk and the file");
      continue;
    }
    texts.emplace_back(path, buf.str());
  }
  if (!problems.empty()) throw CatalogError(problems.message("catalog"));
  return parse_catalog(texts);
}

const model::Catalog& builtin_catalog() {
  static const model::Catalog catalog = [] {
    std::vector<std::pair<std::string, std::string>> texts;
    for (const auto& [name, text] : resources::catalog_files())
      texts.emplace_back("resources/catalog/" + std::string(name), std::string(text));
    return parse_catalog(texts);
  }();
  return catalog;
}

namespace detail {

Json catalog_document(const model::Catalog& catalog) {
  Json sources = Json::object();
  for (const auto& [id, s] : catalog.sources)
    sources[id] = {{"title", s.title}, {"url", s.url}, {"date", s.date}};
  Json items = Json::array();
  for (const auto& [key, item] : catalog.items) {
    Json params = Json::object();
    for (const auto& [name, v] : item.params) {
      Json p = {{"value", v.value}, {"source", v.source_id}};
      if (!v.note.empty()) p["note"] = v.note;
      params[name] = std::move(p);
    }
    Json curves = Json::object();
    for (const auto& [name, c] : item.curves) {
      Json cj = {{"x_name", c.x_name},
                 {"y_name", c.y_name},
                 {"x", c.x},
                 {"y", c.y},
                 {"source", c.source_id}};
      if (!c.note.empty()) cj["note"] = c.note;
      curves[name] = std::move(cj);
    }
    items.push_back({{"key", item.key},
                     {"kind", model::to_string(item.kind)},
                     {"name", item.name},
                     {"params", std::move(params)},
                     {"curves", std::move(curves)}});
  }
  return {
      {"schema", "dctwin-catalog/1"}, {"sources", std::move(sources)}, {"items", std::move(items)}};
}

}  // namespace detail

nlohmann::json catalog_to_json(const model::Catalog& catalog) {
  Json doc = detail::catalog_document(catalog);
  // nlohmann would write NaN and infinity as null, which reads back as a type error: refuse here,
  // where the message can still name the value.
  if (auto p = detail::find_non_finite(doc))
    throw CatalogError("catalog: " + *p +
                       ": the number is not finite (NaN or infinity), which "
                       "JSON cannot store: set a finite value");
  return doc;
}

model::Catalog catalog_from_json(const nlohmann::json& doc, const std::string& source_name) {
  Problems problems;
  CatalogBuild build;
  detail::read_catalog_document(Ctx{source_name, problems}, doc, "", build);
  if (!problems.empty()) throw CatalogError(problems.message(source_name));
  return std::move(build.catalog);
}

std::vector<std::string> complete_from_builtin(model::Catalog& catalog) {
  static const std::map<std::string, std::string> kRenamed = {{"vr_nvl144", "vr_nvl72_800vdc"}};
  const model::Catalog& builtin = builtin_catalog();
  std::vector<std::string> added;
  const std::string why = "added from the built-in catalog when an older file was opened";
  const auto take_source = [&](const std::string& id) {
    if (!id.empty() && !catalog.sources.count(id) && builtin.sources.count(id))
      catalog.sources[id] = builtin.sources.at(id);
  };
  // The parameters each kind gained since project files carried their catalog (2026-12: the
  // plant's weather-dependent models and the racks' power-shelf capacity). Others that are
  // missing stay missing: validation names them.
  static const std::map<model::ItemKind, std::set<std::string>> kGained = {
      {model::ItemKind::Rack, {"psu_capacity_w"}},
      {model::ItemKind::Cdu, {"pump_head_pa", "pump_efficiency", "pump_min_head_frac"}},
      {model::ItemKind::Chiller, {"min_lift_k"}},
      {model::ItemKind::CoolingTower,
       {"rating_wet_bulb_c", "rating_range_k", "rating_l_over_g", "merkel_exponent",
        "min_fan_speed_frac"}},
      {model::ItemKind::DryCooler,
       {"rating_dry_bulb_c", "rating_range_k", "rating_air_rise_k", "ua_air_exponent",
        "min_fan_speed_frac", "adiabatic_effectiveness"}},
      {model::ItemKind::Pump, {"min_head_frac"}},
  };
  for (auto& [key, item] : catalog.items) {
    const auto gained = kGained.find(item.kind);
    if (gained == kGained.end()) continue;
    const auto renamed = kRenamed.find(key);
    const std::string from_key = renamed != kRenamed.end() ? renamed->second : key;
    const model::CatalogItem* from = builtin.find(from_key);
    if (!from || from->kind != item.kind) continue;
    const model::KindSchema& schema = model::schema_for(item.kind);
    for (const auto& p : schema.params) {
      if (!gained->second.count(p) || item.params.count(p) || !from->params.count(p)) continue;
      model::SourcedValue v = from->params.at(p);
      v.note = (v.note.empty() ? "" : v.note + "; ") + why + " ('" + from_key + "')";
      take_source(v.source_id);
      item.params[p] = std::move(v);
      added.push_back(key + "/params/" + p);
    }
  }
  return added;
}

}  // namespace dctwin::data
