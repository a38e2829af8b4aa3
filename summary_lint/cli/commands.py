"""``summary-lint rules``, ``summary-lint rule NAME`` and ``summary-lint eval``: the reference and the
measurements, printed from the data that ``checks.docs`` and ``evaluation`` return."""

from __future__ import annotations

import argparse
import difflib
import json
from pathlib import Path

from summary_lint.cli.args import DEFAULT_OTHER_GENERATORS
from summary_lint.cli.terminal import write_stdout
from summary_lint.errors import ConfigError


def run_rules(args: argparse.Namespace) -> int:
    """One line per rule (code, name, default severity, description), or JSON rows."""
    from summary_lint.checks.docs import rule_infos

    infos = rule_infos(args.preset)
    if args.format == "json":
        rows = [{"code": i.code, "name": i.name, "severity": i.severity, "penalty": i.penalty,
                 "enabled": i.enabled, "summary": i.summary} for i in infos]
        write_stdout(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return 0
    width = max((len(i.name) for i in infos), default=0)
    lines = []
    for i in infos:
        severity = i.severity if i.enabled else f"({i.severity})"
        lines.append(f"{i.code:5}  {i.name:{width}}  {severity:9}  {i.summary}\n")
    write_stdout("".join(lines))
    return 0


def run_rule(args: argparse.Namespace) -> int:
    """The documentation of one rule, by name or code."""
    from summary_lint.checks.docs import format_rule, rule_infos
    from summary_lint.checks.registry import all_rules, find_rule

    found = find_rule(args.name)
    if found is None:
        close = difflib.get_close_matches(args.name, [r.name for r in all_rules()], n=1)
        hint = f"; did you mean {close[0]!r}?" if close else " (see 'summary-lint rules')"
        raise ConfigError(f"unknown rule {args.name!r}{hint}")
    info = next(i for i in rule_infos(args.preset) if i.name == found.name)
    write_stdout(json.dumps(info.__dict__, indent=2, ensure_ascii=False) + "\n" if args.format == "json"
                 else format_rule(info))
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
