// The StarDict backend's writer: the articles into glossary.dict.dz, the
// index, the synonyms and the .ifo (the format is described in
// stardict_backend.hpp).
#include <algorithm>
#include <span>
#include <utility>

#include "common/source_titles.hpp"
#include "parallel/parallel.hpp"
#include "stardict/dictzip.hpp"
#include "stardict/stardict_backend.hpp"
#include "stardict/stardict_format.hpp"
#include "text/dates.hpp"
#include "text/text_format.hpp"

namespace glossc::stardict_backend {

namespace {

namespace f = format;
using BlockSpan = std::span<const ir::Block>;

// One article: the concept's names, categories, definitions by source,
// related concepts and references as lines of plain text.
class ArticleWriter {
public:
    ArticleWriter(const sources::Titles& titles, const f::Names& names) : titles_(titles), names_(names) {}

    void write(std::string& out, const ir::Concept& c, const std::string& word) {
        out_ = &out;
        if (c.headword != word) {
            // The index holds the headword cleaned up or cut (or the id):
            // the article gives it whole.
            start(0, f::kHeadword);
            *out_ += ' ';
            f::slot(*out_, c.headword);
            end();
        }
        list(f::kAlso, text_backend::format::shown_aliases(c));
        std::vector<std::string> categories;
        for (const auto& id : c.categories) categories.push_back(names_.category(id));
        list(categories.size() == 1 ? f::kCategory : f::kCategories, categories);
        for (const auto& d : c.definitions) definition(d);
        std::vector<std::string> related;
        for (const auto& id : c.related) related.push_back(names_.concept_(id));
        list(f::kSeeAlso, related);
        for (const auto& r : c.references) reference(r);
        if (!out.empty() && out.back() == '\n') out.pop_back();  // no line break after the last line
    }

private:
    void start(std::size_t indent, std::string_view keyword = {}) {
        out_->append(indent, ' ');
        *out_ += keyword;
    }
    void end() { *out_ += '\n'; }

    // "Keyword: a; b", left out when there is no item.
    void list(std::string_view keyword, const std::vector<std::string>& items) {
        if (items.empty()) return;
        start(0, keyword);
        for (std::size_t i = 0; i < items.size(); ++i) {
            *out_ += i == 0 ? " " : "; ";
            f::slot(*out_, items[i], f::kItemSpecials);
        }
        end();
    }

    // "From Title (flag, flag):" and the content under it.
    void definition(const ir::Definition& d) {
        start(0, f::kFrom);
        *out_ += ' ';
        const std::string& title = titles_.of(d.source);
        // A ")" ending the title would read as the end of the flags.
        if (!title.empty() && title.back() == ')') {
            f::escape(*out_, std::string_view(title).substr(0, title.size() - 1));
            *out_ += "\\<)>";
        } else {
            f::escape(*out_, title);
        }
        const auto flags = sources::reader_flags(d.flags);
        for (std::size_t i = 0; i < flags.size(); ++i) {
            *out_ += i == 0 ? " (" : ", ";
            f::slot(*out_, flags[i], f::kFlagSpecials);
        }
        if (!flags.empty()) *out_ += ')';
        *out_ += ':';
        end();

        constexpr std::size_t kAt = f::kContentIndent;
        // The summary first, unlabelled, then the body; "\<>" stands for an
        // empty summary before a body.
        const std::string summary = text_backend::format::plain(d.summary);
        if (!summary.empty() || !d.body.empty()) paragraph(summary, kAt);
        blocks(d.body, kAt);
        lead(f::kDetails, d.details, kAt);
        lead(f::kExample, d.example, kAt);
    }

    void reference(const ir::Reference& r) {
        start(0, f::kReference);
        if (!r.title.empty()) {
            *out_ += ' ';
            f::escape(*out_, r.title);
        }
        end();
        for (auto [keyword, value] : {std::pair{f::kAuthors, &r.authors}, std::pair{f::kVenue, &r.venue},
                                      std::pair{f::kArxiv, &r.arxiv}, std::pair{f::kUrl, &r.url}}) {
            if (value->empty()) continue;
            start(f::kContentIndent, keyword);
            *out_ += ' ';
            f::escape(*out_, *value);
            end();
        }
    }

    // "Details:" or "Example:" with its first paragraph on its line; the
    // other blocks below, at the definition's column, up to the next keyword.
    void lead(std::string_view keyword, BlockSpan content, std::size_t indent) {
        if (content.empty()) return;
        marked(std::string(keyword), content, indent, indent);
    }

    // `marker` ("-", "3.", ">", "Details:") with the first block on its line
    // when that is a paragraph, whatever it starts like; the other blocks at
    // `nested`.
    void marked(const std::string& marker, BlockSpan content, std::size_t indent, std::size_t nested) {
        start(indent, marker);
        if (!content.empty() && content.front().kind == ir::BlockKind::Paragraph) {
            *out_ += ' ';
            f::slot(*out_, text_backend::format::plain(content.front().text));
            content = content.subspan(1);
        }
        end();
        blocks(content, nested);
    }

    // A list item or a quote: its further blocks line up with its text.
    void item(const std::string& marker, BlockSpan content, std::size_t indent) {
        marked(marker, content, indent, indent + marker.size() + 1);
    }

    // A paragraph on a line of its own, "\<>" in front when it would read as
    // a block, a keyword or nothing.
    void paragraph(std::string_view text, std::size_t indent) {
        start(indent);
        const std::size_t at = out_->size();
        f::escape(*out_, text, {}, f::kLineStart);
        const std::string_view written = std::string_view(*out_).substr(at);
        if (written.empty() ||
            f::written_line_start(written, indent == f::kContentIndent).opens != f::Opens::Paragraph)
            out_->insert(at, "\\<>");
        end();
    }

    void blocks(BlockSpan content, std::size_t indent) {
        // Two lists in a row would read as one: the second takes the other
        // marker, as CommonMark starts a new list where the marker changes.
        char bullet_before = 0, number_end_before = 0;
        for (const auto& block : content) {
            char bullet = 0, number_end = 0;
            switch (block.kind) {
                case ir::BlockKind::Paragraph: paragraph(text_backend::format::plain(block.text), indent); break;
                case ir::BlockKind::BulletList:
                    bullet = bullet_before == f::kBullet ? f::kOtherBullet : f::kBullet;
                    for (const auto& one : block.items) item(std::string(1, bullet), one, indent);
                    break;
                case ir::BlockKind::OrderedList: {
                    number_end = number_end_before == f::kNumberEnd ? f::kOtherNumberEnd : f::kNumberEnd;
                    std::uint64_t number = block.start;  // no wrap past 2^32 - 1
                    for (const auto& one : block.items) item(std::to_string(number++) + number_end, one, indent);
                    break;
                }
                case ir::BlockKind::Quote:
                    item(std::string(1, f::kQuote), text_backend::format::quoted(block), indent);
                    break;
                case ir::BlockKind::Code: {
                    start(indent, f::kCodeFence);
                    f::escape(*out_, block.language, {}, f::kLineEnd);
                    end();
                    fenced(block.literal, f::kCodeFence, indent);
                    break;
                }
                case ir::BlockKind::DisplayMath:
                    start(indent, f::kMathFence);
                    end();
                    fenced(block.literal, f::kMathFence, indent);
                    break;
                case ir::BlockKind::Table: table(block.rows, indent); break;
            }
            bullet_before = bullet;
            number_end_before = number_end;
        }
    }

    // A code block's or a formula's lines, each at `indent` as it is (an
    // empty one empty), then the closing fence. A line that is the closing
    // fence has its first character escaped.
    void fenced(std::string_view literal, std::string_view closer, std::size_t indent) {
        for (std::size_t from = 0; !literal.empty() && from <= literal.size();) {
            const std::size_t to = std::min(literal.find('\n', from), literal.size());
            const std::string_view line = literal.substr(from, to - from);
            if (!line.empty()) {
                start(indent);
                if (line == closer) {
                    *out_ += "\\<";
                    *out_ += closer.front();
                    *out_ += '>';
                    *out_ += closer.substr(1);
                } else {
                    f::escape(*out_, line, {}, f::kLineEnd);
                }
            }
            end();
            from = to + 1;
        }
        start(indent, closer);
        end();
    }

    // "| a | b |" rows, the header's followed by the rule "|---|---|".
    void table(const std::vector<std::vector<ir::RichText>>& rows, std::size_t indent) {
        auto row = [&](const std::vector<ir::RichText>& cells) {
            start(indent);
            *out_ += f::kCellEdge;
            for (const auto& cell : cells) {
                *out_ += ' ';
                f::slot(*out_, text_backend::format::plain(cell), f::kCellSpecials);
                *out_ += ' ';
                *out_ += f::kCellEdge;
            }
            end();
        };
        if (rows.empty()) return;
        row(rows.front());
        start(indent);
        *out_ += f::kCellEdge;
        for (std::size_t column = 0; column < rows.front().size(); ++column) *out_ += f::kRuleCell;
        end();
        for (std::size_t r = 1; r < rows.size(); ++r) row(rows[r]);
    }

    const sources::Titles& titles_;
    const f::Names& names_;
    std::string* out_ = nullptr;
};

// The .ifo description: the edition, the language and the sources by
// title (and URL), parts that StarDict's viewers show on lines of their own.
std::string description(const ir::Glossary& g) {
    std::vector<std::string> parts;
    auto part = [&parts](std::string_view keyword, std::string_view value) {
        std::string out(keyword);
        out += ' ';
        f::escape(out, value, f::kInfoSpecials, f::kLineEnd);
        parts.push_back(std::move(out));
    };
    if (!g.edition.empty()) part(f::kEdition, g.edition);
    if (!g.language.empty()) part(f::kLanguage, g.language);
    if (!g.sources.empty()) {
        std::string out(f::kSources);
        for (std::size_t i = 0; i < g.sources.size(); ++i) {
            const ir::Source shown = sources::reader_view(g.sources[i]);
            out += i == 0 ? " " : "; ";
            // "Title <url>": every "<" of the title is escaped, so the first
            // one written as itself opens the URL.
            f::slot(out, shown.title, f::kInfoSpecials, f::kLineEnd);
            if (!shown.url.empty()) {
                out += " <";
                f::escape(out, shown.url, f::kInfoSpecials);
                out += '>';
            }
        }
        parts.push_back(std::move(out));
    }
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += f::kLineBreak;
        out += p;
    }
    return out;
}

class Writer {
public:
    Writer(const ir::Glossary& g, const RenderContext& context, BackendOutput& output)
        : g_(g), context_(context), output_(output), titles_(g), names_(g) {}

    void run() {
        const std::vector<f::Entry> entries = f::entries(g_);
        report_headwords(entries);
        dictzip::Writer dict(context_.timestamp);
        std::string index;
        std::vector<std::pair<std::string, std::uint32_t>> synonyms;

        // Articles are rendered a batch at a time on several threads and
        // added to the dictionary in index order, so the bytes are the same
        // for any number of threads.
        constexpr std::size_t kBatch = 4096;
        std::vector<std::string> rendered;
        for (std::size_t first = 0; first < entries.size(); first += kBatch) {
            rendered.assign(std::min(kBatch, entries.size() - first), std::string());
            parallel::for_each_index(rendered.size(), [&](std::size_t k) {
                const f::Entry& entry = entries[first + k];
                ArticleWriter(titles_, names_).write(rendered[k], g_.concepts[entry.concept_index], entry.word);
            });
            for (std::size_t k = 0; k < rendered.size(); ++k) {
                const std::size_t n = first + k;
                const f::Entry& entry = entries[n];
                index += entry.word;
                index += '\0';
                f::append_be32(index, static_cast<std::uint32_t>(dict.size()));
                f::append_be32(index, static_cast<std::uint32_t>(rendered[k].size()));
                dict.add(rendered[k]);
                for (auto& word : synonym_words(entry)) synonyms.emplace_back(std::move(word), n);
            }
            if (!dict.fits()) {
                output_.diagnostics.error({output_.path}, "stardict-too-large",
                                          "the articles are over dictzip's limit of some 1.9 GB; no dictionary written");
                return;
            }
        }

        // The synonyms in StarDict's order (synonym_words gives each word of
        // a concept once); one word of several concepts by their entries.
        parallel::stable_sort(synonyms.begin(), synonyms.end(), [](const auto& a, const auto& b) {
            const int order = f::compare(a.first, b.first);
            return order != 0 ? order < 0 : a.second < b.second;
        });

        output_.begin_file(f::kDictFile);
        dict.finish(output_.write);
        output_.begin_file(f::kIdxFile);
        output_.write(index);
        if (!synonyms.empty()) {
            std::string syn;
            for (const auto& [word, n] : synonyms) {
                syn += word;
                syn += '\0';
                f::append_be32(syn, n);
            }
            output_.begin_file(f::kSynFile);
            output_.write(syn);
        }
        output_.begin_file(f::kIfoFile);
        output_.write(ifo(entries.size(), synonyms.size(), index.size()));
    }

private:
    std::string ifo(std::size_t words, std::size_t synonyms, std::size_t index_size) const {
        std::string out(f::kMagic);
        out += '\n';
        auto line = [&out](std::string_view key, std::string_view value) {
            out += key;
            out += '=';
            out += value;
            out += '\n';
        };
        line("version", f::kVersion);
        std::string title;
        f::slot(title, g_.title, {}, f::kLineStart | f::kLineEnd);
        line("bookname", title);
        line("wordcount", std::to_string(words));
        if (synonyms > 0) line("synwordcount", std::to_string(synonyms));
        line("idxfilesize", std::to_string(index_size));
        line("sametypesequence", f::kTypeSequence);
        if (std::string text = description(g_); !text.empty()) line("description", text);
        line("date", text::format_utc(context_.timestamp, "%Y.%m.%d"));
        return out;
    }

    // An entry's synonyms, with a warning for each name that cannot be a
    // word as it is.
    std::vector<std::string> synonym_words(const f::Entry& entry) {
        const ir::Concept& c = g_.concepts[entry.concept_index];
        for (const auto& label : c.labels) {
            if (label.text == c.headword) continue;  // reported with the headword
            f::Word word = f::word_of(label.text);
            if (word.text.empty())
                output_.diagnostics.warning({output_.path}, "stardict-name-unusable",
                                            "concept " + c.id + ": the name \"" + label.text +
                                                "\" has nothing to look up once control characters and spaces are "
                                                "taken out; it is not in the synonyms");
            else if (word.shortened)
                output_.diagnostics.warning({output_.path}, "stardict-name-shortened",
                                            "concept " + c.id + ": the name \"" + label.text + "\" is over StarDict's " +
                                                std::to_string(f::kMaxWordBytes) + " bytes; looked up by its first " +
                                                std::to_string(word.text.size()));
        }
        return f::synonym_words(c, entry.word);
    }

    void report_headwords(const std::vector<f::Entry>& entries) {
        for (const auto& entry : entries) {
            const ir::Concept& c = g_.concepts[entry.concept_index];
            if (entry.unusable)
                output_.diagnostics.warning({output_.path}, "stardict-name-unusable",
                                            "concept " + c.id + ": the headword has nothing to look up once control "
                                                "characters and spaces are taken out; indexed as \"" + entry.word + "\"");
            else if (entry.shortened)
                output_.diagnostics.warning({output_.path}, "stardict-name-shortened",
                                            "concept " + c.id + ": the headword is over StarDict's " +
                                                std::to_string(f::kMaxWordBytes) + " bytes; looked up by its first " +
                                                std::to_string(entry.word.size()));
        }
    }

    const ir::Glossary& g_;
    const RenderContext& context_;
    BackendOutput& output_;
    const sources::Titles titles_;
    const f::Names names_;
};

}  // namespace

void stream(const ir::Glossary& glossary, const RenderContext& context, BackendOutput& output) {
    Writer(glossary, context, output).run();
}

}  // namespace glossc::stardict_backend
