// The Anki writer: glossary -> fields' HTML -> an in-memory SQLite
// collection in schema 11 -> a zip. Format and choices: anki_backend.hpp.
#include <algorithm>
#include <array>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "anki/anki_backend.hpp"
#include "anki/anki_format.hpp"
#include "common/zip_archive.hpp"
#include "parallel/parallel.hpp"
#include "text/arxiv.hpp"
#include "text/escape.hpp"

namespace glossc::anki_backend {

namespace {

using Json = nlohmann::ordered_json;
using format::Database;
using format::Statement;

// ---- The note type: fixed forever (see kNoteTypeModified) ------------------------------

constexpr std::string_view kNoteTypeName = "Glossary term (glossc)";

constexpr std::string_view kTermFront = R"(<div class="glossc">
<div class="term">{{Term}}</div>
{{#Category}}<div class="categories">{{Category}}</div>{{/Category}}
</div>)";

constexpr std::string_view kTermBack = R"({{FrontSide}}
<hr id="answer">
<div class="glossc">
{{#Aliases}}<div class="aliases">{{Aliases}}</div>{{/Aliases}}
{{#Definition}}<div class="definition-field">{{Definition}}</div>{{/Definition}}
{{#Details}}<div class="section"><div class="label">Details</div>{{Details}}</div>{{/Details}}
{{#Example}}<div class="section"><div class="label">Example</div>{{Example}}</div>{{/Example}}
{{#Sources}}<div class="section sources-section"><div class="label">Sources</div>{{Sources}}</div>{{/Sources}}
</div>)";

constexpr std::string_view kDefinitionFront = R"(<div class="glossc">
<div class="prompt">Which term is this?</div>
<div class="definition-field">{{Definition}}</div>
</div>)";

constexpr std::string_view kDefinitionBack = R"({{FrontSide}}
<hr id="answer">
<div class="glossc">
<div class="term">{{Term}}</div>
{{#Aliases}}<div class="aliases">{{Aliases}}</div>{{/Aliases}}
{{#Category}}<div class="categories">{{Category}}</div>{{/Category}}
{{#Details}}<div class="section"><div class="label">Details</div>{{Details}}</div>{{/Details}}
{{#Example}}<div class="section"><div class="label">Example</div>{{Example}}</div>{{/Example}}
{{#Sources}}<div class="section sources-section"><div class="label">Sources</div>{{Sources}}</div>{{/Sources}}
</div>)";

// Light by default; Anki marks night mode with .nightMode / .night_mode on
// the card (desktop, AnkiMobile) or on an ancestor (AnkiDroid).
constexpr std::string_view kCss = R"(.card {
  --fg: #1d2125; --muted: #5b6570; --accent: #0b5cad; --rule: #d3d9df; --chip: #eceff3; --code: #f2f4f6;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 20px;
  line-height: 1.5;
  text-align: left;
  color: var(--fg);
  background-color: #ffffff;
}
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
  --fg: #e4e7eb; --muted: #a2abb5; --accent: #7db8ff; --rule: #3b4148; --chip: #2d3339; --code: #2a2f35;
  color: var(--fg);
  background-color: #1e2125;
}
.glossc { max-width: 40em; margin: 0 auto; overflow-wrap: anywhere; }
.term { font-size: 1.6em; font-weight: 600; line-height: 1.25; text-align: center; margin: 0.3em 0; }
.prompt { color: var(--muted); font-size: 0.8em; text-align: center; margin-bottom: 0.6em; }
.aliases, .categories { display: flex; flex-wrap: wrap; justify-content: center; gap: 0.25em 0.8em; margin: 0.3em 0 0.7em; }
.alias[data-kind="hidden"] { display: none; }
.alias[data-kind="abbreviation"]::after, .alias[data-kind="expansion"]::after {
  color: var(--muted); font-size: 0.7em; margin-left: 0.3em;
}
.alias[data-kind="abbreviation"]::after { content: "abbr."; }
.alias[data-kind="expansion"]::after { content: "expansion"; }
.category { background: var(--chip); color: var(--muted); border-radius: 1em; padding: 0 0.7em; font-size: 0.75em; }
hr#answer { border: none; border-top: 1px solid var(--rule); margin: 0.9em 0; }
ol.definitions, ol.sources { margin: 0; padding-left: 1.4em; }
ol.single { list-style: none; padding-left: 0; }
li.definition + li.definition { margin-top: 0.6em; }
.summary { font-weight: 500; }
.body { margin-top: 0.3em; }
.summary:empty, .body:empty { display: none; }
.see-also { margin-top: 0.7em; font-size: 0.85em; color: var(--muted); }
.section { margin-top: 0.9em; }
.section > .label { font-size: 0.7em; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); }
.details + .details, .example + .example { margin-top: 0.4em; }
.sources-section { font-size: 0.8em; color: var(--muted); }
.flag { background: var(--chip); border-radius: 0.8em; padding: 0 0.5em; margin-left: 0.4em; font-size: 0.9em; }
ul.references { margin: 0.3em 0 0; padding-left: 1.2em; }
.reference > *:not(:last-child)::after { content: " \00B7  "; color: var(--muted); }
.reference .title { font-style: italic; }
.reference .arxiv::before { content: "arXiv:"; }
code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.88em;
  background: var(--code); border-radius: 0.25em; padding: 0 0.2em; }
a { color: var(--accent); }
.ref { border-bottom: 1px dotted var(--muted); }
@media (max-width: 520px) {
  .card { font-size: 18px; }
  .term { font-size: 1.4em; }
}
)";

constexpr std::string_view kLatexPre =
    "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n"
    "\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n";
constexpr std::string_view kLatexPost = "\\end{document}";

// rslib/src/storage/schema11.sql: its tables (kIndexes below has the rest)
constexpr std::string_view kTables = R"(create table col
(
    id     integer primary key,
    crt    integer not null,
    mod    integer not null,
    scm    integer not null,
    ver    integer not null,
    dty    integer not null,
    usn    integer not null,
    ls     integer not null,
    conf   text    not null,
    models text    not null,
    decks  text    not null,
    dconf  text    not null,
    tags   text    not null
);

create table notes
(
    id    integer primary key,
    guid  text    not null,
    mid   integer not null,
    mod   integer not null,
    usn   integer not null,
    tags  text    not null,
    flds  text    not null,
    sfld  integer not null,
    csum  integer not null,
    flags integer not null,
    data  text    not null
);

create table cards
(
    id     integer primary key,
    nid    integer not null,
    did    integer not null,
    ord    integer not null,
    mod    integer not null,
    usn    integer not null,
    type   integer not null,
    queue  integer not null,
    due    integer not null,
    ivl    integer not null,
    factor integer not null,
    reps   integer not null,
    lapses integer not null,
    left   integer not null,
    odue   integer not null,
    odid   integer not null,
    flags  integer not null,
    data   text    not null
);

create table revlog
(
    id      integer primary key,
    cid     integer not null,
    usn     integer not null,
    ease    integer not null,
    ivl     integer not null,
    lastIvl integer not null,
    factor  integer not null,
    time    integer not null,
    type    integer not null
);

create table graves
(
    usn  integer not null,
    oid  integer not null,
    type integer not null
);
)";

// The schema's indexes, created after the rows are in: one sort per index
// instead of an index insert per row, and densely packed pages.
constexpr std::string_view kIndexes = R"(-- syncing
create index ix_notes_usn on notes (usn);
create index ix_cards_usn on cards (usn);
create index ix_revlog_usn on revlog (usn);
-- card spacing, etc
create index ix_cards_nid on cards (nid);
-- scheduling and deck limiting
create index ix_cards_sched on cards (did, queue, due);
-- revlog by card
create index ix_revlog_cid on revlog (cid);
-- field uniqueness
create index ix_notes_csum on notes (csum);
)";

// ---- HTML ----------------------------------------------------------------------------------

// text::escape_html, and "[" and U+001F (see anki_backend.hpp), appended to
// `out`; `also` gives what else a character becomes, or nullptr to keep it.
template <typename Also>
void append_escape(std::string& out, std::string_view s, Also also) {
    text::append_escaped_html(out, s, [&](char c) -> const char* {
        switch (c) {
            case '[': return "&#91;";
            case '\x1f': return "&#31;";
            default: return also(c);
        }
    });
}

// Escaped text, a line feed a <br>.
void append_escaped(std::string& out, std::string_view s) {
    append_escape(out, s, [](char c) { return c == '\n' ? "<br>" : nullptr; });
}

// An attribute value (always double-quoted).
void append_attribute(std::string& out, std::string_view s) {
    append_escape(out, s, [](char c) -> const char* {
        switch (c) {
            case '\n': return "&#10;";
            case '\r': return "&#13;";
            case '\t': return "&#9;";
            default: return nullptr;
        }
    });
}

// Prose: escaped, and out of MathJax's reach when it holds a backslash.
void append_prose(std::string& out, std::string_view s) {
    const bool tex_like = s.find('\\') != std::string_view::npos;
    if (tex_like) {
        out += "<span class=\"";
        out += format::kNoMathClass;
        out += "\">";
    }
    append_escaped(out, s);
    if (tex_like) out += "</span>";
}

// A field is markup and values appended in order, without a string built
// per piece: html(out, "<b>", Prose{name}, "</b>"). A plain string_view is
// markup, written as it is.
struct Prose {
    std::string_view text;
};
struct Escaped {
    std::string_view text;
};
struct Attribute {
    std::string_view text;
};
void render(const ir::RichText& text, std::string& out);
struct Rich {
    const ir::RichText& text;
};
void put(std::string& out, std::string_view markup) { out += markup; }
void put(std::string& out, Prose piece) { append_prose(out, piece.text); }
void put(std::string& out, Escaped piece) { append_escaped(out, piece.text); }
void put(std::string& out, Attribute piece) { append_attribute(out, piece.text); }
void put(std::string& out, Rich piece) { render(piece.text, out); }
template <typename... Pieces>
void html(std::string& out, const Pieces&... pieces) {
    (put(out, pieces), ...);
}

bool clickable(std::string_view url) {
    auto starts = [&](std::string_view prefix) {
        if (url.size() < prefix.size()) return false;
        for (std::size_t i = 0; i < prefix.size(); ++i) {
            char c = url[i];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (c != prefix[i]) return false;
        }
        return true;
    };
    return starts("http://") || starts("https://") || starts("mailto:");
}

void render(const ir::Inline& node, std::string& out) {
    switch (node.kind) {
        case ir::InlineKind::Text: append_prose(out, node.text); break;
        case ir::InlineKind::Math: html(out, "<span class=\"math\">\\(", Escaped{node.text}, "\\)</span>"); break;
        case ir::InlineKind::Code: html(out, "<code>", Escaped{node.text}, "</code>"); break;
        case ir::InlineKind::Emph: html(out, "<em>", Rich{node.children}, "</em>"); break;
        case ir::InlineKind::Strong: html(out, "<strong>", Rich{node.children}, "</strong>"); break;
        case ir::InlineKind::Link:
            html(out, clickable(node.target) ? "<a href=\"" : "<a data-url=\"", Attribute{node.target}, "\">",
                 Rich{node.children}, "</a>");
            break;
        case ir::InlineKind::Ref:
            html(out, "<span class=\"ref\" data-concept=\"", Attribute{node.target}, "\">", Rich{node.children},
                 "</span>");
            break;
    }
}

void render(const ir::RichText& text, std::string& out) {
    for (const auto& node : text) render(node, out);
}

// Id -> name (a concept's headword, a category's label), built once per
// deck: "see also" names every related concept and each note its categories,
// and a search of all concepts or categories for each was quadratic.
using NameIndex = std::unordered_map<std::string_view, std::string_view>;

struct Names {
    NameIndex headwords;
    NameIndex category_labels;  // as format::category_label
};

Names index_names(const ir::Glossary& glossary) {
    Names names;
    // The first concept or category with an id wins.
    names.headwords.reserve(glossary.concepts.size());
    for (const auto& c : glossary.concepts) names.headwords.emplace(c.id, c.headword);
    for (const auto& c : glossary.categories) names.category_labels.emplace(c.id, c.label);
    return names;
}

// The name of `id`, or the id itself when nothing has it.
std::string_view name_of(const NameIndex& names, const std::string& id) {
    auto it = names.find(id);
    return it == names.end() ? std::string_view(id) : it->second;
}

// format::canonical(text).empty(), without building the canonical copy: it
// drops only empty Text nodes.
bool shows_nothing(const ir::RichText& text) {
    return std::all_of(text.begin(), text.end(),
                       [](const ir::Inline& node) { return node.kind == ir::InlineKind::Text && node.text.empty(); });
}

// A tag Anki accepts: no spaces, quotes, control characters or "::" of our own.
std::string tag_of(std::string_view category_id) {
    std::string tag(kTagRoot);
    tag += "::";
    if (category_id.empty()) return tag + "_";
    for (char c : category_id) {
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.';
        tag += keep ? c : '_';
    }
    return tag;
}

struct Note {
    std::array<std::string, kFieldCount> fields;
    std::vector<std::string> tags;
};

// A note as its row stores it, made on a worker thread: the fields joined,
// the sort field, checksum and guid (two SHA-1s) with them.
struct NoteRow {
    Note note;
    std::string guid;
    std::string fields;      // joined by U+001F
    std::string sort_field;  // the first field without markup
    std::int64_t checksum = 0;
};

Note render_note(const Names& names, const ir::Concept& c) {
    Note note;
    auto& f = note.fields;
    append_prose(f[0], c.headword);
    for (const auto& label : c.labels) {
        if (label.kind == ir::LabelKind::Preferred && label.text == c.headword) continue;
        html(f[1], "<span class=\"alias\" data-kind=\"", ir::to_string(label.kind), "\">", Prose{label.text}, "</span>");
    }
    // Only definitions with something to show: a card's front is never a blank list item.
    const std::string_view single = c.definitions.size() == 1 ? " single" : "";
    for (std::size_t i = 0; i < c.definitions.size(); ++i) {
        const auto& d = c.definitions[i];
        if (shows_nothing(d.summary) && shows_nothing(d.body)) continue;
        if (f[2].empty()) html(f[2], "<ol class=\"definitions", single, "\">");
        html(f[2], "<li class=\"definition\" value=\"", std::to_string(i + 1), "\"><div class=\"summary\">",
             Rich{d.summary}, "</div><div class=\"body\">", Rich{d.body}, "</div></li>");
    }
    if (!f[2].empty()) f[2] += "</ol>";
    if (!c.related.empty()) {
        html(f[2], "<div class=\"see-also\">", format::kSeeAlsoLead);
        for (std::size_t i = 0; i < c.related.size(); ++i) {
            if (i) f[2] += format::kSeeAlsoSeparator;
            html(f[2], "<span class=\"ref\" data-concept=\"", Attribute{c.related[i]}, "\">",
                 Prose{name_of(names.headwords, c.related[i])}, "</span>");
        }
        f[2] += "</div>";
    }
    for (std::size_t i = 0; i < c.definitions.size(); ++i) {
        const auto& d = c.definitions[i];
        const std::string n = std::to_string(i + 1);
        if (!shows_nothing(d.details))
            html(f[3], "<div class=\"details\" data-def=\"", n, "\">", Rich{d.details}, "</div>");
        if (!shows_nothing(d.example))
            html(f[4], "<div class=\"example\" data-def=\"", n, "\">", Rich{d.example}, "</div>");
    }
    for (const auto& id : c.categories) {
        html(f[5], "<span class=\"category\" data-id=\"", Attribute{id}, "\">",
             Prose{name_of(names.category_labels, id)}, "</span>");
        std::string tag = tag_of(id);
        if (std::find(note.tags.begin(), note.tags.end(), tag) == note.tags.end()) note.tags.push_back(tag);
    }
    if (!c.definitions.empty()) {
        html(f[6], "<ol class=\"sources", single, "\">");
        for (const auto& d : c.definitions) {
            html(f[6], "<li class=\"source\"><span class=\"source-id\">", Prose{d.source}, "</span>");
            for (const auto& flag : d.flags) html(f[6], "<span class=\"flag\">", Prose{flag}, "</span>");
            f[6] += "</li>";
        }
        f[6] += "</ol>";
    }
    if (!c.references.empty()) {
        f[6] += "<ul class=\"references\">";
        for (const auto& r : c.references) {
            f[6] += "<li class=\"reference\">";
            if (!r.title.empty()) html(f[6], "<span class=\"title\">", Prose{r.title}, "</span>");
            if (!r.authors.empty()) html(f[6], "<span class=\"authors\">", Prose{r.authors}, "</span>");
            if (!r.venue.empty()) html(f[6], "<span class=\"venue\">", Prose{r.venue}, "</span>");
            if (text::is_arxiv_id(r.arxiv))
                html(f[6], "<a class=\"arxiv\" href=\"https://arxiv.org/abs/", Attribute{r.arxiv}, "\">",
                     Escaped{r.arxiv}, "</a>");
            else if (!r.arxiv.empty())
                html(f[6], "<span class=\"arxiv\">", Prose{r.arxiv}, "</span>");
            if (clickable(r.url))
                html(f[6], "<a class=\"url\" href=\"", Attribute{r.url}, "\">", Prose{r.url}, "</a>");
            else if (!r.url.empty())
                html(f[6], "<span class=\"url\">", Prose{r.url}, "</span>");
            f[6] += "</li>";
        }
        f[6] += "</ul>";
    }
    append_prose(f[7], c.id);
    return note;
}

std::string deck_description(const ir::Glossary& g) {
    std::string out;
    html(out, "<p class=\"glossc-title\">", Prose{g.title}, "</p><p class=\"glossc-edition\">Edition <span class=\"edition\">",
         Prose{g.edition}, "</span>, language <span class=\"language\">", Prose{g.language},
         "</span>.</p><p class=\"glossc-help\">Importing a newer edition of this deck updates the notes whose entry "
         "changed and keeps your review history.</p>");
    return out;
}

// Anki's deck names: "::" nests decks, and control characters and quotes
// are not allowed.
std::string deck_name(std::string_view title) {
    std::string out;
    bool space = false;
    for (std::size_t i = 0; i < title.size(); ++i) {
        auto c = static_cast<unsigned char>(title[i]);
        bool blank = c <= 0x20 || c == 0x7F || c == '"';
        if (c == ':' && i + 1 < title.size() && title[i + 1] == ':') {
            out += ':';
            while (i + 1 < title.size() && title[i + 1] == ':') ++i;
            space = false;
            continue;
        }
        if (blank) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += static_cast<char>(c);
    }
    if (out.empty()) return "Glossary";
    // Never Anki's own "Default" deck (decks are matched by name on import).
    std::string lower = out;
    for (auto& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return lower == "default" ? out + " glossary" : out;
}

Json field_json(std::string_view name, int ord) {
    return Json{{"name", name}, {"ord", ord},   {"sticky", false}, {"rtl", false},
                {"font", "Arial"}, {"size", 20}, {"media", Json::array()}};
}

Json template_json(std::string_view name, int ord, std::string_view qfmt, std::string_view afmt) {
    return Json{{"name", name}, {"ord", ord},      {"qfmt", qfmt}, {"afmt", afmt},
                {"did", nullptr}, {"bqfmt", ""}, {"bafmt", ""}};
}

Json models_json() {
    Json fields = Json::array();
    for (std::size_t i = 0; i < kFieldCount; ++i) fields.push_back(field_json(kFieldNames[i], static_cast<int>(i)));
    Json templates = Json::array({template_json(kTemplateNames[0], 0, kTermFront, kTermBack),
                                  template_json(kTemplateNames[1], 1, kDefinitionFront, kDefinitionBack)});
    // What Anki computes: card 1 needs Term or Category on its front, card 2 the Definition.
    Json req = Json::array({Json::array({0, "any", Json::array({0, 5})}), Json::array({1, "all", Json::array({2})})});
    Json model{{"id", kNoteTypeId},
               {"name", kNoteTypeName},
               {"type", 0},
               {"mod", kNoteTypeModified},
               {"usn", -1},
               {"sortf", 0},
               {"did", kDeckId},
               {"tmpls", templates},
               {"flds", fields},
               {"css", kCss},
               {"latexPre", kLatexPre},
               {"latexPost", kLatexPost},
               {"latexsvg", false},
               {"req", req},
               {"tags", Json::array()},
               {"vers", Json::array()}};
    return Json{{std::to_string(kNoteTypeId), model}};
}

Json deck_json(std::int64_t id, const std::string& name, const std::string& description, std::int64_t mod, int usn) {
    auto today = [] { return Json::array({0, 0}); };
    return Json{{"id", id},
                {"mod", mod},
                {"name", name},
                {"usn", usn},
                {"lrnToday", today()},
                {"revToday", today()},
                {"newToday", today()},
                {"timeToday", today()},
                {"collapsed", false},
                {"browserCollapsed", false},
                {"desc", description},
                {"dyn", 0},
                {"conf", format::kOptionsGroupId},
                {"extendNew", 0},
                {"extendRev", 0}};
}

// Anki's default options group (anki/decks.py defaultConf, schema 11).
Json options_json() {
    Json group{{"id", format::kOptionsGroupId},
               {"mod", 0},
               {"name", "Default"},
               {"usn", 0},
               {"maxTaken", 60},
               {"autoplay", true},
               {"timer", 0},
               {"replayq", true},
               {"dyn", false},
               {"new",
                Json{{"bury", false},
                     {"delays", Json::array({1.0, 10.0})},
                     {"initialFactor", 2500},
                     {"ints", Json::array({1, 4, 7})},
                     {"order", 1},
                     {"perDay", 20},
                     {"separate", true}}},
               {"rev",
                Json{{"bury", false},
                     {"ease4", 1.3},
                     {"fuzz", 0.05},
                     {"ivlFct", 1.0},
                     {"maxIvl", 36500},
                     {"minSpace", 1},
                     {"perDay", 200},
                     {"hardFactor", 1.2}}},
               {"lapse",
                Json{{"delays", Json::array({10.0})},
                     {"leechAction", 1},
                     {"leechFails", 8},
                     {"minInt", 1},
                     {"mult", 0.0}}}};
    return Json{{std::to_string(format::kOptionsGroupId), group}};
}

// The collection's settings (anki/collection.py defaultConf, schema 11).
Json conf_json(std::size_t notes) {
    return Json{{"activeDecks", Json::array({kDeckId})},
                {"curDeck", kDeckId},
                {"newSpread", 0},
                {"collapseTime", 1200},
                {"timeLim", 0},
                {"estTimes", true},
                {"dueCounts", true},
                {"curModel", kNoteTypeId},
                {"nextPos", static_cast<std::int64_t>(notes) + 1},
                {"sortType", "noteFld"},
                {"sortBackwards", false},
                {"addToCur", true},
                {"dayLearnFirst", false},
                {"schedVer", 2}};
}

std::string dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

void exec(sqlite3* db, const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errmsg(db);
        sqlite3_free(error);
        throw std::runtime_error("SQLite: " + message);
    }
}

void bind_value(Statement& s, int index, std::int64_t value) {
    if (sqlite3_bind_int64(s.get(), index, value) != SQLITE_OK) throw std::runtime_error("SQLite: cannot bind");
}

// The value must outlive the statement's run(): every caller binds strings
// that do, so SQLite reads them where they are instead of copying each.
void bind_value(Statement& s, int index, const std::string& value) {
    if (sqlite3_bind_text64(s.get(), index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8) != SQLITE_OK)
        throw std::runtime_error("SQLite: cannot bind");
}
// A temporary would be gone before the statement runs.
void bind_value(Statement& s, int index, std::string&& value) = delete;

void run(Statement& s) {
    while (s.step()) {
    }
    sqlite3_reset(s.get());
    sqlite3_clear_bindings(s.get());
}

// Characters of rich text, markup aside.
std::size_t text_size(const ir::RichText& text) {
    std::size_t size = 0;
    for (const auto& node : text) size += node.text.size() + node.target.size() + text_size(node.children);
    return size;
}

// A generous guess at the collection's size: twice the text a note shows,
// and room for its card rows, index entries and markup (a 1M-entry deck
// measures 1.7 KB a note, 2.2 times its text).
sqlite3_int64 estimated_collection_size(const ir::Glossary& g) {
    sqlite3_int64 size = 1 << 20;
    for (const auto& c : g.concepts) {
        std::size_t text = c.id.size() + 2 * c.headword.size();
        for (const auto& label : c.labels) text += label.text.size();
        for (const auto& d : c.definitions)
            text += d.source.size() + text_size(d.summary) + text_size(d.body) + text_size(d.details) + text_size(d.example);
        for (const auto& r : c.references) text += r.title.size() + r.authors.size() + r.venue.size() + r.url.size();
        size += static_cast<sqlite3_int64>(2 * text + 640);
    }
    return size;
}

// The collection, in an in-memory database of SQLite's "memdb" VFS: its file
// image is one buffer, which database_bytes() hands out without a copy. The
// buffer is reserved at its estimated size up front: memdb grows it by
// doubling, each time copying it and briefly holding the old one and the
// new (1 GiB more at 1M entries). Pages never written are never touched,
// so a generous estimate costs address space only; a larger deck still
// grows as before.
Database collection(const ir::Glossary& g, const RenderContext& context) {
    sqlite3* raw = nullptr;
    // One thread uses the connection: no mutex on every call.
    if (sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK) {
        sqlite3_close(raw);
        throw std::runtime_error("SQLite: cannot open an in-memory database");
    }
    Database db(raw);
    sqlite3_int64 reserve = estimated_collection_size(g);
    auto* buffer = static_cast<unsigned char*>(sqlite3_malloc64(static_cast<sqlite3_uint64>(reserve)));
    if (!buffer) reserve = 0;  // no room for the guess: memdb grows the buffer as it goes
    // On failure SQLite frees the buffer (FREEONCLOSE).
    if (sqlite3_deserialize(db.get(), "main", buffer, 0, reserve,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK)
        throw std::runtime_error("SQLite: cannot make an in-memory database");
    // memdb caps a database at 1 GiB by default; a large deck is more.
    sqlite3_int64 limit = std::numeric_limits<sqlite3_int64>::max();
    sqlite3_file_control(db.get(), "main", SQLITE_FCNTL_SIZE_LIMIT, &limit);
    exec(db.get(), "PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; PRAGMA encoding = 'UTF-8';");
    exec(db.get(), "BEGIN");
    exec(db.get(), std::string(kTables));

    const std::int64_t ts = context.timestamp;
    // Every tag, in the order of the first concept that has it.
    std::vector<std::string> all_tags;
    {
        Statement note(db.get(), "insert into notes values (?,?,?,?,?,?,?,?,?,0,'')");
        Statement card(db.get(), "insert into cards values (?,?,?,?,?,-1,0,0,?,0,0,0,0,0,0,0,0,'')");
        // Note ids in concept order: a taken id moves the later concept on.
        std::vector<std::int64_t> ids(g.concepts.size());
        {
            std::unordered_set<std::int64_t> used;
            used.reserve(g.concepts.size());
            for (std::size_t i = 0; i < g.concepts.size(); ++i) {
                std::int64_t id = format::preferred_note_id(g.concepts[i].id);
                while (!used.insert(id).second) id += 2;
                ids[i] = id;
            }
        }
        // Notes (and their cards, ids id and id + 1) are inserted in id
        // order, which appends to the tables' b-trees; in concept order,
        // ids are random and every insert searched and split pages (leaving
        // them half full).
        std::vector<std::size_t> by_id(g.concepts.size());
        std::iota(by_id.begin(), by_id.end(), std::size_t{0});
        std::sort(by_id.begin(), by_id.end(), [&](std::size_t a, std::size_t b) { return ids[a] < ids[b]; });
        // tag -> (concept index, place in its tags) of its first use
        std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> first_use;
        Names names = index_names(g);
        // Notes are rendered in parallel, a batch at a time (so that a large
        // deck's notes are not all in memory at once).
        constexpr std::size_t kBatch = 4096;
        std::vector<NoteRow> batch;
        for (std::size_t n = 0; n < by_id.size(); ++n) {
            const std::size_t i = by_id[n];
            const ir::Concept& c = g.concepts[i];
            if (n % kBatch == 0) {
                batch.assign(std::min(kBatch, by_id.size() - n), NoteRow{});
                parallel::for_each_index(batch.size(), [&](std::size_t k) {
                    const ir::Concept& concept_k = g.concepts[by_id[n + k]];
                    NoteRow& row = batch[k];
                    row.note = render_note(names, concept_k);
                    row.guid = note_guid(concept_k.id);
                    for (std::size_t f = 0; f < kFieldCount; ++f) {
                        if (f) row.fields += '\x1f';
                        row.fields += row.note.fields[f];
                    }
                    row.sort_field = strip_html(row.note.fields[0]);
                    row.checksum = field_checksum(row.note.fields[0]);
                });
            }
            const NoteRow& row = batch[n % kBatch];
            const Note& rendered = row.note;
            const std::int64_t id = ids[i];
            auto modified = context.modified.find(c.id);
            std::int64_t mod = modified != context.modified.end() ? modified->second : ts;
            std::string tags;
            for (std::size_t t = 0; t < rendered.tags.size(); ++t) {
                tags += " " + rendered.tags[t];
                auto [first, added] = first_use.emplace(rendered.tags[t], std::pair(i, t));
                if (!added) first->second = std::min(first->second, std::pair(i, t));
            }
            if (!tags.empty()) tags += " ";
            bind_value(note, 1, id);
            bind_value(note, 2, row.guid);
            bind_value(note, 3, kNoteTypeId);
            bind_value(note, 4, mod);
            bind_value(note, 5, -1);
            bind_value(note, 6, tags);
            bind_value(note, 7, row.fields);
            bind_value(note, 8, row.sort_field);
            bind_value(note, 9, row.checksum);
            run(note);
            for (std::int64_t ord = 0; ord < 2; ++ord) {
                bind_value(card, 1, id + ord);
                bind_value(card, 2, id);
                bind_value(card, 3, kDeckId);
                bind_value(card, 4, ord);
                bind_value(card, 5, mod);
                bind_value(card, 6, static_cast<std::int64_t>(i + 1));
                run(card);
            }
        }
        for (const auto& [tag, first] : first_use) all_tags.push_back(tag);
        std::sort(all_tags.begin(), all_tags.end(),
                  [&](const std::string& a, const std::string& b) { return first_use.at(a) < first_use.at(b); });
    }
    exec(db.get(), std::string(kIndexes));
    Json tags = Json::object();
    for (const auto& tag : all_tags) tags[tag] = -1;
    Json decks{{std::to_string(format::kDefaultDeckId), deck_json(format::kDefaultDeckId, "Default", "", ts, 0)},
               {std::to_string(kDeckId), deck_json(kDeckId, deck_name(g.title), deck_description(g), ts, -1)}};
    {
        Statement col(db.get(), "insert into col values (1,?,?,?,11,0,0,0,?,?,?,?,?)");
        bind_value(col, 1, ts - ((ts % 86400) + 86400) % 86400);
        bind_value(col, 2, ts * 1000);
        bind_value(col, 3, ts * 1000);
        const std::string conf = dump(conf_json(g.concepts.size())), models = dump(models_json()),
                          deck_list = dump(decks), options = dump(options_json()), tag_list = dump(tags);
        bind_value(col, 4, conf);
        bind_value(col, 5, models);
        bind_value(col, 6, deck_list);
        bind_value(col, 7, options);
        bind_value(col, 8, tag_list);
        run(col);
    }
    exec(db.get(), "COMMIT");
    // No VACUUM: every statement above runs in a fixed order (rows in id
    // order, appended to their b-trees; indexes built after them, each from
    // one sort), so the pages are already packed and their bytes depend on
    // the glossary only. VACUUM copied the whole database through a
    // temporary file to get the same.
    return db;
}

// The database's file image, as SQLite holds it (no copy).
std::string_view database_bytes(sqlite3* db) {
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(db, "main", &size, SQLITE_SERIALIZE_NOCOPY);
    if (!bytes) throw std::runtime_error("SQLite: cannot serialize the collection");
    return {reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size)};
}

}  // namespace

void stream(const ir::Glossary& glossary, const RenderContext& context, BackendOutput& output) {
    zip::PackedMember packed;
    {
        // The database is closed (and its memory freed) once deflated.
        Database db = collection(glossary, context);
        packed = zip::pack(std::string(format::kPackageCollection), database_bytes(db.get()));
    }
    zip::ArchiveWriter archive(context.timestamp, output.write);
    archive.add(std::move(packed));
    archive.add(std::string(format::kPackageMedia), "{}");
    archive.finish();
}

}  // namespace glossc::anki_backend
