// dctwin: the desktop app. `dctwin [FILE]` opens FILE (a project file or site JSON); with no
// argument it shows the start page (new from template, recent files); `dctwin --template NAME`
// starts from a template.
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QSurfaceFormat>
#include <QTabWidget>
#include <QTextStream>

#include "app/gui/main_window.h"
#include "app/gui/solve_controller.h"
#include "render/vtk_widget.h"

int main(int argc, char** argv) {
  // Debian's VTK draws through GLX only: under Wayland, run on XWayland (xcb).
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") &&
      !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
    qputenv("QT_QPA_PLATFORM", "xcb");
  // VTK needs its GL format before the application (and its first context) exists.
  QSurfaceFormat::setDefaultFormat(dctwin::render::VtkWidget::default_format());
  QApplication app(argc, argv);
  QApplication::setApplicationName("dctwin");
  QApplication::setOrganizationName("dctwin");
  QApplication::setApplicationVersion(DCTWIN_VERSION);
  QCommandLineParser parser;
  parser.setApplicationDescription("Digital twin of the power and cooling of gigawatt AI sites");
  parser.addHelpOption();
  parser.addVersionOption();
  QCommandLineOption tpl("template", "Start from a template (small, hall, gigawatt).", "name");
  QCommandLineOption shot("screenshot", "Save a screenshot of the window to PNG and quit.", "png");
  QCommandLineOption tab("tab", "Central tab to show first: 3d, plan, scenarios, budget.", "name");
  QCommandLineOption wait("wait-results",
                          "With --screenshot: wait for the thermal results (up to 120 s) first.");
  parser.addOption(tpl);
  parser.addOption(shot);
  parser.addOption(tab);
  parser.addOption(wait);
  parser.addPositionalArgument("file", "Project file (*.dctwin) or site JSON to open.");
  parser.process(app);

  dctwin::app::MainWindow w;
  const QStringList files = parser.positionalArguments();
  bool ok = true;
  if (!files.isEmpty())
    ok = w.open_file(files.first());
  else if (parser.isSet(tpl))
    ok = w.new_from_template(parser.value(tpl));
  if (parser.isSet(tab)) {
    const QStringList names{"3d", "plan", "scenarios", "budget"};
    const int i = names.indexOf(parser.value(tab));
    if (i < 0) {
      QTextStream(stderr) << "dctwin: unknown --tab '" << parser.value(tab)
                          << "': use one of 3d, plan, scenarios, budget\n";
      return 2;
    }
    if (auto* tabs = w.findChild<QTabWidget*>("centralTabs")) tabs->setCurrentIndex(i);
  }
  w.show();
  if (parser.isSet(shot)) {
    // For docs and checks: render, save, quit (non-zero when the project failed to load).
    QElapsedTimer t;
    t.start();
    if (parser.isSet(wait)) {
      bool done = false;
      QObject::connect(w.solver(), &dctwin::app::SolveController::thermalReady,
                       [&] { done = true; });
      while (!done && t.elapsed() < 120000) QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    for (int i = 0; i < 10; ++i) QApplication::processEvents(QEventLoop::AllEvents, 20);
    const bool saved = w.grab().save(parser.value(shot));
    return ok && saved ? 0 : 1;
  }
  return app.exec();
}
