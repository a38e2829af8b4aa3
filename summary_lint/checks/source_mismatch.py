"""source-mismatch: the summary as a whole does not correspond to its source abstract.

Why: a summary of the wrong paper, generic filler or a summary of a formatting template is
worse than no summary. With ``--sources`` the abstract is the strongest evidence there is, and it
works across languages: the summary's English terms, numbers, Korean words translated by a
table learned from the corpus's (summary, abstract) pairs (복사 → radiance) and loanwords
(트랜스포머 → transformer) are compared with the abstract's terms, weighted by rarity (see ``summary_lint/source_match.py``), so a summary written entirely in Korean is
judged too. As in ``title-mismatch`` the rest of the input is the contrast: the summary is also
compared with the sources of the other papers of its digest.

The measure is the *contrast*: similarity to the own abstract minus the mean similarity to the
digest's other sources (what any abstract shares with a summary, e.g. "model", "performance").
It is an error when the contrast is below ``min-contrast``, or when another paper's source of
the digest is more similar by more than ``margin`` while the own similarity is below
``max-contested`` (a swapped or misattributed summary); a warning ("barely matches",
``doubt-penalty``) below ``doubt-contrast``. A paper alone in its digest is judged on its
similarity (``min-similarity``, ``doubt-similarity``). Measured with ``summary-lint eval
--sources`` on the development corpus: the 268 clean labelled papers with a source have a
contrast of at least 0.11, the 47 defective ones at most 0.093, and a swapped source scores
below 0.08 or loses to the true source in 4,775 of 4,775 cases; hence 0.08 / 0.12. Judged
alone, the same papers' own similarity is at least 0.149 (clean) and at most 0.15 (defective,
all but one below 0.12); hence 0.12 / 0.18 for a lone paper.

With a source this rule decides the content verdict: it ``supersedes`` title-mismatch and
generic-boilerplate, whose findings stay visible as information without penalty (the source
confirms or refutes what the title-based rules guess), except when this rule has doubts (its
warning): then their penalties count too, so a doubtful match plus a title-based finding fails.

Passes (source: "We present GraphMind, a framework that stores observations in a knowledge graph
memory …")::

    GraphMind는 가정용 로봇이 지식 그래프(knowledge graph) 기억을 이용해 장기 작업을 계획하도록 …

Fails::

    제안된 모델은 Transformer 구조를 기반으로 하며, BLEU 점수에서 15% 향상을 보였습니다.

Options: ``min-similarity``, ``margin``, ``max-contested``, ``supersedes``.
"""

from ..models import Location
from ..registry import Hit, rule
from ..source_match import source_match


def _verdict(m, opts) -> str | None:
    """"error" (mismatch), "warning" (doubtful match) or None (the summary matches its source)."""
    if m.mean_other is None:  # alone in its digest: judge by similarity alone
        value, fail, doubt = m.own, float(opts.get("min-similarity", 0.12)), float(opts.get("doubt-similarity", 0.18))
    else:
        value, fail, doubt = m.own - m.mean_other, float(opts.get("min-contrast", 0.08)), float(opts.get("doubt-contrast", 0.12))
    rival = m.best_other - m.own > float(opts.get("margin", 0.02)) and m.own < float(opts.get("max-contested", 0.3))
    if value < fail or rival:
        return "error"
    return "warning" if value < doubt else None


@rule("A002", "source-mismatch")
def check(paper, ctx):
    m = source_match(ctx, paper)
    if m is None:
        return
    opts = ctx.options("source-mismatch")
    severity = _verdict(m, opts)
    if severity is None:
        return
    background = f", {m.mean_other:.2f} to the digest's other sources" if m.mean_other is not None else ""
    what = "does not match" if severity == "error" else "barely matches"
    message = (f"summary {what} its source abstract (similarity {m.own:.2f}{background}; "
               f"shared terms: {', '.join(m.shared) or 'none'})")
    related = []
    if m.best_other_index is not None and m.best_other > m.own:
        other = ctx.papers[m.best_other_index]
        message += f"; another paper's source fits better: \"{other.title}\" ({m.best_other:.2f})"
        related = [Location(file=other.file, line=other.line, title=other.title, arxiv_id=other.arxiv_id)]
    penalty = None if severity == "error" else int(opts.get("doubt-penalty", 25))
    yield Hit(message, paper.line, evidence=paper.summary[:200], related=related,
              severity=severity, penalty=penalty)
