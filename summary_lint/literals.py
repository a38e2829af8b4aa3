"""Literal text that every match of a regular expression contains: a cheap proof that it cannot match.

The rules search about a hundred pack patterns in every summary, and almost none of them match.
Python's ``re`` scans the whole text for each one, while ``"페이지" in text`` takes a fraction of
that. ``required_literals`` reads a compiled pattern's syntax tree once and lists the literal
strings a match must contain (for alternatives: one of several); ``may_match`` tells whether a
text holds them. It only ever says "cannot match" when that is certain, so a search
that runs only where ``may_match`` is true finds exactly what a plain search finds.
"""

from __future__ import annotations

import re

try:
    from re import _parser as sre
except ImportError:  # Python 3.10
    import sre_parse as sre  # type: ignore[no-redef]

Clauses = tuple[tuple[str, ...], ...]
"""Every clause must hold; a clause holds when any one of its literals occurs. ``()`` requires nothing."""


class _Unsupported(Exception):
    """Case-insensitive parts: their literals may occur in another case."""


def _selectivity(clause: tuple[str, ...]) -> tuple[int, int]:
    """Clauses with longer (rarer) literals, and fewer of them, rule out more texts."""
    return min(map(len, clause)), -len(clause)


def _sequence(items) -> list[tuple[str, ...]]:
    clauses, run = [], []
    for op, arg in list(items) + [(None, None)]:
        if op is sre.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            clauses.append(("".join(run),))
            run = []
        if op is sre.SUBPATTERN:
            _, add_flags, _, sub = arg
            if add_flags & re.IGNORECASE:
                raise _Unsupported
            clauses += _sequence(sub)
        elif op is sre.BRANCH:
            branches = [_sequence(branch) for branch in arg[1]]
            if all(branches):  # a match takes one branch, so it holds that branch's best clause
                clauses.append(tuple(dict.fromkeys(
                    lit for branch in branches for lit in max(branch, key=_selectivity))))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
            clauses += _sequence(arg[2])
        # anything else (classes, anchors, lookarounds, optional parts) requires nothing
    return clauses


_CLAUSES: dict[int, tuple[re.Pattern[str], Clauses]] = {}
"""By identity: hashing a compiled pattern hashes its whole program, which costs more than the check
itself. Each entry keeps its pattern alive, so an id is not reused while it is stored."""


def required_literals(regex: re.Pattern[str]) -> Clauses:
    """What a match of ``regex`` must contain, most telling clauses first (``()`` when it cannot be told)."""
    entry = _CLAUSES.get(id(regex))
    if entry is None:
        entry = _CLAUSES[id(regex)] = regex, _clauses(regex)
    return entry[1]


def _clauses(regex: re.Pattern[str]) -> Clauses:
    if regex.flags & re.IGNORECASE:
        return ()
    try:
        clauses = _sequence(sre.parse(regex.pattern, regex.flags))
    except _Unsupported:
        return ()
    return tuple(sorted(dict.fromkeys(clauses), key=_selectivity, reverse=True))


def may_match(regex: re.Pattern[str], text: str) -> bool:
    """False only when ``regex`` certainly has no match in ``text``."""
    for clause in required_literals(regex):
        for literal in clause:
            if literal in text:
                break
        else:
            return False
    return True
