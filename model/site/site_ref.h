// The compiled view of one site revision (in the spirit of PowerModels' `ref` and pandapower's
// internal net): the facts every solver, view and report needs from a Site and its Catalog,
// looked up once. Id tables, the hall of every rack and its campus origin, each rack's catalog
// spec, design power and footprint, the cooling topology (which CDU and air unit serve a rack,
// which units sit on a loop, which chillers reject into it, each unit's rated power and feeds)
// and where every electrical node stands. Read-only; the site and the catalog must outlive it
// and not change (a new revision gets a new view).
//
// The per-unit electrical network is compiled on this view by electrical/network.h (the layer
// that owns per-unit values); the coupled solve and the scenario engine hold both.
//
// Never throws for a site that does not validate: what it cannot resolve is left empty (kNone,
// kNoId, NaN, null) for validate() to report, so the plan and the editor can show a broken site.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/common/overlap.h"
#include "model/site/catalog.h"
#include "model/site/site.h"

namespace dctwin::model {

inline constexpr std::size_t kNone = SIZE_MAX;  ///< "no such entity" for an index

/// Axis-aligned bounding box of a width x depth rectangle centred at (x, y) and turned by
/// orientation_deg (the direction its front faces).
[[nodiscard]] FootprintRect turned_footprint(double x_m, double y_m, double orientation_deg,
                                             double width_m, double depth_m);

struct SiteRef {
  const Site* site = nullptr;
  const Catalog* catalog = nullptr;

  // Id tables: the position of each entity in its Site vector (the first of a repeated id).
  std::unordered_map<Id, std::size_t> building_index, hall_index, row_index, rack_index, node_index,
      edge_index, cooling_index, group_index;

  // Halls (site.halls order)
  std::vector<std::size_t> hall_building;  ///< index in site.buildings
  /// South-west corner of the hall on the campus: its building's corner plus its own.
  std::vector<double> hall_origin_x_m, hall_origin_y_m;
  std::vector<std::vector<std::size_t>> hall_racks;      ///< rack indices, site order
  std::vector<std::vector<std::size_t>> hall_cooling;    ///< cooling unit indices in the hall
  std::vector<std::vector<std::size_t>> hall_air_units;  ///< its CRAHs and fan walls of known type

  // Racks (site.racks order)
  std::vector<std::size_t> rack_row, rack_hall;  ///< indices (through the row for the hall)
  std::vector<Id> rack_hall_id;                  ///< kNoId when the rack has no hall
  /// The catalog item of its type when that is a rack type, else null (validate() says so).
  std::vector<const CatalogItem*> rack_type;
  /// Its type's spec; zeros where rack_type is null. A parameter the type lacks (a catalog
  /// that does not validate) reads 0 and the first such is named in rack_missing.
  std::vector<RackSpec> rack_spec;
  std::vector<std::string> rack_missing;
  /// Design power: its override, else the catalog nameplate; NaN when neither is known.
  std::vector<double> rack_design_w;
  /// Footprint in hall coordinates (its spec turned by its orientation); zero-size when the
  /// type is unknown.
  std::vector<FootprintRect> rack_footprint;
  std::vector<std::size_t> rack_cdu, rack_air_unit;  ///< indices in site.cooling

  // Cooling topology (site.cooling order)
  std::vector<const CatalogItem*> cooling_type;  ///< null for water loops and unknown types
  std::vector<std::size_t> cooling_hall;         ///< index in site.halls
  std::vector<std::size_t> cooling_loop;         ///< its loop's index (loop_id)
  std::vector<std::size_t> loops;                ///< the water loops, site order
  /// Per unit: for a water loop, the units on it and the chillers whose condensers reject into
  /// it (site order); empty for other kinds.
  std::vector<std::vector<std::size_t>> loop_units, loop_condensers;
  /// Per CDU, CRAH or fan wall: the racks it serves (their cdu_id or air_unit_id).
  std::vector<std::vector<std::size_t>> unit_racks;
  /// Rated electrical power (cooling_rated_power_w); nullopt for unpowered or unknown units.
  std::vector<std::optional<double>> cooling_rated_w;
  std::vector<std::size_t> cooling_feed_a, cooling_feed_b;  ///< indices in site.elec_nodes

  // Electrical nodes (site.elec_nodes order)
  std::vector<std::size_t> node_hall;  ///< index in site.halls

  /// Position of id in an id table, or kNone.
  [[nodiscard]] static std::size_t find(const std::unordered_map<Id, std::size_t>& table, Id id) {
    const auto it = table.find(id);
    return it == table.end() ? kNone : it->second;
  }
  [[nodiscard]] bool rack_known(std::size_t i) const { return rack_type[i] != nullptr; }
  /// The hall of rack i, or null.
  [[nodiscard]] const Hall* hall_of_rack(std::size_t i) const {
    return rack_hall[i] == kNone ? nullptr : &site->halls[rack_hall[i]];
  }
  /// Rack i's footprint centre on the campus (hall origin plus its hall position; its hall
  /// position alone when it has no hall).
  [[nodiscard]] double rack_campus_x_m(std::size_t i) const;
  [[nodiscard]] double rack_campus_y_m(std::size_t i) const;
};

/// Compiles the view of site with catalog (both must outlive it). O(entities).
[[nodiscard]] SiteRef compile_site_ref(const Site& site, const Catalog& catalog);

}  // namespace dctwin::model
