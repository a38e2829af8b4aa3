"""--format gitlab: a GitLab Code Quality report (a JSON array of issues)."""

import json
import shutil

from conftest import FIXTURES

from summary_lint.cli.main import main

STRUCTURE = "--select=S001,S002,S003,S004,S005,S006,S007,S008,S009,S010"
ISSUE = {"description", "check_name", "fingerprint", "severity", "location"}


def gitlab(capsys, *argv: str) -> tuple[int, list]:
    code = main(["--format", "gitlab", *argv])
    return code, json.loads(capsys.readouterr().out)


def test_one_issue_per_finding_with_the_fields_gitlab_reads(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "ci" / "digest.md", tmp_path / "digest.md")
    code, issues = gitlab(capsys, STRUCTURE, str(tmp_path / "digest.md"))  # absolute path in, relative out
    main(["--format", "json", STRUCTURE, "digest.md"])
    findings = [f for p in json.loads(capsys.readouterr().out)["papers"] for f in p["findings"]]
    assert code == 1 and len(issues) == len(findings) == 6
    for issue, finding in zip(issues, findings):
        assert set(issue) == ISSUE
        assert issue["check_name"] == finding["rule"]
        assert issue["description"] == f"{finding['code']} [{finding['rule']}] {finding['message']}"
        assert issue["location"] == {"path": "digest.md", "lines": {"begin": finding["line"]}}
        assert issue["severity"] == {"error": "major", "warning": "minor", "info": "info"}[finding["severity"]]
    assert len({i["fingerprint"] for i in issues}) == 6
    assert {i["severity"] for i in issues} == {"major", "minor"}


def test_severities_follow_the_run_and_a_clean_run_is_an_empty_array(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "ci" / "digest.md", tmp_path / "digest.md")
    _, relaxed = gitlab(capsys, STRUCTURE, "--preset", "relaxed", "digest.md")
    assert {i["check_name"]: i["severity"] for i in relaxed}["missing-votes"] == "info"
    clean = tmp_path / "clean.md"
    clean.write_text((FIXTURES / "ci" / "digest.md").read_text(encoding="utf-8").split("### [Gadgets")[0],
                     encoding="utf-8")
    code, issues = gitlab(capsys, STRUCTURE, "clean.md")
    assert (code, issues) == (0, [])


def test_fingerprints_are_stable_across_runs_and_line_shifts(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "digest.md"
    shutil.copy(FIXTURES / "ci" / "digest.md", path)
    _, before = gitlab(capsys, STRUCTURE, "digest.md")
    path.write_text("<!-- moved -->\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    _, after = gitlab(capsys, STRUCTURE, "digest.md")
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    assert [i["location"]["lines"]["begin"] for i in after] == [i["location"]["lines"]["begin"] + 2 for i in before]
