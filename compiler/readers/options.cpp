#include "readers/options.hpp"

#include <algorithm>

namespace glossc {

ReaderOptions::ReaderOptions(const SourceSpec& spec, DiagnosticSink& sink,
                             std::initializer_list<std::string_view> known)
    : spec_(spec), sink_(sink), where_(spec.where.file.empty() ? location(spec, 0) : spec.where) {
    if (!spec_.options.is_object()) return;
    for (const auto& [key, value] : spec_.options.items()) {
        if (std::find(known.begin(), known.end(), key) != known.end()) continue;
        std::string names;
        for (auto name : known) names += (names.empty() ? "" : ", ") + std::string(name);
        sink_.warning(where_, "reader-unknown-option",
                      "source '" + spec_.id + "': the '" + spec_.format + "' reader has no option '" + key +
                          "' (it takes: " + names + "); it is ignored");
    }
}

const nlohmann::json* ReaderOptions::find(std::string_view key) const {
    if (!spec_.options.is_object()) return nullptr;
    auto it = spec_.options.find(std::string(key));
    return it == spec_.options.end() ? nullptr : &*it;
}

void ReaderOptions::fail(std::string message) {
    ok_ = false;
    sink_.error(where_, "reader-bad-option", "source '" + spec_.id + "': " + std::move(message));
}

std::vector<std::string> ReaderOptions::strings(std::string_view key, bool required, std::string_view purpose) {
    const nlohmann::json* value = find(key);
    if (!value) {
        if (required) {
            ok_ = false;
            sink_.error(where_, "reader-missing-option",
                        "source '" + spec_.id + "': the '" + spec_.format + "' reader needs option '" +
                            std::string(key) + "' in [source.options]: " + std::string(purpose));
        }
        return {};
    }
    std::vector<std::string> out;
    bool well_formed = value->is_array();
    if (well_formed) {
        for (const auto& item : *value) {
            well_formed = well_formed && item.is_string() && !item.get<std::string>().empty();
            if (well_formed) out.push_back(item.get<std::string>());
        }
    }
    if (!well_formed) {
        fail("option '" + std::string(key) + "' must be a list of non-empty strings");
        return {};
    }
    if (required && out.empty()) fail("option '" + std::string(key) + "' must not be empty: " + std::string(purpose));
    return out;
}

std::string ReaderOptions::string(std::string_view key, std::string_view fallback) {
    const nlohmann::json* value = find(key);
    if (!value) return std::string(fallback);
    if (!value->is_string() || value->get<std::string>().empty()) {
        fail("option '" + std::string(key) + "' must be a non-empty string");
        return std::string(fallback);
    }
    return value->get<std::string>();
}

std::regex ReaderOptions::compile(std::string_view key, const std::string& source) {
    try {
        return std::regex(source, std::regex::ECMAScript);
    } catch (const std::regex_error& error) {
        fail("option '" + std::string(key) + "': '" + source + "' is not a valid regular expression (" +
             error.what() + ")");
        return {};
    }
}

std::vector<std::regex> ReaderOptions::patterns(std::string_view key) {
    std::vector<std::regex> out;
    for (const auto& source : strings(key, false, {})) out.push_back(compile(key, source));
    return out;
}

std::regex ReaderOptions::pattern(std::string_view key, std::string_view fallback) {
    return compile(key, string(key, fallback));
}

}  // namespace glossc
