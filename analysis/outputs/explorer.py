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
(:data:`BUDGET`) and the page says what was cut.  The same input gives the same
bytes: parameters and views are named, floats rounded, sampling seeded.
"""
from __future__ import annotations

import dataclasses
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

from ..config import REPORTS_DIR
from ..files import write_text_atomic
from ..ingest.manifest import stories as manifest_stories
from ..measures.readability import sentence_readability
from ..measures.sentiment import sentence_sentiment
from ..measures.wording import distinctive_terms
from ..text.corpus import Corpus, load_corpus
from .plots import outlet_colours

EXPLORER_DIR = REPORTS_DIR / "explorer"
CONTEXT_CHARS = 60
WRAP_CHARS = 110
ALL = "(all)"
# re-run the layout when a filter changes how many lines a list holds
RESIZE = alt.AutoSizeParams(type="pad", resize=True)


class Budget(NamedTuple):
    """How much of a study one page carries; the page says when a limit was reached."""

    terms: int = 1000            # distinct terms over the whole page (each one point per outlet)
    lines_per_term_outlet: int = 20  # keyword-in-context lines per term and outlet
    sentences: int = 4000        # sentences in the sentence browser (seeded sample beyond)
    speakers: int = 60           # speakers offered in the speaker filter (most frequent)
    list_lines: int = 400        # text lines drawn in the sentence list at once


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
    names = list(dict.fromkeys(corpus.articles["story"]))
    return {s: max(20, budget.terms // max(len(names), 1)) for s in names}


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
    At most ``budget.lines_per_term_outlet`` lines per term and outlet, the first ones.
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
    hits = hits[hits.groupby(["story", "term", "outlet"]).cumcount() < budget.lines_per_term_outlet]
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
    """Sentences of the sentence browser, one row per body sentence (seeded sample beyond the budget).

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
    if n_total > budget.sentences:
        # same seed every time: the same sample for the same study
        s = s.sample(budget.sentences, random_state=np.random.RandomState(20220523)).sort_index()
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


def term_explorer(corpus: Corpus, budget: Budget = BUDGET, terms: pd.DataFrame | None = None,
                  lines: pd.DataFrame | None = None) -> alt.VConcatChart:
    """The term explorer chart (frequency against distinctiveness, with linked keyword-in-context lines).

    Click a point, or choose a term in the drop-down, to list
    every line of every outlet that uses it, with voice and speaker.
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
    scatter = alt.Chart(points_data).mark_point(filled=True, size=60, opacity=0.75).encode(
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
    base = alt.Chart(occ).transform_filter(pick).transform_lookup(
        lookup="k", from_=alt.LookupData(sent, "k", ["sentence_id", "story", "outlet", "voice", "speaker", "text",
                                                      "order"])
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
    return alt.vconcat(scatter, kwic).properties(autosize=RESIZE,
        description="Scatter of terms, one point per outlet: x frequency per 1,000 terms, y log-odds z-score "
                    "against the other outlets. Choosing a term lists its keyword-in-context lines below.")


def sentence_browser(corpus: Corpus, budget: Budget = BUDGET,
                     sentences: pd.DataFrame | None = None) -> alt.VConcatChart:
    """The sentence browser chart: filters bound to native inputs, a scatter and the sentences in full."""
    s = explorer_sentences(corpus, budget) if sentences is None else sentences
    colour = _colour_scale(corpus)
    outlets = list(dict.fromkeys(corpus.articles["outlet"]))
    voices = [v for v in ("narration", "mixed", "quotation") if v in set(s["voice"])]
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
    base = alt.Chart(s).transform_filter(cond)
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
    return alt.vconcat(scatter, count, listing.properties(width=1000, height=alt.Step(16))).properties(
        autosize=RESIZE,
        description="Sentence browser: a scatter of sentences by sentiment and readability, coloured by outlet, "
                    "and the text of every sentence that matches the filters.")


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
    if len(lines) and (lines["n_lines"] > budget.lines_per_term_outlet).any():
        notes.append(f"A term's keyword-in-context list shows its first {budget.lines_per_term_outlet} lines per "
                     "outlet; the hover counts are the full counts.")
    if len(sentences) and int(sentences["n_total"].iloc[0]) > len(sentences):
        notes.append(f"The sentence browser holds a fixed random sample of {len(sentences):,} of the "
                     f"{int(sentences['n_total'].iloc[0]):,} body sentences (the same sample every time).")
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

# The specs sit in a JSON script element (JSON.parse reads a large spec much faster than a JavaScript
# literal is compiled).  Embeds every spec with SVG (text in the page, aria-label from each chart's description) and
# re-runs the layout whenever a list's height changes (a filter or a click changed its rows).
EMBED_JS = """const specs = JSON.parse(document.getElementById("explorer-specs").textContent);
const options = {renderer: "svg", actions: false};
window.explorerViews = {};
window.explorerReady = Promise.all(Object.entries(specs).map(([id, spec]) =>
  vegaEmbed("#" + id, spec, options).then(result => {
    const view = result.view;
    window.explorerViews[id] = view;
    const svg = result.view.container().querySelector("svg");
    if (svg) {
      svg.setAttribute("role", "graphics-document");
      svg.setAttribute("aria-label", spec.description);
    }
    const heights = Object.keys(view.getState({signals: name => /_height$/.test(name), data: () => false}).signals);
    heights.forEach(name => view.addSignalListener(name, () => view.resize().runAsync()));
  })));
window.explorerReady.catch(error => console.error(error));
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
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
<script>
// vega, vega-lite {vl_version} and vega-embed, bundled by vl-convert: nothing is fetched
{bundle}
</script>
</head>
<body>
<header>
<h1>{title}</h1>
<p>{summary}</p>
</header>
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
<script>
{embed_js}
</script>
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


def _spec(chart: alt.TopLevelMixin) -> dict:
    # data inlined into the spec (no separate "datasets" naming that depends on call order)
    with alt.data_transformers.enable("default", max_rows=None):
        return chart.to_dict(validate=False)


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def _bundle() -> str:
    """vega, vega-lite (the version Altair writes) and vega-embed as one script, from vl-convert."""
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    return vlc.javascript_bundle(vl_version=vl_version_for_vl_convert()).replace("</script", "<\\/script")


def explorer_html(corpus: Corpus, title: str, budget: Budget = BUDGET) -> str:
    """The whole explorer page for ``corpus`` as one self-contained HTML string."""
    from altair.utils._importers import vl_version_for_vl_convert

    terms = explorer_terms(corpus, budget)
    lines = term_lines(corpus, terms, budget)
    sentences = explorer_sentences(corpus, budget)
    sizes = _sample_sizes(corpus)
    specs = {"term-explorer": _spec(term_explorer(corpus, budget, terms, lines)),
             "sentence-browser": _spec(sentence_browser(corpus, budget, sentences))}
    n_stories = corpus.articles["story"].nunique()
    summary = (f"{_n(len(corpus.articles), 'article')} from {_n(corpus.articles['outlet'].nunique(), 'outlet')}, "
               f"{_n(n_stories, 'story', 'stories')}, {_n(len(corpus.sentences), 'body sentence')}. "
               "This page works offline: everything it needs is inside the file.")
    vl_version = vl_version_for_vl_convert()
    specs_json = json.dumps(specs, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return PAGE.format(
        title=html.escape(title), summary=html.escape(summary), vl_version=vl_version, bundle=_bundle(),
        sizes=_html_table(sizes, "Articles, body sentences by voice and words, per story and outlet"),
        caveats="".join(f"<li>{html.escape(c)}</li>" for c in CAVEATS),
        cuts="".join(f"<li>{html.escape(c)}</li>" for c in _cuts(corpus, terms, lines, sentences, budget)),
        terms_desc=html.escape(TERMS_DESC), sentences_desc=html.escape(SENTENCES_DESC),
        specs=specs_json.replace("</", "<\\/"), embed_js=EMBED_JS)


def write_explorers(data_dir=None, story: str | None = None, whole: bool = False, out_dir=None,
                    budget: Budget = BUDGET) -> list[Path]:
    """Write explorer pages; return their paths.

    ``story``: that story's page, ``<out>/<story>.html``.  ``whole``: one page for
    the whole data folder, ``<out>/all-stories.html``.  Neither: one page per
    story and the whole-folder page.  Each file is written to a temporary file
    beside it and moved into place, so no half-written page is left behind.
    """
    out = Path(out_dir) if out_dir is not None else EXPLORER_DIR
    written = []
    if story is not None or not whole:
        names = [story] if story is not None else list(manifest_stories(data_dir))
        for name in names:
            corpus = load_corpus(data_dir, name)
            path = out / f"{re.sub(r'[^A-Za-z0-9._-]+', '-', name).strip('.-') or 'story'}.html"
            write_text_atomic(path, explorer_html(corpus, f"Explorer: {name}", budget))
            written.append(path)
    if story is None:
        corpus = load_corpus(data_dir)
        path = out / "all-stories.html"
        write_text_atomic(path, explorer_html(corpus, "Explorer: every story of the data folder", budget))
        written.append(path)
    return written


def notebook_view(corpus: Corpus, view: str = "terms", height: int = 900, budget: Budget = BUDGET):
    """The term explorer (``view="terms"``) or sentence browser (``"sentences"``) for a notebook cell.

    Returned as an IPython HTML object: an iframe whose page carries the chart
    and the bundled JavaScript, so it renders in JupyterLab and in the HTML
    reports with no network and without the notebook front end's own Vega version.
    """
    from IPython.display import HTML

    page_id = {"terms": "term-explorer", "sentences": "sentence-browser"}[view]
    chart = term_explorer(corpus, budget) if view == "terms" else sentence_browser(corpus, budget)
    desc = TERMS_DESC if view == "terms" else SENTENCES_DESC
    specs = json.dumps({page_id: _spec(chart)}, sort_keys=True, ensure_ascii=False,
                       separators=(",", ":")).replace("</", "<\\/")
    doc = (f'<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><style>body{{font-family:system-ui,'
           f'sans-serif}}div.vega-embed{{display:flex;flex-direction:column}}div.vega-embed .vega-bindings{{order:-1}}</style><script>{_bundle()}</script></head><body><p id="desc">{html.escape(desc)}</p>'
           f'<div id="{page_id}" role="figure" aria-describedby="desc"></div>'
           f'<script type="application/json" id="explorer-specs">{specs}</script><script>{EMBED_JS}</script>'
           '</body></html>')
    title = "Term explorer" if view == "terms" else "Sentence browser"
    frame = (f'<iframe title="{title}" srcdoc="{html.escape(doc, quote=True)}" '
             f'style="width:100%;height:{int(height)}px;border:0"></iframe>')
    with warnings.catch_warnings():  # IPython suggests IFrame, which cannot carry the page inline (srcdoc)
        warnings.simplefilter("ignore", UserWarning)
        return HTML(frame)
