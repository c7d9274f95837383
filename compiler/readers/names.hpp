// Splitting a printed headword into its names, shared by every reader:
//   "ZeRO (Zero Redundancy Optimizer)" -> ZeRO + expansion
//   "Low-Rank Adaptation (LoRA)"       -> Low-Rank Adaptation + abbreviation
//   "Key-Value (KV) Caching"           -> Key-Value Caching + variant "KV Caching"
//   "bf16 / bfloat16"                  -> bf16 + variant
//   "Flash Attention (FA / FA2 / FA3)" -> Flash Attention + abbreviations
//   "AGI or Artificial General Intelligence" -> AGI + expansion
//   "Conversational or Chat AI"        -> Conversational AI + variant "Chat AI"
//   "Zero-shot Prompting/Learning"     -> Zero-shot Prompting + variant "Zero-shot Learning"
//   "\"aha moment\""                   -> aha moment (quotes are not part of the name)
// while a qualifier is not a name: "Load Balancing (MoE)" stays one headword,
// and neither is a shared head noun: "length / format reward" names two
// things (length reward, format reward), so it stays whole.
// Names that are model-naming tags ("-sft / -dpo", "google/") are kept whole
// so their parts never collide with real concepts, and so are slashed
// words that name one thing ("A/B testing", "I/O", "TCP/IP", "input/output",
// "Prefill/Decode Serving": the slash is not in the last word after a shared
// beginning). " or " parts names only when each is capitalised ("Trillion
// parameters or tokens" describes, it does not name).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.hpp"

namespace glossc {

struct SplitName {
    std::string headword;            // the main name; keeps a qualifier "(MoE)"
    std::vector<ir::Label> labels;   // the other names, typed
};

SplitName split_headword(std::string_view printed);

// How `name` relates to `headword`: Abbreviation when it abbreviates the
// headword ("CoT" / "Chain-of-Thought"), Expansion when the headword
// abbreviates it ("ZeRO" / "Zero Redundancy Optimizer"), otherwise Variant.
ir::LabelKind label_kind_for(std::string_view name, std::string_view headword);

// Adds `label` unless a label (or the headword) with the same text exists.
void add_label(std::vector<ir::Label>& labels, std::string_view headword, ir::Label label);

// The names a definition lists after "Also called" (or "Also known as",
// "a.k.a.", ...; `text` starts after that label), and where the definition
// goes on: "the response variable or “y,” the dependent variable is …" gives
// "response variable" and "y", the rest starting at "the dependent …". The
// list ends at a sentence end, or at the first item too long for a name
// (more than five words) or opening a clause ("it is …"). Quotes, trailing
// punctuation and a leading article are trimmed from the names.
struct OpeningNames {
    std::vector<std::string> names;
    std::size_t rest = 0;  // offset in `text` of what follows; its size when nothing does
};
OpeningNames opening_names(std::string_view text);

}  // namespace glossc
