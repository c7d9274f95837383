// One round-trip property, written once and instantiated for every backend in
// the registry: read_B(write_B(ir)) == project_B(ir). A backend added to the
// registry gets the property without touching this file.
#include <map>

#include <gtest/gtest.h>

#include "backend.hpp"
#include "support/generators.hpp"
#include "support/property.hpp"

namespace glossc {
namespace {

// Generated glossaries per backend; the heavier formats get fewer.
int cases_for(std::string_view format) {
    static const std::map<std::string_view, int> kCases{{"json", 1000}, {"text", 1000}};
    auto it = kCases.find(format);
    return it == kCases.end() ? 300 : it->second;
}

class RoundTrip : public ::testing::TestWithParam<const BackendInfo*> {};

TEST_P(RoundTrip, ReadOfWriteIsProjection) {
    const BackendInfo& backend = *GetParam();
    testing::check_property(std::string(backend.format) + " round trip", cases_for(backend.format),
                            [&backend](const ir::Glossary& glossary) {
                                RenderContext context{1795478400};
                                std::string bytes = render(backend.stream, glossary, context);
                                ir::Glossary back = backend.read(bytes);
                                RC_ASSERT(back == backend.project(glossary));
                            });
}

TEST_P(RoundTrip, WritingIsDeterministic) {
    const BackendInfo& backend = *GetParam();
    testing::check_property(std::string(backend.format) + " determinism", 50, [&backend](const ir::Glossary& glossary) {
        RenderContext context{1795478400};
        RC_ASSERT(render(backend.stream, glossary, context) == render(backend.stream, glossary, context));
    });
}

TEST_P(RoundTrip, ReaderRejectsGarbageWithAnError) {
    const BackendInfo& backend = *GetParam();
    for (std::string garbage : {std::string(), std::string("\x00\x01\x02garbage", 10), std::string("{\"concepts\": 5}")})
        EXPECT_THROW(backend.read(garbage), BackendReadError) << backend.format;
}

std::vector<const BackendInfo*> all_backends() {
    std::vector<const BackendInfo*> out;
    for (const auto& backend : backend_registry()) out.push_back(&backend);
    return out;
}

INSTANTIATE_TEST_SUITE_P(Backends, RoundTrip, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return std::string(info.param->format); });

}  // namespace
}  // namespace glossc
