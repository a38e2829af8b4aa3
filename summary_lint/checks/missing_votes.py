"""missing-votes: the entry has no vote count (no `Vote:` line, or `Vote: -`).

## What it does

Reports an entry without a `Vote:` line, or whose vote count is empty or a placeholder (`-`,
`N/A`, `None`). A JSON digest whose records carry no votes field at all has a schema without
votes: nothing is missing there, so the rule stays silent for that file. A value that is there
but is not a count is `invalid-votes`.

## Why it matters

Digests rank papers by votes; an entry without them cannot be ranked and often comes from a
listing that failed to load.

## Example that passes

```markdown
### [EVE: Unveiling Encoder-Free Vision-Language Models](https://arxiv.org/abs/2406.11832)
Vote: 16
Authors: Haiwen Diao, Xiaotong Li

- EVE는 비전 인코더 없이 이미지를 처리하는 비전-언어 모델입니다.
```

## Example that fails

```markdown
### [EVE: Unveiling Encoder-Free Vision-Language Models](https://arxiv.org/abs/2406.11832)
Vote: -
Authors: Haiwen Diao, Xiaotong Li

- EVE는 비전 인코더 없이 이미지를 처리하는 비전-언어 모델입니다.
```
"""

from summary_lint.checks.registry import Hit, rule
from summary_lint.text.votes import is_absent


@rule("S002", "missing-votes", severity="warning", penalty=5,
      complexity="constant per paper (parsed fields only)")
def check(paper, ctx):
    if not ctx.schema_has(paper, "votes_raw"):
        return
    if paper.votes_raw is None:
        yield Hit("no 'Vote:' line", paper.line)
    elif is_absent(paper.votes_raw):
        yield Hit(f"vote count is missing ({paper.votes_raw.strip() or 'empty'!r})", paper.votes_line or paper.line,
                  evidence=paper.votes_raw)
