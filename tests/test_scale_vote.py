"""The run-wide language vote stops reading once the leader cannot be caught, with the answer of a full count."""

from __future__ import annotations

import random
from collections import Counter

from summary_lint.checks.wrong_language import majority


def full_count(languages):
    votes = Counter(languages)
    votes.pop(None, None)
    return votes.most_common(1)[0][0] if votes else None


def test_the_vote_is_the_full_counts_answer_ties_to_the_first_seen():
    rng = random.Random(7)
    for _ in range(3000):
        weights = [rng.random() for _ in range(4)]
        languages = rng.choices(["zh", "ko", "latin", None], weights, k=rng.randrange(0, 40))
        assert majority(iter(languages), len(languages)) == full_count(languages), languages
    assert majority(iter(["ko", "zh", "zh", "ko"]), 4) == "ko"
    assert majority(iter([None, None]), 2) is None


def test_the_vote_stops_reading_when_the_leader_cannot_be_caught():
    read = []

    def languages():
        for language in ["zh"] * 100:
            read.append(language)
            yield language

    assert majority(languages(), 100) == "zh"
    assert len(read) == 51
