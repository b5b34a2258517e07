"""Real-news shapes (PolNeAR train, issue 26), eighth set: each on an INVENTED text of the same
form; the expected sources are read off the text by hand."""
from __future__ import annotations

from conftest import sources_of


def test_a_relative_named_by_first_name_alone_is_who_she_means():
    # "his wife, Jane,": a person named by a first name alone, after the relation that says who
    # she is; a man whose first name says nothing of his sex spoke before her
    sources = sources_of(
        "Sen. Terry Roe toured the state on Monday, and Roe said the tour went well.",
        "But his wife, Jane, offered a preview of his thinking in an interview.",
        '"If he wins, he will keep going," she said.')
    assert sources == ["Terry Roe", "", "Jane"]
    # the first name stays a person's only after a relation: "the firm, Acme," is no one
    sources = sources_of(
        "Sen. Terry Roe toured the state on Monday, and Roe said the tour went well.",
        "But the project, Jane, was shelved.",
        '"We will keep going," he said.')
    assert sources == ["Terry Roe", "", "Terry Roe"]


def test_a_relative_named_by_first_name_is_the_same_person_when_named_in_full():
    # "her husband, Tom," and later "Tom Roe": one person, known by his full name from then on
    sources = sources_of(
        "Jane Roe and her husband, Tom, were greeted at the door.",
        '"It goes in one ear and out the other," Tom Roe said of the scandals.',
        '"She is a friend," Tom told a neighbour.')
    assert sources == ["", "Tom Roe", "Tom Roe"]


def test_a_person_named_again_by_surname_alone_is_mentioned_again():
    # "Roe" alone is Jane Roe named again, and more recently than the man who opened the
    # sentence before; his first name says nothing of his sex, hers does
    sources = sources_of(
        "Sen. Chris Doe and Jane Roe debated on Monday.",
        "Doe also did not hold back.",
        "Two weeks after Roe lost her cool on a rope line, jabbing her finger at an activist as she"
        ' angrily said, "I am so sick of it."')
    assert sources[2] == "Jane Roe"


def test_the_subject_of_a_question_answers_it():
    # "Was Roe satisfied with Doe's answer?": Roe opens the question, after "Was", and answers it
    sources = sources_of(
        "At a coffee shop last month, Tom Roe told Sen. Mark Doe about his job.",
        "But Doe only briefly explained the visa rules, citing Canada's efforts.",
        "Was Roe satisfied with Doe's response?",
        '"To a point," he said.')
    assert sources[3] == "Tom Roe"
