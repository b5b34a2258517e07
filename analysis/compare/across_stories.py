"""Outlet differences that generalise over stories, with honest multiplicity.

Input is the corpus pipeline's per-article table
(:func:`analysis.measures.pipeline.corpus_metrics`: one row per article with
``story``, ``outlet`` and ``<scope>_<metric>`` columns).  The unit of
replication is the story (Baayen, Davidson & Bates 2008; Lijffijt et al. 2016
for texts rather than tokens): an outlet's several articles in one story are
first averaged (each article one observation), then for every story both sides
covered the story-level difference ``d_s`` = mean(first) - mean(second) is
taken, and the pooled difference is the plain mean of ``d_s`` over those
stories (each story weighs the same).  Against "the rest", the second side of a
story is the mean of the other outlets' story means (each outlet weighs the same).

* Interval: the story is the unit, so the interval is one over the ``n``
  story-level differences ``d_s``: by default Student's t,
  ``mean(d) -/+ t(n - 1, 1 - alpha/2) * sd(d) / sqrt(n)`` (the summary-statistic
  analysis of clustered data).  ``scripts/simulate_study.py`` measures it: over
  20,000 simulated studies of 20 stories x 3 outlets with no outlet effect,
  4.5-5.2% of 95% intervals exclude zero in every metric and comparison, and
  4.9% on a 21-story synthetic folder with labels shuffled within stories.  Story-bootstrap
  intervals (:func:`story_intervals`) stay selectable: Hesterberg's (2015)
  expanded percentile (the default until it was measured: 5.0-5.8%, it follows
  each sample's chance skewness, which costs false positives when the story
  differences are symmetric and heavy-tailed), the plain percentile and BCa
  (7.5-9.1%: too narrow with 20 stories) and the studentized bootstrap-t (5.3-6.0%).
* p-value: the one-sample t-test of the story-level differences (two-sided,
  ``n - 1`` degrees of freedom): the test the default interval inverts, so the
  95% t interval excludes zero exactly when p < 0.05, and p has no floor, so it
  can survive Holm over hundreds of tests.  ``scripts/simulate_study.py``
  measures its rate under no effect.
* Second opinion (``p_permutation``): a permutation test that shuffles the outlet labels of the articles
  within each story (only among the two sides compared); all permutations when
  there are at most ``permutations`` of them (exact), else ``permutations``
  random ones, p = (1 + #{|T*| >= |T|}) / (1 + permutations): never below
  1 / (1 + permutations) (0.0005 at 2,000), so with a large family it cannot survive
  Holm alone; the summary line states that floor.
* Third opinion: a linear mixed model ``value ~ outlet + (1 | story)``
  (statsmodels ``MixedLM``, REML) on the articles of the stories with two or more
  outlets (a one-outlet story says nothing about outlets), fitted only with at
  least :data:`MIXED_MIN_STORIES` of them; its contrast weighs articles,
  not stories, so it can differ from the pooled difference in unbalanced designs.
  Its warnings go into ``mixed_note``, never to the user's terminal.
* What it cannot answer it refuses (:func:`check_comparable`, an
  :class:`~analysis.errors.InputDataError`): a study of one story, a study
  whose stories each have one outlet, an outlet in no story shared with another.
* Multiplicity: Holm (family-wise) and Benjamini-Hochberg (false discovery
  rate) over every row of the table (:mod:`analysis.compare.multiplicity`).
"""
from __future__ import annotations

import itertools
import math
import warnings
from typing import Iterable, NamedTuple

import numpy as np
import pandas as pd
from scipy import stats

from ..config import BOOTSTRAP_REPS, CONFIDENCE
from ..errors import InputDataError
from ..measures.bootstrap import excludes_zero, rng_for
from ..measures.pipeline import ID_COLUMNS, PER_ARTICLE_METRICS
from ..measures.study_cache import cached_table
from ..measures.voices import VOICE_METRICS
from .multiplicity import adjust, summary_line  # noqa: F401  (re-exported)
from .order import ordered_outlets

#: The headline metrics compared by default: readability, tone and who gets a voice
#: (``metrics="all"`` takes every per-article number of the table, :func:`metric_columns`).
DEFAULT_METRICS = ["body_flesch_kincaid_grade", "narration_flesch_kincaid_grade", "body_words_per_sentence",
                   "body_mean_compound", "narration_mean_compound", "quotation_mean_compound", *VOICE_METRICS]
REST = "the rest"
#: Above this many stories or articles ``mixed_model="auto"`` skips MixedLM: measured on 2 busy
#: cores, 6 metrics took 18 s at 500 stories / 4,000 articles but 3 minutes (and failed to
#: converge) at 800 stories / 10,000 articles.
MIXED_MAX_STORIES = 500
MIXED_MAX_ARTICLES = 5000
#: Fewer stories with two or more outlets than this and MixedLM is not fitted: a random-intercept
#: variance estimated from a handful of stories is mostly noise (and the fit rarely converges).
MIXED_MIN_STORIES = 5
ALPHA = 1 - CONFIDENCE

DIFFERENCE_COLUMNS = [
    "metric", "comparison", "outlet_a", "outlet_b", "difference", "ci_low", "ci_high", "interval",
    "excludes_zero", "p_value", "p_holm", "p_bh", "adjustment", "holm_below_alpha", "p_permutation", "permutations",
    "mixed_difference", "mixed_ci_low", "mixed_ci_high", "mixed_p_value", "mixed_note",
    "n_stories", "n_same_sign", "n_articles_a", "n_articles_b", "n_stories_a_only", "n_stories_b_only",
    "n_missing_values", "note", "caveat",
]
DESIGN_COLUMNS = ["story", "n_outlets", "n_articles", "outlets", "used"]


class Comparison(NamedTuple):
    """One comparison: ``first`` against the outlets in ``second`` (one outlet, or the rest)."""

    kind: str           # "pair" or "vs rest"
    first: str
    second: tuple[str, ...]

    @property
    def label_b(self) -> str:
        return self.second[0] if self.kind == "pair" else REST


def metric_columns(metrics: pd.DataFrame) -> list[str]:
    """Every per-article number of a corpus-metrics table, in its order: the pipeline's
    :data:`~analysis.measures.pipeline.PER_ARTICLE_METRICS` (counts, ``<scope>_<metric>``
    and voice metrics) present, then any other numeric column a caller added (none left out)."""
    known = [c for c in PER_ARTICLE_METRICS if c in metrics.columns]
    extra = [c for c in metrics.columns if c not in set(known) | set(ID_COLUMNS) and pd.api.types.is_numeric_dtype(metrics[c])]
    return known + extra


def study_design(metrics: pd.DataFrame, outlets: list[str] | None = None) -> pd.DataFrame:
    """One row per story: how many outlets and articles it has, and whether comparisons can use it.

    Columns: ``story``, ``n_outlets``, ``n_articles``, ``outlets`` (with article
    counts, in the study order), ``used`` ("yes", or why not).
    """
    order = ordered_outlets(metrics["outlet"], outlets or [])
    rows = []
    for story, group in metrics.groupby("story", sort=False):
        counts = group["outlet"].value_counts()
        named = [f"{o} ({counts[o]})" for o in order if o in counts.index]
        rows.append({"story": story, "n_outlets": len(counts), "n_articles": len(group), "outlets": ", ".join(named),
                     "used": "yes" if len(counts) > 1 else "no: only one outlet, nothing to compare within it"})
    return pd.DataFrame(rows, columns=DESIGN_COLUMNS)


def expanded_alpha(n: int, alpha: float = ALPHA) -> float:
    """Hesterberg's (2015) widened tail share for a percentile interval of a mean of ``n`` values."""
    if n < 2:
        return float("nan")
    z = math.sqrt(n / (n - 1)) * stats.t.ppf(1 - alpha / 2, n - 1)
    return float(2 * stats.norm.sf(z))


INTERVALS = {"t": "95% t interval over stories (Student t on the story differences)",
             "expanded": "95% story bootstrap (expanded percentile, Hesterberg 2015)",
             "percentile": "95% story bootstrap (plain percentile)",
             "bootstrap-t": "95% story bootstrap-t (studentized, Efron & Tibshirani 1993 ch. 12)",
             "bca": "95% story bootstrap (BCa, Efron 1987)"}


#: The interval ``outlet_differences`` reports unless told otherwise (see the module docstring for why).
DEFAULT_INTERVAL = "t"


def story_intervals(d: np.ndarray, key: tuple[str, ...], reps: int = BOOTSTRAP_REPS, alpha: float = ALPHA,
                    methods: Iterable[str] = (DEFAULT_INTERVAL,)) -> dict[str, tuple[float, float]]:
    """Intervals of the mean of the story-level differences ``d`` by each of ``methods`` (keys of
    :data:`INTERVALS`), all from one set of resampled stories (seeded by ``key``).

    * "t" (the default): ``mean -/+ t(n-1, 1-alpha/2) * sd / sqrt(n)`` (no resampling);
    * "expanded": percentile interval at Hesterberg's (2015) widened tail share (:func:`expanded_alpha`);
    * "percentile": plain percentile (too narrow with few stories);
    * "bootstrap-t": ``mean - q(1-alpha/2) * se, mean - q(alpha/2) * se`` with ``q`` the quantiles of
      ``(mean* - mean) / se*`` over resamples, ``se = sd / sqrt(n)`` (Efron & Tibshirani 1993, ch. 12);
    * "bca": bias-corrected and accelerated percentile, acceleration from the jackknife
      (Efron 1987; Efron & Tibshirani 1993, ch. 14).
    """
    methods = list(methods)
    unknown = [m for m in methods if m not in INTERVALS]
    if unknown:
        raise ValueError(f"unknown interval method: {', '.join(unknown)} (known: {', '.join(INTERVALS)})")
    d = np.asarray(d, dtype=float)
    n = len(d)
    if n < 2:
        return {m: (float("nan"), float("nan")) for m in methods}
    mean = d.mean()
    se = d.std(ddof=1) / math.sqrt(n)
    out: dict[str, tuple[float, float]] = {}
    if "t" in methods:
        half = stats.t.ppf(1 - alpha / 2, n - 1) * se
        out["t"] = (float(mean - half), float(mean + half))
    if any(m != "t" for m in methods):
        draws = d[rng_for("across-stories", *key).integers(0, n, size=(reps, n))]
        means = draws.mean(axis=1)
    for method in methods:
        if method in ("expanded", "percentile"):
            tail = expanded_alpha(n, alpha) if method == "expanded" else alpha
            low, high = np.quantile(means, [tail / 2, 1 - tail / 2])
            out[method] = (float(low), float(high))
        elif method == "bootstrap-t":
            se_star = draws.std(axis=1, ddof=1) / math.sqrt(n)
            with np.errstate(divide="ignore", invalid="ignore"):
                t_star = (means - mean) / se_star
            # a resample of one repeated story has se* = 0: its t* is +/-inf or undefined; the
            # infinite ones stay (they belong in the tails), the undefined (0/0) ones are dropped
            t_star = t_star[~np.isnan(t_star)]
            if se == 0 or len(t_star) == 0:
                out[method] = (float(mean), float(mean))
                continue
            q_low, q_high = np.quantile(t_star, [alpha / 2, 1 - alpha / 2])
            out[method] = (float(mean - q_high * se), float(mean - q_low * se))
        elif method == "bca":
            share = (np.sum(means < mean) + 0.5 * np.sum(means == mean)) / reps
            z0 = stats.norm.ppf(min(max(share, 0.5 / reps), 1 - 0.5 / reps))
            u = d - mean          # jackknife influence of each story (up to the factor n - 1)
            denom = 6 * np.sum(u ** 2) ** 1.5
            a = float(np.sum(u ** 3) / denom) if denom > 0 else 0.0
            z = stats.norm.ppf([alpha / 2, 1 - alpha / 2])
            levels = stats.norm.cdf(z0 + (z0 + z) / (1 - a * (z0 + z)))
            low, high = np.quantile(means, levels)
            out[method] = (float(low), float(high))
    return {m: out[m] for m in methods}


def _weights(labels: np.ndarray, story: np.ndarray, first: int, second: tuple[int, ...]) -> np.ndarray:
    """Per-article weights w with ``w @ values`` = the pooled difference.

    A story's weights depend only on how many articles each outlet has in it,
    which shuffling labels within the story does not change.
    """
    width = int(max(labels.max(), first, *second)) + 1
    _, s = np.unique(story, return_inverse=True)
    counts = np.bincount(s * width + labels, minlength=(s.max() + 1) * width).reshape(-1, width).astype(float)
    k = (counts[:, list(second)] > 0).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        w = np.where(labels == first, 1.0 / counts[s, first],
                     np.where(np.isin(labels, second), -1.0 / (counts[s, labels] * k[s]), 0.0))
    return w / counts.shape[0]


def permutation_distribution(values: np.ndarray, labels: np.ndarray, story: np.ndarray, first: int,
                             second: tuple[int, ...], key: tuple[str, ...],
                             permutations: int = BOOTSTRAP_REPS) -> tuple[np.ndarray, bool]:
    """Pooled differences under outlet labels shuffled within each story: ``(T*, exact)``.

    ``values`` is ``n_articles x k`` (k metrics sharing the same articles), every
    article belongs to a story both sides cover.  When the stories' permutations
    number at most ``permutations`` all are enumerated (``exact`` True, the
    identity included); else ``permutations`` random ones.
    """
    values = np.asarray(values, dtype=float)
    if values.ndim == 1:
        values = values[:, None]
    w = _weights(labels, story, first, second)
    order = np.argsort(story, kind="stable")
    story, w = story[order], w[order]  # values are read through ``order``: no story-ordered copy of them all
    bounds = np.flatnonzero(np.r_[True, story[1:] != story[:-1], True])
    sizes = np.diff(bounds)
    total = 1
    for n in sizes:
        total *= math.factorial(int(n))
        if total > permutations:
            break
    if total <= permutations:
        blocks = [list(itertools.permutations(range(a, b))) for a, b in zip(bounds[:-1], bounds[1:])]
        perms = np.array([sum((list(p) for p in combo), []) for combo in itertools.product(*blocks)], dtype=np.int64)
        return (w[perms] @ values[order]), True
    rng = rng_for("permutation", *key)
    out = np.zeros((permutations, values.shape[1]))
    # stories of equal size are shuffled together: one argsort over a (reps, stories, size) block
    for n in np.unique(sizes):
        starts = bounds[:-1][sizes == n]
        index = starts[:, None] + np.arange(n)[None, :]          # (g, n) article rows
        wg, vg = w[index], values[order[index]]                    # (g, n), (g, n, k)
        if n == 1:
            out += np.einsum("gn,gnk->k", wg, vg)[None, :]
            continue
        chunk = max(1, 4_000_000 // index.size)
        for lo in range(0, permutations, chunk):
            hi = min(permutations, lo + chunk)
            perm = rng.random((hi - lo, *index.shape)).argsort(axis=-1)
            shuffled = np.take_along_axis(np.broadcast_to(wg, perm.shape), perm, axis=-1)
            out[lo:hi] += np.einsum("pgn,gnk->pk", shuffled, vg)
    return out, False


def permutation_p_value(observed: np.ndarray, draws: np.ndarray, exact: bool) -> np.ndarray:
    """Two-sided p-value(s): share of ``draws`` at least as far from 0 as ``observed``."""
    observed = np.atleast_1d(np.asarray(observed, dtype=float))
    tolerance = 1e-9 * np.maximum(1.0, np.abs(observed))
    extreme = (np.abs(draws) >= np.abs(observed) - tolerance).sum(axis=0)
    if exact:
        return extreme / len(draws)
    return (1 + extreme) / (1 + len(draws))


def _mixed_model(frame: pd.DataFrame, order: list[str]) -> tuple[object | None, str]:
    """Fit ``value ~ outlet + (1 | story)`` (REML); return the result and any warnings or errors as text."""
    import statsmodels.formula.api as smf

    present = [o for o in order if o in set(frame["outlet"])]
    if len(present) < 2 or frame["story"].nunique() < 2:
        return None, "not fitted: needs two outlets and two stories"
    data = frame.assign(outlet=pd.Categorical(frame["outlet"], categories=present))
    notes: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = smf.mixedlm("value ~ C(outlet)", data, groups=data["story"]).fit(reml=True)
        except (np.linalg.LinAlgError, ValueError) as exc:
            return None, f"not fitted: {exc}"
    for warning in caught:
        text = f"{warning.category.__name__}: {str(warning.message).splitlines()[0]}"
        if text not in notes:
            notes.append(text)
    if not getattr(result, "converged", True):
        notes.insert(0, "did not converge")
    return result, "; ".join(notes)


def _mixed_contrast(result, order_present: list[str], comparison: Comparison) -> tuple[float, float, float, float]:
    """Estimate, interval and p-value of first minus second (mean of the others for "the rest")."""
    names = list(result.fe_params.index)
    contrast = pd.Series(0.0, index=names)

    def add(outlet: str, weight: float) -> None:
        if outlet != order_present[0]:
            contrast[f"C(outlet)[T.{outlet}]"] += weight

    add(comparison.first, 1.0)
    for other in comparison.second:
        add(other, -1.0 / len(comparison.second))
    cov = result.cov_params().loc[names, names].to_numpy()
    estimate = float(contrast.to_numpy() @ result.fe_params.to_numpy())
    se = float(np.sqrt(contrast.to_numpy() @ cov @ contrast.to_numpy()))
    z = stats.norm.ppf(1 - ALPHA / 2)
    p = float(2 * stats.norm.sf(abs(estimate / se))) if se > 0 else float("nan")
    return estimate, estimate - z * se, estimate + z * se, p


def comparisons(order: list[str], present: Iterable[str], rest: bool = True) -> list[Comparison]:
    """Every pair (first earlier in ``order``) and, with ``rest``, each outlet against the others."""
    here = [o for o in order if o in set(present)]
    out = [Comparison("pair", a, (b,)) for i, a in enumerate(here) for b in here[i + 1:]]
    if rest and len(here) > 2:
        out += [Comparison("vs rest", a, tuple(o for o in here if o != a)) for a in here]
    return out


def outlet_differences(metrics: pd.DataFrame, metric_names: Iterable[str] | str | None = None, *,
                       outlets: list[str] | None = None, reps: int = BOOTSTRAP_REPS,
                       permutations: int = BOOTSTRAP_REPS, mixed_model: bool | str = "auto",
                       rest: bool = True, interval: str = DEFAULT_INTERVAL, cache: bool = False) -> pd.DataFrame:
    """Study-level outlet differences for every metric and every comparison, one row each.

    ``metrics`` is a corpus-metrics table (columns ``story``, ``outlet`` and the
    metrics); ``metric_names`` a list of its columns, ``"all"``, or None for
    :data:`DEFAULT_METRICS`; ``outlets`` the declared outlet order (see
    :func:`analysis.compare.order.study_outlets`; others follow in order of first appearance);
    ``interval`` "t" (default) or another key of :data:`INTERVALS`
    ("expanded", "percentile", "bootstrap-t", "bca": story bootstraps, see :func:`story_intervals`);
    ``permutations`` 0 skips the permutation test (``p_value`` NaN, ``permutations`` "not run");
    ``mixed_model`` True, False or "auto" (fit unless there are more than
    :data:`MIXED_MAX_STORIES` stories or :data:`MIXED_MAX_ARTICLES` articles;
    ``mixed_note`` says when it was skipped); ``cache`` True: the table kept in the study cache
    by an earlier call with the same metrics and options, else computed and kept there
    (:func:`analysis.measures.study_cache.cached_table`: the same table, byte for byte; the
    permutation tests are most of the time of a large study's ``compare``, ``figures`` and
    notebook 05).

    Columns: ``metric``; ``comparison`` ("pair" or "vs rest"); ``outlet_a``,
    ``outlet_b`` (``"the rest"``: the mean of the other outlets); ``difference``
    (a minus b: the mean over the stories both covered of the story-level
    difference of article means, :func:`story_level_differences`); ``ci_low``/``ci_high``
    (95%, over the stories: a t interval of the story-level differences by default); ``interval`` (how it was
    made); ``excludes_zero``;
    ``p_value`` (one-sample t-test of the story-level differences: the test the t
    interval inverts); ``p_holm``, ``p_bh`` (adjusted
    over every row); ``adjustment`` (which, over how many tests);
    ``holm_below_alpha`` (p_holm < 0.05); ``p_permutation`` (within-story
    permutation test, a second opinion); ``permutations`` (how many, "exact"
    when all were enumerated); ``mixed_difference``, ``mixed_ci_low``,
    ``mixed_ci_high``, ``mixed_p_value`` (MixedLM ``value ~ outlet + (1|story)``
    contrast; Wald) and ``mixed_note`` (convergence warnings, empty if none);
    ``n_stories`` (both sides covered); ``n_same_sign`` (stories whose
    difference has the pooled difference's sign); ``n_articles_a``,
    ``n_articles_b`` (articles behind each side in those stories);
    ``n_stories_a_only``, ``n_stories_b_only`` (stories one side covered alone:
    not used); ``n_missing_values`` (articles of either side without this
    metric, e.g. no quotation: not used); ``note``; ``caveat`` (what the
    difference generalises to).  ``attrs["summary"]`` says how many tests were
    made and how many exclusions of zero chance alone would give, and the smallest
    permutation p attainable.  A study it cannot answer raises
    :class:`~analysis.errors.InputDataError` (:func:`check_comparable`).
    """
    names = _metric_names(metrics, metric_names)
    if interval not in INTERVALS:
        raise ValueError(f"unknown interval method: {interval} (known: {', '.join(INTERVALS)})")
    if cache:
        options = {"metric_names": names, "outlets": outlets, "reps": reps, "permutations": permutations,
                   "mixed_model": mixed_model, "rest": rest, "interval": interval}
        return cached_table("outlet-differences", metrics, options,
                            lambda: outlet_differences(metrics, names, outlets=outlets, reps=reps,
                                                       permutations=permutations, mixed_model=mixed_model,
                                                       rest=rest, interval=interval))
    check_comparable(metrics)
    metrics = _as_float(metrics, names)
    order, code, outlet_codes, story_codes, story_names = _encoded(metrics, outlets)
    single_outlet = metrics.groupby("story", sort=False)["outlet"].nunique()
    lonely = single_outlet[single_outlet < 2].index.tolist()
    shared = metrics[metrics["story"].isin(single_outlet[single_outlet >= 2].index)]
    all_comparisons = comparisons(order, order, rest)
    rows: list[dict] = []
    # metrics with the same missing-value pattern share one set of permutations
    groups: dict[bytes, list[str]] = {}
    for name in names:
        groups.setdefault(np.isfinite(metrics[name].to_numpy(float)).tobytes(), []).append(name)
    results: dict[tuple[str, Comparison], dict] = {}
    for mask_bytes, group_names in groups.items():
        present = np.frombuffer(mask_bytes, dtype=bool)
        values = metrics.loc[present, group_names].to_numpy(float)
        labels, story = outlet_codes[present], story_codes[present]
        for comp in all_comparisons:
            results.update(_compare_group(comp, group_names, values, labels, story, outlet_codes,
                                          present, code, story_names, reps, permutations, interval))
    fits, skipped = _mixed_fits(shared, names, order, mixed_model)
    for name in names:
        result, mixed_note = fits.get(name, (None, skipped))
        fitted_outlets = [o for o in order if result is not None and o in set(shared.loc[shared[name].notna(), "outlet"])]
        for comp in all_comparisons:
            row = results[(name, comp)]
            mixed = (np.nan,) * 4
            if result is not None and comp.first in fitted_outlets and all(o in fitted_outlets for o in comp.second):
                with warnings.catch_warnings():  # a fitted model's numerical warnings are in mixed_note already
                    warnings.simplefilter("ignore")
                    mixed = _mixed_contrast(result, fitted_outlets, comp)
            note = row.pop("_note")
            if lonely:
                note.append(f"{len(lonely)} stories with one outlet cannot be compared: {', '.join(map(str, lonely[:5]))}"
                            + (" ..." if len(lonely) > 5 else ""))
            rows.append({**row, "metric": name, "comparison": comp.kind, "outlet_a": comp.first,
                         "outlet_b": comp.label_b, "mixed_difference": mixed[0], "mixed_ci_low": mixed[1],
                         "mixed_ci_high": mixed[2], "mixed_p_value": mixed[3], "mixed_note": mixed_note,
                         "note": "; ".join(note)})
    table = adjust(pd.DataFrame(rows, columns=DIFFERENCE_COLUMNS))
    table.attrs["summary"] += "; " + p_value_note(permutations)
    return table


def _metric_names(metrics: pd.DataFrame, metric_names: Iterable[str] | str | None) -> list[str]:
    """The metric columns ``outlet_differences`` tests (see its ``metric_names``); KeyError for a missing one."""
    if metric_names is None:
        names = [m for m in DEFAULT_METRICS if m in metrics.columns] or metric_columns(metrics)
    elif isinstance(metric_names, str):
        names = metric_columns(metrics) if metric_names == "all" else [metric_names]
    else:
        names = list(metric_names)
    missing = [m for m in names if m not in metrics.columns]
    if missing:
        raise KeyError(f"no such metric column: {', '.join(missing)}")
    return names


def _mixed_fits(shared: pd.DataFrame, names: list[str], order: list[str],
                mixed_model: bool | str) -> tuple[dict, str]:
    """The mixed model of each metric over the ``shared`` stories' articles (when it is to be
    fitted: see ``outlet_differences``), and the note for a metric without one."""
    fits: dict = {}
    n_shared = int(shared["story"].nunique())
    if mixed_model and n_shared < MIXED_MIN_STORIES:
        mixed_model = False
        skipped = (f"not fitted: only {n_shared} stories with two or more outlets "
                   f"(at least {MIXED_MIN_STORIES} needed to estimate the story variance)")
    elif mixed_model == "auto" and (n_shared > MIXED_MAX_STORIES or len(shared) > MIXED_MAX_ARTICLES):
        mixed_model = False
        skipped = (f"not fitted: {n_shared} stories, {len(shared)} articles (MixedLM takes minutes at this "
                   "size; pass mixed_model=True to fit it)")
    else:
        skipped = "not fitted (mixed_model=False)"
    if mixed_model:
        for name in names:
            frame = pd.DataFrame({"value": shared[name].to_numpy(float), "story": shared["story"].to_numpy(),
                                  "outlet": shared["outlet"].to_numpy()}).dropna(subset=["value"])
            fits[name] = _mixed_model(frame, order)
    return fits, skipped


def p_value_note(permutations: int) -> str:
    """What the p-values are and the smallest permutation p attainable with ``permutations``."""
    second = (f"p_permutation (within-story shuffles, {permutations:,} random ones unless exact) cannot go below "
              f"{1 / (1 + permutations):.2g}" if permutations > 0 else "no permutation test")
    return ("p_value is the one-sample t-test of the story differences (the test the t interval inverts; "
            f"no floor); {second}")


def check_comparable(metrics: pd.DataFrame) -> None:
    """Raise :class:`~analysis.errors.InputDataError` (one line) for a study ``outlet_differences``
    cannot answer: fewer than two stories, no story with two or more outlets, or an outlet
    in no story it shares with another outlet."""
    n_stories = int(metrics["story"].nunique())
    if n_stories < 2:
        raise InputDataError(None, f"compare needs several stories; this study has {n_stories} "
                                   "(within one story use `findings`, `readability-diff` or `sentiment-diff`)")
    per_story = metrics.groupby("story", sort=False)["outlet"].nunique()
    shared = set(per_story[per_story >= 2].index)
    if not shared:
        raise InputDataError(None, f"no story has two outlets ({n_stories} stories, one outlet each): nothing to "
                                   "compare within a story (group articles on the same event with `group-stories`)")
    alone = [o for o in ordered_outlets(metrics["outlet"], [])
             if not metrics.loc[metrics["outlet"] == o, "story"].isin(shared).any()]
    if alone:
        raise InputDataError(None, f"outlet {', '.join(map(str, alone))} is in no story shared with another outlet: "
                                   "nothing to compare it with (leave its articles out or group them with others)")


def _as_float(metrics: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """The metric columns as float64 (whole-number counts are nullable integers: missing -> NaN)."""
    return metrics.astype({name: "float64" for name in names})


def t_test_p_value(d: np.ndarray) -> float:
    """Two-sided one-sample t-test p of the story-level differences ``d`` against 0 (NaN below two)."""
    d = np.asarray(d, dtype=float)
    n = len(d)
    if n < 2:
        return float("nan")
    se = d.std(ddof=1) / math.sqrt(n)
    mean = d.mean()
    if se == 0:
        return 1.0 if mean == 0 else 0.0
    return float(2 * stats.t.sf(abs(mean / se), n - 1))


def _encoded(metrics: pd.DataFrame, outlets: list[str] | None):
    """The outlet order, each outlet's code, and every article's outlet and story codes (with the story names)."""
    order = ordered_outlets(metrics["outlet"], outlets or [])
    code = {o: i for i, o in enumerate(order)}
    story_codes, story_names = pd.factorize(metrics["story"], sort=False)
    return order, code, metrics["outlet"].map(code).to_numpy(), story_codes, story_names


def _sides(labels: np.ndarray, story: np.ndarray, n_story: int, first: int,
           second: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Which stories each side covers, and which articles a comparison uses (either side, story covered by both)."""
    has_first = np.zeros(n_story, bool)
    has_second = np.zeros(n_story, bool)
    has_first[np.unique(story[labels == first])] = True
    has_second[np.unique(story[np.isin(labels, second)])] = True
    return has_first, has_second, np.isin(labels, (first, *second)) & (has_first & has_second)[story]


def story_level_differences(metrics: pd.DataFrame, metric_names: Iterable[str] | None = None, *,
                            outlets: list[str] | None = None, rest: bool = True) -> pd.DataFrame:
    """The story-level differences behind :func:`outlet_differences`, one row per metric x comparison x story.

    Columns: ``metric``, ``comparison``, ``outlet_a``, ``outlet_b``, ``story`` and
    ``difference`` (mean of a's articles minus the mean of b's, or of the other
    outlets' means for "the rest"); only stories both sides covered with the metric.
    Their plain mean is ``outlet_differences``' ``difference``.
    """
    names = [m for m in DEFAULT_METRICS if m in metrics.columns] if metric_names is None else list(metric_names)
    metrics = _as_float(metrics, names)
    order, code, outlet_codes, story_codes, story_names = _encoded(metrics, outlets)
    pieces: dict[tuple[str, Comparison], pd.DataFrame] = {}
    # metrics with the same missing-value pattern share one grouping (as in outlet_differences)
    groups: dict[bytes, list[str]] = {}
    for name in names:
        groups.setdefault(np.isfinite(metrics[name].to_numpy(float)).tobytes(), []).append(name)
    for mask_bytes, group_names in groups.items():
        present = np.frombuffer(mask_bytes, dtype=bool)
        values = metrics.loc[present, group_names].to_numpy(float)
        labels, story = outlet_codes[present], story_codes[present]
        for comp in comparisons(order, order, rest):
            first, second = code[comp.first], tuple(code[o] for o in comp.second)
            _, _, use = _sides(labels, story, len(story_names), first, second)
            if not use.any():
                continue
            stories, d = _story_level(values[use], labels[use], story[use], first, group_names)
            for k, name in enumerate(group_names):
                pieces[(name, comp)] = pd.DataFrame({"metric": name, "comparison": comp.kind, "outlet_a": comp.first,
                                                     "outlet_b": comp.label_b, "story": story_names[stories],
                                                     "difference": d[:, k]})
    parts = [pieces[(name, comp)] for name in names for comp in comparisons(order, order, rest) if (name, comp) in pieces]
    columns = ["metric", "comparison", "outlet_a", "outlet_b", "story", "difference"]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)


def _story_level(v: np.ndarray, lab: np.ndarray, st: np.ndarray, first: int,
                 names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Story codes and story-level differences (stories x metrics): mean of the first side's articles
    minus the mean of the other outlets' article means; every story given has both sides."""
    frame = pd.DataFrame(v, columns=names)
    frame["story"], frame["outlet"] = st, lab
    means = frame.groupby(["story", "outlet"], sort=True)[names].mean()
    a_means = means.xs(first, level="outlet")
    b_means = means[means.index.get_level_values("outlet") != first].groupby(level="story").mean()
    return a_means.index.to_numpy(), (a_means - b_means.reindex(a_means.index)).to_numpy()


def _compare_group(comp: Comparison, names: list[str], values: np.ndarray, labels: np.ndarray, story: np.ndarray,
                   all_labels: np.ndarray, present: np.ndarray, code: dict,
                   story_names, reps: int, permutations: int, interval: str = DEFAULT_INTERVAL) -> dict:
    """Rows (as dicts, keyed by metric and comparison) for metrics sharing one missing-value pattern."""
    first, second = code[comp.first], tuple(code[o] for o in comp.second)
    has_first, has_second, use = _sides(labels, story, len(story_names), first, second)
    both = has_first & has_second
    # articles of either side (in any story) that lack a value for this pattern
    either = np.isin(all_labels, (first, *second))
    n_missing = int(np.sum(either & ~present))
    v, lab, st = values[use], labels[use], story[use]
    n_stories = int(both.sum())
    n_a, n_b = int(np.sum(lab == first)), int(np.sum(np.isin(lab, second)))
    out = {}
    if n_stories:
        _, d = _story_level(v, lab, st, first, names)
        if permutations > 0:
            draws, exact = permutation_distribution(v, lab, st, first, second,
                                                    (comp.kind, comp.first, *comp.second), permutations)
            p_perm = permutation_p_value(d.mean(axis=0), draws, exact)
        else:
            p_perm, draws, exact = np.full(len(names), np.nan), (), False
    for k, name in enumerate(names):
        note = []
        if n_stories == 0:
            note.append("no story has both sides with this metric")
            estimate, low, high, p_k, p_perm_k, same, n_perm = np.nan, np.nan, np.nan, np.nan, np.nan, 0, ""
        else:
            dk = d[:, k]
            estimate = float(dk.mean())
            low, high = story_intervals(dk, (name, comp.kind, comp.first, *comp.second), reps,
                                        methods=(interval,))[interval]
            same = int(np.sum(np.sign(dk) == np.sign(estimate))) if estimate != 0 else 0
            p_k = t_test_p_value(dk)
            p_perm_k = float(p_perm[k])
            n_perm = (f"exact ({len(draws)})" if exact else str(len(draws))) if permutations > 0 else "not run"
            if n_stories < 2:
                note.append("one story: no interval and no p-value")
            elif n_stories < 10:
                note.append(f"only {n_stories} stories: interval and p-value are rough")
        a_only = int(np.sum(has_first & ~has_second))
        b_only = int(np.sum(has_second & ~has_first))
        caveat = (f"these {n_stories} stories' coverage by {comp.first} ({n_a} articles) and {comp.label_b} "
                  f"({n_b} articles); "
                  "several articles of an outlet in a story are averaged first and each story weighs the same; "
                  "it generalises to other stories only if these are a fair sample of them")
        out[(name, comp)] = {
            "difference": estimate, "ci_low": low, "ci_high": high,
            "interval": INTERVALS[interval],
            "excludes_zero": excludes_zero(low, high),
            "p_value": p_k, "p_permutation": p_perm_k, "permutations": n_perm, "n_stories": n_stories, "n_same_sign": same,
            "n_articles_a": n_a, "n_articles_b": n_b, "n_stories_a_only": a_only, "n_stories_b_only": b_only,
            "n_missing_values": n_missing, "caveat": caveat, "_note": note,
        }
    return out
