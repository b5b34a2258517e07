"""Every regular expression in the package runs in linear time on adversarial input.

The patterns are collected, not listed: every module of the package is imported
and walked for compiled patterns (module attributes, and patterns inside tuples,
lists, dicts and rule records such as ``ROLE_RULES``), and every source file is
read for literal patterns passed to ``re.*`` calls inside functions.  Each pattern
then scans (``finditer``, i.e. every match, as ``findall``/``sub`` do) inputs of
growing size built to make backtracking engines blow up: runs of one character,
alternations that can split a run many ways, nested quote marks, capitals, spaces.
Time must grow about linearly: the 16x input may take at most 40x the time of
the 1x input, plus a small absolute allowance for timer noise on a busy machine,
and never more than a second (a blow-up confined to a short stretch repeated
along the text grows linearly with the text but is still far too slow).
Each pattern runs in a forked child with a time limit, so a catastrophic
pattern fails the test instead of hanging it.
"""
from __future__ import annotations

import ast
import importlib
import multiprocessing
import pkgutil
import re
import time
from pathlib import Path

import pytest

import analysis

SIZES = (1_000, 16_000)
MAX_RATIO = 40
FLOOR_SECONDS = 0.03
CHILD_TIMEOUT = 60
#: and no scan of the large input may take longer than this (catches blow-ups local to a short stretch)
MAX_SECONDS = 1.0
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


def _scan_time(pattern: re.Pattern, text: str) -> float:
    best = float("inf")
    for _ in range(3):  # the best of three: other processes share the CPU
        start = time.perf_counter()
        for _ in pattern.finditer(text):
            pass
        best = min(best, time.perf_counter() - start)
    return best


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
        t_small, t_large = _scan_time(pattern, small), _scan_time(pattern, large)
        if t_large > MAX_RATIO * t_small + FLOOR_SECONDS or t_large > MAX_SECONDS:
            slow.append(f"{name}: {t_small * 1e3:.2f} ms -> {t_large * 1e3:.2f} ms")
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


def test_known_blowups_are_gone():
    """The two cases of issue #19, end to end through the text stage."""
    from analysis.text.article import analyse_text

    start = time.perf_counter()
    analyse_text("a", "Headline\n\n(A" + "/" * 37 + "!)")  # was 12 s
    analyse_text("b", "Headline\n\nHe said: \u201c" + "A" * 40_000 + "\u201d")  # was about 55 s
    analyse_text("c", "Headline\n\n" + "\u201c" * 40_000)
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("name", ["paren-slashes", "capitals-after-quote", "curly-double", "curly-single",
                                  "who-clauses", "capital-words"])
def test_text_stage_time_grows_linearly(name):
    from analysis.text.article import analyse_text

    times = []
    for n in (2_000, 16_000):
        text = "Headline\n\n" + ADVERSARIAL[name](n)
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            analyse_text("x", text)
            best = min(best, time.perf_counter() - start)
        times.append(best)
    assert times[1] < 20 * times[0] + 0.2, f"{name}: {times}"
