"""Configuration: a preset from ``rules/presets`` plus the user's settings, validated with pydantic.

Like yamllint, the result is a plain conf dict per rule (``severity``, ``penalty`` and the rule's
own options), so a rule reads ``ctx.options(name)`` and never knows where a value came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summary_lint.errors import ConfigError
from summary_lint.model import Severity
from summary_lint.pack_schema import check_rules_path
from summary_lint.packs import load_pack, merge, pack_files
from summary_lint.read.decode import DEFAULT_MAX_INPUT_SIZE
from summary_lint.checks.registry import Rule, all_rules, find_rule


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Config(BaseModel):
    """User settings, as written in ``[tool.summary-lint]`` or ``summary-lint.toml``."""

    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True)

    preset: str = "default"
    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    extend_select: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    language: str | None = None
    fail_under: int | None = Field(default=None, ge=0, le=100)
    rules_path: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    max_input_size: int = Field(default=DEFAULT_MAX_INPUT_SIZE, ge=1)
    """Bytes; a larger input is an error (so ``/dev/zero`` or a runaway file cannot fill memory)."""


def parse_config(data: dict[str, Any], origin: str = "configuration") -> Config:
    """Validate a raw dict; any problem is one ConfigError line naming the origin and the key."""
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "?"
        raise ConfigError(f"{origin}: {key}: {err['msg']}") from None


@dataclass
class Settings:
    """The resolved configuration a run uses."""

    config: Config
    rules: dict[str, dict[str, Any]]
    fail_below: int
    warn_below: int
    enabled: list[Rule]

    def options(self, rule_name: str) -> dict[str, Any]:
        return self.rules.get(rule_name, {})


def _resolve_name(name: str, origin: str, key: str) -> str:
    found = find_rule(name)
    if found is None:
        raise ConfigError(f"{origin}: {key}: unknown rule {name!r} (see 'summary-lint rules')")
    return found.name


# Every rule takes these; its own options are the other keys of its preset table.
SCORING_DEFAULTS: dict[str, Any] = {"severity": "warning", "penalty": 0, "enabled": True}


def _same_kind(value: Any, example: Any) -> bool:
    """Same type as the preset's value; inside lists, every item as the preset list's items
    (``profiles = [[1, 2]]`` is not a list of lists of labels)."""
    if isinstance(example, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(example, bool)
    if isinstance(example, (int, float)):
        return isinstance(value, (int, float))
    if isinstance(example, list) and example and isinstance(value, list):
        return all(_same_kind(item, example[0]) for item in value)
    return isinstance(value, type(example))


def _check_options(rule_name: str, options: dict[str, Any], preset: dict[str, Any], where: str) -> None:
    """A per-rule option must be one the preset defines for that rule, with a value of the same kind."""
    known = {**SCORING_DEFAULTS, **preset}
    for key, value in options.items():
        if key not in known:
            raise ConfigError(f"{where}.{key}: unknown option (see 'summary-lint rule {rule_name}')")
        if not _same_kind(value, known[key]) or (key == "severity" and value not in get_args(Severity)):
            raise ConfigError(f"{where}.{key}: invalid value {value!r} (preset value: {known[key]!r})")
        if (key == "penalty" or key.endswith("-penalty")) and not 0 <= value <= 100:  # also refuses nan
            raise ConfigError(f"{where}.{key}: a penalty is between 0 and 100, not {value!r}")


def _load_preset(name: str, extra_dirs: tuple[str, ...], chain: tuple[str, ...] = ()) -> dict[str, Any]:
    if name in chain:
        where = " + ".join(map(str, pack_files(f"presets/{chain[-1]}", extra_dirs)))
        raise ConfigError(f"{where}: extends loop: {' → '.join((*chain, name))}")
    data = load_pack(f"presets/{name}", extra_dirs)
    parent = data.pop("extends", None)
    if parent:
        data = merge(_load_preset(parent, extra_dirs, (*chain, name)), data)
    return data


def resolve(config: Config | None = None, origin: str = "configuration") -> Settings:
    """Merge preset and user config into per-rule conf dicts and pick the enabled rules."""
    config = config or Config()
    check_rules_path(config.rules_path)
    try:
        preset = _load_preset(config.preset, tuple(config.rules_path))
    except ConfigError as exc:
        raise ConfigError(f"{origin}: preset: {exc}") from None
    rules: dict[str, dict[str, Any]] = {name: dict(conf) for name, conf in preset.get("rules", {}).items()}
    for name, options in config.rules.items():
        rule_name = _resolve_name(name, origin, f"rules.{name}")
        _check_options(rule_name, options, rules.get(rule_name, {}), f"{origin}: rules.{name}")
        rules[rule_name] = merge(rules.get(rule_name, {}), options)
    for name, level in config.severity.items():
        rules.setdefault(_resolve_name(name, origin, f"severity.{name}"), {})["severity"] = level

    registered = all_rules()
    if config.select is not None:
        chosen = {_resolve_name(n, origin, "select") for n in config.select}
    else:
        chosen = {r.name for r in registered if rules.get(r.name, {}).get("enabled", True)}
    chosen |= {_resolve_name(n, origin, "extend-select") for n in config.extend_select}
    chosen -= {_resolve_name(n, origin, "ignore") for n in config.ignore}
    verdict = preset.get("verdict", {})
    return Settings(
        config=config,
        rules=rules,
        fail_below=int(verdict.get("fail-below", 50)),
        warn_below=int(verdict.get("warn-below", 100)),
        enabled=[r for r in registered if r.name in chosen],
    )
