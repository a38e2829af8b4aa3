"""What a rule may look at besides its own paper: the whole input, its options, shared caches."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from summary_lint.checks.registry import RuleOptions
from summary_lint.engine.config import Settings
from summary_lint.model import Digest, Paper, Source
from summary_lint.read.sources import has_source_for, source_for


def text_key(*texts: str) -> bytes:
    """A compact key of some texts (16 bytes, collisions out of reach): the parts that worker
    processes prepare (``Context.prepared``) name the texts they read by it, so copies in two
    parts are recognised without sending the texts back."""
    if len(texts) == 1:
        return _blake2b()(texts[0].encode("utf-8", "surrogatepass"), digest_size=16).digest()
    key = _blake2b()(digest_size=16)
    for text in texts:  # each text's length first: ("ab", "c") and ("a", "bc") differ
        data = text.encode("utf-8", "surrogatepass")
        key.update(len(data).to_bytes(8, "little"))
        key.update(data)
    return key.digest()


@cache
def _blake2b():
    """hashlib's blake2b, imported once, when first needed: not at start-up (only runs that prepare
    corpus parts key texts), and not on every key either (an import statement costs as much as the
    hashing of a section)."""
    from hashlib import blake2b

    return blake2b


class PartKeys:
    """In a worker preparing a part (``Rule.prepare``): the keys of the part's distinct texts in the
    order they were numbered, and those of every text this process sent in earlier parts, so that a
    copy is named (by its key) rather than read and sent again. Outside a worker (``sent`` None)
    nothing is keyed until the part is sent."""

    def __init__(self, sent: set[bytes] | None):
        self.sent = sent
        self.keys: list[bytes] = []

    def sent_before(self, *texts: str) -> bool:
        """Numbers the part's next distinct text (made of ``texts``); True when an earlier part of
        this worker sent it."""
        if self.sent is None:
            return False
        key = text_key(*texts)
        self.keys.append(key)
        if key in self.sent:
            return True
        self.sent.add(key)
        return False

    def numbered(self, numbers: dict[Any, int], texts_of: Callable[[Any], tuple[str, ...]]) -> dict[bytes, int]:
        """The part's distinct texts as sent over, key → number (``numbers``: each text's number,
        ``texts_of`` what it is made of)."""
        if self.sent is not None:
            return dict(zip(self.keys, range(len(self.keys))))
        return {text_key(*texts_of(text)): n for text, n in numbers.items()}


Spread = Callable[[Callable[[Any], Any], Sequence[Any]], list]
"""``Context.spread``: work done on each of some pieces, the results in order."""


def in_turn(work: Callable[[Any], Any], pieces: Sequence[Any]) -> list:
    """``work`` done on each piece in turn, in this process (``Context.spread``)."""
    return [work(piece) for piece in pieces]


class WholeInputNeeded(Exception):
    """A rule asked a context of some files (``Context.some_files``) what only the whole input can say."""


def count_tallies(papers: list[Paper], settings: Settings) -> dict[str, Counter]:
    """The tallies (``Rule.tally``) of the enabled rules over ``papers``, by rule name."""
    return {r.name: r.tally(papers, settings) for r in settings.enabled if r.tally}


def sum_tallies(parts: Iterable[dict[str, Counter]]) -> dict[str, Counter]:
    """Files' tallies added up in input order (a Counter keeps the order keys first came in)."""
    total: dict[str, Counter] = {}
    for part in parts:
        for name, counts in part.items():
            total.setdefault(name, Counter()).update(counts)
    return total


@dataclass
class Context:
    settings: Settings
    digests: Sequence[Digest]
    papers: Sequence[Paper]
    """Every paper of the run, in input order: in the parent of a run over files, their heads
    (``model.PaperHead``), whose text costs a parse of their file; a rule checks its paper parsed."""
    cache: dict[str, Any] = field(default_factory=dict)
    """Derived data that several rules share (built once per run, e.g. a TF-IDF index)."""
    digest_cache: dict[str, Any] = field(default_factory=dict)
    """Derived data of the digest being checked (title fits, prepared sources): the engine empties
    it before each digest, so a process holds one digest's worth however large the input."""
    sources: Mapping[str, Source] = field(default_factory=dict)
    """Source abstracts by normalized arXiv id (``--sources``); empty when none were given."""
    reread: Callable[[str], Digest | None] | None = None
    """Parses an input file again by its name (None for one that cannot be read twice, as stdin),
    checked against what was linted (``engine.reread.RunInputs.digest``: a changed file is an
    ``InputError``): worker processes check their digests parsed anew (``engine.parallel``)."""
    tallies: dict[str, dict[str, Counter]] = field(default_factory=dict)
    """Per input file, in input order, and per rule that declares a ``tally``: its count over the
    file, made as the engine first read it (``count_tallies``; the input's is their sum,
    ``input_tally``); a file or rule missing here is counted over ``papers`` itself."""
    prepared: dict[str, Any] = field(default_factory=dict)
    """Per corpus rule, the parts its ``prepare`` made of the papers in worker processes, absorbed
    into one (every paper once); the rule takes it out (freed once its join ran), or, when it is
    missing, prepares its papers itself."""
    some_files: bool = False
    """The context holds some files of the input, checked as they are read (``engine.parallel.lint_ahead``):
    what the whole input says is not known yet, and asking for it (``input_tally``, ``every_paper``)
    raises ``WholeInputNeeded``; the files are then checked with the whole input."""
    index: dict[str, Any] = field(default_factory=dict)
    """Where ``papers`` and ``digests`` are, by file (``digest_groups``, ``digest_of``): made once
    for these papers, shared by the contexts that replace some of them with their parses."""
    spread: Spread = in_turn
    """``spread(work, pieces)``: ``work`` done on each of a join's independent pieces, the results in
    order. Here in turn; with more than one job, the engine gives the join it runs in the main
    process (beside the forked ones, or alone) a spread that hands half of the pieces to a process
    forked for them, on the core the others leave idle once they end (``work`` and what it reads are
    inherited by the fork, not pickled; only results come back)."""

    def process_state(self, key: str, make: Callable[[], Any]) -> Any:
        """What this process keeps under ``key`` from one part it prepares to the next (``make``
        makes it): a process forked from one that kept it starts its own, as what a worker keeps
        stands for what it sent to the parent."""
        pid, state = self.cache.get(key, (None, None))
        if pid != os.getpid():
            state = make()
            self.cache[key] = os.getpid(), state
        return state

    def input_tally(self, rule_name: str) -> Counter | None:
        """The rule's tally over the whole input (its files' summed in input order), None when
        the engine counted none."""
        if self.some_files:
            raise WholeInputNeeded(rule_name)
        return sum_tallies(self.tallies.values()).get(rule_name)

    def every_paper(self) -> Sequence[Paper]:
        """Every paper of the input, for what a rule derives from all of them."""
        if self.some_files:
            raise WholeInputNeeded("every paper")
        return self.papers

    def options(self, rule_name: str) -> RuleOptions:
        """The rule's resolved settings: every key it declares, typed as declared (read-only)."""
        return self.settings.options(rule_name)

    def source(self, paper: Paper) -> Source | None:
        """The paper's source abstract, matched by arXiv id (None without one). A look-up decodes
        the abstract anew (``read.sources.Sources``), and three source rules and the digest's
        comparison ask for each paper's: the sources of the file at hand are kept decoded
        (``digest_cache``), those of one file only, whoever asks."""
        if not paper.arxiv_id:
            return None
        file, decoded = self.digest_cache.get("sources", (None, {}))
        if file != paper.file:
            decoded = {}
            self.digest_cache["sources"] = (paper.file, decoded)
        if paper.arxiv_id not in decoded:
            decoded[paper.arxiv_id] = source_for(paper.arxiv_id, self.sources)
        return decoded[paper.arxiv_id]

    def has_source(self, paper: Paper) -> bool:
        """Whether the paper has a source abstract, without decoding it."""
        return has_source_for(paper.arxiv_id, self.sources)

    def digest_groups(self) -> list[list[int]]:
        """Indices into ``papers``, grouped by input file, in input order."""
        if "digest_groups" not in self.index:
            groups: dict[str, list[int]] = {}
            for i, paper in enumerate(self.papers):
                groups.setdefault(paper.file, []).append(i)
            self.index["digest_groups"] = list(groups.values())
        return self.index["digest_groups"]

    def schema_has(self, paper: Paper, field: str) -> bool:
        """Whether ``paper``'s file can carry ``field`` at all: a markdown digest always can; a JSON
        file only when one of its records has it (a JSON schema without votes has no missing votes)."""
        key = ("schema_has", paper.file, field)
        if key not in self.cache:
            digest = self._digest_named(paper.file)
            self.cache[key] = digest.format != "json" or any(getattr(p, field) is not None for p in digest.papers)
        return self.cache[key]

    def _digest_named(self, file: str) -> Digest:
        """The (first) digest read from ``file``, by one look-up: a scan per file would be quadratic.
        The map keeps positions, not digests: a worker's ``digests`` hold its own parse there."""
        if "digest_position" not in self.index:
            self.index["digest_position"] = {d.file: k for k, d in reversed(list(enumerate(self.digests)))}
        return self.digests[self.index["digest_position"][file]]

    def digest_of(self, paper: Paper) -> list[int]:
        """Indices into ``papers`` of the papers of ``paper``'s input file (its digest)."""
        if "digest_of" not in self.index:
            self.index["digest_of"] = {self.papers[g[0]].file: g for g in self.digest_groups()}
        return self.index["digest_of"][paper.file]
