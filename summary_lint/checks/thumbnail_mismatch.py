"""thumbnail-mismatch: the thumbnail or video belongs to a different arXiv id than the paper.

## What it does

Compares the arXiv id in each thumbnail or video URL of an entry with the paper's own id. Media
without an id in their URL (uploads) are not checked.

## Why it matters

Hugging Face thumbnails are named after the paper's id
(`…/social-thumbnails/papers/2407.04363.png`); another id there means the entry mixes two papers,
and the summary may be of the other one too.

## Example that passes

```markdown
### [AriGraph: Learning Knowledge Graph World Models](https://arxiv.org/abs/2407.04363)
![](https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2407.04363.png)
Vote: 7
Authors: Petr Anokhin, Nikita Semenov

- AriGraph는 에피소드 기억과 지식 그래프를 결합한 세계 모델을 학습합니다.
```

## Example that fails

```markdown
### [AriGraph: Learning Knowledge Graph World Models](https://arxiv.org/abs/2407.04363)
![](https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2407.03958.png)
Vote: 7
Authors: Petr Anokhin, Nikita Semenov

- AriGraph는 에피소드 기억과 지식 그래프를 결합한 세계 모델을 학습합니다.
```
"""

import re

from summary_lint.checks.registry import Hit, rule

MEDIA_ID = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?=\.(?:png|jpe?g|gif|webp|mp4|webm)\b|/|$)")


@rule("S005", "thumbnail-mismatch", severity="error", penalty=10,
      complexity="linear in the paper's media links")
def check(paper, ctx):
    if not paper.arxiv_id:
        return
    for media in paper.media:
        m = MEDIA_ID.search(media.url)
        if m and m.group(1) != paper.arxiv_id:
            yield Hit(
                f"{media.kind} is for arXiv {m.group(1)}, but the paper is {paper.arxiv_id}",
                media.line,
                media.column,
                evidence=media.url,
            )
