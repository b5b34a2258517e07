"""Attribution and speaker shapes seen in real news, each with invented text of the
same form; expected speakers and sources are read off the text by hand."""
from __future__ import annotations

import pytest

from analysis.text.article import analyse_text
from analysis.text.attribution import find_attribution
from analysis.text.sources import ArticleSources


def speakers(*paragraphs: str):
    """(text, voice, speaker, source) of each body sentence; the first line is a headline."""
    article = analyse_text("t", "\n\n".join(("Invented headline for a test",) + paragraphs))
    return [(s.text, s.voice, s.speaker, s.source) for s in article.sentences]


# -- issue 25: a speaker with no words sank whole studies (IndexError in find_name) ------

@pytest.mark.parametrize("sentence", [
    "Secretary of State Jane Roe said Tuesday that she would travel to the region.",
    'Sen. Jane Roe (D-Minn.) explained, "We will not vote for this bill."',
    "independent Sen. Jane Roe of Maine, who sits with the majority, told reporters she would vote no.",
])
def test_titled_speakers_resolve_and_a_later_sentence_does_not_crash(sentence):
    rows = speakers("Jane Roe met voters on Monday.", sentence, "Roe said the vote would be close.")
    attributed = [r for r in rows if r[1] != "narration"]
    assert attributed, rows
    assert [r[3] for r in attributed] == ["Jane Roe"] * len(attributed)


def test_a_portfolio_title_is_not_part_of_the_name():
    assert find_attribution("Secretary of State Jane Roe said she would go.").speaker == "Jane Roe"
    assert find_attribution("Minister for Health and Care Jane Roe said so.").speaker == "Jane Roe"
    assert find_attribution("Chief of Staff John Q. Doe said so.").speaker == "John Q. Doe"
    # a title with no name after it is kept whole rather than emptied
    assert find_attribution("The Secretary of State said so.").speaker != ""


def test_a_name_with_no_words_never_becomes_an_entity():
    sources = ArticleSources()
    entity, known = sources.add_name("", "person", 0, True)
    assert not known and sources.entities == []
    # a later lookup meets no empty entity
    assert sources.find_name("Roe", "person") is None


# -- two apostrophes as double quotation marks ------------------------------------------

def test_two_apostrophes_are_read_as_double_quotation_marks():
    rows = speakers("''We will not back down,'' Ms. Roe said.",
                    "Mr. Doe said he was ''the right man'' for the job.")
    assert rows[0][1] == "quotation" and rows[0][3] == "Roe"
    assert rows[1][1] == "reported"  # a short quoted fragment inside indirect speech
    from analysis.text.quotes import find_quote_spans
    text = "''We will not back down,'' Ms. Roe said."
    spans, problems = find_quote_spans([text])
    assert [text[s.start:s.end] for s in spans] == ["''We will not back down,''"] and problems == []
    # a plural possessive next to a quote mark is not a pair of marks
    spans, _ = find_quote_spans(["The voters' view."])
    assert spans == []


# -- speakers stated by layout, and carried over a quotation --------------------------

def test_layout_speaker_before_a_colon_and_a_quotation():
    rows = speakers('Jane Roe, editor of The Example Review: "The plan fails on every count."')
    assert rows[0][1] == "quotation" and rows[0][3] == "Jane Roe"
    # a heading before a dash is not part of the speaker
    rows = speakers('POLLS ARE NOT WRONG - Jane Roe: "The polls were early, not wrong."')
    assert rows[0][3] == "Jane Roe"


def test_transcript_label_speaks_in_the_first_person_and_a_dateline_does_not():
    assert find_attribution("ROE: We will win this vote.").speaker == "Roe"
    assert find_attribution("WASHINGTON: The vote fell short on Tuesday.") is None
    # a colon after a verb's attribution stays that attribution
    assert find_attribution('Jane Roe, head of the group, tweeted and said: \x00').rule != "layout"


def test_unattributed_quotation_after_a_reported_sentence_keeps_its_speaker():
    rows = speakers('Jane Roe said the bill would fail. "It has no votes."')
    assert rows[1][1] == "quotation" and rows[1][3] == "Jane Roe"
    rows = speakers("John Doe said at the rally:", '"We will win this state."')
    assert rows[-1][3] == "John Doe"


# -- words that are never speakers, publications, "and instead argued" -----------------

def test_days_and_months_are_never_speakers():
    assert find_attribution("\x00, said Monday.") is None
    assert find_attribution("\x00 Jane Roe Sunday said.").speaker == "Jane Roe"


def test_according_to_a_publication_names_the_publication():
    found = find_attribution("The plan failed, according to a March Example Post article.")
    assert (found.speaker, found.kind, found.hint) == ("Example Post", "name", "organisation")


def test_and_instead_argued_keeps_the_subject():
    assert find_attribution("Roe met voters and instead argued that it would fail.").speaker == "Roe"


# -- questions put, and a surname ending in -ing ---------------------------------------

def test_a_question_put_is_attributed_but_a_request_is_not():
    assert find_attribution('\x00 Roe asked.').speaker == "Roe"
    found = find_attribution('\x00 he asked, referring to the vote.')
    assert (found.speaker, found.kind) == ("he", "pronoun")
    assert find_attribution("Reporters asked Roe whether the plan would fail.") is not None
    assert find_attribution("The Example Post has asked the firm to respond to the claims.") is None
    assert find_attribution("The mayor asked for calm.") is None


def test_a_surname_ending_in_ing_is_a_subject_but_an_opening_participle_is_not():
    assert find_attribution("\x00 Dowling said.").speaker == "Dowling"
    assert find_attribution("Speaking outside the court, she said it would fail.").speaker == "she"


# -- gender from first names, sentence openers ------------------------------------------

def test_he_skips_a_woman_named_by_her_first_name_and_she_skips_a_man():
    rows = speakers('Paul Doe spoke first. Elizabeth Roe said the plan would fail. "We will win," he told reporters.')
    assert rows[-1][3] == "Paul Doe"
    rows = speakers('Elizabeth Roe spoke first. Paul Doe said the plan would fail. "We will win," she said.')
    assert rows[-1][3] == "Elizabeth Roe"


def test_first_name_gender_is_given_only_for_clearly_gendered_names():
    from analysis.text.sources import first_name_gender
    assert (first_name_gender("Paul"), first_name_gender("Elizabeth")) == ("m", "f")
    assert first_name_gender("Kelly") == ""  # "mostly" female in the name list: no evidence either way
    assert first_name_gender("J") == ""  # an initial says nothing


def test_a_sentence_opener_is_not_part_of_a_name():
    rows = speakers('Jane Roe lives in the town. In Westbury the vote was close. "We will win," she said.')
    assert rows[-1][3] == "Jane Roe"


# -- a quotation before its attribution --------------------------------------------------

def test_quotation_before_its_attribution_takes_the_speaker_that_follows():
    rows = speakers('"The plan fails on every count." Jane Roe said the vote would be close.')
    assert rows[0][1] == "quotation" and rows[0][2] == "Jane Roe"
    # a next paragraph that opens with its speaker going on ('continued', 'added', 'also')
    rows = speakers('"We will win this state."', "John Doe continued, saying the crowd was the largest yet.")
    assert rows[0][2] == "John Doe"
    rows = speakers('"We will win this state."', "John Doe also said the crowd was the largest yet.")
    assert rows[0][2] == "John Doe"
    # one bringing in its speaker's next point lends it to no quotation before it (on real news
    # mostly someone else's words: 'Jeb Bush says ...' after another man's quotation)
    rows = speakers('"We will win this state."', "John Doe said the crowd was the largest yet.")
    assert rows[0][2] == ""
    # nor does a paragraph that does not open with its speaker
    rows = speakers('"We will win this state."', "At the rally, John Doe also said the crowd was large.")
    assert rows[0][2] == ""


def test_quotation_paragraph_after_reported_speech_continues_its_speaker():
    rows = speakers("Jane Roe said the plan would fail.", '"It has no votes in the chamber."')
    assert rows[-1][2] == "Jane Roe"


# -- group subjects in lower case, "even", an addressee before "that" ----------------------

def test_a_lower_case_group_after_an_opening_clause_is_an_unnamed_source():
    found = find_attribution("Since the tunnel opened in 2010, border officials say they have found ten more.")
    assert (found.speaker, found.kind) == ("unnamed", "unnamed")


def test_even_before_a_subject_and_an_addressee_before_that():
    assert find_attribution("Even the organizer of the rally said the rules were unfair.") is not None
    found = find_attribution("Roe reiterated to Example News that the plan was a mistake.")
    assert found.speaker == "Roe"
    assert find_attribution("Roe wrote to the minister about the plan.") is None


def test_a_day_ending_the_clause_before_a_participle_is_not_the_speaker():
    found = find_attribution("She sharpened her criticism on Tuesday, telling Example News that the plan fails.")
    assert (found.speaker, found.kind) == ("she", "pronoun")


def test_a_share_of_poll_respondents_is_an_unnamed_source():
    found = find_attribution("Among the voters polled, 61 percent said they had made up their minds.")
    assert (found.speaker, found.kind) == ("unnamed", "unnamed")


def test_said_to_after_a_quotation_and_called_it_before_one():
    assert find_attribution("\x00 Roe said to laughs.").speaker == "Roe"
    assert find_attribution("\x00 Roe added to the Example Post.").speaker == "Roe"
    assert find_attribution("The plan is said to be close.") is None
    assert find_attribution("Jane Roe called it \x00").speaker == "Jane Roe"
    assert find_attribution("Jane Roe called the meeting to order.") is None


def test_a_capitalised_particle_stays_inside_a_name():
    assert find_attribution("\x00 Le Roe told Example News.").speaker == "Le Roe"
    assert find_attribution("\x00 said Anna De Vries.").speaker == "Anna De Vries"


def test_a_connector_before_a_day_does_not_stay_in_the_name():
    # "on" joins names ("Committee on Budget"), but never ends one: the day after it is dropped, then "on"
    found = find_attribution("The plan was dropped, the Ministry of Health on Monday said in a statement.")
    assert (found.speaker, found.hint) == ("Ministry of Health", "organisation")
    # a connector inside the name stays
    assert find_attribution("The Committee on Budget on Friday said the plan was dead.").speaker == "Committee on Budget"


# -- a speaker stated by the layout around a quotation: a lead-in, a signature ---------

def test_a_lead_in_ending_in_a_colon_gives_the_next_quotation_paragraph_its_speaker():
    rows = speakers("When the plant closed, Gov. Jane Roe issued the following statement:",
                    '"Our thoughts are with the workers. We will help them find new jobs."')
    assert [(r[1], r[2], r[3]) for r in rows[1:]] == [("quotation", "Jane Roe", "Jane Roe")] * 2
    rows = speakers("THE POLLS WERE EARLY, NOT WRONG - Jane Roe and John Doe:",
                    '"The surveys stopped a week before the vote. Voters moved late."')
    assert {r[2] for r in rows[1:]} == {"Jane Roe and John Doe"}
    # an "it" before a colon speaks for no one, and a heading in capitals is no name
    rows = speakers("Wait, it gets better:", '"The fund was empty by March."')
    assert rows[-1][2] == ""
    rows = speakers("MORE READING:", '"The fund was empty by March."')
    assert rows[-1][2] == ""


def test_a_signature_after_a_quotation_gives_it_its_speaker():
    rows = speakers('"We did not start this fight. We will finish it."', "- Jane Roe.",
                    "The vote is on Tuesday.")
    assert [(r[1], r[2]) for r in rows] == [("quotation", "Jane Roe")] * 2 + [("narration", "")] * 2
    found = find_attribution("\x00 ― John Doe, mayor of Springfield, speaking after the vote.")
    assert (found.speaker, found.rule) == ("John Doe", "layout")
    # a dash and words that are no name, or a sentence with a verb of its own, sign nothing
    assert find_attribution("\x00 - exchange during a hearing on the budget") is None
    assert find_attribution("\x00 - The Associated Press contributed to this report.") is None
    rows = speakers('"We did not start this fight."', "- and the crowd cheered.")
    assert rows[0][2] == ""


def test_a_quotation_carries_its_speaker_past_a_partly_quoted_sentence():
    # the tag lost its verb ('..." Roe from her desk.'): the quotation still speaks for Roe,
    # and the next quotation of the paragraph goes on with her
    rows = speakers('Jane Roe said the count was wrong. "They moved the boxes. We saw it," Roe from her desk. '
                    '"Nobody told us. We will sue."')
    assert [r[2] for r in rows[1:]] == ["Jane Roe"] * 4
    # a partly quoted sentence after an attributed one in the same paragraph goes on with it
    rows = speakers('"We thought only the mayor was careless," said Jane Roe. The council "made it worse. '
                    'This was avoidable."')
    assert [r[2] for r in rows] == ["Jane Roe"] * 3
    # but not into the next paragraph, where narration quoting a phrase is the outlet's own
    rows = speakers('"We thought only the mayor was careless," said Jane Roe.',
                    'The council\'s plan, "a fix," failed on Monday.')
    assert rows[-1][2] == ""


def test_a_tag_set_off_by_commas_names_the_speaker_after_its_verb():
    found = find_attribution("The paradox of the plan, says Jane Roe, a historian at the institute, is that it works.")
    assert (found.speaker, found.kind) == ("Jane Roe", "name")
    # a named subject keeps its verb, and a pronoun tag is the pronoun
    assert find_attribution("Jane Roe, 52, said John Doe, the mayor, had lied.").speaker == "Jane Roe"
    assert find_attribution("The mayor, she said, has lied.").speaker == "she"


def test_a_possessive_head_takes_a_one_word_name_in_apposition():
    assert find_attribution("Roe's son, Grant, said the plan failed.").speaker == "Grant"
    assert find_attribution("Her husband, Bill, said the plan failed.").speaker == "Bill"


def test_the_sentences_of_a_transcript_turn_are_its_speakers():
    rows = speakers("ROE: We will not back down. The vote is ours.", "DOE: Thank you. That was the governor.",
                    "The interview ended there.")
    assert [(r[1], r[2]) for r in rows] == [("reported", "Roe")] * 2 + [("reported", "Doe")] * 2 + [("narration", "")]


def test_from_or_more_from_may_open_a_layout_speaker():
    assert find_attribution('From Jane Roe: \x00').speaker == "Jane Roe"
    assert find_attribution('Polls were early - More from Roe: \x00').speaker == "Roe"
    assert find_attribution('From the report: \x00') is None


def test_a_korean_given_name_is_part_of_the_name():
    rows = speakers("Ban Ki-moon, the secretary general, sat in the hotel.",
                    '"That was difficult," Ban recalled. He said it was hard. Ex-wife Jane Roe said no.')
    assert [r[3] for r in rows[1:]] == ["Ban Ki-moon", "Ban Ki-moon", "Jane Roe"]
