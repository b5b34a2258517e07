"""Reported-speech shapes from real news (PolNeAR train), each on an INVENTED sentence of
the same form; the expected voice and speaker are worked out by hand."""
from __future__ import annotations

import pytest

from analysis.text.article import analyse_text
from conftest import voices


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


# -- speech inside a relative clause, its subject before the verb and the statement after it ---

@pytest.mark.parametrize("sentence, speaker", [
    ("The new fees, which officials said will take effect in May, do not apply to fishing boats.", "unnamed"),
    ("Jane Roe signed a letter of apology that she said was written by the firm.", "she"),
    ("The pier drew 30 applicants for berths, which he said were evenly split between the two yards.", "he"),
    ("The harbour fund, which the council says includes 200 donors, is another asset.", "the council"),
    ("The toll is in the north ward, where local fishermen say the mayor has lost support.", "unnamed"),
    ("John Doe has won less credit than aides say he deserves for the new pier.", "unnamed"),
])
def test_speech_in_a_relative_clause_with_its_statement_after_the_verb_is_reported(sentence, speaker):
    assert voices(sentence) == [("reported", speaker)]


@pytest.mark.parametrize("sentence", [
    # no statement after the verb: what was said is the relative word's noun, not a clause
    "Roe read the plan that Doe said nothing about.",
    "The bill, which Roe described in detail, passed on Monday.",
    # "it" in such a clause is seldom a speaker
    "The firm is bracing for a long fight that it says will reward patience.",
])
def test_a_relative_clause_without_a_statement_after_its_verb_is_narration(sentence):
    assert voices(sentence)[0][0] == "narration"


def test_she_in_such_a_clause_is_the_main_clauses_subject():
    article = analyse_text("t", "\n\n".join((
        "Invented headline for a test",
        "Mary Major spoke first at the hearing.",
        "Jane Roe, a lawyer who sits on the harbour board, has helped the club adapt to what she said"
        " is growing demand for berths.")))
    assert [(s.voice, s.source) for s in article.sentences][-1] == ("reported", "Jane Roe")


# -- speech in a clause after the main one: "after", "because", "before", "since", ... ---------

@pytest.mark.parametrize("sentence, speaker", [
    ("The ferry was grounded last week after the Example Review reported that its licence had lapsed.",
     "the Example Review"),
    ("The council blocked the bill because they said the fee was unfair.", "they"),
    ("The dock closed in part because Mayor Jane Roe has said she is not ready to fund it.", "Jane Roe"),
    ("A few weeks after John Doe announced that the pier would close, the ferry stopped running.", "John Doe"),
    ("The crowd laughed after Jane Roe revealed her husband had taken her name.", "Jane Roe"),
])
def test_speech_in_a_subordinate_clause_after_the_main_one_is_reported(sentence, speaker):
    assert voices(sentence) == [("reported", speaker)]


@pytest.mark.parametrize("sentence", [
    # speech that was only possible, and a verb with only "them" after it, report nothing
    "Her father died before she could ask him about the papers.",
    "Jane Roe tried to walk back her remarks a day after she said them, but the damage was done.",
    # a clause opening the sentence with its first word leaves the main clause the outlet's
    "Because John Doe said the pier was unsafe, the ferry stopped running.",
])
def test_possible_speech_or_speech_without_content_in_such_a_clause_is_narration(sentence):
    assert voices(sentence)[0][0] == "narration"


# -- a sentence that is only a tag says who spoke, not what -----------------------------------

@pytest.mark.parametrize("sentence", [
    "Roe said.",
    "Jane Roe, the spokeswoman for the harbour board, said in a statement.",
    "Doe told reporters during a call on Tuesday.",
    "Roe said pleasantly into the phone.",
    "Mr. Doe said, clutching the lectern with both hands.",
])
def test_a_bare_tag_alone_is_narration(sentence):
    assert voices("The ferry was late again.", sentence)[1][0] == "narration"


@pytest.mark.parametrize("sentence, speaker", [
    ("Roe vowed to close the pier.", "Roe"),
    ("Roe argued in favor of the new pier.", "Roe"),
    ("Roe said on Monday the pier is unsafe.", "Roe"),
    ("Doe told reporters on Monday the fee would rise.", "Doe"),
])
def test_a_tag_with_what_was_said_after_it_stays_reported(sentence, speaker):
    assert voices("The ferry was late again.", sentence)[1] == ("reported", speaker)


def test_a_quotation_split_off_a_bare_tag_takes_its_speaker_before_or_after():
    found = voices("“The pier is safe.” Jane Roe said in a statement.",
                   "John Doe, a ferry captain, said pleasantly into the phone. “We sail at noon.”")
    assert found == [("quotation", "Jane Roe"), ("narration", ""), ("narration", ""), ("quotation", "John Doe")]


# -- "quoted X as saying" ------------------------------------------------------------------

@pytest.mark.parametrize("sentence, speaker", [
    ("The Example Review quoted a harbour official as saying the pier was unsafe.", "the Example Review"),
    ("Jane Roe quoted an unnamed aide as saying that the fee would rise.", "Jane Roe"),
])
def test_quoted_someone_as_saying_is_reported(sentence, speaker):
    assert voices(sentence) == [("reported", speaker)]


@pytest.mark.parametrize("sentence", [
    "The mayor spoke Latin, quoted the charter and visited the old pier.",
    "John Doe quotes the harbour master Jane Roe:",
])
def test_quoted_without_as_saying_is_no_statement(sentence):
    assert voices(sentence)[0][0] == "narration"


# -- evidence that suggests: "polls suggest", "official data suggest" -------------------------

@pytest.mark.parametrize("sentence", [
    "For the mayor so far, polls suggest she should not run again.",
    "And surveys suggest that even some fishermen find the plan unfair.",
    "Sure, official data suggest that the catch peaked in 2013.",
    "But early ratings data suggests that the harbour channel got about 8,000 viewers.",
    "Indeed, statistics indicate that ferry users are older than drivers.",
])
def test_evidence_that_suggests_is_an_unnamed_source(sentence):
    assert voices(sentence) == [("reported", "unnamed")]


def test_a_producer_named_before_its_figures_is_still_read_through_according_to():
    found = voices("The pier handled 92,000 tonnes last year, according to company filings.")
    assert found[0][0] == "reported" and found[0][1] != "unnamed"


# -- a stretch set off by spaced hyphens or double hyphens after the subject ------------------

@pytest.mark.parametrize("sentence, speaker", [
    ("In an interview at her office, Jane Roe - the harbour master's deputy and a ferry pilot - told the"
     " Example Review that the pier was unsafe.", "Jane Roe"),
    ("Local fishermen -- including John Doe -- quickly accused the mayor of ignoring the pier.", "unnamed"),
    ("On his way out, Mr. Doe - in a line aimed at the mayor - declared that the pier must reopen.", "Mr. Doe"),
])
def test_a_dashed_stretch_after_the_subject_is_set_aside(sentence, speaker):
    assert voices(sentence) == [("reported", speaker)]


# -- a hyphenated adjective in -ing opens a noun phrase, not a participle phrase ---------------

@pytest.mark.parametrize("sentence, speaker", [
    ("Best-selling thriller writer Jane Roe told the Example Review she would run for mayor.", "Jane Roe"),
    ("Long-serving harbour pilot John Doe said the channel was silting up.", "John Doe"),
])
def test_a_hyphenated_ing_adjective_opens_the_speakers_noun_phrase(sentence, speaker):
    assert voices(sentence) == [("reported", speaker)]


def test_a_participle_phrase_opening_the_sentence_is_still_no_subject():
    assert voices("Speaking outside the court, Jane Roe said the verdict was fair.") == [("reported", "Jane Roe")]


# -- a headline's role noun without an article ----------------------------------------------

@pytest.mark.parametrize("sentence, speaker", [
    ("Ferry fares hinge on the fuel price, analyst says.", "analyst"),
    ("Investment, official says, helped the harbour after the crisis.", "official"),
    ("But expert says more boats keep away from the pier.", "expert"),
])
def test_a_headlines_bare_role_noun_speaks_as_written(sentence, speaker):
    assert voices(sentence) == [("reported", speaker)]


def test_a_bare_lower_case_noun_that_is_no_role_is_still_no_speaker():
    assert voices("In the end, history says little about the pier.")[0][0] == "narration"


# -- a block quotation set without marks after a lead-in ending in a colon ---------------------

def test_an_unquoted_paragraph_after_a_bare_lead_in_is_the_speakers_block_quotation():
    found = voices("In a note with the video, Jane Roe wrote:",
                   "I think this plan is timely. We want the safest pier. But what we should ask is “who pays?”",
                   "The council meets on Monday.")
    assert found == [("narration", ""), ("reported", "Jane Roe"), ("reported", "Jane Roe"),
                     ("mixed", "Jane Roe"), ("narration", "")]


@pytest.mark.parametrize("lead_in", [
    "The survey also found that:",             # a verb of finding, not of speech
    "Here are the results:",                   # no speaker
])
def test_no_block_quotation_without_a_speaking_lead_in(lead_in):
    assert voices(lead_in, "The pier handled 92,000 tonnes last year.")[1] == ("narration", "")


def test_no_block_quotation_when_the_paragraph_has_its_own_attribution():
    found = voices("Jane Roe wrote:", "The pier is old. John Doe said it would close.")
    assert found[1] == ("narration", "")


# -- "claim" and "post" of a result won --------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Meanwhile, Jane Roe claimed the prize for the fastest crossing.",
    "The army has pressed on as it claims more territory from the rebels.",
    "The ferry line lost money before John Doe posted an overwhelming victory in the harbour race.",
])
def test_claiming_or_posting_a_result_is_no_statement(sentence):
    assert voices(sentence)[0][0] == "narration"


@pytest.mark.parametrize("sentence, speaker", [
    ("Jane Roe claimed that the vote was rigged.", "Jane Roe"),
    ("John Doe posted a photo of the broken pier on Twitter.", "John Doe"),
])
def test_claiming_or_posting_what_was_said_stays_reported(sentence, speaker):
    assert voices(sentence) == [("reported", speaker)]
