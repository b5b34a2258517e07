"""The attribution rule engines are ordered tuples of named passes (issue #24 item 6).

Each pass is a small function whose docstring names the shape of English it reads; the
order of a tuple is its behaviour, so the order is pinned here.  The invented phrases
below go to the pass worked out by hand from the words (which pass comes first that
applies to them), with the speaker read off the words by hand."""
from __future__ import annotations

import inspect

import pytest

from analysis.text import attribution as at
from analysis.text.attribution import (ACCORDING_PASSES, LAYOUT_PASSES, QUOTE_PLACEHOLDER as Q, SUBJECT_PASSES,
                                       VERB_FINDERS, VERB_VETOES, Attribution, VerbUse, decide_subject,
                                       find_attribution, speech_verbs, tokenize)

ORDERS = {
    "SUBJECT_PASSES": (SUBJECT_PASSES, [
        "_nothing_left", "_lone_pronoun", "_only_a_date", "_head_missing_or_long", "_restrictive_relative",
        "_anonymous_source", "_poll_share", "_clause_word_in_head", "_quotation_in_head", "_lone_number",
        "_no_noun_phrase_opening", "_participle_opening", "_preposition_opening", "_ends_in_verb", "_spokesperson",
        "_anonymous_in_apposition", "_place_after_head_noun", "_publication_of_a_body", "_name_ends_head",
        "_name_in_apposition",
        "_vague_group", "_body_staff", "_description"]),
    "VERB_VETOES": (VERB_VETOES, [
        "_inside_a_name", "_passive_or_noun", "_to_no_addressee", "_written_or_said_to", "_added_a_thing",
        "_tells_a_story", "_belief_without_that", "_called_without_quotation", "_asked_a_request",
        "_quoted_without_as_saying", "_won_not_said"]),
    "ACCORDING_PASSES": (ACCORDING_PASSES, [
        "_named_publication", "_body_behind_data", "_name_ends_phrase", "_subject_phrase", "_data_producer"]),
    "LAYOUT_PASSES": (LAYOUT_PASSES, ["_transcript_turn", "_named_colon_quotation"]),
    "VERB_FINDERS": (VERB_FINDERS, ["_parenthetical_tag", "_subject_before", "_coordinated_subject", "_inverted",
                                    "_relative_clause", "_when_clause", "_gap_clause"]),
}


@pytest.mark.parametrize("name", sorted(ORDERS))
def test_each_engine_is_an_ordered_tuple_of_named_documented_functions(name):
    passes, expected = ORDERS[name]
    assert isinstance(passes, tuple)
    assert [p.__name__ for p in passes] == expected
    assert len(set(expected)) == len(expected)
    for p in passes:
        assert inspect.isfunction(p) and getattr(at, p.__name__) is p
        assert p.__doc__ and len(p.__doc__.split()) >= 4, p.__name__
    # every subject pass says in its docstring which words it reads: an invented example in quotes
    if name == "SUBJECT_PASSES":
        assert all('"' in p.__doc__ for p in passes)


U = ("unnamed", "unnamed", "unnamed")


@pytest.mark.parametrize("words, rule, subject", [
    ("But", "_nothing_left", None),                                       # a connective only
    ("But they", "_lone_pronoun", ("they", "pronoun", "")),
    ("I", "_lone_pronoun", ("I", "pronoun", "")),
    ("Monday", "_only_a_date", None),
    (", the aide", "_head_missing_or_long", None),                        # nothing before the comma
    ("those who", "_restrictive_relative", None),                         # the relative word ends the head
    ("A source close to the talks", "_anonymous_source", U),
    ("61 percent of voters", "_poll_share", U),
    ("When the mayor", "_clause_word_in_head", None),
    ("The plan was", "_clause_word_in_head", None),
    (f"The {Q} campaign", "_quotation_in_head", None),
    ("52", "_lone_number", None),                                         # an age in apposition
    ("quickly", "_no_noun_phrase_opening", None),
    ("Campaigning in Ohio", "_participle_opening", None),
    ("In his farewell statement", "_preposition_opening", None),
    ("the fire burned", "_ends_in_verb", None),
    # the spokesperson speaks for the ministry (an organisation word: "Ministry")
    ("A spokesperson for the Ministry of Health", "_spokesperson", ("Ministry of Health", "name", "organisation")),
    ("a hospital spokeswoman", "_spokesperson", ("the hospital", "description", "organisation")),
    ("She, who asked not to be named", "_anonymous_in_apposition", U),    # a pronoun, then "named"
    ("The mayor of Riverton, Linda Park", "_place_after_head_noun", ("Linda Park", "name", "person")),
    ("Delivery driver Gary Mills", "_name_ends_head", ("Gary Mills", "name", "person")),
    ("Will Doyle", "_name_ends_head", ("Will Doyle", "name", "person")),  # "Will" in a name, not a modal
    ("Canadian miner Norvale Minerals", "_name_ends_head", ("Norvale Minerals", "name", "organisation")),
    ("The Ohio Republican", "_name_ends_head", ("the Ohio Republican", "description", "")),
    ("Two former Labour Ministers", "_name_ends_head", U),
    ("His solicitor, Anna Greaves", "_name_in_apposition", ("Anna Greaves", "name", "person")),
    ("the driver, Mills", "_name_in_apposition", ("Mills", "name", "person")),
    ("Two officials", "_vague_group", U),
    ("border officials", "_vague_group", U),
    # one board member: the relative clause is dropped, then "One" makes it vague
    ("One board member who voted against the cuts", "_vague_group", U),
    ("The police", "_body_staff", ("the police", "description", "organisation")),
    ("state inspectors", "_body_staff", ("state inspectors", "description", "organisation")),
    ("The diplomat", "_description", ("the diplomat", "description", "")),
    ("the water company", "_description", ("the water company", "description", "organisation")),
    ("Union bosses", "_description", ("Union bosses", "description", "organisation")),
    ("The mayor of Riverton", "_description", ("the mayor", "description", "")),  # the place cut off
])
def test_invented_subjects_go_to_the_pass_that_reads_their_shape(words, rule, subject):
    decision = decide_subject(tokenize(words))
    assert decision.rule == rule
    assert decision.subject == subject
    assert at.analyse_subject(tokenize(words)) == subject


def _first_deciding(passes, argument):
    return next((p.__name__, found) for p in passes if (found := p(argument)))


@pytest.mark.parametrize("phrase, rule, speaker", [
    ("a statement from UN Watch", "_body_behind_data", ("UN Watch", "name", "organisation")),
    ("a March Bloomberg article", "_named_publication", ("Bloomberg", "name", "organisation")),  # not "March"
    ("a Pollwatch average of recent polls", "_named_publication", ("Pollwatch", "name", "organisation")),
    ("a Example Wire/Pollco poll", "_named_publication", ("Example Wire Pollco", "name", "organisation")),
    ("Jane Roe", "_name_ends_phrase", ("Jane Roe", "name", "person")),
    ("the diplomat", "_subject_phrase", ("the diplomat", "description", "")),
    ("council figures", "_data_producer", ("the council", "description", "organisation")),
])
def test_according_to_phrases(phrase, rule, speaker):
    name, found = _first_deciding(ACCORDING_PASSES, tokenize(phrase))
    assert name == rule
    assert found == Attribution(*speaker, "according to", "according")
    assert find_attribution(f"Prices rose, according to {phrase}.", shape=False) == found


def test_according_to_with_nothing_after_it_is_no_attribution():
    assert at._according_to(tokenize("Prices rose sharply, according to.")) is None


def _verb_use(text: str, word: str) -> VerbUse:
    tokens = tokenize(text)
    i = next(k for k, t in enumerate(tokens) if t.lower == word)
    verb = next(v for v in speech_verbs()[word] if v.words == (word,))
    return VerbUse.at(tokens, i, verb)


@pytest.mark.parametrize("text, word, veto", [
    ("They visited the Ask Jeeves website", "ask", "_inside_a_name"),
    ("They wanted their say in the matter", "say", "_passive_or_noun"),
    ("They agreed to the terms", "agreed", "_to_no_addressee"),
    ("She wrote to the minister", "wrote", "_written_or_said_to"),
    ("The company added 200 jobs", "added", "_added_a_thing"),
    ("The film tells the story of a town", "tells", "_tells_a_story"),
    ("Police found the keys", "found", "_belief_without_that"),
    ("She called the meeting", "called", "_called_without_quotation"),
    ("He asked for calm", "asked", "_asked_a_request"),
])
def test_speech_verb_forms_read_as_something_else(text, word, veto):
    use = _verb_use(text, word)
    assert next(v.__name__ for v in VERB_VETOES if v(use)) == veto
    assert all(start != use.start for start, _, _ in at._verbs_at(use.tokens))


def test_a_speech_verb_with_its_content_is_kept():
    tokens = tokenize("She said that taxes would rise")
    assert [(a, b, v.lemma) for a, b, v in at._verbs_at(tokens)] == [(1, 2, "say")]
    assert not any(v(_verb_use("She said that taxes would rise", "said")) for v in VERB_VETOES)


def test_layouts():
    turn = at._layout_lead(tokenize("ROE: We will not back down."))
    assert _first_deciding(LAYOUT_PASSES, turn) == (
        "_transcript_turn", Attribution("Roe", "name", "person", "", "layout", direct=True, tag=((0, 2),)))
    named = at._layout_lead(tokenize(f"Jane Roe, editor of The Review: {Q}"))
    assert _first_deciding(LAYOUT_PASSES, named) == (
        "_named_colon_quotation", Attribution("Jane Roe", "name", "person", "", "layout", direct=True, tag=((0, 8),)))
    # a dateline is no transcript turn: no first or second person after it, and no quotation
    dateline = at._layout_lead(tokenize("WASHINGTON: The vote was close."))
    assert all(p(dateline) is None for p in LAYOUT_PASSES)


@pytest.mark.parametrize("text, rule, speaker", [
    ("Jane Roe said the vote was close.", "subject", "Jane Roe"),
    ("Roe laughed and said the vote was close.", "coordinated", "Roe"),
    (f"{Q}, said café owner Sofia Marques.", "inverted", "Sofia Marques"),
])
def test_verb_finders_in_order(text, rule, speaker):
    found = find_attribution(text, shape=False)
    assert (found.rule, found.speaker, found.verb) == (rule, speaker, "say")
