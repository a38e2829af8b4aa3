"""What fails a run, and why, in words: the one rule behind the exit code, the text report's last
line, the level of GitHub annotations, the JSON ``gate`` and the API's ``RunReport.failed``.

A run fails when a paper's verdict is ``fail`` (its score is below the preset's ``fail-below``) or
when ``fail-under`` is set and a paper scores below it. Nothing else fails a run: a finding of
severity ``error`` on a paper that still scores enough is a warning about that paper, not a failure.
"""

from __future__ import annotations

from summary_lint.model import Gate, PaperReport, Verdict


def fails_run(verdict: Verdict, score: int, fail_under: int | None) -> bool:
    """Whether one paper makes the run fail."""
    return verdict == "fail" or (fail_under is not None and score < fail_under)


def _papers(n: int) -> str:
    return f"{n} paper{'' if n == 1 else 's'}"


def gate(papers: list[PaperReport], fail_below: int, fail_under: int | None) -> Gate:
    """The run's outcome with one reason per tripped condition (empty when the run passes)."""
    reasons = []
    failing = sum(p.verdict == "fail" for p in papers)
    if failing:
        reasons.append(f"{_papers(failing)} with verdict fail (score below {fail_below})")
    below = [p for p in papers if fail_under is not None and p.score < fail_under]
    if below:
        lowest = min(below, key=lambda p: p.score)
        reasons.append(f"{_papers(len(below))} below fail-under {fail_under} "
                       f"(lowest: {lowest.score} at {lowest.file}:{lowest.line})")
    return Gate(failed=bool(reasons), fail_under=fail_under, reasons=reasons)
