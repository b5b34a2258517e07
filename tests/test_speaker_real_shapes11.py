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


def test_the_statement_is_its_author_who_just_spoke_in_it():
    # "In a statement, Park said ... '...,' the statement said": no body stands
    # behind "the statement", but the one who spoke in a statement the sentence before wrote it
    sources = sources_of(
        "On Thursday, Kim Park announced that John Doe would run the harbour office.",
        'In a statement, Park said that "she is handing the office" to Doe.',
        '"Mr. Doe will run the office from Monday," the statement said.')
    assert sources[2] == "Kim Park"
    # a statement nobody spoke in just before is not guessed
    sources = sources_of(
        "On Thursday, Kim Park announced that John Doe would run the harbour office.",
        "The harbour has been busy for years.",
        "Ships come and go all day.",
        '"Mr. Doe will run the office from Monday," the statement said.')
    assert sources[3] == ""


def test_the_statement_is_its_author_who_just_released_it():
    # "Roe released a statement condemning ...": the statement then quoted is hers, as one she spoke in
    sources = sources_of(
        "The pier collapsed on Monday.",
        'In Dayton, Mayor Jane Roe released a statement on Monday condemning "a terrible failure."',
        "She said she had asked engineers to inspect every pier in the city.",
        '"We stand with the families of the injured," the statement said.')
    assert sources[3] == "Jane Roe"
    # a statement she only read is not hers
    sources = sources_of(
        "The pier collapsed on Monday.",
        "Mayor Jane Roe said on Monday that she had not yet read a statement from the builder.",
        "She said she had asked engineers to inspect every pier in the city.",
        '"We stand with the families of the injured," the statement said.')
    assert sources[3] == ""


def test_the_senator_after_a_clause_ending_in_a_colon_is_its_subject():
    # "Roe defends her record in an ad: '...,' the senator says": the clause before the colon
    # introduced the quotation, so its subject is the senator, not the one who spoke before
    sources = sources_of(
        '"She is a weak choice," Mark Doe said on Monday.',
        "Doe said he would vote against her.",
        'Jane Roe defends her record in an ad running on local radio: "I fought for this harbour,"'
        " the senator says.")
    assert sources[2] == "Jane Roe"
    # a tag right after the words it reports keeps the last speaker, though a person is named after it
    sources = sources_of(
        '"She is a weak choice," Mark Doe said on Monday.',
        "Doe said he would vote against her.",
        '"I fought for this harbour," the senator said of Jane Roe.')
    assert sources[2] == "Mark Doe"


def test_she_is_the_subject_of_what_others_say():
    # "..., aides say Jane Roe also advises ...": no person opens the sentence, but the clause the aides
    # report opens with Roe, who is who the sentence is about; the next "she said" is hers, not that of
    # the woman who spoke before
    sources = sources_of(
        '"Leaders know their partners," said Susan Park, a professor at Acme College.',
        "In addition to her own work, aides say Jane Roe also advises the mayor on the harbour.",
        '"Every worker deserves a fair wage," she said at the rally.')
    assert sources[2] == "Jane Roe"
    # a person named further into what they say is no subject: the woman who spoke before is "she"
    sources = sources_of(
        '"Leaders know their partners," said Susan Park, a professor at Acme College.',
        "In addition to her own work, aides say the harbour plan helps Jane Roe.",
        '"Every worker deserves a fair wage," she said at the rally.')
    assert sources[2] == "Susan Park"


def test_he_after_a_clause_and_a_comma_before_the_quotation_is_its_subject():
    # "Roe weighed in, telling reporters, '...,' he said": the clause before the quotation, its
    # subject a person, introduced it, as a clause ending in a colon does
    sources = sources_of(
        '"The plan is dead," Mark Doe said on Monday.',
        'John Roe weighed in as well, telling reporters on Tuesday, "The plan will pass," he said.')
    assert sources[1] == "John Roe"
    # a phrase put first, naming a man, is no clause introducing the quotation: the last man who spoke
    # said it
    sources = sources_of(
        '"The plan is dead," Mark Doe said on Monday.',
        'Of John Roe, "He will lose," he said.')
    assert sources[1] == "Mark Doe"


def test_the_campaign_with_none_named_is_the_campaign_of_the_last_person():
    # no campaign was named: "the campaign" is the campaign of the candidate the article is about,
    # named as the press names it, after her surname
    sources = sources_of(
        "Jane Roe has made the harbour the centre of her run for mayor.",
        "She said on Monday that the pier must be rebuilt.",
        '"The harbour is our future," the campaign wrote on Tuesday.')
    assert sources[2] == "Roe campaign"
    # a campaign named before is still the one "the campaign" means
    sources = sources_of(
        "The Doe campaign said on Monday that the pier must be rebuilt.",
        "Jane Roe has made the harbour the centre of her run for mayor.",
        '"The harbour is our future," the campaign wrote on Tuesday.')
    assert sources[2] == "Doe campaign"
