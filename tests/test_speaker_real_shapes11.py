"""Real-news shapes (PolNeAR train, issue 26), eleventh set: pronoun and description speakers, each on
an INVENTED text of the same form; the expected sources are read off the text by hand."""
from __future__ import annotations

from conftest import sources_of


def test_the_company_is_a_body_known_by_one_word_that_just_spoke():
    # "Zentrix said ... The company says ...": a one-word name with no business word is no known
    # business, yet it is the body that spoke just before, and "the company" means it
    sources = sources_of(
        "Zentrix keeps its own accounts private but says its sales have doubled.",
        "The company says its larger staff helped it find more buyers than Jane Roe did.")
    assert sources[1] == "Zentrix"
    # a one-word body that spoke long before is not guessed: "the company" stays unresolved
    sources = sources_of(
        "Zentrix keeps its own accounts private but says its sales have doubled.",
        "The harbour has been busy for years.",
        "Ships come and go all day.",
        "Many sailors live nearby.",
        "The company says its larger staff helped it find more buyers.")
    assert sources[4] == ""
