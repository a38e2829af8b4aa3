"""A small reader of Python regular-expression syntax: the shape of a pattern, not a matcher.

Two things need to see inside a pack pattern: the literal prefilter (``literals.py``: which words
a match must contain) and the guard for user patterns (``nested_repeat``, ``overlapping_alternatives``:
a repeat, or alternatives that start alike, inside an unbounded repeat can backtrack
exponentially, ``(a+)+$``, ``(a|ab)*c``). CPython's own pattern parser is private
and changes between versions, so the pattern string is read here, for patterns that
``re.compile`` has already accepted. What it does not model in detail it reads as "some
character" or "some zero-width test", which only ever weakens what is concluded from it.

The tree is made of tuples:

- ``("lit", char, ignore_case)``: one literal character;
- ``("any",)``: one character of a class, ``.``, ``\\d`` and the like; a small class of plain
  characters (``['’]``) is ``("any", chars, ignore_case)``, so that the prefilter can spell out the
  literals it joins (``paper['’]s``: "paper's" or "paper’s");
- ``("empty",)``: anchors, ``\\b``, lookarounds, comments, flags, backreferences, conditionals
  (nothing that a match is known to contain);
- ``("seq", [node, …])``, ``("alt", [node, …])`` and ``("repeat", min, max or None, node)``.
"""

from __future__ import annotations

import re
import unicodedata

Node = tuple

_ANY = ("any",)
MAX_CLASS_MEMBERS = 8
"""A class of at most this many plain characters keeps them (``("any", chars, ignore_case)``)."""
_EMPTY = ("empty",)
_ESCAPED_CHARS = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_QUANTIFIER = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_INLINE_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")
_VERBOSE_SPACE = re.compile(r"(?:\s+|#[^\n]*)+")
_PLAIN = re.compile(r"[^\\\[\](){}|.*+?^$]+")
_PLAIN_VERBOSE = re.compile(r"[^\\\[\](){}|.*+?^$#\s]+")
"""Runs of characters that stand for themselves (pack patterns are mostly words): read at once."""
_SCOPED_FLAGS = re.compile(r"([aiLmsux]*)(?:-([imsx]+))?([:)])")
_SEQUENCE_ENDS = ("", "|", ")")
_REPEATS = {"*": (0, None), "+": (1, None), "?": (0, 1)}


def parse(pattern: str, flags: int = 0) -> Node:
    """The tree of ``pattern`` (already accepted by ``re.compile``) under ``flags``."""
    leading = "".join(m.group(1) for m in _INLINE_FLAGS.finditer(pattern))  # global flags
    reader = _Reader(pattern, bool(flags & re.VERBOSE) or "x" in leading)
    tree = reader.alternation(bool(flags & re.IGNORECASE) or "i" in leading)
    if reader.pos != len(pattern):
        raise ValueError(f"unexpected {pattern[reader.pos]!r} at {reader.pos}")
    return tree


MAX_NESTED_COUNT = 3
"""A bounded repeat may hold an unbounded one up to this many times: the built-in packs need
``(?:\\S+\\s*){0,3}``, while ``(?:a+){1,10}$`` already takes 1.7 s on 28 characters."""


def nested_repeat(tree: Node) -> str | None:
    """The first repeat that may run without bound around another repeat (``(a+)+``,
    ``(?:\\w+\\s?)*``, ``(a*){2,}``, ``(a+){1,10}``), as pattern-like text, or None.

    Such nesting lets the engine split one run of text among the repeats in exponentially many
    ways, and it tries them all before reporting no match."""
    if tree[0] == "repeat":
        high, body = tree[2], tree[3]
        inner = _repeats(body, unbounded_only=high is not None)
        if inner and (high is None or high > MAX_NESTED_COUNT):
            return "(…" + _repeat_text(inner) + "…)" + _repeat_text(tree)
        return nested_repeat(body)
    if tree[0] in ("seq", "alt"):
        for child in tree[1]:
            if found := nested_repeat(child):
                return found
    return None


def overlapping_alternatives(tree: Node, repeated: bool = False) -> str | None:
    """The first alternation inside an unbounded repeat whose alternatives can start with the same
    character (``(a|ab)*c``, ``(\\w|\\d)+$``), as pattern-like text, or None: the engine may take
    either for each character of a run, and tries every mix before giving up."""
    if tree[0] == "repeat":
        return overlapping_alternatives(tree[3], repeated or tree[2] is None)
    if tree[0] == "alt" and repeated:
        starts = [_first_chars(branch)[0] for branch in tree[1]]
        for i, first in enumerate(starts):
            if any(_overlap(first, other) for other in starts[i + 1:]):
                return "(…|…) inside a repeat of no bound"
    if tree[0] in ("seq", "alt"):
        for child in tree[1]:
            if found := overlapping_alternatives(child, repeated):
                return found
    return None


def _first_chars(tree: Node) -> tuple[set[str | None], bool]:
    """(the characters a match of ``tree`` can start with, None for any; whether it can be empty)."""
    kind = tree[0]
    if kind == "lit":
        return {tree[1].casefold() if tree[2] else tree[1]}, False
    if kind == "any":
        return {None}, False
    if kind == "empty":
        return set(), True
    if kind == "repeat":
        chars, empty = _first_chars(tree[3])
        return chars, empty or tree[1] == 0
    found: set[str | None] = set()
    for child in tree[1]:
        chars, empty = _first_chars(child)
        found |= chars
        if kind == "seq" and not empty:
            return found, False
    return found, kind == "seq" or any(_first_chars(child)[1] for child in tree[1])


def _overlap(a: set[str | None], b: set[str | None]) -> bool:
    return bool(a & b) or (None in a and bool(b)) or (None in b and bool(a))


def _repeats(tree: Node, unbounded_only: bool = False) -> Node | None:
    """A repeat inside ``tree`` of a varying count above one (with ``unbounded_only``: of no bound)
    whose body can match some text; ``a{2}`` or ``b?`` cannot split a run of text two ways alone."""
    if tree[0] == "repeat":
        low, high = tree[1], tree[2]
        if (high is None or (high > max(low, 1) and not unbounded_only)) and _width(tree[3]) != 0:
            return tree
        return _repeats(tree[3], unbounded_only)
    if tree[0] in ("seq", "alt"):
        for child in tree[1]:
            if found := _repeats(child, unbounded_only):
                return found
    return None


def _width(tree: Node) -> int | None:
    """The largest number of characters ``tree`` can match (None: no bound)."""
    kind = tree[0]
    if kind in ("lit", "any"):
        return 1
    if kind == "empty":
        return 0
    if kind == "repeat":
        inner = _width(tree[3])
        if inner == 0:
            return 0
        return None if inner is None or tree[2] is None else inner * tree[2]
    widths = [_width(child) for child in tree[1]]
    if None in widths:
        return None
    return sum(widths) if kind == "seq" else max(widths, default=0)  # type: ignore[arg-type]


def _repeat_text(tree: Node) -> str:
    low, high = tree[1], tree[2]
    if high is None:
        return {0: "*", 1: "+"}.get(low, f"{{{low},}}")
    return f"{{{low},{high}}}"


class _Reader:
    """Recursive descent over the pattern string, one character (or run of plain ones) at a time."""

    def __init__(self, pattern: str, verbose: bool) -> None:
        self.pattern = pattern
        self.pos = 0
        self.verbose = verbose

    def peek(self, text: str) -> bool:
        return self.pattern.startswith(text, self.pos)

    def skip_verbose(self) -> None:
        if self.verbose and (m := _VERBOSE_SPACE.match(self.pattern, self.pos)):
            self.pos = m.end()

    def alternation(self, ignore_case: bool, verbose: bool | None = None) -> Node:
        saved = self.verbose
        if verbose is not None:
            self.verbose = verbose
        branches = [self.sequence(ignore_case)]
        while self.peek("|"):
            self.pos += 1
            branches.append(self.sequence(ignore_case))
        self.verbose = saved
        return branches[0] if len(branches) == 1 else ("alt", branches)

    def sequence(self, ignore_case: bool) -> Node:
        items = []
        pattern = self.pattern
        plain = _PLAIN_VERBOSE if self.verbose else _PLAIN  # a group that changes the mode restores it
        while True:
            self.skip_verbose()
            if pattern[self.pos:self.pos + 1] in _SEQUENCE_ENDS:
                return ("seq", items)
            run = plain.match(pattern, self.pos)
            if run and run.end() - self.pos > 1:  # its last character may be quantified: an atom
                items += [("lit", char, ignore_case) for char in pattern[self.pos:run.end() - 1]]
                self.pos = run.end() - 1
            items.append(self.quantified(self.atom(ignore_case)))

    def quantified(self, atom: Node) -> Node:
        while True:
            self.skip_verbose()
            char = self.pattern[self.pos:self.pos + 1]
            if char in _REPEATS:
                self.pos += 1
                low, high = _REPEATS[char]
            elif char == "{" and (m := _QUANTIFIER.match(self.pattern, self.pos)) and (m.group(1) or m.group(2)):
                self.pos = m.end()
                low = int(m.group(1) or 0)
                high = None if m.group(2) and not m.group(3) else int(m.group(3) or m.group(1))
            else:
                return atom
            if self.peek("?") or self.peek("+"):  # lazy or possessive: the same shape
                self.pos += 1
            atom = ("repeat", low, high, atom)

    def atom(self, ignore_case: bool) -> Node:
        char = self.pattern[self.pos]
        self.pos += 1
        if char == "(":
            return self.group(ignore_case)
        if char == "[":
            return self.char_class(ignore_case)
        if char == "\\":
            return self.escape(ignore_case)
        if char == ".":
            return _ANY
        if char in "^$":
            return _EMPTY
        return ("lit", char, ignore_case)

    def group(self, ignore_case: bool) -> Node:
        if not self.peek("?"):
            return self.closed(self.alternation(ignore_case))
        self.pos += 1
        if self.peek(":"):  # (?:…), most groups of pack patterns: the flag-group reading below, sooner
            self.pos += 1
            return self.closed(self.alternation(ignore_case))
        if self.peek("#"):
            self.pos = self.pattern.index(")", self.pos) + 1
            return _EMPTY
        if self.peek("P="):
            self.pos = self.pattern.index(")", self.pos) + 1
            return _EMPTY  # a backreference: text the match holds, but not known here
        for opener in ("P<", "<") if not self.peek("<=") and not self.peek("<!") else ():
            if self.peek(opener):  # a named group
                self.pos = self.pattern.index(">", self.pos) + 1
                return self.closed(self.alternation(ignore_case))
        for opener in ("=", "!", "<=", "<!"):
            if self.peek(opener):  # a lookaround: tests text without taking it
                self.pos += len(opener)
                self.closed(self.alternation(ignore_case))
                return _EMPTY
        if self.peek("("):  # (?(1)yes|no): either branch may be taken
            self.pos = self.pattern.index(")", self.pos) + 1
            self.closed(self.alternation(ignore_case))
            return _EMPTY
        if self.peek(">"):  # atomic group
            self.pos += 1
            return self.closed(self.alternation(ignore_case))
        m = _SCOPED_FLAGS.match(self.pattern, self.pos)
        if m is None:
            raise ValueError(f"unknown group at {self.pos}")
        self.pos = m.end()
        if m.group(3) == ")":
            return _EMPTY  # global flags, read in ``parse``
        added, removed = m.group(1), m.group(2) or ""
        case = True if "i" in added else False if "i" in removed else ignore_case
        verbose = True if "x" in added else False if "x" in removed else None
        return self.closed(self.alternation(case, verbose))

    def closed(self, node: Node) -> Node:
        if not self.peek(")"):
            raise ValueError(f"missing ) at {self.pos}")
        self.pos += 1
        return node

    def char_class(self, ignore_case: bool) -> Node:
        negated = self.peek("^")
        self.pos += negated
        members = []
        first = True
        while first or not self.peek("]"):
            first = False
            if self.peek("\\"):
                self.pos += 1
                escaped = self.escape(ignore_case)
                members.append(escaped[1] if escaped[0] == "lit" else None)
            else:
                members.append(self.pattern[self.pos])
                self.pos += 1
        self.pos += 1
        if negated or None in members:
            return _ANY
        if len(members) == 1:
            return ("lit", members[0], ignore_case)  # [.] is a literal dot
        if len(members) <= MAX_CLASS_MEMBERS and "-" not in members:  # a "-" may stand for a range
            return ("any", "".join(dict.fromkeys(members)), ignore_case)
        return _ANY

    def escape(self, ignore_case: bool) -> Node:
        char = self.pattern[self.pos]
        self.pos += 1
        if char in "dDwWsS":
            return _ANY
        if char in "bBAZ":
            return _EMPTY
        if char in _ESCAPED_CHARS:
            return ("lit", _ESCAPED_CHARS[char], ignore_case)
        if char in "xuU":
            size = {"x": 2, "u": 4, "U": 8}[char]
            code = self.pattern[self.pos:self.pos + size]
            self.pos += size
            return ("lit", chr(int(code, 16)), ignore_case)
        if char == "N":
            end = self.pattern.index("}", self.pos)
            name = self.pattern[self.pos + 1:end]
            self.pos = end + 1
            return ("lit", unicodedata.lookup(name), ignore_case)
        if char == "0" or (char in "1234567" and re.match(r"[0-7]{2}", self.pattern[self.pos:])):
            digits = re.match(r"[0-7]{0,2}", self.pattern[self.pos:]).group(0)  # type: ignore[union-attr]
            self.pos += len(digits)
            return ("lit", chr(int(char + digits, 8)), ignore_case)
        if char.isdigit():  # a backreference \1 … \99
            if self.peek_digit():
                self.pos += 1
            return _EMPTY
        return ("lit", char, ignore_case)

    def peek_digit(self) -> bool:
        return self.pattern[self.pos:self.pos + 1].isdigit()
