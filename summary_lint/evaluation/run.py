"""summary-lint eval: measure the verdicts against hand labels, out of sample, on every corpus.

Why: thresholds must be chosen from data and checked on every change. This command prints, for
"defective" = (``on_topic`` is "no" or ``generic`` is "yes") against verdict ``fail``, over several
label files: precision, recall, F1 and the false-fail rate on clean papers, overall, per label file,
per batch and per rule (in sample, with the preset's thresholds); the same figures cross-validated
by month (thresholds chosen from a grid on some months, measured on the others: see
``evaluate_cv``); the fail rate per month of the main corpus; the fail rate of other generators'
corpora, without and with their abstracts, per digest size; the merge test (verdicts that change
when all days are linted as one input); and a swap test that needs no labels: every summary is
given the title of another paper of its digest (titles are rotated by one inside each digest) and
the swapped papers that fail are counted, beside the fail rate of the true pairs.

Other perturbation tests plug in as one function ``Digest → Digest`` passed to ``perturbation_test``.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from summary_lint.engine.config import Config, Settings, resolve
from summary_lint.errors import InputError
from summary_lint.evaluation.corpora import (
    Corpus,
    fail_rate,
    fail_rates,
    lint,
    merge_test,
    other_generators,
    read_corpus,
)
from summary_lint.evaluation.cv import MAX_FALSE_FAIL, GridPoint, labelled_digests, run_cv
from summary_lint.evaluation.labels import UNIFORM_BATCHES, label_scores, load_labels, month_of
from summary_lint.model import Digest, PaperReport


def fail_rate_by_month(reports: list[PaperReport]) -> dict[str, dict[str, float | int]]:
    papers: Counter[str] = Counter()
    fails: Counter[str] = Counter()
    for rep in reports:
        month = month_of(rep.file)
        papers[month] += 1
        fails[month] += rep.verdict == "fail"
    return {m: {"papers": papers[m], "fail": fails[m], "rate": round(fails[m] / papers[m], 4)} for m in sorted(papers)}


def rotate_titles(digest: Digest) -> Digest:
    """Each paper gets the title (and id/link) of the next paper of its digest; the summaries stay."""
    papers = digest.papers
    if len(papers) < 2:
        return digest.model_copy(update={"papers": []})
    heads = [{"title": p.title, "arxiv_id": p.arxiv_id, "url": p.url} for p in papers]
    swapped = [p.model_copy(update=heads[(k + 1) % len(papers)]) for k, p in enumerate(papers)]
    return digest.model_copy(update={"papers": swapped})


def perturbation_test(digests: list[Digest], perturb: Callable[[Digest], Digest], settings,
                      sources: dict | None = None) -> dict:
    """Perturb every digest, lint the result, and count the perturbed papers that fail."""
    perturbed = [d for d in map(perturb, digests) if d.papers]
    return fail_rate(lint(perturbed, settings, sources))


PERTURBATIONS: dict[str, Callable[[Digest], Digest]] = {"title swap": rotate_titles}


def rotate_sources(digests: list[Digest], sources: dict) -> tuple[dict, set[tuple[str, str]]]:
    """Each paper with a source gets the source of the next such paper of its digest (titles stay).

    Returns the swapped sources by arXiv id and the (file, arXiv id) keys of the swapped papers.
    """
    from summary_lint.read.sources import has_source_for, normalize_id

    swapped: dict = {}
    keys: set[tuple[str, str]] = set()
    for digest in digests:
        papers = [p for p in digest.papers if has_source_for(p.arxiv_id, sources)]
        ids = list(dict.fromkeys(normalize_id(p.arxiv_id) for p in papers))
        if len(ids) < 2:
            continue
        for k, key in enumerate(ids):
            swapped[key] = sources[ids[(k + 1) % len(ids)]]
        keys.update((digest.file, p.arxiv_id) for p in papers)
    return swapped, keys


def source_swap_test(digests: list[Digest], sources: dict, settings) -> dict:
    """Attribute every summary to another paper's source of its digest; count the swapped papers that fail."""
    swapped, keys = rotate_sources(digests, sources)
    return fail_rate([r for r in lint(digests, settings, swapped) if (r.file, r.arxiv_id) in keys])


def perturbation_tests(digests: list[Digest], settings: Settings, sources: dict | None = None) -> dict:
    """The swap tests: titles always, sources when given."""
    tests = {name: perturbation_test(digests, fn, settings, sources) for name, fn in PERTURBATIONS.items()}
    if sources:
        tests["source swap"] = source_swap_test(digests, sources, settings)
    return tests


def evaluate(corpus: str, settings: Settings, sources: dict | None = None, *, label_files: list[str] = (),
             others: str | None = None, grid: list[tuple[GridPoint, Settings]] = (), folds: int = 0,
             merge: bool = False) -> dict:
    """Every measure of the module docstring; ``sources`` (the main corpus's abstracts) also makes
    the label scores and the cross-validation use each other generator's own abstracts."""
    clock = _Clock()
    main_corpus = Corpus(Path(corpus).name, read_corpus(corpus, settings), sources)
    reports = lint(main_corpus.digests, settings, sources)
    result: dict = {"corpus": {"path": corpus, "digests": len(main_corpus.digests), "papers": len(reports)},
                    "true_pairs": fail_rate(reports), "months": fail_rate_by_month(reports),
                    "perturbations": perturbation_tests(main_corpus.digests, settings, sources)}
    clock.lap("main corpus")

    corpora = other_generators(others) if others else []
    runs = {c.name: {"without_sources": lint(c.digests, settings),
                     **({"with_sources": lint(c.digests, settings, c.abstracts)} if c.abstracts else {})}
            for c in corpora}
    result["other_generators"] = {c.name: {run: fail_rates(c.digests, reps) for run, reps in runs[c.name].items()}
                                  for c in corpora}
    clock.lap("other generators")

    if label_files:
        from summary_lint.checks.registry import all_rules

        labels = [lab for path in label_files for lab in load_labels(path)]
        roots = [corpus, *([others] if others else [])]
        labelled_run = "with_sources" if sources else "without_sources"
        other_reports = [r for c in corpora for r in runs[c.name].get(labelled_run, runs[c.name]["without_sources"])]
        result["labels"] = label_scores(reports + other_reports, labels, roots, [r.name for r in all_rules()])
        clock.lap("labels")
        if folds:
            groups = [(labelled_digests(c.digests, labels, roots), c.abstracts if sources else None)
                      for c in (main_corpus, *corpora)]
            result["cross_validation"] = run_cv(labels, roots, [g for g in groups if g[0]], list(grid), folds)
            clock.lap("cross-validation")

    if merge:
        result["merge"] = {main_corpus.name: merge_test(main_corpus.digests, reports, settings, sources)}
        for c in corpora:  # as its labels were scored: with its own abstracts under --sources
            own = c.abstracts if sources else None
            run = runs[c.name]["with_sources" if own else "without_sources"]
            result["merge"][c.name] = merge_test(c.digests, run, settings, own)
        clock.lap("merge test")
    result["seconds"] = clock.report()
    return result


class _Clock:
    """Seconds spent per section of the evaluation, and in total."""

    def __init__(self) -> None:
        self.start = self.last = time.perf_counter()
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self.last, 1)
        self.last = now

    def report(self) -> dict[str, float]:
        return {**self.laps, "total": round(time.perf_counter() - self.start, 1)}


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _line(name: str, c: dict, false: str = "false fails") -> str:
    return (f"{name:36} P {c['precision']:.3f}  R {c['recall']:.3f}  F1 {c['f1']:.3f}  "
            f"{false} {c['fp']}/{c['clean']} ({_pct(c['false_fail_rate'])})  tp {c['tp']} fn {c['fn']}")


def _rate(r: dict) -> str:
    return f"{r['fail']}/{r['papers']} fail ({_pct(r['rate'])})"


def _format_labels(lab: dict) -> list[str]:
    out = [f"{lab['matched']} of {lab['labelled']} labelled papers found ({lab['unmatched']} unmatched)",
           _line("verdict fail", lab["overall"]),
           _line("uniform " + "+".join(UNIFORM_BATCHES), lab["uniform_batches"]),
           "per label file:"]
    out += [_line(f"  {name}", c) for name, c in lab["files"].items()]
    out.append("per batch:")
    out += [_line(f"  batch {batch}", c) for batch, c in lab["batches"].items()]
    out.append("per rule (rule fired vs defective):")
    out += [_line(f"  {name}", c, "fired on clean") for name, c in lab["rules"].items()]
    return out


def _format_cv(cv: dict) -> list[str]:
    columns = {"in-sample (preset)": cv["in_sample_preset"], "in-sample (best of grid)": cv["in_sample_best"],
               "cross-validated (out of sample)": cv["cross_validated"]}
    out = [(f"{cv['labelled']} labelled papers, {cv['k']} folds of months, {cv['grid_points']} grid points; "
            f"chosen on the other folds: best F1 with false fails <= {_pct(MAX_FALSE_FAIL)}"),
           f"{'':16}" + "".join(f"{name:>34}" for name in columns)]
    rows = {"precision": lambda c: f"{c['precision']:.3f}", "recall": lambda c: f"{c['recall']:.3f}",
            "F1": lambda c: f"{c['f1']:.3f}",
            "false fails": lambda c: f"{c['fp']}/{c['clean']} ({_pct(c['false_fail_rate'])})",
            "tp / fn": lambda c: f"{c['tp']} / {c['fn']}"}
    out += [f"{row:16}" + "".join(f"{cell(c):>34}" for c in columns.values()) for row, cell in rows.items()]
    out.append(f"best of grid on all months: {cv['in_sample_best']['chosen']}")
    for fold in cv["folds"]:
        out.append(f"fold {fold['fold']} (months {' '.join(fold['months'])}): chosen on the other "
                   f"{fold['train']} papers: {fold['chosen']}")
        out.append(_line(f"  its {fold['test']} held-out papers", fold["test_scores"]))
    return out


def _format_fail_rates(r: dict) -> list[str]:
    sizes = ", ".join(f"{size}: {s['fail']}/{s['papers']} ({_pct(s['rate'])}, {s['digests']} digests)"
                      for size, s in r["sizes"].items())
    rules = ", ".join(f"{name} {n}" for name, n in r["failing_rules"].items()) or "-"
    return [f"{_rate(r)}; by digest size: {sizes}", f"    rules of the failing papers: {rules}"]


def _format_merge(name: str, m: dict) -> list[str]:
    directions = ", ".join(f"{way} {n}" for way, n in m["directions"].items())
    towards = f", {m['stricter']} towards fail and {m['changed'] - m['stricter']} towards pass" if m["changed"] else ""
    out = [f"{name}: {m['changed']} of {m['papers']} papers change verdict{towards}"
           + (f" ({directions})" if directions else "")
           + (f" ({m['unpaired']} papers found on one side only)" if m["unpaired"] else "")]
    for ex in m["examples"]:
        out.append(f"  {ex['title'][:60]} ({ex['arxiv_id']}): {ex['before']} -> {ex['after']}  "
                   f"[{_costs(ex['penalties_before'])}] -> [{_costs(ex['penalties_after'])}]")
    return out


def _costs(penalties: dict[str, int]) -> str:
    return ", ".join(f"{rule} -{points}" for rule, points in penalties.items()) or "-"


def format_text(result: dict) -> str:
    corpus = result["corpus"]
    out = []
    if "labels" in result:
        out += ["== labels: in-sample, preset thresholds ==", *_format_labels(result["labels"]), ""]
    if "cross_validation" in result:
        out += ["== cross-validation by month ==", *_format_cv(result["cross_validation"]), ""]
    out.append(f"== main corpus: {corpus['path']} ({corpus['digests']} digests, {corpus['papers']} papers) ==")
    out.append("fail rate per month (true pairs):")
    out += [f"  {month}  {m['fail']:4d}/{m['papers']:<5d} {_pct(m['rate'])}" for month, m in result["months"].items()]
    out.append(f"true pairs:    {_rate(result['true_pairs'])}")
    out += [f"{name + ':':14} {_rate(test)}" for name, test in result["perturbations"].items()]
    if result["other_generators"]:
        out += ["", "== other generators: fail rate =="]
        for name, runs in result["other_generators"].items():
            out.append(f"{name} ({runs['without_sources']['digests']} digests)")
            for run, rates in runs.items():
                first, *rest = _format_fail_rates(rates)
                out += [f"  {run.replace('_', ' ')}: {first}", *rest]
    if "merge" in result:
        out += ["", "== merge test: one input per day vs all days in one input =="]
        for name, m in result["merge"].items():
            out += _format_merge(name, m)
    out += ["", "time: " + ", ".join(f"{name} {s:.1f} s" for name, s in result["seconds"].items())]
    return "\n".join(out) + "\n"


def evaluate_paths(corpus: str, config: Config, *, label_files: list[str], others: str | None, folds: int,
                   grid_file: str | None, sources: list[str] | None, merge: bool) -> dict:
    """``evaluate`` from what a user names: folders (checked), label files, a grid file, sources files."""
    from summary_lint.evaluation.cv import grid_points, load_grid
    from summary_lint.read.sources import load_sources

    if not Path(corpus).is_dir():
        raise InputError(f"{corpus}: corpus folder not found (use --corpus)")
    if others is not None and not Path(others).is_dir():
        raise InputError(f"{others}: folder not found (use --other-generators)")
    folds = folds if label_files else 0
    grid = grid_points(load_grid(grid_file), config) if folds else []
    return evaluate(corpus, resolve(config), load_sources(sources) if sources else None,
                    label_files=label_files, others=others, grid=grid, folds=folds, merge=merge)
