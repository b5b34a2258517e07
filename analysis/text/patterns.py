"""Patterns shared by the line rules (:mod:`analysis.text.paragraphs`), the cutting of
texts without line breaks (:mod:`analysis.text.splitting`) and sentence splitting
(:mod:`analysis.text.sentences`): one public home, so none of them imports another's
private names.

* :data:`MONTH` - a month name or its abbreviation ("Mar", "Sept", "September");
* :data:`WIDGET` - one page-widget label ("Share", "Link copied", "Advertisement");
* :func:`sentence_openers` - capitalised function words that open a sentence ("The", "It").
"""
from __future__ import annotations

import functools

from .resources import stop_words

MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"

WIDGET = (
    r"(?:Share(?: (?:this|full) (?:article|story))?|Save|Copy|Copy link|Link [Cc]opied!?|Listen(?: to this article)?|"
    r"Comments?|View comments|Add comment|Show comments|Print|Email|Facebook|Twitter|WhatsApp|LinkedIn|"
    r"[Cc]lose|Video|Bookmark|Tap here|Advertisement|SKIP ADVERTISEMENT|Supported by|Gift [Aa]rticle|"
    r"Gift this article(?: free)?|(?:Video )?Ad Feedback|Paid Links|Key events|Show key events only|"
    r"Continue reading|Story continues(?: below advertisement)?|Learn more about \w+|twitter|mailto|Jump to|"
    r"Listen\s·\s\d{1,2}:\d{2}|Share via)"
)


@functools.lru_cache(maxsize=1)
def sentence_openers() -> frozenset[str]:
    """Capitalised function words ("The", "It", "But"): words that open a new sentence."""
    return frozenset(w.capitalize() for w in stop_words() if w.isalpha()) | {"I"}
