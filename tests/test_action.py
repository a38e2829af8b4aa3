"""The GitHub Action (action.yml), run here the way a runner runs a composite action: its shell steps in order,
with GITHUB_ACTION_PATH at this checkout, RUNNER_TEMP in a temporary folder and the inputs in the step's env."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import NETWORK_TROUBLE, ROOT, SEED
from digest_builder import digest, entry

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = ACTION["runs"]["steps"]
EXPRESSION = re.compile(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}")
needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")


def run_step(step: dict, inputs: dict[str, str], workspace: Path, runner_temp: Path) -> subprocess.CompletedProcess:
    """One step as the runner runs it: ``bash --noprofile --norc -eo pipefail``, inputs through ``env``."""
    values = {name: inputs.get(name, spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env |= {"GITHUB_ACTION_PATH": str(ROOT), "RUNNER_TEMP": str(runner_temp)}
    env |= {key: EXPRESSION.sub(lambda m: values[m.group(1)], value) for key, value in step.get("env", {}).items()}
    assert step["shell"] == "bash"
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=workspace,
                          env=env, capture_output=True, text=True, timeout=1800, check=False)


def step(name: str) -> dict:
    return next(s for s in STEPS if s["name"] == name)


def test_a_composite_action_of_shell_steps_that_never_pastes_inputs_into_scripts():
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"paths", "args", "sources", "fail-under"}
    assert all("run" in s and "${{" not in s["run"] for s in STEPS)
    assert '"$GITHUB_ACTION_PATH"' in step("Install summary-lint")["run"]
    assert "--format github" in step("Lint digests")["run"]


@pytest.fixture
def runner(tmp_path):
    """A workspace with digests and a RUNNER_TEMP whose venv's summary-lint runs this checkout (the install
    step itself is tested, with the network, by the slow test below)."""
    workspace, temp = tmp_path / "workspace", tmp_path / "runner-temp"
    (workspace / "digests").mkdir(parents=True)
    shutil.copy(SEED, workspace / "digests" / "seed.md")
    (workspace / "digests" / "votes.md").write_text(digest(entry(1), entry(2, votes=None)), encoding="utf-8")
    program = temp / "summary-lint-venv" / "bin" / "summary-lint"
    program.parent.mkdir(parents=True)
    program.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m summary_lint "$@"\n')
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return workspace, temp


def annotations(out: str) -> list[tuple[str, str, str]]:
    return re.findall(r"^::(error|warning|notice) file=([^,]+),line=\d+,col=\d+,title=summary-lint (\w+) ", out,
                      re.MULTILINE)


@needs_bash
def test_lints_the_given_paths_as_annotations_and_fails_with_the_digest(runner):
    workspace, temp = runner
    done = run_step(step("Lint digests"), {"paths": "digests/seed.md"}, workspace, temp)
    assert done.returncode == 1, done.stderr
    found = annotations(done.stdout)
    assert ("error", "digests/seed.md", "C001") in found
    assert {file for _, file, _ in found} == {"digests/seed.md"}


@needs_bash
def test_args_and_fail_under_reach_the_command(runner):
    workspace, temp = runner
    inputs = {"paths": "digests/votes.md\n", "args": "--select missing-votes"}
    done = run_step(step("Lint digests"), inputs, workspace, temp)
    assert done.returncode == 0 and annotations(done.stdout) == [("warning", "digests/votes.md", "S002")]
    done = run_step(step("Lint digests"), {**inputs, "fail-under": "100"}, workspace, temp)
    assert done.returncode == 1  # 95 < 100


@needs_bash
def test_several_paths_and_sources(runner):
    workspace, temp = runner
    (workspace / "abstracts.jsonl").write_text(json.dumps(
        {"arxiv_id": "2401.00001", "title": "Paper 1: 위젯 study", "abstract": "We study widgets."}) + "\n")
    inputs = {"paths": "digests/votes.md\n  digests/seed.md", "sources": "abstracts.jsonl", "args": "--select A000"}
    done = run_step(step("Lint digests"), inputs, workspace, temp)
    found = annotations(done.stdout)
    assert done.returncode == 0, done.stderr
    assert ("notice", "digests/votes.md", "A000") in found and ("notice", "digests/seed.md", "A000") in found
    assert len([f for f in found if f[1] == "digests/votes.md"]) == 1  # paper 1 has its abstract


@needs_bash
def test_a_bad_input_is_exit_2(runner):
    workspace, temp = runner
    done = run_step(step("Lint digests"), {"paths": "digests/missing.md"}, workspace, temp)
    assert done.returncode == 2 and "digests/missing.md: no such file or directory" in done.stderr


@pytest.mark.slow
@needs_bash
def test_the_whole_action_installs_from_its_checkout_and_lints(tmp_path):
    workspace, temp = tmp_path / "workspace", tmp_path / "runner-temp"
    workspace.mkdir()
    temp.mkdir()
    shutil.copy(SEED, workspace / "seed.md")
    install = run_step(step("Install summary-lint"), {}, workspace, temp)
    if install.returncode != 0 and any(sign in install.stdout + install.stderr for sign in NETWORK_TROUBLE):
        pytest.skip("no network to install summary-lint's dependencies")
    assert install.returncode == 0, install.stderr
    done = run_step(step("Lint digests"), {"paths": "seed.md"}, workspace, temp)
    assert done.returncode == 1, done.stderr
    assert ("error", "seed.md", "C001") in annotations(done.stdout)
