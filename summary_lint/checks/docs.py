"""The rules reference (``summary-lint rules``, ``summary-lint rule NAME``, README's rule table).

Everything comes from the rules themselves, so the reference cannot drift from the code: the
declaration (code, name, severity, penalty, options with type, default and description) and the
module docstring, written like ruff's rule docs::

    name: what it checks, in one line.

    ## What it does
    ## Why it matters
    ## Example that passes
    ## Example that fails

Each example is a fenced ``markdown`` digest, optionally followed by a fenced ``jsonl`` block of
source abstracts (``--sources``) and a fenced ``toml`` block of configuration (as in
``summary-lint.toml``); the tests lint every example. These functions return strings and data; only ``cli`` prints.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from typing import Any

from summary_lint.checks.registry import Rule, all_rules, find_rule
from summary_lint.engine.config import Config, resolve
from summary_lint.errors import ConfigError

SECTIONS = ("What it does", "Why it matters", "Example that passes", "Example that fails")
_HEADING = re.compile(r"^## (.+)$", re.MULTILINE)
_FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
TABLE_START = "<!-- rules-table:start (generated: summary-lint rules --format markdown) -->"
TABLE_END = "<!-- rules-table:end -->"


@dataclass(frozen=True)
class RuleInfo:
    """One rule as documented: its declaration with the values of a preset, and its docstring."""

    code: str
    name: str
    severity: str
    penalty: int
    enabled: bool
    summary: str
    complexity: str
    doc: str
    options: dict[str, Any]

    @property
    def rationale(self) -> str:
        """The "Why it matters" section, on one line (the summary when there is none)."""
        why = doc_sections(self.doc).get("Why it matters", "")
        return " ".join(why.split()) or self.summary


@dataclass(frozen=True)
class Example:
    """A docstring example: a digest, and what to lint it with."""

    digest: str
    sources: str | None = None
    """JSONL source abstracts (``--sources``), if the example needs them."""
    options: str | None = None
    """TOML configuration (as in ``summary-lint.toml``) to lint the example with."""


def _summary(rule: Rule) -> str:
    """First docstring line without its ``name:`` prefix."""
    first = rule.summary
    prefix = f"{rule.name}:"
    return first[len(prefix):].strip() if first.startswith(prefix) else first


def doc_sections(doc: str) -> dict[str, str]:
    """The ``## Heading`` sections of a rule docstring, by heading, in order."""
    parts = _HEADING.split(doc.strip())
    return {title.strip(): body.strip() for title, body in zip(parts[1::2], parts[2::2])}


def rule_examples(rule: Rule) -> dict[str, Example]:
    """The passing and failing examples of a rule (keys ``passes``, ``fails``)."""
    sections = doc_sections(rule.doc)
    examples = {}
    for key, heading in (("passes", "Example that passes"), ("fails", "Example that fails")):
        blocks = {lang: text for lang, text in _FENCE.findall(sections.get(heading, ""))}
        if "markdown" in blocks:
            examples[key] = Example(blocks["markdown"], blocks.get("jsonl"), blocks.get("toml"))
    return examples


def rule_infos(preset: str = "default") -> list[RuleInfo]:
    """Every registered rule with the values of ``preset``, sorted by code."""
    settings = resolve(Config(preset=preset), origin=f"preset {preset!r}")
    infos = []
    for rule in all_rules():
        conf = settings.options(rule.name)
        infos.append(RuleInfo(code=rule.code, name=rule.name, severity=conf["severity"], penalty=conf["penalty"],
                              enabled=conf["enabled"], summary=_summary(rule), complexity=rule.complexity,
                              doc=rule.doc.strip(),
                              options={o.name: conf[o.name] for o in rule.options}))
    return infos


def lookup(name: str) -> Rule:
    """The rule named or coded ``name``, or a ConfigError that suggests the closest name."""
    found = find_rule(name)
    if found is None:
        close = difflib.get_close_matches(name, [r.name for r in all_rules()], n=1)
        hint = f"; did you mean {close[0]!r}?" if close else " (see 'summary-lint rules')"
        raise ConfigError(f"unknown rule {name!r}{hint}")
    return found


def _value(value: Any) -> str:
    """TOML spelling of an option value (JSON matches TOML for strings, numbers, lists)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


def options_markdown(rule: Rule, values: dict[str, Any]) -> str:
    """The options section of a rule's docs, from its declaration and the preset's ``values``."""
    if not rule.options:
        return "None besides severity and penalty."
    lines = [f"Set in `[rules.{rule.name}]` of `summary-lint.toml` (or `[tool.summary-lint.rules.{rule.name}]`).",
             "", "| option | type | default | what it sets |", "| --- | --- | --- | --- |"]
    lines += [f"| `{o.name}` | {o.type_name} | `{_value(values[o.name])}` | {o.description} |" for o in rule.options]
    return "\n".join(lines)


def rule_doc(name: str, preset: str = "default") -> str:
    """The documentation page of one rule (by name or code), in markdown."""
    rule = lookup(name)
    info = next(i for i in rule_infos(preset) if i.name == rule.name)
    state = "" if info.enabled else ", off by default"
    body = rule.doc.strip().split("\n", 1)[1].strip() if "\n" in rule.doc.strip() else ""
    return "\n".join([
        f"# {info.name} ({info.code})", "", info.summary, "",
        f"Severity: {info.severity}, penalty: {info.penalty}{state} (preset {preset!r}).", "",
        f"Complexity: {info.complexity}.", "",
        body, "", "## Options", "", options_markdown(rule, info.options), "",
    ])


def rules_listing(preset: str = "default") -> str:
    """``summary-lint rules``: one line per rule (code, name, severity, summary)."""
    infos = rule_infos(preset)
    width = max((len(i.name) for i in infos), default=0)
    lines = []
    for i in infos:
        severity = i.severity if i.enabled else f"({i.severity})"
        lines.append(f"{i.code:5}  {i.name:{width}}  {severity:9}  {i.summary}")
    return "\n".join(lines) + "\n"


def rules_json(preset: str = "default") -> str:
    rows = [{"code": i.code, "name": i.name, "severity": i.severity, "penalty": i.penalty, "enabled": i.enabled,
             "summary": i.summary, "complexity": i.complexity, "options": i.options} for i in rule_infos(preset)]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def rule_json(name: str, preset: str = "default") -> str:
    rule = lookup(name)
    info = next(i for i in rule_infos(preset) if i.name == rule.name)
    return json.dumps(info.__dict__, indent=2, ensure_ascii=False) + "\n"


def rules_table_markdown() -> str:
    """README's rule table (default preset), between its markers."""
    rows = [TABLE_START, "| code | name | severity | penalty | what it checks | complexity |",
            "| --- | --- | --- | ---: | --- | --- |"]
    for i in rule_infos():
        severity = i.severity if i.enabled else f"{i.severity} (off by default)"
        rows.append(f"| {i.code} | {i.name} | {severity} | {i.penalty} | {i.summary} | {i.complexity} |")
    return "\n".join([*rows, TABLE_END]) + "\n"
