import json
import subprocess
import sys

import pytest
from conftest import FIXTURES, SHARED

from summary_lint import lint_paths
from summary_lint.errors import InputError
from summary_lint.read.sources import load_sources, normalize_id, parse_sources

SOURCES = FIXTURES / "sources"
HF_SEED = SHARED / "seed" / "hf-daily-papers-2024-07-08.json"


def test_jsonl_and_json_array_give_the_same_sources():
    jsonl = load_sources([SOURCES / "sources.jsonl"])
    array = load_sources([SOURCES / "sources-array.json"])
    assert jsonl == array
    assert sorted(jsonl) == ["3102.00001", "3102.00002", "3102.00003"]
    assert jsonl["3102.00002"].title.startswith("SpectraTTS")
    assert "mel spectrograms" in jsonl["3102.00002"].abstract


def test_hugging_face_daily_papers_response_is_read_as_is():
    text = json.dumps([{"paper": {"id": "2407.04363", "title": "AriGraph", "summary": "We build a graph."},
                        "numComments": 2}])
    src = parse_sources(text, "hf.json")["2407.04363"]
    assert (src.title, src.abstract) == ("AriGraph", "We build a graph.")


@pytest.mark.skipif(not HF_SEED.is_file(), reason="../shared seed not present")
def test_seed_hf_response_loads_every_paper():
    sources = load_sources([HF_SEED])
    assert len(sources) == 13
    assert "AriGraph" in sources["2407.04363"].title


def test_later_files_override_and_version_suffixes_are_ignored(tmp_path):
    newer = tmp_path / "newer.jsonl"
    newer.write_text(json.dumps({"arxiv_id": "3102.00001v2", "title": "T", "abstract": "Revised."}) + "\n")
    sources = load_sources([SOURCES / "sources.jsonl", newer])
    assert sources["3102.00001"].abstract == "Revised."
    assert normalize_id("2407.04363v3") == "2407.04363"


@pytest.mark.parametrize("content, message", [
    ("", "no sources found"),
    ("{not json}\n", "invalid JSON line"),
    ("[1, 2", "invalid JSON"),
    ('[{"title": "x", "abstract": "y"}]', "missing arxiv_id"),
    ('{"arxiv_id": "1", "title": "x"}\n', "missing abstract"),
    ('["just a string"]', "expected an object"),
])
def test_bad_sources_files_raise_one_line_errors(tmp_path, content, message):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    with pytest.raises(InputError, match=message) as err:
        load_sources([bad])
    assert "\n" not in str(err.value)


def test_missing_sources_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read sources file"):
        load_sources([tmp_path / "absent.jsonl"])


def test_cli_bad_sources_file_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n")
    run = subprocess.run([sys.executable, "-m", "summary_lint", str(SOURCES / "digest.md"), "--sources", str(bad)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "invalid JSON line" in run.stderr
    assert "Traceback" not in run.stderr


def test_api_accepts_paths_and_reports_no_source_once_per_paper(tmp_path):
    partial = tmp_path / "partial.jsonl"
    partial.write_text((SOURCES / "sources.jsonl").read_text().splitlines()[0] + "\n")
    report = lint_paths(str(SOURCES / "digest.md"), sources=str(partial), config={"select": ["no-source"]})
    notes = [(p.arxiv_id, f.severity, f.penalty) for p in report.papers for f in p.findings]
    assert notes == [("3102.00002", "info", 0), ("3102.00003", "info", 0)]


def test_no_source_is_silent_without_sources():
    report = lint_paths(str(SOURCES / "digest.md"), config={"select": ["no-source"]})
    assert not any(p.findings for p in report.papers)


def _record(i: int, abstract: str = "An abstract.") -> str:
    """A JSONL line written as UTF-8 (not escaped); ``SURROGATE`` becomes the escape of a lone surrogate."""
    text = json.dumps({"arxiv_id": f"3102.{i:05d}", "title": f"T{i}", "abstract": abstract}, ensure_ascii=False)
    return text.replace("SURROGATE", "\\ud800")


def test_a_file_read_in_pieces_gives_what_its_whole_text_gives(tmp_path, monkeypatch):
    from summary_lint.read import sources as sources_module

    monkeypatch.setattr(sources_module, "PIECE_BYTES", 64)  # many pieces, cut after line breaks
    lines = [_record(i, "Ünïcode — 𝑥 and a SURROGATE lone surrogate" if i == 7 else "Plain.") for i in range(40)]
    text = "\r\n".join(lines[:20]) + "\r\n\n  \n" + "\n".join(lines[20:]) + "\n"
    path = tmp_path / "abstracts.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    loaded = load_sources([path])
    assert loaded == parse_sources(text, str(path))
    assert list(loaded) == [f"3102.{i:05d}" for i in range(40)]
    assert loaded["3102.00007"].abstract == "Ünïcode — 𝑥 and a \ud800 lone surrogate"
    assert "3102.00039" in loaded and "3102.00040" not in loaded and len(loaded) == 40


def test_a_bad_line_is_numbered_as_in_the_whole_text(tmp_path, monkeypatch):
    from summary_lint.read import sources as sources_module

    monkeypatch.setattr(sources_module, "PIECE_BYTES", 64)
    text = "\n".join(_record(i) for i in range(30)) + "\n\x0c\n{broken\n"  # \x0c breaks a line too
    path = tmp_path / "abstracts.jsonl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as whole:
        parse_sources(text, str(path))
    with pytest.raises(InputError) as pieces:
        load_sources([path])
    assert str(pieces.value) == str(whole.value) and ":33: invalid JSON line" in str(whole.value)


def test_a_byte_that_is_not_utf8_is_reported_first_at_its_offset(tmp_path, monkeypatch):
    from summary_lint.read import sources as sources_module

    monkeypatch.setattr(sources_module, "PIECE_BYTES", 64)
    head = ("{broken\n" + "\n".join(_record(i) for i in range(10)) + "\n").encode()
    path = tmp_path / "abstracts.jsonl"
    before = b'{"arxiv_id": "1", "abstract": "'
    path.write_bytes(b"\xef\xbb\xbf" + head + before + b'\xff"}\n')  # the offset counts from after the BOM
    with pytest.raises(InputError, match=rf"not UTF-8 \(byte 0xff at offset {len(head) + len(before)}\)"):
        load_sources([path])
