// Time-series charts for the scenario explorer (Qt Charts) and the export helpers shared by the
// explorer and the power budget (PNG, SVG through QSvgGenerator, CSV of a table).
//
// Decimation. A 24 h run at 1 s has 86,400 steps and an annual run 8,760; Qt Charts draws every
// point of a QLineSeries, which gets slow (and the picture is no clearer) once there are many
// more points than pixels. So TimeSeriesChart keeps the full-resolution data and hands Qt Charts
// only what the visible x range needs: when a series has more than 2 points per horizontal pixel
// of the plot area inside the visible range, the range is cut into one bucket per pixel and each
// bucket contributes its minimum and its maximum (in the order they occur), so every peak and
// trough is still drawn at its true value (a min/max envelope, as oscilloscopes do); otherwise
// every point is drawn. The neighbours just outside the range are kept so the line reaches the
// edges. Zooming or panning re-decimates the new range from the full data, so zooming into a
// minute of a 24 h run shows every 1 s step.
#pragma once

#include <QChartView>
#include <QPointF>
#include <QString>
#include <span>
#include <vector>

class QLabel;
class QTableWidget;
class QValueAxis;
class QWidget;

namespace dctwin::app {

/// Min/max decimation of (x, y) (x ascending) over [x_lo, x_hi] into `buckets` buckets (see the
/// header comment). Returns every point in the range (and the neighbours outside it) when there
/// are at most 2 * buckets of them.
[[nodiscard]] QList<QPointF> decimate_min_max(std::span<const double> x, std::span<const double> y,
                                              double x_lo, double x_hi, int buckets);

/// One curve of a chart: full-resolution data in display units.
struct ChartCurve {
  QString name;
  std::vector<double> x;  ///< ascending
  std::vector<double> y;
  bool points = false;  ///< draw as markers (few samples, e.g. snapshots) instead of a line
};

/// A chart of curves against time with zoom (rubber band along x, mouse wheel, +/-), pan
/// (middle- or Ctrl+left-drag, arrow keys), reset (Home, R, double-click) and a hover read-out
/// (time and each curve's value at the nearest sample) in a label over the chart.
class TimeSeriesChart : public QChartView {
  Q_OBJECT
 public:
  explicit TimeSeriesChart(QWidget* parent = nullptr);

  /// Replaces the curves. note: a line shown under the title (e.g. "no battery in X"), may be
  /// empty. The view resets to the whole x range.
  void set_curves(const QString& title, const QString& x_label, const QString& y_label,
                  std::vector<ChartCurve> curves, const QString& note = {});
  [[nodiscard]] const std::vector<ChartCurve>& curves() const { return curves_; }
  [[nodiscard]] QString note() const { return note_; }

  /// Whole x range, y fitted to the data.
  void reset_zoom();
  /// Shows [lo, hi] of x (y fitted to the data in that range).
  void zoom_x(double lo, double hi);
  /// Moves the visible x range by `fraction` of its width (negative: to the left).
  void pan_x(double fraction);
  [[nodiscard]] double visible_x_min() const;
  [[nodiscard]] double visible_x_max() const;

  /// The hover read-out for time x (what the label shows when the mouse is there).
  [[nodiscard]] QString readout_at(double x) const;
  /// The current hover label text (empty when the mouse is outside the plot).
  [[nodiscard]] QString hover_text() const;

  /// Buckets (pixels) the decimation uses: the plot area's width.
  [[nodiscard]] int buckets() const;

  bool export_png(const QString& path, QString* error = nullptr);
  bool export_svg(const QString& path, QString* error = nullptr);

 signals:
  /// The user asked for an export through the context menu (the owner opens the file dialog).
  void exportRequested();

 protected:
  void mousePressEvent(QMouseEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void mouseReleaseEvent(QMouseEvent* e) override;
  void mouseDoubleClickEvent(QMouseEvent* e) override;
  void wheelEvent(QWheelEvent* e) override;
  void keyPressEvent(QKeyEvent* e) override;
  void leaveEvent(QEvent* e) override;
  void resizeEvent(QResizeEvent* e) override;
  void contextMenuEvent(QContextMenuEvent* e) override;

 private:
  void redecimate();
  void fit_y();
  void show_readout(const QPoint& pos);

  std::vector<ChartCurve> curves_;
  QString note_;
  QValueAxis* ax_ = nullptr;
  QValueAxis* ay_ = nullptr;
  double x_min_ = 0, x_max_ = 1;  // whole data range
  bool panning_ = false;
  bool in_update_ = false;
  int last_plot_width_ = -1;
  QPoint last_pos_;
  QLabel* readout_ = nullptr;
};

/// The widget as a PNG (its own size). error: what went wrong.
bool export_widget_png(QWidget* w, const QString& path, QString* error = nullptr);
/// The widget drawn into an SVG file through QSvgGenerator (vector output).
bool export_widget_svg(QWidget* w, const QString& path, const QString& title,
                       QString* error = nullptr);
/// A table as CSV (RFC 4180 quoting): the header row, then one line per row. A cell's
/// Qt::UserRole value, when set, is written instead of its display text (full precision).
bool export_table_csv(const QTableWidget* table, const QString& path, QString* error = nullptr);

}  // namespace dctwin::app
