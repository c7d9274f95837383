// RapidCheck generators for the IR: hostile but valid glossaries, shared by
// every backend's round-trip property.
//
// "Valid" means what the IR promises: strings are UTF-8 without NUL, rich
// text is in canonical form (see ir.hpp), concept ids are unique slugs.
// "Hostile" means everything else goes: combining marks, right-to-left and
// CJK text, emoji, control characters, markup characters of every target,
// empty and long fields, headwords differing only by case, related cycles.
#pragma once

#include <rapidcheck.h>

#include "ir/ir.hpp"

namespace glossc::testing {

// Any valid UTF-8 text without NUL, biased towards characters that break
// writers: < & " ' \ { } $ % # _ ^ ~ ]]> -- and friends.
rc::Gen<std::string> hostile_string();
// Non-empty, not only white space (headwords, ids of names).
rc::Gen<std::string> hostile_name();
rc::Gen<ir::RichText> rich_text(int depth = 2);
// Blocks in canonical form (ir.hpp): mostly one paragraph, as sources give;
// else paragraphs, nested lists, code with hostile lines, display math,
// quotes and tables. `depth` bounds the nesting of lists and quotes.
ir::Blocks blocks(int depth = 2);
rc::Gen<ir::Glossary> glossary();

}  // namespace glossc::testing

namespace rc {
template <>
struct Arbitrary<glossc::ir::Glossary> {
    static Gen<glossc::ir::Glossary> arbitrary() { return glossc::testing::glossary(); }
};
}  // namespace rc
