#include "support/reader_fixtures.hpp"

#include <gtest/gtest.h>

#include "manifest/manifest.hpp"
#include "support/paths.hpp"
#include "text/file_io.hpp"
#include "text/inline_math.hpp"
#include "text/lines.hpp"

namespace glossc::testing {

SourceSpec seed_spec(const std::string& id) {
    DiagnosticSink sink;
    auto manifest = load_manifest(seeds_manifest(), sink);
    if (manifest)
        for (const auto& source : manifest->sources)
            if (source.id == id) return source;
    ADD_FAILURE() << "no source '" << id << "' in " << seeds_manifest();
    return {};
}

std::string seed_document(const SourceSpec& spec) {
    std::string document;
    EXPECT_TRUE(text::read_file(spec.path, document)) << spec.path;
    return document;
}

SourceSpec spec_for(const std::string& format, const std::string& file) {
    SourceSpec spec;
    spec.id = "s";
    spec.file = spec.display_path = file;
    spec.format = format;
    return spec;
}

ReaderResult read_with(const SourceSpec& spec, std::string_view document, DiagnosticSink& sink) {
    const ReaderInfo* reader = find_reader(spec.format);
    if (!reader) {
        ADD_FAILURE() << "no reader '" << spec.format << "'";
        return {};
    }
    return reader->read(spec, document, sink);
}

std::string data_file(const std::string& name) {
    std::string document;
    EXPECT_TRUE(text::read_file(source_dir() / "tests" / "data" / "sources" / name, document)) << name;
    return document;
}

std::vector<std::string> keys_of(const ReaderResult& result) {
    std::vector<std::string> keys;
    for (const auto& entry : result.entries) keys.push_back(entry.key);
    return keys;
}

const Entry* find_key(const ReaderResult& result, std::string_view key) {
    for (const auto& entry : result.entries)
        if (entry.key == key) return &entry;
    return nullptr;
}

const Entry* find_headword(const ReaderResult& result, std::string_view headword) {
    for (const auto& entry : result.entries)
        if (entry.headword == headword) return &entry;
    return nullptr;
}

bool has_label(const Entry& entry, std::string_view text, ir::LabelKind kind) {
    for (const auto& label : entry.labels)
        if (label.text == text && label.kind == kind) return true;
    return false;
}

std::string plain(const ir::RichText& rich) { return text::plain_text(rich); }
std::string plain(const ir::Blocks& blocks) { return text::plain_text(blocks); }

namespace {
void collect_texts(const ir::Blocks& blocks, std::vector<const ir::RichText*>& out) {
    for (const auto& block : blocks) {
        if (block.kind == ir::BlockKind::Paragraph) out.push_back(&block.text);
        for (const auto& item : block.items) collect_texts(item, out);
        for (const auto& row : block.rows)
            for (const auto& cell : row) out.push_back(&cell);
    }
}
}  // namespace

std::vector<const ir::RichText*> rich_texts(const ir::Definition& d) {
    std::vector<const ir::RichText*> out{&d.summary};
    for (const auto* blocks : {&d.body, &d.details, &d.example}) collect_texts(*blocks, out);
    return out;
}

std::string shape(const ir::Blocks& blocks) {
    std::string out;
    for (const auto& block : blocks) {
        if (!out.empty()) out += ' ';
        out += ir::to_string(block.kind);
        if (block.items.empty()) continue;
        out += '[';
        for (std::size_t i = 0; i < block.items.size(); ++i) out += (i ? " | " : "") + shape(block.items[i]);
        out += ']';
    }
    return out;
}

std::string join_lines(const std::vector<std::string>& lines, std::string_view eol) {
    std::string out;
    for (const auto& line : lines) out += line + std::string(eol);
    return out;
}

std::vector<std::uint32_t> lines_of(const DiagnosticSink& sink, std::string_view code) {
    std::vector<std::uint32_t> out;
    for (const auto& d : sink.all())
        if (d.code == code) out.push_back(d.line);
    return out;
}

const ir::Diagnostic* find_code(const DiagnosticSink& sink, std::string_view code) {
    for (const auto& d : sink.all())
        if (d.code == code) return &d;
    return nullptr;
}

std::set<std::string> codes_of(const DiagnosticSink& sink) {
    std::set<std::string> out;
    for (const auto& d : sink.all()) out.insert(d.code);
    return out;
}

std::string describe(const DiagnosticSink& sink) {
    std::string out;
    for (const auto& d : sink.all()) out += format_diagnostic(d) + "\n";
    return out;
}

LineAccount account_lines(std::string_view document, const std::set<std::uint32_t>& consumed,
                          const std::function<bool(std::string_view)>& is_header, const DiagnosticSink& sink) {
    std::set<std::uint32_t> reported;
    for (const auto& d : sink.all()) reported.insert(d.line);
    LineAccount account;
    for (const auto& line : text::split_lines(document)) {
        ++account.total;
        std::string_view content = text::trim(line.text);
        if (consumed.count(line.number)) {
            ++account.consumed;
        } else if (!content.empty() && is_header(content)) {
            ++account.header;
        } else if (reported.count(line.number)) {
            ++account.reported;
        } else if (content.empty()) {
            ++account.blank;
        } else {
            account.unaccounted.push_back(line.number);
        }
    }
    return account;
}

}  // namespace glossc::testing
