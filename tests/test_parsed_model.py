"""What the parsed model keeps to save work (``Paper.summary`` joined once) gives what it replaced."""

from __future__ import annotations

import pickle

from conftest import SEED, parse_bytes

from summary_lint.model import Paper, Section


def _paper(*texts: str) -> Paper:
    return Paper(file="d.md", line=1, end_line=len(texts), title="T",
                 sections=[Section(text=t, line=k, end_line=k) for k, t in enumerate(texts, 1)])


def test_the_summary_is_the_sections_joined_and_read_once():
    for paper in parse_bytes(SEED.read_bytes()).papers:
        assert paper.summary == "\n".join(s.text for s in paper.sections)
        assert paper.summary is paper.summary  # joined once


def test_a_kept_summary_does_not_change_equality_or_travel_into_a_copy_with_other_sections():
    paper, twin = _paper("a", "b"), _paper("a", "b")
    assert paper.summary == "a\nb"
    assert paper == twin and twin == paper  # one summary kept, the other not yet joined
    assert paper != _paper("a", "c")
    assert paper.model_copy(update={"sections": [Section(text="z", line=1, end_line=1)]}).summary == "z"
    assert paper.model_copy(update={"title": "U"}).summary == "a\nb"
    copied = pickle.loads(pickle.dumps(paper))
    assert copied == paper and copied.summary == "a\nb"
    assert "summary" not in paper.model_dump()

