#include "data/thermal_case.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "data/json_read.h"

namespace dctwin::data {
namespace {

using Json = nlohmann::json;
using namespace model::thermal;

// Collects every problem so that one run lists all of them.
struct Reader {
  std::string source;
  std::vector<std::string> problems;

  void error(const std::string& ptr, const std::string& text) {
    problems.push_back(source + ": " + (ptr.empty() ? "top level" : ptr) + ": " + text);
  }
  const Json* field(const Json& obj, const std::string& ptr, const char* key, bool required) {
    if (!obj.is_object()) return nullptr;
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required)
        error(ptr + "/" + key, "missing; add it (see the dc-hall-thermal-case/1 schema)");
      return nullptr;
    }
    return &*it;
  }
  bool number(const Json& obj, const std::string& ptr, const char* key, double& out,
              bool required = true) {
    const Json* j = field(obj, ptr, key, required);
    if (!j) return false;
    if (!j->is_number() || !std::isfinite(j->get<double>())) {
      error(ptr + "/" + key, "must be a finite number, found " + j->dump());
      return false;
    }
    out = j->get<double>();
    return true;
  }
  bool positive(const Json& obj, const std::string& ptr, const char* key, double& out,
                bool required = true) {
    if (!number(obj, ptr, key, out, required)) return false;
    if (out <= 0) {
      error(ptr + "/" + key, "must be positive, found " + std::to_string(out));
      return false;
    }
    return true;
  }
  bool string(const Json& obj, const std::string& ptr, const char* key, std::string& out,
              bool required = true) {
    const Json* j = field(obj, ptr, key, required);
    if (!j) return false;
    if (!j->is_string()) {
      error(ptr + "/" + key, "must be a string, found " + j->dump());
      return false;
    }
    out = j->get<std::string>();
    return true;
  }
  bool vec3(const Json& obj, const std::string& ptr, const char* key, std::array<double, 3>& out) {
    const Json* j = field(obj, ptr, key, true);
    if (!j) return false;
    if (!j->is_array() || j->size() != 3) {
      error(ptr + "/" + key, "must be an array of 3 numbers [x, y, z] in metres");
      return false;
    }
    for (int a = 0; a < 3; ++a) {
      if (!(*j)[a].is_number()) {
        error(ptr + "/" + key + "/" + std::to_string(a), "must be a number (metres)");
        return false;
      }
      out[a] = (*j)[a].get<double>();
    }
    return true;
  }
  bool range(const Json& obj, const std::string& ptr, const std::string& key,
             std::array<double, 2>& out) {
    const Json* j = field(obj, ptr, key.c_str(), true);
    if (!j) return false;
    if (!j->is_array() || j->size() != 2 || !(*j)[0].is_number() || !(*j)[1].is_number() ||
        !((*j)[1].get<double>() > (*j)[0].get<double>())) {
      error(ptr + "/" + key, "must be [min, max] in metres with max > min");
      return false;
    }
    out = {(*j)[0].get<double>(), (*j)[1].get<double>()};
    return true;
  }
  int axis(const Json& obj, const std::string& ptr) {
    std::string p;
    if (!string(obj, ptr, "plane", p)) return -1;
    if (p == "x") return 0;
    if (p == "y") return 1;
    if (p == "z") return 2;
    error(ptr + "/plane", "must be \"x\", \"y\" or \"z\", found \"" + p + "\"");
    return -1;
  }
  // An opening or panel: plane, coord and the ranges of the two other axes.
  bool rect(const Json& obj, const std::string& ptr, Rect& out) {
    if (!obj.is_object()) {
      error(ptr, "must be an object {plane, coord, <axis>_range ...}");
      return false;
    }
    const int a = axis(obj, ptr);
    bool ok = number(obj, ptr, "coord", out.coord) && a >= 0;
    if (a < 0) return false;
    out.axis = a;
    static const char* names[3] = {"x_range", "y_range", "z_range"};
    int t = 0;
    for (int b = 0; b < 3; ++b) {
      if (b == a) continue;
      std::array<double, 2> r{};
      ok = range(obj, ptr, names[b], r) && ok;
      out.lo[t] = r[0];
      out.hi[t] = r[1];
      ++t;
    }
    return ok;
  }
};

void write_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  if (!f)
    throw ThermalCaseError(path + ": cannot be written; check the folder exists and is writable",
                           true);
  f << text;
  if (!f) throw ThermalCaseError(path + ": write failed (disk full?)", true);
}

std::string num(double v, int prec = 4) {
  if (!std::isfinite(v)) return "nan";
  std::ostringstream s;
  s << std::fixed << std::setprecision(prec) << v;
  return s.str();
}

}  // namespace

HallDescription parse_thermal_case(std::string_view text, const std::string& source) {
  Reader rd{source, {}};
  Json doc;
  try {
    doc = Json::parse(text.begin(), text.end());
  } catch (const Json::out_of_range&) {
    // The one out_of_range the parser throws: a number beyond a double (406).
    throw ThermalCaseError(detail::number_overflow_message(source, text), false);
  } catch (const Json::parse_error& e) {
    throw ThermalCaseError(source + ": not valid JSON: " + e.what(), false);
  }
  if (!doc.is_object()) throw ThermalCaseError(source + ": top level must be a JSON object", false);
  std::string schema;
  if (rd.string(doc, "", "schema", schema) && schema != "dc-hall-thermal-case/1")
    rd.error("/schema", "is \"" + schema + "\"; this reader takes \"dc-hall-thermal-case/1\"");
  HallDescription hall;
  rd.string(doc, "", "case_name", hall.name, false);
  if (hall.name.empty()) hall.name = source;

  if (const Json* room = rd.field(doc, "", "room", true)) {
    rd.vec3(*room, "/room", "box_min", hall.room.min);
    rd.vec3(*room, "/room", "box_max", hall.room.max);
    for (const char* k : {"raised_floor", "ceiling_plenum"})
      if (const Json* b = rd.field(*room, "/room", k, false);
          b && b->is_boolean() && b->get<bool>())
        rd.error(std::string("/room/") + k,
                 "plenums are not modelled; model the openings on the floor or ceiling instead "
                 "and set it to false");
  }
  if (const Json* air = rd.field(doc, "", "air", true)) {
    rd.positive(*air, "/air", "rho_kg_m3", hall.air.rho_kg_m3);
    rd.positive(*air, "/air", "cp_J_kgK", hall.air.cp_j_kgk);
    rd.positive(*air, "/air", "nu_m2_s", hall.air.nu_m2_s, false);
    rd.positive(*air, "/air", "Pr", hall.air.pr, false);
    rd.positive(*air, "/air", "Prt", hall.air.prt, false);
  }
  if (const Json* ph = rd.field(doc, "", "physics", false))
    if (const Json* b = rd.field(*ph, "/physics", "buoyancy", false);
        b && b->is_boolean() && b->get<bool>())
      rd.error("/physics/buoyancy",
               "buoyancy is not modelled (temperature is carried by the flow); set it to false");
  double dt_rack = 0;
  bool have_dt = false;
  if (const Json* rm = rd.field(doc, "", "rack_model", false))
    have_dt = rd.positive(*rm, "/rack_model", "dT_rack_K", dt_rack, false);
  double t_supply = 0;
  bool have_ts = false;
  if (const Json* co = rd.field(doc, "", "cooling", false))
    have_ts = rd.number(*co, "/cooling", "T_supply_C", t_supply, false);

  if (const Json* racks = rd.field(doc, "", "racks", true)) {
    if (!racks->is_array()) rd.error("/racks", "must be an array of racks");
    for (size_t i = 0; racks->is_array() && i < racks->size(); ++i) {
      const Json& r = (*racks)[i];
      const std::string ptr = "/racks/" + std::to_string(i);
      if (!r.is_object()) {
        rd.error(ptr, "must be an object");
        continue;
      }
      HallRack rk;
      rd.string(r, ptr, "id", rk.id);
      rd.vec3(r, ptr, "box_min", rk.box.min);
      rd.vec3(r, ptr, "box_max", rk.box.max);
      rd.number(r, ptr, "power_W", rk.power_w);
      if (rk.power_w < 0) rd.error(ptr + "/power_W", "must not be negative");
      rk.blanked = rk.power_w == 0;
      if (const Json* b = rd.field(r, ptr, "blanked", false)) {
        if (!b->is_boolean())
          rd.error(ptr + "/blanked", "must be true or false");
        else
          rk.blanked = b->get<bool>();
      }
      if (rk.blanked && rk.power_w > 0)
        rd.error(ptr + "/blanked", "is true but power_W is " + std::to_string(rk.power_w) +
                                       "; a blanked rack has no heat: set power_W to 0 or "
                                       "blanked to false");
      double q = 0, dt = 0;
      if (rd.number(r, ptr, "airflow_m3s", q, false)) {
        rk.flow_m3_s = q;
        if (q < 0 || (q == 0 && rk.power_w > 0 && !rk.blanked))
          rd.error(ptr + "/airflow_m3s", "must be positive for a rack with power");
      } else if (rd.positive(r, ptr, "dT_K", dt, false) || have_dt) {
        if (dt == 0) dt = dt_rack;
        rk.flow_m3_s = rk.power_w / (hall.air.rho_kg_m3 * hall.air.cp_j_kgk * dt);
      } else if (rk.power_w > 0) {
        rd.error(ptr, "has no airflow_m3s and there is no rack_model/dT_rack_K; give one of them");
      }
      if (rk.blanked) rk.flow_m3_s = 0;
      // Front face: the face the air leaves the room through.
      bool front_found = false;
      if (const Json* ff = rd.field(r, ptr, "front_face_inlet", false)) {
        const int a = rd.axis(*ff, ptr + "/front_face_inlet");
        double c = 0;
        if (a >= 0 && rd.number(*ff, ptr + "/front_face_inlet", "coord", c)) {
          rk.front_axis = a;
          if (std::abs(c - rk.box.max[a]) < 1e-6) {
            rk.front_at_max = true;
            front_found = true;
          } else if (std::abs(c - rk.box.min[a]) < 1e-6) {
            rk.front_at_max = false;
            front_found = true;
          } else {
            rd.error(ptr + "/front_face_inlet/coord",
                     "must equal box_min or box_max on the plane's axis (the front face is a "
                     "face of the rack box)");
            front_found = true;  // reported
          }
        }
      } else if (const Json* d = rd.field(r, ptr, "air_direction_through_rack", false)) {
        int nz = 0;
        for (int a = 0; d->is_array() && d->size() == 3 && a < 3; ++a)
          if ((*d)[a].is_number() && (*d)[a].get<double>() != 0) {
            ++nz;
            rk.front_axis = a;
            rk.front_at_max = (*d)[a].get<double>() < 0;
          }
        front_found = nz == 1;
        if (!front_found)
          rd.error(ptr + "/air_direction_through_rack",
                   "must be a unit vector along one axis, e.g. [0, -1, 0]");
      }
      if (!front_found)
        rd.error(ptr, "has neither front_face_inlet nor air_direction_through_rack; add one");
      hall.racks.push_back(rk);
    }
  }
  // A case is a question about rack inlets: without a rack that moves air there is neither an
  // inlet nor heat to follow (and the reference hall's flow, with no rack to draw it, diverges).
  if (const auto racks = doc.find("racks"); racks != doc.end() && racks->is_array()) {
    if (racks->empty())
      rd.error("/racks",
               "is empty: the case asks for rack inlet temperatures; add at least one "
               "rack");
    else if (rd.problems.empty() && std::none_of(hall.racks.begin(), hall.racks.end(),
                                                 [](const HallRack& r) { return r.moves_air(); }))
      rd.error("/racks",
               "no rack moves air (every one is blanked or has no power), so there is "
               "no heat to follow; give at least one rack power_W and an airflow");
  }
  if (const Json* crahs = rd.field(doc, "", "crahs", true)) {
    if (!crahs->is_array()) rd.error("/crahs", "must be an array of cooling units");
    for (size_t i = 0; crahs->is_array() && i < crahs->size(); ++i) {
      const Json& c = (*crahs)[i];
      const std::string ptr = "/crahs/" + std::to_string(i);
      if (!c.is_object()) {
        rd.error(ptr, "must be an object");
        continue;
      }
      HallCrah u;
      rd.string(c, ptr, "id", u.id);
      std::string status = "on";
      rd.string(c, ptr, "status", status, false);
      if (status == "off" || status == "failed")
        u.failed = true;
      else if (status != "on")
        rd.error(ptr + "/status",
                 "must be \"on\", \"off\" or \"failed\", found \"" + status + "\"");
      if (const Json* s = rd.field(c, ptr, "supply_opening", true)) {
        rd.rect(*s, ptr + "/supply_opening", u.supply);
        rd.number(*s, ptr + "/supply_opening", "flow_m3s", u.supply_flow_m3_s, true);
        if (!rd.number(*s, ptr + "/supply_opening", "T_C", u.supply_temp_c, false)) {
          if (have_ts)
            u.supply_temp_c = t_supply;
          else
            rd.error(ptr + "/supply_opening/T_C", "missing and no cooling/T_supply_C; add one");
        }
      }
      if (const Json* s = rd.field(c, ptr, "return_opening", true)) {
        rd.rect(*s, ptr + "/return_opening", u.ret);
        rd.number(*s, ptr + "/return_opening", "flow_m3s", u.return_flow_m3_s, true);
      }
      hall.crahs.push_back(u);
    }
  }
  if (const Json* panels = rd.field(doc, "", "containment", false)) {
    if (!panels->is_array()) rd.error("/containment", "must be an array of panels");
    for (size_t i = 0; panels->is_array() && i < panels->size(); ++i) {
      const std::string ptr = "/containment/" + std::to_string(i);
      HallPanel p;
      if ((*panels)[i].is_object()) rd.string((*panels)[i], ptr, "id", p.id, false);
      if (p.id.empty()) p.id = "containment " + std::to_string(i);
      if (rd.rect((*panels)[i], ptr, p.rect)) hall.panels.push_back(p);
    }
  }
  if (rd.problems.empty())
    for (const auto& e : check_hall(hall)) rd.problems.push_back(source + ": " + e);
  if (!rd.problems.empty()) {
    std::string m = rd.problems.size() == 1
                        ? rd.problems[0]
                        : source + ": " + std::to_string(rd.problems.size()) + " problems:";
    // At most kMaxListed lines: a generated 20,000-rack case with one systematic mistake stays
    // readable (the first ones show the pattern).
    constexpr std::size_t kMaxListed = 50;
    if (rd.problems.size() > 1) {
      for (std::size_t k = 0; k < rd.problems.size() && k < kMaxListed; ++k)
        m += "\n  " + rd.problems[k];
      if (rd.problems.size() > kMaxListed)
        m += "\n  ... and " + std::to_string(rd.problems.size() - kMaxListed) + " more";
    }
    throw ThermalCaseError(m, false);
  }
  return hall;
}

HallDescription read_thermal_case(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw ThermalCaseError(path + ": cannot be opened; check the path", true);
  std::stringstream ss;
  ss << f.rdbuf();
  if (f.bad()) throw ThermalCaseError(path + ": read failed", true);
  return parse_thermal_case(ss.str(), path);
}

void write_rack_inlet_csv(const std::string& path, const HallDescription& hall,
                          const HallAirResult& result) {
  (void)hall;
  std::ostringstream s;
  s << "rack_id,T_mean_C,T_max_C\n";
  for (const auto& r : result.racks)
    s << r.id << "," << num(r.inlet_mean_c) << "," << num(r.inlet_max_c) << "\n";
  write_file(path, s.str());
}

void write_slice_csv(const std::string& path, const HallDescription& hall,
                     const HallAirResult& result, double z, double step) {
  std::ostringstream s;
  s << "x,y,T_C\n";
  const auto& lo = hall.room.min;
  const auto& hi = hall.room.max;
  const int nx = static_cast<int>(std::floor((hi[0] - lo[0]) / step + 1e-9));
  const int ny = static_cast<int>(std::floor((hi[1] - lo[1]) / step + 1e-9));
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      const double x = lo[0] + step * (i + 0.5), y = lo[1] + step * (j + 0.5);
      s << num(x, 1) << "," << num(y, 1) << "," << num(result.temperature_at(x, y, z)) << "\n";
    }
  write_file(path, s.str());
}

std::string thermal_result_json(const HallDescription& hall, const HallAirResult& result) {
  auto fin = [](double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); };
  Json j;
  j["case"] = hall.name;
  j["cells"] = result.cells();
  j["iterations"] = result.iterations;
  j["solve_s"] = result.solve_s;
  j["converged"] = result.converged;
  j["message"] = result.message;
  j["mass_residual"] = result.mass_residual;
  j["energy_in_w"] = result.energy_in_w;
  j["energy_out_w"] = result.energy_out_w;
  j["energy_balance_error"] = result.energy_balance_error;
  j["shi"] = result.shi;
  j["rhi"] = result.rhi;
  Json racks = Json::array();
  for (const auto& r : result.racks)
    racks.push_back({{"id", r.id},
                     {"T_mean_C", fin(r.inlet_mean_c)},
                     {"T_max_C", fin(r.inlet_max_c)},
                     {"T_exhaust_C", fin(r.exhaust_c)},
                     {"recommended", r.recommended},
                     {"ashrae_class", r.ashrae_class}});
  j["racks"] = racks;
  Json ret = Json::object();
  for (size_t u = 0; u < hall.crahs.size() && u < result.crah_return_c.size(); ++u)
    ret[hall.crahs[u].id] = fin(result.crah_return_c[u]);
  j["crah_return_C"] = ret;
  return j.dump();
}

}  // namespace dctwin::data
