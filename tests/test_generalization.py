"""Verdicts that hold beyond one generator, one language and one digest size (own fixtures)."""

from __future__ import annotations

import itertools
import json

from conftest import FIXTURES, SEED

from summary_lint import lint_paths, lint_text

ZH = FIXTURES / "zh" / "digest-zh.jsonl"
CONTENT = ["title-mismatch", "generic-boilerplate", "suspicious-claim", "wrong-language", "meta-commentary"]


def verdicts(report):
    return {p.arxiv_id: p.verdict for p in report.papers}


def test_chinese_digest_faithful_summaries_pass_and_filler_fails():
    report = lint_paths(str(ZH), config={"select": CONTENT})
    assert verdicts(report) == {"3101.00001": "pass", "3101.00002": "pass", "3101.00003": "pass",
                                "3101.00004": "fail", "3101.00005": "pass"}
    [finding] = report.papers[3].findings
    assert finding.rule == "title-mismatch" and "distinctive" in finding.message


def test_chinese_summaries_under_rotated_titles_fail():
    rows = [json.loads(line) for line in ZH.read_text(encoding="utf-8").splitlines()]
    titles = [row["title"] for row in rows]
    swapped = [dict(row, title=title) for row, title in zip(rows, titles[1:] + titles[:1])]
    text = "\n".join(json.dumps(row, ensure_ascii=False) for row in swapped)
    report = lint_text(text, name="swapped.jsonl", config={"select": ["title-mismatch"]})
    assert sum(p.verdict == "fail" for p in report.papers) >= 3
    assert all(p.findings for p in report.papers)  # every swapped summary is at least a warning


VOCAB = ["glacier", "violin", "orchard", "tunnel", "lantern", "harbor", "meadow", "canyon", "compass",
         "falcon", "quartz", "saddle", "beacon", "thistle", "walnut", "pebble", "ferry", "anvil"]


def unrelated_entries(count: int) -> str:
    """Many papers of other topics, each with a summary that repeats its own title's words."""
    entries = []
    for k, (a, b, c) in enumerate(itertools.islice(itertools.permutations(VOCAB, 3), count)):
        name = f"{a.title()}{k}Net"
        entries.append(
            f"### [{name}: {a.title()} {b.title()} for {c.title()} Mapping](https://arxiv.org/abs/3201.{k:05d})\n\n"
            f"Vote: 3\n\nAuthors: A. Author\n\n"
            f"- **What's New**: {name}는 {a}와 {b}를 {c} mapping에 사용하는 방법입니다.\n"
            f"- **Technical Details**: {a} 특징과 {b} 특징을 결합해 {c} 지도를 만듭니다.\n"
            f"- **Performance Highlights**: {c} mapping 오차가 줄었습니다.\n")
    return "\n".join(entries)


def test_a_verdict_does_not_change_when_unrelated_papers_share_the_file():
    seed = SEED.read_text(encoding="utf-8")
    alone = verdicts(lint_text(seed, name="seed.md"))
    crowded = verdicts(lint_text(seed + "\n" + unrelated_entries(400), name="seed-and-400.md"))
    assert {key: crowded[key] for key in alone} == alone


def test_digests_merged_into_one_file_keep_their_verdicts():
    files = [SEED, FIXTURES / "digest-title-mismatch.md", FIXTURES / "digest-labelled.md"]
    apart = verdicts(lint_paths([str(f) for f in files]))
    merged = "\n".join(f.read_text(encoding="utf-8") for f in files)
    assert verdicts(lint_text(merged, name="merged.md")) == apart
