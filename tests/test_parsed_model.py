"""What the reader, the parsed model and the pack loader do to save work (patterns tried only where
they can match, values read greedily, ``Paper.summary`` joined once, TSV packs split at once) gives
what they did before."""

from __future__ import annotations

import pickle
import random
import re

import pytest
from conftest import FIXTURES, SEED, parse_bytes
from pydantic import ValidationError

from summary_lint import packs
from summary_lint.errors import ConfigError
from summary_lint.model import Media, Paper, Section, build, build_paper
from summary_lint.read import markdown


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


def _built_one_by_one(paper: Paper) -> Paper:
    """``paper`` as the readers built it before ``build_paper``: each section and media alone."""
    values = paper.model_dump(exclude={"sections", "media"})
    sections = [build(Section, **s.model_dump()) for s in paper.sections]
    return build(Paper, **values, sections=sections, media=[build(Media, **m.model_dump()) for m in paper.media])


def test_a_paper_built_with_its_sections_in_one_validation_is_the_paper_built_one_by_one():
    papers = [p for name in ("digest-video.md", "digest-labelled.md", "papers.json", "papers.jsonl",
                             "papers-object.json") for p in parse_bytes((FIXTURES / name).read_bytes(), name).papers]
    assert any(p.media for p in papers) and any(p.sections for p in papers)
    for paper in papers:
        assert paper == _built_one_by_one(paper)
        for children, model in ((paper.sections, Section), (paper.media, Media)):
            for child in children:  # one fields set per class, as ``build`` shares it
                assert child.__pydantic_fields_set__ is build(model, **child.model_dump()).__pydantic_fields_set__


def test_a_paper_built_with_its_sections_in_one_validation_is_still_validated():
    for bad in ({"text": 3, "line": 1, "end_line": 1}, {"text": "a", "line": 1}, {"text": "a", "line": 1,
                                                                                    "end_line": 1, "extra": 0}):
        with pytest.raises(ValidationError):
            build_paper(file="d.md", line=1, end_line=1, title="T", sections=[bad])
    with pytest.raises(ValidationError):
        build_paper(file="d.md", line=1, end_line=1, title="T", media=[{"kind": "audio", "url": "u", "line": 1}])


def _lines(count: int) -> list[str]:
    """Random lines of the characters the reader's patterns turn on: markers, spaces (Unicode ones
    too), letters in either case, the metadata words and a stray line break."""
    rng = random.Random(7)
    pieces = ["Vote:", "vOTE:", "Authors:", "AUTHORS:", "![", "](", ")", "[Watch Video]", "<video src='u'>", "<div>",
              "-", "*", "+", "_", "#", " ", "  ", "\t", "\xa0", "\u2028", "\u3000", "\n", "a", "Z", "1", ":", "요약"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(count)]


def test_metadata_values_read_greedily_are_the_values_read_lazily():
    for name in ("VOTE", "AUTHORS"):
        word = name.capitalize()
        lazy = re.compile(rf"^{word}:\s*(?P<value>.*?)\s*$", re.IGNORECASE)  # the pattern it replaced
        for line in _lines(20_000):
            for text in (line, f"{word}:{line}", f"{word}: {line.strip()}"):
                old, new = lazy.match(text), getattr(markdown, name).match(text)
                assert (old and (old["value"], old.start("value"))) == (new and (new["value"], new.start("value")))


def test_bullets_and_labels_matched_without_their_text_split_as_the_whole_line_patterns_did():
    """``BULLET`` and ``LABEL`` stop where the text starts; the patterns they replaced matched it too."""
    bullet = re.compile(r"^[-*+]\s+(?P<text>\S.*)$")
    label = re.compile(r"^(?P<open>\*{1,3})(?P<label>[^*:\n]{1,80}?)(?P<close>:\*{1,3}|\*{1,3}:)\s*(?P<text>.*)$")
    rng = random.Random(7)
    pieces = ["- ", "* ", "+ ", "-", "*", "**", "***", ":", "Label", " ", "\t", "\xa0", "\u3000", "요약", "x" * 79]
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 9))) for _ in range(30_000)]
    for line in lines + _lines(20_000):
        line = line.replace("\n", "")  # a line holds no line break
        old, new = bullet.match(line), markdown.BULLET.match(line)
        assert bool(old) == bool(new), line
        if old:
            text = old["text"]
            assert new.end() == old.start("text") and line[new.end():] == text
            m = label.match(text)
            expected = (m["label"].strip(), old.start("text") + m.start("text")) if m else (None, new.end())
            assert markdown.split_label(line, new.end()) == expected, line


def test_the_reader_tries_a_pattern_only_where_it_can_match():
    """The first characters the reader checks before each pattern are what the pattern needs."""
    assert set(markdown.FIRST) == {"THEMATIC_BREAK", "BULLET", "IMAGE", "WATCH_VIDEO", "VOTE", "AUTHORS"}
    for line in _lines(50_000) + ["- - -", "  ***", "___", "- a", "![](x)", "[Watch Video](x)", "Vote: 1", "authors: a"]:
        stripped = line.strip()
        for name, first in markdown.FIRST.items():
            text = line if name in ("THEMATIC_BREAK", "BULLET") else stripped
            if getattr(markdown, name).match(text):
                starts = line if name == "BULLET" else stripped
                assert starts[:1] in tuple(first), (name, line)
                if name == "THEMATIC_BREAK":
                    assert stripped[-1:] in tuple(first), line
        if markdown.VIDEO_TAG.search(stripped):
            assert "<" in stripped


def test_a_tsv_pack_split_at_once_reads_as_row_by_row(tmp_path):
    """Whatever the layout (comments and blank lines anywhere, rows of other widths, white space
    first), a TSV pack reads as ``_rows_one_by_one`` reads it: the fast path takes only what it can."""
    rng = random.Random(11)
    pieces = ["graph", "도표", "0.5", "\t", "\t", "\n", "\n", "#", "# documents\t9\n", " ", "\xa0", "\u2028"]
    path = tmp_path / "pack.tsv"
    fast_ones = 0
    for k in range(900):
        if k % 3:
            width = rng.randint(2, 4)
            header = "# a\tb\n" * rng.randint(0, 2)
            rows = ["\t".join(rng.choice(["graph", "도표", "x y", "0.5"]) for _ in range(width))
                    for _ in range(rng.randint(1, 5))]
            text = header + "\n".join(rows) + "\n"
            at = rng.randint(0, len(text))
            text = text if k % 3 == 1 else text[:at] + rng.choice(pieces) + text[at:]
        else:
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        path.write_text(text, encoding="utf-8")
        try:
            expected = packs._rows_one_by_one(path, text.split("\n"))
        except ConfigError as exc:
            with pytest.raises(ConfigError, match=re.escape(str(exc))):
                packs._read_tsv.__wrapped__(path)
            continue
        assert packs._read_tsv.__wrapped__(path) == expected, text
        fast_ones += k % 3 == 1
    assert fast_ones > 150
