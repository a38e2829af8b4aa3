"""The input's language: the most common of its summaries' script-level languages, counted as the
engine reads each file (``Rule.tally``), a tie going to the language seen first."""

from __future__ import annotations

import random
from collections import Counter
from types import SimpleNamespace

from summary_lint.checks.context import Context, count_tallies
from summary_lint.checks.wrong_language import expected_language
from summary_lint.engine.config import resolve

TEXTS = {"ko": "이 논문은 새로운 언어 모델을 제안합니다", "zh": "本文提出了一种新的语言模型方法",
         "latin": "This paper proposes a new language model", None: "12345 ---"}


def full_count(languages):
    votes = Counter(languages)
    votes.pop(None, None)
    return votes.most_common(1)[0][0] if votes else None


def papers(languages):
    return [SimpleNamespace(summary=TEXTS[language]) for language in languages]


def test_the_tallied_language_is_the_full_counts_answer_ties_to_the_first_seen():
    rng, settings = random.Random(7), resolve()
    for _ in range(500):
        weights = [rng.random() for _ in range(4)]
        languages = rng.choices(["zh", "ko", "latin", None], weights, k=rng.randrange(0, 40))
        cut = rng.randrange(0, len(languages) + 1)  # two files, tallied apart and summed in input order
        tallies = {"a.md": count_tallies(papers(languages[:cut]), settings),
                   "b.md": count_tallies(papers(languages[cut:]), settings)}
        ctx = Context(settings=settings, digests=[], papers=[], tallies=tallies)
        assert expected_language(ctx) == full_count(languages), languages
    by_hand = Context(settings=settings, digests=[], papers=papers(["ko", "zh", "zh", "ko"]))  # no tally: counted now
    assert expected_language(by_hand) == "ko"
    assert expected_language(Context(settings=settings, digests=[], papers=papers([None, None]))) is None
