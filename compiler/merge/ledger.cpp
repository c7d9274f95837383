#include "merge/ledger.hpp"

#include <nlohmann/json.hpp>

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
