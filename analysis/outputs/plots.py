"""Plot functions, one per figure, shaped like seaborn's: ``plot_x(df, *, ax=None) -> Axes``.

Every function takes a table from the analysis modules, draws on ``ax`` (or a
new figure), labels outlets with their sample sizes, and returns the Axes.
Colours come from the Okabe & Ito (2008) colour-blind-safe palette (then
further distinct hues for a ninth outlet and beyond), one fixed colour per
outlet keyed by its position in an outlet order.  As in seaborn, the order and the
colours are arguments: every function takes ``order=`` (default: the outlets in the
order the table gives them) and ``palette=`` (a list or a dict outlet -> colour), and
keeps no state between calls.  ``python -m analysis figures`` passes the data folder's
order (:func:`analysis.compare.order.study_outlets`) to every figure, so an outlet keeps
its colour in every figure of every story.
"""
from __future__ import annotations

import colorsys
import contextlib
from importlib import resources

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..measures.readability import FORMULAS
from ..measures.readability import SCOPES as READABILITY_SCOPES
from ..measures.sentiment import SUMMARY_METRICS
from ..measures.voices import VOICE_METRICS
from ..text.sentences import SCOPES

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
VOICE_MARKERS = {"body": "o", "narration": "s", "reported": "v", "mixed": "D", "quotation": "^"}
#: Scores on a US school-grade scale.  Dale-Chall is not: its raw score (e.g. 10.3) maps to a
#: grade band only through its published table, so it is left off the grade axis.
GRADE_METRICS = [f.name for f in FORMULAS if f.grade]
#: Below this many sentences a bootstrap interval is not drawn: the point is hollow and
#: labelled "too few sentences" (a zero-width interval from 2 sentences reads as certainty).
MIN_INTERVAL_SENTENCES = 5
ROLE_COLOURS = {  # Paul Tol's muted scheme (colour-blind safe), body darkest
    "body": "#332288", "headline": "#88CCEE", "byline": "#44AA99", "date": "#117733", "caption": "#DDCC77",
    "credit": "#999933", "promo": "#CC6677", "embed": "#882255", "footer": "#AA4499",
}
METRIC_LABELS = {  # the readability formulas' labels are theirs (measures.readability.FORMULAS)
    **{f.name: f.label for f in FORMULAS if f.label},
    "mean_compound": "Mean VADER compound",
    "quoted_word_share": "Share of words quoted", "indirect_speech_share": "Share of sentences in reported speech",
    "named_sources_per_1000_words": "Named sources per 1,000 words", "n_sources": "Distinct sources",
    "unnamed_attribution_share": "Share of attributions to unnamed sources",
    "organisation_attribution_share": "Share of attributions to organisations",
    "top_source_quoted_share": "Top source's share of quoted words",
}


def style_path() -> str:
    return str(resources.files("analysis.outputs") / "style.mplstyle")


@contextlib.contextmanager
def house_style():
    """Context manager applying the package's style sheet."""
    with plt.style.context(style_path()):
        yield


def palette(n: int) -> list[str]:
    """``n`` distinct colours: Okabe & Ito's eight, then hues spaced by the golden angle
    (alternating lightness), so any number of outlets gets distinct colours."""
    colours = OKABE_ITO[:n]
    k = 0
    while len(colours) < n:
        hue = (0.07 + k * 0.618033988749895) % 1.0
        light, sat = ((0.38, 0.75), (0.55, 0.65), (0.30, 0.55))[k % 3]
        r, g, b = colorsys.hls_to_rgb(hue, light, sat)
        colour = "#{:02X}{:02X}{:02X}".format(round(r * 255), round(g * 255), round(b * 255))
        if colour not in colours:
            colours.append(colour)
        k += 1
    return colours


_palette = palette


def outlet_colours(outlets, order=None, palette=None) -> dict[str, str]:
    """Colour per outlet, by its position in ``order`` (default: the outlets in the order
    given), outlets missing from ``order`` following in the order given.

    ``palette`` (as in seaborn): None for :func:`palette` (Okabe & Ito, then distinct hues),
    a list of colours taken by position in the order, or a dict outlet -> colour (outlets it
    lacks get the default colour of their position).  Pass the data folder's order
    (:func:`analysis.compare.order.study_outlets`) to every figure of a study, and an outlet
    keeps one colour in all of them, whichever outlets a figure shows.
    """
    unique = list(dict.fromkeys(outlets))
    declared = list(dict.fromkeys(order)) if order is not None else []
    full = declared + [o for o in unique if o not in set(declared)]
    if isinstance(palette, dict):
        defaults = _palette(len(full))
        return {o: palette.get(o, defaults[full.index(o)]) for o in unique}
    colours = list(palette) if palette is not None else _palette(len(full))
    if len(colours) < len(full):
        raise ValueError(f"palette has {len(colours)} colours for {len(full)} outlets")
    return {o: colours[full.index(o)] for o in unique}


def _ax(ax):
    if ax is None:
        _, ax = plt.subplots()
    return ax


def _outlet_label(outlet: str, n: int, unit: str = "sentences") -> str:
    return f"{outlet} (n={n} {unit})"


def plot_readability_scores(readability: pd.DataFrame, *, scope: str = "body", metrics=None, order=None, palette=None,
                            ax=None):
    """Grade-level scores per outlet with 95% bootstrap intervals (from ``readability_table``)."""
    ax = _ax(ax)
    metrics = metrics or GRADE_METRICS
    data = readability[(readability["scope"] == scope) & readability["metric"].isin(metrics)]
    articles = list(dict.fromkeys(data["article_id"]))
    colours = outlet_colours(data.drop_duplicates("article_id")["outlet"], order, palette)
    width = 0.8 / max(len(articles), 1)
    for k, article_id in enumerate(articles):
        rows = data[data["article_id"] == article_id].set_index("metric").reindex(metrics)
        y = np.arange(len(metrics)) + (k - (len(articles) - 1) / 2) * width
        outlet = rows["outlet"].dropna().iloc[0]
        n = int(rows["n_sentences"].iloc[0])
        _points_with_intervals(ax, rows["value"], y, rows["ci_low"], rows["ci_high"], rows["n_sentences"],
                               colours[outlet], _outlet_label(outlet, n), horizontal=True)
    ax.set_yticks(np.arange(len(metrics)), [METRIC_LABELS.get(m, m) for m in metrics])
    ax.invert_yaxis()
    ax.set_xlabel("US school grade (higher = harder); bars: 95% bootstrap interval over sentences")
    ax.set_title(f"Readability of the {scope} text by outlet")
    _legend_outside(ax, note="Dale-Chall has its own scale: see the readability table")
    return ax


def _points_with_intervals(ax, values, positions, lows, highs, counts, colour, label, horizontal: bool):
    """Points with 95% interval bars; where fewer than ``MIN_INTERVAL_SENTENCES`` stand behind a
    point it is drawn hollow, without a bar, and labelled "too few sentences"."""
    values, positions = np.asarray(values, float), np.asarray(positions, float)
    lows, highs, counts = np.asarray(lows, float), np.asarray(highs, float), np.asarray(counts, float)
    enough = counts >= MIN_INTERVAL_SENTENCES
    err = np.vstack([values - lows, highs - values])[:, enough]
    xy = (values, positions) if horizontal else (positions, values)
    bars = {"xerr": err} if horizontal else {"yerr": err}
    ax.errorbar(xy[0][enough], xy[1][enough], fmt="o", color=colour, capsize=3, label=label, **bars)
    few = ~enough & np.isfinite(values)
    if few.any():
        ax.plot(xy[0][few], xy[1][few], "o", color=colour, markerfacecolor="white",
                label=None if enough.any() else label)
        for x, y in zip(xy[0][few], xy[1][few]):
            ax.annotate(f"too few sentences (< {MIN_INTERVAL_SENTENCES}): no interval", (x, y), xytext=(4, 4), textcoords="offset points", fontsize=7,
                        color="#555555")


def _legend_outside(ax, note: str | None = None, **kwargs):
    """The legend to the right of the data, never over it; an optional note under it."""
    handles, labels = ax.get_legend_handles_labels()
    if note:
        handles.append(plt.Line2D([], [], linestyle="none"))
        labels.append(note)
    if handles:
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.0, 1.0), **kwargs)


SCOPE_LABELS = {"narration": "the outlet's narration", "reported": "reported speech", "quotation": "quoted material",
                "body": "whole body"}
#: The sentence scopes (text.sentences.SCOPES), one voice after another, then the whole body.
VOICE_SCOPES = [s for s in SCOPES if s != "body"] + ["body"]
VOICE_LABELS = [SCOPE_LABELS[s] for s in VOICE_SCOPES]


def _by_voice(table: pd.DataFrame, metric: str, ax, order=None, palette=None):
    """Points with interval bars for narration, quotation and body, one colour per outlet."""
    data = table[(table["metric"] == metric) & table["scope"].isin(VOICE_SCOPES)]
    colours = outlet_colours(data.drop_duplicates("article_id")["outlet"], order, palette)
    articles = list(dict.fromkeys(data["article_id"]))
    width = 0.8 / max(len(articles), 1)
    for k, article_id in enumerate(articles):
        rows = data[data["article_id"] == article_id].set_index("scope").reindex(VOICE_SCOPES)
        outlet = rows["outlet"].dropna().iloc[0]
        x = np.arange(len(VOICE_SCOPES)) + (k - (len(articles) - 1) / 2) * width
        counts = ", ".join(f"{s[:4]}. {int(n)}" for s, n in rows["n_sentences"].fillna(0).items())
        _points_with_intervals(ax, rows["value"], x, rows["ci_low"], rows["ci_high"], rows["n_sentences"].fillna(0),
                               colours[outlet], f"{outlet} (sentences: {counts})", horizontal=False)
    ax.set_xticks(np.arange(len(VOICE_SCOPES)), VOICE_LABELS)
    ax.grid(axis="y", visible=True)
    ax.grid(axis="x", visible=False)
    return ax


def plot_readability_by_voice(readability: pd.DataFrame, *, metric: str = "flesch_kincaid_grade", order=None,
                              palette=None, ax=None):
    """One score for narration, quotation and the whole body, per outlet, with intervals."""
    ax = _by_voice(readability, metric, _ax(ax), order, palette)
    ax.set_ylabel(f"{METRIC_LABELS.get(metric, metric)} (95% bootstrap interval)")
    ax.set_title(f"{METRIC_LABELS.get(metric, metric)}: narration versus quotation")
    _legend_outside(ax, fontsize=7.5)
    return ax


def _strip_rows(frame: pd.DataFrame, spread: float, order=None, palette=None):
    """For a strip plot with one row per article: ``(k, article, its rows, jitter, colour)``."""
    articles = frame.drop_duplicates("article_id")
    colours = outlet_colours(articles["outlet"], order, palette)
    for k, article in enumerate(articles.itertuples(index=False)):
        mine = frame[frame["article_id"] == article.article_id].reset_index(drop=True)
        yield k, article, mine, k + (np.arange(len(mine)) % 5 - 2) * spread, colours[article.outlet]


def _strip_axis(ax, frame: pd.DataFrame) -> None:
    outlets = frame.drop_duplicates("article_id")["outlet"]
    ax.set_yticks(range(len(outlets)), outlets)
    ax.set_ylim(len(outlets) - 0.5, -0.5)


def plot_sentence_lengths(sentences: pd.DataFrame, *, order=None, palette=None, ax=None):
    """Distribution of words per sentence per outlet (from ``sentence_readability``)."""
    ax = _ax(ax)
    for k, article, mine, y, colour in _strip_rows(sentences, 0.05, order, palette):
        words = mine["words"].to_numpy()
        ax.scatter(words, y, color=colour, alpha=0.75, s=22, label=_outlet_label(article.outlet, len(words)))
        ax.plot([np.median(words)] * 2, [k - 0.3, k + 0.3], color=colour, linewidth=2.5)
    _strip_axis(ax, sentences)
    ax.set_xlabel("words per sentence (dots: sentences; bar: median)")
    ax.set_title("Sentence length by outlet")
    _legend_outside(ax)
    return ax


def plot_sentiment_arc(arc: pd.DataFrame, *, order=None, palette=None, ax=None):
    """Sentence compound scores through each article, with a rolling mean (from ``sentiment_arc``)."""
    ax = _ax(ax)
    articles = arc.drop_duplicates("article_id")
    colours = outlet_colours(articles["outlet"], order, palette)
    for row in articles.itertuples(index=False):
        mine = arc[arc["article_id"] == row.article_id]
        colour = colours[row.outlet]
        for voice, marker in VOICE_MARKERS.items():
            part = mine[mine["voice"] == voice]
            ax.scatter(part["relative_position"], part["compound"], color=colour, marker=marker, s=20, alpha=0.6)
        ax.plot(mine["relative_position"], mine["rolling_compound"], color=colour,
                label=_outlet_label(row.outlet, len(mine)))
    for voice in ("narration", "reported", "mixed", "quotation"):
        ax.scatter([], [], color="#777777", marker=VOICE_MARKERS[voice], label=voice)
    ax.axhline(0, color="#999999", linewidth=0.8)
    ax.set_xlabel("position in the article (0 = first body sentence, 1 = last)")
    ax.set_ylabel("VADER compound (line: 3-sentence rolling mean)")
    ax.set_ylim(-1.05, 1.05)
    ax.grid(axis="y", visible=True)
    ax.set_title("Where the tone sits: sentiment through each article")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_sentiment_by_voice(summary: pd.DataFrame, *, metric: str = "mean_compound", order=None, palette=None,
                            ax=None):
    """Mean compound per outlet for narration, quotation and body, with intervals (from ``sentiment_summary``)."""
    ax = _by_voice(summary, metric, _ax(ax), order, palette)
    ax.axhline(0, color="#999999", linewidth=0.8)
    ax.set_ylabel(f"{METRIC_LABELS.get(metric, metric)} (95% bootstrap interval)")
    ax.set_title("Sentiment: the outlet's own voice versus what it quotes")
    _legend_outside(ax, fontsize=7.5)
    return ax


def plot_sentiment_distribution(scored: pd.DataFrame, *, order=None, palette=None, ax=None):
    """Every sentence's compound score per outlet and voice (from ``sentence_sentiment``)."""
    ax = _ax(ax)
    for _, article, mine, y, colour in _strip_rows(scored, 0.06, order, palette):
        for voice, marker in VOICE_MARKERS.items():
            part = mine[mine["voice"] == voice]
            ax.scatter(part["compound"], y[part.index], color=colour, marker=marker, s=26, alpha=0.8,
                       label=f"{article.outlet}: {voice} ({len(part)})" if len(part) else None)
    for edge in (-0.05, 0.05):
        ax.axvline(edge, color="#999999", linewidth=0.8, linestyle=":")
    _strip_axis(ax, scored)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("VADER compound per sentence (dotted: neutral band -0.05..0.05)")
    ax.set_title("Distribution of sentence sentiment")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7.5)
    return ax


def plot_distinctive_terms(terms: pd.DataFrame, *, article_id: str | None = None, label_top: int = 8,
                           band: pd.DataFrame | None = None, order=None, palette=None, ax=None):
    """Monroe et al. z-score against frequency for one article's terms (from ``distinctive_terms``).

    ``band`` (from ``compare.wording_across.z_null_band``) draws, per term
    count, where 95% of z fall when the story's sentences are shuffled between
    its articles; terms beyond it are marked (coloured).  The informative prior
    shrinks z (spread about 1/sqrt(2) under no difference), so without a band
    the +/-1.96 lines are labelled as uncalibrated.
    """
    ax = _ax(ax)
    article_id = article_id or terms["article_id"].iloc[0]
    data = terms[terms["article_id"] == article_id]
    outlet = data["outlet"].iloc[0]
    colours = outlet_colours(terms.drop_duplicates("article_id")["outlet"], order, palette)
    total = data["count"] + data["count_rest"]
    ax.scatter(total, data["z"], s=14, color="#bbbbbb")
    top = pd.concat([data.nlargest(label_top, "z"), data.nsmallest(label_top, "z")])
    if band is not None:
        mine = band[band["article_id"] == article_id].set_index("total_count")
        low, high = mine["z_low"].reindex(total).to_numpy(), mine["z_high"].reindex(total).to_numpy()
        z = data["z"].to_numpy()
        # z takes few distinct values: a term exactly on the band is not beyond it
        beyond = pd.Series((z < low - 1e-9) | (z > high + 1e-9), index=data.index)
        marked = data[beyond]
        top = pd.concat([top, marked.nlargest(label_top, "z"), marked.nsmallest(label_top, "z")])
        top = top[~top.index.duplicated()]
        x = mine.index.to_numpy()
        ax.step(x, mine["z_high"], where="mid", color="#777777", linewidth=0.9, linestyle="--",
                label="95% of z with sentences shuffled between the articles")
        ax.step(x, mine["z_low"], where="mid", color="#777777", linewidth=0.9, linestyle="--")
        ax.scatter([], [], s=18, color=colours[outlet], label=f"beyond the band: more {outlet} than chance gives")
        ax.scatter([], [], s=18, color="#555555", label="beyond the band: more the others than chance gives")
        empty = "no term beyond the band: no wording sets this article apart"
    else:
        marked = top[top["z"].abs() >= 1.96]
        for edge in (1.96, -1.96):
            ax.axhline(edge, color="#999999", linewidth=0.8, linestyle=":",
                       label="|z| = 1.96, uncalibrated: the prior shrinks z (about 1/sqrt(2))" if edge > 0 else None)
        empty = f"no term beyond |z| = 1.96 in {terms['article_id'].nunique()} texts"
    ax.scatter(total[marked.index], marked["z"], s=18,
               color=[colours[outlet] if z > 0 else "#555555" for z in marked["z"]])
    positions: dict[tuple, list[str]] = {}
    for i, row in top.iterrows():
        positions.setdefault((float(total[i]), round(float(row["z"]), 6)), []).append(row["term"])
    for (x, z), words in positions.items():
        text = ", ".join(words[:3]) + (f" +{len(words) - 3}" if len(words) > 3 else "")
        ax.annotate(text, (x, z), xytext=(3, 2), textcoords="offset points", fontsize=7.5)
    ax.set_xscale("log")
    ax.set_xlabel("count in the story (log scale)")
    ax.set_ylabel(f"z: more {outlet} (up) / more the others (down)")
    others = ", ".join(o for o in terms["outlet"].unique() if o != outlet)
    ax.set_title(f"Distinctive words: {outlet} (n={int(data['count'].sum())} terms) vs {others}")
    ax.grid(axis="y", visible=True)
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.14), ncol=2, fontsize=7.5)
    if marked.empty:
        ax.text(0.99, 0.02, empty, transform=ax.transAxes, ha="right", va="bottom", fontsize=8, color="#555555")
    return ax


def plot_framing_counts(framing: pd.DataFrame, *, scope: str = "body", category: str | None = None, order=None,
                        palette=None, ax=None):
    """Dictionary matches per 1,000 words, per label and outlet (from ``framing_counts``)."""
    ax = _ax(ax)
    data = framing[framing["scope"] == scope]
    if category is not None:
        data = data[data["category"] == category]
    labels = list(dict.fromkeys(zip(data["category"], data["label"])))
    articles = data.drop_duplicates("article_id")
    colours = outlet_colours(articles["outlet"], order, palette)
    height = 0.8 / max(len(articles), 1)
    for k, row in enumerate(articles.itertuples(index=False)):
        mine = data[data["article_id"] == row.article_id].set_index(["category", "label"]).reindex(labels)
        y = np.arange(len(labels)) + (k - (len(articles) - 1) / 2) * height
        ax.barh(y, mine["per_1000_words"], height=height, color=colours[row.outlet],
                label=_outlet_label(row.outlet, int(mine["n_words"].iloc[0]), "words"))
        for yy, count, per in zip(y, mine["count"], mine["per_1000_words"]):
            if count:
                ax.text(per, yy, f" {int(count)}", va="center", fontsize=7)
    ax.set_yticks(np.arange(len(labels)), [f"{c}: {l}" for c, l in labels])
    ax.invert_yaxis()
    ax.set_xlabel(f"matches per 1,000 words of {scope} text (labels: raw counts)")
    ax.set_title("Framing and naming")
    if not data["count"].fillna(0).any():
        ax.set_xlim(0, 1)
        ax.text(0.5, 0.5, "no term of the framing dictionary occurs in this story:\n"
                          "edit the dictionary (framing.csv) for it", transform=ax.transAxes,
                ha="center", va="center", fontsize=9, color="#555555")
    _legend_outside(ax)
    return ax


def plot_paragraph_roles(paragraphs: pd.DataFrame, *, order=None, palette=None, ax=None):
    """How much of each page is reporting and how much furniture, in words (from ``Corpus.paragraphs``).

    Each bar is one page; segments are roles (body first), their length the words
    in those paragraphs (a 3-word credit weighs what it weighs), labelled directly
    where wide enough."""
    ax = _ax(ax)
    words = paragraphs.assign(words=paragraphs["text"].str.count(r"[^\W_]+(?:['’-][^\W_]+)*"))
    roles = [r for r in ROLE_COLOURS if r in set(words["role"])]
    roles += sorted(set(words["role"]) - set(roles))
    totals = words.pivot_table(index="article_id", columns="role", values="words", aggfunc="sum", fill_value=0)
    articles = words.drop_duplicates("article_id")
    totals = totals.reindex(index=articles["article_id"], columns=roles, fill_value=0)
    grand = totals.sum(axis=1).to_numpy()
    left = np.zeros(len(totals))
    for role in roles:
        widths = totals[role].to_numpy()
        ax.barh(range(len(totals)), widths, left=left, color=ROLE_COLOURS.get(role, "#BBBBBB"),
                edgecolor="white", label=role)
        for k, (start, width) in enumerate(zip(left, widths)):
            if width >= 0.06 * max(grand.max(), 1):
                ax.text(start + width / 2, k, f"{role}\n{int(width)}", ha="center", va="center", fontsize=7,
                        color="white" if role in ("body", "embed", "date") else "#222222")
        left += widths
    ax.set_yticks(range(len(totals)), [f"{o} (n={int(t)} words)" for o, t in zip(articles["outlet"], grand)])
    for tick, outlet in zip(ax.get_yticklabels(), articles["outlet"]):
        tick.set_color(outlet_colours(articles["outlet"], order, palette)[outlet])
    ax.invert_yaxis()
    ax.set_xlabel("words in paragraphs of each role (labels: role and words)")
    ax.set_title("What each page holds besides the reporting")
    _legend_outside(ax)
    return ax


def plot_sources(story_sources: pd.DataFrame, *, order=None, palette=None, ax=None):
    """Sentences attributed to each source, per outlet, labelled with the share of the
    outlet's quoted words (from ``story_sources``)."""
    ax = _ax(ax)
    data = story_sources
    totals = data.groupby("story_source", sort=False)["n_sentences"].sum().sort_values(ascending=False, kind="stable")
    names = list(totals.index)
    articles = data.drop_duplicates("article_id")
    colours = outlet_colours(articles["outlet"], order, palette)
    height = 0.8 / max(len(articles), 1)
    for k, row in enumerate(articles.itertuples(index=False)):
        mine = data[data["article_id"] == row.article_id].set_index("story_source").reindex(names)
        y = np.arange(len(names)) + (k - (len(articles) - 1) / 2) * height
        ax.barh(y, mine["n_sentences"].fillna(0), height=height, color=colours[row.outlet],
                label=_outlet_label(row.outlet, int(mine["n_sentences"].sum())))
        for yy, n, share in zip(y, mine["n_sentences"], mine["quoted_share"]):
            if n == n and n:
                ax.text(n, yy, f" {share:.0%}", va="center", fontsize=7)
    kinds = data.drop_duplicates("story_source").set_index("story_source")
    ax.set_yticks(np.arange(len(names)),
                  [f"{n}\n({kinds.at[n, 'source_kind']}, {kinds.at[n, 'status']})" for n in names])
    ax.invert_yaxis()
    ax.set_xlabel("sentences attributed (quoted, mixed or reported); labels: share of the outlet's quoted words")
    ax.set_title("Who gets a voice: sources by outlet")
    if data.empty:  # say so, instead of an empty chart (and matplotlib's no-legend warning)
        ax.text(0.5, 0.5, "no attributed source in these articles", transform=ax.transAxes, ha="center", va="center")
    else:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def _metric_family(metric: str) -> str:
    """"voice", "sentiment" or "readability" (counts included), from the measures' own metric lists."""
    if metric in VOICE_METRICS:
        return "voice"
    return "sentiment" if metric.partition("_")[2] in SUMMARY_METRICS else "readability"


def _metric_label(metric: str) -> str:
    scope, _, name = metric.partition("_")
    if scope in READABILITY_SCOPES:
        return f"{METRIC_LABELS.get(name, name)} ({scope})"
    return METRIC_LABELS.get(metric, metric)


def plot_outlet_effects(differences: pd.DataFrame, *, family: str | None = None, comparison: str | None = None,
                        order=None, palette=None, ax=None):
    """Forest plot of study-level outlet differences (from ``compare.across_stories.outlet_differences``).

    One panel per metric family (``family`` "readability", "sentiment" or "voice";
    default: the first row's): each row is a metric and a comparison "first
    minus second", the point its pooled difference over stories, the bar its
    95% interval over stories (as its ``interval`` column says), coloured by the first outlet; filled when
    the Holm-adjusted p (t-test over stories) < 0.05, hollow otherwise; a grey x marks the
    mixed-model estimate.
    """
    ax = _ax(ax)
    data = differences[differences["difference"].notna()]
    family = family or (_metric_family(data["metric"].iloc[0]) if len(data) else "readability")
    data = data[data["metric"].map(_metric_family) == family]
    if comparison is not None:
        data = data[data["comparison"] == comparison]
    colours = outlet_colours(data["outlet_a"], order, palette)
    y = np.arange(len(data))
    for k, row in enumerate(data.itertuples(index=False)):
        colour = colours[row.outlet_a]
        ax.plot([row.ci_low, row.ci_high], [k, k], color=colour, linewidth=1.6)
        filled = bool(row.holm_below_alpha)
        ax.plot(row.difference, k, "o", color=colour, markerfacecolor=colour if filled else "white", markersize=6)
        if np.isfinite(row.mixed_difference):
            ax.plot(row.mixed_difference, k, "x", color="#777777", markersize=5)
    labels = [f"{_metric_label(r.metric)}: {r.outlet_a} − {r.outlet_b} ({r.n_stories} stories)"
              for r in data.itertuples(index=False)]
    ax.set_yticks(y, labels, fontsize=7.5)
    ax.set_ylim(len(data) - 0.5, -0.5)
    ax.axvline(0, color="#999999", linewidth=0.8)
    how = data["interval"].iloc[0] if "interval" in data.columns and len(data) else "95% interval over stories"
    ax.set_xlabel(f"difference, first minus second (bars: {how})")
    summary = differences.attrs.get("summary", "")
    ax.set_title(f"Outlet differences across stories: {family}")
    ax.plot([], [], "o", color="#555555", label="Holm-adjusted p < 0.05 (t-test over stories)")
    ax.plot([], [], "o", color="#555555", markerfacecolor="white", label="not after Holm adjustment")
    ax.plot([], [], "x", color="#777777", label="mixed model value ~ outlet + (1 | story)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7.5,
              title=summary.split(";")[0] if summary else None, title_fontsize=7.5)
    ax.grid(axis="x", visible=True)
    return ax


def _in_order(present, order) -> list[str]:
    """``present`` outlets: those of ``order`` first (in its order), then the others as they come."""
    present = list(dict.fromkeys(present))
    first = [o for o in (order or []) if o in set(present)]
    return first + [o for o in present if o not in set(first)]


#: The metric of the study's story x outlet grid (``figures`` and notebook 05).
GRID_METRIC = "body_flesch_kincaid_grade"
#: Stories per page of the story x outlet grid (a page about 33 inches, 5,000 pixels, tall).
GRID_PAGE = 100


def grid_pages(metrics: pd.DataFrame, page: int = GRID_PAGE) -> list[list[str]]:
    """The stories of the story x outlet grid, in pages of at most ``page`` rows: the stories
    two or more outlets covered (in a story of one outlet the cell is that story's mean, which
    says nothing about outlets), or every story when none has two."""
    covered = metrics.groupby("story", sort=False)["outlet"].nunique()
    stories = list(covered.index[covered > 1]) or list(covered.index)
    return [stories[i:i + page] for i in range(0, len(stories), page)] or [[]]


def plot_story_outlet_grid(metrics: pd.DataFrame, *, metric: str = "body_flesch_kincaid_grade", stories=None,
                           order=None, palette=None, ax=None):
    """Story x outlet grid of one metric (from ``corpus_metrics``): the mean over the outlet's
    articles in the story, coloured by its distance from that story's mean over outlets
    (so the grid shows outlets, not how hard each story was); empty cells: outlet absent.
    Rows are ``stories`` (default: every story, in order of appearance); columns follow
    ``order`` (outlets it lacks after it, alphabetically); the outlet names stand above the
    grid as well as below, so a tall grid (a hundred stories) is read without scrolling to
    its foot."""
    ax = _ax(ax)
    data = metrics[["story", "outlet", metric]].dropna()
    outlets = [o for o in (order or []) if o in set(data["outlet"])]
    outlets += sorted(o for o in set(data["outlet"]) if o not in outlets)
    stories = list(dict.fromkeys(metrics["story"])) if stories is None else list(stories)
    mean = data.groupby(["story", "outlet"])[metric].mean().unstack("outlet").reindex(index=stories, columns=outlets)
    count = data.groupby(["story", "outlet"])[metric].size().unstack("outlet").reindex(index=stories, columns=outlets)
    centred = mean.sub(mean.mean(axis=1), axis=0)
    limit = float(np.nanmax(np.abs(centred.to_numpy()))) if np.isfinite(centred.to_numpy()).any() else 1.0
    image = ax.imshow(np.ma.masked_invalid(centred.to_numpy(float)), cmap="RdBu_r", vmin=-limit or -1, vmax=limit or 1,
                      aspect="auto")
    for i in range(len(stories)):
        for j in range(len(outlets)):
            value = mean.iat[i, j]
            text = "absent" if not np.isfinite(value) else f"{value:.2f}\n(n={int(count.iat[i, j])})"
            dark = np.isfinite(centred.iat[i, j]) and abs(centred.iat[i, j]) > 0.6 * limit
            ax.text(j, i, text, ha="center", va="center", fontsize=7, color="white" if dark else "#333333")
    ax.set_xticks(range(len(outlets)), outlets, rotation=20, ha="right")
    ax.tick_params(axis="x", top=True, labeltop=True)
    colours = outlet_colours(outlets, order, palette)
    for tick, outlet in zip(ax.xaxis.get_major_ticks(), outlets):
        tick.label1.set_color(colours[outlet])
        tick.label2.set(color=colours[outlet], rotation=20, ha="left")
    ax.set_yticks(range(len(stories)), stories, fontsize=7.5)
    ax.grid(False)
    ax.figure.colorbar(image, ax=ax, label="minus the story's mean over outlets")
    title = f"{_metric_label(metric)} by story and outlet (n = articles)"
    if len(stories) < 2:
        title += "\none story: the colour is each outlet's distance from this story's mean, not a pattern"
    ax.set_title(title, pad=32)
    return ax


#: Colours of the voices in :func:`plot_study_voices` (Paul Tol's muted scheme, as the page roles).
VOICE_COLOURS = {"narration": "#332288", "reported": "#88CCEE", "mixed": "#DDCC77", "quotation": "#CC6677"}


def study_voice_shares(metrics: pd.DataFrame, *, order=None) -> pd.DataFrame:
    """Share of each outlet's body sentences in each voice, over stories (from ``corpus_metrics``).

    Within a story, an outlet's share of a voice is its articles' sentences in that voice
    over all their body sentences; over stories, the mean of those shares (each story weighs
    the same, as in :mod:`analysis.compare.across_stories`).  One row per outlet (in
    ``order``, others after in order of appearance): ``outlet``, ``n_stories``, ``n_articles``,
    ``n_sentences`` and ``share_<voice>`` for each voice of :data:`VOICE_COLOURS`.
    """
    counts = [f"n_{v}" for v in VOICE_COLOURS]
    data = metrics[["story", "outlet", "article_id"] + counts].dropna(subset=counts)
    per_story = data.groupby(["outlet", "story"], sort=False)[counts].sum()
    total = per_story.sum(axis=1)
    shares = per_story[total > 0].div(total[total > 0], axis=0)
    shares.columns = [f"share_{v}" for v in VOICE_COLOURS]
    mean = shares.groupby(level="outlet", sort=False).mean()
    outlets = _in_order(data["outlet"], order)
    table = pd.DataFrame({
        "outlet": outlets,
        "n_stories": [int((total.loc[o] > 0).sum()) if o in total.index else 0 for o in outlets],
        "n_articles": [int((data["outlet"] == o).sum()) for o in outlets],
        "n_sentences": [int(total.loc[o].sum()) if o in total.index else 0 for o in outlets],
    })
    return table.join(mean.reindex(outlets).reset_index(drop=True))


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def plot_study_voices(metrics: pd.DataFrame, *, order=None, palette=None, ax=None):
    """Who speaks across stories: each outlet's body sentences by voice (narration, reported,
    mixed, quotation), the mean over stories of each story's share (from ``corpus_metrics``,
    see :func:`study_voice_shares`); one bar per outlet, labelled with its stories, articles
    and sentences."""
    ax = _ax(ax)
    table = study_voice_shares(metrics, order=order)
    table = table[table["n_sentences"] > 0].reset_index(drop=True)
    ax.set_title("Who speaks across stories: sentences by voice")
    if table.empty:
        ax.text(0.5, 0.5, "no body sentence in these articles", transform=ax.transAxes, ha="center", va="center")
        return ax
    left = np.zeros(len(table))
    for voice, colour in VOICE_COLOURS.items():
        widths = table[f"share_{voice}"].to_numpy(float)
        ax.barh(range(len(table)), widths, left=left, color=colour, edgecolor="white", label=voice)
        for k, (start, width) in enumerate(zip(left, widths)):
            if width >= 0.06:
                ax.text(start + width / 2, k, f"{width:.0%}", ha="center", va="center", fontsize=7.5,
                        color="white" if voice == "narration" else "#222222")
        left += widths
    labels = [f"{r.outlet}\n({_count(r.n_stories, 'story', 'stories')}, {_count(r.n_articles, 'article')}, "
              f"{_count(r.n_sentences, 'sentence')})" for r in table.itertuples(index=False)]
    ax.set_yticks(range(len(table)), labels, fontsize=8)
    colours = outlet_colours(table["outlet"], order, palette)
    for tick, outlet in zip(ax.get_yticklabels(), table["outlet"]):
        tick.set_color(colours[outlet])
    ax.set_xlim(0, 1)
    ax.set_ylim(len(table) - 0.5, -0.5)
    n_stories = metrics["story"].nunique()
    ax.set_xlabel("share of the outlet's body sentences, mean over the stories it covered (each story weighs the same)"
                  + ("\none story: these are that story's shares, not a habit of the outlet" if n_stories < 2 else ""))
    _legend_outside(ax)
    return ax


def plot_study_sources(sources: pd.DataFrame, *, top: int = 15, order=None, palette=None, ax=None):
    """Who gets a voice across stories: a source x outlet dot matrix (from
    ``compare.study_sources.outlet_sources``): a dot where an outlet quoted the source, its
    area and number the stories in which it did; rows are the ``top`` sources quoted in the
    most stories over all outlets, labelled with their kind and whether more than one
    outlet quoted them (shared) or one alone (exclusive)."""
    ax = _ax(ax)
    ax.set_title("Who gets a voice across stories: sources by outlet")
    if sources.empty:  # say so, instead of an empty chart
        ax.text(0.5, 0.5, "no attributed source in these articles", transform=ax.transAxes, ha="center", va="center")
        return ax
    outlets = _in_order(sources["outlet"], order)
    totals = sources.groupby("study_source")["n_stories"].sum()
    names = sorted(totals.index, key=lambda n: (-totals[n], n))[:top]
    info = sources.drop_duplicates("study_source").set_index("study_source")
    colours = outlet_colours(outlets, order, palette)
    biggest = max(1, int(sources["n_stories"].max()))
    for i, name in enumerate(names):
        for j, outlet in enumerate(outlets):
            hit = sources[(sources["study_source"] == name) & (sources["outlet"] == outlet)]
            if hit.empty:
                continue
            n = int(hit["n_stories"].iloc[0])
            ax.scatter(j, i, s=60 + 540 * n / biggest, color=colours[outlet], alpha=0.85, zorder=3)
            ax.text(j, i, str(n), ha="center", va="center", fontsize=7.5, color="white", zorder=4)
    ax.set_xticks(range(len(outlets)), [f"{o}\n({int(sources.loc[sources['outlet'] == o, 'study_source'].nunique())} sources)"
                                        for o in outlets], fontsize=8)
    for tick, outlet in zip(ax.get_xticklabels(), outlets):
        tick.set_color(colours[outlet])
    ax.set_yticks(range(len(names)), [f"{n} ({info.at[n, 'source_kind']}, {info.at[n, 'status']})" for n in names],
                  fontsize=8)
    ax.set_xlim(-0.6, len(outlets) - 0.4)
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.grid(False)
    shown = f"the {len(names)} of {len(totals)} sources quoted in the most stories" if len(totals) > len(names) else \
        f"all {len(totals)} sources"
    ax.set_xlabel(f"dot and number: stories in which the outlet quoted the source ({shown})")
    return ax
