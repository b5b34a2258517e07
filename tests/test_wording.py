"""Distinctive-term statistics against hand computations and the issue's worked examples."""
from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

from analysis.measures import framing, quote_alignment, wording


def monroe_from_text(a: str, b: str, prior: float):
    ca, cb = Counter(a.split()), Counter(b.split())
    vocab = sorted(set(ca) | set(cb))
    alpha = np.full(len(vocab), prior)
    z, _ = wording.log_odds_z([ca[w] for w in vocab], [cb[w] for w in vocab], alpha,
                              sum(ca.values()), sum(cb.values()), alpha.sum())
    return dict(zip(vocab, z))


def test_monroe_z_scores_worked_example():
    z = monroe_from_text("the quick brown fox jumps over the lazy pig",
                         "the lazy purple pig jumps over the lazier donkey", 0.05)
    for word in ("quick", "brown", "fox"):
        assert z[word] == pytest.approx(0.6894, abs=1e-4)
    for word in ("purple", "lazier", "donkey"):
        assert z[word] == pytest.approx(-0.6894, abs=1e-4)
    for word in ("the", "jumps", "over", "lazy", "pig"):
        assert z[word] == pytest.approx(0.0, abs=1e-12)


def test_monroe_by_hand():
    # quick: log(1.05/8.5) - log(0.05/9.5) over sqrt(1/1.05 + 1/0.05)
    expected = (math.log(1.05 / 8.5) - math.log(0.05 / 9.5)) / math.sqrt(1 / 1.05 + 1 / 0.05)
    z = monroe_from_text("the quick brown fox jumps over the lazy pig",
                         "the lazy purple pig jumps over the lazier donkey", 0.05)
    assert z["quick"] == pytest.approx(expected)


def test_dunning_g2_worked_example():
    # "b" in "b b b b b b b a a a" (7 of 10) versus "a a a a a a a b b" (2 of 9)
    assert float(wording.g2(7, 2, 10, 9)) == pytest.approx(4.5349, abs=1e-4)


def test_g2_zero_cell_and_log_ratio():
    # a = 0: only cells with counts contribute: 2 * [10 ln(10/E) + 5 ln(5/E) + 5 ln(5/E)]
    n_a, n_b = 10, 10
    expected = 2 * (10 * math.log(10 / 7.5) + 5 * math.log(5 / 2.5) + 5 * math.log(5 / 7.5))
    assert float(wording.g2(0, 5, n_a, n_b)) == pytest.approx(expected)
    assert float(wording.log_ratio(4, 2, 100, 100)) == pytest.approx(1.0)
    assert float(wording.log_ratio(0, 1, 100, 100)) == pytest.approx(-1.0)  # 0.5 for zero


def test_seed_distinctive_terms(seed_corpus):
    terms = wording.distinctive_terms(seed_corpus)
    yahoo = terms[terms["article_id"] == "yahoo-004"].set_index("term")
    itv = terms[terms["article_id"] == "itv-000"].set_index("term")
    assert yahoo.loc["invasion", "count"] == 3 and yahoo.loc["invasion", "count_rest"] == 0
    assert yahoo.loc["invasion", "z"] > 0 and itv.loc["invasion", "z"] < 0
    # one-against-the-rest with two articles is symmetric
    assert yahoo.loc["invasion", "z"] == pytest.approx(-itv.loc["invasion", "z"])
    assert yahoo.loc["invasion", "g2"] == pytest.approx(itv.loc["invasion", "g2"])
    assert "the" not in yahoo.index  # stop words removed


def test_ngrams_skip_stop_word_edges():
    assert wording.ngrams_of("putin's war in ukraine".split(), 2, frozenset({"in"})) == ["putin's war"]


def test_name_variant_found(seed_corpus):
    variants = wording.name_variants(seed_corpus)
    pairs = set(zip(variants["name_a"], variants["name_b"]))
    assert ("Hiller", "Hillel") in pairs
    assert len(variants) == 1


def test_headlines(seed_corpus):
    heads = wording.compare_headlines(seed_corpus).set_index("article_id")
    assert heads.loc["itv-000", "quoted"] == "never been so ashamed of my country"
    assert heads.loc["yahoo-004", "quoted"] == "shameful"
    assert set(heads.loc["itv-000", "shared_terms"].split()) == {"russian", "diplomat", "quits", "ukraine", "war"}


def test_shared_quotes_on_seed(seed_corpus):
    table = quote_alignment.shared_quotes(seed_corpus)
    shared = table[(table["status"] == "shared") & (table["article_id"] == "itv-000")]
    texts = set(shared["shared_text"])
    assert "boris bondarev is a hero" in texts
    assert "warmongering lies and hatred" in texts
    assert any(t.startswith("want only one thing to remain in power forever") for t in texts)
    ashamed = shared[shared["shared_text"] == "never been so ashamed"].iloc[0]
    assert ashamed["other_text"] == "never have i been so ashamed"
    assert ashamed["differences"] == "(nothing) -> have i"
    only = table[(table["status"] == "only this outlet") & (table["article_id"] == "yahoo-004")]
    assert only["passage"].str.contains("Russia no longer has allies").any()
    only_itv = table[(table["status"] == "only this outlet") & (table["article_id"] == "itv-000")]
    assert only_itv["passage"].str.contains("It is intolerable").any()


def test_align_tolerates_small_edits():
    shared, (i1, i2), (j1, j2), edits = quote_alignment.align("a b c d e".split(), "x a b c q e".split())
    assert (shared, i1, i2, j1, j2, edits) == (4, 0, 5, 1, 6, ["d -> q"])


def test_framing_counts(seed_corpus):
    counts = framing.framing_counts(seed_corpus)
    body = counts[counts["scope"] == "body"].set_index(["article_id", "label"])["count"]
    assert body[("yahoo-004", "invasion")] == 3   # counted by hand in the text
    assert body[("itv-000", "invasion")] == 0
    headline = counts[counts["scope"] == "headline"].set_index(["article_id", "label"])["count"]
    assert headline[("itv-000", "quits")] == 1 and headline[("yahoo-004", "ashamed / shameful")] == 1
    by_voice = counts[counts["scope"].isin(["narration", "reported", "mixed", "quotation"])].groupby(["article_id", "label"])["count"].sum()
    assert (by_voice == body.reindex(by_voice.index)).all()


def test_bad_framing_dictionary(tmp_path):
    path = tmp_path / "framing.csv"
    path.write_text("category,label,pattern\nwar,war,\\b(war\n", encoding="utf-8")
    with pytest.raises(framing.InputDataError, match=r"framing\.csv: line 2: pattern .* is not a valid regular expression"):
        framing.read_dictionary(path)


def test_keyword_in_context(seed_corpus):
    kwic = wording.keyword_in_context(seed_corpus, r"\bhero\b")
    assert len(kwic) == 2 and set(kwic["voice"]) <= {"narration", "reported", "mixed", "quotation"}


def test_acronyms_with_stops_are_one_word_and_initials_are_no_terms(tmp_path):
    from analysis.text.corpus import load_corpus
    from analysis.text.tokens import is_alpha, normalise, tokenize
    from conftest import write_study

    text = "The F.B.I. questioned Donald J. Trump in the U.S. capital on Monday."
    assert [t for _s, _e, t in tokenize(text)] == [
        "The", "F.B.I.", "questioned", "Donald", "J.", "Trump", "in", "the", "U.S.", "capital", "on", "Monday", "."]
    assert is_alpha(normalise("F.B.I.")) and normalise("F.B.I.") == "f.b.i."
    # two invented articles of one story; the first names the agency and a middle initial
    first = ("Agency questions mayor\n\nThe F.B.I. questioned Mayor Jo K. Bloggs on Monday about the "
             "contract. Jo K. Bloggs denied any wrongdoing in the contract.\n")
    second = ("Mayor faces questions\n\nInvestigators questioned Mayor Jo Bloggs on Monday about the "
              "contract. Bloggs denied any wrongdoing.\n")
    corpus = load_corpus(write_study(tmp_path / "study", {"a.txt": first, "b.txt": second}))
    words = corpus.articles.set_index("article_id")["n_words"]
    # by hand: The F.B.I. questioned Mayor Jo K Bloggs on Monday about the contract (12:
    # the acronym one word, the initial one), Jo K Bloggs denied any wrongdoing in the contract (9)
    assert words["a"] == 21
    unigrams = set(wording.distinctive_terms(corpus)["term"])
    assert "f.b.i." in unigrams and not {"f", "b", "i", "k", "k."} & unigrams
    bigrams = set(wording.distinctive_terms(corpus, n=2)["term"])
    assert "jo k" not in bigrams and "k bloggs" not in bigrams and "mayor jo" in bigrams


def test_ngrams_never_start_or_end_with_an_initial():
    assert wording.ngrams_of("donald j. trump".split(), 2, frozenset()) == []
    assert wording.ngrams_of("donald j. trump".split(), 3, frozenset()) == ["donald j. trump"]
    # a letter that is not an initial is a term: 'the letter Z painted on tanks'
    assert wording.ngrams_of("letter z painted".split(), 1, frozenset()) == ["letter", "z", "painted"]
