// 3D view benchmarks on the gigawatt template (5,632 racks): building the scene (what an edit
// costs), recolouring, and a frame while orbiting, offscreen (run under xvfb-run: Mesa llvmpipe
// here). The on-screen frame (QOpenGLWidget) is measured by tst_gui_view3d and printed there.
#include <benchmark/benchmark.h>
#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProp.h>
#include <vtkPropCollection.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

#include <cstdlib>

#include "data/catalog_io.h"
#include "model/site/templates.h"
#include "render/site_scene.h"

namespace {

using namespace dctwin;

const model::Site& gigawatt() {
  static const model::Site s =
      model::make_site_from_template("gigawatt", {}, data::builtin_catalog());
  return s;
}

void BM_SceneBuildGigawatt(benchmark::State& state) {
  render::SiteScene scene;
  scene.set_site(gigawatt(), data::builtin_catalog());
  for (auto _ : state) scene.set_site(gigawatt(), data::builtin_catalog());  // an edit: camera kept
  state.counters["racks"] = double(gigawatt().racks.size());
}
BENCHMARK(BM_SceneBuildGigawatt)->Unit(benchmark::kMillisecond);

void BM_RecolorGigawatt(benchmark::State& state) {
  render::SiteScene scene;
  scene.set_site(gigawatt(), data::builtin_catalog());
  auto o = scene.options();
  bool side = false;
  for (auto _ : state) {
    o.color_by = (side = !side) ? render::ColorBy::Side : render::ColorBy::DesignPower;
    scene.set_options(o);
  }
}
BENCHMARK(BM_RecolorGigawatt)->Unit(benchmark::kMillisecond);

// Arg 0: the whole scene; 1: racks only; 2: the whole scene with rack edges drawn; 3: background
// only.
void BM_OrbitFrameGigawatt(benchmark::State& state) {
  if (const char* d = std::getenv("DISPLAY"); !d || !*d) {  // Debian's VTK draws through GLX
    state.SkipWithError("needs an X display: run under xvfb-run");
    return;
  }
  render::SiteScene scene;
  scene.set_site(gigawatt(), data::builtin_catalog());
  vtkNew<vtkRenderWindow> win;
  win->SetOffScreenRendering(1);
  win->SetMultiSamples(0);
  win->SetSize(1200, 800);
  win->AddRenderer(scene.renderer());
  if (state.range(0) == 1 || state.range(0) == 3) {
    vtkPropCollection* props = scene.renderer()->GetViewProps();
    props->InitTraversal();
    while (vtkProp* p = props->GetNextProp())
      if (p != scene.racks_actor() || state.range(0) == 3) p->VisibilityOff();
  }
  if (state.range(0) == 2) scene.racks_actor()->GetProperty()->EdgeVisibilityOn();
  vtkNew<vtkPolyData> tops;
  if (state.range(0) == 4) {  // top faces only (an interaction level of detail)
    vtkPolyData* full = scene.racks_polydata();
    tops->SetPoints(full->GetPoints());
    tops->GetPointData()->ShallowCopy(full->GetPointData());
    vtkNew<vtkCellArray> polys;
    for (vtkIdType c = 0; c < full->GetNumberOfCells(); c += render::SiteScene::kCellsPerRack) {
      vtkIdType n = 0;
      const vtkIdType* ids = nullptr;
      full->GetCellPoints(c, n, ids);
      polys->InsertNextCell(n, ids);
    }
    tops->SetPolys(polys);
    vtkPolyDataMapper::SafeDownCast(scene.racks_actor()->GetMapper())->SetInputData(tops);
  }
  win->Render();
  for (auto _ : state) {
    scene.renderer()->GetActiveCamera()->Azimuth(3);
    scene.renderer()->ResetCameraClippingRange();
    win->Render();
    win->WaitForCompletion();
  }
  win->RemoveRenderer(scene.renderer());
}
BENCHMARK(BM_OrbitFrameGigawatt)
    ->Arg(0)
    ->Arg(1)
    ->Arg(2)
    ->Arg(3)
    ->Arg(4)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
