#include "app/report/site_plan.h"

#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPaintDevice>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <unordered_map>

#include "render/colormap.h"

namespace dctwin::app::report {

namespace {
QColor qcolor(const render::Rgb& c) { return QColor::fromRgbF(float(c.r), float(c.g), float(c.b)); }
}  // namespace

void paint_site_plan(QPainter& p, const QRectF& rect, const model::Site& site,
                     const model::Catalog* catalog, const std::vector<double>& value,
                     const SitePlanOptions& opt) {
  static const model::Catalog kNone;  // no catalog: every rack type unknown
  paint_site_plan(p, rect, model::compile_site_ref(site, catalog ? *catalog : kNone), value, opt);
}

void paint_site_plan(QPainter& p, const QRectF& rect, const model::SiteRef& ref,
                     const std::vector<double>& value, const SitePlanOptions& opt) {
  const model::Site& site = *ref.site;
  p.save();
  p.setRenderHint(QPainter::Antialiasing, true);
  const int dpi = p.device() ? p.device()->logicalDpiY() : 96;
  const double fpx = opt.font_pt > 0
                         ? opt.font_pt * dpi / 72.0
                         : std::clamp(std::min(rect.height(), rect.width()) / 45.0, 7.0, 400.0);
  QFont font = p.font();
  font.setPixelSize(std::max(1, int(fpx)));
  p.setFont(font);
  const QFontMetricsF fm(font, p.device());

  // Campus positions of halls (building corner + hall corner).
  const auto hall_origin = [&](std::size_t h) {
    return QPointF(ref.hall_origin_x_m[h], ref.hall_origin_y_m[h]);
  };
  double x0 = std::numeric_limits<double>::max(), y0 = x0, x1 = -x0, y1 = -x0;
  auto grow = [&](double x, double y) {
    x0 = std::min(x0, x);
    y0 = std::min(y0, y);
    x1 = std::max(x1, x);
    y1 = std::max(y1, y);
  };
  for (const auto& b : site.buildings) {
    grow(b.x_m, b.y_m);
    grow(b.x_m + b.width_m, b.y_m + b.depth_m);
  }
  for (std::size_t k = 0; k < site.halls.size(); ++k) {
    const model::Hall& h = site.halls[k];
    const QPointF o = hall_origin(k);
    grow(o.x(), o.y());
    grow(o.x() + h.width_m, o.y() + h.depth_m);
  }
  if (x1 <= x0 || y1 <= y0) {
    p.drawText(rect, Qt::AlignCenter, "the site has no buildings or halls to draw");
    p.restore();
    return;
  }
  // Value range and legend.
  double vmin = std::numeric_limits<double>::max(), vmax = -vmin;
  for (double v : value)
    if (std::isfinite(v)) {
      vmin = std::min(vmin, v * opt.value_scale);
      vmax = std::max(vmax, v * opt.value_scale);
    }
  const bool has_values = vmin <= vmax;
  if (has_values && vmax - vmin < 1e-9 * std::max(1.0, std::abs(vmax))) {
    vmin -= std::max(1.0, std::abs(vmin) * 0.05);
    vmax += std::max(1.0, std::abs(vmax) * 0.05);
  }
  const render::ColorMap cmap(render::ColorMapKind::Viridis, has_values ? vmin : 0,
                              has_values ? vmax : 1);
  const double legend_w = has_values ? fpx * 8 : 0;
  const QRectF plan(rect.left(), rect.top(), rect.width() - legend_w, rect.height() - fpx * 1.6);
  const double margin = fpx;
  const double s =
      std::min((plan.width() - 2 * margin) / (x1 - x0), (plan.height() - 2 * margin) / (y1 - y0));
  const double ox = plan.left() + margin + ((plan.width() - 2 * margin) - s * (x1 - x0)) / 2;
  const double oy = plan.top() + margin + ((plan.height() - 2 * margin) - s * (y1 - y0)) / 2;
  auto to = [&](double x, double y) {
    return QPointF(ox + (x - x0) * s, oy + (y1 - y) * s);
  };  // north up
  const double line = std::max(1.0, fpx / 10);

  // Buildings, then halls.
  for (const auto& b : site.buildings) {
    const QRectF r(to(b.x_m, b.y_m + b.depth_m), to(b.x_m + b.width_m, b.y_m));
    p.setPen(QPen(QColor(60, 60, 60), line * 1.5));
    p.setBrush(QColor(235, 235, 235));
    p.drawRect(r);
  }
  for (std::size_t k = 0; k < site.halls.size(); ++k) {
    const model::Hall& h = site.halls[k];
    const QPointF o = hall_origin(k);
    const QRectF r(to(o.x(), o.y() + h.depth_m), to(o.x() + h.width_m, o.y()));
    p.setPen(QPen(QColor(120, 120, 120), line));
    p.setBrush(Qt::white);
    p.drawRect(r);
  }
  // Racks: one small rectangle each (at least one device pixel): the compiled footprint, or a
  // 0.6 m x 1.2 m placeholder for a type the catalog does not hold.
  p.setPen(Qt::NoPen);
  const auto& R = site.racks;
  for (std::size_t i = 0; i < R.size(); ++i) {
    const std::size_t h = ref.rack_hall[i];
    if (h == model::kNone) continue;
    const QPointF o = hall_origin(h);
    const model::FootprintRect f =
        ref.rack_known(i) && ref.rack_spec[i].width_m > 0 && ref.rack_spec[i].depth_m > 0
            ? ref.rack_footprint[i]
            : model::turned_footprint(R.x_m[i], R.y_m[i], R.orientation_deg[i], 0.6, 1.2);
    QRectF r(to(o.x() + f.x0, o.y() + f.y1), to(o.x() + f.x1, o.y() + f.y0));
    if (r.width() < 1) r.setWidth(1);
    if (r.height() < 1) r.setHeight(1);
    const double v =
        i < value.size() ? value[i] * opt.value_scale : std::numeric_limits<double>::quiet_NaN();
    p.setBrush(qcolor(has_values ? cmap.at(v) : render::ColorMap::kNoData));
    p.drawRect(r);
  }
  // Names (buildings above their outline, halls inside when there is room).
  p.setPen(Qt::black);
  for (const auto& b : site.buildings) {
    const QPointF tl = to(b.x_m, b.y_m + b.depth_m);
    p.drawText(QRectF(tl.x(), tl.y() - fpx * 1.3, b.width_m * s, fpx * 1.2),
               Qt::AlignLeft | Qt::AlignBottom,
               fm.elidedText(QString::fromStdString(b.name), Qt::ElideRight, b.width_m * s));
  }
  QFont small = font;
  small.setPixelSize(std::max(1, int(fpx * 0.8)));
  p.setFont(small);
  for (std::size_t k = 0; k < site.halls.size(); ++k) {
    const model::Hall& h = site.halls[k];
    const QPointF o = hall_origin(k);
    const QRectF r(to(o.x(), o.y() + h.depth_m), to(o.x() + h.width_m, o.y()));
    if (r.width() > fpx * 3 && r.height() > fpx * 1.2)
      p.drawText(r.adjusted(fpx * 0.2, fpx * 0.1, 0, 0), Qt::AlignLeft | Qt::AlignTop,
                 QFontMetricsF(small, p.device())
                     .elidedText(QString::fromStdString(h.name), Qt::ElideRight, r.width()));
  }
  p.setFont(font);
  // Scale bar: a round length about a fifth of the plan.
  {
    const double target = (x1 - x0) / 5;
    const double pow10 = std::pow(10.0, std::floor(std::log10(target)));
    double len = pow10;
    for (double m : {1.0, 2.0, 5.0})
      if (m * pow10 <= target) len = m * pow10;
    const QPointF a(plan.left() + margin, rect.bottom() - fpx * 0.6);
    p.setPen(QPen(Qt::black, line * 2));
    p.drawLine(a, a + QPointF(len * s, 0));
    p.drawText(QPointF(a.x() + len * s + fpx * 0.5, a.y() + fpx * 0.35),
               QString::number(len, 'g', 4) + " m   (north up)");
  }
  // Legend.
  if (has_values) {
    const QRectF lr(plan.right() + fpx, plan.top() + fpx * 2.5, fpx * 1.5, plan.height() - fpx * 5);
    QLinearGradient g(lr.bottomLeft(), lr.topLeft());
    for (int k = 0; k <= 20; ++k)
      g.setColorAt(k / 20.0, qcolor(cmap.at(vmin + (vmax - vmin) * k / 20.0)));
    p.setPen(QPen(Qt::black, line));
    p.setBrush(g);
    p.drawRect(lr);
    p.drawText(QRectF(lr.left() - fpx, plan.top(), legend_w, fpx * 2.2),
               Qt::AlignLeft | Qt::AlignBottom | Qt::TextWordWrap,
               QString::fromStdString(opt.legend_title));
    for (double t : render::legend_ticks(vmin, vmax, 6)) {
      const double y = lr.bottom() - (t - vmin) / (vmax - vmin) * lr.height();
      p.drawLine(QPointF(lr.right(), y), QPointF(lr.right() + fpx * 0.4, y));
      p.drawText(QPointF(lr.right() + fpx * 0.6, y + fpx * 0.35), QString::number(t, 'g', 4));
    }
  }
  p.restore();
}

}  // namespace dctwin::app::report
