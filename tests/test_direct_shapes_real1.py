"""Real-news shapes (PolNeAR train, issue 26): marks that are no direct quotation, each on an
INVENTED text of the same form, with a real quotation of a like shape that must stay one."""
from __future__ import annotations

from analysis.text.article import analyse_text
from analysis.text.quotes import find_quote_spans


def _voices(*paragraphs):
    text = "\n\n".join(["Invented headline for a test", *paragraphs])
    return [s.voice for s in analyse_text("t", text).sentences]


def test_an_elided_year_or_decade_opens_no_quotation():
    # '80s, ‘08: the mark stands for the century left out, as in ’90s, and quotes nothing
    assert _voices("Jane Roe grew up in the 1970s and '80s in Springfield, where she went to school.") \
        == ["narration"]
    assert _voices("Rep. John Doe said in ‘08 that the harbour vote had shifted the town.") == ["reported"]
    assert find_quote_spans(["The boom of the late '70s drew crowds to the pier every week."])[0] == []


def test_a_quotation_opening_with_a_longer_number_or_holding_a_decade_stays_one():
    assert _voices("‘2020 is our year, and nobody will take it from us,’ Jane Roe said.") == ["quotation"]
    assert _voices('"We grew up in the \'80s and we remember the pier," Jane Roe said.') == ["quotation"]


def test_the_values_of_markup_attributes_are_no_quotation():
    # a pasted post keeps its markup: id="..." author="..." are values, not words anyone said
    paragraph = '<post id="8812" author="@janeroe" date="2016-03-01">The harbour opens at noon today.</post>'
    assert find_quote_spans([paragraph])[0] == []
    assert _voices(paragraph) == ["narration"]


def test_a_quotation_after_an_equals_sign_in_prose_stays_one():
    # only a value written hard against its name and "=" is markup: prose spaces the sign
    assert _voices('More jobs = "a better town for all of us, and a safer one," Jane Roe said.') == ["quotation"]


def test_a_few_words_in_scare_quotes_with_no_one_speaking_are_narration():
    # terms, titles and scare quotes of one or two words, no speaker and no speech verb anywhere:
    # the outlet's own sentence, however short
    assert _voices("The town spent $5,000 on “survey work” and “donor lists” through the end of June.") \
        == ["narration"]
    assert _voices("So what is doing “well”?") == ["narration"]
    assert _voices("In ''Example Review,'' John Doe gets into the spirit.") == ["narration"]


def test_short_quoted_words_that_someone_says_stay_partly_quoted():
    # attributed, after a speech verb, or going on from the speaker before: a quotation still
    assert _voices("Jane Roe called the plan a “total disgrace.”") == ["mixed"]
    assert _voices("What the mayor called “a disgrace” is gone.") == ["mixed"]
    assert _voices("Jane Roe said the pier was closing on Monday. It was “a disgrace.”") \
        == ["reported", "mixed"]
    # words named as someone's, a cry, or more than two words (numbers count): left as they were
    assert _voices("Few in town liked the phrase “harbour first.”") == ["mixed"]
    assert _voices("The crowd on the pier roared “Never again!”") == ["mixed"]
    assert _voices('The "90 to 95 percent" figure came from the town hall.') == ["mixed"]


def test_a_headline_cited_with_its_author_is_a_title_not_a_quotation():
    # a roundup's item: the linked story's headline, its byline, a colon; no one speaks
    assert _voices('HARBOUR NEWS—"The old pier will close at the end of June after ninety years," '
                   "by The Example Review's Jane Roe:") == ["narration"]


def test_a_long_quotation_without_a_byline_stays_partly_quoted():
    assert _voices('HARBOUR NEWS—"The old pier will close at the end of June after ninety years," '
                   "the sign on the gate read.") == ["mixed"]


def test_an_opening_single_mark_between_letters_is_an_apostrophe():
    # 'the Harbour Party‘s nominee': the possessive typed with the opening mark quotes nothing
    assert _voices("Jane Roe became the Harbour Party‘s nominee for mayor on Tuesday night.") == ["narration"]
    assert find_quote_spans(["The council‘s vote on the pier is set for June."])[0] == []


def test_an_opening_single_mark_after_a_space_still_opens_a_quotation():
    assert _voices("‘We will not sell the pier to anyone,’ Jane Roe said.") == ["quotation"]
    assert _voices("Jane Roe said the council‘s plan was ‘a disgrace to all of us and to the town.’") \
        == ["mixed"]
