"""Linking sources across a story's (or a study's) articles: the blocked, linear linker gives the
clusters of the definition (each name, heaviest first, joins the first earlier cluster holding a
name it matches), checked against that definition written out plainly, on hand-made and random
lists of names."""
from __future__ import annotations

import functools
import itertools
import random
import string

import pandas as pd
import pytest

from analysis.measures.sources import _letters, _within_two, cluster_names, levenshtein, link_story_sources, same_source

POOL = ["Robert Roe", "Bob Roe", "Rob Roe", "Roe", "Robert J. Roe", "Robert Roe Jr.", "Review Editor Robert Roe",
        "Roberta Roe", "Jane Roe", "Janet Roe", "J. Roe", "Jane Doe", "Doe", "John Doe", "Jon Doe", "Johnny Doe",
        "Ann O'Hara", "Ann O’Hara", "O'Hara", "Anne O'Hara", "Katherine Smith", "Kathy Smith", "Catherine Smith",
        "Smith", "the ministry", "The Ministry", "Ministry of Health", "Example Review", "example review"]


def reference_clusters(sources: list[str], kind: str, same=same_source) -> list[int]:
    """The definition, compared name by name with every earlier cluster's every name."""
    clusters: list[list[str]] = []
    out = []
    for source in sources:
        for k, members in enumerate(clusters):
            if any(same(source, other, kind) for other in members):
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


# Adversarial lists: many names under a few surnames (one very common), nickname chains that do not
# close (Robert ~ Bert ~ Albert, Robert !~ Albert), near-misspellings at edit distance 1-3 around
# the length-3 limit, initials, middle names, suffixes, roles, case and apostrophe variants,
# names without words ("Jr."), and organisations whose keys differ by a letter or a case.
SURNAMES = ["Smith", "Smith", "Smith", "Roe", "O'Hara", "O’Hara", "Li", "J", "Smyth"]
FIRSTS = ["Robert", "Bob", "Rob", "Bobby", "Bert", "Albert", "Al", "Roberta", "Robbie", "Katherine", "Kathy",
          "Catherine", "Kate", "Kat", "Jon", "John", "Johnny", "Jonathan", "Jack", "Ann", "Anne", "Anna", "Hillel",
          "Hiller", "Elizabeth", "Liz", "Eliza", "Beth", "Ed", "Ted", "Ned", "Edward", "Bill", "Will", "Liam",
          "William", "Jo", "Joe", "Jim", "Kim", "Mark", "Marc", "Marco", "Maria", "Mario", "Marion"]


def _misspelt(rng: random.Random, word: str) -> str:
    """The word after 1-3 random edits (substitution, insertion or deletion of a letter)."""
    for _ in range(rng.randint(1, 3)):
        k = rng.randrange(len(word) + 1)
        letter = rng.choice("aeiourstlnmk")
        edit = rng.choice(["sub", "ins", "del"]) if len(word) > 1 else "ins"
        if edit == "ins":
            word = word[:k] + letter + word[k:]
        elif k < len(word):
            word = word[:k] + (letter if edit == "sub" else "") + word[k + 1:]
    return word[:1].upper() + word[1:]


def _person(rng: random.Random) -> str:
    surname = rng.choice(SURNAMES)
    if rng.random() < 0.15:
        surname = _misspelt(rng, surname)
    shape = rng.random()
    if shape < 0.1:
        return rng.choice([surname, surname.upper(), "Jr.", "", "III", surname + " Jr."])
    first = rng.choice(FIRSTS)
    if rng.random() < 0.35:
        first = _misspelt(rng, first)
    words = [first]
    if rng.random() < 0.2:
        words = [rng.choice(["Senator", "Review Editor", "Dr.", "Mr"])] + words
    if rng.random() < 0.2:
        words.append(rng.choice(["J.", "P", "James", "Ann", "de"]))
    if rng.random() < 0.1:
        words = [first[0] + "."]
    words.append(surname)
    if rng.random() < 0.15:
        words.append(rng.choice(["Jr.", "Jr", "II", "III", "Sr.", "iv,"]))
    name = " ".join(words)
    return rng.choice([name, name, name, name.lower(), name.upper(), name + ","])


def _organisation(rng: random.Random) -> str:
    name = rng.choice(["The Ministry", "Ministry", "Ministry of Health", "UN Watch", "Human Rights Watch",
                       "O'Hara Group", "O’Hara Group"])
    if rng.random() < 0.3:
        name = _misspelt(rng, name)
    return rng.choice([name, name.lower(), name.upper()])


@functools.lru_cache(maxsize=None)
def _same(a: str, b: str, kind: str) -> bool:
    return same_source(a, b, kind)


def _reference(sources: list[str], kind: str) -> list[int]:
    """:func:`reference_clusters` with each pair's verdict remembered (the same definition, faster)."""
    return reference_clusters(sources, kind, same=_same)


@pytest.mark.parametrize("seed", range(20))
def test_adversarial_people_give_the_clusters_of_the_definition(seed):
    # 100 lists a seed, 2,000 in all: each drawn (with repeats, so a name seen again may join a lower
    # cluster than its first) from a pool of 10-60 names built to share surnames and nearly match
    rng = random.Random(1000 + seed)
    for _ in range(100):
        pool = [_person(rng) for _ in range(rng.randint(10, 60))]
        names = [rng.choice(pool) for _ in range(rng.randint(1, 120))]
        assert cluster_names(names, "person") == _reference(names, "person"), names


@pytest.mark.parametrize("kind", ["organisation", "unnamed"])
def test_adversarial_organisations_give_the_clusters_of_the_definition(kind):
    rng = random.Random(7)
    for _ in range(500):
        pool = [_organisation(rng) for _ in range(rng.randint(1, 30))] + [_person(rng) for _ in range(5)]
        names = [rng.choice(pool) for _ in range(rng.randint(1, 80))]
        assert cluster_names(names, kind) == _reference(names, kind), names


def test_one_long_list_under_one_surname():
    # 3,000 names, all Smiths or near: each compared only with first names that can match it
    rng = random.Random(11)
    names = []
    for _ in range(3000):
        first = _misspelt(rng, rng.choice(FIRSTS)) if rng.random() < 0.6 else rng.choice(FIRSTS)
        names.append(rng.choice([f"{first} Smith", f"{first} Smith", "Smith", f"{first[0]}. Smith",
                                 f"{first} {rng.choice(string.ascii_uppercase)}. Smith Jr."]))
    assert cluster_names(names, "person") == _reference(names, "person")


def test_a_bare_surname_links_clusters_opened_before_it_only_through_the_lowest():
    # Jane (0) and Robert (1) are different people; the bare "Roe" joins 0, and then "Bob Roe"
    # matches both Robert (1) and the bare Roe (0): the lowest wins; a second "Robert Roe" joins 0
    # too, through the bare "Roe" held in 0
    names = ["Jane Roe", "Robert Roe", "Roe", "Bob Roe", "Robert Roe", "Albert Roe", "Bert Roe"]
    assert cluster_names(names, "person") == reference_clusters(names, "person") == [0, 1, 0, 0, 0, 0, 0]


def test_a_new_first_name_is_compared_only_with_names_that_can_match(monkeypatch):
    # 2,000 different first names of one surname: each new one is checked against the names of its
    # initial within 2 letters of its length (about 17 here), never against all the names before it
    import analysis.measures.sources as sources

    rng = random.Random(5)
    letters = "aeiourstlnmk"
    firsts = {rng.choice(string.ascii_lowercase) + "".join(rng.choice(letters) for _ in range(rng.randint(3, 12)))
              for _ in range(2000)}
    names = [f"{first.capitalize()} Smith" for first in sorted(firsts)]
    rng.shuffle(names)
    checks = []
    quick = sources._within_two
    monkeypatch.setattr(sources, "_within_two", lambda a, b, edits=2: checks.append(edits == 2) or quick(a, b, edits))
    cluster_names(names, "person")
    assert sum(checks) < 25 * len(names) < len(names) ** 2 / 20  # 34,253 against 2,000,000


def test_the_quick_distance_check_is_the_edit_distance_within_two():
    # every pair of strings of up to 5 letters over "ab", and random longer pairs over "abc"
    words = [""] + ["".join(w) for n in range(1, 6) for w in itertools.product("ab", repeat=n)]
    pairs = [(a, b) for a in words for b in words]
    rng = random.Random(3)
    for _ in range(20000):
        a = "".join(rng.choice("abc") for _ in range(rng.randint(0, 10)))
        pairs.append((a, _misspelt(rng, a or "a").lower() if rng.random() < 0.7 else
                      "".join(rng.choice("abc") for _ in range(rng.randint(0, 10)))))
    for a, b in pairs:
        assert _within_two(a, b) == (levenshtein(a, b) <= 2), (a, b)


def test_names_within_two_edits_differ_in_at_most_four_letter_bits():
    # two substitutions by new letters reach the bound ("abcd", "abef"); letters 64 apart share a bit
    assert (_letters("abcd") ^ _letters("abef")).bit_count() == 4
    assert _letters("a") == _letters(chr(ord("a") + 64))
    rng = random.Random(4)
    for _ in range(20000):
        a = "".join(rng.choice("abcdefghijéā") for _ in range(rng.randint(1, 10)))
        b = _misspelt(rng, a).lower() if rng.random() < 0.8 else a[::-1]
        if levenshtein(a, b) <= 2:
            assert (_letters(a) ^ _letters(b)).bit_count() <= 4, (a, b)


def test_each_cluster_is_named_by_its_heaviest_name():
    table = pd.DataFrame({"story": ["s"] * 4, "source_kind": ["person"] * 4,
                          "source": ["Bob Roe", "Robert Roe", "Roe", "Jane Doe"], "n_sentences": [1, 3, 1, 2]})
    # Robert Roe (3 sentences) is taken first and names the cluster of Bob Roe and Roe too.
    assert link_story_sources(table).tolist() == ["Robert Roe", "Robert Roe", "Robert Roe", "Jane Doe"]
