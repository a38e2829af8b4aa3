"""How well a (Korean) summary corresponds to an (English) source abstract, and to the other sources.

Both texts become sets of English *concepts*: word stems (``crosslingual.stem``) and numbers by
value (70억 and 7B are one concept). A summary's concepts come from its English words, its numbers,
its Hangul words through a Korean → English table learned from the corpus's (summary, abstract)
pairs (``sources/ko-en.tsv``: 복사 → radiance, 양자화 → quantization), and Hangul loanwords that
spell a word of the sources being compared (트랜스포머 → transformer; such a guess enters the
summary's norm only when it hits its own source, so that no similarity depends on which other
sources share the file). Similarity is the cosine of
the two sets, each concept weighted by its inverse document frequency over arXiv abstracts
(``sources/concept-df.tsv``), so "model" counts little and "radiance" or "SciTabQA" much. Both
packs are rebuilt by ``python -m summary_lint.tools.build_source_packs``; without them the
comparison falls back to English words, numbers and loanwords, weighted over the run's sources.

Why not ``crosslingual.glossary()`` (the title-mismatch glossary): it is mined from titles and
parentheticals, and its broad title associations (있음 → ability) added noise to every summary;
measured on the dev labels, the abstract-trained table separates faithful from defective
summaries with a wider gap (see ``source-mismatch``).

``source_match(ctx, paper)`` compares a summary with its own source and with the sources of the
other papers of its digest; each digest is compared at once, the first time one of its papers
asks (kept in ``ctx.digest_cache`` until the next digest).

Complexity: preparing a digest is linear in its text (each distinct word of a text is one
dictionary look-up, ``tokens.PerWord``; the loanword index of a digest's sources is built only
when one of its summaries has a Hangul word the ko-en table lacks, so never for a Chinese
digest, from the rare words of its sources only); a digest of up to ``INDEX_FROM`` sources
compares every summary with every source (at most 200², vectorized); a larger one only with the
``MAX_RIVALS`` sources sharing the most weight of its rare concepts (in at most ``RARE_POSTINGS``
of the sources), joined through an inverted index, and the ``LEAD_SAMPLE`` sources its lead is
measured on; the pairs are scored in one numpy pass (``text.sparse``): linear in the digest (a
summary meets at most its concepts × ``RARE_POSTINGS`` postings and is scored against at most
``MAX_RIVALS + LEAD_SAMPLE`` sources). A summary's mean similarity to all
the other sources (``SourceMatch.typical``) takes one more pass over its concepts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from hashlib import blake2b
from itertools import chain

import numpy as np

from summary_lint.model import Source
from summary_lint.text.claims import SourceFacts, number_claims, source_facts
from summary_lint.text.crosslingual import TextIndex, english_skeleton, hangul_skeleton
from summary_lint.text.glossary import CONCEPT_DF_PACK, document_frequencies, korean_to_english
from summary_lint.text.sparse import SparseRows, distinct, ranges, run_lengths, run_starts
from summary_lint.text.tokens import LATIN_WORD, PerWord, idf, stem, stopwords


def _number(value: float) -> str:
    return f"#{value:g}"


def _concept(word: str) -> str:
    """The stem of the lowercased word, or "" for a stopword or a one-letter word."""
    lower = word.lower()
    return "" if len(lower) <= 1 or lower in stopwords() else stem(lower)


_CONCEPT_OF = PerWord(_concept)


def _concepts(words: Iterable[str]) -> set[str]:
    """Stems of the content words among ``words`` (Latin words, as written or lowercased), less
    stopwords and single letters."""
    concepts = set(map(_CONCEPT_OF.__getitem__, words))
    concepts.discard("")
    return concepts


@dataclass
class SourceProfile:
    """A source abstract as concepts, with the distinct Latin words (as written) they come from."""

    concepts: frozenset[str]
    words: frozenset[str]
    """For ``loanword_index``, in a digest with a Korean summary: kept from the one tokenization
    (a profile lives as long as its digest is checked)."""

    @classmethod
    def of(cls, source: Source, facts: SourceFacts | None = None) -> SourceProfile:
        facts = facts or SourceFacts.of(source)
        words = frozenset(LATIN_WORD.findall(facts.text))
        return cls(frozenset(_concepts(words) | {_number(v) for v in facts.values}), words)


LOANWORD_MAX_DF = 20
"""Loanwords are looked up for rare words only (at most this many abstracts of the pack): common
words reach a summary's concepts through the ko-en table (트랜스포머 → transformer is in it), and
skipping them keeps a corpus run fast."""


def loanword_index(words: Iterable[str], loan_keys: Mapping[str, tuple[str, str] | None]) -> dict[str, set[str]]:
    """Consonant skeleton → stems, to recognise Hangul loanwords of these Latin words (as written):
    ``loan_keys`` (``Weights.loan_keys``) keeps the rare content words of four letters or more.

    The skeletons are ``crosslingual``'s (트랜스포머 and transformer share one), looked up exactly
    rather than by comparing skeletons word against word: one dictionary lookup per Hangul
    word keeps a corpus run within its time budget.
    """
    index: dict[str, set[str]] = {}
    for skeleton, concept in filter(None, map(loan_keys.__getitem__, words)):
        index.setdefault(skeleton, set()).add(concept)
    return index


def summary_concepts(text: TextIndex, loanwords: Callable[[], dict[str, set[str]]] | None = None
                     ) -> tuple[frozenset[str], frozenset[str]]:
    """Concepts of a summary (its ``TextIndex``, whose words title-mismatch reads too): English
    words, numbers and glossary translations; then, apart, the stems its Hangul loanwords may spell
    among the words in ``loanwords()`` (skeleton → stems, from the sources it is compared with;
    only asked for when a Hangul word is not in the glossary, so never for a Chinese summary).
    Those are guesses: the more sources they are drawn from, the more of them are wrong."""
    concepts = _concepts(text.latin.split())
    concepts |= {_number(c.value * c.scale) for c in number_claims(text.text)}
    ko_en = korean_to_english()
    concepts.update(*map(ko_en.__getitem__, text.hangul & ko_en.keys()))
    unknown = [word for word in text.hangul if len(word) >= 3 and word not in ko_en]
    if not (loanwords and unknown):
        return frozenset(concepts), frozenset()
    index = loanwords()
    guessed = frozenset().union(*(index.get(hangul_skeleton(word), ()) for word in unknown))
    return frozenset(concepts), guessed - concepts


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

    @cached_property
    def loan_keys(self) -> PerWord:
        """A Latin word as written → (consonant skeleton, stem) when a Hangul loanword of it is
        looked for (``loanword_index``), else None: derived once per run, each word's skeleton
        only when the word is rare."""
        def loan_key(word: str) -> tuple[str, str] | None:
            concept = _CONCEPT_OF[word] if len(word) >= 4 else ""
            if not concept or self.df.get(concept, 0) > LOANWORD_MAX_DF:
                return None
            skeleton = english_skeleton(word)
            return (skeleton, concept) if len(skeleton) >= 3 else None

        return PerWord(loan_key)


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
    typical: float = 0.0
    """Mean similarity to the other sources of the digest (0 when there is none): what the summary
    shares with abstracts in general. Unlike the best of them, it does not grow with their number."""
    sampled_other: float | None = 0.0
    """Highest similarity among ``LEAD_SAMPLE`` other sources of the digest (``best_other`` itself in a
    digest of up to ``LEAD_SAMPLE + 1`` sources): what the lead is measured against, so that it means
    the same in a digest of 15 papers and in an archive of thousands. None: not measured (a summary
    specific enough that its lead decides nothing, ``digest_matches``' ``lead_below``)."""
    best_other_own: float = 0.0
    """How well the best other source's own summary matches it: a summary fitting another paper's
    source better than its own, but less than that paper's summary does, met it by chance (the best
    of thousands of sources is closer by chance than the best of a day's); a misplaced summary fits
    it as well."""


def _profile(ctx, source: Source) -> SourceProfile:
    profiles = ctx.digest_cache.setdefault("source_profiles", {})
    if source.arxiv_id not in profiles:
        profiles[source.arxiv_id] = SourceProfile.of(source, source_facts(ctx, source))
    return profiles[source.arxiv_id]


def _weights(ctx) -> Weights:
    """The run's concept weights; only without the df pack are all the run's sources prepared."""
    if "source_weights" not in ctx.cache:
        ctx.cache["source_weights"] = Weights(_run_concepts(ctx))
    return ctx.cache["source_weights"]


def _run_concepts(ctx) -> Iterator[frozenset[str]]:
    """The concepts of every source of the run, read only when asked for (a generator's body runs
    at its first item)."""
    for paper in ctx.every_paper():
        if (src := ctx.source(paper)) is not None:
            yield _profile(ctx, src).concepts


INDEX_FROM = 200
"""Digests up to this many sources compare every summary with every source (exact, n²); larger
ones go through the rare-concept index (about linear)."""
RARE_POSTINGS = 20
"""A concept in at most this many of a digest's sources is rare there: a fixed number, so that what a
summary meets through the index does not grow with the digest."""
MAX_RIVALS = 32
"""Other sources a summary of a large digest is compared with: those sharing the most weight of its
rare concepts (a competitor that could beat its own source shares its rare terms)."""

LEAD_SAMPLE = 31
"""Other sources a summary's lead is measured against: in a larger digest, the 31 that follow its own
source in a fixed pseudo-random order of arXiv ids (``ring_positions``). The best of many sources
is closer by chance than the best of a few, so against every source the lead would shrink as the
digest grows; the corpus's days, on which the margins were measured, have at most 55 sources, and
93% of its summaries sit in days of at most 32."""

SAME_SOURCE = 0.9
"""Two abstracts this similar are copies of one text, not two papers."""


def source_match(ctx, paper, lead_below: float = math.inf) -> SourceMatch | None:
    """The paper's summary against its own source and the other sources of its digest (None
    without a source). Per paper, so that it runs in the worker processes; each digest is
    compared all at once, when its first paper asks (``ctx.digest_cache``). ``lead_below``: see
    ``digest_matches``."""
    if not ctx.has_source(paper):
        return None
    key = (paper.file, lead_below)  # a caller asking for other leads gets its own
    cached, matches = ctx.digest_cache.get("source_match", (None, None))
    if cached != key:
        matches = digest_matches(ctx, ctx.digest_of(paper), lead_below)
        ctx.digest_cache["source_match"] = (key, matches)
    return matches[id(paper)]


def digest_matches(ctx, group: list[int], lead_below: float = math.inf) -> dict[int, SourceMatch]:
    """Every summary of a digest (paper indices ``group``) against the digest's sources, by ``id``
    of the paper.

    Concepts are numbered in sorted order and sums run in that order (never in hash order).
    Small digests: every summary against every other source; large ones: against the sources
    sharing a concept that is rare in the digest (an inverted index joined with the summaries'
    concepts) and the ``LEAD_SAMPLE`` its lead is measured on. Similarities of all pairs come from
    one vectorized pass (``text.sparse``). A summary whose specificity (``own - typical``) is at
    least ``lead_below`` is not compared with a sample: its lead decides nothing for the caller
    (``sampled_other`` is None then; in a digest of more than ``LEAD_SAMPLE + 1`` sources only).
    """
    weights = _weights(ctx)
    papers = [ctx.papers[i] for i in group]
    texts = TextIndex.summaries(ctx, group)
    members = [(i, paper, src, text) for i, paper, text in zip(group, papers, texts)
               if (src := ctx.source(paper)) is not None]
    profiles = {src.arxiv_id: _profile(ctx, src) for _, _, src, _ in members}

    @cache
    def loanwords() -> dict[str, set[str]]:
        return loanword_index(set().union(*(p.words for p in profiles.values())), weights.loan_keys)

    found = [summary_concepts(text, loanwords) for _, _, _, text in members]
    summaries = [sure | guessed for sure, guessed in found]
    # A summary's norm counts a loanword guess only where it hits the summary's own source, so its
    # similarity to that source is what it would be alone in its file, however many sources the
    # guesses were drawn from (a merged archive draws thousands); a guess that hits another source
    # still adds to that pair's product.
    normed = [sure | (guessed & profiles[src.arxiv_id].concepts)
              for (sure, guessed), (_, _, src, _) in zip(found, members)]
    sources = list(profiles)
    number = {key: k for k, key in enumerate(sources)}
    source_of = np.array([number[src.arxiv_id] for _, _, src, _ in members], dtype=np.int64)
    names = sorted(set().union(*(p.concepts for p in profiles.values()), *summaries))
    column = {c: k for k, c in enumerate(names)}
    weight = np.array([weights[c] for c in names], dtype=np.float64)
    source_rows = _rows([profiles[key].concepts for key in sources], column)
    summary_rows = _rows(summaries, column)
    source_norm = np.sqrt(source_rows.row_sums(len(sources), weight))
    summary_norm = np.sqrt(_rows(normed, column).row_sums(len(members), weight))

    def cosine(rows, a, b, norm_a) -> np.ndarray:
        dot = rows.pair_sums(a, b, weight, other=source_rows)
        norms = norm_a[a] * source_norm[b]
        return np.divide(dot, norms, out=np.zeros(len(a)), where=norms > 0)

    everyone = np.arange(len(members))
    own = cosine(summary_rows, everyone, source_of, summary_norm)
    typical = _typical(summary_rows, source_rows, weight, summary_norm, source_norm, own)
    measured = own - typical < lead_below  # the summaries whose lead can decide
    sampled = _sample(source_of, sources, measured)
    first, second, paper_index = _rivals(members, source_of, summary_rows, source_rows, weight, source_norm, sampled)
    sims = cosine(summary_rows, first, second, summary_norm)
    order = np.lexsort((paper_index, -sims, first))  # per summary: best first, ties to the earlier paper
    first, second, sims, paper_index = first[order], second[order], sims[order], paper_index[order]
    # Another paper listed with (nearly) the same abstract, an upstream copy error, is no competitor:
    # a summary cannot match its own source better than a copy of it. Only each summary's leader is
    # checked, and the next one when the leader is such a copy.
    alive = np.ones(len(first), dtype=bool)

    def leaders_among(candidates: np.ndarray) -> np.ndarray:
        while True:
            leaders = np.flatnonzero(alive & candidates)
            leaders = leaders[run_starts(first[leaders])]
            copied = cosine(source_rows, source_of[first[leaders]], second[leaders], source_norm) >= SAME_SOURCE
            copies = leaders[copied]
            if not len(copies):
                return leaders
            alive[copies] = False

    leaders = leaders_among(np.ones(len(first), dtype=bool))
    own_of_source = np.zeros(len(sources))
    np.maximum.at(own_of_source, source_of, own)  # papers listed twice share a source: the better summary
    best = {int(first[k]): (float(sims[k]), int(paper_index[k]), float(own_of_source[second[k]])) for k in leaders}
    if sampled is not None:  # else the sample is every other source: the same leaders
        leaders = leaders_among(np.isin(first * len(sources) + second, sampled))
    best_sampled = {int(first[k]): float(sims[k]) for k in leaders}
    matches = {}
    for m, (_, paper, src, _) in enumerate(members):
        concepts = normed[m]
        shared = sorted(concepts & profiles[src.arxiv_id].concepts, key=lambda c: (-weights[c], c))[:6]
        best_other, best_index, best_other_own = best.get(m, (0.0, None, 0.0))
        sampled_other = best_sampled.get(m, 0.0 if measured[m] or sampled is None else None)
        matches[id(paper)] = SourceMatch(float(own[m]), best_other, best_index, len(members) - 1, shared, len(concepts),
                                         float(typical[m]), sampled_other, best_other_own)
    return matches


def _typical(summary_rows: SparseRows, source_rows: SparseRows, weight: np.ndarray, summary_norm: np.ndarray,
             source_norm: np.ndarray, own: np.ndarray) -> np.ndarray:
    """Each summary's mean similarity to the digest's sources other than its own, for all summaries
    at once in one pass over their concepts (linear): the sum of the similarities to every source is
    the summary's product with the sum of the sources' unit vectors."""
    others = len(source_norm) - 1
    if others < 1:
        return np.zeros(len(own))
    unit = np.divide(1.0, source_norm, out=np.zeros(len(source_norm)), where=source_norm > 0)
    column_sums = np.bincount(source_rows.col, weights=unit[source_rows.row], minlength=source_rows.width)
    col = summary_rows.col
    products = np.bincount(summary_rows.row, weights=summary_rows.value * weight[col] * column_sums[col],
                           minlength=len(own))
    every = np.divide(products, summary_norm, out=np.zeros(len(own)), where=summary_norm > 0)
    return np.maximum(every - own, 0.0) / others


def _rows(concept_sets: list[frozenset[str]], column: dict[str, int]) -> SparseRows:
    rows = np.repeat(np.arange(len(concept_sets)), [len(c) for c in concept_sets])
    cols = np.fromiter(map(column.__getitem__, chain.from_iterable(concept_sets)), dtype=np.int64, count=len(rows))
    return SparseRows.tallied(rows * len(column) + cols, None, len(column))  # a set holds each concept once


def ring_positions(keys: list[str]) -> np.ndarray:
    """Each key's place in a fixed pseudo-random order (blake2b of the key): the same for a key
    whatever else the digest holds, and unrelated to the order of the input."""
    ring = sorted(range(len(keys)), key=lambda k: (blake2b(keys[k].encode(), digest_size=8).digest(), keys[k]))
    positions = np.empty(len(keys), dtype=np.int64)
    positions[ring] = np.arange(len(keys))
    return positions


def _sample(source_of: np.ndarray, sources: list[str], wanted: np.ndarray) -> np.ndarray | None:
    """Keys ``summary * len(sources) + source`` of the pairs the leads of the ``wanted`` summaries
    are measured on: the ``LEAD_SAMPLE`` sources that follow each one's own in ring order
    (``ring_positions`` of the arXiv ids ``sources``). None: every other source, for every summary."""
    count = len(sources)
    if count - 1 <= LEAD_SAMPLE:
        return None
    positions = ring_positions(sources)
    ring = np.argsort(positions)
    summaries = np.flatnonzero(wanted)
    following = ring[(positions[source_of[summaries]][:, None] + np.arange(1, LEAD_SAMPLE + 1)) % count]  # not the own
    return np.repeat(summaries * count, LEAD_SAMPLE) + following.ravel()


def _rivals(members: list, source_of: np.ndarray, summary_rows: SparseRows, source_rows: SparseRows,
            weight: np.ndarray, source_norm: np.ndarray, sampled: np.ndarray | None = None
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(summary, other source, that source's paper index) of the pairs to compare, sorted.

    Up to ``INDEX_FROM`` members: every other member's source. Above: of the sources that share a
    concept in at most ``RARE_POSTINGS`` of the members' sources with the summary (every competitor
    that could win shares some rare concept; common ones add about as much to every source), the
    ``MAX_RIVALS`` that share the most weight of them for their norm (``weight``, ``source_norm``:
    the part of the cosine those concepts give; ties to the earlier source); a source listed for
    several papers stands for the last of them. The ``sampled`` pairs (``_sample``) are compared too."""
    m = len(members)
    paper_index = np.array([i for i, *_ in members], dtype=np.int64)
    if m <= INDEX_FROM:
        first, other = np.divmod(np.arange(m * m), m)
        keep = source_of[first] != source_of[other]
        return first[keep], source_of[other[keep]], paper_index[other[keep]]
    listed = np.bincount(source_of, minlength=int(source_of.max()) + 1)  # papers per source
    in_members = np.bincount(source_rows.col, weights=listed[source_rows.row], minlength=source_rows.width)
    rare = in_members[source_rows.col] <= RARE_POSTINGS
    posting_concept, posting_source = source_rows.col[rare], source_rows.row[rare]
    order = np.argsort(posting_concept, kind="stable")
    posting_concept, posting_source = posting_concept[order], posting_source[order]
    start = np.searchsorted(posting_concept, summary_rows.col, "left")
    lengths = np.searchsorted(posting_concept, summary_rows.col, "right") - start
    first = np.repeat(summary_rows.row, lengths)
    second = posting_source[ranges(start, lengths)]
    evidence = np.repeat(weight[summary_rows.col], lengths)
    keep = second != source_of[first]
    width = len(listed)
    keys = first[keep] * width + second[keep]
    order = np.argsort(keys, kind="stable")
    keys, evidence = keys[order], evidence[keep][order]
    starts = run_starts(keys)
    pairs, shared = keys[starts], np.add.reduceat(evidence, starts)
    first, second = pairs // width, pairs % width
    order = np.lexsort((second, -shared / source_norm[second], first))  # per summary: the best by rare concepts first
    group = run_starts(first[order])
    rank = np.arange(len(order)) - np.repeat(group, run_lengths(group, len(order)))
    pairs = pairs[order[rank < MAX_RIVALS]]
    pairs = distinct(np.concatenate([pairs, sampled])) if sampled is not None else np.sort(pairs)
    first, second = pairs // width, pairs % width
    last_paper = np.zeros(width, dtype=np.int64)
    np.maximum.at(last_paper, source_of, paper_index)  # members are in input order
    return first, second, last_paper[second]
