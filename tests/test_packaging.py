"""Honest packaging: the declared licence and Pythons, and an sdist whose own tests pass once installed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import venv
from pathlib import Path

import pytest
from conftest import NETWORK_TROUBLE, ROOT

from summary_lint.packs import tomllib

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
SUPPORTED = ("3.10", "3.11", "3.12", "3.13")


def test_the_declared_licence_is_shipped():
    assert PROJECT["license"] == {"text": "MIT"}
    assert "License :: OSI Approved :: MIT License" in PROJECT["classifiers"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in text


def test_supported_pythons_agree_with_requires_python():
    assert PROJECT["requires-python"] == f">={SUPPORTED[0]}"
    versions = [c.rsplit(" :: ", 1)[1] for c in PROJECT["classifiers"]
                if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
    assert versions == list(SUPPORTED)
    assert sys.version_info >= (3, 10)


def test_no_module_imports_tomllib_unguarded():
    """tomllib is 3.11+: everything goes through summary_lint.packs, which falls back to tomli on 3.10."""
    offenders = [str(path.relative_to(ROOT)) for folder in ("summary_lint", "tests") for path in (ROOT / folder).rglob("*.py")
                 if re.search(r"^\s*(import tomllib|from tomllib)", path.read_text(encoding="utf-8"), re.MULTILINE)]
    assert offenders == ["summary_lint/packs.py"]
    assert "tomli>=2.0; python_version < '3.11'" in PROJECT["dependencies"]


def test_the_sdist_includes_every_top_level_path_the_tests_read():
    include = set(PYPROJECT["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]) | {"pyproject.toml"}
    read = set()
    for path in (ROOT / "tests").glob("*.py"):
        read |= set(re.findall(r'ROOT / "([\w.-]+)', path.read_text(encoding="utf-8")))
    # reports/ is where browser tests write screenshots; .git only decides whether pre-commit can run
    assert read - {"reports", ".git"} <= include
    assert "tests" in include and "summary_lint" in include and "rules" in include


def _interpreter(name: str) -> str:
    """The interpreter to test the sdist with; skip when this machine lacks it."""
    if name == "current":
        return sys.executable
    try:
        found = subprocess.run([name, "-c", "import sys; print(sys.executable)"], capture_output=True, text=True,
                               timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        found = None
    if found is None or found.returncode != 0:
        pytest.skip(f"{name} is not available (with pyenv: PYENV_VERSION=3.10.13:3.13.0:…)")
    return found.stdout.strip()


def _run(argv: list[str], cwd: Path, timeout: int = 1800) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0 and any(sign in done.stdout + done.stderr for sign in NETWORK_TROUBLE):
        pytest.skip("no network to install build or test dependencies")
    return done


@pytest.fixture(scope="module")
def sdist(tmp_path_factory) -> Path:
    pytest.importorskip("build", reason="the 'build' package is not installed")
    out = tmp_path_factory.mktemp("dist")
    done = _run([sys.executable, "-m", "build", "--sdist", "--outdir", str(out), str(ROOT)], cwd=out)
    assert done.returncode == 0, done.stdout + done.stderr
    (archive,) = out.glob("summary_lint-*.tar.gz")
    return archive


@pytest.mark.slow
def test_the_sdist_carries_what_its_tests_need(sdist):
    with tarfile.open(sdist) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    for needed in ("LICENSE", "README.md", "pyproject.toml", ".pre-commit-hooks.yaml", "action.yml",
                   "examples/digest-2024-07-08.txt", "tests/conftest.py", "tests/data/sarif-schema-2.1.0.json",
                   "tests/fixtures/digest-labelled.md", "rules/presets/default.toml"):
        assert needed in names


@pytest.mark.slow
@pytest.mark.parametrize("python", ["current", "python3.10", "python3.13"])
def test_the_sdist_installs_in_a_fresh_venv_and_its_tests_pass(sdist, python, tmp_path):
    with tarfile.open(sdist) as tar:
        tar.extractall(tmp_path, filter="data") if hasattr(tarfile, "data_filter") else tar.extractall(tmp_path)
    (source,) = tmp_path.glob("summary_lint-*")
    env_dir = tmp_path / "venv"
    if python == "current":
        venv.create(env_dir, with_pip=True)
    else:
        assert _run([_interpreter(python), "-m", "venv", str(env_dir)], cwd=tmp_path).returncode == 0
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    install = _run([str(bin_dir / "python"), "-m", "pip", "install", "-q", f"{sdist}[test]"], cwd=tmp_path)
    assert install.returncode == 0, install.stdout + install.stderr
    # the venv's pytest, from the unpacked sdist: the tests import the installed package, not the source folder
    tests = _run([str(bin_dir / "pytest"), "-q", "-x", "-p", "no:cacheprovider"], cwd=source, timeout=3600)
    assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]
    assert re.search(r"\d+ passed", tests.stdout)
