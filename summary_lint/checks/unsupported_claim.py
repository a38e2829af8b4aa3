"""unsupported-claim: a number or a model/dataset/benchmark/metric name in the summary is not in the source abstract.

Why: invented figures ("15% better", "BLEU 35.2") and borrowed names are what readers quote. With
``--sources`` each concrete claim is looked up in the paper's title and abstract, allowing the
forms a faithful Korean summary uses: 70억 = 7B, 1.5배 = 1.5x, 2배 = twice, 15 % = 15%, 5.8% ←
5.83%, VLM ← vision-language model, LLMs = LLM. The evidence quotes the claim and the source
sentence nearest to it.

Summaries are often written from the full paper, so a claim missing from the abstract is usually
legitimate context (a baseline, a training detail). Measured on the 4,783 corpus papers that have
an abstract: 57% of summaries hold at least one claim the abstract lacks, 27% hold three or more,
and faithful summaries of benchmark papers reach 15–22. So one claim alone is information only;
the claims start to cost points when there are at least ``min-count`` of them *and* they are at
least ``min-share`` of all claims of the summary (what invented filler looks like), ``penalty``
each, at most ``max-penalty`` in total: this rule lowers a score but never fails a paper alone
(``source-mismatch`` decides whether a summary describes its source).

Passes (source: "…reaches 68.2% accuracy on SciTabQA, nearly twice the previous best")::

    TableQuill은 SciTabQA에서 정확도 68.2%를 달성해 이전 최고 결과보다 2배 가까이 높았습니다.

Fails (none of these is in the source)::

    BLEU 점수에서 기존 모델 대비 15% 향상, GLUE에서 92.1점

Options: ``min-count``, ``min-share``, ``max-penalty``; acronyms that are vocabulary rather than
claims (AI, GPU, NLP …) are listed in the ``claims`` rule pack (``rules/claims.toml``).
"""

from summary_lint.text.claims import common_terms, extract_claims, source_facts
from summary_lint.checks.registry import Hit, rule
from summary_lint.text.positions import line_column


def paper_claims(paper, ctx):
    """(section, claim) pairs of a summary, each distinct claim once, in text order."""
    common = common_terms(tuple(ctx.settings.config.rules_path))
    seen: set[tuple[str, str]] = set()
    out = []
    for section in paper.sections:
        for claim in extract_claims(section.text, common):
            if (claim.kind, claim.text.lower()) not in seen:
                seen.add((claim.kind, claim.text.lower()))
                out.append((section, claim))
    return out


@rule("A001", "unsupported-claim")
def check(paper, ctx):
    source = ctx.source(paper)
    if source is None:
        return
    facts = source_facts(ctx, source)
    claims = paper_claims(paper, ctx)
    unsupported = [(section, claim) for section, claim in claims if not facts.supports(claim)]
    opts = ctx.options("unsupported-claim")
    counts = (len(unsupported) >= int(opts.get("min-count", 3))
              and len(unsupported) >= float(opts.get("min-share", 0.9)) * len(claims))
    budget = int(opts.get("max-penalty", 25))
    for section, claim in unsupported:
        penalty = min(int(opts.get("penalty", 5)), budget) if counts else 0
        budget -= penalty
        line, column = line_column(section, claim.start)
        what = "number" if claim.kind == "number" else "name"
        yield Hit(
            f"{what} {claim.text!r} is not in the source abstract"
            + (f" ({len(unsupported)} of {len(claims)} claims unsupported)" if counts else ""),
            line, column, section=section.label,
            evidence=f"{claim.text} — nearest in source: {facts.nearest(claim)}",
            severity="warning" if penalty else "info", penalty=penalty,
        )
