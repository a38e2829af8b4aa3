"""Files that travel beside the digests (``--sources``, ``--baseline``, configuration, rule packs):
read once and bounded like an input, strict UTF-8, and parsed with every failure as one line."""

from __future__ import annotations

import codecs
import json
import os
from typing import Any

from summary_lint.errors import InputError
from summary_lint.read.decode import DEFAULT_MAX_INPUT_SIZE, read_bounded


def read_utf8(path: str | os.PathLike[str], what: str, max_bytes: int = DEFAULT_MAX_INPUT_SIZE) -> str:
    """The text of a UTF-8 file (a BOM is dropped); InputError when it cannot be read or decoded."""
    data = read_side_file(path, what, max_bytes)
    return utf8_text(memoryview(data)[3 if data.startswith(codecs.BOM_UTF8) else 0:], os.fspath(path), what)


def read_side_file(path: str | os.PathLike[str], what: str, max_bytes: int = DEFAULT_MAX_INPUT_SIZE) -> bytearray:
    """The bytes of a file; InputError when it cannot be read."""
    name = os.fspath(path)
    try:
        return read_bounded(name, lambda: open(path, "rb"), max_bytes)
    except OSError as exc:
        raise InputError(f"{name}: cannot read {what}: {exc.strerror or exc}") from None


def utf8_text(data: bytes | bytearray | memoryview, name: str, what: str, offset: int = 0) -> str:
    """``data`` decoded as UTF-8; InputError naming the first byte that is not, at its offset in the
    file (after a BOM), ``data`` starting at ``offset``."""
    try:
        return str(data, "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: {what} is not UTF-8 (byte 0x{exc.object[exc.start]:02x} "
                         f"at offset {offset + exc.start})") from None


def json_value(text: str, where: str) -> Any:
    """A JSON document; InputError ``{where}: {why}`` for invalid JSON, a number too long to read,
    or nesting too deep to parse."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: {exc}") from None
    except ValueError:  # an integer of more than 4,300 digits (Python's guard against slow conversion)
        raise InputError(f"{where}: a number too long to read") from None
    except RecursionError:
        raise InputError(f"{where}: nested too deeply") from None
