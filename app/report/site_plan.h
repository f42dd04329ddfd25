// A 2D plan of the site for reports and widgets: buildings and halls from the site geometry,
// racks coloured by a value (e.g. IT power) with render/colormap.h's colours and a legend.
#pragma once

#include <QRectF>
#include <string>
#include <vector>

#include "model/site/catalog.h"
#include "model/site/site.h"
#include "model/site/site_ref.h"

class QPainter;

namespace dctwin::app::report {

struct SitePlanOptions {
  std::string legend_title = "Rack IT power (kW)";
  double value_scale = 1e-3;  ///< rack values are multiplied by this for the legend (W -> kW)
  double font_pt = 0;         ///< 0: scaled from the rectangle
};

/// Draws the campus (buildings at their campus positions, halls inside, racks at their hall
/// positions, sized from the catalog's rack type) fitted into rect with its aspect ratio kept,
/// north up, and a colour legend at the right. rack_value in site.racks order (NaN: no data
/// grey); empty: every rack grey. catalog may be null (racks then drawn 0.6 m x 1.2 m).
void paint_site_plan(QPainter& painter, const QRectF& rect, const model::Site& site,
                     const model::Catalog* catalog, const std::vector<double>& rack_value,
                     const SitePlanOptions& options = {});
/// The same on the site's compiled view (hall origins, rack footprints).
void paint_site_plan(QPainter& painter, const QRectF& rect, const model::SiteRef& ref,
                     const std::vector<double>& rack_value, const SitePlanOptions& options = {});

}  // namespace dctwin::app::report
