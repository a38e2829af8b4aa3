"""Source abstracts for ``--sources``: the title and abstract each summary was written from.

Accepted files (the format is sniffed from the content, not the extension):

- JSONL, one object per line, or a JSON array of objects ``{arxiv_id, title, abstract}``;
- the Hugging Face daily_papers API response as downloaded: an array of objects whose ``paper``
  holds ``id``, ``title`` and ``summary``.

Papers are matched by arXiv id (version suffix ignored). Later files override earlier ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from summary_lint.errors import InputError
from summary_lint.model import Source
from summary_lint.read.side_files import json_value, read_utf8

_VERSION = re.compile(r"v\d+$")


def normalize_id(arxiv_id: str) -> str:
    """``2407.04363v2`` and ``2407.04363`` name the same paper."""
    return _VERSION.sub("", arxiv_id.strip())


def _field(obj: dict[str, Any], *names: str) -> Any:
    for name in names:
        if obj.get(name) is not None:
            return obj[name]
    return None


def _source(obj: Any, where: str) -> Source:
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected an object with arxiv_id, title and abstract")
    if isinstance(obj.get("paper"), dict):  # Hugging Face daily_papers API entry
        obj = obj["paper"]
    arxiv_id = _field(obj, "arxiv_id", "id")
    abstract = _field(obj, "abstract", "summary")
    if not isinstance(arxiv_id, str) or not arxiv_id.strip():
        raise InputError(f"{where}: missing arxiv_id (or paper.id)")
    if not isinstance(abstract, str) or not abstract.strip():
        raise InputError(f"{where}: missing abstract (or paper.summary) for {arxiv_id}")
    title = _field(obj, "title")
    return Source(normalize_id(arxiv_id), title.strip() if isinstance(title, str) else "", abstract.strip())


def _records(text: str, name: str) -> Iterable[tuple[Any, str]]:
    stripped = text.lstrip()
    if stripped.startswith("["):
        data = json_value(text, f"{name}: invalid JSON")
        if not isinstance(data, list):
            raise InputError(f"{name}: expected a JSON array of sources")
        for i, obj in enumerate(data, 1):
            yield obj, f"{name}: entry {i}"
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        yield json_value(line, f"{name}:{lineno}: invalid JSON line"), f"{name}:{lineno}"


def parse_sources(text: str, name: str = "<sources>") -> dict[str, Source]:
    """Sources of one file's text, by normalized arXiv id."""
    out: dict[str, Source] = {}
    for obj, where in _records(text, name):
        src = _source(obj, where)
        out[src.arxiv_id] = src
    if not out:
        raise InputError(f"{name}: no sources found (expected JSONL or a JSON array of {{arxiv_id, title, abstract}})")
    return out


def load_sources(paths: Iterable[str | Path]) -> dict[str, Source]:
    """Read every sources file; a missing, unreadable or malformed file is one InputError line."""
    out: dict[str, Source] = {}
    for path in paths:
        out.update(parse_sources(read_utf8(path, "sources file"), str(path)))
    return out


def source_for(paper_arxiv_id: str | None, sources: dict[str, Source]) -> Source | None:
    return sources.get(normalize_id(paper_arxiv_id)) if paper_arxiv_id else None
