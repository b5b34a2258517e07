"""Rerun the classes of odd and hostile input of issue #19 through the command line.

    python scripts/hostile_battery.py            # table of every case
    python scripts/hostile_battery.py --markdown # the same as a Markdown table

Each case builds a small study in a fresh temporary folder, runs
``python -m analysis <command>`` on it and classifies the result:

* ``clear error``  - exit status 2 and one line on stderr starting ``error: ``;
* ``handled``      - exit status 0 and the case's own check passed (e.g. the
  normalisation is recorded, the figure exists, nothing was written outside --out);
* ``TRACEBACK``    - a Python traceback, or any other exit status;
* ``UNEXPECTED``   - a clean exit, but not the documented outcome;
* ``TOO SLOW``     - longer than the same command on two ordinary articles plus
  5 s per article (so start-up and drawing time on a busy machine do not count).

Exit status 0 when every case is a clear error or handled as documented.
Faults that need another user (an unreadable file, a read-only folder) run the
command as ``nobody`` through ``setpriv`` when the script runs as root.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ["id", "story", "outlet", "headline", "published", "url", "file", "sha256", "notes"]
GOOD = "Minister resigns over war\n\nThe minister resigned on Monday. “I am ashamed,” he said. Officials declined to comment."
OTHER = "Diplomat quits\n\nA diplomat quit his post. He wrote a letter. “Never have I been so ashamed,” he wrote."
SECONDS_PER_ARTICLE = 5.0


def write_study(folder: Path, files: dict[str, bytes | str], rows: list[dict] | None = None,
                manifest_text: str | None = None) -> Path:
    (folder / "raw").mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / "raw" / name).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    if rows is None:
        rows = [{"id": Path(n).stem, "story": "s", "outlet": f"Outlet {i}", "file": f"raw/{n}"} for i, n in enumerate(files)]
    if manifest_text is not None:
        (folder / "manifest.csv").write_text(manifest_text, encoding="utf-8")
    else:
        with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: row.get(k, "") for k in FIELDS})
    (folder / "framing.csv").write_text("category,label,pattern\nwar naming,war,\\bwar\\b\n", encoding="utf-8")
    return folder


def pair(text: str, name: str = "a.txt") -> dict:
    """The odd article plus an ordinary one, so the story has two outlets."""
    return {name: text, "z.txt": GOOD}


@dataclass
class Result:
    code: int
    out: str
    err: str
    seconds: float
    folder: Path


@dataclass
class Case:
    name: str
    files: dict = field(default_factory=dict)
    command: list[str] = field(default_factory=lambda: ["summary"])
    rows: list[dict] | None = None
    manifest_text: str | None = None
    expect: str = "error"                      # "error" or "handled"
    check: Callable[[Result], bool] | None = None  # for "handled": the documented outcome
    prepare: Callable[[Path], None] | None = None  # extra set-up (permissions, existing outputs)
    as_nobody: bool = False
    n_articles: int = 2


def articles_csv(result: Result) -> list[dict]:
    return list(csv.DictReader(io.StringIO(result.out)))


def normalised(word: str):
    return lambda r: any(word in row["normalisations"] for row in articles_csv(r))


def figure_ok(story: str = "s", name: str = "distinctive-terms-a.png"):
    return lambda r: (r.folder / "out" / story / name).stat().st_size > 1000 and not any(
        p.name.startswith(".") for p in (r.folder / "out").iterdir())


def unreadable(folder: Path) -> None:
    (folder / "raw" / "a.txt").chmod(0o000)


def read_only_out(folder: Path) -> None:
    (folder / "out").mkdir()
    (folder / "out").chmod(0o555)


def previous_outputs(folder: Path) -> None:
    (folder / "out" / "s").mkdir(parents=True)
    (folder / "out" / "s" / "old.png").write_bytes(b"previous")


def row(**kw) -> list[dict]:
    base = {"id": "a", "story": "s", "outlet": "Outlet A", "file": "raw/a.txt"}
    return [{**base, **kw}, {"id": "z", "story": "s", "outlet": "Outlet Z", "file": "raw/z.txt"}]


ARTICLES = ["articles", "--csv"]
CASES = [
    # raw files
    Case("empty file", pair(b"")),
    Case("whitespace only", pair(" \n\t\u00a0\n")),
    Case("invisible characters only", pair("\u200b\u00ad\n")),
    Case("binary (PNG bytes)", pair(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")),
    Case("bad UTF-8 (Latin-1)", pair("Caf\u00e9 news\n\nIt rained.".encode("latin-1"))),
    Case("UTF-16 with BOM", pair(("\ufeff" + GOOD).encode("utf-16-le"))),
    Case("UTF-16 without BOM", pair(GOOD.encode("utf-16-le"))),
    Case("UTF-16 big-endian with BOM", pair(("\ufeff" + GOOD).encode("utf-16-be"))),
    Case("UTF-32", pair(GOOD.encode("utf-32"))),
    Case("NFD accents", pair(unicodedata.normalize("NFD", GOOD + " Café, naïve.")), ARTICLES, expect="handled",
         check=normalised("NFC")),
    Case("zero-width spaces", pair(GOOD.replace("minister", "min\u200bister")), ARTICLES, expect="handled",
         check=normalised("zero-width")),
    Case("soft hyphens", pair(GOOD.replace("resigned", "resig\u00adned")), ARTICLES, expect="handled",
         check=normalised("soft hyphen")),
    Case("U+2028 line separators", pair(GOOD.replace("\n", "\u2028")), ARTICLES, expect="handled",
         check=normalised("U+2028")),
    Case("U+2029 / NEL / VT / FF", pair("Head\u2029\u0085Body one.\x0bBody two.\x0cBody three."), ARTICLES,
         expect="handled", check=normalised("line separator")),
    Case("lone CR line endings", pair(GOOD.replace("\n", "\r")), ARTICLES, expect="handled", check=normalised("CR")),
    Case("CRLF line endings", pair(GOOD.replace("\n", "\r\n")), ARTICLES, expect="handled", check=normalised("CRLF")),
    Case("UTF-8 BOM", pair("\ufeff" + GOOD), ARTICLES, expect="handled", check=normalised("byte-order mark")),
    Case("HTML saved as .txt", pair("<!DOCTYPE html><html><head><title>Minister resigns</title></head><body><article>"
                                     "<h1>Minister resigns</h1>" + "<p>The minister resigned on Monday after a long "
                                     "row about the war in the east of the country.</p>" * 4 + "</article></body></html>"),
         ARTICLES, expect="handled", check=normalised("read as HTML")),
    Case("HTML .txt with no text", pair("<!DOCTYPE html><html><body></body></html>")),
    Case("empty .html file", {"a.html": b"", "z.txt": GOOD}),
    Case("unreadable file", pair(GOOD), prepare=unreadable, as_nobody=True),
    Case("missing raw file", {"z.txt": GOOD}, rows=row()),
    Case("NUL bytes in text", pair(GOOD.replace(" ", "\x00", 3)), ARTICLES, expect="handled",
         check=lambda r: len(articles_csv(r)) == 2),
    # manifests
    Case("missing manifest columns", pair(GOOD), manifest_text="id,story,file\na,s,raw/a.txt\n"),
    Case("manifest not UTF-8", pair(GOOD), manifest_text=None,
         prepare=lambda f: (f / "manifest.csv").write_bytes("id,story,outlet,file\na,s,Caf\u00e9,raw/a.txt\n".encode("latin-1"))),
    Case("empty manifest", pair(GOOD), manifest_text=""),
    Case("duplicate ids", pair(GOOD), rows=[{"id": "a", "story": "s", "outlet": "A", "file": "raw/a.txt"},
                                            {"id": "a", "story": "s", "outlet": "Z", "file": "raw/z.txt"}]),
    Case("bad date 20220523", pair(GOOD), rows=row(published="20220523")),
    Case("bad date 2022-W21-1", pair(GOOD), rows=row(published="2022-W21-1")),
    Case("impossible date 2022-02-30", pair(GOOD), rows=row(published="2022-02-30")),
    Case("error line counts file lines", pair(GOOD),
         manifest_text='id,story,outlet,file,notes\na,s,A,raw/a.txt,"two\nlines"\nz,s,Z,raw/z.txt,\nz,s,Z,raw/z.txt,\n'),
    Case("file path escapes ../", pair(GOOD), rows=row(file="../../etc/passwd")),
    Case("file path absolute", pair(GOOD), rows=row(file="/etc/passwd")),
    Case("story name ../../x", pair(GOOD), ["figures", "--out", "OUT"], rows=row(story="../../x")),
    Case("story name /abs", pair(GOOD), ["figures", "--out", "OUT"], rows=row(story="/tmp/abs")),
    Case("story name a/b", pair(GOOD), ["figures", "--out", "OUT"], rows=row(story="a/b")),
    Case("id with /", pair(GOOD), ["figures", "--out", "OUT"], rows=row(id="x/y")),
    Case("id ..", pair(GOOD), ["figures", "--out", "OUT"], rows=row(id="..")),
    Case("id with NUL", pair(GOOD), rows=row(id="a\x00b")),
    Case("very long id (300)", pair(GOOD), rows=row(id="x" * 300)),
    Case("safe unusual story name", pair(GOOD), ["figures", "--out", "OUT"], rows=row(story="Storm (UK), day 2 & after"),
         expect="handled", check=figure_ok("Storm (UK), day 2 & after", "distinctive-terms-a.png")),
    # text content: size and regular expressions
    Case("huge line (100,000 chars)", pair("Headline\n\n" + ("word " * 20_000)), expect="handled",
         check=lambda r: "sentences:" in r.out),
    Case("paren credit (A + 37 slashes + !)", pair("Headline\n\n(A" + "/" * 37 + "!)\n\n" + GOOD), expect="handled",
         check=lambda r: "sentences:" in r.out),
    Case("40,000 capitals in a quotation", pair("Headline\n\nHe said: \u201c" + "A" * 40_000 + "\u201d"), expect="handled",
         check=lambda r: "sentences:" in r.out),
    Case("100,000 straight quote marks", pair("Headline\n\n" + '"' * 100_000), ["metrics", "--csv", "--workers", "1"],
         expect="handled", check=lambda r: len(r.out) < 20_000),
    Case("40,000 curly quote marks", pair("Headline\n\n" + "\u201c" * 40_000), ARTICLES, expect="handled",
         check=lambda r: max(len(row["problems"]) for row in articles_csv(r)) < 2_000),
    Case("100,000 chars of mixed marks", pair("Headline\n\n" + "\u2018a \u201c(\u2019" * 16_000), ["readability", "--csv"],
         expect="handled", check=lambda r: "flesch" in r.out),
    # stories
    Case("one-article story: findings", {"a.txt": GOOD}, ["findings"], expect="handled", n_articles=1,
         check=lambda r: True),
    Case("one-article story: figures", {"a.txt": GOOD}, ["figures", "--out", "OUT"], expect="handled", n_articles=1,
         check=figure_ok()),
    Case("one-article story: readability-diff", {"a.txt": GOOD}, ["readability-diff"], expect="handled", n_articles=1,
         check=lambda r: True),
    Case("no-body article: figures", pair("Headline only"), ["figures", "--out", "OUT"], expect="handled",
         check=figure_ok()),
    Case("lone quote mark: readability", pair('Headline\n\n"'), ["readability", "--csv"], expect="handled",
         check=lambda r: "no words" in r.out),
    Case("no sentence anywhere: readability", {"a.txt": "Headline\n\n", "b.txt": "Other"}, ["readability", "--csv"],
         expect="handled", check=lambda r: "no sentences" in r.out),
    Case("no sentence anywhere: terms", {"a.txt": "Headline\n\n", "b.txt": "Other"}, ["terms"], expect="handled",
         check=lambda r: True),
    Case("no framing dictionary: figures", pair(GOOD), ["figures", "--out", "OUT"], expect="handled",
         prepare=lambda f: (f / "framing.csv").unlink(), check=figure_ok(name="framing-counts-by-outlet.png")),
    Case("broken framing dictionary", pair(GOOD), ["figures", "--out", "OUT"],
         prepare=lambda f: (f / "framing.csv").write_text("category,label,pattern\nx,y,(unclosed\n", encoding="utf-8")),
    Case("framing dictionary not UTF-8", pair(GOOD), ["figures", "--out", "OUT"],
         prepare=lambda f: (f / "framing.csv").write_bytes("category,label,pattern\nguerre,d\u00e9but,war\n".encode("latin-1"))),
    # patterns users write run on RE2 (linear time) or are refused by line (issue #29)
    Case("framing pattern that hangs Python's re", pair(GOOD), ["framing", "--csv"], expect="handled",
         prepare=lambda f: (f / "framing.csv").write_text("category,label,pattern\nx,y,(\\w+\\s?)+$\n", encoding="utf-8"),
         check=lambda r: ",y," in r.out),
    Case("cleaning pattern that hangs Python's re", pair(GOOD + "\n\n" + "a" * 50_000 + "!"), ["summary"], expect="handled",
         prepare=lambda f: (f / "cleaning.csv").write_text("role,name,pattern\npromo,x,(a|aa)+$\n", encoding="utf-8"),
         check=lambda r: "Outlet 0" in r.out),
    Case("framing pattern with a backreference", pair(GOOD), ["framing"],
         prepare=lambda f: (f / "framing.csv").write_text("category,label,pattern\nx,y,(a)\\1\n", encoding="utf-8")),
    Case("framing pattern over 128 KB", pair(GOOD), ["framing"],
         prepare=lambda f: (f / "framing.csv").write_text("category,label,pattern\nx,y," + "a" * 140_000 + "\n",
                                                        encoding="utf-8")),
    Case("manifest with BOM and CRLF", pair(GOOD), ["summary"], expect="handled", check=lambda r: "Outlet 0" in r.out,
         prepare=lambda f: (f / "manifest.csv").write_bytes(b"\xef\xbb\xbf" + (f / "manifest.csv").read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))),
    Case("metrics --keep-going past a bad file", pair(b"\xff\xfe\x00bad"), ["metrics", "--csv", "--keep-going", "--workers", "1"],
         expect="handled", check=lambda r: "error: " in r.out and "z," in r.out),
    # environment
    Case("unknown story: summary", pair(GOOD), ["summary", "--story", "nope"]),
    Case("unknown story: readability", pair(GOOD), ["readability", "--story", "nope"]),
    Case("unknown story: figures", pair(GOOD), ["figures", "--story", "nope", "--out", "OUT"],
         check=lambda r: not (r.folder / "out").exists()),
    Case("unknown story: report", pair(GOOD), ["report", "--story", "nope", "--out", "OUT"],
         check=lambda r: not (r.folder / "out").exists()),
    Case("story name ../../x on the command line", pair(GOOD), ["figures", "--story", "../../x", "--out", "OUT"]),
    Case("--out is an existing file", pair(GOOD), ["figures", "--out", "OUT"],
         prepare=lambda f: (f / "out").write_text("x")),
    Case("--out not writable", pair(GOOD), ["figures", "--out", "OUT"], prepare=read_only_out, as_nobody=True),
    Case("--out under a file", pair(GOOD), ["figures", "--out", "OUT/sub"], prepare=lambda f: (f / "out").write_text("x")),
    Case("rerun replaces previous figures whole", pair(GOOD), ["figures", "--out", "OUT"], prepare=previous_outputs,
         expect="handled", check=lambda r: not (r.folder / "out" / "s" / "old.png").exists() and figure_ok()(r)),
    Case("missing data folder", {}, ["summary"], prepare=lambda f: shutil.rmtree(f)),
]


def run_case(case: Case, python: str, nobody: bool) -> tuple[Result, str]:
    folder = Path(tempfile.mkdtemp(prefix="battery-"))
    try:
        write_study(folder, case.files, case.rows, case.manifest_text)
        if case.prepare:
            case.prepare(folder)
        args = [a.replace("OUT", str(folder / "out")) for a in case.command]
        cmd = [python, "-m", "analysis", *args, "--data-dir", str(folder)]
        if case.as_nobody and nobody:
            for path in [folder, *folder.rglob("*")]:
                if not path.is_symlink() and path.stat().st_mode & 0o777 not in (0o000, 0o555):
                    path.chmod(0o777 if path.is_dir() else 0o644)
            cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600,
                              env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100", "MPLCONFIGDIR": str(folder / ".mpl")})
        result = Result(proc.returncode, proc.stdout, proc.stderr, time.perf_counter() - start, folder)
        return result, verdict(case, result)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def verdict(case: Case, r: Result) -> str:
    if "Traceback" in r.err or r.code not in (0, 2):
        return "TRACEBACK"
    if r.code == 2:
        lines = r.err.strip().splitlines()
        if len(lines) == 1 and lines[0].startswith("error: "):
            if case.expect == "error" and (case.check is None or case.check(r)):
                return "clear error"
            return "UNEXPECTED"
        return "UNEXPECTED"
    if case.expect == "handled":
        try:
            ok = case.check is None or case.check(r)
        except Exception:  # the check itself found no output to look at
            ok = False
        return "handled" if ok else "UNEXPECTED"
    return "UNEXPECTED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("-k", help="only cases whose name contains this")
    args = parser.parse_args()
    python = sys.executable
    nobody = os.geteuid() == 0 and shutil.which("setpriv") is not None
    baselines: dict[str, float] = {}

    def baseline(command: list[str]) -> float:
        if command[0] not in baselines:  # the same command on two ordinary articles
            result, _ = run_case(Case("baseline", pair(GOOD), command, expect="handled"), python, nobody)
            baselines[command[0]] = result.seconds
        return baselines[command[0]]

    rows, bad = [], 0
    for case in CASES:
        if args.k and args.k not in case.name:
            continue
        result, v = run_case(case, python, nobody)
        if v in ("clear error", "handled") and result.seconds > baseline(case.command) + SECONDS_PER_ARTICLE * case.n_articles:
            v = "TOO SLOW"
        bad += v not in ("clear error", "handled")
        first = (result.err.strip().splitlines() or [""])[0]
        first = first.replace(str(result.folder), "<data>")
        rows.append((case.name, " ".join(case.command).replace("OUT", "<out>"), result.code, f"{result.seconds:.1f}",
                     v, first[:110] if first else "(stdout: " + (result.out.strip().splitlines() or [""])[0][:60] + ")"))
        if not args.markdown:
            print(f"{case.name:<40} {result.code:>3} {result.seconds:5.1f}s  {v:<12} {first[:100]}", flush=True)
    if args.markdown:
        print("| case | command | exit | s | verdict | first line of stderr |")
        print("| --- | --- | --- | --- | --- | --- |")
        for r in rows:
            print("| " + " | ".join(str(x).replace("|", "\\|") for x in r) + " |")
    print(f"\n{len(rows)} cases, {len(rows) - bad} clear errors or documented handling, {bad} not; baselines "
          + ", ".join(f"{k} {v:.1f}s" for k, v in baselines.items()), file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
