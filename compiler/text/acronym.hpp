// Acronym <-> expansion detection in the style of Schwartz & Hearst (2003):
// the short form's letters are matched right to left against the long form,
// the first letter at the start of a word. Used by readers (to type labels)
// and by the merge (to link "KV" with "Key-Value").
#pragma once

#include <string_view>

namespace glossc::text {

// True when `short_form` looks like an abbreviation: one token of 1..12
// characters with at least one letter, and not longer than the long form.
bool looks_like_abbreviation(std::string_view short_form);

// True when `short_form` abbreviates `long_form` ("LoRA" / "Low-Rank
// Adaptation", "ct2" / "CTranslate2", "FSDP" / "Fully Sharded Data Parallel").
bool abbreviates(std::string_view short_form, std::string_view long_form);

}  // namespace glossc::text
