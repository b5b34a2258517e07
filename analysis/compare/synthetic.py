"""A clearly labelled SYNTHETIC multi-story study, built from the seed articles' paragraphs.

The seed data folder holds one story; cross-story comparisons need many.  This
module writes a deterministic data folder (``manifest.csv`` + ``raw/*.txt``)
whose articles are collages of the seed story's body paragraphs:

* each story draws its own subset of the paragraphs (so stories differ, as
  real stories do);
* each article draws 5-9 paragraphs of its story's subset at random;
* outlet "Synthetic Longform" prefers paragraphs with long sentences (a planted
  difference: harder prose);
* outlet "Synthetic Wire" (``quote_outlet``) prefers paragraphs with much of their text
  inside quotation marks (a planted difference in who gets a voice: more quoted
  words; ``quote_outlet=None`` plants none); "Synthetic Daily" draws uniformly;
* the design is unbalanced on purpose: one story has two Synthetic Daily
  articles, one lacks Synthetic Wire, and the last story has one outlet only.

Every story name, outlet name and headline says "synthetic": nothing here is
real coverage.  Use it for tests and demonstrations only.
"""
from __future__ import annotations

import csv
import hashlib
import tempfile
from pathlib import Path

import numpy as np

from ..config import PROJECT_ROOT
from ..ingest.manifest import read_manifest
from ..ingest.rawtext import read_raw_text
from ..text.article import analyse_text
from ..text.quotes import find_quote_spans

SYNTHETIC_OUTLETS = ("Synthetic Daily", "Synthetic Longform", "Synthetic Wire")
DEFAULT_FOLDER = Path(tempfile.gettempdir()) / "outlet-compare-synthetic-study"
SEED = 20240611


def seed_paragraphs(data_dir=None) -> list[str]:
    """Body paragraphs of every article in the seed data folder, in manifest order."""
    paragraphs = []
    for record in read_manifest(data_dir if data_dir is not None else PROJECT_ROOT / "data").to_dict("records"):
        doc = analyse_text(record["id"], read_raw_text(record["path"], record.get("sha256", "")).text)
        paragraphs += [p.text for p in doc.body]
    return paragraphs


def _words_per_sentence(paragraph: str) -> float:
    ends = max(1, sum(paragraph.count(c) for c in ".!?"))
    return len(paragraph.split()) / ends


def _quoted_share(paragraph: str) -> float:
    """Share of the paragraph's characters inside top-level quotation marks."""
    spans, _ = find_quote_spans([paragraph])
    return sum(s.end - s.start for s in spans if s.depth == 0) / max(1, len(paragraph))


def write_synthetic_study(folder=None, n_stories: int = 10, seed: int = SEED, source_dir=None,
                          quote_outlet: str | None = "Synthetic Wire") -> Path:
    """Write the synthetic study into ``folder`` (default: a fixed folder under the temp dir); return it.

    ``quote_outlet`` is the outlet given more quoted paragraphs (None: no voice difference planted).
    Same arguments, same bytes.  The folder is overwritten file by file.
    """
    folder = Path(folder) if folder is not None else DEFAULT_FOLDER
    paragraphs = seed_paragraphs(source_dir)
    if len(paragraphs) < 6:
        raise ValueError("the seed data folder has too few body paragraphs for a synthetic study")
    rng = np.random.default_rng(seed)
    long_weight = np.array([_words_per_sentence(p) for p in paragraphs]) ** 2
    # quoted paragraphs weigh up to ~20 times an unquoted one: the planted voice difference
    quote_weight = 0.05 + np.array([_quoted_share(p) for p in paragraphs]) ** 2
    (folder / "raw").mkdir(parents=True, exist_ok=True)
    rows = []
    for s in range(n_stories):
        story = f"synthetic-story-{s + 1:02d}"
        pool = rng.choice(len(paragraphs), size=max(6, (2 * len(paragraphs)) // 3), replace=False)
        design = {o: 1 for o in SYNTHETIC_OUTLETS}
        if s == 0:
            design["Synthetic Daily"] = 2            # several articles of one outlet
        if s == 1:
            del design["Synthetic Wire"]             # an outlet missing from a story
        if s == n_stories - 1:
            design = {"Synthetic Daily": 1}          # a story with one outlet
        for outlet, count in design.items():
            for k in range(count):
                weights = (long_weight[pool] if outlet == "Synthetic Longform" else
                           quote_weight[pool] if outlet == quote_outlet else np.ones(len(pool)))
                size = int(rng.integers(5, 10))
                chosen = rng.choice(pool, size=size, replace=True, p=weights / weights.sum())
                slug = outlet.split()[-1].lower()
                article_id = f"syn-{s + 1:02d}-{slug}-{k + 1}"
                headline = f"SYNTHETIC story {s + 1} as told by {outlet} (test data, not real coverage)"
                text = headline + "\n\n" + "\n\n".join(paragraphs[i] for i in chosen) + "\n"
                data = text.encode("utf-8")
                (folder / "raw" / f"{article_id}.txt").write_bytes(data)
                rows.append({"id": article_id, "story": story, "outlet": outlet, "headline": headline,
                             "published": "", "url": "", "file": f"raw/{article_id}.txt",
                             "sha256": hashlib.sha256(data).hexdigest(),
                             "notes": "synthetic: paragraphs of the seed story drawn at random"})
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    (folder / "README.txt").write_text(
        "SYNTHETIC study written by analysis.compare.synthetic.write_synthetic_study: collages of the seed\n"
        "story's paragraphs. Not real coverage; for tests and demonstrations only.\n", encoding="utf-8")
    return folder
