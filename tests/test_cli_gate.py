"""One failure rule for every face (issue 12): exit code, text, GitHub annotations, JSON, API."""

from __future__ import annotations

import json

import pytest
from conftest import SEED

from summary_lint import lint_text
from summary_lint.cli.main import main

SEED_TEXT = SEED.read_text(encoding="utf-8")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--isolated"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_api_honours_fail_under_from_the_config():
    clean = lint_text(SEED_TEXT, config={"select": ["truncated-authors"]})
    assert not clean.failed and clean.gate.reasons == []
    gated = lint_text(SEED_TEXT, config={"select": ["truncated-authors"], "fail-under": 99})
    assert gated.failed and gated.summary.fail == 0
    assert gated.gate.reasons == ["1 paper below fail-under 99 (lowest: 97 at <text>:123)"]
    assert [p.line for p in gated.papers if p.fails_run] == [123]


def test_failing_verdicts_are_a_reason_too():
    report = lint_text(SEED_TEXT)
    assert report.failed and report.gate.reasons == ["4 papers with verdict fail (score below 50)"]
    assert sum(p.fails_run for p in report.papers) == 4


def test_text_names_the_reason_and_exit_zero_keeps_it(capsys):
    code, out, _ = run(capsys, str(SEED), "--select", "S009", "--fail-under", "99")
    lines = out.splitlines()
    assert code == 1
    assert lines[-2].endswith("12 pass, 1 warn, 0 fail.")
    assert lines[-1] == f"Failed: 1 paper below fail-under 99 (lowest: 97 at {SEED}:123)."
    code, again, _ = run(capsys, str(SEED), "--select", "S009", "--fail-under", "99", "--exit-zero")
    assert code == 0 and again == out
    code, passing, _ = run(capsys, str(SEED), "--select", "S009", "--fail-under", "97")
    assert code == 0 and passing.splitlines()[-1].startswith("Checked 13 papers")


def test_json_carries_the_gate(capsys):
    code, out, _ = run(capsys, str(SEED), "--select", "S009", "--fail-under", "99", "--format", "json")
    gate = json.loads(out)["gate"]
    assert code == 1 and gate["failed"] and gate["fail_under"] == 99 and len(gate["reasons"]) == 1
    code, out, _ = run(capsys, str(SEED), "--select", "S009", "--format", "json")
    assert code == 0 and json.loads(out)["gate"] == {"failed": False, "fail_under": None, "reasons": []}


@pytest.mark.parametrize("argv", [
    [],                                    # four papers fail on content errors
    ["--preset", "relaxed"],
    ["--select", "S009"],                  # a warning only: nothing fails
    ["--select", "S009", "--fail-under", "98"],
    ["--select", "C001,S009", "--preset", "relaxed"],
    ["--select", "C003"],                  # suspicious-claim warnings on papers that do not fail alone
])
def test_github_errors_appear_exactly_when_the_run_fails(capsys, argv):
    code, out, _ = run(capsys, str(SEED), "--format", "github", *argv)
    levels = [line.split(" ", 1)[0] for line in out.splitlines()]
    assert set(levels) <= {"::error", "::warning", "::notice"}
    assert (code == 1) == ("::error" in levels)
