// Runs a RapidCheck property inside a GoogleTest with a given number of
// cases. RC_PARAMS="max_success=N" in the environment overrides the count
// (for a quick local run or a sanitizer build); seed and size come from it too.
#pragma once

#include <cstdlib>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <rapidcheck.h>

namespace glossc::testing {

template <typename Testable>
void check_property(const std::string& name, int cases, Testable&& testable) {
    using namespace rc::detail;
    TestParams params = configuration().testParams;
    const char* env = std::getenv("RC_PARAMS");
    if (!env || std::string(env).find("max_success") == std::string::npos) params.maxSuccess = cases;
    TestMetadata metadata;
    metadata.id = name;
    metadata.description = name;
    const auto result = checkTestable(std::forward<Testable>(testable), metadata, params);
    if (result.template is<SuccessResult>()) {
        const auto success = result.template get<SuccessResult>();
        std::cout << "[property] " << name << ": " << success.numSuccess << " cases passed\n";
    } else {
        std::ostringstream message;
        printResultMessage(result, message);
        FAIL() << name << ": " << message.str();
    }
}

}  // namespace glossc::testing
