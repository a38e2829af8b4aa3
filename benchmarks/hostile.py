"""Hostile inputs: each case runs the real command line and is measured (exit code, wall time, peak
memory of the process) and checked: one line on stderr (no traceback), no file changed.

    python benchmarks/hostile.py            # the table (markdown) on stdout; exit 1 if a bar fails

Bars (issue 13): exit code as expected, under 15 s, under 500 MB, the case's files unchanged.
Inputs are built in a temporary folder, never in the repository.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "digest-2024-07-08.txt"
TIME_LIMIT = 15.0
MEMORY_LIMIT_MB = 500
AS_USER = "capsh --drop=cap_dac_override,cap_dac_read_search -- -c" if os.geteuid() == 0 else "bash -c"
"""Root reads a folder whatever its mode: without these two capabilities it cannot."""


@dataclass
class Case:
    name: str
    command: str
    """A bash command line; ``$L`` is the linter, the current folder is the case's own."""
    expected: int
    files: dict[str, bytes]


def _project(pack: str, text: str, preset: str = "") -> dict[str, bytes]:
    """A folder whose pyproject.toml points at ``rules/`` holding one user pack."""
    config = f'[tool.summary-lint]\nrules-path = ["rules"]\n{preset}'
    return {"pyproject.toml": config.encode(), f"rules/{pack}": text.encode("utf-8", "surrogateescape"),
            "d.md": SEED.read_bytes()}


def _continuation_bullet(lines: int) -> bytes:
    head = ["### [A Paper](https://arxiv.org/abs/2401.00001)", "Authors: A, B", "Vote: 3", "- **What's New**: a"]
    body = [f"  continuation line of the bullet, with words {i}" for i in range(lines)]
    return ("\n".join(head + body) + "\n").encode()


def _distinct_han_glossary() -> str:
    """Two-character forms that together use every CJK ideograph: a dense pair table of them
    would take 2 GB (``crosslingual.DENSE_PAIRS``)."""
    chars = [chr(c) for c in range(0x4E00, 0xA000)]
    half = len(chars) // 2
    return "".join(f"w{i}\t{chars[i]}{chars[half + i]}\t1.0\n" for i in range(half))


def _chinese_record() -> bytes:
    record = {"title": "Neural Radiance Fields for Dynamic Scenes", "url": "https://arxiv.org/abs/2401.00002",
              "summary": "本文提出一种神经辐射场方法，用于动态场景的新视角合成，在多个基准上取得了更好的效果。"}
    return (json.dumps(record, ensure_ascii=False) + "\n").encode()


def cases() -> list[Case]:
    seed = SEED.read_bytes()
    digest = {"d.md": seed}
    redos_fragment = "a" * 30 + "!"
    return [
        Case("stdin from /dev/zero", "$L - < /dev/zero", 2, {}),
        Case("stdin: endless text past --max-input-size 50000000", "yes 'filler' | $L --max-input-size 50000000 -",
             2, {}),
        Case("named FIFO", "mkfifo f && (cat d.md > f &) && $L f", 1, digest),
        Case("process substitution <(cat d.md)", "$L <(cat d.md)", 1, digest),
        Case("stdin", "$L - < d.md", 1, digest),
        Case("symbolic link loop as input", "ln -s b a && ln -s a b && $L a", 2, {}),
        Case("one bullet, 80,000 continuation lines (4.3 MB)", "$L c.md", 0, {"c.md": _continuation_bullet(80_000)}),
        Case("--sources: integer of 5,000 digits", "$L d.md --sources s.json", 2,
             {**digest, "s.json": b"[" + b"1" * 5000 + b"]"}),
        Case("--sources: nested 100,000 deep", "$L d.md --sources s.json", 2,
             {**digest, "s.json": b"[" * 100_000 + b"]" * 100_000}),
        Case("--baseline: integer of 5,000 digits", "$L d.md --baseline b.json", 2,
             {**digest, "b.json": b'{"version": ' + b"1" * 5000 + b"}"}),
        Case("--baseline: nested 100,000 deep", "$L d.md --baseline b.json", 2,
             {**digest, "b.json": b"[" * 100_000 + b"]" * 100_000}),
        Case("--sources /dev/zero", "$L d.md --sources /dev/zero", 2, digest),
        Case("config not UTF-8", "$L d.md", 2, {**digest, "summary-lint.toml": b'language = "caf\xe9"\n'}),
        Case("parent pyproject.toml not UTF-8", "cd sub && $L d.md", 2,
             {"pyproject.toml": b'[project]\nname = "caf\xe9"\n', "sub/d.md": seed}),
        Case("parent pyproject.toml with tool = 5 (ignored)", "cd sub && $L d.md", 1,
             {"pyproject.toml": b"tool = 5\n", "sub/d.md": seed}),
        Case("profiles = [[1, 2]]", "$L d.md", 2,
             {**digest, "summary-lint.toml": b"[rules.missing-section]\nprofiles = [[1, 2]]\n"}),
        Case("penalty = nan", "$L d.md", 2,
             {**digest, "summary-lint.toml": b"[rules.missing-authors]\npenalty = nan\n"}),
        Case("pack: bad regex", "$L d.md", 2,
             _project("phrases/en.toml", '[[phrase]]\nname = "x"\npattern = "(abc"\n')),
        Case("pack: wrong types", "$L d.md", 2,
             _project("metrics.toml", '[[metric]]\nname = "m"\npattern = "BLEU"\ndomains = "language"\n')),
        Case("pack: missing name", "$L d.md", 2,
             _project("meta/en.toml", '[[pattern]]\ndescription = "d"\npattern = "x"\n')),
        Case("pack: missing pattern", "$L d.md", 2, _project("phrases/en.toml", '[[phrase]]\nname = "x"\n')),
        Case("pack: invalid TOML", "$L d.md", 2, _project("damaged.toml", "placeholders = [\n")),
        Case("pack: not UTF-8", "$L d.md", 2, _project("claims.toml", 'common-terms = ["caf\udce9"]\n')),
        Case("pack: preset extends loop", "printf 'extends = \"a\"\\n' > rules/presets/b.toml && $L d.md", 2,
             _project("presets/a.toml", 'extends = "b"\n', 'preset = "a"\n')),
        Case("pack: phrase (a+)+$", "$L d.md", 2,
             _project("phrases/en.toml", '[[phrase]]\nname = "evil"\npattern = "(a+)+$"\n')),
        Case("pack: metric (a+)+$ on 30 a's", "$L d.md", 2,
             {**_project("metrics.toml", '[[metric]]\nname = "evil"\npattern = "(a+)+$"\ndomains = ["language"]\n'),
              "d.md": seed.replace(b"Authors:", f"- {redos_fragment}\nAuthors:".encode(), 1)}),
        Case("pack: domain keywords (\\w+\\s?)*z", "$L d.md", 2,
             _project("metrics.toml", '[domains.x]\nkeywords = \'(?:\\w+\\s?)*z\'\n')),
        Case("pack: glossary of 20,990 Chinese forms, no character twice", "$L d.jsonl", 0,
             {**_project("glossary/zh-en.tsv", _distinct_han_glossary()), "d.jsonl": _chinese_record()}),
        Case("unreadable subfolder", "mkdir -p t/sub && cp d.md t/ && cp d.md t/sub/ && chmod 000 t/sub && "
             f"{AS_USER} '$L t'; s=$?; chmod 755 t/sub; exit $s", 2, digest),
        Case("unreadable subfolder, --keep-going", "mkdir -p t/sub && cp d.md t/ && cp d.md t/sub/ && "
             f"chmod 000 t/sub && {AS_USER} '$L --keep-going t'; s=$?; chmod 755 t/sub; exit $s", 1, digest),
        Case("--keep-going, every input bad", "$L --keep-going x.md y.md", 2,
             {"x.md": b"\x00" * 100, "y.md": b"caf\xe9 \x80 text"}),
    ]


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def run(case: Case, folder: Path) -> tuple[int, float, float, str, bool]:
    """(exit code, seconds, peak MB of the case's largest process, stderr, files unchanged)."""
    for name, data in case.files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    before = _hashes(folder)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "L": f"{sys.executable} -m summary_lint"}
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(["bash", "-c", case.command], cwd=folder, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True)
        while True:  # wait4: the rusage of this case's process tree alone
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > TIME_LIMIT * 4:
                os.killpg(proc.pid, signal.SIGKILL)
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        err = stderr.read().decode("utf-8", "replace")
    after = {k: v for k, v in _hashes(folder).items() if k in before}
    return proc.returncode, seconds, usage.ru_maxrss / 1024, err, after == before


def main() -> int:
    rows, failed = [], 0
    with tempfile.TemporaryDirectory(prefix="summary-lint-hostile-") as tmp:
        for i, case in enumerate(cases()):
            folder = Path(tmp) / f"case{i}"
            folder.mkdir()
            code, seconds, peak_mb, err, unchanged = run(case, folder)
            lines = [line.replace(f"{folder}/", "") for line in err.splitlines() if line.strip()]
            errors = [line for line in lines if line.startswith("summary-lint: error:")]
            clean = "Traceback" not in err and (code != 2 or len(errors) == 1)  # an error is one line
            ok = code == case.expected and seconds < TIME_LIMIT and peak_mb < MEMORY_LIMIT_MB and unchanged and clean
            failed += not ok
            shown = " / ".join(lines)[:130].replace("|", "¦")
            rows.append(f"| {case.name} | {code} (want {case.expected}) | {seconds:.2f} | {peak_mb:.0f} | "
                        f"{'yes' if unchanged else 'NO'} | {'ok' if ok else 'FAIL'} | {shown} |")
    print("| case | exit | seconds | peak MB | files unchanged | bar | stderr (first 130 characters) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    print(f"\n{len(rows) - failed} of {len(rows)} cases within the bars "
          f"(exit code, < {TIME_LIMIT:.0f} s, < {MEMORY_LIMIT_MB} MB, no file changed, no traceback)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
