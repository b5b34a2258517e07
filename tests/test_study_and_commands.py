"""One Study per command (data folder, manifest, stories, outlet order read once) and the
command registry: every record is a subcommand, dispatched by argparse."""
from __future__ import annotations

import argparse
import io
import shutil

import pandas as pd
import pytest

from analysis.compare import order
from analysis.errors import InputDataError
from analysis.ingest import study as study_module
from analysis.ingest.study import open_study
from analysis.outputs import cli, commands
from conftest import SEED_DATA, write_study


def _three_outlets(tmp_path):
    return write_study(tmp_path / "d", {"a.txt": "One.\n\nText here.", "b.txt": "Two.\n\nText here.",
                                        "c.txt": "Three.\n\nText here."},
                       [{"id": "a", "story": "s1", "outlet": "Zeta", "file": "raw/a.txt"},
                        {"id": "b", "story": "s2", "outlet": "Alpha", "file": "raw/b.txt"},
                        {"id": "c", "story": "s1", "outlet": "Mid", "file": "raw/c.txt"}])


def test_study_holds_the_folder_manifest_stories_and_first_appearance_order(tmp_path):
    data = _three_outlets(tmp_path)
    study = open_study(data)
    assert study.data_dir == data.resolve()
    assert study.manifest["id"].tolist() == ["a", "b", "c"]
    assert study.stories == ["s1", "s2"]                        # manifest order, not sorted
    assert study.outlets == ["Zeta", "Alpha", "Mid"]            # first appearance, not alphabetical
    assert study.outlets_setting is None


def test_study_order_from_outlets_csv(tmp_path):
    data = _three_outlets(tmp_path)
    (data / "outlets.csv").write_text("outlet\nMid\nAbsent\n", encoding="utf-8")
    study = open_study(data)
    # declared first (an outlet the manifest lacks is kept, for a stable palette), the rest as they appear
    assert study.outlets == ["Mid", "Absent", "Zeta", "Alpha"]
    assert study.outlets_setting == data.resolve() / "outlets.csv"
    assert order.study_outlets(data) == study.outlets          # the compare stage's name still answers


def test_bad_outlets_csv_is_the_one_line_error_of_the_study(tmp_path):
    data = _three_outlets(tmp_path)
    (data / "outlets.csv").write_text("outlet\nZeta\nZeta\n", encoding="utf-8")
    with pytest.raises(InputDataError, match="outlets.csv: lists outlet 'Zeta' twice"):
        open_study(data)


def _counting(monkeypatch, module, name):
    calls = []
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_a_command_opens_the_study_once_and_passes_its_order_down(tmp_path, monkeypatch, capsys):
    data = shutil.copytree(SEED_DATA, tmp_path / "seed")
    (data / "outlets.csv").write_text("outlet\nYahoo News UK\n", encoding="utf-8")
    opened = _counting(monkeypatch, cli, "open_study")
    reads = _counting(monkeypatch, study_module, "read_manifest")
    given = []

    def outlet_differences(metrics, names, *, outlets, **options):   # stands in for the comparison: the order it gets
        given.append(outlets)
        raise InputDataError(None, "stopped by the test")

    monkeypatch.setattr("analysis.compare.across_stories.outlet_differences", outlet_differences)
    assert cli.main(["compare", "--data-dir", str(data), "--workers", "1"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == "error: stopped by the test"
    assert len(opened) == 1 and len(reads) == 1
    assert given == [["Yahoo News UK", "ITV News"]]


def test_a_table_function_that_takes_outlets_gets_the_study_order(tmp_path, capsys):
    data = shutil.copytree(SEED_DATA, tmp_path / "seed")
    assert cli.main(["readability-diff", "--csv", "--data-dir", str(data)]) == 0
    default = pd.read_csv(io.StringIO(capsys.readouterr().out))
    (data / "outlets.csv").write_text("outlet\nYahoo News UK\n", encoding="utf-8")
    assert cli.main(["readability-diff", "--csv", "--data-dir", str(data)]) == 0
    declared = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert set(default["outlet_a"]) == {"ITV News"} and set(declared["outlet_a"]) == {"Yahoo News UK"}
    # the same comparison, the other way round: a - b becomes b - a
    assert declared["difference"].tolist() == pytest.approx((-default["difference"]).tolist())


def _subcommands(parser):
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def test_every_record_is_a_subcommand_dispatching_to_its_run():
    parser = cli.build_parser()
    sub = _subcommands(parser)
    assert list(sub.choices) == [c.name for c in commands.COMMANDS]
    assert len({c.name for c in commands.COMMANDS}) == len(commands.COMMANDS)
    helps = {a.dest: a.help for a in sub._choices_actions}
    for command in commands.COMMANDS:
        assert helps[command.name] == command.help
        assert sub.choices[command.name].get_default("run") is command.run
    table_names = [name for name, _, _ in commands.TABLE_COMMANDS]
    assert [c.name for c in commands.COMMANDS if c.name in table_names] == table_names


def test_a_new_record_is_a_new_subcommand(capsys):
    def run(study, args):
        print(f"{len(study.manifest)} articles, {args.shout}")
        return 0

    extra = commands.Command("count", "how many articles", lambda p: p.add_argument("--shout", default="quietly"), run)
    args = cli.build_parser([*commands.COMMANDS, extra]).parse_args(["count", "--data-dir", str(SEED_DATA)])
    assert args.run(open_study(args.data_dir), args) == 0
    assert capsys.readouterr().out == "2 articles, quietly\n"


def test_an_unknown_command_is_argparse_s_error(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["no-such-command"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "error: argument command: invalid choice: 'no-such-command'" in err and "'group-stories'" in err
