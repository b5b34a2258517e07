"""Reported-speech shapes from the misses on PolNeAR train (issue #26), each with an
INVENTED sentence of the same form; the expected voice and speaker are worked out by
hand from the words (a sentence that reports what someone said, with at most a quoted
fragment, is ``reported``; a quotation that its tag introduces is ``quotation``)."""
from __future__ import annotations

import pytest

from analysis.text.attribution import find_attribution
from conftest import voices


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


# -- a time phrase between the subject and the verb; "but" before the verb ----------------

@pytest.mark.parametrize("sentence, speaker", [
    ("The water board two weeks ago said that the reservoir was safe.", "the water board"),
    ("Councillor Amy Price, who chairs the planning committee, last week said the tower would be refused.",
     "Amy Price"),
    ("The harbour master on Tuesday night warned that the ferry would not sail.", "The harbour master"),
    ("The union earlier this month argued that the pay offer was too low.", "the union"),
])
def test_a_time_phrase_before_the_verb_is_skipped_to_the_subject(sentence, speaker):
    (voice, found), = voices(sentence)
    assert voice == "reported"
    assert found.lower() == speaker.lower()


@pytest.mark.parametrize("sentence, speaker", [
    ("He praised the volunteers but said the shelter would close in March.", "he"),
    ("Roe has doubts about the plan but has said she will vote for it.", "Roe"),
    ("Roe sold the shop in May, but told neighbours he would open another.", "Roe"),
])
def test_a_verb_after_but_speaks_for_the_clause_subject(sentence, speaker):
    (voice, found), = voices(sentence)
    assert voice == "reported"
    assert found.lower() == speaker.lower()


@pytest.mark.parametrize("sentence", [
    "The town saw an awkward but promising start to the season.",  # no finite verb after "but"
    "The senator, who has read the files but would say nothing about them, agreed to the delay.",
    "Cara May said nothing of it in her diary entry and left.",  # a month inside a name is no time phrase
])
def test_shapes_that_are_not_a_coordinated_statement(sentence):
    found = find_attribution(sentence)
    if "Cara May" in sentence:
        assert found is not None and found.speaker == "Cara May"
    else:
        assert found is None


def test_a_time_phrase_after_a_participle_stays_with_it():
    # "filed Thursday": the day belongs to the participle; "a memo ..." is an indefinite
    # subject, the package's unnamed source
    (voice, found), = voices("A memo filed Thursday says the plant will close in June.")
    assert (voice, found) == ("reported", "unnamed")


# -- a participle of speech after the main clause -------------------------------------------

@pytest.mark.parametrize("sentence, speaker", [
    ("Roe ended the hearing by announcing that the bridge would close.", "Roe"),
    ("Roe backed the budget while insisting that the library stay open.", "Roe"),
    ("Roe thanked the crew before explaining why the ferry was late.", "Roe"),
    ("Jane Roe turned down the offer on the spot – saying she would stay in Ohio.", "Jane Roe"),
    ("The Hartwells have sold the farm, saying they could no longer afford it.", "the Hartwells"),
    ("Roe defended the levy, calling the new tax “a fair price for clean water.”", "Roe"),
])
def test_a_participle_of_speech_speaks_for_the_main_subject(sentence, speaker):
    found = find_attribution(sentence.replace("“a fair price for clean water.”", "\x00"))
    assert found is not None and found.speaker == speaker and found.rule == "participle"


@pytest.mark.parametrize("sentence", [
    "Roe won the county by a wide margin, adding to her lead in the state.",
    "The college covers its costs by admitting more students from abroad.",
    "The club kept its members by calling its fees a bargain.",
])
def test_a_participle_that_does_not_report_speech(sentence):
    assert find_attribution(sentence) is None


def test_the_main_subject_after_an_introductory_phrase_or_with_a_party_tag():
    found = find_attribution("In a speech on Monday, Roe struck a calm tone, saying the plant would reopen.")
    assert (found.speaker, found.rule) == ("Roe", "participle")
    found = find_attribution("Sen. Jane Roe (D-Minn.) defended the levy, saying it would pay for the bridge.")
    assert (found.speaker, found.rule) == ("Jane Roe", "participle")


@pytest.mark.parametrize("sentence", [
    # a noun phrase never ends in a preposition: "state" after "secretary of" is no verb's subject
    "The visit of the former secretary of state drew a large crowd.",
    "The college covers its costs by admitting more students from abroad.",
])
def test_a_head_ending_in_a_preposition_is_no_subject(sentence):
    assert find_attribution(sentence) is None


# -- an adverb inside the verb group ----------------------------------------------------------

@pytest.mark.parametrize("sentence, speaker", [
    ("The growers have long argued that the river belongs to the valley.", "the growers"),
    ("Roe has since said she regrets the vote.", "Roe"),
    ("Harbour officials subsequently told the council that the crane was unsafe.", "unnamed"),
    ("The mayor has repeatedly and publicly insisted that the pier is safe.", "the mayor"),
])
def test_an_adverb_between_subject_and_verb_is_skipped(sentence, speaker):
    (voice, found), = voices(sentence)
    assert voice == "reported" and found.lower() == speaker.lower()


def test_a_noun_in_ly_is_not_an_adverb():
    # "family" is the subject's head noun, not skipped as an adverb: the subject is the
    # three words before the verb (a family is one of the package's unnamed groups)
    found = find_attribution("The Roe family said the farm would stay open.")
    assert (found.speaker, found.tag) == ("unnamed", ((0, 3),))


# -- longer subjects: a possessive as determiner, a plural noun with a phrase after it ------

@pytest.mark.parametrize("sentence, speaker", [
    ("Jane Roe’s campaign manager says the rally will go ahead.", "Jane Roe’s campaign manager"),
    ("Rival Jane Roe’s campaign said it raised $2 million in March.", "Rival Jane Roe’s campaign"),
    ("Members of the harbour board said the ferry would run again.", "Members of the harbour board"),
    # ("People briefed on the talks" is an anonymous source since e8ed0a3: see test_speaker_real_shapes6)
    ("People living near the port said that the deal was close.", "People living near the port"),
    ("Growers in the northern valley say the frost ruined the crop.", "Growers in the northern valley"),
])
def test_a_longer_description_is_a_subject(sentence, speaker):
    found = find_attribution(sentence)
    assert found is not None and found.speaker == speaker and found.kind == "description"


@pytest.mark.parametrize("sentence", [
    "But Mayor Roe’s more incendiary remarks in other towns have angered voters.",  # "remarks": a noun
    "It’s kind of odd that growers expect the price to rise.",  # "It’s" is "it is", no possessive
    "Sanders prevailed in his home state of Vermont.",  # a name in -s, then its verb
    "Roe won majorities in six states on Tuesday.",  # "states" after a number is a noun
    "The 40-page report names no one.",  # a noun after a number-led compound
])
def test_shapes_that_are_not_longer_subjects(sentence):
    assert find_attribution(sentence) is None


@pytest.mark.parametrize("sentence, speaker", [
    ("Several said they would vote for the levy.", "unnamed"),
    ("One in five say the bridge should close.", "unnamed"),
])
def test_a_number_as_subject_still_speaks(sentence, speaker):
    found = find_attribution(sentence)
    assert found is not None and found.speaker == speaker


# -- verbs of speaking, citing, praise and blame missing from the lexicon --------------------

@pytest.mark.parametrize("sentence, speaker, lemma", [
    ("The mayor spoke about the flood defences at length.", "the mayor", "speak"),
    ("Roe talked up her plan to widen the bridge.", "Roe", "talk"),
    ("Growers cited the late frost as the cause of the losses.", "Growers", "cite"),
    ("Jane Roe praised the firefighters for their calm.", "Jane Roe", "praise"),
    ("The union decried the cuts to the night buses.", "the union", "decry"),
    ("The council requested a second survey of the pier.", "the council", "request"),
])
def test_added_verbs_report_speech(sentence, speaker, lemma):
    found = find_attribution(sentence)
    assert found is not None and (found.speaker, found.verb) == (speaker, lemma)


def test_spoke_alone_is_not_added():
    # speaking somewhere says nothing of what was said
    assert find_attribution("Roe spoke at the harbour festival on Sunday.") is None


# -- the infinitive after "tried to", "went on to", "was quick to" -------------------------

@pytest.mark.parametrize("sentence, lemma", [
    ("Roe tried to argue that the plant was safe.", "argue"),
    ("Roe went on to say that the plant was safe.", "say"),
    ("Roe was quick to add that the plant was safe.", "add"),
    ("Roe has taken to saying the plant is safe.", "say"),
    ("Roe began to explain why the plant was safe.", "explain"),
])
def test_a_speech_infinitive_after_a_control_verb_speaks_for_the_subject(sentence, lemma):
    found = find_attribution(sentence)
    assert found is not None and (found.speaker, found.verb, found.rule) == ("Roe", lemma, "subject")


@pytest.mark.parametrize("sentence", [
    "Roe is expected to argue that the plant is safe.",  # a passive before "to" still is none
    "Roe wants to say that the plant is safe.",  # an intention, not a statement
])
def test_other_infinitives_are_not_statements(sentence):
    assert find_attribution(sentence) is None


# -- forms in -s that are plural nouns; a reporter's credit line ------------------------------

@pytest.mark.parametrize("sentence", [
    "Roe has a lead in the other Western states.",
    "Coastal states swing toward the incumbent.",
    "Roe’s most significant remarks, however, were on trade.",
    "The mayor's latest reports were grim.",
    "Jane Roe reported from Kabul.",
    "Jane Roe reported from Lima, Peru.",
])
def test_plural_nouns_and_credit_lines_are_not_statements(sentence):
    assert find_attribution(sentence) is None


@pytest.mark.parametrize("sentence, speaker", [
    ("The audit states that the pier is unsafe.", "the audit"),
    ("Roe reported from the scene that the bridge had fallen.", "Roe"),
])
def test_the_same_forms_as_verbs_still_report(sentence, speaker):
    found = find_attribution(sentence)
    assert found is not None and found.speaker.lower() == speaker.lower()


# -- "state" and "continue" are speech only before what was said -----------------------------

@pytest.mark.parametrize("sentence", [
    "Roe won Ohio and her home state of Maine.",
    "Roe campaigned in the Rust Belt states that have lost factories.",
    "Roe continued campaigning on Friday with her running mate.",
    "The search for the missing boat continues in the bay.",
])
def test_state_and_continue_without_content_are_not_statements(sentence):
    assert find_attribution(sentence) is None


@pytest.mark.parametrize("masked, speaker", [
    ("Roe stated earlier this week that she would sit down with the auditors.", "Roe"),
    ("The audit states that the pier is unsafe.", "the audit"),
    ("\x00 Roe stated in a press release on Tuesday.", "Roe"),
    ("Roe continued: \x00", "Roe"),
    ("She continued that the vote had been rigged.", "she"),
])
def test_state_and_continue_before_what_was_said_still_report(masked, speaker):
    found = find_attribution(masked)
    assert found is not None and found.speaker.lower() == speaker.lower()


# -- poll shares as fractions ---------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "About half of the riders said the new timetable was worse.",
    "Even so, three-quarters of the growers said they were worried about the frost.",
    "Three-in-five harbour workers said the crane was unsafe.",
    "Two-thirds of the town's voters say the pier should be rebuilt.",
])
def test_a_fraction_of_a_group_is_an_unnamed_poll_answer(sentence):
    found = find_attribution(sentence)
    assert found is not None and found.speaker == "unnamed"


def test_a_name_is_not_a_fraction():
    assert find_attribution("Jane Half said the pier would reopen.").speaker == "Jane Half"


# -- the shape: a clause, then "said spokesman John Doe" ------------------------------

def test_a_clause_before_an_inverted_spokesman_tag():
    # "close" in the clause is a verb, not the anonymity of "a source close to"
    found = find_attribution("The plant will close in June, said spokesman John Doe.")
    assert (found.speaker, found.rule) == ("John Doe", "inverted")
    assert voices("The plant will close in June, said spokesman John Doe.") == [("reported", "John Doe")]


def test_a_source_close_to_is_still_anonymous():
    assert find_attribution("A source close to the talks said the deal was near.").speaker == "unnamed"


# -- "called" naming something further on in its clause ---------------------------------------

@pytest.mark.parametrize("masked, speaker", [
    ("Jane Roe called the plan on Sunday \x00", "Jane Roe"),
    ("Roe called him a liar.", "Roe"),
    ("Roe calls herself a democratic socialist.", "Roe"),
    ("The mayor called the closure of the pier a loss for the whole town.", "the mayor"),
])
def test_called_with_a_name_given_further_on(masked, speaker):
    found = find_attribution(masked)
    assert found is not None and found.speaker.lower() == speaker.lower() and found.verb == "call"


@pytest.mark.parametrize("sentence", [
    "The mayor called a meeting for Tuesday.",
    "Roe called her sister and they waited by the pier.",
    "Roe called the police to report the fire.",
])
def test_called_without_a_name_given(sentence):
    assert find_attribution(sentence) is None


# -- bare plural subjects; a quotation inside the speaker's apposition -------------------------

@pytest.mark.parametrize("sentence, speaker", [
    ("In Ohio, exit polls suggested that turnout was low.", "exit polls"),
    ("Sure, harbour surveys suggest that the trade peaked in 2013.", "harbour surveys"),
    ("In interviews, female growers described a hard winter.", "female growers"),
])
def test_a_bare_plural_after_an_introduction_is_a_subject(sentence, speaker):
    found = find_attribution(sentence)
    assert found is not None and found.speaker == speaker


def test_a_quotation_in_the_speakers_apposition_is_not_the_speech():
    # the comma closing the apposition sits inside the quotation marks
    sentence = "Jane Roe, host of “Harbour Talk,” suggested the ferry fares were too high."
    found = find_attribution(sentence.replace("“Harbour Talk,”", "\x00"))
    assert found.speaker == "Jane Roe" and not found.direct
    assert voices(sentence) == [("reported", "Jane Roe")]


def test_a_subject_starts_after_the_quotation_and_a_leader_is_no_share():
    found = find_attribution("\x00 Senate minority leader Jane Roe told reporters in Ohio.")
    assert (found.speaker, found.direct, found.tag) == ("Jane Roe", True, ((1, 6),))


@pytest.mark.parametrize("sentence, speaker, lemma", [
    ("Roe pointed to the cracked pier as proof of neglect.", "Roe", "point to"),
    ("A judge ordered the release of the harbour records.", "unnamed", "order"),
])
def test_pointed_to_and_ordered(sentence, speaker, lemma):
    found = find_attribution(sentence)
    assert found is not None and (found.speaker, found.verb) == (speaker, lemma)


def test_attacked_is_not_added():
    # armies attack too: the verb is left out of the lexicon
    assert find_attribution("The rebels attacked the northern town at dawn.") is None


def test_a_dash_parenthetical_closing_before_the_verb_is_dropped_from_the_subject():
    found = find_attribution("Harbour engineers — including the chief engineer, Jane Roe — have long argued "
                             "that the pier is unsafe.")
    assert found is not None and found.speaker == "Harbour engineers" and found.verb == "argue"
    found = find_attribution("The mayor — a former ferry pilot — said the pier would reopen.")
    assert found is not None and found.speaker == "the mayor"


@pytest.mark.parametrize("sentence, speaker", [
    ("Later, the harbour board released a statement saying the pier would close.", "the harbour board"),
    ("Roe put out a video urging residents to leave the coast.", "Roe"),
])
def test_a_document_saying_speaks_for_the_subject(sentence, speaker):
    found = find_attribution(sentence)
    assert found is not None and found.speaker.lower() == speaker.lower() and found.rule == "participle"


def test_a_bare_participle_has_no_subject_before_it():
    # "the board released a statement saying": "saying" has no subject of its own; the
    # main clause's subject speaks (participle), not "the board released a statement"
    found = find_attribution("The harbour board released a statement saying the pier would close.")
    assert (found.speaker, found.rule) == ("the harbour board", "participle")
    found = find_attribution("Roe, in an interview on Friday, barely touched on the pier, saying the budget mattered more.")
    assert (found.speaker, found.rule) == ("Roe", "participle")
    found = find_attribution("In three interviews, the mayor sounded off on the plan, saying it would fail.")
    assert (found.speaker, found.rule) == ("the mayor", "participle")
