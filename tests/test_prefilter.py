"""The literal-text prefilter never rules out a match (analysis/text/prefilter.py)."""
from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from analysis.text import paragraphs
from analysis.text.prefilter import could_match, fold, required_literals

TESTS_DIR = Path(__file__).resolve().parent

RULES = paragraphs.ROLE_RULES + paragraphs.EXTRA_RULES + (paragraphs._PAREN_LABEL_CREDIT,)


def literals(pattern, flags=0):
    found = required_literals(re.compile(pattern, flags))
    return None if found is None else sorted(found)


def test_required_literals_read_by_hand():
    # a run of literal characters; the longest piece of a sequence is kept
    assert literals(r"\bcontributed (?:to )?this") == [("contributed ", False)]
    # a branch needs one of its alternatives, each of which must require something
    assert literals(r"\b(?:sign up|newsletter)\b") == [("newsletter", False), ("sign up", False)]
    assert literals(r"\b(?:sign up|\d+)\b") is None
    # case-insensitive literals are compared folded; a scoped flag counts
    assert literals(r"\bPodcast\b", re.I) == [("podcast", True)]
    assert literals(r"x(?i:Credit)") == [("credit", True)]
    # optional parts require nothing; a repetition of at least one requires its body
    assert literals(r"(?:Watch)?[0-9]+") is None
    assert literals(r"(?:ab)+c?") == [("ab", False)]
    # a lookahead's text is in the string too; a negative one requires nothing
    assert literals(r"(?=.*©)\d") == [("©", False)]
    assert literals(r"(?!Why)\w+") is None
    # anchored at the start: the engine tries one position, so no test is made
    assert literals(r"^Sign up\b") is None


def test_fold_maps_what_ignorecase_matches():
    # the two letters re.IGNORECASE matches with an ASCII letter that str.lower keeps
    assert re.fullmatch("(?i)s", "ſ") and fold("ſ") == "s"
    assert re.fullmatch("(?i)i", "ı") and fold("ı") == "i"
    assert fold("İ") == "i" and len(fold("Straße İstanbul")) == len("Straße İstanbul")
    assert re.search(r"(?i)subscribe", "ſubscribe")
    required = required_literals(re.compile(r"\bsubscribe\b", re.I))
    assert could_match(required, "ſubscribe", fold("ſubscribe"))
    assert not could_match(required, "unrelated", fold("unrelated"))


def _eval_lines() -> list[str]:
    lines = []
    for page in sorted((TESTS_DIR / "eval").glob("structure*/pages/*.json")):
        for line in json.loads(page.read_text(encoding="utf-8"))["lines"]:
            lines.append(line["text"] if isinstance(line, dict) else line)
    return lines


def test_every_rule_agrees_with_its_pattern_on_the_labelled_pages():
    lines = _eval_lines()
    assert len(lines) > 500
    matched = 0
    for rule in RULES:
        for line in lines:
            found = rule.pattern.search(line) is not None
            matched += found
            assert rule.search(line, fold(line)) == found, (rule.name, line)
    assert matched > 100  # the pages hold furniture of many kinds: the rules are exercised


_CUE = st.sampled_from(["Sign up", "newsletter", "©", "(PA)", "Reuters", "Photograph: ", "podcast", "ſubscribe",
                        "İnstagram", "Credit: AP", "pic.twitter.com/x", "[ADVICE]", "/ PA", " | Jo Bloggs/Getty",
                        "contributed to this report.", "All rights reserved", "Watch", "@jo", "9:12 PM · "])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_CUE, st.text(max_size=12)), max_size=8).map("".join))
def test_the_prefilter_never_rules_out_a_match(text):
    folded = fold(text)
    for rule in RULES:
        if rule.pattern.search(text):
            assert could_match(rule.required, text, folded), (rule.name, text)
