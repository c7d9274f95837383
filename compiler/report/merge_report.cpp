#include "report/merge_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "merge/normalize.hpp"
#include "text/escape.hpp"
#include "text/inline_math.hpp"

namespace glossc::report {

namespace {

// A tiny document model, rendered once per format (as cmark renders one AST
// to several outputs), so the three report formats cannot drift apart.
struct Block {
    enum Kind { Heading, Paragraph, Table } kind;
    int level = 2;
    std::string text;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

using Document = std::vector<Block>;

Block heading(int level, std::string text) { return {Block::Heading, level, std::move(text), {}, {}}; }
Block paragraph(std::string text) { return {Block::Paragraph, 0, std::move(text), {}, {}}; }
Block table(std::vector<std::string> header, std::vector<std::vector<std::string>> rows) {
    return {Block::Table, 0, {}, std::move(header), std::move(rows)};
}

std::string render_html(const Document& doc, const std::string& title) {
    using glossc::text::escape_html;
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape_html(title) +
        "</title>\n<style>\n"
        "body{font:15px/1.45 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}\n"
        "table{border-collapse:collapse;margin:.5rem 0 1.2rem;width:100%}\n"
        "th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}\n"
        "th{background:#f2f2f2}h2{border-bottom:2px solid #444;margin-top:2.5rem}h3{margin-bottom:.3rem}\n"
        "tr:nth-child(even) td{background:#fafafa}\n"
        "</style>\n</head>\n<body>\n";
    for (const auto& block : doc) {
        switch (block.kind) {
            case Block::Heading: {
                std::string tag = "h" + std::to_string(block.level);
                out += "<" + tag + ">" + escape_html(block.text) + "</" + tag + ">\n";
                break;
            }
            case Block::Paragraph: out += "<p>" + escape_html(block.text) + "</p>\n"; break;
            case Block::Table:
                out += "<table>\n<tr>";
                for (const auto& h : block.header) out += "<th>" + escape_html(h) + "</th>";
                out += "</tr>\n";
                for (const auto& row : block.rows) {
                    out += "<tr>";
                    for (const auto& cell : row) out += "<td>" + escape_html(cell) + "</td>";
                    out += "</tr>\n";
                }
                out += "</table>\n";
                break;
        }
    }
    return out + "</body>\n</html>\n";
}

std::string markdown_cell(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '\n') out += ' ';
        else out += c;
    }
    return out;
}

std::string render_markdown(const Document& doc) {
    std::string out;
    for (const auto& block : doc) {
        switch (block.kind) {
            case Block::Heading: out += std::string(static_cast<std::size_t>(block.level), '#') + " " + block.text + "\n\n"; break;
            case Block::Paragraph: out += block.text + "\n\n"; break;
            case Block::Table:
                out += "|";
                for (const auto& h : block.header) out += " " + markdown_cell(h) + " |";
                out += "\n|";
                for (std::size_t i = 0; i < block.header.size(); ++i) out += " --- |";
                out += "\n";
                for (const auto& row : block.rows) {
                    out += "|";
                    for (const auto& cell : row) out += " " + markdown_cell(cell) + " |";
                    out += "\n";
                }
                out += "\n";
                break;
        }
    }
    return out;
}

std::string render_text(const Document& doc) {
    std::string out;
    for (const auto& block : doc) {
        switch (block.kind) {
            case Block::Heading:
                out += block.text + "\n" + std::string(block.level <= 2 ? block.text.size() : 0, block.level == 1 ? '=' : '-') +
                       (block.level <= 2 ? "\n" : "");
                break;
            case Block::Paragraph: out += block.text + "\n\n"; break;
            case Block::Table:
                for (const auto& row : block.rows) {
                    for (std::size_t i = 0; i < row.size(); ++i)
                        if (!row[i].empty()) out += "  " + block.header[i] + ": " + row[i] + "\n";
                    out += "\n";
                }
                break;
        }
    }
    return out;
}

std::string render(const Document& doc, Format format, const std::string& title) {
    switch (format) {
        case Format::Html: return render_html(doc, title);
        case Format::Markdown: return render_markdown(doc);
        case Format::Text: return render_text(doc);
    }
    return {};
}

std::string fixed(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", value);
    return buffer;
}

std::string join(const std::vector<std::string>& items, const std::string& separator = ", ") {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

// What the report needs to know about entries and concepts, indexed once.
class Index {
public:
    Index(const ir::Glossary& glossary, const merge::MergeTrace& trace) : glossary_(glossary), trace_(trace) {
        for (const auto& c : glossary.concepts) concept_of_id_[c.id] = &c;
    }
    const ir::Concept* concept_of_entry(std::size_t entry) const {
        auto it = concept_of_id_.find(trace_.entries[entry].concept_id);
        return it == concept_of_id_.end() ? nullptr : it->second;
    }
    // The first words of the definition an entry contributed.
    std::string snippet(std::size_t entry) const {
        const ir::Concept* c = concept_of_entry(entry);
        if (!c) return {};
        const std::string& ref = trace_.entries[entry].ref;
        std::string source = ref.substr(0, ref.find(':'));
        for (const auto& p : c->provenance) {
            if (p.source != source) continue;
            for (const auto& d : c->definitions) {
                if (d.source != source || d.line != p.line) continue;
                std::string text = glossc::text::plain_text(d.summary.empty() ? (d.body.empty() ? d.example : d.body) : d.summary);
                if (text.size() > 140) {
                    std::size_t cut = 140;
                    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
                    text = text.substr(0, cut) + "…";
                }
                return text;
            }
        }
        return {};
    }
    std::string describe(std::size_t entry) const {
        const ir::Concept* c = concept_of_entry(entry);
        return trace_.entries[entry].ref + (c ? " → " + c->headword + " [" + c->id + "]" : "");
    }

private:
    const ir::Glossary& glossary_;
    const merge::MergeTrace& trace_;
    std::map<std::string, const ir::Concept*> concept_of_id_;
};

std::vector<std::string> pair_row(const Index& index, const merge::PairRecord& p) {
    return {index.describe(p.a), index.describe(p.b), std::string(merge::to_string(p.match)) + ": “" + p.name_a + "” / “" + p.name_b + "”",
            fixed(p.similarity), std::string(merge::to_string(p.decision))};
}

bool is_near_miss(const merge::PairRecord& p) {
    using merge::Decision;
    switch (p.decision) {
        case Decision::Constrained: return true;
        case Decision::TooWeak: return p.similarity >= merge::required_similarity(p.match) - 0.04;
        case Decision::Homonym: return p.similarity >= merge::kHomonymThreshold - 0.02;
        case Decision::TopicHomonym: return true;
        case Decision::Merged:
            return p.match != merge::MatchKind::SameName && p.match != merge::MatchKind::SameNameNoSpace &&
                   p.similarity < merge::required_similarity(p.match) + 0.03;
        default: return false;
    }
}

std::set<std::string> sources_of(const ir::Concept& c) {
    std::set<std::string> out;
    for (const auto& p : c.provenance) out.insert(p.source);
    return out;
}

}  // namespace

std::string merge_report(const ir::Glossary& glossary, const merge::MergeTrace& trace, Format format) {
    Index index(glossary, trace);
    Document doc;
    std::string title = "Merge report: " + glossary.title;
    doc.push_back(heading(1, title));

    std::size_t multi = 0, homonyms = 0, near = 0;
    for (const auto& c : glossary.concepts) multi += sources_of(c).size() > 1;
    for (const auto& p : trace.pairs) {
        homonyms += p.decision == merge::Decision::Homonym || p.decision == merge::Decision::TopicHomonym;
        near += is_near_miss(p);
    }
    doc.push_back(paragraph(std::to_string(trace.entries.size()) + " entries from " +
                            std::to_string(glossary.sources.size()) + " sources became " +
                            std::to_string(glossary.concepts.size()) + " concepts; " + std::to_string(multi) +
                            " concepts draw on two or more sources. " + std::to_string(homonyms) +
                            " pairs were kept apart as homonyms; " + std::to_string(near) +
                            " pairs scored close to a threshold (near misses). Edition " + glossary.edition + "."));
    doc.push_back(paragraph("Thresholds: the same name with definition similarity (TF-IDF cosine) below " +
                            fixed(merge::kHomonymThreshold) + " is a homonym, and below " +
                            fixed(merge::kUncertainThreshold) +
                            " too when the two entries' categories are distant; a weaker match (stem, base name, acronym) needs " +
                            fixed(merge::kWeakEvidenceThreshold) + "."));

    // Counts per source.
    doc.push_back(heading(2, "Sources"));
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : glossary.sources) {
        std::size_t merged = 0, alone = 0;
        for (const auto& c : glossary.concepts) {
            std::size_t mine = 0;
            for (const auto& p : c.provenance) mine += p.source == s.id;
            if (mine == 0) continue;
            (sources_of(c).size() > 1 ? merged : alone) += mine;
        }
        std::size_t errors = 0, warnings = 0;
        for (const auto& d : glossary.diagnostics) {
            if (d.file.size() < s.file.size() || d.file.compare(d.file.size() - s.file.size(), s.file.size(), s.file) != 0)
                continue;
            errors += d.severity == ir::Severity::Error;
            warnings += d.severity == ir::Severity::Warning;
        }
        rows.push_back({s.id, s.file, s.format, std::to_string(s.priority), std::to_string(s.entries),
                        std::to_string(merged), std::to_string(alone), std::to_string(errors) + " / " + std::to_string(warnings)});
    }
    doc.push_back(table({"source", "file", "format", "priority", "entries in", "merged with other sources",
                         "new (this source only)", "rejected or reported (errors / warnings)"},
                        std::move(rows)));

    doc.push_back(heading(2, "Homonym splits"));
    rows.clear();
    for (const auto& p : trace.pairs)
        if (p.decision == merge::Decision::Homonym || p.decision == merge::Decision::TopicHomonym)
            rows.push_back({p.name_a, index.describe(p.a) + ": " + index.snippet(p.a), index.describe(p.b) + ": " + index.snippet(p.b),
                            fixed(p.similarity)});
    if (rows.empty()) doc.push_back(paragraph("None."));
    else doc.push_back(table({"name", "sense A", "sense B", "similarity"}, std::move(rows)));

    doc.push_back(heading(2, "Near misses"));
    doc.push_back(paragraph("Pairs whose evidence was close to a threshold, or whose union was refused because it "
                            "would join entries that must stay apart. An editor settles any of them with a "
                            "same_as or not_same_as override."));
    rows.clear();
    for (const auto& p : trace.pairs)
        if (is_near_miss(p)) rows.push_back(pair_row(index, p));
    if (rows.empty()) doc.push_back(paragraph("None."));
    else doc.push_back(table({"entry", "entry", "evidence", "similarity", "decision"}, std::move(rows)));

    doc.push_back(heading(2, "Concepts drawn from several sources"));
    std::map<std::string, std::vector<const merge::PairRecord*>> pairs_of_concept;
    for (const auto& p : trace.pairs)
        if (p.decision == merge::Decision::Merged || p.decision == merge::Decision::Override)
            pairs_of_concept[trace.entries[p.a].concept_id].push_back(&p);
    for (const auto& c : glossary.concepts) {
        if (sources_of(c).size() < 2) continue;
        doc.push_back(heading(3, c.headword + " [" + c.id + "]"));
        rows.clear();
        for (const auto& l : c.labels) rows.push_back({l.text, std::string(ir::to_string(l.kind)), join(l.sources)});
        doc.push_back(table({"label", "kind", "used by"}, std::move(rows)));
        rows.clear();
        for (const auto& p : c.provenance) rows.push_back({p.source, p.key, p.file + ":" + std::to_string(p.line)});
        doc.push_back(table({"source", "entry as printed", "where"}, std::move(rows)));
        rows.clear();
        for (const auto* p : pairs_of_concept[c.id])
            rows.push_back({trace.entries[p->a].ref, trace.entries[p->b].ref,
                            std::string(merge::to_string(p->match)) + ": “" + p->name_a + "” / “" + p->name_b + "”",
                            fixed(p->similarity)});
        if (!rows.empty()) doc.push_back(table({"entry", "entry", "evidence", "similarity"}, std::move(rows)));
    }
    return render(doc, format, title);
}

std::string explain(const ir::Glossary& glossary, const merge::MergeTrace& trace, std::string_view term) {
    merge::SpellingMap no_spelling;
    auto wanted = merge::make_keys(term, no_spelling);
    Index index(glossary, trace);
    std::string out;
    for (const auto& c : glossary.concepts) {
        bool named = false;
        for (const auto& l : c.labels) {
            auto keys = merge::make_keys(l.text, no_spelling);
            named = named || keys.exact == wanted.exact || keys.nospace == wanted.nospace;
        }
        named = named || c.id == term;
        if (!named) continue;
        out += c.headword + " [" + c.id + "]\n";
        out += "  names: ";
        std::vector<std::string> names;
        for (const auto& l : c.labels) names.push_back(l.text + " (" + std::string(ir::to_string(l.kind)) + ", " + join(l.sources) + ")");
        out += join(names, "; ") + "\n";
        out += "  categories: " + join(c.categories) + "\n";
        out += "  formed from " + std::to_string(c.provenance.size()) + " entr" + (c.provenance.size() == 1 ? "y" : "ies") + ":\n";
        for (const auto& p : c.provenance) out += "    " + p.file + ":" + std::to_string(p.line) + "  " + p.source + ": " + p.key + "\n";
        std::string merged, apart;
        for (const auto& p : trace.pairs) {
            bool in_a = trace.entries[p.a].concept_id == c.id, in_b = trace.entries[p.b].concept_id == c.id;
            if (!in_a && !in_b) continue;
            std::string line = "    " + trace.entries[p.a].ref + " + " + trace.entries[p.b].ref + ": " +
                               std::string(merge::to_string(p.match)) + " (“" + p.name_a + "” / “" + p.name_b +
                               "”), definition similarity " + fixed(p.similarity) + " -> " +
                               std::string(merge::to_string(p.decision)) + "\n";
            (in_a && in_b ? merged : apart) += line;
        }
        if (!merged.empty()) out += "  merged because:\n" + merged;
        if (!apart.empty()) out += "  kept apart from:\n" + apart;
        out += "\n";
    }
    return out;
}

}  // namespace glossc::report
