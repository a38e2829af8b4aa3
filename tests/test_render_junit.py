"""--format junit validates against the Jenkins xUnit JUnit schema (junit-10.xsd, read by GitLab too)."""

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema
from conftest import FIXTURES

from summary_lint.cli.main import main

XSD = Path(__file__).parent / "data" / "junit-10.xsd"
STRUCTURE = "--select=S001,S002,S003,S004,S005,S006,S007,S008,S009,S010"


@pytest.fixture(scope="module")
def schema():
    return xmlschema.XMLSchema(str(XSD))


def junit(capsys, *argv: str) -> str:
    main(["--format", "junit", STRUCTURE, *argv])
    return capsys.readouterr().out


def test_the_schema_rejects_what_jenkins_rejects(schema):
    """Location attributes on a testcase (what the report used to write) are not in the schema."""
    case = '<testsuites><testsuite name="a" tests="1" failures="0" errors="0">{}</testsuite></testsuites>'
    assert schema.is_valid(case.format('<testcase name="p" classname="a"/>'))
    assert not schema.is_valid(case.format('<testcase name="p" classname="a" file="a.md" line="3"/>'))


def test_junit_is_valid_for_pass_warn_and_fail_papers_and_a_skipped_file(capsys, tmp_path, monkeypatch, schema):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "digests"
    folder.mkdir()
    shutil.copy(FIXTURES / "ci" / "digest.md", folder / "a.md")
    shutil.copy(FIXTURES / "html-report.md", folder / "b.md")
    (folder / "README.md").write_text("# Digests\n", encoding="utf-8")  # skipped: no entries
    out = junit(capsys, "digests")
    schema.validate(out)
    root = ET.fromstring(out)
    assert [s.get("file") for s in root.iter("testsuite")] == ["digests/README.md", "digests/a.md", "digests/b.md"]
    assert all(c.get("file") is None and c.get("line") is None for c in root.iter("testcase"))


def test_the_paper_location_opens_its_failure_and_its_output(capsys, tmp_path, monkeypatch, schema):
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "ci" / "digest.md", tmp_path / "digest.md")
    out = junit(capsys, "digest.md")
    schema.validate(out)
    cases = {c.get("name"): c for c in ET.fromstring(out).iter("testcase")}
    failure = cases['Broken Entry, with "quotes": <tags> & more'].find("failure")
    assert failure.get("message").startswith("digest.md:23: score ")
    assert "digest.md:29:18: S008 [empty-section]" in failure.text
    assert cases["2401.00002 Gadgets at Scale"].findtext("system-out").startswith("digest.md:15: score ")


def test_characters_xml_cannot_hold_stay_valid(capsys, tmp_path, monkeypatch, schema):
    monkeypatch.chdir(tmp_path)
    text = (FIXTURES / "ci" / "digest.md").read_text(encoding="utf-8")
    (tmp_path / "digest.md").write_text(text.replace("Gadgets at Scale", "Gadgets\x0b at \x1bScale"), encoding="utf-8")
    schema.validate(junit(capsys, "digest.md"))
