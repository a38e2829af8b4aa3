"""invalid-paper-link: the title does not link to an arXiv abstract page with a well-formed id.

## What it does

Reports an entry whose title has no link, or a link that is not an arXiv abstract or PDF page
with a well-formed id (`YYMM.NNNNN` since 2015, `YYMM.NNNN` before, `archive/NNNNNNN` for old
papers).

## Why it matters

Readers click through to the paper; a broken, missing or non-arXiv link (or a malformed id such
as `2407.0436`) sends them nowhere and breaks every check keyed by arXiv id.

## Example that passes

```markdown
### [AriGraph: Learning Knowledge Graph World Models](https://arxiv.org/abs/2407.04363)
Vote: 7
Authors: Petr Anokhin, Nikita Semenov

- AriGraph는 에피소드 기억과 지식 그래프를 결합한 세계 모델을 학습합니다.
```

## Example that fails

```markdown
### [AriGraph: Learning Knowledge Graph World Models](https://arxiv.org/abs/2407.0436)
Vote: 7
Authors: Petr Anokhin, Nikita Semenov

- AriGraph는 에피소드 기억과 지식 그래프를 결합한 세계 모델을 학습합니다.
```
"""

from summary_lint.checks.registry import Hit, rule


@rule("S004", "invalid-paper-link", severity="error", penalty=20,
      complexity="linear in the paper's link")
def check(paper, ctx):
    if not paper.url:
        yield Hit("title has no link to the paper", paper.line, evidence=paper.title)
    elif paper.arxiv_id is None:
        yield Hit(f"not an arXiv abstract link with a valid id: {paper.url}", paper.line, evidence=paper.url)
