"""Stage 4, comparison: per-article measures in, differences between outlets out.

Within a story (pairs of articles, sentence bootstrap) and, for a study of
many stories, outlet differences that generalise over stories; findings pick
the headline differences with their caveats.
"""
