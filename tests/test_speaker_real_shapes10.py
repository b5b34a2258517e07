"""Real-news shapes (PolNeAR train, issue 26), tenth set: pronoun speakers, each on an INVENTED text
of the same form; the expected sources are read off the text by hand."""
from __future__ import annotations

from analysis.text.article import analyse_text


def sources_of(*paragraphs: str) -> list[str]:
    """The canonical source of every body sentence of an article made of ``paragraphs``."""
    return [s.source for s in analyse_text("t", "Headline\n\n" + "\n\n".join(paragraphs)).sentences]


def test_it_is_the_organisation_that_opened_the_sentence_before():
    # "The Example Institute opposed ...": the body that opens the narration sentence as its subject
    # is what the next "it" means, rather than the body that spoke before it
    sources = sources_of(
        "The pier is safe, the Acme Port Authority said on Monday.",
        "Still, the Example Institute opposed the plan in a report on Tuesday.",
        '"Close the pier until it is repaired," it recommended.')
    assert sources[2] == "Example Institute"
    sources = sources_of(
        '"The report is wrong," Mark Doe said on Monday.',
        "The Example Institute released a report on Tuesday about the harbour.",
        'It said the pier "is unsafe" and should close.')
    assert sources[2] == "Example Institute"
    # a body that opened a sentence long before is not it: the body that spoke since is
    sources = sources_of(
        "The Example Institute released a report on Tuesday about the harbour.",
        "The harbour has been busy for years.",
        "Ships come and go all day.",
        "Many sailors live nearby.",
        "The pier is safe, the Acme Port Authority said on Monday.",
        "It added that repairs will start in May.")
    assert sources[5] == "Acme Port Authority"
