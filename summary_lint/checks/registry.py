"""The rule registry: every check module under ``summary_lint.checks`` declares itself here.

A rule is a plain function decorated with its declaration, like a yamllint rule's ``ID``/``CONF``/
``DEFAULT`` but in one place::

    @rule("S008", "empty-section", severity="error", penalty=15, complexity="linear in the summary",
          options=[Option("min-chars", int, 2, "fewer letters or digits than this is empty")])
    def check(paper: Paper, ctx: Context) -> Iterator[Hit]:
        min_chars = ctx.options("empty-section")["min-chars"]

The declaration is the only place where a rule's defaults live: presets and user configuration
override them and are validated against them (``engine.config``), and the rule reference is
generated from them (``checks.docs``). Per-paper rules (``scope="paper"``) take ``(paper, ctx)``
and yield Hits; corpus rules (``scope="corpus"``) take ``(papers, ctx)`` and yield
``(paper_index, Hit)`` so they can compare papers; ``scope="suppressions"`` rules have no check of
their own: the engine's suppression pass reports their findings.

A corpus rule may declare its per-paper half (``prepare``): a function of a run of consecutive
papers that needs no other paper and returns a compact, picklable part (e.g. each summary's
hashed words). The engine then runs it in the worker processes, a unit of papers at a time, and
gathers the parts into an empty one of their class, ``part_class().absorb(part, first paper index)``
in any order, which the check takes out of ``ctx.prepared[rule name]``; without it (one process)
the check reads all papers itself.

A rule that needs a count over whole files or the input before it checks any paper
(wrong-language: a digest's and the input's majority language) declares it as a ``tally``: a
function of one file's papers returning a Counter. The engine counts each file as it first reads
it and hands the counts per file to the rule in ``Context.tallies`` (``Context.input_tally``: their
sum), so that no process reads every paper again before the checks start.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError

from summary_lint.model import Location, MarkAt, Paper, Severity

if TYPE_CHECKING:
    from summary_lint.checks.context import Context
    from summary_lint.engine.config import Settings

Scope = Literal["paper", "corpus", "suppressions"]
Penalty = Annotated[int, Field(ge=0, le=100)]
"""The type of a penalty option: points taken off a 0–100 score."""

PaperCheck = Callable[[Paper, "Context"], Iterable["Hit"]]
"""``scope="paper"``: one paper's hits."""
CorpusCheck = Callable[[list[Paper], "Context"], Iterable[tuple[int, "Hit"]]]
"""``scope="corpus"``: hits on the run's papers, each with the index of its paper."""
Prepare = Callable[[list[Paper], "Context"], Any]
"""A corpus rule's per-paper half: the part of consecutive papers that its check joins."""
Tally = Callable[[list[Paper], "Settings"], Counter]
"""A count over one file's papers that a rule sums over the input before checking (``Context.tallies``)."""
SuppressionsCheck = Callable[[list[Any], "Context"], Iterable[tuple[int, "Hit"]]]
"""``scope="suppressions"``: called by the engine's suppression pass with every directive of the run."""

CODE = re.compile(r"[A-Z]\d{3}")
NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
SCORING_KEYS = ("severity", "penalty", "enabled")
"""Keys every rule takes besides its own options."""


@dataclass
class Hit:
    """What a check reports; the engine turns it into a Finding with code, severity and penalty."""

    message: str
    line: int
    column: int = 1
    section: str | None = None
    evidence: str = ""
    related: list[Location] = field(default_factory=list)
    severity: Severity | None = None
    """Overrides the rule's configured severity (e.g. a milder case of the same rule)."""
    penalty: int | None = None
    """Overrides the rule's configured penalty (used together with ``severity``)."""
    file: str | None = None
    """Only for findings outside the paper's own file (defaults to the paper's file)."""
    marks: list[MarkAt] = field(default_factory=list)
    """Spans of the summary the finding draws (default: where ``evidence`` occurs). A hit with marks
    and no message draws them without a finding (e.g. claims the source supports)."""

    def marked(self, paper: Paper) -> Hit:
        """The hit with its finding's marks: its own, else where its evidence is in the text of
        ``paper``, the paper it was found on (none in another file). The engine marks a hit where
        it is found, while its paper is parsed: the main process keeps heads (``model.PaperHead``)."""
        if self.message and not self.marks and self.file in (None, paper.file):
            self.marks = paper.evidence_marks(self.evidence, self.line, self.section)
        return self


@cache
def _adapter(option_type: Any) -> TypeAdapter:
    """One strict validator per option type (building one takes about a millisecond)."""
    return TypeAdapter(option_type, config=ConfigDict(strict=True))


@dataclass(frozen=True)
class Option:
    """One option of a rule: its key in the configuration, type, default and what it does."""

    name: str
    type: Any
    """A type pydantic validates strictly: int, float (ints accepted), str, bool, list[str], Penalty …"""
    default: Any
    description: str

    def validate(self, value: Any) -> Any:
        """The value as the rule will see it (an int for a float option becomes a float); a
        ValueError whose text says what was expected when the value has the wrong type."""
        try:
            return _adapter(self.type).validate_python(value)
        except ValidationError as exc:
            raise ValueError(exc.errors()[0]["msg"]) from None

    @property
    def type_name(self) -> str:
        if self.type is Penalty:
            return "penalty (0-100)"
        return self.type.__name__ if isinstance(self.type, type) else str(self.type)


def scoring_options(severity: Severity, penalty: int, enabled: bool) -> tuple[Option, ...]:
    """The options every rule takes, with this rule's defaults."""
    return (
        Option("severity", Severity, severity, "error, warning or info (info never costs points)"),
        Option("penalty", Penalty, penalty, "points a finding takes off the paper's score"),
        Option("enabled", bool, enabled, "whether the rule runs unless selected explicitly"),
    )


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    scope: Scope
    check: PaperCheck | CorpusCheck | SuppressionsCheck
    doc: str
    severity: Severity
    penalty: int
    complexity: str
    """How its cost grows: with a paper's text, a digest's or the whole input's (shown in its docs)."""
    enabled: bool = True
    options: tuple[Option, ...] = ()
    """The rule's own options (severity, penalty and enabled are in ``settings``)."""
    prepare: Prepare | None = None
    """A corpus rule's per-paper half, which worker processes run (see the module docstring)."""
    tally: Tally | None = None
    """A count the engine makes of each file as it reads it, per file in ``Context.tallies``."""
    digest_wide: bool = False
    """A per-paper rule that builds data from its whole digest (``Context.digest_cache``, e.g. every
    summary against every title): the engine checks a digest's papers for it in one process."""

    @cached_property
    def settings(self) -> tuple[Option, ...]:
        """Every key a configuration may set for this rule: the scoring keys, then its options."""
        return (*scoring_options(self.severity, self.penalty, self.enabled), *self.options)

    def defaults(self) -> dict[str, Any]:
        """Every key of ``settings`` with its declared default, typed as the rule reads it."""
        return {o.name: o.validate(o.default) for o in self.settings}

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name


RULE_API_MODULES = frozenset({"registry", "context", "docs"})
"""Modules of ``checks`` that serve the rules rather than being one."""

_RULES: dict[str, Rule] = {}
_DISCOVERED = False


def _declaration_errors(code: str, name: str, severity: Any, penalty: Any, options: Iterable[Option]) -> Iterable[str]:
    if not CODE.fullmatch(code):
        yield f"rule code {code!r} is not a capital letter and three digits"
    if not NAME.fullmatch(name):
        yield f"rule name {name!r} is not lower-case words joined by hyphens"
    for option in (*scoring_options(severity, penalty, True), *options):
        try:
            option.validate(option.default)
        except ValueError as exc:
            yield f"default of {option.name!r} ({option.default!r}): {exc}"
    names = [o.name for o in options]
    for taken in sorted({n for n in names if names.count(n) > 1 or n in SCORING_KEYS}):
        yield f"option {taken!r} is declared twice (severity, penalty and enabled are declared by rule())"


def rule(code: str, name: str, *, severity: Severity, penalty: int, complexity: str, options: Iterable[Option] = (),
         scope: Scope = "paper", enabled: bool = True, prepare: Prepare | None = None,
         tally: Tally | None = None, digest_wide: bool = False) -> Callable[[Callable], Callable]:
    """Register a check function with its declaration; its module docstring is its documentation.

    ``severity`` and ``penalty`` are required: a rule without them would never lower a score; so
    is ``complexity``, how its cost grows with the input (one rule that compares all pairs of a
    digest's papers makes a large digest take minutes).
    A code or name already taken, or a default that does not fit its option's type, is refused
    when the module is imported."""
    options = tuple(options)

    def register(func: Callable) -> Callable:
        where = f"{func.__module__}.{func.__qualname__}"
        problems = list(_declaration_errors(code, name, severity, penalty, options))
        for other in _RULES.values():
            if other.check.__module__ == func.__module__:
                continue  # the same module imported again (reload)
            if other.code == code:
                problems.append(f"rule code {code} is already taken by {other.name!r} ({other.check.__module__})")
            if other.name == name:
                problems.append(f"rule name {name!r} is already taken by {other.check.__module__}")
        if problems:
            raise ValueError(f"{where}: {'; '.join(problems)}")
        doc = inspect.getmodule(func).__doc__ or func.__doc__ or ""  # type: ignore[union-attr]
        _RULES[name] = Rule(code=code, name=name, scope=scope, check=func, doc=doc, severity=severity,
                            penalty=penalty, complexity=complexity, enabled=enabled, options=options, prepare=prepare,
                            tally=tally, digest_wide=digest_wide)
        return func

    return register


def all_rules() -> list[Rule]:
    """Every registered rule, sorted by code (importing the check modules on first use).

    Discovery runs once even if a check module was imported directly before (e.g. by a test)."""
    global _DISCOVERED
    if not _DISCOVERED:
        from summary_lint import checks

        for info in pkgutil.iter_modules(checks.__path__):
            if info.name not in RULE_API_MODULES:
                importlib.import_module(f"{checks.__name__}.{info.name}")
        _DISCOVERED = True
    return sorted(_RULES.values(), key=lambda r: r.code)


def find_rule(name_or_code: str) -> Rule | None:
    key = name_or_code.strip()
    for r in all_rules():
        if key in (r.name, r.code) or key.upper() == r.code:
            return r
    return None


RuleOptions = Mapping[str, Any]
"""A rule's resolved configuration: every key of ``Rule.settings``, validated."""
