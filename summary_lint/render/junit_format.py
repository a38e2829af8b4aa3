"""``--format junit``: JUnit XML for CI test dashboards (Jenkins, GitLab, Azure, test reporters).

One ``testsuite`` per input file, one ``testcase`` per paper. A failing paper is a ``failure``
listing its findings; a paper with a warn verdict passes, its findings in ``system-out``. The output
follows the Jenkins xUnit JUnit schema (``junit-10.xsd``), which GitLab also reads: a testcase has
no ``file``/``line`` attributes there, so the paper's ``file:line`` opens its failure message and
its ``system-out``, and the suite carries the file in its ``file`` attribute.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import TYPE_CHECKING

from summary_lint.model import FileReport, PaperReport, RunReport

if TYPE_CHECKING:
    from summary_lint.render import RenderOptions

# Characters XML 1.0 cannot carry at all (ElementTree would write them unescaped).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _findings_text(paper: PaperReport) -> str:
    return "\n".join(f"{f.file}:{f.line}:{f.column}: {f.code} [{f.rule}] {f.message}" for f in paper.findings)


def _testcase(suite: ET.Element, paper: PaperReport) -> None:
    name = f"{paper.arxiv_id} {paper.title}" if paper.arxiv_id else paper.title
    case = ET.SubElement(suite, "testcase", {"classname": _clean(paper.file), "name": _clean(name), "time": "0"})
    summary = f"{paper.file}:{paper.line}: score {paper.score}/100 ({paper.verdict}), {len(paper.findings)} findings"
    if paper.verdict == "fail":
        failure = ET.SubElement(case, "failure", {"message": _clean(summary), "type": "fail"})
        failure.text = _clean(_findings_text(paper))
    elif paper.findings:
        ET.SubElement(case, "system-out").text = _clean(f"{summary}\n{_findings_text(paper)}")


def _suite(file: FileReport, papers: list[PaperReport]) -> ET.Element:
    failures = sum(p.verdict == "fail" for p in papers)
    suite = ET.Element("testsuite", {"name": _clean(file.path), "file": _clean(file.path),
                                              "tests": str(len(papers)),
                                              "failures": str(failures), "errors": "0", "skipped": "0",
                                              "time": "0"})
    for paper in papers:
        _testcase(suite, paper)
    ET.indent(suite, level=1)
    return suite


def chunks(report: RunReport, options: RenderOptions) -> Iterator[str]:
    """A suite at a time, laid out as ``ET.indent`` lays out the whole document."""
    s = report.summary
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    root = ET.tostring(ET.Element("testsuites", {"name": "summary-lint", "tests": str(s.papers),
                                                 "failures": str(s.fail), "errors": "0", "time": "0"}),
                       encoding="unicode")
    if not report.files:
        yield root + "\n"
        return
    yield root.removesuffix(" />") + ">"
    by_file: dict[str, list[PaperReport]] = {f.path: [] for f in report.files}
    for paper in report.papers:
        by_file.setdefault(paper.file, []).append(paper)
    for file in report.files:
        yield "\n  " + ET.tostring(_suite(file, by_file[file.path]), encoding="unicode")
    yield "\n</testsuites>\n"
