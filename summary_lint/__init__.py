"""summary-lint: a quality checker for machine-generated paper summaries.

The Python API for a pre-publish gate::

    from summary_lint import lint_text
    from summary_lint.render import render
    report = lint_text(rendered_digest)
    if report.failed:
        raise SystemExit(render(report, "json"))

Both functions return the same ``RunReport`` model as ``--format json`` (``render(report, fmt)``
writes any output format); they never print or exit,
and raise ``InputError`` / ``ConfigError`` (both ``SummaryLintError``) on bad input or settings.
``config`` is a ``Config``, a dict of its keys, or the path of a configuration file; the API never
searches for one (``summary_lint.engine.config_file.find_config(path)`` does, when asked).
"""

from __future__ import annotations

__version__ = "0.1.0"

from os import PathLike  # noqa: E402
from typing import Any  # noqa: E402

from summary_lint.errors import ConfigError, InputError, SummaryLintError  # noqa: E402
from summary_lint.model import RunReport  # noqa: E402

__all__ = ["lint_text", "lint_paths", "RunReport", "SummaryLintError", "InputError", "ConfigError", "__version__"]


def _settings(config: Any):
    from summary_lint.engine.config import Config, parse_config, resolve

    if config is None or isinstance(config, Config):
        return resolve(config)
    if isinstance(config, (str, PathLike)):  # a configuration file; the API never searches for one itself
        from summary_lint.engine.config_file import load_settings

        return load_settings(config)
    return resolve(parse_config(dict(config)))


def _sources(sources: Any):
    """``sources``: a sources file path, a list of paths, or a mapping from ``sources.load_sources``."""
    from summary_lint.read.sources import load_sources

    if sources is None or isinstance(sources, dict):
        return sources
    return load_sources([sources] if isinstance(sources, (str, PathLike)) else sources)


def lint_paths(paths: list[str] | str, *, config: Any = None, input_format: str = "auto",
               sources: Any = None) -> RunReport:
    """Lint files and folders (recursively). ``config`` is a Config or a dict of its keys;
    ``sources`` (file path(s) or a loaded mapping) enables the source checks."""
    from summary_lint.read.discover import discover
    from summary_lint.engine.run import lint_digests, read_inputs

    settings = _settings(config)
    paths = [paths] if isinstance(paths, str) else list(paths)
    digests, files = read_inputs(discover(paths, settings.config.exclude), input_format)  # type: ignore[arg-type]
    return lint_digests(digests, files, settings, _sources(sources))


def lint_text(text: str, *, name: str = "<text>", config: Any = None, input_format: str = "auto",
              sources: Any = None) -> RunReport:
    """Lint a digest held in memory (markdown or JSON); ``sources`` as in ``lint_paths``."""
    from summary_lint.read.decode import bytes_opener
    from summary_lint.read.discover import Input
    from summary_lint.engine.run import lint_digests, read_inputs

    settings = _settings(config)
    digests, files = read_inputs([Input(name, bytes_opener(text.encode("utf-8")), True)], input_format)  # type: ignore[arg-type]
    return lint_digests(digests, files, settings, _sources(sources))
