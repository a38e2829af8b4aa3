"""Parse JSON / JSONL paper records: the shape a pipeline holds before it renders a digest.

Accepted: a JSON array of records, an object with a ``papers`` array, one record, or JSONL.
A record has ``title``; ``arxiv_id``, ``id``, ``url`` or ``link``; ``authors`` (names or objects
with ``name``); ``upvotes`` or ``votes``; and ``summary`` as text, as a list of bullets, or as
named sections (``{"What's New": "…"}`` or ``[{"label": …, "text": …}]``). A document whose first
record is not a paper's (no title, source abstracts, a summary-lint report) has no entries, so a
folder's other JSON files are skipped. Raw control characters inside strings are accepted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from summary_lint.errors import InputError, NoEntriesError
from summary_lint.model import Digest, Paper, build_paper
from summary_lint.read.markdown import ARXIV_ID, BULLET, arxiv_id_from_url, parse_authors, parse_votes, split_label

_JSON_WS = re.compile(r"[ \t\n\r]*")  # whitespace as JSON defines it
_ARXIV_ID = re.compile(rf"^(?P<id>{ARXIV_ID})(?:v\d+)?$")
_DECODER = json.JSONDecoder(strict=False)
"""Lenient about raw control characters inside strings: damaged text is linted (``damaged-text``), not refused."""


def parse_json(lines: Iterable[str], file: str, encoding: str) -> Digest:
    """Parse a JSON document or JSONL stream into a Digest (records keep their line numbers)."""
    digest = Digest(file=file, encoding=encoding, format="json")
    lines = iter(lines)
    first: list[str] = []
    for line in lines:
        first.append(line)
        if line.strip():
            break
    head = first[-1].strip() if first else ""
    if is_record_line(head):
        records = _jsonl(file, first, lines)  # JSONL: one record per line, streamed
    else:
        records = _document(file, "\n".join([*first, *lines]))
    for lineno, record in records:
        if not digest.papers:
            _expect_paper_records(file, record)
        digest.papers.append(_paper(file, lineno, record))
    return digest


def is_record_line(line: str) -> bool:
    """A whole object on one line that is a record, not a ``{"papers": [...]}`` container: the
    first non-blank line of JSON lines."""
    if not line.startswith("{"):
        return False
    try:
        value = _DECODER.decode(line)
    except (ValueError, RecursionError):
        return False
    return isinstance(value, dict) and not isinstance(value.get("papers"), list)


def _jsonl(file: str, first: list[str], rest: Iterator[str]) -> Iterator[tuple[int, Any]]:
    lineno = 0
    for chunk in (first, rest):
        for line in chunk:
            lineno += 1
            if line.strip():
                yield lineno, _record(file, lineno, line)


def _record(file: str, lineno: int, line: str) -> Any:
    try:
        return _DECODER.decode(line)
    except ValueError as exc:
        raise InputError(f"{file}:{lineno}: invalid JSON line: {exc}") from None


def parse_record(file: str, lineno: int, line: str) -> Paper:
    """The paper of line ``lineno`` of JSON lines (``parse.paper_at``), parsed alone: as
    ``parse_json`` parses it with its file."""
    return _paper(file, lineno, _record(file, lineno, line))


def _document(file: str, text: str) -> Iterator[tuple[int, Any]]:
    """Yield (line, record) for each record of an array, scanning so that each keeps its line."""
    try:
        whole = _DECODER.decode(text)
    except ValueError as exc:
        raise InputError(f"{file}: invalid JSON: {exc}") from None
    start = _JSON_WS.match(text).end()  # type: ignore[union-attr]
    if isinstance(whole, dict):
        if not isinstance(whole.get("papers"), list):
            yield _line_of(text, start), whole  # a single record
            return
        start = _papers_position(_DECODER, text, start)
    elif not isinstance(whole, list):
        raise NoEntriesError(f"{file}: JSON input must be an array of paper records or an object")
    del whole  # decoded again record by record (to know their lines); do not hold both in memory
    yield from _array_items(_DECODER, text, start)


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _papers_position(decoder: json.JSONDecoder, text: str, pos: int) -> int:
    """Offset of the value of the (last, as json keeps it) top-level ``papers`` key of the object at pos."""
    found = pos
    pos = _JSON_WS.match(text, pos + 1).end()  # type: ignore[union-attr]
    while text[pos] != "}":
        key, pos = decoder.raw_decode(text, pos)
        pos = _JSON_WS.match(text, _JSON_WS.match(text, pos).end() + 1).end()  # type: ignore[union-attr]
        if key == "papers":
            found = pos
        pos = _JSON_WS.match(text, decoder.raw_decode(text, pos)[1]).end()  # type: ignore[union-attr]
        if text[pos] == ",":
            pos = _JSON_WS.match(text, pos + 1).end()  # type: ignore[union-attr]
    return found


def _array_items(decoder: json.JSONDecoder, text: str, start: int) -> Iterator[tuple[int, Any]]:
    """Yield (line, item) for each item of the (already validated) array that opens at start."""
    pos = _JSON_WS.match(text, start + 1).end()  # type: ignore[union-attr]
    line = _line_of(text, pos)
    while text[pos] != "]":
        item, end = decoder.raw_decode(text, pos)
        yield line, item
        end = _JSON_WS.match(text, end).end()  # type: ignore[union-attr]
        if text[end] == ",":
            end = _JSON_WS.match(text, end + 1).end()  # type: ignore[union-attr]
        line += text.count("\n", pos, end)
        pos = end


def _first(record: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if record.get(key) not in (None, ""):
            return record[key]
    return None


def _text(value: Any) -> str | None:
    """A JSON value as text (numbers and lists too); None stays None."""
    return None if value is None else value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _unwrap(record: dict[str, Any]) -> dict[str, Any]:
    """``{"paper": {...}, ...}`` as in the Hugging Face listing, flattened."""
    if isinstance(record.get("paper"), dict):
        return {**record["paper"], **{k: v for k, v in record.items() if k != "paper"}}
    return record


def _expect_paper_records(file: str, first: Any) -> None:
    """Raise NoEntriesError unless the first record is a paper's: other JSON in a digest folder
    (``package.json``, a ``--sources`` file of abstracts, a ``--format json`` report) is then
    skipped there, not an error."""
    record = _unwrap(first) if isinstance(first, dict) else {}
    if "title" not in record:
        raise NoEntriesError(f"{file}: no paper records (JSON objects with a title)")
    if "abstract" in record and not record.keys() & {"summary", "sections"}:
        raise NoEntriesError(f"{file}: source abstracts, not summaries (pass such a file with --sources)")
    if {"findings", "verdict"} <= record.keys():
        raise NoEntriesError(f"{file}: a summary-lint report, not a digest")


def _paper(file: str, lineno: int, record: Any) -> Paper:
    if not isinstance(record, dict):
        raise InputError(f"{file}:{lineno}: a paper record must be a JSON object")
    record = _unwrap(record)
    title = _first(record, "title")
    if not isinstance(title, str) or not title.strip():
        raise InputError(f"{file}:{lineno}: paper record has no title")
    url = _text(_first(record, "url", "link", "arxiv_url"))
    raw_id = _first(record, "arxiv_id", "arxiv", "id")
    arxiv_id = arxiv_id_from_url(url) if url else None
    if raw_id is not None and arxiv_id is None:
        raw_id = str(raw_id).strip()
        arxiv_id = m.group("id") if (m := _ARXIV_ID.match(raw_id)) else None
        url = url or f"https://arxiv.org/abs/{raw_id}"
    fields = {"file": file, "line": lineno, "end_line": lineno, "title": title.strip(), "url": url,
              "arxiv_id": arxiv_id}  # every field at once: one validation, no pydantic assignment
    votes_value = _first(record, "upvotes", "votes")
    if votes_value is not None:
        votes_raw = str(votes_value)  # as in markdown: "7" and 7 count, 7.0 and true do not
        fields.update(votes_raw=votes_raw, votes=parse_votes(votes_raw), votes_line=lineno)
    authors = record.get("authors")
    if authors is not None:
        fields.update(authors_raw=json.dumps(authors, ensure_ascii=False), authors=_authors(authors),
                      authors_line=lineno)
    media = fields["media"] = []
    if thumb := _first(record, "thumbnail", "image"):
        media.append({"kind": "image", "url": _text(thumb), "line": lineno})
    if video := _first(record, "video", "mediaUrl"):
        media.append({"kind": "video", "url": _text(video), "line": lineno})
    fields["sections"] = _sections(_first(record, "summary", "sections"), lineno)
    if isinstance(record.get("disable"), list):
        fields["disabled_rules"] = [str(r) for r in record["disable"]]
    return build_paper(**fields)


def _authors(value: Any) -> list[str]:
    if isinstance(value, str):
        return parse_authors(value)
    if isinstance(value, list):
        names = (_text(a.get("name")) if isinstance(a, dict) else _text(a) for a in value)
        return [n.strip() for n in names if n and n.strip()]
    return []


def _sections(value: Any, lineno: int) -> list[dict[str, Any]]:
    """The sections of a record's summary, as the fields ``build_paper`` validates."""
    def section(label: Any, text: Any) -> dict[str, Any]:
        return {"label": str(label) if label else None, "text": str(text or "").strip(), "line": lineno,
                "end_line": lineno}

    if value is None:
        return []
    if isinstance(value, str):  # markdown bullets, possibly labelled; as in a digest, other lines continue one
        sections: list[dict[str, Any]] = []
        for line in filter(str.strip, value.split("\n")):  # not splitlines(): a form feed is damage, not a break
            if (bullet := BULLET.match(line)) or not sections:
                text = line if bullet else line.strip()
                label, start = split_label(text, bullet.end() if bullet else 0)
                sections.append(section(label, text[start:]))
            else:
                sections[-1]["text"] += "\n" + line.strip()
        return sections
    if isinstance(value, dict):
        return [section(k, v) for k, v in value.items()]
    if isinstance(value, list):
        return [
            section(item.get("label") or item.get("name"), item.get("text"))
            if isinstance(item, dict)
            else section(None, item)
            for item in value
        ]
    return [section(None, value)]
