"""Ctrl-C and SIGTERM during a parallel run: one line, 130 / 143, no worker tracebacks, no
half-written report (issue 13)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from digest_builder import digest, entry
from test_cli import ENTRY_POINT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and process groups")


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """3,000 entries in three digests: enough for worker processes (1,000+), each digest a unit
    of work of its own (so two workers start), and a few seconds of work."""
    folder = tmp_path_factory.mktemp("big")
    for part in range(3):
        numbers = range(1 + 1000 * part, 1001 + 1000 * part)
        (folder / f"big-{part}.md").write_text(digest(*(entry(n, topic=f"위젯{n % 37}") for n in numbers)),
                                               encoding="utf-8")
    return folder


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc to see the workers")
@pytest.mark.parametrize("sig, to_group, code, line", [
    (signal.SIGINT, True, 130, b"summary-lint: interrupted\n"),    # Ctrl-C reaches the whole process group
    (signal.SIGTERM, False, 143, b"summary-lint: terminated\n"),   # kill PID
    (signal.SIGTERM, True, 143, b"summary-lint: terminated\n"),    # a CI runner cancelling the job
])
def test_a_signal_ends_the_run_in_one_line(big, tmp_path, sig, to_group, code, line):
    report = tmp_path / "report.json"
    report.write_text("previous\n", encoding="utf-8")
    # Started as from a terminal: a shell's background job (``.ci/run &``) ignores Ctrl-C, and a
    # program started with it ignored keeps it so (Python too, as it should); a handler is not passed
    # on (exec resets it), so with one here the run starts hearing Ctrl-C.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        process = subprocess.Popen([ENTRY_POINT, "--isolated", "--jobs", "2", "--format", "json", "-o", str(report),
                                    str(big)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    finally:
        signal.signal(signal.SIGINT, previous)
    deadline = time.monotonic() + 60
    while len(workers := _children(process.pid)) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(workers) >= 2, "the run ended before its workers started"
    (os.killpg if to_group else os.kill)(process.pid, sig)
    out, err = process.communicate(timeout=15)
    assert (process.returncode, out, err) == (code, b"", line)
    time.sleep(0.2)
    assert not [w for w in workers if Path(f"/proc/{w}").exists() and b"zombie" not in _state(w)]
    assert report.read_text(encoding="utf-8") == "previous\n"


def _state(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/status").read_bytes().lower()
    except OSError:
        return b"zombie"
