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

Among equally close copies (exact copies score 1 give or take rounding) the first in input order
is named, the whole summary before its sections.

Complexity: tokenizing is linear in the input; the bags, weights and candidate index are numpy
sorts (n·log n); each candidate pair is scored by looking its words up in the other text's
sorted keys (a sparse cosine), and at most `window` neighbours per posting make candidates,
so the pairs grow linearly with the texts; copies of one text (the same sections) are scored once
per pair of contents (a sort of the pairs); clusters are connected components (`text.sparse`).
Vectors are TF-IDF as scikit-learn's `TfidfVectorizer(sublinear_tf=True)` computes them,
written out in numpy: importing scikit-learn (scipy.stats with it) takes ~10 times, and
scipy.sparse.csgraph ~2 times, the bare `import pydantic, rapidfuzz` of a small run's start-up,
which this rule is part of (the seed digest has a cluster).

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

import os
import re
import struct
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from itertools import count, filterfalse, islice, pairwise, repeat

import numpy as np

from summary_lint.checks.context import PartKeys, Spread, in_turn
from summary_lint.checks.registry import Hit, Option, rule
from summary_lint.model import Location
from summary_lint.text.sparse import (
    SparseRows,
    connected_components,
    distinct_sorted,
    numbered_by_first_appearance,
    run_lengths,
    run_starts,
    sort_keys,
)
from summary_lint.text.tokens import POSSESSIVE, stopwords

TOKEN = re.compile(r"([가-힣a-z0-9](?:(?<![a-z0-9])[가-힣]|(?<=[a-z0-9])[a-z0-9]*(?:[-.][a-z0-9]+)*))"
                   r"(?:(?<![a-z0-9])[가-힣]*)?")
"""An index word (the group): a Hangul word's first two syllables, or a lowercase Latin word or
number. A match takes the rest of its Hangul word, so no search starts inside one (where a
look-behind would have to refuse it). The pattern opens with one character class, so ``re`` skips
the characters no word starts with in C instead of trying the pattern at each: in a Chinese text
(nearly all such characters) ~4 times faster than opening with a look-behind. The look-behinds name
Latin, not Hangul: compiling a Hangul class costs ~5 M instructions, once per process."""
ASCII_TOKEN = re.compile(rf"[a-z0-9]+{POSSESSIVE}(?:[-.][a-z0-9]+{POSSESSIVE})*{POSSESSIVE}")
"""``TOKEN`` where no Hangul can be (an ASCII text): the same words, found in ~half the time (an
English section 23 → 12-15 µs)."""
ANCHOR_DEFINITION = r"[A-Za-z0-9-]*\d(?:[A-Za-z0-9.-]*[A-Za-z0-9])?|[A-Za-z]*[a-z][A-Z][A-Za-z0-9-]*"
"""An anchor, from the start of a run of the characters anchors are made of: a name with a figure
(up to its last letter or digit) or with inner capitals (up to the run's first dot)."""
ANCHOR = re.compile(r"(?=[A-Za-z0-9.-])((?=[A-Za-z-]*+\d)[A-Za-z0-9.-]*[A-Za-z0-9]|(?=[A-Z]*+[a-z]++[A-Z])[A-Za-z0-9-]*|)"
                    r"[A-Za-z0-9.-]*" if POSSESSIVE else  # possessive quantifiers came with Python 3.11
                    rf"(?=[A-Za-z0-9.-])({ANCHOR_DEFINITION}|)[A-Za-z0-9.-]*")
"""A run of the characters anchors are made of, and the anchor that starts it (the group; empty when
none starts it: ``ANCHOR_DEFINITION``). A match takes the whole run, so one ``findall`` tries the
anchor only where a run starts: faster than listing the runs and matching each, and far faster than
trying an anchor at every character. Which kind of anchor starts a run is asked first, each by one
scan that never steps back (possessive): a figure before the run's first dot (the anchor is then the
run up to its last letter or digit), else a lowercase letter followed by a capital among its first
letters (the anchor then runs to the first dot). The definition as written, which Python 3.10
matches as it is, steps back through every word that is neither: 1.7 times slower on English text,
where nearly every word is a run."""
ANCHORS = re.compile(rf"(?:[a-z]+{POSSESSIVE}(?![A-Za-z0-9.-])|[^A-Za-z0-9.-]+{POSSESSIVE})*{POSSESSIVE}"
                     rf"(?:{ANCHOR.pattern}|\Z)")
"""``ANCHOR``'s runs but the lowercase words, which start no anchor (nearly every run of an English
text): they are passed over in C with the characters between runs, so ``findall`` gives a Python
string for the few runs left (the anchors, and "" for the others and at the end)."""
LINKS = re.compile(r"https?://\S+|www\.\S+")
"""Links, whose parts are not words of the text. Markup (``**``, ``[]()``, ``#``) needs no removing:
no ``TOKEN`` or anchor holds its characters, so a word ends at them as at a space."""
YEAR = re.compile(r"(?:19|20)\d\d")
STOPWORDS = stopwords("en")
BRUTE_FORCE_TEXTS = 200
"""Up to this many texts every pair is scored; above, candidates come from the rare-word index."""
TIE_DIGITS = 9
"""Similarities equal to this many digits are a tie (exact copies score 1 ± rounding)."""
PAIRS_PER_BATCH = 25_000
"""Candidate pairs scored at once (bounds the memory of the expanded rows)."""
SLICE_KEYS = 1_000_000
"""Index keys times ``window`` whose neighbours are counted at once (bounds the candidates' memory)."""


def words(text: str) -> tuple[Counter[str], set[str]]:
    """Index words of a text (links removed), counted, in order of first appearance, and its
    anchors (names, figures). Every step runs in C but the test of each anchor found: stopwords are
    dropped as the words are counted (``Counter.__delitem__`` is a Python call each), and the runs
    that start no anchor are dropped before the test (``ANCHORS``)."""
    if "://" in text or "www." in text:  # every link has one; finding none is ~10 times cheaper than LINKS
        text = LINKS.sub(" ", text)
    lowered = text.lower()
    found = (ASCII_TOKEN if lowered.isascii() else TOKEN).findall(lowered)
    index_words = Counter(filterfalse(STOPWORDS.__contains__, found))
    anchors = {a.lower() for a in filter(None, ANCHORS.findall(text)) if len(a) >= 3 and not YEAR.fullmatch(a)}
    return index_words, anchors


@dataclass
class Texts:
    """The comparable texts of the input: every paper's whole summary, plus its sections when it
    has several, with ``min-words`` index words or more. A summary's bag is the sum of its
    sections'; words are numbered in alphabetical order, anchors that are not words after them."""

    paper: np.ndarray
    section: np.ndarray
    """Section index, or -1 for the whole summary."""
    line: np.ndarray
    size: np.ndarray
    counts: SparseRows
    """Text × word: how often (a ``Scorer`` turns them into its vectors)."""
    anchors: SparseRows
    """Text × word or other anchor: 1 where the text names it."""
    content: np.ndarray
    """A number per text, the same for copies (a section's text, a summary's sections): their rows
    are the same, so are their scores against any text."""


class SectionWords:
    """The per-paper half of the rule (its ``prepare``): every section's index words (counted) and
    anchors, numbered in vocabularies shared by the papers read, in compact arrays. ``add`` reads
    one paper and needs no other; a section whose text was read before (a copy) costs a dictionary
    look-up, not a tokenizing. Sent from a worker process, it names its texts by ``text_key``
    instead of holding them and sends only the words its process had not sent (``WorkerWords``),
    and an empty one ``absorb``s the parts of the workers as they come, as if one process had read
    every paper. ``texts`` is the first step of the join over all papers."""

    def __init__(self, worker: WorkerWords | None = None):
        self._part = PartKeys(worker.sent if worker else None)
        """In a worker: the keys of the texts whose words this process sent before (``prepare``)."""
        self._worker = worker
        self.vocab: dict[str, int] = worker.vocab if worker else defaultdict(count().__next__)
        self.anchor_vocab: dict[str, int] = worker.anchor_vocab if worker else defaultdict(count().__next__)
        self._first_word, self._first_anchor = len(self.vocab), len(self.anchor_vocab)
        """The numbers a worker's earlier parts gave: this part sends the words numbered since."""
        self._mappings: dict[tuple[bytes, bool], array] = {}
        """Where parts are absorbed: each worker's numbers of words (and of anchors) to these."""
        self._number: dict = {}
        """Distinct section text (or its ``text_key``, in a part sent over) → its number, in order
        of first appearance."""
        # Per distinct text: its distinct word ids with their counts and its anchor ids, end to
        # end, how many of each, and how many index words it has (-1: sent in an earlier part).
        self.word_ids, self.word_counts, self.anchor_ids = array("i"), array("i"), array("i")
        self.distinct, self.named, self.size = array("i"), array("i"), array("q")
        # Per section: its distinct text, its paper, its index in the paper, its line.
        self.text, self.paper, self.index, self.line = array("q"), array("q"), array("i"), array("q")
        self.papers = 0

    def add(self, paper) -> None:
        """Reads the next paper's sections."""
        sections = paper.sections
        for s in sections:
            number = self._number.setdefault(s.text, len(self._number))
            if number == len(self.size):  # a text this part has not met
                self._add_text(s.text)
            self.text.append(number)
        self.paper.extend(repeat(self.papers, len(sections)))
        self.index.extend(range(len(sections)))
        self.line.extend([s.line for s in sections])
        self.papers += 1

    def _add_text(self, text: str) -> None:
        if self._part.sent_before(text):  # named only: its words went in an earlier part
            self.distinct.append(0)
            self.named.append(0)
            self.size.append(-1)
            return
        counted, names = words(text)
        self.word_ids.frombytes(_ints(map(self.vocab.__getitem__, counted), len(counted)))
        self.word_counts.frombytes(_ints(counted.values(), len(counted)))
        self.anchor_ids.frombytes(_ints(map(self.anchor_vocab.__getitem__, names), len(names)))
        self.distinct.append(len(counted))
        self.named.append(len(names))
        self.size.append(sum(counted.values()))

    def __getstate__(self) -> dict:
        """What a worker sends: of its vocabularies, the words and anchors this part numbered first,
        in order (``_numbered_since``), with the process's ``token``; texts as their keys (16 bytes
        each)."""
        return dict(self.__dict__, vocab=_numbered_since(self.vocab, self._first_word),
                    anchor_vocab=_numbered_since(self.anchor_vocab, self._first_anchor), _part=None, _worker=None,
                    _number=self._part.numbered(self._number, lambda text: (text,)),
                    token=self._worker.token if self._worker else None)

    def absorb(self, part: SectionWords, start: int) -> None:
        """Takes in a part sent by a worker (``__getstate__``) that read the papers from index
        ``start`` on, in any order of parts: a text in two parts is kept once, and ``texts`` gives
        what ``add`` would give reading every paper in one process."""
        known = len(self.size)
        number = np.array([self._number.setdefault(key, len(self._number)) for key in part._number], dtype=np.int64)
        new = number >= known
        if np.any(new & (np.frombuffer(part.size, np.int64) < 0)):
            raise RuntimeError("near-duplicate: a part names a text before the part holding its words came")
        distinct, named = np.frombuffer(part.distinct, np.int32), np.frombuffer(part.named, np.int32)
        words_kept, anchors_kept = np.repeat(new, distinct), np.repeat(new, named)
        # Numbers are free: ``texts`` puts words and anchors in alphabetical order.
        self.word_ids.frombytes(self._mapped(part, False, np.frombuffer(part.word_ids, np.int32)[words_kept]))
        self.word_counts.frombytes(np.frombuffer(part.word_counts, np.int32)[words_kept].tobytes())
        self.anchor_ids.frombytes(self._mapped(part, True, np.frombuffer(part.anchor_ids, np.int32)[anchors_kept]))
        self.distinct.frombytes(distinct[new].tobytes())
        self.named.frombytes(named[new].tobytes())
        self.size.frombytes(np.frombuffer(part.size, np.int64)[new].tobytes())
        self.text.frombytes(number[np.frombuffer(part.text, np.int64)].tobytes())
        self.paper.frombytes((np.frombuffer(part.paper, np.int64) + start).tobytes())
        self.index.extend(part.index)
        self.line.extend(part.line)
        self.papers = max(self.papers, start + part.papers)

    def _mapped(self, part: SectionWords, anchors: bool, ids: np.ndarray) -> bytes:
        """``ids``, numbers that the process of ``part`` gave to words (or ``anchors``), as this
        vocabulary numbers them: those of its earlier parts, then the part's own (numbered from its
        ``_first_word`` or ``_first_anchor`` on), which are numbered here as they come. A part made
        outside a worker (no token) numbers its own from 0."""
        vocab, first, numbered = ((self.anchor_vocab, part._first_anchor, part.anchor_vocab) if anchors
                                  else (self.vocab, part._first_word, part.vocab))
        if part.token is None:
            return _numbers(vocab, numbered)[ids].tobytes()
        mapping = self._mappings.setdefault((part.token, anchors), array("i"))
        if len(mapping) != first:
            raise RuntimeError("near-duplicate: a part names a word before the part holding it came")
        mapping.frombytes(_numbers(vocab, numbered).tobytes())
        return np.frombuffer(mapping, np.int32)[ids].tobytes()  # the view is gone before the next part

    def texts(self, min_words: int = 0) -> Texts:
        """The compared texts: each paper's summary (its sections together), then its sections if
        it has several, those with ``min_words`` index words or more, in input order."""
        paper_of_section, index = np.frombuffer(self.paper, np.int64), np.frombuffer(self.index, np.int32)
        text_of_section, lines = np.frombuffer(self.text, np.int64), np.frombuffer(self.line, np.int64)
        if np.any(paper_of_section[1:] < paper_of_section[:-1]):  # parts absorbed out of input order
            order = np.argsort(paper_of_section, kind="stable")
            paper_of_section, index, text_of_section, lines = (a[order] for a in (paper_of_section, index,
                                                                                  text_of_section, lines))
        sizes = np.frombuffer(self.size, np.int64)[text_of_section]
        summary_size = np.bincount(paper_of_section, weights=sizes, minlength=self.papers).astype(np.int64)
        sections_of = np.bincount(paper_of_section, minlength=self.papers)
        # Two slots per section, in text order: its paper's summary (at the first section), itself.
        summary_kept = (index == 0) & (summary_size[paper_of_section] >= min_words)
        section_kept = (sections_of[paper_of_section] > 1) & (sizes >= min_words)
        kept = np.column_stack([summary_kept, section_kept]).ravel()
        number = np.cumsum(kept) - 1
        summary_text = np.full(self.papers, -1)
        summary_text[paper_of_section[summary_kept]] = number[0::2][summary_kept]
        section_text = np.where(section_kept, number[1::2], -1)
        paper = np.repeat(paper_of_section, 2)[kept]
        section = np.column_stack([np.full(len(index), -1), index]).ravel()[kept]
        line = np.repeat(lines, 2)[kept]
        size = np.column_stack([summary_size[paper_of_section], sizes]).ravel()[kept]
        content = np.column_stack([2 * _summary_contents(text_of_section, index),
                                   2 * text_of_section + 1]).ravel()[kept]
        # Words in alphabetical order (the rarest-word index breaks ties by word); anchors that are
        # words share the word's column, the others come after the words, alphabetically too (so
        # no sum depends on the order the texts were read in).
        names = sorted(self.vocab)
        column = np.empty(len(self.vocab), dtype=np.int64)
        column[_numbers(self.vocab, names)] = np.arange(len(names))
        anchor_column = np.fromiter(map(self.vocab.get, self.anchor_vocab, repeat(-1)), np.int64,
                                    len(self.anchor_vocab))
        unknown = anchor_column < 0
        anchor_column[~unknown] = column[anchor_column[~unknown]]
        others = sorted(a for a in self.anchor_vocab if a not in self.vocab)
        anchor_column[_numbers(self.anchor_vocab, others)] = len(names) + np.arange(len(others))
        texts_of_section = (summary_text[paper_of_section], section_text)
        counts = _bags(np.frombuffer(self.word_ids, np.int32), np.frombuffer(self.word_counts, np.int32),
                       np.frombuffer(self.distinct, np.int32), text_of_section, column, texts_of_section,
                       len(names))
        anchors = _bags(np.frombuffer(self.anchor_ids, np.int32), None, np.frombuffer(self.named, np.int32),
                        text_of_section, anchor_column, texts_of_section, len(names) + int(unknown.sum()))
        return Texts(paper, section, line, size, counts, anchors, content)


def _summary_contents(text_of_section: np.ndarray, index: np.ndarray) -> np.ndarray:
    """At each paper's first section, a number for its sections' texts in order (``text_of_section``,
    grouped by paper; ``index``: each section's place in its paper), the same for papers whose
    sections are the same texts; 0 elsewhere."""
    firsts = np.flatnonzero(index == 0)
    numbers = np.ascontiguousarray(text_of_section, dtype=np.int64).tobytes()  # a paper's: a slice of 8 bytes each
    sequences: dict[bytes, int] = {}
    out = np.zeros(len(text_of_section), dtype=np.int64)
    out[firsts] = [sequences.setdefault(numbers[a:b], len(sequences))
                   for a, b in pairwise((np.r_[firsts, len(text_of_section)] * 8).tolist())]
    return out


def _numbers(vocab: dict[str, int], items) -> np.ndarray:
    """The numbers of ``items`` in ``vocab`` (numbering those it lacks, when it numbers them as it
    meets them): a ``map`` in C, where a list comprehension runs a Python step per item."""
    return np.fromiter(map(vocab.__getitem__, items), np.int32, len(items))


def _numbered_since(vocab: dict[str, int], first: int) -> list[str]:
    """The keys of ``vocab`` numbered ``first`` and on (numbered as they were met), in order: read
    from its end, so a part of a worker's large vocabulary costs what it added."""
    return list(islice(reversed(vocab), len(vocab) - first))[::-1]


def _ints(values, n: int) -> bytes:
    """``n`` ints as the bytes of an ``array("i")``: ``array.extend`` parses each value as a function
    argument, which made it most of the cost of storing a text's words."""
    return struct.pack(f"{n}i", *values)


class WorkerWords:
    """What a worker process keeps from one part it prepares to the next: the keys of the texts it
    sent (``PartKeys``) and its vocabularies. A part then sends only the words and anchors that no
    earlier part of its process numbered: the parent looks each up once per worker, not once per
    part (3.3 million look-ups and pickled words at 100,000 English papers in ~670 parts, most of
    them the same few hundred thousand words). ``token`` names the process to the parent, which
    keeps each worker's numbers mapped to its own."""

    def __init__(self) -> None:
        self.token = os.urandom(8)
        self.sent: set[bytes] = set()
        self.vocab: dict[str, int] = defaultdict(count().__next__)
        self.anchor_vocab: dict[str, int] = defaultdict(count().__next__)


def prepare(papers, ctx) -> SectionWords:
    """The rule's per-paper half, in a worker process: the words of ``papers``' sections. A text
    this process sent in an earlier part (a copy in another digest) is named, not read again, and
    so is a word (``WorkerWords``): the parent absorbs a worker's parts in the order it sends them."""
    return _read(papers, ctx.process_state("near-duplicate:worker", WorkerWords))


def _read(papers, worker: WorkerWords | None = None) -> SectionWords:
    read = SectionWords(worker)
    for paper in papers:
        read.add(paper)
    return read


def texts_of(papers, min_words: int = 0) -> Texts:
    """The summary of every paper, plus its sections when it has several, in input order."""
    return _read(papers).texts(min_words)


CHUNK = 100_000
"""Entries processed at once when building rows and index keys (bounds the temporary arrays)."""


def _bags(ids: np.ndarray, counts: np.ndarray | None, lengths: np.ndarray, text_of_section: np.ndarray,
          column: np.ndarray, texts_of_section: tuple[np.ndarray, np.ndarray], width: int) -> SparseRows:
    """Per text, its sections' items counted, or only marked without ``counts``. The items of
    distinct section text d are ``lengths[d]`` entries of ``ids`` (numbered by ``column``) and
    ``counts``, end to end; ``text_of_section`` gives each section's distinct text and
    ``texts_of_section`` its summary text and section text (-1: none). Built a few sections at a
    time; rows come out in text order."""
    summary_text, section_text = texts_of_section
    text_start = np.cumsum(lengths, dtype=np.int64) - lengths
    lengths = lengths[text_of_section]
    ends = np.cumsum(lengths, dtype=np.int64)

    def pieces() -> Iterator[SparseRows]:
        first = 0
        while first < len(lengths):
            # Whole papers per chunk: a summary's entries must not be split between two chunks.
            last = max(first + 1, int(np.searchsorted(ends, ends[first] - lengths[first] + CHUNK, "right")))
            paper_end = np.flatnonzero(summary_text[last:] != summary_text[last - 1])
            last = len(lengths) if not len(paper_end) else last + int(paper_end[0])
            lo, hi = int(ends[first] - lengths[first]), int(ends[last - 1])
            section = np.repeat(np.arange(first, last), lengths[first:last])
            # Entry p of the chunk is item p - (where its section starts in the chunk) of its text.
            skip = text_start[text_of_section[first:last]] - (ends[first:last] - lengths[first:last] - lo)
            entry = np.arange(hi - lo) + np.repeat(skip, lengths[first:last])
            cols = column[ids[entry]]
            rows = np.concatenate([summary_text[section], section_text[section]])
            keep = rows >= 0
            times = None if counts is None else np.concatenate([counts[entry]] * 2)[keep]
            yield SparseRows.tallied(rows[keep] * width + np.concatenate([cols, cols])[keep], times, width)
            first = last

    # Each entry of a section is in two rows at most: its summary's and its own.
    return SparseRows.joined(pieces(), width, 2 * int(ends[-1]) if len(ends) else 0)


class Scorer:
    """TF-IDF cosine of two texts (sublinear term frequency, smoothed IDF over the input's papers,
    as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``), blended with the IDF-weighted
    Jaccard of their anchors. It takes the texts' counts over: their values become its vectors in
    place (a copy would be the join's largest array at its peak, 180 MB at 100,000 English papers)."""

    def __init__(self, texts: Texts, papers: int, min_anchors: int):
        counts, summary = texts.counts, texts.section < 0
        self.df = np.zeros(counts.width, dtype=np.int64)
        for lo, hi in _row_slices(counts, len(summary)):
            row, col = np.divmod(counts.keys[lo:hi], counts.width)
            self.df += np.bincount(col[summary[row]], minlength=counts.width)
        self.idf = np.log((1 + papers) / (1 + self.df)) + 1  # a word of no summary: log(1 + papers) + 1
        for lo, hi in _row_slices(counts, len(summary)):  # the counts become the vectors, in place
            row, col = np.divmod(counts.keys[lo:hi], counts.width)
            weight = (1 + np.log(counts.value[lo:hi])) * self.idf[col]
            norm = np.sqrt(np.bincount(row - row[0], weights=weight * weight))
            counts.value[lo:hi] = weight / norm[row - row[0]]
        self.vectors = counts
        extra = texts.anchors.width - counts.width
        self.anchor_idf = np.r_[self.idf, np.full(extra, np.log(1 + papers) + 1)]
        self.anchors = texts.anchors
        self.anchor_count = np.bincount(texts.anchors.row, minlength=len(summary))
        self.anchor_weight = texts.anchors.row_sums(len(summary), self.anchor_idf)
        self.min_anchors = min_anchors
        self.content = texts.content

    def scores(self, first: np.ndarray, second: np.ndarray, spread: Spread = in_turn) -> np.ndarray:
        """Similarity of each pair of texts (rows ``first[k]``, ``second[k]``), each pair of contents
        (``Texts.content``) scored once: a text copied into k papers makes k² pairs of the same
        rows, whose sums are the same to the last bit. ``PAIRS_PER_BATCH`` pairs at a time, the
        batches spread by ``spread`` (``Context.spread``)."""
        codes = self.content[first] * (int(self.content.max(initial=0)) + 1) + self.content[second]
        order = np.argsort(codes, kind="stable")
        starts = run_starts(codes[order])
        out = np.empty(len(first))
        out[order] = np.repeat(self._scores(first[order[starts]], second[order[starts]], spread),
                               run_lengths(starts, len(order)))
        return out

    def _scores(self, first: np.ndarray, second: np.ndarray, spread: Spread = in_turn) -> np.ndarray:
        """Scores of the pairs in batches of equal size, at most ``PAIRS_PER_BATCH`` pairs, one or an
        even number of them: a spread halves the batches, and of three it would do two here."""
        batches = -(-len(first) // PAIRS_PER_BATCH)
        if batches > 1:
            batches += batches % 2
        bounds = np.linspace(0, len(first), batches + 1).astype(np.int64).tolist()
        pieces = [(first[lo:hi], second[lo:hi]) for lo, hi in pairwise(bounds)]
        return np.concatenate([np.zeros(0), *spread(self._batch_scores, pieces)])

    def _batch_scores(self, pairs: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        a, b = pairs
        cosine = self.vectors.pair_sums(a, b)
        blend = np.minimum(self.anchor_count[a], self.anchor_count[b]) >= self.min_anchors
        if blend.any():
            a, b = a[blend], b[blend]
            shared = self.anchors.pair_sums(a, b, self.anchor_idf)
            union = self.anchor_weight[a] + self.anchor_weight[b] - shared
            cosine[blend] = (cosine[blend] + shared / union) / 2
        return cosine


def candidates(texts: Texts, df: np.ndarray, keys: int, window: int, min_shared: int,
               spread: Spread = in_turn) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of texts (of different papers) worth scoring, sorted.

    Small inputs: every pair. Large ones: each text is indexed under its rarest words and anchors
    that at least two papers use (a word of one paper cannot link two), and two texts of the same
    kind (summaries, sections) are a candidate when ``min_shared`` of those agree: copies share
    their names, figures and rare words, papers on one topic a word or two. A text is paired with
    its ``window`` neighbours in each of its words' postings only, so a leak copied into thousands
    of papers costs linear time and its copies still chain into one cluster. The index is built a
    slice of texts at a time, and its pairs found a slice of places at a time, the slices spread by
    ``spread``.
    """
    n = len(texts.paper)
    if n <= BRUTE_FORCE_TEXTS:
        first, second = np.triu_indices(n, k=1)
    else:
        first, second = _indexed_pairs(*_rarest(texts, df, keys, spread), n, window, min_shared, spread)
        same_kind = (texts.section[first] < 0) == (texts.section[second] < 0)
        first, second = first[same_kind], second[same_kind]
    other = texts.paper[first] != texts.paper[second]
    return first[other].astype(np.int64), second[other].astype(np.int64)


def _rarest(texts: Texts, df: np.ndarray, keys: int, spread: Spread = in_turn) -> tuple[np.ndarray, np.ndarray]:
    """(text, word) of each text's ``keys`` rarest shared words and ``keys`` rarest shared anchors
    (names and figures, which a reworded or translated copy keeps when its other words change),
    rarest first: words in at least two summaries, by document frequency, then alphabetically.
    A few texts at a time (``CHUNK`` entries), spread by ``spread``."""
    by_rank = np.lexsort((np.arange(len(df)), df))  # words are numbered alphabetically
    rank = np.empty(len(df), dtype=np.int64)
    rank[by_rank] = np.arange(len(df))
    found = spread(partial(_rarest_in, texts, df, keys, rank, by_rank), _row_slices(texts.counts, len(texts.paper)))
    if not found:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate([rows for rows, _ in found]), np.concatenate([cols for _, cols in found])


def _rarest_in(texts: Texts, df: np.ndarray, keys: int, rank: np.ndarray, by_rank: np.ndarray,
               entries: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """``_rarest`` of the texts whose entries are ``entries`` (start, end) of their counts."""
    counts, anchors = texts.counts, texts.anchors
    lo, hi = entries
    row, col = np.divmod(counts.keys[lo:hi], counts.width)
    shared = df[col] >= 2
    row, col = row[shared], col[shared]
    # Among the anchors of this slice's texts only: all of them in every slice would cost the
    # number of slices times the input.
    texts_here = np.array([counts.keys[lo], counts.keys[hi - 1] + counts.width]) // counts.width
    start, end = np.searchsorted(anchors.keys, texts_here * anchors.width)
    is_anchor = _found_in(anchors.keys[start:end], row * anchors.width + col)
    # By text, then rank: a sort of one key holding all three, ~4x faster than an argsort of (text, rank).
    key = sort_keys((row * len(df) + rank[col]) * 2 + is_anchor)
    row, rest = np.divmod(key, 2 * len(df))
    col, is_anchor = by_rank[rest >> 1], (rest & 1).astype(bool)
    starts = run_starts(row)
    lengths = run_lengths(starts, len(row))
    position = np.arange(len(row)) - np.repeat(starts, lengths)
    anchors_before = np.cumsum(is_anchor) - is_anchor
    anchor_position = anchors_before - np.repeat(anchors_before[starts], lengths)
    keep = (position < keys) | (is_anchor & (anchor_position < keys))
    return row[keep], col[keep]


def _found_in(few: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Whether each key of the sorted, distinct ``table`` is among the sorted ``few``: ``np.isin``,
    by looking the few up in the table (a text names far fewer anchors than words), not the table
    up in the few."""
    found = np.zeros(len(table), dtype=bool)
    at = np.searchsorted(table, few)
    at = at[at < len(table)]
    found[at[table[at] == few[:len(at)]]] = True
    return found


def _row_slices(rows: SparseRows, n: int):
    """(start, end) entry slices of about ``CHUNK`` entries that hold whole rows."""
    per_row = max(1, CHUNK * n // max(1, len(rows.keys)))
    bounds = np.searchsorted(rows.keys, np.arange(0, n + per_row, per_row) * rows.width)
    return [(lo, hi) for lo, hi in pairwise(bounds.tolist()) if lo < hi]


def _indexed_pairs(text: np.ndarray, word: np.ndarray, n: int, window: int, min_shared: int,
                   spread: Spread = in_turn) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of texts that are within ``window`` places of each other in ``min_shared`` postings.

    ``(text, word)`` are the index keys, grouped by text in text order, rarest first. Each posting
    (the texts indexed under one word) is ordered by the texts' two rarest words (as numbered by
    first appearance), so texts with the same rare words (copies of one variant of a leak) sit next
    to each other.
    """
    if not len(text):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    word = numbered_by_first_appearance(word)
    rarest = np.full((n, 2), -1, dtype=np.int64)
    starts = np.r_[0, np.flatnonzero(text[1:] != text[:-1]) + 1]
    rarest[text[starts], 0] = word[starts]
    second = starts + 1
    has_second = (second < len(text))
    has_second[has_second] = text[second[has_second]] == text[starts[has_second]]
    rarest[text[starts[has_second]], 1] = word[second[has_second]]
    place = np.empty(n, dtype=np.int64)  # a text's place in every posting it is in
    place[np.lexsort((np.arange(n), rarest[:, 1], rarest[:, 0]))] = np.arange(n)
    order = np.argsort(word * n + place[text])  # one key: several times faster than a lexsort
    word, text, keys = word[order], text[order], len(order)
    starts = np.flatnonzero(np.r_[True, word[1:] != word[:-1]])
    position = np.arange(keys) - np.repeat(starts, run_lengths(starts, keys))
    # Every posting lists its texts in the order of their places, so of two texts the one placed
    # first comes first in each posting they share: a pair is counted once per posting, from that
    # text's key, looking at the ``window`` keys after it. The keys are taken in slices of those
    # places, a pair in the slice of its first text, so that memory stays at tens of MB per slice
    # however large the input; one sort orders them by place, then by where they are in the
    # postings (the look-ups below stay close together). The work is linear in the keys.
    keyed = sort_keys(place[text] * keys + np.arange(keys))
    slices = 1 + keys * window // SLICE_KEYS
    bounds = np.searchsorted(keyed, np.linspace(0, n, slices + 1).astype(np.int64) * keys)
    position, text = np.r_[position, np.full(window, -1)], np.r_[text, np.full(window, -1)]  # nothing past the end
    found = spread(partial(_pairs_in, keyed, keys, position, text, n, window, max(1, min_shared)),
                   list(pairwise(bounds.tolist())))
    pairs = np.concatenate(found)
    first, second = pairs // n, pairs % n
    pairs = sort_keys(np.minimum(first, second) * n + np.maximum(first, second))
    return pairs // n, pairs % n


def _pairs_in(keyed: np.ndarray, keys: int, position: np.ndarray, text: np.ndarray, n: int, window: int,
              enough: int, places: tuple[int, int]) -> np.ndarray:
    """``_indexed_pairs``'s pairs (as codes ``text * n + text``) found from the keys at ``places``
    (start, end) of ``keyed`` (place * ``keys`` + key number, sorted)."""
    lo, hi = places
    mine = keyed[lo:hi] % keys
    # Each key's neighbours 1..window places after it, all at once (flat ``take``s and one mask:
    # a loop over the places costs a boolean selection per place). One k places after a key is
    # in its posting when it is k places or more into the posting.
    steps = np.tile(np.arange(1, window + 1), len(mine))
    after = np.repeat(mine, window) + steps
    in_posting = position.take(after) >= steps
    codes = sort_keys((np.repeat(text.take(mine), window) * n + text.take(after))[in_posting])
    # A pair in ``enough`` postings fills that many places in a row of the sorted codes.
    return distinct_sorted(codes[enough - 1:][codes[enough - 1:] == codes[:len(codes) - enough + 1]])


# Score = TF-IDF cosine of two texts, averaged with the IDF-weighted Jaccard of their anchors (names
# with inner capitals, figures) when both have min-anchors of them. Chosen on the corpus (5,488
# papers) and on reworded leaks from benchmarks/generate.py; see the rule's docs.
@rule("D001", "near-duplicate", scope="corpus", severity="error", penalty=30,
      complexity=("n log n in the input's texts (sorted bags of words, a bounded window of candidates per word); "
                  "never all pairs"), options=[
    Option("threshold", float, 0.55, "score from which two whole summaries are near-duplicates"),
    Option("section-threshold", float, 0.75, "score from which a section and another text are"),
    Option("min-words", int, 12, "texts with fewer index words are not compared"),
    Option("min-anchors", int, 3, "anchors (names, figures) both texts need for the anchor score to count"),
    Option("keys", int, 6, "rarest shared words (and as many anchors) indexed per text"),
    Option("min-shared", int, 4, "index words two texts must share to be scored (above 200 texts)"),
    Option("window", int, 8, "a text is paired with this many neighbours in each word's posting"),
    Option("max-related", int, 10, "related locations listed per finding"),
], prepare=prepare)
def check(papers, ctx):
    opts = ctx.options("near-duplicate")
    texts = (ctx.prepared.pop("near-duplicate", None) or _read(papers)).texts(opts["min-words"])
    if len(texts.paper) < 2:
        return
    scorer = Scorer(texts, len(papers), opts["min-anchors"])
    first, second = candidates(texts, scorer.df, opts["keys"], opts["window"], opts["min-shared"], ctx.spread)
    # The same id twice is duplicate-paper, not a near-duplicate.
    id_code = _id_codes(papers)
    code_first, code_second = id_code[texts.paper[first]], id_code[texts.paper[second]]
    distinct = (code_first < 0) | (code_first != code_second)
    first, second = first[distinct], second[distinct]
    sims = scorer.scores(first, second, ctx.spread)
    threshold = np.where((texts.section[first] < 0) & (texts.section[second] < 0),
                         opts["threshold"], opts["section-threshold"])
    over = sims >= threshold
    yield from _findings(papers, texts, sims[over], first[over], second[over], opts["max-related"])


def _id_codes(papers) -> np.ndarray:
    """A number per arXiv id, the same for the same id; -1 for a paper without one."""
    codes: dict[str, int] = {}
    return np.array([-1 if p.arxiv_id is None else codes.setdefault(p.arxiv_id, len(codes)) for p in papers],
                    dtype=np.int64)


def _findings(papers, texts: Texts, sims: np.ndarray, first: np.ndarray, second: np.ndarray, max_related: int):
    """One finding per paper of a cluster: its closest copy, the cluster size, other members.

    Clusters join papers (single linkage: connected components): a paper whose summary and
    sections match copies is one member, reported once. The work per member is bounded
    (``max-related`` others), so a cluster of k copies costs O(k).
    """
    if not len(sims):
        return
    paper_of = texts.paper
    label = connected_components(len(papers), paper_of[first], paper_of[second])
    reported, sim_of, mine_of, other_of = _closest(paper_of, sims, first, second)
    members: dict[int, list[int]] = {}
    for paper_index in reported.tolist():
        members.setdefault(int(label[paper_index]), []).append(paper_index)
    # Members of a cluster are each other's related locations: one Location per (paper, line).
    locations: dict[tuple[int, int], Location] = {}
    for paper_index, sim, mine, other in zip(*(a.tolist() for a in (reported, sim_of, mine_of, other_of))):
        section, line = int(texts.section[mine]), int(texts.line[mine])
        copy_paper, copy_line = int(paper_of[other]), int(texts.line[other])
        paper, twin = papers[paper_index], papers[copy_paper]
        cluster = members[int(label[paper_index])]
        what = "summary" if section < 0 else f"section '{_label(paper, section)}'"
        others = islice((k for k in cluster if k not in (paper_index, copy_paper)), max(0, max_related - 1))
        size = f"; the same text is in {len(cluster)} papers" if len(cluster) > 2 else ""
        related = []
        for k in [copy_paper, *others]:
            at = copy_line if k == copy_paper else papers[k].line
            if (k, at) not in locations:
                locations[k, at] = Location.of(papers[k], at)
            related.append(locations[k, at])
        yield paper_index, Hit(
            f"{what} nearly duplicates {twin.file}:{copy_line} ({twin.title[:60]!r}, similarity {sim:.2f}){size}",
            line,
            section=None if section < 0 else paper.sections[section].label,
            evidence=_excerpt(paper, None if section < 0 else section),
            related=related,
        )


def _closest(paper_of: np.ndarray, sims: np.ndarray, first: np.ndarray, second: np.ndarray):
    """For each paper in a pair, in paper order: (paper, similarity, its text, the other text) of
    its closest pair. Copies score 1 give or take rounding: among pairs equal to ``TIE_DIGITS``,
    the first in text order (each pair seen from its first text, then from its second) is kept."""
    mine = np.column_stack([first, second]).ravel()
    other = np.column_stack([second, first]).ravel()
    both_sims = np.repeat(sims, 2)
    rounded = _rounded(both_sims, TIE_DIGITS)
    paper = paper_of[mine]
    order = np.lexsort((np.arange(len(mine)), -rounded, paper))
    paper = paper[order]
    best = order[np.r_[True, paper[1:] != paper[:-1]]]
    return paper_of[mine[best]], both_sims[best], mine[best], other[best]


def _rounded(values: np.ndarray, digits: int) -> np.ndarray:
    """``round(value, digits)`` of each value, exactly as Python rounds it, in numpy. ``np.round``
    scales, rounds and scales back, so it can differ from Python's correctly rounded decimal only
    where the scaled value is within its rounding error of a half (under 1e-7 for values up to 1, as
    similarities are; 1e-6 is asked): those few go to ``round``. A list of Python floats instead took
    200 MB and seconds at 100,000 English papers."""
    scale = 10.0**digits
    scaled = values * scale
    out = np.rint(scaled) / scale
    near_half = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    if near_half.any():
        out[near_half] = [round(value, digits) for value in values[near_half].tolist()]
    return out


def _label(paper, section: int) -> str:
    return paper.sections[section].label or f"bullet {section + 1}"


def _excerpt(paper, section: int | None) -> str:
    text = paper.summary if section is None else paper.sections[section].text
    return text[:120]

