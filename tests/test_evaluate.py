import json

import pytest
from conftest import CORPUS, FIXTURES, LABELS, SHARED, needs_shared

from summary_lint.cli.main import main as cli_main
from summary_lint.engine.config import Config
from summary_lint.errors import ConfigError, InputError
from summary_lint.evaluation.corpora import read_files
from summary_lint.evaluation.cv import PRESET, GridPoint, assign_folds, choose, cross_validate, grid_points, load_grid
from summary_lint.evaluation.labels import Label, confusion, label_key, load_labels, month_of
from summary_lint.evaluation.run import rotate_titles

DIGEST = (FIXTURES / "digest-title-mismatch.md").read_text(encoding="utf-8")
QUICK = ["--no-other-generators", "--cv", "0", "--no-merge-test"]


def main(argv: list[str]) -> int:
    return cli_main(["eval", *argv])


def _entries(text: str) -> list[str]:
    """The digest's header and its entries (``### [Title](link)`` blocks)."""
    head, *entries = text.split("\n### ")
    return [head] + ["### " + e.rstrip("\n") + "\n" for e in entries]


def _jsonl(papers) -> str:
    """JSONL records of parsed papers, the way the other generators' digests are written."""
    return "".join(json.dumps({"title": p.title, "arxiv_id": p.arxiv_id, "authors": p.authors, "upvotes": p.votes,
                               "summary": {s.label: s.text for s in p.sections}}, ensure_ascii=False) + "\n"
                   for p in papers)


def _write_labels(path, rows) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


@pytest.fixture
def corpus(tmp_path):
    """Two synthetic digests (one month each) and labels for three of their papers."""
    root = tmp_path / "corpus"
    for day in ("2030/03/04.md", "2030/04/05.md"):
        (root / day).parent.mkdir(parents=True)
        (root / day).write_text(DIGEST, encoding="utf-8")
    labels = _write_labels(tmp_path / "labels.jsonl", [
        {"file": "2030/03/04.md", "arxiv_id": "3003.00004", "on_topic": "no", "generic": "no", "batch": "R1"},
        {"file": "2030/03/04.md", "arxiv_id": "3003.00002", "on_topic": "yes", "generic": "no", "batch": "R1"},
        {"file": "2030/04/05.md", "arxiv_id": "3003.00001", "on_topic": "yes", "generic": "yes", "batch": "C"},
    ])
    return root, labels


@pytest.fixture
def two_roots(tmp_path):
    """A markdown corpus and an other-generators folder (JSONL digests + abstracts), labelled by two files.

    The defective WeatherNet (its summary describes GraphMind) sits on another day than GraphMind in
    both corpora, so that only an input holding both days shows the contrast."""
    head, *entries = _entries(DIGEST)
    main_root, others = tmp_path / "main", tmp_path / "others"
    days = {"2030/03/04.md": entries[:3], "2030/03/05.md": entries[3:], "2030/04/01.md": entries[1:3]}
    for day, chosen in days.items():
        (main_root / day).parent.mkdir(parents=True, exist_ok=True)
        (main_root / day).write_text(head + "\n" + "\n".join(chosen), encoding="utf-8")
    papers = read_files([str(main_root / "2030/03/04.md"), str(main_root / "2030/03/05.md")])
    gen = others / "gen-a"
    (gen / "digests").mkdir(parents=True)
    (gen / "digests" / "2030-05-01.jsonl").write_text(_jsonl(papers[0].papers), encoding="utf-8")
    (gen / "digests" / "2030-05-02.jsonl").write_text(_jsonl(papers[1].papers), encoding="utf-8")
    (gen / "abstracts.jsonl").write_text("".join(
        json.dumps({"arxiv_id": p.arxiv_id, "title": p.title, "abstract": " ".join(s.text for s in p.sections)},
                   ensure_ascii=False) + "\n" for d in papers for p in d.papers), encoding="utf-8")
    main_labels = _write_labels(tmp_path / "main.jsonl", [
        {"file": "2030/03/05.md", "arxiv_id": "3003.00004", "on_topic": "no", "generic": "no", "batch": "M"},
        {"file": "2030/03/04.md", "arxiv_id": "3003.00002", "on_topic": "yes", "generic": "no", "batch": "M"},
        {"file": "2030/04/01.md", "arxiv_id": "3003.00003", "on_topic": "yes", "generic": "no", "batch": "M"},
        {"file": "2030/04/01.md", "arxiv_id": "9999.99999", "on_topic": "yes", "generic": "no", "batch": "M"},
    ])
    gen_labels = _write_labels(tmp_path / "gen.jsonl", [
        {"file": "gen-a/digests/2030-05-02.jsonl", "arxiv_id": "3003.00004", "on_topic": "no", "generic": "no",
         "batch": "G"},
        {"file": "gen-a/digests/2030-05-01.jsonl", "arxiv_id": "3003.00001", "on_topic": "yes", "generic": "no",
         "batch": "G"},
        {"file": "gen-b/digests/2030-05-01.jsonl", "arxiv_id": "3003.00001", "on_topic": "yes", "generic": "no",
         "batch": "G"},
    ])
    return main_root, others, main_labels, gen_labels


def test_eval_json_reports_labels_months_and_swap_test(corpus, capsys):
    root, labels = corpus
    assert main(["--corpus", str(root), "--labels", str(labels), "--json", *QUICK]) == 0
    result = json.loads(capsys.readouterr().out)
    overall = result["labels"]["overall"]
    # WeatherNet (defective) fails, the pure-Korean NeRF paper (clean) passes, GraphMind (labelled
    # generic, but faithful) passes: one true positive, one false negative, no false fail.
    assert (overall["tp"], overall["fp"], overall["fn"], overall["clean"]) == (1, 0, 1, 1)
    assert result["labels"]["batches"]["R1"]["recall"] == 1.0
    assert result["labels"]["files"]["labels.jsonl"] == overall
    assert result["labels"]["rules"]["title-mismatch"]["tp"] == 1
    assert result["months"] == {"2030-03": {"papers": 5, "fail": 1, "rate": 0.2},
                                "2030-04": {"papers": 5, "fail": 1, "rate": 0.2}}
    assert result["true_pairs"]["fail"] == 2
    swap = result["perturbations"]["title swap"]
    assert swap["papers"] == 10 and swap["fail"] >= 8
    assert "cross_validation" not in result and "merge" not in result and result["other_generators"] == {}


def test_eval_text_output(two_roots, capsys):
    main_root, others, main_labels, gen_labels = two_roots
    assert cli_main(["eval", "--corpus", str(main_root), "--other-generators", str(others),
                     "--labels", main_labels, "--labels", gen_labels, "--cv", "2"]) == 0
    out = capsys.readouterr().out
    for heading in ("== labels", "== cross-validation", "== main corpus", "== other generators", "== merge test"):
        assert heading in out
    assert "verdict fail" in out and "title swap:" in out and "2030-04" in out
    assert "in-sample (preset)" in out and "cross-validated (out of sample)" in out


def test_eval_usage_errors(tmp_path, corpus, capsys):
    assert cli_main(["eval", "--corpus", str(tmp_path / "missing")]) == 2
    assert "corpus folder not found" in capsys.readouterr().err
    root, labels = corpus
    assert cli_main(["eval", "--corpus", str(root), "--other-generators", str(tmp_path / "none")]) == 2
    assert "folder not found" in capsys.readouterr().err
    assert cli_main(["eval", "--corpus", str(root), "--labels", labels, "--grid", str(tmp_path / "none.toml")]) == 2
    assert "grid file not found" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--corpus", str(root), "--cv", "1"])


def test_eval_with_sources_uses_each_generators_abstracts(two_roots, capsys):
    main_root, others, main_labels, gen_labels = two_roots
    abstracts = str(others / "gen-a" / "abstracts.jsonl")
    assert main(["--corpus", str(main_root), "--other-generators", str(others), "--labels", main_labels,
                 "--labels", gen_labels, "--sources", abstracts, "--cv", "2", "--no-merge-test", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert "source swap" in result["perturbations"]
    assert result["labels"]["matched"] == result["cross_validation"]["labelled"] == 5
    assert [f["months"] for f in result["cross_validation"]["folds"]] == [["2030-03", "2030-05"], ["2030-04"]]


def test_merge_test_judges_each_other_generator_as_its_labels_are(two_roots, capsys, monkeypatch):
    """Under --sources the other generators' merge test runs with their own abstracts, against their
    run with abstracts (as their labels are scored); without --sources, with none."""
    from summary_lint.evaluation import run

    main_root, others, *_ = two_roots
    abstracts = str(others / "gen-a" / "abstracts.jsonl")
    calls: list[tuple[int, bool]] = []

    def recording(digests, reports, settings, sources=None):
        calls.append((len(digests), sources is not None))
        return {"papers": len(reports), "changed": 0, "directions": {}, "stricter": 0, "unpaired": 0, "examples": []}

    monkeypatch.setattr(run, "merge_test", recording)
    for extra in ([], ["--sources", abstracts]):
        assert main(["--corpus", str(main_root), "--other-generators", str(others), "--no-labels", "--json",
                     *extra]) == 0
        capsys.readouterr()
    # (main corpus: 3 digests, gen-a: 2) without sources, then with them
    assert calls == [(3, False), (2, False), (3, True), (2, True)]


def test_labels_errors(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"file": "a.md"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl:1"):
        load_labels(str(bad))
    with pytest.raises(InputError, match="cannot read labels"):
        load_labels(str(tmp_path / "none.jsonl"))


def test_confusion_and_months():
    c = confusion([True, True, False, False], [True, False, True, False])
    assert (c["tp"], c["fp"], c["fn"], c["clean"]) == (1, 1, 1, 2)
    assert c["precision"] == 0.5 and c["recall"] == 0.5 and c["false_fail_rate"] == 0.5
    assert month_of("corpus/2024/07/08.md") == "2024-07"
    assert month_of("digest-2024-07-08.txt") == "2024-07"
    assert month_of("ko-hf-daily-autoflow/digests/2025-03-14.jsonl") == "2025-03"
    assert month_of("today.md") == "unknown"


def test_labels_resolve_against_two_corpus_roots(two_roots, capsys):
    main_root, others, main_labels, gen_labels = two_roots
    assert main(["--corpus", str(main_root), "--other-generators", str(others), "--labels", main_labels,
                 "--labels", gen_labels, "--json", "--cv", "0", "--no-merge-test"]) == 0
    lab = json.loads(capsys.readouterr().out)["labels"]
    # Unmatched: an arXiv id missing from its digest, a digest under no root (gen-b).
    assert (lab["labelled"], lab["matched"], lab["unmatched"]) == (7, 5, 2)
    assert set(lab["files"]) == {"main.jsonl", "gen.jsonl"} and set(lab["batches"]) == {"M", "G"}
    assert lab["files"]["main.jsonl"]["clean"] == 2 and lab["files"]["gen.jsonl"]["clean"] == 1
    label = Label("gen-a/digests/2030-05-01.jsonl", "3003.00001", False, "G")
    assert label_key(label, [str(main_root), str(others)])[0].endswith("2030-05-01.jsonl")
    assert label_key(label, [str(main_root)]) is None


def test_fold_assignment_is_deterministic_round_robin_by_month():
    months = ["2024-03", "2024-01", "2024-02", "2024-01", "2024-05", "2024-04"]
    folds = assign_folds(months, 2)
    assert folds == {"2024-01": 0, "2024-02": 1, "2024-03": 0, "2024-04": 1, "2024-05": 0}
    assert assign_folds(reversed(months), 2) == folds


def _labels(months_defective: list[tuple[str, bool]]) -> list[Label]:
    return [Label(f"{m.replace('-', '/')}/01.md", str(i), d, "B") for i, (m, d) in enumerate(months_defective)]


def test_cross_validation_chooses_on_training_months_only():
    # Four months, one defective and one clean paper each; folds {01, 03} and {02, 04}.
    labels = _labels([(m, d) for m in ("2030-01", "2030-02", "2030-03", "2030-04") for d in (True, False)])
    in_fold_a = [lab.defective and lab.file[5:7] in ("01", "03") for lab in labels]
    in_fold_b = [lab.defective and lab.file[5:7] in ("02", "04") for lab in labels]
    fails = [[False] * 8, in_fold_a, in_fold_b, [True] * 8]  # preset, A, B, fail-everything
    cv = cross_validate(labels, fails, ["preset", "A", "B", "all"], 2)
    # Each fold is measured with the point that is best on the *other* months: B for fold 1, A for fold 2.
    assert [(f["months"], f["chosen"]) for f in cv["folds"]] == [(["2030-01", "2030-03"], "B"),
                                                                 (["2030-02", "2030-04"], "A")]
    assert all(f["train"] + f["test"] == 8 and f["test"] == 4 for f in cv["folds"])
    assert cv["cross_validated"]["recall"] == 0.0 and cv["in_sample_best"]["recall"] == 0.5
    assert cv["in_sample_best"]["chosen"] == "A"  # A and B tie: the first
    assert cv["in_sample_preset"]["tp"] == 0


def test_choose_respects_the_false_fail_bar_and_prefers_the_preset_on_ties():
    actual = [True, False, True, False]
    assert choose([[True, False, False, False], [True, True, True, True]], actual, range(4)) == 0
    assert choose([[True, False, False, False], [True, False, False, False]], actual, range(4)) == 0
    assert choose([[False] * 4, [True, False, True, False]], actual, range(4)) == 1
    assert choose([[True, True, True, True], [True, True, False, True]], actual, range(4)) == 0  # none qualifies


def test_grid_points_vary_one_rule_at_a_time(tmp_path):
    grid_file = tmp_path / "grid.toml"
    grid_file.write_text("[rules.title-mismatch]\nmargin = [0.2, 0.3]\nmin-coverage = [0.1, 0.2]\n"
                         "[rules.generic-boilerplate]\nmin-score = [3, 4]\n", encoding="utf-8")
    points = [p for p, _ in grid_points(load_grid(str(grid_file)), Config())]
    assert points[0] == PRESET and len(points) == 5  # 4 - 1 (the preset's own values) + 2 - 1 + preset
    assert GridPoint("title-mismatch", (("margin", 0.2), ("min-coverage", 0.2))) in points
    assert all(p.rule != "title-mismatch" or p.options != (("margin", 0.3), ("min-coverage", 0.1)) for p in points)
    settings = dict(grid_points(load_grid(str(grid_file)), Config()))[GridPoint("generic-boilerplate", (("min-score", 4),))]
    assert settings.options("generic-boilerplate")["min-score"] == 4
    not_a_list = tmp_path / "not-a-list.toml"  # (TOML files are cached by path)
    not_a_list.write_text("[rules.title-mismatch]\nmargin = 0.2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="candidate values"):
        load_grid(str(not_a_list))
    unknown = tmp_path / "unknown.toml"
    unknown.write_text("[rules.title-mismatch]\nno-such-option = [1]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown option"):
        grid_points(load_grid(str(unknown)), Config())


def test_default_grid_is_small_and_valid():
    points = grid_points(load_grid(), Config())
    assert 10 <= len(points) <= 31 and points[0][0] == PRESET


def test_merge_test_counts_verdicts_that_change(two_roots, capsys):
    main_root, others, *_ = two_roots
    # A file-wide suppression holds for its own day only, but for every day once they are one input.
    head, *entries = _entries(DIGEST)
    (main_root / "2030/04/02.md").write_text("<!-- summary-lint: disable-file=all -->\n" + head + entries[4],
                                              encoding="utf-8")
    assert main(["--corpus", str(main_root), "--other-generators", str(others), "--no-labels", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    merge = result["merge"]
    assert set(merge) == {"main", "gen-a"} and merge["gen-a"]["papers"] == 5
    assert merge["main"]["papers"] == 8 and merge["main"]["unpaired"] == 0
    # Among others, the repeated NeRF paper (a duplicate-paper finding on 2030/04/01) now passes.
    repeated = next(e for e in merge["main"]["examples"] if e["arxiv_id"] == "3003.00002")
    assert repeated["before"] != "pass" and "duplicate-paper" in repeated["penalties_before"]
    assert all(e["after"] == "pass" and e["penalties_after"] == {} for e in merge["main"]["examples"])
    assert merge["main"]["changed"] == len(merge["main"]["examples"]) >= 2
    assert sum(merge["main"]["directions"].values()) == merge["main"]["changed"]
    assert set(merge["main"]["directions"]) <= {"warn -> pass", "fail -> pass"}
    assert merge["main"]["stricter"] == 0
    gen = result["other_generators"]["gen-a"]
    assert set(gen) == {"without_sources", "with_sources"} and gen["without_sources"]["papers"] == 5
    assert gen["without_sources"]["sizes"]["<= 20"]["digests"] == 2


def test_merge_test_never_writes_into_the_corpus(two_roots):
    main_root, others, *_ = two_roots
    before = sorted(p for p in main_root.rglob("*")) + sorted(p for p in others.rglob("*"))
    assert main(["--corpus", str(main_root), "--other-generators", str(others), "--no-labels"]) == 0
    assert sorted(p for p in main_root.rglob("*")) + sorted(p for p in others.rglob("*")) == before


def test_rotate_titles_keeps_summaries_and_moves_titles():
    [digest] = read_files([str(FIXTURES / "digest-title-mismatch.md")])
    swapped = rotate_titles(digest)
    assert [p.title for p in swapped.papers] == [p.title for p in digest.papers[1:] + digest.papers[:1]]
    assert [p.summary for p in swapped.papers] == [p.summary for p in digest.papers]
    assert rotate_titles(digest.model_copy(update={"papers": digest.papers[:1]})).papers == []


@needs_shared
def test_project_labels_resolve_against_the_shared_corpora():
    """Every row of the default label files names a digest under one of the two shared roots."""
    from summary_lint.evaluation.labels import default_label_files

    roots = [str(CORPUS), str(SHARED / "corpus" / "other_generators")]
    labels = [lab for path in default_label_files() for lab in load_labels(path)]
    assert labels and all(label_key(lab, roots) for lab in labels)


@needs_shared
def test_dev_labels_meet_the_bars():
    """The issue's bars on the development labels (one lint of the corpus, a few seconds)."""
    from summary_lint.checks.registry import all_rules
    from summary_lint.engine.config import resolve
    from summary_lint.evaluation.run import label_scores, lint, read_corpus

    settings = resolve()
    reports = lint(read_corpus(str(CORPUS), settings), settings)
    scores = label_scores(reports, load_labels(str(LABELS)), [str(CORPUS)], [r.name for r in all_rules()])
    assert scores["overall"]["precision"] >= 0.9 and scores["overall"]["recall"] >= 0.9
    assert scores["uniform_batches"]["fp"] <= 2


def test_grid_runs_replay_the_other_rules_hits_exactly(two_roots):
    """The grid points' runs (one rule run again, the others replayed, per-paper rules on the wanted
    papers only) give the wanted papers the verdicts of a plain run with the same settings."""
    from summary_lint.engine.config import resolve
    from summary_lint.evaluation.corpora import lint, read_corpus
    from summary_lint.evaluation.cv import fails_per_point
    from summary_lint.evaluation.labels import index_reports

    main_root, *_ = two_roots
    digests = read_corpus(str(main_root), resolve())
    grid = {"title-mismatch": {"min-coverage": [0.0, 0.9]}, "duplicate-paper": {"penalty": [60]}}
    points = grid_points(grid, Config())
    wanted = set(list(index_reports(lint(digests, resolve())))[:-1])
    replayed = fails_per_point(points, [(digests, None)], wanted)
    for (_, settings), row in zip(points, replayed):
        plain = index_reports(lint(digests, settings))
        assert row == {key: plain[key].verdict == "fail" for key in wanted}
    assert replayed[0] != replayed[-1]  # a repeated paper fails when duplicate-paper costs 60


def test_merge_test_counts_the_changes_towards_fail(monkeypatch):
    """An even split of changes is chance; all of them towards fail is a drift."""
    from types import SimpleNamespace

    from summary_lint.evaluation import corpora

    def reports(*verdicts):
        return [SimpleNamespace(arxiv_id=f"3004.0000{k}", title=f"Paper {k}", verdict=v, findings=[])
                for k, v in enumerate(verdicts)]

    per_day = reports("pass", "pass", "warn", "fail", "warn")
    merged = reports("warn", "fail", "fail", "warn", "warn")  # 3 towards fail, 1 towards pass
    monkeypatch.setattr(corpora, "concatenate", lambda files, folder: "merged")
    monkeypatch.setattr(corpora, "read_files", lambda files: [])
    monkeypatch.setattr(corpora, "lint", lambda digests, settings, sources=None: merged)
    result = corpora.merge_test([], per_day, settings=None)
    assert (result["changed"], result["stricter"]) == (4, 3)
    assert result["directions"] == {"fail -> warn": 1, "pass -> fail": 1, "pass -> warn": 1, "warn -> fail": 1}
