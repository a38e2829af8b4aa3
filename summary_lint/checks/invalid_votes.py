"""invalid-votes: the vote count is present but is not a non-negative integer.

Why: a value such as ``12.5``, ``-3`` or ``many`` breaks ranking and signals a rendering bug.
(An absent value, ``Vote: -``, is ``missing-votes`` instead.)

Passes::

    Vote: 7

Fails::

    Vote: -3
"""

from summary_lint.checks.registry import Hit, rule
from summary_lint.checks.missing_votes import ABSENT_VOTES


@rule("S003", "invalid-votes", severity="error", penalty=10)
def check(paper, ctx):
    raw = (paper.votes_raw or "").strip()
    if paper.votes_raw is not None and paper.votes is None and raw not in ABSENT_VOTES:
        yield Hit(f"vote count {raw!r} is not a non-negative integer", paper.votes_line or paper.line, evidence=raw)
