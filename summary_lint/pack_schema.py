"""What a user's rule pack may hold, checked when it is read: one ConfigError line naming the file.

A pack in a ``rules-path`` folder extends the built-in one of the same name, and its patterns run
against every summary. So each file is validated against the shape its rule reads (types,
required fields, no unknown keys), and every pattern must compile and pass a guard against
catastrophic backtracking: a repeat that may run without bound around another repeat (``(a+)+$``
took 92 s on a 30-character text), or around alternatives that can start alike (``(a|ab)*c``),
is refused with the pack, the entry, the pattern and the rule that reads it. The check is
conservative (no built-in pattern trips it, and a user pattern can always be written without).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from summary_lint.errors import ConfigError
from summary_lint.text.regex_syntax import nested_repeat, overlapping_alternatives, parse


def _guarded(pattern: str) -> str:
    """A pattern ``re`` accepts (in the ASCII mode the rules use, too) that cannot backtrack without end."""
    try:
        for flags in (0, re.ASCII):
            compiled = re.compile(pattern, flags)
    except re.error as exc:
        raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
    try:
        tree = parse(pattern, compiled.flags)
    except (ValueError, IndexError):
        raise ValueError(f"pattern {pattern!r}: syntax too unusual to check for runaway backtracking") from None
    if nested := nested_repeat(tree):
        raise ValueError(f"pattern {pattern!r}: a repeat inside a repeat {nested} can take exponential time "
                         "on text that almost matches; repeat the inner part once or bound the outer repeat")
    if alternatives := overlapping_alternatives(tree):
        raise ValueError(f"pattern {pattern!r}: alternatives that can start with the same character {alternatives} "
                         "can take exponential time; use a character class or make them start differently")
    return pattern


Pattern = Annotated[str, AfterValidator(_guarded)]


class _Pack(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


class Phrase(_Pack):
    name: str
    pattern: Pattern
    weight: int = Field(default=1, ge=0, le=100)
    kind: Literal["filler", "template"] = "filler"


class PhrasePack(_Pack):
    terms: list[str] = []
    phrase: list[Phrase] = []


class MetaPattern(_Pack):
    id: str
    kind: Literal["source", "assistant", "preamble"] = "source"
    description: str
    pattern: Pattern


class MetaPack(_Pack):
    pattern: list[MetaPattern] = []


class Domain(_Pack):
    keywords: Pattern


class Metric(_Pack):
    name: str
    pattern: Pattern
    domains: list[str]


class UnattributedGain(_Pack):
    patterns: list[Pattern] = []


class MetricPack(_Pack):
    domains: dict[str, Domain] = {}
    metric: list[Metric] = []
    unattributed_gain: UnattributedGain = Field(default_factory=UnattributedGain, alias="unattributed-gain")


class DamagePack(_Pack):
    latex_commands: list[str] = Field(default=[], alias="latex-commands")
    placeholders: list[str] = []
    unfinished_endings: list[Pattern] = Field(default=[], alias="unfinished-endings")


class ClaimPack(_Pack):
    common_terms: list[str] = Field(default=[], alias="common-terms")


SCHEMAS: dict[str, tuple[type[_Pack], str]] = {
    "phrases": (PhrasePack, "generic-boilerplate"),
    "meta": (MetaPack, "meta-commentary"),
    "metrics": (MetricPack, "suspicious-claim"),
    "damaged": (DamagePack, "damaged-text"),
    "claims": (ClaimPack, "unsupported-claim"),
}
"""Pack name (its first path part: ``phrases/en`` → ``phrases``) → (schema, the rule that reads it).
Presets are checked against the rules' declarations by ``engine.config``."""


def check_rules_path(folders: list[str]) -> None:
    """Validate every pack of the user's rule folders now, not when (or in which worker) a rule
    first reads it, so a broken pack fails every run the same way."""
    from summary_lint.packs import load_user_pack

    for folder in map(Path, folders):
        for path in sorted(folder.rglob("*.toml")):
            name = path.relative_to(folder).with_suffix("").as_posix()
            if name.split("/")[0] in SCHEMAS:  # other files there are no rule's business
                load_user_pack(name, path)


def check_user_pack(name: str, path: Path, data: dict[str, Any]) -> None:
    """Raise one ConfigError line when a user's pack file does not fit its schema."""
    schema = SCHEMAS.get(name.split("/")[0])
    if schema is None:
        return
    model, rule = schema
    try:
        model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        parts = _where(data, err["loc"])
        if err["type"] == "literal_error":  # pattern 'odd': unknown kind 'gossip' (expected …)
            message = f"unknown {parts.pop()} {err['input']!r} (expected {err['ctx']['expected']})"
        else:
            message = _message(err)
        raise ConfigError(f"{path}: {'.'.join(parts) or 'top level'}: {message} [used by {rule}]") from None


def _where(data: Any, loc: tuple[Any, ...]) -> list[str]:
    """``phrase 'my phrase'``, ``pattern``: an entry by its name or id where it has one, else
    by its position (``phrase[2]``)."""
    parts: list[str] = []
    for key in loc:
        if isinstance(key, int):
            entry = data[key] if isinstance(data, list) and key < len(data) else None
            label = (entry.get("name") or entry.get("id")) if isinstance(entry, dict) else None
            parts[-1] += f" {label!r}" if isinstance(label, str) else f"[{key + 1}]"
        else:
            parts.append(str(key))
        data = data[key] if isinstance(data, (dict, list)) and _has(data, key) else None
    return parts


def _has(data: dict[str, Any] | list[Any], key: Any) -> bool:
    return key in data if isinstance(data, dict) else isinstance(key, int) and key < len(data)


def _message(err: Any) -> str:
    if err["type"] == "extra_forbidden":
        return "unknown key"
    if err["type"] == "missing":
        return "required key missing"
    return str(err["msg"]).removeprefix("Value error, ")
