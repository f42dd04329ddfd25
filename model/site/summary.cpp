#include "model/site/summary.h"

#include <unordered_map>

namespace dctwin::model {

SiteSummary summarize(const Site& site, const Catalog& catalog) {
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

  std::unordered_map<Id, std::size_t> building_pos;
  for (const auto& b : site.buildings) {
    building_pos[b.id] = s.by_building.size();
    s.by_building.push_back({b.id, b.name, 0, 0.0, {}});
  }
  std::unordered_map<Id, std::pair<std::size_t, std::size_t>> hall_pos;  // building, hall index
  for (const auto& h : site.halls) {
    const auto b = building_pos.find(h.building_id);
    if (b == building_pos.end()) continue;
    auto& halls = s.by_building[b->second].halls;
    hall_pos[h.id] = {b->second, halls.size()};
    halls.push_back({h.id, h.name, 0, 0.0});
  }
  std::unordered_map<Id, Id> row_hall;
  for (const auto& r : site.rows) row_hall[r.id] = r.hall_id;

  for (std::size_t i = 0; i < site.racks.size(); ++i) {
    const CatalogItem* type = catalog.find(site.racks.type[i]);
    const double p = site.racks.power_override_w[i]
                         ? *site.racks.power_override_w[i]
                         : (type && type->has("nameplate_w") ? type->get("nameplate_w") : 0.0);
    s.it_power_w += p;
    ++s.racks_by_type[site.racks.type[i]];
    s.it_power_by_type_w[site.racks.type[i]] += p;
    const auto hall = row_hall.find(site.racks.row_id[i]);
    if (hall == row_hall.end()) continue;
    const auto pos = hall_pos.find(hall->second);
    if (pos == hall_pos.end()) continue;
    auto& b = s.by_building[pos->second.first];
    auto& h = b.halls[pos->second.second];
    ++b.racks;
    ++h.racks;
    b.it_power_w += p;
    h.it_power_w += p;
  }
  return s;
}

}  // namespace dctwin::model
