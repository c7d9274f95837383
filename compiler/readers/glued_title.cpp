#include "readers/glued_title.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <vector>

#include "readers/sanitize.hpp"
#include "text/lines.hpp"
#include "text/utf8.hpp"

namespace glossc {

namespace {

// Evidence for a seam (see the header for the reasoning behind each).
constexpr int kRestartsWithTitle = 200;
constexpr int kTitleWord = 60;  // per leading definition word found in the title
constexpr int kMaxTitleWords = 3;
constexpr int kSentenceOpener = 50;
constexpr int kSameFirstWord = 20;
// Evidence against it.
constexpr int kMisshapenWord = -80;   // "GDOver-parameterised"
constexpr int kImplausibleCut = -60;  // "RO|ME", "Lion OptimizerA| momentum", a one-letter title word
constexpr int kPerTitleWord = -1;     // at equal evidence, the shorter title
constexpr int kPerLongTitleWord = -4; // titles are short; sentences are not
constexpr std::size_t kShortTitleWords = 6;

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_upper(c) || is_lower(c) || is_digit(c); }
bool is_space(char c) { return c == ' ' || c == '\t'; }
char lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

// Words for matching, case-folded; hyphens and punctuation separate them
// ("Mixed-precision" matches "Mixed Precision"). Bytes of non-ASCII
// characters count as word characters.
std::vector<std::string> match_words(std::string_view s) {
    std::vector<std::string> words;
    std::string current;
    for (char c : s) {
        if (is_alnum(c) || static_cast<unsigned char>(c) >= 0x80) {
            current += lower(c);
        } else if (!current.empty()) {
            words.push_back(std::move(current));
            current.clear();
        }
    }
    if (!current.empty()) words.push_back(std::move(current));
    return words;
}

// The first word as printed: up to white space or punctuation that ends words.
std::string_view first_word(std::string_view s) {
    std::size_t end = s.find_first_of(" \t,.;:()");
    return s.substr(0, end);
}

std::string_view last_token(std::string_view s) {
    std::size_t space = s.find_last_of(" \t");
    return space == std::string_view::npos ? s : s.substr(space + 1);
}

bool brackets_balance(std::string_view s) {
    std::string open;
    std::size_t quotes = 0;
    for (char c : s) {
        if (c == '(' || c == '[' || c == '{') {
            open += c;
        } else if (c == ')' || c == ']' || c == '}') {
            char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
            if (open.empty() || open.back() != expected) return false;
            open.pop_back();
        } else if (c == '"') {
            ++quotes;
        }
    }
    return open.empty() && quotes % 2 == 0;
}

// A title is a name: it closes what it opens, does not end on a connector
// ("Micro-", "Fisher–", "Data &"), and holds no sentence or formula.
bool can_end_title(std::string_view title) {
    if (title.empty() || !brackets_balance(title)) return false;
    static constexpr std::string_view kDashes[] = {"\xE2\x80\x93", "\xE2\x80\x94"};  // – —
    for (auto dash : kDashes)
        if (text::ends_with(title, dash)) return false;
    if (std::string_view("-/&,:;(").find(title.back()) != std::string_view::npos || is_space(title.back()))
        return false;
    return title.find(". ") == std::string_view::npos && title.find("\\(") == std::string_view::npos;
}

// "xLSTM", "vLLM", "minLSTM": a lower-case start followed by capitals is a
// name, and a definition may start with it. Any other lower-case start is the
// middle of a word.
bool is_lower_camel_name(std::string_view word) {
    std::size_t i = 0;
    while (i < word.size() && is_lower(word[i])) ++i;
    return i > 0 && i + 1 < word.size() && is_upper(word[i]) && (is_upper(word[i + 1]) || is_digit(word[i + 1]));
}

bool can_start_definition(std::string_view title, std::string_view definition) {
    char first = definition.front();
    if (is_upper(first)) return true;
    if (is_digit(first)) return !is_digit(title.back());  // "GPT-2" is not "GPT-" + "2..."
    return is_lower(first) && is_lower_camel_name(first_word(definition));
}

// True when the definition starts with the whole title, compared on letters
// and digits only ("Mixed Precision Training" / "Mixed-precision training"),
// and the match ends at a word boundary.
bool restarts_with_title(std::string_view title, std::string_view definition) {
    std::string wanted;
    for (char c : title)
        if (is_alnum(c) || static_cast<unsigned char>(c) >= 0x80) wanted += lower(c);
    if (wanted.empty()) return false;
    std::size_t matched = 0;
    for (std::size_t i = 0; i < definition.size(); ++i) {
        char c = definition[i];
        if (!is_alnum(c) && static_cast<unsigned char>(c) < 0x80) continue;
        if (lower(c) != wanted[matched]) return false;
        if (++matched == wanted.size()) return i + 1 == definition.size() || !is_alnum(definition[i + 1]);
    }
    return false;
}

bool is_opener(std::string_view word, std::span<const std::string> openers) {
    return std::find(openers.begin(), openers.end(), word) != openers.end();
}

// What a definition does right after its title: restart with the title, with
// words of it (perhaps after an opener), or with a sentence opener.
int evidence_for_seam(std::string_view title, std::string_view definition, std::span<const std::string> openers) {
    std::vector<std::string> title_words = match_words(title);
    std::set<std::string, std::less<>> title_word_set(title_words.begin(), title_words.end());
    std::vector<std::string> definition_words = match_words(definition);
    int score = 0;
    if (restarts_with_title(title, definition)) score += kRestartsWithTitle;
    std::size_t next = 0;
    if (is_opener(first_word(definition), openers)) {
        score += kSentenceOpener;
        next = 1;
    }
    int found = 0;
    while (found < kMaxTitleWords && next + found < definition_words.size() &&
           title_word_set.count(definition_words[next + found]))
        ++found;
    score += kTitleWord * found;
    if (!title_words.empty() && !definition_words.empty() && title_words.front() == definition_words.front())
        score += kSameFirstWord;
    return score;
}

// Seams that cut where no title ends or no sentence starts, and long titles.
int evidence_against_seam(std::string_view title, std::string_view definition, std::span<const std::string> openers) {
    int score = 0;
    std::string_view opening = first_word(definition);
    // "SGD|Over-parameterised" is a seam; "SG|DOver-..." leaves a word no one
    // writes, unless the title has it ("QLoRA").
    std::size_t capitals = 0;
    while (capitals < opening.size() && is_upper(opening[capitals])) ++capitals;
    if (capitals >= 2 && capitals < opening.size() && is_lower(opening[capitals])) {
        std::vector<std::string> title_words = match_words(title);
        if (std::find(title_words.begin(), title_words.end(), lowered(opening)) == title_words.end())
            score += kMisshapenWord;
    }
    if (opening.size() == 1 && !is_opener(opening, openers)) score += kImplausibleCut;
    std::string_view tail = last_token(title);
    if (text::count_code_points(tail) == 1) score += kImplausibleCut;
    // Cutting inside a run of capitals ("RO|ME"), unless a capitalised word starts ("SGD|Over").
    if (is_upper(title.back()) && is_upper(definition.front()) && !(definition.size() > 1 && is_lower(definition[1])))
        score += kImplausibleCut;
    // A title ending in one glued capital ("Lion OptimizerA") or holding a
    // glued parenthesis ("(Quantized LoRA)Q") carries the seam inside it.
    if (tail.size() >= 2 && is_lower(tail[tail.size() - 2]) && is_upper(tail.back())) score += kImplausibleCut;
    for (std::size_t i = 0; i + 1 < title.size(); ++i)
        if (title[i] == ')' && is_alnum(title[i + 1])) {
            score += kImplausibleCut;
            break;
        }
    std::size_t words = text::count_words(title);
    score += kPerTitleWord * static_cast<int>(words);
    if (words > kShortTitleWords) score += kPerLongTitleWord * static_cast<int>(words - kShortTitleWords);
    return score;
}

}  // namespace

std::span<const std::string_view> default_sentence_openers() {
    static constexpr std::string_view kOpeners[] = {"A",  "An", "The", "This", "These", "That",  "Those", "In",
                                                    "At", "On", "For", "When", "While", "Two", "Its",   "Unlike"};
    return kOpeners;
}

std::optional<GluedTitleSplit> split_glued_title(std::string_view glued,
                                                 std::span<const std::string> sentence_openers) {
    constexpr int kNone = std::numeric_limits<int>::min();
    int best = kNone;
    int runner_up = kNone;
    std::size_t best_at = 0;
    // A title is a name (at most kMaxNameBytes, or the entry is rejected)
    // and a seam is judged by the first few words after it: bounding both
    // keeps a 50 MB line linear (it was quadratic, scanning the rest of the
    // line at every candidate seam).
    constexpr std::size_t kDefinitionHead = 1024;
    for (std::size_t at = 1; at < glued.size() && at <= kMaxNameBytes; ++at) {
        if (is_space(glued[at - 1]) || is_space(glued[at])) continue;
        std::string_view title = glued.substr(0, at);
        std::string_view definition = glued.substr(at, kDefinitionHead);
        if (!can_start_definition(title, definition) || !can_end_title(title)) continue;
        int score = evidence_for_seam(title, definition, sentence_openers) +
                    evidence_against_seam(title, definition, sentence_openers);
        if (score > best) {
            runner_up = best;
            best = score;
            best_at = at;
        } else if (score > runner_up) {
            runner_up = score;
        }
    }
    if (best == kNone) return std::nullopt;
    int margin = runner_up == kNone ? std::numeric_limits<int>::max() : best - runner_up;
    return GluedTitleSplit{best_at, best, margin};
}

}  // namespace glossc
