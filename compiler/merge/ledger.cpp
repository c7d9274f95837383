#include "merge/ledger.hpp"

#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <limits>
#include <memory>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "merge/normalize.hpp"
#include "text/input_file.hpp"
#include "text/json_scan.hpp"
#include "text/line_index.hpp"
#include "text/slug.hpp"
#include "text/utf8.hpp"

namespace glossc::merge {

namespace {

// ---- Reading -------------------------------------------------------------------------
//
// The ledger is read with nlohmann's SAX interface, a JsonTokenCursor in
// step with it, so every value is known with its offset and a problem is
// reported at its line; every problem of the file is reported, not only the
// first. Each value has a role (what it is in the ledger) from its place:

enum class Role {
    Root, Version, Concepts, Concept, Id, Headword, Entries, Entry, ContentHash, Modified, Retired, RetiredId,
    Ignored,  // a member the ledger does not know, a value of the wrong type, and everything inside them
};

enum class Kind { Null, Boolean, Integer, Fraction, String, Object, Array };

std::string_view described(Kind kind) {
    switch (kind) {
        case Kind::Null: return "null";
        case Kind::Boolean: return "true or false";
        case Kind::Integer: return "an integer";
        case Kind::Fraction: return "a number with a fraction or an exponent";
        case Kind::String: return "a string";
        case Kind::Object: return "an object";
        case Kind::Array: return "an array";
    }
    return "a value";
}

struct Expectation {
    Kind kind;
    std::string_view rule;  // the message when the value is of another kind
};

Expectation expectation(Role role) {
    switch (role) {
        case Role::Root: return {Kind::Object, "the ledger must be a JSON object"};
        case Role::Version: return {Kind::Integer, "'ledger_version' must be an integer"};
        case Role::Concepts: return {Kind::Array, "'concepts' must be an array of concept objects"};
        case Role::Concept: return {Kind::Object, "each of 'concepts' must be an object"};
        case Role::Id: return {Kind::String, "'id' must be a string"};
        case Role::Headword: return {Kind::String, "'headword' must be a string"};
        case Role::Entries: return {Kind::Array, "'entries' must be an array of \"source-id:key\" strings"};
        case Role::Entry: return {Kind::String, "each of 'entries' must be a string \"source-id:key\""};
        case Role::ContentHash: return {Kind::String, "'content_hash' must be a string"};
        case Role::Modified: return {Kind::Integer, "'modified' must be an integer"};
        case Role::Retired: return {Kind::Array, "'retired' must be an array of ids"};
        case Role::RetiredId: return {Kind::String, "each of 'retired' must be a string (an id)"};
        case Role::Ignored: break;
    }
    return {Kind::Null, {}};
}

Role member_role(Role object, std::string_view key) {
    if (object == Role::Root) {
        if (key == "ledger_version") return Role::Version;
        if (key == "concepts") return Role::Concepts;
        if (key == "retired") return Role::Retired;
    } else if (object == Role::Concept) {
        if (key == "id") return Role::Id;
        if (key == "headword") return Role::Headword;
        if (key == "entries") return Role::Entries;
        if (key == "content_hash") return Role::ContentHash;
        if (key == "modified") return Role::Modified;
    }
    return Role::Ignored;
}

Role element_role(Role array) {
    switch (array) {
        case Role::Concepts: return Role::Concept;
        case Role::Entries: return Role::Entry;
        case Role::Retired: return Role::RetiredId;
        default: return Role::Ignored;
    }
}

// A concept as read, with the offsets its checks report at.
struct ReadConcept {
    LedgerConcept value;
    std::size_t at = 0;                     // its '{'
    bool id_given = false, entries_given = false;  // of any type: a wrong one is reported as that
    std::optional<std::size_t> id_at;       // a string id's
    bool has_entries = false;               // an array of entries was read
    std::vector<std::size_t> entry_at;      // one per entry
};

class LedgerReader : public nlohmann::json_sax<nlohmann::json> {
public:
    LedgerReader(std::string_view document, const std::string& display, DiagnosticSink& sink)
        : tokens_(document), lines_(document), display_(display), sink_(sink) {}

    // Each method returns true: go on reading (and reporting).
    bool null() override {
        begin_value(Kind::Null);
        return true;
    }
    bool boolean(bool) override {
        begin_value(Kind::Boolean);
        return true;
    }
    bool number_integer(number_integer_t value) override {
        integer(begin_value(Kind::Integer), value, std::to_string(value));
        return true;
    }
    bool number_unsigned(number_unsigned_t value) override {
        constexpr auto kMax = static_cast<number_unsigned_t>(std::numeric_limits<std::int64_t>::max());
        // Past INT64_MAX: out of every range the ledger has; -1 stands for it.
        integer(begin_value(Kind::Integer), value > kMax ? -1 : static_cast<std::int64_t>(value), std::to_string(value));
        return true;
    }
    bool number_float(number_float_t, const string_t&) override {
        begin_value(Kind::Fraction);
        return true;
    }
    bool binary(binary_t&) override {  // JSON text has none
        begin_value(Kind::String);
        return true;
    }
    bool string(string_t& value) override {
        switch (begin_value(Kind::String)) {
            case Role::Id:
                current_.value.id = std::move(value);
                current_.id_at = value_at_;
                break;
            case Role::Headword: current_.value.headword = std::move(value); break;
            case Role::ContentHash: current_.value.content_hash = std::move(value); break;
            case Role::Entry:
                current_.value.entries.push_back(std::move(value));
                current_.entry_at.push_back(value_at_);
                break;
            case Role::RetiredId:
                retired_.push_back(std::move(value));
                retired_at_.push_back(value_at_);
                break;
            default: break;
        }
        return true;
    }
    bool start_object(std::size_t) override {
        Role role = begin_value(Kind::Object);
        if (role == Role::Root) root_is_object_ = true;
        if (role == Role::Concept) {
            current_ = ReadConcept{};
            current_.at = value_at_;
        }
        stack_.push_back({role, true, Role::Ignored});
        return true;
    }
    bool key(string_t& key) override {
        tokens_.next();
        stack_.back().member = member_role(stack_.back().role, key);
        return true;
    }
    bool end_object() override {
        tokens_.next();
        Role role = stack_.back().role;
        stack_.pop_back();
        if (role == Role::Concept) end_concept();
        return true;
    }
    bool start_array(std::size_t) override {
        Role role = begin_value(Kind::Array);
        // A member given twice: the last is read (json-duplicate-key says so).
        if (role == Role::Concepts) {
            concepts_.clear();
            has_concepts_ = true;
        } else if (role == Role::Entries) {
            current_.value.entries.clear();
            current_.entry_at.clear();
            current_.has_entries = true;
        } else if (role == Role::Retired) {
            retired_.clear();
            retired_at_.clear();
        }
        stack_.push_back({role, false, Role::Ignored});
        return true;
    }
    bool end_array() override {
        tokens_.next();
        stack_.pop_back();
        return true;
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& exception) override {
        // nlohmann's message repeats the position ("parse error at line 3,
        // column 5: ..."), which the diagnostic gives already.
        std::string message = exception.what();
        if (auto column = message.find(", column "); column != std::string::npos) {
            if (auto colon = message.find(": ", column); colon != std::string::npos) message.erase(0, colon + 2);
        } else if (auto bracket = message.find("] "); bracket != std::string::npos) {
            message.erase(0, bracket + 2);
        }
        error(position > 0 ? position - 1 : 0, "ledger-syntax", "invalid JSON: " + message);
        return false;
    }

    // The ledger read, checked whole; nullopt when it has errors.
    std::optional<Ledger> finish() {
        if (root_is_object_ && !has_concepts_) error(0, "ledger-bad-field", "the ledger has no 'concepts'");
        if (root_is_object_ && version_ != kLedgerVersion)
            error(version_at_, "ledger-unknown-version",
                  "ledger_version " + version_text_ + " is not one this glossc reads (it reads version " +
                      std::to_string(kLedgerVersion) + "); use the glossc that wrote it");
        check_ids_and_entries();
        if (errors_ > 0) return std::nullopt;
        Ledger ledger;
        ledger.concepts.reserve(concepts_.size());
        for (auto& c : concepts_) ledger.concepts.push_back(std::move(c.value));
        ledger.retired = std::move(retired_);
        return ledger;
    }

private:
    struct Frame {
        Role role;
        bool object;
        Role member;  // of an object: the role of the value after the last key
    };

    // Every value starts here: its offset, its role, and a type check. A
    // value of the wrong type is reported and ignored (with its contents).
    Role begin_value(Kind kind) {
        value_at_ = tokens_.next();
        Role role = stack_.empty() ? Role::Root
                    : stack_.back().object ? stack_.back().member
                                           : element_role(stack_.back().role);
        if (role == Role::Ignored) return role;
        if (role == Role::Id) current_.id_given = true;
        if (role == Role::Entries) current_.entries_given = true;
        Expectation expected = expectation(role);
        if (kind == expected.kind) return role;
        error(value_at_, "ledger-bad-field", std::string(expected.rule) + ", not " + std::string(described(kind)));
        return Role::Ignored;
    }

    void integer(Role role, std::int64_t value, const std::string& written) {
        if (role == Role::Version) {
            version_ = value;
            version_text_ = written;
            version_at_ = value_at_;
        } else if (role == Role::Modified) {
            if (value < 0 || value > kLastModified) {
                error(value_at_, "ledger-bad-field",
                      "'modified' must be between 0 and " + std::to_string(kLastModified) +
                          " (seconds since 1970, up to the end of the year 9999), not " + written);
                return;
            }
            current_.value.modified = value;
        }
    }

    // A concept without a string id or an array of entries is left out
    // of the checks that compare concepts (its error is reported already).
    void end_concept() {
        if (!current_.id_given) error(current_.at, "ledger-bad-field", "a concept needs an 'id'");
        if (!current_.entries_given) error(current_.at, "ledger-bad-field", "a concept needs 'entries'");
        if (current_.id_at && current_.has_entries) concepts_.push_back(std::move(current_));
    }

    void check_ids_and_entries() {
        auto not_slug = [](const std::string& id) {
            return "id '" + id + "' is not a slug: lowercase ASCII letters and digits, words joined by single '-'";
        };
        // Looked up only: hashed. Views into concepts_ and retired_, which no longer change.
        std::unordered_map<std::string_view, std::size_t> concept_of_id;
        struct Pin {
            std::size_t concept_;
            std::size_t at;
        };
        std::unordered_map<std::string_view, Pin> pin_of_entry;
        for (std::size_t i = 0; i < concepts_.size(); ++i) {
            const ReadConcept& c = concepts_[i];
            const std::string& id = c.value.id;
            if (!text::is_slug(id)) error(*c.id_at, "ledger-bad-id", not_slug(id));
            auto [first, inserted] = concept_of_id.emplace(id, i);
            if (!inserted)
                error(*c.id_at, "ledger-duplicate-id",
                      "id '" + id + "' is given to two concepts (the other at line " +
                          line_of(*concepts_[first->second].id_at) +
                          "): each concept has an id of its own, or concepts would trade ids");
            for (std::size_t e = 0; e < c.value.entries.size(); ++e) {
                const std::string& entry = c.value.entries[e];
                auto [pin, fresh] = pin_of_entry.emplace(entry, Pin{i, c.entry_at[e]});
                if (fresh) continue;
                if (pin->second.concept_ == i)
                    error(c.entry_at[e], "ledger-duplicate-entry",
                          "entry '" + entry + "' is listed twice in concept '" + id + "' (first at line " +
                              line_of(pin->second.at) + ")");
                else
                    error(c.entry_at[e], "ledger-duplicate-entry",
                          "entry '" + entry + "' is pinned to two concepts: '" +
                              concepts_[pin->second.concept_].value.id + "' (line " + line_of(pin->second.at) +
                              ") and '" + id + "'; an entry forms one concept");
            }
        }
        std::unordered_map<std::string_view, std::size_t> retired_at;
        for (std::size_t r = 0; r < retired_.size(); ++r) {
            const std::string& id = retired_[r];
            if (!text::is_slug(id)) error(retired_at_[r], "ledger-bad-id", not_slug(id));
            if (auto [first, inserted] = retired_at.emplace(id, retired_at_[r]); !inserted)
                error(retired_at_[r], "ledger-duplicate-id",
                      "retired id '" + id + "' is listed twice (first at line " + line_of(first->second) + ")");
            if (auto active = concept_of_id.find(id); active != concept_of_id.end())
                error(retired_at_[r], "ledger-retired-in-use",
                      "id '" + id + "' is retired and also a concept's (line " +
                          line_of(*concepts_[active->second].id_at) + "); a retired id is never given again");
        }
    }

    std::string line_of(std::size_t offset) const { return std::to_string(lines_.line_of(offset)); }
    void error(std::size_t offset, std::string_view code, std::string message) {
        auto at = lines_.at(offset);
        sink_.error(Location{display_, at.line, at.column}, code, std::move(message));
        ++errors_;
    }

    text::JsonTokenCursor tokens_;
    text::LineIndex lines_;
    const std::string& display_;
    DiagnosticSink& sink_;
    std::size_t errors_ = 0;

    std::vector<Frame> stack_;
    std::size_t value_at_ = 0;  // offset of the value being read
    bool root_is_object_ = false;
    bool has_concepts_ = false;
    std::int64_t version_ = kLedgerVersion;  // absent: written before the field existed
    std::string version_text_;
    std::size_t version_at_ = 0;
    ReadConcept current_;
    std::vector<ReadConcept> concepts_;
    std::vector<std::string> retired_;
    std::vector<std::size_t> retired_at_;
};

}  // namespace

std::optional<Ledger> parse_ledger(std::string_view text, const std::string& display_path, DiagnosticSink& sink) {
    // Nesting too deep is refused before the parser sees it (its stack).
    if (!text::check_json_structure(text, display_path, sink)) return std::nullopt;
    LedgerReader reader(text, display_path, sink);
    if (!nlohmann::json::sax_parse(text, &reader)) return std::nullopt;
    return reader.finish();
}

std::optional<Ledger> load_ledger(const std::filesystem::path& path, DiagnosticSink& sink) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return Ledger{};
    std::string display = path.lexically_normal().generic_string();
    std::string text;
    if (!text::read_data_file(path, "ledger", text::kMaxLedgerBytes, text, sink)) return std::nullopt;
    return parse_ledger(text, display, sink);
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
    nlohmann::ordered_json root{{"ledger_version", kLedgerVersion}, {"concepts", concepts}, {"retired", ledger.retired}};
    return root.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace glossc::merge
