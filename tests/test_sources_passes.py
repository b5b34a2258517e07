"""The small rules and passes that speaker finding and source resolution are made of
(issue #24 split ``sentence_records``, ``ArticleSources.find_name``, ``add_mentions`` and
``_description`` into them).

Every sentence here is invented; each expected value is read off the sentence by hand
(the comment says why), never copied from the code's output.
"""
from __future__ import annotations

from analysis.text.attribution import Attribution, tokenize
from analysis.text.quotes import find_quote_spans
from analysis.text.sentences import (_Draft, _opens_with_speaker, _quoted_letters, _sentence, _SPEAKER_PASSES,
                                     sentence_records)
from analysis.text.sources import (_FIRST_WORD_OF_ORGANISATION, _FULL, _ONE_NAME_OF_PERSON, ArticleSources, Entity,
                                   Resolved, _age_after, _defined_acronym, _describes_organisation, _description_words,
                                   _final_source, _in_parentheses, _kinds_agree, _organisation_name_match,
                                   _organisation_named_later, _person_name_match, _without_opener)


# -- sources: reading names in a sentence ---------------------------------------------
def test_tokens_in_parentheses_include_the_brackets_and_not_a_stray_closer():
    tokens = tokenize("Roe (UN) said ) no")
    assert [t.text for t in tokens] == ["Roe", "(", "UN", ")", "said", ")", "no"]
    # "(", "UN", ")" are inside; the second ")" closes nothing
    assert _in_parentheses(tokens) == [False, True, True, True, False, False, False]


def test_a_defined_acronym_shares_the_names_initial_and_follows_two_words_or_more():
    tokens = tokenize("The Department for Rural Affairs (Defra) said")
    assert [t.text for t in tokens][1:8] == ["Department", "for", "Rural", "Affairs", "(", "Defra", ")"]
    assert _defined_acronym(tokens, 1, 5).text == "Defra"  # D... (Defra)
    other = tokenize("The Department for Rural Affairs (UN) said")
    assert _defined_acronym(other, 1, 5) is None  # U is not D
    one_word = tokenize("Defence (Defra) said")
    assert _defined_acronym(one_word, 0, 1) is None  # a one-word name defines no acronym


def test_an_age_is_read_after_a_comma_and_only_with_a_word_after_it():
    tokens = tokenize("Jane Roe, 41, said")  # Jane Roe , 41 , said
    assert _age_after(tokens, 2) == "41"
    assert _age_after(tokenize("Jane Roe, 41"), 2) == ""  # nothing after the number
    assert _age_after(tokenize("Jane Roe, who said"), 2) == ""


def test_sentence_openers_and_calendar_words_are_not_the_start_of_a_name():
    assert _without_opener(["In", "Italy"]) == ["Italy"]
    assert _without_opener(["As", "Roe"]) == ["Roe"]
    assert _without_opener(["Monday", "Jane", "Roe"]) == ["Jane", "Roe"]
    assert _without_opener(["But"]) == []
    assert _without_opener(["Jane", "Roe"]) == ["Jane", "Roe"]


def test_add_mentions_registers_the_organisation_its_acronym_and_a_person_with_her_age():
    sources = ArticleSources()
    sources.add_mentions("The Department for Rural Affairs (Defra) said Jane Roe, 41, would go.", 0)
    by_name = {e.name: e for e in sources.entities}
    assert set(by_name) == {"Department for Rural Affairs", "Jane Roe"}  # "(Defra)" is an aside, not a mention
    department, roe = by_name["Department for Rural Affairs"], by_name["Jane Roe"]
    assert department.kind == "organisation" and "defra" in department.aliases
    assert department.company is False  # a department is a public body
    assert roe.kind == "person" and roe.age == "41"


# -- sources: how a name meets a known entity ------------------------------------------
def test_person_name_match():
    assert _person_name_match(["roe"], ["jane", "roe"]) == _ONE_NAME_OF_PERSON  # surname
    assert _person_name_match(["jane"], ["jane", "roe"]) == _ONE_NAME_OF_PERSON  # first name
    assert _person_name_match(["jane", "roe"], ["jane", "q", "roe"]) == _FULL  # first and last agree
    assert _person_name_match(["jane", "roe"], ["roe"]) == _FULL  # known only by the surname
    assert _person_name_match(["john", "roe"], ["jane", "roe"]) == ""  # another Roe
    assert _person_name_match(["smith"], ["jane", "roe"]) == ""


def test_organisation_name_match():
    assert _organisation_name_match(["acme"], "person", ["acme", "mining"]) == _FIRST_WORD_OF_ORGANISATION
    assert _organisation_name_match(["acme"], "organisation", ["acme", "mining"]) == _FULL
    assert _organisation_name_match(["mining"], "organisation", ["acme", "mining"]) == ""  # not its first word
    assert _organisation_name_match(["mining", "acme"], "", ["acme", "mining"]) == _FULL  # all its words
    assert _organisation_name_match(["acme", "mining", "group"], "organisation", ["acme", "mining"]) == _FULL
    assert _organisation_name_match(["acme", "mining", "group"], "", ["acme", "mining"]) == ""  # kind unknown


def test_kinds_agree_unless_both_are_known_different_and_the_name_is_longer_than_one_word():
    assert _kinds_agree("person", "organisation", ["roe"])
    assert not _kinds_agree("person", "organisation", ["jane", "roe"])
    assert _kinds_agree("", "organisation", ["jane", "roe"])
    assert _kinds_agree("person", "person", ["jane", "roe"])


def test_find_name_prefers_the_person_to_the_organisation_that_starts_with_the_name():
    sources = ArticleSources()
    university, _ = sources.add_name("Roe University", "organisation", 0, False)
    assert sources.find_name("Roe", "person") is university  # no person Roe known yet
    jane, _ = sources.add_name("Jane Roe", "person", 1, False)
    assert sources.find_name("Roe", "person") is jane
    assert sources.find_name("Mary Smith", "person") is None


def test_find_name_gives_a_shared_surname_to_the_person_who_spoke_last():
    sources = ArticleSources()
    jane, _ = sources.add_name("Jane Roe", "person", 0, True)
    john, _ = sources.add_name("John Roe", "person", 1, False)
    assert sources.find_name("Roe", "person") is jane  # John never spoke
    sources.add_name("John Roe", "person", 2, True)
    assert sources.find_name("Roe", "person") is john


# -- sources: descriptions --------------------------------------------------------------
def test_description_words_and_what_describes_an_organisation():
    assert _description_words("the ministry's spokesman") == ["ministry", "spokesman"]
    assert _description_words("A senior official") == ["senior", "official"]
    assert _describes_organisation(["ministry"], "")
    assert _describes_organisation(["report"], "")  # a document speaks for its body
    assert _describes_organisation(["council", "spokesperson"], "")  # first word names the body
    assert not _describes_organisation(["diplomat"], "")
    assert _describes_organisation(["diplomat"], "organisation")  # the attribution's hint decides


def test_descriptions_resolve_by_age_by_noun_and_are_remembered():
    sources = ArticleSources()
    sources.add_mentions("Jane Roe, 41, and John Doe, 52, met the Ministry of Health.", 0)
    assert sources._description("the 41-year-old", "", 1) == Resolved("Jane Roe", "person", "description")
    assert sources._description("the 52-year-old", "", 2) == Resolved("John Doe", "person", "description")
    assert sources._description("the ministry", "", 3) == Resolved("Ministry of Health", "organisation",
                                                                   "description")
    # no union was named, and a union is too specific to fall back on the ministry
    assert sources._description("the union", "", 4) == Resolved("the union", "organisation", "unresolved")
    # "the 41-year-old" again means Jane Roe, whoever spoke since
    assert sources.descriptions["41-year-old"].name == "Jane Roe"
    assert sources._description("the 41-year-old", "", 5) == Resolved("Jane Roe", "person", "description")


def test_an_organisation_described_before_it_is_named_is_the_one_named_later():
    ministry = Entity("Ministry of Health", "organisation", ["ministry", "of", "health"], first_spoke=5)
    acme = Entity("Acme Mining", "organisation", ["acme", "mining"], first_spoke=3)
    entities = [ministry, acme]
    # sentence 1 'the ministry said ...': the ministry's noun is in one name
    assert _organisation_named_later(entities, "the ministry", 1, 8) == Resolved("Ministry of Health", "organisation",
                                                                                 "description")
    # 'the group' names no noun of either: the first to speak after sentence 1 (Acme at 3, before 5)
    assert _organisation_named_later(entities, "the group", 1, 8) == Resolved("Acme Mining", "organisation",
                                                                              "description")
    # 'the union': a specific body that was never named stays unresolved, its text dropped
    assert _organisation_named_later(entities, "the union", 1, 8) == Resolved("", "organisation", "unresolved")
    # after sentence 6 no organisation speaks for the first time
    assert _organisation_named_later(entities, "the group", 6, 8) == Resolved("", "organisation", "unresolved")


def test_the_final_source_takes_the_fullest_name_read_in_the_article():
    final = {"bondarev": "Boris Bondarev", "boris bondarev": "Boris Bondarev"}
    assert _final_source(Resolved("Bondarev", "person", "alias"), final) == Resolved("Boris Bondarev", "person",
                                                                                    "alias")
    assert _final_source(Resolved("unnamed", "unnamed", "named"), final) == Resolved("unnamed", "unnamed", "named")
    assert _final_source(None, final) == Resolved("", "", "")


# -- sentences: measuring -------------------------------------------------------------
def test_quoted_letters_count_only_letters_inside_the_runs():
    text = "He said “no”."
    opening = text.index("“")
    runs = [(opening, opening + 4)]  # “no”
    assert _quoted_letters(text, runs, 0, len(text)) == 2  # n, o
    assert _quoted_letters(text, runs, 0, opening) == 0  # 'He said ' lies before the quotation


# -- sentences: the speaker passes ------------------------------------------------------
def _attribution(speaker: str, rule: str = "trailing", tag: tuple = (), verb: str = "say") -> Attribution:
    return Attribution(speaker, "name", "person", verb, rule, tag=tag)


def _draft(paragraph_id: str, k: int, voice: str, attribution: Attribution | None, quote_ids: list[int]) -> _Draft:
    return _Draft(paragraph_id=paragraph_id, position_in_paragraph=k, start=0, end=0, n_letters=10,
                  quoted_share=1.0 if voice == "quotation" else 0.0, voice=voice, attribution=attribution,
                  masked="", quote_ids=quote_ids, text="")


def _run_passes(drafts: list[_Draft]) -> list[tuple[str, str, int | None]]:
    for speaker_pass in _SPEAKER_PASSES:
        speaker_pass(drafts)
    return [(d.speaker, d.speaker_source, d.inherits) for d in drafts]


def test_a_quotation_takes_the_speaker_named_later_in_the_same_quotation():
    # '“We had no choice. | We acted,” Roe said.': one quotation (0) over both sentences
    drafts = [_draft("p0", 0, "quotation", None, [0]), _draft("p0", 1, "quotation", _attribution("Roe"), [0])]
    assert _run_passes(drafts) == [("Roe", "quotation", 1), ("Roe", "sentence", None)]


def test_an_unattributed_quotation_continues_the_previous_speaker_in_and_across_paragraphs():
    # '“X,” said Roe. | “Y.”' then a new paragraph '“Z.”': three quotations
    drafts = [_draft("p0", 0, "quotation", _attribution("Roe"), [0]), _draft("p0", 1, "quotation", None, [1]),
              _draft("p1", 0, "quotation", None, [2])]
    # the third takes sentence 0's speaker through sentence 1 (inherits points at the origin)
    assert _run_passes(drafts) == [("Roe", "sentence", None), ("Roe", "paragraph", 0),
                                   ("Roe", "previous paragraph", 0)]


def test_narration_never_takes_a_speaker():
    # 'Roe said X. | The plant closed in May.'
    drafts = [_draft("p0", 0, "reported", _attribution("Roe"), []), _draft("p0", 1, "narration", None, [])]
    assert _run_passes(drafts) == [("Roe", "sentence", None), ("", "", None)]


def test_a_quotation_paragraph_takes_the_next_paragraphs_speaker_only_when_it_opens_with_him_going_on():
    opener = _attribution("Roe", rule="subject", tag=((0, 1),), verb="continue")  # 'Roe continued, ...'
    drafts = [_draft("p0", 0, "quotation", None, [0]), _draft("p1", 0, "reported", opener, [])]
    assert _run_passes(drafts) == [("Roe", "next paragraph", 1), ("Roe", "sentence", None)]
    later = _attribution("Roe", rule="subject", tag=((2, 3),), verb="continue")  # 'On Monday Roe continued ...'
    drafts = [_draft("p0", 0, "quotation", None, [0]), _draft("p1", 0, "reported", later, [])]
    assert _run_passes(drafts) == [("", "", None), ("Roe", "sentence", None)]
    # 'Roe said ...' opening the next paragraph is mostly Roe's own next point, not the quotation's
    # speaker (PolNeAR train: 8 right in 35): no speaker is better than a wrong one
    said = _attribution("Roe", rule="subject", tag=((0, 1),))
    drafts = [_draft("p0", 0, "quotation", None, [0]), _draft("p1", 0, "reported", said, [])]
    assert _run_passes(drafts) == [("", "", None), ("Roe", "sentence", None)]


def test_a_quotation_takes_the_next_sentences_speaker_in_the_same_paragraph():
    # '“X.” | Roe said Y.'
    drafts = [_draft("p0", 0, "quotation", None, [0]), _draft("p0", 1, "reported", _attribution("Roe"), [])]
    assert _run_passes(drafts) == [("Roe", "next sentence", 1), ("Roe", "sentence", None)]


def test_a_quotation_after_narration_takes_the_speaker_of_its_paragraph():
    # '“X,” Roe said. | They lie far from the city. | “Y.”' (a new paragraph: '“Z.”' after narration)
    drafts = [_draft("p0", 0, "quotation", _attribution("Roe"), [0]), _draft("p0", 1, "narration", None, []),
              _draft("p0", 2, "quotation", None, [1]), _draft("p1", 0, "narration", None, []),
              _draft("p1", 1, "quotation", None, [2])]
    assert _run_passes(drafts) == [("Roe", "sentence", None), ("", "", None), ("Roe", "paragraph", 0),
                                   ("", "", None), ("", "", None)]
    # a reported sentence before the narration gives its speaker the same way; a speaker
    # named after the quotation in its paragraph comes first ('“Y.” Doe said.')
    drafts = [_draft("p0", 0, "reported", _attribution("Roe"), []), _draft("p0", 1, "narration", None, []),
              _draft("p0", 2, "quotation", None, [0]), _draft("p0", 3, "quotation", _attribution("Doe"), [1])]
    assert [speaker for speaker, _how, _origin in _run_passes(drafts)] == ["Roe", "", "Doe", "Doe"]


def test_opens_with_speaker_needs_the_first_sentence_of_its_paragraph():
    opener = _attribution("Roe", rule="subject", tag=((0, 1),))
    assert _opens_with_speaker(_draft("p1", 0, "reported", opener, []), opener)
    assert not _opens_with_speaker(_draft("p1", 1, "reported", opener, []), opener)  # second sentence
    assert not _opens_with_speaker(_draft("p1", 0, "reported", opener, []), _attribution("Roe"))  # trailing tag


# -- sentences: the record ----------------------------------------------------------------
def test_the_record_numbers_the_sentence_and_marks_an_unfound_source_unresolved():
    draft = _draft("a-p000", 0, "quotation", None, [0, 3])
    draft.speaker, draft.speaker_source = "he", "sentence"
    record = _sentence("a", 2, 5, draft, Resolved("", "", ""))
    assert record.sentence_id == "a-s002" and record.position == 2
    assert record.relative_position == 0.5  # 2 of 0..4
    assert record.quote_ids == "a-q000 a-q003"
    assert (record.source, record.source_kind, record.speaker_resolution) == ("", "", "unresolved")
    alone = _sentence("a", 0, 1, draft, None)  # sources not resolved; the only sentence
    assert alone.relative_position == 0.0
    assert (alone.source, alone.source_kind, alone.speaker_resolution) == ("", "", "")
    narration = _draft("a-p000", 0, "narration", None, [])
    assert _sentence("a", 0, 1, narration, Resolved("", "", "")).speaker_resolution == ""


def test_sentence_records_end_to_end_on_a_quotation_named_at_its_end():
    text = "“We had no choice. We acted,” Jane Roe said."
    spans, _ = find_quote_spans([text])
    records = sentence_records("a", [("a-p000", 0, text)], spans)
    assert [r.text for r in records] == ["“We had no choice.", "We acted,” Jane Roe said."]
    first, second = records
    assert first.quoted_share == 1.0 and first.voice == "quotation"
    # 'We acted' (7 letters) is inside the quotation, 'Jane Roe said' (11) is not; a bare
    # trailing tag makes a quotation
    assert second.quoted_share == 7 / 18 and second.voice == "quotation"
    assert (second.speaker, second.speaker_source) == ("Jane Roe", "sentence")
    assert (first.speaker, first.speaker_source) == ("Jane Roe", "quotation")  # same quotation
    assert [(r.source, r.source_kind, r.speaker_resolution) for r in records] == [("Jane Roe", "person", "named")] * 2
    assert [r.quote_ids for r in records] == ["a-q000", "a-q000"]
