"""Real-news shapes (PolNeAR train, issue 26), seventh set: each on an INVENTED text of the same
form; the expected speakers are read off the text by hand."""
from __future__ import annotations

import pytest

from analysis.text.article import analyse_text
from analysis.text.attribution import find_attribution
from analysis.text.sentences import split_sentence_spans
from conftest import sources_of


def _sentences(paragraph: str) -> list[str]:
    return [paragraph[a:b] for a, b in split_sentence_spans(paragraph)]


def speaker_of(*paragraphs: str) -> list[str]:
    """The speaker of every body sentence of an article made of ``paragraphs``."""
    return [s.speaker for s in analyse_text("t", "Headline\n\n" + "\n\n".join(paragraphs)).sentences]


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


@pytest.mark.parametrize("paragraph", [
    '"… There is evidence of fraud. It will happen here."',
    '"... There is evidence of fraud. It will happen here."',
    '“. . . There is evidence of fraud. It will happen here.”',
])
def test_an_ellipsis_opening_a_quotation_is_not_a_sentence(paragraph):
    # a quotation taken up again after a cut ('“… There is'): the marks open its first sentence
    assert [text.split()[-1] for text in _sentences(paragraph)] == ["fraud.", 'here."' if '"' in paragraph else "here.”"]


def test_a_quotation_taken_up_again_keeps_its_speaker():
    assert speaker_of('"We will win," Jane Roe said.', '"… There is evidence of fraud. It will happen here."') \
        == ["Jane Roe", "Jane Roe", "Jane Roe"]


@pytest.mark.parametrize("sentence", [
    'Jane Roe, herself a supporter, drew boos upon saying, "We must unite."',
    "Jane Roe drew boos after saying the party must unite.",
])
def test_a_participle_after_upon_or_after_is_the_subjects(sentence):
    assert find_attribution(sentence).speaker == "Jane Roe"


@pytest.mark.parametrize(("sentence", "expected"), [
    ('"It was awful," remembered Jane Roe, a former aide.', "Jane Roe"),
    ('"It was awful," Jane Roe remembered.', "Jane Roe"),
])
def test_remembered_tags_a_quotation(sentence, expected):
    assert speaker_of(sentence) == [expected]


def test_remembering_a_thing_is_not_speech():
    assert find_attribution("Jane Roe remembered the day well.") is None


# a panel set down as a dialogue, each turn opening with its speaker's name before a colon,
# in the name's own capitals, some turns quoted and some not
_PANEL = ('"Mary Poe: Seriously, think about this. The tax sounds great."',
          "Alan Doe: She is right on all of it. But it is the vegetables.",
          "Poe: Well, nobody likes vegetables.",
          "Doe: Nobody calls it 'speculation' at home. It gets to be all things to all people.")


def test_a_dialogue_of_named_labels_gives_each_turn_its_speaker():
    assert speaker_of(*_PANEL) == ["Mary Poe", "Mary Poe", "Alan Doe", "Alan Doe", "Poe", "Doe", "Doe"]


@pytest.mark.parametrize("paragraphs", [
    # one label alone is no dialogue: a place, a title
    ("Springfield: The town voted on Monday.", "The council met later."),
    # headings in a name's capitals are not people, however many
    ("Bottom Line: The town voted on Monday.", "Next Steps: The council meets in May."),
])
def test_labels_that_are_no_dialogue_of_people_give_no_speaker(paragraphs):
    assert speaker_of(*paragraphs) == ["", ""]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a bare name and a comma before "said" cannot be its subject: the tag is set off inside
    ("And Roe, said Mary Poe, who remains friendly with him, does not forgive or forget.", "Mary Poe"),
    ("Jane Roe, said Mary Poe, never forgets a slight.", "Mary Poe"),
    # a name with an apposition keeps its verb
    ("Roe, 52, said Doe, the mayor, had lied.", "Roe"),
])
def test_a_tag_after_a_bare_name_and_a_comma(sentence, expected):
    assert find_attribution(sentence).speaker == expected


def test_a_one_word_name_in_a_tag_after_a_bare_name():
    assert find_attribution("And Roe, said Poe, who remains friendly with him, never forgets.").speaker == "Poe"
    assert find_attribution("Roe, said Tuesday, the plan fails.").speaker != "Tuesday"


def test_a_possessive_name_opens_a_noun_phrase_not_a_subject():
    # "Roe's son, Grant," is Grant; "Roe's son" someone other than Roe; "Roe's lawyer" speaks for Roe
    assert sources_of("Curt Roe was fired on Monday.",
                      "Roe's son, Grant, defended his father on Facebook, saying he is no bigot.")[1] == "Grant"
    assert sources_of("Curt Roe was fired on Monday.",
                      "Roe's son defended his father, saying he is no bigot.")[1] == ""
    assert sources_of("Curt Roe was fired on Monday.",
                      "Roe's lawyer filed a motion, saying the case fails.")[1] == "Curt Roe"
    assert sources_of("Amazon said sales rose.",
                      "Japan's central bank ended its meeting by announcing it would buy funds.")[1] \
        == "Japan's central bank"  # a body of its own, not the company that spoke last


def test_a_month_in_the_possessive_owns_nothing():
    # (the train shape: "According to July's Washington Post/ABC News polling")
    assert sources_of("Jane Roe said the race was close.",
                      "According to July's Daily Ledger/Acme News polling, most voters back her.")[1] != "July"


@pytest.mark.parametrize(("sentence", "expected"), [
    # a participle speaks for the subject of the clause nearest it
    ("It was a potent punch by the two women, as Mrs. Roe echoed the criticism, saying Mr. Doe was a fraud.",
     "Mrs. Roe"),
    ("But a few days later, Jane Roe reversed herself again, telling reporters the law is set.", "Jane Roe"),
    ("While business leaders push for free trade, Mr. Doe has rallied thousands by promising tariffs.", "Mr. Doe"),
    # never a state after its place
    ("On Sunday, Pastor Jane Roe stood at her pulpit in Burlington, Iowa, and, head bowed, prayed aloud, saying the "
     "vote was a duty.", "Pastor Jane Roe"),
])
def test_a_participle_speaks_for_the_nearest_clause_subject(sentence, expected):
    assert find_attribution(sentence).speaker == expected


def test_a_relation_needs_a_description_of_two_words():
    from analysis.text.sources import _someone_of_theirs
    assert [_someone_of_theirs(text) for text in ("", "son", "his son", "Roe's son", "the son")] == \
        [False, False, True, True, False]
