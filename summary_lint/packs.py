"""Rule packs: data files (TOML, TSV, word lists) that configure and feed the rules.

The built-in packs live in the repository's ``rules/`` folder and are installed inside the package
as ``summary_lint/rules``. Users add folders of their own (``rules-path``); a file there with the
same relative name extends the built-in one: TOML lists are concatenated and tables merged, TSV
rows and word lists follow the built-in ones (a table keyed by its first column lets a later row
replace an earlier one).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from summary_lint.errors import ConfigError, InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@cache
def builtin_dir() -> Path:
    """The installed packs, or the checkout's ``rules/`` when running from a source tree (looked up
    once: every pack a run reads asks for it, and resolving the path takes several system calls)."""
    installed = Path(__file__).with_name("rules")
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "rules"


def read_toml(path: Path, what: str = "rule pack") -> dict[str, Any]:
    """A TOML file's tables; any problem (unreadable, not UTF-8, invalid TOML) is one ConfigError line."""
    from summary_lint.read.side_files import read_utf8

    try:
        return tomllib.loads(read_utf8(path, what))
    except InputError as exc:
        raise ConfigError(str(exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None


@cache
def _read_toml(path: Path) -> dict[str, Any]:
    return read_toml(path)


@cache
def load_user_pack(name: str, path: Path) -> dict[str, Any]:
    """A pack from a ``rules-path`` folder, validated (its patterns guarded) before any rule uses it."""
    from summary_lint.pack_schema import check_user_pack

    data = read_toml(path)
    check_user_pack(name, path, data)
    return data


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge ``extra`` into a copy of ``base``: tables merge, lists concatenate, values replace."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + [v for v in value if v not in out[key]]
        else:
            out[key] = value
    return out


def pack_files(name: str, extra_dirs: tuple[str, ...] = ()) -> list[Path]:
    """``rules/<name>`` and the same-named files of the user's rule folders, those present, in
    that order (later files extend or override earlier ones)."""
    return [path for folder in (builtin_dir(), *map(Path, extra_dirs)) if (path := folder / name).is_file()]


def load_pack(name: str, extra_dirs: tuple[str, ...] = ()) -> dict[str, Any]:
    """Load ``rules/<name>.toml`` merged with same-named files from the user's rule folders."""
    files = pack_files(f"{name}.toml", extra_dirs)
    if not files:
        raise ConfigError(f"rule pack not found: {name}.toml")
    builtin = builtin_dir() / f"{name}.toml"
    data: dict[str, Any] = {}
    for path in files:  # the user's files are validated (patterns guarded) before a rule reads them
        data = merge(data, _read_toml(path) if path == builtin else load_user_pack(name, path))
    return data


@dataclass(frozen=True)
class Table:
    """A TSV pack as its first two columns (``key<TAB>value``; later columns are not read), row by
    row, and the values its header states (``# documents<TAB>18769``)."""

    keys: tuple[str, ...]
    values: tuple[str, ...]
    header: dict[str, str]

    def header_int(self, key: str) -> int:
        """A header value that must be a whole number (0 when the header does not state it)."""
        value = self.header.get(key, "0")
        try:
            return int(value)
        except ValueError:
            raise ConfigError(f"rule pack header {key!r}: not a whole number: {value!r}") from None


def load_table(name: str, extra_dirs: tuple[str, ...] = ()) -> Table:
    """Rows of ``rules/<name>`` (a TSV file) followed by those of same-named files in the user's
    rule folders. Rows have at least two fields; blank lines and ``#`` comments are skipped,
    except a comment of two fields (``# key<TAB>value``), which is a header value (a later file's
    replaces an earlier one's). No file at all is an empty table: the rules then do without it."""
    keys: list[str] = []
    values: list[str] = []
    header: dict[str, str] = {}
    for path in pack_files(name, extra_dirs):
        file_keys, file_values, file_header = _read_tsv(path)
        keys += file_keys
        values += file_values
        header.update(file_header)
    return Table(tuple(keys), tuple(values), header)


COMMENT_LINES = re.compile(r"(?:#[^\n]*(?:\n|\Z))*")
"""The comment lines at the top of a TSV pack."""
ODD_LINE = re.compile(r"\n[\s#]")
"""A line, below the first, that is blank, starts with white space or is a comment."""
NOT_SEPARATORS = bytes(sorted(set(range(256)) - set(b"\t\n")))
"""Every byte but tab and line feed: deleted, they leave a text's separators in order."""


@cache
def _read_tsv(path: Path) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, str]]:
    """The keys, values and header values of one TSV file. The frequency pack has 22,000 rows,
    read on every run: when the comment lines are at the top and the rows below them all have the
    same number of fields (the built-in packs do: their tabs and line breaks alone, in order, repeat
    one row's), they are split at once and the columns taken as slices, with no step per row
    (en-df: 74 -> 27 M instructions); any other file is read row by row (``_rows_one_by_one``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid rule pack: {exc}") from None
    top = COMMENT_LINES.match(text).end()  # type: ignore[union-attr]
    rows = text[top:].removesuffix("\n")
    width = rows.partition("\n")[0].count("\t") + 1
    if width > 1 and not rows[0].isspace() and not ODD_LINE.search(rows):
        separators = rows.encode().translate(None, NOT_SEPARATORS) + b"\n"
        if separators == (b"\t" * (width - 1) + b"\n") * (rows.count("\n") + 1):
            fields = rows.replace("\n", "\t").split("\t")
            return tuple(fields[0::width]), tuple(fields[1::width]), _header(text[:top].split("\n"))
    return _rows_one_by_one(path, text.split("\n"))


def _header(lines: list[str]) -> dict[str, str]:
    """The header values of a TSV file's comment lines (``# key<TAB>value``), later ones replacing earlier ones."""
    header = {}
    for line in [line for line in lines if line and line[0] == "#"]:
        key, tab, value = line[1:].strip().partition("\t")
        if tab and "\t" not in value:
            header[key] = value
    return header


def _rows_one_by_one(path: Path, lines: list[str]) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, str]]:
    """``_read_tsv`` of any TSV file, from its lines. Line numbers are counted only for an error."""
    rows = [line for line in lines if line and line[0] != "#" and not line.isspace()]
    tabs = set(map(str.count, rows, repeat("\t")))
    if 0 in tabs:
        number, fields = next((n, fields) for n, line in enumerate(lines, 1) if line.strip() and line[0] != "#"
                              and len(fields := line.split("\t")) < 2)
        raise ConfigError(f"{path}:{number}: invalid rule pack: expected 2 "
                          f"tab-separated fields, found {len(fields)}")
    if len(tabs) == 1:  # rows of one width, below or between comments
        width = tabs.pop() + 1
        fields = "\t".join(rows).split("\t")
        return tuple(fields[0::width]), tuple(fields[1::width]), _header(lines)
    split = [row.split("\t", 2) for row in rows]  # rows of different widths
    return tuple(map(itemgetter(0), split)), tuple(map(itemgetter(1), split)), _header(lines)


def load_words(name: str, extra_dirs: tuple[str, ...] = ()) -> frozenset[str]:
    """The words of ``rules/<name>`` (a word list: words separated by white space, ``#`` comments)
    and of same-named files in the user's rule folders; no file at all is an empty list."""
    words: set[str] = set()
    for path in pack_files(name, extra_dirs):
        words.update(_read_words(path))
    return frozenset(words)


@cache
def _read_words(path: Path) -> tuple[str, ...]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid rule pack: {exc}") from None
    return tuple(word for line in text.splitlines() for word in line.partition("#")[0].split())
