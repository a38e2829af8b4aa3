"""empty-section: a summary section (or the whole summary) has no text.

## What it does

Reports a summary bullet with fewer than `min-chars` letters or digits after its label, and an
entry with no summary at all.

## Why it matters

An empty `- **Performance Highlights**:` or an entry with no bullets at all is what a generator
leaves when it times out; readers see a heading with nothing under it.

## Example that passes

```markdown
### [EVE: Unveiling Encoder-Free Vision-Language Models](https://arxiv.org/abs/2406.11832)
Vote: 26
Authors: Haiwen Diao, Xiaotong Li

- **What's New**: EVE는 비전 인코더 없이 이미지를 처리합니다.
- **Performance Highlights**: EVE-7B는 3,500만 개 샘플로 인코더 기반 모델과 비슷한 성능입니다.
```

## Example that fails

```markdown
### [EVE: Unveiling Encoder-Free Vision-Language Models](https://arxiv.org/abs/2406.11832)
Vote: 26
Authors: Haiwen Diao, Xiaotong Li

- **What's New**: EVE는 비전 인코더 없이 이미지를 처리합니다.
- **Performance Highlights**:
```
"""

import re
from itertools import islice

from summary_lint.checks.registry import Hit, Option, rule

_MEANINGFUL = re.compile(r"\w", re.UNICODE)


@rule("S008", "empty-section", severity="error", penalty=15,
      complexity="linear in the summary", options=[
    Option("min-chars", int, 2, "a section with fewer letters or digits than this is empty"),
])
def check(paper, ctx):
    min_chars = ctx.options("empty-section")["min-chars"]
    if not paper.sections:
        yield Hit("entry has no summary", paper.end_line, evidence=paper.title)
        return
    for section in paper.sections:
        if _count(_MEANINGFUL.finditer(section.text), min_chars) < min_chars:
            name = f"section {section.label!r}" if section.label else "bullet"
            yield Hit(f"{name} is empty", section.line, section.column, section=section.label,
                      evidence=(section.raw + section.text).strip())


def _count(matches, limit: int) -> int:
    """How many matches there are, counting no further than ``limit`` (a section may be long)."""
    return sum(1 for _ in islice(matches, max(limit, 0)))
