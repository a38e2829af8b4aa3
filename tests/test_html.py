"""The HTML report without a browser: escaping, the embedded data, determinism and the --html flag."""

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest
from conftest import FIXTURES, SEED

from summary_lint import lint_paths
from summary_lint.cli.main import main
from summary_lint.errors import SummaryLintError
from summary_lint.render.html import embed_json, render_html, safe_url, split_marked, text_lang

INJECTION = FIXTURES / "injection.md"
SOURCES = FIXTURES / "sources"
MIXED = FIXTURES / "html-report.md"


class Page(HTMLParser):
    """Every start tag with its attributes, and the text inside each <script>/<style>."""

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


def page_data(html: str) -> dict:
    block = next(text for tag, attrs, text in Page(html).blocks if attrs.get("id") == "report-data")
    return json.loads(block)


def test_split_marked_keeps_overlapping_evidence_apart():
    assert split_marked("abcdef", [(1, 4, 0), (2, 5, 1)]) == ["a", ["b", [0]], ["cd", [0, 1]], ["e", [1]], "f"]
    assert split_marked("abc", []) == ["abc"]


def test_split_marked_adds_claims_inside_and_beside_evidence_without_repeating_text():
    parts = split_marked("abcdefgh", [(1, 5, 0)], [(3, 7, True), (7, 8, False)])
    assert parts == ["a", ["bc", [0]], ["de", [0], True], ["fg", [], True], ["h", [], False]]
    assert "".join(p if isinstance(p, str) else p[0] for p in parts) == "abcdefgh"


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
    assert names.count("script") == 2 and "img" not in names and "b" not in names
    assert [attrs.get("type") for tag, attrs in page.tags if tag == "script"] == ["application/json", None]
    for tag, attrs in page.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        href = attrs.get("href")
        if href is not None:
            assert re.match(r"(#|https?://|data:,$)", href), href
    assert "&lt;script&gt;window.__pwned" in html  # the worst-papers list shows the title as text
    titles = [p["title"] for p in page_data(html)["papers"]]
    assert "".join(part if isinstance(part, str) else part[0] for part in titles[0]).startswith("<script>")
    assert page_data(html)["papers"][0]["url"] is None  # the javascript: link is not kept


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


def test_data_matches_report_and_places_evidence():
    report = lint_paths([str(MIXED)])
    papers = page_data(render_html(report))["papers"]
    assert [(p["score"], p["verdict"]) for p in papers] == [(p.score, p.verdict) for p in report.papers]
    broken = report.papers[2]
    assert broken.verdict == "fail"
    text_finding = next(i for i, f in enumerate(broken.findings) if f.message.startswith("unbalanced '**'"))
    marked = [part for s in papers[2]["sections"] for part in s["parts"] if isinstance(part, list)]
    assert [broken.findings[text_finding].evidence, [text_finding]] in marked
    assert papers[2]["findings"][text_finding]["placed"]
    assert papers[1]["sections"][0]["lang"] == "ja" and papers[0]["sections"][0]["lang"] == "ko"


def test_near_duplicate_links_to_the_other_card():
    papers = page_data(render_html(lint_paths([str(INJECTION)])))["papers"]
    related = [r for f in papers[2]["findings"] for r in f["related"]]
    assert related and related[0]["card"] == 1


def test_every_fired_rule_has_its_explanation_in_the_page():
    report = lint_paths([str(MIXED)])
    ids = {attrs.get("id") for _, attrs in Page(render_html(report)).tags}
    assert report.summary.findings_by_rule
    assert {f"rule-{name}" for name in report.summary.findings_by_rule} <= ids


def test_output_is_deterministic_and_dated_from_source_date_epoch():
    report = lint_paths([str(SEED)])
    first = render_html(report)
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


def test_with_sources_each_card_carries_its_abstract_and_marks_every_claim():
    report = lint_paths([str(SOURCES / "digest-rules.md")], sources=str(SOURCES / "sources-rules.jsonl"))
    papers = {p["arxiv"]: p for p in page_data(render_html(report))["papers"]}
    claims = {arxiv: [(part[0], part[2], bool(part[1])) for s in p["sections"] for part in s["parts"]
                      if isinstance(part, list) and len(part) == 3] for arxiv, p in papers.items()}
    graph = papers["3102.00001"]
    assert graph["source"]["abstract"].startswith("Household robots") and graph["source"]["title"].startswith("GraphMind")
    assert claims["3102.00001"] == [("GraphMind", True, False), ("70억", True, False), ("HomeTasks", True, False),
                                    ("1.5배", True, False), ("15 %", True, False)]
    assert (graph["source"]["supported"], graph["source"]["unsupported"]) == (5, 0)
    # OrbitNav's made-up claims sit inside suspicious-claim evidence: marked there, not cut out twice.
    orbit = papers["3102.00005"]
    assert claims["3102.00005"] == [(t, False, True) for t in ("BLEU", "GLUE", "15%", "SQuAD", "92.1")]
    texts = [s.text for s in report.papers[4].paper.sections]
    assert len(texts) == len(orbit["sections"])
    for section, text in zip(orbit["sections"], texts):
        assert "".join(p if isinstance(p, str) else p[0] for p in section["parts"]) == text
    assert "claims" not in orbit["source"]


def test_without_sources_no_claim_is_marked():
    papers = page_data(render_html(lint_paths([str(SOURCES / "digest-rules.md")])))["papers"]
    assert all(p["source"] is None for p in papers)
    assert not [part for p in papers for s in p["sections"] for part in s["parts"] if isinstance(part, list) and len(part) == 3]
