#include "render/site_scene.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkFloatArray.h>
#include <vtkIdTypeArray.h>
#include <vtkImageData.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>
#include <vtkWindowToImageFilter.h>

#include <QtGlobal>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <numbers>
#include <set>
#include <unordered_map>

#include "model/electrical/site_power.h"
#include "model/site/loads.h"
#include "model/thermal/site_thermal.h"

namespace dctwin::render {

using model::Id;
using model::kNoId;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A rack type missing from the catalog still gets drawn (validation names it).
constexpr std::size_t kEdgeRackLimit = 2000;
// Above this many racks shown, only their top faces are drawn while the camera moves: on the
// gigawatt template (Mesa llvmpipe) that takes the frame from about 35 to 23 ms of CPU.
constexpr std::size_t kLodRackLimit = 2000;
constexpr double kPlaceholderW = 0.6, kPlaceholderD = 1.2, kPlaceholderH = 2.2;

const Rgb kGround{0.74, 0.77, 0.72};
const Rgb kBuildingFloor{0.60, 0.61, 0.64};
const Rgb kHallFloor{0.83, 0.83, 0.80};
const Rgb kOutline{0.25, 0.27, 0.30};
const Rgb kSelection{1.0, 0.0, 1.0};  // magenta: in neither Viridis nor Thermal

unsigned char to_byte(double c) {
  return static_cast<unsigned char>(std::lround(std::clamp(c, 0.0, 1.0) * 255.0));
}

void add_quad(vtkPoints* pts, vtkCellArray* polys, vtkUnsignedCharArray* colors, double x0,
              double y0, double x1, double y1, double z, Rgb c) {
  const vtkIdType b = pts->GetNumberOfPoints();
  pts->InsertNextPoint(x0, y0, z);
  pts->InsertNextPoint(x1, y0, z);
  pts->InsertNextPoint(x1, y1, z);
  pts->InsertNextPoint(x0, y1, z);
  const vtkIdType q[4] = {b, b + 1, b + 2, b + 3};
  polys->InsertNextCell(4, q);
  colors->InsertNextTuple3(to_byte(c.r), to_byte(c.g), to_byte(c.b));
}

// The 12 edges of an axis-aligned box as line cells.
void add_box_lines(vtkPoints* pts, vtkCellArray* lines, const double c[8][3]) {
  const vtkIdType b = pts->GetNumberOfPoints();
  for (int i = 0; i < 8; ++i) pts->InsertNextPoint(c[i]);
  static const int e[12][2] = {{0, 1}, {1, 2}, {2, 3}, {3, 0}, {4, 5}, {5, 6},
                               {6, 7}, {7, 4}, {0, 4}, {1, 5}, {2, 6}, {3, 7}};
  for (const auto& k : e) {
    const vtkIdType l[2] = {b + k[0], b + k[1]};
    lines->InsertNextCell(2, l);
  }
}

// Corners of a rack box (bottom 0..3, top 4..7), grown by `grow` metres on every side.
void rack_corners(const RackPlacement& p, double grow, double out[8][3]) {
  const double a = p.orientation_deg * std::numbers::pi / 180.0;
  const double fx = std::sin(a), fy = std::cos(a);   // front direction
  const double rx = std::cos(a), ry = -std::sin(a);  // right hand, facing the front
  const double hw = 0.5 * p.width_m + grow, hd = 0.5 * p.depth_m + grow;
  const double sx[4] = {-1, 1, 1, -1}, sy[4] = {-1, -1, 1, 1};
  for (int i = 0; i < 4; ++i) {
    const double x = p.x_m + sx[i] * hw * rx + sy[i] * hd * fx;
    const double y = p.y_m + sx[i] * hw * ry + sy[i] * hd * fy;
    out[i][0] = out[i + 4][0] = x;
    out[i][1] = out[i + 4][1] = y;
    out[i][2] = grow > 0 ? -grow : 0.0;
    out[i + 4][2] = p.height_m + grow;
  }
}

vtkSmartPointer<vtkLookupTable> lut_from(const ColorMap& m, double lo, double hi) {
  auto lut = vtkSmartPointer<vtkLookupTable>::New();
  const int n = 256;
  lut->SetNumberOfTableValues(n);
  lut->SetTableRange(lo, hi);
  for (int i = 0; i < n; ++i) {
    const Rgb c = m.at(lo + (hi - lo) * (i + 0.5) / n);
    lut->SetTableValue(i, c.r, c.g, c.b, 1.0);
  }
  return lut;
}

// Round legend labels (1, 2, 2.5, 5 x 10^n), the same ticks as the 2D plan's legend.
void set_ticks(vtkScalarBarActor* bar, double lo, double hi) {
  const auto ticks = legend_ticks(lo, hi, 6);
  vtkNew<vtkDoubleArray> labels;
  for (double t : ticks) labels->InsertNextValue(t);
  bar->SetUseCustomLabels(true);
  bar->SetCustomLabels(labels);
  double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1.0;
  bar->SetLabelFormat(step >= 1 ? "%.0f" : step >= 0.1 ? "%.1f" : "%.2f");
}

void style_bar(vtkScalarBarActor* bar) {
  bar->SetNumberOfLabels(5);
  bar->SetMaximumWidthInPixels(110);
  bar->SetBarRatio(0.25);
  bar->SetUnconstrainedFontSize(true);
  for (vtkTextProperty* t : {bar->GetTitleTextProperty(), bar->GetLabelTextProperty(),
                             bar->GetAnnotationTextProperty()}) {
    t->SetColor(0.1, 0.1, 0.12);
    t->SetFontSize(13);
    t->SetBold(false);
    t->SetItalic(false);
    t->SetShadow(false);
  }
  bar->GetTitleTextProperty()->SetBold(true);
  bar->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
}

// Range of the finite values, padded so that max > min.
std::pair<double, double> finite_range(const std::vector<double>& v, bool from_zero) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double x : v)
    if (std::isfinite(x)) {
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    }
  if (!std::isfinite(lo)) return {0.0, 1.0};
  if (from_zero) lo = std::min(0.0, lo);
  if (!(hi > lo)) {
    const double pad = std::max(std::abs(hi) * 0.05, 0.5);
    lo -= pad;
    hi += pad;
  }
  return {lo, hi};
}

// Rounds a range outwards to a tidy step (so legend ends are round numbers).
std::pair<double, double> tidy(std::pair<double, double> r) {
  const double span = r.second - r.first;
  const double step = std::pow(10.0, std::floor(std::log10(span))) / 2;
  return {std::floor(r.first / step + 1e-9) * step, std::ceil(r.second / step - 1e-9) * step};
}
}  // namespace

// --------------------------------------------------------------------------------------------

const char* to_string(ColorBy c) {
  switch (c) {
    case ColorBy::DesignPower:
      return "Design power";
    case ColorBy::SolvedPower:
      return "Solved power";
    case ColorBy::InletTemp:
      return "Inlet temperature";
    case ColorBy::Utilisation:
      return "Utilisation";
    case ColorBy::Side:
      return "Redundancy side";
  }
  return "?";
}

const char* to_string(FeedSide s) {
  switch (s) {
    case FeedSide::AOnly:
      return "A only";
    case FeedSide::BOnly:
      return "B only";
    case FeedSide::AB:
      return "A+B";
    case FeedSide::Other:
      return "other";
    case FeedSide::Unfed:
      return "unfed";
  }
  return "?";
}

Rgb side_color(FeedSide s) {
  switch (s) {
    case FeedSide::AOnly:
      return {0.12, 0.47, 0.71};  // blue
    case FeedSide::BOnly:
      return {1.00, 0.50, 0.05};  // orange
    case FeedSide::AB:
      return {0.17, 0.63, 0.17};  // green
    case FeedSide::Other:
      return {0.58, 0.40, 0.74};  // purple
    case FeedSide::Unfed:
      return {0.84, 0.15, 0.16};  // red
  }
  return ColorMap::kNoData;
}

bool RackValues::has(ColorBy c) const {
  switch (c) {
    case ColorBy::DesignPower:
      return !design_power_w.empty();
    case ColorBy::Side:
      return !side.empty();
    case ColorBy::SolvedPower:
      return !cord_power_w.empty();
    case ColorBy::Utilisation:
      return !utilisation.empty();
    case ColorBy::InletTemp:
      return !inlet_c.empty();
  }
  return false;
}

std::vector<RackPlacement> place_racks(const model::Site& site, const model::Catalog& catalog) {
  return place_racks(model::compile_site_ref(site, catalog));
}

std::vector<RackPlacement> place_racks(const model::SiteRef& ref) {
  const auto& R = ref.site->racks;
  std::vector<RackPlacement> out(R.size());
  for (std::size_t i = 0; i < R.size(); ++i) {
    RackPlacement& p = out[i];
    p.index = i;
    p.id = R.id[i];
    p.orientation_deg = R.orientation_deg[i];
    if (const model::Hall* h = ref.hall_of_rack(i)) {
      p.hall_id = h->id;
      p.building_id = h->building_id;
    }
    p.x_m = ref.rack_campus_x_m(i);
    p.y_m = ref.rack_campus_y_m(i);
    if (ref.rack_known(i)) {
      const auto& spec = ref.rack_spec[i];
      p.width_m = spec.width_m;
      p.depth_m = spec.depth_m;
      p.height_m = spec.height_m;
    } else {
      p.width_m = kPlaceholderW;
      p.depth_m = kPlaceholderD;
      p.height_m = kPlaceholderH;
    }
  }
  return out;
}

namespace {
// Each rack's catalog nameplate power (NaN for a type the catalog does not hold as a rack).
std::vector<double> nameplates(const model::SiteRef& ref) {
  std::vector<double> out(ref.site->racks.size(), kNaN);
  for (std::size_t i = 0; i < out.size(); ++i)
    if (ref.rack_known(i) && ref.rack_type[i]->has("nameplate_w"))
      out[i] = ref.rack_spec[i].nameplate_w;
  return out;
}

// The solved values (cord power, utilisation over the nameplate, inlet), replacing any there.
void fill_solved(RackValues& v, const std::vector<double>& nameplate,
                 const model::electrical::SiteElecResult* elec,
                 const model::thermal::SiteThermalResult* thermal) {
  const std::size_t n = nameplate.size();
  v.cord_power_w.clear();
  v.utilisation.clear();
  v.inlet_c.clear();
  if (elec && elec->racks.size() == n) {
    v.cord_power_w.resize(n);
    v.utilisation.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      v.cord_power_w[i] = elec->racks[i].input_w;
      v.utilisation[i] = nameplate[i] > 0 ? elec->racks[i].it_w / nameplate[i] : kNaN;
    }
  }
  if (thermal && thermal->rack_inlet_c.size() == n) v.inlet_c = thermal->rack_inlet_c;
}

RackValues rack_values_with(const model::SiteRef& ref, const std::vector<double>& nameplate,
                            const model::electrical::SiteElecResult* elec,
                            const model::thermal::SiteThermalResult* thermal) {
  RackValues v;
  const model::Site& site = *ref.site;
  const auto& R = site.racks;
  const std::size_t n = R.size();
  v.design_power_w = ref.rack_design_w;
  v.side.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::set<std::string> sides;
    for (auto [feed, letter] : {std::pair{R.feed_a[i], "A"}, std::pair{R.feed_b[i], "B"}}) {
      if (feed == kNoId) continue;
      const std::size_t k = model::SiteRef::find(ref.node_index, feed);
      sides.insert(k != model::kNone && !site.elec_nodes[k].side.empty() ? site.elec_nodes[k].side
                                                                         : letter);
    }
    FeedSide s = FeedSide::Other;
    if (sides.empty())
      s = FeedSide::Unfed;
    else if (sides == std::set<std::string>{"A"})
      s = FeedSide::AOnly;
    else if (sides == std::set<std::string>{"B"})
      s = FeedSide::BOnly;
    else if (sides == std::set<std::string>{"A", "B"})
      s = FeedSide::AB;
    v.side[i] = s;
  }
  fill_solved(v, nameplate, elec, thermal);
  return v;
}
}  // namespace

RackValues rack_values(const model::Site& site, const model::Catalog& catalog,
                       const model::electrical::SiteElecResult* elec,
                       const model::thermal::SiteThermalResult* thermal) {
  return rack_values(model::compile_site_ref(site, catalog), elec, thermal);
}

RackValues rack_values(const model::SiteRef& ref, const model::electrical::SiteElecResult* elec,
                       const model::thermal::SiteThermalResult* thermal) {
  return rack_values_with(ref, nameplates(ref), elec, thermal);
}

SliceGrid extract_slice(const model::thermal::HallAirResult& f, double z_m) {
  SliceGrid s;
  s.z_m = z_m;
  s.nx = f.nx;
  s.ny = f.ny;
  s.xf = f.xf;
  s.yf = f.yf;
  if (f.nz <= 0 || f.zf.size() != std::size_t(f.nz) + 1 || !(z_m >= f.zf.front()) ||
      !(z_m <= f.zf.back()))
    return s;
  // First face above z; the layer below it holds z.
  const auto it = std::upper_bound(f.zf.begin(), f.zf.end(), z_m);
  s.k = std::clamp(int(it - f.zf.begin()) - 1, 0, f.nz - 1);
  const std::size_t layer = std::size_t(f.nx) * std::size_t(f.ny);
  s.temp_c.assign(f.temp_c.begin() + std::ptrdiff_t(layer * std::size_t(s.k)),
                  f.temp_c.begin() + std::ptrdiff_t(layer * std::size_t(s.k + 1)));
  return s;
}

// --------------------------------------------------------------------------------------------

struct SiteScene::Field {
  model::thermal::HallAirResult air;  // grid and temperatures only
};

struct SiteScene::Impl {
  vtkNew<vtkRenderer> renderer;
  // Racks: one poly data, one actor.
  vtkNew<vtkPolyData> racks;
  vtkNew<vtkPolyDataMapper> racks_mapper;
  vtkNew<vtkActor> racks_actor;
  // Level of detail while the camera moves on a large site: the racks' top faces only, sharing
  // the full poly data's points and colours (a separate actor, so both keep their GPU buffers).
  vtkNew<vtkPolyData> racks_lod;
  vtkNew<vtkPolyDataMapper> racks_lod_mapper;
  vtkNew<vtkActor> racks_lod_actor;
  bool interacting = false;
  // Floors (ground, buildings, halls) and outlines.
  vtkNew<vtkPolyData> floors;
  vtkNew<vtkPolyDataMapper> floors_mapper;
  vtkNew<vtkActor> floors_actor;
  vtkNew<vtkPolyData> outlines;
  vtkNew<vtkPolyDataMapper> outlines_mapper;
  vtkNew<vtkActor> outlines_actor;
  vtkNew<vtkPolyData> selection;
  vtkNew<vtkPolyDataMapper> selection_mapper;
  vtkNew<vtkActor> selection_actor;
  vtkNew<vtkPolyData> slice;
  vtkNew<vtkPolyDataMapper> slice_mapper;
  vtkNew<vtkActor> slice_actor;
  vtkNew<vtkScalarBarActor> bar;
  vtkNew<vtkScalarBarActor> slice_bar;
};

SiteScene::SiteScene()
    : d_(std::make_unique<Impl>()),
      cmap_(std::make_unique<ColorMap>(ColorMapKind::Viridis, 0, 1)),
      slice_cmap_(std::make_unique<ColorMap>(ColorMapKind::Thermal, 0, 1)) {
  auto& d = *d_;
  d.renderer->GradientBackgroundOn();
  d.renderer->SetBackground(0.93, 0.94, 0.96);   // bottom
  d.renderer->SetBackground2(0.62, 0.70, 0.80);  // top
  for (auto [pd, mapper, actor] :
       {std::tuple{d.racks.Get(), d.racks_mapper.Get(), d.racks_actor.Get()},
        std::tuple{d.racks_lod.Get(), d.racks_lod_mapper.Get(), d.racks_lod_actor.Get()},
        std::tuple{d.floors.Get(), d.floors_mapper.Get(), d.floors_actor.Get()},
        std::tuple{d.outlines.Get(), d.outlines_mapper.Get(), d.outlines_actor.Get()},
        std::tuple{d.selection.Get(), d.selection_mapper.Get(), d.selection_actor.Get()},
        std::tuple{d.slice.Get(), d.slice_mapper.Get(), d.slice_actor.Get()}}) {
    mapper->SetInputData(pd);
    mapper->SetScalarModeToUseCellData();
    mapper->SetColorModeToDirectScalars();
    actor->SetMapper(mapper);
    d.renderer->AddActor(actor);
  }
  d.racks_mapper->SetScalarModeToUsePointData();
  // Rack boxes are closed from above (faces wound counter-clockwise seen from outside): faces
  // turned away from the camera need no rasterising.
  d.racks_actor->GetProperty()->BackfaceCullingOn();
  d.racks_lod_mapper->SetScalarModeToUsePointData();
  d.racks_lod_actor->SetProperty(d.racks_actor->GetProperty());
  d.racks_lod_actor->PickableOff();
  d.racks_lod_actor->VisibilityOff();
  d.outlines_mapper->ScalarVisibilityOff();
  d.outlines_actor->GetProperty()->SetColor(kOutline.r, kOutline.g, kOutline.b);
  d.outlines_actor->GetProperty()->SetLineWidth(1.5);
  d.outlines_actor->GetProperty()->LightingOff();
  d.selection_mapper->ScalarVisibilityOff();
  d.selection_actor->GetProperty()->SetColor(kSelection.r, kSelection.g, kSelection.b);
  d.selection_actor->GetProperty()->SetLineWidth(4.0);
  d.selection_actor->GetProperty()->RenderLinesAsTubesOn();  // wide lines on core profiles too
  d.selection_actor->GetProperty()->LightingOff();
  d.floors_actor->GetProperty()->SetAmbient(0.6);
  d.floors_actor->GetProperty()->SetDiffuse(0.4);
  d.slice_actor->GetProperty()->LightingOff();
  d.floors_actor->PickableOff();
  d.outlines_actor->PickableOff();
  d.selection_actor->PickableOff();
  // Lines and the slice drawn over coincident faces.
  d.outlines_mapper->SetResolveCoincidentTopologyToPolygonOffset();
  style_bar(d.bar);
  d.bar->SetPosition(0.88, 0.08);
  d.bar->SetPosition2(0.11, 0.6);
  d.bar->VisibilityOff();
  style_bar(d.slice_bar);
  d.slice_bar->SetPosition(0.01, 0.08);
  d.slice_bar->SetPosition2(0.11, 0.6);
  d.slice_bar->VisibilityOff();
  d.slice_bar->SetTextPositionToPrecedeScalarBar();
  d.renderer->AddViewProp(d.bar);
  d.renderer->AddViewProp(d.slice_bar);
  set_options(options_);
}

SiteScene::~SiteScene() = default;

vtkRenderer* SiteScene::renderer() const { return d_->renderer; }
vtkActor* SiteScene::racks_actor() const { return d_->racks_actor; }
vtkPolyData* SiteScene::racks_polydata() const { return d_->racks; }
vtkPolyData* SiteScene::slice_polydata() const { return d_->slice; }
vtkActor* SiteScene::slice_actor() const { return d_->slice_actor; }

void SiteScene::set_site(const model::Site& site, const model::Catalog& catalog) {
  set_site(model::compile_site_ref(site, catalog));
}

void SiteScene::set_site(const model::SiteRef& ref) {
  const model::Site& site = *ref.site;
  const bool same_count = site.racks.size() == placements_.size();
  placements_ = place_racks(ref);
  rack_names_ = site.racks.name;
  rack_types_ = site.racks.type;
  nameplate_w_ = nameplates(ref);
  halls_.clear();
  buildings_.clear();
  max_hall_height_m_ = 0;
  std::unordered_map<Id, double> building_h;
  for (std::size_t k = 0; k < site.halls.size(); ++k) {
    const model::Hall& h = site.halls[k];
    halls_.push_back({h.id, h.building_id, ref.hall_origin_x_m[k], ref.hall_origin_y_m[k],
                      h.width_m, h.depth_m, h.height_m});
    max_hall_height_m_ = std::max(max_hall_height_m_, h.height_m);
    building_h[h.building_id] = std::max(building_h[h.building_id], h.height_m);
  }
  for (const auto& b : site.buildings) {
    const double h = building_h.count(b.id) ? building_h[b.id] + 2.0 : 6.0;
    buildings_.push_back({b.id, b.x_m, b.y_m, b.width_m, b.depth_m, h});
  }
  RackValues v = rack_values_with(ref, nameplate_w_, nullptr, nullptr);
  if (same_count) {  // keep solved values until the next solve replaces them (they are stale)
    v.cord_power_w = std::move(values_.cord_power_w);
    v.utilisation = std::move(values_.utilisation);
    v.inlet_c = std::move(values_.inlet_c);
  } else {
    fields_.clear();
    field_halls_.clear();
  }
  values_ = std::move(v);
  if (!values_.has(options_.color_by)) options_.color_by = ColorBy::DesignPower;
  // A focus that no longer exists falls back to the campus.
  if (options_.level != Level::Campus) {
    bool found = false;
    if (options_.level == Level::Hall)
      for (const auto& h : halls_) found = found || h.id == options_.focus;
    else
      for (const auto& b : buildings_) found = found || b.id == options_.focus;
    if (!found) options_.level = Level::Campus;
  }
  rebuild_static();
  rebuild_racks();
  rebuild_slice();
  if (!camera_set_) {
    reset_camera();
    camera_set_ = true;
  } else {
    d_->renderer->ResetCameraClippingRange();
  }
}

void SiteScene::set_results(const model::electrical::SiteElecResult* elec,
                            const model::thermal::SiteThermalResult* thermal) {
  fill_solved(values_, nameplate_w_, elec, thermal);
  fields_.clear();
  field_halls_.clear();
  if (thermal) {
    std::map<Id, std::shared_ptr<const Field>> copies;
    for (const auto& [hid, air] : thermal->fields) {
      auto f = std::make_shared<Field>();
      f->air.nx = air.nx;
      f->air.ny = air.ny;
      f->air.nz = air.nz;
      f->air.xf = air.xf;
      f->air.yf = air.yf;
      f->air.zf = air.zf;
      f->air.xc = air.xc;
      f->air.yc = air.yc;
      f->air.zc = air.zc;
      f->air.temp_c = air.temp_c;
      copies[hid] = std::move(f);
    }
    for (const auto& ht : thermal->halls) {
      if (!ht.solved) continue;
      const Id key = ht.same_as != kNoId ? ht.same_as : ht.hall;
      auto it = copies.find(key);
      if (it == copies.end()) it = copies.find(ht.hall);
      if (it == copies.end()) continue;
      fields_.push_back(it->second);
      field_halls_.push_back(ht.hall);
    }
  }
  if (!values_.has(options_.color_by)) options_.color_by = ColorBy::DesignPower;
  recolor();
  rebuild_slice();
}

void SiteScene::set_values(RackValues values) {
  values_ = std::move(values);
  if (!values_.has(options_.color_by)) options_.color_by = ColorBy::DesignPower;
  recolor();
}

void SiteScene::set_options(const SceneOptions& o) {
  const bool geometry = o.level != options_.level || o.focus != options_.focus;
  options_ = o;
  if (!values_.has(options_.color_by)) options_.color_by = ColorBy::DesignPower;
  auto* prop = d_->racks_actor->GetProperty();
  if (o.flat_colors) {
    prop->LightingOff();
    prop->SetAmbient(1.0);
    prop->SetDiffuse(0.0);
  } else {
    prop->LightingOn();
    prop->SetAmbient(0.45);
    prop->SetDiffuse(0.6);
    prop->SetSpecular(0.0);
  }
  if (geometry) {
    rebuild_static();
    rebuild_racks();
  } else {
    recolor();
  }
  rebuild_slice();
}

bool SiteScene::in_level(Id hall, Id building) const {
  switch (options_.level) {
    case Level::Campus:
      return true;
    case Level::Building:
      return building == options_.focus;
    case Level::Hall:
      return hall == options_.focus;
  }
  return true;
}

void SiteScene::rebuild_static() {
  auto& d = *d_;
  vtkNew<vtkPoints> pts;
  vtkNew<vtkCellArray> polys;
  vtkNew<vtkUnsignedCharArray> colors;
  colors->SetNumberOfComponents(3);
  colors->SetName("colors");
  double b[6];
  bounds_of_level(b);
  const double pad = 0.08 * std::max(b[1] - b[0], b[3] - b[2]) + 2.0;
  // Floors stacked a few centimetres apart so that they do not fight for depth.
  if (options_.level == Level::Campus)
    add_quad(pts, polys, colors, b[0] - pad, b[2] - pad, b[1] + pad, b[3] + pad, -0.06, kGround);
  vtkNew<vtkPoints> lpts;
  vtkNew<vtkCellArray> lines;
  for (const auto& bb : buildings_) {
    if (options_.level == Level::Hall) break;
    if (!in_level(kNoId, bb.id)) continue;
    add_quad(pts, polys, colors, bb.x0, bb.y0, bb.x0 + bb.w, bb.y0 + bb.d, -0.04, kBuildingFloor);
    double c[8][3];
    const double xs[4] = {bb.x0, bb.x0 + bb.w, bb.x0 + bb.w, bb.x0};
    const double ys[4] = {bb.y0, bb.y0, bb.y0 + bb.d, bb.y0 + bb.d};
    for (int i = 0; i < 4; ++i) {
      c[i][0] = c[i + 4][0] = xs[i];
      c[i][1] = c[i + 4][1] = ys[i];
      c[i][2] = 0;
      c[i + 4][2] = bb.h;
    }
    add_box_lines(lpts, lines, c);
  }
  for (const auto& h : halls_) {
    if (!in_level(h.id, h.building_id)) continue;
    add_quad(pts, polys, colors, h.x0, h.y0, h.x0 + h.w, h.y0 + h.d, -0.02, kHallFloor);
    double c[8][3];
    const double xs[4] = {h.x0, h.x0 + h.w, h.x0 + h.w, h.x0};
    const double ys[4] = {h.y0, h.y0, h.y0 + h.d, h.y0 + h.d};
    for (int i = 0; i < 4; ++i) {
      c[i][0] = c[i + 4][0] = xs[i];
      c[i][1] = c[i + 4][1] = ys[i];
      c[i][2] = 0;
      c[i + 4][2] = h.h;
    }
    add_box_lines(lpts, lines, c);
  }
  d.floors->Initialize();
  d.floors->SetPoints(pts);
  d.floors->SetPolys(polys);
  d.floors->GetCellData()->SetScalars(colors);
  d.outlines->Initialize();
  d.outlines->SetPoints(lpts);
  d.outlines->SetLines(lines);
}

void SiteScene::rebuild_racks() {
  auto& d = *d_;
  visible_.clear();
  for (const auto& p : placements_)
    if (in_level(p.hall_id, p.building_id)) visible_.push_back(p.index);
  // Four points per face with the face's normal and colour (flat shading without per-fragment
  // cell-colour lookups: the cheapest path for llvmpipe).
  constexpr int kPts = kCellsPerRack * 4;
  vtkNew<vtkPoints> pts;
  pts->SetDataTypeToFloat();
  pts->SetNumberOfPoints(vtkIdType(visible_.size() * kPts));
  vtkNew<vtkFloatArray> normals;
  normals->SetName("normals");
  normals->SetNumberOfComponents(3);
  normals->SetNumberOfTuples(vtkIdType(visible_.size() * kPts));
  vtkNew<vtkCellArray> polys;
  vtkNew<vtkIdTypeArray> offsets, conn;
  offsets->SetNumberOfValues(vtkIdType(visible_.size() * kCellsPerRack + 1));
  conn->SetNumberOfValues(vtkIdType(visible_.size() * kPts));
  // Top, then the four sides, each counter-clockwise seen from outside.
  static const int faces[kCellsPerRack][4] = {
      {4, 5, 6, 7}, {0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}};
  vtkIdType c = 0, k = 0;
  for (std::size_t v = 0; v < visible_.size(); ++v) {
    const RackPlacement& p = placements_[visible_[v]];
    double corners[8][3];
    rack_corners(p, 0.0, corners);
    const double a = p.orientation_deg * std::numbers::pi / 180.0;
    const double fx = std::sin(a), fy = std::cos(a), rx = std::cos(a), ry = -std::sin(a);
    // Outward normals: top, -front (rear), +right, +front, -right.
    const float n[kCellsPerRack][3] = {{0, 0, 1},
                                       {float(-fx), float(-fy), 0},
                                       {float(rx), float(ry), 0},
                                       {float(fx), float(fy), 0},
                                       {float(-rx), float(-ry), 0}};
    for (int f = 0; f < kCellsPerRack; ++f) {
      offsets->SetValue(c++, k);
      for (int i : faces[f]) {
        pts->SetPoint(k, corners[i]);
        normals->SetTypedTuple(k, n[f]);
        conn->SetValue(k, k);
        ++k;
      }
    }
  }
  offsets->SetValue(c, k);
  polys->SetData(offsets, conn);
  d.racks->Initialize();
  d.racks->SetPoints(pts);
  d.racks->SetPolys(polys);
  d.racks->GetPointData()->SetNormals(normals);
  {
    vtkNew<vtkCellArray> tops;  // the first face of every rack is its top
    vtkNew<vtkIdTypeArray> toff, tconn;
    toff->SetNumberOfValues(vtkIdType(visible_.size() + 1));
    tconn->SetNumberOfValues(vtkIdType(visible_.size() * 4));
    for (vtkIdType v = 0; v < vtkIdType(visible_.size()); ++v) {
      toff->SetValue(v, 4 * v);
      for (vtkIdType q = 0; q < 4; ++q) tconn->SetValue(4 * v + q, v * kPts + q);
    }
    toff->SetValue(vtkIdType(visible_.size()), vtkIdType(visible_.size() * 4));
    tops->SetData(toff, tconn);
    d.racks_lod->Initialize();
    d.racks_lod->SetPoints(pts);
    d.racks_lod->SetPolys(tops);
  }
  // Edges separate neighbouring racks in a row; on a whole campus they would cost a third of the
  // frame and merge into grey anyway.
  d.racks_actor->GetProperty()->SetEdgeVisibility(visible_.size() <= kEdgeRackLimit);
  d.racks_actor->GetProperty()->SetEdgeColor(0.18, 0.18, 0.2);
  recolor();
  rebuild_selection();
}

double SiteScene::value_scale() const {
  switch (options_.color_by) {
    case ColorBy::DesignPower:
    case ColorBy::SolvedPower:
      return 1e-3;
    case ColorBy::Utilisation:
      return 100.0;
    default:
      return 1.0;
  }
}

std::string SiteScene::value_unit() const {
  switch (options_.color_by) {
    case ColorBy::DesignPower:
    case ColorBy::SolvedPower:
      return "kW";
    case ColorBy::Utilisation:
      return "%";
    case ColorBy::InletTemp:
      return "\xC2\xB0"
             "C";
    case ColorBy::Side:
      return "";
  }
  return "";
}

double SiteScene::value_of(std::size_t i) const {
  const auto at = [i](const auto& v) { return i < v.size() ? double(v[i]) : kNaN; };
  switch (options_.color_by) {
    case ColorBy::DesignPower:
      return at(values_.design_power_w);
    case ColorBy::SolvedPower:
      return at(values_.cord_power_w);
    case ColorBy::InletTemp:
      return at(values_.inlet_c);
    case ColorBy::Utilisation:
      return at(values_.utilisation);
    case ColorBy::Side:
      return i < values_.side.size() ? double(int(values_.side[i])) : kNaN;
  }
  return kNaN;
}

std::string SiteScene::describe(std::size_t i) const {
  if (i >= placements_.size()) return {};
  std::string s = (i < rack_names_.size() ? rack_names_[i] : std::string()) + " (id " +
                  std::to_string(placements_[i].id) + ")\n" +
                  (i < rack_types_.size() ? rack_types_[i] : std::string()) + "\n" +
                  to_string(options_.color_by) + ": ";
  const double v = value_of(i);
  if (options_.color_by == ColorBy::Side)
    return s + (std::isnan(v) ? "?" : to_string(FeedSide(int(v))));
  if (std::isnan(v)) return s + "no data";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f %s", v * value_scale(), value_unit().c_str());
  return s + buf;
}

void SiteScene::recolor() {
  auto& d = *d_;
  const std::size_t n = visible_.size();
  vtkNew<vtkUnsignedCharArray> colors;  // per point (4 per face)
  colors->SetName("colors");
  colors->SetNumberOfComponents(3);
  colors->SetNumberOfTuples(vtkIdType(n * kCellsPerRack * 4));
  vtkNew<vtkDoubleArray> value;  // per cell
  value->SetName("value");
  value->SetNumberOfTuples(vtkIdType(n * kCellsPerRack));
  std::vector<double> shown(n);
  for (std::size_t v = 0; v < n; ++v) shown[v] = value_of(visible_[v]);
  const bool side = options_.color_by == ColorBy::Side;
  const double scale = value_scale();
  if (!side) {
    std::vector<double> disp(n);
    for (std::size_t v = 0; v < n; ++v) disp[v] = shown[v] * scale;
    const bool power = options_.color_by != ColorBy::InletTemp;
    auto range = finite_range(disp, power);
    if (!power) {
      // Inlet temperatures often sit within a few tenths of a kelvin: keep at least 4 K around
      // them so that small differences do not look like hot spots.
      const double mid = 0.5 * (range.first + range.second);
      range = {std::min(range.first, mid - 2.0), std::max(range.second, mid + 2.0)};
    }
    range = tidy(range);
    if (options_.color_by == ColorBy::Utilisation) range.second = std::max(range.second, 100.0);
    cmap_ = std::make_unique<ColorMap>(
        options_.color_by == ColorBy::InletTemp ? ColorMapKind::Thermal : ColorMapKind::Viridis,
        range.first, range.second);
  }
  for (std::size_t v = 0; v < n; ++v) {
    const Rgb c =
        side ? (std::isnan(shown[v]) ? ColorMap::kNoData : side_color(FeedSide(int(shown[v]))))
             : cmap_->at(shown[v] * scale);
    const unsigned char rgb[3] = {to_byte(c.r), to_byte(c.g), to_byte(c.b)};
    for (int f = 0; f < kCellsPerRack; ++f) {
      const vtkIdType cell = vtkIdType(v * kCellsPerRack + f);
      value->SetValue(cell, shown[v]);
      for (int q = 0; q < 4; ++q) colors->SetTypedTuple(cell * 4 + q, rgb);
    }
  }
  d.racks->GetCellData()->Initialize();
  d.racks->GetCellData()->AddArray(value);
  d.racks->GetPointData()->SetScalars(colors);
  d.racks_lod->GetPointData()->ShallowCopy(d.racks->GetPointData());
  d.racks_lod->Modified();
  d.racks->Modified();

  // Legend.
  auto* bar = d.bar.Get();
  if (side) {
    vtkNew<vtkLookupTable> lut;
    lut->IndexedLookupOn();
    std::set<int> present;
    for (double s : shown)
      if (!std::isnan(s)) present.insert(int(s));
    for (int s : {0, 1, 2}) present.insert(s);  // A only, B only, A+B always listed
    lut->SetNumberOfTableValues(vtkIdType(present.size()));
    int k = 0;
    for (int s : present) {
      const Rgb c = side_color(FeedSide(s));
      lut->SetTableValue(k++, c.r, c.g, c.b, 1.0);
      lut->SetAnnotation(vtkVariant(s), to_string(FeedSide(s)));
    }
    bar->SetLookupTable(lut);
    bar->SetTitle("Feeds");
    bar->DrawAnnotationsOn();
    bar->SetUseCustomLabels(false);
    bar->SetNumberOfLabels(0);
    bar->SetMaximumNumberOfColors(int(present.size()));
  } else {
    bar->SetLookupTable(lut_from(*cmap_, cmap_->min_value(), cmap_->max_value()));
    std::string title = to_string(options_.color_by);
    if (!value_unit().empty()) title += " (" + value_unit() + ")";
    bar->SetTitle(title.c_str());
    bar->DrawAnnotationsOff();
    bar->SetNumberOfLabels(5);
    bar->SetMaximumNumberOfColors(256);
    set_ticks(bar, cmap_->min_value(), cmap_->max_value());
  }
  bar->SetVisibility(n > 0);
}

void SiteScene::set_selection(const std::vector<Id>& ids) {
  selection_ = ids;
  rebuild_selection();
}

void SiteScene::rebuild_selection() {
  auto& d = *d_;
  std::set<Id> want(selection_.begin(), selection_.end());
  vtkNew<vtkPoints> pts;
  vtkNew<vtkCellArray> lines;
  for (std::size_t v : visible_) {
    if (!want.count(placements_[v].id)) continue;
    double c[8][3];
    rack_corners(placements_[v], 0.05, c);
    add_box_lines(pts, lines, c);
  }
  d.selection->Initialize();
  d.selection->SetPoints(pts);
  d.selection->SetLines(lines);
  d.selection->Modified();
}

void SiteScene::rebuild_slice() {
  auto& d = *d_;
  vtkNew<vtkPoints> pts;
  vtkNew<vtkCellArray> polys;
  vtkNew<vtkUnsignedCharArray> colors;
  colors->SetNumberOfComponents(3);
  colors->SetName("colors");
  vtkNew<vtkDoubleArray> temp;
  temp->SetName("temp_c");
  bool any = false;
  if (options_.slice && !fields_.empty()) {
    // One colour range for every field shown, over the whole field (stable while dragging).
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    std::vector<std::pair<const Field*, const HallBox*>> shown;
    for (std::size_t f = 0; f < fields_.size(); ++f)
      for (const auto& h : halls_)
        if (h.id == field_halls_[f] && in_level(h.id, h.building_id))
          shown.push_back({fields_[f].get(), &h});
    std::set<const Field*> seen;
    for (auto [f, h] : shown) {
      if (!seen.insert(f).second) continue;
      for (double t : f->air.temp_c)
        if (std::isfinite(t)) {
          lo = std::min(lo, t);
          hi = std::max(hi, t);
        }
    }
    if (std::isfinite(lo)) {
      auto range = tidy(finite_range({lo, hi}, false));
      slice_cmap_ = std::make_unique<ColorMap>(ColorMapKind::Thermal, range.first, range.second);
      for (auto [f, h] : shown) {
        const SliceGrid s = extract_slice(f->air, options_.slice_z_m);
        if (s.k < 0) continue;
        for (int j = 0; j < s.ny; ++j)
          for (int i = 0; i < s.nx; ++i) {
            const double t = s.temp_c[std::size_t(i + s.nx * j)];
            if (!std::isfinite(t)) continue;
            add_quad(pts, polys, colors, h->x0 + s.xf[std::size_t(i)], h->y0 + s.yf[std::size_t(j)],
                     h->x0 + s.xf[std::size_t(i) + 1], h->y0 + s.yf[std::size_t(j) + 1],
                     options_.slice_z_m, slice_cmap_->at(t));
            temp->InsertNextValue(t);
            any = true;
          }
      }
    }
  }
  d.slice->Initialize();
  d.slice->SetPoints(pts);
  d.slice->SetPolys(polys);
  d.slice->GetCellData()->SetScalars(colors);
  d.slice->GetCellData()->AddArray(temp);
  d.slice->Modified();
  d.slice_actor->SetVisibility(any);
  if (any) {
    d.slice_bar->SetLookupTable(
        lut_from(*slice_cmap_, slice_cmap_->min_value(), slice_cmap_->max_value()));
    char title[80];
    std::snprintf(title, sizeof title,
                  "Air (\xC2\xB0"
                  "C)\nat %.1f m",
                  options_.slice_z_m);
    d.slice_bar->SetTitle(title);
    set_ticks(d.slice_bar, slice_cmap_->min_value(), slice_cmap_->max_value());
  }
  d.slice_bar->SetVisibility(any);
}

void SiteScene::set_interacting(bool on) {
  auto& d = *d_;
  d.interacting = on;
  const bool lod = on && visible_.size() > kLodRackLimit;
  d.racks_lod_actor->SetVisibility(lod);
  d.racks_actor->SetVisibility(!lod);
}

bool SiteScene::lod_active() const { return d_->racks_lod_actor->GetVisibility(); }

long SiteScene::rack_of_cell(long cell) const {
  if (cell < 0) return -1;
  const auto v = std::size_t(cell) / kCellsPerRack;
  return v < visible_.size() ? long(visible_[v]) : -1;
}

void SiteScene::bounds_of_level(double b[6]) const {
  b[0] = b[2] = b[4] = std::numeric_limits<double>::infinity();
  b[1] = b[3] = b[5] = -std::numeric_limits<double>::infinity();
  const auto grow = [b](double x0, double y0, double x1, double y1, double h) {
    b[0] = std::min(b[0], x0);
    b[1] = std::max(b[1], x1);
    b[2] = std::min(b[2], y0);
    b[3] = std::max(b[3], y1);
    b[4] = std::min(b[4], 0.0);
    b[5] = std::max(b[5], h);
  };
  for (const auto& h : halls_)
    if (in_level(h.id, h.building_id)) grow(h.x0, h.y0, h.x0 + h.w, h.y0 + h.d, h.h);
  if (options_.level != Level::Hall)
    for (const auto& bb : buildings_)
      if (in_level(kNoId, bb.id)) grow(bb.x0, bb.y0, bb.x0 + bb.w, bb.y0 + bb.d, bb.h);
  for (std::size_t v : visible_) {
    const auto& p = placements_[v];
    const double r = 0.5 * std::hypot(p.width_m, p.depth_m);
    grow(p.x_m - r, p.y_m - r, p.x_m + r, p.y_m + r, p.height_m);
  }
  if (!std::isfinite(b[0])) {
    b[0] = b[2] = b[4] = 0;
    b[1] = b[3] = b[5] = 10;
  }
}

void SiteScene::set_camera(CameraView view) {
  double b[6];
  bounds_of_level(b);
  const double c[3] = {0.5 * (b[0] + b[1]), 0.5 * (b[2] + b[3]), 0.5 * (b[4] + b[5])};
  vtkCamera* cam = d_->renderer->GetActiveCamera();
  cam->SetFocalPoint(c);
  switch (view) {
    case CameraView::Top:
      cam->SetPosition(c[0], c[1], c[2] + 100);
      cam->SetViewUp(0, 1, 0);
      break;
    case CameraView::Front:
      cam->SetPosition(c[0], c[1] - 100, c[2] + 20);  // from the south, slightly raised
      cam->SetViewUp(0, 0, 1);
      break;
    case CameraView::Isometric:
      cam->SetPosition(c[0] - 60, c[1] - 80, c[2] + 70);
      cam->SetViewUp(0, 0, 1);
      break;
  }
  cam->SetViewAngle(30);
  // The legends take the right and left 12 % of the view: frame a little wider.
  d_->renderer->ResetCamera(b);
  cam->Zoom(view == CameraView::Top ? 1.15 : 1.25);
  d_->renderer->ResetCameraClippingRange();
}

void SiteScene::reset_camera() { set_camera(CameraView::Isometric); }

QImage SiteScene::snapshot(QSize size) const {
  // Debian's VTK renders offscreen through GLX: without an X display it would abort.
  if (qEnvironmentVariableIsEmpty("DISPLAY") || size.isEmpty()) return {};
  SiteScene s;
  s.options_ = options_;
  s.placements_ = placements_;
  s.rack_names_ = rack_names_;
  s.rack_types_ = rack_types_;
  s.nameplate_w_ = nameplate_w_;
  s.halls_ = halls_;
  s.buildings_ = buildings_;
  s.fields_ = fields_;
  s.field_halls_ = field_halls_;
  s.values_ = values_;
  s.selection_ = selection_;
  s.max_hall_height_m_ = max_hall_height_m_;
  s.camera_set_ = true;
  {
    SceneOptions o = options_;
    s.options_.level = Level::Campus;  // force the geometry rebuild in set_options
    s.options_.focus = kNoId - 1;
    s.set_options(o);
  }
  s.d_->renderer->GetActiveCamera()->DeepCopy(d_->renderer->GetActiveCamera());
  vtkNew<vtkRenderWindow> win;
  win->SetOffScreenRendering(1);
  win->SetMultiSamples(0);
  win->SetSize(size.width(), size.height());
  win->AddRenderer(s.d_->renderer);
  s.d_->renderer->ResetCameraClippingRange();
  win->Render();
  vtkNew<vtkWindowToImageFilter> grab;
  grab->SetInput(win);
  grab->SetInputBufferTypeToRGB();
  grab->ReadFrontBufferOff();
  grab->Update();
  vtkImageData* img = grab->GetOutput();
  int dims[3];
  img->GetDimensions(dims);
  QImage out(dims[0], dims[1], QImage::Format_RGB888);
  const auto* src = static_cast<const unsigned char*>(img->GetScalarPointer());
  for (int y = 0; y < dims[1]; ++y)  // VTK rows go bottom-up
    std::copy_n(src + std::size_t(y) * std::size_t(dims[0]) * 3, std::size_t(dims[0]) * 3,
                out.scanLine(dims[1] - 1 - y));
  win->Finalize();
  return out;
}

}  // namespace dctwin::render
