// One concept as an Anki note: its eight fields' HTML (anki_backend.hpp,
// "Fields") and its tags. Made on worker threads, a batch at a time
// (anki_collection.cpp); reads the glossary only.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "anki/anki_backend.hpp"
#include "common/source_titles.hpp"

namespace glossc::anki_backend {

// Id -> name (a concept's headword, a category's label), built once per
// deck: "see also" names every related concept and each note its categories,
// and a search of all concepts or categories for each was quadratic.
using NameIndex = std::unordered_map<std::string_view, std::string_view>;

struct Names {
    NameIndex headwords;
    NameIndex category_labels;  // as format::category_label
    sources::Titles source_titles;  // what the Sources field shows for a definition
};

// The first concept or category with an id wins.
Names index_names(const ir::Glossary& glossary);

// A concept's note: its fields' HTML, in kFieldNames order, and its tags.
struct Note {
    std::array<std::string, kFieldCount> fields;
    std::vector<std::string> tags;
    bool has_blocks = false;  // a field shows blocks (the note type then has their CSS)
};

Note render_note(const Names& names, const ir::Concept& c);

}  // namespace glossc::anki_backend
