"""Find and read the user's configuration file, the way ruff does.

From the first input's folder upward, the first folder holding ``.summary-lint.toml``,
``summary-lint.toml`` or a ``pyproject.toml`` with a ``[tool.summary-lint]`` table wins (in that
order). ``--config PATH`` names the file instead, ``--isolated`` ignores every file. Settings given
on the command line win over the file's; ``ignore`` and ``extend-select`` add to it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from summary_lint.engine.config import Config, Settings, parse_config, resolve
from summary_lint.errors import ConfigError
from summary_lint.packs import read_toml

CONFIG_NAMES = (".summary-lint.toml", "summary-lint.toml", "pyproject.toml")
TABLE = "tool.summary-lint"
ADDITIVE = ("ignore", "extend_select")


def _table(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    """The summary-lint settings of a parsed file (None: a pyproject.toml without the table, such as
    another project's whose ``tool`` is not even a table)."""
    if path.name != "pyproject.toml":
        return data
    tool = data.get("tool")
    table = tool.get("summary-lint") if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None


def find_config(start: str | os.PathLike[str] = ".") -> Path | None:
    """The configuration file that applies to ``start`` (a file or folder), or None.

    As in ruff, a ``pyproject.toml`` on the way up that cannot be read as TOML is an error (it may
    be the one meant to configure the run); one that parses but has no ``[tool.summary-lint]``
    table is passed over."""
    try:
        folder = Path(start).resolve()
    except (OSError, RuntimeError):  # a symbolic link loop: the input itself reports it
        folder = Path(os.path.abspath(start))
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _table(path, read_toml(path, "configuration")) is not None):
                return path
    return None


def load_config(path: str | os.PathLike[str]) -> tuple[Config, str]:
    """Read and validate one configuration file; return it with its origin for error messages."""
    path = Path(path)
    if not path.exists() or path.is_dir():  # a FIFO (--config <(…)) is read like a file
        raise ConfigError(f"{path}: configuration file not found")
    table = _table(path, read_toml(path, "configuration"))
    if table is None:
        raise ConfigError(f"{path}: no [{TABLE}] table")
    origin = f"{path} [{TABLE}]" if path.name == "pyproject.toml" else str(path)
    config = parse_config(table, origin)
    folders = [path.parent / p for p in config.rules_path]
    for folder in folders:
        if not folder.is_dir():
            raise ConfigError(f"{origin}: rules-path: not a folder: {folder}")
    return config.model_copy(update={"rules_path": [str(f) for f in folders]}), origin


def combine(base: Config, overrides: Config) -> Config:
    """``overrides`` (the command line) on top of ``base`` (the file); only keys it sets count."""
    data = base.model_dump(exclude_unset=True)
    extra = overrides.model_dump(exclude_unset=True)
    for key in ADDITIVE:
        if key in extra:
            extra[key] = data.get(key, []) + extra[key]
    return Config.model_validate({**data, **extra})


def settings_for(
    cli: Config, paths: list[str], config_path: str | None = None, isolated: bool = False
) -> Settings:
    """Resolve the settings of a command-line run: discovered or named file, then the CLI's."""
    if isolated:
        return resolve(cli, "command line")
    start = next((p for p in paths if p != "-"), ".")
    found = Path(config_path) if config_path else find_config(start)
    if found is None:
        return resolve(cli, "command line")
    file_config, origin = load_config(found)
    if cli.model_fields_set:
        resolve(cli, "command line")  # so that a misspelled --select names the command line, not the file
    return resolve(combine(file_config, cli), origin)
