"""malformed-markup: broken markdown in a summary: unbalanced emphasis or a stray unlabelled bullet.

## What it does

Reports a label whose opening and closing asterisks differ (`***What's New**:`), an odd number of
`**` in a bullet's text, and a bullet without a label in a summary whose other bullets are
labelled.

## Why it matters

`***What's New**` renders as literal asterisks, and a bullet without a label among labelled ones
shows up as an orphan line; both tell readers the digest is machine-made and unchecked.

## Example that passes

```markdown
### [EVE: Unveiling Encoder-Free Vision-Language Models](https://arxiv.org/abs/2406.11832)
Vote: 26
Authors: Haiwen Diao, Xiaotong Li

- ***What's New***: EVE는 비전 인코더 없이 이미지를 처리합니다.
- ***Technical Details***: 디코더 하나가 이미지와 텍스트를 함께 학습합니다.
```

## Example that fails

```markdown
### [EVE: Unveiling Encoder-Free Vision-Language Models](https://arxiv.org/abs/2406.11832)
Vote: 26
Authors: Haiwen Diao, Xiaotong Li

- ***What's New**: EVE는 비전 인코더 없이 이미지를 처리합니다.
- 디코더 하나가 이미지와 텍스트를 함께 학습합니다.
```
"""

import re

from summary_lint.checks.registry import Hit, rule

LABEL_STARS = re.compile(r"^\s*[-*+]\s+(\*{1,3})[^*]+?(\*{1,3})")
INLINE_BOLD = re.compile(r"(?<!\*)\*\*(?!\*)")


@rule("S010", "malformed-markup", severity="warning", penalty=5,
      complexity="linear in the summary")
def check(paper, ctx):
    labelled = [s for s in paper.sections if s.label]
    for section in paper.sections:
        if section.label:
            m = LABEL_STARS.match(section.raw)
            if m and len(m.group(1)) != len(m.group(2)):
                yield Hit(f"unbalanced emphasis around label {section.label!r} "
                          f"({len(m.group(1))} '*' before, {len(m.group(2))} after)",
                          section.line, m.start(1) + 1, section=section.label, evidence=m.group(0).strip())
        elif labelled:
            yield Hit("bullet has no label in an otherwise labelled summary", section.line, section.column,
                      evidence=section.text[:80])
        # "**" first: with its look-behind, INLINE_BOLD is tried at every character of a text
        if "**" in section.text and len(INLINE_BOLD.findall(section.text)) % 2:
            yield Hit("unbalanced '**' in the text", section.line, section.column, section=section.label,
                      evidence=section.text[:80])
