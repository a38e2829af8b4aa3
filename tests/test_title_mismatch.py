import pytest
from conftest import FIXTURES, SEED
from content_digest import entry, findings, lint
from hypothesis import given
from hypothesis import strategies as st

from summary_lint import lint_paths
from summary_lint.checks.registry import find_rule
from summary_lint.checks.title_mismatch import Fit, coverage_limit, digest_fits, mismatch
from summary_lint.text.crosslingual import (
    _CHOSEONG,
    _ENGLISH_SOUNDS,
    _JONGSEONG,
    HAN_RUN,
    TermIndex,
    TextIndex,
    _squash,
    english_skeleton,
    han_forms,
    hangul_skeleton,
    system_name,
    title_names,
    title_terms,
)
from summary_lint.text.glossary import glossary
from summary_lint.text.tokens import hangul_words, stem

RULE = "title-mismatch"
CONTENT_RULES = ["title-mismatch", "generic-boilerplate", "suspicious-claim", "wrong-language"]
DIGEST = FIXTURES / "digest-title-mismatch.md"

OPTIONS = find_rule("title-mismatch").defaults()


def verdicts(report):
    return {p.title.split(":")[0]: p.verdict for p in report.papers}


def test_seed_digest_fails_exactly_the_four_filler_entries():
    report = lint_paths(str(SEED), config={"select": [RULE]})
    failed = sorted(p.title.split(":")[0] for p in report.papers if p.verdict == "fail")
    assert failed == ["AriGraph", "DotaMath", "Safe Unlearning", "Stark"]


def test_seed_digest_with_all_content_rules_fails_the_same_four():
    report = lint_paths(str(SEED), config={"select": CONTENT_RULES})
    failed = sorted(p.title.split(":")[0] for p in report.papers if p.verdict == "fail")
    assert failed == ["AriGraph", "DotaMath", "Safe Unlearning", "Stark"]


def test_summary_of_another_paper_in_the_digest_fails_and_names_it():
    report = lint_paths(str(DIGEST), config={"select": [RULE]})
    assert verdicts(report) == {
        "GraphMind": "pass",
        "Neural Radiance Fields for Dynamic Scenes": "pass",  # pure Korean, no English term
        "VoxTok": "pass",  # English terms inside Korean text
        "WeatherNet": "fail",  # describes GraphMind
        "Protein Folding with Sparse Attention": "pass",
    }
    [finding] = report.papers[3].findings
    assert finding.code == "C001" and finding.severity == "error"
    assert "'GraphMind'" in finding.message
    assert 'closest title in this digest: "GraphMind: Knowledge Graph Memory for Language Agents"' in finding.message
    assert "rainfall" in finding.message
    assert finding.evidence == "WeatherNet: Forecasting Rainfall from Satellite Images"


def test_swapped_titles_fail():
    from summary_lint.engine.run import read_inputs
    from summary_lint.evaluation.run import rotate_titles
    from summary_lint.read.discover import discover

    [digest], _ = read_inputs(discover([str(DIGEST)]))
    swapped = rotate_titles(digest)
    fits = digest_fits([p.title for p in swapped.papers], TextIndex.each([p.summary for p in swapped.papers]))
    assert sum(f is not None and mismatch(f, OPTIONS) is not None for f in fits) >= 4


def test_another_title_with_a_name_fits_only_a_summary_that_names_it():
    """A summary of another paper names that paper as often as a faithful one names its own: in a
    large file some named title always shares a topic's words with an unrelated summary."""
    titles = ["Evolving Deeper Reasoning Chains", "Cybelion: Measuring Cybersecurity Risk of Autonomous Agents"]
    other = "완전히 다른 주제에 관한 글입니다."
    for summary, named in (("We measure the cybersecurity risk that autonomous agents pose.", False),
                           ("Cybelion measures the cybersecurity risk that autonomous agents pose.", True)):
        [fit, _] = digest_fits(titles, TextIndex.each([summary, other]))
        assert fit.best_other_index == 1 and fit.best_other_named is named


def test_a_compound_found_by_its_parts_apart_is_no_evidence_of_another_title():
    """"self … training" is two common words; only "self-training" written as such is specific evidence
    that the summary is about the paper titled with it."""
    titles = ["Evolving Deeper Reasoning Chains", "Scaling Self-Training and Curriculum-Distillation for Problem-Solving"]
    other = "완전히 다른 주제에 관한 글입니다."
    apart = "The model learns to self verify its answers on training problems, solving them with curriculum and distillation."
    written = "The model uses self-training and curriculum-distillation for problem-solving."
    [fit, _] = digest_fits(titles, TextIndex.each([apart, other]))
    assert fit.best_other_index is None and fit.shared == []
    [fit, _] = digest_fits(titles, TextIndex.each([written, other]))
    assert fit.best_other_index == 1 and fit.shared == ["self-training", "curriculum-distillation", "problem-solving"]


def test_a_lone_filler_summary_showing_none_of_the_distinctive_title_terms_fails():
    """Off-topic without a better fit fails alone when the evidence is strong: every distinctive
    title word has a Korean form the summary could use, and none appears."""
    report = lint(entry("Graph Kernels for Molecule and Protein Speech Recognition",
                        "이 연구는 새로운 방법을 소개합니다.", "여러 단계로 구성됩니다.", "좋은 결과를 얻었습니다."),
                  rules=[RULE])
    [finding] = findings(report, RULE)
    assert finding.severity == "error" and "distinctive" in finding.message


def test_a_lone_faithful_paraphrase_passes():
    report = lint(entry("Graph Kernels for Molecule and Protein Speech Recognition",
                        "분자와 단백질을 위한 방법을 소개합니다.", "그래프 커널로 구조를 표현합니다.", "오차가 줄었습니다."),
                  rules=[RULE])
    assert findings(report, RULE) == []


def test_without_data_a_summary_that_fits_nothing_is_only_a_warning():
    """Title words without Korean forms in the glossary could not show: no error for lack of data."""
    report = lint(entry("Zorblat Quixotic Vexillology",
                        "이 연구는 새로운 방법을 소개합니다.", "여러 단계로 구성됩니다.", "좋은 결과를 얻었습니다."),
                  rules=[RULE])
    assert [f.severity for f in findings(report, RULE)] == ["warning"]


def test_mismatch_decisions():
    base = {"missed": [], "names": [], "best_other": 0.0, "best_other_index": None, "shared": [], "other_name": None,
            "detectable": 0.2}
    contrast = {"best_other": 0.7, "best_other_index": 1, "shared": ["rainfall", "radar"]}
    assert mismatch(Fit(coverage=0.8, **base), OPTIONS) is None
    assert mismatch(Fit(coverage=0.05, **base), OPTIONS)[0] == "warning"  # fits nothing, little data: no error
    assert mismatch(Fit(coverage=0.2, **{**base, **contrast}), OPTIONS)[0] == "error"
    # another title fits better through one specific word only: no contrast
    assert mismatch(Fit(coverage=0.2, **{**base, **contrast, "shared": ["rainfall"]}), OPTIONS) is None
    # ... or its own summary explains it as well (mutual contrast): no contrast
    assert mismatch(Fit(coverage=0.2, **{**base, **contrast, "best_other_own": 0.6}), OPTIONS) is None
    # ... or several other titles fit about as well (a shared topic): no contrast
    assert mismatch(Fit(coverage=0.2, **{**base, **contrast, "runner_up": 0.65}), OPTIONS) is None
    # ... or that title has a name the summary never writes: no contrast
    assert mismatch(Fit(coverage=0.2, **{**base, **contrast, "best_other_named": False}), OPTIONS) is None
    named = {**base, "names": ["Foo"]}
    assert mismatch(Fit(coverage=0.3, **named), OPTIONS)[0] == "warning"
    assert mismatch(Fit(coverage=0.1, **{**named, "other_name": "Bar", "other_name_coverage": 0.6}), OPTIONS)[0] == "error"
    assert mismatch(Fit(coverage=0.2, **{**named, "other_name": "Bar", "other_name_coverage": 0.2}), OPTIONS)[0] == "warning"
    coined = {**base, "names": ["FooNet"], "detectable": 0.4}
    assert mismatch(Fit(coverage=0.05, **coined), OPTIONS)[0] == "error"  # a made-up name is never translated
    assert mismatch(Fit(coverage=0.05, **{**named, "detectable": 0.4}), OPTIONS)[0] == "warning"  # "Foo" may be
    assert mismatch(Fit(coverage=0.05, **{**coined, "detectable": 0.1}), OPTIONS)[0] == "warning"  # lack of data
    off_topic = {**base, "detectable": 0.8, "distinctive": ["rainfall", "satellite", "radar"]}
    assert mismatch(Fit(coverage=0.05, **off_topic), OPTIONS)[0] == "error"
    assert mismatch(Fit(coverage=0.05, **{**off_topic, "distinctive": ["rainfall", "radar"]}), OPTIONS)[0] == "warning"
    # a threshold from the preset is honoured
    assert mismatch(Fit(coverage=0.3, **named), {**OPTIONS, "name-coverage": 0.2}) is None


@given(coverage=st.floats(0, 1), names=st.sampled_from([[], ["Foo"], ["FooNet"]]), best_other=st.floats(0, 1),
       other_name=st.sampled_from([None, "Bar"]), other_name_coverage=st.floats(0, 1), detectable=st.floats(0, 1),
       distinctive=st.integers(0, 5), shared=st.integers(0, 4))
def test_no_fit_covering_the_coverage_limit_mismatches(coverage, names, best_other, other_name, other_name_coverage,
                                                        detectable, distinctive, shared):
    """digest_fits does not score a summary covering ``coverage_limit`` of its title: nothing else could make it fail."""
    limit = coverage_limit(OPTIONS)
    fit = {"missed": [], "names": names, "best_other": best_other, "best_other_index": 1, "shared": ["w"] * shared,
               "other_name": other_name, "other_name_coverage": other_name_coverage, "detectable": detectable,
               "distinctive": ["d"] * distinctive}
    assert mismatch(Fit(coverage=limit + (1 - limit) * coverage, **fit), OPTIONS) is None
    assert mismatch(Fit(coverage=limit - 0.01, **{**fit, "names": ["Foo"]}), OPTIONS) is not None  # the limit is tight


def test_a_summary_naming_its_title_fits_it():
    fits = digest_fits(["QuillNet: Drawing with Quills", "Scaling QuillNet to Video", "InkBot: Robots that Ink"],
                       TextIndex.each(["QuillNet은 깃펜 그림을 배웁니다.", "QuillNet을 비디오로 확장합니다.", "잉크를 칠하는 로봇입니다."]))
    assert fits[:2] == [None, None]  # a name several titles share still counts for each of them
    assert fits[2] is not None and fits[2].names == ("InkBot",)


def test_a_name_in_several_titles_names_no_single_paper():
    summaries = TextIndex.each(["깃펜 그림을 배웁니다.", "비디오로 확장합니다.", "QuillNet으로 깃펜 그림을 그리는 로봇입니다."])
    shared = digest_fits(["QuillNet: Drawing with Quills", "Scaling QuillNet to Video", "InkBot: Robots that Ink"], summaries)
    unique = digest_fits(["QuillNet: Drawing with Quills", "Scaling Pens to Video", "InkBot: Robots that Ink"], summaries)
    assert shared[2].other_name is None
    assert unique[2].other_name == "QuillNet"


def test_crosslingual_helpers():
    assert hangul_words("지식 그래프를 활용하는 에이전트들은") == ["지식", "그래프", "활용", "에이전트"]
    assert stem("graphs") == stem("graph") and stem("learning") == stem("learned")
    assert system_name("AriGraph: Learning Knowledge Graphs") == "AriGraph"
    assert system_name("A Long Descriptive Head Phrase: Subtitle") is None
    assert title_names("LLM Self-Correction with DeCRIM: Decompose and Refine") == ("DeCRIM",)
    assert title_names("Scaling 3D and 4D Reconstruction") == ()
    assert title_terms("The Art of Learning Graphs with Graph Kernels") == ["art", "learning", "graphs", "kernels"]
    assert english_skeleton("transformer") == hangul_skeleton("트랜스포머")
    assert english_skeleton("diffusion") == hangul_skeleton("디퓨전")
    assert english_skeleton("kubernetes") != hangul_skeleton("에이전트")
    text = TextIndex("동적 장면을 위한 신경 복사 필드와 쿠버네티스")
    assert text.mentions("kubernetes") == "~kubernetes"  # transliteration, not in the glossary
    assert text.mentions("kubernetes", transliterated=False) is None
    assert text.mentions("neural") == "신경"
    assert text.mentions("kernel") is None
    assert TextIndex("ZeroQuant는 양자화 방법").mentions_name("ZeroQuant(4+2)")


def test_hangul_skeleton_spells_each_syllable_by_its_initial_and_final_consonants():
    """The jamo table read after NFD gives what the syllable's number says: initial = code // 588,
    final = code % 28 (all 11,172 syllables)."""
    for code in range(11172):
        consonants = _CHOSEONG[code // 588].replace("_", "") + _JONGSEONG[code % 28]
        assert hangul_skeleton(chr(0xAC00 + code)) == _squash(consonants)
    assert hangul_skeleton("트랜스포머 A") == "drnsbm"


@pytest.mark.parametrize("text", ["트랜스포머 모델을 쓰는 쿠버네티스 클러스터에서", "지식그래프를, 에피소드 기억과 AriGraph 어반 아키텍트",
                                  "短 한국어 텍스트 😀 신경망"])
def test_text_skeletons_are_the_hangul_skeletons_of_its_longer_words(text):
    """A text's skeletons come from its Hangul words without stripping them: ``hangul_skeleton``'s answer."""
    expected = {hangul_skeleton(word) for word in hangul_words(text) if len(word) >= 3} - {""}
    assert TextIndex(text).skeletons == expected and expected


@pytest.mark.parametrize("text", ["Vision-Language 모델과 TP-aware 커널, state-of-the-art LLMs", "no hyphen here", "",
                                  "don’t-stop X-ray x-rays 本文 GPT-4o-mini"])
def test_text_stems_are_its_words_and_their_hyphenated_parts_stemmed(text):
    """The stems are those of the Latin words and of every part of a hyphenated one, as a loop over the
    words finds them."""
    words = TextIndex(text).latin.split()
    expected = {stem(w) for w in words} | {stem(part) for w in words if "-" in w for part in w.split("-")}
    assert TextIndex(text).stems == expected


def test_terms_of_are_the_terms_of_the_words():
    from summary_lint.text.crosslingual import term, terms_of

    words = ["graphs", "kubernetes", "vision-language", "graphs", "zorblat"]
    assert terms_of(words) == [term(w) for w in words] and terms_of(words, ())[0] is term("graphs", ())


def test_english_skeleton_replaces_single_letters_as_one_by_one_in_order():
    """One ``str.translate`` for the single letters gives what replacing them in turn gave."""
    import random
    import re

    letters = [("x", "ks"), ("f", "p"), ("v", "b"), ("z", "j"), ("c", "k"), ("q", "k"), ("l", "r"),
               ("w", ""), ("y", ""), ("h", "")]
    merged = [("ng", "n"), ("ch", "c"), ("l", "r"), ("t", "d"), ("k", "g"), ("p", "b"), ("j", "s"), ("c", "s")]

    def in_turn(word):
        w = re.sub(r"(?<=[aeiou])r(?![aeiou])", "", word.lower())
        for src, dst in [*_ENGLISH_SOUNDS, *letters]:
            w = w.replace(src, dst)
        w = re.sub(r"[^a-z]|[aeiou]", "", w)
        for src, dst in merged:
            w = w.replace(src, dst)
        return re.sub(r"(.)\1+", r"\1", w)

    rng = random.Random(7)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz-'0") for _ in range(rng.randint(1, 12)))
             for _ in range(20000)]
    for word in [*words, "transformer", "knowledge", "Vision-Language", "quixotic", "phylogeny"]:
        assert english_skeleton(word) == in_turn(word), word


@pytest.mark.parametrize("title", ["Plain Title: No Markup", r"\textbf{Bold} Models", "Costs in $O(n)$ Time",
                                   "Sets {A, B} of Graphs", "Closing} Brace", r"A \LaTeX Command", "Back\\slash"])
def test_without_latex_blanks_what_the_expression_blanks(title):
    from summary_lint.text.crosslingual import LATEX_COMMAND, _without_latex

    assert _without_latex(title) == LATEX_COMMAND.sub(" ", title)


def test_english_only_mentions_never_read_the_hangul_words():
    text = TextIndex("Kubernetes와 신경 복사 필드")
    assert text.mentions("kubernetes", translated=False) == "kubernetes"
    assert text.mentions("neural", translated=False) is None and "hangul" not in vars(text)
    assert text.mentions("neural") == "신경"


@pytest.mark.parametrize("form", ["그래프", "지식", "지식그래프", "모델", "모델들", "언어", "대규모 언어", "图神经", "神经网络", "트랜스"])
def test_has_form_is_membership_in_the_forms_without_reading_them(form):
    """A form is found as one of the text's words: a whole run of syllables without its particle, not
    inside another word (지식그래프 is not 그래프), and the same before and after the words are read."""
    text = "언어모델인 지식그래프를 쓰는 모델들은 대규모 언어와 图神经网络를 다룹니다. 트랜스포머"
    unread = TextIndex(text)
    assert unread.has_form(form) == (form in TextIndex(text).forms) and "hangul" not in vars(unread)
    assert unread.forms and unread.has_form(form) == (form in unread.forms)


def test_has_form_reads_the_words_after_as_many_searches_as_they_cost():
    from summary_lint.text.crosslingual import FORM_SEARCHES

    text = TextIndex("지식 그래프를 쓰는 모델" * 100)
    for _ in range(FORM_SEARCHES):
        assert not text.has_form("트랜스포머")
    assert "hangul" not in vars(text) and text.has_form("그래프") and not text.has_form("트랜스포머")
    assert "hangul" in vars(text)


@pytest.mark.parametrize("summary", ["Kubernetes에서 neural radiance fields를 렌더링합니다", "동적 장면을 위한 신경 복사 필드와 쿠버네티스",
                                     "쿠버네티스 클러스터", "관련 없는 문장", "本文提出神经辐射场模型，用于动态场景 Kubernetes",
                                     "动态场景的神经辐射场", "신경 복사 필드"])
def test_own_hits_stop_at_below_and_are_exact_under_it(summary):
    """The cheap questions first: a summary stops (None) once it covers ``below``, which happens iff
    every word's full answer covers it; under ``below`` the hits are those of one ``mentions`` per word,
    with their coverage."""
    from summary_lint.checks.title_mismatch import _covered, _own_hits
    from summary_lint.text.crosslingual import term

    terms = [term(w) for w in title_terms("Neural Radiance Fields for Dynamic Scenes on Kubernetes")]
    full = [TextIndex(summary).mentions(t) is not None for t in terms]
    for below in (0.05, 0.2, 0.4, 0.6, 0.9, float("inf")):
        found = _own_hits(TextIndex(summary), terms, below)
        assert found is None if _covered(terms, full) >= below else found == (full, _covered(terms, full))
    english = TextIndex("Kubernetes에서 neural radiance fields를 렌더링합니다")
    assert _own_hits(english, terms, 0.4) is None and "hangul" not in vars(english)


def test_term_index_finds_what_mentions_finds():
    """The digest-wide look-up (every summary at once) must give the per-pair answer of ``TextIndex.mentions``."""
    words = ["kubernetes", "neural", "kernel", "vision-language", "tp-aware", "graphs", "radiance",
             "fields", "of-the-art", "graph-based"]
    texts = [TextIndex(summary) for summary in ["동적 장면을 위한 신경 복사 필드와 쿠버네티스", "비전-언어 모델과 TP-aware 커널",
                                                "graph 기반의 Vision 모델은 language를 다룹니다", "관련 없는 문장", ""]]
    keys, written, size = TermIndex(words).mentions(texts)

    def by_text(keys) -> list[set[str]]:
        found: list[set[str]] = [set() for _ in texts]
        for key in keys.tolist():
            found[key // size].add(words[key % size])
        return found

    found = by_text(keys)
    assert found == [{w for w in words if text.mentions(w) is not None} for text in texts]
    assert found[1] >= {"vision-language", "tp-aware"}
    # Written: as such (비전-언어, TP-aware), not by a compound's parts found apart (Vision … language).
    assert by_text(written) == [found[0], found[1], found[2] - {"vision-language"}, set(), set()]
    assert "vision-language" in found[2]


def test_term_index_without_transliteration_finds_the_same_in_texts_without_skeletons():
    """Skipping the skeletons, which texts without Hangul words of three syllables cannot match, finds
    the same mentions, and never derives a word's skeleton."""
    from summary_lint.text.crosslingual import _TERM_SKELETONS

    words = ["kubernetes", "neural", "radiance", "vision-language", "graphs", "models", "transformer"]
    texts = [TextIndex(summary) for summary in ["本文提出神经辐射场模型，用于 Kubernetes", "graph 기반의 Vision 모델과 언어",
                                                "관련 없는 문장", ""]]
    assert not any(text.skeletons for text in texts)
    _TERM_SKELETONS.clear()
    keys, written, size = TermIndex(words, transliterated=False).mentions(texts)
    assert not _TERM_SKELETONS
    expected, expected_written, expected_size = TermIndex(words).mentions(texts)
    assert size == expected_size and keys.tolist() == expected.tolist() and len(keys)
    assert written.tolist() == expected_written.tolist()


@pytest.fixture(params=["dense", "sparse"])
def pair_table(request, monkeypatch):
    """Both layouts of the pair table: dense (the built-in glossary) and searched (a user glossary
    of more distinct characters than ``DENSE_PAIRS`` cells would hold)."""
    from summary_lint.text import crosslingual

    if request.param == "sparse":
        monkeypatch.setattr(crosslingual, "DENSE_PAIRS", 0)
    crosslingual._han_table.cache_clear()
    yield request.param
    crosslingual._han_table.cache_clear()


def test_han_forms_are_the_glossary_forms_each_text_contains(tmp_path, pair_table):
    """The table look-ups find exactly the Chinese forms a substring test would, in every text of a
    batch; user forms longer than a key (sharing its first characters) are told apart."""
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "zh-en.tsv").write_text(
        "# english_stem\tchinese\tscore\nfoo\t神经辐射场模型\t1\nbar\t神经辐射场方法\t1\nbaz\t辐射\t1\n",
        encoding="utf-8")
    texts = ["本文提出神经辐射场模型，用于动态场景的视图合成。", "", "Korean 한국어 only", "模型", "辐",
             "大语言模型的推理能力与知识图谱；神经辐射场方法", "强化学习 and 扩散模型", "模型😀神经网络𠀀辐射\ud800", "模"]
    for extra_dirs in ((), (str(tmp_path),)):
        forms = {form for values in glossary(extra_dirs).values() for form in values if HAN_RUN.fullmatch(form)}
        expected = [({form for form in forms if form in text}, sum(map(len, HAN_RUN.findall(text))))
                    for text in texts]
        assert han_forms(texts, extra_dirs) == expected
        assert [han_forms([text], extra_dirs)[0] for text in texts] == expected
    assert {"神经辐射场模型", "辐射"} <= han_forms(texts, (str(tmp_path),))[0][0]
    assert "神经辐射场方法" not in han_forms(texts, (str(tmp_path),))[0][0]


@pytest.mark.parametrize("texts", [
    ["本文提出神经辐射场模型，用于 Kubernetes", "", "😀\ud800 ㄱ English only", "图神经网络"],  # no Hangul syllable
    ["本文提出神经辐射场模型，用于 Kubernetes", "지식 그래프를 쓰는 트랜스포머 모델", "", "模型 한"],
])
def test_digest_without_hangul_answers_as_when_searched(texts):
    """``TextIndex.each`` tells a digest without Hangul syllables at a glance; its texts then have no
    Hangul words and find each form as a text searched for them does."""
    forms = ["模型", "神经", "그래프", "트랜스포머", "지식", "한"]
    words = ["graph", "transformer", "model", "neural"]
    each = TextIndex.each(texts)
    assert any(text.holds_hangul for text in each) == any("\uac00" <= char <= "\ud7a3" for text in texts for char in text)
    for text, searched in zip(each, map(TextIndex, texts)):
        assert [text.has_form(f) for f in forms] == [searched.has_form(f) for f in forms]
        assert (text.hangul, text.skeletons, text.scripts) == (searched.hangul, searched.skeletons, searched.scripts)
        assert [text.mentions(w) for w in words] == [searched.mentions(w) for w in words]


def test_hangul_words_strip_particles_word_by_word():
    text = "에이전트들은 가 지식그래프를, 그래프에서는 모델이다 가나"
    assert hangul_words(text) == ["에이전트", "지식그래프", "그래프", "모델", "가나"]


@given(st.text(alphabet="aZbY09- :Ab1CDEFGH", max_size=30))
def test_coined_tokens_always_contain_the_hint_searched_first(title):
    from summary_lint.text.tokens import _COINED_HINT, COINED

    assert _COINED_HINT.search(title) or not COINED.findall(title)


@given(st.text(alphabet="aZbY09- :Ab1CDEFGHé\u0663", max_size=30))
def test_a_text_without_hint_shapes_has_no_hint(text):
    """The shape test is exact on ASCII texts, and lets every other text be searched."""
    from summary_lint.text.tokens import _COINED_HINT, _may_hold_hint, coined_names

    assert _may_hold_hint(text) == (bool(_COINED_HINT.search(text)) or not text.isascii())
    assert _may_hold_hint(text) or not coined_names(text)
