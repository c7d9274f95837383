// arXiv identifiers, written once: the readers find the id a citation
// names, the backends decide whether an id is safe to link.
#pragma once

#include <string>
#include <string_view>

namespace glossc::text {

// The new-style id a text cites as "arXiv:1706.03762" or "arXiv: 1706.03762"
// (any case), or "" when it cites none.
std::string cited_arxiv_id(std::string_view text);

// The new-style id of an arxiv.org/abs/... or arxiv.org/pdf/... URL in the
// text, or "".
std::string linked_arxiv_id(std::string_view text);

// True when `id` is made only of the characters of arXiv ids ("2210.17323",
// "hep-th/9901001": letters, digits, '.', '/', '-'), so that a link to its
// abstract page can be written as it is.
bool is_arxiv_id(std::string_view id);

}  // namespace glossc::text
