"""Distinctive wording tested over texts, and calibrated lines for Monroe et al. z.

Pooled token counts treat every word as an independent draw, so a term one
article repeats looks "significant" for its whole outlet (Lijffijt et al.
2016, "Significance testing of word frequencies in corpora").  Here each
article is one observation:

* :func:`distinctive_terms_across` - for each outlet against the others, each
  term's per-article rate (per 1,000 terms), the pooled story-level difference
  of rates (as :mod:`analysis.compare.across_stories`: an outlet's articles in a
  story averaged, each story weighs the same), and a permutation p-value that
  shuffles outlet labels of articles within stories, with Benjamini-Hochberg
  over the table; next to it the pooled Monroe, Colaresi & Quinn (2008) z with
  the same informative prior as :func:`analysis.measures.wording.distinctive_terms`,
  and that z's own null band from the same label shuffles, so a reader sees
  where "pooled z" and "over articles" disagree.
* :func:`z_null_band` - for the one-story figure: with the informative prior
  z is shrunk (its spread under no difference is about 1/sqrt(2), not 1), so
  the lines are drawn where 95% of z fall when the story's sentences are
  shuffled between its articles, per term frequency.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from ..config import BOOTSTRAP_REPS
from ..measures.bootstrap import rng_for
from ..measures.study_pieces import StudyTerms
from ..measures.wording import log_odds_z, ngrams_of, term_counts
from ..text.corpus import Corpus
from ..text.resources import stop_words
from .across_stories import REST, _weights, permutation_distribution, permutation_p_value
from .multiplicity import ALPHA, benjamini_hochberg
from .order import ordered_outlets

ACROSS_COLUMNS = ["outlet", "other", "term", "count", "count_rest", "n_articles_using", "n_articles", "n_stories",
                  "rate_difference", "p_value", "p_bh", "distinct_over_articles", "z", "z_null_low", "z_null_high",
                  "z_beyond_null", "agreement", "caveat"]
BAND_COLUMNS = ["story", "article_id", "total_count", "z_low", "z_high", "n_terms"]


def _informative_z(y_a, y_b, pooled, total_pooled, n_a, n_b, prior_scale=1.0):
    alpha_w = prior_scale * pooled
    return log_odds_z(y_a, y_b, alpha_w, n_a, n_b, prior_scale * total_pooled)[0]


class _CorpusTerms:
    """A loaded corpus's term counts, with the interface of
    :class:`~analysis.measures.study_pieces.StudyTerms` (what the streamed pass tallies)."""

    def __init__(self, corpus: Corpus, n: int):
        self.counts = term_counts(corpus, n)
        self.articles = corpus.articles[["article_id", "story", "outlet"]].reset_index(drop=True)
        grouped = self.counts.groupby("article_id")["count"].sum()
        self.totals = grouped.reindex(self.articles["article_id"]).fillna(0).to_numpy()
        self.usage = self.counts.groupby("term")["article_id"].nunique()
        self.pooled = self.counts.groupby("term")["count"].sum()

    def matrix(self, vocab: list[str], dtype=float) -> np.ndarray:
        return (self.counts[self.counts["term"].isin(vocab)]
                .pivot_table(index="article_id", columns="term", values="count", aggfunc="sum", fill_value=0)
                .reindex(index=self.articles["article_id"], columns=vocab, fill_value=0).to_numpy(dtype))


def _rates(matrix: np.ndarray, totals: np.ndarray, rows: np.ndarray, block: int = 4096) -> np.ndarray:
    """Per-1,000-term rates of the articles ``rows`` (float64; 0 for an article without terms).

    Made block by block in place, so the only article x term float array is the result; each
    value is the same ``1000 * count / total`` as one expression over the whole matrix gives.
    """
    out = np.empty((len(rows), matrix.shape[1]))
    with np.errstate(invalid="ignore", divide="ignore"):
        for lo in range(0, len(rows), block):
            part, where = out[lo:lo + block], rows[lo:lo + block]
            part[...] = matrix[where]
            part *= 1000
            part /= totals[where, None]
            part[~(totals[where] > 0)] = 0.0
    return out


def distinctive_terms_across(corpus: "Corpus | StudyTerms", n: int = 1, outlets: list[str] | None = None,
                             min_articles: int = 3, max_terms: int = 500, permutations: int = BOOTSTRAP_REPS,
                             prior_scale: float = 1.0) -> pd.DataFrame:
    """Terms each outlet uses more (or less) than the others, tested over articles.

    ``corpus`` is a loaded :class:`~analysis.text.corpus.Corpus` or the term counts the
    streamed pass tallied (:func:`analysis.measures.runner.study_pass`'s ``terms``, whose
    n-gram length is used; ``n`` is then ignored): the same table either way, without
    holding the study's sentences in the second case.
    Terms used in at least ``min_articles`` articles, at most ``max_terms`` of
    them (the most frequent), n-grams of length ``n``.  Columns: ``outlet``,
    ``other`` ("the rest"), ``term``, ``count``/``count_rest`` (pooled counts),
    ``n_articles_using`` (the outlet's articles with the term), ``n_articles``
    (the outlet's articles in the stories used), ``n_stories`` (stories with
    the outlet and another), ``rate_difference`` (pooled story-level
    difference of per-1,000-term rates, outlet minus the rest), ``p_value``
    (within-story permutation of article labels), ``p_bh`` (Benjamini-Hochberg
    over the table), ``distinct_over_articles`` (p_bh < 0.05), ``z`` (pooled
    Monroe et al. z, informative prior), ``z_null_low``/``z_null_high`` (2.5
    and 97.5 percentiles of that z under the same label shuffles),
    ``z_beyond_null``, ``agreement`` ("both", "pooled z only", "over articles
    only", "neither"), ``caveat``.  Sorted by outlet (study order) then p.
    """
    if isinstance(corpus, Corpus):
        tally = _CorpusTerms(corpus, n)
    else:
        tally, n = corpus, corpus.ngram
    articles, totals = tally.articles, tally.totals
    usage, pooled_all = tally.usage, tally.pooled
    vocab = pooled_all[usage.reindex(pooled_all.index) >= min_articles].sort_values(ascending=False, kind="stable")
    vocab = sorted(vocab.index[:max_terms])
    if not vocab or len(articles) < 2:
        return pd.DataFrame(columns=ACROSS_COLUMNS)
    # counts as float32 (whole numbers, exact below 2**24; half the bytes of float64), rates made per outlet
    matrix = tally.matrix(vocab, dtype=np.float32)
    order = ordered_outlets(articles["outlet"], outlets or [])
    code = {o: i for i, o in enumerate(order)}
    labels = articles["outlet"].map(code).to_numpy()
    story = pd.factorize(articles["story"])[0]
    pooled = pooled_all.reindex(vocab).to_numpy(float)
    total_pooled = float(pooled_all.sum())
    frames = []
    for outlet in order:
        first, second = code[outlet], tuple(code[o] for o in order if o != outlet)
        has_first = np.isin(story, np.unique(story[labels == first]))
        has_other = np.isin(story, np.unique(story[labels != first]))
        use = has_first & has_other
        if not use.any() or not second:
            continue
        rows = np.flatnonzero(use)
        lab, st, tot = labels[rows], story[rows], totals[rows]
        key = ("terms", outlet, str(n))
        rates = _rates(matrix, totals, rows)
        observed = _weights(lab, st, first, second) @ rates
        # handed over, not kept: permutation_distribution holds the only reference and frees it
        # once it has its story-ordered copy (the rates are the largest array here)
        handed = [rates]
        del rates
        draws, exact = permutation_distribution(handed.pop(), lab, st, first, second, key, permutations)
        p = permutation_p_value(observed, draws, exact)
        del draws
        # pooled z and its null band under the same kind of shuffles (article labels within stories)
        m = matrix if len(rows) == len(matrix) else matrix[rows]
        mine = lab == first
        counts_mine = m[mine]
        y_a = counts_mine.sum(axis=0, dtype=np.int64)
        y_b = m.sum(axis=0, dtype=np.int64) - y_a
        using = (counts_mine > 0).sum(axis=0)
        del counts_mine
        n_a, n_b = tot[mine].sum(), tot[~mine].sum()
        z = _informative_z(y_a.astype(float), y_b.astype(float), pooled, total_pooled, n_a, n_b, prior_scale)
        null = _label_shuffled_z(m, tot, lab, st, first, pooled, total_pooled, prior_scale, key)
        del m
        low, high = np.quantile(null, [ALPHA / 2, 1 - ALPHA / 2], axis=0)
        frames.append(pd.DataFrame({
            "outlet": outlet, "other": REST, "term": vocab, "count": y_a, "count_rest": y_b,
            "n_articles_using": using, "n_articles": int(mine.sum()),
            "n_stories": len(np.unique(st)), "rate_difference": observed, "p_value": p, "z": z,
            "z_null_low": low, "z_null_high": high,
        }))
    if not frames:
        return pd.DataFrame(columns=ACROSS_COLUMNS)
    table = pd.concat(frames, ignore_index=True)
    table["p_bh"] = benjamini_hochberg(table["p_value"].to_numpy())
    table["distinct_over_articles"] = table["p_bh"] < ALPHA
    table["z_beyond_null"] = (table["z"] < table["z_null_low"]) | (table["z"] > table["z_null_high"])
    table["agreement"] = np.select(
        [table["distinct_over_articles"] & table["z_beyond_null"], table["z_beyond_null"],
         table["distinct_over_articles"]], ["both", "pooled z only", "over articles only"], "neither")
    table["caveat"] = [f"{k} articles of {o} in {s} stories against the other outlets' articles there; "
                       f"BH over {len(table)} tests; generalises to these stories' coverage"
                       for o, k, s in zip(table["outlet"], table["n_articles"], table["n_stories"])]
    table = table.sort_values(["p_value", "term"], kind="stable")
    table["outlet"] = pd.Categorical(table["outlet"], categories=order)
    table = table.sort_values("outlet", kind="stable").reset_index(drop=True)
    table["outlet"] = table["outlet"].astype(str)
    return table[ACROSS_COLUMNS]


def _label_shuffled_z(m, tot, lab, st, first, pooled, total_pooled, prior_scale, key, shuffles: int = 200):
    """Pooled z of every term under ``shuffles`` within-story shuffles of the article labels.

    Rows are grouped by story once (one stable sort), so a shuffle costs one pass over the
    articles, not one pass per story.  The generator is drawn exactly as one
    ``rng.permutation`` per story of two or more articles, stories in ascending code order
    (a one-article story draws nothing), so a seed gives the same shuffles as ever: each story's
    slice of an identity index is shuffled in place with ``rng.shuffle``, which is what
    numpy's ``permutation(size)`` does to ``arange(size)`` (the same Fisher-Yates draws; only
    the ``arange`` and the copy back are saved).
    ``m`` holds counts (whole numbers, not negative; float64, float32 or an integer dtype), so
    summing them by a matrix product is exact: in float32 when no column sums to 2**24 or more
    (every partial sum is then a whole number float32 holds exactly), else in float64.
    """
    rng = rng_for("z-null", *key)
    out = np.empty((shuffles, m.shape[1]))
    order = np.argsort(st, kind="stable")
    bounds = np.flatnonzero(np.r_[True, st[order][1:] != st[order][:-1], True])
    identity = np.arange(len(lab))
    source = identity.copy()
    slices = [source[a:b] for a, b in zip(bounds[:-1], bounds[1:]) if b - a > 1]
    shuffle = rng.shuffle
    sorted_labels = lab[order]
    inverse = np.empty_like(order)
    inverse[order] = np.arange(len(order))  # article i is at position inverse[i] of the story order
    column_sums = m.sum(axis=0, dtype=np.float64)
    # float32 products are exact while every partial sum (at most a column's sum) is below 2**24
    single = m.dtype == np.float32 and (column_sums.max(initial=0) < 2**24)
    work = np.float32 if single else np.float64
    chunk = max(1, 32_000_000 // (np.dtype(work).itemsize * max(1, len(lab))))
    for lo in range(0, shuffles, chunk):
        hi = min(shuffles, lo + chunk)
        mine = np.empty((hi - lo, len(lab)), dtype=work)
        for k in range(hi - lo):
            source[:] = identity
            for piece in slices:
                shuffle(piece)
            mine[k] = sorted_labels[source[inverse]] == first
        y_a = (mine @ m).astype(np.float64) if single or m.dtype == np.float64 else _whole_product(mine, m)
        n_a = mine.astype(np.float64) @ tot
        out[lo:hi] = _informative_z(y_a, column_sums - y_a, pooled, total_pooled, n_a[:, None],
                                    tot.sum() - n_a[:, None], prior_scale)
    return out


def _whole_product(left: np.ndarray, m: np.ndarray, block: int = 64) -> np.ndarray:
    """``left @ m`` in float64 for whole-number ``left`` and ``m`` (exact whatever the order of the
    sums, below 2**53), ``m`` converted to float64 a block of columns at a time."""
    out = np.empty((left.shape[0], m.shape[1]))
    for lo in range(0, m.shape[1], block):
        out[:, lo:lo + block] = left @ m[:, lo:lo + block].astype(np.float64)
    return out


def _sentence_terms(corpus: Corpus, ids: list[str], n: int) -> tuple[list[str], list[Counter]]:
    stops = stop_words()
    tokens = corpus.tokens
    alpha = tokens[tokens["is_alpha"] & tokens["article_id"].isin(ids)]
    owners, bags = [], []
    for (article_id, _), sentence in alpha.groupby(["article_id", "sentence_id"], sort=False):
        owners.append(article_id)
        bags.append(Counter(ngrams_of(sentence["lower"].tolist(), n, stops)))
    return owners, bags


def z_null_band(corpus: Corpus, n: int = 1, shuffles: int = 500, prior_scale: float = 1.0) -> pd.DataFrame:
    """Where 95% of each article's Monroe z fall when nothing distinguishes the story's articles.

    The story's sentences are shuffled between its articles (each keeps its
    number of sentences), and z is recomputed against the rest with the same
    informative prior as :func:`analysis.measures.wording.distinctive_terms`.
    Columns: ``story``, ``article_id``, ``total_count`` (the term's count in
    the story), ``z_low``, ``z_high`` (2.5 and 97.5 percentiles over the terms
    of that count and the shuffles, rounded outward to values z attains: a
    term strictly beyond them is rarer than 2.5% per side under no
    difference), ``n_terms``.
    """
    rows = []
    for story, group in corpus.articles.groupby("story", sort=False):
        ids = group["article_id"].tolist()
        if len(ids) < 2:
            continue
        owners, bags = _sentence_terms(corpus, ids, n)
        vocab = sorted(set().union(*bags)) if bags else []
        if not vocab:
            continue
        where = {t: i for i, t in enumerate(vocab)}
        sentences = np.zeros((len(bags), len(vocab)))
        for i, bag in enumerate(bags):
            for term, k in bag.items():
                sentences[i, where[term]] = k
        pooled = sentences.sum(axis=0)
        total = pooled.sum()
        owners = np.array(owners)
        for article_id in ids:
            k = int(np.sum(owners == article_id))
            if k == 0 or k == len(owners):
                continue
            rng = rng_for("z-band", story, article_id)
            chosen = rng.random((shuffles, len(owners))).argsort(axis=1)[:, :k]
            y_a = sentences[chosen].sum(axis=1)
            n_a = y_a.sum(axis=1, keepdims=True)
            z = _informative_z(y_a, pooled - y_a, pooled, total, n_a, total - n_a, prior_scale)
            for count in np.unique(pooled):
                values = z[:, pooled == count].ravel()
                # attained values, outward: a term is beyond only if at most 2.5% of null z are (z is discrete)
                low = np.quantile(values, ALPHA / 2, method="lower")
                high = np.quantile(values, 1 - ALPHA / 2, method="higher")
                rows.append({"story": story, "article_id": article_id, "total_count": int(count),
                             "z_low": float(low), "z_high": float(high), "n_terms": int(np.sum(pooled == count))})
    return pd.DataFrame(rows, columns=BAND_COLUMNS)


def top_terms_by_outlet(table: pd.DataFrame, k: int = 10, outlets: list[str] | None = None) -> pd.DataFrame:
    """The ``k`` terms each outlet uses most over the others, outlets side by side (one column each).

    From :func:`distinctive_terms_across`: per outlet, the terms with a positive
    ``rate_difference`` (used more than the rest), lowest ``p_value`` first (ties: larger
    difference, then the term).  Each cell reads ``term +d`` (``d`` the difference per 1,000
    terms, two significant digits; "(none)" for an outlet without such a term), with ``*`` when the term is distinct over articles
    (``p_bh`` < 0.05) and ``°`` when only the pooled z is beyond its null band.  Columns: ``rank`` then the
    outlets (study order, or ``outlets``); an outlet with fewer terms has empty cells below.
    """
    order = list(outlets) if outlets else list(dict.fromkeys(table["outlet"]))
    marks = {"both": "*", "over articles only": "*", "pooled z only": "°", "neither": ""}
    columns: dict[str, list[str]] = {}
    for outlet in order:
        rows = table[(table["outlet"] == outlet) & (table["rate_difference"] > 0)]
        rows = rows.assign(_size=-rows["rate_difference"]).sort_values(["p_value", "_size", "term"], kind="stable")
        columns[outlet] = [f"{t} {d:+.2g}{marks[a]}" for t, d, a in
                           zip(rows["term"], rows["rate_difference"], rows["agreement"])][:k]
    depth = max((max(len(c), 1) for c in columns.values()), default=0)
    wide = pd.DataFrame({"rank": range(1, depth + 1)})
    for outlet, cells in columns.items():
        # never an empty column: the reader sees the outlet had no such term (and show() keeps it)
        cells = cells or ["(none)"]
        wide[outlet] = cells + [""] * (depth - len(cells))
    return wide
