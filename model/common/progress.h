// Progress and cancellation for long solves. Solvers call report() now and then and check
// cancelled() at safe points; a cancelled solve throws Cancelled and leaves its inputs untouched.
#pragma once

#include <atomic>
#include <stdexcept>
#include <string_view>

namespace dctwin::model {

class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled by the user") {}
};

class Progress {
 public:
  virtual ~Progress() = default;
  /// fraction in [0, 1] of the whole job; stage names what runs now. Called from the solver's
  /// thread: GUI adapters must forward it to the UI thread.
  virtual void report(double fraction, std::string_view stage) {
    (void)fraction;
    (void)stage;
  }
  void cancel() { cancelled_.store(true); }
  [[nodiscard]] bool cancelled() const { return cancelled_.load(); }
  /// Throws Cancelled when cancel() was called.
  void check() const {
    if (cancelled()) throw Cancelled();
  }

 private:
  std::atomic<bool> cancelled_{false};
};

}  // namespace dctwin::model
