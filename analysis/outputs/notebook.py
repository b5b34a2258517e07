"""The one setup call every notebook makes.

>>> STORY, corpus = open_study(DATA_DIR, STORY)     # doctest: +SKIP

It applies the package's figure style and table display options, picks the
story (the first in the manifest when none is given), loads it and says what
was loaded, so the five notebooks do not each carry a copy of the same cell.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from ..ingest.manifest import stories
from ..text.corpus import Corpus, load_corpus
from ..compare.order import study_outlets
from .plots import set_outlet_order, style_path


def open_study(data_dir=None, story: str | None = None) -> tuple[str, Corpus]:
    """Style, display options and the corpus of one story: returns ``(story, corpus)``."""
    plt.style.use(style_path())
    set_outlet_order(study_outlets(data_dir))  # one colour per outlet in every story's figures
    pd.set_option("display.max_colwidth", 120)
    story = story or stories(data_dir)[0]
    corpus = load_corpus(data_dir, story)
    print(f"story: {story}; articles: {len(corpus.articles)}")
    return story, corpus
