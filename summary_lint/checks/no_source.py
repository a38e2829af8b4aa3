"""no-source: sources were given (``--sources``) but none matches this paper's arXiv id.

Why: the source checks (unsupported-claim, source-mismatch, missing-key-point) cannot judge a
summary without its abstract; this note says which papers were judged without one. It is
information only and never changes a score. Nothing is reported when no sources were given.

Passes: ``--sources abstracts.jsonl`` holds a line with ``"arxiv_id": "2407.04363"`` for the
entry ``### [AriGraph](https://arxiv.org/abs/2407.04363)``.

Fails (info): the sources file has no line for 2407.04363, or the entry has no arXiv link.
"""

from summary_lint.checks.registry import Hit, rule


@rule("A000", "no-source", severity="info", penalty=0)
def check(paper, ctx):
    if ctx.sources and ctx.source(paper) is None:
        what = f"arXiv {paper.arxiv_id}" if paper.arxiv_id else "this entry (no arXiv id)"
        yield Hit(f"no source abstract for {what}; source checks skipped", paper.line, evidence=paper.title)
