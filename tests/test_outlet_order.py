"""One outlet order, one colour, one sign for the whole data folder."""
from __future__ import annotations

import pytest

from analysis.compare import order
from analysis.errors import InputDataError
from analysis.outputs import plots
from conftest import write_study


def _folder(tmp_path):
    return write_study(tmp_path / "d", {"a.txt": "One.\n\nText here.", "b.txt": "Two.\n\nText here.",
                                        "c.txt": "Three.\n\nText here."},
                       [{"id": "a", "story": "s1", "outlet": "Zeta", "file": "raw/a.txt"},
                        {"id": "b", "story": "s1", "outlet": "Alpha", "file": "raw/b.txt"},
                        {"id": "c", "story": "s2", "outlet": "Mid", "file": "raw/c.txt"}])


def test_manifest_order_without_a_setting_and_declared_order_with_one(tmp_path):
    data = _folder(tmp_path)
    assert order.study_outlets(data) == ["Zeta", "Alpha", "Mid"]     # first appearance in the manifest
    (data / "outlets.csv").write_text("outlet\nMid\n", encoding="utf-8")
    assert order.study_outlets(data) == ["Mid", "Zeta", "Alpha"]     # declared first, the rest as they appear
    assert order.outlet_pairs(order.study_outlets(data), ["Alpha", "Mid"]) == [("Mid", "Alpha")]


def test_bad_outlet_setting_is_a_one_line_error(tmp_path):
    data = _folder(tmp_path)
    (data / "outlets.csv").write_text("name\nZeta\n", encoding="utf-8")
    with pytest.raises(InputDataError, match="outlets.csv: needs a column named 'outlet'"):
        order.study_outlets(data)
    (data / "outlets.csv").write_text("outlet\nZeta\nZeta\n", encoding="utf-8")
    with pytest.raises(InputDataError, match="twice"):
        order.study_outlets(data)


def test_an_outlet_keeps_its_colour_whichever_outlets_a_story_has():
    order = ["Alpha", "Mid", "Zeta"]
    both = plots.outlet_colours(["Zeta", "Alpha"], order=order)
    alone = plots.outlet_colours(["Zeta"], order=order)
    assert alone["Zeta"] == both["Zeta"] == plots.OKABE_ITO[2]
    assert both["Alpha"] == plots.OKABE_ITO[0]


def test_distinct_colours_beyond_eight_outlets():
    colours = plots.palette(40)
    assert len(set(colours)) == 40 and colours[:8] == plots.OKABE_ITO
    assert plots.palette(40) == colours   # deterministic
