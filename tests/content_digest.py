"""Synthetic one-file digests for the content-rule tests (own text, not from any corpus)."""

from __future__ import annotations

from summary_lint import lint_text

LABELS = ("What's New", "Technical Details", "Performance Highlights")


def entry(title: str, *sections: str, arxiv: str = "2501.00001") -> str:
    bullets = [f"- **{label}**: {text}" for label, text in zip(LABELS, sections)]
    return "\n".join([f"### [{title}](https://arxiv.org/abs/{arxiv})", "", "Vote: 5", "",
                      "Authors: A. Author, B. Author", "", *bullets]) + "\n"


def digest(*entries: str) -> str:
    return "## Daily Papers (2030-01-02)\n\n" + "\n".join(entries)


def lint(*entries: str, rules: list[str], **config):
    """Lint the entries with only ``rules`` enabled; returns the RunReport."""
    return lint_text(digest(*entries), config={"select": rules, **config})


def findings(report, rule: str, index: int = 0):
    return [f for f in report.papers[index].findings if f.rule == rule]
