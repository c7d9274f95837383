#include "merge/ledger.hpp"

#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <limits>
#include <memory>

#include <nlohmann/json.hpp>

#include "merge/normalize.hpp"
#include "text/file_io.hpp"
#include "text/json_scan.hpp"
#include "text/utf8.hpp"

namespace glossc::merge {

std::optional<Ledger> load_ledger(const std::filesystem::path& path, DiagnosticSink& sink) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return Ledger{};
    std::string display = path.lexically_normal().generic_string();
    std::string text;
    if (!text::read_file(path, text)) {
        sink.error(Location{display}, "ledger-unreadable", "cannot read ledger: " + text::last_io_error());
        return std::nullopt;
    }
    if (!text::check_json_structure(text, display, sink)) return std::nullopt;
    try {
        auto root = nlohmann::json::parse(text);
        Ledger ledger;
        for (const auto& c : root.at("concepts")) {
            LedgerConcept concept_;
            concept_.id = c.at("id").get<std::string>();
            concept_.headword = c.value("headword", "");
            concept_.entries = c.at("entries").get<std::vector<std::string>>();
            concept_.content_hash = c.value("content_hash", "");
            concept_.modified = c.value("modified", std::int64_t{0});
            ledger.concepts.push_back(std::move(concept_));
        }
        ledger.retired = root.value("retired", std::vector<std::string>{});
        return ledger;
    } catch (const nlohmann::json::parse_error& error) {
        auto at = text::line_column_at(text, error.byte > 0 ? error.byte - 1 : 0);
        sink.error(Location{display, at.line, at.column}, "ledger-syntax", error.what());
    } catch (const nlohmann::json::exception& error) {
        sink.error(Location{display}, "ledger-bad-field", error.what());
    }
    return std::nullopt;
}

std::int64_t latest_change(const Ledger& ledger) {
    std::int64_t latest = 0;
    for (const auto& c : ledger.concepts) latest = std::max(latest, c.modified);
    return latest;
}

std::int64_t edition_change_time(const Ledger& previous, std::int64_t timestamp) {
    const std::int64_t latest = latest_change(previous);
    if (timestamp > latest) return timestamp;
    return latest < std::numeric_limits<std::int64_t>::max() ? latest + 1 : latest;  // a ledger at the end of time
}

namespace {

// FNV-1a of the bytes nlohmann's serializer writes: a dump's hash without
// the dump.
class Fnv1aOutput : public nlohmann::detail::output_adapter_protocol<char> {
public:
    void write_character(char c) override { add(c); }
    void write_characters(const char* s, std::size_t length) override {
        for (std::size_t i = 0; i < length; ++i) add(s[i]);
    }
    void write(std::string_view s) { write_characters(s.data(), s.size()); }
    std::uint64_t hash = 14695981039346656037ull;

private:
    void add(char c) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
};

}  // namespace

// The ledgers of earlier editions hold these hashes, so they must not change:
// it is FNV-1a of the compact JSON dump of
//   {"categories":[...],"definitions":[[source,text,[flags...]],...],
//    "headword":"...","labels":[[text,kind],...],
//    "references":[[title,authors,venue,arxiv,url],...],"related":[...]}
// (nlohmann::json's key order; "definitions", "labels" and "references"
// only when there are some), as it was first computed by building that
// document. Building it cost more than the rest of the merge's last stage,
// so the punctuation is written here, strings nlohmann writes as they are
// (text::dumps_verbatim) are hashed as they are, and only the others go
// through its serializer (its escaping, and its replacement of invalid UTF-8).
std::string content_hash(const ir::Concept& c) {
    auto out = std::make_shared<Fnv1aOutput>();
    nlohmann::detail::serializer<nlohmann::json> serializer(out, ' ', nlohmann::json::error_handler_t::replace);
    auto string = [&](const std::string& s) {
        if (text::dumps_verbatim(s)) {
            out->write("\"");
            out->write(s);
            out->write("\"");
        } else {
            serializer.dump(nlohmann::json(s), false, false, 0);
        }
    };
    // [item,item,...], each written by `item`.
    auto array = [&](const auto& items, auto item) {
        out->write("[");
        bool first = true;
        for (const auto& x : items) {
            if (!first) out->write(",");
            first = false;
            item(x);
        }
        out->write("]");
    };
    auto strings = [&](const std::vector<std::string>& list) { array(list, string); };
    auto fields = [&](std::initializer_list<const std::string*> values) {
        array(values, [&](const std::string* value) { string(*value); });
    };
    out->write("{\"categories\":");
    strings(c.categories);
    if (!c.definitions.empty()) {
        out->write(",\"definitions\":");
        array(c.definitions, [&](const ir::Definition& d) {
            out->write("[");
            string(d.source);
            out->write(",");
            string(definition_text(d));
            out->write(",");
            strings(d.flags);
            out->write("]");
        });
    }
    out->write(",\"headword\":");
    string(c.headword);
    if (!c.labels.empty()) {
        out->write(",\"labels\":");
        array(c.labels, [&](const ir::Label& l) {
            const std::string kind(ir::to_string(l.kind));
            fields({&l.text, &kind});
        });
    }
    if (!c.references.empty()) {
        out->write(",\"references\":");
        array(c.references, [&](const ir::Reference& r) { fields({&r.title, &r.authors, &r.venue, &r.arxiv, &r.url}); });
    }
    out->write(",\"related\":");
    strings(c.related);
    out->write("}");
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(out->hash));
    return buffer;
}

std::string serialize_ledger(const Ledger& ledger) {
    nlohmann::ordered_json concepts = nlohmann::ordered_json::array();
    for (const auto& c : ledger.concepts)
        concepts.push_back({{"id", c.id},
                            {"headword", c.headword},
                            {"entries", c.entries},
                            {"content_hash", c.content_hash},
                            {"modified", c.modified}});
    nlohmann::ordered_json root{{"ledger_version", 1}, {"concepts", concepts}, {"retired", ledger.retired}};
    return root.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace glossc::merge
