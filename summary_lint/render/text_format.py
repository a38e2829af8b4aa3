"""``--format text``: ruff-style lines, one score line per paper, a totals line, and why the run fails."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summary_lint.model import RunReport
    from summary_lint.render import RenderOptions

# What a terminal acts on instead of showing: C0/C1 controls (ESC starts a command, a newline forges a
# record), line separators, bidi overrides that flip the text around them, and the lone surrogates that
# stand for the bytes of a file name that is not UTF-8.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_COLORS = {"error": "31", "warning": "33", "info": "36", "fail": "1;31", "warn": "1;33", "pass": "1;32"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` safe for a terminal, on one line: what it would act on is shown as an escape
    (``\\x1b``, ``\\n``, ``\\u202e``, ``\\xff`` for a byte of a non-UTF-8 file name).

    Every file name, title, message and error line that reaches a terminal goes through here."""
    return _UNPRINTABLE.sub(_escape, text)


def _paint(text: str, key: str, on: bool) -> str:
    return f"\x1b[{_COLORS[key]}m{text}\x1b[0m" if on else text


def statistics(report: RunReport) -> list[str]:
    """Findings per rule, most frequent first (``--statistics``)."""
    by_rule = report.summary.findings_by_rule
    if not by_rule:
        return []
    codes = {f.rule: f.code for p in report.papers for f in p.findings}
    return [f"{count:6d}  {codes[name]:5}  {name}"
            for name, count in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))]


def chunks(report: RunReport, options: RenderOptions) -> Iterator[str]:
    color = options.color
    for paper in report.papers:
        for f in paper.findings:
            loc = printable(f"{f.file}:{f.line}:{f.column}:")
            yield f"{loc} {_paint(f.code, f.severity, color)} [{f.rule}] {printable(f.message)}\n"
        if options.show_scores:
            label = _paint(f"{paper.verdict.upper():4}", paper.verdict, color)
            yield f"{printable(paper.file)}:{paper.line}: score {paper.score:3d} {label} {printable(paper.title)}\n"
    stats = statistics(report) if options.statistics else []
    if stats:
        yield "\n" + "".join(line + "\n" for line in stats)
    s = report.summary
    findings = sum(s.findings_by_rule.values())
    skipped = f", {s.skipped_files} skipped" if s.skipped_files else ""
    yield (f"Checked {s.papers} papers in {s.files} files{skipped}: {findings} findings; "
           f"{s.pass_} pass, {s.warn} warn, {s.fail} fail.\n")
    if report.gate.failed:
        yield printable(f"Failed: {'; '.join(report.gate.reasons)}.") + "\n"
