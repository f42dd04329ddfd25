// Typed properties of site entities, for a property editor: what can be edited on a rack, row,
// hall, electrical node or cooling unit, with units, ranges and choices, and the command that
// sets one (refusing out-of-range values with a message).
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/edit/commands.h"

namespace dctwin::model::edit {

enum class PropKind {
  Number,       ///< double in SI units (unit), shown as display_unit = value * display_scale
  Enum,         ///< one of choices (stored as its string)
  String,       ///< free text (names)
  CatalogType,  ///< a catalog key of catalog_kind (choices lists them)
  Reference,    ///< an entity id (choices_ids lists the candidates, kNoId = none)
};

struct PropertyInfo {
  std::string name;   ///< e.g. "x_m", "type", "feed_a"
  std::string label;  ///< e.g. "x"
  PropKind kind = PropKind::Number;
  std::string unit;            ///< SI unit of the stored value ("m", "W", "deg", "C", "m3/s")
  std::string display_unit;    ///< what the UI shows ("kW"); same as unit when empty
  double display_scale = 1.0;  ///< display = value * display_scale
  double min_value = 0, max_value = 0;  ///< Number: inclusive range in SI units
  double step = 0;                      ///< Number: natural step in SI units (0: free)
  bool optional = false;                ///< Number: may be cleared (e.g. a rack's power override)
  bool read_only = false;
  std::vector<std::string> choices;        ///< Enum and CatalogType
  std::vector<Id> choice_ids;              ///< Reference: candidates (kNoId first when optional)
  std::vector<std::string> choice_labels;  ///< Reference: labels of choice_ids
};

/// The value of a property: nothing (a cleared optional number), a number, a string (Enum,
/// String, CatalogType) or an id (Reference).
using PropValue = std::variant<std::monostate, double, std::string, Id>;

/// The properties of entity id (empty for unknown ids and kinds without properties).
[[nodiscard]] std::vector<PropertyInfo> entity_properties(const Site& site, const Catalog& catalog,
                                                          Id id);
/// The current value; throws EditError for an unknown entity or property.
[[nodiscard]] PropValue get_property(const Site& site, Id id, const std::string& name);
/// A command that sets one property of one or more entities of the same kind (for racks:
/// multi-selection edits). Throws EditError naming the field, the allowed range or choices and
/// the entity when the value is refused.
[[nodiscard]] CommandPtr set_property(const Site& site, const Catalog& catalog,
                                      const std::vector<Id>& ids, const std::string& name,
                                      const PropValue& value);

}  // namespace dctwin::model::edit
