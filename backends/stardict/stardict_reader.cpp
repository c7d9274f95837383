// The StarDict backend's reader: our own dictionaries (the four files
// packed as render() gives them) back into the IR's projection (the format
// is described in stardict_backend.hpp). It checks what a StarDict program
// relies on (counts, sizes, order, offsets, synonym indexes) and throws
// BackendReadError at the first thing the writer never writes.
#include <charconv>
#include <map>

#include "common/folder_bundle.hpp"
#include "common/source_titles.hpp"
#include "stardict/dictzip.hpp"
#include "stardict/stardict_backend.hpp"
#include "stardict/stardict_format.hpp"

namespace glossc::stardict_backend {

namespace {

namespace f = format;
using f::Opens;
using f::Unescaped;

[[noreturn]] void fail(const std::string& message) { throw BackendReadError(message); }

ir::RichText flat(std::string text) {
    if (text.empty()) return {};
    return {ir::text(std::move(text))};
}

std::size_t leading_spaces(std::string_view line) {
    std::size_t n = 0;
    while (n < line.size() && line[n] == ' ') ++n;
    return n;
}

// "Keyword" then the end or a space: what follows the space (nothing for
// a bare keyword).
bool after_keyword(const Unescaped& line, std::string_view keyword, Unescaped& rest) {
    if (!line.starts_with(keyword) || (line.size() > keyword.size() && line.at(keyword.size()) != ' ')) return false;
    rest = line.sub(keyword.size() + 1);
    return true;
}

// The lines of one article, read as the writer lays them out.
class ArticleReader {
public:
    ArticleReader(std::string_view article, std::string where) : where_(std::move(where)) {
        for (std::size_t from = 0; !article.empty() && from <= article.size();) {
            const std::size_t to = std::min(article.find('\n', from), article.size());
            lines_.push_back(article.substr(from, to - from));
            from = to + 1;
        }
    }

    ir::Concept read(const std::string& word) {
        ir::Concept c;
        c.headword = word;
        Unescaped rest;
        if (field(f::kHeadword, rest)) c.headword = rest.text;
        if (field(f::kAlso, rest))
            for (auto& alias : rest.split(';')) c.labels.push_back({std::move(alias.text), ir::LabelKind::Variant, {}});
        if (field(f::kCategory, rest)) {
            c.categories.push_back(rest.text);
        } else if (field(f::kCategories, rest)) {
            for (auto& name : rest.split(';')) c.categories.push_back(std::move(name.text));
            if (c.categories.size() < 2) fail(at("\"Categories:\" with fewer than two"));
        }
        while (pos_ < lines_.size() && leading_spaces(lines_[pos_]) == 0 && lines_[pos_].starts_with("From "))
            c.definitions.push_back(definition());
        if (field(f::kSeeAlso, rest))
            for (auto& name : rest.split(';')) c.related.push_back(std::move(name.text));
        while (field(f::kReference, rest)) c.references.push_back(reference(std::move(rest.text)));
        if (pos_ < lines_.size()) fail(at("a line that is no field of an article"));
        return c;
    }

private:
    std::string at(const std::string& message) const {
        return where_ + ", line " + std::to_string(pos_ + 1) + ": " + message;
    }

    Unescaped line(std::size_t i, std::size_t indent) const {
        return f::unescape(lines_[i].substr(indent), where_ + ", line " + std::to_string(i + 1));
    }

    // The current line when it is `keyword` in column 0 (consumed).
    bool field(std::string_view keyword, Unescaped& rest) {
        if (pos_ >= lines_.size() || leading_spaces(lines_[pos_]) != 0) return false;
        if (!after_keyword(line(pos_, 0), keyword, rest)) return false;
        ++pos_;
        return true;
    }

    // The current line's indentation, when it is one of the content's.
    std::size_t indent() const {
        const std::size_t n = leading_spaces(lines_[pos_]);
        if (n == lines_[pos_].size()) fail(at("a blank line outside a code block"));
        return n;
    }

    ir::Definition definition() {
        // "From Title (flag, flag):"
        Unescaped header = line(pos_, 0).sub(f::kFrom.size() + 1);
        if (header.size() == 0 || header.at(header.size() - 1) != ':') fail(at("a \"From\" line must end with \":\""));
        header = header.sub(0, header.size() - 1);
        ir::Definition d;
        if (header.size() > 0 && header.at(header.size() - 1) == ')') {
            std::size_t open = header.size() - 1;
            while (open > 0 && header.at(open) != '(') --open;
            if (header.at(open) != '(' || open == 0 || header.at(open - 1) != ' ') fail(at("flags without \" (\""));
            for (auto& flag : header.sub(open + 1, header.size() - 1).split(',')) d.flags.push_back(std::move(flag.text));
            header = header.sub(0, open - 1);
        }
        d.source = header.text;
        ++pos_;

        constexpr std::size_t kAt = f::kContentIndent;
        if (pos_ < lines_.size() && indent() == kAt) {
            Unescaped first = line(pos_, kAt);
            const f::LineStart start = f::line_start(first, true);
            if (start.opens != Opens::Keyword) {
                if (start.opens != Opens::Paragraph) fail(at("a definition's first line is its summary"));
                d.summary = flat(std::move(first.text));
                ++pos_;
                d.body = blocks(kAt);
            }
        }
        lead(f::kDetails, d.details);
        lead(f::kExample, d.example);
        if (pos_ < lines_.size() && indent() != 0) fail(at("a line that is no part of the definition"));
        return d;
    }

    // "Details:" or "Example:" and its blocks, when it is the current line.
    void lead(std::string_view keyword, ir::Blocks& out) {
        constexpr std::size_t kAt = f::kContentIndent;
        if (pos_ >= lines_.size() || indent() != kAt) return;
        Unescaped u = line(pos_, kAt);
        if (f::line_start(u, true).opens != Opens::Keyword) return;
        Unescaped rest;
        if (!after_keyword(u, keyword, rest)) return;
        if (u.size() > keyword.size()) out.push_back(ir::paragraph(flat(std::move(rest.text))));
        ++pos_;
        for (auto& block : blocks(kAt)) out.push_back(std::move(block));
    }

    ir::Reference reference(std::string title) {
        ir::Reference r;
        r.title = std::move(title);
        for (auto [keyword, value] : {std::pair{f::kAuthors, &r.authors}, std::pair{f::kVenue, &r.venue},
                                      std::pair{f::kArxiv, &r.arxiv}, std::pair{f::kUrl, &r.url}}) {
            if (pos_ >= lines_.size() || indent() != f::kContentIndent) break;
            Unescaped rest;
            if (!after_keyword(line(pos_, f::kContentIndent), keyword, rest)) continue;
            *value = std::move(rest.text);
            ++pos_;
        }
        return r;
    }

    // The blocks standing in column `column`, up to a line less indented (or
    // a keyword, in the definition's column).
    ir::Blocks blocks(std::size_t column) {
        // Twice the readers' limit of nesting (kMaxMarkupDepth): deeper is
        // not ours, and would only use up the stack.
        constexpr std::size_t kMaxDepth = 512;
        if (++depth_ > kMaxDepth) fail(at("blocks nested too deep"));
        struct Leave {
            std::size_t& depth;
            ~Leave() { --depth; }
        } leave{depth_};
        ir::Blocks out;
        while (pos_ < lines_.size()) {
            const std::size_t n = indent();
            if (n < column) break;
            if (n > column) fail(at("unexpected indentation"));
            Unescaped u = line(pos_, column);
            const f::LineStart start = f::line_start(u, column == f::kContentIndent);
            switch (start.opens) {
                case Opens::Keyword: return out;
                case Opens::Paragraph:
                    out.push_back(ir::paragraph(flat(std::move(u.text))));
                    ++pos_;
                    break;
                case Opens::CodeFence: {
                    std::string language = u.sub(start.marker).text;
                    ++pos_;
                    out.push_back(ir::code_block(fenced(column, f::kCodeFence), std::move(language)));
                    break;
                }
                case Opens::MathFence:
                    ++pos_;
                    out.push_back(ir::display_math(fenced(column, f::kMathFence)));
                    break;
                case Opens::Row: out.push_back(table(column)); break;
                case Opens::Quote: out.push_back(ir::quote(item(u, start.marker, column))); break;
                case Opens::Bullet:
                case Opens::Ordered: out.push_back(list(u, start, column)); break;
            }
        }
        return out;
    }

    // Items at `column` with the same marker symbol ("-", or a number and ".").
    ir::Block list(const Unescaped& first, const f::LineStart& start, std::size_t column) {
        const char symbol = first.text[start.marker - 1];
        std::uint32_t number = 1;
        if (start.opens == Opens::Ordered) {
            auto [end, error] = std::from_chars(first.text.data(), first.text.data() + start.marker - 1, number);
            if (error != std::errc()) fail(at("a list number out of range"));
        }
        std::vector<ir::Blocks> items;
        while (pos_ < lines_.size() && indent() == column) {
            Unescaped u = line(pos_, column);
            const f::LineStart next = f::line_start(u, column == f::kContentIndent);
            if (next.opens != start.opens || u.text[next.marker - 1] != symbol) break;
            items.push_back(item(u, next.marker, column));
        }
        return start.opens == Opens::Ordered ? ir::ordered_list(std::move(items), number) : ir::bullet_list(std::move(items));
    }

    // A list item or a quote: its first paragraph after the marker, its
    // other blocks lined up with it.
    ir::Blocks item(const Unescaped& u, std::size_t marker, std::size_t column) {
        ir::Blocks content;
        if (u.size() > marker) content.push_back(ir::paragraph(flat(u.sub(marker + 1).text)));
        ++pos_;
        for (auto& block : blocks(column + marker + 1)) content.push_back(std::move(block));
        return content;
    }

    // A code block's or a formula's lines up to the closing fence.
    std::string fenced(std::size_t column, std::string_view closer) {
        std::string literal;
        for (bool first = true;; first = false) {
            if (pos_ >= lines_.size()) fail(at("a code block or formula is not closed"));
            const std::string_view raw = lines_[pos_];
            const std::size_t spaces = std::min(leading_spaces(raw), column);
            if (raw.size() == column + closer.size() && spaces == column && raw.substr(column) == closer) {
                ++pos_;
                return literal;
            }
            if (!first) literal += '\n';
            if (!raw.empty()) {
                if (spaces != column) fail(at("a line of a code block or formula is not indented"));
                literal += line(pos_, column).text;
            }
            ++pos_;
        }
    }

    bool is_rule(std::size_t i, std::size_t column) const {
        if (i >= lines_.size() || leading_spaces(lines_[i]) != column) return false;
        const std::string_view raw = lines_[i].substr(column);
        if (raw.empty() || raw.front() != f::kCellEdge || (raw.size() - 1) % f::kRuleCell.size() != 0) return false;
        for (std::size_t k = 1; k < raw.size(); k += f::kRuleCell.size())
            if (raw.substr(k, f::kRuleCell.size()) != f::kRuleCell) return false;
        return true;
    }

    std::vector<ir::RichText> row(const Unescaped& u) {
        std::vector<ir::RichText> cells;
        if (u.at(u.size() - 1) != f::kCellEdge || u.size() < 2) fail(at("a table row must end with \"|\""));
        std::size_t from = 1;
        for (std::size_t i = 1; i < u.size(); ++i) {
            if (u.at(i) != f::kCellEdge) continue;
            Unescaped cell = u.sub(from, i);
            if (cell.size() < 2 || cell.at(0) != ' ' || cell.at(cell.size() - 1) != ' ')
                fail(at("a table cell must stand between spaces"));
            cells.push_back(flat(cell.sub(1, cell.size() - 1).text));
            from = i + 1;
        }
        return cells;
    }

    // The header row, the rule under it, and the rows up to the next
    // table's header (a row with a rule under it).
    ir::Block table(std::size_t column) {
        std::vector<std::vector<ir::RichText>> rows;
        rows.push_back(row(line(pos_, column)));
        ++pos_;
        if (!is_rule(pos_, column) || lines_[pos_].size() - column != 1 + f::kRuleCell.size() * rows.front().size())
            fail(at("a table's header must be followed by its rule"));
        ++pos_;
        while (pos_ < lines_.size() && indent() == column && !is_rule(pos_ + 1, column)) {
            Unescaped u = line(pos_, column);
            if (f::line_start(u, column == f::kContentIndent).opens != Opens::Row) break;
            rows.push_back(row(u));
            ++pos_;
        }
        return ir::table(std::move(rows));
    }

    std::vector<std::string_view> lines_;
    std::size_t pos_ = 0;
    std::size_t depth_ = 0;  // blocks() calls under way
    std::string where_;
};

// The .ifo's options (key -> value, blanks around both trimmed).
std::map<std::string, std::string, std::less<>> read_ifo(std::string_view ifo) {
    std::map<std::string, std::string, std::less<>> options;
    auto trim = [](std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
        return s;
    };
    std::size_t from = 0;
    bool first = true;
    while (from < ifo.size()) {
        const std::size_t to = ifo.find('\n', from);
        if (to == std::string_view::npos) fail("glossary.ifo: the last line does not end");
        const std::string_view line = ifo.substr(from, to - from);
        from = to + 1;
        if (first) {
            if (trim(line) != f::kMagic) fail("glossary.ifo: not a StarDict .ifo file");
            first = false;
            continue;
        }
        if (trim(line).empty()) continue;
        const std::size_t equals = line.find('=');
        if (equals == std::string_view::npos) fail("glossary.ifo: a line that is no key=value");
        if (options.empty() && trim(line.substr(0, equals)) != "version") fail("glossary.ifo: version must come first");
        options.emplace(trim(line.substr(0, equals)), trim(line.substr(equals + 1)));
    }
    if (first) fail("glossary.ifo: empty");
    return options;
}

const std::string& option(const std::map<std::string, std::string, std::less<>>& options, std::string_view key) {
    auto it = options.find(key);
    if (it == options.end()) fail("glossary.ifo: no " + std::string(key));
    return it->second;
}

std::size_t count_option(const std::map<std::string, std::string, std::less<>>& options, std::string_view key) {
    const std::string& value = option(options, key);
    std::size_t n = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (error != std::errc() || end != value.data() + value.size())
        fail("glossary.ifo: " + std::string(key) + " is not a number");
    return n;
}

// The description's edition, language and sources.
void read_description(std::string_view written, ir::Glossary& g) {
    const Unescaped all = f::unescape(written, "glossary.ifo: description");
    std::vector<Unescaped> parts;
    std::size_t from = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (!all.sub(i).starts_with(f::kLineBreak)) continue;
        parts.push_back(all.sub(from, i));
        from = i + f::kLineBreak.size();
        i = from - 1;
    }
    parts.push_back(all.sub(from));
    for (const auto& part : parts) {
        Unescaped rest;
        if (after_keyword(part, f::kEdition, rest)) {
            g.edition = rest.text;
        } else if (after_keyword(part, f::kLanguage, rest)) {
            g.language = rest.text;
        } else if (after_keyword(part, f::kSources, rest)) {
            for (const auto& item : rest.split(';')) {
                ir::Source source;
                std::size_t open = 0;
                while (open < item.size() && item.at(open) != '<') ++open;
                if (open < item.size()) {
                    if (open == 0 || item.at(open - 1) != ' ' || item.at(item.size() - 1) != '>')
                        fail("glossary.ifo: a source's URL must be written \" <URL>\"");
                    source.title = item.sub(0, open - 1).text;
                    source.url = item.sub(open + 1, item.size() - 1).text;
                } else {
                    source.title = item.text;
                }
                g.sources.push_back(sources::reader_view(source));
            }
        } else {
            fail("glossary.ifo: a description part that is no edition, language or source list");
        }
    }
}

struct IndexEntry {
    std::string word;
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
};

// word, NUL, then big-endian 32-bit numbers (`numbers` of them), repeated.
template <typename Add>
void read_words(std::string_view file, std::string_view name, std::size_t numbers, Add add) {
    for (std::size_t at = 0; at < file.size();) {
        const std::size_t nul = file.find('\0', at);
        if (nul == std::string_view::npos || nul + 1 + 4 * numbers > file.size())
            fail(std::string(name) + ": truncated entry at byte " + std::to_string(at));
        const std::string_view word = file.substr(at, nul - at);
        if (word.empty() || word.size() > f::kMaxWordBytes)
            fail(std::string(name) + ": a word must have 1 to " + std::to_string(f::kMaxWordBytes) + " bytes");
        add(word, nul + 1);
        at = nul + 1 + 4 * numbers;
    }
}

}  // namespace

ir::Glossary read(std::string_view bytes) {
    const std::vector<folder::File> files = folder::unpack(bytes);
    const auto options = read_ifo(folder::member(files, f::kIfoFile).bytes);
    const std::string_view version = option(options, "version");
    if (version != f::kVersion && version != "2.4.2") fail("glossary.ifo: unknown version " + std::string(version));
    if (option(options, "sametypesequence") != f::kTypeSequence)
        fail("glossary.ifo: sametypesequence is not \"" + std::string(f::kTypeSequence) + "\"");
    auto bits = options.find("idxoffsetbits");
    if (bits != options.end() && bits->second != "32") fail("glossary.ifo: only 32-bit offsets are read");

    ir::Glossary g;
    g.title = f::unescape(option(options, "bookname"), "glossary.ifo: bookname").text;
    if (auto it = options.find("description"); it != options.end()) read_description(it->second, g);

    const std::string_view index = folder::member(files, f::kIdxFile).bytes;
    if (count_option(options, "idxfilesize") != index.size()) fail("glossary.ifo: idxfilesize is not the .idx's size");
    const std::string dict = dictzip::inflate(folder::member(files, f::kDictFile).bytes);
    std::vector<IndexEntry> entries;
    read_words(index, f::kIdxFile, 2, [&](std::string_view word, std::size_t at) {
        IndexEntry entry{std::string(word), f::read_be32(index, at), f::read_be32(index, at + 4)};
        if (!entries.empty() && f::compare(entries.back().word, entry.word) > 0)
            fail("glossary.idx: \"" + entry.word + "\" is out of StarDict's order");
        if (static_cast<std::uint64_t>(entry.offset) + entry.size > dict.size())
            fail("glossary.idx: \"" + entry.word + "\" points past the end of the dictionary");
        entries.push_back(std::move(entry));
    });
    if (count_option(options, "wordcount") != entries.size()) fail("glossary.ifo: wordcount is not the .idx's count");

    // Synonyms, by entry, in the file's order.
    std::vector<std::vector<std::string>> synonyms(entries.size());
    std::size_t synonym_count = 0;
    const folder::File* syn = nullptr;
    for (const auto& file : files)
        if (file.name == f::kSynFile) syn = &file;
    if (syn) {
        std::string previous;
        std::uint32_t previous_index = 0;
        read_words(syn->bytes, f::kSynFile, 1, [&](std::string_view word, std::size_t at) {
            const std::uint32_t n = f::read_be32(syn->bytes, at);
            if (n >= entries.size()) fail("glossary.syn: \"" + std::string(word) + "\" points past the index");
            const int order = synonym_count == 0 ? -1 : f::compare(previous, word);
            if (order > 0 || (order == 0 && previous_index >= n))
                fail("glossary.syn: \"" + std::string(word) + "\" is out of StarDict's order");
            previous.assign(word);
            previous_index = n;
            synonyms[n].emplace_back(word);
            ++synonym_count;
        });
        if (count_option(options, "synwordcount") != synonym_count)
            fail("glossary.ifo: synwordcount is not the .syn's count");
    } else if (options.contains("synwordcount") && count_option(options, "synwordcount") != 0) {
        fail("glossary.ifo: synwordcount without a .syn file");
    }

    for (std::size_t n = 0; n < entries.size(); ++n) {
        const IndexEntry& entry = entries[n];
        ArticleReader reader(std::string_view(dict).substr(entry.offset, entry.size),
                             "glossary.dict.dz: the article of \"" + entry.word + "\"");
        ir::Concept c = reader.read(entry.word);
        // The synonyms no alias gives are the hidden labels (search forms).
        std::vector<std::string> shown;
        for (const auto& label : c.labels) shown.push_back(f::word_of(label.text).text);
        for (auto& word : synonyms[n])
            if (std::find(shown.begin(), shown.end(), word) == shown.end())
                c.labels.push_back({std::move(word), ir::LabelKind::Hidden, {}});
        g.concepts.push_back(std::move(c));
    }
    return g;
}

}  // namespace glossc::stardict_backend
