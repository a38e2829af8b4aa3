"""Hostile inputs (issue 13): read once and bounded, every failure one line and exit 2, no hang."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEED

import summary_lint
from summary_lint.cli.main import main
from summary_lint.errors import InputError
from summary_lint.read.decode import bytes_opener, iter_lines, read_bounded
from summary_lint.read.markdown import parse_markdown

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def cli(*args: str, cwd: Path | None = None, stdin=None, shell: str | None = None) -> subprocess.CompletedProcess:
    command = ["bash", "-c", shell] if shell else [sys.executable, "-m", "summary_lint", *args]
    env = {**ENV, "L": f"{sys.executable} -m summary_lint"}
    return subprocess.run(command, cwd=cwd, stdin=stdin, capture_output=True, text=True, env=env, timeout=60,
                          check=False)


def lint(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


def test_dev_zero_on_stdin_is_refused_at_once():
    start = time.perf_counter()
    with open("/dev/zero", "rb") as zero:
        run = cli("-", stdin=zero)
    assert run.returncode == 2 and run.stderr == "summary-lint: error: <stdin>: binary input (NUL byte at offset 0)\n"
    assert time.perf_counter() - start < 15


def test_reading_stops_past_the_limit_without_reading_the_rest():
    reads = []

    class Endless:
        def read(self, n):
            reads.append(n)
            return b"- text\n" * (n // 7) or b"x"

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    with pytest.raises(InputError, match=r"^s: input larger than 1 MB \(raise the max-input-size setting"):
        read_bounded("s", lambda: Endless(), 1 << 20)  # type: ignore[arg-type,return-value]
    assert sum(reads) <= (1 << 20) + (1 << 16) + 1


def test_max_input_size_from_the_command_line_and_the_configuration(tmp_path, capsys):
    digest = tmp_path / "d.md"
    shutil.copy(SEED, digest)
    size = digest.stat().st_size
    code, err = lint(capsys, "--max-input-size", str(size - 1), str(digest))
    assert code == 2 and err == f"summary-lint: error: {digest}: input larger than {size - 1} bytes " \
        "(raise the max-input-size setting to lint it)\n"
    assert lint(capsys, "--max-input-size", str(size), str(digest))[0] == 1
    (tmp_path / "summary-lint.toml").write_text(f"max-input-size = {size - 1}\n")
    assert lint(capsys, str(digest))[0] == 2
    with pytest.raises(InputError, match="input larger than 100 bytes"):
        summary_lint.lint_text(SEED.read_text(encoding="utf-8"), config={"max-input-size": 100})


def test_a_named_fifo_is_read_once(tmp_path):
    fifo = tmp_path / "digest.md"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(SEED.read_bytes()))
    writer.start()
    run = cli(str(fifo), "--format", "json")
    writer.join(timeout=30)
    assert run.returncode == 1, run.stderr
    assert '"papers": 13' in run.stdout


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_process_substitution_and_stdin(tmp_path, jobs):
    """With a worker process (--jobs 2), the worker must not try to read the pipe a second time."""
    shutil.copy(SEED, tmp_path / "d.md")
    substituted = cli(shell=f"$L --format json --jobs {jobs} <(cat d.md)", cwd=tmp_path)
    with open(SEED, "rb") as f:
        piped = cli("-", "--format", "json", "--jobs", jobs, stdin=f)
    assert substituted.returncode == piped.returncode == 1, substituted.stderr
    assert '"papers": 13' in substituted.stdout and '"papers": 13' in piped.stdout


def test_a_symbolic_link_loop_is_one_line(tmp_path, capsys):
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    code, err = lint(capsys, str(tmp_path / "a.md"))
    assert code == 2 and err == f"summary-lint: error: {tmp_path / 'a.md'}: cannot read: Too many levels of symbolic links\n"


@pytest.fixture
def unreadable_subfolder(tmp_path, monkeypatch):
    """A folder with a readable digest and a subfolder that cannot be listed (as root, chmod is not enough)."""
    shutil.copy(SEED, tmp_path / "a.md")
    (tmp_path / "sub").mkdir()
    shutil.copy(SEED, tmp_path / "sub" / "b.md")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return tmp_path


def test_an_unreadable_subfolder_is_an_error_like_an_unreadable_file(unreadable_subfolder, capsys):
    code, err = lint(capsys, str(unreadable_subfolder))
    assert code == 2 and err == f"summary-lint: error: {unreadable_subfolder / 'sub'}: cannot read: Permission denied\n"


def test_keep_going_skips_an_unreadable_subfolder_and_records_it(unreadable_subfolder, capsys):
    code = main(["--keep-going", "--format", "json", str(unreadable_subfolder)])
    out, err = capsys.readouterr()
    assert code == 1
    assert err == f"summary-lint: warning: {unreadable_subfolder / 'sub'}: cannot read: Permission denied (skipped)\n"
    assert f'"path": "{unreadable_subfolder / "sub"}"' in out and '"skipped": true' in out


def test_one_bullet_with_many_continuation_lines_parses_in_linear_time():
    def seconds(lines: int) -> float:
        text = ["### [A](https://arxiv.org/abs/2401.00001)", "- **What's New**: a"]
        text += [f"  continuation {i}" for i in range(lines)]
        start = time.perf_counter()
        digest = parse_markdown(text, "d.md", "utf-8")
        assert digest.papers[0].sections[0].text.count("\n") == lines
        return time.perf_counter() - start

    assert seconds(80_000) < 5  # took 71 s when each line was appended to the section's text
    small, large = min(seconds(20_000) for _ in range(3)), min(seconds(80_000) for _ in range(3))
    assert large < small * 10  # 4× the lines, far from 16× the time


@pytest.mark.parametrize("text", ["a\nb", "a\r\nb\r\n", "a\rb\r", "\n\n", "a\fb\x1cc\u2028d\x85e\n", "", "x"])
def test_lines_split_as_universal_newlines_do(text):
    import io

    expected = [line.rstrip("\n") for line in io.TextIOWrapper(io.BytesIO(text.encode()), "utf-8", newline=None)]
    assert list(iter_lines(text)) == expected


def test_an_input_is_opened_once():
    opened = []

    def opener():
        opened.append(1)
        return bytes_opener(SEED.read_bytes())()

    from summary_lint.read.discover import Input
    from summary_lint.read.parse import parse_input

    assert len(parse_input(Input("d.md", opener, True)).papers) == 13
    assert len(opened) == 1


def test_the_api_accepts_a_path_and_refuses_lone_surrogates(tmp_path):
    assert summary_lint.lint_paths(SEED).summary.papers == 13
    assert summary_lint.lint_paths([Path(SEED)]).summary.papers == 13
    with pytest.raises(InputError, match=r"^<text>: not valid Unicode text: lone surrogate U\+D800 at character 4$"):
        summary_lint.lint_text("abc \ud800 def")
    with pytest.raises(InputError, match="expected the digest as str, got bytes"):
        summary_lint.lint_text(b"abc")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="paths: expected a path or a list of paths"):
        summary_lint.lint_paths(5)  # type: ignore[arg-type]
    with pytest.raises(summary_lint.ConfigError, match="config: expected a Config, a dict or a file path"):
        summary_lint.lint_paths(SEED, config=5)
    with pytest.raises(summary_lint.ConfigError, match="input_format: expected one of auto, markdown, json, got 'xml'"):
        summary_lint.lint_text("### [A](https://arxiv.org/abs/2401.00001)\n- x\n", input_format="xml")
