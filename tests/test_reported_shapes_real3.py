"""Reported-speech shapes from real news (PolNeAR train), each on an INVENTED sentence of
the same form; the expected voice and speaker are worked out by hand (third set)."""
from __future__ import annotations

import pytest

from conftest import voices


# -- a request made to someone is reported speech ------------------------------------------

@pytest.mark.parametrize("sentence, speaker", [
    ("In a letter to the harbour board, Jane Roe asked the council to return the fees to "
     "fishermen.", "Jane Roe"),
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


# -- a question put to the subject by someone unnamed: "X was asked whether ..." ---------------

@pytest.mark.parametrize("sentence", [
    "At a town hall in Riverton last week, Jane Roe was asked about the closing of the pier.",
    "In an interview that year, he was asked what had happened to the ferry vote.",
    "The mayor has been asked to release the accounts of the harbour fund.",
    "Respondents were also asked to pick the worst of the three plans.",
])
def test_a_passive_asked_with_what_was_asked_is_reported_for_no_one_named(sentence):
    assert voices(sentence) == [("reported", "unnamed")]


@pytest.mark.parametrize("sentence", [
    "Mr. Doe was asked.",                                         # nothing of what was asked
    "Voters were asked a series of questions after leaving the polls.",
    "Anyone with information is asked to call the harbour police.",  # a standing appeal
    "The mayor was asked to comment on the pier.",                # a request for comment
])
def test_a_passive_asked_without_what_was_asked_stays_narration(sentence):
    assert voices(sentence)[0][0] == "narration"


def test_another_speaker_in_the_sentence_goes_before_the_unnamed_asker():
    assert voices("Jane Roe was asked about the pier and said it would close in May.") \
        == [("reported", "Jane Roe")]


# -- "said" right before a statement of its own, after words read as no subject -------------

@pytest.mark.parametrize("sentence, speaker", [
    ("Organizers of the push to close the harbour said they are worried about the vote.",
     "unnamed"),
    ("Another fisherman who worked at the pier and who did not want to be named said he heard "
     "the mayor.", "unnamed"),
    ("Harbour activists clamoring to block the mayor say they are suddenly in the midst of a bump.",
     "unnamed"),
    ("The ferry firm released a clip of the debate, in which Gov. Jane Roe says she will close "
     "the pier.", "Jane Roe"),
])
def test_said_before_a_statement_of_its_own_is_reported(sentence, speaker):
    assert voices(sentence) == [("reported", speaker)]


def test_said_without_a_statement_after_it_stays_narration():
    sentence = "Everything the harbour master says is recorded by the clerk."
    assert voices(sentence)[0][0] == "narration"


def test_said_before_a_statement_after_an_apposition_speaks_for_the_name_before_it():
    sentence = ("It was two years ago that Jane Roe, who is thinking about running for mayor, "
                "said it was impossible for her to win.")
    assert voices(sentence) == [("reported", "Jane Roe")]


@pytest.mark.parametrize("sentence, speaker", [
    ("But research to be released this week by three harbour economists suggests that the toll "
     "will fall.", "unnamed"),
    ("After Roe suggested that the pier was unsafe, the council closed it.", "Roe"),
])
def test_other_statement_verbs_before_a_statement_of_their_own_are_reported(sentence, speaker):
    assert voices(sentence) == [("reported", speaker)]


# -- "call for" with a time or adverb between, and "call upon" --------------------------------

@pytest.mark.parametrize("sentence, speaker", [
    ("Jane Roe called Wednesday for the harbour master to resign.", "Jane Roe"),
    ("Jane Roe called again for calm at the harbour.", "Jane Roe"),
    ("John Doe also called upon the council to close the pier.", "John Doe"),
])
def test_call_for_after_a_time_word_and_call_upon_are_reported(sentence, speaker):
    assert voices(sentence) == [("reported", speaker)]


def test_called_and_a_day_without_for_stays_a_call():
    assert voices("The mayor called Monday and left a message.")[0][0] == "narration"


@pytest.mark.parametrize("sentence", [
    "But at least a dozen members of the council told The Example Review she thinks the pier "
    "will close.",
    "Three regulars of the bar that is Harbour House told me they believed the mayor had lied.",
])
def test_told_an_addressee_then_a_statement_is_reported(sentence):
    assert voices(sentence) == [("reported", "unnamed")]


# -- "both" between the auxiliary and the verb, and what the one asked said -----------------

@pytest.mark.parametrize("sentence", [
    "Kim Roe and Pat Doe have both argued that the harbour lost jobs because of the toll.",
    "Kim Roe and Pat Doe both stressed that the vote was not all bad news.",
])
def test_both_between_a_coordinated_subject_and_its_verb_is_no_subject(sentence):
    # "both" floats after the subject, like "also": the two named people are the speakers
    assert voices(sentence) == [("reported", "Kim Roe and Pat Doe")]


def test_what_the_one_asked_said_comes_before_the_unnamed_question():
    # "Roe was asked about X in an interview, in which she said ...": she answered, so she speaks
    assert voices("Jane Roe was asked about the pier during an interview published on Monday, "
                  "in which she said she did not support the toll.") == [("reported", "she")]
