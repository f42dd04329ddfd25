// MATPOWER case files (version 2, `function mpc = name` with mpc.baseMVA, mpc.bus, mpc.gen,
// mpc.branch): reading into a per-unit AcNetwork and writing one back. The conventions are those
// of ../shared/reference/matpower/FORMAT.md.
//
// What the reader accepts: `%` comments (also after a row), `...` continuations, rows ended by
// `;` and/or a newline, fields separated by blanks or commas, numbers such as 1, -0.5, 1e-3,
// Inf and -Inf, extra columns (ignored), cell arrays (bus_name, gentype, genfuel) and any other
// mpc field (gencost, areas, ...), which are skipped. What it rejects, with file:line:column and
// the fix: syntax errors, version 1 files, missing baseMVA/bus/gen/branch, rows with too few or
// inconsistent columns, NaN, bus numbers that are not positive integers or are repeated, bus
// types other than 1-4, no type-3 (slack) bus, gens or branches naming an unknown bus, in-service
// branches with r = x = 0, and infinite values where the power flow needs a number (Inf is fine
// in Q/P limits and columns the power flow does not read).
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/electrical/ac_powerflow.h"

namespace dctwin::data {

/// A case file that cannot be read. what() is "FILE:LINE:COLUMN: problem; fix" (line and
/// column 1-based, 0 when the problem has no place, e.g. a missing field or an unreadable file).
class MatpowerError : public std::runtime_error {
 public:
  MatpowerError(const std::string& file, int line, int column, const std::string& message);
  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] int line() const { return line_; }
  [[nodiscard]] int column() const { return column_; }

 private:
  std::string file_;
  int line_, column_;
};

/// A numeric matrix as written in the file (all its columns, extras included), row-major.
struct MatpowerMatrix {
  std::size_t rows = 0, cols = 0;
  std::vector<double> values;
  [[nodiscard]] double operator()(std::size_t r, std::size_t c) const {
    return values[r * cols + c];
  }
};

struct MatpowerCase {
  std::string name;  ///< the function name (`function mpc = NAME`), else the name given
  double base_mva = 100;
  /// Per unit on base_mva, angles in radians; buses, gens and branches in file order (bus i of
  /// the network is row i of mpc.bus; gen and branch bus indices point into it).
  model::electrical::AcNetwork net;
  std::vector<std::int64_t> bus_numbers;  ///< BUS_I of each row, file order
  MatpowerMatrix bus, gen, branch;        ///< raw rows, for output in the case's own terms
};

/// Parses the text of a case file. name labels error messages (normally the file path).
/// Throws MatpowerError (and nothing else, apart from std::bad_alloc).
[[nodiscard]] MatpowerCase parse_matpower(std::string_view text, const std::string& name);

/// Reads and parses a case file. Throws MatpowerError naming the path.
[[nodiscard]] MatpowerCase read_matpower(const std::string& path);

struct MatpowerWriteOptions {
  std::vector<std::string> comment;    ///< lines written as `%` comments under the function line
  std::vector<double> base_kv;         ///< per bus (BASE_KV column); empty: 0
  std::vector<std::string> bus_names;  ///< per bus: written as mpc.bus_name when not empty
};

/// A version-2 case file that MATPOWER (runpf) and pandapower (from_mpc) can run: bus numbers
/// from AcBus::number, powers in MW/MVAr, angles in degrees, every number with 17 significant
/// digits so that parse_matpower(write_matpower(net)) gives back net (to the last bit for
/// everything but values converted from pu and radians, which may differ by an ulp). gencost is
/// written as zero cost so that OPF tools accept the file. case_name becomes the function name:
/// characters other than letters, digits and '_' are replaced by '_' and a leading non-letter
/// gets a "case_" prefix. Throws std::invalid_argument when the bus numbers are not positive and
/// unique, or an option vector has the wrong length.
[[nodiscard]] std::string write_matpower(const model::electrical::AcNetwork& net,
                                         const std::string& case_name,
                                         const MatpowerWriteOptions& options = {});

}  // namespace dctwin::data
