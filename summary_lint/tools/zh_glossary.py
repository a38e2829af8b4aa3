"""Chinese forms of English title words, mined from Chinese summaries of papers with English
titles and abstracts (``zh-arxiv-analyze``), for ``rules/glossary/zh-en.tsv``.

Chinese has no spaces, so every run of 2–4 Han characters of a summary is a candidate form:

1. **Candidates**: the n-grams of each summary, once per paper; n-grams in fewer than
   ``min_docs`` papers are dropped, and so are *fragments*, n-grams that almost always (in
   ``fragment_share`` of their papers) come with one of one or two characters before them, or
   after them (工智 of 人工智能, 型语言模 of 大型语言模型, 实世界 of 现实世界 and 真实世界), and
   *phrases*, a word with a particle attached (的图像, 机器人的; ``EDGE_PARTICLES``).
2. **Association** with the English stems of the paper's title and abstract, by paper: support
   ``min_docs``, P(form | stem) ≥ ``min_forward`` (an abstract says more than its summary),
   P(stem | form) ≥ ``min_backward``, lift ≥ ``min_lift``; forms in more than ``max_share`` of
   the summaries are left out. Scored by Dice.
3. **Narrowing**: a form whose first or last character adds nothing to a shorter candidate is
   dropped (量化方法 beside 量化; ``OWN_WORD``).
4. **Competition**: a form stays with the stems it fits nearly as well as its best rival
   (``compete``): 奖励 goes to reward, not to reinforcement.
5. **Selection** per stem, best first, at most ``max_forms``: a longer form is preferred when it
   scores nearly as well (``prefer_longer``: 强化学习 over 强化); a form containing a kept one
   adds nothing (forms are meant to be searched as substrings), nor does one straddling a kept
   one's edge (理能 beside 推理), and a form inside a kept one is kept only with support of its own
   (more than ``artefact_share`` × the kept one's papers).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from summary_lint.text.scripts import HAN
from summary_lint.tools.association import Association, associations, competitive

HAN_RUN = re.compile(f"[{HAN}]{{2,}}")
MIN_FORM, MAX_FORM = 2, 4
EDGE_PARTICLES = "的了和与于"
"""Particles and conjunctions that attach to any word: an n-gram of three characters or more
starting or ending with one, or any n-gram starting or ending with 的, is a phrase, not a term
(的图像, 机器人的, 学术界和, 于纹理, 讨论了); two-character words like 和谐 or 饱和 stay."""
FRAGMENT_EXTENSIONS = 2
"""An n-gram is a fragment when at most this many one-character extensions on one side, together,
account for ``fragment_share`` of its papers (工智 of 人工智能; 多视 of 多视图 and 多视角)."""
OWN_WORD = 2
"""A character that makes a form this many times more specific to a stem is part of the term."""


def param(default, help: str):
    """A builder parameter: its default and the help text its command-line option shows."""
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class ChineseParams:
    min_docs: int = param(5, "papers a (stem, form) pair and a candidate form need")
    min_forward: float = param(0.15, "P(Chinese form | English stem of title+abstract)")
    min_backward: float = param(0.35, "P(English stem | Chinese form)")
    min_lift: float = param(2.0, "lift of a (stem, form) pair")
    max_share: float = param(0.7, "drop forms found in more than this share of summaries")
    fragment_share: float = param(0.8, "an n-gram is a fragment when its one or two most frequent "
                                           "extensions on one side have this share of its papers")
    compete: float = param(0.8, "keep a form with a stem scoring at least this share of each rival stem")
    prefer_longer: float = param(0.9, "prefer a longer form scoring at least this share of a shorter one")
    artefact_share: float = param(1.1, "a form inside a kept one needs more than this × its papers")
    max_forms: int = param(3, "Chinese forms kept per English stem")


def frequent_ngrams(texts: Sequence[str], min_docs: int, longest: int) -> tuple[list[set[str]], Counter[str]]:
    """Each text's n-grams (``MIN_FORM``…``longest`` characters) found in ``min_docs`` texts or
    more, and their counts of texts. Level by level: an n-gram can only be frequent when both of
    its (n−1)-grams are, which keeps the counting small."""
    runs = [HAN_RUN.findall(text) for text in texts]
    found: list[set[str]] = [set() for _ in texts]
    df: Counter[str] = Counter()
    frequent: set[str] | None = None
    for n in range(MIN_FORM, longest + 1):
        same: dict[str, str] = {}  # one string object per distinct n-gram, shared by the texts' sets
        level = [{same.setdefault(g, g) for run in doc for g in _ngrams(run, n)
                  if frequent is None or (g[1:] in frequent and g[:-1] in frequent)} for doc in runs]
        counts = Counter(g for grams in level for g in grams)
        frequent = {g for g, c in counts.items() if c >= min_docs}
        df.update({g: counts[g] for g in frequent})
        for doc, grams in zip(found, level):
            doc.update(grams & frequent)
    return found, df


def _ngrams(run: str, n: int):
    return (run[i:i + n] for i in range(len(run) - n + 1))


def candidate_forms(df: Counter[str], min_docs: int, fragment_share: float) -> set[str]:
    """The n-grams (up to ``MAX_FORM`` characters) in ``min_docs`` texts that are neither fragments
    (see ``FRAGMENT_EXTENSIONS``) nor phrases."""
    extensions: dict[tuple[str, int], list[int]] = {}  # (n-gram, side) → texts of each one-character extension
    for gram, count in df.items():
        if len(gram) > MIN_FORM:
            extensions.setdefault((gram[1:], 0), []).append(count)
            extensions.setdefault((gram[:-1], 1), []).append(count)

    def enclosed(gram: str) -> int:
        return max(sum(sorted(extensions.get((gram, side), ()))[-FRAGMENT_EXTENSIONS:]) for side in (0, 1))

    return {gram for gram, count in df.items()
            if len(gram) <= MAX_FORM and count >= min_docs and not is_phrase(gram)
            and enclosed(gram) < fragment_share * count}


def is_phrase(gram: str) -> bool:
    """Whether an n-gram is a word with a particle attached (see ``EDGE_PARTICLES``)."""
    edges = gram[0] + gram[-1]
    return "的" in edges or (len(gram) > MIN_FORM and any(ch in EDGE_PARTICLES for ch in edges))


def chinese_glossary(docs: Sequence[tuple[Collection[str], str]], params: ChineseParams = ChineseParams(),
                     rivals: Callable[[str, str], bool] = lambda stem, other: True) -> dict[tuple[str, str], float]:
    """English stem → Chinese forms from (English stems of title+abstract, Chinese summary) pairs;
    ``rivals(stem, other)``: whether two stems compete for a form (see ``association.competitive``)."""
    p = params
    # Extensions in fragment_share × min_docs texts can make a candidate a fragment: count those too.
    grams, df = frequent_ngrams([text for _, text in docs], max(1, math.floor(p.fragment_share * p.min_docs)),
                                MAX_FORM + 1)
    kept = candidate_forms(df, p.min_docs, p.fragment_share)
    grams = [g & kept for g in grams]  # the narrowing test, too, looks at candidates only
    stems = [set(stems) for stems, _ in docs]
    found = associations(list(zip(stems, grams)), min_together=p.min_docs,
                         min_forward=p.min_forward, min_backward=p.min_backward, min_lift=p.min_lift,
                         max_right_share=p.max_share)
    found = _without_narrowed(found, list(zip(stems, grams)), df, kept)
    by_pair = {(a.left, a.right): a for a in found}
    winners = competitive({pair: a.dice for pair, a in by_pair.items()}, p.compete, rivals)
    by_stem: dict[str, list[Association]] = {}
    for pair in winners:
        by_stem.setdefault(pair[0], []).append(by_pair[pair])
    return {(a.left, a.right): round(a.dice, 3)
            for candidates in by_stem.values() for a in select_forms(candidates, p)}


def _without_narrowed(found: list[Association], docs: Sequence[tuple[set[str], set[str]]],
                      df: Counter[str], candidates: set[str]) -> list[Association]:
    """Drop a form that its first or last character only narrows: without it, the form fits its
    stem at least as well (Dice) and is at least ``1 / OWN_WORD`` as specific to it, P(stem | form)
    (量化方法 beside 量化; not 智能体 beside 智能, which is mostly about something else). Only
    candidate forms count as the shorter form (not fragments: 能体 of 智能体).
    ``docs``: (stems, frequent n-grams) of each paper."""
    parts_of = {(a.left, a.right): {a.right[1:], a.right[:-1]} & candidates if len(a.right) > MIN_FORM else set()
                for a in found}
    stems_of: dict[str, set[str]] = {}
    for (stem, _), parts in parts_of.items():
        for part in parts:
            stems_of.setdefault(part, set()).add(stem)
    together: Counter[tuple[str, str]] = Counter()
    for stems, grams in docs:
        for part in grams & stems_of.keys():
            together.update((stem, part) for stem in stems_of[part] & stems)

    def narrowed(a: Association) -> bool:
        for part in parts_of[(a.left, a.right)]:
            both = together[a.left, part]
            if 2 * both / (a.left_count + df[part]) >= a.dice and OWN_WORD * both / df[part] >= a.backward:
                return True
        return False

    return [a for a in found if not narrowed(a)]


def select_forms(candidates: list[Association], params: ChineseParams) -> list[Association]:
    """The forms kept for one stem (see the module docstring, step 5)."""
    kept: list[Association] = []
    for a in sorted(candidates, key=lambda a: (-a.dice, -len(a.right), a.right)):
        for choice in (_preferred_longer(a, candidates, params.prefer_longer), a):
            if choice is not None and len(kept) < params.max_forms and not _adds_nothing(choice, kept, params):
                kept.append(choice)
    return kept


def _preferred_longer(a: Association, candidates: list[Association], ratio: float) -> Association | None:
    longer = [b for b in candidates if a.right in b.right and len(b.right) > len(a.right) and b.dice >= ratio * a.dice]
    return max(longer, key=lambda b: (len(b.right), b.dice, b.right), default=None)


def _adds_nothing(a: Association, kept: list[Association], params: ChineseParams) -> bool:
    """Whether a form is redundant beside the kept ones: it contains one, lies inside one without
    support of its own, or straddles one's edge (理能 beside 推理, 的图 beside 图像)."""
    return any(k.right in a.right or (a.right in k.right and a.together <= params.artefact_share * k.together)
               or _overlap(a.right, k.right) for k in kept)


def _overlap(a: str, b: str) -> bool:
    """Whether one string's end is the other's start (and neither contains the other)."""
    return any(a.endswith(b[:n]) or b.endswith(a[:n]) for n in range(1, min(len(a), len(b))))
