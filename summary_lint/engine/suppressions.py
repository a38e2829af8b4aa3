"""The suppression pass: drop the hits that inline comments silence, and note which comments did.

Runs after the rules and before scoring. The forms, like eslint's and markdownlint's:

* ``disable-file=RULES``: the whole file;
* ``disable=RULES``: the entry the comment sits in, or the entry whose heading it stands just
  before (``read.markdown`` binds it); a JSON record's ``disable`` list: that record;
* ``disable=RULES`` … ``enable=RULES``: a disable that a later enable closes covers the lines
  from one comment to the other instead (``enable`` alone closes every open disable);
* ``disable-next-line=RULES``: the line after the comment; ``disable-line=RULES``: its own line.

RULES are rule names or codes, spelled exactly; ``all`` (or no ``=RULES``) is every rule. The
comments that silenced nothing go to the rules of scope ``suppressions`` (``unused-suppression``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from summary_lint.checks.context import Context
from summary_lint.checks.registry import Hit, Rule, all_rules
from summary_lint.model import Digest, Paper, Suppression

Hits = list[list[tuple[Rule, Hit]]]

KIND_OF_ACTION = {"disable-file": "file-wide", "disable": "paper", "disable-line": "line",
                  "disable-next-line": "next-line", "enable": "enable"}


@dataclass
class Directive:
    """One rule name of one suppression comment, and what it covers."""

    kind: str
    """file-wide, paper, range, line, next-line, or enable (an enable that closes nothing)."""
    name: str
    """The rule name or code as written (``all``: every rule)."""
    file: str
    line: int
    column: int
    paper: int
    """Index (in the run's papers) of the paper the comment belongs to (for ``paper``: the entry it
    covers): where its findings go."""
    entry_line: int | None = None
    """For ``paper``: heading line of the entry it covers (None: it stands outside every entry)."""
    first: int = 0
    last: int = 0
    """For ``range``, ``line`` and ``next-line``: the lines it covers."""
    rule: Rule | None = None
    """The rule ``name`` spells (None: ``all``, or no rule is spelled so)."""
    used: bool = False

    def names(self, rule: Rule) -> bool:
        return self.name in ("all", rule.name, rule.code)

    def covers(self, index: int, paper: Paper, hit: Hit) -> bool:
        """Whether a hit on ``paper`` (at ``index`` in the run's papers) is in this directive's scope."""
        if self.kind == "file-wide":
            return True
        if self.kind == "paper":
            return self.entry_line is not None and self.paper == index
        return self.kind != "enable" and (hit.file or paper.file) == self.file and self.first <= hit.line <= self.last


def _owner(first: int, papers: list[Paper], line: int) -> int:
    """The paper a comment at ``line`` belongs to: the last one whose heading is above it."""
    owner = first
    for offset, paper in enumerate(papers):
        if paper.line <= line:
            owner = first + offset
    return owner


def directives(digest: Digest, first: int, known: dict[str, Rule]) -> list[Directive]:
    """The directives of one digest whose papers start at index ``first`` of the run's papers;
    ``known``: every rule by name and by code."""
    papers = digest.papers
    found: list[Directive] = []
    open_disables: dict[str, list[Directive]] = {}
    for comment in digest.suppressions:
        owner = _owner(first, papers, comment.line)
        if comment.action == "enable":
            _close(comment, open_disables, found, digest.file, owner, known)
            continue
        for name in dict.fromkeys(comment.rules):
            directive = Directive(KIND_OF_ACTION[comment.action], name, digest.file, comment.line, comment.column,
                                  owner, entry_line=comment.entry_line, first=comment.line, last=comment.line,
                                  rule=known.get(name))
            if comment.action == "disable-next-line":
                directive.first = directive.last = comment.line + 1
            elif comment.action == "disable":
                if comment.entry_line is not None:
                    directive.paper = first + next(i for i, p in enumerate(papers) if p.line == comment.entry_line)
                open_disables.setdefault(_canonical(name, known), []).append(directive)
            found.append(directive)
    for offset, paper in enumerate(papers):  # a JSON record's own ``disable`` list
        found += [Directive("paper", name, digest.file, paper.line, 1, first + offset, entry_line=paper.line,
                            rule=known.get(name)) for name in dict.fromkeys(paper.disabled_rules)]
    return found


def _canonical(name: str, known: dict[str, Rule]) -> str:
    return known[name].name if name in known else name


def _close(enable: Suppression, open_disables: dict[str, list[Directive]], found: list[Directive],
           file: str, owner: int, known: dict[str, Rule]) -> None:
    """Turn the open disables that ``enable`` names into ranges ending at its line."""
    names = list(open_disables) if "all" in enable.rules else [_canonical(n, known) for n in enable.rules]
    for name in dict.fromkeys(names):
        closed = open_disables.pop(name, [])
        for directive in closed:
            directive.kind, directive.last = "range", enable.line
        if not closed:
            found.append(Directive("enable", name, file, enable.line, enable.column, owner, rule=known.get(name)))


class Suppressions:
    """Every directive of a run, by file, recording which ones silenced a hit."""

    def __init__(self, digests: Iterable[Digest]) -> None:
        self.by_file: dict[str, list[Directive]] = {}
        known = {key: r for r in all_rules() for key in (r.name, r.code)}
        first = 0
        for digest in digests:
            if digest.suppressions or any(p.disabled_rules for p in digest.papers):
                self.by_file[digest.file] = directives(digest, first, known)
            first += len(digest.papers)

    def silences(self, rule: Rule, index: int, paper: Paper, hit: Hit) -> bool:
        """Whether a directive silences ``hit`` on ``paper`` (at ``index``); every directive that
        silences a finding (not only marks) is marked used."""
        silenced = False
        for directive in self.by_file.get(paper.file, ()):
            if directive.names(rule) and directive.covers(index, paper, hit):
                silenced = True
                directive.used = directive.used or bool(hit.message)  # marks alone do not use a comment up
        return silenced

    def all(self) -> list[Directive]:
        return [d for found in self.by_file.values() for d in found]


def _ignored(rule: Rule, names) -> bool:
    """Whether the configuration's ``per-file-ignores`` turns ``rule`` off in the hit's file."""
    return "all" in names or rule.name in names


def apply_suppressions(ctx: Context, hits: Hits) -> Hits:
    """``hits`` per paper without the silenced ones (comments and ``per-file-ignores``), plus the findings of the enabled rules of
    scope ``suppressions`` (unused suppressions), which comments can silence too."""
    suppressions = Suppressions(ctx.digests)
    ignored = {d.file: ctx.settings.ignored_in(d.file) for d in ctx.digests if ctx.settings.per_file_ignores}
    if not suppressions.by_file and not any(ignored.values()):
        return hits
    kept = [[(rule, hit) for rule, hit in found
             if not _ignored(rule, ignored.get(hit.file or paper.file, ()))
             and not suppressions.silences(rule, index, paper, hit)]
            for index, (paper, found) in enumerate(zip(ctx.papers, hits))]
    for rule in (r for r in ctx.settings.enabled if r.scope == "suppressions"):
        for index, hit in rule.check(suppressions.all(), ctx):
            if not suppressions.silences(rule, index, ctx.papers[index], hit):
                kept[index].append((rule, hit.marked(ctx.papers[index])))
    return kept
