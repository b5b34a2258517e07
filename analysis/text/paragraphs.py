"""Split raw article text into paragraphs and label what each one is.

A paragraph is one non-blank line of the raw text (page text copied from the
web puts each block, caption or promo on its own line).  Nothing is dropped:
every non-blank character of the raw text belongs to exactly one paragraph, and
``start``/``end`` are offsets into the text so ``text[start:end]`` gives the
paragraph back.

**Text without paragraph breaks** (one long line, as Media Cloud and many
scrapers export it): a line of at least ``SINGLE_LINE_MIN_CHARS`` characters and
``SINGLE_LINE_MIN_SENTENCES`` sentences, unless the text has ``OTHER_PARAGRAPHS_MIN`` other
lines of a paragraph's length that end a sentence and the line is under
``LONG_PARAGRAPH_MAX_SHARE`` of it (then it is a long paragraph), or a line that is nearly the whole text
(``SHORT_TEXT_SHARE``), is cut into pieces - at sentence ends and
around page furniture that runs on inside it (a byline, a date, "Share", a photo
credit, a wire dateline) - before roles are given; the article's problems say
``no paragraph breaks: split into N pieces``.  Should the rules set aside more
than ``SINGLE_LINE_MAX_SET_ASIDE`` of such a text, or any paragraph longer than
``LONG_SET_ASIDE_CHARS`` (more than a paragraph's worth), a loud ``WARNING`` is added too.

Roles, decided by the first matching rule (the rule's name is kept in ``rule``):

* ``headline`` - the first paragraph that is not page furniture (``first_line``);
* ``credit``   - a line that is only a picture credit:
  ``credit_only`` ("Credit: AP", "(PA)", "(AP Photo/Jo Bloggs)"),
  ``image_source_label`` ("Image source, PA Media"),
  ``credit_label_only`` ("Pic: Sky News", "Photograph: Reuters"),
  ``paren_label_credit`` ("(Image: Getty)"), ``slash_credit`` ("/ PA"),
  ``bare_credit`` right under a caption ("SWNS", "ITV/Shutterstock",
  "Jo Bloggs for The Daily Paper");
* ``caption``  - a picture caption:
  ``caps_dateline_photo_description`` ("GENEVA, SWITZERLAND - MAY 03: ..."),
  ``ends_with_paren_credit`` ("... in Geneva. (Getty Images)"),
  ``ends_with_agency_credit`` ("... St James's Park (Jo Bloggs/PA)"),
  ``ends_with_credit_label`` ("... shut.' Credit: AP"),
  ``image_caption_label`` ("Image caption, Rescuers ...", "Media caption, ..."),
  ``image_prefix_caption`` ("Image: The lorry was stopped ...", "Pictured: ..."),
  ``ends_with_photo_label`` ("... last month. Photograph: Jo Bloggs/PA",
  "... File pic: PA"), ``ends_with_copyright_credit`` ("... the reef © University"),
  ``ends_with_caps_credit`` ("... since 2015 ALAMY", "... JO BLOGGS/EPA"),
  ``ends_with_agency_slash`` ("... REUTERS/Jo Bloggs/File Photo"),
  ``ends_with_pipe_credit`` ("... on Tuesday. | Jo Bloggs/Getty Images"),
  ``ends_with_bracket_credit`` ("... on March 10, 2026 [Jo Bloggs/Reuters]"),
  ``ends_with_paren_source`` ("... in D.C. (Jo Bloggs/The Post)", "... (iStock)"),
  ``caption_before_credit`` (the line right above a credit, when the credit is a
  bare one or the line has no closing full stop);
* ``byline``   - authors: ``byline_by`` ("By Tom Hale, Transport Reporter"),
  ``byline_label`` ("Story by ...", "Reporting by ...; Editing by ..."),
  ``byline_contributed`` ("Jo Bloggs contributed to this report."),
  ``author_bio`` ("Jo Bloggs covers aviation for The Post.", "... More about Jo Bloggs"),
  ``byline_role`` ("Transport reporter, BBC News", "Health Correspondent"),
  ``reporting_from`` ("Reporting from Brooklyn"), ``name_byline`` (a bare name
  next to a date or a byline, "Tom Hale"), ``byline_outlet`` ("BBC Wales News" after
  a name);
* ``date``     - ``date_line`` (publication, update and reading-time lines:
  "Published: 09:14, 10 March 2026 | Updated: ...", "3 min read", "11:42 GMT");
* ``embed``    - embedded social posts: ``embed_furniture`` ("Allow Twitter content?",
  "View this post on Instagram", "A post shared by ..."), ``tweet_signature``
  ("— Jo Bloggs (@jo) March 9, 2026"), ``post_text`` (the line above a signature),
  ``social_handle`` ("@jo"), ``post_timestamp`` ("9:12 PM · Mar 9, 2026"),
  ``pic_link`` ("pic.twitter.com/..."), ``post_block`` (name, text between a handle
  and its timestamp);
* ``footer``   - ``copyright_footer`` ("© 2026 ...", "All rights reserved"),
  ``licensing_footer`` ("Reuse this content", "Purchase Licensing Rights"),
  ``site_footer`` ("Contact us | Terms ...", "Read the original article on ...",
  "This is a breaking news story ...", print-edition notes), ``helpline_footer``
  ("In the UK, Samaritans can be contacted ..."; "Source: X and news agencies"), ``topic_list_header`` ("Related
  Topics", "More about", "Filed under:", "See more on: ...") and ``topic_list_item`` (the short lines
  under it), ``trailing_tags`` (three or more short tag lines closing the page);
* ``promo``    - page furniture that is not reporting: ``read_more_link``,
  ``click_image_promo``, ``podcast_promo``, ``newsletter_promo``,
  ``app_or_social_promo`` (as before), ``page_widget`` ("Share", "Save", "Link
  copied", "Advertisement", "SKIP ADVERTISEMENT", "Story continues"),
  ``separator_line`` (a line with no letter or digit between sections: "___.", "* * *"),
  ``related_link`` ("Related: ...", "READ MORE: ...", "Watch: ..."),
  ``related_list_header`` ("More on this story", "Most viewed", "Read more from X:")
  and ``related_list_item`` (the links, dates and names under it), ``video_promo``
  ("Watch Jo's report", "01:12 - Source: X"), ``video_title`` (the line under a
  "Video" widget), ``social_follow_promo`` ("Follow X on WhatsApp"),
  ``newsletter_signup`` ("Sign up to ...", "Get the latest news sent to your inbox"),
  ``newsletter_block`` (lines between "Sign up" and "after newsletter promotion"),
  ``app_promo`` ("Download the X app"), ``click_here_promo`` ("CLICK HERE ..."),
  ``comment_prompt`` ("Have your say in the comments below", "Join the
  conversation"), ``tip_line`` ("Do you have a story? Email us at ..."),
  ``trust_promo`` ("Why you can trust X"),
  ``all_caps_link`` (a whole line in capitals, "MEXICAN CARTELS USING DRONES ..."),
  ``bracket_tag_link`` ("Vet warns dog owners ...[ADVICE]"); in a text without paragraph
  breaks also ``promo_lead_in`` (the question before a promo: "Want a quick briefing?
  Listen to our podcasts ...") and ``link_continuation`` (a link's title running past
  its question mark: "Read more: Which countries are in Nato? Full list as ...");
* ``body``     - everything else: the reporting itself (``default_body``), including
  a wire dateline, kept in the body and marked ``body_with_dateline``
  ("ST. LOUIS (AP) — A towboat ...", "LONDON, March 10 (Reuters) - ..."), and
  ``attributed_quotation`` - a line with a quotation and its attribution
  (``He told the BBC: "..."``) is never furniture.

A user's own rules (``cleaning.csv``: role, name, pattern) are tried before these
and recorded as ``user:<name>``; a user's line overrides (``roles.csv``: file, line,
role) win over everything and are recorded as ``override:roles.csv``.

The rules are generic English web-page conventions, not tied to any outlet.  Every
pattern is linear-time: no nested quantifiers that can backtrack.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .patterns import MONTH, WIDGET
from .prefilter import Requirement, could_match, fold, required_literals
from .splitting import split_promo_tail, split_run_on


ROLES = ("headline", "body", "byline", "date", "caption", "credit", "promo", "embed", "footer")


@dataclass(frozen=True)
class RoleRule:
    role: str
    name: str
    pattern: re.Pattern
    #: literal text the pattern cannot match without (:mod:`analysis.text.prefilter`)
    required: Requirement | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "required", required_literals(self.pattern))

    def search(self, text: str, folded: str) -> bool:
        """Whether the rule matches ``text`` (``folded`` is ``prefilter.fold(text)``)."""
        if self.required is not None and not could_match(self.required, text, folded):
            return False
        return self.pattern.search(text) is not None


_AGENCIES = r"(?:AP|AFP|PA|EPA|Reuters|Getty Images|Shutterstock|Alamy|Press Association|Photo by|Pool)"
_CREDIT_WORDS = r"(?:AP|AFP|PA|EPA|Reuters|Getty|Shutterstock|Alamy|Photo|Picture|Pictures|Image|Images|Press|Association|Contributor|via|by|/|Handout|Pool)"
# A parenthesised credit: short, made of capitalised words or credit vocabulary, e.g.
# "(Getty Images)", "(PA)", "(Photo by Robert Hradil/Getty Images)".
# Atomic words and possessive separators: "/" is both a separator and a credit word, and
# without them "(A" + 37 slashes + "!)" backtracks exponentially (12 s for one line).
_PAREN_CREDIT = r"\((?=[^()]{1,80}\))(?>[A-Z][\w.&'-]*|" + _CREDIT_WORDS + r")(?:[\s/]++(?>[A-Z][\w.&'-]*|" + _CREDIT_WORDS + r"))*+\)"

#: The original rules; they come first so that pages they already read keep their roles.
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

# A quotation of three words or more with its attribution: reporting, never furniture.
_ATTRIBUTED_QUOTE = re.compile(
    r"\b(?:said|says|told|tells|wrote|writes|added|adds|asked|explained|insisted|warned)\b[^\"“‘]{0,60}"
    r"[\"“‘][^\"“”‘’]{0,40}?\w+\s+\w+\s+\w+"
)

_WIDGET = WIDGET
_MONTH = MONTH
_SOCIAL = r"(?:Twitter|X|Instagram|Facebook|YouTube|TikTok|Bluesky|Threads)"

#: Rules added for the furniture of many outlets' pages, tried in this order after
#: :data:`ROLE_RULES` (each documented with an example in the module docstring).
EXTRA_RULES: tuple[RoleRule, ...] = (
    RoleRule("promo", "page_widget", re.compile(rf"^{_WIDGET}(?:\s+{_WIDGET}){{0,6}}[.:!…]*$", re.I)),
    # a line with no letter or digit ('___.', '* * *', '—-'): a section break, never a sentence
    # short and free of quotation marks: a line of nothing but quote marks is text gone wrong, not a rule
    RoleRule("promo", "separator_line", re.compile(r"^(?:_|[^\w\"'\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb\u2039\u203a]){1,80}$")),
    RoleRule("embed", "embed_furniture", re.compile(
        rf"^(?:Skip {_SOCIAL} (?:post|content|video)\b|Allow {_SOCIAL} content\?|End of {_SOCIAL} (?:post|content|video)\b|"
        rf"{_SOCIAL} (?:content|post)$|Accept and continue$|Allow and continue$|View this post on \w+|A post shared by\b)"
        rf"|\bcontent provided by {_SOCIAL}\b", re.I)),
    RoleRule("embed", "tweet_signature", re.compile(rf"^[—–-]\s*[^()]{{1,80}}\(@\w{{1,30}}\)\s*{_MONTH}\.? \d{{1,2}}, \d{{4}}$")),
    RoleRule("embed", "social_handle", re.compile(r"^@\w{1,30}$")),
    RoleRule("embed", "post_timestamp", re.compile(r"^\d{1,2}:\d{2}\s*[AP]M\s*·")),
    RoleRule("embed", "pic_link", re.compile(r"\bpic\.twitter\.com/\w+")),
    RoleRule("footer", "copyright_footer", re.compile(r"^(?:©|Copyright\b|\(c\) )|\bAll [Rr]ights [Rr]eserved\b|\bmay not be published, broadcast, rewritten")),
    RoleRule("footer", "licensing_footer", re.compile(r"^(?:Reuse this content\b|Purchase Licensing Rights\b|Our Standards:|Order Reprints\b)")),
    RoleRule("footer", "site_footer", re.compile(
        r"^(?:Contact us\s*\||A version of this article appears in print\b|Read the original article on\b|"
        r"This is a breaking news story\b|The views expressed in the contents above\b|The Local Democracy Reporting Service\b)"
        r"|\bnot responsible for the content of external (?:sites|websites)\b|\bis part of [A-Z][\w ]{1,40} (?:plc|Ltd|Group)\.?$"
        r"|\bis an independent (?:global )?news (?:organi[sz]ation|agency)\b"
        r"|^(?:Source|Sources|With)\b:?[^.!?]{0,60}\bagenc(?:y|ies)\.?$|^Go [Tt]o [Hh]omepage$")),
    RoleRule("footer", "helpline_footer", re.compile(r"^(?:In the UK|In the US|In Australia|If you(?:['’]ve| have) been affected)\b.{0,300}\b(?:Samaritans|helpline|Lifeline)\b")),
    RoleRule("footer", "topic_list_header", re.compile(r"^(?:Explore more on these topics|More about|Related [Tt]opics|Topics|Suggested Topics|See more on|Filed under|Tags|Tagged|Categories)\s*:?$|^See more on:", re.I)),
    RoleRule("promo", "related_list_header", re.compile(
        r"^(?:More on this story|Related(?: articles?| content| stories| coverage| internet links)?|Read more(?: (?:from|on|about) [^.!?]{1,40})?|"
        r"More (?:from|for|on) [^.!?]{1,40}|Don['’]t miss|Most (?:viewed|read|popular|shared)|See also|Recommended(?: for you)?|"
        r"Top stories|Trending(?: now)?|You (?:may|might) also like|Read next|Up next|"
        r"(?:Subscribers|Readers|People)(?: are)? (?:also )?(?:reading|read|viewed|watching))\s*(?::|\.\.\.|…)?$", re.I)),
    RoleRule("promo", "related_link", re.compile(r"^(?:Related|READ MORE|Read more|Read next|See also|Watch|Listen|More|Recommended|Don['’]t miss|Go deeper)(?: video| article| story| content)?\s*[:|–—-]\s*\S", re.I)),
    RoleRule("promo", "video_promo", re.compile(r"^Watch\b[^.!?]{0,120}$|^\d{1,2}:\d{2}\s*-\s*Source:")),
    RoleRule("promo", "social_follow_promo", re.compile(rf"^Follow\b[^.!?]{{0,60}}\bon\s+(?:{_SOCIAL}|WhatsApp|Google)\b|^Keep up with\b|^You can (?:receive|also follow)\b|\bWhatsApp (?:community|channel|group)\b")),
    RoleRule("promo", "newsletter_signup", re.compile(
        r"^Sign up\b|\bSign up here\b|^Privacy Notice:|^after newsletter promotion$|^Get (?:all the|the latest|the biggest|our (?:free )?)\b"
        r"|\bstraight to your (?:inbox|phone)\b|\bby subscribing\b|^Subscribe\b|^Support (?:your|our|us)\b"
        r"|\bYou can unsubscribe at any time\b", re.I)),
    RoleRule("promo", "app_promo", re.compile(r"^Download\b[^.!?]{0,60}\bapp\b|\bGET THE [A-Z ]{2,30} APP\b|You can now listen to\b|\bas (?:a|your) preferred source\b|^Save (?:this )?articles? to read later\b", re.I)),
    RoleRule("promo", "click_here_promo", re.compile(r"^(?:CLICK|Click|Tap) (?:HERE|here)\b")),
    RoleRule("promo", "comment_prompt", re.compile(r"^(?:Have your say\b|Join (?:the conversation|our commenting|thought-provoking)\b|Share (?:or comment on )?this (?:article|story))|\bin the comments below\b", re.I)),
    RoleRule("promo", "tip_line", re.compile(r"^(?:We pay for your stories|Do you have a story|Got a story|Email us at)\b|\bSend your story ideas\b|\btips@|^Get in touch with\b|\bby emailing us at\b")),
    RoleRule("promo", "trust_promo", re.compile(r"^Why you can trust\b")),
    RoleRule("promo", "bracket_tag_link", re.compile(r"\[[A-Z][A-Z ]{2,20}\]$")),
    RoleRule("byline", "byline_by", re.compile(r"^By\s+[A-Z][\w.'’-]*(?:[\s,]+(?:[A-Z][\w.'’-]*|and|&|in|for|of|the|de|van|von|la|le)){0,10},?(?:\s[-–—|•]\s[^A-Za-z]{0,12}\d[^.!?]{0,40})?\s*$", re.I)),
    RoleRule("byline", "byline_label", re.compile(r"^(?:(?:Story|Edited|Words|Written|Reporting|Interview|Additional reporting|Compiled) by|Contributing:)\s[A-Z][^.!?]{0,200}$")),
    RoleRule("byline", "byline_contributed", re.compile(r"\bcontributed (?:to )?(?:this|the) (?:report|story|article)\.?$|\bcontributed reporting\b")),
    RoleRule("byline", "author_bio", re.compile(
        r"^[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3} (?:covers|writes about|is (?:a|an|the) (?:[\w-]+ ){0,5}(?:reporter|writer|correspondent|editor|journalist|columnist|producer|critic))\b"
        r"|\bMore about [A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}$|^Story tips can be sent to\b")),
    RoleRule("byline", "byline_role", re.compile(
        r"^(?!(?:Why|How|What|When|Where|Who|The|A|An)\b)(?:[A-Z][\w'’.-]*,?\s+){0,4}(?:[a-z]+\s+)?"
        r"(?:[Rr]eporter|[Cc]orrespondent|[Ee]ditor|[Jj]ournalist|[Ww]riter|[Cc]olumnist|[Mm]eteorologist|[Pp]roducer|REPORTER|CORRESPONDENT|EDITOR)\b"
        r"(?:,?\s[^.!?]{0,60})?$")),
    RoleRule("byline", "reporting_from", re.compile(r"^Reporting from [A-Z]")),
    RoleRule("caption", "image_caption_label", re.compile(r"^(?:Image|Media|Video|Photo) caption\s*[,:]", re.I)),
    RoleRule("credit", "image_source_label", re.compile(r"^Image source\s*[,:]", re.I)),
    RoleRule("credit", "slash_credit", re.compile(r"^/\s?[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,3}$")),
    RoleRule("credit", "credit_label_only", re.compile(r"^(?:Pic|Pics|Photograph|Photographs|Photo credit|File pic|Picture credit|Photo illustration)\s*:\s*[^.!?]{1,60}$", re.I)),
    RoleRule("caption", "image_prefix_caption", re.compile(r"^(?:Image|Pictured|Photo|Picture|Above|Top|Main|Inset|Left|Right|Below)\s*:\s*\S")),
    RoleRule("caption", "ends_with_photo_label", re.compile(r"\b(?:Photograph|Photographs|Pic|Pics|File pic|File photo|Illustration|Composite|Video|Footage)\s*:\s*[^.!?:]{1,80}$", re.I)),
    RoleRule("caption", "ends_with_copyright_credit", re.compile(r"\S\s*©\s*[^.!?©]{1,60}$")),
    RoleRule("caption", "ends_with_bracket_credit", re.compile(r"\S\s\[[^\[\]]{1,40}/[^\[\]/]{1,40}\]$")),
    RoleRule("caption", "ends_with_pipe_credit", re.compile(r"\S\s\|\s[A-Z][^|.!?]{0,40}/[^|.!?/]{1,40}$")),
    # the agency and its photographer close the line: an 'NBC/WSJ poll' inside a sentence is reporting
    RoleRule("caption", "ends_with_agency_slash", re.compile(
        r"(?<=\s)[A-Z]{2,}/[A-Z][\w'’-]*(?:[\s/]+[A-Z][\w'’.-]*){0,6}$|\S\s+Purchase Licensing Rights\b")),
)

_DATELINE = re.compile(
    r"^[A-Z][A-Za-z.'’ -]{1,40}?(?:,\s?[A-Z][A-Za-z.'’ ]{1,25})?(?:,\s?" + _MONTH + r"\.?\s\d{1,2})?\s?"
    r"(?:\([A-Z][\w .&-]{1,30}\)|[A-Z]{2,6})\s[-–—]\s"
)
_DATE_WORDS = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|"
    r"nov|november|dec|december|st|nd|rd|th|published|updated|last|modified|first|posted|created|on|at|am|pm|a\.m|p\.m|"
    r"gmt|bst|utc|cet|cest|edt|est|cdt|cst|mdt|mst|pdt|pst|et|ct|pt|uk|h|hr|hrs|hours?|mins?|minutes?|read|ago|days?|"
    r"today|yesterday)\b", re.I)
_NON_DIGIT_NUMBER = re.compile(r"\d+")
#: A lower-case word of three or more letters (with no capital before it): a date line holds none
#: but these.
_LOWER_WORD = re.compile(r"(?<![\w'’])[a-z]{3,}\b")
_DATE_LINE_GLUE = frozenset({"and", "the", "for", "from", "via", "with", "est"})
_LETTERS = re.compile(r"[^\W\d_]")
_TERMINAL = re.compile(r"[.!?\"”’']\s*$")
_SENTENCE_END = re.compile(r"[.!][\"”’']?\s*$")
_NAME_LINE = re.compile(r"^(?:[A-Z][\w'’-]+|[A-Z]\.)(?: (?:[A-Z][\w'’.-]+|de|van|von|la|le|da|del|bin|al)){1,3}$")
_OUTLET_LINE = re.compile(r"^(?:[A-Z][\w'’-]*\s){0,3}News(?:\s[A-Z][\w'’-]*)?(?:,\s[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2})?$")
#: A name and the newsroom on one line (a run-on byline box): 'Amy Holt BBC News, Leeds'
_NAME_THEN_OUTLET = re.compile(r"^[A-Z][\w'’-]+ [A-Z][\w'’-]+ (?:[A-Z][\w'’-]* ){0,3}News(?:\s[A-Z][\w'’-]*)?(?:,\s[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2})?$")
_TAG_LINE = re.compile(r"^[\w'’&-]+(?: [\w'’&-]+){0,3}$")
_SLASH_CREDIT_TOKEN = re.compile(r"^(?:[A-Z][\w'’.&-]*|[a-z][A-Z][\w'’.&-]*|for|via|and|of|the|de|/)$")


def is_date_line(text: str) -> bool:
    """True for a line that is only a date, a time, a reading time or an update stamp
    ("Published: 09:14, 10 March 2026 | Updated: ...", "5 min read", "• 4h • 3 min read")."""
    if len(text) > 100 or not any(ch.isdigit() for ch in text):
        return False
    rest = _DATE_WORDS.sub(" ", _NON_DIGIT_NUMBER.sub(" ", text))
    if len(text.split()) >= 3 and any(word not in _DATE_LINE_GLUE for word in _LOWER_WORD.findall(rest)):
        return False  # a sentence with a year in it: 'He died in 2001.', 'A: I started in 1994.'
    return len(_LETTERS.findall(rest)) <= 12


def _is_all_caps_link(text: str) -> bool:
    if 5 * sum(map(text.count, "etaoinsrhl")) > len(text):
        return False  # over a fifth of the characters are lower-case letters: not 90% capitals
    letters = _LETTERS.findall(text)
    return len(letters) >= 15 and len(text.split()) >= 4 and sum(ch.isupper() for ch in letters) / len(letters) >= 0.9


def _ends_with_caps_credit(text: str) -> bool:
    """'... since 2015 ALAMY', '... JAMES WELLAND FOR THE TIMES', '... KEN MORTON/EPA'."""
    words = text.split()
    if len(words) < 4 or _TERMINAL.search(text):
        return False
    k = len(words)
    while k > 0 and any(c.isalpha() for c in words[k - 1]) and words[k - 1].upper() == words[k - 1]:
        k -= 1
    tail = words[k:]
    if not tail or k == 0:
        return False
    before = words[k - 1]
    return sum(c.isalpha() for w in tail for c in w) >= 5 and (any(c.islower() for c in before) or before.isdigit())


def is_bare_credit(text: str) -> bool:
    """A credit without a label, as printed under a caption: 'SWNS', 'ITV/Shutterstock',
    'Jo Bloggs/Getty Images', 'Jo Bloggs for The Daily Paper', 'NASA/JPL-Caltech'."""
    if len(text) > 60 or _TERMINAL.search(text) or "," in text:
        return False
    tokens = text.replace("/", " / ").split()
    if len(tokens) == 1:
        word = tokens[0]
        return word.isupper() and word.isalpha() and 3 <= len(word) <= 8
    if not all(_SLASH_CREDIT_TOKEN.match(t) for t in tokens):
        return False
    return "/" in tokens or ("for" in tokens and tokens[0] != "By") or tokens[0] == "via"


#: Words of a source in brackets besides names: '(stock image)', '(Jo Bloggs for The Post)'.
_SOURCE_WORDS = frozenset("for via and of the de photo photos image images picture file stock handout courtesy".split())
#: A party and state tag, '(D-N.Y.)', '(R-Texas)': who a lawmaker is, not a source (a state
#: alone, '(Calif.)', ends with a full stop).
_PARTY_STATE_TAG = re.compile(r"^[A-Z]{1,2}-[A-Z]")


def _ends_with_paren_source(text: str) -> bool:
    """A caption ending in a parenthesised source: '... in D.C. (Jo Bloggs/The Post)',
    '... (iStock)', '... (stock image)'.  Not a sentence in brackets ('(The vote was
    close.)'), a party and state tag ('... said Rep. Jo Roe (D-N.Y.)') or an aside in
    lower case ('(conducted last week)')."""
    if not text.endswith(")") or len(text) < 50:
        return False
    open_at = text.rfind("(")
    if not (0 < open_at and len(text) - open_at <= 70 and "(" not in text[open_at + 1:]):
        return False
    inside = text[open_at + 1:-1].strip()
    if not inside or inside[-1] in ".!?\"”’'" or _PARTY_STATE_TAG.match(inside):
        return False
    words = inside.replace("/", " ").split()
    return all(w[:1].isupper() or w[:1].isdigit() or any(c.isupper() for c in w) or w.lower() in _SOURCE_WORDS
               for w in words)


def _title_case_share(text: str) -> float:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) > 3]
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


_PAREN_LABEL_CREDIT = RoleRule("credit", "paren_label_credit", re.compile(r"^\((?:Image|Photo|Picture|Pic|Credit)s?\s*:[^()]{1,60}\)$", re.I))
_RULES_AND_DATELINE = ROLE_RULES + (None,) + EXTRA_RULES  # None: the wire dateline's turn


def _intrinsic(text: str, user_rules: tuple[RoleRule, ...] = ()) -> tuple[str, str]:
    folded = fold(text)
    for rule in user_rules:
        if rule.search(text, folded):
            return rule.role, rule.name
    if _PAREN_LABEL_CREDIT.pattern.match(text):
        return _PAREN_LABEL_CREDIT.role, _PAREN_LABEL_CREDIT.name
    for rule in _RULES_AND_DATELINE:
        if rule is None:
            if _DATELINE.match(text):
                return "body", "body_with_dateline"
            continue
        # RoleRule.search, written out: this loop runs for every rule on every line
        if rule.required is not None and not could_match(rule.required, text, folded):
            continue
        if rule.pattern.search(text):
            if rule.role not in ("caption", "credit") and _ATTRIBUTED_QUOTE.search(text):
                return "body", "attributed_quotation"  # 'He told the BBC: "..."' is reporting
            return rule.role, rule.name
    if is_date_line(text):
        return "date", "date_line"
    if _ends_with_caps_credit(text):
        return "caption", "ends_with_caps_credit"
    if _ends_with_paren_source(text):
        return "caption", "ends_with_paren_source"
    if _is_all_caps_link(text):
        return "promo", "all_caps_link"
    return "body", "default_body"


Labels = list[tuple[str, str]]


def _free(labels: Labels, i: int) -> bool:
    """A line no rule has claimed yet."""
    return labels[i][1] == "default_body"


def _headline_pass(texts: list[str], labels: Labels, user_names: set[str]) -> None:
    """The first line that is not page furniture ("Supported by", "Share" above it)."""
    for i, (role, rule) in enumerate(labels):
        if rule in user_names:
            break
        if role != "promo":
            labels[i] = ("headline", "first_line")
            break


def _list_items(texts: list[str], labels: Labels, user_names: set[str], i: int) -> int:
    """Label the items under the list header at ``i``; the index after the list."""
    n = len(texts)
    rule = labels[i][1]
    topics = rule == "topic_list_header"
    item_role, item_rule = ("footer", "topic_list_item") if topics else ("promo", "related_list_item")
    j, items = i + 1, 0
    while j < n and items < 10:
        r2, n2 = labels[j]
        t = texts[j]
        if n2 in ("related_list_header", "topic_list_header", "read_more_link") and n2 != rule:
            break
        if n2 in user_names or r2 in ("footer", "embed", "caption", "credit"):
            break
        if n2 not in ("default_body", "date_line", "name_byline") and r2 != "byline":
            if topics and n2 != "page_widget":
                break
            j += 1
            continue
        if topics:
            ok = len(t) <= 40 and not _TERMINAL.search(t)
        else:
            ok = len(t) <= 160 and (not _SENTENCE_END.search(t) or _title_case_share(t) >= 0.7 or r2 != "body")
        if not ok:
            break
        labels[j] = (item_role, item_rule)
        items += 1
        j += 1
    return j


def _list_pass(texts: list[str], labels: Labels, user_names: set[str]) -> None:
    """Links under a "More on this story" header, tags under a "Topics" header."""
    i = 0
    while i < len(texts):
        rule = labels[i][1]
        header = rule in ("related_list_header", "topic_list_header") or (rule == "read_more_link" and len(texts[i]) <= 40)
        i = _list_items(texts, labels, user_names, i) if header else i + 1


def _newsletter_box_pass(texts: list[str], labels: Labels, user_names: set[str]) -> None:
    """Everything from "Sign up ..." to "after newsletter promotion"."""
    for i in range(len(texts)):
        if texts[i].lower() != "after newsletter promotion":
            continue
        for k in range(i - 1, max(-1, i - 5), -1):
            if labels[k][1] == "newsletter_signup" and texts[k].lower().startswith("sign up"):
                for m in range(k + 1, i):
                    if labels[m][0] == "body":
                        labels[m] = ("promo", "newsletter_block")
                break


def _embedded_post_pass(texts: list[str], labels: Labels, user_names: set[str]) -> None:
    """The post text above "— Name (@handle) date"; a name above "@handle" and the text
    between the handle and the post's timestamp."""
    n = len(texts)
    for i in range(n):
        rule = labels[i][1]
        if rule == "tweet_signature" and i > 0 and _free(labels, i - 1):
            labels[i - 1] = ("embed", "post_text")
        if rule != "social_handle":
            continue
        if i > 0 and _free(labels, i - 1) and len(texts[i - 1]) <= 40:
            labels[i - 1] = ("embed", "post_block")
        for k in range(i + 1, min(n, i + 4)):
            if labels[k][1] == "post_timestamp":
                for m in range(i + 1, k):
                    if _free(labels, m):
                        labels[m] = ("embed", "post_block")
                break


def _video_title_pass(texts: list[str], labels: Labels, user_names: set[str]) -> None:
    """The title under a "Video" widget."""
    for i in range(len(texts) - 1):
        if labels[i][1] == "page_widget" and "video" in texts[i].lower() and _free(labels, i + 1) \
                and len(texts[i + 1]) <= 120 and not _TERMINAL.search(texts[i + 1]):
            labels[i + 1] = ("promo", "video_title")


def _caption_credit_pass(texts: list[str], labels: Labels, user_names: set[str]) -> None:
    """A bare credit under a caption; the caption above a credit."""
    n = len(texts)
    for i in range(1, n):
        if _free(labels, i) and is_bare_credit(texts[i]) and labels[i - 1][0] in ("body", "caption") \
                and labels[i - 1][1] != "first_line":
            labels[i] = ("credit", "bare_credit")
    for i in range(1, n):
        if labels[i][0] == "credit" and _free(labels, i - 1) and labels[i][1] != "image_source_label":
            if labels[i][1] == "bare_credit" or not _TERMINAL.search(texts[i - 1]):
                labels[i - 1] = ("caption", "caption_before_credit")


def _byline_at(texts: list[str], labels: Labels, i: int, first_long: int) -> None:
    """Label line ``i`` (and the newsroom line after it) a byline if its neighbours say so."""
    n = len(texts)
    t = texts[i]
    if len(t) > 60 or _TERMINAL.search(t) or t.endswith(":"):
        return
    if i < first_long and _NAME_THEN_OUTLET.match(t):
        labels[i] = ("byline", "name_byline")
        return
    nxt = labels[i + 1] if i + 1 < n else ("", "")
    prev = labels[i - 1]
    looks_name = bool(_NAME_LINE.match(t)) or (i < first_long and bool(re.match(r"^[A-Z][\w'’-]+ [A-Z][\w'’-]+\b", t)))
    if not looks_name:
        return
    if _NAME_THEN_OUTLET.match(t) or nxt[0] in ("date", "byline") and nxt[1] not in ("byline_contributed",) \
            or prev[0] == "byline" and prev[1] not in ("byline_contributed", "author_bio"):
        labels[i] = ("byline", "name_byline")
    elif i + 2 < n and _free(labels, i + 1) and texts[i + 1].isupper() and len(texts[i + 1]) <= 30 and labels[i + 2][0] == "date":
        labels[i] = ("byline", "name_byline")  # name, newsroom in capitals, date
        labels[i + 1] = ("byline", "byline_outlet")
    elif i + 1 < n and _OUTLET_LINE.match(texts[i + 1]) and _free(labels, i + 1):
        labels[i] = ("byline", "name_byline")
        labels[i + 1] = ("byline", "byline_outlet")


def _byline_pass(texts: list[str], labels: Labels, user_names: set[str]) -> None:
    """A bare name next to a date or a byline; "X News" after a name."""
    n = len(texts)
    first_long = next((i for i in range(n) if labels[i][0] == "body" and len(texts[i]) > 150), n)
    for i in range(1, n):
        if _free(labels, i):
            _byline_at(texts, labels, i, first_long)


def _trailing_tags_pass(texts: list[str], labels: Labels, user_names: set[str]) -> None:
    """Three or more short tag lines after the last reporting."""
    n = k = len(texts)
    while k > 0 and _free(labels, k - 1) and len(texts[k - 1]) <= 30 and _TAG_LINE.match(texts[k - 1]) \
            and not _TERMINAL.search(texts[k - 1]):
        k -= 1
    if n - k >= 3:
        for m in range(k, n):
            labels[m] = ("footer", "trailing_tags")


#: Rules that read a line's neighbours, in order, after each line's own rules: each pass
#: ``(texts, labels, user_rule_names)`` relabels lines in ``labels`` in place.
CONTEXT_PASSES = (_headline_pass, _list_pass, _newsletter_box_pass, _embedded_post_pass,
                  _video_title_pass, _caption_credit_pass, _byline_pass, _trailing_tags_pass)


def classify_lines(texts: list[str], user_rules: tuple[RoleRule, ...] = ()) -> list[tuple[str, str]]:
    """``(role, rule)`` of each paragraph of one article, in order (see the module docstring)."""
    labels = [_intrinsic(t, user_rules) for t in texts]
    user_names = {r.name for r in user_rules}
    for context_pass in CONTEXT_PASSES:
        context_pass(texts, labels, user_names)
    return labels


class Paragraph(NamedTuple):
    """One paragraph (a non-blank line of the raw text); the columns of ``Corpus.paragraphs``."""

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

#: A line at least this long, with at least this many sentences, is a text without
#: paragraph breaks and is cut into pieces before roles are given.
SINGLE_LINE_MIN_CHARS = 1000
SINGLE_LINE_MIN_SENTENCES = 6
#: ... unless the text has paragraph breaks: at least this many other lines of at least
#: ``PARAGRAPH_LINE_MIN_CHARS`` that end a sentence, with the long line under
#: ``LONG_PARAGRAPH_MAX_SHARE`` of the text, make it a long paragraph (a transcript, a statement
#: read out), which keeps its quotations and its place as one paragraph.
OTHER_PARAGRAPHS_MIN = 3
PARAGRAPH_LINE_MIN_CHARS = 60
LONG_PARAGRAPH_MAX_SHARE = 0.6
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)]*$")
#: A shorter text is also one without paragraph breaks when a single line holds this
#: share of its characters (at least ``SHORT_TEXT_MIN_CHARS``) in this many pieces.
SHORT_TEXT_SHARE = 0.8
SHORT_TEXT_MIN_CHARS = 300
SHORT_TEXT_MIN_PIECES = 3
#: Share of a single-line text's characters the rules may set aside before a loud warning.
SINGLE_LINE_MAX_SET_ASIDE = 0.5
#: A set-aside paragraph longer than this (a long paragraph's worth) gets a loud warning.
LONG_SET_ASIDE_CHARS = 600


class Piece(NamedTuple):
    line: int
    start: int
    end: int


class Structure(NamedTuple):
    """Paragraphs of one article, the problems found while splitting, and the bylines
    and dates the rules found (offered to the articles table)."""

    paragraphs: list[Paragraph]
    problems: list[str]
    bylines: list[str]
    dates: list[str]


def _line_pieces(text: str) -> list[Piece]:
    pieces = []
    offset = 0
    for line_no, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            start = offset + (len(line) - len(line.lstrip()))
            pieces.append(Piece(line_no, start, start + len(stripped)))
        offset += len(line) + 1
    return pieces


def _cut_run_on_lines(text: str) -> tuple[list[Piece], set[int]]:
    """The text's lines, a line without paragraph breaks cut into pieces
    (:func:`~analysis.text.splitting.split_run_on`); and the numbers of the lines cut."""
    pieces = _line_pieces(text)
    total = sum(p.end - p.start for p in pieces)
    out: list[Piece] = []
    split_lines: set[int] = set()
    paragraph_like = [p.end - p.start >= PARAGRAPH_LINE_MIN_CHARS and _ENDS_SENTENCE.search(text, p.start, p.end)
                      is not None for p in pieces]
    n_paragraph_lines = sum(paragraph_like)
    for piece, like in zip(pieces, paragraph_like):
        n_chars = piece.end - piece.start
        # a line that is nearly the whole text, or a long line with many sentences in a text
        # without other paragraphs (in one with them it is a long paragraph: cut into sentences,
        # a quotation running over it would stop at its first sentence end)
        whole = n_chars >= SHORT_TEXT_MIN_CHARS and n_chars >= SHORT_TEXT_SHARE * total
        breaks_elsewhere = n_paragraph_lines - like >= OTHER_PARAGRAPHS_MIN and n_chars < LONG_PARAGRAPH_MAX_SHARE * total
        if (n_chars >= SINGLE_LINE_MIN_CHARS and not breaks_elsewhere) or whole:
            parts = split_run_on(text, piece.start, piece.end)
            if len(parts) >= (SHORT_TEXT_MIN_PIECES if whole else SINGLE_LINE_MIN_SENTENCES):
                out += [Piece(piece.line, s, e) for s, e in parts]
                split_lines.add(piece.line)
                continue
        out.append(piece)
    return out, split_lines


def _cut_promo_tails(text: str, out: list[Piece], labels: Labels, split_lines: set[int]) -> list[Piece]:
    """A promo piece of a cut line that runs on into reporting, cut where reporting
    resumes ('... What You Need To Know Asked if he ...')."""
    cut_out = []
    for p, (role, rule) in zip(out, labels):
        runs_on = role == "promo" or rule == "attributed_quotation"  # a promo rule matched
        at = split_promo_tail(text, p.start, p.end) if runs_on and p.line in split_lines else None
        cut_out += [Piece(p.line, p.start, len(text[:at].rstrip())), Piece(p.line, at, p.end)] if at else [p]
    return cut_out


def _run_on_promo_passes(out: list[Piece], texts: list[str], labels: Labels, split_lines: set[int]) -> None:
    """In a cut line: the question that leads into a promo ('Want a quick briefing? Listen
    to our podcasts ...'), and a link's title running past its question mark ('Read more:
    Which countries are in Nato? Full list as Sweden ... join alliance')."""
    for i in range(len(out) - 1):
        if out[i].line in split_lines and out[i + 1].line == out[i].line and labels[i][1] == "default_body" \
                and texts[i].endswith("?") and labels[i + 1][0] == "promo" \
                and labels[i + 1][1] not in ("read_more_link", "related_link", "page_widget"):
            labels[i] = ("promo", "promo_lead_in")
    for i in range(1, len(out)):
        if out[i].line in split_lines and out[i - 1].line == out[i].line and labels[i][1] == "default_body" \
                and labels[i - 1][1] in ("read_more_link", "related_link") and texts[i - 1].endswith(("?", "!")) \
                and not _TERMINAL.search(texts[i]):
            labels[i] = ("promo", "link_continuation")


def _set_aside_warnings(out: list[Piece], texts: list[str], labels: Labels, split_lines: set[int]) -> list[str]:
    """Loud warnings: the rules set aside most of a cut line, or more than a paragraph's worth."""
    problems = []
    if split_lines:
        total = sum(p.end - p.start for p in out if p.line in split_lines)
        aside = sum(p.end - p.start for p, (role, _r) in zip(out, labels) if p.line in split_lines and role not in ("body", "headline"))
        if total and aside / total > SINGLE_LINE_MAX_SET_ASIDE:
            problems.append(f"WARNING: rules set aside {aside / total:.0%} of a text without paragraph breaks; check set-aside")
    for p, t, (role, rule) in zip(out, texts, labels):
        if role not in ("body", "headline") and len(t) > LONG_SET_ASIDE_CHARS:
            problems.append(f"WARNING: rule {rule} set aside {len(t)} characters at line {p.line}, "
                            "more than a paragraph's worth; check set-aside")
    return problems


def article_structure(article_id: str, text: str, *, user_rules: tuple[RoleRule, ...] = (),
                      overrides: dict[int, str] | None = None) -> Structure:
    """Paragraphs with roles (see the module docstring), problems, bylines and dates.

    ``user_rules`` are tried before the built-in rules; ``overrides`` maps a 1-based
    line number of the raw file to the role it must have.
    """
    out, split_lines = _cut_run_on_lines(text)
    texts = [text[p.start:p.end] for p in out]
    labels = classify_lines(texts, user_rules)
    if split_lines:
        cut_out = _cut_promo_tails(text, out, labels, split_lines)
        if len(cut_out) != len(out):
            out = cut_out
            texts = [text[p.start:p.end] for p in out]
            labels = classify_lines(texts, user_rules)
        _run_on_promo_passes(out, texts, labels, split_lines)
    problems = [f"no paragraph breaks: split into {len(out)} pieces"] if split_lines else []
    for i, p in enumerate(out):
        if overrides and p.line in overrides:
            labels[i] = (overrides[p.line], "override:roles.csv")
    problems += _set_aside_warnings(out, texts, labels, split_lines)
    paragraphs = [
        Paragraph(article_id, f"{article_id}-p{k:03d}", k, p.line, p.start, p.end, role, rule, p.end - p.start, t)
        for k, (p, t, (role, rule)) in enumerate(zip(out, texts, labels))
    ]
    bylines = [p.text for p in paragraphs if p.role == "byline" and p.rule in ("byline_by", "byline_label", "name_byline")]
    dates = [p.text for p in paragraphs if p.role == "date"]
    return Structure(paragraphs, problems, bylines, dates)


_BYLINE_PREFIX = re.compile(r"^(?:By|BY|Story by|Words by|Written by|Edited by)\s+")
_BYLINE_TAIL = re.compile(r"(?:,|\s(?:for|in)\s|\s\|\s).*$", re.I)
_DATE_IN_LINE = re.compile(
    r"\b(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s(?P<m1>" + _MONTH + r")\.?,?\s(?P<y1>\d{4})\b"
    r"|\b(?P<m2>" + _MONTH + r")\.?\s(?P<d2>\d{1,2}),?\s(?P<y2>\d{4})\b")
_MONTH_NUMBER = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


def author_from_bylines(bylines: list[str]) -> str:
    """The author named by the first byline ('By Tom Hale, Transport Reporter' -> 'Tom Hale',
    'By CHLOE BANNISTER FOR MAILONLINE' -> 'CHLOE BANNISTER'), or ''."""
    for line in bylines:
        name = _BYLINE_TAIL.sub("", _BYLINE_PREFIX.sub("", line.strip())).strip()
        if name and name[0].isupper() and len(name.split()) <= 8:
            return name
    return ""


def published_from_dates(dates: list[str]) -> str:
    """The first full date of the page's date lines as ISO ``YYYY-MM-DD``
    ('Published: 09:14, 10 March 2026 | Updated: ...' -> '2026-03-10'), or ''."""
    for line in dates:
        m = _DATE_IN_LINE.search(line)
        if m:
            day, month, year = (m["d1"], m["m1"], m["y1"]) if m["d1"] else (m["d2"], m["m2"], m["y2"])
            try:  # a real calendar date only ('31 February' is not one)
                return dt.date(int(year), _MONTH_NUMBER[month[:3].lower()], int(day)).isoformat()
            except ValueError:
                continue
    return ""
