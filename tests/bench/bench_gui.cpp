// The UI thread's share of one edit on the gigawatt template (issue 6: the UI never blocks for
// more than 100 ms): a rack moved through the document, and everything the main window does on
// the UI thread before it returns to the event loop (tree, validation, 3D scene, power budget,
// the site copy handed to the background solve). The solves themselves run on worker threads
// and are not counted. Run under xvfb-run (the 3D view needs OpenGL) or offscreen.
#include <benchmark/benchmark.h>

#include <QApplication>
#include <QMessageBox>
#include <QSurfaceFormat>

#include "app/gui/main_window.h"
#include "app/gui/site_document.h"
#include "app/gui/solve_controller.h"
#include "model/edit/commands.h"
#include "render/vtk_widget.h"

namespace {
dctwin::app::MainWindow* g_window = nullptr;

void BM_EditGigawattUiThread(benchmark::State& state) {
  auto* doc = g_window->document();
  const auto id = doc->site().racks.id[0];
  double dx = doc->site().halls.at(0).tile_m;
  for (auto _ : state) {
    // push() applies the move and emits siteChanged(): the window's whole update runs inside.
    doc->push(dctwin::model::edit::move_entities(doc->site(), {id}, 0.0, dx));
    dx = -dx;
    state.PauseTiming();
    g_window->solver()->cancel();  // keep the worker threads from competing for the cores
    QApplication::processEvents();
    state.ResumeTiming();
  }
}
BENCHMARK(BM_EditGigawattUiThread)->Unit(benchmark::kMillisecond)->Iterations(20)->Repetitions(3);

void BM_OpenGigawattTemplate(benchmark::State& state) {
  for (auto _ : state) {
    g_window->new_from_template("gigawatt");
    state.PauseTiming();
    g_window->solver()->cancel();
    QApplication::processEvents();
    state.ResumeTiming();
  }
}
BENCHMARK(BM_OpenGigawattTemplate)->Unit(benchmark::kMillisecond)->Iterations(3);
}  // namespace

int main(int argc, char** argv) {
  QSurfaceFormat::setDefaultFormat(dctwin::render::VtkWidget::default_format());
  QApplication app(argc, argv);
  dctwin::app::MainWindow w;
  w.set_unsaved_prompt([] { return int(QMessageBox::Discard); });  // never a modal box
  w.resize(1400, 900);
  w.show();
  w.new_from_template("gigawatt");
  QApplication::processEvents();
  g_window = &w;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  g_window = nullptr;
  return 0;
}
