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
from .plots import style_path


def open_study(data_dir=None, story: str | None = None) -> tuple[str, Corpus]:
    """Style, display options and the corpus of one story: returns ``(story, corpus)``."""
    plt.style.use(style_path())
    pd.set_option("display.max_colwidth", 120)
    story = story or stories(data_dir)[0]
    corpus = load_corpus(data_dir, story)
    print(f"story: {story}; articles: {len(corpus.articles)}")
    return story, corpus
