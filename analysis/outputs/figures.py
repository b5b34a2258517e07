"""Build every figure from the raw data: ``python -m analysis figures``.

One function per figure (in :mod:`analysis.outputs.plots`), one style sheet, files named
for what they show, written to ``figures/<story>/``.  PNG output carries no
date or software stamp, so running the command twice changes no byte (with the
pinned matplotlib and Pillow).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from ..measures import framing, readability, sentiment, sources, wording
from . import plots  # noqa: E402
from ..config import FIGURES_DIR  # noqa: E402
from ..text.corpus import Corpus, load_corpus  # noqa: E402
from ..ingest.manifest import read_manifest  # noqa: E402
from ..compare.order import study_outlets  # noqa: E402
from ..compare.wording_across import z_null_band  # noqa: E402

PNG_METADATA = {"Software": None}


def figure_specs(corpus: Corpus, data_dir=None) -> dict[str, Callable]:
    """File name (without .png) -> function drawing that figure on an Axes.

    A function may carry a ``figsize`` attribute (inches) when the default does not fit.
    """
    read = readability.readability_table(corpus)
    scored = sentiment.sentence_sentiment(corpus)
    summary = sentiment.sentiment_summary(corpus)
    terms = wording.distinctive_terms(corpus)
    band = z_null_band(corpus)  # calibrated z lines (the informative prior shrinks z)
    frames = framing.framing_counts(corpus, data_dir=data_dir)
    specs = {
        "paragraph-roles-by-outlet": lambda ax: plots.plot_paragraph_roles(corpus.paragraphs, ax=ax),
        "readability-grades-body-by-outlet": lambda ax: plots.plot_readability_scores(read, scope="body", ax=ax),
        "readability-grades-whole-page-by-outlet": lambda ax: plots.plot_readability_scores(read, scope="page", ax=ax),
        "readability-narration-vs-quotation": lambda ax: plots.plot_readability_by_voice(read, ax=ax),
        "sentence-length-by-outlet": lambda ax: plots.plot_sentence_lengths(readability.sentence_readability(corpus), ax=ax),
        "sentiment-arc-through-article": lambda ax: plots.plot_sentiment_arc(sentiment.sentiment_arc(scored), ax=ax),
        "sentiment-narration-vs-quotation": lambda ax: plots.plot_sentiment_by_voice(summary, ax=ax),
        "sentiment-sentence-distribution": lambda ax: plots.plot_sentiment_distribution(scored, ax=ax),
        "framing-counts-by-outlet": lambda ax: plots.plot_framing_counts(frames, ax=ax),
        "sources-by-outlet": lambda ax: plots.plot_sources(sources.story_sources(corpus), ax=ax),
    }
    n_labels = len(frames[["category", "label"]].drop_duplicates())
    specs["framing-counts-by-outlet"].figsize = (8.0, 1.2 + 0.32 * n_labels)
    for article_id in corpus.articles["article_id"]:
        specs[f"distinctive-terms-{article_id}"] = (
            lambda ax, a=article_id: plots.plot_distinctive_terms(terms, article_id=a, band=band, ax=ax))
    return specs


def save_figure(draw: Callable, path: Path) -> Path:
    with plots.house_style():
        fig, ax = plt.subplots(figsize=getattr(draw, "figsize", None))
        draw(ax)
        fig.savefig(path, format="png", metadata=PNG_METADATA)
        plt.close(fig)
    return path


def build_figures(data_dir=None, story: str | None = None, out_dir=None) -> list[Path]:
    """Regenerate every figure of every story (or one); return the paths written."""
    out = Path(out_dir) if out_dir is not None else FIGURES_DIR
    stories = [story] if story else list(dict.fromkeys(read_manifest(data_dir)["story"]))
    # one colour per outlet across every story of the data folder
    plots.set_outlet_order(study_outlets(data_dir))
    written = []
    for name in stories:
        corpus = load_corpus(data_dir, name)
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        for figure_name, draw in figure_specs(corpus, data_dir).items():
            written.append(save_figure(draw, folder / f"{figure_name}.png"))
    return written
