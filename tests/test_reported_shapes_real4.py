"""Reported-speech shapes from real news (PolNeAR train), each on an INVENTED sentence of
the same form; the expected voice and speaker are worked out by hand (fourth set)."""
from __future__ import annotations

import pytest

from conftest import voices


# -- what follows a long tag is mostly quoted: a partial quotation, not reported speech -------

@pytest.mark.parametrize("sentence, speaker", [
    ("In a speech to donors in Springfield on Monday evening, Jane Roe said the vote was "
     "“a disgrace to the harbour.”", "Jane Roe"),
    ("John Doe, the chairman of the Riverton harbour board for the past eleven years, said the "
     "toll was ''a tax on every fisherman in the county.''", "John Doe"),
    ("Jane Roe, who ran the Riverton ferry company for two decades, called the plan "
     "“the worst idea the council has had.”", "Jane Roe"),
])
def test_a_mostly_quoted_statement_after_a_long_tag_is_mixed(sentence, speaker):
    assert voices(sentence) == [("mixed", speaker)]


@pytest.mark.parametrize("sentence, speaker", [
    # the quoted words are a small part of what was said, or about half of it
    ("Jane Roe, who farms 300 acres of barley near Riverton, said the plans amounted to "
     "“a slow death by paperwork”.", "Jane Roe"),
    ("In a speech to donors in Springfield on Monday evening, Jane Roe said the vote, which the "
     "council held in May without a hearing, was “a disgrace.”", "Jane Roe"),
    # the quotation stands before the tag, not in what follows it
    ("“It was a disgrace” that the council voted without a hearing in May, said John Doe, the "
     "chairman of the Riverton harbour board.", "John Doe"),
])
def test_a_short_quoted_fragment_in_what_was_said_stays_reported(sentence, speaker):
    assert voices(sentence) == [("reported", speaker)]


# -- "add up (to)": a sum, not a statement ------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "In all, the harbour board's pledges add up to more than $3 million.",
    "By morning, the campaign's efforts at damage control added up to a string of conflicting excuses.",
])
def test_adding_up_is_narration(sentence):
    assert voices(sentence)[0][0] == "narration"


@pytest.mark.parametrize("sentence, speaker", [
    ("Jane Roe added that the pledges were late.", "Jane Roe"),
    ("The Doe campaign says the figures in the plan do not add up.", "the Doe campaign"),
])
def test_added_that_and_a_statement_about_adding_up_stay_reported(sentence, speaker):
    assert voices(sentence) == [("reported", speaker)]


# -- "responded by" a deed: an act, not words ----------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "The Riverton council responded by blocking the ferry vote.",
    "The port authority responded quickly by easing the harbour fees.",
])
def test_responding_by_a_deed_is_narration(sentence):
    assert voices(sentence)[0][0] == "narration"


@pytest.mark.parametrize("sentence, speaker", [
    ("Jane Roe responded by saying the vote was unfair.", "Jane Roe"),
    ("John Doe responded first by pointing out that the vote was unfair.", "John Doe"),
    ("Jane Roe responded that the vote was unfair.", "Jane Roe"),
    ("John Doe responded by waving a copy of the report, saying the vote was unfair.", "John Doe"),
])
def test_responding_in_words_stays_reported(sentence, speaker):
    assert voices(sentence) == [("reported", speaker)]


# -- "to say that ...": an infinitive with a statement of its own, the main clause's subject's -----

@pytest.mark.parametrize("sentence, speaker", [
    ("Jane Roe went out of her way to say that the harbour had hit bottom this year.", "Jane Roe"),
    ("John Doe is likely to stress that the board would pause the toll quickly.", "John Doe"),
    ("The ferry crews were jeered after John Doe refused to say that the pier should stay open.", "John Doe"),
])
def test_an_infinitive_speech_verb_before_that_is_reported(sentence, speaker):
    assert voices(sentence) == [("reported", speaker)]


@pytest.mark.parametrize("sentence", [
    # the outlet's aside, and a correction note in the passive
    "It is fair to say that the harbour board has lost the argument.",
    "Roe leads by nine points, although it's fair to say that she has faced fewer attacks.",
    "This story has been updated to note that Roe posted the plan on her website.",
    # readiness, not a statement
    "The board's majority seemed ready to say that the toll breaks the harbour charter.",
])
def test_an_impersonal_passive_or_intended_infinitive_stays_narration(sentence):
    assert voices(sentence)[0][0] == "narration"


# -- a form right after "of" modifies a noun -------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Jane Roe was on track, even with her loss in Riverton, to secure a majority of pledged delegates.",
    "Doe has an outright majority of pledged delegates and a lopsided number of superdelegates.",
])
def test_a_participle_after_of_is_narration(sentence):
    assert voices(sentence)[0][0] == "narration"


def test_a_gerund_of_speech_after_of_is_still_read():
    assert voices("Jane Roe accused the board of saying that the pier was safe.")[0][0] == "reported"
