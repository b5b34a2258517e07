"""Build every figure from the raw data: ``python -m analysis figures``.

One function per figure (in :mod:`analysis.outputs.plots`), one style sheet, files named
for what they show, written to ``figures/<story>/``.  PNG output carries no
date or software stamp, so running the command twice changes no byte (with the
pinned matplotlib and Pillow).

Writing is all or nothing per story: every PNG of a story is drawn into a fresh
hidden folder beside the target (``.<story>.tmp-*``), which then replaces
``<story>/`` by two renames.  An interrupted or failed run therefore leaves the
previous figures intact (no mix of old and new, no half-written PNG, no empty
folder), and the story folder holds exactly the figures of the last run.
Every path is checked to stay inside the output folder (ids and story names
are checked on entry by :mod:`analysis.ingest.manifest`).
"""
from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Callable

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from ..measures import framing, readability, sentiment, sources, wording
from . import plots  # noqa: E402
from ..config import FIGURES_DIR  # noqa: E402
from ..text.corpus import Corpus, load_corpus  # noqa: E402
from ..ingest.manifest import read_manifest  # noqa: E402
from ..errors import InputDataError  # noqa: E402
from .atomic import inside, prepare_out_dir, remove_empty, staged_folder  # noqa: E402
from ..compare.order import study_outlets  # noqa: E402
from ..compare.wording_across import z_null_band  # noqa: E402

PNG_METADATA = {"Software": None}


class StoryTables:
    """The tables behind one story's figures, each computed when a figure first reads it.

    Figures that read the same tables form a group (their ``group`` attribute) and
    are drawn by the same process, so drawing processes share out the computing of
    the tables as well as the drawing, each table computed by the one process that
    draws its figures (see :func:`_groups` for a group too long for one process).
    """

    def __init__(self, corpus: Corpus):
        self.corpus = corpus

    @functools.cached_property
    def per_sentence(self) -> pd.DataFrame:
        return readability.sentence_readability(self.corpus)

    @functools.cached_property
    def readability(self) -> pd.DataFrame:
        return readability.readability_table(self.corpus, per_sentence=self.per_sentence)

    @functools.cached_property
    def scored(self) -> pd.DataFrame:
        return sentiment.sentence_sentiment(self.corpus)

    @functools.cached_property
    def sentiment_summary(self) -> pd.DataFrame:
        return sentiment.sentiment_summary(self.corpus, scored=self.scored)

    @functools.cached_property
    def z_band(self) -> pd.DataFrame:
        return z_null_band(self.corpus)  # calibrated z lines (the informative prior shrinks z)


def _in_group(group: str, draw: Callable) -> Callable:
    draw.group = group
    return draw


def figure_specs(corpus: Corpus, data_dir=None) -> dict[str, Callable]:
    """File name (without .png) -> function drawing that figure on an Axes.

    A function may carry a ``figsize`` attribute (inches) when the default does not
    fit, and a ``group`` attribute naming the tables it shares with other figures
    (:class:`StoryTables`); the tables are computed when first drawn.  The framing
    dictionary and the distinctive terms are read here, so a bad dictionary fails
    before any figure is drawn.
    """
    tables = StoryTables(corpus)
    terms = wording.distinctive_terms(corpus)
    try:
        frames = framing.framing_counts(corpus, data_dir=data_dir)
    except InputDataError as exc:
        if exc.path is None or exc.path.exists():
            raise  # a dictionary that is there but wrong must be fixed
        frames, missing = framing.pd.DataFrame(columns=framing.FRAMING_COLUMNS), exc  # no dictionary: say so in the figure
    else:
        missing = None
    specs = {
        "paragraph-roles-by-outlet": lambda ax: plots.plot_paragraph_roles(corpus.paragraphs, ax=ax),
        "readability-grades-body-by-outlet": _in_group("readability", lambda ax: plots.plot_readability_scores(
            tables.readability, scope="body", ax=ax)),
        "readability-grades-whole-page-by-outlet": _in_group("readability", lambda ax: plots.plot_readability_scores(
            tables.readability, scope="page", ax=ax)),
        "readability-narration-vs-quotation": _in_group("readability", lambda ax: plots.plot_readability_by_voice(
            tables.readability, ax=ax)),
        "sentence-length-by-outlet": _in_group("readability", lambda ax: plots.plot_sentence_lengths(
            tables.per_sentence, ax=ax)),
        "sentiment-arc-through-article": _in_group("sentiment", lambda ax: plots.plot_sentiment_arc(
            sentiment.sentiment_arc(tables.scored), ax=ax)),
        "sentiment-narration-vs-quotation": _in_group("sentiment", lambda ax: plots.plot_sentiment_by_voice(
            tables.sentiment_summary, ax=ax)),
        "sentiment-sentence-distribution": _in_group("sentiment", lambda ax: plots.plot_sentiment_distribution(
            tables.scored, ax=ax)),
        "framing-counts-by-outlet": lambda ax: plots.plot_framing_counts(frames, ax=ax),
        "sources-by-outlet": lambda ax: plots.plot_sources(sources.story_sources(corpus), ax=ax),
    }
    if missing is not None:
        specs["framing-counts-by-outlet"] = lambda ax: draw_note(
            ax, "Framing and naming", f"No framing figure: no dictionary at {missing.path}\n(columns: category, label, pattern).")
    n_labels = len(frames[["category", "label"]].drop_duplicates())
    specs["framing-counts-by-outlet"].figsize = (8.0, 1.2 + 0.32 * n_labels)
    n_articles = corpus.articles.groupby("story")["article_id"].transform("size")
    for article_id, n in zip(corpus.articles["article_id"], n_articles):
        if (terms["article_id"] == article_id).any():
            specs[f"distinctive-terms-{article_id}"] = _in_group("terms", (
                lambda ax, a=article_id: plots.plot_distinctive_terms(terms, article_id=a, band=tables.z_band, ax=ax)))
        else:
            why = ("the story has only this article: nothing to compare its words with" if n < 2
                   else "this article or the rest of its story has no body word to compare")
            specs[f"distinctive-terms-{article_id}"] = lambda ax, a=article_id, w=why: draw_note(
                ax, f"Distinctive words: {a}", f"No distinctive-terms figure: {w}.")
    return specs


def draw_note(ax, title: str, message: str):
    """A figure that says why there is nothing to draw (instead of an empty or missing chart)."""
    ax.set_axis_off()
    ax.set_title(title)
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", wrap=True, fontsize=10)
    return ax


def save_figure(draw: Callable, path: Path) -> Path:
    with plots.house_style():
        fig, ax = plt.subplots(figsize=getattr(draw, "figsize", None))
        draw(ax)
        fig.savefig(path, format="png", metadata=PNG_METADATA)
        plt.close(fig)
    return path


def figure_workers() -> int:
    """Processes that draw figures: the CPUs this process may use, at most 4 (set
    ``OUTLET_COMPARE_FIGURE_WORKERS=1`` to draw in this process only)."""
    setting = os.environ.get("OUTLET_COMPARE_FIGURE_WORKERS", "")
    if setting.strip().isdigit() and int(setting) >= 1:
        return int(setting)
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(4, cpus))


_PENDING: list[list[tuple[Callable, Path]]] = []


def _save_pending(index: int) -> BaseException | None:
    """Draw one pending group of figures in a forked worker; hand any failure back
    (even an interrupt) so the parent raises it, instead of a worker dying silently."""
    try:
        for draw, path in _PENDING[index]:
            save_figure(draw, path)
    except BaseException as exc:  # noqa: BLE001  (re-raised in the parent)
        return exc
    return None


def _groups(jobs: list[tuple[Callable, Path]], workers: int) -> list[list[tuple[Callable, Path]]]:
    """The jobs gathered by their draw function's ``group`` (a job without one is a group
    of its own), a group longer than an even share of the jobs cut into pieces of that
    share (so a story with many articles still spreads its term figures over every
    worker, each computing their shared table once), largest first: handing the
    longest work out first keeps the workers busy to the end (Graham's
    longest-processing-time-first rule)."""
    share = -(-len(jobs) // max(1, workers))
    groups: dict[object, list[tuple[Callable, Path]]] = {}
    for k, (draw, path) in enumerate(jobs):
        groups.setdefault(getattr(draw, "group", None) or k, []).append((draw, path))
    pieces = [group[i:i + share] for group in groups.values() for i in range(0, len(group), share)]
    return sorted(pieces, key=len, reverse=True)  # stable: ties keep the jobs' order


def save_figures(jobs: list[tuple[Callable, Path]], workers: int | None = None) -> None:
    """Draw each ``(draw, path)`` job: in forked processes when there are several CPUs.

    The figures are independent, so they are drawn in parallel, a group of figures
    that read the same tables (see :class:`StoryTables`) in one process; each
    worker is a fork of this process and inherits the drawing functions (closures
    over the story's tables) without pickling them.  A PNG does not depend on which
    process drew it (the same style, data and pinned libraries), so the files are
    byte-identical to drawing them one by one.  Where ``fork`` is not available
    (Windows, macOS's default) they are drawn here, one by one.
    """
    global _PENDING
    workers = figure_workers() if workers is None else workers
    groups = _groups(jobs, workers)
    workers = min(workers, len(groups))
    if workers < 2 or not sys.platform.startswith("linux"):
        for draw, path in jobs:
            save_figure(draw, path)
        return
    import multiprocessing

    _PENDING = groups
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for failure in pool.imap_unordered(_save_pending, range(len(groups))):
                if failure is not None:
                    raise failure
    finally:
        _PENDING = []


def build_story_figures(corpus: Corpus, out: Path, name: str, data_dir=None) -> list[Path]:
    """Draw every figure of one story into a hidden folder, then put it in place of ``out/<name>``."""
    folder = inside(out, name)
    specs = figure_specs(corpus, data_dir)
    files = [f"{figure_name}.png" for figure_name in specs]
    for file in files:
        inside(folder, file)
    with staged_folder(out, name) as staged:
        save_figures([(draw, staged / file) for file, draw in zip(files, specs.values())])
    return [out / name / file for file in files]


def _progress(items: list, enabled: bool, unit: str):
    """A progress bar on stderr over ``items`` when asked (a terminal), else the items."""
    if not enabled or len(items) < 2:
        return items
    from tqdm import tqdm

    return tqdm(items, unit=unit.rstrip("s"), mininterval=1.0)


def build_figures(data_dir=None, story: str | None = None, out_dir=None, progress: bool = False) -> list[Path]:
    """Regenerate every figure of every story (or one); return the paths written.

    Raises :class:`InputDataError` for an unknown story, an output folder that is a
    file or cannot be written, or a name that would leave the output folder.
    """
    out = Path(out_dir) if out_dir is not None else FIGURES_DIR
    stories = [story] if story else list(dict.fromkeys(read_manifest(data_dir)["story"]))
    if story:
        read_manifest(data_dir, story)  # an unknown story fails here, before any folder is made
    created = prepare_out_dir(out)
    # one colour per outlet across every story of the data folder
    plots.set_outlet_order(study_outlets(data_dir))
    written = []
    try:
        for name in _progress(stories, progress, "stories"):
            corpus = load_corpus(data_dir, name)
            if corpus.articles.empty:  # every article of the story failed (named in the closing note)
                continue
            written += build_story_figures(corpus, out, name, data_dir)
    finally:
        if created and not written:
            remove_empty(out)
    return written
