"""missing-section: a labelled summary lacks one of the sections of its profile.

## What it does

A summary whose bullets carry labels (`- **What's New**: …`) is held to the profile (option
`profiles`) that shares most labels with it, and each label of that profile it lacks is
reported. Plain-bullet summaries (no labels) and summaries whose labels match no profile are not
checked.

## Why it matters

Labelled digests promise the same parts for every paper (by default What's New, Technical
Details, Performance Highlights); a missing one usually means the generator stopped early or
merged two answers.

## Example that passes

```markdown
### [EVE: Unveiling Encoder-Free Vision-Language Models](https://arxiv.org/abs/2406.11832)
Vote: 26
Authors: Haiwen Diao, Xiaotong Li

- **What's New**: EVE는 비전 인코더 없이 이미지를 처리합니다.
- **Technical Details**: 디코더 하나가 이미지와 텍스트를 함께 학습합니다.
- **Performance Highlights**: 3,500만 개 샘플만으로 인코더 기반 모델과 비슷한 성능입니다.
```

## Example that fails

```markdown
### [EVE: Unveiling Encoder-Free Vision-Language Models](https://arxiv.org/abs/2406.11832)
Vote: 26
Authors: Haiwen Diao, Xiaotong Li

- **What's New**: EVE는 비전 인코더 없이 이미지를 처리합니다.
- **Technical Details**: 디코더 하나가 이미지와 텍스트를 함께 학습합니다.
```
"""

from summary_lint.checks.registry import Hit, Option, rule


def normalize_label(label: str) -> str:
    return " ".join(label.replace("’", "'").casefold().split())


@rule("S007", "missing-section", severity="warning", penalty=10,
      complexity="linear in the summary's sections times the profiles", options=[
    Option("profiles", list[list[str]], [["What's New", "Technical Details", "Performance Highlights"]],
           "lists of expected labels; a labelled summary is held to the one sharing most labels with it"),
])
def check(paper, ctx):
    labels = {normalize_label(s.label) for s in paper.sections if s.label}
    profiles = _normalized_profiles(ctx)
    if not labels or not profiles:
        return
    profile, normalized = max(profiles, key=lambda prof: len(labels & prof[1]))
    if not labels & normalized:
        return  # a custom set of labels: nothing to hold it to
    missing = [x for x in profile if normalize_label(x) not in labels]
    if missing:
        last = paper.sections[-1]
        yield Hit(f"labelled summary has no section {', '.join(repr(m) for m in missing)}", last.end_line,
                  evidence=", ".join(s.label for s in paper.sections if s.label))


def _normalized_profiles(ctx) -> list[tuple[list[str], frozenset[str]]]:
    """The configured profiles with their normalized labels, normalized once per run."""
    key = "missing-section:profiles"
    if key not in ctx.cache:
        ctx.cache[key] = [(prof, frozenset(map(normalize_label, prof))) for prof in ctx.options("missing-section")["profiles"]]
    return ctx.cache[key]
