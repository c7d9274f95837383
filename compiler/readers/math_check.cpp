#include "readers/math_check.hpp"

#include <cctype>

#include "math/commands.hpp"
#include "math/tree.hpp"
#include "text/lines.hpp"

namespace glossc {

namespace {

class MathCheck {
public:
    MathCheck(const SourceSpec& spec, const Entry& entry, DiagnosticSink& sink)
        : spec_(spec), entry_(entry), sink_(sink) {}

    void run() {
        const ir::Definition& d = entry_.definition;
        inline_text(d.summary);
        for (const auto* blocks : {&d.body, &d.details, &d.example}) this->blocks(*blocks);
    }

private:
    void blocks(const ir::Blocks& blocks) {
        for (const auto& block : blocks) {
            inline_text(block.text);
            if (block.kind == ir::BlockKind::DisplayMath) formula(block.literal);
            for (const auto& item : block.items) this->blocks(item);
            for (const auto& row : block.rows)
                for (const auto& cell : row) inline_text(cell);
        }
    }

    void inline_text(const ir::RichText& text) {
        for (const auto& node : text) {
            if (node.kind == ir::InlineKind::Math) formula(node.text);
            if (node.kind == ir::InlineKind::Text) prose(node.text);
            inline_text(node.children);
        }
    }

    void formula(const std::string& tex) {
        math::Parsed parsed = math::parse(tex);
        if (parsed.ok()) return;
        sink_.warning(location(spec_, entry_.line), "math-unparsed",
                      "entry '" + entry_.key + "': formula '" + text::excerpt(tex) + "' cannot be read as TeX (" +
                          parsed.error + "); the outputs show it as TeX source");
    }

    // The first TeX command the math layer knows in prose ("\times" left
    // between two formulas), once per text node.
    void prose(const std::string& text) {
        for (std::size_t at = text.find('\\'); at != std::string::npos; at = text.find('\\', at + 1)) {
            std::size_t end = at + 1;
            while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
            if (end == at + 1 || !math::find_command(std::string_view(text).substr(at + 1, end - at - 1))) continue;
            sink_.warning(location(spec_, entry_.line), "tex-in-text",
                          "entry '" + entry_.key + "': TeX '" + text.substr(at, end - at) +
                              "' stands in prose outside any formula ('" +
                              text::excerpt(std::string_view(text).substr(at > 20 ? at - 20 : 0)) +
                              "'); check the source's $ pairs");
            return;
        }
    }

    const SourceSpec& spec_;
    const Entry& entry_;
    DiagnosticSink& sink_;
};

}  // namespace

void check_math(const SourceSpec& spec, const ReaderResult& result, DiagnosticSink& sink) {
    for (const auto& entry : result.entries) MathCheck(spec, entry, sink).run();
}

}  // namespace glossc
