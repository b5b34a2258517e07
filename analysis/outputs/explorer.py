"""Interactive, offline explorer: one self-contained HTML file per study.

Two linked views drawn with Vega-Lite (through Altair), whose JavaScript
(vega, vega-lite, vega-embed, from ``vl-convert-python``) is written inline into
the page, so the file opens with the network off and can be emailed:

* **Term explorer** (:func:`term_explorer`): each term a point per outlet, its
  frequency in that outlet (per 1,000 terms) against its distinctiveness (the
  weighted log-odds z-score of Monroe, Colaresi & Quinn 2008, from
  :func:`analysis.measures.wording.distinctive_terms`, each outlet's articles
  pooled against the other outlets of the story).  Hovering shows the counts;
  clicking a point (or choosing the term in the drop-down) lists its
  keyword-in-context lines from every outlet, with voice and speaker.
* **Sentence browser** (:func:`sentence_browser`): every body sentence, filtered
  by outlet, voice, speaker, VADER compound sentiment, Flesch-Kincaid grade and
  text, with the filtered sentences listed in full.

Beyond what a browser shows comfortably, the data are cut to fixed budgets
(:data:`BUDGET`) and the page says what was cut, so a page stays within a few
megabytes whatever the size of the study:

* at most ``terms`` distinct terms over the page, shared out between its stories;
* keyword-in-context lines taken in turn (every term and outlet's first line, then
  every second line...) up to ``lines`` lines from at most ``kwic_sentences`` sentences;
* at most ``sentences`` sentences in the sentence browser: a seeded random sample
  stratified by story and outlet (the same number from each where they have enough);
* the whole-folder page analyses at most ``stories`` stories (a seeded random choice)
  and ``articles`` articles, an even share of each story (taken in turn from each
  outlet), so it never holds the whole corpus in memory; a story's own page holds
  all of that story and reads nothing else.

The data sit once in the page, as columns, in one JSON block the charts read by name
(no copy per chart, and no plotting-library row limit).  Every data string is
escaped for the HTML script element it sits in, and a Content-Security-Policy
allows only the page's own two scripts (by their SHA-256 hashes) and no network:
the page is safe to share whatever the articles contain.  The same
input gives the same bytes: parameters and views are named, floats rounded,
sampling seeded.
"""
from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
import html
import json
import re
import textwrap
import warnings
from pathlib import Path
from typing import NamedTuple

import altair as alt
import numpy as np
import pandas as pd

from ..config import REPORTS_DIR, resolve_data_dir
from ..ingest.duplicates import analysed_manifest
from ..measures.readability import sentence_readability
from ..measures.sentiment import sentence_sentiment
from ..measures.wording import distinctive_terms
from ..text.corpus import Corpus, load_corpus, process_article
from ..progress import progress as progress_lines
from .atomic import prepare_out_dir, remove_empty, write_file
from .plots import outlet_colours

EXPLORER_DIR = REPORTS_DIR / "explorer"
CONTEXT_CHARS = 60
WRAP_CHARS = 110
ALL = "(all)"
# re-run the layout when a filter changes how many lines a list holds
RESIZE = alt.AutoSizeParams(type="pad", resize=True)
SEED = 20220523  # every sample of the page: the same study gives the same page


class Budget(NamedTuple):
    """How much of a study one page carries; the page says when a limit was reached."""

    terms: int = 1000            # distinct terms over the whole page (each one point per outlet)
    lines_per_term_outlet: int = 20  # keyword-in-context lines per term and outlet
    lines: int = 40000           # keyword-in-context lines over the whole page
    kwic_sentences: int = 8000   # distinct sentences those lines come from
    sentences: int = 4000        # sentences in the sentence browser (stratified seeded sample beyond)
    speakers: int = 60           # speakers offered in the speaker filter (most frequent)
    list_lines: int = 400        # text lines drawn in the sentence list at once
    stories: int = 40            # stories on the whole-folder page (seeded random choice beyond)
    articles: int = 600          # articles on the whole-folder page (an even share per story, in turn by outlet)


BUDGET = Budget()


# ---------------------------------------------------------------- tables

def outlet_corpus(corpus: Corpus) -> Corpus:
    """The corpus with each outlet's articles of a story pooled into one pseudo-article.

    ``article_id`` becomes ``"<story> / <outlet>"``, so
    :func:`~analysis.measures.wording.distinctive_terms` scores each outlet
    against the other outlets of its story, however many articles each has.
    """
    key = corpus.articles["story"].astype(str) + " / " + corpus.articles["outlet"].astype(str)
    mapping = dict(zip(corpus.articles["article_id"], key))
    articles = (corpus.articles.assign(article_id=key)
                .drop_duplicates("article_id").reset_index(drop=True))
    tokens = corpus.tokens.assign(article_id=corpus.tokens["article_id"].map(mapping))
    return dataclasses.replace(corpus, articles=articles, tokens=tokens)


def _story_budgets(corpus: Corpus, budget: Budget) -> dict[str, int]:
    # an even share each, so the page never holds more than budget.terms terms
    names = list(dict.fromkeys(corpus.articles["story"]))
    return {s: max(1, budget.terms // max(len(names), 1)) for s in names}


def stratified_sample(frame: pd.DataFrame, by: list[str], n: int, seed: int = SEED) -> pd.DataFrame:
    """``n`` rows of ``frame`` (all of them if it has no more), the same number from each group of ``by``.

    Each group's rows are shuffled with a seeded generator and the groups give rows
    in turn (every group's first, then every group's second...), so a small outlet
    or story is as present as a large one until it runs out.  Rows keep their order.
    """
    if len(frame) <= n:
        return frame
    shuffle = np.random.RandomState(seed).permutation(len(frame))
    ranked = frame.assign(_shuffle=shuffle).sort_values("_shuffle", kind="stable")
    ranked = ranked.assign(_turn=ranked.groupby(by, sort=False).cumcount())
    chosen = ranked.sort_values(["_turn", "_shuffle"], kind="stable").index[:n]
    return frame.loc[sorted(chosen, key=frame.index.get_loc)]


def explorer_terms(corpus: Corpus, budget: Budget = BUDGET) -> pd.DataFrame:
    """Terms shown in the term explorer, one row per story x outlet x term.

    Columns: ``story``, ``outlet``, ``term``, ``count``, ``count_rest``,
    ``per_1000``, ``z``, ``g2``, ``log_ratio`` (from ``distinctive_terms`` on
    :func:`outlet_corpus`), ``story_count`` (the term's count over the story) and
    ``n_terms_story`` (the story's vocabulary before any cut).  When a story has
    more terms than its share of ``budget.terms``, the most distinctive terms of
    each outlet (by z) and the most frequent of the story are kept, in turn.
    """
    terms = distinctive_terms(outlet_corpus(corpus), min_count=1)
    columns = ["story", "outlet", "term", "count", "count_rest", "per_1000", "z", "g2", "log_ratio",
               "story_count", "n_terms_story"]
    if terms.empty:
        return pd.DataFrame(columns=columns)
    terms = terms.assign(story_count=terms["count"] + terms["count_rest"])
    kept = []
    for story, group in terms.groupby("story", sort=False):
        vocab = group.drop_duplicates("term")
        limit = _story_budgets(corpus, budget)[story]
        chosen: dict[str, None] = {}
        if len(vocab) <= limit:
            chosen = dict.fromkeys(sorted(vocab["term"]))
        else:
            # round-robin: each outlet's next most distinctive term, then the story's next most frequent
            rankings = [g.sort_values(["z", "term"], ascending=[False, True], kind="stable")["term"].tolist()
                        for _, g in group.groupby("outlet", sort=False)]
            rankings.append(vocab.sort_values(["story_count", "term"], ascending=[False, True],
                                              kind="stable")["term"].tolist())
            cursors = [iter(r) for r in rankings]
            while len(chosen) < limit:
                progressed = False
                for cursor in cursors:
                    for term in cursor:
                        if term not in chosen:
                            chosen[term] = None
                            progressed = True
                            break
                    if len(chosen) >= limit:
                        break
                if not progressed:
                    break
        part = group[group["term"].isin(chosen)].assign(n_terms_story=len(vocab))
        kept.append(part)
    return pd.concat(kept, ignore_index=True)[columns]


def term_lines(corpus: Corpus, terms: pd.DataFrame, budget: Budget = BUDGET) -> pd.DataFrame:
    """Keyword-in-context lines of the explorer's terms, one row per occurrence.

    An occurrence is a body token whose lower-cased form is the term (the
    tokens that ``distinctive_terms`` counts).  Columns: ``story``, ``term``,
    ``outlet``, ``article_id``, ``sentence_id``, ``voice``, ``speaker``,
    ``start``, ``end`` (of the match in the sentence text),
    ``left``, ``match``, ``right`` (``CONTEXT_CHARS`` either side), ``text``
    (the whole sentence), ``order`` (rank of the sentence: outlets and articles in manifest order,
    then position),
    ``n_lines`` (occurrences of the term in that outlet before the cut).
    At most ``budget.lines_per_term_outlet`` lines per term and outlet, the first ones; beyond
    ``budget.lines`` lines or ``budget.kwic_sentences`` distinct sentences, lines are kept in
    turn (each term and outlet's first line, then each one's second...) up to the budget.
    """
    columns = ["story", "term", "outlet", "article_id", "sentence_id", "voice", "speaker", "start", "end",
               "left", "match", "right", "text", "order", "n_lines"]
    if terms.empty:
        return pd.DataFrame(columns=columns)
    tokens = corpus.tokens[corpus.tokens["is_alpha"]]
    wanted = terms[["story", "term"]].drop_duplicates()
    hits = tokens.merge(wanted, left_on=["story", "lower"], right_on=["story", "term"])
    sentences = corpus.sentences.set_index("sentence_id")
    hits = hits.join(sentences[["start", "voice", "speaker", "text"]].rename(
        columns={"start": "s_start", "voice": "s_voice"}), on="sentence_id")
    outlet_rank = {o: i for i, o in enumerate(dict.fromkeys(corpus.articles["outlet"]))}
    article_rank = {a: i for i, a in enumerate(corpus.articles["article_id"])}
    ranked = corpus.sentences.assign(o_rank=corpus.sentences["outlet"].map(outlet_rank),
                                     a_rank=corpus.sentences["article_id"].map(article_rank)).sort_values(
        ["o_rank", "a_rank", "start"], kind="stable")
    sentence_rank = dict(zip(ranked["sentence_id"], range(len(ranked))))
    hits = hits.assign(o_rank=hits["outlet"].map(outlet_rank), a_rank=hits["article_id"].map(article_rank),
                       s_rank=hits["sentence_id"].map(sentence_rank))
    hits = hits.sort_values(["story", "term", "o_rank", "a_rank", "start"], kind="stable")
    hits["n_lines"] = hits.groupby(["story", "term", "outlet"])["start"].transform("size")
    turn = hits.groupby(["story", "term", "outlet"]).cumcount()
    hits = hits[turn < budget.lines_per_term_outlet].assign(_turn=turn)
    # in turn: every term and outlet's first line, then every one's second..., while both budgets hold
    by_turn = hits.sort_values("_turn", kind="stable")
    new_sentence = ~by_turn["sentence_id"].duplicated()
    fits = (np.arange(1, len(by_turn) + 1) <= budget.lines) & (new_sentence.cumsum() <= budget.kwic_sentences)
    keep = int(np.argmin(fits)) if not fits.all() else len(by_turn)
    hits = hits.loc[hits.index.isin(by_turn.index[:keep])]
    rows = []
    for h in hits.itertuples(index=False):
        a, b = h.start - h.s_start, h.end - h.s_start
        left = h.text[max(0, a - CONTEXT_CHARS):a]
        right = h.text[b:b + CONTEXT_CHARS]
        rows.append((h.story, h.term, h.outlet, h.article_id, h.sentence_id, h.s_voice, h.speaker or "", a, b,
                     ("…" if a > CONTEXT_CHARS else "") + left, h.text[a:b],
                     right + ("…" if len(h.text) - b > CONTEXT_CHARS else ""), h.text,
                     int(h.s_rank), int(h.n_lines)))
    return pd.DataFrame(rows, columns=columns)


def explorer_sentences(corpus: Corpus, budget: Budget = BUDGET) -> pd.DataFrame:
    """Sentences of the sentence browser, one row per body sentence (beyond the budget, a seeded sample
    stratified by story and outlet: :func:`stratified_sample`).

    Columns: ``story``, ``outlet``, ``article_id``, ``sentence_id``, ``position``,
    ``voice``, ``speaker``, ``compound`` (VADER), ``grade`` (Flesch-Kincaid grade
    of the sentence), ``order``, ``lines`` (the header line, then the sentence wrapped at
    ``WRAP_CHARS``), ``n_total`` (sentences in the study before sampling).
    """
    columns = ["story", "outlet", "article_id", "sentence_id", "position", "voice", "speaker", "compound",
               "grade", "order", "lines", "n_total"]
    s = corpus.sentences
    if s.empty:
        return pd.DataFrame(columns=columns)
    n_total = len(s)
    # same seed every time: the same sample for the same study; every story and outlet present
    s = stratified_sample(s, ["story", "outlet"], budget.sentences)
    sub = dataclasses.replace(corpus, sentences=s)
    sentiment = sentence_sentiment(sub).set_index("sentence_id")["compound"]
    grade = sentence_readability(sub).set_index("sentence_id")["flesch_kincaid_grade"]
    rows = []
    for order, r in enumerate(s.itertuples(index=False)):
        c, g = float(sentiment[r.sentence_id]), float(grade[r.sentence_id])
        header = " · ".join(x for x in (r.outlet, r.voice, r.speaker or "", f"sentiment {c:+.2f}",
                                        f"grade {g:.1f}") if x)
        lines = [header] + textwrap.wrap(r.text, WRAP_CHARS, break_long_words=False, break_on_hyphens=False)
        rows.append((r.story, r.outlet, r.article_id, r.sentence_id, int(r.position), r.voice, r.speaker or "",
                     round(c, 4), round(g, 2), order, lines, n_total))
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------- charts

def _colour_scale(corpus: Corpus) -> alt.Scale:
    colours = outlet_colours(corpus.articles["outlet"])
    return alt.Scale(domain=list(colours), range=list(colours.values()))


def _story_param(stories: list[str], name: str):
    return alt.param(name=name, value=stories[0],
                     bind=alt.binding_select(options=stories, name="Story: "))


class View(NamedTuple):
    """A chart whose data are named (``alt.NamedData``) and the tables behind the names."""

    chart: alt.TopLevelMixin
    datasets: dict[str, pd.DataFrame]


def term_explorer(corpus: Corpus, budget: Budget = BUDGET, terms: pd.DataFrame | None = None,
                  lines: pd.DataFrame | None = None) -> View:
    """The term explorer chart (frequency against distinctiveness, with linked keyword-in-context lines).

    Click a point, or choose a term in the drop-down, to list
    every line of every outlet that uses it, with voice and speaker.  Datasets:
    ``terms`` (the points), ``kwic_lines`` (term, sentence key, match offsets) and
    ``kwic_sentences`` (each sentence once).
    """
    terms = explorer_terms(corpus, budget) if terms is None else terms
    lines = term_lines(corpus, terms, budget) if lines is None else lines
    stories = list(dict.fromkeys(terms["story"])) or [""]
    colour = _colour_scale(corpus)
    term_options = sorted(set(terms["term"]))
    pick = alt.selection_point(name="term_pick", fields=["term"], empty=False, on="click", clear="dblclick",
                               bind=alt.binding_select(options=[None] + term_options,
                                                       labels=["(choose a term)"] + term_options, name="Term: "))
    params = [pick]
    story_filter = alt.datum.story == alt.datum.story
    if len(stories) > 1:
        story = _story_param(stories, "term_story")
        params.append(story)
        story_filter = alt.datum.story == story
    points_data = terms.assign(per_1000=terms["per_1000"].round(3), z=terms["z"].round(3),
                               g2=terms["g2"].round(3), log_ratio=terms["log_ratio"].round(3))[
        ["story", "outlet", "term", "count", "count_rest", "per_1000", "z", "g2", "log_ratio"]]
    scatter = alt.Chart(alt.NamedData("terms")).mark_point(filled=True, size=60, opacity=0.75).encode(
        x=alt.X("per_1000:Q", scale=alt.Scale(type="symlog"),
                title="Frequency in the outlet (per 1,000 terms, symmetric log scale)"),
        y=alt.Y("z:Q", title="Distinctiveness: log-odds z, outlet vs the rest of the story"),
        color=alt.Color("outlet:N", scale=colour, title="Outlet"),
        shape=alt.Shape("outlet:N", scale=alt.Scale(domain=colour.domain), title="Outlet"),
        size=alt.condition(pick, alt.value(180), alt.value(50)),
        stroke=alt.condition(pick, alt.value("black"), alt.value(None)),
        tooltip=[alt.Tooltip("term:N", title="term"), alt.Tooltip("outlet:N"),
                 alt.Tooltip("count:Q", title="count in outlet"),
                 alt.Tooltip("count_rest:Q", title="count in other outlets"),
                 alt.Tooltip("per_1000:Q", title="per 1,000 terms"), alt.Tooltip("z:Q", title="log-odds z"),
                 alt.Tooltip("g2:Q", title="G2 keyness"), alt.Tooltip("log_ratio:Q", title="log ratio")],
    ).transform_filter(story_filter).add_params(*params).properties(
        name="terms", width=560, height=380, title="Terms: frequency against distinctiveness (click a point)")

    # each sentence once (a lookup table), each occurrence as (term, sentence key, offsets): the lines
    # are cut from the sentence in the browser, which keeps a large study's page small
    sent = lines.drop_duplicates("sentence_id")[["sentence_id", "story", "outlet", "voice", "speaker", "text",
                                                 "order"]].reset_index(drop=True)
    key = {sid: i for i, sid in enumerate(sent["sentence_id"])}
    sent = sent.assign(k=range(len(sent)))[
        ["k", "sentence_id", "story", "outlet", "voice", "speaker", "text", "order"]]
    occ = pd.DataFrame({"term": lines["term"], "k": lines["sentence_id"].map(key).astype(int),
                        "a": lines["start"].astype(int), "b": lines["end"].astype(int)})
    c = CONTEXT_CHARS
    base = alt.Chart(alt.NamedData("kwic_lines")).transform_filter(pick).transform_lookup(
        lookup="k", from_=alt.LookupData(alt.NamedData("kwic_sentences"), "k",
                                         ["sentence_id", "story", "outlet", "voice", "speaker", "text", "order"])
    ).transform_filter(story_filter).transform_calculate(
        pos="datum.order * 100000 + datum.a",
        left=f"(datum.a > {c} ? '…' : '') + substring(datum.text, max(0, datum.a - {c}), datum.a)",
        match="substring(datum.text, datum.a, datum.b)",
        right=f"substring(datum.text, datum.b, datum.b + {c}) + (length(datum.text) - datum.b > {c} ? '…' : '')",
        label="datum.outlet + ' · ' + datum.voice + (datum.speaker ? ' · ' + datum.speaker : '')",
    ).transform_window(row="row_number()", sort=[alt.SortField("pos")])
    y = alt.Y("row:O", axis=None)
    swatch = base.mark_square(size=60).encode(y=y, x=alt.value(6),
                                              color=alt.Color("outlet:N", scale=colour, title="Outlet"))
    tip = [alt.Tooltip("outlet:N"), alt.Tooltip("voice:N"), alt.Tooltip("speaker:N"),
           alt.Tooltip("text:N", title="sentence")]
    label = base.mark_text(align="left", limit=200, fontSize=11).encode(y=y, x=alt.value(16),
                                                                        text="label:N", tooltip=tip)
    left = base.mark_text(align="right", fontSize=12).encode(y=y, x=alt.value(600), text="left:N", tooltip=tip)
    match = base.mark_text(align="left", fontWeight="bold", fontSize=12).encode(
        y=y, x=alt.value(604), text="match:N", tooltip=tip).properties(name="kwic_match")
    right = base.mark_text(align="left", fontSize=12).encode(
        y=y, x=alt.X("right_x:Q", scale=None), text="right:N", tooltip=tip).transform_calculate(
        right_x="612 + 8 * length(datum.match)")
    kwic = alt.layer(swatch, label, left, match, right).properties(
        width=1000, height=alt.Step(18), title="Keyword in context: every line of the chosen term, by outlet")
    chart = alt.vconcat(scatter, kwic).properties(autosize=RESIZE,
        description="Scatter of terms, one point per outlet: x frequency per 1,000 terms, y log-odds z-score "
                    "against the other outlets. Choosing a term lists its keyword-in-context lines below.")
    return View(chart, {"terms": points_data, "kwic_lines": occ, "kwic_sentences": sent})


def sentence_browser(corpus: Corpus, budget: Budget = BUDGET,
                     sentences: pd.DataFrame | None = None) -> View:
    """The sentence browser chart: filters bound to native inputs, a scatter and the sentences in full.

    Dataset: ``sentences`` (:func:`explorer_sentences`, the columns the chart reads)."""
    s = explorer_sentences(corpus, budget) if sentences is None else sentences
    colour = _colour_scale(corpus)
    outlets = list(dict.fromkeys(corpus.articles["outlet"]))
    present = set(s["voice"])
    known = [v for v in ("narration", "reported", "mixed", "quotation") if v in present]
    voices = known + sorted(present - set(known))  # any other voice the text stage gives is offered too
    speakers = s.loc[s["speaker"] != "", "speaker"].value_counts()
    speakers = sorted(speakers.index[:budget.speakers])
    stories = list(dict.fromkeys(s["story"]))
    outlet = alt.param(name="f_outlet", value=ALL, bind=alt.binding_select(options=[ALL] + outlets, name="Outlet: "))
    voice = alt.param(name="f_voice", value=ALL, bind=alt.binding_select(options=[ALL] + voices, name="Voice: "))
    speaker = alt.param(name="f_speaker", value=ALL,
                        bind=alt.binding_select(options=[ALL, "(none)"] + speakers, name="Speaker: "))
    s_min = alt.param(name="f_sent_min", value=-1,
                      bind=alt.binding_range(min=-1, max=1, step=0.05, name="Sentiment at least: "))
    s_max = alt.param(name="f_sent_max", value=1,
                      bind=alt.binding_range(min=-1, max=1, step=0.05, name="Sentiment at most: "))
    g_top = max(20, int(np.ceil(s["grade"].max()))) if len(s) else 20
    g_max = alt.param(name="f_grade_max", value=g_top,
                      bind=alt.binding_range(min=0, max=g_top, step=1, name="Grade at most: "))
    text = alt.param(name="f_text", value="", bind=alt.binding(input="search", name="Text contains: "))
    params = [outlet, voice, speaker, s_min, s_max, g_max, text]
    cond = (f"({outlet.name} == '{ALL}' || datum.outlet == {outlet.name})"
            f" && ({voice.name} == '{ALL}' || datum.voice == {voice.name})"
            f" && ({speaker.name} == '{ALL}' || ({speaker.name} == '(none)' ? datum.speaker == '' : datum.speaker == {speaker.name}))"
            f" && datum.compound >= {s_min.name} && datum.compound <= {s_max.name}"
            f" && datum.grade <= {g_max.name}"
            f" && ({text.name} == '' || indexof(lower(join(datum.lines, ' ')), lower({text.name})) >= 0)")
    if len(stories) > 1:
        story = _story_param(stories, "f_story")
        params.append(story)
        cond = f"datum.story == {story.name} && " + cond
    base = alt.Chart(alt.NamedData("sentences")).transform_filter(cond)
    scatter = base.mark_point(filled=True, size=50, opacity=0.7).encode(
        x=alt.X("compound:Q", scale=alt.Scale(domain=[-1, 1]), title="VADER compound sentiment of the sentence"),
        y=alt.Y("grade:Q", title="Flesch-Kincaid grade of the sentence"),
        color=alt.Color("outlet:N", scale=colour, title="Outlet"), shape=alt.Shape("outlet:N", scale=alt.Scale(domain=colour.domain), title="Outlet"),
        tooltip=[alt.Tooltip("outlet:N"), alt.Tooltip("voice:N"), alt.Tooltip("speaker:N"),
                 alt.Tooltip("compound:Q", title="sentiment"), alt.Tooltip("grade:Q", title="grade"),
                 alt.Tooltip("sentence:N", title="sentence")],
    ).transform_calculate(sentence="join(slice(datum.lines, 1), ' ')").add_params(*params).properties(
        name="sentence_points", width=560, height=300, title="Sentences matching the filters (hover to read)")
    count = base.transform_aggregate(n="count()").transform_calculate(
        msg=f"datum.n + ' sentences match' + (datum.n * 4 > {budget.list_lines} ? '; the list shows the first lines' : '')"
    ).mark_text(align="left", fontWeight="bold").encode(text="msg:N", x=alt.value(0), y=alt.value(8)).properties(
        width=1000, height=16)
    flat = base.transform_flatten(["lines"], as_=["line"]).transform_window(
        row="row_number()", sort=[alt.SortField("order")]).transform_window(
        first="row_number()", groupby=["sentence_id"], sort=[alt.SortField("order")]).transform_filter(
        f"datum.row <= {budget.list_lines}")
    y = alt.Y("row:O", axis=None)
    header = flat.transform_filter("datum.first == 1").mark_text(
        align="left", fontSize=12, fontWeight="bold", limit=1000).encode(y=y, x=alt.value(16), text="line:N"
                                                                       ).properties(name="sentence_headers")
    body = flat.transform_filter("datum.first > 1").mark_text(
        align="left", fontSize=12, limit=1000).encode(y=y, x=alt.value(16), text="line:N")
    swatch = flat.transform_filter("datum.first == 1").mark_square(size=60).encode(
        y=y, x=alt.value(6), color=alt.Color("outlet:N", scale=colour, title="Outlet"))
    listing = alt.layer(swatch, header, body)
    chart = alt.vconcat(scatter, count, listing.properties(width=1000, height=alt.Step(16))).properties(
        autosize=RESIZE,
        description="Sentence browser: a scatter of sentences by sentiment and readability, coloured by outlet, "
                    "and the text of every sentence that matches the filters.")
    columns = ["story", "outlet", "sentence_id", "voice", "speaker", "compound", "grade", "order", "lines"]
    return View(chart, {"sentences": s[columns] if len(s) else pd.DataFrame(columns=columns)})


# ---------------------------------------------------------------- page

def _sample_sizes(corpus: Corpus) -> pd.DataFrame:
    """Articles, sentences by voice and words per story and outlet (the page's sample-size table)."""
    a = corpus.articles
    table = a.groupby(["story", "outlet"], sort=False).agg(
        articles=("article_id", "size"), sentences=("n_sentences", "sum"), narration=("n_narration", "sum"),
        mixed=("n_mixed", "sum"), quotation=("n_quotation", "sum"), words=("n_words", "sum")).reset_index()
    return table


def _html_table(frame: pd.DataFrame, caption: str) -> str:
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    return f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cuts(corpus: Corpus, terms: pd.DataFrame, lines: pd.DataFrame, sentences: pd.DataFrame,
          budget: Budget) -> list[str]:
    notes = []
    for story, group in terms.groupby("story", sort=False):
        shown, total = group["term"].nunique(), int(group["n_terms_story"].iloc[0])
        if shown < total:
            notes.append(f"Story “{story}”: {shown:,} of its {total:,} terms are plotted (each outlet's most "
                         "distinctive terms and the story's most frequent, in turn).")
    if len(lines):
        shown = lines.groupby(["story", "term", "outlet"], sort=False).size()
        full = lines.groupby(["story", "term", "outlet"], sort=False)["n_lines"].first()
        if (shown < full).any():
            most = int(shown.max())
            notes.append(f"A term's keyword-in-context list shows its first {most} lines per outlet at most "
                         f"({len(lines):,} lines from {lines['sentence_id'].nunique():,} sentences on this page, taken "
                         "in turn: every term and outlet's first line, then every second line...); the hover counts "
                         "are the full counts.")
    if len(sentences) and int(sentences["n_total"].iloc[0]) > len(sentences):
        notes.append(f"The sentence browser is showing {len(sentences):,} of {int(sentences['n_total'].iloc[0]):,} "
                     f"sentences: a fixed random sample of {len(sentences):,} of the "
                     f"{int(sentences['n_total'].iloc[0]):,} body sentences, the same number from each story and "
                     "outlet where they have enough (seeded: the same sample every time).")
    notes.append(f"The sentence list draws at most {budget.list_lines} lines at once: narrow the filters to see the rest.")
    return notes


CAVEATS = [
    "Distinctiveness is the weighted log-odds z-score with an informative Dirichlet prior (Monroe, Colaresi & "
    "Quinn 2008): each outlet's articles of a story pooled against the other outlets' articles of the same "
    "story. It describes these texts, not the outlet's language in general; with one article per outlet a "
    "high z is one writer's choice of words. |z| > 1.96 is not a significance test across hundreds of terms "
    "(no multiplicity control): read it as a ranking.",
    "Terms are lower-cased words of the body text, stop words removed; headlines, captions and promos are set "
    "aside before counting.",
    "Voice (narration, mixed, quotation) comes from quotation marks, and the speaker from a nearby speech verb: "
    "both are heuristics and a pronoun speaker (\"he\") is not resolved.",
    "Sentiment is VADER's compound score (Hutto & Gilbert 2014), built for short social-media text; readability "
    "is the Flesch-Kincaid grade of one sentence, which is noisy: compare outlets on the per-article tables "
    "with their intervals, not on single sentences.",
]

# The specs and the data sit in JSON script elements (JSON.parse reads a large spec much faster than a
# JavaScript literal is compiled); the data once, as columns, each table turned into rows here and given to
# the specs that name it.  Embeds every spec with SVG (text in the page, aria-label from each chart's
# description), and re-runs the layout whenever a list's height changes (a filter or a click changed its rows).
EMBED_JS = """const specs = JSON.parse(document.getElementById("explorer-specs").textContent);
const tables = JSON.parse(document.getElementById("explorer-data").textContent);
function rows(table) {
  const names = Object.keys(table);
  const n = names.length ? table[names[0]].length : 0;
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = {};
    for (const name of names) row[name] = table[name][i];
    out[i] = row;
  }
  return out;
}
const options = {renderer: "svg", actions: false};
window.explorerViews = {};
window.explorerReady = Promise.all(Object.entries(specs).map(([id, entry]) => {
  const spec = entry.spec;
  spec.datasets = Object.fromEntries(entry.datasets.map(name => [name, rows(tables[name])]));
  return vegaEmbed("#" + id, spec, options).then(result => {
    const view = result.view;
    window.explorerViews[id] = view;
    const svg = result.view.container().querySelector("svg");
    if (svg) {
      svg.setAttribute("role", "graphics-document");
      svg.setAttribute("aria-label", spec.description);
    }
    const heights = Object.keys(view.getState({signals: name => /_height$/.test(name), data: () => false}).signals);
    heights.forEach(name => view.addSignalListener(name, () => view.resize().runAsync()));
  });
}));
window.explorerReady.catch(error => console.error(error));
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem; max-width: 1100px; color: #111; }}
table {{ border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; }}
th, td {{ border: 1px solid #999; padding: 0.2rem 0.5rem; text-align: left; }}
caption {{ text-align: left; font-weight: bold; padding-bottom: 0.3rem; }}
div.vega-embed {{ display: flex; flex-direction: column; }}
div.vega-embed .vega-bindings {{ order: -1; margin: 0.5rem 0; }}  /* the filters above their chart */
.vega-bind {{ margin: 0.2rem 0; }}
.vega-bind-name {{ display: inline-block; min-width: 11rem; }}
select:focus, input:focus {{ outline: 3px solid #0072B2; }}
</style>
<script>{bundle}</script>
</head>
<body>
<header>
<h1>{title}</h1>
<p>{summary}</p>
{sample_note}</header>
<main>
<section aria-labelledby="sizes-h">
<h2 id="sizes-h">Sample sizes</h2>
{sizes}
</section>
<section aria-labelledby="caveats-h">
<h2 id="caveats-h">Caveats</h2>
<ul>{caveats}</ul>
<h3>What this page leaves out</h3>
<ul id="cuts">{cuts}</ul>
</section>
<section aria-labelledby="terms-h">
<h2 id="terms-h">Term explorer</h2>
<p id="terms-desc">{terms_desc}</p>
<div id="term-explorer" role="figure" aria-describedby="terms-desc"></div>
</section>
<section aria-labelledby="sentences-h">
<h2 id="sentences-h">Sentence browser</h2>
<p id="sentences-desc">{sentences_desc}</p>
<div id="sentence-browser" role="figure" aria-describedby="sentences-desc"></div>
</section>
</main>
<script type="application/json" id="explorer-specs">{specs}</script>
<script type="application/json" id="explorer-data">{data}</script>
<script>{embed_js}</script>
</body>
</html>
"""

TERMS_DESC = ("Each point is a term in one outlet: across, how often the outlet used it (per 1,000 terms); up, "
              "how distinctive it is of that outlet against the other outlets of the story (log-odds z). "
              "Hover a point for its counts. Click a point, or choose the term in the “Term” list above the "
              "chart (reachable with the keyboard), to list every sentence that uses it in every outlet, with "
              "voice and speaker; double-click the chart to clear.")
SENTENCES_DESC = ("Every body sentence by sentiment (across) and readability (up), coloured and shaped by outlet. "
                  "The filters above the chart (outlet, voice, speaker, sentiment, grade, text) narrow both the "
                  "chart and the list of sentences below it; each sentence starts with its outlet, voice, "
                  "speaker, sentiment and grade in bold.")



# characters that could end or open something inside an HTML <script> element (or break a JavaScript
# string in old parsers), written as JSON escapes, which JSON.parse reads back to the same text
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                   ord("\u2028"): "\\u2028", ord("\u2029"): "\\u2029"}


def script_json(value) -> str:
    """``value`` as JSON safe inside an HTML ``<script>`` element.

    No ``</script>``, ``<!--`` or ``<script`` can appear in it (every ``<``, ``>`` and ``&``
    is a ``\\u`` escape), so no article text can end the element or swallow the next one.
    """
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(*scripts: str) -> str:
    """The page's Content-Security-Policy: only ``scripts`` run (by hash), nothing is fetched or sent.

    Inline styles are allowed (the page's own, and those vega-embed adds); images only as
    ``data:`` URLs (vega-embed's icons).  ``'unsafe-eval'``: Vega compiles the spec's own filter
    and formula expressions (written here, never taken from the data) into functions; its
    eval-free interpreter (vega-embed's ``ast`` option) opened the 1,000-article page about
    three times slower (4.9 s against 1.4-2.0 s in headless Chromium).  Injected markup still
    cannot run: only the two hashed scripts are allowed.
    """
    return "; ".join([
        "default-src 'none'", "script-src " + " ".join(_hash(s) for s in scripts) + " 'unsafe-eval'",
        "style-src 'unsafe-inline'", "img-src data:", "font-src data:", "connect-src 'none'",
        "frame-src 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"])


def _columns(frame: pd.DataFrame) -> dict[str, list]:
    """A table as ``{column: values}`` (the page's data, each column name once), NaN as null."""
    out = {}
    for column in frame.columns:
        values = frame[column].tolist()
        out[str(column)] = [None if isinstance(v, float) and not np.isfinite(v) else
                            (v.item() if isinstance(v, np.generic) else v) for v in values]
    return out


def _payload(views: dict[str, View]) -> tuple[str, str]:
    """The specs JSON and the data JSON of a page, both safe in a script element."""
    specs, tables = {}, {}
    for element_id, view in views.items():
        specs[element_id] = {"spec": view.chart.to_dict(validate=False), "datasets": sorted(view.datasets)}
        for name, frame in view.datasets.items():
            if name in tables:
                raise ValueError(f"dataset {name!r} named twice")
            tables[name] = _columns(frame)
    return script_json(specs), script_json(tables)


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else many or one + 's'}"


@functools.lru_cache(maxsize=1)
def _bundle() -> str:
    """vega, vega-lite (the version Altair writes) and vega-embed as one script, from vl-convert
    (made once per process: vl-convert bundles it anew on each call, about 4 s)."""
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    return vlc.javascript_bundle(vl_version=vl_version_for_vl_convert()).replace("</script", "<\\/script")


def _bundle_script(bundle: str, vl_version: str) -> str:
    """The text of the page's first script element (hashed for the Content-Security-Policy)."""
    return f"\n// vega, vega-lite {vl_version} and vega-embed, bundled by vl-convert: nothing is fetched\n{bundle}\n"


class ArticleSample(NamedTuple):
    """What a whole-folder page analysed out of the folder (stated on the page)."""

    n_articles: int      # articles in the folder (near-duplicates marked exclude left out)
    n_stories: int
    kept_articles: int
    kept_stories: int
    budget: Budget

    def note(self) -> str:
        if self.kept_articles == self.n_articles:
            return ""
        share = max(1, self.budget.articles // max(self.kept_stories, 1))
        return (f"This page analyses {self.kept_articles:,} of the folder's {self.n_articles:,} articles: "
                f"{self.kept_stories:,} of its {self.n_stories:,} stories (all of them up to {self.budget.stories}, "
                f"else a random choice), and at most {share:,} articles of each story, taken in turn from each "
                "outlet; the sample is seeded (the same every time). Each story's own page holds all of its articles.")


def explorer_html(corpus: Corpus, title: str, budget: Budget = BUDGET, sample: ArticleSample | None = None) -> str:
    """The whole explorer page for ``corpus`` as one self-contained HTML string.

    ``sample``: what the corpus is out of the data folder (:func:`sample_manifest`), stated on the page.
    """
    from altair.utils._importers import vl_version_for_vl_convert

    terms = explorer_terms(corpus, budget)
    lines = term_lines(corpus, terms, budget)
    sentences = explorer_sentences(corpus, budget)
    sizes = _sample_sizes(corpus)
    specs_json, data_json = _payload({"term-explorer": term_explorer(corpus, budget, terms, lines),
                                      "sentence-browser": sentence_browser(corpus, budget, sentences)})
    n_stories = corpus.articles["story"].nunique()
    summary = (f"{_n(len(corpus.articles), 'article')} from {_n(corpus.articles['outlet'].nunique(), 'outlet')}, "
               f"{_n(n_stories, 'story', 'stories')}, {_n(len(corpus.sentences), 'body sentence')}. "
               "This page works offline: everything it needs is inside the file.")
    vl_version = vl_version_for_vl_convert()
    bundle_script = _bundle_script(_bundle(), vl_version)
    embed_script = "\n" + EMBED_JS  # the exact text of each script element is what its hash covers
    cuts = ([sample.note()] if sample is not None and sample.note() else []) + _cuts(
        corpus, terms, lines, sentences, budget)
    note = sample.note() if sample is not None else ""
    return PAGE.format(
        title=html.escape(title), summary=html.escape(summary), bundle=bundle_script,
        csp=html.escape(content_security_policy(bundle_script, embed_script)),
        sample_note=f'<p id="sample">{html.escape(note)}</p>\n' if note else "",
        sizes=_html_table(sizes, "Articles, body sentences by voice and words, per story and outlet"),
        caveats="".join(f"<li>{html.escape(c)}</li>" for c in CAVEATS),
        cuts="".join(f"<li>{html.escape(c)}</li>" for c in cuts),
        terms_desc=html.escape(TERMS_DESC), sentences_desc=html.escape(SENTENCES_DESC),
        specs=specs_json, data=data_json, embed_js=embed_script)


def sample_manifest(manifest: pd.DataFrame, budget: Budget = BUDGET) -> pd.DataFrame:
    """The rows of ``manifest`` a whole-folder page analyses: at most ``budget.stories`` stories
    (a seeded random choice beyond) and an even share of ``budget.articles`` articles of each
    (:func:`stratified_sample` by outlet), in manifest order."""
    names = list(dict.fromkeys(manifest["story"]))
    if len(names) > budget.stories:
        order = np.random.RandomState(SEED).permutation(len(names))
        chosen = {names[i] for i in order[:budget.stories]}
        manifest = manifest[manifest["story"].isin(chosen)]
    share = max(1, budget.articles // max(manifest["story"].nunique(), 1))
    parts = [stratified_sample(group, ["outlet"], share) for _, group in manifest.groupby("story", sort=False)]
    return pd.concat(parts) if parts else manifest


def _load_records(manifest: pd.DataFrame, data_dir) -> Corpus:
    """The corpus of some manifest rows, read one story at a time (``load_corpus`` reads a story or all)."""
    from ..text.corpus import ARTICLE_COLUMNS, _with_outlet

    results = [process_article(record, data_dir) for record in manifest.to_dict("records")]
    articles = pd.DataFrame([r.article for r in results], columns=ARTICLE_COLUMNS)
    tables = {}
    for name in ("paragraphs", "sentences", "tokens", "quotes"):
        tables[name] = _with_outlet(pd.concat([getattr(r, name) for r in results], ignore_index=True), articles)
    return Corpus(articles=articles, texts={r.article["article_id"]: r.text for r in results},
                  data_dir=resolve_data_dir(data_dir), **tables)


def _file_name(story: str) -> str:
    return f"{re.sub(r'[^A-Za-z0-9._-]+', '-', story).strip('.-') or 'story'}.html"


def write_explorers(data_dir=None, story: str | None = None, whole: bool = False, out_dir=None,
                    budget: Budget = BUDGET, progress: bool = False) -> list[Path]:
    """Write explorer pages; return their paths.

    ``story``: that story's page, ``<out>/<story>.html`` (only that story is read).  ``whole``: one
    page for the whole data folder, ``<out>/all-stories.html``, from a bounded sample of its
    articles (:func:`sample_manifest`).  Neither: one page per story (one story in memory at a
    time) and the whole-folder page.  The output folder is checked before any work
    (:func:`~analysis.outputs.atomic.prepare_out_dir`); each file is written inside it through a
    temporary file moved into place, so no half-written page is left behind.  With ``progress``
    the stories read are counted on stderr (:mod:`analysis.progress`).
    """
    out = Path(out_dir) if out_dir is not None else EXPLORER_DIR
    # read once, before the output folder is made: an unknown story or a broken data folder fails here
    manifest = analysed_manifest(data_dir, story)
    created = prepare_out_dir(out)
    written: list[Path] = []
    try:
        _write_pages(out, written, manifest, data_dir, story, whole, budget, progress)
    finally:
        if created and not written:
            remove_empty(out)
    return written


def _write_pages(out: Path, written: list[Path], manifest: pd.DataFrame, data_dir, story: str | None, whole: bool,
                 budget: Budget, progress: bool = False) -> None:
    """The pages of :func:`write_explorers`; each story's page reads only that story's articles."""
    if story is not None:
        corpus = _load_records(manifest, data_dir) if len(manifest) else load_corpus(data_dir, story)
        written.append(write_file(out, _file_name(story), explorer_html(corpus, f"Explorer: {story}", budget)))
        return
    if not whole:
        groups = manifest.groupby("story", sort=False)
        for name, rows in progress_lines(groups, desc="explore: story pages", unit="stories", total=groups.ngroups,
                                         enabled=progress):
            corpus = _load_records(rows, data_dir)
            written.append(write_file(out, _file_name(name), explorer_html(corpus, f"Explorer: {name}", budget)))
    kept = sample_manifest(manifest, budget)
    sampled = kept.groupby("story", sort=False)
    parts = [_load_records(group, data_dir) for _, group in progress_lines(
        sampled, desc="explore: all-stories sample", unit="stories", total=sampled.ngroups, enabled=progress)]
    corpus = _concat(parts) if parts else load_corpus(data_dir)
    sample = ArticleSample(len(manifest), manifest["story"].nunique(), len(kept), kept["story"].nunique(), budget)
    written.append(write_file(out, "all-stories.html",
                              explorer_html(corpus, "Explorer: every story of the data folder", budget, sample)))


def _concat(parts: list[Corpus]) -> Corpus:
    return Corpus(**{name: pd.concat([getattr(p, name) for p in parts], ignore_index=True)
                     for name in ("articles", "paragraphs", "sentences", "tokens", "quotes")},
                  texts={k: v for p in parts for k, v in p.texts.items()}, data_dir=parts[0].data_dir)


def notebook_view(corpus: Corpus, view: str = "terms", height: int = 900, budget: Budget = BUDGET):
    """The term explorer (``view="terms"``) or sentence browser (``"sentences"``) for a notebook cell.

    Returned as an IPython HTML object: an iframe whose page carries the chart
    and the bundled JavaScript, so it renders in JupyterLab and in the HTML
    reports with no network and without the notebook front end's own Vega version.
    The page inside has the explorer's escaping and Content-Security-Policy.
    """
    from IPython.display import HTML

    page_id = {"terms": "term-explorer", "sentences": "sentence-browser"}[view]
    chart = term_explorer(corpus, budget) if view == "terms" else sentence_browser(corpus, budget)
    desc = TERMS_DESC if view == "terms" else SENTENCES_DESC
    specs, data = _payload({page_id: chart})
    bundle = _bundle()
    csp = html.escape(content_security_policy(bundle, EMBED_JS))
    doc = (f'<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">'
           f'<meta http-equiv="Content-Security-Policy" content="{csp}"><style>body{{font-family:system-ui,'
           f'sans-serif}}div.vega-embed{{display:flex;flex-direction:column}}div.vega-embed .vega-bindings{{order:-1}}</style><script>{bundle}</script></head><body><p id="desc">{html.escape(desc)}</p>'
           f'<div id="{page_id}" role="figure" aria-describedby="desc"></div>'
           f'<script type="application/json" id="explorer-specs">{specs}</script>'
           f'<script type="application/json" id="explorer-data">{data}</script><script>{EMBED_JS}</script>'
           '</body></html>')
    title = "Term explorer" if view == "terms" else "Sentence browser"
    frame = (f'<iframe title="{title}" srcdoc="{html.escape(doc, quote=True)}" '
             f'style="width:100%;height:{int(height)}px;border:0"></iframe>')
    with warnings.catch_warnings():  # IPython suggests IFrame, which cannot carry the page inline (srcdoc)
        warnings.simplefilter("ignore", UserWarning)
        return HTML(frame)
