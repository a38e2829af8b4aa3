"""empty-section: a summary section (or the whole summary) has no text.

Why: an empty ``- **Performance Highlights**:`` or an entry with no bullets at all is what a
generator leaves when it times out; readers see a heading with nothing under it. Option
``min-chars``: fewer meaningful characters than this counts as empty.

Passes::

    - **Performance Highlights**: EVE-7B matches encoder-based VLMs with 35M samples.

Fails::

    - **Performance Highlights**:
"""

import re

from summary_lint.checks.registry import Hit, Option, rule

_MEANINGFUL = re.compile(r"\w", re.UNICODE)


@rule("S008", "empty-section", severity="error", penalty=15, options=[
    Option("min-chars", int, 2, "a section with fewer letters or digits than this is empty"),
])
def check(paper, ctx):
    min_chars = ctx.options("empty-section")["min-chars"]
    if not paper.sections:
        yield Hit("entry has no summary", paper.end_line, evidence=paper.title)
        return
    for section in paper.sections:
        if len(_MEANINGFUL.findall(section.text)) < min_chars:
            name = f"section {section.label!r}" if section.label else "bullet"
            yield Hit(f"{name} is empty", section.line, section.column, section=section.label,
                      evidence=(section.raw + section.text).strip())
