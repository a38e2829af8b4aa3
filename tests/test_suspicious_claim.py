from content_digest import entry, findings, lint

from summary_lint.checks.suspicious_claim import load_metrics

RULE = "suspicious-claim"
ROBOT = "DexHand: Dexterous Robot Manipulation with Tactile Feedback"


def test_bleu_in_a_robotics_paper_is_a_warning():
    report = lint(entry(ROBOT, "DexHand는 사람 손 영상에서 파지 동작을 배웁니다.",
                        "손가락 관절 궤적을 로봇 손으로 옮깁니다.",
                        "BLEU 점수가 41.3으로 가장 높았습니다."), rules=[RULE])
    [finding] = findings(report, RULE)
    assert finding.severity == "warning" and finding.penalty == 25
    assert "BLEU" in finding.message and "robotics" in finding.message
    assert report.papers[0].verdict == "warn"


def test_mismatched_metric_plus_bare_gain_is_one_error_that_fails():
    report = lint(entry(ROBOT, "새로운 방법을 제안합니다.", "여러 단계로 학습합니다.",
                        "GLUE 점수가 높았습니다. 기존 모델 대비 15% 향상된 성능을 보였습니다."), rules=[RULE])
    found = findings(report, RULE)
    assert {f.severity for f in found} == {"error"}
    assert sum(f.penalty for f in found) == 60
    assert report.papers[0].verdict == "fail"


def test_metric_of_the_papers_own_field_with_named_baseline_passes():
    report = lint(entry("FlowVoice: Fast Speech Synthesis with Flow Matching",
                        "FlowVoice는 흐름 정합으로 음성을 합성합니다.",
                        "4단계 샘플링으로 멜 스펙트로그램을 만듭니다.",
                        "MOS 4.31로 VITS보다 0.2 높고 WER은 2.1%였으며, Grad-TTS 대비 12% 빠릅니다."), rules=[RULE])
    assert findings(report, RULE) == []


def test_imagenet_top1_in_a_speech_paper_fires():
    report = lint(entry("FlowVoice: Fast Speech Synthesis with Flow Matching", "음성 합성 모델입니다.",
                        "여러 단계로 구성됩니다.", "ImageNet에서 Top-1 정확도 84%를 기록했습니다."), rules=[RULE])
    assert [f.message.split(" (")[0] for f in findings(report, RULE)] == ["ImageNet"]


def test_bare_gain_without_baseline_is_a_mild_warning_and_named_baseline_is_not():
    bare = entry("Sparse Attention Kernels", "희소 어텐션 커널을 제안합니다.", "블록 단위로 계산합니다.",
                 "기존 방법보다 30% 빠릅니다.")
    named = entry("Sparse Attention Kernels", "희소 어텐션 커널을 제안합니다.", "블록 단위로 계산합니다.",
                  "기존 방법인 FlashAttention-2보다 30% 빠릅니다.", arxiv="2501.00002")
    report = lint(bare, named, rules=[RULE])
    [finding] = findings(report, RULE, 0)
    assert finding.severity == "warning" and finding.penalty == 10 and "30%" in finding.message
    assert findings(report, RULE, 1) == []


def test_title_without_a_known_field_is_not_judged_and_title_named_metric_is_fine():
    vague = entry("On the Limits of Scaling", "분석 논문입니다.", "여러 실험을 했습니다.", "BLEU와 GLUE를 함께 봅니다.")
    atari = entry("World Models with Diffusion for Atari Games and Image Synthesis", "확산 모델 기반 세계 모델입니다.",
                  "여러 단계로 구성됩니다.", "Atari 100k에서 사람 점수를 넘었습니다.", arxiv="2501.00002")
    report = lint(vague, atari, rules=[RULE])
    assert findings(report, RULE, 0) == [] and findings(report, RULE, 1) == []


def test_metric_pack_domains_are_known():
    pack = load_metrics()
    known = {name for name, _ in pack.domains}
    assert pack.metrics and all(m.domains <= known for m in pack.metrics)
    assert pack.title_domains("Humanoid Locomotion from Video") == {"robotics", "vision"}


def test_user_metrics_pack_adds_a_metric(tmp_path):
    (tmp_path / "metrics.toml").write_text(
        "[[metric]]\nname = \"WidgetScore\"\npattern = 'WidgetScore\\b'\ndomains = [\"speech\"]\n", encoding="utf-8")
    text = entry(ROBOT, "DexHand는 촉각 피드백으로 물체를 잡습니다.", "손가락마다 압력을 읽습니다.",
                 "WidgetScore가 0.93이었습니다.")
    assert findings(lint(text, rules=[RULE]), RULE) == []
    [finding] = findings(lint(text, rules=[RULE], rules_path=[str(tmp_path)]), RULE)
    assert finding.message.startswith("WidgetScore (speech metric)")
