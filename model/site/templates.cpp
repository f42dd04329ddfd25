#include "model/site/templates.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <sstream>

#include "model/site/loads.h"
#include "model/site/physics.h"
#include "model/thermal/equipment.h"
#include "model/thermal/psychro.h"

namespace dctwin::model {

namespace {

// Equipment chosen by the templates (catalog keys: every number comes from the catalog).
struct Equipment {
  const char* mv_switchgear = "mv_swgr_34p5kv_3000a";
  const char* mv_cable = "mv_cable_34p5kv_1000a";
  const char* unit_substation = "uss_34p5kv_415v_3p5mva";
  const char* lv_switchboard = "lvsb_415v_6000a";
  const char* mechanical_board = "mcc_415v_4000a";
  const char* ups = "ups_3mw_415v";
  const char* ac_busway = "busway_415v_4000a";
  const char* sst = "sst_34p5kv_800vdc_4mw";
  const char* dc_busway = "busway_800vdc_5000a";
  const char* generator = "genset_diesel_3mw";
  const char* battery = "bess_megapack_2xl";
  const char* cdu = "cdu_2mw";
  const char* fan_wall = "fanwall_500kw";
  const char* chiller = "chiller_wc_centrifugal_3p5mw";
  const char* tower = "cooling_tower_cell_7mw";
  const char* dry_cooler = "dry_cooler_adiabatic_2mw";
  const char* pump = "pump_facility_0p5m3s";
};

// Layout and cable lengths of the procedural templates. These are layout choices of the
// templates (user-visible in the generated site), not equipment data.
struct Layout {
  double hall_margin_m = 3.0;  // service zone around the rack field (fan walls, CDUs)
  double aisle_m = 1.2;        // two 0.6 m tiles between row fronts and between row backs
  double hall_height_m = 6.0;
  double hall_gap_m = 6.0;       // between halls and around them inside a building
  double building_gap_m = 40.0;  // between buildings on the campus
  double mv_cable_m = 400.0;     // MV lineup to hall feeder
  double feeder_m = 60.0;        // feeder to unit substation or SST
  double lv_link_m = 10.0;       // substation to switchboard to UPS
  double lv_run_m = 30.0;        // UPS to busway start
  // Water held by a loop's piping: the rule of thumb of 3 to 10 US gallons per ton of cooling
  // (3.2 to 10.8 l/kW) for stable control; the middle of it.
  double loop_volume_l_per_kw = 6.0;
  double chw_storage_s = 300.0;  // chilled-water tank: five minutes of the air load
};

class Builder {
 public:
  Builder(const Catalog& cat, double headroom) : cat_(cat), headroom_(headroom) {}
  Site site;
  Equipment eq;
  Layout lay;

  Id id() { return next_++; }
  double headroom() const { return headroom_; }
  const CatalogItem& item(const std::string& key) const {
    const CatalogItem* it = cat_.find(key);
    if (!it)
      throw TemplateError("the templates need catalog item '" + key +
                          "', which this catalog lacks: use the built-in catalog or add it");
    return *it;
  }
  double p(const std::string& key, const std::string& param) const { return item(key).get(param); }

  // Apparent-power rating of an AC item from whichever rating field its kind carries.
  double rating_of(const std::string& key) const {
    const CatalogItem& it = item(key);
    if (it.has("rating_va")) return it.get("rating_va");
    if (it.has("rating_w")) return it.get("rating_w");
    if (it.has("rating_a")) return physics::three_phase_va(it.get("voltage_v"), it.get("rating_a"));
    if (it.has("ampacity_a"))
      return physics::three_phase_va(it.get("voltage_v"), it.get("ampacity_a"));
    if (it.has("power_w")) return it.get("power_w");
    throw TemplateError("catalog item '" + key + "' has no rating");
  }
  // DC busways: rating = voltage * current.
  double dc_rating_of(const std::string& key) const {
    return p(key, "voltage_v") * p(key, "rating_a");
  }

  Id node(ElecKind kind, const std::string& type, const std::string& name, Id building, Id hall,
          double rating_w, double voltage_v, bool dc, const std::string& side) {
    ElecNode n;
    n.id = id();
    n.kind = kind;
    n.type = type;
    n.name = name;
    n.building_id = building;
    n.hall_id = hall;
    n.rating_w = rating_w;
    n.voltage_v = voltage_v;
    n.dc = dc;
    n.side = side;
    site.elec_nodes.push_back(n);
    rating_[n.id] = rating_w;
    return n.id;
  }

  // A connection sized for the downstream node, with impedance from a conductor catalog item.
  Id edge(Id from, Id to, const std::string& conductor, double length_m,
          bool normally_open = false) {
    ElecEdge e;
    e.id = id();
    e.from = from;
    e.to = to;
    e.length_m = length_m;
    e.r_ohm = p(conductor, "r_ohm_per_km") * length_m / 1000.0;
    e.x_ohm = p(conductor, "x_ohm_per_km") * length_m / 1000.0;
    const CatalogItem& c = item(conductor);
    e.b_s = c.has("b_us_per_km") ? c.get("b_us_per_km") * 1e-6 * length_m / 1000.0 : 0.0;
    e.rating_w = rating_[to];
    e.normally_open = normally_open;
    site.elec_edges.push_back(e);
    return e.id;
  }

  void group(const std::string& name, RedundancyScheme scheme, std::vector<Id> members,
             Id catcher = kNoId) {
    RedundancyGroup g;
    g.id = id();
    g.name = name;
    g.scheme = scheme;
    g.members = std::move(members);
    g.catcher = catcher;
    site.groups.push_back(std::move(g));
  }

  Id cooling(CoolKind kind, const std::string& type, const std::string& name, Id building, Id hall,
             Id loop) {
    CoolingUnit c;
    c.id = id();
    c.kind = kind;
    c.type = type;
    c.name = name;
    c.building_id = building;
    c.hall_id = hall;
    c.loop_id = loop;
    if (!type.empty()) {
      const CatalogItem& it = item(type);
      if (it.has("capacity_w")) c.capacity_w = it.get("capacity_w");
      if (it.has("airflow_m3_s")) c.airflow_m3_s = it.get("airflow_m3_s");
      if (it.has("supply_temp_c")) c.supply_temp_c = it.get("supply_temp_c");
      if (it.has("approach_k")) c.approach_k = it.get("approach_k");
      if (it.has("flow_m3_s")) c.flow_m3_s = it.get("flow_m3_s");
    }
    site.cooling.push_back(c);
    return c.id;
  }
  CoolingUnit& unit(Id id) {
    for (auto& c : site.cooling)
      if (c.id == id) return c;
    throw std::logic_error("no cooling unit " + std::to_string(id));
  }

 private:
  const Catalog& cat_;
  double headroom_;
  Id next_ = 1;
  std::unordered_map<Id, double> rating_;
};

std::string num(const char* prefix, std::size_t k, int width = 2) {
  std::ostringstream s;
  s << prefix;
  s.width(width);
  s.fill('0');
  s << k + 1;
  return s.str();
}

int units_for(double load, double unit_capacity, double headroom) {
  return std::max(1, static_cast<int>(std::ceil(load * headroom / unit_capacity - 1e-9)));
}

// Splits items (with weights) into consecutive groups whose weight stays within capacity.
std::vector<std::vector<std::size_t>> pack(const std::vector<double>& weights, double capacity) {
  std::vector<std::vector<std::size_t>> bins;
  double used = capacity + 1;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (used + weights[i] > capacity * (1 + 1e-12) || bins.empty()) {
      bins.emplace_back();
      used = 0;
    }
    bins.back().push_back(i);
    used += weights[i];
  }
  return bins;
}

// One side of a building's MV: lineups (switchgear) each fed by an HV/MV transformer, or
// directly from the grid feed when the point of interconnection is at MV.
struct MvSide {
  std::string label;
  std::vector<Id> lineups;
  std::vector<Id> transformers;
};

struct HallSpec {
  std::string rack_type;
  int rows = 0;
  int racks_per_row = 0;
  bool dc = false;  // 800 V DC, block-redundant SSTs with a catcher; else 2N AC
  int blocks_per_catcher = 4;
  Containment containment = Containment::HotAisle;
};

struct BuildingCooling {
  Id fws_loop = kNoId;  // facility water: CDUs (and chiller condensers)
  Id chw_loop = kNoId;  // chilled water: fan walls (air share); kNoId when all liquid
};

struct HallResult {
  Id id = kNoId;
  double it_w = 0, liquid_w = 0, air_w = 0;
  double width_m = 0, depth_m = 0;
};

class SiteMaker {
 public:
  SiteMaker(const Catalog& cat, double headroom) : b_(cat, headroom) {}
  Builder b_;

  Id grid_feed = kNoId;

  void set_site(const std::string& name, Location loc, GridConnection grid) {
    b_.site.name = name;
    b_.site.location = loc;
    b_.site.grid = grid;
    grid_feed = b_.node(ElecKind::GridFeed, "", "Grid POI", kNoId, kNoId, 0.0, grid.poi_voltage_v,
                        false, "");
  }

  // Picks the largest HV/MV transformer whose primary matches the point of interconnection.
  std::string hv_transformer_for(double poi_v) const {
    std::string best;
    double best_rating = 0;
    for (const CatalogItem* it : catalog().of_kind(ItemKind::HvMvTransformer)) {
      if (std::abs(it->get("primary_voltage_v") - poi_v) > 1.0) continue;
      if (it->get("rating_va") > best_rating) {
        best = it->key;
        best_rating = it->get("rating_va");
      }
    }
    if (best.empty()) {
      std::ostringstream s;
      s << "no HV/MV transformer in the catalog has a primary of " << poi_v / 1e3
        << " kV: choose a point-of-interconnection voltage that one has (e.g. 138 or 345 kV) "
           "or add such a transformer to the catalog";
      throw TemplateError(s.str());
    }
    return best;
  }
  const Catalog& catalog() const { return catalog_ref(); }

  // Building MV: 2N sides A and B. Whole halls hang on one lineup per side, so a lineup takes
  // as many halls as fit its rating with the sizing margin (which also covers the chain's losses).
  std::pair<MvSide, MvSide> make_mv(Id building, const std::string& bname, double hall_load_w,
                                    int halls) {
    const int per = static_cast<int>(std::floor(lineup_rating() / (hall_load_w * b_.headroom())));
    if (per < 1)
      throw TemplateError("one hall needs more than one MV lineup (" +
                          std::to_string(hall_load_w / 1e6) +
                          " MW): use fewer racks per hall or a larger switchgear in the catalog");
    halls_per_lineup_ = per;
    return make_lineups(building, bname, "-MV", " MV lineups ", " HV/MV transformers ",
                        (halls + per - 1) / per);
  }

  // Rating of one MV lineup with its HV/MV transformer (when the POI is above the campus MV).
  double lineup_rating() const {
    const auto& eq = b_.eq;
    const double mv_v = b_.p(eq.mv_switchgear, "voltage_v");
    double r = b_.rating_of(eq.mv_switchgear);
    if (std::abs(b_.site.grid.poi_voltage_v - mv_v) > 1.0)
      r = std::min(r, b_.rating_of(hv_transformer_for(b_.site.grid.poi_voltage_v)));
    return r;
  }

  // m 2N pairs of MV lineups (switchgear, each behind its own HV/MV transformer when the POI is
  // above the campus MV), named bname + side + tag + number.
  std::pair<MvSide, MvSide> make_lineups(Id building, const std::string& bname, const char* tag,
                                         const char* group_tag, const char* xfmr_group_tag, int m) {
    const auto& eq = b_.eq;
    const double mv_v = b_.p(eq.mv_switchgear, "voltage_v");
    const bool step_down = std::abs(b_.site.grid.poi_voltage_v - mv_v) > 1.0;
    const std::string xfmr = step_down ? hv_transformer_for(b_.site.grid.poi_voltage_v) : "";
    MvSide a{"A", {}, {}}, bside{"B", {}, {}};
    for (MvSide* side : {&a, &bside}) {
      for (int j = 0; j < m; ++j) {
        const std::string name = bname + "-" + side->label + num(tag, std::size_t(j));
        const Id sw = b_.node(ElecKind::MvSwitchgear, eq.mv_switchgear, name, building, kNoId,
                              b_.rating_of(eq.mv_switchgear), mv_v, false, side->label);
        if (step_down) {
          const Id t = b_.node(ElecKind::HvMvTransformer, xfmr, name + "-TX", building, kNoId,
                               b_.rating_of(xfmr), mv_v, false, side->label);
          b_.edge(grid_feed, t, eq.mv_cable, 0.0 + b_.lay.feeder_m);
          b_.edge(t, sw, eq.mv_cable, b_.lay.lv_link_m);
          side->transformers.push_back(t);
        } else {
          b_.edge(grid_feed, sw, eq.mv_cable, b_.lay.mv_cable_m);
        }
        side->lineups.push_back(sw);
      }
    }
    for (int j = 0; j < m; ++j) {
      b_.group(bname + num(group_tag, std::size_t(j)), RedundancyScheme::TwoN,
               {a.lineups[std::size_t(j)], bside.lineups[std::size_t(j)]});
      if (step_down)
        b_.group(bname + num(xfmr_group_tag, std::size_t(j)), RedundancyScheme::TwoN,
                 {a.transformers[std::size_t(j)], bside.transformers[std::size_t(j)]});
    }
    return {a, bside};
  }

  // Apparent power a cooling unit draws at its rating (the catalog's power factor; 1 without).
  double unit_va(const CoolingUnit& u) const {
    const double w = cooling_rated_power_w(u, catalog()).value_or(0.0);
    const CatalogItem& it = b_.item(u.type);
    return it.has("power_factor") ? w / it.get("power_factor") : w;
  }

  // The MV lineups of one kind of a building (IT or mechanical) and the design load of each
  // 2N pair (what the standby sources of the pair must carry when the utility is lost).
  struct Lineups {
    std::pair<MvSide, MvSide> mv;
    std::vector<double> pair_load_w;
  };

  // The building's mechanical power chain, sized like the IT chain (every rating at least the
  // load it carries times the headroom) and 2N like it: its own MV lineups A and B; per block a
  // unit substation and a mechanical board on each side, every cooling unit fed from both
  // sides' boards. The halls' CDUs and fan walls and the plant's water pumps sit behind a UPS on
  // each side (a common design for liquid cooling: the pumps and fans ride through a utility
  // loss with the racks, so the coolant keeps moving); the chillers, towers and dry coolers do
  // not, and restart once standby generation carries their boards.
  Lineups make_mechanical(Id building, const std::string& bname) {
    const auto& eq = b_.eq;
    struct Block {
      Id hall = kNoId;
      bool ups = false;
      std::string tag;
      std::vector<std::size_t> units;  // indices into site.cooling
      double va = 0;
    };
    const double board =
        std::min(b_.rating_of(eq.mechanical_board), b_.rating_of(eq.unit_substation));
    const double ups_cap = std::min(board, b_.p(eq.ups, "rating_w")) / b_.headroom();
    std::vector<Block> blocks;
    auto pack_units = [&](const std::vector<std::size_t>& units, Id hall, bool ups,
                          const std::string& tag) {
      std::vector<double> w;
      for (std::size_t k : units) w.push_back(unit_va(b_.site.cooling[k]));
      const auto bins = pack(w, ups ? ups_cap : board / b_.headroom());
      for (std::size_t j = 0; j < bins.size(); ++j) {
        Block bl{hall, ups, tag + num("-M", j), {}, 0.0};
        for (std::size_t i : bins[j]) {
          bl.units.push_back(units[i]);
          bl.va += w[i];
        }
        blocks.push_back(std::move(bl));
      }
    };
    std::vector<std::size_t> plant, pumps;
    std::map<Id, std::vector<std::size_t>> halls;
    for (std::size_t k = 0; k < b_.site.cooling.size(); ++k) {
      const CoolingUnit& u = b_.site.cooling[k];
      if (u.building_id != building || !is_powered(u.kind) || unit_va(u) <= 0) continue;
      (u.hall_id != kNoId         ? halls[u.hall_id]
       : u.kind == CoolKind::Pump ? pumps
                                  : plant)
          .push_back(k);
    }
    for (const auto& [hall, units] : halls) {
      std::string hname;
      for (const auto& h : b_.site.halls)
        if (h.id == hall) hname = h.name;
      pack_units(units, hall, true, hname);
    }
    pack_units(pumps, kNoId, true, bname + "-PUMPS");
    pack_units(plant, kNoId, false, bname + "-PLANT");
    std::vector<double> block_va;
    for (const auto& bl : blocks) block_va.push_back(bl.va);
    const auto per_lineup = pack(block_va, lineup_rating() / b_.headroom());
    Lineups out;
    if (blocks.empty()) return out;
    out.mv = make_lineups(building, bname, "-MECH-MV", " mechanical MV lineups ",
                          " mechanical HV/MV transformers ", int(per_lineup.size()));
    const auto& mv = out.mv;
    for (std::size_t j = 0; j < per_lineup.size(); ++j) {
      double pair_va = 0;
      for (std::size_t bi : per_lineup[j]) pair_va += blocks[bi].va;
      out.pair_load_w.push_back(pair_va);
      for (std::size_t bi : per_lineup[j]) {
        const Block& bl = blocks[bi];
        Id boards[2]{}, uss[2]{}, upss[2]{};
        for (int s = 0; s < 2; ++s) {
          const MvSide& side = s == 0 ? mv.first : mv.second;
          const std::string tag = bl.tag + "-" + side.label;
          uss[s] = b_.node(ElecKind::UnitSubstation, eq.unit_substation, tag + "-USS", building,
                           bl.hall, b_.rating_of(eq.unit_substation),
                           b_.p(eq.unit_substation, "secondary_voltage_v"), false, side.label);
          b_.edge(side.lineups[j], uss[s], eq.mv_cable, b_.lay.mv_cable_m);
          Id up = uss[s];
          if (bl.ups) {
            upss[s] =
                b_.node(ElecKind::Ups, eq.ups, tag + "-UPS", building, bl.hall,
                        b_.p(eq.ups, "rating_w"), b_.p(eq.ups, "voltage_v"), false, side.label);
            b_.edge(uss[s], upss[s], eq.ac_busway, b_.lay.lv_link_m);
            up = upss[s];
          }
          boards[s] = b_.node(ElecKind::MechanicalBoard, eq.mechanical_board, tag + "-MB", building,
                              bl.hall, b_.rating_of(eq.mechanical_board),
                              b_.p(eq.mechanical_board, "voltage_v"), false, side.label);
          b_.edge(up, boards[s], eq.ac_busway, b_.lay.lv_link_m);
        }
        for (std::size_t k : bl.units) {
          b_.site.cooling[k].feed_a = boards[0];
          b_.site.cooling[k].feed_b = boards[1];
        }
        b_.group(bl.tag + " mechanical substations", RedundancyScheme::TwoN, {uss[0], uss[1]});
        if (bl.ups)
          b_.group(bl.tag + " mechanical UPS", RedundancyScheme::TwoN, {upss[0], upss[1]});
        b_.group(bl.tag + " mechanical boards", RedundancyScheme::TwoN, {boards[0], boards[1]});
      }
    }
    return out;
  }

  // Standby sources of a building's lineups, per 2N pair of lineups and sized for the pair's
  // design load: generators N+1 by count (their derated output, started on utility loss), and
  // with `storage` battery units (their power) that carry the pair at once until the generators
  // have started, for loads behind no UPS (the 800 V DC halls: NVIDIA's 800 V DC design pairs
  // the SSTs with site energy storage for ride-through). Both alternate between sides A and B on
  // normally-open connections: the utility-outage scenario closes them.
  void make_standby(Id building, const std::string& tag, const Lineups& l, bool storage) {
    const auto& eq = b_.eq;
    const double usable =
        b_.p(eq.generator, "rating_w") * (1.0 - b_.p(eq.generator, "derate_frac"));
    for (std::size_t j = 0; j < l.pair_load_w.size(); ++j) {
      const auto attach = [&](Id n, int k) {
        const MvSide& side = (k % 2 == 0) ? l.mv.first : l.mv.second;
        b_.edge(n, side.lineups[j], eq.mv_cable, b_.lay.feeder_m, /*normally_open=*/true);
      };
      const std::string pair = tag + num("-", j);
      const int n = units_for(l.pair_load_w[j], usable, b_.headroom()) + 1;
      for (int k = 0; k < n; ++k) {
        attach(b_.node(ElecKind::Generator, eq.generator, pair + num("-GEN", std::size_t(k)),
                       building, kNoId, b_.p(eq.generator, "rating_w"),
                       b_.p(eq.generator, "voltage_v"), false, k % 2 == 0 ? "A" : "B"),
               k);
      }
      if (!storage) continue;
      const double power = b_.p(eq.battery, "power_w");
      const int nb = units_for(l.pair_load_w[j], power, b_.headroom());
      for (int k = 0; k < nb; ++k)
        attach(b_.node(ElecKind::Battery, eq.battery, pair + num("-BESS", std::size_t(k)), building,
                       kNoId, power, b_.p(eq.battery, "voltage_v"), false, k % 2 == 0 ? "A" : "B"),
               k);
    }
  }

  BuildingCooling make_building_cooling(Id building, const std::string& bname, bool with_chw,
                                        double fws_supply_c) {
    BuildingCooling c;
    c.fws_loop =
        b_.cooling(CoolKind::WaterLoop, "", bname + " facility water", building, kNoId, kNoId);
    b_.unit(c.fws_loop).supply_temp_c = fws_supply_c;
    if (with_chw) {
      c.chw_loop =
          b_.cooling(CoolKind::WaterLoop, "", bname + " chilled water", building, kNoId, kNoId);
      // Chilled water for the fan walls' coils: their supply air less the coil's approach.
      b_.unit(c.chw_loop).supply_temp_c =
          b_.p(b_.eq.fan_wall, "supply_temp_c") - b_.p(b_.eq.fan_wall, "coil_approach_k");
    }
    return c;
  }

  // Sizes heat rejection and pumps of a building once its halls have loaded the loops.
  void finish_building_cooling(Id building, const std::string& bname, const BuildingCooling& c,
                               double liquid_w, double air_w, bool dry) {
    const auto& eq = b_.eq;
    double fws_heat = liquid_w;
    if (c.chw_loop != kNoId && air_w > 0) {
      const int n = units_for(air_w, b_.p(eq.chiller, "capacity_w"), b_.headroom()) + 1;
      std::vector<Id> chillers;
      for (int k = 0; k < n; ++k) {
        const Id ch = b_.cooling(CoolKind::Chiller, eq.chiller, bname + num("-CH", std::size_t(k)),
                                 building, kNoId, c.chw_loop);
        b_.unit(ch).condenser_loop_id = c.fws_loop;
        chillers.push_back(ch);
      }
      b_.group(bname + " chillers", RedundancyScheme::NPlus1, chillers);
      fws_heat += air_w * (1.0 + 1.0 / b_.p(eq.chiller, "cop_rated"));
      const double dt = b_.p(eq.chiller, "design_delta_t_k");
      pumps(building, bname + "-CHW", c.chw_loop, air_w, dt);
      const Id tank =
          b_.cooling(CoolKind::StorageTank, "", bname + "-CHW-TANK", building, kNoId, c.chw_loop);
      b_.unit(tank).volume_m3 = physics::water_flow_m3_s(air_w, dt) * b_.lay.chw_storage_s;
    }
    const char* rejecter = dry ? eq.dry_cooler : eq.tower;
    const CoolKind kind = dry ? CoolKind::DryCooler : CoolKind::CoolingTower;
    // As many as hold the facility water's setpoint at the design weather, plus one.
    const double cap = rejecter_capacity_w(rejecter, dry, b_.unit(c.fws_loop).supply_temp_c,
                                           b_.p(eq.cdu, "design_delta_t_k"));
    const int n = units_for(fws_heat, cap, b_.headroom()) + 1;
    std::vector<Id> units;
    for (int k = 0; k < n; ++k) {
      units.push_back(b_.cooling(kind, rejecter,
                                 bname + num(dry ? "-DC" : "-CT", std::size_t(k), 3), building,
                                 kNoId, c.fws_loop));
      b_.unit(units.back()).capacity_w = cap;
    }
    b_.group(bname + (dry ? " dry coolers" : " cooling towers"), RedundancyScheme::NPlus1, units);
    pumps(building, bname + "-FWS", c.fws_loop, fws_heat, b_.p(eq.cdu, "design_delta_t_k"));
  }

  // Capacity of one tower or dry cooler of a type at the design weather, fans at full speed
  // (pads wet), cooling water from supply_c + delta_t_k to supply_c: the rating's capacity holds
  // only at its own rating point, so a unit on the site carries this one.
  double rejecter_capacity_w(const char* key, bool dry, double supply_c, double delta_t_k) {
    const DesignWeather& w = b_.site.design_weather;
    if (!w.dry_bulb_c || !w.wet_bulb_c)
      throw TemplateError("the template needs a design dry-bulb and wet-bulb to size its plant");
    const double p = thermal::pressure_at_elevation_pa(b_.site.location.elevation_m);
    const CatalogItem& item = b_.item(key);
    double cap = 0;
    try {
      cap = dry ? thermal::dry_cooler_capacity_w(thermal::DryCoolerRating::from(item), supply_c,
                                                 delta_t_k, *w.dry_bulb_c, *w.wet_bulb_c, p)
                : thermal::tower_capacity_w(thermal::TowerRating::from(item), supply_c, delta_t_k,
                                            *w.dry_bulb_c, *w.wet_bulb_c, p);
    } catch (const std::invalid_argument& e) {
      throw TemplateError(e.what());
    }
    if (!(cap > 0))
      throw TemplateError("catalog item '" + std::string(key) + "' cannot make " +
                          std::to_string(supply_c) + " C water at the design weather");
    return cap;
  }

  void pumps(Id building, const std::string& tag, Id loop, double heat_w, double delta_t_k) {
    const auto& eq = b_.eq;
    const double flow = physics::water_flow_m3_s(heat_w, delta_t_k);
    b_.unit(loop).flow_m3_s = flow * b_.headroom();
    b_.unit(loop).volume_m3 = heat_w / 1000.0 * b_.lay.loop_volume_l_per_kw / 1000.0;
    const int n = units_for(flow, b_.p(eq.pump, "flow_m3_s"), b_.headroom()) + 1;
    std::vector<Id> ids;
    for (int k = 0; k < n; ++k)
      ids.push_back(b_.cooling(CoolKind::Pump, eq.pump, tag + num("-P", std::size_t(k)), building,
                               kNoId, loop));
    b_.group(tag + " pumps", RedundancyScheme::NPlus1, ids);
  }

  HallResult make_hall(Id building, const std::string& bname, int hall_no, double y_m,
                       const HallSpec& spec, const std::pair<MvSide, MvSide>& mv,
                       std::size_t lineup, const BuildingCooling& cool) {
    const auto& eq = b_.eq;
    const auto& lay = b_.lay;
    const CatalogItem& rt = b_.item(spec.rack_type);
    if (rt.kind != ItemKind::Rack)
      throw TemplateError("catalog item '" + spec.rack_type + "' is not a rack type");
    const RackSpec rs = rack_spec(rt);
    if (rs.dc_input != spec.dc)
      throw TemplateError("rack type '" + spec.rack_type + "' takes " +
                          (rs.dc_input ? "DC" : "AC") + " but this hall's chain is " +
                          (spec.dc ? "800 V DC" : "AC"));
    const std::string hname = bname + "-H" + std::to_string(hall_no);

    HallResult res;
    res.width_m = 2 * lay.hall_margin_m + spec.racks_per_row * rs.width_m;
    res.depth_m = 2 * lay.hall_margin_m + spec.rows * rs.depth_m + (spec.rows - 1) * lay.aisle_m;
    Hall h;
    h.id = b_.id();
    h.building_id = building;
    h.name = hname;
    h.x_m = lay.hall_gap_m;
    h.y_m = y_m;
    h.width_m = res.width_m;
    h.depth_m = res.depth_m;
    h.height_m = lay.hall_height_m;
    h.containment = spec.containment;
    h.tile_m = 0.6;
    b_.site.halls.push_back(h);
    res.id = h.id;

    // Rows face each other in pairs across cold aisles (0 deg = fronts face +y).
    std::vector<std::size_t> rack_index;  // site rack indices of this hall, row-major
    std::vector<std::size_t> row_start;
    for (int r = 0; r < spec.rows; ++r) {
      Row row;
      row.id = b_.id();
      row.hall_id = h.id;
      row.name = hname + num("-R", std::size_t(r));
      row.x_m = lay.hall_margin_m;
      const double yc = lay.hall_margin_m + rs.depth_m / 2 + r * (rs.depth_m + lay.aisle_m);
      row.y_m = yc;
      row.orientation_deg = (r % 2 == 0) ? 0.0 : 180.0;
      b_.site.rows.push_back(row);
      row_start.push_back(rack_index.size());
      for (int k = 0; k < spec.racks_per_row; ++k) {
        Rack rack;
        rack.id = b_.id();
        rack.row_id = row.id;
        rack.name = row.name + num("-K", std::size_t(k));
        rack.type = spec.rack_type;
        rack.x_m = lay.hall_margin_m + (k + 0.5) * rs.width_m;
        rack.y_m = yc;
        rack.orientation_deg = row.orientation_deg;
        rack_index.push_back(b_.site.racks.size());
        b_.site.racks.push_back(rack);
      }
    }
    row_start.push_back(rack_index.size());
    const double rack_w = rs.nameplate_w;
    res.it_w = rack_w * double(rack_index.size());
    res.liquid_w = res.it_w * rs.liquid_fraction;
    res.air_w = res.it_w - res.liquid_w;

    // MV feeders per side from the building lineup, 2N pairs.
    const double feeder_rating = b_.rating_of(eq.mv_cable);
    const int nf = units_for(res.it_w, feeder_rating, b_.headroom());
    std::vector<Id> feeders_a, feeders_b;
    for (const MvSide* side : {&mv.first, &mv.second}) {
      auto& out = side == &mv.first ? feeders_a : feeders_b;
      const Id sw = side->lineups[lineup % side->lineups.size()];
      for (int f = 0; f < nf; ++f) {
        const Id fd = b_.node(ElecKind::MvFeeder, eq.mv_cable,
                              hname + "-" + side->label + num("-F", std::size_t(f)), building, h.id,
                              feeder_rating, b_.p(eq.mv_cable, "voltage_v"), false, side->label);
        b_.edge(sw, fd, eq.mv_cable, lay.mv_cable_m);
        out.push_back(fd);
      }
    }
    for (int f = 0; f < nf; ++f)
      b_.group(hname + num(" feeders ", std::size_t(f)), RedundancyScheme::TwoN,
               {feeders_a[std::size_t(f)], feeders_b[std::size_t(f)]});

    // Busway segments per row: each segment must carry its racks' full power (a 2N side after
    // the other side fails, or the single cord of a DC rack) within the continuous limit.
    const char* busway = spec.dc ? eq.dc_busway : eq.ac_busway;
    const double bw_rating = spec.dc ? b_.dc_rating_of(busway) : b_.rating_of(busway);
    const double bw_usable = bw_rating * b_.p(busway, "max_continuous_frac");
    struct Segment {
      std::vector<std::size_t> racks;  // site rack indices
      double load_w = 0;
    };
    std::vector<Segment> segments;
    for (int r = 0; r < spec.rows; ++r) {
      const std::size_t n = row_start[std::size_t(r) + 1] - row_start[std::size_t(r)];
      const int nseg = units_for(double(n) * rack_w, bw_usable, b_.headroom());
      for (int s = 0; s < nseg; ++s) {
        Segment seg;
        const std::size_t lo = n * std::size_t(s) / std::size_t(nseg);
        const std::size_t hi = n * std::size_t(s + 1) / std::size_t(nseg);
        for (std::size_t k = lo; k < hi; ++k)
          seg.racks.push_back(rack_index[row_start[std::size_t(r)] + k]);
        seg.load_w = double(seg.racks.size()) * rack_w;
        segments.push_back(std::move(seg));
      }
    }
    std::vector<double> seg_load;
    for (const auto& s : segments) seg_load.push_back(s.load_w);

    auto& R = b_.site.racks;
    if (!spec.dc) {
      // 2N AC: per side, unit substation -> LV switchboard -> UPS -> busways; blocks mirrored.
      // Each UPS block takes consecutive racks up to the UPS rating over the margin, cut into
      // busway segments at row ends and busway limits, so that every UPS carries close to its
      // design share (whole segments packed into UPS left most of them half loaded).
      const double ups_cap = b_.p(eq.ups, "rating_w") / b_.headroom();
      const double seg_cap = bw_usable / b_.headroom();
      if (rack_w > std::min(ups_cap, seg_cap))
        throw TemplateError("one rack of type '" + spec.rack_type +
                            "' needs more than one UPS or busway: choose larger ones");
      segments.clear();
      std::vector<std::vector<std::size_t>> blocks;
      std::vector<std::size_t> block;
      double block_load = 0;
      Segment seg;
      const auto close_segment = [&] {
        if (seg.racks.empty()) return;
        block.push_back(segments.size());
        segments.push_back(std::move(seg));
        seg = {};
      };
      const auto close_block = [&] {
        close_segment();
        if (!block.empty()) blocks.push_back(std::move(block));
        block = {};
        block_load = 0;
      };
      // As few blocks as the UPS rating allows, with the racks spread evenly over them.
      const std::size_t n_racks = rack_index.size();
      const std::size_t n_blocks = std::size_t(units_for(double(n_racks) * rack_w, ups_cap, 1.0));
      const std::size_t per_block = (n_racks + n_blocks - 1) / n_blocks;
      std::size_t in_block = 0;
      for (int r = 0; r < spec.rows; ++r) {
        for (std::size_t k = row_start[std::size_t(r)]; k < row_start[std::size_t(r) + 1]; ++k) {
          if (in_block == per_block || block_load + rack_w > ups_cap * (1 + 1e-9)) {
            close_block();
            in_block = 0;
          }
          ++in_block;
          if (seg.load_w + rack_w > seg_cap * (1 + 1e-9)) close_segment();
          seg.racks.push_back(rack_index[k]);
          seg.load_w += rack_w;
          block_load += rack_w;
        }
        close_segment();
      }
      close_block();
      for (std::size_t k = 0; k < blocks.size(); ++k) {
        Id ups_side[2]{}, uss_side[2]{}, sb_side[2]{};
        std::vector<Id> bws[2];
        for (int s = 0; s < 2; ++s) {
          const std::string sl = s == 0 ? "A" : "B";
          const auto& feeders = s == 0 ? feeders_a : feeders_b;
          const std::string tag = hname + "-" + sl + num("-", k);
          const Id uss = b_.node(ElecKind::UnitSubstation, eq.unit_substation, tag + "-USS",
                                 building, h.id, b_.rating_of(eq.unit_substation),
                                 b_.p(eq.unit_substation, "secondary_voltage_v"), false, sl);
          b_.edge(feeders[k * feeders.size() / blocks.size()], uss, eq.mv_cable, lay.feeder_m);
          const Id sb = b_.node(ElecKind::LvSwitchboard, eq.lv_switchboard, tag + "-SB", building,
                                h.id, b_.rating_of(eq.lv_switchboard),
                                b_.p(eq.lv_switchboard, "voltage_v"), false, sl);
          b_.edge(uss, sb, eq.ac_busway, lay.lv_link_m);
          const Id ups = b_.node(ElecKind::Ups, eq.ups, tag + "-UPS", building, h.id,
                                 b_.p(eq.ups, "rating_w"), b_.p(eq.ups, "voltage_v"), false, sl);
          b_.edge(sb, ups, eq.ac_busway, lay.lv_link_m);
          for (std::size_t si : blocks[k]) {
            const Id bw = b_.node(ElecKind::Busway, busway, tag + num("-BW", si, 3), building, h.id,
                                  bw_rating, b_.p(busway, "voltage_v"), false, sl);
            b_.edge(ups, bw, busway, lay.lv_run_m);
            bws[s].push_back(bw);
            for (std::size_t ri : segments[si].racks) (s == 0 ? R.feed_a : R.feed_b)[ri] = bw;
          }
          uss_side[s] = uss;
          sb_side[s] = sb;
          ups_side[s] = ups;
        }
        const std::string gname = hname + num(" block ", k);
        b_.group(gname + " substations", RedundancyScheme::TwoN, {uss_side[0], uss_side[1]});
        b_.group(gname + " switchboards", RedundancyScheme::TwoN, {sb_side[0], sb_side[1]});
        b_.group(gname + " UPS", RedundancyScheme::TwoN, {ups_side[0], ups_side[1]});
        for (std::size_t j = 0; j < bws[0].size(); ++j)
          b_.group(gname + num(" busways ", j), RedundancyScheme::TwoN, {bws[0][j], bws[1][j]});
      }
    } else {
      // 800 V DC: SSTs fed from both MV sides; blocks of busways with a catcher SST per group.
      const double sst_rating = b_.p(eq.sst, "rating_w");
      const auto blocks = pack(seg_load, sst_rating / b_.headroom());
      const double out_v = b_.p(eq.sst, "output_voltage_v");
      std::vector<Id> segment_busway(segments.size(), kNoId);
      std::vector<Id> block_sst;
      auto make_sst = [&](const std::string& name, std::size_t k) {
        const Id sst = b_.node(ElecKind::SolidStateTransformer, eq.sst, name, building, h.id,
                               sst_rating, out_v, true, "");
        b_.edge(feeders_a[k % feeders_a.size()], sst, eq.mv_cable, lay.feeder_m);
        b_.edge(feeders_b[k % feeders_b.size()], sst, eq.mv_cable, lay.feeder_m);
        return sst;
      };
      for (std::size_t k = 0; k < blocks.size(); ++k) {
        const Id sst = make_sst(hname + num("-SST", k), k);
        block_sst.push_back(sst);
        for (std::size_t si : blocks[k]) {
          const Id bw = b_.node(ElecKind::Busway, busway, hname + num("-DC-BW", si, 3), building,
                                h.id, bw_rating, out_v, true, "");
          b_.edge(sst, bw, busway, lay.lv_run_m);
          segment_busway[si] = bw;
          for (std::size_t ri : segments[si].racks) R.feed_a[ri] = bw;
        }
      }
      const std::size_t per = std::size_t(std::max(1, spec.blocks_per_catcher));
      for (std::size_t g0 = 0, gi = 0; g0 < blocks.size(); g0 += per, ++gi) {
        const Id catcher = make_sst(hname + num("-SST-CATCH", gi), gi);
        std::vector<Id> members;
        for (std::size_t k = g0; k < std::min(blocks.size(), g0 + per); ++k) {
          members.push_back(block_sst[k]);
          for (std::size_t si : blocks[k])
            b_.edge(catcher, segment_busway[si], busway, lay.lv_run_m, /*normally_open=*/true);
        }
        members.push_back(catcher);
        b_.group(hname + num(" SST blocks ", gi), RedundancyScheme::BlockCatcher, members, catcher);
      }
    }

    // Liquid: CDUs in the service zone, consecutive racks per CDU within capacity.
    const double rack_liquid = rack_w * rs.liquid_fraction;
    if (rack_liquid > 0) {
      const double cdu_cap = b_.p(eq.cdu, "capacity_w") / b_.headroom();
      const std::size_t per_cdu = std::max<std::size_t>(1, std::size_t(cdu_cap / rack_liquid));
      const std::size_t n_cdu = (rack_index.size() + per_cdu - 1) / per_cdu;
      for (std::size_t c = 0; c < n_cdu; ++c) {
        const Id cdu = b_.cooling(CoolKind::Cdu, eq.cdu, hname + num("-CDU", c), building, h.id,
                                  cool.fws_loop);
        CoolingUnit& u = b_.unit(cdu);
        u.x_m = res.width_m - lay.hall_margin_m / 2;
        u.y_m = lay.hall_margin_m +
                (double(c) + 0.5) * (res.depth_m - 2 * lay.hall_margin_m) / double(n_cdu);
        u.flow_m3_s = physics::water_flow_m3_s(u.capacity_w, b_.p(eq.cdu, "design_delta_t_k"));
        for (std::size_t k = c * per_cdu; k < std::min(rack_index.size(), (c + 1) * per_cdu); ++k)
          R.cdu_id[rack_index[k]] = cdu;
      }
    }
    // Air: fan walls in the two end walls, blowing along the aisles (rows run along x), N+1,
    // sharing the hall's air heat.
    if (res.air_w > 0) {
      if (cool.chw_loop == kNoId)
        throw TemplateError("hall " + hname +
                            " has air heat but its building has no chilled water");
      // One fan wall at each end of every cold aisle (more per end when the load needs them),
      // so that every aisle is fed from both ends; at least N+1.
      const int aisles = std::max(1, spec.rows / 2);
      const int needed = units_for(res.air_w, b_.p(eq.fan_wall, "capacity_w"), b_.headroom()) + 1;
      const int per_end = (needed + 2 * aisles - 1) / (2 * aisles);
      const int n = per_end * 2 * aisles;
      std::vector<Id> walls;
      for (int k = 0; k < n; ++k) {
        const Id fw = b_.cooling(CoolKind::FanWall, eq.fan_wall, hname + num("-FW", std::size_t(k)),
                                 building, h.id, cool.chw_loop);
        CoolingUnit& u = b_.unit(fw);
        const bool west = k % 2 == 0;
        const int aisle = (k / 2) % aisles;
        u.x_m = west ? lay.hall_margin_m / 4 : res.width_m - lay.hall_margin_m / 4;
        // Cold aisle of row pair `aisle`: between the fronts of rows 2a and 2a+1.
        u.y_m = lay.hall_margin_m + rs.depth_m + lay.aisle_m / 2 +
                aisle * 2 * (rs.depth_m + lay.aisle_m);
        u.orientation_deg = west ? 90.0 : 270.0;
        walls.push_back(fw);
      }
      for (std::size_t k = 0; k < rack_index.size(); ++k)
        R.air_unit_id[rack_index[k]] = walls[k % walls.size()];
      b_.group(hname + " fan walls", RedundancyScheme::NPlus1, walls);
    }
    return res;
  }

  struct BuildingSpec {
    int halls = 1;
    HallSpec hall;
    bool generators = false;  // standby generators on every lineup pair
    bool storage = false;     // and battery storage on them (bridges the generators' start)
    bool dry_cooling = false;
    double fws_supply_c = 32.0;
  };

  void make_building(int number, double x_m, const BuildingSpec& spec) {
    const std::string bname = "B" + std::to_string(number);
    Building bd;
    bd.id = b_.id();
    bd.name = bname;
    bd.x_m = x_m;
    b_.site.buildings.push_back(bd);
    const std::size_t bpos = b_.site.buildings.size() - 1;

    const RackSpec rs = rack_spec(b_.item(spec.hall.rack_type));
    const double hall_it = rs.nameplate_w * spec.hall.rows * spec.hall.racks_per_row;
    const auto mv = make_mv(bd.id, bname, hall_it, spec.halls);
    const bool air = rs.liquid_fraction < 1.0;
    const BuildingCooling cool = make_building_cooling(bd.id, bname, air, spec.fws_supply_c);
    double y = b_.lay.hall_gap_m, width = 0, liquid = 0, air_w = 0;
    for (int k = 0; k < spec.halls; ++k) {
      const HallResult hr = make_hall(bd.id, bname, k + 1, y, spec.hall, mv,
                                      std::size_t(k / halls_per_lineup_), cool);
      y += hr.depth_m + b_.lay.hall_gap_m;
      width = std::max(width, hr.width_m);
      liquid += hr.liquid_w;
      air_w += hr.air_w;
    }
    finish_building_cooling(bd.id, bname, cool, liquid, air_w, spec.dry_cooling);
    const Lineups mech = make_mechanical(bd.id, bname);
    // Standby generation backs the IT and the mechanical lineups, each pair for the load it
    // carries; storage bridges the generators' start where the racks have no UPS, and for the
    // plant of those buildings (a warm-water plant with no chillers runs at a few kelvin from the
    // racks' coolant limit: its dry coolers must not stop).
    if (spec.generators) {
      Lineups it{mv, {}};
      for (std::size_t j = 0; j < mv.first.lineups.size(); ++j) {
        const int first = int(j) * halls_per_lineup_;
        it.pair_load_w.push_back(hall_it * std::min(halls_per_lineup_, spec.halls - first));
      }
      make_standby(bd.id, bname, it, spec.storage);
      make_standby(bd.id, bname + "-MECH", mech, spec.storage);
    }
    Building& stored = b_.site.buildings[bpos];
    stored.width_m = width + 2 * b_.lay.hall_gap_m;
    stored.depth_m = y;
    next_x_ = x_m + stored.width_m + b_.lay.building_gap_m;
  }
  double next_x() const { return next_x_; }

  void set_catalog(const Catalog* c) { catalog_ = c; }

 private:
  const Catalog& catalog_ref() const { return *catalog_; }
  const Catalog* catalog_ = nullptr;
  double next_x_ = 0;
  int halls_per_lineup_ = 1;
};

// Parameter handling -----------------------------------------------------------------------

using Params = std::map<std::string, double>;

const TemplateInfo& info_for(const std::string& name) {
  for (const auto& t : site_templates())
    if (t.name == name) return t;
  std::string names;
  for (const auto& t : site_templates()) names += (names.empty() ? "" : ", ") + t.name;
  throw TemplateError("unknown template '" + name + "': choose one of " + names);
}

Params resolve(const TemplateInfo& info, const Params& given) {
  Params out;
  for (const auto& p : info.params) out[p.name] = p.default_value;
  for (const auto& kv : given) {
    // Not a structured binding: clang 14 cannot capture those in the lambda below.
    const std::string& k = kv.first;
    const double v = kv.second;
    const auto it = std::find_if(info.params.begin(), info.params.end(),
                                 [&](const TemplateParam& p) { return p.name == k; });
    if (it == info.params.end()) {
      std::string names;
      for (const auto& p : info.params) names += (names.empty() ? "" : ", ") + p.name;
      throw TemplateError("template '" + info.name + "' has no parameter '" + k +
                          "': its parameters are " + names);
    }
    std::ostringstream range;
    range << "[" << it->min_value << ", " << it->max_value << "]";
    if (!std::isfinite(v) || v < it->min_value || v > it->max_value)
      throw TemplateError("template '" + info.name + "' parameter '" + k + "' must lie in " +
                          range.str());
    if (it->integer && v != std::floor(v))
      throw TemplateError("template '" + info.name + "' parameter '" + k +
                          "' must be a whole number");
    out[k] = v;
  }
  return out;
}

DesignWeather weather_from(const Params& p) {
  DesignWeather w;
  w.dry_bulb_c = p.at("design_dry_bulb_c");
  w.wet_bulb_c = p.at("design_wet_bulb_c");
  if (*w.wet_bulb_c > *w.dry_bulb_c)
    throw TemplateError("design_wet_bulb_c must not exceed design_dry_bulb_c");
  return w;
}

GridConnection grid_from(const Params& p) {
  GridConnection g;
  g.poi_voltage_v = p.at("poi_voltage_kv") * 1e3;
  g.short_circuit_va = p.at("short_circuit_mva") * 1e6;
  g.x_over_r = p.at("x_over_r");
  g.contracted_import_w = p.at("contracted_import_mw") * 1e6;
  g.ramp_limit_w_per_s = p.at("ramp_limit_mw_per_min") * 1e6 / 60.0;
  return g;
}

std::vector<TemplateParam> grid_params(double kv, double sc_mva, double xr, double import_mw,
                                       double ramp, double db, double wb) {
  return {
      {"design_dry_bulb_c", db, -40, 60, false,
       "outdoor design dry-bulb, C (ASHRAE 2021 climatic design data, 0.4 % cooling; check)"},
      {"design_wet_bulb_c", wb, -40, 40, false,
       "outdoor design wet-bulb, C (ASHRAE 2021, 0.4 % evaporation; check)"},
      {"poi_voltage_kv", kv, 1, 800, false,
       "point-of-interconnection voltage, kV (an HV/MV transformer with this primary must be in "
       "the catalog unless it equals the campus MV)"},
      {"short_circuit_mva", sc_mva, 1, 1e6, false, "short-circuit power at the POI, MVA"},
      {"x_over_r", xr, 0.1, 100, false, "X/R ratio of the grid at the POI"},
      {"contracted_import_mw", import_mw, 0.1, 1e5, false, "contracted import, MW"},
      {"ramp_limit_mw_per_min", ramp, 0.1, 1e5, false, "utility ramp limit, MW/min"},
  };
}

std::vector<TemplateParam> with(std::vector<TemplateParam> a, const std::vector<TemplateParam>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const TemplateParam kHeadroom{
    "headroom", 1.15,  1.0,
    3.0,        false, "sizing margin: equipment is sized for design load times this"};

}  // namespace

const std::vector<TemplateInfo>& site_templates() {
  static const std::vector<TemplateInfo> list = {
      {"small",
       "one building with one hall of GB200 NVL72 racks (about 5 MW IT) on a 2N AC chain with "
       "standby generators, CDUs and fan walls, chillers and cooling towers",
       with({{"rows", 4, 1, 40, true, "rows of racks"},
             {"racks_per_row", 10, 1, 60, true, "racks in each row"},
             kHeadroom},
            grid_params(34.5, 500, 8, 8, 5, 22.6, 17.4))},
      {"hall",
       "one building with one hall of about 250 GB300 NVL72 racks (about 35 MW IT) on a 2N AC "
       "chain from 138 kV, CDUs and fan walls, chillers and cooling towers",
       with({{"rows", 16, 1, 60, true, "rows of racks"},
             {"racks_per_row", 16, 1, 60, true, "racks in each row"},
             kHeadroom},
            grid_params(138, 5000, 12, 50, 20, 34.7, 24.3))},
      {"gigawatt",
       "a campus of at least 1 GW IT: GB300 NVL72 buildings on a 2N AC chain with cooling towers "
       "and Vera Rubin NVL72 (800 V DC input) buildings on an 800 V DC chain (block-redundant "
       "SSTs) with dry "
       "coolers; 345 kV point of interconnection, 34.5 kV campus MV",
       with({{"ac_buildings", 2, 0, 20, true, "buildings of GB300 halls (2N AC)"},
             {"dc_buildings", 2, 0, 20, true, "buildings of Vera Rubin halls (800 V DC)"},
             {"halls_per_building", 4, 1, 12, true, "halls in each building"},
             {"ac_rows", 16, 1, 60, true, "rows per GB300 hall"},
             {"ac_racks_per_row", 20, 1, 60, true, "racks per row in GB300 halls"},
             {"dc_rows", 16, 1, 60, true, "rows per Vera Rubin hall"},
             {"dc_racks_per_row", 24, 1, 60, true, "racks per row in Vera Rubin halls"},
             {"backup", 1, 0, 1, true,
              "1: standby generators on every IT and mechanical MV lineup pair, with battery "
              "storage bridging their start in the 800 V DC buildings; 0: none (the UPS "
              "batteries alone ride a utility loss)"},
             kHeadroom},
            grid_params(345, 25000, 15, 1400, 100, 38.4, 24.4))},
  };
  return list;
}

Site make_site_from_template(const std::string& name, const std::map<std::string, double>& given,
                             const Catalog& catalog) {
  const TemplateInfo& info = info_for(name);
  const Params p = resolve(info, given);
  SiteMaker mk(catalog, p.at("headroom"));
  mk.set_catalog(&catalog);
  // The plant is sized at the design weather, so the site carries it from the start.
  mk.b_.site.design_weather = weather_from(p);
  try {
    if (name == "small") {
      mk.set_site("Small AI hall", {53.35, -6.26, 20}, grid_from(p));
      SiteMaker::BuildingSpec b;
      b.halls = 1;
      b.hall = {"gb200_nvl72",        int(p.at("rows")), int(p.at("racks_per_row")), false, 4,
                Containment::HotAisle};
      b.generators = true;
      mk.make_building(1, 0.0, b);
    } else if (name == "hall") {
      mk.set_site("GB300 hall", {33.75, -84.39, 320}, grid_from(p));
      SiteMaker::BuildingSpec b;
      b.halls = 1;
      b.hall = {"gb300_nvl72",        int(p.at("rows")), int(p.at("racks_per_row")), false, 4,
                Containment::HotAisle};
      b.generators = true;
      mk.make_building(1, 0.0, b);
    } else {
      mk.set_site("Gigawatt AI campus", {32.45, -99.73, 520}, grid_from(p));
      const int ac = int(p.at("ac_buildings")), dc = int(p.at("dc_buildings"));
      if (ac + dc == 0)
        throw TemplateError(
            "template 'gigawatt' needs at least one building: set ac_buildings or "
            "dc_buildings to 1 or more");
      double x = 0;
      const bool backup = p.at("backup") > 0.5;
      for (int k = 0; k < ac + dc; ++k) {
        SiteMaker::BuildingSpec b;
        b.halls = int(p.at("halls_per_building"));
        b.generators = backup;
        b.storage = backup && k >= ac;
        if (k < ac) {
          b.hall = {
              "gb300_nvl72",        int(p.at("ac_rows")), int(p.at("ac_racks_per_row")), false, 4,
              Containment::HotAisle};
          b.fws_supply_c = mk.b_.p(mk.b_.eq.cdu, "supply_temp_c");
        } else {
          b.hall = {"vr_nvl72_800vdc", int(p.at("dc_rows")), int(p.at("dc_racks_per_row")), true, 4,
                    Containment::None};
          b.dry_cooling = true;
          // The racks want 45 C at their inlet: facility water is that less the CDU's approach.
          b.fws_supply_c = mk.b_.p("vr_nvl72_800vdc", "coolant_supply_temp_c") -
                           mk.b_.p(mk.b_.eq.cdu, "approach_k");
        }
        mk.make_building(k + 1, x, b);
        x = mk.next_x();
      }
    }
  } catch (const std::out_of_range& e) {
    // A catalog item without a parameter the template needs.
    throw TemplateError(std::string("the catalog lacks what template '") + name +
                        "' needs: " + e.what());
  }
  return std::move(mk.b_.site);
}

}  // namespace dctwin::model
