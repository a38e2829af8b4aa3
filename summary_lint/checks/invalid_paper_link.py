"""invalid-paper-link: the title does not link to an arXiv abstract page with a well-formed id.

Why: readers click through to the paper; a broken, missing or non-arXiv link (or a malformed id
such as ``2407.0436``) sends them nowhere and breaks every check keyed by arXiv id.

Passes::

    ### [AriGraph: …](https://arxiv.org/abs/2407.04363)

Fails::

    ### [AriGraph: …](https://arxiv.org/abs/2407.0436)
"""

from summary_lint.checks.registry import Hit, rule


@rule("S004", "invalid-paper-link", severity="error", penalty=20)
def check(paper, ctx):
    if not paper.url:
        yield Hit("title has no link to the paper", paper.line, evidence=paper.title)
    elif paper.arxiv_id is None:
        yield Hit(f"not an arXiv abstract link with a valid id: {paper.url}", paper.line, evidence=paper.url)
