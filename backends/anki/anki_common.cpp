// What the writer and the reader share (anki_format.hpp), Anki's sort-field
// and checksum rules, and project().
#include <algorithm>
#include <stdexcept>

#include <openssl/evp.h>

#include "anki/anki_math.hpp"
#include "anki/anki_backend.hpp"
#include "anki/anki_format.hpp"
#include "common/source_titles.hpp"
#include "text/html_render.hpp"
#include "text/utf8.hpp"

namespace glossc::anki_backend {

namespace format {

Sha1 sha1(std::string_view bytes) {
    Sha1 digest{};
    unsigned int size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha1(), nullptr) != 1 || size != digest.size())
        throw std::runtime_error("SHA-1 failed (OpenSSL)");
    return digest;
}

std::uint64_t be64(const Sha1& digest, std::size_t offset) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < 8; ++i) value = (value << 8) | digest[offset + i];
    return value;
}

std::int64_t preferred_note_id(std::string_view concept_id) {
    auto digest = sha1("glossc:" + std::string(concept_id));
    return kNoteIdBase + 2 * static_cast<std::int64_t>(be64(digest, 8) % static_cast<std::uint64_t>(kNoteIdSlots));
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &statement_, nullptr) != SQLITE_OK)
        throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db));
}

bool Statement::step() {
    int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db_));
}

std::string Statement::text(int column) const {
    const unsigned char* text = sqlite3_column_text(statement_, column);
    int size = sqlite3_column_bytes(statement_, column);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)) : std::string();
}

std::string category_label(const ir::Glossary& glossary, const std::string& id) {
    for (const auto& category : glossary.categories)
        if (category.id == id) return category.label;
    return id;
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(statement_, column); }

ir::RichText canonical(const ir::RichText& text) {
    ir::RichText out;
    for (const auto& node : text) {
        if (node.kind == ir::InlineKind::Text) {
            if (node.text.empty()) continue;
            if (!out.empty() && out.back().kind == ir::InlineKind::Text) {
                out.back().text += node.text;
                continue;
            }
            out.push_back(node);
            continue;
        }
        if (node.kind == ir::InlineKind::Math) {
            // As the deck shows it: for MathJax, or as code (anki_html.cpp).
            MathJaxFormula formula = mathjax_formula(node.text);
            out.push_back(formula.ok ? ir::math(std::move(formula.tex)) : ir::code(node.text));
            continue;
        }
        ir::Inline copy = node;
        copy.children = canonical(node.children);
        out.push_back(std::move(copy));
    }
    return out;
}

}  // namespace format

namespace {

// Anki's base91 (anki/utils.py base62 with the extra characters): the
// alphabet string.ascii_letters + string.digits + "!#$%&()*+,-./:;<=>?@[]^_`{|}~",
// most significant digit first.
constexpr std::string_view kBase91 =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~";
static_assert(kBase91.size() == 91);

std::string base91(std::uint64_t number) {
    std::string out;
    while (number) {
        out.insert(out.begin(), kBase91[number % 91]);
        number /= 91;
    }
    return out;
}

bool starts_with_icase(std::string_view s, std::size_t at, std::string_view prefix) {
    if (s.size() - at < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = s[at + i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

std::size_t find_icase(std::string_view s, std::size_t from, std::string_view needle) {
    for (std::size_t i = from; i + needle.size() <= s.size(); ++i)
        if (starts_with_icase(s, i, needle)) return i;
    return std::string_view::npos;
}

// The entities Anki's decoder knows that our output or common HTML uses;
// false for anything else (Anki then keeps the text undecoded).
bool decode_entities(std::string_view s, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '&') {
            out += s[i];
            continue;
        }
        std::size_t end = s.find(';', i);
        if (end == std::string_view::npos || end - i > 12) return false;
        std::string_view name = s.substr(i + 1, end - i - 1);
        if (name == "amp") out += '&';
        else if (name == "lt") out += '<';
        else if (name == "gt") out += '>';
        else if (name == "quot") out += '"';
        else if (name == "apos") out += '\'';
        else if (name == "nbsp") out += "\xC2\xA0";
        else if (name.size() >= 2 && name[0] == '#') {
            bool hex = name[1] == 'x' || name[1] == 'X';
            std::string_view digits = name.substr(hex ? 2 : 1);
            if (digits.empty()) return false;
            std::uint32_t cp = 0;
            for (char c : digits) {
                std::uint32_t d;
                if (c >= '0' && c <= '9') d = static_cast<std::uint32_t>(c - '0');
                else if (hex && c >= 'a' && c <= 'f') d = static_cast<std::uint32_t>(c - 'a' + 10);
                else if (hex && c >= 'A' && c <= 'F') d = static_cast<std::uint32_t>(c - 'A' + 10);
                else return false;
                cp = cp * (hex ? 16 : 10) + d;
                if (cp > 0x10FFFF) return false;
            }
            if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
            text::append_utf8(out, cp);
        } else {
            return false;
        }
        i = end;
    }
    return true;
}

// A definition's field as the deck gives it back (anki_note.cpp): one
// paragraph as its rich text (no block when that shows nothing), any other
// field its blocks, their rich text canonical and each displayed formula as
// the deck shows it: for MathJax, or a code block (anki_html.cpp).
ir::Blocks shown_field(const ir::Blocks& blocks) {
    if (text::is_inline_flow(blocks))
        return ir::paragraphs(blocks.empty() ? ir::RichText{} : format::canonical(blocks.front().text));
    return text::map_blocks(
        blocks, [](const ir::RichText& run) { return format::canonical(run); },
        [](const ir::Block& leaf) {
            if (leaf.kind != ir::BlockKind::DisplayMath) return leaf;
            MathJaxFormula formula = mathjax_formula(leaf.literal);
            return formula.ok ? ir::display_math(std::move(formula.tex)) : ir::code_block(leaf.literal);
        });
}

}  // namespace

std::string note_guid(std::string_view concept_id) {
    return base91(format::be64(format::sha1("glossc:" + std::string(concept_id)), 0));
}

// rslib text.rs strip_html: remove comments, style and script elements and
// tags (the regex "(?si)<!--.*?-->|<style.*?>.*?</style>|<script.*?>.*?</script>|<.*?>"),
// then decode entities when there is an "&", turning no-break spaces into
// spaces.
std::string strip_html(std::string_view html) {
    std::string text;
    for (std::size_t i = 0; i < html.size();) {
        if (html[i] == '<') {
            std::size_t end = std::string_view::npos;
            if (html.substr(i).starts_with("<!--")) {
                std::size_t close = html.find("-->", i + 4);
                if (close != std::string_view::npos) end = close + 3;
            }
            for (std::string_view element : {std::string_view("style"), std::string_view("script")}) {
                if (end != std::string_view::npos || !starts_with_icase(html, i + 1, element)) continue;
                std::size_t open_end = html.find('>', i);
                if (open_end == std::string_view::npos) continue;
                std::string closing = "</" + std::string(element) + ">";
                std::size_t close = find_icase(html, open_end + 1, closing);
                if (close != std::string_view::npos) end = close + closing.size();
            }
            if (end == std::string_view::npos) {
                std::size_t close = html.find('>', i + 1);
                if (close != std::string_view::npos) end = close + 1;
            }
            if (end != std::string_view::npos) {
                i = end;
                continue;
            }
        }
        text += html[i++];
    }
    if (text.find('&') == std::string::npos) return text;
    std::string decoded;
    if (!decode_entities(text, decoded)) return text;
    std::string out;
    for (std::size_t i = 0; i < decoded.size(); ++i) {
        if (decoded.compare(i, 2, "\xC2\xA0") == 0) {
            out += ' ';
            ++i;
        } else {
            out += decoded[i];
        }
    }
    return out;
}

std::int64_t field_checksum(std::string_view html) {
    auto digest = format::sha1(strip_html(html));
    std::uint32_t value = (std::uint32_t{digest[0]} << 24) | (std::uint32_t{digest[1]} << 16) |
                          (std::uint32_t{digest[2]} << 8) | std::uint32_t{digest[3]};
    return static_cast<std::int64_t>(value);
}

ir::Glossary project(const ir::Glossary& glossary) {
    ir::Glossary out = sources::reader_front_matter(glossary);
    const sources::Titles titles(glossary);
    for (const auto& c : glossary.concepts) {
        ir::Concept p;
        p.id = c.id;
        p.headword = c.headword;
        for (const auto& label : c.labels)
            if (!(label.kind == ir::LabelKind::Preferred && label.text == c.headword))
                p.labels.push_back({label.text, label.kind, {}});
        p.categories = c.categories;
        for (const auto& d : c.definitions) {
            ir::Definition def;
            def.source = d.source;
            sources::to_reader_view(def, titles);
            def.summary = format::canonical(d.summary);
            def.body = shown_field(d.body);
            def.details = shown_field(d.details);
            def.example = shown_field(d.example);
            def.flags = sources::reader_flags(d.flags);
            p.definitions.push_back(std::move(def));
        }
        p.related = c.related;
        p.references = c.references;
        for (const auto& id : c.categories)
            if (std::none_of(out.categories.begin(), out.categories.end(), [&](const auto& k) { return k.id == id; }))
                out.categories.push_back({id, format::category_label(glossary, id)});
        out.concepts.push_back(std::move(p));
    }
    return out;
}

}  // namespace glossc::anki_backend
