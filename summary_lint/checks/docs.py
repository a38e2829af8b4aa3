"""``summary-lint rules`` and ``summary-lint rule NAME``: the rules reference, like ``ruff rule``.

Everything comes from two places only, so the reference cannot drift from the code: the rule
module's docstring (what it checks, why, examples) and the preset (severity, penalty, options).
"""

from __future__ import annotations

import argparse
import difflib
import json
from dataclasses import dataclass
from typing import Any

from summary_lint.engine.config import SCORING_DEFAULTS, Config, resolve
from summary_lint.errors import ConfigError
from summary_lint.checks.registry import Rule, all_rules, find_rule


@dataclass(frozen=True)
class RuleInfo:
    """One rule as documented: identity, the preset's defaults and its docstring."""

    code: str
    name: str
    severity: str
    penalty: int
    enabled: bool
    summary: str
    doc: str
    options: dict[str, Any]

    @property
    def rationale(self) -> str:
        """The docstring's second paragraph (the "why"), or the summary when there is none."""
        paragraphs = [p.strip() for p in self.doc.strip().split("\n\n") if p.strip()]
        return " ".join(paragraphs[1].split()) if len(paragraphs) > 1 else self.summary


def _summary(rule: Rule) -> str:
    """First docstring line without its ``name:`` prefix."""
    first = rule.summary
    prefix = f"{rule.name}:"
    return first[len(prefix):].strip() if first.startswith(prefix) else first


def rule_infos(preset: str = "default") -> list[RuleInfo]:
    """Every registered rule with the defaults of ``preset``, sorted by code."""
    settings = resolve(Config(preset=preset), origin=f"preset {preset!r}")
    enabled = {r.name for r in settings.enabled}
    infos = []
    for rule in all_rules():
        conf = settings.options(rule.name)
        infos.append(RuleInfo(
            code=rule.code,
            name=rule.name,
            severity=conf.get("severity", "warning"),
            penalty=int(conf.get("penalty", 0)),
            enabled=rule.name in enabled,
            summary=_summary(rule),
            doc=rule.doc.strip(),
            options={k: v for k, v in conf.items() if k not in SCORING_DEFAULTS},
        ))
    return infos


def _toml_value(value: Any) -> str:
    """TOML spelling of a preset value (JSON matches TOML for strings, numbers, lists)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


def format_rule(info: RuleInfo) -> str:
    """The full documentation page of one rule."""
    state = "" if info.enabled else ", disabled by default"
    lines = [f"# {info.name} ({info.code})", "",
             f"Default severity: {info.severity}, penalty: {info.penalty}{state}.", "", info.doc, ""]
    lines.append("## Options (preset values)")
    if info.options:
        lines.append("")
        lines.append(f"[tool.summary-lint.rules.{info.name}]")
        lines += [f"{key} = {_toml_value(value)}" for key, value in info.options.items()]
    else:
        lines.append("")
        lines.append("None besides severity and penalty.")
    return "\n".join(lines) + "\n"


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=f"summary-lint {prog}", description=description)
    p.add_argument("--preset", default="default", help="show the defaults of this preset (default: default)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    return p


def list_main(argv: list[str]) -> int:
    """``summary-lint rules``: one line per rule (code, name, default severity, description)."""
    args = _parser("rules", "List every rule.").parse_args(argv)
    infos = rule_infos(args.preset)
    if args.format == "json":
        rows = [{"code": i.code, "name": i.name, "severity": i.severity, "penalty": i.penalty,
                 "enabled": i.enabled, "summary": i.summary} for i in infos]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    width = max((len(i.name) for i in infos), default=0)
    for i in infos:
        severity = i.severity if i.enabled else f"({i.severity})"
        print(f"{i.code:5}  {i.name:{width}}  {severity:9}  {i.summary}")
    return 0


def rule_main(argv: list[str]) -> int:
    """``summary-lint rule NAME``: the documentation of one rule (by name or code)."""
    p = _parser("rule", "Show the documentation of one rule.")
    p.add_argument("name", metavar="NAME", help="rule name or code, e.g. missing-votes or S002")
    args = p.parse_args(argv)
    found = find_rule(args.name)
    if found is None:
        close = difflib.get_close_matches(args.name, [r.name for r in all_rules()], n=1)
        hint = f"; did you mean {close[0]!r}?" if close else " (see 'summary-lint rules')"
        raise ConfigError(f"unknown rule {args.name!r}{hint}")
    match = next(i for i in rule_infos(args.preset) if i.name == found.name)
    if args.format == "json":
        print(json.dumps(match.__dict__, indent=2, ensure_ascii=False))
    else:
        print(format_rule(match), end="")
    return 0
