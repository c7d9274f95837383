// glossc-bench: per-stage times, throughput and peak memory of the pipeline
// on the seed sources and on synthetic corpora of several sizes, side by
// side with pandoc converting the same glossary (one Markdown definition
// list) to EPUB and to LaTeX. `./dev bench` runs it; figures in docs/performance.md.
//
//   glossc-bench [--sizes 1000,10000,100000,1000000] [--seed S] [--work DIR]
//                [--pandoc-max N] [--repeat R] [--no-seed-sources]
//
// Each measurement runs in a child process (this program again, with
// --child), so that peak RSS (VmHWM) is that of one build, not the largest
// so far. Figures are wall seconds; a shared machine makes them noisy, so
// the seed build takes the best of --repeat runs.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "corpus.hpp"
#include "driver/driver.hpp"
#include "markdown_list.hpp"
#include "parallel/parallel.hpp"
#include "text/inline_math.hpp"

namespace {

namespace fs = std::filesystem;
using glossc::wall_seconds;

// Peak resident set of this process, in MiB (VmHWM in /proc/self/status).
double peak_rss_mib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
    return 0;
}

// The glossary as one Markdown definition list: what pandoc converts.
void write_markdown(const glossc::ir::Glossary& glossary, const fs::path& path) {
    std::ofstream out(path, std::ios::binary);
    out << "---\ntitle: " << glossary.title << "\nlang: " << glossary.language << "\n---\n\n";
    auto plain = [](const auto& text) { return glossc::text::plain_text(text, "$", "$"); };
    for (const auto& c : glossary.concepts) {
        std::vector<std::string> aliases, definitions;
        for (const auto& label : c.labels) aliases.push_back(label.text);
        for (const auto& d : c.definitions) {
            std::string text = plain(d.summary);
            for (const auto* part : {&d.body, &d.details})
                if (!part->empty()) text += " " + plain(*part);
            if (!d.example.empty()) text += " Example: " + plain(d.example);
            definitions.push_back(text);
        }
        glossc::bench::write_definition_item(out, c.headword, aliases, definitions);
    }
}

// --child MANIFEST OUT [MARKDOWN]: one build, stage by stage; prints
// "name wall cpu" lines and "entries N", "concepts N", "rss_target MiB",
// "rss MiB" on stdout.
int run_child(const fs::path& manifest, const fs::path& out_dir, const std::string& markdown) {
    glossc::Stages stages;
    std::ostringstream diagnostics;
    double started = wall_seconds();
    auto compiled = glossc::compile(glossc::CompileRequest{manifest, {}, &stages}, diagnostics);
    if (!compiled.glossary) {
        std::cerr << diagnostics.str();
        return 1;
    }
    std::size_t entries = 0;
    for (const auto& source : compiled.glossary->sources) entries += source.entries;
    // As `glossc build` does it (not a release).
    glossc::RenderContext context = glossc::prepare_backends(compiled, false);
    fs::create_directories(out_dir);
    // The target set first (JSON, text, EPUB, Anki), then LaTeX on its own.
    std::vector<const glossc::BackendInfo*> target, latex;
    for (const auto& backend : glossc::backend_registry())
        (backend.format == "latex" ? latex : target).push_back(&backend);
    std::ostringstream messages;
    bool ok = glossc::write_outputs(*compiled.glossary, context, target, out_dir, &stages, messages);
    double target_wall = wall_seconds() - started;
    double target_cpu = glossc::process_cpu_seconds();
    double rss_target = peak_rss_mib();
    ok = glossc::write_outputs(*compiled.glossary, context, latex, out_dir, &stages, messages) && ok;
    double all_wall = wall_seconds() - started;
    if (!ok) {
        std::cerr << messages.str();
        return 1;
    }
    stages.finish();
    for (const auto& t : stages.times()) {
        std::string name = t.name;
        name.erase(0, name.find_first_not_of(' '));
        std::printf("%s %.4f %.4f\n", name.c_str(), t.wall, t.cpu);
    }
    std::printf("target_cpu %.4f\n", target_cpu);
    std::printf("target %.4f\nall %.4f\nentries %zu\nconcepts %zu\nrss_target %.1f\nrss %.1f\n", target_wall,
                all_wall, entries, compiled.glossary->concepts.size(), rss_target, peak_rss_mib());
    if (!markdown.empty()) write_markdown(*compiled.glossary, markdown);
    return 0;
}

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Runs a shell command, returns its stdout, or nullopt when it failed.
std::optional<std::string> capture(const std::string& command) {
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return std::nullopt;
    std::string out;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    int status = pclose(pipe);
    if (status != 0) return std::nullopt;
    return out;
}

using Figures = std::map<std::string, double>;  // stage name -> wall seconds, and the summary keys

std::optional<Figures> measure(const std::string& self, const fs::path& manifest, const fs::path& out,
                               const std::string& markdown, unsigned jobs) {
    std::string command = quote(self) + " --child " + quote(manifest.string()) + " " + quote(out.string()) + " " +
                          quote(markdown) + " --jobs " + std::to_string(jobs);
    auto text = capture(command);
    if (!text) return std::nullopt;
    Figures figures;
    std::istringstream in(*text);
    std::string name;
    double value;
    while (in >> name >> value) {
        figures[name] = value;
        if (in.peek() == ' ') in >> value;  // the CPU column of a stage line
    }
    return figures;
}

double children_cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return s(usage.ru_utime) + s(usage.ru_stime);
}

// Wall and CPU (user + system) seconds of a command: the best of `repeat`
// runs (a shared machine only ever makes a run slower); -1 when it fails.
struct Timing {
    double wall = -1, cpu = -1;
};
Timing time_command(const std::string& command, int repeat) {
    Timing best;
    for (int i = 0; i < repeat; ++i) {
        double started = wall_seconds(), cpu = children_cpu_seconds();
        if (std::system((command + " >/dev/null 2>&1").c_str()) != 0) return {};
        Timing t{wall_seconds() - started, children_cpu_seconds() - cpu};
        if (best.wall < 0 || t.wall < best.wall) best.wall = t.wall;
        if (best.cpu < 0 || t.cpu < best.cpu) best.cpu = t.cpu;
    }
    return best;
}

struct Pandoc {
    Timing epub, latex;
    double wall() const { return epub.wall < 0 || latex.wall < 0 ? -1 : epub.wall + latex.wall; }
    double cpu() const { return epub.cpu < 0 || latex.cpu < 0 ? -1 : epub.cpu + latex.cpu; }
};

Pandoc run_pandoc(const fs::path& markdown, const fs::path& out, int repeat) {
    Pandoc p;
    std::string in = quote(markdown.string());
    p.epub = time_command("pandoc -f markdown -t epub3 -o " + quote((out / "pandoc.epub").string()) + " " + in, repeat);
    p.latex = time_command("pandoc -f markdown -s -t latex -o " + quote((out / "pandoc.tex").string()) + " " + in, repeat);
    return p;
}

std::string seconds(double s) {
    char buffer[32];
    if (s < 0) return "–";
    std::snprintf(buffer, sizeof buffer, s < 10 ? "%.3f" : "%.1f", s);
    return buffer;
}

std::vector<std::size_t> parse_sizes(const std::string& list) {
    std::vector<std::size_t> sizes;
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ','))
        if (!item.empty()) sizes.push_back(std::stoull(item));
    return sizes;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    unsigned jobs = 0;
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == "--jobs") jobs = static_cast<unsigned>(std::stoul(args[i + 1]));
    glossc::parallel::set_jobs(jobs);
    if (!args.empty() && args[0] == "--child" && args.size() >= 4) return run_child(args[1], args[2], args[3]);

    std::vector<std::size_t> sizes{1000, 10000, 100000, 1000000};
    std::uint64_t seed = 1;
    fs::path work = fs::temp_directory_path() / "glossc-bench";
    fs::path seed_manifest = "sources/glossary.toml";
    std::size_t pandoc_max = 100000;
    int repeat = 3;
    bool seed_sources = true;
    try {
        for (std::size_t i = 0; i < args.size(); ++i) {
            auto value = [&]() -> std::string {
                if (i + 1 >= args.size()) throw std::invalid_argument(args[i]);
                return args[++i];
            };
            if (args[i] == "--sizes") sizes = parse_sizes(value());
            else if (args[i] == "--seed") seed = std::stoull(value());
            else if (args[i] == "--work") work = value();
            else if (args[i] == "--manifest") seed_manifest = value();
            else if (args[i] == "--pandoc-max") pandoc_max = std::stoull(value());
            else if (args[i] == "--repeat") repeat = std::max(1, std::stoi(value()));
            else if (args[i] == "--jobs") value();
            else if (args[i] == "--no-seed-sources") seed_sources = false;
            else throw std::invalid_argument(args[i]);
        }
    } catch (const std::exception&) {
        std::cerr << "usage: glossc-bench [--sizes 1000,10000,100000,1000000] [--seed S] [--work DIR] [--jobs N]\n"
                     "                    [--pandoc-max N] [--repeat R] [--manifest sources/glossary.toml] "
                     "[--no-seed-sources]\n";
        return 2;
    }
    std::string self = fs::read_symlink("/proc/self/exe").string();
    fs::path glossc_binary = fs::path(self).parent_path() / "glossc";
    bool have_pandoc = std::system("pandoc --version >/dev/null 2>&1") == 0;
    if (!have_pandoc) std::cerr << "glossc-bench: pandoc is not installed (apt-get install pandoc): no ratio\n";
    std::printf("glossc-bench: jobs %u, pandoc %s\n", glossc::parallel::jobs(), have_pandoc ? "yes" : "no");

    if (seed_sources) {
        fs::path out = work / "seed";
        fs::create_directories(out);
        // The real command, start to finish, as a user runs it (best of --repeat).
        std::string build = quote(glossc_binary.string()) + " build --formats json,text,epub,anki,latex --manifest " +
                            quote(seed_manifest.string()) + " --out " + quote((out / "glossc").string()) +
                            (jobs ? " --jobs " + std::to_string(jobs) : "");
        Timing glossc_time = time_command(build, repeat);
        auto figures = measure(self, seed_manifest, out / "stages", (out / "seed.md").string(), jobs);
        Pandoc pandoc = have_pandoc ? run_pandoc(out / "seed.md", out, repeat) : Pandoc{};
        std::printf("\nSeed sources (%s), all formats except the PDF, best of %d:\n", seed_manifest.c_str(), repeat);
        if (figures)
            std::printf("  stages: read %s s, merge %s s, json %s, text %s, epub %s, anki %s, latex %s; peak RSS %.0f MiB\n",
                        seconds((*figures)["read"]).c_str(), seconds((*figures)["merge"]).c_str(),
                        seconds((*figures)["json"]).c_str(), seconds((*figures)["text"]).c_str(),
                        seconds((*figures)["epub"]).c_str(), seconds((*figures)["anki"]).c_str(),
                        seconds((*figures)["latex"]).c_str(), (*figures)["rss"]);
        auto ratio = [](double a, double b) { return a > 0 && b > 0 ? a / b : 0.0; };
        std::printf("  glossc build: wall %s s, CPU %s s\n", seconds(glossc_time.wall).c_str(),
                    seconds(glossc_time.cpu).c_str());
        std::printf("  pandoc EPUB + LaTeX: wall %s + %s = %s s, CPU %s + %s = %s s\n", seconds(pandoc.epub.wall).c_str(),
                    seconds(pandoc.latex.wall).c_str(), seconds(pandoc.wall()).c_str(), seconds(pandoc.epub.cpu).c_str(),
                    seconds(pandoc.latex.cpu).c_str(), seconds(pandoc.cpu()).c_str());
        std::printf("  pandoc / glossc: %.1fx by wall time, %.1fx by CPU time\n", ratio(pandoc.wall(), glossc_time.wall),
                    ratio(pandoc.cpu(), glossc_time.cpu));
    }

    std::printf("\n| entries | concepts | read s | merge s | json s | text s | epub s | anki s | latex s | "
                "read..anki wall s | read..anki CPU s | entries/s | peak RSS MiB (with latex) | pandoc epub+latex s | "
                "pandoc / glossc |\n");
    std::printf("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    std::fflush(stdout);
    for (std::size_t n : sizes) {
        fs::path dir = work / ("corpus-" + std::to_string(n));
        double started = wall_seconds();
        glossc::bench::write_corpus({n, seed, dir});
        // The corpus on disk before the clock starts: the kernel writing a
        // gigabyte of it back during the build slowed the build by a tenth.
        ::sync();
        std::fprintf(stderr, "glossc-bench: %zu entries written in %.1f s, building...\n", n, wall_seconds() - started);
        auto figures = measure(self, dir / "glossary.toml", dir / "out", "", jobs);
        if (!figures) {
            std::printf("| %zu | build failed |\n", n);
            continue;
        }
        auto& f = *figures;
        Pandoc pandoc;
        if (have_pandoc && n <= pandoc_max) pandoc = run_pandoc(dir / "glossary.md", dir / "out", 1);
        char ratio[32] = "–";
        if (pandoc.wall() > 0) std::snprintf(ratio, sizeof ratio, "%.1fx", pandoc.wall() / f["all"]);
        std::printf("| %zu | %.0f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.0f | %.0f (%.0f) | %s | %s |\n", n,
                    f["concepts"], seconds(f["read"]).c_str(), seconds(f["merge"]).c_str(), seconds(f["json"]).c_str(),
                    seconds(f["text"]).c_str(), seconds(f["epub"]).c_str(), seconds(f["anki"]).c_str(),
                    seconds(f["latex"]).c_str(), seconds(f["target"]).c_str(), seconds(f["target_cpu"]).c_str(),
                    f["entries"] / f["target"], f["rss_target"], f["rss"], seconds(pandoc.wall()).c_str(), ratio);
        std::fflush(stdout);
    }
    return 0;
}
