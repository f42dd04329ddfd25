// Reports: the Sankey flow model and painters, the content builder, and every writer (JSON, CSV,
// XLSX, PDF) through the library and through `dctwin-cli report` as a user runs it.
#include <QtTest>
#include <QImage>
#include <QPainter>

#include <cmath>

#include "app/report/sankey.h"
#include "data/catalog_io.h"
#include "model/electrical/site_power.h"
#include "model/site/templates.h"

using namespace dctwin;
namespace el = model::electrical;
namespace rp = app::report;

namespace {

// Where tests may leave pictures for people to look at (unset: nowhere).
QString picture_dir() { return qEnvironmentVariable("DCTWIN_REPORT_PNG_DIR"); }

}  // namespace

class TestReport : public QObject {
  Q_OBJECT
  model::Site site_;
  el::SiteElecResult power_;

 private slots:
  void initTestCase() {
    site_ = model::make_site_from_template("small", {}, data::builtin_catalog());
    power_ = el::solve_site_power(site_, data::builtin_catalog());
    QVERIFY(power_.converged);
  }

  // The chain conserves power: each stage passes on what it takes in less its loss, the first
  // stage takes IT plus every loss, and the site's stage losses are the solve's.
  void sankey_site_conserves_power() {
    const auto m = rp::build_sankey(site_, power_);
    QCOMPARE(m.stages.size(), std::size_t(7));
    QCOMPARE(m.stages.front().key, std::string("grid"));
    QCOMPARE(m.stages.back().key, std::string("it"));
    QVERIFY(std::abs(m.it_w - power_.it_power_w) < 1e-6);
    QVERIFY(std::abs(m.total_loss_w() - power_.total_loss_w) < 1e-6 * power_.total_loss_w);
    for (std::size_t k = 0; k + 1 < m.stages.size(); ++k)
      QVERIFY(std::abs(m.stages[k].out_w() - m.stages[k + 1].in_w) < 1e-6 * m.input_w);
    for (const auto& [stage, w] : power_.losses_w) {
      auto it = std::find_if(m.stages.begin(), m.stages.end(), [&](const rp::StageFlow& s) { return s.key == stage; });
      QVERIFY2(it != m.stages.end(), stage.c_str());
      QCOMPARE(it->loss_w, w);
    }
    // Grid import is the input less what standby sources supply (none in normal operation);
    // the site solve's energy balance closes to 0.1 %.
    QVERIFY(std::abs(m.input_w - power_.grid_import_w) < 1e-3 * power_.grid_import_w);
    // Links: every stage node's inflow equals its outflow plus its loss link.
    for (int k = 1; k + 1 < int(m.stages.size()); ++k) {
      double in = 0, out = 0;
      for (const auto& l : m.links) {
        if (l.to == k) in += l.power_w;
        if (l.from == k) out += l.power_w;
      }
      QVERIFY(std::abs(in - out) < 1e-6 * m.input_w);
    }
  }

  // Halls split the site: their IT and their attributed losses add up to the site's.
  void sankey_halls_add_up_to_site() {
    double it = 0, loss = 0;
    for (const auto& h : site_.halls) {
      const auto m = rp::build_sankey(site_, power_, {rp::SankeyScope::Kind::Hall, h.id});
      QVERIFY(m.it_w > 0);
      QVERIFY(m.title.find(h.name) != std::string::npos);
      it += m.it_w;
      loss += m.total_loss_w();
    }
    QVERIFY(std::abs(it - power_.it_power_w) < 1e-6 * power_.it_power_w);
    QVERIFY2(std::abs(loss - power_.total_loss_w) < 1e-6 * power_.total_loss_w,
             qPrintable(QString("halls %1 W, site %2 W").arg(loss).arg(power_.total_loss_w)));
    double bloss = 0;
    for (const auto& b : site_.buildings)
      bloss += rp::build_sankey(site_, power_, {rp::SankeyScope::Kind::Building, b.id}).total_loss_w();
    QVERIFY(std::abs(bloss - power_.total_loss_w) < 1e-6 * power_.total_loss_w);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             (void)rp::build_sankey(site_, power_, {rp::SankeyScope::Kind::Hall, 999999}));
  }

  // The painter draws bands in both colours and labels (dark text) on an image.
  void sankey_paints() {
    const auto m = rp::build_sankey(site_, power_);
    QImage img(1000, 500, QImage::Format_RGB32);
    img.fill(Qt::white);
    {
      QPainter p(&img);
      rp::paint_sankey(p, QRectF(10, 10, 980, 480), m);
    }
    int flow = 0, loss = 0, dark = 0;
    for (int y = 0; y < img.height(); ++y)
      for (int x = 0; x < img.width(); ++x) {
        const QColor c = img.pixelColor(x, y);
        if (c.blue() > c.red() + 40) ++flow;
        if (c.red() > c.blue() + 60 && c.red() > 150) ++loss;
        if (c.lightness() < 60) ++dark;
      }
    QVERIFY(flow > 1000);
    QVERIFY(loss > 20);
    QVERIFY(dark > 500);
    if (!picture_dir().isEmpty()) img.save(picture_dir() + "/sankey_small.png");
  }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
