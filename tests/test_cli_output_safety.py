"""Nothing read is ever written, writes are whole, stdout and the terminal are handled (issue 13)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import SEED
from test_cli import ENTRY_POINT, run

from summary_lint.cli import files
from summary_lint.cli.main import main
from summary_lint.errors import SummaryLintError

resource = pytest.importorskip("resource")  # POSIX: file-size limits, /dev/full, closed descriptors


@pytest.fixture
def day(tmp_path):
    """A digest, a sources file, a config and a baseline, each with known bytes."""
    shutil.copy(SEED, tmp_path / "d.md")
    (tmp_path / "sources.jsonl").write_text('{"arxiv_id": "2407.04363", "title": "T", "abstract": "A."}\n',
                                            encoding="utf-8")
    (tmp_path / "conf.toml").write_text('select = ["S009"]\n', encoding="utf-8")
    assert main(["--isolated", "--select", "S009", "--write-baseline", str(tmp_path / "base.json"),
                 str(tmp_path / "d.md")]) == 0
    return tmp_path


def _state(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("argv, detail", [
    (["d.md", "--html", "d.md"], "d.md: --html would overwrite input d.md"),
    (["d.md", "--write-baseline", "d.md"], "d.md: --write-baseline would overwrite input d.md"),
    (["d.md", "-o", "sources.jsonl", "--sources", "sources.jsonl"],
     "sources.jsonl: -o would overwrite --sources file sources.jsonl"),
    (["d.md", "-o", "conf.toml", "--config", "conf.toml"], "conf.toml: -o would overwrite --config file conf.toml"),
    (["d.md", "-o", "base.json", "--baseline", "base.json"], "base.json: -o would overwrite --baseline file base.json"),
    (["d.md", "--write-baseline", "base.json", "--baseline", "base.json"],
     "base.json: --write-baseline would overwrite --baseline file base.json"),
    ([".", "-o", "./sub/../d.md"], "./sub/../d.md: -o would overwrite input ./d.md"),   # a file found in a folder
    (["d.md", "-o", "out.json", "--html", "./out.json"], "./out.json: --html and -o name the same file"),
    (["d.md", "-o", "link.md"], "link.md: -o would overwrite input d.md"),              # a symbolic link
    (["d.md", "--html", "hard.md"], "hard.md: --html would overwrite input d.md"),      # a hard link
])
def test_nothing_read_is_ever_written(day, monkeypatch, capsys, argv, detail):
    (day / "link.md").symlink_to(day / "d.md")
    os.link(day / "d.md", day / "hard.md")
    monkeypatch.chdir(day)
    before = _state(day)
    assert main(["--isolated", *argv]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == f"summary-lint: error: {detail}\n"
    assert _state(day) == before


def test_the_configuration_found_for_an_input_is_never_written(day, monkeypatch, capsys):
    (day / "summary-lint.toml").write_text('select = ["S009"]\n', encoding="utf-8")
    monkeypatch.chdir(day)
    before = _state(day)
    assert main(["d.md", "-o", "summary-lint.toml"]) == 2
    assert capsys.readouterr().err == ("summary-lint: error: summary-lint.toml: -o would overwrite "
                                       f"configuration file {day / 'summary-lint.toml'}\n")
    assert _state(day) == before


def _limited_file_size(limit: int):
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.parametrize("option, what", [("-o", "report"), ("--html", "HTML report"),
                                          ("--write-baseline", "baseline")])
def test_a_failed_write_leaves_the_previous_file_untouched(day, option, what):
    """A file-size limit makes the write fail part-way (EFBIG), as a full disk does (ENOSPC)."""
    target = day / "previous.out"
    target.write_text("the previous report\n", encoding="utf-8")
    argv = [ENTRY_POINT, "--isolated", "d.md", "--format", "json", option, str(target)]
    result = subprocess.run(argv, cwd=day, capture_output=True, timeout=120, preexec_fn=_limited_file_size(1024),
                            check=False)
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"summary-lint: error: {target}: cannot write {what}: File too large")
    assert len(result.stderr.splitlines()) == 1
    assert target.read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in day.iterdir() if p.name.startswith(".")) == []  # no temporary file left


def test_an_interrupted_write_is_undone(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("old\n", encoding="utf-8")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomic(str(target), "new\n", "report")
    assert target.read_text(encoding="utf-8") == "old\n" and [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_writes_keep_links_and_devices(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old\n", encoding="utf-8")
    (tmp_path / "latest.txt").symlink_to(real)
    files.write_atomic(str(tmp_path / "latest.txt"), "new\n", "report")
    assert (tmp_path / "latest.txt").is_symlink() and real.read_text(encoding="utf-8") == "new\n"
    files.write_atomic(os.devnull, "discarded\n", "report")
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)
    with pytest.raises(SummaryLintError, match="is a folder"):
        files.write_atomic(str(tmp_path), "x", "report")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_stdout_is_one_line_exit_2():
    with open("/dev/full", "wb") as full:
        result = subprocess.run([ENTRY_POINT, "--isolated", str(SEED)], stdout=full, stderr=subprocess.PIPE,
                                timeout=120, check=False)
    assert result.returncode == 2
    assert result.stderr == b"summary-lint: error: cannot write to standard output: No space left on device\n"


def test_a_closed_stdout_is_one_line_exit_2():
    result = subprocess.run([ENTRY_POINT, "--isolated", str(SEED)], stderr=subprocess.PIPE, timeout=120,
                            preexec_fn=lambda: os.close(1), check=False)
    assert result.returncode == 2 and result.stderr == b"summary-lint: error: standard output is closed\n"


def test_a_reader_that_goes_away_ends_the_run_quietly_with_141():
    process = subprocess.Popen([ENTRY_POINT, "--isolated", "--format", "json", str(SEED), str(SEED.parent)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # like '| head -0'
    err = process.stderr.read()
    assert process.wait(timeout=120) == 141 and err == b""


def test_file_names_reach_the_terminal_escaped(tmp_path):
    evil = "evil-\x1b]0;pwned\x07\x1b[2J\nforged.md"
    shutil.copy(SEED, tmp_path / evil)
    result = run("--isolated", "--select", "S009", evil, cwd=tmp_path)
    out = result.stdout.decode()
    assert "\x1b" not in out and "\x07" not in out
    assert r"evil-\x1b]0;pwned\x07\x1b[2J\nforged.md:129:238: S009 [truncated-authors]" in out
    missing = run("--isolated", "nope-\x1b[2J\u202e.md", cwd=tmp_path)
    assert missing.stderr.decode() == "summary-lint: error: nope-\\x1b[2J\\u202e.md: no such file or directory\n"


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "html"])
def test_a_file_name_that_is_not_utf8_is_reported_with_its_bytes_escaped(tmp_path, fmt):
    folder = tmp_path / "digests"
    folder.mkdir()
    shutil.copy(SEED, os.path.join(os.fsencode(folder), b"bad-\xff.md"))
    argv = ["--html", "r.html"] if fmt == "html" else ["--format", fmt]
    result = run("--isolated", "--select", "S009", "digests", *argv, cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == b""
    text = (tmp_path / "r.html").read_text(encoding="utf-8") if fmt == "html" else result.stdout.decode("utf-8")
    escaped = {"json": "bad-\\\\xff.md", "sarif": "bad-%5Cxff.md"}.get(fmt, "bad-\\xff.md")  # JSON, URI escapes
    assert escaped in text
    if fmt == "json":
        assert json.loads(text)["files"][0]["path"] == "digests/bad-\\xff.md"
