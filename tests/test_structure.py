"""Page structure from any outlet: furniture rules, run-on texts, sentences, a user's own rules.

Expected roles and sentences are labelled by hand from the texts below (invented pages
in the layouts of common outlets), never copied from the code's output.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import analysis
from analysis.errors import InputDataError
from analysis.measures.pipeline import article_metrics, chunk_metrics
from analysis.text.article import analyse_text
from analysis.text.paragraphs import article_structure, author_from_bylines, published_from_dates
from analysis.text import user_rules
from analysis.text.sentences import split_sentence_spans
from conftest import write_study

HERE = Path(__file__).parent
SEEDS = HERE / "eval" / "seeds"

# One invented page with the furniture of several outlets, labelled by hand.
PAGE = [
    ("Supported by", "promo"),
    ("Council votes to close library after funding gap widens", "headline"),
    ("Campaigners say the decision will leave 4,000 members without a branch", "body"),
    ("By Jo Bloggs, Local Democracy Reporter", "byline"),
    ("Published: 09:14, 10 March 2026 | Updated: 10:02, 10 March 2026", "date"),
    ("3 min read", "date"),
    ("Share", "promo"),
    ("Image source, Getty Images", "credit"),
    ("Image caption, The library opened in 1904", "caption"),
    ("WEXCOMBE, England (AP) — Councillors voted on Monday to close the town's only library.", "body"),
    ("The council said it had no choice. Its leader told the BBC: \"Sign up to our plan or watch the service fail.\"", "body"),
    ("Readers queue outside the library on Saturday. Photograph: Jo Bloggs/PA", "caption"),
    ("Read more: Council tax to rise by 5% in April", "promo"),
    ("Residents protest outside the town hall", "caption"),
    ("(Image: Supplied)", "credit"),
    ("Mr Smith said the building would be sold.", "body"),
    ("Packed meeting tonight. We will not give up. pic.twitter.com/AbCdEf", "embed"),
    ("— Save Our Library (@saveourlib) March 9, 2026", "embed"),
    ("More on this story", "promo"),
    ("Library hours cut again", "promo"),
    ("Published 3 days ago", "promo"),
    ("Have your say in the comments below", "promo"),
    ("© 2026 Wexcombe Gazette. All rights reserved.", "footer"),
    ("Related Topics", "footer"),
    ("Libraries", "footer"),
    ("Local government", "footer"),
]


def test_furniture_of_an_invented_page_gets_the_hand_labelled_roles():
    text = "\n".join(line for line, _role in PAGE)
    structure = article_structure("a", text)
    assert [p.role for p in structure.paragraphs] == [role for _line, role in PAGE]
    rules = {p.text: p.rule for p in structure.paragraphs}
    assert rules[PAGE[9][0]] == "body_with_dateline"
    assert rules[PAGE[10][0]] == "attributed_quotation"  # "Sign up to our" inside a quotation
    assert all(text[p.start:p.end] == p.text for p in structure.paragraphs)


def test_bylines_and_dates_found_fill_author_and_published():
    text = "\n".join(line for line, _role in PAGE)
    structure = article_structure("a", text)
    assert author_from_bylines(structure.bylines) == "Jo Bloggs"
    assert published_from_dates(structure.dates) == "2026-03-10"
    assert author_from_bylines(["By CHLOE BANNISTER FOR MAILONLINE"]) == "CHLOE BANNISTER"
    assert published_from_dates(["Updated 3:47 PM CDT, March 9, 2026"]) == "2026-03-09"
    # not a calendar date: skipped, never written as 2026-02-31
    assert published_from_dates(["Published 31 February 2026", "Updated 1 March 2026"]) == "2026-03-01"
    assert published_from_dates(["5 min read"]) == ""


def test_author_and_published_reach_the_articles_table_only_when_empty(tmp_path):
    text = "\n".join(line for line, _role in PAGE)
    folder = write_study(tmp_path, {"a.txt": text, "b.txt": text}, rows=[
        {"id": "a", "story": "s", "outlet": "A", "file": "raw/a.txt"},
        {"id": "b", "story": "s", "outlet": "B", "file": "raw/b.txt", "published": "2026-03-11"},
    ])
    articles = analysis.load_corpus(folder).articles.set_index("article_id")
    assert articles.loc["a", "author"] == "Jo Bloggs"
    assert articles.loc["a", "published"] == "2026-03-10"
    assert articles.loc["b", "published"] == "2026-03-11"


@pytest.mark.parametrize("line", [
    'He told the BBC: "Follow us on the road and you will see how bad it has become."',
    'Asked about the app, she said: "Download the app and see for yourself how slow it is."',
])
def test_an_attributed_quotation_is_never_furniture(line):
    paragraphs = article_structure("a", "Headline\n" + line).paragraphs
    assert (paragraphs[1].role, paragraphs[1].rule) == ("body", "attributed_quotation")


# Sentences a careful reader counts, split by hand.
SENTENCES = [
    ("Sen. Dianne Feinstein (D-Calif.) said the bill was dead. Reps. Jo Bloggs (R-Texas) and "
     "Al Smith (D-Wash.) disagreed.",
     ["Sen. Dianne Feinstein (D-Calif.) said the bill was dead.",
      "Reps. Jo Bloggs (R-Texas) and Al Smith (D-Wash.) disagreed."]),
    ("Lt. Gov. Dan Ray met Gov. Al Lee in Atlanta, Ga., on Monday. Det. Supt. Jo Hale and Insp. Roy Tate were there.",
     ["Lt. Gov. Dan Ray met Gov. Al Lee in Atlanta, Ga., on Monday.",
      "Det. Supt. Jo Hale and Insp. Roy Tate were there."]),
    ("“Mr. Trump is wrong,” said Sgt. Al Cole. Prof. Jo Dean and Rev. Al Moss agreed.",
     ["“Mr. Trump is wrong,” said Sgt. Al Cole.", "Prof. Jo Dean and Rev. Al Moss agreed."]),
    ("J.D. Vance praised George W. Bush. The U.S. Navy sent a ship to No. 10 Downing St. on Friday.",
     ["J.D. Vance praised George W. Bush.", "The U.S. Navy sent a ship to No. 10 Downing St. on Friday."]),
    ("“Who is going to pay for this?” Hollis said. “You are.”",
     ["“Who is going to pay for this?” Hollis said.", "“You are.”"]),
    ("\"Great!!!\" he added. The crowd cheered.", ["\"Great!!!\" he added.", "The crowd cheered."]),
    # any one-word speech verb of the lexicon after a question's closing mark is its tag
    ("“Would the fee be negotiable?” Roe responded. “Maybe.” Doe left.",
     ["“Would the fee be negotiable?” Roe responded.", "“Maybe.”", "Doe left."]),
    # two apostrophes for a double mark, as in some archives
    ("''Can we win the county?'' Mr. Roe asked. ''I don't know.''",
     ["''Can we win the county?'' Mr. Roe asked.", "''I don't know.''"]),
    ("It was great !!! Then we left.", ["It was great !!!", "Then we left."]),
    ("Polls go up, polls go down... The only one that matters is in May. It is just… not now.",
     ["Polls go up, polls go down...", "The only one that matters is in May.", "It is just… not now."]),
    ("Trains run until 3 a.m. The change starts in June. It is funded by the U.S. It began in 2023.",
     ["Trains run until 3 a.m.", "The change starts in June.", "It is funded by the U.S.", "It began in 2023."]),
    ("He was ill. She was not.", ["He was ill.", "She was not."]),
]


@pytest.mark.parametrize("text,expected", SENTENCES)
def test_sentences_split_as_a_reader_would(text, expected):
    assert [text[s:e] for s, e in split_sentence_spans(text)] == expected


def test_a_caption_split_in_two_parts_stays_one_caption_and_out_of_the_sentences():
    text = ("Headline\nA Coast Guard boat passes barges in St. Louis, Tuesday, March 10, 2026. "
            "(AP Photo/Jo Bloggs)\nThe river was closed. It reopened on Friday.")
    doc = analyse_text("a", text)
    assert [p.role for p in doc.paragraphs] == ["headline", "caption", "body"]
    assert [s.text for s in doc.sentences] == ["The river was closed.", "It reopened on Friday."]


@pytest.mark.parametrize("name", ["000_6966557157a2233c.txt", "004_c965ac35a58a2a04.txt"])
def test_a_seed_article_exported_without_line_breaks_keeps_its_body(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    original = analyse_text("a", text)
    one_line = " ".join(line.strip() for line in text.split("\n") if line.strip())
    run_on = analyse_text("b", one_line)
    kept = {s.text for s in run_on.sentences}
    body = [s.text for s in original.sentences]
    assert sum(s in kept for s in body) / len(body) >= 0.95
    set_aside = [p.text for p in original.paragraphs if p.role != "body"]
    leaked = [t for t in set_aside if any(t in s or s in t for s in kept)]
    assert len(leaked) <= 1
    assert any(p.startswith("no paragraph breaks: split into") for p in run_on.problems)
    assert all(one_line[p.start:p.end] == p.text for p in run_on.paragraphs)


def test_a_run_on_text_that_is_mostly_furniture_gets_a_loud_warning():
    promos = " ".join(f"Read more: Story number {k} about the council is here." for k in range(40))
    text = "Headline here " + promos + " The council met. It voted. It left. It came back. It sat."
    problems = article_structure("a", text).problems
    assert any(p.startswith("WARNING: rules set aside") for p in problems)


def _study_with_user_rules(tmp_path):
    text = "Headline\nListen live on Radio Wexcombe every morning\nThe council met on Monday.\nThe vote was close.\n"
    folder = write_study(tmp_path, {"a.txt": text})
    (folder / "cleaning.csv").write_text("role,name,pattern\npromo,station_promo,^Listen live on\\b\n", encoding="utf-8")
    (folder / "roles.csv").write_text("file,line,role\nraw/a.txt,4,footer\n", encoding="utf-8")
    return folder


def test_a_users_rules_and_line_roles_apply_and_show_in_set_aside(tmp_path):
    folder = _study_with_user_rules(tmp_path)
    corpus = analysis.load_corpus(folder)
    aside = corpus.set_aside()
    assert list(zip(aside["line"], aside["role"], aside["rule"])) == [
        (1, "headline", "first_line"), (2, "promo", "user:station_promo"), (4, "footer", "override:roles.csv")]
    assert list(corpus.sentences["text"]) == ["The council met on Monday."]
    # the corpus pipeline reads the same settings: one body sentence, three set aside
    record = analysis.read_manifest(folder).to_dict("records")[0]
    row = article_metrics(record)
    assert (row["n_sentences"], row["n_set_aside"]) == (1, 3)


def test_a_chunk_reads_each_storys_own_settings(tmp_path, monkeypatch):
    # two stories, one chunk: story "a" has its own rule and line role, story "b" only the
    # folder's rule; the settings are looked up once per story, and never leak across
    text = ("Headline\nListen live on Radio Wexcombe every morning\nListen live on Radio Wexcombe every evening\n"
            "Wexcombe Weekly sponsors this page\nThe council met on Monday.\n")
    rows = [{"id": f"{story}{k}", "story": story, "outlet": f"Outlet {k}", "file": f"raw/{story}{k}.txt"}
            for story in "ab" for k in (1, 2)]
    folder = write_study(tmp_path, {f"{r['id']}.txt": text for r in rows}, rows)
    (folder / "cleaning.csv").write_text("role,name,pattern\npromo,station_promo,^Listen live on\\b\n", encoding="utf-8")
    (folder / "stories" / "a").mkdir(parents=True)
    (folder / "stories" / "a" / "cleaning.csv").write_text("role,name,pattern\npromo,sponsor,^Wexcombe Weekly sponsors\\b\n",
                                                           encoding="utf-8")
    (folder / "stories" / "a" / "roles.csv").write_text("file,line,role\nraw/a2.txt,5,footer\n", encoding="utf-8")
    records = analysis.read_manifest(folder).to_dict("records")
    looked_up = []
    real = user_rules._story_settings
    monkeypatch.setattr(user_rules, "_story_settings", lambda *a: looked_up.append(a[1]) or real(*a))
    table = chunk_metrics(records)
    assert looked_up == ["a", "b"]  # once per story in the chunk, not once per article
    # by hand: a1 sets aside the headline and the sponsor line (the story's cleaning.csv
    # replaces the folder's, so both "Listen live" lines are body), a2 also line 5 (its
    # roles.csv); b1 and b2 the headline and the two "Listen live" lines
    assert list(table["n_set_aside"]) == [2, 3, 3, 3]
    assert list(table["n_sentences"]) == [3, 2, 2, 2]
    for record, (_, row) in zip(records, table.iterrows()):
        assert row["n_set_aside"] == article_metrics(record)["n_set_aside"]


def test_a_bad_user_rule_is_a_one_line_error_naming_the_file(tmp_path):
    folder = _study_with_user_rules(tmp_path)
    (folder / "cleaning.csv").write_text("role,name,pattern\npromo,bad,(\\w+) \\1\n", encoding="utf-8")
    with pytest.raises(InputDataError, match=r"cleaning\.csv: line 2: pattern '\(\\\\w\+\) \\\\1' cannot be run in linear time"):
        analysis.load_corpus(folder)
    (folder / "cleaning.csv").write_text("role,name,pattern\nadvert,x,^Ad\n", encoding="utf-8")
    with pytest.raises(InputDataError, match=r"cleaning\.csv: line 2: role 'advert'"):
        analysis.load_corpus(folder)


@pytest.mark.parametrize("hostile", [
    "a" * 60_000,
    "A. " * 20_000,
    "By " + "Jo " * 20_000,
    "(" * 20_000 + "x",
    "March 10, 2026 " * 5_000,
    "Jo Bloggs/" * 8_000,
    "LONDON " * 10_000 + "(AP) — x",
    "Credit: " + "AP " * 20_000,
])
def test_rules_take_linear_time_on_hostile_text(hostile):
    """Linear work: the text against its first eighth (CPU time, not a wall-clock limit)."""
    from cpu_work import grows_linearly

    for text in (hostile, "Headline\n" + hostile):
        head = text[:len(text) // 8]
        linear, t_small, t_large = grows_linearly(lambda: article_structure("a", head),
                                                  lambda: article_structure("a", text), 8)
        assert linear, f"{t_small:.3f} s -> {t_large:.3f} s of CPU for 8x the text"


def _score_module():
    spec = importlib.util.spec_from_file_location("score_structure", HERE.parent / "scripts" / "score_structure.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_evaluation_set_scores_hold_their_targets():
    result = _score_module().score(str(HERE / "eval" / "structure" / "pages"))
    assert result["n_pages"] >= 40
    # targets of issue 14, and the figures reached when the rules were written (README)
    assert result["role_accuracy"] >= 0.995
    assert result["body_precision"] >= 0.995
    assert result["sentence_f1"] >= 0.995
    assert result["dateline_accuracy"] == 1.0


def test_a_rule_setting_aside_more_than_a_paragraphs_worth_is_loud():
    # 700 characters in one line with too few sentences to count as a run-on text
    line = "Sign up to our newsletter " + "and read every story we publish about the council, " * 13
    problems = analyse_text("a", "Headline\n" + line + "\nThe council met.").problems
    assert any(p.startswith("WARNING: rule newsletter_promo set aside") for p in problems)


def test_extra_pages_written_after_the_rules_hold_their_scores():
    # sixteen pages in outlets' styles the main set lacks (tests/eval/structure_extra/README.md)
    result = _score_module().score(str(HERE / "eval" / "structure_extra" / "pages"))
    assert result["n_pages"] == 16
    assert result["role_accuracy"] >= 0.98
    assert result["body_precision"] >= 0.97
