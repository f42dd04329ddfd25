// The layout editor as a person uses it: a template in a SiteDocument, the hall plan and the
// property editor driven with real mouse and key events; every action is one undo step, undo
// and redo restore, and what is saved reads back equal.
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QWheelEvent>
#include <QtTest>

#include "app/gui/hall_plan.h"
#include "app/gui/property_editor.h"
#include "app/gui/site_document.h"
#include "data/catalog_io.h"
#include "data/project_file.h"
#include "model/edit/commands.h"
#include "model/site/templates.h"
#include "model/site/validation.h"

using namespace dctwin;
using app::HallPlan;
using app::PropertyEditor;
using app::SiteDocument;
using model::Id;

namespace {
data::Project project_from(const char* tpl) {
  const auto& cat = data::builtin_catalog();
  return {model::make_site_from_template(tpl, {}, cat), cat};
}
QPoint centre_of(const HallPlan& plan, const model::Site& s, std::size_t i) {
  return plan.to_screen(s.racks.x_m[i], s.racks.y_m[i]).toPoint();
}
}  // namespace

class TstGuiEditor : public QObject {
  Q_OBJECT
  SiteDocument* doc_ = nullptr;
  QWidget* window_ = nullptr;
  HallPlan* plan_ = nullptr;
  PropertyEditor* props_ = nullptr;

 private slots:
  void init() {
    doc_ = new SiteDocument;
    doc_->set_project(project_from("small"), QString());
    // A small harness: the plan and the property editor side by side, as the main window docks
    // them.
    window_ = new QWidget;
    auto* h = new QHBoxLayout(window_);
    plan_ = new HallPlan;
    plan_->set_document(doc_);
    props_ = new PropertyEditor(doc_);
    props_->setMinimumWidth(320);
    h->addWidget(plan_, 1);
    h->addWidget(props_);
    window_->resize(1300, 800);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_));
    // Shortcuts (R, Del, Ctrl+C...) need an active window; Xvfb has no window manager to
    // activate it.
    window_->activateWindow();
    QApplication::setActiveWindow(window_);
    QVERIFY(QTest::qWaitForWindowActive(window_));
    plan_->setFocus();
    plan_->zoom_to_fit();
  }
  void cleanup() {
    delete window_;
    delete doc_;
  }

  // The document alone: a macro is one step and one notification (also on undo and redo), the
  // revision counts every change, a stale command is refused without touching the site.
  void documentBatchingAndRefusal() {
    namespace edit = model::edit;
    const model::Site original = doc_->site();
    QSignalSpy changed(doc_, &SiteDocument::siteChanged);
    QSignalSpy modified(doc_, &SiteDocument::modifiedChanged);
    const quint64 r0 = doc_->revision();
    doc_->begin_macro("three moves");
    for (int k = 0; k < 3; ++k)
      QVERIFY(doc_->push(
          edit::move_entities(doc_->site(), {doc_->site().racks.id[std::size_t(k)]}, 0, -0.6)));
    QCOMPARE(changed.count(), 0);  // nothing announced inside the macro
    doc_->end_macro();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(doc_->undo_stack()->count(), 1);
    QCOMPARE(doc_->revision(), r0 + 3);
    QCOMPARE(modified.count(), 1);
    QVERIFY(modified.first().first().toBool());
    doc_->undo_stack()->undo();
    QCOMPARE(changed.count(), 2);
    QVERIFY(doc_->site() == original);
    QVERIFY(doc_->revision() > r0 + 3);
    doc_->undo_stack()->redo();
    QCOMPARE(changed.count(), 3);

    // Merging pushes (nudges) fold into one step.
    QVERIFY(doc_->push(edit::move_entities(doc_->site(), {doc_->site().racks.id[5]}, 0.6, 0),
                       "nudge", true));
    QVERIFY(doc_->push(edit::move_entities(doc_->site(), {doc_->site().racks.id[5]}, 0.6, 0),
                       "nudge", true));
    QCOMPARE(doc_->undo_stack()->count(), 2);
    QCOMPARE(doc_->site().racks.x_m[5], original.racks.x_m[5] + 1.2);

    // A command built before its rack was deleted no longer applies: refused, site unchanged.
    const Id victim = doc_->site().racks.id[7];
    auto stale = edit::move_entities(doc_->site(), {victim}, 0.6, 0);
    QVERIFY(doc_->push(edit::delete_entities(doc_->site(), {victim})));
    const model::Site before = doc_->site();
    QSignalSpy rejected(doc_, &SiteDocument::editRejected);
    QVERIFY(!doc_->push(std::move(stale)));
    QCOMPARE(rejected.count(), 1);
    QVERIFY(doc_->last_error().contains(QString::number(victim)));
    QVERIFY(doc_->site() == before);
    QCOMPARE(doc_->undo_stack()->count(), 3);

    // A new project: a clean stack, one modifiedChanged(false), one siteChanged.
    modified.clear();
    changed.clear();
    doc_->set_project(project_from("small"), "/tmp/x.dctwin");
    QCOMPARE(doc_->undo_stack()->count(), 0);
    QVERIFY(!doc_->modified());
    QCOMPARE(modified.count(), 1);
    QVERIFY(!modified.first().first().toBool());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(doc_->file(), QString("/tmp/x.dctwin"));
    QVERIFY(doc_->site() == original);
  }

  void addRowAction() {
    const auto n0 = doc_->site().racks.size();
    QSignalSpy changed(doc_, &SiteDocument::siteChanged);
    const quint64 rev = doc_->revision();
    QVERIFY(plan_->add_row_action()->isEnabled());
    plan_->add_row_action()->trigger();
    QCOMPARE(doc_->site().racks.size(), n0 + 10);
    QCOMPARE(doc_->undo_stack()->count(), 1);
    QCOMPARE(changed.count(), 1);  // one user action, one notification
    QVERIFY(doc_->revision() > rev);
    QVERIFY(doc_->modified());
    // The new racks are on the plan where the site says, and selected.
    const auto& s = doc_->site();
    for (std::size_t i = n0; i < s.racks.size(); ++i)
      QCOMPARE(plan_->item_at(centre_of(*plan_, s, i)), s.racks.id[i]);
    QCOMPARE(doc_->selection().size(), std::size_t(10));
    QCOMPARE(model::count_errors(model::validate(s, doc_->catalog())), std::size_t(0));
    // Painted: the new rack's centre is not the floor colour.
    const QImage img = plan_->grab().toImage();
    const QColor c = img.pixelColor(centre_of(*plan_, s, s.racks.size() - 1));
    QVERIFY2(c.saturation() > 60, qPrintable(c.name()));
    doc_->undo_stack()->undo();
    QCOMPARE(doc_->site().racks.size(), n0);
    QVERIFY(doc_->selection().empty());  // the undone racks left the selection
    QVERIFY(!doc_->modified());
  }

  void clickAndToggleSelect() {
    const auto& s = doc_->site();
    QTest::mouseClick(plan_, Qt::LeftButton, {}, centre_of(*plan_, s, 0));
    QCOMPARE(doc_->selection(), std::vector<Id>{s.racks.id[0]});
    QTest::mouseClick(plan_, Qt::LeftButton, Qt::ControlModifier, centre_of(*plan_, s, 3));
    QCOMPARE(doc_->selection().size(), std::size_t(2));
    QTest::mouseClick(plan_, Qt::LeftButton, Qt::ControlModifier, centre_of(*plan_, s, 0));
    QCOMPARE(doc_->selection(), std::vector<Id>{s.racks.id[3]});
    // A click on the empty floor clears.
    QTest::mouseClick(plan_, Qt::LeftButton, {}, plan_->to_screen(0.5, 0.5).toPoint());
    QVERIFY(doc_->selection().empty());
    QCOMPARE(doc_->undo_stack()->count(), 0);  // selecting is not an edit
  }

  void rubberBand() {
    const auto& s = doc_->site();
    // Around the first row (y 3.0..4.2 m, x 3..9 m).
    const QPoint a = plan_->to_screen(2.5, 4.5).toPoint(), b = plan_->to_screen(9.5, 2.8).toPoint();
    QTest::mousePress(plan_, Qt::LeftButton, {}, a);
    QTest::mouseMove(plan_, (a + b) / 2);
    QTest::mouseMove(plan_, b);
    QTest::mouseRelease(plan_, Qt::LeftButton, {}, b);
    QCOMPARE(doc_->selection().size(), std::size_t(10));
    for (Id id : doc_->selection())
      QCOMPARE(s.racks.row_id[model::edit::rack_index(s, id)], s.rows[0].id);
  }

  void dragMovesOnTheGridInOneStep() {
    const auto& s = doc_->site();
    const double x0 = s.racks.x_m[0], y0 = s.racks.y_m[0];
    const double tile = s.halls[0].tile_m;
    const QPoint from = centre_of(*plan_, s, 0);
    // Two tiles towards the wall (free floor), plus a little that the snap removes, in steps.
    const QPoint to = plan_->to_screen(x0 + 0.1, y0 - 2 * tile - 0.1).toPoint();
    QTest::mousePress(plan_, Qt::LeftButton, {}, from);
    for (int k = 1; k <= 10; ++k) QTest::mouseMove(plan_, from + (to - from) * k / 10);
    QTest::mouseRelease(plan_, Qt::LeftButton, {}, to);
    QCOMPARE(doc_->undo_stack()->count(), 1);
    const double dx = s.racks.x_m[0] - x0, dy = s.racks.y_m[0] - y0;
    QCOMPARE(dx, 0.0);
    QVERIFY2(std::abs(dy + 2 * tile) < 1e-9, qPrintable(QString::number(dy)));
    QVERIFY(std::abs(std::remainder(dy, tile)) < 1e-9);
    QCOMPARE(s.racks.id[0], doc_->selection().front());  // id kept, still selected
    doc_->undo_stack()->undo();
    QCOMPARE(s.racks.x_m[0], x0);
    QCOMPARE(s.racks.y_m[0], y0);
    doc_->undo_stack()->redo();
    QVERIFY(std::abs(s.racks.y_m[0] - (y0 - 2 * tile)) < 1e-9);
    // A second drag is a second step (drags do not merge with each other).
    const QPoint again = centre_of(*plan_, s, 0);
    QTest::mousePress(plan_, Qt::LeftButton, {}, again);
    QTest::mouseMove(plan_, again + QPoint(2, 0));
    QTest::mouseMove(plan_, plan_->to_screen(s.racks.x_m[0] - 2 * tile, s.racks.y_m[0]).toPoint());
    QTest::mouseRelease(plan_, Qt::LeftButton, {},
                        plan_->to_screen(s.racks.x_m[0] - 2 * tile, s.racks.y_m[0]).toPoint());
    QCOMPARE(doc_->undo_stack()->count(), 2);
  }

  void keysRotateDeleteCopyPaste() {
    const auto& s = doc_->site();
    const auto n0 = s.racks.size();
    QTest::mouseClick(plan_, Qt::LeftButton, {}, centre_of(*plan_, s, 0));
    QTest::keyClick(plan_, Qt::Key_R);
    QCOMPARE(s.racks.orientation_deg[0], 90.0);
    QTest::keyClick(plan_, Qt::Key_Delete);
    QCOMPARE(s.racks.size(), n0 - 1);
    QCOMPARE(doc_->undo_stack()->count(), 2);
    doc_->undo_stack()->undo();
    doc_->undo_stack()->undo();
    QCOMPARE(s.racks.size(), n0);
    QCOMPARE(s.racks.orientation_deg[0], 0.0);
    // Copy the rack's row, paste it after the last row: ten new racks, one step.
    doc_->set_selection({s.racks.id[0]});
    QTest::keyClick(plan_, Qt::Key_C, Qt::ControlModifier);
    QVERIFY(plan_->paste_action()->isEnabled());
    QTest::keyClick(plan_, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(s.racks.size(), n0 + 10);
    QCOMPARE(doc_->undo_stack()->count(), 1);  // the redo branch was dropped
    QCOMPARE(model::count_errors(model::validate(s, doc_->catalog())), std::size_t(0));
    // Align left and distribute act on the selection.
    doc_->set_selection({s.racks.id[0], s.racks.id[11], s.racks.id[23]});
    plan_->align_left_action()->trigger();
    QCOMPARE(doc_->undo_stack()->count(), 2);
  }

  // The context menu connects the selected racks: one step per choice, candidates of the hall.
  void contextMenuConnects() {
    const auto& s = doc_->site();
    doc_->set_selection({s.racks.id[0], s.racks.id[1]});
    std::unique_ptr<QMenu> menu(plan_->make_context_menu(centre_of(*plan_, s, 0)));
    QVERIFY(menu);
    QCOMPARE(doc_->selection().size(), std::size_t(2));  // right-click on a selected rack keeps it
    auto* feed_b = menu->findChild<QMenu*>("menuFeedB");
    QVERIFY(feed_b);
    int b_busways = 0;
    for (const auto& n : s.elec_nodes)
      b_busways +=
          n.kind == model::ElecKind::Busway && n.hall_id == s.rows[0].hall_id && n.side == "B";
    QVERIFY(b_busways > 1);
    QCOMPARE(feed_b->actions().size(), 1 + b_busways);  // unplug + the hall's B busways
    QAction* last_b = feed_b->actions().back();
    const QString name = last_b->text();
    last_b->trigger();
    QCOMPARE(doc_->undo_stack()->count(), 1);
    for (std::size_t i : {std::size_t(0), std::size_t(1)}) {
      const Id node = s.racks.feed_b[i];
      bool found = false;
      for (const auto& n : s.elec_nodes)
        if (n.id == node) found = name.startsWith(QString::fromStdString(n.name));
      QVERIFY(found);
    }
    menu.reset(plan_->make_context_menu(centre_of(*plan_, s, 0)));
    auto* cdu = menu->findChild<QMenu*>("menuCdu");
    QCOMPARE(cdu->actions().size(), 3);
    cdu->actions().back()->trigger();
    QCOMPARE(s.racks.cdu_id[0], s.racks.cdu_id[39]);  // the last CDU serves the last racks
    auto* types = menu->findChild<QMenu*>("menuRackType");
    QVERIFY(types->actions().size() >= 5);
    QCOMPARE(doc_->undo_stack()->count(), 2);
    // Row entries: add a rack at the row's end, delete the whole row (each one step).
    const auto n0 = s.racks.size();
    menu->findChild<QAction*>("actionAddRack")->trigger();
    QCOMPARE(s.racks.size(), n0 + 1);
    QCOMPARE(s.racks.row_id.back(), s.racks.row_id[0]);
    QVERIFY(std::abs(s.racks.x_m.back() - (s.racks.x_m[9] + 0.6)) < 1e-9);
    menu.reset(plan_->make_context_menu(centre_of(*plan_, s, 0)));
    menu->findChild<QAction*>("actionDeleteRows")->trigger();
    QCOMPARE(s.racks.size(), n0 - 10);
    QCOMPARE(doc_->undo_stack()->count(), 4);
    doc_->undo_stack()->undo();
    doc_->undo_stack()->undo();
    QCOMPARE(s.racks.size(), n0);
    // Right-click on an unselected rack selects it.
    menu.reset(plan_->make_context_menu(centre_of(*plan_, s, 25)));
    QCOMPARE(doc_->selection(), std::vector<Id>{s.racks.id[25]});
  }

  void arrowsNudgeAsOneStep() {
    const auto& s = doc_->site();
    const double x0 = s.racks.x_m[0];
    QTest::mouseClick(plan_, Qt::LeftButton, {}, centre_of(*plan_, s, 0));
    for (int k = 0; k < 3; ++k) QTest::keyClick(plan_, Qt::Key_Left);
    QVERIFY(std::abs(s.racks.x_m[0] - (x0 - 3 * 0.6)) < 1e-9);
    QCOMPARE(doc_->undo_stack()->count(), 1);
    doc_->undo_stack()->undo();
    QCOMPARE(s.racks.x_m[0], x0);
  }

  void wheelZoomsAroundTheCursor() {
    const QPoint at = plan_->to_screen(6, 7).toPoint();
    const QPointF before = plan_->to_world(at);
    const double w0 = plan_->to_screen(1, 0).x() - plan_->to_screen(0, 0).x();
    QWheelEvent wheel(at, plan_->mapToGlobal(at), QPoint(), QPoint(0, 240), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(plan_, &wheel);
    const double w1 = plan_->to_screen(1, 0).x() - plan_->to_screen(0, 0).x();
    QVERIFY(w1 > 1.3 * w0);
    const QPointF after = plan_->to_world(at);
    QVERIFY(std::abs(after.x() - before.x()) < 1e-9 && std::abs(after.y() - before.y()) < 1e-9);
    // Middle-button pan moves the view, not the racks.
    const QPointF p0 = plan_->to_screen(0, 0);
    QTest::mousePress(plan_, Qt::MiddleButton, {}, at);
    QTest::mouseMove(plan_, at + QPoint(40, 10));
    QTest::mouseRelease(plan_, Qt::MiddleButton, {}, at + QPoint(40, 10));
    QVERIFY((plan_->to_screen(0, 0) - p0 - QPointF(40, 10)).manhattanLength() < 1e-6);
    QCOMPARE(doc_->undo_stack()->count(), 0);
    // Showing the same hall again (the site tree rebuilt after an edit) keeps the view.
    const QPointF kept = plan_->to_screen(3, 3);
    plan_->set_hall(doc_->site().halls[0].id);
    QCOMPARE(plan_->to_screen(3, 3), kept);
  }

  // Racks that lose their CDU are flagged on the plan; undo clears the flag.
  void unconnectedRacksFlagged() {
    const auto& s = doc_->site();
    QVERIFY(plan_->unconnected_racks().empty());
    const Id cdu = s.racks.cdu_id[0];
    doc_->set_selection({cdu});
    QTest::keyClick(plan_, Qt::Key_Delete);
    std::size_t on_cdu = 0;
    for (std::size_t i = 0; i < s.racks.size(); ++i) on_cdu += s.racks.cdu_id[i] == model::kNoId;
    QCOMPARE(plan_->unconnected_racks().size(), on_cdu);
    QVERIFY(on_cdu > 0);
    const QColor c = plan_->grab().toImage().pixelColor(centre_of(*plan_, s, 0));
    QVERIFY2(c.red() > 150 && c.green() < 80, qPrintable(c.name()));  // the cross's centre
    doc_->undo_stack()->undo();
    QVERIFY(plan_->unconnected_racks().empty());
  }

  void placeCrah() {
    const auto n0 = doc_->site().cooling.size();
    plan_->place_crah_action()->setChecked(true);
    QTest::mouseClick(plan_, Qt::LeftButton, {}, plan_->to_screen(1.2, 12.0).toPoint());
    QCOMPARE(doc_->site().cooling.size(), n0 + 1);
    const auto& u = doc_->site().cooling.back();
    QCOMPARE(u.kind, model::CoolKind::Crah);
    QCOMPARE(u.x_m, 1.2);
    QVERIFY(!plan_->place_crah_action()->isChecked());
    QCOMPARE(doc_->selection(), std::vector<Id>{u.id});
  }

  void saveAndReopen() {
    plan_->add_row_action()->trigger();
    QTemporaryDir dir;
    const QString path = dir.filePath("edited.dctwin");
    QSignalSpy file(doc_, &SiteDocument::fileChanged);
    QString error;
    QVERIFY2(doc_->save(path, &error), qPrintable(error));
    QCOMPARE(doc_->file(), path);
    QCOMPARE(file.count(), 1);
    QVERIFY(!doc_->modified());
    const data::Project back = data::load_project(path.toStdString());
    QVERIFY(back.site == doc_->site());
    // A failed save says why and changes nothing.
    QVERIFY(!doc_->save("/nonexistent/dir/x.dctwin", &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(doc_->file(), path);
  }

  void propertyEditorSetsTypeInOneStep() {
    const auto& s = doc_->site();
    doc_->set_selection({s.racks.id[2]});
    QCoreApplication::processEvents();
    auto* combo = qobject_cast<QComboBox*>(props_->editor_for("type"));
    QVERIFY(combo);
    QCOMPARE(combo->currentData().toString(), QString("gb200_nvl72"));
    const int idx = combo->findData("gb300_nvl72");
    QVERIFY(idx >= 0);
    combo->setCurrentIndex(idx);
    emit combo->activated(idx);
    QCoreApplication::processEvents();
    QCOMPARE(s.racks.type[2], std::string("gb300_nvl72"));
    QCOMPARE(doc_->undo_stack()->count(), 1);
    // The form was rebuilt from the site and shows the new type.
    combo = qobject_cast<QComboBox*>(props_->editor_for("type"));
    QCOMPARE(combo->currentData().toString(), QString("gb300_nvl72"));
    doc_->undo_stack()->undo();
    QCoreApplication::processEvents();
    QCOMPARE(s.racks.type[2], std::string("gb200_nvl72"));
    combo = qobject_cast<QComboBox*>(props_->editor_for("type"));
    QCOMPARE(combo->currentData().toString(), QString("gb200_nvl72"));

    // A refused value: a DC rack on AC busways. No step, the message under the field.
    const int dc = combo->findData("vr_nvl72_800vdc");
    combo->setCurrentIndex(dc);
    emit combo->activated(dc);
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QCOMPARE(s.racks.type[2], std::string("gb200_nvl72"));
    QCOMPARE(doc_->undo_stack()->index(), 0);  // nothing pushed (the undone step stays redoable)
    QCOMPARE(doc_->undo_stack()->count(), 1);
    QVERIFY2(props_->error_for("type").contains("AC"), qPrintable(props_->error_for("type")));
    combo = qobject_cast<QComboBox*>(props_->editor_for("type"));
    QCOMPARE(combo->currentData().toString(), QString("gb200_nvl72"));

    // A number: the spin box edits x in metres, one step.
    auto* x = qobject_cast<QDoubleSpinBox*>(props_->editor_for("x_m"));
    QVERIFY(x);
    QCOMPARE(x->suffix(), QString(" m"));
    x->setValue(s.racks.x_m[2] + 0.6);
    emit x->editingFinished();
    QCoreApplication::processEvents();
    QCOMPARE(doc_->undo_stack()->count(), 1);

    // Multi-selection: the shared fields only.
    doc_->set_selection({s.racks.id[0], s.racks.id[1]});
    QCoreApplication::processEvents();
    QVERIFY(props_->editor_for("type"));
    QVERIFY(props_->editor_for("orientation_deg"));
    QVERIFY(!props_->editor_for("x_m"));
  }

  // Other kinds: a hall's containment (enum) and a cooling unit's capacity (kW shown, W stored).
  void propertyEditorOtherKinds() {
    const auto& s = doc_->site();
    doc_->set_selection({s.halls[0].id});
    QCoreApplication::processEvents();
    auto* cont = qobject_cast<QComboBox*>(props_->editor_for("containment"));
    QVERIFY(cont);
    QCOMPARE(cont->currentText(), QString("hot_aisle"));
    const int cold = cont->findText("cold_aisle");
    cont->setCurrentIndex(cold);
    emit cont->activated(cold);
    QCoreApplication::processEvents();
    QCOMPARE(s.halls[0].containment, model::Containment::ColdAisle);

    Id cdu = model::kNoId;
    for (const auto& c : s.cooling)
      if (c.kind == model::CoolKind::Cdu) cdu = c.id;
    doc_->set_selection({cdu});
    QCoreApplication::processEvents();
    auto* cap = qobject_cast<QDoubleSpinBox*>(props_->editor_for("capacity_w"));
    QVERIFY(cap);
    QCOMPARE(cap->suffix(), QString(" kW"));
    QCOMPARE(cap->value(), 2000.0);
    cap->setValue(2500.0);
    emit cap->editingFinished();
    QCoreApplication::processEvents();
    for (const auto& c : s.cooling)
      if (c.id == cdu) QCOMPARE(c.capacity_w, 2.5e6);
    QCOMPARE(doc_->undo_stack()->count(), 2);
    // editingFinished again without a change (focus leaving) is not another step.
    cap = qobject_cast<QDoubleSpinBox*>(props_->editor_for("capacity_w"));
    emit cap->editingFinished();
    QCoreApplication::processEvents();
    QCOMPARE(doc_->undo_stack()->count(), 2);
    QVERIFY(props_->editor_for("kind"));  // read-only fields show as labels
    QVERIFY(qobject_cast<QLabel*>(props_->editor_for("kind")));
  }

  void screenshots() {
    QDir().mkpath("/tmp/editor");
    // Small template with a selection and an added row.
    plan_->add_row_action()->trigger();
    QTest::qWait(50);
    QVERIFY(window_->grab().save("/tmp/editor/editor_small.png"));
    QVERIFY(plan_->grab().save("/tmp/editor/plan_small.png"));
    // One rack selected (its CDU and air unit linked), a CDU deleted (its racks crossed out).
    {
      const auto& s = doc_->site();
      doc_->set_selection({s.racks.cdu_id[15]});
      QTest::keyClick(plan_, Qt::Key_Delete);
      doc_->set_selection({s.racks.id[3]});
      QVERIFY(plan_->grab().save("/tmp/editor/plan_small_unconnected.png"));
      doc_->undo_stack()->undo();
    }
    // A drag in progress (the ghost where the racks would land), zoomed in, a CRAH placed and a
    // rack turned.
    {
      const auto& s = doc_->site();
      plan_->place_crah_action()->setChecked(true);
      QTest::mouseClick(plan_, Qt::LeftButton, {}, plan_->to_screen(1.5, 12.6).toPoint());
      doc_->set_selection({s.racks.id[12]});
      QTest::keyClick(plan_, Qt::Key_R);
      const QPoint c = plan_->to_screen(6, 6).toPoint();
      QWheelEvent wheel(c, plan_->mapToGlobal(c), QPoint(), QPoint(0, 240), Qt::NoButton,
                        Qt::NoModifier, Qt::NoScrollPhase, false);
      QCoreApplication::sendEvent(plan_, &wheel);
      doc_->set_selection({s.racks.id[0], s.racks.id[1], s.racks.id[2]});
      const QPoint from = centre_of(*plan_, s, 1);
      QTest::mousePress(plan_, Qt::LeftButton, {}, from);
      QTest::mouseMove(plan_, from + QPoint(5, 0));
      QTest::mouseMove(plan_,
                       plan_->to_screen(s.racks.x_m[1] + 0.6, s.racks.y_m[1] - 1.2).toPoint());
      QVERIFY(plan_->grab().save("/tmp/editor/plan_small_drag.png"));
      QTest::mouseRelease(plan_, Qt::LeftButton, {},
                          plan_->to_screen(s.racks.x_m[1] + 0.6, s.racks.y_m[1] - 1.2).toPoint());
      plan_->zoom_fit_action()->trigger();
    }
    // Gigawatt: the first hall, and custom values with their own legend.
    doc_->set_project(project_from("gigawatt"), QString());
    QTest::qWait(50);
    QVERIFY(plan_->grab().save("/tmp/editor/plan_gigawatt.png"));
    std::vector<double> v(doc_->site().racks.size());
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = 20.0 + 10.0 * std::sin(double(i) * 0.05);
    plan_->set_rack_values(v, "C", render::ColorMap(render::ColorMapKind::Thermal, 10, 30));
    doc_->set_selection({doc_->site().racks.id[5]});
    QTest::qWait(50);
    QVERIFY(window_->grab().save("/tmp/editor/editor_gigawatt_values.png"));
  }
};

QTEST_MAIN(TstGuiEditor)
#include "tst_gui_editor.moc"
