"""Parse the daily-papers markdown digest, in every variant the real corpus uses.

An entry starts at ``### [Title](https://arxiv.org/abs/ID)`` and runs until the next entry.
Inside it: thumbnail (``![](…)``) or video (``[Watch Video](…)``, ``<video src>``),
``Vote: N``, ``Authors: a, b`` or ``Authors: ['a', 'b']``, and summary bullets that are plain or
labelled (``- **What's New**: …`` / ``- ***What's New***: …``). Lines that follow a bullet and are
not bullets themselves (numbered lists, nested bullets, wrapped text) continue that bullet.
An entry also ends at any other heading, a thematic break (``---``), or an unindented paragraph
after a blank line once its summary has started (in every real digest the summary is one block).
Text outside entries (README wrapper, headers, footers) is ignored.
``<!-- summary-lint: ACTION=RULES -->`` comments are recorded with their position; a ``disable=``
comment is bound here to the entry it sits in, or to the entry whose heading follows it on the
next line (outside every entry: the next entry after blank lines). ``engine.suppressions`` applies them.
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Iterable
from typing import Any

from summary_lint.model import Digest, Suppression, build_paper

DATE = re.compile(r"^##\s+Daily Papers\s*\(([^)]*)\)")
ENTRY = re.compile(r"^###\s+\[(?P<title>.*)\]\((?P<url>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)\s*$")
# Any other ``### [Title…`` line is an entry too (text after the link, or no link at all).
ENTRY_LOOSE = re.compile(r"^###\s+\[(?P<title>[^\]]*)\](?:\((?P<url>[^()\s]*)\))?")
HEADING = re.compile(r"^#{1,6}(?:\s|$)")
THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
IMAGE = re.compile(r"^!\[[^\]]*\]\((?P<url>[^)\s]*)\)")
WATCH_VIDEO = re.compile(r"^\[Watch Video\]\(?(?P<url>[^)\s]+)\)?", re.IGNORECASE)
VIDEO_TAG = re.compile(r"<video\b[^<>]*?\bsrc=[\"'](?P<url>[^\"']+)[\"']", re.IGNORECASE)  # [^<>]: linear time
# A value runs to its last non-space character: greedily (``.*?\s*$`` tried the end at every character).
VOTE = re.compile(r"^Vote:\s*(?P<value>(?:.*\S)?)\s*$", re.IGNORECASE)
AUTHORS = re.compile(r"^Authors:\s*(?P<value>(?:.*\S)?)\s*$", re.IGNORECASE)
# A bullet's markup; its text is the rest of the line. Matched without its text (``.*$`` went over
# the text character by character, twice with the label's): a line holds no line break.
BULLET = re.compile(r"[-*+]\s+(?=\S)")
FIRST = {"THEMATIC_BREAK": "-*_", "BULLET": "-*+", "IMAGE": "!", "WATCH_VIDEO": "[", "VOTE": "vV", "AUTHORS": "aA"}
"""The characters a line (BULLET) or its stripped text (the others) must start with for the pattern
to match: the reader tries each pattern only there (case-insensitive v and a fold from no other).
A thematic break's stripped text also ends with one of its characters."""
# A bold label at the start of a bullet's text: **Label**: text, ***Label***: text, **Label:** text.
# The label is every character up to the first ``*`` or ``:`` (none can end it sooner).
LABEL = re.compile(r"(?P<open>\*{1,3})(?P<label>[^*:\n]{1,80})(?P<close>:\*{1,3}|\*{1,3}:)\s*")
SUPPRESS = re.compile(r"<!--\s*summary-lint:\s*(?P<action>disable-file|disable-next-line|disable-line|disable|enable)"
                      r"\s*(?:=(?P<rules>[^>]*))?-->")
# arXiv ids: YYMM.NNNN until 2014, YYMM.NNNNN since 2015 (so 2407.0436 is malformed); old archive/NNNNNNN.
ARXIV_ID = (r"(?:0[7-9]|1[0-4])(?:0[1-9]|1[0-2])\.\d{4}|(?:1[5-9]|[2-9]\d)(?:0[1-9]|1[0-2])\.\d{5}"
            r"|[a-z][a-z.-]*(?:\.[A-Z]{2})?/\d{7}")
ARXIV_URL = re.compile(rf"^https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/(?P<id>{ARXIV_ID})(?:v\d+)?(?:\.pdf)?/?$")


def arxiv_id_from_url(url: str | None) -> str | None:
    """The arXiv id of an abs/pdf link, or None when the link is not a well-formed arXiv link."""
    if not url:
        return None
    m = ARXIV_URL.match(url.strip())
    return m.group("id") if m else None


def parse_authors(value: str) -> list[str]:
    """Authors as a comma list or as a Python list literal (``['A', 'B']``)."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        with warnings.catch_warnings():  # e.g. "invalid escape sequence" for a backslash in a name
            warnings.simplefilter("ignore")
            try:
                parsed = ast.literal_eval(value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                parsed = None
        if isinstance(parsed, list):
            return [str(a).strip() for a in parsed if str(a).strip()]
    return [name for name in [a.strip(" \t'\"[]") for a in value.split(",")] if name]


def split_label(line: str, start: int = 0) -> tuple[str | None, int]:
    """The label of the bullet text ``line[start:]`` (``**Label**: text``; None if unlabelled) and
    where its text starts (past the label: ``start`` if unlabelled)."""
    if m := LABEL.match(line, start):
        return m.group("label").strip(), m.end()
    return None, start


def parse_votes(value: str) -> int | None:
    return int(value) if re.fullmatch(r"[0-9]{1,9}", value) else None  # ASCII digits only (not "١٢")


def _split_rules(value: str | None) -> list[str]:
    """``RULES`` of a comment; none given (no ``=``) means all."""
    if value is None:
        return ["all"]
    return [r.strip() for r in value.split(",") if r.strip()]


class _OpenPaper:
    """An entry still being read. Its Paper is built once it closes, from every field at once (its
    media and sections too, as dicts: ``build_paper``): one validation, not a pydantic assignment
    per metadata line."""

    __slots__ = ("fields", "line", "media", "sections", "stray_lines")

    def __init__(self, line: int, fields: dict[str, Any]) -> None:
        self.line = line
        self.fields = fields
        """The fields read so far, besides the lists below and ``end_line``."""
        self.media: list[dict[str, Any]] = []
        self.sections: list[dict[str, Any]] = []
        """Each section's fields; the open one's ``text`` is set when it closes (``_Builder.section``)."""
        self.stray_lines: list[tuple[int, str]] = []


class _Builder:
    """Accumulates one digest while lines stream in."""

    def __init__(self, file: str, encoding: str) -> None:
        self.digest = Digest(file=file, encoding=encoding, format="markdown")
        self.paper: _OpenPaper | None = None
        self.end_line = 0
        """Last line of the open entry, written to its paper when it closes (not once per line)."""
        self.section: dict[str, Any] | None = None
        """The fields of the section still being read (the last of the open entry's ``sections``).
        Its ``text`` is joined from ``section_lines`` once it closes: appending to a text line by line
        copies the text each time (80,000 continuation lines took over a minute)."""
        self.section_lines: list[str] = []
        self.blank_after_section = False
        self.waiting: list[tuple[Suppression, _OpenPaper | None]] = []
        """``disable`` comments on lines of their own, with the entry open where they stand: the
        next line says which entry they bind to."""

    def close_section(self) -> None:
        if self.section is not None:
            self.section["text"] = "\n".join(self.section_lines)
        self.section = None

    def close_paper(self) -> None:
        self.close_section()
        p = self.paper
        if p is not None:
            self.digest.papers.append(build_paper(**p.fields, end_line=self.end_line, media=p.media,
                                                  sections=p.sections, stray_lines=p.stray_lines))
        self.paper = None
        self.blank_after_section = False

    def start_paper(self, lineno: int, title: str, url: str | None) -> None:
        self.close_paper()
        self.paper = _OpenPaper(lineno, {"file": self.digest.file, "line": lineno, "title": title.strip(), "url": url,
                                         "arxiv_id": arxiv_id_from_url(url)})
        self.end_line = lineno

    def read(self, lines: Iterable[str], first_line: int = 1) -> None:
        """Every line, in order (numbered from ``first_line``). A blank line, half of a digest's, is
        taken here, without a call: it only marks the end of a summary block and settles waiting
        comments."""
        for lineno, line in enumerate(lines, start=first_line):
            stripped = line.strip()
            if "<!--" in line:
                self._feed_comments(lineno, line, stripped)
            elif stripped:
                self._read(lineno, line, stripped)
                if self.waiting:
                    self._settle(lineno, blank=False)
            else:
                self.blank_after_section = self.section is not None
                if self.waiting:
                    self._settle(lineno, blank=True)

    def _feed_comments(self, lineno: int, line: str, stripped: str) -> None:
        """``read`` of a line that may hold ``<!-- summary-lint: … -->`` comments."""
        comments = [Suppression(action=m.group("action"), rules=_split_rules(m.group("rules")), line=lineno,
                                column=m.start() + 1) for m in SUPPRESS.finditer(line)]
        self.digest.suppressions.extend(comments)
        self._read(lineno, line, stripped)
        own_line = stripped.startswith("<!--")
        if self.waiting and not own_line:
            self._settle(lineno, blank=not stripped)
        for comment in comments:
            if comment.action != "disable":
                continue
            if own_line:
                self.waiting.append((comment, self.paper))
            elif self.paper is not None and lineno in (self.paper.line, self.end_line):
                comment.entry_line = self.paper.line  # trailing a line of the entry

    def _settle(self, lineno: int, blank: bool) -> None:
        """Bind waiting ``disable`` comments: to the entry whose heading this line is (a comment
        just before a heading), else to the entry they stand in. Outside every entry, a comment
        waits over blank lines for the next entry's heading."""
        heading = self.paper is not None and self.paper.line == lineno
        waiting, self.waiting = self.waiting, []
        for comment, open_paper in waiting:
            if heading:
                comment.entry_line = lineno
            elif blank and open_paper is None:
                self.waiting.append((comment, None))
            else:
                comment.entry_line = open_paper.line if open_paper is not None else None

    def finish(self) -> Digest:
        for comment, open_paper in self.waiting:
            comment.entry_line = open_paper.line if open_paper is not None else None
        return self.digest

    def _read(self, lineno: int, line: str, stripped: str) -> None:
        """One non-blank line. Each pattern is tried only on a line that starts as it must (a bullet
        with ``-``, ``*`` or ``+``, a thematic break with one of ``-*_`` after at most three spaces
        and ends so, the date header with ``##`` and a space, so never with ``###``)."""
        if stripped.startswith("<!--"):
            return
        if line.startswith("#"):  # every pattern of a header, an entry or a heading starts so
            if not line.startswith("###") and (m := DATE.match(line)):
                self.digest.date = self.digest.date or m.group(1).strip()
                self.close_paper()
                return
            if (m := ENTRY.match(line)) or (m := ENTRY_LOOSE.match(line)):
                self.start_paper(lineno, m.group("title"), m.group("url"))
                return
            if HEADING.match(line):
                self.close_paper()
                return
        elif stripped[0] in FIRST["THEMATIC_BREAK"] and stripped[-1] in FIRST["THEMATIC_BREAK"] \
                and THEMATIC_BREAK.match(line):
            self.close_paper()
            return
        paper = self.paper
        if paper is None:
            return
        bullet = BULLET.match(line) if line[0] in FIRST["BULLET"] else None
        if self.blank_after_section and not bullet and not line[0].isspace():
            self.close_paper()  # a paragraph after the summary (a footer, wrapper text) is not part of it
            return
        self.blank_after_section = False
        self.end_line = lineno
        if self.section is None and self._metadata(paper, lineno, line, stripped):
            return  # once the summary has started, everything belongs to it
        if bullet:
            self._start_section(paper, lineno, line, bullet)
        elif self.section is not None:
            self.section_lines.append(stripped)
            self.section["end_line"] = lineno
        else:
            paper.stray_lines.append((lineno, line))

    def _metadata(self, paper: _OpenPaper, lineno: int, line: str, stripped: str) -> bool:
        """Read a metadata line into ``paper``; False for any other line. Each pattern is tried
        only on a line with the first character it needs (case-insensitive ``v`` and ``a`` fold
        from no other character), in the same order."""
        first = stripped[0]
        if first in FIRST["IMAGE"] and (m := IMAGE.match(stripped)):
            paper.media.append({"kind": "image", "url": m.group("url"), "line": lineno, "column": 1})
        elif m := ((first in FIRST["WATCH_VIDEO"] and WATCH_VIDEO.match(stripped))
                   or ("<" in stripped and VIDEO_TAG.search(stripped))):
            paper.media.append({"kind": "video", "url": m.group("url"), "line": lineno, "column": 1})
        elif first in FIRST["VOTE"] and (m := VOTE.match(stripped)):
            votes_raw = m.group("value")
            paper.fields.update(votes_raw=votes_raw, votes=parse_votes(votes_raw), votes_line=lineno)
        elif first in FIRST["AUTHORS"] and (m := AUTHORS.match(stripped)):
            authors_raw = m.group("value")
            paper.fields.update(authors_raw=authors_raw, authors=parse_authors(authors_raw), authors_line=lineno,
                                authors_column=len(line) - len(line.lstrip()) + m.start("value") + 1)
        elif first == "<" and stripped.endswith(">"):
            pass  # other HTML wrappers around media (<div>, </div>)
        else:
            return False
        return True

    def _start_section(self, paper: _OpenPaper, lineno: int, line: str, bullet: re.Match[str]) -> None:
        self.close_section()
        label, start = split_label(line, bullet.end())
        self.section = {"label": label, "line": lineno, "column": start + 1, "end_line": lineno, "raw": line[:start]}
        self.section_lines = [line[start:].strip()]
        paper.sections.append(self.section)


def parse_markdown(lines: Iterable[str], file: str, encoding: str, first_line: int = 1) -> Digest:
    """The digest of ``lines`` (without their line breaks: ``decode.iter_lines``), the first of
    them line ``first_line`` of the file. An entry's paper depends only on its own lines, from its
    heading to its ``end_line``: given those alone, this parses that one paper."""
    builder = _Builder(file, encoding)
    builder.read(lines, first_line)
    builder.close_paper()
    return builder.finish()
