"""no-source: with `--sources`, no source abstract matches this paper's arXiv id.

## What it does

When sources were given (`--sources`), notes each paper for which none matches its arXiv id (or
that has no arXiv id). Information only: it never changes a score. Nothing is reported when no
sources were given.

## Why it matters

The source checks (unsupported-claim, source-mismatch, missing-key-point) cannot judge a summary
without its abstract; this note says which papers were judged without one.

## Example that passes

```markdown
### [AriGraph: Learning Knowledge Graph World Models](https://arxiv.org/abs/2407.04363)
Vote: 7
Authors: Petr Anokhin, Nikita Semenov

- AriGraph는 에피소드 기억과 지식 그래프를 결합한 세계 모델을 학습합니다.
```

```jsonl
{"arxiv_id": "2407.04363", "title": "AriGraph: Learning Knowledge Graph World Models", "abstract": "We introduce AriGraph, a memory architecture that builds a knowledge graph world model with episodic memory."}
```

## Example that fails

```markdown
### [AriGraph: Learning Knowledge Graph World Models](https://arxiv.org/abs/2407.04363)
Vote: 7
Authors: Petr Anokhin, Nikita Semenov

- AriGraph는 에피소드 기억과 지식 그래프를 결합한 세계 모델을 학습합니다.
```

```jsonl
{"arxiv_id": "2406.11832", "title": "EVE: Unveiling Encoder-Free Vision-Language Models", "abstract": "We present EVE, an encoder-free vision-language model."}
```
"""

from summary_lint.checks.registry import Hit, rule


@rule("A000", "no-source", severity="info", penalty=0,
      complexity="constant per paper (one lookup by arXiv id)")
def check(paper, ctx):
    if ctx.sources and not ctx.has_source(paper):
        what = f"arXiv {paper.arxiv_id}" if paper.arxiv_id else "this entry (no arXiv id)"
        yield Hit(f"no source abstract for {what}; source checks skipped", paper.line, evidence=paper.title)
