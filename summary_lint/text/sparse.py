"""Sparse rows of (column, value) entries in numpy, for comparing many texts pairwise.

Why not scipy.sparse: its import costs a small run more than everything else at start-up
(~1.5 times the bare ``import pydantic, rapidfuzz``), and the rules need only two operations:
building rows from (row, column, value) triples and, for many pairs of rows at once, the sum
over their common columns (a dot product, or a weighted overlap). Sums run in column order, so
they never depend on hash order. An entry takes 16 bytes (its key row × width + column, and its
value).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np


@dataclass
class SparseRows:
    """Entries sorted by row, then column, as keys ``row * width + column`` and values."""

    keys: np.ndarray
    value: np.ndarray
    width: int
    """Number of columns (every column index is below it)."""

    @classmethod
    def tallied(cls, keys: np.ndarray, counts: np.ndarray | None, width: int) -> SparseRows:
        """Rows from keys (``row * width + column``) in any order, each met ``counts[k]`` times: per
        distinct key, how often it is met, or 1 without ``counts`` (marks): one plain sort of the
        keys (each repeated as often as it is met), several times cheaper than the argsort under
        ``np.unique(return_inverse=True)`` with a ``bincount`` of the counts."""
        keys = sort_keys(keys if counts is None else np.repeat(keys, counts))
        starts = run_starts(keys)
        value = np.ones(len(starts)) if counts is None else run_lengths(starts, len(keys)).astype(np.float64)
        return cls(keys[starts], value, max(1, width))

    @classmethod
    def joined(cls, parts: Iterable[SparseRows], width: int, most: int) -> SparseRows:
        """Rows built in pieces, each piece's rows after the previous piece's, ``most`` entries at most
        in all. Each piece is copied into place as it comes, so the pieces are never all held beside
        the rows (as with a concatenation: twice the rows' size at their peak). The arrays are
        allocated for ``most`` entries, whose pages take memory only once written, and shrunk in
        place to the entries that came."""
        keys, value = np.empty(most, np.int64), np.empty(most)
        end = 0
        for part in parts:
            keys[end:end + len(part.keys)] = part.keys
            value[end:end + len(part.keys)] = part.value
            end += len(part.keys)
        keys.resize(end, refcheck=False)  # a realloc that shrinks in place
        value.resize(end, refcheck=False)
        return cls(keys, value, max(1, width))

    @property
    def row(self) -> np.ndarray:
        return self.keys // self.width

    @property
    def col(self) -> np.ndarray:
        return self.keys % self.width

    def row_sums(self, rows: int, weights: np.ndarray | None = None) -> np.ndarray:
        """Per row, the sum of its values (times ``weights[column]``)."""
        values = self.value if weights is None else self.value * weights[self.col]
        return np.bincount(self.row, weights=values, minlength=rows)

    def pair_sums(self, first: np.ndarray, second: np.ndarray, weights: np.ndarray | None = None,
                  other: SparseRows | None = None) -> np.ndarray:
        """For each pair k, the sum over the columns rows ``first[k]`` (of these rows) and
        ``second[k]`` (of ``other``, default these rows) share of value × value × weight[column].

        The pairs' entries are expanded ``PAIR_CHUNK`` at a time (never splitting a pair), so that
        memory stays flat however many pairs are asked for; each sum is the same."""
        other = self if other is None else other
        first, second = np.asarray(first, np.int64), np.asarray(second, np.int64)
        if not len(other.keys) or not len(first):
            return np.zeros(len(first))
        starts = np.searchsorted(self.keys, np.arange(int(first.max()) + 2) * self.width)
        lengths = starts[first + 1] - starts[first]
        ends = np.cumsum(lengths)
        cuts = np.searchsorted(ends, np.arange(PAIR_CHUNK, int(ends[-1]), PAIR_CHUNK), side="right")
        bounds = distinct_sorted(np.r_[0, cuts, len(first)])
        return np.concatenate([self._pair_sums(starts[first[a:b]], lengths[a:b], second[a:b], weights, other)
                               for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist())])

    def _pair_sums(self, starts: np.ndarray, lengths: np.ndarray, second: np.ndarray, weights: np.ndarray | None,
                   other: SparseRows) -> np.ndarray:
        """``pair_sums`` of pairs whose first rows' entries start at ``starts`` (``lengths`` of them)."""
        pair = np.repeat(np.arange(len(second)), lengths)
        entry = ranges(starts, lengths)
        col = self.keys[entry] % self.width
        keys, table = second[pair] * other.width + col, other.keys
        at = np.minimum(np.searchsorted(table, keys), len(table) - 1)
        hit = table[at] == keys
        products = self.value[entry] * other.value[at]
        if weights is not None:
            products = products * weights[col]
        return np.bincount(pair, weights=np.where(hit, products, 0.0), minlength=len(second))


PAIR_CHUNK = 1 << 20
"""Entries ``SparseRows.pair_sums`` expands at once: about 60 MB of temporary arrays."""


def distinct(keys: np.ndarray) -> np.ndarray:
    """The distinct keys, sorted: ``np.unique(keys)``, which without its return arrays takes a slower
    path in numpy 2 (0.2 s instead of 4 ms for 400,000 keys)."""
    return distinct_sorted(sort_keys(keys))


def sort_keys(keys: np.ndarray) -> np.ndarray:
    """``np.sort`` of integer keys, as int64: sorted as unsigned 32-bit numbers when they fit, which
    takes half the time (most inputs' keys fit)."""
    if len(keys) and int(keys.min()) >= 0 and int(keys.max()) < 1 << 32:
        return np.sort(keys.astype(np.uint32)).astype(np.int64)
    return np.sort(keys)


def numbered_by_first_appearance(values: np.ndarray) -> np.ndarray:
    """Each value's number among the distinct values (non-negative ints, times their count within
    int64), in the order they first appear: one sort of (value, place) keys, ~3 times faster than
    ``np.unique(return_index=True, return_inverse=True)``, whose index asks for a stable argsort."""
    size = len(values)
    keyed = sort_keys(values * size + np.arange(size))  # by value, then place
    starts = run_starts(keyed // size)
    number = np.empty(len(starts), dtype=np.int64)
    number[np.argsort(keyed[starts] % size)] = np.arange(len(starts))  # by each value's first place
    numbered = np.empty(size, dtype=np.int64)
    numbered[keyed % size] = np.repeat(number, run_lengths(starts, size))
    return numbered


def distinct_sorted(keys: np.ndarray) -> np.ndarray:
    """The distinct keys of sorted ``keys`` (no sort again)."""
    return keys[run_starts(keys)]


def run_starts(values: np.ndarray) -> np.ndarray:
    """Where each run of equal values starts in sorted ``values`` (none when there are none)."""
    if not len(values):
        return np.zeros(0, np.int64)
    return np.flatnonzero(np.r_[True, values[1:] != values[:-1]])


def run_lengths(starts: np.ndarray, size: int) -> np.ndarray:
    """How long each run is, given where the runs start (``run_starts``) in ``size`` values."""
    return np.diff(np.r_[starts, size])


def row_starts(rows, size: int) -> np.ndarray:
    """Where each row's entries start in entries sorted by row (``size + 1`` places, the last the
    end), given each entry's row: the row starts of a compressed sparse table."""
    starts = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.bincount(np.asarray(rows, dtype=np.int64), minlength=size), out=starts[1:])
    return starts


def ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``starts[k], starts[k] + 1, …`` (``lengths[k]`` of them) for every k, end to end: the
    entries of some rows of a compressed sparse table, in the order of the rows asked for."""
    return np.arange(lengths.sum()) + np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)


def connected_components(nodes: int, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The component of each node of a graph with edges ``first[k]``–``second[k]``, labelled by
    its smallest node (so labels never depend on edge order).

    Minimum-label propagation with pointer jumping, a few passes over the edges. Not
    ``scipy.sparse.csgraph``: importing it (scipy.sparse with it) costs a small run twice the
    whole start-up of a bare ``import pydantic, rapidfuzz``, and a digest with one cluster of
    copies would pay it.
    """
    label = np.arange(nodes)
    first, second = np.asarray(first, np.int64), np.asarray(second, np.int64)
    while True:
        low = np.minimum(label[first], label[second])
        np.minimum.at(label, first, low)
        np.minimum.at(label, second, low)
        while not np.array_equal(jumped := label[label], label):
            label = jumped
        if np.array_equal(label[first], label[second]):
            return label
