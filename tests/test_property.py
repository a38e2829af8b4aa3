"""Property tests: reading and parsing never raise anything but InputError, whatever the input."""

from __future__ import annotations

import json

import pytest
from conftest import parse_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summary_lint import lint_text
from summary_lint.errors import InputError

FORMATS = ("auto", "markdown", "json")
STRUCTURAL = [f"S{n:03d}" for n in range(1, 11)]
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Lines a digest is made of, with the parts that trip parsers: brackets, stars, odd ids, list literals.
MARKDOWN_LINE = st.one_of(
    st.text(max_size=40),
    st.builds("### [{}]({})".format, st.text(max_size=20), st.sampled_from(
        ["https://arxiv.org/abs/2407.04363", "https://arxiv.org/abs/2407.0436", "", "x(y)", "https://arxiv.org/pdf/0801.1234v2"])),
    st.builds("### [{}".format, st.text(max_size=20)),
    st.builds("Vote: {}".format, st.text(max_size=6)),
    st.builds("Authors: {}".format, st.one_of(st.text(max_size=30), st.lists(st.text(max_size=8)).map(repr))),
    st.builds("- {}{}: {}".format, st.sampled_from(["", "*", "**", "***"]), st.text(max_size=15), st.text(max_size=30)),
    st.builds("![]({})".format, st.text(max_size=20)),
    st.builds("[Watch Video]{}".format, st.text(max_size=20)),
    st.sampled_from(["", "---", "## Daily Papers (2024-07-08)", "# Title", "  - nested", "<!-- summary-lint: disable=all -->",
                     "<div><video controls src=\"https://x/2407.04363.mp4\"></video></div>"]),
)
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
RECORD = st.dictionaries(
    st.sampled_from(["title", "arxiv_id", "id", "url", "authors", "upvotes", "votes", "summary", "sections",
                     "thumbnail", "video", "paper", "disable", "name", "label", "text"]),
    JSON_VALUE, max_size=8,
)


def parses_or_input_error(data: bytes, input_format: str) -> None:
    try:
        parse_bytes(data, "fuzz.md", input_format)
    except InputError as exc:
        assert "\n" not in str(exc)


@pytest.mark.parametrize("input_format", FORMATS)
@FAST
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes(input_format, data):
    parses_or_input_error(data, input_format)


@pytest.mark.parametrize("input_format", FORMATS)
@FAST
@given(text=st.text(max_size=300))
def test_arbitrary_text(input_format, text):
    parses_or_input_error(text.encode("utf-8", "surrogatepass"), input_format)


@FAST
@given(lines=st.lists(MARKDOWN_LINE, max_size=25), newline=st.sampled_from(["\n", "\r\n", "\r"]))
def test_digest_like_markdown_parses_and_the_structural_rules_run(lines, newline):
    try:
        report = lint_text(newline.join(lines), config={"select": STRUCTURAL}, input_format="markdown")
    except InputError:
        return
    for paper in report.papers:
        assert 0 <= paper.score <= 100
        assert all(f.line >= 1 and f.column >= 1 for f in paper.findings)


@FAST
@given(value=st.one_of(JSON_VALUE, st.lists(RECORD, max_size=4), st.fixed_dictionaries({"papers": st.lists(RECORD, max_size=4)})),
       jsonl=st.booleans())
def test_json_shapes_and_records(value, jsonl):
    text = "\n".join(json.dumps(v) for v in value) if jsonl and isinstance(value, list) else json.dumps(value, indent=1)
    try:
        report = lint_text(text, config={"select": STRUCTURAL}, input_format="json")
    except InputError:
        return
    assert all(0 <= p.score <= 100 for p in report.papers)


@FAST
@given(text=st.lists(st.one_of(st.text(max_size=10), st.sampled_from(["\n", "\r\n", "\r", "\f", "\x85", "\u2028"])),
                     max_size=12).map("".join))
def test_lines_are_split_as_universal_newlines_split_them(text):
    """The single in-memory read splits lines exactly as the streaming reader it replaced did."""
    import io

    from summary_lint.read.decode import iter_lines

    stream = io.TextIOWrapper(io.BytesIO(text.encode("utf-8", "surrogatepass")), "utf-8", "surrogatepass", newline=None)
    assert list(iter_lines(text)) == [line.rstrip("\n") for line in stream]


@FAST
@given(text=st.lists(st.sampled_from(["a", "bc", "\n", "\r\n", "\r", "\f"]), max_size=16).map("".join),
       block=st.integers(min_value=1, max_value=6))
def test_lines_split_in_blocks_are_the_lines_split_at_once(text, block):
    """``iter_lines`` splits a block of text at a time: a block's end never cuts or adds a line."""
    from unittest import mock

    from summary_lint.read import decode

    whole = list(decode.iter_lines(text))
    with mock.patch.object(decode, "LINES_BLOCK", block):
        assert list(decode.iter_lines(text)) == whole


@FAST
@given(data=st.binary(max_size=3000), limit=st.integers(1, 4000))
def test_reading_is_bounded_and_whole(data, limit):
    """An input is read whole when it fits the limit and refused in one line when it does not."""
    from summary_lint.read.decode import bytes_opener, read_bounded

    try:
        assert read_bounded("x", bytes_opener(data), limit) == data
        assert len(data) <= limit
    except InputError as exc:
        assert "\n" not in str(exc) and (len(data) > limit or "binary input" in str(exc))
