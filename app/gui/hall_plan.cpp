#include "app/gui/hall_plan.h"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <set>
#include <unordered_set>

#include "app/gui/site_document.h"
#include "model/site/loads.h"

namespace dctwin::app {

namespace edit = model::edit;
using model::Id;
using model::kNoId;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kLegendW = 110;
constexpr double kMargin = 16;
constexpr double kTitleH = 24;

// Drawing sizes of hall cooling units (the catalog gives no footprint for them): symbols to
// scale with typical sizes, for picking and seeing them, not used by any solver.
void unit_size(model::CoolKind k, double& w, double& d) {
  switch (k) {
    case model::CoolKind::FanWall:
      w = 2.4;
      d = 0.6;
      break;
    case model::CoolKind::Crah:
      w = 1.8;
      d = 0.9;
      break;
    default:
      w = 0.8;
      d = 1.2;
      break;  // CDU
  }
}

QColor to_qcolor(const render::Rgb& c) {
  return QColor::fromRgbF(float(c.r), float(c.g), float(c.b));
}

bool is_hall_unit(model::CoolKind k) {
  return k == model::CoolKind::Crah || k == model::CoolKind::FanWall || k == model::CoolKind::Cdu;
}
}  // namespace

HallPlan::HallPlan(QWidget* parent) : QWidget(parent) {
  setMinimumSize(400, 300);
  setAutoFillBackground(true);
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);

  auto make = [this](const QString& text, const QKeySequence& key, auto slot) {
    auto* a = new QAction(text, this);
    if (!key.isEmpty()) a->setShortcut(key);
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(a, &QAction::triggered, this, slot);
    addAction(a);
    return a;
  };
  add_row_ = make(tr("Add &row"), QKeySequence(Qt::CTRL | Qt::Key_R), [this] { on_add_row(); });
  add_row_->setObjectName("actionAddRow");
  add_row_->setToolTip(
      tr("Add a row of racks after the hall's last row, connected where there is room"));
  delete_ = make(tr("&Delete"), QKeySequence::Delete, [this] { on_delete(); });
  delete_->setObjectName("actionDelete");
  rotate_ = make(tr("R&otate 90 degrees"), QKeySequence(Qt::Key_R), [this] { on_rotate(); });
  rotate_->setObjectName("actionRotate");
  copy_ = make(tr("&Copy rows"), QKeySequence::Copy, [this] { on_copy(); });
  copy_->setObjectName("actionCopy");
  paste_ = make(tr("&Paste rows"), QKeySequence::Paste, [this] { on_paste(); });
  paste_->setObjectName("actionPaste");
  select_all_ = make(tr("Select &all racks"), QKeySequence::SelectAll, [this] { on_select_all(); });
  align_left_ = make(tr("Align &left"), {}, [this] { on_align(edit::Align::Left); });
  align_right_ = make(tr("Align r&ight"), {}, [this] { on_align(edit::Align::Right); });
  align_top_ = make(tr("Align &top"), {}, [this] { on_align(edit::Align::Top); });
  align_bottom_ = make(tr("Align &bottom"), {}, [this] { on_align(edit::Align::Bottom); });
  distribute_h_ =
      make(tr("Distribute &horizontally"), {}, [this] { on_distribute(edit::Axis::X); });
  distribute_v_ = make(tr("Distribute &vertically"), {}, [this] { on_distribute(edit::Axis::Y); });
  place_crah_ = make(tr("Place C&RAH"), QKeySequence(Qt::SHIFT | Qt::Key_C), [] {});
  place_crah_->setCheckable(true);
  place_crah_->setToolTip(tr("Click in the hall to place a CRAH there"));
  place_crah_->setObjectName("actionPlaceCrah");
  connect(place_crah_, &QAction::toggled, this, [this](bool on) {
    setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
    if (on) emit statusMessage(tr("Click in the hall to place a CRAH (Esc cancels)."));
  });
  zoom_fit_ = make(tr("&Fit hall"), QKeySequence(Qt::Key_F), [this] {
    fitted_ = false;
    zoom_to_fit();
  });
  auto* esc = new QAction(this);
  esc->setShortcut(Qt::Key_Escape);
  esc->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  connect(esc, &QAction::triggered, this, [this] {
    place_crah_->setChecked(false);
    mode_ = Mode::None;
    drag_offset_m_ = {};
    update();
  });
  addAction(esc);
  update_actions();
}

QList<QAction*> HallPlan::edit_actions() const {
  return {add_row_,      delete_,       rotate_,     nullptr,      copy_,      paste_,
          select_all_,   nullptr,       align_left_, align_right_, align_top_, align_bottom_,
          distribute_h_, distribute_v_, nullptr,     place_crah_,  zoom_fit_};
}

void HallPlan::set_document(SiteDocument* doc) {
  if (doc_) disconnect(doc_, nullptr, this, nullptr);
  doc_ = doc;
  view_site_ = nullptr;
  view_catalog_ = nullptr;
  clip_.clear();
  built_revision_ = ~0ull;
  if (doc_) {
    connect(doc_, &SiteDocument::siteChanged, this, [this] {
      // A hall that vanished (a new project) falls back to the first hall, fitted.
      if (!hall_ptr()) {
        set_hall(site() && !site()->halls.empty() ? site()->halls.front().id : kNoId);
        return;
      }
      rebuild();
      update_actions();
      update();
    });
    connect(doc_, &SiteDocument::selectionChanged, this, [this] {
      update_actions();
      update();
    });
    connect(doc_, &QObject::destroyed, this, [this] {
      doc_ = nullptr;
      racks_.clear();
      units_.clear();
      update();
    });
  }
  set_hall(doc_ && !doc_->site().halls.empty() ? doc_->site().halls.front().id : kNoId);
}

void HallPlan::set_hall(Id hall_id) {
  const bool changed = hall_id != hall_id_;
  hall_id_ = hall_id;
  built_revision_ = ~0ull;
  rebuild();
  // The same hall again (a tree rebuilt after an edit) keeps the person's zoom and pan.
  if (changed || !view_valid_) zoom_to_fit();
  update_actions();
  update();
}

void HallPlan::show_hall(const model::Site* site, const model::Catalog* catalog, Id hall_id) {
  if (doc_ && site == &doc_->site()) {
    set_hall(hall_id);
    return;
  }
  if (doc_) set_document(nullptr);
  view_site_ = site;
  view_catalog_ = catalog;
  set_hall(site && catalog ? hall_id : kNoId);
}

const model::Site* HallPlan::site() const { return doc_ ? &doc_->site() : view_site_; }
const model::Catalog* HallPlan::catalog() const { return doc_ ? &doc_->catalog() : view_catalog_; }

const model::Hall* HallPlan::hall_ptr() const {
  const model::Site* s = site();
  if (!s) return nullptr;
  for (const auto& h : s->halls)
    if (h.id == hall_id_) return &h;
  return nullptr;
}

double HallPlan::tile() const {
  const model::Hall* h = hall_ptr();
  return h && h->tile_m > 0 ? h->tile_m : 0.6;
}

void HallPlan::set_rack_values(std::vector<double> values, const QString& unit,
                               const render::ColorMap& map) {
  values_ = std::move(values);
  unit_ = unit;
  map_ = map;
  custom_values_ = true;
  built_revision_ = ~0ull;
  rebuild();
  update();
}

void HallPlan::clear_rack_values() {
  values_.clear();
  custom_values_ = false;
  map_.reset();
  built_revision_ = ~0ull;
  rebuild();
  update();
}

void HallPlan::rebuild() {
  racks_.clear();
  units_.clear();
  const model::Site* s = site();
  const model::Catalog* cat = catalog();
  const model::Hall* hall = hall_ptr();
  if (!s || !cat || !hall) return;
  built_revision_ = doc_ ? doc_->revision() : 0;
  if (custom_values_ && values_.size() != s->racks.size()) {
    // The site changed under the values: show design power until new values arrive.
    custom_values_ = false;
    map_.reset();
    values_.clear();
  }
  std::unordered_set<Id> rows;
  for (const auto& r : s->rows)
    if (r.hall_id == hall_id_) rows.insert(r.id);
  const auto& R = s->racks;
  double vmax = 0;
  for (std::size_t i = 0; i < R.size(); ++i) {
    if (!rows.count(R.row_id[i])) continue;
    RackItem it{i, R.id[i], R.x_m[i], R.y_m[i], 0.6, 1.2, R.orientation_deg[i], kNaN, false};
    const auto* type = cat->find(R.type[i]);
    if (type && type->kind == model::ItemKind::Rack) {
      const auto spec = model::rack_spec(*type);
      it.w = spec.width_m;
      it.d = spec.depth_m;
      it.unconnected = (R.feed_a[i] == kNoId && R.feed_b[i] == kNoId) ||
                       (spec.liquid_fraction > 0 && R.cdu_id[i] == kNoId) ||
                       (spec.liquid_fraction < 1 && R.air_unit_id[i] == kNoId);
      if (!custom_values_) it.value = model::rack_design_power_w(*s, i, *cat) / 1e3;
    }
    if (custom_values_) it.value = values_[i];
    if (std::isfinite(it.value)) vmax = std::max(vmax, it.value);
    racks_.push_back(it);
  }
  for (const auto& c : s->cooling) {
    if (c.hall_id != hall_id_ || !is_hall_unit(c.kind)) continue;
    UnitItem u{c.id, c.kind, c.x_m, c.y_m, 0, 0, c.orientation_deg, QString::fromStdString(c.name)};
    unit_size(c.kind, u.w, u.d);
    units_.push_back(u);
  }
  if (!custom_values_) {
    unit_ = "kW";
    vmin_ = 0;
    vmax_ = vmax > 0 ? vmax : 1;
  } else {
    vmin_ = map_->min_value();
    vmax_ = map_->max_value();
  }
}

// ---------------------------------------------------------------------------------------------
// View

void HallPlan::zoom_to_fit() {
  const model::Hall* h = hall_ptr();
  if (!h || h->width_m <= 0 || h->depth_m <= 0) return;
  const double sx = (width() - kLegendW - 2 * kMargin) / h->width_m;
  const double sy = (height() - kTitleH - 2 * kMargin) / h->depth_m;
  scale_ = std::max(1e-3, std::min(sx, sy));
  // Centred in the room left of the legend.
  const double free_x = std::max(0.0, width() - kLegendW - 2 * kMargin - h->width_m * scale_);
  const double free_y = std::max(0.0, height() - kTitleH - 2 * kMargin - h->depth_m * scale_);
  origin_ = QPointF(kMargin + free_x / 2, kTitleH + kMargin + free_y / 2 + h->depth_m * scale_);
  fitted_ = true;
  view_valid_ = true;
  update();
}

QPointF HallPlan::to_screen(double x_m, double y_m) const {
  return {origin_.x() + x_m * scale_, origin_.y() - y_m * scale_};
}
QPointF HallPlan::to_world(const QPointF& p) const {
  return {(p.x() - origin_.x()) / scale_, (origin_.y() - p.y()) / scale_};
}

QRectF HallPlan::item_rect_world(double x, double y, double w, double d, double angle_deg) const {
  const double a = angle_deg * std::numbers::pi / 180.0;
  const double c = std::abs(std::cos(a)), s = std::abs(std::sin(a));
  const double hx = 0.5 * (w * c + d * s), hy = 0.5 * (w * s + d * c);
  return QRectF(QPointF(x - hx, y - hy), QPointF(x + hx, y + hy));
}

Id HallPlan::item_at(const QPointF& p) const {
  const QPointF w = to_world(p);
  auto hit = [&](double x, double y, double wd, double dp, double ang) {
    const double a = ang * std::numbers::pi / 180.0;
    const double dx = w.x() - x, dy = w.y() - y;
    const double u = dx * std::cos(a) - dy * std::sin(a);
    const double v = dx * std::sin(a) + dy * std::cos(a);
    return std::abs(u) <= wd / 2 && std::abs(v) <= dp / 2;
  };
  for (auto it = units_.rbegin(); it != units_.rend(); ++it)
    if (hit(it->x, it->y, it->w, it->d, it->angle_deg)) return it->id;
  for (auto it = racks_.rbegin(); it != racks_.rend(); ++it)
    if (hit(it->x, it->y, it->w, it->d, it->angle_deg)) return it->id;
  return kNoId;
}

void HallPlan::resizeEvent(QResizeEvent*) {
  if (fitted_ || built_revision_ == ~0ull) zoom_to_fit();
}

void HallPlan::paintEvent(QPaintEvent*) {
  if (doc_ && built_revision_ != doc_->revision()) rebuild();
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const model::Hall* hall = hall_ptr();
  const model::Site* s = site();
  if (!hall || !s) {
    p.drawText(rect(), Qt::AlignCenter, tr("Select a hall in the site tree to see its plan."));
    return;
  }
  const QColor text = palette().color(QPalette::WindowText);
  const QColor sel(255, 140, 0);
  std::unordered_set<Id> selected;
  if (doc_) selected.insert(doc_->selection().begin(), doc_->selection().end());

  // Floor and tile grid.
  const QRectF floor(to_screen(0, hall->depth_m), to_screen(hall->width_m, 0));
  p.fillRect(floor, QColor(246, 246, 242));
  const double t = tile();
  const int every = t * scale_ >= 6 ? 1 : t * scale_ * 5 >= 6 ? 5 : 0;
  if (every > 0) {
    p.setPen(QPen(QColor(222, 222, 215), 0));
    for (int k = 1; k * t < hall->width_m; ++k)
      if (k % every == 0) p.drawLine(to_screen(k * t, 0), to_screen(k * t, hall->depth_m));
    for (int k = 1; k * t < hall->depth_m; ++k)
      if (k % every == 0) p.drawLine(to_screen(0, k * t), to_screen(hall->width_m, k * t));
  }
  p.setPen(QPen(text, 1.5));
  p.setBrush(Qt::NoBrush);
  p.drawRect(floor);

  // Row names at the start of each row.
  QFont small = font();
  small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.8));
  p.setFont(small);
  p.setPen(QColor(90, 90, 90));
  if (scale_ * 1.2 >= 9)
    for (const auto& r : s->rows) {
      if (r.hall_id != hall_id_) continue;
      const QPointF a = to_screen(r.x_m, r.y_m);
      const QRectF box(a.x() - 200, a.y() - 8, 196, 16);
      p.drawText(box, Qt::AlignRight | Qt::AlignVCenter,
                 QString::fromStdString(r.name).section('-', -1));
    }

  const render::ColorMap def(render::ColorMapKind::Viridis, vmin_, vmax_);
  const render::ColorMap& cmap = map_ ? *map_ : def;
  const bool dragging = mode_ == Mode::Drag && !drag_offset_m_.isNull();
  auto draw_box = [&](double x, double y, double w, double d, double ang, const QBrush& fill,
                      const QPen& pen, bool front) {
    p.save();
    p.translate(to_screen(x, y));
    p.rotate(ang);  // clockwise on screen = from +y towards +x in the hall
    const QRectF r(-w * scale_ / 2, -d * scale_ / 2, w * scale_, d * scale_);
    p.setPen(pen);
    p.setBrush(fill);
    p.drawRect(r);
    if (front && d * scale_ > 6) {  // the front (air intake) edge
      p.setPen(QPen(QColor(20, 20, 20), std::max(1.0, scale_ * 0.05)));
      p.drawLine(r.topLeft(), r.topRight());
    }
    p.restore();
  };
  const QPen outline(QColor(40, 40, 40), scale_ > 20 ? 0.8 : 0.4);
  for (const auto& r : racks_) {
    const QColor c =
        to_qcolor(std::isfinite(r.value) ? cmap.at(r.value) : render::ColorMap::kNoData);
    const bool is_sel = selected.count(r.id) != 0;
    draw_box(r.x, r.y, r.w, r.d, r.angle_deg, c, is_sel ? QPen(sel, 2.5) : outline, true);
  }
  // Unconnected racks: a red cross.
  p.setPen(QPen(QColor(200, 0, 30), std::max(1.0, scale_ * 0.06)));
  for (const auto& r : racks_) {
    if (!r.unconnected) continue;
    const QRectF b = item_rect_world(r.x, r.y, r.w, r.d, r.angle_deg);
    const QPointF a0 = to_screen(b.left() + 0.1, b.top() + 0.1),
                  a1 = to_screen(b.right() - 0.1, b.bottom() - 0.1);
    const QPointF b0 = to_screen(b.left() + 0.1, b.bottom() - 0.1),
                  b1 = to_screen(b.right() - 0.1, b.top() + 0.1);
    p.drawLine(a0, a1);
    p.drawLine(b0, b1);
  }
  for (const auto& u : units_) {
    const QColor c = u.kind == model::CoolKind::Cdu ? QColor(90, 160, 220) : QColor(150, 205, 240);
    draw_box(u.x, u.y, u.w, u.d, u.angle_deg, c, selected.count(u.id) ? QPen(sel, 2.5) : outline,
             false);
    const QString tag = u.kind == model::CoolKind::Cdu    ? "CDU"
                        : u.kind == model::CoolKind::Crah ? "CRAH"
                                                          : "FW";
    const QRectF room = item_rect_world(u.x, u.y, u.w, u.d, u.angle_deg);
    if (p.fontMetrics().horizontalAdvance(tag) + 2 < room.width() * scale_ &&
        p.fontMetrics().height() < room.height() * scale_) {
      p.setPen(QColor(30, 60, 100));
      const QPointF a = to_screen(u.x, u.y);
      p.drawText(QRectF(a.x() - 30, a.y() - 8, 60, 16), Qt::AlignCenter, tag);
    }
  }
  // Where the heat of a few selected racks goes: dashed lines to their CDU and air unit (more
  // than a few would hide the plan).
  if (selected.size() <= 4) {
    for (const auto& r : racks_) {
      if (!selected.count(r.id)) continue;
      for (Id unit : {s->racks.cdu_id[r.index], s->racks.air_unit_id[r.index]})
        for (const auto& u : units_)
          if (u.id == unit) {
            p.setPen(QPen(u.kind == model::CoolKind::Cdu ? QColor(30, 90, 170, 200)
                                                         : QColor(60, 150, 210, 200),
                          1.2, Qt::DashLine));
            p.drawLine(to_screen(r.x, r.y), to_screen(u.x, u.y));
          }
    }
  }
  // The dragged selection where it would land.
  if (dragging) {
    const double dx = drag_offset_m_.x(), dy = drag_offset_m_.y();
    QColor ghost = sel;
    ghost.setAlpha(110);
    for (const auto& r : racks_)
      if (selected.count(r.id) || selected.count(s->racks.row_id[r.index]))
        draw_box(r.x + dx, r.y + dy, r.w, r.d, r.angle_deg, ghost, QPen(sel, 1.5), false);
    for (const auto& u : units_)
      if (selected.count(u.id))
        draw_box(u.x + dx, u.y + dy, u.w, u.d, u.angle_deg, ghost, QPen(sel, 1.5), false);
  }
  if (mode_ == Mode::Band) {
    p.setPen(QPen(QColor(30, 100, 200), 1, Qt::DashLine));
    p.setBrush(QColor(30, 100, 200, 40));
    p.drawRect(band_);
  }

  // Title and legend on panels of their own (the plan may be zoomed or panned under them).
  p.setFont(font());
  const QColor panel = palette().color(QPalette::Window);
  p.fillRect(QRectF(0, 0, width(), kTitleH), panel);
  p.fillRect(QRectF(width() - kLegendW, kTitleH, kLegendW, height() - kTitleH), panel);
  p.setPen(text);
  p.drawText(QPointF(kMargin, 17), tr("%1: %2 racks, %3 m x %4 m, tile %5 m")
                                       .arg(QString::fromStdString(hall->name))
                                       .arg(racks_.size())
                                       .arg(hall->width_m, 0, 'f', 1)
                                       .arg(hall->depth_m, 0, 'f', 1)
                                       .arg(hall->tile_m, 0, 'f', 2));
  const double lx = width() - kLegendW + 14, ly = kTitleH + kMargin + 14;
  const double lh = std::max(60.0, height() - ly - kMargin - 10);
  for (int k = 0; k < 100; ++k) {
    const double v = vmax_ - (vmax_ - vmin_) * k / 99.0;
    p.fillRect(QRectF(lx, ly + lh * k / 100.0, 16, lh / 100.0 + 1), to_qcolor(cmap.at(v)));
  }
  p.setPen(text);
  p.drawText(QPointF(lx - 6, ly - 8), unit_.isEmpty() ? tr("value") : unit_);
  if (vmax_ > vmin_)
    for (double tk : render::legend_ticks(vmin_, vmax_, 6)) {
      const double y = ly + lh * (1.0 - (tk - vmin_) / (vmax_ - vmin_));
      p.drawLine(QPointF(lx + 16, y), QPointF(lx + 20, y));
      p.drawText(QPointF(lx + 22, y + 4), QString::number(tk));
    }
}

// ---------------------------------------------------------------------------------------------
// Editing

bool HallPlan::push(edit::CommandPtr cmd) {
  if (!doc_ || !cmd) return false;
  if (!doc_->push(std::move(cmd))) {
    emit statusMessage(doc_->last_error());
    return false;
  }
  return true;
}

template <typename F>
void HallPlan::run(F&& make) {
  if (!doc_) return;
  try {
    push(make());
  } catch (const std::exception& e) {
    emit statusMessage(QString::fromUtf8(e.what()));
  }
}

std::vector<Id> HallPlan::unconnected_racks() const {
  if (doc_ && built_revision_ != doc_->revision()) const_cast<HallPlan*>(this)->rebuild();
  std::vector<Id> out;
  for (const auto& r : racks_)
    if (r.unconnected) out.push_back(r.id);
  return out;
}

std::vector<Id> HallPlan::selected_racks() const {
  std::vector<Id> out;
  if (!doc_) return out;
  std::unordered_set<Id> sel(doc_->selection().begin(), doc_->selection().end());
  for (const auto& r : racks_)
    if (sel.count(r.id)) out.push_back(r.id);
  return out;
}

std::vector<Id> HallPlan::selected_movables() const {
  std::vector<Id> out;
  if (!doc_) return out;
  std::unordered_set<Id> sel(doc_->selection().begin(), doc_->selection().end());
  std::unordered_set<Id> rows;
  for (const auto& r : doc_->site().rows)
    if (r.hall_id == hall_id_ && sel.count(r.id)) {
      rows.insert(r.id);
      out.push_back(r.id);
    }
  for (const auto& r : racks_)
    if (sel.count(r.id) && !rows.count(doc_->site().racks.row_id[r.index])) out.push_back(r.id);
  for (const auto& u : units_)
    if (sel.count(u.id)) out.push_back(u.id);
  return out;
}

void HallPlan::update_actions() {
  const bool editable = doc_ && hall_ptr();
  const std::size_t n = editable ? selected_movables().size() : 0;
  const std::size_t nr = editable ? selected_racks().size() : 0;
  add_row_->setEnabled(editable);
  delete_->setEnabled(n > 0);
  rotate_->setEnabled(n > 0);
  copy_->setEnabled(nr > 0 || (editable && !selected_movables().empty()));
  paste_->setEnabled(editable && !clip_.empty());
  select_all_->setEnabled(editable);
  for (QAction* a : {align_left_, align_right_, align_top_, align_bottom_}) a->setEnabled(n >= 2);
  distribute_h_->setEnabled(n >= 3);
  distribute_v_->setEnabled(n >= 3);
  place_crah_->setEnabled(editable);
}

void HallPlan::on_add_row() {
  if (!doc_ || !hall_ptr()) return;
  const auto& s = doc_->site();
  // Type: the selected rack's, else the hall's last row's; count: the last row's rack count.
  edit::AddRowSpec spec;
  const model::Row* last = nullptr;
  for (const auto& r : s.rows)
    if (r.hall_id == hall_id_ && (!last || r.y_m >= last->y_m)) last = &r;
  int count = 0;
  std::string last_type;
  if (last)
    for (std::size_t i = 0; i < s.racks.size(); ++i)
      if (s.racks.row_id[i] == last->id) {
        ++count;
        last_type = s.racks.type[i];
      }
  const auto sel = selected_racks();
  if (!sel.empty())
    spec.rack_type = s.racks.type[edit::rack_index(s, sel.front())];
  else if (!last_type.empty())
    spec.rack_type = last_type;
  else if (const auto racks = doc_->catalog().of_kind(model::ItemKind::Rack); !racks.empty())
    spec.rack_type = racks.front()->key;
  spec.racks = count > 0 ? count : 10;
  add_row(QString::fromStdString(spec.rack_type), spec.racks);
}

bool HallPlan::add_row(const QString& type, int racks) {
  if (!doc_ || !hall_ptr()) return false;
  edit::AddRowSpec spec;
  spec.hall_id = hall_id_;
  spec.rack_type = type.toStdString();
  spec.racks = racks;
  const auto& s = doc_->site();
  try {
    auto cmd = edit::add_row(s, doc_->catalog(), spec);
    const auto notes = edit::command_notes(*cmd);
    auto ids = edit::created_ids(*cmd);
    if (push(std::move(cmd))) {
      doc_->set_selection(std::vector<Id>(ids.begin() + 1, ids.end()));  // the new racks
      emit statusMessage(notes.empty() ? tr("Added a row of %1 racks.").arg(spec.racks)
                                       : QString::fromStdString(notes.front()) +
                                             tr(" (%1 notes)").arg(notes.size()));
      return true;
    }
  } catch (const std::exception& e) {
    emit statusMessage(QString::fromUtf8(e.what()));
  }
  return false;
}

void HallPlan::on_delete() {
  const auto ids = selected_movables();
  if (ids.empty()) return;
  run([&] { return edit::delete_entities(doc_->site(), ids); });
}

void HallPlan::on_rotate() {
  const auto ids = selected_movables();
  if (ids.empty()) return;
  run([&] { return edit::rotate_entities(doc_->site(), ids, 1); });
}

void HallPlan::on_copy() {
  if (!doc_) return;
  const auto rows = edit::rows_of(doc_->site(), selected_movables());
  if (rows.empty()) return;
  clip_ = edit::copy_rows(doc_->site(), rows);
  std::size_t n = 0;
  for (const auto& c : clip_) n += c.racks.size();
  emit statusMessage(tr("Copied %1 rows (%2 racks).").arg(clip_.size()).arg(n));
  update_actions();
}

void HallPlan::on_paste() {
  if (!doc_ || clip_.empty() || !hall_ptr()) return;
  const auto& s = doc_->site();
  // After the hall's last row, one row pitch on; the copies keep their spacing.
  std::vector<const model::Row*> rows;
  for (const auto& r : s.rows)
    if (r.hall_id == hall_id_) rows.push_back(&r);
  std::stable_sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return a->y_m < b->y_m; });
  double clip_min_y = clip_.front().row.y_m;
  for (const auto& c : clip_) clip_min_y = std::min(clip_min_y, c.row.y_m);
  double dx = 0, dy = 0;
  const double t = tile();
  if (rows.empty()) {
    dy = 2 * t + 0.6 - clip_min_y;
    dx = 2 * t - clip_.front().row.x_m;
  } else {
    const double pitch =
        rows.size() >= 2 ? rows.back()->y_m - rows[rows.size() - 2]->y_m : 1.2 + 2 * t;
    dy = rows.back()->y_m + pitch - clip_min_y;
    if (clip_.front().row.hall_id != hall_id_) dx = rows.back()->x_m - clip_.front().row.x_m;
  }
  try {
    auto cmd = edit::paste_rows(s, doc_->catalog(), clip_, dx, dy, hall_id_);
    const auto ids = edit::created_ids(*cmd);
    const auto notes = edit::command_notes(*cmd);
    if (push(std::move(cmd))) {
      std::vector<Id> racks;
      for (Id id : ids)
        if (edit::rack_index(doc_->site(), id) != std::size_t(-1)) racks.push_back(id);
      doc_->set_selection(racks);
      emit statusMessage(notes.empty() ? tr("Pasted %1 rows.").arg(clip_.size())
                                       : QString::fromStdString(notes.front()));
    }
  } catch (const std::exception& e) {
    emit statusMessage(QString::fromUtf8(e.what()));
  }
}

void HallPlan::on_select_all() {
  if (!doc_) return;
  std::vector<Id> ids;
  for (const auto& r : racks_) ids.push_back(r.id);
  doc_->set_selection(ids);
}

void HallPlan::on_align(edit::Align how) {
  std::vector<Id> ids;
  for (Id id : selected_movables())
    if (edit::entity_kind(doc_->site(), id) != "row") ids.push_back(id);
  run([&] { return edit::align(doc_->site(), doc_->catalog(), ids, how); });
}

void HallPlan::on_distribute(edit::Axis axis) {
  std::vector<Id> ids;
  for (Id id : selected_movables())
    if (edit::entity_kind(doc_->site(), id) != "row") ids.push_back(id);
  run([&] { return edit::distribute(doc_->site(), ids, axis); });
}

// ---------------------------------------------------------------------------------------------
// Mouse

void HallPlan::mousePressEvent(QMouseEvent* e) {
  setFocus(Qt::MouseFocusReason);
  press_pos_ = last_pos_ = e->position();
  if (e->button() == Qt::MiddleButton) {
    mode_ = Mode::Pan;
    setCursor(Qt::ClosedHandCursor);
    return;
  }
  if (e->button() != Qt::LeftButton || !doc_ || !hall_ptr()) return;
  if (place_crah_->isChecked()) {
    const QPointF w = to_world(e->position());
    const double t = tile();
    const double x = std::round(w.x() / t) * t, y = std::round(w.y() / t) * t;
    QString type = place_type_;
    if (type.isEmpty())
      if (const auto crahs = doc_->catalog().of_kind(model::ItemKind::Crah); !crahs.empty())
        type = QString::fromStdString(crahs.front()->key);
    place_crah_->setChecked(false);
    try {
      auto cmd = edit::place_cooling_unit(doc_->site(), doc_->catalog(), hall_id_,
                                          type.toStdString(), x, y);
      const auto ids = edit::created_ids(*cmd);
      if (push(std::move(cmd))) doc_->set_selection(ids);
    } catch (const std::exception& ex) {
      emit statusMessage(QString::fromUtf8(ex.what()));
    }
    return;
  }
  press_toggle_ = e->modifiers() & Qt::ControlModifier;
  press_item_ = item_at(e->position());
  if (press_item_ != kNoId) {
    std::vector<Id> sel = doc_->selection();
    const bool in = std::find(sel.begin(), sel.end(), press_item_) != sel.end();
    if (press_toggle_) {
      if (in)
        sel.erase(std::remove(sel.begin(), sel.end(), press_item_), sel.end());
      else
        sel.push_back(press_item_);
      doc_->set_selection(sel);
      mode_ = Mode::None;
      return;
    }
    if (!in) doc_->set_selection({press_item_});
    mode_ = Mode::Press;
  } else {
    mode_ = Mode::Band;
    band_ = QRectF(press_pos_, press_pos_);
  }
}

void HallPlan::mouseMoveEvent(QMouseEvent* e) {
  const QPointF pos = e->position();
  switch (mode_) {
    case Mode::Pan:
      origin_ += pos - last_pos_;
      fitted_ = false;
      update();
      break;
    case Mode::Press:
      if ((pos - press_pos_).manhattanLength() < 4) break;
      mode_ = Mode::Drag;
      [[fallthrough]];
    case Mode::Drag: {
      const QPointF d = to_world(pos) - to_world(press_pos_);
      const double t = tile();
      const QPointF snapped(std::round(d.x() / t) * t, std::round(d.y() / t) * t);
      if (snapped != drag_offset_m_) {
        drag_offset_m_ = snapped;
        update();
      }
      break;
    }
    case Mode::Band:
      band_ = QRectF(press_pos_, pos).normalized();
      update();
      break;
    case Mode::None:
      break;
  }
  last_pos_ = pos;
}

void HallPlan::mouseReleaseEvent(QMouseEvent* e) {
  const Mode mode = mode_;
  mode_ = Mode::None;
  if (mode == Mode::Pan) {
    setCursor(place_crah_->isChecked() ? Qt::CrossCursor : Qt::ArrowCursor);
    return;
  }
  if (!doc_) return;
  if (mode == Mode::Drag) {
    const QPointF d = drag_offset_m_;
    drag_offset_m_ = {};
    if (!d.isNull()) {
      const auto ids = selected_movables();
      run([&] { return edit::move_entities(doc_->site(), ids, d.x(), d.y()); });
    }
    update();
  } else if (mode == Mode::Band) {
    const QRectF band = QRectF(press_pos_, e->position()).normalized();
    std::vector<Id> sel = press_toggle_ ? doc_->selection() : std::vector<Id>{};
    if (band.width() >= 3 || band.height() >= 3) {
      const QPointF a = to_world(band.bottomLeft()), b = to_world(band.topRight());
      const QRectF wb(QPointF(a.x(), a.y()), QPointF(b.x(), b.y()));
      for (const auto& r : racks_)
        if (wb.intersects(item_rect_world(r.x, r.y, r.w, r.d, r.angle_deg))) sel.push_back(r.id);
      for (const auto& u : units_)
        if (wb.intersects(item_rect_world(u.x, u.y, u.w, u.d, u.angle_deg))) sel.push_back(u.id);
    }
    doc_->set_selection(sel);
    update();
  }
}

void HallPlan::wheelEvent(QWheelEvent* e) {
  const double steps = e->angleDelta().y() / 120.0;
  if (steps == 0) return;
  const QPointF pos = e->position();
  const QPointF w = to_world(pos);
  scale_ = std::clamp(scale_ * std::pow(1.2, steps), 0.05, 2000.0);
  origin_ = QPointF(pos.x() - w.x() * scale_, pos.y() + w.y() * scale_);
  fitted_ = false;
  update();
}

bool HallPlan::event(QEvent* e) {
  if (e->type() == QEvent::ToolTip) {
    auto* he = static_cast<QHelpEvent*>(e);
    const Id id = item_at(he->pos());
    const model::Site* s = site();
    if (id == kNoId || !s) {
      QToolTip::hideText();
      e->ignore();
      return true;
    }
    QString tip;
    for (const auto& r : racks_)
      if (r.id == id) {
        tip = tr("Rack %1 (id %2)\nType: %3\n%4: %5 %6")
                  .arg(QString::fromStdString(s->racks.name[r.index]))
                  .arg(id)
                  .arg(QString::fromStdString(s->racks.type[r.index]))
                  .arg(custom_values_ ? tr("Value") : tr("Design power"))
                  .arg(std::isfinite(r.value) ? QString::number(r.value, 'g', 4) : tr("no data"))
                  .arg(unit_);
      }
    for (const auto& c : s->cooling)
      if (c.id == id)
        tip = tr("%1 %2 (id %3)\nType: %4\nCapacity: %5 kW")
                  .arg(model::to_string(c.kind))
                  .arg(QString::fromStdString(c.name))
                  .arg(id)
                  .arg(QString::fromStdString(c.type))
                  .arg(c.capacity_w / 1e3, 0, 'f', 0);
    QToolTip::showText(he->globalPos(), tip, this);
    return true;
  }
  return QWidget::event(e);
}

void HallPlan::contextMenuEvent(QContextMenuEvent* e) {
  QMenu* menu = make_context_menu(e->pos());
  if (!menu) return;
  menu->exec(e->globalPos());
  delete menu;
}

void HallPlan::keyPressEvent(QKeyEvent* e) {
  // Arrow keys nudge the selection by one tile; consecutive nudges are one undo step.
  double dx = 0, dy = 0;
  switch (e->key()) {
    case Qt::Key_Left:
      dx = -1;
      break;
    case Qt::Key_Right:
      dx = 1;
      break;
    case Qt::Key_Up:
      dy = 1;
      break;
    case Qt::Key_Down:
      dy = -1;
      break;
    default:
      QWidget::keyPressEvent(e);
      return;
  }
  const auto ids = selected_movables();
  if (!doc_ || ids.empty()) return;
  const double t = tile();
  try {
    if (!doc_->push(edit::move_entities(doc_->site(), ids, dx * t, dy * t), tr("Nudge"),
                    /*merge=*/true))
      emit statusMessage(doc_->last_error());
  } catch (const std::exception& ex) {
    emit statusMessage(QString::fromUtf8(ex.what()));
  }
}

QMenu* HallPlan::make_context_menu(const QPoint& pos) {
  if (!doc_ || !hall_ptr()) return nullptr;
  const Id under = item_at(pos);
  if (under != kNoId) {
    const auto& sel = doc_->selection();
    if (std::find(sel.begin(), sel.end(), under) == sel.end()) doc_->set_selection({under});
  }
  const auto& s = doc_->site();
  const auto& cat = doc_->catalog();
  const auto racks = selected_racks();
  auto* menu = new QMenu(this);
  if (!racks.empty()) {
    auto* types = menu->addMenu(tr("Rack &type"));
    types->setObjectName("menuRackType");
    for (const auto* item : cat.of_kind(model::ItemKind::Rack)) {
      const std::string key = item->key;
      types->addAction(
          QString::fromStdString(item->name + "  (" + key + ")"), this, [this, racks, key] {
            run([&] { return edit::set_rack_type(doc_->site(), doc_->catalog(), racks, key); });
          });
    }
    const bool dc = model::rack_is_dc(cat, s.racks.type[edit::rack_index(s, racks.front())]);
    for (edit::Cord cord : {edit::Cord::A, edit::Cord::B}) {
      auto* m =
          menu->addMenu(cord == edit::Cord::A ? tr("Connect &A feed") : tr("Connect &B feed"));
      m->setObjectName(cord == edit::Cord::A ? "menuFeedA" : "menuFeedB");
      m->addAction(tr("(unplug)"), this, [this, racks, cord] {
        run([&] { return edit::connect_feed(doc_->site(), doc_->catalog(), racks, cord, kNoId); });
      });
      for (const auto& n : s.elec_nodes) {
        if (!model::is_rack_feed(n.kind) || n.hall_id != hall_id_ || n.dc != dc) continue;
        if (n.side == (cord == edit::Cord::A ? "B" : "A")) continue;  // the other side's equipment
        const Id node = n.id;
        m->addAction(QString::fromStdString(n.name + (n.side.empty() ? "" : "  [" + n.side + "]")),
                     this, [this, racks, cord, node] {
                       run([&] {
                         return edit::connect_feed(doc_->site(), doc_->catalog(), racks, cord,
                                                   node);
                       });
                     });
      }
    }
    auto* cdu = menu->addMenu(tr("Connect &CDU"));
    auto* air = menu->addMenu(tr("Connect air &unit"));
    cdu->setObjectName("menuCdu");
    air->setObjectName("menuAir");
    for (const auto& c : s.cooling) {
      if (c.hall_id != hall_id_) continue;
      QMenu* m = c.kind == model::CoolKind::Cdu ? cdu
                 : (c.kind == model::CoolKind::Crah || c.kind == model::CoolKind::FanWall)
                     ? air
                     : nullptr;
      if (!m) continue;
      const Id unit = c.id;
      m->addAction(QString::fromStdString(c.name), this, [this, racks, unit] {
        run([&] { return edit::connect_cooling(doc_->site(), racks, unit); });
      });
    }
    menu->addSeparator();
    const auto rows = edit::rows_of(s, racks);
    menu->addAction(tr("Select whole &row(s)"), this,
                    [this, rows] {
                      std::vector<Id> ids;
                      std::unordered_set<Id> in(rows.begin(), rows.end());
                      for (const auto& r : racks_)
                        if (in.count(doc_->site().racks.row_id[r.index])) ids.push_back(r.id);
                      doc_->set_selection(ids);
                    })
        ->setObjectName("actionSelectRows");
    menu->addAction(tr("Add a rack at the row's &end"), this,
                    [this, rows, racks] {
                      const std::string type =
                          doc_->site().racks.type[edit::rack_index(doc_->site(), racks.front())];
                      try {
                        auto cmd =
                            edit::add_racks(doc_->site(), doc_->catalog(), rows.front(), 1, type);
                        const auto ids = edit::created_ids(*cmd);
                        const auto notes = edit::command_notes(*cmd);
                        if (push(std::move(cmd))) {
                          doc_->set_selection(ids);
                          if (!notes.empty())
                            emit statusMessage(QString::fromStdString(notes.front()));
                        }
                      } catch (const std::exception& ex) {
                        emit statusMessage(QString::fromUtf8(ex.what()));
                      }
                    })
        ->setObjectName("actionAddRack");
    menu->addAction(
            tr("Delete row(s)"), this,
            [this, rows] { run([&] { return edit::delete_entities(doc_->site(), rows); }); })
        ->setObjectName("actionDeleteRows");
    menu->addSeparator();
  }
  std::vector<Id> units;  // selected CRAHs, fan walls and CDUs: their motors' feeds
  {
    std::unordered_set<Id> sel(doc_->selection().begin(), doc_->selection().end());
    for (const auto& u : units_)
      if (sel.count(u.id) && model::is_powered(u.kind)) units.push_back(u.id);
  }
  if (!units.empty()) {
    const auto candidates = edit::cooling_feed_candidates(s, units.front());
    for (edit::Cord cord : {edit::Cord::A, edit::Cord::B}) {
      auto* m = menu->addMenu(cord == edit::Cord::A ? tr("Connect unit A feed")
                                                    : tr("Connect unit B feed"));
      m->setObjectName(cord == edit::Cord::A ? "menuUnitFeedA" : "menuUnitFeedB");
      m->addAction(tr("(disconnect)"), this, [this, units, cord] {
        run([&] { return edit::connect_cooling_feed(doc_->site(), units, cord, kNoId); });
      });
      for (const auto& n : s.elec_nodes) {
        if (std::find(candidates.begin(), candidates.end(), n.id) == candidates.end()) continue;
        if (n.side == (cord == edit::Cord::A ? "B" : "A")) continue;  // the other side's
        const Id node = n.id;
        m->addAction(
            QString::fromStdString(n.name + (n.side.empty() ? "" : "  [" + n.side + "]")), this,
            [this, units, cord, node] {
              run([&] { return edit::connect_cooling_feed(doc_->site(), units, cord, node); });
            });
      }
    }
    menu->addSeparator();
  }
  menu->addAction(rotate_);
  menu->addAction(delete_);
  menu->addSeparator();
  menu->addAction(copy_);
  menu->addAction(paste_);
  auto* al = menu->addMenu(tr("A&lign"));
  for (QAction* a :
       {align_left_, align_right_, align_top_, align_bottom_, distribute_h_, distribute_v_})
    al->addAction(a);
  menu->addSeparator();
  const QPointF w = to_world(pos);
  menu->addAction(tr("Place CRAH &here"), this, [this, w] {
    QString type = place_type_;
    if (type.isEmpty())
      if (const auto crahs = doc_->catalog().of_kind(model::ItemKind::Crah); !crahs.empty())
        type = QString::fromStdString(crahs.front()->key);
    const double t = tile();
    try {
      auto cmd =
          edit::place_cooling_unit(doc_->site(), doc_->catalog(), hall_id_, type.toStdString(),
                                   std::round(w.x() / t) * t, std::round(w.y() / t) * t);
      const auto ids = edit::created_ids(*cmd);
      if (push(std::move(cmd))) doc_->set_selection(ids);
    } catch (const std::exception& ex) {
      emit statusMessage(QString::fromUtf8(ex.what()));
    }
  });
  menu->addAction(add_row_);
  return menu;
}

}  // namespace dctwin::app
