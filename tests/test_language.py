"""Language detection: English-only measures are never computed on another language.

The texts are invented for these tests (short news paragraphs in each language)."""
from __future__ import annotations

import pytest

from analysis.text.language import (ENGLISH_STOP_SHARE, LanguageGuess, detect_language, is_measured,
                                    not_measured_problem)

ENGLISH = ("The council said on Monday that the bridge would stay closed until the end of the month, "
           "after engineers found cracks in two of its supports. Residents were told to use the ferry.")
GERMAN = ("Der Stadtrat teilte am Montag mit, dass die Brücke bis zum Monatsende gesperrt bleibt, nachdem "
          "Ingenieure Risse in zwei Pfeilern gefunden hatten. Die Anwohner sollen die Fähre benutzen.")
SPANISH = ("El ayuntamiento anunció el lunes que el puente seguirá cerrado hasta final de mes, después de "
           "que los ingenieros encontraran grietas en dos de sus pilares. Los vecinos deberán usar el ferry.")
CHINESE = "市议会周一表示，由于工程师在两个桥墩上发现裂缝，这座桥将关闭到月底。居民被告知改乘渡轮。"


@pytest.mark.parametrize("text, language", [(GERMAN, "de"), (SPANISH, "es"), (CHINESE, "zh")])
def test_other_languages_are_named_by_the_model(text, language):
    guess = detect_language(text)
    assert guess.language == language and guess.method == "langid"
    assert not is_measured(guess.language)
    assert f"language {language} " in not_measured_problem(guess)


def test_english_is_settled_by_its_function_words():
    guess = detect_language(ENGLISH)
    # counted by hand: 33 words, 16 of them on the 174-word English stop list
    # (The on that the would until the of the after in of its were to the)
    assert guess == LanguageGuess("en", round(16 / 33, 3), "stop words")
    assert guess.confidence >= ENGLISH_STOP_SHARE
    assert is_measured(guess.language)


def test_too_little_text_is_undetermined_and_still_measured():
    assert detect_language("Updated 12:04") == LanguageGuess("und", 0.0, "too short")
    assert is_measured("und")


def test_english_quoting_another_language_stays_english():
    text = ENGLISH + ' One sign read "Brücke gesperrt", and another "Puente cerrado".'
    assert detect_language(text).language == "en"
