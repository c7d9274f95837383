// Compiling glossary.tex to a PDF (`glossc build --pdf`): latexmk with
// LuaLaTeX in a build folder, safely and reproducibly.
//
//   latexmk -lualatex -interaction=nonstopmode -halt-on-error -no-shell-escape
//           -recorder glossary.tex
//
// runs in a private folder made inside `build_dir` (out/latex-build/), seeded
// with the previous run's files so that a rebuild of an unchanged edition is
// quick; its files are renamed into `build_dir` when it ends (a link planted
// there is replaced, never written through), and it is removed. The
// environment:
//   openin_any=p openout_any=p     TeX reads and writes no file outside the
//                                  folder and the TeX installation
//   SOURCE_DATE_EPOCH=<timestamp> FORCE_SOURCE_DATE=1
//                                  dates from the edition, not the clock
//   max_print_line=10000           log lines unbroken, for the checks below
// The .tex itself fixes the PDF trailer id and dates, so two builds of the
// same glossary give identical bytes. The PDF is then copied to `pdf`
// atomically (a failed build leaves the old one in place).
//
// The log is checked after a successful run: "Missing character", undefined
// references and rerun requests become warnings.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "backend.hpp"
#include "ir/ir.hpp"

namespace glossc::latex_backend {

// The Debian packages --pdf needs (named in the error when they are missing).
inline constexpr std::string_view kPdfPackages =
    "texlive-luatex texlive-latex-recommended latexmk fonts-noto-core fonts-noto-mono fonts-noto-cjk "
    "fonts-noto-color-emoji fonts-texgyre-math";

// The programs --pdf runs that are not on PATH (empty when all are there).
std::vector<std::string> missing_pdf_tools();

struct PdfRequest {
    std::filesystem::path tex;        // the written glossary.tex
    std::filesystem::path build_dir;  // where latexmk runs
    std::filesystem::path pdf;        // where the PDF goes
    std::int64_t timestamp = 0;       // the edition's time (SOURCE_DATE_EPOCH)
};

struct PdfResult {
    bool ok = false;
    std::vector<ir::Diagnostic> diagnostics;  // errors when !ok; warnings from the log
};

PdfResult compile_pdf(const PdfRequest& request);

// `glossc build --pdf`: the LaTeX row's post-build step (backends/registry.cpp).
// Before the build, it checks that the programs are installed (else an error
// naming the packages: "pdf-tools-missing"); after it, compile_pdf() of the
// written .tex into `latex-build/` and `glossary.pdf` in the output folder.
extern const PostBuild kPdfStep;

}  // namespace glossc::latex_backend
