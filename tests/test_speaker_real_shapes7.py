"""Real-news shapes (PolNeAR train, issue 26), seventh set: each on an INVENTED text of the same
form; the expected speakers are read off the text by hand."""
from __future__ import annotations

import pytest

from analysis.text.attribution import find_attribution


@pytest.mark.parametrize(("sentence", "expected"), [
    # a tag set off by commas inside the sentence speaks for all of it, even when a word
    # before it could be read as a speech verb ("estimates", "reports", "notes")
    ('Cost estimates, he added, were "based on a prototype facility."', "he"),
    ("Sales reports, she said, were late again.", "she"),
    ("The council notes, Jane Roe said, were never published.", "Jane Roe"),
    ("Court records, the mayor said on Monday, were sealed.", "the mayor"),
])
def test_a_tag_inside_the_sentence_speaks_for_it(sentence, expected):
    assert find_attribution(sentence).speaker == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # the first verb is the tag: a later comma clause is content, not an inserted tag
    ("Jane Roe said the plan, he said, would fail.", "Jane Roe"),
    ("Jane Roe told reporters that the vote, which she called a farce, was rigged.", "Jane Roe"),
])
def test_a_first_tag_with_content_after_it_keeps_its_speaker(sentence, expected):
    assert find_attribution(sentence).speaker == expected


@pytest.mark.parametrize("sentence", [
    # a spaced hyphen or a double hyphen stands for a dash: the source's name ends before it
    "The plan would raise $1 trillion over a decade, according to the Budget Office - half a percent of output.",
    "The tax would fall, according to the Budget Office -- a small change.",
    "The tax would fall, according to the Budget Office — a small change.",
])
def test_according_to_ends_at_a_dash(sentence):
    assert find_attribution(sentence).speaker.removeprefix("the ") == "Budget Office"
