"""Fuzz targets for configuration files and user rule packs: whatever the bytes, a run either works
or fails with a documented error (``SummaryLintError``), in bounded time; never another exception."""

from __future__ import annotations

import json
import math
import os
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import summary_lint
from summary_lint.errors import SummaryLintError
from summary_lint.packs import builtin_dir

DIGEST = ("### [A Paper on Widgets](https://arxiv.org/abs/2401.00001)\nAuthors: A, B\nVote: 3\n"
          "- **What's New**: We build aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa widgets, 15% better than existing models on BLEU.\n")
PACKS = ["phrases/en.toml", "meta/en.toml", "metrics.toml", "damaged.toml", "claims.toml", "presets/default.toml"]
SEEDS = {name: (builtin_dir() / name).read_bytes()[:4000] for name in PACKS}
FUZZ = settings(max_examples=int(os.environ.get("SUMMARY_LINT_FUZZ_EXAMPLES", "60")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
"""Raise SUMMARY_LINT_FUZZ_EXAMPLES for a longer fuzzing session."""


def _survives(config: dict | str) -> None:
    start = time.perf_counter()
    try:
        summary_lint.lint_text(DIGEST, config=config)
    except SummaryLintError as exc:
        assert "\n" not in str(exc)
    assert time.perf_counter() - start < 10


_REGEX_BITS = st.sampled_from(["a", "+", "*", "?", "(", ")", "(?:", "|", "[", "]", "\\", "{2,}", "\\w", "$", "^"])
_VALUES = st.recursive(
    st.one_of(st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True), st.text(max_size=8),
              st.lists(_REGEX_BITS, max_size=8).map("".join)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(
        ["name", "pattern", "id", "kind", "description", "weight", "domains", "keywords", "patterns", "severity",
         "penalty", "enabled", "x"]), inner, max_size=4)),
    max_leaves=12,
)


def _toml_value(value) -> str:
    """A TOML inline value (test-side writer: no TOML writer is a dependency of the project)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, (int, str)):
        return json.dumps(value)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(map(_toml_value, value)) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"


def _toml(document: dict) -> str:
    return "".join(f"{json.dumps(key)} = {_toml_value(value)}\n" for key, value in document.items())


@FUZZ
@given(pack=st.sampled_from(PACKS), edits=st.lists(
    st.tuples(st.integers(0, 3999), st.integers(0, 6), st.binary(max_size=6)), max_size=6))
def test_mutated_user_packs(pack, edits):
    data = bytearray(SEEDS[pack])
    for at, cut, insert in edits:
        data[at:at + cut] = insert
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / pack
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bytes(data))
        preset = {"preset": "default"} if pack.startswith("presets/") else {}
        _survives({"rules-path": [tmp], **preset})


@FUZZ
@given(pack=st.sampled_from(PACKS), document=st.dictionaries(
    st.sampled_from(["phrase", "pattern", "metric", "domains", "unattributed-gain", "unfinished-endings",
                     "placeholders", "common-terms", "terms", "rules", "verdict", "extends", "zzz"]),
    _VALUES, max_size=3))
def test_structured_user_packs(pack, document):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / pack
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_toml(document), encoding="utf-8")
        preset = {"preset": "default"} if pack.startswith("presets/") else {}
        _survives({"rules-path": [tmp], **preset})


@FUZZ
@given(document=st.dictionaries(
    st.sampled_from(["preset", "select", "ignore", "extend-select", "severity", "rules", "language", "fail-under",
                     "rules-path", "exclude", "max-input-size", "zzz"]), _VALUES, max_size=4),
    raw=st.binary(max_size=20))
def test_configuration_files(document, raw):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "summary-lint.toml"
        path.write_bytes(_toml(document).encode() + raw)
        _survives(str(path))


_PATTERN_BITS = st.sampled_from(["a", "aa", "w", "+", "*", "?", "{1,3}", "{2,}", "(", ")", "(?:", "|", "[a ]", "\\w",
                                 "\\s", ".", "$", "\\b", "(?=a)", "(?i)", "\\1", " "])


@FUZZ
@given(pattern=st.lists(_PATTERN_BITS, min_size=1, max_size=12).map("".join),
       pack=st.sampled_from(["phrases/en.toml", "metrics.toml", "meta/en.toml"]))
def test_user_patterns_in_well_formed_packs(pattern, pack):
    """Random patterns where a rule runs them: refused by the guard or matched in bounded time."""
    entry = {"phrases/en.toml": {"phrase": [{"name": "p", "pattern": pattern}]},
             "metrics.toml": {"metric": [{"name": "m", "pattern": pattern, "domains": ["language"]}]},
             "meta/en.toml": {"pattern": [{"id": "m", "description": "d", "pattern": pattern}]}}[pack]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / pack
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(f"[[{key}]]\n{_toml(value[0])}" for key, value in entry.items()), encoding="utf-8")
        _survives({"rules-path": [tmp]})
