"""Who is speaking in a sentence, read from its unquoted words.

Works on the sentence with every quoted stretch replaced by one placeholder
character (so a quotation, however long, is one token), split into word and
punctuation tokens by a possessive (linear-time) pattern; everything after that
is token-level logic over bounded windows, so attribution is linear in the
sentence length whatever the input.

A speech verb comes from the lexicon ``data/speech_verbs.csv`` (lemma, every
inflected form, multi-word forms such as "pointed out", "called on"; verbs of
belief and finding such as "found" only count before "that"; "spoke" alone ("spoke at
the rally") is not a row, "spoke about" is).  An attribution
is accepted in these news shapes, tried in this order (the order is the behaviour):

1. a speaker stated by layout: a quotation signed after a dash (``"..." ― Jane Roe``),
   or (:data:`LAYOUT_PASSES`) a transcript turn ``ROE: We ...``, or ``Jane Roe, editor
   of The Review: "..."``;
2. ``according to X`` (:data:`ACCORDING_PASSES`; X: a name, a description, or the
   organisation behind "figures"/"a statement from ...");
3. for each speech verb (a lexicon form, unless one of :data:`VERB_VETOES` reads it as
   something else), the finders of :data:`VERB_FINDERS`:

   a. a tag set off by commas after a subject that is no name: ``The trouble, says
      Jane Roe, a historian, is ...``;
   b. subject before the verb, the subject starting a clause (sentence start, after
      an introductory phrase and comma, after "but"/"and"/"as"): ``X said``,
      ``X, 52, who ..., said:``, ``..., X reported.``, ``X has warned``;
   c. coordinated: ``X laughed and said``, ``Veltra cut its forecast and said``;
   d. inverted after a quotation or comma: ``"...," said café owner Sofia Marques.``;
   e. in a clause after the main one: a relative clause on its object (``..., who said``),
      a "when" clause, a relative clause with its own subject and the statement after the
      verb (``the fees, which officials said will start in May``);
4. a participle after the main clause: ``X unveiled the bill, claiming ...``,
   ``X ended the meeting by announcing ...``;
5. a clause ending in a colon before a quotation: ``Roe leaned in and boomed: "..."``;
6. failing all these, "said" (or "argued", "suggests", ...) right before a statement of its
   own ("said they ...", "says that ...") after words read as no subject: ``Organizers of
   the push to close the pier said they are worried`` (:func:`_said_a_statement`).

A subject noun phrase is read by :func:`analyse_subject`, an ordered tuple of named
passes (:data:`SUBJECT_PASSES`; :func:`decide_subject` says which pass decided).

Passives ("is expected to"), negations ("did not say"), nouns ("their say",
"the union's claims") and relative clauses (", who said ...") are not
attributions, but for a question put to the subject ("Roe was asked whether ..."): when no
other verb or participle in the sentence names a speaker, it is the unnamed asker's.  The
speaker is returned as written but cleaned (no trailing punctuation, role nouns and titles
before a name dropped: "Delivery driver Gary Mills" -> "Gary Mills", "Cal Fire Capt. Ramon
Ibarra" -> "Ramon Ibarra"), with a kind: ``name``, ``pronoun``, ``description`` ("the
diplomat", "police") or ``unnamed`` ("a source close to ...", "two officials familiar with
...").
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import NamedTuple

from .resources import US_STATE_NAMES

QUOTE_PLACEHOLDER = "\x00"
SUBJECT_WINDOW = 40  # tokens before a verb searched for its subject
MAX_VERBS = 12       # speech verbs tried per sentence (keeps pathological input linear)

_CAMEL = re.compile(r"[a-z]{1,4}+[A-Z]")
# Possessive quantifiers: no backtracking, so tokenising is linear in the text length.
_TOKEN = re.compile(r"[^\W_][\w’'&.-]*+|[^\w\s]")


class Token(NamedTuple):
    text: str
    lower: str


class Attribution(NamedTuple):
    """A speaker found in a sentence: ``speaker`` (cleaned surface form), ``kind``
    (name, pronoun, description, unnamed), ``hint`` (person, organisation or ""),
    ``verb`` (the speech verb's lemma, or "according to") and ``rule`` (which shape
    matched: layout, according, subject, coordinated, inverted, relative, when, gap, participle,
    colon, passive, statement)."""

    speaker: str
    kind: str
    hint: str
    verb: str
    rule: str
    #: a quotation introduced by the attribution itself ('X said: "..."', '"...," X said')
    direct: bool = False
    #: unquoted words that are neither the attribution tag nor a short adverbial
    #: ("in an interview", "told CNN"): 0 for a bare tag
    extra_words: int = 0
    tag: tuple = ()
    #: the tag closes the sentence right before a final colon, with at most a short adverbial
    #: or addressee after its verb ('In a speech on Monday, Roe said:', '..., and Roe replied:'):
    #: the sentence says who speaks, not what
    ends_before_colon: bool = False


class SpeechVerb(NamedTuple):
    words: tuple[str, ...]
    lemma: str
    needs_that: bool


@functools.lru_cache(maxsize=1)
def speech_verbs() -> dict[str, list[SpeechVerb]]:
    """The lexicon (``data/speech_verbs.csv``), indexed by first word, longest forms first."""
    index: dict[str, list[SpeechVerb]] = {}
    with resources.files("analysis.text").joinpath("data/speech_verbs.csv").open(encoding="utf-8") as handle:
        rows = [(row["lemma"], row["forms"], row["needs_that"]) for row in csv.DictReader(handle)]
    for lemma, forms, needs_that in rows:
        for form in forms.split("|"):
            words = tuple(form.split())
            index.setdefault(words[0], []).append(SpeechVerb(words, lemma, needs_that == "1"))
    for forms in index.values():
        forms.sort(key=lambda v: -len(v.words))
    return index


PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my", "this", "that", "these", "those"})
INDEFINITE = frozenset({"a", "an", "another", "one", "two", "three", "four", "five", "several", "some", "many",
                        "most", "few", "other", "others", "senior", "furious", "angry", "local"})
LEADING_WORDS = frozenset({"but", "and", "or", "however", "meanwhile", "yet", "so", "now", "later", "then", "also",
                           "even", "still", "instead", "separately", "earlier", "as", "while", "whereas", "though"})
AUXILIARIES = frozenset({"has", "have", "had", "also", "instead", "later", "now", "then", "again", "previously", "repeatedly",
                         "simply", "further", "earlier", "initially", "separately", "publicly", "privately",
                         "yesterday", "today", "reportedly", "once", "recently", "already", "originally",
                         "both"})  # "Roe and Doe have both argued", "Roe and Doe both said"
PASSIVE = frozenset({"is", "was", "are", "were", "be", "been", "being", "not", "never", "n't", "to", "cannot"})
BLOCK_IN_SUBJECT = frozenset({"is", "was", "were", "are", "be", "been", "being", "has", "have", "had", "did", "does",
                              "do", "would", "will", "can", "could", "should", "may", "might", "must", "when",
                              "where", "after", "before", "because", "if", "not", "to", "than", "into", "why",
                              "what", "how", "whether", "asked", "speaking", "writing"})
PREPOSITIONS = frozenset({"in", "on", "at", "with", "from", "after", "during", "under", "by", "for", "to", "into",
                          "over", "since", "until", "despite", "without", "within", "amid", "asked", "speaking",
                          "writing", "last", "earlier", "if", "when", "although", "because", "before"})
RELATIVE = frozenset({"who", "which", "that", "whose", "whom", "where"})
CLAUSE_PUNCT = frozenset({",", ":", ";", "—", "–", "-", "(", ")", QUOTE_PLACEHOLDER})
CONJUNCTIONS = frozenset({"but", "and", "while", "as", "whereas", "yet", "so", "although", "though"})
#: plural nouns that name a vague group of people ("officials said") -> unnamed
COLLECTIVE_UNNAMED = frozenset({"officials", "authorities", "locals", "residents", "neighbours", "neighbors",
                                "analysts", "experts", "critics", "campaigners", "sources", "witnesses", "insiders",
                                "aides", "diplomats", "observers", "people", "economists", "protesters", "activists",
                                "parents", "teachers", "workers", "staff", "medics", "doctors", "scientists",
                                "researchers", "lawmakers", "legislators", "ministers", "colleagues", "friends",
                                "relatives", "family", "onlookers", "passengers", "voters", "traders", "investors",
                                "executives", "leaders", "members", "supporters", "strategists", "pollsters",
                                "advisers", "advisors", "operatives", "donors", "organizers", "organisers", "allies",
                                "opponents", "delegates"})
#: nouns for a body's own staff ("police said", "inspectors found") -> that organisation
COLLECTIVE_BODY = frozenset({"police", "inspectors", "investigators", "regulators", "prosecutors", "officers",
                             "firefighters", "paramedics", "coastguard"})
ANONYMOUS = frozenset({"close", "named", "anonymity", "familiar", "anonymous", "unnamed", "authorised", "authorized",
                       "identified", "privy", "knowledgeable"})
#: words that make a capitalised name an organisation rather than a person
ORG_WORDS = frozenset("""
agency administration alliance association authority bank board bureau capital centre center charity
club co college commission committee company corp corporation council court department directorate
embassy executive federation forum foundation fund government group hospital inc institute
institution league ltd ministry motors minerals mission network office organisation organization
parliament partners partnership plc police press service services society street trust union
university watch airlines airways energy holdings industries international labs laboratories
news times post guardian telegraph gazette courier herald journal tribune mail mirror express
standard observer independent chronicle echo reuters bbc cnn press trains railways army navy
force forces party campaign coalition network exchange commission institute senate congress
white kremlin whitehall downing assembly cabinet treasury pentagon fire rescue weather council
""".split())
ORG_DESCRIPTORS = frozenset("""group firm company miner carmaker automaker charity union agency bank insurer airline
carrier retailer newspaper broadcaster outlet council ministry department regulator watchdog
organisation organization operator developer manufacturer maker producer chain supplier lender
body authority association trust provider platform giant startup network publisher""".split())
TITLES = frozenset("""leader whip firefighter nurse driver teacher parent mum dad widow widower pensioner grandmother
grandfather gran grandad farmer resident student analyst neighbour landlord landlady shopkeeper campaigner
activist survivor victim witness economist lawyer solicitor barrister engineer worker
mr mrs ms miss mx dr prof professor sir lord lady dame sen senator rep representative
gov governor capt captain gen general col colonel lt lieutenant sgt sergeant det detective insp
inspector cmdr commander adm admiral maj major rev reverend president minister director ceo cfo coo
chairman chairwoman chair sheriff chief executive superintendent officer secretary judge justice mayor
councillor cllr commissioner chancellor king queen prince princess pope father constable pc dc ds di
dci supt ch chancellor ambassador speaker spokesperson spokesman spokeswoman manager head deputy
vice acting financial operating assistant principal coach founder owner editor publisher columnist anchor host
correspondent reporter nominee candidate strategist pollster adviser advisor aide attorney commentator historian
author contributor""".split())
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "lady", "lord", "dame", "prof"})
PRONOUN_FORMS = {"he": "he", "she": "she", "they": "they", "it": "it", "we": "we", "i": "I", "you": "you"}
CONNECTORS = frozenset({"of", "for", "and", "&", "on", "de", "von", "van", "der", "la", "le", "du", "da", "al"})


def tokenize(text: str) -> list[Token]:
    """Word and punctuation tokens; a trailing full stop leaves a word unless it is
    an abbreviation kept whole ("Mr.", "Capt.", "U.S.")."""
    return list(_tokens_of(text))  # a fresh list: callers may slice or extend their own


@functools.lru_cache(maxsize=1024)
def _tokens_of(text: str) -> tuple[Token, ...]:
    # memoised: a sentence is tokenized for its attribution, its mentions and its subject
    tokens = []
    if "―" in text:
        text = text.replace("―", "—")  # a horizontal bar set as a dash ('DORVALE ― Roe said') reads as one
    for word in _TOKEN.findall(text):
        if len(word) > 1 and word.endswith(".") and word.count(".") == 1 and word[:-1].lower() not in TITLES \
                and not (len(word) == 2 and word[0].isupper()):  # a middle initial ("John Q. Roe") stays whole
            tokens.append(_new_token(Token, (word[:-1], word[:-1].lower())))
            if word[:-1].lower() not in _NAME_SUFFIXES:  # 'Jane Roe Jr., who ...': the stop is the suffix's
                tokens.append(_FULL_STOP)
        else:
            tokens.append(_new_token(Token, (word, word.lower())))
    return tuple(tokens)


_new_token = tuple.__new__  # Token(text, lower) without the generated __new__'s Python frame


_FULL_STOP = Token(".", ".")
_NAME_SUFFIXES = frozenset({"jr", "sr"})


def _is_cap(token: Token) -> bool:
    return _capitalised(token.text)


@functools.lru_cache(maxsize=65536)  # asked of every token many times over; the answer depends on the word alone
def _capitalised(word: str) -> bool:
    if not word[:1].isupper() and not _CAMEL.match(word):  # "easyJet", "eBay"
        return False
    # "Mum-of-three": a hyphenated word with lower-case parts is a description, not a name,
    # except a given name of two syllables as Korean ones are written ("Ban Ki-moon", "Jae-in")
    return not ("-" in word and any(part[:1].islower() for part in word.split("-")[1:])) or _syllable_name(word)


#: short capitalised prefixes that make a hyphenated word a description ("Ex-wife", "Co-founder")
_HYPHEN_PREFIXES = frozenset({"ex", "pro", "non", "co", "pre", "mid", "sub", "neo", "bi", "tri", "re", "un", "far",
                              "top", "big", "low", "all", "one", "two", "six", "ten", "old", "new", "sit", "set",
                              "anti", "self", "well", "post", "semi", "off", "out", "end", "war", "tax", "pay"})


def _syllable_name(word: str) -> bool:
    """'Ki-moon', 'Jae-in', 'Jong-un': two short parts, the first capitalised and no prefix."""
    parts = word.split("-")
    return len(parts) == 2 and parts[0][:1].isupper() and parts[0].isalpha() and parts[1].isalpha() \
        and 2 <= len(parts[0]) <= 3 and 2 <= len(parts[1]) <= 4 and parts[1].islower() \
        and parts[0].lower() not in _HYPHEN_PREFIXES


def _is_possessive(token: Token) -> bool:
    return token.lower.endswith(("'s", "’s", "s'", "s’"))


def _strip_possessive(word: str) -> str:
    return _POSSESSIVE_END.sub("", word)


_POSSESSIVE_END = re.compile(r"['’]s?$")


_QUESTION_WORDS = frozenset({"whether", "if", "why", "what", "which", "how", "when", "who", "where", "about"})


class VerbUse(NamedTuple):
    """One speech-verb form found at ``tokens[start:end]``, with what is around it:
    ``before``/``after`` the lower-case words either side ("" at the ends),
    ``quoted_before`` whether a quotation comes right before it or before its subject
    ('"...," added another aide', '"...," he declared at the rally') and ``addressed``
    whether "to" after it names an addressee ("reiterated to ABC News that ...", '"...,"
    Roe said to laughs')."""

    tokens: list[Token]
    start: int
    end: int
    verb: SpeechVerb
    before: str
    after: str
    quoted_before: bool
    addressed: bool

    @classmethod
    def at(cls, tokens: list[Token], start: int, verb: SpeechVerb) -> VerbUse:
        end = start + len(verb.words)
        after = tokens[end].lower if end < len(tokens) else ""
        addressed = after == "to" and (any(t.lower == "that" for t in tokens[end + 1:end + 7])
                                       or any(t.text == QUOTE_PLACEHOLDER for t in tokens[max(0, start - 8):start]))
        return cls(tokens, start, end, verb, tokens[start - 1].lower if start else "", after,
                   _quotation_before(tokens, start), addressed)


#: At most this many words of a subject between a quotation and its tag's verb ('"...," Jane Roe declared').
_SUBJECT_AFTER_QUOTATION = 4
#: Words that open a clause of its own: '"...", and the mayor declared a state of emergency'.
_CLAUSE_JOINS = frozenset({"and", "but", "or", "so", "then", "while", "as", "when", "because"})


def _quotation_before(tokens: list[Token], start: int) -> bool:
    """Whether a quotation ends right before ``tokens[start]`` or before a subject of up to
    :data:`_SUBJECT_AFTER_QUOTATION` words with no punctuation in it (a comma may follow
    the closing mark): '"..." declared Roe', '"...," he declared', '"...", Jane Roe declared'."""
    k = start - 1
    while k >= 0 and start - 1 - k < _SUBJECT_AFTER_QUOTATION and tokens[k].text not in CLAUSE_PUNCT \
            and tokens[k].text not in {".", "!", "?"} and tokens[k].lower not in _CLAUSE_JOINS:
        k -= 1
    if k >= 1 and tokens[k].text == ",":
        k -= 1  # '"...", Jane Roe declared': the comma outside the marks
    return k >= 0 and tokens[k].text == QUOTE_PLACEHOLDER


def _inside_a_name(use: VerbUse) -> bool:
    """"Connecticut State Police": a capitalised form after a word other than punctuation
    is part of a name; so is a form inside markup left in the text ("</tweet>")."""
    tokens, i = use.tokens, use.start
    if i and tokens[i - 1].text in {"<", "/"}:
        return True
    return bool(i) and tokens[i].text[:1].isupper() and tokens[i - 1].text not in CLAUSE_PUNCT | {"."}


#: words of wanting or readiness before "to say that ...": an intention, not a statement
_INTENTION_WORDS = frozenset({"want", "wants", "wanted", "hope", "hopes", "hoped", "plan", "plans", "planned",
                              "intend", "intends", "intended", "wish", "wishes", "wished", "like", "need", "needs",
                              "needed", "ready", "willing", "eager", "prepared"})


def _passive_or_noun(use: VerbUse) -> bool:
    """"is expected to", "did not say how many", "their say", "the union's claims", "in six
    states": a passive, a negation or a noun (after a number too: :func:`_counted_noun`).
    "is suggesting", "has been urging" (progressive), "did not claim that ..." (a
    negated statement with its content) and "went out of her way to say that ..." (an
    infinitive with its content, not after a word of wanting or readiness:
    :func:`_said_a_statement`) still read as verbs."""
    tokens, i, before = use.tokens, use.start, use.before
    active = (before in _BE and tokens[i].lower.endswith("ing")) \
        or (before in _NEGATIONS and use.end < len(tokens) and tokens[use.end].lower == "that") \
        or (before == "to" and _control_start(tokens, i) < i) \
        or (before == "to" and use.after == "that" and use.verb.lemma in _STATEMENT_VERBS
            and (i < 2 or tokens[i - 2].lower not in _INTENTION_WORDS)) \
        or _asked_in_passive(use)
    possessive = bool(i) and _is_possessive(tokens[i - 1]) and not _PRONOUN_WITH_BE.fullmatch(before)  # not "He's"
    return (before in PASSIVE and not active) or before in DETERMINERS or possessive \
        or before in {"their", "enough", "no", "any"} or _after_of(use) or _counted_noun(use) or _plural_noun(use) \
        or _noun_before_its_verb(use) or _counted_participle(use)


def _after_of(use: VerbUse) -> bool:
    """"a majority of pledged delegates", "the number of reported cases": a form right after "of"
    modifies a noun, no finite verb ("of saying that ...", a gerund, still reads as speech)."""
    return use.before == "of" and not use.tokens[use.start].lower.endswith("ing")


#: "be" before a passive "asked" of a question put once: "was asked", "has been asked", "is
#: being asked" (not "is asked", a standing appeal: "Anyone with information is asked to call")
_PASSIVE_BE = frozenset({"was", "were", "been", "being"})


def _passive_be(tokens: list[Token], verb_start: int) -> bool:
    """Whether a form of "be" comes right before ``tokens[verb_start]``, or before adverbs
    and "also" there ("was also asked", "were repeatedly asked")."""
    k = verb_start - 1
    while k > 0 and k >= verb_start - 3 \
            and (_adverb(tokens[k]) or tokens[k].lower in {"also", "again", "yet"}):
        k -= 1
    return k >= 0 and tokens[k].lower in _PASSIVE_BE


def _asked_in_passive(use: VerbUse) -> bool:
    """"Roe was asked whether ...", "was asked about the pier", "has been asked to release
    the papers": a question or request put to the subject by someone the news leaves unnamed
    is still reported speech (what was asked, or "about" what, follows the verb); "Roe was
    asked." alone says nothing of what."""
    return use.verb.lemma == "ask" and use.tokens[use.start].lower == "asked" \
        and _passive_be(use.tokens, use.start) \
        and (use.after in _QUESTION_WORDS or use.after == "to")


#: words after a noun that begin its clause's verb: "The latest dispute has flared"
_VERB_AFTER_NOUN = frozenset({"is", "was", "has", "had", "are", "were", "will", "would", "can", "could", "may",
                              "might", "must", "should"})


def _noun_before_its_verb(use: VerbUse) -> bool:
    """"The latest dispute has flared", "The mental stress is constant": a base or -s
    form of a one-word verb right before an auxiliary or "is" is a noun, the head of a
    subject."""
    form = use.tokens[use.start].lower
    base = use.verb.lemma
    return len(use.verb.words) == 1 and form in {base, base + "s", base + "es"} and use.after in _VERB_AFTER_NOUN


def _counted_participle(use: VerbUse) -> bool:
    """"its list of 25 recommended delegates": a form in -ed after a number and before a
    lower-case plural is an adjective ("Two warned that ...", "the two suggested both ..."
    are verbs)."""
    before, form = use.before, use.tokens[use.start].lower
    number = before in _NUMBER_WORDS or before[:1].isdigit()
    after = use.after
    return number and form.endswith("ed") and after.isalpha() and use.tokens[use.end].text.islower() \
        and after.endswith("s") and after not in {"is", "was", "has", "his", "its", "this", "us", "as"}


#: forms in -s that are more often plural nouns: "remarks", "states", "reports"
_PLURAL_LOOKING = frozenset({"states", "reports", "remarks", "comments", "notes", "posts", "calls", "claims", "charges",
                             "answers", "tweets", "promises", "demands", "requests", "warnings", "statements",
                             "estimates", "forecasts", "questions", "signals", "pledges", "vows", "counters",
                             "echoes", "jokes", "protests", "cites", "praises", "indicates", "blasts", "slams"})
#: words before such a form that make it the noun: "other states", "his latest remarks"
_NOUN_MODIFIERS = frozenset({"other", "more", "most", "these", "those", "such", "many", "few", "all", "both", "new",
                             "recent", "latest", "earlier", "previous", "public", "private", "similar", "some", "own",
                             "opening", "closing", "early", "late", "recent", "swing", "battleground", "key",
                             "remaining", "several", "various", "various", "numerous", "critical", "negative",
                             "positive", "harsh", "initial", "further", "additional"})


def _plural_noun(use: VerbUse) -> bool:
    """"other Western states", "his most significant remarks", "Coastal states": a form in
    -s that is usually a plural noun, after a modifier ("other", "latest") or an adjective
    ("-al", "-ic", "-ive", "-ous", "-ern", "-ful", or after "most", "more", "very")."""
    tokens, i = use.tokens, use.start
    if tokens[i].lower not in _PLURAL_LOOKING or not i:
        return False
    k = i - 1
    while k > 0 and _is_cap(tokens[k]) and tokens[k - 1].lower in _NOUN_MODIFIERS:
        k -= 1  # "other Western states"
    word = tokens[k].lower
    adjective = (word.endswith(("al", "ic", "ive", "ous", "ern", "ful")) and len(word) > 4) \
        or (k > 0 and tokens[k - 1].lower in {"most", "more", "very", "less", "least"})  # "most significant"
    return word in _NOUN_MODIFIERS or (adjective and (k == 0 or tokens[k - 1].text not in {",", QUOTE_PLACEHOLDER}))


def _counted_noun(use: VerbUse) -> bool:
    """"in six states", "two reports", "the 95-page report": a form in -s after a number is
    a plural noun, and any form after a number-led compound ("95-page") a noun ("Several
    said", "One in five say" are verbs)."""
    before, form = use.before, use.tokens[use.start].lower
    number = before in _NUMBER_WORDS or before[:1].isdigit()
    compound = before[:1].isdigit() and "-" in before and not before.endswith("-old")  # "the 43-year-old asked"
    return number and ((form.endswith("s") and form != "says") or compound)


#: numbers before a form make it a plural noun: "in six states", "two reports", "a dozen calls"
_NUMBER_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                           "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
                           "several", "many", "multiple", "numerous", "few"})


_TO_AN_ADDRESSEE = frozenset({"promise", "pledge", "vow", "tell", "say", "add", "explain", "describe", "report",
                              "respond", "reply", "admit", "confess", "write", "call on"})


def _to_no_addressee(use: VerbUse) -> bool:
    """"agreed to the terms", "objected to the plan": a verb followed by "to" that names
    no addressee, for verbs that do not take one."""
    return use.after == "to" and not use.addressed and use.verb.lemma not in _TO_AN_ADDRESSEE \
        and not _asked_in_passive(use)  # "was asked to release the papers": a request


def _written_or_said_to(use: VerbUse) -> bool:
    """"wrote to the minister", "is said to be": not a statement."""
    return use.after == "to" and use.verb.lemma in {"write", "say"} and not use.addressed


_ADDED_THINGS = frozenset({"a", "an", "the", "some", "more", "new", "another", "its", "their", "to", "up"})


def _added_a_thing(use: VerbUse) -> bool:
    """"the company added 200 jobs", "added a new line", "the pledges add up to $8 million":
    not a statement (unless right after a quotation, which is what was added)."""
    return use.verb.lemma == "add" and not use.quoted_before \
        and (use.after[:1].isdigit() or use.after in _ADDED_THINGS) and not use.addressed


def _responded_by_acting(use: VerbUse) -> bool:
    """"Riverton responded by blocking the vote", "responded quickly by easing the fees": a
    reply in deeds, not words ("responded by saying ...", "by pointing out ..." are words)."""
    if use.verb.lemma != "respond":
        return False
    tokens = use.tokens
    k = use.end
    while k < min(len(tokens), use.end + 3) and (_adverb(tokens[k]) or tokens[k].lower in {"first", "again"}):
        k += 1  # 'responded quickly by', 'responded first by'
    if k + 1 >= len(tokens) or tokens[k].lower != "by":
        return False
    deed = tokens[k + 1].lower
    return deed.endswith("ing") and deed not in _PARTICIPLES and deed not in {"asking", "answering"} \
        and not (deed == "pointing" and k + 2 < len(tokens) and tokens[k + 2].lower == "out")


def _tells_a_story(use: VerbUse) -> bool:
    """"the film tells the story of ...": not a statement; nor is a reporter's credit line,
    "Roe reported from Kabul." (a place, then the sentence's end), nor "time will tell", nor a
    reply in deeds (:func:`_responded_by_acting`)."""
    tokens, end = use.tokens, use.end
    if _responded_by_acting(use):
        return True
    if use.verb.lemma == "tell" and use.before == "will" and use.start >= 2 and tokens[use.start - 2].lower == "time":
        return True
    if use.verb.lemma == "report" and use.after == "from":
        place = tokens[end + 1:]
        while place and place[-1].text in {".", ","}:
            place = place[:-1]
        return bool(place) and all(_is_cap(t) or t.lower in {"and", "of"} or t.text == "," for t in place)
    return use.verb.lemma == "tell" and use.after in {"the", "a", "of"} and end + 1 < len(tokens) \
        and tokens[end + 1].lower in {"story", "tale", "stories", "of"}


#: verbs that are speech only before what was said, like the verbs of belief: "continued
#: campaigning", "the home state of": "continued:", "stated that ..."
_SPEECH_BEFORE_CONTENT = frozenset({"continue", "state"})
#: words after "that" that make it a relative pronoun ("states that have voted"), not a
#: complement's opening
_RELATIVE_VERBS = frozenset({"have", "has", "had", "are", "is", "were", "was", "will", "would", "could", "can", "may",
                             "might", "vote", "voted", "held", "hold", "went", "go", "already", "still"})


def _no_content_after(use: VerbUse) -> bool:
    """For "continue" and "state": the bare form "state", a relative "that" ("states that
    have voted"), or no quotation in the sentence before the verb and no "that", colon,
    comma, quotation or sentence end after it (within a short adverbial: "stated earlier
    this week that")."""
    tokens, form = use.tokens, use.tokens[use.start].lower
    if form == "state":
        return True
    if use.after == "that" and use.end + 1 < len(tokens) and tokens[use.end + 1].lower in _RELATIVE_VERBS:
        return True
    if any(t.text == QUOTE_PLACEHOLDER for t in tokens[:use.start]):
        return False  # '"...," Roe stated in a release'
    if use.after in {",", ":", ".", ""} or tokens[use.end].text == QUOTE_PLACEHOLDER:
        return False  # "Roe continued: ...", '... ," Roe stated.'
    for token in tokens[use.end:use.end + 6]:
        if token.lower == "that" or token.text in {":", QUOTE_PLACEHOLDER}:
            return False
        if token.text in {",", "."}:
            break
    return True


def _put_it_as_a_tag(use: VerbUse) -> bool:
    """"As Roe put it, ...", 'Roe put it this way: "..."', '"...," as Roe put it.', 'Roe put
    it bluntly: "..."': "put it" is a tag when a punctuation mark or quotation follows it
    (perhaps after an adverb or "this way"), or "as" opens its clause with no punctuation
    between ("As Roe put it in her memo, ..."); not "Roe put it on the table", "As the
    rain fell, Roe put it in the shed"."""
    tokens = use.tokens
    k = use.end
    while k < len(tokens) and k < use.end + 2 and (_adverb(tokens[k]) or tokens[k].lower in {"this", "way"}):
        k += 1
    if k >= len(tokens) or tokens[k].text in {",", ":", ".", "!", "?", QUOTE_PLACEHOLDER, "—", "–"}:
        return True
    before = tokens[max(0, use.start - 8):use.start]
    opener = max((j for j, t in enumerate(before) if t.lower == "as"), default=None)
    return opener is not None and not any(t.text in CLAUSE_PUNCT | {".", ";"} for t in before[opener:])


def _belief_without_that(use: VerbUse) -> bool:
    """"found the keys", "believed him": a verb of belief or finding counts only before
    "that" (or a quotation before it, or at the end of a clause); so do "continue" and
    "state" ("continued campaigning", "his home state of", but "continued: ...", "stated
    that"), which moreover never count in the bare form "state" nor when "that" opens a
    relative clause ("Rust Belt states that have voted"); "put it" counts only as a tag
    (see :func:`_put_it_as_a_tag`)."""
    if use.verb.lemma in _SPEECH_BEFORE_CONTENT:
        return _no_content_after(use)
    if use.verb.lemma == "put it":
        return not _put_it_as_a_tag(use)
    return use.verb.needs_that and not use.quoted_before and use.after != "that" \
        and use.after not in {".", "", ",", "!", ":"}


def _called_without_quotation(use: VerbUse) -> bool:
    """"called the meeting": not speech ('called it "predatory"' is, and so is a name given
    further on in the clause, quoted or after "a": 'called the plan on Sunday "childish"',
    "called him a liar", "calls himself a socialist")."""
    if use.verb.lemma != "call":
        return False
    tokens = use.tokens
    if any(t.text == QUOTE_PLACEHOLDER for t in tokens[use.end:use.end + 4]):
        return False
    return not _named_in_clause(tokens, use.end) and not _call_for_after_a_time(tokens, use.end)


def _call_for_after_a_time(tokens: list[Token], end: int) -> bool:
    """"called Wednesday for the mayor to resign", "called again for ...": "call for" (or "on",
    "upon") with a day, a time word or an adverb of one or two words between."""
    k = end
    while k < len(tokens) and k < end + 2 \
            and (tokens[k].lower in _TIME_WORDS or _adverb(tokens[k])):
        k += 1
    return end < k < len(tokens) and tokens[k].lower in {"for", "on", "upon"}


def _named_in_clause(tokens: list[Token], end: int) -> bool:
    """After "called" at ``tokens[end - 1]``: an object of one to eight words, then a
    quotation or "a"/"an" opening what it is called, before the clause ends (a comma-closed
    apposition may come between: "called Roe, a former aide, a liar")."""
    if end >= len(tokens) or tokens[end].lower in {"a", "an", "for", "on", "in", "off", "up", "out", "back"}:
        return False
    for k in range(end + 1, min(len(tokens), end + 16)):
        token = tokens[k]
        if token.text == QUOTE_PLACEHOLDER:
            return True
        if token.lower in {"a", "an"} and tokens[k - 1].text != ",":
            return k - end <= 8
        if token.text in {".", ";", ":", "!", "?"} or token.lower in {"that", "to", "and", "but", "has", "had"} \
                or token.lower in _BE:
            return False  # "a group called Ginbot 7, was a force": the clause went on
    return False


#: words before a bare "ask" that leave it an imperative: "Just ask the harbour master."
_IMPERATIVE_OPENERS = frozenset({"just", "simply", "go", "so", "then", "and", "but"})
#: nouns that name a question put without saying what it asked: "asked Roe a question"
_QUESTION_NOUNS = frozenset({"question", "questions"})
#: what a reporter asks someone to do when seeking comment: "asked the firm to respond"
_COMMENT_VERBS = frozenset({"respond", "comment", "reply", "answer"})


def _asked_a_request(use: VerbUse) -> bool:
    """"asked for calm": a request for a thing, not what was said ("asked Roe whether ...",
    "asked the court to intervene" are: news reports a request made to someone as reported
    speech); nor is a request for comment ("has asked the firm to respond"), which says only
    that a reporter sought an answer, an imperative ("Just ask the harbour master.") or a
    question put with no word of what it asked ("tried to ask the mayor a question")."""
    if use.verb.lemma != "ask":
        return False
    tokens, start, end = use.tokens, use.start, use.end
    if use.after == "for":
        return True  # "asked for a photo and Roe said, '...'": the quotation is not the request
    if tokens[start].lower == "ask" and all(t.lower in _IMPERATIVE_OPENERS for t in tokens[:start]):
        return True  # "Ask the mayor.", "Just ask him.": no one asking
    for k in range(end, min(len(tokens), end + 6)):
        token = tokens[k]
        if token.lower == "to" and k + 1 < len(tokens) and tokens[k + 1].lower in _COMMENT_VERBS:
            return True  # "The Review has asked the firm to respond": seeking comment, as news does
        if token.text in CLAUSE_PUNCT or token.text in {".", ";"} \
                or token.lower in _QUESTION_WORDS or token.lower in {"to", "that"}:
            return False
        if token.lower in _QUESTION_NOUNS:
            # "tried to ask Roe a question after the vote": what was asked is not told (it is
            # after a colon or "about": "asked voters a question: ...", "asked questions about")
            after = tokens[k + 1] if k + 1 < len(tokens) else None
            return after is None or not (after.text in {":", QUOTE_PLACEHOLDER}
                                         or after.lower in _QUESTION_WORDS | {"on", "over", "of"})
    return False


def _quoted_without_as_saying(use: VerbUse) -> bool:
    """"quoted the Talmud", 'Roe quotes Jane Doe: "..."': "quote" is speech only when what the
    one quoted said follows, "as saying" (or "as telling", "as writing") within the clause:
    "The Courier quoted a harbour official as saying the pier was unsafe"."""
    if use.verb.lemma != "quote":
        return False
    tokens = use.tokens
    for k in range(use.end, min(len(tokens) - 1, use.end + 16)):
        if tokens[k].text in {".", ";", ":", QUOTE_PLACEHOLDER}:
            return True
        if tokens[k].lower == "as" and tokens[k + 1].lower in {"saying", "telling", "writing"}:
            return False
    return True


#: what is claimed or posted as a result, not said: "claimed 41 percent of the vote", "claimed
#: the prize", "claims more territory", "posted an overwhelming victory"
_RESULT_NOUNS = frozenset({"percent", "%", "prize", "prizes", "territory", "seat", "seats", "title", "titles",
                           "majority", "gain", "gains", "increase", "decline", "loss", "losses", "profit", "profits",
                           "record", "lead", "points"})


def _won_not_said(use: VerbUse) -> bool:
    """"claimed 41 percent of the vote", "claimed the prize", "claims more territory", "posted an
    overwhelming victory", "posted a 17 percent increase": "claim" and "post" of a result (a
    number or a noun for what is won), within the three words after the verb, are no statement
    ("claimed that the vote was rigged", "posted a photo of the pier" still are)."""
    if use.verb.lemma not in {"claim", "post"} or use.after == "that":
        return False
    nouns = _RESULT_NOUNS | ({"victory", "victories", "win", "wins"} if use.verb.lemma == "post" else set())
    for token in use.tokens[use.end:use.end + 4]:
        if token.text in CLAUSE_PUNCT or token.text in {".", ";"}:
            return False
        if token.lower in nouns or (token.text[:1].isdigit() and token is use.tokens[use.end]):
            return True
    return False


#: Readings that make a speech-verb form something other than a speech verb, in order:
#: the first that applies drops the occurrence (and the shorter forms starting at the same word).
VERB_VETOES = (_inside_a_name, _passive_or_noun, _to_no_addressee, _written_or_said_to, _added_a_thing,
               _tells_a_story, _belief_without_that, _called_without_quotation, _asked_a_request,
               _quoted_without_as_saying, _won_not_said)


def _verbs_at(tokens: list[Token]) -> list[tuple[int, int, SpeechVerb]]:
    """Every speech-verb occurrence ``(start, end, verb)`` that reads as a verb here: the
    longest lexicon form at each word, unless one of :data:`VERB_VETOES` applies."""
    index = speech_verbs()
    found = []
    i = 0
    n = len(tokens)
    while i < n:
        for verb in index.get(tokens[i].lower, ()):
            k = len(verb.words)
            if tuple(t.lower for t in tokens[i:i + k]) != verb.words:
                continue
            use = VerbUse.at(tokens, i, verb)
            if any(veto(use) for veto in VERB_VETOES):
                break
            found.append((i, i + k, verb))
            i += k - 1
            break
        i += 1
    return found


def _clause_starts(tokens: list[Token], end: int) -> list[int]:
    """Token positions before ``end`` where a clause may begin, farthest first (within
    :data:`SUBJECT_WINDOW` tokens: a subject with its appositions is never longer)."""
    low = max(0, end - SUBJECT_WINDOW)
    starts = [low] if low == 0 else []
    for i in range(low, end):
        if tokens[i].text in CLAUSE_PUNCT or tokens[i].lower in CONJUNCTIONS:
            starts.append(i + 1)
        elif tokens[i].lower == "that" and i >= 2 and tokens[i - 2].lower in {"so", "such"}:
            starts = [i + 1]  # a result clause ("so calm that Roe said"): its subject is after "that"
    return sorted(set(s for s in starts if s < end))


def _split_commas(tokens: list[Token]) -> list[list[Token]]:
    """Split at commas, except inside a capitalised list that ends "... and Name"
    ("Department for Environment, Food and Rural Affairs")."""
    segments: list[list[Token]] = [[]]
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if tok.text == "," and _state_after_place(tokens, i + 1):
            segments[-1].append(tok)  # 'Exton, Pennsylvania': one place
            i += 1
            continue
        if tok.text == ",":
            prev_cap = bool(segments[-1]) and _is_cap(segments[-1][-1])
            j = i + 1
            rest = []
            while j < n and tokens[j].text != "," and j - i < 12:
                rest.append(tokens[j])
                j += 1
            words = [t for t in rest if t.text not in "()"]
            is_list = (prev_cap and words and _is_cap(words[0]) and any(t.lower == "and" for t in words)
                       and all(_is_cap(t) or t.lower in CONNECTORS for t in words))
            if not is_list:
                segments.append([])
                i += 1
                continue
        segments[-1].append(tok)
        i += 1
    return segments


def _name_runs(tokens: list[Token], commas: bool = False) -> list[tuple[int, int]]:
    """Maximal runs of capitalised words (with "of", "for", "and" inside; with
    ``commas``, also a comma between capitalised words, for a merged list name)."""
    runs = []
    i = 0
    n = len(tokens)
    while i < n:
        if _is_cap(tokens[i]) and tokens[i].lower not in DETERMINERS:
            j = i + 1
            while j < n:
                if _is_cap(tokens[j]):
                    j += 1
                elif (tokens[j].lower in CONNECTORS or (commas and tokens[j].text == ",")) \
                        and j + 1 < n and _is_cap(tokens[j + 1]):
                    j += 2
                else:
                    break
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


#: generational suffixes after a surname: not acronyms ("Joseph R. Roe II")
_SUFFIX_WORDS = frozenset({"II", "III", "IV", "Jr", "Sr", "JR", "SR"})
#: title words that are also surnames: inside a name ("Peter T. King of Ohio", "Jane
#: Major Jr.") they are the surname
_SURNAME_TITLES = frozenset({"king", "major", "judge", "pope", "prince", "speaker", "marshal", "bishop", "chief",
                             "head", "sheriff", "chancellor", "coach", "general"})
#: capitalised words that make "X of Y" a thing rather than a person from a place
_NOT_PERSON_WORDS = frozenset({"states", "state", "kingdom", "republic", "nations", "emirates", "islands", "city",
                               "county", "district", "province", "house", "museum", "school", "church", "bay",
                               "port", "order", "friends", "daughters", "sons", "sisters", "brothers", "knights",
                               "people", "citizens", "veterans", "mothers", "fathers", "children", "women", "men",
                               "chamber", "commerce", "workers", "communications", "employees", "teachers", "nurses",
                               "engineers", "farmers", "builders", "steelworkers", "machinists", "chiefs", "society"})


def _surname_not_title(words: list[str], k: int) -> bool:
    """Whether the title word ``words[k]`` is a surname: one of :data:`_SURNAME_TITLES`
    after a capitalised given name or initial and before "of" or a suffix ("Peter T.
    King of Ohio", "Martin Roe King Jr.")."""
    word = words[k].lower().rstrip(".")
    if word not in _SURNAME_TITLES or k == 0 or k + 1 >= len(words):
        return False
    before, after = words[k - 1], words[k + 1]
    given = before[:1].isupper() and before.lower().rstrip(".") not in TITLES and not _is_acronym(before)
    return given and (after.lower() in _NAME_CUTS or after.rstrip(".") in _SUFFIX_WORDS)


def _person_of_place(words: list[str]) -> bool:
    """"Jane Roe of Ohio", "Peter T. King of New York": a person's name (two to four
    capitalised words or initials) before "of" and a place of one to three words, none of
    them an organisation's word; not "United States of America", "Friends of the Earth"."""
    lowers = [w.lower().rstrip(".") for w in words]
    if "of" not in lowers:
        return False
    cut = lowers.index("of")
    name, place = words[:cut], words[cut + 1:]
    if not (2 <= len(name) <= 4 and 1 <= len(place) <= 3):
        return False
    plain = all(w[:1].isupper() and not _is_acronym(w) and w.lower().rstrip(".") not in ORG_WORDS | _NOT_PERSON_WORDS
                for w in name + place)
    titled = name[-1].lower().rstrip(".") in TITLES - _SURNAME_TITLES
    return plain and not titled and all(w.isalpha() or _INITIAL.match(w) for w in name)


def _org_like(words: list[str], context: list[Token]) -> bool:
    lowers = [_strip_possessive(w).lower() for w in words]
    if lowers[-1:] == ["white"] and len(words) > 1:
        lowers = lowers[:-1]  # a surname ("Jane Roe White"), not a body's ("White House")
    if any(w in ORG_WORDS for w in lowers) or (any(w in {"of", "for", "and", "&"} for w in lowers[1:])
                                               and not _person_of_place(words)):
        return True
    if len(words) == 1 and (_is_acronym(words[0]) or re.search(r"[a-z][A-Z]", words[0])):
        return True  # "FRBA", "FlightAware"
    if any(_is_acronym(w) and w.rstrip(".") not in _SUFFIX_WORDS and not _initials(w, words)
           for w in words) and not any(w.lower().rstrip(".") in TITLES for w in words):
        return True  # "UN Watch", "Elder Aid UK" (not "John Roe III", "J.M. Roe", "John H.W. Roe")
    # "Canadian miner Norvale Minerals" (but not "union rep Lee Barnard"); "an analyst at X"
    return bool(context) and (context[-1].lower in ORG_DESCRIPTORS or context[-1].lower in {"at", "from"})


_INITIALS = re.compile(r"[A-Z]\.[A-Z]\.")  # three are a body's: "F.B.I. Academy"
#: initials that name a place or body, not a person: "U.S. Steel", "U.N. Watch"
_PLACE_INITIALS = frozenset({"U.S.", "U.N.", "U.K.", "E.U.", "D.C.", "N.Y.", "L.A.", "N.J.", "S.C.",
                             "N.C."})


def _initials(word: str, words: list[str]) -> bool:
    """Whether ``word`` is a person's initials before a surname ("J.M. Roe", "John H.W. Roe"),
    not an acronym: two single letters each with a full stop, not a place's ("U.S. Steel")."""
    return bool(_INITIALS.fullmatch(word)) and word not in _PLACE_INITIALS and word != words[-1]


#: capitalised words that are never a speaker: "said Monday", "Jane Roe Sunday"
CALENDAR_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march
april june july august september october november december mon tue tues wed thu thurs fri sat sun jan feb
mar apr jun jul aug sep sept oct nov dec today tonight yesterday tomorrow""".split())


#: connectors that end a person's name ("Jane Roe of Ohio"); the others are particles
#: inside one ("Marine Le Pen", "Anna De Vries")
_NAME_CUTS = frozenset({"of", "for", "and", "&", "on"})


def _clean_name(words: list[str], context: list[Token]) -> tuple[str, str]:
    """(name, hint) from a run of capitalised words: titles and roles before a
    person's name dropped, a leading possessive dropped ("Peru's Ministry ..."),
    days and months at either end dropped ("Jane Roe Sunday").  Of ``context`` (the
    tokens before the run) only the last word counts: "Canadian miner Norvale Minerals"."""
    # memoised: the same run is cleaned for the attribution, the mentions and the subject
    name, hint = _clean_words(tuple(words), context[-1] if context else None)
    if "," in name:  # a place written 'City, State' ending the run: the city names it
        name = name.replace(" , ", ", ")
        first, _, rest = name.rpartition(", ")
        if first and rest.lower().rstrip(".") in US_STATE_NAMES:
            name = first
    return name, hint


@functools.lru_cache(maxsize=4096)
def _clean_words(words: tuple[str, ...], before: Token | None) -> tuple[str, str]:
    words = list(words)
    context = [before] if before is not None else []
    # a day or month ends no name, and neither does a connector left before one
    # ("the Ministry of Health on Monday said": not "Ministry of Health on")
    while len(words) > 1 and (words[-1].lower().rstrip(".") in CALENDAR_WORDS or words[-1].lower() in CONNECTORS) \
            and not _in_capitals(words[-2], words[-1]):  # 'DORVALE TODAY': a name
        words = words[:-1]
    while len(words) > 1 and words[0].lower().rstrip(".") in CALENDAR_WORDS:
        words = words[1:]
    if len(words) > 1 and _is_possessive(Token(words[0], words[0].lower())):
        words = words[1:]
    words = [w for w in words]
    last_title = -1
    for k, word in enumerate(words[:-1]):
        if word.lower().rstrip(".") in TITLES and not _surname_not_title(words, k):
            last_title = k
    titled = last_title >= 0
    person_part = words[last_title + 1:]
    if titled and not any(_strip_possessive(w).lower() in ORG_WORDS for w in person_part):
        if person_part and person_part[0].lower() in CONNECTORS:
            # "Secretary of State Jane Roe", "Minister for Health and Care Jane Roe": the
            # portfolio runs on after the title; the name is the last words after it
            person_part = _name_after_portfolio(person_part)
            if not person_part:
                return " ".join(words), "person"  # "Secretary of State" with no name after it
        cut = next((k for k, w in enumerate(person_part) if w.lower() in _NAME_CUTS), len(person_part))
        # an honorific stays with the name as written ("Mr Bondarev"); roles go
        keep = [words[last_title]] if words[last_title].lower().rstrip(".") in HONORIFICS else []
        return " ".join(keep + person_part[:cut]), "person"
    if _org_like(words, context):
        return _join(words), "organisation"
    cut = next((k for k, w in enumerate(words) if w.lower() in _NAME_CUTS), len(words))
    return " ".join(words[:cut]), "person" if cut > 1 or len(words) == 1 else ""


_INITIAL = re.compile(r"^[A-Z]\.?$")


def _name_after_portfolio(words: list[str]) -> list[str]:
    """The person's name at the end of a portfolio ("of State Jane Roe" -> "Jane Roe",
    "of Staff John Q. Doe" -> "John Q. Doe"): the words after the last connector, less
    the portfolio's own words (a name is two words, three with a middle initial)."""
    last = max(k for k, w in enumerate(words) if w.lower() in CONNECTORS)
    tail = words[last + 1:]
    if len(tail) < 2:
        return []
    keep = 3 if len(tail) >= 3 and _INITIAL.match(tail[-2]) else 2
    return tail[-keep:]


def _join(words: list[str]) -> str:
    return " ".join(words).replace(" , ", ", ")


def _describe(tokens: list[Token]) -> str:
    words = [t.text for t in tokens]
    if words and words[0].lower() in DETERMINERS:
        words[0] = words[0].lower()
    return " ".join(words)


def _drop_dashed(tokens: list[Token]) -> list[Token]:
    """The tokens without a last stretch between two dashes when it closes at their end
    ("Officials — including Jane Roe, the chief —" -> "Officials"; a spaced hyphen is a dash
    too: "Jane Roe - the harbour master's deputy -")."""
    dashes = [k for k, t in enumerate(tokens) if t.text in {"—", "–", "--", "-"}
              and not (k and tokens[k - 1].text == "-" and t.text == "-")]  # "--" is two tokens: one dash
    if len(dashes) >= 2 and tokens[-1].text in {"—", "–", "--", "-"} and dashes[-1] >= len(tokens) - 2 \
            and dashes[-2] > 0:
        return tokens[:dashes[-2]]
    return tokens


def _drop_parentheses(tokens: list[Token]) -> list[Token]:
    """The tokens without parenthesised stretches ("(CQC)", "(D-Md.)") and without a
    stretch between a pair of dashes that closes at their end ("Officials — including
    Jane Roe —")."""
    tokens = _drop_dashed(tokens)
    out, depth = [], 0
    for token in tokens:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        elif not depth:
            out.append(token)
    return out


_SHARE_WORDS = frozenset({"percent", "%", "majority", "plurality", "minority"})


def _in_name(tokens: list[Token], k: int) -> bool:
    """Whether capitalised ``tokens[k]`` is part of a name with a capitalised neighbour:
    "Will Doyle", "Theresa May", "Majority Leader" are names, not a modal or a share."""
    if not _is_cap(tokens[k]):
        return False
    return (k > 0 and _is_cap(tokens[k - 1])) or (k + 1 < len(tokens) and _is_cap(tokens[k + 1]))


#: ``(speaker, kind, hint)``: a speaker as written, its kind and its hint (see :class:`Attribution`)
Subject = tuple[str, str, str]


class _NotASubject:
    """The verdict of a pass that the words do not read as a subject."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NOT_A_SUBJECT"


#: A subject pass's verdict that the words are no subject (:func:`analyse_subject` returns None).
NOT_A_SUBJECT = _NotASubject()
_UNNAMED: Subject = ("unnamed", "unnamed", "unnamed")


#: one-word introductions before a comma that are never a speaker ("Similarly, Jane Roe said")
_INTRODUCTORY = frozenset({"likewise", "meanwhile", "moreover", "furthermore", "nevertheless", "nonetheless",
                           "indeed", "instead", "still", "afterward", "afterwards", "overall", "here", "there",
                           "today", "yesterday", "tonight", "again", "first", "second", "third", "next", "finally",
                           "therefore", "thus", "hence", "also", "besides", "otherwise"})
#: given names in -ly that an adverb test would take for an adverb
_LY_NAMES = frozenset({"kelly", "connolly", "donnelly", "beverly", "kimberly", "shelly", "emily", "sally", "molly",
                       "billy", "lilly", "polly", "dolly", "nelly", "daly", "ely", "riley"})


def _introductory_word(words: list[Token]) -> bool:
    """"Similarly, Jane Roe said", "Likewise, ...": a capitalised adverb alone before a
    comma opens the sentence; it is no subject (a name in -ly such as "Kelly" is kept)."""
    if len(words) < 2 or words[1].text != "," or not _is_cap(words[0]):
        return False
    word = words[0].lower
    return word in _INTRODUCTORY or (word.endswith("ly") and len(word) > 5 and word not in _LY_NOT_ADVERBS
                                     and word not in _LY_NAMES)


@dataclass(slots=True)
class SubjectWords:
    """A candidate subject as the subject passes see it.

    ``words`` are the tokens as given, less leading connectives ("But", "However") and
    trailing commas and full stops; ``tokens`` the same without parenthesised stretches;
    ``segments`` those split at commas (:func:`_split_commas`), ``head`` the first segment
    (narrowed by the passes: a relative clause or a place after the head noun dropped),
    ``appositions`` the others; ``runs`` the head's capitalised runs, commas allowed
    (set by :func:`_place_after_head_noun`, empty once it drops a place)."""

    words: list[Token]
    tokens: list[Token]
    segments: list[list[Token]]
    head: list[Token]
    appositions: list[list[Token]]
    runs: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def read(cls, tokens: list[Token]) -> SubjectWords:
        words = list(tokens)
        while words and (words[0].lower in LEADING_WORDS or _introductory_word(words)):
            words = words[1:]
        while words and words[-1].text in {",", "."}:
            words = words[:-1]
        dropped = _drop_parentheses(words)
        segments = _split_commas(dropped)
        return cls(words, dropped, segments, segments[0], segments[1:])

    @property
    def first(self) -> Token:
        return self.head[0]

    @property
    def lowers(self) -> list[str]:
        return [t.lower for t in self.head]


def _nothing_left(s: SubjectWords) -> Subject | _NotASubject | None:
    """"But", ",": no word left once connectives at the start ("But", "However") and commas
    and full stops at the end are gone."""
    return NOT_A_SUBJECT if not s.words else None


def _lone_pronoun(s: SubjectWords) -> Subject | _NotASubject | None:
    """"She said", "But they said", "I’ve said": a personal pronoun alone (perhaps
    contracted); "Everyone says", "Someone said", "Anybody who ...": unnamed; "Nobody
    said", "No one has said": nobody spoke, no subject."""
    lowers = [t.lower for t in s.words]
    base = re.sub(r"['’](?:ve|d|ll|re|s|m)$", "", lowers[0]) if len(lowers) == 1 else ""
    if base in PRONOUNS or base == "you":  # "She said", "I’ve said", "You’ve said" (never a name)
        return PRONOUN_FORMS[base], "pronoun", ""
    if lowers in (["nobody"], ["no", "one"], ["none"], ["nothing"]) or lowers[0] in {"nobody", "none"} \
            or lowers[:2] == ["no", "one"]:
        return NOT_A_SUBJECT  # ("None of the owners would comment", "Nobody in the town is talking")
    if lowers[0] in _EVERYONE and (len(lowers) == 1 or lowers[1] in RELATIVE):
        return _UNNAMED  # "Everyone says", "Anybody who watched it knows"
    return None


#: indefinite pronouns for people, unnamed when they speak ("Everyone says")
_EVERYONE = frozenset({"everyone", "everybody", "someone", "somebody", "anyone", "anybody"})


def _only_a_date(s: SubjectWords) -> Subject | _NotASubject | None:
    """'"...," said Monday', "Eight years ago": days, dates and times are never the speaker."""
    if all(t.lower.rstrip(".") in CALENDAR_WORDS or t.text in {",", "."} for t in s.words) or s.head[-1:] and \
            s.head[-1].lower == "ago":
        return NOT_A_SUBJECT
    return None


def _head_missing_or_long(s: SubjectWords) -> Subject | _NotASubject | None:
    """", the aide" (nothing before the first comma), or a head of more than 14 words
    ("The long-running row over the funding of the new bridge across the river ...")."""
    return NOT_A_SUBJECT if not s.head or len(s.head) > 14 else None


def _restrictive_relative(s: SubjectWords) -> Subject | _NotASubject | None:
    """"One board member who voted against the cuts": the head ends before "who"; a head
    that opens or ends with the relative word ("who", "those who"), or whose relative
    clause holds a quotation or a colon, is no subject."""
    rel = next((k for k, t in enumerate(s.head) if t.lower in RELATIVE), None)
    if rel is None:
        return None
    if rel == 0 and _demonstrative(s.head):
        return None  # "That person said": "that" is the determiner
    if rel == 0 or rel == len(s.head) - 1 or any(t.text in {QUOTE_PLACEHOLDER, ":", ";"} for t in s.head[rel:]):
        return NOT_A_SUBJECT  # (a quotation or colon in the relative clause: what was said, not a subject)
    s.head = s.head[:rel]
    return None


def _demonstrative(head: list[Token]) -> bool:
    """"That person", "That official": "That" opening a head of two words, before a
    lower-case noun."""
    return len(head) == 2 and head[0].lower == "that" and head[1].text.isalpha() and head[1].text.islower() \
        and head[1].lower not in PRONOUNS | DETERMINERS | BLOCK_IN_SUBJECT | PREPOSITIONS | RELATIVE


def _anonymous_source(s: SubjectWords) -> Subject | _NotASubject | None:
    """"A source close to the talks", "an official who was not authorised to speak": unnamed
    ("close" only before "to": "The plant will close in June" is no anonymous source)."""
    if any(_anonymous_word(s.tokens, k) for k in range(len(s.tokens))) and s.first.lower not in PRONOUNS \
            and not (len(s.segments) > 1 and _named_head(s)):
        return _UNNAMED  # (not a name with an apposition: "Jane Roe, a pilot close to the board,")
    return None


def _anonymous_word(tokens: list[Token], k: int) -> bool:
    """Whether ``tokens[k]`` is a word of anonymity ("named", "familiar", "privy", "close to",
    "briefed on", "with (direct) knowledge of")."""
    word = tokens[k].lower
    if word in {"close", "briefed"}:
        return k + 1 < len(tokens) and tokens[k + 1].lower == ("to" if word == "close" else "on")
    if word == "knowledge":
        return k > 0 and tokens[k - 1].lower in {"with", "direct", "firsthand", "first-hand"}
    return word in ANONYMOUS


def _poll_share(s: SubjectWords) -> Subject | _NotASubject | None:
    """"61 percent said", "a majority of voters say", "about half of voters", "two-thirds
    of them", "One in five say", "Three-in-five insiders said": poll answers, unnamed (but
    "Majority Leader Jane Roe" is a name); "those surveyed", "voters polled": the people asked."""
    head = s.head
    if any((t.lower in _SHARE_WORDS or _fraction(head, k)) and not _in_name(head, k) and not _leader_title(head, k)
           for k, t in enumerate(head)):
        return _one_named(s) or _UNNAMED  # ("And a third, Jane Roe, said": one person, named)
    if len(head) == 2 and head[1].lower in _POLLED and not _is_cap(head[1]):
        return _UNNAMED
    return None


#: participles for the people a poll asked ("those surveyed", "voters polled")
_POLLED = frozenset({"surveyed", "polled", "questioned", "interviewed", "sampled"})


def _leader_title(head: list[Token], k: int) -> bool:
    """"Senate minority leader Jane Roe", "majority whip": a title, not a share."""
    return k + 1 < len(head) and head[k + 1].lower in {"leader", "whip"}


_FRACTIONS = frozenset({"half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths"})
_COUNTS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})


def _fraction(head: list[Token], k: int) -> bool:
    """A share at ``head[k]``: "half", "two-thirds", "three-quarters" (opening the head or
    before "of"), or "one in five", "4 in 10", "nine out of 10", "Three-in-five"."""
    word = head[k].lower
    parts = word.split("-")
    if parts[-1] in _FRACTIONS and (k == 0 or head[k - 1].lower in {"about", "nearly", "almost", "over", "roughly",
                                                                    "more", "than", "a", "one", "just", "only"}
                                    or (k + 1 < len(head) and head[k + 1].lower == "of")):
        return True
    if len(parts) == 3 and parts[1] == "in" and all(p in _COUNTS or p.isdigit() for p in (parts[0], parts[2])):
        return True  # "three-in-five"
    number = word in _COUNTS or word.isdigit()
    if number and k + 3 < len(head) and head[k + 1].lower == "out" and head[k + 2].lower == "of" \
            and (head[k + 3].lower in _COUNTS or head[k + 3].lower.isdigit()):
        return True  # "nine out of 10"
    return number and k + 2 < len(head) and head[k + 1].lower == "in" \
        and (head[k + 2].lower in _COUNTS or head[k + 2].lower.isdigit())


def _clause_word_in_head(s: SubjectWords) -> Subject | _NotASubject | None:
    """"When the mayor", "The plan was": a verb, modal or clause word in the head is no
    noun phrase (but "Will Doyle", "Theresa May" are names, and "to" is a preposition
    before a name, "Aides to Jane Roe", or part of a participle's phrase, "Growers hoping
    to sell")."""
    head = s.head
    if any(t.lower in BLOCK_IN_SUBJECT and not _in_name(head, k) and not _to_in_noun_phrase(head, k)
           for k, t in enumerate(head)):
        return NOT_A_SUBJECT
    return None


def _to_in_noun_phrase(head: list[Token], k: int) -> bool:
    """Whether "to" at ``head[k]`` stays inside a noun phrase: before a capitalised name
    after a plural noun ("aides to Jane Roe", "Aides to Jane Roe" at the start), or after a lower-case participle
    ("Growers hoping to sell the farm")."""
    if head[k].lower != "to" or k == 0 or k + 1 >= len(head):
        return False
    before = head[k - 1]
    return (_is_cap(head[k + 1]) and before.lower.endswith("s") and (not _is_cap(before) or k == 1) and k <= 3) \
        or (before.lower.endswith("ing") and not _is_cap(before) and k >= 2)


def _quotation_in_head(s: SubjectWords) -> Subject | _NotASubject | None:
    """'The "..." campaign', "Update: the minister": a quotation, colon or semicolon in the head."""
    if any(t.text in {QUOTE_PLACEHOLDER, ":", ";"} for t in s.head):
        return NOT_A_SUBJECT
    return None


def _lone_number(s: SubjectWords) -> Subject | _NotASubject | None:
    """"52" (from "Jane Roe, 52, said"): an age in apposition, not a subject."""
    if s.first.text[:1].isdigit() and len(s.head) == 1:
        return NOT_A_SUBJECT
    return None


def _no_noun_phrase_opening(s: SubjectWords) -> Subject | _NotASubject | None:
    """"quickly", "reluctantly he": a head that opens with neither a capital, a determiner,
    a number nor a group noun ("officials", "police", "border officials"), is no plural noun
    with a phrase after it ("protest organizers in Dorvale", "proponents of the plan") and
    does not end in a name of two words."""
    head, first = s.head, s.first
    head_runs = _name_runs(head)
    ends_in_name = bool(head_runs) and head_runs[-1][1] == len(head) and head_runs[-1][1] - head_runs[-1][0] >= 2
    group = len(head) <= 3 and (head[-1].lower in COLLECTIVE_UNNAMED | COLLECTIVE_BODY  # "border officials"
                                or _plain_plural(head)  # "exit polls", "female donors"
                                or _agent_plural(head)  # "forecasters", "hacking specialists"
                                or _evidence(head)  # "polls", "official data", "early ratings data"
                                or _headline_role(head))  # "analyst says" in a headline
    if not (_is_cap(first) or first.text[:1].isupper() or ends_in_name or first.lower in DETERMINERS
            or first.lower in INDEFINITE or first.lower in COLLECTIVE_UNNAMED or first.lower in COLLECTIVE_BODY
            or first.text[:1].isdigit() or group or _people_with_phrase(head)):
        return NOT_A_SUBJECT
    return None


#: plural or mass nouns for evidence that "suggests" or "indicates" something ("polls suggest")
_EVIDENCE_NOUNS = frozenset({"polls", "surveys", "studies", "data", "statistics", "polling", "research"})


#: role nouns that headlines write without an article ("Fate hinges on turnout, analyst says")
_HEADLINE_ROLES = frozenset({"analyst", "official", "expert", "candidate", "source", "spokesman", "spokeswoman",
                             "spokesperson", "lawyer", "economist", "adviser", "advisor", "aide", "witness",
                             "lawmaker", "senator", "governor", "mayor", "minister", "diplomat", "researcher"})


def _headline_role(head: list[Token]) -> bool:
    """"analyst", "official": a role noun alone, in lower case and without an article, as
    headlines and subheads write their speakers ("Investment, official says, helped growth")."""
    return len(head) == 1 and head[0].text in _HEADLINE_ROLES


#: adjectives before such a noun that name no producer ("official data", not "council figures")
_EVIDENCE_ADJECTIVES = frozenset({"official", "early", "new", "recent", "latest", "public", "national", "preliminary",
                                  "internal", "independent", "academic", "most", "many", "several", "some"})


def _evidence(head: list[Token]) -> bool:
    """"polls", "statistics", "official data", "early ratings data": a lower-case noun for
    evidence, alone or after an adjective that names no producer (perhaps with one noun
    between: "early ratings data"); "council figures", "company filings" name their producer
    and are read through it ("according to company filings")."""
    if head[-1].lower not in _EVIDENCE_NOUNS or not all(t.text.isalpha() and t.text.islower() for t in head):
        return False
    return len(head) == 1 or (len(head) <= 3 and head[0].lower in _EVIDENCE_ADJECTIVES)


#: data nouns whose producer is the speaker ("council figures": the council, see
#: :func:`_data_producer`), not the noun phrase itself
_DATA_NOUNS = frozenset({"figures", "data", "statistics", "filings", "records", "numbers", "estimates"})


#: endings of plural nouns for people by what they do ("forecasters", "respondents")
_AGENT_ENDINGS = ("ers", "ors", "ists", "ants", "ents", "ians")
#: plurals with those endings that are things, not people
_AGENT_NOT_PEOPLE = frozenset({"documents", "comments", "statements", "papers", "letters", "numbers", "orders",
                               "centers", "matters", "reports", "others", "waters", "headquarters", "filters",
                               "monitors", "sensors", "servers", "computers", "chapters", "posters", "flyers",
                               "events", "elements", "arguments", "agreements", "governments", "amendments",
                               "payments", "investments", "departments", "parents", "grants", "plants", "tenants"})


def _agent_plural(head: list[Token]) -> bool:
    """"forecasters", "respondents", "hacking specialists": one or two lower-case words
    ending in a plural noun for people by what they do."""
    last = head[-1].lower
    return len(head) <= 2 and all(t.text.isalpha() and t.text.islower() for t in head) \
        and last.endswith(_AGENT_ENDINGS) and len(last) > 5 and last not in _AGENT_NOT_PEOPLE \
        and not any(t.lower in BLOCK_IN_SUBJECT or t.lower in PREPOSITIONS or _adverb(t) for t in head)


def _people_with_phrase(head: list[Token]) -> bool:
    """:func:`_modified_plural` whose plural noun is one for people ("protest organizers in
    Dorvale", "proponents of the plan", "dozens of members"), or studies of them ("surveys of
    voters"), not other things ("signs at the harbour", "emails from Jane Roe")."""
    if not _modified_plural(head):
        return False
    noun = next((t.lower for t in head[:2] if t.lower.endswith("s") and not t.lower.endswith("ss")), "")
    return noun in _GROUP_NOUNS or (noun.endswith(_AGENT_ENDINGS) and len(noun) > 5 and noun not in _AGENT_NOT_PEOPLE)


#: Plural heads of a group that speaks: people counted or belonging ("dozens of members of
#: the party", "majorities in three counties") and the studies and surveys of them ("surveys of
#: voters indicated", as "according to a survey").
_GROUP_NOUNS = frozenset({"people", "members", "dozens", "hundreds", "thousands", "millions", "majorities",
                          "studies", "surveys", "polls", "reports", "analyses"})


def _plain_plural(head: list[Token]) -> bool:
    """"exit polls", "female donors": two or three lower-case words, no verb form or adverb
    among them, ending in a plural noun (not a data noun: "council figures")."""
    last = head[-1].lower
    plural = last.endswith("s") and not last.endswith(("ss", "us", "is")) and len(last) > 3 and last not in _DATA_NOUNS
    return len(head) >= 2 and plural and all(t.text.isalpha() and t.text.islower() and not _adverb(t)
                                             and not t.lower.endswith(("ed", "ing")) and t.lower not in BLOCK_IN_SUBJECT
                                             and t.lower not in PREPOSITIONS for t in head)


def _compound_adjective(head: list[Token]) -> bool:
    """"Best-selling thriller writer Jane Roe", "Long-serving aide John Doe": a hyphenated
    adjective in -ing opening a noun phrase that ends in a capitalised name."""
    return "-" in head[0].text and len(head) >= 3 and _is_cap(head[-1]) and not head[1].text[:1].isupper() \
        and head[0].text.split("-")[0].isalpha()


def _participle_opening(s: SubjectWords) -> Subject | _NotASubject | None:
    """"Speaking outside the court", "Writing in the Times", "Alarmed by the unrest": a
    participle phrase (but "Best-selling author Jane Roe", :func:`_compound_adjective`,
    "Downing Street", and a surname alone: "Ebeling said", "King said"; "Having" and "Being" alone
    are the auxiliary of a participle clause: "Having announced ..., Roe")."""
    head, first = s.head, s.first
    if first.lower.endswith("ed") and len(head) > 1 and head[1].lower in PREPOSITIONS | {"by", "about", "of"}:
        return NOT_A_SUBJECT  # "Alarmed by the unrest in Nevada": a participle phrase in -ed
    if first.lower.endswith("ing") and (len(head) == 1 or not _is_cap(head[1])) and not _agent_plural(head) \
            and not _compound_adjective(head) \
            and not (len(s.tokens) == 1 and _is_cap(first) and len(first.text) > 3
                     and first.lower not in {"having", "being"}):
        return NOT_A_SUBJECT
    return None


def _preposition_opening(s: SubjectWords) -> Subject | _NotASubject | None:
    """"In his farewell statement", "After the vote": an introductory phrase; so is a day
    before a preposition ("Friday on CNN")."""
    dated = len(s.head) > 1 and s.first.lower.rstrip(".") in CALENDAR_WORDS and s.head[1].lower in PREPOSITIONS
    return NOT_A_SUBJECT if s.first.lower in PREPOSITIONS or dated else None


_ENDS_NO_NOUN_PHRASE = frozenset({"by", "with", "of", "to", "for", "in", "on", "at", "from", "into", "about"})


def _ends_in_verb(s: SubjectWords) -> Subject | _NotASubject | None:
    """"... the fire burned", "the crowd cheering": the head ends in a lower-case verb form;
    "the town saw an awkward but" (before "promising"), "the college pays by" (before
    "admitting"): or in a conjunction or a preposition, which end no noun phrase."""
    head = s.head
    if head[-1].lower.endswith(("ed", "ing")) and not _is_cap(head[-1]) and len(head) > 1 \
            and head[-1].lower not in {"unnamed"}:
        return NOT_A_SUBJECT
    if head[-1].lower in _COORDINATORS or head[-1].lower in _ENDS_NO_NOUN_PHRASE:
        return NOT_A_SUBJECT
    return None


_SPOKESPEOPLE = frozenset({"spokesperson", "spokesman", "spokeswoman", "representative"})


def _full_name_segment(segments: list[list[Token]]) -> Subject | None:
    """The first apposition that is a name of two words or more ("Jane Roe"), as a subject."""
    for seg in segments:
        if len(seg) >= 2 and _name_runs(seg)[:1] == [(0, len(seg))] and not any(t.lower in CONNECTORS for t in seg):
            name, hint = _clean_name([t.text for t in seg], [])
            if name:
                return name, "name", hint or "person"
    return None


def _bare_spokesperson(head: list[Token]) -> Subject | _NotASubject:
    """"the spokesman", "his spokeswoman": a description (resolved to whom it speaks for
    from the story); "a spokesman", "one spokeswoman": unnamed; a spokes-word alone: no
    subject."""
    if head[0].lower in {"a", "an", "one"}:
        return _UNNAMED
    if head[0].lower in DETERMINERS and len(head) == 2:
        return _describe(head), "description", ""
    return NOT_A_SUBJECT


def _spokesperson(s: SubjectWords) -> Subject | _NotASubject | None:
    """A spokesperson speaks for the body or person named with it: "A spokesperson for the
    Ministry of Health" (the ministry), "Spokeswoman Jane Roe" (her name), "A Veltra
    spokesman" (Veltra), "a hospital spokeswoman" (the hospital).  With a spokes-word and
    none of these, see :func:`_bare_spokesperson`."""
    head = s.head
    spokes = next((k for k, w in enumerate(s.lowers) if w in _SPOKESPEOPLE), None)
    if spokes is None:
        return None
    after = head[spokes + 1:]
    if after and after[0].lower == "the" and len(after) >= 3 and _name_runs(after[1:])[:1] == [(0, len(after) - 1)]:
        after = after[1:]  # "Vatican spokesman the Rev. Jane Roe"
    named = _full_name_segment(s.appositions) if not after or after[0].lower in {"for", "of", "at"} else None
    if named:
        # "A Veltra spokesman, John Doe, said", "a spokesman for the ministry, John Doe, said":
        # the person named speaks
        return named
    if after and after[0].lower in {"for", "of", "at"}:
        result = analyse_subject(after[1:])
        if result:
            return result
    if after and _name_runs(after)[:1] == [(0, len(after))] and (len(after) >= 2 or _is_cap(head[spokes])):
        name, hint = _clean_name([t.text for t in after], [])
        # "Spokeswoman Jane Roe says", "spokesman John Doe said", "Representative Roe said" (a title)
        return name, "name", hint or "person"
    before = [t for t in head[:spokes] if t.lower not in DETERMINERS and t.lower not in INDEFINITE]
    if not before:
        return _bare_spokesperson(head)
    if _is_cap(before[-1]):
        name, hint = _clean_name([_strip_possessive(t.text) for t in before], before)
        return name, "name", hint or "organisation"
    return "the " + " ".join(t.text for t in before), "description", "organisation"


def _anonymous_in_apposition(s: SubjectWords) -> Subject | _NotASubject | None:
    """"She, who asked not to be named,": a pronoun whose apposition makes it anonymous
    ("close" only before "to"; a name keeps its speaker: "Jane Roe, a close friend of X,")."""
    if not _named_head(s) and any(_anonymous_word(seg, k) for seg in s.segments for k in range(len(seg))):
        return _UNNAMED
    return None


def _named_head(s: SubjectWords) -> bool:
    """Whether the head ends in a capitalised name ("Jane Roe", "Roe"; not "She")."""
    runs = _name_runs(s.head)
    return bool(runs) and runs[-1][1] == len(s.head) and s.first.lower not in PRONOUNS


_PLACE_LINKS = frozenset({"of", "in", "for", "from"})


def _place_after_head_noun(s: SubjectWords) -> Subject | _NotASubject | None:
    """"The mayor of Riverton, Linda Park,": the head noun is "mayor", not the place; the
    name in apposition speaks, and without one the head is cut before the place ("The
    mayor"); so is a plural noun opening in lower case with people in a place ("protest
    organizers in Dorvale": "protest organizers").  Sets ``s.runs`` for
    :func:`_name_ends_head` (none once the place is cut)."""
    head = s.head
    s.runs = _name_runs(head, commas=True)
    if s.runs and s.runs[-1][0] >= 3 and head[s.runs[-1][0] - 1].lower == "the" \
            and head[s.runs[-1][0] - 2].lower in _PLACE_LINKS:
        if head[0].lower in DETERMINERS:
            return _full_name_segment(s.appositions)  # "The leader of the Veltra Union, Jane Roe,"
        return _person_of_the_body(head, s.runs)  # "Mr. Jon Doe of the Veltra Center"
    plural_group = not _is_cap(head[0]) and head[0].lower not in DETERMINERS and _people_with_phrase(head)
    if plural_group and s.runs and s.runs[-1][0] >= 2 and head[s.runs[-1][0] - 1].lower in {"in", "at", "from"} \
            and not any(_name_runs(seg) for seg in s.appositions):
        # "protest organizers in Dorvale": people in a place, not the place
        s.runs = []
        s.head = head[:next(k for k in range(len(head)) if head[k].lower in {"in", "at", "from"})]
        return None
    if not (s.runs and s.runs[-1][0] >= 2 and head[s.runs[-1][0] - 1].lower in _PLACE_LINKS
            and head[0].lower in DETERMINERS):
        return None
    for seg in s.appositions:
        seg_runs = _name_runs(seg)
        if seg and seg_runs and seg_runs[0] == (0, len(seg)):
            name, hint = _clean_name([t.text for t in seg], [])
            return name, "name", hint
    s.runs = []
    s.head = head[:next(k for k in range(len(head)) if head[k].lower in _PLACE_LINKS)]
    return None


_VAGUE_OPENINGS = INDEFINITE - {"senior", "furious", "angry", "local"}


def _person_of_the_body(head: list[Token], runs: list[tuple[int, int]]) -> Subject | None:
    """"Jane Roe of the Veltra Institute", "Mr. Doe at the Riverton Center": a person's
    name opening the head, then a link and "the" before the body: the person speaks."""
    first = runs[0]
    if first[0] != 0 or first[1] - first[0] < 2 or first[1] != runs[-1][0] - 2:
        return None
    name, hint = _clean_name([t.text for t in head[first[0]:first[1]]], [])
    return (name, "name", "person") if name and hint == "person" else None


def _one_named(s: SubjectWords) -> Subject | None:
    """"One pastor backing the plan, Jane Roe of Ohio,": one person, named in apposition."""
    return _leading_name(s.appositions) if s.first.lower in {"one", "a", "an", "another"} else None


def _leading_name(segments: list[list[Token]]) -> Subject | None:
    """A person's name of two words or more opening the first apposition ("Jane Roe of
    Riverton Baptist Church in Marion"), as a subject."""
    for seg in segments[:1]:
        runs = _name_runs(seg)
        if runs and runs[0][0] == 0:
            words = [t.text for t in seg[:runs[0][1]]]
            cut = next((k for k, w in enumerate(words) if w.lower() in _NAME_CUTS), len(words))
            name, hint = _clean_name(words[:cut], [])
            if cut >= 2 and hint == "person":
                return name, "name", "person"
    return None


def _name_ends_head(s: SubjectWords) -> Subject | _NotASubject | None:
    """The name is the head noun when a capitalised run ends the head: "Delivery driver
    Gary Mills" (Gary Mills), "Canadian miner Norvale Minerals" (an organisation); with a
    determiner before a person-like run a description ("The Ohio Republican"); after
    "two", "several", ... unnamed ("Two former Labour Ministers"); a day alone no subject.
    "Inspectors" (a plural noun alone) is left to the later passes."""
    runs, head = s.runs, s.head
    if not runs or runs[-1][1] != len(head) or (runs[-1][0] == 0 and head[0].lower in DETERMINERS):
        return None
    start, end = runs[-1]
    context = head[:start]
    has_det = start > 0 and head[start - 1].lower in DETERMINERS | INDEFINITE
    end = _before_home_town(head, start, end)
    name, hint = _clean_name([t.text for t in head[start:end]], context)
    if start == 0 and len(head) == 1 and s.first.lower in COLLECTIVE_BODY | COLLECTIVE_UNNAMED:
        return None  # "Inspectors said": a plural noun at the start, not a name
    if has_det and hint != "organisation" and not any(t.lower in ORG_DESCRIPTORS for t in context):
        return _describe(head), "description", ""  # "The Ohio Republican"
    if head[0].lower in _VAGUE_OPENINGS and hint != "organisation":
        return _one_named(s) or _UNNAMED  # "One pastor, Jane Roe of Ohio, said": the name
    if all(w.lower().rstrip(".") in CALENDAR_WORDS for w in name.split()):
        return NOT_A_SUBJECT  # "She escalated her criticism on Tuesday, telling ...": a day is no speaker
    if start == 0 and hint != "organisation" and _body_in_apposition(s.appositions):
        hint = "organisation"  # "Exwire, the official news agency, wrote": a body, not a person
    return name, "name", hint


def _before_home_town(head: list[Token], start: int, end: int) -> int:
    """Where a person's name ends in a run naming where they are from: before "of" in "Jane Roe
    of Exton, Pennsylvania" (a place written "City, State"); else ``end``."""
    for k in range(start + 2, end - 3):
        if head[k].lower == "of" and any(t.text == "," and _state_after_place(head, j + 1)
                                         for j, t in enumerate(head[k:end], start=k)):
            return k
    return end


def _body_in_apposition(appositions: list[list[Token]]) -> bool:
    """Whether the first apposition is a definite or indefinite noun phrase whose head noun is a
    kind of organisation ("the official Ruritanian news agency", "a Canadian miner")."""
    first = appositions[0] if appositions else []
    return len(first) >= 2 and first[0].lower in {"the", "a", "an"} and first[-1].lower in ORG_DESCRIPTORS


def _name_in_apposition(s: SubjectWords) -> Subject | _NotASubject | None:
    """"His solicitor, Anna Greaves,": a name filling an apposition (one word will do after
    a lower-case or determiner head, "the driver, Mills,", or a possessive one, "Roe's son,
    Grant,")."""
    head = s.head
    for seg in s.appositions:
        seg_runs = _name_runs(seg)
        if seg and seg_runs and seg_runs[0] == (0, len(seg)) and (len(seg) >= 2 or not _is_cap(head[0])
                                                                  or head[0].lower in DETERMINERS
                                                                  or (_is_possessive(head[0]) and not _is_cap(head[-1]))):
            name, hint = _clean_name([t.text for t in seg], [])
            return name, "name", hint
    return None


def _publication_of_a_body(s: SubjectWords) -> Subject | _NotASubject | None:
    """"A new Example Times poll released Monday", "Another Example Research study from
    2011": a publication opened by an indefinite word speaks for the body named before its
    noun (:func:`_publisher`), not for an unnamed source."""
    if s.head[0].lower not in INDEFINITE:
        return None
    publisher = _publisher(s.head)
    return (publisher, "name", "organisation") if publisher else None


def _vague_group(s: SubjectWords) -> Subject | _NotASubject | None:
    """"Two officials", "several residents", "border officials": unnamed people; "polls",
    "official data" (:func:`_evidence`): unnamed sources; a headline's "analyst"
    (:func:`_headline_role`): a description, as written."""
    if s.head[0].lower in INDEFINITE or s.lowers[-1] in COLLECTIVE_UNNAMED:
        return _one_named(s) or _UNNAMED
    if _evidence(s.head):
        return _UNNAMED  # "polls suggest", "official data suggest": unnamed, as "according to polls"
    if _headline_role(s.head):
        return s.head[0].text, "description", "person"  # the headline's "candidate": the story's
    return None


def _body_staff(s: SubjectWords) -> Subject | _NotASubject | None:
    """"The police", "state inspectors": a body's own staff, described, for the organisation."""
    if s.lowers[-1] in COLLECTIVE_BODY:
        return _describe(s.head), "description", "organisation"
    return None


#: organisation words that written in lower case are adjectives ("the independent senator"),
#: not the names of newspapers or bodies ("The Independent", "Executive")
_ADJECTIVE_ORG_WORDS = frozenset({"independent", "standard", "international", "executive", "capital", "white"})


def _adjective_use(token: Token) -> bool:
    return token.text.islower() and token.lower in _ADJECTIVE_ORG_WORDS


def _description(s: SubjectWords) -> Subject | _NotASubject | None:
    """"The diplomat", "his lawyer", "the water company": a description (an organisation
    when a word of the head says so); also a short head without a determiner ("Union
    bosses"), a possessive acting as one ("Jane Roe's campaign manager"), and a plural
    noun of the first three words with a phrase after it ("Members of the board", "People
    briefed on the talks", "Growers hoping to sell").  Anything else longer without a
    determiner is no subject."""
    if s.head[0].lower in DETERMINERS or len(s.head) <= 3 or _possessive_determiner(s.head) \
            or _modified_plural(s.head):
        hint = "organisation" if any(t.lower in ORG_DESCRIPTORS or (t.lower in ORG_WORDS and not _adjective_use(t))
                                     for t in s.head) else ""
        return _describe(s.head), "description", hint
    return NOT_A_SUBJECT


_CONTRACTED_IS = frozenset(w + s + "s" for w in ("it", "that", "there", "what", "he", "she", "who", "here", "where")
                           for s in ("'", "’"))


def _possessive_determiner(head: list[Token]) -> bool:
    """"Jane Roe's campaign manager", "Rival Jane Roe's campaign": a possessive in the first
    four words with one to three lower-case words after it, none of them a comparative
    or an adverb ("Roe's more incendiary" before "remarks" is no subject)."""
    last = max((k for k, t in enumerate(head[:4]) if _is_possessive(t) and t.lower not in _CONTRACTED_IS),
               default=None)
    if last is None:
        return False
    rest = head[last + 1:]
    return 1 <= len(rest) <= 3 and all(t.text.islower() and t.lower not in {"more", "most", "less", "least"}
                                       and not _adverb(t) and t.lower not in _POST_MODIFIERS for t in rest)


#: words that open a phrase after a head noun: "Members of", "People briefed on", "Voters in"
_POST_MODIFIERS = frozenset({"of", "in", "at", "from", "to", "on", "with", "across", "around", "inside", "outside"})


def _modified_plural(head: list[Token]) -> bool:
    """"Members of the board", "Large majorities of voters in six states", "People briefed
    on the talks", "officials hoping to sell the farm": a plural noun opening the head (or
    after one lower-case adjective), then a preposition, or for a lower-case noun a
    participle, and at least two words more.  A capitalised word in -s may be a name
    ("Sanders prevailed in ..."), so only a preposition follows it ("Members of")."""
    for k in range(min(2, len(head) - 2)):
        word, nxt = head[k].lower, head[k + 1]
        if k == 1 and (_is_cap(head[0]) or _adverb(head[0]) or not head[0].text.isalpha()):
            return False
        plural = word == "people" or (word.endswith("s") and not word.endswith(("ss", "'s", "’s")) and len(word) > 3)
        if not plural or _is_cap(nxt):
            continue
        common = not _is_cap(head[k]) or word == "people"  # "People" is never a name
        if nxt.lower in _POST_MODIFIERS or (common and nxt.lower.endswith(("ed", "ing"))):
            return True
    return False


#: The shapes of a subject noun phrase, tried in this order: each pass takes the
#: :class:`SubjectWords` and returns a subject, :data:`NOT_A_SUBJECT`, or None (not
#: decided: the next pass is tried).  A pass may narrow ``head`` for the passes after
#: it.  The order is the behaviour.
SUBJECT_PASSES = (_nothing_left, _lone_pronoun, _only_a_date, _head_missing_or_long, _restrictive_relative,
                  _anonymous_source, _poll_share, _clause_word_in_head, _quotation_in_head, _lone_number,
                  _no_noun_phrase_opening, _participle_opening, _preposition_opening, _ends_in_verb,
                  _spokesperson, _anonymous_in_apposition, _place_after_head_noun, _publication_of_a_body,
                  _name_ends_head,
                  _name_in_apposition, _vague_group, _body_staff, _description)


class SubjectDecision(NamedTuple):
    """Which subject pass decided (its function name) and what: ``subject`` is
    ``(speaker, kind, hint)``, or None for no subject."""

    rule: str
    subject: Subject | None


def decide_subject(tokens: list[Token]) -> SubjectDecision:
    """The first subject pass (:data:`SUBJECT_PASSES`) that decides about ``tokens``."""
    words = SubjectWords.read(tokens)
    for subject_pass in SUBJECT_PASSES:
        verdict = subject_pass(words)
        if verdict is not None:
            return SubjectDecision(subject_pass.__name__, None if verdict is NOT_A_SUBJECT else verdict)
    raise AssertionError("the last subject pass always decides")


def analyse_subject(tokens: list[Token]) -> Subject | None:
    """``(speaker, kind, hint)`` for a subject noun phrase (with its appositions), or None
    if the tokens do not read as one (see :data:`SUBJECT_PASSES`)."""
    return decide_subject(tokens).subject


_BE = frozenset({"is", "are", "was", "were", "be", "been"})
_NEGATIONS = frozenset({"not", "never", "n't"})
#: a verb group before the speech verb: "has not", "did not", "is", "will be", "could never"
_VERB_GROUP = frozenset({"not", "never", "did", "does", "do", "will", "would", "can", "could", "may", "might",
                         "should", "must", "is", "are", "was", "were", "be", "been", "cannot"}) | {
    w + "n't" for w in ("did", "does", "do", "has", "have", "had", "is", "are", "was", "were", "wo", "would", "could",
                        "ca", "should")}


def _verb_group_start(tokens: list[Token], verb_start: int) -> int:
    """Where the verb group ending at ``verb_start`` begins: adverbs and auxiliaries
    ("has also", "did not", "is now", "will be") and a time phrase ("last week", "two
    days ago", "on Tuesday") are skipped back to the subject."""
    end = verb_start
    while end > 0:
        if _capitals_name(tokens, end - 1):
            break  # 'DORVALE DAILY reported': a name in capitals
        if tokens[end - 1].lower in AUXILIARIES or (tokens[end - 1].lower.replace("’", "'") in _VERB_GROUP
                                                    and not _is_cap(tokens[end - 1])) \
                or _adverb(tokens[end - 1]):  # "Cara May said": a name
            end -= 1
            continue
        if _control_start(tokens, end) < end:
            end = _control_start(tokens, end)
            continue
        time_start = _time_phrase_start(tokens, end)
        if time_start == end or (time_start and tokens[time_start - 1].lower.endswith("ed")
                                 and not _is_cap(tokens[time_start - 1])):
            break  # "A report filed Thursday says": the time belongs to the participle
        end = time_start
    return end


#: verbs whose infinitive after them is the subject's own act: "tried to argue", "went on
#: to say", "was quick to add", "has taken to saying", "was prompted to say", "interjected
#: to say", "went so far as to say"
_CONTROL_VERBS = frozenset({"try", "tries", "tried", "trying", "seek", "seeks", "sought", "seeking", "begin", "begins",
                            "began", "begun", "start", "starts", "started", "continue", "continues", "continued",
                            "continuing", "quick", "taken", "took", "rushed", "hastened", "proceeded", "moved",
                            "prompted", "interjected", "paused"})
_GO_ON = frozenset({"go", "goes", "went", "gone", "going"})


def _control_start(tokens: list[Token], end: int) -> int:
    """Where "tried to", "went on to", "was quick to" ending at ``end`` (the infinitive's
    "to" is ``tokens[end - 1]``) begins; ``end`` if it is not there."""
    if end < 2 or tokens[end - 1].lower != "to":
        return end
    if tokens[end - 2].lower in _CONTROL_VERBS and not _is_cap(tokens[end - 2]):
        return end - 2
    if end >= 3 and tokens[end - 2].lower == "on" and tokens[end - 3].lower in _GO_ON:
        return end - 3
    if end >= 5 and [t.lower for t in tokens[end - 4:end - 1]] == ["so", "far", "as"] \
            and tokens[end - 5].lower in _GO_ON:
        return end - 5  # "went so far as to say"
    return end


#: adverbs inside a verb group that do not end in -ly ("has long argued", "has since said")
_GROUP_ADVERBS = frozenset({"long", "since", "first", "often", "always", "ever", "just", "still", "already",
                            "even", "only", "twice", "once", "sometimes", "frequently", "recently", "soon"})
#: lower-case words in -ly that are nouns or adjectives, not adverbs
_LY_NOT_ADVERBS = frozenset({"family", "ally", "rally", "assembly", "supply", "monopoly", "bully", "italy", "july",
                             "fly", "reply", "anomaly", "homily", "lily", "belly", "jelly", "folly", "holly",
                             "early", "only", "daily", "weekly", "monthly", "likely", "elderly", "friendly", "costly",
                             "ugly", "lonely", "lively", "deadly", "orderly", "silly", "holy", "oily", "curly"})


def _adverb(token: Token) -> bool:
    """A lower-case adverb inside a verb group: "subsequently", "has long", "has since"."""
    word = token.lower
    if _is_cap(token):
        return False
    return word in _GROUP_ADVERBS or (word.endswith("ly") and len(word) > 4 and word not in _LY_NOT_ADVERBS)


_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_TIME_NOUNS = frozenset({"week", "weeks", "month", "months", "year", "years", "day", "days", "night", "weekend",
                         "morning", "afternoon", "evening", "spring", "summer", "fall", "autumn", "winter", "hour",
                         "hours", "time"})
#: words that open a time phrase before a verb: "last week", "earlier this month", "on Monday"
_TIME_OPENERS = frozenset({"last", "this", "earlier", "later", "late", "early", "on", "next", "that", "past"})
_AGO_WORDS = frozenset({"a", "an", "few", "several", "two", "three", "four", "five", "six", "ten", "less", "more",
                        "than", "about", "nearly", "almost", "just", "only", "some", "couple", "of"})


def _in_capitals(previous: str, word: str) -> bool:
    """Whether ``word`` is a word in capitals after another ('DORVALE TODAY'): part of a name,
    not a time word."""
    return len(word) > 2 and word.isupper() and previous.isupper() and previous.isalpha()


def _capitals_name(tokens: list[Token], k: int) -> bool:
    """:func:`_in_capitals` for ``tokens[k]`` after the token before it."""
    return k >= 1 and _in_capitals(tokens[k - 1].text, tokens[k].text)


def _time_phrase_start(tokens: list[Token], end: int) -> int:
    """Where a time phrase ending at ``end`` begins ("Roe last week said", "Roe two days
    ago said", "Roe on Tuesday night said", "Roe earlier this month said", "Roe at the
    time said"); ``end`` if
    none: a bare weekday, or a time noun after an opener; "... ago" back over its
    measure.  A month alone is left to the name ("Cara May said")."""
    k = end
    if k and tokens[k - 1].lower == "ago":
        k -= 1
        while k and (tokens[k - 1].lower in _AGO_WORDS or tokens[k - 1].lower in _TIME_NOUNS
                     or tokens[k - 1].text.isdigit()):
            k -= 1
        return k if k < end - 1 else end
    if k and _capitals_name(tokens, k - 1):
        return end  # 'DORVALE DAILY reported': a name in capitals, no time
    if k and tokens[k - 1].lower in _TIME_NOUNS:
        k -= 1
    if k and tokens[k - 1].lower in _WEEKDAYS:
        k -= 1
    if k == end:
        return end
    if k < end and k >= 2 and tokens[k - 1].lower == "the" and tokens[k - 2].lower == "at":
        return k - 2  # "Roe at the time said"
    while k and tokens[k - 1].lower in _TIME_OPENERS and not _is_cap(tokens[k - 1]):
        k -= 1
    bare_day = tokens[k].lower in _WEEKDAYS
    return k if bare_day or tokens[k].lower in _TIME_OPENERS else end


def _subject_before(tokens: list[Token], verb_start: int, verb_end: int) -> Attribution | None:
    """"Jane Roe said", "The diplomat, 41, who ..., has also said", "X did not say that",
    "X is suggesting": the subject starts a clause before the verb group."""
    end = _verb_group_start(tokens, verb_start)
    coordinated = end >= 2 and tokens[end - 1].lower == "and" and tokens[end - 2].text not in CLAUSE_PUNCT
    if coordinated or (end == verb_start and tokens[verb_start].lower.endswith("ing")
                       and not _pronoun_with_be(tokens[end - 1] if end else None)):
        return None  # "... released a statement saying": a bare participle has no subject before it
    comma_before = end >= 1 and tokens[end - 1].text == ","
    for start in _clause_starts(tokens, end):
        if tokens[start].text == QUOTE_PLACEHOLDER:
            continue  # '"...," Senate minority leader Jane Roe told': the subject starts after it
        if _state_after_place(tokens, start):
            continue  # 'Jane Roe of Exton, Pennsylvania says': the state ends the place
        if start and tokens[start - 1].text == "(" and any(t.text == ")" for t in tokens[start:end]):
            # 'Sen. Jane Roe (R-Texas) told': a tag closed before the verb is no subject; the
            # name right before it is (its run of capitalised words, titles and all)
            run = next((a for a, b in _name_runs(tokens[:start - 1]) if b == start - 1), None)
            if run is None:
                continue
            start = run
        if comma_before and start and (tokens[start - 1].lower in CONJUNCTIONS or tokens[start].lower in CONJUNCTIONS) \
                and not any(t.text == "," for t in tokens[start:end - 1]):
            continue  # '..., both Trump and Sanders, said Jane Roe': an object before an inverted tag
        # an apposition left open ('Jane Roe, president of the Acme Fund stated') only where the
        # tag is no parenthesis ('Jane Roe, a spokesman for the firm said, will retire') and the
        # subject does not follow a conjunction ('Roe and John Doe, the authors of the study said')
        parenthesis = verb_end + 1 < len(tokens) and tokens[verb_end].text == "," \
            and tokens[verb_end + 1].text != QUOTE_PLACEHOLDER
        after_conjunction = start > 0 and tokens[start - 1].lower in CONJUNCTIONS
        found = analyse_subject_with_appositions(tokens[start:end], open_apposition=not (parenthesis or after_conjunction))
        if found:
            return Attribution(*found, "", "subject", tag=((start, verb_start),))
    return None


_PRONOUN_WITH_BE = re.compile(r"(?:he|she|it|they|we|i|you)['’](?:s|re|m)")


def _pronoun_with_be(token: Token | None) -> bool:
    """"He's", "they're", "I'm" before a participle: 'He's suggesting that ...' has its subject."""
    return token is not None and _PRONOUN_WITH_BE.fullmatch(token.lower) is not None


_PLACE_PREPOSITIONS = frozenset({"in", "of", "from", "at", "to", "near", "outside"})


def _state_after_place(tokens: list[Token], start: int) -> bool:
    """Whether a US state's name or code starts at ``start`` right after a place and a comma,
    the place after a preposition ("of Exton, Pennsylvania", "in Dorvale, OH", "to
    Exton, Pa."): the second part of the place."""
    if start < 2 or tokens[start - 1].text != "," or not _is_cap(tokens[start - 2]):
        return False
    k = start - 2
    while k > 0 and _is_cap(tokens[k - 1]):
        k -= 1
    if k == 0 or tokens[k - 1].lower not in _PLACE_PREPOSITIONS:
        return False  # 'John Doe, Ohio director for ...': a name, then a role
    for width in (2, 1):
        words = tokens[start:start + width]
        key = " ".join(t.lower.rstrip(".") for t in words)
        postal = width == 1 and len(key) == 2 and "." not in words[0].text
        after = tokens[start + width] if start + width < len(tokens) else None
        if len(words) == width and all(_is_cap(t) for t in words) and key in US_STATE_NAMES \
                and (not postal or words[0].text.isupper()) \
                and (after is None or not _is_cap(after)):  # 'OH', not 'In'; not 'Reno, Nevada Gov. Doe'
            return True
    return False


def analyse_subject_with_appositions(tokens: list[Token], open_apposition: bool = True) -> tuple[str, str, str] | None:
    """A subject that may carry appositions closed by a comma right before the verb
    ("Boris Bondarev, 41, who worked ..., said"); a relative clause still open
    before the verb (", who said") is not a subject."""
    if not tokens:
        return None
    segments = _split_commas(_drop_dashed(tokens))
    filled = [seg for seg in segments if seg]
    if len(segments) > 1 and filled and [t.text for t in filled[-1]] == [QUOTE_PLACEHOLDER]:
        return None  # a quotation alone after a comma is what was said: 'The fair, ..., "...," said X'
    if open_apposition and _apposition_left_open(segments):
        # 'Jane Roe, president and CEO of the Acme Association stated': the apposition's closing
        # comma left out; a person's full name before it is the subject
        found = analyse_subject(segments[0])
        if found is not None and found[1] == "name" and found[2] == "person" \
                and found[0].split()[-1] == segments[0][-1].text:
            return found
    if len(segments) > 1 and segments[-1] and segments[-1][-1].text != QUOTE_PLACEHOLDER:
        return None  # (an apposition ending in a quotation took its comma inside: 'X, host of "Y," said')
    adverbial = next((k for k, seg in enumerate(filled[1:-1], start=1) if seg[0].lower in _ADVERBIAL_OPENERS), None)
    if adverbial is not None and not any(seg[0].lower in RELATIVE for seg in filled[:adverbial]) \
            and _name_runs(filled[-1]) and _name_runs(filled[-1])[0][0] == 0:
        # an adverbial clause with a name after it: the subject is that name, not what came
        # before ('In Dorvale, OH, after winning the primary, Gov. Jane Roe said'); one right before
        # the verb is interjected ('Jane Roe, after a pause, said'), and one inside a relative
        # clause belongs to it ('John Doe, who, after the vote, resigned, said')
        return None
    return analyse_subject(tokens)


def _apposition_left_open(segments: list[list[Token]]) -> bool:
    """Whether ``segments`` read as a capitalised name of two or more words and, after its
    comma, an apposition of three or more words opening in lower case with a determiner or
    holding "of", "for" or "at" ("president and CEO of the Acme Association", "a former agent
    for the Service"), with no comma closing it: not a parenthetical subject ('Mr. Roe,
    officials said'), a clause ('Sure, he admits') or a time ('Early Tuesday, the department')."""
    if len(segments) != 2 or len(segments[0]) < 2 or len(segments[1]) < 3:
        return False
    name, apposition = segments
    if not all(_is_cap(t) for t in name) or name[0].lower in _ADVERBIAL_START or name[0].lower in PREPOSITIONS \
            or name[0].lower in _OPENING_PREPOSITIONS:
        return False
    first = apposition[0]
    return first.text[:1].islower() and first.lower not in PRONOUNS and apposition[-1].text != QUOTE_PLACEHOLDER \
        and (first.lower in DETERMINERS or any(t.lower in {"of", "for", "at"} for t in apposition)) \
        and not any(t.lower in BLOCK_IN_SUBJECT for t in apposition)


#: Prepositions that open a sentence before its subject ('Among Democrats, two-thirds of ...').
_OPENING_PREPOSITIONS = frozenset({"among", "across", "beyond", "unlike", "like", "besides", "throughout", "outside",
                                   "inside", "behind", "against", "toward", "towards", "around", "near"})


#: Words opening an adverbial clause, never an apposition.
_ADVERBIAL_OPENERS = frozenset({"after", "before", "while", "following", "despite", "although", "though", "because",
                                "since", "upon", "until", "unless", "once", "whereas"})


_COORDINATORS = frozenset({"and", "but"})


def _coordinated_subject(tokens: list[Token], verb_start: int, verb_end: int) -> Attribution | None:
    """"X laughed and said", "Veltra cut its forecast on Thursday and said", "X agreed
    but later said", "X has doubts but has said": the subject is the name or pronoun at
    the clause start (or a determiner and one noun: "The judge paused and said"),
    followed by a verb; not inside a relative clause (``verb_end``
    is not needed: every verb finder takes the verb's span)."""
    end = _verb_group_start(tokens, verb_start)
    if not (end >= 2 and tokens[end - 1].lower in _COORDINATORS):
        return None
    if tokens[end - 1].lower == "but" and end == verb_start and tokens[verb_start].lower.endswith("ing"):
        return None  # "an awkward but promising start": no finite verb
    for start in _clause_starts(tokens, end - 1):
        best = _first_clause_subject(tokens, start, end - 1)
        if best:
            return Attribution(*best[:3], "", "coordinated", tag=((start, best[3]),))
    return None


def _first_clause_subject(tokens: list[Token], start: int, end: int) -> tuple[str, str, str, int] | None:
    """``(speaker, kind, hint, k)``: the subject of the clause opening at ``tokens[start]``,
    ending at ``tokens[k]``, the lower-case word after it (its verb), before ``end``; see
    :func:`_coordinated_subject`."""
    best = None
    for k in range(start + 1, min(end, start + SUBJECT_WINDOW)):
        nxt = tokens[k]
        if nxt.lower in RELATIVE:
            break  # "Roe, who has seen it but would say nothing": the verbs of a relative clause
        if not nxt.text[:1].islower() or nxt.lower in CONNECTORS or nxt.lower in DETERMINERS \
                or nxt.text in CLAUSE_PUNCT:
            continue
        prev = tokens[k - 1]
        if prev.text == ")" and k - start >= 4:  # "Sen. Jane Roe (I-Vt.) called ... and said": a party tag
            opening = next((j for j in range(k - 2, max(start, k - 5), -1) if tokens[j].text == "("), None)
            prev = tokens[opening - 1] if opening else prev
        if prev.lower in DETERMINERS or _opening_word(tokens, start, k):
            continue  # "The senator ...": a capital from the sentence start, no name
        # "The judge paused and said": a determiner, a noun, a verb
        described = k == start + 2 and tokens[start].lower in DETERMINERS and _reads_as_verb(nxt.lower)
        if _is_cap(prev) or prev.lower in PRONOUNS or described or (prev.text == "," and k - start <= 16):
            # "Sen. Rand Paul, R-Ky., called the bill ... and said"
            found = analyse_subject_with_appositions(tokens[start:k]) if prev.text == "," \
                else analyse_subject(tokens[start:k])
            if found and not (best and prev.text == ","):
                best = (*found, k)  # (a subject read up to a comma does not replace one read before)
                if (_reads_as_verb(nxt.lower) and nxt.text.isalpha()) or nxt.lower in _MAIN_AUXILIARIES:
                    break  # "Roe celebrated in Ohio ... and said": the subject is settled
    return best


#: lower-case words that end an inverted speaker ('said Jane Roe in a statement')
_AFTER_SPEAKER = frozenset({"in", "on", "at", "during", "after", "before", "to", "as", "while", "when", "who",
                            "which", "whose", "from", "with", "via", "outside", "since", "about", "last", "this",
                            "told", "recently", "earlier", "later", "yesterday", "today", "tonight"})


def _inversion_point(tokens: list[Token], verb_start: int, verb_end: int) -> bool:
    """Whether a finite speech verb may come before its speaker here: after a comma or a
    quotation ('"...," said Jane Roe'), or opening the sentence before a name and a comma
    or colon ('Said Jane Roe, "..."', 'Continued Roe: "..."')."""
    if tokens[verb_start].lower.endswith("ing"):
        return False
    if verb_start > 0:
        return tokens[verb_start - 1].text in {",", QUOTE_PLACEHOLDER}
    k = verb_end
    while k < len(tokens) and (_is_cap(tokens[k]) or (tokens[k].lower in CONNECTORS and k > verb_end)):
        k += 1
    return k > verb_end and k < len(tokens) and tokens[k].text in {",", ":"}


def _apposed_name(tokens: list[Token], k: int) -> Subject | None:
    """'..., said another user, Jane Roe.': a person's name of two words or more in
    apposition after the comma at ``tokens[k]``, closing the sentence or its clause."""
    if k >= len(tokens) or tokens[k].text != ",":
        return None
    j = k + 1
    while j < len(tokens) and (_is_cap(tokens[j]) or tokens[j].text.endswith(".") and _INITIAL.match(tokens[j].text)):
        j += 1
    if j - k - 1 < 2 or (j < len(tokens) and tokens[j].text not in {",", ".", "!", "?", ";"}):
        return None
    name, hint = _clean_name([t.text for t in tokens[k + 1:j]], [])
    return (name, "name", "person") if name and hint == "person" else None


def _inverted(tokens: list[Token], verb_start: int, verb_end: int) -> Attribution | None:
    """'"...," said café owner Sofia Marques.' and '..., said Mr Smith.' (a finite verb:
    in '..., calling the plan "a scam"' the words after the participle are what is called)."""
    if not _inversion_point(tokens, verb_start, verb_end):
        return None
    after = []
    for token in tokens[verb_end:verb_end + 14]:
        if token.text in {",", ".", ";", ":", QUOTE_PLACEHOLDER, "!", "?", "(", "—", "–"}:
            break
        after.append(token)
    # "said Jane Roe in a statement", "said the aide to the governor", "said one official who ...":
    # the speaker ends before a preposition or clause word
    cut = next((k for k in range(1, len(after)) if after[k].lower in _AFTER_SPEAKER and not _is_cap(after[k])), None)
    if cut is not None:
        after = after[:cut]
    if not after or after[0].lower in {"that", "it", "the"} and len(after) > 4:
        return None
    runs = _name_runs(after)
    # the speaker and its appositions run to the end of the sentence
    rest = tokens[verb_end:]
    tag = ((verb_start, len(tokens)),) if QUOTE_PLACEHOLDER not in [t.text for t in rest] else \
        ((verb_start, verb_end + len(after)),)
    if after[0].lower in PRONOUNS and len(after) == 1:
        return Attribution(PRONOUN_FORMS[after[0].lower], "pronoun", "", "", "inverted", tag=tag)
    described = (after[0].lower in DETERMINERS or after[0].lower in INDEFINITE) and len(after) <= 10
    if runs and runs[-1][1] == len(after):
        # "said a spokesman for the Foreign Ministry, Jane Roe": the person named, not the body
        found = (described and _apposed_name(tokens, verb_end + len(after))) or analyse_subject(after)
        if found:
            return Attribution(*found, "", "inverted", tag=tag)
    if described:
        found = _apposed_name(tokens, verb_end + len(after)) or analyse_subject(after)
        if found:
            return Attribution(*found, "", "inverted", tag=tag)
    return None


_PUBLICATION_NOUNS = frozenset({"article", "report", "story", "analysis", "poll", "survey", "study", "editorial",
                                "investigation", "piece", "column", "interview", "broadcast", "segment", "review",
                                "average", "tally"})


def _according(speaker: str, kind: str, hint: str) -> Attribution:
    return Attribution(speaker, kind, hint, "according to", "according")


def _body_behind_data(phrase: list[Token]) -> Attribution | None:
    """"according to a statement from UN Watch", "analysis by the Resolution Foundation",
    "figures from the council": the body behind the data (not an unnamed one)."""
    for k, token in enumerate(phrase):
        if token.lower in {"from", "by", "of"} and k + 1 < len(phrase) and k > 0 \
                and not _is_cap(phrase[k - 1]):
            found = analyse_subject(phrase[k + 1:])
            if found and found[1] != "unnamed":
                return _according(*found)
    return None


def _plain_word(text: str) -> bool:
    """A word or number, perhaps with hyphens, full stops or a possessive ("Press-GfK",
    "U.S.", "Example Post's"), and no other punctuation."""
    return text[:1].isalnum() and _strip_possessive(text).replace("-", "").replace(".", "").isalnum()


def _publisher(phrase: list[Token]) -> str:
    """The body named before the first publication noun of a noun phrase ("a March Example
    Post article", "an Example Press-GfK poll released Monday", "a Pollwatch average of
    recent polls", "another Example Research study from 2011"): its capitalised words, less
    days and months, when only a determiner, lower-case modifiers and numbers come before
    the noun; "" otherwise ("a new poll from the Example Institute": the body comes after)."""
    k = next((k for k, t in enumerate(phrase[:8]) if t.lower in _PUBLICATION_NOUNS), 0)
    before = phrase[:k]
    if not before or any(not (t.text in {"/", "&"} or _plain_word(t.text)) for t in before):
        return ""
    return _join([_strip_possessive(t.text) for t in before if _is_cap(t) and t.lower.rstrip(".") not in CALENDAR_WORDS
                  and t.lower not in DETERMINERS and t.lower not in INDEFINITE])


def _named_publication(phrase: list[Token]) -> Attribution | None:
    """"according to a March Bloomberg article", "a new Example Post report released
    Monday": the publication's body (:func:`_publisher`)."""
    publisher = _publisher(phrase)
    return _according(publisher, "name", "organisation") if publisher else None


def _name_ends_phrase(phrase: list[Token]) -> Attribution | None:
    """"according to Jane Roe", "according to Canadian miner Norvale Minerals": the name
    ending the phrase; "according to the Ohio Republican" (a determiner before a
    person-like name) is a description."""
    runs = _name_runs(phrase)
    if not (runs and runs[-1][1] == len(phrase)):
        return None
    start, end = runs[-1]
    if all(t.lower.rstrip(".") in CALENDAR_WORDS for t in phrase[start:end]):
        return None  # "a survey released Thursday": the day is no source
    name, hint = _clean_name([t.text for t in phrase[start:end]], phrase[:start])
    if start > 0 and phrase[start - 1].lower in DETERMINERS and hint != "organisation" \
            and not any(t.lower in ORG_DESCRIPTORS for t in phrase[:start]):
        return _according(_describe(phrase), "description", "")
    return _according(name, "name", hint)


def _subject_phrase(phrase: list[Token]) -> Attribution | None:
    """"according to the diplomat", "according to two officials": a subject noun phrase
    (:func:`analyse_subject`)."""
    found = analyse_subject(phrase)
    return _according(*found) if found else None


def _data_producer(phrase: list[Token]) -> Attribution | None:
    """"according to council figures", "according to company filings": the body that
    produced the data ("the council", "the company"); any other phrase ("recent polling",
    "exit polling data") is a description as written."""
    head = [t for t in phrase if t.lower not in DETERMINERS]
    if len(head) == 2 and head[1].lower in _DATA_NOUNS:
        return _according("the " + head[0].text.lower(), "description", "organisation")
    if head:
        return _according(_describe(phrase), "description", "")
    return None


#: The readings of the phrase after "according to", tried in this order; the first that
#: finds a speaker gives it.  The order is the behaviour.
ACCORDING_PASSES = (_named_publication, _body_behind_data, _name_ends_phrase, _subject_phrase, _data_producer)

_ACCORDING_PHRASE_ENDS = frozenset({",", ".", ";", ":", QUOTE_PLACEHOLDER, "(", "—", "–", "-"})  # "-": " - ", "--"


def _according_phrase(tokens: list[Token], i: int) -> list[Token]:
    """The words after "according to" (or "reported by") at ``tokens[i]``, up to a
    punctuation mark (20 at most; after "reported by" also up to "to" or "that")."""
    phrase = []
    for token in tokens[i + 2:i + 22]:
        if token.text in _ACCORDING_PHRASE_ENDS or (token.lower in {"to", "that"} and phrase
                                                     and tokens[i].lower == "reported"):
            break  # ("was reported by residents to be unsafe": the phrase ends before "to")
        phrase.append(token)
    return phrase


def _as_reported_by(tokens: list[Token], i: int) -> bool:
    """"As reported by X, ...", "as first reported by X", "The move was first reported by X":
    the same as "according to X" (not ", first reported by X," inside an apposition: the
    document's author may speak)."""
    if not (tokens[i].lower == "reported" and tokens[i + 1].lower == "by" and i >= 1):
        return False
    before = tokens[i - 1].lower
    if before in {"first", "initially", "originally", "earlier"} and i >= 2:
        before = tokens[i - 2].lower
    return before in {"as", "was", "were", "been"}


def _according_to(tokens: list[Token]) -> Attribution | None:
    """'according to X' or 'as reported by X' (see :data:`ACCORDING_PASSES`); an "according to" with nothing
    after it ends the search, one whose phrase no pass reads lets the next one be tried."""
    for i in range(len(tokens) - 2):
        if (tokens[i].lower == "according" and tokens[i + 1].lower == "to") or _as_reported_by(tokens, i):
            phrase = _according_phrase(tokens, i)
            if not phrase:
                return None
            for according_pass in ACCORDING_PASSES:
                found = according_pass(phrase)
                if found:
                    return found
    return None


_PARTICIPLES = frozenset({"claiming", "saying", "insisting", "adding", "warning", "arguing", "noting", "telling",
                          "accusing", "urging", "stating", "declaring", "suggesting", "explaining", "stressing",
                          "promising", "admitting", "acknowledging", "announcing", "describing", "calling",
                          "writing", "tweeting", "replying", "joking", "quipping", "recalling", "conceding",
                          "asserting", "contending", "alleging"})


#: what may come before a participle whose subject is the main clause's: a comma or dash
#: ('X unveiled the bill, claiming'), or a preposition of manner or time after the main
#: clause ('X ended the meeting by announcing', 'X backed it while insisting', 'X drew boos upon saying')
_BEFORE_PARTICIPLE = frozenset({",", "—", "–", "by", "while", "before", "after", "upon"}) | frozenset(
    # a document of the subject's that says it: 'X released a statement saying ...'
    {"statement", "statements", "letter", "memo", "tweet", "tweets", "post", "message", "video", "ad", "release",
     "note", "op-ed", "email", "e-mail", "speech", "interview", "filing", "report"})
#: auxiliaries that may follow the subject of such a main clause ('X has backed it, saying')
_MAIN_AUXILIARIES = frozenset({"has", "have", "had", "is", "was", "are", "were", "will", "would", "did", "does",
                               "could", "can", "should", "may", "might"})


#: participles that are speech only before what was said: "adding that ...", "adding, '...'",
#: "adding he would ..." (not "adding to his lead", "admitting more students")
_PARTICIPLES_OF_CONTENT = frozenset({"adding", "admitting"})


def _speech_participle(tokens: list[Token], i: int) -> bool:
    """Whether the participle at ``tokens[i]`` reports speech: "calling" names with a
    quotation ('calling it "a disgrace"') or calls on or for something; "adding" and
    "admitting" before "that", a quotation, a comma or a clause's subject (a pronoun)."""
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if tokens[i].lower == "calling":
        return (after is not None and after.lower in {"on", "for"}) \
            or any(t.text == QUOTE_PLACEHOLDER for t in tokens[i + 1:])
    if tokens[i].lower in _PARTICIPLES_OF_CONTENT:
        return after is not None and (after.lower in {"that", ","} or after.text == QUOTE_PLACEHOLDER
                                      or after.lower in PRONOUNS)
    return True


def _participle(tokens: list[Token]) -> Attribution | None:
    """'X unveiled the bill on Tuesday, claiming it would ...', 'X has backed the bill,
    saying ...', 'X ended the meeting by announcing ...', 'In a speech on Monday, X struck
    a measured tone, saying ...', 'X released a statement saying ...': X, the main
    clause's subject, is the speaker."""
    for i in range(1, len(tokens)):
        if tokens[i].lower in _PARTICIPLES and tokens[i - 1].lower in _BEFORE_PARTICIPLE \
                and (tokens[i - 1].text == "," or i >= 4 or (i == 3 and tokens[2].lower == "by")) \
                and _speech_participle(tokens, i):  # ("He began by saying")
            # the clause nearest the participle first ('It was a blow, as Roe echoed it, saying'),
            # never a state after its place ('in Burlington, Iowa, and, citing ...')
            starts = [0] + [k + 1 for k in range(min(i - 1, 30)) if tokens[k].text == ","
                            and not _state_after_place(tokens, k + 1)]
            for start in reversed(starts):
                found = _main_subject(tokens, start, i)
                if found:
                    return Attribution(*found, "", "participle")
            return None
    return None


#: lower-case words that cannot follow a one-word subject as its verb
_NOT_AFTER_SUBJECT = PRONOUNS | frozenset({"in", "on", "at", "with", "from", "after", "during", "under", "by", "for",
                                           "to", "into", "over", "since", "until", "despite", "without", "within",
                                           "amid", "of", "about", "than", "ago", "there", "here"})
#: time words that, before a comma, make the word before them an introduction ("Hours later,")
_TIME_BEFORE_COMMA = frozenset({"later", "earlier", "ago", "after", "before", "afterward", "afterwards"})
#: adjectives that open a group noun phrase ("Local officials were ...")
_OPENING_ADJECTIVES = frozenset({"senior", "furious", "angry", "local"})


def _opening_word(tokens: list[Token], start: int, k: int) -> bool:
    """Whether ``tokens[start]``, one capitalised word opening the sentence before the
    lower-case ``tokens[k]``, is something other than a subject: "Here in Ohio, Roe ...",
    "Once he was president, ...", "Hours later, Roe ...", "Walking home, Roe ...",
    "Local officials were ...": the next word is a preposition, a pronoun or a time word
    before a comma, or the word is a participle, an -ly adverb, an adjective or a number
    ("Eight years ago, Roe ...")."""
    if k != start + 1 or start != 0 or not _is_cap(tokens[start]) or tokens[start].lower in PRONOUNS:
        return False
    word, nxt = tokens[start].lower, tokens[k].lower
    time_intro = nxt in _TIME_BEFORE_COMMA and k + 1 < len(tokens) and tokens[k + 1].text == ","
    return nxt in _NOT_AFTER_SUBJECT or time_intro or word in _OPENING_ADJECTIVES or word in _INTRODUCTORY \
        or word in _NUMBER_WORDS \
        or (word.endswith("ing") and len(word) > 5) or (word.endswith("ly") and len(word) > 5
                                                         and word not in _LY_NOT_ADVERBS | _LY_NAMES)


def _role_before_name(tokens: list[Token], k: int, end: int) -> bool:
    """Whether the lower-case ``tokens[k]`` opens one to three role words before a
    capitalised name ("front-runner" in "Democratic front-runner Jane Roe", "presidential
    nominee" in "Republican presidential nominee John Doe"): none reads as a verb, the last
    is a title or has a role noun's ending, and the word before them is no plural."""
    j = k
    while j < min(end, k + 3) and tokens[j].text[:1].islower() and tokens[j].text.replace("-", "").isalpha() \
            and not _reads_as_verb(tokens[j].lower) and tokens[j].lower not in _NOT_ROLE_WORDS \
            and not _adverb(tokens[j]):
        j += 1
    if not (j > k and j < end and _is_cap(tokens[j])) or tokens[k - 1].lower.endswith("s"):
        return False  # "Democrats see Roe as ...": a plural subject and its verb
    role = tokens[j - 1].lower
    return role in TITLES or (len(role) >= 5 and role.endswith(_ROLE_ENDINGS))


#: function words that are never role words before a name
_NOT_ROLE_WORDS = BLOCK_IN_SUBJECT | PREPOSITIONS | DETERMINERS | PRONOUNS | _MAIN_AUXILIARIES | CONNECTORS
#: endings of role nouns before a name ("front-runner", "nominee", "candidate", "secretary")
_ROLE_ENDINGS = ("er", "or", "ee", "ist", "ant", "ent", "man", "woman", "ate", "ary", "ive")


def _main_subject(tokens: list[Token], start: int, end: int) -> Subject | None:
    """The subject of a main clause opening at ``tokens[start]`` (before ``end``): a name
    or pronoun (perhaps with a parenthesised tag: "Sen. Jane Roe (D-Minn.)") followed by
    its verb, within ten words; or such a subject with an apposition or adverbial closed
    by commas before the verb ("Roe, in an interview on Friday, barely mentioned ...")."""
    while start < end and tokens[start].lower in LEADING_WORDS:
        start += 1
    if start < end and tokens[start].lower in DETERMINERS:
        return _described_subject(tokens, start, end)
    depth = 0
    for k in range(start + 1, min(end, start + 10)):
        nxt = tokens[k]
        depth += (nxt.text == "(") - (nxt.text == ")")
        if depth or nxt.text == ")":
            continue
        if nxt.text == "," and (_is_cap(tokens[k - 1]) or tokens[k - 1].lower in PRONOUNS):
            return _subject_with_inserted_phrase(tokens, start, k, end)
        if nxt.text[:1].islower() and nxt.lower not in CONNECTORS and nxt.lower not in DETERMINERS:
            if _role_before_name(tokens, k, end):
                continue  # "Democratic front-runner Jane Roe was ...": the name is further on
            prev = tokens[k - 1]
            if _is_possessive(prev) and _is_cap(prev):
                return _owned_subject(tokens, k - 1, end)
            if (_is_cap(prev) or prev.lower in PRONOUNS or prev.text == ")") \
                    and (nxt.lower not in BLOCK_IN_SUBJECT or nxt.lower in _MAIN_AUXILIARIES) \
                    and not _opening_word(tokens, start, k):
                return analyse_subject(tokens[start:k])
            return None
    return None


def _owned_subject(tokens: list[Token], possessive: int, end: int) -> Subject | None:
    """"Roe's son, Grant, defended ...", "Japan's central bank ended ...": a possessive name
    and up to three lower-case words after it are one noun phrase, up to a word that reads as
    its verb (or a comma closing an apposition); the name alone is not the subject."""
    start = next((a for a, b in _name_runs(tokens[:possessive + 1]) if b == possessive + 1), possessive)
    for k in range(possessive + 2, min(end, possessive + 5)):
        word = tokens[k]
        if word.text == ",":
            return _subject_with_inserted_phrase(tokens, start, k, end)
        if not word.text.isalpha() or not word.text.islower():
            return None
        if word.lower in _MAIN_AUXILIARIES or (_reads_as_verb(word.lower) and word.lower not in BLOCK_IN_SUBJECT):
            return analyse_subject(tokens[start:k])
    return None


def _described_subject(tokens: list[Token], start: int, end: int) -> Subject | None:
    """"the justice sounded off", "The harbour board released": a determiner and one to
    three words, then a lower-case word that reads as a verb."""
    for k in range(start + 2, min(end, start + 5)):
        word = tokens[k]
        if not word.text.isalpha():
            return None
        if word.text.islower() and (word.lower in _MAIN_AUXILIARIES
                                    or (_reads_as_verb(word.lower) and word.lower not in BLOCK_IN_SUBJECT)):
            return analyse_subject(tokens[start:k])
    return None


def _subject_with_inserted_phrase(tokens: list[Token], start: int, comma: int, end: int) -> Subject | None:
    """"Roe, in an interview on Friday, barely mentioned": the phrase after the comma at
    ``comma`` closes with a comma within 14 words, and a lower-case verb (perhaps after an
    adverb) follows it."""
    close = next((j for j in range(comma + 1, min(end, comma + 15)) if tokens[j].text == ","), None)
    if close is None or close + 1 >= end:
        return None
    after = tokens[close + 1]
    if not after.text[:1].islower() or (after.lower in BLOCK_IN_SUBJECT and after.lower not in _MAIN_AUXILIARIES) \
            or after.lower in DETERMINERS or after.lower in CONNECTORS:
        return None
    return analyse_subject_with_appositions(tokens[start:close + 1])


#: irregular past tenses that read as a main verb after a subject ("The president left no doubt")
_IRREGULAR_PASTS = frozenset("""left sent held kept spent met led won lost struck stood brought thought felt found ran
sat hit set cut let paid sought fought bought taught built drew threw wore broke chose rose fell shot became""".split())


def _reads_as_verb(word: str) -> bool:
    """A lower-case word after a one-word subject that reads as its verb (past tense,
    third person, or an auxiliary); "is"/"as" are left out: "Here is", "Partial transcript as"."""
    return word in {"was", "has", "had", "also", "then", "later", "again", "did", "would", "could", "wrote",
                    "told", "said", "put", "took", "made", "got", "gave", "went", "came", "spoke", "began"} \
        or word in _IRREGULAR_PASTS \
        or (word.endswith(("ed", "s")) and word not in {"is", "as", "its", "this", "his", "us"})


def _colon_intro(tokens: list[Token]) -> Attribution | None:
    """'Roe leaned in and boomed: "..."', 'But Roe was less upbeat: "..."': a clause that
    ends in a colon introducing a quotation speaks for its subject, when that subject
    is a name or a pronoun opening the clause (after an introductory phrase and comma)."""
    end = len(tokens)
    while end and tokens[end - 1].text in {".", "!", "?"}:
        end -= 1
    if end < 3 or tokens[end - 1].text != QUOTE_PLACEHOLDER or tokens[end - 2].text != ":":
        return None
    starts = [0] + [k + 1 for k in range(min(end - 2, 12)) if tokens[k].text == ","]
    for start in starts:
        while start < end and tokens[start].lower in LEADING_WORDS:
            start += 1
        k = start
        while k < end - 2 and (_is_cap(tokens[k]) or tokens[k].lower in CONNECTORS or tokens[k].text == "."):
            k += 1
        if k == start and tokens[k].lower in PRONOUNS:
            k += 1
        if k == start or k >= end - 2 or not tokens[k].text[:1].islower():
            continue
        if k - start == 1 and not _reads_as_verb(tokens[k].lower):
            continue  # "Here is the statement:", "Partial transcript as follows:": no subject
        found = analyse_subject(tokens[start:k])
        if found and found[1] in {"name", "pronoun"}:
            return Attribution(*found, "", "colon", tag=((start, k),))
    return None


_TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday yesterday today tonight
later earlier simply then again also previously recently last night week month morning evening afternoon""".split())
_ADVERBIAL_START = frozenset({"in", "at", "on", "during", "via", "from", "after", "before", "through", "to", "while",
                              "outside", "inside", "by", "with"})
_WORD = re.compile(r"[^\W_]")


def _strip_dateline(tokens: list[Token]) -> list[Token]:
    """Drop a wire dateline ("LIMA, March 4 (Reuters) -", "REDSTONE, Calif. (AP) —")."""
    if tokens and _is_acronym(tokens[0].text) and len(tokens[0].text) > 2:
        for k, token in enumerate(tokens[:16]):
            if token.text in {"-", "—", "–"}:
                return tokens[k + 1:]
    return tokens


_PHRASE_ENDS = frozenset({",", ".", ":", ";", QUOTE_PLACEHOLDER, "!", "?"})


def _mark_adverbial(tokens: list[Token], found: Attribution, verb_end: int, in_tag: list[bool]) -> None:
    """Mark a short adverbial or addressee right after the verb as part of the tag: 'said
    in an interview', 'said on Tuesday', 'told CNN', 'said Jane Roe' (ten words at most, up
    to a punctuation mark, and no "that")."""
    k = verb_end
    phrase = []
    while k < len(tokens) and tokens[k].text not in _PHRASE_ENDS:
        phrase.append(k)
        k += 1
    if not phrase or len(phrase) > 10:
        return
    first = tokens[phrase[0]].lower
    addressee = found.verb in {"tell", "inform"} and len(phrase) <= 8
    if addressee or first in _ADVERBIAL_START or first in _TIME_WORDS or _is_cap(tokens[phrase[0]]):
        if not any(tokens[j].lower in {"that"} for j in phrase):
            for j in phrase:
                in_tag[j] = True


def _mark_participle_tags(tokens: list[Token], quotes: list[int], in_tag: list[bool]) -> None:
    """Mark a participle introducing a quotation ("adding, '...'") and "telling" with its
    addressee before a later quotation ("telling The Sun: '...'") as part of the tag."""
    for k, token in enumerate(tokens):
        if token.lower in _PARTICIPLES and k + 1 < len(tokens) and tokens[k + 1].text in {",", ":"} \
                and k + 2 < len(tokens) and tokens[k + 2].text == QUOTE_PLACEHOLDER:
            in_tag[k] = True
        if token.lower in {"telling"} and quotes and quotes[-1] > k:
            j = k
            while j < len(tokens) and j < k + 10 and tokens[j].text not in {":", ",", QUOTE_PLACEHOLDER}:
                in_tag[j] = True
                j += 1


def _introduced_by_tag(tokens: list[Token], in_tag: list[bool], q: int) -> bool:
    """Whether the quotation at ``tokens[q]`` is introduced by the tag: after a colon
    ('X said: "..."'), after the tag and a comma or colon ('X said, "..."'), or followed
    (past at most three commas) by the tag ('"...," X said') when it opens its clause: a
    fragment after unquoted words of the reported clause ('The firm is "in good shape,"
    Roe said', 'On "Meet the Press," Roe said ...') is part of what the tag reports."""
    if in_tag[q] and "," in {t.text for t in tokens[max(0, q - 12):q]} and q and in_tag[q - 1]:
        return False  # a quotation in the speaker's apposition names it: 'X, host of "Y," said'
    before = q - 1
    while before >= 0 and before > q - 4 and tokens[before].text in {",", ":"}:
        before -= 1
    after = q + 1
    while after < len(tokens) and after < q + 4 and tokens[after].text in {","}:
        after += 1
    return bool(q and tokens[q - 1].text == ":") \
        or (before >= 0 and in_tag[before] and tokens[q - 1].text in {",", ":"}) \
        or (after < len(tokens) and in_tag[after] and _opens_clause(tokens, q))


_CLAUSE_OPENERS = frozenset({",", ":", ";", "—", "–", "-", "(", ".", "!", "?", QUOTE_PLACEHOLDER})


#: unquoted words before a quotation, in its clause, from which on it is a fragment of
#: what the tag reports rather than the quotation the tag introduces
_FRAGMENT_LEAD = 6


def _opens_clause(tokens: list[Token], q: int) -> bool:
    """Whether the quotation at ``tokens[q]`` is what a following tag introduces: it opens
    its clause ('But "...," she said'), or only a few words of the clause come before it
    ('Roe is a "change agent," Doe said'), which do not open with a preposition, a day or
    a participle ('On "Meet the Press," Roe said ...', 'Speaking on "Today," Roe said')."""
    start = q
    while start > 0 and tokens[start - 1].text not in _CLAUSE_OPENERS:
        start -= 1
    lead = [t for t in tokens[start:q] if t.lower not in LEADING_WORDS]
    if not lead:
        return True
    first = lead[0].lower
    return len(lead) < _FRAGMENT_LEAD and first not in PREPOSITIONS and first.rstrip(".") not in CALENDAR_WORDS \
        and not first.endswith("ing")


def _tag_shape(tokens: list[Token], found: Attribution, verb_start: int, verb_end: int) -> Attribution:
    """Whether the attribution introduces a quotation directly, and how many unquoted
    words say more than who spoke (see :class:`Attribution`)."""
    in_tag = [False] * len(tokens)
    for a, b in found.tag + ((verb_start, verb_end),):
        for k in range(max(0, a), min(b, len(tokens))):
            in_tag[k] = True
    _mark_adverbial(tokens, found, verb_end, in_tag)
    quotes = [k for k, t in enumerate(tokens) if t.text == QUOTE_PLACEHOLDER]
    _mark_participle_tags(tokens, quotes, in_tag)
    direct = any(_introduced_by_tag(tokens, in_tag, q) for q in quotes)
    extra = sum(1 for k, t in enumerate(tokens) if not in_tag[k] and _WORD.match(t.text)
                and t.lower not in LEADING_WORDS)
    return found._replace(direct=direct, extra_words=extra,
                          ends_before_colon=_tag_before_colon(tokens, in_tag, verb_start, verb_end))


def _tag_before_colon(tokens: list[Token], in_tag: list[bool], verb_start: int, verb_end: int) -> bool:
    """Whether the tag's verb at ``tokens[verb_start:verb_end]`` is followed only by the tag
    itself (a short adverbial or addressee, "that") and the sentence's final colon."""
    end = len(tokens)
    if verb_end <= verb_start or end < 2 or tokens[end - 1].text != ":":
        return False
    return all(in_tag[k] or tokens[k].lower == "that" for k in range(verb_end, end - 1))


_DASHES = frozenset({"-", "—", "–"})
_FIRST_SECOND_PERSON = frozenset({"i", "we", "you", "me", "us", "my", "our", "your", "i'm", "we're", "you're",
                                  "i’m", "we’re", "you’re"})
_HEADER_WORDS = frozenset({"breaking", "update", "updated", "note", "editor", "correction", "watch", "read", "related",
                           "video", "photos", "latest", "exclusive", "live", "opinion", "analysis", "q", "a",
                           "question", "answer", "transcript", "warning", "alert", "source", "sources", "poll"})


class LayoutLead(NamedTuple):
    """The words before a colon early in a sentence: ``colon`` its position, ``dash`` the
    last dash before it (-1 without one), ``prefix`` the words between them and ``head``
    the prefix up to its first comma ('Jane Roe' in 'Jane Roe, editor of The Review:')."""

    tokens: list[Token]
    colon: int
    dash: int
    prefix: list[Token]
    head: list[Token]

    @property
    def quoted(self) -> bool:
        """Whether a quotation follows the colon."""
        return self.tokens[self.colon + 1].text == QUOTE_PLACEHOLDER

    @property
    def tag(self) -> tuple:
        return ((0, self.colon + 1),)


def _layout_lead(tokens: list[Token]) -> LayoutLead | None:
    """The lead before a colon within the first 30 tokens, when it is short (a head of eight
    words at most, a prefix of 16) and holds no speech verb or participle ('X, director
    of Y, tweeted and said: "..."' is a verb's attribution, not layout; after "of" a word
    is a noun: 'Secretary of State Jane Roe:').  A heading before
    a dash is dropped ('POLLS TOO EARLY - Jane Roe: "..."')."""
    colon = next((k for k, t in enumerate(tokens[:30]) if t.text == ":"), None)
    if colon is None or colon + 1 >= len(tokens):
        return None
    prefix = tokens[:colon]
    dash = max((k for k, t in enumerate(prefix) if t.text in _DASHES), default=-1)
    prefix = prefix[dash + 1:]
    head = prefix[:next((k for k, t in enumerate(prefix) if t.text == ","), len(prefix))]
    if not head or len(head) > 8 or len(prefix) > 16:
        return None  # (a head of seven or eight words only as role words and a name: _labelled_name)
    verbs = speech_verbs()
    if any(t.lower in verbs or t.lower in _PARTICIPLES for k, t in enumerate(prefix)
           if not (k and prefix[k - 1].lower == "of")):  # ("secretary of state": a noun after "of")
        return None
    return LayoutLead(tokens, colon, dash, prefix, head)


def _label_name(lead: LayoutLead) -> str:
    """The speaker a transcript label gives ("ROE" -> "Roe"): one or two words in capitals, no
    dash before them and no heading's word ("BREAKING", "VIDEO", "PARTIAL TRANSCRIPT"); "" for
    any other lead."""
    head = lead.head
    label = all(_is_acronym(t.text) and t.text.isalpha() for t in head) and len(head) <= 2 \
        and len(head[-1].text) > 2
    if not label or lead.dash >= 0 or any(t.lower in _HEADER_WORDS for t in head):
        return ""
    return " ".join(t.text.title() for t in head)


def _transcript_turn(lead: LayoutLead) -> Attribution | None:
    """'ROE: We will not back down.': a transcript label (:func:`_label_name`) before unquoted
    words in the first or second person, which a dateline or a heading ("WASHINGTON: The vote
    ...", "BREAKING: ...") does not have."""
    name = _label_name(lead)
    speech = any(t.lower in _FIRST_SECOND_PERSON for t in lead.tokens[lead.colon + 1:])
    if name and not lead.quoted and speech:
        return Attribution(name, "name", "person", "", "layout", direct=True, tag=lead.tag)
    return None


class TranscriptLabel(NamedTuple):
    """A label opening a paragraph, before a colon ('ROE: ...', 'VIDEO: ...', 'Jane Roe: ...')."""

    #: the person it names ("ROE" -> "Roe", :func:`_label_name`); "" for a heading's label
    #: ("VIDEO", "BREAKING NEWS", a label after a dash), which names no one
    speaker: str
    #: written in capitals; else in a name's own capitals ('Jane Roe:', 'Roe:'), which a title
    #: or a heading may be too ('Springfield:'): callers read it as a name only in a dialogue
    capitals: bool = True


def transcript_label(text: str) -> TranscriptLabel | None:
    """The label opening ``text`` ('DOE: If I may ...' -> speaker "Doe", 'VIDEO: ...' ->
    speaker "", 'Jane Doe: If I may ...' -> "Jane Doe", not in capitals), whatever follows
    it; None when ``text`` does not open with one.  On its own such a label may be a dateline
    or a heading ('WASHINGTON: ...'): callers look for a dialogue, two speakers' labels at
    least."""
    lead = _layout_lead(tokenize(text))
    if lead is None:
        return None
    if all(t.text in _DASHES or _all_capitals(t.text) for t in lead.tokens[:lead.colon]):
        return TranscriptLabel(_label_name(lead))
    head = lead.head
    if lead.dash < 0 and len(lead.prefix) == len(head) <= 3 and all(_name_word(t.text) for t in head) \
            and not any(_strip_possessive(t.lower) in _HEADER_WORDS for t in head):
        return TranscriptLabel(" ".join(t.text for t in head), capitals=False)
    return None


def _name_word(word: str) -> bool:
    """A word written as a name is: a capital, then letters in lower case ("Roe", "Seitz-Wald", "O'Neill")."""
    letters = word.replace("-", "").replace("'", "").replace("’", "")
    return letters.isalpha() and letters[:1].isupper() and letters[1:2].islower()


def _all_capitals(word: str) -> bool:
    """A word with letters, all capitals ("ROE", "J.", "O'NEILL")."""
    return any(c.isalpha() for c in word) and not any(c.islower() for c in word)


def _without_party_tag(head: list[Token]) -> list[Token]:
    """The head without a short parenthesised tag closing it ('Rep. Jane Roe (R-S.C.)' ->
    'Rep. Jane Roe'): a party and state, never part of the name."""
    if len(head) > 3 and head[-1].text == ")" and head[-3].text == "(" or \
            len(head) > 4 and head[-1].text == ")" and head[-4].text == "(":
        return head[:max(k for k, t in enumerate(head) if t.text == "(")]
    return head


def _labelled_name(head: list[Token]) -> list[Token] | None:
    """The name a layout label gives: the whole head when it is one capitalised run of six
    words at most ('Jane Roe'), or its closing name of two words or more after role words
    ('Former secretary of state Jane Roe', 'Harbour master John Doe'): a capitalised first
    word, then lower-case words none of which reads as a verb or is a function word other
    than "of", one a role noun; a verb or a determiner makes it a sentence of its own."""
    runs = _name_runs(head)
    if runs == [(0, len(head))]:
        return head if len(head) <= 6 else None
    if len(runs) != 2 or runs[0] != (0, 1) or runs[1][1] != len(head) or runs[1][1] - runs[1][0] < 2:
        return None
    roles = head[1:runs[1][0]]
    if len(roles) > 4 or any(not t.text.replace("-", "").isalpha() or _reads_as_verb(t.lower) or _adverb(t)
                             or (t.lower in _NOT_ROLE_WORDS and t.lower != "of") for t in roles):
        return None
    if not any(t.lower in TITLES or (len(t.lower) >= 5 and t.lower.endswith(_ROLE_ENDINGS)) for t in roles):
        return None
    return head[runs[1][0]:]


def _named_colon_quotation(lead: LayoutLead) -> Attribution | None:
    """'Jane Roe, editor of The Review: "..."': a name of two words or more (perhaps with an
    apposition) before a colon and a quotation, not written all in capitals as a heading is
    ('MORE READING: "..."'); after a heading and a dash one word will do ('Polls overhyped -
    Roe: "..."'), and "from" or "more from" may open it ('From Jane Roe: "..."', '- More from
    Roe: "..."'); a party tag after the name is dropped and role words before it are left
    out ('Former secretary of state Jane Roe (D-N.Y.): "..."', see :func:`_labelled_name`)."""
    head = _without_party_tag(lead.head)
    opening = [t.lower for t in head[:2]]
    if opening[:1] == ["from"] or opening == ["more", "from"]:
        head = head[opening.index("from") + 1:]
    one_word_after_dash = lead.dash >= 0 and len(head) == 1 and head[0].lower not in _HEADER_WORDS
    if not lead.quoted or not head or any(t.lower in DETERMINERS for t in head):
        return None
    head = _labelled_name(head)
    if head is None or (len(head) < 2 and not one_word_after_dash):
        return None
    if len(head) > 1 and all(t.text.isupper() for t in head) and lead.dash < 0:
        return None  # a heading in capitals: 'SHORT READS: "..."'
    name, hint = _clean_name([t.text for t in head], [])
    if not name:
        return None
    return Attribution(name, "name", hint, "", "layout", direct=True, tag=lead.tag)


#: The layouts that state a speaker before a colon, tried in this order.
LAYOUT_PASSES = (_transcript_turn, _named_colon_quotation)

_SIGNATURE_DASHES = _DASHES | {"―"}


def _signature(tokens: list[Token]) -> Attribution | None:
    """'"We will not back down." ― Jane Roe, editor of The Review': a quotation signed
    after a dash with a name (six words at most, perhaps with an apposition after a
    comma) and nothing else: the speaker stated by layout, as under a pull quote."""
    k = 0
    while k < len(tokens) and tokens[k].text == QUOTE_PLACEHOLDER:
        k += 1
    if k == 0 or k + 1 >= len(tokens) or tokens[k].text not in _SIGNATURE_DASHES:
        return None
    rest = tokens[k + 1:]
    if rest[-1].text == ".":
        rest = rest[:-1]
    head = rest[:next((j for j, t in enumerate(rest) if t.text == ","), len(rest))]
    if not head or len(head) > 6 or _name_runs(head) != [(0, len(head))] or any(t.lower in DETERMINERS for t in head) \
            or any(t.text == QUOTE_PLACEHOLDER for t in rest) or _verbs_at(head):
        return None
    name, hint = _clean_name([t.text for t in head], [])
    if not name:
        return None
    return Attribution(name, "name", hint, "", "layout", direct=True, tag=((k, len(tokens)),))


def _layout_speaker(tokens: list[Token]) -> Attribution | None:
    """A speaker stated by layout (see :func:`_layout_lead` and :data:`LAYOUT_PASSES`)."""
    lead = _layout_lead(tokens)
    if lead is None:
        return None
    for layout_pass in LAYOUT_PASSES:
        found = layout_pass(lead)
        if found:
            return found
    return None


def _parenthetical_tag(tokens: list[Token], verb_start: int, verb_end: int) -> Attribution | None:
    """'The paradox of the plan, says Jane Roe, a historian, is that it works.': a tag set
    off by commas after a subject that is no name names its speaker after the verb, with the
    sentence going on after the name (a named subject with an apposition keeps the verb: 'Roe,
    52, said Doe, the mayor, had lied'; one without cannot: 'And Roe, said Jane Doe, a friend,
    never forgets' is Doe's)."""
    if verb_start == 0 or tokens[verb_start - 1].text != "," or tokens[verb_start].lower.endswith("ing"):
        return None
    k = verb_end
    while k < len(tokens) and (_is_cap(tokens[k]) or (tokens[k].lower in CONNECTORS and k > verb_end)):
        k += 1
    if k == verb_end or k >= len(tokens) or tokens[k].text != "," or k + 1 >= len(tokens):
        return None
    before = _subject_before(tokens, verb_start, verb_end)
    named = before is not None and before.kind == "name"
    # a name with an apposition keeps its verb; a bare name and a comma cannot ('And Roe, said
    # Doe, ...'), and then one capitalised word after the verb is a name enough
    bare_name = named and not any(t.text == "," for t in tokens[before.tag[0][0]:verb_start - 1])
    if ((named or k - verb_end < 2) and not bare_name) or tokens[verb_end].lower in _TIME_WORDS:
        return None
    found = _inverted(tokens, verb_start, verb_end)
    if found is None or found.kind != "name":
        return None
    return found._replace(rule="inverted", tag=((verb_start, k),))


_RELATIVE_SPEAKERS = frozenset({"who", "which"})


def _antecedent_start(tokens: list[Token], comma: int) -> int | None:
    """Where the noun phrase ending right before ``tokens[comma]`` begins: a capitalised
    run (:func:`_name_runs`: "Harbour Master Jane Roe"), with a determiner before it ("the
    Acme Board"), or a determiner and at most four lower-case words ("the harbour master");
    None when neither ends there."""
    if comma == 0:
        return None
    if _is_cap(tokens[comma - 1]):
        start = _name_runs(tokens[:comma])[-1][0]
        return start - 1 if start > 0 and tokens[start - 1].lower in DETERMINERS else start
    for start in range(comma - 1, max(-1, comma - 6), -1):
        word = tokens[start]
        if word.lower in DETERMINERS:
            return start
        if not word.text.isalpha() or word.lower in PREPOSITIONS or word.lower in BLOCK_IN_SUBJECT:
            return None
    return None


def _relative_clause(tokens: list[Token], verb_start: int, verb_end: int) -> Attribution | None:
    """'The mayor sat through a lecture from the harbour master, who said that ...', 'Doe
    sided with Roe, who has said he ...': a speech verb opening a relative clause on the
    object of the main clause reports what the antecedent said.  Only an antecedent after
    a verb or a preposition other than "of" counts: a subject with a relative clause ("Roe,
    who said ..., won") keeps the main clause its own, a phrase after a comma may be an
    apposition of something else, and after "of" the clause may belong to the noun before
    it ("the head of the Acme Institute, who said")."""
    end = _verb_group_start(tokens, verb_start)
    if end < 3 or tokens[end - 1].lower not in _RELATIVE_SPEAKERS or tokens[end - 2].text != "," \
            or tokens[verb_start].lower.endswith("ing"):
        return None
    comma = end - 2
    start = _antecedent_start(tokens, comma)
    if not start or tokens[start - 1].text in CLAUSE_PUNCT or _is_cap(tokens[start - 1]) \
            or not tokens[start - 1].text[:1].islower() or tokens[start - 1].lower in CONJUNCTIONS \
            or tokens[start - 1].lower == "of":  # "the head of the Acme Institute, who": whose clause?
        return None
    if tokens[end - 1].lower == "which" and not _is_cap(tokens[comma - 1]):
        return None  # "..., which said": only a named body ("the Riverton Courier, which argued")
    found = analyse_subject(tokens[start:comma])
    if found is None or found[1] == "pronoun":
        return None
    if tokens[end - 1].lower == "who" and found[2] == "organisation":
        # "by Sen. Jane Roe of Ohio, the ranking Democrat on the Acme Committee, who said": "who" is
        # a person, the one the apposition describes, not the body named inside it
        person = _person_before_apposition(tokens, start)
        if person is not None:
            return Attribution(*person[0], "", "relative", tag=((person[1], verb_start),))
    return Attribution(*found, "", "relative", tag=((start, verb_start),))


def _person_before_apposition(tokens: list[Token], start: int):
    """The person named right before the comma that opens an apposition ending at ``start``
    ("Sen. Jane Roe of Ohio" in "by Sen. Jane Roe of Ohio, the ranking Democrat on the Acme
    Committee, who"), as (analysed subject, start), or None."""
    commas = [k for k in range(max(0, start - 12), start) if tokens[k].text == ","]
    if not commas:
        return None
    comma = commas[-1]
    if comma + 1 < len(tokens) and tokens[comma + 1].lower not in DETERMINERS:
        return None  # an apposition opens with "the", "a", ...: "Roe, the ranking Democrat on ..."
    first = _antecedent_start(tokens, comma)
    if not first:
        return None
    found = analyse_subject(tokens[first:comma])
    if found is None or found[1] != "name" or found[2] != "person":
        return None
    return found, first


#: words opening a clause after the main one whose subject's speech it reports: "The hall
#: cheered when Roe said ...", "The plane was grounded after the Courier reported that ..."
_SUBORDINATORS = frozenset({"when", "after", "because", "before", "since", "until", "once", "although", "though"})
_MODALS = frozenset({"could", "would", "can", "may", "might", "will", "should", "must", "wo", "ca"})


def _when_clause(tokens: list[Token], verb_start: int, verb_end: int) -> Attribution | None:
    """'The mayor drew boos when she said the pier would close.', 'The plane was grounded
    after the Courier reported that its licence had lapsed.', 'The council blocked the bill
    because they said it was unfair.': a speech verb in a "when", "after", "because",
    "before", "since", "until", "once" or "(al)though" clause after the main clause reports
    what that clause's subject said, when the subject is a name or a personal pronoun other
    than "it" (a clause opening the sentence with its first word, "When Roe said ..., the
    council left", leaves the main clause the outlet's).  Besides "when", not speech that was only possible
    ("before she could ask him") nor a verb with only "them" or "it" after it ("a day after
    he said them")."""
    end = _verb_group_start(tokens, verb_start)
    if tokens[verb_start].lower.endswith("ing"):
        return None
    when = next((k for k in range(end - 1, max(0, end - 6), -1) if tokens[k].lower in _SUBORDINATORS), None)
    if when is None or when == 0:
        return None
    if tokens[when].lower != "when" and (any(t.lower in _MODALS for t in tokens[end:verb_start])
                                         or (verb_end < len(tokens) and tokens[verb_end].lower in {"them", "it"})):
        return None
    subject = tokens[when + 1:end]
    named = subject[1:] if len(subject) > 1 and subject[0].lower == "the" else subject  # "the Courier"
    if not subject or not (len(subject) == 1 and subject[0].lower in PRONOUNS - {"it"}
                           or all(_is_cap(t) for t in named)):
        return None  # ("when it says top secret": a document or a thing, seldom a speaker)
    found = analyse_subject(subject)
    if found is None or found[1] not in ("name", "pronoun", "description" if named is not subject else "name"):
        return None
    return Attribution(*found, "", "when", tag=((when + 1, verb_start),))  # (the subject: see sources)


#: words that open a clause whose subject comes next: "the rule, which officials said will ...",
#: "a letter that she said was forged", "what he says is a fraud", "than aides say he deserves"
_GAP_OPENERS = frozenset({"which", "that", "what", "where", "than", "whom"})
#: a finite verb right after the speech verb: what was said goes on without its subject ("which
#: officials said will start"), the clause's own subject being the relative word
_GAP_VERBS = frozenset({"is", "was", "are", "were", "will", "would", "could", "can", "may", "might", "should",
                        "must", "has", "had", "have", "includes", "included", "include", "left", "remains",
                        "remained", "wo", "did", "does"})


def _gap_clause(tokens: list[Token], verb_start: int, verb_end: int) -> Attribution | None:
    """'The rules, which officials said will start in May, apply to all.', 'Roe signed a
    letter that she said was written by the firm.', 'a race that the campaign says will
    reward patience': a speech verb inside a relative clause, its subject between the
    relative word and the verb and a finite verb right after it (what was said, whose subject
    is the relative word), reports what that subject said; so does "where"/"than" with a
    clause after the verb ('the county where local leaders say the mayor is strong').  The
    subject is a pronoun other than "it", or a noun phrase read as a speaker."""
    if tokens[verb_start].lower.endswith("ing") or verb_end >= len(tokens):
        return None
    end = _verb_group_start(tokens, verb_start)
    opener = next((k for k in range(end - 1, max(-1, end - 6), -1)
                   if tokens[k].lower in _GAP_OPENERS or tokens[k].text in CLAUSE_PUNCT), None)
    if opener is None or tokens[opener].lower not in _GAP_OPENERS or opener + 1 >= end:
        return None
    after = tokens[verb_end].lower
    clause = tokens[opener].lower in {"where", "than"} and after in PRONOUNS | DETERMINERS | {"the"}
    if after not in _GAP_VERBS and not clause:
        return None
    subject = tokens[opener + 1:end]
    if len(subject) == 1 and subject[0].lower in PRONOUNS - {"it"}:
        found = analyse_subject(subject)
    elif subject[0].lower in PRONOUNS or any(t.lower in RELATIVE or t.lower in BLOCK_IN_SUBJECT for t in subject):
        return None
    else:
        found = analyse_subject(subject)
    if found is None or found[1] == "pronoun" and found[0] == "it":
        return None
    return Attribution(*found, "", "gap", tag=((opener + 1, verb_start),))


def _asked_by_no_one_named(tokens: list[Token], verb_start: int,
                           verb_end: int) -> Attribution | None:
    """"Roe was asked whether she would run": the subject of a passive "asked" is the one
    asked, not the speaker; whoever asked is unnamed (:func:`_asked_in_passive`)."""
    if tokens[verb_start].lower != "asked" or not _passive_be(tokens, verb_start):
        return None
    return Attribution(*_UNNAMED, "ask", "passive", tag=((verb_start, verb_end),))


#: Where a speech verb's speaker is, tried in this order for each verb
#: ``(tokens, verb_start, verb_end)``: the order is the behaviour.
VERB_FINDERS = (_parenthetical_tag, _subject_before, _coordinated_subject, _inverted, _relative_clause, _when_clause,
                _gap_clause)


#: a speech verb's span in the tokens and its lexicon row: ``(start, end, verb)``
VerbSpan = tuple[int, int, SpeechVerb]


def _opening_tag(tokens: list[Token], verbs: list[VerbSpan]) -> Attribution | None:
    """'Politico reported, according to sources, that ...', 'Roe said that according to its
    analysis, ...': a subject opening the sentence and its verb "report", or any speech verb
    whose "that" comes before "according to", are the tag; the phrase after "according to"
    is their source ('"...," Roe said, according to the Courier': the Courier reports it)."""
    according = next(k for k in range(len(tokens) - 1) if (tokens[k].lower, tokens[k + 1].lower)
                     in {("according", "to"), ("reported", "by")})
    for start, end, verb in verbs:
        if start >= according:
            break
        inside = verb.lemma == "report" or any(t.lower == "that" for t in tokens[end:according])
        found = _subject_before(tokens, start, end) if inside else None
        if found and found.tag and found.tag[0][0] <= 1:
            return found._replace(verb=verb.lemma)
    return None


_SENTENCE_END = frozenset({".", "!", "?"})


def _final_tag_first(tokens: list[Token], verbs: list[VerbSpan]) -> list[VerbSpan]:
    """The verbs in sentence order, but a final tag first: "Roe promised to fix the pier,
    the mayor said." and "..., said Jane Roe, a pollster." speak for the tag's speaker,
    not for the subject of an earlier verb of the content (see :func:`_final_tag_start`);
    else a tag inside the sentence first ('Cost estimates, he added, were high.',
    :func:`_inserted_tag`)."""
    if len(verbs) < 2:
        return verbs
    if _final_tag_start(tokens, *verbs[-1][:2]) <= verbs[-2][0]:  # no final tag, or another verb inside it
        inserted = next((k for k, (start, end, _) in enumerate(verbs)
                         if k and _inserted_tag(tokens, start, end, after=verbs[k - 1][1])), 0)
        return [verbs[inserted]] + verbs[:inserted] + verbs[inserted + 1:]
    if any(end < len(tokens) and tokens[end].text in {":", QUOTE_PLACEHOLDER} for _, end, _ in verbs[:-1]):
        return verbs  # 'Roe said: "..." she added.': the first tag introduces the quotation
    return [verbs[-1]] + verbs[:-1]


def _inserted_tag(tokens: list[Token], start: int, end: int, after: int) -> bool:
    """Whether the verb at ``tokens[start:end]`` tags the sentence from inside it, its short
    subject and itself set off by commas right after the word read as the verb before it,
    which ends at ``after``: 'Cost estimates, he added, were high.' is his statement, and
    "estimates" a noun ('Roe said the plan, he added, ...' keeps Roe's tag)."""
    if end >= len(tokens) or tokens[end].text != "," or tokens[start].lower.endswith("ing"):
        return False
    comma = max((k for k in range(max(0, start - 4), start) if tokens[k].text == ","), default=-1)
    subject = tokens[comma + 1:start]
    if comma != after or not subject or any(t.lower in _CLAUSE_OPENERS for t in subject):
        return False
    return subject[0].lower in PRONOUNS or subject[0].lower in DETERMINERS or all(_is_cap(t) for t in subject)


def _final_tag_start(tokens: list[Token], start: int, end: int) -> int:
    """Where the tag begins (-1 if none) when the finite verb at ``tokens[start:end]`` tags
    the sentence at its end: right
    after a comma or quotation with the speaker (and an apposition, fourteen words at most)
    after it ('..., said Jane Roe, a pollster.'), or after a short subject opening after a
    comma ('..., the mayor said.') with at most a short adverbial after it; never before
    "that" or a quotation."""
    if tokens[start].lower.endswith("ing") or start == 0:
        return -1
    rest = tokens[end:]
    while rest and rest[-1].text in _SENTENCE_END:
        rest = rest[:-1]
    if any(t.lower == "that" or t.text in {QUOTE_PLACEHOLDER, ":", ";"} for t in rest):
        return -1
    if tokens[start - 1].text in {",", QUOTE_PLACEHOLDER}:  # ', said Jane Roe, a pollster.'
        named = 0 < len(rest) <= 14 and (_is_cap(rest[0]) or rest[0].lower in DETERMINERS)
        return start if named else -1
    comma = max((k for k in range(max(0, start - 7), start) if tokens[k].text in {",", QUOTE_PLACEHOLDER}),
                default=-1)
    if comma < 0 or any(t.lower in _CLAUSE_OPENERS for t in tokens[comma:start]):
        return -1
    # ', the mayor said.', ', Roe said on Monday.': a short subject, then at most a short adverbial
    short = not rest or (len(rest) <= 6 and (rest[0].lower in _ADVERBIAL_START or rest[0].lower in _TIME_WORDS
                                             or _is_cap(rest[0])))
    return comma if short else -1


#: words that open a subordinate clause: a verb after them is not the sentence's tag
_CLAUSE_OPENERS = frozenset({"who", "which", "whom", "whose", "when", "where", "because", "if", "after", "before",
                             "while", "although", "since", "until", "as"})


def find_attribution(unquoted: str, *, shape: bool = True) -> Attribution | None:
    """The main-clause attribution of a sentence whose quoted stretches are replaced
    by :data:`QUOTE_PLACEHOLDER`, or None (the outlet's own words).

    ``shape=False`` leaves ``direct`` and ``extra_words`` at False and 0 instead of
    working them out: :func:`voice_of_attributed` reads them only for a sentence that
    is partly quoted (0 < quoted share < 0.8)."""
    tokens = _strip_dateline(tokenize(unquoted))
    if not tokens:
        return None
    words = {token.lower for token in tokens}
    if tokens[0].text == QUOTE_PLACEHOLDER and not words.isdisjoint(_SIGNATURE_DASHES):
        signed = _signature(tokens)
        if signed:
            return _tag_shape(tokens, signed, 0, 0) if shape else signed
    if ":" in words:
        layout = _layout_speaker(tokens)
        if layout:
            return _tag_shape(tokens, layout, 0, 0) if shape else layout
    if "according" not in words and words.isdisjoint(speech_verbs()) and words.isdisjoint(_PARTICIPLES):
        return _colon_intro(tokens) if ":" in words else None  # no word that any rule below starts from: "according", a speech verb, a participle
    verbs = _verbs_at(tokens)[:MAX_VERBS]
    according = _according_to(tokens)
    if according:
        return _opening_tag(tokens, verbs) or according
    asked = None
    for start, end, verb in _final_tag_first(tokens, verbs):
        if asked is None and verb.lemma == "ask":
            asked = _asked_by_no_one_named(tokens, start, end)
            if asked is not None:
                continue  # its subject is the one asked: another verb or shape may name a speaker
        for finder in VERB_FINDERS:
            found = finder(tokens, start, end)
            if found:
                found = found._replace(verb=verb.lemma)
                return _tag_shape(tokens, found, start, end) if shape else found
    if asked is not None:
        found = _participle(tokens)
        if found:
            return found
        # "Roe was asked about it in an interview, in which he said ...": what the one asked said
        # comes before the question put
        found = _said_a_statement(tokens, verbs) or asked
        return _tag_shape(tokens, found, *found.tag[0]) if shape else found
    found = _participle(tokens) or (_colon_intro(tokens) if ":" in words else None)
    if found is None:
        said = _said_a_statement(tokens, verbs)
        if said is not None:
            return _tag_shape(tokens, said, *said.tag[0]) if shape else said
    return found


def _said_subject_end(tokens: list[Token], k: int) -> int:
    """Where the subject of a verb group starting at ``tokens[k]`` ends, past a relative
    pronoun ("Gov. Jane Roe - who said she ...": the name before "who") or an apposition
    closed by a comma ("Jane Roe, who is thinking of running, said it": the name before the
    apposition's opening comma)."""
    if k and tokens[k - 1].lower == "who":
        k -= 1
        if k and tokens[k - 1].text in {",", "-", "—", "–"}:
            k -= 1
    elif k >= 2 and tokens[k - 1].text == ",":
        opening = next((j for j in range(k - 2, max(0, k - 20), -1) if tokens[j].text == ","), None)
        if opening is not None and opening >= 2 and _is_cap(tokens[opening - 1]):
            k = opening
    return k


def _perfect_participle_or_whose(tokens: list[Token], start: int) -> bool:
    """"Having announced that ...": a participle clause, whose speaker is the main clause's
    subject, left to the subject rules; "..., whose lawyers argued that ...": a relative
    clause of someone else's speech, not the sentence's."""
    if start and tokens[start - 1].lower == "having":
        return True
    k = start - 1
    while k >= 0 and tokens[k].text not in CLAUSE_PUNCT and tokens[k].text not in {".", ";"}:
        if tokens[k].lower == "whose":
            return True
        k -= 1
    return False


def _statement_after(tokens: list[Token], end: int, lemma: str) -> bool:
    """Whether a statement opens right after the verb ending at ``tokens[end - 1]`` ("said
    they", "argued that"), for "tell" after an addressee of up to four words with no
    punctuation ("told The Example Review she thinks", "told me they believed")."""
    if lemma == "tell":
        if end >= 2 and tokens[end - 2].lower in RELATIVE:
            return False  # "a crook posing as an officer who told her that ...": a story's clause
        k = end
        while k < len(tokens) and k < end + 4 and tokens[k].lower not in _STATEMENT_OPENERS \
                and tokens[k].text[:1].isalnum():
            k += 1
        return end < k < len(tokens) and tokens[k].lower in _STATEMENT_OPENERS
    return end < len(tokens) and tokens[end].lower in _STATEMENT_OPENERS


def _said_name_start(tokens: list[Token], start: int, end: int) -> int | None:
    """Where a speaker's name in the capitalised run ``tokens[start:end]`` begins: after a
    capitalised opening word that is no name ("After Roe suggested", "But Jane Roe said"),
    then one word will do; else the run, of two words or more ("Gov. Jane Roe")."""
    if start and tokens[start - 1].lower in BLOCK_IN_SUBJECT:
        return None  # "the hall of mirrors that is Acme World told me": a complement, no subject
    k = start
    while k < end and (tokens[k].lower in PREPOSITIONS or tokens[k].lower in LEADING_WORDS
                       or tokens[k].lower in _SUBORDINATORS or tokens[k].lower in DETERMINERS):
        k += 1
    return k if (k > start and k < end) or end - k >= 2 else None


#: verbs that before "that" or a personal pronoun put a statement into words
_STATEMENT_VERBS = frozenset({"say", "argue", "claim", "suggest", "announce", "note", "insist",
                              "predict", "assert", "reveal", "acknowledge", "admit",
                              "contend", "stress", "point out", "declare", "write", "explain",
                              "confirm", "allege", "concede", "tell"})
#: words that open a statement right after "said": "said they support ...", "says that ..."
_STATEMENT_OPENERS = frozenset({"that", "he", "she", "they", "it", "there", "we", "i"})


def _infinitive_subject(tokens: list[Token], to: int) -> Subject | None:
    """The speaker of "to say that ..." at ``tokens[to]``: the subject of the main clause before
    it ("Roe went out of her way to say that ...", "Doe is likely to stress that ..."), the
    clause nearest first; none for "it" ("It is fair to say that ...", "although it's fair to say
    that ...": the outlet's aside) nor after a passive ("The story has been updated to note that");
    an intention ("Roe wants to say that ...") is no statement at all (:func:`_passive_or_noun`)."""
    if any(t.lower in {"it", "it's", "it’s"} for t in tokens[max(0, to - 4):to]) \
            or (to >= 2 and tokens[to - 2].lower in _BE | _PASSIVE_BE and tokens[to - 1].lower.endswith("ed")):
        return None
    # a clause opens at the sentence's start, after a comma, or after a subordinator ("after he refused to say")
    starts = [0] + [k + 1 for k in range(max(0, to - 30), to)
                    if tokens[k].text == "," or tokens[k].lower in _SUBORDINATORS]
    for start in reversed(starts):
        found = _main_subject(tokens, start, to)
        if found:
            return None if found[0].lower() == "it" else found
    return None


def _said_a_statement(tokens: list[Token], verbs: list[VerbSpan]) -> Attribution | None:
    """"Organizers of the push to boycott the vote said they are worried", "Another fisherman
    who worked at the pier said he heard ...", "research by four economists suggests that
    ...": a verb that puts a statement into words (:data:`_STATEMENT_VERBS`; not a participle)
    right before a statement of its own ("that", a personal pronoun) reports speech even when
    the words before it read as no subject the passes know (a long noun phrase, a relative
    clause, an opening subordinate clause: "After Roe suggested that ..., Doe ...").  The
    speaker is a personal pronoun or a name of two or more capitalised words right before the
    verb group ("in which Gov. Jane Roe has said that ...", "on Tuesday night she said it
    ..."), else unnamed; after "to", the main clause's subject (:func:`_infinitive_subject`)."""
    for start, end, verb in verbs:
        if verb.lemma in _STATEMENT_VERBS and not tokens[start].lower.endswith("ing") \
                and _statement_after(tokens, end, verb.lemma) \
                and not _perfect_participle_or_whose(tokens, start):
            if start and tokens[start - 1].lower == "to":
                subject = _infinitive_subject(tokens, start - 1)
                if subject is None:
                    continue
                return Attribution(*subject, verb.lemma, "statement", tag=((start, end),))
            k = _said_subject_end(tokens, _verb_group_start(tokens, start))
            runs = _name_runs(tokens[:k])
            if k and tokens[k - 1].lower in PRONOUNS - {"it"}:
                subject = (PRONOUN_FORMS[tokens[k - 1].lower], "pronoun", "")
                # the tag opens with its pronoun, as a subject tag does ("but on Saturday he said")
                return Attribution(*subject, verb.lemma, "statement", tag=((k - 1, end),))
            elif runs and runs[-1][1] == k \
                    and (run := _said_name_start(tokens, runs[-1][0], k)) is not None:
                name, hint = _clean_name([t.text for t in tokens[run:k]], tokens[:run])
                subject = (name, "name", hint)
            else:
                subject = _UNNAMED
            return Attribution(*subject, verb.lemma, "statement", tag=((start, end),))
    return None


#: words after a tag's verb that begin a statement of its own ("Roe said on Monday the pier is
#: unsafe"), so the sentence is more than a tag
_STATEMENT_WORDS = frozenset({"that", "he", "she", "it", "they", "we", "i", "you", "is", "was", "are", "were", "will",
                              "would", "could", "can", "has", "had", "have", "should", "may", "might", "must",
                              "if", "whether", "why", "how", "what", "when", "who", "does", "do", "did", "not",
                              "favor", "favour", "support", "defense", "defence", ":", QUOTE_PLACEHOLDER})


#: prepositions opening the phrase of time, place or medium that a bare tag may end with
#: ('said in a statement', 'told reporters during a call'); not those that may carry what
#: was said ("argued for", "countered with", "vowed to")
_TAG_PLACES = frozenset({"in", "on", "at", "during", "via", "over", "into"})
_ADDRESSEES = frozenset({"reporters", "journalists", "supporters", "listeners", "viewers", "me", "us"})


def is_bare_tag(unquoted: str, found: Attribution) -> bool:
    """Whether an unquoted sentence is only a tag, its subject opening it and its verb closing
    it but for a short phrase of manner, time or place or an addressee ('Roe said.', 'Jane
    Roe, a spokeswoman for the port, said in a statement.', 'Roe told reporters during a call
    on Tuesday.', 'Roe said, clutching the lectern.'): it says who spoke, not what (a
    quotation split off before it is what was said)."""
    if found.rule != "subject" or not found.tag or found.tag[0][0] != 0:
        return False
    tokens = tokenize(unquoted)
    if not tokens or tokens[-1].text not in {".", "!"}:
        return False
    verb_start = found.tag[0][1]
    forms = [v for v in speech_verbs().get(tokens[verb_start].lower, ()) if v.lemma == found.verb
             and tuple(t.lower for t in tokens[verb_start:verb_start + len(v.words)]) == v.words] \
        if verb_start < len(tokens) else []
    if not forms:
        return False
    rest = tokens[verb_start + len(forms[0].words):-1]
    if rest and rest[0].lower.endswith("ly") and _adverb(rest[0]):
        rest = rest[1:]  # 'said pleasantly into the phone'
    if rest and found.verb == "tell" and rest[0].lower in _ADDRESSEES:
        rest = rest[1:]  # 'told reporters during a call'
    if not rest:
        return True
    if len(rest) > 12 or any(t.lower in _STATEMENT_WORDS or t.lower in _PARTICIPLES for t in rest):
        return False
    return rest[0].lower in _TAG_PLACES or (rest[0].text == "," and rest[1:2] != [] and rest[1].lower.endswith("ing"))


#: An attributed sentence with at least this quoted share is a quotation, whatever its tag.
QUOTATION_SHARE = 0.8


def voice_of_attributed(quoted_share: float, attribution: Attribution, reported_max: float) -> str:
    """Voice of a sentence whose main clause is attributed: ``quotation`` when a
    quotation is introduced by a bare tag, ``mixed`` when the tag says more, and for
    a quotation embedded in indirect speech ``reported`` up to ``reported_max``
    quoted share, else ``mixed``."""
    if quoted_share == 0:
        return "reported"
    if quoted_share >= QUOTATION_SHARE:
        return "quotation"
    if attribution.direct:
        return "quotation" if attribution.extra_words <= 2 else "mixed"
    return "reported" if quoted_share <= reported_max else "mixed"
