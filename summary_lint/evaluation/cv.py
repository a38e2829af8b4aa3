"""Cross-validation by month for ``summary-lint eval``: thresholds chosen on some months, measured on others.

The labelled papers are grouped by the month of their digest; the sorted months are dealt
round-robin into K folds. A grid of option values (``[rules.RULE] option = [v1, v2, …]``; per rule,
every combination of its options, the other rules as the preset) is linted once per point over the
digests that hold labelled papers, running again only what the point changes (``GridRuns``). For
each fold, the point with the best F1 on the other folds' papers whose false-fail rate stays within
``MAX_FALSE_FAIL`` is chosen (ties: the preset) and its verdicts on the fold's papers are kept; the
pooled out-of-fold verdicts are the honest figures.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from summary_lint.checks.registry import Rule, find_rule
from summary_lint.engine.config import Config, Settings, resolve
from summary_lint.errors import ConfigError, InputError
from summary_lint.evaluation.corpora import lint
from summary_lint.evaluation.labels import Label, PaperKey, confusion, index_reports, label_key, month_of, paper_key
from summary_lint.model import Digest, Paper
from summary_lint.packs import load_pack, read_toml

MAX_FALSE_FAIL = 0.006
"""The largest false-fail rate (on the training months' clean papers) a chosen grid point may have."""

Grid = dict[str, dict[str, list[Any]]]
LintGroup = tuple[list[Digest], dict | None]
"""Digests linted together, with their sources (None: without)."""


@dataclass(frozen=True)
class GridPoint:
    """Option values for one rule on top of the preset (no rule: the preset as is)."""

    rule: str | None = None
    options: tuple[tuple[str, Any], ...] = ()

    @property
    def name(self) -> str:
        if self.rule is None:
            return "preset"
        return f"{self.rule} " + " ".join(f"{key}={value}" for key, value in self.options)

    def config(self, base: Config) -> Config:
        if self.rule is None:
            return base
        rules = {**base.rules, self.rule: {**base.rules.get(self.rule, {}), **dict(self.options)}}
        return base.model_copy(update={"rules": rules})


PRESET = GridPoint()


def load_grid(path: str | None = None) -> Grid:
    """The grid file's ``rules`` tables (default: the built-in pack ``eval-grid``); every option
    must list its candidate values."""
    if path is not None and not Path(path).is_file():
        raise InputError(f"{path}: grid file not found (use --grid)")
    data = load_pack("eval-grid") if path is None else read_toml(Path(path))
    grid = data.get("rules", {})
    for rule, options in grid.items():
        if not isinstance(options, dict) or not all(isinstance(v, list) and v for v in options.values()):
            raise ConfigError(f"{path or 'eval-grid'}: [rules.{rule}]: each option must list its candidate values")
    return grid


def grid_points(grid: Grid, base: Config) -> list[tuple[GridPoint, Settings]]:
    """The preset first, then per rule each combination of its options that differs from the preset,
    each with its resolved settings (an unknown rule or option is a ConfigError)."""
    preset = resolve(base)
    points = [(PRESET, preset)]
    for rule, options in grid.items():
        for values in itertools.product(*options.values()):
            point = GridPoint(getattr(find_rule(rule), "name", rule), tuple(zip(options, values)))
            if any(preset.options(point.rule).get(key) != value for key, value in point.options):
                points.append((point, resolve(point.config(base), f"eval grid ({point.name})")))
    return points


def assign_folds(months: Iterable[str], k: int) -> dict[str, int]:
    """Sorted distinct months dealt round-robin into ``k`` folds: the i-th month goes to fold i mod k."""
    return {month: i % k for i, month in enumerate(sorted(set(months)))}


def labelled_digests(digests: list[Digest], labels: list[Label], roots: list[str]) -> list[Digest]:
    """The digests that hold at least one labelled paper."""
    paths = {key[0] for lab in labels if (key := label_key(lab, roots))}
    return [d for d in digests if os.path.realpath(d.file) in paths]


class GridRuns:
    """Settings for the grid points' runs over one group of digests, where only the labelled papers'
    verdicts are wanted.

    Per-paper rules run on the wanted papers only (corpus rules on all: they compare papers). The
    preset's run, first, records every rule's hits; a grid point changes one rule's options, so
    only that rule runs again and the others replay their hits, while the engine scores,
    suppresses and defers findings as in any run. Rules run in this process (``lint``: ``jobs=1``)."""

    def __init__(self, wanted: Iterable[Paper]) -> None:
        self.wanted = {id(p) for p in wanted}
        self.hits: dict[tuple[str, int], list] = {}

    @staticmethod
    def _key(rule: Rule, target) -> tuple[str, int]:
        """A paper rule's hits are per paper; a corpus rule runs once per run (on a new list of papers)."""
        return rule.name, 0 if rule.scope == "corpus" else id(target)

    def _run(self, rule: Rule, record: bool) -> Rule:
        def check(target, ctx):
            if rule.scope == "paper" and id(target) not in self.wanted:
                return []
            found = list(rule.check(target, ctx))
            if record:
                self.hits[self._key(rule, target)] = found
            return found
        return replace(rule, check=check)

    def _replay(self, rule: Rule) -> Rule:
        return replace(rule, check=lambda target, ctx: self.hits.get(self._key(rule, target), []))

    def settings(self, point: GridPoint, settings: Settings) -> Settings:
        """The grid point's settings, with rules that run (and record, for the preset) or replay."""
        enabled = [self._run(r, record=point.rule is None) if point.rule in (None, r.name) else self._replay(r)
                   for r in settings.enabled]
        return replace(settings, enabled=enabled)


def fails_per_point(points: list[tuple[GridPoint, Settings]], groups: list[LintGroup],
                    keys: set[PaperKey]) -> list[dict[PaperKey, bool]]:
    """For each grid point (the preset first), whether each paper of ``keys`` fails (each group of
    digests linted on its own)."""
    table: list[dict[PaperKey, bool]] = [{} for _ in points]
    for digests, sources in groups:
        runs = GridRuns(p for d in digests for p in d.papers if paper_key(d.file, p.arxiv_id) in keys)
        for row, (point, settings) in zip(table, points):
            reports = index_reports(lint(digests, runs.settings(point, settings), sources))
            row.update((key, reports[key].verdict == "fail") for key in keys & reports.keys())
    return table


def choose(fails: Sequence[Sequence[bool]], actual: list[bool], papers: Iterable[int]) -> int:
    """The grid point (index into ``fails``) with the best F1 on ``papers`` among those within
    ``MAX_FALSE_FAIL``; ties and no such point: the preset (index 0)."""
    papers = list(papers)
    best, best_f1 = 0, -1.0
    for point, row in enumerate(fails):
        scores = confusion([row[i] for i in papers], [actual[i] for i in papers])
        if scores["false_fail_rate"] <= MAX_FALSE_FAIL and scores["f1"] > best_f1:
            best, best_f1 = point, scores["f1"]
    return best


def cross_validate(labels: list[Label], fails: Sequence[Sequence[bool]], names: list[str], k: int) -> dict:
    """Out-of-fold figures: ``fails[p][i]`` is grid point p's verdict on ``labels[i]``, ``names[p]`` its name."""
    actual = [lab.defective for lab in labels]
    months = [month_of(lab.file) for lab in labels]
    fold_of = assign_folds(months, k)
    out_of_fold = [False] * len(labels)
    folds = []
    for fold in sorted(set(fold_of.values())):
        test = [i for i, m in enumerate(months) if fold_of[m] == fold]
        chosen = choose(fails, actual, (i for i, m in enumerate(months) if fold_of[m] != fold))
        for i in test:
            out_of_fold[i] = fails[chosen][i]
        folds.append({"fold": fold + 1, "months": sorted(m for m, f in fold_of.items() if f == fold),
                      "train": len(labels) - len(test), "test": len(test), "chosen": names[chosen],
                      "test_scores": confusion([fails[chosen][i] for i in test], [actual[i] for i in test])})
    best = choose(fails, actual, range(len(labels)))
    return {
        "folds": folds,
        "in_sample_preset": confusion(list(fails[0]), actual),
        "in_sample_best": {"chosen": names[best], **confusion(list(fails[best]), actual)},
        "cross_validated": confusion(out_of_fold, actual),
    }


def run_cv(labels: list[Label], roots: list[str], groups: list[LintGroup],
           points: list[tuple[GridPoint, Settings]], k: int) -> dict:
    """Lint the groups once per grid point and cross-validate the choice over ``k`` month folds."""
    keyed = [(lab, key) for lab in labels if (key := label_key(lab, roots))]
    per_point = fails_per_point(points, groups, {key for _, key in keyed})
    matched = [(lab, key) for lab, key in keyed if key in per_point[0]]
    fails = [[row[key] for _, key in matched] for row in per_point]
    result = cross_validate([lab for lab, _ in matched], fails, [p.name for p, _ in points], k)
    return {"k": k, "grid_points": len(points), "labelled": len(matched), **result}
