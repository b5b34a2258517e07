"""Every regular expression in the package runs in linear time on adversarial input.

The patterns are collected, not listed: every module of the package is imported
and walked for compiled patterns (module attributes, and patterns inside tuples,
lists, dicts and rule records such as ``ROLE_RULES``), and every source file is
read for literal patterns passed to ``re.*`` calls inside functions.  Each pattern
then scans (``finditer``, i.e. every match, as ``findall``/``sub`` do) inputs of
growing size built to make backtracking engines blow up: runs of one character,
alternations that can split a run many ways, nested quote marks, capitals, spaces.
Work must grow about linearly: the 16x input may take at most 40x the CPU time of
the 1x input, plus a small allowance for timer granularity, and at most
``MAX_REFERENCE_RATIO`` times the CPU time of a reference scan of the same text (a
blow-up confined to a short stretch repeated along the text grows linearly with the
text but is still far too slow).  Work is CPU time of the process (``tests/cpu_work.py``),
the least of interleaved repeats, only ever compared with other CPU time: no test here
asserts a wall-clock time, so a machine kept busy by other processes cannot fail it.
Each pattern runs in a forked child with a hang guard, so a catastrophic pattern fails
the test instead of hanging it.

Patterns users write (``cleaning.csv``, ``framing.csv``) run on RE2
(:func:`analysis.text.user_rules.compile_user_pattern`): the patterns of issue #29 that hang
Python's ``re`` run there in linear work, and what RE2 cannot run is refused by line.
"""
from __future__ import annotations

import ast
import csv
import importlib
import multiprocessing
import pkgutil
import re
from pathlib import Path

import pytest

import analysis
from cpu_work import least_cpu_seconds

SIZES = (1_000, 16_000)
MAX_RATIO = 40
FLOOR_SECONDS = 0.03
#: a hang guard only (a catastrophic pattern takes hours), not a time the test asserts
CHILD_TIMEOUT = 300
#: and no scan of the large input may cost more than this many reference scans of it
#: (catches blow-ups local to a short stretch); the reference visits every character
MAX_REFERENCE_RATIO = 400
REFERENCE = re.compile(r"(?s).")
PACKAGE_DIR = Path(analysis.__file__).parent
CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"}


def _walk(value, found: dict, where: str, depth: int = 0) -> None:
    if isinstance(value, re.Pattern):
        found.setdefault((value.pattern, value.flags), where)
    elif depth < 3 and isinstance(value, (tuple, list, frozenset, set)):
        for k, item in enumerate(value):
            _walk(item, found, f"{where}[{k}]", depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for k, item in value.items():
            _walk(item, found, f"{where}[{k!r}]", depth + 1)
    elif depth < 3 and hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        for name in value.__dataclass_fields__:
            _walk(getattr(value, name), found, f"{where}.{name}", depth + 1)


def module_patterns() -> dict:
    found: dict = {}
    for info in pkgutil.walk_packages(analysis.__path__, "analysis."):
        if info.name.endswith("__main__"):
            continue  # importing it runs the command line
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if getattr(value, "__module__", info.name) == info.name or isinstance(value, (re.Pattern, tuple, list, dict)):
                _walk(value, found, f"{info.name}.{name}")
    return found


def literal_patterns() -> dict:
    """Literal first arguments of re.<call>(...) anywhere in the package's source."""
    found: dict = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CALLS
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.setdefault((node.args[0].value, 0), f"{path.relative_to(PACKAGE_DIR)}:{node.lineno}")
    return found


PATTERNS = {**literal_patterns(), **module_patterns()}

# Each builds an adversarial text of about n characters.
ADVERSARIAL = {
    "paren-slashes": lambda n: "(A" + "/" * n + "!)",
    "paren-slashes-repeated": lambda n: ("(A" + "/" * 30 + "!) ") * (n // 35),
    "paren-words": lambda n: "(" + "AP " * (n // 3) + "!)",
    "paren-credit-chain": lambda n: "x. " + "(PA) " * (n // 5) + "!",
    "capitals": lambda n: "A" * n,
    "capitals-after-quote": lambda n: "\x00 " + "A" * n,
    "capital-words": lambda n: "Ab " * (n // 3),
    "title-words": lambda n: "Mr " * (n // 3),
    "who-clauses": lambda n: "Reed, who " * (n // 10) + "x",
    "speech-verbs": lambda n: "said " * (n // 5),
    "letters": lambda n: "a" * n,
    "digits": lambda n: "1" * n,
    "spaces": lambda n: " " * n + "x",
    "tabs-newlines": lambda n: "\t\n" * (n // 2),
    "straight-double": lambda n: '"' * n,
    "curly-double": lambda n: "“" * n,
    "curly-single": lambda n: "‘a " * (n // 3),
    "apostrophes": lambda n: "a'" * (n // 2),
    "hyphens": lambda n: "a-" * (n // 2),
    "dots": lambda n: ". " * (n // 2),
    "abbrev-dots": lambda n: "A." * (n // 2),
    "open-parens": lambda n: "(" * n,
    "credit-label": lambda n: "Credit: " + "a" * n,
    "caps-dateline": lambda n: "GENEVA " * (n // 7) + "- MAY",
    "punctuation": lambda n: "!?" * (n // 2),
    "mixed-case": lambda n: "aA" * (n // 2),
    "underscores": lambda n: "_" * n,
}


def _scanner(pattern: re.Pattern, text: str):
    def scan():
        for _ in pattern.finditer(text):
            pass
    return scan


def test_patterns_are_collected():
    # the walk must find the rule tables and the inline patterns, or this test checks nothing
    sources = " ".join(PATTERNS.values())
    assert len(PATTERNS) >= 25, sorted(PATTERNS.values())
    assert "ROLE_RULES" in sources and "TOKEN_PATTERN" in sources and "analysis.text.sentences." in sources


def _slow_inputs(key) -> list[str]:
    pattern = re.compile(*key)
    slow = []
    for name, make in ADVERSARIAL.items():
        small, large = (make(n) for n in SIZES)
        reference_text = large
        if isinstance(pattern.pattern, bytes):  # patterns over raw bytes (the importers' XML checks)
            small, large = small.encode("utf-8"), large.encode("utf-8")
        t_small, t_large, t_reference = least_cpu_seconds(_scanner(pattern, small), _scanner(pattern, large),
                                                          _scanner(REFERENCE, reference_text))
        if t_large > MAX_RATIO * t_small + FLOOR_SECONDS or t_large > MAX_REFERENCE_RATIO * t_reference + FLOOR_SECONDS:
            slow.append(f"{name}: {t_small * 1e3:.2f} ms -> {t_large * 1e3:.2f} ms of CPU "
                        f"(reference scan {t_reference * 1e3:.2f} ms)")
    return slow


def _in_child(queue, key):
    queue.put(_slow_inputs(key))


@pytest.mark.parametrize("key", sorted(PATTERNS, key=lambda k: PATTERNS[k]), ids=lambda k: PATTERNS[k])
def test_pattern_time_grows_linearly(key):
    # in a forked child with a time limit: an exponential pattern would otherwise hang the suite
    # (the regex engine holds the interpreter until a match attempt ends)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_in_child, args=(queue, key))
    child.start()
    child.join(CHILD_TIMEOUT)
    if child.is_alive():
        child.kill()
        child.join()
        pytest.fail(f"{PATTERNS[key]} ({key[0][:80]!r}) did not finish in {CHILD_TIMEOUT} s: catastrophic backtracking")
    slow = queue.get(timeout=5)
    assert not slow, f"{PATTERNS[key]} ({key[0][:80]!r}) is super-linear on: {slow}"


@pytest.mark.parametrize("text", [
    "Headline\n\n(A" + "/" * 37 + "!)",  # was 12 s
    "Headline\n\nHe said: \u201c" + "A" * 40_000 + "\u201d",  # was about 55 s
    "Headline\n\n" + "\u201c" * 40_000,
])
def test_known_blowups_are_gone(text):
    """The cases of issue #19, end to end through the text stage: no dearer than plain prose of
    the same length (CPU time, interleaved, with a generous factor; not a wall-clock limit)."""
    from analysis.text.article import analyse_text

    words = "The council met on Tuesday and the plan was approved. "
    prose = "Headline\n\n" + (words * (len(text) // len(words) + 1))[:len(text) - 10]
    t_prose, t_hostile = least_cpu_seconds(lambda: analyse_text("p", prose), lambda: analyse_text("h", text))
    assert t_hostile <= 20 * t_prose + 0.05, f"{t_hostile:.3f} s of CPU against {t_prose:.3f} s for prose"


@pytest.mark.parametrize("name", ["paren-slashes", "capitals-after-quote", "curly-double", "curly-single",
                                  "who-clauses", "capital-words"])
def test_text_stage_time_grows_linearly(name):
    from analysis.text.article import analyse_text

    small, large = ("Headline\n\n" + ADVERSARIAL[name](n) for n in (2_000, 16_000))
    t_small, t_large = least_cpu_seconds(lambda: analyse_text("x", small), lambda: analyse_text("x", large))
    assert t_large < 20 * t_small + 0.2, f"{name}: {t_small:.3f} s -> {t_large:.3f} s of CPU"


# -- patterns users write: RE2, linear work, or a refusal by line ----------------------------

USER_BLOWUPS = {  # issue #29: each over 15 s per article (or a hang) in Python's re
    r"(a|aa)+$": lambda n: "a" * n + "!",
    r"(a|a?)+$": lambda n: "a" * n + "!",
    r"\s*\s*\s*x$": lambda n: " " * n + "y",
    r"(\w+\s?)+$": lambda n: "word " * (n // 5) + "!",
    r"(a+)+$": lambda n: "a" * n + "!",
}


@pytest.mark.parametrize("pattern", sorted(USER_BLOWUPS))
def test_user_patterns_that_hang_python_run_in_linear_work(pattern):
    from analysis.text.user_rules import compile_user_pattern

    compiled = compile_user_pattern(pattern, re.IGNORECASE)
    make = USER_BLOWUPS[pattern]
    small, large = make(10_000), make(160_000)
    t_small, t_large = least_cpu_seconds(lambda: compiled.findall(small), lambda: compiled.findall(large))
    assert t_large <= MAX_RATIO * t_small + FLOOR_SECONDS, f"{t_small:.4f} s -> {t_large:.4f} s of CPU"
    tiny = make(12)  # where Python's re still finishes: the same answer
    assert (compiled.search(tiny) is None) == (re.compile(pattern, re.IGNORECASE).search(tiny) is None)


@pytest.mark.parametrize("pattern, why", [
    (r"(\w+) \1", "backreference"),
    (r"Putin(?! said)", "lookahead"),
    (r"\bPutin\b(?<!Mr Putin)", "lookbehind that does not open the pattern"),
    (r"(?<!Mr )Putin|Kremlin", "lookbehind over one branch only"),
    (r"(?>ab|a)c", "atomic group"),
    (r"a++b", "possessive quantifier"),
])
def test_what_re2_cannot_run_is_refused_naming_file_line_and_pattern(tmp_path, pattern, why):
    from analysis.errors import InputDataError
    from analysis.measures import framing

    path = tmp_path / "framing.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["category", "label", "pattern"], ["c", "fine", r"\bwar\b"], ["c", "x", pattern]])
    with pytest.raises(InputDataError) as caught:
        framing.read_dictionary(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: line 3: pattern {pattern!r} cannot be run in linear time"), why
    assert "\n" not in message


# Texts on which Python's re and the RE2 route must agree, non-ASCII letters included.
AGREEMENT_TEXTS = [
    "Mr Putin met President Putin; Putin said Vladimir Putin's aides (Putin) were PUTIN fans.",
    "Putin", "Mr Putin", "xPutin Putin", "president putin and Putin and Mr  Putin",
    "The war, the War, a warlike warden; war-time WAR.", "José Müller said: “Ça va” — naïve café ΑΘΗΝΑ 東京 ٣ ١٢",
    "tab\tnew\nline\u00a0nbsp\u2003em space\u3000ideographic", "",
]
AGREEMENT_PATTERNS = [
    r"(?<!Mr )(?<!Vladimir )(?<!President )(?<!president )\bPutin\b", r"(?<=Mr )Putin", r"(?<![A-Za-z])war",
    r"\bwar\b", r"\b(?:war|invasion)s?\b", r"\w+", r"\W+", r"\d", r"\D+", r"\s+", r"\S+", r"[\w-]+", r"[^\s,.]+",
    r"[]a]", r"Putin\Z", r"^Mr", r"(?:Mr|President) \w+",
]


@pytest.mark.parametrize("pattern", AGREEMENT_PATTERNS)
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_user_patterns_match_what_python_matches(pattern, flags):
    from analysis.text.user_rules import compile_user_pattern

    compiled, python = compile_user_pattern(pattern, flags), re.compile(pattern, flags)
    for text in AGREEMENT_TEXTS:
        expected = [m.group(0) for m in python.finditer(text)]
        assert [m if isinstance(m, str) else m[0] for m in compiled.findall(text)] == expected or \
            len(compiled.findall(text)) == len(expected), (pattern, text)
        assert (compiled.search(text) is None) == (python.search(text) is None), (pattern, text)


def test_a_pattern_longer_than_a_csv_field_is_a_one_line_error(tmp_path, capsys):
    from conftest import SEED_DATA
    import shutil

    from analysis.outputs.cli import main

    data = tmp_path / "data"
    shutil.copytree(SEED_DATA, data)
    (data / "framing.csv").write_text("category,label,pattern\nc,long," + "a" * 140_000 + "\n", encoding="utf-8")
    for story_file in data.glob("stories/*/framing.csv"):
        story_file.unlink()
    assert main(["framing", "--data-dir", str(data)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {data / 'framing.csv'}: line 2: not a readable CSV row (field larger than field limit")
    assert len(err.strip().splitlines()) == 1


def test_user_patterns_survive_a_trip_to_a_worker_process():
    import pickle

    from analysis.text.user_rules import compile_user_pattern

    compiled = pickle.loads(pickle.dumps(compile_user_pattern(r"(?<!Mr )\bPutin\b", re.IGNORECASE)))
    assert compiled.findall("Mr Putin and putin") == ["putin"] and compiled.flags == re.IGNORECASE
