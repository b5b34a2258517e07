"""Score voices and speakers on PolNeAR, real US news annotated for attribution.

    python scripts/score_polnear.py PATH                # train split (tune here)
    python scripts/score_polnear.py PATH --split dev    # dev split (report, do not tune)
    python scripts/score_polnear.py PATH --worst 15 --errors
    python scripts/score_polnear.py PATH --split dev --referents scripts/polnear_referents_dev.tsv

PATH is a PolNeAR folder holding ``data/`` (``fetch github:networkdynamics/PolNeAR``).
Texts are ``data/<split>/text/<name>.txt``; annotations are brat standoff files
``data/<split>/attributions/<name>_<annotator>.ann`` (or ``<name>.ann``; also looked
for beside the texts).  The ``test`` split is held out and refused.

What is compared, and how:

* **Annotator.**  Some articles have several annotators' files; the first annotator
  in sorted order of the annotator code is used, always, so runs are comparable.
* **Package run.**  Each text goes through the whole pipeline,
  ``analysis.text.article.analyse_text(name, text)``, exactly as an imported
  article would (the file's first line is its headline, which the pipeline sets
  aside; the brat offsets index the same text).
* **Gold attributions.**  Each ``E`` line ties Source, Cue and Content spans.  Its
  class: ``direct`` when the Content's letters lie (>= 50%) inside double quotation marks
  (:func:`quoted_mask`); ``reported`` when the cue holds
  a speech word (:data:`SPEECH_CUES`, written here by hand, independent of the
  package's lexicon) or the cue is only punctuation or empty (a layout speaker,
  ``Roe: ...``); ``excluded`` otherwise: PolNeAR also marks beliefs, intentions and
  perceptions ("thinks", "wants", "plans", "believes"), which are not speech.  The
  excluded cue lemmas are printed with their counts.  Attributions without a
  Content span are skipped (counted).
* **Alignment.**  Gold is moved onto the package's sentences by character overlap:
  a sentence is gold ``direct`` (``reported``) when a direct (reported) Content
  covers at least 30% of its non-space characters (direct wins when both do); it
  is ``excluded`` when only excluded Contents do, and ``none`` otherwise.
  Excluded sentences count in no precision or recall.
* **Voices.**  Direct quotation: gold ``direct`` against the package's voice
  ``quotation`` or ``mixed`` (P/R/F1).  Reported speech: gold ``reported`` against
  voice ``reported`` (recall, precision).
* **Speakers.**  Over gold speech sentences (direct or reported) that the package
  attributes (voice not narration), the gold Source's type is read from its text:
  ``pronoun`` (one of :data:`PRONOUNS`), ``name`` (a capitalised word outside
  parentheses and not first after a determiner: "Sen. Jane Roe", "Roe's campaign
  manager"; a span starting with a determiner, or of several words ending in a
  lower-case common noun with no possessive, "Democratic party officials", is a
  description), else
  ``description`` ("the newspaper", "a spokesman").  A single capitalised word that the
  split's texts write in lower case and never capitalised inside a sentence ("Aides",
  "Critics": :func:`common_nouns`) is a description, and an indefinite one when plural;
  so is a quantified plural group, "Some Democrats", "Many liberal Democrats", "36 percent
  of Republicans" (:func:`_quantified_group`).  The package's speaker is its
  canonical ``source`` (else its ``speaker`` as written).  It is right when it
  matches the gold Source text, or, for a pronoun or description, when it matches
  the name it refers to; the referent is approximated by the nearest earlier gold
  Source in the article whose type is ``name`` (PolNeAR has no coreference gold), or,
  for "they"/"we", also such a plural group (:func:`is_group`); for a relative pronoun
  ("who", "which", "that"), the capitalised run right before it, its antecedent
  (:func:`antecedent_name`: "Jane Roe, who said"); for "he"/"she", a named
  Source whose honorific says the other sex is passed over ("Mr. Doe", or "Doe" when the
  article writes "Mr. Doe": :func:`honorific_sexes`).
  "Matches" (:func:`same_speaker`): after lower-casing and dropping punctuation,
  possessives, determiners and titles, the predicted name's last word equals the
  last word of the gold text's head (its last capitalised run outside parentheses,
  else its last word; cut before "of"/"for": "Senator John Cornyn of Texas",
  "Department of Justice", unless the whole run matches exactly; a name of two to four
  capitalised words opening the Source before "of" is its head: "Jane Roe of the Acme Institute"), and the words
  just before the last ones, the first names, do not differ ("Bill Roe" is not
  "Jane Roe"; "Breitbart's Joel Pollak" is "Joel Pollak"); a gold Source of one word is also
  the predicted full name it begins when the rest of that name is words the split never
  writes in lower case ("Mr. Lou" / "Lou Jiwei", "Hillary" / "Hillary Clinton"; not "Clinton"
  / "Clinton Foundation": :func:`_one_person`), and an organisation's first words are its
  full name ("Pew" / "Pew Research", "Fox" / "Fox News") when the predicted name is all
  capitalised and the gold's last word ends no name in the article (:func:`_prefix_name`).  The package's
  ``unnamed`` source is right for an indefinite gold description ("a source",
  "two officials", "aides", "local party leaders", "Six in 10", "Twenty-four percent":
  :func:`indefinite`).  A
  description of people around someone ("Roe's advisers", "her aides": :func:`followers`)
  is right only as ``unnamed`` or as written, never as the possessor.  A
  description with a name in apposition ("The group's director, Jane Roe,", "Roe's campaign
  manager, John Doe,", "Jane Roe — a teacher —") is a name, unless it heads on a plural
  ("supporters of her opponent, Jane Roe"); "members of the Roe Caucus" is a description.
  A sentence of several gold attributions is right when any of its gold Sources matches.
  A predicted speaker that is an unresolved third-person pronoun ("she", "it", "they") is
  never right: it names no one (first and second person, "I", "we", "you", are kept).
* **Hand referents** (``--referents TSV``).  The nearest earlier named Source is only an
  approximation of whom a pronoun or description refers to (a speaker first named in
  narration is missed).  A file of referents written by reading the text (columns
  ``article``, ``source_start``, ``referent``) replaces it for the Sources it lists: right
  when the predicted name matches the referent; for ``UNNAMED`` (an indefinite source)
  when the package says ``unnamed`` or gives the words as written; for ``NONAMED`` (a
  described source the article never names) and ``AUTHOR`` (the article's own "I") when
  it gives the words as written; ``UNSURE`` ones are not scored.
* **Intervals.**  95% percentile intervals from an article-level bootstrap
  (2,000 resamples of articles with replacement, numpy seed 0): each resample
  recomputes the ratio from the summed counts, so articles are the unit.
"""
from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.errors import InputDataError  # noqa: E402
from analysis.outputs.atomic import write_file  # noqa: E402
from analysis.text.article import analyse_text  # noqa: E402

SEED = 0
N_BOOT = 2000
OVERLAP = 0.3
QUOTED_SHARE = 0.5

#: words (lower case, as written) whose presence in a cue makes it a statement
SPEECH_CUES = frozenset("""
say says said saying tell tells told telling add adds added adding ask asks asked asking answer answered
reply replied replies respond responded responds according explain explained explains explaining
claim claims claimed claiming argue argues argued arguing insist insists insisted insisting
state states stated stating declare declared declares announce announced announces announcing
report reports reported reporting write writes wrote written writing tweet tweets tweeted tweeting
post posted posts note notes noted noting warn warns warned warning urge urged urges urging
call calls called calling describe described describes describing add admit admits admitted admitting
acknowledge acknowledged acknowledges suggest suggested suggests suggesting accuse accused accuses accusing
deny denied denies denying confirm confirmed confirms promise promised promises promising vow vowed vows
pledge pledged pledges charge charged charges counter countered counters quip quipped joke joked
shout shouted yell yelled cry cried exclaim exclaimed remark remarked comment commented comments
mention mentioned mentions point pointed recall recalled recalls recount recounted predict predicted predicts
boast boasted brag bragged complain complained complains criticize criticized criticized criticise criticised
praise praised blast blasted slam slammed attack attacked lash lashed mock mocked ridicule ridiculed
decry decried condemn condemned demand demanded demands request requested order ordered
concede conceded concedes contend contended contends maintain maintained maintains assert asserted asserts
allege alleged alleges testify testified reveal revealed reveals disclose disclosed indicate indicated
indicates signal signaled signalled stress stressed stresses emphasize emphasized emphasise emphasised
repeat repeated repeats reiterate reiterated continue continued go went says: speak spoke speaks speaking
talk talked talks telling interview interviewed statement statements told: declared announcement
tweet: wrote: quoted quote quotes cite cited cites per
""".split())
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me",
                      "his", "its", "their", "our", "my", "your", "who", "which", "that"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my", "this", "that", "these",
                         "those", "some", "one", "two", "three", "several", "many", "another", "other", "both"})
TITLES = frozenset("""mr mrs ms miss dr sen senator rep representative gov governor president pres former
secretary spokesman spokeswoman spokesperson gen general rev candidate nominee chairman chairwoman chair
director adviser advisor aide manager speaker leader mayor judge justice attorney lt col capt sgt
presidential democratic republican gop democrat vice""".split())
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[.\-’'])*")  # letters of any script: "Jäger", "Rodríguez"


@dataclass
class GoldAttribution:
    source: str
    source_start: int
    cue: str
    content: list[tuple[int, int]]
    kind: str  # direct, reported, excluded
    source_type: str  # name, description, pronoun, "" (no source)
    indefinite: bool = False  # an indefinite description (:func:`indefinite`)
    group: bool = False  # a plural group typed a description by its form: "Some Democrats", "Aides"


class Verdict(NamedTuple):
    """One attributed sentence's speaker, as scored: the gold Source's ``kind`` (name,
    description, pronoun) and words, what it was scored against (``against``: the hand
    referent, else the nearest earlier named Source for a pronoun or description, else the
    Source itself), the package's ``predicted`` speaker and whether it is ``right``."""

    article: str
    sentence_start: int
    kind: str
    gold: str
    against: str
    by_hand: bool
    predicted: str
    right: bool
    text: str


VERDICT_COLUMNS = list(Verdict._fields)


@dataclass
class ArticleScore:
    name: str
    counts: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)


# -- reading ---------------------------------------------------------------------

def _spans(field_text: str) -> list[tuple[int, int]]:
    # "Content 10 20;25 40": discontinuous spans
    out = []
    for piece in field_text.split(" ", 1)[1].split(";"):
        a, b = piece.split()
        out.append((int(a), int(b)))
    return out


def read_ann(path: Path, text: str, common: frozenset = frozenset()) -> tuple[list[GoldAttribution], int]:
    """The gold attributions of one brat file and how many lacked a Content span; ``common``
    are the corpus's common nouns (:func:`common_nouns`)."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not re.match(r"[TE]\d+\t", line):
            continue  # other brat lines, and the rest of a span text that ran over several lines
        parts = line.split("\t")
        try:
            if parts[0].startswith("T"):
                label = parts[1].split(" ", 1)[0]
                spans[parts[0]] = (label, _spans(parts[1]), parts[2] if len(parts) > 2 else "")
            elif parts[0].startswith("E"):
                events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
        except (IndexError, ValueError):
            raise InputDataError(path, f"line {number} is not brat standoff: {line[:60]!r}") from None
    out, no_content = [], 0
    mask = quoted_mask(text)
    for event in events:
        content = spans.get(event.get("Content", ""))
        if content is None:
            no_content += 1
            continue
        source = spans.get(event.get("Source", ""))
        cue = spans.get(event.get("Cue", ""))
        source_text = " ".join(text[a:b] for a, b in source[1]) if source else ""
        cue_text = " ".join(text[a:b] for a, b in cue[1]) if cue else ""
        out.append(GoldAttribution(source_text, source[1][0][0] if source else -1, cue_text, content[1],
                                   classify(text, mask, content[1], cue_text), source_type(source_text, common),
                                   indefinite(source_text, common), is_group(source_text, common)))
    return out, no_content


def quoted_mask(text: str) -> np.ndarray:
    """True for characters inside double quotation marks, read line by line: “ opens,
    ” closes, a straight " or a pair of apostrophes '' opens or closes by turns; a line
    that opens a quotation it does not close leaves it open to its end."""
    mask = np.zeros(len(text), dtype=bool)
    for line in re.finditer(r"[^\n]+", text):
        inside, opened = False, 0
        for mark in re.finditer(r"“|”|\"|''", line.group()):
            at = line.start() + mark.start()
            closing = mark.group() == "”" or (mark.group() != "“" and inside)
            if closing and inside:
                mask[opened:at + len(mark.group())] = True
                inside = False
            elif not closing:
                inside, opened = True, at
        if inside:
            mask[opened:line.end()] = True
    return mask


def classify(text: str, mask: np.ndarray, content: list[tuple[int, int]], cue: str) -> str:
    letters = inside = 0
    for a, b in content:
        for k in range(a, b):
            if text[k].isalpha():
                letters += 1
                inside += bool(mask[k])
    if letters and inside / letters >= QUOTED_SHARE:
        return "direct"
    words = [w.strip(".,:;\"“”'").lower() for w in cue.split()]
    if not any(ch.isalpha() for ch in cue) or any(w in SPEECH_CUES for w in words):
        return "reported"
    return "excluded"


_CUE_FILLER = frozenset({"the", "a", "an", "in", "of", "on", "for", "at", "by", "with", "s", "it", "its", "their",
                         "his", "her", "are", "were", "am", "now", "still", "even", "just", "already", "that", "as",
                         "about", "so", "then", "never", "once", "ll", "ve", "re", "d", "m", "being", "made", "make",
                         "making", "took", "take", "gave", "give", "put", "got", "get", "more", "new", "all", "out"})


def cue_lemma(cue: str) -> str:
    """A rough lemma of a cue's main word, for the printed list of excluded cues."""
    words = [w.strip(".,:;\"“”'’").lower() for w in cue.split()]
    words = [w for w in words if w and w not in {"not", "n't", "don’t", "doesn’t", "didn’t", "has", "have", "had",
                                                  "is", "was", "will", "would", "to", "be", "been", "also", "do",
                                                  "does", "did", "can", "could", "may", "might"}]
    words = [w for w in words if w not in _CUE_FILLER and not w.endswith("ly") and w.isalpha()]
    if not words:
        return "(none)"
    word = words[0]
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


def common_nouns(texts) -> frozenset[str]:
    """Words the corpus writes in lower case and never with a capital inside a sentence
    (after a lower-case letter, a comma or a semicolon), headlines aside: "aides", "critics".
    Such a word capitalised at the start of a gold Source is not a name."""
    lower, inside = Counter(), set()
    for text in texts:
        body = text.split("\n", 1)[1] if "\n" in text else ""  # the first line is the headline
        lower.update(w for w in _WORD.findall(body) if w[:1].islower())
        inside.update(m.group(1).lower() for m in re.finditer(r"(?<=[a-z,;])[ \t]+([A-Z][A-Za-z.\-’']*)", body))
    return frozenset(w for w in lower if w not in inside)


def source_type(source: str, common: frozenset = frozenset()) -> str:
    """``pronoun``, ``name``, ``description`` or "" (no source); ``common`` are the
    corpus's common nouns (:func:`common_nouns`)."""
    words = _WORD.findall(_core(source))
    while len(words) > 1 and words[0].lower() in _COMMON_STARTS:
        words = words[1:]  # "Just over a quarter ...": a capital from the sentence start
    if not words:
        return ""
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pronoun"
    if len(words) == 1 and words[0].lower() in common and not re.search(r"\d", source):
        return "description"  # "Aides", "Critics": a common noun capitalised at the sentence start
    if words[0].lower() in DETERMINERS or _quantified_group(source) or followers(source) or \
            re.match(r"[a-z]+[^s'’]s\s+of\s", source.strip()):  # "members of the Roe Caucus"
        return "description"
    if len(words) > 1 and words[-1][:1].islower() and words[-1].lower() not in _SUFFIXES \
            and not re.search(r"['’]s?\s", source):
        return "description"  # a common noun heads it: "Democratic party officials", "GOP member"
    return "name" if any(w[:1].isupper() for w in words) else "description"


_QUANTIFIERS = frozenset({"some", "many", "most", "several", "few", "other", "all", "half", "numerous", "various",
                          "more", "fewer", "majority", "majorities", "minority", "two", "three", "four", "five",
                          "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands", "millions"})
_GROUP_END = frozenset({"and", "or", "who", "which", "that", "in", "on", "at", "from", "across", "to", "with", "for",
                        "by", "like", "including", "such", "as", "of"})


def is_group(source: str, common: frozenset = frozenset()) -> bool:
    """A plural group that a capital would have made a name: a quantified group ("Some
    Democrats", "36 percent of Democrats") or a capitalised common plural ("Aides").  A
    later "they" may refer to it (:func:`score_article`)."""
    words = _WORD.findall(_core(source))
    single = len(words) == 1 and words[0].lower() in common and words[0].lower().endswith("s") \
        and words[0][:1].isupper() and not re.search(r"\d", source)
    return single or _quantified_group(source)


def _quantified_group(source: str) -> bool:
    """A quantifier or a number before a plural group: "Some Democrats", "Many liberal
    Democrats", "Half of Vermont Democrats", "some of Clinton's allies", "85% of Democrats",
    "36 percent of Republicans", "Two-thirds of voters".  The group is the words after the
    quantifier (and "of"), up to a preposition, a conjunction or a dash; its last word is
    a plural ("Both Roe and Doe" is no group: "both" is left out)."""
    tokens = re.findall(r"[A-Za-z0-9][A-Za-z0-9.%\-’']*|[—–-]{1,2}", _core(source))
    if not tokens:
        return False
    first = tokens[0].lower()
    number = re.fullmatch(r"\d[\d.,]*%?", first) and (first.endswith("%") or tokens[1:2] in (["percent"], ["of"]))
    if not (first in _QUANTIFIERS or number or re.fullmatch(r"[a-z]+-(?:in-[a-z]+|thirds|quarters)", first)):
        return False
    rest = tokens[1:]
    if first == "all" and rest[:1] and rest[0].lower() in DETERMINERS:
        return False  # "All the Democrats": every one of a known group
    if rest[:1] and rest[0].lower() in {"percent", "per"}:
        rest = rest[1:] if rest[0].lower() == "percent" else rest[2:]
    if rest[:1] and rest[0].lower() == "of":
        rest = rest[1:]
    group = []
    for token in rest:
        if token.lower() in _GROUP_END or not token[:1].isalpha():
            break
        group.append(token)
    return bool(group) and group[-1].lower().endswith("s") and not re.search(r"['’]s?$", group[-1]) \
        and len(group[-1]) > 3


#: a predicted speaker that is one of these was left unresolved: it names no one
_THIRD_PERSON = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we", "us", "our"})
_COMMON_STARTS = frozenset({"just", "many", "most", "some", "all", "both", "several", "more", "few", "about", "over",
                            "nearly", "almost", "only", "even", "among", "half", "other", "others", "every", "each",
                            "no", "none", "not", "and", "but", "so", "then", "also", "still"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _norm(text: str) -> list[str]:
    words = [re.sub(r"(['’]s?|\.)$", "", w).lower().replace("’", "'") for w in _WORD.findall(text)]
    return [w for w in words if w and w not in DETERMINERS and w.rstrip(".") not in TITLES and w not in _SUFFIXES]


_INDEFINITE = frozenset({"a", "an", "one", "two", "three", "four", "five", "several", "some", "many", "most", "few",
                         "another", "other", "others", "numerous", "various", "multiple", "dozens", "hundreds"})


def indefinite(source: str, common: frozenset = frozenset()) -> bool:
    """An indefinite description: "a source", "two officials", "some analysts", "aides",
    "a mere 9 percent" (first word indefinite, a number, or a plural with no determiner;
    "Aides" with a capital when the corpus writes it in lower case, ``common``)."""
    words = [w.lower() for w in _WORD.findall(source)] or [""]
    if words[0] in _INDEFINITE or re.match(r"\W*\d", source) or words[0] in {"just", "only", "nearly"} \
            or _quantified_group(source) or _a_share(source) or followers(source):
        return True
    core = _WORD.findall(_core(source))
    if len(core) > 1 and core[-1][:1].islower() and core[-1].endswith("s") and words[0] not in DETERMINERS:
        return True  # a plural common noun with no determiner: "Democratic party officials"
    return words[0] not in DETERMINERS and words[0].endswith("s") and \
        (not source[:1].isupper() or (len(core) == 1 and words[0] in common)) or \
        (len(words) > 1 and words[0] in {"a", "an"})


_NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen
fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
half third thirds quarter quarters dozen""".split())
_HEDGES = frozenset({"about", "almost", "nearly", "just", "only", "over", "roughly", "around", "some", "more",
                     "fewer", "less", "than", "under", "a", "an"})


def followers(source: str) -> bool:
    """A plural common noun after a possessive, people around someone, unnamed: "Mrs.
    Roe's advisers", "her aides", "Roe's longtime friends and allies", "their supporters".
    Its speaker is not the possessor.  The last word must name people (:data:`_PEOPLE`:
    not "his words", "POLITICO's analysis"), and no names follow in apposition ("Roe's
    biographers, Jane and John Doe,")."""
    if "," in re.sub(r"\([^)]*\)", " ", source).strip(" ,"):
        return False
    tokens = _WORD.findall(_core(source))
    at = next((k for k, t in enumerate(tokens) if re.search(r"['’]s?$", t) or t.lower() in {"his", "her", "their"}),
              None)
    if at is None or at + 1 >= len(tokens):
        return False
    before, after = tokens[:at], tokens[at + 1:]
    return all(t[:1].isupper() for t in before) and all(t[:1].islower() for t in after) \
        and after[-1] in _PEOPLE


#: plural nouns for people around someone, written here by hand
_PEOPLE = frozenset("""advisers advisors aides allies supporters friends critics lawyers attorneys associates
backers confidants strategists rivals opponents representatives donors fans biographers colleagues detractors
antagonists workers brothers sisters senators founders reviewers leaders questioners editors staffers spokesmen
officials loyalists surrogates defenders voters followers members ministers deputies lieutenants operatives
fundraisers bundlers admirers partisans adversaries enemies foes children sons daughters relatives
parents lawmakers investigators prosecutors agents employees executives""".split())


def _a_share(source: str) -> bool:
    """A count or a share of people, written out: "Twenty-four percent", "Six in 10",
    "About one in five", "Almost half", "More than half of respondents"."""
    tokens = [t.lower() for t in re.findall(r"[\w’'\-]+", source)]
    while tokens and tokens[0] in _HEDGES:
        tokens = tokens[1:]
    return bool(tokens) and (tokens[0][:1].isdigit() or tokens[0].split("-")[0] in _NUMBER_WORDS)


def _core(source: str) -> str:
    """The source without parentheses, appositions and relative clauses: "Jane Roe
    (D-Minn.), a professor at X, who ..." -> "Jane Roe"."""
    plain = re.sub(r"\([^)]*\)", " ", source)
    plain = re.split(r"\s(?:who|which|whose)\s", plain)[0]
    segments = [seg.strip() for seg in re.split(r",|\s[—―–-]{1,2}\s", plain)]
    first = _WORD.findall(segments[0])
    head = re.split(r"\s(?:of|for|in|at)\s", segments[0])[0].split()
    plural = bool(head) and re.fullmatch(r"[a-z]+[^s']s", head[-1]) is not None
    if first and not plural and (first[0].lower() in DETERMINERS or (len(first) > 1 and first[-1][:1].islower())):
        # "The group's director, Jane Roe,", "Roe's campaign manager, John Doe,": the name in
        # apposition is the head; not after a plural ("supporters of her opponent, Jane Roe")
        for seg in segments[1:]:
            words = _WORD.findall(seg)
            if words and all(w[:1].isupper() for w in words):
                return seg
    return segments[0]


#: a name of two to four capitalised words that opens a Source and is followed by "of": "Jane
#: Roe of the Acme Institute", "Jane Roe of Acme Church in Dayton"
_NAME_OF = re.compile(r"((?:[A-Z][\w.’'\-]*\s+){1,3}[A-Z][\w.’'\-]*)\s+of\s+(?:the\s+)?[A-Z]")


def head_of(source: str) -> list[str]:
    """The gold text's head: its last capitalised run outside parentheses, else its words; a
    name of two to four capitalised words before "of" that opens it ("Jane Roe of the Acme
    Institute": the person, not the institute)."""
    plain = _core(source)
    opening = _NAME_OF.match(plain)
    # a name, not a title ("Former Secretary of State Jane Roe", "Ohio Secretary of State ...")
    if opening and not any(w.lower().rstrip(".") in TITLES for w in opening.group(1).split()[1:]) \
            and opening.group(1).split()[0].lower() not in TITLES - {"mr", "mrs", "ms", "miss", "dr"}:
        plain = opening.group(1)
    raw = _WORD.findall(plain)
    runs, current = [], []
    for w in raw:
        if w[:1].isupper() and w.lower().rstrip(".") not in TITLES:
            current.append(w)
        elif current and w.lower() in {"of", "for", "and"}:
            current.append(w)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    if runs:
        while runs[-1] and runs[-1][-1].lower() in {"of", "for", "and"}:
            runs[-1].pop()
        return _norm(" ".join(runs[-1])) or _norm(plain)
    return _norm(plain)


def lower_case_words(texts) -> frozenset[str]:
    """Every word the texts write in lower case somewhere ("news", "foundation", "will"):
    a word never written so is a proper name ("Jiwei", "Clinton")."""
    return frozenset(w for text in texts for w in _WORD.findall(text) if w[:1].islower())


def _one_person(long: list[str], short: list[str], lower: frozenset) -> bool:
    """A gold Source of one word that is the first word of the predicted full name:
    "Hillary" / "Hillary Clinton", "Mr. Lou" / "Lou Jiwei" (a surname written first).  The
    rest of the full name must be proper names that the corpus never writes in lower case,
    so "Clinton" is not "Clinton Foundation" and "Time" is not "Time Magazine".  Not the
    other way round: a predicted "Orlando" is not "the Orlando Sentinel".  A surname that
    is also a common word may stand for a full name whose given name is hyphenated syllables,
    as Korean names are written ("Ban" / "Ban Ki-moon")."""
    syllables = all("-" in w for w in long[1:])
    return len(short) == 1 and len(long) >= 2 and short[0] == long[0] and (short[0] not in lower or syllables) \
        and all(len(w) == 1 or w not in lower for w in long[1:])


_HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
_PRONOUN_SEX = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}


_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w.'’-]*\s+(?:(?:of|for|and)\s+)?)*[A-Z][\w.'’-]*)\s*,\s*$")


def antecedent_name(text: str, start: int) -> list[str]:
    """The capitalised run right before ", " and a relative pronoun at ``text[start]`` ("Ted
    Roe, who said": ``["Ted Roe"]``); ``[]`` when the words before it are not capitalised
    ("the mayor, who said") or the run ends an apposition ("Roe, the head of the Acme
    Institute, who said": the pronoun may be Roe's)."""
    match = _NAME_BEFORE.search(text, max(0, start - 120), start)
    if not match:
        return []
    before = text[max(0, match.start() - 100):match.start()]
    if "," in before and before.rsplit(",", 1)[1].lstrip().lower().startswith(("the ", "a ", "an ")):
        return []
    return [match.group(1)]


def honorific_sexes(text: str) -> dict[str, str]:
    """Surname -> "m" or "f" from the honorifics the article writes before it ("Mr. Roe",
    "Mrs. Doe"); a surname written with both is left out."""
    seen: dict[str, set] = defaultdict(set)
    for title, name in re.findall(r"\b(Mr|Mrs|Ms|Miss)\.?\s+([A-Z][^\W\d_]+)", text):
        seen[name.lower()].add(_HONORIFICS[title.lower()])
    return {name: sexes.pop() for name, sexes in seen.items() if len(sexes) == 1}


def _sex_of(source: str, sexes: dict[str, str]) -> str | None:
    """A named gold Source's sex when an honorific says it: its own ("Mr. Lou") or, for a
    surname alone ("Clinton"), the article's ("Mrs. Clinton" elsewhere)."""
    own = re.match(r"\W*(Mr|Mrs|Ms|Miss)\b", source)
    if own:
        return _HONORIFICS[own.group(1).lower()]
    head = head_of(source)
    return sexes.get(head[0]) if len(head) == 1 else None  # "Bill Clinton" beside "Mrs. Clinton": no


def surnames(text: str) -> frozenset[tuple[str, ...]]:
    """The runs of two or more capitalised words in a text ("Hillary Clinton", "Pew
    Research Center", "White House"), as :func:`_norm` words: names and the words that end them."""
    runs = re.findall(r"[A-Z][\w.’'\-]*(?:[ \t]+[A-Z][\w.’'\-]*)+", text)
    return frozenset(tuple(_norm(run)) for run in runs if _norm(run))


def _prefix_name(long: list[str], short: list[str], ends: frozenset) -> bool:
    """A gold Source that is the first words of the predicted name, "Pew" / "Pew Research
    Center", "Fox" / "Fox News", when its last word ends no name in the article but the
    predicted one's first words (so not "Clinton" / "Clinton Foundation" beside "Hillary
    Clinton") and the predicted name is all capitalised words (not "FEC records", "CNN and
    The New York Times")."""
    return 0 < len(short) < len(long) and long[:len(short)] == short and \
        not any(run[-1] == short[-1] and list(run) != long[:len(run)] for run in ends)


def same_speaker(predicted: str, gold: str, lower: frozenset = frozenset(), ends: frozenset | None = None) -> bool:
    """Whether the predicted speaker names the gold Source; ``lower`` are the corpus's
    lower-case words (:func:`lower_case_words`), which let a first name alone match;
    ``ends`` the article's :func:`surnames`, which let an organisation's short name match."""
    p, head = _norm(predicted), head_of(gold)
    if not p or not head:
        return False
    if p == head or p == _norm(gold):
        return True
    # "Senator John Cornyn of Texas", "Department of Justice": the head noun is before "of"
    cut = next((k for k, w in enumerate(head) if w in {"of", "for"} and k >= 1), len(head))
    for g in [head[:cut]]:
        proper = all(w[:1].isupper() for w in _WORD.findall(predicted))  # no "FEC records", "X and Y"
        if lower and _one_person(p, g, lower) or ends is not None and proper and _prefix_name(p, g, ends):
            return True
        if p[-1] != g[-1]:
            continue
        # the words right before the surname are the first names ("Breitbart's Joel Pollak"
        # is Joel Pollak; "Bill Roe" is not "Jane Roe"); initials say nothing
        if not (len(p) >= 2 and len(g) >= 2 and p[-2] != g[-2] and len(p[-2]) > 1 and len(g[-2]) > 1):
            return True
    return False


# -- scoring ---------------------------------------------------------------------

def annotation_files(split_dir: Path) -> dict[str, Path]:
    """One .ann file per text name: the first annotator in sorted order."""
    texts = sorted((split_dir / "text").glob("*.txt"))
    folders = [split_dir / "attributions", split_dir / "text", split_dir]
    chosen = {}
    for text in texts:
        for folder in folders:
            candidates = sorted(folder.glob(f"{text.stem}_*.ann")) + sorted(folder.glob(f"{text.stem}.ann"))
            candidates = [c for c in candidates if c.stem == text.stem or c.stem[len(text.stem) + 1:].isalnum()]
            if candidates:
                chosen[text.stem] = candidates[0]
                break
    return chosen


#: Hand referents that are no name: an indefinite source, a described one the article never
#: names, the article's own author, and a mention the labeller could not resolve.
UNNAMED, NO_NAME, AUTHOR, UNSURE = "UNNAMED", "NONAMED", "AUTHOR", "UNSURE"


def read_referents(path: Path) -> dict[str, dict[int, str]]:
    """Hand-written referents of pronoun and description Sources (a tab-separated file
    with the columns ``article``, ``source_start`` and ``referent``): for each article,
    the referent of the Source starting at each offset, a name as the article writes it
    or one of :data:`UNNAMED`, :data:`NO_NAME`, :data:`AUTHOR`, :data:`UNSURE`."""
    out: dict[str, dict[int, str]] = defaultdict(dict)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    except OSError as error:
        raise InputDataError(path, f"cannot be read ({error.strerror})") from None
    for number, row in enumerate(rows, 2):
        try:
            out[row["article"]][int(row["source_start"])] = row["referent"].strip()
        except (KeyError, TypeError, ValueError):
            raise InputDataError(path, f"line {number} needs article, source_start (a number) and referent") from None
    return dict(out)


def _right_by_referent(predicted: str, gold: GoldAttribution, referent: str, lower: frozenset,
                       ends: frozenset) -> bool:
    """Whether ``predicted`` is the hand ``referent`` of a pronoun or description Source: its
    name; for an indefinite source the package's ``unnamed`` or the words as written; for a
    described source the article never names, or the author's "I", the words as written."""
    if referent == UNNAMED:
        return predicted == "unnamed" or same_speaker(predicted, gold.source, lower, ends)
    if referent in (NO_NAME, AUTHOR):
        return same_speaker(predicted, gold.source, lower, ends)
    return same_speaker(predicted, referent, lower, ends)


def score_article(name: str, text: str, gold: list[GoldAttribution], show_errors: bool = False,
                  sentences=None, lower: frozenset = frozenset(),
                  referents: dict[int, str] | None = None) -> ArticleScore:
    """Counts for one article; ``sentences`` (records with ``start``, ``end``, ``voice``,
    ``source``, ``speaker``, ``text``) default to the package's own; ``referents`` are hand
    referents by Source offset (:func:`read_referents`), used instead of the nearest earlier
    named Source for the pronouns and descriptions they cover (an :data:`UNSURE` one is not
    scored: ``speaker_unsure``)."""
    referents = referents or {}
    result = ArticleScore(name)
    if sentences is None:
        sentences = analyse_text(name, text).sentences
    # nearest earlier named gold Source, for pronouns and descriptions
    ends = surnames(text)
    sexes = honorific_sexes(text)
    named = sorted((g.source_start, g.source, g.source_type == "name") for g in gold
                   if g.source_type == "name" or g.group)
    for s in sentences:
        chars = [k for k in range(s.start, s.end) if not text[k].isspace()]
        if not chars:
            continue
        cover: dict[str, list[GoldAttribution]] = defaultdict(list)
        share: Counter = Counter()
        for g in gold:
            n = sum(max(0, min(b, s.end) - max(a, s.start)) for a, b in g.content)
            if n:
                inside = sum(1 for a, b in g.content for k in range(max(a, s.start), min(b, s.end))
                             if not text[k].isspace())
                share[g.kind] += inside / len(chars)
                cover[g.kind].append(g)
        label = "direct" if share["direct"] >= OVERLAP else "reported" if share["reported"] >= OVERLAP \
            else "excluded" if share["excluded"] >= OVERLAP or (share["direct"] + share["reported"]) > 0 else "none"
        c = result.counts
        predicted_direct = s.voice in ("quotation", "mixed")
        predicted_reported = s.voice == "reported"
        if label == "excluded":
            c["excluded_sentences"] += 1
            continue
        c["direct_tp"] += label == "direct" and predicted_direct
        c["direct_fp"] += label != "direct" and predicted_direct
        c["direct_fn"] += label == "direct" and not predicted_direct
        c["reported_tp"] += label == "reported" and predicted_reported
        c["reported_fp"] += label != "reported" and predicted_reported
        c["reported_fn"] += label == "reported" and not predicted_reported
        if label in ("direct", "reported") and s.voice != "narration":
            golds = [g for g in cover[label] if g.source_type]
            if not golds:
                continue
            kind = golds[0].source_type
            by_hand = referents.get(golds[0].source_start) if kind in ("pronoun", "description") else None
            if by_hand == UNSURE:
                c["speaker_unsure"] += 1
                continue
            c["speaker_by_referent"] += by_hand is not None  # counted whatever the prediction
            predicted = s.source or s.speaker
            right = False
            against = by_hand or golds[0].source
            for g in golds if predicted.lower() not in _THIRD_PERSON else []:
                referent = referents.get(g.source_start) if g.source_type in ("pronoun", "description") else None
                if referent is not None and referent != UNSURE:
                    right = _right_by_referent(predicted, g, referent, lower, ends)
                elif followers(g.source):
                    # "Roe's advisers": unnamed people, not Roe; right when unnamed or as written
                    right = predicted == "unnamed" or (_norm(predicted) == _norm(g.source) != [])
                elif same_speaker(predicted, g.source, lower, ends):
                    right = True
                elif predicted == "unnamed" and g.source_type == "description" and g.indefinite:
                    right = True  # "a source", "two officials", "aides": the package's unnamed source
                elif g.source_type in ("pronoun", "description"):
                    plural = g.source_type == "pronoun" and g.source.lower() in _PLURAL_PRONOUNS
                    sex = _PRONOUN_SEX.get(g.source.lower()) if g.source_type == "pronoun" else None
                    earlier = [src for start, src, name in named if start < g.source_start and (name or plural)
                               and not (sex and _sex_of(src, sexes) not in (None, sex))]
                    if g.source_type == "pronoun" and g.source.lower() in _RELATIVE_PRONOUNS:
                        earlier = antecedent_name(text, g.source_start) or earlier  # "Jane Roe, who said"
                    right = bool(earlier) and same_speaker(predicted, earlier[-1], lower, ends)
                    if g is golds[0] and by_hand is None:
                        against = earlier[-1] if earlier else ""
                if right:
                    break
            result.verdicts.append(Verdict(name, s.start, kind, golds[0].source, against, by_hand is not None,
                                           predicted, right, s.text))
            c[f"speaker_{kind}_n"] += 1
            c[f"speaker_{kind}_right"] += right
            if not right:
                result.errors.append(f"  [{kind}] gold {golds[0].source!r} predicted {predicted!r}: "
                                     f"{s.text[:110]!r}")
        if label in ("direct", "reported") and not (predicted_direct or predicted_reported) and show_errors:
            result.errors.append(f"  [missed {label}] {s.text[:120]!r}")
    return result


def bootstrap(articles: list[ArticleScore], numerator, denominator, rng_seed: int = SEED):
    num = np.array([numerator(a.counts) for a in articles], dtype=float)
    den = np.array([denominator(a.counts) for a in articles], dtype=float)
    if den.sum() == 0:
        return float("nan"), float("nan"), float("nan")
    rng = np.random.default_rng(rng_seed)
    idx = rng.integers(0, len(articles), size=(N_BOOT, len(articles)))
    n, d = num[idx].sum(axis=1), den[idx].sum(axis=1)
    ratios = n[d > 0] / d[d > 0]
    return num.sum() / den.sum(), float(np.percentile(ratios, 2.5)), float(np.percentile(ratios, 97.5))


def f1_interval(articles: list[ArticleScore]):
    tp = np.array([a.counts["direct_tp"] for a in articles], dtype=float)
    fp = np.array([a.counts["direct_fp"] for a in articles], dtype=float)
    fn = np.array([a.counts["direct_fn"] for a in articles], dtype=float)
    rng = np.random.default_rng(SEED)
    idx = rng.integers(0, len(articles), size=(N_BOOT, len(articles)))
    t, p, n = tp[idx].sum(1), fp[idx].sum(1), fn[idx].sum(1)
    f1 = 2 * t / np.maximum(2 * t + p + n, 1)
    return 2 * tp.sum() / max(2 * tp.sum() + fp.sum() + fn.sum(), 1), float(np.percentile(f1, 2.5)), \
        float(np.percentile(f1, 97.5))


def metrics(articles: list[ArticleScore]) -> dict[str, tuple[float, float, float, int]]:
    out = {}

    def add(label, num, den):
        value = bootstrap(articles, num, den)
        out[label] = (*value, int(sum(den(a.counts) for a in articles)))

    add("direct quotation precision", lambda c: c["direct_tp"], lambda c: c["direct_tp"] + c["direct_fp"])
    add("direct quotation recall", lambda c: c["direct_tp"], lambda c: c["direct_tp"] + c["direct_fn"])
    f1 = f1_interval(articles)
    out["direct quotation F1"] = (*f1, int(sum(a.counts["direct_tp"] + a.counts["direct_fn"] for a in articles)))
    add("reported speech recall", lambda c: c["reported_tp"], lambda c: c["reported_tp"] + c["reported_fn"])
    add("reported speech precision", lambda c: c["reported_tp"], lambda c: c["reported_tp"] + c["reported_fp"])
    for kind in ("name", "description", "pronoun"):
        add(f"speaker accuracy: {kind}s", lambda c, k=kind: c[f"speaker_{k}_right"],
            lambda c, k=kind: c[f"speaker_{k}_n"])
    add("speaker accuracy: names+descriptions",
        lambda c: c["speaker_name_right"] + c["speaker_description_right"],
        lambda c: c["speaker_name_n"] + c["speaker_description_n"])
    add("speaker accuracy: all", lambda c: sum(c[f"speaker_{k}_right"] for k in ("name", "description", "pronoun")),
        lambda c: sum(c[f"speaker_{k}_n"] for k in ("name", "description", "pronoun")))
    return out


def score(path: Path, split: str = "train", show_errors: bool = False, predict=None,
          referents: dict[str, dict[int, str]] | None = None):
    """(articles, excluded cue lemmas, attributions without content, annotator files used);
    ``referents`` by article (:func:`read_referents`)."""
    if split == "test":
        raise InputDataError(path, "the test split is held out; score train or dev")
    split_dir = path / "data" / split
    if not (split_dir / "text").is_dir():
        raise InputDataError(split_dir / "text", "no such folder (PATH must hold PolNeAR's data/)")
    files = annotation_files(split_dir)
    if not files:
        raise InputDataError(split_dir, "no .ann files found")
    articles, excluded, no_content = [], Counter(), 0
    texts = {stem: (split_dir / "text" / f"{stem}.txt").read_text(encoding="utf-8") for stem in files}
    common = common_nouns(texts[stem] for stem in sorted(texts))
    lower = lower_case_words(texts[stem] for stem in sorted(texts))
    for stem, ann in sorted(files.items()):
        text = texts[stem]
        gold, missing = read_ann(ann, text, common)
        no_content += missing
        excluded.update(cue_lemma(g.cue) for g in gold if g.kind == "excluded")
        predicted = predict(stem, text) if predict is not None else None
        articles.append(score_article(stem, text, gold, show_errors, predicted, lower, (referents or {}).get(stem)))
    return articles, excluded, no_content, files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path, help="a PolNeAR folder holding data/")
    parser.add_argument("--split", default="train", choices=["train", "dev", "test"])
    parser.add_argument("--worst", type=int, default=10, help="how many worst articles to list")
    parser.add_argument("--errors", action="store_true", help="print each wrong speaker of the worst articles")
    parser.add_argument("--referents", type=Path, metavar="TSV",
                        help="hand referents of pronoun and description Sources (columns article, source_start, "
                             "referent), used instead of the nearest earlier named Source")
    parser.add_argument("--verdicts", type=Path, metavar="TSV",
                        help="write every scored speaker (columns: " + ", ".join(VERDICT_COLUMNS) + ") to this file")
    args = parser.parse_args(argv)
    try:
        referents = read_referents(args.referents) if args.referents else None
        articles, excluded, no_content, files = score(args.path, args.split, args.errors, referents=referents)
    except InputDataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    total = Counter()
    for a in articles:
        total.update(a.counts)
    if args.verdicts:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
        writer.writerow(VERDICT_COLUMNS)
        writer.writerows(v._replace(text=" ".join(v.text.split())) for a in articles for v in a.verdicts)
        write_file(args.verdicts.parent, args.verdicts.name, buffer.getvalue())  # whole or not at all
    print(f"PolNeAR {args.split}: {len(articles)} articles (first annotator in sorted order of its code), "
          f"whole pipeline (analyse_text)")
    import analysis  # the script puts its own tree first on sys.path, before PYTHONPATH
    print(f"package: {Path(analysis.__file__).parent}")
    print(f"left out: {sum(excluded.values())} belief/intention/perception attributions "
          f"({total['excluded_sentences']} sentences), {no_content} attributions without a Content span")
    if referents is not None:
        print(f"pronoun and description referents: by hand from {args.referents} for "
              f"{total['speaker_by_referent']} attributed sentences ({total['speaker_unsure']} left out as unsure); "
              f"the nearest earlier named Source for the rest")
    top = excluded.most_common(40)
    rest = sum(excluded.values()) - sum(n for _, n in top)
    print("excluded cue lemmas (most common 40): " + ", ".join(f"{lemma} {n}" for lemma, n in top)
          + f"; {len(excluded) - len(top)} other lemmas, {rest} attributions")
    print(f"\n{'measure':38s} {'value':>7s}  {'95% interval (article bootstrap)':>32s}  {'n':>6s}")
    for label, (value, low, high, n) in metrics(articles).items():
        print(f"{label:38s} {value:7.3f}  [{low:.3f}, {high:.3f}]{'':17s}  {n:6d}")

    def wrong(a):
        c = a.counts
        return (sum(c[f"speaker_{k}_n"] - c[f"speaker_{k}_right"] for k in ("name", "description", "pronoun"))
                + c["direct_fp"] + c["direct_fn"] + c["reported_fp"] + c["reported_fn"])

    print(f"\nworst {args.worst} articles (speaker errors + voice misses and false alarms):")
    for a in sorted(articles, key=lambda a: (-wrong(a), a.name))[:args.worst]:
        c = a.counts
        n = sum(c[f"speaker_{k}_n"] for k in ("name", "description", "pronoun"))
        r = sum(c[f"speaker_{k}_right"] for k in ("name", "description", "pronoun"))
        print(f"{wrong(a):4d}  {a.name}  speakers {r}/{n}  direct fn/fp {c['direct_fn']}/{c['direct_fp']}  "
              f"reported fn/fp {c['reported_fn']}/{c['reported_fp']}")
        if args.errors:
            print("\n".join(a.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
