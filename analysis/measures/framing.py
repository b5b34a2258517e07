"""Framing and naming: a user-editable dictionary counted per outlet and voice.

The dictionary is a CSV file with columns ``category`` (e.g. "war naming"),
``label`` (e.g. "invasion"), ``pattern`` (a regular expression in Python's syntax, matched
case-insensitively, run in linear time on RE2: see :func:`analysis.text.user_rules.compile_user_pattern`,
which refuses, naming the line, what RE2 cannot run) and an optional ``description``.  It is a setting of the
study (:mod:`analysis.ingest.settings`), looked up for each story in turn:

1. ``<data_dir>/stories/<story>/framing.csv`` - that story's own dictionary;
2. ``<data_dir>/framing.csv``                 - the data folder's default;
3. ``framing_generic.csv`` shipped beside this module - a small generic
   dictionary of keyword cues for the five generic news frames of Semetko &
   Valkenburg (2000): conflict, responsibility, human interest, economic
   consequences, morality.  Keyword cues are a rough proxy for their coded
   questions; write a story's own dictionary for real framing work.

So a second story with its own file never changes the first story's counts.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from ..config import FRAMING_DICTIONARY
from ..ingest.settings import find_setting
from ..text.corpus import Corpus
from ..text.sentences import VOICES
from ..text.user_rules import compile_user_pattern
from ..errors import InputDataError

#: The documented generic default (see the module docstring).
GENERIC_DICTIONARY = Path(__file__).with_name("framing_generic.csv")


def dictionary_path(data_dir=None, story: str | None = None) -> Path:
    """The framing dictionary used for ``story``: its own, else the data folder's, else the generic one."""
    return find_setting(FRAMING_DICTIONARY, data_dir, story) or GENERIC_DICTIONARY


FRAMING_COLUMNS = ["story", "article_id", "outlet", "category", "label", "scope", "count", "per_1000_words", "n_words"]
#: Where framing terms are counted: the headline, each voice of text.sentences.VOICES (mixed
#: included: a count, not a score) and the whole body; not the measures' sentence SCOPES.
FRAMING_SCOPES = ("headline",) + VOICES + ("body",)


def read_dictionary(path: str | Path | None = None, data_dir=None, story: str | None = None) -> pd.DataFrame:
    """Read and check a framing dictionary: columns ``category``, ``label``, ``pattern``, ``description``.

    Without ``path``, the dictionary of ``story`` in ``data_dir`` (see :func:`dictionary_path`)."""
    path = Path(path) if path is not None else dictionary_path(data_dir, story)
    if not path.is_file():
        raise InputDataError(path, "framing dictionary not found (columns: category, label, pattern)")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = []
            for row in reader:
                rows.append(row)
    except UnicodeDecodeError as exc:
        raise InputDataError(path, f"framing dictionary is not UTF-8 (byte {exc.start}); re-save it as UTF-8") from None
    except csv.Error as exc:  # e.g. a cell longer than the csv module's limit (131,072 characters)
        raise InputDataError(path, f"line {reader.line_num + 1}: not a readable CSV row ({exc})") from None
    entries = []
    for line_no, row in enumerate(rows, start=2):
        entry = {k: (row.get(k) or "").strip() for k in ("category", "label", "pattern", "description")}
        if not entry["category"] or not entry["label"] or not entry["pattern"]:
            raise InputDataError(path, f"line {line_no}: category, label and pattern are required")
        compile_user_pattern(entry["pattern"], re.IGNORECASE, path=path, line_no=line_no)  # refused here, by line
        entries.append(entry)
    if not entries:
        raise InputDataError(path, "framing dictionary has no entries")
    return pd.DataFrame(entries)


def framing_counts(corpus: Corpus, dictionary: pd.DataFrame | None = None, data_dir=None) -> pd.DataFrame:
    """Matches of each dictionary entry per article and scope.

    Scopes: ``headline``; ``narration``, ``reported``, ``mixed`` and ``quotation`` sentences;
    ``body`` (all body sentences).  Columns: ``story``, ``article_id``,
    ``outlet``, ``category``, ``label``, ``scope``, ``count``,
    ``per_1000_words`` (per 1,000 alphabetic tokens in that scope; headline per
    its own words), ``n_words``.

    Without ``dictionary``, each story uses its own (:func:`dictionary_path`, in
    ``data_dir``, else the folder the corpus was loaded from).
    """
    data_dir = data_dir if data_dir is not None else getattr(corpus, "data_dir", None)
    compiled: dict[str, list] = {}

    def patterns_of(story: str) -> list:
        if story not in compiled:
            table = dictionary if dictionary is not None else read_dictionary(data_dir=data_dir, story=story)
            compiled[story] = [(e.category, e.label, compile_user_pattern(e.pattern, re.IGNORECASE))
                               for e in table.itertuples()]
        return compiled[story]

    words = corpus.tokens[corpus.tokens["is_alpha"]].groupby(["article_id", "voice"]).size()
    rows = []
    for article in corpus.articles.itertuples(index=False):
        sentences = corpus.sentences[corpus.sentences["article_id"] == article.article_id]
        texts = {"headline": [article.headline], "body": sentences["text"].tolist()}
        n_words = {"headline": len(re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", article.headline)),
                   "body": int(sum(words.get((article.article_id, v), 0) for v in VOICES))}
        for voice in VOICES:
            texts[voice] = sentences.loc[sentences["voice"] == voice, "text"].tolist()
            n_words[voice] = int(words.get((article.article_id, voice), 0))
        for category, label, regex in patterns_of(article.story):
            for scope in FRAMING_SCOPES:
                count = sum(len(regex.findall(t)) for t in texts[scope])
                per = 1000 * count / n_words[scope] if n_words[scope] else float("nan")
                rows.append((article.story, article.article_id, article.outlet, category, label, scope,
                             count, per, n_words[scope]))
    return pd.DataFrame(rows, columns=FRAMING_COLUMNS)
