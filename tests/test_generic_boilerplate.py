import re

from conftest import SEED
from content_digest import entry, findings, lint

from summary_lint import lint_paths, lint_text
from summary_lint.checks.generic_boilerplate import Phrase, generic_matches, phrase_index
from summary_lint.text.casefold import ascii_lower, lowercase_pattern
from summary_lint.text.specificity import generic_terms, measure

RULE = "generic-boilerplate"

FILLER = (
    "이 논문에서는 새로운 딥러닝 모델을 소개합니다. 이 모델은 높은 정확도와 효율성을 자랑합니다.",
    ("제안된 모델은 Transformer 아키텍처를 기반으로 하며 멀티-헤드 어텐션 메커니즘을 사용합니다. "
     "데이터 전처리와 하이퍼파라미터 튜닝으로 성능을 높였습니다."),
    "다양한 벤치마크 데이터셋에서 기존 모델 대비 15% 향상된 성능을 보였습니다.",
)


def test_generic_filler_fails_the_paper():
    report = lint(entry("OrbitNet: Satellite Orbit Prediction with Graph Kernels", *FILLER), rules=[RULE])
    [finding] = findings(report, RULE)
    assert finding.severity == "error"
    assert report.papers[0].verdict == "fail"
    assert "new deep learning model" in finding.message and "none" in finding.message
    assert finding.evidence.startswith("새로운 딥러닝 모델")


def test_pure_korean_faithful_summary_with_named_benchmarks_passes():
    report = lint(entry(
        "Neural Radiance Fields for Glass Objects",
        "유리처럼 빛을 굴절시키는 물체를 위한 신경 복사 필드 방법을 제안합니다.",
        "굴절 경로를 따라 광선을 휘게 하고, 표면 법선을 함께 추정하여 투명한 물체의 형상을 복원합니다.",
        "Blender 합성 데이터에서 PSNR 31.2를 기록해 기존 최고치보다 1.4 높았고, 실제 촬영 장면에서도 "
        "경계가 선명한 결과를 보였습니다.",
    ), rules=[RULE])
    assert findings(report, RULE) == []


def test_one_stray_generic_phrase_in_a_specific_summary_is_no_finding():
    report = lint(entry(
        "GlassNeRF: Refraction-Aware Radiance Fields",
        "GlassNeRF라는 굴절을 고려한 신경 복사 필드를 제안하며, 새로운 방법을 제시합니다. "
        "Transformer 아키텍처를 기반으로 광선 경로를 예측합니다.",
        "GlassNeRF는 Snell 법칙을 미분 가능한 렌더러에 넣고 IoR-Net으로 굴절률을 추정합니다.",
        "다양한 벤치마크에서 좋았고, Eikonal-Glass 데이터셋에서 PSNR 31.2로 Ref-NeRF보다 1.4 높았습니다.",
    ), rules=[RULE])
    assert findings(report, RULE) == []


def test_english_filler_fires():
    report = lint(entry(
        "OrbitNet: Satellite Orbit Prediction with Graph Kernels",
        "This arXiv paper introduces a novel deep learning model with higher accuracy and efficiency.",
        "It is based on the Transformer architecture, with hyperparameter tuning and data preprocessing.",
        "It outperformed existing models by 15% compared to existing models on various benchmark datasets.",
    ), rules=[RULE])
    assert [f.severity for f in findings(report, RULE)] == ["error"]


def test_chinese_and_japanese_filler_fire():
    chinese = entry("OrbitNet: Satellite Orbit Prediction",
                    "本文提出了一种新的深度学习模型，具有更高的准确率和效率。",
                    "该模型基于Transformer架构。",
                    "在多个基准数据集上取得了最佳结果，比现有模型提高了15%。")
    japanese = entry("OrbitNet: Satellite Orbit Prediction",
                     "本論文では新しい深層学習モデルを提案する。高い精度と効率を実現した。",
                     "Transformerアーキテクチャに基づく。",
                     "様々なベンチマークで最高の性能を示し、既存モデルと比較して15%向上した。", arxiv="2501.00002")
    report = lint(chinese, japanese, rules=[RULE])
    assert findings(report, RULE, 0) and findings(report, RULE, 1)


def test_specificity_counts_title_terms_system_name_and_names_but_not_textbook_terms():
    generic = generic_terms()
    specific = measure("ChartGemma: Visual Instruction-tuning for Chart Reasoning",
                       "ChartGemma는 PaliGemma 백본을 쓰며 chart 데이터로 학습했습니다.", generic)
    assert specific.system_named and "chartgemma" in specific.title_terms
    assert specific.names == ("PaliGemma",)
    filler = measure("ChartGemma: Visual Instruction-tuning for Chart Reasoning",
                     "Transformer와 BERT로 GLUE, ImageNet에서 CNN보다 좋았습니다.", generic)
    assert filler.count == 0


def test_user_phrase_pack_extends_the_builtin_one(tmp_path):
    (tmp_path / "phrases").mkdir()
    (tmp_path / "phrases" / "ko.toml").write_text(
        "[[phrase]]\nname = \"house filler\"\npattern = '획기적인\\s*위젯'\nweight = 3\n", encoding="utf-8")
    text = entry("OrbitNet: Satellite Orbit Prediction", "획기적인 위젯을 소개합니다.",
                 "여러 단계로 구성됩니다.", "좋은 결과를 보였습니다.")
    assert findings(lint(text, rules=[RULE]), RULE) == []
    extended = lint(text, rules=[RULE], rules_path=[str(tmp_path)])
    assert "house filler" in findings(extended, RULE)[0].message


def test_seed_digest_flags_exactly_the_four_filler_entries():
    report = lint_paths([str(SEED)], config={"select": [RULE]})
    flagged = {p.title.split(":")[0] for p in report.papers if p.verdict == "fail"}
    assert flagged == {"AriGraph", "Stark", "Safe Unlearning", "DotaMath"}


def test_summary_of_author_instructions_fails_even_though_it_names_things():
    report = lint(entry(
        "OrbitNet: Satellite Orbit Prediction with Graph Kernels",
        "WIDGETCONF 2031 논문 제출 지침을 안내합니다. 본문은 최대 8페이지로 제한됩니다.",
        "widgetconf2031.sty 스타일 파일을 사용하고, 본문은 10포인트 글꼴로 작성합니다.",
        "카메라 레디 버전은 US Letter 크기로 준비해야 합니다.",
    ), rules=[RULE])
    [finding] = findings(report, RULE)
    assert finding.severity == "error" and "paper template" in finding.message
    one_mention = lint(entry("Long-Context Summarization under a Page Limit",
                             "긴 문서를 요약하되 결과를 최대 2페이지로 제한하는 방법을 제안합니다.",
                             "PageSum은 문단 중요도를 예측합니다.", "arXiv 요약 데이터에서 ROUGE-L 41.2를 얻었습니다."),
                       rules=[RULE])
    assert findings(one_mention, RULE) == []


def test_phrases_match_any_ascii_case_and_keep_escapes():
    assert lowercase_pattern(r"GPU\s*\S+\W[A-Z]\b") == r"gpu\s*\S+\W[a-z]\b"
    phrases = phrase_index([Phrase("gpu", re.compile(lowercase_pattern(r"GPU\s+Cluster\b"), re.ASCII), 2)])
    found = generic_matches("대규모 gpu CLUSTER로 학습", phrases)["filler"]
    assert found["gpu"][1].span() == (4, 15)


def test_ascii_lower_changes_ascii_letters_only_and_keeps_offsets():
    text = "GPU 클러스터 ÄΣ İstanbul \udc80 Ωmega"
    assert ascii_lower(text) == "gpu 클러스터 ÄΣ İstanbul \udc80 Ωmega"


def test_finding_points_at_the_line_of_a_continued_section():
    text = ("### [OrbitNet: Satellite Orbit Prediction](https://arxiv.org/abs/2501.00001)\n\n"
            "- **What's New**: 궤도 예측을 다룹니다.\n  이 논문은 새로운 딥러닝 모델을 소개합니다.\n"
            "- **Technical Details**: Transformer 아키텍처를 기반으로 하이퍼파라미터 튜닝을 했습니다.\n")
    [finding] = lint_text(text, config={"select": [RULE]}).papers[0].findings
    assert (finding.line, finding.evidence) == (4, "새로운 딥러닝 모델")
