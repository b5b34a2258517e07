"""Reported-speech shapes from the misses on PolNeAR train (issue #26), each with an
INVENTED sentence of the same form; the expected voice and speaker are worked out by
hand from the words (a sentence that reports what someone said, with at most a quoted
fragment, is ``reported``; a quotation that its tag introduces is ``quotation``)."""
from __future__ import annotations

import pytest

from analysis.text.article import analyse_text
from analysis.text.attribution import find_attribution


def voices(*paragraphs: str):
    """(voice, speaker) of each body sentence; the first line is a headline."""
    article = analyse_text("t", "\n\n".join(("Invented headline for a test",) + paragraphs))
    return [(s.voice, s.speaker) for s in article.sentences]


# -- a quoted fragment inside the reported clause is not what the tag introduces ---------

@pytest.mark.parametrize("sentence, speaker", [
    # the clause runs on for many words before the fragment
    ("The bakery closed its second shop last spring and moved the ovens into a “shared kitchen,” "
     "the owner said.", "the owner"),
    # an introductory phrase that opens with a preposition, a day or a participle
    ("On Tuesday's “Evening Desk,” Mayor Lena Hart said the budget would be balanced by July.", "Lena Hart"),
    ("Monday on the “Breakfast Hour,” Jane Roe said the council had lost the vote.", "Jane Roe"),
    ("Speaking on “City Talk,” Roe said the harbour plan was dead.", "Roe"),
])
def test_a_fragment_before_the_tag_leaves_the_sentence_reported(sentence, speaker):
    assert voices(sentence) == [("reported", speaker)]


@pytest.mark.parametrize("sentence", [
    # the quotation opens the sentence, or follows only a few words of its clause
    "“We will rebuild the pier before summer,” the mayor said.",
    "But “the pier will be rebuilt,” the mayor said.",
])
def test_a_quotation_opening_its_clause_is_introduced_by_the_tag(sentence):
    assert voices(sentence) == [("quotation", "the mayor")]


def test_a_short_lead_before_the_quotation_keeps_it_introduced():
    # four unquoted words before a long quotation: what the mayor said is mostly quoted
    found = voices("The pier is “a danger to every swimmer and every boat in the harbour,” the mayor said.")
    assert found[0][0] in ("quotation", "mixed") and found[0][1] == "the mayor"
