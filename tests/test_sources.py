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
                         capture_output=True, text=True)
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
