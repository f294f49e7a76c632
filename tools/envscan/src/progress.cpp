#include "progress.h"

#include <unistd.h>

#include <cstdio>

namespace envscan {

Progress::Progress(ProgressMode mode, std::chrono::milliseconds delay)
    : start_(std::chrono::steady_clock::now()), delay_(mode == ProgressMode::Always ? std::chrono::milliseconds(0) : delay) {
  terminal_ = isatty(STDOUT_FILENO) && isatty(STDERR_FILENO);
  enabled_ = mode == ProgressMode::Always || (mode == ProgressMode::Auto && terminal_);
  if (enabled_ && terminal_) painter_ = std::thread([this] { run(); });
}

Progress::~Progress() { finish(); }

void Progress::phase(const std::string& name, std::size_t total) {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (!terminal_ && !phase_.empty()) draw(true);  // the previous phase, as it ended
  phase_ = name;
  total_ = total;
  done_ = 0;
}

void Progress::advance(std::size_t n) {
  if (enabled_) done_ += n;
}

void Progress::finish() {
  if (!enabled_) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stop_) return;
    stop_ = true;
    if (!terminal_ && !phase_.empty()) draw(true);
  }
  wake_.notify_all();
  if (painter_.joinable()) painter_.join();
  if (terminal_ && shown_) {
    std::fputs("\r\033[K", stderr);  // leave the terminal as it was
    std::fflush(stderr);
  }
}

// Called with mutex_ held.
void Progress::draw(bool final_line) {
  std::size_t done = std::min<std::size_t>(done_, total_);
  std::string counts = total_ ? " " + std::to_string(done) + "/" + std::to_string(total_) + " files" : "";
  if (terminal_ && !final_line)
    std::fprintf(stderr, "\r\033[Kenvscan: %s%s", phase_.c_str(), counts.c_str());
  else
    std::fprintf(stderr, "envscan: %s%s\n", phase_.c_str(), counts.c_str());
  std::fflush(stderr);
  shown_ = true;
}

void Progress::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (wake_.wait_until(lock, start_ + delay_, [this] { return stop_; })) return;
  while (!stop_) {
    if (!phase_.empty()) draw(false);
    wake_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stop_; });
  }
}

}  // namespace envscan
