#include "data/matpower.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <numbers>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace dctwin::data {

namespace el = model::electrical;

namespace {

constexpr double kDegToRad = std::numbers::pi / 180;  // MATPOWER multiplies by pi/180
constexpr double kMaxBusNumber = 9007199254740992.0;  // 2^53: integers exact in a double

// Minimum columns the power flow reads (bus VMAX/VMIN included: every version-2 bus row has
// them), and the column names for messages.
constexpr std::size_t kBusCols = 13, kGenCols = 10, kBranchCols = 11;
constexpr const char* kBusNames[] = {"BUS_I", "BUS_TYPE", "PD",  "QD", "GS",
                                     "BS",    "BUS_AREA", "VM",  "VA", "BASE_KV",
                                     "ZONE",  "VMAX",     "VMIN"};
constexpr const char* kGenNames[] = {"GEN_BUS", "PG",    "QG",         "QMAX", "QMIN",
                                     "VG",      "MBASE", "GEN_STATUS", "PMAX", "PMIN"};
constexpr const char* kBranchNames[] = {"F_BUS",     "T_BUS",  "BR_R",   "BR_X", "BR_B",
                                        "RATE_A",    "RATE_B", "RATE_C", "TAP",  "SHIFT",
                                        "BR_STATUS", "ANGMIN", "ANGMAX"};

bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ident(char c) { return is_ident_start(c) || (c >= '0' && c <= '9') || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

std::string show(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7f) return std::string("'") + c + "'";
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02x", u);
  return std::string("byte ") + buf;
}

// A matrix as parsed, with where each value starts (for messages).
struct Parsed {
  MatpowerMatrix m;
  std::vector<std::size_t> at;      // per value: byte offset
  std::vector<std::size_t> row_at;  // per row: byte offset of its first value
  std::size_t open = 0;             // offset of '['
};

struct Field {
  bool present = false;
  std::size_t at = 0;  // offset of the value
};

class Parser {
 public:
  Parser(std::string_view text, const std::string& file) : s_(text), file_(file) {}

  MatpowerCase run() {
    if (s_.substr(0, 10) == "MATLAB 5.0")
      fail(0,
           "this is a binary .mat file; save the case as text with MATPOWER's "
           "savecase('case.m', mpc) and read that");
    statements();
    return build();
  }

 private:
  std::string_view s_;
  const std::string& file_;
  std::size_t p_ = 0;
  std::string struct_name_ = "mpc";
  std::string func_name_;
  bool seen_statement_ = false;

  Field version_, base_, bus_f_, gen_f_, branch_f_;
  std::string version_text_;
  bool version_is_string_ = false;
  double base_mva_ = 0;
  Parsed bus_, gen_, branch_;

  [[noreturn]] void fail(std::size_t offset, const std::string& msg) const {
    int line = 1, col = 1;
    const std::size_t end = std::min(offset, s_.size());
    for (std::size_t i = 0; i < end; ++i) {
      if (s_[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    throw MatpowerError(file_, line, col, msg);
  }
  [[noreturn]] void fail_nowhere(const std::string& msg) const {
    throw MatpowerError(file_, 0, 0, msg);
  }

  bool eof() const { return p_ >= s_.size(); }
  char cur() const { return eof() ? '\0' : s_[p_]; }
  bool at(std::string_view w) const { return s_.substr(p_, w.size()) == w; }

  // Skips blanks, `...` continuations (with the rest of their line) and a `%` comment up to,
  // not including, its newline: newlines end statements and matrix rows.
  void skip_blanks() {
    while (!eof()) {
      const char c = s_[p_];
      if (is_blank(c)) {
        ++p_;
      } else if (c == '%') {
        while (!eof() && s_[p_] != '\n') ++p_;
      } else if (at("...")) {
        while (!eof() && s_[p_] != '\n') ++p_;
        if (!eof()) ++p_;
      } else {
        break;
      }
    }
  }

  std::string ident() {
    const std::size_t b = p_;
    while (!eof() && is_ident(s_[p_])) ++p_;
    return std::string(s_.substr(b, p_ - b));
  }

  void expect_end_of_statement(const char* after) {
    skip_blanks();
    if (eof()) return;
    const char c = cur();
    if (c == ';' || c == ',' || c == '\n') {
      ++p_;
      return;
    }
    fail(p_, std::string("unexpected ") + show(c) + " after " + after +
                 ": end the statement with ';' or a new line");
  }

  void statements() {
    while (true) {
      skip_blanks();
      if (eof()) break;
      const char c = cur();
      if (c == '\n' || c == ';' || c == ',') {
        ++p_;
        continue;
      }
      if (!is_ident_start(c))
        fail(p_, "unexpected " + show(c) +
                     ": a case file holds `function mpc = NAME` and assignments such as "
                     "`mpc.bus = [ ... ];`");
      const std::size_t start = p_;
      const std::string word = ident();
      if (word == "function") {
        if (seen_statement_) fail(start, "a second `function` line: one case per file (remove it)");
        function_header();
      } else if (word == "end" || word == "endfunction" || word == "return") {
        expect_end_of_statement(("'" + word + "'").c_str());
      } else {
        assignment(start, word);
      }
      seen_statement_ = true;
    }
  }

  void function_header() {
    skip_blanks();
    if (cur() == '[')
      fail(p_,
           "a version 1 case (`function [baseMVA, bus, gen, branch] = ...`): convert it to "
           "version 2 with MATPOWER (savecase('new.m', loadcase('old.m'))) and read that");
    if (!is_ident_start(cur())) fail(p_, "expected `mpc = NAME` after `function`");
    const std::size_t out_at = p_;
    const std::string out = ident();
    skip_blanks();
    if (cur() != '=')
      fail(out_at, "the function returns nothing: write `function mpc = " + out + "`");
    ++p_;
    skip_blanks();
    if (!is_ident_start(cur())) fail(p_, "expected the case name after `function " + out + " =`");
    struct_name_ = out;
    func_name_ = ident();
    skip_blanks();
    if (cur() == '(') {  // arguments are allowed and ignored
      while (!eof() && cur() != ')' && cur() != '\n') ++p_;
      if (cur() != ')') fail(p_, "unclosed '(' in the function line: add ')'");
      ++p_;
    }
    expect_end_of_statement("the function line");
  }

  void assignment(std::size_t start, const std::string& var) {
    if (var != struct_name_) {
      for (const char* v1 : {"baseMVA", "bus", "gen", "branch", "areas", "gencost"})
        if (var == v1)
          fail(start,
               "`" + var +
                   " = ...` is the version 1 case format: convert the case to "
                   "version 2 with MATPOWER (savecase('new.m', loadcase('old.m'))), or assign "
                   "fields of a struct (`" +
                   struct_name_ + "." + var + " = ...`)");
      fail(start, "unexpected statement starting with `" + var +
                      "`: a case file assigns fields of `" + struct_name_ + "` (e.g. `" +
                      struct_name_ + ".bus = [ ... ];`)");
    }
    skip_blanks();
    if (cur() != '.')
      fail(p_, "expected `." + std::string("FIELD = ...` after `") + var +
                   "`; whole-struct assignments are not supported");
    ++p_;
    if (!is_ident_start(cur())) fail(p_, "expected a field name after `" + var + ".`");
    const std::string field = ident();
    bool nested = false;
    while (cur() == '.') {
      ++p_;
      if (!is_ident_start(cur())) fail(p_, "expected a field name after '.'");
      ident();
      nested = true;
    }
    skip_blanks();
    if (cur() == '(' || cur() == '{')
      fail(p_, "indexed assignments (`" + var + "." + field +
                   "(...) = ...`) are not supported: write the whole matrix");
    if (cur() != '=') fail(p_, "expected '=' after `" + var + "." + field + "`");
    ++p_;
    skip_blanks();
    const std::size_t vat = p_;
    auto once = [&](Field& f) {
      if (f.present)
        fail(start, "`" + var + "." + field + "` is assigned twice: keep one assignment");
      f.present = true;
      f.at = vat;
    };
    if (nested) {
      skip_value();
    } else if (field == "version") {
      once(version_);
      if (cur() == '\'' || cur() == '"') {
        version_text_ = string_literal();
        version_is_string_ = true;
      } else if (cur() == '+' || cur() == '-' || cur() == '.' || is_digit(cur())) {
        std::ostringstream t;
        t << number();
        version_text_ = t.str();
      } else {
        fail(p_, "mpc.version must be '2'");
      }
    } else if (field == "baseMVA") {
      once(base_);
      if (!(cur() == '+' || cur() == '-' || cur() == '.' || is_digit(cur()) || cur() == 'I' ||
            cur() == 'i' || cur() == 'N' || cur() == 'n'))
        fail(p_, "mpc.baseMVA must be a number (e.g. `mpc.baseMVA = 100;`)");
      base_mva_ = number();
    } else if (field == "bus") {
      once(bus_f_);
      bus_ = matrix("mpc.bus");
    } else if (field == "gen") {
      once(gen_f_);
      gen_ = matrix("mpc.gen");
    } else if (field == "branch") {
      once(branch_f_);
      branch_ = matrix("mpc.branch");
    } else {
      skip_value();  // gencost, bus_name, gentype, genfuel, areas, ...: not needed
    }
    expect_end_of_statement(("the value of `" + var + "." + field + "`").c_str());
  }

  std::string string_literal() {
    const char q = cur();
    const std::size_t open = p_++;
    std::string out;
    while (true) {
      if (eof() || cur() == '\n') fail(open, "unterminated string: close it with " + show(q));
      if (cur() == q) {
        if (p_ + 1 < s_.size() && s_[p_ + 1] == q) {  // '' inside '...' is a quote
          out += q;
          p_ += 2;
          continue;
        }
        ++p_;
        return out;
      }
      out += s_[p_++];
    }
  }

  // A number as MATLAB writes one: [+-](digits[.digits]|.digits)[(e|E)[+-]digits], Inf, NaN.
  double number() {
    const std::size_t b = p_;
    bool neg = false;
    if (cur() == '+' || cur() == '-') {
      neg = cur() == '-';
      ++p_;
    }
    double x = 0;
    if (at("Inf") || at("inf")) {
      p_ += 3;
      x = std::numeric_limits<double>::infinity();
    } else if (at("NaN") || at("nan")) {
      p_ += 3;
      x = std::numeric_limits<double>::quiet_NaN();
    } else {
      const std::size_t m = p_;
      std::size_t digits = 0;
      while (is_digit(cur())) ++p_, ++digits;
      if (cur() == '.') {
        ++p_;
        while (is_digit(cur())) ++p_, ++digits;
      }
      if (digits == 0) {
        if (p_ > b && is_blank(cur()))
          fail(b, "operators are not supported: write numbers only (`-1`, not `- 1`)");
        fail(b, "expected a number (such as 1, -0.5, 1e-3 or Inf)");
      }
      if (cur() == 'e' || cur() == 'E') {
        ++p_;
        if (cur() == '+' || cur() == '-') ++p_;
        if (!is_digit(cur())) fail(b, "malformed exponent: write e.g. 1e-3");
        while (is_digit(cur())) ++p_;
      }
      const auto r = std::from_chars(s_.data() + m, s_.data() + p_, x);
      if (r.ec == std::errc::result_out_of_range)
        fail(b, "number out of range for a double: write Inf or a smaller number");
      if (r.ec != std::errc() || r.ptr != s_.data() + p_) fail(b, "malformed number");
    }
    if (!eof() &&
        (is_ident(cur()) || cur() == '.' || cur() == '\'' || cur() == '"' || cur() == '(' ||
         cur() == '+' || cur() == '-' || cur() == '*' || cur() == '/' || cur() == '^'))
      fail(b,
           "malformed number: separate values with blanks or commas (expressions and "
           "operators are not supported)");
    return neg ? -x : x;
  }

  bool number_start() const {
    const char c = cur();
    if (is_digit(c) || c == '.' || at("Inf") || at("inf") || at("NaN") || at("nan")) return true;
    if (c == '+' || c == '-') {
      const char d = p_ + 1 < s_.size() ? s_[p_ + 1] : '\0';
      return is_digit(d) || d == '.' || d == 'I' || d == 'i' || d == 'N' || d == 'n' ||
             is_blank(d);  // `- 1` reaches number(), which explains
    }
    return false;
  }

  Parsed matrix(const std::string& what) {
    Parsed out;
    if (cur() != '[') fail(p_, what + " must be a matrix: `" + what + " = [ ... ];`");
    out.open = p_++;
    std::size_t row_cols = 0, row_start = 0;
    bool want_value = false;  // after a comma
    auto end_row = [&]() {
      want_value = false;  // MATLAB allows a comma before the end of a row
      if (row_cols == 0) return;
      if (out.m.rows == 0) {
        out.m.cols = row_cols;
      } else if (row_cols != out.m.cols) {
        fail(row_start, "row " + std::to_string(out.m.rows + 1) + " of " + what + " has " +
                            std::to_string(row_cols) + " values but row 1 has " +
                            std::to_string(out.m.cols) + ": every row needs the same columns");
      }
      ++out.m.rows;
      row_cols = 0;
    };
    while (true) {
      skip_blanks();
      if (eof()) fail(out.open, "unclosed '[' in " + what + ": add '];' after the last row");
      const char c = cur();
      if (c == ']') {
        end_row();
        ++p_;
        return out;
      }
      if (c == ';' || c == '\n') {
        end_row();
        ++p_;
        continue;
      }
      if (c == ',') {
        if (row_cols == 0 || want_value) fail(p_, "empty value before ',' in " + what);
        want_value = true;
        ++p_;
        continue;
      }
      if (!number_start())
        fail(p_, "unexpected " + show(c) + " in " + what +
                     ": only numbers (such as 1, -0.5, 1e-3, Inf) are allowed");
      if (row_cols == 0) {
        row_start = p_;
        out.row_at.push_back(p_);
      }
      out.at.push_back(p_);
      out.m.values.push_back(number());
      ++row_cols;
      want_value = false;
    }
  }

  // Skips a value this reader does not need: a number, a string, a matrix or cell array
  // (brackets matched, strings and comments inside skipped), or an identifier expression.
  void skip_value() {
    std::vector<std::pair<char, std::size_t>> open;  // closing char, offset of the opener
    char prev = ' ';                                 // previous significant character
    while (true) {
      if (eof()) {
        if (!open.empty())
          fail(open.back().second, std::string("unclosed ") +
                                       show(open.back().first == ']'   ? '['
                                            : open.back().first == '}' ? '{'
                                                                       : '(') +
                                       ": add " + show(open.back().first));
        return;
      }
      const char c = cur();
      if (open.empty() && (c == ';' || c == ',' || c == '\n')) return;
      if (c == '%' || is_blank(c) || at("...")) {
        skip_blanks();
        prev = ' ';
        continue;
      }
      if (c == '[' || c == '{' || c == '(') {
        open.emplace_back(c == '[' ? ']' : c == '{' ? '}' : ')', p_);
      } else if (c == ']' || c == '}' || c == ')') {
        if (open.empty() || open.back().first != c) fail(p_, "unmatched " + show(c));
        open.pop_back();
      } else if (c == '"' || (c == '\'' && !(is_ident(prev) || prev == ']' || prev == '}' ||
                                             prev == ')' || prev == '.' || prev == '\''))) {
        string_literal();
        prev = '\'';
        continue;
      }
      prev = c;
      ++p_;
    }
  }

  // Row r, column c (0-based) of a parsed matrix, for messages.
  std::string cell_name(const char* what, const char* const* names, std::size_t nnames,
                        std::size_t r, std::size_t c) const {
    std::string s =
        std::string(what) + " row " + std::to_string(r + 1) + ", column " + std::to_string(c + 1);
    if (c < nnames) s += std::string(" (") + names[c] + ")";
    return s;
  }

  void check_cols(const Parsed& x, const char* what, std::size_t need, const char* list) const {
    if (x.m.rows > 0 && x.m.cols < need)
      fail(x.row_at[0], std::string(what) + " has " + std::to_string(x.m.cols) +
                            " columns; a MATPOWER version 2 row needs at least " +
                            std::to_string(need) + " (" + list + ")");
  }

  void check_nan(const Parsed& x, const char* what, const char* const* names,
                 std::size_t nnames) const {
    for (std::size_t k = 0; k < x.m.values.size(); ++k)
      if (std::isnan(x.m.values[k]))
        fail(x.at[k], "NaN in " + cell_name(what, names, nnames, k / x.m.cols, k % x.m.cols) +
                          ": give a number (Inf is allowed for limits)");
  }

  // Value at (r, c) that must be finite; message names the cell and the fix.
  double finite(const Parsed& x, const char* what, const char* const* names, std::size_t nnames,
                std::size_t r, std::size_t c) const {
    const double v = x.m(r, c);
    if (!std::isfinite(v))
      fail(x.at[r * x.m.cols + c], cell_name(what, names, nnames, r, c) +
                                       " is infinite: the power flow needs a finite "
                                       "number here");
    return v;
  }

  // A finite MW/MVAr value in per unit; a huge value over a tiny baseMVA must not overflow.
  double per_unit(const Parsed& x, const char* what, const char* const* names, std::size_t nnames,
                  std::size_t r, std::size_t c) const {
    const double pu = finite(x, what, names, nnames, r, c) / base_mva_;
    if (!std::isfinite(pu))
      fail(x.at[r * x.m.cols + c], cell_name(what, names, nnames, r, c) +
                                       " overflows in per unit of baseMVA = " + fmt(base_mva_) +
                                       ": use a larger baseMVA or a smaller value");
    return pu;
  }

  // A bus reference (GEN_BUS, F_BUS, T_BUS): an existing bus number.
  std::size_t bus_ref(const Parsed& x, const char* what, const char* const* names,
                      std::size_t nnames, std::size_t r, std::size_t c,
                      const std::unordered_map<std::int64_t, std::size_t>& index) const {
    const double v = x.m(r, c);
    const std::size_t off = x.at[r * x.m.cols + c];
    if (!(v >= 1 && v <= kMaxBusNumber) || v != std::floor(v))
      fail(off, cell_name(what, names, nnames, r, c) + " is " + fmt(v) +
                    ": a bus number is a positive integer from mpc.bus column 1");
    const auto it = index.find(static_cast<std::int64_t>(v));
    if (it == index.end())
      fail(off, cell_name(what, names, nnames, r, c) + " refers to bus " +
                    std::to_string(static_cast<std::int64_t>(v)) +
                    ", which is not in mpc.bus: add the bus or correct the number");
    return it->second;
  }

  static std::string fmt(double v) {
    std::ostringstream s;
    s.precision(17);
    s << v;
    return s.str();
  }

  MatpowerCase build() {
    if (!version_.present)
      fail_nowhere(
          "mpc.version is missing: add `mpc.version = '2';` (this reader takes MATPOWER "
          "version 2 cases)");
    if (version_text_ == "1")
      fail(version_.at,
           "mpc.version is '1': version 1 cases are not supported; convert the case "
           "with MATPOWER (savecase('new.m', loadcase('old.m'))) and read that");
    if (version_text_ != "2")
      fail(version_.at, "mpc.version is '" + version_text_ + "': only version '2' is supported");
    (void)version_is_string_;
    if (!base_.present) fail_nowhere("mpc.baseMVA is missing: add e.g. `mpc.baseMVA = 100;`");
    if (!(std::isfinite(base_mva_) && base_mva_ > 0))
      fail(base_.at, "mpc.baseMVA is " + fmt(base_mva_) + ": give a positive base power in MVA");
    if (!bus_f_.present)
      fail_nowhere("mpc.bus is missing: add the bus matrix (`mpc.bus = [ ... ];`)");
    if (!gen_f_.present)
      fail_nowhere("mpc.gen is missing: add the generator matrix (`mpc.gen = [ ... ];`)");
    if (!branch_f_.present)
      fail_nowhere("mpc.branch is missing: add the branch matrix (`mpc.branch = [ ... ];`)");
    if (bus_.m.rows == 0) fail(bus_f_.at, "mpc.bus has no rows: a case needs at least one bus");

    constexpr std::size_t nbn = std::size(kBusNames), ngn = std::size(kGenNames),
                          nrn = std::size(kBranchNames);
    check_cols(bus_, "mpc.bus", kBusCols,
               "bus_i type Pd Qd Gs Bs area Vm Va baseKV zone Vmax Vmin");
    check_cols(gen_, "mpc.gen", kGenCols, "bus Pg Qg Qmax Qmin Vg mBase status Pmax Pmin");
    check_cols(branch_, "mpc.branch", kBranchCols,
               "fbus tbus r x b rateA rateB rateC ratio angle status");
    check_nan(bus_, "mpc.bus", kBusNames, nbn);
    check_nan(gen_, "mpc.gen", kGenNames, ngn);
    check_nan(branch_, "mpc.branch", kBranchNames, nrn);

    MatpowerCase out;
    out.name = func_name_;
    out.base_mva = base_mva_;
    auto& net = out.net;
    net.base_mva = base_mva_;
    const double base = base_mva_;

    // Buses.
    const std::size_t nb = bus_.m.rows;
    std::unordered_map<std::int64_t, std::size_t> index;
    index.reserve(nb * 2);
    net.buses.resize(nb);
    out.bus_numbers.resize(nb);
    bool have_ref = false;
    for (std::size_t r = 0; r < nb; ++r) {
      const double num = bus_.m(r, 0);
      const std::size_t off = bus_.at[r * bus_.m.cols];
      if (!(num >= 1 && num <= kMaxBusNumber) || num != std::floor(num))
        fail(off, "bus number " + fmt(num) + " in mpc.bus row " + std::to_string(r + 1) +
                      " is not a positive integer: number buses 1, 2, 3, ...");
      const auto number = static_cast<std::int64_t>(num);
      const auto [it, fresh] = index.emplace(number, r);
      if (!fresh) {
        int line = 1;
        for (std::size_t i = 0; i < bus_.at[it->second * bus_.m.cols]; ++i) line += s_[i] == '\n';
        fail(off, "bus " + std::to_string(number) + " is defined twice (mpc.bus rows " +
                      std::to_string(it->second + 1) + " and " + std::to_string(r + 1) +
                      ", first on line " + std::to_string(line) + "): bus numbers must be unique");
      }
      const double type = bus_.m(r, 1);
      if (!(type == 1 || type == 2 || type == 3 || type == 4))
        fail(bus_.at[r * bus_.m.cols + 1],
             "bus " + std::to_string(number) + " has type " + fmt(type) +
                 ": BUS_TYPE is 1 (PQ), 2 (PV), 3 (reference) or 4 (isolated)");
      have_ref = have_ref || type == 3;
      auto& b = net.buses[r];
      b.number = number;
      b.type = static_cast<el::BusType>(static_cast<int>(type));
      b.pd_pu = per_unit(bus_, "mpc.bus", kBusNames, nbn, r, 2);
      b.qd_pu = per_unit(bus_, "mpc.bus", kBusNames, nbn, r, 3);
      b.gs_pu = per_unit(bus_, "mpc.bus", kBusNames, nbn, r, 4);
      b.bs_pu = per_unit(bus_, "mpc.bus", kBusNames, nbn, r, 5);
      b.vm_pu = finite(bus_, "mpc.bus", kBusNames, nbn, r, 7);
      b.va_rad = kDegToRad * finite(bus_, "mpc.bus", kBusNames, nbn, r, 8);
      out.bus_numbers[r] = number;
    }
    if (!have_ref)
      fail(bus_.open,
           "no slack bus: set BUS_TYPE (column 2) to 3 on the bus whose generator "
           "balances the system");

    // Generators.
    net.gens.resize(gen_.m.rows);
    for (std::size_t r = 0; r < gen_.m.rows; ++r) {
      auto& g = net.gens[r];
      g.bus = bus_ref(gen_, "mpc.gen", kGenNames, ngn, r, 0, index);
      g.pg_pu = per_unit(gen_, "mpc.gen", kGenNames, ngn, r, 1);
      g.qg_pu = per_unit(gen_, "mpc.gen", kGenNames, ngn, r, 2);
      g.qmax_pu = gen_.m(r, 3) / base;  // may be infinite
      g.qmin_pu = gen_.m(r, 4) / base;
      g.vg_pu = finite(gen_, "mpc.gen", kGenNames, ngn, r, 5);
      g.in_service = finite(gen_, "mpc.gen", kGenNames, ngn, r, 7) > 0;
    }

    // Branches.
    net.branches.resize(branch_.m.rows);
    for (std::size_t r = 0; r < branch_.m.rows; ++r) {
      auto& br = net.branches[r];
      br.f = bus_ref(branch_, "mpc.branch", kBranchNames, nrn, r, 0, index);
      br.t = bus_ref(branch_, "mpc.branch", kBranchNames, nrn, r, 1, index);
      br.r_pu = finite(branch_, "mpc.branch", kBranchNames, nrn, r, 2);
      br.x_pu = finite(branch_, "mpc.branch", kBranchNames, nrn, r, 3);
      br.b_pu = finite(branch_, "mpc.branch", kBranchNames, nrn, r, 4);
      br.tap = finite(branch_, "mpc.branch", kBranchNames, nrn, r, 8);
      br.shift_rad = kDegToRad * finite(branch_, "mpc.branch", kBranchNames, nrn, r, 9);
      br.in_service = finite(branch_, "mpc.branch", kBranchNames, nrn, r, 10) != 0;
      if (br.in_service && br.r_pu == 0 && br.x_pu == 0)
        fail(branch_.at[r * branch_.m.cols + 2],
             "mpc.branch row " + std::to_string(r + 1) + " (" +
                 std::to_string(out.bus_numbers[br.f]) + "-" +
                 std::to_string(out.bus_numbers[br.t]) +
                 ") has zero impedance (r = x = 0): give it a small reactance (e.g. x = 1e-4) or "
                 "take it out of service (BR_STATUS = 0)");
    }
    out.bus = std::move(bus_.m);
    out.gen = std::move(gen_.m);
    out.branch = std::move(branch_.m);
    return out;
  }
};

// Shortest text that reads back to the same double; Inf as MATLAB writes it.
void put(std::string& out, double v) {
  if (std::isinf(v)) {
    out += v > 0 ? "Inf" : "-Inf";
    return;
  }
  if (std::isnan(v)) {
    out += "NaN";
    return;
  }
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

std::string function_name(const std::string& raw) {
  std::string s;
  for (const char c : raw) s += is_ident(c) ? c : '_';
  if (s.empty() || !is_ident_start(s[0])) s = "case_" + s;
  return s;
}

}  // namespace

MatpowerError::MatpowerError(const std::string& file, int line, int column,
                             const std::string& message)
    : std::runtime_error(line > 0 ? file + ":" + std::to_string(line) + ":" +
                                        std::to_string(column) + ": " + message
                                  : file + ": " + message),
      file_(file),
      line_(line),
      column_(column) {}

MatpowerCase parse_matpower(std::string_view text, const std::string& name) {
  MatpowerCase c = Parser(text, name).run();
  if (c.name.empty()) c.name = name;
  return c;
}

MatpowerCase read_matpower(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MatpowerError(path, 0, 0, "cannot open the file: check the path and permissions");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw MatpowerError(path, 0, 0, "read error");
  std::string stem = path;
  if (const auto slash = stem.find_last_of('/'); slash != std::string::npos)
    stem = stem.substr(slash + 1);
  if (stem.size() > 2 && stem.ends_with(".m")) stem.resize(stem.size() - 2);
  MatpowerCase c = parse_matpower(buf.str(), path);
  if (c.name == path) c.name = stem;
  return c;
}

std::string write_matpower(const el::AcNetwork& net, const std::string& case_name,
                           const MatpowerWriteOptions& options) {
  const std::size_t nb = net.buses.size();
  if (!options.base_kv.empty() && options.base_kv.size() != nb)
    throw std::invalid_argument("write_matpower: base_kv has " +
                                std::to_string(options.base_kv.size()) + " values for " +
                                std::to_string(nb) + " buses");
  if (!options.bus_names.empty() && options.bus_names.size() != nb)
    throw std::invalid_argument("write_matpower: bus_names has " +
                                std::to_string(options.bus_names.size()) + " names for " +
                                std::to_string(nb) + " buses");
  std::unordered_set<std::int64_t> seen;
  for (const auto& b : net.buses)
    if (b.number < 1 || static_cast<double>(b.number) > kMaxBusNumber ||
        !seen.insert(b.number).second)
      throw std::invalid_argument("write_matpower: bus number " + std::to_string(b.number) +
                                  " is not positive or not unique");
  for (const auto& g : net.gens)
    if (g.bus >= nb) throw std::invalid_argument("write_matpower: a gen refers to a missing bus");
  for (const auto& br : net.branches)
    if (br.f >= nb || br.t >= nb)
      throw std::invalid_argument("write_matpower: a branch refers to a missing bus");

  const double base = net.base_mva;
  constexpr double kRadToDeg = 180 / std::numbers::pi;
  const std::string fn = function_name(case_name);
  std::string o;
  o.reserve(256 + 160 * (nb + net.gens.size() + net.branches.size()));
  o += "function mpc = " + fn + "\n";
  o += "%" + fn + "  MATPOWER case written by dctwin\n";
  for (const auto& line : options.comment) o += "%   " + line + "\n";
  o += "\n%% MATPOWER Case Format : Version 2\nmpc.version = '2';\n\n";
  o += "%%-----  Power Flow Data  -----%%\n%% system MVA base\nmpc.baseMVA = ";
  put(o, base);
  o += ";\n\n%% bus data\n%\tbus_i\ttype\tPd\tQd\tGs\tBs\tarea\tVm\tVa\tbaseKV\tzone\tVmax\tVmin\n";
  o += "mpc.bus = [\n";
  for (std::size_t i = 0; i < nb; ++i) {
    const auto& b = net.buses[i];
    const double row[] = {static_cast<double>(b.number),
                          static_cast<double>(static_cast<int>(b.type)),
                          b.pd_pu * base,
                          b.qd_pu * base,
                          b.gs_pu * base,
                          b.bs_pu * base,
                          1,
                          b.vm_pu,
                          b.va_rad * kRadToDeg,
                          options.base_kv.empty() ? 0.0 : options.base_kv[i],
                          1,
                          1.1,
                          0.9};
    for (const double v : row) {
      o += '\t';
      put(o, v);
    }
    o += ";\n";
  }
  o += "];\n\n%% generator data\n%\tbus\tPg\tQg\tQmax\tQmin\tVg\tmBase\tstatus\tPmax\tPmin\t"
       "Pc1\tPc2\tQc1min\tQc1max\tQc2min\tQc2max\tramp_agc\tramp_10\tramp_30\tramp_q\tapf\n";
  o += "mpc.gen = [\n";
  for (const auto& g : net.gens) {
    const double pg = g.pg_pu * base;
    const double row[] = {static_cast<double>(net.buses[g.bus].number),
                          pg,
                          g.qg_pu * base,
                          g.qmax_pu * base,
                          g.qmin_pu * base,
                          g.vg_pu,
                          base,
                          g.in_service ? 1.0 : 0.0,
                          std::max(pg, 0.0),
                          std::min(pg, 0.0)};
    for (const double v : row) {
      o += '\t';
      put(o, v);
    }
    for (int k = 0; k < 11; ++k) o += "\t0";
    o += ";\n";
  }
  o += "];\n\n%% branch data\n%\tfbus\ttbus\tr\tx\tb\trateA\trateB\trateC\tratio\tangle\tstatus\t"
       "angmin\tangmax\n";
  o += "mpc.branch = [\n";
  for (const auto& br : net.branches) {
    const double row[] = {static_cast<double>(net.buses[br.f].number),
                          static_cast<double>(net.buses[br.t].number),
                          br.r_pu,
                          br.x_pu,
                          br.b_pu,
                          0,
                          0,
                          0,
                          br.tap,
                          br.shift_rad * kRadToDeg,
                          br.in_service ? 1.0 : 0.0,
                          -360,
                          360};
    for (const double v : row) {
      o += '\t';
      put(o, v);
    }
    o += ";\n";
  }
  o += "];\n\n%%-----  OPF Data  -----%%\n%% generator cost data (zero: written for power flow)\n"
       "%\t2\tstartup\tshutdown\tn\tc(n-1)\t...\tc0\nmpc.gencost = [\n";
  for (std::size_t g = 0; g < net.gens.size(); ++g) o += "\t2\t0\t0\t3\t0\t0\t0;\n";
  o += "];\n";
  if (!options.bus_names.empty()) {
    o += "\n%% bus names\nmpc.bus_name = {\n";
    for (const auto& name : options.bus_names) {
      o += "\t'";
      for (const char c : name) {
        if (c == '\'')
          o += "''";
        else if (c == '\n' || c == '\r')
          o += ' ';
        else
          o += c;
      }
      o += "';\n";
    }
    o += "};\n";
  }
  return o;
}

}  // namespace dctwin::data
