#!/usr/bin/env python3
"""Validate the hand-labelled news-page structure set (standard library only).

Usage: python3 validate.py [pages_dir]
Exit status 0 when every file passes and the set-level minimums are met.
"""
import collections
import glob
import json
import os
import re
import sys

ROLES = {"headline", "body", "byline", "date", "caption", "credit",
         "promo", "embed", "footer"}
MIN_PAGES, MIN_STYLES, MIN_SINGLE = 40, 12, 8
NAME_RE = re.compile(r"^(\d{3})-([a-z0-9]+)\.json$")


def check_page(path, errors):
    name = os.path.basename(path)
    where = name

    def err(msg):
        errors.append(f"{where}: {msg}")

    m = NAME_RE.match(name)
    if not m:
        err("file name must look like NNN-<style>.json")
    try:
        with open(path, encoding="utf-8") as fh:
            page = json.load(fh)
    except (OSError, ValueError) as exc:
        err(f"invalid JSON: {exc}")
        return None
    if not isinstance(page, dict):
        err("top level must be an object")
        return None
    expected = {"id", "outlet_style", "single_line", "lines"}
    if set(page) != expected:
        err(f"keys must be exactly {sorted(expected)}, got {sorted(page)}")
    pid, style = page.get("id"), page.get("outlet_style")
    if not isinstance(pid, str) or pid + ".json" != name:
        err(f"id {pid!r} does not match file name")
    if not isinstance(style, str) or not style:
        err("outlet_style must be a non-empty string")
    elif m and m.group(2) != style:
        err(f"outlet_style {style!r} does not match file name style {m.group(2)!r}")
    if not isinstance(page.get("single_line"), bool):
        err("single_line must be true or false")
    lines = page.get("lines")
    if not isinstance(lines, list) or not lines:
        err("lines must be a non-empty list")
        return page
    for i, line in enumerate(lines):
        where = f"{name} line {i + 1}"
        if not isinstance(line, dict):
            err("line must be an object")
            continue
        role, text = line.get("role"), line.get("text")
        if role not in ROLES:
            err(f"unknown role {role!r}")
        if not isinstance(text, str) or not text.strip():
            err("text must be a non-empty string")
            continue
        if "\n" in text or "\r" in text:
            err("text contains a newline")
        if text != text.strip():
            err("text has leading/trailing whitespace")
        allowed = {"role", "text"}
        if role == "body":
            allowed |= {"sentences", "dateline"}
            sents = line.get("sentences")
            if not isinstance(sents, list) or not sents:
                err("body line needs a non-empty 'sentences' list")
            elif not all(isinstance(s, str) for s in sents):
                err("sentences must be strings")
            else:
                for s in sents:
                    if not s or s != s.strip():
                        err(f"empty sentence or sentence with outer whitespace: {s!r}")
                if " ".join(sents) != text:
                    err("' '.join(sentences) != text")
            if "dateline" in line and line["dateline"] is not True:
                err("dateline, when present, must be true")
        else:
            if "sentences" in line:
                err(f"non-body line ({role}) must not have 'sentences'")
            if "dateline" in line:
                err("only body lines may carry 'dateline'")
        extra = set(line) - allowed
        if extra:
            err(f"unexpected keys {sorted(extra)}")
    return page


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    pages_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "pages")
    files = sorted(glob.glob(os.path.join(pages_dir, "*.json")))
    errors = []
    pages = [p for p in (check_page(f, errors) for f in files) if isinstance(p, dict)]

    ids = [p.get("id") for p in pages]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        errors.append(f"duplicate id {dup}")

    role_lines = collections.Counter()
    style_pages = collections.Counter()
    sentences = datelines = single = 0
    for p in pages:
        style_pages[p.get("outlet_style")] += 1
        single += p.get("single_line") is True
        for line in p.get("lines", []):
            if isinstance(line, dict):
                role_lines[line.get("role")] += 1
                if line.get("role") == "body" and isinstance(line.get("sentences"), list):
                    sentences += len(line["sentences"])
                    datelines += line.get("dateline") is True

    if len(pages) < MIN_PAGES:
        errors.append(f"only {len(pages)} pages (need >= {MIN_PAGES})")
    if len(style_pages) < MIN_STYLES:
        errors.append(f"only {len(style_pages)} styles (need >= {MIN_STYLES})")
    if single < MIN_SINGLE:
        errors.append(f"only {single} single-line pages (need >= {MIN_SINGLE})")

    print(f"pages: {len(pages)}  styles: {len(style_pages)}  single-line: {single}")
    print(f"lines: {sum(role_lines.values())}  body sentences: {sentences}  dateline lines: {datelines}")
    print("\nlines per role:")
    for role in sorted(ROLES, key=lambda r: -role_lines[r]):
        print(f"  {role:<9} {role_lines[role]:>5}")
    print("\npages per style:")
    for style, n in sorted(style_pages.items()):
        print(f"  {style:<12} {n:>3}")

    if errors:
        print(f"\nFAILED: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
