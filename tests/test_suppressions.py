"""Inline suppressions: entry, file, line and range forms, and the unused ones (the engine's suppression pass)."""

import json

import pytest
from digest_builder import digest, entry

from summary_lint.cli.main import main

SELECT = "--select=missing-votes,missing-authors"


def lint(capsys, tmp_path, text: str, *argv: str) -> list[tuple[int, str, str]]:
    """(line, rule, message) of every finding in ``text`` linted as a file."""
    path = tmp_path / "day.md"
    path.write_text(text, encoding="utf-8")
    main(["--format", "json", SELECT, *argv, str(path)])
    report = json.loads(capsys.readouterr().out)
    return [(f["line"], f["rule"], f["message"]) for p in report["papers"] for f in p["findings"]]


def header_line(text: str, n: int) -> int:
    """Line number of entry ``n``'s heading."""
    return text.splitlines().index(entry(n).splitlines()[0]) + 1


def test_disable_before_a_paper_applies_to_that_paper_only(capsys, tmp_path):
    text = digest(entry(1, votes=None, before="<!-- summary-lint: disable=missing-votes -->"), entry(2, votes=None))
    assert [(line, rule) for line, rule, _ in lint(capsys, tmp_path, text)] == [(header_line(text, 2), "missing-votes")]
    by_code = text.replace("disable=missing-votes", "disable=S002")
    assert [(line, rule) for line, rule, _ in lint(capsys, tmp_path, by_code)] == [(header_line(text, 2), "missing-votes")]


def test_disable_file_applies_to_every_paper(capsys, tmp_path):
    text = digest(entry(1, votes=None), entry(2, votes=None),
                  header="<!-- summary-lint: disable-file=missing-votes, missing-authors -->")
    assert lint(capsys, tmp_path, text) == []


def comment_line(text: str, comment: str) -> int:
    return text.splitlines().index(comment) + 1


def test_unused_suppressions_are_reported_only_when_asked(capsys, tmp_path):
    text = digest(
        entry(1, votes=None, before="<!-- summary-lint: disable=missing-votes -->"),  # used
        entry(2, before="<!-- summary-lint: disable=missing-votes,missing-vote,s002 -->"),  # unused, unknown x2
        header="<!-- summary-lint: disable-file=missing-authors -->",  # unused: every paper has authors
    )
    assert lint(capsys, tmp_path, text) == []
    found = lint(capsys, tmp_path, text, "--report-unused-suppressions")
    comment2 = header_line(text, 2) - 1
    assert found == [
        (1, "unused-suppression", "file-wide suppression of 'missing-authors' is unused: the rule finds nothing here"),
        (comment2, "unused-suppression", "paper suppression names an unknown rule 'missing-vote'"),
        (comment2, "unused-suppression", "paper suppression names an unknown rule 's002'"),
        (comment2, "unused-suppression", "paper suppression of 'missing-votes' is unused: the rule finds nothing here"),
    ]


ENTRY_A = """### [Paper A](https://arxiv.org/abs/2401.00001)
Authors: Author A

- **What's New**: 위젯 문제를 다루는 새로운 방법을 제안합니다.{trailing}
{after}
### [Paper B](https://arxiv.org/abs/2401.00002)
Authors: Author B

- **What's New**: 위젯 데이터를 두 단계로 처리합니다.
"""


@pytest.mark.parametrize(("trailing", "after"), [
    (" <!-- summary-lint: disable=all -->", ""),  # at the end of A's last bullet
    ("", "<!-- summary-lint: disable=all -->\n"),  # on its own line after A's last bullet, then a blank line
    ("", "\n<!-- summary-lint: disable=all -->\n"),  # after a blank line, then a blank line before B
])
def test_a_comment_inside_an_entry_never_silences_the_next_paper(capsys, tmp_path, trailing, after):
    text = ENTRY_A.format(trailing=trailing, after=after)
    found = lint(capsys, tmp_path, text)
    assert [(rule, line) for line, rule, _ in found] == [("missing-votes", header_line_of(text, "Paper B"))]


def header_line_of(text: str, title: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(f"### [{title}]"))


def test_a_comment_on_its_own_line_inside_an_entry_applies_to_that_entry(capsys, tmp_path):
    text = ENTRY_A.format(trailing="", after="").replace(
        "Authors: Author A\n", "Authors: Author A\n<!-- summary-lint: disable=missing-votes -->\n")
    assert [line for line, _, _ in lint(capsys, tmp_path, text)] == [header_line_of(text, "Paper B")]


def test_a_comment_outside_entries_waits_over_blank_lines_for_the_next_entry(capsys, tmp_path):
    text = "## Daily Papers (2030-01-02)\n\n<!-- summary-lint: disable=missing-votes -->\n\n" + ENTRY_A.format(
        trailing="", after="")
    assert [line for line, _, _ in lint(capsys, tmp_path, text)] == [header_line_of(text, "Paper B")]


def test_disable_line_and_disable_next_line_cover_only_their_line(capsys, tmp_path):
    text = ENTRY_A.format(trailing="", after="").replace(
        "### [Paper A](https://arxiv.org/abs/2401.00001)",
        "<!-- summary-lint: disable-next-line=missing-votes -->\n### [Paper A](https://arxiv.org/abs/2401.00001)\n"
        "<!-- summary-lint: disable-next-line=missing-votes -->").replace(
        "### [Paper B](https://arxiv.org/abs/2401.00002)",
        "### [Paper B](https://arxiv.org/abs/2401.00002) <!-- summary-lint: disable-line=S002 -->")
    assert lint(capsys, tmp_path, text) == []
    found = lint(capsys, tmp_path, text, "--report-unused-suppressions")
    second = text.splitlines().index("<!-- summary-lint: disable-next-line=missing-votes -->", 2) + 1
    assert found == [(second, "unused-suppression",
                      "next-line suppression of 'missing-votes' is unused: the rule finds nothing here")]
    moved = text.replace(" <!-- summary-lint: disable-line=S002 -->", "\n<!-- summary-lint: disable-line=S002 -->")
    assert [rule for _, rule, _ in lint(capsys, tmp_path, moved)] == ["missing-votes"]


def test_disable_enable_ranges_cover_the_lines_between(capsys, tmp_path):
    body = digest(entry(1, votes=None), entry(2, votes=None), entry(3, votes=None))
    lines = body.splitlines()
    start, end = lines.index(entry(1).splitlines()[0]), lines.index(entry(3).splitlines()[0])
    lines.insert(end, "<!-- summary-lint: enable=S002 -->")
    lines.insert(start, "<!-- summary-lint: disable=missing-votes, missing-authors -->")
    text = "\n".join(lines) + "\n"
    (line, rule, _), = lint(capsys, tmp_path, text)  # paper 3, after the range
    assert (rule, line) == ("missing-votes", header_line(text, 3))
    found = lint(capsys, tmp_path, text, "--report-unused-suppressions")
    # missing-authors was not closed: it covers entry 1 only, where it finds nothing
    assert [(rule, message) for _, rule, message in found if rule == "unused-suppression"] == [
        ("unused-suppression", "paper suppression of 'missing-authors' is unused: the rule finds nothing here")]


def test_enable_alone_closes_every_open_disable_and_a_stray_enable_is_reported(capsys, tmp_path):
    text = digest(entry(1, votes=None, before="<!-- summary-lint: disable=all -->"), entry(2, votes=None))
    text = text.replace(entry(2, votes=None).splitlines()[0],
                        "<!-- summary-lint: enable -->\n" + entry(2, votes=None).splitlines()[0])
    assert [rule for _, rule, _ in lint(capsys, tmp_path, text)] == ["missing-votes"]
    text += "<!-- summary-lint: enable=missing-votes -->\n"
    found = lint(capsys, tmp_path, text, "--report-unused-suppressions")
    assert found[-1][1:] == ("unused-suppression", "enable of 'missing-votes' closes no disable")


def test_a_comment_that_binds_to_no_entry_is_reported(capsys, tmp_path):
    text = digest(entry(1, votes=None)) + "\n## Footer\n\n<!-- summary-lint: disable=missing-votes -->\n"
    found = lint(capsys, tmp_path, text, "--report-unused-suppressions")
    assert [rule for _, rule, _ in found] == ["missing-votes", "unused-suppression"]
    assert "binds to no entry" in found[1][2]


def test_unused_suppression_findings_can_be_silenced_too(capsys, tmp_path):
    text = digest(entry(1, before="<!-- summary-lint: disable=missing-votes -->"),
                  header="<!-- summary-lint: disable-file=unused-suppression -->")
    assert lint(capsys, tmp_path, text, "--report-unused-suppressions") == []


def test_a_json_records_disable_list_applies_to_that_record(capsys, tmp_path):
    records = [{"title": "Widget study", "url": "https://arxiv.org/abs/2401.00001", "authors": ["A"], "upvotes": 3,
                "summary": "위젯 문제를 다루는 새로운 방법을 제안합니다.", "disable": ["missing-authors"]},
               {"title": "Gadget study", "url": "https://arxiv.org/abs/2401.00002", "authors": [], "upvotes": 3,
                "summary": "가젯 문제를 다루는 새로운 방법을 제안합니다.", "disable": ["missing-votes"]},
               {"title": "Gizmo study", "url": "https://arxiv.org/abs/2401.00003", "authors": [], "upvotes": 3,
                "summary": "기즈모 문제를 다루는 새로운 방법을 제안합니다.", "disable": ["missing-authors"]}]
    path = tmp_path / "day.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    main(["--format", "json", SELECT, str(path)])
    report = json.loads(capsys.readouterr().out)
    assert [[f["rule"] for f in p["findings"]] for p in report["papers"]] == [[], ["missing-authors"], []]


def test_unused_suppressions_never_change_a_score(capsys, tmp_path):
    text = digest(entry(1, before="<!-- summary-lint: disable=missing-votes -->"))
    path = tmp_path / "day.md"
    path.write_text(text, encoding="utf-8")
    assert main(["--format", "json", SELECT, "--report-unused-suppressions", str(path)]) == 0
    paper = json.loads(capsys.readouterr().out)["papers"][0]
    assert paper["score"] == 100 and paper["findings"][0]["severity"] == "warning"


def test_rules_not_enabled_in_the_run_are_not_judged(capsys, tmp_path):
    text = digest(entry(1, before="<!-- summary-lint: disable=invalid-votes, all -->"))
    assert lint(capsys, tmp_path, text, "--report-unused-suppressions") == []
