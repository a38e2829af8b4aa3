"""The one face of summary-lint: the only code that parses arguments, prints, or decides an exit code.

Every failure ends as one line on stderr: ``SummaryLintError`` (usage, configuration, input,
output) exits 2, Ctrl-C 130, SIGTERM 143, a reader that closed stdout 141 (as if killed by
SIGPIPE, what a shell reports for ``… | head``). See ``args.EXIT_CODES``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from summary_lint.cli.args import parse_args
from summary_lint.cli.check import run_check
from summary_lint.cli.commands import run_eval, run_rule, run_rules
from summary_lint.cli.terminal import OutputClosed, message
from summary_lint.engine.collector import fewer_collections
from summary_lint.errors import SummaryLintError

COMMANDS: dict[str, Callable[..., int]] = {"check": run_check, "rules": run_rules, "rule": run_rule, "eval": run_eval}


class Terminated(BaseException):
    """SIGTERM, raised where the run is, so that writes in progress are undone on the way out."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread (an embedding program): leave its signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _one_blas_thread() -> None:
    """numpy's OpenBLAS starts a thread per core when numpy is imported, which then spins: a quarter
    of the seed digest's CPU, and ~50 ms of its start while the other core is busy. summary-lint
    multiplies no matrices, so the CLI asks for one thread (before any rule imports numpy; a value
    the user set is kept)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _no_pydantic_plugins() -> None:
    """pydantic looks for plugins (observability hooks on every model a program validates) when it
    builds its first model class: it reads the entry points of every installed package, 5 ms of
    each start (1.2% of the seed digest's instructions). The command line validates only its own
    models, so it asks for none (before the first model is built: importing ``summary_lint.cli``
    builds none; a value the user set is kept)."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _one_blas_thread()
    _no_pydantic_plugins()
    try:
        with _sigterm_raises(), fewer_collections():
            args = parse_args(argv)
            return COMMANDS[args.command](args)
    except SummaryLintError as exc:
        message(str(exc), "error")
        return 2
    except KeyboardInterrupt:
        message("interrupted")
        return 130
    except Terminated:
        message("terminated")
        return 143
    except OutputClosed:
        return 141


def run() -> None:
    """``summary-lint`` and ``python -m summary_lint``: exit with ``main``'s code.

    The process ends once standard output and error are flushed, without the interpreter's teardown,
    which frees every module and object one by one: 1.4% of the seed digest's instructions (24 of
    1,713 M), 0.13 s after a 100,000-paper run. Nothing of summary-lint runs at exit: every file it
    writes is closed and in place, every worker process ended, by then."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a reader gone: nothing left to say (see write_stdout)
            stream.flush()
    os._exit(code)
