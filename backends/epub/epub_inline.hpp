// Rich text and blocks in the EPUB's letter files: the shared XHTML policy
// (common/xhtml_inline.hpp) in the EPUB's dialect. Links to concepts carry
// the glossref semantics (epub:type, role), links to other sites nothing
// more than their href, and a displayed formula that is not converted is a
// <pre class="tex">.
#pragma once

#include "common/xhtml_inline.hpp"

namespace glossc::epub_backend {

template <typename Item>
using LinkTarget = xhtml::LinkTarget<Item>;
using ConceptTargets = xhtml::ConceptTargets;
using xhtml::is_plain_url;

inline constexpr xhtml::Dialect kXhtmlDialect{
    .external_link = "",
    .concept_link = " epub:type=\"glossref\" role=\"doc-glossref\"",
    .name = "",
    .source_title = "span",
    .display_tex_in_code = false,
};

// One per letter file (a letter file is written on one thread): it notes
// whether a <math> was written, for the manifest's "mathml" property.
class XhtmlInline final : public xhtml::InlinePolicy {
public:
    explicit XhtmlInline(const ConceptTargets& concepts) : xhtml::InlinePolicy(concepts, kXhtmlDialect) {}
};

}  // namespace glossc::epub_backend
