"""Reported-speech shapes from real news (PolNeAR train), each on an INVENTED sentence of
the same form; the expected voice and speaker are worked out by hand (third set)."""
from __future__ import annotations

import pytest

from analysis.text.article import analyse_text


def voices(*paragraphs: str):
    """(voice, speaker) of each body sentence; the first line is a headline."""
    article = analyse_text("t", "\n\n".join(("Invented headline for a test",) + paragraphs))
    return [(s.voice, s.speaker) for s in article.sentences]


# -- a request made to someone is reported speech ------------------------------------------

@pytest.mark.parametrize("sentence, speaker", [
    ("In a letter to the harbour board, Jane Roe asked the council to return the fees to fishermen.",
     "Jane Roe"),
    ("The union has asked a federal judge to block the new rota.", "the union"),
    ("Doe is also asking the mayor to hand over the full file on the pier.", "Doe"),
    ("The leaflets ask residents to vote against the toll.", "the leaflets"),
])
def test_asking_someone_to_do_something_is_reported(sentence, speaker):
    assert voices(sentence) == [("reported", speaker)]


@pytest.mark.parametrize("sentence", [
    # a request for a thing, a request for comment, an imperative, a question left untold
    "The mayor asked for calm.",
    "The Example Review has asked the council to respond to the claims.",
    "Just ask the harbour master.",
    "She was trying to ask the mayor a question after the vote.",
])
def test_requests_for_things_or_comment_and_untold_questions_stay_narration(sentence):
    assert voices(sentence)[0][0] == "narration"
