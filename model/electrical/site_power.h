// Site power flow: the network derived from the site's electrical graph (never edited by hand),
// solved section by section from the racks up to the grid.
//
// Sections are the parts of the graph between converters (UPS, rectifier, solid-state
// transformer, PDU). Each section is a balanced AC network (Newton-Raphson, ac_powerflow.h) or
// an 800 V DC network (Newton on the nodal equations with constant-power loads). A converter is
// the source of the section downstream of it and a constant-power load on the section upstream:
// input = output + loss(output), from the catalog's efficiency curve. Rack PSUs convert the
// rack's IT power to cord power the same way. The grid is a Thevenin source behind the
// short-circuit impedance at the point of interconnection.
#pragma once

#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "model/common/progress.h"
#include "model/electrical/ac_powerflow.h"
#include "model/electrical/network.h"
#include "model/site/catalog.h"
#include "model/site/site.h"

namespace dctwin::model::electrical {

/// Loss stages reported by the site solve.
inline constexpr const char* kLossTransformers = "transformers";
inline constexpr const char* kLossMvCables = "mv_cables";
inline constexpr const char* kLossConverters = "ups_rectifiers";
inline constexpr const char* kLossLvDistribution = "lv_distribution";
inline constexpr const char* kLossPsus = "psus";

/// A constant-power load on the network other than a rack: a cooling unit's pumps, fans or
/// compressor. It is drawn from its live feeds, shared equally, as a rack's cords share its power.
struct FeedLoad {
  Id entity = kNoId;                  ///< whose load it is (a cooling unit's id)
  const char* what = "load";          ///< what it is, for messages ("cooling unit")
  Id feed_a = kNoId, feed_b = kNoId;  ///< electrical nodes; kNoId for none
  double p_w = 0, q_var = 0;
};

struct SiteSolveOptions {
  double load_frac = 1.0;         ///< rack IT power as a fraction of design power
  std::unordered_set<Id> failed;  ///< electrical nodes out of service
  /// Normally-open edges closed for this solve (e.g. a catcher taking over a failed block).
  std::unordered_set<Id> closed_edges;
  /// Loads other than racks (the coupled facility solve puts the cooling units' power here).
  std::vector<FeedLoad> loads;
  double base_va = 100e6;  ///< system base for per-unit
  double v_min_pu = 0.95;  ///< ANSI C84.1 range A service voltage, lower bound
  double v_max_pu = 1.05;  ///< ANSI C84.1 range A, upper bound
  double tol_pu = 1e-8;    ///< Newton mismatch tolerance
};

struct NodeFlow {
  Id id = kNoId;
  bool energized = false;
  double p_w = 0, q_var = 0;  ///< power passing through (converters: output)
  double loading_pct = 0;     ///< |S| (or P for DC) over rating
  double vm_pu = 0;           ///< voltage at the node's output bus
  double loss_w = 0;          ///< converter or transformer loss
};

struct EdgeFlow {
  Id id = kNoId;
  bool energized = false;
  double p_from_w = 0, q_from_var = 0;  ///< into the edge at its upstream end
  double loss_w = 0;
  double loading_pct = 0;
};

struct RackFlow {
  bool powered = false;
  double it_w = 0;     ///< IT (PSU output) power
  double input_w = 0;  ///< total cord power
  double cord_a_w = 0, cord_b_w = 0;
  double vm_a_pu = 0, vm_b_pu = 0;  ///< 0 for a cord that is absent or dead
};

/// The result for one FeedLoad (in SiteSolveOptions::loads order).
struct LoadFlow {
  Id entity = kNoId;
  bool powered = false;  ///< at least one live feed
  double p_w = 0;        ///< drawn (0 when unpowered)
  double feed_a_w = 0, feed_b_w = 0;
  double vm_a_pu = 0, vm_b_pu = 0;  ///< 0 for a feed that is absent or dead
};

struct Violation {
  Id entity = kNoId;
  std::string code;  ///< elec.overload, elec.voltage_low, rack.unpowered, ...
  std::string message;
};

struct SiteElecResult {
  bool converged = false;
  std::string message;  ///< empty when everything converged
  double it_power_w = 0;
  double grid_import_w = 0, grid_import_var = 0, power_factor = 1;
  double standby_output_w = 0;             ///< generators and batteries carrying an island
  std::map<std::string, double> losses_w;  ///< by stage (kLoss*)
  double total_loss_w = 0;
  double min_rack_voltage_pu = 0;
  Id min_rack_voltage_rack = kNoId;
  double max_loading_pct = 0;
  Id max_loading_entity = kNoId;
  std::vector<NodeFlow> nodes;  ///< in site.elec_nodes order
  std::vector<EdgeFlow> edges;  ///< in site.elec_edges order
  std::vector<RackFlow> racks;  ///< in site.racks order
  std::vector<LoadFlow> loads;  ///< in SiteSolveOptions::loads order
  double load_power_w = 0;      ///< drawn by the powered loads (e.g. the cooling plant)
  std::vector<Violation> violations;
  std::size_t sections = 0, buses = 0;
  int max_iterations = 0;
};

/// Solves the site at load_frac of design load. Never throws for a bad network: problems are in
/// converged/message/violations. Throws Cancelled when progress is cancelled.
[[nodiscard]] SiteElecResult solve_site_power(const Site& site, const Catalog& catalog,
                                              const SiteSolveOptions& options = {},
                                              Progress* progress = nullptr);
/// The same on a network compiled once (compile_network with options.base_va): what repeated
/// solves of one site revision (N-1 cases, scenario steps) use. Throws std::invalid_argument when
/// the network was compiled on another base.
[[nodiscard]] SiteElecResult solve_site_power(const CompiledNetwork& net,
                                              const SiteSolveOptions& options = {},
                                              Progress* progress = nullptr);

/// The site's AC sections as one per-unit network (each section's source a reference bus with a
/// generator; converters as the constant-power loads the site solve found), for export to
/// MATPOWER so that anyone can cross-check the AC part of our answer. DC sections are left out.
struct SiteAcExport {
  AcNetwork net;
  std::vector<std::string> bus_names;  ///< per bus: the site node (and its role)
  std::vector<double> base_kv;         ///< per bus
};
[[nodiscard]] SiteAcExport site_ac_network(const Site& site, const Catalog& catalog,
                                           const SiteSolveOptions& options = {});

}  // namespace dctwin::model::electrical
