#include "text/slug.hpp"

#include <cstdlib>

#include <utf8proc.h>

#include "text/utf8.hpp"

namespace glossc::text {

std::string slugify(std::string_view s) {
    std::string valid = repair_utf8(s);
    utf8proc_uint8_t* folded = nullptr;
    auto options = static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK |
                                                  UTF8PROC_CASEFOLD);
    std::string_view source = valid;
    if (utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(valid.data()),
                     static_cast<utf8proc_ssize_t>(valid.size()), &folded, options) >= 0 && folded) {
        source = reinterpret_cast<const char*>(folded);
    }
    std::string slug;
    bool pending_dash = false;
    for (char c : source) {
        bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!keep) {
            pending_dash = !slug.empty();
            continue;
        }
        if (pending_dash) slug += '-';
        pending_dash = false;
        slug += c;
    }
    std::free(folded);
    if (slug.size() > 60) {
        slug.resize(60);
        while (!slug.empty() && slug.back() == '-') slug.pop_back();
    }
    return slug.empty() ? std::string("x") : slug;
}

bool is_slug(std::string_view s) {
    if (s.empty() || s.front() == '-' || s.back() == '-') return false;
    char previous = 0;
    for (char c : s) {
        bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!word && (c != '-' || previous == '-')) return false;
        previous = c;
    }
    return true;
}

}  // namespace glossc::text
