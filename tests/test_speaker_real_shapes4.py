"""Speaker shapes from real news (PolNeAR train, issue 26), fourth set: each on an INVENTED
sentence of the same form; the expected speaker is read off the sentence by hand."""
from __future__ import annotations

import pytest

from analysis.text.attribution import QUOTE_PLACEHOLDER as Q, find_attribution
from conftest import speaker


# -- a speaker stated by layout: a party tag or a role before the name -------------------

@pytest.mark.parametrize("sentence, expected", [
    # a parenthesised party and state tag after the name, before the colon
    (f"Rep. Jane Roe (R-S.C.):{Q}", "Jane Roe"),
    (f"Sen. John Doe (D-N.Y.): {Q}", "John Doe"),
    # lower-case role words before the name
    (f"Former secretary of state Jane Roe:{Q}", "Jane Roe"),
    (f"Harbour master John Doe: {Q}", "John Doe"),
])
def test_layout_speaker_with_a_tag_or_a_role(sentence, expected):
    found = find_attribution(sentence)
    assert found is not None and found.speaker == expected and found.rule == "layout"


@pytest.mark.parametrize("sentence", [
    f"The ad then shows Jane Roe: {Q}",            # a verb before the name: not a label
    f"A statement from the Example Review: {Q}",   # a determiner: a description, no label
    f"In the end it came down to Jane Roe: {Q}",
])
def test_no_layout_speaker_after_a_verb_or_a_determiner(sentence):
    found = find_attribution(sentence)
    assert found is None or found.rule != "layout"


# -- a parenthesised party tag after a name is no speaker, and no wall --------------------

@pytest.mark.parametrize("sentence, expected", [
    # the name before the tag is the subject of a coordinated speech verb
    ("In a sharp attack on the plan, Sen. Jane Roe (I-Vt.) called it reckless and accused the board of "
     "hiding the cost.", "Jane Roe"),
    ("Rep. John Doe (R-Ohio) stood up and said the pier was unsafe.", "John Doe"),
])
def test_subject_before_a_party_tag_and_a_coordinated_verb(sentence, expected):
    assert speaker(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # the tag is read back to the name before it, whatever opens the sentence
    ("The pier may close before winter. Sen. John Doe (R-Texas) told a reporter on Monday that he "
     "expected it.", "John Doe"),
    ("At the party's spring convention Sen. Jane Roe (D-Mass.) said the mayor was unfit.", "Jane Roe"),
    ("The row spread to the harbour board, where Board Chair John Q. Doe (D-Nev.) told reporters that "
     "he had seen the report.", "John Q. Doe"),
])
def test_a_party_tag_is_never_the_speaker(sentence, expected):
    assert speaker(sentence) == expected


# -- a word capitalised only as the sentence's first is never a first name --------------

def test_an_opening_preposition_or_quantifier_is_no_first_name():
    # "Besides Roe's ...", "Several Roe aides ...", "Does Doe ...": "Besides Roe" is no
    # person, so "she" stays with Jane Roe (and "Does Doe" never becomes Doe's name)
    from conftest import resolve, said
    out = resolve(
        ("Jane Roe said the pier would reopen.", said("Jane Roe", "name", "person")),
        ("Besides Roe's plan, no other plan has been costed.", None),
        ("\x00, she said.", said("she", "pronoun")),
        ("Several Roe aides have named the harbour as a priority.", None),
        ("\x00, she added.", said("she", "pronoun")),
        ("Does Doe have a plan?", None),
        ("\x00, John Doe said.", said("John Doe", "name", "person")),
    )
    assert out[2] == ("Jane Roe", "person")
    assert out[4] == ("Jane Roe", "person")
    assert out[6] == ("John Doe", "person")


# -- "he"/"she" with nobody of their gender speaking before: the sentence's own subject ----

def test_first_he_is_the_named_subject_of_its_own_sentence():
    # nobody has spoken yet; Mark Poe is only named. In the tag "..., he said" the man
    # whose name opens the sentence is the likelier speaker
    from conftest import resolve, said
    out = resolve(
        ("The pier plan was drawn up for Mark Poe's firm.", None),
        ("Former Sen. John Doe backed the plan at first, he said on Monday.", said("he", "pronoun")),
        ("\x00, he added.", said("he", "pronoun")),
    )
    assert out[1] == ("John Doe", "person")
    assert out[2] == ("John Doe", "person")


def test_first_he_without_a_named_subject_keeps_the_last_man_named():
    from conftest import resolve, said
    out = resolve(
        ("The pier plan was drawn up by Mark Poe.", None),
        ("He said his brother John Doe backed the plan.", said("He", "pronoun")),
    )
    assert out[1] == ("Mark Poe", "person")


# -- a definite description used again, after another person opened a sentence -------------

def test_the_senator_again_is_the_senator_who_just_opened_a_sentence():
    from conftest import resolve, said
    out = resolve(
        ("Sen. John Doe said the pier would close.", said("Sen. John Doe", "name", "person")),
        ("\x00, the senator said.", said("the senator", "description")),
        ("Sen. Mark Poe toured the docks on Monday.", None),
        ("\x00, the senator said of the cranes.", said("the senator", "description")),
    )
    assert out[1] == ("John Doe", "person")
    assert out[3] == ("Mark Poe", "person")


# -- two people joined by "and" are two mentions ------------------------------------------

def test_the_second_of_two_people_joined_by_and_is_known():
    from conftest import resolve, said
    out = resolve(
        ("Jane Roe said the pier would close.", said("Jane Roe", "name", "person")),
        ("The other candidates are John Doe and Mary Poe.", None),
        ("Poe toured the docks on Monday.", None),
        ("\x00, she said.", said("she", "pronoun")),
    )
    assert out[3] == ("Mary Poe", "person")


# -- a possessive opening a sentence is not its subject -----------------------------------

def test_a_possessive_name_opening_the_sentence_is_not_its_subject():
    # "Doe's plan may be strategic, said Mark Poe": Poe speaks; Doe owns the subject but is
    # not it, so "he said" after it is still Poe
    from conftest import resolve, said
    out = resolve(
        ("Mark Doe spoke at the harbour on Monday.", None),
        ("Doe's plan may be \x00, said Mark Poe, a professor of planning.", said("Mark Poe", "name", "person")),
        ("\x00, he said.", said("he", "pronoun")),
    )
    assert out[2] == ("Mark Poe", "person")


# -- the speaker of a sentence comes before the person it is about -------------------------

def test_he_is_the_speaker_of_the_sentence_before_not_its_subject():
    # "Mark Doe is dangerous, John Roe said. '...,' he added.": in the sentence before, Doe
    # opens the clause but Roe speaks; "he" goes on with the speaker
    from conftest import resolve, said
    out = resolve(
        ("Mark Doe announced his bid on Monday.", None),
        ("John Roe disagreed.", None),
        ("Doe is a danger to the harbour, John Roe said.", said("John Roe", "name", "person")),
        ("\x00, he added.", said("he", "pronoun")),
    )
    assert out[3] == ("John Roe", "person")


# -- a publication or poll of a named body is that body, not an unnamed source ---------------

@pytest.mark.parametrize("sentence, expected", [
    ("Roe leads Doe by five points, according to an Example Press-GfK poll released Monday.",
     "Example Press-GfK"),
    ("Roe leads Doe in Ohio by six points, according to a Pollwatch average of recent polls.", "Pollwatch"),
    ("Roe tripled the rent, according to an Example Post review of election filings.", "Example Post"),
    ("As another Example Research study from 2011 noted, the average age was 18.", "Example Research"),
    ("A new Example Times poll released Monday found that Roe was ahead.", "Example Times"),
])
def test_a_publication_of_a_named_body(sentence, expected):
    found = find_attribution(sentence)
    assert found is not None and (found.speaker, found.kind) == (expected, "name")


@pytest.mark.parametrize("sentence, expected", [
    # no name before the publication noun: as before
    ("Young voters favour Roe, according to a new poll from the Example Institute.", "Example Institute"),
    ("Roe leads, according to a new nationwide poll.", "unnamed"),
])
def test_a_publication_without_a_name_before_it(sentence, expected):
    assert speaker(sentence) == expected


# -- a speaker's own infinitive of speech after a verb of prompting or interrupting ----------

@pytest.mark.parametrize("sentence, expected", [
    ("After an hour of calm debate, Jane Roe was prompted to say, " + Q, "Jane Roe"),
    ("Roe, who signed the harbour law as governor, interjected to say: " + Q, "Roe"),
    ("The Example Review columnist John Doe went so far as to say: " + Q, "John Doe"),
    ("Roe went so far as to say that the pier was unsafe.", "Roe"),
    ("He began by saying, " + Q, "he"),
])
def test_speech_after_a_verb_of_prompting(sentence, expected):
    assert speaker(sentence) == expected


# -- a name whose apposition calls it a body is an organisation ------------------------------

def test_a_name_in_apposition_to_an_agency_is_an_organisation():
    found = find_attribution(Q + " Exwire, the official Ruritanian news agency, wrote in a commentary.")
    assert (found.speaker, found.kind, found.hint) == ("Exwire", "name", "organisation")
    found = find_attribution("Norvale, the Canadian miner, said profits fell.")
    assert (found.speaker, found.hint) == ("Norvale", "organisation")
    # a person's apposition keeps the person
    found = find_attribution("Roe, the agency's founder, said profits fell.")
    assert (found.speaker, found.hint) == ("Roe", "person")


def test_he_after_an_agency_speaks_is_the_man_before_it():
    from conftest import resolve, said
    out = resolve(
        ("Admiral John Doe said the fleet was ready.", said("John Doe", "name", "person")),
        ("\x00, Exwire, the official news agency, wrote.", said("Exwire", "name", "organisation")),
        ("\x00, he said.", said("he", "pronoun")),
    )
    assert out[2] == ("John Doe", "person")


# -- a result clause ("so calm that ...") opens a clause of its own ---------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("But the hearing was so calm that Jane Roe was prompted to say, " + Q, "Jane Roe"),
    ("The crowd grew so loud that the mayor said she would stop.", "the mayor"),
])
def test_a_result_clause_opens_a_clause(sentence, expected):
    assert speaker(sentence) == expected


# -- an adjective that is also a newspaper's name does not make a body ------------------------

def test_the_independent_senator_is_a_person_description():
    found = find_attribution(Q + ", the independent Vermont senator said.")
    assert (found.speaker, found.kind, found.hint) == ("the independent Vermont senator", "description", "")
    from conftest import resolve, said
    out = resolve(
        ("Sen. John Doe said the pier was safe.", said("Sen. John Doe", "name", "person")),
        ("\x00, the independent Vermont senator said.", found),
    )
    assert out[1] == ("John Doe", "person")
    # the capitalised name of a newspaper still says organisation
    assert find_attribution("The Example Independent newspaper said the pier was safe.").hint == "organisation"


@pytest.mark.parametrize("sentence", [
    # a bracket after capitalised words that make no name (found by a random battery):
    # no speaker is looked for there, and nothing crashes
    "that The ( I Roe ) of said",
    "“ The ( , ) But \x00 Jane But said",
    ": The The ( ) : said ROE said He",
    "The A ( ) — : R-Texas said and 's",
])
def test_a_bracket_after_words_that_make_no_name_does_not_crash(sentence):
    find_attribution(sentence)  # raised IndexError before


def test_the_name_before_a_party_tag_is_the_one_right_before_it():
    # the name ending right before the bracket, not an earlier one
    assert speaker("Jane Roe met them, and Sen. John Doe (D-N.Y.) told reporters it was fine.") == "John Doe"
