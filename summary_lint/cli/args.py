"""The command line's grammar: ``summary-lint [check] PATH …``, ``rules``, ``rule NAME``, ``eval``.

``check`` is the default command, so ``summary-lint digest.md`` lints; a file named like a command
(``rules``) is linted with ``summary-lint check rules`` or ``./rules``.
"""

from __future__ import annotations

import argparse
import os

from summary_lint import __version__

COMMANDS = ("check", "rules", "rule", "eval")
EXIT_CODES = """\
exit codes:
  0    the run passes (also with --exit-zero, --show-settings, --write-baseline)
  1    the run fails: a paper's verdict is fail, or a paper scores below --fail-under
  2    usage, configuration, input or output error (one line on stderr)
  130  interrupted (Ctrl-C)
  141  standard output closed before the report was written (broken pipe)
  143  terminated (SIGTERM)"""
MAX_JOBS_PER_CORE = 4
DEFAULT_CORPUS = "../shared/corpus/daily_papers_ko"
DEFAULT_OTHER_GENERATORS = "../shared/corpus/other_generators"
DEFAULT_FOLDS = 4


class _Parser(argparse.ArgumentParser):
    """Usage errors in one line, like every other error, pointing at ``--help``."""

    def error(self, message: str, prog: str | None = None):  # type: ignore[override]
        self.exit(2, f"summary-lint: error: {message} (see '{prog or self.prog} --help')\n")

    def parse_args(self, args=None, namespace=None):  # type: ignore[override]
        """Unknown options belong to the command: point at its help, not the top level's."""
        parsed, extra = self.parse_known_args(args, namespace)
        if extra:
            command = getattr(parsed, "command", None)
            self.error(f"unrecognized arguments: {' '.join(extra)}", f"{self.prog} {command}" if command else None)
        return parsed


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


def _jobs(value: str) -> int:
    """1 … 4 per core: more processes than that only add memory and switching."""
    limit = MAX_JOBS_PER_CORE * (os.cpu_count() or 1)
    if not value.isdigit() or not 1 <= int(value) <= limit:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to {limit} "
                                         f"({MAX_JOBS_PER_CORE} per core), got {value!r}")
    return int(value)


def _folds(value: str) -> int:
    if not value.isdigit() or int(value) == 1:
        raise argparse.ArgumentTypeError(f"expected 0 (skip) or at least 2 folds, got {value!r}")
    return int(value)


def _formatter(prog: str) -> argparse.HelpFormatter:
    return argparse.RawDescriptionHelpFormatter(prog, max_help_position=32)


def _check_arguments(p: argparse.ArgumentParser) -> None:
    from summary_lint.render import FORMATS

    p.add_argument("paths", nargs="*", metavar="PATH", help="digest files, folders (recursive), or - for stdin")
    out = p.add_argument_group("output")
    out.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    out.add_argument("-o", "--output", metavar="FILE",
                     help="write the report to FILE instead of stdout (missing folders are created)")
    out.add_argument("--html", metavar="PATH", help="also write a self-contained HTML report for editors to PATH")
    out.add_argument("--statistics", action="store_true",
                     help="count findings per rule: in the text report, on stderr for the other formats")
    out.add_argument("--no-scores", action="store_true", help="text format: omit the per-paper score lines")
    out.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                     help="auto: on a terminal, unless NO_COLOR is set or TERM=dumb; FORCE_COLOR forces it")
    out.add_argument("--show-settings", action="store_true",
                     help="print the resolved settings (rules, severities, penalties, options) and exit 0")
    out.add_argument("--exit-zero", action="store_true", help="exit 0 even when the run fails (errors still exit 2)")
    rules = p.add_argument_group("rules and settings")
    rules.add_argument("--select", type=_csv, metavar="RULES",
                       help="only these rules (names or codes, comma-separated)")
    rules.add_argument("--extend-select", type=_csv, metavar="RULES", help="enable these rules in addition")
    rules.add_argument("--ignore", type=_csv, metavar="RULES", help="skip these rules")
    rules.add_argument("--preset", metavar="NAME", help="rule preset from rules/presets (default, relaxed)")
    rules.add_argument("--language", metavar="CODE", help="expected summary language (e.g. ko); default: inferred")
    rules.add_argument("--fail-under", type=int, metavar="N", help="the run fails when a paper scores below N")
    rules.add_argument("--config", metavar="FILE",
                       help="configuration file (default: found from the first input upward)")
    rules.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    rules.add_argument("--baseline", metavar="FILE", help="do not report the findings recorded in FILE")
    rules.add_argument("--write-baseline", metavar="FILE", help="record every current finding in FILE, then exit 0")
    rules.add_argument("--report-unused-suppressions", action="store_true",
                       help="report inline disable comments that suppress nothing (rule unused-suppression)")
    inputs = p.add_argument_group("inputs")
    inputs.add_argument("--input-format", choices=("auto", "markdown", "json"), default="auto")
    inputs.add_argument("--sources", action="append", metavar="FILE",
                        help="source abstracts (JSONL/JSON {arxiv_id,title,abstract} or HF daily_papers JSON); "
                             "repeatable")
    inputs.add_argument("--stdin-filename", metavar="NAME",
                        help="the name of the - input: shown in the report, used to find the config and "
                             "matched by --force-exclude")
    inputs.add_argument("--force-exclude", action="store_true",
                        help="apply the config's exclude also to files named on the command line (for pre-commit)")
    inputs.add_argument("--max-input-size", type=_positive, metavar="BYTES",
                        help="refuse an input larger than this (default 268435456, 256 MB; config: max-input-size)")
    inputs.add_argument("--skip-files-without-entries", action="store_true",
                        help="skip named files without paper entries (a README) instead of failing (for pre-commit)")
    inputs.add_argument("--keep-going", action="store_true",
                        help="report an input that cannot be read or decoded and go on with the others")
    inputs.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                        help="run per-paper rules in N processes, 1 to 4 per core (same output for any N; "
                             "default: every core for large inputs, 1 for small ones)")


def _docs_arguments(p: argparse.ArgumentParser, formats: tuple[str, ...] = ("text", "json")) -> None:
    p.add_argument("--preset", default="default", help="show the values of this preset (default: default)")
    p.add_argument("--format", choices=formats, default="text",
                   help="markdown: README's rule table" if "markdown" in formats else None)


def _eval_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", default=DEFAULT_CORPUS, help=f"folder of digests (default: {DEFAULT_CORPUS})")
    p.add_argument("--labels", action="append", metavar="FILE",
                   help="labels JSONL (repeatable; default: ../shared/labels/dev.jsonl and the project's "
                        "tests/data/labels/*.jsonl, those present)")
    p.add_argument("--no-labels", action="store_true", help="skip the label scores and the cross-validation")
    p.add_argument("--other-generators", metavar="DIR",
                   help=f"folder of other generators' corpora (default: {DEFAULT_OTHER_GENERATORS} if present)")
    p.add_argument("--no-other-generators", action="store_true", help="skip the other generators' corpora")
    p.add_argument("--cv", type=_folds, default=DEFAULT_FOLDS, metavar="K",
                   help=f"cross-validate over K folds of months (default: {DEFAULT_FOLDS}; 0: skip)")
    p.add_argument("--grid", metavar="FILE",
                   help="candidate option values, [rules.RULE] option = [v1, v2, ...] (default: rules/eval-grid.toml)")
    p.add_argument("--merge-test", action=argparse.BooleanOptionalAction, default=True,
                   help="lint every corpus also as one input and count the verdicts that change (default: on)")
    p.add_argument("--preset", metavar="NAME", help="rule preset (default: default)")
    p.add_argument("--select", type=_csv, metavar="RULES", help="only these rules (comma-separated)")
    p.add_argument("--ignore", type=_csv, metavar="RULES", help="skip these rules (comma-separated)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--sources", action="append", metavar="FILE",
                   help="source abstracts (as for linting; repeatable): enables the source checks and the "
                        "source swap test")


def build_parser() -> argparse.ArgumentParser:
    top = _Parser(
        prog="summary-lint", formatter_class=_formatter,
        usage="summary-lint [check] [OPTIONS] PATH ...\n       summary-lint {rules,rule,eval} [OPTIONS]",
        description="Check machine-generated paper summaries in daily digests.",
        epilog=f"'summary-lint PATH ...' is short for 'summary-lint check PATH ...';\n"
               f"'summary-lint check --help' lists the options for linting.\n\n{EXIT_CODES}")
    top.add_argument("--version", action="version", version=f"summary-lint {__version__}")
    sub = top.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    check = sub.add_parser("check", prog="summary-lint check", help="lint digests (the default command)",
                           formatter_class=_formatter,
                           usage="summary-lint [check] [OPTIONS] PATH ...",
                           description="Lint digest files, folders or stdin.", epilog=EXIT_CODES)
    _check_arguments(check)
    _docs_arguments(sub.add_parser("rules", prog="summary-lint rules", help="list every rule",
                                   description="List every rule."), ("text", "json", "markdown"))
    rule = sub.add_parser("rule", prog="summary-lint rule", help="show the documentation of one rule",
                          description="Show the documentation of one rule.")
    rule.add_argument("name", metavar="NAME", help="rule name or code, e.g. missing-votes or S002")
    _docs_arguments(rule)
    _eval_arguments(sub.add_parser("eval", prog="summary-lint eval",
                                   help="measure the detectors against labels and corpora",
                                   description="Measure the verdicts against hand labels, out of sample, "
                                               "on every corpus."))
    return top


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Parse ``argv``; without a command it is ``check`` (``summary-lint digest.md``)."""
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv = ["check", *argv]
    return build_parser().parse_args(argv)
