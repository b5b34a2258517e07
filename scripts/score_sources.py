"""Score voice and source attribution against the hand-labelled gold set.

    python scripts/score_sources.py            # summary
    python scripts/score_sources.py --errors   # and every wrong sentence

Gold: ``tests/eval/sources/articles/*.json`` (see its README).  Invented articles
are fed to the package as body paragraphs (the paragraphs joined by "\\n", so
paragraph roles do not interfere); the two seed articles are read from their
real raw files in ``data/raw`` through the whole package (roles included).
Gold sentences are aligned to predicted sentences by character overlap in the
same text.  Reported:

* voice accuracy and the confusion of gold (rows) by predicted (columns) voices;
* reported speech precision and recall;
* source accuracy: voice right and, unless narration, the predicted canonical
  source equal (case-insensitive) to the gold name or one of its aliases.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.ingest.rawtext import read_raw_text  # noqa: E402
from analysis.text.article import analyse_text  # noqa: E402
from analysis.text.quotes import find_quote_spans  # noqa: E402
from analysis.text.sentences import VOICES, sentence_records  # noqa: E402

GOLD = ROOT / "tests" / "eval" / "sources" / "articles"
RAW = ROOT / "data" / "raw"


def predict(article: dict, raw_dir: Path = RAW):
    """``(text, sentences)``: the text gold offsets refer to and the predicted Sentence records."""
    if article.get("seed_file"):
        text = read_raw_text(raw_dir / article["seed_file"]).text
        return text, analyse_text(article["id"], text).sentences
    paragraphs = [" ".join(s["text"] for s in p["sentences"]) for p in article["paragraphs"]]
    text = "\n".join(paragraphs)
    body, offset = [], 0
    for k, paragraph in enumerate(paragraphs):
        body.append((f"{article['id']}-p{k:03d}", offset, paragraph))
        offset += len(paragraph) + 1
    spans, _ = find_quote_spans(paragraphs)
    return text, sentence_records(article["id"], body, spans)


def gold_spans(article: dict, text: str) -> list[tuple[int, int, dict]]:
    """Each gold sentence with its offsets in ``text`` (found in reading order)."""
    out, cursor = [], 0
    for paragraph in article["paragraphs"]:
        for sentence in paragraph["sentences"]:
            start = text.find(sentence["text"], cursor)
            if start < 0:
                raise ValueError(f"{article['id']}: gold sentence not found in text: {sentence['text'][:60]!r}")
            out.append((start, start + len(sentence["text"]), sentence))
            cursor = start + len(sentence["text"])
    return out


def same(name: str) -> str:
    """Case and apostrophe style do not make a different name (’ and ' are the same)."""
    return name.lower().replace("’", "'")


def names_of(article: dict) -> dict[str, set[str]]:
    return {s["name"]: {same(s["name"]), *(same(a) for a in s.get("aliases", []))} for s in article["sources"]}


def score(gold_dir: Path = GOLD, raw_dir: Path = RAW) -> dict:
    """Align and score every gold article; returns counts, rates and the rows."""
    rows = []
    for path in sorted(gold_dir.glob("*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        text, predicted = predict(article, raw_dir)
        names = names_of(article)
        for start, end, gold in gold_spans(article, text):
            best = max(predicted, key=lambda s: min(end, s.end) - max(start, s.start))
            voice_ok = best.voice == gold["voice"]
            if gold["voice"] == "narration":
                source_ok = voice_ok
            else:
                source_ok = voice_ok and same(best.source) in names.get(gold["source"], {same(gold["source"])})
            rows.append({"article": article["id"], "text": gold["text"], "gold_voice": gold["voice"],
                         "gold_source": gold["source"] or "", "voice": best.voice, "source": best.source,
                         "speaker": best.speaker, "resolution": best.speaker_resolution,
                         "voice_ok": voice_ok, "source_ok": source_ok})
    n = len(rows)
    confusion = {g: {p: sum(r["gold_voice"] == g and r["voice"] == p for r in rows) for p in VOICES} for g in VOICES}
    tp = confusion["reported"]["reported"]
    predicted_reported = sum(confusion[g]["reported"] for g in VOICES)
    gold_reported = sum(confusion["reported"].values())
    return {
        "n": n,
        "voice_accuracy": sum(r["voice_ok"] for r in rows) / n,
        "source_accuracy": sum(r["source_ok"] for r in rows) / n,
        "reported_precision": tp / predicted_reported if predicted_reported else 0.0,
        "reported_recall": tp / gold_reported if gold_reported else 0.0,
        "confusion": confusion,
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every sentence with a wrong voice or source")
    args = parser.parse_args(argv)
    result = score()
    print(f"gold sentences: {result['n']} ({len({r['article'] for r in result['rows']})} articles)")
    print(f"voice accuracy:            {result['voice_accuracy']:.1%}")
    print(f"reported speech precision: {result['reported_precision']:.1%}")
    print(f"reported speech recall:    {result['reported_recall']:.1%}")
    print(f"source accuracy:           {result['source_accuracy']:.1%}  (voice and canonical source both right)")
    print("\nconfusion (rows gold, columns predicted):")
    print(f"{'':>10} " + " ".join(f"{v:>9}" for v in VOICES))
    for g in VOICES:
        print(f"{g:>10} " + " ".join(f"{result['confusion'][g][p]:>9}" for p in VOICES))
    if args.errors:
        print("\nerrors:")
        for r in result["rows"]:
            if not r["source_ok"]:
                print(f"[{r['article']}] gold {r['gold_voice']}/{r['gold_source'] or '-'}  "
                      f"predicted {r['voice']}/{r['source'] or '-'} ({r['resolution']}, speaker {r['speaker']!r})\n"
                      f"    {r['text'][:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
