"""--format sarif (and gitlab) read the run: its rule table, its findings, unique fingerprints.

Bars: SARIF agrees with the JSON report under ``--preset relaxed`` and with a team ``rules-path``;
fingerprints are unique on the whole shared corpus and on a generated 3,000-paper input, and the
logs validate against the SARIF 2.1.0 schema.
"""

import json
import random
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from conftest import ABSTRACTS, CORPUS, FIXTURES, needs_shared

from summary_lint import lint_paths
from summary_lint.cli.main import main
from summary_lint.engine.config import resolve
from summary_lint.engine.run import lint_digests, read_inputs
from summary_lint.model import Finding, PaperReport, RunReport, Summary, ToolInfo
from summary_lint.read.discover import discover
from summary_lint.read.sources import load_sources
from summary_lint.render import fingerprinted, render

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SOURCES = FIXTURES / "sources"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def cli(capsys, fmt: str, *argv: str) -> dict | list:
    main(["--format", fmt, *argv])
    return json.loads(capsys.readouterr().out)


def results_as_findings(log: dict) -> list[tuple]:
    return [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["region"]["startLine"],
             r["locations"][0]["physicalLocation"]["region"]["startColumn"], r["message"]["text"])
            for r in log["runs"][0]["results"]]


def json_findings(report: dict) -> list[tuple]:
    return [(f["code"], LEVELS[f["severity"]], f["line"], f["column"], f["message"])
            for p in report["papers"] for f in p["findings"]]


def assert_sarif_agrees_with_json(log: dict, report: dict) -> None:
    driver = log["runs"][0]["tool"]["driver"]
    assert [(r["id"], r["defaultConfiguration"]["level"], r["properties"]["penalty"]) for r in driver["rules"]] == [
        (r["code"], LEVELS[r["severity"]], r["penalty"]) for r in report["rules"]]
    assert results_as_findings(log) == json_findings(report)
    for result in log["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_levels_are_the_runs_under_the_relaxed_preset(capsys, tmp_path, monkeypatch, validator):
    monkeypatch.chdir(tmp_path)
    digest = str(FIXTURES / "html-report.md")
    log = cli(capsys, "sarif", "--preset", "relaxed", digest)
    validator.validate(log)
    report = cli(capsys, "json", "--preset", "relaxed", digest)
    assert_sarif_agrees_with_json(log, report)
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert levels["S002"] == "note"  # missing-votes: info in relaxed, a warning in the default preset
    default = cli(capsys, "sarif", digest)["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"]: r["defaultConfiguration"]["level"] for r in default}["S002"] == "warning"


def test_sarif_agrees_with_json_for_a_team_rules_path(capsys, tmp_path, monkeypatch, validator):
    """A team ``claims.toml`` declaring a benchmark name vocabulary: neither report flags it."""
    monkeypatch.chdir(tmp_path)
    team = tmp_path / "team-rules"
    team.mkdir()
    (team / "claims.toml").write_text('common-terms = ["SQuAD"]\n', encoding="utf-8")
    (tmp_path / "summary-lint.toml").write_text('rules-path = ["team-rules"]\n', encoding="utf-8")
    argv = ("--config", "summary-lint.toml", "--sources", str(SOURCES / "sources-rules.jsonl"),
            str(SOURCES / "digest-rules.md"))
    log = cli(capsys, "sarif", *argv)
    validator.validate(log)
    report = cli(capsys, "json", *argv)
    assert_sarif_agrees_with_json(log, report)
    claims = [m for code, *_, m in results_as_findings(log) if code == "A001"]
    assert any("'BLEU'" in m for m in claims) and not any("'SQuAD'" in m for m in claims)
    default = cli(capsys, "sarif", *argv[2:])  # without the team's pack, SQuAD is an unsupported claim
    assert any("'SQuAD'" in m for code, *_, m in results_as_findings(default) if code == "A001")


def fingerprints(log: dict) -> list[str]:
    return [r["partialFingerprints"]["summaryLint/v2"] for r in log["runs"][0]["results"]]


def test_two_findings_in_one_sentence_get_different_fingerprints(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    log = cli(capsys, "sarif", "--select", "suspicious-claim", str(SOURCES / "digest-rules.md"))
    results = log["runs"][0]["results"]
    sentence = [r for r in results if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 31]
    assert len(sentence) == 2  # GLUE and SQuAD in one sentence, the same evidence
    assert len({r["partialFingerprints"]["summaryLint/v2"] for r in sentence}) == 2


def test_equal_findings_get_different_fingerprints():
    same = {"code": "A001", "rule": "unsupported-claim", "severity": "info", "file": "d.md", "line": 9, "evidence": "x"}
    findings = [Finding(message="name 'BLEU' is not in the source abstract", column=20, **same),
                Finding(message="name 'GLUE' is not in the source abstract", column=31, **same),
                Finding(message="name 'GLUE' is not in the source abstract", column=31, **same)]
    paper = PaperReport(file="d.md", line=3, title="T", arxiv_id="2401.00001", score=100, verdict="pass",
                        findings=findings)
    report = RunReport(tool=ToolInfo(version="0"), files=[], papers=[paper, paper.model_copy()],
                       summary=Summary(files=1, papers=2, pass_=2, warn=0, fail=0, findings_by_rule={}))
    prints = [fingerprint for _, _, fingerprint in fingerprinted(report)]
    assert len(prints) == 6 == len(set(prints))
    assert prints == [fingerprint for _, _, fingerprint in fingerprinted(report)]  # stable


def random_corpus(folder: Path, papers: int, seed: int = 7) -> Path:
    """``papers`` entries in files of 50, each summary naming models and numbers (several in one
    sentence, some repeated), and a sources file whose abstracts support only some of them. Every
    fifth paper is about robots and quotes two language metrics in one sentence: two
    suspicious-claim findings with the same evidence."""
    rng = random.Random(seed)
    syllables = "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허"
    words = [a + b + c for a, b, c in zip(rng.choices(syllables, k=400), rng.choices(syllables, k=400),
                                           rng.choices(syllables, k=400))]
    names = [f"{rng.choice(['Graph', 'Table', 'Orbit', 'Spectra', 'Vision'])}{rng.choice(['Net', 'LM', 'QA'])}"
             f"-{rng.randint(1, 99)}B" for _ in range(300)]

    def sentence(claims: list[str]) -> str:
        return " ".join(rng.sample(words, 6)) + f" {rng.choice(claims)} {rng.choice(claims)} 합니다."

    sources = []
    for n in range(1, papers + 1):
        claims = rng.sample(names, 4) + [f"{rng.randint(2, 99)}.{rng.randint(1, 9)}%" for _ in range(2)]
        arxiv = f"2401.{n:05d}"
        title = f"{claims[0]}: {' '.join(rng.sample(words, 3))}"
        sections = [" ".join(sentence(claims) for _ in range(rng.randint(1, 3))) for _ in range(3)]
        if n % 5 == 0:
            title = f"{claims[0]}: Robot Navigation with Tactile Feedback"
            sections[2] += f" 실험 결과, BLEU 점수와 SQuAD에서 {rng.randint(2, 40)}% 향상을 보였습니다."
        entry = [f"### [{title}](https://arxiv.org/abs/{arxiv})", "", f"Vote: {rng.randint(0, 50)}", "",
                 "Authors: A. Kim, B. Lee", "",
                 *(f"- **{label}**: {text}" for label, text in zip(("What's New", "Technical Details",
                                                                    "Performance Highlights"), sections))]
        file = folder / f"day-{(n - 1) // 50:03d}.md"
        with file.open("a", encoding="utf-8") as out:
            if out.tell() == 0:
                out.write("## Daily Papers (2030-01-02)\n\n")
            out.write("\n".join(entry) + "\n\n")
        sources.append({"arxiv_id": arxiv, "title": title, "abstract": f"We present {claims[0]} and {claims[1]}."})
    path = folder.parent / "sources.jsonl"
    path.write_text("".join(json.dumps(s) + "\n" for s in sources), encoding="utf-8")
    return path


def assert_unique_fingerprints(report: RunReport) -> int:
    findings = sum(len(p.findings) for p in report.papers)
    sarif = fingerprints(json.loads(render(report, "sarif")))
    gitlab = [issue["fingerprint"] for issue in json.loads(render(report, "gitlab"))]
    assert len(sarif) == len(set(sarif)) == findings
    assert len(gitlab) == len(set(gitlab)) == findings
    return findings


def test_fingerprints_are_unique_on_a_generated_3000_paper_input(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "digests").mkdir()
    sources = random_corpus(tmp_path / "digests", 3000)
    report = lint_paths("digests", sources=str(sources), config={"select": ["A001", "C003", "S002", "S008"]})
    assert len(report.papers) == 3000
    same_evidence = Counter((p.arxiv_id, f.rule, f.evidence) for p in report.papers for f in p.findings)
    assert sum(count > 1 for count in same_evidence.values()) >= 500  # the case that used to collide
    assert assert_unique_fingerprints(report) > 3000


@needs_shared
def test_fingerprints_are_unique_and_sarif_valid_on_the_shared_corpus(tmp_path, monkeypatch, validator):
    monkeypatch.chdir(CORPUS)
    settings = resolve()
    digests, files = read_inputs(discover(["."], settings.config.exclude))
    report = lint_digests(digests, files, settings, load_sources([ABSTRACTS]), jobs=None)  # as the CLI runs
    assert assert_unique_fingerprints(report) > 1000
    validator.validate(json.loads(render(report, "sarif")))
