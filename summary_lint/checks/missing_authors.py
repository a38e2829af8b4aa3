"""missing-authors: the entry has no ``Authors:`` line, or the line names nobody.

Why: readers use authors to judge a paper at a glance, and a missing line usually means the
pipeline lost the paper's metadata, so other fields may be wrong too.

A JSON digest whose records carry no authors field at all has a schema without authors: nothing is
missing there, so the rule stays silent for that file.

Passes::

    Authors: Haiwen Diao, Xiaotong Li

Fails::

    Vote: 26
    (no Authors: line)
"""

from summary_lint.checks.registry import Hit, rule


@rule("S001", "missing-authors", severity="warning", penalty=5)
def check(paper, ctx):
    if not ctx.schema_has(paper, "authors_raw"):
        return
    if paper.authors is None:
        yield Hit("no 'Authors:' line", paper.line)
    elif not paper.authors:
        yield Hit("'Authors:' line names nobody", paper.authors_line or paper.line, evidence=paper.authors_raw or "")
