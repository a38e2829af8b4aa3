"""--format sarif / github / junit, on a small synthetic digest with a pass, a warn and a fail paper."""

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURES

from summary_lint.cli.main import main
from summary_lint.render.github_format import escape_data, escape_property

DIGEST = FIXTURES / "ci" / "digest.md"
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
STRUCTURE = "--select=S001,S002,S003,S004,S005,S006,S007,S008,S009,S010"


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A working directory holding a copy of the digest (so relative paths are predictable)."""
    shutil.copy(DIGEST, tmp_path / "digest.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sarif(capsys, *argv: str) -> dict:
    code, out = run(capsys, "--format", "sarif", STRUCTURE, *argv)
    assert code == 1
    return json.loads(out)


def test_sarif_validates_against_the_official_schema(capsys, workdir):
    log = sarif(capsys, "digest.md")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    # The schema accepts almost any object in places; check what GitHub code scanning reads, too.
    driver = log["runs"][0]["tool"]["driver"]
    assert {"name", "version", "informationUri", "rules"} <= driver.keys()
    for rule in driver["rules"]:
        assert {"id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration"} <= rule.keys()
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")


def test_sarif_results_point_at_their_rule_and_location(capsys, workdir):
    log = sarif(capsys, "digest.md")
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    assert len(results) == 6
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "digest.md"
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
    empty = next(r for r in results if r["ruleId"] == "S008")
    assert empty["level"] == "error"
    assert empty["locations"][0]["physicalLocation"]["region"] == {"startLine": 29, "startColumn": 18}
    assert {r["level"] for r in results} == {"error", "warning"}


def test_sarif_absolute_input_path_becomes_relative_to_the_working_directory(capsys, workdir):
    log = sarif(capsys, str(workdir / "digest.md"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"digest.md"}


def fingerprints(log: dict) -> list[tuple[str, str]]:
    return [(r["ruleId"], r["partialFingerprints"]["summaryLint/v2"]) for r in log["runs"][0]["results"]]


def test_sarif_fingerprints_survive_line_shifts_but_not_a_rewritten_summary(capsys, workdir):
    before = sarif(capsys, "digest.md")
    path = workdir / "digest.md"
    path.write_text("<!-- header -->\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    shifted = sarif(capsys, "digest.md")
    assert fingerprints(shifted) == fingerprints(before)
    assert shifted["runs"][0]["results"][0]["locations"] != before["runs"][0]["results"][0]["locations"]

    path.write_text(path.read_text(encoding="utf-8").replace("일부러 망가진", "새로 쓴"), encoding="utf-8")
    rewritten = fingerprints(sarif(capsys, "digest.md"))
    untouched, changed = rewritten[:1], rewritten[1:]  # the Gadgets paper's finding, then the broken entry's
    assert untouched == fingerprints(before)[:1]
    assert not set(changed) & set(fingerprints(before))


def test_github_annotations_by_severity(capsys, workdir):
    code, out = run(capsys, "--format", "github", STRUCTURE, "--preset", "relaxed", "digest.md")
    lines = out.splitlines()
    assert code == 0  # the relaxed preset fails below 40; the broken entry scores 65 there
    assert len(lines) == 6
    assert lines[0] == ("::notice file=digest.md,line=15,col=1,title=summary-lint S002 (missing-votes)"
                        "::S002 [missing-votes] no 'Vote:' line")
    # Error-severity findings on a paper that does not fail the run are warnings: no ::error, exit 0.
    assert sum(line.startswith("::error ") for line in lines) == 0
    assert sum(line.startswith("::warning ") for line in lines) == 2
    assert sum(line.startswith("::notice ") for line in lines) == 4
    failing = run(capsys, "--format", "github", STRUCTURE, "--preset", "relaxed", "--fail-under", "70", "digest.md")
    assert failing[0] == 1 and sum(line.startswith("::error ") for line in failing[1].splitlines()) == 2


def test_github_escapes_properties_and_data(capsys, workdir):
    (workdir / "a,b:c.md").write_text((workdir / "digest.md").read_text(encoding="utf-8"), encoding="utf-8")
    _, out = run(capsys, "--format", "github", STRUCTURE, "a,b:c.md")
    assert out.splitlines()[0].startswith("::warning file=a%2Cb%3Ac.md,line=15,")
    assert escape_data("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext: a,b"
    assert escape_property("x: 50%, y\n") == "x%3A 50%25%2C y%0A"


def test_junit_one_suite_per_file_and_one_case_per_paper(capsys, workdir):
    shutil.copy(workdir / "digest.md", workdir / "second.md")
    code, out = run(capsys, "--format", "junit", STRUCTURE, "digest.md", "second.md")
    assert code == 1
    root = ET.fromstring(out)
    assert root.tag == "testsuites" and root.get("tests") == "6" and root.get("failures") == "2"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["digest.md", "second.md"]
    cases = suites[0].findall("testcase")
    assert [c.get("name") for c in cases] == [
        "2401.00001 Widget Models: A Study of Small Widgets",
        "2401.00002 Gadgets at Scale",
        'Broken Entry, with "quotes": <tags> & more',
    ]
    passing, warned, failed = cases
    assert list(passing) == []
    assert warned.find("failure") is None
    assert "S002 [missing-votes]" in warned.findtext("system-out")
    failure = failed.find("failure")
    assert failure.get("message") == "digest.md:23: score 47/100 (fail), 5 findings"
    assert failure.text.count("\n") == 4 and "digest.md:29:18: S008 [empty-section]" in failure.text


def test_junit_is_deterministic_and_strips_characters_xml_cannot_hold(capsys, workdir):
    path = workdir / "digest.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Gadgets at Scale", "Gadgets\x0b at Scale"),
                    encoding="utf-8")
    _, first = run(capsys, "--format", "junit", STRUCTURE, "digest.md")
    _, second = run(capsys, "--format", "junit", STRUCTURE, "digest.md")
    assert first == second
    names = [c.get("name") for c in ET.fromstring(first).iter("testcase")]
    assert names[1] == "2401.00002 Gadgets\ufffd at Scale"
