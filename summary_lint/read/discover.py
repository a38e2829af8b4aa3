"""Turn command-line paths into inputs: files, directories (recursive) and ``-`` for stdin."""

from __future__ import annotations

import fnmatch
import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from summary_lint.errors import InputError
from summary_lint.read.decode import DEFAULT_MAX_INPUT_SIZE, Opener

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
    max_bytes: int = DEFAULT_MAX_INPUT_SIZE
    """Reading stops with an error past this size (the ``max-input-size`` setting)."""
    rereadable: bool = False
    """Opening it again reads the same bytes again: a regular file, not stdin, a FIFO or
    ``/dev/fd/N`` (worker processes parse such a file themselves: ``engine.parallel``)."""

    def size(self) -> int:
        """The file's size in bytes as it is now (0 for one that is not ``rereadable`` or cannot be
        looked at): how much work parsing it is, for deciding how to parse."""
        if not self.rereadable:
            return 0
        try:
            return os.stat(self.name).st_size
        except OSError:
            return 0


def discover(paths: list[str], exclude: list[str] | tuple[str, ...] = (),
             max_bytes: int = DEFAULT_MAX_INPUT_SIZE, *, stdin_name: str = "<stdin>") -> Iterator[Input]:
    """Yield inputs in a stable order, each file once; raise InputError for a path that does not exist.

    ``exclude`` applies inside folders (the CLI applies each file's own configuration's instead:
    ``engine.config_file.settings_per_input``); stdin is named ``stdin_name``. A folder inside a
    named folder that cannot be listed is yielded as an input that fails to open, so it is reported
    exactly like an unreadable file (an error, or skipped with a warning under ``--keep-going``)."""
    seen: set[str] = set()  # a file named twice (a.md a.md, or dir dir/sub) is read once
    for path in map(os.fspath, paths):
        if path == "-":
            if _first_time(path, seen):
                yield Input(stdin_name, _stdin, True, max_bytes=max_bytes)
            continue
        kind = _kind(path)
        if kind == "folder":
            found = False
            for file, opener, regular, resolved in _walk(path):
                if not excluded(file, exclude):
                    found = True
                    if _first_time(file, seen, resolved):
                        yield Input(file, opener, False, path, max_bytes, rereadable=regular)
            if not found:
                raise InputError(f"{path}: directory contains no digests ({DIGEST_PATTERNS})")
        else:
            if not os.access(path, os.R_OK):
                raise InputError(f"{path}: permission denied")
            if _first_time(path, seen):
                yield Input(path, _file_opener(path), True, max_bytes=max_bytes, rereadable=kind == "file")


def _kind(path: str) -> str:
    """``folder``, ``file`` (a regular one) or ``other`` (anything else that can be opened: a FIFO,
    ``/dev/fd/N``); InputError for a path that is missing or cannot be resolved (a symbolic link loop)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except (OSError, ValueError) as exc:  # ELOOP, ENAMETOOLONG, a NUL in the name
        raise InputError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    return "folder" if stat.S_ISDIR(st.st_mode) else "file" if stat.S_ISREG(st.st_mode) else "other"


def _stdin() -> BinaryIO:
    if sys.stdin is None:  # started with stdin closed
        raise InputError("<stdin>: standard input is closed")
    return sys.stdin.buffer


def _first_time(path: str, seen: set[str], resolved: str | None = None) -> bool:
    """Whether the file ``path`` (``resolved``: its ``realpath``, when known) is not in ``seen``; it is then."""
    key = resolved or os.path.realpath(path)
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


def _failing_opener(error: OSError) -> Opener:
    def fail() -> BinaryIO:
        raise error

    return fail


def _walk(root: str) -> Iterator[tuple[str, Opener, bool, str | None]]:
    """Sorted recursive walk that follows directory links once each (no loops): (path, opener,
    whether it is a regular file, its ``realpath`` or None); a folder that cannot be listed comes
    out as an input whose opener raises the listing error. A file that is no symbolic link resolves
    to its folder's real path and its name: ``realpath`` checks every part of a path, a system call
    each, and a folder of daily digests holds hundreds of files."""
    unreadable: list[OSError] = []
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable.append, followlinks=True):
        while unreadable:
            error = unreadable.pop()
            yield error.filename or dirpath, _failing_opener(error), False, None
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
        real_dir = None
        for name in sorted(filenames):
            if name.lower().endswith(DIGEST_SUFFIXES) and not name.startswith("."):
                full = os.path.join(dirpath, name)
                if os.path.isfile(full):
                    if os.path.islink(full):
                        resolved = os.path.realpath(full)
                    else:
                        real_dir = real_dir or os.path.realpath(dirpath)
                        resolved = os.path.join(real_dir, name)
                    yield full, _file_opener(full), True, resolved
    for error in unreadable:  # the last folder listed, or the root itself
        yield error.filename or root, _failing_opener(error), False, None
