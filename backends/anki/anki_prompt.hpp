// The "Definition → Term" card's prompt (the Definition field's <div
// class="reverse-prompt">, anki_backend.hpp): one definition's summary with
// every name of the concept masked, so that the card asks for the term
// instead of showing it. Minimum information: one summary, not every
// definition, body and "see also"; those are the answer side's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.hpp"

namespace glossc::anki_backend {

// What a masked name becomes.
inline constexpr std::string_view kMask = "[\xE2\x80\xA6]";  // "[…]"

// The prompt: the first definition's summary that shows something
// (definitions come in source priority order, so the preferred source's),
// else the first body that begins with a paragraph (its first paragraph),
// with the concept's names masked; empty when there is neither.
ir::RichText reverse_prompt(const ir::Concept& c);

// The names masked: the headword, every label (hidden ones too) and each
// of them without a trailing qualifier ("Verifier (RL answer checker)" ->
// "Verifier") when what is left has two characters or more, longest first
// (so "KV cache" is masked before "KV" could leave " cache" behind).
std::vector<std::string> names_to_mask(const ir::Concept& c);

// `text` with every occurrence of a name replaced by kMask: ASCII letters
// compared without case, a space and a hyphen alike ("KV-cache" is "KV
// cache"), whole words only (no letter or digit on either side of a name's
// letter or digit ends), and a plural or possessive ending ("s", "es",
// "'s", "’s", "s'") masked with the name. `names` as names_to_mask gives
// them. A name split between two inline nodes (half of it emphasized) is
// not found.
std::string mask_names(std::string_view text, const std::vector<std::string>& names);

}  // namespace glossc::anki_backend
