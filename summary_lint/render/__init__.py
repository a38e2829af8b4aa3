"""Renderers: one module per output format, each with ``render(report, options) -> str``.

A renderer reads the ``RunReport`` only (the model holds the run's rule table and every finding's
marks), so what it shows is what the run decided. The public way to write any format::

    from summary_lint.render import render
    text = render(report, "json")
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from summary_lint.model import Finding, PaperReport, RunReport

FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    statistics: bool = False
    show_scores: bool = True


def render(report: RunReport, fmt: str, options: RenderOptions = RenderOptions()) -> str:
    """The report in format ``fmt`` (one of ``FORMATS``), as the CLI writes it."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    module = importlib.import_module(f"{__name__}.{fmt}_format")
    return module.render(report, options)


def relative_path(path: str) -> Path:
    """``path`` relative to the working directory when it lies inside it (CI viewers resolve
    paths from the repository root), else as given."""
    p = Path(path)
    if p.is_absolute():
        try:
            return p.relative_to(Path.cwd())
        except ValueError:
            return p
    return p


def fingerprinted(report: RunReport) -> Iterator[tuple[PaperReport, Finding, str]]:
    """Every finding with a fingerprint that is unique in the report and stable across runs.

    It hashes the paper (arXiv id, else file and title), the rule, the finding's line relative to
    its entry (so edits elsewhere in the file do not move it), column, message and evidence, and
    the summary (a rewritten summary is a new alert, as for ``--baseline``). Findings equal in all
    of these get an occurrence number."""
    import hashlib  # not at start-up: only sarif and gitlab need it

    seen: Counter[str] = Counter()
    for paper in report.papers:
        summary = hashlib.sha256((paper.paper.summary if paper.paper else "").encode()).hexdigest()
        where = paper.arxiv_id or f"{relative_path(paper.file).as_posix()}\0{paper.title}"
        for f in paper.findings:
            key = "\0".join([where, f.code, str(f.line - paper.line), str(f.column), f.message, f.evidence, summary])
            base = hashlib.sha256(key.encode()).hexdigest()
            seen[base] += 1
            yield paper, f, hashlib.sha256(f"{base}\0{seen[base]}".encode()).hexdigest()
