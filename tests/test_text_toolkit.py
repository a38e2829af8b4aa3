"""The text toolkit: tokens, stopword packs, the name shape, the IDF, scripts, positions, and the
pack loader that reads TOML, TSV and word lists from the built-in rules and a user's ``rules-path``."""

from __future__ import annotations

import ast
import math
import os
import random
import re
import subprocess
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from conftest import ROOT
from content_digest import entry, findings, lint

import summary_lint
from summary_lint.checks.near_duplicate import ASCII_TOKEN
from summary_lint.errors import ConfigError
from summary_lint.model import Paper, Section
from summary_lint.packs import Table, load_table, load_words, tomllib
from summary_lint.text.claims import name_claims, number_claims
from summary_lint.text.crosslingual import TextIndex, title_terms
from summary_lint.text.glossary import ENGLISH_DF_PACK, document_frequencies, glossary
from summary_lint.text.positions import section_at
from summary_lint.text.scripts import letter_counts_each, script_of
from summary_lint.text.specificity import measure
from summary_lint.text.tokens import (
    LATIN_TOKEN,
    LATIN_WORD,
    WHOLE_LATIN_TOKEN,
    ascii_words,
    compact,
    english_words,
    hangul_words,
    idf,
    looks_like_name,
    stem,
    stopwords,
)


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(folder)


# --- tokens ------------------------------------------------------------------------------------


def test_words_and_stems():
    assert english_words("Vision-Language models don't Scale") == ["vision-language", "models", "don't", "scale"]
    assert hangul_words("지식 그래프를 활용하는") == ["지식", "그래프", "활용"]
    assert stem("graphs") == stem("graph") and stem("learning") == stem("learned") and stem("transformers") == "transfor"


def test_ascii_words_are_the_runs_of_ascii_letters_and_digits_of_the_lowercased_text():
    """Any other character separates them; the Kelvin sign lowercases to an ASCII k."""
    assert ascii_words("Video-LLaVA: 7B, naïve 3D-GS \u212a 값") == ["video", "llava", "7b", "na", "ve", "3d", "gs", "k"]
    assert compact("Video-LLaVA (7B)") == "videollava7b" and ascii_words("") == [] and compact("값") == ""


@pytest.mark.parametrize(("compiled", "definition"), [
    (LATIN_WORD, r"[A-Za-z][A-Za-z0-9]*(?:['’\-][A-Za-z0-9]+)*"),
    (LATIN_TOKEN, r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*"),
    (WHOLE_LATIN_TOKEN, r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*"),
    (ASCII_TOKEN, r"[a-z0-9]+(?:[-.][a-z0-9]+)*"),
])
def test_word_patterns_find_what_their_definitions_find(compiled, definition):
    """The word patterns never give back a letter they took (``POSSESSIVE``), and
    ``WHOLE_LATIN_TOKEN`` looks behind after its first letter: alone, and split or behind a
    look-behind as the rules use them, they must find what the plain definition finds."""
    rng = random.Random(14)
    alphabet = "aZ09 -.'’b가x-Q7.중 "
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40))) for _ in range(5000)]
    texts += ["Vicuna-7B", "Llama-3.1.", "don't-", "a--b", "x.-y", "3D-GS", "v1.2-beta", "GPT-4o’s"]
    plain = re.compile(definition)
    for wrap in ("{}", "({})", "(?<![A-Za-z0-9]){}"):
        ours, theirs = re.compile(wrap.format(compiled.pattern)), re.compile(wrap.format(plain.pattern))
        for text in texts:
            assert ours.split(text) == theirs.split(text) and ours.findall(text) == theirs.findall(text), text


def test_stopwords_come_from_the_language_pack():
    english = stopwords("en")
    assert {"the", "of", "between", "using"} <= english and "graph" not in english
    assert stopwords("xx") == frozenset()  # a language without a pack has none


def test_a_rules_path_adds_stopwords(tmp_path):
    extra = write(tmp_path, "stopwords/en.txt", "# team words\nquixotic zorblat  # trailing comment\n")
    assert {"quixotic", "zorblat", "the"} <= stopwords("en", (extra,))
    assert "quixotic" not in stopwords("en")
    title = "Zorblat Quixotic Vexillology"
    assert title_terms(title) == ["zorblat", "quixotic", "vexillology"]
    assert title_terms(title, (extra,)) == ["vexillology"]
    summary = "zorblat and quixotic vexillology"
    assert measure(title, summary, frozenset()).title_terms == ("zorblat", "quixotic", "vexillology")
    assert measure(title, summary, frozenset(), (extra,)).title_terms == ("vexillology",)


@pytest.mark.parametrize("token", ["GPT-4o", "ChartGemma", "ReAct", "SAM", "BLEU", "LLMs", "MS-COCO", "TEACh",
                                   "SQuAD", "SWE-bench", "T5", "Llama-3.1"])
def test_names(token):
    assert looks_like_name(token) and looks_like_name(token, compound=True)


@pytest.mark.parametrize("token", ["Transformer", "attention", "Adam", "vision-language", "e.g", "AI-driven", "LLM-based",
                                   "RL-guided"])
def test_not_names(token):
    assert not looks_like_name(token) and not looks_like_name(token, compound=True)


@pytest.mark.parametrize("token", ["Light-A-Video", "Chain-of-Retrieval", "Text-to-SQL", "Fine-Tuning"])
def test_capitalized_compounds_are_names_only_when_asked(token):
    assert looks_like_name(token, compound=True) and not looks_like_name(token)


def test_claims_use_the_one_name_shape():
    """A claim is a name-shaped token of two letters or more (and not a common term)."""
    for token in ["GPT-4o", "SWE-bench", "MS-COCO", "Fine-Tuning", "Transformer", "LLMs", "Ref-SAV"]:
        assert bool(name_claims(token)) == looks_like_name(token), token


@pytest.mark.parametrize(("text", "claims"), [
    ("7B 모델이 82% 향상, 1,234개 데이터", ["7B", "82%", "1,234"]),
    ("12", ["12"]),  # at the start of the text
    ("GPT-4 a3 v1.5 x_9 40G 8-A100 ./5 2024년", []),  # names, versions, paths, a year
    ("x1,234", ["234"]),  # after a letter, only the digits after the comma stand alone
    ("(3.5배)·[70억]", ["3.5배", "70억"]),
])
def test_number_claims_stand_alone(text, claims):
    """A number is a claim unless the character before or after it makes it part of a name, a
    version or a path."""
    assert [c.text for c in number_claims(text)] == claims


def test_idf_is_smoothed_and_falls_with_document_frequency():
    assert idf(10, 10) == 0.0  # a term of every document
    assert idf(0, 10) == pytest.approx(math.log(11))
    assert idf(1, 100) > idf(5, 100) > idf(50, 100) > 0


def test_tf_idf_weights_are_scikit_learns():
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    docs = ["graph memory agent", "graph robot", "robot robot arm", "memory"]
    vectorizer = sklearn_text.TfidfVectorizer().fit(docs)
    for word, column in vectorizer.vocabulary_.items():
        df = sum(word in doc.split() for doc in docs)
        assert idf(df, len(docs)) + 1 == pytest.approx(vectorizer.idf_[column])


# --- scripts and positions -----------------------------------------------------------------


def test_scripts():
    assert script_of("지식") == "hangul" and script_of("知识") == "han"
    assert letter_counts_each(["Graph 그래프 图谱 グラフ граф"])[0] == {"hangul": 3, "kana": 3, "han": 2, "latin": 5, "cyrillic": 4}
    # Many characters beyond ASCII: with a Hangul syllable they are told apart from it, without one
    # every code point is placed at once; both ways count alike (jamo are Hangul, a lone surrogate none).
    many = "Graph 图谱 グラフ ㄱ é \ud800 " * 5
    assert letter_counts_each([many, many + "그"]) == [{"hangul": 5, "kana": 15, "han": 10, "latin": 30, "cyrillic": 0},
                                                    {"hangul": 6, "kana": 15, "han": 10, "latin": 30, "cyrillic": 0}]


def test_offsets_to_lines_and_columns():
    first = Section(text="abc", line=5, column=10, end_line=5)
    second = Section(text="de\nfgh", line=6, column=4, end_line=7)
    assert first.position(1) == (5, 11)
    assert second.position(4) == (7, 2)  # a continuation line: the column counts from its start
    paper = Paper(file="d.md", line=1, end_line=7, title="T", sections=[first, second])
    assert section_at(paper, 1) == (first, 5, 11)
    assert section_at(paper, 4 + 4) == (second, 7, 2)  # the summary joins the sections with a newline


# --- packs: one loader, built-in then rules-path -----------------------------------------------


def test_tsv_rows_of_a_rules_path_follow_the_built_in_ones(tmp_path):
    built_in = load_table(ENGLISH_DF_PACK)
    extra = write(tmp_path, ENGLISH_DF_PACK, "# documents\t99\nzorblat\t3\n\ngraph\t1\n")
    table = load_table(ENGLISH_DF_PACK, (extra,))
    rows, built_in_rows = list(zip(table.keys, table.values)), list(zip(built_in.keys, built_in.values))
    assert rows[:len(built_in_rows)] == built_in_rows and rows[len(built_in_rows):] == [("zorblat", "3"), ("graph", "1")]
    assert built_in.header_int("documents") > 1000 and table.header_int("documents") == 99


def test_tsv_rows_of_uneven_widths_give_their_first_two_fields(tmp_path):
    uniform = write(tmp_path / "u", "glossary/extra.tsv", "# a\tb\ngraph\t도표\t0.5\n\ntree\t나무\t1.0\n")
    uneven = write(tmp_path / "v", "glossary/extra.tsv", "graph\t도표\t0.5\nzorblat\t사과나무\ntree\t나무\t1.0\tx\n")
    assert load_table("glossary/extra.tsv", (uniform,)) == Table(("graph", "tree"), ("도표", "나무"), {"a": "b"})
    assert load_table("glossary/extra.tsv", (uneven,)) == Table(("graph", "zorblat", "tree"), ("도표", "사과나무", "나무"), {})


def test_a_rules_path_overrides_and_extends_frequency_tables(tmp_path):
    total, table = document_frequencies(ENGLISH_DF_PACK)
    assert table["graph"] > 1
    extra = write(tmp_path, ENGLISH_DF_PACK, "graph\t1\nzorblat\t3\n")
    user_total, user_table = document_frequencies(ENGLISH_DF_PACK, (extra,))
    assert user_total == total and user_table["graph"] == 1 and user_table["zorblat"] == 3
    assert len(user_table) == len(table) + 1


def test_a_rules_path_extends_the_glossary(tmp_path):
    extra = write(tmp_path, "glossary/ko-en.tsv", "# english_stem\tkorean\tscore\nzorblat\t사과나무\t1.0\ngraph\t도표\t0.5\n")
    assert "zorblat" not in glossary()
    user = glossary((extra,))
    assert user["zorblat"] == ("사과나무",)
    assert user["graph"] == (*glossary()["graph"], "도표")
    assert TextIndex("사과나무를 심었습니다").mentions("zorblat") is None
    assert TextIndex("사과나무를 심었습니다", (extra,)).mentions("zorblat") == "사과나무"


def test_title_mismatch_reads_the_glossary_of_the_rules_path(tmp_path):
    extra = write(tmp_path, "glossary/ko-en.tsv", "zorblat\t방법\t1.0\nquixotic\t단계\t1.0\nvexillol\t결과\t1.0\n")
    paper = entry("Zorblat Quixotic Vexillology",
                  "이 연구는 새로운 방법을 소개합니다.", "여러 단계로 구성됩니다.", "좋은 결과를 얻었습니다.")
    assert findings(lint(paper, rules=["title-mismatch"]), "title-mismatch")
    assert findings(lint(paper, rules=["title-mismatch"], rules_path=[extra]), "title-mismatch") == []


def test_a_missing_tsv_pack_is_an_empty_table_and_a_malformed_one_an_error(tmp_path):
    assert load_table("glossary/none.tsv") == Table((), (), {})
    extra = write(tmp_path, "glossary/ko-en.tsv", "zorblat\n")
    with pytest.raises(ConfigError, match=r"ko-en\.tsv:1: .*expected 2 tab-separated fields"):
        load_table("glossary/ko-en.tsv", (extra,))
    broken = write(tmp_path / "b", "glossary/en-df.tsv", "graph\tmany\n")
    with pytest.raises(ConfigError, match="not a whole number"):
        document_frequencies(ENGLISH_DF_PACK, (broken,))
    (tmp_path / "c" / "stopwords").mkdir(parents=True)
    (tmp_path / "c" / "stopwords" / "en.txt").write_bytes(b"\xff\xfe")
    with pytest.raises(ConfigError, match="en.txt"):
        load_words("stopwords/en.txt", (str(tmp_path / "c"),))


def test_a_malformed_user_pack_is_one_line_and_exit_2(tmp_path):
    extra = write(tmp_path, "glossary/ko-en.tsv", "zorblat\n")
    (tmp_path / "summary-lint.toml").write_text(f"rules-path = [{extra!r}]\n", encoding="utf-8")
    digest = tmp_path / "day.md"
    digest.write_text("## Daily Papers (2030-01-02)\n\n" + entry("Zorblat Quixotic Vexillology", "이 연구는 방법을 소개합니다."),
                      encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "summary_lint", "--config", str(tmp_path / "summary-lint.toml"),
                           str(digest)], capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    expected = (f"summary-lint: error: {tmp_path / 'glossary' / 'ko-en.tsv'}:1: invalid rule pack: "
                "expected 2 tab-separated fields, found 1")
    assert done.stderr.strip().splitlines() == [expected]


# --- the package tells the truth ------------------------------------------------------------


def _imported_distributions() -> set[str]:
    """Distributions of the third-party modules that ``summary_lint`` imports."""
    modules = set()
    for path in Path(summary_lint.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    third_party = {m for m in modules if m not in sys.stdlib_module_names and m != "summary_lint"}
    owners = packages_distributions()
    return {owners.get(m, [m])[0].lower() for m in third_party}


def test_dependencies_are_exactly_what_the_package_imports():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    names = {dep.split(";")[0].split(">")[0].split("=")[0].split("<")[0].strip().lower() for dep in declared}
    assert names == _imported_distributions()


def test_the_package_is_typed():
    assert (Path(summary_lint.__file__).parent / "py.typed").is_file()
