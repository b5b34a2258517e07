"""Wording: term counts, distinctive terms, shared vocabulary, headlines, name variants.

Distinctive terms are scored two ways, each article against the other articles
of its story (one against the rest, so any number of outlets works):

* Weighted log-odds ratio with a Dirichlet prior (Monroe, Colaresi & Quinn 2008,
  "Fightin' Words", eqs. 16-22).  With counts y_a, y_b of a term, totals n_a,
  n_b, prior alpha_w for the term and alpha_0 = sum of alpha over the vocabulary::

      delta = log((y_a + a_w) / (n_a + a_0 - y_a - a_w)) - log((y_b + a_w) / (n_b + a_0 - y_b - a_w))
      var   = 1 / (y_a + a_w) + 1 / (y_b + a_w)
      z     = delta / sqrt(var)

  ``prior`` is either a number (the same alpha_w for every term) or
  ``"informative"`` (default): alpha_w = ``prior_scale`` x the term's share of
  the pooled story, times the pooled token count, i.e. a prior as strong as the
  story's own text, which shrinks rare terms towards "no difference".
* Log-likelihood keyness G2 (Dunning 1993) over the 2x2 table (term / other
  terms x target / rest): G2 = 2 sum O ln(O / E), with its chi-squared p-value
  (1 df), and an effect size, the log ratio (Hardie 2014):
  log2((y_a / n_a) / (y_b / n_b)), with 0.5 added to a zero count.

Terms are lower-cased alphabetic tokens (stop words and initials, "j." of "Donald J.
Trump", removed for single words; an acronym with stops, "F.B.I.", is one token
"f.b.i.") and n-grams within a sentence that neither start nor end with a stop word
or an initial.
"""
from __future__ import annotations

import difflib
import itertools
import math
import re
from collections import Counter

import numpy as np
import pandas as pd

from ..text.corpus import Corpus
from ..text.quotes import find_quote_spans
from ..text.resources import stop_words
from ..text.tokens import is_alpha, is_initial, normalise, tokenize


def ngrams_of(words: list[str], n: int, stops: frozenset[str]) -> list[str]:
    """n-grams of ``words`` whose first and last word are neither stop words nor an
    initial ('Donald J. Trump' gives no term "j.", :func:`~analysis.text.tokens.is_initial`)."""
    grams = []
    for i in range(len(words) - n + 1):
        gram = words[i:i + n]
        first, last = gram[0], gram[-1]
        if first not in stops and last not in stops and not is_initial(first) and not is_initial(last):
            grams.append(" ".join(gram))
    return grams


def _article_terms(tokens: pd.DataFrame, n: int) -> dict[str, Counter]:
    stops = stop_words()
    alpha = tokens[tokens["is_alpha"]]
    counts: dict[str, Counter] = {}
    # a sentence's tokens are consecutive rows: one pass over plain lists, not a pandas
    # group per sentence (50,000 one-word sentences took 5 s per call that way)
    rows = zip(alpha["article_id"].tolist(), alpha["sentence_id"].tolist(), alpha["lower"].tolist())
    for (article_id, _), group in itertools.groupby(rows, key=lambda r: (r[0], r[1])):
        counts.setdefault(article_id, Counter()).update(ngrams_of([r[2] for r in group], n, stops))
    return counts


def term_counts(corpus: Corpus, n: int = 1, voice: str | None = None) -> pd.DataFrame:
    """How often each term occurs in each article.

    ``n`` is the n-gram length; ``voice`` limits counting to sentences of one voice.
    Columns: ``story``, ``article_id``, ``outlet``, ``n``, ``term``, ``count``,
    ``per_1000`` (per 1,000 terms of that length in the article).  Sorted by
    article then descending count, ties alphabetical.
    """
    tokens = corpus.tokens if voice is None else corpus.tokens[corpus.tokens["voice"] == voice]
    counts = _article_terms(tokens, n)
    rows = []
    for article in corpus.articles.itertuples(index=False):
        c = counts.get(article.article_id, Counter())
        total = sum(c.values())
        for term, k in sorted(c.items(), key=lambda kv: (-kv[1], kv[0])):
            rows.append((article.story, article.article_id, article.outlet, n, term, k, 1000 * k / total))
    return pd.DataFrame(rows, columns=["story", "article_id", "outlet", "n", "term", "count", "per_1000"])


def log_odds_z(y_a, y_b, alpha_w, n_a: float, n_b: float, alpha_0: float):
    """Monroe et al. (2008) z-scores of the weighted log-odds ratio (vectorised)."""
    y_a, y_b, alpha_w = (np.asarray(x, dtype=float) for x in (y_a, y_b, alpha_w))
    delta = (np.log((y_a + alpha_w) / (n_a + alpha_0 - y_a - alpha_w))
             - np.log((y_b + alpha_w) / (n_b + alpha_0 - y_b - alpha_w)))
    return delta / np.sqrt(1 / (y_a + alpha_w) + 1 / (y_b + alpha_w)), delta


def g2(a, b, n_a: float, n_b: float):
    """Dunning's log-likelihood G2 over the 2x2 table (vectorised); 0 * ln 0 = 0."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    total = n_a + n_b
    observed = np.stack([a, n_a - a, b, n_b - b])
    expected = np.stack([n_a * (a + b) / total, n_a * (total - a - b) / total,
                         n_b * (a + b) / total, n_b * (total - a - b) / total])
    with np.errstate(divide="ignore", invalid="ignore"):
        cells = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return 2 * cells.sum(axis=0)


def log_ratio(a, b, n_a: float, n_b: float):
    """Hardie's (2014) log ratio, log2 of the relative-frequency ratio; 0.5 replaces a zero count."""
    a = np.where(np.asarray(a, float) == 0, 0.5, a)
    b = np.where(np.asarray(b, float) == 0, 0.5, b)
    return np.log2((a / n_a) / (b / n_b))


def distinctive_terms(corpus: Corpus, n: int = 1, prior: float | str = "informative",
                      prior_scale: float = 1.0, min_count: int = 1) -> pd.DataFrame:
    """Distinctive terms of each article against the rest of its story.

    Columns: ``story``, ``article_id``, ``outlet``, ``term``, ``count``,
    ``count_rest``, ``per_1000``, ``log_odds`` (delta), ``z`` (Monroe et al.),
    ``g2``, ``p_value`` (G2 against chi-squared, 1 df), ``log_ratio``.  Sorted
    by article then descending ``z``.  Terms seen fewer than ``min_count`` times
    in the whole story are left out.
    """
    counts = _article_terms(corpus.tokens, n)
    frames = []
    for story, group in corpus.articles.groupby("story", sort=False):
        ids = group["article_id"].tolist()
        pooled = sum((counts.get(i, Counter()) for i in ids), Counter())
        vocab = sorted(t for t, k in pooled.items() if k >= min_count)
        if len(ids) < 2 or not vocab:
            continue
        pooled_arr = np.array([pooled[t] for t in vocab], dtype=float)
        if prior == "informative":
            alpha_w = prior_scale * pooled_arr
        else:
            alpha_w = np.full(len(vocab), float(prior))
        alpha_0 = alpha_w.sum()
        for article in group.itertuples(index=False):
            mine = counts.get(article.article_id, Counter())
            y_a = np.array([mine[t] for t in vocab], dtype=float)
            y_b = pooled_arr - y_a
            n_a, n_b = sum(mine.values()), pooled_arr.sum() - sum(mine.values())
            if n_a == 0 or n_b == 0:
                continue
            z, delta = log_odds_z(y_a, y_b, alpha_w, n_a, n_b, alpha_0)
            keyness = g2(y_a, y_b, n_a, n_b)
            frame = pd.DataFrame({
                "story": story, "article_id": article.article_id, "outlet": article.outlet, "term": vocab,
                "count": y_a.astype(int), "count_rest": y_b.astype(int), "per_1000": 1000 * y_a / n_a,
                "log_odds": delta, "z": z, "g2": keyness,
                "p_value": [math.erfc(math.sqrt(k / 2)) for k in keyness],
                "log_ratio": log_ratio(y_a, y_b, n_a, n_b),
            })
            frames.append(frame.sort_values(["z", "term"], ascending=[False, True], kind="stable"))
    columns = ["story", "article_id", "outlet", "term", "count", "count_rest", "per_1000", "log_odds", "z", "g2", "p_value", "log_ratio"]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)


def shared_vocabulary(corpus: Corpus, n: int = 1) -> pd.DataFrame:
    """Which terms each outlet shares with the others of its story.

    Columns: ``story``, ``term``, ``n_outlets`` (how many articles use it),
    ``outlets`` (which, in manifest order), ``total`` (count over the story),
    then the count in each article: for one story, one count column per
    article id; for several stories, ``counts`` ("article_id: count" for each
    article in ``outlets``, "; " between them), since a column per article of
    the whole study would grow with articles times terms.  ``n_outlets == 1``
    is vocabulary only that outlet used.  Sorted by story, then descending
    ``n_outlets`` and ``total``, ties alphabetical.
    """
    articles = corpus.articles
    one_story = articles["story"].nunique() <= 1
    counts = term_counts(corpus, n)[["story", "article_id", "outlet", "term", "count"]]
    position = {article_id: i for i, article_id in enumerate(articles["article_id"])}
    counts = counts.assign(position=counts["article_id"].map(position))
    counts = counts.sort_values(["story", "term", "position"], kind="stable")
    by_term = counts.groupby(["story", "term"], sort=False)
    frame = pd.DataFrame({
        "n_outlets": by_term.size(),
        "outlets": by_term["outlet"].agg(", ".join),
        "total": by_term["count"].sum(),
    }).reset_index()
    if one_story:
        order = articles["article_id"].tolist()
        wide = counts.pivot(index=["story", "term"], columns="article_id", values="count")
        wide = wide.reindex(columns=order).fillna(0).astype(int).reset_index()
        frame = frame.merge(wide, on=["story", "term"], how="left") if len(frame) else \
            pd.DataFrame(columns=["story", "term", "n_outlets", "outlets", "total", *order])
    else:
        labelled = counts["article_id"] + ": " + counts["count"].astype(str)
        frame["counts"] = labelled.groupby([counts["story"], counts["term"]], sort=False).agg("; ".join).to_numpy()
    return frame.sort_values(["story", "n_outlets", "total", "term"], ascending=[True, False, False, True],
                             kind="stable").reset_index(drop=True)


def compare_headlines(corpus: Corpus) -> pd.DataFrame:
    """Headlines side by side.

    Columns: ``story``, ``article_id``, ``outlet``, ``headline``, ``n_words``,
    ``n_chars``, ``quoted`` (words inside quotation marks, " | " between
    quotes), ``terms`` (content words), ``shared_terms`` (content words another
    headline of the story also uses), ``own_terms`` (used by no other headline).
    """
    stops = stop_words()
    base = []
    for a in corpus.articles.itertuples(index=False):
        words = [normalise(t) for _, _, t in tokenize(a.headline)]
        terms = [w for w in words if is_alpha(w) and w not in stops and not is_initial(w)]
        spans, _ = find_quote_spans([a.headline])
        quoted = " | ".join(a.headline[s.start + 1:s.end - 1] for s in spans if s.depth == 0)
        base.append((a.story, a.article_id, a.outlet, a.headline, sum(is_alpha(w) for w in words),
                     len(a.headline), quoted, terms))
    rows = []
    for story, article_id, outlet, headline, n_words, n_chars, quoted, terms in base:
        others = set().union(*[set(t) for s, i, *_, t in base if s == story and i != article_id])
        unique_terms = list(dict.fromkeys(terms))
        rows.append({"story": story, "article_id": article_id, "outlet": outlet, "headline": headline,
                     "n_words": n_words, "n_chars": n_chars, "quoted": quoted, "terms": " ".join(unique_terms),
                     "shared_terms": " ".join(t for t in unique_terms if t in others),
                     "own_terms": " ".join(t for t in unique_terms if t not in others)})
    return pd.DataFrame(rows)


_POSSESSIVE = re.compile(r"['’]s$")


def _names(tokens: pd.DataFrame) -> dict[str, Counter]:
    """Capitalised words per article (possessive 's dropped), leaving out stop words and
    words that also occur in lower case (sentence-initial common words)."""
    words = tokens[tokens["is_alpha"]]
    lower_case_forms = set(words.loc[words["token"].str[:1].str.islower(), "lower"])
    stops = stop_words()
    names: dict[str, Counter] = {}
    for article_id, token in zip(words["article_id"], words["token"]):
        name = _POSSESSIVE.sub("", token)
        if name[:1].isupper() and len(name) >= 3 and name.lower() not in lower_case_forms and name.lower() not in stops:
            names.setdefault(article_id, Counter())[name] += 1
    return names


def name_variants(corpus: Corpus, min_similarity: float = 0.8) -> pd.DataFrame:
    """Names spelt differently across the outlets of a story ("Hiller" / "Hillel").

    A pair is reported when a capitalised word occurs in one article but not the
    other, a similar one (difflib ratio >= ``min_similarity``, same first letter,
    not a plural of it) occurs in the other but not the first.
    Columns: ``story``, ``name_a``, ``article_a``, ``outlet_a``, ``count_a``,
    ``name_b``, ``article_b``, ``outlet_b``, ``count_b``, ``similarity``,
    ``context_a``, ``context_b`` (the first sentence using each spelling).
    """
    names = _names(corpus.tokens)
    sentences = corpus.sentences
    rows = []
    for story, group in corpus.articles.groupby("story", sort=False):
        ids = group["article_id"].tolist()
        outlet = dict(zip(group["article_id"], group["outlet"]))
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                na, nb = names.get(a, Counter()), names.get(b, Counter())
                for x in sorted(set(na) - set(nb)):
                    for y in sorted(set(nb) - set(na)):
                        if x[0] != y[0] or x.rstrip("s") == y.rstrip("s"):
                            continue
                        ratio = difflib.SequenceMatcher(None, x.lower(), y.lower()).ratio()
                        if ratio >= min_similarity:
                            ctx = [sentences.loc[(sentences["article_id"] == art) & sentences["text"].str.contains(rf"\b{re.escape(w)}\b"), "text"].head(1)
                                   for art, w in ((a, x), (b, y))]
                            rows.append({"story": story, "name_a": x, "article_a": a, "outlet_a": outlet[a], "count_a": na[x],
                                         "name_b": y, "article_b": b, "outlet_b": outlet[b], "count_b": nb[y],
                                         "similarity": ratio, "context_a": ctx[0].iloc[0] if len(ctx[0]) else "",
                                         "context_b": ctx[1].iloc[0] if len(ctx[1]) else ""})
    columns = ["story", "name_a", "article_a", "outlet_a", "count_a", "name_b", "article_b", "outlet_b",
               "count_b", "similarity", "context_a", "context_b"]
    return pd.DataFrame(rows, columns=columns)


def keyword_in_context(corpus: Corpus, pattern: str, width: int = 40) -> pd.DataFrame:
    """Every match of the regular expression ``pattern`` (case-insensitive) in body sentences.

    Columns: ``story``, ``article_id``, ``outlet``, ``sentence_id``, ``voice``,
    ``left``, ``match``, ``right`` (``width`` characters either side).
    """
    regex = re.compile(pattern, re.IGNORECASE)
    rows = []
    for s in corpus.sentences.itertuples(index=False):
        for m in regex.finditer(s.text):
            rows.append((s.story, s.article_id, s.outlet, s.sentence_id, s.voice,
                         s.text[max(0, m.start() - width):m.start()], m.group(), s.text[m.end():m.end() + width]))
    return pd.DataFrame(rows, columns=["story", "article_id", "outlet", "sentence_id", "voice", "left", "match", "right"])
