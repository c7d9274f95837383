// What every source's formulas are checked for, at the one door every
// reader's result passes (sanitize.cpp's read_document): a formula the math
// layer cannot parse [math-unparsed], and TeX commands left in prose outside
// any formula [tex-in-text] (a source that paired its dollars wrongly).
// Both are warnings: the entry is kept, and the outputs show such TeX as
// source text or code, never half as math.
#pragma once

#include "readers/reader.hpp"

namespace glossc {

void check_math(const SourceSpec& spec, const ReaderResult& result, DiagnosticSink& sink);

}  // namespace glossc
