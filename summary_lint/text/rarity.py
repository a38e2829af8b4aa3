"""How common an English word is in papers in general: document frequencies of word stems over the
titles and abstracts of every corpus the project was built on (``rules/glossary/en-df.tsv``).

Why: a rule that weighs title words by how many summaries of *one digest* mention them gives a
different answer when the digest grows or unrelated papers join the file. A fixed background
table gives every paper the same weights whatever shares its file, and "common" is judged from
several generators and fields, not from one.
"""

from __future__ import annotations

from functools import lru_cache

from summary_lint.text.glossary import ENGLISH_DF_PACK, document_frequencies
from summary_lint.text.tokens import english_words, idf, stem

FULL_WEIGHT_IDF = 5.0
"""A stem in at most one paper in ~150 (idf ≥ 5) is fully distinctive; commoner ones weigh less."""
MIN_WEIGHT = 0.05


@lru_cache(maxsize=65536)
def rarity(stem: str) -> float:
    """A stem's weight as evidence (MIN_WEIGHT–1): its inverse document frequency over
    FULL_WEIGHT_IDF, capped at 1. Without the pack every stem weighs 1."""
    total, table = document_frequencies(ENGLISH_DF_PACK)
    if not total:
        return 1.0
    return max(MIN_WEIGHT, min(1.0, idf(table.get(stem, 0), total) / FULL_WEIGHT_IDF))


RARE_NAME_DF = 10
"""A name in at most this many papers' titles and abstracts names one paper (AriGraph: 2); a
commoner one (ChatGPT: 83, 3DGS: 121) is a tool many papers mention, not evidence of which paper
a summary describes."""


def is_rare_name(name: str) -> bool:
    """Whether a name is rare in papers in general (its rarest word in at most RARE_NAME_DF)."""
    _, table = document_frequencies(ENGLISH_DF_PACK)
    words = english_words(name)
    return bool(words) and min(table.get(stem(w), 0) for w in words) <= RARE_NAME_DF
