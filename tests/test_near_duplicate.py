"""near-duplicate: reworded copies across papers are one cluster; papers on one topic stay apart."""

from __future__ import annotations

import random
import re
from collections import Counter

import numpy as np
import pytest
from conftest import greedy

from summary_lint import lint_text
from summary_lint.checks import near_duplicate
from summary_lint.checks.context import Context, in_turn
from summary_lint.engine.config import resolve

LABELS = ("What's New", "Technical Details", "Performance Highlights")

# A leaked few-shot example (our own text), and reworded copies: other words and order, partly English.
LEAK = [
    "본 논문은 지식 그래프와 에피소드 기억을 결합한 LLM 에이전트 QuillMind-9B를 제안합니다. 기존 에이전트는 긴 탐색 과정에서 과거 관찰을 잊어버리는 한계가 있었습니다.",
    "QuillMind-9B는 MazeWorld를 탐색하며 얻은 관찰을 그래프 노드로 저장하고 계획 단계에서 검색합니다. 학습에는 H100 GPU 16장으로 약 5일이 소요되었습니다.",
    "실험에서 성공률은 ReAct의 38.4%에서 71.9%로 향상되었습니다. 특히 60단계 이상의 긴 과제에서 개선 폭이 가장 컸습니다.",
]
REWORDED = [
    [
        "이 연구는 에피소드 기억과 지식 그래프를 함께 쓰는 LLM 에이전트인 QuillMind-9B를 소개합니다. 지금까지의 에이전트들은 탐색이 길어지면 과거 관찰을 기억하지 못했습니다.",
        "에이전트는 MazeWorld 탐색 중의 관찰을 노드 형태로 그래프에 기록한 뒤 계획을 세울 때 검색합니다. 훈련은 16개의 H100 GPU에서 대략 5일이 걸렸습니다.",
        "ReAct와 비교하면 성공률이 38.4%에서 71.9%까지 올라갔습니다. 개선은 60단계가 넘는 긴 과제에서 특히 두드러졌습니다.",
    ],
    [
        "This paper proposes QuillMind-9B, an LLM agent that combines a knowledge graph with episodic memory. 기존 에이전트는 긴 탐색에서 과거 관찰을 잊어버렸습니다.",
        "While exploring MazeWorld, QuillMind-9B stores observations as graph nodes and retrieves them for planning. 학습에는 H100 GPU 16장으로 약 5일이 걸렸습니다.",
        "The success rate rose from 38.4% with ReAct to 71.9%. 특히 60단계 이상의 긴 과제에서 개선 폭이 가장 컸습니다.",
    ],
    [
        "지식 그래프와 에피소드 기억을 결합한 QuillMind-9B라는 LLM 에이전트가 제안되었습니다. 기존 에이전트가 긴 탐색 중 과거 관찰을 잊는 문제를 다룹니다.",
        "Training took about 5 days on 16 H100 GPUs. QuillMind-9B는 MazeWorld의 관찰을 그래프 노드로 저장해 두었다가 계획 단계에서 검색합니다.",
        "60단계가 넘는 긴 과제에서 개선이 가장 컸고, 성공률은 ReAct 38.4% 대비 71.9%를 기록했습니다.",
    ],
]

# Two distinct papers on one topic (instruction tuning of code models): shared vocabulary,
# different names, data and results.
SAME_TOPIC = [
    [
        "본 논문은 코드 생성 모델을 위한 지시 튜닝 데이터셋 CodeTutor-50K를 제안합니다. 기존 데이터셋은 단순한 함수 작성 문제에 치우쳐 있었습니다.",
        "CodeTutor-50K는 GitHub 저장소의 이슈와 커밋 메시지에서 지시문을 추출하고 단위 테스트로 응답을 검증합니다. StarCoder-15B를 이 데이터로 미세 조정했습니다.",
        "HumanEval에서 pass@1이 33.6%에서 48.2%로 향상되었으며 MBPP에서도 6.1포인트 개선되었습니다.",
    ],
    [
        "이 연구는 코드 생성 모델의 지시 튜닝을 위한 합성 데이터 파이프라인 ForgeInstruct를 소개합니다. 기존 방법은 사람이 작성한 지시문에 의존해 비용이 컸습니다.",
        "ForgeInstruct는 교사 모델이 문제를 만들고 실행 결과로 답을 걸러 내는 방식으로 데이터를 생성합니다. CodeLlama-7B를 이 데이터로 미세 조정했습니다.",
        "DS-1000에서 정확도가 21.4%에서 29.8%로 올랐고 추론 비용은 변하지 않았습니다.",
    ],
]

SYLLABLES = "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초코토포호"


def distinct_summary(rng: random.Random) -> list[str]:
    """A summary of made-up words: papers share no more than chance vocabulary."""
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(3))

    return [" ".join(word() for _ in range(16)) + f" {rng.randint(1, 99)}%." for _ in LABELS]


def digest(summaries: list[list[str]], ids: list[str] | None = None) -> str:
    lines = ["## Daily Papers (2024-07-08)", ""]
    for k, sections in enumerate(summaries):
        arxiv_id = ids[k] if ids else f"2407.{k + 1:05d}"
        lines += [f"### [Paper {k + 1}](https://arxiv.org/abs/{arxiv_id})", "", "Vote: 3", "", "Authors: A. Author", ""]
        lines += [f"- **{label}**: {text}" for label, text in zip(LABELS, sections)] + [""]
    return "\n".join(lines)


def near_duplicates(text: str) -> dict[int, list]:
    report = lint_text(text, config={"select": ["near-duplicate", "duplicate-paper"]})
    return {k: [f for f in p.findings if f.rule == "near-duplicate"] for k, p in enumerate(report.papers)}


def test_words_are_two_syllables_or_latin_tokens_and_anchors_are_names_and_figures_outside_links():
    text = ("MemoGraph-7B는 ReAct 대비 41.2에서 48.9%로, GPT-4.보다 높고 (2024) .55x 및 v1.2-beta를 "
            "https://x.org/Qwen2-7B 에서 공개했습니다. LLaMA-2와 ab3 등")
    counted, anchors = near_duplicate.words(text)
    assert list(counted.items()) == [
        ("memograph-7b", 1), ("react", 1), ("대비", 1), ("41.2", 1), ("에서", 2), ("48.9", 1), ("gpt-4", 1),
        ("보다", 1), ("높고", 1), ("2024", 1), ("55x", 1), ("v1.2-beta", 1), ("공개", 1), ("llama-2", 1), ("ab3", 1)]
    # A run's anchor starts it (".55x" has none) and ends on a letter or digit ("GPT-4." is GPT-4); years are not.
    assert anchors == {"memograph-7b", "react", "41.2", "48.9", "gpt-4", "v1.2-beta", "llama-2", "ab3"}
    assert near_duplicate.words("자료는 www.example.com/Qwen2-7B 에 있습니다") == (Counter({"자료": 1, "있습": 1}), set())


def test_index_words_are_those_of_the_look_behind_definition():
    """``TOKEN`` opens with a character class (so ``re`` skips in C what no word starts with): it must
    find exactly the words of the plain definition, a Hangul word's first two syllables where no
    syllable precedes them, or a Latin word, in the same order."""
    plain = re.compile(r"(?<![가-힣])[가-힣]{2}|[a-z0-9]+(?:[-.][a-z0-9]+)*")
    rng = random.Random(11)
    alphabet = "가나다라 ab1-.中文 x9"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 30))) for _ in range(5000)]
    texts += ["가", "가나", "가나다라마", "a가나다", "가나a가나다", "가 나다", "1.2가나-3", "中文가나다中文ab-c"]
    for text in texts:
        assert near_duplicate.TOKEN.findall(text) == plain.findall(text), text


def test_ascii_index_words_are_those_of_token():
    """``words`` reads an ASCII text with ``ASCII_TOKEN``: where no Hangul can be, it must find
    exactly what ``TOKEN`` finds, in the same order."""
    rng = random.Random(13)
    alphabet = "ab z09-.-x7 q."
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 30))) for _ in range(5000)]
    texts += ["a-b.c", "-a-", "1..2", "x.-y", "v1.2-beta.", "a--b", "3d-", ".5x"]
    for text in texts:
        assert near_duplicate.ASCII_TOKEN.findall(text) == near_duplicate.TOKEN.findall(text), text
    english = "The model, trained on 1.5k pairs of v1.2-beta data, beats GPT-4 and the rest of the models."
    korean = english.replace("beats", "보다 앞선다:")
    for text in (english, korean):
        counted, _ = near_duplicate.words(text)
        lowered = text.lower()
        expected = Counter(w for w in near_duplicate.TOKEN.findall(lowered) if w not in near_duplicate.STOPWORDS)
        assert list(counted.items()) == list(expected.items())


def test_anchors_are_those_of_the_plain_definition():
    """``ANCHOR`` asks which kind of anchor starts a run before matching it (scans that never step
    back): for every run of Latin letters, digits, dots and hyphens, in order, it must find what the
    definition as written finds at the start of that run, or nothing."""
    definition = re.compile(near_duplicate.ANCHOR_DEFINITION)

    def plain(text: str) -> list[str]:
        return [m.group() if (m := definition.match(run)) else "" for run in re.findall(r"[A-Za-z0-9.-]+", text)]

    rng = random.Random(12)
    alphabet = "aZq09.-xYB b-.7Q가"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40))) for _ in range(5000)]
    texts += ["MemoGraph-7B", "GPT-4.", "v1.5-", "-4B", ".5", "a.1", "ABCdefGh", "ABcd", "Abc-De", "ReAct2.x",
              "x1-.", "1.2.3", "LLaMA-2와", "iPhone.", "eDNA-seq"]
    for text in texts:
        assert near_duplicate.ANCHOR.findall(text) == plain(text), text


def test_anchors_passed_over_in_c_are_the_empty_ones():
    """``ANCHORS`` passes over lowercase words and the characters between runs: it must find the
    anchors ``ANCHOR`` finds, in order, also as Python 3.10 reads it (no possessive quantifiers)."""
    as_310 = greedy(near_duplicate.ANCHORS)
    rng = random.Random(16)
    alphabet = "aZq09.-xYB b-.7Q가 e"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40))) for _ in range(20000)]
    texts += ["e.g. MemoGraph-7B beats GPT-4.", "abc1 abc-def ReAct", "plain words only", "trailing v1.2-"]
    for text in texts:
        expected = list(filter(None, near_duplicate.ANCHOR.findall(text)))
        assert list(filter(None, near_duplicate.ANCHORS.findall(text))) == expected, text
        assert list(filter(None, as_310.findall(text))) == expected, text


def test_leaked_text_reworded_in_several_papers_is_one_cluster():
    rng = random.Random(1)
    papers = [LEAK, distinct_summary(rng), *REWORDED, distinct_summary(rng)]
    found = near_duplicates(digest(papers))
    leaked = [0, 2, 3, 4]
    assert [k for k, f in found.items() if f] == leaked
    for k in leaked:
        assert len(found[k]) == 1, "one finding per paper and cluster, not one per pair"
        assert "same text is in 4 papers" in found[k][0].message
        others = {f"2407.{j + 1:05d}" for j in leaked if j != k}
        assert {loc.arxiv_id for loc in found[k][0].related} == others


def test_pasted_section_is_reported_with_its_label():
    rng = random.Random(2)
    host = distinct_summary(rng)
    host[1] = LEAK[1].replace("약 5일이 소요되었습니다", "5일 정도 걸렸습니다").replace("저장하고", "저장한 뒤")
    found = near_duplicates(digest([LEAK, distinct_summary(rng), host]))
    assert found[1] == []
    assert len(found[2]) == 1 and found[2][0].section == "Technical Details"
    assert "similarity" in found[2][0].message and found[2][0].related[0].arxiv_id == "2407.00001"


def test_partly_translated_copy_still_matches():
    found = near_duplicates(digest([LEAK, REWORDED[1]]))
    assert found[0] and found[1]


def test_same_topic_papers_do_not_fire():
    assert near_duplicates(digest(SAME_TOPIC)) == {0: [], 1: []}


def test_same_arxiv_id_is_duplicate_paper_not_near_duplicate():
    text = digest([LEAK, REWORDED[0]], ids=["2407.04363", "2407.04363"])
    report = lint_text(text, config={"select": ["near-duplicate", "duplicate-paper"]})
    rules = [f.rule for p in report.papers for f in p.findings]
    assert rules == ["duplicate-paper"]


def test_large_input_uses_the_index_and_finds_every_copy():
    rng = random.Random(3)
    papers = [distinct_summary(rng) for _ in range(80)]
    copies = [5, 17, 33, 48, 71]
    for n, k in enumerate(copies):
        papers[k] = [LEAK, *REWORDED][n % 4]
    texts = near_duplicate.texts_of(_parsed(papers), min_words=12)
    assert len(texts.paper) > near_duplicate.BRUTE_FORCE_TEXTS, "this test must exercise the indexed path"
    found = near_duplicates(digest(papers))
    assert [k for k, f in found.items() if f] == copies
    assert all("same text is in 5 papers" in found[k][0].message for k in copies)


def test_a_spread_join_finds_what_one_in_turn_finds(monkeypatch):
    """The join's pieces (the index's slices of texts, the pairs' slices of places, the batches of
    pairs to score) may be done by a spread that splits them (``Context.spread``): every piece is
    handed to it, and the findings are those of the pieces done in turn."""
    monkeypatch.setattr(near_duplicate, "CHUNK", 500)
    monkeypatch.setattr(near_duplicate, "SLICE_KEYS", 200)
    monkeypatch.setattr(near_duplicate, "PAIRS_PER_BATCH", 3)
    rng = random.Random(3)
    papers = [distinct_summary(rng) for _ in range(80)]
    for n, k in enumerate([5, 17, 33, 48, 71]):
        papers[k] = [LEAK, *REWORDED][n % 4]
    parsed = _parsed(papers)
    spread = []

    def reversed_spread(work, pieces):  # the latter pieces first: only the order of the results counts
        spread.append(len(pieces))
        return [work(piece) for piece in reversed(pieces)][::-1]

    found = {}
    for name, how in (("in turn", in_turn), ("spread", reversed_spread)):
        ctx = Context(settings=resolve(), digests=[], papers=parsed, spread=how)
        found[name] = [(i, hit.message, hit.related) for i, hit in near_duplicate.check(parsed, ctx)]
    assert len(spread) == 3 and min(spread) > 1  # rarest words, pairs, scores: each in several pieces
    assert found["spread"] == found["in turn"] and len(found["in turn"]) == 5


def test_a_copied_section_is_read_once_and_compared_like_its_original():
    rng = random.Random(5)
    papers = [distinct_summary(rng) for _ in range(3)]
    papers.append([papers[1][0], distinct_summary(rng)[1], papers[1][2]])  # two sections copied
    texts = near_duplicate.texts_of(_parsed(papers), min_words=12)
    bags = [_bag(texts.counts, t) for t in range(len(texts.paper))]
    original, copy = (bags[t] for t in range(len(bags)) if texts.section[t] == 2 and texts.paper[t] in (1, 3))
    assert copy == original and copy[0]
    summaries = [bags[t] for t in range(len(bags)) if texts.section[t] < 0]
    assert summaries[3] != summaries[1] and len(set(map(str, summaries))) == 4
    found = near_duplicates(digest(papers))
    assert [k for k, f in found.items() if f] == [1, 3]


def _bag(rows, text: int) -> tuple[list[int], list[float]]:
    mine = rows.row == text
    return rows.col[mine].tolist(), rows.value[mine].tolist()


def _parsed(papers):
    report = lint_text(digest(papers), config={"select": ["duplicate-paper"]})
    return [paper for _, paper, _ in report.with_papers()]


def test_summary_similarity_is_scikit_learns_tf_idf_cosine():
    """Without anchors to blend in, the score of two summaries is the cosine of their vectors as
    scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` builds them over the input's summaries
    (fed the rule's own words, so that only the weighting is compared)."""
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    papers = _parsed([LEAK, *REWORDED, *SAME_TOPIC, distinct_summary(random.Random(7))])
    texts = near_duplicate.texts_of(papers)
    rows = np.flatnonzero(texts.section < 0)  # each paper's whole summary
    assert texts.paper[rows].tolist() == list(range(len(papers)))
    first, second = (rows[k] for k in np.triu_indices(len(rows), k=1))
    ours = near_duplicate.Scorer(texts, len(papers), min_anchors=10**9).scores(first, second)

    vectorizer = sklearn_text.TfidfVectorizer(sublinear_tf=True,
                                              analyzer=lambda text: list(near_duplicate.words(text)[0].elements()))
    vectors = vectorizer.fit_transform([p.summary for p in papers])
    theirs = (vectors @ vectors.T).toarray()[np.triu_indices(len(rows), k=1)]
    assert ours == pytest.approx(theirs, rel=1e-9, abs=1e-12)
    assert theirs.max() > 0.5 > theirs.min()  # copies and strangers among the pairs


def test_copies_are_scored_once_with_the_same_sums():
    """Texts of the same content (a leak copied whole, or one of its sections copied) share a
    content number and are scored once per pair of contents, to the same last bit as scored apart;
    texts that differ keep numbers of their own."""
    reworded = [REWORDED[0][0], LEAK[1], REWORDED[1][2]]  # two of its sections copied from the leak
    papers = _parsed([LEAK, REWORDED[0], LEAK, reworded, *SAME_TOPIC, LEAK])
    texts = near_duplicate.texts_of(papers)
    words = [" ".join(sorted(near_duplicate.words(t)[0].elements())) for t in _texts_as_read(papers, texts)]
    contents = set(texts.content.tolist())
    assert all(len({words[k] for k in np.flatnonzero(texts.content == c)}) == 1 for c in contents)  # one text each
    assert len(contents) < len(texts.content)
    first, second = np.triu_indices(len(texts.paper), k=1)
    scorer = near_duplicate.Scorer(texts, len(papers), min_anchors=3)
    assert scorer.scores(first, second).tolist() == scorer._scores(first, second).tolist()


def _texts_as_read(papers, texts) -> list[str]:
    return [papers[p].summary if s < 0 else papers[p].sections[s].text for p, s in zip(texts.paper, texts.section)]


@pytest.mark.parametrize("slice_keys", [near_duplicate.SLICE_KEYS, 10])
@pytest.mark.parametrize("seed", range(6))
def test_indexed_pairs_are_the_pairs_near_each_other_in_enough_postings(seed, slice_keys, monkeypatch):
    """The vectorized window count gives what walking every posting gives: texts ordered by their two
    rarest words (numbered by first appearance), pairs within ``window`` places counted per posting;
    the same when the keys are counted in many slices."""
    monkeypatch.setattr(near_duplicate, "SLICE_KEYS", slice_keys)
    rng = np.random.default_rng(seed)
    n, window, min_shared = 60, int(rng.integers(1, 5)), int(rng.integers(1, 4))
    keys = [(t, w) for t in range(n) for w in rng.choice(25, size=int(rng.integers(0, 7)), replace=False).tolist()]
    text, word = (np.array(column, dtype=np.int64) for column in zip(*keys))
    first, second = near_duplicate._indexed_pairs(text, word, n, window, min_shared)
    number = {w: k for k, w in enumerate(dict.fromkeys(word.tolist()))}
    rarest = {t: [number[w] for tt, w in keys if tt == t][:2] for t in range(n)}
    place = {t: k for k, t in enumerate(sorted(range(n), key=lambda t: (rarest[t] + [-1, -1])[:2] + [t]))}
    shared = Counter()
    for w in set(word.tolist()):
        posting = sorted((t for t, ww in keys if ww == w), key=place.get)
        for i, a in enumerate(posting):
            for b in posting[i + 1:i + 1 + window]:
                shared[min(a, b), max(a, b)] += 1
    expected = sorted(pair for pair, times in shared.items() if times >= min_shared)
    assert list(zip(first.tolist(), second.tolist())) == expected


@pytest.mark.parametrize("seed", range(20))
def test_found_in_is_isin(seed):
    """Looking the few anchors up in a text's words marks what ``np.isin`` of the words would."""
    rng = np.random.default_rng(seed)
    table = np.unique(rng.integers(0, 50, size=int(rng.integers(0, 30))))
    few = np.unique(rng.integers(0, 60, size=int(rng.integers(0, 8))))
    assert near_duplicate._found_in(few, table).tolist() == np.isin(table, few).tolist()


def test_ties_are_rounded_as_python_rounds_each_similarity():
    rng = np.random.default_rng(7)
    halves = (rng.integers(0, 10**9, 2000) + 0.5) / 1e9  # the cases np.round may get wrong
    values = np.r_[rng.random(20_000), halves, np.nextafter(halves, 0), np.nextafter(halves, 2),
                   1.0, np.nextafter(1.0, 0), np.nextafter(1.0, 2), 0.0]
    expected = [round(v, near_duplicate.TIE_DIGITS) for v in values.tolist()]
    assert near_duplicate._rounded(values, near_duplicate.TIE_DIGITS).tolist() == expected
