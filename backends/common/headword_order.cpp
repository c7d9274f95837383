#include "common/headword_order.hpp"

#include <algorithm>
#include <cstdlib>
#include <tuple>

#include <utf8proc.h>

#include "text/utf8.hpp"

namespace glossc::order {

namespace {

// utf8proc_map with the given options; the input itself when it is not valid
// UTF-8 (the IR promises it is, but sorting must never fail).
std::string mapped(std::string_view s, int options) {
    utf8proc_uint8_t* out = nullptr;
    auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
                          &out, static_cast<utf8proc_option_t>(options));
    std::string result = n >= 0 && out ? std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n))
                                       : std::string(s);
    std::free(out);
    return result;
}

// Case- and accent-insensitive key: compatibility decomposition, case fold,
// marks and default-ignorable code points (bidi marks, zero-width space)
// removed, so "École", "ecole" and "ECOLE" sort together.
std::string sort_key(std::string_view headword) {
    return mapped(headword, UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                                UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
}

bool is_letter(utf8proc_int32_t cp) {
    switch (utf8proc_category(cp)) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LL:
        case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO: return true;
        default: return false;
    }
}

}  // namespace

std::string section_of(std::string_view headword) {
    utf8proc_int32_t first = -1;
    utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(headword.data()),
                     static_cast<utf8proc_ssize_t>(headword.size()), &first);
    if (first < 0 || !is_letter(first)) return "#";
    // The base letter: "é" -> "e", "ﬁ" -> "f", "ǅ" -> "D".
    std::string letter;
    text::append_utf8(letter, static_cast<char32_t>(first));
    std::string base = mapped(letter, UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
    utf8proc_int32_t base_cp = first;
    if (!base.empty())
        utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(base.data()),
                         static_cast<utf8proc_ssize_t>(base.size()), &base_cp);
    if (base_cp < 0 || !is_letter(base_cp)) base_cp = first;
    std::string section;
    text::append_utf8(section, static_cast<char32_t>(utf8proc_toupper(base_cp)));
    return section;
}

std::vector<std::size_t> concept_order(const std::vector<ir::Concept>& concepts) {
    struct Key {
        bool letter;  // "#" sorts first
        std::string section;
        std::string folded;
    };
    std::vector<Key> keys;
    keys.reserve(concepts.size());
    for (const auto& c : concepts) {
        std::string section = section_of(c.headword);
        keys.push_back({section != "#", std::move(section), sort_key(c.headword)});
    }
    std::vector<std::size_t> order(concepts.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::tie(keys[a].letter, keys[a].section, keys[a].folded, concepts[a].headword, concepts[a].id) <
               std::tie(keys[b].letter, keys[b].section, keys[b].folded, concepts[b].headword, concepts[b].id);
    });
    return order;
}

}  // namespace glossc::order
