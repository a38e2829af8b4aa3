"""Name-shaped Latin tokens: how a summary writes a model, dataset, benchmark or task.

Used by the specificity measure (names make a summary specific to its paper) and by
``leaked-content`` (names a summary shares with others but not with its own paper).
"""

from __future__ import annotations

import re

LATIN_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*")
NAME_SHAPE = re.compile(r"\d|[a-z][A-Z]|[A-Z]{2,}[a-z]|^[A-Z]{2,}s?$|[A-Za-z]-[A-Z]")
"""A token shaped like a name: a digit (GPT-4o), inner capitals (ChartGemma, TEACh), an acronym (SAM)
or a capitalized part after a hyphen (Ref-SAV, PC-Eval)."""


def looks_like_name(token: str) -> bool:
    """Whether a Latin token (a ``LATIN_TOKEN`` match) is shaped like a name."""
    return NAME_SHAPE.search(token) is not None
