"""The rule registry: every check module under ``summary_lint.checks`` registers itself here.

A rule is a plain function decorated with ``@rule(code, name)``. Per-paper rules take
``(paper, ctx)`` and yield Hits; corpus rules (``scope="corpus"``) take ``(papers, ctx)`` and
yield ``(paper_index, Hit)`` so they can compare papers with each other. Severity, penalty and
options come from the rule packs under ``rules/``, not from the code.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from summary_lint.model import Location, Mark, Severity

Scope = Literal["paper", "corpus"]


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
    marks: list[Mark] = field(default_factory=list)
    """Spans of the summary the finding draws (default: where ``evidence`` occurs). A hit with marks
    and no message draws them without a finding (e.g. claims the source supports)."""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    scope: Scope
    check: Callable
    doc: str

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name


RULE_API_MODULES = frozenset({"registry", "context", "docs"})
"""Modules of ``checks`` that serve the rules rather than being one."""

_RULES: dict[str, Rule] = {}
_DISCOVERED = False


def rule(code: str, name: str, scope: Scope = "paper") -> Callable[[Callable], Callable]:
    """Register a check function; its module docstring is the rule's documentation."""

    def register(func: Callable) -> Callable:
        doc = inspect.getmodule(func).__doc__ or func.__doc__ or ""  # type: ignore[union-attr]
        where = f"{func.__module__}.{func.__qualname__}"
        for other in _RULES.values():
            if other.name != name and other.code == code:
                raise ValueError(f"{where}: rule code {code} is already taken by {other.name!r}")
        if name in _RULES and _RULES[name].check.__module__ != func.__module__:
            raise ValueError(f"{where}: rule name {name!r} is already taken by {_RULES[name].check.__module__}")
        _RULES[name] = Rule(code=code, name=name, scope=scope, check=func, doc=doc)
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
