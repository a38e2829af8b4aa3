"""The HTML report end to end in headless Chromium (Debian's package, driven by Playwright).

Skips only where no Chromium is installed; ``.ci/run`` installs it. Writes the seed report's
screenshot to ``reports/seed-report.png`` and, with ``--sources``, ``reports/seed-sources-report.png``.
The decision loop (mark, export, re-run) is in test_html_decisions.py.
"""

import json
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, FIXTURES, ROOT, SEED, SHARED, needs_shared
from playwright.sync_api import expect, sync_playwright

from summary_lint import lint_paths
from summary_lint.render.html import render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SOURCES = FIXTURES / "sources"
SOURCES_SHOT = ROOT / "reports" / "seed-sources-report.png"
RLO = "\u202e"
LONG_WORD = "x" * 10_000

# Records script activity of the page under test: console errors, dialogs, CSP violations, and
# any write to window.__pwned (what every payload in the injection fixture tries).
TRAP = """
window.__trapped = [];
Object.defineProperty(window, "__pwned", { set(v) { window.__trapped.push(String(v)); }, get() { return undefined; } });
document.addEventListener("securitypolicyviolation", (e) => window.__trapped.push("csp:" + e.violatedDirective));
"""

# Every visible element with its own text: its colour against the first opaque background behind it.
CONTRASTS = """() => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length || el.closest("svg")) continue;
    const fg = lum(rgb(getComputedStyle(el).color)), bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    out.push([el.tagName + "." + el.className, Math.round(ratio * 100) / 100]);
  }
  return out;
}"""


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
        Path(out / f"{name}.html").write_text(render_html(report), encoding="utf-8")
        made[name] = (report, out / f"{name}.html")
    return made


class Opened:
    """A page plus everything it complained about while loading."""

    def __init__(self, browser, path, width=1280, height=900, script=True):
        self.context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=script)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        if script:
            self.page.add_init_script(TRAP)
        self.page.goto(path if isinstance(path, str) else path.as_uri())

    def visible_cards(self):
        return self.page.locator(".card:visible")

    def card_ids(self):
        return self.page.locator(".card:visible").evaluate_all("cards => cards.map(c => Number(c.id.slice(2)))")

    def no_sideways_scroll(self, width):
        return self.page.evaluate("document.documentElement.scrollWidth") <= width


def wait_for(page, condition, seconds=5):
    """Poll ``condition`` (page.wait_for_function would need eval, which the page's CSP forbids)."""
    for _ in range(seconds * 20):
        if page.evaluate(condition):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"timed out waiting for {condition}")


@pytest.fixture
def opened(browser):
    pages = []

    def open_(path, width=1280, height=900, script=True):
        pages.append(Opened(browser, path, width, height, script))
        return pages[-1]

    yield open_
    for o in pages:
        o.context.close()


def test_seed_report_loads_cleanly_and_counts_match(reports, opened):
    report, path = reports["seed"]
    o = opened(path, height=1500)
    s = report.summary
    shown = {k: int(o.page.inner_text(f"[data-count={k}]")) for k in ("papers", "pass", "warn", "fail")}
    assert shown == {"papers": s.papers, "pass": s.pass_, "warn": s.warn, "fail": s.fail}
    assert o.page.locator("article.card").count() == s.papers
    assert o.page.inner_text("#match-count") == ""  # nothing filtered yet
    (ROOT / "reports").mkdir(exist_ok=True)
    o.page.screenshot(path=str(ROOT / "reports" / "seed-report.png"))
    assert o.errors == [] and o.dialogs == []


def test_without_javascript_every_failing_papers_findings_and_summary_show(reports, opened):
    report, path = reports["mixed"]
    o = opened(path, script=False)
    failing = [i for i, p in enumerate(report.papers) if p.verdict != "pass"]
    for i in failing:
        card = o.page.locator(f"#p-{i}")
        card.scroll_into_view_if_needed()  # cards off screen are not rendered yet (content-visibility)
        issues = [f.message for f in report.papers[i].findings if f.severity != "info"]
        shown = card.locator("ul.findings[aria-label=findings] .msg")
        expect(shown).to_have_text(issues)
        for k in range(len(issues)):
            expect(shown.nth(k)).to_be_visible()
        expect(card.locator(".summary p").first).to_be_visible()
    assert not o.page.locator("#filters").is_visible() and not o.page.locator("button.accept").first.is_visible()
    assert not o.page.locator("#p-0").is_visible() or report.papers[0].verdict != "pass"


def test_verdict_rule_and_search_filters_keep_their_state_in_the_url(reports, opened):
    report, path = reports["mixed"]
    o = opened(path)
    fail = {i for i, p in enumerate(report.papers) if p.verdict == "fail"}
    o.page.select_option("#filter-verdict", "fail")
    assert set(o.card_ids()) == fail
    wait_for(o.page, "location.hash === '#verdict=fail'")
    o.page.select_option("#filter-verdict", "")
    rule = "title-mismatch"
    o.page.select_option("#filter-rule", rule)
    with_rule = {i for i, p in enumerate(report.papers) if any(f.rule == rule for f in p.findings)}
    assert set(o.card_ids()) == with_rule and len(with_rule) > 1
    assert o.page.inner_text("#match-count") == f"{len(with_rule)} of {len(report.papers)} papers"
    o.page.select_option("#filter-rule", "")
    papers = [(p, parsed) for p, parsed, _ in report.with_papers()]
    for query, expected in [("2407.04363", "AriGraph"), ("Sorokin", "AriGraph"), ("山田", "Folding Maps"),
                            ("html-report.md", "Sparse Lanterns")]:
        o.page.fill("#search", query)
        wait_for(o.page, f"new URLSearchParams(location.hash.slice(1)).get('q') === {json.dumps(query)}")
        titles = [report.papers[i].title for i in o.card_ids()]
        assert titles and any(t.startswith(expected) for t in titles), (query, titles)
        assert all(query.lower() in "\n".join([p.title, p.arxiv_id or "", ", ".join(parsed.authors or []), p.file]).lower()
                   for p, parsed in (papers[i] for i in o.card_ids()))
    # Opening the URL restores the filters.
    again = opened(path.as_uri() + "#verdict=warn&rule=suspicious-claim")
    expected = {i for i, p in enumerate(report.papers)
                if p.verdict == "warn" and any(f.rule == "suspicious-claim" for f in p.findings)}
    assert set(again.card_ids()) == expected and expected
    assert again.page.input_value("#filter-verdict") == "warn"
    assert o.errors == [] and again.errors == []


def test_counts_and_chart_rows_are_filters(reports, opened):
    report, path = reports["mixed"]
    o = opened(path)
    verdict, rule = "document.getElementById('filter-verdict').value", "document.getElementById('filter-rule').value"
    # A link changes the hash; the page filters on 'hashchange', which fires after the click returns.
    o.page.click("a.count.fail")
    wait_for(o.page, f"{verdict} === 'fail'")
    assert {report.papers[i].verdict for i in o.card_ids()} == {"fail"}
    o.page.click("a.count.total")
    wait_for(o.page, f"{verdict} === ''")
    assert len(o.card_ids()) == report.summary.papers - report.summary.pass_  # passing ones stay folded
    o.page.click(".bars a[href='#rule=suspicious-claim']")
    wait_for(o.page, f"{rule} === 'suspicious-claim'")
    assert set(o.card_ids()) == {i for i, p in enumerate(report.papers) if any(f.rule == "suspicious-claim" for f in p.findings)}


def test_j_and_k_walk_the_failing_papers(reports, opened):
    report, path = reports["mixed"]
    o = opened(path)
    failing = sorted((p.score, i) for i, p in enumerate(report.papers) if p.verdict == "fail")
    order = [i for _, i in failing]
    o.page.keyboard.press("j")
    assert o.page.evaluate("document.activeElement.id") == f"p-{order[0]}"
    o.page.keyboard.press("j")
    o.page.keyboard.press("j")
    assert o.page.evaluate("document.activeElement.id") == f"p-{order[2]}"
    o.page.keyboard.press("k")
    assert o.page.evaluate("document.activeElement.id") == f"p-{order[1]}"
    top = o.page.locator(f"#p-{order[1]}").bounding_box()["y"]
    assert 0 <= top < 900
    o.page.keyboard.press("/")
    assert o.page.evaluate("document.activeElement.id") == "search"


def test_failing_paper_shows_its_evidence_highlighted_and_keyboard_reachable(reports, opened):
    report, path = reports["mixed"]
    index = next(i for i, p in enumerate(report.papers) if p.verdict == "fail" and p.title.startswith("Broken Entry"))
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


def test_link_to_a_card_hidden_by_the_filters_still_shows_it(reports, opened):
    report, path = reports["injection"]
    index, finding = next((i, f) for i, p in enumerate(report.papers) for f in p.findings if f.related)
    other = next(j for j, p in enumerate(report.papers) if p.line == finding.related[0].line)
    o = opened(path)
    o.page.select_option("#filter-verdict", report.papers[index].verdict)
    assert other not in o.card_ids()
    o.page.select_option("#filter-verdict", "")
    o.page.click(f"#p-{index} a.related")
    wait_for(o.page, f"document.activeElement.id === 'p-{other}'")
    assert o.page.locator(f"#p-{other}").is_visible()


def test_injection_digest_stays_inert(reports, opened):
    report, path = reports["injection"]
    o = opened(path)
    page = o.page
    page.fill("#search", "quiet")
    page.keyboard.press("j")
    page.locator("mark").first.focus() if page.locator("mark").count() else None
    assert page.evaluate("window.__trapped") == []
    assert o.errors == [] and o.dialogs == []
    hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))")
    assert all(h.startswith(("#", "http://", "https://", "data:,")) for h in hrefs), hrefs
    title = report.papers[0].title
    assert page.inner_text("#p-0 h3") == title
    assert page.locator("#p-0 h3 a, #p-0 h3 img").count() == 0
    summary = page.inner_text("#p-0 .summary p >> nth=0")
    assert "[클릭](javascript:window.__pwned='md')" in summary and "<script>" in summary


def digest(entries: list[tuple[str, str, str]]) -> str:
    """A markdown digest of (title, authors, summary text) entries, each with all three labelled sections
    and no vote count (a warning: the papers are shown in full, not folded as passing ones)."""
    out = ["## Daily Papers (2031-01-05)", ""]
    for n, (title, authors, text) in enumerate(entries, start=1):
        out += [f"### [{title}](https://arxiv.org/abs/3101.{n:05d})", "", "Vote: -", "", f"Authors: {authors}", "",
                f"- **What's New**: {text}", "- **Technical Details**: 모델은 두 단계로 학습됩니다.",
                "- **Performance Highlights**: 정확도가 3% 올랐습니다.", ""]
    return "\n".join(out)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A digest with right-to-left overrides in a title and an author, and a 10,000-character word in a
    title and a summary, in a file whose name is long enough to overflow a phone line."""
    folder = tmp_path_factory.mktemp("hostile") / ("a-very-long-folder-name-" * 4)
    folder.mkdir()
    path = folder / ("digest-with-an-unreasonably-long-file-name-" * 2 + ".md")
    path.write_text(digest([
        (f"Mirror {RLO}Title Flips", f"Kim {RLO}Minsu, Lee Jiwon", "이 논문은 거울 모델을 제안합니다 (Mirror)."),
        (f"Long {LONG_WORD} Word", "Park Jun", f"이 논문은 {LONG_WORD} 을 다룹니다."),
    ]), encoding="utf-8")
    report = lint_paths([str(path)])
    out = path.with_suffix(".html")
    Path(out).write_text(render_html(report), encoding="utf-8")
    return report, out


def test_right_to_left_override_in_user_text_stays_inside_its_element(hostile, opened):
    report, path = hostile
    o = opened(path)
    index = next(i for i, p in enumerate(report.papers) if p.title.startswith("Mirror"))
    card = f"#p-{index}"
    o.page.locator(card).scroll_into_view_if_needed()
    authors = o.page.locator(f"{card} .au bdi")
    assert authors.count() == 2
    first, second = authors.nth(0).bounding_box(), authors.nth(1).bounding_box()
    assert second["x"] > first["x"] + first["width"] - 1  # the second author stays after the first
    # The text after the authors ("· Votes: —") is not pulled into the flipped run.
    votes = o.page.evaluate(f"""() => {{
      const meta = document.querySelector("{card} .meta");
      const node = Array.from(meta.childNodes).find((n) => n.nodeType === 3 && n.textContent.includes("Votes"));
      const range = document.createRange(); range.selectNodeContents(node);
      return range.getBoundingClientRect().x;
    }}""")
    assert votes > second["x"] + second["width"] - 1
    # The title's override stays in the title: the head line (badge, score, file) is in reading order.
    boxes = [o.page.locator(f"{card} .head {sel}").bounding_box() for sel in (".badge", ".score", ".where")]
    head = [(round(b["y"] / 10), b["x"]) for b in boxes]  # line by line (a long path wraps), then left to right
    assert head == sorted(head)


def test_long_words_and_paths_wrap_instead_of_widening_the_page(hostile, opened):
    report, path = hostile
    for width in (1280, 390):
        o = opened(path, width=width)
        assert o.no_sideways_scroll(width)
        index = next(i for i, p in enumerate(report.papers) if p.title.startswith("Long"))
        box = o.page.locator(f"#p-{index}").bounding_box()
        if box:  # a failing or warned paper; passing ones are folded
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
        o.page.click("#pass-list > summary") if o.page.locator("#pass-list").count() else None
        assert o.no_sideways_scroll(width)


def test_phone_width_has_no_horizontal_scrolling(reports, opened):
    for name in ("seed", "mixed"):
        o = opened(reports[name][1], width=390)
        assert o.no_sideways_scroll(390)
        o.page.click("#pass-list > summary")
        o.page.click("#rules details.doc > summary >> nth=0")
        assert o.no_sideways_scroll(390)


@pytest.mark.parametrize("width", [1280, 390])
def test_text_contrast_meets_wcag_aa(reports, opened, width):
    o = opened(reports["mixed"][1], width=width)
    o.page.click("#pass-list > summary")
    ratios = o.page.evaluate(CONTRASTS)
    assert len(ratios) > 100
    assert [r for r in ratios if r[1] < 4.5] == []


@pytest.mark.parametrize("width", [1280, 390])
def test_rule_chart_is_readable(reports, opened, width):
    o = opened(reports["mixed"][1], width=width)
    rows = o.page.locator(".bars li")
    assert rows.count() >= 5
    for k in range(rows.count()):
        row = rows.nth(k)
        label, bar, count = (row.locator(sel) for sel in (".label", "svg", ".n"))
        assert float(label.evaluate("e => getComputedStyle(e).fontSize")[:-2]) >= 12
        assert float(count.evaluate("e => getComputedStyle(e).fontSize")[:-2]) >= 12
        drawn = bar.locator("rect").bounding_box()
        number = count.bounding_box()
        assert drawn["x"] + drawn["width"] <= number["x"]  # the count never sits on its bar
        assert label.bounding_box()["x"] + label.bounding_box()["width"] <= bar.bounding_box()["x"] + 1
    for axis in o.page.locator(".hist .axis, .hist .n").all():
        assert float(axis.evaluate("e => getComputedStyle(e).fontSize")[:-2]) >= 12


def sources_report(tmp_path, digest_path, sources):
    report = lint_paths([str(digest_path)], sources=str(sources))
    path = tmp_path / "sources.html"
    Path(path).write_text(render_html(report), encoding="utf-8")
    return report, path


def test_sources_show_the_abstract_beside_the_summary_and_stack_on_a_phone(opened, tmp_path):
    report, path = sources_report(tmp_path, SOURCES / "digest-rules.md", SOURCES / "sources-rules.jsonl")
    index, source = next((i, s) for i, (p, _, s) in enumerate(report.with_papers()) if p.verdict != "pass" and s)
    o = opened(path, height=1400)
    card = o.page.locator(f"#p-{index}")
    assert card.locator(".source .source-title").inner_text() == source.title
    assert card.locator(".source").inner_text().endswith(source.abstract)
    summary, source = (card.locator(sel).bounding_box() for sel in (".summary", ".source"))
    assert source["x"] >= summary["x"] + summary["width"] and abs(source["y"] - summary["y"]) < 40
    phone = opened(path, width=390)
    summary, source = (phone.page.locator(f"#p-{index} {sel}").bounding_box() for sel in (".summary", ".source"))
    assert source["y"] >= summary["y"] + summary["height"]
    assert phone.no_sideways_scroll(390)
    if not SHARED.is_dir():
        o.page.locator(f"#p-{index}").scroll_into_view_if_needed()
        o.page.screenshot(path=str(SOURCES_SHOT))
    assert o.errors == []


@needs_shared
def test_seed_report_with_hf_sources_shows_abstracts(opened, tmp_path):
    report, path = sources_report(tmp_path, SEED, SHARED / "seed" / "hf-daily-papers-2024-07-08.json")
    o = opened(path, height=1500)
    shown = sum(source is not None and p.verdict != "pass" for p, _, source in report.with_papers())
    assert o.page.locator("article.card .source").count() == shown > 0
    o.page.locator("#group-fail").scroll_into_view_if_needed()
    SOURCES_SHOT.parent.mkdir(exist_ok=True)
    o.page.screenshot(path=str(SOURCES_SHOT))
    assert o.errors == []


def test_source_title_and_abstract_render_as_inert_text(opened, tmp_path):
    payload = "<img src=x onerror=\"window.__pwned='abstract'\"></p><script>window.__pwned='s'</script>"
    sources = tmp_path / "evil.jsonl"
    lines = [json.dumps({"arxiv_id": f"3102.0000{n}", "title": payload, "abstract": "GraphMind " + payload})
             for n in range(1, 7)]
    sources.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report, path = sources_report(tmp_path, SOURCES / "digest-rules.md", sources)
    index = next(i for i, (p, _, source) in enumerate(report.with_papers()) if p.verdict != "pass" and source)
    o = opened(path)
    box = o.page.locator(f"#p-{index} .source")
    assert box.locator(".source-title").text_content() == payload
    assert box.locator("p").last.text_content() == "GraphMind " + payload
    assert o.page.evaluate("window.__trapped") == [] and o.errors == [] and o.dialogs == []
    assert o.page.evaluate("document.querySelectorAll('img, script').length") == 2


@needs_shared
def test_whole_corpus_report_opens_and_filters(browser, tmp_path):
    report = lint_paths([str(CORPUS)])
    path = tmp_path / "corpus.html"
    Path(path).write_text(render_html(report), encoding="utf-8")
    o = Opened(browser, path)
    try:
        assert int(o.page.inner_text("[data-count=papers]")) == report.summary.papers
        assert o.page.locator(".card").count() == report.summary.papers
        o.page.select_option("#filter-verdict", "warn")
        warned = sum(p.verdict == "warn" for p in report.papers)
        assert o.page.inner_text("#match-count") == f"{warned} of {report.summary.papers} papers"
        assert o.errors == []
    finally:
        o.context.close()


def test_passing_papers_follow_the_filters_when_their_list_opens(opened, tmp_path):
    """Passing cards are shown or hidden when their folded list opens, not on every filter change."""
    from digest_builder import digest, entry

    path = tmp_path / "many.md"
    path.write_text(digest(*(entry(n, votes=None if n <= 2 else "7") for n in range(1, 151))), encoding="utf-8")
    report = lint_paths([str(path)], config={"select": ["missing-votes"]})
    html = tmp_path / "many.html"
    html.write_text(render_html(report), encoding="utf-8")
    o = opened(html)
    passing = ".card.pass:visible"
    o.page.fill("#search", "Author 7")  # 7, 70–79: a few, so the list opens by itself
    wait_for(o.page, "document.getElementById('pass-list').open")
    assert sorted(o.page.locator(passing).evaluate_all("cs => cs.map(c => c.querySelector('.t').textContent)")) == \
        sorted(f"Paper {n}: 위젯 study" for n in (7, *range(70, 80)))
    o.page.fill("#search", "Paper")  # all 150: the list folds again, and nothing is shown or hidden inside it
    wait_for(o.page, "!document.getElementById('pass-list').open")
    o.page.click("#pass-list > summary")  # the editor opens it: every match shows
    wait_for(o.page, "[...document.querySelectorAll('.card.pass')].filter(c => !c.hidden).length === 148")
    o.page.fill("#search", "")
    wait_for(o.page, "location.hash === '' && document.getElementById('match-count').textContent.startsWith('150 of')")
    assert o.page.locator(passing).count() == 148 and o.errors == []
