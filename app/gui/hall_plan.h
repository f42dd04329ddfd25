// The hall editor: a 2D plan of one hall (racks to scale and turned, rows, CRAHs, fan walls and
// CDUs, the floor-tile grid), racks coloured by a value per rack with a legend, and editing:
// click / Ctrl-click / rubber-band selection, drag to move on the tile grid (one undo step per
// drag), rotate, delete, copy and paste rows, align and distribute, change rack type, connect
// racks to busways/PDUs and cooling units (context menu), place a CRAH. Zoom with the wheel,
// pan with the middle button. Every change goes through SiteDocument::push.
#pragma once

#include <QAction>
#include <QMenu>
#include <QWidget>
#include <optional>
#include <vector>

#include "model/edit/commands.h"
#include "model/site/catalog.h"
#include "model/site/site.h"
#include "render/colormap.h"

namespace dctwin::app {

class SiteDocument;

class HallPlan : public QWidget {
  Q_OBJECT
 public:
  explicit HallPlan(QWidget* parent = nullptr);

  /// The document to show and edit (not owned; may be null). Shows its first hall.
  void set_document(SiteDocument* doc);
  [[nodiscard]] SiteDocument* document() const { return doc_; }
  /// Shows hall_id of the document's site (kNoId: nothing).
  void set_hall(model::Id hall_id);
  [[nodiscard]] model::Id hall() const { return hall_id_; }
  /// View-only use without a document (the site and catalog must outlive the call or the next
  /// one). When a document is set and site is its site, this is set_hall(hall_id).
  void show_hall(const model::Site* site, const model::Catalog* catalog, model::Id hall_id);

  /// Colours racks by values (one per rack, in Site.racks order; NaN: no data) on map, with
  /// unit in the legend. Values whose count no longer matches the site (after an edit) are
  /// dropped and the plan shows design power until new values come.
  void set_rack_values(std::vector<double> values, const QString& unit,
                       const render::ColorMap& map);
  /// Back to the default colouring: design power, kW.
  void clear_rack_values();

  /// Fits the hall into the widget.
  void zoom_to_fit();
  /// Hall coordinates (m) to widget pixels and back.
  [[nodiscard]] QPointF to_screen(double x_m, double y_m) const;
  [[nodiscard]] QPointF to_world(const QPointF& p) const;
  /// Rack or cooling unit under a widget position in the shown hall (kNoId: none).
  [[nodiscard]] model::Id item_at(const QPointF& p) const;

  /// Adds a row of racks of type after the hall's last row (what the add-row action does with
  /// the type and count it infers), auto-connected; selects the new racks. False with a
  /// statusMessage when refused.
  bool add_row(const QString& type, int racks);
  /// The context menu for a widget position (what a right click shows; selects the item under
  /// pos first when it is not selected). Caller owns it.
  [[nodiscard]] QMenu* make_context_menu(const QPoint& pos);

  /// Racks of the shown hall that lack a power cord, a CDU (liquid-cooled types) or an air unit
  /// (air-cooled share); drawn with a red cross.
  [[nodiscard]] std::vector<model::Id> unconnected_racks() const;

  /// The catalog type placed by the place-CRAH action (default: the catalog's first CRAH).
  void set_place_type(const QString& key) { place_type_ = key; }

  // Actions for menus and toolbars (shortcuts active while the plan has focus).
  QAction* add_row_action() const { return add_row_; }
  QAction* delete_action() const { return delete_; }
  QAction* rotate_action() const { return rotate_; }
  QAction* copy_action() const { return copy_; }
  QAction* paste_action() const { return paste_; }
  QAction* select_all_action() const { return select_all_; }
  QAction* align_left_action() const { return align_left_; }
  QAction* align_right_action() const { return align_right_; }
  QAction* align_top_action() const { return align_top_; }
  QAction* align_bottom_action() const { return align_bottom_; }
  QAction* distribute_h_action() const { return distribute_h_; }
  QAction* distribute_v_action() const { return distribute_v_; }
  QAction* place_crah_action() const { return place_crah_; }  ///< checkable: next click places
  QAction* zoom_fit_action() const { return zoom_fit_; }
  /// All of the above, in menu order (nullptr marks a separator).
  [[nodiscard]] QList<QAction*> edit_actions() const;

 signals:
  /// Something a person should read in the status bar (a refused edit, what a paste did).
  void statusMessage(const QString& text);

 protected:
  void paintEvent(QPaintEvent*) override;
  void resizeEvent(QResizeEvent*) override;
  void mousePressEvent(QMouseEvent*) override;
  void mouseMoveEvent(QMouseEvent*) override;
  void mouseReleaseEvent(QMouseEvent*) override;
  void wheelEvent(QWheelEvent*) override;
  void keyPressEvent(QKeyEvent*) override;
  void contextMenuEvent(QContextMenuEvent*) override;
  bool event(QEvent*) override;

 private:
  struct RackItem {
    std::size_t index;  // in site.racks
    model::Id id;
    double x, y, w, d, angle_deg;
    double value;  // colour value (NaN: no data)
    bool unconnected;
  };
  struct UnitItem {
    model::Id id;
    model::CoolKind kind;
    double x, y, w, d, angle_deg;
    QString name;
  };
  const model::Site* site() const;
  const model::Catalog* catalog() const;
  const model::Hall* hall_ptr() const;
  void rebuild();  // items of the shown hall from the site
  void update_actions();
  bool push(model::edit::CommandPtr cmd);
  template <typename F>
  void run(F&& make);  // builds a command, reports refusals
  std::vector<model::Id> selected_racks() const;
  std::vector<model::Id> selected_movables() const;
  double tile() const;
  QRectF item_rect_world(double x, double y, double w, double d, double angle_deg) const;

  void on_add_row();
  void on_delete();
  void on_rotate();
  void on_copy();
  void on_paste();
  void on_select_all();
  void on_align(model::edit::Align how);
  void on_distribute(model::edit::Axis axis);

  SiteDocument* doc_ = nullptr;
  const model::Site* view_site_ = nullptr;  // show_hall without a document
  const model::Catalog* view_catalog_ = nullptr;
  model::Id hall_id_ = model::kNoId;
  quint64 built_revision_ = ~0ull;

  std::vector<RackItem> racks_;
  std::vector<UnitItem> units_;
  std::vector<double> values_;  // as set, by site rack index
  QString unit_ = "kW";
  std::optional<render::ColorMap> map_;
  bool custom_values_ = false;
  double vmin_ = 0, vmax_ = 1;

  // View: pixels per metre and the screen position of hall (0, 0).
  double scale_ = 10;
  QPointF origin_;
  bool fitted_ = false;      // follows the widget's size (until a zoom or pan)
  bool view_valid_ = false;  // scale_ and origin_ were set for a hall

  // Interaction.
  enum class Mode { None, Press, Drag, Band, Pan };
  Mode mode_ = Mode::None;
  QPointF press_pos_, last_pos_;
  QPointF drag_offset_m_;  // snapped, while dragging
  bool press_toggle_ = false;
  model::Id press_item_ = model::kNoId;
  QRectF band_;
  std::vector<model::edit::RowClip> clip_;
  QString place_type_;

  QAction* add_row_ = nullptr;
  QAction* delete_ = nullptr;
  QAction* rotate_ = nullptr;
  QAction* copy_ = nullptr;
  QAction* paste_ = nullptr;
  QAction* select_all_ = nullptr;
  QAction* align_left_ = nullptr;
  QAction* align_right_ = nullptr;
  QAction* align_top_ = nullptr;
  QAction* align_bottom_ = nullptr;
  QAction* distribute_h_ = nullptr;
  QAction* distribute_v_ = nullptr;
  QAction* place_crah_ = nullptr;
  QAction* zoom_fit_ = nullptr;
};

}  // namespace dctwin::app
