#include <QtTest>
class TstGuiView3d : public QObject {
  Q_OBJECT
 private slots:
  void placeholder() {}
};
QTEST_MAIN(TstGuiView3d)
#include "tst_gui_view3d.moc"
