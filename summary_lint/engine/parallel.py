"""Per-paper rules over many papers: in worker processes (``--jobs N``), reporting progress.

Workers are forked with the run's Context already built, so nothing but paper indices and hits
crosses process boundaries. Papers are cut into contiguous chunks and the hits are put back by
index, so the output is the same for any number of jobs. Where ``fork`` is unavailable, or for
small inputs, the rules run in this process. Only the parent hears Ctrl-C and SIGTERM: it
terminates the pool, so an interrupted run ends in one line (see ``_quiet_worker``).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable
from typing import TypeVar

from summary_lint.checks.context import Context
from summary_lint.checks.registry import Hit, Rule

CHUNK = 200
PARALLEL_MIN_PAPERS = 1000
"""Below this, starting worker processes costs more than it saves."""

STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_ctx: Context | None = None
T = TypeVar("T")


def default_jobs(papers: int) -> int:
    """Every core for a large input, one process for a small one."""
    return (os.cpu_count() or 1) if papers >= PARALLEL_MIN_PAPERS else 1


def paper_hits(ctx: Context, jobs: int | None = 1, on_progress: Callable[[int, int], None] | None = None,
               meanwhile: Callable[[], T] = lambda: None) -> tuple[list[list[tuple[Rule, Hit]]], T]:
    """Hits of every per-paper rule, per paper in input order (``jobs=None``: ``default_jobs``;
    never more processes than chunks), and the result of ``meanwhile()``, which runs in this
    process while the workers run the rules (the corpus rules: so they overlap with the per-paper
    rules instead of waiting for them). ``on_progress(done, total)`` follows each chunk."""
    rules = [r for r in ctx.settings.enabled if r.scope == "paper"]
    n = len(ctx.papers)
    jobs = default_jobs(n) if jobs is None else jobs
    hits: list[list[tuple[Rule, Hit]]] = [[] for _ in range(n)]
    chunks = [range(start, min(start + CHUNK, n)) for start in range(0, n, CHUNK)]
    if not rules or jobs <= 1 or len(chunks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        _collect(hits, chunks, (_run(ctx, chunk) for chunk in chunks) if rules else (), rules, on_progress)
        return hits, meanwhile()
    global _ctx
    _ctx = ctx
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)  # see _quiet_worker
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(chunks)), _quiet_worker) as pool:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a signal held meanwhile arrives now
            results = pool.imap(_run_forked, chunks)
            extra = meanwhile()
            _collect(hits, chunks, results, rules, on_progress)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        _ctx = None
    return hits, extra


def _collect(hits, chunks: list[range], results: Iterable, rules: list[Rule],
             on_progress: Callable[[int, int], None] | None) -> None:
    """Put each chunk's hits back at its papers' indices, reporting progress."""
    by_name = {r.name: r for r in rules}
    for chunk, found_per_paper in zip(chunks, results):
        for i, found in zip(chunk, found_per_paper):
            hits[i] = [(by_name[name], hit) for name, hit in found]
        if on_progress:
            on_progress(chunk.stop, len(hits))


def _quiet_worker() -> None:
    """Workers leave the run's process group: Ctrl-C and a SIGTERM sent to the group reach the
    parent alone, which terminates the pool. A worker dying on its own could die holding the task
    queue's lock, and the pool's shutdown would then wait for that lock forever.

    Both signals are held while the workers are forked (one that arrived during ``fork`` would be
    raised in the parent's after-fork hooks, where Python ignores exceptions, and the run would go
    on); a signal the worker was sent meanwhile is dropped or ends it before it takes any task."""
    os.setpgid(0, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the pool's terminate(): end at once, quietly
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


def _run_forked(chunk: range) -> list[list[tuple[str, Hit]]]:
    assert _ctx is not None
    return _run(_ctx, chunk)


def _run(ctx: Context, chunk: range) -> list[list[tuple[str, Hit]]]:
    rules = [r for r in ctx.settings.enabled if r.scope == "paper"]
    return [[(r.name, hit) for r in rules for hit in r.check(ctx.papers[i], ctx)] for i in chunk]
