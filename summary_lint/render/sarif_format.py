"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

``tool.driver.rules`` is the run's rule table (``RunReport.rules``): every enabled rule with the
level and penalty this run used (preset, config and rule folders applied), its description and
help from the rule docs. ``partialFingerprints`` are unique per finding and survive edits elsewhere in the
file; an alert closes when its summary is rewritten (see ``render.fingerprinted``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from summary_lint.model import Finding, Location, PaperReport, RuleInfo, RunReport
from summary_lint.render import fingerprinted, json_array, relative_path

if TYPE_CHECKING:
    from summary_lint.render import RenderOptions

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/summary-lint/summary-lint"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "summaryLint/v2"


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: relative to the working directory when it lies inside it."""
    p = relative_path(path)
    return p.as_uri() if p.is_absolute() else quote(p.as_posix(), safe="/")


def _descriptor(info: RuleInfo) -> dict[str, Any]:
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": info.summary},
        "help": {"text": info.doc, "markdown": info.doc},
        "defaultConfiguration": {"level": LEVELS[info.severity], "enabled": True},
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


def _result(f: Finding, paper: PaperReport, fingerprint: str, rule_index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.code,
        **({"ruleIndex": rule_index[f.code]} if f.code in rule_index else {}),
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [_location(f.file, f.line, f.column)],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": {"rule": f.rule, "paper": paper.title, "arxivId": paper.arxiv_id,
                       "score": paper.score, "verdict": paper.verdict, "penalty": f.penalty},
    }
    if f.related:
        result["relatedLocations"] = [_related(i, loc) for i, loc in enumerate(f.related)]
    return result


RESULTS_TAIL = "[]\n    }\n  ]\n}"
"""How the log ends when its one run's last key, ``results``, is empty: the results are streamed there."""


def chunks(report: RunReport, options: RenderOptions) -> Iterator[str]:
    rule_index = {info.code: i for i, info in enumerate(report.rules)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": report.tool.name,
                "version": report.tool.version,
                "semanticVersion": report.tool.version,
                "informationUri": INFORMATION_URI,
                "rules": [_descriptor(info) for info in report.rules],
            }},
            "columnKind": "unicodeCodePoints",
            "results": [],
        }],
    }
    head = json.dumps(log, indent=2, ensure_ascii=False)
    yield head.removesuffix(RESULTS_TAIL)
    results = (_result(f, paper, fingerprint, rule_index) for paper, f, fingerprint in fingerprinted(report))
    yield from json_array((json.dumps(r, indent=2, ensure_ascii=False) for r in results), depth=3)
    yield RESULTS_TAIL.removeprefix("[]") + "\n"
