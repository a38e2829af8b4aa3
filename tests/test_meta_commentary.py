"""meta-commentary (C005): summaries that talk about their source or themselves, not the paper.

All texts are written for these tests (no corpus text)."""

import json

import pytest
from content_digest import digest, entry, findings, lint

from summary_lint import lint_text
from summary_lint.errors import ConfigError

RULE = "meta-commentary"
TITLE = "AbsNet: Label-Free Widget Segmentation"
WHATS_NEW = "AbsNet은 라벨 없이 위젯을 분할하는 모델입니다."
DETAILS = "AbsNet은 위젯 경계를 대조 학습으로 찾고, 두 단계로 마스크를 다듬습니다."
RESULTS = "WidgetSeg 벤치마크에서 mIoU 71.4를 기록해 SAM보다 3.2 높았습니다."
FIRST_LINE = 9  # the first summary bullet of a one-entry digest from content_digest


def meta_findings(*sections):
    report = lint(entry(TITLE, *sections), rules=[RULE])
    return report, findings(report, RULE)


@pytest.mark.parametrize("meta", [
    # English
    "The abstract does not state the dataset size.",
    "The provided abstract lacks details on the training data.",
    "Specific numbers are not mentioned in the abstract.",
    "The given text does not specify the training budget.",
    "According to the abstract, AbsNet segments widgets.",
    "The paper's details are not available, so this is inferred from the title.",
    "As an AI model, I cannot read the PDF.",
    "I cannot access the full paper.",
    "Here is a summary of the paper AbsNet.",
    "This JSON format provides a structured summary of the key points.",
    # Korean
    "초록에는 학습 데이터의 규모가 제시되어 있지 않다.",
    "논문의 초록에서는 구체적인 수치가 언급되지 않았습니다.",
    "구체적인 성능 지표는 제공되지 않았으나 방법은 단순합니다.",
    "제공된 정보만으로는 성능을 판단하기 어렵습니다.",
    "요약하자면 다음과 같습니다: AbsNet은 위젯을 분할합니다.",
    "다음은 이 논문에 대한 요약입니다.",
    "AI 언어 모델로서 저는 논문 전문에 접근할 수 없습니다.",
    # Chinese
    "摘要中未提及具体的实验数据。",
    "摘要没有给出具体的性能指标。",
    "作为一个AI语言模型，我无法访问论文全文。",
    "以下是对该论文的总结：AbsNet用于分割小部件。",
    "仅凭摘要无法确定模型规模。",
    "代码已开源（原文中的链接已省略）。",
])
def test_meta_commentary_in_each_language_is_an_error(meta):
    report, [finding] = meta_findings(WHATS_NEW, DETAILS + " " + meta, RESULTS)
    assert finding.severity == "error" and finding.penalty == 30
    assert finding.evidence == meta
    assert report.papers[0].verdict == "warn"


@pytest.mark.parametrize("content", [
    # English: the paper's own negations, "abstract" as an adjective, quoted refusals
    "This paper does not require labels, and the model does not need human annotation.",
    "We did not observe any degradation on ARC abstract reasoning tasks.",
    "AbsNet improves abstractive summarization on XSum by 2.1 ROUGE-L.",
    "The abstract syntax tree does not contain loops, so the checker is fast.",
    "The model generates widgets based on the provided text prompt.",
    "Refusals such as 'As an AI language model, I cannot help' were counted.",
    # Korean: the authors' voice, a paper about summarization, "in summary", conditionals
    "우리는 라벨 없이 학습하는 AbsNet을 제안한다. 이 방법은 추가 주석을 필요로 하지 않습니다.",
    "저희는 위젯 분할을 위한 새로운 손실 함수를 제시합니다.",
    "이 논문은 요약 모델이 원문에 포함되지 않은 정보를 생성하는 환각 문제를 다룹니다.",
    "생성된 요약문은 ROUGE-L 41.2를 기록했습니다.",
    "생성된 요약문에는 원문에 없는 정보가 포함되지 않았습니다.",
    "초록색 물체에는 반사광이 포함되어 있지 않습니다.",
    "기존 벤치마크는 정확한 데이터가 제공되지 않아 재현이 어렵습니다.",
    "요약하자면, 우리는 AbsNet이 위젯 분할을 발전시킬 수 있음을 보였습니다.",
    "주요 기여를 요약하면 다음과 같습니다: 1) 새 데이터셋, 2) 새 모델.",
    "PubMed 초록으로 사전 학습한 모델입니다.",
    "정확한 정보가 제공되지 않으면 모델은 환각을 일으킵니다.",
    "이 모델은 주어진 텍스트를 바탕으로 이미지를 생성합니다.",
    "세부 정보가 공개되지 않은 독점 모델과 비교했습니다.",
    # Chinese: 本文, the authors' 我们, summarization as a task, "summarized as follows"
    "本文提出了AbsNet，不需要任何标注。我们没有观察到性能下降。",
    "生成的摘要中未提及的实体被视为幻觉。文本摘要模型在XSum上提升了2.1分。",
    "主要贡献总结如下：提出了新的数据集。",
    "该研究未说明其他层如何贡献于目标概念。",
    "传统方法需要阅读全文才能回答问题，而详细信息没有提供给模型。",
])
def test_paper_content_that_looks_like_meta_commentary_passes(content):
    assert meta_findings(WHATS_NEW, content, RESULTS)[1] == []


def test_finding_points_at_the_first_meta_sentence():
    meta = "초록에는 학습 데이터의 규모가 제시되어 있지 않습니다."
    _, [finding] = meta_findings(WHATS_NEW, DETAILS + " " + meta, RESULTS)
    assert (finding.line, finding.column) == (FIRST_LINE + 1, len("- **Technical Details**: ") + len(DETAILS) + 2)
    assert finding.section == "Technical Details"
    assert finding.message == ("summary comments on its source instead of the paper: "
                               "says the abstract or provided text does not state something")


def test_a_section_that_is_only_meta_commentary_fails_the_paper():
    report, [finding] = meta_findings(WHATS_NEW, DETAILS, "논문의 초록에서는 구체적인 수치가 언급되지 않았습니다.")
    assert finding.penalty == 60 and report.papers[0].verdict == "fail"
    assert finding.message.endswith("; section 'Performance Highlights' says nothing else")


def test_a_meta_clause_beside_content_does_not_make_the_section_meta_only():
    _, [finding] = meta_findings(WHATS_NEW, DETAILS, "mIoU 71.4를 기록했지만, 초록에는 비교 대상이 명시되어 있지 않습니다.")
    assert finding.penalty == 30


def test_two_meta_sentences_fail_and_one_sentence_counts_once():
    report, [finding] = meta_findings(
        "Here is a summary of the paper AbsNet. AbsNet segments widgets without labels.",
        DETAILS + " The abstract does not state the dataset size.", RESULTS)
    assert finding.penalty == 60 and report.papers[0].verdict == "fail"
    assert "(2 meta sentences)" in finding.message and finding.line == FIRST_LINE
    _, [once] = meta_findings(WHATS_NEW, DETAILS + " AI 언어 모델로서 저는 논문 전문에 접근할 수 없습니다.", RESULTS)
    assert once.penalty == 30 and "meta sentences" not in once.message  # two patterns, one sentence


def test_fail_sentences_option():
    text = entry(TITLE, "Here is a summary of AbsNet. AbsNet segments widgets.", DETAILS,
                 RESULTS + " The abstract does not state the dataset size.")
    report = lint_text(digest(text), config={"select": [RULE], "rules": {RULE: {"fail-sentences": 3}}})
    assert [f.penalty for f in findings(report, RULE)] == [30]


def test_json_records_are_checked_too():
    record = {"arxiv_id": "2501.00001", "title": TITLE, "sections": {
        "background": "小部件分割需要大量标注。", "innovation": "AbsNet无需标注即可分割小部件。",
        "conclusion": "实验表明AbsNet优于基线。摘要没有给出具体的性能指标。"}}
    report = lint_text(json.dumps(record, ensure_ascii=False) + "\n", name="day.jsonl", config={"select": [RULE]})
    [finding] = findings(report, RULE)
    assert finding.evidence == "摘要没有给出具体的性能指标。" and finding.section == "conclusion"


def test_user_meta_pack_adds_a_pattern(tmp_path):
    (tmp_path / "meta").mkdir()
    (tmp_path / "meta" / "ko.toml").write_text(
        '[[pattern]]\nid = "house-disclaimer"\nkind = "preamble"\ndescription = "house disclaimer"\n'
        "pattern = 'AI가\\s*자동\\s*생성한\\s*요약입니다'\n", encoding="utf-8")
    text = entry(TITLE, WHATS_NEW, DETAILS, RESULTS + " ai가 자동 생성한 요약입니다.")  # ASCII case is ignored
    assert findings(lint(text, rules=[RULE]), RULE) == []
    [finding] = findings(lint(text, rules=[RULE], rules_path=[str(tmp_path)]), RULE)
    assert finding.message == "summary introduces itself instead of the paper: house disclaimer"


def test_a_bad_user_pattern_is_a_configuration_error(tmp_path):
    (tmp_path / "meta").mkdir()
    (tmp_path / "meta" / "en.toml").write_text(
        '[[pattern]]\nid = "odd"\nkind = "gossip"\ndescription = "odd"\npattern = "odd"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"meta/en\.toml: pattern 'odd': unknown kind 'gossip'"):
        lint(entry(TITLE, WHATS_NEW, DETAILS, RESULTS), rules=[RULE], rules_path=[str(tmp_path)])
