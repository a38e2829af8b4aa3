"""What the command line shows: stdout (UTF-8, closed or full handled), one-line messages on stderr,
colour, and the progress bar the engine reports to."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, TextIO

from summary_lint.cli.files import pieces
from summary_lint.errors import SummaryLintError
from summary_lint.render.text_format import printable

if TYPE_CHECKING:
    from typing import Self  # Python 3.11: read by type checkers only

PROGRESS_MIN_PAPERS = 2000
"""Shorter runs take a second or two: no progress bar."""


class OutputClosed(Exception):
    """Whoever read standard output went away (``summary-lint … | head``): nothing left to say."""


def use_color(choice: str, stream: TextIO | None, environ: Mapping[str, str] = os.environ) -> bool:
    """``--color auto`` as CPython decides it: a non-empty ``NO_COLOR`` turns colour off, a non-empty
    ``FORCE_COLOR`` on, ``TERM=dumb`` off; otherwise colour on a terminal only."""
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    if environ.get("TERM") == "dumb":
        return False
    return stream is not None and stream.isatty()


def write_stdout(text: str | Iterable[str]) -> None:
    """Write a report (a string or its pieces) to stdout as UTF-8 whatever the console's encoding
    (ascii, cp1252).

    A reader that went away (EPIPE) raises ``OutputClosed``; a closed or full stdout (ENOSPC) is a
    one-line error. Either way stdout is pointed at /dev/null, so that the interpreter's last flush
    at exit has nothing to complain about."""
    stream = sys.stdout
    if stream is None:
        raise SummaryLintError("standard output is closed")
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
    try:
        if encoding in ("utf-8", "utf8") or not hasattr(stream, "buffer"):
            stream.writelines(pieces(text))
        else:
            stream.flush()
            stream.buffer.writelines(piece.encode("utf-8") for piece in pieces(text))
        stream.flush()
    except BrokenPipeError:
        _discard(stream)
        raise OutputClosed from None
    except (OSError, ValueError) as exc:  # ValueError: the stream was closed
        _discard(stream)
        raise SummaryLintError(f"cannot write to standard output: {getattr(exc, 'strerror', None) or exc}") from None


def _discard(stream: TextIO) -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (a test's capture): nothing to flush later
        pass


def message(text: str, kind: str = "") -> None:
    """One line on stderr, ``summary-lint: [KIND: ]text``, escaped for the terminal."""
    if sys.stderr is None:
        return
    try:
        sys.stderr.write(f"summary-lint: {kind + ': ' if kind else ''}{printable(text)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr gone too: the exit code says the rest
        pass


def write_stderr_lines(lines: list[str]) -> None:
    """Extra lines for a person (``--statistics`` beside a machine-readable report)."""
    if sys.stderr is not None and lines:
        try:
            sys.stderr.write("".join(printable(line) + "\n" for line in lines))
        except (OSError, ValueError):
            pass


class ProgressBar:
    """A tqdm bar on stderr, on a terminal, for ``minimum`` units or more (by default runs of
    ``PROGRESS_MIN_PAPERS``); the engine calls it with (papers done, total), the read with (files
    read, total) when they are checked as they are read."""

    def __init__(self, unit: str = "paper", minimum: int = PROGRESS_MIN_PAPERS) -> None:
        self.enabled = sys.stderr is not None and sys.stderr.isatty()
        self.unit, self.minimum = unit, minimum
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < self.minimum:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit=self.unit, file=sys.stderr, leave=False)
        self.bar.update(done - self.bar.n)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()
