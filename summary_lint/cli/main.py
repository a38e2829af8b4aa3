"""Command line: ``summary-lint [PATH …]`` lints; ``summary-lint rules|rule|eval`` are subcommands.

Exit codes: 0 no paper fails, 1 at least one paper fails (or a score is under ``--fail-under``),
2 usage, configuration or input error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys

from summary_lint import __version__
from summary_lint.errors import SummaryLintError

# Subcommands live in their own modules, each with ``main(argv) -> int``.
SUBCOMMANDS: dict[str, str] = {
    "eval": "summary_lint.evaluation.run:main",
    "rules": "summary_lint.checks.docs:list_main",
    "rule": "summary_lint.checks.docs:rule_main",
}


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    from summary_lint.render import FORMATS

    p = argparse.ArgumentParser(
        prog="summary-lint",
        description="Check machine-generated paper summaries in daily digests.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="digest files, folders (recursive), or - for stdin")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    p.add_argument("--html", metavar="PATH", help="also write a self-contained HTML report for editors to PATH")
    p.add_argument("--input-format", choices=("auto", "markdown", "json"), default="auto")
    p.add_argument("--select", type=_csv, metavar="RULES", help="only these rules (names or codes, comma-separated)")
    p.add_argument("--extend-select", type=_csv, metavar="RULES", help="enable these rules in addition")
    p.add_argument("--ignore", type=_csv, metavar="RULES", help="skip these rules")
    p.add_argument("--preset", metavar="NAME", help="rule preset from rules/presets (default, relaxed)")
    p.add_argument("--language", metavar="CODE", help="expected summary language (e.g. ko); default: inferred")
    p.add_argument("--fail-under", type=int, metavar="N", help="exit 1 when any paper scores below N")
    p.add_argument("--sources", action="append", metavar="FILE",
                   help="source abstracts (JSONL/JSON {arxiv_id,title,abstract} or HF daily_papers JSON); repeatable")
    p.add_argument("--statistics", action="store_true", help="print the number of findings per rule")
    p.add_argument("--no-scores", action="store_true", help="text format: omit the per-paper score lines")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument("--config", metavar="FILE", help="configuration file (default: found from the first input upward)")
    p.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    p.add_argument("--baseline", metavar="FILE", help="do not report the findings recorded in FILE")
    p.add_argument("--write-baseline", metavar="FILE", help="record every current finding in FILE, then exit 0")
    p.add_argument("--report-unused-suppressions", action="store_true",
                   help="report inline disable comments that suppress nothing (rule unused-suppression)")
    p.add_argument("--jobs", "-j", type=_positive, default=None, metavar="N",
                   help="run per-paper rules in N processes (same output as 1; "
                   "default: every core for large inputs, 1 for small ones)")
    p.add_argument("--max-input-size", type=_positive, metavar="BYTES",
                   help="refuse an input larger than this (default: 268435456, 256 MB)")
    p.add_argument("--keep-going", action="store_true",
                   help="report an input that cannot be read or decoded and go on with the others")
    p.add_argument("--version", action="version", version=f"summary-lint {__version__}")
    return p


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


def run_lint(args: argparse.Namespace) -> int:
    from summary_lint.engine.baseline import Baseline, write_baseline
    from summary_lint.engine.config_file import settings_for
    from summary_lint.read.discover import discover
    from summary_lint.engine.run import lint_digests, read_inputs
    from summary_lint.render import RenderOptions, render
    from summary_lint.read.sources import load_sources

    if not args.paths:
        raise SummaryLintError("no input given (name a digest file, a folder, or - for stdin)")
    if args.html and not os.path.isdir(os.path.dirname(os.path.abspath(args.html))):
        raise SummaryLintError(f"{args.html}: folder for the HTML report does not exist")
    settings = settings_for(_config_from_args(args), args.paths, args.config, args.isolated)
    baseline = Baseline.load(args.baseline) if args.baseline and not args.write_baseline else None
    digests, files = read_inputs(discover(args.paths, settings.config.exclude, settings.config.max_input_size), args.input_format, args.keep_going)
    if not digests:  # --keep-going skipped every input: a run that checked nothing must not pass
        raise SummaryLintError(f"no paper was linted: all {len(files)} inputs were skipped")
    # The parsed papers live until exit: keep the cyclic GC from rescanning them over and over.
    gc.freeze()
    if args.output and any(_same_file(args.output, f.path) for f in files):
        raise SummaryLintError(f"{args.output}: is one of the inputs; the report would overwrite it")
    report = lint_digests(digests, files, settings, load_sources(args.sources) if args.sources else None,
                          baseline=baseline, jobs=args.jobs, progress=True)
    if args.write_baseline:
        recorded = write_baseline(report, args.write_baseline)
        print(f"summary-lint: recorded {recorded} findings in {args.write_baseline}", file=sys.stderr)
        return 0

    stream_is_tty = args.output is None and sys.stdout.isatty()
    color = args.color == "always" or (args.color == "auto" and stream_is_tty and "NO_COLOR" not in os.environ)
    options = RenderOptions(color=color, statistics=args.statistics, show_scores=not args.no_scores)
    text = render(report, args.format, options)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as exc:
            raise SummaryLintError(f"{args.output}: cannot write report: {exc.strerror or exc}") from None
    else:
        write_stdout(text)
    if args.html:
        from summary_lint.render.html import write_html

        write_html(report, args.html)
    fail_under = settings.config.fail_under
    below = fail_under is not None and any(p.score < fail_under for p in report.papers)
    return 1 if report.failed or below else 0


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # either does not exist (yet), or <stdin>
        return False


def write_stdout(text: str) -> None:
    """Reports are UTF-8: a pipe or console set to another encoding (ascii, cp1252) gets UTF-8, not a crash."""
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("_", "-")
    if encoding in ("utf-8", "utf8") or not hasattr(sys.stdout, "buffer"):
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))


def _subcommand(name: str, argv: list[str]) -> int:
    module, func = SUBCOMMANDS[name].split(":")
    return getattr(importlib.import_module(module), func)(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] in SUBCOMMANDS:
            return _subcommand(argv[0], argv[1:])
        return run_lint(build_parser().parse_args(argv))
    except SummaryLintError as exc:
        print(f"summary-lint: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("summary-lint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 1
