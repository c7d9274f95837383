// The LaTeX backend's writer: the IR as glossary.tex (the format is described
// in latex_backend.hpp).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <tuple>

#include <utf8proc.h>

#define XXH_INLINE_ALL  // only the functions used here, compiled in
#include <xxhash.h>

#include "common/headword_order.hpp"
#include "common/source_titles.hpp"
#include "latex/latex_backend.hpp"
#include "latex/latex_format.hpp"
#include "latex/latex_math.hpp"
#include "text/dates.hpp"
#include "text/inline_math.hpp"
#include "text/utf8.hpp"

namespace glossc::latex_backend {

namespace {

namespace f = format;

// Lines are wrapped at this many bytes where a single space allows it.
constexpr std::size_t kWrapColumn = 100;
// Running heads show headwords cut to this many characters.
constexpr std::size_t kHeadLength = 32;

// Case- and accent-insensitive key for the index of names.
std::string fold(std::string_view s) {
    utf8proc_uint8_t* out = nullptr;
    auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
                          &out,
                          static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                                         UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE));
    std::string result = n >= 0 && out ? std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n))
                                       : std::string(s);
    std::free(out);
    return result;
}

// Replaces single spaces by line ends so that no line is much longer than
// kWrapColumn: only a space between two non-spaces, and not after a
// backslash (a control space in math). The byte length stays the same.
void wrap(std::string& line) {
    std::size_t start = 0;
    while (line.size() - start > kWrapColumn) {
        std::size_t best = std::string::npos;
        for (std::size_t i = start + 1; i + 1 < line.size(); ++i) {
            if (i - start > kWrapColumn && best != std::string::npos) break;
            if (line[i] == ' ' && line[i - 1] != ' ' && line[i - 1] != '\\' && line[i + 1] != ' ' && line[i + 1] != '\n')
                best = i;
        }
        if (best == std::string::npos) return;
        line[best] = '\n';
        start = best + 1;
    }
}

std::string pdf_date(std::int64_t timestamp) { return text::format_utc(timestamp, "D:%Y%m%d%H%M%SZ"); }

// 128 bits of XXH3 over the document body, in hex: the PDF trailer id (the
// same body gives the same id, so the PDF is reproducible). A byte-at-a-time
// hash over a large book was a visible part of this backend's time.
std::string trailer_id(std::string_view body) {
    const XXH128_hash_t hash = XXH3_128bits(body.data(), body.size());
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%016llX%016llX", static_cast<unsigned long long>(hash.high64),
                  static_cast<unsigned long long>(hash.low64));
    return buffer;
}

struct Rejected {
    std::uint32_t line = 0;  // in the written .tex
    std::string headword, source;
    std::uint32_t source_line = 0;
    std::string tex, reason;
    std::string_view printed_as;  // "text" (inline) or "code" (a display formula)
};

class Writer {
public:
    Writer(const ir::Glossary& g, const RenderContext& context) : g_(g), context_(context), titles_(g) {
        for (const auto& c : g.concepts) concept_by_id_.emplace(c.id, &c);
        for (const auto& c : g.categories) category_by_id_.emplace(c.id, &c);
    }

    // The document, to `write`: the preamble (which depends on the body:
    // the PDF id), then the body, made first.
    void run(const ChunkSink& write) {
        title_page();
        std::vector<std::size_t> order = order::concept_order(g_.concepts);
        if (!order.empty()) {
            line("\\begin{gcglossary}");
            std::string section;
            int letters = 0;
            for (std::size_t index : order) {
                const ir::Concept& c = g_.concepts[index];
                if (std::string s = order::section_of(c.headword); s != section || letters == 0) {
                    section = s;
                    line("\\gcletter{" + std::to_string(++letters) + "}{" + escape_text(section) + "}");
                }
                entry(c);
            }
            line("\\end{gcglossary}");
        }
        alias_index(order);
        category_index(order);
        line(std::string(f::kEndDocument));

        std::string language = f::pdf_language(g_.language) ? g_.language : std::string();
        std::string head = f::preamble(trailer_id(body_), pdf_date(context_.timestamp), escape_text(g_.title), language,
                                      uses_blocks_);
        std::uint32_t head_lines = static_cast<std::uint32_t>(std::count(head.begin(), head.end(), '\n')) + 1;
        for (auto& r : rejected_) r.line += head_lines;  // the body starts after the preamble and \begin{document}
        write(head);
        write(f::kBeginDocument);
        write("\n");
        write(body_);
    }

    const std::vector<Rejected>& rejected() const { return rejected_; }

private:
    struct Pending {
        std::size_t offset;
        Rejected rejected;
    };

    // Appends one logical line (wrapped) to the body, indented by two spaces
    // a level inside blocks (TeX skips spaces at the start of a line).
    void line(std::string text) {
        if (depth_ > 0) {
            text.insert(0, 2 * depth_, ' ');
            for (auto& p : pending_) p.offset += 2 * depth_;
        }
        wrap(text);
        for (auto& p : pending_) {
            p.rejected.line = line_ + static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(p.offset), '\n'));
            rejected_.push_back(std::move(p.rejected));
        }
        pending_.clear();
        line_ += static_cast<std::uint32_t>(std::count(text.begin(), text.end(), '\n')) + 1;
        body_ += text;
        body_ += '\n';
    }

    static std::string arg(std::string_view escaped) { return "{" + std::string(escaped) + "}"; }

    void title_page() {
        line("\\begin{gctitlepage}" + arg(escape_text(g_.title)) + arg(escape_text(g_.language)) +
             arg(escape_text(g_.edition)) + arg(std::to_string(g_.concepts.size())));
        for (const auto& s : g_.sources) {
            const ir::Source shown = sources::reader_view(s);
            line("\\gcsource" + arg(escape_text(shown.title)) + arg(url(shown.url)));
        }
        line("\\end{gctitlepage}");
    }

    void entry(const ir::Concept& c) {
        current_ = &c;
        std::string key = f::label_key(c.id);
        line("\\begin{gcentry}" + arg(key) + arg(escape_text(c.id)) + arg(escape_text(c.headword)) +
             arg(escape_text(f::cut(c.headword, kHeadLength))));
        for (const auto& l : c.labels)
            line((printed_alias(c, l) ? "\\gcalias" : "\\gcquietalias") + arg(ir::to_string(l.kind)) +
                 arg(escape_text(l.text)));
        for (const auto& id : c.categories) {
            auto it = category_by_id_.find(id);
            line("\\gccategory" + arg(escape_text(id)) + arg(escape_text(it == category_by_id_.end() ? id : it->second->label)));
        }
        for (const auto& d : c.definitions) {
            current_source_ = &d;
            line("\\begin{gcdef}" + arg(escape_text(titles_.of(d.source))));
            if (!d.summary.empty()) rich_line("gcsummary", d.summary);
            field("body", d.body);
            field("details", d.details);
            field("example", d.example);
            for (const auto& flag : sources::reader_flags(d.flags)) line("\\gcflag" + arg(escape_text(flag)));
            line("\\end{gcdef}");
            current_source_ = nullptr;
        }
        for (const auto& id : c.related) {
            auto it = concept_by_id_.find(id);
            bool known = it != concept_by_id_.end();
            line("\\gcsee" + arg(known ? f::label_key(id) : std::string()) + arg(escape_text(id)) +
                 arg(escape_text(known ? it->second->headword : id)));
        }
        for (const auto& r : c.references) {
            std::string arxiv = r.arxiv.empty() ? std::string()
                                : f::linkable_arxiv(r.arxiv) ? "\\gcarxiv" + arg(escape_text(r.arxiv))
                                                             : "\\gcarxivtext" + arg(escape_text(r.arxiv));
            line("\\gcreference" + arg(escape_text(r.title)) + arg(escape_text(r.authors)) + arg(escape_text(r.venue)) +
                 arg(arxiv) + arg(url(r.url)));
        }
        line("\\end{gcentry}");
        current_ = nullptr;
    }

    // URL is empty, \gcurl{TEXT} (linked) or \gcurltext{TEXT} (printed only).
    static std::string url(const std::string& u) {
        if (u.empty()) return {};
        return (f::linkable_url(u) ? "\\gcurl" : "\\gcurltext") + arg(escape_text(u));
    }

    // Whether the entry prints label `l` of `c` among its other names: not
    // the headword, not a hidden label (a search form such as a misspelling)
    // and not a name it printed already (kinds are not printed, so two
    // labels of one text would read as the same name twice).
    static bool printed_alias(const ir::Concept& c, const ir::Label& l) {
        if (l.kind == ir::LabelKind::Hidden || l.text == c.headword) return false;
        for (const auto& earlier : c.labels) {
            if (&earlier == &l) return true;
            if (earlier.text == l.text && earlier.kind != ir::LabelKind::Hidden) return false;
        }
        return true;
    }

    // A formula the allow-list refused, at `offset` of the next line().
    void reject(std::size_t offset, const std::string& tex, std::string reason, std::string_view printed_as) {
        Rejected r{0,          current_ ? current_->headword : std::string(),
                   current_source_ ? current_source_->source : std::string(),
                   current_source_ ? current_source_->line : 0, tex, std::move(reason), printed_as};
        pending_.push_back({offset, std::move(r)});
    }

    // A definition's body, details or example: one paragraph in the compact
    // form ("\gcbody{RICH}", as before blocks existed), anything else in an
    // environment of blocks (latex_backend.hpp).
    void field(const std::string& name, const ir::Blocks& blocks) {
        if (blocks.empty()) return;
        if (blocks.size() == 1 && blocks[0].kind == ir::BlockKind::Paragraph && !blocks[0].text.empty()) {
            rich_line("gc" + name, blocks[0].text);
            return;
        }
        uses_blocks_ = true;
        line("\\begin{gc" + name + "blocks}");
        write_blocks(blocks);
        line("\\end{gc" + name + "blocks}");
    }

    void write_blocks(const ir::Blocks& blocks) {
        for (const auto& b : blocks) write_block(b);
    }

    // The line "\MACRO{RICH}".
    void rich_line(const std::string& macro, const ir::RichText& text) {
        std::string out = "\\" + macro + "{";
        rich(out, text);
        line(out + "}");
    }

    void write_block(const ir::Block& b) {
        switch (b.kind) {
            case ir::BlockKind::Paragraph: rich_line("gcpar", b.text); break;
            case ir::BlockKind::BulletList:
            case ir::BlockKind::OrderedList: list(b); break;
            case ir::BlockKind::Code:
                code("\\begin{gccodeblock}" + arg(escape_text(b.language)), b.literal, "\\end{gccodeblock}");
                break;
            case ir::BlockKind::DisplayMath: {
                math::Checked checked = math::check(b.literal);
                if (checked.ok) {
                    line("\\gcdisplaymath" + arg(checked.tex));
                } else {
                    reject(0, b.literal, std::move(checked.reason), "code");
                    code("\\begin{gcmathcode}", b.literal, "\\end{gcmathcode}");
                }
                break;
            }
            case ir::BlockKind::Quote:
                line("\\begin{gcquote}");
                ++depth_;
                for (const auto& item : b.items) write_blocks(item);
                --depth_;
                line("\\end{gcquote}");
                break;
            case ir::BlockKind::Table: table(b.rows); break;
        }
    }

    // Each item starts with its label: \gcitem, or \gcnumitem{N} with its
    // number (written out: TeX's arithmetic ends at 2^31).
    void list(const ir::Block& b) {
        bool numbered = b.kind == ir::BlockKind::OrderedList;
        line(numbered ? "\\begin{gcnumbers}" + arg(std::to_string(b.start)) : "\\begin{gcbullets}");
        ++depth_;
        std::uint64_t number = b.start;
        for (const auto& item : b.items) {
            line(numbered ? "\\gcnumitem" + arg(std::to_string(number++)) : "\\gcitem");
            write_blocks(item);
        }
        --depth_;
        line(numbered ? "\\end{gcnumbers}" : "\\end{gcbullets}");
    }

    void code(const std::string& begin, const std::string& literal, const std::string& end) {
        line(begin);
        ++depth_;
        for (std::size_t start = 0;;) {
            std::size_t stop = literal.find('\n', start);
            line("\\gcline" + arg(f::escape_code_line(std::string_view(literal).substr(start, stop - start))));
            if (stop == std::string::npos) break;
            start = stop + 1;
        }
        --depth_;
        line(end);
    }

    // A table as a grid when its columns are wide enough for its longest
    // words, else as records (gcwidetable); either way one line a row.
    void table(const std::vector<std::vector<ir::RichText>>& rows) {
        std::size_t columns = 1;
        for (const auto& row : rows) columns = std::max(columns, row.size());
        std::string env = fits_as_grid(rows, columns) ? "gctable" : "gcwidetable";
        line("\\begin{" + env + "}" + arg(std::to_string(columns)));
        ++depth_;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            std::string text = r == 0 ? "\\gchead{" : "\\gcrow{";
            for (const auto& cell : rows[r]) {
                text += "\\gccell{";
                rich(text, cell);
                text += '}';
            }
            line(text + "}");
        }
        --depth_;
        line("\\end{" + env + "}");
    }

    // A column of a grid holds about kGridCharacters / columns characters
    // (a column of the two-column page in the tables' small type); one or
    // two columns always fit, as TeX breaks long runs (the preamble's Lua).
    static bool fits_as_grid(const std::vector<std::vector<ir::RichText>>& rows, std::size_t columns) {
        constexpr std::size_t kGridCharacters = 48;
        if (columns <= 2) return true;
        for (const auto& row : rows)
            for (const auto& cell : row) {
                std::string plain = text::plain_text(cell);
                for (std::size_t start = 0; start < plain.size();) {
                    std::size_t stop = std::min(plain.find(' ', start), plain.size());
                    if (text::count_code_points(std::string_view(plain).substr(start, stop - start)) * columns >
                        kGridCharacters)
                        return false;
                    start = stop + 1;
                }
            }
        return true;
    }

    void rich(std::string& out, const ir::RichText& text) {
        for (const auto& node : text) {
            switch (node.kind) {
                case ir::InlineKind::Text: out += escape_text(node.text); break;
                case ir::InlineKind::Code: out += "\\gccode" + arg(escape_text(node.text)); break;
                case ir::InlineKind::Math: {
                    math::Checked checked = math::check(node.text);
                    if (checked.ok) {
                        out += "\\gcmath" + arg(checked.tex);
                    } else {
                        reject(out.size(), node.text, std::move(checked.reason), "text");
                        out += "\\gcmathtext" + arg(escape_text(node.text));
                    }
                    break;
                }
                case ir::InlineKind::Emph:
                    out += "\\gcemph{";
                    rich(out, node.children);
                    out += '}';
                    break;
                case ir::InlineKind::Strong:
                    out += "\\gcstrong{";
                    rich(out, node.children);
                    out += '}';
                    break;
                case ir::InlineKind::Link:
                    out += (f::linkable_url(node.target) ? "\\gclink" : "\\gclinktext") + arg(escape_text(node.target)) + "{";
                    rich(out, node.children);
                    out += '}';
                    break;
                case ir::InlineKind::Ref: {
                    bool known = concept_by_id_.count(node.target) > 0;
                    out += "\\gcref" + arg(known ? f::label_key(node.target) : std::string()) +
                           arg(escape_text(node.target)) + "{";
                    rich(out, node.children);
                    out += '}';
                    break;
                }
            }
        }
    }

    // Every printed alias (printed_alias()), sorted case- and
    // accent-insensitively, pointing at its concept.
    void alias_index(const std::vector<std::size_t>& order) {
        struct Item {
            std::string folded;
            const ir::Label* label;
            const ir::Concept* concept_;
        };
        std::vector<Item> items;
        for (std::size_t index : order) {
            const ir::Concept& c = g_.concepts[index];
            for (const auto& l : c.labels)
                if (printed_alias(c, l)) items.push_back({fold(l.text), &l, &c});
        }
        if (items.empty()) return;
        std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
            return std::tie(a.folded, a.label->text) < std::tie(b.folded, b.label->text);
        });
        line("\\begin{gcaliasindex}");
        for (const auto& item : items)
            line("\\gcindexalias" + arg(escape_text(item.label->text)) + arg(f::label_key(item.concept_->id)) +
                 arg(escape_text(item.concept_->headword)));
        line("\\end{gcaliasindex}");
    }

    // Every category in the IR's order, with its concepts in the printed order.
    void category_index(const std::vector<std::size_t>& order) {
        if (g_.categories.empty()) return;
        line("\\begin{gccategoryindex}");
        for (const auto& category : g_.categories) {
            line("\\begin{gcindexcategory}" + arg(escape_text(category.id)) + arg(escape_text(category.label)));
            for (std::size_t index : order) {
                const ir::Concept& c = g_.concepts[index];
                if (std::find(c.categories.begin(), c.categories.end(), category.id) != c.categories.end())
                    line("\\gcindexconcept" + arg(f::label_key(c.id)) + arg(escape_text(c.headword)));
            }
            line("\\end{gcindexcategory}");
        }
        line("\\end{gccategoryindex}");
    }

    const ir::Glossary& g_;
    const RenderContext& context_;
    const sources::Titles titles_;
    std::map<std::string, const ir::Concept*> concept_by_id_;
    std::map<std::string, const ir::Category*> category_by_id_;
    const ir::Concept* current_ = nullptr;
    const ir::Definition* current_source_ = nullptr;
    std::string body_;
    std::uint32_t line_ = 1;  // of the body
    std::size_t depth_ = 0;   // of the blocks being written, for their indentation
    bool uses_blocks_ = false;
    std::vector<Pending> pending_;
    std::vector<Rejected> rejected_;
};

}  // namespace

namespace {
// Text for a one-line diagnostic: control characters become spaces.
std::string one_line(std::string s) {
    for (auto& c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
    return s;
}
}  // namespace

void stream(const ir::Glossary& glossary, const RenderContext& context, BackendOutput& output) {
    Writer writer(glossary, context);
    writer.run(output.write);
    for (const auto& r : writer.rejected()) {
        std::string where = "'" + one_line(r.headword) + "'";
        if (!r.source.empty()) {
            where += " (from " + one_line(r.source);
            if (r.source_line > 0) where += ", line " + std::to_string(r.source_line);
            where += ")";
        }
        output.diagnostics.warning({output.path, r.line, 0}, "latex-math-rejected",
                                   "formula '" + one_line(f::cut(r.tex, 60)) + "' in " + where +
                                       " is printed as " + std::string(r.printed_as) + ": " + r.reason);
    }
}

}  // namespace glossc::latex_backend
