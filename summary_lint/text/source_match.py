"""How well a (Korean) summary corresponds to an (English) source abstract, and to the other sources.

Both texts become sets of English *concepts*: word stems (``crosslingual.stem``) and numbers by
value (70억 and 7B are one concept). A summary's concepts come from its English words, its numbers,
its Hangul words through a Korean → English table learned from the corpus's (summary, abstract)
pairs (``sources/ko-en.tsv``: 복사 → radiance, 양자화 → quantization), and Hangul loanwords that
spell a word of the sources being compared (트랜스포머 → transformer). Similarity is the cosine of
the two sets, each concept weighted by its inverse document frequency over arXiv abstracts
(``sources/concept-df.tsv``), so "model" counts little and "radiance" or "SciTabQA" much. Both
packs are rebuilt by ``python -m summary_lint.tools.build_source_packs``; without them the
comparison falls back to English words, numbers and loanwords, weighted over the run's sources.

Why not ``crosslingual.glossary()`` (the title-mismatch glossary): it is mined from titles and
parentheticals, and its broad title associations (있음 → ability) added noise to every summary;
measured on the dev labels, the abstract-trained table separates faithful from defective
summaries with a wider gap (see ``source-mismatch``).

``source_match(ctx, paper)`` compares a summary with its own source and with the sources of the
other papers of its digest; each digest's sources are prepared once (cached in ``ctx.cache``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from summary_lint.text.claims import SourceFacts, number_claims, source_facts
from summary_lint.text.crosslingual import english_skeleton, hangul_skeleton
from summary_lint.text.glossary import CONCEPT_DF_PACK, document_frequencies, korean_to_english
from summary_lint.text.tokens import LATIN_WORD, hangul_words, idf, stem, stopwords
from summary_lint.model import Source

_en_skeleton = lru_cache(maxsize=65536)(english_skeleton)
_ko_skeleton = lru_cache(maxsize=65536)(hangul_skeleton)


def _number(value: float) -> str:
    return f"#{value:g}"


def _distinct_words(text: str) -> set[str]:
    """``set(english_words(text))``, lowering each distinct word once."""
    return set(map(str.lower, set(LATIN_WORD.findall(text))))


def _word_concepts(words: Iterable[str]) -> set[str]:
    """Stems of the content words (each distinct word is stemmed once)."""
    return set(map(stem, [w for w in set(words).difference(stopwords()) if len(w) > 1]))


@dataclass
class SourceProfile:
    """A source abstract as concepts, plus the words a Hangul loanword could spell."""

    concepts: frozenset[str]
    loan_candidates: frozenset[str]

    @classmethod
    def of(cls, source: Source, facts: SourceFacts | None = None) -> SourceProfile:
        facts = facts or SourceFacts.of(source)
        words = _distinct_words(facts.text).difference(stopwords())
        concepts = _word_concepts(words) | {_number(v) for v in facts.values}
        return cls(frozenset(concepts), frozenset(w for w in words if len(w) >= 4))


LOANWORD_MAX_DF = 20
"""Loanwords are looked up for rare words only (at most this many abstracts of the pack): common
words reach a summary's concepts through the ko-en table (트랜스포머 → transformer is in it), and
skipping them keeps a corpus run fast."""


def loanword_index(words: set[str]) -> dict[str, set[str]]:
    """Consonant skeleton → stems, to recognise Hangul loanwords of these English words.

    The skeletons are ``crosslingual``'s (트랜스포머 and transformer share one), looked up exactly
    rather than by comparing skeletons word against word: one dictionary lookup per Hangul
    word keeps a corpus run within its time budget.
    """
    index: dict[str, set[str]] = {}
    for word in words:
        skeleton = _en_skeleton(word)
        if len(skeleton) >= 3:
            index.setdefault(skeleton, set()).add(stem(word))
    return index


def summary_concepts(text: str, loanwords: dict[str, set[str]] | None = None) -> frozenset[str]:
    """Concepts of a summary: English words, numbers, glossary translations, and Hangul loanwords
    of the words in ``loanwords`` (skeleton → stems, from the sources it is compared with)."""
    concepts = _word_concepts(_distinct_words(text))
    concepts |= {_number(c.value * c.scale) for c in number_claims(text)}
    ko_en = korean_to_english()
    for word in set(hangul_words(text)):
        if word in ko_en:
            concepts |= ko_en[word]
        elif loanwords and len(word) >= 3:
            concepts |= loanwords.get(_ko_skeleton(word), set())
    return frozenset(concepts)


class Weights(dict):
    """Concept → squared inverse document frequency (the pack's, or the run's sources' without it)."""

    def __init__(self, run_sources: Iterable[frozenset[str]]):
        """``run_sources`` is only read without the pack (it may be a lazy generator)."""
        super().__init__()
        docs, df = document_frequencies(CONCEPT_DF_PACK)
        if not docs:
            run_sources = list(run_sources)
            docs, df = len(run_sources), {}
            for concepts in run_sources:
                for c in concepts:
                    df[c] = df.get(c, 0) + 1
        self.docs, self.df = docs, df

    def __missing__(self, concept: str) -> float:
        w = self[concept] = (idf(self.df.get(concept, 0), self.docs) + 1) ** 2
        return w

    def norm(self, concepts: frozenset[str]) -> float:
        return math.sqrt(sum(map(self.__getitem__, concepts)))

    def cosine(self, a: frozenset[str], b: frozenset[str], norm_a: float, norm_b: float) -> float:
        if not norm_a or not norm_b:
            return 0.0
        return sum(map(self.__getitem__, a & b)) / (norm_a * norm_b)


@dataclass
class SourceMatch:
    """One summary against the sources of its digest."""

    own: float
    """Similarity to its own source."""
    best_other: float
    """Highest similarity to another paper's source in the same digest (0 when there is none)."""
    best_other_index: int | None
    competitors: int
    """How many other sources the digest has (0: the paper is alone, judged on ``own`` only)."""
    shared: list[str]
    """The most telling concepts the summary shares with its own source (for evidence)."""
    concepts: int = 0
    """How many concepts the summary yields at all: a summary in a language the packs do not map
    yields almost none, and then no similarity says anything."""


def _profile(ctx, source: Source) -> SourceProfile:
    profiles = ctx.cache.setdefault("source_profiles", {})
    if source.arxiv_id not in profiles:
        profiles[source.arxiv_id] = SourceProfile.of(source, source_facts(ctx, source))
    return profiles[source.arxiv_id]


def _weights(ctx) -> Weights:
    """The run's concept weights; only without the df pack are all the run's sources prepared."""
    if "source_weights" not in ctx.cache:
        ctx.cache["source_weights"] = Weights(
            _profile(ctx, src).concepts for p in ctx.papers if (src := ctx.source(p)) is not None)
    return ctx.cache["source_weights"]


@dataclass
class _Digest:
    """The sources of one digest, prepared once for every summary of it."""

    members: list[tuple[int, str]]
    """(paper index, source key) of the digest's papers that have a source."""
    profiles: dict[str, SourceProfile]
    norms: dict[str, float]
    loanwords: dict[str, set[str]]
    paper_of: dict[str, int]
    """Source key → paper index."""
    rare: dict[str, list[str]]
    """Concept → the members' sources holding it, for concepts in few of them: in a large digest a
    summary is scored only against the sources sharing one of these (every competitor that could
    win shares some rare concept; common ones add about as much to every source)."""


def _digest(ctx, paper) -> _Digest:
    """The prepared sources of ``paper``'s digest (the papers each summary is compared within)."""
    cache = ctx.cache.setdefault("source_match", {})
    file = paper.file
    if file not in cache:
        weights = _weights(ctx)
        members, profiles = [], {}
        for i in ctx.digest_of(paper):
            src = ctx.source(ctx.papers[i])
            if src is not None:
                members.append((i, src.arxiv_id))
                profiles[src.arxiv_id] = _profile(ctx, src)
        candidates = set().union(*(profiles[key].loan_candidates for _, key in members))
        loanwords = loanword_index({w for w in candidates if weights.df.get(stem(w), 0) <= LOANWORD_MAX_DF})
        norms = {key: weights.norm(p.concepts) for key, p in profiles.items()}
        postings: dict[str, list[str]] = {}
        if len(members) > INDEX_FROM:
            for _, key in members:
                for concept in profiles[key].concepts:
                    postings.setdefault(concept, []).append(key)
        limit = max(RARE_POSTINGS, len(members) // 50)
        rare = {concept: keys for concept, keys in postings.items() if len(keys) <= limit}
        cache[file] = _Digest(members, profiles, norms, loanwords, {key: i for i, key in members}, rare)
    return cache[file]


INDEX_FROM = 200
"""Digests up to this many sources compare every summary with every source (exact, n²); larger
ones go through the rare-concept index (about linear)."""
RARE_POSTINGS = 20
"""A concept in at most this many of a digest's sources (or 2% of them) is rare there."""

SAME_SOURCE = 0.9
"""Two abstracts this similar are copies of one text, not two papers."""


def source_match(ctx, paper) -> SourceMatch | None:
    """The paper's summary against its own source and the other sources of its digest (None
    without a source). Per paper, so that it runs in the worker processes; each digest's sources
    are prepared once per process."""
    source = ctx.source(paper)
    if source is None:
        return None
    weights, digest = _weights(ctx), _digest(ctx, paper)
    key = source.arxiv_id
    profiles, norms = digest.profiles, digest.norms
    concepts = summary_concepts(paper.summary, digest.loanwords)
    norm = weights.norm(concepts)
    own = weights.cosine(concepts, profiles[key].concepts, norm, norms[key])
    if digest.rare:  # large digest: only the sources sharing a rare concept can compete
        keys = {other for concept in concepts & digest.rare.keys() for other in digest.rare[concept]}
        rivals = [(digest.paper_of[other], other) for other in keys if other != key]
    else:
        rivals = [(j, other) for j, other in digest.members if other != key]
    others = sorted(((weights.cosine(concepts, profiles[other].concepts, norm, norms[other]), j, other)
                     for j, other in rivals), key=lambda x: (-x[0], x[1]))
    # Another paper listed with (nearly) the same abstract, an upstream copy error, is no competitor:
    # a summary cannot match its own source better than a copy of it.
    best, best_index = next(((sim, j) for sim, j, other in others
                             if weights.cosine(profiles[key].concepts, profiles[other].concepts, norms[key],
                                               norms[other]) < SAME_SOURCE), (0.0, None))
    shared = sorted(concepts & profiles[key].concepts, key=lambda c: (-weights[c], c))[:6]
    return SourceMatch(own, best, best_index, len(digest.members) - 1, shared, len(concepts))
