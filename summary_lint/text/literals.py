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


def _selectivity(clause: tuple[str, ...]) -> tuple[int, int]:
    """Clauses with longer (rarer) literals, and fewer of them, rule out more texts."""
    return min(map(len, clause)), -len(clause)


def _caseless(char: str) -> bool:
    """Matched only by itself even where case is ignored (ASCII digits, punctuation, spaces)."""
    return char.isascii() and not char.isalpha()


def _sequence(items, ignore_case: bool) -> list[tuple[str, ...]]:
    clauses, run = [], []
    for op, arg in list(items) + [(None, None)]:
        if op is sre.LITERAL and (not ignore_case or _caseless(chr(arg))):
            run.append(chr(arg))
            continue
        if run:
            clauses.append(("".join(run),))
            run = []
        if op is sre.SUBPATTERN:
            _, add_flags, del_flags, sub = arg
            clauses += _sequence(sub, bool(add_flags & re.IGNORECASE) or (ignore_case and not del_flags & re.IGNORECASE))
        elif op is sre.BRANCH:
            branches = [_sequence(branch, ignore_case) for branch in arg[1]]
            if all(branches):  # a match takes one branch, so it holds that branch's best clause
                clauses.append(tuple(dict.fromkeys(
                    lit for branch in branches for lit in max(branch, key=_selectivity))))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
            clauses += _sequence(arg[2], ignore_case)
        # anything else (classes, anchors, lookarounds, optional parts, cased letters where case is
        # ignored) requires nothing
    return clauses


_Probes = tuple[tuple[tuple[str, str, str], ...], ...]
"""Clauses as (literal, its first character, its last character): looking for one character is a
fast ``memchr``-like scan, while an absent short literal can cost ten times more; most literals
of a text that lacks them lack one of these two characters too."""

_CLAUSES: dict[int, tuple[re.Pattern[str], Clauses, _Probes]] = {}
"""By identity: hashing a compiled pattern hashes its whole program, which costs more than the check
itself. Each entry keeps its pattern alive, so an id is not reused while it is stored."""


def required_literals(regex: re.Pattern[str]) -> Clauses:
    """What a match of ``regex`` must contain, most telling clauses first (``()`` when it cannot be told)."""
    return _entry(regex)[1]


def _entry(regex: re.Pattern[str]) -> tuple[re.Pattern[str], Clauses, _Probes]:
    entry = _CLAUSES.get(id(regex))
    if entry is None:
        clauses = _sequence(sre.parse(regex.pattern, regex.flags), bool(regex.flags & re.IGNORECASE))
        clauses = tuple(sorted(dict.fromkeys(clauses), key=_selectivity, reverse=True))
        probes = tuple(tuple((lit, lit[0], lit[-1]) for lit in clause) for clause in clauses)
        entry = _CLAUSES[id(regex)] = regex, clauses, probes
    return entry


def may_match(regex: re.Pattern[str], text: str) -> bool:
    """False only when ``regex`` certainly has no match in ``text``."""
    entry = _CLAUSES.get(id(regex)) or _entry(regex)  # this runs for every pattern and text: keep it flat
    for clause in entry[2]:
        for literal, first, last in clause:
            if first in text and last in text and literal in text:
                break
        else:
            return False
    return True
