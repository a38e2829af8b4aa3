"""How specific is a summary to its paper? Names and title terms, versus textbook vocabulary.

A faithful summary names things: the paper's system (``AriGraph``), its datasets and baselines
(``TAP-Vid-DAVIS``, ``Vicuna-7B``), words of the title. Filler written without the paper names
only what every paper could mention (Transformer, BERT, GLUE, ImageNet, CNN). The generic terms
come from the phrase packs (``terms`` lists in ``rules/phrases/*.toml``), so users can extend them.

Used by ``generic-boilerplate`` (specificity outweighs stray generic phrases) and
``suspicious-claim`` (is a result tied to a named baseline or benchmark?), which also share, with
``meta-commentary``, ``word_starts`` (pack patterns matched at word starts).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from summary_lint.packs import load_pack
from summary_lint.text.crosslingual import GENERIC_TERMS, system_name
from summary_lint.text.literals import LazyPattern, Regex, hidden_prefix, may_match
from summary_lint.text.tokens import LATIN_TOKEN, looks_like_name, stopwords

PHRASE_PACKS = ("ko", "en", "zh", "ja")


@cache
def generic_terms(extra_dirs: tuple[str, ...] = ()) -> frozenset[str]:
    """Lowercased well-known names that do not make a summary specific (from every phrase pack)."""
    terms: set[str] = set()
    for lang in PHRASE_PACKS:
        terms.update(t.lower() for t in load_pack(f"phrases/{lang}", extra_dirs).get("terms", []))
    return frozenset(terms)


@cache
def _title_words(extra_dirs: tuple[str, ...]) -> frozenset[str]:
    """Words of almost any title (stopwords, generic terms): repeating them is not specific."""
    return stopwords("en", extra_dirs) | GENERIC_TERMS


@dataclass(frozen=True)
class Specificity:
    title_terms: tuple[str, ...]
    """Title words (lowercased) that the summary repeats."""
    names: tuple[str, ...]
    """Name-shaped tokens of the summary that are neither textbook terms nor title words."""
    system_named: bool

    @property
    def count(self) -> int:
        """Pieces of paper-specific evidence; the system's own name counts twice."""
        return len(self.title_terms) + len(self.names) + int(self.system_named)


def measure(title: str, text: str, generic: frozenset[str], extra_dirs: tuple[str, ...] = ()) -> Specificity:
    """How specific ``text`` is to the paper titled ``title``; ``generic``: the textbook terms,
    ``extra_dirs``: the run's ``rules-path`` folders (their stopwords count as title words too)."""
    lowered = text.lower()
    common = _title_words(extra_dirs)
    terms = []
    for token in dict.fromkeys(t.lower() for t in LATIN_TOKEN.findall(title)):
        if len(token) >= 3 and token not in common and token not in generic and token in lowered:
            terms.append(token)
    name = system_name(title, max_words=3, latin=False)
    system_named = bool(name) and name.lower() in lowered
    title_words = set(terms)
    names = [t for t in dict.fromkeys(LATIN_TOKEN.findall(text))
             if looks_like_name(t, compound=True) and t.lower() not in generic and t.lower() not in title_words]
    return Specificity(tuple(terms), tuple(names), system_named)


def word_search(regex: Regex, text: str) -> re.Match[str] | None:
    """The first match of ``regex`` that starts a word, searched only where it ``may_match``."""
    return first_word_start(regex, text) if may_match(regex, text) else None


def word_starts(regex: Regex, text: str) -> Iterator[re.Match[str]]:
    """Matches of ``regex`` that start a word (not right after an ASCII letter or digit), with no
    prefilter: for the patterns a ``literals.PatternIndex`` let through.

    Pack patterns leave out a leading ``\\b``: it keeps Python's ``re`` from scanning for the
    pattern's literal prefix, which makes a search about ten times slower. This check replaces it.
    """
    for match in _matches(regex, text):
        start = match.start()
        if start == 0 or not (text[start - 1].isascii() and text[start - 1].isalnum()):
            yield match


def first_word_start(regex: Regex, text: str) -> re.Match[str] | None:
    return next(word_starts(regex, text), None)


def _matches(regex: Regex, text: str) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)``. A pattern whose literal prefix follows lookbehinds is matched only
    where the prefix occurs (``str.find``) instead of being tried at every character: the same
    matches, since each one starts with the prefix and the lookbehinds still see the whole text."""
    prefix = hidden_prefix(regex)
    if not prefix:
        yield from regex.finditer(text)
        return
    compiled = regex.compiled if isinstance(regex, LazyPattern) else regex
    at = text.find(prefix)
    while at >= 0:
        match = compiled.match(text, at)
        if match:
            yield match
        at = text.find(prefix, match.end() if match else at + 1)
