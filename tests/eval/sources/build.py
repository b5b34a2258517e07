#!/usr/bin/env python3
"""Turn the hand-written label drafts into the gold JSON files.

This is only a format converter: every voice and source label was decided by
hand and is written literally in drafts/*.txt (invented articles) or in the
SEEDS table below (the two real seed articles).  Nothing here infers a label.

Draft format (drafts/NN-style.txt):
    # id: 03-wire                      header lines start with '#'
    # style: wire
    # outlet: ...                      free text, informational
    # headline: ...                    informational, not part of the body
    # source: Name | kind [| aliases=A; B]
    CODE | source | sentence text      one sentence per line
    (blank line)                       paragraph break
CODE is N (narration), Q (quotation), M (mixed), R (reported); source '-' = null.

Seed articles: the body paragraphs are taken byte for byte from
/work/shared/seed-articles/ (read only) and split at the sentence starts given
below; the script asserts that the sentences re-join (with one space) to the
exact paragraph text of the file.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DRAFTS = os.path.join(HERE, "drafts")
OUT = os.path.join(HERE, "articles")
SEED_DIR = "/work/shared/seed-articles"

CODES = {"N": "narration", "Q": "quotation", "M": "mixed", "R": "reported"}


def parse_source(spec):
    parts = [p.strip() for p in spec.split("|")]
    src = {"name": parts[0], "kind": parts[1]}
    for extra in parts[2:]:
        key, _, val = extra.partition("=")
        if key == "aliases":
            src["aliases"] = [a.strip() for a in val.split(";") if a.strip()]
        elif key == "note":
            src["note"] = val.strip()
    return src


def build_draft(path):
    meta = {}
    sources = []
    paragraphs = []
    cur = []
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    for ln, line in enumerate(lines, 1):
        if line.startswith("#"):
            key, _, val = line[1:].strip().partition(":")
            key, val = key.strip(), val.strip()
            if key == "source":
                sources.append(parse_source(val))
            else:
                meta[key] = val
            continue
        if not line.strip():
            if cur:
                paragraphs.append({"sentences": cur})
                cur = []
            continue
        code, src, text = line.split(" | ", 2)
        code, src = code.strip(), src.strip()
        if code not in CODES:
            sys.exit(f"{path}:{ln}: bad code {code!r}")
        if text != text.strip():
            sys.exit(f"{path}:{ln}: stray whitespace around sentence")
        cur.append({"text": text, "voice": CODES[code],
                    "source": None if src == "-" else src})
    if cur:
        paragraphs.append({"sentences": cur})
    return {
        "id": meta["id"],
        "style": meta["style"],
        "outlet": meta.get("outlet"),
        "headline": meta.get("headline"),
        "sources": sources,
        "paragraphs": paragraphs,
    }


# ---------------------------------------------------------------- seeds ----
BB = "Boris Bondarev"
HN = "Hillel Neuer"

# (paragraph index in file.split("\n\n"), [(sentence start, code, source), ...])
SEEDS = {
    "seed-itv": {
        "file": "000_6966557157a2233c.txt",
        "outlet": "ITV News",
        "sources": [
            {"name": BB, "kind": "person"},
            {"name": HN, "kind": "person", "aliases": ["Hiller Neuer"],
             "note": "ITV News spells the name 'Hiller Neuer'; the UN Watch "
                     "executive director is Hillel Neuer (spelt correctly by "
                     "Yahoo News UK)."},
        ],
        "body": [
            (2, [("A veteran", "N", None)]),
            (3, [("Boris Bondarev, 41", "R", BB)]),
            (4, [("It is a rare", "N", None)]),
            (5, [("The war is a crime", "M", BB)]),
            (6, [("\u201cIt is intolerable", "Q", BB)]),
            (7, [("Moscow has not", "R", BB)]),
            (8, [("He had expressed", "R", BB)]),
            (9, [("\u201cSome said", "Q", BB)]),
            (10, [("He suggested", "M", BB)]),
            (12, [("Asked if he planned", "M", BB),
                  ("He also said", "R", BB)]),
            (13, [("In his statement", "M", BB)]),
            (14, [("He railed", "R", BB)]),
            (15, [("\u201cIn 18 years", "Q", BB),
                  ("\u201cToday, the", "Q", BB),
                  ("It is all about", "Q", BB)]),
            (16, [("Hiller Neuer", "M", HN)]),
        ],
        "excluded": {0: "headline", 1: "photo caption with credit",
                     11: "podcast promo"},
    },
    "seed-yahoo": {
        "file": "004_c965ac35a58a2a04.txt",
        "outlet": "Yahoo News UK",
        "sources": [
            {"name": BB, "kind": "person"},
            {"name": "UN Watch", "kind": "organisation"},
            {"name": HN, "kind": "person"},
        ],
        "body": [
            (2, [("A Russian diplomat has quit", "N", None)]),
            (3, [("Boris Bondarev wrote", "R", BB)]),
            (4, [("Bondarev had been", "R", "UN Watch")]),
            (5, [("He is the most senior", "N", None)]),
            (7, [("In his farewell statement", "M", BB)]),
            (8, [("\"For 20 years", "Q", BB)]),
            (9, [("\"The aggressive war", "Q", BB)]),
            (11, [("\"Those who conceived", "Q", BB),
                  ("To achieve that", "Q", BB),
                  ("Thousands of Russians", "Q", BB)]),
            (12, [("Bondarev accused", "R", BB)]),
            (13, [("He added:", "Q", BB)]),
            (16, [("\"I studied", "Q", BB),
                  ("The ministry has become", "Q", BB),
                  ("But I simply", "Q", BB)]),
            (17, [("UN Watch executive director", "Q", HN)]),
            (18, [("\u201cWe are now calling", "Q", HN)]),
            (19, [("He called on", "R", HN)]),
        ],
        "excluded": {0: "headline", 1: "photo captions (agency + site)",
                     6: "'Read more' promo", 10: "photo captions (agency + site)",
                     14: "photo captions", 15: "'Read more' promo",
                     20: "'Click on this image' promo"},
    },
}


def build_seed(sid, spec):
    with open(os.path.join(SEED_DIR, spec["file"]), encoding="utf-8") as fh:
        raw = fh.read()
    blocks = raw.split("\n\n")
    used = {i for i, _ in spec["body"]} | set(spec["excluded"])
    if used != set(range(len(blocks))):
        sys.exit(f"{sid}: blocks not all accounted for: "
                 f"{sorted(set(range(len(blocks))) ^ used)}")
    paragraphs = []
    for idx, sents in spec["body"]:
        para = blocks[idx]
        starts = []
        pos = 0
        for prefix, _, _ in sents:
            at = para.find(prefix, pos)
            if at < 0:
                sys.exit(f"{sid} block {idx}: start {prefix!r} not found")
            starts.append(at)
            pos = at + 1
        if starts[0] != 0:
            sys.exit(f"{sid} block {idx}: first sentence does not start block")
        out = []
        for k, (prefix, code, src) in enumerate(sents):
            end = starts[k + 1] if k + 1 < len(starts) else len(para)
            text = para[starts[k]:end]
            if k + 1 < len(starts):
                if not text.endswith(" ") or text.endswith("  "):
                    sys.exit(f"{sid} block {idx}: sentences not separated "
                             f"by exactly one space before {sents[k+1][0]!r}")
                text = text[:-1]
            out.append({"text": text, "voice": CODES[code], "source": src})
        if " ".join(s["text"] for s in out) != para:
            sys.exit(f"{sid} block {idx}: re-join mismatch")
        paragraphs.append({"sentences": out})
    return {
        "id": sid,
        "style": "seed",
        "outlet": spec["outlet"],
        "headline": blocks[0],
        "seed_file": spec["file"],
        "excluded_blocks": [{"block": i, "reason": r, "text": blocks[i]}
                            for i, r in sorted(spec["excluded"].items())],
        "sources": spec["sources"],
        "paragraphs": paragraphs,
    }


def write(doc, name):
    path = os.path.join(OUT, name + ".json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    print("wrote", os.path.relpath(path, HERE))


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in sorted(os.listdir(DRAFTS)):
        if fn.endswith(".txt"):
            doc = build_draft(os.path.join(DRAFTS, fn))
            if doc["id"] + ".txt" != fn:
                sys.exit(f"{fn}: id {doc['id']} does not match file name")
            write(doc, doc["id"])
    for sid, spec in SEEDS.items():
        write(build_seed(sid, spec), sid)


if __name__ == "__main__":
    main()
