"""unsupported-claim: with `--sources`, numbers or model/dataset/benchmark/metric names in the summary are not in the source abstract.

## What it does

Looks up each concrete claim of the summary (a number, a name) in the paper's title and abstract,
allowing the forms a faithful Korean summary uses: 70억 = 7B, 1.5배 = 1.5x, 2배 = twice, 15 % =
15%, 5.8% ← 5.83%, VLM ← vision-language model, LLMs = LLM. The evidence quotes the claim and the
source sentence nearest to it. Summaries are often written from the full paper, so a claim
missing from the abstract is usually legitimate context (a baseline, a training detail).
Measured on the 4,783 corpus papers that have an abstract: 57% of summaries hold at least one
claim the abstract lacks, 27% hold three or more, and faithful summaries of benchmark papers
reach 15–22. So one claim alone is information only; the claims start to cost points when there
are at least `min-count` of them *and* they are at least `min-share` of all claims of the summary
(what invented filler looks like), `penalty` each, at most `max-penalty` in total: this rule
lowers a score but never fails a paper alone (`source-mismatch` decides whether a summary
describes its source). Acronyms that are vocabulary rather than claims (AI, GPU, NLP …) are
listed in the `claims` rule pack (`rules/claims.toml`).

## Why it matters

Invented figures ("15% better", "BLEU 35.2") and borrowed names are what readers quote.

## Example that passes

```markdown
### [TableQuill: Reading Scientific Tables](https://arxiv.org/abs/2407.00032)
- TableQuill은 SciTabQA에서 정확도 68.2%를 달성해 이전 최고 결과보다 2배 가까이 높았습니다.
```

```jsonl
{"arxiv_id": "2407.00032", "title": "TableQuill: Reading Scientific Tables", "abstract": "TableQuill reaches 68.2% accuracy on SciTabQA, nearly twice the previous best."}
```

## Example that fails

None of these figures and names is in the source.

```markdown
### [TableQuill: Reading Scientific Tables](https://arxiv.org/abs/2407.00032)
- BLEU 점수에서 기존 모델 대비 15% 향상, GLUE에서 92.1점, SQuAD에서 88.4점을 기록했습니다.
```

```jsonl
{"arxiv_id": "2407.00032", "title": "TableQuill: Reading Scientific Tables", "abstract": "TableQuill reaches 68.2% accuracy on SciTabQA, nearly twice the previous best."}
```
"""

from summary_lint.checks.registry import Hit, Option, Penalty, rule
from summary_lint.text.claims import common_terms, extract_claims, source_facts


def paper_claims(paper, ctx):
    """(section, claim, places) of a summary: each distinct claim once, in text order, with every
    place the summary states it, as (section index, that occurrence)."""
    common = common_terms(tuple(ctx.settings.config.rules_path))
    found: dict[tuple[str, str], tuple] = {}
    for index, section in enumerate(paper.sections):
        for claim in extract_claims(section.text, common, distinct=False):
            found.setdefault((claim.kind, claim.text.lower()), (section, claim, []))[2].append((index, claim))
    return list(found.values())


def _marks(paper, places, kind: str) -> list:
    return [mark for index, claim in places
            for mark in paper.sections[index].span_marks(index, claim.start, claim.end, kind)]


# Claims missing from the abstract are common in faithful summaries (written from the full paper):
# they cost `penalty` each only when at least `min-count` of them make up at least `min-share` of
# the summary's claims, and never more than `max-penalty` in total (this rule never fails alone).
@rule("A001", "unsupported-claim", severity="warning", penalty=5,
      complexity="linear in the summary and its source", options=[
    Option("min-count", int, 3, "unsupported claims a summary needs before they cost points"),
    Option("min-share", float, 0.9, "... and the share of the summary's claims they must make up"),
    Option("max-penalty", Penalty, 25, "the most this rule takes off one paper's score"),
])
def check(paper, ctx):
    source = ctx.source(paper)
    if source is None:
        return
    facts = source_facts(ctx, source)
    claims = paper_claims(paper, ctx)
    unsupported, supported = [], []
    for section, claim, places in claims:
        if facts.supports(claim):
            supported += places
        else:
            unsupported.append((section, claim, places))
    if supported:
        yield Hit("", paper.line, marks=_marks(paper, supported, "supported"))
    opts = ctx.options("unsupported-claim")
    counts = len(unsupported) >= opts["min-count"] and len(unsupported) >= opts["min-share"] * len(claims)
    budget = opts["max-penalty"]
    for section, claim, places in unsupported:
        penalty = min(opts["penalty"], budget) if counts else 0
        budget -= penalty
        line, column = section.position(claim.start)
        what = "number" if claim.kind == "number" else "name"
        yield Hit(
            f"{what} {claim.text!r} is not in the source abstract"
            + (f" ({len(unsupported)} of {len(claims)} claims unsupported)" if counts else ""),
            line, column, section=section.label,
            evidence=f"{claim.text} — nearest in source: {facts.nearest(claim)}",
            severity="warning" if penalty else "info", penalty=penalty,
            marks=_marks(paper, places, "not-found"),
        )
