"""``summary-lint rules``, ``summary-lint rule NAME`` and ``summary-lint eval``: the reference and the
measurements, printed from the data that ``checks.docs`` and ``evaluation`` return."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from summary_lint.cli.args import DEFAULT_OTHER_GENERATORS
from summary_lint.cli.terminal import write_stdout


def run_rules(args: argparse.Namespace) -> int:
    """One line per rule (code, name, default severity, description), JSON rows, or README's table."""
    from summary_lint.checks.docs import rules_json, rules_listing, rules_table_markdown

    render = {"text": rules_listing, "json": rules_json, "markdown": lambda _preset: rules_table_markdown()}
    write_stdout(render[args.format](args.preset))
    return 0


def run_rule(args: argparse.Namespace) -> int:
    """The documentation of one rule, by name or code."""
    from summary_lint.checks.docs import rule_doc, rule_json

    write_stdout((rule_json if args.format == "json" else rule_doc)(args.name, args.preset))
    return 0


def run_eval(args: argparse.Namespace) -> int:
    """Lint the corpora, score against the labels, and print the figures (text or JSON)."""
    from summary_lint.engine.config import Config, parse_config
    from summary_lint.evaluation.labels import default_label_files
    from summary_lint.evaluation.run import evaluate_paths, format_text

    default_others = DEFAULT_OTHER_GENERATORS if Path(DEFAULT_OTHER_GENERATORS).is_dir() else None
    others = None if args.no_other_generators else args.other_generators or default_others
    label_files = [] if args.no_labels else args.labels or default_label_files()
    data = {key.replace("_", "-"): getattr(args, key) for key in ("preset", "select", "ignore") if getattr(args, key)}
    config = parse_config(data, "command line") if data else Config()
    result = evaluate_paths(args.corpus, config, label_files=label_files, others=others, folds=args.cv,
                            grid_file=args.grid, sources=args.sources, merge=args.merge_test)
    write_stdout(json.dumps(result, indent=2) + "\n" if args.json else format_text(result))
    return 0
