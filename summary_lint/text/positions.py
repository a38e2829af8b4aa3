"""Where a character offset of a paper's whole summary lies: its section, line and column
(``Section.position`` does it inside one section)."""

from __future__ import annotations

from summary_lint.model import Paper, Section


def section_at(paper: Paper, offset: int) -> tuple[Section, int, int]:
    """The section holding character ``offset`` of ``paper.summary`` (the sections' texts joined
    by newlines), and that character's line and column."""
    start = 0
    for section in paper.sections:
        end = start + len(section.text)
        if offset <= end or section is paper.sections[-1]:
            return (section, *section.position(max(0, offset - start)))
        start = end + 1  # the newline that joins sections
    raise ValueError("paper has no sections")
