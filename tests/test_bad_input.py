"""Bad input: one line on stderr saying what and where, exit code 2, never a traceback."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES

from summary_lint.cli.main import main

DIGEST = FIXTURES / "digest-labelled.md"


def lint(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write(path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.md", b"", "empty input (no text)"),
    ("blank.md", b"\n  \n", "empty input (no text)"),
    ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "binary input (NUL byte at offset 8)"),
    ("notes.md", b"# Notes\n\nNo papers today.\n", "no paper entries found"),
    ("latin1.md", "### [Caf\xe9](https://arxiv.org/abs/2401.00001)\n- r\xe9sum\xe9\n".encode("latin-1"),
     "cannot decode as utf-8: byte 0xe9 at offset 8"),
    ("broken.json", b'[{"title": "A"},', "invalid JSON"),
])
def test_bad_named_file(capsys, tmp_path, name, data, message):
    path = write(tmp_path / name, data)
    code, out, err = lint(capsys, path)
    assert code == 2 and out == ""
    assert err.startswith(f"summary-lint: error: {path}: ") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_path(capsys, tmp_path):
    code, _, err = lint(capsys, str(tmp_path / "nope.md"))
    assert (code, err) == (2, f"summary-lint: error: {tmp_path / 'nope.md'}: no such file or directory\n")


@pytest.mark.parametrize("files", [
    {},
    {"report.json": b"[]", "image.png": b"\x89PNG"},
    {"README.md": b"# Readme\n", "empty.txt": b""},
], ids=["empty", "no-digest-suffix", "no-entries"])
def test_directory_with_no_digests(capsys, tmp_path, files):
    folder = tmp_path / "digests"
    folder.mkdir()
    for name, data in files.items():
        write(folder / name, data)
    code, out, err = lint(capsys, str(folder))
    assert code == 2 and out == ""
    assert err.startswith(f"summary-lint: error: {folder}: directory contains no digests")
    assert err.count("\n") == 1


def test_empty_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert lint(capsys, "-") == (2, "", "summary-lint: error: <stdin>: empty input (no text)\n")


def test_files_without_entries_inside_a_folder_are_skipped_and_counted(capsys, tmp_path):
    shutil.copy(DIGEST, tmp_path / "digest.md")
    write(tmp_path / "README.md", b"# About\n\nDaily digests live here.\n")
    write(tmp_path / "sub" / "empty.md", b"")
    code, out, err = lint(capsys, "--format", "json", "--select", "S004", str(tmp_path))
    assert (code, err) == (0, "")
    report = json.loads(out)
    skipped = {f["path"]: f["reason"] for f in report["files"] if f["skipped"]}
    assert skipped == {str(tmp_path / "README.md"): "no paper entries", str(tmp_path / "sub" / "empty.md"): "empty file"}
    assert (report["summary"]["files"], report["summary"]["skipped_files"], report["summary"]["papers"]) == (3, 2, 3)


def test_a_bad_file_inside_a_folder_is_still_an_error(capsys, tmp_path):
    shutil.copy(DIGEST, tmp_path / "digest.md")
    bad = write(tmp_path / "z.md", b"\xff\xfeA\x00B")  # UTF-16 mark, then an odd byte count
    code, out, err = lint(capsys, str(tmp_path))
    assert code == 2 and out == "" and err.startswith(f"summary-lint: error: {bad}: cannot decode")


def test_no_traceback_from_the_installed_command(tmp_path):
    path = write(tmp_path / "binary.txt", bytes(range(256)))
    result = subprocess.run([sys.executable, "-m", "summary_lint", path], capture_output=True, timeout=120, check=False)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode().splitlines() == [f"summary-lint: error: {path}: binary input (NUL byte at offset 0)"]


def test_a_file_named_twice_or_inside_a_named_folder_is_read_once(capsys, tmp_path):
    shutil.copy(DIGEST, tmp_path / "digest.md")
    (tmp_path / "sub").mkdir()
    shutil.copy(DIGEST, tmp_path / "sub" / "other.md")
    digest = str(tmp_path / "digest.md")
    _code, out, _ = lint(capsys, "--format", "json", "--select", "duplicate-paper",
                        digest, str(tmp_path), digest, str(tmp_path / "sub"))
    report = json.loads(out)
    assert [f["path"] for f in report["files"]] == [digest, str(tmp_path / "sub" / "other.md")]
    assert report["summary"]["findings_by_rule"] == {"duplicate-paper": 3}  # the copy in sub/, not the repeats


def test_closed_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    assert lint(capsys, "-") == (2, "", "summary-lint: error: <stdin>: standard input is closed\n")


def test_the_report_never_overwrites_an_input(capsys, tmp_path):
    digest = tmp_path / "digest.md"
    shutil.copy(DIGEST, digest)
    before = digest.read_bytes()
    code, out, err = lint(capsys, "-o", str(digest), str(tmp_path))
    assert (code, out) == (2, "") and err == f"summary-lint: error: {digest}: -o would overwrite input {digest}\n"
    assert digest.read_bytes() == before
