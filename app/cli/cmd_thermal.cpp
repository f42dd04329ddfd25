// dctwin-cli thermal-case: the hall air model on a dc-hall-thermal-case/1 file.
#include <cmath>
#include <filesystem>
#include <iostream>

#include "app/cli/commands.h"
#include "data/thermal_case.h"
#include "model/thermal/hall_air.h"

namespace dctwin::app::cli {

int cmd_thermal_case(const ThermalCaseOptions& o, std::ostream& out, std::ostream& err) {
  namespace th = model::thermal;
  if (!std::isfinite(o.cell_m) || !(o.cell_m > 0) || o.cell_m > th::kMaxHallAirCellM) {
    err << "error: --cell " << o.cell_m << " m: give a cell size in (0, " << th::kMaxHallAirCellM
        << "] m (default 0.3)\n";
    return kExitUsage;
  }
  th::HallDescription hall;
  try {
    hall = data::read_thermal_case(o.file);
  } catch (const data::ThermalCaseError& e) {
    err << "error: " << e.what() << "\n";
    return kExitFile;
  }
  // The grid is counted before anything is written or allocated.
  try {
    th::check_hall_grid(hall, o.cell_m);
  } catch (const th::HallGridTooLarge& e) {
    err << "error: " << o.file << ": " << e.what();
    if (e.suggested_cell_m() > 0) {
      err << " (--cell " << e.suggested_cell_m() << ")\n";
      return kExitUsage;  // a coarser grid fits: the argument is what is wrong
    }
    err << "\n";
    return kExitFile;  // no cell size fits: the case is what is wrong
  }
  // Outputs checked before the solve (and before the folder is made): never through a link,
  // never over the case itself, existing ones only with --force.
  const std::filesystem::path dir(o.out_dir);
  const std::string outputs[] = {(dir / "rack_inlet_T.csv").string(),
                                 (dir / "slice_z1.0.csv").string(),
                                 (dir / "slice_z2.0.csv").string()};
  for (const auto& f : outputs)
    if (refuse_overwrite(f, o.force, err, "choose another --out", {o.file})) return kExitFile;
  std::error_code ec;
  std::filesystem::create_directories(o.out_dir, ec);
  if (ec || !std::filesystem::is_directory(o.out_dir)) {
    err << "error: " << o.out_dir << ": cannot create the output folder (" << ec.message()
        << "); choose a writable --out\n";
    return kExitFile;
  }
  th::HallSolveOptions so;
  so.cell_m = o.cell_m;
  th::HallAirResult res;
  try {
    LongSolveProgress progress("thermal-case", err);
    res = th::solve_hall_air(hall, so, progress);
  } catch (const std::invalid_argument& e) {
    err << "error: " << o.file << ": " << e.what() << "\n";
    return kExitFile;
  }
  if (!res.converged) {
    // No steady flow: its temperatures are not results, so nothing is written or listed as one.
    if (o.json)
      out << "{\"converged\": false, \"iterations\": " << res.iterations << ", \"mass_residual\": "
          << (std::isfinite(res.mass_residual) ? std::to_string(res.mass_residual) : "null")
          << "}\n";
    err << "error: " << o.file << ": " << res.message << " (" << res.cells() << " cells at --cell "
        << o.cell_m << " m, mass residual " << res.mass_residual
        << "); nothing was written. Try a coarser --cell (0.1 m or more)\n";
    return kExitSolver;
  }
  try {
    data::write_rack_inlet_csv(outputs[0], hall, res);
    data::write_slice_csv(outputs[1], hall, res, 1.0);
    data::write_slice_csv(outputs[2], hall, res, 2.0);
  } catch (const data::ThermalCaseError& e) {
    err << "error: " << e.what() << "\n";
    return kExitFile;
  }
  if (o.json) {
    out << data::thermal_result_json(hall, res) << "\n";
  } else {
    out << hall.name << ": " << res.cells() << " cells, " << res.iterations << " iterations, "
        << res.solve_s << " s, energy balance " << res.energy_balance_error * 100 << " %\n";
    for (const auto& r : res.racks)
      out << "  " << r.id << "  inlet mean " << r.inlet_mean_c << " C  max " << r.inlet_max_c
          << " C  " << (r.recommended ? "recommended" : r.ashrae_class) << "\n";
  }
  return kExitOk;
}

}  // namespace dctwin::app::cli
