#!/usr/bin/env python3
"""Validate the hand-labelled speech-attribution gold set (standard library only).

Usage: python3 validate.py [articles_dir]
Exit status 0 if every check passes, 1 otherwise.
"""
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ARTICLES = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "articles")
SEED_DIR = "/work/shared/seed-articles"

VOICES = ("narration", "quotation", "mixed", "reported")
KINDS = ("person", "organisation", "unnamed")
STYLES = ("uk-broadsheet", "uk-tabloid", "wire", "us-broadsheet",
          "broadcaster", "us-opinion", "seed")
SEED_IDS = ("seed-itv", "seed-yahoo")
MIN_INVENTED_ARTICLES = 14
MIN_INVENTED_SENTENCES = 200
SENTENCES_PER_ARTICLE = (12, 25)

errors = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


def check_article(path):
    where = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
    except (OSError, ValueError) as exc:
        err(where, f"cannot read JSON: {exc}")
        return None
    if not isinstance(doc, dict):
        err(where, "top level is not an object")
        return None
    for key, typ in (("id", str), ("style", str), ("sources", list),
                     ("paragraphs", list)):
        if not isinstance(doc.get(key), typ):
            err(where, f"missing or mistyped key {key!r}")
            return None
    stem = os.path.splitext(where)[0]
    if doc["id"] != stem:
        err(where, f"id {doc['id']!r} does not match file name")
    if doc["style"] not in STYLES:
        err(where, f"unknown style {doc['style']!r}")
    elif doc["style"] == "seed":
        if doc["id"] not in SEED_IDS:
            err(where, "style 'seed' used by a non-seed id")
    else:
        num, _, style = stem.partition("-")
        if not (num.isdigit() and len(num) == 2 and style == doc["style"]):
            err(where, "file name is not NN-<style>.json for its style")

    names = {}
    for i, src in enumerate(doc["sources"]):
        w = f"{where} sources[{i}]"
        if not isinstance(src, dict) or not isinstance(src.get("name"), str) \
                or not src["name"].strip():
            err(w, "source needs a non-empty 'name'")
            continue
        if src.get("kind") not in KINDS:
            err(w, f"kind {src.get('kind')!r} not in {KINDS}")
        if (src["name"] == "unnamed") != (src.get("kind") == "unnamed"):
            err(w, "name 'unnamed' and kind 'unnamed' go together")
        if "aliases" in src and not (isinstance(src["aliases"], list) and all(
                isinstance(a, str) and a for a in src["aliases"])):
            err(w, "aliases must be a list of strings")
        if src["name"] in names:
            err(w, f"duplicate source {src['name']!r}")
        names[src["name"]] = src.get("kind")

    used = set()
    sentences = []
    if not doc["paragraphs"]:
        err(where, "no paragraphs")
    for p, para in enumerate(doc["paragraphs"]):
        if not isinstance(para, dict) or not isinstance(para.get("sentences"), list) \
                or not para["sentences"]:
            err(f"{where} p{p}", "paragraph needs a non-empty 'sentences' list")
            continue
        for s, sent in enumerate(para["sentences"]):
            w = f"{where} p{p} s{s}"
            if not isinstance(sent, dict):
                err(w, "sentence is not an object")
                continue
            text, voice, source = sent.get("text"), sent.get("voice"), sent.get("source", "MISSING")
            if not isinstance(text, str) or not text.strip():
                err(w, "empty or missing text")
                continue
            if "\n" in text:
                err(w, "newline inside a sentence")
            if text != text.strip(" "):
                err(w, "leading/trailing space in sentence text")
            if voice not in VOICES:
                err(w, f"voice {voice!r} not in {VOICES}")
            if source == "MISSING":
                err(w, "missing 'source' key (use null for narration)")
            elif voice == "narration" and source is not None:
                err(w, "narration must have source null")
            elif voice in VOICES and voice != "narration":
                if not isinstance(source, str) or not source:
                    err(w, f"{voice} needs a source")
                elif source not in names:
                    err(w, f"source {source!r} not listed in 'sources'")
                else:
                    used.add(source)
            sentences.append(sent)
    for name in names:
        if name not in used:
            err(where, f"listed source {name!r} is never used")

    if doc["style"] == "seed":
        check_seed_text(where, doc)
    elif not SENTENCES_PER_ARTICLE[0] <= len(sentences) <= SENTENCES_PER_ARTICLE[1]:
        err(where, f"{len(sentences)} sentences, expected "
                   f"{SENTENCES_PER_ARTICLE[0]}-{SENTENCES_PER_ARTICLE[1]}")
    return doc, sentences


def check_seed_text(where, doc):
    """Each seed paragraph must be a verbatim block of the seed file."""
    fname = doc.get("seed_file")
    path = os.path.join(SEED_DIR, fname or "")
    if not fname or not os.path.exists(path):
        print(f"note: {where}: seed file not available, verbatim check skipped")
        return
    with open(path, encoding="utf-8") as fh:
        blocks = fh.read().split("\n\n")
    last = -1
    for p, para in enumerate(doc["paragraphs"]):
        text = " ".join(s.get("text", "") for s in para.get("sentences", []))
        try:
            idx = blocks.index(text)
        except ValueError:
            err(f"{where} p{p}", "paragraph is not verbatim in the seed file")
            continue
        if idx <= last:
            err(f"{where} p{p}", "paragraphs out of file order")
        last = idx


def main():
    if not os.path.isdir(ARTICLES):
        print(f"no directory {ARTICLES}")
        return 1
    files = sorted(f for f in os.listdir(ARTICLES) if f.endswith(".json"))
    per_voice = collections.Counter()
    per_style = collections.Counter()
    per_style_voice = collections.defaultdict(collections.Counter)
    articles_per_style = collections.Counter()
    kinds = collections.Counter()
    seen_ids = set()
    for f in files:
        res = check_article(os.path.join(ARTICLES, f))
        if res is None:
            continue
        doc, sents = res
        seen_ids.add(doc["id"])
        articles_per_style[doc["style"]] += 1
        for src in doc["sources"]:
            kinds[src.get("kind")] += 1
        for s in sents:
            per_voice[s.get("voice")] += 1
            per_style[doc["style"]] += 1
            per_style_voice[doc["style"]][s.get("voice")] += 1

    for sid in SEED_IDS:
        if sid not in seen_ids:
            err(sid, "seed article file missing")
    invented_articles = sum(n for st, n in articles_per_style.items() if st != "seed")
    invented_sents = sum(n for st, n in per_style.items() if st != "seed")
    if invented_articles < MIN_INVENTED_ARTICLES:
        err("totals", f"{invented_articles} invented articles < {MIN_INVENTED_ARTICLES}")
    if invented_sents < MIN_INVENTED_SENTENCES:
        err("totals", f"{invented_sents} invented sentences < {MIN_INVENTED_SENTENCES}")
    for st in STYLES:
        if not articles_per_style[st]:
            err("totals", f"no article of style {st!r}")

    print(f"articles: {len(files)} ({invented_articles} invented, "
          f"{articles_per_style['seed']} seed)")
    print(f"sentences: {sum(per_voice.values())} "
          f"({invented_sents} invented, {per_style['seed']} seed)")
    print("\nsentences per voice:")
    for v in VOICES:
        print(f"  {v:<10} {per_voice[v]:>4}")
    print("\nsentences per style (articles; narration/quotation/mixed/reported):")
    for st in STYLES:
        c = per_style_voice[st]
        print(f"  {st:<14} {per_style[st]:>4}  ({articles_per_style[st]} art.; "
              + "/".join(str(c[v]) for v in VOICES) + ")")
    print("\nsource entries by kind: " +
          ", ".join(f"{k} {kinds[k]}" for k in KINDS))

    if errors:
        print(f"\nFAILED: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
