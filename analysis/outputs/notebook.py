"""The one setup call every per-story notebook makes.

>>> study, STORY, corpus = open_story(DATA_DIR, STORY)     # doctest: +SKIP

It reads the data folder once (:class:`~analysis.ingest.study.Study`: manifest, stories, the
outlet order), applies the package's figure style and table display options, picks the story
(the first in the manifest when none is given), loads it and says what was loaded, so the
notebooks do not each carry a copy of the same cell.  Pass ``order=study.outlets`` to every
plot and an outlet keeps the colour it has in every other figure of the study (``figures``),
whichever outlets one story has.
"""
from __future__ import annotations

from typing import NamedTuple

import matplotlib.pyplot as plt
import pandas as pd

from ..ingest.study import Study, open_study
from ..text.corpus import Corpus, load_corpus
from .plots import style_path


class OpenedStory(NamedTuple):
    """What :func:`open_story` returns: the study, the story's name and its corpus."""

    study: Study
    story: str
    corpus: Corpus


def open_story(data_dir=None, story: str | None = None) -> OpenedStory:
    """Study, style, display options and the corpus of one story."""
    study = open_study(data_dir)
    plt.style.use(style_path())
    pd.set_option("display.max_colwidth", 120)
    story = story or study.stories[0]
    corpus = load_corpus(study.data_dir, story)
    print(f"story: {story}; articles: {len(corpus.articles)}")
    return OpenedStory(study, story, corpus)
