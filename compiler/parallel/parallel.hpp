// Using both cores without making output depend on scheduling: work is split
// by index, each index writes only its own slot of a result the caller
// allocated, and the caller combines the slots in index order. Which thread
// ran which index never shows in the result.
#pragma once

#include <cstddef>
#include <functional>

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

}  // namespace glossc::parallel
