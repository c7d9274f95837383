// What the LaTeX backend's writer and reader share (internal to
// backends/latex; the format is described in latex_backend.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace glossc::latex_backend::format {

// The first line of every glossary.tex we write.
inline constexpr std::string_view kSignature = "%% glossc-latex 1";
inline constexpr std::string_view kBeginDocument = "\\begin{document}";
inline constexpr std::string_view kEndDocument = "\\end{document}";

// The preamble (latex_preamble.cpp): `title` is escaped text, `language` an
// ASCII language tag or empty, `pdf_date` "D:YYYYMMDDhhmmssZ". `blocks`: the
// body has definitions in blocks, whose packages and macros are then added.
std::string preamble(std::string_view trailer_id, std::string_view pdf_date, std::string_view title,
                     std::string_view language, bool blocks);

// The inverse of escape_text(): nullopt-free; throws BackendReadError.
std::string unescape_text(std::string_view escaped);

// One line of a code block, as \gcline{} holds it: escape_text(), with each
// space written "\ " (TeX would merge a run of plain spaces into one), so
// that indentation prints as it is. And its inverse (throws BackendReadError).
std::string escape_code_line(std::string_view line);
std::string unescape_code_line(std::string_view escaped);

// How escape_text() treats a code point.
enum class CharClass : std::uint8_t { Plain, Visible, Invisible };
CharClass classify(char32_t cp);

// The \label of a concept: "gc:" + id when the id is [A-Za-z0-9-]+, else
// "gcx:" + hex of its bytes.
std::string label_key(std::string_view id);

// URLs (and arXiv ids) handed to hyperref for a link: printable ASCII
// without spaces, backslashes, braces, ^, ", <, >, `.
bool linkable_url(std::string_view url);
bool linkable_arxiv(std::string_view id);

// ASCII language tags ([A-Za-z0-9-], at most 35) go into the PDF's /Lang.
bool pdf_language(std::string_view language);

// The first `max` code points of s (with "…" when cut).
std::string cut(std::string_view s, std::size_t max);

}  // namespace glossc::latex_backend::format
