// The 3D site scene: racks as boxes at their real position, size and orientation, halls and
// buildings as outlines on their floors, a heat-map slice of the hall air temperature, legends.
//
// Everything here is plain VTK (no Qt widgets): the scene owns one vtkRenderer that a host (the
// on-screen VtkWidget, or an offscreen window for snapshot()) puts in its render window. All racks
// are ONE merged vtkPolyData (5 faces per rack, top and four sides) in ONE actor, so that a
// 10,000-rack site stays one draw call; colours are direct RGB cell colours computed with
// render/colormap.h, the same colours as the 2D hall plan.
//
// Coordinates: world x, y on the campus in metres (building corner + hall corner + rack centre),
// z up from the floor. The hall air model's fields are in hall coordinates and are shifted by the
// hall's origin.
#pragma once

#include <vtkSmartPointer.h>

#include <QImage>
#include <QSize>
#include <memory>
#include <string>
#include <vector>

#include "model/site/catalog.h"
#include "model/site/site.h"
#include "model/site/site_ref.h"
#include "render/colormap.h"

class vtkActor;
class vtkActor2D;
class vtkPolyData;
class vtkRenderer;
class vtkScalarBarActor;
class vtkTextActor;

namespace dctwin::model::electrical {
struct SiteElecResult;
}
namespace dctwin::model::thermal {
struct SiteThermalResult;
struct HallAirResult;
}  // namespace dctwin::model::thermal

namespace dctwin::render {

/// One rack as drawn: footprint centre in world coordinates and its box.
struct RackPlacement {
  std::size_t index = 0;  ///< index in site.racks
  model::Id id = model::kNoId;
  model::Id hall_id = model::kNoId;
  model::Id building_id = model::kNoId;
  double x_m = 0, y_m = 0;                        ///< world centre of the footprint
  double width_m = 0, depth_m = 0, height_m = 0;  ///< catalog size (width across the front)
  double orientation_deg = 0;                     ///< direction the front faces: 0 = +y, 90 = +x
};

/// Where each rack stands in world coordinates. A rack whose type is not in the catalog gets a
/// 0.6 x 1.2 x 2.2 m placeholder box (validation reports the type; the view still shows it).
[[nodiscard]] std::vector<RackPlacement> place_racks(const model::Site& site,
                                                     const model::Catalog& catalog);
/// The same on the site's compiled view (hall origins, rack specs).
[[nodiscard]] std::vector<RackPlacement> place_racks(const model::SiteRef& ref);

/// What the racks can be coloured by.
enum class ColorBy {
  DesignPower,  ///< override or catalog nameplate (W; shown in kW)
  SolvedPower,  ///< cord power from the electrical solve (W; shown in kW)
  InletTemp,    ///< mean rack inlet air temperature from the hall air model (C)
  Utilisation,  ///< solved IT power / catalog nameplate (fraction; shown in %)
  Side,         ///< redundancy side of the rack's feeds: A only, B only, A+B (categorical)
};
[[nodiscard]] const char* to_string(ColorBy c);

/// Redundancy-side categories (ColorBy::Side), from the side labels of the nodes the cords plug
/// into (a cord on a node without a label counts as its cord letter).
enum class FeedSide { AOnly = 0, BOnly = 1, AB = 2, Other = 3, Unfed = 4 };
[[nodiscard]] const char* to_string(FeedSide s);
[[nodiscard]] Rgb side_color(FeedSide s);

/// Per-rack values in site.racks order, SI units. Empty vectors: not available (before a solve).
struct RackValues {
  std::vector<double> design_power_w;
  std::vector<FeedSide> side;
  std::vector<double> cord_power_w;  ///< SiteElecResult::racks[i].input_w
  std::vector<double> utilisation;   ///< SiteElecResult::racks[i].it_w / nameplate
  std::vector<double> inlet_c;       ///< SiteThermalResult::rack_inlet_c (NaN: no air model)
  [[nodiscard]] bool has(ColorBy c) const;
};

/// Design power and side from the site; solved values from the results when given (null: absent;
/// results whose rack count does not match the site are ignored as stale).
[[nodiscard]] RackValues rack_values(const model::Site& site, const model::Catalog& catalog,
                                     const model::electrical::SiteElecResult* elec = nullptr,
                                     const model::thermal::SiteThermalResult* thermal = nullptr);
/// The same on the site's compiled view.
[[nodiscard]] RackValues rack_values(const model::SiteRef& ref,
                                     const model::electrical::SiteElecResult* elec = nullptr,
                                     const model::thermal::SiteThermalResult* thermal = nullptr);

/// One horizontal layer of a hall air field: the cells whose z range holds the height.
struct SliceGrid {
  int nx = 0, ny = 0, k = -1;  ///< k: the layer (-1: height outside the field)
  std::vector<double> xf, yf;  ///< cell faces in hall coordinates (nx+1, ny+1)
  double z_m = 0;              ///< the height asked for
  std::vector<double> temp_c;  ///< nx*ny, index i + nx*j; NaN inside racks
};
/// The layer of the field at z_m above the floor (cells with zf[k] <= z < zf[k+1]; z at the top
/// face takes the top layer). k = -1 and no values when z is outside the field.
[[nodiscard]] SliceGrid extract_slice(const model::thermal::HallAirResult& field, double z_m);

enum class Level { Campus, Building, Hall };

/// What the scene shows (besides the site itself).
struct SceneOptions {
  Level level = Level::Campus;
  model::Id focus = model::kNoId;  ///< the building (Level::Building) or hall (Level::Hall)
  ColorBy color_by = ColorBy::DesignPower;
  bool slice = false;        ///< draw the air temperature slice (when fields exist)
  double slice_z_m = 1.0;    ///< metres above the floor
  bool flat_colors = false;  ///< racks unlit (exact colour-map colours; tests, pictures)
};

/// Camera presets.
enum class CameraView { Top, Front, Isometric };

class SiteScene {
 public:
  SiteScene();
  ~SiteScene();
  SiteScene(const SiteScene&) = delete;
  SiteScene& operator=(const SiteScene&) = delete;

  /// The renderer holding every actor; add it to one render window.
  [[nodiscard]] vtkRenderer* renderer() const;

  /// Takes the site's geometry and design values (copies what it needs; the site need not
  /// outlive the call). Results are kept while the rack count is unchanged, dropped otherwise.
  /// Does not move the camera, except on the first call (framed isometric).
  void set_site(const model::Site& site, const model::Catalog& catalog);
  /// The same on the site's compiled view (the site need not outlive the call).
  void set_site(const model::SiteRef& ref);
  /// Solved values and hall air fields (copied); nulls clear them.
  void set_results(const model::electrical::SiteElecResult* elec,
                   const model::thermal::SiteThermalResult* thermal);
  /// Values directly (tests, or results kept elsewhere); fields are left as they are.
  void set_values(RackValues values);
  [[nodiscard]] const RackValues& values() const { return values_; }

  void set_options(const SceneOptions& options);
  [[nodiscard]] const SceneOptions& options() const { return options_; }
  /// True when there are hall air fields to slice.
  [[nodiscard]] bool has_fields() const { return !fields_.empty(); }
  /// Highest hall (m), the slider's range.
  [[nodiscard]] double max_hall_height_m() const { return max_hall_height_m_; }

  /// Racks drawn with an outline; ids not in the site are ignored.
  void set_selection(const std::vector<model::Id>& ids);
  [[nodiscard]] const std::vector<model::Id>& selection() const { return selection_; }

  /// While the user moves the camera: on large scenes (over 2,000 racks shown) only the racks'
  /// top faces are drawn, so that orbiting stays smooth; the full boxes come back at the end.
  void set_interacting(bool on);
  [[nodiscard]] bool lod_active() const;

  void set_camera(CameraView view);  ///< framed on what the level shows
  void reset_camera();               ///< isometric, framed

  // Introspection, for picking, tooltips and tests.
  [[nodiscard]] const std::vector<RackPlacement>& placements() const { return placements_; }
  /// Racks shown at the current level, in cell order (cells 5*k .. 5*k+4 are rack visible()[k]).
  [[nodiscard]] const std::vector<std::size_t>& visible() const { return visible_; }
  static constexpr int kCellsPerRack = 5;
  /// The site rack index drawn by a cell of the racks actor, or -1.
  [[nodiscard]] long rack_of_cell(long cell) const;
  [[nodiscard]] vtkActor* racks_actor() const;
  [[nodiscard]] vtkPolyData* racks_polydata() const;
  [[nodiscard]] vtkPolyData* slice_polydata() const;
  [[nodiscard]] vtkActor* slice_actor() const;
  /// The colour map the racks use now (display units, see value_scale()); for Side a dummy.
  [[nodiscard]] const ColorMap& color_map() const { return *cmap_; }
  /// SI value -> display value factor for the current colouring (1e-3 for W -> kW, 100 for %).
  [[nodiscard]] double value_scale() const;
  [[nodiscard]] std::string value_unit() const;  ///< display unit ("kW", "C", "%", "")
  /// The SI value the racks are coloured by for site rack i (NaN when absent; Side: category).
  [[nodiscard]] double value_of(std::size_t rack) const;
  /// "R-12 (gb300_nvl72): 132.0 kW" for a tooltip.
  [[nodiscard]] std::string describe(std::size_t rack) const;
  [[nodiscard]] const ColorMap& slice_color_map() const { return *slice_cmap_; }

  /// Renders the scene as it is now (camera included) offscreen into an image of this size.
  /// Needs an X display (DISPLAY set; xvfb-run for headless use): a null image without one.
  [[nodiscard]] QImage snapshot(QSize size) const;

 private:
  void rebuild_static();  // floor, buildings, halls (depends on site + level)
  void rebuild_racks();   // geometry of the visible racks
  void recolor();         // cell colours + legend
  void rebuild_selection();
  void rebuild_slice();
  void bounds_of_level(double b[6]) const;
  [[nodiscard]] bool in_level(model::Id hall, model::Id building) const;

  struct Impl;
  std::unique_ptr<Impl> d_;
  SceneOptions options_;
  std::vector<RackPlacement> placements_;
  std::vector<std::size_t> visible_;
  std::vector<std::string> rack_names_, rack_types_;
  std::vector<double> nameplate_w_;
  struct HallBox {
    model::Id id, building_id;
    double x0, y0, w, d, h;  // world
  };
  struct BuildingBox {
    model::Id id;
    double x0, y0, w, d, h;
  };
  std::vector<HallBox> halls_;
  std::vector<BuildingBox> buildings_;
  struct Field;  // a compact copy of one hall air field (grid + temperatures)
  std::vector<std::shared_ptr<const Field>> fields_;  // one per site hall with a field
  std::vector<model::Id> field_halls_;                // the hall each entry of fields_ is drawn in
  RackValues values_;
  std::vector<model::Id> selection_;
  std::unique_ptr<ColorMap> cmap_, slice_cmap_;
  double max_hall_height_m_ = 0;
  bool camera_set_ = false;
};

}  // namespace dctwin::render
