"""The HTML report end to end in headless Chromium (Debian's package, driven by Playwright).

Skips only where no Chromium is installed; ``.ci/run`` installs it. Writes the seed report's
screenshot to ``reports/seed-report.png`` and, with ``--sources``, ``reports/seed-sources-report.png``
(the seed digest and its HF abstracts when ../shared is present, else the sources fixture).
"""

import json
import shutil

import pytest
from conftest import CORPUS, FIXTURES, ROOT, SEED, SHARED, needs_shared

from playwright.sync_api import expect, sync_playwright

from summary_lint import lint_paths
from summary_lint.render.html import write_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PAGE_SIZE = 50
SOURCES = FIXTURES / "sources"
SOURCES_SHOT = ROOT / "reports" / "seed-sources-report.png"

# Records script activity of the page under test: console errors, dialogs, CSP violations, and
# any write to window.__pwned (what every payload in the injection fixture tries).
TRAP = """
window.__trapped = [];
Object.defineProperty(window, "__pwned", { set(v) { window.__trapped.push(String(v)); }, get() { return undefined; } });
document.addEventListener("securitypolicyviolation", (e) => window.__trapped.push("csp:" + e.violatedDirective));
"""


@pytest.fixture(scope="module")
def browser():

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Each fixture linted once and written as HTML; returns {name: (RunReport, path)}."""
    out = tmp_path_factory.mktemp("html")
    made = {}
    for name, paths in {"seed": [SEED], "mixed": [FIXTURES / "html-report.md", SEED],
                        "injection": [FIXTURES / "injection.md"]}.items():
        report = lint_paths([str(p) for p in paths])
        write_html(report, str(out / f"{name}.html"))
        made[name] = (report, out / f"{name}.html")
    return made


class Opened:
    """A page plus everything it complained about while loading."""

    def __init__(self, browser, path, width=1280, height=900):
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.add_init_script(TRAP)
        self.page.goto(path.as_uri())

    def rows(self):
        return self.page.locator("#paper-rows tr")

    def choose(self, select, value):
        self.page.select_option(select, value)


@pytest.fixture
def opened(browser):
    pages = []

    def open_(path, width=1280, height=900):
        pages.append(Opened(browser, path, width, height))
        return pages[-1]

    yield open_
    for o in pages:
        o.page.close()


def test_seed_report_loads_cleanly_and_counts_match(reports, opened):
    report, path = reports["seed"]
    o = opened(path, height=1500)
    s = report.summary
    shown = {k: int(o.page.inner_text(f"[data-count={k}]")) for k in ("papers", "pass", "warn", "fail")}
    assert shown == {"papers": s.papers, "pass": s.pass_, "warn": s.warn, "fail": s.fail}
    assert o.rows().count() == min(s.papers, PAGE_SIZE)
    assert o.page.locator("#cards article.card").count() == min(s.papers, PAGE_SIZE)
    assert o.page.inner_text("#match-count").startswith(f"{s.papers} of {s.papers} papers")
    assert o.page.locator("#cards p[lang=ko]").count() >= s.papers
    (ROOT / "reports").mkdir(exist_ok=True)
    o.page.screenshot(path=str(ROOT / "reports" / "seed-report.png"))
    assert o.errors == [] and o.dialogs == []


def test_filters_by_verdict_rule_and_search_change_the_rows(reports, opened):
    report, path = reports["mixed"]
    o = opened(path)
    fail = [p for p in report.papers if p.verdict == "fail"]
    assert 0 < len(fail) < len(report.papers)
    o.choose("#filter-verdict", "fail")
    assert o.rows().count() == len(fail)
    assert set(o.rows().evaluate_all("rows => rows.map(r => r.dataset.verdict)")) == {"fail"}
    o.choose("#filter-verdict", "")
    rule = "malformed-markup"
    o.choose("#filter-rule", rule)
    assert o.rows().count() == sum(any(f.rule == rule for f in p.findings) for p in report.papers) > 0
    o.choose("#filter-rule", "")
    o.page.fill("#search", "curious robots")
    expect(o.rows()).to_have_count(1)  # the search box waits for a pause in typing
    assert "Folding Maps" in o.rows().first.inner_text()
    assert o.errors == []


def test_sorting_by_title_and_votes(reports, opened):
    report, path = reports["mixed"]
    o = opened(path)
    o.page.click("th button[data-sort=title]")
    titles = o.page.locator("#paper-rows td.title > :first-child").all_inner_texts()
    assert titles == sorted(titles, key=str.casefold)
    o.page.click("th button[data-sort=votes]")
    votes = [int(v) if v != "—" else -1 for v in o.page.locator("#paper-rows td.num:nth-child(4)").all_inner_texts()]
    assert votes == sorted(votes, reverse=True)
    assert o.page.get_attribute("th:has(button[data-sort=votes])", "aria-sort") == "descending"


def test_failing_paper_shows_its_evidence_highlighted_and_keyboard_reachable(reports, opened):
    report, path = reports["mixed"]
    index = next(i for i, p in enumerate(report.papers)
                 if p.verdict == "fail" and p.title.startswith("Broken Entry"))
    finding = next(f for f in report.papers[index].findings if f.message.startswith("unbalanced '**'"))
    o = opened(path)
    mark = o.page.locator(f"#p-{index} mark", has_text=finding.evidence).first
    assert mark.get_attribute("tabindex") == "0"
    assert f"{finding.code} {finding.rule}: {finding.message}" in mark.get_attribute("data-tip")
    described = mark.get_attribute("aria-describedby").split()
    assert all(o.page.locator(f"[id='{d}']").count() == 1 for d in described)
    mark.focus()
    assert o.page.evaluate("getComputedStyle(document.activeElement, '::after').content").strip('"').startswith(finding.code)
    o.page.click(f"#p-{index} a.rule[href='#rule-{finding.rule}']")
    assert o.page.locator(f"#rule-{finding.rule}").is_visible()


def test_link_to_a_card_outside_the_filtered_rows_still_shows_it(reports, opened):
    report, path = reports["mixed"]
    passing = next(i for i, p in enumerate(report.papers) if p.verdict == "pass")
    o = opened(path)
    o.choose("#filter-verdict", "fail")
    assert o.page.locator(f"#cards #p-{passing}").count() == 0
    o.page.evaluate(f"location.hash = '#p-{passing}'")
    o.page.wait_for_selector(f"#linked-card #p-{passing}")
    assert o.page.evaluate("document.activeElement.id") == f"p-{passing}"


def test_injection_digest_stays_inert(reports, opened):
    report, path = reports["injection"]
    o = opened(path)
    page = o.page
    for mark in page.locator("mark").all():
        mark.hover()
        mark.focus()
    page.locator("a.chip").first.click()
    assert page.evaluate("window.__trapped") == []
    assert o.dialogs == [] and o.errors == []
    assert page.evaluate("document.querySelectorAll('script').length") == 2
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed, style:not(head style)').length") == 0
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))"
        ".filter(n => n.startsWith('on'))")
    assert handlers == []
    hrefs = page.evaluate("[...document.querySelectorAll('[href]')].map(e => e.getAttribute('href'))")
    assert all(h.startswith(("#", "http://", "https://", "data:,")) for h in hrefs), hrefs
    title = report.papers[0].title
    assert page.inner_text("#p-0 h3") == title  # shown whole, as text: no attribute or tag broke out
    assert page.locator("#p-0 h3 a").count() == 0 and page.locator("#paper-rows tr").first.locator("a[href^=javascript]").count() == 0
    summary = page.inner_text("#p-0 .section p >> nth=0")
    assert "[클릭](javascript:window.__pwned='md')" in summary and "<script>" in summary


def test_phone_width_has_no_horizontal_scrolling(reports, opened):
    o = opened(reports["seed"][1], width=390)
    assert o.page.evaluate("document.documentElement.scrollWidth") <= 390
    assert o.page.evaluate("(w => w.scrollWidth <= w.clientWidth)(document.querySelector('.table-wrap'))")


@needs_shared
def test_whole_corpus_report_opens_and_filters(browser, tmp_path):
    report = lint_paths([str(CORPUS)])
    path = tmp_path / "corpus.html"
    write_html(report, str(path))
    o = Opened(browser, path)
    try:
        assert o.rows().count() == PAGE_SIZE
        assert o.page.locator("#cards article.card").count() == PAGE_SIZE
        assert int(o.page.inner_text("[data-count=papers]")) == report.summary.papers
        o.page.click("#page-next")
        assert o.page.inner_text("#match-count").endswith(f"showing {PAGE_SIZE + 1}–{2 * PAGE_SIZE}")
        warned = sum(p.verdict == "warn" for p in report.papers)
        o.choose("#filter-verdict", "warn")
        assert o.page.inner_text("#match-count").startswith(f"{warned} of {report.summary.papers} papers")
        assert o.rows().count() == min(warned, PAGE_SIZE)
        assert o.errors == []
    finally:
        o.page.close()


def sources_report(tmp_path, digest, sources):
    report = lint_paths([str(digest)], sources=str(sources))
    path = tmp_path / "sources.html"
    write_html(report, str(path))
    return report, path


def screenshot_cards(o, path):
    """The top of the card list (worst papers first): summaries, abstracts and claim marks."""
    o.page.locator("#cards").scroll_into_view_if_needed()
    o.page.evaluate("window.scrollTo(0, document.getElementById('cards').offsetTop)")
    path.parent.mkdir(exist_ok=True)
    o.page.screenshot(path=str(path))


def test_sources_show_the_abstract_beside_the_summary_with_claims_marked(opened, tmp_path):
    report, path = sources_report(tmp_path, SOURCES / "digest-rules.md", SOURCES / "sources-rules.jsonl")
    o = opened(path, height=1400)
    graph = o.page.locator("#p-0")
    supported = graph.locator(".summary .claim-ok")
    assert supported.all_inner_texts() == ["GraphMind", "70억", "HomeTasks", "1.5배", "15 %"]
    assert graph.locator(".summary .claim-miss").count() == 0
    assert supported.first.get_attribute("title") == "supported by the abstract"
    legend = supported.first.get_attribute("aria-describedby")
    assert o.page.inner_text(f"[id='{legend}']") == "supported by the abstract"
    assert graph.locator(".source .source-title").inner_text() == report.papers[0].source.title
    assert graph.locator(".source").inner_text().endswith(report.papers[0].source.abstract)
    # Side by side at laptop width: the abstract starts right of the summary, level with it.
    summary, source = (graph.locator(sel).bounding_box() for sel in (".summary", ".source"))
    assert source["x"] >= summary["x"] + summary["width"] and abs(source["y"] - summary["y"]) < 40

    # OrbitNav's claims sit inside suspicious-claim evidence: one mark each, dashed, text intact.
    orbit = o.page.locator("#p-4")
    missing = orbit.locator(".summary mark.claim-miss")
    assert missing.all_inner_texts() == ["BLEU", "GLUE", "15%", "SQuAD", "92.1"]
    assert "claim not found in the abstract" in missing.first.get_attribute("data-tip")
    style = "els => els.map(e => getComputedStyle(e).textDecorationStyle)"
    assert supported.evaluate_all(style) == ["solid"] * 5 and missing.evaluate_all(style) == ["dashed"] * 5
    texts = orbit.locator(".summary .section p").all_inner_texts()
    assert texts == [s.text for s in report.papers[4].paper.sections]
    assert orbit.locator(".legend").inner_text() == (
        "Claims in the summary: 0 supported by the abstract · 5 not found in the abstract")
    if not SHARED.is_dir():
        screenshot_cards(o, SOURCES_SHOT)
    assert o.errors == []


def test_sources_stack_at_phone_width(opened, tmp_path):
    _, path = sources_report(tmp_path, SOURCES / "digest-rules.md", SOURCES / "sources-rules.jsonl")
    o = opened(path, width=390)
    summary, source = (o.page.locator(f"#p-0 {sel}").bounding_box() for sel in (".summary", ".source"))
    assert source["y"] >= summary["y"] + summary["height"]
    assert o.page.evaluate("document.documentElement.scrollWidth") <= 390


@needs_shared
def test_seed_report_with_hf_sources_marks_unsupported_claims_of_the_filler_entries(opened, tmp_path):
    report, path = sources_report(tmp_path, SEED, SHARED / "seed" / "hf-daily-papers-2024-07-08.json")
    o = opened(path, height=1500)
    assert o.page.locator("#cards .card .source").count() == sum(p.source is not None for p in report.papers) > 0
    failing = [i for i, p in enumerate(report.papers) if p.verdict == "fail"]
    assert failing and all(o.page.locator(f"#p-{i} .summary .claim-miss").count() > 0 for i in failing)
    screenshot_cards(o, SOURCES_SHOT)
    assert o.errors == []


def test_source_title_and_abstract_render_as_inert_text(opened, tmp_path):
    payload = "<img src=x onerror=\"window.__pwned='abstract'\"></p><script>window.__pwned='s'</script>"
    sources = tmp_path / "evil.jsonl"
    sources.write_text(json.dumps({"arxiv_id": "3102.00001", "title": payload, "abstract": "GraphMind " + payload}) + "\n",
                       encoding="utf-8")
    _, path = sources_report(tmp_path, SOURCES / "digest-rules.md", sources)
    o = opened(path)
    box = o.page.locator("#p-0 .source")
    assert box.locator(".source-title").inner_text() == payload
    assert box.locator("p").last.inner_text() == "GraphMind " + payload
    assert o.page.evaluate("window.__trapped") == [] and o.errors == [] and o.dialogs == []
    assert o.page.evaluate("document.querySelectorAll('img, script').length") == 2
