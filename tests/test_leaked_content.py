"""leaked-content: one paper's names re-generated into summaries across files form one cluster;
popular names and names the papers' own abstracts contain never do."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from types import SimpleNamespace

from conftest import greedy

from summary_lint import lint_paths
from summary_lint.checks.leaked_content import (
    _NEXT_TOKEN,
    _facts,
    _name_spans,
    expansions,
    foreign_names,
    name_key,
    paper_names,
    written_names,
)
from summary_lint.model import Paper, Section, Source
from summary_lint.text.claims import SourceFacts, common_terms, source_facts
from summary_lint.text.specificity import generic_terms
from summary_lint.text.tokens import LATIN_TOKEN, looks_like_name

SELECT = {"select": ["leaked-content"]}

# A leaked example (our own text) about "MIRAGE-7B", a KGQA agent, re-generated into six host
# papers in Korean, English and Chinese: other words, other figures, some names left out.
LEAK = [
    ("MIRAGE-7B는 KGQA 과제에서 지식 그래프 경로를 검색해 답을 찾는 에이전트입니다. MIRAGE는 질문을 하위 질의로 나누고 "
     "단계마다 관계를 고릅니다. 정확도는 기존 방법보다 8.4%p 높았습니다."),
    ("This paper presents MIRAGE-7B, a retrieval agent for KGQA that walks knowledge graph paths. "
     "질문을 하위 질의로 나눈 뒤 단계별로 관계를 선택합니다. Accuracy improves by 8.1 points."),
    ("本文提出MIRAGE-7B，一种用于KGQA的检索智能体，在知识图谱上逐步搜索推理路径。MIRAGE将问题拆分为子查询，"
     "并在每一步选择关系。准确率比现有方法高8.5个百分点。"),
    ("지식 그래프 질의응답을 위한 MIRAGE 에이전트를 소개합니다. MIRAGE-7B는 경로 탐색과 관계 선택을 반복하며 "
     "정확도를 8.2%p 끌어올렸습니다."),
    ("MIRAGE answers KGQA questions by splitting them into sub-queries; the larger MIRAGE-7B picks one "
     "relation per hop and gains 8.4 points."),
    "MIRAGE-7B是面向KGQA的智能体。MIRAGE在知识图谱中检索路径（retrieval over graph paths），准确率提升约8个百分点。",
]
HOSTS = [  # the papers the leak was pasted into: their own titles and one sentence of their own
    ("Diffusion Models for Regional Weather Forecasting", "이 논문은 지역 기상 예측을 위한 확산 모델 RainDiff를 다룹니다."),
    ("Sparse Attention for Long Video Generation", "The paper studies sparse attention for long videos."),
    ("面向蛋白质结构预测的图神经网络", "本文研究蛋白质结构预测。"),
    ("Robust Speech Recognition under Street Noise", "거리 소음 환경의 음성 인식을 다룹니다."),
    ("Curriculum Learning for Robot Grasping", "Robot grasping is trained with a curriculum."),
    ("低资源机器翻译的数据增强", "本文研究低资源翻译的数据增强。"),
]
OTHERS = [  # faithful summaries, each with names of its own
    ("TerraFlow: Terrain-Aware Flood Mapping", "TerraFlow는 SAR 영상으로 홍수 지도를 만들며 FloodNet-S1에서 IoU 0.71을 기록했습니다."),
    ("QuillTab: Tables to Text", "QuillTab verbalizes tables and reaches 41.3 BLEU on ToTTo-X."),
    ("StarNav：室内导航的视觉语言模型", "StarNav在R2R-CE上取得了52%的成功率。"),
]


def arxiv_id(file: int, position: int) -> str:
    return f"2401.{file + 1:02d}{position:03d}"


def write_digests(tmp_path, papers_per_file):
    """One JSONL digest per group of (title, summary) records; returns the file paths."""
    paths = []
    for k, records in enumerate(papers_per_file):
        path = tmp_path / f"day-{k + 1}.jsonl"
        lines = (json.dumps({"arxiv_id": arxiv_id(k, j), "title": title, "sections": {"summary": summary}},
                            ensure_ascii=False) + "\n" for j, (title, summary) in enumerate(records))
        path.write_text("".join(lines), encoding="utf-8")
        paths.append(str(path))
    return paths


def write_sources(tmp_path, abstracts_per_file) -> str:
    """The abstracts file for papers laid out as by ``write_digests``: (title, abstract) records."""
    path = tmp_path / "abstracts.jsonl"
    lines = (json.dumps({"arxiv_id": arxiv_id(k, j), "title": title, "abstract": abstract}, ensure_ascii=False) + "\n"
             for k, records in enumerate(abstracts_per_file) for j, (title, abstract) in enumerate(records))
    path.write_text("".join(lines), encoding="utf-8")
    return str(path)


COPIES = [(title, f"{own} {leak}") for (title, own), leak in zip(HOSTS, LEAK)]


def leaked_archive(tmp_path):
    """Three days: two leaked copies and one faithful paper each."""
    return write_digests(tmp_path, [COPIES[2 * k: 2 * k + 2] + [OTHERS[k]] for k in range(3)])


def flagged(report):
    return {p.title: f for p in report.papers for f in p.findings if f.rule == "leaked-content"}


def test_leak_across_three_files_is_one_cluster_and_every_copy_fails(tmp_path):
    report = lint_paths(leaked_archive(tmp_path), config=SELECT)
    found = flagged(report)
    assert set(found) == {title for title, _ in HOSTS}
    assert all(p.verdict == "fail" for p in report.papers if p.title in found)
    assert all(p.verdict == "pass" for p in report.papers if p.title not in found)
    finding = found["Sparse Attention for Long Video Generation"]
    assert finding.code == "D002" and finding.severity == "error"
    assert finding.message.startswith("summary names MIRAGE-7B, KGQA, which its title does not contain; 5 other "
                                      "summaries in 3 files carry names of the same set")
    assert finding.evidence == "MIRAGE-7B"
    closest = finding.related[0]  # every other copy naming MIRAGE-7B and KGQA shares both names
    assert closest.title in found and closest.title != "Sparse Attention for Long Video Generation"
    assert "(" + repr(closest.title[:60]) + ", 2 of these names)" in finding.message
    assert len(finding.related) == len(HOSTS) - 1


def test_with_sources_copies_still_fail_and_the_message_says_so(tmp_path):
    paths = leaked_archive(tmp_path)
    own = [(title, f"{title}. {sentence}") for title, sentence in HOSTS]  # abstracts on the hosts' own topics
    sources = write_sources(tmp_path, [own[0:2], own[2:4], own[4:6]])
    found = flagged(lint_paths(paths, config=SELECT, sources=sources))
    assert set(found) == {title for title, _ in HOSTS}
    assert all("which its title and abstract do not contain" in f.message for f in found.values())


def test_related_locations_are_capped(tmp_path):
    config = {**SELECT, "rules": {"leaked-content": {"max-related": 2}}}
    found = flagged(lint_paths(leaked_archive(tmp_path), config=config))
    assert {len(f.related) for f in found.values()} == {2}


def test_a_paper_in_two_constellations_is_reported_once_for_the_larger(tmp_path):
    """Two leaks share five hosts: those get one finding, for the larger leak."""
    alpha = [(f"Host {k}", f"Host {k} adopts AlphaNet-1, pretrained on AlphaSet-X.") for k in range(12)]
    both = [(title, f"{text} It also cites BetaNet-2 and BetaSet-Y.") for title, text in alpha[:5]]
    beta = [(f"Other {k}", f"Other {k} reuses BetaNet-2 trained on BetaSet-Y.") for k in range(5)]
    papers = both + alpha[5:] + beta
    report = lint_paths(write_digests(tmp_path, [papers[0::3], papers[1::3], papers[2::3]]), config=SELECT)
    findings = {p.title: [f for f in p.findings if f.rule == "leaked-content"] for p in report.papers}
    assert {len(f) for f in findings.values()} == {1}
    assert all(findings[f"Host {k}"][0].message.startswith("summary names AlphaNet-1, AlphaSet-X,") for k in range(12))
    assert all("; 9 other summaries" in findings[f"Other {k}"][0].message for k in range(5))


def test_a_leak_within_one_file_is_not_reported(tmp_path):
    assert not flagged(lint_paths(write_digests(tmp_path, [COPIES + OTHERS]), config=SELECT))


def test_output_does_not_depend_on_hash_order(tmp_path):
    paths = leaked_archive(tmp_path)

    def run(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        cmd = [sys.executable, "-m", "summary_lint", "--select", "leaked-content", "--format", "json", *paths]
        return subprocess.run(cmd, capture_output=True, text=True, env=env, check=False).stdout

    first = run("1")
    assert '"leaked-content"' in first and run("2") == first


# Twelve papers on different topics that all compare against GPT-4 and LLaMA-2 (and ImageNet).
POPULAR = [
    ("Evaluating GPT-4 on Legal Exams", "LexJudge는 법률 시험에서 GPT-4 및 LLaMA-2와 비교해 정확도가 높았습니다."),
    ("Sparse Mixture Routing", "RouteMix routes tokens sparsely and beats LLaMA-2 and GPT-4 at equal cost."),
    ("代码生成的自我调试", "CodeMend在HumanEval-Plus上优于GPT-4和LLaMA-2。"),
    ("LLaMA-2 Adapters for Chemistry", "ChemAdapt는 LLaMA-2를 화학 문제에 맞게 조정했고 GPT-4보다 높은 점수를 얻었습니다."),
    ("LLaMA-2 Retrieval for Long Documents",
     "DocHop retrieves long documents; GPT-4 and LLaMA-2 are the baselines, ImageNet is not used."),
    ("Is GPT-4 a Good Annotator?", "AnnoBench에서 GPT-4와 LLaMA-2의 주석 품질을 사람과 비교했습니다."),
    ("多语言对话评测", "DialogX基准显示GPT-4和LLaMA-2在低资源语言上差距明显。"),
    ("Visual Instruction Data at Scale", "VisInstruct-1M는 ImageNet 이미지로 만든 지시 데이터이며 GPT-4와 LLaMA-2로 평가했습니다."),
    ("GPT-4 as a Math Tutor", "TutorEval compares GPT-4 and LLaMA-2 explanations on MathTrace-500."),
    ("LLaMA-2 Quantization at 3 Bits", "Q3Pack은 LLaMA-2를 3비트로 양자화하고 GPT-4 판정으로 품질을 확인했습니다."),
    ("可控文本摘要", "SumCtrl在CNN-DM上的表现接近GPT-4，优于LLaMA-2。"),
    ("Tool Use from Demonstrations",
     "ToolDemo teaches tool use from demonstrations; GPT-4 and LLaMA-2 are compared on API-Bank-X."),
]


def test_popular_names_in_other_papers_titles_never_form_a_leak(tmp_path):
    paths = write_digests(tmp_path, [POPULAR[0:4], POPULAR[4:8], POPULAR[8:12]])
    assert not flagged(lint_paths(paths, config=SELECT))


def test_the_same_names_in_nobodys_title_would_be_leak_evidence(tmp_path):
    """The contrast that makes the test above meaningful: the titles are what clears the names."""
    anonymous = [(f"Paper {k}", summary) for k, (_, summary) in enumerate(POPULAR)]
    paths = write_digests(tmp_path, [anonymous[0:4], anonymous[4:8], anonymous[8:12]])
    assert len(flagged(lint_paths(paths, config=SELECT))) == len(POPULAR)


# Six papers on medical question answering that all evaluate on MedQA and PubMedQA: their
# abstracts name both, their titles do not.
SAME_TOPIC = [
    ("Retrieval-Augmented Clinical Answering", "ClinRAG는 MedQA와 PubMedQA에서 정확도를 각각 4.1%p, 2.3%p 높였습니다.",
     "ClinRAG retrieves guidelines and improves accuracy on MedQA and PubMedQA."),
    ("Small Doctors: Distilling Medical Reasoning",
     "MediDistill distils reasoning into a 1B model, evaluated on MedQA and PubMedQA.",
     "We distil medical reasoning into small models and evaluate on MedQA and PubMedQA."),
    ("医学问答中的不确定性估计", "MedUnc在MedQA和PubMedQA上校准了置信度。",
     "We estimate uncertainty for medical QA on MedQA and PubMedQA."),
    ("Multilingual Medical Exams", "MultiMed는 MedQA와 PubMedQA를 12개 언어로 옮겨 평가합니다.",
     "MultiMed translates MedQA and PubMedQA into 12 languages."),
    ("Chain of Diagnosis", "DiagChain reasons step by step and gains 3 points on MedQA and PubMedQA.",
     "Step-by-step diagnosis reasoning improves MedQA and PubMedQA accuracy."),
    ("面向医学的指令微调", "MedInstruct在MedQA与PubMedQA上超过同规模模型。",
     "Instruction tuning for medicine, evaluated on MedQA and PubMedQA."),
]


def test_same_topic_papers_whose_abstracts_name_the_dataset_pass_with_sources(tmp_path):
    records = [(title, summary) for title, summary, _ in SAME_TOPIC]
    paths = write_digests(tmp_path, [records[0:2], records[2:4], records[4:6]])
    abstracts = [(title, abstract) for title, _, abstract in SAME_TOPIC]
    sources = write_sources(tmp_path, [abstracts[0:2], abstracts[2:4], abstracts[4:6]])
    assert not flagged(lint_paths(paths, config=SELECT, sources=sources))
    # Titles alone cannot tell these from a leak; the abstracts can.
    assert len(flagged(lint_paths(paths, config=SELECT))) == len(SAME_TOPIC)


def test_name_keys_join_spellings_of_one_name():
    assert name_key("MIRAGE-7B") == name_key("Mirage7B") == "mirage7b"
    assert name_key("LLMs") == "llm"


COMMON = frozenset(map(name_key, common_terms() | generic_terms()))


def paper(summary: str, title: str) -> Paper:
    return Paper(file="d.md", line=1, end_line=1, title=title, sections=[Section(text=summary, line=1, end_line=1)])


def names_of(summary: str, title: str = "A Study of Something"):
    """(foreign, own) name keys of one summary, alone in its input."""
    found = paper_names(paper(summary, title), COMMON)
    foreign, own = foreign_names(found, expansions([found]), written_names(found, SourceFacts(title)))
    return sorted(foreign), sorted(own)


def test_foreign_names_are_the_ones_the_title_does_not_write():
    assert names_of("BASE TTS는 YourTTS보다 자연스럽습니다.", "Lessons from Building a Base Model for TTS") \
        == (["basetts", "yourtts"], [])  # adjacent name words are one name; "Base … TTS" is not BASE TTS
    assert names_of("Light-A-Video relights videos.", "Training-free Video Relighting with Light") \
        == (["lightavideo"], [])  # a family word of the title is not the name
    assert names_of("KGQA is solved by TinyKG.", "Knowledge Graph Question Answering with Small Models") \
        == (["tinykg"], ["kgqa"])  # an acronym as the initials of the title's words


def test_adjacent_name_words_are_one_name_not_a_constellation():
    assert names_of("SHapley Additive exPlanations(SHAP)와 PASCAL VOC를 씁니다.") == (
        ["pascalvoc", "shap", "shapleyadditiveexplanations"], [])


def test_name_runs_are_those_of_a_walk_over_every_token():
    """``_name_spans`` skips lowercase tokens in C: it must find the runs that a walk over every
    ``LATIN_TOKEN`` finds, a run going on while adjacent tokens (one space apart) may join a name."""

    def walked(text: str) -> list[tuple[int, int]]:
        spans, run, joins, end = [], None, False, -1
        for m in LATIN_TOKEN.finditer(text):
            named = looks_like_name(m.group(), compound=True)
            joinable = named or m.group()[0].isupper()
            if run and not (joins and joinable and text[end:m.start()] == " "):
                spans.append(run)
                run = None
            joins, end = joinable, m.end()
            if named:
                run = (run[0] if run else m.start(), m.end())
        return spans + [run] if run else spans

    rng = random.Random(15)
    alphabet = "aZ09 -.b가x-Q7.중 AbSH "
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 50))) for _ in range(20000)]
    texts += ["PASCAL VOC on gpt-4 and Llama-3.1.", "abc.def-Gh x3-based 3D-GS", "SHapley Additive exPlanations",
              "Chain-of-Retrieval Augmented Generation (CoRAG)", "MIRAGE-7B는 KGQA 과제에서", "lower only text"]
    as_310 = greedy(_NEXT_TOKEN)
    for text in texts:
        assert list(_name_spans(text)) == walked(text), text
        assert as_310.findall(text) == _NEXT_TOKEN.findall(text), text


def test_a_spelled_out_acronym_is_one_name():
    assert names_of("전문가 혼합(Mixture-of-Experts, MoE) 구조의 MoE-Lite를 제안합니다.") == (["moe", "moelite"], [])


def test_an_expansion_counts_as_its_acronym_across_summaries():
    """One summary writes both; another only the expansion: both name "corag"."""
    both = paper_names(paper("Chain-of-Retrieval (CoRAG) retrieves step by step.", "A"), COMMON)
    alone = paper_names(paper("Chain-of-Retrieval is tested on KILT.", "B"), COMMON)
    alias = expansions([both, alone])
    assert sorted(foreign_names(alone, alias, written_names(alone, SourceFacts("B")))[0]) == ["corag", "kilt"]
    assert sorted(foreign_names(both, alias, written_names(both, SourceFacts("A")))[0]) == ["corag"]


def test_a_papers_title_and_abstract_are_its_sources_facts_when_the_titles_agree():
    """Read from the digest's cache when the source rules built them; never added to it."""
    source = Source("2407.00001", "GraphMind: Memory for Robots.", "We present GraphMind, a KG memory.")
    summary = "GraphMind은 로봇 메모리입니다."
    ctx = SimpleNamespace(digest_cache={})
    alone = _facts(ctx, paper(summary, "GraphMind: Memory for Robots"), source)
    assert ctx.digest_cache == {"source_facts": {}} and alone.text == SourceFacts.of(source).text
    built = source_facts(ctx, source)
    assert _facts(ctx, paper(summary, "GraphMind: Memory for Robots"), source) is built
    renamed = _facts(ctx, paper(summary, "GraphMind v2"), source)
    assert renamed is not built and renamed.text.startswith("GraphMind v2.")
