// A reader's options: the `[source.options]` table of its manifest entry.
// What a source's layout varies in (its category names, its page chrome, its
// marker words) is data given here, not constants in a reader. Problems are
// reported at the manifest's [[source]] table, where an editor fixes them.
#pragma once

#include <initializer_list>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "readers/reader.hpp"

namespace glossc {

class ReaderOptions {
public:
    // Warns about keys outside `known`: a misspelt option would otherwise be
    // ignored without a word.
    ReaderOptions(const SourceSpec& spec, DiagnosticSink& sink, std::initializer_list<std::string_view> known);

    // A list of non-empty strings. A missing required list is an error that
    // says what the list is for (`purpose`); a missing optional one is empty.
    std::vector<std::string> strings(std::string_view key, bool required, std::string_view purpose);

    // A non-empty string, or `fallback` when the option is absent.
    std::string string(std::string_view key, std::string_view fallback);

    // Regular expressions (ECMAScript syntax), each to match a whole line.
    std::vector<std::regex> patterns(std::string_view key);
    std::regex pattern(std::string_view key, std::string_view fallback);

    // False once an option was missing or unusable; the reader then reads nothing.
    bool ok() const { return ok_; }

private:
    const nlohmann::json* find(std::string_view key) const;
    void fail(std::string message);
    std::regex compile(std::string_view key, const std::string& source);

    const SourceSpec& spec_;
    DiagnosticSink& sink_;
    Location where_;
    bool ok_ = true;
};

}  // namespace glossc
