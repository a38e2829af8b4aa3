"""``--html PATH``: one self-contained page for editors (overview, sortable table, one card per paper).

The page is rendered with jinja2 (autoescape on) and carries its CSS, JS and data inline, so it
opens offline from disk. Paper data travels as JSON in a ``<script type="application/json">`` block
and the page's script builds rows and cards from it with DOM text nodes, never ``innerHTML``: that
keeps untrusted titles, authors and summaries inert and lets a 5,000-paper corpus render lazily.
Evidence highlights and, with ``--sources``, claim marks are computed here, so the script only
has to wrap ready-made pieces in ``<mark>`` or ``<span>``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from collections import Counter
from datetime import datetime, timezone
from urllib.parse import urlsplit

from summary_lint.text.claims import source_view
from summary_lint.errors import SummaryLintError
from summary_lint.model import PaperReport, RunReport

WORST_SHOWN = 10
"""How many of the lowest-scoring papers the overview lists."""

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")


def text_lang(text: str) -> str | None:
    """A ``lang`` value for CJK text (so the browser picks the right glyphs); None for anything else."""
    if _HANGUL.search(text):
        return "ko"
    if _KANA.search(text):
        return "ja"
    if _HAN.search(text):
        return "zh"
    return None


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) link, else None: ``javascript:`` and friends never become links."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c in url for c in " \"'<>`"):
        return url
    return None


def run_date() -> str:
    """Now in UTC, or ``SOURCE_DATE_EPOCH`` when set (reproducible reports, byte-comparable tests)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        moment = datetime.now(timezone.utc)
    else:
        try:
            moment = datetime.fromtimestamp(int(epoch), timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise SummaryLintError(f"SOURCE_DATE_EPOCH must be a Unix timestamp, not {epoch!r}") from None
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def split_marked(text: str, spans: list[tuple[int, int, int]], claims: list[tuple[int, int, bool]] = ()) -> list:
    """Cut ``text`` at span edges: plain pieces stay strings, marked ones become ``[piece, [finding…]]``,
    and pieces inside a claim ``[piece, [finding…], supported]``.

    Overlapping evidence is fine: a piece lists every finding that covers it. A claim inside
    evidence keeps the evidence mark and adds its status, so no piece is cut out or repeated.
    """
    edges = [*spans, *claims]
    cuts = sorted({0, len(text), *(s for s, _, _ in edges), *(e for _, e, _ in edges)})
    parts: list = []
    for start, end in zip(cuts, cuts[1:]):
        piece = text[start:end]
        covering = [i for s, e, i in spans if s <= start and end <= e]
        supported = next((ok for s, e, ok in claims if s <= start and end <= e), None)
        if supported is not None:
            parts.append([piece, covering, supported])
        elif covering:
            parts.append([piece, covering])
        elif parts and isinstance(parts[-1], str):
            parts[-1] += piece
        else:
            parts.append(piece)
    return parts


def _place_evidence(report: PaperReport) -> tuple[dict, set[int]]:
    """Where each finding's evidence occurs: ``{"title" | section index: [(start, end, finding)]}``.

    A finding naming a section is looked for there first; evidence that is not verbatim in the
    title or summary (e.g. a raw markup line) stays unplaced and is quoted in the findings list.
    """
    paper = report.paper
    sections = paper.sections if paper else []
    spans: dict = {}
    placed: set[int] = set()
    for index, finding in enumerate(report.findings):
        evidence = finding.evidence.strip()
        if not evidence:
            continue
        own = [i for i, s in enumerate(sections) if finding.section and s.label == finding.section]
        others = [i for i in range(len(sections)) if i not in own]
        for where in [*own, *others, "title"]:
            text = report.title if where == "title" else sections[where].text
            start = text.find(evidence)
            if start >= 0:
                spans.setdefault(where, []).append((start, start + len(evidence), index))
                placed.add(index)
                break
    return spans, placed


def _paper_data(index: int, report: PaperReport, card_of: dict[tuple[str, int], int]) -> dict:
    paper = report.paper
    spans, placed = _place_evidence(report)
    thumbnail = next((m.url for m in paper.media if m.kind == "image"), None) if paper else None
    sections = paper.sections if paper else []
    source = source_view(report)
    claims: dict[int, list[tuple[int, int, bool]]] = {}
    for c in source["claims"] if source else []:
        claims.setdefault(c["section"], []).append((c["start"], c["end"], c["supported"]))
    return {
        "id": index,
        "title": split_marked(report.title, spans.get("title", [])),
        "titleLang": text_lang(report.title),
        "url": safe_url(paper.url if paper else None)
        or (f"https://arxiv.org/abs/{report.arxiv_id}" if report.arxiv_id else None),
        "arxiv": report.arxiv_id,
        "votes": paper.votes if paper else None,
        "authors": paper.authors if paper else None,
        "authorsLang": text_lang(", ".join(paper.authors or [])) if paper else None,
        "thumbnail": safe_url(thumbnail),
        "score": report.score,
        "verdict": report.verdict,
        "file": report.file,
        "line": report.line,
        "rules": sorted({f.rule for f in report.findings}),
        "findings": [
            {
                "code": f.code,
                "rule": f.rule,
                "severity": f.severity,
                "message": f.message,
                "penalty": f.penalty,
                "line": f.line,
                "evidence": f.evidence,
                "placed": i in placed,
                "related": [
                    {"card": card_of.get((r.file, r.line)), "title": r.title or "", "where": f"{r.file}:{r.line}"}
                    for r in f.related
                ],
            }
            for i, f in enumerate(report.findings)
        ],
        "sections": [
            {"label": s.label, "lang": text_lang(s.text),
             "parts": split_marked(s.text, spans.get(i, []), claims.get(i, []))}
            for i, s in enumerate(sections)
        ],
        # Shown beside the summary (None without --sources); the claims themselves are in the parts.
        "source": source and {
            "title": source["title"], "titleLang": text_lang(source["title"]),
            "abstract": source["abstract"], "abstractLang": text_lang(source["abstract"]),
            "supported": sum(c["supported"] for c in source["claims"]),
            "unsupported": sum(not c["supported"] for c in source["claims"]),
        },
    }


def embed_json(data: object) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``</script>``, no ``<!--``.

    Escaping every ``<``, ``>`` and ``&`` as ``\\u003c``… keeps the JSON valid and the HTML parser blind to it.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _histogram(report: RunReport) -> list[dict]:
    """Scores in ten-point bins (0–9 … 90–99) plus 100, each bin counted per verdict."""
    bins = [{"label": f"{lo}–{lo + 9}", "counts": Counter()} for lo in range(0, 100, 10)]
    bins.append({"label": "100", "counts": Counter()})
    for p in report.papers:
        bins[min(p.score // 10, 10)]["counts"][p.verdict] += 1
    return [{"label": b["label"], **{v: b["counts"][v] for v in ("fail", "warn", "pass")},
             "total": sum(b["counts"].values())} for b in bins]


def _rules_fired(report: RunReport) -> list[dict]:
    """Rules with findings, most frequent first, with the documentation the page links to."""
    from summary_lint.checks.registry import find_rule
    from summary_lint.checks.docs import _summary

    codes = {f.rule: f.code for p in report.papers for f in p.findings}
    fired = sorted(report.summary.findings_by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    out = []
    for name, count in fired:
        rule = find_rule(name)
        out.append({"name": name, "code": codes.get(name, ""), "count": count,
                    "summary": _summary(rule) if rule else "(no documentation)",
                    "doc": rule.doc.strip().partition("\n")[2].strip() if rule else ""})
    return out


def _csp_hash(source: str) -> str:
    """A Content-Security-Policy source that allows exactly this inline block and nothing injected."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def render_html(report: RunReport) -> str:
    """The whole report as one HTML document."""
    import jinja2
    import markupsafe

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("summary_lint", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    card_of = {(p.file, p.line): i for i, p in enumerate(report.papers)}
    papers = [_paper_data(i, p, card_of) for i, p in enumerate(report.papers)]
    worst = sorted((i for i, p in enumerate(report.papers) if p.verdict != "pass"),
                   key=lambda i: (report.papers[i].score, i))[:WORST_SHOWN]
    histogram = _histogram(report)
    style, script = (env.loader.get_source(env, name)[0] for name in ("report.css", "report.js"))
    return env.get_template("report.html.j2").render(
        report=report,
        style=markupsafe.Markup(style),
        script=markupsafe.Markup(script),
        csp=f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; img-src data:",
        run_date=run_date(),
        worst=[(i, report.papers[i]) for i in worst],
        histogram=histogram,
        histogram_max=max(b["total"] for b in histogram) or 1,
        rules=_rules_fired(report),
        data=embed_json({"papers": papers}),
    )


def write_html(report: RunReport, path: str) -> None:
    """Write the report to ``path``; a missing folder or unwritable file is a usage error (exit 2)."""
    text = render_html(report)
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as exc:
        raise SummaryLintError(f"{path}: cannot write HTML report: {exc.strerror or exc}") from None
