"""``--baseline FILE`` / ``--write-baseline FILE``: adopt summary-lint without fixing the past first.

A baseline lists the findings a team has accepted. Each is keyed by the paper (arXiv id, or the
title when there is none), the rule, and a hash of the finding's evidence together with the
paper's summary, so line shifts keep a finding baselined but a rewritten summary brings its
findings back. Identical keys are counted: a second occurrence of an accepted finding is new.
"""

from __future__ import annotations

import json
from collections import Counter

from summary_lint.errors import ConfigError, InputError
from summary_lint.model import Finding, Paper, RunReport
from summary_lint.read.side_files import json_value, read_utf8

BASELINE_VERSION = 1
Key = tuple[str, str, str]


def paper_key(finding: Finding, paper: Paper) -> Key:
    return finding.baseline_key(paper.arxiv_id, paper.title, paper.summary)


class Baseline:
    """Accepted findings; ``absorbs`` consumes one accepted occurrence per matching finding."""

    def __init__(self, keys: Counter[Key]) -> None:
        self.remaining = keys
        self.absorbed = 0

    @classmethod
    def load(cls, path: str) -> Baseline:
        try:
            data = json_value(read_utf8(path, "baseline"), f"{path}: invalid baseline")
        except InputError as exc:
            raise ConfigError(str(exc)) from None
        try:
            if data.get("version") != BASELINE_VERSION:
                raise ValueError(f"unsupported version {data.get('version')!r} (expected {BASELINE_VERSION})")
            keys = Counter((e["paper"], e["rule"], e["hash"]) for e in data["findings"])
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(f"{path}: invalid baseline: {exc}") from None
        return cls(keys)

    def absorbs(self, finding: Finding, paper: Paper) -> bool:
        key = paper_key(finding, paper)
        if self.remaining[key] <= 0:
            return False
        self.remaining[key] -= 1
        self.absorbed += 1
        return True


def baseline_json(report: RunReport) -> str:
    """Every finding of ``report`` as a baseline document (sorted, so diffs stay small)."""
    entries = []
    for paper, parsed, _ in report.with_papers():
        summary = parsed.summary if parsed else ""
        for f in paper.findings:
            key = f.baseline_key(paper.arxiv_id, paper.title, summary)
            entries.append({"paper": key[0], "rule": key[1], "hash": key[2], "message": f.message})
    entries.sort(key=lambda e: (e["paper"], e["rule"], e["hash"], e["message"]))
    doc = {"version": BASELINE_VERSION, "tool": "summary-lint", "findings": entries}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
