"""Corpora for ``summary-lint eval``: reading and linting them, fail rates, and the merge test.

Other generators' corpora are folders holding ``digests/*.jsonl`` (one file per day) and
``abstracts.jsonl`` (what the summaries were written from). The merge test lints every day of a
corpus concatenated into one input: a verdict should not depend on which papers share the input.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from summary_lint.engine.config import Settings
from summary_lint.engine.run import lint_digests, read_inputs
from summary_lint.model import Digest, PaperReport, Source, Verdict
from summary_lint.read.discover import discover
from summary_lint.read.sources import load_sources

SIZE_BUCKETS = (20, 100, 300)
"""Upper bounds of the digest size buckets (papers per digest); the last bucket is everything above."""
MERGE_EXAMPLES = 10


@dataclass
class Corpus:
    """Parsed digests of one generator and, when known, the abstracts they were written from."""

    name: str
    digests: list[Digest]
    abstracts: Mapping[str, Source] | None = None


def read_corpus(corpus: str, settings: Settings) -> list[Digest]:
    """Every digest under a folder (as ``summary-lint DIR`` finds them)."""
    digests, _ = read_inputs(discover([corpus], settings.config.exclude))
    return digests


def read_files(files: list[str]) -> list[Digest]:
    """The digests of files named explicitly (each must hold papers)."""
    digests, _ = read_inputs(discover(files))
    return digests


def lint(digests: list[Digest], settings: Settings, sources: dict | None = None) -> list[PaperReport]:
    """Paper reports of one run over ``digests``, in one process."""
    return lint_digests(digests, [], settings, sources, jobs=1).papers


def other_generators(folder: str) -> list[Corpus]:
    """One corpus per subfolder with ``digests/*.jsonl``, with its ``abstracts.jsonl`` when present."""
    corpora = []
    for sub in sorted(p for p in Path(folder).iterdir() if (p / "digests").is_dir()):
        files = sorted(str(f) for f in (sub / "digests").glob("*.jsonl"))
        abstracts = sub / "abstracts.jsonl"
        if files:
            corpora.append(Corpus(sub.name, read_files(files),
                                  load_sources([abstracts]) if abstracts.is_file() else None))
    return corpora


def fail_rate(reports: list[PaperReport]) -> dict[str, float | int]:
    fails = sum(r.verdict == "fail" for r in reports)
    return {"papers": len(reports), "fail": fails, "rate": round(fails / len(reports), 4) if reports else 0.0}


def penalties(report: PaperReport) -> dict[str, int]:
    """The points each rule cost the paper (rules that cost none left out)."""
    cost: Counter[str] = Counter()
    for f in report.findings:
        cost[f.rule] += f.penalty
    return {rule: cost[rule] for rule in sorted(cost) if cost[rule] > 0}


def size_bucket(papers: int) -> str:
    for bound in SIZE_BUCKETS:
        if papers <= bound:
            return f"<= {bound}"
    return f"> {SIZE_BUCKETS[-1]}"


def fail_rates(digests: list[Digest], reports: list[PaperReport]) -> dict:
    """Fail rate overall and per digest size bucket, and how many failing papers each rule penalized."""
    size = {d.file: len(d.papers) for d in digests}
    buckets: dict[str, list[PaperReport]] = {size_bucket(b): [] for b in (*SIZE_BUCKETS, SIZE_BUCKETS[-1] + 1)}
    for rep in reports:
        buckets[size_bucket(size[rep.file])].append(rep)
    digest_counts = Counter(size_bucket(n) for n in size.values())
    failing_rules = Counter(name for r in reports if r.verdict == "fail" for name in penalties(r))
    return {
        "digests": len(digests),
        **fail_rate(reports),
        "sizes": {b: {"digests": digest_counts[b], **fail_rate(reps)} for b, reps in buckets.items() if reps},
        "failing_rules": dict(failing_rules.most_common()),
    }


def concatenate(files: list[str], folder: str) -> str:
    """Write the files' contents one after another (blank line between) into a new file of ``folder``."""
    path = os.path.join(folder, "merged" + Path(files[0]).suffix)
    with open(path, "wb") as out:
        out.writelines(Path(file).read_bytes().removeprefix(codecs.BOM_UTF8).rstrip(b"\r\n") + b"\n\n"
                       for file in files)
    return path


def by_occurrence(reports: list[PaperReport]) -> dict[tuple[str | None, int], PaperReport]:
    """Reports keyed by arXiv id and occurrence (0 for a paper's first entry in input order, 1 …)."""
    seen: Counter[str | None] = Counter()
    out = {}
    for rep in reports:
        out[(rep.arxiv_id, seen[rep.arxiv_id])] = rep
        seen[rep.arxiv_id] += 1
    return out


VERDICTS = get_args(Verdict)
"""pass, warn, fail: in order of severity."""


def merge_test(digests: list[Digest], reports: list[PaperReport], settings: Settings,
               sources: dict | None = None) -> dict:
    """Lint all ``digests`` concatenated into one input and count the papers whose verdict differs
    from ``reports`` (the same digests linted one file per day). ``stricter`` counts the changes
    towards fail: merging must not drift verdicts either way, and an even split is chance."""
    with tempfile.TemporaryDirectory() as tmp:
        merged = lint(read_files([concatenate([d.file for d in digests], tmp)]), settings, sources)
    before, after = by_occurrence(reports), by_occurrence(merged)
    changed = [(before[k], after[k]) for k in before if k in after and before[k].verdict != after[k].verdict]
    return {
        "papers": len(before),
        "changed": len(changed),
        "directions": dict(sorted(Counter(f"{b.verdict} -> {a.verdict}" for b, a in changed).items())),
        "stricter": sum(VERDICTS.index(a.verdict) > VERDICTS.index(b.verdict) for b, a in changed),
        "unpaired": len(before.keys() ^ after.keys()),
        "examples": [{"title": b.title, "arxiv_id": b.arxiv_id, "before": b.verdict, "after": a.verdict,
                      "penalties_before": penalties(b), "penalties_after": penalties(a)}
                     for b, a in changed[:MERGE_EXAMPLES]],
    }
