"""truncated-authors: the author list has a placeholder (`+`, `...`, `et al.`) instead of names.

## What it does

Reports the first author item that is only a placeholder (`+`, `+3`, `...`, `…`) or a name
followed by `et al.`, at its column in the `Authors:` line.

## Why it matters

Listings cut long author lists, at the end or in the middle (`A, B, +, Y, Z`); the digest then
credits only part of the authors and shows a stray `+` to readers. Report it so the pipeline
fetches the full list.

## Example that passes

```markdown
### [Test-Time Training RNNs](https://arxiv.org/abs/2407.04620)
Vote: 12
Authors: Yu Sun, Xinhao Li, Yann Dubois

- 은닉 상태를 학습 가능한 모델로 바꾼 TTT 층을 제안합니다.
```

## Example that fails

```markdown
### [Towards a Personal Health Large Language Model](https://arxiv.org/abs/2406.06474)
Vote: 12
Authors: Daniel McDuff, Mike Schaekermann, +

- 웨어러블 데이터를 이해하는 건강 LLM인 PH-LLM을 제안합니다.
```
"""

import re

from summary_lint.checks.registry import Hit, rule

# An author item that is only a placeholder, or a name followed by "et al.".
PLACEHOLDER = re.compile(r"(?:^|\s)(\+\d*|\.\.\.|…|et\s+al\.?)$", re.IGNORECASE)


@rule("S009", "truncated-authors", severity="warning", penalty=3,
      complexity="linear in the author list")
def check(paper, ctx):
    for name in paper.authors or []:
        if m := PLACEHOLDER.search(name):
            placeholder = m.group(1)
            column = 1  # a JSON record: the record's line, no column within it
            if paper.authors_column is not None:
                column = paper.authors_column + max((paper.authors_raw or "").find(name), 0) + m.start(1)
            yield Hit(f"author list has the placeholder {placeholder!r} instead of names",
                      paper.authors_line or paper.line, column, evidence=placeholder)
            return
