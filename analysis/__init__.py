"""Compare how different outlets told the same story: readability, sentiment, wording.

Start with :func:`load_corpus`; every analysis takes the corpus and returns a
tidy DataFrame whose columns its docstring lists.  All NLP resources are
offline (see :mod:`analysis.text.resources`).

Importing the package only defines things: no other library is patched or configured
(textstat gets the offline CMU dictionary on first use, in :mod:`analysis.measures.readability`;
matplotlib is imported and its backend chosen only by the figure code).
"""
from .text.corpus import Corpus, load_corpus, process_article
from .errors import InputDataError
from .compare.findings import key_findings
from .measures.framing import framing_counts, read_dictionary
from .ingest.manifest import read_manifest, stories
from .ingest.importers import import_sources
from .ingest.duplicates import near_duplicates, write_duplicate_flags
from .ingest.stories import apply_story_groups, group_stories, write_story_groups
from .measures.readability import quote_effect, readability_by_paragraph, readability_table, sentence_readability
from .measures.sentiment import extreme_sentences, sentence_sentiment, sentiment_arc, sentiment_summary
from .compare.within_story import readability_differences, sentiment_differences
from .compare.across_stories import outlet_differences, study_design
from .compare.order import study_outlets
from .compare.wording_across import distinctive_terms_across
from .measures.quote_alignment import shared_quotes
from .measures.sources import source_kind_shares, sources_table, story_sources
from .measures.wording import (compare_headlines, distinctive_terms, keyword_in_context, name_variants,
                                shared_vocabulary, term_counts)

__all__ = [
    "Corpus", "InputDataError", "apply_story_groups", "group_stories", "import_sources", "near_duplicates",
    "write_duplicate_flags", "write_story_groups", "compare_headlines", "distinctive_terms", "extreme_sentences",
    "framing_counts", "key_findings", "keyword_in_context", "load_corpus", "name_variants",
    "process_article", "quote_effect", "read_dictionary", "read_manifest", "readability_by_paragraph",
    "readability_differences", "readability_table", "sentence_readability", "sentence_sentiment",
    "sentiment_arc", "sentiment_differences", "sentiment_summary", "shared_quotes", "shared_vocabulary",
    "stories", "term_counts",
    "source_kind_shares", "sources_table", "story_sources",
    "outlet_differences", "study_design", "study_outlets", "distinctive_terms_across",
]
__version__ = "0.1.0"
