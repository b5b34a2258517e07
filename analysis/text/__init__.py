"""Stage 2, text structure: raw text in, named records and the corpus tables out.

In: an article's text.  Out: :class:`~analysis.text.paragraphs.Paragraph`
(role and rule), :class:`~analysis.text.sentences.Sentence` (voice, speaker and resolved
source: :mod:`~analysis.text.attribution`, :mod:`~analysis.text.sources`),
quotation spans and tokens, gathered per article in
:class:`~analysis.text.article.ArticleText`, and for a set of articles the
:class:`~analysis.text.corpus.Corpus` tables (articles, paragraphs, sentences,
tokens, quotes).  Offline NLP resources live here too.
"""
