"""Lint inputs whose settings differ, file by file (ruff's closest configuration per file).

The files that share a configuration are linted together, as one run with that configuration's
settings, and the runs' reports are merged in input order. So a file's findings never depend on the
order of the inputs or on the settings of other files. Rules that compare papers with each other
(duplicate-paper, near-duplicate, leaked-content, and the inferred summary language) compare the
papers of one configuration's files: files under different configurations are separate projects.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping

from summary_lint import __version__
from summary_lint.checks.registry import all_rules
from summary_lint.engine.baseline import Baseline
from summary_lint.engine.config import Settings
from summary_lint.engine.reread import Rereader
from summary_lint.engine.run import lint_digests
from summary_lint.model import Digest, FileReport, Gate, RuleInfo, RunReport, Source, Summary, ToolInfo


def lint_per_settings(digests: list[Digest], files: list[FileReport], settings_of: dict[str, Settings],
                      sources: Mapping[str, Source] | None = None, baseline: Baseline | None = None,
                      jobs: int | None = 1, on_progress: Callable[[int, int], None] | None = None,
                      reread: Rereader | None = None, hand_over: bool = False) -> RunReport:
    """Lint each group of files that share settings (``settings_of``: input name → Settings) and
    merge the reports; one group is one plain run (``reread``, ``hand_over``: see ``lint_digests``,
    which empties ``digests`` too)."""
    groups: dict[int, tuple[Settings, list[Digest], list[FileReport]]] = {}  # in order of first file
    for f in files:
        settings = settings_of[f.path]
        groups.setdefault(id(settings), (settings, [], []))[2].append(f)
    for d in digests:
        groups[id(settings_of[d.file])][1].append(d)
    if hand_over:
        digests.clear()
    reports = [lint_digests(group_digests, group_files, settings, sources, baseline=baseline, jobs=jobs,
                            on_progress=on_progress, reread=reread, hand_over=hand_over)
               for settings, group_digests, group_files in groups.values()]
    return reports[0] if len(reports) == 1 else merge_reports(reports, files)


def merge_reports(reports: list[RunReport], files: list[FileReport]) -> RunReport:
    """One report of several runs over disjoint ``files``: files and papers in input order, totals
    added up, and each rule once in ``rules`` (as the first run that enables it configured it; every
    finding carries its own severity and penalty)."""
    position = {f.path: i for i, f in enumerate(files)}
    papers = sorted((p for r in reports for p in r.papers), key=lambda p: position[p.file])
    by_rule: Counter[str] = Counter()
    for r in reports:
        by_rule.update(r.summary.findings_by_rule)
    summary = Summary(
        files=len(files),
        skipped_files=sum(f.skipped for f in files),
        papers=len(papers),
        pass_=sum(r.summary.pass_ for r in reports),
        warn=sum(r.summary.warn for r in reports),
        fail=sum(r.summary.fail for r in reports),
        findings_by_rule=dict(sorted(by_rule.items())),
    )
    rules: dict[str, RuleInfo] = {}
    for r in reports:
        for info in r.rules:
            rules.setdefault(info.code, info)
    order = {rule.code: i for i, rule in enumerate(all_rules())}
    fail_unders = {r.gate.fail_under for r in reports}
    gate = Gate(failed=any(r.gate.failed for r in reports),
                fail_under=fail_unders.pop() if len(fail_unders) == 1 else None,
                reasons=[reason for r in reports for reason in r.gate.reasons])
    merged = RunReport(tool=ToolInfo(version=__version__), files=files, papers=papers, summary=summary,
                       rules=sorted(rules.values(), key=lambda info: order[info.code]), gate=gate)
    merged._inputs = reports[0]._inputs.joined(r._inputs for r in reports[1:])
    return merged
