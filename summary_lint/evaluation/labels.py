"""Hand labels for ``summary-lint eval``: reading them, finding their papers, scoring verdicts.

A label names a paper by ``file`` (its digest, relative to a corpus root) and ``arxiv_id``. Several
label files may cover several corpora: each label is resolved against the first root that holds its
file. "Defective" = ``on_topic`` is "no" or ``generic`` is "yes"; a verdict ``fail`` predicts it.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from summary_lint.errors import InputError
from summary_lint.model import PaperReport

DEFAULT_LABELS = "../shared/labels/dev.jsonl"
PROJECT_LABELS = Path(__file__).resolve().parents[2] / "tests" / "data" / "labels"
"""The project's own label files (absent from an installed wheel)."""
UNIFORM_BATCHES = ("R1", "R3", "R4")
"""Label batches drawn uniformly from the corpus: their false fails estimate the real false-fail rate."""

PaperKey = tuple[str, str | None]


@dataclass(frozen=True)
class Label:
    file: str
    arxiv_id: str
    defective: bool
    batch: str
    origin: str = ""
    """The name of the label file the row comes from."""


def default_label_files() -> list[str]:
    """``../shared/labels/dev.jsonl`` and the project's ``tests/data/labels/*.jsonl``, those present."""
    shared = [DEFAULT_LABELS] if Path(DEFAULT_LABELS).is_file() else []
    return shared + sorted(str(p) for p in PROJECT_LABELS.glob("*.jsonl"))


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
                        origin=Path(path).name,
                    ))
                except (ValueError, KeyError, AttributeError) as exc:
                    raise InputError(f"{path}:{n}: invalid label row ({exc})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read labels: {exc.strerror or exc}") from None
    return labels


@cache
def _real_path(path: str) -> str:
    return os.path.realpath(path)


def paper_key(file: str, arxiv_id: str | None) -> PaperKey:
    """A paper's identity across runs: its digest's real path and its arXiv id."""
    return _real_path(file), arxiv_id


def label_key(label: Label, roots: list[str]) -> PaperKey | None:
    """The key of the labelled paper under the first root holding its digest (None: no root does)."""
    for root in roots:
        path = os.path.join(root, label.file)
        if os.path.isfile(path):
            return paper_key(path, label.arxiv_id)
    return None


def index_reports(reports: list[PaperReport]) -> dict[PaperKey, PaperReport]:
    """Reports by paper key (a paper listed twice in a digest: its first entry)."""
    out: dict[PaperKey, PaperReport] = {}
    for rep in reports:
        out.setdefault(paper_key(rep.file, rep.arxiv_id), rep)
    return out


def match_labels(labels: list[Label], roots: list[str],
                 reports: dict[PaperKey, PaperReport]) -> list[tuple[Label, PaperReport]]:
    """Each label whose paper is among the reports, with its report."""
    keys = (label_key(lab, roots) for lab in labels)
    return [(lab, reports[key]) for lab, key in zip(labels, keys) if key in reports]


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


def _verdict_scores(matched: list[tuple[Label, PaperReport]]) -> dict[str, float | int]:
    return confusion([rep.verdict == "fail" for _, rep in matched], [lab.defective for lab, _ in matched])


def _grouped(matched: list[tuple[Label, PaperReport]], group: str) -> dict[str, dict]:
    names = sorted({getattr(lab, group) for lab, _ in matched})
    return {name: _verdict_scores([m for m in matched if getattr(m[0], group) == name]) for name in names}


def label_scores(reports: list[PaperReport], labels: list[Label], roots: list[str], rule_names: list[str]) -> dict:
    """Verdict fail vs defective: overall, on the uniform batches, per label file, per batch, and
    per rule (rule fired vs defective); labels whose paper is not found are counted."""
    matched = match_labels(labels, roots, index_reports(reports))
    if not matched:
        raise InputError("no labelled paper was found in the corpus (check --corpus and --labels)")
    actual = [lab.defective for lab, _ in matched]
    rules = {}
    for name in rule_names:
        fired = [any(f.rule == name for f in rep.findings) for _, rep in matched]
        if any(fired):
            rules[name] = confusion(fired, actual)
    return {
        "labelled": len(labels),
        "matched": len(matched),
        "unmatched": len(labels) - len(matched),
        "overall": _verdict_scores(matched),
        "uniform_batches": _verdict_scores([m for m in matched if m[0].batch in UNIFORM_BATCHES]),
        "files": _grouped(matched, "origin"),
        "batches": _grouped(matched, "batch"),
        "rules": rules,
    }


def month_of(path: str) -> str:
    """``YYYY-MM`` from a corpus path like ``2024/07/08.md`` or a name holding ``2024-07-08``."""
    found = re.search(r"(\d{4})[/-](\d{2})[/-]\d{2}", path.replace(os.sep, "/"))
    return f"{found.group(1)}-{found.group(2)}" if found else "unknown"
