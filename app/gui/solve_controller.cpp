#include "app/gui/solve_controller.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>
#include <chrono>
#include <exception>

#include "app/gui/queued_progress.h"
#include "model/common/progress.h"
#include "model/site/validation.h"

namespace dctwin::app {

namespace {
double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

// A running solve: its inputs, its cancel flag, and a way back to the UI thread.
struct SolveController::Job : QueuedProgress {
  explicit Job(SolveController* c)
      : QueuedProgress(c, [c](double f, const QString& s) { emit c->progress(f, s); }), owner(c) {}
  QPointer<SolveController> owner;
  std::shared_ptr<const model::Site> site;
  std::shared_ptr<const model::Catalog> catalog;
  quint64 revision = 0;
  bool thermal = true;
  double cell_m = 0.6;
  // The whole job's fraction: electrical is the first 5 %, thermal the rest.
  double base = 0, span = 1;

  void report(double fraction, std::string_view stage) override {
    QueuedProgress::report(base + span * fraction, stage);
  }

  void run() {
    auto r = std::make_shared<LiveResults>();
    r->revision = revision;
    r->site = site;
    r->catalog = catalog;
    auto post = [this](std::shared_ptr<const LiveResults> res, bool thermal_done) {
      QPointer<SolveController> o = owner;
      QMetaObject::invokeMethod(
          o.data(),
          [o, res, thermal_done] {
            if (o) o->publish(res, thermal_done);
          },
          Qt::QueuedConnection);
    };
    auto fail = [this](const QString& msg) {
      QPointer<SolveController> o = owner;
      QMetaObject::invokeMethod(
          o.data(),
          [o, msg] {
            if (o) emit o->failed(msg);
          },
          Qt::QueuedConnection);
    };
    try {
      // A site with validation errors gets no results (the validation dock lists them).
      model::require_valid(*site, *catalog);
      base = 0;
      span = thermal ? 0.05 : 1.0;
      report(0, "electrical solve");
      auto t0 = std::chrono::steady_clock::now();
      r->elec = model::electrical::solve_site_power(*site, *catalog, {}, this);
      r->elec_s = seconds_since(t0);
      check();
      if (!thermal) {
        post(r, true);
        return;
      }
      // Publish the electrical results at once; the thermal ones follow in a second copy.
      post(std::make_shared<const LiveResults>(*r), false);
      const auto od = model::thermal::design_outdoor(*site);
      if (!od) {
        r->thermal_message =
            "no design weather: set the site's design dry-bulb and wet-bulb "
            "temperatures to see thermal results";
        post(r, true);
        return;
      }
      // The coupled solve: the plant's power on the electrical chain (its electrical result
      // replaces the first one), then the hall air model on the racks' heat it found.
      model::thermal::SiteThermalOptions to;
      to.cell_m = cell_m;
      base = 0.05;
      span = 0.95;
      t0 = std::chrono::steady_clock::now();
      try {
        auto solved = model::facility::solve_facility_thermal(*site, *catalog, *od, {}, to, this);
        r->elec = std::move(solved.facility.elec);
        r->facility = solved.facility.balance;
        r->thermal = std::move(solved.thermal);
      } catch (const std::invalid_argument& e) {
        r->thermal_message = QString("the hall air model cannot be built: %1").arg(e.what());
      }
      r->thermal_s = seconds_since(t0);
      check();
      post(r, true);
    } catch (const model::Cancelled&) {
      // A newer edit or the user's Cancel: nothing to publish.
    } catch (const model::SiteInvalid& e) {
      fail(QString::fromUtf8(e.what()));
    } catch (const std::exception& e) {
      fail(QString("solve failed: %1").arg(e.what()));
    }
  }
};

SolveController::SolveController(QObject* parent) : QObject(parent) {
  debounce_.setSingleShot(true);
  debounce_.setInterval(250);
  connect(&debounce_, &QTimer::timeout, this, &SolveController::start_pending);
}

SolveController::~SolveController() {
  if (job_) job_->cancel();
  future_.waitForFinished();
}

void SolveController::site_changed(std::shared_ptr<const model::Site> site,
                                   std::shared_ptr<const model::Catalog> catalog,
                                   quint64 revision) {
  pending_site_ = std::move(site);
  pending_catalog_ = std::move(catalog);
  wanted_rev_ = revision;
  has_pending_ = true;
  // The running solve is of an older state: stop it, the newest is solved next.
  if (job_ && running_) job_->cancel();
  debounce_.start();
  emit_stale();
}

void SolveController::solve_now() {
  debounce_.stop();
  start_pending();
}

void SolveController::cancel() {
  debounce_.stop();
  has_pending_ = false;
  if (job_ && running_) job_->cancel();
}

bool SolveController::stale() const { return latest_ && latest_->revision != wanted_rev_; }

void SolveController::start_pending() {
  if (!has_pending_ || !pending_site_ || !pending_catalog_) return;
  if (running_) return;  // job_finished() starts the pending state
  has_pending_ = false;
  auto job = std::make_shared<Job>(this);
  job->site = pending_site_;
  job->catalog = pending_catalog_;
  job->revision = wanted_rev_;
  job->thermal = thermal_enabled_;
  job->cell_m = air_cell_m_;
  job_ = job;
  set_busy(true);
  QPointer<SolveController> self = this;
  future_ = QtConcurrent::run([job, self] {
    job->run();
    QMetaObject::invokeMethod(
        self.data(),
        [self] {
          if (self) self->job_finished();
        },
        Qt::QueuedConnection);
  });
}

void SolveController::publish(std::shared_ptr<const LiveResults> r, bool thermal_done) {
  // Results of an older revision never replace newer ones (a queued post may arrive late).
  if (latest_ && r->revision < latest_->revision) return;
  latest_ = std::move(r);
  if (thermal_done)
    emit thermalReady(latest_->revision);
  else
    emit electricalReady(latest_->revision);
  emit_stale();
}

void SolveController::job_finished() {
  job_.reset();
  set_busy(false);
  // Edits that came in while it ran (and whose quiet time is over) are solved next.
  if (has_pending_ && !debounce_.isActive()) start_pending();
}

void SolveController::set_busy(bool b) {
  if (running_ == b) return;
  running_ = b;
  emit busyChanged(b);
}

void SolveController::emit_stale() {
  const bool s = stale();
  if (s != last_stale_) {
    last_stale_ = s;
    emit staleChanged(s);
  }
}

}  // namespace dctwin::app
