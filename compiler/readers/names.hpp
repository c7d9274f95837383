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

#include <optional>
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

// Model-naming tags and organisation prefixes: "-sft / -dpo", "google/",
// "-Nano/-Micro". Their parts are not names of their own, and nor is the
// maker a source names beside one ("DeepSeek — V2/V3, R1, Coder" for
// "deepseek-ai/"): the namespace is not the lab.
bool is_naming_tag(std::string_view name);

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

// ---- Names and glosses ----------------------------------------------------------
//
// A source that has one field for "the other name" often writes a gloss into
// it: "bitsandbytes — Tim Dettmers' quantization library", "DeepSeek — V2/V3,
// R1, Coder". The part before the dash is a name; the rest describes.

// "NAME — gloss" split at its first dash between spaces (em dash, en dash or
// " - "); nullopt when there is none or either side is empty. Both parts are
// trimmed views into `printed`.
struct GlossedName {
    std::string_view name;
    std::string_view gloss;
};
std::optional<GlossedName> split_gloss(std::string_view printed);

// True when `label` reads as a description rather than a name of `headword`:
// it still holds a gloss after a dash, or it has four words or more of which
// at least two are lower-case words other than particles ("Specialized
// runtime for executing trained LLM weights", "Active parameters per token in
// MoE"). A long-form name keeps its capitals ("Infused Adapter by Inhibiting
// and Amplifying Inner Activations"), and a spelling-out of the headword is a
// name however it is written ("Yet another RoPE extensioN" for YaRN).
bool reads_as_description(std::string_view label, std::string_view headword);

}  // namespace glossc
