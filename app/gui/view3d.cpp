#include "app/gui/view3d.h"

#include <vtkActor.h>
#include <vtkCallbackCommand.h>
#include <vtkCellData.h>
#include <vtkCellPicker.h>
#include <vtkCommand.h>
#include <vtkDataArray.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorObserver.h>
#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkRenderer.h>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QToolBar>
#include <QToolTip>
#include <QVBoxLayout>

#include "model/electrical/site_power.h"
#include "model/thermal/site_thermal.h"
#include "render/vtk_widget.h"

namespace dctwin::app {

using render::ColorBy;
using render::Level;

namespace {
constexpr int kSliceSteps = 10;  // slider steps per metre
}

View3D::View3D(QWidget* parent) : QWidget(parent), scene_(std::make_unique<render::SiteScene>()) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);

  bar_ = new QToolBar(this);
  bar_->setObjectName("view3dToolbar");
  level_ = new QComboBox;
  level_->setObjectName("view3dLevel");
  level_->addItem(tr("Campus"), int(Level::Campus));
  level_->addItem(tr("Building"), int(Level::Building));
  level_->addItem(tr("Hall"), int(Level::Hall));
  level_->setToolTip(tr("What the view shows: the whole campus, one building or one hall"));
  focus_ = new QComboBox;
  focus_->setObjectName("view3dFocus");
  focus_->setMinimumContentsLength(12);
  focus_->setToolTip(tr("The building or hall shown"));
  color_ = new QComboBox;
  color_->setObjectName("view3dColorBy");
  color_->setToolTip(tr("What the rack colours show"));
  slice_on_ = new QCheckBox(tr("Air slice"));
  slice_on_->setObjectName("view3dSliceOn");
  slice_on_->setToolTip(
      tr("Heat map of the hall air temperature on a horizontal plane (needs a "
         "solve with the hall air model)"));
  slice_z_ = new QSlider(Qt::Horizontal);
  slice_z_->setObjectName("view3dSliceHeight");
  slice_z_->setRange(0, 30);
  slice_z_->setValue(kSliceSteps);
  slice_z_->setMaximumWidth(160);
  slice_z_->setToolTip(tr("Height of the air slice above the floor"));
  slice_label_ = new QLabel;
  slice_label_->setMinimumWidth(48);
  bar_->addWidget(new QLabel(tr(" Level ")));
  bar_->addWidget(level_);
  focus_action_ = bar_->addWidget(focus_);
  bar_->addSeparator();
  bar_->addWidget(new QLabel(tr(" Colour by ")));
  bar_->addWidget(color_);
  bar_->addSeparator();
  bar_->addWidget(slice_on_);
  bar_->addWidget(slice_z_);
  bar_->addWidget(slice_label_);
  bar_->addSeparator();
  const auto preset = [this](const QString& text, const QString& key, const QString& name,
                             auto fn) {
    QAction* a = bar_->addAction(text, this, fn);
    a->setShortcut(QKeySequence(key));
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    a->setObjectName(name);
    a->setToolTip(QString("%1 (%2)").arg(text, key));
    addAction(a);
  };
  preset(tr("Top"), "T", "view3dTop", [this] { set_camera(render::CameraView::Top); });
  preset(tr("Front"), "F", "view3dFront", [this] { set_camera(render::CameraView::Front); });
  preset(tr("Isometric"), "I", "view3dIso", [this] { set_camera(render::CameraView::Isometric); });
  preset(tr("Reset"), "R", "view3dReset", [this] { reset_camera(); });
  // Plain letters while the view has the focus (Alt+F would clash with the main window's File
  // menu): T top, F front, I isometric, R reset.
  layout->addWidget(bar_);

  stale_label_ = new QLabel(tr("Results are stale: the site changed after the last solve."));
  stale_label_->setObjectName("view3dStale");
  stale_label_->setStyleSheet("QLabel { background: #fff3cd; color: #664d03; padding: 3px 8px; }");
  stale_label_->hide();
  layout->addWidget(stale_label_);

  connect(level_, &QComboBox::currentIndexChanged, this, [this] {
    if (updating_) return;
    refresh_controls();
    apply_options();
    reset_camera();
  });
  connect(focus_, &QComboBox::currentIndexChanged, this, [this] {
    if (updating_) return;
    apply_options();
    reset_camera();
  });
  connect(color_, &QComboBox::currentIndexChanged, this, [this] {
    if (!updating_) apply_options();
  });
  connect(slice_on_, &QCheckBox::toggled, this, [this] {
    if (!updating_) apply_options();
  });
  connect(slice_z_, &QSlider::valueChanged, this, [this](int v) {
    if (updating_) return;
    slice_z_m_ = v / double(kSliceSteps);
    apply_options();
  });

  if (!render::VtkWidget::opengl_available()) {
    // No OpenGL 3.2 here (e.g. Qt's offscreen platform, where a QOpenGLWidget would crash Qt's
    // compositor): the panel and its scene still work, without a picture.
    auto* none = new QLabel(tr("The 3D view needs OpenGL 3.2, which this display does not offer."));
    none->setObjectName("view3dNoGl");
    none->setAlignment(Qt::AlignCenter);
    layout->addWidget(none, 1);
  } else {
    vtk_ = new render::VtkWidget(this);
    vtk_->setObjectName("view3dVtk");
    vtk_->render_window()->AddRenderer(scene_->renderer());
    layout->addWidget(vtk_, 1);
    // Orbiting a large site draws the racks' top faces only (SiteScene::set_interacting).
    vtkInteractorObserver* style = vtk_->interactor()->GetInteractorStyle();
    for (auto [event, on] : {std::pair{vtkCommand::StartInteractionEvent, true},
                             std::pair{vtkCommand::EndInteractionEvent, false}}) {
      vtkNew<vtkCallbackCommand> cb;
      cb->SetClientData(this);
      cb->SetCallback(on ? [](vtkObject*, unsigned long, void* v,
                              void*) { static_cast<View3D*>(v)->scene().set_interacting(true); }
                         : [](vtkObject*, unsigned long, void* v, void*) {
                             static_cast<View3D*>(v)->scene().set_interacting(false);
                             static_cast<View3D*>(v)->vtk_widget()->request_render();
                           });
      style->AddObserver(event, cb);
    }
    connect(vtk_, &render::VtkWidget::clicked, this, &View3D::on_clicked);
    connect(vtk_, &render::VtkWidget::hovered, this, &View3D::on_hovered);
  }
  refresh_controls();
}

View3D::~View3D() {
  // The render window goes with the widget; the scene's renderer must outlive it.
  delete vtk_;
  vtk_ = nullptr;
}

void View3D::render() {
  if (vtk_) vtk_->request_render();
}

void View3D::set_site(const model::Site& site, const model::Catalog& catalog) {
  building_names_.clear();
  hall_names_.clear();
  for (const auto& b : site.buildings)
    building_names_.push_back({b.id, QString::fromStdString(b.name)});
  for (const auto& h : site.halls) hall_names_.push_back({h.id, QString::fromStdString(h.name)});
  scene_->set_site(site, catalog);
  refresh_controls();
  apply_options();
}

void View3D::set_results(const model::electrical::SiteElecResult* elec,
                         const model::thermal::SiteThermalResult* thermal) {
  scene_->set_results(elec, thermal);
  set_stale(false);
  refresh_controls();
  apply_options();
}

void View3D::set_values(render::RackValues values) {
  scene_->set_values(std::move(values));
  refresh_controls();
  apply_options();
}

void View3D::set_stale(bool stale) {
  stale_ = stale;
  stale_label_->setVisible(stale);
}

void View3D::set_level(Level level, model::Id focus) {
  updating_ = true;
  level_->setCurrentIndex(level_->findData(int(level)));
  updating_ = false;
  refresh_controls();
  if (focus != model::kNoId) {
    const int i = focus_->findData(QVariant::fromValue<qint64>(focus));
    if (i >= 0) {
      updating_ = true;
      focus_->setCurrentIndex(i);
      updating_ = false;
    }
  }
  apply_options();
  reset_camera();
}

void View3D::set_color_by(ColorBy c) {
  const int i = color_->findData(int(c));
  if (i >= 0) color_->setCurrentIndex(i);
}

void View3D::set_slice(bool on, double z_m) {
  updating_ = true;
  slice_on_->setChecked(on);
  slice_z_m_ = z_m;
  slice_z_->setValue(int(std::lround(z_m * kSliceSteps)));
  updating_ = false;
  apply_options();
}

void View3D::set_camera(render::CameraView v) {
  scene_->set_camera(v);
  render();
}

void View3D::reset_camera() {
  scene_->reset_camera();
  render();
}

// Fills the focus and colour combos from what the site and results offer.
void View3D::refresh_controls() {
  updating_ = true;
  const auto level = Level(level_->currentData().toInt());
  const qint64 old_focus = focus_->currentData().toLongLong();
  focus_->clear();
  const auto& names = level == Level::Hall ? hall_names_ : building_names_;
  if (level != Level::Campus)
    for (const auto& [id, name] : names) focus_->addItem(name, QVariant::fromValue<qint64>(id));
  if (const int i = focus_->findData(QVariant::fromValue<qint64>(old_focus)); i >= 0)
    focus_->setCurrentIndex(i);
  focus_action_->setVisible(level != Level::Campus);

  const int old_color =
      color_->currentIndex() >= 0 ? color_->currentData().toInt() : int(ColorBy::DesignPower);
  color_->clear();
  const auto& v = scene_->values();
  for (ColorBy c : {ColorBy::DesignPower, ColorBy::SolvedPower, ColorBy::InletTemp,
                    ColorBy::Utilisation, ColorBy::Side})
    if (v.has(c) || c == ColorBy::DesignPower) color_->addItem(tr(render::to_string(c)), int(c));
  const int ci = color_->findData(old_color);
  color_->setCurrentIndex(ci >= 0 ? ci : 0);

  const bool fields = scene_->has_fields();
  slice_on_->setEnabled(fields);
  slice_z_->setEnabled(fields);
  slice_on_->setToolTip(fields ? tr("Heat map of the hall air temperature on a horizontal plane")
                               : tr("No hall air field: solve with the hall air model first"));
  const double hmax = std::max(1.0, scene_->max_hall_height_m());
  slice_z_->setRange(0, int(std::floor(hmax * kSliceSteps)) - 1);
  slice_z_->setValue(int(std::lround(slice_z_m_ * kSliceSteps)));  // kept while the range allows
  updating_ = false;
}

void View3D::apply_options() {
  render::SceneOptions o = scene_->options();
  o.level = Level(level_->currentData().toInt());
  o.focus = o.level == Level::Campus ? model::kNoId : focus_->currentData().toLongLong();
  o.color_by = ColorBy(color_->currentData().toInt());
  o.slice = slice_on_->isChecked() && scene_->has_fields();
  o.slice_z_m = slice_z_->value() / double(kSliceSteps);
  slice_label_->setText(QString(" %1 m").arg(slice_z_->value() / double(kSliceSteps), 0, 'f', 1));
  scene_->set_options(o);
  render();
}

void View3D::select_rack(qint64 id) { set_selection({model::Id(id)}); }

void View3D::set_selection(const std::vector<model::Id>& ids) {
  scene_->set_selection(ids);
  render();
}

model::Id View3D::rack_at(QPoint pos) const {
  if (!vtk_) return model::kNoId;
  auto* win = vtk_->render_window();
  const int* size = win->GetSize();
  const double r = vtk_->devicePixelRatioF();
  vtkNew<vtkCellPicker> picker;
  picker->SetTolerance(0.0);
  picker->PickFromListOn();
  picker->AddPickList(scene_->racks_actor());
  const double x = pos.x() * r, y = size[1] - 1 - pos.y() * r;
  if (!picker->Pick(x, y, 0.0, scene_->renderer())) return model::kNoId;
  if (picker->GetActor() != scene_->racks_actor()) return model::kNoId;
  const long rack = scene_->rack_of_cell(long(picker->GetCellId()));
  return rack < 0 ? model::kNoId : scene_->placements()[std::size_t(rack)].id;
}

QPoint View3D::rack_screen_pos(model::Id id) const {
  if (!vtk_) return {-1, -1};
  for (std::size_t v : scene_->visible()) {
    const auto& p = scene_->placements()[v];
    if (p.id != id) continue;
    vtkRenderer* ren = scene_->renderer();
    ren->SetWorldPoint(p.x_m, p.y_m, p.height_m, 1.0);
    ren->WorldToDisplay();
    double d[3];
    ren->GetDisplayPoint(d);
    const double r = vtk_->devicePixelRatioF();
    const int h = vtk_->render_window()->GetSize()[1];
    return QPoint(int(std::lround(d[0] / r)), int(std::lround((h - 1 - d[1]) / r)));
  }
  return {-1, -1};
}

void View3D::on_clicked(QPoint pos) {
  const model::Id id = rack_at(pos);
  set_selection(id == model::kNoId ? std::vector<model::Id>{} : std::vector<model::Id>{id});
  if (id != model::kNoId) emit rackPicked(qint64(id));
}

QString View3D::air_at(QPoint pos) const {
  if (!vtk_ || !scene_->slice_actor()->GetVisibility()) return {};
  const int* size = vtk_->render_window()->GetSize();
  const double r = vtk_->devicePixelRatioF();
  vtkNew<vtkCellPicker> picker;
  picker->SetTolerance(0.0);
  picker->PickFromListOn();
  picker->AddPickList(scene_->racks_actor());  // racks in front of the slice hide it
  picker->AddPickList(scene_->slice_actor());
  if (!picker->Pick(pos.x() * r, size[1] - 1 - pos.y() * r, 0.0, scene_->renderer())) return {};
  if (picker->GetActor() != scene_->slice_actor()) return {};
  vtkDataArray* t = scene_->slice_polydata()->GetCellData()->GetArray("temp_c");
  const vtkIdType cell = picker->GetCellId();
  if (!t || cell < 0 || cell >= t->GetNumberOfTuples()) return {};
  return tr("Air %1 \u00B0C at %2 m above the floor")
      .arg(t->GetTuple1(cell), 0, 'f', 1)
      .arg(scene_->options().slice_z_m, 0, 'f', 1);
}

void View3D::on_hovered(QPoint pos) {
  const model::Id id = rack_at(pos);
  if (id == model::kNoId) {
    const QString air = air_at(pos);
    if (air.isEmpty())
      QToolTip::hideText();
    else
      QToolTip::showText(vtk_->mapToGlobal(pos), air, vtk_);
    return;
  }
  for (std::size_t v : scene_->visible())
    if (scene_->placements()[v].id == id) {
      QToolTip::showText(vtk_->mapToGlobal(pos), QString::fromStdString(scene_->describe(v)), vtk_);
      return;
    }
}

}  // namespace dctwin::app
