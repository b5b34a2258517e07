"""Progress lines: a plain line per tenth of the work when stderr is not a terminal."""
import io

from analysis.progress import Progress, progress


def test_lines_at_each_tenth_and_a_closing_line():
    out = io.StringIO()
    assert list(progress(range(20), desc="figures", unit="stories", file=out)) == list(range(20))
    lines = out.getvalue().splitlines()
    # 2, 4, ..., 18 of 20 are the nine tenths before the end; then one closing line
    assert [line.split(",")[0] for line in lines[:-1]] == [f"figures: {n}/20 stories ({n * 5}%)" for n in range(2, 20, 2)]
    assert lines[-1].startswith("figures: 20/20 stories (100%), done in ")
    assert len(lines) == 10


def test_silent_when_not_enabled_and_says_stopped_when_cut_short():
    out = io.StringIO()
    list(progress(range(5), desc="x", unit="items", enabled=False, file=out))
    assert out.getvalue() == ""
    with Progress(10, desc="metrics", unit="articles", file=out) as bar:
        bar.update(3)
    assert out.getvalue().splitlines()[-1].startswith("metrics: 3/10 articles (30%), stopped after ")
