"""``--format github``: GitHub Actions workflow commands, so findings show up as annotations.

``::error file=…,line=…,col=…,title=…::message`` per finding (``warning``/``notice`` by severity),
nothing else (a clean run prints nothing). Values are escaped as the Actions runner expects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summary_lint.model import RunReport

if TYPE_CHECKING:
    from summary_lint.render import RenderOptions

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message (after ``::``)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value (``file=…``): also ``:`` and ``,``, which delimit properties."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: RunReport, options: RenderOptions) -> str:
    out: list[str] = []
    for paper in report.papers:
        for f in paper.findings:
            props = {"file": f.file, "line": str(f.line), "col": str(f.column),
                     "title": f"summary-lint {f.code} ({f.rule})"}
            joined = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
            out.append(f"::{COMMANDS[f.severity]} {joined}::{escape_data(f'{f.code} [{f.rule}] {f.message}')}")
    return "".join(line + "\n" for line in out)
