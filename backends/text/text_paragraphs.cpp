// Lines -> paragraphs (text_paragraphs.hpp).
#include "text/text_paragraphs.hpp"

#include <cctype>
#include <charconv>
#include <cstdint>

#include "backend.hpp"
#include "text/text_format.hpp"
#include "text/utf8.hpp"

namespace glossc::text_backend {

namespace f = format;

void fail(std::size_t line, const std::string& message) {
    throw BackendReadError("glossary.txt:" + std::to_string(line) + ": " + message);
}

Para Para::sub(std::size_t from, std::size_t to) const {
    Para out;
    out.line = line;
    out.indent = indent;
    out.text = text.substr(from, to == std::string::npos ? to : to - from);
    out.literal = literal.substr(from, out.text.size());
    return out;
}

bool Para::is(std::string_view keyword) const {
    if (is_protected || kind != Kind::Prose || !text.starts_with(keyword)) return false;
    for (std::size_t i = 0; i < keyword.size(); ++i)
        if (literal[i] != '1') return false;
    return size() == keyword.size() || lit_at(keyword.size(), ' ');
}

std::size_t Para::find_last(char c) const {
    for (std::size_t i = size(); i-- > 0;)
        if (lit_at(i, c)) return i;
    return std::string::npos;
}

std::vector<Para> Para::split(char c) const {
    std::vector<Para> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i < size(); ++i) {
        if (!lit_at(i, c)) continue;
        if (!lit_at(i + 1, ' ')) fail(line, std::string("expected a space after '") + c + "'");
        out.push_back(sub(start, i));
        start = i + 2;
        ++i;
    }
    out.push_back(sub(start));
    return out;
}

namespace {

// Appends one line's content to `p`, undoing escapes. Returns true when the
// line ends with the break mark (the word goes on without a space).
bool decode_line(std::string_view s, std::size_t line, Para& p, bool paragraph_start) {
    auto put = [&p](std::string_view bytes, bool literal) {
        p.text += bytes;
        p.literal.append(bytes.size(), literal ? '1' : '0');
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7F) fail(line, "raw control character (the writer escapes them)");
        if (c != '\\') {
            put(s.substr(i, 1), true);
            continue;
        }
        if (i + 1 == s.size()) return true;
        if (s[i + 1] != '<') {  // a backslash is itself unless it opens "\<...>"
            put("\\", true);
            continue;
        }
        std::size_t close = s.find('>', i + 2);
        if (close == std::string_view::npos) fail(line, "unterminated escape \"\\<\"");
        std::string_view name = s.substr(i + 2, close - i - 2);
        if (name.empty()) {
            if (paragraph_start && i == 0) p.is_protected = true;
        } else if (name == "n") {
            put("\n", false);
        } else if (name == "t") {
            put("\t", false);
        } else if (name == "r") {
            put("\r", false);
        } else if (name == "sp") {
            put(" ", false);
        } else if (name.starts_with("U+")) {
            std::uint32_t cp = 0;
            const char* first = name.data() + 2;
            const char* last = name.data() + name.size();
            if (last - first < 1 || last - first > 6 || std::from_chars(first, last, cp, 16).ptr != last || cp == 0 ||
                cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                fail(line, "bad escape \"\\<" + std::string(name) + ">\"");
            std::string bytes;
            text::append_utf8(bytes, cp);
            put(bytes, false);
        } else if (name.size() == 1 && static_cast<unsigned char>(name[0]) < 0x80 &&
                   std::ispunct(static_cast<unsigned char>(name[0]))) {
            put(name, false);
        } else {
            fail(line, "unknown escape \"\\<" + std::string(name) + ">\"");
        }
        i = close;
    }
    return false;
}

// A line continues the paragraph before it when it is indented by that
// paragraph's continuation indent; a blank line ends one. A fence opens a
// literal block, whose lines are read as they are up to its closing fence.
class ParagraphReader {
public:
    std::vector<Para> run(std::string_view bytes) {
        for (std::size_t pos = 0; pos < bytes.size();) {
            std::size_t end = bytes.find('\n', pos);
            if (end == std::string_view::npos) end = bytes.size();
            ++number_;
            if (inside_) {
                literal_line(bytes.substr(pos, end - pos));
            } else {
                line(bytes.substr(pos, end - pos));
            }
            pos = end + 1;
        }
        if (tight_) fail(number_, "a line ending in '\\' must be continued");
        if (inside_ || opening_) not_closed(number_);
        return std::move(out_);
    }

private:
    void line(std::string_view line) {
        std::size_t indent = line.find_first_not_of(' ');
        if (indent == std::string_view::npos) {
            if (tight_) fail(number_, "a line ending in '\\' must be continued");
            open_ = false;
            return;
        }
        std::string_view content = line.substr(indent);
        if (open_ && indent == f::continuation_indent(out_.back().indent)) {
            if (!tight_) {
                out_.back().text += ' ';
                out_.back().literal += '1';
            }
            tight_ = decode_line(content, number_, out_.back(), false);
            if (opening_ && !tight_) begin_literal();
            return;
        }
        if (tight_) fail(number_, "a line ending in '\\' must be continued");
        if (!f::is_start_indent(indent)) fail(number_, "unexpected indentation");
        out_.push_back(Para{});
        out_.back().line = number_;
        out_.back().indent = indent;
        tight_ = decode_line(content, number_, out_.back(), true);
        open_ = true;
        if (indent < f::kContentIndent) return;
        // A fence is told on the raw line: an escape starts with '\', which
        // starts no marker.
        auto at = [content](std::size_t i) { return i < content.size() ? content[i] : '\0'; };
        f::Opens opens = f::block_start(content.size(), at).opens;
        if (opens != f::Opens::CodeFence && opens != f::Opens::MathFence) return;
        if (opens == f::Opens::MathFence && content != f::kMathFence)
            fail(number_, "a display math fence is \"" + std::string(f::kMathFence) + "\" alone on its line");
        out_.back().kind = opens == f::Opens::CodeFence ? Para::Kind::Code : Para::Kind::Math;
        opening_ = true;  // the fence line may go on (a long language), then the lines
        if (!tight_) begin_literal();
    }

    void begin_literal() {
        Para& p = out_.back();
        opening_ = false;
        inside_ = true;
        open_ = false;
        std::string_view fence = p.kind == Para::Kind::Code ? f::kCodeFence : f::kMathFence;
        if (p.kind == Para::Kind::Code) p.language = p.text.substr(fence.size());
        closer_ = std::string(p.indent, ' ') + std::string(fence);
        p.text.clear();
        p.literal.clear();
        lines_ = 0;
    }

    void literal_line(std::string_view line) {
        Para& p = out_.back();
        if (!tight_ && line == closer_) {
            inside_ = false;
            return;
        }
        std::size_t indent = line.find_first_not_of(' ');
        if (indent == std::string_view::npos) {  // a blank line of the block
            if (tight_) fail(number_, "a line ending in '\\' must be continued");
            next_literal_line(p);
            return;
        }
        if (indent < p.indent) not_closed(number_);
        if (!tight_) next_literal_line(p);
        tight_ = decode_line(line.substr(p.indent), number_, p, false);
    }

    void next_literal_line(Para& p) {
        if (lines_++ == 0) return;
        p.text += '\n';
        p.literal += '0';
    }

    [[noreturn]] void not_closed(std::size_t at) const {
        const Para& p = out_.back();
        fail(at, std::string("the ") + (p.kind == Para::Kind::Code ? "code block" : "display math") +
                     " opened at line " + std::to_string(p.line) + " is not closed by \"" +
                     std::string(p.kind == Para::Kind::Code ? f::kCodeFence : f::kMathFence) + "\" at its indentation");
    }

    std::vector<Para> out_;
    std::size_t number_ = 0;
    bool open_ = false;     // the last paragraph may take continuation lines
    bool tight_ = false;    // the last line ended with the break mark
    bool opening_ = false;  // the last paragraph is a fence line, maybe going on
    bool inside_ = false;   // between a fence line and its closing fence
    std::string closer_;    // the closing fence line, with its indentation
    std::size_t lines_ = 0;  // lines of the literal block so far
};

}  // namespace

std::vector<Para> paragraphs(std::string_view bytes) { return ParagraphReader().run(bytes); }

}  // namespace glossc::text_backend
