// AC power flow on a per-unit network: Newton-Raphson in polar form with a sparse Jacobian,
// following MATPOWER's conventions (runpf/newtonpf/pfsoln, legacy core) so that its answers can
// be reproduced to round-off. The conventions are written down in
// ../shared/reference/matpower/FORMAT.md; the ones that change results are repeated here.
//
// - Buses of type Isolated, and every branch and generator touching them, take no part. Their
//   voltage in the solution is their initial guess; their branches and gens report 0.
// - A generator counts when in service. A PV or Ref bus with no generator in service is solved
//   as a PQ bus. When no Ref bus has a generator in service, the first PV bus (in bus order)
//   becomes the reference, as MATPOWER's bustypes does.
// - Initial point: vm/va of each bus; at PV and Ref buses the magnitude is the vg of the last
//   in-service generator at the bus (angle kept).
// - Injections are constant power: sum of in-service gens (pg + j qg) minus (pd + j qd). gs/bs
//   are shunt admittances (gs consumed, bs injected at 1 pu).
// - Branch: pi model, ideal transformer tap*e^(j shift) at the from end, tap 0 means 1, both
//   charging halves on the impedance side.
// - After convergence, the Q of the in-service gens at each PV/Ref bus is shared in proportion to
//   their Q ranges (infinite limits replaced by a finite proxy; equal shares of the remainder
//   when the bus's range is zero); the first in-service gen at each Ref bus takes the slack P.
//   Gens at PQ buses keep their pg/qg.
//
// Every problem is reported in AcSolution (status and message), never by a crash: an island
// without a reference bus, a singular Jacobian, NaN, non-convergence.
#pragma once

#include <complex>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/common/progress.h"

namespace dctwin::model::electrical {

/// Bus types, numbered as in MATPOWER's BUS_TYPE column.
enum class BusType { PQ = 1, PV = 2, Ref = 3, Isolated = 4 };

/// One bus. Powers in pu of AcNetwork::base_mva. vm/va are the initial guess (va also fixes the
/// reference angle).
struct AcBus {
  std::int64_t number = 0;  ///< label for messages (MATPOWER BUS_I); not used for indexing
  BusType type = BusType::PQ;
  double pd_pu = 0, qd_pu = 0;  ///< constant-power load
  double gs_pu = 0, bs_pu = 0;  ///< shunt admittance at 1 pu: gs consumed, bs injected
  double vm_pu = 1, va_rad = 0;
};

/// One generator, at buses[bus]. Q limits may be +-infinity; they only share Q among the gens of
/// a bus (they are not enforced).
struct AcGen {
  std::size_t bus = 0;
  double pg_pu = 0, qg_pu = 0, vg_pu = 1;
  double qmax_pu = 0, qmin_pu = 0;
  bool in_service = true;
};

/// One line or transformer from buses[f] to buses[t]. b is the total charging. tap 0 means 1.
/// shift > 0: the to-side voltage lags.
struct AcBranch {
  std::size_t f = 0, t = 0;
  double r_pu = 0, x_pu = 0, b_pu = 0;
  double tap = 0, shift_rad = 0;
  bool in_service = true;
};

struct AcNetwork {
  double base_mva = 100;
  std::vector<AcBus> buses;
  std::vector<AcGen> gens;
  std::vector<AcBranch> branches;
};

struct AcOptions {
  double tol_pu = 1e-8;  ///< converged when the infinity norm of the pu mismatch is below this
  int max_iter = 20;     ///< Newton iterations (linear solves) at most
  /// Start from the last converged solution of this AcPowerFlow (time steps). The first solve,
  /// and every solve after a failed one, starts from the network's initial point.
  bool warm_start = true;
};

enum class AcStatus {
  Converged,
  NotConverged,  ///< max_iter reached; worst_buses names where the mismatch is largest
  NoReference,   ///< an island has no reference bus; unreferenced_buses lists its buses
  Singular,      ///< the Jacobian could not be factorised
  NotANumber,    ///< NaN or infinity appeared in the mismatch or the update
  InvalidData,   ///< non-finite or impossible input (message says which element)
};

[[nodiscard]] const char* to_string(AcStatus s);

struct AcSolution {
  AcStatus status = AcStatus::InvalidData;
  bool converged = false;
  int iterations = 0;                   ///< linear solves, as MATPOWER counts them
  double max_mismatch_pu = 0;           ///< infinity norm of the mismatch at the returned point
  std::vector<std::complex<double>> v;  ///< per bus, pu (isolated: initial guess)
  std::vector<double> pg_pu, qg_pu;     ///< per gen; 0 when out of service or isolated
  std::vector<std::complex<double>> sf_pu, st_pu;  ///< per branch, into the branch at f and t
  std::string message;  ///< why it failed, or notes on success (e.g. a substituted reference)
  std::vector<std::size_t> worst_buses;         ///< bus indices, largest mismatch first
  std::vector<std::size_t> unreferenced_buses;  ///< buses of the islands without a reference
  double solve_s = 0;  ///< wall time of solve(): Newton loop and post-processing
};

/// Builds Ybus, the bus classification and the Jacobian's pattern once; solve() then only fills
/// values in place. The symbolic analysis of the Jacobian is kept across iterations and across
/// solve() calls, so a time series of changed injections (set_load, set_gen) costs one numeric
/// factorisation per Newton iteration. Not thread-safe; one object per thread.
class AcPowerFlow {
 public:
  /// Throws std::invalid_argument when a gen or branch refers to a bus index out of range (a
  /// programming error). Data problems (NaN, zero impedance) are reported by solve().
  explicit AcPowerFlow(const AcNetwork& net);
  ~AcPowerFlow();
  AcPowerFlow(const AcPowerFlow&) = delete;
  AcPowerFlow& operator=(const AcPowerFlow&) = delete;
  AcPowerFlow(AcPowerFlow&&) noexcept;
  AcPowerFlow& operator=(AcPowerFlow&&) noexcept;

  /// Runs Newton-Raphson. progress (optional) gets one report per iteration and is checked for
  /// cancellation (throws Cancelled).
  AcSolution solve(const AcOptions& options = {}, Progress* progress = nullptr);

  /// Changes a bus's constant-power load for the next solve (pu).
  void set_load(std::size_t bus, double pd_pu, double qd_pu);
  /// Changes a generator's set-points for the next solve (pu). pg is ignored at the slack gen,
  /// qg at PV/Ref buses (they are outputs there).
  void set_gen(std::size_t gen, double pg_pu, double qg_pu);
  /// Forgets the last solution: the next solve starts from the network's initial point.
  void reset_start();

  [[nodiscard]] const AcNetwork& network() const;
  /// Wall time of the constructor (Ybus, classification, Jacobian pattern), seconds.
  [[nodiscard]] double build_s() const;
  /// Buses taking part (not isolated), and the size of the Newton system.
  [[nodiscard]] std::size_t active_buses() const;
  [[nodiscard]] std::size_t unknowns() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Convenience: AcPowerFlow(net).solve(options).
[[nodiscard]] AcSolution solve_ac(const AcNetwork& net, const AcOptions& options = {});

}  // namespace dctwin::model::electrical
