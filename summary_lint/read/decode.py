"""Bytes → text. Reads each input once, bounded, and detects its encoding without ever replacing
undecodable bytes.

An input is read exactly once (a FIFO, ``<(cat d.md)`` or stdin cannot be read twice) and never
past ``max-input-size``, so ``/dev/zero`` is refused after a few megabytes instead of filling memory.
"""

from __future__ import annotations

import codecs
import io
import itertools
from collections.abc import Callable, Iterator
from typing import BinaryIO

from summary_lint.errors import EmptyInputError, InputError

Opener = Callable[[], BinaryIO]

DEFAULT_MAX_INPUT_SIZE = 256 * 1024 * 1024
"""Bytes; far above any real digest (the largest corpus file is a few MB)."""
CHUNK = 1 << 20
HEAD = 1 << 16
LINES_BLOCK = 1 << 20
"""Characters of text split into lines at a time (``iter_lines``)."""
# Tried in order when there is no byte-order mark; CP949 is a superset of EUC-KR (legacy Korean).
FALLBACK_ENCODINGS = ("utf-8", "cp949")
BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13)) + b"\x7f"
"""Bytes that text holds only by accident (tab, line breaks and form feed are ordinary)."""


def size_text(size: int) -> str:
    """``268435456`` → ``256 MB`` (binary megabytes, as the setting's default is written)."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    return f"{size} bytes"


def read_bounded(name: str, opener: Opener, max_bytes: int = DEFAULT_MAX_INPUT_SIZE) -> bytearray:
    """The whole input, read once in chunks; InputError as soon as it exceeds ``max_bytes``, or
    once its first chunk shows binary data (``/dev/zero`` is refused after 64 KB, not 256 MB)."""
    data = bytearray()
    with opener() as f:
        while chunk := f.read(min(HEAD if not data else CHUNK, max_bytes + 1 - len(data))):
            if not data:
                _refuse_binary(name, chunk)
            data += chunk
            if len(data) > max_bytes:
                raise InputError(f"{name}: input larger than {size_text(max_bytes)} "
                                 "(raise the max-input-size setting to lint it)")
    return data


def decode(name: str, data: bytes | bytearray) -> tuple[str, str]:
    """(text, encoding) of an input's bytes; InputError for empty, binary or undecodable bytes."""
    if not data or data.isspace():
        raise EmptyInputError(f"{name}: empty input (no text)")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _strict(name, data, encoding), encoding
    _refuse_binary(name, data[:HEAD])
    first_error = None
    for encoding in FALLBACK_ENCODINGS:
        try:
            return _strict(name, data, encoding), encoding
        except InputError as exc:
            first_error = first_error or exc
    raise first_error  # type: ignore[misc]


def _refuse_binary(name: str, head: bytes | bytearray) -> None:
    if not head.startswith(tuple(bom for bom, _ in BOMS)) and (reason := _binary(head)):
        raise InputError(f"{name}: binary input ({reason})")


def _binary(head: bytes | bytearray) -> str | None:
    """Why ``head`` is binary, or None for text.

    A few stray control bytes (a raw NUL or ESC a generator let through) make damaged text, which
    the ``damaged-text`` rule reports; binary data, and UTF-16 without a byte-order mark (a NUL
    beside every ASCII character), hold far more than one in 20."""
    controls = len(head) - len(head.translate(None, _CONTROL))  # NUL included; one pass, not one per byte value
    if controls * 20 <= len(head):
        return None
    nul = head.find(0)
    return f"NUL byte at offset {nul}" if nul >= 0 else f"{controls} control bytes in the first {len(head)}"


def _strict(name: str, data: bytes | bytearray, encoding: str) -> str:
    try:
        return str(data, encoding, "strict")
    except UnicodeDecodeError as exc:
        seen = exc.object  # after the byte-order mark, for utf-8-sig
        if exc.end >= len(seen) and exc.reason in ("unexpected end of data", "truncated data"):
            raise InputError(f"{name}: cannot decode as {encoding}: truncated at end of input") from None
        raise InputError(
            f"{name}: cannot decode as {encoding}: byte 0x{seen[exc.start]:02x} "
            f"at offset {exc.start + len(data) - len(seen)} (not text, or an unsupported encoding)"
        ) from None


def iter_lines(text: str) -> Iterator[str]:
    """Yield the lines of ``text`` without their line endings (\\n, \\r\\n or \\r, as Python's
    universal newlines: form feeds and Unicode line separators stay inside a line). The text is
    split a block of ``LINES_BLOCK`` characters at a time: one ``split`` per block, not a slice per
    line from Python, and never all of a huge input's lines held at once."""
    if "\r" in text:  # one scan of a text without (most are), not one per replace
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return itertools.chain.from_iterable(_line_blocks(text))


def _line_blocks(text: str) -> Iterator[list[str]]:
    """The lines of ``text`` (its breaks all ``\\n``), in lists of whole lines."""
    start = 0
    while (cut := text.find("\n", start + LINES_BLOCK)) >= 0:
        yield text[start:cut].split("\n")
        start = cut + 1
    lines = text[start:].split("\n")
    if not lines[-1]:  # the break that ends the last line (or an empty text) opens no line
        lines.pop()
    yield lines


def bytes_opener(data: bytes) -> Opener:
    return lambda: io.BytesIO(data)
