"""missing-key-point: with `--sources`, the abstract's main contribution (its named method, its headline result) is absent from the summary.

## What it does

Looks for two things of the source abstract in the summary:

* the *named method*: the made-up name the abstract is about (the title's system name or coined
  token, e.g. "GraphMind", or a coined name the abstract repeats), found in the summary as
  written, with small spelling drift, or word by word in Korean (`crosslingual.TextIndex`);
* the *headline result*: when the abstract states at least `min-result-numbers` results as
  percentages or factors (68.2%, 1.5x, twice), at least one of them should appear in the summary,
  in any faithful form (68.2%, 1.5배, 2배). Abstracts with a single figure often bury it.

Each missing item is one warning.

## Why it matters

A summary that never names the method or never says what it achieved has missed the point, even
when everything it says is true.

## Example that passes

```markdown
### [GraphMind: Knowledge Graph Memory for Household Robots](https://arxiv.org/abs/2407.00031)
- GraphMind는 지식 그래프 기억으로 HomeTasks 벤치마크에서 성공률을 1.5배 높이고 기억 크기를 50% 줄였습니다.
```

```jsonl
{"arxiv_id": "2407.00031", "title": "GraphMind: Knowledge Graph Memory for Household Robots", "abstract": "We present GraphMind, which stores observations in a knowledge graph memory. GraphMind raises the success rate 1.5x and cuts memory by 50%."}
```

## Example that fails

```markdown
### [GraphMind: Knowledge Graph Memory for Household Robots](https://arxiv.org/abs/2407.00031)
- 가정용 로봇을 위한 새로운 계획 방법을 제안하며, 기존 방법보다 성능이 좋습니다.
```

```jsonl
{"arxiv_id": "2407.00031", "title": "GraphMind: Knowledge Graph Memory for Household Robots", "abstract": "We present GraphMind, which stores observations in a knowledge graph memory. GraphMind raises the success rate 1.5x and cuts memory by 50%."}
```
"""

import re
from collections import Counter

from summary_lint.checks.registry import Hit, Option, rule
from summary_lint.text.claims import SourceFacts, number_claims, source_facts
from summary_lint.text.crosslingual import TextIndex, title_names
from summary_lint.text.tokens import is_coined

_RESULT = re.compile(r"\d(\d*(?:\.\d+)?)\s?(?:%|x\b|×|times\b|-fold\b|fold\b)")
"""A percentage or a factor; its number ends where group 1 does. The first digit stands outside the
group: ``re`` searches a pattern that starts with a digit at digits only, one that starts with a group
at every character (twice as slow on an abstract)."""
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")


def method_name(title: str, abstract: str, extra_dirs: tuple[str, ...] = ()) -> str | None:
    """The name the paper is about: a title name the abstract uses, else a coined name it repeats."""
    lowered = abstract.lower()
    for name in title_names(title, extra_dirs):
        if name.lower() in lowered:
            return name
    repeated = [(count, token) for token, count in Counter(_TOKEN.findall(abstract)).items()
                if count >= 2 and not (token.isalpha() and token.islower()) and is_coined(token)]  # coined: a capital or a digit
    return max(repeated, default=(0, None))[1]


def result_values(facts: SourceFacts) -> list[tuple[str, float]]:
    """Headline figures of an abstract: percentages and factors, as written and by value."""
    return [(m.group(0), float(facts.text[m.start():m.end(1)])) for m in _RESULT.finditer(facts.text)]


@rule("A003", "missing-key-point", severity="warning", penalty=10,
      complexity="linear in the summary and its source", options=[
    Option("min-result-numbers", int, 2,
           "result figures the abstract must state before their absence from the summary counts"),
])
def check(paper, ctx):
    source = ctx.source(paper)
    if source is None or not paper.sections:
        return
    extra_dirs = tuple(ctx.settings.config.rules_path)
    name = method_name(source.title, source.abstract, extra_dirs)
    if name and name.lower() not in paper.summary.lower() and not TextIndex(paper.summary, extra_dirs).mentions_name(name):
        yield Hit(f"the method the abstract is about, {name!r}, is not named in the summary", paper.line,
                  evidence=name)
    results = result_values(source_facts(ctx, source))
    if len(results) >= ctx.options("missing-key-point")["min-result-numbers"]:
        stated = {round(c.value, 6) for c in number_claims(paper.summary)}
        if not any(round(v, 6) in stated for _, v in results):
            figures = ", ".join(dict.fromkeys(text for text, _ in results))
            yield Hit(f"none of the abstract's headline results ({figures}) is in the summary", paper.line,
                      evidence=figures)
