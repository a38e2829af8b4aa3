"""The bilingual and frequency tables of the TSV packs, read in one place.

Each table is built from ``rules/<name>`` followed by the same-named files of the user's rule
folders (``rules-path``, see ``packs.load_table``): a user's rows add glossary forms, and replace
the count of a word the built-in table already has. Without a pack a table is empty, and the
rules fall back to what they can do without it.

``glossary()``                English stem → Korean and Chinese forms (title-mismatch)
``korean_to_english()``       Korean summary word → English abstract stems (source-mismatch)
``document_frequencies(name)``  (documents, word → documents holding it) of a frequency pack
"""

from __future__ import annotations

from functools import cache

from summary_lint.errors import ConfigError
from summary_lint.packs import load_table

GLOSSARY_PACKS = ("glossary/ko-en.tsv", "glossary/zh-en.tsv")
"""English stem → Korean and Chinese forms, one pack per language (``english<TAB>form<TAB>score``)."""
ENGLISH_DF_PACK = "glossary/en-df.tsv"
"""Document frequencies of English word stems over the titles and abstracts of the corpora."""
CONCEPT_DF_PACK = "sources/concept-df.tsv"
"""Document frequencies of source concepts (stems, numbers) over arXiv abstracts."""
KOREAN_TO_ENGLISH_PACK = "sources/ko-en.tsv"
"""Korean summary word → English abstract stems (``korean<TAB>stem,stem``)."""


@cache
def glossary(extra_dirs: tuple[str, ...] = ()) -> dict[str, tuple[str, ...]]:
    """English stem → foreign forms (Korean words, Chinese character strings), each form once,
    in pack order."""
    table: dict[str, dict[str, None]] = {}  # the forms as an ordered set
    for name in GLOSSARY_PACKS:
        pack = load_table(name, extra_dirs)
        for en, form in zip(pack.keys, pack.values):
            table.setdefault(en, {})[form] = None
    return {en: tuple(forms) for en, forms in table.items()}


@cache
def korean_to_english(extra_dirs: tuple[str, ...] = ()) -> dict[str, frozenset[str]]:
    """Korean summary word → English abstract stems ({} without the pack)."""
    pack = load_table(KOREAN_TO_ENGLISH_PACK, extra_dirs)
    return {korean: frozenset(stems.split(",")) for korean, stems in zip(pack.keys, pack.values)}


@cache
def document_frequencies(name: str, extra_dirs: tuple[str, ...] = ()) -> tuple[int, dict[str, int]]:
    """(number of documents, word → documents containing it) of a frequency pack (a
    ``# documents<TAB>N`` header, ``word<TAB>count`` rows); (0, {}) without the pack."""
    table = load_table(name, extra_dirs)
    return table.header_int("documents"), dict(zip(table.keys, _counts(table.values)))


def _counts(values: tuple[str, ...]) -> list[int]:
    """The counts as numbers, converted at once (22,000 on every run); the first that is not one is
    named by ``_count``."""
    try:
        return list(map(int, values))
    except ValueError:
        return list(map(_count, values))


def _count(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"document-frequency pack: not a whole number: {value!r}") from None
