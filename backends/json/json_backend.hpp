// The JSON backend: the lossless form of the IR (out/glossary.json), which
// other tools read. Names follow the contract in docs/architecture.md; the
// schema is glossary.schema.json beside this file. project() is the identity.
#pragma once

#include <string>
#include <string_view>

#include "backend.hpp"

namespace glossc::json_backend {

// 2: a definition's body, details and example are blocks (paragraphs,
// lists, code, display math, quotes, tables); 1 had rich text there, and
// read() still takes it (as one paragraph each).
inline constexpr int kSchemaVersion = 2;

// The document, a few MiB at a time (backend.hpp).
void stream(const ir::Glossary& glossary, const RenderContext& context, BackendOutput& output);
ir::Glossary read(std::string_view bytes);
ir::Glossary project(const ir::Glossary& glossary);

}  // namespace glossc::json_backend
