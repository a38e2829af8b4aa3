"""JSON / JSONL paper records: every accepted shape, line numbers per record, odd values never crash."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, parse_bytes

from summary_lint.errors import InputError

LABELS = ["What's New", "Technical Details", "Performance Highlights"]


def parse(text: str, input_format: str = "auto"):
    return parse_bytes(text.encode("utf-8"), "papers.json", input_format)


def test_json_array_with_sections_as_dict_and_summary_as_bullets():
    digest = parse_bytes((FIXTURES / "papers.json").read_bytes())
    assert digest.format == "json"
    graph, curriculum = digest.papers
    assert (graph.line, graph.arxiv_id, graph.votes, graph.authors) == (2, "2407.10001", 12,
                                                                        ["Ada Lovelace", "Alan Turing"])
    assert [s.label for s in graph.sections] == LABELS
    assert graph.url == "https://arxiv.org/abs/2407.10001"
    assert (curriculum.line, curriculum.arxiv_id, curriculum.votes) == (13, "2407.10002", 3)
    assert curriculum.authors == ["Emmy Noether", "Sofia Kovalevskaya"]
    assert [s.text for s in curriculum.sections] == ["난이도 순으로 문제를 샘플링하는 커리큘럼을 제안한다.",
                                                     "정답률이 4.2%p 향상되었다."]


def test_object_with_papers_array_ignores_a_nested_papers_key_and_unwraps_paper():
    digest = parse_bytes((FIXTURES / "papers-object.json").read_bytes())
    graph, curriculum = digest.papers
    assert graph.line == 4 and [s.label for s in graph.sections] == LABELS
    assert graph.authors == ["Ada Lovelace", "Alan Turing"]
    assert (curriculum.line, curriculum.arxiv_id, curriculum.votes) == (8, "2407.10002", 3)
    assert [s.label for s in curriculum.sections] == [None, None]


def test_jsonl_keeps_line_numbers_and_skips_blank_lines():
    digest = parse_bytes((FIXTURES / "papers.jsonl").read_bytes())
    assert [(p.line, p.arxiv_id) for p in digest.papers] == [(1, "2407.10001"), (3, "2407.10002")]
    assert [s.label for s in digest.papers[0].sections] == LABELS


def test_single_record_object_and_one_line_papers_container():
    (one,) = parse('{"title": "T", "arxiv_id": "2401.00001v3"}').papers
    assert one.arxiv_id == "2401.00001"
    both = parse('{"papers": [{"title": "A"}, {"title": "B"}]}').papers
    assert [p.title for p in both] == ["A", "B"]
    escaped = parse('{"pap\\u0065rs": [{"title": "A"}], "note": "\\"papers\\": ["}').papers
    assert [p.title for p in escaped] == ["A"]


def test_input_format_json_overrides_sniffing():
    digest = parse('\n\n  [\n{"title": "A"}]', "json")
    assert digest.format == "json" and digest.papers[0].line == 4


@pytest.mark.parametrize(("record", "votes", "votes_raw"), [
    ({"upvotes": 0}, 0, "0"),
    ({"votes": -3}, None, "-3"),
    ({"votes": True}, None, "True"),
    ({"votes": 2.5}, None, "2.5"),
    ({"votes": "7"}, 7, "7"),
    ({"votes": 7.0}, None, "7.0"),
])
def test_vote_values(record, votes, votes_raw):
    (paper,) = parse(json.dumps([{"title": "T", **record}])).papers
    assert (paper.votes, paper.votes_raw) == (votes, votes_raw)


@pytest.mark.parametrize("record", [
    {"url": 5}, {"url": ["https://arxiv.org/abs/2401.00001"]}, {"id": 2401.00001}, {"arxiv_id": None},
    {"authors": [{"name": 5}, {"name": None}, ["x"]]}, {"authors": {"a": 1}}, {"authors": 3},
    {"thumbnail": {"url": "x"}}, {"video": 7}, {"summary": 3}, {"summary": [[1], None, {"text": 2}]},
    {"summary": {"What's New": {"nested": [1, 2]}}}, {"summary": [{"label": [1], "text": "x"}]},
    {"disable": "all"}, {"paper": "not an object"},
])
def test_odd_value_types_never_crash(record):
    (paper,) = parse(json.dumps([{"title": "T", **record}])).papers
    assert paper.title == "T"
    assert paper.url is None or isinstance(paper.url, str)


@pytest.mark.parametrize("text", [
    "3", '"text"', "null", "[1, 2]", "[[1, [2]]]", '{"papers": 3}', '{"papers": [3]}', '{"title": ["x"]}',
    '[{"title": ""}]', "[", '{"title": "x"', '{"title": "A"}\n[1]\n', '{"title": "A"}\n{oops}\n',
    "[" * 100_000, '{"a": ' * 50_000,
])
def test_arbitrary_json_shapes_are_input_errors_never_tracebacks(text):
    with pytest.raises(InputError):
        parse(text, "json")


def test_error_messages_name_the_file_and_the_line():
    with pytest.raises(InputError, match=r"^papers\.json:2: invalid JSON line"):
        parse('{"title": "A"}\n{oops}\n')
    with pytest.raises(InputError, match=r"^papers\.json: invalid JSON"):
        parse('[{"title": "A"},]')


def test_empty_array_has_no_papers():
    assert parse("[]").papers == []


@pytest.mark.parametrize(("summary", "sections"), [
    ("- **What's New**: 새 방법.\n  - 세부 항목\n- **Technical Details**: 구조.",
     [("What's New", "새 방법.\n- 세부 항목"), ("Technical Details", "구조.")]),
    ("* 첫 항목\n\n+ 둘째 항목", [(None, "첫 항목"), (None, "둘째 항목")]),
    ("한 문단으로 된 요약.\n이어지는 문장.", [(None, "한 문단으로 된 요약.\n이어지는 문장.")]),
])
def test_summary_text_is_split_into_bullets_like_a_digest(summary, sections):
    (paper,) = parse(json.dumps([{"title": "T", "summary": summary}])).papers
    assert [(s.label, s.text) for s in paper.sections] == sections
