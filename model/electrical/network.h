// The compiled electrical network of one site revision: everything the power-flow solvers need
// from the Site and the Catalog, looked up and converted to per unit once. The full site solve
// (site_power) and the incremental N-1 (contingency) both read it; a case (failed nodes, closed
// standby connections) is a set of in-service flags on it, never a rebuilt network.
//
// Buses: every node has an output bus (main) at its own voltage; a converter also has an input
// bus (AC, at its catalog input voltage), a transformer a primary bus (at its catalog primary
// voltage), and the grid feed a Thevenin source bus. A connection runs from the main bus of its
// upstream node to the input bus of its downstream one (the main bus for other kinds).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "model/site/catalog.h"
#include "model/site/site.h"
#include "model/site/site_ref.h"

namespace dctwin::model::electrical {

struct CompiledNetwork {
  const Site* site = nullptr;
  const Catalog* catalog = nullptr;
  double base_va = 0;  ///< system base of every per-unit value

  // Nodes (site.elec_nodes order)
  std::size_t nodes = 0;
  std::unordered_map<Id, std::size_t> node_index;
  bool duplicate_node_ids = false;
  std::vector<char> converter, transformer, source, standby, grid, dc;
  std::vector<double> rating_w;  ///< for loading; the grid feed: the contracted import
  std::vector<double> main_v;    ///< output bus base voltage
  std::vector<double> in_v;      ///< input / primary bus base voltage (= main_v for other kinds)
  std::vector<const SourcedCurve*> efficiency;  ///< converters with a curve and a rating, else null
  /// Transformers: series resistance and reactance on the system base, iron-loss conductance at
  /// the primary (copper loss at rated current equals the resistance in per unit).
  std::vector<double> xfmr_r_pu, xfmr_x_pu, xfmr_g_pu;
  /// Non-empty: the node's catalog item lacks a parameter the network needs (the message names
  /// it); the full solve refuses such a node when it is energized.
  std::vector<std::string> missing;
  /// Outgoing connections (valid ones) by upstream node: out_edges[out_start[k] .. out_start[k+1]).
  std::vector<int> out_start, out_edges;

  // The grid: the feed node (the last when there are several), how many, and the Thevenin
  // source behind the short-circuit impedance at the point of interconnection.
  int grid_node = -1;
  int grid_feeds = 0;
  double thevenin_r_pu = 0, thevenin_x_pu = 0;

  // Connections (site.elec_edges order)
  std::size_t edges = 0;
  std::unordered_map<Id, std::size_t> edge_index;
  std::vector<int> from, to;  ///< node indices; -1 where the connection names no such node
  /// Both ends exist and differ.
  std::vector<char> valid;
  std::vector<char> normally_open;
  /// The ends' buses differ in kind (AC/DC) or by more than 1 % in voltage: not solvable.
  std::vector<char> mismatch;
  std::vector<char> zero_impedance;      ///< merges its two buses into one
  std::vector<double> r_pu, x_pu, b_pu;  ///< on the upstream bus's base (0 x, b for DC)
  std::vector<double> edge_rating_w;

  // Racks (site.racks order)
  std::vector<char> rack_ok;  ///< its type is a rack in the catalog with what the solve needs
  /// Non-empty: its type is a rack that lacks its nameplate power or PSU curve (the message
  /// names it); the full solve refuses the site.
  std::vector<std::string> rack_missing;
  std::vector<double> rack_design_w;
  /// Capacity of each rack's power shelves or supplies: the PSU curve is read at load over it.
  std::vector<double> rack_psu_capacity_w;
  std::vector<const SourcedCurve*> rack_psu;  ///< PSU efficiency curve (null when not ok)
  std::vector<int> rack_feed_a, rack_feed_b;  ///< node indices, -1 none

  /// The upstream bus's base voltage and kind of connection e, and the downstream's.
  [[nodiscard]] double from_v(std::size_t e) const { return main_v[std::size_t(from[e])]; }
  [[nodiscard]] double to_v(std::size_t e) const { return in_v[std::size_t(to[e])]; }
  [[nodiscard]] bool from_dc(std::size_t e) const { return dc[std::size_t(from[e])] != 0; }
  /// A converter's or transformer's input bus is AC; other kinds' is their main bus.
  [[nodiscard]] bool to_dc(std::size_t e) const {
    const auto k = std::size_t(to[e]);
    return !converter[k] && !transformer[k] && dc[k];
  }
  /// A rack's cord input power at a load fraction of its design power (IT over the PSU
  /// efficiency at that load).
  [[nodiscard]] double rack_input_w(std::size_t i, double load_frac) const;
};

/// Compiles the site's electrical network on its compiled view (model::SiteRef: id tables, each
/// rack's type and design power); the site and the catalog must outlive it, the view need not.
/// Never throws for a bad catalog: what is missing is recorded (missing, rack_missing) for the
/// solver to report.
[[nodiscard]] CompiledNetwork compile_network(const SiteRef& ref, double base_va);
/// The same, compiling the view first (for a caller that holds no view).
[[nodiscard]] CompiledNetwork compile_network(const Site& site, const Catalog& catalog,
                                              double base_va);

}  // namespace dctwin::model::electrical
