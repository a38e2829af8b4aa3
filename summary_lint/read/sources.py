"""Source abstracts for ``--sources``: the title and abstract each summary was written from.

Accepted files (the format is sniffed from the content, not the extension):

- JSONL, one object per line, or a JSON array of objects ``{arxiv_id, title, abstract}``;
- the Hugging Face daily_papers API response as downloaded: an array of objects whose ``paper``
  holds ``id``, ``title`` and ``summary``.

Papers are matched by arXiv id (version suffix ignored). Later files override earlier ones.

Memory: 100,000 abstracts are ~130 MB of text. ``Sources`` holds them as one UTF-8 buffer and
each record's offsets, not as 300,000 string objects: the run's worker processes, forked from
this one, read their papers' sources from the buffer without touching (and so copying) any
object of the parent's. A JSONL file is decoded and parsed a megabyte at a time, so its decoded
text (up to 4 bytes a character) is never held whole.
"""

from __future__ import annotations

import codecs
import re
from array import array
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain
from pathlib import Path
from typing import Any

from summary_lint.errors import InputError
from summary_lint.model import Source
from summary_lint.read.side_files import json_value, read_side_file, utf8_text

_VERSION = re.compile(r"v\d+$")
PIECE_BYTES = 1 << 20
"""A JSONL file is decoded in pieces of about this many bytes, each ending at a line break."""


def normalize_id(arxiv_id: str) -> str:
    """``2407.04363v2`` and ``2407.04363`` name the same paper."""
    return _VERSION.sub("", arxiv_id.strip())


class Sources(Mapping[str, Source]):
    """Source abstracts by normalized arXiv id; a later record of an id replaces the earlier one.
    Each look-up decodes the record's title and abstract from the buffer into a new ``Source``."""

    def __init__(self) -> None:
        self._record: dict[str, int] = {}
        self._text = bytearray()
        self._ends = array("q")
        """Per record, where its title ends and where its abstract ends in ``_text``."""

    def add(self, source: Source) -> None:
        self._record[source.arxiv_id] = len(self._ends) // 2
        for part in (source.title, source.abstract):
            self._text += part.encode("utf-8", "surrogatepass")  # JSON may escape a lone surrogate
            self._ends.append(len(self._text))

    def __getitem__(self, arxiv_id: str) -> Source:
        k = self._record[arxiv_id]
        start, middle, end = self._ends[2 * k - 1] if k else 0, self._ends[2 * k], self._ends[2 * k + 1]
        return Source(arxiv_id, self._text[start:middle].decode("utf-8", "surrogatepass"),
                      self._text[middle:end].decode("utf-8", "surrogatepass"))

    def __contains__(self, arxiv_id: object) -> bool:
        return arxiv_id in self._record

    def __iter__(self) -> Iterator[str]:
        return iter(self._record)

    def __len__(self) -> int:
        return len(self._record)


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


def _records(pieces: Iterable[str], name: str) -> Iterator[tuple[Any, str]]:
    """(record, where) of a file's text given in pieces that each end at a line break: a JSON
    array (read whole) or JSON lines (read a piece at a time; numbered as ``str.splitlines``)."""
    pieces = iter(pieces)
    head = []
    for piece in pieces:  # the pieces up to the first that is not blank
        head.append(piece)
        if not piece.isspace():
            break
    if "".join(head).lstrip().startswith("["):
        data = json_value("".join(chain(head, pieces)), f"{name}: invalid JSON")
        if not isinstance(data, list):
            raise InputError(f"{name}: expected a JSON array of sources")
        for i, obj in enumerate(data, 1):
            yield obj, f"{name}: entry {i}"
        return
    lines = (line for piece in chain(head, pieces) for line in piece.splitlines())
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        yield json_value(line, f"{name}:{lineno}: invalid JSON line"), f"{name}:{lineno}"


def _add_records(sources: Sources, pieces: Iterable[str], name: str) -> None:
    """Add one file's records; InputError for a malformed record or a file without any."""
    found = False
    for obj, where in _records(pieces, name):
        sources.add(_source(obj, where))
        found = True
    if not found:
        raise InputError(f"{name}: no sources found (expected JSONL or a JSON array of {{arxiv_id, title, abstract}})")


def parse_sources(text: str, name: str = "<sources>") -> Sources:
    """Sources of one file's text, by normalized arXiv id."""
    sources = Sources()
    _add_records(sources, [text], name)
    return sources


def _pieces(data: bytearray, name: str) -> Iterator[str]:
    """The text of a file's bytes (a BOM dropped) in pieces of about ``PIECE_BYTES`` that end after
    a line break (so no character, and no ``\\r\\n``, is cut). Every piece is checked before the
    first is handed out: a byte that is not UTF-8 is reported before any malformed record, as for
    a file decoded whole."""
    begin = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    bounds, start = [], begin
    while start < len(data):
        end = data.find(b"\n", start + PIECE_BYTES)
        end = len(data) if end < 0 else end + 1
        bounds.append((start, end))
        start = end
    view = memoryview(data)
    for start, end in bounds:
        utf8_text(view[start:end], name, "sources file", start - begin)
    for start, end in bounds:
        yield utf8_text(view[start:end], name, "sources file", start - begin)


def load_sources(paths: Iterable[str | Path]) -> Sources:
    """Read every sources file; a missing, unreadable or malformed file is one InputError line."""
    sources = Sources()
    for path in paths:
        _add_records(sources, _pieces(read_side_file(path, "sources file"), str(path)), str(path))
    return sources


def source_for(paper_arxiv_id: str | None, sources: Mapping[str, Source]) -> Source | None:
    return sources.get(normalize_id(paper_arxiv_id)) if paper_arxiv_id else None


def has_source_for(paper_arxiv_id: str | None, sources: Mapping[str, Source]) -> bool:
    """Whether ``source_for`` finds one, without decoding it (``Sources`` decodes at every look-up)."""
    return bool(paper_arxiv_id) and normalize_id(paper_arxiv_id) in sources
