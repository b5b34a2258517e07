"""Odd and hostile input (issue #19): no crash, no silent change, no escape from the output folder."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

import analysis
from analysis import InputDataError
from analysis.ingest.rawtext import read_raw_text
from analysis.outputs import atomic, figures
from analysis.outputs.cli import main
from conftest import write_study
from stderr_messages import messages

BODY = "The minister resigned on Monday. He said nothing about the café."
GOOD = "Headline here\n\n" + BODY


def load(folder, **kw):
    return analysis.load_corpus(folder, **kw)


def one_article(tmp_path, text: str | bytes, name: str = "a.txt"):
    write_study(tmp_path, {name: text})
    return load(tmp_path)


# --- normalisation: one step, recorded, raw file untouched ---------------------------------

def test_nfd_counts_like_nfc(tmp_path):
    nfc = one_article(tmp_path / "nfc", GOOD)
    nfd_text = unicodedata.normalize("NFD", GOOD)
    assert nfd_text != GOOD
    nfd = one_article(tmp_path / "nfd", nfd_text)
    assert nfd.sentences["text"].tolist() == nfc.sentences["text"].tolist()
    assert nfd.articles["n_words"].tolist() == nfc.articles["n_words"].tolist() == [11]
    assert "NFC (1 fewer code points)" in nfd.articles["normalisations"].iloc[0]
    assert (tmp_path / "nfd" / "raw" / "a.txt").read_bytes() == nfd_text.encode("utf-8")


@pytest.mark.parametrize("mark, label", [("\u00ad", "1 soft hyphen"), ("\u200b", "1 zero-width character"),
                                         ("\u2060", "1 zero-width character")])
def test_invisible_characters_do_not_split_words(tmp_path, mark, label):
    corpus = one_article(tmp_path, GOOD.replace("resigned", "resig" + mark + "ned"))
    assert "resigned" in corpus.tokens["lower"].tolist()
    assert corpus.articles["n_words"].iloc[0] == 11
    assert corpus.articles["normalisations"].iloc[0] == f"removed {label}"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\r", "\r\n"])
def test_every_line_separator_breaks_lines(tmp_path, separator):
    corpus = one_article(tmp_path, "Headline here" + separator * 2 + BODY)
    assert corpus.paragraphs["role"].tolist() == ["headline", "body"]
    assert corpus.articles["headline"].iloc[0] == "Headline here"
    assert corpus.articles["normalisations"].iloc[0].startswith("converted ")


def test_offsets_index_the_normalised_text(tmp_path):
    corpus = one_article(tmp_path, "Head\u00adline\u2028\u2028" + unicodedata.normalize("NFD", BODY))
    text = corpus.texts["a"]
    for row in corpus.paragraphs.itertuples():
        assert text[row.start:row.end] == row.text
    for row in corpus.tokens.itertuples():
        assert text[row.start:row.end] == row.token


@pytest.mark.parametrize("data, expected", [
    ("\ufeff" + GOOD, "UTF-16 little-endian (byte-order mark FF FE)"),
    (GOOD, "UTF-16 little-endian without a byte-order mark"),
])
def test_utf16_is_refused_clearly(tmp_path, data, expected):
    write_study(tmp_path, {"a.txt": data.encode("utf-16-le")})
    with pytest.raises(InputDataError, match=r"a\.txt: not valid UTF-8: the file (is|looks like) " + expected.split(" (")[0]) as exc:
        load(tmp_path)
    assert "re-save the file as UTF-8" in str(exc.value)
    assert expected.split("(")[-1].rstrip(")") in str(exc.value)


def test_utf16_big_endian_and_utf32_are_refused(tmp_path):
    for i, data in enumerate([("\ufeff" + GOOD).encode("utf-16-be"), GOOD.encode("utf-32")]):
        write_study(tmp_path / str(i), {"a.txt": data})
        with pytest.raises(InputDataError, match="not valid UTF-8: the file is UTF-(16 big|32 little)-endian"):
            load(tmp_path / str(i))


def test_html_saved_as_txt_is_read_as_html(tmp_path):
    page = (Path(__file__).parent / "fixtures" / "article.html").read_bytes()
    as_html = one_article(tmp_path / "h", page, "a.html")
    as_txt = one_article(tmp_path / "t", page, "a.txt")
    assert as_txt.texts["a"] == as_html.texts["a"]
    assert "<" not in " ".join(as_txt.tokens["token"])
    assert as_txt.articles["normalisations"].iloc[0].startswith("HTML page in a .txt file: read as HTML")


def test_unreadable_file_is_one_line(tmp_path, monkeypatch):
    write_study(tmp_path, {"a.txt": GOOD})
    real = Path.read_bytes

    def refuse(self):
        if self.name == "a.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputDataError, match=r"a\.txt: cannot read the article file \(Permission denied\)"):
        load(tmp_path)


def test_invisible_only_file_is_refused(tmp_path):
    with pytest.raises(InputDataError, match="holds only whitespace and invisible characters"):
        read_raw_text(write_study(tmp_path, {"a.txt": "\u200b\n\u00ad \n"}) / "raw" / "a.txt")


# --- quote marks: linear and a short problems cell ----------------------------------------

def test_forty_thousand_quote_marks_give_a_short_note(tmp_path):
    corpus = one_article(tmp_path, "Headline\n\n" + "\u201c" * 40_000)
    problems = corpus.articles["problems"].iloc[0]
    assert len(problems) < 1_500
    assert problems.count("paragraph 0, offset") == 10
    # 39,999 marks reopen a double quote and the last is never closed: 40,000 problems, 10 shown
    assert problems.endswith("... and 39990 more unbalanced quotation marks")


# --- names: nothing leaves the output folder ---------------------------------------------

BAD_NAMES = ["../../x", "/abs", "a/b", "a\\b", "a\x00b", "x" * 101, "..", ".hidden", "a\nb", "trailing.", ""]


@pytest.mark.parametrize("column", ["id", "story"])
@pytest.mark.parametrize("name", BAD_NAMES, ids=lambda n: repr(n[:12]))
def test_unsafe_ids_and_story_names_are_refused(tmp_path, column, name):
    row = {"id": "a", "story": "s", "outlet": "O", "file": "raw/a.txt", column: name}
    write_study(tmp_path, {"a.txt": GOOD}, rows=[row])
    expected = "required field" if not name.strip() else ("characters long" if len(name) > 100 else "cannot be used as a file name")
    with pytest.raises(InputDataError, match=rf"manifest\.csv: line 2: .*{expected}"):
        load(tmp_path)


def test_safe_names_are_accepted(tmp_path):
    rows = [{"id": "itv-000.v2", "story": "Storm (UK), day 2 & after", "outlet": "O", "file": "raw/a.txt"},
            {"id": "caf\u00e9_1", "story": "Storm (UK), day 2 & after", "outlet": "P", "file": "raw/b.txt"}]
    write_study(tmp_path, {"a.txt": GOOD, "b.txt": GOOD}, rows=rows)
    written = figures.build_figures(data_dir=tmp_path, out_dir=tmp_path / "out", story="Storm (UK), day 2 & after")
    assert {p.parent for p in written} == {tmp_path / "out" / "Storm (UK), day 2 & after"}
    assert all(p.is_file() for p in written)


@pytest.mark.parametrize("name", ["../../x", "/abs", "a/b", "..", ".", ""])
def test_every_output_path_is_proven_inside(tmp_path, name):
    with pytest.raises(InputDataError, match="would leave the output folder"):
        atomic.inside(tmp_path, name)


def test_figures_refuse_an_escaping_story_even_past_the_manifest(tmp_path):
    corpus = one_article(tmp_path, GOOD)
    with pytest.raises(InputDataError, match="would leave the output folder"):
        figures.build_story_figures(corpus, tmp_path / "out", "../../escaped")
    assert not (tmp_path.parent / "escaped").exists()


def test_manifest_line_numbers_count_file_lines(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        'id,story,outlet,file,notes\na,s,O,raw/a.txt,"two\nline note"\na,s,O,raw/a.txt,\n', encoding="utf-8")
    with pytest.raises(InputDataError, match=r"line 4: duplicate id 'a' \(first on line 2\)"):
        load(tmp_path)


@pytest.mark.parametrize("date, why", [("20220523", "not a YYYY-MM-DD date"), ("2022-W21-1", "not a YYYY-MM-DD date"),
                                       ("2022-5-23", "not a YYYY-MM-DD date"), ("2022-02-30", "not a real date"),
                                       ("２０２２-05-23", "not a YYYY-MM-DD date")])
def test_dates_are_strict(tmp_path, date, why):
    write_study(tmp_path, {"a.txt": GOOD}, rows=[{"id": "a", "story": "s", "outlet": "O", "file": "raw/a.txt",
                                                  "published": date}])
    with pytest.raises(InputDataError, match=f"line 2: published '{date}' is {why}"):
        load(tmp_path)


# --- every command completes on any story that loads --------------------------------------

ODD_STORIES = {
    "one article": {"a.txt": GOOD},
    "no body": {"a.txt": "Headline only", "b.txt": GOOD},
    "lone quote mark": {"a.txt": 'Headline\n\n"', "b.txt": GOOD},
    "underscore only": {"a.txt": "Headline\n\n_", "b.txt": 'H\n\n"'},
}


@pytest.mark.parametrize("story", ODD_STORIES)
def test_figures_complete_on_odd_stories(tmp_path, story):
    write_study(tmp_path, ODD_STORIES[story])
    (tmp_path / "framing.csv").write_text("category,label,pattern\nwar,war,\\bwar\\b\n", encoding="utf-8")
    written = figures.build_figures(data_dir=tmp_path, out_dir=tmp_path / "out", per_story=True)
    names = {p.name for p in written}
    assert {"distinctive-terms-a.png", "readability-grades-body-by-outlet.png"} <= names
    assert all(p.stat().st_size > 1000 for p in written)


@pytest.mark.parametrize("story", ["no body", "lone quote mark"])
def test_measures_say_why_a_value_is_missing(tmp_path, story):
    write_study(tmp_path, ODD_STORIES[story])
    corpus = load(tmp_path)
    read = analysis.readability_table(corpus)
    senti = analysis.sentiment_summary(corpus)
    a = corpus.articles.set_index("article_id").loc["a"]
    assert a["n_words"] == 0
    why = "no sentences" if story == "no body" else "no words"  # a lone '"' is a sentence without a word
    mine = read[read["article_id"] == "a"]
    body = mine[(mine["scope"] == "body") & ~mine["metric"].isin(["type_token_ratio", "mtld"])]
    assert body["value"].isna().all() and (body["flags"] == why).all() and (body["n_words"] == 0).all()
    if story == "no body":
        s = senti[senti["article_id"] == "a"]
        assert s["value"].isna().all() and (s["flags"] == "no sentences").all()
        assert "no body sentence" in a["problems"]
    vocab = analysis.shared_vocabulary(corpus)
    assert {"story", "term", "n_outlets", "outlets", "total"} <= set(vocab.columns)


# --- faults: one line, non-zero exit, nothing half-written --------------------------------

def run(capsys, *args):
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_out_naming_a_file(tmp_path, capsys):
    write_study(tmp_path, {"a.txt": GOOD})
    (tmp_path / "file").write_text("x")
    code, _, err = run(capsys, "figures", "--data-dir", tmp_path, "--out", tmp_path / "file")
    assert code == 2 and err.count("\n") == 1 and "is an existing file" in err


def test_out_not_writable(tmp_path, capsys):
    write_study(tmp_path, {"a.txt": GOOD})
    code, _, err = run(capsys, "figures", "--data-dir", tmp_path, "--out", tmp_path / "raw" / "a.txt" / "sub")
    assert code == 2 and err.startswith("error: ") and "cannot write to the output folder" in err


@pytest.mark.parametrize("command", ["figures", "report"])
def test_unknown_story_leaves_no_folder(tmp_path, capsys, command):
    write_study(tmp_path, {"a.txt": GOOD})
    code, _, err = run(capsys, command, "--data-dir", tmp_path, "--out", tmp_path / "out", "--story", "nope")
    assert code == 2 and err == f"error: {tmp_path / 'manifest.csv'}: no article of story 'nope'; stories here: s\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["summary", "readability", "sentiment", "terms", "metrics"])
def test_bad_story_name_for_any_command(tmp_path, capsys, command):
    write_study(tmp_path, {"a.txt": GOOD})
    code, out, err = run(capsys, command, "--data-dir", tmp_path, "--story", "../../etc")
    assert code == 2 and out == "" and "no article of story '../../etc'" in err


def test_interrupted_figures_keep_the_previous_ones(tmp_path, monkeypatch):
    write_study(tmp_path, {"a.txt": GOOD, "b.txt": GOOD.replace("Monday", "Tuesday")})
    out = tmp_path / "out"
    before = {p.name: p.read_bytes() for p in figures.build_figures(data_dir=tmp_path, out_dir=out, story="s")}
    (tmp_path / "raw" / "b.txt").write_text(GOOD.replace("Monday", "Friday"), encoding="utf-8")
    real, calls = figures.save_figure, []

    def interrupted(draw, path):
        calls.append(path)
        if len(calls) == 4:
            raise KeyboardInterrupt
        return real(draw, path)
    monkeypatch.setattr(figures, "save_figure", interrupted)
    with pytest.raises(KeyboardInterrupt):
        figures.build_figures(data_dir=tmp_path, out_dir=out, story="s")
    assert sorted(p.name for p in out.iterdir()) == ["s"]  # no hidden staging folder left
    assert {p.name: p.read_bytes() for p in (out / "s").iterdir()} == before


def test_a_failed_first_run_leaves_no_empty_folder(tmp_path, monkeypatch):
    write_study(tmp_path, {"a.txt": GOOD})
    monkeypatch.setattr(figures, "save_figure", lambda draw, path: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        figures.build_figures(data_dir=tmp_path, out_dir=tmp_path / "new" / "out", per_story=True)
    assert not (tmp_path / "new" / "out").exists()


def test_rerun_replaces_the_story_folder_whole(tmp_path):
    write_study(tmp_path, {"a.txt": GOOD, "b.txt": GOOD})
    out = tmp_path / "out"
    figures.build_figures(data_dir=tmp_path, out_dir=out, story="s")
    (out / "s" / "distinctive-terms-old.png").write_bytes(b"stale")
    second = figures.build_figures(data_dir=tmp_path, out_dir=out, story="s")
    assert sorted(p.name for p in (out / "s").iterdir()) == sorted(p.name for p in second)


# --- long texts: bounded memory, same numbers -----------------------------------------------

def test_bootstrap_in_chunks_gives_the_same_replicates(monkeypatch):
    import numpy as np
    from analysis.measures import bootstrap

    values = np.arange(60, dtype=float).reshape(20, 3) ** 1.5
    whole = bootstrap.rng_for("k").integers(0, 20, size=(50, 20))
    expected = values[whole].sum(axis=1)  # the textbook bootstrap: one reps x n draw
    monkeypatch.setattr(bootstrap, "MAX_CELLS", 7 * 20)  # chunks of 7 replicates
    assert np.array_equal(bootstrap.resampled_sums(values, "k", reps=50), expected)
    chunks = list(bootstrap.resample_chunks(20, "k", reps=50))
    assert [len(c) for c in chunks] == [7] * 7 + [1]
    assert np.array_equal(np.vstack(chunks), whole)
    counts = np.arange(60).reshape(20, 3) % 7  # whole numbers: summed as a matrix product, still exact
    assert np.array_equal(bootstrap.resampled_sums(counts, "k", reps=50), counts[whole].sum(axis=1))


def test_twenty_five_thousand_sentences_cost_linear_work(tmp_path):
    """Was over a minute (and gigabytes) at 2,000 resamples: the intervals' work grows with the
    sentences, linearly (CPU time against an eighth of the article, not a wall-clock limit)."""
    from cpu_work import grows_linearly

    small = one_article(tmp_path / "small", "Headline\n\n" + "Go. " * 3_125)
    large = one_article(tmp_path / "large", "Headline\n\n" + "Go. " * 25_000)  # 100,000 characters
    assert large.articles["n_sentences"].iloc[0] == 25_000

    def intervals(corpus):
        return lambda: (analysis.readability_table(corpus, reps=500), analysis.sentiment_summary(corpus, reps=500))

    linear, t_small, t_large = grows_linearly(intervals(small), intervals(large), 8, repeats=2)
    assert linear, f"3,125 sentences {t_small:.2f} s, 25,000 sentences {t_large:.2f} s of CPU"


def test_an_input_error_in_a_worker_process_reaches_the_user_whole(tmp_path, capsys):
    import pickle

    error = pickle.loads(pickle.dumps(InputDataError(tmp_path / "cleaning.csv", "line 2: bad")))
    assert (error.path, error.problem, str(error)) == (tmp_path / "cleaning.csv", "line 2: bad",
                                                        f"{tmp_path / 'cleaning.csv'}: line 2: bad")
    # a bad rule file read in the pipeline's worker processes: the one-line error, not a broken pool
    write_study(tmp_path, {"a.txt": GOOD, "b.txt": GOOD})
    (tmp_path / "cleaning.csv").write_text("role,name,pattern\npromo,bad,(a)\\1\n", encoding="utf-8")  # RE2 refuses it
    out = tmp_path / "metrics.csv"
    code, printed, err = run(capsys, "metrics", "--data-dir", tmp_path, "--workers", "2", "--out", out)
    assert code == 2 and printed == "" and not out.exists()
    said = messages(err)
    assert len(said) == 1 and said[0].startswith(f"error: {tmp_path / 'cleaning.csv'}: line 2: ")
