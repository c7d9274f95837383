#include "support/epub_inspect.hpp"

#include <filesystem>
#include <set>
#include <sstream>

#include <pugixml.hpp>

#include "common/zip_archive.hpp"
#include "support/paths.hpp"

namespace glossc::testing::epub {

namespace {

constexpr const char* kEpubcheckJar = "/usr/share/java/epubcheck.jar";

// "EPUB/a/b.xhtml" + "../c.xhtml#x" -> "EPUB/c.xhtml"; fragment returned apart.
std::string resolve(const std::string& from, const std::string& href_path) {
    std::filesystem::path base = std::filesystem::path(from).parent_path();
    return (base / href_path).lexically_normal().generic_string();
}

bool is_remote(const std::string& href) { return href.find("://") != std::string::npos || href.starts_with("mailto:"); }

void collect_ids(const pugi::xml_node& node, std::set<std::string>& ids) {
    for (auto child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        if (auto id = child.attribute("id")) ids.insert(id.value());
        collect_ids(child, ids);
    }
}

void collect_hrefs(const pugi::xml_node& node, std::vector<std::string>& hrefs) {
    for (auto child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        if (auto href = child.attribute("href")) hrefs.push_back(href.value());
        collect_hrefs(child, hrefs);
    }
}

}  // namespace

std::vector<Member> members(const std::string& epub) {
    std::vector<Member> out;
    for (auto& m : zip::read_archive(epub)) out.push_back({m.name, std::move(m.bytes), m.store});
    return out;
}

std::map<std::string, std::string> files(const std::string& epub) {
    std::map<std::string, std::string> out;
    for (auto& m : members(epub)) out.emplace(m.name, std::move(m.bytes));
    return out;
}

std::string dump(const std::string& epub) {
    std::string out;
    for (const auto& m : members(epub)) {
        out += "== " + m.name + " (" + (m.stored ? "stored" : "deflated") + ", " + std::to_string(m.bytes.size()) +
               " bytes) ==\n" + m.bytes;
        if (!m.bytes.empty() && m.bytes.back() != '\n') out += "\n";
    }
    return out;
}

std::vector<std::string> broken_links(const std::string& epub) {
    auto all = files(epub);
    // Ids of every XML member, parsed once.
    std::map<std::string, std::set<std::string>> ids;
    std::map<std::string, std::vector<std::string>> hrefs;
    std::vector<std::string> broken;
    for (const auto& [name, bytes] : all) {
        bool markup = name.ends_with(".xhtml") || name.ends_with(".xml") || name.ends_with(".opf");
        if (!markup || name == "META-INF/container.xml") continue;
        pugi::xml_document document;
        if (!document.load_buffer(bytes.data(), bytes.size())) {
            broken.push_back(name + ": not well-formed XML");
            continue;
        }
        collect_ids(document, ids[name]);
        if (!name.ends_with(".opf")) collect_hrefs(document, hrefs[name]);
    }
    for (const auto& [name, list] : hrefs)
        for (const auto& href : list) {
            if (is_remote(href)) continue;
            std::size_t hash = href.find('#');
            std::string path = href.substr(0, hash);
            std::string target = path.empty() ? name : resolve(name, path);
            if (!all.count(target)) {
                broken.push_back(name + ": " + href + " (no file " + target + ")");
            } else if (hash != std::string::npos && !ids[target].count(href.substr(hash + 1))) {
                broken.push_back(name + ": " + href + " (no id in " + target + ")");
            }
        }
    return broken;
}

EpubcheckResult epubcheck(const std::string& epub) {
    EpubcheckResult result;
    if (!std::filesystem::exists(kEpubcheckJar) || run_command("command -v java").status != 0) return result;
    result.available = true;
    TempDir dir;
    auto path = dir / "glossary.epub";
    write_text(path, epub);
    // C1 JIT only: epubcheck is a short run, and the machine is shared.
    auto run = run_command("java -XX:TieredStopAtLevel=1 -jar " + std::string(kEpubcheckJar) + " " +
                           shell_quote(path.string()));
    result.status = run.status;
    result.output = run.output;
    std::istringstream lines(run.output);
    for (std::string line; std::getline(lines, line);) {
        line.erase(0, line.find_first_not_of(' '));
        if (line.starts_with("FATAL") || line.starts_with("ERROR") || line.starts_with("WARNING"))
            result.problems.push_back(line);
    }
    return result;
}

}  // namespace glossc::testing::epub
