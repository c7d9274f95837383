// The order people look headwords up in, for every backend that lists
// concepts by letter (EPUB today). The rules are the plain-text backend's
// (backends/text/text_backend.hpp, "Concepts are sorted by headword"), so the
// book and the text file list concepts the same way.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.hpp"

namespace glossc::order {

// The section a headword is listed under: "#" when it does not start with a
// letter, otherwise its first letter's base letter, upper-cased ("école" is
// under "E", "ζeta" under "Ζ").
std::string section_of(std::string_view headword);

// Indices of `concepts` sorted by section ("#" first, then letters in code
// point order), then case- and accent-insensitively, then by the exact
// headword, then by id: the same glossary always gives the same order.
std::vector<std::size_t> concept_order(const std::vector<ir::Concept>& concepts);

}  // namespace glossc::order
