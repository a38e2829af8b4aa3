"""Turn command-line paths into inputs: files, directories (recursive) and ``-`` for stdin."""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from summary_lint.read.decode import Opener, bytes_opener
from summary_lint.errors import InputError

DIGEST_SUFFIXES = (".md", ".txt", ".json", ".jsonl")
DIGEST_PATTERNS = ", ".join(f"*{suffix}" for suffix in DIGEST_SUFFIXES)


@dataclass(frozen=True)
class Input:
    """A readable input: its display name, how to open it, and whether the user named it."""

    name: str
    opener: Opener
    explicit: bool
    folder: str | None = None
    """The folder named on the command line that this file was found in."""


def discover(paths: list[str], exclude: list[str] | tuple[str, ...] = (), *,
             stdin_name: str = "<stdin>") -> Iterator[Input]:
    """Yield inputs in a stable order, each file once; raise InputError for a path that does not exist.

    ``exclude`` applies inside folders (the CLI applies each file's own configuration's instead:
    ``engine.config_file.settings_per_input``); stdin is named ``stdin_name``."""
    seen: set[str] = set()  # a file named twice (a.md a.md, or dir dir/sub) is read once
    for path in paths:
        if path == "-":
            yield Input(stdin_name, bytes_opener(_read_stdin()), True)
        elif os.path.isdir(path):
            found = False
            for file in _walk(path):
                if not excluded(file, exclude):
                    found = True
                    if _first_time(file, seen):
                        yield Input(file, _file_opener(file), False, path)
            if not found:
                raise InputError(f"{path}: directory contains no digests ({DIGEST_PATTERNS})")
        elif os.path.exists(path):
            if not os.access(path, os.R_OK):
                raise InputError(f"{path}: permission denied")
            if _first_time(path, seen):
                yield Input(path, _file_opener(path), True)
        else:
            raise InputError(f"{path}: no such file or directory")


def _read_stdin() -> bytes:
    if sys.stdin is None:  # started with stdin closed
        raise InputError("<stdin>: standard input is closed")
    try:
        return sys.stdin.buffer.read()
    except OSError as exc:
        raise InputError(f"<stdin>: cannot read: {exc.strerror or exc}") from None


def _first_time(path: str, seen: set[str]) -> bool:
    key = os.path.realpath(path)
    if key in seen:
        return False
    seen.add(key)
    return True


def _file_opener(path: str) -> Opener:
    return lambda: open(path, "rb")


def excluded(path: str, patterns: list[str] | tuple[str, ...]) -> bool:
    return any(path_matches(path, p) for p in patterns)


def path_matches(path: str, pattern: str) -> bool:
    """ruff's rule for file globs: a pattern with a ``/`` matches the whole path (both made absolute:
    configuration files anchor theirs at their folder, other relative ones are relative to the
    working folder), one without matches the file name. ``*`` crosses folders."""
    if "/" in pattern.replace(os.sep, "/"):
        return fnmatch.fnmatch(Path(os.path.abspath(path)).as_posix(), Path(os.path.abspath(pattern)).as_posix())
    return fnmatch.fnmatch(os.path.basename(path), pattern)


def _walk(root: str) -> Iterator[str]:
    """Sorted recursive walk that follows directory links once each (no loops)."""
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        try:
            st = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            dirnames[:] = []
            continue
        seen.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.lower().endswith(DIGEST_SUFFIXES) and not name.startswith("."):
                full = os.path.join(dirpath, name)
                if os.path.isfile(full):
                    yield full
