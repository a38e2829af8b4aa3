"""Every format is written in pieces of about a paper, and the pieces add up to the same document
a one-shot dump of the whole report would be (the JSON contract is the model's own dump)."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from summary_lint import lint_paths
from summary_lint.render import FORMATS, RenderOptions, chunks, render

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "digest-2024-07-08.txt"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def reports():
    seed = lint_paths(str(SEED))
    clean = lint_paths(str(SEED), config={"select": ["S006"]})  # no finding at all
    several = lint_paths([str(FIXTURES / "digest-labelled.md"), str(FIXTURES / "papers.jsonl")])
    return {"seed": seed, "clean": clean, "several files": several}


@pytest.mark.parametrize("name", ["seed", "clean", "several files"])
def test_json_is_the_models_own_dump(reports, name):
    report = reports[name]
    assert render(report, "json") == report.model_dump_json(indent=2, by_alias=True) + "\n"


@pytest.mark.parametrize("fmt", ["sarif", "gitlab"])
@pytest.mark.parametrize("name", ["seed", "clean", "several files"])
def test_json_formats_are_laid_out_as_json_dumps(reports, name, fmt):
    text = render(reports[name], fmt)
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("name", ["seed", "clean", "several files"])
def test_junit_is_laid_out_as_element_tree_indents_it(reports, name):
    text = render(reports[name], "junit")
    header, body = text.split("\n", 1)
    root = ET.fromstring(body)
    ET.indent(root)
    assert header == '<?xml version="1.0" encoding="UTF-8"?>'
    assert body == ET.tostring(root, encoding="unicode") + "\n"
    assert len(root) == len(reports[name].files)


def repeated(report, times: int):
    """The report with its files (and their papers) repeated under other names."""
    files, papers = [], []
    for k in range(times):
        rename = {f.path: f"copy{k}/{f.path}" for f in report.files}
        files += [f.model_copy(update={"path": rename[f.path]}) for f in report.files]
        papers += [p.model_copy(update={"file": rename[p.file]}) for p in report.papers]
    return report.model_copy(update={"files": files, "papers": papers})


@pytest.mark.parametrize("fmt", FORMATS)
def test_pieces_do_not_grow_with_the_report(reports, fmt):
    """The largest piece is a paper's (JUnit: a file's) or the fixed header, however many papers follow."""
    options = RenderOptions(statistics=True)
    once, five = ([len(piece) for piece in chunks(repeated(reports["seed"], k), fmt, options)] for k in (1, 5))
    assert max(five) == max(once)
    assert sum(five) > sum(once)


def test_html_is_written_in_pieces(reports):
    from summary_lint.render.html import html_chunks

    pieces = [len(piece) for piece in html_chunks(repeated(reports["seed"], 5))]
    assert len(pieces) > 100 and max(pieces) < sum(pieces) / 10
