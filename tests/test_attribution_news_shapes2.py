"""Invented sentences of shapes seen in real news (issue #26), each with the speaker a
reader would name; the quotation is replaced by the placeholder as the pipeline does."""
import pytest

from analysis.text.attribution import QUOTE_PLACEHOLDER as Q, find_attribution

CASES = [
    # an inverted tag followed by where it was said
    (f"{Q} said Jane Roe in a statement.", "Jane Roe", "name"),
    (f"{Q} said Governor Alan Pike during a visit to the plant.", "Alan Pike", "name"),
    (f"{Q} said the chief adviser to Mayor Ruth Vale.", "the chief adviser", "description"),
    (f"{Q} said Roe as she left the stage.", "Roe", "name"),
    # a first name that is also a modal verb, a surname that is one
    (f"{Q} said Will Farrow, a lecturer in economics at Lakeside College in Dover.", "Will Farrow", "name"),
    ("Cara May said the plan would fail.", "Cara May", "name"),
    # "Majority Leader" is a title, not a share of a poll
    ("House Majority Leader Tom Reed says he spoke to the governor.", "Tom Reed", "name"),
    # the spokesperson's own name after the role
    (f"Spokeswoman Dana Holt says the campaign has {Q}.", "Dana Holt", "name"),
    # a verb of statement that needs "that" elsewhere, right after a quotation
    (f"{Q} declared Senator Paul Ames, a Republican of Utah, who backed the bill.", "Paul Ames", "name"),
    (f"{Q} added another Vermont Democrat.", "another Vermont Democrat", "description"),
    (f"{Q} Roe shot back.", "Roe", "name"),
    (f"{Q} he mocked.", "he", "pronoun"),
]


@pytest.mark.parametrize("text,speaker,kind", CASES)
def test_news_shapes(text, speaker, kind):
    found = find_attribution(text)
    assert found is not None
    assert (found.speaker, found.kind) == (speaker, kind)


@pytest.mark.parametrize("text", [
    "The company added another factory last year.",      # "added" with an object, no quotation
    "Critics of the plan will meet on Monday.",          # "will" in lower case still blocks a subject
    "The firm charged a fee for the service.",          # "charged" without "that"
])
def test_not_attributions(text):
    assert find_attribution(text) is None


@pytest.mark.parametrize("text,speaker", [
    (f"In response, Roe wrote to the council: {Q}", "Roe"),
    (f"But Roe was far less upbeat: {Q}.", "Roe"),
    (f"Roe paused, then leaned in and boomed: {Q}", "Roe"),
    (f"She also played up her record in office: {Q}", "she"),
])
def test_colon_intro_speaks_for_its_subject(text, speaker):
    found = find_attribution(text)
    assert found is not None and found.speaker == speaker


@pytest.mark.parametrize("text", [f"Here is the statement: {Q}", f"Partial transcript as follows: {Q}",
                                  f"The reason is simple: {Q}"])
def test_colon_intro_without_a_subject(text):
    assert find_attribution(text) is None


@pytest.mark.parametrize("text,speaker", [
    ("But Roe is suggesting she beat expectations.", "Roe"),               # progressive, not passive
    ("Other aides have been urging the mayor to resign, saying the city needs a change.", "unnamed"),
    ("Roe did not claim that the count was wrong.", "Roe"),                # negated, with its content
    ("I can now say that the plan worked.", "I"),                           # a modal before the verb
])
def test_verb_groups_before_the_speech_verb(text, speaker):
    found = find_attribution(text)
    assert found is not None and found.speaker == speaker


@pytest.mark.parametrize("text", [
    "The plan is expected to fail.",                      # passive
    "It was said that the plan failed.",                  # passive, no speaker
    "Roe did not respond to a request for comment.",      # a refusal reports nothing
    "It did not say how many people were affected.",
])
def test_passives_and_refusals_are_not_attributions(text):
    assert find_attribution(text) is None
