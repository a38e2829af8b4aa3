"""Writing systems by their Unicode blocks: which script a letter, a run or a text is written in.

One definition for every rule: ``wrong-language`` counts letters per script, the glossary tells
Korean forms from Chinese ones. The constants are character-class bodies, to be placed inside
``[...]``. Letters beyond ASCII and Hangul are told by their code points, not by compiled classes:
``re`` builds a class one code point at a time (the Han blocks: 27,000 code points, 25 M instructions).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache

import numpy as np

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
_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
FEW_OTHERS = 32
"""Up to this many characters neither ASCII nor Hangul are told one by one (``letter_script``);
more (a Chinese or Japanese text) are counted by their code points at once (``_range_counts``)."""


@lru_cache(maxsize=1 << 16)
def letter_script(char: str) -> str | None:
    """The script of ``SCRIPTS`` that ``char`` is a letter of (None: none), by its ranges: for the
    few letters of other scripts in a Korean text, cheaper than placing them among the bounds."""
    return next((name for name, ranges in _SCRIPT_RANGES.items() if any(lo <= char <= hi for lo, hi in ranges)),
                None)


@cache
def _ascii_and_hangul() -> re.Pattern[str]:
    """Removed, it leaves the other characters: a few "×" or "é" of a Korean text, most of a Chinese
    one. Compiled on first use (11,500 code points)."""
    return re.compile(f"[\\x00-\\x7f{HANGUL}]+")


_HANGUL_SYLLABLE = re.compile(f"[{HANGUL_SYLLABLES}]")


def letter_counts_each(texts: Sequence[str]) -> list[dict[str, int]]:
    """Letters of each script of ``SCRIPTS`` in each of ``texts``. A text of more than ``FEW_OTHERS``
    characters beyond ASCII and no Hangul syllable (Chinese, Japanese) is counted by every code
    point (``_range_counts``, twice as fast there); any other by ASCII letters counted by their
    bytes, Hangul as what ASCII and the other characters leave, the others as ``FEW_OTHERS`` says.
    Both ways count the same. What goes by code point is counted for all ``texts`` together
    (``_range_counts``): numpy's fixed cost per call is most of a section's count (a paper's
    sections are asked together)."""
    counts = []
    by_code_point: list[str] = []
    owners = []
    for i, text in enumerate(texts):
        ascii_text = text.encode("ascii", "ignore")
        if len(text) - len(ascii_text) > FEW_OTHERS and not _HANGUL_SYLLABLE.search(text):
            counts.append(dict.fromkeys(SCRIPTS, 0))
            by_code_point.append(text)
            owners.append(i)
            continue
        others = _ascii_and_hangul().sub("", text)
        counts.append({"hangul": len(text) - len(ascii_text) - len(others), "kana": 0, "han": 0,
                       "latin": len(ascii_text.translate(None, _ASCII_NON_LETTERS)), "cyrillic": 0})
        if len(others) > FEW_OTHERS:
            by_code_point.append(others)
            owners.append(i)
        elif others:
            for char, n in Counter(others).items():
                if script := letter_script(char):
                    counts[i][script] += n
    for i, row in zip(owners, _range_counts(by_code_point)):
        for name, n in zip(SCRIPTS, row):
            counts[i][name] += n
    return counts


@cache
def _script_table() -> np.ndarray:
    """For each code point of the Basic Multilingual Plane, where every script's ranges lie, the
    index in ``SCRIPTS`` of the script it is a letter of (``len(SCRIPTS)``: none): 64 KiB, a
    lookup per character where placing it among the ranges' bounds took a binary search."""
    table = np.full(0x10000, len(SCRIPTS), dtype=np.uint8)
    for k, pairs in enumerate(_SCRIPT_RANGES.values()):
        for lo, hi in pairs:
            table[ord(lo):ord(hi) + 1] = k
    return table


PLACED_AT_ONCE = 1 << 15
"""Characters ``_range_counts`` looks up in one pass at most: its arrays take ~20 bytes a character
and stay in the processor's cache at this size (2^18 at a time took 1.4 times as long on a
Chinese digest's summaries), and a file's summaries are asked for together (a 12,542-paper file:
7.5 M characters)."""


def _range_counts(texts: Sequence[str]) -> list[list[int]]:
    """Letters of each script of ``SCRIPTS`` in each of ``texts``, in its order: every code point
    looked up at once (``_script_table``; one beyond the table, U+FFFF, is no letter), three times
    faster on a Chinese summary than a class search per script, which ``re`` tries character by
    character; ``PLACED_AT_ONCE`` characters (or one longer text) at a time."""
    counts: list[list[int]] = []
    start = 0
    while start < len(texts):
        end, size = start + 1, len(texts[start])
        while end < len(texts) and size + len(texts[end]) <= PLACED_AT_ONCE:
            size += len(texts[end])
            end += 1
        counts += _placed(texts[start:end])
        start = end
    return counts


def _placed(texts: Sequence[str]) -> list[list[int]]:
    scripts = _script_table().take(np.minimum(code_points("".join(texts)), 0xFFFF))
    width = len(SCRIPTS) + 1  # the last column: no script's letter
    owner = np.repeat(np.arange(len(texts)) * width, [len(text) for text in texts])
    return np.bincount(owner + scripts, minlength=len(texts) * width).reshape(len(texts), width)[:, :-1].tolist()


def code_points(text: str) -> np.ndarray:
    """The text's characters as numbers (numpy, uint32), a lone surrogate included: for questions
    about every character at once, a few nanoseconds each."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def script_of(form: str) -> str:
    """"han" or "hangul": the script of a glossary form, by its first letter."""
    return "han" if letter_script(form[:1]) == "han" else "hangul"
