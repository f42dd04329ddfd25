// The 3D site view panel (issue 6): a toolbar (level, building/hall, colour mode, air slice and
// its height, camera presets) above the VTK view of the site (render::SiteScene in a
// render::VtkWidget).
//
// Integration:
//   - main(): QSurfaceFormat::setDefaultFormat(render::VtkWidget::default_format()) before the
//     QApplication is created (the view also sets it on its own GL widget).
//   - set_site(site, catalog) after loading and after every edit: the scene is rebuilt (gigawatt
//     template: a few ms) and the camera stays where the user put it.
//   - set_results(elec, thermal) after a solve (either may be null); set_stale(true) when the
//     site changed after that solve (a "results stale" banner shows until the next set_results).
//     Without results only design power and redundancy side are offered.
//   - rackPicked(id) when the user clicks a rack (the rack is outlined in magenta); a click on
//     empty space clears the outline without a signal. select_rack(id) / set_selection(ids)
//     outline racks chosen elsewhere (tree, properties) and do not emit rackPicked (no loops).
//   - Hover: a tooltip with the rack's name, id, type and value (or the air temperature on the
//     slice). Camera presets: toolbar buttons and T / F / I / R while the view has the focus.
//   - Where Qt cannot host OpenGL (the offscreen platform of GUI tests) the panel shows a note
//     instead of the picture; everything else keeps working.
//   - snapshot(size) (or render::SiteScene::snapshot) renders the view offscreen for reports.
#pragma once

#include <QWidget>
#include <memory>
#include <vector>

#include "model/site/catalog.h"
#include "model/site/site.h"
#include "render/site_scene.h"

class QAction;
class QComboBox;
class QCheckBox;
class QLabel;
class QSlider;
class QToolBar;

namespace dctwin::model::electrical {
struct SiteElecResult;
}
namespace dctwin::model::thermal {
struct SiteThermalResult;
}

namespace dctwin::render {
class VtkWidget;
}

namespace dctwin::app {

class View3D : public QWidget {
  Q_OBJECT
 public:
  explicit View3D(QWidget* parent = nullptr);
  ~View3D() override;

  /// Shows the site (copied: the arguments need not outlive the call). Keeps level, colour mode
  /// and camera where they still apply.
  void set_site(const model::Site& site, const model::Catalog& catalog);
  /// Solved values (either may be null, e.g. before the first solve); clears the stale mark.
  void set_results(const model::electrical::SiteElecResult* elec,
                   const model::thermal::SiteThermalResult* thermal);
  /// Rack values directly (e.g. a scenario snapshot the lead computed; render::rack_values()
  /// builds them from results); hall air fields are left as they are.
  void set_values(render::RackValues values);
  /// Marks the results as out of date with the site (a banner over the view).
  void set_stale(bool stale);
  [[nodiscard]] bool stale() const { return stale_; }

  void set_level(render::Level level, model::Id focus = model::kNoId);
  void set_color_by(render::ColorBy c);
  /// The air temperature slice at z_m above the floor (shown when hall air fields exist).
  void set_slice(bool on, double z_m);
  void set_camera(render::CameraView v);
  void reset_camera();

  /// Screen position (widget pixels, device independent) of the centre of a rack's top face;
  /// (-1,-1) when the rack is not shown.
  [[nodiscard]] QPoint rack_screen_pos(model::Id id) const;
  /// The rack drawn at a widget position (kNoId: none).
  [[nodiscard]] model::Id rack_at(QPoint pos) const;
  /// "Air 24.3 C at 1.0 m above the floor" where the air slice is seen at pos; empty elsewhere.
  [[nodiscard]] QString air_at(QPoint pos) const;

  [[nodiscard]] render::SiteScene& scene() { return *scene_; }
  /// The GL widget; null where OpenGL 3.2 is not available (the panel shows a note instead).
  [[nodiscard]] render::VtkWidget* vtk_widget() const { return vtk_; }
  /// Offscreen picture of the view as it is (size in pixels); for reports.
  [[nodiscard]] QImage snapshot(QSize size) const { return scene_->snapshot(size); }

 public slots:
  void select_rack(qint64 id);
  void set_selection(const std::vector<model::Id>& ids);

 signals:
  void rackPicked(qint64 id);

 private:
  void on_clicked(QPoint pos);
  void on_hovered(QPoint pos);
  void refresh_controls();
  void apply_options();
  void render();

  std::unique_ptr<render::SiteScene> scene_;
  render::VtkWidget* vtk_ = nullptr;
  QToolBar* bar_ = nullptr;
  QComboBox* level_ = nullptr;
  QComboBox* focus_ = nullptr;
  QAction* focus_action_ = nullptr;  // the focus combo in the toolbar (hidden at campus level)
  double slice_z_m_ = 1.0;           // the height asked for (the slider's range follows the site)
  QComboBox* color_ = nullptr;
  QCheckBox* slice_on_ = nullptr;
  QSlider* slice_z_ = nullptr;
  QLabel* slice_label_ = nullptr;
  QLabel* stale_label_ = nullptr;
  bool stale_ = false;
  bool updating_ = false;
  std::vector<std::pair<model::Id, QString>> building_names_, hall_names_;
};

}  // namespace dctwin::app
