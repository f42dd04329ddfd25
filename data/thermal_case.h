// The hall thermal case (schema dc-hall-thermal-case/1, see ../shared/reference/openfoam) read
// into the model's hall description, and the hall air results written as CSV and JSON.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "model/thermal/hall_air.h"

namespace dctwin::data {

/// A case that cannot be used. file_error: the file could not be opened or read (exit 3 in the
/// CLI); otherwise the content is wrong, and the message lists every problem as
/// "<source>: <JSON pointer>: <what is wrong>; <fix>".
class ThermalCaseError : public std::runtime_error {
 public:
  ThermalCaseError(const std::string& what, bool file_error)
      : std::runtime_error(what), file_error_(file_error) {}
  [[nodiscard]] bool file_error() const { return file_error_; }

 private:
  bool file_error_;
};

/// Reads a dc-hall-thermal-case/1 document. Fields used: room.box_min/max, air.*, rack_model
/// (dT_rack_K), cooling.T_supply_C, racks[] (box, power, airflow or dT, blanked, front face),
/// crahs[] (status on/off/failed, supply/return openings with flows), and the optional
/// containment[] panels ({id, plane, coord, and the two ranges of the other axes}). Descriptive
/// fields (description, notes, cfd_reference_implementation, ...) are ignored.
model::thermal::HallDescription parse_thermal_case(std::string_view text,
                                                   const std::string& source);
model::thermal::HallDescription read_thermal_case(const std::string& path);

/// rack_id,T_mean_C,T_max_C; throws ThermalCaseError(file_error) when it cannot be written.
void write_rack_inlet_csv(const std::string& path, const model::thermal::HallDescription& hall,
                          const model::thermal::HallAirResult& result);
/// x,y,T_C at height z on a regular `step` grid of cell-centre points (min + step/2, ...), x
/// fastest; "nan" inside racks.
void write_slice_csv(const std::string& path, const model::thermal::HallDescription& hall,
                     const model::thermal::HallAirResult& result, double z, double step = 0.2);
/// One JSON object: cells, iterations, solve_s, energy_in_w, energy_out_w,
/// energy_balance_error, converged, mass_residual, shi, rhi, racks[{id, T_mean_C, T_max_C,
/// T_exhaust_C, recommended, ashrae_class}], crah_return_C{id: T}.
std::string thermal_result_json(const model::thermal::HallDescription& hall,
                                const model::thermal::HallAirResult& result);

}  // namespace dctwin::data
