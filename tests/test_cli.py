"""The installed command line, run as a user runs it: ``summary-lint`` and ``python -m summary_lint``."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED

import summary_lint

STRUCTURE = "--select=S001,S002,S003,S004,S005,S006,S007,S008,S009,S010"
ENTRY_POINT = shutil.which("summary-lint", path=str(Path(sys.executable).parent)) or shutil.which("summary-lint")
FINDING_LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]\d{3}) \[(?P<rule>[a-z-]+)\] \S")
SCORE_LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+): score +(?P<score>\d+) (?P<verdict>PASS|WARN|FAIL) \S")
TOTALS = re.compile(r"^Checked (\d+) papers in (\d+) files(?:, \d+ skipped)?: (\d+) findings; "
                    r"(\d+) pass, (\d+) warn, (\d+) fail\.$")
# The third paper fails: a duplicate id (20), no summary (15), a thumbnail of another paper (10) and an
# invalid vote count (10) leave 45 points; the second warns (broken link, no summary).
FAILING = """\
### [Good Paper](https://arxiv.org/abs/2401.00001)
Vote: 3
Authors: Ada Lovelace
- 충실한 요약 문장입니다.

### [Broken Paper](https://arxiv.org/abs/2401.0000)
Vote: 4
Authors: Alan Turing

### [Good Paper](https://arxiv.org/abs/2401.00001)
![](https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2401.99999.png)
Vote: -1
Authors: Ada Lovelace
"""


def run(*argv: str, module: bool = False, stdin: bytes | None = None, cwd: Path | None = None, env=None):
    assert ENTRY_POINT, "the summary-lint entry point is not installed (pip install -e .)"
    command = [sys.executable, "-m", "summary_lint"] if module else [ENTRY_POINT]
    return subprocess.run([*command, *argv], input=stdin, capture_output=True, cwd=cwd, timeout=120,
                          env=None if env is None else {**os.environ, **env}, check=False)


@pytest.fixture
def work(tmp_path):
    """Copies of the markdown fixtures in a folder, plus a failing digest."""
    for name in ("digest-plain-2023.md", "digest-labelled.md", "digest-video.md", "digest-readme-wrapper.md"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "failing.md").write_text(FAILING, encoding="utf-8")
    return tmp_path


def test_the_process_ends_with_mains_code_once_what_it_wrote_is_flushed(monkeypatch):
    """``run`` ends the process without the interpreter's teardown (``os._exit``): what is still
    buffered on stdout and stderr must be written first."""
    import importlib
    import io

    cli_main = importlib.import_module("summary_lint.cli.main")  # the module (``summary_lint.cli.main`` is also the function)

    out, err = io.BytesIO(), io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out, encoding="utf-8"))
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(err, encoding="utf-8"))

    def unflushed_main() -> int:
        sys.stdout.write("report\n")
        sys.stderr.write("note\n")
        return 3

    def exit_now(code: int):
        raise SystemExit(("exited", code))

    monkeypatch.setattr(cli_main, "main", unflushed_main)
    monkeypatch.setattr(cli_main.os, "_exit", exit_now)
    with pytest.raises(SystemExit) as ended:
        cli_main.run()
    assert ended.value.code == ("exited", 3)
    assert (out.getvalue(), err.getvalue()) == (b"report\n", b"note\n")


@pytest.mark.parametrize("module", [False, True], ids=["entry-point", "python-m"])
def test_version(module):
    result = run("--version", module=module)
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"summary-lint {summary_lint.__version__}"


@pytest.mark.parametrize("module", [False, True], ids=["entry-point", "python-m"])
def test_text_format_findings_scores_and_totals(work, module):
    result = run(STRUCTURE, "digest-labelled.md", module=module, cwd=work)
    assert result.returncode == 0 and result.stderr == b""
    lines = result.stdout.decode("utf-8").splitlines()
    findings = [m.groupdict() for line in lines if (m := FINDING_LINE.match(line))]
    scores = [m.groupdict() for line in lines if (m := SCORE_LINE.match(line))]
    assert [(f["line"], f["col"], f["code"], f["rule"]) for f in findings] == [
        ("19", "1", "S002", "missing-votes"), ("27", "1", "S001", "missing-authors")]
    assert [(s["file"], s["line"], s["score"], s["verdict"]) for s in scores] == [
        ("digest-labelled.md", "3", "100", "PASS"), ("digest-labelled.md", "15", "95", "WARN"),
        ("digest-labelled.md", "27", "95", "WARN")]
    assert len(lines) == len(findings) + len(scores) + 1
    assert TOTALS.match(lines[-1]).groups() == ("3", "1", "2", "1", "2", "0")


def test_exit_1_when_a_paper_fails_and_2_on_input_errors(work):
    failing = run(STRUCTURE, "failing.md", cwd=work)
    assert failing.returncode == 1
    assert b"failing.md:10: score  45 FAIL Good Paper" in failing.stdout
    missing = run("no-such-file.md", cwd=work)
    assert missing.returncode == 2 and missing.stdout == b""
    assert missing.stderr.decode() == "summary-lint: error: no-such-file.md: no such file or directory\n"
    assert run(cwd=work).returncode == 2  # no path at all
    assert run("--format", "nope", "digest-labelled.md", cwd=work).returncode == 2


def test_fail_under_is_the_lowest_score_allowed(work):
    assert run(STRUCTURE, "--fail-under", "95", "digest-labelled.md", cwd=work).returncode == 0
    assert run(STRUCTURE, "--fail-under", "96", "digest-labelled.md", cwd=work).returncode == 1
    bad = run("--fail-under", "101", "digest-labelled.md", cwd=work)
    assert bad.returncode == 2 and len(bad.stderr.decode().splitlines()) == 1


def test_select_and_ignore_by_name_or_code(work):
    def codes(*argv):
        out = run("--no-scores", *argv, "digest-labelled.md", "failing.md", cwd=work).stdout.decode()
        return {m["code"] for line in out.splitlines() if (m := FINDING_LINE.match(line))}

    assert codes("--select", "missing-votes,S001") == {"S001", "S002"}
    assert codes(STRUCTURE, "--ignore", "S002,invalid-paper-link") == {"S001", "S003", "S005", "S006", "S008"}
    unknown = run("--select", "no-such-rule", "digest-labelled.md", cwd=work)
    assert unknown.returncode == 2 and b"unknown rule 'no-such-rule'" in unknown.stderr


def test_json_to_a_file_and_stdin(work):
    result = run(STRUCTURE, "--format", "json", "-o", "report.json", "digest-labelled.md", cwd=work)
    assert result.returncode == 0 and result.stdout == b""
    report = json.loads((work / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["papers"] == 3

    piped = run(STRUCTURE, "--format", "json", "-", stdin=(work / "digest-labelled.md").read_bytes(), cwd=work)
    assert piped.returncode == 0
    from_stdin = json.loads(piped.stdout)
    assert [p["file"] for p in from_stdin["papers"]] == ["<stdin>"] * 3
    assert [p["score"] for p in from_stdin["papers"]] == [p["score"] for p in report["papers"]]


def test_a_folder_is_searched_recursively_and_files_without_entries_are_skipped(work):
    (work / "nested").mkdir()
    shutil.move(work / "digest-video.md", work / "nested" / "digest-video.md")
    (work / "README.md").write_text("# Digests\n\nNothing to lint here.\n", encoding="utf-8")
    result = run(STRUCTURE, "--format", "json", ".", cwd=work)
    report = json.loads(result.stdout)
    assert [f["path"].replace(os.sep, "/") for f in report["files"]] == [
        "./README.md", "./digest-labelled.md", "./digest-plain-2023.md", "./digest-readme-wrapper.md",
        "./failing.md", "./nested/digest-video.md"]
    assert report["summary"]["files"] == 6 and report["summary"]["skipped_files"] == 1
    assert report["summary"]["papers"] == 3 + 2 + 1 + 3 + 2


def test_two_runs_are_byte_identical_and_inputs_are_never_modified(work):
    def state():
        return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
                for p in sorted(work.iterdir())}

    before = state()
    argv = ["--format", "json", ".", str(FIXTURES / "papers.json")]
    first, second = run(*argv, cwd=work), run(*argv, cwd=work)
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout and first.stdout
    text_runs = [run("--statistics", ".", cwd=work).stdout for _ in range(2)]
    assert text_runs[0] == text_runs[1]
    assert state() == before


def test_text_output_keeps_one_line_per_record_whatever_the_input_holds(tmp_path):
    record = {"title": "Two\nlines \x1b[31mred", "url": "https://example.org/x\ny", "authors": ["A"], "upvotes": 1,
              "summary": "- 요약 문장입니다."}
    (tmp_path / "odd.json").write_text(json.dumps([record]), encoding="utf-8")
    out = run(STRUCTURE, "odd.json", cwd=tmp_path).stdout.decode()
    assert "\x1b" not in out
    finding, score, totals = out.splitlines()
    assert finding.endswith(r"[invalid-paper-link] not an arXiv abstract link with a valid id: https://example.org/x\ny")
    assert score == r"odd.json:1: score  80 WARN Two\nlines \x1b[31mred"
    assert TOTALS.match(totals)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_reports_are_utf8_even_when_stdout_is_set_to_another_encoding(work, fmt):
    (work / "ko.md").write_text("### [한국어 제목](https://arxiv.org/abs/2401.00001)\n- 요약 문장입니다.\n", encoding="utf-8")
    result = run(STRUCTURE, "--format", fmt, "ko.md", cwd=work, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0 and result.stderr == b""
    assert "한국어 제목" in result.stdout.decode("utf-8")


def test_the_command_line_builds_its_models_without_looking_for_pydantic_plugins():
    """Importing the package and the CLI builds no pydantic model, so ``main`` can turn pydantic's
    plugin search (every installed package's entry points, read when the first model is built) off
    before it runs; a value the user set is kept."""
    code = ("import sys, summary_lint, summary_lint.cli\n"
            "from pydantic.plugin import _loader\n"
            "built = 'summary_lint.model' in sys.modules\n"
            "summary_lint.cli.main(['rules'])\n"
            "print(built, _loader._plugins is None, file=sys.stderr)\n")
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert run.stderr.split() == ["False", "True"]  # no model before main; no search after it
    env["PYDANTIC_DISABLE_PLUGINS"] = ""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert run.stderr.split() == ["False", "False"]  # the user's value: the search ran


@pytest.mark.parametrize("jobs", [[], ["--jobs", "1"]])
def test_a_small_digest_is_linted_without_importing_multiprocessing(jobs):
    """By default workers are for large inputs only; ``multiprocessing`` (~10 ms of a cold start) is
    imported only when there is work to share out."""
    code = ("import sys, summary_lint.cli\n"
            f"code = summary_lint.cli.main([*{jobs!r}, '-o', {os.devnull!r}, {str(SEED)!r}])\n"
            "print(code, 'multiprocessing' in sys.modules, file=sys.stderr)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stderr.split() == ["1", "False"]  # the seed digest fails four papers
