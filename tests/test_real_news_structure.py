"""Shapes of real US news copy that broke sentences, roles and terms (issue 25).

Every text here is invented in the form of the real shape; the expected sentences,
roles and terms are written by hand from reading the text.
"""
from __future__ import annotations

import pytest

from analysis.text.paragraphs import classify_lines
from analysis.text.sentences import split_sentence_spans


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentence_spans(text)]


# --- 1. parenthesised state and party tags -------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # a state tag, then a clause: one sentence
    ("Sen. Jane Roe (Calif.), who leads the panel, said she would wait. The vote is Friday.",
     ["Sen. Jane Roe (Calif.), who leads the panel, said she would wait.", "The vote is Friday."]),
    # a list of lawmakers with their states
    ("Reps. Ann Poe (Calif.), Bob Lee (Wis.), Cal Moe (N.J.) and Dee Fox (Pa.) signed the letter. It failed.",
     ["Reps. Ann Poe (Calif.), Bob Lee (Wis.), Cal Moe (N.J.) and Dee Fox (Pa.) signed the letter.", "It failed."]),
    # a state tag before a word that does not open a sentence
    ("Sheriff Al Dunn of Marlow County (Ariz.) Tuesday said he would run again.",
     ["Sheriff Al Dunn of Marlow County (Ariz.) Tuesday said he would run again."]),
    # a party tag before a dash that carries the sentence on
    ("Sen. Jo Ray (R-Fla.) — like most of his party — stayed away. Few noticed.",
     ["Sen. Jo Ray (R-Fla.) — like most of his party — stayed away.", "Few noticed."]),
    # a tag then a full stop is still a sentence end
    ("The letter came from Sen. Jo Ray (R-Fla.). The count was close.",
     ["The letter came from Sen. Jo Ray (R-Fla.).", "The count was close."]),
    # an aside in brackets that ends a sentence inside them
    ("Turnout was low (about 40 percent in Marlow, Ga.), officials said. They blamed rain.",
     ["Turnout was low (about 40 percent in Marlow, Ga.), officials said.", "They blamed rain."]),
])
def test_state_tags_do_not_end_sentences(text, expected):
    assert sentences(text) == expected


def test_a_lower_case_no_ends_a_sentence_but_no_before_a_number_does_not():
    text = "Asked whether she would back the plan, she said no. Rep. Tom Ash said yes. It is No. 4 on the list."
    assert sentences(text) == [
        "Asked whether she would back the plan, she said no.",
        "Rep. Tom Ash said yes.",
        "It is No. 4 on the list.",
    ]


# --- 2. captions and credits that were body sentences --------------------------------

HEADLINE = "Lawmakers split over the water bill"


@pytest.mark.parametrize("line, role", [
    # body: a sentence ending in a party and state tag
    ("The plan drew fire from both parties on Tuesday, including from Rep. Jane Roe (D-N.Y.)", "body"),
    ("The plan drew fire on Tuesday from a group of lawmakers led by Rep. Tom Ash (R-Texas)", "body"),
    # body: a sentence in brackets closing a paragraph
    ("The senator had said she would vote against the plan. (Her office later said she was undecided.)", "body"),
    # body: an aside in lower case
    ("Only a third of voters back the plan, according to a new statewide poll (conducted last week)", "body"),
    # body: a poll named with a slash, mid-sentence
    ("Support for the measure fell to 41 percent in the latest NBC/WSJ poll, taken after the debate.", "body"),
    ("A KTV/Marlow Herald survey found most residents opposed the plan, the mayor said on Monday.", "body"),
    # captions: a source in brackets, a wire photo credit at the end
    ("Pedestrians cross the bridge in Wexcombe on Monday (Jo Bloggs/The Post)", "caption"),
    ("A sheriff's office vehicle parked outside the courthouse in Marlow. (iStock)", "caption"),
    ("Designer dogs are increasingly targeted by thieves, police say (stock image)", "caption"),
    ("Voters queue at a polling station in Wexcombe on Monday. REUTERS/Jo Bloggs/File Photo", "caption"),
    ("The chancellor has insisted she will not raise income tax JO BLOGGS/EPA", "caption"),
])
def test_line_roles_of_real_shapes(line, role):
    assert classify_lines([HEADLINE, line])[1][0] == role


# --- 3. pages flattened to one line --------------------------------------------------

from pathlib import Path  # noqa: E402

from analysis.text.article import analyse_text  # noqa: E402

SEED_RAW = Path(__file__).parent / "fixtures" / "seed-study" / "raw"


def flatten(text: str) -> str:
    """A page as many scrapers deliver it: every line, furniture included, on one line."""
    return " ".join(line.strip() for line in text.split("\n") if line.strip())


@pytest.mark.parametrize("name", sorted(p.name for p in SEED_RAW.glob("*.txt")))
def test_a_flattened_seed_page_keeps_its_body_sentences_and_their_voices(name):
    text = (SEED_RAW / name).read_text(encoding="utf-8")
    # the reference is the analysis of the page with its line breaks; sentences matched by text
    reference = {s.text: s for s in analyse_text("lines", text, sources=False).sentences}
    flat = {s.text: s for s in analyse_text("flat", flatten(text), sources=False).sentences}
    kept = [t for t in reference if t in flat]
    assert len(kept) / len(reference) >= 0.95
    # a kept sentence keeps its share of quoted letters and its voice
    assert all(flat[t].quoted_share == pytest.approx(reference[t].quoted_share) for t in kept)
    assert sum(flat[t].voice == reference[t].voice for t in kept) / len(kept) >= 0.95


def test_a_quotation_of_several_sentences_survives_the_cutting_of_a_flattened_page():
    lines = [
        "Council shuts the Wexcombe library",
        "By Jo Bloggs",
        "Published: 09:14, 10 March 2026",
        "The council voted on Monday to close the town's only library after a funding gap widened.",
        "Its leader, Al Dunn, said: \"We had no choice. The money ran out in January. Nobody wanted this.\"",
        "Campaigners said they would appeal against the decision.",
        "Readers queue outside the library on Saturday. (Getty Images)",
        "The library opened in 1904 and lends 40,000 books a year.",
    ]
    doc = analyse_text("a", " ".join(lines), sources=False)
    voices = {s.text: (s.voice, s.quoted_share) for s in doc.sentences}
    # by hand: the three quoted sentences are quotation, each wholly inside the marks but the first
    assert voices["The money ran out in January."] == ("quotation", 1.0)
    assert voices["Nobody wanted this.\""] == ("quotation", 1.0)
    assert voices["Campaigners said they would appeal against the decision."][1] == 0.0
    # furniture still set aside, and the credit not glued to the next sentence
    assert "The library opened in 1904 and lends 40,000 books a year." in voices
    assert not any("Getty" in t or "Bloggs" in t or "Published" in t for t in voices)


def test_a_quotation_run_over_paragraphs_with_a_caption_between_does_not_swallow_the_caption():
    lines = [
        "Diplomat resigns over the war",
        "He added: \"There is no one to blame but the ministry.",
        "Crowds gather outside the embassy. (Getty Images)",
        "\"I studied to be a diplomat. I cannot share in this any longer.\"",
        "The ministry did not reply to a request for comment on Monday.",
        "Officials said the resignation letter was sent to colleagues on Monday morning.",
    ]
    doc = analyse_text("a", " ".join(lines), sources=False)
    texts = [s.text for s in doc.sentences]
    assert "He added: \"There is no one to blame but the ministry." in texts
    assert not any("Crowds gather" in t for t in texts)


def test_closing_marks_end_the_sentence_they_close():
    assert sentences("He said “I love it!”Former aides laughed.") == ["He said “I love it!”", "Former aides laughed."]
    # a quotation's signature stays with it
    assert sentences("“It was a fiasco.” ― Jo Bloggs") == ["“It was a fiasco.” ― Jo Bloggs"]
