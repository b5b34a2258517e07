"""Compare how different outlets told the same story: readability, sentiment, wording.

Start with :func:`load_corpus`; every analysis takes its tables and returns tidy
DataFrames.  All NLP resources are offline (see :mod:`analysis.resources`).
"""
from . import resources  # noqa: F401  (installs the offline CMU dictionary into textstat)
from .corpus import Corpus, load_corpus, process_article
from .errors import InputDataError
from .manifest import read_manifest

__all__ = ["Corpus", "InputDataError", "load_corpus", "process_article", "read_manifest"]
__version__ = "0.1.0"
