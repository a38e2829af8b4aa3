"""``--format github``: GitHub Actions workflow commands, so findings show up as annotations.

``::error file=…,line=…,col=…,title=…::message`` per finding, nothing else (a clean run prints
nothing). Values are escaped as the Actions runner expects.

The level follows the run's outcome (``engine.gate``), so the annotations never contradict the exit
code: ``error`` for a finding that costs points on a paper the run fails on (verdict fail, or a
score below ``fail-under``); ``warning`` for a finding that costs points on a paper that does not
fail the run, whatever its severity; ``notice`` for a finding without penalty (``info``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from summary_lint.model import Finding, PaperReport, RunReport

if TYPE_CHECKING:
    from summary_lint.render import RenderOptions


def level(finding: Finding, paper: PaperReport) -> str:
    """The annotation level of ``finding`` (see the module docstring)."""
    if not finding.penalty:
        return "notice"
    return "error" if paper.fails_run else "warning"


def escape_data(value: str) -> str:
    """Escape a command's message (after ``::``)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value (``file=…``): also ``:`` and ``,``, which delimit properties."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def chunks(report: RunReport, options: RenderOptions) -> Iterator[str]:
    for paper in report.papers:
        for f in paper.findings:
            props = {"file": f.file, "line": str(f.line), "col": str(f.column),
                     "title": f"summary-lint {f.code} ({f.rule})"}
            joined = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
            yield f"::{level(f, paper)} {joined}::{escape_data(f'{f.code} [{f.rule}] {f.message}')}\n"
