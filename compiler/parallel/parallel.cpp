#include "parallel/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace glossc::parallel {

namespace {

std::atomic<unsigned> configured_jobs{0};
// Threads running work of some for_each_index call right now (callers
// included). A call only adds threads while this is below jobs(), so nested
// calls (a backend deflating its archive while other backends run) never
// oversubscribe the cores, yet use the cores other work has freed.
std::atomic<unsigned> busy{0};
thread_local bool counted = false;  // this thread is already in `busy`

// Reserves up to `wanted` more threads; returns how many it got.
unsigned reserve_threads(unsigned wanted) {
    unsigned now = busy.load();
    for (;;) {
        unsigned limit = jobs();
        unsigned granted = now >= limit ? 0 : std::min(wanted, limit - now);
        if (granted == 0 || busy.compare_exchange_weak(now, now + granted)) return granted;
    }
}

}  // namespace

void set_jobs(unsigned jobs) { configured_jobs = jobs; }

unsigned jobs() {
    unsigned jobs = configured_jobs;
    if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
    return jobs;
}

void for_each_index(std::size_t count, const std::function<void(std::size_t)>& work) {
    bool top_level = !counted;
    if (top_level) {
        busy += 1;
        counted = true;
    }
    unsigned helpers = count > 1 ? reserve_threads(static_cast<unsigned>(std::min<std::size_t>(count - 1, 1u << 16))) : 0;
    // Indices are handed out one at a time: items differ a lot in cost (one
    // source or backend can be most of the work), so fixed chunks would
    // leave a thread idle.
    std::atomic<std::size_t> next{0};
    // The exception of the lowest failing index, so that which one is
    // rethrown does not depend on timing.
    std::exception_ptr failure;
    std::size_t failed_index = count;
    std::mutex failure_mutex;
    auto run = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < count;) {
            try {
                work(i);
            } catch (...) {
                std::lock_guard lock(failure_mutex);
                if (i < failed_index) {
                    failure = std::current_exception();
                    failed_index = i;
                }
            }
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(helpers);
    for (unsigned t = 0; t < helpers; ++t)
        pool.emplace_back([&] {
            counted = true;
            run();
            busy -= 1;  // this core is free for other calls as soon as this thread is done
        });
    run();
    for (auto& thread : pool) thread.join();
    if (top_level) {
        counted = false;
        busy -= 1;
    }
    if (failure) std::rethrow_exception(failure);
}

}  // namespace glossc::parallel
