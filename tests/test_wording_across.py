"""Distinctive wording over articles, and the calibrated band for Monroe et al. z."""
from __future__ import annotations

import pytest

import analysis
from analysis.compare.wording_across import distinctive_terms_across, z_null_band
from conftest import write_study


def test_z_band_by_hand_shows_the_prior_shrinkage(tmp_path):
    # Four one-word sentences, two per article, every term once: n_a = n_b = 2, alpha_w = 1, alpha_0 = 4.
    # y_a = 1: delta = log(2 / 4) - log(1 / 5) = log 2.5; var = 1/2 + 1 = 1.5; z = 0.9163 / 1.2247 = 0.7481.
    data = write_study(tmp_path / "d", {"a.txt": "Fruit news\n\nApples. Bananas.\n",
                                         "b.txt": "Fruit report\n\nCherries. Dates.\n"})
    corpus = analysis.load_corpus(data)
    band = z_null_band(corpus, shuffles=200)
    assert band["z_high"].tolist() == pytest.approx([0.7481, 0.7481], abs=1e-4)
    assert band["z_low"].tolist() == pytest.approx([-0.7481, -0.7481], abs=1e-4)
    # the largest z this design can give is 0.75, far inside +/-1.96, and it is inside the band: no term marked
    terms = analysis.distinctive_terms(corpus)
    assert terms["z"].abs().max() == pytest.approx(0.7481, abs=1e-4)


def test_terms_tested_over_articles_by_hand(tmp_path):
    texts = {"a1.txt": "H\n\nApples. Apples. Pears.\n", "b1.txt": "H\n\nPears. Plums.\n",
             "a2.txt": "H\n\nApples. Plums.\n", "b2.txt": "H\n\nApples. Pears. Plums. Pears.\n"}
    rows = [{"id": n[:2], "story": f"s{n[1]}", "outlet": n[0].upper(), "file": f"raw/{n}"} for n in texts]
    corpus = analysis.load_corpus(write_study(tmp_path / "d", texts, rows))
    table = distinctive_terms_across(corpus, min_articles=3)
    apples = table[(table["outlet"] == "A") & (table["term"] == "apples")].iloc[0]
    # per-1,000 rates: s1 A 666.7 vs B 0; s2 A 500 vs B 250 -> (666.7 + 250) / 2 = 458.3
    assert apples["rate_difference"] == pytest.approx((2000 / 3 + 250) / 2)
    # within-story label swaps: 4 permutations, |T| as large only for (+,+) and (-,-): p = 2/4
    assert apples["p_value"] == pytest.approx(0.5)
    assert (apples["count"], apples["count_rest"], apples["n_articles_using"], apples["n_stories"]) == (3, 1, 2, 2)
    assert set(table["agreement"]) <= {"both", "pooled z only", "over articles only", "neither"}
    assert (table["p_bh"] >= table["p_value"] - 1e-12).all()


def test_z_null_shuffles_labels_within_stories_only():
    # Five articles, one term each (term j only in article j, once), so a term's pooled z is high
    # exactly when its article carries the outlet's label.  Story 0 = articles 0-1, story 1 = 2-4;
    # the outlet (label 0) has one article in each.  A within-story shuffle keeps one labelled
    # article per story and moves the label around inside story 1 (each article about 1/3 of the time).
    import numpy as np

    from analysis.compare.wording_across import _label_shuffled_z

    m = np.eye(5)
    tot = np.ones(5)
    lab = np.array([0, 1, 1, 0, 1])
    st = np.array([0, 0, 1, 1, 1])
    pooled = m.sum(axis=0)
    null = _label_shuffled_z(m, tot, lab, st, 0, pooled, 5.0, 1.0, ("t",), shuffles=200)
    labelled = null > 0  # y_a = 1 gives z > 0 here, y_a = 0 gives z < 0 (n_a = 2, n_b = 3)
    assert (labelled[:, :2].sum(axis=1) == 1).all() and (labelled[:, 2:].sum(axis=1) == 1).all()
    share = labelled[:, 2:].mean(axis=0)
    assert ((share > 0.2) & (share < 0.47)).all(), share  # 1/3 each; 200 draws: sd 0.033
    assert 0.35 < labelled[:, 0].mean() < 0.65  # story 0: half the time each


def _z_null_by_permutation(m, tot, lab, st, first, pooled, total_pooled, key, shuffles):
    """The definition: per shuffle one rng.permutation per story of two or more articles (stories in
    ascending code order), labels moved within the story, then the pooled z of every term."""
    import numpy as np

    from analysis.compare.wording_across import _informative_z
    from analysis.measures.bootstrap import rng_for

    rng = rng_for("z-null", *key)
    rows = []
    for _ in range(shuffles):
        shuffled = lab.copy()
        for s in np.unique(st):
            where = np.flatnonzero(st == s)
            if len(where) > 1:
                shuffled[where] = lab[where][rng.permutation(len(where))]
        mine = shuffled == first
        y_a = m[mine].astype(float).sum(axis=0)
        rows.append(_informative_z(y_a, m.astype(float).sum(axis=0) - y_a, pooled, total_pooled, tot[mine].sum(),
                                   tot[~mine].sum()))
    return np.array(rows)


@pytest.mark.parametrize("dtype", ["float64", "float32", "int32"])
def test_z_null_draws_one_permutation_per_story_in_any_count_dtype(dtype):
    # stories of 1-6 articles, interleaved (codes not sorted), counts 0-40: the null band must be the one
    # the per-story rng.permutation definition gives, bit for bit, whatever dtype holds the counts
    import numpy as np

    from analysis.compare.wording_across import _label_shuffled_z

    rng = np.random.default_rng(7)
    st = rng.permutation(np.repeat(np.arange(9), [1, 2, 3, 4, 5, 6, 2, 3, 4]))
    lab = rng.integers(0, 3, len(st))
    m = rng.integers(0, 41, (len(st), 6)).astype(dtype)
    tot = m.sum(axis=1).astype(float) + 5
    pooled = m.sum(axis=0).astype(float) + 1
    expected = _z_null_by_permutation(m, tot, lab, st, 1, pooled, float(pooled.sum()), ("t", "u"), 30)
    null = _label_shuffled_z(m, tot, lab, st, 1, pooled, float(pooled.sum()), 1.0, ("t", "u"), shuffles=30)
    np.testing.assert_array_equal(null, expected)


def test_z_null_sums_above_float32_exactness_fall_back_to_float64():
    # a column summing past 2**24 (float32 spacing 2 there): the float32 product would round, so float64 is used
    import numpy as np

    from analysis.compare.wording_across import _label_shuffled_z

    # (y_a of the first term is 2**24 - 1 + 1 + 1 whenever article 0 keeps the label: float32 would say 2**24)
    m = np.array([[2**24 - 1, 1], [1, 1], [1, 2], [1, 1], [1, 3]], dtype=np.float32)
    lab, st = np.array([0, 1, 0, 0, 1]), np.array([0, 0, 1, 1, 1])
    tot = m.sum(axis=1, dtype=np.float64)
    pooled = m.sum(axis=0, dtype=np.float64)
    args = (tot, lab, st, 0, pooled, float(pooled.sum()), 1.0, ("t",))
    np.testing.assert_array_equal(_label_shuffled_z(m, *args, shuffles=20),
                                  _label_shuffled_z(m.astype(np.float64), *args, shuffles=20))


def test_rates_per_thousand_terms_and_zero_for_an_empty_article():
    import numpy as np

    from analysis.compare.wording_across import _rates

    counts = np.array([[1, 3], [0, 0], [2, 0]], dtype=np.float32)
    totals = np.array([8.0, 0.0, 5.0])
    rates = _rates(counts, totals, np.array([0, 1, 2]), block=2)
    np.testing.assert_array_equal(rates, [[125.0, 375.0], [0.0, 0.0], [400.0, 0.0]])
    np.testing.assert_array_equal(_rates(counts, totals, np.array([2])), [[400.0, 0.0]])
