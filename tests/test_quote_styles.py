"""Quotation marks of two styles, one inside the other, as pasted statements have them:
straight marks round the statement, curly ones round a phrase it quotes (or the other
way round).  Invented text of the shape seen in real news; expected spans and speakers
read off the text by hand."""
from __future__ import annotations

from analysis.text.article import analyse_text
from analysis.text.quotes import find_quote_spans


def _quoted(paragraphs, spans, depth):
    return [paragraphs[s.paragraph][s.start:s.end] for s in spans if s.depth == depth]


def test_curly_marks_inside_a_straight_quotation_nest():
    paragraphs = ['"The agency is not about “fair play” any more," she said.']
    spans, problems = find_quote_spans(paragraphs)
    assert _quoted(paragraphs, spans, 0) == ['"The agency is not about “fair play” any more,"']
    assert _quoted(paragraphs, spans, 1) == ["“fair play”"]
    assert problems == []


def test_straight_marks_inside_a_curly_quotation_nest():
    paragraphs = ['“The agency is not about "fair play" any more,” she said.']
    spans, problems = find_quote_spans(paragraphs)
    assert _quoted(paragraphs, spans, 0) == ['“The agency is not about "fair play" any more,”']
    assert _quoted(paragraphs, spans, 1) == ['"fair play"']
    assert problems == []


def test_an_opening_mark_of_the_same_style_still_closes_an_unclosed_quotation():
    # a second opening curly mark while one is open: the first was never closed
    paragraphs = ["“We will win, Roe said. “We always do,” Doe said."]
    spans, problems = find_quote_spans(paragraphs)
    assert [s.depth for s in spans] == [0, 0]
    assert problems


def test_a_statement_over_several_paragraphs_with_nested_curly_quotes_keeps_its_speaker():
    text = "\n\n".join([
        "Invented headline for a test",
        "Jane Roe stated:",
        '"The agency is not about “fair play” any more. It serves one vision now.',
        '"The latest step is a suit over its “rule,” which lets owners decide. It must end.',
        '"We will stop it at the door."',
    ])
    sentences = analyse_text("t", text).sentences
    quoted = [s for s in sentences if s.text.startswith(('"', "It ", "We "))]
    assert len(quoted) == 5
    assert [s.voice for s in quoted] == ["quotation"] * 5
    assert [s.speaker for s in quoted] == ["Jane Roe"] * 5


def test_two_marks_of_two_styles_side_by_side_do_not_nest():
    # a stray straight mark doubling a curly one wraps nothing: the curly quotation is the quote
    text = '"“We will win this vote,” Jane Roe said on Monday."'
    spans, _ = find_quote_spans([text])
    assert "“We will win this vote,”" in _quoted([text], spans, 0)
    sentence = analyse_text("t", "Invented headline for a test\n\n" + text).sentences[0]
    assert sentence.speaker == "Jane Roe"


def test_an_opening_curly_mark_where_a_closing_one_belongs_closes():
    # a typo in the source: the closing mark faces the wrong way ('here,“ said ...')
    text = "“The plan will fail on every count,“ said Jane Roe, a council member."
    spans, _ = find_quote_spans([text])
    assert _quoted([text], spans, 0) == ["“The plan will fail on every count,“"]
    sentence = analyse_text("t", "Invented headline for a test\n\n" + text).sentences[0]
    assert (sentence.voice, sentence.speaker) == ("quotation", "Jane Roe")
    # an opening mark after a space still opens
    text = "Roe said “no” and left."
    spans, _ = find_quote_spans([text])
    assert _quoted([text], spans, 0) == ["“no”"]


def test_a_curly_quotation_after_an_unclosed_straight_one_is_not_held_in_it():
    # nothing closes the straight mark: it was never closed, so the curly quotation stands alone
    text = '"We will win, Jane Roe said. “We always do,” John Doe said.'
    spans, _ = find_quote_spans([text])
    assert "“We always do,”" in _quoted([text], spans, 0)
    # a wrong-way mark right after another mark doubles it and opens
    text = '"“ We will win,” she said.'
    spans, _ = find_quote_spans([text])
    assert any(q.endswith("We will win,”") for q in _quoted([text], spans, 0))


def test_two_phrases_quoted_in_one_statement_both_nest():
    text = '"The plan is “fair” and “final,” and we will keep it," she said.'
    spans, problems = find_quote_spans([text])
    assert _quoted([text], spans, 0) == ['"The plan is “fair” and “final,” and we will keep it,"']
    assert _quoted([text], spans, 1) == ["“fair”", "“final,”"]
    assert problems == []
