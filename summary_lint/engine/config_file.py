"""Find and read the user's configuration files, the way ruff does.

Each input file has its own: from the file's folder upward, the first folder holding
``.summary-lint.toml``, ``summary-lint.toml`` or a ``pyproject.toml`` with a ``[tool.summary-lint]``
table wins (in that order). ``--config PATH`` names one file for all inputs instead, ``--isolated``
ignores every file. Settings given on the command line win over the file's; ``ignore`` and
``extend-select`` add to it.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from summary_lint.engine.config import Config, Settings, parse_config, resolve
from summary_lint.errors import ConfigError, InputError
from summary_lint.packs import read_toml
from summary_lint.read.discover import Input, excluded

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


def load_settings(path: str | os.PathLike[str], cli: Config | None = None) -> Settings:
    """The settings of the configuration file ``path``, under the command line's ``cli``; its
    ``exclude`` and ``per-file-ignores`` globs with a folder part are relative to the file's folder
    (ruff's rule; anchored after validation, so that errors quote a glob as written)."""
    file_config, origin = load_config(path)
    settings = resolve(combine(file_config, cli) if cli else file_config, origin)
    folder = Path(path).parent

    def anchored(glob: str) -> str:
        return str(folder / glob) if "/" in glob else glob

    return replace(settings, file=Path(path),
                   config=settings.config.model_copy(update={"exclude": [anchored(g) for g in settings.config.exclude]}),
                   per_file_ignores=[(anchored(glob), rules) for glob, rules in settings.per_file_ignores])


def combine(base: Config, overrides: Config) -> Config:
    """``overrides`` (the command line) on top of ``base`` (the file); only keys it sets count."""
    data = base.model_dump(exclude_unset=True)
    extra = overrides.model_dump(exclude_unset=True)
    for key in ADDITIVE:
        if key in extra:
            extra[key] = data.get(key, []) + extra[key]
    return Config.model_validate({**data, **extra})


def _settings(cli: Config, found: Path | None) -> Settings:
    """The settings of the configuration file ``found`` (None: none) under the command line's."""
    if cli.model_fields_set or found is None:
        command_line = resolve(cli, "command line")  # so that a misspelled --select names the command line
        if found is None:
            return command_line
    return load_settings(found, cli)


def settings_per_input(
    cli: Config, inputs: Iterable[Input], config_path: str | None = None, isolated: bool = False,
    force_exclude: bool = False,
) -> list[tuple[Input, Settings]]:
    """Each input with the settings that apply to it, in input order, like ruff: the configuration
    file closest above each file, whatever the order of the inputs (stdin: the working folder's).
    ``config_path`` names one file for all inputs; ``isolated`` ignores every file. Files found in a
    folder and matched by their configuration's ``exclude`` are dropped (named files too with
    ``force_exclude``); a folder whose every digest is excluded is an InputError."""
    settings_of = _settings_finder(cli, config_path, isolated)
    chosen: list[tuple[Input, Settings]] = []
    folder_kept: dict[str, bool] = {}
    for inp in inputs:
        settings = settings_of(inp)
        drop = (force_exclude or not inp.explicit) and excluded(inp.name, settings.config.exclude)
        if inp.folder is not None:
            folder_kept[inp.folder] = folder_kept.get(inp.folder, False) or not drop
        if not drop:
            chosen.append((dataclasses.replace(inp, max_bytes=settings.config.max_input_size), settings))
    for folder, kept in folder_kept.items():
        if not kept:
            raise InputError(f"{folder}: every digest in the directory is excluded by the configuration")
    return chosen


def _settings_finder(cli: Config, config_path: str | None, isolated: bool) -> Callable[[Input], Settings]:
    """Input → its Settings, reading each configuration file once."""
    file_of_folder: dict[Path, Path | None] = {}
    settings_of_file: dict[Path | None, Settings] = {}

    def config_file(inp: Input) -> Path | None:
        if isolated or config_path:
            return None if isolated else Path(config_path)  # type: ignore[arg-type]
        folder = Path(os.path.abspath(os.path.dirname(inp.name)))  # "<stdin>": the working folder
        if folder not in file_of_folder:
            file_of_folder[folder] = find_config(folder)
        return file_of_folder[folder]

    def settings_of(inp: Input) -> Settings:
        found = config_file(inp)
        if found not in settings_of_file:
            settings_of_file[found] = _settings(cli, found)
        return settings_of_file[found]

    return settings_of
