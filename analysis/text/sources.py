"""Resolve the speakers of one article's sentences to canonical sources.

A rule-based, entity-centred coreference pass in reading order (in the spirit
of the deterministic sieves of Lee et al. 2013, "Deterministic coreference
resolution based on entity-centric, precision-ranked rules"):

* **named** - a full name ("Boris Bondarev", "UN Watch") starts or joins an entity
  ("Democrat Jane Roe" is Jane Roe); a person inside a speaker read as an organisation
  ("Acme News' Jane Roe", "Jane Roe of Acme University") is that person;
* **alias** - a shorter or titled form of a known entity ("Bondarev",
  "Mr Bondarev", "Defra" for "Department for ..., (Defra)", "Norvale" for
  "Norvale Minerals"), including people first named in the outlet's narration;
* **pronoun** - "he"/"she" go to the most recent person source whose gender (from
  an honorific, a first name or an earlier pronoun) does not conflict - but to a person
  of the pronoun's known gender who came up since when that one's gender is unknown; never
  to a place ("Boone County"); "it"/"they" to the most recent organisation or group;
* **description** - "the 41-year-old" to the person given that age, "the
  ministry"/"the airline"/"police" to the organisation whose name holds the noun
  (else, unless it is a specific kind of body - "the union", "the company", "the
  campaign" - the most recent organisation, else the next one named; "the company" may be a
  body known by one word that just spoke, "the campaign" the last person's), "the daily"/"the
  editorial board" to a news organisation, "the Roe campaign" to the body that name
  names (not a "Roe Foundation"), "the Daily Ledger" to the body of that name, "the
  report" or "the column" to a body only when one is at hand, "the diplomat" to the most
  recent person; "another Ohio Democrat" is unnamed, and "his wife" or "the lawyers"
  (someone else, several people) stay unresolved;
* **unresolved** - nothing fits.

The canonical name is the fullest form used, without honorifics; an unnamed
source ("a source close to ...") is ``unnamed``.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .attribution import (_ADJECTIVE_ORG_WORDS, COLLECTIVE_BODY, DETERMINERS, HONORIFICS,
                          ORG_DESCRIPTORS, ORG_WORDS, QUOTE_PLACEHOLDER, TITLES, Attribution, Token,
                          _clean_name, _is_acronym, _is_cap, _is_possessive, _name_runs, _org_like,
                          _strip_dateline, _strip_possessive, _time_phrase_start, tokenize)

RESOLUTIONS = ("named", "alias", "pronoun", "description", "unresolved")
SOURCE_KINDS = ("person", "organisation", "unnamed")
_AGE = re.compile(r"\b(\d{1,3})-year-old\b")
_MALE = frozenset({"mr", "sir", "lord"})
_FEMALE = frozenset({"mrs", "ms", "miss", "lady", "dame"})
_NOT_NAMES = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december last next this every today""".split())


#: capitalised only because they open a sentence: never the first word of a name (prepositions,
#: quantifiers and auxiliaries too: "Besides Roe's plan", "Several Roe aides", "Does Roe ...")
_OPENERS = frozenset("""in as while but and if when after before since although though because at on for from
with by of to unlike like despite during under over about into than so yet or nor not then still also even only
once until unless whether where why how what who which that this these those there here it its his her their
our my your we they he she i besides against among amid without within beyond despite toward towards
some several many most few all both each every other another no any does did do is are was were has have had
there's there’s
""".split())


class Resolved(NamedTuple):
    """The canonical ``source`` of a sentence, its ``source_kind`` (person,
    organisation, unnamed or "") and how it was found (``resolution``)."""

    source: str
    source_kind: str
    resolution: str


@dataclass
class Entity:
    name: str
    kind: str
    words: list[str]
    aliases: set[str] = field(default_factory=set)
    gender: str = ""          # from an honorific ("Mrs Roe")
    pronoun_gender: str = ""  # from a pronoun resolved to it earlier (weakest evidence)
    age: str = ""
    company: bool = False  # a business ("Canadian miner X", "X Motors"): what "the company" means
    spoke: int = -1       # last sentence in which it was the source
    first_spoke: int = -1
    mentioned: int = -1   # last sentence in which its name appeared
    subject: float = -1   # last sentence that opened with its name as subject ("Roe was shocked ..."); half a
    #                       sentence after one whose question they were asked ("Roe asked Doe which ...")
    opened: int = -1      # an organisation's last sentence opening with its name ("Acme said ...")
    described: bool = False  # named by a description ("the Roe campaign"): "Roe" alone is not it


def _words(name: str) -> list[str]:
    return [_strip_possessive(w).lower().rstrip(".") for w in name.split()]


def _bare(name: str) -> tuple[str, str]:
    """(name without a leading honorific, gender the honorific implies)."""
    parts = name.split()
    gender = ""
    while len(parts) > 1 and parts[0].lower().rstrip(".") in HONORIFICS:
        honorific = parts[0].lower().rstrip(".")
        gender = "m" if honorific in _MALE else "f" if honorific in _FEMALE else gender
        parts = parts[1:]
    return " ".join(_strip_possessive(p) if k == len(parts) - 1 else p for k, p in enumerate(parts)), gender


@functools.lru_cache(maxsize=1)
def _first_name_detector():
    # imported on first use: loading the name list takes about half a second, and only
    # pronoun resolution needs it
    from gender_guesser.detector import Detector
    return Detector(case_sensitive=False)


@functools.lru_cache(maxsize=4096)
def is_first_name(word: str) -> bool:
    """Whether ``word`` is a first name in the ``gender-guesser`` name list, of any gender ("Mary",
    "Kim"; not "Actress")."""
    return len(word) >= 2 and word.isalpha() and _first_name_detector().get_gender(word) != "unknown"


@functools.lru_cache(maxsize=4096)
def first_name_gender(first_name: str) -> str:
    """"m" or "f" when a first name is given (almost) only to men or to women in the
    ``gender-guesser`` name list (Michael's ``nam_dict``), else "" (unknown, androgynous,
    "mostly" one gender, or an initial)."""
    if len(first_name) < 2 or not first_name.isalpha():
        return ""
    guess = _first_name_detector().get_gender(first_name)
    return {"male": "m", "female": "f"}.get(guess, "")


def _gender(entity: "Entity") -> str:
    """A person's gender for pronoun agreement: an honorific first, then the first name,
    then a pronoun already resolved to them."""
    if entity.gender:
        return entity.gender
    if entity.kind == "person" and len(entity.words) >= 2:
        found = first_name_gender(_given_name(entity.words))
        if found:
            return found
    return entity.pronoun_gender


def _given_name(words: list[str]) -> str:
    """A person's given name: the first word of the name, or the first one that is a first name after
    words that are not ("Hillary" in "Democrat Hillary Clinton", "septuagenarian Jane Roe"); never
    the surname."""
    for word in words[:-1]:
        if is_first_name(word):
            return word
    return words[0]


COMPANY_NOUNS = frozenset({"company", "firm", "group", "business", "carmaker", "automaker", "miner", "airline",
                           "carrier", "retailer", "bank", "lender", "insurer", "manufacturer", "maker", "producer",
                           "developer", "operator", "chain", "supplier", "startup", "giant"})
#: company nouns that mean a business and nothing else ("the group", "the giant" may be any body)
BUSINESS_NOUNS = COMPANY_NOUNS - {"group", "giant"}
COMPANY_WORDS = frozenset({"minerals", "motors", "airlines", "airways", "inc", "ltd", "plc", "corp", "corporation",
                           "holdings", "industries", "partners", "capital", "bank", "group", "co", "company",
                           "mining", "solutions", "trains", "railways", "technologies", "systems"})


_PUBLIC_BODY = frozenset({"ministry", "department", "agency", "council", "office", "commission", "authority",
                          "administration", "service", "police", "government"})


def _is_company(name: str, before) -> bool:
    if any(_strip_possessive(w).lower() in _PUBLIC_BODY for w in name.split()):
        return False
    return any(_strip_possessive(w).lower() in COMPANY_WORDS for w in name.split()) \
        or any(t.lower in COMPANY_NOUNS for t in before)


#: kinds of body specific enough that "the union" must not fall back to any earlier body
SPECIFIC_BODIES = frozenset({"union", "council", "ministry", "department", "court", "party", "university", "hospital",
                             "school", "police", "army", "bank", "charity", "airline", "trust", "commission",
                             "committee", "parliament", "government", "embassy", "club", "church", "state",
                             "city", "county", "country", "town", "village", "district", "campaign",
                             "administration", "board"})
#: documents and data: "the report found" speaks for the body behind it
DOCUMENT_NOUNS = frozenset({"report", "study", "survey", "data", "figures", "analysis", "statement", "document",
                            "letter", "poll", "research", "review", "audit", "filing", "filings", "inquiry",
                            "investigation", "assessment", "forecast", "estimate", "records", "memo", "website",
                            "lawsuit", "suit", "complaint", "ruling", "indictment", "affidavit", "transcript",
                            "email", "emails", "message", "release", "ad", "advertisement", "results", "polls",
                            "summary", "tweet", "post", "article", "editorial", "book", "petition", "documents",
                            "video", "blog", "story", "stories", "page", "piece", "note", "passage", "column",
                            "opinion", "evidence", "profile", "biography", "proposal", "counterproposal", "average",
                            "chart", "graphic", "footage", "headline", "caption", "notice", "tally",
                            "projection", "projections", "index"})


#: nouns for an outlet, or a figure it publishes, after its name: "the Daily Ledger newspaper"
#: is the Daily Ledger, "the Acme Polling average" is Acme Polling's
_OUTLET_NOUNS = frozenset({"newspaper", "paper", "magazine", "network", "channel", "tabloid", "broadcaster",
                           "outlet", "site", "blog", "daily", "weekly", "average"})
#: documents that keep their name: "the Acme poll" is known by it
_NAMED_POLLS = frozenset({"poll", "survey"})
#: modifiers that name a place or a level of government, not the body behind a document
_PLACE_MODIFIERS = frozenset({"u.s", "us", "american", "federal", "state"})


def _named_by_its_body(modifier: str, text: str) -> bool:
    """Whether a description with a name in it is that body's document or the outlet itself:
    "FEC records", "the Daily Ledger newspaper", "the Acme Polling average" (a head noun of
    :data:`DOCUMENT_NOUNS` or :data:`_OUTLET_NOUNS`, at most one word between it and the
    name), but not a named poll or survey ("the Acme poll" keeps its name), nor a place's
    ("U.S. lobbying records", "the California secretary of state's website")."""
    words = [_strip_possessive(w) for w in text.split()]
    head = words[-1].lower()
    if not (head in DOCUMENT_NOUNS or _stem(head) in DOCUMENT_NOUNS | _OUTLET_NOUNS) or _stem(head) in _NAMED_POLLS:
        return False
    name_end = modifier.split()[-1]
    after_name = words[words.index(name_end) + 1:] if name_end in words else words
    return len(after_name) <= 2 and modifier.lower().rstrip(".") not in _PLACE_MODIFIERS


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


# -- reading names in a sentence (:meth:`ArticleSources.add_mentions`) ---------------
def _in_parentheses(tokens: list[Token]) -> list[bool]:
    """For each token, whether it lies in parentheses, the brackets included: in
    "Roe (UN) said" "(", "UN" and ")" do; a stray ")" does not."""
    depth = 0
    inside = []
    for token in tokens:
        depth += token.text == "("
        inside.append(depth > 0)
        depth -= token.text == ")" and depth > 0
    return inside


def _parenthesised_after(tokens: list[Token], end: int) -> Token | None:
    """The one token in parentheses right after ``tokens[:end]``: "UN" in "United Nations
    (UN) said"; else None."""
    if end + 2 < len(tokens) and tokens[end].text == "(" and tokens[end + 2].text == ")":
        return tokens[end + 1]
    return None


def _defined_acronym(tokens: list[Token], start: int, end: int) -> Token | None:
    """The capitalised short form that a name of two or more words defines in parentheses
    right after it, starting with the name's first letter: "Defra" in "Department for
    Environment, Food and Rural Affairs (Defra) said"; else None."""
    acronym = _parenthesised_after(tokens, end)
    if acronym is not None and _is_cap(acronym) and end - start > 1 \
            and acronym.text[0].lower() == tokens[start].text[0].lower():
        return acronym
    return None


def _without_opener(words: list[str]) -> list[str]:
    """A run of capitalised words without the leading ones that are capitalised only as a
    sentence's first word or are days and months: "In Italy" -> "Italy", "As Roe" -> "Roe",
    "Monday Jane Roe" -> "Jane Roe"."""
    while words and (words[0].lower() in _NOT_NAMES or words[0].lower() in _OPENERS):
        words = words[1:]
    return words


def _people_of_run(tokens: list[Token], start: int, end: int) -> list[tuple[int, int]]:
    """The parts of the name run ``tokens[start:end]`` that are mentions of their own: two
    people joined by "and" ("Jane Roe and John Doe") are two, each of two words or more; a
    run with an organisation's word ("Department of Health and Human Services") or a
    one-word part ("Bill and Jane Roe Foundation", "Roe and Doe") stays one."""
    joins = [k for k in range(start + 2, end - 2) if tokens[k].lower == "and"]
    if not joins:
        return [(start, end)]
    bounds = [start - 1] + joins + [end]
    parts = [(a + 1, b) for a, b in zip(bounds, bounds[1:])]
    if any(b - a < 2 or any(tokens[k].lower in ORG_WORDS for k in range(a, b)) for a, b in parts):
        return [(start, end)]
    return parts


def _person_after_descriptor(name: str, tokens: list[Token], start: int) -> bool:
    """Whether a name read as an organisation only for the word before it ("developer", "producer") is a
    person's: a first name and a surname with no organisation's word or acronym ("Florida developer Jane
    Roe"), not after "at" or "from" ("an analyst at Morgan Stanley")."""
    words = name.split()
    return start > 0 and tokens[start - 1].lower not in {"at", "from"} and 2 <= len(words) <= 3 \
        and is_first_name(words[0]) and not _several(words) \
        and not any(_strip_possessive(w).lower() in ORG_WORDS or _is_acronym(w) for w in words)


def _is_organisation_name(name: str, hint: str) -> bool:
    """An organisation by its words: "Norvale Minerals", "Aldermoor Council" (given the
    organisation hint of the name's cleaning)."""
    return hint == "organisation" and any(_strip_possessive(w).lower() in ORG_WORDS for w in name.split())


def _is_person_name(name: str) -> bool:
    """Two to four words once an honorific is dropped: "Mr Boris Bondarev", not "Roe"."""
    return 2 <= len(_bare(name)[0].split()) <= 4


#: kin, who are named by a first name alone in news: "his wife, Jane," (not "his critics, ..."); part of
#: :data:`RELATION_NOUNS`
_KIN = frozenset("""wife husband son daughter mother father brother sister grandmother grandfather uncle aunt
cousin nephew niece partner girlfriend boyfriend fiancee fiance widow widower""".split())


#: a spouse, who shares the family name: "Roe's husband, Bill," is Bill Roe (a child, "Roe's son, Grant,", is
#: left as named)
_FAMILY_NAME_KIN = frozenset({"wife", "husband"})


def _relative_named(tokens: list[Token], start: int, end: int) -> bool:
    """Whether the one-word run ``tokens[start:end]`` is a first name set off by commas after
    a relative of someone ("his wife, Jane,", "Roe's son, Hunter,"): a person, though named by
    one word."""
    if end - start != 1 or start < 3 or not is_first_name(tokens[start].text):
        return False
    if tokens[start - 1].text != "," or (end < len(tokens) and tokens[end].text not in {",", "."}):
        return False
    owner = tokens[start - 3]
    return tokens[start - 2].lower in _KIN and (owner.lower in {"his", "her", "their"} or _is_possessive(owner))


def _titled(words: list[str], name: str) -> bool:
    """Whether a one-word name was written after a person's title or honorific ("Sen.
    Roe", "Mr. Roe", "President Roe"): a person though named by one word."""
    return len(words) >= 2 and len(_bare(name)[0].split()) == 1 \
        and words[-2].lower().rstrip(".") in TITLES | HONORIFICS and _bare(name)[0] == words[-1]


#: last words of place names ("Boone County", "Elm Street") and first words ("New Hampshire", "San Marco")
PLACE_LAST_WORDS = frozenset("""hall city county street square park island islands beach valley hook bay river
road avenue heights springs falls lake mountain mountains hills airport station bridge plaza building district
province region coast harbor harbour port peninsula canyon desert forest village""".split())
PLACE_FIRST_WORDS = frozenset("""new north south east san santa los las fort port mount lake""".split())


def _is_place(name: str) -> bool:
    """Whether a name of two or more words reads as a place: its last word is a kind of
    place ("Boone County", "Elm Street", "Town Hall") or its first a word that opens place
    names ("New Hampshire", "South Korea", "San Marco", "Fort Wayne"), unless it opens with
    a first name ("Monty Hall", "Ricki Lake")."""
    words = name.split()
    owners = [k for k, w in enumerate(words) if _strip_possessive(w) != w]
    words = [w.lower().rstrip(".") for w in words[owners[-1] + 1 if owners else 0:]]  # "Ohio's Jane Roe"
    return len(words) >= 2 and (words[-1] in PLACE_LAST_WORDS or words[0] in PLACE_FIRST_WORDS) \
        and not first_name_gender(words[0])


#: titles written after "the" besides :data:`TITLES`: "the Rev. Jane Roe", "the Hon. John Doe"
_ARTICLE_TITLES = frozenset({"rev", "hon", "very", "right"})


def _after_article(tokens: list[Token], start: int) -> bool:
    """Whether the run at ``start`` follows "the", "a" or "an" ("the Jane Roe Foundation"), unless it
    opens with a title or honorific ("the Rev. Jane Roe", "the Hon. John Doe")."""
    return bool(start) and tokens[start - 1].lower in {"the", "a", "an"} \
        and tokens[start].lower.rstrip(".") not in TITLES | HONORIFICS | _ARTICLE_TITLES


def _age_after(tokens: list[Token], end: int) -> str:
    """The age given after a name ending at ``end``: "41" in "Jane Roe, 41, said"; else ""."""
    if end + 2 < len(tokens) and tokens[end].text == "," and tokens[end + 1].text.isdigit():
        return tokens[end + 1].text
    return ""


#: lower-case words of a person's role between a label and the name: "Democratic presidential
#: candidate Jane Roe", "Republican front-runner Jane Roe"
ROLE_WORDS = frozenset("""presidential candidate candidates nominee front-runner frontrunner hopeful rival
contender challenger incumbent former businessman billionaire vice running mate congressman congresswoman
state party""".split())


#: words in -er, -or, -ist, -ian, -ant that are no one's role ("later", "never", "other")
_NOT_ROLES = frozenset("""later never ever further rather either neither whether after over under other together
however earlier sooner longer faster higher lower better closer harder matter order error
""".split())
#: a role that ends in none of those: "Tennis great Jane Roe", "CIA operative Jane Roe"
_OTHER_ROLES = frozenset("""great legend star veteran operative official campaign staff aide chief""".split())


def _role_word(token: Token) -> bool:
    """Whether a lower-case word between a label and a name is a role ("Florida developer Jane Roe",
    "Acme consultant Jane Roe", "Ohio campaign manager Jane Roe"), never a verb ("Roe told Jane Doe")."""
    word = token.text
    if not word.isalpha() or not word.islower():
        return False
    return word in ROLE_WORDS or word in TITLES or word in _OTHER_ROLES \
        or (word.endswith(("er", "or", "ist", "ian", "ant")) and word not in _NOT_ROLES)


def _owns_a_thing(tokens: list[Token], end: int) -> bool:
    """Whether the possessive name ending at ``end`` owns a thing ("Roe's comments", "Roe's renewed
    endorsement"), not a person or a body that speaks for them ("Roe's lawyer", "Roe's campaign", "Roe's
    aides"): none of the (up to three) lower-case words after it is a role, a relation, a personal body
    or a plural."""
    words = []
    for token in tokens[end:end + 3]:
        if not token.text.isalpha() or not token.text.islower():
            break
        words.append(token)
    return bool(words) and not any(_someone(t.lower) or _someone(_stem(t.lower)) for t in words)


#: people around someone, besides roles and relations: "Roe's aides", "Roe's allies"
_PEOPLE_AROUND = frozenset({"aide", "ally", "allies", "fan", "people", "staff", "team", "family", "circle", "camp"})


def _someone(word: str) -> bool:
    """Whether a lower-case word after a possessive name means people, not a thing: a role, a relation,
    a body that speaks for them or people around them ("lawyer", "wife", "campaign", "aides")."""
    return word in TITLES or word in RELATION_NOUNS or word in ROLE_WORDS or word in PERSONAL_BODIES \
        or word in _PEOPLE_AROUND or _role_word(Token(word, word))


#: words opening a clause before its subject that do not put a phrase before it ("But Roe ...",
#: "Still, Roe ...", "Was Roe satisfied ...?")
_LINKS = frozenset("""and but or nor so yet still then also even only not now
is was are were does did do has have had""".split())


#: speech verbs after which a reported clause opens with its subject: "aides say Roe will run"
_SAYS = frozenset({"say", "says", "said"})
#: How far into a sentence (in tokens) :meth:`ArticleSources.note_subject` looks for the commas
#: that may open its main clause and for "say(s)" before a name: 14 tokens, a bound set on train
_OPENING_TOKENS = 14


#: words going on with a verb phrase after a name set off by commas ("painting her rival, Jane
#: Roe, as a danger"), where a clause's subject would have its verb or "who" ("Jane Roe, who ...")
_PHRASE_GOES_ON = frozenset({"as", "and", "or", "of", "in", "on", "at", "with", "from", "by", "for",
                             "to", "into", "over", "about", "against"})


def _object_apposition(tokens: list[Token], end: int) -> bool:
    """Whether the name ending at ``end`` is set off by commas inside a verb phrase, not a
    subject."""
    return end + 1 < len(tokens) and tokens[end].text == "," \
        and tokens[end + 1].text in _PHRASE_GOES_ON


#: verbs of putting out a document: "Roe released a statement ...", "Acme issued a report ..."
_ISSUING_VERBS = frozenset({"released", "issued", "published", "posted", "sent", "filed", "wrote", "signed"})


#: what a text does, not a person or body: "It continued: ...", "'...,' it reads"
_TEXT_VERBS = frozenset({"continue", "read", "state", "go"})


def _may_open_clause(token: Token) -> bool:
    """Whether a phrase opening with ``token`` after a comma may be part of the clause's opening (a
    name, "the", "his", "in", "at"), not a phrase inside it ("including", "such")."""
    return _is_cap(token) or token.lower in _DEFINITE_WORDS or token.lower in _OPENERS \
        or token.text == QUOTE_PLACEHOLDER


def _subject_runs(tokens: list[Token], start: int, runs: dict[int, int]):
    """The name runs that may be a clause's subject when it opens at ``start``, as (start, end)
    pairs: the run after up to four role words that follow the opening ("Democratic
    presidential candidate Jane Roe is ...", "Former Ohio governor Jane Roe": "Jane Roe"),
    then the run at ``start`` itself."""
    end = runs.get(start, start)
    k = end
    while k < len(tokens) and k - end < 4 and _role_word(tokens[k]):
        k += 1
    if k > end and k in runs:
        yield k, runs[k]  # the name the label and role words lead to comes first
    if end > start:
        yield start, end


# -- how a name meets a known entity (:meth:`ArticleSources.find_name`) --------------
#: the name is the entity: look no further
_FULL = "full"
#: one word that is a known person's first or last name ("Roe" for "Jane Roe")
_ONE_NAME_OF_PERSON = "one name of a person"
#: a person's one-word name that opens an organisation's name ("Roe" for "Roe University")
_FIRST_WORD_OF_ORGANISATION = "first word of an organisation"


def _kinds_agree(kind: str, entity_kind: str, words: list[str]) -> bool:
    """Whether a name of ``kind`` may refer to an entity of ``entity_kind``: any kind when
    either is unknown, or the name is one word ("Roe" may be a person or "Roe Ltd")."""
    return not (kind and entity_kind and kind != entity_kind and len(words) != 1)


def _may_name(words: list[str], kind: str, gender: str, entity: Entity) -> bool:
    """Whether a name's ``words`` (of ``kind``, with an honorific's ``gender``) may refer to
    a known ``entity`` at all: kinds that agree (:func:`_kinds_agree`), not a surname alone
    for an organisation named by a description ("Roe" for "the Roe campaign"), and not
    "Ms. Roe" for a man."""
    if not _kinds_agree(kind, entity.kind, words) or (entity.described and len(words) == 1):
        return False
    return not (gender and entity.kind == "person" and _gender(entity) not in ("", gender))


def _is_known_form(name: str, entity: Entity) -> bool:
    """The entity's canonical name or one of its aliases, ignoring case ("mr roe")."""
    return name.lower() == entity.name.lower() or name.lower() in entity.aliases


def _name_match(words: list[str], kind: str, entity: Entity) -> str:
    """How the name's ``words`` meet a known ``entity``: :data:`_FULL`,
    :data:`_ONE_NAME_OF_PERSON`, :data:`_FIRST_WORD_OF_ORGANISATION` or ""."""
    if entity.kind == "person":
        return _person_name_match(words, entity.words)
    if entity.kind == "organisation":
        return _organisation_name_match(words, kind, entity.words)
    return ""


def _person_name_match(words: list[str], known: list[str]) -> str:
    """A name against a person's ``known`` words: "Roe" or "Jane" is one name of
    "Jane Roe"; "Jane Roe" and "Jane Q. Roe" are her in full, and so is "Jane Roe" of a
    person known only as "Roe", or only by her first name, "Jane" ("his wife, Jane,")."""
    if len(words) == 1:
        return _ONE_NAME_OF_PERSON if words[0] in (known[-1], known[0]) else ""
    if words[-1] == known[-1] and (words[0] == known[0] or len(known) == 1):
        return _FULL
    if len(known) == 1 and words[0] == known[0] and is_first_name(known[0]):
        return _FULL
    if _ends_with(words, known) or _ends_with(known, words):
        return _FULL
    return ""


def _label_before(longer: list[str], known: list[str]) -> bool:
    """Whether a longer name is a known full name with something other than a first name in
    front ("Republican Donald Trump", "Neither Jane Roe" for "Jane Roe"): not a fuller name."""
    return _ends_with(longer, known) and not first_name_gender(longer[0])


def _ends_with(longer: list[str], shorter: list[str]) -> bool:
    """Whether a name of two or more words closes a longer one: "Hillary Clinton" closes
    "Democrat Hillary Clinton" and "Debbie Wasserman Schultz" ends with "Wasserman Schultz"."""
    return 2 <= len(shorter) < len(longer) and longer[-len(shorter):] == shorter


def _organisation_name_match(words: list[str], kind: str, known: list[str]) -> str:
    """A name against an organisation's ``known`` words: "Roe" said of a person is only
    the first word of "Roe University"; "Watch UN" or "UN" of "UN Watch" (all its words,
    or its first word) is the organisation; and so is "Acme Mining Group" said of an
    organisation known as "Acme Mining" (the known name opens the longer one)."""
    if len(words) == 1 and kind == "person" and words[0] == known[0]:
        return _FIRST_WORD_OF_ORGANISATION
    if set(words) <= set(known) and (len(words) > 1 or words[0] == known[0]):
        return _FULL
    if len(known) < len(words) and known == words[:len(known)] and kind == "organisation":
        return _FULL
    return ""


class ArticleSources:
    """The entities of one article, built up sentence by sentence."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        # a definite description used again means what it meant before ("the agency")
        self.descriptions: dict[str, Entity] = {}
        # the last speaker who spoke in a document, and where: "it" may be that document
        self.document: tuple[Entity | None, int] = (None, -1)

    # -- registering names ---------------------------------------------------
    def find_name(self, name: str, kind: str, gender: str = "") -> Entity | None:
        """The known entity ``name`` (of ``kind``, or any kind when "") refers to, or None.

        A full match ends the search; otherwise a surname or first name alone goes to the
        person of that name who spoke last, and failing that to an organisation whose name
        starts with it ("Roe" for "Roe University").  A name whose honorific gives a
        ``gender`` ("Ms. Roe") never joins a person of the other gender ("John Roe")."""
        words = _words(name)
        if not words:
            return None
        best = organisation = None
        lowered, wanted = name.lower(), set(words)
        for entity in self.entities:
            # every way to match shares a word with the entity's name or is one of its aliases:
            # the cheap test first (an article names dozens of entities, and is read name by name)
            if wanted.isdisjoint(entity.words) and lowered not in entity.aliases:
                continue
            if not _may_name(words, kind, gender, entity):
                continue
            if _is_known_form(name, entity):
                return entity
            match = _name_match(words, kind, entity)
            if match is _FULL:
                return entity
            if match is _ONE_NAME_OF_PERSON:
                best = best if best and best.spoke >= entity.spoke else entity
            elif match is _FIRST_WORD_OF_ORGANISATION:
                organisation = organisation or entity
        return best or organisation

    def add_name(self, name: str, kind: str, position: int, spoke: bool) -> tuple[Entity, bool]:
        """The entity for ``name`` (new or known) and whether it was already known."""
        bare, gender = _bare(name)
        if not _words(bare):
            # a name with no words ("'s", a bare honorific) is no entity: the caller gets a
            # throwaway one that is never registered, so no later lookup can meet it
            return Entity(bare, kind or "person", []), False
        entity = self.find_name(bare, kind, gender)
        known = entity is not None
        if entity is None:
            entity = Entity(bare, kind or "person", _words(bare))
            self.entities.append(entity)
        elif len(_words(bare)) > len(entity.words) and entity.kind == (kind or entity.kind) \
                and not _label_before(_words(bare), entity.words):
            entity.aliases.add(entity.name.lower())
            entity.name, entity.words = bare, _words(bare)
        elif entity.kind == "person" and _label_before(entity.words, _words(bare)):
            entity.aliases.add(entity.name.lower())  # "Democrat Jane Roe" is Jane Roe
            entity.name, entity.words = bare, _words(bare)
        entity.aliases.add(bare.lower())
        entity.gender = entity.gender or gender
        entity.mentioned = position
        if spoke:
            entity.spoke = position
            entity.first_spoke = entity.first_spoke if entity.first_spoke >= 0 else position
        return entity, known

    def add_mentions(self, text: str, position: int) -> None:
        """People and organisations named in a sentence, with ages and acronyms."""
        tokens = tokenize(text)
        inside = _in_parentheses(tokens)
        # an acronym is defined in parentheses after its name: without "(", no run can define one
        for start, end in _name_runs(tokens, commas=True) if "(" in text else ():
            acronym = _defined_acronym(tokens, start, end)
            if acronym is not None:
                self._add_acronym_definition(tokens[start:end], acronym, position)
        for start, end in _name_runs(tokens):
            if not inside[start]:  # "(Reuters)", "(D-Md.)": a credit or aside, not a mention
                for first, last in _people_of_run(tokens, start, end):
                    self._add_mention(tokens, first, last, position)

    def _add_acronym_definition(self, name_tokens: list[Token], acronym: Token, position: int) -> None:
        """"Department for Environment, Food and Rural Affairs (Defra)": the organisation,
        with the acronym as an alias."""
        name, _ = _clean_name([t.text for t in name_tokens], [])
        entity, _ = self.add_name(name.replace(" , ", ", "), "organisation", position, False)
        entity.aliases.add(acronym.text.lower())

    def _add_mention(self, tokens: list[Token], start: int, end: int, position: int) -> None:
        """The run of capitalised ``tokens[start:end]`` as an organisation ("Norvale Minerals",
        "United Nations (UN)") or a person of two to four words ("Jane Roe, 41,"), else nothing
        ("In Italy", "the Roe family"); a known person named again by one name ("Roe") is
        mentioned again, so a later "she" may mean her."""
        words = _without_opener([t.text for t in tokens[start:end]])
        if not words:
            return
        name, hint = _clean_name(words, tokens[max(0, start - 3):start])
        if hint == "organisation" and _person_after_descriptor(name, tokens, start):
            hint = "person"  # "Florida developer Jane Roe": a person, whose role is a business's word
        name, hint = _person_within(name, hint)  # "Acme News' Jane Roe noticed ...": Jane Roe
        acronym = _parenthesised_after(tokens, end)
        if acronym is not None and not _is_acronym(acronym.text):
            acronym = None
        if _is_organisation_name(name, hint) or (acronym is not None and len(words) > 1):
            entity, _ = self.add_name(name, "organisation", position, False)
            if acronym is not None:
                entity.aliases.add(acronym.text.lower())
            entity.company = entity.company or _is_company(name, tokens[max(0, start - 1):start])
        elif hint == "person" and (_is_person_name(name) or _titled(words, name) or _relative_named(tokens, start, end)) \
                and not _after_article(tokens, start):
            if _relative_named(tokens, start, end):
                name = self._with_family_name(tokens, start, name)
            entity, _ = self.add_name(name, "person", position, False)
            age = _age_after(tokens, end)
            if age:
                entity.age = age
        elif hint == "person" and len(words) == 1 and not _after_article(tokens, start):
            entity = self.find_name(_bare(name)[0], "person")
            if entity is not None and entity.kind == "person":
                entity.mentioned = position

    def _with_family_name(self, tokens: list[Token], start: int, first_name: str) -> str:
        """The full name of a spouse named by a first name alone after a named person ("Roe's husband,
        Bill," is Bill Roe); the first name alone otherwise ("his wife, Jane,", "Roe's son, Grant,")."""
        owner, kin = tokens[start - 3], tokens[start - 2].lower
        if kin not in _FAMILY_NAME_KIN or not _is_possessive(owner) or not _is_cap(owner):
            return first_name
        known = self.find_name(_strip_possessive(owner.text), "person")
        if known is None or known.kind != "person" or _is_place(known.name):
            return first_name
        return f"{first_name} {known.name.split()[-1]}"

    def note_subject(self, text: str, position: int, register: bool = False) -> None:
        """Mark the known person whose name opens a clause of the sentence as its subject
        (at the start, after "But"/"And", or after an introductory phrase and comma:
        "In Ohio on Monday, Ms. Roe was shocked ..."): a later "she said" is likely them.
        With ``register``, a person's full name not yet known is registered to be marked."""
        tokens = tokenize(text)
        commas = [k + 1 for k in range(min(len(tokens), _OPENING_TOKENS)) if tokens[k].text == ","]
        # the clause may open after a second comma too ("On television, Roe's campaign chairman, John
        # Doe, dismissed"), unless the first one opened a phrase inside ("Roe's aides, including his
        # wife, Jane, were there")
        starts = [0] + commas[:1] + [k for k in commas[1:2] if _may_open_clause(tokens[commas[0]])]
        runs = {start: end for start, end in _name_runs(tokens)}
        # a name opening what others say ("..., aides say Jane Roe also advises her father"), should no
        # person open the sentence: who it is about (not "his brother Jane Roe", someone else)
        starts += [k for k in (j + 1 + (tokens[j + 1].lower == "that") for j in range(min(len(tokens) - 1, _OPENING_TOKENS))
                               if tokens[j].lower in _SAYS) if k in runs and k not in starts]
        owner = body = fronted = None
        # after a phrase or clause put first, naming a person or not ("When Roe held rallies all
        # over the state and the region, Doe ...", "As the council ate lunch in a small, stuffy room
        # overlooking the harbour, Roe walked them through it") the main clause may open after a
        # later comma
        # (commas after the opening tokens; the first two commas within them are read above)
        later = [k + 1 for k in range(_OPENING_TOKENS, len(tokens)) if tokens[k].text == ","]
        put_first = False
        for start in starts + later:
            if start in later and fronted is None and not put_first:
                break
            opening = start
            while start < len(tokens) and tokens[start].lower in _OPENERS and tokens[start].lower not in {"it", "he", "she"}:
                start += 1
            # a name after a preposition or a subordinating word is in a phrase or clause put before
            # the main one ("When Roe held rallies, ...", "With Doe, Roe chose ..."): the main
            # clause's subject comes first
            phrase = any(t.lower not in _LINKS for t in tokens[opening:start])
            put_first = put_first or (opening == 0 and phrase)
            if start + 1 in runs and tokens[start].lower == "the" and body is None:
                # "The Acme Institute released ...": a body's name after "the"
                body = self._body_opening(tokens, start + 1, runs[start + 1])
            if start + 1 in runs and tokens[start].lower == "the" and not _after_article(tokens, start + 1):
                start += 1  # "the Rev. Jane Roe": a title after "the"
            if start not in runs and start >= 1 and tokens[start - 1].lower in _OPENERS:
                # "But Jane Roe was shocked", "Was Roe satisfied ...?", "When Roe held ...": the
                # capitalised word opening the clause was read as the name's first word
                inside = next((e for s, e in runs.items() if s < start < e), None)
                if inside is not None:
                    runs[start] = inside
            for first, end in _subject_runs(tokens, start, runs):
                if start in later and _object_apposition(tokens, end):
                    break  # "..., painting her rival, Jane Roe, as a danger": no clause opens here
                possessive = _is_possessive(tokens[end - 1])
                if possessive and (owner is not None or not _owns_a_thing(tokens, end)):
                    continue  # "Roe's lawyer said": someone else
                name, hint = _person_within(*_clean_name([t.text for t in tokens[first:end]], []))
                bare, gender = _bare(name)
                entity = self.find_name(bare, "person", gender) if hint == "person" else None
                if entity is None and register and hint == "person" and _is_person_name(name) and not possessive:
                    entity, _ = self.add_name(name, "person", position, False)
                if entity is None and hint == "organisation" and not possessive and body is None:
                    body = self._body_opening(tokens, first, end)
                if entity is not None and entity.kind == "person":
                    if possessive:
                        # "Roe's comments brought ...": Roe owns the subject, is not it, but is who the
                        # sentence is about, should no clause open with a person
                        owner = entity
                        continue
                    if phrase:
                        fronted = fronted or entity
                        break
                    entity.subject = position
                    return
        if fronted is not None:
            # no main clause opened with a person: the one the sentence opened with is its topic
            # ("When Roe held rallies all over the state, he was received by protesters.")
            fronted.subject = position
        elif owner is not None:
            # weaker than a subject: a person of the pronoun's sex named in the sentence comes first
            # ("To Professor Jane Doe, Roe's stare seemed sad. 'It looked like heartbreak,' she said.")
            owner.subject = max(owner.subject, position - 0.5)
        elif body is not None:
            body.opened = position

    def _body_opening(self, tokens: list[Token], start: int, end: int) -> Entity | None:
        """The known organisation named by ``tokens[start:end]``, a clause's subject, or None."""
        if _is_possessive(tokens[end - 1]):
            return None  # "Acme's report": the report opens the clause
        name, hint = _clean_name([t.text for t in tokens[start:end]], [])
        if hint != "organisation":
            return None
        entity = self.find_name(_bare(name)[0], "organisation")
        return entity if entity is not None and entity.kind == "organisation" else None

    def note_pronoun_opening(self, text: str, position: int) -> None:
        """A narration sentence opening with "he" or "she" ("He was joined on the call by Jane
        Roe.") goes on with the person that pronoun means, who is then known to be of that sex: a
        later "she said" is then not him, though his first name gave no sex."""
        tokens = tokenize(text)
        start = 0
        while start < len(tokens) and tokens[start].lower in _OPENERS - {"he", "she"}:
            start += 1
        if start >= len(tokens) or tokens[start].lower not in {"he", "she"}:
            return
        gender = "m" if tokens[start].lower == "he" else "f"
        entity = self._pronoun_person(gender, position)
        if entity is not None and entity.kind == "person":
            entity.pronoun_gender = entity.pronoun_gender or gender
            entity.subject = max(entity.subject, position)

    def note_asked(self, text: str, position: int) -> None:
        """"Roe asked Doe whether ...": the known person asked answers next, so a later "he
        said" is likelier them than the one who asked."""
        tokens = tokenize(text)
        runs = {start: end for start, end in _name_runs(tokens)}
        for k, token in enumerate(tokens[:-1]):
            if token.lower in {"asked", "asks", "asking", "ask"} and k + 1 in runs:
                name, hint = _clean_name([t.text for t in tokens[k + 1:runs[k + 1]]], [])
                bare, gender = _bare(name)
                entity = self.find_name(bare, "person", gender)
                if entity is not None and entity.kind == "person":
                    # half a sentence on: after the asker, who spoke at ``position``
                    entity.subject = position + 0.5
                    return

    # -- resolving references ------------------------------------------------
    def _recent(self, kind: str, gender: str = "", spoken_only: bool = True) -> Entity | None:
        last = (lambda e: max(e.spoke, e.subject)) if spoken_only else (lambda e: max(e.spoke, e.mentioned))
        candidates = [e for e in self.entities if e.kind == kind and last(e) >= 0
                      and not (kind == "person" and _is_place(e.name))
                      and not (gender and _gender(e) and _gender(e) != gender)]
        # in one sentence a person of the gender asked for, then its speaker, comes before the
        # person it is about ("Doe is a danger, Roe said")
        return max(candidates, key=lambda e: (last(e), bool(gender) and _gender(e) == gender, e.spoke), default=None)

    def _pronoun_person(self, gender: str, position: int) -> Entity | None:
        """The person "he" or "she" (``gender``) refers to: the one who spoke or opened a
        clause last (else was named last) with no conflicting gender; but when that person's
        gender is unknown, a person of the pronoun's gender known from an honorific, a first
        name or an earlier pronoun who came up since then is more likely: in "Chris Roe
        spoke. ... Professor Jane Doe disagreed. 'It is wrong,' she said." she is Jane Doe."""
        best = self._recent("person", gender) or self._recent("person", gender, spoken_only=False)
        if best is None or not gender or _gender(best) == gender:
            return best
        since = max(best.spoke, best.subject)
        sure = [e for e in self.entities if e.kind == "person" and _gender(e) == gender and not _is_place(e.name)
                and max(e.spoke, e.subject, e.mentioned) > since]
        return max(sure, key=lambda e: max(e.spoke, e.subject, e.mentioned), default=best)

    def note_document(self, text: str, resolved: Resolved, position: int) -> None:
        """A speaker who speaks in a document ("Roe wrote in the affidavit", "the company said in
        a statement") or puts one out ("Roe released a statement condemning ...") is what a later
        "it" ("It continued: ...") or "the statement" means: the document, so its author."""
        if not resolved.source or resolved.source_kind not in {"person", "organisation"}:
            return
        tokens = tokenize(text)
        for k in range(len(tokens) - 2):
            if (tokens[k].lower == "in" or tokens[k].lower in _ISSUING_VERBS) and tokens[k + 1].lower in DETERMINERS \
                    and any(t.lower in DOCUMENT_NOUNS for t in tokens[k + 2:k + 4]):
                self.document = (self.find_name(resolved.source, resolved.source_kind), position)
                return

    def _it(self, position: int, verb: str = "") -> Entity | None:
        """The body "it" means: the organisation that spoke last, or a speaker known by one word that is
        no one's first or last name and has no sex ("Twitter said ... It added": "Twitter" read as a
        person), whichever spoke later; but an organisation that opened one of the two sentences
        before as its subject, since then, comes first ("The Acme Institute released a report on
        Tuesday. It said ..."); and first of all the author of a document spoken in one of the two
        sentences before, when no body has come up since ("Roe wrote in the affidavit. It
        continued: ...", :meth:`note_document`): a person only with a verb a text does ("continued",
        "reads"), as "it added" after "Mr. Roe said in a post" is still no person."""
        author, written = self.document
        if author is not None and written >= position - 2 \
                and (author.kind == "organisation" or verb in _TEXT_VERBS) \
                and all(max(e.spoke, e.subject, e.opened) <= written
                        for e in self.entities if e.kind == "organisation"):
            return author
        body = self._recent("organisation")
        thing = max((e for e in self.entities if _named_thing(e)), key=lambda e: e.spoke, default=None)
        if thing is not None and (body is None or thing.spoke > max(body.spoke, body.subject)):
            body = thing
        recent = [e for e in self.entities if e.kind == "organisation" and e.opened >= position - 2]
        opener = max(recent, key=lambda e: e.opened, default=None)
        if opener is not None and (body is None or opener.opened > max(body.spoke, body.subject)):
            return opener
        return body

    def resolve(self, attribution: Attribution, position: int) -> Resolved:
        kind = attribution.kind
        speaker = attribution.speaker
        if kind == "unnamed":
            return Resolved("unnamed", "unnamed", "named")
        if kind == "name":
            if not _words(_bare(speaker)[0]):
                return Resolved("", "", "unresolved")  # an empty speaker, or one with no words: no entity
            if _people_group(speaker):
                return self._group(speaker, position)
            hint = attribution.hint or ("organisation" if _org_like(speaker.split(), []) else "")
            speaker, hint = _person_within(speaker, hint)
            bare = _bare(speaker)[0]
            entity, known = self.add_name(speaker, hint, position, True)
            exact = bare.lower() == entity.name.lower()
            return Resolved(entity.name, entity.kind, "named" if exact else "alias")
        if kind == "pronoun":
            word = speaker.lower()
            if word in {"i", "you"}:
                # the writer, or the one addressed: no one the article names ("I said" in a
                # column is its author, not the organisation named last)
                return Resolved("", "", "unresolved")
            if word in {"he", "she"}:
                gender = "m" if word == "he" else "f"
                entity = self._pronoun_person(gender, position)
                if entity:
                    entity.pronoun_gender = entity.pronoun_gender or gender
            elif word == "it":
                entity = self._it(position, attribution.verb)
            else:
                entity = self._recent("organisation") or (self._recent("person") if word == "they" else None)
            if entity is None:
                return Resolved("", "", "unresolved")
            entity.spoke = position
            return Resolved(entity.name, entity.kind, "pronoun")
        return self._description(speaker, attribution.hint, position)

    def _description(self, text: str, hint: str, position: int) -> Resolved:
        """A described speaker: "the agency" used again means what it meant before; "the
        41-year-old" is the person given that age; "the ministry", "the report" an
        organisation (:meth:`_described_organisation`); "the Russians" a people speaking as one
        (:func:`_people_group`); "his campaign" that man's campaign (:meth:`_body_of_theirs`);
        anything else ("the diplomat") the most recent person."""
        written = text.split()
        if len(written) == 2 and written[0].lower() == "the" and _people_group(written[1]):
            return self._group(written[1], position)  # "the Democrats", "the Russians"
        settled = _not_a_known_one(text, hint)
        if settled is not None:
            return settled
        title = _name_after_the(text)
        if title:
            entity, known = self.add_name(title, "organisation", position, True)
            return Resolved(entity.name, entity.kind, "named" if entity.name == title else "alias")
        words = _description_words(text)
        body = self._body_of_theirs(words, position)
        if body is not None:
            return body
        owner = _owner(text)
        if owner and words[-1] not in PERSONAL_BODIES and not _describes_organisation(words, hint, text):
            # "Roe's lawyer", "Roe's spokesman": someone speaking for the one named (relations,
            # "Roe's son", were settled above as someone else)
            return self.resolve(Attribution(owner, "name", "", "", "subject"), position)
        key = " ".join(words)
        definite = text.lower().startswith("the ")
        if key in self.descriptions and definite and not self._new_subject(self.descriptions[key], position):
            entity = self.descriptions[key]
            entity.spoke = position
            return Resolved(entity.name, entity.kind, "description")
        age = _AGE.search(text)
        if age:
            entity = self._person_of_age(age.group(1))
        elif _describes_organisation(words, hint, text):
            found = self._body_described(text, words, position)
            if isinstance(found, Resolved):
                return found
            entity = found
        else:
            entity = self._recent("person") or self._recent("person", spoken_only=False)
        if entity is None:
            return Resolved("", "", "unresolved")
        entity.spoke = position
        if definite:
            self.descriptions[key] = entity
        return Resolved(entity.name, entity.kind, "description")

    def _new_subject(self, entity: Entity, position: int) -> Entity | None:
        """A person other than ``entity`` whose name opened one of the two sentences before
        ``position``, after ``entity`` last spoke: "the senator" used again right after "Sen.
        Mark Poe toured the docks." means Poe, not the senator it meant before (None for a body,
        or when nobody new opened a sentence)."""
        if entity.kind != "person":
            return None
        return next((e for e in self.entities if e is not entity and e.kind == "person"
                     and e.subject >= position - 2 and e.subject > entity.spoke), None)

    def _group(self, name: str, position: int) -> Resolved:
        """A party's or a nation's people speaking as one ("Democrats", "the Russians"): a body,
        not a person, known by that name."""
        entity, _ = self.add_name(_strip_possessive(name), "organisation", position, True)
        return Resolved(entity.name, entity.kind, "named")

    def _body_of_theirs(self, words: list[str], position: int) -> Resolved | None:
        """"his campaign", "her administration": the body of the person "he" or "she" means,
        named as the press names it, after their surname ("Roe campaign"); None for any other
        description, or when no such person is at hand."""
        if len(words) < 2 or words[0] not in {"his", "her"} or words[-1] not in PERSONAL_BODIES:
            return None
        person = self._pronoun_person("m" if words[0] == "his" else "f", position)
        if person is None or person.kind != "person":
            return None
        entity, _ = self.add_name(f"{person.name.split()[-1]} {words[-1]}", "organisation", position, True)
        return Resolved(entity.name, entity.kind, "description")

    def _body_described(self, text: str, words: list[str], position: int) -> Entity | Resolved:
        """The organisation an organisation description means: the body a name in it names
        ("the Roe campaign"), else :meth:`_described_organisation`; for "the" document with no
        body at hand, the author of a document spoken in this sentence or the two before ("In a
        statement, Roe said ... '...,' the statement said": :meth:`note_document`), else an
        unresolved :class:`Resolved`, as (to look for later) for a description no known body fits."""
        modifier = _proper_modifier(text)
        if modifier:
            return self._named_body(modifier, text, position)
        entity = self._described_organisation(words, position)
        if words[-1] in DOCUMENT_NOUNS and not _stands_behind(entity, words, position):
            author, written = self.document
            if author is not None and written >= position - 2 and text.lower().startswith("the "):
                return author  # "the statement": the one who just spoke in one wrote it
            return Resolved("", "", "unresolved")  # "the report" of no body at hand: not guessed
        if entity is None:
            return Resolved(text, "organisation", "unresolved")  # may be named later
        return entity

    def _named_body(self, modifier: str, text: str, position: int) -> Entity:
        """An organisation description with a name in it: "the Acme Times editorial board" is
        the known organisation Acme Times; "the Roe campaign", "the Roe administration" (Roe
        a person or unknown) is an organisation of that name, "Roe campaign", even when a "Roe
        Foundation" is known: a known body must be named by the whole modifier or hold the
        description's head noun ("the Acme board" of "Acme Board of Trade"), unless that noun is
        a person's role ("the Acme party leader" speaks for a known "Acme Party of Ohio"); a
        document or the outlet itself after the name is that body ("FEC records", "the Daily
        Ledger newspaper")."""
        known = self.find_name(modifier, "organisation")
        head = _stem(_strip_possessive(text.split()[-1]).lower())
        if known is not None and known.kind == "organisation" \
                and (_words(modifier) == known.words or head in {_stem(w) for w in known.words} or head in TITLES):
            return known
        if _named_by_its_body(modifier, text):
            # a body's document or the outlet itself: "FEC records", "the Daily Ledger newspaper"
            entity, _ = self.add_name(modifier, "organisation", position, False)
            return entity
        words = text.split()
        if words[0].lower() in _DEFINITE_WORDS:
            words = words[1:]
        entity, known = self.add_name(" ".join(words), "organisation", position, True)
        entity.described = entity.described or not known
        return entity

    def _person_of_age(self, age: str) -> Entity | None:
        """"The 41-year-old": the last entity given that age ("Jane Roe, 41,"), else the
        person who last spoke or was named."""
        return next((e for e in reversed(self.entities) if e.age == age), None) \
            or self._recent("person", spoken_only=False)

    def _publication(self) -> Entity | None:
        """The news organisation "the newspaper", "the daily" or "the editorial board" means:
        the one that last spoke or was named among those whose names read as news
        ("Lakeside Herald", "Channel 4 News"); None when no such one is known (never a
        politician or another body by guesswork)."""
        news = [e for e in self.entities if e.kind == "organisation" and _is_news_name(e.words)]
        return max(news, key=lambda e: (e.spoke >= 0, max(e.spoke, e.mentioned)), default=None)

    def _business_by_name(self, position: int) -> Entity | None:
        """The business "the company" means when no name read as one: a speaker known by one word that
        is no one's name and has no sex ("Acmeco said ... The company added"), the body "it" may mean
        too (:func:`_named_thing`), when it spoke in this sentence or the two before; else None (a
        business may be named later; an institute or a senate is none)."""
        found = max((e for e in self.entities if _named_thing(e)), key=lambda e: e.spoke, default=None)
        return found if found is not None and position - found.spoke <= 2 else None

    def _campaign_of_the_last_person(self, position: int) -> Entity | None:
        """"The campaign" with no campaign named: the campaign of the person who spoke or opened a
        clause last, named as the press names it ("Roe campaign", as "her campaign" is by
        :meth:`_body_of_theirs`); None when no person is at hand."""
        person = self._recent("person")
        if person is None or _is_place(person.name):
            return None
        entity, _ = self.add_name(f"{person.name.split()[-1]} campaign", "organisation", position, False)
        return entity

    def _described_organisation(self, words: list[str], position: int) -> Entity | None:
        """The organisation a description's ``words`` mean: one whose name holds a noun of
        it ("the ministry" for "Ministry of Health", "police" for "Ohio State Police"), or
        any business for "the company" (else a body known by one word that just spoke,
        :meth:`_business_by_name`); "the campaign" with none named, the last person's
        (:meth:`_campaign_of_the_last_person`); else None for a specific body ("the union"), else
        the organisation that last spoke or was named ("the group")."""
        head = words[-1] if words else ""
        if _is_publication(words):
            return self._publication()
        nouns = {_stem(w) for w in words} | ({"police"} if head in COLLECTIVE_BODY else set())
        named = [e for e in self.entities if e.kind == "organisation"
                 and (nouns & {_stem(w) for w in e.words} or (head in COMPANY_NOUNS and e.company))]
        if named:
            # a body that has already spoken before one only mentioned
            return max(named, key=lambda e: (e.spoke >= 0, max(e.spoke, e.mentioned)))
        if head in BUSINESS_NOUNS:
            return self._business_by_name(position)
        if words == ["campaign"]:
            return self._campaign_of_the_last_person(position)
        if head in SPECIFIC_BODIES:
            return None  # "the union": only a union
        return self._recent("organisation") or self._recent("organisation", spoken_only=False)


def _named_thing(entity: Entity) -> bool:
    """Whether a speaker known by one word reads as a body, not a person: no first name, no sex,
    no other form ("Acmeco said ...": one word, read as a person's name for want of a hint)."""
    return entity.kind == "person" and len(entity.words) == 1 and entity.spoke >= 0 and not _gender(entity) \
        and not is_first_name(entity.words[0]) and not entity.aliases - {entity.name.lower()}


def _people_group(word: str) -> bool:
    """Whether a capitalised word names a party's or a nation's people as a whole: the plural of
    a party noun ("Democrats", "Republicans") or of a people ending as most do in "-ians",
    "-eans", "-cans", "-inos", "-inas", "-anics" ("Russians", "Koreans", "Americans", "Latinos",
    "Filipinas", "Hispanics"); never a surname ("Evans")."""
    word = _strip_possessive(word)
    lower = word.lower()
    return word[:1].isupper() and (lower[:-1] in PARTY_NOUNS and lower.endswith("s")
                                   or (len(lower) > 6 and lower.endswith(_PEOPLE_ENDINGS)))


_PEOPLE_ENDINGS = ("ians", "eans", "cans", "inos", "inas", "anics")


#: bodies that belong to one person and go by their surname: "his campaign" is the "Roe campaign"
PERSONAL_BODIES = frozenset({"campaign", "administration", "office", "team", "camp"})


#: determiners that introduce someone new: "another Ohio Democrat", "one adviser", "those who know him"
_INDEFINITE_DETERMINERS = frozenset({"a", "an", "another", "one", "some", "several", "many", "most", "few",
                                     "those", "two", "three", "four", "five", "other", "others", "someone",
                                     "somebody", "numerous", "various", "dozens", "hundreds"})


#: words that make a description definite: it points back to someone known
_DEFINITE_WORDS = frozenset({"the", "this", "that", "these", "his", "her", "its", "their", "our", "my", "your"})


def _is_indefinite(text: str) -> bool:
    """Whether a description introduces an unnamed speaker rather than pointing back to a
    known one: it opens with an indefinite determiner or a demonstrative plural ("another
    Ohio Democrat", "one adviser", "those over 60"), or it is a plural common noun with no
    determiner ("corporate lobbyists", "Democratic officials"), not a body's staff
    ("inspectors") nor an organisation ("the ministry")."""
    words = text.split()
    if not words:
        return False
    if words[0].lower() in _INDEFINITE_DETERMINERS:
        return True
    head = _head_word(words)
    if len(words) < 2 or not head.islower() or not head.endswith("s") or head.endswith("ss") \
            or words[0].lower() in _DEFINITE_WORDS:
        return False
    if {head, head.rstrip("s")} & COLLECTIVE_BODY or head in ORG_WORDS:
        return False  # "state inspectors": the body's staff; "cable news"
    if {head.rstrip("s")} & (ORG_DESCRIPTORS | ORG_WORDS | DOCUMENT_NOUNS) or head in DOCUMENT_NOUNS:
        # several bodies or documents, none named: "advocacy groups", "press reports" ("FEC records",
        # "Acme Corp. filings" name their body)
        return not (words[0].isupper() and len(words[0]) > 1) and not any(w[:1].isupper() for w in words[1:])
    return True


def _not_a_known_one(text: str, hint: str) -> Resolved | None:
    """The source of a description that cannot point back to anyone known: "another Ohio
    Democrat" is unnamed (:func:`_is_indefinite`); "his wife" (:func:`_someone_of_theirs`)
    and "the lawyers" (:func:`_plural_people`) are unresolved; None for any other."""
    if _is_indefinite(text):
        return Resolved("unnamed", "unnamed", "description")
    if _someone_of_theirs(text) or _plural_people(text, hint):
        return Resolved("", "", "unresolved")
    return None


#: capitalised words that end a description of a person, not a title: "the Ohio Republican"
PARTY_NOUNS = frozenset({"republican", "democrat", "democratic", "independent", "conservative", "liberal",
                         "libertarian", "progressive", "socialist", "gop"})


def _name_after_the(text: str) -> str:
    """The name in a "description" that is only "the" and a name: "the Daily Ledger", "the
    Vatican" (a body known by its name with the article); "" when a word is lower case, when
    the name ends in a plural ("the Democrats", "the Smiths": several people) or a party
    noun ("the Ohio Republican": a person), or a person's title ("the Ohio Senator")."""
    words = text.split()
    if len(words) < 2 or words[0].lower() != "the" or not all(w[:1].isupper() for w in words[1:]):
        return ""
    last = _strip_possessive(words[-1]).lower().rstrip(".")
    if last.endswith("s") or last in PARTY_NOUNS or last in TITLES or _strip_possessive(words[-1]) != words[-1]:
        return ""
    return " ".join(words[1:])


def _person_within(speaker: str, hint: str) -> tuple[str, str]:
    """The person named inside a speaker read as an organisation, with the person hint: "Jane
    Roe" in "Jane Roe of Acme University" (:func:`_person_before_of`), "Acme News' Jane Roe"
    or "Dayton Mayor Jane Roe" (:func:`_person_after_label`); the speaker and hint as they
    were otherwise."""
    words = speaker.split()
    if len(words) < 3:
        return speaker, hint
    if hint != "organisation":
        # a person's name after the label of a party, and of a house or committee ("House
        # Intelligence Republican Jane Roe"): the name alone, as after a title
        person = _person_after_label(words, labels_only=True)
        return (person, hint) if person else (speaker, hint)
    person = _person_before_of(words) or _person_after_label(words)
    return (person, "person") if person else (speaker, hint)


def _is_first_and_names(words: list[str]) -> bool:
    """Two or three capitalised words from a first name: "Jane Roe", "Jane Q. Roe"."""
    return 2 <= len(words) <= 3 and bool(first_name_gender(words[0])) and all(w[:1].isupper() for w in words)


def _person_before_of(words: list[str]) -> str:
    """"Jane Roe" in "Jane Roe of Acme University", "Jane Roe of Dayton"; else ""."""
    if "of" not in words:
        return ""
    before = words[:words.index("of")]
    return " ".join(before) if _is_first_and_names(before) and not _several(before) else ""


def _person_after_label(words: list[str], labels_only: bool = False) -> str:
    """The last name of a person, from a first name, right after a possessive or a title:
    "Jane Roe" in "Acme News' Jane Roe", "Dayton Mayor Jane Roe", or (all a person's name may
    follow, with ``labels_only``) a party's label: "House Republican Jane Roe"; "" when there is
    none, or the speaker names several ("Acme's Jane Roe and John Doe")."""
    if _several(words):
        return ""
    for k in range(len(words) - 2, 0, -1):
        rest, previous = words[k:], words[k - 1]
        label = previous.lower() in PARTY_NOUNS
        if _is_first_and_names(rest) and not {_strip_possessive(w).lower() for w in rest} & ORG_WORDS \
                and (label or not labels_only and (_strip_possessive(previous) != previous
                                                   or previous.lower().rstrip(".") in TITLES)):
            return " ".join(rest)
    return ""


def _several(words: list[str]) -> bool:
    """Whether a speaker's words name several ("Jane Roe and John Doe", "Roe, Doe")."""
    return bool({"and", "&"} & set(words)) or any(w.endswith(",") for w in words)


def _stands_behind(entity: Entity | None, words: list[str], position: int) -> bool:
    """Whether a body found for a document ("the report", "the poll") is the one behind it:
    its name holds the document's noun ("the poll" of "Acme Poll"), or it spoke or was
    named in this sentence or the one before ("Acme said ... The report found ...")."""
    if entity is None:
        return False
    if {_stem(w) for w in words} & {_stem(w) for w in entity.words}:
        return True
    return position - max(entity.spoke, entity.mentioned) <= 1


#: people who stand in a relation to someone without speaking for them: "his wife", "her critics"
RELATION_NOUNS = _KIN | frozenset("""friend friends colleague colleagues critic critics rival rivals opponent
opponents brothers sisters sons daughters parents family physician doctor biographer classmate classmates teacher
neighbor neighbors neighbour neighbours ex-wife ex-husband predecessor successor challenger challengers
detractors""".split())


def _someone_of_theirs(text: str) -> bool:
    """Whether a description is someone related to a person named by a possessive pronoun or
    name ("his wife", "her longtime friend", "their critics", "Roe's daughter"): another person,
    not the one the pronoun or name means, and not someone who speaks for them (as "his
    spokesman" does)."""
    words = text.lower().split()
    if len(words) < 2 or _strip_possessive(words[-1]) not in RELATION_NOUNS:
        return False
    return words[0] in {"his", "her", "their"} or bool(_owner(text))


def _owner(text: str) -> str:
    """The name a description opens with in the possessive ("Jane Roe" of "Jane Roe's lawyer",
    "Japan" of "Japan's central bank"), or ""."""
    written = text.split()
    for k, word in enumerate(written[:4]):
        if not word[:1].isupper():
            return ""
        if _strip_possessive(word) != word:
            if k + 1 == len(written) or _strip_possessive(word).lower() in _NOT_NAMES:
                return ""  # ("July's poll": a month's, no one's)
            return " ".join(written[:k] + [_strip_possessive(word)])
    return ""


def _plural_people(text: str, hint: str) -> bool:
    """Whether a description means several people ("the lawyers", "the Vermont senators",
    "those Democrats"), whom no one person stands for: its head is a plural noun that is not
    a body's staff ("the inspectors") nor an organisation's or a document's word."""
    words = _description_words(text)
    if not words or hint == "organisation":
        return False
    head = _head_word(words)
    if head in _GATHERINGS:
        return True  # "the crowd chanted": many people at once, not the person last named
    return head.endswith("s") and not head.endswith(("ss", "us", "is")) and len(head) > 3 \
        and not {head, head[:-1]} & (COLLECTIVE_BODY | ORG_DESCRIPTORS | ORG_WORDS | DOCUMENT_NOUNS)


#: nouns for people gathered to watch or listen, speaking (chanting, booing) as one
_GATHERINGS = frozenset({"crowd", "audience", "congregation"})


def _proper_modifier(text: str) -> str:
    """The capitalised words that modify a description's head: "Roe" in "the Roe campaign",
    "Acme Times" in "the Acme Times editorial board"; "" when there are none ("the
    campaign") or the description is one word."""
    words = text.split()
    if words and words[0].lower() in _DEFINITE_WORDS:
        words = words[1:]
    run: list[str] = []
    for word in words[:-1]:
        if word[:1].isupper():
            run.append(word)
        elif run:
            break
    # only the run's own possessive goes: "Roe's campaign" -> Roe, "the People's Daily newspaper"
    return " ".join(run[:-1] + [_strip_possessive(run[-1])]) if run else ""


#: lower-case words that open a phrase after a description's head noun
_AFTER_HEAD = frozenset({"of", "in", "at", "from", "on", "with", "for", "who", "across", "around", "among"})


def _head_word(words: list[str]) -> str:
    """A description's head noun: its last word before a phrase after it ("proponents" in
    "proponents of the harbour plan", "majorities" in "majorities in the three
    counties"), else its last word."""
    cut = next((k for k, w in enumerate(words) if k and w in _AFTER_HEAD), len(words))
    return words[cut - 1]


def _description_words(text: str) -> list[str]:
    """A description's words, lower case, without articles and possessive endings:
    "the ministry's spokesman" -> ["ministry", "spokesman"]."""
    return [_strip_possessive(w).lower() for w in text.split() if w.lower() not in {"the", "a", "an"}]


#: nouns for a news publication or broadcaster: "the daily", "the paper", "the network"
PUBLICATION_NOUNS = frozenset("""newspaper newspapers paper daily magazine tabloid broadsheet weekly journal network
broadcaster channel outlet publication newswire""".split())
#: words that make a name read as a news organisation's ("Lakeside Herald", "Dale Evening News")
NEWS_WORDS = frozenset("""news times post journal tribune herald gazette daily magazine press observer chronicle
mail mirror express courier echo weekly bulletin network radio television tv broadcasting media newspaper
telegraph guardian inquirer examiner dispatch sentinel ledger enquirer monitor wire""".split())


def _is_publication(words: list[str]) -> bool:
    """Whether a description (its :func:`_description_words`) means a news organisation:
    "the daily", "the paper", "the conservative-leaning newspaper", "the editorial board"."""
    return bool(words) and (words[-1] in PUBLICATION_NOUNS or "editorial" in words)


def _is_news_name(words: list[str]) -> bool:
    return bool(NEWS_WORDS & set(words))


def _describes_organisation(words: list[str], hint: str, text: str = "") -> bool:
    """Whether a description (its :func:`_description_words`; ``text`` as written) speaks for
    an organisation: the attribution's hint says so, its last word is an organisation's ("the
    ministry", "the airline"), a collective body ("police"), a document ("the report"), or its
    first word is an organisation's ("the council spokesperson"), unless that word is an
    adjective in lower case ("the independent senator")."""
    head = words[-1] if words else ""
    first_adjective = bool(words) and words[0] in _ADJECTIVE_ORG_WORDS and words[0] in text.split()  # lower case
    return hint == "organisation" or _is_publication(words) or head in ORG_DESCRIPTORS or head in ORG_WORDS \
        or head in COLLECTIVE_BODY or head in DOCUMENT_NOUNS or bool(words and words[0] in ORG_WORDS
                                                                      and not first_adjective)


def resolve_sources(texts: list[str], attributions: list[Attribution | None],
                    inherits: list[int | None]) -> list[Resolved]:
    """One :class:`Resolved` per sentence of an article.

    ``texts`` are the sentences with quotations masked (names are read from the
    outlet's words); ``attributions[i]`` is the sentence's own attribution or None;
    ``inherits[i]`` the earlier or later sentence whose speaker it takes (a quotation
    running on without attribution) or None.
    """
    sources = ArticleSources()
    out = _resolve_in_reading_order(sources, texts, attributions)
    # an organisation description before any organisation is named: the next one named
    for i, resolved in enumerate(out):
        if resolved is not None and resolved.resolution == "unresolved" and resolved.source_kind == "organisation":
            out[i] = _organisation_named_later(sources.entities, resolved.source, i, len(texts))
    # canonical names may have grown after a sentence was resolved ("Bondarev" then "Boris Bondarev")
    final = {alias: e.name for e in sources.entities for alias in e.aliases | {e.name.lower()}}
    result = []
    for i, resolved in enumerate(out):
        if resolved is None and inherits[i] is not None:
            resolved = out[inherits[i]]  # a quotation running on: its speaker's source
        result.append(_final_source(resolved, final))
    return result


def _resolve_in_reading_order(sources: ArticleSources, texts: list[str],
                              attributions: list[Attribution | None]) -> list[Resolved | None]:
    """Each attributed sentence's source as known when it is read (None for a sentence
    without attribution).  A sentence's names are registered after its speaker is
    resolved, except that a described speaker sees them first: in "Canadian miner X ...,
    the company said" the company is X."""
    out: list[Resolved | None] = [None] * len(texts)
    for i, (text, attribution) in enumerate(zip(texts, attributions)):
        if attribution is not None and attribution.kind == "description":
            sources.add_mentions(text, i)  # "Canadian miner X ..., the company said"
            if _person_description_after_clause(text, attribution):
                sources.note_subject(text, i)  # "Roe defends her record: '...,' the senator says"
        elif attribution is not None and _pronoun_after_conjunction(text, attribution):
            sources.add_mentions(text, i)  # "Texas Sen. Jane Roe is touting her win as she urges ..."
            sources.note_subject(text, i)
        elif attribution is not None and _no_speaker_for_pronoun(sources, attribution):
            sources.note_subject(text, i, register=True)  # "Former Sen. Jane Roe backed it at first, she said"
        if attribution is not None:
            out[i] = sources.resolve(attribution, i)
            sources.note_document(text, out[i], i)
        else:
            sources.note_pronoun_opening(text, i)  # before its names: "He was joined by Jane Roe."
        sources.add_mentions(text, i)
        sources.note_subject(text, i)
        if (attribution is None or attribution.verb == "ask") and " ask" in text:
            sources.note_asked(text, i)
    return out


#: words that join a second clause to the first: a pronoun after one has the first clause's subject
_CLAUSE_JOINS = frozenset({"as", "and", "but", "while", "because", "when", "after", "before", "since", "until",
                           "though", "although", "so", "where"})
#: marks that open a second clause of the sentence ("Roe seems unsure — he told reporters ...")
_CLAUSE_BREAKS = frozenset({"—", "–", ";", ":"})


def _pronoun_after_conjunction(text: str, attribution: Attribution) -> bool:
    """Whether "he" or "she" is the subject of a clause joined to the sentence's first one
    ("Roe is touting her win as she urges ...", "Roe spoke, and he said ...", "Roe, though she
    praised it, said ...", "Roe seems unsure — he told reporters ...", "Roe signed a letter that
    she said was forged"), or the tag of a quotation
    that a clause ending in a colon introduced ("Roe was blunt: '...,' she said"), so the
    sentence's own opening subject is likelier than anyone before it; not a tag after the words
    it reports ("The plan will fail, he said")."""
    if attribution.kind != "pronoun" or attribution.speaker.lower() not in {"he", "she"}:
        return False
    return _tag_after_clause(text, attribution, {"he", "she"})


def _person_description_after_clause(text: str, attribution: Attribution) -> bool:
    """Whether a definite description of a person ("the senator") is the subject of a clause
    joined to the sentence's first one, or the tag of a quotation a clause ending in a colon
    introduced ("Roe defends her record: '...,' the senator says"), as for "he" and "she"
    (:func:`_pronoun_after_conjunction`): the sentence's opening subject is then likelier than the
    last person who spoke."""
    words = _description_words(attribution.speaker)
    if not attribution.speaker.lower().startswith("the ") or not words \
            or _describes_organisation(words, attribution.hint, attribution.speaker):
        return False
    return _tag_after_clause(text, attribution, {"the"})


def _tag_after_clause(text: str, attribution: Attribution, openers: set[str]) -> bool:
    """Whether the tag's speaker, opening with one of ``openers``, follows a word joining a
    clause, a mark opening one or a quotation a colon introduced (:func:`_pronoun_after_conjunction`)."""
    if not attribution.tag:
        return False
    start, end = attribution.tag[0]
    tokens = _strip_dateline(tokenize(text))
    # the speaker itself (a tag may open with the word joining its clause: "though she")
    at = next((k for k in range(start, min(end, len(tokens))) if tokens[k].lower in openers), start)
    if not 2 <= at < len(tokens):
        return False
    # a time phrase may come between the joining word and the pronoun ("but late Saturday he said")
    before = tokens[_time_phrase_start(tokens, at) - 1]
    if before.lower in _CLAUSE_JOINS or before.text in _CLAUSE_BREAKS or attribution.rule == "gap":
        return True  # (a relative clause on the main clause: "Roe signed a letter that she said was forged")
    # '...: "<quotation>," she said': the clause before the colon introduced the quotation; so did one
    # before a comma when the sentence opens with it, no phrase put first ('Roe weighed in, telling
    # reporters, "...," he said', not 'Of Roe, "...," he said')
    quotation = at - 2 if before.text == "," else at - 1
    introduced = {":", ","} if tokens[0].lower not in _OPENERS else {":"}
    return quotation >= 2 and tokens[quotation].text == QUOTE_PLACEHOLDER and tokens[quotation - 1].text in introduced


def _no_speaker_for_pronoun(sources: ArticleSources, attribution: Attribution) -> bool:
    """Whether "he" or "she" has no person of a fitting gender who spoke or opened a clause
    before it: then the sentence's own subject ("Former Sen. Jane Roe backed the plan at
    first, she said") is likelier than the last person merely named."""
    if attribution.kind != "pronoun" or attribution.speaker.lower() not in {"he", "she"}:
        return False
    return sources._recent("person", "m" if attribution.speaker.lower() == "he" else "f") is None


def _organisation_named_later(entities: list[Entity], description: str, i: int, n: int) -> Resolved:
    """An organisation ``description`` of sentence ``i`` (of ``n``) that found no body when
    read: the organisation whose name holds a noun of it ("the ministry" before "Ministry of
    Health" is named), else, unless it is a specific body ("the union"), the first
    organisation to speak after it; else unresolved."""
    unresolved = Resolved("", "organisation", "unresolved")
    matching = _bodies_fitting(entities, description)
    if matching is None:
        return unresolved
    later = matching or [e for e in entities if e.kind == "organisation" and e.first_spoke > i]
    if not later:
        return unresolved
    first = min(later, key=lambda e: e.first_spoke if e.first_spoke > i else n)
    return Resolved(first.name, "organisation", "description")


def _bodies_fitting(entities: list[Entity], description: str) -> list[Entity] | None:
    """The organisations an organisation description fits by its words: news organisations
    for "the daily" (None when there are none), those whose names hold a noun of it ("the
    ministry"); when none do, None for a specific body ("the union", "the company") and []
    (any body) otherwise."""
    if _is_publication(_description_words(description)):
        news = [e for e in entities if e.kind == "organisation" and _is_news_name(e.words)]
        return news or None  # "the daily" with no news organisation named
    words = {_stem(_strip_possessive(w).lower()) for w in description.split()} - {"the"}
    matching = [e for e in entities if e.kind == "organisation" and words & {_stem(w) for w in e.words}]
    if not matching and words & (SPECIFIC_BODIES | BUSINESS_NOUNS):
        return None  # "the union" with no union named: left unresolved
    return matching


def _final_source(resolved: Resolved | None, final: dict[str, str]) -> Resolved:
    """A sentence's source under the entity's last canonical name ("Bondarev" resolved
    early is "Boris Bondarev" once the full name is read); an empty one for none."""
    if resolved is None:
        return Resolved("", "", "")
    if resolved.source and resolved.source_kind != "unnamed":
        return resolved._replace(source=final.get(resolved.source.lower(), resolved.source))
    return resolved
