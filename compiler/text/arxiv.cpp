#include "text/arxiv.hpp"

#include <regex>

namespace glossc::text {

namespace {

std::string first_group(std::string_view text, const std::regex& pattern, std::size_t group) {
    std::match_results<std::string_view::const_iterator> match;
    if (!std::regex_search(text.begin(), text.end(), match, pattern)) return {};
    return match[group].str();
}

}  // namespace

std::string cited_arxiv_id(std::string_view text) {
    static const std::regex kCited(R"(arXiv:\s*([0-9]{4}\.[0-9]{4,5}))", std::regex::icase);
    return first_group(text, kCited, 1);
}

std::string linked_arxiv_id(std::string_view text) {
    static const std::regex kLinked(R"(arxiv\.org/(abs|pdf)/([0-9]{4}\.[0-9]{4,5}))", std::regex::icase);
    return first_group(text, kLinked, 2);
}

bool is_arxiv_id(std::string_view id) {
    if (id.empty()) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '/' ||
              c == '-'))
            return false;
    return true;
}

}  // namespace glossc::text
