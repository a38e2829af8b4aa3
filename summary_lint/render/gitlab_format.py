"""``--format gitlab``: a GitLab Code Quality report, shown in merge requests and pipelines.

A JSON array with one issue per finding: ``description``, ``check_name`` (the rule name),
``fingerprint`` (unique in the report, stable across runs: see ``render.fingerprinted``),
``severity`` and ``location`` (``path`` relative to the working directory, ``lines.begin``).
Severities: error → ``major``, warning → ``minor``, info → ``info``; a finding that fails its
paper's verdict is no ``blocker``: GitLab ranks findings, the exit code decides the pipeline.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from summary_lint.model import RunReport
from summary_lint.render import fingerprinted, json_array, relative_path

if TYPE_CHECKING:
    from summary_lint.render import RenderOptions

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def chunks(report: RunReport, options: RenderOptions) -> Iterator[str]:
    issues = ({
        "description": f"{f.code} [{f.rule}] {f.message}",
        "check_name": f.rule,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[f.severity],
        "location": {"path": relative_path(f.file).as_posix(), "lines": {"begin": max(f.line, 1)}},
    } for _, f, fingerprint in fingerprinted(report))
    yield from json_array((json.dumps(issue, indent=2, ensure_ascii=False) for issue in issues), depth=0)
    yield "\n"
