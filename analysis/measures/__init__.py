"""Stage 3, measures: text records in, per-article (and per-sentence) numbers out.

Readability, sentiment, wording, framing and quote alignment of each article,
by voice, with within-article bootstrap intervals; the corpus pipeline computes
the same per-article numbers, one row per article, for whole corpora.
"""
