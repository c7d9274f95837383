#include "math/tex_lint.hpp"

#include <algorithm>
#include <cctype>

#include "math/commands.hpp"
#include "text/braces.hpp"

namespace glossc::math {

namespace {

// First letters of the string escapes that eat a backslash and the letter after it.
constexpr std::string_view kEscapeLetters = "bfnrtv";

// Names people also write bare on purpose ("log", "max", "sim", "vec",
// "top") have no kLintBare: a bare "log" is a style choice, not a lost
// backslash.
bool has_flag(std::string_view name, std::uint16_t flag) {
    const CommandInfo* info = find_command(name);
    return info && (info->flags & flag);
}

bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// Where the braced argument starting at `open` ends: past its matching '}'
// (the end of the text when it never closes).
std::size_t skip_braced(std::string_view tex, std::size_t open) {
    std::size_t close = text::matching_brace(tex, open);
    return close == std::string_view::npos ? tex.size() : close + 1;
}

}  // namespace

std::vector<BareTexCommand> find_bare_tex_commands(std::string_view tex) {
    std::vector<BareTexCommand> found;
    std::size_t i = 0;
    while (i < tex.size()) {
        if (tex[i] == '\\') {
            std::size_t name_end = i + 1;
            while (name_end < tex.size() && is_letter(tex[name_end])) ++name_end;
            std::string_view name = tex.substr(i + 1, name_end - i - 1);
            i = std::max(name_end, i + 2);  // a command, or an escaped symbol ("\{", "\|")
            bool text_argument = !name.empty() && has_flag(name, kLintText);
            if (text_argument && name_end < tex.size() && tex[name_end] == '{') i = skip_braced(tex, name_end);
            continue;
        }
        if (!is_letter(tex[i])) {
            ++i;
            continue;
        }
        std::size_t word_end = i;
        while (word_end < tex.size() && is_letter(tex[word_end])) ++word_end;
        std::string word(tex.substr(i, word_end - i));
        i = word_end;
        if (word.size() < 2) continue;  // single letters are variables
        BareTexCommand bare{word, {}};
        if (has_flag(word, kLintBare)) bare.meant.push_back("\\" + word);
        for (char escape : kEscapeLetters)
            if (has_flag(std::string(1, escape) + word, kLintBare))
                bare.meant.push_back("\\" + std::string(1, escape) + word);
        if (!bare.meant.empty()) found.push_back(std::move(bare));
    }
    return found;
}

}  // namespace glossc::math
