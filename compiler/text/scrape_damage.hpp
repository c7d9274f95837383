// Signs of the damage scraped text carries, written once for every reader:
// prose cut off by a length limit, and CSS class names leaked from the page's
// markup into its text.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace glossc::text {

// True when `s` ends with "..." or "…" (scrapers mark their cuts that way).
bool ends_with_ellipsis(std::string_view s);

// True when prose does not end the way a sentence ends: it ends with an
// ellipsis, or its last character is not one of . ! ? ) ] " ' ” ’ ». A
// definition cut mid-word ("... so de") is the typical case.
bool looks_cut_off(std::string_view s);

// Utility-class prefixes of CSS frameworks such as Tailwind ("rounded-lg",
// "bg-card", "p-4", "underline-offset-2"); also whole class names ("border",
// "underline"). The default list for find_css_class_run.
std::span<const std::string_view> default_css_class_prefixes();

struct CssClassRun {
    std::size_t begin = 0;  // byte offsets in the searched text
    std::size_t end = 0;
};

// The first run of at least `min_run` consecutive white-space separated
// tokens that are CSS class names: a token equal to one of `prefixes`, or a
// prefix followed by "-" and more ("text-accent"). Prose rarely has three such
// tokens in a row; leaked markup has many.
std::optional<CssClassRun> find_css_class_run(std::string_view s, std::span<const std::string_view> prefixes,
                                              std::size_t min_run = 3);

}  // namespace glossc::text
