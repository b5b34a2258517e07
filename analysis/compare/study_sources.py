"""Who gets a voice across a study: each outlet's sources over stories, and how much two outlets share.

Built on :func:`analysis.measures.sources.sources_table` (one row per article x
canonical source, with ``story_source`` linked across the story's articles).
Across stories the sources are linked the same way, by
:func:`analysis.measures.sources.link_story_sources` over the whole study (one
cluster per name: organisations by name, people by surname and a first name
within edit distance 2, or a bare surname): ``study_source`` is the spelling
carried by most sentences.  A bare surname links to the first fuller name of
that kind it meets, so two people who share a surname and are named by it alone
in different stories can be merged; the per-story overlap below does not use
this cross-story link.

Overlap of two outlets in a story: the Jaccard index (Jaccard 1912) of the sets of
``story_source`` names each outlet's articles in that story attributed speech to,
|A & B| / |A | B|; only stories where both outlets have an article and at least
one of them attributed something (two empty sets have no overlap to measure; an
outlet that quotes nobody where the other quotes someone overlaps 0).  Over
stories, as :mod:`analysis.compare.across_stories` does for outlet differences,
each story weighs the same: the mean Jaccard with a Student t interval over the
stories (``mean -/+ t(n-1, 0.975) * sd / sqrt(n)``, clipped to [0, 1]; none below two stories), which
speaks for other stories like these, not for these outlets' sourcing in general.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from ..measures.runner import StudyPass
from ..measures.sources import link_story_sources, sources_table
from ..text.corpus import Corpus
from .across_stories import INTERVALS, story_intervals
from .order import ordered_outlets

STUDY_SOURCE_COLUMNS = ["outlet", "study_source", "source_kind", "n_stories", "n_articles", "n_sentences",
                        "quoted_words", "n_outlets", "other_outlets", "status"]
STORY_OVERLAP_COLUMNS = ["outlet_a", "outlet_b", "story", "n_sources_a", "n_sources_b", "n_shared", "jaccard"]
OVERLAP_COLUMNS = ["outlet_a", "outlet_b", "n_stories", "mean_jaccard", "ci_low", "ci_high", "interval",
                   "n_stories_both", "note"]


class StudySources(NamedTuple):
    """The three tables of :func:`study_source_tables`."""

    sources: pd.DataFrame        # one row per outlet x study source (STUDY_SOURCE_COLUMNS)
    story_overlap: pd.DataFrame  # one row per pair of outlets x story (STORY_OVERLAP_COLUMNS)
    overlap: pd.DataFrame        # one row per pair of outlets (OVERLAP_COLUMNS)


def link_study_sources(sources: pd.DataFrame) -> pd.Series:
    """Study-level name of every row of a sources table: its sources linked across all stories
    (:func:`~analysis.measures.sources.link_story_sources` with the whole study as one story)."""
    if sources.empty:
        return pd.Series("", index=sources.index, dtype=object)
    return link_story_sources(sources.assign(story=""))


def outlet_sources(sources: pd.DataFrame, outlets: list[str] | None = None) -> pd.DataFrame:
    """One row per outlet x study source, from a :func:`~analysis.measures.sources.sources_table`.

    Columns: ``outlet``; ``study_source`` (linked across stories, :func:`link_study_sources`);
    ``source_kind``; ``n_stories``, ``n_articles`` (the outlet's stories and articles that
    attribute speech to it); ``n_sentences`` (attributed sentences); ``quoted_words``;
    ``n_outlets`` (outlets of the study that quoted it); ``other_outlets`` (the others, " | "
    between, in the outlet order); ``status`` ("shared" when another outlet quoted it too,
    in any story, else "exclusive"; "unnamed" for the unnamed sources, which cannot be matched).  Sorted by outlet (study order), then stories, sentences, name.
    """
    if sources.empty:
        return pd.DataFrame(columns=STUDY_SOURCE_COLUMNS)
    table = sources.assign(study_source=link_study_sources(sources))
    order = ordered_outlets(table["outlet"], outlets or [])
    grouped = table.groupby(["outlet", "study_source", "source_kind"], sort=False).agg(
        n_stories=("story", "nunique"), n_articles=("article_id", "nunique"), n_sentences=("n_sentences", "sum"),
        quoted_words=("quoted_words", "sum")).reset_index()
    quoting = table.groupby("study_source")["outlet"].agg(lambda s: set(s))
    grouped["n_outlets"] = grouped["study_source"].map(lambda n: len(quoting[n]))
    grouped["other_outlets"] = [" | ".join(o for o in order if o in quoting[n] and o != outlet)
                                for outlet, n in zip(grouped["outlet"], grouped["study_source"])]
    grouped["status"] = np.where(grouped["n_outlets"] > 1, "shared", "exclusive")
    # every unnamed source carries the one name "unnamed": not one source, so neither shared nor exclusive
    grouped.loc[grouped["source_kind"] == "unnamed", ["n_outlets", "other_outlets", "status"]] = [0, "", "unnamed"]
    grouped["_rank"] = grouped["outlet"].map({o: i for i, o in enumerate(order)})
    grouped = grouped.sort_values(["_rank", "n_stories", "n_sentences", "study_source"],
                                  ascending=[True, False, False, True], kind="stable")
    return grouped[STUDY_SOURCE_COLUMNS].reset_index(drop=True)


def story_overlap(sources: pd.DataFrame, articles: pd.DataFrame, outlets: list[str] | None = None) -> pd.DataFrame:
    """Per pair of outlets (first earlier in the outlet order) and story both covered: the Jaccard
    index of the ``story_source`` sets their articles attributed speech to (named sources:
    people and organisations; unnamed ones cannot be matched).

    ``articles`` has ``story`` and ``outlet`` (which outlet covered which story, whether or not it
    quoted anyone).  Columns: ``outlet_a``, ``outlet_b``, ``story``, ``n_sources_a``,
    ``n_sources_b``, ``n_shared``, ``jaccard`` (NaN when neither quoted anyone).
    """
    order = ordered_outlets(articles["outlet"], outlets or [])
    named = sources[sources["source_kind"] != "unnamed"]      # "unnamed" is many sources under one name
    names = {key: set(group["story_source"]) for key, group in named.groupby(["story", "outlet"], sort=False)}
    covered = articles.groupby("story", sort=False)["outlet"].agg(lambda s: set(s))
    rows = []
    for i, a in enumerate(order):
        for b in order[i + 1:]:
            for story, present in covered.items():
                if a not in present or b not in present:
                    continue
                set_a, set_b = names.get((story, a), set()), names.get((story, b), set())
                union = set_a | set_b
                rows.append((a, b, story, len(set_a), len(set_b), len(set_a & set_b),
                             len(set_a & set_b) / len(union) if union else float("nan")))
    return pd.DataFrame(rows, columns=STORY_OVERLAP_COLUMNS)


def overlap_summary(per_story: pd.DataFrame, outlets: list[str] | None = None) -> pd.DataFrame:
    """Per pair of outlets: the mean Jaccard over the stories where it is defined, with a
    Student t interval over those stories.

    Columns: ``outlet_a``, ``outlet_b``, ``n_stories`` (stories with a Jaccard),
    ``mean_jaccard``, ``ci_low``, ``ci_high``, ``interval``, ``n_stories_both`` (stories
    both covered, with or without a source), ``note``.
    """
    rows = []
    for (a, b), group in per_story.groupby(["outlet_a", "outlet_b"], sort=False):
        values = group["jaccard"].dropna().to_numpy(float)
        n = len(values)
        low, high = story_intervals(values, ("study-sources", a, b), methods=("t",))["t"] if n else (np.nan, np.nan)
        low, high = max(low, 0.0), min(high, 1.0)    # NaN stays NaN: max/min keep their first argument
        note = ("no story where either quoted anyone" if n == 0 else
                "one story: no interval" if n == 1 else
                f"only {n} stories: the interval is rough" if n < 10 else "")
        rows.append((a, b, n, float(values.mean()) if n else np.nan, low, high,
                     INTERVALS["t"].replace("story differences", "story Jaccard indices"), len(group), note))
    return pd.DataFrame(rows, columns=OVERLAP_COLUMNS)


def study_source_tables(corpus: "Corpus | StudyPass", outlets: list[str] | None = None) -> StudySources:
    """:func:`outlet_sources`, :func:`story_overlap` and :func:`overlap_summary` of a study
    (every story of the data folder), from one sources table: of a loaded corpus
    (``load_corpus(data_dir)``) or of the streamed pass (:func:`analysis.measures.runner.study_pass`,
    whose source rows and article list give the same tables without holding the study's sentences)."""
    if isinstance(corpus, Corpus):
        sources, articles = sources_table(corpus), corpus.articles
    else:
        sources, articles = corpus.sources, corpus.terms.articles
    per_story = story_overlap(sources, articles, outlets)
    return StudySources(outlet_sources(sources, outlets), per_story, overlap_summary(per_story, outlets))
