// What readers of an edition see of a source: its title (and URL), never its
// id, file name or the line an entry came from — those are editors' facts and
// stay in the JSON, the merge report and diagnostics (issue 24).
//
// The editions readers use (text, EPUB, LaTeX, Anki, StarDict, web) name a
// definition's source by title alone, so their readers can only give the
// title back: each of those backends' project() calls reader_view() to put
// the title where the IR has the id, and to drop what is not shown.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.hpp"

namespace glossc::sources {

// Source id -> title, for one glossary. A definition whose source the
// glossary does not list (a hand-made IR) is shown by its id.
class Titles {
public:
    explicit Titles(const ir::Glossary& glossary);
    const std::string& of(const std::string& source_id) const;

private:
    std::map<std::string, std::string, std::less<>> titles_;
};

// A source as the editions list it: the title, and the URL when the manifest
// gives one; the other fields (id, file, format, priority, entries) are empty
// or zero, and `id` is the title, as the editions' readers give it back.
ir::Source reader_view(const ir::Source& source);

// The front of a glossary as the readers' editions carry it, the start of
// their project(): title, language, edition and the sources by
// reader_view(); no categories or concepts (each edition adds its own).
ir::Glossary reader_front_matter(const ir::Glossary& glossary);

// The flags of a definition that its readers are told of: "truncated" (the
// source's text breaks off). The others ("recovered", "example-off-topic")
// are notes to editors, as lines are: the JSON and the report show them.
std::vector<std::string> reader_flags(const std::vector<std::string>& flags);

// A definition as readers see it: `source` holds the source's title, `line`
// is 0 (no edition shows file lines) and the flags are reader_flags().
void to_reader_view(ir::Definition& definition, const Titles& titles);

}  // namespace glossc::sources
