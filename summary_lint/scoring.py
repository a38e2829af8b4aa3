"""Findings → score (0–100) and verdict, with the thresholds from the preset."""

from __future__ import annotations

from .config import Settings
from .models import Finding, Verdict


def score(findings: list[Finding]) -> int:
    return max(0, 100 - sum(f.penalty for f in findings))


def verdict(value: int, settings: Settings) -> Verdict:
    if value < settings.fail_below:
        return "fail"
    if value < settings.warn_below:
        return "warn"
    return "pass"
