#include "readers/sanitize.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include <utf8proc.h>

#include "readers/label_check.hpp"
#include "readers/math_check.hpp"
#include "readers/readers.hpp"
#include "text/input_file.hpp"
#include "text/lines.hpp"

namespace glossc {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// One kind of repair: where it first happened and how often.
struct Repairs {
    std::uint32_t line = 0, column = 0;
    std::size_t count = 0;
    std::size_t nul = 0;  // NUL bytes among control characters: a sign of binary or UTF-16 input
    void add(std::uint32_t at_line, std::uint32_t at_column) {
        if (count++ == 0) {
            line = at_line;
            column = at_column;
        }
    }
};

void report_too_large(const SourceSpec& spec, std::uint64_t bytes, DiagnosticSink& sink) {
    sink.error(location(spec, 0), "source-too-large",
               "the source is " + std::to_string(bytes >> 20) + " MiB; sources may be " +
                   std::to_string(kMaxSourceBytes >> 20) + " MiB at most; it is not read");
}

std::string times(std::size_t n) { return n == 1 ? "once" : std::to_string(n) + " times"; }

std::size_t rich_text_bytes(const ir::RichText& text) {
    std::size_t bytes = 0;
    std::vector<const ir::RichText*> pending{&text};
    while (!pending.empty()) {
        const ir::RichText* run = pending.back();
        pending.pop_back();
        for (const auto& node : *run) {
            bytes += node.text.size() + node.target.size();
            pending.push_back(&node.children);
        }
    }
    return bytes;
}

// Every run of rich text in blocks, with how deep its block is nested (1
// for a top-level paragraph), and the bytes of code and formulas: walked
// with a stack, as a hostile source may nest lists deeply.
struct BlockTexts {
    std::vector<std::pair<const ir::RichText*, std::size_t>> texts;
    std::size_t literal_bytes = 0;
};
BlockTexts texts_of(const ir::Blocks& blocks) {
    BlockTexts out;
    std::vector<std::pair<const ir::Blocks*, std::size_t>> pending{{&blocks, 1}};
    while (!pending.empty()) {
        auto [run, depth] = pending.back();
        pending.pop_back();
        for (const auto& block : *run) {
            out.texts.push_back({&block.text, depth});
            out.literal_bytes += block.literal.size() + block.language.size();
            for (const auto& item : block.items) pending.push_back({&item, depth + 1});
            for (const auto& row : block.rows)
                for (const auto& cell : row) out.texts.push_back({&cell, depth + 1});
        }
    }
    return out;
}

struct Violation {
    std::string_view code;  // field-too-long or markup-too-deep
    std::string why;
};

std::optional<Violation> name_too_long(std::string_view what, const std::string& name) {
    if (name.size() <= kMaxNameBytes) return std::nullopt;
    return Violation{"field-too-long", std::string(what) + " is " + std::to_string(name.size()) +
                                           " bytes long (a name may be " + std::to_string(kMaxNameBytes) + ")"};
}

std::optional<Violation> field_too_long(std::string_view what, std::size_t bytes) {
    if (bytes <= kMaxFieldBytes) return std::nullopt;
    return Violation{"field-too-long", std::string(what) + " is " + std::to_string(bytes) +
                                           " bytes long (a field may be " + std::to_string(kMaxFieldBytes >> 20) +
                                           " MiB)"};
}

// The first limit an entry breaks, if any.
std::optional<Violation> over_limit(const Entry& entry) {
    if (auto v = name_too_long("its key", entry.key)) return v;
    if (auto v = name_too_long("its headword", entry.headword)) return v;
    for (const auto& label : entry.labels)
        if (auto v = name_too_long("a name", label.text)) return v;
    for (const auto& related : entry.related)
        if (auto v = name_too_long("a related name", related)) return v;
    const auto& d = entry.definition;
    const ir::Blocks summary = ir::paragraphs(d.summary);
    const std::pair<const char*, const ir::Blocks*> fields[] = {
        {"its summary", &summary}, {"its body", &d.body}, {"its details", &d.details}, {"its example", &d.example}};
    for (const auto& [what, blocks] : fields) {
        BlockTexts texts = texts_of(*blocks);
        std::size_t bytes = texts.literal_bytes, deepest = 0;
        for (const auto& [text, block_depth] : texts.texts) {
            bytes += rich_text_bytes(*text);
            // A paragraph's text counts as deep as the paragraph (depth 1 is its own level).
            deepest = std::max(deepest, block_depth - 1 + markup_depth(*text));
        }
        if (auto v = field_too_long(what, bytes)) return v;
        if (deepest > kMaxMarkupDepth)
            return Violation{"markup-too-deep", std::string(what) + " nests markup " + std::to_string(deepest) +
                                                    " levels deep (the limit is " + std::to_string(kMaxMarkupDepth) +
                                                    ")"};
    }
    for (const auto& category : entry.categories)
        if (auto v = field_too_long("a category", category.size())) return v;
    for (const auto& ref : entry.references)
        if (auto v = field_too_long("a reference", ref.title.size() + ref.authors.size() + ref.venue.size() +
                                                       ref.arxiv.size() + ref.url.size()))
            return v;
    for (const auto& extra : entry.extras)
        if (auto v = field_too_long("the field '" + text::excerpt(extra.key, 40) + "'", extra.value.size())) return v;
    return std::nullopt;
}

}  // namespace

std::size_t markup_depth(const ir::RichText& text) {
    std::size_t deepest = 0;
    std::vector<std::pair<const ir::RichText*, std::size_t>> pending{{&text, 1}};
    while (!pending.empty()) {
        auto [run, depth] = pending.back();
        pending.pop_back();
        if (run->empty()) continue;
        deepest = std::max(deepest, depth);
        for (const auto& node : *run) pending.push_back({&node.children, depth + 1});
    }
    return deepest;
}

namespace {

// sanitize_document's work on a text it cannot change (a mapped file): the
// repaired copy goes to `out`. The text is copied only from its first
// repair on, in runs between repairs: most sources need none and are read
// as they are (a dictionary-sized source is hundreds of megabytes).
enum class Sanitized { Refused, Clean, Repaired };
Sanitized sanitize_text(const SourceSpec& spec, std::string_view document, std::string& out, DiagnosticSink& sink) {
    if (document.size() > kMaxSourceBytes) {
        report_too_large(spec, document.size(), sink);
        return Sanitized::Refused;
    }
    Repairs invalid, control, bom;
    out.clear();
    std::size_t kept = 0;  // document[kept, i) is still to be copied to `out` as it is
    bool repaired = false;
    auto repair = [&](std::size_t at, std::string_view replacement, std::size_t resume) {
        if (!repaired) out.reserve(document.size());
        repaired = true;
        out.append(document.substr(kept, at - kept));
        out += replacement;
        kept = resume;
    };
    std::uint32_t line = 1, column = 1;
    const std::size_t size = document.size();
    for (std::size_t i = 0; i < size;) {
        unsigned char c = static_cast<unsigned char>(document[i]);
        if (c == '\n' || c == '\r') {
            std::size_t next = i + ((c == '\r' && i + 1 < size && document[i + 1] == '\n') ? 2 : 1);
            if (c == '\r') repair(i, "\n", next);
            i = next;
            ++line;
            column = 1;
            continue;
        }
        if (c < 0x80) {
            if (c < 0x20 && c != '\t') {
                control.add(line, column);
                if (c == 0) ++control.nul;
                repair(i, kReplacement, i + 1);
            }
            ++i;
            ++column;
            continue;
        }
        utf8proc_int32_t cp = 0;
        auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(document.data() + i),
                                  static_cast<utf8proc_ssize_t>(size - i), &cp);
        if (n <= 0 || cp < 0) {  // utf8proc refuses overlong forms and surrogates too
            invalid.add(line, column);
            repair(i, kReplacement, i + 1);
            ++i;
            ++column;
            continue;
        }
        // A BOM at the very start is the file's encoding mark (readers skip
        // it); anywhere else it is debris from concatenated files.
        if (cp == 0xFEFF && i != 0) {
            bom.add(line, column);
            repair(i, "", i + static_cast<std::size_t>(n));
        } else {
            ++column;
        }
        i += static_cast<std::size_t>(n);
    }
    if (invalid.count)
        sink.warning(location(spec, invalid.line, invalid.column), "invalid-utf8",
                     "invalid UTF-8 (first bad byte here, " + times(invalid.count) +
                         " in all); each invalid byte is read as U+FFFD");
    if (control.count)
        sink.warning(location(spec, control.line, control.column), "control-character",
                     "control character (first here, " + times(control.count) + " in all" +
                         (control.nul ? ", " + std::to_string(control.nul) + " of them NUL bytes" : std::string()) +
                         "); each is read as U+FFFD");
    if (bom.count)
        sink.warning(location(spec, bom.line, bom.column), "stray-bom",
                     "byte order mark inside the text (first here, " + times(bom.count) +
                         " in all), left over from joined files; removed");
    if (!repaired) return Sanitized::Clean;
    out.append(document.substr(kept));
    return Sanitized::Repaired;
}

}  // namespace

bool sanitize_document(const SourceSpec& spec, std::string& document, DiagnosticSink& sink) {
    std::string repaired;
    Sanitized sanitized = sanitize_text(spec, document, repaired, sink);
    if (sanitized == Sanitized::Repaired) document = std::move(repaired);
    return sanitized != Sanitized::Refused;
}

void enforce_entry_limits(const SourceSpec& spec, ReaderResult& result, DiagnosticSink& sink) {
    std::erase_if(result.entries, [&](const Entry& entry) {
        auto why = over_limit(entry);
        if (!why) return false;
        sink.error(location(spec, entry.line), why->code,
                   "entry '" + text::excerpt(entry.key, 40) + "': " + why->why + "; the entry is rejected");
        return true;
    });
}

// The one note said of every source that gave entries: how many, and how
// the reader found them, so that an editor sees at once whether the file was
// read as they meant it ("read 120 entries: 101 bold-term paragraphs, 19
// bullets under 9 section headings").
static void report_layout(const SourceSpec& spec, const ReaderInfo& reader, const ReaderResult& result,
                   DiagnosticSink& sink) {
    if (result.entries.empty()) return;
    std::string message = "read " + std::to_string(result.entries.size()) +
                          (result.entries.size() == 1 ? " entry" : " entries");
    std::size_t counted = 0;
    std::string kinds;
    for (const auto& [kind, count] : result.layout) {
        kinds += (kinds.empty() ? "" : ", ") + std::to_string(count) + " " + kind;
        counted += count;
    }
    // Entries rejected after reading (over a limit) are not in the counts.
    if (kinds.empty() || counted != result.entries.size()) {
        message += " as " + std::string(reader.format);
    } else {
        message += ": " + kinds;
    }
    if (result.sections > 0)
        message += " under " + std::to_string(result.sections) +
                   (result.sections == 1 ? " section heading" : " section headings");
    sink.note(location(spec, 0), "layout", std::move(message));
}

ReaderResult read_document(const SourceSpec& spec, std::string_view document, DiagnosticSink& sink) {
    const ReaderInfo* reader = find_reader(spec.format);
    if (!reader) return {};
    std::string repaired;
    Sanitized sanitized = sanitize_text(spec, document, repaired, sink);
    if (sanitized == Sanitized::Refused) return {};
    if (sanitized == Sanitized::Repaired) document = repaired;
    std::size_t reported_before = sink.all().size();
    ReaderResult result = reader->read(spec, document, sink);
    enforce_entry_limits(spec, result, sink);
    check_math(spec, result, sink);
    check_labels(spec, result, sink);
    report_layout(spec, *reader, result, sink);
    if (result.entries.empty()) {
        // Say so once: most readers already explain why they found nothing.
        bool said = false;
        for (std::size_t i = reported_before; i < sink.all().size(); ++i)
            said = said || sink.all()[i].code == "no-entries";
        if (!said) sink.warning(location(spec, 0), "no-entries", "the file holds no entries");
    }
    return result;
}

ReaderResult read_source_file(const SourceSpec& spec, DiagnosticSink& sink) {
    // Through the one door (text/input_file.hpp): only a regular file, its
    // size checked before reading, so that a huge file costs no memory and
    // a FIFO or /dev/zero is refused instead of hanging or filling memory.
    // Mapped rather than read where it can be: the reader sees the page
    // cache's own pages, where reading would copy every byte into fresh
    // memory (a million entries are a gigabyte of sources).
    text::InputFile file(spec.path, kMaxSourceBytes);
    std::optional<std::string_view> document = file.contents();
    if (document) return read_document(spec, *document, sink);
    switch (file.error()) {
        case text::InputError::TooLarge:
            if (file.size() > kMaxSourceBytes) report_too_large(spec, file.size(), sink);
            else sink.error(location(spec, 0), "source-too-large", "the source " + file.reason() + "; it is not read");
            break;
        case text::InputError::NotAFile:
            sink.error(location(spec, 0), "input-not-a-file", "the source " + file.reason() + "; it is not read");
            break;
        default:
            sink.error(location(spec, 0), "source-unreadable", "the source " + file.reason());
            break;
    }
    return {};
}

}  // namespace glossc
