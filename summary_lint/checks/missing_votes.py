"""missing-votes: the entry has no vote count (no ``Vote:`` line, or ``Vote: -``).

Why: digests rank papers by votes; an entry without them cannot be ranked and often comes from
a listing that failed to load.

A JSON digest whose records carry no votes field at all has a schema without votes: nothing is
missing there, so the rule stays silent for that file.

Passes::

    Vote: 16

Fails::

    Vote: -
"""

from summary_lint.checks.registry import Hit, rule

ABSENT_VOTES = ("", "-", "—", "N/A", "n/a", "None", "null")


@rule("S002", "missing-votes", severity="warning", penalty=5)
def check(paper, ctx):
    if not ctx.schema_has(paper, "votes_raw"):
        return
    if paper.votes_raw is None:
        yield Hit("no 'Vote:' line", paper.line)
    elif paper.votes_raw.strip() in ABSENT_VOTES:
        yield Hit(f"vote count is missing ({paper.votes_raw.strip() or 'empty'!r})", paper.votes_line or paper.line,
                  evidence=paper.votes_raw)
