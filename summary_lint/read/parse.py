"""Read one input (once, bounded): detect its encoding, sniff its format, and parse it into a Digest."""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Iterator
from typing import Literal

from summary_lint.read.decode import decode, iter_lines, read_bounded
from summary_lint.read.discover import Input
from summary_lint.errors import InputError
from summary_lint.model import Digest
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


def record_lines(inp: Input, input_format: InputFormat = "auto") -> list[str] | None:
    """The lines of an input whose papers are JSON lines (each paper the record on its line, which
    ``json_digest.parse_record`` parses alone), else None (markdown, a JSON document)."""
    from summary_lint.read.json_digest import is_record_line

    with _read_errors(inp):
        lines, fmt, _ = _lines(inp, input_format)
        if fmt != "json":
            return None
        lines = list(lines)
        first = next((line.strip() for line in lines if line.strip()), "")
        return lines if is_record_line(first) else None


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
