#include "web/web_format.hpp"

#include "epub/epub_format.hpp"
#include "text/slug.hpp"

namespace glossc::web_backend::format {

std::string letter_file(std::string_view letter) {
    // The EPUB's letter key ("letter-a", "letter-symbols", "letter-u4e00"):
    // the same letters make the same names in both editions.
    return epub_backend::format::section_anchor(letter) + ".html";
}

std::string letter_section_id(std::string_view letter) { return "_" + epub_backend::format::section_anchor(letter); }

std::string category_file(const ir::Category& category, std::size_t position) {
    constexpr std::size_t kLongestName = 64;  // a file name well under every file system's limit
    if (text::is_slug(category.id) && category.id.size() <= kLongestName) return "category-" + category.id + ".html";
    return "category-_" + std::to_string(position) + ".html";
}

std::string_view direction(std::string_view language_tag) {
    std::string primary(language_tag.substr(0, language_tag.find('-')));
    for (char& c : primary)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);  // tags are case-insensitive
    for (std::string_view rtl : {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "ug", "ur", "yi"})
        if (primary == rtl) return "rtl";
    return "ltr";
}

}  // namespace glossc::web_backend::format
