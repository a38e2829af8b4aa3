"""The literal prefilter must never rule out a text the pattern matches."""

from __future__ import annotations

import re

import pytest
from conftest import CORPUS, FIXTURES, SEED, needs_shared, parse_bytes
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from summary_lint.checks.generic_boilerplate import load_phrases
from summary_lint.checks.meta_commentary import META_PACKS, load_patterns
from summary_lint.checks.suspicious_claim import load_metrics
from summary_lint.text.casefold import ascii_lower
from summary_lint.text.literals import LazyPattern, PatternIndex, hidden_prefix, may_match, required_literals
from summary_lint.text.specificity import PHRASE_PACKS, word_search, word_starts


def _pack_patterns() -> list[str]:
    metrics = load_metrics()
    return sorted({p.regex.pattern for p in load_phrases(PHRASE_PACKS)}
                  | {m.regex.pattern for m in metrics.metrics} | {r.pattern for r in metrics.bare_gains})


def test_required_literals_of_sequences_branches_and_repeats():
    regex = re.compile(r"(?<!옛)새로운\s*(?:모델|방법)+(?:기법)?\d")
    assert required_literals(regex) == (("새로운",), ("모델", "방법"))
    assert may_match(regex, "새로운 방법1") and not may_match(regex, "새로운 것")


def test_every_choice_of_one_clause_per_branch_is_required():
    regex = re.compile(r"복잡한\s*(?:문제|데이터)를|빅\s*데이터")
    assert ("복잡한", "빅") in required_literals(regex) and ("문제를", "데이터를", "빅") in required_literals(regex)
    assert not may_match(regex, "데이터와 복잡한 모델")  # each branch's longest literals are there, "를" and "빅" are not
    assert may_match(regex, "빅 데이터") and may_match(regex, "복잡한 문제를")


def test_a_literal_run_is_spelled_out_through_small_classes_and_alternatives_of_words():
    regex = re.compile(r"(?:the\s+)?(?:paper|study)['’]s\s+(?:details|text)")
    assert ("paper's", "paper’s", "study's", "study’s") in required_literals(regex)
    assert not may_match(regex, "the paper reports details of the study") and may_match(regex, "the study’s text")
    assert required_literals(re.compile(r"[a-c]x")) == (("x",),)  # a range is not its bounds and "-"
    assert required_literals(re.compile(r"(?i:[ab])%")) == (("%",),)
    assert required_literals(re.compile(r"[abcd][efgh]x")) == (tuple(a + b + "x" for a in "abcd" for b in "efgh"),)
    assert set(required_literals(re.compile(r"[abcd][efgh][ij]x"))) == {tuple(a + b for a in "abcd" for b in "efgh"),
                                                                         ("ix", "jx")}  # past 16 ways: a new run


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


def _lazy_pack_patterns() -> list[LazyPattern]:
    metrics = load_metrics()
    return ([p.regex for p in load_phrases(PHRASE_PACKS)] + [p.regex for p in load_patterns(META_PACKS)]
            + [regex for _, regex in metrics.domains] + [m.regex for m in metrics.metrics] + list(metrics.bare_gains))


def _pack_indexes() -> list[PatternIndex]:
    metrics = load_metrics()
    return [load_phrases(PHRASE_PACKS), load_patterns(META_PACKS), metrics.metrics, metrics.bare_gains]


def _regex(item):
    return getattr(item, "regex", item)


def _assert_index_answers_like_may_match(texts):
    """Each pack's candidates are exactly the patterns ``may_match`` lets through, in pack order."""
    for index in _pack_indexes():
        for text in texts:
            expected = [item for item in index if may_match(_regex(item), text)]
            assert index.candidates(text) == expected, text


def _summaries_and_titles(paths):
    for path in paths:
        for paper in parse_bytes(path.read_bytes(), path.name).papers:
            yield paper.title
            yield paper.summary
            yield ascii_lower(paper.summary)


def test_pack_indexes_answer_what_may_match_answers_on_the_fixtures():
    paths = [SEED, *sorted(FIXTURES.glob("digest-*.md")), FIXTURES / "papers.jsonl",
             FIXTURES / "zh" / "digest-zh.jsonl"]
    _assert_index_answers_like_may_match(list(_summaries_and_titles(paths)))


@needs_shared
def test_pack_indexes_answer_what_may_match_answers_on_a_month_of_the_corpus():
    _assert_index_answers_like_may_match(list(_summaries_and_titles(sorted((CORPUS / "2024" / "07").glob("*.md")))))


def _pack_literals() -> list[str]:
    return sorted({literal for index in _pack_indexes() for item in index
                   for clause in required_literals(_regex(item)) for literal in clause})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_pack_indexes_answer_what_may_match_answers_on_texts_made_of_pack_literals(data):
    """Whole literals, their pieces (a literal's start or end overlapping another's) and filler."""
    literals = _pack_literals()
    piece = st.sampled_from(literals).flatmap(lambda lit: st.sampled_from([lit, lit[1:], lit[:-1], lit.upper()]))
    words = st.lists(st.one_of(piece, st.text(max_size=3)), max_size=40)
    text = data.draw(words.flatmap(lambda parts: st.sampled_from(["", " ", "\n"]).map(lambda sep: sep.join(parts))))
    _assert_index_answers_like_may_match([text])


def test_a_pattern_index_finds_literals_that_start_alike_or_overlap_and_keeps_pack_order():
    patterns = [re.compile(p) for p in (r"data\s*set", r"dat[ae]", r"tas\w+k", r"\d+", r"astro|set")]
    index = PatternIndex(patterns, lambda regex: regex)
    assert index.candidates("dataset") == [patterns[0], patterns[1], patterns[3], patterns[4]]
    assert index.candidates("date") == [patterns[1], patterns[3]]
    assert index.candidates("dat") == [patterns[3]]  # dat[ae] needs "data" or "date"
    assert index.candidates("datask") == [patterns[1], patterns[2], patterns[3]]  # "tas" starts inside "data"
    assert index.candidates("castrol") == [patterns[3], patterns[4]] and list(index) == patterns


def test_every_built_in_pack_pattern_compiles_as_its_rule_searches_it():
    """Pack patterns are compiled at their first search, not at load: a broken one would fail a run."""
    patterns = _lazy_pack_patterns()
    assert [lazy.compiled.pattern for lazy in patterns] == [lazy.pattern for lazy in patterns]


def test_a_lazy_pattern_compiles_only_for_a_text_that_may_match_and_then_finds_what_re_finds():
    pattern, text = r"기존\s*모델\s*대비\s*\d+%", "x기존 모델 대비 3% 그리고 기존 모델 대비 15% 향상"
    lazy = LazyPattern(pattern, re.ASCII)
    assert word_search(lazy, "기존 방법보다 낫다") is None and lazy._compiled is None
    eager = re.compile(pattern, re.ASCII)
    assert [m.span() for m in word_starts(lazy, text)] == [m.span() for m in word_starts(eager, text)] != []
    assert lazy._compiled is not None and lazy.search(text).span() == eager.search(text).span()


def test_a_prefix_behind_lookbehinds_is_matched_where_it_occurs_with_the_matches_finditer_finds():
    pattern = r"(?<!라는\s)(?<![가-힣])새로운\s*(?:모델|방법)?"
    lazy, eager = LazyPattern(pattern, re.ASCII), re.compile(pattern, re.ASCII)
    assert hidden_prefix(lazy) == "새로운" and hidden_prefix(re.compile(r"새로운(?<!x)")) == ""
    assert hidden_prefix(re.compile(r"\b(?i:ab)c")) == "" and hidden_prefix(re.compile(r"(?<!x)a%b\d")) == "a%b"
    text = "이라는 새로운 모델, 새로운새로운 방법; x 새로운 기존새로운 모델 새로운"
    spans = [m.span() for m in word_starts(lazy, text)]
    assert spans == [m.span() for m in eager.finditer(text)] and len(spans) == 3
    assert [m.span() for m in word_starts(lazy, text[12:])] == [m.span() for m in eager.finditer(text[12:])]


@pytest.mark.parametrize("pattern", _pack_patterns())
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_texts_that_a_pack_pattern_matches_pass_the_prefilter(pattern, data):
    regex = re.compile(pattern)  # Unicode mode: hypothesis cannot generate for some patterns in ASCII mode
    text = data.draw(st.from_regex(regex))
    assert may_match(regex, text)


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    (r"(?P<name>abc)(?P=name)\1", 0, (("abc",),)),
    (r"a[.]b[^c]d\.e", 0, (("a.b",), ("d.e",))),
    (r"\x41\u00e9\N{BULLET}\101\0", 0, (("Aé•A\x00",),)),
    ("(?x) a b  # comment\n c [ ]", 0, (("abc ",),)),
    (r"ab(?#note)cd", 0, (("ab",), ("cd",))),
    (r"(?=xyz)ab(?!q)(?<=b)(?<!c)", 0, (("ab",),)),
    (r"ab{2}c{1,}d{0,3}e?", 0, (("a",), ("b",), ("c",))),
    (r"x{,2}y{2,}?z*+", 0, (("y",),)),
    (r"(?i)abc|x", 0, ()),
    (r"(?i:ab)(?-i:CD)", re.IGNORECASE, (("CD",),)),
    (r"(?>ab)c", 0, (("ab",), ("c",))),
    (r"a{x}", 0, (("a{x}",),)),
], ids=str)
def test_literals_through_the_syntax_python_allows(pattern, flags, expected):
    regex = re.compile(pattern, flags)
    assert tuple(sorted(required_literals(regex))) == tuple(sorted(expected))


# No lookarounds: hypothesis's from_regex can only filter for them, which may never end.
_ATOMS = st.sampled_from(["a", "b", "ab", ".", r"\d", r"\w", "[ab]", "[^a]", r"\.", "(?:ab)", "(?i:a)", r"\b", "^",
                          r"\x61", "[-]", "(a)", "(?P<n>b)", " ", "é", "[a-c]", "[ba-]", "(?i:[ab])", "[a’]",
                          "(?:a|bc)", "(?:ab|)"])
_QUANTIFIERS = st.sampled_from(["", "", "*", "+", "?", "{2}", "{1,3}", "{2,}", "*?", "+?"])


@st.composite
def _patterns(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        if depth < 2 and draw(st.booleans()):
            inner = "|".join(draw(st.lists(_patterns(depth + 1), min_size=1, max_size=3)))
            parts.append(f"(?:{inner})" + draw(_QUANTIFIERS))
        else:
            parts.append(draw(_ATOMS) + draw(_QUANTIFIERS))
    return "".join(parts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(pattern=_patterns(), data=st.data())
def test_the_prefilter_never_rules_out_a_match_of_a_random_pattern(pattern, data):
    try:
        regex = re.compile(pattern)
    except re.error:  # e.g. a repeated \b
        assume(False)
    text = data.draw(st.from_regex(regex))
    assert may_match(regex, text), (pattern, text, required_literals(regex))


@pytest.mark.parametrize(("pattern", "nested"), [
    ("(a+)+$", "(…+…)+"), ("(?:\\w+\\s?)*", "(…+…)*"), ("(a*){2,}", "(…*…){2,}"), ("(?:a+){1,10}", "(…+…){1,10}"),
    ("(?:a{2,3})+", "(…{2,3}…)+"), ("(?:x(?:y|z+))*", "(…+…)*"),
    ("a+b+", None), ("(?:ab)+", None), ("(?:a{2})+", None), ("(?:\\S+\\s*){0,3}", None), ("(?:ab?)+", None),
    ("(?:a+){3}", None), ("(?:\\b)*", None), ("[a+]+", None),
])
def test_nested_repeats_are_found(pattern, nested):
    from summary_lint.text.regex_syntax import nested_repeat, parse

    assert nested_repeat(parse(pattern)) == nested


@pytest.mark.parametrize(("pattern", "found"), [
    ("(a|a)*$", True), ("(a|ab)*c", True), ("(?:the|then)+", True), ("(?:x?a|a)*", True), ("(?i:A|a)+", True),
    ("(?:.|a)+", True), ("(?:ab|cd)+", False), ("(?:a|b)+", False), ("(a|a){1,3}", False), ("a|a", False),
])
def test_alternatives_that_start_alike_inside_an_unbounded_repeat_are_found(pattern, found):
    from summary_lint.text.regex_syntax import overlapping_alternatives, parse

    assert (overlapping_alternatives(parse(pattern)) is not None) == found
