"""Split raw article text into paragraphs and label what each one is.

A paragraph is one non-blank line of the raw text (page text copied from the
web puts each block, caption or promo on its own line).  Nothing is dropped:
every non-blank character of the raw text belongs to exactly one paragraph, and
``start``/``end`` are offsets into the text so ``text[start:end]`` gives the
paragraph back.

Roles, decided by the first matching rule (the rule's name is kept):

* ``headline`` - the first paragraph of the article;
* ``credit``   - a line that is only a picture credit ("Credit: AP", "(PA)");
* ``caption``  - a picture caption or agency photo description: a line ending in
  a parenthesised credit ("... (Getty Images)", "(Photo by X/Getty Images)"),
  a line ending in "Credit: ...", or an all-capitals dateline description
  ("GENEVA, SWITZERLAND - MAY 03: ...");
* ``promo``    - page furniture that is not reporting: "Read more:" links,
  "Click on this image ...", podcast, newsletter, app and social promos;
* ``body``     - everything else: the reporting itself.

The rules are generic English web-page conventions, not tied to any outlet.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd


@dataclass(frozen=True)
class RoleRule:
    role: str
    name: str
    pattern: re.Pattern


_AGENCIES = r"(?:AP|AFP|PA|EPA|Reuters|Getty Images|Shutterstock|Alamy|Press Association|Photo by|Pool)"
_CREDIT_WORDS = r"(?:AP|AFP|PA|EPA|Reuters|Getty|Shutterstock|Alamy|Photo|Picture|Pictures|Image|Images|Press|Association|Contributor|via|by|/|Handout|Pool)"
# A parenthesised credit: short, made of capitalised words or credit vocabulary, e.g.
# "(Getty Images)", "(PA)", "(Photo by Robert Hradil/Getty Images)".
# Atomic words and possessive separators: "/" is both a separator and a credit word, and
# without them "(A" + 37 slashes + "!)" backtracks exponentially (12 s for one line).
_PAREN_CREDIT = r"\((?=[^()]{1,80}\))(?>[A-Z][\w.&'-]*|" + _CREDIT_WORDS + r")(?:[\s/]++(?>[A-Z][\w.&'-]*|" + _CREDIT_WORDS + r"))*+\)"

ROLE_RULES: tuple[RoleRule, ...] = (
    RoleRule("credit", "credit_only", re.compile(r"^(?:(?:Credit|Photo|Image|Picture)s?\s*:\s*[^.!?]{1,60}|" + _PAREN_CREDIT + r"(?:\s*" + _PAREN_CREDIT + r")*)$", re.I)),
    RoleRule("caption", "caps_dateline_photo_description", re.compile(r"^[A-Z][A-Z .,'’-]{2,}\s[-–—]\s[A-Z]{3,}[\s,]*\d{1,2}\b")),
    RoleRule("caption", "ends_with_paren_credit", re.compile(r"[.!?'\"’”]\s*" + _PAREN_CREDIT + r"(?:\s*" + _PAREN_CREDIT + r")*$")),
    RoleRule("caption", "ends_with_agency_credit", re.compile(r"\((?:[^()]*\b)?" + _AGENCIES + r"\b[^()]{0,40}\)$")),
    RoleRule("caption", "ends_with_credit_label", re.compile(r"\b(?:Credit|Photo|Image|Picture)s?\s*:\s*[^.!?]{1,60}$", re.I)),
    RoleRule("promo", "read_more_link", re.compile(r"^(?:Read|See|Watch|Listen)\s+(?:more|also|next)\s*[:|-]", re.I)),
    RoleRule("promo", "click_image_promo", re.compile(r"^Click (?:on )?(?:this|the) (?:image|picture|link|button)\b", re.I)),
    RoleRule("promo", "podcast_promo", re.compile(r"\b(?:listen to our|our (?:latest )?podcasts?|subscribe to our podcast)\b", re.I)),
    RoleRule("promo", "newsletter_promo", re.compile(r"\b(?:sign up (?:to|for) our|our (?:daily |weekly )?newsletter|subscribe to our)\b", re.I)),
    RoleRule("promo", "app_or_social_promo", re.compile(r"\b(?:download (?:the|our) app|follow us on)\b", re.I)),
)



class Paragraph(NamedTuple):
    """One paragraph (a non-blank line of the raw text); the columns of :func:`split_paragraphs`."""

    article_id: str
    paragraph_id: str
    position: int
    line: int
    start: int
    end: int
    role: str
    rule: str
    n_chars: int
    text: str


PARAGRAPH_COLUMNS = list(Paragraph._fields)


def classify(text: str, position: int) -> tuple[str, str]:
    """Return ``(role, rule)`` for one paragraph at 0-based ``position``."""
    if position == 0:
        return "headline", "first_line"
    for rule in ROLE_RULES:
        if rule.pattern.search(text):
            return rule.role, rule.name
    return "body", "default_body"


def paragraph_records(article_id: str, text: str) -> list[Paragraph]:
    """The rows of :func:`split_paragraphs` as :class:`Paragraph` records."""
    rows = []
    offset = 0
    for line_no, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            start = offset + (len(line) - len(line.lstrip()))
            position = len(rows)
            role, rule = classify(stripped, position)
            rows.append(Paragraph(article_id, f"{article_id}-p{position:03d}", position, line_no, start,
                                  start + len(stripped), role, rule, len(stripped), stripped))
        offset += len(line) + 1
    return rows


def split_paragraphs(article_id: str, text: str) -> pd.DataFrame:
    """One row per non-blank line of ``text``.

    Columns: ``article_id``; ``paragraph_id`` (``<article_id>-p<NNN>``);
    ``position`` (0-based order in the article); ``line`` (1-based line number in
    the file); ``start``/``end`` (character offsets, ``text[start:end]`` is the
    paragraph); ``role`` and ``rule`` (see the module docstring); ``n_chars``;
    ``text`` (the paragraph with surrounding whitespace, including no-break
    spaces, stripped).
    """
    return pd.DataFrame(paragraph_records(article_id, text), columns=PARAGRAPH_COLUMNS)
