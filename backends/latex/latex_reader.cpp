// The LaTeX backend's reader: parses the \gc... macros of a glossary.tex we
// wrote back into the IR fields they carry (latex_backend.hpp). It reads the
// body only; the preamble is ours and carries nothing.
#include <charconv>
#include <limits>

#include "latex/latex_backend.hpp"
#include "latex/latex_format.hpp"
#include "latex/latex_math.hpp"
#include "text/braces.hpp"

namespace glossc::latex_backend {

namespace {

namespace f = format;

[[noreturn]] void fail(const std::string& message) { throw BackendReadError("glossary.tex: " + message); }

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The braced argument at s[i] == '{' (i moves past it), a line end in it
// read as the space it stands for.
std::string braced(std::string_view s, std::size_t& i) {
    if (i >= s.size() || s[i] != '{') fail("expected '{' at byte " + std::to_string(i));
    std::size_t close = text::matching_brace(s, i);
    if (close == std::string_view::npos) fail("unbalanced braces");
    std::string content(s.substr(i + 1, close - i - 1));
    for (auto& c : content)
        if (c == '\n') c = ' ';
    i = close + 1;
    return content;
}

std::string control_word(std::string_view s, std::size_t& i) {  // at '\'
    std::size_t end = i + 1;
    while (end < s.size() && is_letter(s[end])) ++end;
    std::string name(s.substr(i + 1, end - i - 1));
    i = end;
    return name;
}

template <typename Int>
Int number(const std::string& digits, const char* what) {
    Int value{};
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc() || end != digits.data() + digits.size() || digits.empty() || std::to_string(value) != digits)
        fail(std::string("bad ") + what + " '" + digits + "'");
    return value;
}

ir::LabelKind label_kind(const std::string& name) {
    ir::LabelKind kind{};
    if (!ir::parse_label_kind(name, kind)) fail("unknown alias kind '" + name + "'");
    return kind;
}

// Rich text: escaped text and the inline macros.
class RichReader {
public:
    explicit RichReader(std::string_view s) : s_(s) {}

    ir::RichText run() {
        ir::RichText out;
        std::string raw;  // escaped text not yet added
        auto flush = [&] {
            if (raw.empty()) return;
            std::string text = f::unescape_text(raw);
            raw.clear();
            if (!out.empty() && out.back().kind == ir::InlineKind::Text) {
                out.back().text += text;
            } else {
                out.push_back(ir::text(std::move(text)));
            }
        };
        std::size_t i = 0;
        while (i < s_.size()) {
            char c = s_[i];
            if (c != '\\') {
                if (c == '{' || c == '}') fail("an unescaped brace in rich text");
                raw += c;
                ++i;
                continue;
            }
            std::size_t start = i;
            if (i + 1 < s_.size() && !is_letter(s_[i + 1])) {  // \{ \% ...: text
                raw += s_.substr(i, 2);
                i += 2;
                continue;
            }
            std::string name = control_word(s_, i);
            if (name == "gcemph" || name == "gcstrong") {
                flush();
                ir::RichText children = RichReader(braced(s_, i)).run();
                out.push_back(name == "gcemph" ? ir::emph(std::move(children)) : ir::strong(std::move(children)));
            } else if (name == "gccode") {
                flush();
                out.push_back(ir::code(f::unescape_text(braced(s_, i))));
            } else if (name == "gcmath") {
                flush();
                out.push_back(ir::math(math::unwrap(braced(s_, i))));
            } else if (name == "gcmathtext") {
                flush();
                out.push_back(ir::math(f::unescape_text(braced(s_, i))));
            } else if (name == "gclink" || name == "gclinktext") {
                flush();
                std::string url = f::unescape_text(braced(s_, i));
                out.push_back(ir::link(std::move(url), RichReader(braced(s_, i)).run()));
            } else if (name == "gcref") {
                flush();
                braced(s_, i);  // the label key
                std::string id = f::unescape_text(braced(s_, i));
                out.push_back(ir::ref(std::move(id), RichReader(braced(s_, i)).run()));
            } else if (name == "gcchar") {
                braced(s_, i);
                braced(s_, i);
                raw += s_.substr(start, i - start);
            } else if (name == "textbackslash" || name == "textasciicircum" || name == "textasciitilde" ||
                       name == "gcinvisible") {
                braced(s_, i);
                raw += s_.substr(start, i - start);
            } else {
                fail("unexpected command \\" + name + " in rich text");
            }
        }
        flush();
        return out;
    }

private:
    std::string_view s_;
};

// One macro call of the body: "\name{...}..." or "\begin{env}{...}...".
struct Call {
    std::string name;  // "gcalias", "begin:gcentry", "end:gcentry"
    std::vector<std::string> args;
};

std::size_t arity(const std::string& name) {
    static const std::pair<std::string_view, std::size_t> kArity[] = {
        {"begin:gctitlepage", 4}, {"gcsource", 2},       {"end:gctitlepage", 0},      {"begin:gcglossary", 0},
        {"gcletter", 2},          {"begin:gcentry", 4},  {"gcalias", 2},  {"gcquietalias", 2},              {"gccategory", 2},
        {"begin:gcdef", 1},       {"gcsummary", 1},      {"gcbody", 1},               {"gcdetails", 1},
        {"gcexample", 1},         {"gcflag", 1},         {"end:gcdef", 0},            {"gcsee", 3},
        {"gcreference", 5},       {"end:gcentry", 0},    {"end:gcglossary", 0},       {"begin:gcaliasindex", 0},
        {"gcindexalias", 3},      {"end:gcaliasindex", 0}, {"begin:gccategoryindex", 0},
        {"begin:gcindexcategory", 2}, {"gcindexconcept", 2}, {"end:gcindexcategory", 0},
        {"end:gccategoryindex", 0},   {"end:document", 0},
        // Blocks.
        {"begin:gcbodyblocks", 0}, {"end:gcbodyblocks", 0}, {"begin:gcdetailsblocks", 0},
        {"end:gcdetailsblocks", 0}, {"begin:gcexampleblocks", 0}, {"end:gcexampleblocks", 0},
        {"gcpar", 1}, {"begin:gcbullets", 0}, {"gcitem", 0}, {"end:gcbullets", 0}, {"begin:gcnumbers", 1},
        {"gcnumitem", 1}, {"end:gcnumbers", 0}, {"begin:gccodeblock", 1}, {"gcline", 1}, {"end:gccodeblock", 0},
        {"gcdisplaymath", 1}, {"begin:gcmathcode", 0}, {"end:gcmathcode", 0}, {"begin:gcquote", 0},
        {"end:gcquote", 0}, {"begin:gctable", 1}, {"begin:gcwidetable", 1}, {"gchead", 1}, {"gcrow", 1},
        {"end:gctable", 0}, {"end:gcwidetable", 0}};
    for (const auto& [n, count] : kArity)
        if (n == name) return count;
    fail("unexpected command \\" + name);
}

class Reader {
public:
    explicit Reader(std::string_view bytes) : bytes_(bytes) {}

    ir::Glossary run() {
        if (!bytes_.starts_with(std::string(f::kSignature) + "\n")) fail("not a glossary.tex written by glossc");
        std::string begin = "\n" + std::string(f::kBeginDocument) + "\n";
        std::size_t at = bytes_.find(begin);
        if (at == std::string_view::npos) fail("no \\begin{document}");
        s_ = bytes_.substr(at + begin.size());
        i_ = 0;

        Call call;
        expect(call, "begin:gctitlepage");
        g_.title = f::unescape_text(call.args[0]);
        g_.language = f::unescape_text(call.args[1]);
        g_.edition = f::unescape_text(call.args[2]);
        while (next(call) && call.name == "gcsource") {
            // The edition knows a source by its title (common/source_titles.hpp).
            ir::Source source;
            source.title = f::unescape_text(call.args[0]);
            source.id = source.title;
            source.url = wrapped(call.args[1], "gcurl");
            g_.sources.push_back(std::move(source));
        }
        require(call, "end:gctitlepage");
        next_or_fail(call);
        if (call.name == "begin:gcglossary") {
            glossary();
            next_or_fail(call);
        }
        if (call.name == "begin:gcaliasindex") {
            while (next_or_fail(call), call.name == "gcindexalias") {
                derived(call.args[0]);
                key(call.args[1]);
                derived(call.args[2]);
            }
            require(call, "end:gcaliasindex");
            next_or_fail(call);
        }
        if (call.name == "begin:gccategoryindex") {
            while (next_or_fail(call), call.name == "begin:gcindexcategory") {
                g_.categories.push_back({f::unescape_text(call.args[0]), f::unescape_text(call.args[1])});
                while (next_or_fail(call), call.name == "gcindexconcept") {
                    key(call.args[0]);
                    derived(call.args[1]);
                }
                require(call, "end:gcindexcategory");
            }
            require(call, "end:gccategoryindex");
            next_or_fail(call);
        }
        require(call, "end:document");
        if (s_.substr(i_) != "\n") fail("text after \\end{document}");
        return std::move(g_);
    }

private:
    void glossary() {
        Call call;
        next_or_fail(call);
        while (true) {
            if (call.name == "gcletter") {
                derived(call.args[1]);
                next_or_fail(call);
            } else if (call.name == "begin:gcentry") {
                entry(call);
                next_or_fail(call);
            } else {
                require(call, "end:gcglossary");
                return;
            }
        }
    }

    void entry(const Call& begin) {
        ir::Concept c;
        c.id = f::unescape_text(begin.args[1]);
        c.headword = f::unescape_text(begin.args[2]);
        derived(begin.args[3]);
        key(begin.args[0]);
        Call call;
        while (next_or_fail(call), call.name != "end:gcentry") {
            if (call.name == "gcalias" || call.name == "gcquietalias") {
                c.labels.push_back({f::unescape_text(call.args[1]), label_kind(call.args[0]), {}});
            } else if (call.name == "gccategory") {
                c.categories.push_back(f::unescape_text(call.args[0]));
                derived(call.args[1]);
            } else if (call.name == "begin:gcdef") {
                c.definitions.push_back(definition(call));
            } else if (call.name == "gcsee") {
                c.related.push_back(f::unescape_text(call.args[1]));
                key(call.args[0], true);
                derived(call.args[2]);
            } else if (call.name == "gcreference") {
                c.references.push_back({f::unescape_text(call.args[0]), f::unescape_text(call.args[1]),
                                        f::unescape_text(call.args[2]), wrapped(call.args[3], "gcarxiv"),
                                        wrapped(call.args[4], "gcurl")});
            } else {
                fail("unexpected \\" + call.name + " in an entry");
            }
        }
        g_.concepts.push_back(std::move(c));
    }

    ir::Definition definition(const Call& begin) {
        ir::Definition d;
        d.source = f::unescape_text(begin.args[0]);  // the source's title
        Call call;
        while (next_or_fail(call), call.name != "end:gcdef") {
            if (call.name == "gcsummary") {
                d.summary = RichReader(call.args[0]).run();
            } else if (call.name == "gcbody" || call.name == "begin:gcbodyblocks") {
                d.body = field(call);
            } else if (call.name == "gcdetails" || call.name == "begin:gcdetailsblocks") {
                d.details = field(call);
            } else if (call.name == "gcexample" || call.name == "begin:gcexampleblocks") {
                d.example = field(call);
            } else if (call.name == "gcflag") {
                d.flags.push_back(f::unescape_text(call.args[0]));
            } else {
                fail("unexpected \\" + call.name + " in a definition");
            }
        }
        return d;
    }

    // A field: its compact form (one paragraph) or its environment of blocks.
    ir::Blocks field(const Call& begin) {
        if (!begin.name.starts_with("begin:")) return ir::paragraphs(RichReader(begin.args[0]).run());
        Call end;
        ir::Blocks out = blocks(end);
        require(end, ("end:" + begin.name.substr(6)).c_str());
        return out;
    }

    // Blocks up to the first call that starts none, left in `call`.
    ir::Blocks blocks(Call& call) {
        ir::Blocks out;
        while (next_or_fail(call), block(call, out)) {
        }
        return out;
    }

    // Reads the block that `call` starts into `out`; false when it starts none.
    bool block(const Call& call, ir::Blocks& out) {
        if (call.name == "gcpar") {
            out.push_back(ir::paragraph(RichReader(call.args[0]).run()));
        } else if (call.name == "begin:gcbullets" || call.name == "begin:gcnumbers") {
            out.push_back(list(call));
        } else if (call.name == "begin:gccodeblock") {
            std::string language = f::unescape_text(call.args[0]);
            out.push_back(ir::code_block(code_lines("end:gccodeblock"), std::move(language)));
        } else if (call.name == "gcdisplaymath") {
            out.push_back(ir::display_math(math::unwrap(call.args[0])));
        } else if (call.name == "begin:gcmathcode") {
            out.push_back(ir::display_math(code_lines("end:gcmathcode")));
        } else if (call.name == "begin:gcquote") {
            Call end;
            out.push_back(ir::quote(blocks(end)));
            require(end, "end:gcquote");
        } else if (call.name == "begin:gctable" || call.name == "begin:gcwidetable") {
            out.push_back(table(call));
        } else {
            return false;
        }
        return true;
    }

    ir::Block list(const Call& begin) {
        bool numbered = begin.name == "begin:gcnumbers";
        std::uint32_t start = numbered ? number<std::uint32_t>(begin.args[0], "list start") : 1;
        std::uint64_t expected = start;
        std::vector<ir::Blocks> items;
        Call call;
        next_or_fail(call);
        while (call.name == (numbered ? "gcnumitem" : "gcitem")) {
            if (numbered && number<std::uint64_t>(call.args[0], "item number") != expected++)
                fail("item number " + call.args[0] + " out of sequence");
            items.push_back(blocks(call));
        }
        require(call, numbered ? "end:gcnumbers" : "end:gcbullets");
        return numbered ? ir::ordered_list(std::move(items), start) : ir::bullet_list(std::move(items));
    }

    // The \gcline{} lines up to `end`, joined by line breaks.
    std::string code_lines(const char* end) {
        std::string out;
        Call call;
        for (bool first = true; next_or_fail(call), call.name == "gcline"; first = false) {
            if (!first) out += '\n';
            out += f::unescape_code_line(call.args[0]);
        }
        require(call, end);
        return out;
    }

    ir::Block table(const Call& begin) {
        std::size_t columns = number<std::uint32_t>(begin.args[0], "column count");
        std::vector<std::vector<ir::RichText>> rows;
        Call call;
        while (next_or_fail(call), call.name == (rows.empty() ? "gchead" : "gcrow")) {
            auto& row = rows.emplace_back();
            const std::string& cells = call.args[0];
            for (std::size_t i = 0; i < cells.size();) {
                if (cells[i] != '\\' || control_word(cells, i) != "gccell") fail("expected \\gccell in a table row");
                row.push_back(RichReader(braced(cells, i)).run());
            }
            if (row.size() > columns) fail("a table row with more cells than the table has columns");
        }
        require(call, ("end:" + begin.name.substr(6)).c_str());
        return ir::table(std::move(rows));
    }

    // Text the reader does not keep (headings, names shown beside ids, the
    // indexes) must still be escaped text.
    static void derived(const std::string& arg) { f::unescape_text(arg); }

    // A \label key: "gc:" or "gcx:" and [A-Za-z0-9-] (empty where allowed).
    static void key(const std::string& arg, bool may_be_empty = false) {
        if (arg.empty() && may_be_empty) return;
        bool ok = arg.starts_with("gc:") || arg.starts_with("gcx:");
        for (char c : arg) ok = ok && (is_letter(c) || (c >= '0' && c <= '9') || c == '-' || c == ':');
        if (!ok) fail("bad label key '" + arg + "'");
    }

    // "" or "\NAME{TEXT}" or "\NAMEtext{TEXT}" (an arXiv id or a URL).
    static std::string wrapped(const std::string& arg, const std::string& name) {
        if (arg.empty()) return {};
        std::size_t i = 0;
        if (arg[0] != '\\') fail("expected \\" + name);
        std::string found = control_word(arg, i);
        if (found != name && found != name + "text") fail("expected \\" + name + ", found \\" + found);
        std::string text = f::unescape_text(braced(arg, i));
        if (i != arg.size()) fail("text after \\" + found);
        return text;
    }

    // The next macro call, or false at the end of the text.
    bool next(Call& call) {
        while (i_ < s_.size() && (s_[i_] == '\n' || s_[i_] == ' ')) ++i_;
        if (i_ >= s_.size()) return false;
        if (s_[i_] != '\\') fail("expected a command at '" + std::string(s_.substr(i_, 20)) + "'");
        std::string name = control_word(s_, i_);
        if (name == "begin" || name == "end") {
            std::string env = braced(s_, i_);
            name += ":" + env;
        }
        call.name = name;
        call.args.clear();
        for (std::size_t n = arity(name); n > 0; --n) call.args.push_back(braced(s_, i_));
        if (i_ < s_.size() && s_[i_] != '\n') fail("text after \\" + name);
        return true;
    }

    void next_or_fail(Call& call) {
        if (!next(call)) fail("the document ends early (no \\end{document})");
    }

    void expect(Call& call, const char* name) {
        next_or_fail(call);
        require(call, name);
    }

    static void require(const Call& call, const char* name) {
        if (call.name != name) fail("expected \\" + std::string(name) + ", found \\" + call.name);
    }

    std::string_view bytes_;
    std::string_view s_;
    std::size_t i_ = 0;
    ir::Glossary g_;
};

}  // namespace

ir::Glossary read(std::string_view bytes) { return Reader(bytes).run(); }

}  // namespace glossc::latex_backend
