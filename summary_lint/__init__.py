"""summary-lint: a quality checker for machine-generated paper summaries.

The Python API for a pre-publish gate::

    from summary_lint import lint_text
    from summary_lint.render import render
    report = lint_text(rendered_digest)
    if report.failed:
        raise SystemExit(render(report, "json"))

Both functions return the same ``RunReport`` model as ``--format json`` (``render(report, fmt)``
writes any output format); they never print or exit,
and raise only ``InputError`` / ``ConfigError`` (both ``SummaryLintError``) on bad input or
settings, arguments of the wrong type included (a lone surrogate in ``lint_text``'s text is an
``InputError``, not a ``UnicodeEncodeError``). Paths may be ``str`` or ``pathlib.Path``.
``config`` is a ``Config``, a dict of its keys, or the path of a configuration file; the API never
searches for one (``summary_lint.engine.config_file.find_config(path)`` does, when asked).
"""

from __future__ import annotations

__version__ = "0.1.0"

from os import PathLike, fspath
from typing import TYPE_CHECKING, Any

from summary_lint.errors import ConfigError, InputError, SummaryLintError

if TYPE_CHECKING:
    from summary_lint.model import RunReport

__all__ = ["ConfigError", "InputError", "RunReport", "SummaryLintError", "__version__", "lint_paths", "lint_text"]


def __getattr__(name: str) -> Any:
    """``RunReport``, imported when first asked for: importing the package builds no pydantic model,
    so the command line can set pydantic up first (``cli.main``)."""
    if name == "RunReport":
        from summary_lint.model import RunReport

        return RunReport
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _settings(config: Any):
    from summary_lint.engine.config import Config, parse_config, resolve

    if config is None or isinstance(config, Config):
        return resolve(config)
    if isinstance(config, (str, PathLike)):  # a configuration file; the API never searches for one itself
        from summary_lint.engine.config_file import load_settings

        return load_settings(config)
    try:
        data = dict(config)
    except (TypeError, ValueError):
        raise ConfigError(f"config: expected a Config, a dict or a file path, got {type(config).__name__}") from None
    return resolve(parse_config(data))


def _sources(sources: Any):
    """``sources``: a sources file path, a list of paths, or a mapping from ``sources.load_sources``."""
    from collections.abc import Mapping

    from summary_lint.read.sources import load_sources

    if sources is None or isinstance(sources, Mapping):
        return sources
    return load_sources(_path_list(sources, "sources"))


def _input_format(value: Any):
    from typing import get_args

    from summary_lint.read.parse import InputFormat

    if value not in get_args(InputFormat):
        raise ConfigError(f"input_format: expected one of {', '.join(get_args(InputFormat))}, got {value!r}")
    return value


def _path_list(paths: Any, what: str = "paths") -> list[str]:
    """One path (str or ``Path``) or an iterable of them, as strings; InputError for anything else."""
    items = [paths] if isinstance(paths, (str, PathLike)) else paths
    try:
        return [fspath(p) for p in items]
    except TypeError:
        raise InputError(f"{what}: expected a path or a list of paths, got {paths!r:.80}") from None


def lint_paths(paths: Any, *, config: Any = None, input_format: str = "auto",
               sources: Any = None) -> RunReport:
    """Lint files and folders (recursively): ``paths`` is one path (``str`` or ``Path``) or a list
    of them. ``config`` is a Config or a dict of its keys; ``sources`` (file path(s) or a loaded
    mapping) enables the source checks."""
    from summary_lint.engine.reread import Rereader
    from summary_lint.engine.run import lint_digests, read_inputs
    from summary_lint.read.discover import discover

    settings = _settings(config)
    inputs = list(discover(_path_list(paths), settings.config.exclude, settings.config.max_input_size))
    reread = Rereader(inputs, _input_format(input_format))
    digests, files = read_inputs(inputs, reread.input_format, keep=lambda digest: reread.head(digest, settings))
    return lint_digests(digests, files, settings, _sources(sources), reread=reread, hand_over=True)


def _utf8(text: Any, name: str) -> bytes:
    """The digest's UTF-8 bytes; InputError for a non-string or a lone surrogate (``"\\ud800"``)."""
    if not isinstance(text, str):
        raise InputError(f"{name}: expected the digest as str, got {type(text).__name__}")
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"{name}: not valid Unicode text: lone surrogate "
                         f"U+{ord(text[exc.start]):04X} at character {exc.start}") from None


def lint_text(text: str, *, name: str = "<text>", config: Any = None, input_format: str = "auto",
              sources: Any = None) -> RunReport:
    """Lint a digest held in memory (markdown or JSON); ``sources`` as in ``lint_paths``."""
    from summary_lint.engine.run import lint_digests, read_inputs
    from summary_lint.read.decode import bytes_opener
    from summary_lint.read.discover import Input

    settings = _settings(config)
    inp = Input(name, bytes_opener(_utf8(text, name)), True, max_bytes=settings.config.max_input_size)
    digests, files = read_inputs([inp], _input_format(input_format))
    return lint_digests(digests, files, settings, _sources(sources))
