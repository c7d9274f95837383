// Using both cores without making output depend on scheduling: work is split
// by index, each index writes only its own slot of a result the caller
// allocated, and the caller combines the slots in index order. Which thread
// ran which index never shows in the result.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace glossc::parallel {

// How many threads for_each_index may use (`glossc build --jobs N`); 0 means
// the hardware threads. Set once, before any parallel work.
void set_jobs(unsigned jobs);
unsigned jobs();

// Calls work(i) for every i in [0, count), on up to jobs() threads, and
// returns when all are done. Calls may nest (a backend's loop inside the loop
// over backends): together they never run more than jobs() threads, and an
// inner call uses the threads outer work has finished with. The exception
// thrown by the lowest failing index is rethrown here after the other
// indices finish.
void for_each_index(std::size_t count, const std::function<void(std::size_t)>& work);

// std::stable_sort on up to jobs() threads: the two halves of a large range
// are sorted side by side, then merged. A stable order is unique, so the
// result is std::stable_sort's on any number of threads.
template <class Iterator, class Less>
void stable_sort(Iterator first, Iterator last, Less less) {
    constexpr std::ptrdiff_t kSerial = std::ptrdiff_t{1} << 15;  // below this, splitting costs more than it gains
    if (last - first <= kSerial || jobs() < 2) {
        std::stable_sort(first, last, less);
        return;
    }
    Iterator middle = first + (last - first) / 2;
    for_each_index(2, [&](std::size_t half) {
        if (half == 0) parallel::stable_sort(first, middle, less);
        else parallel::stable_sort(middle, last, less);
    });
    std::inplace_merge(first, middle, last, less);
}

// Large text buffers shared by the work items of a for_each_index: an item
// takes one, fills it (clear() keeps the capacity) and gives it back. A
// buffer of tens of megabytes freed and allocated again is fresh memory each
// time, and faulting its pages in can cost more than filling them; reused,
// at most one buffer per thread is ever touched. The contents never leave
// the item, so reuse does not show in any result.
class BufferPool {
public:
    std::string take() {
        std::lock_guard<std::mutex> lock(mutex_);
        if (free_.empty()) return {};
        std::string buffer = std::move(free_.back());
        free_.pop_back();
        return buffer;
    }
    void give_back(std::string buffer) {
        std::lock_guard<std::mutex> lock(mutex_);
        free_.push_back(std::move(buffer));
    }

private:
    std::mutex mutex_;
    std::vector<std::string> free_;
};

}  // namespace glossc::parallel
