"""The rules reference behind ``summary-lint rules`` and ``summary-lint rule NAME``, like ``ruff rule``.

Everything comes from two places only, so the reference cannot drift from the code: the rule
module's docstring (what it checks, why, examples) and the preset (severity, penalty, options).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from summary_lint.engine.config import SCORING_DEFAULTS, Config, resolve
from summary_lint.checks.registry import Rule, all_rules


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
