"""One colour per outlet across every figure: the per-story notebooks colour outlets by the
study's outlet order, not by their order within the story.

A second story covered by the second outlet only: in the study's figures that outlet has the
second colour of the palette, and a notebook figure of that story must give it the same.
"""
from __future__ import annotations

import json
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from analysis.config import NOTEBOOKS_DIR  # noqa: E402
from analysis.outputs import plots  # noqa: E402
from analysis.outputs.notebook import open_story  # noqa: E402
from conftest import SEED_DATA, seed_plus  # noqa: E402

ARTICLE = ("Ministers met on Tuesday to discuss the plan.\n\n"
           "\"We will act,\" said Jane Roe, a spokeswoman.\n\n"
           "The plan was published later that day and runs to forty pages.\n")


def _per_story_notebooks():
    return sorted(NOTEBOOKS_DIR.glob("0[0-4]-*.ipynb"))


def test_every_plot_call_in_the_per_story_notebooks_passes_the_study_order():
    calls = []
    for path in _per_story_notebooks():
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                calls += [(path.name, c) for c in re.findall(r"plots\.plot_\w+\(.*\)", "".join(cell["source"]))]
    assert len(calls) >= 10  # every per-story notebook draws figures
    assert [c for c in calls if "order=study.outlets" not in c[1]] == []


def test_a_story_without_the_first_outlet_keeps_the_study_colours(tmp_path):
    with (SEED_DATA / "manifest.csv").open(encoding="utf-8") as handle:
        outlets = list(dict.fromkeys(line.split(",")[2] for line in list(handle)[1:]))
    second = outlets[1]
    data = seed_plus(tmp_path / "data", {"late.txt": ARTICLE},
                     [{"id": "late-1", "story": "later-story", "outlet": second, "file": "raw/late.txt"}])
    study, story, corpus = open_story(data, "later-story")
    assert story == "later-story" and list(corpus.articles["outlet"]) == [second]
    assert study.outlets[:2] == outlets[:2]
    ax = plots.plot_sentence_lengths(__import__("analysis").sentence_readability(corpus), order=study.outlets)
    colours = {to_hex(c.get_facecolor()[0]) for c in ax.collections if len(c.get_offsets())}
    plt.close("all")
    # The palette's second colour (Okabe & Ito's orange, #E69F00), the colour the study's figures give it.
    assert colours == {"#e69f00"}
