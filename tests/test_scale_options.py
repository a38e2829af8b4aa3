"""--jobs gives the same report as one process; --keep-going; symlink loops; unreadable files."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import SEED

from summary_lint.cli.main import main


def run_json(capsys, *args: str) -> tuple[int, dict, str]:
    code = main([*args, "--format", "json", "--isolated"])
    out = capsys.readouterr()
    return code, json.loads(out.out) if out.out.strip() else {}, out.err


def folder_of_digests(tmp_path, copies: int = 3):
    folder = tmp_path / "digests"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for k in range(copies):
        (folder / f"day-{k}.md").write_text(text, encoding="utf-8")
    return folder


def test_jobs_gives_the_same_report_as_one_process(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("summary_lint.engine.parallel.UNIT_PAPERS", 5)  # a unit per digest: both workers get some
    folder = folder_of_digests(tmp_path)
    code1, one, _ = run_json(capsys, str(folder))
    code2, two, _ = run_json(capsys, str(folder), "--jobs", "2")
    assert (code1, one) == (code2, two)
    assert one["summary"]["papers"] == 39 and one["summary"]["findings_by_rule"]


def test_work_units_keep_digests_whole_and_go_largest_first():
    from summary_lint.engine.parallel import work_units

    groups = [[0, 1], [2, 3, 4], list(range(5, 15)), [15], [16, 17]]
    units = work_units(groups, size=5)
    assert [u.papers for u in units] == [list(range(5, 15)), [0, 1, 2, 3, 4], [15, 16, 17]]
    assert {u.rules for u in units} == {"whole"}
    assert sorted(i for unit in units for i in unit.papers) == list(range(18))


def test_a_huge_digest_is_split_between_its_digest_wide_rules_and_the_others():
    from summary_lint.engine.parallel import work_units

    groups = [[0, 1], list(range(2, 14)), [14]]
    units = work_units(groups, size=5, split=10)
    assert [(u.rules, u.papers) for u in units] == [
        ("digest-wide", list(range(2, 14))), ("per-paper", [2, 3, 4, 5, 6]), ("per-paper", [7, 8, 9, 10, 11]),
        ("whole", [0, 1]), ("per-paper", [12, 13]), ("whole", [14])]


def test_a_split_digest_gives_the_report_of_one_process(tmp_path, capsys, monkeypatch):
    """Its papers' hits come from two units and are put back in rule order; progress counts each paper once."""
    from summary_lint.engine import parallel

    monkeypatch.setattr(parallel, "UNIT_PAPERS", 4)
    monkeypatch.setattr(parallel, "SPLIT_PAPERS", 13)  # the seed digest (13 papers) is split, the 1-paper one not
    folder = folder_of_digests(tmp_path, copies=1)
    text = SEED.read_text(encoding="utf-8")
    (folder / "day-1.md").write_text(text[:text.index("###", text.index("###") + 1)], encoding="utf-8")
    seen, collect = [], parallel._collect

    def progress_seen(hits, results, rules, on_progress, done=0):
        return collect(hits, results, rules, lambda done, total: seen.append((done, total)), done)

    monkeypatch.setattr(parallel, "_collect", progress_seen)
    code1, one, _ = run_json(capsys, str(folder))
    assert seen == [(13, 14), (14, 14)]  # one process: no split
    seen.clear()
    code2, two, _ = run_json(capsys, str(folder), "--jobs", "2")
    assert (code1, one) == (code2, two) and one["summary"]["findings_by_rule"]["title-mismatch"]
    assert len(seen) == 5 and seen[-1] == (14, 14)  # four per-paper units and the small digest
    seen.clear()
    (tmp_path / "three").mkdir()
    run_json(capsys, str(folder_of_digests(tmp_path / "three", copies=3)), "--jobs", "2")
    assert seen == [(13, 39), (26, 39), (39, 39)]  # 13 papers are less than a worker's share: digests stay whole


def test_jobs_must_be_positive(capsys):
    with pytest.raises(SystemExit) as exc:
        main([str(SEED), "--jobs", "0"])
    assert exc.value.code == 2


def test_undecodable_file_in_a_folder_stops_the_run_without_keep_going(tmp_path, capsys):
    folder = folder_of_digests(tmp_path, copies=1)
    (folder / "broken.md").write_bytes(b"## Daily Papers\n\n### [X](https://arxiv.org/abs/2407.00001)\n\xff\xfe\xfa bad")
    code, _, err = run_json(capsys, str(folder))
    assert code == 2 and "broken.md" in err and "Traceback" not in err


def test_keep_going_reports_the_file_and_lints_the_rest(tmp_path, capsys):
    folder = folder_of_digests(tmp_path, copies=1)
    (folder / "broken.md").write_bytes(b"## Daily Papers\n\n### [X](https://arxiv.org/abs/2407.00001)\n\xff\xfe\xfa bad")
    code, report, err = run_json(capsys, str(folder), "--keep-going")
    assert code in (0, 1)
    assert "broken.md" in err and "skipped" in err
    skipped = [f for f in report["files"] if f["skipped"]]
    assert [os.path.basename(f["path"]) for f in skipped] == ["broken.md"] and "decode" in skipped[0]["reason"]
    assert report["summary"]["papers"] == 13


def test_symlink_loop_is_walked_once(tmp_path, capsys):
    folder = folder_of_digests(tmp_path, copies=1)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "self.md").symlink_to(folder / "self.md")  # a file link pointing at itself
    code, report, err = run_json(capsys, str(folder))
    assert code in (0, 1) and "Traceback" not in err
    assert report["summary"]["papers"] == 13


def test_a_file_reached_by_several_names_is_read_once(tmp_path):
    """A file is read under the first name that reaches it: named, found in a folder, in a linked
    folder, or as a link to a file. The walk resolves a folder once and its files by name."""
    from summary_lint.read.discover import discover

    (tmp_path / "real" / "sub").mkdir(parents=True)
    for name in ("a.md", "sub/b.md"):
        (tmp_path / "real" / name).write_text("x", encoding="utf-8")
    (tmp_path / "real" / "c.md").symlink_to(tmp_path / "real" / "a.md")
    (tmp_path / "linked").symlink_to(tmp_path / "real", target_is_directory=True)
    named = [tmp_path / "linked" / "sub" / "b.md", tmp_path / "real", tmp_path / "linked", tmp_path / "real" / "a.md"]
    found = [os.path.relpath(inp.name, tmp_path) for inp in discover([str(p) for p in named])]
    assert found == ["linked/sub/b.md", "real/a.md"]


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_unreadable_file_in_a_folder(tmp_path, capsys):
    folder = folder_of_digests(tmp_path, copies=1)
    locked = folder / "locked.md"
    locked.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as a user who can read any file (root)")
        code, _, err = run_json(capsys, str(folder))
        assert code == 2 and "locked.md" in err
        code, report, err = run_json(capsys, str(folder), "--keep-going")
        assert code in (0, 1) and report["summary"]["papers"] == 13
        assert any(f["skipped"] and f["path"].endswith("locked.md") for f in report["files"])
    finally:
        locked.chmod(0o644)


def test_keep_going_with_every_input_skipped_is_an_error_not_a_pass(tmp_path, capsys):
    folder = tmp_path / "digests"
    folder.mkdir()
    for name in ("a.md", "b.md"):
        (folder / name).write_bytes(b"## Daily Papers\n\n### [X](https://arxiv.org/abs/2407.00001)\n\xff\xfe\xfa bad")
    assert main([str(folder), "--keep-going"]) == 2
    err = capsys.readouterr().err
    assert "no paper was linted" in err and "Traceback" not in err


@pytest.mark.parametrize("fmt", ["json", "sarif", "html"])
def test_reports_are_byte_identical_across_jobs_and_hash_seeds(tmp_path, fmt):
    """Issue 13's bar: the same input gives the same bytes whatever the workers and hash seed."""
    folder = folder_of_digests(tmp_path)
    outputs = set()
    for jobs, seed in (("1", "0"), ("2", "1"), ("2", "12345")):
        out = tmp_path / f"report-{jobs}-{seed}.{fmt}"
        option = ["--html", str(out)] if fmt == "html" else ["--format", fmt, "-o", str(out)]
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1720396800"}
        subprocess.run([sys.executable, "-m", "summary_lint", "--isolated", "--jobs", jobs, *option, str(folder)],
                       env=env, capture_output=True, check=False)
        outputs.add(out.read_bytes())
    assert len(outputs) == 1
