// The equipment catalog: every number about equipment, each with its source and date.
// Pure C++: the catalog is parsed from JSON by data/ (data/catalog_io.h) and handed to the model.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dctwin::model {

/// Where a catalog number comes from.
struct Source {
  std::string id;     ///< short key used in the catalog files, e.g. "nvidia-gb300-simready"
  std::string title;  ///< human-readable citation
  std::string url;    ///< may be empty (e.g. an engineering estimate)
  std::string date;   ///< ISO date (YYYY or YYYY-MM or YYYY-MM-DD) the figure was published or read
  bool operator==(const Source&) const = default;
};

/// One number with its provenance. The unit is in the parameter's name (power_w, temp_c, ...).
struct SourcedValue {
  double value = 0.0;
  std::string source_id;  ///< key into Catalog::sources
  std::string note;       ///< optional: how the value was derived
  bool operator==(const SourcedValue&) const = default;
};

/// A piecewise-linear curve y(x), e.g. efficiency versus load fraction. x strictly increasing.
struct SourcedCurve {
  std::string x_name;  ///< e.g. "load_frac"
  std::string y_name;  ///< e.g. "efficiency"
  std::vector<double> x;
  std::vector<double> y;
  std::string source_id;
  std::string note;
  bool operator==(const SourcedCurve&) const = default;

  /// Linear interpolation, clamped at both ends. Requires a valid curve (see Catalog::validate).
  [[nodiscard]] double at(double xq) const;
};

/// The kinds of catalog items. Racks and every equipment kind share one item shape.
enum class ItemKind {
  Rack,
  HvMvTransformer,
  MvSwitchgear,
  MvCable,
  UnitSubstation,
  LvSwitchboard,
  MechanicalBoard,
  Ups,
  Rectifier,
  SolidStateTransformer,
  Busway,
  Pdu,
  Generator,
  Battery,
  Crah,
  FanWall,
  Cdu,
  Chiller,
  CoolingTower,
  DryCooler,
  Pump,
};

[[nodiscard]] const char* to_string(ItemKind k);
[[nodiscard]] std::optional<ItemKind> item_kind_from_string(const std::string& s);
[[nodiscard]] const std::vector<ItemKind>& all_item_kinds();

/// One catalog entry (a rack type or an equipment type).
struct CatalogItem {
  std::string key;  ///< stable identifier used by sites, e.g. "gb300_nvl72"
  ItemKind kind = ItemKind::Rack;
  std::string name;  ///< display name
  std::map<std::string, SourcedValue> params;
  std::map<std::string, SourcedCurve> curves;
  bool operator==(const CatalogItem&) const = default;

  [[nodiscard]] bool has(const std::string& param) const { return params.count(param) != 0; }
  /// The value of a parameter. Throws std::out_of_range naming the item and parameter when absent
  /// (a validated catalog has every required parameter, so this only fires on optional ones).
  [[nodiscard]] double get(const std::string& param) const;
  [[nodiscard]] const SourcedCurve& curve(const std::string& name) const;
};

/// A problem found when validating a catalog.
struct CatalogProblem {
  std::string item_key;  ///< empty for problems with the sources list
  std::string field;
  std::string message;  ///< what is wrong and how to fix it
};

/// The parameters and curves every item of a kind must carry (the catalog schema, in code).
struct KindSchema {
  std::vector<std::string> params;
  std::vector<std::string> curves;
};
[[nodiscard]] const KindSchema& schema_for(ItemKind k);

class Catalog {
 public:
  std::map<std::string, Source> sources;
  std::map<std::string, CatalogItem> items;  ///< by key

  bool operator==(const Catalog&) const = default;

  [[nodiscard]] const CatalogItem* find(const std::string& key) const;
  /// The item with this key, or std::out_of_range naming the key.
  [[nodiscard]] const CatalogItem& at(const std::string& key) const;
  [[nodiscard]] std::vector<const CatalogItem*> of_kind(ItemKind k) const;

  /// Every problem: missing required params/curves, unknown sources, empty source fields,
  /// non-finite or out-of-range values (fractions in [0,1], ratings > 0), non-increasing curves.
  [[nodiscard]] std::vector<CatalogProblem> validate() const;
};

/// Typed view of a rack type, read from a validated catalog item.
struct RackSpec {
  double nameplate_w = 0;
  double typical_w = 0;
  double idle_w = 0;
  double peak_w = 0;               ///< EDPP, short spikes
  double liquid_fraction = 0;      ///< share of heat to liquid, 0..1
  double airflow_m3_s_per_kw = 0;  ///< air side, per kW of air heat
  double ramp_up_w_per_s = 0;
  double ramp_down_w_per_s = 0;
  double smoothing_floor_frac = 0;
  double width_m = 0;
  double depth_m = 0;
  double height_m = 0;
  bool dc_input = false;  ///< true: 800 V DC input; false: AC (415/480 V)
};
[[nodiscard]] RackSpec rack_spec(const CatalogItem& item);
/// True when type is a rack type of the catalog with 800 V DC input (dc_input set); false for
/// AC racks and for keys the catalog does not hold as racks.
[[nodiscard]] bool rack_is_dc(const Catalog& catalog, const std::string& type);

}  // namespace dctwin::model
