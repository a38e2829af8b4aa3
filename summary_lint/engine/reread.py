"""Inputs parsed again by name, so that no process keeps the whole parsed input for a run: the run
keeps each paper's head (``Rereader.head``), worker processes check their files parsed anew
(``engine.parallel``), and a report gets its files' papers back for its renderers a file at a time
(``RunReport.with_papers``). A file that parses differently
the second time (changed while linting) is an ``InputError``."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import closing, contextmanager
from functools import partial
from typing import NamedTuple

from summary_lint.checks.context import count_tallies
from summary_lint.engine import parallel
from summary_lint.engine.config import Settings
from summary_lint.engine.parallel import Ahead, in_order, lint_ahead, warm_ahead
from summary_lint.errors import InputError
from summary_lint.model import Digest, Paper, PaperHead, Source, fingerprint_of
from summary_lint.read.discover import Input
from summary_lint.read.parse import InputFormat, PaperLines, paper_at, paper_lines, parse_input
from summary_lint.read.sources import source_for


class Rereader:
    """Parses an input that ``read_inputs`` read again by its name: for ``Context.reread``, a
    ``PaperHead``'s other fields and ``RunReport.with_papers``. Only a ``rereadable`` input whose
    name no other input shares (stdin and a FIFO can be read only once)."""

    def __init__(self, inputs: Iterable[Input], input_format: InputFormat = "auto"):
        inputs = list(inputs)
        names = Counter(inp.name for inp in inputs)
        self.inputs = {inp.name: inp for inp in inputs if inp.rereadable and names[inp.name] == 1}
        self.input_format = input_format
        self.printed: dict[str, int] = {}
        """What a second parse of each file must reproduce (``fingerprint``)."""
        self.tallies: dict[str, dict[str, Counter]] = {}
        """Each file's rule tallies (``Rule.tally``), counted by ``head``."""
        self.ahead: dict[str, Ahead] = {}
        """The files checked where they were parsed ahead (``parallel.lint_ahead``: their results),
        until the lint takes them (``parallel.paper_hits``)."""
        self.checks_ahead = False
        """Whether ``parse_ahead``'s workers check the files they parse."""
        self._last: Digest | None = None
        self._lines: tuple[str, PaperLines] | None = None
        """The last file a head's paper was read from, and its lines."""
        self._paper: tuple[PaperHead, Paper] | None = None

    def __call__(self, name: str) -> Digest | None:
        return parse_input(self.inputs[name], self.input_format) if name in self.inputs else None

    def head(self, digest: Digest, settings: Settings) -> Digest:
        """What a run keeps of a digest it has just parsed (``read_inputs``'s ``keep``): when the file
        can be parsed again, its papers' heads (``PaperHead``), its ``fingerprint`` and its rules'
        tallies; else the digest itself (and a digest ``parse_ahead`` kept already)."""
        if digest.file not in self.inputs or digest.file in self.printed:
            return digest
        return self._kept(_headed(digest, settings))

    def _kept(self, headed: Headed) -> Digest:
        """The heads of a digest, recorded: its fingerprint and tallies, its heads' other fields
        read from its file parsed again (``papers``)."""
        file = headed.digest.file
        self.printed[file], self.tallies[file] = headed.printed, headed.tallies
        if headed.ahead is not None:
            self.ahead[file] = headed.ahead
        for head in headed.digest.papers:
            head.read_from(self.paper)
        return headed.digest

    @contextmanager
    def parse_ahead(self, inputs: list[Input], settings_of: Mapping[str, Settings], jobs: int | None,
                    sources: Mapping[str, Source] | None = None) -> Iterator[Callable[[Input], Digest]]:
        """``read_inputs``'s ``parse`` for ``inputs``: the files that can be parsed again are parsed
        and kept (``head``) ahead, in ``jobs`` worker processes when they are many or large
        (``parallel.in_order``), the others here as they come. The read is then no longer a serial
        step before the workers that check the papers start. A worker that parses files also checks
        their papers (``parallel.lint_ahead``, with ``sources``), consecutive files of one settings
        together up to ``CHECKED_TOGETHER`` bytes (``_batches``), so that they are not parsed again
        for that; not a file the lint may split among the workers (``SPLIT_PAPERS`` papers or more,
        and more than a worker's share of the input's bytes)."""
        ahead_of = [inp for inp in inputs if inp.name in self.inputs]
        sizes = [inp.size() for inp in ahead_of]
        in_workers = parallel.ahead_in_workers(len(ahead_of), jobs, sizes)
        share = sum(sizes) / max(parallel.processes(jobs), 1)
        large = {inp.name for inp, size in zip(ahead_of, sizes) if size > share}
        check, contexts = None, {}
        if in_workers:
            check = partial(lint_ahead, sources=sources, contexts=contexts)
            _warm_on(min(zip(sizes, ahead_of), key=lambda pair: pair[0])[1], self.input_format, settings_of, sources,
                     contexts)
        batches = _batches(inputs, ahead_of, sizes, settings_of) if in_workers else [[inp] for inp in ahead_of]
        ahead = in_order(batches, partial(_parsed_batch, input_format=self.input_format, settings_of=settings_of,
                                          check=check, large=large), jobs, workers=in_workers)
        self.checks_ahead = check is not None
        pending: deque[Headed | Digest | InputError] = deque()

        def parse(inp: Input) -> Digest:
            if inp.name not in self.inputs:
                return parse_input(inp, self.input_format)
            if not pending:
                pending.extend(next(ahead))
            result = pending.popleft()
            if isinstance(result, InputError):
                raise result
            return self._kept(result) if isinstance(result, Headed) else result

        with closing(ahead):
            yield parse

    def again(self, file: str) -> Digest:
        """``file`` parsed again, when it is what was linted. The last one is kept: a worker's units
        of one split digest parse it once, and so do the papers of one file that a corpus rule
        flags (their text is read in input order)."""
        if self._last is None or self._last.file != file:
            self._last = None  # freed before the next one is parsed
            self._last = same_again(self(file), self.printed[file])
        return self._last

    def papers(self, file: str) -> list[Paper]:
        """The papers of ``file`` parsed again."""
        return self.again(file).papers

    def paper(self, head: PaperHead) -> Paper:
        """The paper of ``head`` parsed again, for the fields a head does not keep: alone, from its
        own lines (``parse.paper_at``: a corpus rule's few findings in a file of 1,000 papers parse
        those few), when that gives the paper the head was made of; else from its file parsed whole
        (a JSON document; a file that changed, an ``InputError`` then). Every paper of a file parsed
        alone costs about what the whole file does. The last file's lines and the last paper are
        kept: the papers a rule flags are read in input order, each several times."""
        if self._last is not None and self._last.file == head.file:
            return self._last.papers[head.position]
        if self._paper is not None and self._paper[0] is head:
            return self._paper[1]
        if self._lines is None or self._lines[0] != head.file:
            self._lines = None  # freed before the next file is read
            self._lines = head.file, paper_lines(self.inputs[head.file], self.input_format)
        paper = paper_at(self._lines[1], head.file, head.line, head.end_line)
        if paper is None or not head.is_printed_by(paper):
            return self.papers(head.file)[head.position]
        self._paper = head, paper
        return paper


class Headed(NamedTuple):
    """A digest's heads, its ``fingerprint`` and its rules' tallies: what ``Rereader.head`` keeps,
    made where the file was parsed (a worker process, ``Rereader.parse_ahead``), with its papers'
    hits when they were checked there too."""

    digest: Digest
    printed: int
    tallies: dict[str, Counter]
    ahead: Ahead | None = None
    """``parallel.lint_ahead``'s results."""


def _headed(digest: Digest, settings: Settings) -> Headed:
    heads = [PaperHead(paper, k) for k, paper in enumerate(digest.papers)]
    return Headed(digest.model_copy(update={"papers": heads}), hash(tuple(h.printed for h in heads)),
                  count_tallies(digest.papers, settings))


def _warm_on(inp: Input, input_format: InputFormat, settings_of: Mapping[str, Settings],
          sources: Mapping[str, Source] | None, contexts: dict) -> None:
    """The rules' caches built here on ``inp`` before the workers fork (``parallel.warm_ahead``); a
    file that cannot be read is left to raise its error in its turn."""
    try:
        digest = parse_input(inp, input_format)
    except InputError:
        return
    if digest.papers:
        settings = settings_of[digest.file]
        warm_ahead(digest, settings, sources, count_tallies(digest.papers, settings), contexts)


CHECKED_TOGETHER = 256 << 10
"""Bytes of consecutive files that a worker reading ahead parses and checks together (about 150
papers), as the lint's units pack small digests (``parallel.UNIT_PAPERS``): a check and its corpus
parts per file cost more than the second parse they spare where files hold a few papers (the
development corpus: 15 a day)."""


def _batches(inputs: list[Input], ahead_of: list[Input], sizes: list[int],
             settings_of: Mapping[str, Settings]) -> list[list[Input]]:
    """The inputs read ahead (``ahead_of``, of ``sizes``) in runs that are consecutive among all the
    ``inputs`` (a stdin or a file named twice between two breaks a run) and of the same settings, up
    to ``CHECKED_TOGETHER`` bytes together (a larger one alone): their papers are one unit's."""
    position = {id(inp): k for k, inp in enumerate(inputs)}
    batches: list[list[Input]] = []
    together = 0
    for inp, size in zip(ahead_of, sizes):
        last = batches[-1][-1] if batches else None
        if (last is not None and position[id(inp)] == position[id(last)] + 1
                and settings_of[inp.name] is settings_of[last.name] and together + size <= CHECKED_TOGETHER):
            batches[-1].append(inp)
            together += size
        else:
            batches.append([inp])
            together = size
    return batches


def _parsed_batch(inputs: list[Input], input_format: InputFormat, settings_of: Mapping[str, Settings],
                  check: Callable[..., bytes | None] | None, large: set[str]) -> list[Headed | Digest | InputError]:
    """Each input parsed and, when it has papers, headed (``_headed``); an error one raised is
    returned in its place: it is raised where the input is read, in input order
    (``Rereader.parse_ahead``). With ``check`` (``lint_ahead``), the papers are checked too, their
    results given to the first input headed: unless the input is alone, among the ``large`` ones,
    and has ``SPLIT_PAPERS`` papers."""
    results: list[Headed | Digest | InputError] = []
    parsed: dict[int, tuple[Digest, Headed]] = {}  # position in results -> a digest with papers, its heads
    for inp in inputs:
        try:
            digest = parse_input(inp, input_format)
        except InputError as exc:
            results.append(exc)
            continue
        if digest.papers:
            parsed[len(results)] = digest, _headed(digest, settings_of[digest.file])
            results.append(parsed[len(results)][1])
        else:
            results.append(digest)
    if check is None or not parsed:
        return results
    digests = [digest for digest, _ in parsed.values()]
    if len(inputs) == 1 and inputs[0].name in large and len(digests[0].papers) >= parallel.SPLIT_PAPERS:
        return results
    first = min(parsed)
    results[first] = parsed[first][1]._replace(ahead=check(digests, settings_of[digests[0].file], tallies={
        digest.file: headed.tallies for digest, headed in parsed.values()}))
    return results


def fingerprint(digest: Digest) -> int:
    """What a second parse of the same file must reproduce: every entry's ``fingerprint_of`` (as its
    heads' ``printed``, ``_headed``)."""
    return hash(tuple(map(fingerprint_of, digest.papers)))


def same_again(digest: Digest, printed: int) -> Digest:
    """``digest``, parsed again, when it is what was linted (its ``fingerprint`` is ``printed``)."""
    if fingerprint(digest) != printed:
        raise InputError(f"{digest.file}: changed while it was being linted (parsed again, it differs); run again")
    return digest


class RunInputs:
    """A run's inputs, parsed again by name for the worker processes (``Context.reread``) and for
    the report's renderers (``RunReport.with_papers``), and its source abstracts. A file that cannot
    be read twice (stdin, a FIFO, a text given to the API) or whose name two inputs share stays parsed."""

    def __init__(self, digests: Iterable[Digest], reread: Rereader | None, sources: Mapping[str, Source] | None):
        self.reread, self.sources = reread, sources or {}
        self.kept: dict[str, list[Paper]] = {}
        for d in digests:
            if reread is not None and d.file in reread.inputs:
                if d.file not in reread.printed:  # a whole digest, not kept by ``head``
                    reread.printed[d.file] = fingerprint(d)
            else:
                self.kept.setdefault(d.file, []).extend(d.papers)

    def digest(self, file: str) -> Digest | None:
        """The input ``file`` parsed again (None when it stays parsed, or the run read no such file)."""
        return self.reread.again(file) if self.reread is not None and file in self.reread.printed else None

    def papers(self, file: str) -> list[Paper] | None:
        """The papers of every input named ``file``, in input order (None: the run read no such file)."""
        if file in self.kept:
            return self.kept[file]
        digest = self.digest(file)
        return digest.papers if digest else None

    def source(self, arxiv_id: str | None) -> Source | None:
        return source_for(arxiv_id, self.sources)

    def joined(self, others: Iterable[RunInputs]) -> RunInputs:
        """These inputs and ``others`` (runs over other files of the same command), for a merged report."""
        joined = RunInputs((), self.reread, self.sources)
        for part in (self, *others):
            joined.kept.update(part.kept)
        return joined
