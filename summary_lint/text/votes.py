"""Vote counts as digests write them: which values mean "no count" rather than a wrong one."""

ABSENT_VOTES = frozenset({"", "-", "—", "N/A", "n/a", "None", "null"})
"""Placeholders a listing writes when it has no vote count (``missing-votes``, not ``invalid-votes``)."""


def is_absent(raw: str) -> bool:
    """Whether a written vote value is a placeholder for a missing count."""
    return raw.strip() in ABSENT_VOTES
