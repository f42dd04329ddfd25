// Edit commands on model::Site: every change a person makes to a layout is one of these objects.
// A command is built from the current site (it records old and new values, and the ids of what
// it creates), then apply() and revert() swap between the two states exactly, as often as asked:
// revert() after apply() gives back a Site that compares equal (operator==) to the original,
// RackTable order included. Pure C++ (no Qt); app/gui wraps commands in QUndoCommand.
//
// Factories throw EditError with a message naming the entity and the fix when an edit is not
// possible (unknown id, wrong catalog kind, row outside the hall...); they never half-apply.
// A command must be applied to the site it was built from (or one equal to it); apply()/revert()
// throw EditError when that is not so (an id vanished), without changing the site.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/site/catalog.h"
#include "model/site/site.h"
#include "model/site/site_ref.h"

namespace dctwin::model::edit {

/// An edit that cannot be made; the message says what and how to fix it.
class EditError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Command {
 public:
  virtual ~Command() = default;
  virtual void apply(Site& site) = 0;
  virtual void revert(Site& site) = 0;
  /// Short description for undo menus ("Move 3 racks").
  [[nodiscard]] virtual std::string text() const = 0;
  /// Commands with the same non-negative merge id may fold a following command into themselves
  /// (a drag delivered as many small moves becomes one step). -1: never merges.
  [[nodiscard]] virtual int merge_id() const { return -1; }
  /// Folds next (already applied after this one) into this command; false when it cannot.
  virtual bool merge_with(const Command& /*next*/) { return false; }
};

using CommandPtr = std::unique_ptr<Command>;

/// Several commands as one: apply in order, revert in reverse order.
class Macro : public Command {
 public:
  explicit Macro(std::string text) : text_(std::move(text)) {}
  void add(CommandPtr c) { parts_.push_back(std::move(c)); }
  [[nodiscard]] std::size_t size() const { return parts_.size(); }
  [[nodiscard]] const std::vector<CommandPtr>& parts() const { return parts_; }
  void apply(Site& site) override;
  void revert(Site& site) override;
  [[nodiscard]] std::string text() const override { return text_; }

 private:
  std::string text_;
  std::vector<CommandPtr> parts_;
};

/// Replaces entities by id with new values (racks, rows, halls, electrical nodes, cooling units);
/// the building block of moves, rotations, type changes, connections and property edits.
class UpdateEntities : public Command {
 public:
  explicit UpdateEntities(std::string text) : text_(std::move(text)) {}
  template <typename T>
  struct Change {
    T before, after;
  };
  std::vector<Change<Rack>> racks;
  std::vector<Change<Row>> rows;
  std::vector<Change<Hall>> halls;
  std::vector<Change<ElecNode>> nodes;
  std::vector<Change<CoolingUnit>> units;

  void apply(Site& site) override;
  void revert(Site& site) override;
  [[nodiscard]] std::string text() const override { return text_; }
  [[nodiscard]] int merge_id() const override { return merge_id_; }
  /// Merges when next is an UpdateEntities with the same merge id touching the same entities:
  /// keeps this command's before values and takes next's after values.
  bool merge_with(const Command& next) override;
  void set_merge_id(int id) { merge_id_ = id; }
  void set_text(std::string text) { text_ = std::move(text); }
  [[nodiscard]] bool empty() const {
    return racks.empty() && rows.empty() && halls.empty() && nodes.empty() && units.empty();
  }

 private:
  void put(Site& site, bool after) const;
  std::string text_;
  int merge_id_ = -1;
};

// ---------------------------------------------------------------------------------------------
// Factories. Each reads the site as it is now and returns a command that has NOT been applied.

/// Merge id of moves, for a drag: successive move_racks commands over the same ids fold into one.
inline constexpr int kMergeMove = 1001;

/// Where a new row goes and what it holds.
struct AddRowSpec {
  Id hall_id = kNoId;
  std::string rack_type;  ///< catalog key of kind Rack
  int racks = 10;         ///< 1..200
  /// Row start (hall coordinates: x where the first rack's edge stands, y the centre line of
  /// the racks, for rows along x; swapped for rows along y), snapped so that the racks'
  /// footprint edges lie on the hall's tile lines. Empty: after the hall's last row, one row
  /// pitch further, facing the other way (rows alternate across aisles).
  std::optional<double> x_m, y_m;
  std::optional<double> orientation_deg;  ///< multiple of 90; empty: as described above
  std::string name;                       ///< empty: the hall's name + "-R" + the next number
  /// Connect every new rack to the busways/PDUs, CDU and air unit of the hall with spare
  /// capacity (see suggest_connections); otherwise the racks are left unconnected.
  bool auto_connect = true;
};

/// A new row of racks of one type on the hall's tile grid. Throws EditError when the hall or
/// type is unknown, the type is not a rack, or the row would stand outside the hall.
[[nodiscard]] CommandPtr add_row(const Site& site, const Catalog& catalog, const AddRowSpec& spec);

/// count racks of type appended to the end of a row (continuing its line at the rack pitch).
[[nodiscard]] CommandPtr add_racks(const Site& site, const Catalog& catalog, Id row_id, int count,
                                   const std::string& type, bool auto_connect = true);

/// Moves racks, rows (with their racks) and hall-level cooling units by (dx, dy) metres; ids are
/// kept. merge_id() is kMergeMove so that a drag folds into one step.
[[nodiscard]] CommandPtr move_entities(const Site& site, const std::vector<Id>& ids, double dx_m,
                                       double dy_m);

/// Turns racks (and cooling units) in place by quarter_turns * 90 degrees (counter-clockwise,
/// orientation kept in [0, 360)). Rows given turn their racks and their own orientation.
[[nodiscard]] CommandPtr rotate_entities(const Site& site, const std::vector<Id>& ids,
                                         int quarter_turns);

/// Deletes racks, rows (with their racks) and cooling units (CRAH, fan wall, CDU): references
/// to deleted units are cleared in racks and removed from redundancy groups. Other kinds are
/// refused. revert() restores everything exactly, RackTable order included.
[[nodiscard]] CommandPtr delete_entities(const Site& site, const std::vector<Id>& ids);

/// Sets the catalog type of racks. Refuses a key that is not a rack type, and a change between
/// AC and DC input on a rack whose cords are plugged into equipment of the other kind.
[[nodiscard]] CommandPtr set_rack_type(const Site& site, const Catalog& catalog,
                                       const std::vector<Id>& rack_ids, const std::string& type);

enum class Cord { A, B };
/// Plugs the A or B cord of racks into a busway or PDU (node kNoId: unplug). Refuses other node
/// kinds and a node whose AC/DC output does not match the rack type's input.
[[nodiscard]] CommandPtr connect_feed(const Site& site, const Catalog& catalog,
                                      const std::vector<Id>& rack_ids, Cord cord, Id node_id);

/// Connects the A or B feed of cooling units that draw power (is_powered: CRAHs, fan walls,
/// CDUs, chillers, towers, dry coolers, pumps) to an electrical node (node kNoId: disconnect).
/// The node must be one that may feed cooling units (is_cooling_feed: mechanical board, LV
/// switchboard, busway or PDU) with AC output (the units' drives take AC), and of the unit's
/// hall and building where both name one (cooling_feed_candidates lists the nodes that pass).
/// Refuses unknown ids and units that draw no power (water loops, storage tanks).
[[nodiscard]] CommandPtr connect_cooling_feed(const Site& site, const std::vector<Id>& unit_ids,
                                              Cord cord, Id node_id);
/// The electrical nodes that connect_cooling_feed accepts for cooling unit unit_id, in the order
/// of site.elec_nodes (empty for an unknown id or a unit that draws no power).
[[nodiscard]] std::vector<Id> cooling_feed_candidates(const Site& site, Id unit_id);

/// Connects racks to a cooling unit: a CDU sets cdu_id, a CRAH or fan wall sets air_unit_id.
[[nodiscard]] CommandPtr connect_cooling(const Site& site, const std::vector<Id>& rack_ids,
                                         Id unit_id);

/// A new CRAH, fan wall or CDU of a catalog type at (x, y) in a hall, rated from the catalog,
/// on the water loop that the hall's units of that kind use (none found: the building's loop
/// for that kind, else no loop), and fed like the first of the hall's units of that kind that
/// has feeds (none: unfed).
[[nodiscard]] CommandPtr place_cooling_unit(const Site& site, const Catalog& catalog, Id hall_id,
                                            const std::string& type, double x_m, double y_m,
                                            double orientation_deg = 0.0);

/// A copy of rows with their racks, for copy and paste.
struct RowClip {
  Row row;
  std::vector<Rack> racks;
};
[[nodiscard]] std::vector<RowClip> copy_rows(const Site& site, const std::vector<Id>& row_ids);
/// Rows of the racks and rows named by ids (for copying a rack selection as whole rows), in
/// the order first met.
[[nodiscard]] std::vector<Id> rows_of(const Site& site, const std::vector<Id>& ids);

/// Pastes copies with fresh ids, offset by (dx, dy), into hall_id (kNoId: each row's own hall).
/// auto_connect: the copies are connected as add_row connects new racks (the originals' feeds
/// would often be overloaded twice over); otherwise the originals' connections are kept when
/// pasting into the same hall and cleared in another hall. See created_ids for the new ids.
/// Refuses a paste that would stand outside the hall or overlap racks.
[[nodiscard]] CommandPtr paste_rows(const Site& site, const Catalog& catalog,
                                    const std::vector<RowClip>& clip, double dx_m, double dy_m,
                                    Id hall_id = kNoId, bool auto_connect = true);
/// Ids created by an add_row, add_racks, paste_rows or place_cooling_unit command (rows, then
/// racks, then cooling units), also inside a Macro; empty for other commands.
[[nodiscard]] std::vector<Id> created_ids(const Command& cmd);
/// Notes an add_row or add_racks command left (racks it could not connect, and why).
[[nodiscard]] std::vector<std::string> command_notes(const Command& cmd);

enum class Align { Left, Right, Bottom, Top };
/// Moves the racks (and cooling units) so that their footprints line up with the extreme one
/// (Left: smallest x edge, Top: largest y edge in hall coordinates). A Macro of moves.
[[nodiscard]] CommandPtr align(const Site& site, const Catalog& catalog, const std::vector<Id>& ids,
                               Align how);
enum class Axis { X, Y };
/// Spaces the entities evenly between the two extreme ones along axis (centres equally apart).
/// A Macro of moves; needs three or more entities.
[[nodiscard]] CommandPtr distribute(const Site& site, const std::vector<Id>& ids, Axis axis);

// ---------------------------------------------------------------------------------------------
// Lookups shared by the commands and the GUI.

/// Index of a rack in site.racks, or npos.
[[nodiscard]] std::size_t rack_index(const Site& site, Id id);
/// "rack", "row", "hall", "building", "elec_node", "elec_edge", "cooling_unit", "group" or "" .
[[nodiscard]] std::string entity_kind(const Site& site, Id id);
/// Hall that a rack, row, hall, electrical node or cooling unit belongs to (kNoId if none).
[[nodiscard]] Id hall_of(const Site& site, Id id);
/// Axis-aligned footprint of rack i (turned by its orientation), hall coordinates.
using Box = FootprintRect;  ///< turned_footprint, as the compiled view's rack_footprint
[[nodiscard]] Box rack_box(const Site& site, std::size_t i, const Catalog& catalog);

}  // namespace dctwin::model::edit
