"""``--format json`` is a versioned contract (README, "JSON output"): exact keys, order, encodings."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import FIXTURES

from summary_lint.cli.main import main
from summary_lint.engine.config import resolve

TOP = {"version", "tool", "files", "papers", "summary", "rules", "gate"}
TOOL = {"name", "version"}
FILE = {"path", "encoding", "format", "papers", "skipped", "reason"}
PAPER = {"file", "line", "title", "arxiv_id", "score", "verdict", "findings", "marks"}
FINDING = {"code", "rule", "severity", "message", "file", "line", "column", "section", "evidence", "penalty", "related",
           "marks"}
RULE = {"code", "name", "scope", "severity", "penalty", "summary", "doc"}
SUMMARY = {"files", "skipped_files", "papers", "pass", "warn", "fail", "findings_by_rule"}
LOCATION = {"file", "line", "column", "title", "arxiv_id"}
MARK = {"section", "line", "column", "end_column", "kind"}


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """One run over a folder of digests in several encodings, a README, and a JSON file."""
    folder = tmp_path_factory.mktemp("contract")
    text = (FIXTURES / "digest-labelled.md").read_text(encoding="utf-8")
    (folder / "a-utf8.md").write_text(text + "\n" + text.split("\n", 2)[2], encoding="utf-8")  # duplicates
    (folder / "b-cp949.md").write_bytes(text.replace("2407.1000", "2407.2000").encode("cp949"))
    (folder / "c-utf16.md").write_bytes((FIXTURES / "digest-video.md").read_text(encoding="utf-8").encode("utf-16"))
    (folder / "d-README.md").write_text("# Digests\n", encoding="utf-8")
    shutil.copy(FIXTURES / "papers.json", folder / "papers.json")
    out = folder / "report.json"
    code = main(["--format", "json", "-o", str(out), str(folder), str(folder / "papers.json")])
    assert code in (0, 1)
    return json.loads(out.read_text(encoding="utf-8")), folder


def test_keys_are_exactly_the_documented_ones(report):
    data, _ = report
    assert set(data) == TOP and data["version"] == 1
    assert set(data["tool"]) == TOOL and data["tool"]["name"] == "summary-lint"
    assert all(set(f) == FILE for f in data["files"])
    assert set(data["summary"]) == SUMMARY
    assert data["rules"] and all(set(r) == RULE for r in data["rules"])
    assert all(set(p) == PAPER for p in data["papers"])
    findings = [f for p in data["papers"] for f in p["findings"]]
    assert findings and all(set(f) == FINDING for f in findings)
    related = [r for f in findings for r in f["related"]]
    assert related and all(set(r) == LOCATION for r in related)


def test_encoding_and_format_are_reported_per_file_and_skips_are_counted(report):
    data, folder = report
    files = {f["path"].replace(str(folder), "").lstrip("/\\"): f for f in data["files"]}
    assert {name: (f["encoding"], f["format"], f["papers"]) for name, f in files.items()} == {
        "a-utf8.md": ("utf-8", "markdown", 6), "b-cp949.md": ("cp949", "markdown", 3),
        "c-utf16.md": ("utf-16", "markdown", 2), "d-README.md": ("utf-8", "markdown", 0),
        "papers.json": ("utf-8", "json", 2)}
    assert [name for name, f in files.items() if f["skipped"]] == ["d-README.md"]
    assert files["d-README.md"]["reason"] == "no paper entries"
    summary = data["summary"]
    assert (summary["files"], summary["skipped_files"], summary["papers"]) == (5, 1, 13)


def test_papers_in_input_order_and_findings_sorted_by_line(report):
    data, _ = report
    order = [(p["file"], p["line"]) for p in data["papers"]]
    files = [f["path"] for f in data["files"] if not f["skipped"]]
    assert order == sorted(order, key=lambda fl: (files.index(fl[0]), fl[1]))
    for paper in data["papers"]:
        lines = [(f["line"], f["column"]) for f in paper["findings"]]
        assert lines == sorted(lines)


def test_every_penalty_is_visible_and_adds_up(report):
    data, _ = report
    settings = resolve()
    counts: dict[str, int] = {}
    for paper in data["papers"]:
        score = paper["score"]
        assert score == max(0, 100 - sum(f["penalty"] for f in paper["findings"]))
        assert paper["verdict"] == ("fail" if score < settings.fail_below else "warn" if score < settings.warn_below
                                    else "pass")
        for f in paper["findings"]:
            counts[f["rule"]] = counts.get(f["rule"], 0) + 1
    summary = data["summary"]
    assert summary["findings_by_rule"] == dict(sorted(counts.items()))
    assert summary["pass"] + summary["warn"] + summary["fail"] == summary["papers"] == len(data["papers"])


def test_marks_have_the_documented_keys_and_kinds(tmp_path):
    """Claims marked supported (the paper's own marks) or not found (their finding's), evidence spans."""
    out = tmp_path / "report.json"
    sources = FIXTURES / "sources"
    main(["--format", "json", "-o", str(out), "--sources", str(sources / "sources-rules.jsonl"),
          str(sources / "digest-rules.md")])
    papers = json.loads(out.read_text(encoding="utf-8"))["papers"]
    own = [m for p in papers for m in p["marks"]]
    of_findings = [m for p in papers for f in p["findings"] for m in f["marks"]]
    assert own and of_findings and all(set(m) == MARK for m in own + of_findings)
    assert {m["kind"] for m in own} == {"supported"}
    assert {m["kind"] for m in of_findings} == {"not-found", "evidence"}
    assert all(m["end_column"] > m["column"] >= 1 and m["section"] >= 0 for m in own + of_findings)
