"""Score the package's page structure and sentence splitting on the hand-labelled set.

Usage::

    PYTHONPATH=. python scripts/score_structure.py [pages_dir]

Reads ``tests/eval/structure/pages/*.json`` (format: ``tests/eval/structure/README.md``),
rebuilds each page's raw text (lines joined by ``"\\n"``, or by ``" "`` for
``single_line`` pages), runs :func:`analysis.text.article.analyse_text` on it and
compares:

* **roles** - each gold line takes the role of the predicted paragraphs it overlaps
  most (by characters); accuracy overall, per gold role and per outlet style;
* **body** - precision (lines given ``body`` that are body: no furniture counted as
  reporting) and recall (body lines kept as body);
* **datelines** - gold dateline lines whose predicted rule is ``body_with_dateline``;
* **sentences** - boundaries (sentence starts) inside gold body lines that the raw text
  does not give for free (not at the start of a raw line), predicted by
  :func:`analysis.text.sentences.split_sentence_spans` on every predicted paragraph
  (whatever its role, so a role error does not count twice); precision, recall, F1.
"""
from __future__ import annotations

import collections
import glob
import json
import os
import sys
from typing import NamedTuple

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_PAGES = os.path.join(HERE, "..", "tests", "eval", "structure", "pages")
TARGETS = {"role_accuracy": 0.98, "body_precision": 0.99, "sentence_f1": 0.99}


class LineResult(NamedTuple):
    page: str
    style: str
    single_line: bool
    gold: str
    predicted: str
    rule: str
    dateline: bool
    text: str


def page_text(page: dict) -> tuple[str, list[tuple[int, int]]]:
    """The raw text of a gold page and the ``(start, end)`` of each of its lines."""
    sep = " " if page["single_line"] else "\n"
    spans, pos = [], 0
    for line in page["lines"]:
        spans.append((pos, pos + len(line["text"])))
        pos += len(line["text"]) + len(sep)
    return sep.join(line["text"] for line in page["lines"]), spans


def score_page(page: dict):
    """Line results and sentence-boundary counts ``(tp, n_predicted, n_gold)`` of one page."""
    from analysis.text.article import analyse_text
    from analysis.text.sentences import split_sentence_spans

    text, spans = page_text(page)
    doc = analyse_text(page["id"], text)
    results = []
    for line, (start, end) in zip(page["lines"], spans):
        overlap: dict[tuple[str, str], int] = collections.Counter()
        for p in doc.paragraphs:
            n = min(end, p.end) - max(start, p.start)
            if n > 0:
                overlap[(p.role, p.rule)] += n
        role, rule = max(overlap, key=overlap.get) if overlap else ("none", "none")
        results.append(LineResult(page["id"], page["outlet_style"], page["single_line"], line["role"],
                                  role, rule, bool(line.get("dateline")), line["text"]))

    # Sentence starts the raw text gives for free: the start of each raw line.
    free = {0} | {i + 1 for i, ch in enumerate(text) if ch == "\n"}
    body_spans = [s for line, s in zip(page["lines"], spans) if line["role"] == "body"]
    gold = set()
    for line, (start, _end) in zip(page["lines"], spans):
        if line["role"] != "body":
            continue
        pos = 0
        for sentence in line["sentences"]:
            pos = line["text"].index(sentence, pos)
            gold.add(start + pos)
            pos += len(sentence)
    predicted = set()
    for p in doc.paragraphs:
        for s, _e in split_sentence_spans(p.text):
            predicted.add(p.start + s)
    predicted = {b for b in predicted if any(s <= b < e for s, e in body_spans)}
    gold -= free
    predicted -= free
    return results, (len(gold & predicted), len(predicted), len(gold))


def score(pages_dir: str = DEFAULT_PAGES) -> dict:
    """All figures of the score table as a dict (see the module docstring)."""
    files = sorted(glob.glob(os.path.join(pages_dir, "*.json")))
    if not files:
        raise SystemExit(f"error: no pages in {pages_dir}")
    lines: list[LineResult] = []
    tp = n_pred = n_gold = 0
    for path in files:
        with open(path, encoding="utf-8") as fh:
            page = json.load(fh)
        page_lines, (a, b, c) = score_page(page)
        lines += page_lines
        tp, n_pred, n_gold = tp + a, n_pred + b, n_gold + c

    def accuracy(rows):
        return sum(r.gold == r.predicted for r in rows) / len(rows) if rows else float("nan")

    by_role = collections.defaultdict(list)
    by_style = collections.defaultdict(list)
    for r in lines:
        by_role[r.gold].append(r)
        by_style[r.style].append(r)
    predicted_body = [r for r in lines if r.predicted == "body"]
    gold_body = [r for r in lines if r.gold == "body"]
    datelines = [r for r in lines if r.dateline]
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    return {
        "n_pages": len(files),
        "n_lines": len(lines),
        "role_accuracy": accuracy(lines),
        "single_line_accuracy": accuracy([r for r in lines if r.single_line]),
        "by_role": {k: (accuracy(v), len(v)) for k, v in sorted(by_role.items())},
        "by_style": {k: (accuracy(v), len(v)) for k, v in sorted(by_style.items())},
        "body_precision": sum(r.gold == "body" for r in predicted_body) / len(predicted_body),
        "body_recall": sum(r.predicted == "body" for r in gold_body) / len(gold_body),
        "dateline_accuracy": sum(r.rule == "body_with_dateline" for r in datelines) / len(datelines) if datelines else float("nan"),
        "sentence_boundaries": n_gold,
        "sentence_precision": precision,
        "sentence_recall": recall,
        "sentence_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "errors": [r for r in lines if r.gold != r.predicted],
    }


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    pages_dir = args[0] if args else DEFAULT_PAGES
    result = score(pages_dir)
    print(f"pages {result['n_pages']}, lines {result['n_lines']}")
    print(f"role accuracy      {result['role_accuracy']:.4f}  (target >= {TARGETS['role_accuracy']})")
    print(f"  single-line pages {result['single_line_accuracy']:.4f}")
    print(f"body precision     {result['body_precision']:.4f}  (target >= {TARGETS['body_precision']})")
    print(f"body recall        {result['body_recall']:.4f}")
    print(f"dateline accuracy  {result['dateline_accuracy']:.4f}")
    print(f"sentence boundaries {result['sentence_boundaries']}: precision {result['sentence_precision']:.4f}, "
          f"recall {result['sentence_recall']:.4f}, F1 {result['sentence_f1']:.4f}  (target F1 >= {TARGETS['sentence_f1']})")
    print("\naccuracy per role (gold role: accuracy, lines)")
    for role, (acc, n) in result["by_role"].items():
        print(f"  {role:<9} {acc:.3f} {n:>5}")
    print("\naccuracy per outlet style")
    for style, (acc, n) in result["by_style"].items():
        print(f"  {style:<12} {acc:.3f} {n:>5}")
    if verbose:
        print("\nerrors (page, gold -> predicted [rule]: text)")
        for r in result["errors"]:
            print(f"  {r.page} {r.gold} -> {r.predicted} [{r.rule}]: {r.text[:100]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
