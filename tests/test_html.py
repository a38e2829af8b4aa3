"""The HTML report without a browser: what the page holds, its order, escaping, marks, rule docs,
determinism and the --html flag. Browser behaviour is in test_html_browser.py."""

import base64
import hashlib
import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from conftest import FIXTURES, ROOT, SEED

from summary_lint import lint_paths
from summary_lint.cli.main import main
from summary_lint.errors import SummaryLintError
from summary_lint.model import Mark
from summary_lint.render.html import Piece, doc_html, embed_json, render_html, safe_url, split_marked, text_lang

INJECTION = FIXTURES / "injection.md"
SOURCES = FIXTURES / "sources"
MIXED = FIXTURES / "html-report.md"
PLAIN = FIXTURES / "digest-plain-2023.md"
CSS = ROOT / "summary_lint" / "render" / "templates" / "report.css"


class Page(HTMLParser):
    """Start tags with attributes, the text inside each <script>/<style>, and every element's text
    by id (for the few ids tests look up)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.blocks: list[tuple[str, dict, str]] = []
        self._open: tuple[str, dict] | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))

    def handle_data(self, data):
        if self._open:
            self.blocks.append((*self._open, data))
            self._open = None


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1720396800")


def card(html: str, index: int) -> str:
    """The markup of card ``p-index`` (an <article>)."""
    match = re.search(rf'<article class="card \w+" id="p-{index}".*?</article>', html, re.DOTALL)
    assert match, index
    return match.group(0)


def with_marks(report, paper: int, finding: int, marks: list[Mark]):
    """The report with marks set on one finding, as a rule that fills them would."""
    target = report.papers[paper].findings[finding]
    report.papers[paper].findings[finding] = target.model_copy(update={"marks": marks})
    return report


def test_split_marked_keeps_overlapping_evidence_apart():
    assert split_marked("abcdef", [(1, 4, 0), (2, 5, 1)]) == [
        Piece("a"), Piece("b", (0,)), Piece("cd", (0, 1)), Piece("e", (1,)), Piece("f")]
    assert split_marked("abc", []) == [Piece("abc")]


def test_split_marked_adds_claims_inside_and_beside_evidence_without_repeating_text():
    pieces = split_marked("abcdefgh", [(1, 5, 0)], [(3, 7, "supported"), (7, 8, "not-found")])
    assert pieces == [Piece("a"), Piece("bc", (0,)), Piece("de", (0,), "supported"), Piece("fg", (), "supported"),
                      Piece("h", (), "not-found")]
    assert "".join(p.text for p in pieces) == "abcdefgh"


@pytest.mark.parametrize("url", ["https://arxiv.org/abs/2407.04363", "http://example.org/x?a=1"])
def test_safe_url_keeps_http_links(url):
    assert safe_url(url) == url


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "//evil.example",
                                 "https://a.example/\"onmouseover=x", "vbscript:x", "", None])
def test_safe_url_drops_everything_else(url):
    assert safe_url(url) is None


def test_text_lang_names_cjk_scripts_only():
    assert [text_lang(t) for t in ("본 논문은", "本研究は、ロボット", "本研究提出", "Plain English")] == ["ko", "ja", "zh", None]


def test_embedded_json_cannot_close_its_script_block():
    data = {"t": "</script><!-- <script>x</script> & >"}
    text = embed_json(data)
    assert "<" not in text and ">" not in text
    assert json.loads(text) == data


def test_injection_digest_renders_as_inert_markup():
    html = render_html(lint_paths([str(INJECTION)]))
    page = Page(html)
    names = [tag for tag, _ in page.tags]
    assert names.count("script") == 2 and not {"img", "b", "textarea"} & set(names)
    assert all(attrs.get("aria-hidden") == "true" for tag, attrs in page.tags if tag == "svg")  # only the charts' bars
    assert [attrs.get("type") for tag, attrs in page.tags if tag == "script"] == ["application/json", None]
    for tag, attrs in page.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        href = attrs.get("href")
        if href is not None:
            assert re.match(r"(#|https?://|data:,$)", href), href
    assert "&lt;script&gt;window.__pwned" in html
    assert 'href="javascript' not in html.lower()


def test_page_loads_nothing_and_allows_only_its_own_inline_code():
    html = render_html(lint_paths([str(MIXED)]))
    page = Page(html)
    assert not [attrs for _, attrs in page.tags if "src" in attrs]
    assert [attrs["href"] for tag, attrs in page.tags if tag == "link"] == ["data:,"]
    csp = next(attrs["content"] for tag, attrs in page.tags if attrs.get("http-equiv") == "Content-Security-Policy")
    assert csp.startswith("default-src 'none';")
    for tag, attrs, text in page.blocks:
        if attrs.get("type") != "application/json":
            digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in csp, tag


def test_every_failing_papers_findings_and_summary_are_in_the_markup():
    """Nothing needs the script to be read: findings and summaries are HTML, not data."""
    report = lint_paths([str(MIXED), str(SEED)])
    html = render_html(report)
    failing = [i for i, p in enumerate(report.papers) if p.verdict != "pass"]
    assert failing
    parsed = [paper for _, paper, _ in report.with_papers()]
    for i in failing:
        text = unescape(re.sub(r"<[^>]+>", "", card(html, i)))
        assert all(finding.message in text for finding in report.papers[i].findings)
        assert all(section.text in text for section in parsed[i].sections)


def test_failing_papers_come_first_then_warnings_then_passing_ones_in_one_collapsed_list():
    report = lint_paths([str(MIXED), str(SEED)])
    html = render_html(report)
    ids = [int(i) for i in re.findall(r'class="card \w+" id="p-(\d+)"', html)]
    verdicts = [report.papers[i].verdict for i in ids]
    assert verdicts == sorted(verdicts, key=["fail", "warn", "pass"].index) and len(ids) == len(report.papers)
    fail_scores = [report.papers[i].score for i in ids if report.papers[i].verdict == "fail"]
    assert fail_scores == sorted(fail_scores)
    passing = re.search(r'<details class="pass-list" id="pass-list">.*?</details>', html, re.DOTALL).group(0)
    assert passing.count('class="card pass"') == report.summary.pass_ and "<details class=\"pass-list\" id=\"pass-list\" open" not in html


def test_info_findings_are_notes_apart_from_the_findings_that_count():
    report = lint_paths([str(SOURCES / "digest-rules.md")], sources=str(SOURCES / "sources-rules.jsonl"))
    html = render_html(report)
    index, paper = next((i, p) for i, p in enumerate(report.papers)
                        if p.verdict != "pass" and any(f.severity == "info" for f in p.findings))
    markup = card(html, index)
    notes = re.search(r'<div class="notes">.*?</div>', markup, re.DOTALL).group(0)
    for finding in paper.findings:
        assert (finding.code in notes) == (finding.severity == "info")


def test_title_mismatch_points_at_the_summary_not_at_the_title():
    report = lint_paths([str(MIXED)])
    index = next(i for i, p in enumerate(report.papers) if any(f.rule == "title-mismatch" for f in p.findings))
    finding = next(f for f in report.papers[index].findings if f.rule == "title-mismatch")
    assert finding.evidence.strip() == report.papers[index].title  # the rule quotes the whole title
    markup = card(render_html(report), index)
    title = re.search(r"<h3 .*?</h3>", markup, re.DOTALL).group(0)
    assert "<mark" not in title and "<q>" not in markup.split(finding.message.replace("'", "&#39;"))[1].split("</li>")[0]
    # With evidence marks (the summary words the rule blames) the summary is highlighted instead.
    section = [paper for _, paper, _ in report.with_papers()][index].sections[0]
    word = section.text[:5]
    finding_index = report.papers[index].findings.index(finding)
    with_marks(report, index, finding_index,
               [Mark(section=0, line=section.line, column=section.column, end_column=section.column + len(word),
                     kind="evidence")])
    markup = card(render_html(report), index)
    assert re.search(rf'<mark [^>]*aria-describedby="[^"]*\bf-{index}-{finding_index}\b[^"]*">{re.escape(word)}</mark>', markup)
    assert "<mark" not in re.search(r"<h3 .*?</h3>", markup, re.DOTALL).group(0)


def test_claim_marks_come_from_the_run_and_none_without_sources():
    report = lint_paths([str(SOURCES / "digest-rules.md")])
    html = render_html(report)
    assert "claim claim-supported\" title" not in html and "claim claim-not-found\" title" not in html
    assert "Claims in the summary" not in html  # no legend for claims nobody marked
    report = lint_paths([str(SOURCES / "digest-rules.md")], sources=str(SOURCES / "sources-rules.jsonl"),
                        config={"extend-select": ["unsupported-claim"]})
    index = next(i for i, p in enumerate(report.papers) if p.marks)  # claims the source supports
    paper = [paper for _, paper, _ in report.with_papers()][index]
    section, span = next((paper.sections[i], spans[0])
                         for i, spans in report.papers[index].section_spans(paper).items())
    markup = card(render_html(report), index)
    claim = re.escape(section.text[span.start:span.end])
    assert re.search(rf'<span class="claim claim-supported" title="supported by the abstract"[^>]*>{claim}</span>', markup)
    unsupported = next(i for i, p in enumerate(report.papers)
                       if any(m.kind == "not-found" for f in p.findings for m in f.marks))
    assert 'class="claim claim-not-found"' in card(render_html(report), unsupported)

def test_summary_without_labels_has_one_heading():
    report = lint_paths([str(PLAIN)])
    html = render_html(report)
    for i, (paper, parsed, _) in enumerate(report.with_papers()):
        if paper.verdict == "pass":
            continue
        summary = re.search(r'<div class="summary">.*?</div>', card(html, i), re.DOTALL).group(0)
        assert summary.count("<h4") == 1 and summary.count("<p ") == len(parsed.sections) > 1


def test_near_duplicate_links_to_the_other_card():
    report = lint_paths([str(INJECTION)])
    index, finding = next((i, f) for i, p in enumerate(report.papers) for f in p.findings if f.related)
    other = next(j for j, p in enumerate(report.papers) if (p.file, p.line) == (finding.related[0].file, finding.related[0].line))
    assert other != index
    assert f'<a class="related" href="#p-{other}">' in card(render_html(report), index)


def test_rule_filter_and_rule_table_count_papers_and_link_to_their_docs():
    report = lint_paths([str(MIXED), str(SEED)])
    html = render_html(report)
    page = Page(html)
    ids = {attrs.get("id") for _, attrs in page.tags}
    assert report.summary.findings_by_rule and {f"rule-{name}" for name in report.summary.findings_by_rule} <= ids
    for name in report.summary.findings_by_rule:
        papers = sum(any(f.rule == name for f in p.findings) for p in report.papers)
        option = re.search(rf'<option value="{name}">(.*?)</option>', html).group(1)
        assert option.endswith(f"({papers} paper{'' if papers == 1 else 's'})")
        assert f'<a href="#rule={name}">{papers} paper' in html
    multi = [n for n, c in report.summary.findings_by_rule.items()
             if c > sum(any(f.rule == n for f in p.findings) for p in report.papers)]
    assert multi  # some rule fires twice on a paper, so papers and findings differ


def test_rule_docs_render_their_markdown():
    report = lint_paths([str(MIXED)])
    html = render_html(report)
    docs = re.findall(r'<details class="doc">(.*?)</details>', html, re.DOTALL)
    assert docs
    for doc in docs:
        assert "``" not in doc and "<p>#" not in doc, doc[:200]  # no raw markup outside code blocks
    assert "<h2>What it does</h2>" in "".join(docs) and "<pre><code" in "".join(docs)


def test_doc_html_escapes_raw_html_and_keeps_the_markdown():
    doc = ("name: does a thing.\n\nWhy: `<script>` is text & <b>stays</b> text.\n\n* one\n* two `x`\n\n"
           "```markdown\nfirst line\n  indented <b>\n```\n\n[x](javascript:alert(1))")
    out = str(doc_html(doc, "name: does a thing."))
    assert out == ("<p>Why: <code>&lt;script&gt;</code> is text &amp; &lt;b&gt;stays&lt;/b&gt; text.</p>\n"
                   "<ul>\n<li>one</li>\n<li>two <code>x</code></li>\n</ul>\n"
                   '<pre><code class="language-markdown">first line\n  indented &lt;b&gt;\n</code></pre>\n'
                   "<p>[x](javascript:alert(1))</p>\n")


def test_export_hashes_match_the_baseline_the_cli_writes(tmp_path):
    """Each finding carries its baseline key: what the page exports is what --write-baseline writes."""
    baseline = tmp_path / "b.json"
    assert main([str(MIXED), "--write-baseline", str(baseline)]) == 0
    written = {(e["paper"], e["rule"], e["hash"]) for e in json.loads(baseline.read_text(encoding="utf-8"))["findings"]}
    html = render_html(lint_paths([str(MIXED)]))
    shown = set()
    for markup in re.findall(r'<article class="card \w+".*?</article>', html, re.DOTALL):
        key = re.search(r'data-key="(.*?)"', markup)
        for rule, digest in re.findall(r'data-rule="(.*?)" data-hash="(.*?)"', markup):
            shown.add((key.group(1).replace("&#39;", "'"), rule, digest))
    notes = {k for k in written if k[1] in {"no-source"}}
    assert shown and shown <= written and written - shown <= notes


def test_css_colours_meet_wcag_aa_for_text():
    """Contrast of each text colour on the backgrounds it is drawn on (4.5:1), from the CSS itself."""
    css = CSS.read_text(encoding="utf-8")
    colour = {name: value if len(value) == 7 else "#" + "".join(c * 2 for c in value[1:])
              for name, value in re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b", css)}

    def luminance(hex_colour):
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def contrast(a, b):
        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    pairs = [("#ffffff", colour[v]) for v in ("fail", "warn", "pass")]  # badge text
    pairs += [(colour[fg], colour[bg]) for fg in ("fg", "muted", "link", "fail", "warn")
              for bg in ("bg", "panel", "mark")]
    pairs += [(colour["fg"], colour["mark-error"])]
    low = [(a, b, round(contrast(a, b), 2)) for a, b in pairs if contrast(a, b) < 4.5]
    assert not low


def test_output_is_deterministic_and_dated_from_source_date_epoch():
    first = render_html(lint_paths([str(SEED)]))
    assert first == render_html(lint_paths([str(SEED)]))
    assert "Run 2024-07-08 00:00 UTC" in first


def test_malformed_source_date_epoch_is_an_error(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(SummaryLintError):
        render_html(lint_paths([str(SEED)]))


def test_html_flag_adds_a_file_and_keeps_output_and_exit_code(tmp_path, capsys):
    plain = main([str(MIXED)])
    expected = capsys.readouterr().out
    target = tmp_path / "r.html"
    assert main([str(MIXED), "--html", str(target)]) == plain == 1
    assert capsys.readouterr().out == expected
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_html_flag_creates_missing_folders(tmp_path, capsys):
    target = tmp_path / "missing" / "deeper" / "r.html"
    assert main([str(SEED), "--html", str(target)]) == 1  # the seed's four fails, as without --html
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_rule_table_comes_from_the_run_not_from_the_registry():
    """Severity, penalty and text are the run's (preset, config, rule folders), as the report states them."""
    report = lint_paths([str(MIXED)])
    name = "title-mismatch"
    report.rules = [r.model_copy(update={"severity": "info", "penalty": 7, "summary": f"{name}: as this run says it.",
                                         "doc": f"{name}: as this run says it.\n\nOnly ``this`` here."})
                    if r.name == name else r for r in report.rules]
    html = render_html(report)
    entry = re.search(rf'<article class="rule" id="rule-{name}">.*?</article>', html, re.DOTALL).group(0)
    assert "info, penalty 7" in entry and "<p>as this run says it.</p>" in entry
    assert "<p>Only <code>this</code> here.</p>" in entry and "Why:" not in entry


def test_html_agrees_with_the_run_for_a_team_rules_path_and_the_relaxed_preset(tmp_path):
    """Issue 11: claims and rule levels come from the run (its rule folders, its preset)."""
    team = tmp_path / "team-rules"
    team.mkdir()
    (team / "claims.toml").write_text('common-terms = ["SQuAD"]\n', encoding="utf-8")

    def not_found(config: dict) -> set[str]:
        report = lint_paths([str(SOURCES / "digest-rules.md")], sources=str(SOURCES / "sources-rules.jsonl"),
                            config=config)
        return set(re.findall(r'claim-not-found"[^>]*>([^<]+)<', render_html(report)))

    assert "SQuAD" in not_found({}) and "BLEU" in not_found({})
    assert "SQuAD" not in not_found({"rules-path": [str(team)]}) and "BLEU" in not_found({"rules-path": [str(team)]})
    def level_shown(config: dict) -> str:
        html = render_html(lint_paths([str(MIXED)], config=config))
        return re.search(r'id="rule-missing-votes">.*?<p class="muted">([^<·]+)', html, re.DOTALL).group(1).strip()

    assert level_shown({}) == "warning, penalty 5" and level_shown({"preset": "relaxed"}) == "info"
