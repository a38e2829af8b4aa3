"""invalid-votes: the vote count is present but is not a non-negative integer.

## What it does

Reports a `Vote:` value such as `12.5`, `-3` or `many`. An absent value (`Vote: -`, no line) is
`missing-votes` instead.

## Why it matters

A value that is not a count breaks ranking and signals a rendering bug in the pipeline.

## Example that passes

```markdown
### [EVE: Unveiling Encoder-Free Vision-Language Models](https://arxiv.org/abs/2406.11832)
Vote: 7
Authors: Haiwen Diao, Xiaotong Li

- EVE는 비전 인코더 없이 이미지를 처리하는 비전-언어 모델입니다.
```

## Example that fails

```markdown
### [EVE: Unveiling Encoder-Free Vision-Language Models](https://arxiv.org/abs/2406.11832)
Vote: -3
Authors: Haiwen Diao, Xiaotong Li

- EVE는 비전 인코더 없이 이미지를 처리하는 비전-언어 모델입니다.
```
"""

from summary_lint.checks.registry import Hit, rule
from summary_lint.text.votes import is_absent


@rule("S003", "invalid-votes", severity="error", penalty=10,
      complexity="constant per paper (parsed fields only)")
def check(paper, ctx):
    if paper.votes_raw is not None and paper.votes is None and not is_absent(paper.votes_raw):
        raw = paper.votes_raw.strip()
        yield Hit(f"vote count {raw!r} is not a non-negative integer", paper.votes_line or paper.line, evidence=raw)
