"""Build the figures from the raw data: ``python -m analysis figures``.

One function per figure (in :mod:`analysis.outputs.plots`), one style sheet, files named
for what they show.  By default the study's figures (outlets across every story:
:func:`study_figure_specs`) are written at the top of the output folder, read from the
per-article metrics and source rows of one streamed pass over the articles
(:func:`analysis.measures.pipeline.study_pass`), never every story's sentences at once; ``per_story=True`` also
draws every story's figures into ``<out>/<story>/`` and ``story=S`` draws that story's
only.  PNG output carries no date or software stamp, so running the command twice
changes no byte (with the pinned matplotlib and Pillow).

Writing is all or nothing per story: every PNG of a story is drawn into a fresh
hidden folder beside the target (``.<story>.tmp-*``), which then replaces
``<story>/`` by two renames.  An interrupted or failed run therefore leaves the
previous figures intact (no mix of old and new, no half-written PNG, no empty
folder), and the story folder holds exactly the figures of the last run.  The
study's figures are drawn into a hidden folder too and each moved into place whole.
Every path is checked to stay inside the output folder (ids and story names
are checked on entry by :mod:`analysis.ingest.manifest`).
"""
from __future__ import annotations

import functools
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Callable

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from ..measures import framing, readability, sentiment, sources, wording
from . import plots  # noqa: E402
from .plots import GRID_METRIC, GRID_PAGE, grid_pages  # noqa: E402,F401  (grid_pages: figures' API too)
from ..config import FIGURES_DIR  # noqa: E402
from ..text.corpus import Corpus, load_corpus  # noqa: E402
from ..ingest.manifest import read_manifest  # noqa: E402
from ..errors import InputDataError  # noqa: E402
from .atomic import inside, prepare_out_dir, remove_empty, staged_folder  # noqa: E402
from ..compare.order import study_outlets  # noqa: E402
from ..compare.wording_across import z_null_band  # noqa: E402
from ..compare import across_stories, study_sources  # noqa: E402
from ..measures.study_cache import cached_study_pass  # noqa: E402
from ..files import umask  # noqa: E402
from ..progress import Progress, progress as progress_lines  # noqa: E402

PNG_METADATA = {"Software": None}
#: A story with more articles than this gets one distinctive-terms figure per outlet (its
#: articles pooled) instead of one per article (a 2,000-article story drew 347 PNGs).
TERMS_PER_ARTICLE_MAX = 12


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


def figure_specs(corpus: Corpus, data_dir=None, order: list[str] | None = None) -> dict[str, Callable]:
    """File name (without .png) -> function drawing that figure on an Axes.

    A function may carry a ``figsize`` attribute (inches) when the default does not
    fit, and a ``group`` attribute naming the tables it shares with other figures
    (:class:`StoryTables`); the tables are computed when first drawn.  The framing
    dictionary and the distinctive terms are read here, so a bad dictionary fails
    before any figure is drawn.  ``order`` is the outlet order the colours follow
    (default: the data folder's, :func:`analysis.compare.order.study_outlets`).
    """
    order = study_outlets(data_dir) if order is None else order
    tables = StoryTables(corpus)
    try:
        frames = framing.framing_counts(corpus, data_dir=data_dir)
    except InputDataError as exc:
        if exc.path is None or exc.path.exists():
            raise  # a dictionary that is there but wrong must be fixed
        frames, missing = framing.pd.DataFrame(columns=framing.FRAMING_COLUMNS), exc  # no dictionary: say so in the figure
    else:
        missing = None
    specs = {
        "paragraph-roles-by-outlet": lambda ax: plots.plot_paragraph_roles(corpus.paragraphs, order=order, ax=ax),
        "readability-grades-body-by-outlet": _in_group("readability", lambda ax: plots.plot_readability_scores(
            tables.readability, scope="body", order=order, ax=ax)),
        "readability-grades-whole-page-by-outlet": _in_group("readability", lambda ax: plots.plot_readability_scores(
            tables.readability, scope="page", order=order, ax=ax)),
        "readability-narration-vs-quotation": _in_group("readability", lambda ax: plots.plot_readability_by_voice(
            tables.readability, order=order, ax=ax)),
        "sentence-length-by-outlet": _in_group("readability", lambda ax: plots.plot_sentence_lengths(
            tables.per_sentence, order=order, ax=ax)),
        "sentiment-arc-through-article": _in_group("sentiment", lambda ax: plots.plot_sentiment_arc(
            sentiment.sentiment_arc(tables.scored), order=order, ax=ax)),
        "sentiment-narration-vs-quotation": _in_group("sentiment", lambda ax: plots.plot_sentiment_by_voice(
            tables.sentiment_summary, order=order, ax=ax)),
        "sentiment-sentence-distribution": _in_group("sentiment", lambda ax: plots.plot_sentiment_distribution(
            tables.scored, order=order, ax=ax)),
        "framing-counts-by-outlet": lambda ax: plots.plot_framing_counts(frames, order=order, ax=ax),
        "sources-by-outlet": lambda ax: plots.plot_sources(sources.story_sources(corpus), order=order, ax=ax),
    }
    if missing is not None:
        specs["framing-counts-by-outlet"] = lambda ax: draw_note(
            ax, "Framing and naming", f"No framing figure: no dictionary at {missing.path}\n(columns: category, label, pattern).")
    n_labels = len(frames[["category", "label"]].drop_duplicates())
    specs["framing-counts-by-outlet"].figsize = (8.0, 1.2 + 0.32 * n_labels)
    if len(corpus.articles) > TERMS_PER_ARTICLE_MAX:
        specs.update(outlet_terms_specs(corpus, order))
    else:
        specs.update(article_terms_specs(corpus, tables, order))
    return specs


def article_terms_specs(corpus: Corpus, tables: StoryTables, order: list[str]) -> dict[str, Callable]:
    """One distinctive-terms figure per article (against the rest of its story), with the
    shuffled-sentences band; a note where there is nothing to compare."""
    terms = wording.distinctive_terms(corpus)
    specs: dict[str, Callable] = {}
    n_articles = corpus.articles.groupby("story")["article_id"].transform("size")
    for article_id, n in zip(corpus.articles["article_id"], n_articles):
        if (terms["article_id"] == article_id).any():
            specs[f"distinctive-terms-{article_id}"] = _in_group("terms", (
                lambda ax, a=article_id: plots.plot_distinctive_terms(terms, article_id=a, band=tables.z_band,
                                                                      order=order, ax=ax)))
        else:
            why = ("the story has only this article: nothing to compare its words with" if n < 2
                   else "this article or the rest of its story has no body word to compare")
            specs[f"distinctive-terms-{article_id}"] = lambda ax, a=article_id, w=why: draw_note(
                ax, f"Distinctive words: {a}", f"No distinctive-terms figure: {w}.")
    return specs


def outlet_file_names(outlets: list[str]) -> dict[str, str]:
    """A file-name part per outlet: lower case, runs of other characters than letters and
    digits as one hyphen (``"Yahoo News UK"`` -> ``yahoo-news-uk``); two outlets that would
    share one get ``-2``, ``-3`` after it, in the order given."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for outlet in outlets:
        base = re.sub(r"[^0-9a-z]+", "-", outlet.lower()).strip("-") or "outlet"
        name, k = base, 1
        while name in taken:
            k += 1
            name = f"{base}-{k}"
        taken.add(name)
        names[outlet] = name
    return names


def pooled_by_outlet(corpus: Corpus) -> Corpus:
    """The story's tokens with each outlet's articles pooled into one text named for the outlet
    (its sentences kept apart: ``sentence_id`` becomes ``article_id:sentence_id``), for
    :func:`analysis.measures.wording.distinctive_terms` by outlet."""
    tokens = corpus.tokens.assign(
        sentence_id=corpus.tokens["article_id"].astype(str) + ":" + corpus.tokens["sentence_id"].astype(str),
        article_id=corpus.tokens["outlet"])
    articles = corpus.articles.drop_duplicates("outlet").assign(article_id=lambda a: a["outlet"])
    return Corpus(articles=articles, paragraphs=corpus.paragraphs.iloc[:0], sentences=corpus.sentences.iloc[:0],
                  tokens=tokens, quotes=corpus.quotes.iloc[:0], texts={}, data_dir=corpus.data_dir)


def outlet_terms_specs(corpus: Corpus, order: list[str]) -> dict[str, Callable]:
    """For a story of many articles: one distinctive-terms figure per outlet, its articles'
    words pooled against the other outlets' (Monroe z, without the shuffled-sentences band,
    whose cost grows with the story's sentences squared; the plot labels the 1.96 lines
    uncalibrated)."""
    terms = wording.distinctive_terms(pooled_by_outlet(corpus))
    n_articles = corpus.articles["outlet"].value_counts()
    outlets = plots._in_order(corpus.articles["outlet"], order)
    specs: dict[str, Callable] = {}
    for outlet, name in outlet_file_names(outlets).items():
        title = f"Distinctive words: {outlet} ({n_articles[outlet]} articles pooled)"
        if (terms["article_id"] == outlet).any():
            specs[f"distinctive-terms-outlet-{name}"] = _in_group("terms", (
                lambda ax, o=outlet: plots.plot_distinctive_terms(terms, article_id=o, order=order, ax=ax)))
        else:
            specs[f"distinctive-terms-outlet-{name}"] = lambda ax, t=title: draw_note(
                ax, t, "No distinctive-terms figure: this outlet or the other outlets have no body word to compare"
                       if len(outlets) > 1 else "No distinctive-terms figure: one outlet covered this story.")
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


def _save_pending(index: int) -> tuple[int, BaseException | None]:
    """Draw one pending group of figures in a forked worker; return how many it drew and hand
    any failure back (even an interrupt) so the parent raises it, instead of a worker dying silently."""
    try:
        for draw, path in _PENDING[index]:
            save_figure(draw, path)
    except BaseException as exc:  # noqa: BLE001  (re-raised in the parent)
        return 0, exc
    return len(_PENDING[index]), None


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


def _share_out(groups: list[list[tuple[Callable, Path]]], workers: int) -> tuple[list, list]:
    """The groups this process draws and the ones its forked workers draw: ``groups`` (largest
    first) dealt to ``workers`` bins, each to the bin with the fewest figures so far (Graham's
    rule again); this process takes the first bin."""
    bins: list[list] = [[] for _ in range(workers)]
    loads = [0] * workers  # figures dealt to each bin so far
    for group in groups:
        lightest = loads.index(min(loads))  # the first of the lightest on a tie
        bins[lightest].append(group)
        loads[lightest] += len(group)
    return bins[0], [group for b in bins[1:] for group in b]


def _release_freed_memory() -> None:
    """Collect garbage and hand freed heap pages back to the system (glibc's ``malloc_trim``)
    before forking: a forked worker starts with the pages this process holds, so what was
    freed but kept by the allocator would count once more in every worker."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def save_figures(jobs: list[tuple[Callable, Path]], workers: int | None = None, progress: bool = False,
                 desc: str = "figures") -> None:
    """Draw each ``(draw, path)`` job: in this process and forked ones when there are several CPUs.

    The figures are independent, so they are drawn in parallel, a group of figures
    that read the same tables (see :class:`StoryTables`) in one process; this process
    draws one worker's share itself and ``workers - 1`` forks draw the rest (one process
    fewer holding the tables, the same parallelism); each fork inherits the drawing
    functions (closures over the tables) without pickling them.  A PNG does not depend on
    which process drew it (the same style, data and pinned libraries), so the files are
    byte-identical to drawing them one by one.  Where ``fork`` is not available
    (Windows, macOS's default) they are drawn here, one by one.  With ``progress`` the
    figures drawn are counted on stderr (:mod:`analysis.progress`).
    """
    global _PENDING
    workers = figure_workers() if workers is None else workers
    groups = _groups(jobs, workers)
    workers = min(workers, len(groups))
    with Progress(len(jobs), desc=desc, unit="figures", enabled=progress) as bar:
        if workers < 2 or not sys.platform.startswith("linux"):
            for draw, path in jobs:
                save_figure(draw, path)
                bar.update()
            return
        import multiprocessing

        mine, theirs = _share_out(groups, workers)
        _PENDING = theirs
        _release_freed_memory()
        try:
            with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
                drawn_elsewhere = pool.imap_unordered(_save_pending, range(len(theirs)))
                for group in mine:
                    for draw, path in group:
                        save_figure(draw, path)
                        bar.update()
                for drawn, failure in drawn_elsewhere:
                    if failure is not None:
                        raise failure
                    bar.update(drawn)
        finally:
            _PENDING = []


def build_story_figures(corpus: Corpus, out: Path, name: str, data_dir=None, order: list[str] | None = None,
                        progress: bool = False) -> list[Path]:
    """Draw every figure of one story into a hidden folder, then put it in place of ``out/<name>``."""
    folder = inside(out, name)
    specs = figure_specs(corpus, data_dir, order)
    files = [f"{figure_name}.png" for figure_name in specs]
    for file in files:
        inside(folder, file)
    with staged_folder(out, name) as staged:
        save_figures([(draw, staged / file) for file, draw in zip(files, specs.values())], progress=progress,
                     desc=f"figures of {name}")
    return [out / name / file for file in files]


FAMILIES = ("readability", "sentiment", "voice")


def _sized(draw: Callable, figsize: tuple[float, float]) -> Callable:
    draw.figsize = figsize
    return draw


def _forest(differences: pd.DataFrame | None, refusal: str, family: str, order: list[str]) -> Callable:
    title = f"Outlet differences across stories: {family}"
    if differences is None:
        return lambda ax: draw_note(ax, title, f"No forest plot: {refusal}")
    rows = differences[differences["difference"].notna() &
                       (differences["metric"].map(plots._metric_family) == family)]
    if rows.empty:
        return lambda ax: draw_note(ax, title, "No forest plot: no metric of this family could be compared.")
    # more than two outlets: each against the rest (one row per outlet and metric); the pairs
    # are in the table of python -m analysis compare
    kind = "vs rest" if (rows["comparison"] == "vs rest").any() else "pair"
    n_rows = int((rows["comparison"] == kind).sum())
    return _sized(lambda ax: plots.plot_outlet_effects(differences, family=family, comparison=kind, order=order, ax=ax),
                  (8.0, 1.4 + 0.26 * n_rows))


def grid_specs(metrics: pd.DataFrame, order: list[str]) -> dict[str, Callable]:
    """``story-outlet-grid`` (``story-outlet-grid-01``, ``-02``, ... past :data:`GRID_PAGE` stories)."""
    pages = grid_pages(metrics)
    n_all, n_shown = metrics["story"].nunique(), sum(len(p) for p in pages)
    width = max(7.0, 2.5 + 1.1 * metrics["outlet"].nunique())

    def draw(ax, rows: list[str], k: int):
        plots.plot_story_outlet_grid(metrics, metric=GRID_METRIC, stories=rows, order=order, ax=ax)
        notes = []
        if n_shown < n_all:
            notes.append(f"the {n_shown} of {n_all} stories covered by two or more outlets")
        if len(pages) > 1:
            notes.append(f"page {k + 1} of {len(pages)}")
        if notes:
            ax.set_title(ax.get_title(loc="left") + "\n" + "; ".join(notes), loc="left", pad=32)
        return ax

    names = ["story-outlet-grid"] if len(pages) == 1 else [f"story-outlet-grid-{k + 1:02d}" for k in range(len(pages))]
    return {name: _sized(lambda ax, rows=rows, k=k: draw(ax, rows, k), (width, 1.8 + 0.32 * len(rows)))
            for k, (name, rows) in enumerate(zip(names, pages))}


def study_figure_specs(data_dir=None, order: list[str] | None = None, progress: bool = False,
                       cache: bool = True) -> dict[str, Callable]:
    """File name (without .png) -> function drawing one of the study's figures on an Axes.

    Read from one streamed pass over the articles (:func:`~analysis.measures.pipeline.study_pass`:
    the per-article metrics of :func:`~analysis.measures.pipeline.corpus_metrics` and the source rows;
    from the cache when ``cache`` and the study's pass is there, :mod:`analysis.measures.study_cache`):

    * ``outlet-differences-<family>`` (readability, sentiment, voice): forest plot of the
      outlet differences over stories (:func:`~analysis.compare.across_stories.outlet_differences`,
      its default metrics; each outlet against the rest when there are more than two), or a
      note saying why there is none (e.g. one story: no interval over stories);
    * ``story-outlet-grid``: each story's outlet means of :data:`GRID_METRIC`;
    * ``sources-across-stories``: the sources quoted in the most stories, per outlet;
    * ``voices-across-stories``: each outlet's sentences by voice, over stories.
    """
    order = study_outlets(data_dir) if order is None else order
    # one streamed pass gives both the metrics and the source rows: each article is analysed once
    # (and not again when an earlier command of the same study left that pass in the cache)
    passed = cached_study_pass(data_dir, progress=progress, cache=cache)
    metrics = passed.metrics
    try:
        differences, refusal = across_stories.outlet_differences(metrics, outlets=order, cache=cache), ""
    except InputDataError as exc:  # e.g. one story, or no story with two outlets: said on the figure
        differences, refusal = None, str(exc).removeprefix("error: ")
    outlets = metrics["outlet"].nunique()
    specs = {f"outlet-differences-{family}": _forest(differences, refusal, family, order) for family in FAMILIES}
    specs.update(grid_specs(metrics, order))
    table = study_sources.outlet_sources(passed.sources, order)
    specs["sources-across-stories"] = _sized(
        lambda ax: plots.plot_study_sources(table, order=order, ax=ax),
        (max(7.0, 2.5 + 1.1 * outlets), 1.2 + 0.35 * min(15, table["study_source"].nunique() if len(table) else 1)))
    specs["voices-across-stories"] = _sized(lambda ax: plots.plot_study_voices(metrics, order=order, ax=ax),
                                            (8.0, 1.4 + 0.5 * outlets))
    return specs


def build_study_figures(out: Path, data_dir=None, order: list[str] | None = None, progress: bool = False,
                        cache: bool = True) -> list[Path]:
    """Draw the study's figures into a hidden folder in ``out``, then move each into ``out`` whole."""
    specs = study_figure_specs(data_dir, order, progress, cache)
    files = [f"{name}.png" for name in specs]
    for file in files:
        inside(out, file)
    staged = Path(tempfile.mkdtemp(prefix=".study.tmp-", dir=out))
    try:
        save_figures([(draw, staged / file) for file, draw in zip(files, specs.values())], progress=progress,
                     desc="figures of the study")
        for file in files:
            os.chmod(staged / file, 0o666 & ~umask())  # mkstemp-like privacy is not wanted for outputs
            os.replace(staged / file, out / file)
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    return [out / file for file in files]


def build_figures(data_dir=None, story: str | None = None, out_dir=None, progress: bool = False,
                  per_story: bool = False, cache: bool = True) -> list[Path]:
    """Draw the study's figures (default), and every story's with ``per_story``, or one ``story``'s
    only; return the paths written (the study's first).  ``cache=False``: analyse the articles
    even when the study's pass is cached (:mod:`analysis.measures.study_cache`).

    The study's figures are files at the top of the output folder, a story's are in
    ``<out>/<story>/`` (a story's name cannot end in ``.png``, so no name clashes).  With
    ``progress``, lines (or a bar on a terminal) on stderr say how far it is.  Raises
    :class:`InputDataError` for an unknown story, an output folder that is a file or cannot
    be written, or a name that would leave the output folder.
    """
    out = Path(out_dir) if out_dir is not None else FIGURES_DIR
    if story:
        read_manifest(data_dir, story)  # an unknown story fails here, before any folder is made
    created = prepare_out_dir(out)
    order = study_outlets(data_dir)  # one colour per outlet across every figure of the data folder
    written: list[Path] = []
    try:
        if not story:
            written += build_study_figures(out, data_dir, order, progress, cache)
        if story or per_story:
            stories = [story] if story else list(dict.fromkeys(read_manifest(data_dir)["story"]))
            for name in progress_lines(stories, desc="figures", unit="stories", enabled=progress and len(stories) > 1):
                corpus = load_corpus(data_dir, name)
                if corpus.articles.empty:  # every article of the story failed (named in the closing note)
                    continue
                written += build_story_figures(corpus, out, name, data_dir, order, progress and len(stories) == 1)
    finally:
        if created and not written:
            remove_empty(out)
    return written
