"""Writing systems by their Unicode blocks: which script a letter, a run or a text is written in.

One definition for every rule: ``wrong-language`` counts letters per script, ``meta-commentary``
skips patterns of a script a summary lacks, the glossary tells Korean forms from Chinese ones.
The constants are character-class bodies, to be placed inside ``[...]``.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

HANGUL_SYLLABLES = "\uac00-\ud7a3"
"""Precomposed syllables (가 … 힣): what Korean words are written with."""
HANGUL = HANGUL_SYLLABLES + "\u1100-\u11ff\u3130-\u318f"
"""Syllables and the (compatibility) Jamo: every Hangul letter."""
HAN = "\u4e00-\u9fff\u3400-\u4dbf"
"""CJK unified ideographs and extension A."""
KANA = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"
"""Hiragana, Katakana (with the phonetic extensions and half-width forms)."""
LATIN = "A-Za-z\u00c0-\u024f"
"""ASCII letters and the Latin-1 Supplement and Extended-A/B letters (é, ł, ș)."""
CYRILLIC = "\u0400-\u04ff"

SCRIPTS = {"hangul": HANGUL, "kana": KANA, "han": HAN, "latin": LATIN, "cyrillic": CYRILLIC}
"""The scripts whose letters ``wrong-language`` counts, and their letters."""
_SCRIPT_RANGES = {name: tuple(zip(letters[0::3], letters[2::3])) for name, letters in SCRIPTS.items()}
"""Each script's letters as (first, last) pairs: its class body is ranges ``a-b`` only."""


@cache
def script_runs() -> dict[str, re.Pattern[str]]:
    """Runs of letters of each script (counting the runs' lengths is faster than single letters).
    Compiled on first use: ``re`` builds a class one code point at a time (the Han blocks: 27,000
    code points, 25 M instructions), and a Korean digest never needs them: ``wrong-language`` tells
    its few letters of other scripts with ``letter_script``."""
    return {name: re.compile(f"[{letters}]+") for name, letters in SCRIPTS.items()}


@lru_cache(maxsize=1 << 16)
def letter_script(char: str) -> str | None:
    """The script of ``SCRIPTS`` that ``char`` is a letter of (None: none), by its ranges: for the
    few letters of other scripts in a Korean text, cheaper than compiling ``script_runs``."""
    return next((name for name, ranges in _SCRIPT_RANGES.items() if any(lo <= char <= hi for lo, hi in ranges)),
                None)


class _LetterClass:
    """A script's letters as a class (``[...]``), compiled on its first search: most runs never gate
    on a script, and compiling the Han class alone takes 25 M instructions."""

    __slots__ = ("letters", "_compiled")

    def __init__(self, letters: str) -> None:
        self.letters = letters
        self._compiled: re.Pattern[str] | None = None

    def search(self, text: str) -> re.Match[str] | None:
        if self._compiled is None:
            self._compiled = re.compile(f"[{self.letters}]")
        return self._compiled.search(text)


GATE_SCRIPTS = {"hangul": _LetterClass(HANGUL), "han": _LetterClass(HAN)}
"""Scripts that pack patterns are gated on (``literals.required_script``): a text without a letter
of one is not searched for the patterns that need it (a Korean digest skips the Chinese ones)."""


@lru_cache(maxsize=8)
def gate_scripts(text: str) -> frozenset[str | None]:
    """The ``GATE_SCRIPTS`` a text has a letter of, and None (the gate of patterns that need none).
    Cached for the last few texts: ``generic-boilerplate`` and ``meta-commentary`` gate the same
    summary, and a text without Han is read to its end."""
    return frozenset((None, *(name for name, letters in GATE_SCRIPTS.items() if letters.search(text))))


def script_of(form: str) -> str:
    """"han" or "hangul": the script of a glossary form, by its first letter."""
    return "han" if letter_script(form[:1]) == "han" else "hangul"
