"""Linking sources across a story's (or a study's) articles: the blocked, linear linker gives the
clusters of the definition (each name, heaviest first, joins the first earlier cluster holding a
name it matches), checked against that definition written out plainly, on hand-made and random
lists of names."""
from __future__ import annotations

import random

import pandas as pd
import pytest

from analysis.measures.sources import cluster_names, link_story_sources, same_source

POOL = ["Robert Roe", "Bob Roe", "Rob Roe", "Roe", "Robert J. Roe", "Robert Roe Jr.", "Review Editor Robert Roe",
        "Roberta Roe", "Jane Roe", "Janet Roe", "J. Roe", "Jane Doe", "Doe", "John Doe", "Jon Doe", "Johnny Doe",
        "Ann O'Hara", "Ann O’Hara", "O'Hara", "Anne O'Hara", "Katherine Smith", "Kathy Smith", "Catherine Smith",
        "Smith", "the ministry", "The Ministry", "Ministry of Health", "Example Review", "example review"]


def reference_clusters(sources: list[str], kind: str) -> list[int]:
    """The definition, compared name by name with every earlier cluster's every name."""
    clusters: list[list[str]] = []
    out = []
    for source in sources:
        for k, members in enumerate(clusters):
            if any(same_source(source, other, kind) for other in members):
                members.append(source)
                out.append(k)
                break
        else:
            clusters.append([source])
            out.append(len(clusters) - 1)
    return out


def test_hand_made_clusters():
    # Bob and Rob are Robert's nicknames; a bare "Roe" joins the first Roe cluster; Jane is another person.
    names = ["Robert Roe", "Jane Roe", "Bob Roe", "Roe", "Rob Roe", "Jane Doe"]
    assert cluster_names(names, "person") == [0, 1, 0, 0, 0, 2]
    # organisations match only when written the same (case and apostrophe aside)
    assert cluster_names(["The Ministry", "the ministry", "Ministry of Health"], "organisation") == [0, 0, 1]


@pytest.mark.parametrize("kind", ["person", "organisation", "unnamed"])
@pytest.mark.parametrize("seed", range(30))
def test_random_lists_give_the_clusters_of_the_definition(kind, seed):
    rng = random.Random(seed)
    names = [rng.choice(POOL) for _ in range(rng.randint(1, 60))]
    assert cluster_names(names, kind) == reference_clusters(names, kind)


def test_each_cluster_is_named_by_its_heaviest_name():
    table = pd.DataFrame({"story": ["s"] * 4, "source_kind": ["person"] * 4,
                          "source": ["Bob Roe", "Robert Roe", "Roe", "Jane Doe"], "n_sentences": [1, 3, 1, 2]})
    # Robert Roe (3 sentences) is taken first and names the cluster of Bob Roe and Roe too.
    assert link_story_sources(table).tolist() == ["Robert Roe", "Robert Roe", "Robert Roe", "Jane Doe"]
