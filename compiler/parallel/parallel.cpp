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
thread_local bool inside_worker = false;

}  // namespace

void set_jobs(unsigned jobs) { configured_jobs = jobs; }

unsigned jobs() {
    unsigned jobs = configured_jobs;
    if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
    return jobs;
}

void for_each_index(std::size_t count, const std::function<void(std::size_t)>& work) {
    std::size_t threads = std::min<std::size_t>(jobs(), count);
    if (threads <= 1 || inside_worker) {
        for (std::size_t i = 0; i < count; ++i) work(i);
        return;
    }
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
        inside_worker = true;
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
        inside_worker = false;
    };
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(run);
    run();
    for (auto& thread : pool) thread.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace glossc::parallel
