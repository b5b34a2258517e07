"""Reported-speech shapes from real news (PolNeAR train), each on an INVENTED sentence of
the same form; the expected voice and speaker are worked out by hand."""
from __future__ import annotations

import pytest

from analysis.text.article import analyse_text


def voices(*paragraphs: str):
    """(voice, speaker) of each body sentence; the first line is a headline."""
    article = analyse_text("t", "\n\n".join(("Invented headline for a test",) + paragraphs))
    return [(s.voice, s.speaker) for s in article.sentences]


# -- a tag closing a lead-in before its colon says who speaks, not what -------------------

@pytest.mark.parametrize("sentence", [
    "In a 2009 speech to the harbour board, she declared:",
    "The Example Review attacked the plan in March, and Jane Roe replied:",
    "In the note attached to the video, John Doe wrote:",
    "Roe argued that:",
])
def test_a_tag_ending_a_lead_in_before_its_colon_is_narration(sentence):
    assert voices(sentence)[0][0] == "narration"


@pytest.mark.parametrize("sentence, speaker", [
    # the verb has an object of its own before the colon: the lead-in still reports something
    ("Jane Roe described the plan in three words:", "Jane Roe"),
    ("The Example Review noted the thin crowd at the rally:", "the Example Review"),
])
def test_a_lead_in_with_an_object_of_its_verb_stays_reported(sentence, speaker):
    assert voices(sentence) == [("reported", speaker)]
