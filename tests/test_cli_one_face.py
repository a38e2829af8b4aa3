"""One face: only ``summary_lint/cli/`` prints, exits or parses arguments (issue 11).

``summary_lint/tools/`` is left out on purpose: the pack builders are developer scripts run as
``python -m summary_lint.tools.NAME`` to rebuild the data in ``rules/``; the linter never imports
them, and each keeps its own small command line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import summary_lint

PACKAGE = Path(summary_lint.__file__).resolve().parent
EXEMPT = ("cli", "tools")
EXITS = {"exit", "quit", "_exit"}


def _breaches(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"print", *EXITS}:
            found.append(f"line {node.lineno}: {node.func.id}()")
        elif isinstance(node, ast.Attribute) and node.attr in EXITS and isinstance(node.value, ast.Name) \
                and node.value.id in {"sys", "os"}:
            found.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
        elif isinstance(node, ast.Name) and node.id == "SystemExit":
            found.append(f"line {node.lineno}: SystemExit")
        elif isinstance(node, ast.Import) and any(a.name.split(".")[0] == "argparse" for a in node.names):
            found.append(f"line {node.lineno}: import argparse")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "argparse":
            found.append(f"line {node.lineno}: from argparse import")
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] not in EXEMPT)


def test_the_walk_sees_the_package_and_would_catch_a_breach():
    names = {p.relative_to(PACKAGE).as_posix() for p in _modules()}
    assert {"engine/run.py", "engine/parallel.py", "checks/docs.py", "evaluation/run.py", "__main__.py"} <= names
    sample = "import argparse\nimport sys\nprint(1)\nsys.exit(2)\nraise SystemExit(3)\nexit()\n"
    assert len(_breaches(ast.parse(sample))) == 5


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_only_the_cli_prints_exits_or_parses_arguments(path):
    assert _breaches(ast.parse(path.read_text(encoding="utf-8"))) == []


def test_tqdm_is_drawn_by_the_cli_only():
    users = [p.relative_to(PACKAGE).as_posix() for p in _modules() if "tqdm" in p.read_text(encoding="utf-8")]
    assert users == []


def test_the_engine_reports_skips_and_progress_as_data(tmp_path):
    from conftest import SEED

    from summary_lint.engine.config import resolve
    from summary_lint.engine.run import lint_digests, read_inputs
    from summary_lint.read.discover import discover

    (tmp_path / "day.md").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.md").write_bytes(b"### [X](https://arxiv.org/abs/2407.00001)\n\xff\xfe\xfa bad")
    skipped, progress = [], []
    digests, files = read_inputs(discover([str(tmp_path)]), keep_going=True, on_skip=skipped.append)
    assert [f.path for f in skipped] == [str(tmp_path / "broken.md")] and skipped[0].skipped
    report = lint_digests(digests, files, resolve(), on_progress=lambda done, total: progress.append((done, total)))
    assert progress and progress[-1] == (13, 13) and report.summary.papers == 13
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)
