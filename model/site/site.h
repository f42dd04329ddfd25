// The site: spaces (buildings, halls, rows, racks), the electrical graph and the cooling graph.
// SI units everywhere, unit in the name. Ids are unique across the whole site (one id space), so
// a validation message or a redundancy group can name any entity by its id alone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dctwin::model {

using Id = std::int64_t;
inline constexpr Id kNoId = 0;  ///< "not connected"; real ids start at 1

struct Location {
  double latitude_deg = 0;
  double longitude_deg = 0;
  double elevation_m = 0;
  bool operator==(const Location&) const = default;
};

/// The point of interconnection with the utility.
struct GridConnection {
  double poi_voltage_v = 0;        ///< line-to-line, e.g. 345e3
  double short_circuit_va = 0;     ///< short-circuit power at the POI
  double x_over_r = 0;             ///< X/R ratio of the Thevenin source
  double contracted_import_w = 0;  ///< maximum import agreed with the utility
  double ramp_limit_w_per_s = 0;   ///< utility's ramp limit (the UI shows MW/min)
  bool operator==(const GridConnection&) const = default;
};

struct Building {
  Id id = kNoId;
  std::string name;
  double x_m = 0, y_m = 0;          ///< south-west corner on the campus
  double width_m = 0, depth_m = 0;  ///< along x and y
  bool operator==(const Building&) const = default;
};

enum class Containment { None, HotAisle, ColdAisle };
[[nodiscard]] const char* to_string(Containment c);
[[nodiscard]] const std::vector<Containment>& all_containments();
[[nodiscard]] std::optional<Containment> containment_from_string(const std::string& s);

struct Hall {
  Id id = kNoId;
  Id building_id = kNoId;
  std::string name;
  double x_m = 0, y_m = 0;  ///< corner inside the building
  double width_m = 0, depth_m = 0, height_m = 0;
  Containment containment = Containment::None;
  double tile_m = 0.6;  ///< floor tile pitch, the layout grid
  bool operator==(const Hall&) const = default;
};

/// A row of racks. Racks carry their own positions; the row gives the line they stand on.
struct Row {
  Id id = kNoId;
  Id hall_id = kNoId;
  std::string name;
  double x_m = 0, y_m = 0;     ///< start of the row, hall coordinates
  double orientation_deg = 0;  ///< direction the rack fronts face: 0 = +y, 90 = +x, ...
  bool operator==(const Row&) const = default;
};

/// One rack, as a value (the site stores racks as columns, see RackTable).
struct Rack {
  Id id = kNoId;
  Id row_id = kNoId;
  std::string name;
  std::string type;                        ///< catalog key of kind Rack
  double x_m = 0, y_m = 0;                 ///< centre of the footprint, hall coordinates
  double orientation_deg = 0;              ///< direction the front (air intake) faces
  std::optional<double> power_override_w;  ///< design power when it differs from the catalog
  Id feed_a = kNoId;                       ///< electrical node (busway, PDU) of the A cord
  Id feed_b = kNoId;                       ///< B cord; kNoId for single-corded racks
  Id cdu_id = kNoId;                       ///< CDU for the liquid share of heat
  Id air_unit_id = kNoId;                  ///< CRAH or fan wall for the air share of heat
  bool operator==(const Rack&) const = default;
};

/// Racks as a struct of arrays: a 10,000-rack site stays cache friendly for solvers.
class RackTable {
 public:
  std::vector<Id> id, row_id;
  std::vector<std::string> name, type;
  std::vector<double> x_m, y_m, orientation_deg;
  std::vector<std::optional<double>> power_override_w;
  std::vector<Id> feed_a, feed_b, cdu_id, air_unit_id;

  [[nodiscard]] std::size_t size() const { return id.size(); }
  [[nodiscard]] bool empty() const { return id.empty(); }
  void reserve(std::size_t n);
  void push_back(const Rack& r);
  [[nodiscard]] Rack get(std::size_t i) const;
  void set(std::size_t i, const Rack& r);
  void erase(std::size_t i);
  /// Inserts r before position i (i == size() appends): the inverse of erase(i).
  void insert(std::size_t i, const Rack& r);
  bool operator==(const RackTable&) const = default;
};

// ---------------------------------------------------------------------------------------------
// Electrical graph

enum class ElecKind {
  GridFeed,
  HvMvTransformer,
  MvSwitchgear,
  MvFeeder,
  UnitSubstation,  ///< MV/LV transformer with its LV main
  LvSwitchboard,
  MechanicalBoard,  ///< motor control centre / mechanical switchboard: feeds cooling units
  Ups,
  Rectifier,
  SolidStateTransformer,  ///< MV AC in, 800 V DC out
  Busway,
  Pdu,
  Generator,
  Battery,
};
[[nodiscard]] const char* to_string(ElecKind k);
[[nodiscard]] std::optional<ElecKind> elec_kind_from_string(const std::string& s);
[[nodiscard]] const std::vector<ElecKind>& all_elec_kinds();
/// True for kinds that supply power into the graph (grid, generator, battery).
[[nodiscard]] bool is_source(ElecKind k);
/// True for kinds that racks may plug into (busway, PDU).
[[nodiscard]] bool is_rack_feed(ElecKind k);
/// True for kinds that may feed a cooling unit's motors: mechanical boards, LV switchboards,
/// busways and PDUs (the last two put a unit on UPS when a UPS feeds them).
[[nodiscard]] bool is_cooling_feed(ElecKind k);
/// True for power converters (UPS, rectifier, SST, PDU): a section boundary of the site solve.
[[nodiscard]] bool is_converter(ElecKind k);
/// True for transformers with catalog impedance (HV/MV transformer, unit substation).
[[nodiscard]] bool is_transformer(ElecKind k);

struct ElecNode {
  Id id = kNoId;
  ElecKind kind = ElecKind::Busway;
  std::string name;
  std::string type;        ///< catalog key (empty for GridFeed, which the site describes)
  Id building_id = kNoId;  ///< kNoId: campus level
  Id hall_id = kNoId;      ///< kNoId: not inside a hall
  double rating_w = 0;     ///< continuous output rating (VA for AC equipment)
  double voltage_v = 0;    ///< nominal output voltage (line-to-line AC, or DC)
  bool dc = false;         ///< output is DC
  std::string side;        ///< redundancy side label ("A", "B", "C", ...) or empty
  bool operator==(const ElecNode&) const = default;
};

/// A connection from an upstream node to a downstream node (cable, busbar, bus duct).
struct ElecEdge {
  Id id = kNoId;
  Id from = kNoId;  ///< upstream node
  Id to = kNoId;    ///< downstream node
  std::string name;
  double r_ohm = 0, x_ohm = 0;  ///< series impedance of the whole length
  double b_s = 0;               ///< total shunt susceptance
  double rating_w = 0;          ///< thermal rating at the edge's voltage (VA for AC)
  double length_m = 0;
  bool normally_open = false;  ///< standby path (generator, catcher): no load in normal operation
  bool operator==(const ElecEdge&) const = default;
};

enum class RedundancyScheme {
  N,                     ///< no redundancy (documented as such)
  NPlus1,                ///< N needed, one spare; survivors share
  TwoN,                  ///< two sides, each able to carry everything
  DistributedRedundant,  ///< e.g. 4N/3: load spread so that any one failure is carried by the rest
  BlockCatcher,          ///< N blocks and one catcher that takes over a failed block
};
[[nodiscard]] const char* to_string(RedundancyScheme s);
[[nodiscard]] std::optional<RedundancyScheme> redundancy_scheme_from_string(const std::string& s);
[[nodiscard]] const std::vector<RedundancyScheme>& all_redundancy_schemes();

struct RedundancyGroup {
  Id id = kNoId;
  std::string name;
  RedundancyScheme scheme = RedundancyScheme::N;
  std::vector<Id> members;  ///< electrical nodes or cooling units
  Id catcher = kNoId;       ///< BlockCatcher only: the catcher member (also in members)
  bool operator==(const RedundancyGroup&) const = default;
};

// ---------------------------------------------------------------------------------------------
// Cooling graph

enum class CoolKind {
  Crah,
  FanWall,
  Cdu,
  WaterLoop,
  Chiller,
  CoolingTower,
  DryCooler,
  Pump,
  StorageTank
};
[[nodiscard]] const char* to_string(CoolKind k);
[[nodiscard]] std::optional<CoolKind> cool_kind_from_string(const std::string& s);
[[nodiscard]] const std::vector<CoolKind>& all_cool_kinds();
/// True for kinds that reject heat to outdoor air (tower, dry cooler) or move it to another loop
/// (chiller).
[[nodiscard]] bool is_heat_rejection(CoolKind k);
/// True for kinds that draw electrical power (pumps, fans, compressors): all but water loops and
/// storage tanks. These take an electrical feed.
[[nodiscard]] bool is_powered(CoolKind k);

/// Cooling equipment. Heat flows rack -> (CDU | CRAH/fan wall) -> water loop -> (tower | dry cooler
/// | chiller -> condenser loop -> ...). A unit names the loop it sits on with loop_id; a chiller
/// also names the loop its condenser rejects into.
struct CoolingUnit {
  Id id = kNoId;
  CoolKind kind = CoolKind::Cdu;
  std::string name;
  std::string type;  ///< catalog key (empty for WaterLoop)
  Id building_id = kNoId;
  Id hall_id = kNoId;          ///< CRAH, fan wall, CDU: the hall they serve
  double x_m = 0, y_m = 0;     ///< position in the hall (CRAH, fan wall, CDU)
  double orientation_deg = 0;  ///< supply direction (CRAH, fan wall)
  double capacity_w = 0;       ///< heat it can move at design conditions
  double airflow_m3_s = 0;     ///< CRAH, fan wall
  double supply_temp_c = 0;    ///< air supply (CRAH), secondary supply (CDU), loop setpoint
  double approach_k = 0;       ///< CDU, tower (to wet-bulb), dry cooler (to dry-bulb)
  double flow_m3_s = 0;        ///< design water flow (CDU primary, loop, pump)
  Id loop_id = kNoId;          ///< the water loop this unit is on
  Id condenser_loop_id =
      kNoId;  ///< chillers: loop the condenser rejects into (kNoId: own air-cooled condenser)
  double volume_m3 =
      0;  ///< water held: a loop's piping, a storage tank (thermal mass for ride-through)
  /// Electrical feeds of its motors (is_cooling_feed nodes), as a rack's cords: the load is
  /// shared by the live feeds; kNoId for none (feed_b: single-fed).
  Id feed_a = kNoId;
  Id feed_b = kNoId;
  bool operator==(const CoolingUnit&) const = default;
};

// ---------------------------------------------------------------------------------------------

/// Outdoor design condition for steady cooling solves (e.g. ASHRAE climatic design data, 0.4 %
/// cooling dry-bulb with its coincident wet-bulb, or the evaporation design wet-bulb).
struct DesignWeather {
  std::optional<double> dry_bulb_c;  ///< empty: not set (solves then need it given explicitly)
  std::optional<double> wet_bulb_c;
  bool operator==(const DesignWeather&) const = default;
};

struct Site {
  std::string name;
  Location location;
  GridConnection grid;
  DesignWeather design_weather;
  std::vector<Building> buildings;
  std::vector<Hall> halls;
  std::vector<Row> rows;
  RackTable racks;
  std::vector<ElecNode> elec_nodes;
  std::vector<ElecEdge> elec_edges;
  std::vector<CoolingUnit> cooling;
  std::vector<RedundancyGroup> groups;

  bool operator==(const Site&) const = default;

  /// One more than the largest id in use.
  [[nodiscard]] Id next_id() const;
};

}  // namespace dctwin::model
