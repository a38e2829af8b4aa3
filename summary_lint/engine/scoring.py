"""Findings → score (0–100) and verdict, with the thresholds from the preset."""

from __future__ import annotations

from summary_lint.engine.config import Settings
from summary_lint.model import Finding, Verdict


def score(findings: list[Finding]) -> int:
    """100 minus, per rule, the largest penalty of its findings (never below 0).

    One rule's findings on a paper are one piece of evidence: five weak warnings of one kind (five
    unsupported names) must not add up to a fail that no single one of them justifies."""
    worst: dict[str, int] = {}
    for f in findings:
        worst[f.rule] = max(worst.get(f.rule, 0), f.penalty)
    return max(0, 100 - sum(worst.values()))


def verdict(value: int, settings: Settings) -> Verdict:
    if value < settings.fail_below:
        return "fail"
    if value < settings.warn_below:
        return "warn"
    return "pass"
