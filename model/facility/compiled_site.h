// One site revision compiled once for every solve of the coupled facility: the site's view
// (model::SiteRef: id and hall tables, racks' specs, design power and footprints, the cooling
// topology), the per-unit electrical network compiled on it (electrical::CompiledNetwork, whose
// cases are in-service flags on it) and the plant's lookups (thermal::PlantModel). The coupled
// solve, its N-1 and the scenario engine take it as input; a caller that solves one revision
// many times builds it once.
#pragma once

#include "model/electrical/network.h"
#include "model/electrical/site_power.h"
#include "model/site/site_ref.h"
#include "model/thermal/plant.h"

namespace dctwin::model::facility {

class CompiledSite {
 public:
  /// The site and the catalog must outlive it and not change.
  CompiledSite(const Site& site, const Catalog& catalog,
               double base_va = electrical::SiteSolveOptions{}.base_va)
      : ref(compile_site_ref(site, catalog)),
        net(electrical::compile_network(ref, base_va)),
        plant(ref) {}
  CompiledSite(const CompiledSite&) = delete;  // net and plant point into ref
  CompiledSite& operator=(const CompiledSite&) = delete;

  [[nodiscard]] const Site& site() const { return *ref.site; }
  [[nodiscard]] const Catalog& catalog() const { return *ref.catalog; }

  const SiteRef ref;
  const electrical::CompiledNetwork net;
  const thermal::PlantModel plant;
};

}  // namespace dctwin::model::facility
