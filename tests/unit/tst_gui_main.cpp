// The minimal main window as a person sees it: a template opens, the tree lists its buildings
// and halls, the summary states its size, and the hall plan shows racks coloured by power.
#include <QtTest>

#include <QLabel>
#include <QListWidget>
#include <QTreeWidget>

#include "app/gui/hall_plan.h"
#include "app/gui/main_window.h"

using dctwin::app::HallPlan;
using dctwin::app::MainWindow;

class TstGuiMain : public QObject {
  Q_OBJECT
 private slots:
  void smallTemplate() {
    MainWindow w;
    w.show();
    QVERIFY(w.new_from_template("small"));
    QVERIFY(w.windowTitle().contains("small"));
    auto* tree = w.findChild<QTreeWidget*>("siteTree");
    QVERIFY(tree);
    QCOMPARE(tree->topLevelItemCount(), 1);
    QTreeWidgetItem* site = tree->topLevelItem(0);
    QCOMPARE(site->childCount(), 1);               // one building
    QCOMPARE(site->child(0)->childCount(), 1);     // with one hall
    QCOMPARE(site->text(1), QString("40"));        // racks column
    auto* summary = w.findChild<QLabel*>("summaryLabel");
    QVERIFY(summary->text().contains("40 racks"));
    QVERIFY(summary->text().contains("0 errors"));
    auto* issues = w.findChild<QListWidget*>("issuesList");
    QCOMPARE(issues->count(), 1);
    QCOMPARE(issues->item(0)->text(), QString("No validation problems."));

    // The hall plan is selected and drawn: many pixels in the colours of the power map.
    auto* plan = w.findChild<HallPlan*>("hallPlan");
    QVERIFY(plan);
    QTest::qWait(50);
    const QImage img = plan->grab().toImage();
    QVERIFY(!img.isNull());
    int coloured = 0;
    for (int y = 0; y < img.height(); y += 2)
      for (int x = 0; x < img.width(); x += 2) {
        const QColor c = img.pixelColor(x, y);
        if (c.saturation() > 100) ++coloured;
      }
    QVERIFY2(coloured > 200, qPrintable(QString::number(coloured)));
  }

  void badFileShowsNoProject() {
    MainWindow w;
    // An error dialog would block a test: the window reports through its return value and keeps
    // its previous state (here: none).
    QTimer::singleShot(200, [] {
      for (QWidget* top : QApplication::topLevelWidgets())
        if (top->inherits("QMessageBox")) top->close();
    });
    QVERIFY(!w.open_file("/nonexistent/site.dctwin"));
    QCOMPARE(w.findChild<QTreeWidget*>("siteTree")->topLevelItemCount(), 0);
  }
};

QTEST_MAIN(TstGuiMain)
#include "tst_gui_main.moc"
