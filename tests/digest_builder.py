"""Synthetic digests for the CI-integration tests (own text, a few lines per entry)."""

from __future__ import annotations

SECTIONS = (
    ("What's New", "{topic} 문제를 다루는 새로운 방법을 제안합니다."),
    ("Technical Details", "{topic} 데이터를 두 단계로 나누어 처리하며, 각 단계는 독립적으로 학습됩니다."),
    ("Performance Highlights", "{topic} 벤치마크에서 기존 방법보다 3점 높은 점수를 얻었습니다."),
)


def entry(n: int, topic: str = "위젯", votes: str | None = "7", before: str = "") -> str:
    """One entry with arXiv id 2401.0000n; ``votes=None`` drops the Vote line (a missing-votes finding)."""
    lines = [before] if before else []
    lines += [f"### [Paper {n}: {topic} study](https://arxiv.org/abs/2401.{n:05d})", ""]
    if votes is not None:
        lines += [f"Vote: {votes}", ""]
    lines += [f"Authors: Author {n}", ""]
    lines += [f"- **{label}**: {text.format(topic=topic)}" for label, text in SECTIONS]
    return "\n".join(lines) + "\n"


def digest(*entries: str, header: str = "") -> str:
    return (header + "\n" if header else "") + "## Daily Papers (2030-01-02)\n\n" + "\n".join(entries)
