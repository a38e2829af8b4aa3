"""Per-paper rules over many papers: in worker processes (``--jobs N``) and with a progress bar.

Workers are forked with the run's Context already built, so nothing but paper indices and hits
crosses process boundaries. Papers are cut into contiguous chunks and the hits are put back by
index, so the output is the same for any number of jobs. Where ``fork`` is unavailable, or for
small inputs, the rules run in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable
from typing import TypeVar

from summary_lint.checks.context import Context
from summary_lint.checks.registry import Hit, Rule

PROGRESS_MIN_PAPERS = 2000
"""Shorter runs take a second or two: no progress bar."""
CHUNK = 200
PARALLEL_MIN_PAPERS = 1000
"""Below this, starting worker processes costs more than it saves."""

_ctx: Context | None = None
T = TypeVar("T")


def default_jobs(papers: int) -> int:
    """Every core for a large input, one process for a small one."""
    return (os.cpu_count() or 1) if papers >= PARALLEL_MIN_PAPERS else 1


def paper_hits(ctx: Context, jobs: int | None = 1, progress: bool = False,
               meanwhile: Callable[[], T] = lambda: None) -> tuple[list[list[tuple[Rule, Hit]]], T]:
    """Hits of every per-paper rule, per paper in input order (``jobs=None``: ``default_jobs``),
    and the result of ``meanwhile()``, which runs in this process while the workers run the rules
    (the corpus rules: so they overlap with the per-paper rules instead of waiting for them)."""
    rules = [r for r in ctx.settings.enabled if r.scope == "paper"]
    n = len(ctx.papers)
    jobs = default_jobs(n) if jobs is None else jobs
    hits: list[list[tuple[Rule, Hit]]] = [[] for _ in range(n)]
    chunks = [range(start, min(start + CHUNK, n)) for start in range(0, n, CHUNK)]
    if not rules or jobs <= 1 or len(chunks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        _collect(hits, chunks, (_run(ctx, chunk) for chunk in chunks) if rules else (), rules, progress)
        return hits, meanwhile()
    global _ctx
    _ctx = ctx
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.imap(_run_forked, chunks)
            extra = meanwhile()
            _collect(hits, chunks, results, rules, progress)
    finally:
        _ctx = None
    return hits, extra


def _collect(hits, chunks: list[range], results: Iterable, rules: list[Rule], progress: bool) -> None:
    """Put each chunk's hits back at its papers' indices, updating the progress bar."""
    n = len(hits)
    bar = _bar(n) if progress and n >= PROGRESS_MIN_PAPERS and sys.stderr.isatty() else None
    by_name = {r.name: r for r in rules}
    for chunk, found_per_paper in zip(chunks, results):
        for i, found in zip(chunk, found_per_paper):
            hits[i] = [(by_name[name], hit) for name, hit in found]
        if bar:
            bar.update(len(chunk))
    if bar:
        bar.close()


def _run_forked(chunk: range) -> list[list[tuple[str, Hit]]]:
    assert _ctx is not None
    return _run(_ctx, chunk)


def _run(ctx: Context, chunk: range) -> list[list[tuple[str, Hit]]]:
    rules = [r for r in ctx.settings.enabled if r.scope == "paper"]
    return [[(r.name, hit) for r in rules for hit in r.check(ctx.papers[i], ctx)] for i in chunk]


def _bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="paper", file=sys.stderr, leave=False)
