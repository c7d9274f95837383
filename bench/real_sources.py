#!/usr/bin/env python3
"""How the readers do on real glossaries written by others.

Runs `glossc build --formats json --source FILE` for every file of
../shared/real_sources/ (when that folder is there) and prints a table: the
entries read from the file against the hand count its README gives, and the
signs of a misread layout: headwords that keep a section number ("4.1
cache") or name the document ("General Glossary"), and raw Markdown/HTML
punctuation left in names or definitions (`**`, `](`, `&mdash;`, `<br>`).

  bench/real_sources.py [--glossc build/glossc] [--dir ../shared/real_sources] [-v]

-v lists each file's headwords. Exit status 1 when a file reads under 97%
of its hand count or shows a misread sign, so the script can gate a change
(ctest runs it as `real_sources`), and 77 when the folder is not there.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

# Hand counts from ../shared/real_sources/README.md (entries a reader of the
# file counts; ml-intro-course-glossary.md counts the three parameters
# entries defined only by nested bullets).
HAND_COUNTS = {
    "llm-glossary-general.md": 27,
    "applied-ai-terminology.md": 120,
    "ml-intro-course-glossary.md": 25,
    "psyteachr-glossary-c.html": 28,
    "lakens-glossary.csv": 115,
    "csci1430-glossary.json": 193,
    "ml-cheatsheet-glossary.rst": 59,
}

SECTION_NUMBER = re.compile(r"^\s*(\d+(\.\d+)*\.?|[A-Z]\.\d+(\.\d+)*|[IVXLC]+\.)\s+\S")
TITLE_WORDS = re.compile(r"\b(glossary|terminology|table of contents)\b", re.I)
RAW_MARKUP = re.compile(r"\*\*|\]\(|\]\[|&[a-z]+;|&#\d+;|<br\s*/?>|</?(p|b|i|em|strong|a|code|span|div)\b|\\$")


def texts(rich):
    """Every string of a rich-text list (text, code, math, link targets aside)."""
    for node in rich or []:
        if node.get("type") in ("text", "code"):
            yield node.get("text", "")
        yield from texts(node.get("children"))


def check(glossc, path, verbose):
    name = os.path.basename(path)
    with tempfile.TemporaryDirectory() as out:
        run = subprocess.run([glossc, "build", "--formats", "json", "--source", path, "--out", out],
                             capture_output=True, text=True)
        json_path = os.path.join(out, "glossary.json")
        if not os.path.exists(json_path):
            return {"file": name, "read": 0, "problems": ["not read: " + run.stderr.strip().splitlines()[-1]
                                                         if run.stderr.strip() else "not read"]}
        glossary = json.load(open(json_path, encoding="utf-8"))
    note = next((line.split("note: ", 1)[1] for line in run.stderr.splitlines()
                 if name in line and "[layout]" in line), "")
    source_ids = {s["id"] for s in glossary["sources"] if os.path.basename(s["file"]) == name}
    read, problems, headwords = 0, [], []
    for concept in glossary["concepts"]:
        for provenance in concept.get("provenance", []):
            if provenance.get("source") not in source_ids:
                continue
            read += 1
            key = provenance.get("key", "")
            headwords.append(key)
            if SECTION_NUMBER.match(key):
                problems.append(f"section number in '{key}'")
            if TITLE_WORDS.search(key):
                problems.append(f"title read as an entry: '{key}'")
        for label in concept.get("labels", []):
            if source_ids & set(label.get("sources", [])) and RAW_MARKUP.search(label["text"]):
                problems.append(f"raw markup in name '{label['text']}'")
        for definition in concept.get("definitions", []):
            if definition.get("source") not in source_ids:
                continue
            for field in ("summary", "body", "details", "example"):
                for text in texts(definition.get(field)):
                    if RAW_MARKUP.search(text):
                        problems.append(f"raw markup in '{concept['headword']}': {text[:60]!r}")
    if verbose:
        print(f"{name}: " + "; ".join(sorted(headwords, key=str.lower)), file=sys.stderr)
    return {"file": name, "read": read, "problems": problems, "note": note}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--glossc", default="build/glossc")
    parser.add_argument("--dir", default="../shared/real_sources")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if not os.path.isdir(args.dir):
        print(f"skipped: {args.dir} is not there")
        return 77  # ctest's SKIP_RETURN_CODE
    failed = False
    print("| file | hand count | read | % | misread signs | layout note |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, hand in HAND_COUNTS.items():
        path = os.path.join(args.dir, name)
        if not os.path.exists(path):
            continue
        result = check(args.glossc, path, args.verbose)
        share = 100.0 * result["read"] / hand
        bad = share < 97.0 or result["problems"]
        failed = failed or bad
        signs = "; ".join(result["problems"][:3]) + (f" (+{len(result['problems']) - 3})" if len(result["problems"]) > 3 else "")
        print(f"| {name} | {hand} | {result['read']} | {share:.0f}% | {signs or 'none'} | {result.get('note', '')} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
