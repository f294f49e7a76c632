// A progress line on the terminal for scans that take more than a second: the phase and
// files done out of the total, redrawn in place on stderr. Nothing at all when stdout or
// stderr is not a terminal (a redirected inventory, a CI log), unless asked for; then one
// plain line per phase, which a log keeps readably.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

namespace envscan {

enum class ProgressMode { Auto, Always, Never };

class Progress {
 public:
  // Auto shows the line on a terminal after `delay`; Always writes phase lines to stderr.
  explicit Progress(ProgressMode mode, std::chrono::milliseconds delay = std::chrono::milliseconds(1000));
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void phase(const std::string& name, std::size_t total);  // starts a phase: 0 of `total`
  void advance(std::size_t n = 1);                          // thread-safe
  void finish();                                            // clears the line

 private:
  void draw(bool final_line);
  void run();

  bool enabled_ = false;
  bool terminal_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::milliseconds delay_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::string phase_;
  std::size_t total_ = 0;
  std::atomic<std::size_t> done_{0};
  bool shown_ = false, stop_ = false;
  std::thread painter_;
};

}  // namespace envscan
