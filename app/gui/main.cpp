// dctwin: the desktop app. `dctwin [FILE]` opens FILE; `dctwin --template NAME` starts from a
// template; with neither it starts empty (File > New from template).
#include <QApplication>
#include <QCommandLineParser>

#include "app/gui/main_window.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("dctwin");
  QApplication::setApplicationVersion(DCTWIN_VERSION);
  QCommandLineParser parser;
  parser.setApplicationDescription("Digital twin of the power and cooling of gigawatt AI sites");
  parser.addHelpOption();
  parser.addVersionOption();
  QCommandLineOption tpl("template", "Start from a template (small, hall, gigawatt).", "name");
  QCommandLineOption shot("screenshot", "Save a screenshot of the window to PNG and quit.", "png");
  parser.addOption(tpl);
  parser.addOption(shot);
  parser.addPositionalArgument("file", "Project file (*.dctwin) or site JSON to open.");
  parser.process(app);

  dctwin::app::MainWindow w;
  const QStringList files = parser.positionalArguments();
  bool ok = true;
  if (!files.isEmpty())
    ok = w.open_file(files.first());
  else if (parser.isSet(tpl))
    ok = w.new_from_template(parser.value(tpl));
  w.show();
  if (parser.isSet(shot)) {
    // For docs and checks: render once, save, quit (non-zero when the project failed to load).
    QApplication::processEvents();
    const bool saved = w.grab().save(parser.value(shot));
    return ok && saved ? 0 : 1;
  }
  return app.exec();
}
