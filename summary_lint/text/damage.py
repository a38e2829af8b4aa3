"""Characters that show text was damaged on its way: control characters, U+FFFD, mojibake.

Each finder yields ``Damage`` spans (offsets into the text it was given) with a short description;
what counts as a finding, and how it is scored, is the ``damaged-text`` rule's business.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Damage:
    """A damaged span of a text."""

    start: int
    end: int
    detail: str
    """What was found, for a message: ``U+0008 (backspace; "\\beta" lost its backslash)``."""


_ESCAPE_LETTERS = {"\x07": "a", "\b": "b", "\t": "t", "\n": "n", "\x0b": "v", "\f": "f", "\r": "r"}
"""The character that ``\\a``, ``\\b``, … become in a JSON (b f n r t) or string-literal (a v) escape:
what a LaTeX command starting with that letter turns into when written without escaping."""

_NAMES = {"\x00": "NUL", "\x07": "bell", "\b": "backspace", "\t": "tab", "\n": "line feed", "\x0b": "vertical tab",
          "\f": "form feed", "\r": "carriage return", "\x1b": "escape", "\x7f": "delete"}
_SUSPECT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|[\t\n\r](?=[A-Za-z]{2})")
"""C0 controls other than tab and line breaks, DEL; and tab/line breaks before two letters (maybe a
LaTeX command that lost its backslash). Two letters at least: ``\\to`` → tab + "o" is too common a
shape to call damage."""
_LETTERS = re.compile(r"[A-Za-z]+")
_MOJIBAKE_LEAD = re.compile(r"[\u00c2-\u00f4]")
"""A UTF-8 lead byte read as Latin-1/CP1252 (Â … ô): no mojibake of UTF-8 without one."""
_CP1252_RUN = re.compile(
    "[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]+")
"""A run of characters that bytes 0x80–0xFF decode to in Latin-1 or CP1252: where mojibake lives."""


def _mangled_command(text: str, pos: int, commands: Collection[str]) -> str | None:
    """The LaTeX command that the escape character at ``pos`` and the letters after it spell, if
    it is one of ``commands`` (``"\\x0crac"`` → ``frac``)."""
    letter = _ESCAPE_LETTERS.get(text[pos])
    letters = _LETTERS.match(text, pos + 1)
    if letter and letters and letter + letters.group() in commands:
        return letter + letters.group()
    return None


def control_characters(text: str, commands: Collection[str]) -> Iterator[Damage]:
    """Control characters, and tabs/line breaks that are the remains of a LaTeX command."""
    if text.isprintable():  # no control character at all: most texts, found 5x faster than by the regex
        return
    for match in _SUSPECT.finditer(text):
        char, pos = match.group(), match.start()
        command = _mangled_command(text, pos, commands)
        if char in "\t\n\r" and command is None:
            continue
        notes = "; ".join(filter(None, (_NAMES.get(char), command and f'"\\{command}" lost its backslash')))
        yield Damage(pos, pos + 1, f"U+{ord(char):04X} ({notes})" if notes else f"U+{ord(char):04X}")


def replacement_characters(text: str) -> Iterator[Damage]:
    """U+FFFD: bytes that a decoder could not read were replaced, so the original text is lost."""
    pos = text.find("\ufffd")
    while pos >= 0:
        yield Damage(pos, pos + 1, "U+FFFD")
        pos = text.find("\ufffd", pos + 1)


def _may_be_bad(run: str) -> bool:
    """Whether ftfy's ``is_bad`` could call a run bad: every pattern of its but one needs two
    characters, and that one is a C1 control (U+0080–U+009F). A lone "×" or "é" is never bad."""
    return len(run) > 1 or run <= "\x9f"


def mojibake(text: str) -> Iterator[Damage]:
    """UTF-8 decoded as Latin-1/CP1252 ("Ã©", "â€™", "ì—°êµ¬"): runs of such characters that ftfy
    calls bad, with the text they should read. ftfy (0.3 s to import) is imported only for text that
    may hold them: a lead byte and a run that ``_may_be_bad``; nearly every "×" or "é" stands alone."""
    if _MOJIBAKE_LEAD.search(text) is None:
        return
    suspects = [run for run in _CP1252_RUN.finditer(text) if _may_be_bad(run.group())]
    if not suspects:
        return
    from ftfy import fix_encoding
    from ftfy.badness import is_bad

    for run in suspects:
        if is_bad(run.group()):
            yield Damage(run.start(), run.end(), f'"{run.group()}" (reads "{fix_encoding(run.group())}")')
