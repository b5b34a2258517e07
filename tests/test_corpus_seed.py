"""The four tables on the seed study, against labels made by hand from the text."""
from __future__ import annotations

import re
import shutil

import pytest

import analysis
from analysis.config import PROJECT_ROOT
from conftest import SEED_DATA


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_paragraphs_put_back_together_give_the_raw_text(seed_corpus):
    for article_id, text in seed_corpus.texts.items():
        paragraphs = seed_corpus.paragraphs[seed_corpus.paragraphs["article_id"] == article_id]
        assert squash(" ".join(paragraphs["text"])) == squash(text)
        for row in paragraphs.itertuples():
            assert text[row.start:row.end] == row.text


def test_raw_files_are_unchanged_copies_of_the_seed():
    seed = PROJECT_ROOT.parent / "shared" / "seed-articles"
    if not seed.is_dir():
        pytest.skip("shared/seed-articles is not beside the repository")
    for name in ("000_6966557157a2233c.txt", "004_c965ac35a58a2a04.txt"):
        assert (SEED_DATA / "raw" / name).read_bytes() == (seed / name).read_bytes()


# Roles labelled by hand, by paragraph (line of text) position.
HAND_ROLES = {
    "itv-000": {0: "headline", 1: "caption", 11: "promo"},
    "yahoo-004": {0: "headline", 1: "caption", 2: "caption", 7: "promo", 11: "caption", 12: "caption",
                  16: "caption", 17: "caption", 18: "promo", 23: "promo"},
}


@pytest.mark.parametrize("article_id", sorted(HAND_ROLES))
def test_every_caption_and_promo_is_set_aside_and_nothing_else(seed_corpus, article_id):
    paragraphs = seed_corpus.paragraphs[seed_corpus.paragraphs["article_id"] == article_id]
    expected = {pos: HAND_ROLES[article_id].get(pos, "body") for pos in paragraphs["position"]}
    assert dict(zip(paragraphs["position"], paragraphs["role"])) == expected
    assert (paragraphs["rule"] != "").all()


def test_set_aside_lists_each_non_body_paragraph_with_its_reason(seed_corpus):
    aside = seed_corpus.set_aside()
    assert len(aside) == sum(len(v) for v in HAND_ROLES.values())
    assert set(aside["rule"]) >= {"first_line", "ends_with_credit_label", "caps_dateline_photo_description",
                                  "ends_with_paren_credit", "read_more_link", "click_image_promo", "podcast_promo"}


# Voice of every ITV sentence, labelled by hand under the gold set's rules
# (tests/eval/sources/README.md: a bare attribution tag keeps a quotation a quotation;
# indirect speech in the main clause is reported).
ITV_VOICES = [
    "narration",  # A veteran Russian diplomat ... "bloody assault" ...
    "reported",   # Boris Bondarev, 41, ... said he had "never been so ashamed" ...
    "narration",  # It is a rare political resignation ...
    "mixed",      # The war is a crime ... "against the people of Russia, ..." Mr Bondarev wrote ...
    "quotation",  # “It is intolerable ...,” Mr Bondarev said, adding, "as a civil servant ..."
    "reported",   # Moscow has not yet commented ..., but Mr Bondarev said he was concerned ...
    "reported",   # He had expressed disapproval ..., he said.
    "quotation",  # “Some said, ‘Everybody disagrees ...' ...,'" he said, adding ... "have to keep ..."
    "mixed",      # He suggested ..., adding, “if my case is prosecuted, ..."
    "mixed",      # Asked if he planned to defect, he chuckled and said, “I didn't think so far” ahead.
    "reported",   # He also said he has no plans to leave Geneva.
    "mixed",      # In his statement, Mr Bondarev said those who started the war “want only one thing ...”
    "reported",   # He railed against the growing “lies and unprofessionalism” ...
    "quotation",  # “In 18 years, he (Lavrov) went ... weapons!” he wrote.
    "quotation",  # “Today, the (Russian) Ministry of Foreign Affairs is not about diplomacy.
    "quotation",  # It is all about warmongering, lies and hatred," the diplomat said.
    "mixed",      # Hiller Neuer, ... tweeted a copy ... said simply: “Boris Bondarev is a hero.”
]


def test_itv_sentences_and_voices_match_hand_labels(seed_corpus):
    sentences = seed_corpus.sentences[seed_corpus.sentences["article_id"] == "itv-000"]
    assert sentences["voice"].tolist() == ITV_VOICES
    assert sentences["text"].iloc[13].endswith("weapons!” he wrote.")  # not split after "!”"


def test_quoted_share_on_hand_counted_sentences(seed_corpus):
    s = seed_corpus.sentences.set_index("sentence_id")
    assert s.loc["itv-000-s002", "quoted_share"] == 0.0
    assert s.loc["itv-000-s014", "quoted_share"] == 1.0
    # "He railed against the growing “lies and unprofessionalism” at Russia's Foreign Ministry
    # and took particular aim at Foreign Minister Sergey Lavrov.": 4+3+17 = 24 quoted letters of 122.
    assert s.loc["itv-000-s012", "n_letters"] == 122
    assert s.loc["itv-000-s012", "quoted_share"] == pytest.approx(24 / 122)


def test_letter_quoted_over_several_paragraphs_is_one_quotation(seed_corpus):
    s = seed_corpus.sentences[seed_corpus.sentences["article_id"] == "yahoo-004"].set_index("position")
    # "...wrote: “Never have I been so ashamed" opens it; three more paragraphs continue it,
    # with two captions in between; only "...died just for this." closes it.
    letter = s.loc[4:9]
    assert letter["quote_ids"].nunique() == 1
    assert (letter.loc[5:9, "voice"] == "quotation").all()
    assert (letter.loc[5:9, "speaker"] == "Bondarev").all()
    assert (letter.loc[5:9, "speaker_source"] == "quotation").all()


def test_speakers_attributed_in_the_text(seed_corpus):
    s = seed_corpus.sentences.set_index("sentence_id")
    assert s.loc["itv-000-s004", "speaker"] == "Mr Bondarev"       # “...,” Mr Bondarev said
    assert s.loc["itv-000-s007", "speaker"] == "he"                # ...,'" he said
    assert s.loc["itv-000-s015", "speaker"] == "the diplomat"      # ..." the diplomat said.
    assert s.loc["itv-000-s014", "speaker"] == "the diplomat"      # same quotation, attributed after
    assert s.loc["yahoo-004-s015", "speaker"] == "Hillel Neuer"    # Hillel Neuer said: “...
    assert s.loc["yahoo-004-s016", "speaker"] == "Hillel Neuer"    # continued quotation
    assert s.loc["itv-000-s002", "speaker"] == ""                  # narration has none


def test_apostrophes_are_not_quotes(seed_corpus):
    s = seed_corpus.sentences.set_index("sentence_id")
    # "Moscow has not yet commented on the diplomat's resignation, but ... Kremlin's reaction"
    assert s.loc["itv-000-s005", "quoted_share"] == 0.0
    # "Bondarev had been Russia's counsellor ..."
    assert s.loc["yahoo-004-s002", "quoted_share"] == 0.0


def test_tokens(seed_corpus):
    tokens = seed_corpus.tokens
    dont = tokens[tokens["token"] == "don’t"].iloc[0]
    assert dont["lower"] == "don't" and dont["is_alpha"] and dont["is_stop"] and dont["quoted"]
    assert not tokens[tokens["token"] == "41"].iloc[0]["is_alpha"]
    assert tokens[tokens["token"] == "—"]["is_alpha"].eq(False).all()
    assert tokens[tokens["lower"] == "war"]["is_stop"].eq(False).all()
    # Every sentence's tokens cover its letters.
    for sentence in seed_corpus.sentences.itertuples():
        letters = sum(c.isalpha() for c in sentence.text)
        mine = tokens[tokens["sentence_id"] == sentence.sentence_id]
        assert sum(sum(c.isalpha() for c in t) for t in mine["token"]) == letters


def test_articles_table(seed_corpus):
    a = seed_corpus.articles.set_index("article_id")
    assert a.loc["itv-000", "outlet"] == "ITV News"
    assert a.loc["yahoo-004", "n_paragraphs"] == 24
    assert a.loc["yahoo-004", "n_set_aside"] == 10
    assert a.loc["itv-000", "n_sentences"] == len(ITV_VOICES)
    assert a.loc["itv-000", "n_narration"] == ITV_VOICES.count("narration")
    assert a.loc["yahoo-004", "problems"] == ""


def test_a_third_article_and_a_second_story_arrive_through_the_manifest_alone(tmp_path, seed_corpus):
    shutil.copytree(SEED_DATA, tmp_path / "data")
    extra = {
        "third.txt": "Diplomat's exit, told a third way\n\nThe envoy left. \u201cI am done,\u201d he said.",
        "other.txt": "A different story\n\nRain fell on Tuesday. Mr. Smith said it was \"wet\".",
    }
    for name, text in extra.items():
        (tmp_path / "data" / "raw" / name).write_text(text, encoding="utf-8")
    with (tmp_path / "data" / "manifest.csv").open("a", encoding="utf-8") as handle:
        handle.write("third,bondarev-resignation,Third Outlet,,,,raw/third.txt,,\n")
        handle.write("rain,weather,Weather Desk,,,,raw/other.txt,,\n")
    corpus = analysis.load_corpus(tmp_path / "data", story="bondarev-resignation")
    for table in (corpus.articles, corpus.paragraphs, corpus.sentences, corpus.tokens):
        assert "third" in set(table["article_id"])
        assert "rain" not in set(table["article_id"])
    third = corpus.sentences[corpus.sentences["article_id"] == "third"]
    # “I am done,” he said.: a quotation with a bare tag (who spoke and the verb) -> quotation
    assert third["voice"].tolist() == ["narration", "quotation"]
    other = analysis.load_corpus(tmp_path / "data", story="weather")
    assert other.sentences["text"].tolist() == ["Rain fell on Tuesday.", 'Mr. Smith said it was "wet".']
    assert corpus.articles.set_index("article_id").loc["third", "headline"] == "Diplomat's exit, told a third way"
