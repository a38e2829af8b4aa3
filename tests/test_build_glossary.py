import json
import random
from collections import Counter
from pathlib import Path

import pytest

from summary_lint.text.tokens import stem
from summary_lint.tools import association
from summary_lint.tools.association import Association, associations, competitive
from summary_lint.tools.build_glossary import (
    association_glossary,
    compound_glossary,
    document_frequencies,
    english_stems,
    korean_forms,
    main,
    pair_glossary,
    parallel_glossary,
    parenthetical_pairs,
    rival_stems,
)
from summary_lint.tools.glossary_corpora import CorpusPaper, read_exclude_ids, read_jsonl_corpus, split_parallel
from summary_lint.tools.zh_glossary import (
    ChineseParams,
    candidate_forms,
    chinese_glossary,
    frequent_ngrams,
    select_forms,
)

GLOSSARY = Path(__file__).resolve().parent.parent / "rules" / "glossary"


def test_parenthetical_pairs_both_directions():
    pairs = parenthetical_pairs("새로운 지식 그래프(Knowledge Graph)를 쓰고, LLM(대규모 언어 모델)을 평가합니다.")
    assert pairs == [({"knowledg", "graph"}, {"지식", "그래프"}), ({"llm"}, {"대규모", "언어", "모델"})]


def test_pair_glossary_keeps_recurring_associated_pairs_only():
    pairs = [({"graph"}, {"그래프"})] * 3 + [({"graph"}, {"새로운"})]
    assert pair_glossary(pairs, min_pairs=2, min_dice=0.2) == {("graph", "그래프"): 0.857}


def test_association_needs_support_and_lift():
    docs = [({"radiance"}, {"복사", "장면"})] * 4 + [({"agent"}, {"장면"})] * 4 + [({"token"}, {"토큰"})] * 2
    table = association_glossary(docs, min_docs=3, min_conditional=0.5, min_lift=1.5, max_share=1.0)
    assert ("radiance", "복사") in table and ("agent", "장면") not in table  # 장면 is everywhere
    assert ("token", "토큰") not in table  # two papers are not enough


def test_command_writes_term_pairs_only(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    entry = ("### [Graph Agents {n}](https://arxiv.org/abs/2401.0000{n})\n\n"
             "- 지식 그래프(Knowledge Graph)를 에이전트 메모리로 씁니다. 그래프 구조가 핵심입니다.\n")
    for n in range(1, 5):
        (corpus / f"0{n}.md").write_text(f"## Daily Papers (2030-01-0{n})\n\n" + entry.format(n=n), encoding="utf-8")
    out = tmp_path / "ko-en.tsv"
    assert main([str(corpus), "-o", str(out)]) == 0
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert ["graph", "그래프"] in [row[:2] for row in rows]
    assert all(len(row) == 3 and " " not in row[1] for row in rows)  # single words, no summary text
    assert "pairs" in capsys.readouterr().err


# --- association machinery -------------------------------------------------------------------


def test_associations_match_plain_counting_across_slices(monkeypatch):
    rng = random.Random(0)
    units = [({f"e{rng.randrange(12)}" for _ in range(4)}, {f"k{rng.randrange(15)}" for _ in range(5)})
             for _ in range(200)]
    monkeypatch.setattr(association, "SLICE_PAIRS", 50)  # many small products
    found = {(a.left, a.right): a.together for a in associations(units, min_together=3, min_forward=0.1,
                                                                    min_backward=0.1, min_lift=1.0)}
    left = Counter(e for es, _ in units for e in es)
    right = Counter(k for _, ks in units for k in ks)
    together = Counter((e, k) for es, ks in units for e in es for k in ks)
    expected = {pair: n for pair, n in together.items()
                if n >= 3 and n >= 0.1 * left[pair[0]] and n >= 0.1 * right[pair[1]]
                and n * len(units) >= left[pair[0]] * right[pair[1]]}
    assert found == expected


def test_competition_leaves_a_form_to_the_word_it_translates():
    table = {("reward", "보상"): 0.8, ("reinforc", "보상"): 0.4, ("reinforc", "강화"): 0.7,
             ("robotic", "로봇"): 0.7, ("robot", "로봇"): 0.6, ("multi-ag", "智能体"): 0.6, ("agent", "智能体"): 0.3}
    kept = competitive(table, 0.8, rival_stems)
    assert ("reinforc", "보상") not in kept and ("reward", "보상") in kept and ("reinforc", "강화") in kept
    assert ("robot", "로봇") in kept  # robot / robotic: one word
    assert ("agent", "智能体") in kept  # multi-agent does not outrank its part


def test_rival_stems():
    assert not rival_stems("robot", "robotic") and not rival_stems("image", "imag")
    assert not rival_stems("agent", "multi-ag")
    assert rival_stems("model", "modal") and rival_stems("art", "artifici") and rival_stems("multi-ag", "agent")


def test_english_stems_include_hyphen_parts_without_stopwords():
    assert english_stems("State-of-the-art Vision-Language Agents") == {
        "state-of", "state", "art", "vision-l", "vision", "language", "agent"}


# --- Korean: parallel sentences and compounds ---------------------------------------------------


def test_split_parallel_takes_the_bracketed_english_sentence():
    assert split_parallel("KV 캐시(KV cache)를 압축하는 방법을 제안함(We propose a way to compress the KV cache (KV).).") == (
        "KV 캐시(KV cache)를 압축하는 방법을 제안함", "We propose a way to compress the KV cache (KV).")
    assert split_parallel("대규모 언어 모델(LLM)") is None  # an acronym, not a sentence
    assert split_parallel("DPO(Direct Preference Optimization)") is None  # too short to be a sentence
    assert split_parallel("로봇 팔을 제어함(로봇 팔 제어를 위한 방법)") is None  # no English
    assert split_parallel("(We propose a new method.)") is None  # nothing before it


PARALLEL = [
    "로봇 팔을 정밀하게 제어함(The robot arm is controlled precisely.)",
    "로봇 정책을 시뮬레이션에서 학습함(A robot policy is learned in simulation.)",
    "실제 로봇 실험으로 검증함(Experiments on a real robot confirm it.)",
    "로봇 데이터를 수집함(We collect robot data.)",
    "비디오 생성 품질을 높임(Video generation quality is improved.)",
    "긴 비디오를 효율적으로 처리함(Long videos are processed efficiently.)",
    "비디오 프레임 사이의 일관성을 유지함(Consistency between video frames is kept.)",
    "텍스트 설명으로 비디오를 편집함(Videos are edited with text descriptions.)",
    "새로운 데이터셋을 공개함(We release a new dataset.)",
    "다양한 벤치마크에서 평가함(We evaluate on various benchmarks.)",
    "추론 속도를 두 배로 높임(Inference speed is doubled.)",
    "메모리 사용량을 줄임(Memory use is reduced.)",
]


def test_parallel_glossary_pairs_aligned_words_not_neighbours():
    pairs = [(english_stems(en), korean_forms(ko)) for ko, en in map(split_parallel, PARALLEL)]
    table = parallel_glossary(pairs, min_pairs=3, min_dice=0.3, min_g2=10.83)
    assert ("robot", "로봇") in table and ("video", "비디오") in table
    assert not any(k in ("제어함", "시뮬레이션에서", "데이터셋을", "공개함") for _, k in table)  # once: noise
    assert ("robot", "비디오") not in table and ("video", "로봇") not in table


def test_compounds_of_two_glossary_forms_need_support():
    table = {("artifici", "인공"): 0.5, ("intellig", "지능"): 0.6, ("struggle", "지능"): 0.3}
    docs = [({"artifici", "intellig"}, {"인공지능", "발전"})] * 3 + [({"struggle"}, {"인공지능"})]
    found = compound_glossary(table, docs, min_docs=3)
    assert found == {("artifici", "인공지능"): 0.3, ("intellig", "인공지능"): 0.3}  # 0.5 × 0.6; struggle: 1 paper


# --- Chinese ---------------------------------------------------------------------------------------


def test_candidate_forms_drop_fragments_and_phrases():
    texts = ["我们研究人工智能的机器人。", "机器人使用人工智能工作。", "人工智能让机器人的手很有用。", "新的机器人和人工智能。",
             "看到的机器人。"]
    grams, df = frequent_ngrams(texts, min_docs=2, longest=5)
    forms = candidate_forms(df, min_docs=3, fragment_share=0.8)
    assert {"人工智能", "机器人"} <= forms
    assert not forms & {"工智", "人工智", "机器", "器人"}  # only ever inside 人工智能 / 机器人
    assert df["的机器人"] == 3 and "的机器人" not in forms  # a particle attached
    assert all(g <= set(df) for g in grams)


TEMPLATES = ["本文研究了{}的问题。", "{}在很多场景中很重要。", "我们为{}提出新方法。", "关于{}，结果很好。"]


def _chinese_summary(n: int, term: str) -> str:
    return TEMPLATES[n % len(TEMPLATES)].format(term) + "实验表明该方法有效。"


def _assoc(form: str, dice: float, together: int) -> Association:
    """A (reinforc, form) association with the given Dice and support."""
    return Association("reinforc", form, together, 100, 2 * together / dice - 100, 1000)


def test_selection_prefers_the_longer_form_and_drops_artefacts():
    candidates = [_assoc("强化", 0.91, 104), _assoc("强化学习", 0.90, 100), _assoc("化学", 0.8, 100),
                  _assoc("强化学习方", 0.5, 40), _assoc("学习率", 0.4, 30), _assoc("奖励", 0.45, 50)]
    kept = [a.right for a in select_forms(candidates, ChineseParams(max_forms=3))]
    # 强化学习 scores nearly as well as 强化, which has no support of its own beside it; 化学 lies
    # inside it, 强化学习方 contains it, 学习率 straddles its edge.
    assert kept == ["强化学习", "奖励"]


def test_chinese_glossary_finds_translations_not_boilerplate():
    topics = [("Robot", "机器人"), ("Video", "视频"), ("Agent", "智能体"), ("Graph", "图谱")]
    docs = []
    for n in range(8):
        for english, chinese in topics:
            title = f"{english} Learning for Hard Tasks"
            abstract = f"We study {english.lower()} methods and report strong results on benchmarks."
            docs.append((english_stems(title + "\n" + abstract), _chinese_summary(n, chinese)))
    table = chinese_glossary(docs, ChineseParams(), rival_stems)
    assert {("robot", "机器人"), ("video", "视频"), ("agent", "智能体"), ("graph", "图谱")} <= set(table)
    assert not {form for _, form in table} & {"本文", "方法", "实验", "有效", "机器", "器人", "了机器人"}
    assert all(stem in ("robot", "video", "agent", "graph") for stem, _ in table)


# --- corpora, exclusion and the whole command ----------------------------------------------------


def test_read_exclude_ids_from_id_lists_and_labels(tmp_path):
    ids = tmp_path / "ids.txt"
    ids.write_text("# held out\n2401.00001v2\n\n2401.00002\n", encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text('{"arxiv_id": "2401.00003", "on_topic": "yes"}\n{"note": "no id"}\n', encoding="utf-8")
    assert read_exclude_ids(ids) == {"2401.00001", "2401.00002"}
    assert read_exclude_ids(labels) == {"2401.00003"}


def _write_generator(folder: Path, records: list[dict], abstracts: list[dict]) -> None:
    (folder / "digests").mkdir(parents=True)
    with open(folder / "digests" / "2030-01-01.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    with open(folder / "abstracts.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(a, ensure_ascii=False) + "\n" for a in abstracts)


def _autoflow(folder: Path) -> None:
    records, abstracts = [], []
    for n, point in enumerate(PARALLEL):
        arxiv_id = f"2401.{n:05d}"
        english = split_parallel(point)[1]
        records.append({"arxiv_id": arxiv_id, "title": english.rstrip("."), "date": "2030-01-01",
                        "sections": {"purpose": "연구 목적", "method": point, "conclusion": "결론"}})
        abstracts.append({"arxiv_id": arxiv_id, "title": english.rstrip("."), "abstract": english})
    _write_generator(folder, records, abstracts)


def _chinese(folder: Path, topics=(("Robot", "机器人"), ("Video", "视频"), ("Agent", "智能体"))) -> None:
    records, abstracts = [], []
    for n in range(8):
        for t, (english, chinese) in enumerate(topics):
            arxiv_id = f"2402.{10 * n + t:05d}"
            title = f"{english} Learning for Hard Tasks"
            records.append({"arxiv_id": arxiv_id, "title": title, "date": "2030-01-01", "sections": {
                "background": _chinese_summary(n, chinese), "innovation": "提出了一种新方法。", "conclusion": "结果很好。"}})
            abstracts.append({"arxiv_id": arxiv_id, "title": title,
                              "abstract": f"We study {english.lower()} methods with a rare{n}x{t} word."})
    _write_generator(folder, records, abstracts)


def test_read_jsonl_corpus_splits_parallel_points(tmp_path):
    _autoflow(tmp_path / "ko")
    papers = read_jsonl_corpus(tmp_path / "ko", exclude={"2401.00000"})
    assert len(papers) == len(PARALLEL) - 1 and papers[0].arxiv_id == "2401.00001"
    assert papers[0].parallel == (("로봇 정책을 시뮬레이션에서 학습함", "A robot policy is learned in simulation."),)
    assert "simulation" not in papers[0].summary and papers[0].abstract  # the English sentence is not summary text


def test_document_frequencies_count_each_paper_once():
    papers = [CorpusPaper("1", "Robot Agents", "", "…"), CorpusPaper("1", "Robot Agents", "Robots act.", "…"),
              CorpusPaper("2", "Video Agents", "Agents edit video.", "…")]
    total, df = document_frequencies(papers)
    assert total == 2 and df["agent"] == 2 and df["robot"] == 1 and df[stem("act")] == 1


def test_command_builds_all_packs_without_excluded_papers(tmp_path, capsys):
    _autoflow(tmp_path / "ko")
    _chinese(tmp_path / "zh")
    held_out = tmp_path / "held-out.jsonl"
    held_out.write_text('{"arxiv_id": "2402.00000"}\n{"arxiv_id": "2402.00010"}\n', encoding="utf-8")
    out = {name: tmp_path / f"{name}.tsv" for name in ("ko-en", "zh-en", "en-df")}
    assert main(["--autoflow", str(tmp_path / "ko"), "--zh", str(tmp_path / "zh"), "--exclude-ids", str(held_out),
                 "-o", str(out["ko-en"]), "--zh-output", str(out["zh-en"]), "--df-output", str(out["en-df"]),
                 "--parallel-min-pairs", "3"]) == 0
    rows = {name: [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
                   if not line.startswith("#")] for name, path in out.items()}
    assert ["robot", "로봇"] in [r[:2] for r in rows["ko-en"]] and ["video", "비디오"] in [r[:2] for r in rows["ko-en"]]
    assert ["robot", "机器人"] in [r[:2] for r in rows["zh-en"]] and ["agent", "智能体"] in [r[:2] for r in rows["zh-en"]]
    for table in ("ko-en", "zh-en"):
        assert all(len(r) == 3 and " " not in r[1] and float(r[2]) > 0 for r in rows[table])
    header = out["zh-en"].read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("# Built by: python -m summary_lint.tools.build_glossary --autoflow")
    assert "--exclude-ids" in header and "--zh-min-docs 5" in header
    df_lines = out["en-df"].read_text(encoding="utf-8").splitlines()
    assert f"# documents\t{len(PARALLEL) + 24 - 2}" in df_lines
    df = {r[0]: int(r[1]) for r in rows["en-df"]}
    assert df["robot"] == 4 + 8 - 2 and all(n >= 2 for n in df.values())
    assert not any(s.startswith("rare") for s in df)  # each rare word is in one paper
    assert "ids excluded" in capsys.readouterr().err


def test_command_needs_a_source(capsys):
    with pytest.raises(SystemExit):
        main([])
    assert "at least one source" in capsys.readouterr().err


# --- the committed packs ------------------------------------------------------------------------


def _pack(name: str) -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    for line in (GLOSSARY / name).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            english, form, score = line.split("\t")
            float(score)
            table.setdefault(english, set()).add(form)
    return table


@pytest.mark.parametrize("name", ["ko-en.tsv", "zh-en.tsv", "en-df.tsv"])
def test_packs_are_small_and_record_their_command(name):
    path = GLOSSARY / name
    assert path.stat().st_size < 2_000_000
    assert path.read_text(encoding="utf-8").startswith("# Built by: python -m summary_lint.tools.build_glossary ")


def test_packs_hold_everyday_terms():
    ko, zh = _pack("ko-en.tsv"), _pack("zh-en.tsv")
    for english, form in [("artificial", "인공지능"), ("intelligence", "인공지능"), ("reinforcement", "강화"),
                          ("reinforcement", "강화학습"), ("recommendation", "추천"), ("medical", "의료"),
                          ("robot", "로봇"), ("generation", "생성"), ("retrieval", "검색"), ("agent", "에이전트")]:
        assert form in ko.get(stem(english), ()), (english, form)
    for english, form in [("artificial", "人工智能"), ("reinforcement", "强化学习"), ("recommendation", "推荐"),
                          ("medical", "医疗"), ("robot", "机器人"), ("retrieval", "检索"), ("agent", "代理"),
                          ("multi-agent", "多智能体"),
                          ("diffusion", "扩散"), ("image", "图像"), ("video", "视频"), ("LLMs", "语言模型"),
                          ("multimodal", "多模态")]:
        assert form in zh.get(stem(english), ()), (english, form)
