"""scripts/score_polnear.py on an invented brat fixture (tests/fixtures/polnear-mini).

The predictions are given by hand (not the package's), so every expected score is
counted by hand from the fixture:

a1 (annotator aaa chosen over zzz, whose file is empty):
  s1 "Jane Roe said the vote would pass."   gold reported, Source name "Jane Roe";
      predicted reported, source "Jane Roe"       -> reported TP, name right
  s2 '"We will win," she said.'              gold direct, Source pronoun "she";
      predicted quotation, source "Jane Roe"      -> direct TP, pronoun right (referent:
      the nearest earlier named gold Source, "Jane Roe")
  s3 "The mayor wants a new park."           gold excluded (cue "wants"); predicted reported
      -> counted nowhere
  s4 "Roe told reporters the count was close." gold reported; predicted narration -> reported FN
a2:
  s1 "The council said it would appeal."     gold reported, description "The council";
      predicted reported, source "the council"    -> reported TP, description right
  s2 '"It is unfair," the spokesman said.'    gold direct, description "the spokesman";
      predicted quotation, source "Jane Doe"      -> direct TP, description wrong
  s3 "The park opened in May."               gold none; predicted quotation -> direct FP

direct P = 2/3, R = 2/2, F1 = 2*2/(2*2+1+0) = 0.8; reported R = 2/3, P = 2/2;
speakers: names 1/1, pronouns 1/1, descriptions 1/2.
"""
from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from analysis.errors import InputDataError

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "polnear-mini"


def _module():
    spec = importlib.util.spec_from_file_location("score_polnear", ROOT / "scripts" / "score_polnear.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_polnear"] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


sp = _module()


class Predicted(NamedTuple):
    start: int
    end: int
    voice: str
    source: str
    speaker: str
    text: str


HAND = {
    "a1": [("Jane Roe said the vote would pass.", "reported", "Jane Roe"),
           ('"We will win," she said.', "quotation", "Jane Roe"),
           ("The mayor wants a new park.", "reported", "the mayor"),
           ("Roe told reporters the count was close.", "narration", "")],
    "a2": [("The council said it would appeal.", "reported", "the council"),
           ('"It is unfair," the spokesman said.', "quotation", "Jane Doe"),
           ("The park opened in May.", "quotation", "")],
}


def hand_predictions(name, text):
    out = []
    for sentence, voice, source in HAND[name]:
        start = text.index(sentence)
        out.append(Predicted(start, start + len(sentence), voice, source, "", sentence))
    return out


def test_scores_counted_by_hand():
    articles, excluded, no_content, files = sp.score(MINI, "train", predict=hand_predictions)
    assert sorted(p.name for p in files.values()) == ["a1_aaa.ann", "a2_aaa.ann"]  # first annotator in order
    assert excluded == {"want": 1} and no_content == 0
    m = sp.metrics(articles)
    assert m["direct quotation precision"][0] == pytest.approx(2 / 3)
    assert m["direct quotation recall"][0] == pytest.approx(1.0)
    assert m["direct quotation F1"][0] == pytest.approx(0.8)
    assert m["reported speech recall"][0] == pytest.approx(2 / 3)
    assert m["reported speech precision"][0] == pytest.approx(1.0)
    assert m["speaker accuracy: names"][0] == pytest.approx(1.0)
    assert m["speaker accuracy: pronouns"][0] == pytest.approx(1.0)
    assert m["speaker accuracy: descriptions"][0] == pytest.approx(0.5)
    assert m["speaker accuracy: names+descriptions"][0] == pytest.approx(2 / 3)
    assert m["speaker accuracy: names"][3] == 1 and m["speaker accuracy: descriptions"][3] == 2
    # the article bootstrap is seeded: the same intervals every run, around the value
    again = sp.metrics(sp.score(MINI, "train", predict=hand_predictions)[0])
    assert again == m
    value, low, high, _ = m["speaker accuracy: descriptions"]
    assert low <= value <= high


@pytest.mark.parametrize("source, kind", [("he", "pronoun"), ("The council", "description"),
                                          ("a spokesman", "description"), ("Sen. Jane Roe (D-Minn.)", "name"),
                                          ("Just over a quarter, 26 percent,", "description"),
                                          ("Roe's campaign manager", "name"),
                                          ("Democratic party officials", "description"),
                                          ("Example Committee member", "description"),
                                          ("Robert P. Casey Jr.", "name")])
def test_source_type(source, kind):
    assert sp.source_type(source) == kind


@pytest.mark.parametrize("predicted, gold, same", [
    ("Jane Roe", "Sen. Jane Roe (D-Minn.), a former teacher", True),   # apposition and tag ignored
    ("Roe", "Jane Roe", True),
    ("Hope Hicks", "Roe spokeswoman Hope Hicks", True),
    ("Roe", "Roe spokeswoman Hope Hicks", False),                      # the head is the spokeswoman
    ("Bill Roe", "Jane Roe", False),                                   # first names differ
    ("Robert P. Casey Jr", "Sen. Robert P. Casey Jr. (D-Pa.)", True),
    ("", "Jane Roe", False),
    ("Joel Doe", "The Example Post’s Joel Doe", True),               # an owner before the name
    ("Jane Roe", "Senator Jane Roe of Ohio", True),                   # "of <place>" after the name
    ("Jane Roe", "Senator Bill Roe of Ohio", False),
    ("Ohio", "Senator Jane Roe of Ohio", False),
])
def test_same_speaker(predicted, gold, same):
    assert sp.same_speaker(predicted, gold) is same


def test_direct_needs_quotation_marks_including_two_apostrophes():
    text = "''We will win,'' she said. She said they would win."
    mask = sp.quoted_mask(text)
    assert mask[:len("''We will win,''")].all() and not mask[len("''We will win,''"):].any()


def test_test_split_is_refused():
    with pytest.raises(InputDataError, match="held out"):
        sp.score(MINI, "test")


def test_command_line_prints_the_table(capsys):
    assert sp.main([str(MINI)]) == 0
    out = capsys.readouterr().out
    assert "speaker accuracy: names" in out and "excluded cue lemmas" in out
    assert sp.main([str(MINI), "--split", "test"]) == 2


@pytest.mark.parametrize("source, indefinite", [("a source", True), ("two officials", True), ("aides", True),
                                                ("A mere 9 percent", True), ("the campaign", False),
                                                ("The council", False), ("his advisers", True),
                                                ("local Example Party leaders", True),
                                                ("the party's officials", False)])
def test_indefinite_descriptions_are_unnamed_sources(source, indefinite):
    assert sp.indefinite(source) is indefinite


def test_a_name_in_apposition_heads_a_description():
    assert sp.source_type("The group's director, Jane Roe,") == "name"
    assert sp.same_speaker("Jane Roe", "The group's director, Jane Roe,")


# Invented two-article corpus.  Lower case in the bodies: "aides", "critics", "will" (and
# others); capitalised right after a lower-case word: "Will" ("with Will", "heard Will") and
# "Roe".  So "aides" and "critics" are common nouns; "will" is not (the corpus also writes
# "Will" inside a sentence); "voters" is never written in lower case.  The headlines' "Aides
# Meet" counts for nothing.
CORPUS = ["Aides Meet\nAides said the plan fails. Two aides and the critics agreed with Will Roe.\n",
          "Head\nCritics say it will pass. Voters heard Will Roe.\n"]


def test_common_nouns_are_read_from_the_corpus():
    common = sp.common_nouns(CORPUS)
    assert {"aides", "critics"} <= common
    assert "will" not in common and "voters" not in common and "meet" not in common


@pytest.mark.parametrize("source, kind, indefinite", [
    ("Aides", "description", True),      # capitalised only at the sentence start: unnamed aides
    ("Critics", "description", True),
    ("Will", "name", False),             # "will" is lower case too, but "Will" also inside a sentence
    ("Voters", "name", False),           # no lower-case evidence in the corpus: left as it was
])
def test_a_capitalised_common_noun_is_a_description(source, kind, indefinite):
    common = sp.common_nouns(CORPUS)
    assert sp.source_type(source, common) == kind
    assert sp.indefinite(source, common) is indefinite
    assert sp.source_type(source) == "name" and sp.indefinite(source) is False  # without the corpus


@pytest.mark.parametrize("source, kind, indefinite", [
    ("Some Republicans", "description", True),          # a quantifier before a capitalised plural group
    ("Many liberal Democrats", "description", True),
    ("Half of Ohio Democrats", "description", True),
    ("some of Roe's allies", "description", True),
    ("36 percent of Democrats", "description", True),
    ("85% of Republicans", "description", True),
    ("Three-in-five GOP insiders", "description", True),
    ("Both Roe and Doe", "name", False),                 # "both" is no quantifier here; names
    ("17-year-old Jane Roe", "name", False),             # a number that counts no group
    ("13 Hours", "name", False),                          # a film's title
    ("All the Democrats", "description", False),          # every one of a known group: definite
])
def test_a_quantified_group_is_an_indefinite_description(source, kind, indefinite):
    assert sp.source_type(source) == kind
    if kind == "description":  # indefinite() is asked of descriptions only
        assert sp.indefinite(source) is indefinite



def _gold(text, source, sentence):
    """A reported-speech gold attribution of ``source`` over ``sentence`` of ``text``, typed by the scorer."""
    at = text.index(sentence)
    return sp.GoldAttribution(source, at, "said", [(at, at + len(sentence))], "reported",
                              sp.source_type(source), sp.indefinite(source), sp.is_group(source))


def _predicted(text, sentence, source):
    """The package's reported sentence ``sentence`` of ``text`` with ``source``."""
    at = text.index(sentence)
    return Predicted(at, at + len(sentence), "reported", source, "", sentence)


def test_they_may_refer_to_a_group_but_he_may_not():
    # Gold: "Some Republicans" said ... ; "They" said ... ; "he" said ...  The nearest earlier
    # named Source before all three is "Jane Roe".  For "They" the group is nearer, so the
    # prediction "Some Republicans" is right; for "he" only names count, so it is wrong.
    text = "Jane Roe said yes. Some Republicans said no. They said never. He said maybe."
    gold = functools.partial(_gold, text)
    golds = [gold("Jane Roe", "Jane Roe said yes."), gold("Some Republicans", "Some Republicans said no."),
             gold("They", "They said never."), gold("He", "He said maybe.")]
    predicted = functools.partial(_predicted, text)
    sentences = [predicted("They said never.", "Some Republicans"), predicted("He said maybe.", "Some Republicans")]
    c = sp.score_article("x", text, golds, sentences=sentences).counts
    assert (c["speaker_pronoun_n"], c["speaker_pronoun_right"]) == (2, 1)


@pytest.mark.parametrize("source, kind, head", [
    ("Roe's campaign manager, John Doe,", "name", ["john", "doe"]),        # the name in apposition
    ("Ohio Rep. Jane Roe's chief of staff, John Doe,", "name", ["john", "doe"]),
    ("Jane Roe — a teacher from Mount Example —", "name", ["jane", "roe"]),  # a dash apposition
    ("supporters of her opponent, Sen. Jane Roe", "description", None),    # the head is the plural
    ("members of the Example Caucus", "description", None),                # "<plural> of <name>"
    ("Example officials — including Director Jane Roe", "description", None),
    ("Roe's campaign manager", "name", ["roe"]),                             # unchanged: no apposition
])
def test_a_name_in_apposition_after_a_role(source, kind, head):
    assert sp.source_type(source) == kind
    if head is not None:
        assert sp.head_of(source) == head


def test_apposition_decides_the_speaker():
    assert sp.same_speaker("John Doe", "Roe's campaign manager, John Doe,")
    assert not sp.same_speaker("Jane Roe", "Roe's son, John,")               # the son, not Roe
    assert sp.same_speaker("Jane Roe", "Jane Roe — a teacher from Mount Example —")


def test_a_first_word_alone_names_the_full_name():
    # lower case in this invented corpus: head, the, news, and, foundation, met, spoke
    lower = sp.lower_case_words(["head\nThe news and the foundation met. Lou Jiwei and Jane Roe spoke.\n"])
    assert "foundation" in lower and "jiwei" not in lower
    assert sp.same_speaker("Lou Jiwei", "Mr. Lou", lower)              # a surname written first
    assert sp.same_speaker("Jane Roe", "Jane", lower)                 # a first name alone
    assert not sp.same_speaker("Roe Foundation", "Roe", lower)        # "foundation" is a common word
    assert not sp.same_speaker("Example News", "Example", lower)
    assert not sp.same_speaker("Orlando", "the Orlando Sentinel", lower)  # a short prediction: no
    assert not sp.same_speaker("Lou Jiwei", "Mr. Lou")               # without the corpus: as before
    assert not sp.same_speaker("Jane Roe", "Bill", lower)


def test_an_organisations_short_name_is_its_full_name():
    text = "Hillary Roe spoke. Example said no. The Roe Foundation and Example Research agreed."
    ends = sp.surnames(text)
    assert ("hillary", "roe") in ends and ("example", "research") in ends
    assert sp.same_speaker("Example Research", "Example", ends=ends)          # a short name, as a prefix
    assert sp.same_speaker("Example Research Center", "Example Research", ends=ends)
    assert not sp.same_speaker("Roe Foundation", "Roe", ends=ends)          # "Roe" ends a person's name
    assert not sp.same_speaker("Example records", "Example", ends=ends)     # a lower-case word: no name
    assert not sp.same_speaker("Example and Acme News", "Example", ends=ends)
    assert not sp.same_speaker("Example", "Example Research", ends=ends)    # a short prediction: no
    assert not sp.same_speaker("Example Research", "Example")               # without the article: as before


@pytest.mark.parametrize("source", ["Ralf Jäger, the minister", "Calderón", "Example President Ana Eskelsen García"])
def test_names_with_letters_beyond_ascii(source):
    # before, "Jäger" read as "J" + "ger", a lower-case last word: a description
    assert sp.source_type(source) == "name"
    assert sp.same_speaker("Ralf Jäger", "Ralf Jäger, the minister")
    assert not sp.same_speaker("Ralf Jäger", "Uwe Jäger")


@pytest.mark.parametrize("source, indefinite", [
    ("Twenty-four percent", True), ("Six in 10", True), ("About one in five", True), ("Almost half", True),
    ("More than half of respondents", True), ("Thirty-one percent of those surveyed", True),
    ("the respondents", False), ("The Example Poll", False),
])
def test_a_share_of_people_is_an_unnamed_source(source, indefinite):
    assert sp.source_type(source) == "description"
    assert sp.indefinite(source) is indefinite


@pytest.mark.parametrize("source, followers", [
    ("Mrs. Roe's advisers", True), ("her aides", True), ("Roe's longtime friends and allies", True),
    ("Their supporters", True),
    ("his words", False),                              # not people: the possessor speaks
    ("Example News's analysis", False),
    ("Roe's biographers, Jane and John Doe,", False),  # names in apposition
    ("Roe's campaign manager", False),                 # one person: left as it was (a name)
])
def test_people_around_someone_are_unnamed_not_the_possessor(source, followers):
    assert sp.followers(source) is followers
    if followers:
        assert sp.source_type(source) == "description" and sp.indefinite(source)


def test_the_possessor_is_not_the_speaker_of_his_advisers():
    text = "Jane Roe spoke. Roe's advisers said no. Her aides said yes."
    gold = functools.partial(_gold, text)
    golds = [gold("Jane Roe", "Jane Roe spoke."), gold("Roe's advisers", "Roe's advisers said no."),
             gold("Her aides", "Her aides said yes.")]
    def run(source_1, source_2):
        sentences = [Predicted(text.index(t), text.index(t) + len(t), "reported", src, "", t)
                     for t, src in (("Roe's advisers said no.", source_1), ("Her aides said yes.", source_2))]
        c = sp.score_article("x", text, golds, sentences=sentences).counts
        return c["speaker_name_right"] + c["speaker_description_right"]
    assert run("unnamed", "unnamed") == 2
    assert run("Jane Roe", "Jane Roe") == 0   # before: both right (the name "Roe", the nearest named Source)


def test_an_unresolved_pronoun_names_no_one():
    # gold "she" (referent: the nearest named Source, Jane Roe); the package left "she" as written
    text = "Jane Roe spoke. She said no. I said yes."
    gold = functools.partial(_gold, text)
    golds = [gold("Jane Roe", "Jane Roe spoke."), gold("She", "She said no."), gold("I", "I said yes.")]
    def run(source, sentence):
        at = text.index(sentence)
        c = sp.score_article("x", text, golds, sentences=[Predicted(at, at + len(sentence), "reported", source,
                                                                     "", sentence)]).counts
        return c["speaker_pronoun_right"]
    assert run("she", "She said no.") == 0        # before: right, the text as written equals the gold
    assert run("Jane Roe", "She said no.") == 1
    assert run("I", "I said yes.") == 1           # the first person (an op-ed's writer) is left as it was


def test_he_and_she_skip_a_referent_of_the_other_sex_by_honorific():
    text = "Mrs. Roe spoke. Mr. Doe said no. Doe said so. Bill Roe agreed. She said yes. He said maybe."
    assert sp.honorific_sexes(text) == {"roe": "f", "doe": "m"}
    gold = functools.partial(_gold, text)
    golds = [gold("Mrs. Roe", "Mrs. Roe spoke."), gold("Mr. Doe", "Mr. Doe said no."), gold("Doe", "Doe said so."),
             gold("Bill Roe", "Bill Roe agreed."), gold("She", "She said yes."), gold("He", "He said maybe.")]
    def run(source, sentence):
        at = text.index(sentence)
        c = sp.score_article("x", text, golds, sentences=[Predicted(at, at + len(sentence), "reported", source,
                                                                     "", sentence)]).counts
        return c["speaker_pronoun_right"]
    # "She": the nearest named Source is "Bill Roe" (a full name: its sex is not guessed from
    # "Mrs. Roe"), so it is the referent, as before
    assert run("Bill Roe", "She said yes.") == 1
    # "He": nearest is "Bill Roe" too (unknown sex): kept; "Doe" / "Mr. Doe" come before it
    assert run("Bill Roe", "He said maybe.") == 1
    golds = golds[:3] + golds[4:]  # without "Bill Roe": "She" skips "Doe" and "Mr. Doe" (male) for "Mrs. Roe"
    assert run("Jane Roe", "She said yes.") == 1
    assert run("John Doe", "He said maybe.") == 1


def test_hand_referents_replace_the_nearest_earlier_named_source(tmp_path):
    # Gold: "Jane Roe" said ...; "he" said ...  The narration names John Doe, whom "he" is;
    # the nearest earlier named Source is Jane Roe.  By the proxy the prediction "John Doe"
    # is wrong; with the hand referent "John Doe" it is right, and "Jane Roe" is wrong.
    text = "Jane Roe said yes. John Doe arrived late. He said no. A source said maybe. An aide said never."
    gold = functools.partial(_gold, text)
    golds = [gold("Jane Roe", "Jane Roe said yes."), gold("He", "He said no."),
             gold("A source", "A source said maybe."), gold("An aide", "An aide said never.")]
    predicted = functools.partial(_predicted, text)

    def counts(he, referents):
        sentences = [predicted("He said no.", he), predicted("A source said maybe.", "unnamed"),
                     predicted("An aide said never.", "unnamed")]
        c = sp.score_article("x", text, golds, sentences=sentences, referents=referents).counts
        return c["speaker_pronoun_right"], c["speaker_description_n"], c["speaker_description_right"]

    he_at, source_at, aide_at = text.index("He said"), text.index("A source"), text.index("An aide")
    assert counts("John Doe", None) == (0, 2, 2)
    assert counts("Jane Roe", None) == (1, 2, 2)
    path = tmp_path / "referents.tsv"
    path.write_text(f"article\tsource_start\treferent\nx\t{he_at}\tJohn Doe\nx\t{source_at}\tUNNAMED\n"
                    f"x\t{aide_at}\tUNSURE\n", encoding="utf-8")
    referents = sp.read_referents(path)["x"]
    # an UNSURE Source is not scored: one description left
    assert counts("John Doe", referents) == (1, 1, 1)
    assert counts("Jane Roe", referents) == (0, 1, 1)
    # the sentences scored by hand are those with a referent, whatever is predicted: an
    # unresolved "he" (never right) still counts among them ("He" and "A source": 2)
    sentences = [predicted("He said no.", "he"), predicted("A source said maybe.", "unnamed")]
    assert sp.score_article("x", text, golds, sentences=sentences, referents=referents).counts["speaker_by_referent"] == 2
    bad = tmp_path / "bad.tsv"
    bad.write_text("article\tsource_start\treferent\nx\tnot a number\tJohn Doe\n", encoding="utf-8")
    with pytest.raises(InputDataError, match="line 2"):
        sp.read_referents(bad)


def test_verdicts_say_what_each_speaker_was_scored_against(tmp_path):
    # "He" is scored against the nearest earlier named Source (Jane Roe), then against the
    # hand referent John Doe; the main command writes the same records to a TSV
    text = "Jane Roe said yes. John Doe arrived late. He said no."
    golds = [_gold(text, "Jane Roe", "Jane Roe said yes."), _gold(text, "He", "He said no.")]
    sentences = [_predicted(text, "Jane Roe said yes.", "Jane Roe"), _predicted(text, "He said no.", "John Doe")]
    verdicts = sp.score_article("x", text, golds, sentences=sentences).verdicts
    assert [(v.kind, v.gold, v.against, v.by_hand, v.predicted, v.right) for v in verdicts] == [
        ("name", "Jane Roe", "Jane Roe", False, "Jane Roe", True),
        ("pronoun", "He", "Jane Roe", False, "John Doe", False)]
    by_hand = sp.score_article("x", text, golds, sentences=sentences,
                               referents={text.index("He said"): "John Doe"}).verdicts[1]
    assert (by_hand.against, by_hand.by_hand, by_hand.right) == ("John Doe", True, True)
    out = tmp_path / "verdicts.tsv"
    assert sp.main([str(MINI), "--verdicts", str(out)]) == 0
    rows = out.read_text(encoding="utf-8").splitlines()
    # one row per speaker the scores count
    articles = sp.score(MINI)[0]
    scored = sum(a.counts[f"speaker_{kind}_n"] for a in articles for kind in ("name", "description", "pronoun"))
    assert rows[0].split("\t") == sp.VERDICT_COLUMNS and len(rows) == 1 + scored > 1


def test_a_surname_that_is_a_common_word_names_a_korean_full_name():
    lower = frozenset({"ban", "time"})
    # by reading: "Ban" is Ban Ki-moon; "Time" is still not "Time Magazine"
    assert sp.same_speaker("Ban Ki-moon", "Ban", lower)
    assert not sp.same_speaker("Time Magazine", "Time", lower)


def test_a_person_of_an_institution_is_the_person_by_hand():
    # by reading: "Jane Roe of the Acme Institute" is Jane Roe speaking, not the institute;
    # "Darran Doe of Acme Church in Dayton" is Darran Doe; a title before "of" is no name
    assert sp.same_speaker("Jane Roe", "Jane Roe of the Acme Institute")
    assert not sp.same_speaker("Acme Institute", "Jane Roe of the Acme Institute")
    assert sp.same_speaker("Darran Doe", "Darran Doe of Acme Church in Dayton")
    assert sp.same_speaker("Leonard Roe", "Mr. Roe of the Acme Center")
    assert sp.same_speaker("Jane Roe", "Former Secretary of State Jane Roe")
    assert sp.same_speaker("Jane Roe", "Ohio Secretary of State Jane Roe")


def test_a_relative_pronoun_refers_to_the_name_right_before_it():
    # gold "who" (PolNeAR marks the relative pronoun as the Source): its referent is the
    # name before ", who", not the nearest earlier named Source ("Jane Roe")
    text = "Jane Roe spoke. The mayor sided with John Doe, who said the pier was safe."
    assert sp.antecedent_name(text, text.index("who")) == ["John Doe"]
    # no capitalised name right before it, or a name ending an apposition: no antecedent read
    assert sp.antecedent_name("It came from the mayor, who said so.", 24) == []
    apposed = "said John Doe, the head of the Acme Institute, who said so."
    assert sp.antecedent_name(apposed, apposed.index("who")) == []
    gold = functools.partial(_gold, text)
    sentence = "The mayor sided with John Doe, who said the pier was safe."
    at = text.index(sentence)
    who = sp.GoldAttribution("who", text.index("who"), "said", [(at, at + len(sentence))], "reported",
                             sp.source_type("who"), False, False)
    golds = [gold("Jane Roe", "Jane Roe spoke."), who]
    def run(source):
        c = sp.score_article("x", text, golds, sentences=[_predicted(text, sentence, source)]).counts
        return c["speaker_pronoun_right"]
    assert run("John Doe") == 1   # before: wrong (scored against Jane Roe)
    assert run("Jane Roe") == 0   # before: right
