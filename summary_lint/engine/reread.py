"""Inputs parsed again by name, so that no process keeps the whole parsed input for a run: worker
processes check their files parsed anew (``engine.parallel``), and a report gets its files' papers
back for its renderers a file at a time (``RunReport.with_papers``). A file that parses differently
the second time (changed while linting) is an ``InputError``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from summary_lint.errors import InputError
from summary_lint.model import Digest, Paper, Source
from summary_lint.read.discover import Input
from summary_lint.read.parse import InputFormat, parse_input
from summary_lint.read.sources import source_for


class Rereader:
    """``Context.reread`` for the inputs ``read_inputs`` read: parses one again by its name (None
    unless it is ``rereadable``: stdin and a FIFO can be read only once)."""

    def __init__(self, inputs: Iterable[Input], input_format: InputFormat = "auto"):
        self.inputs = {inp.name: inp for inp in inputs if inp.rereadable}
        self.input_format = input_format

    def __call__(self, name: str) -> Digest | None:
        return parse_input(self.inputs[name], self.input_format) if name in self.inputs else None


def fingerprint(digest: Digest) -> int:
    """What a second parse of the same file must reproduce: every entry's place, title and summary.
    Python's own hash: the same in this process and in the workers it forks, and no hashlib to
    import on a run that never parses a file again (6 ms of a single digest's start)."""
    return hash(tuple((p.line, p.end_line, p.title, p.summary) for p in digest.papers))


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
        digests = list(digests)
        names = Counter(d.file for d in digests)
        self.reread, self.sources = reread, sources or {}
        self.printed: dict[str, int] = {}
        self.kept: dict[str, list[Paper]] = {}
        for d in digests:
            if reread is not None and d.file in reread.inputs and names[d.file] == 1:
                self.printed[d.file] = fingerprint(d)
            else:
                self.kept.setdefault(d.file, []).extend(d.papers)

    def digest(self, file: str) -> Digest | None:
        """The input ``file`` parsed again (None when it stays parsed, or the run read no such file)."""
        return same_again(self.reread(file), self.printed[file]) if file in self.printed else None

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
            joined.printed.update(part.printed)
            joined.kept.update(part.kept)
        return joined
