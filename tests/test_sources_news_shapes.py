"""Sources resolved in invented articles of shapes seen in real news (issue #26)."""
from analysis.text.article import analyse_text


def _sources(text):
    return [(s.voice, s.source) for s in analyse_text("invented", text).sentences if s.voice != "narration"]


def test_surname_is_the_person_not_the_organisation_named_after_them():
    text = ("Headline\n\nJane Roe founded Roe University in 1990 and ran it for a decade.\n\n"
            "Roe University said it would close its doors in June.\n\n"
            "\"We did everything we could,\" Roe said.\n")
    assert _sources(text)[-1] == ("quotation", "Jane Roe")


def test_single_word_organisation_still_resolves_to_itself():
    text = ("Headline\n\nBellmark Holdings said on Monday it would cut 200 jobs.\n\n"
            "Bellmark said the cuts were needed.\n")
    assert _sources(text)[-1] == ("reported", "Bellmark Holdings")
