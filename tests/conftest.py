"""Shared test helpers. Tests that need ../shared skip cleanly when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "examples" / "digest-2024-07-08.txt"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "daily_papers_ko"
LABELS = SHARED / "labels" / "dev.jsonl"
ABSTRACTS = SHARED / "corpus" / "abstracts" / "daily_papers_ko.jsonl"

needs_shared = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared corpus not present")
