#pragma once

#include <string>
#include <string_view>

namespace glossc::text {

// An ASCII slug for ids and anchors: accents stripped (NFKD), case folded,
// runs of anything but [a-z0-9] turned into one '-'. "Ünïcode Attention++" ->
// "unicode-attention". Never empty: "x" stands in for names with no ASCII.
std::string slugify(std::string_view s);

// True when `s` has a slug's shape: words of [a-z0-9] joined by single
// hyphens, no hyphen first or last ("ablation", "kv-cache-2"). What a
// stored id (the ledger's) must be; slugify's output always is.
bool is_slug(std::string_view s);

}  // namespace glossc::text
