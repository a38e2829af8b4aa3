"""Synthetic leaked texts for the scale benchmark (our own writing, not corpus text).

Each leak is a summary of three sections; each sentence has several hand-written variants:
two Korean wordings and an English one. ``paraphrase`` picks a variant per sentence, shuffles
the sentences of a section and swaps a few words, so that every copy is worded differently,
partly in English and partly in Korean: the way a model rewrites a leaked prompt example.
"""

from __future__ import annotations

import random

LABELS = ("What's New", "Technical Details", "Performance Highlights")

LEAKS: list[list[list[tuple[str, ...]]]] = [
    [  # a few-shot example about a fictional agent
        [
            ("본 논문은 지식 그래프와 에피소드 기억을 결합한 LLM 에이전트 MemoGraph-7B를 제안합니다.",
             "이 연구는 에피소드 기억과 지식 그래프를 함께 쓰는 LLM 에이전트인 MemoGraph-7B를 소개합니다.",
             "This paper proposes MemoGraph-7B, an LLM agent that combines a knowledge graph with episodic memory."),
            ("기존 에이전트는 긴 탐색 과정에서 과거 관찰을 잊어버리는 한계가 있었습니다.",
             "지금까지의 에이전트들은 탐색이 길어지면 이전에 본 관찰을 기억하지 못했습니다.",
             "Earlier agents forget past observations during long explorations."),
        ],
        [
            ("MemoGraph-7B는 TextWorld를 탐색하며 얻은 관찰을 그래프 노드로 저장하고 계획 단계에서 검색합니다.",
             "에이전트는 TextWorld 탐색 중의 관찰을 노드 형태로 그래프에 기록한 뒤, 계획을 세울 때 불러옵니다.",
             "While exploring TextWorld, MemoGraph-7B stores observations as graph nodes and retrieves them for planning."),
            ("학습에는 A100 GPU 8장으로 약 3일이 소요되었습니다.",
             "훈련은 8개의 A100 GPU에서 대략 3일이 걸렸습니다.",
             "Training took about 3 days on 8 A100 GPUs."),
        ],
        [
            ("실험에서 성공률은 ReAct의 41.2%에서 67.5%로 향상되었습니다.",
             "ReAct와 비교하면 성공률이 41.2%에서 67.5%까지 올라갔습니다.",
             "The success rate rose from 41.2% with ReAct to 67.5%."),
            ("특히 50단계 이상의 긴 과제에서 개선 폭이 가장 컸습니다.",
             "개선은 50단계가 넘는 긴 과제에서 특히 두드러졌습니다.",
             "The gain was largest on long tasks of more than 50 steps."),
        ],
    ],
    [  # a template the pipeline's prompt carried by mistake
        [
            ("이 논문은 저해상도 위성 영상에서 농지 경계를 찾는 분할 모델 FieldSeg를 소개합니다.",
             "저해상도 위성 사진으로 농지의 경계를 분할하는 FieldSeg 모델이 이 논문의 주제입니다.",
             "The paper introduces FieldSeg, a segmentation model that finds farm field boundaries in low-resolution satellite images."),
            ("수작업 라벨이 부족한 지역에서도 쓸 수 있도록 설계되었습니다.",
             "사람이 만든 라벨이 적은 지역에서도 활용할 수 있게 만들어졌습니다.",
             "It is designed for regions where hand-made labels are scarce."),
        ],
        [
            ("FieldSeg는 Sentinel-2 영상 12개 밴드를 입력으로 받아 U-Net 디코더로 경계 지도를 출력합니다.",
             "입력은 Sentinel-2의 12개 밴드 영상이며, U-Net 디코더가 경계 지도를 만들어 냅니다.",
             "FieldSeg takes the 12 bands of Sentinel-2 imagery and outputs a boundary map with a U-Net decoder."),
            ("의사 라벨은 토지 등기 데이터 1만 2천 건에서 자동으로 만들었습니다.",
             "토지 등기 기록 12,000건으로부터 의사 라벨을 자동 생성했습니다.",
             "Pseudo-labels were generated automatically from 12,000 land registry records."),
        ],
        [
            ("FieldSeg는 경계 IoU 0.71을 기록해 기존 최고 모델보다 9포인트 높았습니다.",
             "경계 IoU가 0.71로, 이전 최고 성능보다 9포인트 앞섰습니다.",
             "FieldSeg reaches a boundary IoU of 0.71, 9 points above the previous best model."),
            ("추론은 GPU 한 장에서 타일당 40밀리초가 걸립니다.",
             "타일 하나를 처리하는 데 GPU 한 장으로 40밀리초면 충분합니다.",
             "Inference takes 40 ms per tile on a single GPU."),
        ],
    ],
    [  # filler the model pasted into several papers of a day
        [
            ("연구진은 음성 명령을 로봇 팔의 동작 계획으로 바꾸는 VoxArm 시스템을 발표했습니다.",
             "VoxArm은 말로 내린 명령을 로봇 팔이 수행할 동작 계획으로 변환하는 시스템입니다.",
             "The authors present VoxArm, a system that turns spoken commands into motion plans for a robot arm."),
            ("주방 보조 작업을 주요 응용 분야로 삼고 있습니다.",
             "주요 활용처는 부엌에서의 보조 작업입니다.",
             "Kitchen assistance is its main application."),
        ],
        [
            ("Whisper로 음성을 텍스트로 옮긴 뒤 계획기가 6자유도 궤적을 생성합니다.",
             "먼저 Whisper가 음성을 받아쓰고, 이어서 계획기가 6자유도 궤적을 만듭니다.",
             "Speech is transcribed with Whisper, then a planner produces 6-DoF trajectories."),
            ("충돌 검사는 깊이 카메라의 점구름으로 매 0.2초마다 수행됩니다.",
             "깊이 카메라 점구름을 이용해 0.2초 간격으로 충돌 여부를 검사합니다.",
             "Collision checks run every 0.2 seconds on depth-camera point clouds."),
        ],
        [
            ("200개 명령 중 173개를 성공적으로 수행해 86.5%의 성공률을 보였습니다.",
             "전체 200개 명령에서 173개를 완수했으며 성공률은 86.5%였습니다.",
             "It completed 173 of 200 commands, a success rate of 86.5%."),
            ("사용자 평가에서 응답 지연은 평균 1.8초로 측정되었습니다.",
             "사용자 실험에서 평균 응답 지연은 1.8초였습니다.",
             "In the user study the average response delay was 1.8 seconds."),
        ],
    ],
]

# Word swaps a model makes when it rewrites Korean text (applied to some copies).
SWAPS = {
    "제안합니다": "내놓았습니다", "소개합니다": "선보입니다", "향상되었습니다": "개선되었습니다",
    "실험에서": "평가에서", "기존": "이전", "약": "대략", "특히": "무엇보다", "기록해": "달성해",
    "수행합니다": "진행합니다", "생성합니다": "만들어 냅니다", "보였습니다": "나타냈습니다",
}


def paraphrase(sections: list[list[tuple[str, ...]]], rng: random.Random, english: float = 0.3) -> list[str]:
    """One reworded copy of a leak: a variant per sentence, sentences shuffled, a few words swapped."""
    out = []
    for sentences in sections:
        chosen = []
        for variants in sentences:
            korean = variants[:-1]
            text = variants[-1] if rng.random() < english else rng.choice(korean)
            for word, other in SWAPS.items():
                if word in text and rng.random() < 0.5:
                    text = text.replace(word, other)
            chosen.append(text)
        rng.shuffle(chosen)
        out.append(" ".join(chosen))
    return out
