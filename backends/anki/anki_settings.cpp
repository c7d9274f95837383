#include "anki/anki_settings.hpp"

#include "anki/anki_format.hpp"
#include "anki/anki_html.hpp"
#include "common/source_titles.hpp"

namespace glossc::anki_backend {

namespace {

// ---- The note type: fixed forever (see kNoteTypeModified) ------------------------------
//
// Its CSS has the rules for blocks only in a deck that shows blocks, with
// its own `mod` (kNoteTypeBlocksModified, newer): a deck of one-paragraph
// definitions has the note type it had before blocks existed, byte for
// byte, and a learner who once imported a deck with blocks keeps their rules
// when a later deck has none (Anki takes a note type only when it is newer).

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

// The reverse card asks with the Definition field's prompt alone (the CSS
// of .asking hides what follows it: the definitions and "see also", which
// are its answer); a note of an edition before the prompt has none, and
// its card asks with the whole field as before.
constexpr std::string_view kDefinitionFront = R"(<div class="glossc">
<div class="prompt">Which term is this?</div>
<div class="definition-field asking">{{Definition}}</div>
</div>)";

constexpr std::string_view kDefinitionBack = R"({{FrontSide}}
<hr id="answer">
<div class="glossc">
<div class="term">{{Term}}</div>
{{#Aliases}}<div class="aliases">{{Aliases}}</div>{{/Aliases}}
{{#Category}}<div class="categories">{{Category}}</div>{{/Category}}
<div class="definition-field">{{Definition}}</div>
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
.category { background: var(--chip); color: var(--muted); border-radius: 1em; padding: 0 0.7em; font-size: 0.75em; }
hr#answer { border: none; border-top: 1px solid var(--rule); margin: 0.9em 0; }
ol.definitions, ol.sources { margin: 0; padding-left: 1.4em; }
ol.single { list-style: none; padding-left: 0; }
li.definition + li.definition { margin-top: 0.6em; }
.reverse-prompt { display: none; }
.asking .reverse-prompt { display: block; font-weight: 500; }
.asking .reverse-prompt ~ * { display: none; }
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

// Definitions in blocks, only in a deck that has them (models_json): code
// and tables scroll sideways on a phone rather than squeezing the card.
constexpr std::string_view kBlockCss = R"(.body p, .details p, .example p { margin: 0.35em 0; }
.body ul, .body ol, .details ul, .details ol, .example ul, .example ol { margin: 0.35em 0; padding-left: 1.4em; }
li > p { margin: 0.15em 0; }
pre { background: var(--code); border-radius: 0.3em; padding: 0.4em 0.6em; margin: 0.35em 0; overflow-x: auto;
  font-size: 0.85em; }
pre code { background: none; padding: 0; font-size: 1em; }
blockquote { margin: 0.35em 0; padding-left: 0.7em; border-left: 3px solid var(--rule); }
table { border-collapse: collapse; margin: 0.35em 0; display: block; max-width: 100%; overflow-x: auto; }
th, td { border: 1px solid var(--rule); padding: 0.15em 0.45em; text-align: left; vertical-align: top; }
th { background: var(--chip); }
div.math { margin: 0.35em 0; overflow-x: auto; }
)";

constexpr std::string_view kLatexPre =
    "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n"
    "\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n";
constexpr std::string_view kLatexPost = "\\end{document}";

Json field_json(std::string_view name, int ord) {
    return Json{{"name", name}, {"ord", ord},   {"sticky", false}, {"rtl", false},
                {"font", "Arial"}, {"size", 20}, {"media", Json::array()}};
}

Json template_json(std::string_view name, int ord, std::string_view qfmt, std::string_view afmt) {
    return Json{{"name", name}, {"ord", ord},      {"qfmt", qfmt}, {"afmt", afmt},
                {"did", nullptr}, {"bqfmt", ""}, {"bafmt", ""}};
}

}  // namespace

std::string deck_description(const ir::Glossary& g) {
    std::string out;
    html(out, "<p class=\"glossc-title\">", Prose{g.title}, "</p><p class=\"glossc-edition\">Edition <span class=\"edition\">",
         Prose{g.edition}, "</span>, language <span class=\"language\">", Prose{g.language},
         "</span>.</p>");
    // The sources as learners know them: by title, a link to the source
    // when it has a URL (never the id or file name; issue 24).
    if (!g.sources.empty()) {
        out += "<div class=\"glossc-sources\">Sources: <ul>";
        for (const auto& source : g.sources) {
            const ir::Source shown = sources::reader_view(source);
            if (shown.url.empty())
                html(out, "<li class=\"source\"><span class=\"source-title\">", Prose{shown.title}, "</span></li>");
            else
                html(out, "<li class=\"source\"><a class=\"source-title\" ", clickable(shown.url) ? "href" : "data-url",
                     "=\"", Attribute{shown.url}, "\">", Prose{shown.title}, "</a></li>");
        }
        out += "</ul></div>";
    }
    out += "<p class=\"glossc-help\">Importing a newer edition of this deck updates the notes whose entry "
           "changed and keeps your review history.</p>";
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

Json models_json(bool blocks) {
    Json fields = Json::array();
    for (std::size_t i = 0; i < kFieldCount; ++i) fields.push_back(field_json(kFieldNames[i], static_cast<int>(i)));
    Json templates = Json::array({template_json(kTemplateNames[0], 0, kTermFront, kTermBack),
                                  template_json(kTemplateNames[1], 1, kDefinitionFront, kDefinitionBack)});
    // What Anki computes: card 1 needs Term or Category on its front, card 2 the Definition.
    Json req = Json::array({Json::array({0, "any", Json::array({0, 5})}), Json::array({1, "all", Json::array({2})})});
    Json model{{"id", kNoteTypeId},
               {"name", kNoteTypeName},
               {"type", 0},
               {"mod", blocks ? kNoteTypeBlocksModified : kNoteTypeModified},
               {"usn", -1},
               {"sortf", 0},
               {"did", kDeckId},
               {"tmpls", templates},
               {"flds", fields},
               {"css", blocks ? std::string(kCss) + std::string(kBlockCss) : std::string(kCss)},
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

}  // namespace glossc::anki_backend
