#include "driver/stages.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ostream>

#include <sys/resource.h>
#include <unistd.h>

namespace glossc {

namespace {

double seconds_of(const rusage& usage) {
    auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return s(usage.ru_utime) + s(usage.ru_stime);
}

std::string fixed(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    return buffer;
}

}  // namespace

double wall_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double process_cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return seconds_of(usage);
}

double thread_cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return seconds_of(usage);
}

bool progress_wanted(int fd) {
    const char* ci = std::getenv("CI");
    return isatty(fd) && !(ci && *ci && std::string_view(ci) != "false");
}

Stages::Stages(std::ostream* progress) : progress_(progress), build_started_(wall_seconds()) {
    // A stage can run for many seconds on a large corpus: the elapsed time
    // on the progress line shows it is not stuck.
    if (progress_) ticker_ = std::thread([this] { tick(); });
}

Stages::~Stages() {
    finish();
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (ticker_.joinable()) ticker_.join();
}

void Stages::tick() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, std::chrono::milliseconds(250));
        if (!stopping_) draw_locked();
    }
}

void Stages::draw_locked() {
    if (!progress_ || running_.empty()) return;
    *progress_ << "\r\033[Kglossc: " << what_ << " (" << fixed(wall_seconds() - build_started_) << " s)"
               << std::flush;
}

void Stages::start(std::string name, std::string what) {
    finish();
    std::lock_guard lock(mutex_);
    running_ = std::move(name);
    what_ = std::move(what);
    started_wall_ = wall_seconds();
    started_cpu_ = process_cpu_seconds();
    // Its row comes before the rows its workers record.
    running_row_ = times_.size();
    times_.push_back({running_, 0, 0});
    draw_locked();
}

void Stages::finish() {
    std::lock_guard lock(mutex_);
    if (running_.empty()) return;
    times_[running_row_].wall = wall_seconds() - started_wall_;
    times_[running_row_].cpu = process_cpu_seconds() - started_cpu_;
    running_.clear();
    // Whatever is printed next (diagnostics) starts on a clean line.
    if (progress_) *progress_ << "\r\033[K" << std::flush;
}

void Stages::record(StageTime time) {
    std::lock_guard lock(mutex_);
    times_.push_back(std::move(time));
}

std::vector<StageTime> Stages::times() const {
    std::lock_guard lock(mutex_);
    return times_;
}

std::string Stages::table() const {
    std::string out;
    char line[128];
    std::snprintf(line, sizeof line, "%-22s %9s %9s\n", "stage", "wall s", "cpu s");
    out += line;
    for (const auto& t : times()) {
        std::snprintf(line, sizeof line, "%-22s %9.3f %9.3f\n", t.name.c_str(), t.wall, t.cpu);
        out += line;
    }
    std::snprintf(line, sizeof line, "%-22s %9.3f\n", "total", wall_seconds() - build_started_);
    return out + line;
}

}  // namespace glossc
