"""Every kind of bad input gets a clear error naming the file, or pinned-down handling."""
from __future__ import annotations

import pytest

import analysis
from analysis import InputDataError
from conftest import write_study

GOOD = "Headline here\n\nThe minister resigned on Monday. He said nothing."


def load(folder, **kw):
    return analysis.load_corpus(folder, **kw)


def test_empty_file(tmp_path):
    write_study(tmp_path, {"a.txt": b""})
    with pytest.raises(InputDataError, match=r"a\.txt: article file is empty"):
        load(tmp_path)


def test_whitespace_only_file(tmp_path):
    write_study(tmp_path, {"a.txt": " \n\n\u00a0\t\n"})
    with pytest.raises(InputDataError, match=r"a\.txt: article file holds only whitespace"):
        load(tmp_path)


def test_not_utf8_names_the_byte(tmp_path):
    write_study(tmp_path, {"a.txt": "Caf\u00e9 news\n\nIt rained.".encode("latin-1")})
    with pytest.raises(InputDataError, match=r"a\.txt: not valid UTF-8: byte 0xe9 at offset 3"):
        load(tmp_path)


def test_bom_and_crlf_are_normalised_and_recorded(tmp_path):
    write_study(tmp_path, {"a.txt": ("\ufeff" + GOOD.replace("\n", "\r\n")).encode("utf-8")})
    corpus = load(tmp_path)
    article = corpus.articles.iloc[0]
    assert article["headline"] == "Headline here"
    assert "byte-order mark" in article["normalisations"] and "CRLF" in article["normalisations"]
    assert corpus.sentences["text"].tolist() == ["The minister resigned on Monday.", "He said nothing."]
    assert (tmp_path / "raw" / "a.txt").read_bytes().startswith(b"\xef\xbb\xbf")  # raw untouched


def test_missing_manifest(tmp_path):
    with pytest.raises(InputDataError, match=r"manifest\.csv: manifest not found"):
        load(tmp_path)


def test_manifest_missing_required_column(tmp_path):
    (tmp_path / "manifest.csv").write_text("id,story,file\nx,s,raw/a.txt\n", encoding="utf-8")
    with pytest.raises(InputDataError, match=r"manifest\.csv: manifest is missing required column\(s\): outlet"):
        load(tmp_path)


def test_manifest_row_missing_required_field(tmp_path):
    write_study(tmp_path, {"a.txt": GOOD}, rows=[{"id": "a", "story": "s", "outlet": "", "file": "raw/a.txt"}])
    with pytest.raises(InputDataError, match=r"manifest\.csv: line 2: required field 'outlet' is empty"):
        load(tmp_path)


def test_duplicate_id(tmp_path):
    rows = [{"id": "a", "story": "s", "outlet": "O", "file": "raw/a.txt"},
            {"id": "a", "story": "s", "outlet": "P", "file": "raw/b.txt"}]
    write_study(tmp_path, {"a.txt": GOOD, "b.txt": GOOD}, rows=rows)
    with pytest.raises(InputDataError, match=r"line 3: duplicate id 'a' \(first on line 2\)"):
        load(tmp_path)


@pytest.mark.parametrize("bad_path", ["../outside.txt", "raw/../../outside.txt"])
def test_path_outside_data_folder(tmp_path, bad_path):
    data = tmp_path / "data"
    write_study(data, {"a.txt": GOOD}, rows=[{"id": "a", "story": "s", "outlet": "O", "file": bad_path}])
    (tmp_path / "outside.txt").write_text(GOOD, encoding="utf-8")
    with pytest.raises(InputDataError, match=r"points outside the data folder"):
        load(data)


def test_absolute_path(tmp_path):
    write_study(tmp_path, {"a.txt": GOOD}, rows=[{"id": "a", "story": "s", "outlet": "O", "file": str(tmp_path / "raw" / "a.txt")}])
    with pytest.raises(InputDataError, match=r"is an absolute path"):
        load(tmp_path)


def test_missing_file(tmp_path):
    write_study(tmp_path, {"a.txt": GOOD}, rows=[{"id": "a", "story": "s", "outlet": "O", "file": "raw/nope.txt"}])
    with pytest.raises(InputDataError, match=r"nope\.txt: article file not found"):
        load(tmp_path)


def test_changed_raw_file_is_caught_by_checksum(tmp_path):
    write_study(tmp_path, {"a.txt": GOOD}, rows=[{"id": "a", "story": "s", "outlet": "O", "file": "raw/a.txt", "sha256": "0" * 64}])
    with pytest.raises(InputDataError, match=r"a\.txt: sha256 is [0-9a-f]{64}, the manifest says 0{64}"):
        load(tmp_path)


def test_bad_date(tmp_path):
    write_study(tmp_path, {"a.txt": GOOD}, rows=[{"id": "a", "story": "s", "outlet": "O", "file": "raw/a.txt", "published": "23/05/2022"}])
    with pytest.raises(InputDataError, match=r"line 2: published '23/05/2022' is not a YYYY-MM-DD date"):
        load(tmp_path)


def test_unknown_story(tmp_path):
    write_study(tmp_path, {"a.txt": GOOD})
    with pytest.raises(InputDataError, match=r"no article of story 'nope'; stories here: s"):
        load(tmp_path, story="nope")


def test_article_with_no_sentence_is_kept_and_flagged(tmp_path):
    write_study(tmp_path, {"a.txt": "Only a headline\n\nRead more: something else"})
    corpus = load(tmp_path)
    assert corpus.sentences.empty and corpus.tokens.empty
    article = corpus.articles.iloc[0]
    assert article["n_sentences"] == 0
    assert "no body sentence" in article["problems"]
    assert corpus.set_aside()["role"].tolist() == ["headline", "promo"]


def test_unbalanced_quote_is_reported_not_fatal(tmp_path):
    write_study(tmp_path, {"a.txt": "Head\n\nHe said \u201cit never closes.\n\nThe next paragraph is narration."})
    corpus = load(tmp_path)
    assert "not closed by the end of the paragraph" in corpus.articles.iloc[0]["problems"]
    assert corpus.sentences["voice"].tolist() == ["mixed", "narration"]


def test_very_long_article(tmp_path):
    paragraph = "The envoy said the talks \u201cwent nowhere\u201d, and Mr. Smith of the U.K. agreed. It's over."
    text = "A long headline\n\n" + "\n\n".join([paragraph] * 30000)  # about 2.7 MB
    write_study(tmp_path, {"long.txt": text})
    assert (tmp_path / "raw" / "long.txt").stat().st_size > 2_500_000
    corpus = load(tmp_path)
    assert len(corpus.sentences) == 60000
    assert corpus.articles.iloc[0]["n_sentences"] == 60000
