"""meta-commentary: the summary talks about its source or about itself instead of the paper.

## What it does

The meta packs `rules/meta/{ko,en,zh}.toml` hold regular expressions of three kinds: comments on
the source (a source noun such as abstract / 초록 / 원문 / 摘要 / "the provided text" with a
not-stated predicate), an AI assistant's first person ("As an AI model, I", "저는 AI",
"我无法访问"), and preambles ("here is a summary", "요약하면 다음과 같습니다"). Patterns are
anchored on the source noun or the assistant's singular "I", so paper content does not match:
"this paper does not require labels", "abstract reasoning", "abstractive summarization", a paper
about summarization models ("생성된 요약문", "文本摘要"), a hallucination paper's "원문에 포함되지
않은 정보" (a not-stated verb must end its clause, and the source noun must not sit in a relative
clause), the authors' "우리는 …를 제안한다" / "我们" / "本文". Patterns match at the start of a word,
ASCII letters in either case. Every match is widened to its sentence (the finding's evidence and
location) and to its clause.

One meta sentence is an error whose `penalty` (30) does not fail the paper alone: the rest of the
summary may still describe the paper. Two or more distinct meta sentences, or a section whose
letters lie at least `section-share` inside meta clauses (the section says nothing else), get
`fail-penalty` (60) and fail the paper. On the three corpora (daily_papers_ko 5,488 papers,
ko-hf-daily-autoflow 1,422, zh-arxiv-analyze 12,542) the rule fires on 1, 0 and 4 papers, each a
real meta-commentary ("구체적인 성능지표는 제공되지 않았으나", "原文中的链接已替换为示例", "This JSON
format provides a structured summary …"), each a single sentence covering at most 0.6 of its
section; on the 18,746 English source abstracts of those papers no pattern matches. Add patterns
of your own in `meta/<lang>.toml` inside a `rules-path` folder; they are appended to the built-in
ones.

## Why it matters

A generator that got too little input, or answered like a chat assistant, writes about the
summarizing: "the abstract does not state the dataset size", "초록에는 구체적인 수치가 제시되어
있지 않습니다", "摘要中未提及具体指标", "As an AI model, I cannot access the full paper", "Here is a
summary of …". Readers learn nothing about the paper from such a sentence, and it shows that the
digest was not checked; a section that only says what the abstract lacks is an empty section in
disguise.

## Example that passes

The paper's own limits and voice.

```markdown
### [AbsNet: Label-Free Abstract Reasoning](https://arxiv.org/abs/2407.00003)
- **What's New**: 우리는 라벨 없이 학습하는 AbsNet을 제안하며, 이 방법은 추가 주석을 필요로 하지 않습니다.
- **Performance Highlights**: ARC의 추상적 추론(abstract reasoning) 과제에서 정확도 41.2%를 기록했습니다.
```

## Example that fails

The whole section only comments on the abstract.

```markdown
### [AbsNet: Label-Free Abstract Reasoning](https://arxiv.org/abs/2407.00003)
- **What's New**: 우리는 라벨 없이 학습하는 AbsNet을 제안합니다.
- **Performance Highlights**: 논문의 초록에서는 구체적인 수치가 언급되지 않았습니다.
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from typing import Any

from summary_lint.checks.registry import Hit, Option, Penalty, rule
from summary_lint.errors import ConfigError
from summary_lint.packs import load_pack
from summary_lint.text.casefold import ascii_lower, lowercase_pattern
from summary_lint.text.literals import LazyPattern, PatternIndex
from summary_lint.text.positions import section_at
from summary_lint.text.specificity import word_starts

RULE = "meta-commentary"
META_PACKS = ("ko", "en", "zh")
KINDS = {
    "source": "summary comments on its source instead of the paper",
    "assistant": "summary speaks as an AI assistant instead of describing the paper",
    "preamble": "summary introduces itself instead of the paper",
}
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[。！？\n]")
_CLAUSE_END = re.compile(r"[.!?,;:](?=\s|$)|[。！？\n，；：]")


@dataclass(frozen=True)
class MetaPattern:
    id: str
    kind: str
    description: str
    regex: LazyPattern
    """Lowercased, for the ASCII-lowered summary (see ``load_patterns``)."""


def _compile(entry: dict[str, Any]) -> MetaPattern:
    kind = entry.get("kind", "source")
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
    regex = LazyPattern(lowercase_pattern(entry["pattern"]), re.ASCII)
    return MetaPattern(entry["id"], kind, entry["description"], regex)


@cache
def load_patterns(packs: tuple[str, ...], extra_dirs: tuple[str, ...] = ()) -> PatternIndex[MetaPattern]:
    """Read the meta packs once per run, indexed by the literals their patterns need (each pattern
    compiled when a summary may match it). As in ``generic-boilerplate``, lowercase patterns search
    the ASCII-lowered text (same offsets): ``re.IGNORECASE`` would hide the literals that let the
    index skip almost every pattern of a summary without a search. ASCII mode lets ``\\b`` see a
    Korean particle as a word boundary ("abstract에는")."""
    patterns = []
    for lang in packs:
        for entry in load_pack(f"meta/{lang}", extra_dirs).get("pattern", []):
            try:
                patterns.append(_compile(entry))
            except (KeyError, ValueError) as exc:
                raise ConfigError(f"meta/{lang}.toml: pattern {entry.get('id', '?')!r}: {exc}") from None
    return PatternIndex(patterns, attrgetter("regex"))


def _around(text: str, start: int, end: int, boundary: re.Pattern[str]) -> tuple[int, int]:
    """The sentence or clause holding ``text[start:end]``: from the last boundary before ``start`` to
    the first one that ends at or after ``end`` (its punctuation included, so a match ending in a
    comma keeps its clause), surrounding spaces trimmed. Boundaries inside the match are skipped."""
    left, right = 0, len(text)
    for mark in boundary.finditer(text):
        if mark.end() <= start:
            left = mark.end()
        elif mark.end() >= end:
            right = mark.end()
            break
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, right


def _meta_only_section(paper, text: str, clauses: list[tuple[int, int]], share: float):
    """The first section with at least ``share`` of its letters and digits inside meta clauses, or None."""
    inside = bytearray(len(text))
    for start, end in clauses:
        inside[start:end] = b"\x01" * (end - start)
    offset = 0
    for section in paper.sections:
        letters = [i for i in range(offset, offset + len(section.text)) if text[i].isalnum()]
        if letters and sum(inside[i] for i in letters) >= share * len(letters):
            return section
        offset += len(section.text) + 1  # the newline that joins sections
    return None


# One meta sentence ("the abstract does not state …", "作为一个AI语言模型…") is an error that does not
# fail alone (penalty): the rest of the summary may still describe the paper (all 5 hits on the three
# corpora, 19,452 papers, are single sentences beside real content).
@rule("C005", RULE, severity="error", penalty=30,
      complexity="linear in the summary", options=[
    Option("fail-penalty", Penalty, 60, "two or more meta sentences, or a section that says nothing else"),
    Option("fail-sentences", int, 2, "distinct meta sentences that fail the paper"),
    # The corpus hits reach at most 0.60 (a parenthetical aside in a two-sentence section); a
    # section that is one meta sentence plus a stray number or label stays above 0.8.
    Option("section-share", float, 0.8, "share of a section's letters inside meta clauses: it says nothing else"),
    Option("packs", list[str], list(META_PACKS), "meta packs (rules/meta/LANG.toml) searched in every summary"),
])
def check(paper, ctx):
    if not paper.sections:
        return
    opts = ctx.options(RULE)
    patterns = load_patterns(tuple(opts["packs"]), tuple(ctx.settings.config.rules_path))
    text = paper.summary
    lowered = ascii_lower(text)
    sentences: dict[tuple[int, int], MetaPattern] = {}
    clauses = []
    for pattern in patterns.candidates(lowered):
        for match in word_starts(pattern.regex, lowered):
            sentences.setdefault(_around(text, match.start(), match.end(), _SENTENCE_END), pattern)
            clauses.append(_around(text, match.start(), match.end(), _CLAUSE_END))
    if not sentences:
        return
    start, end = min(sentences)
    first = sentences[start, end]
    message = f"{KINDS[first.kind]}: {first.description}"
    if len(sentences) > 1:
        message += f" ({len(sentences)} meta sentences)"
    only_meta = _meta_only_section(paper, text, clauses, opts["section-share"])
    if only_meta is not None:
        where = f"section {only_meta.label!r}" if only_meta.label else "a bullet"
        message += f"; {where if len(paper.sections) > 1 else 'the summary'} says nothing else"
    fails = only_meta is not None or len(sentences) >= opts["fail-sentences"]
    section, line, column = section_at(paper, start)
    yield Hit(message, line, column, section=section.label, evidence=text[start:end],
              penalty=opts["fail-penalty"] if fails else None)
