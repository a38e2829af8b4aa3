"""Shared test helpers. Tests that need ../shared skip cleanly when it is absent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run (and use no example database), so the suite
# passes or fails the same way on every machine; SUMMARY_LINT_FUZZ_EXAMPLES-style runs explore more.
settings.register_profile("deterministic", derandomize=True, deadline=None)
settings.load_profile("deterministic")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "examples" / "digest-2024-07-08.txt"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "daily_papers_ko"
LABELS = SHARED / "labels" / "dev.jsonl"
ABSTRACTS = SHARED / "corpus" / "abstracts" / "daily_papers_ko.jsonl"

needs_shared = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared corpus not present")


def greedy(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` as Python 3.10 reads it: its possessive quantifiers (``tokens.POSSESSIVE``) greedy."""
    return re.compile(pattern.pattern.replace("++", "+").replace("*+", "*"))


def parse_bytes(data: bytes, name: str = "digest.md", input_format: str = "auto"):
    """Decode and parse bytes exactly as the CLI reads a file named on the command line."""
    from summary_lint.read.decode import bytes_opener
    from summary_lint.read.discover import Input
    from summary_lint.read.parse import parse_input

    return parse_input(Input(name, bytes_opener(data), True), input_format)  # type: ignore[arg-type]

NETWORK_TROUBLE = ("Could not find a version", "NewConnectionError", "Temporary failure in name resolution",
                   "Network is unreachable", "ProxyError", "ConnectTimeout")
"""Signs in pip's output that a slow test could not reach the package index (it skips, not fails)."""
