// What every source's names are checked for, at the one door every reader's
// result passes (sanitize.cpp's read_document): a label that reads as a
// description rather than a name [label-not-a-name] ("Specialized runtime
// for executing trained LLM weights" as another name of "Inference Engine";
// names.hpp's reads_as_description says which). A warning: the label is
// kept, because the merge matches on it as the source gave it, and the
// editor who sees the warning moves the words into the definition.
#pragma once

#include "readers/reader.hpp"

namespace glossc {

void check_labels(const SourceSpec& spec, const ReaderResult& result, DiagnosticSink& sink);

}  // namespace glossc
