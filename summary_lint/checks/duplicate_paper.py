"""duplicate-paper: the same arXiv id appears more than once in the input.

## What it does

Reports every entry after the first with the same arXiv id, anywhere in the input (all files of
the run), naming the first one as a related location.

## Why it matters

A digest should list each paper once; a repeat wastes a slot and often means a listing was merged
twice.

## Example that passes

```markdown
### [AriGraph: Learning Knowledge Graph World Models](https://arxiv.org/abs/2407.04363)
Vote: 7
Authors: Petr Anokhin

- AriGraph는 에피소드 기억과 지식 그래프를 결합한 세계 모델을 학습합니다.

### [EVE: Unveiling Encoder-Free Vision-Language Models](https://arxiv.org/abs/2406.11832)
Vote: 26
Authors: Haiwen Diao

- EVE는 비전 인코더 없이 이미지를 처리하는 비전-언어 모델입니다.
```

## Example that fails

```markdown
### [AriGraph: Learning Knowledge Graph World Models](https://arxiv.org/abs/2407.04363)
Vote: 7
Authors: Petr Anokhin

- AriGraph는 에피소드 기억과 지식 그래프를 결합한 세계 모델을 학습합니다.

### [AriGraph: Learning Knowledge Graph World Models](https://arxiv.org/abs/2407.04363)
Vote: 7
Authors: Petr Anokhin

- AriGraph는 지식 그래프 기반 세계 모델입니다.
```
"""

from summary_lint.checks.registry import Hit, rule
from summary_lint.model import Location


@rule("S006", "duplicate-paper", scope="corpus", severity="error", penalty=20,
      complexity="linear in the input (one table of arXiv ids)")
def check(papers, ctx):
    first: dict[str, int] = {}
    for i, paper in enumerate(papers):
        if not paper.arxiv_id:
            continue
        if paper.arxiv_id not in first:
            first[paper.arxiv_id] = i
            continue
        original = papers[first[paper.arxiv_id]]
        where = f"{original.file}:{original.line}"
        yield i, Hit(
            f"arXiv {paper.arxiv_id} already appears at {where}",
            paper.line,
            evidence=paper.title,
            related=[Location.of(original)],
        )
