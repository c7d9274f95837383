// Splitting a printed headword into its names, shared by every reader:
//   "ZeRO (Zero Redundancy Optimizer)" -> ZeRO + expansion
//   "Low-Rank Adaptation (LoRA)"       -> Low-Rank Adaptation + abbreviation
//   "Key-Value (KV) Caching"           -> Key-Value Caching + variant "KV Caching"
//   "bf16 / bfloat16"                  -> bf16 + variant
//   "Flash Attention (FA / FA2 / FA3)" -> Flash Attention + abbreviations
//   "\"aha moment\""                   -> aha moment (quotes are not part of the name)
// while a qualifier is not a name: "Load Balancing (MoE)" stays one headword,
// and neither is a shared head noun: "length / format reward" names two
// things (length reward, format reward), so it stays whole.
// Names that are model-naming tags ("-sft / -dpo", "google/") are kept whole
// so their parts never collide with real concepts.
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

}  // namespace glossc
