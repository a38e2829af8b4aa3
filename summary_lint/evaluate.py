"""summary-lint eval: measure the verdicts against hand labels, per month, and on swapped titles.

Why: thresholds must be chosen from data and checked on every change. This command prints, for
"defective" = (``on_topic`` is "no" or ``generic`` is "yes") against verdict ``fail``: precision,
recall, F1, the false-fail rate on clean papers (overall and per label batch), the same figures per
rule (rule fired vs defective), the fail rate per month over the whole corpus, and a swap test
that needs no labels: every summary is given the title of another paper of its digest (titles are
rotated by one inside each digest) and the swapped papers that fail are counted, beside the fail
rate of the true pairs.

Other perturbation tests plug in as one function ``Digest → Digest`` passed to ``perturbation_test``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .models import Digest, PaperReport

DEFAULT_CORPUS = "../shared/corpus/daily_papers_ko"
DEFAULT_LABELS = "../shared/labels/dev.jsonl"
UNIFORM_BATCHES = ("R1", "R3", "R4")
"""Label batches drawn uniformly from the corpus: their false fails estimate the real false-fail rate."""


@dataclass
class Label:
    file: str
    arxiv_id: str
    defective: bool
    batch: str


def load_labels(path: str) -> list[Label]:
    """Read a labels JSONL; a missing file or a malformed row is an InputError (one line)."""
    labels: list[Label] = []
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    labels.append(Label(
                        file=row["file"].replace(os.sep, "/"),
                        arxiv_id=str(row["arxiv_id"]),
                        defective=row.get("on_topic") == "no" or row.get("generic") == "yes",
                        batch=str(row.get("batch", "")),
                    ))
                except (ValueError, KeyError, AttributeError) as exc:
                    raise InputError(f"{path}:{n}: invalid label row ({exc})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read labels: {exc.strerror or exc}") from None
    return labels


def read_corpus(corpus: str, settings) -> list[Digest]:
    from .discover import discover
    from .engine import read_inputs

    digests, _ = read_inputs(discover([corpus], settings.config.exclude))
    return digests


def lint(digests: list[Digest], settings, sources: dict | None = None) -> list[PaperReport]:
    from .engine import lint_digests

    return lint_digests(digests, [], settings, sources).papers


def relative_key(path: str, root: str) -> str:
    """A digest's path relative to the corpus root, with forward slashes (as the labels write it)."""
    return os.path.relpath(path, root).replace(os.sep, "/")


def confusion(predicted: list[bool], actual: list[bool]) -> dict[str, float | int]:
    tp = sum(p and a for p, a in zip(predicted, actual))
    fp = sum(p and not a for p, a in zip(predicted, actual))
    fn = sum(a and not p for p, a in zip(predicted, actual))
    clean = sum(not a for a in actual)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "clean": clean, "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4), "false_fail_rate": round(fp / clean, 4) if clean else 0.0}


def label_scores(reports: list[PaperReport], labels: list[Label], root: str, rule_names: list[str]) -> dict:
    """Verdict fail vs defective, overall, per uniform batch, and per rule (rule fired vs defective)."""
    by_key = {(relative_key(r.file, root), r.arxiv_id): r for r in reports}
    matched = [(lab, by_key[(lab.file, lab.arxiv_id)]) for lab in labels if (lab.file, lab.arxiv_id) in by_key]
    if not matched:
        raise InputError("no labelled paper was found in the corpus (check --corpus and --labels)")
    actual = [lab.defective for lab, _ in matched]
    failed = [rep.verdict == "fail" for _, rep in matched]
    batches = {}
    for batch in sorted({lab.batch for lab, _ in matched}):
        idx = [k for k, (lab, _) in enumerate(matched) if lab.batch == batch]
        batches[batch] = confusion([failed[k] for k in idx], [actual[k] for k in idx])
    uniform = [k for k, (lab, _) in enumerate(matched) if lab.batch in UNIFORM_BATCHES]
    rules = {}
    for name in rule_names:
        fired = [any(f.rule == name for f in rep.findings) for _, rep in matched]
        if any(fired):
            rules[name] = confusion(fired, actual)
    return {
        "labelled": len(labels),
        "matched": len(matched),
        "overall": confusion(failed, actual),
        "uniform_batches": confusion([failed[k] for k in uniform], [actual[k] for k in uniform]),
        "batches": batches,
        "rules": rules,
    }


def month_of(path: str) -> str:
    """``YYYY-MM`` from a corpus path like ``2024/07/08.md`` or a name holding ``2024-07-08``."""
    found = re.search(r"(\d{4})[/-](\d{2})[/-]\d{2}", path.replace(os.sep, "/"))
    return f"{found.group(1)}-{found.group(2)}" if found else "unknown"


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
    reports = lint(perturbed, settings, sources)
    fails = sum(r.verdict == "fail" for r in reports)
    return {"papers": len(reports), "fail": fails, "rate": round(fails / len(reports), 4) if reports else 0.0}


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _line(name: str, c: dict, false: str = "false fails") -> str:
    return (f"{name:24} P {c['precision']:.3f}  R {c['recall']:.3f}  F1 {c['f1']:.3f}  "
            f"{false} {c['fp']}/{c['clean']} ({_pct(c['false_fail_rate'])})  tp {c['tp']} fn {c['fn']}")


def format_text(result: dict) -> str:
    out = []
    if "labels" in result:
        lab = result["labels"]
        out.append(f"labels: {lab['matched']} of {lab['labelled']} labelled papers found")
        out.append(_line("verdict fail", lab["overall"]))
        out.append(_line("uniform " + "+".join(UNIFORM_BATCHES), lab["uniform_batches"]))
        for batch, c in lab["batches"].items():
            out.append(_line(f"  batch {batch}", c))
        out.append("per rule (rule fired vs defective):")
        for name, c in lab["rules"].items():
            out.append(_line(f"  {name}", c, "fired on clean"))
    true = result["true_pairs"]
    out.append("fail rate per month (true pairs):")
    for month, m in result["months"].items():
        out.append(f"  {month}  {m['fail']:4d}/{m['papers']:<5d} {_pct(m['rate'])}")
    out.append(f"true pairs:    {true['fail']}/{true['papers']} fail ({_pct(true['rate'])})")
    for name, test in result["perturbations"].items():
        out.append(f"{name + ':':14} {test['fail']}/{test['papers']} fail ({_pct(test['rate'])})")
    out.append(f"time: {result['seconds']:.1f} s")
    return "\n".join(out) + "\n"


PERTURBATIONS: dict[str, Callable[[Digest], Digest]] = {"title swap": rotate_titles}


def rotate_sources(digests: list[Digest], sources: dict) -> tuple[dict, set[tuple[str, str]]]:
    """Each paper with a source gets the source of the next such paper of its digest (titles stay).

    Returns the swapped sources by arXiv id and the (file, arXiv id) keys of the swapped papers.
    """
    from .sources import normalize_id, source_for

    swapped: dict = {}
    keys: set[tuple[str, str]] = set()
    for digest in digests:
        papers = [p for p in digest.papers if source_for(p.arxiv_id, sources)]
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
    reports = [r for r in lint(digests, settings, swapped) if (r.file, r.arxiv_id) in keys]
    fails = sum(r.verdict == "fail" for r in reports)
    return {"papers": len(reports), "fail": fails, "rate": round(fails / len(reports), 4) if reports else 0.0}


def evaluate(corpus: str, labels_path: str | None, settings, sources: dict | None = None) -> dict:
    import time

    from .registry import all_rules

    start = time.perf_counter()
    digests = read_corpus(corpus, settings)
    reports = lint(digests, settings, sources)
    result: dict = {}
    if labels_path:
        result["labels"] = label_scores(reports, load_labels(labels_path), corpus, [r.name for r in all_rules()])
    fails = sum(r.verdict == "fail" for r in reports)
    result["true_pairs"] = {"papers": len(reports), "fail": fails, "rate": round(fails / len(reports), 4)}
    result["months"] = fail_rate_by_month(reports)
    result["perturbations"] = {name: perturbation_test(digests, fn, settings, sources)
                               for name, fn in PERTURBATIONS.items()}
    if sources:
        result["perturbations"]["source swap"] = source_swap_test(digests, sources, settings)
    result["seconds"] = round(time.perf_counter() - start, 2)
    return result


def main(argv: list[str]) -> int:
    from .config import Config, parse_config, resolve

    p = argparse.ArgumentParser(prog="summary-lint eval", description=__doc__.splitlines()[0])
    p.add_argument("--corpus", default=DEFAULT_CORPUS, help=f"folder of digests (default: {DEFAULT_CORPUS})")
    p.add_argument("--labels", help=f"labels JSONL (default: {DEFAULT_LABELS} if present)")
    p.add_argument("--no-labels", action="store_true", help="skip the label scores")
    p.add_argument("--preset", metavar="NAME", help="rule preset (default: default)")
    p.add_argument("--select", metavar="RULES", help="only these rules (comma-separated)")
    p.add_argument("--ignore", metavar="RULES", help="skip these rules (comma-separated)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--sources", action="append", metavar="FILE",
                   help="source abstracts (as for linting; repeatable): enables the source checks and the source swap test")
    args = p.parse_args(argv)

    if not Path(args.corpus).is_dir():
        raise InputError(f"{args.corpus}: corpus folder not found (use --corpus)")
    labels = None if args.no_labels else args.labels or (DEFAULT_LABELS if Path(DEFAULT_LABELS).is_file() else None)
    data: dict = {}
    if args.preset:
        data["preset"] = args.preset
    for key in ("select", "ignore"):
        if getattr(args, key):
            data[key] = [v.strip() for v in getattr(args, key).split(",") if v.strip()]
    settings = resolve(parse_config(data, "command line") if data else Config())
    from .sources import load_sources

    result = evaluate(args.corpus, labels, settings, load_sources(args.sources) if args.sources else None)
    sys.stdout.write(json.dumps(result, indent=2) + "\n" if args.json else format_text(result))
    return 0
