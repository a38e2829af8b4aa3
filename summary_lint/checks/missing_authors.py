"""missing-authors: the entry has no `Authors:` line, or the line names nobody.

## What it does

Reports an entry without an `Authors:` line, or with one that lists no name. A JSON digest whose
records carry no authors field at all has a schema without authors: nothing is missing there, so
the rule stays silent for that file.

## Why it matters

Readers use authors to judge a paper at a glance, and a missing line usually means the pipeline
lost the paper's metadata, so other fields may be wrong too.

## Example that passes

```markdown
### [EVE: Unveiling Encoder-Free Vision-Language Models](https://arxiv.org/abs/2406.11832)
Vote: 26
Authors: Haiwen Diao, Xiaotong Li

- EVE는 비전 인코더 없이 이미지를 처리하는 비전-언어 모델입니다.
```

## Example that fails

```markdown
### [EVE: Unveiling Encoder-Free Vision-Language Models](https://arxiv.org/abs/2406.11832)
Vote: 26

- EVE는 비전 인코더 없이 이미지를 처리하는 비전-언어 모델입니다.
```
"""

from summary_lint.checks.registry import Hit, rule


@rule("S001", "missing-authors", severity="warning", penalty=5,
      complexity="constant per paper (parsed fields only)")
def check(paper, ctx):
    if not ctx.schema_has(paper, "authors_raw"):
        return
    if paper.authors is None:
        yield Hit("no 'Authors:' line", paper.line)
    elif not paper.authors:
        yield Hit("'Authors:' line names nobody", paper.authors_line or paper.line, evidence=paper.authors_raw or "")
