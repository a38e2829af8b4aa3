"""Cross-lingual text utilities: does a (Korean) text talk about the terms of an (English) title?

Summaries in the digests are Korean, sometimes with English terms, sometimes without any
("신경 복사 필드" for Neural Radiance Fields). A term of the title counts as *mentioned* by a text
when one of these holds:

* the English word itself appears (compared by a crude stem: ``graphs`` = ``graph``),
* a Korean form of it from the bilingual glossary appears (``rules/glossary/ko-en.tsv``, mined
  from the corpus by ``python -m summary_lint.tools.build_glossary``),
* a Hangul word transliterates it (트랜스포머 ↔ Transformer, by consonant skeletons).

Words, stems and stopwords are ``text.tokens``'s; the glossary is ``text.glossary``'s. Functions
that read the glossary or the stopwords take ``extra_dirs``, the run's ``rules-path`` folders, whose
``glossary/*.tsv`` and ``stopwords/en.txt`` extend the built-in packs. API:

``system_name(title)``         the short name before the title's colon ("AriGraph"), or None
``title_names(title)``         names of the title (head before the colon, made-up tokens)
``title_terms(title)``         the title's content words (one per stem), stopwords removed
``term_weight(word)``          1, or 0.25 for generic words ("model", "efficient")
``english_skeleton(word)``     consonant skeleton of an English word  } equal skeletons:
``hangul_skeleton(word)``      consonant skeleton of a Hangul word    } a transliteration
``term(word)``                 a title word with its stem, Korean forms, skeleton and weight
``terms_of(words)``            ``term`` of each word
``han_forms(texts)``           the Chinese glossary forms each text contains (many texts at once)
``TextIndex(text)``            a text prepared for ``mentions(word)`` and ``mentions_name(name)``
``TextIndex.summaries(ctx, group)``  the TextIndex of each summary of a digest, built once per digest
``TermIndex(words)``          words prepared for ``mentions(texts)``: which of them each TextIndex mentions
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from itertools import chain, compress, groupby, repeat
from operator import itemgetter
from typing import Any
from unicodedata import normalize

from summary_lint.text.glossary import glossary
from summary_lint.text.rarity import rarity
from summary_lint.text.scripts import HAN, HANGUL_SYLLABLES, code_points, script_of
from summary_lint.text.tokens import (
    LATIN_WORD,
    PerWord,
    coined_names,
    english_text,
    english_words,
    hangul_words,
    stem,
    stopwords,
)

GENERIC_TERMS = frozenset("""
model models modeling learning learn large language languages llm llms lm lms data dataset datasets
method methods approach approaches framework frameworks study studies analysis task tasks system systems
network networks neural deep efficient efficiently effective improving improve improved improves
towards toward benchmark benchmarks evaluation evaluating performance scale scaling scalable
general generalist better via beyond simple novel robust unified universal ai
technical report introducing introduce comprehensive empirical multiple optimal fast high-quality
rethinking revisiting unlocking enabling enhancing boosting exploring towards
""".split())
"""Words that appear in every other title, or only say how the paper presents itself: they count,
but with a small weight (see ``term_weight``)."""

HAN_RUN = re.compile(f"[{HAN}]{{2,}}")


def han_forms(texts: list[str], extra_dirs: tuple[str, ...] = ()) -> list[tuple[set[str], int]]:
    """Per text: (the Chinese glossary forms it contains, its number of Chinese characters in runs).

    Chinese has no spaces, so a form may start at any character. The texts are read at once, as
    character codes (numpy), with no regular expression's pass over each: each character pair is
    looked up in a table of the forms' first two characters (the two-character forms themselves),
    and the longer forms are looked for by a key of their first ``KEY_CHARS`` characters only where
    one starts. Linear in the texts' length, with a binary search per such place; forms longer than
    a key are confirmed in the text. A pair or key holding any other character matches no form."""
    return _han_forms(texts, _codes(texts), extra_dirs) or [(set(), 0) for _ in texts]


def _han_forms(texts: list[str], codes, extra_dirs: tuple[str, ...]) -> list[tuple[set[str], int]] | None:
    """``han_forms`` given the texts' ``_codes``; None when they hold no Chinese character (a Korean
    or English digest)."""
    import numpy as np

    if not _holds(codes, HAN_FIRST, HAN_LAST):
        return None
    table = _han_table(extra_dirs)
    bounds = np.cumsum([0] + [len(text) + 1 for text in texts])  # where each text starts in ``codes``
    han = np.zeros(len(codes), dtype=bool)
    for first, last in HAN_RANGES:
        han |= codes - np.uint32(first) <= last - first  # below ``first`` wraps around
    pair = han[:-1] & han[1:]
    in_run = np.zeros(len(codes) + 1, dtype=bool)  # a Chinese character of a run of two or more
    in_run[1:-1] = pair
    in_run[2:] |= pair
    before = np.cumsum(in_run)  # before[k]: those among the first k characters
    counts = (before[bounds[1:] - 1] - before[bounds[:-1]]).tolist()
    codes = np.where(codes < len(table.first), codes, 0)  # the tables' BMP: 0 is in no form
    two, starting = table.at(table.first[codes[:-1]] * table.width + table.second[codes[1:]])
    at = np.flatnonzero(two)
    places, forms = [at], [two[at] - 1]
    starts, wide = np.flatnonzero(starting), codes.astype(np.uint64)
    for length, (keys, first_of, count_of, ids) in table.longer.items():
        at = starts[starts + length <= len(codes)]
        key = np.zeros(len(at), dtype=np.uint64)
        for k in range(length):
            key = key << np.uint64(16) | wide[at + k]
        place = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
        first, count = first_of[place], np.where(keys[place] == key, count_of[place], 0)
        places.append(np.repeat(at, count))
        forms.append(ids[np.repeat(first, count) + np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)])
    owners = np.searchsorted(bounds, np.concatenate(places), "right") - 1
    order = np.argsort(owners, kind="stable")
    names = table.names[np.concatenate(forms)[order]]
    bounds = np.searchsorted(owners[order], np.arange(len(texts) + 1))
    found = [set(names[a:b]) for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist())]
    if table.beyond_key:
        found = [{form for form in f if len(form) <= KEY_CHARS or form in text} for f, text in zip(found, texts)]
    return list(zip(found, counts))


def _codes(texts: list[str]):
    """The character codes of the texts (numpy), joined by a "\\n", which is part of no form."""
    return code_points("\n".join(texts))


def _holds(codes, first: int, last: int) -> bool:
    """Whether a code is in ``first``–``last``: numpy reads a digest's code points at a few nanoseconds
    each, where looking for Chinese runs or Hangul words costs a regular expression as much on a
    text without them as on one with them."""
    import numpy as np

    return bool((codes - np.uint32(first) <= last - first).any())  # below ``first`` wraps around


HAN_RANGES = [(ord(first), ord(last)) for first, last in zip(HAN[0::3], HAN[2::3])]
"""The Chinese blocks' first and last code points (``HAN``: ranges ``a-b``)."""
HAN_FIRST, HAN_LAST = min(first for first, _ in HAN_RANGES), max(last for _, last in HAN_RANGES)
"""The code points from the first Chinese block to the end of the last."""
HANGUL_FIRST, HANGUL_LAST = ord(HANGUL_SYLLABLES[0]), ord(HANGUL_SYLLABLES[2])
KEY_CHARS = 4
"""Characters of a Chinese form one integer key holds (16 bits each: Chinese is in the BMP)."""
DENSE_PAIRS = 1 << 22
"""Pair tables of up to this many cells (5 bytes each: 20 MiB) are dense arrays; the built-in
glossary's has 1.1 million. A glossary with more distinct characters (a user's pack) gets a sorted
array of its pairs, searched: 1.4 times slower, but only as large as its forms."""


@dataclass(frozen=True)
class _HanTable:
    """The glossary's Chinese forms as lookup tables over character codes (``han_forms``)."""

    first: Any
    """Character code → its number among the forms' first characters (0: starts none)."""
    second: Any
    """The same for second characters; a pair's code is ``first * width + second``."""
    width: int
    pairs: Any
    """None for a dense table; else the sorted codes of the forms' pairs, which ``two`` and
    ``starts`` follow."""
    two: Any
    """Pair code (or its place in ``pairs``) → 1 + the number of the two-character form it is
    (0: none)."""
    starts: Any
    """Pair code (or its place in ``pairs``) → whether a longer form starts with it."""
    longer: dict
    """Key length → the keys of the longer forms' first characters, sorted and distinct; where each
    one's forms start in the last array and how many there are (forms sharing their first
    characters share a key); the forms' numbers, by key."""
    names: Any
    """The forms (an object array), by number."""
    beyond_key: bool
    """Whether a form is longer than a key (its matches are then confirmed)."""

    def at(self, codes):
        """For each pair code: (1 + its two-character form's number, or 0; whether a longer form starts there)."""
        import numpy as np

        if self.pairs is None:
            return self.two[codes], self.starts[codes]
        place = np.minimum(np.searchsorted(self.pairs, codes), len(self.pairs) - 1)
        known = self.pairs[place] == codes
        return np.where(known, self.two[place], 0), known & self.starts[place]


def _key(chars: str) -> int:
    key = 0
    for char in chars:
        key = key << 16 | ord(char)
    return key


@cache
def _han_table(extra_dirs: tuple[str, ...]) -> _HanTable:
    import numpy as np

    from summary_lint.text.sparse import distinct

    forms = sorted({form for values in glossary(extra_dirs).values() for form in values if HAN_RUN.fullmatch(form)})
    codes = [np.zeros(0x10000, dtype=np.int64) for _ in range(2)]
    for k, table in enumerate(codes):
        chars = sorted({form[k] for form in forms})
        table[[ord(c) for c in chars]] = np.arange(1, len(chars) + 1)
    width = int(codes[1].max()) + 1
    cells = (int(codes[0].max()) + 1) * width
    pair_of = [int(codes[0][ord(form[0])] * width + codes[1][ord(form[1])]) for form in forms]
    pairs = None if cells <= DENSE_PAIRS else distinct(np.array(pair_of, dtype=np.int64))
    index = (lambda code: code) if pairs is None else (lambda code: int(np.searchsorted(pairs, code)))
    size = cells if pairs is None else len(pairs)  # beyond DENSE_PAIRS there are forms, so pairs
    two = np.zeros(size, dtype=np.int32)
    starts = np.zeros(size, dtype=bool)
    longer: dict[int, list[tuple[int, int]]] = {}
    for i, (form, pair) in enumerate(zip(forms, pair_of)):
        if len(form) == 2:
            two[index(pair)] = i + 1
        else:
            starts[index(pair)] = True
            longer.setdefault(min(len(form), KEY_CHARS), []).append((_key(form[:KEY_CHARS]), i))
    return _HanTable(codes[0], codes[1], width, pairs, two, starts,
                     {length: _keyed(sorted(entries)) for length, entries in sorted(longer.items())},
                     np.array(forms, dtype=object), any(len(form) > KEY_CHARS for form in forms))


def _keyed(entries: list[tuple[int, int]]) -> tuple:
    """(key, form number) pairs, sorted, as ``_HanTable.longer`` holds them: one search of the
    distinct keys finds a place's forms."""
    import numpy as np

    keys, first, count = np.unique(np.array([k for k, _ in entries], dtype=np.uint64),
                                   return_index=True, return_counts=True)
    return keys, first, count, np.array([i for _, i in entries], dtype=np.int64)


def system_name(title: str, max_words: int = 2, latin: bool = True) -> str | None:
    """The short name before the colon ("AriGraph: Learning …" → "AriGraph"), if there is one:
    at most ``max_words`` words and, with ``latin``, at least one Latin word."""
    head, sep, _ = title.partition(":")
    head = head.strip()
    if not sep or not head or len(head.split()) > max_words or (latin and not LATIN_WORD.search(head)):
        return None
    return head


LATEX_COMMAND = re.compile(r"\\[A-Za-z]+|[${}]")


def _without_latex(title: str) -> str:
    """The title with its LaTeX commands and math delimiters blanked. Most titles have none, which four
    substring tests (in C) tell for less than a regular expression's pass over the title costs."""
    if "\\" in title or "$" in title or "{" in title or "}" in title:
        return LATEX_COMMAND.sub(" ", title)
    return title


@lru_cache(maxsize=4096)
def title_names(title: str, extra_dirs: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Names of a title: the short head before its colon and CamelCase/ALLCAPS/digit tokens
    ("DotaMath", "ruMTEB", "FLAME"), except those the glossary knows (common acronyms like LLM).
    Kept for a digest's worth of titles: title-mismatch reads every title of a digest at once,
    missing-key-point each paper's as it comes."""
    title = _without_latex(title)
    found = [system_name(title) or "", *coined_names(title)]
    known = glossary(extra_dirs)
    names: dict[str, None] = {}
    for name in found:
        words = english_words(name)
        common = len(words) == 1 and len(words[0]) <= 8 and stem(words[0]) in known  # stems stop at 8 letters
        if sum(map(str.isalpha, name)) >= 3 and not common:
            names.setdefault(name, None)
    return tuple(names)


def title_terms(title: str, extra_dirs: tuple[str, ...] = ()) -> list[str]:
    """Content words of a title (lowercased), in order, one per stem, without stopwords."""
    seen: dict[str, str] = {}
    stop = stopwords("en", extra_dirs)
    for word in english_words(_without_latex(title)):
        if word in stop or len(word) < 2 or word.isdigit():
            continue
        seen.setdefault(stem(word), word)
    return list(seen.values())


def term_weight(word: str) -> float:
    """How much a title word says about the paper: its rarity in papers in general
    (``text.rarity``), and at most a quarter of a word for generic ML words."""
    key = stem(word)
    return min(0.25 if key in _GENERIC_STEMS else 1.0, rarity(key))


_GENERIC_STEMS = frozenset(stem(w) for w in GENERIC_TERMS)


# --- transliteration (Hangul loanwords ↔ English) ------------------------------------------

_CHOSEONG = "g g n d d r m b b s s _ j j ch k t p h".split()
_JONGSEONG = ["", "g", "g", "g", "n", "n", "n", "d", "r", "r", "r", "r", "r", "r", "r", "r", "m", "b", "b",
              "s", "s", "ng", "j", "ch", "k", "t", "p", "h"]


MIN_SKELETON = 4
"""Shorter consonant skeletons collide too often to count as evidence."""


@lru_cache(maxsize=65536)
def hangul_skeleton(word: str) -> str:
    """Consonants of a Hangul word in Latin letters, vowels dropped (트랜스포머 → drnsbm).

    A syllable decomposes (NFD, in C) into its initial consonant, vowel and final consonant letters,
    which ``_JAMO_CONSONANTS`` spells: 67 entries, where a table of the 11,172 syllables took
    longer to build than a small run spends on every skeleton."""
    return _syllables_skeleton(_NOT_SYLLABLE.sub("", word))


def _syllables_skeleton(syllables: str) -> str:
    """``hangul_skeleton`` of a word of syllables only (a ``hangul_words`` word: nothing to strip)."""
    return _squash(normalize("NFD", syllables).translate(_JAMO_CONSONANTS))


_NOT_SYLLABLE = re.compile(f"[^{HANGUL_SYLLABLES}]+")
_SYLLABLES = re.compile(f"[{HANGUL_SYLLABLES}]+")
_SPELT = PerWord(lambda word: _syllables_skeleton(word) if len(word) >= 3 else "")
"""Hangul word (of ``hangul_words``) → its skeleton, or "" for a word of two syllables (short skeletons
collide); a table of its own, not ``hangul_skeleton``'s cache, which strips what is not a syllable."""


_JAMO_CONSONANTS = {**{0x1100 + k: initial.replace("_", "") for k, initial in enumerate(_CHOSEONG)},
                    **{0x1161 + k: None for k in range(21)},  # the vowels
                    **{0x11A7 + k: final for k, final in enumerate(_JONGSEONG) if k}}
"""The letters of a decomposed syllable (``unicodedata``'s conjoining jamo) → their Latin consonants,
a ``str.translate`` table: initial consonants from U+1100, vowels from U+1161, finals from U+11A8."""


_ENGLISH_SOUNDS = [("tion", "sn"), ("sion", "sn"), ("ge", "j"), ("gi", "j"), ("ch", "j"), ("ph", "p"),
                   ("th", "s"), ("sh", "s"), ("ck", "k"), ("qu", "k")]
"""Letter groups spelt as one sound, replaced in this order, before ``_ENGLISH_LETTERS``."""
_ENGLISH_LETTERS = str.maketrans({"x": "ks", "f": "p", "v": "b", "z": "j", "c": "k", "q": "k", "l": "r",
                                  "w": None, "y": None, "h": None})
"""Single letters as Hangul spelling hears them, all at once (one ``str.translate``: no letter is
replaced by one that a later replacement would change, so the order does not matter)."""


def english_skeleton(word: str) -> str:
    """Consonants of an English word as Hangul spelling keeps them (transformer → drnsbm)."""
    w = _SILENT_R.sub("", word.lower())  # Korean drops non-prevocalic r
    for src, dst in _ENGLISH_SOUNDS:
        w = w.replace(src, dst)
    return _squash(_NOT_CONSONANT.sub("", w.translate(_ENGLISH_LETTERS)))


_MERGED_SOUNDS = str.maketrans("ltkpjc", "rdgbss")
"""l/r, t/d, k/g, p/b, j/s and c/s, which Hangul spelling does not tell apart."""


def _squash(s: str) -> str:
    """Merge the sounds Hangul spelling does not tell apart (t/d, k/g, p/b, s/j/ch) and doubles."""
    s = s.replace("ng", "n").replace("ch", "c").translate(_MERGED_SOUNDS)
    if _DOUBLE.search(s) is None:  # most skeletons: one search in C instead of regrouping every letter
        return s
    return "".join(map(itemgetter(0), groupby(s)))  # the first letter of each run of equal ones


_DOUBLE = re.compile(r"(.)\1")


_SILENT_R = re.compile(r"(?<=[aeiou])r(?![aeiou])")
_NOT_CONSONANT = re.compile(r"[^a-z]|[aeiou]")


@dataclass(frozen=True)
class Term:
    """A title word with everything needed to look for it in a text, computed once."""

    word: str
    stem: str
    forms: tuple[str, ...]
    weight: float

    @property
    def skeleton(self) -> str:
        """Its consonant skeleton, or "" when too short to be evidence (``_TERM_SKELETONS``)."""
        return _TERM_SKELETONS[self.word]

    @cached_property
    def scripts(self) -> frozenset[str]:
        """Scripts its forms are written in ("hangul", "han"): a Chinese text can show only Chinese
        forms. Read on first use: only the titles of the summaries scored ask."""
        return frozenset(map(script_of, self.forms))


_TERM_SKELETONS = PerWord(lambda word: skeleton if len(skeleton := english_skeleton(word)) >= MIN_SKELETON else "")
"""Title word → its ``Term.skeleton``, derived on first use: only texts with Hangul words ask (a Chinese
digest never does), and it is the dearest part of a term."""


def term(word: str, extra_dirs: tuple[str, ...] = ()) -> Term:
    """A title word prepared once for every summary it is looked for in (``_term_table``)."""
    return _term_table(extra_dirs)[word]


def terms_of(words: Iterable[str], extra_dirs: tuple[str, ...] = ()) -> list[Term]:
    """``term`` of each word, by one look-up per word in C, where a call of ``term`` per word would
    cost a Python frame each: a title asks for every one of its words."""
    return list(map(_term_table(extra_dirs).__getitem__, words))


@cache
def _term_table(extra_dirs: tuple[str, ...]) -> PerWord:
    """Word → its ``Term``, per set of ``rules-path`` folders: the one cache of terms."""
    return PerWord(lambda word: _new_term(word, extra_dirs))


def _new_term(word: str, extra_dirs: tuple[str, ...]) -> Term:
    key = stem(word)
    return Term(word=word, stem=key, forms=glossary(extra_dirs).get(key, ()), weight=term_weight(word))


@lru_cache(maxsize=65536)
def _parts(word: str, extra_dirs: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The content parts of a hyphenated word (vision-language → vision, language), or () when
    it has fewer than two: a compound counts as mentioned when all its parts are."""
    parts = tuple(part for part in word.split("-") if len(part) >= 2 and part not in stopwords("en", extra_dirs))
    return parts if len(parts) > 1 else ()


class TermIndex:
    """Many (title) words prepared to be looked for in many texts: which does each text mention?

    The same answer as one ``TextIndex.mentions`` call per (text, word) pair. A text's stems, forms
    and skeletons meet the words' keys in a few set intersections; what the keys found stand for
    (the words of a key, the parts of a compound) is expanded for all the texts at once (numpy), so
    a text costs the keys it holds, not the many words one key stands for in a large digest
    ("模型": model, models, modeling …).
    """

    def __init__(self, words, extra_dirs: tuple[str, ...] = (), transliterated: bool = True):
        """``words`` in order (a word's number is its place among the distinct ones); ``extra_dirs``:
        the run's ``rules-path`` folders (glossary and stopword packs). ``transliterated=False`` when
        no text it will be asked about has a skeleton (``TextIndex.skeletons``: no Hangul words of
        three syllables): the words' skeletons, which could match nothing, are then never derived."""
        import numpy as np

        from summary_lint.text.sparse import row_starts

        self.words = list(dict.fromkeys(words))
        compounds = {word: parts for word in self.words if "-" in word and (parts := _parts(word, extra_dirs))}
        # The parts of compounds are looked up like words: a part is mentioned as a word would be.
        looked_up = list(dict.fromkeys([*self.words, *(part for parts in compounds.values() for part in parts)]))
        number = {word: i for i, word in enumerate(looked_up)}
        terms = terms_of(looked_up, extra_dirs)
        forms = [t.forms for t in terms]
        skeletons = list(map(_TERM_SKELETONS.__getitem__, looked_up)) if transliterated else [""] * len(terms)
        # Each looked-up word's keys (its stem, forms and skeleton), in word order; the keys are
        # numbered across the three kinds (a stem and a skeleton may be spelt alike), in order of
        # first use, by dictionaries and numpy: a digest has hundreds of them.
        entries = ([t.stem for t in terms], list(chain.from_iterable(forms)), list(filter(None, skeletons)))
        owners = (np.arange(len(terms)), np.repeat(np.arange(len(terms)), list(map(len, forms))),
                  np.flatnonzero(np.fromiter(map(bool, skeletons), dtype=bool, count=len(terms))))
        kinds = [dict.fromkeys(keys) for keys in entries]
        firsts = np.cumsum([0] + list(map(len, kinds))).tolist()
        self.keys = tuple(dict(zip(kind, range(first, first + len(kind)))) for kind, first in zip(kinds, firsts))
        """Stems, forms and skeletons, each → its key number."""
        key_of = np.concatenate([np.fromiter(map(numbered.__getitem__, keys), dtype=np.int64, count=len(keys))
                                 for numbered, keys in zip(self.keys, entries)])
        order = np.argsort(key_of, kind="stable")
        self.key_starts = row_starts(key_of, firsts[-1])  # key → its looked-up words in key_words
        self.key_words = np.concatenate(owners)[order]
        self.looked_up = max(1, len(looked_up))
        # Compounds by their first part; a compound is found when every one of its parts is.
        by_first = sorted((number[parts[0]], number[word], [number[p] for p in parts[1:]])
                          for word, parts in compounds.items())
        self.first_starts = row_starts([f for f, _, _ in by_first], self.looked_up)  # looked-up word → compounds
        self.compounds = np.array([c for _, c, _ in by_first], dtype=np.int64)
        self.rest_starts = np.cumsum([0] + [len(rest) for _, _, rest in by_first])
        self.rest = np.array([p for _, _, rest in by_first for p in rest], dtype=np.int64)

    def mentions(self, texts: list[TextIndex]) -> tuple[Any, Any, int]:
        """(sorted keys ``text * size + word``, the same keys of the words found as such, size):
        the words (by number) each text mentions, and those it mentions other than through a
        compound's parts found anywhere in it; ``size`` is at least the number of words."""
        import numpy as np

        from summary_lint.text.sparse import distinct

        stems, forms, skeletons = self.keys
        hits = [[*map(stems.__getitem__, text.stems & stems.keys()), *map(forms.__getitem__, text.forms & forms.keys()),
                 *map(skeletons.__getitem__, text.skeletons & skeletons.keys())] for text in texts]
        keys = np.fromiter(chain.from_iterable(hits), dtype=np.int64, count=sum(map(len, hits)))
        rows = np.repeat(np.arange(len(texts)), [len(found) for found in hits])
        rows, looked_up = _expand(rows, self.key_starts[keys], self.key_starts[keys + 1], self.key_words)
        direct = distinct(rows * self.looked_up + looked_up)  # (text, looked-up word): what each text mentions
        found = [direct[direct % self.looked_up < len(self.words)]]
        written = found[0]
        if len(self.compounds) and len(direct):
            rows, first = np.divmod(direct, self.looked_up)
            rows, candidate = _expand(rows, self.first_starts[first], self.first_starts[first + 1],
                                      np.arange(len(self.compounds)))
            starts, ends = self.rest_starts[candidate], self.rest_starts[candidate + 1]
            owner, part = _expand(np.arange(len(candidate)), starts, ends, self.rest)
            wanted = rows[owner] * self.looked_up + part
            place = np.minimum(np.searchsorted(direct, wanted), len(direct) - 1)
            missing = np.bincount(owner[direct[place] != wanted], minlength=len(candidate))
            found.append(rows[missing == 0] * self.looked_up + self.compounds[candidate[missing == 0]])
        return distinct(np.concatenate(found)), written, self.looked_up


def _expand(rows, starts, ends, values):
    """(row, value) for every row and each of ``values[start:end]``: a CSR table's entries, selected."""
    import numpy as np

    from summary_lint.text.sparse import ranges

    lengths = ends - starts
    return np.repeat(rows, lengths), values[ranges(starts, lengths)]


FORM_SEARCHES = 64
"""Glossary forms a text looks for where they occur (``TextIndex.has_form``, a search of the text
each) before it reads all its Hangul words instead: a long title costs at most this many passes.
Summaries ask a median of 11 forms on the corpus, 34 at the 90th percentile."""


class TextIndex:
    """A text prepared for repeated "does it mention this title word?" questions.

    Only its Latin words are read at once (names are looked for in them first); its stems and
    Hangul words are read on first use: title-mismatch never asks for them of a summary that
    names its title as written, and a glossary form is looked for where it occurs (``has_form``)
    until something else needs every Hangul word."""

    def __init__(self, text: str, extra_dirs: tuple[str, ...] = (), han: tuple[set[str], int] | None = None,
                 hangul: bool = True):
        """``extra_dirs``: the run's ``rules-path`` folders (glossary and stopword packs); ``han``:
        the text's ``han_forms`` when they were found for many texts at once (``TextIndex.each``);
        ``hangul=False`` when the text is known to have no Hangul syllable (``TextIndex.each`` tells
        for a whole Chinese digest at once): it then has no Hangul words, and is never searched for them."""
        self.text = text
        self.extra_dirs = extra_dirs
        self.latin = english_text(text)
        """The Latin words, lowercased, in order, joined by single spaces."""
        self.han = han_forms([text], extra_dirs)[0] if han is None else han
        """The Chinese glossary forms the text contains, and its number of Chinese characters."""
        self.searches = 0
        """Glossary forms looked for where they occur (``has_form``)."""
        self.holds_hangul = hangul

    @cached_property
    def stems(self) -> set[str]:
        """Stems of the Latin words, and of the parts of hyphenated ones."""
        words = dict.fromkeys(self.latin.split())  # each word stemmed once
        stems = set(map(stem, words))
        if "-" in self.latin:  # the hyphenated words picked in C: a regular expression tries every character
            stems.update(map(stem, "-".join(compress(words, map(str.__contains__, words, repeat("-")))).split("-")))
        return stems

    @cached_property
    def hangul(self) -> set[str]:
        return set(hangul_words(self.text)) if self.holds_hangul else set()

    @cached_property
    def forms(self) -> set[str]:
        """Where glossary forms are looked for: Hangul words, and the Chinese forms the text contains."""
        return self.hangul | self.han[0] if self.han[0] else self.hangul

    def has_form(self, form: str) -> bool:
        """Whether a glossary form is one of ``forms``. Until those are read, only the Hangul words that
        start where the form occurs are read: a Hangul word is a run of syllables without its particle,
        so it starts a run, and a few searches of the text cost less than reading all its words."""
        if not self.holds_hangul:  # its forms are its Chinese ones
            return form in self.han[0]
        if "forms" in vars(self) or self.searches >= FORM_SEARCHES:
            return form in self.forms
        self.searches += 1
        if form in self.han[0]:
            return True
        at = self.text.find(form)
        while at >= 0:
            if at == 0 or _NOT_SYLLABLE.match(self.text, at - 1):
                run = _SYLLABLES.match(self.text, at)
                if run and hangul_words(run.group()) == [form]:
                    return True
            at = self.text.find(form, at + 1)
        return False

    @cached_property
    def scripts(self) -> frozenset[str]:
        return frozenset(name for name, count in (("hangul", len(self.hangul)), ("han", self.han[1])) if count)

    @property
    def foreign_words(self) -> int:
        """Non-Latin words, roughly (a Chinese word has about two characters)."""
        return len(self.hangul) + self.han[1] // 2

    @cached_property
    def skeletons(self) -> set[str]:
        """Consonant skeletons of the Hangul words (of three syllables or more: shorter ones collide),
        for transliterations."""
        skeletons = set(map(_SPELT.__getitem__, self.hangul))
        skeletons.discard("")
        return skeletons

    @classmethod
    def each(cls, texts: list[str], extra_dirs: tuple[str, ...] = ()) -> list[TextIndex]:
        """A TextIndex of every text, their Chinese forms found in one pass (``han_forms``). A digest with
        Chinese characters is also told at a glance at the same codes whether it has Hangul syllables:
        a Chinese digest's summaries are then never searched for Hangul words."""
        codes = _codes(texts)
        found = _han_forms(texts, codes, extra_dirs)
        if found is None:  # a Korean or English digest
            return [cls(text, extra_dirs, (set(), 0)) for text in texts]
        hangul = _holds(codes, HANGUL_FIRST, HANGUL_LAST)
        return [cls(text, extra_dirs, han, hangul) for text, han in zip(texts, found)]

    @classmethod
    def summaries(cls, ctx, group: list[int]) -> list[TextIndex]:
        """A TextIndex of each summary of a digest (``group``: its papers' indices, ``Context.digest_of``),
        built once per digest (``ctx.digest_cache``): title-mismatch and the source rules read the same words."""
        file = ctx.papers[group[0]].file
        built, texts = ctx.digest_cache.get("summary_texts", (None, None))
        if built != file:
            texts = cls.each([ctx.papers[i].summary for i in group], tuple(ctx.settings.config.rules_path))
            ctx.digest_cache["summary_texts"] = (file, texts)
        return texts

    def mentions(self, word: str | Term, transliterated: bool = True, translated: bool = True) -> str | None:
        """How the text mentions an English word: the matching English stem or Korean form, or None.

        ``transliterated=False`` skips the consonant-skeleton match (too loose for coined names);
        ``translated=False`` looks for the English word only, which needs none of the text's Hangul words."""
        t = word if isinstance(word, Term) else term(word, self.extra_dirs)
        if t.stem in self.stems:
            return t.word
        if translated:
            for form in t.forms:
                if self.has_form(form):
                    return form
            if transliterated and self.skeletons and t.skeleton in self.skeletons:
                return f"~{t.word}"
        if "-" in t.word and (parts := _parts(t.word, self.extra_dirs)) and all(
                self.mentions(part, transliterated, translated) for part in parts):
            return t.word  # vision-language as 비전-언어, tp-aware as TP … aware
        return None

    def mentions_name(self, name: str, threshold: float = 85, strict: bool = False) -> bool:
        """Whether a name ("AriGraph", "LLaVA-NeXT", "Urban Architect") appears: as written, with
        small spelling drift, or word by word, also in Korean (어반 아키텍트). ``strict`` accepts
        only the name as written, as whole words (for evidence that a summary names *another* paper)."""
        from rapidfuzz.fuzz import partial_ratio

        words = english_words(name)
        key = " ".join(words)
        if not key:
            return False
        if strict:  # as whole words: the Latin words are joined by single spaces
            return f" {key} " in f" {self.latin} "
        if key in self.latin or (len(key) >= 4 and partial_ratio(key, self.latin) >= threshold):
            return True
        head = next((part for part in re.split(r"[\s\-]+", key) if len(part) >= 4), None)
        if head and stem(head) in self.stems:  # "Whisper" for Whisper-LM, "ZeroQuant" for ZeroQuant(4+2)
            return True
        stop = stopwords("en", self.extra_dirs)
        content = [w for w in words if w not in stop]
        return bool(content) and all(self.mentions(w, transliterated=False) for w in content)
