"""Workers check their digests parsed anew, not the parent's parsed papers (whose memory pages any
touch would copy into them), and a file that changed in between stops the run."""

from __future__ import annotations

import dataclasses
import gc
import json
import multiprocessing
import os
import pickle
import time
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED

from summary_lint.checks.context import Context, WholeInputNeeded, count_tallies, in_turn, sum_tallies
from summary_lint.checks.registry import Hit
from summary_lint.checks.wrong_language import expected_language, language_votes
from summary_lint.engine import parallel
from summary_lint.engine import reread as reread_module
from summary_lint.engine.config import Config, resolve
from summary_lint.engine.parallel import PER_PAPER, Unit
from summary_lint.engine.reread import Rereader, RunInputs
from summary_lint.engine.run import lint_digests, read_inputs
from summary_lint.errors import InputError
from summary_lint.model import Paper, PaperHead
from summary_lint.read.decode import bytes_opener
from summary_lint.read.discover import Input, discover
from summary_lint.read.sources import load_sources


def context(paths, extra=()):
    inputs = [*discover([str(p) for p in paths]), *extra]
    digests, _ = read_inputs(inputs)
    papers = [p for d in digests for p in d.papers]
    return Context(settings=resolve(), digests=digests, papers=papers,
                   reread=RunInputs(digests, Rereader(inputs), None).digest)


@pytest.fixture
def two_days(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    paths = [tmp_path / "a.md", tmp_path / "b.md"]
    for path in paths:
        path.write_text(text, encoding="utf-8")
    return paths


@pytest.fixture
def plan(monkeypatch):
    def install(ctx):
        monkeypatch.setattr(parallel, "_digests", parallel._digest_starts(ctx))
    return install


def test_a_unit_is_checked_on_its_own_parse_and_the_rest_is_left_alone(two_days, plan):
    ctx = context(two_days)
    plan(ctx)
    second = ctx.digest_groups()[1]
    local = parallel._parsed_here(ctx, second)
    for i in second:
        assert local.papers[i] is not ctx.papers[i] and local.papers[i] == ctx.papers[i]
    first = ctx.digest_groups()[0]
    assert all(local.papers[i] is ctx.papers[i] for i in first)
    assert local.digests[1] is not ctx.digests[1] and local.digests[0] is ctx.digests[0]
    assert len(local.papers) == len(ctx.papers)
    assert local.cache is ctx.cache  # run-wide data built before forking is shared, not rebuilt


def test_a_file_changed_since_it_was_parsed_stops_the_run(two_days, plan):
    ctx = context(two_days)
    plan(ctx)
    two_days[1].write_text(two_days[1].read_text(encoding="utf-8").replace("EVE-7B", "EVE-8B"), encoding="utf-8")
    with pytest.raises(InputError, match="b.md: changed while it was being linted"):
        parallel._parsed_here(ctx, ctx.digest_groups()[1])
    assert parallel._parsed_here(ctx, ctx.digest_groups()[0]).papers[0] is not ctx.papers[0]


def test_stdin_cannot_be_read_twice_so_its_papers_stay_the_parents(two_days, plan):
    stdin = Input("<stdin>", bytes_opener(SEED.read_bytes()), True)  # as discover makes it: not rereadable
    ctx = context(two_days[:1], extra=[stdin])
    plan(ctx)
    assert ctx.reread("<stdin>") is None
    group = ctx.digest_groups()[1]
    assert all(parallel._parsed_here(ctx, group).papers[i] is ctx.papers[i] for i in group)


def test_only_regular_files_are_read_again(tmp_path, two_days):
    fifo = tmp_path / "piped.md"
    os.mkfifo(fifo)
    named = {inp.name: inp.rereadable for inp in discover([str(two_days[0]), str(fifo), "-"])}
    assert named == {str(two_days[0]): True, str(fifo): False, "<stdin>": False}
    assert [inp.rereadable for inp in discover([str(tmp_path)])] == [True, True]  # a.md, b.md; not the FIFO


def test_without_reread_workers_read_the_parents_papers(two_days, plan):
    ctx = context(two_days)
    ctx.reread = None
    plan(ctx)
    assert parallel._parsed_here(ctx, ctx.digest_groups()[1]) is ctx


def test_in_memory_inputs_parse_again_too(plan):
    text = SEED.read_bytes()
    ctx = context([], extra=[Input(name, bytes_opener(text), True, rereadable=True) for name in ("one.md", "two.md")])
    plan(ctx)
    group = ctx.digest_groups()[1]
    assert parallel._parsed_here(ctx, group).papers[group[0]] is not ctx.papers[group[0]]


def test_rules_find_a_files_digest_in_the_workers_own_parse(two_days, plan):
    ctx = context(two_days)
    ctx.schema_has(ctx.papers[0], "votes")  # the parent looked digests up before forking
    plan(ctx)
    second = ctx.digest_groups()[1]
    local = parallel._parsed_here(ctx, second)
    assert local._digest_named(local.papers[second[0]].file) is local.digests[1] is not ctx.digests[1]


def corpus_findings(ctx) -> dict[str, list]:
    corpus_rules = [r for r in ctx.settings.enabled if r.scope == "corpus"]
    return {r.name: [(i, h.message, h.line, h.section, [(loc.file, loc.line) for loc in h.related])
                     for i, h in r.check(ctx.papers, ctx)] for r in corpus_rules}


def three_days(tmp_path):
    """The seed digest three times under other ids (copies across days), with a text of each day's own."""
    text = SEED.read_text(encoding="utf-8")
    paths = [tmp_path / f"day-{k}.md" for k in range(3)]
    for k, path in enumerate(paths):
        path.write_text(text.replace("abs/24", f"abs/{24 + k}").replace("EVE-7B", f"EVE-{7 + k}B"), encoding="utf-8")
    return paths


LEAKS_OF_THREE_PAPERS = Config(rules={"leaked-content": {"min-papers": 3}})


@pytest.mark.parametrize("cuts", [[13, 26], [5, 13, 30], [1, 2, 3, 38]])
def test_corpus_parts_prepared_in_pieces_join_as_one_process_reads_them(tmp_path, cuts):
    """Workers prepare the corpus rules' per-paper halves a unit at a time and send them pickled
    (texts as keys); joined in input order they give the findings of one process."""
    ctx = context(three_days(tmp_path))
    settings = resolve(LEAKS_OF_THREE_PAPERS.model_copy(update={"select": ["near-duplicate", "leaked-content"]}))
    ctx.settings = settings
    whole = corpus_findings(ctx)
    assert whole["near-duplicate"] and whole["leaked-content"]
    bounds = [0, *cuts, len(ctx.papers)]
    pieces = list(pairwise(bounds))
    for order in (pieces, pieces[::-1]):  # parts come back in any order (a process's in the order it sent them)
        ctx.prepared, ctx.cache = {}, {}
        for a, b in order:
            for r in settings.enabled:
                if r.prepare:
                    part = pickle.loads(pickle.dumps(r.prepare(ctx.papers[a:b], ctx)))
                    ctx.prepared.setdefault(r.name, type(part)()).absorb(part, a)
        assert set(ctx.prepared) == {"near-duplicate", "leaked-content"}
        assert corpus_findings(ctx) == whole
        ctx.cache, sent = {}, {}  # kept as the workers' bytes, absorbed where the join runs
        for a, b in order:
            for r in settings.enabled:
                if r.prepare:
                    sent.setdefault(r.name, parallel.SentParts()).add(a, pickle.dumps(r.prepare(ctx.papers[a:b], ctx)))
        ctx.prepared = {name: parts.absorbed() for name, parts in sent.items()}
        assert corpus_findings(ctx) == whole


def test_a_process_names_the_texts_it_sent_before_so_its_parts_go_in_order(two_days):
    """A worker reads a copy once: its later parts name the text, so they cannot come first."""
    ctx = context(two_days)
    first, second = ctx.digest_groups()
    for r in resolve().enabled:
        if r.prepare:
            early, late = (pickle.loads(pickle.dumps(r.prepare([ctx.papers[i] for i in group], ctx)))
                           for group in (first, second))
            whole = type(early)()
            with pytest.raises(RuntimeError, match="before the part"):
                whole.absorb(late, second[0])


def test_a_process_sends_each_word_once_and_a_forked_one_numbers_its_own(tmp_path, monkeypatch):
    """near-duplicate's later parts send only the words and anchors no earlier part of their
    process sent, under the process's token; a process forked from one that prepared starts anew."""
    from summary_lint.checks import near_duplicate

    ctx = context(three_days(tmp_path))
    days = [[ctx.papers[i] for i in group] for group in ctx.digest_groups()]
    sent = [pickle.loads(pickle.dumps(near_duplicate.prepare(papers, ctx))) for papers in days]
    alone = [near_duplicate._read(papers) for papers in days]
    assert len({part.token for part in sent}) == 1
    for vocab in ("vocab", "anchor_vocab"):
        assert vars(sent[0])[vocab] == list(vars(alone[0])[vocab])
        before = set(vars(sent[0])[vocab])
        for part, read in zip(sent[1:], alone[1:]):
            assert set(vars(part)[vocab]) == set(vars(read)[vocab]) - before
            before |= set(vars(part)[vocab])
    assert sent[1].vocab and sent[1].anchor_vocab  # each day names its own model
    monkeypatch.setattr(os, "getpid", lambda: -1)
    forked = near_duplicate.prepare(days[1], ctx).__getstate__()
    assert forked["token"] != sent[0].token and forked["vocab"] == list(alone[1].vocab)


def test_a_part_prepared_in_one_process_is_absorbed_in_the_form_a_worker_sends(two_days):
    """One process does not pickle its parts: ``_as_sent`` gives what unpickling them would."""
    ctx = context(two_days)
    prepared = {r.name: r.prepare(ctx.papers, ctx) for r in resolve().enabled if r.prepare}
    assert set(prepared) == {"near-duplicate", "leaked-content"}
    _, _, kept = parallel._as_sent((0, [], prepared))
    for name, part in prepared.items():
        sent = pickle.loads(pickle.dumps(part))
        assert type(kept[name]) is type(sent) and vars(kept[name]) == vars(sent) != vars(part)


def test_workers_give_the_corpus_findings_of_one_process(tmp_path, monkeypatch):
    from summary_lint.checks.leaked_content import Names
    from summary_lint.checks.near_duplicate import SectionWords

    monkeypatch.setattr(parallel, "UNIT_PAPERS", 5)  # a unit per digest, in both workers
    log = tmp_path / "absorbed.txt"  # written by whichever process absorbs (with workers: the joins')
    for kind in (SectionWords, Names):
        def spy(self, part, start, absorb=kind.absorb):
            with log.open("a") as f:
                f.write(f"{type(part).__name__} {start}\n")
            absorb(self, part, start)
        monkeypatch.setattr(kind, "absorb", spy)
    inputs = discover([str(p) for p in three_days(tmp_path)])
    digests, files = read_inputs(inputs)
    reports = []
    for jobs in (1, 2):  # one process prepares its units' parts as a worker does
        log.write_text("")
        reports.append(lint_digests(digests, files, resolve(LEAKS_OF_THREE_PAPERS), jobs=jobs, reread=Rereader(inputs)))
        absorbed = sorted(tuple(line.split()) for line in log.read_text().splitlines())
        assert absorbed == [(kind, str(start)) for kind in ("Names", "SectionWords") for start in (0, 13, 26)]
    one, two = reports
    assert {"near-duplicate", "leaked-content"} <= set(one.summary.findings_by_rule)
    assert one.model_dump_json() == two.model_dump_json()


@pytest.mark.parametrize("largest", ["near-duplicate", "leaked-content"])
def test_corpus_joins_run_side_by_side_the_largest_here_with_one_processs_hits(tmp_path, monkeypatch, largest):
    def spy(rule):
        def check(papers, ctx):
            yield 0, Hit(f"joined in {os.getpid()}, collector {gc.isenabled()}", 1)
            yield from rule.check(papers, ctx)
        return dataclasses.replace(rule, check=check)

    settings = resolve(LEAKS_OF_THREE_PAPERS)
    rules = [spy(r) for r in settings.enabled if r.scope == "corpus"]
    assert [r.name for r in rules] == ["near-duplicate", "leaked-content", "duplicate-paper"]
    monkeypatch.setattr(parallel, "_parts_size", lambda ctx, rule: 2 if rule.name == largest else 1)
    paths = three_days(tmp_path)
    found = {}
    for jobs in (1, 2):
        ctx = dataclasses.replace(context(paths), settings=settings)
        parallel.paper_hits(ctx, jobs=1)  # the units' parts, absorbed here
        assert set(ctx.prepared) == {"near-duplicate", "leaked-content"}
        found[jobs] = parallel.corpus_hits(ctx, rules, jobs)
        assert not ctx.prepared  # taken by the joins, or dropped here once forked
    pids = {jobs: [{hit.message for i, hit in hits if hit.message.startswith("joined")} for hits in found[jobs]]
            for jobs in found}
    here = {f"joined in {os.getpid()}, collector True"}
    assert pids[1] == [here] * 3 and gc.isenabled()
    assert [names == here for names in pids[2]] == [rule.name == largest for rule in rules]
    forked = [names for names in pids[2] if names != here]
    assert len(forked) == 2 and forked[0] == forked[1]  # one other process for the other two joins
    assert next(iter(forked[0])).endswith("collector False")  # a forked join leaves no cycles to collect
    rest = {jobs: [[(i, hit) for i, hit in hits if not hit.message.startswith("joined")] for hits in found[jobs]]
            for jobs in found}
    assert all(rest[1][:2]) and rest[1] == rest[2]  # near-duplicates and leaks found, the same in both


def _where(piece):
    return piece, os.getpid(), gc.isenabled()


def test_a_forked_spread_does_the_latter_pieces_in_another_process_in_order():
    done = parallel.spread_forked(_where, list(range(5)))
    assert [piece for piece, _, _ in done] == list(range(5))
    here = {(pid, collector) for _, pid, collector in done[:3]}
    there = {(pid, collector) for _, pid, collector in done[3:]}
    assert here == {(os.getpid(), gc.isenabled())}
    assert len(there) == 1 and next(iter(there))[0] != os.getpid() and next(iter(there))[1] is False
    assert parallel.spread_forked(_where, [7]) == [(7, os.getpid(), gc.isenabled())]  # one piece: here


def _fails_on_three(piece):
    if piece == 3:
        raise ValueError("piece 3")
    return piece


def test_a_forked_spread_raises_what_its_forked_half_raised():
    with pytest.raises(ValueError, match="piece 3"):
        parallel.spread_forked(_fails_on_three, [0, 1, 2, 3])


@pytest.mark.parametrize("rules", [1, 3])
def test_the_join_run_here_beside_the_workers_alone_spreads_its_pieces(tmp_path, monkeypatch, rules):
    spreads = []

    def spy(rule):
        def check(papers, ctx):
            spreads.append((rule.name, os.getpid(), ctx.spread))
            yield from rule.check(papers, ctx)
        return dataclasses.replace(rule, check=check)

    settings = resolve(LEAKS_OF_THREE_PAPERS)
    chosen = [spy(r) for r in settings.enabled if r.scope == "corpus"][:rules]
    monkeypatch.setattr(parallel, "_parts_size", lambda ctx, rule: 2 if rule.name == "near-duplicate" else 1)
    for jobs in (1, 2):
        ctx = dataclasses.replace(context(three_days(tmp_path)), settings=settings)
        parallel.paper_hits(ctx, jobs=1)
        spreads.clear()
        parallel.corpus_hits(ctx, chosen, jobs)
        here = [(name, spread) for name, pid, spread in spreads if pid == os.getpid()]
        expected = parallel.spread_forked if jobs > 1 else in_turn
        assert here == [("near-duplicate", expected)] + [(r.name, in_turn) for r in chosen[1:] if jobs == 1]
        assert ctx.spread is in_turn


def test_parts_sent_pickled_are_measured_by_their_bytes():
    sent = parallel.SentParts()
    sent.add(0, b"x" * 10)
    sent.add(5, b"y" * 3)
    assert sent.size == 13


def test_a_report_parses_its_files_again_for_renderers_and_keeps_what_cannot_be(two_days):
    stdin = Input("<stdin>", bytes_opener(SEED.read_bytes()), True)
    inputs = [*discover([str(p) for p in two_days]), stdin]
    digests, files = read_inputs(inputs)
    report = lint_digests(digests, files, resolve(), reread=Rereader(inputs))
    assert list(report._inputs.kept) == ["<stdin>"]  # the files are parsed again when asked for
    paired = [(r.file, r.line, p) for r, p, _ in report.with_papers()]
    assert paired == [(p.file, p.line, p) for d in digests for p in d.papers]
    two_days[1].write_text(SEED.read_text(encoding="utf-8").replace("AriGraph", "AriGraf"), encoding="utf-8")
    with pytest.raises(InputError, match="b.md: changed while it was being linted"):
        list(report.with_papers())


def test_handed_over_digests_are_dropped_once_their_reports_are_built(two_days):
    inputs = list(discover([str(p) for p in two_days]))
    digests, files = read_inputs(inputs)
    kept = lint_digests(digests, files, resolve(), reread=Rereader(inputs))
    handed, _ = read_inputs(inputs)
    report = lint_digests(handed, files, resolve(), reread=Rereader(inputs), hand_over=True)
    assert handed == [None, None] and all(d is not None for d in digests)
    assert report.model_dump() == kept.model_dump()
    assert [p for _, p, _ in report.with_papers()] == [p for d in digests for p in d.papers]


def test_the_run_keeps_heads_and_parses_a_file_again_for_the_rest(two_days):
    inputs = list(discover([str(p) for p in two_days]))
    reread = Rereader(inputs)
    digests, _ = read_inputs(inputs, keep=lambda digest: reread.head(digest, resolve()))
    whole, _ = read_inputs(inputs)
    head, paper = digests[1].papers[2], whole[1].papers[2]
    assert isinstance(head, PaperHead) and not isinstance(head, Paper)
    assert (head.file, head.line, head.title, head.arxiv_id) == (paper.file, paper.line, paper.title, paper.arxiv_id)
    assert head.summary == paper.summary and head.sections == paper.sections  # from its own lines, read again
    assert reread.papers(head.file)[0] == whole[1].papers[0]  # the whole file parsed again
    assert digests[1].papers[0].sections is reread.papers(head.file)[0].sections  # the last file parsed is kept
    assert digests[0].papers[0].summary == whole[0].papers[0].summary
    reread = Rereader(inputs)
    digests, _ = read_inputs(inputs, keep=lambda digest: reread.head(digest, resolve()))
    two_days[1].write_text(two_days[1].read_text(encoding="utf-8").replace("EVE-7B", "EVE-8B"), encoding="utf-8")
    assert digests[1].papers[2].summary == paper.summary  # its own lines did not change
    with pytest.raises(InputError, match="b.md: changed while it was being linted"):
        assert digests[1].papers[0].summary  # EVE-7B is in its summary


def test_heads_give_the_report_of_whole_digests_in_one_process_and_in_workers(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "UNIT_PAPERS", 5)
    inputs = list(discover([str(p) for p in three_days(tmp_path)]))
    settings = resolve(LEAKS_OF_THREE_PAPERS)
    whole, files = read_inputs(inputs)
    expected = lint_digests(whole, files, settings, reread=Rereader(inputs)).model_dump_json()
    for jobs in (1, 2):
        reread = Rereader(inputs)
        heads, files = read_inputs(inputs, keep=lambda digest, reread=reread: reread.head(digest, settings))
        assert lint_digests(heads, files, settings, jobs=jobs, reread=reread, hand_over=True).model_dump_json() == expected


def test_the_language_votes_tallied_on_reading_decide_the_majority():
    papers = read_inputs(discover([str(SEED)]))[0][0].papers
    ctx = Context(settings=resolve(), digests=[], papers=papers)
    tallies = count_tallies(papers, ctx.settings)
    assert list(tallies) == ["wrong-language"] and tallies["wrong-language"].most_common(1)[0][0] == "ko"
    by_file = {str(SEED): tallies}
    assert expected_language(dataclasses.replace(ctx, cache={}, tallies=by_file)) == expected_language(ctx) == "ko"
    told = {"wrong-language": Counter({"zh": 3, "ko": 1})}  # the tally, not the papers, decides
    assert expected_language(dataclasses.replace(ctx, cache={}, tallies={"a.md": told})) == "zh"
    assert sum_tallies([told, tallies])["wrong-language"]["zh"] == 3
    assert language_votes(papers, resolve(Config(language="ko"))) == Counter()


def test_a_context_of_some_files_refuses_what_only_the_whole_input_says():
    papers = read_inputs(discover([str(SEED)]))[0][0].papers
    one = Context(settings=resolve(), digests=[], papers=papers, some_files=True,
                  tallies={str(SEED): count_tallies(papers, resolve())})
    assert expected_language(one, papers[0]) == "ko"  # the file's own majority
    for ask in (lambda: one.input_tally("wrong-language"), one.every_paper, lambda: expected_language(one)):
        with pytest.raises(WholeInputNeeded):
            ask()
    whole = dataclasses.replace(one, some_files=False)
    assert whole.every_paper() is papers and whole.input_tally("wrong-language")["ko"] == 13


def test_warming_the_rules_before_the_read_forks_keeps_nothing_of_the_digest():
    digest = read_inputs(discover([str(SEED)]))[0][0]
    settings, contexts = resolve(), {}
    parallel.warm_ahead(digest, settings, None, count_tallies(digest.papers, settings), contexts)
    [base] = contexts.values()
    assert base.some_files and base.papers == [] and not base.digest_cache
    no_majority = {"wrong-language": Counter({"ko": 1, "en": 1})}  # the input's language is asked for: not known
    parallel.warm_ahead(digest, settings, None, no_majority, contexts)
    assert list(contexts.values()) == [base] and not base.digest_cache


def test_a_split_digests_per_paper_unit_parses_its_digest_here_once(tmp_path, plan, monkeypatch):
    path = tmp_path / "day.md"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    ctx = context([path])
    plan(ctx)
    parsed = []
    monkeypatch.setattr(Rereader, "__call__", lambda self, name, call=Rereader.__call__: parsed.append(name) or call(self, name))
    units = [Unit(ctx.digest_groups()[0][k:k + 5], PER_PAPER) for k in (5, 10)]
    for unit in units:
        local = parallel._parsed_here(ctx, unit.papers)
        assert all(local.papers[i] is not ctx.papers[i] and local.papers[i] == ctx.papers[i] for i in unit.papers)
    assert parsed == [str(path)]


def _work_here(k: int) -> tuple[int, int]:
    return k, os.getpid()


@pytest.mark.parametrize("jobs", [1, 2])
def test_work_done_ahead_comes_in_order_from_workers_only_when_there_are_enough_items(monkeypatch, jobs):
    monkeypatch.setattr(parallel, "AHEAD_MIN_ITEMS", 4)
    done = list(parallel.in_order(list(range(20)), _work_here, jobs))
    assert [k for k, _ in done] == list(range(20))
    assert all(pid != os.getpid() for _, pid in done) == (jobs == 2)
    assert all(pid == os.getpid() for _, pid in parallel.in_order([1, 2, 3], _work_here, jobs))
    ahead = parallel.in_order(list(range(20)), _work_here, jobs)
    assert bool(multiprocessing.active_children()) == (jobs == 2)  # at work before the first item is asked for
    assert next(ahead)[0] == 0
    ahead.close()  # the workers stop: nothing hangs
    parallel.in_order(list(range(20)), _work_here, jobs).close()  # also when none was asked for
    assert not multiprocessing.active_children()


def test_few_items_go_to_workers_when_their_sizes_add_up(monkeypatch):
    """Fewer than ``AHEAD_MIN_ITEMS`` items are worked ahead when their sizes (a folder's files, in
    bytes) reach ``AHEAD_MIN_SIZE``; one item alone never is."""
    monkeypatch.setattr(parallel, "AHEAD_MIN_SIZE", 100)
    large = list(parallel.in_order([0, 1, 2], _work_here, 2, sizes=[40, 40, 40]))
    assert [k for k, _ in large] == [0, 1, 2] and all(pid != os.getpid() for _, pid in large)
    for items, sizes in (([0, 1, 2], [30, 30, 30]), ([0], [500])):
        assert all(pid == os.getpid() for _, pid in parallel.in_order(items, _work_here, 2, sizes=sizes))
    assert not multiprocessing.active_children()


def test_an_input_knows_the_size_of_a_file_it_can_read_again(tmp_path):
    path = tmp_path / "day.md"
    path.write_bytes(b"x" * 1234)
    [found] = discover([str(path)])
    assert found.rereadable and found.size() == 1234
    assert Input("<stdin>", bytes_opener(b"x" * 1234), True).size() == 0
    path.unlink()
    assert found.size() == 0  # gone since: nothing to parse ahead


def test_workers_left_early_finish_the_item_at_hand_and_skip_the_rest(tmp_path, monkeypatch):
    """Closing ``in_order`` (or an error) stops the workers without killing them: one killed while
    sending a result holds the result queue's lock, and the pool's shutdown then hangs."""
    monkeypatch.setattr(parallel, "AHEAD_MIN_ITEMS", 4)
    log = tmp_path / "log"

    def work(k: int) -> int:
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        os.write(fd, f"start {k}\n".encode())
        time.sleep(0.05)
        os.write(fd, f"end {k}\n".encode())
        os.close(fd)
        return k

    ahead = parallel.in_order(list(range(48)), work, 2)
    assert next(ahead) == 0  # a worker's first 8 items are done; the other worker is at work
    ahead.close()
    assert not multiprocessing.active_children()
    events = Counter(line.split()[0] for line in log.read_text().splitlines())
    assert events["start"] == events["end"] < 48


def test_a_worker_that_does_not_finish_in_the_grace_is_terminated(monkeypatch):
    monkeypatch.setattr(parallel, "AHEAD_MIN_ITEMS", 4)
    monkeypatch.setattr(parallel, "STOP_GRACE", 0.3)

    def work(k: int) -> int:
        if k >= parallel.AHEAD_CHUNK:  # the other worker's items
            time.sleep(60)
        return k

    ahead = parallel.in_order(list(range(4 * parallel.AHEAD_CHUNK)), work, 2)
    assert next(ahead) == 0
    started = time.monotonic()
    ahead.close()
    assert time.monotonic() - started < 10
    assert not multiprocessing.active_children()


def test_files_parsed_ahead_in_workers_give_the_skips_errors_and_report_of_a_serial_read(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "AHEAD_MIN_ITEMS", 3)
    three_days(tmp_path)
    (tmp_path / "day-1b.md").write_bytes(b"\x00binary")  # between the days: its skip keeps its place
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    inputs = list(discover([str(tmp_path)]))
    settings = resolve(LEAKS_OF_THREE_PAPERS)

    def read(jobs: int, keep_going: bool = True):
        reread, skipped = Rereader(inputs), []
        with reread.parse_ahead(inputs, {inp.name: settings for inp in inputs}, jobs) as parse:
            digests, files = read_inputs(inputs, keep_going=keep_going, on_skip=skipped.append, parse=parse,
                                         keep=lambda digest: reread.head(digest, settings))
        report = lint_digests(digests, files, settings, reread=reread, hand_over=True)
        return report.model_dump_json(), [f.path for f in skipped]

    serial, ahead = read(1), read(2)
    assert serial == ahead and serial[1] == [str(tmp_path / "day-1b.md")]
    assert '"papers":39' in serial[0].replace(" ", "") and "empty file" in serial[0]
    for jobs in (1, 2):
        with pytest.raises(InputError, match="day-1b.md: binary input"):
            read(jobs, keep_going=False)


def test_files_checked_where_they_are_parsed_ahead_give_the_report_of_checking_them_afterwards(tmp_path, monkeypatch):
    """A worker that parses files ahead checks them there too, with the sources, consecutive small
    files together; files whose check needs the whole input (a digest with no majority language is
    judged in the input's) or that the lint may split among its workers are checked afterwards, with
    the others: the report is the same."""
    monkeypatch.setattr(parallel, "AHEAD_MIN_ITEMS", 3)
    monkeypatch.setattr(parallel, "SPLIT_PAPERS", 20)
    monkeypatch.setattr(reread_module, "CHECKED_TOGETHER", 60_000)  # two days of 25 KB together, not three
    three_days(tmp_path)
    mixed = json_lines_day(tmp_path / "mixed.jsonl", ["This summary is written in English about a new vision model.",
                                                      "이 요약은 한국어로 쓴 요약입니다. 새로운 모델을 제안합니다."])
    text = SEED.read_text(encoding="utf-8")
    large = tmp_path / "large.md"  # more than half of the input's bytes, and 52 papers
    large.write_text("".join(text.replace("abs/24", f"abs/{30 + k}") for k in range(4)), encoding="utf-8")
    (tmp_path / "day-1s.md").write_text((FIXTURES / "sources" / "digest.md").read_text(encoding="utf-8"),
                                        encoding="utf-8")  # 1.8 KB: with the first two days
    sources = load_sources([FIXTURES / "sources" / "sources.jsonl"])
    inputs = list(discover([str(tmp_path)]))
    settings = resolve(LEAKS_OF_THREE_PAPERS)

    def report(jobs: int):
        reread = Rereader(inputs)
        with reread.parse_ahead(inputs, {inp.name: settings for inp in inputs}, jobs, sources) as parse:
            digests, files = read_inputs(inputs, parse=parse, keep=lambda digest: reread.head(digest, settings))
        checked = [[Path(file).name for file in ahead.files] for ahead in reread.ahead.values()]
        return lint_digests(digests, files, settings, sources, jobs=jobs, reread=reread, hand_over=True), checked

    calls = []  # the hits of the files checked ahead are unpickled only once the joins are done
    joins, place = parallel.corpus_hits, parallel.place_checked

    def joined(ctx, *args):
        calls.append("joins")
        return joins(ctx, *args)

    def placed(ctx, found):
        calls.append([type(pickled) for _, pickled in found.checked])
        return place(ctx, found)

    monkeypatch.setattr(parallel, "corpus_hits", joined)
    monkeypatch.setattr(parallel, "place_checked", placed)
    serial, checked_here = report(1)
    assert calls == ["joins", []]
    calls.clear()
    ahead, checked_ahead = report(2)
    assert calls == ["joins", [bytes, bytes]]
    assert checked_here == [] and checked_ahead == [["day-0.md", "day-1.md", "day-1s.md"], ["day-2.md"]]
    assert serial.model_dump_json() == ahead.model_dump_json()
    english, korean = (p for p in ahead.papers if p.file == str(mixed))
    assert "wrong-language" in {f.rule for f in english.findings}  # in the input's language, Korean
    assert "wrong-language" not in {f.rule for f in korean.findings}  # (the file's first, English, would say)
    assert {"unsupported-claim", "no-source"} & {f.rule for p in ahead.papers for f in p.findings}


def test_files_are_checked_together_only_when_they_follow_each_other_and_share_settings(tmp_path):
    paths = three_days(tmp_path)
    files = list(discover([str(p) for p in paths]))
    stdin = Input("<stdin>", lambda: b"", True)  # read once: never read ahead
    inputs = [files[0], stdin, files[1], files[2]]
    one, other = resolve(), resolve(Config(language="ko"))
    same = {inp.name: one for inp in inputs}
    assert [[Path(i.name).name for i in b] for b in reread_module._batches(inputs, files, [10, 10, 10], same)] == \
        [["day-0.md"], ["day-1.md", "day-2.md"]]
    assert len(reread_module._batches(files, files, [10, 10, 10], {**same, files[2].name: other})) == 2
    big = reread_module.CHECKED_TOGETHER
    assert len(reread_module._batches(files, files, [big // 2, big // 2, 1], same)) == 2


def test_a_read_that_checks_its_files_shows_its_progress_in_files(tmp_path, monkeypatch, capsys):
    """The bar follows the files as workers parse and check them; no paper is left for the lint's bar."""
    from summary_lint.cli import check
    from summary_lint.cli.main import main

    monkeypatch.setattr(parallel, "AHEAD_MIN_ITEMS", 3)
    three_days(tmp_path)
    seen: list[tuple[str, int, int]] = []

    class Recorded:
        def __init__(self, unit="paper", minimum=0):
            self.unit = unit

        def __call__(self, done, total):
            seen.append((self.unit, done, total))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            pass

    monkeypatch.setattr(check, "ProgressBar", Recorded)
    assert main([str(tmp_path), "--jobs", "2", "--exit-zero", "--format", "json"]) == 0
    assert seen == [("file", 1, 3), ("file", 2, 3), ("file", 3, 3)]
    seen.clear()
    assert main([str(tmp_path), "--jobs", "1", "--exit-zero", "--format", "json"]) == 0
    assert seen == [("paper", 39, 39)]  # read here, then checked: one unit of the three digests
    capsys.readouterr()


def json_lines_day(path, summaries):
    records = [{"title": f"Paper {k}", "arxiv_id": f"2501.0000{k}", "summary": {"What's New": text}}
               for k, text in enumerate(summaries)]
    path.write_text("\n\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path


def test_a_heads_paper_is_read_alone_from_json_lines_and_checked(tmp_path):
    """A corpus rule's finding in a file of JSON lines reads its paper's record, not the whole file."""
    summaries = ["첫째 요약입니다.", "둘째 요약입니다.", "셋째 요약입니다."]
    path = json_lines_day(tmp_path / "day.jsonl", summaries)
    inputs = list(discover([str(path)]))
    whole = read_inputs(inputs)[0][0].papers

    def heads():
        reread = Rereader(inputs)
        return reread, read_inputs(inputs, keep=lambda digest: reread.head(digest, resolve()))[0][0].papers

    reread, kept = heads()
    assert all(isinstance(h, PaperHead) for h in kept)
    assert [(h.line, h.summary, h.sections) for h in kept[::-1]] == [(p.line, p.summary, p.sections) for p in whole[::-1]]
    assert reread._last is None  # no paper needed its whole file
    reread, kept = heads()
    json_lines_day(path, [summaries[0], "바뀐 요약입니다.", summaries[2]])
    assert kept[0].summary == whole[0].summary  # its record is as it was
    with pytest.raises(InputError, match="changed while"):
        _ = kept[1].summary


def test_a_heads_paper_is_read_from_its_own_lines_in_markdown_and_whole_from_a_json_document(tmp_path, two_days):
    inputs = list(discover([str(p) for p in two_days]))
    reread = Rereader(inputs)
    heads = [p for d in read_inputs(inputs, keep=lambda digest: reread.head(digest, resolve()))[0] for p in d.papers]
    whole = [p for d in read_inputs(inputs)[0] for p in d.papers]
    assert [(h.sections, h.media, h.votes, h.authors, h.end_line) for h in heads] == \
        [(p.sections, p.media, p.votes, p.authors, p.end_line) for p in whole]
    assert reread._last is None
    document = tmp_path / "day.json"
    document.write_text(json.dumps([{"title": "Paper", "arxiv_id": "2501.00001", "summary": "요약입니다."}]),
                        encoding="utf-8")
    inputs = list(discover([str(document)]))
    reread = Rereader(inputs)
    [head] = read_inputs(inputs, keep=lambda digest: reread.head(digest, resolve()))[0][0].papers
    assert head.summary == "요약입니다." and reread._last is not None and reread._last.file == str(document)


def test_the_cli_collects_no_cycles_from_the_read_to_the_written_report(tmp_path, monkeypatch, capsys):
    """The parsed input and the reports live until exit and leave no cycles worth collecting: the
    cyclic GC is off while the CLI reads, lints and writes (its workers forked meanwhile inherit
    that), and on again after."""
    from summary_lint.cli import check
    from summary_lint.cli.main import main

    seen = []

    def noting(step: str, do):
        def noted(*args, **kwargs):
            seen.append((step, gc.isenabled()))
            return do(*args, **kwargs)
        return noted

    monkeypatch.setattr(parallel, "paper_hits", noting("lint", parallel.paper_hits))
    monkeypatch.setattr(check, "_write_reports", noting("write", check._write_reports))
    assert gc.isenabled()
    assert main([str(SEED), "--exit-zero", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["papers"] == 13
    assert seen == [("lint", False), ("write", False)] and gc.isenabled()
