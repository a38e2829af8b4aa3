"""near-duplicate: a summary, or one of its sections, is nearly the same text as another paper's.

## What it does

Compares a summary and each of its sections (12+ index words) with those of every other paper of
the input (every file of the run), after section labels and markup are removed. Texts are bags of
words (the first two syllables of each Hangul word, so particles and verb endings do not matter;
lowercased Latin words; numbers), weighted by TF-IDF over the input. The score of two texts is
their cosine; when both name at least `min-anchors` *anchors* (names with inner capitals and
figures, which survive rewording and translation: `MemoGraph-7B`, `ReAct`, `41.2`) it is the
mean of that cosine and the IDF-weighted Jaccard of the anchors, so a copy partly rewritten in
English still matches, while two papers on one topic (shared words, not shared names and
figures) do not. Up to 200 texts every pair is scored. Above, candidates come from an inverted
index of each text's rarest shared words and anchors (a pair must share `min-shared` of them, and
is only looked for among `window` neighbours per word), so the work grows with the input, not
with its square. Whole summaries are compared with summaries, sections with sections. Papers
linked by a score over the threshold form a cluster; each member gets one finding naming its
closest copy (file:line, similarity) and the cluster size; other members are related locations.
Two entries with the same arXiv id are `duplicate-paper` instead.

Thresholds, from data. Corpus (5,488 papers, 21,000 sections, all faithful or generic filler, no
leaks; 2.8 million pairs sharing a rare word scored): two summary pairs of different papers reach
0.50 and none 0.55 (the closest are generic filler and versions of one model, e.g. SPAM /
Stable-SPAM); section scores reach 0.60 for 19 pairs, 0.65 for 7, 0.70 for 1 and 0.75 for none
(generic filler openings, same-topic background paragraphs). Reworded copies of a leak
(`benchmarks/generate.py`, 30% of sentences in English) score 0.55-1.0 as whole summaries (5th
percentile 0.58) and 0.3-1.0 as single sections (median 0.69): `threshold` 0.55 catches reworded
summaries with no corpus false alarm; `section-threshold` 0.75 keeps same-topic sections apart,
so a single pasted section is found when it is lightly edited or has a close copy elsewhere (in
large leaks every copy has one), not when it is fully reworded.

## Why it matters

Digest pipelines fail in bulk. A prompt's few-shot example or a template leaks into many
summaries, or the model pastes the same filler into several papers of a day. Each copy is usually
reworded (other words and order, some sentences in English), so exact matching misses most of
them.

## Example that passes

Two papers on one topic, each with its own names and results.

```markdown
### [CodeTuner: Instruction Tuning for Code Models](https://arxiv.org/abs/2407.00011)
- CodeTuner는 GitHub 커밋 메시지에서 만든 지시문 12만 개로 StarCoder-15B를 튜닝해 HumanEval 점수를 41.2에서 48.9로 높였습니다.

### [OctoPack: Instruction Tuning Code Large Language Models](https://arxiv.org/abs/2407.00012)
- OctoPack은 4TB 규모의 Git 커밋 데이터 CommitPack을 공개하고, 이를 이용해 학습한 OctoCoder가 HumanEvalPack 여섯 언어에서 46.2%를 기록했다고 보고합니다.
```

## Example that fails

Two papers whose summaries say the same thing in slightly different words.

```markdown
### [GraphMind: Memory for Home Robots](https://arxiv.org/abs/2407.00013)
- QuillMind-9B는 MazeWorld 관찰을 그래프 노드로 저장하고 ReAct 대비 성공률을 38.4%에서 71.9%로 높였으며, 에피소드 기억을 장기 계획에 활용합니다.

### [TableQuill: Reading Scientific Tables](https://arxiv.org/abs/2407.00014)
- QuillMind-9B는 MazeWorld의 관찰을 그래프 노드로 저장하며 ReAct 대비 성공률을 38.4%에서 71.9%로 끌어올렸고, 에피소드 기억을 장기 계획에 씁니다.
```
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import filterfalse
from sys import intern

from summary_lint.model import Location
from summary_lint.checks.registry import Hit, Option, rule
from summary_lint.text.tokens import stopwords

TOKEN = re.compile(r"(?<![가-힣])[가-힣]{2}|[a-z0-9]+(?:[-.][a-z0-9]+)*")
ANCHOR = re.compile(r"(?<![A-Za-z0-9.-])(?:[A-Za-z0-9-]*\d(?:[A-Za-z0-9.-]*[A-Za-z0-9])?|[A-Za-z]*[a-z][A-Z][A-Za-z0-9-]*)")
MARKUP = re.compile(r"https?://\S+|www\.\S+|[*_`#>\[\]()|]")
YEAR = re.compile(r"(?:19|20)\d\d")
STOPWORDS = stopwords("en")
BRUTE_FORCE_TEXTS = 200
"""Up to this many texts every pair is scored; above, candidates come from the rare-word index."""


@dataclass(slots=True)
class Text:
    """One comparable text: a paper's whole summary or one of its sections."""

    paper: int
    section: int | None
    line: int
    parts: list[tuple[str, ...]]
    """Index words of the sections it is made of (shared with the section texts, not copied)."""
    anchors: frozenset[str]

    @property
    def size(self) -> int:
        return sum(map(len, self.parts))

    def counts(self) -> Counter:
        return Counter(w for part in self.parts for w in part)


def words(text: str) -> tuple[tuple[str, ...], set[str]]:
    """Index words of a text (markup and links removed) and its anchors (names, figures)."""
    text = MARKUP.sub(" ", text)
    index_words = tuple(map(intern, filterfalse(STOPWORDS.__contains__, TOKEN.findall(text.lower()))))
    anchors = {a.lower() for a in ANCHOR.findall(text) if len(a) >= 3 and not YEAR.fullmatch(a)}
    return index_words, anchors


def texts_of(papers) -> list[Text]:
    """The summary of every paper, plus its sections when it has several."""
    out = []
    for i, paper in enumerate(papers):
        parts = [words(s.text) for s in paper.sections]
        if not parts:
            continue
        counts = [c for c, _ in parts]
        out.append(Text(i, None, paper.sections[0].line, counts, frozenset().union(*(a for _, a in parts))))
        if len(parts) > 1:
            out.extend(Text(i, j, s.line, [c], frozenset(a)) for j, (s, (c, a)) in enumerate(zip(paper.sections, parts)))
    return out


class Scorer:
    """TF-IDF cosine of two texts, blended with the Jaccard of their anchors."""

    def __init__(self, texts: list[Text], papers: int, min_anchors: int):
        self.texts = texts
        self.df: Counter = Counter()
        for t in texts:
            if t.section is None:
                self.df.update(set().union(*t.parts))
        self.n = papers
        self.weights = {w: math.log((1 + papers) / (1 + d)) + 1 for w, d in self.df.items()}
        self.min_anchors = min_anchors
        self.vector = lru_cache(maxsize=10_000)(self._vector)

    def idf(self, word: str) -> float:
        return self.weights.get(word) or math.log(1 + self.n) + 1

    def _vector(self, index: int) -> tuple[dict[str, float], float]:
        weights = self.weights
        vec = {w: (1 + math.log(c)) * weights[w] for w, c in self.texts[index].counts().items()}
        return vec, math.sqrt(sum(v * v for v in vec.values()))

    def score(self, i: int, j: int) -> float:
        (va, na), (vb, nb) = self.vector(i), self.vector(j)
        if len(vb) < len(va):
            va, vb = vb, va
        cosine = sum(w * vb[k] for k, w in va.items() if k in vb) / (na * nb)
        a, b = self.texts[i].anchors, self.texts[j].anchors
        if min(len(a), len(b)) < self.min_anchors:
            return cosine
        shared = sum(self.idf(k) for k in a & b)
        union = sum(self.idf(k) for k in a | b)
        return (cosine + shared / union) / 2


def candidates(texts: list[Text], df: Counter, keys: int, window: int, min_shared: int) -> list[tuple[int, int]]:
    """Pairs of texts (of different papers) worth scoring, sorted.

    Small inputs: every pair. Large ones: each text is indexed under its rarest words and anchors
    that at least two papers use (a word of one paper cannot link two), and two texts of the same
    kind (summaries, sections) are a candidate when ``min_shared`` of those agree: copies share
    their names, figures and rare words, papers on one topic a word or two. A text is paired with
    its ``window`` neighbours in each of its words' postings only, so a leak copied into thousands
    of papers costs linear time and its copies still chain into one cluster.
    """
    n = len(texts)
    if n <= BRUTE_FORCE_TEXTS:
        pairs = ((i, j) for i in range(n) for j in range(i + 1, n))
    else:
        rank = {w: r for r, w in enumerate(sorted((w for w, d in df.items() if d >= 2), key=lambda w: (df[w], w)))}
        index_keys = [_rarest(t, rank, keys) for t in texts]
        pairs = ((i, j) for i, j in _indexed_pairs(index_keys, window, min_shared)
                 if (texts[i].section is None) == (texts[j].section is None))
    return [(i, j) for i, j in pairs if texts[i].paper != texts[j].paper]


def _rarest(text: Text, rank: dict[str, int], keys: int) -> list[str]:
    """The text's ``keys`` rarest shared words and ``keys`` rarest shared anchors (names and
    figures, which a reworded or translated copy keeps when its other words change), rarest first."""
    shared = sorted({w for part in text.parts for w in part if w in rank}, key=rank.__getitem__)
    anchors = [w for w in shared if w in text.anchors]
    return sorted(set(shared[:keys] + anchors[:keys]), key=rank.__getitem__)


def _indexed_pairs(keys: list[list[str]], window: int, min_shared: int) -> list[tuple[int, int]]:
    """Pairs of texts that are within ``window`` places of each other in ``min_shared`` postings.

    Each posting (the texts indexed under one word) is ordered by the texts' two rarest words, so
    texts with the same rare words (copies of one variant of a leak) sit next to each other.
    """
    import numpy as np

    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(w, len(vocab)) for w in ks] for ks in keys]
    word = np.fromiter((w for ks in ids for w in ks), dtype=np.int64)
    text = np.repeat(np.arange(len(keys), dtype=np.int64), [len(ks) for ks in ids])
    rarest = np.array([[*ks[:2], -1, -1][:2] for ks in ids], dtype=np.int64)[text]
    order = np.lexsort((text, rarest[:, 1], rarest[:, 0], word))
    word, text = word[order], text[order]
    starts = np.flatnonzero(np.r_[True, word[1:] != word[:-1]])
    position = np.arange(len(word)) - np.repeat(starts, np.diff(np.r_[starts, len(word)]))
    # Count each pair's shared postings in slices (by the first text of the pair), so that memory
    # stays at a few tens of MB per slice however large the input.
    slices = 1 + len(word) * window // 4_000_000
    found = []
    for part in range(slices):
        codes = []
        for k in range(1, window + 1):
            at = np.flatnonzero(position >= k)
            a, b = np.minimum(text[at - k], text[at]), np.maximum(text[at - k], text[at])
            mine = a % slices == part
            codes.append(a[mine] * len(keys) + b[mine])
        pair, shared = np.unique(np.concatenate(codes), return_counts=True)
        found.append(pair[shared >= min_shared])
    return [(int(p) // len(keys), int(p) % len(keys)) for p in np.sort(np.concatenate(found))]


def find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


# Score = TF-IDF cosine of two texts, averaged with the IDF-weighted Jaccard of their anchors (names
# with inner capitals, figures) when both have min-anchors of them. Chosen on the corpus (5,488
# papers) and on reworded leaks from benchmarks/generate.py; see the rule's docs.
@rule("D001", "near-duplicate", scope="corpus", severity="error", penalty=30, options=[
    Option("threshold", float, 0.55, "score from which two whole summaries are near-duplicates"),
    Option("section-threshold", float, 0.75, "score from which a section and another text are"),
    Option("min-words", int, 12, "texts with fewer index words are not compared"),
    Option("min-anchors", int, 3, "anchors (names, figures) both texts need for the anchor score to count"),
    Option("keys", int, 6, "rarest shared words (and as many anchors) indexed per text"),
    Option("min-shared", int, 4, "index words two texts must share to be scored (above 200 texts)"),
    Option("window", int, 8, "a text is paired with this many neighbours in each word's posting"),
    Option("max-related", int, 10, "related locations listed per finding"),
])
def check(papers, ctx):
    opts = ctx.options("near-duplicate")
    texts = [t for t in texts_of(papers) if t.size >= opts["min-words"]]
    if len(texts) < 2:
        return
    scorer = Scorer(texts, len(papers), opts["min-anchors"])
    thresholds = opts["threshold"], opts["section-threshold"]
    edges = []
    for i, j in candidates(texts, scorer.df, opts["keys"], opts["window"], opts["min-shared"]):
        a, b = texts[i], texts[j]
        if _same_id(papers[a.paper], papers[b.paper]):
            continue
        sim = scorer.score(i, j)
        if sim >= thresholds[a.section is not None or b.section is not None]:
            edges.append((sim, i, j))
    yield from _findings(papers, texts, edges, opts["max-related"])


def _same_id(a, b) -> bool:
    return a.arxiv_id is not None and a.arxiv_id == b.arxiv_id


def _findings(papers, texts: list[Text], edges, max_related: int):
    """One finding per paper of a cluster: its closest copy, the cluster size, other members.

    Clusters join papers (single linkage): a paper whose summary and sections match copies is
    one member, reported once.
    """
    parent = list(range(len(papers)))
    for _, i, j in edges:
        parent[find(parent, texts[i].paper)] = find(parent, texts[j].paper)
    best: dict[int, tuple[float, int, int]] = {}
    members: dict[int, set[int]] = {}
    for sim, i, j in edges:
        for mine, other in ((i, j), (j, i)):
            paper_index = texts[mine].paper
            members.setdefault(find(parent, paper_index), set()).add(paper_index)
            if paper_index not in best or sim > best[paper_index][0]:
                best[paper_index] = (sim, mine, other)
    for paper_index, (sim, mine, other) in sorted(best.items()):
        text, copy = texts[mine], texts[other]
        paper, twin = papers[paper_index], papers[copy.paper]
        cluster = members[find(parent, paper_index)]
        what = "summary" if text.section is None else f"section '{_label(paper, text.section)}'"
        others = sorted(cluster - {paper_index, copy.paper})[: max(0, max_related - 1)]
        size = f"; the same text is in {len(cluster)} papers" if len(cluster) > 2 else ""
        yield paper_index, Hit(
            f"{what} nearly duplicates {twin.file}:{copy.line} ({twin.title[:60]!r}, similarity {sim:.2f}){size}",
            text.line,
            section=None if text.section is None else paper.sections[text.section].label,
            evidence=_excerpt(paper, text.section),
            related=[_location(papers[k], k == copy.paper and copy.line) for k in [copy.paper, *others]],
        )


def _label(paper, section: int) -> str:
    return paper.sections[section].label or f"bullet {section + 1}"


def _excerpt(paper, section: int | None) -> str:
    text = paper.summary if section is None else paper.sections[section].text
    return text[:120]


def _location(paper, line: int | bool) -> Location:
    return Location(file=paper.file, line=line or paper.line, title=paper.title, arxiv_id=paper.arxiv_id)
