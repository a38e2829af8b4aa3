"""The whole shared corpus parses: every digest variant, every paper with its fields and line numbers."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import CORPUS, needs_shared

from summary_lint.engine.run import read_inputs
from summary_lint.read.discover import discover

pytestmark = needs_shared


@pytest.fixture(scope="module")
def corpus():
    digests, files = read_inputs(discover([str(CORPUS)]))
    return digests, files, [p for d in digests for p in d.papers]


def test_every_file_and_paper_is_parsed(corpus):
    digests, files, papers = corpus
    assert (len(files), len(digests), len(papers)) == (357, 357, 5488)
    assert not any(f.skipped for f in files)
    assert Counter(d.encoding for d in digests) == {"utf-8": 357}


def test_every_paper_has_title_id_sections_and_locations(corpus):
    _, _, papers = corpus
    for paper in papers:
        assert paper.title and paper.arxiv_id and paper.sections, (paper.file, paper.line)
        assert 1 <= paper.line <= paper.end_line
        for section in paper.sections:
            assert section.text and paper.line < section.line <= section.end_line <= paper.end_line
            assert section.column >= 3


def test_votes_and_authors_where_the_digest_gives_them(corpus):
    digests, _, papers = corpus
    no_votes = [p for p in papers if p.votes is None]
    assert len(no_votes) == 117
    assert {p.votes_raw for p in no_votes} == {None, "-"}
    assert sum(p.votes_raw == "-" for p in papers) == 32
    no_authors = [p for p in papers if p.authors is None]
    assert len(no_authors) == 11
    first_day = digests[0]
    assert first_day.date == "2023-11-20"
    assert all(p.votes is None and p.authors is None for p in first_day.papers)
    assert sum(bool(p.authors) for p in papers) == 5488 - 11


def test_summary_variants_and_media(corpus):
    _, _, papers = corpus
    labelled = [p for p in papers if any(s.label for s in p.sections)]
    plain = [p for p in papers if not any(s.label for s in p.sections)]
    assert labelled and plain
    stars = Counter(len(s.raw) - len(s.raw[2:].lstrip("*")) - 2 for p in labelled for s in p.sections if s.label)
    assert stars[2] > 1000 and stars[3] > 1000  # - **What's New**: and - ***What's New***:
    videos = [m for p in papers for m in p.media if m.kind == "video"]
    assert videos and all(m.url.startswith("https://") for m in videos)
    assert sum(any(m.kind == "image" for m in p.media) for p in papers) > 5000
