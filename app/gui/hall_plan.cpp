#include "app/gui/hall_plan.h"

#include <QPainter>

#include <cmath>
#include <numbers>
#include <unordered_set>

#include "model/site/loads.h"
#include "render/colormap.h"

namespace dctwin::app {

HallPlan::HallPlan(QWidget* parent) : QWidget(parent) {
  setMinimumSize(400, 300);
  setAutoFillBackground(true);
}

void HallPlan::show_hall(const model::Site* site, const model::Catalog* catalog, model::Id hall_id) {
  hall_ = nullptr;
  racks_.clear();
  max_power_w_ = 0;
  if (site && catalog) {
    for (const auto& h : site->halls)
      if (h.id == hall_id) hall_ = &h;
    if (hall_) {
      std::unordered_set<model::Id> rows;
      for (const auto& r : site->rows)
        if (r.hall_id == hall_id) rows.insert(r.id);
      const auto& R = site->racks;
      for (std::size_t i = 0; i < R.size(); ++i) {
        if (!rows.count(R.row_id[i])) continue;
        const auto* type = catalog->find(R.type[i]);
        if (!type || type->kind != model::ItemKind::Rack) continue;
        const auto spec = model::rack_spec(*type);
        const double a = R.orientation_deg[i] * std::numbers::pi / 180.0;
        const double hx = 0.5 * (spec.width_m * std::abs(std::cos(a)) + spec.depth_m * std::abs(std::sin(a)));
        const double hy = 0.5 * (spec.width_m * std::abs(std::sin(a)) + spec.depth_m * std::abs(std::cos(a)));
        const double p = model::rack_design_power_w(*site, i, *catalog);
        racks_.push_back({R.x_m[i] - hx, R.y_m[i] - hy, R.x_m[i] + hx, R.y_m[i] + hy, p});
        max_power_w_ = std::max(max_power_w_, p);
      }
    }
  }
  update();
}

void HallPlan::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  if (!hall_) {
    p.drawText(rect(), Qt::AlignCenter, tr("Select a hall in the site tree to see its plan."));
    return;
  }
  const double legend_w = 90;
  const double margin = 20;
  const double sx = (width() - legend_w - 2 * margin) / hall_->width_m;
  const double sy = (height() - 2 * margin - 20) / hall_->depth_m;
  const double s = std::max(1e-6, std::min(sx, sy));
  // Hall y grows north; the screen's y grows down.
  auto to_screen = [&](double x, double y) {
    return QPointF(margin + x * s, margin + 20 + (hall_->depth_m - y) * s);
  };
  p.setPen(QPen(palette().color(QPalette::WindowText), 1.5));
  p.drawRect(QRectF(to_screen(0, hall_->depth_m), to_screen(hall_->width_m, 0)));
  p.drawText(QPointF(margin, margin + 12),
             QString::fromStdString(hall_->name) + tr(": %1 racks, %2 m x %3 m")
                 .arg(racks_.size())
                 .arg(hall_->width_m, 0, 'f', 1)
                 .arg(hall_->depth_m, 0, 'f', 1));
  const double top = max_power_w_ > 0 ? max_power_w_ : 1.0;
  const render::ColorMap cmap(render::ColorMapKind::Viridis, 0.0, top);
  p.setPen(QPen(Qt::black, 0.5));
  for (const auto& r : racks_) {
    const auto c = cmap.at(r.power_w);
    p.setBrush(QColor::fromRgbF(float(c.r), float(c.g), float(c.b)));
    p.drawRect(QRectF(to_screen(r.x0, r.y1), to_screen(r.x1, r.y0)));
  }
  // Legend: design power, kW.
  const double lx = width() - legend_w + 10, ly = margin + 20, lh = std::max(60.0, height() - 2 * margin - 40);
  for (int k = 0; k < 100; ++k) {
    const auto c = cmap.at(top * (1.0 - k / 99.0));
    p.fillRect(QRectF(lx, ly + lh * k / 100.0, 16, lh / 100.0 + 1), QColor::fromRgbF(float(c.r), float(c.g), float(c.b)));
  }
  p.setPen(palette().color(QPalette::WindowText));
  p.drawText(QPointF(lx - 4, ly - 6), tr("kW"));
  for (double t : render::legend_ticks(0.0, top / 1e3, 6)) {
    const double y = ly + lh * (1.0 - t * 1e3 / top);
    p.drawLine(QPointF(lx + 16, y), QPointF(lx + 20, y));
    p.drawText(QPointF(lx + 22, y + 4), QString::number(t));
  }
}

}  // namespace dctwin::app
