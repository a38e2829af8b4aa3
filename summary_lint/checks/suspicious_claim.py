"""suspicious-claim: concrete-looking results that are likely invented.

## What it does

Looks for two patterns that give invented results away:

* a metric or benchmark from another field than the paper's: BLEU for a robotics paper, GLUE or
  SQuAD for 3D reconstruction, ImageNet top-1 for speech. The paper's fields come from keywords
  of its title, the metrics' fields from `rules/metrics.toml`; a title that names no field is not
  judged, and a metric that fits any field of the title passes;
* a bare gain: "X% better than existing models" with no named baseline (a name-shaped token that
  is not a textbook term) and no benchmark in the same sentence.

Each pattern alone is a warning (`mismatch-penalty`, `bare-gain-penalty`): faithful summaries
sometimes pretrain a speech model on ImageNet or quote the abstract's "2× faster than prior
methods". Both together in one summary are one error that fails the paper (`combined-penalty`):
strong evidence, and no summary of the development corpus has both. On that corpus (5,488
papers) the rule warns on 45, none of them a clean labelled paper. Metrics, domains, title
keywords and bare-gain wording live in `rules/metrics.toml`; extend them with a `metrics.toml` in
a `rules-path` folder.

## Why it matters

Filler summaries dress themselves up with numbers: "BLEU improved by 5%", "state of the art on
GLUE", "15% better than existing models". A precise figure makes a reader trust the summary, so
an invented one does more harm than a vague sentence.

## Example that passes

A metric of the paper's own field, a gain against a named baseline.

```markdown
### [Fast Speech Synthesis with Flow Matching](https://arxiv.org/abs/2407.00001)
- **Performance Highlights**: MOS 4.3으로 VITS보다 0.2 높고 WER은 2.1%입니다.
```

## Example that fails

A translation metric and an unattributed gain in a robotics paper.

```markdown
### [Dexterous Robot Manipulation with Tactile Feedback](https://arxiv.org/abs/2407.00002)
- **Performance Highlights**: BLEU 점수가 41.3으로 가장 높았습니다. 기존 모델 대비 15% 향상되었습니다.
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from operator import attrgetter

from summary_lint.checks.registry import Hit, Option, Penalty, rule
from summary_lint.packs import load_pack
from summary_lint.text.literals import LazyPattern, PatternIndex
from summary_lint.text.positions import section_at
from summary_lint.text.specificity import first_word_start, generic_terms, measure, word_search, word_starts

RULE = "suspicious-claim"
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|\n")


@dataclass(frozen=True)
class Metric:
    name: str
    regex: LazyPattern
    domains: frozenset[str]


@dataclass(frozen=True)
class MetricPack:
    domains: tuple[tuple[str, LazyPattern], ...]
    metrics: PatternIndex[Metric]
    bare_gains: PatternIndex[LazyPattern]

    def title_domains(self, title: str) -> frozenset[str]:
        return frozenset(name for name, regex in self.domains if regex.search(title))


@cache
def load_metrics(extra_dirs: tuple[str, ...] = ()) -> MetricPack:
    """Read ``rules/metrics.toml`` (plus the user's additions) once per run, metrics and gains indexed
    by the literals their patterns need; each pattern is compiled when a text may match it.

    ASCII mode makes ``\\b`` see a Korean particle as a boundary ("GLUE에서" names GLUE)."""
    data = load_pack("metrics", extra_dirs)
    gains = data.get("unattributed-gain", {})
    return MetricPack(
        domains=tuple((name, LazyPattern(d["keywords"], re.ASCII)) for name, d in data.get("domains", {}).items()),
        metrics=PatternIndex((Metric(m["name"], LazyPattern(m["pattern"], re.ASCII), frozenset(m["domains"]))
                              for m in data.get("metric", [])), attrgetter("regex")),
        bare_gains=PatternIndex((LazyPattern(p, re.ASCII) for p in gains.get("patterns", [])), lambda regex: regex),
    )


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return text[left:right.start() if right else len(text)]


def mismatched_metrics(pack: MetricPack, title: str, text: str) -> list[tuple[Metric, re.Match[str]]]:
    """Metrics named in the text whose fields share nothing with the fields of the title."""
    named = [(metric, match) for metric in pack.metrics.candidates(text)
             if (match := first_word_start(metric.regex, text))]
    fields = pack.title_domains(title) if named else frozenset()
    return [(metric, match) for metric, match in named
            if fields and not metric.domains & fields and not word_search(metric.regex, title)]


def bare_gains(pack: MetricPack, text: str, generic: frozenset[str]) -> list[re.Match[str]]:
    """Gains credited against an unnamed baseline, with no name or benchmark in their sentence."""
    found = []
    for regex in pack.bare_gains.candidates(text):
        for match in word_starts(regex, text):
            sentence = _sentence_around(text, match.start(), match.end())
            named = measure("", sentence, generic).names
            if not named and not any(first_word_start(m.regex, sentence)
                                     for m in pack.metrics.candidates(sentence)):
                found.append(match)
    return found


# A metric/benchmark outside the title's fields (rules/metrics.toml) is a warning (mismatch-penalty);
# a gain over unnamed "existing models" with no name or benchmark in its sentence is a warning
# (bare-gain-penalty); both in one summary are one error (combined-penalty), a fail on its own: a
# wrong-field metric and an unattributed gain together are strong evidence (no faithful summary of
# the development corpus has both).
@rule("C003", RULE, severity="warning", penalty=25,
      complexity="linear in the summary", options=[
    Option("mismatch-penalty", Penalty, 25, "a metric or benchmark from another field than the title's"),
    Option("bare-gain-penalty", Penalty, 10, "a gain over unnamed existing models"),
    Option("combined-penalty", Penalty, 60, "both in one summary (one error)"),
])
def check(paper, ctx):
    if not paper.sections:
        return
    opts = ctx.options(RULE)
    extra_dirs = tuple(ctx.settings.config.rules_path)
    pack = load_metrics(extra_dirs)
    text = paper.summary
    mismatches = mismatched_metrics(pack, paper.title, text)
    gains = bare_gains(pack, text, generic_terms(extra_dirs))[:1]
    if not mismatches and not gains:
        return
    fields = ", ".join(sorted(pack.title_domains(paper.title)))
    claims = [(match, (f"{metric.name} ({', '.join(sorted(metric.domains))} metric) does not fit a paper "
                       f"about {fields}"), "mismatch-penalty") for metric, match in mismatches]
    claims += [(match, (f"gain over unnamed existing models: {match.group(0).strip()!r} names no baseline "
                        "or benchmark"), "bare-gain-penalty") for match in gains]
    combined = bool(mismatches and gains)
    for i, (match, message, penalty_key) in enumerate(claims):
        if combined:  # one error for the whole summary, carried by its first claim
            severity, penalty = "error", opts["combined-penalty"] if i == 0 else 0
        else:
            severity, penalty = "warning", opts[penalty_key]
        section, line, column = section_at(paper, match.start())
        yield Hit(message, line, column, section=section.label,
                  evidence=_sentence_around(text, match.start(), match.end()).strip(),
                  severity=severity, penalty=penalty)
