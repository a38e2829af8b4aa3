"""Renderers read the report only: no rules, registry, rule docs, engine or text helpers."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import summary_lint.render

RENDER = Path(summary_lint.render.__file__).parent
RENDERERS = sorted(RENDER.glob("*.py"))
ALLOWED = {"summary_lint.model", "summary_lint.errors", "summary_lint.render", "jinja2", "markupsafe", "markdown_it",
           "__future__"}


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            modules.add(node.module if node.level == 0 else f"summary_lint.render.{node.module or ''}".rstrip("."))
    return modules


def allowed(module: str) -> bool:
    return (module.split(".")[0] in sys.stdlib_module_names or module in ALLOWED
            or module.startswith("summary_lint.render."))


@pytest.mark.parametrize("path", RENDERERS, ids=lambda p: p.name)
def test_renderer_imports_only_the_model(path):
    assert sorted(m for m in imported_modules(path) if not allowed(m)) == []


def test_the_check_catches_a_renderer_that_reaches_into_the_rules(tmp_path):
    leaky = tmp_path / "leaky.py"
    leaky.write_text("from summary_lint.checks.docs import rule_infos\nimport summary_lint.text.claims\n")
    assert sorted(m for m in imported_modules(leaky) if not allowed(m)) == [
        "summary_lint.checks.docs", "summary_lint.text.claims"]


def test_rendering_every_format_loads_no_rule_engine_or_helper_module():
    formats = [p.stem for p in RENDERERS if p.stem != "__init__"]
    code = (
        "import sys, importlib\n"
        f"for name in {formats!r}: importlib.import_module('summary_lint.render.' + name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('summary_lint.checks', 'summary_lint.engine',"
        " 'summary_lint.text', 'summary_lint.read')))\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
