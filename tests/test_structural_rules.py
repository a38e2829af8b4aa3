"""S001–S010: for each structural rule, a passing and a failing example with its exact location."""

from __future__ import annotations

import json

import pytest

from summary_lint import lint_text

CLEAN = """\
## Daily Papers (2024-07-08)

### [Graph Memory for Text Game Agents](https://arxiv.org/abs/2407.10001)

![](https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2407.10001.png)

Vote: 12

Authors: Ada Lovelace, Alan Turing

- **What's New**: 텍스트 게임 에이전트를 위한 그래프 메모리를 제안한다.
- **Technical Details**: 매 단계마다 의미 기억과 일화 기억을 갱신한다.
- **Performance Highlights**: 기존 에이전트보다 높은 점수를 얻었다.
"""
STRUCTURAL = ["S001", "S002", "S003", "S004", "S005", "S006", "S007", "S008", "S009", "S010"]


def findings(text: str, rule: str) -> list[tuple[str, str, int, int]]:
    report = lint_text(text, name="d.md", config={"select": [rule]})
    return [(f.code, f.rule, f.line, f.column) for p in report.papers for f in p.findings]


def variant(old: str, new: str) -> str:
    assert old in CLEAN
    return CLEAN.replace(old, new)


@pytest.mark.parametrize("rule", STRUCTURAL)
def test_clean_entry_passes_every_structural_rule(rule):
    assert findings(CLEAN, rule) == []


FAILING = [
    (variant("Authors: Ada Lovelace, Alan Turing\n", ""), ("S001", "missing-authors", 3, 1)),
    (variant("Authors: Ada Lovelace, Alan Turing", "Authors:"), ("S001", "missing-authors", 9, 1)),
    (variant("Authors: Ada Lovelace, Alan Turing", "Authors: []"), ("S001", "missing-authors", 9, 1)),
    (variant("Vote: 12\n", ""), ("S002", "missing-votes", 3, 1)),
    (variant("Vote: 12", "Vote: -"), ("S002", "missing-votes", 7, 1)),
    (variant("Vote: 12", "Vote: -3"), ("S003", "invalid-votes", 7, 1)),
    (variant("Vote: 12", "Vote: 12.5"), ("S003", "invalid-votes", 7, 1)),
    (variant("Vote: 12", "Vote: many"), ("S003", "invalid-votes", 7, 1)),
    (variant("Vote: 12", "Vote: ١٢"), ("S003", "invalid-votes", 7, 1)),
    (variant("abs/2407.10001)", "abs/2407.1000)"), ("S004", "invalid-paper-link", 3, 1)),
    (variant("https://arxiv.org/abs/2407.10001", "https://example.org/2407.10001"),
     ("S004", "invalid-paper-link", 3, 1)),
    (variant("(https://arxiv.org/abs/2407.10001)", ""), ("S004", "invalid-paper-link", 3, 1)),
    (variant("papers/2407.10001.png", "papers/2407.20002.png"), ("S005", "thumbnail-mismatch", 5, 1)),
    (CLEAN + "\n" + CLEAN.split("\n", 2)[2], ("S006", "duplicate-paper", 15, 1)),
    (variant("- **Performance Highlights**: 기존 에이전트보다 높은 점수를 얻었다.\n", ""),
     ("S007", "missing-section", 12, 1)),
    (variant("- **Technical Details**: 매 단계마다 의미 기억과 일화 기억을 갱신한다.", "- **Technical Details**:"),
     ("S008", "empty-section", 12, len("- **Technical Details**:") + 1)),
    (CLEAN.split("- **")[0], ("S008", "empty-section", 9, 1)),  # an entry without any summary
    (variant("Ada Lovelace, Alan Turing", "Ada Lovelace, +, Alan Turing"),
     ("S009", "truncated-authors", 9, len("Authors: Ada Lovelace, ") + 1)),
    (variant("Ada Lovelace, Alan Turing", "Ada Lovelace, Alan Turing et al."),
     ("S009", "truncated-authors", 9, len("Authors: Ada Lovelace, Alan Turing ") + 1)),
    (variant("Ada Lovelace, Alan Turing", "['Ada Lovelace', '...']"),
     ("S009", "truncated-authors", 9, len("Authors: ['Ada Lovelace', '") + 1)),
    (variant("- **What's New**:", "- ***What's New**:"), ("S010", "malformed-markup", 11, 3)),
    (variant("- **Technical Details**: ", "- "), ("S010", "malformed-markup", 12, 3)),
]


@pytest.mark.parametrize(("text", "expected"), FAILING, ids=[f"{e[0]}-{i}" for i, (_, e) in enumerate(FAILING)])
def test_failing_example_is_reported_at_its_location(text, expected):
    assert findings(text, expected[0]) == [expected]


def test_duplicate_paper_names_the_first_occurrence():
    text = CLEAN + "\n" + CLEAN.split("\n", 2)[2]
    report = lint_text(text, name="d.md", config={"select": ["duplicate-paper"]})
    first, second = report.papers
    assert first.findings == []
    (finding,) = second.findings
    assert finding.message == "arXiv 2407.10001 already appears at d.md:3"
    assert [(r.file, r.line) for r in finding.related] == [("d.md", 3)]


def test_plain_bullets_are_not_held_to_the_labelled_profile():
    plain = CLEAN.replace("**What's New**: ", "").replace("**Technical Details**: ", "")
    plain = plain.replace("- **Performance Highlights**: 기존 에이전트보다 높은 점수를 얻었다.\n", "")
    assert findings(plain, "S007") == [] and findings(plain, "S010") == []


def test_unbalanced_bold_inside_the_text_is_malformed_markup():
    text = variant("그래프 메모리를", "**그래프 메모리를")
    assert findings(text, "S010") == [("S010", "malformed-markup", 11, len("- **What's New**: ") + 1)]


def test_penalties_and_severities_come_from_the_preset():
    report = lint_text(variant("Vote: 12", "Vote: -3"), config={"select": ["invalid-votes"]})
    (paper,) = report.papers
    (finding,) = paper.findings
    assert (finding.severity, finding.penalty, paper.score, paper.verdict) == ("error", 10, 90, "warn")


def test_empty_section_quotes_the_line_as_written():
    text = variant("- **Technical Details**: 매 단계마다 의미 기억과 일화 기억을 갱신한다.", "- **Technical Details**: x")
    (paper,) = lint_text(text, config={"select": ["empty-section"]}).papers
    assert [(f.message, f.evidence) for f in paper.findings] == [
        ("section 'Technical Details' is empty", "- **Technical Details**: x")]


def test_json_schema_without_votes_or_authors_reports_nothing_missing():
    from summary_lint import lint_text

    rows = [{"arxiv_id": f"2501.0000{k}", "title": f"Paper {k}", "sections": {"background": "텍스트입니다."}}
            for k in range(1, 4)]
    text = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    config = {"select": ["missing-votes", "missing-authors"]}
    assert lint_text(text, name="d.jsonl", config=config).summary.findings_by_rule == {}
    rows[0]["upvotes"] = 3  # the schema has votes: the others miss them
    text = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    assert lint_text(text, name="d.jsonl", config=config).summary.findings_by_rule == {"missing-votes": 2}
