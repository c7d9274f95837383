// The preamble of glossary.tex: the class, the fonts, the line-breaking aid
// and the \gc... macros the body is written in (latex_backend.hpp). The body
// never defines anything; everything that executes is here.
#include "latex/latex_format.hpp"

namespace glossc::latex_backend::format {

namespace {

constexpr std::string_view kHead = R"tex(%% The LaTeX print edition of a glossary, written by glossc. Compile it with LuaLaTeX:
%%   latexmk -lualatex -interaction=nonstopmode -halt-on-error -no-shell-escape glossary.tex
%% (`glossc build --formats latex --pdf` does that, reproducibly). It needs the Debian packages
%% texlive-luatex texlive-latex-recommended latexmk fonts-noto-core fonts-noto-mono fonts-noto-cjk
%% fonts-noto-color-emoji fonts-texgyre-math. Everything after \begin{document} is glossary content written by glossc:
%% escaped text in the \gc... macros defined here (backends/latex/latex_backend.hpp).
\documentclass[10pt,twoside]{article}
)tex";

// Packages, fonts and the Lua line-breaking aid (after the trailer id and
// before hyperref's options).
constexpr std::string_view kPackages = R"tex(\pdfvariable suppressoptionalinfo 15
\usepackage[a4paper,top=25mm,bottom=22mm,inner=20mm,outer=18mm,headheight=14pt,headsep=5mm]{geometry}
\usepackage{amsmath}
\usepackage[math-style=TeX]{unicode-math}
\usepackage{multicol}
\usepackage{fancyhdr}
% Fonts: Noto (Debian's fonts-noto-*), each with the same fallbacks, so that
% arrows, math symbols, Greek, Hebrew, Arabic, CJK and emoji all print. TeX
% ligatures are off: "--", "''" and "<<" in the glossary print as they are.
\directlua{
  luaotfload.add_fallback("glossc", {
    "file:NotoSansMath-Regular.ttf:mode=harf;",
    "file:NotoSansSymbols-Regular.ttf:mode=harf;",
    "file:NotoSansSymbols2-Regular.ttf:mode=harf;",
    "file:NotoSansHebrew-Regular.ttf:mode=harf;",
    "file:NotoSansArabic-Regular.ttf:mode=harf;",
    "file:NotoSansCJK-Regular.ttc(2):mode=harf;",
    "file:NotoColorEmoji.ttf:mode=harf;"
  })
}
\setmainfont{NotoSerif}[Extension=.ttf, UprightFont=*-Regular, BoldFont=*-Bold, ItalicFont=*-Italic,
  BoldItalicFont=*-BoldItalic, Renderer=HarfBuzz, Ligatures={TeXOff,NoCommon}, RawFeature={fallback=glossc}]
\setsansfont{NotoSans}[Extension=.ttf, UprightFont=*-Regular, BoldFont=*-Bold, ItalicFont=*-Italic,
  BoldItalicFont=*-BoldItalic, Renderer=HarfBuzz, Ligatures={TeXOff,NoCommon}, RawFeature={fallback=glossc}]
\setmonofont{NotoSansMono}[Extension=.ttf, UprightFont=*-Regular, BoldFont=*-Bold, Renderer=HarfBuzz,
  Ligatures=TeXOff, RawFeature={fallback=glossc}]
% Math: the letters, Greek and digits of formulas are Noto Serif's, as in
% the text; operators, delimiters and the math alphabets come from TeX Gyre
% Schola Math (Debian's fonts-texgyre-math), a sturdy serif math font whose
% weight and x-height (scaled to Noto's) sit beside Noto Serif, as Latin
% Modern's thin strokes did not.
\setmathfont{texgyreschola-math.otf}[Scale=MatchLowercase]
\setmathfont{NotoSerif-Italic.ttf}[range=it/{latin,Latin,greek,Greek}, Scale=MatchLowercase]
\setmathfont{NotoSerif-Regular.ttf}[range=up/{latin,Latin,greek,Greek,num}, Scale=MatchLowercase]
\setmathfont{NotoSerif-BoldItalic.ttf}[range=bfit/{latin,Latin,greek,Greek}, Scale=MatchLowercase]
\setmathfont{NotoSerif-Bold.ttf}[range=bfup/{latin,Latin,greek,Greek,num}, Scale=MatchLowercase]
% Line breaks: no hyphenation (a word is printed as it is written), but
% long runs without spaces (URLs, identifiers, CJK) may break: after / . _
% and similar characters, between CJK characters, after a hyphen that ends
% three or more characters of the run ("interoperability-" but not the
% "-" of "-Nano"), and every 20 characters of a longer run; never before a
% combining mark. TeX has already made each written hyphen a discretionary
% (which \exhyphenpenalty keeps from breaking) and each hyphenation point
% one (kept by \hyphenpenalty): both are part of the run, not its end.
\hyphenpenalty=10000 \exhyphenpenalty=10000 \emergencystretch=3em
\directlua{
  glossc = {}
  local GLYPH = node.id("glyph")
  local MATH = node.id("math")
  local DISC = node.id("disc")
  local written = {}
  for k, v in pairs(node.subtypes("disc")) do
    if v == "automatic" or v == "explicit" then written[k] = true end
  end
  local function penalty_after(head, n, p)
    local pen = node.new("penalty")
    pen.penalty = p
    return node.insert_after(head, n, pen)
  end
  local function cjk(c)
    return (c >= 0x2E80 and c <= 0x9FFF) or (c >= 0xF900 and c <= 0xFAFF) or (c >= 0xFF00 and c <= 0xFF60)
      or (c >= 0x20000 and c <= 0x3FFFF)
  end
  local function joins(c)
    return (c >= 0x0300 and c <= 0x036F) or (c >= 0x0483 and c <= 0x0489) or (c >= 0x0591 and c <= 0x05C7)
      or (c >= 0x0610 and c <= 0x061A) or (c >= 0x064B and c <= 0x065F) or c == 0x0670
      or (c >= 0x1AB0 and c <= 0x1AFF) or (c >= 0x1DC0 and c <= 0x1DFF) or c == 0x200C or c == 0x200D
      or (c >= 0x20D0 and c <= 0x20FF) or (c >= 0xFE00 and c <= 0xFE0F) or (c >= 0xFE20 and c <= 0xFE2F)
      or (c >= 0x1F3FB and c <= 0x1F3FF) or (c >= 0xE0000 and c <= 0xE0FFF)
  end
  local hyphen = { [0x2D] = true, [0x2010] = true, [0x2011] = true, [0xAD] = true }
  local after = { [0x2F] = true, [0x2E] = true, [0x5F] = true, [0x3F] = true, [0x26] = true, [0x3D] = true,
    [0x2C] = true, [0x3B] = true, [0x3A] = true, [0x7C] = true, [0x5C] = true, [0x29] = true, [0x5D] = true,
    [0x7D] = true, [0x23] = true, [0x40] = true }
  function glossc.breaks(head)
    local run, inmath, n = 0, false, head
    while n do
      local nx = n.next
      if n.id == MATH then
        inmath = (n.subtype == 0)
        run = 0
      elseif n.id == GLYPH and not inmath then
        run = run + 1
        local c = n.char
        local starts = nx and (nx.id == DISC or (nx.id == GLYPH and not joins(nx.char)))
        if starts and not joins(c) and not hyphen[c] then
          local p = nil
          if nx.id == GLYPH and cjk(c) and cjk(nx.char) then p = 50
          elseif after[c] and run >= 3 then p = 200
          elseif run >= 20 then p = 1000
          end
          if p then
            head = penalty_after(head, n, p)
            run = 0
          end
        end
      elseif n.id == DISC and not inmath then
        if written[n.subtype] then
          run = run + 1
          if run >= 4 and nx and nx.id == GLYPH and not joins(nx.char) then
            head = penalty_after(head, n, 500)
            run = 0
          end
        end
      else
        run = 0
      end
      n = nx
    end
    return head
  end
  luatexbase.add_to_callback("pre_shaping_filter", glossc.breaks, "glossc.breaks")
}
)tex";

// The macros the body is written in.
constexpr std::string_view kMacros = R"tex(\makeatletter
\setlength{\parindent}{0pt}
\setlength{\columnsep}{6mm}
\setlength{\columnseprule}{0.2pt}
\def\gc@ifempty#1{\if\relax\detokenize{#1}\relax\expandafter\@firstoftwo\else\expandafter\@secondoftwo\fi}
% Removes the spaces the line ends between the body's macro calls leave.
\def\gc@unskip{\ifhmode\gc@unskip@\fi}
\def\gc@unskip@{\ifdim\lastskip>\z@\unskip\expandafter\gc@unskip@\fi}
% Items of a run-in list (aliases, categories, "see"): #2 before the first, #3 between.
\long\def\gc@item#1#2#3{\def\gc@tmp{#1}\ifx\gc@tmp\gc@list #3\else #2\let\gc@list\gc@tmp\fi}
\let\gc@list\relax
% Escapes: a code point printed as a visible replacement, one printed as nothing.
\protected\def\gcchar#1#2{{\sffamily\footnotesize #2}}
\protected\def\gcinvisible#1{}
\pdfstringdefDisableCommands{\def\gcchar#1#2{#2}\def\gcinvisible#1{}}
% Rich text.
\protected\def\gcemph#1{\emph{#1}}
\protected\def\gcstrong#1{\textbf{#1}}
\protected\def\gccode#1{\texttt{#1}}
% Inline math may break after a comma, as text does: a list of values
% ("\{-1.0, -0.6962, ...\}") is wider than a column. Within the formula the
% comma is math-active: its own math character, then a penalty (which counts
% only in the formula's outermost list).
\begingroup\lccode`\~=`\,\lowercase{\endgroup\def~}{\gc@comma\penalty\relpenalty}
\def\gc@breakcommas{\Umathcharnumdef\gc@comma=\Umathcodenum`\,\relax\mathcode`\,="8000 }
\protected\def\gcmath#1{\(\gc@breakcommas#1\)}
\def\gcmtext#1{\text{#1}}
\protected\def\gcmathtext#1{{\ttfamily\$#1\$}}
% Links: the URL argument is escaped text; for the link target its escapes
% expand to the characters they stand for.
\def\gc@stringmode{\def\#{\Uchar35 }\def\%{\Uchar37 }\def\&{\Uchar38 }\def\_{\Uchar95 }\def\${\Uchar36 }%
  \def\textasciitilde##1{\Uchar126 }}
\protected\def\gc@href#1#2{\begingroup\gc@stringmode\edef\gc@x{\endgroup\noexpand\href{#1}}\gc@x{#2}}
\protected\def\gcurl#1{\gc@href{#1}{\texttt{#1}}}
\protected\def\gcurltext#1{\texttt{#1}}
\protected\def\gclink#1#2{\gc@ifempty{#2}{\gcurl{#1}}{\gc@href{#1}{#2}\ {\small\texttt{<#1>}}}}
\protected\def\gclinktext#1#2{\gc@ifempty{#2}{\gcurltext{#1}}{#2\ {\small\texttt{<#1>}}}}
\protected\def\gcref#1#2#3{\gc@ifempty{#1}{#3}{\hyperref[#1]{#3}}}
\protected\def\gcarxiv#1{\gc@href{https://arxiv.org/abs/#1}{arXiv:#1}}
\protected\def\gcarxivtext#1{arXiv:#1}
% Running heads: every entry sets a mark holding its label key and its
% headword; the left head shows the first on the page, the right head the
% last (multicol keeps \firstmark and \botmark right). Each page's keys are
% also written to the .aux (\gcpagemarks), for checking.
\protected\def\gc@m#1#2{}
\def\gcpagemarks#1#2#3{}
\def\gc@recordmarks{\begingroup\def\gc@m##1##2{##1}%
  \immediate\write\@auxout{\string\gcpagemarks{\thepage}{\rightmark}{\leftmark}}\endgroup}
\def\gc@head#1{\begingroup\def\gc@m##1##2{##2}\sffamily\bfseries#1\endgroup}
\fancypagestyle{gcentries}{\fancyhf{}\fancyhead[L]{\gc@recordmarks\gc@head\rightmark}%
  \fancyhead[R]{\gc@head\leftmark}\fancyfoot[C]{\thepage}\renewcommand\headrulewidth{0.4pt}}
\fancypagestyle{gcindex}{\fancyhf{}\fancyhead[L,R]{\sffamily\bfseries\gc@indextitle}\fancyfoot[C]{\thepage}%
  \renewcommand\headrulewidth{0.4pt}}
% The title page and its verso, with the sources by title (and address).
\newenvironment{gctitlepage}[4]{\thispagestyle{empty}\begin{center}\vspace*{40mm}%
  {\Huge\sffamily\bfseries #1\par}\vspace{12mm}%
  \gc@ifempty{#3}{}{{\large Edition #3\par}\vspace{3mm}}%
  \gc@ifempty{#2}{}{{Language: #2\par}\vspace{3mm}}%
  {#4 concepts\par}\end{center}\newpage\thispagestyle{empty}%
  \section*{Sources}\raggedright\def\gc@sources{}}%
  {\ifx\gc@sources\@empty\par(none)\fi\par\cleardoublepage}
\newcommand\gcsource[2]{\def\gc@sources{x}\par\addvspace{.5ex}\hangindent=1em\hangafter=1
  \textbf{#1}\gc@ifempty{#2}{}{\par\hangindent=1em\hangafter=0{\small #2}}}
% The entries.
% Each part ends its last page itself, while its page style is in force.
\newenvironment{gcglossary}{\pagestyle{gcentries}\pdfbookmark[0]{Entries}{gcentries}%
  \begin{multicols}{2}\raggedright}{\end{multicols}\clearpage}
\newcommand\gcletter[2]{\par\addvspace{3ex plus 1ex}\pdfbookmark[1]{#2}{gcletter.#1}%
  {\LARGE\sffamily\bfseries #2\par}\nobreak\vspace{.5ex}\nobreak}
\newcounter{gcdef}
\newenvironment{gcentry}[4]{\par\addvspace{1.2ex plus .5ex}\leavevmode\phantomsection\label{#1}%
  \markboth{\gc@m{#1}{#4}}{\gc@m{#1}{#4}}{\sffamily\bfseries #3}%
  \setcounter{gcdef}{0}\let\gc@list\relax}{\par}
% Other names, without their kinds (the first argument, for the reader).
% \gcquietalias is a label the entry does not print: the headword again, a
% hidden label (a misspelling, say, kept for searching) or a name printed already.
\newcommand\gcalias[2]{\gc@item{alias}{\gc@unskip\ \textperiodcentered\ \textit{also}\ }{\gc@unskip, }#2}
\newcommand\gcquietalias[2]{}
\newcommand\gccategory[2]{\gc@item{category}{\gc@unskip\ \textperiodcentered\ }{\gc@unskip, }{\small\textsc{#2}}}
% The headword's paragraph (headword, aliases, categories) is not broken, and
% no column or page break comes between it and the first definition's first
% line: a column never starts with "1." whose headword is at the foot of the
% one before.
\def\gc@keepwithnext{{\interlinepenalty\@M\clubpenalty\@M\widowpenalty\@M\par}\nobreak}
% A definition, attributed after its text to its source by title: "— Title".
\newenvironment{gcdef}[1]{\ifnum\value{gcdef}=\z@\gc@keepwithnext\else\par\fi\stepcounter{gcdef}\hangindent=1em\hangafter=0
  \textbf{\arabic{gcdef}.}\def\gc@src{#1}\let\gc@flags\@empty}%
  {\gc@unskip\ \textemdash\ {\small\textsc{\gc@src}%
  \ifx\gc@flags\@empty\else\ (\gc@flags)\fi}\par\let\gc@list\relax}
\newcommand\gcflag[1]{\ifx\gc@flags\@empty\def\gc@flags{#1}\else
  \expandafter\def\expandafter\gc@flags\expandafter{\gc@flags, #1}\fi}
\newcommand\gcsummary[1]{\gc@unskip\ #1}
\newcommand\gcbody[1]{\gc@unskip\ #1}
\newcommand\gcdetails[1]{\gc@unskip\ \textit{Details:}\ #1}
\newcommand\gcexample[1]{\gc@unskip\ \textit{Example:}\ #1}
\newcommand\gcsee[3]{\gc@item{see}{\par\hangindent=1em\hangafter=0\textit{See also:}\ }{\gc@unskip; }%
  \gc@ifempty{#1}{\textit{#3}}{\hyperref[#1]{#3}\ (p.\,\pageref*{#1})}}
\newcommand\gcreference[5]{\par\hangindent=1em\hangafter=0\textit{Reference:}\def\gc@sep{\ }%
  \gc@ifempty{#1}{}{\gc@sep\emph{#1}\def\gc@sep{, }}\gc@ifempty{#2}{}{\gc@sep#2\def\gc@sep{, }}%
  \gc@ifempty{#3}{}{\gc@sep#3\def\gc@sep{, }}\gc@ifempty{#4}{}{\gc@sep#4\def\gc@sep{, }}%
  \gc@ifempty{#5}{}{\gc@sep#5}\let\gc@list\relax}
% The indexes. Their columns are not stretched to the same height: the last
% page's balancing of many short entries otherwise came out taller than the
% page (an overfull \vbox).
\newenvironment{gcaliasindex}{\clearpage\def\gc@indextitle{Index of names}\pagestyle{gcindex}%
  \pdfbookmark[0]{Index of names}{gcaliasindex}\section*{Index of names}\raggedcolumns\begin{multicols}{2}\raggedright}%
  {\end{multicols}\clearpage}
\newcommand\gcindexalias[3]{\par\hangindent=1em\hangafter=1 #1\ \textrightarrow\ \hyperref[#2]{#3}, \pageref*{#2}}
\newenvironment{gccategoryindex}{\clearpage\def\gc@indextitle{Index of categories}\pagestyle{gcindex}%
  \pdfbookmark[0]{Index of categories}{gccategoryindex}\section*{Index of categories}%
  \raggedcolumns\begin{multicols}{2}\raggedright}{\end{multicols}\clearpage}
\newenvironment{gcindexcategory}[2]{\par\addvspace{2ex}{\sffamily\bfseries #2\par}\nobreak\def\gc@members{}}%
  {\ifx\gc@members\@empty(none)\fi\par}
\newcommand\gcindexconcept[2]{\def\gc@members{x}\par\hangindent=1em\hangafter=1 \hyperref[#1]{#2}, \pageref*{#1}}
\makeatother
)tex";

// The macros of definitions in blocks (latex_backend.hpp, "Blocks"). Only an
// edition that has such definitions gets them: an edition without keeps the
// bytes it had before blocks existed. Lists, quotes and code indent by
// \leftskip, not LaTeX's list environments, which stop at six levels; past
// six levels, deeper blocks keep the indent of the sixth.
constexpr std::string_view kBlockMacros = R"tex(\usepackage{tabularx}
\usepackage{graphicx}
\makeatletter
\newif\ifgc@runin
\newcount\gc@depth
\newcount\gc@col
\newdimen\gc@step
\newdimen\gc@avail
\newsavebox\gc@mathbox
% A definition's field in blocks. Its paragraphs keep the definition's indent
% (\leftskip, as \hangindent ends with each paragraph); its first paragraph
% runs in. After it, what follows in the definition runs on in its last
% paragraph, or, after a list, code, a formula or a table, starts a new one.
\def\gc@fieldstart#1{\gc@unskip\ #1\leftskip=1em\hangindent=\z@\parskip=.4ex plus .2ex\gc@runintrue\ignorespaces}
\def\gc@fieldend{\ifhmode\aftergroup\gc@keepindent\else\aftergroup\gc@resume\fi}
\def\gc@keepindent{\leftskip=1em\hangindent=\z@}
% The "\ " that the next run-in piece puts first is taken back here.
\def\gc@resume{\gc@keepindent\noindent\hskip-\fontdimen2\font\relax}
\newenvironment{gcbodyblocks}{\gc@fieldstart{}}{\gc@fieldend}
\newenvironment{gcdetailsblocks}{\gc@fieldstart{\textit{Details:}\ }}{\gc@fieldend}
\newenvironment{gcexampleblocks}{\gc@fieldstart{\textit{Example:}\ }}{\gc@fieldend}
% Each block starts a paragraph, except a paragraph that runs in.
\def\gc@block{\gc@runinfalse\par}
\def\gc@deeper#1{\advance\gc@depth\@ne\ifnum\gc@depth<7 \advance\leftskip#1\relax\fi}
\def\gc@available{\gc@avail\linewidth\advance\gc@avail-\leftskip\advance\gc@avail-\rightskip}
\protected\def\gcpar#1{\ifgc@runin\gc@runinfalse\else\par\noindent\fi#1}
% Lists: an item's label hangs in the indent (wider labels push the text on).
\newenvironment{gcbullets}{\gc@block\gc@step=1.1em\gc@deeper\gc@step}{\par}
\newenvironment{gcnumbers}[1]{\gc@block\gc@step=1.8em\gc@deeper\gc@step}{\par}
\protected\def\gcitem{\gc@label{\ifodd\gc@depth\textbullet\else\textendash\fi}}
\protected\def\gcnumitem#1{\gc@label{#1.}}
\def\gc@label#1{\par\noindent\hskip-\gc@step\setbox\z@\hbox{#1\hskip.4em}%
  \ifdim\wd\z@<\gc@step\setbox\z@\hbox to\gc@step{\unhbox\z@\hss}\fi\box\z@\gc@runintrue\ignorespaces}
\newenvironment{gcquote}{\gc@block\gc@deeper{1em}\ifnum\gc@depth<7 \advance\rightskip1em\relax\fi}{\par}
% Code: one paragraph a line, in the monospace font; a long line wraps with
% a deeper indent. Every character is escaped text; a tab prints as four spaces.
\newenvironment{gccodeblock}[1]{\gc@block\addvspace{.3ex}\gc@deeper{.5em}\parskip\z@\ttfamily\small
  \let\gcchar\gc@codechar}{\par\addvspace{.3ex}}
\protected\def\gc@codechar#1#2{\ifnum"#1=9 \hskip4\fontdimen2\font\relax\else{\sffamily\footnotesize #2}\fi}
\protected\def\gcline#1{\par\noindent\hangindent=2em\hangafter=\@ne\strut#1}
% A display formula the allow-list refused: printed as code.
\newenvironment{gcmathcode}{\gccodeblock{}}{\endgccodeblock}
% A display formula, centred; one wider than the column breaks after its
% operators and relations, as in running text, when that makes every line
% fit (tried in a box first), and is scaled down to the column otherwise.
\newif\ifgc@fits
\protected\def\gcdisplaymath#1{\gc@block\gc@available\sbox\gc@mathbox{$\displaystyle#1$}%
  \ifdim\wd\gc@mathbox>\gc@avail
    \setbox\@tempboxa\vbox{\hsize\gc@avail\leftskip\z@\gc@mathshape\hfuzz\maxdimen\hbadness\@M
      \noindent$\displaystyle#1$\par\global\gc@fitstrue\gc@checklines}%
    \ifgc@fits{\gc@mathshape\noindent$\displaystyle#1$\par}\else
      {\parfillskip\z@\noindent\hfil\resizebox{\gc@avail}{!}{\usebox\gc@mathbox}\hfil\par}\fi
  \else{\parfillskip\z@\noindent\hfil\usebox\gc@mathbox\hfil\par}\fi}
\def\gc@mathshape{\rightskip\z@ plus 1fil\parfillskip\z@ plus 1fil\hangindent=2em\hangafter=\@ne}
% Takes the lines of the paragraph just made off the list, noting one that
% is overfull (set again at its width: \badness is 1000000).
\def\gc@checklines{\setbox\z@\lastbox\ifvoid\z@\else\setbox\tw@\hbox to\wd\z@{\unhcopy\z@}%
  \ifnum\badness>\@M\global\gc@fitsfalse\fi\unskip\unpenalty\expandafter\gc@checklines\fi}
% Tables: in the column's width, the cells wrapping; the first row bold.
\let\gc@cellfont\relax
\protected\def\gc@cell#1{{\gc@cellfont#1}\@ifnextchar\gccell{&}{}}
\def\gc@tablehead#1{\global\let\gc@cellfont\bfseries#1\global\let\gc@cellfont\relax\tabularnewline\hline\hline}
\def\gc@tablerow#1{#1\tabularnewline\hline}
\newenvironment{gctable}[1]{\gc@block\gc@available\footnotesize\setlength\tabcolsep{3pt}\let\gccell\gc@cell
  \let\gchead\gc@tablehead\let\gcrow\gc@tablerow\noindent
  \tabularx{\gc@avail}{*{#1}{>{\raggedright\arraybackslash}X}}\hline}{\endtabularx\par}
% A table whose columns would be too narrow: each row a record of
% "heading: cell" lines.
\def\gc@widehead#1{\gc@col\z@\let\gccell\gc@keepcell#1}
\def\gc@keepcell#1{\advance\gc@col\@ne\expandafter\def\csname gc@h\the\gc@col\endcsname{#1}}
\def\gc@widerow#1{\par\addvspace{.6ex}\gc@col\z@\let\gccell\gc@showcell#1}
\def\gc@showcell#1{\advance\gc@col\@ne\par\noindent\hangindent=1em\hangafter=\@ne
  {\bfseries\csname gc@h\the\gc@col\endcsname:}\ #1}
\newenvironment{gcwidetable}[1]{\gc@block\footnotesize\parskip\z@\let\gchead\gc@widehead\let\gcrow\gc@widerow}%
  {\par\addvspace{.6ex}}
\makeatother
)tex";

}  // namespace

std::string preamble(std::string_view trailer_id, std::string_view pdf_date, std::string_view title,
                     std::string_view language, bool blocks) {
    std::string out;
    out += kSignature;
    out += '\n';
    out += kHead;
    // Before anything is written to the PDF: a fixed trailer id (the same
    // glossary always gives the same bytes).
    out += "\\pdfvariable trailerid {[<";
    out += trailer_id;
    out += "> <";
    out += trailer_id;
    out += ">]}\n";
    out += kPackages;
    out += "\\usepackage[hidelinks,bookmarksopen,pdfcreator={glossc},pdfcreationdate={";
    out += pdf_date;
    out += "},pdfmoddate={";
    out += pdf_date;
    out += "}";
    if (!language.empty()) {
        out += ",pdflang={";
        out += language;
        out += "}";
    }
    out += "]{hyperref}\n";
    out += kMacros;
    if (blocks) out += kBlockMacros;
    out += "\\hypersetup{pdftitle={";
    out += title;
    out += "}}\n";
    return out;
}

}  // namespace glossc::latex_backend::format
