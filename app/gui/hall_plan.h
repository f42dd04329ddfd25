// A 2D plan of one hall: racks drawn to scale, coloured by design power with a legend.
#pragma once

#include <QWidget>

#include <vector>

#include "model/site/catalog.h"
#include "model/site/site.h"

namespace dctwin::app {

class HallPlan : public QWidget {
  Q_OBJECT
 public:
  explicit HallPlan(QWidget* parent = nullptr);
  /// Shows hall_id of site; kNoId clears the view. The site and catalog must outlive the widget
  /// or the next call.
  void show_hall(const model::Site* site, const model::Catalog* catalog, model::Id hall_id);

 protected:
  void paintEvent(QPaintEvent*) override;

 private:
  struct RackBox {
    double x0, y0, x1, y1, power_w;
  };
  const model::Hall* hall_ = nullptr;
  std::vector<RackBox> racks_;
  double max_power_w_ = 0;
};

}  // namespace dctwin::app
