"""The editor's decision loop in Chromium, end to end: open the report, accept findings as false
alarms and mark papers to fix, export both, lint again with the exported baseline: the accepted
findings are gone and nothing else changed."""

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED
from playwright.sync_api import sync_playwright
from test_html_browser import ARGS, CHROMIUM

from summary_lint import lint_paths
from summary_lint.cli.main import main
from summary_lint.engine.baseline import Baseline, baseline_json
from summary_lint.engine.config import resolve
from summary_lint.engine.run import lint_digests, read_inputs
from summary_lint.read.discover import discover
from summary_lint.render.html import render_html

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
INPUTS = [str(FIXTURES / "html-report.md"), str(SEED)]


def lint_with_baseline(path):
    """The engine's Python API with a baseline file, as ``summary-lint --baseline FILE`` runs it."""
    settings = resolve(None)
    digests, files = read_inputs(discover(INPUTS, settings.config.exclude), "auto")
    return lint_digests(digests, files, settings, baseline=Baseline.load(str(path)))


def findings_of(report):
    return [[(f.rule, f.message) for f in p.findings] for p in report.papers]


@pytest.fixture
def page(tmp_path):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
        yield context.new_page()
        browser.close()


def download(page, button, target):
    with page.expect_download() as info:
        page.click(button)
    info.value.save_as(str(target))
    return target.read_text(encoding="utf-8")


def test_accepted_findings_leave_the_next_run_and_papers_to_fix_are_listed(page, tmp_path):
    report = lint_paths(INPUTS)
    html = tmp_path / "report.html"
    Path(html).write_text(render_html(report), encoding="utf-8")
    page.goto(html.as_uri())

    # Accept two findings of one failing paper and one of another; mark a third paper to fix.
    failing = [i for i, p in enumerate(report.papers) if p.verdict == "fail"]
    first = next(i for i in failing if sum(f.severity != "info" for f in report.papers[i].findings) >= 2)
    second = next(i for i in failing if i != first)
    fixed = next(i for i in failing if i not in (first, second))
    chosen = {(first, 0), (first, 1), (second, 0)}
    for paper, finding in sorted(chosen):
        page.click(f"#f-{paper}-{finding} button.accept")
    page.click(f"#p-{fixed} button.to-fix")
    passing = next(i for i, p in enumerate(report.papers) if p.verdict == "pass" and p.arxiv_id)
    page.click("#pass-list > summary")
    page.click(f"#p-{passing} button.to-fix")
    page.click(f"#p-{first} button.accept >> nth=1")  # a second click takes a decision back …
    page.click(f"#p-{first} button.accept >> nth=1")  # … and a third makes it again
    assert page.inner_text("#decision-count") == "3 findings accepted · 2 papers to fix"

    exported = download(page, "#export-baseline", tmp_path / "baseline.json")
    # Byte for byte what --write-baseline writes for exactly those findings.
    accepted = report.model_copy(deep=True)  # the same run's inputs: the summaries are parsed again
    for i, paper in enumerate(accepted.papers):
        paper.findings = [f for k, f in enumerate(paper.findings) if (i, k) in chosen]
    assert exported == baseline_json(accepted)

    again = lint_with_baseline(tmp_path / "baseline.json")
    expected = [[(f.rule, f.message) for k, f in enumerate(p.findings) if (i, k) not in chosen]
                for i, p in enumerate(report.papers)]
    assert findings_of(again) == expected
    assert sum(map(len, findings_of(again))) == sum(map(len, findings_of(report))) - 3

    # The command line reads the same file.
    assert main([*INPUTS, "--baseline", str(tmp_path / "baseline.json"), "--format", "json",
                 "-o", str(tmp_path / "again.json")]) in (0, 1)
    cli = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert [[(f["rule"], f["message"]) for f in p["findings"]] for p in cli["papers"]] == expected

    to_fix = json.loads(download(page, "#export-fix-json", tmp_path / "to-fix.json"))
    papers = [report.papers[fixed], report.papers[passing]]  # in page order: failing papers come first
    assert to_fix["papers"] == [{"file": p.file, "line": p.line, "title": p.title, "arxiv_id": p.arxiv_id} for p in papers]
    text = download(page, "#export-fix-text", tmp_path / "to-fix.txt")
    assert text == "".join(f"{p.file}:{p.line}\t{p.arxiv_id or ''}\t{p.title}\n" for p in papers)


def test_decisions_survive_a_reload_and_x_marks_the_current_paper(page, tmp_path):
    report = lint_paths(INPUTS)
    html = tmp_path / "report.html"
    Path(html).write_text(render_html(report), encoding="utf-8")
    page.goto(html.as_uri())
    page.keyboard.press("j")
    page.keyboard.press("x")
    current = page.evaluate("document.activeElement.id")
    page.click(f"#{current} button.accept >> nth=0")
    page.reload()
    assert page.get_attribute(f"#{current} button.to-fix", "aria-pressed") == "true"
    assert page.get_attribute(f"#{current} button.accept >> nth=0", "aria-pressed") == "true"
    assert page.inner_text("#decision-count") == "1 finding accepted · 1 paper to fix"
