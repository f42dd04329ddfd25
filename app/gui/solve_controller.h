// Live results for the desktop app: re-solves the site after edits, off the UI thread.
//
// The window hands every new state of the site to site_changed() (an immutable snapshot and the
// document's revision). After a quiet period (debounce) the controller runs, on a worker thread,
// the electrical solve (milliseconds, even for a gigawatt site) and then the thermal solve at the
// site's design weather (plant and hall air model; seconds on big sites) with progress. A newer
// edit cancels the running solve (model::Progress) and the newest state is solved next, so the
// user keeps editing while a solve runs; results of an older revision than the document's are
// marked stale until the new ones arrive. The UI thread only copies pointers.
#pragma once

#include <QFuture>
#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>
#include <optional>

#include "model/electrical/site_power.h"
#include "model/facility/coupled.h"
#include "model/site/catalog.h"
#include "model/site/site.h"
#include "model/thermal/site_thermal.h"

namespace dctwin::app {

/// One solved state of the site. Immutable once published.
struct LiveResults {
  quint64 revision = 0;  ///< the document revision that was solved
  std::shared_ptr<const model::Site> site;
  std::shared_ptr<const model::Catalog> catalog;
  model::electrical::SiteElecResult elec;
  /// Thermal results at the design weather; empty until the thermal solve is done, when the site
  /// has no design weather, or when the thermal solve failed (thermal_message says why).
  std::optional<model::thermal::SiteThermalResult> thermal;
  /// The coupled solve's figures (facility power, grid import with the plant on it, passes);
  /// empty when there are no thermal results. elec is then the coupled solve's power flow.
  std::optional<model::facility::FacilityBalance> facility;
  QString thermal_message;
  double elec_s = 0, thermal_s = 0;  ///< wall time of each solve
};

class SolveController : public QObject {
  Q_OBJECT
 public:
  explicit SolveController(QObject* parent = nullptr);
  ~SolveController() override;  ///< cancels a running solve and waits for it

  /// Quiet time after the last edit before a solve starts (default 250 ms).
  void set_debounce_ms(int ms) { debounce_.setInterval(ms); }
  /// Run the thermal solve after the electrical one (default on).
  void set_thermal_enabled(bool on) { thermal_enabled_ = on; }
  /// Hall air model cell size for the live thermal solve (coarser than a report's).
  void set_air_cell_m(double m) { air_cell_m_ = m; }

  /// A new state of the site. Debounced; cancels a running solve of an older state.
  void site_changed(std::shared_ptr<const model::Site> site,
                    std::shared_ptr<const model::Catalog> catalog, quint64 revision);
  /// Solve now (no debounce), e.g. after opening a file.
  void solve_now();
  /// Cancels the running solve (the user's Cancel button). Results stay as they were.
  void cancel();

  [[nodiscard]] bool busy() const { return running_; }
  /// The newest published results (electrical at least), or null before the first solve.
  [[nodiscard]] std::shared_ptr<const LiveResults> latest() const { return latest_; }
  /// True when the latest results are of an older revision than the newest site state.
  [[nodiscard]] bool stale() const;
  [[nodiscard]] quint64 wanted_revision() const { return wanted_rev_; }

 signals:
  void busyChanged(bool busy);
  void staleChanged(bool stale);
  /// Electrical results for `revision` are in latest() (thermal not yet).
  void electricalReady(quint64 revision);
  /// Thermal results (or their failure message) for `revision` are in latest().
  void thermalReady(quint64 revision);
  /// Progress of the running solve: fraction of the whole job in [0, 1] and what runs.
  void progress(double fraction, const QString& stage);
  /// The solve stopped on an error (not on a cancel).
  void failed(const QString& message);

 private:
  struct Job;
  void start_pending();
  void publish(std::shared_ptr<const LiveResults> r, bool thermal_done);
  void job_finished();
  void set_busy(bool b);
  void emit_stale();

  QTimer debounce_;
  bool thermal_enabled_ = true;
  double air_cell_m_ = 0.6;
  std::shared_ptr<const model::Site> pending_site_;
  std::shared_ptr<const model::Catalog> pending_catalog_;
  quint64 wanted_rev_ = 0;
  bool has_pending_ = false;
  bool running_ = false;
  bool last_stale_ = false;
  std::shared_ptr<Job> job_;
  QFuture<void> future_;
  std::shared_ptr<const LiveResults> latest_;
};

}  // namespace dctwin::app
