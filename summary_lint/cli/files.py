"""Files the command line writes: never one it reads, always whole.

Every path an option names is compared by real identity with every other (device and inode when
the file exists, the fully resolved path when it does not yet), so a symbolic link, a hard link or
``./x`` cannot make a report overwrite a digest, a sources file, a configuration or a baseline.
Reports and baselines are written to a temporary file in the target's folder, synced and renamed
into place: a full disk or a signal leaves the previous file as it was, and a reader sees the old
file or the new one, whole. The folder is not synced after the rename: that would only make the new
name survive a power cut (without it the previous report is there, whole), and it took 2-4 ms of
wall time per file written.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass

from summary_lint.errors import SummaryLintError


@dataclass(frozen=True)
class NamedPath:
    """A path as the user named it, and by which option (``input``, ``--sources``, ``-o`` …)."""

    role: str
    path: str


def _identity(path: str) -> tuple:
    """The file ``path`` reads, or that ``write_atomic`` would write: both go through ``realpath``.
    A path the system resolves is that file (``stat`` follows the same links), so ``realpath``, a
    system call per part of the path, is only asked about one it cannot (``sub/../d.md`` without a
    ``sub`` folder is ``d.md`` to ``realpath``)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        target = os.path.realpath(path)
        try:
            st = os.stat(target)
        except (OSError, ValueError):  # not there (yet): its resolved name is all there is
            return ("name", target)
    return ("inode", st.st_dev, st.st_ino)


def refuse_overlaps(reads: list[NamedPath], writes: list[NamedPath]) -> None:
    """One-line error when a written path is a read one, or two written paths are one file."""
    taken = {}
    for item in reads:
        taken.setdefault(_identity(item.path), item)
    read_keys = set(taken)
    for item in writes:
        key = _identity(item.path)
        other = taken.get(key)
        if other is not None and key in read_keys:
            raise SummaryLintError(f"{item.path}: {item.role} would overwrite {other.role} {other.path}")
        if other is not None:
            raise SummaryLintError(f"{item.path}: {item.role} and {other.role} name the same file")
        taken[key] = item


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: str, text: str | Iterable[str], what: str) -> None:
    """Write ``text`` (UTF-8; a string or its pieces, as a renderer yields them) to ``path`` whole
    or not at all, creating missing folders.

    A path that is not a regular file (``/dev/null``, a FIFO, a terminal) is written directly: there
    is no file to replace. Any failure is one ``SummaryLintError`` line naming the path."""
    try:
        target = os.path.realpath(path)  # through a symbolic link: replace the file, keep the link
        if os.path.isdir(target):
            raise SummaryLintError(f"{path}: cannot write {what}: is a folder")
        if os.path.exists(target) and not os.path.isfile(target):
            with open(target, "w", encoding="utf-8") as f:
                f.writelines(pieces(text))
            return
        mode = stat.S_IMODE(os.stat(target).st_mode) if os.path.exists(target) else _new_file_mode()
        folder = os.path.dirname(target)
        os.makedirs(folder, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                f.writelines(pieces(text))
                f.flush()
                os.fsync(f.fileno())
            os.chmod(temp, mode)
            os.replace(temp, target)
        except BaseException:  # a full disk, SIGTERM, Ctrl-C: the previous file stays as it was
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
    except OSError as exc:
        raise SummaryLintError(f"{path}: cannot write {what}: {exc.strerror or exc}") from None


def pieces(text: str | Iterable[str]) -> Iterable[str]:
    return (text,) if isinstance(text, str) else text
