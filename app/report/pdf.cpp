// The PDF writer: QPdfWriter and QPainter, A4 portrait. A small flow layout (a cursor going down
// the page) places headings, paragraphs, tables (breaking across pages with their header
// repeated) and pictures (site plan, Sankey, capacity bars, time-series charts), all drawn with
// QPainter, so that it works on a worker thread too.
#include <QFile>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPaintDevice>
#include <QPainter>
#include <QPdfWriter>
#include <QPolygonF>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>

#include "app/report/report.h"
#include "app/report/site_plan.h"

namespace dctwin::app::report {

namespace {

constexpr int kDpi = 300;

QString q(const std::string& s) { return QString::fromStdString(s); }

class PdfDoc {
 public:
  /// total_pages: printed in the footer as "Page N of M" (0: unknown, "Page N").
  PdfDoc(const QString& path, const ReportContent& c, int total_pages)
      : writer_(path), c_(c), total_pages_(total_pages) {
    writer_.setResolution(kDpi);
    writer_.setPageSize(QPageSize(QPageSize::A4));
    writer_.setPageMargins(QMarginsF(16, 14, 16, 14), QPageLayout::Millimeter);
    writer_.setTitle(q(c.title));
    writer_.setCreator(q("dctwin " + c.dctwin_version));
    if (!p_.begin(&writer_)) ok_ = false;
    const QRect pr = writer_.pageLayout().paintRectPixels(kDpi);
    page_ = QRectF(0, 0, pr.width(), pr.height());
    bottom_ = page_.bottom() - px(14);  // footer below
    y_ = page_.top();
    body_ = font(9.0);
    small_ = font(7.2);
  }
  [[nodiscard]] bool ok() const { return ok_; }

  double px(double pt) const { return pt * kDpi / 72.0; }
  QFont font(double pt, bool bold = false) const {
    QFont f("DejaVu Sans");
    f.setStyleHint(QFont::SansSerif);
    f.setPixelSize(int(std::lround(px(pt))));
    f.setBold(bold);
    return f;
  }
  QFontMetricsF fm(const QFont& f) { return QFontMetricsF(f, &writer_); }
  double width() const { return page_.width(); }
  double left() const { return page_.left(); }
  double room() const { return bottom_ - y_; }

  void new_page() {
    footer();
    writer_.newPage();
    ++page_no_;
    y_ = page_.top();
  }
  void ensure(double h) {
    if (y_ + h > bottom_ && y_ > page_.top() + 1) new_page();
  }
  void space(double pt) { y_ += px(pt); }

  void footer() {
    p_.setFont(small_);
    p_.setPen(QColor(90, 90, 90));
    const QRectF r(page_.left(), bottom_ + px(4), page_.width(), px(10));
    p_.drawLine(QPointF(r.left(), r.top() - px(1)), QPointF(r.right(), r.top() - px(1)));
    p_.drawText(r, Qt::AlignLeft | Qt::AlignVCenter,
                q(c_.title + " - scenario " + c_.scenario + " - " + c_.created_utc));
    p_.drawText(r, Qt::AlignRight | Qt::AlignVCenter,
                total_pages_ > 0 ? QString("Page %1 of %2").arg(page_no_).arg(total_pages_)
                                 : QString("Page %1").arg(page_no_));
    p_.setPen(Qt::black);
  }

  double text_height(const QString& t, const QFont& f, double w, int flags = Qt::TextWordWrap) {
    return fm(f).boundingRect(QRectF(0, 0, w, 1e7), flags, t).height();
  }
  void heading(const std::string& t, double pt = 13.0, double keep_with_next = 0) {
    const QFont f = font(pt, true);
    const double h =
        std::max(fm(f).height() * 1.2, text_height(q(t), f, width()) + fm(f).height() * 0.2);
    ensure(h + px(4) + keep_with_next);
    space(4);
    p_.setFont(f);
    p_.drawText(QRectF(left(), y_, width(), h), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
                q(t));
    y_ += h;
    space(2);
  }
  void para(const std::string& t, const QFont* f = nullptr, QColor color = Qt::black) {
    if (t.empty()) return;
    const QFont& ff = f ? *f : body_;
    const double h = text_height(q(t), ff, width());
    ensure(h);
    p_.setFont(ff);
    p_.setPen(color);
    p_.drawText(QRectF(left(), y_, width(), h), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                q(t));
    p_.setPen(Qt::black);
    y_ += h + px(3);
  }
  void picture(double h, const std::function<void(QPainter&, const QRectF&)>& draw) {
    ensure(h);
    const QRectF r(left(), y_, width(), std::min(h, bottom_ - y_));
    draw(p_, r);
    y_ += r.height() + px(4);
  }

  // A table; breaks across pages with the header repeated.
  void table(const Table& t, bool with_title = true) {
    const std::size_t n = t.pdf_max_rows ? std::min(t.pdf_max_rows, t.rows.size()) : t.rows.size();
    const QFont head = font(7.2, true);
    const double pad = px(2.5);
    const std::size_t ncol = t.columns.size();
    // Widths: each column at least its longest word (numbers whole), the rest of the line shared
    // in proportion to what each column would need to fit on one line.
    std::vector<double> nat(ncol, 0), minw(ncol, 0);
    auto longest_word = [&](const QString& s, const QFont& f) {
      double w = 0;
      for (const auto& word : s.split(' ', Qt::SkipEmptyParts))
        w = std::max(w, fm(f).horizontalAdvance(word));
      return w;
    };
    for (std::size_t k = 0; k < ncol; ++k) {
      nat[k] = fm(head).horizontalAdvance(q(t.columns[k].header())) + 2 * pad;
      minw[k] = std::min(longest_word(q(t.columns[k].header()), head), px(45)) + 2 * pad;
    }
    for (std::size_t r = 0; r < n; ++r)
      for (std::size_t k = 0; k < ncol && k < t.rows[r].size(); ++k) {
        const Cell& cell = t.rows[r][k];
        const QString s = q(cell.display());
        const double whole = fm(small_).horizontalAdvance(s) + 2 * pad;
        nat[k] = std::max(nat[k], whole);
        minw[k] = std::max(minw[k], cell.kind == Cell::Kind::Text
                                        ? std::min(longest_word(s, small_), px(70)) + 2 * pad
                                        : whole);
      }
    std::vector<double> w(ncol, 0);
    double sum_nat = 0, sum_min = 0, sum_extra = 0;
    for (std::size_t k = 0; k < ncol; ++k) {
      nat[k] = std::max(nat[k], minw[k]);
      sum_nat += nat[k];
      sum_min += minw[k];
      sum_extra += nat[k] - minw[k];
    }
    if (sum_nat <= width()) {
      for (std::size_t k = 0; k < ncol; ++k) w[k] = nat[k] * width() / sum_nat;
    } else if (sum_min <= width()) {
      const double room_left = width() - sum_min;
      for (std::size_t k = 0; k < ncol; ++k)
        w[k] = minw[k] + (sum_extra > 0 ? room_left * (nat[k] - minw[k]) / sum_extra : 0.0);
    } else {
      for (std::size_t k = 0; k < ncol; ++k) w[k] = minw[k] * width() / sum_min;
    }
    auto flags_for = [&](const Cell& cell, double cw, const QFont& f) {
      int fl = Qt::AlignTop |
               (cell.kind == Cell::Kind::Text || cell.kind == Cell::Kind::Empty ? Qt::AlignLeft
                                                                                : Qt::AlignRight);
      fl |= longest_word(q(cell.display()), f) > cw - 2 * pad ? Qt::TextWrapAnywhere
                                                              : Qt::TextWordWrap;
      return fl;
    };
    auto header_height = [&] {
      double h = 0;
      for (std::size_t k = 0; k < ncol; ++k)
        h = std::max(h, text_height(q(t.columns[k].header()), head, w[k] - 2 * pad));
      return h + 2 * pad;
    };
    const double hh = header_height();
    auto draw_header = [&] {
      p_.setPen(Qt::NoPen);
      p_.setBrush(QColor(225, 230, 238));
      p_.drawRect(QRectF(left(), y_, width(), hh));
      p_.setPen(Qt::black);
      p_.setFont(head);
      double x = left();
      for (std::size_t k = 0; k < ncol; ++k) {
        p_.drawText(QRectF(x + pad, y_ + pad, w[k] - 2 * pad, hh - 2 * pad),
                    Qt::AlignLeft | Qt::AlignBottom | Qt::TextWordWrap, q(t.columns[k].header()));
        x += w[k];
      }
      y_ += hh;
    };
    if (with_title) {
      heading(t.title, 11.5,
              hh + px(12) + (t.note.empty() ? 0 : text_height(q(t.note), small_, width())));
      para(t.note, &small_, QColor(60, 60, 60));
    }
    ensure(hh + px(12));
    draw_header();
    p_.setFont(small_);
    for (std::size_t r = 0; r < n; ++r) {
      const auto& row = t.rows[r];
      double rh = 0;
      for (std::size_t k = 0; k < ncol && k < row.size(); ++k)
        rh = std::max(rh, text_height(q(row[k].display()), small_, w[k] - 2 * pad,
                                      flags_for(row[k], w[k], small_)));
      rh = std::max(rh, fm(small_).height()) + 2 * pad;
      if (y_ + rh > bottom_) {
        new_page();
        p_.setFont(small_);
        p_.setPen(QColor(90, 90, 90));
        const double ch = fm(small_).height() * 1.3;
        p_.drawText(QRectF(left(), y_, width(), ch), Qt::AlignLeft | Qt::AlignVCenter,
                    q(t.title + " (continued)"));
        y_ += ch;
        draw_header();
        p_.setFont(small_);
      }
      if (r % 2) {
        p_.setPen(Qt::NoPen);
        p_.setBrush(QColor(246, 246, 246));
        p_.drawRect(QRectF(left(), y_, width(), rh));
      }
      p_.setPen(Qt::black);
      double x = left();
      for (std::size_t k = 0; k < ncol; ++k) {
        if (k < row.size())
          p_.drawText(QRectF(x + pad, y_ + pad, w[k] - 2 * pad, rh - 2 * pad),
                      flags_for(row[k], w[k], small_), q(row[k].display()));
        x += w[k];
      }
      y_ += rh;
    }
    p_.setPen(QPen(QColor(150, 150, 150), px(0.5)));
    p_.drawLine(QPointF(left(), y_), QPointF(left() + width(), y_));
    p_.setPen(Qt::black);
    y_ += px(3);
    if (n < t.rows.size())
      para("... and " + std::to_string(t.rows.size() - n) + " more rows: all " +
               std::to_string(t.rows.size()) + " are in the CSV, XLSX and JSON reports (table '" +
               t.key + "').",
           &small_, QColor(60, 60, 60));
    if (t.rows.empty()) para("(none)", &small_, QColor(60, 60, 60));
    space(4);
  }

  QPainter& painter() { return p_; }
  void finish() {
    footer();
    p_.end();
  }
  int pages() const { return page_no_; }
  const QFont& body() const { return body_; }
  const QFont& small() const { return small_; }

 private:
  QPdfWriter writer_;
  QPainter p_;
  const ReportContent& c_;
  QRectF page_;
  double bottom_ = 0, y_ = 0;
  int page_no_ = 1;
  int total_pages_ = 0;
  QFont body_, small_;
  bool ok_ = true;
};

// A line chart of series against time, drawn with QPainter alone (axes, round ticks, grid,
// legend): it works on any thread and any paint device, which Qt Charts (a QGraphicsScene of
// widgets) does not promise; the GUI writes reports from a worker thread. Long series are
// reduced to the minimum and maximum of at most ~1500 buckets, so spikes stay visible.
double nice_step(double span, int target_ticks) {
  const double raw = span / std::max(1, target_ticks);
  if (!(raw > 0)) return 1;
  const double p10 = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * p10 >= raw) return m * p10;
  return 10 * p10;
}

void paint_chart(QPainter& p, const QRectF& target, const std::string& title,
                 const std::vector<const Series*>& ss, double step_s) {
  p.save();
  p.setRenderHint(QPainter::Antialiasing, true);
  const double dpi = p.device() ? p.device()->logicalDpiY() : 96;
  const double fpx = 7.0 * dpi / 72.0;  // 7 pt labels
  auto font = [&](double scale, bool bold) {
    QFont f("DejaVu Sans");
    f.setPixelSize(std::max(1, int(std::lround(fpx * scale))));
    f.setBold(bold);
    return f;
  };
  const QFont label = font(1.0, false), title_font = font(1.25, true);
  const QFontMetricsF fm(label, p.device());
  const std::size_t n = ss.empty() ? 0 : ss.front()->values.size();
  const double hours = n * step_s / 3600.0;
  const bool days = hours > 72;
  const double xscale = step_s / (days ? 86400.0 : 3600.0);
  const double xmax = std::max(1e-9, n * xscale);
  // Value range over every finite value.
  double ymin = std::numeric_limits<double>::max(), ymax = -ymin;
  for (const Series* s : ss)
    for (double v : s->values)
      if (std::isfinite(v)) {
        ymin = std::min(ymin, v);
        ymax = std::max(ymax, v);
      }
  if (ymin > ymax) ymin = 0, ymax = 1;
  // A flat series gets a band of +-2 % around it; non-negative quantities keep 0 as floor.
  const double pad =
      std::max({0.05 * (ymax - ymin), 0.02 * std::max(std::abs(ymax), std::abs(ymin)), 1e-9});
  double lo = ymin >= 0 ? std::max(0.0, ymin - pad) : ymin - pad, hi = ymax + pad;
  const double ystep = nice_step(hi - lo, 5);
  lo = std::floor(lo / ystep) * ystep;
  hi = std::ceil(hi / ystep) * ystep;
  const double xstep = nice_step(xmax, 6);
  // Layout: title on top, legend and x title at the bottom, y labels at the left.
  const int decimals =
      std::max(0, int(-std::floor(std::log10(ystep)) +
                      (ystep / std::pow(10.0, std::floor(std::log10(ystep))) == 2.5 ? 1 : 0)));
  double ylab_w = 0;
  for (double y = lo; y <= hi + ystep * 0.5; y += ystep)
    ylab_w = std::max(ylab_w, fm.horizontalAdvance(QString::number(y, 'f', decimals)));
  const double legend_h = ss.size() > 1 ? fm.height() * 1.6 : 0;
  const QRectF plot(target.left() + ylab_w + fpx * 2.6, target.top() + fm.height() * 2.2,
                    target.width() - ylab_w - fpx * 4.0,
                    target.height() - fm.height() * 2.2 - fm.height() * 3.0 - legend_h);
  p.setPen(Qt::black);
  p.setFont(title_font);
  p.drawText(QRectF(target.left(), target.top(), target.width(), fm.height() * 1.9),
             Qt::AlignCenter, q(title));
  auto X = [&](double x) { return plot.left() + x / xmax * plot.width(); };
  auto Y = [&](double y) { return plot.bottom() - (y - lo) / (hi - lo) * plot.height(); };
  // Grid and ticks.
  p.setFont(label);
  const QPen grid(QColor(220, 220, 220), std::max(1.0, fpx / 14));
  for (double y = lo; y <= hi + ystep * 0.5; y += ystep) {
    p.setPen(grid);
    p.drawLine(QPointF(plot.left(), Y(y)), QPointF(plot.right(), Y(y)));
    p.setPen(Qt::black);
    p.drawText(QRectF(target.left(), Y(y) - fm.height() / 2, ylab_w + fpx * 2.0, fm.height()),
               Qt::AlignRight | Qt::AlignVCenter, QString::number(y, 'f', decimals));
  }
  for (double x = 0; x <= xmax + xstep * 1e-6; x += xstep) {
    p.setPen(grid);
    p.drawLine(QPointF(X(x), plot.top()), QPointF(X(x), plot.bottom()));
    p.setPen(Qt::black);
    p.drawText(QRectF(X(x) - fpx * 4, plot.bottom() + fpx * 0.3, fpx * 8, fm.height()),
               Qt::AlignHCenter | Qt::AlignTop, QString::number(x, 'g', 6));
  }
  p.setPen(QPen(Qt::black, std::max(1.0, fpx / 10)));
  p.setBrush(Qt::NoBrush);
  p.drawRect(plot);
  p.drawText(
      QRectF(plot.left(), plot.bottom() + fm.height() * 1.2, plot.width(), fm.height() * 1.2),
      Qt::AlignHCenter | Qt::AlignTop, days ? "Time (days)" : "Time (h)");
  if (!ss.empty() && !ss.front()->unit.empty()) {
    p.save();
    p.translate(target.left() + fm.height() * 0.6, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2, -fm.height() / 2, plot.height(), fm.height()),
               Qt::AlignCenter, q(ss.front()->unit));
    p.restore();
  }
  // Lines, clipped to the plot.
  const QColor colors[] = {QColor(49, 104, 155), QColor(214, 96, 77), QColor(60, 160, 90),
                           QColor(150, 100, 180)};
  p.setClipRect(plot.adjusted(-1, -1, 1, 1));
  int ci = 0;
  for (const Series* s : ss) {
    const std::size_t buckets = 1500,
                      per = std::max<std::size_t>(1, (s->values.size() + buckets - 1) / buckets);
    QPolygonF line;
    for (std::size_t i = 0; i < s->values.size(); i += per) {
      double vlo = std::numeric_limits<double>::max(), vhi = -vlo;
      std::size_t ilo = i, ihi = i;
      for (std::size_t k = i; k < std::min(i + per, s->values.size()); ++k) {
        const double v = s->values[k];
        if (!std::isfinite(v)) continue;
        if (v < vlo) vlo = v, ilo = k;
        if (v > vhi) vhi = v, ihi = k;
      }
      if (vlo > vhi) continue;
      if (per == 1) {
        line << QPointF(X(i * xscale), Y(vlo));
      } else {
        line << QPointF(X(std::min(ilo, ihi) * xscale), Y(ilo < ihi ? vlo : vhi));
        line << QPointF(X(std::max(ilo, ihi) * xscale), Y(ilo < ihi ? vhi : vlo));
      }
    }
    p.setPen(QPen(colors[ci++ % 4], std::max(1.0, fpx / 8)));
    p.drawPolyline(line);
  }
  p.setClipping(false);
  // Legend.
  if (ss.size() > 1) {
    double x = plot.left();
    const double y = target.bottom() - legend_h + fm.height() * 0.3;
    ci = 0;
    for (const Series* s : ss) {
      const QString name = q(s->title + (s->unit.empty() ? "" : " (" + s->unit + ")"));
      p.setPen(QPen(colors[ci++ % 4], fpx / 3));
      p.drawLine(QPointF(x, y + fm.height() / 2), QPointF(x + fpx * 2, y + fm.height() / 2));
      p.setPen(Qt::black);
      p.drawText(QPointF(x + fpx * 2.6, y + fm.ascent()), name);
      x += fpx * 4.5 + fm.horizontalAdvance(name);
    }
  }
  p.restore();
}

}  // namespace

namespace {
int render_pdf(const ReportContent& c, const std::string& path, int total_pages);
}  // namespace

void write_pdf(const ReportContent& c, const std::string& path) {
  if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
    throw ReportWriteError(
        "the PDF writer needs a QGuiApplication (fonts): create one before write_pdf "
        "(dctwin-cli does, with QT_QPA_PLATFORM=offscreen when headless)");
  {
    // QPdfWriter reports nothing when it cannot open the file: try first.
    QFile f(q(path));
    if (!f.open(QIODevice::WriteOnly))
      throw ReportWriteError("cannot write " + path + ": " + f.errorString().toStdString() +
                             " (check that the folder exists and is writable)");
  }
  // Twice: the first pass counts the pages for the footers of the second.
  const int pages = render_pdf(c, path, 0);
  render_pdf(c, path, pages);
  if (!std::filesystem::exists(path) || std::filesystem::file_size(path) == 0)
    throw ReportWriteError("cannot write " + path + ": the PDF came out empty");
}

namespace {

int render_pdf(const ReportContent& c, const std::string& path, int total_pages) {
  PdfDoc d(q(path), c, total_pages);
  if (!d.ok()) throw ReportWriteError("cannot write " + path + ": the PDF could not be started");

  // Cover and summary.
  d.space(30);
  d.heading("Power report", 24);
  d.heading(c.site_name, 17);
  d.space(6);
  {
    Table meta{"meta", "", "", {{"k", "", ""}, {"v", "", ""}}, {}};
    meta.columns = {{"item", "Item", ""}, {"value", "Value", ""}};
    meta.rows = {{Cell::txt("Site"), Cell::txt(c.site_name)},
                 {Cell::txt("Project file"),
                  Cell::txt(c.project_file.empty() ? "(not saved)" : c.project_file)},
                 {Cell::txt("Scenario"), Cell::txt(c.scenario + ": " + c.scenario_description)},
                 {Cell::txt("Created"), Cell::txt(c.created_utc)},
                 {Cell::txt("dctwin version"), Cell::txt(c.dctwin_version)}};
    d.table(meta, false);
  }
  d.space(6);
  {
    Table sum{"summary", "Summary", "", {}, {}};
    if (const Table* st = c.table("summary")) sum.note = st->note;
    sum.columns = {{"figure", "Figure", ""}, {"value", "Value", ""}, {"unit", "Unit", ""}};
    for (const auto& f : c.headline)
      sum.rows.push_back({Cell::txt(f.label), Cell::txt(f.text), Cell::txt(f.unit)});
    d.table(sum);
  }

  // Site plan: on the cover when it has room for it, else on its own page.
  if (d.room() < d.width() * 0.55) d.new_page();
  d.heading("Site plan");
  d.para(
      "Buildings, halls and racks from the site geometry; racks coloured by their IT power at "
      "design load.",
      &d.small(), QColor(60, 60, 60));
  {
    std::vector<double> it(c.power.racks.size());
    for (std::size_t i = 0; i < it.size(); ++i)
      it[i] = c.power.racks[i].powered ? c.power.racks[i].it_w : NAN;
    SitePlanOptions so;
    so.font_pt = 7.5;
    d.picture(std::min(d.room() - d.px(8), d.width() * 0.95), [&](QPainter& p, const QRectF& r) {
      paint_site_plan(p, r, c.site, &c.catalog, it, so);
    });
  }

  // Power chain, capacity, losses.
  d.new_page();
  if (const Table* t = c.table("power_chain")) d.table(*t);
  if (const Table* t = c.table("capacity")) {
    d.table(*t);
    const double h = d.px(20) * double(c.n1.levels.size() + 2);
    d.picture(h,
              [&](QPainter& p, const QRectF& r) { paint_capacity_bars(p, r, c.n1.levels, 7.5); });
  }
  if (const Table* t = c.table("losses")) d.table(*t);
  d.heading("Power flow, grid to IT", 11.5, d.width() * 0.5);
  d.picture(d.width() * 0.55, [&](QPainter& p, const QRectF& r) {
    paint_sankey(p, r, c.sankey, SankeyStyle{.font_pt = 7.5});
  });
  if (const Table* t = c.table("losses_by_building")) d.table(*t);
  if (c.building_sankeys.size() > 1 && c.building_sankeys.size() <= 8)
    for (const auto& m : c.building_sankeys)
      d.picture(d.width() * 0.42, [&](QPainter& p, const QRectF& r) {
        paint_sankey(p, r, m, SankeyStyle{.font_pt = 6.5});
      });

  // Scenario.
  d.new_page();
  if (const Table* t = c.table("scenario_totals")) d.table(*t);
  if (const Table* t = c.table("buildings")) d.table(*t);
  {
    auto find = [&](const std::string& k) -> const Series* {
      for (const auto& s : c.series)
        if (s.key == k) return &s;
      return nullptr;
    };
    std::vector<std::pair<std::string, std::vector<const Series*>>> charts;
    std::vector<const Series*> power;
    for (const char* k : {"grid_import_mw", "it_mw", "cooling_mw"})
      if (const auto* s = find(k)) power.push_back(s);
    charts.push_back({"Grid import, IT and cooling power", power});
    if (const auto* s = find("pue"))
      charts.push_back({"PUE (facility over IT power, per step)", {s}});
    if (const auto* s = find("dry_bulb_c")) charts.push_back({"Outdoor dry-bulb", {s}});
    if (const auto* s = find("battery_soc_pct")) charts.push_back({"Battery state of charge", {s}});
    d.heading("Time series over '" + c.scenario + "'", 13.0, d.width() * 0.4);
    for (const auto& [title, ss] : charts) {
      if (ss.empty()) continue;
      d.picture(d.width() * 0.4,
                [&](QPainter& p, const QRectF& r) { paint_chart(p, r, title, ss, c.step_s); });
    }
  }

  // The utility outage: its time line, what warms, and the power over it.
  if (const Table* t = c.table("outage_cascade")) {
    d.new_page();
    d.table(*t);
    if (const Table* m = c.table("outage_media"); m && !m->rows.empty()) d.table(*m);
    std::vector<const Series*> ss;
    for (const auto& s : c.outage_series) ss.push_back(&s);
    if (!ss.empty())
      d.picture(d.width() * 0.4, [&](QPainter& p, const QRectF& r) {
        paint_chart(p, r, "Power through the utility outage", ss, c.outage_step_s);
      });
  }

  // N-1, violations, assumptions.
  d.new_page();
  if (const Table* t = c.table("n1")) d.table(*t);
  if (const Table* t = c.table("violations")) d.table(*t);
  if (const Table* t = c.table("assumptions")) {
    // Grouped by type: one small table per catalog item (parameter, value, source with its date
    // and URL), easier to read than the flat table the other formats carry.
    d.heading(t->title, 13.0, d.px(60));
    d.para(t->note, &d.small(), QColor(60, 60, 60));
    std::size_t r = 0;
    while (r < t->rows.size()) {
      const std::string type = t->rows[r][0].display(), item = t->rows[r][1].display();
      Table g{t->key,
              type + ": " + item,
              "",
              {{"parameter", "Parameter", ""}, {"value", "Value", ""}, {"source", "Source", ""}},
              {}};
      for (;
           r < t->rows.size() && t->rows[r][0].display() == type && t->rows[r][1].display() == item;
           ++r) {
        const auto& row = t->rows[r];
        std::string src = row[4].display();
        if (!row[6].display().empty()) src += " (" + row[6].display() + ")";
        if (!row[5].display().empty()) src += " " + row[5].display();
        g.rows.push_back({row[2], row[3], Cell::txt(src)});
      }
      d.table(g);
    }
  }
  d.finish();
  return d.pages();
}

}  // namespace

}  // namespace dctwin::app::report
