"""The data that flows through summary-lint: Digest → Paper → Section, then findings and reports.

Every parsed element keeps its 1-based line and column so that a finding can point at it.

No ``from __future__ import annotations`` here: pydantic would compile and evaluate each field's
annotation string when the classes are built, on every start (5% of building them).
"""

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from itertools import groupby
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

if TYPE_CHECKING:
    from summary_lint.engine.reread import RunInputs

Severity = Literal["error", "warning", "info"]
Verdict = Literal["pass", "warn", "fail"]
MarkKind = Literal["supported", "not-found", "evidence"]


@dataclass(frozen=True)
class Source:
    """The title and abstract a summary was written from (``--sources``)."""

    arxiv_id: str
    title: str
    abstract: str


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


M = TypeVar("M", bound=_Model)
_FIELDS_SETS: dict[type, set[str]] = {}


def new_list() -> list:
    """The default of a list field. Not ``list`` itself: pydantic reads a default factory's signature
    when it builds a class, and reading a builtin's (``list``'s) takes ~0.13 ms, 15 fields on every
    start."""
    return []


def build(model: type[M], **values) -> M:
    """``model(**values)`` with one "fields set" shared by all instances of the class.

    pydantic keeps a set of the fields given per instance (0.2-0.7 KB): on a 100,000-paper input,
    hundreds of MB for sections, papers, findings and their locations. The shared set holds every
    field name, so it stays right when a field is later assigned; nothing here reads it (pydantic
    ignores it in ``==``). The values are still validated: pydantic-core does that ten times faster
    than ``model_construct``, which skips validation in Python, and called directly it spares
    ``BaseModel.__init__``'s frame (what ``model(**values)`` does besides)."""
    instance = model.__pydantic_validator__.validate_python(values)
    object.__setattr__(instance, "__pydantic_fields_set__", _fields_set(model))
    return instance


def _fields_set(model: type[_Model]) -> set[str]:
    """The "fields set" ``build`` shares among the instances of ``model`` (built once)."""
    return _FIELDS_SETS.get(model) or _FIELDS_SETS.setdefault(model, set(model.model_fields))


def build_paper(**values) -> "Paper":
    """``build(Paper, **values)`` with its ``sections`` and ``media`` given as dicts of their fields:
    pydantic-core validates them with the paper in one call (a third less time than a ``build``
    each), then they share their class's fields set too."""
    paper = build(Paper, **values)
    for children, model in ((paper.sections, Section), (paper.media, Media)):
        shared = _fields_set(model)
        for child in children:
            object.__setattr__(child, "__pydantic_fields_set__", shared)
    return paper


class Section(_Model):
    """One part of a summary: a labelled bullet (``- **What's New**: …``) or a plain bullet."""

    label: str | None = None
    text: str
    line: int
    column: int = 1
    """Column where ``text`` starts on ``line``."""
    end_line: int
    raw: str = ""
    """The markup before ``text`` on the opening line, as written (``- ***What's New***: ``), for markup checks."""

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column of character ``offset`` of ``text``. Continuation lines count from column 1:
        the text does not keep their indentation (``offset_of`` inverts this exactly)."""
        before = self.text[:offset]
        breaks = before.count("\n")
        if not breaks:
            return self.line, self.column + offset
        return self.line + breaks, offset - before.rfind("\n")

    def offset_of(self, line: int, column: int) -> int:
        """Character offset in ``text`` of a ``position``."""
        breaks = line - self.line
        if not breaks:
            return column - self.column
        starts = [i + 1 for i, char in enumerate(self.text) if char == "\n"]
        return starts[breaks - 1] + column - 1

    def span_marks(self, index: int, start: int, end: int, kind: MarkKind) -> list["MarkAt"]:
        """Marks for ``text[start:end]`` of section ``index``: one per line the span covers. Most
        spans (a claim, a name) are within one line: those are not searched for line breaks."""
        span = self.text[start:end]
        if "\n" in span:
            pieces = [(piece.start(), piece.group()) for piece in re.finditer(r"[^\n]+", span)]
        else:
            pieces = [(0, span)] if span else []
        out = []
        for offset, piece in pieces:
            line, column = self.position(start + offset)
            out.append(MarkAt(index, line, column, column + len(piece), kind))
        return out


class Media(_Model):
    """A thumbnail image or a video attached to an entry."""

    kind: Literal["image", "video"]
    url: str
    line: int
    column: int = 1


SuppressionAction = Literal["disable", "disable-file", "disable-next-line", "disable-line", "enable"]


class Suppression(_Model):
    """An inline ``<!-- summary-lint: ACTION=RULES -->`` comment, as written and where."""

    action: SuppressionAction
    rules: list[str]
    """Rule names or codes as written; ``all`` (or no ``=RULES``) means every rule."""
    line: int
    column: int = 1
    entry_line: int | None = None
    """For ``disable``: heading line of the entry the comment sits in or stands just before
    (None: outside every entry)."""


class Paper(_Model):
    """One digest entry: the paper's metadata and its summary sections."""

    file: str
    line: int
    column: int = 1
    end_line: int
    title: str
    url: str | None = None
    arxiv_id: str | None = None
    votes: int | None = None
    votes_raw: str | None = None
    votes_line: int | None = None
    authors: list[str] | None = None
    authors_raw: str | None = None
    authors_line: int | None = None
    authors_column: int | None = None
    """Column where ``authors_raw`` starts on ``authors_line`` (markdown only)."""
    media: list[Media] = Field(default_factory=new_list)
    sections: list[Section] = Field(default_factory=new_list)
    stray_lines: list[tuple[int, str]] = Field(default_factory=new_list)
    """Unrecognised non-blank lines between the header and the summary (kept for markup checks)."""
    disabled_rules: list[str] = Field(default_factory=new_list)
    """Rules switched off for this paper by its JSON record's ``disable`` list (markdown comments
    are ``Digest.suppressions``)."""

    @cached_property
    def summary(self) -> str:
        """The summary as one text, without labels or markup. Joined once, when first read: the
        rules read it about ten times per paper (a paper's sections are complete once it is parsed)."""
        return "\n".join([s.text for s in self.sections])

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> "Paper":
        """A copy that joins its own ``summary`` again (``update`` may replace the sections)."""
        copied = super().model_copy(update=update, deep=deep)
        copied.__dict__.pop("summary", None)
        return copied

    def evidence_marks(self, evidence: str, line: int, section: str | None = None) -> list["MarkAt"]:
        """Where ``evidence`` occurs verbatim in the section on ``line`` (the one labelled ``section``
        first, where sections share a line), as ``evidence`` marks. None when the finding's line holds
        no section (a title, a vote line) or the evidence is not text of it (a raw markup line)."""
        evidence = evidence.strip()
        here = [i for i, s in enumerate(self.sections) if s.line <= line <= s.end_line]
        for i in sorted(here, key=lambda i: self.sections[i].label != section):
            start = self.sections[i].text.find(evidence) if evidence else -1
            if start >= 0:
                return self.sections[i].span_marks(i, start, start + len(evidence), "evidence")
        return []


class PaperHead:
    """What a run keeps of a parsed paper while it lints a large input (a tenth of its memory): where
    it is, its title and arXiv id, its ``disable`` list. Any other field (its sections, summary,
    ``evidence_marks``) comes from its paper parsed again (``read_from``: head → its paper), which only
    the few papers that a corpus rule flags or a baseline looks up need; the per-paper rules check
    their files parsed anew (``engine.parallel``)."""

    __slots__ = ("_parsed", "_position", "arxiv_id", "disabled_rules", "end_line", "file", "line", "printed",
                 "title")

    def __init__(self, paper: Paper, position: int):
        self.file, self.line, self.end_line = paper.file, paper.line, paper.end_line
        self.title, self.arxiv_id, self.disabled_rules = paper.title, paper.arxiv_id, paper.disabled_rules
        self._position, self._parsed = position, None
        self.printed = fingerprint_of(paper)
        """What the paper parsed again must reproduce (``is_printed_by``)."""

    @property
    def position(self) -> int:
        """The paper's index among its file's papers."""
        return self._position

    def read_from(self, parsed: Callable[["PaperHead"], Paper]) -> None:
        """Where the other fields come from: the head → its paper parsed again (set where the run
        keeps the head: a head made in a worker process travels without it)."""
        self._parsed = parsed

    def is_printed_by(self, paper: Paper) -> bool:
        """Whether ``paper`` is the one this head was made of (place, title, summary)."""
        return fingerprint_of(paper) == self.printed

    def __getattr__(self, name: str):
        """A field not kept, read from the paper parsed again (a private name is not a field)."""
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._parsed(self), name)


def fingerprint_of(paper: Paper) -> int:
    """What a second parse of a paper must reproduce: its place, title and summary. Python's own
    hash: the same in this process and in the workers it forks, and no hashlib to import on a run
    that never parses a file again (6 ms of a single digest's start)."""
    return hash((paper.line, paper.end_line, paper.title, paper.summary))


class Digest(_Model):
    """One input file (or stdin), decoded and parsed."""

    file: str
    encoding: str
    format: Literal["markdown", "json"]
    date: str | None = None
    papers: list[Paper] = Field(default_factory=new_list)
    suppressions: list[Suppression] = Field(default_factory=new_list)
    """The file's ``<!-- summary-lint: … -->`` comments, in line order."""


class Location(_Model):
    file: str
    line: int
    column: int = 1
    title: str | None = None
    arxiv_id: str | None = None

    @classmethod
    def of(cls, paper: Paper, line: int | None = None) -> "Location":
        """Where ``paper`` is (its heading, or ``line`` in it), named by its title and arXiv id.
        Corpus rules name hundreds of thousands of these on large inputs: built with ``build``."""
        return build(cls, file=paper.file, line=line or paper.line, title=paper.title, arxiv_id=paper.arxiv_id)


class Mark(_Model):
    """A span of a summary that a check points at, for renderers to highlight: a claim the source
    supports or does not contain, or the words that are the evidence."""

    section: int
    """Index of the summary section holding the span (sections of a JSON digest share one line)."""
    line: int
    column: int
    end_column: int
    """Exclusive, on the same line (a span over several lines is one mark per line)."""
    kind: MarkKind


class MarkAt(NamedTuple):
    """A ``Mark`` as a rule's hit carries it until the report is built (``mark``): a 100,000-paper
    run with sources makes ~700,000 marks, which the workers send to the parent and which it holds
    until every rule has run; as tuples they take a third of the memory and pickle ~20 times faster."""

    section: int
    line: int
    column: int
    end_column: int
    kind: MarkKind

    def mark(self) -> Mark:
        return build(Mark, section=self.section, line=self.line, column=self.column, end_column=self.end_column,
                     kind=self.kind)


class SectionSpan(NamedTuple):
    """A mark as a character span of its section's text, for renderers that cut the text."""

    start: int
    end: int
    kind: MarkKind
    finding: int | None
    """Index of the paper's finding that drew the mark (None for a claim the source supports)."""


class Finding(_Model):
    """One rule firing on one paper: which rule, where, why, and the evidence text."""

    code: str
    rule: str
    severity: Severity
    message: str
    file: str
    line: int
    column: int = 1
    section: str | None = None
    evidence: str = ""
    penalty: int = 0
    related: list[Location] = Field(default_factory=new_list)
    marks: list[Mark] = Field(default_factory=new_list)

    def baseline_key(self, arxiv_id: str | None, title: str, summary: str) -> tuple[str, str, str]:
        """(paper, rule, evidence hash): how a baseline recognises this finding in a later run,
        independent of line numbers (the engine's ``--baseline`` and the HTML report's export agree)."""
        import hashlib  # not at start-up: only baselines need it

        digest = hashlib.sha256(f"{self.evidence}\n{summary}".encode()).hexdigest()[:16]
        return (arxiv_id or title, self.rule, digest)


class PaperReport(_Model):
    file: str
    line: int
    title: str
    arxiv_id: str | None
    score: int
    verdict: Verdict
    findings: list[Finding]
    fails_run: bool = Field(default=False, exclude=True)
    """This paper is one the run fails on (``engine.gate``), for renderers that mark it
    (not part of the JSON contract: a paper fails the run when its verdict is ``fail`` or its score
    is below ``gate.fail_under``)."""
    marks: list[Mark] = Field(default_factory=new_list)
    """Marks no finding owns: the claims of the summary that the source supports."""

    def section_spans(self, paper: Paper) -> dict[int, list[SectionSpan]]:
        """Every mark of the paper (its own and its findings'), by section index, in text order
        (``paper``: the parsed paper, from ``RunReport.with_papers``)."""
        owned = [(None, m) for m in self.marks] + [(i, m) for i, f in enumerate(self.findings) for m in f.marks]
        spans: dict[int, list[SectionSpan]] = {}
        for finding, mark in owned:
            section = paper.sections[mark.section]
            start = section.offset_of(mark.line, mark.column)
            spans.setdefault(mark.section, []).append(
                SectionSpan(start, start + mark.end_column - mark.column, mark.kind, finding))
        return {i: sorted(spans[i], key=lambda s: (s.start, s.end)) for i in sorted(spans)}


class RuleInfo(_Model):
    """A rule as this run configured it (preset, config and rule folders applied)."""

    code: str
    name: str
    scope: Literal["paper", "corpus", "suppressions"]
    severity: Severity
    penalty: int
    summary: str
    doc: str


class ToolInfo(_Model):
    name: str = "summary-lint"
    version: str


class FileReport(_Model):
    path: str
    encoding: str | None
    format: str | None
    papers: int
    skipped: bool = False
    reason: str | None = None


class Summary(_Model):
    files: int
    skipped_files: int = 0
    papers: int
    pass_: int = Field(alias="pass", serialization_alias="pass")
    warn: int
    fail: int
    findings_by_rule: dict[str, int]

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Gate(_Model):
    """Whether the run fails and why, in words (``engine.gate``): one rule for every face."""

    failed: bool = False
    fail_under: int | None = None
    reasons: list[str] = Field(default_factory=new_list)


class RunReport(_Model):
    """Everything one run produced; its JSON form is the versioned contract (``version``)."""

    version: int = 1
    tool: ToolInfo
    files: list[FileReport]
    papers: list[PaperReport]
    summary: Summary
    rules: list[RuleInfo] = Field(default_factory=new_list)
    """The enabled rules with this run's severity and penalty, so renderers need nothing else."""
    gate: Gate = Field(default_factory=Gate)
    _inputs: "RunInputs | None" = PrivateAttr(default=None)
    """The run's papers and sources for ``with_papers`` (``engine.reread.RunInputs``)."""

    def with_papers(self) -> Iterator[tuple[PaperReport, Paper | None, Source | None]]:
        """Each paper's report with its parsed paper and its source abstract (``--sources``), for
        renderers that show the summary. The run keeps its reports only: a file's papers are parsed
        again when its reports come (None for a report built by hand or a file the run did not read)."""
        taken: dict[str, int] = {}  # papers of a file already paired (two inputs may share a name)
        for file, group in groupby(self.papers, key=attrgetter("file")):
            reports = list(group)
            start = taken.get(file, 0)
            taken[file] = start + len(reports)
            papers = self._inputs.papers(file) if self._inputs else None
            papers = [None] * len(reports) if papers is None else papers[start:taken[file]]
            for report, paper in zip(reports, papers, strict=True):
                yield report, paper, self._inputs.source(report.arxiv_id) if self._inputs else None

    @property
    def failed(self) -> bool:
        """The run fails (exit code 1): a paper with verdict fail, or one below ``fail-under``."""
        return self.gate.failed
