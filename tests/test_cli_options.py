"""Command-line options for pipelines (issue 12): subcommands in --help, --show-settings,
--stdin-filename, --force-exclude, --exit-zero, colour, --statistics for every format, --jobs."""

from __future__ import annotations

import io
import json
import os
import shutil

import pytest
from conftest import SEED
from test_cli import FINDING_LINE, run

from summary_lint.cli.main import main
from summary_lint.cli.terminal import use_color
from summary_lint.render import FORMATS


@pytest.fixture
def project(tmp_path):
    """A repository with a README, a digest in a folder with its own config, and a root config."""
    (tmp_path / "README.md").write_text("# Project\n\nNo digests here.\n", encoding="utf-8")
    (tmp_path / "digests").mkdir()
    shutil.copy(SEED, tmp_path / "digests" / "d.md")
    (tmp_path / "pyproject.toml").write_text('[tool.summary-lint]\nexclude = ["README.md"]\n', encoding="utf-8")
    (tmp_path / "digests" / ".summary-lint.toml").write_text('select = ["S009"]\nfail-under = 98\n', encoding="utf-8")
    return tmp_path


def test_help_lists_the_commands_and_the_exit_codes():
    top = run("--help")
    assert top.returncode == 0
    text = top.stdout.decode()
    for word in ("check", "rules", "rule", "eval", "exit codes:", "130", "141", "143", "check --help"):
        assert word in text
    check = run("check", "--help").stdout.decode()
    for option in ("--exit-zero", "--show-settings", "--stdin-filename", "--force-exclude", "exit codes:"):
        assert option in check
    for command in ("rules", "rule", "eval"):
        assert run(command, "--help").returncode == 0


def test_check_is_the_default_command_and_can_be_named(tmp_path):
    shutil.copy(SEED, tmp_path / "rules")  # a file named like a command is linted through 'check'
    named = run("check", "--isolated", "--select", "S009", "rules", cwd=tmp_path)
    plain = run("--isolated", "--select", "S009", str(tmp_path / "rules"), cwd=tmp_path)
    assert named.returncode == plain.returncode == 0
    assert b"rules:129:238: S009" in named.stdout
    assert run("rules", cwd=tmp_path).stdout.startswith(b"A000 ")


def test_usage_errors_are_one_line_exit_2():
    for argv in (["--format", "nope", "x.md"], ["rule"], ["--jobs", "0", "x.md"], ["eval", "--cv", "1"],
                 ["--bogus", "x.md"], ["rules", "--bogus"]):
        result = run(*argv)
        assert result.returncode == 2 and result.stdout == b"", argv
        assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(b"summary-lint: error: "), argv
        command = argv[0] if argv[0] in ("rule", "rules", "eval") else "check"
        assert result.stderr.endswith(f"(see 'summary-lint {command} --help')\n".encode()), argv


def test_show_settings_prints_the_resolved_settings_and_exits_0(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    assert main(["--show-settings", "digests/d.md"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["config"]["select"] == ["S009"] and shown["config"]["fail-under"] == 98
    assert shown["rules"] == {"truncated-authors": {"code": "S009", "enabled": True, "severity": "warning", "penalty": 3}}
    assert shown["verdict"] == {"fail-below": 50, "warn-below": 100}
    assert main(["--show-settings", "--isolated", "--preset", "relaxed"]) == 0
    relaxed = json.loads(capsys.readouterr().out)
    assert relaxed["config"]["preset"] == "relaxed" and len(relaxed["rules"]) > 10


def test_stdin_filename_names_the_input_and_finds_its_config(project):
    data = (project / "digests" / "d.md").read_bytes()
    result = run("-", "--stdin-filename", "digests/d.md", stdin=data, cwd=project)
    lines = result.stdout.decode().splitlines()
    assert result.returncode == 1  # fail-under 98 from digests/.summary-lint.toml; only S009 selected there
    assert lines[0] == "digests/d.md:3: score 100 PASS Unveiling Encoder-Free Vision-Language Models"
    assert "digests/d.md:129:238: S009 [truncated-authors]" in result.stdout.decode()
    assert {m["code"] for line in lines if (m := FINDING_LINE.match(line))} == {"S009"}
    plain = run("-", stdin=data, cwd=project)
    assert b"<stdin>:23:19: C001" in plain.stdout


def test_force_exclude_applies_exclude_to_named_files(project):
    named = run("README.md", "digests/d.md", cwd=project)
    assert named.returncode == 2 and b"README.md: no paper entries found" in named.stderr
    forced = run("--force-exclude", "README.md", "digests/d.md", "--format", "json", cwd=project)
    assert [f["path"] for f in json.loads(forced.stdout)["files"]] == ["digests/d.md"]
    nothing = run("--force-exclude", "README.md", cwd=project)
    assert nothing.returncode == 0 and nothing.stdout == b""
    assert nothing.stderr.decode().startswith("summary-lint: warning: every input is excluded")
    piped = run("--force-exclude", "-", "--stdin-filename", "README.md", stdin=b"### not read", cwd=project)
    assert piped.returncode == 0 and piped.stdout == b""


def test_exit_zero_keeps_the_report_and_errors(project):
    failing = run("--isolated", str(SEED), "--exit-zero")
    assert failing.returncode == 0 and failing.stdout.decode().splitlines()[-1].startswith("Failed: 4 papers")
    assert run("--exit-zero", "missing.md").returncode == 2


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("choice, env, tty, expected", [
    ("auto", {}, True, True),
    ("auto", {}, False, False),
    ("auto", {"NO_COLOR": "1"}, True, False),
    ("auto", {"NO_COLOR": ""}, True, True),            # an empty NO_COLOR does not count
    ("auto", {"FORCE_COLOR": "1"}, False, True),
    ("auto", {"FORCE_COLOR": ""}, False, False),
    ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
    ("auto", {"TERM": "dumb"}, True, False),
    ("auto", {"TERM": "dumb", "FORCE_COLOR": "1"}, True, True),
    ("always", {"NO_COLOR": "1"}, False, True),
    ("never", {"FORCE_COLOR": "1"}, True, False),
])
def test_colour_follows_the_environment(choice, env, tty, expected):
    assert use_color(choice, _Stream(tty), env) is expected


def test_force_color_colours_a_pipe_end_to_end():
    coloured = run("--isolated", "--select", "S009", str(SEED), env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    plain = run("--isolated", "--select", "S009", str(SEED), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert b"\x1b[33mS009\x1b[0m" in coloured.stdout and b"\x1b" not in plain.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_statistics_work_for_every_format(capsys, fmt):
    code = main(["--isolated", str(SEED), "--format", fmt, "--statistics"])
    out, err = capsys.readouterr()
    table = "     4  C001   title-mismatch"
    assert code == 1
    if fmt == "text":
        assert table in out.splitlines() and err == ""
    else:
        assert table in err.splitlines() and table not in out
    if fmt in ("json", "sarif"):
        json.loads(out)


def test_output_folders_are_created(tmp_path, capsys):
    report, html = tmp_path / "a" / "b" / "report.json", tmp_path / "c" / "r.html"
    assert main(["--isolated", str(SEED), "--format", "json", "-o", str(report), "--html", str(html)]) == 1
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["papers"] == 13
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert oct(report.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_jobs_are_validated_and_never_exceed_the_work_units(monkeypatch, capsys, tmp_path):
    import multiprocessing

    from summary_lint.engine import parallel

    limit = 4 * (os.cpu_count() or 1)
    assert run("--jobs", str(limit + 1), str(SEED)).returncode == 2
    started = []
    real = multiprocessing.get_context

    class Recording:
        def __init__(self, method):
            self.context = real(method)

        def Pool(self, processes, *args):
            started.append(processes)
            return self.context.Pool(processes, *args)

    monkeypatch.setattr(multiprocessing, "get_context", Recording)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_PAPERS", 1)
    monkeypatch.setattr(parallel, "UNIT_PAPERS", 5)
    for name in ("a", "b", "c"):
        shutil.copy(SEED, tmp_path / f"{name}.md")
    assert main(["--isolated", "--select", "S009", "--jobs", str(limit), str(tmp_path)]) == 0
    assert started == [min(limit, 3)]  # three digests of 13 papers: three units of whole digests
    started.clear()
    assert main(["--isolated", "--select", "S009", "--jobs", str(limit), str(SEED)]) == 0
    assert started == [1]  # one digest is never split between workers


@pytest.mark.parametrize("command", ["check", "rules", "rule"])
def test_readme_documents_every_option(capsys, command):
    import re

    from conftest import ROOT

    with pytest.raises(SystemExit):
        main([command, "--help"])
    options = set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", capsys.readouterr().out)) - {"--help"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert options and sorted(o for o in options if f"`{o}" not in readme and f"/{o}" not in readme) == []
