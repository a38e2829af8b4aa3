"""Rule packs: data files (TOML, TSV) that configure and feed the rules.

The built-in packs live in the repository's ``rules/`` folder and are installed inside the package
as ``summary_lint/rules``. Users add folders of their own (``rules-path``); a file there with the
same relative name extends the built-in one (lists are concatenated, tables merged).
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from summary_lint.errors import ConfigError, InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def builtin_dir() -> Path:
    """The installed packs, or the checkout's ``rules/`` when running from a source tree."""
    installed = Path(__file__).with_name("rules")
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "rules"


def read_toml(path: Path, what: str = "rule pack") -> dict[str, Any]:
    """A TOML file's tables; any problem (unreadable, not UTF-8, invalid TOML) is one ConfigError line."""
    from summary_lint.read.side_files import read_utf8

    try:
        return tomllib.loads(read_utf8(path, what))
    except InputError as exc:
        raise ConfigError(str(exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None


@lru_cache(maxsize=None)
def _read_toml(path: Path) -> dict[str, Any]:
    return read_toml(path)


@lru_cache(maxsize=None)
def load_user_pack(name: str, path: Path) -> dict[str, Any]:
    """A pack from a ``rules-path`` folder, validated (its patterns guarded) before any rule uses it."""
    from summary_lint.pack_schema import check_user_pack

    data = read_toml(path)
    check_user_pack(name, path, data)
    return data


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge ``extra`` into a copy of ``base``: tables merge, lists concatenate, values replace."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + [v for v in value if v not in out[key]]
        else:
            out[key] = value
    return out


def load_pack(name: str, extra_dirs: tuple[str, ...] = ()) -> dict[str, Any]:
    """Load ``rules/<name>.toml`` merged with same-named files from the user's rule folders."""
    data: dict[str, Any] = {}
    found = False
    for folder in (builtin_dir(), *map(Path, extra_dirs)):
        path = folder / f"{name}.toml"
        if path.is_file():
            data = merge(data, _read_toml(path) if folder == builtin_dir() else load_user_pack(name, path))
            found = True
    if not found:
        raise ConfigError(f"rule pack not found: {name}.toml")
    return data


def pack_files(name: str, extra_dirs: tuple[str, ...] = ()) -> list[Path]:
    """The files that make up ``rules/<name>.toml``, built-in first (for messages that name them)."""
    return [path for folder in (builtin_dir(), *map(Path, extra_dirs)) if (path := folder / f"{name}.toml").is_file()]


def pack_path(name: str) -> Path:
    """Path of a built-in data file (e.g. a glossary TSV)."""
    return builtin_dir() / name
