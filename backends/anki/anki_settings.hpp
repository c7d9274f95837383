// The JSON the collection's one col row holds (schema 11): the note type
// (its fields, two templates and CSS, fixed forever: see kNoteTypeModified),
// the decks, the options group and the collection's settings, with the
// deck's name and description.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "anki/anki_backend.hpp"

namespace glossc::anki_backend {

using Json = nlohmann::ordered_json;

// The note type, keyed by its id; with the CSS of blocks when `blocks`.
Json models_json(bool blocks);
// A deck, as the col row's decks object holds it.
Json deck_json(std::int64_t id, const std::string& name, const std::string& description, std::int64_t mod, int usn);
// Anki's default options group, keyed by its id.
Json options_json();
// The collection's settings, for a deck of `notes` notes.
Json conf_json(std::size_t notes);

// The deck's name for the glossary's title (see anki_backend.hpp).
std::string deck_name(std::string_view title);
// The deck's description: title, edition and language.
std::string deck_description(const ir::Glossary& g);

}  // namespace glossc::anki_backend
