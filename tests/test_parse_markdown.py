"""The markdown parser on every digest variant of the real corpus (synthetic fixtures) and edge cases."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, parse_bytes


def parse(text: str):
    return parse_bytes(text.encode("utf-8"))


def test_plain_bullets_2023_style_without_votes_or_authors():
    digest = parse_bytes((FIXTURES / "digest-plain-2023.md").read_bytes())
    assert digest.date == "2023-11-20"
    assert digest.format == "markdown"
    first, second = digest.papers
    assert (first.title, first.arxiv_id, first.line) == ("Sparse Mixture Routing for Small Language Models",
                                                         "2311.00001", 3)
    assert first.votes_raw is None and first.authors is None
    assert [s.label for s in first.sections] == [None, None, None]
    assert [(s.line, s.column) for s in first.sections] == [(5, 3), (6, 3), (7, 3)]
    assert first.sections[0].text.startswith("이 연구는")
    # the next entry follows the last bullet directly, without a blank line
    assert (second.line, len(second.sections)) == (8, 2)


def test_labelled_summaries_bold_and_bold_italic_authors_as_list_literal_and_absent_votes():
    digest = parse_bytes((FIXTURES / "digest-labelled.md").read_bytes())
    bold, triple, no_authors = digest.papers
    assert bold.votes == 12 and bold.votes_line == 7
    assert bold.authors == ["Ada Lovelace", "Alan Turing", "Grace Hopper"] and bold.authors_line == 9
    assert [m.url.rsplit("/", 1)[1] for m in bold.media] == ["2407.10001.png"]
    labels = ["What's New", "Technical Details", "Performance Highlights"]
    assert [s.label for s in bold.sections] == labels
    assert bold.sections[0].column == len("- **What's New**: ") + 1
    assert [s.label for s in triple.sections] == labels
    assert triple.sections[0].column == len("- ***What's New***: ") + 1
    assert triple.sections[2].text == "같은 학습 단계 수에서 정답률이 4.2%p 향상되었다."
    assert triple.votes_raw == "-" and triple.votes is None
    assert triple.authors == ["Emmy Noether", "Sofia Kovalevskaya", "Mary O'Brien"]
    assert no_authors.authors is None and no_authors.votes == 5


def test_video_entries_with_and_without_parentheses():
    digest = parse_bytes((FIXTURES / "digest-video.md").read_bytes())
    for paper, clip in zip(digest.papers, ("clip-one", "clip-two")):
        assert [m.kind for m in paper.media] == ["video", "video"]
        assert all(m.url.endswith(f"/{clip}.mp4") for m in paper.media)
        assert paper.votes is not None and paper.authors and len(paper.sections) == 2


def test_readme_wrapper_without_daily_papers_header_and_footer_is_ignored():
    digest = parse_bytes((FIXTURES / "digest-readme-wrapper.md").read_bytes())
    assert digest.date is None
    (paper,) = digest.papers
    assert paper.arxiv_id == "2401.30001" and paper.line == 6
    assert paper.sections[-1].text == "정확도 손실 0.3% 이내에서 처리량이 두 배가 되었다."
    assert paper.end_line == 14  # the thematic break and the footer are not part of the entry


@pytest.mark.parametrize(("heading", "title", "arxiv_id"), [
    ("### [Mamba [v2] (Selective) State Spaces](https://arxiv.org/abs/2407.04363)",
     "Mamba [v2] (Selective) State Spaces", "2407.04363"),
    ("### [Title](https://arxiv.org/abs/2407.04363v2)", "Title", "2407.04363"),
    ("### [Title](https://arxiv.org/pdf/2407.04363.pdf)", "Title", "2407.04363"),
    ("### [Old style](https://arxiv.org/abs/hep-th/9901001)", "Old style", "hep-th/9901001"),
    ("###\t[Tabbed](https://arxiv.org/abs/2407.04363)", "Tabbed", "2407.04363"),
    ("### [Trailing text](https://arxiv.org/abs/2407.04363) (updated)", "Trailing text", "2407.04363"),
    ("### [Malformed id](https://arxiv.org/abs/2407.0436)", "Malformed id", None),
    ("### [Not arXiv](https://example.org/paper/2407.04363)", "Not arXiv", None),
    ("### [No link]", "No link", None),
])
def test_entry_headings(heading, title, arxiv_id):
    (paper,) = parse(f"{heading}\n\n- 요약 문장입니다.\n").papers
    assert (paper.title, paper.arxiv_id) == (title, arxiv_id)
    assert paper.sections[0].text == "요약 문장입니다."


def test_crlf_and_cr_line_endings_keep_line_numbers():
    text = "## Daily Papers (2024-01-02)\n\n### [A](https://arxiv.org/abs/2401.00001)\n\nVote: 3\n\n- 첫 문장.\n- 둘째 문장.\n"
    lf = parse(text)
    for newline in ("\r\n", "\r"):
        other = parse(text.replace("\n", newline))
        assert other.model_dump() == lf.model_dump()
    assert lf.papers[0].sections[1].line == 8


def test_tabs_in_metadata_and_bullets():
    (paper,) = parse("### [A](https://arxiv.org/abs/2401.00001)\nVote:\t7\nAuthors:\tKim, Lee\n-\t**What's New**:\t내용\n").papers
    assert (paper.votes, paper.authors) == (7, ["Kim", "Lee"])
    assert (paper.sections[0].label, paper.sections[0].text) == ("What's New", "내용")


def test_entry_without_summary_then_next_entry():
    first, second = parse("### [A](https://arxiv.org/abs/2401.00001)\n"
                          "### [B](https://arxiv.org/abs/2401.00002)\n- 요약.\n").papers
    assert first.sections == [] and (first.line, first.end_line) == (1, 1)
    assert second.line == 2 and len(second.sections) == 1


def test_nested_bullets_numbered_lists_and_wrapped_lines_continue_the_bullet():
    (paper,) = parse("### [A](https://arxiv.org/abs/2401.00001)\n"
                     "- **Technical Details**: 세 단계:\n"
                     "  - 하위 항목\n"
                     "1. 번호 항목\n"
                     "이어지는 줄\n"
                     "- **Performance Highlights**: 결과.\n").papers
    details, perf = paper.sections
    assert details.text == "세 단계:\n- 하위 항목\n1. 번호 항목\n이어지는 줄"
    assert (details.line, details.end_line) == (2, 5)
    assert perf.line == 6


@pytest.mark.parametrize("tail", [
    "\n\nGenerated by a bot.\n",
    "\n---\n\nFooter.\n",
    "\n***\n",
    "\n### License\n- MIT\n",
    "\n## Daily Papers (2024-01-03)\n- not an entry\n",
    "\n# Archive\ntext\n",
])
def test_text_after_the_last_entry_is_not_part_of_its_summary(tail):
    (paper,) = parse("### [A](https://arxiv.org/abs/2401.00001)\n- 요약 하나.\n- 요약 둘." + tail).papers
    assert [s.text for s in paper.sections] == ["요약 하나.", "요약 둘."]
    assert paper.end_line == 3


def test_blank_lines_between_bullets_and_indented_paragraphs_stay_in_the_summary():
    (paper,) = parse("### [A](https://arxiv.org/abs/2401.00001)\n- 하나.\n\n- 둘.\n\n  둘의 둘째 문단.\n").papers
    assert [s.text for s in paper.sections] == ["하나.", "둘.\n둘의 둘째 문단."]


@pytest.mark.parametrize(("raw", "names"), [
    ("A, B , C", ["A", "B", "C"]),
    ("['A', 'B']", ["A", "B"]),
    ("['A', 'B'", ["A", "B"]),           # cut-off list literal
    ("[{[]: 1}]", ["{[]: 1}"]),          # not a list of names, but never a crash
    ("['Back\\slash']", ["Back\\slash"]),
    ("[]", []),
    ("", []),
])
def test_authors_lines(raw, names):
    (paper,) = parse(f"### [A](https://arxiv.org/abs/2401.00001)\nAuthors: {raw}\n- 요약.\n").papers
    assert paper.authors == names


def test_markdown_that_starts_with_a_link_is_not_sniffed_as_json():
    digest = parse("[English](README.en.md)\n\n### [A](https://arxiv.org/abs/2401.00001)\n- 요약.\n")
    assert digest.format == "markdown" and len(digest.papers) == 1


def test_inline_suppression_comments():
    digest = parse("<!-- summary-lint: disable-file=S002 -->\n"
                   "<!-- summary-lint: disable=missing-authors, S008 -->\n"
                   "### [A](https://arxiv.org/abs/2401.00001)\n- 요약.\n"
                   "### [B](https://arxiv.org/abs/2401.00002)\n- 요약.\n")
    assert [(s.action, s.rules, s.line, s.entry_line) for s in digest.suppressions] == [
        ("disable-file", ["S002"], 1, None), ("disable", ["missing-authors", "S008"], 2, 3)]


def test_long_unterminated_comments_and_tags_parse_in_linear_time():
    # Both lines took quadratic time before (minutes at this length); now they are plain text.
    (paper,) = parse("### [A](https://arxiv.org/abs/2401.00001)\n"
                     + "<video " * 20_000 + "\n"
                     + "<!-- summary-lint: disable=" + " " * 100_000 + "\n"
                     + "- 요약.\n").papers
    assert paper.media == [] and paper.disabled_rules == [] and paper.sections[0].text == "요약."


@pytest.mark.parametrize("path", sorted([*FIXTURES.glob("*.md"), *FIXTURES.glob("*.jsonl"), *FIXTURES.glob("*.json")]),
                         ids=lambda p: p.name)
def test_a_paper_parsed_alone_from_its_lines_is_the_paper_of_its_whole_file(path):
    """``parse.paper_at``: a markdown entry depends only on its own lines (heading to end line), a
    JSON-lines paper only on its record; a JSON document is only parsed whole."""
    from summary_lint.read.discover import discover
    from summary_lint.read.parse import paper_at, paper_lines, parse_input

    [inp] = discover([str(path)])
    whole = parse_input(inp).papers
    read = paper_lines(inp)
    alone = [paper_at(read, inp.name, p.line, p.end_line) for p in whole]
    if read[0] == "document":
        assert alone == [None] * len(whole)
    else:
        assert whole and alone == whole
