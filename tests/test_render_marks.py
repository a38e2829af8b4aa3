"""Findings carry the marks renderers draw: claims (supported / not found) and evidence spans.

The marks come from the run itself, so a renderer shows what the run decided (a team's
``claims.toml`` in ``rules-path`` included) without recomputing anything.
"""

import json
import re

import pytest
from conftest import FIXTURES
from hypothesis import given
from hypothesis import strategies as st

from summary_lint import lint_paths, lint_text
from summary_lint.model import Section
from summary_lint.read.sources import load_sources

SOURCES = FIXTURES / "sources"
DIGEST = SOURCES / "digest-rules.md"


@pytest.fixture(scope="module")
def sources():
    return load_sources([SOURCES / "sources-rules.jsonl"])


def by_title(report):
    return {p.title.split(":")[0]: p for p in report.papers}


def parsed_by_title(report):
    """Each paper's report with its parsed paper and its source abstract (``RunReport.with_papers``)."""
    return {p.title.split(":")[0]: (p, parsed, source) for p, parsed, source in report.with_papers()}


def spans(report, title, kinds=("supported", "not-found")):
    """(section index, marked text, kind) of every mark of the paper ``title`` of the given kinds."""
    paper, parsed, _ = parsed_by_title(report)[title]
    return [(i, parsed.sections[i].text[s.start:s.end], s.kind)
            for i, found in paper.section_spans(parsed).items() for s in found if s.kind in kinds]


def team_rules(tmp_path, *terms: str) -> str:
    """A team's rule folder whose ``claims.toml`` declares ``terms`` vocabulary, not claims."""
    folder = tmp_path / "team-rules"
    folder.mkdir()
    (folder / "claims.toml").write_text(f"common-terms = {json.dumps(list(terms))}\n", encoding="utf-8")
    return str(folder)


def test_every_claim_occurrence_is_marked_supported_or_not_found(sources):
    report = lint_paths(str(DIGEST), sources=sources, config={"select": ["unsupported-claim"]})
    papers = by_title(report)
    assert spans(report, "OrbitNav") == [(2, "BLEU", "not-found"), (2, "GLUE", "not-found"),
                                         (2, "15%", "not-found"), (2, "SQuAD", "not-found"),
                                         (2, "92.1", "not-found")]
    assert [(text, kind) for i, text, kind in spans(report, "GraphMind") if i == 2] == [
        ("HomeTasks", "supported"), ("1.5배", "supported"), ("15 %", "supported")]
    # A not-found claim's marks belong to its finding; supported ones to the paper (no finding).
    orbit = papers["OrbitNav"]
    assert {f.message.split("'")[1]: [m.kind for m in f.marks] for f in orbit.findings} == {
        "BLEU": ["not-found"], "GLUE": ["not-found"], "15%": ["not-found"], "SQuAD": ["not-found"],
        "92.1": ["not-found"]}
    assert not papers["GraphMind"].findings and {m.kind for m in papers["GraphMind"].marks} == {"supported"}


def test_a_claim_stated_twice_is_marked_at_both_places_by_one_finding(sources):
    text = DIGEST.read_text(encoding="utf-8").replace("SQuAD에서도 92.1점을", "SQuAD에서도 92.1점을 (SQuAD)")
    report = lint_text(text, sources=sources, config={"select": ["unsupported-claim"]})
    orbit = by_title(report)["OrbitNav"]
    squad = [f for f in orbit.findings if "'SQuAD'" in f.message]
    assert len(squad) == 1 and len(squad[0].marks) == 2
    assert [text for _, text, _ in spans(report, "OrbitNav")].count("SQuAD") == 2


def test_claim_marks_are_read_from_the_run_not_recomputed(sources):
    report = lint_paths(str(DIGEST), sources=sources, config={"select": ["unsupported-claim"]})
    assert parsed_by_title(report)["OrbitNav"][2].abstract.startswith("Small satellites")
    assert {text: kind == "supported" for _, text, kind in spans(report, "OrbitNav")} == {
        "BLEU": False, "GLUE": False, "15%": False, "SQuAD": False, "92.1": False}
    assert parsed_by_title(lint_paths(str(DIGEST)))["GraphMind"][2] is None  # no --sources
    # Without unsupported-claim in the run, nothing was decided about claims: nothing is marked.
    quiet = lint_paths(str(DIGEST), sources=sources, config={"select": ["source-mismatch"]})
    assert spans(quiet, "OrbitNav") == []


def test_a_team_claims_pack_unmarks_what_it_declares_vocabulary(sources, tmp_path):
    config = {"select": ["unsupported-claim"], "rules-path": [team_rules(tmp_path, "SQuAD")]}
    report = lint_paths(str(DIGEST), sources=sources, config=config)
    assert not any("SQuAD" in f.message for f in by_title(report)["OrbitNav"].findings)
    assert [text for _, text, _ in spans(report, "OrbitNav")] == ["BLEU", "GLUE", "15%", "92.1"]


def test_evidence_marks_point_at_the_evidence_in_the_file():
    path = FIXTURES / "html-report.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    report = lint_paths(str(path))
    marked = [(f, m) for p in report.papers for f in p.findings for m in f.marks]
    assert {f.rule for f, _ in marked} >= {"suspicious-claim", "wrong-language", "malformed-markup"}
    for finding, mark in marked:
        assert mark.kind == "evidence"
        assert lines[mark.line - 1][mark.column - 1:mark.end_column - 1] == finding.evidence.strip()


def test_evidence_outside_the_summary_is_not_marked():
    """A title, a vote line or a raw markup line is no summary text: no mark rather than a wrong one."""
    report = lint_paths(str(FIXTURES / "html-report.md"))
    unmarked = {f.rule for p in report.papers for f in p.findings if f.evidence and not f.marks}
    assert {"title-mismatch", "missing-votes", "invalid-paper-link", "empty-section"} <= unmarked


def test_marks_of_a_json_digest_name_their_section_although_sections_share_a_line():
    entry = {"title": "Widgets", "arxiv_id": "2401.00001", "authors": ["A. Kim"], "votes": 3,
             "summary": {"What's New": "위젯을 다룹니다.", "Technical Details": "위젯을 다룹니다. 구체적인 수치는 제공되지 않았다."}}
    report = lint_text(json.dumps([entry], ensure_ascii=False), name="day.json",
                       config={"select": ["meta-commentary"]})
    paper = report.papers[0]
    [finding] = paper.findings
    assert [m.section for m in finding.marks] == [1]
    assert spans(report, "Widgets", kinds=("evidence",)) == [(1, finding.evidence, "evidence")]


def test_a_span_over_a_line_break_is_one_mark_per_line():
    section = Section(label=None, text="첫 줄 끝\n둘째 줄", line=10, column=5, end_line=11)
    marks = section.span_marks(0, 2, 8, "evidence")
    assert [(m.line, m.column, m.end_column) for m in marks] == [(10, 7, 10), (11, 1, 3)]


@given(st.text(alphabet="가a\n ", max_size=12), st.data())
def test_span_marks_are_the_runs_between_line_breaks(text, data):
    """One mark per non-empty run of the span between line breaks (none for an empty span), each
    where ``position`` puts its first character."""
    section = Section(label=None, text=text, line=3, column=7, end_line=3 + text.count("\n"))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected = [(*section.position(start + run.start()), run.end() - run.start())
                for run in re.finditer(r"[^\n]+", text[start:end])]
    assert [(m.line, m.column, m.end_column - m.column) for m in section.span_marks(0, start, end, "evidence")] == expected


@given(st.lists(st.text(alphabet="가a1 .", min_size=1, max_size=8), min_size=1, max_size=4), st.data())
def test_section_positions_and_offsets_invert_each_other(lines, data):
    section = Section(label=None, text="\n".join(lines), line=3, column=7, end_line=3 + len(lines) - 1)
    offset = data.draw(st.integers(0, len(section.text)))
    assert section.offset_of(*section.position(offset)) == offset


def test_marks_alone_do_not_use_up_a_suppression(sources):
    """GraphMind's claims are all supported: unsupported-claim draws marks but finds nothing there."""
    text = DIGEST.read_text(encoding="utf-8").replace(
        "### [GraphMind", "<!-- summary-lint: disable=unsupported-claim -->\n### [GraphMind")
    report = lint_text(text, sources=sources, config={"select": ["unsupported-claim", "unused-suppression"]})
    graph = by_title(report)["GraphMind"]
    assert [f.message for f in graph.findings] == [
        "paper suppression of 'unsupported-claim' is unused: the rule finds nothing here"]
    assert graph.marks == []  # suppressed: the rule's marks go with its findings
