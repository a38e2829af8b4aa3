"""Configuration: each rule's declared defaults, a preset's overrides and the user's settings.

Like yamllint, the result is a plain conf mapping per rule (``severity``, ``penalty``, ``enabled``
and the rule's own options), so a rule reads ``ctx.options(name)["key"]`` and never knows where a
value came from. Presets and user settings are validated against the rules' declarations
(``checks.registry``): an unknown option or a value of the wrong type is one ConfigError line
naming the file and the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summary_lint.checks.registry import Rule, RuleOptions, all_rules, find_rule
from summary_lint.errors import ConfigError
from summary_lint.model import Severity, new_list
from summary_lint.packs import pack_files, read_toml
from summary_lint.read.decode import DEFAULT_MAX_INPUT_SIZE
from summary_lint.read.discover import path_matches


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Config(BaseModel):
    """User settings, as written in ``[tool.summary-lint]`` or ``summary-lint.toml``."""

    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True)

    preset: str = "default"
    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=new_list)
    extend_select: list[str] = Field(default_factory=new_list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    language: str | None = None
    fail_under: int | None = Field(default=None, ge=0, le=100)
    rules_path: list[str] = Field(default_factory=new_list)
    exclude: list[str] = Field(default_factory=new_list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    """Glob → rules off in the files it matches (ruff's key). In ``exclude`` and here, a glob with a
    ``/`` is relative to the configuration file's folder, one without matches file names anywhere."""
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


class Verdict(BaseModel):
    """The ``[verdict]`` table of a preset: score thresholds of the verdicts."""

    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True, strict=True)

    fail_below: int = Field(default=50, ge=0, le=100)
    """A paper fails below this score."""
    warn_below: int = Field(default=100, ge=0, le=100)
    """A paper gets a warning below this score (and passes at or above it)."""


class PresetFile(BaseModel):
    """One preset file (``rules/presets/NAME.toml`` or the same name in a ``rules-path`` folder).

    It only overrides: the defaults of every rule are in the rule's declaration."""

    model_config = ConfigDict(extra="forbid", strict=True)

    extends: str | None = None
    verdict: dict[str, Any] = Field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)


@dataclass
class Settings:
    """The resolved configuration a run uses."""

    config: Config
    rules: dict[str, RuleOptions]
    """Per rule: every key of its declaration (severity, penalty, enabled, options), validated."""
    fail_below: int
    warn_below: int
    enabled: list[Rule]
    per_file_ignores: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    """(glob, rule names), validated, in the order written."""
    file: Path | None = None
    """The configuration file these settings were read from (None: defaults and the command line)."""

    def options(self, rule_name: str) -> RuleOptions:
        return self.rules.get(rule_name, MappingProxyType({}))

    def ignored_in(self, path: str) -> set[str]:
        """The rules ``per-file-ignores`` turns off in the file ``path``."""
        return {name for pattern, names in self.per_file_ignores if path_matches(path, pattern) for name in names}


def _resolve_name(name: str, origin: str, key: str) -> Rule:
    found = find_rule(name)
    if found is None:
        raise ConfigError(f"{origin}: {key}: unknown rule {name!r} (see 'summary-lint rules')")
    return found


def validate_options(rule: Rule, options: dict[str, Any], where: str) -> dict[str, Any]:
    """``options`` checked against the rule's declaration and typed as declared; any problem is
    one ConfigError naming ``where`` (file and table) and the key."""
    declared = {option.name: option for option in rule.settings}
    valid = {}
    for key, value in options.items():
        if key not in declared:
            raise ConfigError(f"{where}.{key}: unknown option (see 'summary-lint rule {rule.name}')")
        try:
            valid[key] = declared[key].validate(value)
        except ValueError as exc:
            raise ConfigError(f"{where}.{key}: invalid value {value!r}: {exc}") from None
    return valid


def _preset_files(name: str, extra_dirs: tuple[str, ...], origin: str,
                  chain: tuple[str, ...] = ()) -> list[tuple[str, PresetFile]]:
    """The files of preset ``name`` (built-in, then each rules-path folder), after the files of the
    preset it ``extends``, each validated with its path as origin; an ``extends`` loop is an error."""
    found = pack_files(f"presets/{name}.toml", extra_dirs)
    if not found:
        raise ConfigError(f"{origin}: preset: rule pack not found: presets/{name}.toml")
    files = []
    for path in found:
        try:
            files.append((str(path), PresetFile.model_validate(read_toml(path))))
        except ValidationError as exc:
            err = exc.errors()[0]
            raise ConfigError(f"{path}: {'.'.join(map(str, err['loc'])) or '?'}: {err['msg']}") from None
    parent = next((f.extends for _, f in reversed(files) if f.extends), None)
    if parent in (*chain, name):
        raise ConfigError(f"{' + '.join(path for path, _ in files)}: extends loop: {' → '.join((*chain, name, parent))}")
    if parent:
        files = _preset_files(parent, extra_dirs, origin, (*chain, name)) + files
    return files


def _verdict(data: dict[str, Any], origin: str) -> Verdict:
    try:
        return Verdict.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ConfigError(f"{origin}: verdict.{'.'.join(map(str, err['loc']))}: {err['msg']}") from None


def resolve(config: Config | None = None, origin: str = "configuration") -> Settings:
    """Each rule's declared defaults, overridden by the preset's files, then by the user's
    settings (each layer validated against the declarations), and the enabled rules."""
    config = config or Config()
    if config.rules_path:  # the pack schemas are pydantic models too: built only when there are user packs
        from summary_lint.pack_schema import check_rules_path

        check_rules_path(config.rules_path)
    registered = all_rules()
    rules = {r.name: r.defaults() for r in registered}
    verdict: dict[str, Any] = {}
    for path, preset in _preset_files(config.preset, tuple(config.rules_path), origin):
        verdict.update(_verdict(preset.verdict, path).model_dump(exclude_unset=True, by_alias=True))
        for name, options in preset.rules.items():
            found = _resolve_name(name, path, f"rules.{name}")
            rules[found.name].update(validate_options(found, options, f"{path}: rules.{name}"))
    for name, options in config.rules.items():
        found = _resolve_name(name, origin, f"rules.{name}")
        rules[found.name].update(validate_options(found, options, f"{origin}: rules.{name}"))
    for name, level in config.severity.items():
        rules[_resolve_name(name, origin, f"severity.{name}").name]["severity"] = level

    if config.select is not None:
        chosen = {_resolve_name(n, origin, "select").name for n in config.select}
    else:
        chosen = {r.name for r in registered if rules[r.name]["enabled"]}
    chosen |= {_resolve_name(n, origin, "extend-select").name for n in config.extend_select}
    chosen -= {_resolve_name(n, origin, "ignore").name for n in config.ignore}
    ignores = [(pattern, frozenset(n if n == "all" else _resolve_name(n, origin, f"per-file-ignores.{pattern}").name
                                   for n in names))
               for pattern, names in config.per_file_ignores.items()]
    thresholds = _verdict(verdict, f"preset {config.preset!r}")
    return Settings(
        config=config,
        rules={name: MappingProxyType(conf) for name, conf in rules.items()},
        fail_below=thresholds.fail_below,
        warn_below=thresholds.warn_below,
        enabled=[r for r in registered if r.name in chosen],
        per_file_ignores=ignores,
    )
