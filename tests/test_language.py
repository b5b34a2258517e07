"""Language detection: English-only measures are never computed on another language.

The texts are invented for these tests (short news paragraphs in each language)."""
from __future__ import annotations

import numpy as np
import pandas as pd
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


# ---------------------------------------------------------------- in a study

HEADLINES = {"de": "Brücke bleibt gesperrt", "es": "El puente sigue cerrado", "zh": "大桥关闭至月底"}
BODIES = {"de": GERMAN, "es": SPANISH, "zh": CHINESE}


@pytest.fixture(scope="module")
def mixed_study(tmp_path_factory):
    from conftest import seed_plus

    folder = tmp_path_factory.mktemp("languages") / "data"
    articles = {f"{code}.txt": f"{HEADLINES[code]}\n\n{BODIES[code]}\n\n{BODIES[code]}" for code in BODIES}
    rows = [{"id": f"bridge-{code}", "story": "bridge", "outlet": f"Outlet {code}", "file": f"raw/{code}.txt"}
            for code in BODIES]
    rows.append({"id": "bridge-en", "story": "bridge", "outlet": "Outlet en", "file": "raw/en.txt"})
    articles["en.txt"] = f"Bridge stays closed\n\n{ENGLISH}\n\n{ENGLISH}"
    return seed_plus(folder, articles, rows)


def test_articles_table_names_the_language_and_leaves_english_measures_empty(mixed_study):
    import analysis

    corpus = analysis.load_corpus(mixed_study, story="bridge")
    articles = corpus.articles.set_index("article_id")
    assert articles["language"].to_dict() == {"bridge-de": "de", "bridge-es": "es", "bridge-zh": "zh", "bridge-en": "en"}
    for code in BODIES:
        row = articles.loc[f"bridge-{code}"]
        assert f"language {code} " in row["problems"] and "English only" in row["problems"]
        # headline and two body paragraphs are still listed; nothing English-only is counted
        assert row["n_paragraphs"] == 3 and row["n_body_paragraphs"] == 2
        assert pd.isna(row["n_sentences"]) and pd.isna(row["n_words"]) and pd.isna(row["quoted_share"])
    # only the English article's sentences are measured
    assert set(corpus.sentences["article_id"]) == {"bridge-en"}
    assert set(corpus.paragraphs["article_id"]) == {"bridge-de", "bridge-es", "bridge-zh", "bridge-en"}
    readability = analysis.readability_table(corpus, reps=50)
    grade = readability[(readability["metric"] == "flesch_kincaid_grade") & (readability["scope"] == "body")]
    grade = grade.set_index("article_id")["value"]
    assert grade[[f"bridge-{c}" for c in BODIES]].isna().all() and np.isfinite(grade["bridge-en"])


def test_corpus_metrics_leave_english_measures_empty(mixed_study):
    from analysis.measures.pipeline import corpus_metrics

    metrics = corpus_metrics(mixed_study, story="bridge", workers=1).set_index("article_id")
    assert metrics["language"].to_dict() == {"bridge-de": "de", "bridge-es": "es", "bridge-zh": "zh", "bridge-en": "en"}
    measured = [c for c in metrics.columns if c.startswith(("body_", "narration_", "quotation_"))]
    assert metrics.loc[[f"bridge-{c}" for c in BODIES], measured].isna().all().all()
    assert np.isfinite(metrics.loc["bridge-en", "body_flesch_kincaid_grade"])
    assert metrics.loc["bridge-zh", "n_paragraphs"] == 3 and pd.isna(metrics.loc["bridge-zh", "n_words"])


def test_findings_never_compare_another_language_with_english(mixed_study):
    import analysis

    findings = analysis.key_findings(analysis.load_corpus(mixed_study, story="bridge"), reps=50)
    with_english = findings[(findings["outlet_a"] == "Outlet en") | (findings["outlet_b"] == "Outlet en")]
    assert len(with_english) == 3 * findings["finding"].nunique()  # each other outlet against English
    assert with_english["difference"].isna().all() and with_english["ci_low"].isna().all()


def test_text_that_is_no_language_is_undetermined_and_measured():
    # one word repeated: the model's best guess has a probability near 0 (not taken)
    guess = detect_language("Go. " * 200)
    assert guess.language == "und" and guess.method == "langid" and guess.confidence < 0.5
    assert is_measured(guess.language)
