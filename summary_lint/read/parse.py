"""Read one input (once, bounded): detect its encoding, sniff its format, and parse it into a Digest."""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Iterator
from typing import Literal

from summary_lint.errors import InputError
from summary_lint.model import Digest, Paper
from summary_lint.read.decode import decode, iter_lines, read_bounded
from summary_lint.read.discover import Input
from summary_lint.read.markdown import parse_markdown

InputFormat = Literal["auto", "markdown", "json"]
JSON_START = re.compile(r'\{|\[\s*(?:[\[{"\]\d-]|true|false|null|$)')


def parse_input(inp: Input, input_format: InputFormat = "auto") -> Digest:
    """Parse an input; raise InputError when it cannot be read or decoded."""
    with _read_errors(inp):
        lines, fmt, encoding = _lines(inp, input_format)
        if fmt == "json":
            from summary_lint.read.json_digest import parse_json

            return parse_json(lines, inp.name, encoding)
        return parse_markdown(lines, inp.name, encoding)


PaperLines = tuple[Literal["json lines", "markdown", "document"], list[str], str]
"""An input's lines for ``paper_at``: how a paper is found in them, the lines, the encoding."""


def paper_lines(inp: Input, input_format: InputFormat = "auto") -> PaperLines:
    """An input's lines, for parsing one paper of it at a time (``paper_at``): in JSON lines a
    paper is the record on its line, in markdown its lines from its heading to its last; a JSON
    document is only parsed whole."""
    from summary_lint.read.json_digest import is_record_line

    with _read_errors(inp):
        lines, fmt, encoding = _lines(inp, input_format)
        lines = list(lines)
    if fmt == "markdown":
        return "markdown", lines, encoding
    first = next((line.strip() for line in lines if line.strip()), "")
    return ("json lines" if is_record_line(first) else "document"), lines, encoding


def paper_at(read: PaperLines, file: str, line: int, end_line: int) -> Paper | None:
    """The paper of ``file`` (read by ``paper_lines``) from its ``line`` to its ``end_line``, parsed
    alone; None when it cannot be (a JSON document, lines that no longer hold one paper there)."""
    kind, lines, encoding = read
    if kind == "document" or not 1 <= line <= end_line <= len(lines):
        return None
    try:
        if kind == "json lines":
            from summary_lint.read.json_digest import parse_record

            return parse_record(file, line, lines[line - 1])
        papers = parse_markdown(lines[line - 1:end_line], file, encoding, first_line=line).papers
    except InputError:
        return None
    return papers[0] if len(papers) == 1 else None


def _lines(inp: Input, input_format: InputFormat) -> tuple[Iterator[str], InputFormat, str]:
    """The input's lines (decoded), its format (sniffed for "auto") and its encoding."""
    text, encoding = decode(inp.name, read_bounded(inp.name, inp.opener, inp.max_bytes))
    lines = iter_lines(text)
    fmt = input_format
    if fmt == "auto":
        lines, fmt = _sniff(lines)
    return lines, fmt, encoding


@contextlib.contextmanager
def _read_errors(inp: Input) -> Iterator[None]:
    """An input that cannot be read, or is nested too deeply to parse, as an InputError."""
    try:
        yield
    except OSError as exc:
        raise InputError(f"{inp.name}: cannot read: {exc.strerror or exc}") from None
    except RecursionError:
        raise InputError(f"{inp.name}: input nested too deeply to parse") from None


def _sniff(lines: Iterator[str]) -> tuple[Iterator[str], InputFormat]:
    """JSON when the first non-blank line opens an object or an array of values, else markdown.

    ``[`` alone is not enough: markdown often starts with a link (``[English](README.en.md)``).
    """
    seen: list[str] = []
    for line in lines:
        seen.append(line)
        if line.strip():
            break
    first = seen[-1].lstrip() if seen else ""
    fmt: InputFormat = "json" if JSON_START.match(first) else "markdown"
    return itertools.chain(seen, lines), fmt
