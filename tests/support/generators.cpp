#include "support/generators.hpp"

#include <set>

#include "text/slug.hpp"
#include "text/utf8.hpp"

namespace glossc::testing {

namespace {

// Pieces that break writers, as whole strings.
const std::vector<std::string> kNasty{
    "<", ">", "&", "&amp;", "\"", "'", "\\", "{", "}", "$", "%", "#", "_", "^", "~", "]]>", "--", "---",
    "``", "''", "\\(", "\\)", "\\[", "\\]", "$$", "\\input{/etc/hostname}", "\\write18{touch x}", "^^5c",
    "\\directlua{os.exit()}", "\\catcode`\\{=12", "\\end{document}", "<script>", "&nbsp;", "\x1f", "\t",
    "\r\n", "\n", "  ", "*", "**", "[x](y)", "|", "::", "- ", "# ", "See also:", "Aliases:",
    // The plain-text format's structure: keywords, headings, [id] and (kind) suffixes, list separators,
    // escapes, a line-end break mark.
    "Details: ", "Example:", "== A ==", "=", "From ", "Reference:", "[id]", " [x]", "(variant)", " (hidden)",
    "; ", ", ", ":", "(", ")", "[", "]", "\\&", "\\s", "\\u{41}", " \\", "\xe2\x80\xa8", "\xc2\x85"};

rc::Gen<std::uint32_t> code_point() {
    return rc::gen::weightedOneOf<std::uint32_t>({
        {30, rc::gen::inRange<std::uint32_t>(0x20, 0x7F)},            // printable ASCII
        {2, rc::gen::inRange<std::uint32_t>(0x01, 0x20)},             // C0 controls (no NUL)
        {4, rc::gen::inRange<std::uint32_t>(0xA0, 0x250)},            // Latin-1, Latin Extended
        {3, rc::gen::inRange<std::uint32_t>(0x300, 0x370)},           // combining marks
        {2, rc::gen::inRange<std::uint32_t>(0x391, 0x3CA)},           // Greek
        {2, rc::gen::inRange<std::uint32_t>(0x5D0, 0x5EB)},           // Hebrew (RTL)
        {2, rc::gen::inRange<std::uint32_t>(0x627, 0x64B)},           // Arabic (RTL)
        {2, rc::gen::element<std::uint32_t>(0x200E, 0x200F, 0x202E, 0x2066, 0x200B, 0xFEFF)},  // bidi, ZW
        {2, rc::gen::inRange<std::uint32_t>(0x2190, 0x2300)},         // arrows, math operators
        {2, rc::gen::inRange<std::uint32_t>(0x4E00, 0x4FFF)},         // CJK
        {2, rc::gen::inRange<std::uint32_t>(0x1F300, 0x1F650)},       // emoji
        {1, rc::gen::inRange<std::uint32_t>(0x1D400, 0x1D500)},       // math alphanumerics
    });
}

rc::Gen<std::string> id_slug() {
    return rc::gen::map(hostile_name(), [](const std::string& s) { return text::slugify(s); });
}

rc::Gen<ir::Inline> inline_node(int depth);

// Canonical form: no empty Text nodes, no two adjacent Text nodes.
ir::RichText canonicalize(ir::RichText text) {
    ir::RichText out;
    for (auto& node : text) {
        if (node.kind == ir::InlineKind::Text) {
            if (node.text.empty()) continue;
            if (!out.empty() && out.back().kind == ir::InlineKind::Text) {
                out.back().text += node.text;
                continue;
            }
        }
        out.push_back(std::move(node));
    }
    return out;
}

rc::Gen<ir::RichText> canonical(rc::Gen<ir::RichText> gen) { return rc::gen::map(std::move(gen), canonicalize); }

// Rich text that sometimes starts like markup or a format's keyword ("Details: ").
ir::RichText prose(int depth) {
    ir::RichText text = *rich_text(depth);
    if (*rc::gen::inRange(0, 5) == 0) text.insert(text.begin(), ir::text(*rc::gen::elementOf(kNasty)));
    return canonicalize(std::move(text));
}

rc::Gen<ir::Inline> inline_node(int depth) {
    auto leaf = rc::gen::oneOf(rc::gen::map(hostile_string(), [](std::string s) { return ir::text(std::move(s)); }),
                               rc::gen::map(hostile_string(), [](std::string s) { return ir::math(std::move(s)); }),
                               rc::gen::map(hostile_string(), [](std::string s) { return ir::code(std::move(s)); }));
    if (depth <= 0) return leaf;
    auto children = rich_text(depth - 1);
    return rc::gen::weightedOneOf<ir::Inline>({
        {6, leaf},
        {1, rc::gen::map(children, [](ir::RichText c) { return ir::emph(std::move(c)); })},
        {1, rc::gen::map(children, [](ir::RichText c) { return ir::strong(std::move(c)); })},
        {1, rc::gen::apply([](std::string url, ir::RichText c) { return ir::link(std::move(url), std::move(c)); },
                           hostile_string(), children)},
        {1, rc::gen::apply([](std::string id, ir::RichText c) { return ir::ref(std::move(id), std::move(c)); },
                           id_slug(), children)},
    });
}

template <typename T>
rc::Gen<std::vector<T>> small_vector(rc::Gen<T> gen, std::size_t max = 4) {
    return rc::gen::withSize([gen, max](int size) {
        std::size_t limit = std::min<std::size_t>(max, static_cast<std::size_t>(size / 10 + 1));
        return rc::gen::mapcat(rc::gen::inRange<std::size_t>(0, limit + 1),
                               [gen](std::size_t n) { return rc::gen::container<std::vector<T>>(n, gen); });
    });
}

}  // namespace

rc::Gen<std::string> hostile_string() {
    auto from_code_points = rc::gen::map(rc::gen::container<std::vector<std::uint32_t>>(code_point()),
                                         [](const std::vector<std::uint32_t>& cps) {
                                             std::string out;
                                             for (auto cp : cps) text::append_utf8(out, cp);
                                             return out;
                                         });
    auto from_pieces = rc::gen::map(rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(kNasty)),
                                    [](const std::vector<std::string>& pieces) {
                                        std::string out;
                                        for (const auto& p : pieces) out += p;
                                        return out;
                                    });
    auto mixed = rc::gen::apply([](std::string a, std::string b, std::string c) { return a + b + c; },
                                from_code_points, from_pieces, from_code_points);
    auto very_long = rc::gen::map(from_code_points, [](const std::string& s) {
        std::string out;
        while (out.size() < 3000 && !s.empty()) out += s;
        return out;
    });
    // Starting with a piece: text that opens like markup or a format's structure.
    auto piece_first = rc::gen::apply([](std::string a, std::string b) { return a + b; }, rc::gen::elementOf(kNasty),
                                      from_code_points);
    return rc::gen::weightedOneOf<std::string>({{4, from_code_points}, {3, mixed}, {1, from_pieces},
                                                {1, piece_first}, {1, rc::gen::just(std::string())},
                                                {1, very_long}});
}

rc::Gen<std::string> hostile_name() {
    auto any = rc::gen::apply([](std::uint32_t first, std::string rest) {
        std::string out;
        text::append_utf8(out, first);
        return out + rest;
    }, rc::gen::suchThat(code_point(), [](std::uint32_t cp) { return cp > 0x20 && cp != 0x7F && cp != 0x2028; }),
       hostile_string());
    // Names that start like markup or like a format's structure ("== A ==", "Details: ").
    auto nasty_start = rc::gen::apply([](std::string piece, std::string rest) { return piece + rest; },
                                      rc::gen::elementOf(kNasty), hostile_string());
    return rc::gen::weightedOneOf<std::string>(
        {{4, any}, {1, rc::gen::suchThat(nasty_start, [](const std::string& s) {
              return !s.empty() && static_cast<unsigned char>(s[0]) > 0x20 && s[0] != 0x7F;
          })}});
}

rc::Gen<ir::RichText> rich_text(int depth) {
    return canonical(small_vector(inline_node(depth), 5));
}

namespace {

ir::Block block(int depth);

// Non-empty blocks (a list item, a quote's content).
ir::Blocks some_blocks(int depth) {
    ir::Blocks out;
    for (int n = *rc::gen::inRange(1, 3); n > 0; --n) out.push_back(block(depth));
    return out;
}

// Code lines: hostile text, blank lines, leading spaces and tabs, never a
// final line break and never empty.
std::string code_lines() {
    std::string out;
    for (int n = *rc::gen::inRange(1, 4); n > 0; --n) {
        if (!out.empty()) out += '\n';
        std::string line = *rc::gen::weightedOneOf<std::string>(
            {{4, hostile_string()},
             {1, rc::gen::element<std::string>("", "    indented()", "\tif x:", "end \\", "\\end{verbatim}", "```")}});
        std::erase(line, '\n');
        out += line;
    }
    if (out.empty() || out.back() == '\n') out += "x";
    return out;
}

ir::Block block(int depth) {
    int kind = depth <= 0 ? *rc::gen::inRange(0, 3) : *rc::gen::inRange(0, 7);
    switch (kind) {
        case 0:
        case 1: {
            ir::RichText text = prose(1);
            if (text.empty()) text.push_back(ir::text("p"));
            return ir::paragraph(std::move(text));
        }
        case 2: {
            if (*rc::gen::inRange(0, 2) == 0) return ir::code_block(code_lines(), *rc::gen::element<std::string>("", "python", "r", "c++", "sh"));
            std::string tex = *hostile_string();
            if (tex.empty()) tex = "x^2";
            return ir::display_math(std::move(tex));
        }
        case 3:
        case 4: {
            std::vector<ir::Blocks> items;
            for (int n = *rc::gen::inRange(1, 4); n > 0; --n) items.push_back(some_blocks(depth - 1));
            if (kind == 3) return ir::bullet_list(std::move(items));
            return ir::ordered_list(std::move(items), *rc::gen::element<std::uint32_t>(1, 1, 3, 10, 99));
        }
        case 5: return ir::quote(some_blocks(depth - 1));
        default: {
            std::size_t width = *rc::gen::inRange<std::size_t>(1, 4);
            std::vector<std::vector<ir::RichText>> rows;
            for (int r = *rc::gen::inRange(1, 4); r > 0; --r) {
                auto& row = rows.emplace_back();
                for (std::size_t c = 0; c < width; ++c) row.push_back(*rich_text(1));
            }
            return ir::table(std::move(rows));
        }
    }
}

}  // namespace

ir::Blocks blocks(int depth) {
    int shape = *rc::gen::inRange(0, 10);
    if (shape < 3) return {};
    if (shape < 7) return ir::paragraphs(prose(2));
    ir::Blocks out;
    for (int n = *rc::gen::inRange(1, 4); n > 0; --n) out.push_back(block(depth));
    return out;
}

rc::Gen<ir::Glossary> glossary() {
    return rc::gen::exec([] {
        ir::Glossary g;
        g.title = *hostile_name();
        g.language = *rc::gen::element<std::string>("en", "de", "zh-Hans", "ar");
        g.edition = *rc::gen::element<std::string>("2026-11-23", "1970-01-01", "2038-01-19");
        std::vector<std::string> source_ids{"s"};
        int source_count = *rc::gen::inRange(1, 4);
        for (int i = 0; i < source_count; ++i) {
            // Source ids are names too: the ones after the first are hostile.
            std::string id = i == 0 ? "src-0" : *hostile_name();
            for (const auto& s : g.sources)
                if (s.id == id) id += "-" + std::to_string(i);
            g.sources.push_back({id, *hostile_name(), *rc::gen::element<std::string>("termbase-json", "topic-list"),
                                 *rc::gen::inRange<std::int64_t>(-5, 100), *rc::gen::inRange<std::uint32_t>(0, 500), {}, {}});
            // Titles are what readers see: non-empty and unique (the
            // manifest refuses two alike), hostile otherwise.
            std::string title = *hostile_name();
            if (title.empty()) title = "Source";
            for (const auto& s : g.sources)
                if (s.title == title) title += " " + std::to_string(i);
            g.sources.back().title = title;
            if (*rc::gen::arbitrary<bool>()) g.sources.back().url = "https://example.org/" + *id_slug() + "?a=1&b=<2>";
        }
        auto source_id = rc::gen::elementOf(g.sources);
        std::set<std::string> category_ids;
        for (const auto& c : *small_vector(id_slug(), 4)) {
            if (!category_ids.insert(c).second) continue;
            // Sometimes two categories share a label.
            bool same_label = !g.categories.empty() && *rc::gen::inRange(0, 4) == 0;
            g.categories.push_back({c, same_label ? g.categories.back().label : *hostile_name()});
        }

        // Unique ids; headwords sometimes differing only by case.
        std::set<std::string> ids;
        int concept_count = *rc::gen::inRange(0, 8);
        for (int i = 0; i < concept_count; ++i) {
            ir::Concept c;
            c.id = *id_slug();
            if (!ids.insert(c.id).second) continue;
            if (!g.concepts.empty() && *rc::gen::inRange(0, 3) == 0) {
                // Another concept's headword: the same, or differing only by case.
                std::string other = (*rc::gen::elementOf(g.concepts)).headword;
                int change = *rc::gen::inRange(0, 3);
                for (auto& ch : other) {
                    auto u = static_cast<unsigned char>(ch);
                    if (change == 1) ch = static_cast<char>(std::toupper(u));
                    if (change == 2) ch = static_cast<char>(std::tolower(u));
                }
                c.headword = other;
            } else {
                c.headword = *hostile_name();
            }
            // Merged concepts list their headword as the preferred label.
            if (*rc::gen::inRange(0, 2) == 0)
                c.labels.push_back({c.headword, ir::LabelKind::Preferred, {(*source_id).id}});
            for (int l = *rc::gen::inRange(0, 4); l > 0; --l) {
                ir::Label label{*hostile_name(), *rc::gen::element(ir::LabelKind::Preferred, ir::LabelKind::Abbreviation,
                                                                    ir::LabelKind::Expansion, ir::LabelKind::Variant,
                                                                    ir::LabelKind::Hidden),
                                {}};
                label.sources.push_back((*source_id).id);
                c.labels.push_back(std::move(label));
            }
            for (const auto& cat : g.categories)
                if (*rc::gen::inRange(0, 3) == 0) c.categories.push_back(cat.id);
            for (int d = *rc::gen::inRange(0, 3); d > 0; --d) {
                ir::Definition def;
                def.source = (*source_id).id;
                def.line = *rc::gen::weightedOneOf<std::uint32_t>(
                    {{1, rc::gen::just<std::uint32_t>(0)}, {3, rc::gen::inRange<std::uint32_t>(1, 100000)}});
                def.summary = prose(2);
                def.body = blocks(2);
                def.details = *rc::gen::inRange(0, 2) == 0 ? ir::paragraphs(*rich_text(1)) : blocks(1);
                def.example = *rc::gen::inRange(0, 2) == 0 ? ir::paragraphs(*rich_text(1)) : blocks(1);
                for (int f = *rc::gen::inRange(-2, 3); f > 0; --f)
                    def.flags.push_back(*rc::gen::weightedOneOf<std::string>(
                        {{3, rc::gen::element<std::string>("truncated", "recovered")}, {1, hostile_string()}}));
                c.definitions.push_back(std::move(def));
            }
            for (int r = *rc::gen::inRange(0, 3); r > 0; --r)
                c.references.push_back({*hostile_string(), *hostile_string(), *hostile_string(),
                                        *rc::gen::element<std::string>("", "2210.17323"), *hostile_string()});
            int provenance = *rc::gen::inRange(1, 3);
            for (int p = 0; p < provenance; ++p) {
                const auto& src = *source_id;
                c.provenance.push_back({src.id, src.file, *hostile_name(), *rc::gen::inRange<std::uint32_t>(0, 9000)});
            }
            for (int e = *rc::gen::inRange(0, 3); e > 0; --e)
                c.extras.push_back({(*source_id).id, *hostile_name(), *hostile_string()});
            g.concepts.push_back(std::move(c));
        }
        // related: any concept, self and cycles included, and always a cycle
        // through the first two.
        for (auto& c : g.concepts)
            for (int r = *rc::gen::inRange(0, 3); r > 0 && !g.concepts.empty(); --r)
                c.related.push_back(g.concepts[*rc::gen::inRange<std::size_t>(0, g.concepts.size())].id);
        if (g.concepts.size() >= 2) {
            g.concepts[0].related.push_back(g.concepts[1].id);
            g.concepts[1].related.push_back(g.concepts[0].id);
        }
        for (int d = *rc::gen::inRange(0, 3); d > 0; --d)
            g.diagnostics.push_back({*rc::gen::element(ir::Severity::Note, ir::Severity::Warning, ir::Severity::Error),
                                     *hostile_name(), *rc::gen::inRange<std::uint32_t>(0, 500),
                                     *rc::gen::inRange<std::uint32_t>(0, 80), "some-code", *hostile_string()});
        return g;
    });
}

}  // namespace glossc::testing
