"""--write-baseline / --baseline: accepted findings stay quiet until their summary changes."""

import json

import pytest
from digest_builder import digest, entry

from summary_lint.cli.main import main

SELECT = "--select=missing-votes,missing-authors"


@pytest.fixture
def day(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "day.md"
    path.write_text(digest(entry(1, votes=None), entry(2)), encoding="utf-8")
    return path


def findings(capsys, *argv: str) -> tuple[int, list[tuple[str, str]]]:
    code = main(["--format", "json", SELECT, *argv])
    report = json.loads(capsys.readouterr().out)
    return code, [(p["arxiv_id"], f["rule"]) for p in report["papers"] for f in p["findings"]]


def test_write_baseline_records_findings_and_exits_zero(capsys, day):
    assert main([SELECT, "--write-baseline", "baseline.json", str(day)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == "summary-lint: recorded 1 findings in baseline.json\n"
    data = json.loads((day.parent / "baseline.json").read_text())
    assert data["version"] == 1
    assert [(e["paper"], e["rule"]) for e in data["findings"]] == [("2401.00001", "missing-votes")]


def test_baselined_findings_are_not_reported_and_new_ones_are(capsys, day):
    main([SELECT, "--write-baseline", "baseline.json", str(day)])
    capsys.readouterr()
    assert findings(capsys, "--baseline", "baseline.json", str(day)) == (0, [])
    day.write_text(digest(entry(1, votes=None), entry(2, votes=None)), encoding="utf-8")
    assert findings(capsys, "--baseline", "baseline.json", str(day))[1] == [("2401.00002", "missing-votes")]


def test_moving_an_entry_keeps_it_baselined(capsys, day):
    main([SELECT, "--write-baseline", "baseline.json", str(day)])
    capsys.readouterr()
    day.write_text(digest(entry(2), entry(1, votes=None), header="# Moved around\n"), encoding="utf-8")
    assert findings(capsys, "--baseline", "baseline.json", str(day))[1] == []


def test_a_rewritten_summary_brings_its_findings_back(capsys, day):
    main([SELECT, "--write-baseline", "baseline.json", str(day)])
    capsys.readouterr()
    day.write_text(digest(entry(1, topic="가젯", votes=None), entry(2)), encoding="utf-8")
    assert findings(capsys, "--baseline", "baseline.json", str(day))[1] == [("2401.00001", "missing-votes")]


def test_each_recorded_finding_absorbs_one_occurrence(capsys, day):
    main([SELECT, "--write-baseline", "baseline.json", str(day)])
    capsys.readouterr()
    day.write_text(digest(entry(1, votes=None), entry(1, votes=None)), encoding="utf-8")
    assert findings(capsys, "--baseline", "baseline.json", str(day))[1] == [("2401.00001", "missing-votes")]


@pytest.mark.parametrize(("content", "detail"), [
    ("not json", "invalid baseline: Expecting value"),
    ('{"version": 9, "findings": []}', "invalid baseline: unsupported version 9"),
    ('{"version": 1, "findings": [{"paper": "x"}]}', "invalid baseline: 'rule'"),
])
def test_a_broken_baseline_is_a_one_line_error(capsys, day, content, detail):
    (day.parent / "baseline.json").write_text(content)
    assert main(["--baseline", "baseline.json", str(day)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"summary-lint: error: baseline.json: {detail}") and err.count("\n") == 1
