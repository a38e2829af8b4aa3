"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Every registered rule is listed in ``tool.driver.rules`` (so ``ruleIndex`` is stable from run to
run); its descriptions come from the rule docstring and its default level from the default
preset. ``partialFingerprints`` reuse the baseline key (paper, rule, evidence hash), so an alert
survives line shifts and closes when the summary is rewritten.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from summary_lint import __version__
from summary_lint.engine.baseline import finding_key
from summary_lint.model import Finding, Location, PaperReport, RunReport
from summary_lint.checks.docs import RuleInfo, rule_infos

if TYPE_CHECKING:
    from summary_lint.render import RenderOptions

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/summary-lint/summary-lint"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "summaryLint/v1"


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: relative to the working directory when it lies inside it."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_uri()
    return quote(p.as_posix(), safe="/")


def _descriptor(info: RuleInfo) -> dict[str, Any]:
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": info.rationale},
        "help": {"text": info.doc, "markdown": info.doc},
        "defaultConfiguration": {"level": LEVELS[info.severity], "enabled": info.enabled},
        "properties": {"penalty": info.penalty},
    }


def _location(file: str, line: int, column: int) -> dict[str, Any]:
    return {"physicalLocation": {
        "artifactLocation": {"uri": artifact_uri(file)},
        "region": {"startLine": max(line, 1), "startColumn": max(column, 1)},
    }}


def _related(index: int, loc: Location) -> dict[str, Any]:
    label = loc.title or loc.arxiv_id or "related entry"
    return {"id": index, **_location(loc.file, loc.line, loc.column), "message": {"text": label}}


def _result(f: Finding, paper: PaperReport, rule_index: dict[str, int]) -> dict[str, Any]:
    summary = paper.paper.summary if paper.paper else ""
    key = finding_key(f, paper.arxiv_id, paper.title, summary)
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index[f.code],
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [_location(f.file, f.line, f.column)],
        "partialFingerprints": {FINGERPRINT: hashlib.sha256("\0".join(key).encode()).hexdigest()},
        "properties": {"rule": f.rule, "paper": paper.title, "arxivId": paper.arxiv_id,
                       "score": paper.score, "verdict": paper.verdict, "penalty": f.penalty},
    }
    if f.related:
        result["relatedLocations"] = [_related(i, loc) for i, loc in enumerate(f.related)]
    return result


def render(report: RunReport, options: RenderOptions) -> str:
    infos = rule_infos()
    rule_index = {info.code: i for i, info in enumerate(infos)}
    results = [_result(f, paper, rule_index) for paper in report.papers for f in paper.findings]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "summary-lint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_descriptor(info) for info in infos],
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
