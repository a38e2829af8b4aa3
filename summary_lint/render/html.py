"""``--html PATH``: the editors' report, one self-contained page to triage a run.

Everything an editor reads is rendered here into the HTML itself (jinja2, autoescape on): findings,
summaries with their highlights and source abstracts show without JavaScript. The page's script only
filters, searches, navigates and collects decisions (findings accepted as false alarms, papers to
fix), which it exports as a ``--baseline`` file and a list of papers to regenerate.

The renderer reads the report model only: the run's rule table (``report.rules``) and the spans each
finding marks (``finding.marks``); it never re-runs rule logic.
"""

from __future__ import annotations

import base64
import hashlib
import inspect
import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import pairwise
from typing import NamedTuple
from urllib.parse import urlsplit

from summary_lint.errors import SummaryLintError
from summary_lint.model import Finding, Mark, Paper, PaperReport, RunReport, Section, Source

WORST_SHOWN = 10
"""How many of the lowest-scoring papers the overview lists."""

VERDICTS = ("fail", "warn", "pass")

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


class Piece(NamedTuple):
    """A run of text with the findings whose evidence covers it and the claim status it carries."""

    text: str
    findings: tuple[int, ...] = ()
    claim: str | None = None
    """``supported`` or ``not-found`` when the run lies inside a claim mark."""


Span = tuple[int, int, int]
"""(start, end, finding index) of evidence in a text."""
ClaimSpan = tuple[int, int, str]
"""(start, end, mark kind) of a claim in a text."""


def split_marked(text: str, spans: list[Span], claims: list[ClaimSpan] = ()) -> list[Piece]:
    """Cut ``text`` at span edges into pieces; adjacent plain text stays one piece.

    Overlapping evidence is fine: a piece lists every finding that covers it. A claim inside
    evidence keeps the evidence and adds its status, so no text is cut out or repeated.
    """
    edges = [*spans, *claims]
    cuts = sorted({0, len(text), *(s for s, _, _ in edges), *(e for _, e, _ in edges)})
    pieces: list[Piece] = []
    for start, end in pairwise(cuts):
        covering = tuple(i for s, e, i in spans if s <= start and end <= e)
        claim = next((kind for s, e, kind in claims if s <= start and end <= e), None)
        piece = Piece(text[start:end], covering, claim)
        if pieces and piece[1:] == pieces[-1][1:]:
            pieces[-1] = pieces[-1]._replace(text=pieces[-1].text + piece.text)
        else:
            pieces.append(piece)
    return pieces


def is_note(finding: Finding) -> bool:
    """Info findings never change a score: the page keeps them out of the way."""
    return finding.severity == "info"


@dataclass
class Highlights:
    """Evidence and claim spans of one paper, per section index, and the findings whose evidence shows."""

    evidence: dict[int | str, list[Span]] = field(default_factory=dict)
    claims: dict[int, list[ClaimSpan]] = field(default_factory=dict)
    placed: set[int] = field(default_factory=set)

    def add_marks(self, sections: list[Section], index: int | None, marks: list[Mark], note: bool = False) -> None:
        """Claims (supported / not found) and, for finding ``index`` unless it is a note, evidence."""
        for mark in marks:
            if mark.section >= len(sections):
                continue
            section = sections[mark.section]
            start = section.offset_of(mark.line, mark.column)
            end = min(start + max(mark.end_column - mark.column, 0), len(section.text))
            if mark.kind != "evidence":
                claims = self.claims.setdefault(mark.section, [])
                if all((s, e) != (start, end) for s, e, _ in claims):
                    claims.append((start, end, mark.kind))
            elif not note and index is not None:
                self.evidence.setdefault(mark.section, []).append((start, end, index))
                self.placed.add(index)

    def place_text(self, report: PaperReport, sections: list[Section], index: int, finding: Finding) -> None:
        """Evidence without marks is looked for verbatim: in its own section first, then the others,
        then the title unless it is the whole title (a finding about the whole title points at the
        summary, not at the title)."""
        evidence = finding.evidence.strip()
        if not evidence or is_note(finding):
            return
        own = [i for i, s in enumerate(sections) if finding.section and s.label == finding.section]
        places: list[int | str] = [*own, *(i for i in range(len(sections)) if i not in own)]
        if evidence != report.title.strip():
            places.append("title")
        for where in places:
            text = report.title if where == "title" else sections[where].text
            start = text.find(evidence)
            if start >= 0:
                self.evidence.setdefault(where, []).append((start, start + len(evidence), index))
                self.placed.add(index)
                return


def highlights(report: PaperReport, sections: list[Section]) -> Highlights:
    found = Highlights()
    found.add_marks(sections, None, report.marks)  # the claims the source supports
    for index, finding in enumerate(report.findings):
        found.add_marks(sections, index, finding.marks, is_note(finding))
        if index not in found.placed:
            found.place_text(report, sections, index, finding)
    return found


def _finding_view(index: int, finding: Finding, report: PaperReport, summary: str, placed: set[int],
                  card_of: dict[tuple[str, int], int]) -> dict:
    evidence = finding.evidence.strip()
    paper_key, _, digest = finding.baseline_key(report.arxiv_id, report.title, summary)
    return {
        "index": index,
        "finding": finding,
        "paper_key": paper_key,
        "hash": digest,
        "quote": _quote(evidence) if index not in placed and evidence not in (report.title.strip(), "")
        and evidence not in summary else None,
        "related": [{"card": card_of.get((r.file, r.line)), "title": r.title or f"{r.file}:{r.line}"}
                    for r in finding.related],
    }


QUOTE_LIMIT = 240
"""Evidence quoted in the findings list is cut to this many characters."""


def _quote(evidence: str) -> str:
    return evidence if len(evidence) <= QUOTE_LIMIT else evidence[:QUOTE_LIMIT].rstrip() + "…"


def search_data(views: dict[int, dict]) -> dict:
    """What the search box looks in, per card (``views``: the paper views in the page's order):
    title, arXiv id and authors, and the file (by number: a corpus has few files and long paths)."""
    files = sorted({view["report"].file for view in views.values()})
    number = {file: i for i, file in enumerate(files)}
    papers = {}
    for i, view in views.items():
        paper = view["report"]
        text = "\n".join([paper.title, paper.arxiv_id or "", ", ".join(view["authors"])]).lower()
        papers[f"p-{i}"] = [text, number[paper.file]]
    return {"files": [file.lower() for file in files], "papers": papers}


def embed_json(data: object) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``</script>``, no ``<!--``.

    Escaping every ``<``, ``>`` and ``&`` as ``\\u003c``… keeps the JSON valid and the HTML parser blind to it.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _paper_view(index: int, report: PaperReport, paper: Paper | None, source: Source | None,
                card_of: dict[tuple[str, int], int]) -> dict:
    sections = paper.sections if paper else []
    found = highlights(report, sections)
    summary = paper.summary if paper else ""
    findings = [_finding_view(i, f, report, summary, found.placed, card_of) for i, f in enumerate(report.findings)]
    claims = [kind for spans in found.claims.values() for _, _, kind in spans]
    thumbnail = next((m.url for m in paper.media if m.kind == "image"), None) if paper else None
    return {
        "id": index,
        "report": report,
        "key": findings[0]["paper_key"] if findings else None,  # how a baseline names the paper
        "title": split_marked(report.title, found.evidence.get("title", [])),
        "title_lang": text_lang(report.title),
        "url": safe_url(paper.url if paper else None)
        or (f"https://arxiv.org/abs/{report.arxiv_id}" if report.arxiv_id else None),
        "thumbnail": safe_url(thumbnail),
        "votes": paper.votes if paper else None,
        "authors": paper.authors or [] if paper else [],
        "rules": sorted({f.rule for f in report.findings}),
        "issues": [f for f in findings if not is_note(f["finding"])],
        "notes": [f for f in findings if is_note(f["finding"])],
        "labelled": any(s.label for s in sections),
        "sections": [{"label": s.label, "lang": text_lang(s.text),
                      "pieces": split_marked(s.text, found.evidence.get(i, []), found.claims.get(i, []))}
                     for i, s in enumerate(sections)],
        "source": source and {
            "title": source.title, "title_lang": text_lang(source.title),
            "abstract": source.abstract, "abstract_lang": text_lang(source.abstract),
            "supported": claims.count("supported"), "not_found": claims.count("not-found"),
        },
    }


CLAIM_TEXT = {"supported": "supported by the abstract", "not-found": "not found in the abstract"}


def pieces_html(paper: dict, pieces: list[Piece]):
    """A text's pieces as HTML: evidence as focusable ``<mark>`` (tooltip: rule and message; described
    by the finding's entry), claims underlined (solid when the abstract supports them, dashed when not)."""
    from markupsafe import Markup, escape

    findings = paper["report"].findings
    out = []
    for piece in pieces:
        legend = f"claim-{piece.claim}-{paper['id']}" if piece.claim and paper["source"] else None
        if piece.findings:
            found = [findings[i] for i in piece.findings]
            severity = "error" if any(f.severity == "error" for f in found) else "warning"
            tips = [f"{f.code} {f.rule}: {f.message}" for f in found]
            described = [f"f-{paper['id']}-{i}" for i in piece.findings]
            classes = f"sev-{severity}"
            if piece.claim:
                tips.append(f"claim {CLAIM_TEXT[piece.claim]}")
                described += [legend] if legend else []
                classes += f" claim claim-{piece.claim}"
            out.append(Markup('<mark tabindex="0" class="%s" data-tip="%s" aria-describedby="%s">%s</mark>')
                       % (classes, "\n".join(tips), " ".join(described), piece.text))
        elif piece.claim:
            described = Markup(' aria-describedby="%s"') % legend if legend else ""
            out.append(Markup('<span class="claim claim-%s" title="%s"%s>%s</span>')
                       % (piece.claim, CLAIM_TEXT[piece.claim], described, piece.text))
        else:
            out.append(escape(piece.text))
    return Markup("").join(out)


def doc_html(doc: str, summary: str = ""):
    """A rule's documentation (markdown, as rules write theirs) as HTML. Raw HTML in it is shown as
    text, never kept, and only safe link targets survive (markdown-it's defaults); the first line,
    when it repeats the summary shown beside it, is left out."""
    from markdown_it import MarkdownIt
    from markupsafe import Markup

    body = inspect.cleandoc(doc)
    first, _, rest = body.partition("\n")
    if " ".join(first.split()) == " ".join(summary.split()):
        body = rest
    return Markup(MarkdownIt("commonmark", {"html": False}).render(body))


def _rule_table(report: RunReport) -> list[dict]:
    """The run's rules, those that fired first (most papers first), each with paper and finding counts."""
    papers: Counter[str] = Counter(rule for p in report.papers for rule in {f.rule for f in p.findings})
    findings = report.summary.findings_by_rule
    known = {r.name: r for r in report.rules}
    codes = {f.rule: f.code for p in report.papers for f in p.findings}
    table = []
    for name in sorted({*known, *findings}):
        rule = known.get(name)
        summary = rule.summary if rule else ""
        summary = summary[len(name) + 1:].strip() if summary.startswith(f"{name}:") else summary
        table.append({
            "name": name, "code": rule.code if rule else codes.get(name, ""),
            "severity": rule.severity if rule else None, "penalty": rule.penalty if rule else None,
            "summary": summary, "doc": doc_html(rule.doc, rule.summary) if rule else "",
            "papers": papers[name], "findings": findings.get(name, 0),
        })
    table.sort(key=lambda r: (-r["papers"], -r["findings"], r["code"], r["name"]))
    return table


def _histogram(report: RunReport) -> list[dict]:
    """Scores in ten-point bins (0–9 … 90–99) plus 100, each bin counted per verdict."""
    bins = [{"label": str(lo), "counts": Counter()} for lo in range(0, 100, 10)]
    bins.append({"label": "100", "counts": Counter()})
    for p in report.papers:
        bins[min(p.score // 10, 10)]["counts"][p.verdict] += 1
    return [{"label": b["label"], **{v: b["counts"][v] for v in VERDICTS}, "total": sum(b["counts"].values())}
            for b in bins]


def _csp_hash(source: str) -> str:
    """A Content-Security-Policy source that allows exactly this inline block and nothing injected."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def render_html(report: RunReport) -> str:
    """The whole report as one HTML document."""
    return "".join(html_chunks(report))


def html_chunks(report: RunReport) -> Iterator[str]:
    """The HTML document in the pieces jinja2 writes it in (the paper cards are still all built
    first: the summary, histogram and search index at the top need every paper)."""
    import jinja2
    import markupsafe

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("summary_lint.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["pieces"] = pieces_html
    card_of = {(p.file, p.line): i for i, p in enumerate(report.papers)}
    order = sorted(range(len(report.papers)),
                   key=lambda i: (VERDICTS.index(report.papers[i].verdict), report.papers[i].score, i))
    views = {i: _paper_view(i, paper_report, paper, source, card_of)
             for i, (paper_report, paper, source) in enumerate(report.with_papers())}  # a file parsed at a time
    views = {i: views[i] for i in order}
    groups = {v: [views[i] for i in order if report.papers[i].verdict == v] for v in VERDICTS}
    worst = [views[i] for i in order if report.papers[i].verdict != "pass"][:WORST_SHOWN]
    histogram = _histogram(report)
    rules = _rule_table(report)
    # Saved decisions belong to this report only: its papers and their findings, by baseline key.
    keys = "\n".join(f"{i} {v['key']} {' '.join(f['hash'] for f in v['issues'] + v['notes'])}" for i, v in views.items())
    style, script = (env.loader.get_source(env, name)[0] for name in ("report.css", "report.js"))
    return env.get_template("report.html.j2").generate(
        report=report,
        style=markupsafe.Markup(style),
        script=markupsafe.Markup(script),
        csp=(f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; "
             "img-src data:"),
        run_date=run_date(),
        fingerprint=hashlib.sha256(keys.encode("utf-8")).hexdigest()[:16],
        groups=groups,
        worst=worst,
        histogram=histogram,
        histogram_max=max(b["total"] for b in histogram) or 1,
        fired=[r for r in rules if r["findings"]],
        search=markupsafe.Markup(embed_json(search_data(views))),
        quiet=[r for r in rules if not r["findings"]],
    )
