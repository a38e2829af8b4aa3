"""``summary-lint [check] PATH …``: lint, write the reports, and turn the run's gate into an exit code."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gc
import itertools
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from summary_lint.cli.files import NamedPath, refuse_overlaps, write_atomic
from summary_lint.cli.terminal import ProgressBar, message, use_color, write_stderr_lines, write_stdout
from summary_lint.errors import SummaryLintError

if TYPE_CHECKING:
    from summary_lint.model import Digest
    from summary_lint.read.discover import Input


def _config_from_args(args: argparse.Namespace):
    from summary_lint.engine.config import Config, parse_config

    data: dict = {}
    for key in ("select", "extend_select", "ignore", "preset", "language", "fail_under", "max_input_size"):
        value = getattr(args, key)
        if value is not None:
            data[key.replace("_", "-")] = value
    if args.report_unused_suppressions:
        data["extend-select"] = [*data.get("extend-select", []), "unused-suppression"]
    return parse_config(data, "command line") if data else Config()


def settings_text(settings) -> str:
    """``--show-settings``: the configuration as resolved, and every enabled rule as it will run."""
    rules = {rule.name: {"code": rule.code, **settings.options(rule.name)} for rule in settings.enabled}
    shown = {"config": settings.config.model_dump(mode="json", by_alias=True),
             "verdict": {"fail-below": settings.fail_below, "warn-below": settings.warn_below},
             "rules": rules}
    return json.dumps(shown, indent=2, ensure_ascii=False) + "\n"


def display_name(name: str) -> str:
    """A file name that is not UTF-8 (its bytes kept as lone surrogates) with those bytes as ``\\xff``:
    every report can then carry it (JSON, SARIF, HTML), and it still names the file for a person."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _named_paths(args: argparse.Namespace, chosen) -> tuple[list[NamedPath], list[NamedPath]]:
    """What the run reads (inputs with the configuration files found for them, side files) and writes."""
    reads = [NamedPath("input", inp.name) for inp, _ in chosen]
    if not args.config:  # found from the inputs' folders: read, so never written
        reads += [NamedPath("configuration file", str(f)) for f in dict.fromkeys(s.file for _, s in chosen) if f]
    reads += [NamedPath("--sources file", path) for path in args.sources or ()]
    reads += [NamedPath(option, path) for option, path in (("--config file", args.config),
                                                           ("--baseline file", args.baseline)) if path]
    writes = [NamedPath(option, path) for option, path in (("-o", args.output), ("--html", args.html),
                                                           ("--write-baseline", args.write_baseline)) if path]
    return reads, writes


def _warn_skipped(file) -> None:
    message(f"{file.reason} (skipped)", "warning")


def run_check(args: argparse.Namespace) -> int:
    """Lint, write the reports; exit 1 when the run fails (``RunReport.gate``) unless ``--exit-zero``."""
    from summary_lint.engine.config_file import settings_per_input
    from summary_lint.read.discover import Input

    stdin_name = args.stdin_filename or "<stdin>"
    if args.show_settings:  # the settings of the first input (stdin: the working folder's)
        first = args.paths[0] if args.paths and args.paths[0] != "-" else stdin_name
        [(_, settings)] = settings_per_input(_config_from_args(args), [Input(first, lambda: b"", True)], args.config,
                                             args.isolated)
        write_stdout(settings_text(settings))
        return 0
    if not args.paths:
        raise SummaryLintError("no input given (name a digest file, a folder, or - for stdin)")
    with _no_collections():
        report = _lint(args, stdin_name)
        if report is None:
            return 0
        if args.write_baseline:
            from summary_lint.engine.baseline import baseline_json

            write_atomic(args.write_baseline, baseline_json(report), "baseline")
            message(f"recorded {sum(len(p.findings) for p in report.papers)} findings in {args.write_baseline}")
            return 0
        _write_reports(args, report)
    return 1 if report.failed and not args.exit_zero else 0


def _lint(args: argparse.Namespace, stdin_name: str):
    """The run's report (each file under its closest configuration), or None when nothing is left
    to lint: ``--force-exclude`` excluded every input, or ``--skip-files-without-entries`` found
    no entries in any."""
    from summary_lint.engine.baseline import Baseline
    from summary_lint.engine.config_file import settings_per_input
    from summary_lint.engine.per_file import lint_per_settings
    from summary_lint.engine.reread import Rereader
    from summary_lint.engine.run import read_inputs
    from summary_lint.read.discover import discover
    from summary_lint.read.sources import load_sources

    chosen = settings_per_input(_config_from_args(args), discover(args.paths, stdin_name=stdin_name),
                                args.config, args.isolated, force_exclude=args.force_exclude)
    if not chosen:  # only with --force-exclude: pre-commit named nothing this configuration lints
        message("every input is excluded by the configuration's exclude (--force-exclude): nothing to lint",
                "warning")
        return None
    refuse_overlaps(*_named_paths(args, chosen))
    baseline = Baseline.load(args.baseline) if args.baseline and not args.write_baseline else None
    chosen = [(dataclasses.replace(inp, name=display_name(inp.name)), settings) for inp, settings in chosen]
    settings_of = {inp.name: settings for inp, settings in chosen}
    reread = Rereader((inp for inp, _ in chosen), args.input_format)
    inputs = [inp for inp, _ in chosen]
    sources = load_sources(args.sources) if args.sources else None  # before the workers that check as they parse
    with reread.parse_ahead(inputs, settings_of, args.jobs, sources) as parse, \
            ProgressBar("file", 2) as reading:
        if reread.checks_ahead:  # the read is then most of the run
            parse = _followed(parse, len(inputs), reading)
        digests, files = read_inputs(inputs, args.input_format, args.keep_going, on_skip=_warn_skipped,
                                     skip_without_entries=args.skip_files_without_entries, parse=parse,
                                     keep=lambda digest: reread.head(digest, settings_of[digest.file]))
    if not digests:
        if args.skip_files_without_entries and not args.keep_going:  # a hook handed only a README
            message(f"no paper entries in the {len(files)} files named: nothing to lint")
            return None
        raise SummaryLintError(f"no paper was linted: all {len(files)} inputs were skipped")
    gc.freeze()  # see _no_collections
    with ProgressBar() as progress:
        return lint_per_settings(digests, files, settings_of, sources, baseline=baseline, jobs=args.jobs,
                                 on_progress=progress, reread=reread, hand_over=True)


def _followed(parse: Callable[[Input], Digest], files: int,
              progress: Callable[[int, int], None]) -> Callable[[Input], Digest]:
    """``parse`` telling ``progress`` (files read, ``files``) after each file."""
    read = itertools.count(1)

    def parse_followed(inp: Input) -> Digest:
        try:
            return parse(inp)
        finally:
            progress(next(read), files)

    return parse_followed


@contextlib.contextmanager
def _no_collections():
    """The parsed papers and sources live until exit, and so do the reports made of them; neither
    parsing nor linting leaves cycles behind worth collecting. The cyclic GC would only scan the
    growing input and reports again and again: half the parse time of 100,000 papers, and on those
    papers with sources 2.4 s of collections that freed 7,315 objects in all. So it is off from the
    read to the written report, in the workers forked meanwhile too; the parsed input is frozen
    (``gc.freeze``), so that the collections after the command (``main`` called in a process that
    goes on) pass it over."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _write_reports(args: argparse.Namespace, report) -> None:
    """The report to ``-o`` or stdout, statistics beside a machine-readable one, the HTML report."""
    from summary_lint.render import RenderOptions, chunks

    color = use_color(args.color, sys.stdout) if args.output is None else args.color == "always"
    options = RenderOptions(color=color, statistics=args.statistics, show_scores=not args.no_scores)
    text = chunks(report, args.format, options)
    if args.output:
        write_atomic(args.output, text, "report")
    else:
        write_stdout(text)
    if args.statistics and args.format != "text":
        from summary_lint.render.text_format import statistics

        write_stderr_lines(statistics(report))
    if args.html:
        from summary_lint.render.html import html_chunks

        write_atomic(args.html, html_chunks(report), "HTML report")
