import re

import pytest
from conftest import SEED
from content_digest import digest, entry, findings, lint

from summary_lint import lint_paths
from summary_lint.checks.wrong_language import _langdetect_factory, read_counts, script_counts_each
from summary_lint.text import scripts
from summary_lint.text.scripts import FEW_OTHERS, SCRIPTS, _range_counts, letter_counts_each, letter_script

RULE = "wrong-language"
TITLE = "EVE: Encoder-Free Vision-Language Models"
KOREAN = ("EVE는 별도의 비전 인코더 없이 이미지를 직접 받아들이는 비전-언어 모델(VLM)입니다.",
          "이미지 조각을 언어 모델에 바로 넣고, 사전 학습 단계에서 시각 표현을 함께 익힙니다.",
          "공개 데이터 3천5백만 건만으로 인코더 기반 모델과 비슷한 성능을 보였습니다.")
ENGLISH = ("EVE is a vision-language model that takes image patches without a separate vision encoder.",
           "Image patches are fed straight into the language model and aligned during pre-training.",
           "With only 35M public samples it matches encoder-based models of the same size.")


def script_counts(text):
    return script_counts_each([text])[0]


def read_scripts(text):
    return read_counts(script_counts(text))


def test_english_summary_in_a_korean_digest_is_an_error_that_fails():
    report = lint(entry(TITLE, *ENGLISH), rules=[RULE], language="ko")
    [finding] = findings(report, RULE)
    assert finding.severity == "error" and "English" in finding.message and "not Korean" in finding.message
    assert report.papers[0].verdict == "fail"


def test_pure_korean_summary_passes():
    assert findings(lint(entry(TITLE, *KOREAN), rules=[RULE], language="ko"), RULE) == []


def test_korean_summary_heavy_with_english_terms_is_a_warning_at_most():
    heavy = ("EVE는 encoder-free VLM으로 high-resolution image input을 direct하게 processing합니다.",
             "Patch embedding layer와 LLM decoder 사이의 alignment를 pre-training stage에서 학습합니다.",
             "35M public samples만으로 encoder-based VLMs와 comparable한 performance를 보입니다.")
    found = findings(lint(entry(TITLE, *heavy), rules=[RULE], language="ko"), RULE)
    assert found and all(f.severity == "warning" for f in found)
    terms = ("EVE는 인코더 없는(encoder-free) 비전-언어 모델(Vision-Language Model, VLM)입니다.",) + KOREAN[1:]
    assert findings(lint(entry(TITLE, *terms), rules=[RULE], language="ko"), RULE) == []


def test_one_english_section_is_reported_on_that_section_without_failing():
    report = lint(entry(TITLE, KOREAN[0], KOREAN[1], ENGLISH[2]), rules=[RULE], language="ko")
    [finding] = findings(report, RULE)
    assert finding.section == "Performance Highlights" and finding.penalty == 30
    assert report.papers[0].verdict == "warn"


def test_japanese_and_chinese_summaries():
    japanese = ("EVEは視覚エンコーダを使わずに画像を直接扱う視覚言語モデルです。",
                "画像パッチを言語モデルにそのまま入力し、事前学習で視覚表現を学びます。",
                "公開データ三千五百万件だけで、エンコーダを持つモデルと同等の性能を示しました。")
    chinese = ("EVE是一种不使用视觉编码器、直接处理图像的视觉语言模型。",
               "图像块被直接输入语言模型，并在预训练阶段学习视觉表示。",
               "仅使用三千五百万条公开数据，就达到了与基于编码器的模型相当的性能。")
    in_korean = lint(entry(TITLE, *japanese), entry(TITLE, *chinese, arxiv="2501.00002"), rules=[RULE], language="ko")
    assert "Japanese" in findings(in_korean, RULE, 0)[0].message
    assert "Chinese" in findings(in_korean, RULE, 1)[0].message
    in_japanese = lint(entry(TITLE, *japanese), entry(TITLE, *chinese, arxiv="2501.00002"), rules=[RULE], language="ja")
    assert findings(in_japanese, RULE, 0) == [] and findings(in_japanese, RULE, 1)
    assert findings(lint(entry(TITLE, *chinese), rules=[RULE], language="zh-CN"), RULE) == []


def test_expected_language_is_inferred_from_the_majority_of_the_input():
    entries = [entry(TITLE, *KOREAN, arxiv=f"2501.0000{i}") for i in range(1, 4)]
    report = lint(*entries, entry(TITLE, *ENGLISH, arxiv="2501.00009"), rules=[RULE])
    assert [bool(findings(report, RULE, i)) for i in range(4)] == [False, False, False, True]


CHINESE = ("EVE是一种不使用视觉编码器、直接处理图像的视觉语言模型。", "图像块被直接输入语言模型，并在预训练阶段学习视觉表示。",
           "仅使用三千五百万条公开数据，就达到了与基于编码器的模型相当的性能。")


def test_each_digest_of_a_run_is_judged_in_its_own_language(tmp_path):
    korean = [entry(TITLE, *KOREAN, arxiv=f"2501.0000{i}") for i in range(1, 4)]
    (tmp_path / "ko.md").write_text(digest(*korean, entry(TITLE, *ENGLISH, arxiv="2501.00004")), encoding="utf-8")
    (tmp_path / "zh.md").write_text(digest(*(entry(TITLE, *CHINESE, arxiv=f"2501.0001{i}") for i in range(5))),
                                    encoding="utf-8")
    config = {"select": [RULE]}
    together = lint_paths([str(tmp_path)], config=config)
    flagged = {(p.file.rsplit("/", 1)[-1], p.arxiv_id) for p in together.papers if p.findings}
    assert flagged == {("ko.md", "2501.00004")}  # the Chinese majority of the run does not judge ko.md
    alone = [p for name in ("ko.md", "zh.md") for p in lint_paths([str(tmp_path / name)], config=config).papers]
    assert [p.verdict for p in alone] == [p.verdict for p in together.papers]


def test_a_digest_without_a_majority_language_takes_the_inputs(tmp_path):
    (tmp_path / "a.md").write_text(digest(*(entry(TITLE, *KOREAN, arxiv=f"2501.0000{i}") for i in range(1, 5))),
                                   encoding="utf-8")
    (tmp_path / "b.md").write_text(digest(entry(TITLE, *ENGLISH, arxiv="2501.00011"),
                                          entry(TITLE, *KOREAN, arxiv="2501.00012")), encoding="utf-8")
    report = lint_paths([str(tmp_path)], config={"select": [RULE]})
    assert [p.arxiv_id for p in report.papers if p.findings] == ["2501.00011"]  # a tie in b.md: Korean, the input's


def test_latin_script_languages_are_told_apart_by_langdetect():
    french = ("EVE est un modèle vision-langage qui traite directement les images sans encodeur visuel séparé.",
              "Les morceaux d'image sont fournis au modèle de langue et alignés pendant le pré-entraînement.",
              "Avec seulement 35 millions d'exemples publics, il égale les modèles fondés sur un encodeur.")
    report = lint(entry(TITLE, *ENGLISH), entry(TITLE, *french, arxiv="2501.00002"), rules=[RULE], language="en")
    assert findings(report, RULE, 0) == []
    assert "not English" in findings(report, RULE, 1)[0].message


def test_langdetect_profiles_read_row_by_row_give_langdetects_own_probabilities():
    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY

    DetectorFactory.seed = 0  # as ``detect`` seeds it: otherwise each detector draws its own samples
    eager = DetectorFactory()
    eager.load_profile(PROFILES_DIRECTORY)
    texts = [*ENGLISH, *KOREAN, "EVE est un modèle vision-langage sans encodeur visuel séparé.",
             "这是一个不需要视觉编码器的视觉语言模型。", "視覚エンコーダを使わない視覚言語モデルです。",
             "Это модель без визуального кодировщика."]
    for text in texts:
        read = []
        for factory in (eager, _langdetect_factory()):
            detector = factory.create()
            detector.append(text)
            read.append([(found.lang, found.prob) for found in detector.get_probabilities()])
        assert read[0] == read[1] and read[0], text


def test_script_reading_ignores_parenthesized_terms_urls_and_code():
    reading = read_scripts("지식 그래프(Knowledge Graph Embedding Model)를 https://example.org/a-long-path 와 "
                           "`build_graph()`로 만듭니다.")
    assert reading.language == "ko" and reading.shares["latin"] == 0
    assert read_scripts("ok").language == "latin" and read_scripts("").language is None


def test_hangul_and_ascii_text_counts_like_text_with_other_scripts():
    text = "EVE-7B는 encoder-free 모델입니다."
    assert script_counts(text) == {"hangul": 6, "kana": 0, "han": 0, "latin": 15 * 0.4, "cyrillic": 0}
    mixed = script_counts(text + " é Я 漢")  # one letter more of three other scripts: told one by one
    assert mixed == {"hangul": 6, "kana": 0, "han": 1, "latin": 16 * 0.4, "cyrillic": 0.4}


def test_letter_script_is_the_scripts_classes():
    classes = {name: re.compile(f"[{letters}]") for name, letters in SCRIPTS.items()}
    for char in map(chr, [*range(0x10000), 0x1D400, 0x20000, 0x10FFFF]):
        assert letter_script(char) == next((name for name, rx in classes.items() if rx.match(char)), None), hex(ord(char))


@pytest.mark.parametrize("others", [1, FEW_OTHERS, FEW_OTHERS + 1, 300])
def test_script_counts_are_the_letters_of_each_class(others):
    """Few characters other than ASCII and Hangul are told one by one, more with a pass per script:
    either way, the counts are those of the scripts' classes, letter by letter."""
    pool = "é×ÿĀɏЯяぁヿㇰｦﾟ漢㐀鿿α→“‘"
    text = "EVE-7B는 (괄호 안) `code` 모델입니다 ᄀㄱ " + "".join(pool[i % len(pool)] for i in range(others))
    stripped = re.sub(r"\(.*?\)|`.*?`", " ", text)
    letters = {name: sum(bool(re.match(f"[{body}]", c)) for c in stripped) for name, body in SCRIPTS.items()}
    weights = {"latin": 0.4, "cyrillic": 0.4}
    assert script_counts(text) == {name: n * weights.get(name, 1) for name, n in letters.items()}


def test_no_finding_on_the_korean_seed_digest():
    report = lint_paths([str(SEED)], config={"select": [RULE], "language": "ko"})
    assert report.summary.findings_by_rule == {}


def test_inferred_latin_script_input_flags_a_korean_summary():
    entries = [entry(TITLE, *ENGLISH, arxiv=f"2501.0000{i}") for i in range(1, 4)]
    report = lint(*entries, entry(TITLE, *KOREAN, arxiv="2501.00009"), rules=[RULE])
    assert [bool(findings(report, RULE, i)) for i in range(4)] == [False, False, False, True]
    assert "not a Latin-script language" in findings(report, RULE, 3)[0].message


def test_kanji_only_text_is_left_to_langdetect():
    kanji = "視覺編碼器不用直接處理圖像之視覺語言模型也公開資料三千五百萬件而達到同等性能"
    reading = read_scripts(kanji)
    assert reading.language == "zh" and reading.shares["kana"] == 0
    report = lint(entry(TITLE, kanji, kanji, kanji), rules=[RULE], language="ja")
    assert "not Japanese" in findings(report, RULE)[0].message


def test_range_counts_are_the_scripts_classes():
    """The counts by code point bounds are those of the scripts' classes: over every character at
    once, and one by one around each range's ends (where a misplaced bound would move a letter)."""
    classes = {name: re.compile(f"[{letters}]") for name, letters in SCRIPTS.items()}
    every = "".join(map(chr, range(0x110000)))
    assert _range_counts([every]) == [[len(rx.findall(every)) for rx in classes.values()]]
    ends = sorted({ord(c) + step for letters in SCRIPTS.values() for c in letters[0::3] + letters[2::3] for step in (-1, 0, 1)})
    chars = list(map(chr, ends))
    assert _range_counts(chars) == [[int(bool(rx.match(char))) for rx in classes.values()] for char in chars]


@pytest.mark.parametrize("at_once", [1 << 18, 60, 1])
def test_texts_counted_together_count_as_each_alone(monkeypatch, at_once):
    """A paper's sections (and a digest's summaries) are counted together, ``PLACED_AT_ONCE``
    characters at a time: each text's counts are its own, whichever way it is counted and whatever
    stands beside it, a text longer than the limit included."""
    monkeypatch.setattr(scripts, "PLACED_AT_ONCE", at_once)
    chinese = "视觉语言模型不用编码器直接处理图像" * 3 + " EVE-7B"
    texts = [chinese, "EVE-7B는 모델입니다.", "", "ㄱ é Я 漢 \ud800 " * 9 + "그", "グラフの表現" * 8, chinese[::-1], "ok"]
    assert letter_counts_each(texts) == [letter_counts_each([text])[0] for text in texts]
    assert letter_counts_each(texts[::-1]) == letter_counts_each(texts)[::-1]


@pytest.mark.parametrize("ahead", [1, 2, 64])
def test_a_digests_sections_counted_in_batches_give_each_papers_own_findings(monkeypatch, ahead):
    """The check counts a digest's sections ``COUNTED_AHEAD`` papers at a time: each paper's
    findings are those it gets checked alone, where the batches start and end included."""
    from summary_lint.checks import wrong_language

    mixed = [(KOREAN if k % 3 else ENGLISH)[: 1 + k % 3] + ((ENGLISH[2],) if k % 4 == 1 else ()) for k in range(7)]
    entries = [entry(f"{TITLE} {k}", *sections, arxiv=f"2501.{k:05d}") for k, sections in enumerate(mixed)]
    monkeypatch.setattr(wrong_language, "COUNTED_AHEAD", ahead)
    together = lint(*entries, rules=[RULE], language="ko")
    alone = [lint(one, rules=[RULE], language="ko").papers[0] for one in entries]
    assert [[(f.line - p.line, f.message) for f in p.findings] for p in together.papers] == \
        [[(f.line - p.line, f.message) for f in p.findings] for p in alone]
    assert sum(bool(p.findings) for p in alone) >= 3
