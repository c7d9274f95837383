#pragma once

#include <string>
#include <string_view>

namespace glossc::text {

// An ASCII slug for ids and anchors: accents stripped (NFKD), case folded,
// runs of anything but [a-z0-9] turned into one '-'. "Ünïcode Attention++" ->
// "unicode-attention". Never empty: "x" stands in for names with no ASCII.
std::string slugify(std::string_view s);

}  // namespace glossc::text
