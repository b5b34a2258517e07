"""Prove the fast paths equal the reference implementations, sentence by sentence.

    python scripts/check_fast_paths.py                    # > 100,000 sentences, a few minutes
    python scripts/check_fast_paths.py --articles 200 --targeted 2000 --variants 2000 --hypothesis 500

For every sentence, :func:`analysis.measures.fast_vader.polarity_scores` must give the
same ``neg``, ``neu``, ``pos`` and ``compound`` doubles (compared with ``float.hex``, so
even the sign of a zero counts) as ``vaderSentiment`` 3.3.2's
``SentimentIntensityAnalyzer.polarity_scores``, and
:func:`analysis.measures.readability.fast_counts` the same integers as textstat's own
count functions (:func:`analysis.measures.readability.text_counts`).

The sentences: (1) every sentence and paragraph of a synthetic corpus built by
``scripts/benchmark.py`` from the seed articles; (2) the held-out sentences of
``tests/fast_path_heldout.txt`` and random variants of them; (3) random sentences
built from VADER's lexicon, its rule words, emoji, odd tokens, capitals and
punctuation; (4) Hypothesis-generated strings (arbitrary Unicode, and token soups).
Two Unicode facts the fast VADER relies on are checked over every code point.
Exits 1 on the first difference, printing it.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "scripts")]

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: E402

from analysis.measures.fast_vader import FastVader  # noqa: E402
from analysis.measures.readability import COUNT_COLUMNS, fast_counts, text_counts  # noqa: E402
import fast_path_cases as cases  # noqa: E402


def bits(scores: dict) -> list:
    return [(k, v.hex()) for k, v in scores.items()]


class Checker:
    def __init__(self):
        self.reference = SentimentIntensityAnalyzer()
        self.fast = FastVader(self.reference)
        self.checked = 0

    def check(self, text: str) -> None:
        want, got = self.reference.polarity_scores(text), self.fast.polarity_scores(text)
        if bits(want) != bits(got):
            sys.exit(f"VADER differs on {text!r}: reference {want}, fast {got}")
        want_counts = tuple(text_counts(text)[c] for c in COUNT_COLUMNS)
        if want_counts != fast_counts(text):
            sys.exit(f"counts differ on {text!r}: textstat {want_counts}, fast {fast_counts(text)}")
        self.checked += 1


def unicode_facts() -> None:
    """What the fast VADER's idiom shortcut assumes: str.split() and re's \\s agree on every
    code point, and lower-casing a non-space character never yields a space."""
    space = re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if c.isspace() != bool(space.match(c)):
            sys.exit(f"U+{code:04X}: str.isspace and re \\s disagree")
        if not c.isspace() and any(x.isspace() for x in c.lower()):
            sys.exit(f"U+{code:04X}: lower-cases to a space")


def corpus_sentences(n_articles: int, folder: Path) -> list[str]:
    import benchmark
    from analysis.ingest.manifest import read_manifest
    from analysis.ingest.rawtext import read_raw_text
    from analysis.text.article import analyse_text

    benchmark.build_corpus(n_articles, folder)
    texts = []
    for record in read_manifest(folder).to_dict("records"):
        doc = analyse_text(record["id"], read_raw_text(record["path"]).text)
        texts += [s.text for s in doc.sentences] + [p.text for p in doc.paragraphs]
    return texts


def hypothesis_run(checker: Checker, n: int) -> None:
    from hypothesis import HealthCheck, given, settings, strategies as st

    lexicon, emojis = cases._lexicon_and_emojis()
    token = st.one_of(st.sampled_from(lexicon), st.sampled_from(cases.RULE_WORDS), st.sampled_from(emojis),
                      st.sampled_from(cases.ODD), st.text(max_size=6))
    shaped = st.tuples(st.sampled_from(cases.PUNCT_HEADS), token, st.sampled_from(cases.PUNCT_TAILS),
                       st.sampled_from(["lower", "upper", "title", "as is"])).map(
        lambda t: t[0] + {"lower": t[1].lower(), "upper": t[1].upper(), "title": t[1].title()}.get(t[3], t[1]) + t[2])
    soup = st.tuples(st.lists(shaped, max_size=30), st.sampled_from([" ", "  ", "\n", "\t", " \u00a0"])).map(
        lambda t: t[1].join(t[0]))
    strings = st.one_of(soup, soup, st.text(max_size=80))

    @settings(max_examples=n, database=None, derandomize=True, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(strings)
    def run(text):
        checker.check(text)

    run()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1500, help="synthetic corpus articles")
    parser.add_argument("--targeted", type=int, default=50_000)
    parser.add_argument("--variants", type=int, default=20_000)
    parser.add_argument("--hypothesis", type=int, default=20_000)
    args = parser.parse_args()
    checker = Checker()
    start = time.perf_counter()
    unicode_facts()
    print(f"unicode facts hold for all {sys.maxunicode + 1:,} code points")
    with tempfile.TemporaryDirectory() as tmp:
        groups = {"synthetic corpus": corpus_sentences(args.articles, Path(tmp)),
                  "held-out and variants": cases.held_out_variants(args.variants),
                  "targeted random": cases.targeted_sentences(args.targeted)}
    for name, texts in groups.items():
        for text in texts:
            checker.check(text)
        print(f"{name}: {len(texts):,} sentences equal")
    before = checker.checked
    hypothesis_run(checker, args.hypothesis)
    print(f"hypothesis: {checker.checked - before:,} strings equal")
    print(f"total: {checker.checked:,} sentences, VADER bit-equal and textstat counts equal "
          f"({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
