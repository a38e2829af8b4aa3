"""Concrete claims in a summary (numbers, names) and whether a source abstract supports them.

A *claim* is a number (``82%``, ``1.5배``, ``70억``, ``35M``) or a name-like Latin token (a model,
dataset, benchmark or metric: ``ChartGemma``, ``SQuAD``, ``BLEU``, ``Vicuna-7B``). Summaries are
Korean and sources English, so support is checked on normalized forms:

* numbers compare by value after scaling (70억 = 7B = 7 billion = 7,000,000,000; 1.5배 = 1.5x =
  1.5 times; 2배 = twice / two-fold), with the summary's rounding (5.8% ← 5.83%), and English
  number words in the source count (``five benchmarks`` supports ``5개``);
* names compare case- and punctuation-insensitively (``Video-LLaVA`` = ``VideoLLaVA``), plurals of
  acronyms fold (``LLMs``), an acronym is supported by the initials of its expansion
  (``VLM`` ← ``vision-language model``), and a variant is supported by its family name
  (``SenseVoice-Small`` ← ``SenseVoice``).

Hangul words are never claims: a transliteration (트랜스포머) is a translation, not a new fact.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache

from summary_lint.text.tokens import WHOLE_LATIN_TOKEN, ascii_words, compact, fold_plural, looks_like_name

CJK_SCALE = {"천": 1e3, "만": 1e4, "억": 1e8, "조": 1e12, "千": 1e3, "万": 1e4, "亿": 1e8}
"""Korean and Chinese number units: 70억 = 7B, 100亿 = 10B."""
LATIN_SCALE = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12,
               "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
NUMBER_WORDS = {
    "one": 1, "single": 1, "two": 2, "twice": 2, "double": 2, "doubles": 2, "doubling": 2, "pair": 2,
    "three": 3, "thrice": 3, "triple": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000, "half": 0.5, "halves": 0.5,
    "first": 1, "second": 2, "third": 3, "quarter": 0.25,
}
NUMBER_WORDS |= {f"{word}fold": value for word, value in NUMBER_WORDS.items() if value >= 2}

# A number standing on its own: not part of a name (GPT-4, 8-A100, 40G) and not a version (v1.5).
# The character before it is checked after its first digit (``\d(?<![…]\d)``), not before: a pattern
# that starts with a digit is searched for digits only (``re``'s prefix scan), one that starts with a
# lookbehind is tried at every character, three times slower on a summary.
_SUMMARY_NUMBER = re.compile(
    r"(\d(?<![A-Za-z0-9.\-_/]\d)(?:\d{0,2}(?:,\d{3})+|\d*(?:\.\d+)?))"
    r"(\s?(?:%p|%|퍼센트|배|x|×|[천만억조千万亿]|[kKMBT](?![A-Za-z])|thousand|million|billion|trillion))?"
    r"(?![A-Za-z0-9\-])"
)
_VERSION_OF = re.compile(r"[A-Za-z] $")
"""A bare number right after a Latin word is a version ("Llama 3.1", "Claude 3"), part of a name."""
_ANY_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?(%|thousand|million|billion|trillion|[kKMBT](?![a-z]))?")
_INITIAL = re.compile(r"(?<![a-z])[a-z]")
"""The first letter of every run of letters."""
_SENTENCE = re.compile(r".+?(?:[.!?](?=\s|$)|$)")


@dataclass(frozen=True)
class Claim:
    text: str
    kind: str
    """"number" or "name"."""
    start: int
    end: int
    value: float = 0.0
    decimals: int = 0
    scale: float = 1.0


def _parse_number(digits: str) -> tuple[float, int]:
    plain = digits.replace(",", "")
    return float(plain), len(plain.split(".")[1]) if "." in plain else 0


def number_claims(text: str) -> list[Claim]:
    """Numbers in a summary worth checking (years and bare 0/1 are skipped: they say nothing)."""
    out = []
    for m in _SUMMARY_NUMBER.finditer(text):
        value, decimals = _parse_number(m.group(1))
        unit = (m.group(2) or "").strip()
        scale = CJK_SCALE.get(unit) or LATIN_SCALE.get(unit) or 1.0
        start = m.start()  # a version's "X " ("X \n") ends within the 3 characters before the number
        if not unit and (value in (0, 1) or (decimals == 0 and 1900 <= value <= 2100)
                         or _VERSION_OF.search(text, max(start - 3, 0), start)):
            continue
        out.append(Claim(m.group(0).strip(), "number", m.start(), m.end(), value, decimals, scale))
    return out


_TWO_LETTERS = re.compile(r"[A-Za-z][^A-Za-z]*[A-Za-z]")


@lru_cache(maxsize=65536)
def _is_name(token: str, common: frozenset[str]) -> bool:
    if not _TWO_LETTERS.search(token) or token.lower() in common or fold_plural(token).lower() in common:
        return False
    return looks_like_name(token)


def name_claims(text: str, common: frozenset[str] = frozenset()) -> list[Claim]:
    """Model, dataset, benchmark and metric names: tokens with digits, inner capitals or acronyms."""
    return [Claim(m.group(0), "name", m.start(), m.end()) for m in WHOLE_LATIN_TOKEN.finditer(text)
            if _is_name(m.group(0), common)]


def extract_claims(text: str, common: frozenset[str] = frozenset(), distinct: bool = True) -> list[Claim]:
    """Every claim of a summary, in text order: each distinct claim once, or every occurrence
    (``distinct=False``, for marking them all in a report)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for c in sorted(number_claims(text) + name_claims(text, common), key=lambda c: c.start):
        key = (c.kind, c.text.lower())
        if not distinct or key not in seen:
            seen.add(key)
            out.append(c)
    return out


def number_values(text: str, words: set[str] | None = None) -> list[float]:
    """Every value a source text states: digits (scaled: 7B → 7e9), number words, 1.5x, 50% → 1.5.

    ``words``: the text's lowercase words, when the caller has them already.
    """
    words = set(ascii_words(text)) if words is None else words
    values = [float(NUMBER_WORDS[w]) for w in NUMBER_WORDS.keys() & words]
    for m in _ANY_NUMBER.finditer(text):
        value = float(m.group(1).replace(",", ""))
        values.append(value)
        unit = m.group(2)
        if unit in LATIN_SCALE:
            values.append(value * LATIN_SCALE[unit])
        elif unit == "%":  # "improves 50%" supports "1.5배"
            values.append(1 + value / 100)
    return values


class SourceFacts:
    """A source (title + abstract) prepared for ``supports(claim)`` and ``nearest(claim)``."""

    def __init__(self, text: str):
        self.text = " ".join(text.split())
        words = ascii_words(self.text)
        self.words = set(words)
        self.compact = "".join(words)
        """The text without case, spaces or punctuation (Video-LLaVA and VideoLLaVA meet here):
        ``compact(text)``, from the words at hand."""

    @cached_property
    def values(self) -> list[float]:
        """Every value the text states (``number_values``): read when a rule asks (leaked-content,
        which builds facts for every paper, never does)."""
        return number_values(self.text, self.words)

    @cached_property
    def _sorted_values(self) -> list[float]:
        return sorted(self.values)

    @cached_property
    def _sentences(self) -> list[tuple[str, int]]:
        """The text's sentences, each with the offset where it ends."""
        out, end = [], 0
        for m in _SENTENCE.finditer(self.text):
            sentence = m.group().strip()
            if sentence:
                end = self.text.index(sentence, end) + len(sentence)
                out.append((sentence, end))
        return out

    @cached_property
    def _number_positions(self) -> list[tuple[float, int]]:
        """(log10 of the value, offset) of every number the text writes."""
        return [(math.log10(max(float(m.group(1).replace(",", "")), 1e-9)), m.start())
                for m in _ANY_NUMBER.finditer(self.text)]

    @cached_property
    def initials(self) -> str:
        """First letters of the words in order, where acronyms are expanded (vision-language model)."""
        return "".join(_INITIAL.findall(self.text.lower()))

    @classmethod
    def of(cls, source) -> SourceFacts:
        """The facts of a ``sources.Source``: its title (as a sentence of its own) and abstract."""
        return cls(f"{source.title.rstrip('.')}.\n{source.abstract}" if source.title else source.abstract)

    def supports(self, claim: Claim) -> bool:
        if claim.kind == "number":
            return self._supports_number(claim)
        return self._supports_name(claim.text)

    def _supports_number(self, claim: Claim) -> bool:
        tolerance = 0.5 * 10 ** -claim.decimals + 1e-9
        targets = {claim.value * claim.scale: tolerance * claim.scale}
        if claim.scale in CJK_SCALE.values():  # 70억 = 100亿/10 = 7B: compare in any Latin scale
            for scale in (1e3, 1e6, 1e9, 1e12):
                targets.setdefault(claim.value * claim.scale / scale, tolerance * claim.scale / scale)
        else:
            targets.setdefault(claim.value, tolerance)
        values = self._sorted_values
        for t, tol in targets.items():  # the values nearest t on either side decide
            i = bisect_left(values, t)
            if any(abs(v - t) <= tol for v in values[max(i - 1, 0):i + 1]):
                return True
        return False

    def _supports_name(self, name: str) -> bool:
        folded = fold_plural(name)
        key = compact(folded)
        if (key in self.words) if len(key) <= 3 else (key in self.compact):
            return True
        if folded.isupper() and folded.isalpha() and 2 <= len(folded) <= 6 and folded.lower() in self.initials:
            return True
        head = re.split(r"[-.]", folded)[0]
        return head != folded and len(head) >= 3 and self._supports_name(head)

    def nearest(self, claim: Claim) -> str:
        """The source sentence closest to the claim (the nearest number in value, or the most similar words)."""
        if not self._sentences:
            return ""
        if claim.kind == "number" and self._number_positions:
            target = math.log10(max(claim.value * claim.scale, 1e-9))
            at = min((abs(value - target), start) for value, start in self._number_positions)[1]
            for sentence, end in self._sentences:
                if end > at:
                    return _clip(sentence)
        from rapidfuzz import fuzz, process

        best = process.extractOne(claim.text.lower(), [sentence for sentence, _ in self._sentences],
                                  scorer=fuzz.partial_ratio,
                                  processor=str.lower)
        return _clip(best[0])


def source_facts(ctx, source, keep: bool = True) -> SourceFacts:
    """The facts of a source, built once per digest and shared by the source rules; with
    ``keep=False`` taken from there when built already, else built and not kept (a rule that reads
    every paper of the run once)."""
    cache = ctx.digest_cache.setdefault("source_facts", {})
    facts = cache.get(source.arxiv_id)
    if facts is None:
        facts = SourceFacts.of(source)
        if keep:
            cache[source.arxiv_id] = facts
    return facts


def _clip(sentence: str, width: int = 160) -> str:
    return sentence if len(sentence) <= width else sentence[: width - 1] + "…"


@lru_cache(maxsize=8)
def common_terms(extra_dirs: tuple[str, ...] = ()) -> frozenset[str]:
    """Acronyms too general to be a claim (AI, NLP, GPU …), from the ``claims`` rule pack."""
    from summary_lint.packs import load_pack

    return frozenset(t.lower() for t in load_pack("claims", extra_dirs).get("common-terms", []))
