import dataclasses

import pytest
from conftest import FIXTURES, SEED, SHARED, needs_shared

from summary_lint import lint_paths, lint_text
from summary_lint.checks.missing_key_point import result_values
from summary_lint.read.sources import load_sources
from summary_lint.text.claims import SourceFacts, extract_claims

SOURCES = FIXTURES / "sources"
DIGEST = SOURCES / "digest-rules.md"
SOURCE_RULES = ["unsupported-claim", "source-mismatch", "missing-key-point"]


def run(sources, select=SOURCE_RULES, **extra):
    return lint_paths(str(DIGEST), sources=sources, config={"select": select, **extra})


def by_title(report):
    return {p.title.split(":")[0]: p for p in report.papers}


def rules_fired(paper):
    return {f.rule for f in paper.findings if f.severity != "info"}


@pytest.fixture(scope="module")
def sources():
    return load_sources([SOURCES / "sources-rules.jsonl"])


def test_faithful_summaries_pass_and_filler_fails(sources):
    papers = by_title(run(sources))
    for name in ("GraphMind", "SpectraTTS", "TableQuill"):
        assert papers[name].verdict == "pass", papers[name].findings
    filler = papers["OrbitNav"]
    assert filler.verdict == "fail"
    assert {"source-mismatch", "unsupported-claim", "missing-key-point"} <= rules_fired(filler)


def test_pure_korean_faithful_summary_matches_its_english_abstract(sources):
    paper, parsed = next((p, parsed) for p, parsed, _ in run(sources).with_papers()
                         if p.title == "Four-Bit Quantization of Large Language Models without Accuracy Loss")
    assert not any(c.isascii() and c.isalpha() for c in parsed.summary)  # no English at all
    assert paper.verdict == "pass", paper.findings


def test_swapped_sources_fail(sources):
    ids = list(sources)
    swapped = {key: sources[ids[(k + 1) % len(ids)]] for k, key in enumerate(ids)}
    papers = by_title(run(swapped, select=["source-mismatch"]))
    faithful = [p for name, p in papers.items() if name != "OrbitNav"]
    assert [p.verdict for p in faithful] == ["fail"] * 4
    assert all("another paper's source fits better" in p.findings[0].message for p in faithful)
    # OrbitNav's filler retells GraphMind, whose source it now carries: relative to the digest's other
    # sources it matches its (swapped) own best, so the relative rule lets it pass.


@pytest.mark.parametrize("summary_text, source_text", [
    ("70억 파라미터", "a 7B model"),
    ("70억 파라미터", "7 billion parameters"),
    ("1.5배 향상", "improves it 1.5x"),
    ("1.5배 향상", "1.5 times faster"),
    ("2배 빠르다", "twice as fast"),
    ("2배 줄였다", "a two-fold reduction"),
    ("15 % 감소", "cuts time by 15%"),
    ("5.8% 향상", "gains 5.83% on MSRVTT"),
    ("3,500개", "3500 examples"),
    ("12개 언어", "in twelve languages"),
    ("1.5배 향상", "improves accuracy by 50%"),
    ("Video-LLaVA 기반", "built on VideoLLaVA"),
    ("LLMs를 사용", "large language models (LLM)"),
    ("VLM 기반", "vision-language model"),
    ("SenseVoice-Small 모델", "SenseVoice is fast"),
])
def test_number_and_name_variants_count_as_supported(summary_text, source_text):
    facts = SourceFacts(source_text)
    claims = extract_claims(summary_text)
    assert claims, summary_text
    assert all(facts.supports(c) for c in claims), [c.text for c in claims if not facts.supports(c)]


@pytest.mark.parametrize("summary_text", ["BLEU 35.2 달성", "15% 향상", "GPT-4o보다 우수", "70억 파라미터"])
def test_claims_absent_from_the_source_are_unsupported(summary_text):
    facts = SourceFacts("We study robot navigation with a 13B model and report a 12% gain.")
    assert not all(facts.supports(c) for c in extract_claims(summary_text))


def test_years_versions_and_common_acronyms_are_not_claims():
    claims = extract_claims("2024년 Llama 3.1과 AI, GPU를 사용", frozenset({"ai", "gpu"}))
    assert [c.text for c in claims] == []


def test_one_unsupported_claim_is_information_only(sources):
    paper = by_title(run(sources, select=["unsupported-claim"]))["GraphMind"]
    assert paper.findings == []
    text = DIGEST.read_text(encoding="utf-8").replace("HomeTasks 벤치마크", "HomeTasks와 ALFRED 벤치마크")
    report = lint_text(text, sources=sources, config={"select": ["unsupported-claim"]})
    findings = [f for f in by_title(report)["GraphMind"].findings if f.rule == "unsupported-claim"]
    assert [(f.severity, f.penalty) for f in findings] == [("info", 0)]
    assert "ALFRED — nearest in source:" in findings[0].evidence


def test_many_unsupported_claims_cost_points_but_never_fail_alone(sources):
    papers = by_title(run(sources, select=["unsupported-claim"]))
    filler = papers["OrbitNav"]
    assert all(f.severity == "warning" for f in filler.findings) and len(filler.findings) == 5
    assert filler.score == 95 and filler.verdict == "warn"  # one rule's findings count once


def test_missing_key_point_names_the_method_and_the_headline_result(sources):
    text = DIGEST.read_text(encoding="utf-8").replace(
        "HomeTasks 벤치마크에서 성공률을 기존 방법 대비 1.5배 높였고, 계획 시간을 15 % 줄였습니다.",
        "HomeTasks 벤치마크에서 기존 방법보다 좋은 결과를 보였습니다.")
    papers = by_title(lint_text(text, sources=sources, config={"select": ["missing-key-point"]}))
    messages = [f.message for f in papers["GraphMind"].findings]
    assert len(messages) == 1 and "1.5x" in messages[0] and "15%" in messages[0]
    assert papers["TableQuill"].findings == []  # one figure only (68.2%): below min-result-numbers
    assert "'OrbitNav'" in papers["OrbitNav"].findings[0].message
    assert papers["OrbitNav"].verdict == "warn"


def test_headline_results_are_percentages_and_factors_by_value():
    facts = SourceFacts("In 2024, X raises accuracy 1.5x and 12.25 % over 3 baselines, 3 times faster, 10-fold less, v2x.")
    assert result_values(facts) == [("1.5x", 1.5), ("12.25 %", 12.25), ("3 times", 3.0), ("10-fold", 10.0), ("2x", 2.0)]


def test_source_rules_are_silent_without_sources():
    report = lint_paths(str(DIGEST), config={"select": SOURCE_RULES + ["no-source"]})
    assert not any(p.findings for p in report.papers)


def test_superseded_findings_become_information_when_the_source_decides(sources):
    config = {"select": ["source-mismatch", "missing-votes"],
              "rules": {"source-mismatch": {"supersedes": ["missing-votes"]}}}
    with_sources = by_title(lint_paths(str(DIGEST), sources=sources, config=config))
    votes = [f for f in with_sources["GraphMind"].findings if f.rule == "missing-votes"]
    assert [(f.severity, f.penalty) for f in votes] == [("info", 0)]
    assert with_sources["GraphMind"].verdict == "pass"
    without = by_title(lint_paths(str(DIGEST), config=config))
    assert [f.penalty for f in without["GraphMind"].findings] == [5]


def test_a_doubtful_source_match_lets_superseded_findings_count(sources):
    config = {"select": ["source-mismatch", "missing-votes"],
              "rules": {"source-mismatch": {"supersedes": ["missing-votes"], "floor": -1.0,
                                            "margin": -1.0, "doubt-margin": 2.0, "doubt-specificity": 2.0}}}
    paper = by_title(lint_paths(str(DIGEST), sources=sources, config=config))["GraphMind"]
    assert sorted((f.rule, f.severity) for f in paper.findings) == [("missing-votes", "warning"),
                                                                  ("source-mismatch", "warning")]


@needs_shared
def test_seed_digest_with_its_hf_sources_fails_exactly_the_four_filler_entries():
    hf = SHARED / "seed" / "hf-daily-papers-2024-07-08.json"
    report = lint_paths(str(SEED), sources=str(hf), config={"select": SOURCE_RULES})
    failed = sorted(p.title.split(":")[0] for p in report.papers if p.verdict == "fail")
    assert failed == ["AriGraph", "DotaMath", "Safe Unlearning", "Stark"]


def test_eval_source_swap_attributes_each_summary_to_another_source_of_its_digest(sources):
    from summary_lint.engine.config import resolve
    from summary_lint.engine.run import read_inputs
    from summary_lint.evaluation.run import rotate_sources, source_swap_test
    from summary_lint.read.discover import discover

    digests, _ = read_inputs(discover([str(DIGEST)], []))
    swapped, keys = rotate_sources(digests, sources)
    assert len(keys) == 5
    assert all(swapped[key].arxiv_id != key for key in swapped)
    result = source_swap_test(digests, sources, resolve())
    assert result["papers"] == 5 and result["fail"] >= 4


def test_a_copy_of_the_own_abstract_listed_for_another_paper_is_no_competitor(sources):
    """Upstream listings sometimes give two papers one abstract: the faithful summary of that
    abstract must not fail because the copy fits it as well as its own source does."""
    ids = list(sources)
    copied = dict(sources)
    copied[ids[1]] = dataclasses.replace(sources[ids[0]], arxiv_id=ids[1])
    papers = by_title(run(copied, select=["source-mismatch"]))
    assert papers["GraphMind"].verdict == "pass"
    assert papers["SpectraTTS"].verdict == "fail"  # its summary does not describe the copied abstract


def test_hangul_loanwords_count_as_the_rare_source_words_they_spell():
    """쿠버네티스 (in no ko-en row) is the source's rare "Kubernetes"; the common "Transformer" is left
    to the ko-en table (트랜스포머 has a row), and stopwords and short words are never looked for."""
    from summary_lint.model import Source
    from summary_lint.text.crosslingual import TextIndex
    from summary_lint.text.source_match import SourceProfile, Weights, loanword_index, summary_concepts

    weights = Weights([])
    profile = SourceProfile.of(Source("2407.00033", "Scaling Kubernetes", "We schedule Kubernetes pods with a Transformer."))
    index = loanword_index(profile.words, weights.loan_keys)
    assert index["gbnds"] == {"kubernet"}
    assert not {"transfor", "with", "we"} & set().union(*index.values())
    summary = TextIndex("쿠버네티스 클러스터를 확장합니다")
    sure, guessed = summary_concepts(summary, lambda: index)
    assert "kubernet" in guessed and "kubernet" not in sure
    assert summary_concepts(summary) == (sure, frozenset())


def test_a_large_digest_compares_each_summary_with_its_strongest_rare_rivals_only():
    """Above ``INDEX_FROM`` sources a summary meets the sources sharing its rare concepts, and is
    scored against the ``MAX_RIVALS`` that share the most weight of them for their norm: its work
    stays the same however large the digest. Concepts found in every source (common) bring no rival."""
    import numpy as np

    from summary_lint.text.source_match import INDEX_FROM, MAX_RIVALS, _rivals
    from summary_lint.text.sparse import SparseRows

    m, width = INDEX_FROM + 50, INDEX_FROM + 51
    common = width - 1
    source_keys = [k * width + c for k in range(m) for c in (k, common)]  # source k: its own concept k
    summary_keys = [c for c in range(1, 41)] + [common] + [k * width + k for k in range(1, m)]  # summary 0: 1…40
    rows = [SparseRows.tallied(np.array(keys, dtype=np.int64), None, width) for keys in (summary_keys, source_keys)]
    weight = np.arange(width, dtype=np.float64)  # concept j weighs j
    norm = np.sqrt(rows[1].row_sums(m, weight))
    first, second, paper = _rivals([(k,) for k in range(m)], np.arange(m), *rows, weight, norm)
    assert second[first == 0].tolist() == list(range(41 - MAX_RIVALS, 41))
    assert (first[1:] >= first[:-1]).all() and not (first > 0).any()  # the others share no rare concept
    assert paper.tolist() == second.tolist()


def test_a_summary_matches_its_source_the_same_whatever_sources_share_its_file():
    """Loanword guesses (쿠버네티스 → Kubernetes) are drawn from every source of the digest; one that
    misses the summary's own source must not dilute its similarity to it, or merging days into one
    file would move verdicts."""
    import re

    from summary_lint.model import Source

    summary = "GraphMind는 쿠버네티스 위에서 가정용 로봇의 지식 그래프 기억으로 장기 작업을 계획합니다. 성공률이 높아졌습니다."
    own = Source("3102.10001", "GraphMind: Knowledge Graph Memory for Household Robots",
                 "We present GraphMind, a framework that stores a household robot's observations in a knowledge "
                 "graph memory and plans long-horizon tasks over it, raising the success rate.")
    kubernetes = Source("3102.10002", "Scheduling Kubernetes Pods", "We schedule Kubernetes pods across clusters.")
    unrelated = Source("3102.10003", "Protein Folding", "We fold proteins with sparse attention.")

    def own_similarity(other: Source) -> float:
        digest = "".join(f"### [{s.title}](https://arxiv.org/abs/{s.arxiv_id})\n- **What's New**: {text}\n\n"
                         for s, text in ((own, summary), (other, "관련 없는 다른 논문의 요약입니다. 클러스터와 단백질을 다룹니다.")))
        report = lint_text(digest, sources={own.arxiv_id: own, other.arxiv_id: other},
                           config={"select": ["source-mismatch"],
                                   "rules": {"source-mismatch": {"doubt-margin": 2.0, "doubt-specificity": 2.0}}})
        [finding] = [f for f in report.papers[0].findings if f.rule == "source-mismatch"]
        return float(re.search(r"similarity (\d\.\d+)", finding.message).group(1))

    assert own_similarity(kubernetes) == own_similarity(unrelated)


def test_typical_similarity_is_the_mean_over_the_other_sources():
    """One pass over the summaries' concepts gives what averaging every (summary, other source)
    cosine would."""
    import numpy as np

    from summary_lint.text.source_match import _typical
    from summary_lint.text.sparse import SparseRows

    width = 6
    summaries = [{0, 1, 2}, {2, 3}, {4, 5, 0}]
    sources = [{0, 1}, {2, 3, 4}, {5}, {0, 3, 5}]
    own_source = [0, 1, 3]
    rows = [SparseRows.tallied(np.array([r * width + c for r, cs in enumerate(sets) for c in sorted(cs)]), None, width)
            for sets in (summaries, sources)]
    weight = np.array([1.0, 2.0, 0.5, 3.0, 1.5, 0.25])

    def norm(sets):
        return np.sqrt([sum(weight[c] for c in cs) for cs in sets])

    def cosine(i, j):
        return sum(weight[c] for c in summaries[i] & sources[j]) / (norm(summaries)[i] * norm(sources)[j])

    own = np.array([cosine(i, own_source[i]) for i in range(3)])
    typical = _typical(*rows, weight, norm(summaries), norm(sources), own)
    expected = [np.mean([cosine(i, j) for j in range(4) if j != own_source[i]]) for i in range(3)]
    assert np.allclose(typical, expected)


def test_a_lead_decides_only_for_a_summary_no_more_specific_to_its_abstract_than_to_abstracts_in_general():
    """Among thousands of sources one comes close to any summary by chance; a summary clearly specific
    to its own abstract (own similarity well above its mean over the others) is not failed for that,
    unless another source fits it clearly better."""
    from summary_lint.checks.registry import find_rule
    from summary_lint.checks.source_mismatch import _verdict
    from summary_lint.text.source_match import SourceMatch

    options = find_rule("source-mismatch").defaults()

    def verdict(own: float, best: float, typical: float) -> str | None:
        return _verdict(SourceMatch(own, best, 1, 4782, [], 100, typical, sampled_other=best), options)

    assert verdict(0.40, 0.39, 0.05) is None  # specific: a close rival is chance
    assert verdict(0.40, 0.46, 0.05) == "error"  # ... but one that fits clearly better is not
    assert verdict(0.12, 0.11, 0.06) == "error"  # fits its abstract as it fits any: no lead
    assert verdict(0.12, 0.08, 0.06) == "warning"  # a small lead, little specificity
    assert verdict(0.30, 0.26, 0.06) is None  # a small lead, but specific


def test_another_source_claims_a_summary_only_when_it_fits_it_as_well_as_that_papers_own_summary():
    """A source close to many summaries (a hub: a short abstract of common terms) can fit a specific
    summary better than the summary's own source by chance, among thousands; its own summary still
    fits it best. A misplaced summary fits the other source as well as, or better than, that
    source's own summary (mutual contrast, as title-mismatch's)."""
    from summary_lint.checks.registry import find_rule
    from summary_lint.checks.source_mismatch import _verdict
    from summary_lint.text.source_match import SourceMatch

    options = find_rule("source-mismatch").defaults()

    def verdict(own: float, best: float, best_own: float) -> str | None:
        return _verdict(SourceMatch(own, best, 1, 4782, [], 100, 0.05, sampled_other=best, best_other_own=best_own),
                        options)

    assert verdict(0.40, 0.46, 0.60) is None  # the other source's own summary fits it better: chance
    assert verdict(0.40, 0.46, 0.46) == "error"  # as well as its own summary: a misplaced copy
    assert verdict(0.40, 0.46, 0.10) == "error"  # its own summary does not fit it: swapped
    assert verdict(0.12, 0.19, 0.60) == "error"  # no lead and not specific: an error all the same


def test_the_lead_is_measured_against_31_other_sources_chosen_whatever_the_input_order():
    """The best of many sources is closer by chance than the best of a few: in a digest of more than
    32 sources a summary's lead is measured against the 31 that follow its own in a fixed
    pseudo-random order of arXiv ids, never its own, the same whatever the input's order."""
    import numpy as np

    from summary_lint.text.source_match import LEAD_SAMPLE, _sample, ring_positions

    keys = [f"3102.{k:05d}" for k in range(50)]
    positions = ring_positions(keys)
    assert sorted(positions.tolist()) == list(range(50))
    shuffled = keys[::-1]
    again = dict(zip(shuffled, ring_positions(shuffled).tolist()))
    assert {k: again[k] for k in keys} == dict(zip(keys, positions.tolist()))

    source_of = np.array([k % 50 for k in range(53)])  # three papers share a source with another
    pairs = _sample(source_of, keys, np.ones(53, dtype=bool))
    first, second = np.divmod(pairs, 50)
    assert not (second == source_of[first]).any()
    assert set(np.bincount(first).tolist()) == {LEAD_SAMPLE}
    wanted = np.arange(53) % 5 == 0  # only summaries whose lead can decide are compared with a sample
    assert set(np.divmod(_sample(source_of, keys, wanted), 50)[0].tolist()) == set(np.flatnonzero(wanted).tolist())
    few = LEAD_SAMPLE + 1
    assert _sample(np.arange(few), keys[:few], np.ones(few, dtype=bool)) is None  # every other source


def _made_up_digest():
    """80 papers of made-up terms with their sources: more than 32 sources, so leads are sampled."""
    import random

    from summary_lint.model import Source

    syllables = ("kal", "mor", "ven", "tus", "pir", "dol", "sam", "rek", "bun", "lit")
    words = [f"{a}{b}{c}" for a in syllables for b in syllables for c in ("ax", "en", "op")]  # 300 made-up terms
    pick = random.Random(7).sample
    papers = []
    for k in range(80):  # each abstract: 18 terms, the summary 12 of them and 8 others
        own = pick(words, 18)
        abstract = "We study " + " ".join(own) + " and report results."
        kept = 12 if k % 4 else 3  # every fourth summary is mostly about other terms
        borrowed = pick(words, 20 - kept)
        summary = "The paper covers " + " ".join(own[:kept] + borrowed) + "."
        papers.append((Source(f"3102.{k:05d}", f"Paper {k}: {own[0].title()}", abstract), summary))
    return papers


def _markdown(papers) -> str:
    return "".join(f"### [{s.title}](https://arxiv.org/abs/{s.arxiv_id})\n- **What's New**: {text}\n\n"
                   for s, text in papers)


def test_source_mismatch_findings_do_not_depend_on_the_order_of_a_large_digest():
    papers = _made_up_digest()

    def findings(order):
        digest = _markdown(order)
        report = lint_text(digest, sources={s.arxiv_id: s for s, _ in papers}, config={"select": ["source-mismatch"]})
        # made-up terms weigh alike, so other sources tie; a tie names the earlier paper: left out
        return {p.arxiv_id: [f.message.split("; another paper")[0] for f in p.findings] for p in report.papers}

    forward = findings(papers)
    assert any("best of 31 other sources" in m for ms in forward.values() for m in ms)
    assert findings(papers[::-1]) == forward


def test_a_digests_matches_are_kept_for_the_leads_they_were_measured_for():
    """``source_match`` keeps a digest's matches for the papers that follow; a caller that asks for
    other leads (``lead_below``) gets matches measured for them, not the kept ones."""
    import math

    from summary_lint.checks.context import Context
    from summary_lint.engine.config import resolve
    from summary_lint.engine.run import read_inputs
    from summary_lint.read.decode import bytes_opener
    from summary_lint.read.discover import Input
    from summary_lint.text.source_match import source_match

    papers = _made_up_digest()
    digests, _ = read_inputs([Input("made-up.md", bytes_opener(_markdown(papers).encode()), True)])
    ctx = Context(settings=resolve(), digests=digests, papers=digests[0].papers,
                  sources={s.arxiv_id: s for s, _ in papers})
    paper = ctx.papers[0]
    assert source_match(ctx, paper, lead_below=-math.inf).sampled_other is None  # no lead can decide: none measured
    assert source_match(ctx, paper, lead_below=math.inf).sampled_other is not None


def test_a_context_tells_whether_a_paper_has_a_source_as_source_finds_it(sources):
    """``has_source`` answers without decoding what ``source`` decodes (a versioned id matches its
    paper's source), and ``source`` keeps only the file at hand's sources decoded."""
    from summary_lint.checks.context import Context
    from summary_lint.engine.config import resolve
    from summary_lint.engine.run import read_inputs
    from summary_lint.read.discover import discover

    digests, _ = read_inputs(list(discover([str(DIGEST)])))
    papers = digests[0].papers
    ctx = Context(settings=resolve(), digests=digests, papers=papers, sources=sources)
    known = next(p for p in papers if p.arxiv_id and p.arxiv_id in sources)
    variants = [known, known.model_copy(update={"arxiv_id": known.arxiv_id + "v3"}),
                known.model_copy(update={"arxiv_id": "2401.99999"}), known.model_copy(update={"arxiv_id": None})]
    assert [ctx.has_source(p) for p in variants] == [ctx.source(p) is not None for p in variants] == [
        True, True, False, False]
    assert ctx.source(variants[1]) == sources[known.arxiv_id]
    elsewhere = known.model_copy(update={"file": "another-day.md"})
    assert ctx.source(elsewhere) == ctx.source(known)
    assert list(ctx.digest_cache["sources"][1]) == [known.arxiv_id]  # the other file's were let go
