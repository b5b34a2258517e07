"""Stage 1, ingest: files in, manifest records and exact raw text out.

In: a data folder (``manifest.csv`` and the raw files it lists) or a
researcher's own files.  Out: manifest records (one dict per article) and
:class:`~analysis.ingest.rawtext.RawText` (the article's text, checksum,
normalisations, page metadata).  Raw files are never modified.
"""
