// Power-flow (Sankey) diagram of the electrical chain: grid -> transformers -> MV distribution ->
// UPS / rectifiers / SST -> LV distribution -> rack PSUs -> IT, with each stage's losses as a
// side flow. The model is plain data built from a site power solve; paint_sankey draws it with a
// QPainter so that the PDF report and a QWidget's paintEvent show the same picture.
#pragma once

#include <QColor>
#include <QRectF>
#include <string>
#include <vector>

#include "model/electrical/contingency.h"
#include "model/electrical/site_power.h"
#include "model/site/site.h"
#include "model/site/site_ref.h"

class QPainter;

namespace dctwin::app::report {

/// What a Sankey (or a loss table) covers: the whole site, one building, or one hall.
struct SankeyScope {
  enum class Kind { Site, Building, Hall };
  Kind kind = Kind::Site;
  model::Id id = model::kNoId;  ///< building or hall id (ignored for Site)
};

/// One stage of the chain, as a flow: power entering it, its losses, and what it passes on.
struct StageFlow {
  std::string key;  ///< stable key: grid, transformers, mv_cables, ups_rectifiers, lv_distribution,
                    ///< psus, it
  std::string label;  ///< for people: "Transformers", "MV distribution", ...
  double in_w = 0;    ///< power into the stage
  double loss_w = 0;  ///< lost in the stage (0 for grid and IT)
  [[nodiscard]] double out_w() const { return in_w - loss_w; }
};

struct SankeyNode {
  std::string label;
  double power_w = 0;  ///< throughput (stages) or the loss (loss nodes)
  int column = 0;      ///< position along the chain (0 = grid)
  bool loss = false;   ///< a loss sink (drawn below its stage)
};

struct SankeyLink {
  int from = 0, to = 0;  ///< indices into SankeyModel::nodes
  double power_w = 0;
  bool loss = false;  ///< a side flow into a loss node
};

/// A plain flow model: nodes are the stages (and one loss sink per stage with losses), links the
/// power between them in W. Power is conserved at every stage node: in = out + loss.
struct SankeyModel {
  std::string title;  ///< e.g. "Site 'Gigawatt campus'" or "Hall 'H1'"
  std::vector<SankeyNode> nodes;
  std::vector<SankeyLink> links;
  std::vector<StageFlow> stages;  ///< the chain the nodes were built from
  double input_w = 0;             ///< into the first stage (IT plus every loss in scope)
  double it_w = 0;                ///< out of the last stage
  [[nodiscard]] double total_loss_w() const { return input_w - it_w; }
};

/// Losses by stage for a scope, from a converged site solve. Site scope: the solve's own stage
/// totals (SiteElecResult::losses_w). Building or hall scope: PSU losses of its racks, and every
/// electrical node's and connection's loss split by the share of its downstream power that goes
/// to racks and cooling units (SiteElecResult::loads of a coupled solve) in the scope (a campus
/// transformer feeding four buildings gives each its share; a building's plant, outside its
/// halls, counts in the building but in none of its halls).
/// Throws std::invalid_argument for an unknown building or hall id.
[[nodiscard]] std::vector<StageFlow> stage_flows(const model::Site& site,
                                                 const model::electrical::SiteElecResult& result,
                                                 const SankeyScope& scope = {});
/// The same on the site's compiled view (its hall and id tables).
[[nodiscard]] std::vector<StageFlow> stage_flows(const model::SiteRef& ref,
                                                 const model::electrical::SiteElecResult& result,
                                                 const SankeyScope& scope = {});

/// The Sankey model of a scope (see stage_flows).
[[nodiscard]] SankeyModel build_sankey(const model::Site& site,
                                       const model::electrical::SiteElecResult& result,
                                       const SankeyScope& scope = {});
/// The same on the site's compiled view.
[[nodiscard]] SankeyModel build_sankey(const model::SiteRef& ref,
                                       const model::electrical::SiteElecResult& result,
                                       const SankeyScope& scope = {});

struct SankeyStyle {
  QColor flow{70, 130, 180};  ///< main flow
  QColor loss{214, 96, 77};   ///< loss side flows
  QColor node{40, 40, 40};    ///< stage bars
  QColor text{20, 20, 20};
  double font_pt = 0;  ///< 0: scaled from the rectangle's height
  bool show_title = true;
};

/// Draws the model into rect (logical coordinates of the painter): stage bars left to right,
/// band widths proportional to power, each stage labelled with its name and MW, each loss
/// with MW and its percentage of the input power. Loss bands thinner than a hairline are drawn
/// one hairline wide so that none disappears. Works on any paint device (widget, image, PDF).
void paint_sankey(QPainter& painter, const QRectF& rect, const SankeyModel& model,
                  const SankeyStyle& style = {});

/// Capacity per level as horizontal stacked bars (used, reserved for redundancy, stranded, free,
/// as fractions of installed), one bar per level, with the installed MW at the right and a
/// legend at the bottom.
void paint_capacity_bars(QPainter& painter, const QRectF& rect,
                         const std::vector<model::electrical::LevelCapacity>& levels,
                         double font_pt = 0);

}  // namespace dctwin::app::report
