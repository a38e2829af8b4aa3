"""The literal prefilter must never rule out a text the pattern matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summary_lint.checks.generic_boilerplate import load_phrases
from summary_lint.checks.suspicious_claim import load_metrics
from summary_lint.text.literals import may_match, required_literals
from summary_lint.text.specificity import PHRASE_PACKS, word_search


def _pack_patterns() -> list[str]:
    metrics = load_metrics()
    return sorted({p.regex.pattern for p in load_phrases(PHRASE_PACKS)}
                  | {m.regex.pattern for m in metrics.metrics} | {r.pattern for r in metrics.bare_gains})


def test_required_literals_of_sequences_branches_and_repeats():
    regex = re.compile(r"(?<!옛)새로운\s*(?:모델|방법)+(?:기법)?\d")
    assert required_literals(regex) == (("새로운",), ("모델", "방법"))
    assert may_match(regex, "새로운 방법1") and not may_match(regex, "새로운 것")


def test_a_branch_without_literals_requires_nothing():
    assert required_literals(re.compile(r"abc|\d+")) == ()


def test_where_case_is_ignored_only_caseless_literals_are_required():
    assert required_literals(re.compile(r"abc", re.IGNORECASE)) == ()
    assert required_literals(re.compile(r"x(?i:ab%c)(?-i:y)", re.IGNORECASE)) == (("%",), ("y",))
    assert may_match(re.compile(r"(?i:gain of \d+%)"), "GAIN OF 5%")


def test_word_search_finds_the_same_first_match_with_the_prefilter():
    regex = re.compile(r"기존\s*모델\s*대비\s*\d+%")
    text = "x기존 모델 대비 3% 그리고 기존 모델 대비 15% 향상"
    assert word_search(regex, text).group(0) == "기존 모델 대비 15%"
    assert word_search(regex, "기존 모델보다 낫다") is None


@pytest.mark.parametrize("pattern", _pack_patterns())
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_texts_that_a_pack_pattern_matches_pass_the_prefilter(pattern, data):
    regex = re.compile(pattern)  # Unicode mode: hypothesis cannot generate for some patterns in ASCII mode
    text = data.draw(st.from_regex(regex))
    assert may_match(regex, text)
