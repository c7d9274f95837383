// How long each stage of a build takes (`glossc build --timings`, and the
// benchmark's per-stage figures), and the progress line a long build shows
// on a terminal.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <iosfwd>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace glossc {

struct StageTime {
    std::string name;
    double wall = 0;  // seconds
    double cpu = 0;   // user + system seconds (all threads for a stage run on the driver's thread)
};

class Stages {
public:
    // progress: where to draw the progress line (a terminal), or null for none.
    explicit Stages(std::ostream* progress = nullptr);
    ~Stages();
    Stages(const Stages&) = delete;
    Stages& operator=(const Stages&) = delete;

    // Starts a stage on the driver's thread, ending the running one. `what`
    // is shown on the progress line ("merging 10000 entries").
    void start(std::string name, std::string what);
    void finish();
    // A stage timed on a worker thread (one backend): its wall time and that
    // thread's CPU time. Safe to call from any thread.
    void record(StageTime time);

    std::vector<StageTime> times() const;
    // One line per stage, then the total: what --timings prints.
    std::string table() const;

private:
    void draw_locked();
    void tick();

    std::ostream* progress_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<StageTime> times_;
    std::string running_, what_;
    std::size_t running_row_ = 0;
    double started_wall_ = 0, started_cpu_ = 0, build_started_ = 0;
    bool stopping_ = false;
    std::thread ticker_;  // redraws the elapsed time while a long stage runs
};

// True when a progress line belongs on this stream's file descriptor: a
// terminal, and not CI (whose logs keep every carriage-return redraw).
bool progress_wanted(int fd);

// Seconds on a monotonic clock, and the CPU seconds (user + system) of the
// process and of the calling thread.
double wall_seconds();
double process_cpu_seconds();
double thread_cpu_seconds();

}  // namespace glossc
