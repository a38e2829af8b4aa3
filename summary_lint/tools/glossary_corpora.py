"""Readers of the shared corpora for the glossary builder: one ``CorpusPaper`` per paper.

* ``read_markdown_corpus``: a folder of markdown digests (``daily_papers_ko``), with an optional
  abstracts file (JSONL / JSON of ``arxiv_id, title, abstract``, read by ``summary_lint.read.sources``);
* ``read_jsonl_corpus``: a generator folder of ``digests/*.jsonl`` (``arxiv_id, title, date,
  sections``) and ``abstracts.jsonl`` (``ko-hf-daily-autoflow``, ``zh-arxiv-analyze``). Method
  points of the form ``한국어 문장(English sentence.)`` become parallel sentence pairs, and the
  summary keeps only their generated side;
* ``read_exclude_ids``: held-out arXiv ids (one per line, or a labels JSONL with ``arxiv_id``).

Each paper is read once per corpus (the first entry of a repeated arXiv id).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from summary_lint.read.decode import iter_lines
from summary_lint.read.markdown import parse_markdown
from summary_lint.read.sources import load_sources, normalize_id

MIN_PARALLEL_WORDS = 4
"""Latin words a bracketed text needs to count as the English sentence of a method point."""


@dataclass(frozen=True)
class CorpusPaper:
    arxiv_id: str
    """Normalised arXiv id ("" when the digest gives none)."""
    title: str
    abstract: str
    """The source abstract, "" when the corpus has none for the paper."""
    summary: str
    """The generated (Korean or Chinese) text, without the English sentences of method points."""
    parallel: tuple[tuple[str, str], ...] = ()
    """(generated sentence, English sentence it paraphrases) pairs."""


def read_exclude_ids(path: str | Path) -> set[str]:
    """Normalised arXiv ids from a file of ids (one per line) or a JSONL of records with ``arxiv_id``."""
    ids = set()
    for line in Path(path).read_text(encoding="utf-8-sig").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        value = json.loads(line).get("arxiv_id") if line.startswith("{") else line
        if value:
            ids.add(normalize_id(str(value)))
    return ids


def read_markdown_corpus(folder: str | Path, abstracts: str | Path | None = None,
                         exclude: frozenset[str] | set[str] = frozenset()) -> list[CorpusPaper]:
    """Papers of every ``*.md`` digest under ``folder`` (sorted paths), with their abstracts."""
    sources = load_sources([abstracts]) if abstracts else {}
    papers: dict[str, CorpusPaper] = {}
    unnamed: list[CorpusPaper] = []
    for path in sorted(Path(folder).rglob("*.md")):
        digest = parse_markdown(iter_lines(path.read_text(encoding="utf-8-sig")), str(path), "utf-8")
        for paper in digest.papers:
            arxiv_id = normalize_id(paper.arxiv_id) if paper.arxiv_id else ""
            if arxiv_id in exclude or arxiv_id in papers:
                continue
            source = sources.get(arxiv_id)
            record = CorpusPaper(arxiv_id, paper.title, source.abstract if source else "", paper.summary)
            if arxiv_id:
                papers[arxiv_id] = record
            else:
                unnamed.append(record)
    return list(papers.values()) + unnamed


def read_jsonl_corpus(folder: str | Path, exclude: frozenset[str] | set[str] = frozenset()) -> list[CorpusPaper]:
    """Papers of ``folder/digests/*.jsonl`` (sorted), with ``folder/abstracts.jsonl`` when present."""
    folder = Path(folder)
    abstracts_file = folder / "abstracts.jsonl"
    sources = load_sources([abstracts_file]) if abstracts_file.exists() else {}
    papers: dict[str, CorpusPaper] = {}
    for path in sorted((folder / "digests").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            arxiv_id = normalize_id(str(record.get("arxiv_id") or ""))
            if not arxiv_id or arxiv_id in exclude or arxiv_id in papers:
                continue
            summary, parallel = _generated_text(record.get("sections") or {})
            source = sources.get(arxiv_id)
            papers[arxiv_id] = CorpusPaper(arxiv_id, record.get("title") or (source.title if source else ""),
                                           source.abstract if source else "", summary, parallel)
    return list(papers.values())


def _generated_text(sections: dict[str, str]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The sections as one generated text, and the parallel pairs of their points."""
    texts, parallel = [], []
    for text in sections.values():
        for line in str(text or "").splitlines():
            pair = split_parallel(line)
            if pair:
                parallel.append(pair)
                texts.append(pair[0])
            else:
                texts.append(line)
    return "\n".join(texts), tuple(parallel)


def split_parallel(point: str) -> tuple[str, str] | None:
    """``한국어 문장(English sentence.)`` → (한국어 문장, English sentence.), or None when the point does
    not end with a bracketed English sentence (or has nothing before it)."""
    text = point.strip().rstrip(".,;: ")
    if not text.endswith(")"):
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            break
    else:
        return None
    generated, english = text[:i].strip(), text[i + 1:-1].strip()
    if not generated or _has_non_latin_letters(english) or len(english.split()) < MIN_PARALLEL_WORDS:
        return None
    return generated, english


def _has_non_latin_letters(text: str) -> bool:
    return any(ch.isalpha() and not ch.isascii() for ch in text)
