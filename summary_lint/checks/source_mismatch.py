"""source-mismatch: with `--sources`, the summary as a whole does not correspond to its source abstract.

## What it does

Compares the summary's terms with its source abstract's, across languages: the summary's English
terms, numbers, Korean words translated by a table learned from the corpus's (summary, abstract)
pairs (복사 → radiance) and loanwords (트랜스포머 → transformer) are compared with the abstract's
terms, weighted by rarity (see `summary_lint/text/source_match.py`), so a summary written
entirely in Korean is judged too. As in `title-mismatch` the rest of the input is the contrast:
the summary is also compared with the sources of the other papers of its digest.

The decision is relative: an error when the summary matches its own abstract no better than the
best of the digest's other sources (its lead is below `margin`: a swapped or misattributed
summary, or filler that fits every abstract equally badly), or hardly at all (similarity below
`floor`); a warning ("barely matches", `doubt-penalty`) when its lead is below
`doubt-margin`. An absolute similarity threshold fitted to one generator fails other
generators' faithful summaries; the lead over the digest's other sources does not depend on how a
generator writes. The best of many sources is closer by chance than the best of a few, so:

- the lead is measured against at most 31 other sources: in a larger digest, the 31 that follow
  the summary's own in a fixed pseudo-random order of arXiv ids, as many as the corpus's days
  (on which the margins were measured) mostly hold;
- it decides only for a summary that is not specific to its abstract: its similarity to it less
  its mean similarity to the other sources (which does not grow with their number) is below
  `min-specificity` (for the error) or `doubt-specificity` (for the warning);
- another source of the whole digest that fits clearly better (by `rival-margin`) is an error
  however specific the summary is, when the summary fits that source as well as that paper's
  own summary does (`mutual-margin`): a source close to many summaries (a short abstract of
  common terms) fits its own summary far better than a summary it meets by chance.

With these, every label figure is the same, and merging the corpus's 357 days into one file
changes 23 verdicts, 13 towards fail and 10 towards pass (the lead against every source changed
146, with the specificity rule 44, nearly all towards fail). A paper alone in its digest can only
be judged on its similarity (`min-similarity`, `doubt-similarity`). A summary that yields fewer
than `min-concepts` concepts (a language the packs do not map) is not judged: no similarity says
anything then.
Measured with the development labels (268 clean and 47 defective papers with a source): clean
summaries lead by at least 0.07, 45 of 47 defective ones by less than 0.05; hence 0.02 / 0.06.
Complexity: linear in the digest's text to prepare it (once per digest, all summaries at once);
in digests of up to 200 sources each summary is compared with every source (exact, at most 200²
pairs, vectorized); in larger ones only with the 32 sources that share the most of its concepts
that are rare in the digest (an inverted index joined in numpy) and the 31 its lead is measured
on, so the pairs grow linearly with the digest; the mean over all other sources is one pass over
the summaries' concepts (see `text/source_match.py`).

With a source this rule decides the content verdict: it `supersedes` title-mismatch and
generic-boilerplate, whose findings stay visible as information without penalty (the source
confirms or refutes what the title-based rules guess), except when this rule has doubts (its
warning): then their penalties count too, so a doubtful match plus a title-based finding fails.

## Why it matters

A summary of the wrong paper, generic filler or a summary of a formatting template is worse than
no summary. With `--sources` the abstract is the strongest evidence there is, and it works across
languages.

## Example that passes

```markdown
### [GraphMind: Knowledge Graph Memory for Household Robots](https://arxiv.org/abs/2407.00031)
- GraphMind는 가정용 로봇이 관찰한 물체와 방을 지식 그래프(knowledge graph) 기억으로 저장하고, 이 그래프에서 계획(planning)을 세워 장기 작업을 수행합니다. HomeTasks 벤치마크에서 성공률(success rate)을 1.5배 높였고 기억 크기는 절반으로 줄였습니다.
```

```jsonl
{"arxiv_id": "2407.00031", "title": "GraphMind: Knowledge Graph Memory for Household Robots", "abstract": "We present GraphMind, a framework that stores a household robot's observations of objects and rooms in a knowledge graph memory and plans long-horizon tasks over it. On the HomeTasks benchmark GraphMind raises the success rate 1.5x while halving the memory size."}
```

## Example that fails

```markdown
### [GraphMind: Knowledge Graph Memory for Household Robots](https://arxiv.org/abs/2407.00031)
- 제안된 모델은 Transformer 구조를 기반으로 하며 대규모 번역 말뭉치로 사전 학습되었습니다. BLEU 점수에서 기존 모델 대비 15% 향상을 보였고, 요약과 질의응답 과제에서도 좋은 성능을 보였습니다.
```

```jsonl
{"arxiv_id": "2407.00031", "title": "GraphMind: Knowledge Graph Memory for Household Robots", "abstract": "We present GraphMind, a framework that stores a household robot's observations of objects and rooms in a knowledge graph memory and plans long-horizon tasks over it. On the HomeTasks benchmark GraphMind raises the success rate 1.5x while halving the memory size."}
```
"""

import math

from summary_lint.checks.registry import Hit, Option, Penalty, rule
from summary_lint.model import Location
from summary_lint.text.source_match import LEAD_SAMPLE, source_match


def _verdict(m, opts) -> str | None:
    """"error" (mismatch), "warning" (doubtful match) or None (matches, or cannot be judged)."""
    if m.concepts < opts["min-concepts"]:
        return None
    if not m.competitors:  # alone in its digest: judge by similarity alone
        if m.own < opts["min-similarity"]:
            return "error"
        return "warning" if m.own < opts["doubt-similarity"] else None
    specificity = m.own - m.typical
    lead = math.inf if m.sampled_other is None else m.own - m.sampled_other  # None: too specific to matter
    misplaced = m.best_other - m.own > opts["rival-margin"] and m.best_other - m.best_other_own >= opts["mutual-margin"]
    if m.own < opts["floor"] or misplaced or (lead < opts["margin"] and specificity < opts["min-specificity"]):
        return "error"
    return "warning" if lead < opts["doubt-margin"] and specificity < opts["doubt-specificity"] else None


# Relative: an error when the summary's similarity to its own abstract leads the best of (at most
# LEAD_SAMPLE of) the digest's other sources by less than margin, or is below floor; a warning
# (doubt-penalty) when the lead is below doubt-margin; both only for summaries whose specificity
# (own similarity less the mean over the other sources) is below min-specificity /
# doubt-specificity. On the corpus's days, errors have a specificity below 0.071 (95th percentile)
# and passes above 0.189 (5th): 0.1 / 0.15 change no label figure (chosen on the unlabelled corpus,
# by the per-day verdicts they keep). Dev labels (268 clean, 47 defective with a source): clean
# leads >= 0.07, defective leads < 0.05 for 45 of 47. Alone in its digest, the similarity itself is compared
# with min-similarity / doubt-similarity (clean >= 0.149, defective <= 0.15). A summary with fewer
# than min-concepts concepts is not judged (Korean defects have >= 25, a Chinese summary without a
# mapping pack about 5). With a source this rule decides the content verdict: the findings of the
# `supersedes` rules stay visible as info without penalty, unless this rule has doubts (its
# warning): then they count as well, so a doubtful match plus a title-based finding fails.
@rule("A002", "source-mismatch", severity="error", penalty=60,
      complexity=("linear in the digest's text; every (summary, source) pair up to 200 sources a digest, beyond "
                  "that each summary against the 32 sources sharing the most weight of its concepts rare in the "
                  "digest (inverted index) and the 31 its lead is measured on (linear)"),
      digest_wide=True, options=[
    Option("margin", float, 0.02, "lead over the best of (at most 31 of) the digest's other sources below which the "
           "summary mismatches"),
    Option("doubt-margin", float, 0.06, "lead below which it barely matches (a warning)"),
    Option("min-specificity", float, 0.1,
           "similarity to its own source less the mean of the other sources: from this on, no lead makes an error"),
    Option("doubt-specificity", float, 0.15, "... and no lead makes a warning"),
    Option("rival-margin", float, 0.05,
           "another paper's source fitting better by more than this: a mismatch anyway, ..."),
    Option("mutual-margin", float, 0.0,
           "... if it fits that source at least this much better than that paper's own summary does (0: as well)"),
    Option("floor", float, 0.05, "similarity to its own source below which it mismatches"),
    Option("min-similarity", float, 0.12, "alone in its digest: similarity below which it mismatches"),
    Option("doubt-similarity", float, 0.18, "alone in its digest: similarity below which it barely matches"),
    Option("min-concepts", int, 15, "summaries with fewer concepts are not judged"),
    Option("doubt-penalty", Penalty, 25, "penalty of the \"barely matches\" warning"),
    Option("supersedes", list[str], ["title-mismatch", "generic-boilerplate"],
           "rules whose findings this rule scores instead when the paper has a source"),
])
def check(paper, ctx):
    opts = ctx.options("source-mismatch")
    m = source_match(ctx, paper, lead_below=max(opts["min-specificity"], opts["doubt-specificity"]))
    if m is None:
        return
    severity = _verdict(m, opts)
    if severity is None:
        return
    background = ""
    if m.competitors:
        sampled, best = f"{m.sampled_other or 0:.2f}", f"{m.best_other:.2f}"
        if m.sampled_other is not None and sampled != best:  # the lead was measured on a sample
            background = f", best of {LEAD_SAMPLE} other sources {sampled}"
        background += f", best other source of the digest {best}, mean of the others {m.typical:.2f}"
    what = "does not match" if severity == "error" else "barely matches"
    message = (f"summary {what} its source abstract (similarity {m.own:.2f}{background}; "
               f"shared terms: {', '.join(m.shared) or 'none'})")
    related = []
    if m.best_other_index is not None and m.best_other > m.own:
        other = ctx.papers[m.best_other_index]
        message += f"; another paper's source fits better: \"{other.title}\" ({m.best_other:.2f})"
        related = [Location.of(other)]
    penalty = None if severity == "error" else opts["doubt-penalty"]
    yield Hit(message, paper.line, evidence=paper.summary[:200], related=related,
              severity=severity, penalty=penalty)
