"""Renderers: one module per output format, each with ``chunks(report, options) -> Iterator[str]``.

A renderer reads the ``RunReport`` only (the model holds the run's rule table and every finding's
marks), so what it shows is what the run decided. It yields the report in pieces of about a paper
each, so a report of 100,000 papers is written without ever holding its whole text (JSON of such a
run is hundreds of MB). The public ways to write any format::

    from summary_lint.render import chunks, render
    text = render(report, "json")
    out.writelines(chunks(report, "json"))
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summary_lint.model import Finding, PaperReport, RunReport

FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    statistics: bool = False
    show_scores: bool = True


def chunks(report: RunReport, fmt: str, options: RenderOptions = RenderOptions()) -> Iterator[str]:
    """The report in format ``fmt`` (one of ``FORMATS``), as the CLI writes it, in pieces."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    module = importlib.import_module(f"{__name__}.{fmt}_format")
    return module.chunks(report, options)


def render(report: RunReport, fmt: str, options: RenderOptions = RenderOptions()) -> str:
    """The report in format ``fmt`` as one string."""
    return "".join(chunks(report, fmt, options))


def json_array(items: Iterable[str], depth: int) -> Iterator[str]:
    """A JSON array of items already dumped with ``indent=2``, written as ``json.dumps(..., indent=2)``
    writes it ``depth`` levels deep in a document, an item at a time. Re-indenting is a plain
    replace: JSON escapes the newlines inside strings, so every newline in a dump is layout."""
    pad = "\n" + "  " * (depth + 1)
    empty = True
    for item in items:
        yield ("[" if empty else ",") + pad + item.replace("\n", pad)
        empty = False
    yield "[]" if empty else "\n" + "  " * depth + "]"


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
    for paper, parsed, _ in report.with_papers():
        summary = hashlib.sha256((parsed.summary if parsed else "").encode()).hexdigest()
        where = paper.arxiv_id or f"{relative_path(paper.file).as_posix()}\0{paper.title}"
        for f in paper.findings:
            key = "\0".join([where, f.code, str(f.line - paper.line), str(f.column), f.message, f.evidence, summary])
            base = hashlib.sha256(key.encode()).hexdigest()
            seen[base] += 1
            yield paper, f, hashlib.sha256(f"{base}\0{seen[base]}".encode()).hexdigest()
