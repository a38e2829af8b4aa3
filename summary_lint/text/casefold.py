"""ASCII-only case folding for pack patterns: lowercase patterns matched on ASCII-lowered text.

Why: about twice as fast as ``re.IGNORECASE`` on the corpus, and offsets stay the same, so a
match in the lowered text locates the evidence in the original.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

_ASCII_LOWER = bytes.maketrans(string.ascii_uppercase.encode(), string.ascii_lowercase.encode())
_PATTERN_LETTER = re.compile(r"\\.|[A-Z]")


@lru_cache(maxsize=8)
def ascii_lower(text: str) -> str:
    """ASCII letters to lowercase, all else (offsets too) unchanged. UTF-8 keeps ASCII bytes only for
    ASCII characters, and a byte table is far faster than ``str.translate``. Cached for the last few
    texts: ``generic-boilerplate`` and ``meta-commentary`` lower the same summary."""
    return text.encode("utf-8", "surrogatepass").translate(_ASCII_LOWER).decode("utf-8", "surrogatepass")


def lowercase_pattern(pattern: str) -> str:
    """ASCII letters of a regular expression to lowercase, escapes (``\\S``, ``\\W``) kept."""
    return _PATTERN_LETTER.sub(lambda m: m.group(0) if len(m.group(0)) == 2 else m.group(0).lower(), pattern)
