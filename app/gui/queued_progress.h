// Progress of work on a worker thread, shown on the UI thread: report() hands the fraction and
// the stage to a callback queued to the receiver's thread, about 20 times a second at most (and
// always for the last step); nothing is queued once the receiver is gone. Cancel as any
// model::Progress.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <chrono>
#include <functional>
#include <string_view>

#include "model/common/progress.h"

namespace dctwin::app {

class QueuedProgress : public model::Progress {
 public:
  using Callback = std::function<void(double fraction, const QString& stage)>;
  QueuedProgress(QObject* receiver, Callback on_progress)
      : receiver_(receiver), on_progress_(std::move(on_progress)) {}

  void report(double fraction, std::string_view stage) override {
    const auto now = std::chrono::steady_clock::now();
    if (fraction < 1.0 && now - last_ < std::chrono::milliseconds(50)) return;
    last_ = now;
    QPointer<QObject> r = receiver_;
    if (!r) return;
    const QString s = QString::fromUtf8(stage.data(), static_cast<qsizetype>(stage.size()));
    QMetaObject::invokeMethod(
        r.data(),
        [r, f = on_progress_, fraction, s] {
          if (r) f(fraction, s);
        },
        Qt::QueuedConnection);
  }

 private:
  QPointer<QObject> receiver_;
  Callback on_progress_;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace dctwin::app
