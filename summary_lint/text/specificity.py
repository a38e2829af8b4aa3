"""How specific is a summary to its paper? Names and title terms, versus textbook vocabulary.

A faithful summary names things: the paper's system (``AriGraph``), its datasets and baselines
(``TAP-Vid-DAVIS``, ``Vicuna-7B``), words of the title. Filler written without the paper names
only what every paper could mention (Transformer, BERT, GLUE, ImageNet, CNN). The generic terms
come from the phrase packs (``terms`` lists in ``rules/phrases/*.toml``), so users can extend them.

Used by ``generic-boilerplate`` (specificity outweighs stray generic phrases) and
``suspicious-claim`` (is a result tied to a named baseline or benchmark?), which also share
``section_at`` (where in the entry an offset of the joined summary lies) and ``word_search``
(pack patterns matched at word starts).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from summary_lint.text.crosslingual import system_name
from summary_lint.text.literals import may_match
from summary_lint.packs import load_pack
from summary_lint.text.names import LATIN_TOKEN, looks_like_name

TITLE_STOPWORDS = frozenset("""
a an the of for in on at to by with from into via and or not as is are be its it this that can do does
how what when where which who why your our we you all any towards toward through using based new than
large model models language learning learn learns approach method methods framework study
efficient effective improving improve better general generative simple scalable scaling robust novel
data dataset benchmark benchmarks evaluation evaluating analysis task tasks system systems
""".split())
"""Words of almost any title: repeating them does not make a summary specific."""

PHRASE_PACKS = ("ko", "en", "zh", "ja")


@lru_cache(maxsize=None)
def generic_terms(extra_dirs: tuple[str, ...] = ()) -> frozenset[str]:
    """Lowercased well-known names that do not make a summary specific (from every phrase pack)."""
    terms: set[str] = set()
    for lang in PHRASE_PACKS:
        terms.update(t.lower() for t in load_pack(f"phrases/{lang}", extra_dirs).get("terms", []))
    return frozenset(terms)


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


def measure(title: str, text: str, generic: frozenset[str]) -> Specificity:
    lowered = text.lower()
    terms = []
    for token in dict.fromkeys(t.lower() for t in LATIN_TOKEN.findall(title)):
        if len(token) >= 3 and token not in TITLE_STOPWORDS and token not in generic and token in lowered:
            terms.append(token)
    name = system_name(title, max_words=3, latin=False)
    system_named = bool(name) and name.lower() in lowered
    title_words = set(terms)
    names = [t for t in dict.fromkeys(LATIN_TOKEN.findall(text))
             if looks_like_name(t) and t.lower() not in generic and t.lower() not in title_words]
    return Specificity(tuple(terms), tuple(names), system_named)


def section_at(paper, offset: int):
    """The section holding character ``offset`` of ``paper.summary``, and that character's line and
    column (a section's text may continue on following lines; continuation columns are approximate,
    since the text does not keep their indentation)."""
    start = 0
    for section in paper.sections:
        end = start + len(section.text)
        if offset <= end or section is paper.sections[-1]:
            before = section.text[:max(0, offset - start)]
            breaks = before.count("\n")
            column = section.column + len(before) if not breaks else len(before) - before.rfind("\n")
            return section, section.line + breaks, column
        start = end + 1  # the newline that joins sections
    raise ValueError("paper has no sections")


def word_matches(regex: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches of ``regex`` that start a word (not right after an ASCII letter or digit).

    Pack patterns leave out a leading ``\\b``: it keeps Python's ``re`` from scanning for the
    pattern's literal prefix, which makes a search about ten times slower. This check replaces it.
    Most pack patterns lack a literal they need in a given text: those are not searched at all.
    """
    return _word_starts(regex, text) if may_match(regex, text) else iter(())


def _word_starts(regex: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    for match in regex.finditer(text):
        start = match.start()
        if start == 0 or not (text[start - 1].isascii() and text[start - 1].isalnum()):
            yield match


def word_search(regex: re.Pattern[str], text: str) -> re.Match[str] | None:
    return next(_word_starts(regex, text), None) if may_match(regex, text) else None
