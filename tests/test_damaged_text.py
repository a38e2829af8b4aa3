"""damaged-text (S011): control characters, U+FFFD, mojibake, placeholders and cut-off sentences;
and the inputs around it: damaged files are text, and folders hold JSON/JSONL digests too."""

from __future__ import annotations

import json

import pytest
from content_digest import entry, findings, lint
from test_bad_input import lint as run_cli
from test_bad_input import write

from summary_lint import lint_text
from summary_lint.errors import ConfigError

RULE = "damaged-text"


def record(summary, title: str = "Paper", arxiv: str = "2501.00001") -> str:
    """One JSONL line, as a generator writes it (control characters become JSON escapes)."""
    return json.dumps({"arxiv_id": arxiv, "title": title, "date": "2030-01-02", "summary": summary},
                      ensure_ascii=False)


def jsonl_findings(*records: str):
    report = lint_text("\n".join(records) + "\n", name="d.jsonl", config={"select": [RULE]})
    return [[f for f in paper.findings if f.rule == RULE] for paper in report.papers]


@pytest.mark.parametrize(("text", "expected"), [
    ("ELBO의 \beta 가중치를 낮춰 학습을 안정화합니다.", 'U+0008 (backspace; "\\beta" lost its backslash)'),
    ("损失函数为 $\frac{1}{2}\\|x\\|^2$，训练更稳定。", 'U+000C (form feed; "\\frac" lost its backslash)'),
    ("We report $3\times$ faster decoding on long inputs.", 'U+0009 (tab; "\\times" lost its backslash)'),
    ("The prior $p(\theta)$ is learned.", 'U+0009 (tab; "\\theta" lost its backslash)'),
    ("A stray\x00NUL byte sits here.", "U+0000 (NUL)"),
    ("Colour codes \x1b[31m leaked in.", "U+001B (escape)"),
    ("模型在基准上提升了\ufffd\ufffd个百分点。", "replacement character U+FFFD ×2"),
    ("CafÃ© 데이터셋에서 평가했습니다.", 'mojibake "Ã©" (reads "é")'),
    ("ì—°êµ¬ 결과를 요약합니다.", 'mojibake "ì—°êµ¬" (reads "연구")'),
    ("代码可在以下链接获得：this https URL。", 'copied placeholder "this https URL"'),
    ("이 메커니즘은 진짜 정보에 집중하기 위한 것입니", "sentence cut off"),
    ("该研究为科幻小说中的语言基础设施提供了新的见解，", "sentence cut off"),
    ("该方法提升了当前大模型中的", "sentence cut off"),
    ("The model is trained on curated data and then distilled into the", "sentence cut off"),
], ids=["ko-beta", "zh-frac", "en-times", "en-theta", "nul", "escape", "zh-fffd", "mojibake-latin",
        "mojibake-ko", "zh-placeholder", "ko-cut", "zh-comma", "zh-attribute", "en-function-word"])
def test_each_kind_fires_in_json(text, expected):
    [[finding]] = jsonl_findings(record(text))
    assert expected in finding.message
    assert (finding.severity, finding.penalty) == ("warning", 5)


@pytest.mark.parametrize("text", [
    "EVE-7B는 인코더 없이 고해상도 이미지를 처리합니다.",
    "EVE-7B는 인코더 없이 고해상도 이미지를 처리한다",  # 다 without a full stop
    "대규모 언어 모델의 추론 능력을 높이기 위한 데이터셋 구축",  # a bullet that ends with a noun
    "实验表明，该方法在三个数据集上均优于基线",  # Chinese without 。
    "当输入限制为有界的体图时是多项式时间可解的",  # sentence-final 的
    "We release the code at https://github.com/example/eve.",
    "Project page: https://github.com/example/eve",
    "Is a 7B model enough?",
    "The loss uses $\\beta$-weighting and $\\frac{1}{2}$ scaling.",  # escaped LaTeX in JSON
    "Table 2\tshows the results; see col\tumns for details.",  # tabs that are not LaTeX
    "naïve résumé of a café “quoted” — fine.",
])
def test_faithful_text_passes(text):
    assert jsonl_findings(record(text)) == [[]]


def test_markdown_tab_from_a_broken_escape_and_its_location():
    text = entry("EVE: Encoder-free VLMs", "EVE는 $\text{FLOPs}$를 줄입니다.", "구조는 단순합니다.",
                 "성능은 비슷합니다.")
    [finding] = findings(lint(text, rules=[RULE]), RULE)
    assert "\\text" in finding.message and finding.section == "What's New"
    bullet = text.splitlines()[6]
    assert (finding.line, finding.column) == (9, bullet.index("\t") + 1)
    assert "\text{FLOPs}" in finding.evidence


def test_one_finding_per_paper_lists_every_kind_and_costs_one_penalty():
    summary = {"background": "我们用 $\boldsymbol{x}$ 与 $\boldsymbol{y}$ 建模。",
               "innovation": "CafÃ© 基准上提升明显。代码见 this https URL",
               "conclusion": "为无标记动作理解提供了新的范式，"}
    report = lint_text(record(summary) + "\n", name="d.jsonl", config={"select": [RULE]})
    [paper] = report.papers
    [finding] = paper.findings
    assert finding.message.startswith('damaged text: control character U+0008 (backspace; "\\boldsymbol"')
    for part in ("×2", 'mojibake "Ã©"', 'copied placeholder "this https URL"', "sentence cut off", " at 1:"):
        assert part in finding.message
    assert (finding.section, finding.penalty, paper.score) == ("background", 5, 95)


def test_mojibake_asks_ftfy_only_about_runs_it_could_call_bad():
    """A lone character of a CP1252 run ("×", "é") is settled without ftfy: check that ftfy never
    calls one bad (only a C1 control), and that mojibake() finds what asking ftfy of every run finds."""
    from ftfy import fix_encoding
    from ftfy.badness import is_bad

    from summary_lint.text import damage

    lone = [c for c in map(chr, range(0x10000)) if damage._CP1252_RUN.fullmatch(c)]
    assert [c for c in lone if is_bad(c) != damage._may_be_bad(c)] == []

    def asking_every_run(text):
        if damage._MOJIBAKE_LEAD.search(text) is None:
            return []
        return [damage.Damage(run.start(), run.end(), f'"{run.group()}" (reads "{fix_encoding(run.group())}")')
                for run in damage._CP1252_RUN.finditer(text) if is_bad(run.group())]

    for text in ["3× 빠른 café, Ü-Net", "café \x85 here", "× \x9d", "CafÃ© and â€™ and ×× and é—", "naïve ×2"]:
        assert list(damage.mojibake(text)) == asking_every_run(text), text
    assert [d.start for d in damage.mojibake("café \x85 here")] == [5]


@pytest.mark.parametrize(("ending", "cut"), [(".", False), ("!", False), ("。", False), (".  \n", False), ("", False),
                                             ("...", True), ("…", True)])
def test_a_sentence_end_but_not_an_ellipsis_finishes_a_section(ending, cut):
    found = jsonl_findings(record("이 방법은 세 벤치마크에서 기준 모델보다 높은 정확도를 보였습니다" + ending))
    assert bool(found[0]) == cut and all("cut off" in f.message for f in found[0])


def test_placeholder_at_the_end_is_not_also_a_cut_off():
    [[finding]] = jsonl_findings(record("项目页面见：this https URL, this https URL"))
    assert "placeholder" in finding.message and "cut off" not in finding.message


def test_skip_option_and_an_unknown_kind():
    text = record("이 방법은 학습 안정성을 높이며")
    assert lint_text(text, config={"select": [RULE], "rules": {RULE: {"skip": ["cut-off"]}}}).papers[0].findings == []
    with pytest.raises(ConfigError, match="unknown kind 'cutoff'"):
        lint_text(text, config={"select": [RULE], "rules": {RULE: {"skip": ["cutoff"]}}})


def test_user_pack_adds_placeholders(tmp_path):
    (tmp_path / "damaged.toml").write_text('placeholders = ["[링크]"]\n', encoding="utf-8")
    text = record("자세한 내용은 [링크]에서 볼 수 있습니다.")
    assert jsonl_findings(text) == [[]]
    report = lint_text(text, config={"select": [RULE], "rules_path": [str(tmp_path)]})
    assert '"[링크]"' in report.papers[0].findings[0].message


def test_a_raw_nul_inside_a_json_string_is_linted_not_refused(capsys, tmp_path):
    data = record("A summary with a raw \x00 byte.").replace("\\u0000", "\x00").encode("utf-8")
    assert b"\x00" in data
    path = write(tmp_path / "damaged.jsonl", data + b"\n" + record("Clean text.", "Other", "2501.00002").encode())
    code, out, err = run_cli(capsys, "--format", "json", "--select", RULE, path)
    report = json.loads(out)
    assert (code, err) == (0, "")
    assert [p["findings"][0]["message"] if p["findings"] else None for p in report["papers"]] == [
        "damaged text: control character U+0000 (NUL)", None]


def test_markdown_with_a_raw_control_byte_is_linted(capsys, tmp_path):
    text = entry("EVE: Encoder-free VLMs", "EVE는 \x08enchbench를 소개합니다.", "구조는 단순합니다.",
                 "성능은 비슷합니다.")
    path = write(tmp_path / "digest.md", text.encode("utf-8"))
    code, out, _ = run_cli(capsys, "--select", RULE, path)
    assert code == 0 and "S011 [damaged-text] damaged text: control character U+0008 (backspace)" in out


@pytest.mark.parametrize("data", [bytes(range(256)), b"\x89PNG\r\n\x1a\n" + bytes(64), b"\x00" * 40 + b'{"title": "x"}'])
def test_binary_is_still_refused(capsys, tmp_path, data):
    path = write(tmp_path / "digest.jsonl", data)
    code, out, err = run_cli(capsys, path)
    assert (code, out) == (2, "") and "binary input" in err


def test_folder_lints_markdown_and_jsonl_digests_and_skips_other_json(capsys, tmp_path):
    write(tmp_path / "2030-01-02.md", entry("EVE: Encoder-free VLMs", "EVE는 인코더가 없습니다.").encode())
    write(tmp_path / "zh" / "2030-01-03.jsonl", (record("该方法有效。", "A") + "\n" + record("更快。", "B")).encode())
    write(tmp_path / "package.json", b'{"name": "site", "version": "1.0.0"}')
    write(tmp_path / "abstracts.jsonl", json.dumps({"arxiv_id": "2501.00001", "title": "A", "abstract": "x"}).encode())
    run_cli(capsys, "--format", "json", "--select", RULE, "-o", str(tmp_path / "report.json"), str(tmp_path))
    code, out, err = run_cli(capsys, "--format", "json", "--select", RULE, str(tmp_path))  # report.json is there now
    assert (code, err) == (0, "")
    files = {f["path"]: (f["format"], f["papers"], f["reason"]) for f in json.loads(out)["files"]}
    assert files == {
        str(tmp_path / "2030-01-02.md"): ("markdown", 1, None),
        str(tmp_path / "abstracts.jsonl"): (None, 0, "no paper entries"),
        str(tmp_path / "package.json"): (None, 0, "no paper entries"),
        str(tmp_path / "report.json"): (None, 0, "no paper entries"),
        str(tmp_path / "zh" / "2030-01-03.jsonl"): ("json", 2, None),
    }


def test_unrelated_json_named_or_alone_in_a_folder_is_an_error(capsys, tmp_path):
    path = write(tmp_path / "package.json", b'{"name": "site", "version": "1.0.0"}')
    code, _, err = run_cli(capsys, path)
    assert code == 2 and err == f"summary-lint: error: {path}: no paper records (JSON objects with a title)\n"
    code, _, err = run_cli(capsys, str(tmp_path))
    assert code == 2 and err == (f"summary-lint: error: {tmp_path}: directory contains no digests "
                                 "(no paper entries in any *.md, *.txt, *.json, *.jsonl file)\n")
