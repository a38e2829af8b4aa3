"""``--format text``: ruff-style lines, one score line per paper, and a totals line."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summary_lint.model import RunReport

if TYPE_CHECKING:
    from summary_lint.render import RenderOptions

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_COLORS = {"error": "31", "warning": "33", "info": "36", "fail": "1;31", "warn": "1;33", "pass": "1;32"}


def _paint(text: str, key: str, on: bool) -> str:
    return f"\x1b[{_COLORS[key]}m{text}\x1b[0m" if on else text


def _one_line(text: str) -> str:
    """Digest text (a JSON title, a URL) may hold newlines or terminal escapes: keep one line per record."""
    return _CONTROL.sub(" ", text)


def render(report: RunReport, options: RenderOptions) -> str:
    out: list[str] = []
    color = options.color
    for paper in report.papers:
        for f in paper.findings:
            loc = f"{f.file}:{f.line}:{f.column}:"
            out.append(f"{loc} {_paint(f.code, f.severity, color)} [{f.rule}] {_one_line(f.message)}")
        if options.show_scores:
            label = _paint(f"{paper.verdict.upper():4}", paper.verdict, color)
            out.append(f"{paper.file}:{paper.line}: score {paper.score:3d} {label} {_one_line(paper.title)}")
    s = report.summary
    if options.statistics and s.findings_by_rule:
        out.append("")
        width = max(len(name) for name in s.findings_by_rule)
        codes = {f.rule: f.code for p in report.papers for f in p.findings}
        for name, count in sorted(s.findings_by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"{count:6d}  {codes[name]:5}  {name:{width}}")
    findings = sum(s.findings_by_rule.values())
    skipped = f", {s.skipped_files} skipped" if s.skipped_files else ""
    out.append(
        f"Checked {s.papers} papers in {s.files} files{skipped}: {findings} findings; "
        f"{s.pass_} pass, {s.warn} warn, {s.fail} fail."
    )
    return "\n".join(out) + "\n"
