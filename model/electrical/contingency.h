// N-1 over every component whose loss matters: each member of every redundancy group in turn,
// letting the group's scheme transfer the load (2N: the other side's cords carry the racks;
// block: the catcher's standby connections close; N+1 and distributed: the survivors share), and
// each component in no group (the one grid feed, a busway, a single CDU: energised electrical
// nodes other than standby sources, and cooling units with a capacity or a flow); re-solve, and
// report the worst loading and every rack that loses power. A component whose loss alone loses
// racks is a single point of failure; facility::run_contingencies adds each case's cooling
// consequence (which can make a component one too). Capacity per level: used, reserved for
// redundancy, free, stranded, for the electrical node kinds and then the cooling levels (CDUs, air
// units, chillers, heat rejection), which cost no solve: see LevelCapacity.
//
// Each case is solved incrementally: the site network is analysed once, and a case only changes
// what the failure changes (energised nodes, cords, closed standby connections) before the
// sections are re-solved, warm-started from the normal-operation voltages: a backward/forward
// sweep on their radial parts, a sparse LU on their meshes (kept while they do not change).
// Anything this does not cover (standby sources carrying an island, parallel sources, a sweep
// that does not converge, voltages far from nominal, ...) is re-solved in full by
// solve_site_power, so the answer equals the full re-solve within solver tolerance; of several
// components loaded alike within that tolerance, worst_entity may name another one.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/electrical/site_power.h"

namespace dctwin::model::electrical {

struct ContingencyCase {
  Id group = kNoId;  ///< kNoId: the failed component is in no redundancy group
  Id failed = kNoId;
  bool converged = false;
  double worst_loading_pct = 0;
  Id worst_entity = kNoId;
  std::vector<Id> racks_lost;  ///< racks powered in normal operation and dead after the failure
  /// Loads of SiteSolveOptions::loads (cooling units in a coupled run) supplied in normal
  /// operation and dead after the failure, by entity id.
  std::vector<Id> loads_lost;
  std::size_t overloads = 0;  ///< components above 100 % after the transfer
  std::string note;           ///< e.g. the solver's message, or how a cooling case was judged
  /// Its loss alone loses racks, or (with the cooling consequence, facility::run_contingencies)
  /// stops cooling that racks need so that a limit is reached: a single point of failure.
  bool single_point = false;

  // The cooling consequence, filled by facility::run_contingencies (empty here): the cooling
  // units that stop (the failed one, or those whose feeds all died, with what stops for want of
  // their pumps), the time until the first coolant or inlet limit and the racks that reach it.
  std::vector<Id> cooling_stopped;
  std::optional<double> time_to_limit_s;  ///< empty: no limit is reached (survivors carry it)
  std::string limit;                      ///< the limit reached first
  std::string cooling_medium;             ///< where: "CDU secondary", "hall air", ...
  std::vector<Id> racks_affected;         ///< racks that reach a limit (sorted)
  std::string cooling_note;               ///< how the consequence was judged
};

/// Orders cases worst first: racks lost, then a cooling limit reached (sooner first), then not
/// converged, then loading.
[[nodiscard]] bool worse_case(const ContingencyCase& a, const ContingencyCase& b);

/// Names of the cooling levels of ContingencyResult::levels (after the electrical ones).
inline constexpr const char* kLevelCdu = "cdu";           ///< CDUs
inline constexpr const char* kLevelAirUnit = "air_unit";  ///< CRAHs and fan walls together
inline constexpr const char* kLevelChiller = "chiller";   ///< chillers (evaporator heat)
inline constexpr const char* kLevelHeatRejection = "heat_rejection";  ///< towers, dry coolers

/// Capacity of one level, all in W (VA for AC equipment).
///
/// Electrical levels (one per electrical node kind, named by to_string(ElecKind)): installed is
/// the sum of the nodes' ratings (the grid: contracted import), used the |S| through each in the
/// normal-operation solve, reserved the worst |S| over every electrical N-1 case minus normal.
///
/// Cooling levels (kLevel*, heat in W; a level is listed only where the site has such units):
/// installed is the sum of the units' capacity_w (set from the catalog type's capacity_w; a
/// property override wins, as the N-1 cases and the plant use it), used the design heat each
/// carries (compute_design_loads: CDUs the liquid share and air units the air share of the rack
/// heat routed to them, chillers their capacity share of their loop's heat, towers and dry
/// coolers their share of their loop's heat including chiller compressor work), reserved the most
/// any single failure of a cooling redundancy group adds to a survivor (the survivors share the
/// group's design duty by capacity, as the cooling cases are judged) summed over units. Free room
/// counts as far as the heat path above can take it after its own worst failure: CDUs and air
/// units up to the free room of the rejection units on their loop, chillers up to their condenser
/// loop's room over (1 + 1/COP); towers and dry coolers reject to outdoor air and have no limit
/// above, nor do units whose loop has no rejection unit (validate() reports that), so their
/// stranded is 0. As for the electrical levels, each unit's path is judged on its own: units that
/// share a loop may each count the same upstream room. Electrical failures do not load cooling.
///
/// used + reserved + free + stranded = installed for every level whose units are not overloaded
/// after their worst single failure (then free and stranded are 0 and used + reserved exceeds it).
struct LevelCapacity {
  std::string level;
  std::size_t units = 0;
  double installed_w = 0;  ///< sum of ratings
  double used_w = 0;       ///< carried in normal operation
  /// Held back to take over load when a member fails (worst N-1 minus normal).
  double reserved_w = 0;
  /// Left after the worst single failure, where the path above has room.
  double free_w = 0;
  /// Left after the worst single failure but unusable: the path above is full.
  double stranded_w = 0;
};

/// How each electrical case is solved.
enum class ContingencyMethod {
  Incremental,  ///< sweep on the changed network; full re-solve only where it does not apply
  FullResolve,  ///< solve_site_power for every case (the reference)
};

struct ContingencyResult {
  std::vector<ContingencyCase> cases;  ///< worst first (worse_case)
  std::vector<LevelCapacity> levels;
  bool all_converged = true;
  std::size_t cases_with_rack_loss = 0, cases_with_overload = 0;
  /// Cases whose failed component is a single point of failure (ContingencyCase::single_point).
  std::size_t single_points = 0;
  /// Cases with a cooling consequence that reaches a limit (facility::run_contingencies).
  std::size_t cases_with_cooling_limit = 0;
  double worst_loading_pct = 0;
  SiteElecResult base;  ///< the normal-operation solve
  /// Electrical cases solved by a full solve_site_power (all of them with FullResolve).
  std::size_t cases_full_resolve = 0;
};

/// threads: worker threads for the re-solves (0: hardware concurrency).
[[nodiscard]] ContingencyResult run_contingencies(
    const Site& site, const Catalog& catalog, const SiteSolveOptions& options = {},
    Progress* progress = nullptr, unsigned threads = 0,
    ContingencyMethod method = ContingencyMethod::Incremental);
/// The same on the site's compiled view and its network (compiled on options.base_va;
/// std::invalid_argument otherwise).
[[nodiscard]] ContingencyResult run_contingencies(
    const SiteRef& ref, const CompiledNetwork& net, const SiteSolveOptions& options = {},
    Progress* progress = nullptr, unsigned threads = 0,
    ContingencyMethod method = ContingencyMethod::Incremental);

/// The cooling levels of run_contingencies alone (no electrical solve; cheap), e.g. to refresh a
/// stored result whose electrical part is still current while cooling units or groups changed.
[[nodiscard]] std::vector<LevelCapacity> cooling_capacity_levels(const Site& site,
                                                                 const Catalog& catalog);
/// True for the names of the cooling levels (kLevel*).
[[nodiscard]] bool is_cooling_level(const std::string& level);

/// The site-solve options of one electrical case: `member` of `group` failed and, for a block
/// catcher group, the catcher's standby connections to the failed block's loads closed.
[[nodiscard]] SiteSolveOptions contingency_options(const Site& site, const RedundancyGroup& group,
                                                   Id member, const SiteSolveOptions& options = {});

/// The cases run_contingencies runs, as (group id, failed component; group kNoId: in no group),
/// in its order before sorting: every member of every group, then the energised electrical nodes
/// in no group but standby sources (by `base`, the normal-operation solve), then the cooling
/// units in no group that carry heat or flow. E.g. to tell whether a stored run is complete.
[[nodiscard]] std::vector<std::pair<Id, Id>> contingency_cases(const Site& site,
                                                               const SiteElecResult& base);

/// The site-solve options of a case whose failed component is in no redundancy group: it is out
/// of service and, when it is the grid feed, the standby sources start and their normally-open
/// connections close.
[[nodiscard]] SiteSolveOptions contingency_options_alone(const Site& site, Id member,
                                                         const SiteSolveOptions& options = {});

}  // namespace dctwin::model::electrical
