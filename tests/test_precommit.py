"""The pre-commit hook works in an ordinary repository: a README beside a digest is skipped, the digest's findings fail the hook."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess

import pytest
import yaml
from conftest import NETWORK_TROUBLE, ROOT, SEED

from summary_lint.cli.main import main
from summary_lint.packs import tomllib

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def hook_argv(hook: dict) -> list[str]:
    """The command line pre-commit runs, without the program and the file names."""
    entry = shlex.split(hook["entry"])
    assert entry[0] == "summary-lint"
    return [*entry[1:], *hook.get("args", [])]


@pytest.fixture
def repo(tmp_path):
    """A repository's files: a README without entries and a digest whose first two papers fail."""
    (tmp_path / "README.md").write_text("# Our digests\n\nGenerated every morning. See `digests/`.\n", encoding="utf-8")
    (tmp_path / "digests").mkdir()
    seed = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "digests" / "2024-07-08.md").write_text("".join(seed[:60]), encoding="utf-8")
    return tmp_path


def test_one_hook_running_the_installed_command_on_markdown_in_one_process():
    (hook,) = HOOKS
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert hook["id"] == "summary-lint" and hook["language"] == "python" and hook["require_serial"] is True
    assert shlex.split(hook["entry"])[0] in scripts
    assert [bool(re.search(hook["files"], name)) for name in ("README.md", "2024/07/08.txt", "x.py")] == [
        True, True, False]


def test_the_hook_fails_on_the_digest_and_says_nothing_about_the_readme(capsys, repo, monkeypatch):
    monkeypatch.chdir(repo)
    code = main([*hook_argv(HOOKS[0]), "README.md", "digests/2024-07-08.md"])
    out, err = capsys.readouterr()
    assert code == 1 and err == ""
    assert "digests/2024-07-08.md:23:19: C001 [title-mismatch]" in out
    assert "README" not in out
    assert not re.search(r": score +\d+ (PASS|WARN|FAIL) ", out)  # no per-paper score lines in the hook
    *_, totals, reasons = out.rstrip().splitlines()
    assert totals.startswith("Checked 5 papers in 2 files, 1 skipped:") and reasons.startswith("Failed: 2 papers")


def test_a_commit_of_files_without_entries_passes(capsys, repo, monkeypatch):
    monkeypatch.chdir(repo)
    (repo / "notes.txt").write_text("", encoding="utf-8")
    assert main([*hook_argv(HOOKS[0]), "README.md", "notes.txt"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == "summary-lint: no paper entries in the 2 files named: nothing to lint\n"


def test_without_the_flag_a_named_file_without_entries_is_still_an_error(capsys, repo, monkeypatch):
    monkeypatch.chdir(repo)
    assert main(["README.md", "digests/2024-07-08.md"]) == 2
    assert "README.md: no paper entries found" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pre-commit") is None or shutil.which("git") is None,
                    reason="pre-commit or git is not installed")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="pre-commit installs hooks from a git checkout")
def test_pre_commit_runs_the_hook_from_this_repository(repo, tmp_path_factory):
    """The real thing: pre-commit builds the hook's environment (pip installs this checkout) and runs it."""
    git = ["git", "-c", "user.email=test@example.org", "-c", "user.name=test"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "digests"], cwd=repo, check=True)
    env = {**_clean_env(), "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}
    run = subprocess.run(["pre-commit", "try-repo", str(ROOT), "summary-lint", "--all-files"], cwd=repo, env=env,
                         capture_output=True, text=True, timeout=1200, check=False)
    output = run.stdout + run.stderr
    if run.returncode == 3 and any(sign in output for sign in NETWORK_TROUBLE):
        pytest.skip("no network to build the hook's environment")
    assert run.returncode == 1, output
    assert "summary-lint" in output and "Failed" in output
    assert "digests/2024-07-08.md:23:19: C001 [title-mismatch]" in output
    assert "README" not in output


def _clean_env() -> dict[str, str]:
    """This process's environment without PYTHONPATH, so the hook runs its own installed copy."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
