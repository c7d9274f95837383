// Finding the seam where a scrape glued a title to the text after it with no
// separator: "PagedAttentionPagedAttention stores ...", "Low-Rank Adaptation
// (LoRA)LoRA fine-tunes ...", "Implicit Regularisation of SGDOver-parameterised
// networks ...".
//
// Every position where the text could restart (a capital letter or digit
// right after a non-space, or a lower-case name such as "xLSTM") is a
// candidate. Candidates whose title cannot be one (unbalanced brackets, a
// dangling "-" or "&", a full stop inside) are dropped; the others are scored
// by what a definition usually does right after its title:
//   - restart with the title itself ("xLSTMxLSTM is"),
//   - restart with words of the title, possibly after an opener
//     ("HyperparameterA hyperparameter is", "(MMLU, HumanEval, ...)MMLU tests"),
//   - start with a sentence opener ("A", "The", "In", ...),
// and against seams that cut a word in an implausible place ("SG|DOver",
// "RO|ME", "Lion OptimizerA| momentum"). The best score wins; the margin to
// the runner-up says how sure the split is.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace glossc {

// Words that open a definition sentence without naming the term ("A", "The",
// "This", ...): the default list, which sources can replace.
std::span<const std::string_view> default_sentence_openers();

struct GluedTitleSplit {
    std::size_t at = 0;  // byte offset where the definition starts
    int score = 0;
    // Score lead over the next-best seam; large when there was no other.
    int margin = 0;
};

// Score margin under which a split is worth an editor's look.
inline constexpr int kUncertainSplitMargin = 20;

// The best seam in `glued`, or nullopt when no position can end a title.
std::optional<GluedTitleSplit> split_glued_title(std::string_view glued, std::span<const std::string> sentence_openers);

}  // namespace glossc
