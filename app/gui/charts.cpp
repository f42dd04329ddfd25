#include "app/gui/charts.h"

#include <QChart>
#include <QContextMenuEvent>
#include <QFile>
#include <QGraphicsView>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineSeries>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QSaveFile>
#include <QScatterSeries>
#include <QSvgGenerator>
#include <QTableWidget>
#include <QTextStream>
#include <QValueAxis>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <limits>

namespace dctwin::app {

QList<QPointF> decimate_min_max(std::span<const double> x, std::span<const double> y, double x_lo,
                                double x_hi, int buckets) {
  QList<QPointF> out;
  const std::size_t n = std::min(x.size(), y.size());
  if (n == 0 || !(x_hi >= x_lo)) return out;
  buckets = std::max(buckets, 1);
  auto xb = x.begin();
  std::size_t i0 = static_cast<std::size_t>(std::lower_bound(xb, xb + n, x_lo) - xb);
  std::size_t i1 = static_cast<std::size_t>(std::upper_bound(xb, xb + n, x_hi) - xb);
  if (i0 > 0) --i0;  // the neighbours outside the range, so the line reaches the edges
  if (i1 < n) ++i1;
  auto put = [&](std::size_t i) {
    if (std::isfinite(y[i])) out.append(QPointF(x[i], y[i]));
  };
  if (i1 - i0 <= 2 * static_cast<std::size_t>(buckets)) {
    out.reserve(static_cast<qsizetype>(i1 - i0));
    for (std::size_t i = i0; i < i1; ++i) put(i);
    return out;
  }
  out.reserve(2 * buckets + 4);
  const double width = x_hi > x_lo ? (x_hi - x_lo) / buckets : 1.0;
  auto bucket = [&](double xv) {
    return std::clamp(static_cast<int>((xv - x_lo) / width), 0, buckets - 1);
  };
  std::size_t i = i0;
  while (i < i1 && x[i] < x_lo) put(i++);
  while (i < i1 && x[i] <= x_hi) {
    const int b = bucket(x[i]);
    std::size_t lo_i = n, hi_i = n;
    std::size_t j = i;
    for (; j < i1 && x[j] <= x_hi && bucket(x[j]) == b; ++j) {
      if (!std::isfinite(y[j])) continue;
      if (lo_i == n || y[j] < y[lo_i]) lo_i = j;
      if (hi_i == n || y[j] > y[hi_i]) hi_i = j;
    }
    if (lo_i != n) {
      if (lo_i == hi_i) {
        put(lo_i);
      } else {
        put(std::min(lo_i, hi_i));
        put(std::max(lo_i, hi_i));
      }
    }
    i = j;
  }
  while (i < i1) put(i++);
  return out;
}

namespace {

// "Grid import (MW)" -> "MW".
QString unit_of(const QString& label) {
  const int a = label.lastIndexOf('('), b = label.lastIndexOf(')');
  return a >= 0 && b > a ? label.mid(a + 1, b - a - 1) : QString();
}

// A tick interval near span/8 from the 1-2-5 series (and 3, 6, 12 for hours and days).
double nice_step(double span) {
  if (!(span > 0)) return 1.0;
  const double raw = span / 8.0;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 3.0, 5.0, 6.0, 10.0})
    if (m * mag >= raw) return m * mag;
  return 10.0 * mag;
}

QString fmt(double v) {
  if (!std::isfinite(v)) return QStringLiteral("-");
  const double a = std::abs(v);
  if (a != 0 && (a >= 1e6 || a < 1e-3)) return QString::number(v, 'g', 4);
  return QString::number(v, 'f', a >= 100 ? 1 : a >= 10 ? 2 : 3);
}

}  // namespace

TimeSeriesChart::TimeSeriesChart(QWidget* parent) : QChartView(new QChart, parent) {
  setRenderHint(QPainter::Antialiasing);
  setRubberBand(QChartView::HorizontalRubberBand);
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  chart()->legend()->setAlignment(Qt::AlignBottom);
  chart()->setMargins(QMargins(6, 6, 6, 6));
  ax_ = new QValueAxis(this);
  ay_ = new QValueAxis(this);
  ax_->setLabelFormat("%.4g");
  ax_->setTickType(QValueAxis::TicksDynamic);
  ax_->setTickAnchor(0.0);
  ay_->setLabelFormat("%.4g");
  chart()->addAxis(ax_, Qt::AlignBottom);
  chart()->addAxis(ay_, Qt::AlignLeft);
  connect(ax_, &QValueAxis::rangeChanged, this, [this] {
    if (in_update_) return;
    in_update_ = true;
    ax_->setTickInterval(nice_step(ax_->max() - ax_->min()));
    in_update_ = false;
    redecimate();
    fit_y();
  });
  // The plot area narrows or widens when the y labels change: one bucket per pixel again.
  connect(chart(), &QChart::plotAreaChanged, this, [this](const QRectF& r) {
    if (static_cast<int>(r.width()) == last_plot_width_) return;
    last_plot_width_ = static_cast<int>(r.width());
    redecimate();
  });
  readout_ = new QLabel(this);
  readout_->setObjectName("chartReadout");
  readout_->setStyleSheet(
      "QLabel { background: rgba(255,255,255,230); border: 1px solid #888; padding: 3px; }");
  readout_->setAttribute(Qt::WA_TransparentForMouseEvents);
  readout_->hide();
  set_curves({}, {}, {}, {}, tr("Run a scenario to see its results here."));
}

void TimeSeriesChart::set_curves(const QString& title, const QString& x_label,
                                 const QString& y_label, std::vector<ChartCurve> curves,
                                 const QString& note) {
  curves_ = std::move(curves);
  note_ = note;
  readout_->hide();  // it described the old curves
  chart()->removeAllSeries();
  QString t = title.toHtmlEscaped();
  if (!note.isEmpty())
    t += (t.isEmpty() ? "" : "<br>") +
         QString("<span style='font-size:9pt; color:#a04000'>%1</span>").arg(note.toHtmlEscaped());
  chart()->setTitle(t);
  ax_->setTitleText(x_label);
  ay_->setTitleText(y_label);
  x_min_ = std::numeric_limits<double>::infinity();
  x_max_ = -x_min_;
  for (const auto& c : curves_) {
    if (c.x.empty()) continue;
    x_min_ = std::min(x_min_, c.x.front());
    x_max_ = std::max(x_max_, c.x.back());
  }
  if (!std::isfinite(x_min_)) {
    x_min_ = 0;
    x_max_ = 1;
  } else if (x_max_ <= x_min_) {  // one sample: give it some room
    x_min_ -= 0.5;
    x_max_ += 0.5;
  }
  for (const auto& c : curves_) {
    QXYSeries* s = nullptr;
    if (c.points) {
      auto* sc = new QScatterSeries;
      sc->setMarkerSize(9);
      s = sc;
    } else {
      s = new QLineSeries;
    }
    s->setName(c.name);
    chart()->addSeries(s);
    s->attachAxis(ax_);
    s->attachAxis(ay_);
  }
  chart()->legend()->setVisible(curves_.size() > 0);
  reset_zoom();
}

int TimeSeriesChart::buckets() const {
  const int w = static_cast<int>(chart()->plotArea().width());
  return w >= 50 ? w : 800;  // not laid out yet: a typical width
}

double TimeSeriesChart::visible_x_min() const { return ax_->min(); }
double TimeSeriesChart::visible_x_max() const { return ax_->max(); }

void TimeSeriesChart::redecimate() {
  const auto series = chart()->series();
  const double lo = ax_->min(), hi = ax_->max();
  const int nb = buckets();
  for (std::size_t k = 0; k < curves_.size() && k < static_cast<std::size_t>(series.size()); ++k) {
    auto* s = static_cast<QXYSeries*>(series[static_cast<qsizetype>(k)]);
    s->replace(decimate_min_max(curves_[k].x, curves_[k].y, lo, hi, nb));
  }
}

void TimeSeriesChart::fit_y() {
  const double lo = ax_->min(), hi = ax_->max();
  double y0 = std::numeric_limits<double>::infinity(), y1 = -y0;
  for (const auto& c : curves_) {
    auto a = std::lower_bound(c.x.begin(), c.x.end(), lo);
    auto b = std::upper_bound(c.x.begin(), c.x.end(), hi);
    for (auto it = a; it != b; ++it) {
      const double v = c.y[static_cast<std::size_t>(it - c.x.begin())];
      if (!std::isfinite(v)) continue;
      y0 = std::min(y0, v);
      y1 = std::max(y1, v);
    }
  }
  if (!std::isfinite(y0)) {
    y0 = 0;
    y1 = 1;
  }
  if (y0 >= 0 && y0 < 0.5 * y1) y0 = 0;  // a baseline at zero when the data is near it anyway
  double pad = 0.05 * (y1 - y0);
  if (pad <= 0) pad = y1 != 0 ? 0.05 * std::abs(y1) : 1.0;
  in_update_ = true;
  ay_->setRange(y0 == 0 ? 0 : y0 - pad, y1 + pad);
  ay_->applyNiceNumbers();
  in_update_ = false;
}

void TimeSeriesChart::reset_zoom() { zoom_x(x_min_, x_max_); }

void TimeSeriesChart::zoom_x(double lo, double hi) {
  if (hi < lo) std::swap(lo, hi);
  const double span = x_max_ - x_min_;
  if (hi - lo < span * 1e-6) hi = lo + span * 1e-6;
  in_update_ = true;
  ax_->setRange(lo, hi);
  ax_->setTickInterval(nice_step(hi - lo));
  in_update_ = false;
  redecimate();
  fit_y();
}

void TimeSeriesChart::pan_x(double fraction) {
  const double w = ax_->max() - ax_->min();
  double lo = ax_->min() + fraction * w;
  lo = std::clamp(lo, x_min_, std::max(x_min_, x_max_ - w));
  zoom_x(lo, lo + w);
}

QString TimeSeriesChart::readout_at(double x) const {
  const QString xu = unit_of(ax_->titleText()), yu = unit_of(ay_->titleText());
  QStringList lines;
  lines << QString("t = %1 %2").arg(fmt(x), xu);
  for (const auto& c : curves_) {
    if (c.x.empty()) continue;
    if (!c.points && (x < c.x.front() || x > c.x.back())) continue;
    auto it = std::lower_bound(c.x.begin(), c.x.end(), x);
    std::size_t i = static_cast<std::size_t>(it - c.x.begin());
    if (i == c.x.size() || (i > 0 && x - c.x[i - 1] < c.x[i] - x)) --i;
    QString line = QString("%1: %2 %3").arg(c.name, fmt(c.y[i]), yu);
    if (c.points) line += QString(" (at %1 %2)").arg(fmt(c.x[i]), xu);
    lines << line;
  }
  return lines.join('\n');
}

QString TimeSeriesChart::hover_text() const {
  return readout_->isVisible() ? readout_->text() : QString();
}

void TimeSeriesChart::show_readout(const QPoint& pos) {
  const QPointF item = chart()->mapFromScene(mapToScene(pos));
  if (curves_.empty() || !chart()->plotArea().contains(item)) {
    readout_->hide();
    return;
  }
  const QPointF v = chart()->mapToValue(item, chart()->series().value(0));
  readout_->setText(readout_at(v.x()));
  readout_->adjustSize();
  QPoint p = pos + QPoint(14, 14);
  if (p.x() + readout_->width() > width()) p.setX(pos.x() - 14 - readout_->width());
  if (p.y() + readout_->height() > height()) p.setY(pos.y() - 14 - readout_->height());
  readout_->move(p);
  readout_->show();
  readout_->raise();
}

void TimeSeriesChart::mousePressEvent(QMouseEvent* e) {
  if (e->button() == Qt::MiddleButton ||
      (e->button() == Qt::LeftButton && (e->modifiers() & Qt::ControlModifier))) {
    panning_ = true;
    last_pos_ = e->pos();
    setCursor(Qt::ClosedHandCursor);
    e->accept();
    return;
  }
  if (e->button() == Qt::RightButton) {  // the context menu, not QChartView's zoom out
    e->accept();
    return;
  }
  QChartView::mousePressEvent(e);
}

void TimeSeriesChart::mouseMoveEvent(QMouseEvent* e) {
  if (panning_) {
    const double px = chart()->plotArea().width();
    if (px > 0) {
      const double w = ax_->max() - ax_->min();
      pan_x(-(e->pos().x() - last_pos_.x()) / px);
      (void)w;
    }
    last_pos_ = e->pos();
    e->accept();
    return;
  }
  show_readout(e->pos());
  QChartView::mouseMoveEvent(e);
}

void TimeSeriesChart::mouseReleaseEvent(QMouseEvent* e) {
  if (panning_) {
    panning_ = false;
    unsetCursor();
    e->accept();
    return;
  }
  if (e->button() == Qt::RightButton) {
    e->accept();
    return;
  }
  QChartView::mouseReleaseEvent(e);
}

void TimeSeriesChart::mouseDoubleClickEvent(QMouseEvent* e) {
  reset_zoom();
  e->accept();
}

void TimeSeriesChart::wheelEvent(QWheelEvent* e) {
  const QPointF item = chart()->mapFromScene(mapToScene(e->position().toPoint()));
  if (curves_.empty() || !chart()->plotArea().contains(item)) {
    QChartView::wheelEvent(e);
    return;
  }
  const double x = chart()->mapToValue(item, chart()->series().value(0)).x();
  const double f = e->angleDelta().y() > 0 ? 0.8 : 1.25;
  double lo = x - (x - ax_->min()) * f, hi = x + (ax_->max() - x) * f;
  lo = std::max(lo, x_min_);
  hi = std::min(hi, x_max_);
  zoom_x(lo, hi);
  e->accept();
}

void TimeSeriesChart::keyPressEvent(QKeyEvent* e) {
  const double mid = 0.5 * (ax_->min() + ax_->max()), w = ax_->max() - ax_->min();
  switch (e->key()) {
    case Qt::Key_Left:
      pan_x(-0.1);
      break;
    case Qt::Key_Right:
      pan_x(0.1);
      break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
      zoom_x(mid - 0.25 * w, mid + 0.25 * w);
      break;
    case Qt::Key_Minus:
      zoom_x(std::max(x_min_, mid - w), std::min(x_max_, mid + w));
      break;
    case Qt::Key_Home:
    case Qt::Key_R:
      reset_zoom();
      break;
    default:
      QChartView::keyPressEvent(e);
      return;
  }
  e->accept();
}

void TimeSeriesChart::leaveEvent(QEvent* e) {
  readout_->hide();
  QChartView::leaveEvent(e);
}

void TimeSeriesChart::resizeEvent(QResizeEvent* e) {
  QChartView::resizeEvent(e);
  redecimate();  // one bucket per pixel of the new width
}

void TimeSeriesChart::contextMenuEvent(QContextMenuEvent* e) {
  QMenu menu(this);
  menu.addAction(tr("Reset zoom"), this, &TimeSeriesChart::reset_zoom);
  menu.addAction(tr("Export chart..."), this, &TimeSeriesChart::exportRequested);
  menu.exec(e->globalPos());
}

bool TimeSeriesChart::export_png(const QString& path, QString* error) {
  const bool vis = readout_->isVisible();
  readout_->hide();
  const bool ok = export_widget_png(this, path, error);
  readout_->setVisible(vis);
  return ok;
}

bool TimeSeriesChart::export_svg(const QString& path, QString* error) {
  const bool vis = readout_->isVisible();
  readout_->hide();
  const bool ok = export_widget_svg(this, path, chart()->title(), error);
  readout_->setVisible(vis);
  return ok;
}

bool export_widget_png(QWidget* w, const QString& path, QString* error) {
  const QPixmap pm = w->grab();
  if (pm.isNull() || !pm.save(path, "PNG")) {
    if (error) *error = QObject::tr("could not write the PNG file %1").arg(path);
    return false;
  }
  return true;
}

bool export_widget_svg(QWidget* w, const QString& path, const QString& title, QString* error) {
  QSvgGenerator gen;
  gen.setFileName(path);
  gen.setSize(w->size());
  gen.setViewBox(QRect(QPoint(0, 0), w->size()));
  gen.setTitle(title);
  gen.setDescription(QObject::tr("Exported from dctwin"));
  QPainter p;
  if (!p.begin(&gen)) {
    if (error) *error = QObject::tr("could not write the SVG file %1").arg(path);
    return false;
  }
  p.setRenderHint(QPainter::Antialiasing);
  if (auto* view = qobject_cast<QGraphicsView*>(w)) {
    // The scene's items paint themselves into the generator: vector output.
    view->render(&p, QRectF(QPointF(0, 0), QSizeF(w->size())), view->viewport()->rect());
  } else {
    w->render(&p);
  }
  p.end();
  if (!QFile::exists(path) || QFile(path).size() == 0) {
    if (error) *error = QObject::tr("could not write the SVG file %1").arg(path);
    return false;
  }
  return true;
}

namespace {
QString csv_field(const QString& s) {
  if (s.contains(',') || s.contains('"') || s.contains('\n') || s.contains('\r')) {
    QString q = s;
    q.replace('"', "\"\"");
    return '"' + q + '"';
  }
  return s;
}
}  // namespace

bool export_table_csv(const QTableWidget* table, const QString& path, QString* error) {
  QSaveFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) {
    if (error) *error = QObject::tr("could not open %1 for writing: %2").arg(path, f.errorString());
    return false;
  }
  QTextStream out(&f);
  QStringList head;
  for (int c = 0; c < table->columnCount(); ++c) {
    const QTableWidgetItem* h = table->horizontalHeaderItem(c);
    head << csv_field(h ? h->text() : QString());
  }
  out << head.join(',') << '\n';
  for (int r = 0; r < table->rowCount(); ++r) {
    QStringList row;
    for (int c = 0; c < table->columnCount(); ++c) {
      const QTableWidgetItem* it = table->item(r, c);
      QString s;
      if (it) {
        const QVariant raw = it->data(Qt::UserRole);
        if (raw.isValid() && raw.canConvert<double>() && raw.typeId() == QMetaType::Double)
          s = QString::number(raw.toDouble(), 'g', 17);
        else if (raw.isValid())
          s = raw.toString();
        else
          s = it->text();
      }
      row << csv_field(s);
    }
    out << row.join(',') << '\n';
  }
  out.flush();
  if (!f.commit()) {
    if (error) *error = QObject::tr("could not write %1: %2").arg(path, f.errorString());
    return false;
  }
  return true;
}

}  // namespace dctwin::app
