"""Literal text that every match of a regular expression contains: a cheap proof that it cannot match.

The rules search about a hundred pack patterns in every summary, and almost none of them match.
Python's ``re`` scans the whole text for each one, while ``"페이지" in text`` takes a fraction of
that. ``required_literals`` reads a compiled pattern's syntax tree once (``regex_syntax``) and lists the literal
strings a match must contain (for alternatives: one of several); ``may_match`` tells whether a
text holds them. It only ever says "cannot match" when that is certain, so a search
that runs only where ``may_match`` is true finds exactly what a plain search finds. A rule that
searches a whole pack asks a ``PatternIndex`` instead, which gives the same answer for every
pattern at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from itertools import product
from math import prod
from typing import Generic, TypeVar

from summary_lint.text.regex_syntax import Node, parse


class LazyPattern:
    """A pack's regular expression, compiled the first time a search needs it.

    ``re`` compiles in Python (a fifth of a millisecond a pattern), and the rules load 123 pack
    patterns while a small digest holds the literals of few of them (``may_match`` reads the pattern
    string, not the compiled program): the seed digest compiles 44. Only valid patterns get here:
    the built-in packs are tested, a user's are compiled when validated (``pack_schema``)."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)


Regex = re.Pattern[str] | LazyPattern
"""What the prefilter reads (``pattern`` and ``flags``) and the rules search."""

Clauses = tuple[tuple[str, ...], ...]
"""Every clause must hold; a clause holds when any one of its literals occurs. ``()`` requires nothing."""


def _selectivity(clause: tuple[str, ...]) -> tuple[int, int]:
    """Clauses with longer (rarer) literals, and fewer of them, rule out more texts."""
    return min(map(len, clause)), -len(clause)


def _caseless(char: str) -> bool:
    """Matched only by itself even where case is ignored (ASCII digits, punctuation, spaces)."""
    return char.isascii() and not char.isalpha()


def _clauses(node: Node) -> list[tuple[str, ...]]:
    """What a match of ``node`` must contain. A run of literal characters is one literal; a small
    class or an alternation of literal words inside the run spells it out several ways (one clause
    of them all, ``(?:paper|study)['’]s``: "paper's", "paper’s", "study's" or "study’s", while
    "paper" or "study" alone is in half of all English summaries), up to ``MAX_CHOICES`` ways."""
    clauses: list[tuple[str, ...]] = []
    run = [""]  # the spellings of the literal run so far
    for item in node[1] if node[0] == "seq" else [node]:
        choices = _spellings(item)
        if choices is not None and len(run) * len(choices) <= MAX_CHOICES:
            run = [kept + choice for kept in run for choice in choices]
            continue
        if all(run):
            clauses.append(tuple(dict.fromkeys(run)))
        run = [""]
        if choices is not None:  # too many ways together with the run: it starts the next run
            run = choices
        elif item[0] == "seq":
            clauses += _clauses(item)
        elif item[0] == "alt":
            branches = [_clauses(branch) for branch in item[1]]
            if all(branches):
                clauses += _either(branches)
        elif item[0] == "repeat" and item[1] >= 1:
            clauses += _clauses(item[3])
        # anything else (classes, anchors, lookarounds, optional parts, cased letters where case is
        # ignored) requires nothing
    if all(run):
        clauses.append(tuple(dict.fromkeys(run)))
    return clauses


def _spellings(node: Node) -> list[str] | None:
    """The ways ``node`` can be written out when it is literal text: a character, one of a small
    class's, or one of an alternation's literal words; None for anything else."""
    if node[0] == "lit":
        return [node[1]] if _plain(node) else None
    if node[0] == "any" and len(node) > 1:
        return list(node[1]) if not node[2] or all(map(_caseless, node[1])) else None
    if node[0] == "alt" and len(node[1]) <= MAX_CHOICES:
        words = [_word(branch) for branch in node[1]]
        return None if None in words or "" in words else words
    return None


def _word(node: Node) -> str | None:
    """The one literal text ``node`` matches, or None."""
    items = node[1] if node[0] == "seq" else [node]
    return "".join(item[1] for item in items) if all(map(_plain, items)) else None


def _plain(node: Node) -> bool:
    """Whether ``node`` is a literal character that only that character matches."""
    return node[0] == "lit" and (not node[2] or _caseless(node[1]))


MAX_CHOICES = 16
"""Alternatives read exactly when choosing one clause in each makes at most this many choices; a
literal run is spelled out at most this many ways."""


def _either(branches: list[list[tuple[str, ...]]]) -> list[tuple[str, ...]]:
    """What a match of one of ``branches`` (each a list of clauses) must contain. The branch it
    takes holds all its clauses, so for any choice of one clause per branch the match holds a
    literal of one of them: each choice is a clause. ``복잡한 (?:문제|데이터)를|빅 데이터`` needs
    "복잡한" or "빅", which rules out far more texts than "복잡한" or "데이터" (the branches' longest
    literals). Past ``MAX_CHOICES`` choices, the choice of each branch's most telling clause, of each
    one's second most telling, and so on (a branch out of clauses gives its last)."""
    if prod(map(len, branches)) > MAX_CHOICES:
        ranked = [sorted(branch, key=_selectivity, reverse=True) for branch in branches]
        choices: Iterable[tuple[tuple[str, ...], ...]] = [
            tuple(clauses[min(k, len(clauses) - 1)] for clauses in ranked) for k in range(max(map(len, ranked)))]
    else:
        choices = product(*branches)
    return [tuple(dict.fromkeys(lit for clause in choice for lit in clause)) for choice in choices]


_Probes = tuple[tuple[tuple[str, str, str], ...], ...]
"""Clauses as (literal, its first character, its last character): looking for one character is a
fast ``memchr``-like scan, while an absent short literal can cost ten times more; most literals
of a text that lacks them lack one of these two characters too."""

_CLAUSES: dict[int, tuple[Regex, Clauses, _Probes, str]] = {}
"""By identity: hashing a compiled pattern hashes its whole program, which costs more than the check
itself. Each entry keeps its pattern alive, so an id is not reused while it is stored."""


def required_literals(regex: Regex) -> Clauses:
    """What a match of ``regex`` must contain, most telling clauses first (``()`` when it cannot be told)."""
    return _entry(regex)[1]


def hidden_prefix(regex: Regex) -> str:
    """The literal every match of ``regex`` starts with when zero-width tests come before it
    (``(?<!라는\\s)새로운``), else "". ``re`` scans for a pattern's literal prefix only when
    nothing precedes it, so such a pattern is tried at every character of the text."""
    return _entry(regex)[3]


def _entry(regex: Regex) -> tuple[Regex, Clauses, _Probes, str]:
    entry = _CLAUSES.get(id(regex))
    if entry is None:
        try:
            tree = parse(regex.pattern, regex.flags)
        except (ValueError, IndexError):  # syntax this reader does not know: nothing is ruled out
            tree = ("empty",)
        clauses = tuple(sorted(dict.fromkeys(_clauses(tree)), key=_selectivity, reverse=True))
        probes = tuple(tuple((lit, lit[0], lit[-1]) for lit in clause) for clause in clauses)
        entry = _CLAUSES[id(regex)] = regex, clauses, probes, _hidden_prefix(tree)
    return entry


def _hidden_prefix(tree: Node) -> str:
    items = tree[1] if tree[0] == "seq" else [tree]
    start = next((i for i, item in enumerate(items) if item[0] != "empty"), len(items))
    if start == 0:
        return ""  # re finds a prefix that nothing precedes on its own
    run = []
    for item in items[start:]:
        if not _plain(item):
            break
        run.append(item[1])
    return "".join(run)


def may_match(regex: Regex, text: str) -> bool:
    """False only when ``regex`` certainly has no match in ``text``."""
    return _holds((_CLAUSES.get(id(regex)) or _entry(regex))[2], text)


def _holds(clauses: _Probes, text: str) -> bool:
    """Whether ``text`` holds a literal of every clause. Runs for every pattern and text a pack
    index lets through: keep it flat."""
    for clause in clauses:
        for literal, first, last in clause:
            if first in text and last in text and literal in text:
                break
        else:
            return False
    return True


Item = TypeVar("Item")


class PatternIndex(Generic[Item]):
    """A pack's items (each with a pattern) that may match a text, found without asking each pattern.

    ``may_match`` costs a Python call and a scan or more per pattern and text, yet most patterns of a
    pack need a literal the text lacks, and many share their literals. The index keys each pattern
    by the literals of its most telling clause: a text is probed once per distinct key literal
    (and once per first character of those: an absent one rules out every literal it starts), and
    only the patterns keyed by a literal it holds go on to their other clauses. ``candidates``
    therefore answers exactly what ``may_match`` answers for each pattern."""

    def __init__(self, items: Iterable[Item], regex_of: Callable[[Item], Regex]) -> None:
        self.items = tuple(items)
        keyed: dict[str, list[int]] = {}
        unkeyed = []
        others = []
        for i, item in enumerate(self.items):
            clauses = _entry(regex_of(item))[2]
            if clauses:
                for literal, _, _ in clauses[0]:
                    keyed.setdefault(literal, []).append(i)
            else:
                unkeyed.append(i)
            others.append(clauses[1:])
        by_first: dict[str, list[tuple[str, str, tuple[int, ...]]]] = {}
        for literal, indices in keyed.items():
            by_first.setdefault(literal[0], []).append((literal, literal[-1], tuple(indices)))
        self._keys = tuple((first, tuple(literals)) for first, literals in by_first.items())
        """(first character, ((literal, its last character, the patterns it keys), …))."""
        self._unkeyed = frozenset(unkeyed)
        """Patterns that need no literal: candidates for every text."""
        self._others = tuple(others)
        """Each pattern's clauses but its key."""

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def candidates(self, text: str) -> list[Item]:
        """The items whose pattern ``may_match`` ``text``, in pack order."""
        keyed = set(self._unkeyed)
        for first, literals in self._keys:
            if first in text:
                for literal, last, indices in literals:
                    if last in text and literal in text:
                        keyed.update(indices)
        others, items = self._others, self.items
        return [items[i] for i in sorted(keyed) if _holds(others[i], text)]
