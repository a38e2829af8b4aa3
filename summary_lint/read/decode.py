"""Bytes → text. Detects the encoding without ever replacing undecodable bytes.

Files are decoded in streaming fashion: a first pass validates the encoding chunk by chunk, a
second pass yields lines, so memory does not grow with the size of a single input file.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable, Iterator
from typing import BinaryIO

from summary_lint.errors import EmptyInputError, InputError

Opener = Callable[[], BinaryIO]

CHUNK = 1 << 20
HEAD = 1 << 16
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


def detect_encoding(name: str, opener: Opener) -> str:
    """Return the encoding of the input, or raise InputError for empty, binary or undecodable bytes."""
    with opener() as f:
        head = f.read(HEAD)
    if not head.strip():
        raise EmptyInputError(f"{name}: empty input (no text)")
    for bom, encoding in BOMS:
        if head.startswith(bom):
            _validate(name, opener, encoding)
            return encoding
    if reason := _binary(head):
        raise InputError(f"{name}: binary input ({reason})")
    first_error = None
    for encoding in FALLBACK_ENCODINGS:
        try:
            _validate(name, opener, encoding)
            return encoding
        except InputError as exc:
            first_error = first_error or exc
    raise first_error  # type: ignore[misc]


def _binary(head: bytes) -> str | None:
    """Why ``head`` is binary, or None for text.

    A few stray control bytes (a raw NUL or ESC a generator let through) make damaged text, which
    the ``damaged-text`` rule reports; binary data, and UTF-16 without a byte-order mark (a NUL
    beside every ASCII character), hold far more than one in 20."""
    controls = sum(head.count(c) for c in _CONTROL)  # NUL included
    if controls * 20 <= len(head):
        return None
    nul = head.find(0)
    return f"NUL byte at offset {nul}" if nul >= 0 else f"{controls} control bytes in the first {len(head)}"


def _validate(name: str, opener: Opener, encoding: str) -> None:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    offset = 0
    with opener() as f:
        while chunk := f.read(CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: cannot decode as {encoding}: byte 0x{chunk[exc.start]:02x} "
                    f"at offset {offset + exc.start} (not text, or an unsupported encoding)"
                ) from None
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise InputError(f"{name}: cannot decode as {encoding}: truncated at end of input") from None


def iter_lines(opener: Opener, encoding: str) -> Iterator[str]:
    """Yield the decoded lines without their line endings (\\n, \\r\\n or \\r)."""
    with opener() as f:
        text = io.TextIOWrapper(f, encoding=encoding, errors="strict", newline=None)
        for line in text:
            yield line.rstrip("\n")


def bytes_opener(data: bytes) -> Opener:
    return lambda: io.BytesIO(data)
