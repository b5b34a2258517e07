"""Synthetic studies for the explorer tests, built from the tests' own fixture (never from data/).

:func:`build_study` writes ``n`` articles whose paragraphs are drawn, with a fixed seed, from the
body paragraphs of the seed study in ``tests/fixtures/seed-study`` (a caption or promo line now
and then), each sentence given a made-up word of its own so no two sentences are the same.
:func:`big_study_page` is the 1,000-article study's explorer page, built once per test session
(shared by the size test and the browser's opening-time test).
"""
from __future__ import annotations

import random
import string
from pathlib import Path

from conftest import SEED_DATA

N_ARTICLES = 1000
WORDS_PER_ARTICLE = 580


def unique_word(i: int) -> str:
    letters = []
    i += 26 ** 3
    while i:
        i, r = divmod(i, 26)
        letters.append(string.ascii_lowercase[r])
    return "ref" + "".join(letters)


def build_study(n: int, folder: Path, *, n_stories: int = 1, n_outlets: int = 5, seed: int = 7) -> Path:
    """Write ``n`` synthetic articles and their manifest into ``folder``; return it.

    Article ``k`` belongs to story ``synthetic`` (one story) or ``story-<k % n_stories>``, and to
    outlet ``Outlet <k % n_outlets>``.  Text comes from the seed fixture only.
    """
    import analysis

    seed_corpus = analysis.load_corpus(SEED_DATA)
    body = seed_corpus.paragraphs[seed_corpus.paragraphs["role"] == "body"]["text"].tolist()
    other = seed_corpus.paragraphs[~seed_corpus.paragraphs["role"].isin(["body", "headline"])]["text"].tolist()
    headlines = seed_corpus.articles["headline"].tolist()
    rng = random.Random(seed)
    raw = folder / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    counter = 0
    lines = ["id,story,outlet,file"]
    for k in range(n):
        paragraphs, words = [], 0
        while words < WORDS_PER_ARTICLE:
            if other and rng.random() < 0.08:
                paragraphs.append(rng.choice(other))
                continue
            text = rng.choice(body)
            # a made-up word before every full stop makes each sentence unique
            unique = []
            for piece in text.split(". "):
                counter += 1
                unique.append(f"{piece} {unique_word(counter)}" if not piece.endswith(".") else
                              f"{piece[:-1]} {unique_word(counter)}.")
            paragraphs.append(". ".join(unique))
            words += len(text.split())
        name = f"a{k:06d}.txt"
        (raw / name).write_text(rng.choice(headlines) + "\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
        story = "synthetic" if n_stories == 1 else f"story-{k % n_stories:05d}"
        lines.append(f"b{k:06d},{story},Outlet {k % n_outlets},raw/{name}")
    (folder / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def big_study_page(tmp_path_factory) -> Path:
    """Path of the explorer page of a 1,000-article synthetic study (5 outlets, one story)."""
    from analysis.outputs.explorer import write_explorers

    root = tmp_path_factory.getbasetemp() / "explorer-1000"
    page = root / "out" / "synthetic.html"
    if not page.exists():
        build_study(N_ARTICLES, root / "data")
        write_explorers(data_dir=root / "data", story="synthetic", out_dir=root / "out")
    return page
