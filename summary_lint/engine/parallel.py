"""Per-paper rules over many papers: in worker processes (``--jobs N``), reporting progress.

Work is cut into units of whole digests (files), so the digest-wide data of a rule (title fits,
prepared sources) is built once. Small digests are packed together into units of about
``UNIT_PAPERS`` papers; units go out largest first, so a large digest starts at once and the small
ones fill the other cores around it. A huge digest, more than a worker's share of the input
(``SPLIT_PAPERS``), would keep one core busy alone: its digest-wide rules get it whole in one unit
and its other rules run in units of ``UNIT_PAPERS`` of its papers beside it (a 3,200-paper digest
alone: 3.5 → 2.3 s wall on two cores). Workers are forked with the
run's Context already built; only unit numbers go out and only each unit's hits come back, put in
place by paper index, so the output is the same for any number of jobs. Where ``fork`` is
unavailable, or for small inputs, the rules run in this process.

Workers also run the per-paper half of the corpus rules (``Rule.prepare``: near-duplicate's
words, leaked-content's names) on their unit and send back compact parts (texts named by a
16-byte key), pickled; the parent keeps them as the bytes they came in (``SentParts``) and then
runs the joins side by side (``corpus_hits``: the largest here, the others in forked processes),
each absorbing its own parts: their results are those of one process. The join here may hand half
of its independent pieces of work to a process forked for them (``spread_forked``, through
``Context.spread``): the others end first and leave their core idle. Kept as objects, the parts
would be copied page by page into every join process that reads them, and again in the parent as
it frees them.

When many files are read (``in_order``, ``Rereader.parse_ahead``), the workers that parse a file
ahead also check it there (``lint_ahead``) and send its hits and corpus parts with its heads, so
that it is not parsed a second time to be checked: the units below are then made only of the files
left, those whose check needs the whole input (``WholeInputNeeded``: a digest with no majority
language is judged in the input's) and those the units may split.

A unit parses its files again (``Context.reread``) and checks those papers, never the parent's:
the parent keeps only each paper's head (``model.PaperHead``: where it is, its title and id), and
touching a parsed object (even reading it bumps its reference count) would copy its memory page
into the worker. A split digest's per-paper unit parses the whole digest, once per process
(``Rereader.again`` keeps the last one). Only run-wide data that the parent built before forking
(``_warm``; the language votes counted as the input was read) and the indices of the digests are
read from the parent. A file that parses differently the second time (changed while linting)
stops the run with an ``InputError``. With one process the units run the same way, here: every
file is parsed twice (read, then checked), never held whole.

Each hit gets its finding's evidence marks where its paper is parsed (``Hit.marked``), so building
the reports needs no paper text.
Only the parent hears Ctrl-C and SIGTERM: it terminates the pool, so an interrupted run ends in
one line (see ``_quiet_worker``). A pool left early otherwise (an error, ``in_order`` closed) is
stopped gently: its workers skip their remaining tasks (``_forked_pool``).
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import gc
import os
import pickle
import signal
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, MutableMapping, Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeVar, cast, get_args

from summary_lint.checks.context import Context, Spread, WholeInputNeeded, in_turn
from summary_lint.checks.registry import Hit, Rule

if TYPE_CHECKING:
    import mmap
    import multiprocessing.pool
    from collections import Counter

    from summary_lint.engine.config import Settings
    from summary_lint.model import Digest, Source

UNIT_PAPERS = 200
"""Small digests are packed into units of about this many papers (one result message each)."""
PARALLEL_MIN_PAPERS = 1000
"""Below this, starting worker processes costs more than it saves."""
SPLIT_PAPERS = 1000
"""With workers, a digest of at least this many papers and more than a worker's share of the input
is split: its digest-wide rules (``Rule.digest_wide``) run on it whole in one unit, its other
per-paper rules in units of ``UNIT_PAPERS`` of its papers, so one huge digest keeps every core busy.
Each worker parses the split digest whole (once) for its units of it: a digest within a worker's
share is better left whole beside the others."""

T = TypeVar("T")
R = TypeVar("R")

UnitRules = Literal["whole", "digest-wide", "per-paper"]
WHOLE, DIGEST_WIDE, PER_PAPER = get_args(UnitRules)


class Unit(NamedTuple):
    """Papers (their indices) that one worker checks in one go, with which per-paper rules:
    all of them, a split digest's digest-wide ones, or its others."""

    papers: list[int]
    rules: UnitRules = WHOLE

AHEAD_MIN_ITEMS = 64
"""``in_order`` starts workers for this many items or more (64 daily digests of the development
corpus hold about 1,000 papers, where the checks start workers too: ``PARALLEL_MIN_PAPERS``)."""
AHEAD_MIN_SIZE = 2 << 20
"""Or for two items or more whose sizes (given to ``in_order``, in bytes) add up to this: about 1,000
papers too (the development corpus has 2 KB a paper, the Chinese day files 1.4 KB), so that the
62 day files of zh-arxiv-analyze (17 MB, 12,542 papers) are parsed ahead as well (8.25 -> 7.84 s,
the same CPU)."""
AHEAD_CHUNK = 1
"""Items a worker of ``in_order`` takes at a time (one message each way). One: a file read ahead is
checked there too (``lint_ahead``), and the day files of one archive range from 1 to 1,243 papers;
eight at a time left one core idle for 2 s of the 7 that zh-arxiv-analyze's 62 files took."""

STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
STOP_GRACE = 10.0
"""Seconds the workers of a pool left early get to finish the task at hand (``_forked_pool``); past
it (a worker lost, or a task that long) the pool is terminated."""
_ctx: Context | None = None
_units: list[Unit] = []
_digests: dict[int, tuple[str, int]] = {}
"""First paper index of each digest: (file, position in ``Context.digests``)."""
_ahead: tuple[list, Callable] | None = None
"""``in_order``'s items and work, for the workers it forks."""
_prepare = False
"""Whether workers prepare the corpus rules' parts: each unit is a run of consecutive papers."""
_joins: list[Rule] = []
"""``corpus_hits``'s rules, for the workers it forks."""
_stop: mmap.mmap | None = None
"""The running pool's stop byte, shared with its workers (``_forked_pool``)."""
_spread: tuple[Callable, Sequence] | None = None
"""``spread_forked``'s work and the pieces it hands to the process it forks."""


def in_order(items: list[T], work: Callable[[T], R], jobs: int | None, sizes: Sequence[int] = (),
             workers: bool | None = None) -> Generator[R, None, None]:
    """``work`` of each item, in order, done ahead of the caller in ``jobs`` forked worker processes
    (None: every core) when ``workers`` (None: when ``ahead_in_workers`` with ``sizes``), else here as
    they are asked for. The workers start at once, so the caller may do other work while they run
    ahead. Closing the generator stops the workers. An exception ``work`` raises ends the
    iteration: return an error that should not stop it."""
    if not (ahead_in_workers(len(items), jobs, sizes) if workers is None else workers):
        return (work(item) for item in items)
    ahead = _ahead_in_workers(items, work, min(processes(jobs), len(items)))
    next(ahead)  # the workers are forked and at work; closing ``ahead`` from here on stops them
    return cast(Generator[R, None, None], ahead)


def ahead_in_workers(count: int, jobs: int | None, sizes: Sequence[int] = ()) -> bool:
    """Whether ``in_order`` hands ``count`` items (of ``sizes`` bytes) to ``jobs`` worker processes
    (None: every core): ``AHEAD_MIN_ITEMS`` items or more, or two or more whose sizes add up to
    ``AHEAD_MIN_SIZE``."""
    many = count >= AHEAD_MIN_ITEMS or (count >= 2 and sum(sizes) >= AHEAD_MIN_SIZE)
    return processes(jobs) > 1 and many and _can_fork()


def processes(jobs: int | None) -> int:
    """How many processes ``jobs`` asks for (None: one per core)."""
    return (os.cpu_count() or 1) if jobs is None else jobs


def _ahead_in_workers(items: list[T], work: Callable[[T], R], processes: int) -> Generator[R | None, None, None]:
    """``in_order`` in workers: yields None once they are started, then the results."""
    global _ahead
    _ahead = items, work
    try:
        with _forked_pool(processes) as pool:
            results = pool.imap(_work_ahead, range(len(items)), chunksize=AHEAD_CHUNK)
            yield None
            yield from results
    finally:
        _ahead = None


def _work_ahead(k: int):
    assert _ahead is not None
    items, work = _ahead
    return None if _stopped() else work(items[k])


def default_jobs(papers: int) -> int:
    """Every core for a large input, one process for a small one."""
    return (os.cpu_count() or 1) if papers >= PARALLEL_MIN_PAPERS else 1


def work_units(groups: list[list[int]], size: int, split: int | None = None) -> list[Unit]:
    """Paper indices in units of whole digests: consecutive small digests packed up to ``size``
    papers, a larger digest alone, a digest of ``split`` papers or more split (see ``SPLIT_PAPERS``);
    largest unit first (ties in input order)."""
    units: list[Unit] = []
    for group in groups:
        if split is not None and len(group) >= split:
            units.append(Unit(list(group), DIGEST_WIDE))
            units += [Unit(group[k:k + size], PER_PAPER) for k in range(0, len(group), size)]
        elif units and units[-1].rules == WHOLE and len(units[-1].papers) + len(group) <= size:
            units[-1].papers.extend(group)
        else:
            units.append(Unit(list(group)))
    return sorted(units, key=lambda u: len(u.papers), reverse=True)


class PaperHits(NamedTuple):
    """``paper_hits``' result: the hits of every per-paper rule, per paper in input order, but for the
    files checked where they were read, whose hits are still as their workers pickled them
    (``checked``: each check's papers and its pickled hits) until ``place_checked`` puts them in."""

    hits: list[list[tuple[Rule, Hit]]]
    checked: list[tuple[Unit, bytes]]


def paper_hits(ctx: Context, jobs: int | None = 1, on_progress: Callable[[int, int], None] | None = None,
               ahead: MutableMapping[str, Ahead] | None = None) -> PaperHits:
    """Hits of every per-paper rule, per paper (``jobs=None``: ``default_jobs``; never more
    processes than chunks). The units also run the per-paper half of the corpus rules
    (``Rule.prepare``) and the parts land in ``ctx.prepared``, for the corpus rules' joins in this
    process. ``on_progress(done, total)`` follows each chunk. ``ahead``: the files already checked
    where they were read (``lint_ahead``: their results, by the first file of each check);
    they are taken out of it, their parts kept (dropped unless the units prepare too: not with a
    file named twice) and their hits left pickled (``PaperHits.checked``): as objects they held
    ~360 MB of this process beside the joins (100,000 papers with sources)."""
    rules = [r for r in ctx.settings.enabled if r.scope == "paper"]
    n = len(ctx.papers)
    jobs = default_jobs(n) if jobs is None else jobs
    hits: list[list[tuple[Rule, Hit]]] = [[] for _ in range(n)]
    if not rules and not any(r.prepare for r in ctx.settings.enabled if r.scope == "corpus"):
        return PaperHits(hits, [])
    forked = jobs > 1 and _can_fork()
    checked, results, files = _checked(ctx, ahead) if ahead else ([], [], set())
    units = work_units([group for group in ctx.digest_groups() if ctx.papers[group[0]].file not in files],
                       UNIT_PAPERS, max(SPLIT_PAPERS, n // jobs + 1) if forked else None)
    global _ctx, _units, _digests, _prepare
    _ctx, _units, _digests = ctx, units, _digest_starts(ctx)
    _prepare = all(u.papers == list(range(u.papers[0], u.papers[0] + len(u.papers)))
                   for u in units)  # else: a file named twice
    try:
        taken = ((k, found, parts if _prepare else {}) for k, (found, parts) in enumerate(results))
        kept = list(_parts_kept(taken, checked, ctx.prepared))
        done = sum(len(unit.papers) for unit, _ in kept)  # their progress was the read's
        if forked and units:
            _in_workers(ctx, units, jobs, hits, rules, on_progress, done)
        else:
            results = map(_as_sent, map(_run_unit, range(len(units))))
            _collect(hits, _parts_kept(results, units, ctx.prepared), rules, on_progress, done)
    finally:
        _ctx, _units, _digests, _prepare = None, [], {}, False
    order = {r.name: k for k, r in enumerate(rules)}
    for unit in units:
        if unit.rules == DIGEST_WIDE:  # its papers' hits came in two parts: in rule order, as in one process
            for i in unit.papers:
                hits[i].sort(key=lambda rule_hit: order[rule_hit[0].name])
    return PaperHits(hits, kept)


def place_checked(ctx: Context, found: PaperHits) -> list[list[tuple[Rule, Hit]]]:
    """``found.hits`` with the hits of the files checked where they were read put in place (their
    papers had none yet), each check's unpickled in turn."""
    rules = [r for r in ctx.settings.enabled if r.scope == "paper"]
    _collect(found.hits, ((unit, pickle.loads(pickled)) for unit, pickled in found.checked), rules, None)
    return found.hits


def corpus_hits(ctx: Context, rules: list[Rule], jobs: int | None = 1) -> list[list[tuple[int, Hit]]]:
    """Each corpus rule's join over the run (``rules`` in order): its hits as (paper index, hit
    marked on its paper). The joins need nothing of each other, so with ``jobs`` (None:
    ``default_jobs``) they run side by side: the one with the most parts here, the others in forked
    processes, which inherit the parts the units prepared (``Context.prepared``) instead of being
    sent them; this process drops their parts once they are forked. The largest join's hits are
    then not pickled back (near-duplicate's on 100,000 repeated papers: 55,000 hits, 40 MB, 1.2 s
    to send). The result is the same for any number of jobs."""
    jobs = default_jobs(len(ctx.papers)) if jobs is None else jobs
    if jobs <= 1 or not _can_fork():
        return [_join(ctx, rule) for rule in rules]
    if len(rules) <= 1:
        return [_join(ctx, rule, spread_forked) for rule in rules]
    here = max(rules, key=lambda rule: _parts_size(ctx, rule))  # the first of the largest
    others = [rule for rule in rules if rule is not here]
    global _ctx, _joins
    _ctx, _joins = ctx, others
    try:
        with _forked_pool(min(jobs - 1, len(others))) as pool:
            for rule in others:
                ctx.prepared.pop(rule.name, None)  # the workers hold them now
            forked = pool.map_async(_join_forked, range(len(others)), chunksize=1)
            found = {here.name: _join(ctx, here, spread_forked)}
            found.update(zip((rule.name for rule in others), forked.get()))
    finally:
        _ctx, _joins = None, []
    return [found[rule.name] for rule in rules]


def _parts_size(ctx: Context, rule: Rule) -> int:
    """Bytes of the parts the workers sent for ``rule``'s join (0: none, or made here)."""
    sent = ctx.prepared.get(rule.name)
    return sent.size if isinstance(sent, SentParts) else 0


def _join(ctx: Context, rule: Rule, spread: Spread = in_turn) -> list[tuple[int, Hit]]:
    """``rule``'s join, its independent pieces of work spread by ``spread`` (``Context.spread``)."""
    if isinstance(sent := ctx.prepared.get(rule.name), SentParts):
        ctx.prepared[rule.name] = sent.absorbed()
    ctx.spread = spread
    try:
        return [(i, hit.marked(ctx.papers[i])) for i, hit in rule.check(ctx.papers, ctx)]
    finally:
        ctx.spread = in_turn


def spread_forked(work: Callable[[T], R], pieces: Sequence[T]) -> list[R]:
    """``work`` on each piece, the results in order: the latter half of the pieces in a process
    forked for them while this one does the first half (``Context.spread``). The join that runs
    here while the others run in forked processes is the longest (near-duplicate's, 8 s at
    100,000 English papers, the others 3 s): the core they leave idle takes half of its pieces.
    The fork inherits ``work`` and all it reads; only its results are pickled back."""
    if len(pieces) < 2:
        return in_turn(work, pieces)
    global _spread
    cut = (len(pieces) + 1) // 2
    _spread = work, pieces[cut:]
    try:
        with _forked_pool(1) as pool:
            latter = pool.apply_async(_spread_latter)
            return in_turn(work, pieces[:cut]) + latter.get()
    finally:
        _spread = None


def _spread_latter() -> list | None:
    """``spread_forked``'s latter half, in its forked process, without the cyclic GC (as a join)."""
    assert _spread is not None
    gc.disable()
    work, pieces = _spread
    return None if _stopped() else in_turn(work, pieces)


def _join_forked(k: int) -> list[tuple[int, Hit]] | None:
    """A join in a process forked for the joins alone, without the cyclic GC: a join builds its
    data once and leaves no cycles behind, and the process ends with it, so every collection
    would only scan the parts it unpickled and what it built of them again (leaked-content's join
    on 100,000 Chinese papers: 141 collections, 1.1 of its ~4.5 s, nothing collected)."""
    assert _ctx is not None
    gc.disable()
    return None if _stopped() else _join(_ctx, _joins[k])


def _in_workers(ctx: Context, units: list[Unit], jobs: int, hits, rules: list[Rule],
                on_progress: Callable[[int, int], None] | None, done: int) -> None:
    """``units`` run in ``jobs`` forked worker processes, their hits collected into ``hits``."""
    if len(units) > 1:
        _warm(ctx, min(units, key=lambda u: len(u.papers)))
    with _forked_pool(min(jobs, len(units))) as pool:
        results = pool.imap_unordered(_run_unit_sent, range(len(units)))
        _collect(hits, _parts_kept(results, units, ctx.prepared), rules, on_progress, done)


class Ahead(NamedTuple):
    """Files checked where they were read (``lint_ahead``): their names, their papers' per-paper hits,
    as a unit's (rule name, hit), and their corpus parts, pickled: compact, and no objects among the
    heads the read keeps, whose pages a forked join that reads every head copies. Its hits stay
    pickled until the joins are done (``place_checked``), its parts until their join
    (``SentParts``). It comes back as it is (the pool pickles it on the way): pickled once more as a
    whole, it would be unpickled beside those bytes to take them out, 180 MB more in this process at
    100,000 English papers."""

    files: tuple[str, ...]
    found: bytes
    parts: dict[str, bytes]


def lint_ahead(digests: list[Digest], settings: Settings, sources: Mapping[str, Source] | None,
               tallies: dict[str, dict[str, Counter]], contexts: dict[int, Context]) -> Ahead | None:
    """The per-paper rules' hits on consecutive digests just parsed (``Rereader.parse_ahead``), and
    their papers' corpus parts, so that the files are not parsed again to be checked. None when a
    rule asks what only the whole input says (``WholeInputNeeded``: the language of a digest with no
    majority language is the input's): the files are then checked with the others, as every file is
    without this. ``tallies``: each file's; ``contexts``: this process's context per settings (by
    id), whose caches live across the files it checks (a pack's index; the texts its corpus parts
    sent, ``PartKeys``). It runs with the cyclic collector off, as the read does: parsing and checking
    leave next to no cycles (none after 90 days of the development corpus with sources, 317 objects
    after 3,500 Chinese papers)."""
    ctx = _some_files(digests, settings, sources, tallies, contexts)
    try:
        found = pickle.dumps(_run(ctx, Unit(list(range(len(ctx.papers))))), pickle.HIGHEST_PROTOCOL)
        parts = _pickled(_prepared(ctx.papers, ctx))
        return Ahead(tuple(d.file for d in digests), found, parts)
    except WholeInputNeeded:
        return None
    finally:
        ctx.digest_cache.clear()


def warm_ahead(digest: Digest, settings: Settings, sources: Mapping[str, Source] | None, tallies: dict[str, Counter],
               contexts: dict[int, Context]) -> None:
    """Build the rules' run-wide caches here, before ``in_order``'s workers fork, by checking the first
    paper of ``digest`` (a small file) as ``lint_ahead`` would (``_warm`` does the same for the
    units): otherwise every worker that checks files ahead builds them again."""
    _first_paper_checked(_some_files([digest], settings, sources, {digest.file: tallies}, contexts), Unit([0]))


def _some_files(digests: list[Digest], settings: Settings, sources: Mapping[str, Source] | None,
                tallies: dict[str, dict[str, Counter]], contexts: dict[int, Context]) -> Context:
    """A context of ``digests`` alone (``Context.some_files``), sharing the caches of ``contexts``' for
    their settings."""
    base = contexts.get(id(settings))
    if base is None:
        base = contexts[id(settings)] = Context(settings, [], [], sources=sources or {}, some_files=True)
    return dataclasses.replace(base, digests=digests, papers=[p for d in digests for p in d.papers],
                               tallies=tallies, index={})


def _checked(ctx: Context, ahead: MutableMapping[str, Ahead]) -> tuple[list[Unit], list[tuple[list, dict]], set[str]]:
    """The files checked ahead, taken out of ``ahead`` (by the first file of each check): their papers
    as units, their (hits, parts), and their names."""
    units, results, files = [], [], set()
    groups = ctx.digest_groups()
    k = 0
    while k < len(groups):
        if (checked := ahead.pop(ctx.papers[groups[k][0]].file, None)) is None:
            k += 1
            continue
        covered = groups[k:k + len(checked.files)]
        assert [ctx.papers[g[0]].file for g in covered] == list(checked.files), "a check covers consecutive files"
        units.append(Unit([i for g in covered for i in g]))
        results.append((checked.found, checked.parts))
        files.update(checked.files)
        k += len(covered)
    return units, results, files


def _as_sent(result: tuple[int, list, dict[str, object]]) -> tuple[int, list, dict[str, object]]:
    """A unit's result, run in this process, with its corpus parts in the form a worker sends them
    (``absorb`` takes a part so): rebuilt from what pickling would take of them (``__reduce_ex__``:
    their ``__getstate__``), as ``copy.copy`` does, without writing and reading the bytes."""
    k, found, parts = result
    return k, found, {name: copy.copy(part) for name, part in parts.items()}


class SentParts:
    """A corpus rule's parts from the units, absorbed into one where the rule's join runs
    (``absorbed``). A part a worker pickled is kept as those bytes, in the order it came (a
    worker's parts may name entries of its earlier ones), and unpickled only there: kept as
    objects, the parts would be copied page by page into every forked join process that reads
    them, and again in this process as it frees them. A part made in this process is absorbed at
    once."""

    def __init__(self) -> None:
        self._whole: object = None
        self._pickled: list[tuple[int, bytes]] = []

    def add(self, start: int, part: object) -> None:
        """A unit's part (pickled or not); ``start``: the unit's first paper index."""
        if isinstance(part, bytes):
            self._pickled.append((start, part))
        else:
            self._absorb(start, part)

    @property
    def size(self) -> int:
        """Bytes of the parts kept pickled (not yet absorbed)."""
        return sum(len(part) for _, part in self._pickled)

    def absorbed(self) -> object:
        """Every part absorbed into an empty one of their kind, as if one process had prepared them,
        handed over: kept here too, it would live as long as the join that frees it as it goes."""
        for start, part in self._pickled:
            self._absorb(start, pickle.loads(part))
        self._pickled = []
        whole, self._whole = self._whole, None
        return whole

    def _absorb(self, start: int, part) -> None:
        if self._whole is None:
            self._whole = type(part)()
        self._whole.absorb(part, start)


def _parts_kept(results, units: list[Unit], prepared: dict[str, object]):
    """The units' results as (unit, hits); their corpus parts are kept per rule as they come
    (``SentParts`` in ``Context.prepared``)."""
    for k, found, parts in results:
        for name, part in parts.items():
            prepared.setdefault(name, SentParts()).add(units[k].papers[0], part)
        yield units[k], found


def _warm(ctx: Context, unit: Unit) -> None:
    """Build the run-wide caches of the rules (e.g. a pack's index) here, before forking, by running
    the rules of a small unit on its first paper (parsed again here, like a worker's): otherwise
    every worker builds them again. Only that unit's rules: a split digest's digest-wide ones would
    build its data here, alone."""
    _first_paper_checked(_parsed_here(ctx, unit.papers), unit)


def _first_paper_checked(ctx: Context, unit: Unit) -> None:
    """The unit's rules run on its first paper, for the run-wide caches they build; nothing is kept
    of its digest (``ctx.digest_cache``, which the contexts made from one share, is emptied). In a
    context of some files, a rule that asks for the whole input stops it there."""
    try:
        for r in _unit_rules(ctx, unit):
            for _ in r.check(ctx.papers[unit.papers[0]], ctx):
                pass
    except WholeInputNeeded:
        pass
    finally:
        ctx.digest_cache.clear()


def _collect(hits, results: Iterable[tuple[Unit, list]], rules: list[Rule],
             on_progress: Callable[[int, int], None] | None, done: int = 0) -> int:
    """Put each unit's hits back at its papers' indices, reporting progress from ``done`` papers on
    (a split digest's papers count as done when their per-paper units are); the papers done then."""
    by_name = {r.name: r for r in rules}
    for unit, found_per_paper in results:
        for i, found in zip(unit.papers, found_per_paper):
            hits[i] += [(by_name[name], hit) for name, hit in found]
        if unit.rules != DIGEST_WIDE:
            done += len(unit.papers)
            if on_progress:
                on_progress(done, len(hits))
    return done


def _can_fork() -> bool:
    """Whether workers can be forked here; ``multiprocessing`` (~10 ms) is imported only when there
    are jobs to share out, not for a small digest."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


@contextlib.contextmanager
def _forked_pool(processes: int) -> Iterator[multiprocessing.pool.Pool]:
    """A pool of ``processes`` forked workers that leave Ctrl-C and SIGTERM to this process
    (``_quiet_worker``); leaving the block terminates them.

    Left early (the caller closed ``in_order``, or an error such as a worker's ``InputError``),
    the workers are stopped, not killed: they skip their remaining tasks (``_stopped``), the pool
    is closed, and its workers end on their own (within ``STOP_GRACE``) before it is terminated.
    ``Pool.terminate`` kills a worker wherever it is, and one killed while sending a result holds
    the result queue's lock for good: the pool's shutdown then waits for it forever (18 hangs in
    200 early closes with results of 2 MB). Ctrl-C and SIGTERM still terminate at once."""
    global _stop
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)  # see _quiet_worker
    thawed = not gc.get_freeze_count()
    gc.freeze()  # a worker's collections would write to every object it inherited, copying their pages
    outer = _stop
    try:
        import mmap  # like multiprocessing, only when there are workers to fork
        import multiprocessing

        _stop = mmap.mmap(-1, 1)  # one byte shared with the workers forked below
        others = set(multiprocessing.active_children())
        with multiprocessing.get_context("fork").Pool(processes, _quiet_worker) as pool:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a signal held meanwhile arrives now
            workers = [p for p in multiprocessing.active_children() if p not in others]
            try:
                yield pool
            except (Exception, GeneratorExit):
                _stop[0] = 1
                pool.close()  # the workers end once the tasks left are skipped
                deadline = time.monotonic() + STOP_GRACE
                for worker in workers:
                    worker.join(max(0.0, deadline - time.monotonic()))
                raise
    finally:
        _stop = outer
        if thawed:  # else the caller froze its objects for good (the CLI: its parsed input)
            gc.unfreeze()
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _stopped() -> bool:
    """In a worker: whether its pool was left early, so that its remaining tasks are skipped."""
    return _stop is not None and _stop[0] == 1


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


def _run_unit(k: int) -> tuple[int, list[list[tuple[str, Hit]]], dict[str, object]]:
    """A unit's hits, and the parts of its papers that the corpus rules prepare (``Rule.prepare``),
    from its files parsed again here (see the module docstring)."""
    assert _ctx is not None
    unit = _units[k]
    ctx = _parsed_here(_ctx, unit.papers)
    try:
        found = _run(ctx, unit)
        if unit.rules == DIGEST_WIDE or not _prepare:
            return k, found, {}
        papers = [ctx.papers[i] for i in unit.papers]  # the last digest's cache still holds its sources' facts
        return k, found, _prepared(papers, ctx)
    finally:
        ctx.digest_cache.clear()


def _run_unit_sent(k: int) -> tuple[int, list[list[tuple[str, Hit]]], dict[str, bytes]]:
    """``_run_unit`` in a worker: the parts pickled here, so that the parent keeps them as bytes."""
    if _stopped():
        return k, [], {}
    k, found, parts = _run_unit(k)
    return k, found, _pickled(parts)


def _prepared(papers: list, ctx: Context) -> dict[str, object]:
    """The parts of ``papers`` that the corpus rules prepare (``Rule.prepare``), by rule name."""
    return {r.name: r.prepare(papers, ctx) for r in ctx.settings.enabled if r.scope == "corpus" and r.prepare}


def _pickled(parts: dict[str, object]) -> dict[str, bytes]:
    """Parts as a worker sends them: the parent keeps them as these bytes (``SentParts``)."""
    return {name: pickle.dumps(part, pickle.HIGHEST_PROTOCOL) for name, part in parts.items()}


def _digest_starts(ctx: Context) -> dict[int, tuple[str, int]]:
    """Built before forking: per digest, what a worker needs to parse it again on its own. Empty
    (the workers read the parent's papers) without ``reread`` or when two digests share a name."""
    position = {d.file: k for k, d in enumerate(ctx.digests)}
    if ctx.reread is None or len(position) < len(ctx.digests):
        return {}
    starts = {}
    for group in ctx.digest_groups():
        file = ctx.papers[group[0]].file
        starts[group[0]] = (file, position[file])
    return starts


class Replaced(Sequence):
    """``base`` with the items at some indices replaced; the other items are not touched."""

    def __init__(self, base: Sequence, replacements: dict[int, object]):
        self.base, self.replacements = base, replacements

    def __len__(self) -> int:
        return len(self.base)

    def __getitem__(self, i: int):
        return self.replacements[i] if i in self.replacements else self.base[i]


def _parsed_here(ctx: Context, unit: list[int]) -> Context:
    """``ctx`` with the papers and digests of ``unit`` parsed again in this process (see the
    module docstring); a digest that cannot be read again (stdin) stays the parent's. A split
    digest's per-paper unit starts inside its digest, which is parsed whole (once per process:
    ``Rereader.again`` keeps the last one)."""
    if not _digests:
        return ctx
    starts = [i for i in unit if i in _digests]
    if unit[0] not in _digests:
        starts.insert(0, max(start for start in _digests if start < unit[0]))
    papers: dict[int, object] = {}
    digests: dict[int, object] = {}
    for start in starts:
        file, position = _digests[start]
        digest = ctx.reread(file)
        if digest is None:
            continue
        papers.update(zip(range(start, start + len(digest.papers)), digest.papers))
        digests[position] = digest
    if not digests:
        return ctx
    return dataclasses.replace(ctx, papers=Replaced(ctx.papers, papers), digests=Replaced(ctx.digests, digests))


def _unit_rules(ctx: Context, unit: Unit) -> list[Rule]:
    return [r for r in ctx.settings.enabled if r.scope == "paper"
            and (unit.rules == WHOLE or r.digest_wide == (unit.rules == DIGEST_WIDE))]


def _run(ctx: Context, unit: Unit) -> list[list[tuple[str, Hit]]]:
    """Hits of the unit's papers, a digest at a time (its digest cache emptied in between; the
    last one's is left to the corpus rules' prepare, then emptied by ``_run_unit``)."""
    rules = _unit_rules(ctx, unit)
    found, digest = [], None
    for i in unit.papers:
        paper = ctx.papers[i]
        if paper.file != digest:
            ctx.digest_cache.clear()
            digest = paper.file
        found.append([(r.name, hit.marked(paper)) for r in rules for hit in r.check(paper, ctx)])
    return found
