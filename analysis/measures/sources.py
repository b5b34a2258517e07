"""Who gets a voice: sources per article and per story, and how much each one says.

Built on the ``source``, ``source_kind`` and ``speaker_resolution`` columns of
``Corpus.sentences`` (see :mod:`analysis.text.sources` for how speakers are
resolved within an article).  Across the articles of a story, sources are linked
by name: organisations by the same name (case and apostrophe style ignored);
people by the same surname and a first name equal, a usual nickname ("Bob Roe"
and "Robert Roe") or within Levenshtein distance 2 ("Hiller Neuer" and "Hillel
Neuer"), or a bare surname; middle initials, "Jr." and roles before the name are
ignored (:func:`same_source`).  The story
name of a linked source is the spelling carried by most sentences (ties: the
longer, then the alphabetically first).

Counts: ``n_direct`` are quotation and mixed sentences, ``n_reported`` reported
speech; ``quoted_words`` are alphabetic tokens inside quotation marks in the
source's sentences; ``quoted_share`` divides them by all quoted words of the
article's body (so unattributed quotations keep the rest).
"""
from __future__ import annotations

import csv
import functools
import sys
from importlib import resources

import pandas as pd

from ..text.corpus import Corpus

SOURCE_COLUMNS = ["story", "article_id", "outlet", "source", "story_source", "source_kind", "n_direct",
                  "n_reported", "n_sentences", "quoted_words", "quoted_share", "first_position",
                  "surface_forms", "resolutions"]
STORY_SOURCE_COLUMNS = ["story", "story_source", "source_kind", "outlet", "article_id", "n_sentences",
                        "quoted_words", "quoted_share", "n_outlets", "status"]
KIND_SHARE_COLUMNS = ["story", "article_id", "outlet", "source_kind", "quoted_words", "quoted_share"]
#: kinds of source in the per-article share of quoted words; quotations with no
#: resolved source are "unattributed"
SHARE_KINDS = ("person", "organisation", "unnamed", "unattributed")


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions; Levenshtein 1966)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _key(name: str) -> str:
    return name.lower().replace("’", "'")


@functools.lru_cache(maxsize=1)
def nicknames() -> dict[str, frozenset[str]]:
    """Each first name and its usual short forms, as one set per name
    (``analysis/text/data/nicknames.csv``: "robert" -> {"robert", "bob", "rob", ...})."""
    groups: dict[str, set[str]] = {}
    with resources.files("analysis.text").joinpath("data/nicknames.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            group = {row["name"], *row["nicknames"].split("|")}
            for name in group:
                groups.setdefault(name, set()).update(group)
    return {name: frozenset(group) for name, group in groups.items()}


_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _person_words(name: str) -> list[str]:
    """A person's name as lower-case words without suffixes ("Jr.") or initials ("P.")."""
    words = [w.rstrip(".,") for w in _key(name).split()]
    words = [w for w in words if w and w not in _NAME_SUFFIXES]
    return [w for k, w in enumerate(words) if len(w) > 1 or k == len(words) - 1]


def _within_two(a: str, b: str, edits: int = 2) -> bool:
    """Whether ``levenshtein(a, b) <= edits``, sooner: a common first letter does not change the
    distance, and after a different one the distance is 1 + the least of the three rests (the
    letter substituted, dropped from ``a`` or dropped from ``b``), so at most 13 comparisons of
    rests for 2 edits instead of the whole table."""
    if abs(len(a) - len(b)) > edits:
        return False
    if a == b:
        return True
    if edits == 0:
        return False
    start, shorter = 0, min(len(a), len(b))
    while start < shorter and a[start] == b[start]:
        start += 1
    if start == shorter:  # one is the other and a tail of at most ``edits`` letters
        return True
    a, b = a[start:], b[start:]
    return (_within_two(a[1:], b[1:], edits - 1) or _within_two(a[1:], b, edits - 1)
            or _within_two(a, b[1:], edits - 1))


def _letters(word: str) -> int:
    """The letters of a word as bits (a letter's code modulo 64).  An edit changes at most two bits
    (a substitution drops one letter and adds another), so words within edit distance 2 differ in
    at most 4 bits, whichever letters share a bit."""
    bits = 0
    for letter in word:
        bits |= 1 << (ord(letter) & 63)
    return bits


def _same_first_name(a: str, b: str) -> bool:
    if a == b or b in nicknames().get(a, ()):
        return True
    return levenshtein(a, b) <= 2 and a[:1] == b[:1] and min(len(a), len(b)) > 3


def same_source(a: str, b: str, kind: str) -> bool:
    """Whether two canonical names from different articles name the same source.

    People: the same surname and either a bare surname or first names that agree
    (equal, a usual nickname: "Bob" and "Robert", or a spelling within edit distance
    2 with the same initial); middle initials and "Jr." are ignored, and the first
    name is the word before the surname, so a role left before it ("Review Editor
    Robert Roe") does not count."""
    if _key(a) == _key(b):
        return True
    if kind != "person":
        return False
    wa, wb = _person_words(a), _person_words(b)
    if not wa or not wb or wa[-1] != wb[-1]:
        return False
    if len(wa) == 1 or len(wb) == 1:
        return True
    return _same_first_name(wa[-2], wb[-2])


def _sentence_words(corpus: Corpus) -> pd.DataFrame:
    tokens = corpus.tokens[corpus.tokens["is_alpha"]]
    quoted = tokens[tokens["quoted"]].groupby("sentence_id").size()
    sentences = corpus.sentences.copy()
    sentences["quoted_words"] = sentences["sentence_id"].map(quoted).fillna(0).astype(int)
    return sentences


def link_story_sources(table: pd.DataFrame) -> pd.Series:
    """Story-level name of every (article, source) row of a sources table.

    Within a story and kind, rows are taken by weight (most attributed sentences first, then by
    name) and each joins the first cluster (in the order clusters were opened) holding a name
    that :func:`same_source` matches, or opens one; each cluster is named by its heaviest name
    (then the longest, then alphabetically).  Linear in the rows (:func:`cluster_names`)."""
    names = pd.Series("", index=table.index, dtype=object)
    for (_, kind), group in table.groupby(["story", "source_kind"], sort=True):
        ordered = group.sort_values(["n_sentences", "source"], ascending=[False, True])
        sources = ordered["source"].tolist()
        clusters = cluster_names(sources, kind)
        weight: dict[int, dict[str, int]] = {}
        for cluster, source, n in zip(clusters, sources, ordered["n_sentences"].astype(int).tolist()):
            weight.setdefault(cluster, {})
            weight[cluster][source] = weight[cluster].get(source, 0) + n
        best = {c: sorted(w, key=lambda name: (-w[name], -len(name), name))[0] for c, w in weight.items()}
        names.loc[ordered.index] = [best[c] for c in clusters]
    return names


def cluster_names(sources: list[str], kind: str) -> list[int]:
    """The cluster of each name, in order: the first earlier cluster (lowest number) holding a name
    :func:`same_source` matches, else a new one.

    :func:`same_source` of two names depends only on their :func:`_key`; for other kinds than
    people it is the equality of keys, so each key keeps the cluster it opened.  For people whose
    name has words it depends only on the surname and the first name (None for a bare surname):
    the same surname and a bare surname on either side, or first names that
    :func:`_same_first_name` accepts (equal, a nickname, or within edit distance 2 with the same
    initial and both longer than 3 letters).  So names fall into groups (surname, first name) that
    match as a whole, and since a name joins the lowest cluster of any name it matches, only the
    lowest cluster of each group matters (:class:`_PersonGroup`).  A new first name is compared
    only with the first names of its surname that can match it: its nicknames, and names of the
    same initial, longer than 3 letters, within 2 letters of its length and with at most 4
    letters not shared (:func:`_letters`), through a quick exact check of the distance
    (:func:`_within_two`) before the definition.  The groups it matches are kept as its
    neighbours, and each group keeps the lowest cluster of itself and its neighbours (``best``,
    passed on to the neighbours when a group's own lowest cluster falls, which is rare).  So a
    name seen before costs a few look-ups, and memory holds the distinct names, groups and
    matching pairs of first names, never the pairs compared.  Comparing every earlier name was
    quadratic (a study of 10,000 articles links about 100,000 rows as one "story"), and so was
    comparing every name of a surname, with a verdict kept for each pair, as a study's surnames
    repeat across its stories (the first names of a surname still grow with a study, and so do
    the candidates of a new one; ``scripts/benchmark_linking.py`` measures it)."""
    if kind != "person":
        opened: dict[str, int] = {}
        return [opened.setdefault(key, len(opened)) for key in map(_key, sources)]
    return _PersonLinker().clusters(sources)


class _PersonGroup:
    """Names of people that :func:`same_source` matches as one: a surname and first name (``first``
    None for a bare surname), or, for a name without words, its key (``surname`` None).
    ``low`` is the lowest cluster holding one of its names; ``neighbours`` are the other groups of
    its surname whose first names :func:`_same_first_name` accepts, and ``best`` the lowest of
    ``low`` and theirs."""

    __slots__ = ("surname", "first", "low", "best", "neighbours")

    def __init__(self, surname: str | None, first: str | None) -> None:
        self.surname, self.first, self.low, self.best = surname, first, _NO_CLUSTER, _NO_CLUSTER
        self.neighbours: list[_PersonGroup] = []


_NO_CLUSTER = sys.maxsize


class _PersonLinker:
    """The state of :func:`cluster_names` for people (see there)."""

    def __init__(self) -> None:
        self.group_of: dict[str, _PersonGroup] = {}  # each distinct name -> its group
        self.groups: dict[tuple[str, str | None, str | None], _PersonGroup] = {}
        self.surnames: dict[str, list] = {}  # surname -> [lowest cluster of its names, its bare group or None]
        # (surname, initial, length) -> (letters, group) of the first names longer than 3 letters
        self.shapes: dict[tuple[str, str, int], list[tuple[int, _PersonGroup]]] = {}

    def clusters(self, sources: list[str]) -> list[int]:
        out = []
        opened = 0
        for source in sources:
            group = self.group_of.get(source)
            if group is None:
                group = self.group_of[source] = self._group(source)
            surname = self.surnames.get(group.surname) if group.surname is not None else None
            if surname is None:  # a name without words: its key only
                found = group.low
            elif group.first is None:  # a bare surname: every name of the surname
                found = surname[0]
            else:
                found = group.best
                if surname[1] is not None and surname[1].low < found:
                    found = surname[1].low
            if found == _NO_CLUSTER:
                found, opened = opened, opened + 1
            out.append(found)
            if found < group.low:
                group.low = found
                if found < group.best:
                    group.best = found
                for other in group.neighbours:
                    if found < other.best:
                        other.best = found
            if surname is not None and found < surname[0]:
                surname[0] = found
        return out

    def _group(self, source: str) -> _PersonGroup:
        words = _person_words(source)
        if not words:
            ident = (_key(source), None, None)
        else:
            ident = (None, words[-1], words[-2] if len(words) > 1 else None)
        group = self.groups.get(ident)
        if group is not None:
            return group
        _, surname, first = ident
        group = self.groups[ident] = _PersonGroup(surname, first)
        if surname is None:
            return group
        record = self.surnames.setdefault(surname, [_NO_CLUSTER, None])
        if first is None:
            record[1] = group
            return group
        candidates = [self.groups.get((None, surname, name)) for name in nicknames().get(first, ())]
        nicknamed = len(candidates)
        if len(first) > 3:
            letters = _letters(first)
            for length in range(len(first) - 2, len(first) + 3):
                for other_letters, other in self.shapes.get((surname, first[0], length), ()):
                    if (letters ^ other_letters).bit_count() <= 4:
                        candidates.append(other)
            self.shapes.setdefault((surname, first[0], len(first)), []).append((letters, group))
        seen: set[int] = set()
        for k, other in enumerate(candidates):
            if other is None or other is group or id(other) in seen:
                continue
            if k >= nicknamed and not _within_two(first, other.first):
                continue  # not a nickname, and too far apart for a spelling of the same name
            seen.add(id(other))
            if _same_first_name(first, other.first):
                group.neighbours.append(other)
                other.neighbours.append(group)
                if other.low < group.best:
                    group.best = other.low
        return group


def sources_table(corpus: Corpus) -> pd.DataFrame:
    """One row per article x canonical source.

    Columns: ``story``, ``article_id``, ``outlet``, ``source`` (canonical within the
    article), ``story_source`` (linked across the story's articles), ``source_kind``
    (person, organisation, unnamed), ``n_direct`` (quotation and mixed sentences),
    ``n_reported``, ``n_sentences``, ``quoted_words``, ``quoted_share`` (of the
    article's quoted words), ``first_position`` (relative position 0-1 of its first
    sentence), ``surface_forms`` and ``resolutions`` (distinct, " | " between, in
    order of appearance).
    """
    sentences = _sentence_words(corpus)
    total_quoted = sentences.groupby("article_id")["quoted_words"].sum()
    attributed = sentences[(sentences["source"] != "") & (sentences["voice"] != "narration")]
    rows = []
    for (article_id, source), group in attributed.groupby(["article_id", "source"], sort=False):
        first = group.iloc[0]
        quoted = int(group["quoted_words"].sum())
        rows.append({
            "story": first["story"], "article_id": article_id, "outlet": first["outlet"], "source": source,
            "story_source": "", "source_kind": first["source_kind"],
            "n_direct": int(group["voice"].isin(["quotation", "mixed"]).sum()),
            "n_reported": int((group["voice"] == "reported").sum()), "n_sentences": len(group),
            "quoted_words": quoted,
            "quoted_share": quoted / total_quoted[article_id] if total_quoted[article_id] else 0.0,
            "first_position": float(group["relative_position"].min()),
            "surface_forms": " | ".join(dict.fromkeys(s for s in group["speaker"] if s)),
            "resolutions": " | ".join(dict.fromkeys(r for r in group["speaker_resolution"] if r)),
        })
    table = pd.DataFrame(rows, columns=SOURCE_COLUMNS)
    if len(table):
        table["story_source"] = link_story_sources(table)
        table = table.sort_values(["story", "article_id", "first_position"], kind="stable")
    return table.reset_index(drop=True)


def story_sources(corpus: Corpus) -> pd.DataFrame:
    """Which sources each outlet of a story used, shared or exclusive, with their weight.

    One row per story x linked source x article that used it.  Columns: ``story``,
    ``story_source``, ``source_kind``, ``outlet``, ``article_id``, ``n_sentences``,
    ``quoted_words``, ``quoted_share`` (of that article's quoted words),
    ``n_outlets`` (outlets of the story that used it), ``status`` ("shared" when
    more than one outlet used it, else "exclusive").
    """
    table = sources_table(corpus)
    if table.empty:
        return pd.DataFrame(columns=STORY_SOURCE_COLUMNS)
    grouped = table.groupby(["story", "story_source", "source_kind", "outlet", "article_id"], sort=False).agg(
        n_sentences=("n_sentences", "sum"), quoted_words=("quoted_words", "sum"),
        quoted_share=("quoted_share", "sum")).reset_index()
    grouped["n_outlets"] = grouped.groupby(["story", "story_source"])["outlet"].transform("nunique")
    grouped["status"] = grouped["n_outlets"].map(lambda n: "shared" if n > 1 else "exclusive")
    grouped = grouped.sort_values(["story", "n_outlets", "story_source", "outlet"], ascending=[True, False, True, True],
                                  kind="stable")
    return grouped[STORY_SOURCE_COLUMNS].reset_index(drop=True)


def source_kind_shares(corpus: Corpus) -> pd.DataFrame:
    """Per article, the share of its quoted words given to each kind of source.

    One row per article x kind (person, organisation, unnamed, unattributed):
    ``story``, ``article_id``, ``outlet``, ``source_kind``, ``quoted_words``,
    ``quoted_share`` (NaN for an article that quotes nothing).  Comparable across
    stories: a per-article metric, unlike the names themselves.
    """
    sentences = _sentence_words(corpus)
    sentences["kind"] = sentences["source_kind"].where(sentences["source"] != "", "unattributed")
    sentences.loc[sentences["kind"] == "", "kind"] = "unattributed"
    rows = []
    for article in corpus.articles.itertuples(index=False):
        mine = sentences[sentences["article_id"] == article.article_id]
        total = int(mine["quoted_words"].sum())
        for kind in SHARE_KINDS:
            words = int(mine.loc[mine["kind"] == kind, "quoted_words"].sum())
            rows.append((article.story, article.article_id, article.outlet, kind, words,
                         words / total if total else float("nan")))
    return pd.DataFrame(rows, columns=KIND_SHARE_COLUMNS)
