"""The package's stages import only from earlier stages (ARCHITECTURE.md)."""
from __future__ import annotations

import ast
from pathlib import Path

import analysis

PACKAGE = Path(analysis.__file__).parent
#: Stage of each top-level module or subpackage, in the order the data travels.
STAGES = {"config": 0, "errors": 0, "files": 0, "progress": 0, "ingest": 1, "text": 2, "measures": 3, "compare": 4, "outputs": 5}


def _stage_of(parts: tuple[str, ...]) -> int | None:
    return STAGES.get(parts[0].removesuffix(".py")) if parts else None


def _imported(module: Path, package: Path = PACKAGE) -> list[tuple[str, ...]]:
    """Package-relative paths of the analysis modules ``module`` imports."""
    here = module.relative_to(package).parts[:-1]
    found = []
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)]
                target = base + tuple((node.module or "").split(".")) if node.module else base
                names = [target + (a.name,) for a in node.names] if not node.module else [target]
                found += [tuple(p for p in t if p) for t in names]
            elif node.module == "analysis":  # from analysis import outputs
                found += [(a.name,) for a in node.names]
            elif node.module and node.module.split(".")[0] == "analysis":
                found.append(tuple(node.module.split(".")[1:]))
        elif isinstance(node, ast.Import):
            found += [tuple(a.name.split(".")[1:]) for a in node.names if a.name.split(".")[0] == "analysis"]
    return found


def test_every_module_belongs_to_a_stage():
    for module in PACKAGE.rglob("*.py"):
        parts = module.relative_to(PACKAGE).parts
        if parts in (("__init__.py",), ("__main__.py",)):
            continue
        assert _stage_of(parts) is not None, f"{module} is in no stage of ARCHITECTURE.md"


def test_no_module_imports_a_later_stage():
    offences = []
    for module in PACKAGE.rglob("*.py"):
        parts = module.relative_to(PACKAGE).parts
        stage = _stage_of(parts)
        if stage is None:
            continue
        for target in _imported(module):
            target_stage = _stage_of(target)
            if target_stage is not None and target_stage > stage:
                offences.append(f"{'/'.join(parts)} imports {'.'.join(target)}")
    assert not offences, offences


def test_the_checker_sees_a_backward_import(tmp_path):
    # the rule must be able to fail: a text module importing outputs is caught
    fake = tmp_path / "analysis"
    (fake / "text").mkdir(parents=True)
    bad = fake / "text" / "bad.py"
    bad.write_text("from ..outputs import plots\nfrom ..ingest.manifest import read_manifest\n"
                   "from analysis import compare\n")
    found = _imported(bad, fake)
    assert found == [("outputs",), ("ingest", "manifest"), ("compare",)]
    assert [_stage_of(t) for t in found] == [5, 1, 4]
