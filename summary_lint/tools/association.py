"""Association of two vocabularies over aligned units (papers, sentence pairs), for the glossary.

``associations(units, …)`` counts, for every (left item, right item) pair, the units holding both,
and keeps the pairs passing the thresholds. Counting is a sparse matrix product, done in slices of
the left vocabulary so that memory stays bounded however dense the units are (a Chinese summary
has hundreds of character n-grams, an abstract a hundred word stems).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

SLICE_PAIRS = 5_000_000
"""Upper bound of the pair incidences counted by one sparse product (≈ memory of one slice)."""


@dataclass(frozen=True)
class Association:
    """How often a left item and a right item occur in the same units."""

    left: str
    right: str
    together: int
    left_count: int
    right_count: int
    units: int

    @property
    def forward(self) -> float:
        """P(right | left)."""
        return self.together / self.left_count

    @property
    def backward(self) -> float:
        """P(left | right)."""
        return self.together / self.right_count

    @property
    def lift(self) -> float:
        return self.together * self.units / (self.left_count * self.right_count)

    @property
    def dice(self) -> float:
        return 2 * self.together / (self.left_count + self.right_count)

    @property
    def log_likelihood(self) -> float:
        """Dunning's G² of the 2×2 table (large: the pair is far from independent)."""
        a = self.together
        b, c = self.left_count - a, self.right_count - a
        d = self.units - a - b - c
        cells = ((a, a + b, a + c), (b, a + b, b + d), (c, c + d, a + c), (d, c + d, b + d))
        return 2 * sum(k * math.log(k * self.units / (row * col)) for k, row, col in cells if k > 0)


def associations(units: Sequence[tuple[Collection[str], Collection[str]]], *, min_together: int = 1,
                 min_forward: float = 0.0, min_backward: float = 0.0, min_lift: float = 0.0,
                 max_right_share: float = 1.0) -> list[Association]:
    """Pairs found together in at least ``min_together`` units, with P(right | left) ≥
    ``min_forward``, P(left | right) ≥ ``min_backward`` and lift ≥ ``min_lift``; right items in more
    than ``max_right_share`` of the units are left out (function words)."""
    import numpy as np

    n = len(units)
    left, left_vocab = _incidence([items for items, _ in units])
    right, right_vocab = _incidence([items for _, items in units])
    left_df = np.bincount(left.indices, minlength=len(left_vocab)).astype(np.int64)
    right_df = np.bincount(right.indices, minlength=len(right_vocab)).astype(np.int64)
    # Bounds every kept pair obeys (together ≤ both counts): they prune whole columns.
    most = n / min_lift if min_lift > 0 else n
    left_columns = np.flatnonzero((left_df >= min_together) & (left_df <= most))
    right_ok = (right_df >= min_together) & (right_df <= min(most, max_right_share * n))
    left_columns = left_columns[np.argsort(left_df[left_columns], kind="stable")]
    left, right = left.tocsc(), right.tocsc()
    # Pair incidences a left column brings into a product, at most: the right items of its units.
    load = np.asarray(left.T @ np.diff(right.tocsr().indptr)).ravel()
    out = []
    for band in _bands(left_columns, left_df, load, SLICE_PAIRS):
        low, high = left_df[band[0]], left_df[band[-1]]
        usable = right_ok & (right_df >= min_forward * low)
        if min_backward > 0:
            usable &= right_df <= high / min_backward
        columns = np.flatnonzero(usable)
        if not len(columns):
            continue
        co = (left[:, band].T.tocsr() @ right[:, columns].tocsr()).tocoo()
        together, lc, rc = co.data.astype(np.int64), left_df[band][co.row], right_df[columns][co.col]
        keep = ((together >= min_together) & (together >= min_forward * lc) & (together >= min_backward * rc)
                & (together * n >= min_lift * lc * rc))
        for row, col, t in zip(co.row[keep].tolist(), co.col[keep].tolist(), together[keep].tolist()):
            i, j = band[row], columns[col]
            out.append(Association(left_vocab[i], right_vocab[j], t, int(left_df[i]), int(right_df[j]), n))
    return out


def _incidence(sets: Sequence[Collection[str]]):
    """Binary unit × item matrix (CSR) and its vocabulary (items in order of first appearance)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    index: dict[str, int] = {}
    indptr, indices = [0], []
    for items in sets:
        indices.extend({index.setdefault(item, len(index)) for item in items})
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.int32)
    return csr_matrix((data, indices, indptr), shape=(len(sets), len(index))), list(index)


def _bands(columns, df, load, budget: int) -> list[list[int]]:
    """Consecutive groups of ``columns`` (sorted by ``df``) whose counts stay within a factor of two
    (so that each group needs only the right items of a narrow count range) and whose summed
    ``load`` stays within ``budget``; every group has at least one column."""
    groups: list[list[int]] = []
    total = 0
    for column in columns.tolist():
        cost = int(load[column])
        if not groups or total + cost > budget or df[column] > 2 * df[groups[-1][0]]:
            groups.append([])
            total = 0
        groups[-1].append(column)
        total += cost
    return groups


def competitive(table: dict[tuple[str, str], float], ratio: float,
                rivals: Callable[[str, str], bool] = lambda left, other: True) -> dict[tuple[str, str], float]:
    """The (left, right) pairs scoring at least ``ratio`` × the score of every rival left item
    with the same right item: a form stays with the words it translates, not with every word of the
    same topic. ``rivals(left, other)``: whether ``other`` competes with ``left``."""
    by_right: dict[str, list[tuple[str, float]]] = {}
    for (left, right), score in table.items():
        by_right.setdefault(right, []).append((left, score))
    return {(left, right): score for (left, right), score in table.items()
            if all(score >= ratio * other_score for other, other_score in by_right[right]
                   if other != left and rivals(left, other))}


def strongest(table: dict[tuple[str, str], float], per_left: int) -> dict[tuple[str, str], float]:
    """The ``per_left`` best-scoring pairs of each left item (ties: alphabetical)."""
    by_left: dict[str, list[tuple[float, str]]] = {}
    for (left, right), score in table.items():
        by_left.setdefault(left, []).append((score, right))
    return {(left, right): score for left, pairs in by_left.items()
            for score, right in sorted(pairs, key=lambda p: (-p[0], p[1]))[:per_left]}
