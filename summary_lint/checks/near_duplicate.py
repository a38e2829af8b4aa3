"""near-duplicate: a summary, or one of its sections, is nearly the same text as another paper's.

Why: digest pipelines fail in bulk. A prompt's few-shot example or a template leaks into many
summaries, or the model pastes the same filler into several papers of a day. Each copy is
usually reworded (other words and order, some sentences in English), so exact matching misses
most of them. Papers are compared across the whole input (every file of the run), after section
labels and markup are removed. Two entries with the same arXiv id are ``duplicate-paper``.

How: a summary and each of its sections (12+ index words) are bags of words (the first two
syllables of each Hangul word, so particles and verb endings do not matter; lowercased Latin
words; numbers), weighted by TF-IDF over the input. The score of two texts is their cosine; when
both name at least ``min-anchors`` *anchors* (names with inner capitals and figures, which
survive rewording and translation: ``MemoGraph-7B``, ``ReAct``, ``41.2``) it is the mean of
that cosine and the IDF-weighted Jaccard of the anchors, so a copy partly rewritten in English
still matches, while two papers on one topic (shared words, not shared names and figures) do
not. Up to 200 texts every pair is scored. Above, candidates come from an inverted index of
each text's rarest shared words and anchors (a pair must share ``min-shared`` of them, and is
only looked for among ``window`` neighbours per word), so the work grows with the input, not
with its square. Whole summaries are compared with summaries, sections with sections. Papers
linked by a score over the threshold form a cluster; each member gets one finding naming its
closest copy (file:line, similarity) and the cluster size; other members are related locations.

Thresholds, from data. Corpus (5,488 papers, 21,000 sections, all faithful or generic filler,
no leaks; 2.8 million pairs sharing a rare word scored): two summary pairs of different papers
reach 0.50 and none 0.55 (the closest are generic filler and versions of one model, e.g. SPAM /
Stable-SPAM); section scores reach 0.60 for 19 pairs, 0.65 for 7, 0.70 for 1 and 0.75 for none
(generic filler openings, same-topic background paragraphs). Reworded copies of a leak
(``benchmarks/generate.py``, 30% of sentences in English) score 0.55-1.0 as whole summaries
(5th percentile 0.58) and 0.3-1.0 as single sections (median 0.69): ``threshold`` 0.55 catches
reworded summaries with no corpus false alarm; ``section-threshold`` 0.75 keeps same-topic
sections apart, so a single pasted section is found when it is lightly edited or has a close
copy elsewhere (in large leaks every copy has one), not when it is fully reworded.

Passes: two papers on instruction tuning of code models, each with its own names and results.
Fails: four papers whose summaries say, in other words and partly in English, that
"QuillMind-9B stores MazeWorld observations as graph nodes ... 38.4% → 71.9% over ReAct"
(one cluster of 4); a paper whose "Technical Details" is another paper's, lightly edited.

Options (``[rules.near-duplicate]``): ``threshold`` (two summaries), ``section-threshold``
(a section and another text), ``min-words`` (shorter texts are not compared), ``min-anchors``,
``keys`` (rare words and anchors indexed per text), ``min-shared``, ``window``,
``max-related`` (locations listed per finding).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import filterfalse

import numpy as np

from summary_lint.model import Location
from summary_lint.checks.registry import Hit, rule

TOKEN = re.compile(r"(?<![가-힣])[가-힣]{2}|[a-z0-9]+(?:[-.][a-z0-9]+)*")
ANCHOR = re.compile(r"(?<![A-Za-z0-9.-])(?:[A-Za-z0-9-]*\d(?:[A-Za-z0-9.-]*[A-Za-z0-9])?|[A-Za-z]*[a-z][A-Z][A-Za-z0-9-]*)")
MARKUP = re.compile(r"https?://\S+|www\.\S+|[*_`#>\[\]()|]")
YEAR = re.compile(r"(?:19|20)\d\d")
STOPWORDS = frozenset(
    "the a an of to in on for with and or is are was were be been by from as at that this it its "
    "their than then more most into over per using use used based which also we our these".split()
)
DEFAULTS = {"threshold": 0.55, "section-threshold": 0.75, "min-words": 12, "min-anchors": 3, "keys": 6,
            "min-shared": 4,
            "window": 8, "max-related": 10}
BRUTE_FORCE_TEXTS = 200
"""Up to this many texts every pair is scored; above, candidates come from the rare-word index."""
ANCHOR_MARK = "\x00"
"""Prefix of the anchor features in a section's bag (no index word starts with it)."""
PAIRS_PER_BATCH = 50_000
"""Candidate pairs scored at once (bounds the memory of the gathered rows)."""


def words(text: str) -> tuple[list[str], set[str]]:
    """Index words of a text (markup and links removed) and its anchors (names, figures)."""
    text = MARKUP.sub(" ", text)
    index_words = list(filterfalse(STOPWORDS.__contains__, TOKEN.findall(text.lower())))
    anchors = {a.lower() for a in ANCHOR.findall(text) if len(a) >= 3 and not YEAR.fullmatch(a)}
    return index_words, anchors


def _features(text: str) -> list[str]:
    """A section as one bag: its index words and, marked, its anchors."""
    index_words, anchors = words(text)
    return index_words + [ANCHOR_MARK + a for a in anchors]


@dataclass
class Texts:
    """The comparable texts of the input: every paper's whole summary, plus its sections when it
    has several, as rows of sparse matrices (scikit-learn's vectorizer over the sections; a
    summary's bag is the sum of its sections')."""

    paper: np.ndarray
    section: np.ndarray
    """Section index, or -1 for the whole summary."""
    line: np.ndarray
    counts: object
    """Texts × index words: word counts (scipy.sparse CSR)."""
    anchors: object
    """Texts × index words and other anchors: 1 where the text names the anchor."""
    vocabulary: np.ndarray
    """Column names of ``counts`` (sorted); ``anchors`` has these columns first, then the anchors
    that are not index words."""

    @property
    def size(self) -> np.ndarray:
        return np.asarray(self.counts.sum(axis=1)).ravel()

    def select(self, keep: np.ndarray) -> Texts:
        return Texts(self.paper[keep], self.section[keep], self.line[keep], self.counts[keep], self.anchors[keep],
                     self.vocabulary)


def texts_of(papers) -> Texts:
    """The summary of every paper, plus its sections when it has several, in input order."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import CountVectorizer

    sections = [(i, j, s) for i, paper in enumerate(papers) for j, s in enumerate(paper.sections)]
    rows = []  # (paper, section or -1, line, first section row, section rows)
    start = 0
    for i, paper in enumerate(papers):
        k = len(paper.sections)
        if k:
            rows.append((i, -1, paper.sections[0].line, start, k))
            if k > 1:
                rows.extend((i, j, s.line, start + j, 1) for j, s in enumerate(paper.sections))
        start += k
    bags = CountVectorizer(analyzer=_features)
    try:
        matrix = bags.fit_transform(s.text for _, _, s in sections).tocsc()
    except ValueError:  # no section has a single index word or anchor: nothing to compare
        empty = csr_matrix((0, 0))
        return Texts(np.zeros(0, int), np.zeros(0, int), np.zeros(0, int), empty, empty, np.array([], dtype=object))
    names = bags.get_feature_names_out()
    marked = np.array([name.startswith(ANCHOR_MARK) for name in names], dtype=bool)
    vocabulary, anchor_names = names[~marked], np.array([a[1:] for a in names[marked]], dtype=object)
    counts = matrix[:, ~marked]
    # Anchors that are index words share the word's column (their rarity is the word's).
    position = np.searchsorted(vocabulary, anchor_names) if len(vocabulary) else np.zeros(len(anchor_names), int)
    position = np.minimum(position, max(0, len(vocabulary) - 1))
    is_word = (vocabulary[position] == anchor_names) if len(vocabulary) else np.zeros(len(anchor_names), bool)
    extra = np.cumsum(~is_word) - 1 + len(vocabulary)
    columns = np.where(is_word, position, extra)
    anchor_cols = matrix[:, marked].tocoo()
    anchors = csr_matrix((np.ones(anchor_cols.nnz), (anchor_cols.row, columns[anchor_cols.col])),
                         shape=(len(sections), len(vocabulary) + int((~is_word).sum())))
    member = csr_matrix((np.ones(sum(k for *_, k in rows)),
                         (np.repeat(np.arange(len(rows)), [k for *_, k in rows]),
                          np.concatenate([np.arange(first, first + k) for *_, first, k in rows]))),
                        shape=(len(rows), len(sections)))
    anchors = member @ anchors
    anchors.data[:] = 1.0
    paper, section, line = (np.array([r[k] for r in rows], dtype=np.int64) for k in range(3))
    return Texts(paper, section, line, (member @ counts.tocsr()).tocsr(), anchors.tocsr(), vocabulary)


class Scorer:
    """TF-IDF cosine of two texts (scikit-learn: sublinear term frequency, smoothed IDF over the
    input's papers, l2 rows), blended with the IDF-weighted Jaccard of their anchors."""

    def __init__(self, texts: Texts, papers: int, min_anchors: int):
        from scipy.sparse import csr_matrix, vstack
        from sklearn.feature_extraction.text import TfidfTransformer

        summaries = texts.counts[texts.section < 0]
        # Every paper of the input is a document, also one without a comparable summary.
        padding = csr_matrix((max(0, papers - summaries.shape[0]), summaries.shape[1]))
        self.tfidf = TfidfTransformer(sublinear_tf=True).fit(vstack([summaries, padding]))
        self.vectors = self.tfidf.transform(texts.counts).tocsr()
        self.df = np.asarray((summaries > 0).sum(axis=0)).ravel()
        unknown = np.log(1 + papers) + 1  # the IDF of a word no summary has
        extra = texts.anchors.shape[1] - len(self.df)
        self.anchor_idf = np.r_[self.tfidf.idf_, np.full(extra, unknown)]
        self.anchors = texts.anchors
        self.anchor_count = np.diff(texts.anchors.indptr)
        self.anchor_weight = texts.anchors @ self.anchor_idf
        self.min_anchors = min_anchors

    def scores(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """Similarity of each pair of texts (rows ``first[k]``, ``second[k]``)."""
        out = np.zeros(len(first))
        for at in range(0, len(first), PAIRS_PER_BATCH):
            a, b = first[at:at + PAIRS_PER_BATCH], second[at:at + PAIRS_PER_BATCH]
            cosine = np.asarray(self.vectors[a].multiply(self.vectors[b]).sum(axis=1)).ravel()
            blend = np.minimum(self.anchor_count[a], self.anchor_count[b]) >= self.min_anchors
            if blend.any():
                a, b = a[blend], b[blend]
                shared = np.asarray(self.anchors[a].multiply(self.anchors[b]) @ self.anchor_idf).ravel()
                union = self.anchor_weight[a] + self.anchor_weight[b] - shared
                cosine[blend] = (cosine[blend] + shared / union) / 2
            out[at:at + PAIRS_PER_BATCH] = cosine
        return out


def candidates(texts: Texts, df: np.ndarray, keys: int, window: int, min_shared: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of texts (of different papers) worth scoring, sorted.

    Small inputs: every pair. Large ones: each text is indexed under its rarest words and anchors
    that at least two papers use (a word of one paper cannot link two), and two texts of the same
    kind (summaries, sections) are a candidate when ``min_shared`` of those agree: copies share
    their names, figures and rare words, papers on one topic a word or two. A text is paired with
    its ``window`` neighbours in each of its words' postings only, so a leak copied into thousands
    of papers costs linear time and its copies still chain into one cluster.
    """
    n = len(texts.paper)
    if n <= BRUTE_FORCE_TEXTS:
        first, second = np.triu_indices(n, k=1)
    else:
        first, second = _indexed_pairs(*_rarest(texts, df, keys), n, window, min_shared)
        same_kind = (texts.section[first] < 0) == (texts.section[second] < 0)
        first, second = first[same_kind], second[same_kind]
    other = texts.paper[first] != texts.paper[second]
    return first[other].astype(np.int64), second[other].astype(np.int64)


def _rarest(texts: Texts, df: np.ndarray, keys: int) -> tuple[np.ndarray, np.ndarray]:
    """(text, word) of each text's ``keys`` rarest shared words and ``keys`` rarest shared anchors
    (names and figures, which a reworded or translated copy keeps when its other words change),
    rarest first: words in at least two summaries, by document frequency, then alphabetically."""
    coo = texts.counts.tocoo()
    shared = df[coo.col] >= 2
    row, col = coo.row[shared].astype(np.int64), coo.col[shared].astype(np.int64)
    rank = np.empty(len(df), dtype=np.int64)
    rank[np.lexsort((np.arange(len(df)), df))] = np.arange(len(df))  # the vocabulary is sorted: ties by word
    width = texts.anchors.shape[1]
    anchored = texts.anchors.tocoo()
    is_anchor = np.isin(row * width + col, anchored.row.astype(np.int64) * width + anchored.col)
    order = np.lexsort((rank[col], row))
    row, col, is_anchor = row[order], col[order], is_anchor[order]
    starts = np.r_[0, np.flatnonzero(row[1:] != row[:-1]) + 1] if len(row) else np.zeros(0, np.int64)
    lengths = np.diff(np.r_[starts, len(row)])
    position = np.arange(len(row)) - np.repeat(starts, lengths)
    anchors_before = np.cumsum(is_anchor) - is_anchor
    anchor_position = anchors_before - np.repeat(anchors_before[starts], lengths)
    keep = (position < keys) | (is_anchor & (anchor_position < keys))
    return row[keep], col[keep]


def _indexed_pairs(text: np.ndarray, word: np.ndarray, n: int, window: int,
                   min_shared: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of texts that are within ``window`` places of each other in ``min_shared`` postings.

    ``(text, word)`` are the index keys, grouped by text, rarest first. Each posting (the texts
    indexed under one word) is ordered by the texts' two rarest words (as numbered by first
    appearance), so texts with the same rare words (copies of one variant of a leak) sit next to
    each other.
    """
    if not len(text):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    unique, first_seen, word = np.unique(word, return_index=True, return_inverse=True)
    number = np.empty(len(unique), dtype=np.int64)
    number[np.argsort(first_seen)] = np.arange(len(unique))
    word = number[word]
    rarest = np.full((n, 2), -1, dtype=np.int64)
    starts = np.r_[0, np.flatnonzero(text[1:] != text[:-1]) + 1]
    rarest[text[starts], 0] = word[starts]
    second = starts + 1
    has_second = (second < len(text))
    has_second[has_second] = text[second[has_second]] == text[starts[has_second]]
    rarest[text[starts[has_second]], 1] = word[second[has_second]]
    rarest = rarest[text]
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
            codes.append(a[mine] * n + b[mine])
        pair, shared = np.unique(np.concatenate(codes), return_counts=True)
        found.append(pair[shared >= min_shared])
    pairs = np.sort(np.concatenate(found))
    return pairs // n, pairs % n


@rule("D001", "near-duplicate", scope="corpus")
def check(papers, ctx):
    opts = {**DEFAULTS, **ctx.options("near-duplicate")}
    texts = texts_of(papers)
    texts = texts.select(texts.size >= int(opts["min-words"]))
    if len(texts.paper) < 2:
        return
    scorer = Scorer(texts, len(papers), int(opts["min-anchors"]))
    first, second = candidates(texts, scorer.df, int(opts["keys"]), int(opts["window"]), int(opts["min-shared"]))
    ids = np.array([p.arxiv_id for p in papers], dtype=object)
    a, b = ids[texts.paper[first]], ids[texts.paper[second]]
    distinct = (a == None) | (a != b)  # noqa: E711 (elementwise): the same id twice is duplicate-paper
    first, second = first[distinct], second[distinct]
    sims = scorer.scores(first, second)
    threshold = np.where((texts.section[first] < 0) & (texts.section[second] < 0),
                         float(opts["threshold"]), float(opts["section-threshold"]))
    over = sims >= threshold
    edges = list(zip(sims[over].tolist(), first[over].tolist(), second[over].tolist()))
    yield from _findings(papers, texts, edges, int(opts["max-related"]))


def _findings(papers, texts: Texts, edges, max_related: int):
    """One finding per paper of a cluster: its closest copy, the cluster size, other members.

    Clusters join papers (single linkage: connected components, scipy.sparse.csgraph): a paper
    whose summary and sections match copies is one member, reported once.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if not edges:
        return
    paper_of = texts.paper
    ends = np.array([(paper_of[i], paper_of[j]) for _, i, j in edges], dtype=np.int64)
    graph = coo_matrix((np.ones(len(ends)), (ends[:, 0], ends[:, 1])), shape=(len(papers),) * 2)
    _, label = connected_components(graph, directed=False)
    best: dict[int, tuple[float, int, int]] = {}
    for sim, i, j in edges:
        for mine, other in ((i, j), (j, i)):
            paper_index = int(paper_of[mine])
            if paper_index not in best or sim > best[paper_index][0]:
                best[paper_index] = (sim, mine, other)
    members: dict[int, list[int]] = {}
    for paper_index in sorted(best):
        members.setdefault(int(label[paper_index]), []).append(paper_index)
    for paper_index, (sim, mine, other) in sorted(best.items()):
        section, line = int(texts.section[mine]), int(texts.line[mine])
        copy_paper, copy_line = int(paper_of[other]), int(texts.line[other])
        paper, twin = papers[paper_index], papers[copy_paper]
        cluster = members[int(label[paper_index])]
        what = "summary" if section < 0 else f"section '{_label(paper, section)}'"
        others = [k for k in cluster if k not in (paper_index, copy_paper)][: max(0, max_related - 1)]
        size = f"; the same text is in {len(cluster)} papers" if len(cluster) > 2 else ""
        yield paper_index, Hit(
            f"{what} nearly duplicates {twin.file}:{copy_line} ({twin.title[:60]!r}, similarity {sim:.2f}){size}",
            line,
            section=None if section < 0 else paper.sections[section].label,
            evidence=_excerpt(paper, None if section < 0 else section),
            related=[_location(papers[k], k == copy_paper and copy_line) for k in [copy_paper, *others]],
        )


def _label(paper, section: int) -> str:
    return paper.sections[section].label or f"bullet {section + 1}"


def _excerpt(paper, section: int | None) -> str:
    text = paper.summary if section is None else paper.sections[section].text
    return text[:120]


def _location(paper, line: int | bool) -> Location:
    return Location(file=paper.file, line=line or paper.line, title=paper.title, arxiv_id=paper.arxiv_id)
