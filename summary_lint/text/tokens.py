"""Words, the one crude stemmer, stopwords, the shape of a name, and the one IDF.

Every rule that splits a text into words or weighs them uses these, so that two rules never
disagree on what a word, a stopword or a name is:

``english_words(text)``   lowercased Latin-script words, in order (``LATIN_WORD``)
``hangul_words(text)``    Hangul words of 2+ syllables, trailing particle removed
``stem(word)``            the crude English stem used for every comparison
``stopwords(lang)``       function words, from the ``stopwords/<lang>.txt`` packs (and ``rules-path``)
``looks_like_name(tok)``  whether a ``LATIN_TOKEN`` is shaped like a model/dataset/benchmark name
                          (``compound_name_shaped[tok]``: the same with ``compound=True``, as a table)
``is_coined(name)``       whether a name is made up (kept untranslated by summaries); stricter
``name_key(name)``        one key for the spellings of a name (case, punctuation, plural s aside)
``ascii_words(text)``     the ``[a-z0-9]+`` runs of the lowercased text (``compact`` joins them)
``idf(df, docs)``         the smoothed inverse document frequency
"""

from __future__ import annotations

import math
import re
import string
import sys
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

from summary_lint.packs import load_words
from summary_lint.text.scripts import HANGUL_SYLLABLES

POSSESSIVE = "+" if sys.version_info >= (3, 11) else ""
"""Makes the quantifier before it possessive (Python 3.11 on): it never gives back what it took,
10-25% faster on English text. The same matches wherever what follows could not use a character
given back: a run of letters and digits at the end of a pattern or group (``LATIN_WORD``,
``LATIN_TOKEN``: their ``.pattern`` is used so), or before a look-ahead that refuses any shorter
run. Each pattern using it is tested against its greedy reading, which Python 3.10 runs."""
LATIN_WORD = re.compile(rf"[A-Za-z][A-Za-z0-9]*{POSSESSIVE}(?:['’\-][A-Za-z0-9]+{POSSESSIVE})*{POSSESSIVE}")
"""A word of prose: letters and digits, inner apostrophes and hyphens (don't, vision-language)."""
_TOKEN_REST = rf"[A-Za-z0-9]*{POSSESSIVE}(?:[-.][A-Za-z0-9]+{POSSESSIVE})*{POSSESSIVE}"
LATIN_TOKEN = re.compile("[A-Za-z]" + _TOKEN_REST)
"""A token as names are written: inner hyphens and dots (Vicuna-7B, Llama-3.1)."""
WHOLE_LATIN_TOKEN = re.compile("[A-Za-z](?<![A-Za-z0-9][A-Za-z])" + _TOKEN_REST)
"""A ``LATIN_TOKEN`` that no letter or digit precedes (``(?<![A-Za-z0-9])`` before it). The
look-behind comes after the first letter: ``re`` looks for a pattern that starts with a class at
that class's characters only, while one that starts with a look-behind is tried at every character
(twice as slow on a summary, English or Chinese)."""
_HANGUL_WORD_2 = re.compile(f"[{HANGUL_SYLLABLES}]{{2,}}")

PARTICLES = tuple(sorted("""
에서는 으로는 에서의 으로써 으로서 에게서 이라는 이라고 라는 라고 에서 으로 에게 까지 부터 보다 처럼 만큼
과의 와의 에는 에도 이다 입니다 하는 하여 하고 하며 한다 했다 했으며 하였다 하였으며 되는 되어 된다 됩니다
적인 적으로 들이 들을 들의 들은 들은 은 는 이 가 을 를 의 에 로 와 과 도 만 들 한 된 적
""".split(), key=len, reverse=True))
"""Korean particles and endings that follow a word (longest first)."""
_HANGUL_STEM = re.compile(f"([{HANGUL_SYLLABLES}]{{2,}}?)(?:%s)?(?![{HANGUL_SYLLABLES}])" % "|".join(PARTICLES))


def english_text(text: str) -> str:
    """The Latin words of ``text``, lowercased, in order, joined by single spaces: joined first and
    lowercased in one call (lowercasing changes only their letters, never a word's bounds)."""
    return " ".join(LATIN_WORD.findall(text)).lower()


def english_words(text: str) -> list[str]:
    return english_text(text).split()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A deliberately crude stemmer: enough to match plural and -ing/-ed forms of one word."""
    w = word.lower().replace("’", "'").split("'")[0]
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ers", "er", "ed", "es", "s"):
        if len(w) - len(suffix) >= 4 and w.endswith(suffix):
            w = w[: -len(suffix)]
            break
    return w[:8]


def hangul_words(text: str) -> list[str]:
    """Hangul words of two syllables or more, trailing particle or ending removed
    (지식 그래프를 → 지식, 그래프)."""
    return list(map(_hangul_stems.__getitem__, _HANGUL_WORD_2.findall(text)))


class PerWord(dict):
    """A word as written → ``derive(word)``, filled as words are met: a text's words are then one
    look-up each, in C (``map(table.__getitem__, words)``), where an ``lru_cache`` costs a call per
    word (a corpus has 585,000 Hangul words, 40,000 distinct). Starts over beyond ``CACHED_WORDS``,
    so its memory stays bounded."""

    def __init__(self, derive: Callable[[str], Any]):
        super().__init__()
        self.derive = derive

    def __missing__(self, word: str) -> Any:
        value = self.derive(word)
        if len(self) >= CACHED_WORDS:
            self.clear()
        self[word] = value
        return value


CACHED_WORDS = 65536

_hangul_stems = PerWord(lambda word: _HANGUL_STEM.match(word).group(1))
"""Hangul word → the word without its particle: the shortest head of 2+ syllables whose rest is a
particle (``_HANGUL_STEM`` matched on the word), found once per word."""


@cache
def stopwords(lang: str = "en", extra_dirs: tuple[str, ...] = ()) -> frozenset[str]:
    """Function words of a language (lowercase): the ``stopwords/<lang>.txt`` pack, plus the words
    of same-named files in the user's rule folders. A language without a pack has none."""
    return load_words(f"stopwords/{lang}.txt", extra_dirs)


NAME_SHAPE = re.compile(r"\d|[a-z][A-Z]|^[^A-Za-z]*[A-Z][^A-Za-z]*[A-Z]")
"""A token shaped like a name: a digit (GPT-4o), an inner capital (ChartGemma, ReAct) or two
leading capitals (SAM, BLEU, LLMs, MS-COCO, SWE-bench)."""
COMPOUND_SHAPE = re.compile(r"[A-Za-z]-[A-Z]")
"""A capitalized part after a hyphen (Light-A-Video, Chain-of-Retrieval, Vision-Language)."""


DESCRIPTIVE_HEADS = frozenset(
    "based driven powered guided aware free like level scale style specific centric generated assisted "
    "enhanced friendly oriented intensive efficient native agnostic only augmented conditioned".split())
"""Last parts that make an acronym compound a description, not a name (AI-driven, LLM-based),
unlike SWE-bench or MT-bench."""


@lru_cache(maxsize=16384)
def looks_like_name(token: str, compound: bool = False) -> bool:
    """Whether a Latin token (a ``LATIN_TOKEN`` match) is shaped like a name or an acronym.

    ``compound`` also accepts capitalized compounds. Most are terms (Fine-Tuning, Zero-Shot), so a
    claim to check against a source is not one; but made-up names are written so too
    (Light-A-Video), and so are the expansions of acronyms (Chain-of-Retrieval for CoRAG): a rule
    that counts names across papers, or that asks whether a summary names anything at all, wants
    them. Cached: the rules ask about every Latin token of every summary, and most recur (LLM, GPT-4o);
    16,384 tokens (3.5 MB) answer nearly every question on the corpus (20,121 distinct tokens)."""
    if token.rpartition("-")[2] in DESCRIPTIVE_HEADS:
        return False
    return NAME_SHAPE.search(token) is not None or (compound and COMPOUND_SHAPE.search(token) is not None)


compound_name_shaped = PerWord(lambda token: looks_like_name(token, compound=True))
"""Token → ``looks_like_name(token, compound=True)``, for a rule that asks about every token of
every summary: ``map(compound_name_shaped.__getitem__, tokens)`` is a dictionary look-up per token,
in C, where the cached function costs a Python call with a keyword argument per token."""


_ASCII_WORD_BYTES = bytes(b if chr(b) in string.ascii_lowercase + string.digits else ord(" ") for b in range(256))
"""A byte table that keeps lowercase ASCII letters and digits and blanks every other byte."""


def ascii_words(text: str) -> list[str]:
    """The runs of lowercase ASCII letters and digits in ``text.lower()`` (``[a-z0-9]+``), in order;
    any other character, a non-ASCII one too, separates them. Bytes translated in one C call and
    split: twice as fast as ``re.findall`` on an abstract."""
    return text.lower().encode("ascii", "replace").translate(_ASCII_WORD_BYTES).decode("ascii").split()


def fold_plural(name: str) -> str:
    """An acronym without its plural s (LLMs → LLM); any other token as it is."""
    return name[:-1] if len(name) > 2 and name.endswith("s") and name[-2].isupper() else name


def compact(text: str) -> str:
    """Lowercased ASCII letters and digits only: where Video-LLaVA and VideoLLaVA meet."""
    return "".join(ascii_words(text))


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """One key for the spellings of a name: MIRAGE-7B = Mirage7B, LLMs = LLM."""
    return compact(fold_plural(name))


COINED = re.compile(r"[A-Za-z0-9]*(?:[a-z][A-Z]|[A-Z]{2}[a-z]|[A-Za-z]\d|\d[A-Za-z])[A-Za-z0-9\-]*|[A-Z]{5,}")
"""A made-up name: inner capitals (DotaMath, ruMTEB), letters joined to digits (Qwen2), or five
capitals (FLAME). Stricter than ``NAME_SHAPE``: a short acronym (SAM, LLM) or a name whose digits
follow a hyphen (GPT-4) may be a common term, which summaries translate or titles share."""
_COINED_HINT = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]|[A-Za-z]\d|\d[A-Za-z]|[A-Z]{5}")
"""What every ``COINED`` match contains: half the titles have none, and searching for it is
linear where ``COINED``'s backtracking is quadratic in the word length."""


def is_coined(name: str) -> bool:
    """A made-up token (inner capitals, digits, ALLCAPS): summaries keep it as written, they do
    not translate it the way they translate "Magic Fixup" or "Meeting Delegate"."""
    return COINED.fullmatch(name) is not None


_NAME_RUN = re.compile(r"[A-Za-z\d\-]+")
"""What a ``COINED`` match is made of: every match lies inside one such run."""


_LETTER_SHAPES = str.maketrans({**dict.fromkeys(string.ascii_uppercase, "A"),
                                **dict.fromkeys(string.ascii_lowercase, "a"), **dict.fromkeys(string.digits, "0")})
"""ASCII letters and digits → their shape (A, a, 0): an ASCII text holds a ``_COINED_HINT`` iff its
shapes hold one of ``_HINT_SHAPES``."""
_HINT_SHAPES = ("aA", "AAa", "a0", "A0", "0a", "0A", "AAAAA")


def _may_hold_hint(text: str) -> bool:
    """Whether a text may hold a ``_COINED_HINT`` (exactly, for an ASCII text: nearly every title).
    Substring tests of its shapes cost a title an eighth of searching each of its runs."""
    if not text.isascii():
        return True
    shapes = text.translate(_LETTER_SHAPES)
    return any(hint in shapes for hint in _HINT_SHAPES)


def coined_names(text: str) -> list[str]:
    """The made-up names of a text (a title), in order. Only the runs that hold a hint are
    searched: ``COINED`` backtracks over every run it is tried on; most titles have none."""
    if not _may_hold_hint(text):
        return []
    return [name for run in _NAME_RUN.findall(text) if _COINED_HINT.search(run) for name in COINED.findall(run)]


def idf(df: int, docs: int) -> float:
    """Inverse document frequency of a term found in ``df`` of ``docs`` documents, smoothed (as if
    one more document held every term): 0 for a term of every document, ``log(docs + 1)`` for an
    unseen one. TF-IDF weights add 1, as scikit-learn's ``TfidfVectorizer`` does, so that a term
    of every document still counts."""
    return math.log((docs + 1) / (df + 1))
