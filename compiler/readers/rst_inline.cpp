// Inline markup of the reStructuredText reader (rst_inline.hpp): a
// left-to-right scan of one paragraph into rich text.
#include "readers/rst_inline.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <vector>

#include "readers/rst_blocks.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"

namespace glossc::readers::rst {

namespace {

using generic::Draft;

// Roles whose text is code, as Sphinx renders them.
bool is_code_role(std::string_view role) {
    static const std::string_view kRoles[] = {
        "code", "literal", "samp", "file", "command", "kbd", "envvar", "option", "program", "regexp", "makevar",
        "mailheader", "mimetype", "newsgroup", "func", "class", "meth", "mod", "attr", "data", "const", "exc",
        "obj", "type", "member", "var", "macro", "struct", "enum", "enumerator", "function", "expr", "texpr",
        "token", "keyword", "py:func", "py:class", "py:meth", "py:mod", "py:attr", "py:data", "py:const", "py:exc",
        "py:obj"};
    for (auto known : kRoles)
        if (role == known) return true;
    // Domain roles ("c:func", "cpp:class", "js:func", "rst:dir"): code too.
    return role.find(':') != std::string_view::npos && !role.starts_with("std:");
}

// The content of a role or a reference: "text <target>", "<target>" or "target".
struct Embedded {
    std::string title;            // what is shown
    std::string target;           // what it refers to (the title when not given)
    bool explicit_title = false;  // "text <target>"
    bool embedded = false;        // a target in angle brackets
};

Embedded split_embedded(std::string_view content) {
    std::string_view trimmed = text::trim(content);
    if (trimmed.ends_with(">")) {
        std::size_t open = trimmed.rfind('<');
        if (open != std::string_view::npos && (open == 0 || is_space(trimmed[open - 1]))) {
            std::string target(trimmed.substr(open + 1, trimmed.size() - open - 2));
            std::string title = text::collapse_whitespace(trimmed.substr(0, open));
            if (title.empty()) return {target, target, false, true};
            return {title, target, true, true};
        }
    }
    std::string whole = text::collapse_whitespace(trimmed);
    return {whole, whole, false, false};
}

// One paragraph's inline markup as rich text, by docutils' recognition
// rules: a start-string follows white space or opening punctuation and is
// followed by non-space; an end-string follows non-space and is followed by
// white space or closing punctuation. reST markup does not nest, so this is
// one left-to-right scan; a failed search for an end-string is remembered so
// that unclosed markup costs one scan, not one per start-string.
class InlineParser {
public:
    // `targets` null: roles are not resolved (a term's own name).
    InlineParser(std::string_view s, const Targets* targets, Draft* into)
        : s_(s), targets_(targets), into_(into), marks_(s.size(), Mark::Plain) {
        for (std::size_t i = 0; i < s_.size(); ++i) {
            if (s_[i] != '\\' || marks_[i] != Mark::Plain) continue;
            marks_[i] = Mark::Escape;
            if (i + 1 < s_.size()) marks_[i + 1] = Mark::Escaped;
        }
    }

    ir::RichText parse() {
        while (at_ < s_.size()) {
            if (marks_[at_] == Mark::Plain && markup()) continue;
            ++at_;
        }
        flush(s_.size());
        return std::move(out_);
    }

    // Offset of the first start-string left unclosed, if any.
    std::optional<std::size_t> unclosed() const { return unclosed_; }

private:
    enum class Mark : std::uint8_t { Plain, Escape, Escaped };
    enum Token { Literal, Strong, Emphasis, Interpreted, Substitution, kTokens };

    // Tries inline markup at at_; true when consumed (at_ moved past it).
    bool markup() {
        char c = s_[at_];
        switch (c) {
            case '`':
                if (s_.substr(at_, 2) == "``") return span(Literal, "``");
                return interpreted(at_, {});
            case '*': return s_.substr(at_, 2) == "**" ? span(Strong, "**") : span(Emphasis, "*");
            case ':': return role_prefix();
            case '|': return substitution();
            case '[': return footnote_reference();
            case '_':
                if (s_.substr(at_, 2) == "_`" && can_start(at_, 2)) return inline_target();
                return simple_reference();
            case 'h':
            case 'f':
            case 'm': return standalone_url();
            default: return false;
        }
    }

    // "``code``", "**strong**", "*emphasis*": markup holding one node.
    bool span(Token kind, std::string_view token) {
        if (!can_start(at_, token.size())) return false;
        std::size_t end = find_end(kind, token, at_ + token.size() + 1, kind != Literal);
        if (end == npos) return unclosed_at(token.size());
        std::size_t from = at_ + token.size();
        flush(at_);
        switch (kind) {
            case Literal: out_.push_back(ir::code(std::string(s_.substr(from, end - from)))); break;  // no escapes
            case Strong: out_.push_back(ir::strong({ir::text(unescape(from, end))})); break;
            default: out_.push_back(ir::emph({ir::text(unescape(from, end))})); break;
        }
        resume(end + token.size());
        return true;
    }

    // ":role:`content`".
    bool role_prefix() {
        if (!can_start(at_, 1)) return false;
        std::size_t at = at_ + 1;
        while (at < s_.size() && at - at_ < kMaxName &&
               (is_alnum(s_[at]) || s_[at] == '-' || s_[at] == '_' || s_[at] == '.' || s_[at] == '+' || s_[at] == ':'))
            ++at;
        if (at >= s_.size() || s_[at] != '`' || at < at_ + 3 || s_[at - 1] != ':') return false;
        return interpreted(at, s_.substr(at_ + 1, at - at_ - 2));
    }

    // "`content`", "`content`_", "`content`:role:", or the content of a
    // prefixed role (`role` given, `open` at its backtick).
    bool interpreted(std::size_t open, std::string_view role) {
        if (!can_start(open, 1)) return false;
        std::size_t suffix = 0;
        std::size_t end = find_backtick_end(open + 2, suffix);
        if (end == npos) {
            if (!role.empty()) return false;  // ":role:`" unclosed: text, reported at the backtick
            return unclosed_at(1);
        }
        std::size_t start = at_;
        flush(start);
        std::string_view raw = s_.substr(open + 1, end - open - 1);
        std::string content = unescape(open + 1, end);
        std::string_view after = s_.substr(end + 1, suffix);
        if (after.starts_with("_")) {
            reference(content, after == "__");
        } else if (after.starts_with(":")) {
            apply_role(after.substr(1, after.size() - 2), content, raw);
        } else if (!role.empty()) {
            apply_role(role, content, raw);
        } else {
            out_.push_back(ir::emph({ir::text(content)}));  // the default role: a title reference
        }
        resume(end + 1 + suffix);
        return true;
    }

    // `text <url>`_, `name`_: a link when the target is known.
    void reference(const std::string& content, bool anonymous) {
        auto [title, target, explicit_title, embedded] = split_embedded(content);
        std::string url;
        if (embedded) {
            url = target;
            url.erase(std::remove_if(url.begin(), url.end(), [](char c) { return is_space(c); }), url.end());
            if (url.ends_with("_")) {  // `text <name_>`_: a named target
                url.pop_back();
                const std::string* named = targets_ ? targets_->url(url) : nullptr;
                url = named ? *named : "";
            }
        } else if (!anonymous && targets_) {
            if (const std::string* named = targets_->url(title)) url = *named;
        }
        if (url.empty()) {
            text::append_text(out_, title);
        } else {
            out_.push_back(ir::link(url, {ir::text(title)}));
        }
    }

    void apply_role(std::string_view name, const std::string& content, std::string_view raw) {
        std::string role = lower_ascii(name);
        if (role.starts_with("std:")) role.erase(0, 4);
        if (role == "math") {
            out_.push_back(ir::math(std::string(raw)));  // TeX keeps its backslashes
            return;
        }
        auto [title, target, explicit_title, embedded] = split_embedded(content);
        if (role == "term") {
            text::append_text(out_, title);
            if (into_ && !target.empty()) into_->related.push_back(target);
        } else if (role == "ref") {
            const Targets::Label* label = nullptr;
            if (targets_)
                if (auto found = targets_->labels.find(fold(target)); found != targets_->labels.end())
                    label = &found->second;
            text::append_text(out_, explicit_title || !label || label->name.empty() ? title : label->name);
            if (into_ && label && label->entry) into_->related.push_back(label->name);
        } else if (role == "abbr") {
            text::append_text(out_, content);  // "LIFO (last-in, first-out)"
        } else if (role == "pep" || role == "rfc") {
            text::append_text(out_, explicit_title ? title : (role == "pep" ? "PEP " : "RFC ") + target);
        } else if (role == "emphasis" || role == "dfn" || role == "title-reference" || role == "title" ||
                   role == "t" || role == "i") {
            out_.push_back(ir::emph({ir::text(title)}));
        } else if (role == "strong" || role == "b") {
            out_.push_back(ir::strong({ir::text(title)}));
        } else if (is_code_role(role)) {
            std::string shown = title;
            // "~pkg.mod.func" shows "func"; "!name" is not linked
            if (!explicit_title && shown.starts_with("~")) {
                shown.erase(0, 1);
                if (auto dot = shown.rfind('.'); dot != std::string::npos) shown.erase(0, dot + 1);
            }
            if (!explicit_title && shown.starts_with("!")) shown.erase(0, 1);
            out_.push_back(ir::code(shown));
        } else {  // doc, download, numref, sub, sup, guilabel, menuselection, any, and unknown roles
            text::append_text(out_, title);
        }
    }

    // "|name|", "|name|_": the substitution's text, or its name.
    bool substitution() {
        if (!can_start(at_, 1)) return false;
        std::size_t end = find_end(Substitution, "|", at_ + 2, true);
        if (end == npos) return false;
        std::size_t start = at_;
        flush(start);
        std::string name = unescape(start + 1, end);
        const std::string* replacement = nullptr;
        if (targets_)
            if (auto found = targets_->substitutions.find(fold(name)); found != targets_->substitutions.end() &&
                                                                        !found->second.empty())
                replacement = &found->second;
        text::append_text(out_, replacement ? *replacement : name);
        std::size_t next = end + 1;
        while (next < s_.size() && next < end + 3 && s_[next] == '_') ++next;
        resume(next);
        return true;
    }

    // "[1]_", "[#note]_", "[CIT2002]_": the text in brackets.
    bool footnote_reference() {
        std::size_t close = s_.substr(0, at_ + kMaxName).find(']', at_);
        if (close == npos || close == at_ + 1 || close + 1 >= s_.size() || s_[close + 1] != '_') return false;
        for (std::size_t i = at_ + 1; i < close; ++i)
            if (is_space(s_[i])) return false;
        if (!ends_markup(close + 2)) return false;
        std::size_t start = at_;
        flush(start);
        text::append_text(out_, s_.substr(start, close + 1 - start));
        resume(close + 2);
        return true;
    }

    // "_`inline target`": its text.
    bool inline_target() {
        std::size_t suffix = 0;
        std::size_t end = find_backtick_end(at_ + 3, suffix);
        if (end == npos || suffix != 0) return false;
        std::size_t start = at_;
        flush(start);
        text::append_text(out_, unescape(start + 2, end));
        resume(end + 1);
        return true;
    }

    // "name_" / "name__" at at_ (the first "_"): the name, as a link when a
    // target gives its URL.
    bool simple_reference() {
        if (at_ == 0 || !is_alnum(s_[at_ - 1])) return false;
        std::size_t underscores = s_.substr(at_, 2) == "__" ? 2 : 1;
        if (!ends_markup(at_ + underscores)) return false;
        std::size_t start = at_;
        while (start > text_from_ && (is_alnum(s_[start - 1]) || s_[start - 1] == '-' || s_[start - 1] == '.'))
            --start;
        if (start > text_from_ && s_[start - 1] == '_') return false;  // "snake_case_": not a reference
        if (start > 0 && !starts_markup_after(s_[start - 1])) return false;
        std::string name(s_.substr(start, at_ - start));
        flush(start);
        const std::string* url = targets_ && underscores == 1 ? targets_->url(name) : nullptr;
        if (url) {
            out_.push_back(ir::link(*url, {ir::text(name)}));
        } else {
            text::append_text(out_, name);
        }
        resume(at_ + underscores);
        return true;
    }

    // "https://…" in running text.
    bool standalone_url() {
        static constexpr std::string_view kSchemes[] = {"https://", "http://", "ftp://", "mailto:"};
        std::string_view rest = s_.substr(at_);
        if (!std::any_of(std::begin(kSchemes), std::end(kSchemes), [&](auto scheme) { return rest.starts_with(scheme); }))
            return false;
        if (at_ > 0 && (is_alnum(s_[at_ - 1]) || s_[at_ - 1] == '/')) return false;
        std::size_t end = at_;
        while (end < s_.size() && !is_space(s_[end]) && !std::strchr("<>\"`", s_[end])) ++end;
        // Trailing punctuation ends the sentence, not the URL; so does an
        // unbalanced ")".
        std::string_view run = s_.substr(at_, end - at_);
        auto open = std::count(run.begin(), run.end(), '('), close = std::count(run.begin(), run.end(), ')');
        while (end > at_) {
            char last = s_[end - 1];
            if (last == ')' && open < close) {
                --close;
            } else if (!std::strchr(".,;:!?'*", last)) {
                break;
            }
            --end;
        }
        std::string url(s_.substr(at_, end - at_));
        if (url.find(':') + 3 >= url.size()) return false;  // a scheme alone
        flush(at_);
        out_.push_back(ir::link(url, {ir::text(url)}));
        resume(end);
        return true;
    }

    // ---- recognition rules

    static bool starts_markup_after(char before) {
        return is_space(before) || std::strchr("-:/'\"<([{", before) || static_cast<unsigned char>(before) >= 0x80;
    }

    bool ends_markup(std::size_t after) const {
        if (after >= s_.size()) return true;
        char c = s_[after];
        return is_space(c) || std::strchr("-.,:;!?\\/'\")]}>", c) || static_cast<unsigned char>(c) >= 0x80;
    }

    bool can_start(std::size_t at, std::size_t length) const {
        if (at + length >= s_.size() || is_space(s_[at + length])) return false;
        if (at == 0) return true;
        char before = s_[at - 1];
        if (!starts_markup_after(before)) return false;
        // '*' in "(*)" or "'*'" is no markup.
        static constexpr std::string_view kOpen = "'\"<([{", kClose = "'\">)]}";
        if (auto pair = kOpen.find(before); pair != std::string_view::npos && s_[at + length] == kClose[pair]) return false;
        return true;
    }

    bool can_end(std::size_t at, std::size_t length, bool honour_escapes) const {
        if (at == 0 || is_space(s_[at - 1])) return false;
        if (honour_escapes && marks_[at] != Mark::Plain) return false;
        return ends_markup(at + length);
    }

    // The first end-string `token` at or after `from`; an end valid for a
    // later start-string would have been valid for this one, so a failed
    // search is remembered.
    std::size_t find_end(Token kind, std::string_view token, std::size_t from, bool honour_escapes) {
        if (from >= failed_from_[kind]) return npos;
        for (std::size_t at = s_.find(token, from); at != npos; at = s_.find(token, at + 1))
            if (can_end(at, token.size(), honour_escapes)) return at;
        failed_from_[kind] = from;
        return npos;
    }

    // The closing backtick of interpreted text, with the length of what
    // follows it ("_", "__", ":role:") in `suffix`.
    std::size_t find_backtick_end(std::size_t from, std::size_t& suffix) {
        if (from >= failed_from_[Interpreted]) return npos;
        for (std::size_t at = s_.find('`', from); at != npos; at = s_.find('`', at + 1)) {
            if (marks_[at] != Mark::Plain || is_space(s_[at - 1])) continue;
            suffix = 0;
            if (at + 1 < s_.size() && s_[at + 1] == '_') {
                suffix = at + 2 < s_.size() && s_[at + 2] == '_' ? 2 : 1;
            } else if (at + 1 < s_.size() && s_[at + 1] == ':') {
                std::size_t close = s_.substr(0, at + kMaxName).find(':', at + 2);
                if (close != npos && close > at + 2) {
                    bool name = true;
                    for (std::size_t i = at + 2; i < close && name; ++i)
                        name = is_alnum(s_[i]) || s_[i] == '-' || s_[i] == '_' || s_[i] == '.' || s_[i] == '+';
                    if (name && ends_markup(close + 1)) suffix = close + 1 - at;
                }
            }
            if (ends_markup(at + 1 + suffix)) return at;
        }
        failed_from_[Interpreted] = from;
        return npos;
    }

    // An unclosed start-string: it stays in the pending text.
    bool unclosed_at(std::size_t length) {
        if (!unclosed_) unclosed_ = at_;
        at_ += length;
        return true;
    }

    // ---- output

    // Text from text_from_ to `to`, escapes resolved.
    void flush(std::size_t to) {
        if (to <= text_from_) return;
        text::append_text(out_, unescape(text_from_, to));
        text_from_ = to;
    }

    void resume(std::size_t at) {
        at_ = at;
        text_from_ = std::max(text_from_, at);
    }

    // A backslash escapes the next character; an escaped space or line
    // break is removed ("word\ *emph*").
    std::string unescape(std::size_t from, std::size_t to) const {
        std::string out;
        out.reserve(to - from);
        for (std::size_t i = from; i < to; ++i) {
            if (marks_[i] == Mark::Escape) continue;
            if (marks_[i] == Mark::Escaped && is_space(s_[i])) continue;
            out += s_[i];
        }
        return out;
    }

    static constexpr std::size_t npos = std::string_view::npos;
    static constexpr std::size_t kMaxName = 64;  // a role's, a footnote label's: bounds the look-ahead

    std::string_view s_;
    const Targets* targets_;
    Draft* into_;
    std::vector<Mark> marks_;
    std::size_t failed_from_[kTokens] = {npos, npos, npos, npos, npos};
    std::size_t at_ = 0;
    std::size_t text_from_ = 0;
    std::optional<std::size_t> unclosed_;
    ir::RichText out_;
};

}  // namespace

const std::string* Targets::url(std::string_view name) const {
    auto found = urls.find(fold(name));
    return found == urls.end() ? nullptr : &found->second;
}

InlineText parse_inline(std::string_view s, const Targets* targets, generic::Draft* into) {
    InlineParser parser(s, targets, into);
    ir::RichText text = parser.parse();
    return {std::move(text), parser.unclosed()};
}

}  // namespace glossc::readers::rst
