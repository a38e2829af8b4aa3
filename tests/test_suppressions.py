"""Inline suppressions (disable= before a paper, disable-file= for the file) and unused ones."""

import json

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


def test_unused_suppressions_are_reported_only_when_asked(capsys, tmp_path):
    text = digest(
        entry(1, votes=None, before="<!-- summary-lint: disable=missing-votes -->"),  # used
        entry(2, before="<!-- summary-lint: disable=missing-votes,missing-vote,s002 -->"),  # unused, unknown x2
        header="<!-- summary-lint: disable-file=missing-authors -->",  # unused: every paper has authors
    )
    assert lint(capsys, tmp_path, text) == []
    found = lint(capsys, tmp_path, text, "--report-unused-suppressions")
    paper2 = header_line(text, 2)
    assert found == [
        (1, "unused-suppression", "file-wide suppression of 'missing-authors' is unused: the rule finds nothing here"),
        (paper2, "unused-suppression", "paper suppression names an unknown rule 'missing-vote'"),
        (paper2, "unused-suppression", "paper suppression names an unknown rule 's002'"),
        (paper2, "unused-suppression", "paper suppression of 'missing-votes' is unused: the rule finds nothing here"),
    ]


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
