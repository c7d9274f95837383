// The web edition's project(): the site carries what the EPUB carries
// (web_backend.hpp), so it is the EPUB's projection, not a second copy of it.
#include "web/web_backend.hpp"

#include "epub/epub_backend.hpp"

namespace glossc::web_backend {

ir::Glossary project(const ir::Glossary& glossary) { return epub_backend::project(glossary); }

}  // namespace glossc::web_backend
