// The liquid chain and the heat rejection plant at steady state: rack heat to CDUs and air units,
// facility water loops, chillers (COP by lift between condenser and chilled water and by part
// load, waterside economizer), cooling towers (fans slowed to the speed that holds the setpoint at
// the hour's wet-bulb, evaporation from the air's heat and moisture balance, drift, blowdown),
// dry coolers (fans by the dry-bulb, adiabatic pre-cooling when the fans alone cannot), CDU and
// loop pumps by their system curves (equipment.h). Every number comes from the catalog.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/site/catalog.h"
#include "model/site/site.h"
#include "model/site/site_ref.h"
#include "model/thermal/equipment.h"

namespace dctwin::model::thermal {

struct Outdoor {
  double dry_bulb_c = 0;
  double wet_bulb_c = 0;
  double pressure_pa = 101325;
};

/// Where cooling power goes (W).
inline constexpr const char* kPowerCduPumps = "cdu_pumps";
inline constexpr const char* kPowerLoopPumps = "loop_pumps";
inline constexpr const char* kPowerAirFans = "air_fans";  ///< CRAHs and fan walls
inline constexpr const char* kPowerChillers = "chillers";
inline constexpr const char* kPowerTowerFans = "cooling_tower_fans";
inline constexpr const char* kPowerDryCoolerFans = "dry_cooler_fans";

struct UnitDuty {
  Id id = kNoId;
  double heat_w = 0;          ///< heat moved (chillers: evaporator side)
  double power_w = 0;         ///< electrical power drawn
  double water_l_per_h = 0;   ///< towers: evaporation + drift + blowdown
  double load_frac = 0;       ///< heat (or flow) over capacity
  double fan_speed_frac = 0;  ///< towers and dry coolers: fan speed over full speed
};

struct LoopState {
  Id id = kNoId;
  double heat_w = 0;  ///< heat carried to its rejection
  double flow_m3_s = 0;
  double supply_temp_c = 0;  ///< achieved supply
  double return_temp_c = 0;
  double setpoint_c = 0;
  bool economizer = false;  ///< chillers on this loop bypassed (free cooling)
  bool setpoint_met = true;
  double shortfall_k = 0;          ///< supply above the setpoint when not met
  bool adiabatic = false;          ///< dry coolers' pre-cooling pads are wet
  bool fans_at_min_speed = false;  ///< towers or dry coolers at their slowest, bypass open
  double max_fan_speed_frac = 0;   ///< the fastest tower or dry cooler fan on the loop
  double condenser_temp_c = 0;     ///< chilled loops with running chillers: condenser water
};

/// The condenser water a chiller sees is re-solved until it moves less than this (K).
inline constexpr double kCondenserTolK = 0.05;

struct ThermalViolation {
  Id entity = kNoId;
  std::string code;  ///< cool.setpoint_not_met, cool.overload, cool.coolant_hot
  std::string message;
};

struct PlantResult {
  double rack_heat_w = 0;  ///< heat the racks release (IT plus PSU losses)
  /// Other heat released into hall air and carried by the hall's air units (the electrical
  /// losses of busways and PDUs in a coupled solve): the part that reached an air unit.
  double room_heat_w = 0;
  double heat_in_w = 0;  ///< rack and room heat plus pump and fan work turned into heat
  double compressor_w = 0;
  double heat_rejected_w = 0;  ///< to outdoor air (towers, dry coolers, air-cooled chillers)
  double cooling_power_w = 0;
  std::map<std::string, double> power_w;  ///< by component (kPower*)
  double water_l_per_h = 0;
  double evaporation_l_per_h = 0, drift_l_per_h = 0, blowdown_l_per_h = 0;
  double energy_balance_error = 0;  ///< |rejected - (in + compressor)| / rejected
  std::vector<UnitDuty> units;      ///< in site.cooling order
  std::vector<LoopState> loops;
  std::vector<ThermalViolation> violations;
};

/// What solve_plant needs from a site and its catalog that depends on neither the weather nor
/// the rack heat, looked up once: each rack's cooling split and limits from its catalog type and
/// the design heat of every loop, on the site's compiled view (SiteRef: the cooling graph's
/// indexes, which units sit on each loop, which air units serve each hall). The scenario engine
/// solves one plant thousands of times; these lookups were two thirds of a gigawatt plant solve.
class PlantModel {
 public:
  /// On the site's compiled view, which must outlive the model.
  explicit PlantModel(const SiteRef& ref);
  /// Compiles (and keeps) a view of its own.
  PlantModel(const Site& site, const Catalog& catalog);

  /// Per rack (site.racks order), from its catalog type; zeros for a rack of unknown type.
  struct RackCooling {
    bool known = false;
    double liquid_fraction = 0;
    double airflow_m3_s_per_kw = 0;
    double coolant_max_supply_temp_c = 0;
    std::size_t cdu = SIZE_MAX;       ///< index in site.cooling, SIZE_MAX when none
    std::size_t air_unit = SIZE_MAX;  ///< index in site.cooling, SIZE_MAX when none
  };
  [[nodiscard]] const SiteRef& ref() const { return *ref_; }
  [[nodiscard]] const Site& site() const { return *ref_->site; }
  [[nodiscard]] const Catalog& catalog() const { return *ref_->catalog; }
  [[nodiscard]] const std::vector<RackCooling>& racks() const { return racks_; }
  [[nodiscard]] const std::unordered_map<Id, std::size_t>& index() const {
    return ref_->cooling_index;
  }
  /// Design heat of every cooling unit at design load (compute_design_loads), by unit id.
  [[nodiscard]] const std::unordered_map<Id, double>& design_heat_w() const {
    return design_heat_w_;
  }
  /// Rating of the tower or dry cooler at site.cooling index k (nullptr for other kinds, unknown
  /// types and ratings the model cannot meet, which rating_problems() explains).
  [[nodiscard]] const TowerRating* tower(std::size_t k) const;
  [[nodiscard]] const DryCoolerRating* dry_cooler(std::size_t k) const;
  [[nodiscard]] const std::vector<std::pair<std::size_t, std::string>>& rating_problems() const {
    return rating_problems_;
  }

 private:
  explicit PlantModel(std::shared_ptr<const SiteRef> own);
  void build(const SiteRef& ref);

  std::shared_ptr<const SiteRef> own_;  ///< the view compiled for it, when it has one
  const SiteRef* ref_ = nullptr;
  std::vector<RackCooling> racks_;
  std::unordered_map<Id, double> design_heat_w_;
  std::vector<std::optional<TowerRating>> towers_;
  std::vector<std::optional<DryCoolerRating>> dry_coolers_;
  std::vector<std::pair<std::size_t, std::string>> rating_problems_;
};

/// Heat released into a hall's air other than by racks, by hall id (W).
using RoomHeat = std::unordered_map<Id, double>;

/// rack_heat_w: heat released by each rack (site.racks order), e.g. the electrical solve's cord
/// power. Outdoor conditions set what towers and dry coolers can reach. room_heat_w: heat in
/// each hall's air besides the racks', shared by the hall's CRAHs and fan walls by capacity (a
/// hall without one reports it as cool.room_heat_unremoved and leaves it out).
[[nodiscard]] PlantResult solve_plant(const Site& site, const Catalog& catalog,
                                      const Outdoor& outdoor,
                                      const std::vector<double>& rack_heat_w,
                                      const RoomHeat& room_heat_w = {});
/// The same on a model built once (identical results).
[[nodiscard]] PlantResult solve_plant(const PlantModel& model, const Outdoor& outdoor,
                                      const std::vector<double>& rack_heat_w,
                                      const RoomHeat& room_heat_w = {});

/// Rack heat at a load fraction without an electrical solve: IT power over the PSU efficiency.
[[nodiscard]] std::vector<double> rack_heat_from_catalog(const Site& site, const Catalog& catalog,
                                                         double load_frac);

}  // namespace dctwin::model::thermal
