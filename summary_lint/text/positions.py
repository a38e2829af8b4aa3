"""Where a character offset of a summary lies in its file: section, line and column.

A section's text may continue on following lines; continuation columns are approximate, since
the text does not keep their indentation.
"""

from __future__ import annotations

from summary_lint.model import Paper, Section


def line_column(section: Section, offset: int) -> tuple[int, int]:
    """Line and column of character ``offset`` of ``section.text``."""
    before = section.text[:max(0, offset)]
    breaks = before.count("\n")
    if not breaks:
        return section.line, section.column + len(before)
    return section.line + breaks, len(before) - before.rfind("\n")


def section_at(paper: Paper, offset: int) -> tuple[Section, int, int]:
    """The section holding character ``offset`` of ``paper.summary`` (the sections' texts joined
    by newlines), and that character's line and column."""
    start = 0
    for section in paper.sections:
        end = start + len(section.text)
        if offset <= end or section is paper.sections[-1]:
            return (section, *line_column(section, offset - start))
        start = end + 1  # the newline that joins sections
    raise ValueError("paper has no sections")
