"""source-mismatch: the summary as a whole does not correspond to its source abstract.

Why: a summary of the wrong paper, generic filler or a summary of a formatting template is
worse than no summary. With ``--sources`` the abstract is the strongest evidence there is, and it
works across languages: the summary's English terms, numbers, Korean words translated by a
table learned from the corpus's (summary, abstract) pairs (복사 → radiance) and loanwords
(트랜스포머 → transformer) are compared with the abstract's terms, weighted by rarity (see ``summary_lint/text/source_match.py``), so a summary written entirely in Korean is
judged too. As in ``title-mismatch`` the rest of the input is the contrast: the summary is also
compared with the sources of the other papers of its digest.

The decision is relative: an error when the summary matches its own abstract no better than the
best of the digest's other sources (its lead is below ``margin``: a swapped or misattributed
summary, or filler that fits every abstract equally badly), or hardly at all (similarity below
``floor``); a warning ("barely matches", ``doubt-penalty``) when its lead is below
``doubt-margin``. An absolute similarity threshold fitted to one generator fails other
generators' faithful summaries; the lead over the digest's other sources does not depend on how a
generator writes. A paper alone in its digest can only be judged on its similarity
(``min-similarity``, ``doubt-similarity``). A summary that yields fewer than ``min-concepts``
concepts (a language the packs do not map) is not judged: no similarity says anything then.
Measured with the development labels (268 clean and 47 defective papers with a source): clean
summaries lead by at least 0.07, 45 of 47 defective ones by less than 0.05; hence 0.02 / 0.06.
Complexity: linear in the digest's text to prepare it (once per digest, all summaries at once);
in digests of up to 200 sources each summary is compared with every source (exact, at most 200²
pairs, vectorized); in larger ones only with the sources that share one of its concepts that
are rare in the digest (an inverted index joined in numpy), so the pairs grow about linearly
with the digest (see ``text/source_match.py``).

With a source this rule decides the content verdict: it ``supersedes`` title-mismatch and
generic-boilerplate, whose findings stay visible as information without penalty (the source
confirms or refutes what the title-based rules guess), except when this rule has doubts (its
warning): then their penalties count too, so a doubtful match plus a title-based finding fails.

Passes (source: "We present GraphMind, a framework that stores observations in a knowledge graph
memory …")::

    GraphMind는 가정용 로봇이 지식 그래프(knowledge graph) 기억을 이용해 장기 작업을 계획하도록 …

Fails::

    제안된 모델은 Transformer 구조를 기반으로 하며, BLEU 점수에서 15% 향상을 보였습니다.

Options: ``margin``, ``doubt-margin``, ``floor``, ``min-similarity``, ``doubt-similarity``,
``min-concepts``, ``doubt-penalty``, ``supersedes``.
"""

from summary_lint.model import Location
from summary_lint.checks.registry import Hit, rule
from summary_lint.text.source_match import source_match


def _verdict(m, opts) -> str | None:
    """"error" (mismatch), "warning" (doubtful match) or None (matches, or cannot be judged)."""
    if m.concepts < int(opts.get("min-concepts", 15)):
        return None
    if not m.competitors:  # alone in its digest: judge by similarity alone
        if m.own < float(opts.get("min-similarity", 0.12)):
            return "error"
        return "warning" if m.own < float(opts.get("doubt-similarity", 0.18)) else None
    lead = m.own - m.best_other
    if m.own < float(opts.get("floor", 0.05)) or lead < float(opts.get("margin", 0.02)):
        return "error"
    return "warning" if lead < float(opts.get("doubt-margin", 0.06)) else None


@rule("A002", "source-mismatch")
def check(paper, ctx):
    m = source_match(ctx, paper)
    if m is None:
        return
    opts = ctx.options("source-mismatch")
    severity = _verdict(m, opts)
    if severity is None:
        return
    background = f", best other source of the digest {m.best_other:.2f}" if m.competitors else ""
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
