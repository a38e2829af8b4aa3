"""Run the enabled rules over parsed digests and build the RunReport (findings → scores)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, MutableMapping

from summary_lint import __version__
from summary_lint.checks.context import Context, count_tallies, sum_tallies
from summary_lint.checks.registry import Hit, Rule
from summary_lint.engine.baseline import Baseline
from summary_lint.engine.collector import fewer_collections
from summary_lint.engine.config import Settings
from summary_lint.engine.gate import fails_run, gate
from summary_lint.engine.parallel import Ahead
from summary_lint.engine.reread import Rereader, RunInputs
from summary_lint.engine.scoring import score, verdict
from summary_lint.engine.suppressions import apply_suppressions
from summary_lint.errors import EmptyInputError, InputError, NoEntriesError
from summary_lint.model import (
    Digest,
    FileReport,
    Finding,
    Paper,
    PaperReport,
    RuleInfo,
    RunReport,
    Source,
    Summary,
    ToolInfo,
    build,
)
from summary_lint.read.discover import DIGEST_PATTERNS, Input
from summary_lint.read.parse import InputFormat, parse_input


def read_inputs(
    inputs: Iterable[Input], input_format: InputFormat = "auto", keep_going: bool = False,
    on_skip: Callable[[FileReport], None] | None = None, skip_without_entries: bool = False,
    keep: Callable[[Digest], Digest] | None = None, parse: Callable[[Input], Digest] | None = None,
) -> tuple[list[Digest], list[FileReport]]:
    """Parse every input (with ``parse``, e.g. ``Rereader.parse_ahead``'s, else ``parse_input``),
    keeping of each digest what ``keep`` returns (e.g. ``Rereader.head``: the parsed papers are
    freed a file at a time). A named file without entries is an error (skipped,
    as inside a folder, with ``skip_without_entries``: a pre-commit hook is handed every markdown
    file); inside a folder it is skipped, but a folder where no file has entries is an error. With
    ``keep_going``, a file that cannot be read or decoded is recorded as skipped (and handed to
    ``on_skip``) instead of stopping the run."""
    digests: list[Digest] = []
    files: list[FileReport] = []
    folder_papers: dict[str, int] = {}
    for inp in inputs:
        empty = False
        try:
            digest = parse(inp) if parse else parse_input(inp, input_format)
        except (EmptyInputError, NoEntriesError) as exc:
            if inp.explicit and not skip_without_entries:
                raise
            digest, empty = None, isinstance(exc, EmptyInputError)
        except InputError as exc:
            if not keep_going:
                raise
            files.append(FileReport(path=inp.name, encoding=None, format=None, papers=0, skipped=True, reason=str(exc)))
            if on_skip:
                on_skip(files[-1])
            continue
        if inp.folder is not None:
            folder_papers[inp.folder] = folder_papers.get(inp.folder, 0) + (len(digest.papers) if digest else 0)
        if digest is None or not digest.papers:
            if inp.explicit and not skip_without_entries:
                raise InputError(f"{inp.name}: no paper entries found (expected '### [Title](arXiv link)' entries)")
            files.append(FileReport(path=inp.name, encoding=digest.encoding if digest else None,
                                    format=digest.format if digest else None, papers=0, skipped=True,
                                    reason="empty file" if empty else "no paper entries"))
            continue
        digests.append(keep(digest) if keep else digest)
        files.append(FileReport(path=inp.name, encoding=digest.encoding, format=digest.format,
                                papers=len(digest.papers)))
    for folder, count in folder_papers.items():
        if not count:
            raise InputError(f"{folder}: directory contains no digests (no paper entries in any {DIGEST_PATTERNS} file)")
    return digests, files


def to_finding(rule: Rule, hit: Hit, paper: Paper, settings: Settings) -> Finding:
    conf = settings.options(rule.name)  # every declared key is there (engine.config.resolve)
    severity = hit.severity or conf["severity"]
    penalty = hit.penalty if hit.penalty is not None else conf["penalty"]
    return build(
        Finding,
        code=rule.code,
        rule=rule.name,
        severity=severity,
        message=hit.message,
        file=hit.file or paper.file,
        line=hit.line,
        column=hit.column,
        section=hit.section,
        evidence=hit.evidence,
        penalty=0 if severity == "info" else penalty,
        related=hit.related,
        marks=[m.mark() for m in hit.marks],  # found where the hit was found (Hit.marked)
    )


def collect_hits(ctx: Context, jobs: int | None = 1, on_progress: Callable[[int, int], None] | None = None,
                 ahead: MutableMapping[str, Ahead] | None = None) -> list[list[tuple[Rule, Hit]]]:
    """Run per-paper rules (in ``jobs`` processes, which also prepare the corpus rules' per-paper
    halves; ``ahead``: the files checked where they were read, ``Rereader.ahead``), then the corpus
    rules' joins (side by side); return the hits of each paper, in input order (the same for any
    number of jobs)."""
    from summary_lint.engine.parallel import corpus_hits, paper_hits, place_checked

    per_paper = paper_hits(ctx, jobs, on_progress, ahead)
    rules = [r for r in ctx.settings.enabled if r.scope == "corpus"]
    joined = corpus_hits(ctx, rules, jobs)
    hits = place_checked(ctx, per_paper)  # after the joins, which run beside them pickled
    for rule, found in zip(rules, joined):
        for i, hit in found:
            hits[i].append((rule, hit))
    return hits


def _deferred_to_sources(settings: Settings) -> tuple[set[str], set[str]]:
    """(source rules with ``supersedes``, the rules they take over, e.g. title-mismatch)."""
    deciding = {r.name for r in settings.enabled if settings.options(r.name).get("supersedes")}
    return deciding, {name for rule in deciding for name in settings.options(rule)["supersedes"]}


def _source_decides(findings: list[Finding], deciding: set[str]) -> bool:
    """A source rule decides unless it has doubts (a warning): then the title-based findings count too."""
    return not any(f.rule in deciding and f.severity == "warning" for f in findings)


def _defer(finding: Finding) -> Finding:
    """Keep a superseded finding visible as evidence, without penalty: the source check decides."""
    return finding.model_copy(update={"severity": "info", "penalty": 0,
                                      "message": f"{finding.message} (scored by the source check)"})


def lint_digests(digests: list[Digest], files: list[FileReport], settings: Settings,
                 sources: Mapping[str, Source] | None = None,
                 baseline: Baseline | None = None, jobs: int | None = 1,
                 on_progress: Callable[[int, int], None] | None = None,
                 reread: Rereader | None = None, hand_over: bool = False) -> RunReport:
    """Lint the papers of ``digests`` (whole, or their heads: ``Rereader.head``); ``on_progress(done,
    total)`` hears of papers checked so far. With ``reread``, the rules check the files parsed again
    instead of this process's parsed papers (see ``engine.parallel``), and so do the report's
    renderers (``RunReport.with_papers``).
    With ``hand_over`` the caller gives ``digests`` up: each leaves the list (None in its place) once
    its papers' reports are built, so the parsed input is freed a file at a time as the reports grow."""
    inputs = RunInputs(digests, reread, sources)
    with fewer_collections():
        papers = [p for d in digests for p in d.papers]
        tallies: dict[str, dict[str, Counter]] = {}
        for d in digests:  # a file named twice: its digests' tallies summed
            counted = (reread.tallies[d.file] if reread and d.file in reread.tallies  # else kept whole: counted now
                       else count_tallies(d.papers, settings))
            tallies[d.file] = sum_tallies([tallies[d.file], counted]) if d.file in tallies else counted
        ctx = Context(settings=settings, digests=digests, papers=papers, sources=sources or {},
                      reread=inputs.digest if reread else None, tallies=tallies)
        report = _lint(ctx, files, baseline, jobs, on_progress, hand_over, reread.ahead if reread else None)
    report._inputs = inputs
    return report


def _paper_report(ctx: Context, paper: Paper, paper_hits: list[tuple[Rule, Hit]], baseline: Baseline | None,
                  deciding: set[str], deferred: set[str]) -> PaperReport:
    """One paper's findings, score and verdict, from its rules' hits (``deciding``, ``deferred``:
    ``_deferred_to_sources``)."""
    settings = ctx.settings
    findings = sorted((to_finding(rule, hit, paper, settings) for rule, hit in paper_hits if hit.message),
                      key=lambda f: (f.line, f.column, f.code, f.message))
    marks = [mark.mark() for _, hit in paper_hits if not hit.message for mark in hit.marks]
    if deferred and ctx.has_source(paper) and _source_decides(findings, deciding):
        findings = [_defer(f) if f.rule in deferred else f for f in findings]
    if baseline:
        findings = [f for f in findings if not baseline.absorbs(f, paper)]
    value = score(findings)
    outcome = verdict(value, settings)
    return build(PaperReport, file=paper.file, line=paper.line, title=paper.title, arxiv_id=paper.arxiv_id,
                 score=value, verdict=outcome, findings=findings, marks=marks,
                 fails_run=fails_run(outcome, value, settings.config.fail_under))


def _lint(ctx: Context, files: list[FileReport], baseline: Baseline | None, jobs: int | None,
          on_progress: Callable[[int, int], None] | None, hand_over: bool,
          ahead: MutableMapping[str, Ahead] | None) -> RunReport:
    settings, papers = ctx.settings, ctx.papers
    deciding, deferred = _deferred_to_sources(settings) if ctx.sources else (set(), set())
    hits = apply_suppressions(ctx, collect_hits(ctx, jobs, on_progress, ahead))
    reports: list[PaperReport] = []
    by_rule: Counter[str] = Counter()
    for k, digest in enumerate(ctx.digests):
        for i in range(len(reports), len(reports) + len(digest.papers)):
            reports.append(_paper_report(ctx, papers[i], hits[i], baseline, deciding, deferred))
            by_rule.update(f.rule for f in reports[-1].findings)
            hits[i] = None  # used: freed
            if hand_over:
                papers[i] = None
        if hand_over:
            ctx.digests[k] = None
    counts = Counter(r.verdict for r in reports)
    summary = Summary(
        files=len(files),
        skipped_files=sum(f.skipped for f in files),
        papers=len(reports),
        pass_=counts["pass"],
        warn=counts["warn"],
        fail=counts["fail"],
        findings_by_rule=dict(sorted(by_rule.items())),
    )
    return RunReport(tool=ToolInfo(version=__version__), files=files, papers=reports, summary=summary,
                     rules=rule_table(settings), gate=gate(reports, settings.fail_below, settings.config.fail_under))


def rule_table(settings: Settings) -> list[RuleInfo]:
    """The enabled rules as this run configured them, for renderers."""
    table = []
    for rule in settings.enabled:
        conf = settings.options(rule.name)
        table.append(RuleInfo(code=rule.code, name=rule.name, scope=rule.scope, severity=conf["severity"],
                              penalty=0 if conf["severity"] == "info" else conf["penalty"],
                              summary=rule.summary, doc=rule.doc))
    return table
