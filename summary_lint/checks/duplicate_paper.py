"""duplicate-paper: the same arXiv id appears more than once in the input.

Why: a digest should list each paper once; a repeat wastes a slot and often means a listing was
merged twice. Every occurrence after the first is reported, naming the first one.

Passes: each arXiv id once. Fails::

    ### [AriGraph](https://arxiv.org/abs/2407.04363)    (line 3)
    ### [AriGraph](https://arxiv.org/abs/2407.04363)    (line 40)
"""

from summary_lint.model import Location
from summary_lint.checks.registry import Hit, rule


@rule("S006", "duplicate-paper", scope="corpus", severity="error", penalty=20)
def check(papers, ctx):
    first: dict[str, int] = {}
    for i, paper in enumerate(papers):
        if not paper.arxiv_id:
            continue
        if paper.arxiv_id not in first:
            first[paper.arxiv_id] = i
            continue
        original = papers[first[paper.arxiv_id]]
        where = f"{original.file}:{original.line}"
        yield i, Hit(
            f"arXiv {paper.arxiv_id} already appears at {where}",
            paper.line,
            evidence=paper.title,
            related=[Location(file=original.file, line=original.line, title=original.title, arxiv_id=original.arxiv_id)],
        )
