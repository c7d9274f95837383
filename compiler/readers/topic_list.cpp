// Placeholder until this layout's reader lands (issue 3).
#include "readers/readers.hpp"

namespace glossc::readers {

ReaderResult read_topic_list(const SourceSpec& spec, std::string_view, DiagnosticSink& sink) {
    sink.error(location(spec, 0), "reader-not-implemented", "the '" + spec.format + "' reader is not implemented yet");
    return {};
}

}  // namespace glossc::readers
