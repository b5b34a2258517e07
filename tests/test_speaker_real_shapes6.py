"""Real-news shapes (PolNeAR train, issue 26), sixth set: each on an INVENTED text of the same
form; the expected speakers are read off the text by hand."""
from __future__ import annotations

import pytest

from analysis.text.article import analyse_text
from analysis.text.attribution import TranscriptLabel, transcript_label
from conftest import speaker

# two people named in full first, then someone else speaks last: a later "he"/"she" whose
# own sentence opens with one of the first two means that one, not the last speaker
_PEOPLE = "Jane Roe and John Doe met the council on Monday."
_LAST = "Councillor Mary Poe said the vote would wait."
_LAST_MAN = "Councillor Mark Poe said the vote would wait."


def _sources(*paragraphs: str) -> list[str]:
    doc = analyse_text("t", "Headline\n\n" + "\n\n".join(paragraphs))
    return [s.source for s in doc.sentences]


@pytest.mark.parametrize("last, sentence, expected", [
    # the pronoun's clause is joined to the sentence's own first clause
    (_LAST, "Roe, though she praised the plan and said it was fair, stopped short of backing it.", "Jane Roe"),
    (_LAST_MAN, "Doe seems to know the risk — he told reporters that the fund would run dry.", "John Doe"),
    (_LAST_MAN, "Doe seemed to know the risk; he told reporters that the fund would run dry.", "John Doe"),
    # a clause ending in a colon introduced the quotation the pronoun's tag closes
    (_LAST, "In her speech, Roe set out the stakes: “Build it and they will come,” she said.", "Jane Roe"),
    (_LAST_MAN, "Doe read it differently: “When they say it, they mean it,” he said.", "John Doe"),
])
def test_a_pronoun_means_the_subject_of_its_own_sentence(last, sentence, expected):
    assert _sources(_PEOPLE, last, sentence)[-1] == expected


@pytest.mark.parametrize("sentence, expected", [
    # a tag after the words it reports: the opening subject is what is talked about
    ("Roe is a danger to the fund, he said.", "Mark Poe"),
    # no colon before the quotation: the opening subject is what the quoted words are about
    ("Roe will lose the vote, “and soon,” he said.", "Mark Poe"),
])
def test_a_tag_after_its_words_keeps_the_last_speaker(sentence, expected):
    assert _sources(_PEOPLE, _LAST_MAN, sentence)[-1] == expected


# -- a title spokes-word and a spokesperson for a body with the person named ----------------

@pytest.mark.parametrize("sentence, expected", [
    # "Representative" before a surname is a title, as "Senator" is
    ("Representative Roe has said that she would back the bill.", "Roe"),
    ("Spokeswoman Roe said the bill would pass.", "Roe"),
    # lower case it is a representative of something, not a title
    ("A company representative said the plant would close.", "the company"),
    # a spokesperson for a body with the person named after: the person speaks, not the body
    ("The plan failed, said a former spokesman for the Ministry of Works, John Doe, who left in May.", "John Doe"),
    ("The plan failed, said a former spokesman for the Ministry of Works.", "Ministry of Works"),
])
def test_spokespeople_and_titles(sentence, expected):
    assert speaker(sentence) == expected


# -- more words of anonymity -----------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Several sources privy to the talks say the deal is close.", "unnamed"),
    ("People briefed on the plan said it would be dropped.", "unnamed"),
    ("Officials with direct knowledge of the inquiry said it would end soon.", "unnamed"),
    ("A person knowledgeable about the bid said it had failed.", "unnamed"),
    # the words alone make no one anonymous: a named person with them speaks
    ("Jane Roe, who was briefed on the plan, said it would be dropped.", "Jane Roe"),
    # "briefed" and "knowledge" without their phrase are not words of anonymity
    ("The lawyers briefed reporters and said the case would go on.", "the lawyers"),
])
def test_more_words_of_anonymity(sentence, expected):
    assert speaker(sentence) == expected


# -- a question put with "which", and the one asked answers ---------------------------------

def test_a_question_put_with_which_is_reported_speech():
    assert speaker("Jane Roe then asked the mayor which roads would close first.") == "Jane Roe"


def test_the_person_asked_answers_the_next_he_said():
    people = "John Roe and Mark Doe met the council on Monday."
    asked = "Roe then asked Doe which roads would close first."
    answer = "“We will close them all,” he said."
    assert _sources(people, asked, answer) == ["", "John Roe", "Mark Doe"]
    # without the question the tag's pronoun keeps the last speaker
    assert _sources(people, "Roe said the roads would stay open.", answer) == ["", "John Roe", "John Roe"]


# -- a crowd is not the person last named ---------------------------------------------------

@pytest.mark.parametrize("tag", ["the crowd shouted", "the audience screamed back", "the congregation replied"])
def test_a_gathering_is_not_the_person_last_named(tag):
    sources = _sources("Mayor Jane Roe spoke to the rally.", "“Who will pay for it?” she asked.",
                       f"“The council!” {tag}.", "“Yes,” she said.")
    assert sources == ["", "Jane Roe", "", "Jane Roe"]


# -- a transcript printed as quotation paragraphs, each opening with its speaker's label -----

_DIALOGUE = ["On Sunday's broadcast, Gov. Jane Roe said the plan would go ahead.",
             "Partial transcript as follows:",
             "\"DOE: Let's start with the news on the plan. After the council voted, what did you think?",
             "\"VIDEO: They all told me it was a plan when they knew it was not. They said they would call.",
             "\"ROE: Well, look, the council thinks this is a game. But this is serious business.",
             "\"And the people want it. They will get it.",
             "\"DOE: If I may, madam, because time is short. Will the mayor be there?",
             "Follow Jane Roe on the network's site."]


def test_a_quoted_transcript_gives_each_turn_its_speaker():
    doc = analyse_text("t", "Headline\n\n" + "\n\n".join(_DIALOGUE))
    by_sentence = [(s.text.split()[0], s.source) for s in doc.sentences]
    assert by_sentence == [
        ("On", "Jane Roe"), ("Partial", ""),
        ("\"DOE:", "Doe"), ("After", "Doe"),
        # a heading's label is no one's
        ("\"VIDEO:", ""), ("They", ""),
        ("\"ROE:", "Jane Roe"), ("But", "Jane Roe"),
        # a quotation paragraph with no label goes on with the turn before it
        ("\"And", "Jane Roe"), ("They", "Jane Roe"),
        ("\"DOE:", "Doe"), ("Will", "Doe"),
        ("Follow", "")]


def test_one_quoted_label_alone_is_no_speaker():
    # a dateline inside a quotation paragraph: one label is no dialogue
    doc = analyse_text("t", "Headline\n\nThe council met on Monday.\n\n"
                            "\"WASHINGTON: The council voted on the plan. It will go ahead in May.")
    assert [s.source for s in doc.sentences] == ["", "", ""]


def test_the_first_person_inside_a_turn_is_the_turn_speaker():
    doc = analyse_text("t", "Headline\n\nJane Roe spoke to the show.\n\nDOE: Do you think the plan works?\n\n"
                            "ROE: I think it is working. I think that has been the message. And we decided to go on.")
    assert [s.source for s in doc.sentences] == ["", "Doe", "Jane Roe", "Jane Roe", "Jane Roe"]


@pytest.mark.parametrize(("text", "expected"), [
    ("DOE: If I may, the plan fails.", TranscriptLabel("Doe")),
    ("MARY DOE: We will see.", TranscriptLabel("Mary Doe")),
    ("VIDEO: The minister at the podium.", TranscriptLabel("")),  # a heading's word names no one
    ("PARTIAL TRANSCRIPT: ...", TranscriptLabel("")),
    ("BREAKING - DOE: We will see.", TranscriptLabel("")),  # a label after a heading's dash
    ("Doe: We will see.", TranscriptLabel("Doe", capitals=False)),  # a name's own capitals
    ("Jane Seitz-Wald: We will see.", TranscriptLabel("Jane Seitz-Wald", capitals=False)),
    ("Editor's Note: This story was updated.", None),  # a heading's word
    ("The plan: We will see.", None),  # not a name
    ("DOE, THE MINISTER: We will see.", None),  # a comma: a description, not a label
    ("The plan fails.", None),
])
def test_one_reader_of_labels_in_capitals(text, expected):
    assert transcript_label(text) == expected
