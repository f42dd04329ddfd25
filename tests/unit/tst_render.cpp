// The 3D scene without OpenGL: one group of cells per rack where the rack stands, the scalars
// equal the rack values, colours from the shared colour maps, picking maps a cell back to its
// rack, levels filter what is shown, and an air slice returns the field's layer at a height.
#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellData.h>
#include <vtkCellPicker.h>
#include <vtkDataArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>

#include <QtTest>
#include <cmath>
#include <limits>
#include <numbers>
#include <unordered_map>

#include "data/catalog_io.h"
#include "model/site/catalog.h"
#include "model/site/templates.h"
#include "model/thermal/hall_air.h"
#include "render/site_scene.h"

using namespace dctwin;
using render::ColorBy;
using render::SiteScene;

namespace {
const model::Catalog& cat() { return data::builtin_catalog(); }

// Bounds of the 5 cells of visible rack k.
std::array<double, 6> rack_bounds(vtkPolyData* pd, std::size_t k) {
  std::array<double, 6> b{1e300, -1e300, 1e300, -1e300, 1e300, -1e300};
  for (int c = 0; c < SiteScene::kCellsPerRack; ++c) {
    double cb[6];
    pd->GetCellBounds(vtkIdType(k * SiteScene::kCellsPerRack + c), cb);
    for (int a = 0; a < 3; ++a) {
      b[2 * a] = std::min(b[2 * a], cb[2 * a]);
      b[2 * a + 1] = std::max(b[2 * a + 1], cb[2 * a + 1]);
    }
  }
  return b;
}
}  // namespace

class TstRender : public QObject {
  Q_OBJECT
 private slots:
  void racksWhereTheyStand() {
    model::Site site = model::make_site_from_template("small", {}, cat());
    // Turn one rack a quarter: its footprint swaps width and depth.
    site.racks.orientation_deg[3] = 90;
    SiteScene s;
    s.set_site(site, cat());
    vtkPolyData* pd = s.racks_polydata();
    QCOMPARE(s.visible().size(), site.racks.size());
    QCOMPARE(pd->GetNumberOfCells(), vtkIdType(site.racks.size() * SiteScene::kCellsPerRack));
    std::unordered_map<model::Id, const model::Hall*> halls;
    for (const auto& h : site.halls) halls[h.id] = &h;
    std::unordered_map<model::Id, model::Id> row_hall;
    for (const auto& r : site.rows) row_hall[r.id] = r.hall_id;
    for (std::size_t k = 0; k < s.visible().size(); ++k) {
      const std::size_t i = s.visible()[k];
      const model::Hall& h = *halls.at(row_hall.at(site.racks.row_id[i]));
      const model::Building& b = site.buildings.at(0);
      const auto spec = model::rack_spec(cat().at(site.racks.type[i]));
      const auto bb = rack_bounds(pd, k);
      const double cx = b.x_m + h.x_m + site.racks.x_m[i], cy = b.y_m + h.y_m + site.racks.y_m[i];
      QVERIFY(std::abs(0.5 * (bb[0] + bb[1]) - cx) < 1e-4);
      QVERIFY(std::abs(0.5 * (bb[2] + bb[3]) - cy) < 1e-4);
      QVERIFY(std::abs(bb[4]) < 1e-6);
      QVERIFY(std::abs(bb[5] - spec.height_m) < 1e-4);
      const double a = std::fmod(site.racks.orientation_deg[i], 180.0);
      const bool turned = std::abs(a - 90) < 1;
      QVERIFY2(std::abs(a) < 1 || turned, "templates use 0/90/180/270");
      const double ex = turned ? spec.depth_m : spec.width_m,
                   ey = turned ? spec.width_m : spec.depth_m;
      QVERIFY2(std::abs((bb[1] - bb[0]) - ex) < 1e-4, qPrintable(QString("rack %1").arg(i)));
      QVERIFY(std::abs((bb[3] - bb[2]) - ey) < 1e-4);
      // Placement agrees with the geometry.
      QVERIFY(std::abs(s.placements()[i].x_m - cx) < 1e-9);
    }
  }

  void scalarsAreTheRackValues_data() {
    QTest::addColumn<int>("mode");
    QTest::newRow("design power") << int(ColorBy::DesignPower);
    QTest::newRow("inlet") << int(ColorBy::InletTemp);
    QTest::newRow("utilisation") << int(ColorBy::Utilisation);
    QTest::newRow("side") << int(ColorBy::Side);
  }
  void scalarsAreTheRackValues() {
    QFETCH(int, mode);
    model::Site site = model::make_site_from_template("small", {}, cat());
    site.racks.power_override_w[7] = 90e3;
    SiteScene s;
    s.set_site(site, cat());
    render::RackValues v = s.values();
    const std::size_t n = site.racks.size();
    QCOMPARE(v.design_power_w.size(), n);
    QCOMPARE(v.design_power_w[7], 90e3);
    v.inlet_c.assign(n, 24.0);
    v.inlet_c[5] = 31.5;
    v.inlet_c[6] = std::numeric_limits<double>::quiet_NaN();  // no air model there
    v.utilisation.assign(n, 0.8);
    v.utilisation[9] = 0.35;
    v.cord_power_w.assign(n, 100e3);
    s.set_values(v);
    auto o = s.options();
    o.color_by = ColorBy(mode);
    s.set_options(o);
    QCOMPARE(int(s.options().color_by), mode);
    vtkPolyData* pd = s.racks_polydata();
    vtkDataArray* value = pd->GetCellData()->GetArray("value");
    auto* colors = vtkUnsignedCharArray::SafeDownCast(pd->GetPointData()->GetScalars());
    QVERIFY(value && colors);
    for (std::size_t k = 0; k < s.visible().size(); ++k) {
      const std::size_t i = s.visible()[k];
      double expect = 0;
      render::Rgb rgb;
      switch (ColorBy(mode)) {
        case ColorBy::DesignPower:
          expect = v.design_power_w[i];
          break;
        case ColorBy::InletTemp:
          expect = v.inlet_c[i];
          break;
        case ColorBy::Utilisation:
          expect = v.utilisation[i];
          break;
        case ColorBy::Side:
          expect = double(int(v.side[i]));
          break;
        default:
          break;
      }
      if (ColorBy(mode) == ColorBy::Side)
        rgb = render::side_color(v.side[i]);
      else
        rgb = s.color_map().at(expect * s.value_scale());
      for (int c = 0; c < SiteScene::kCellsPerRack; ++c) {
        const vtkIdType cell = vtkIdType(k * SiteScene::kCellsPerRack + c);
        const double got = value->GetTuple1(cell);
        QVERIFY2(std::isnan(expect) ? std::isnan(got) : got == expect,
                 qPrintable(QString("rack %1: %2 != %3").arg(i).arg(got).arg(expect)));
        // Every corner of the face carries the rack's colour.
        vtkIdType npts = 0;
        const vtkIdType* ids = nullptr;
        pd->GetCellPoints(cell, npts, ids);
        QCOMPARE(npts, vtkIdType(4));
        for (vtkIdType q = 0; q < npts; ++q) {
          QCOMPARE(int(colors->GetTypedComponent(ids[q], 0)), int(std::lround(rgb.r * 255)));
          QCOMPARE(int(colors->GetTypedComponent(ids[q], 1)), int(std::lround(rgb.g * 255)));
          QCOMPARE(int(colors->GetTypedComponent(ids[q], 2)), int(std::lround(rgb.b * 255)));
        }
      }
    }
    if (ColorBy(mode) == ColorBy::InletTemp) {
      // The range covers the values; the hot rack is at the top of the map, no-data is grey.
      QVERIFY(s.color_map().min_value() <= 24.0 && s.color_map().max_value() >= 31.5);
      QCOMPARE(s.color_map().at(std::numeric_limits<double>::quiet_NaN()),
               render::ColorMap::kNoData);
      QVERIFY(QString::fromStdString(s.describe(5)).contains("31.5"));
    }
    if (ColorBy(mode) == ColorBy::DesignPower)
      QVERIFY2(QString::fromStdString(s.describe(7)).contains("90.0 kW"), s.describe(7).c_str());
  }

  void sidesFromFeeds() {
    model::Site site = model::make_site_from_template("small", {}, cat());
    const auto v0 = render::rack_values(site, cat());
    // The small template is 2N: every rack has an A and a B cord.
    for (auto s : v0.side) QCOMPARE(int(s), int(render::FeedSide::AB));
    site.racks.feed_b[0] = model::kNoId;
    site.racks.feed_a[1] = model::kNoId;
    site.racks.feed_a[2] = site.racks.feed_b[2] = model::kNoId;
    const auto v = render::rack_values(site, cat());
    QCOMPARE(int(v.side[0]), int(render::FeedSide::AOnly));
    QCOMPARE(int(v.side[1]), int(render::FeedSide::BOnly));
    QCOMPARE(int(v.side[2]), int(render::FeedSide::Unfed));
    // No results: only design power and side.
    QVERIFY(v.has(ColorBy::DesignPower) && v.has(ColorBy::Side));
    QVERIFY(!v.has(ColorBy::SolvedPower) && !v.has(ColorBy::InletTemp) &&
            !v.has(ColorBy::Utilisation));
  }

  void pickingRoundTrips() {
    const model::Site site = model::make_site_from_template("small", {}, cat());
    SiteScene s;
    s.set_site(site, cat());
    s.set_camera(render::CameraView::Top);
    // A window gives the renderer its size; nothing is drawn (no OpenGL needed to pick).
    vtkNew<vtkRenderWindow> win;
    win->SetSize(900, 700);
    win->AddRenderer(s.renderer());
    s.renderer()->ResetCameraClippingRange();
    vtkNew<vtkCellPicker> picker;
    picker->SetTolerance(0.0);
    picker->PickFromListOn();
    picker->AddPickList(s.racks_actor());
    int picked = 0;
    for (std::size_t i = 0; i < site.racks.size(); i += 3) {
      const auto& p = s.placements()[i];
      s.renderer()->SetWorldPoint(p.x_m, p.y_m, p.height_m, 1.0);
      s.renderer()->WorldToDisplay();
      double d[3];
      s.renderer()->GetDisplayPoint(d);
      QVERIFY(picker->Pick(d[0], d[1], 0, s.renderer()));
      QCOMPARE(s.rack_of_cell(long(picker->GetCellId())), long(i));
      ++picked;
    }
    QVERIFY(picked >= 10);
    QCOMPARE(s.rack_of_cell(-1), -1L);
    QCOMPARE(s.rack_of_cell(long(site.racks.size()) * SiteScene::kCellsPerRack), -1L);
    win->RemoveRenderer(s.renderer());
  }

  void levelsFilterRacks() {
    const model::Site site = model::make_site_from_template("gigawatt", {}, cat());
    QVERIFY(site.buildings.size() > 1);
    SiteScene s;
    QElapsedTimer t;
    t.start();
    s.set_site(site, cat());
    qInfo("gigawatt: %zu racks, scene built in %.1f ms", site.racks.size(),
          double(t.nsecsElapsed()) / 1e6);
    QCOMPARE(s.visible().size(), site.racks.size());
    const model::Hall& h = site.halls.at(1);
    std::size_t in_hall = 0;
    std::unordered_map<model::Id, model::Id> row_hall;
    for (const auto& r : site.rows) row_hall[r.id] = r.hall_id;
    for (std::size_t i = 0; i < site.racks.size(); ++i)
      in_hall += row_hall[site.racks.row_id[i]] == h.id;
    QVERIFY(in_hall > 0);
    auto o = s.options();
    o.level = render::Level::Hall;
    o.focus = h.id;
    s.set_options(o);
    QCOMPARE(s.visible().size(), in_hall);
    QCOMPARE(s.racks_polydata()->GetNumberOfCells(), vtkIdType(in_hall * SiteScene::kCellsPerRack));
    for (std::size_t i : s.visible()) QCOMPARE(s.placements()[i].hall_id, h.id);
    o.level = render::Level::Building;
    o.focus = h.building_id;
    s.set_options(o);
    QVERIFY(s.visible().size() >= in_hall);
    for (std::size_t i : s.visible()) QCOMPARE(s.placements()[i].building_id, h.building_id);
    // Moving the camera over many racks draws their top faces only; a hall does not need it.
    o.level = render::Level::Campus;
    s.set_options(o);
    s.set_interacting(true);
    QVERIFY(s.lod_active());
    QVERIFY(!s.racks_actor()->GetVisibility());
    s.set_interacting(false);
    QVERIFY(!s.lod_active());
    QVERIFY(s.racks_actor()->GetVisibility());
    o.level = render::Level::Hall;
    o.focus = h.id;
    s.set_options(o);
    s.set_interacting(true);
    QVERIFY(!s.lod_active());
    s.set_interacting(false);
    o.level = render::Level::Building;
    o.focus = h.building_id;
    s.set_options(o);
    // An edit keeps the level and the camera.
    double pos[3];
    s.renderer()->GetActiveCamera()->GetPosition(pos);
    model::Site edited = site;
    edited.racks.power_override_w[0] = 1.0;
    s.set_site(edited, cat());
    QCOMPARE(int(s.options().level), int(render::Level::Building));
    double pos2[3];
    s.renderer()->GetActiveCamera()->GetPosition(pos2);
    for (int a = 0; a < 3; ++a) QCOMPARE(pos2[a], pos[a]);
  }

  void emptyAndUnknownRacks() {
    SiteScene s;
    s.set_site(model::Site{}, cat());  // nothing to draw: no crash, a camera all the same
    QCOMPARE(s.racks_polydata()->GetNumberOfCells(), vtkIdType(0));
    s.set_camera(render::CameraView::Top);
    s.set_selection({42});
    // A rack whose type the catalog lacks is still drawn (placeholder box), with no value.
    model::Site site = model::make_site_from_template("small", {}, cat());
    site.racks.type[4] = "no_such_rack";
    s.set_site(site, cat());
    QCOMPARE(s.visible().size(), site.racks.size());
    QVERIFY(s.placements()[4].height_m > 0);
    QVERIFY(std::isnan(s.value_of(4)));
    QVERIFY(QString::fromStdString(s.describe(4)).contains("no data"));
  }

  void sliceIsTheLayer() {
    model::thermal::HallAirResult f;
    f.nx = 3;
    f.ny = 2;
    f.nz = 4;
    f.xf = {0, 1, 2, 3};
    f.yf = {0, 0.6, 1.2};
    f.zf = {0, 0.5, 1.2, 2.0, 3.0};
    f.temp_c.resize(std::size_t(f.nx * f.ny * f.nz));
    for (int k = 0; k < f.nz; ++k)
      for (int j = 0; j < f.ny; ++j)
        for (int i = 0; i < f.nx; ++i)
          f.temp_c[std::size_t(i + f.nx * (j + f.ny * k))] = 20 + i + 10 * j + 100 * k;
    f.temp_c[std::size_t(1 + f.nx * (1 + f.ny * 2))] = std::numeric_limits<double>::quiet_NaN();
    for (auto [z, k] :
         {std::pair{0.0, 0}, {0.49, 0}, {0.5, 1}, {1.3, 2}, {1.999, 2}, {2.5, 3}, {3.0, 3}}) {
      const auto s = render::extract_slice(f, z);
      QCOMPARE(s.k, k);
      QCOMPARE(s.nx, 3);
      QCOMPARE(s.ny, 2);
      QCOMPARE(s.temp_c.size(), std::size_t(6));
      for (int j = 0; j < 2; ++j)
        for (int i = 0; i < 3; ++i) {
          const double want = f.temp_c[std::size_t(i + f.nx * (j + f.ny * k))];
          const double got = s.temp_c[std::size_t(i + 3 * j)];
          QVERIFY(std::isnan(want) ? std::isnan(got) : got == want);
        }
    }
    QCOMPARE(render::extract_slice(f, 3.01).k, -1);
    QCOMPARE(render::extract_slice(f, -0.1).k, -1);
    QVERIFY(render::extract_slice(f, 3.01).temp_c.empty());
  }
};

QTEST_GUILESS_MAIN(TstRender)
#include "tst_render.moc"
