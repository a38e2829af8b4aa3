"""Scale machinery: sparse rows, connected components, hash-order independence, digests kept apart."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import weakref

import numpy as np
from conftest import FIXTURES, ROOT, SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from summary_lint import lint_paths
from summary_lint.text.sparse import (
    SparseRows,
    connected_components,
    numbered_by_first_appearance,
    run_lengths,
    run_starts,
    sort_keys,
)

entries = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 7), st.integers(1, 4)), max_size=40)


def as_rows(triples) -> tuple[SparseRows, dict]:
    rows = SparseRows.tallied(np.array([r * 8 + c for r, c, _ in triples], dtype=np.int64),
                              np.array([v for _, _, v in triples], dtype=np.int64), 8)
    table: dict = {}
    for r, c, v in triples:
        table[r, c] = table.get((r, c), 0) + v
    return rows, table


@settings(max_examples=60, deadline=None)
@given(entries, entries, st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=20))
def test_pair_sums_are_the_dot_products_of_the_rows(a, b, pairs):
    left, table_a = as_rows(a)
    right, table_b = as_rows(b)
    weights = np.arange(1, 9, dtype=np.float64)
    first = np.array([p for p, _ in pairs], dtype=np.int64)
    second = np.array([q for _, q in pairs], dtype=np.int64)
    expected = [sum(v * table_b.get((q, c), 0) * weights[c] for (r, c), v in table_a.items() if r == p) for p, q in pairs]
    assert np.allclose(left.pair_sums(first, second, weights, other=right), expected)


@settings(max_examples=60, deadline=None)
@given(entries, entries, st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=20), st.integers(1, 5))
def test_pair_sums_in_chunks_are_the_same_sums(a, b, pairs, chunk):
    """Expanding a few entries at a time (memory flat in the number of pairs) changes no sum, not even
    in its last bit: a pair is never split across chunks."""
    from summary_lint.text import sparse

    left, right = as_rows(a)[0], as_rows(b)[0]
    weights = np.linspace(0.1, 2.3, 8)
    first = np.array([p for p, _ in pairs], dtype=np.int64)
    second = np.array([q for _, q in pairs], dtype=np.int64)
    whole = left.pair_sums(first, second, weights, other=right)
    default, sparse.PAIR_CHUNK = sparse.PAIR_CHUNK, chunk
    try:
        assert left.pair_sums(first, second, weights, other=right).tolist() == whole.tolist()
    finally:
        sparse.PAIR_CHUNK = default


@given(st.lists(st.integers(0, 3), max_size=12).map(sorted))
def test_run_starts_are_where_each_value_first_appears(values):
    assert run_starts(np.array(values, dtype=np.int64)).tolist() == [values.index(v) for v in dict.fromkeys(values)]


@given(st.lists(st.integers(0, 3), max_size=12).map(sorted))
def test_run_lengths_are_how_often_each_value_appears(values):
    starts = run_starts(np.array(values, dtype=np.int64))
    assert run_lengths(starts, len(values)).tolist() == [values.count(v) for v in dict.fromkeys(values)]


@given(st.lists(st.integers(0, 6) | st.integers(0, 2**20), max_size=40))
def test_values_are_numbered_in_the_order_they_first_appear(values):
    first_seen = {v: k for k, v in enumerate(dict.fromkeys(values))}
    got = numbered_by_first_appearance(np.array(values, dtype=np.int64))
    assert got.dtype == np.int64 and got.tolist() == [first_seen[v] for v in values]


@given(st.lists(st.sampled_from([-1, 0, 1, 2**31, 2**32 - 1, 2**32, 2**40 + 3]) | st.integers(0, 2**33), max_size=30))
def test_sorted_keys_are_those_of_a_plain_sort_on_either_side_of_32_bits(keys):
    """Keys that fit in 32 bits are sorted as such; the result is still int64 and the same."""
    keys = np.array(keys, dtype=np.int64)
    got = sort_keys(keys)
    assert got.dtype == np.int64 and got.tolist() == sorted(keys.tolist())


@settings(max_examples=60, deadline=None)
@given(entries)
def test_tallied_rows_are_the_summed_entries_of_whole_counts(triples):
    """``tallied`` gives each (row, column) once, in key order, with its counts added up; without
    counts, marks."""
    tallied, table = as_rows(triples)
    summed = sorted(table.items())
    assert tallied.keys.tolist() == [r * 8 + c for (r, c), _ in summed]
    assert tallied.value.tolist() == [float(v) for _, v in summed]
    marks = SparseRows.tallied(np.array([r * 8 + c for r, c, _ in triples], dtype=np.int64), None, 8)
    assert marks.keys.tolist() == tallied.keys.tolist() and marks.value.tolist() == [1.0] * len(table)


@settings(max_examples=60, deadline=None)
@given(st.lists(entries, max_size=6))
def test_rows_joined_from_pieces_are_the_pieces_end_to_end_each_let_go_before_the_next(pieces):
    """``joined`` copies each piece into place as it comes: the rows are the pieces' entries end to
    end, and of the earlier pieces only the last one copied may still be held when the next one is
    made (the pieces are never all in memory beside the rows)."""
    made = [as_rows(triples)[0] for triples in pieces]
    held = []

    def one_at_a_time():
        for k in range(len(made)):
            assert sum(ref() is not None for ref in held[:-1]) == 0, "an earlier piece is still held"
            piece = SparseRows(made[k].keys.copy(), made[k].value.copy(), 8)
            held.append(weakref.ref(piece.keys))
            yield piece

    most = sum(len(p.keys) for p in made) + 5  # more room than needed: shrunk to what came
    joined = SparseRows.joined(one_at_a_time(), 8, most)
    assert joined.keys.tolist() == [k for p in made for k in p.keys.tolist()]
    assert joined.value.tolist() == [v for p in made for v in p.value.tolist()]
    assert joined.keys.dtype == np.int64 and joined.width == 8


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 30).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=40))))
def test_connected_components_label_each_node_by_the_smallest_node_it_reaches(graph):
    n, edges = graph
    reach = {i: {i} for i in range(n)}
    for _ in range(n):  # transitive closure, the slow obvious way
        for a, b in edges:
            joined = reach[a] | reach[b]
            for k in joined:
                reach[k] = reach[k] | joined
    labels = connected_components(n, np.array([a for a, _ in edges], dtype=np.int64),
                                  np.array([b for _, b in edges], dtype=np.int64))
    assert labels.tolist() == [min(reach[i]) for i in range(n)]


def test_reports_do_not_depend_on_the_hash_seed(tmp_path):
    """Ties (several titles or sources fitting equally) and sums must not follow set order."""
    sources = ROOT.parent / "shared" / "seed" / "hf-daily-papers-2024-07-08.json"
    args = [str(SEED), str(FIXTURES / "digest-title-mismatch.md"), "--format", "json", "--isolated"]
    if sources.is_file():
        args += ["--sources", str(sources)]
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-m", "summary_lint", *args], env=env, cwd=ROOT, check=False,
                              capture_output=True, text=True)
        assert done.returncode in (0, 1), done.stderr
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1]


def test_a_digest_is_judged_the_same_alone_and_beside_others(tmp_path):
    """Digest-wide data (title fits, prepared sources) is kept per digest, never mixed."""
    rules = ["title-mismatch", "near-duplicate"]
    folder = tmp_path / "digests"
    folder.mkdir()
    for path in (SEED, FIXTURES / "digest-title-mismatch.md"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")

    def findings(report):
        return {(p.title, f.rule, f.message) for p in report.papers for f in p.findings if f.rule == "title-mismatch"}

    together = findings(lint_paths(str(folder), config={"select": rules}))
    alone = set().union(*(findings(lint_paths(str(path), config={"select": rules})) for path in folder.iterdir()))
    assert together == alone and together
