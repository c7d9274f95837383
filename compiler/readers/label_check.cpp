#include "readers/label_check.hpp"

#include "readers/names.hpp"

namespace glossc {

void check_labels(const SourceSpec& spec, const ReaderResult& result, DiagnosticSink& sink) {
    for (const Entry& entry : result.entries)
        for (const ir::Label& label : entry.labels)
            if (reads_as_description(label.text, entry.headword))
                sink.warning(location(spec, entry.line), "label-not-a-name",
                             "'" + entry.key + "': the name \"" + label.text +
                                 "\" reads as a description; give the name alone and the description in the "
                                 "definition");
}

}  // namespace glossc
