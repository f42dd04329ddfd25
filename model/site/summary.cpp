#include "model/site/summary.h"

#include <cmath>

namespace dctwin::model {

SiteSummary summarize(const Site& site, const Catalog& catalog) {
  return summarize(compile_site_ref(site, catalog));
}

SiteSummary summarize(const SiteRef& ref) {
  const Site& site = *ref.site;
  SiteSummary s;
  s.name = site.name;
  s.buildings = site.buildings.size();
  s.halls = site.halls.size();
  s.rows = site.rows.size();
  s.racks = site.racks.size();
  s.elec_edges = site.elec_edges.size();
  s.redundancy_groups = site.groups.size();
  for (const auto& n : site.elec_nodes) ++s.elec_by_kind[to_string(n.kind)];
  for (const auto& c : site.cooling) ++s.cooling_by_kind[to_string(c.kind)];

  std::vector<std::size_t> building_pos(site.buildings.size(), kNone);
  for (std::size_t b = 0; b < site.buildings.size(); ++b) {
    const Building& bl = site.buildings[b];
    building_pos[b] = s.by_building.size();
    s.by_building.push_back({bl.id, bl.name, 0, 0.0, {}});
  }
  // Position of each hall in the summary: (building, hall) or none.
  std::vector<std::pair<std::size_t, std::size_t>> hall_pos(site.halls.size(), {kNone, kNone});
  for (std::size_t h = 0; h < site.halls.size(); ++h) {
    const std::size_t b = ref.hall_building[h];
    if (b == kNone || building_pos[b] == kNone) continue;
    auto& halls = s.by_building[building_pos[b]].halls;
    hall_pos[h] = {building_pos[b], halls.size()};
    halls.push_back({site.halls[h].id, site.halls[h].name, 0, 0.0});
  }

  for (std::size_t i = 0; i < site.racks.size(); ++i) {
    const double p = std::isfinite(ref.rack_design_w[i]) ? ref.rack_design_w[i] : 0.0;
    s.it_power_w += p;
    ++s.racks_by_type[site.racks.type[i]];
    s.it_power_by_type_w[site.racks.type[i]] += p;
    if (ref.rack_hall[i] == kNone) continue;
    const auto pos = hall_pos[ref.rack_hall[i]];
    if (pos.first == kNone) continue;
    auto& b = s.by_building[pos.first];
    auto& h = b.halls[pos.second];
    ++b.racks;
    ++h.racks;
    b.it_power_w += p;
    h.it_power_w += p;
  }
  return s;
}

}  // namespace dctwin::model
