"""Each file uses its closest configuration (ruff's rule), whatever the order of the inputs; per-file-ignores."""

import io
import json

import pytest
from digest_builder import digest, entry

from summary_lint.cli.main import main


def lint(capsys, *argv: str) -> tuple[int, dict | str]:
    """Run the CLI with JSON output; return the exit code and the report (or stderr on exit 2)."""
    code = main(["--format", "json", *argv])
    out, err = capsys.readouterr()
    return code, (err if code == 2 else json.loads(out))


def findings_by_file(report: dict) -> dict[str, list[tuple]]:
    found: dict[str, list[tuple]] = {}
    for paper in report["papers"]:
        found.setdefault(paper["file"], []).extend(
            (f["line"], f["rule"], f["severity"], f["penalty"]) for f in paper["findings"])
    return found


@pytest.fixture
def two_projects(tmp_path, monkeypatch):
    """Three rules; team-a ignores missing-votes, team-b makes it an error of penalty 60; each has a day.md whose
    second paper lacks votes. The working folder is elsewhere."""
    for team in ("team-a", "team-b"):
        (tmp_path / team / "digests").mkdir(parents=True)
        (tmp_path / team / "digests" / "day.md").write_text(digest(entry(1), entry(2, votes=None)), encoding="utf-8")
    rules = 'select = ["missing-votes", "missing-authors", "duplicate-paper"]\n'
    (tmp_path / "team-a" / "summary-lint.toml").write_text(rules + 'ignore = ["missing-votes"]\n')
    (tmp_path / "team-b" / "pyproject.toml").write_text(
        f'[tool.summary-lint]\n{rules}[tool.summary-lint.rules.missing-votes]\nseverity = "error"\npenalty = 60\n')
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    return str(tmp_path / "team-a" / "digests" / "day.md"), str(tmp_path / "team-b" / "digests" / "day.md")


def test_each_file_uses_its_closest_configuration_in_either_order(capsys, two_projects):
    a, b = two_projects
    code_ab, ab = lint(capsys, a, b)
    code_ba, ba = lint(capsys, b, a)
    assert findings_by_file(ab) == findings_by_file(ba)
    assert code_ab == code_ba == 1
    assert findings_by_file(ab)[a] == []
    assert [f[1:] for f in findings_by_file(ab)[b]] == [("missing-votes", "error", 60)]
    assert [p["file"] for p in ba["papers"]] == [b, b, a, a]  # papers stay in input order
    assert [f["path"] for f in ba["files"]] == [b, a]
    assert ab["summary"] == ba["summary"]
    assert (ab["summary"]["papers"], ab["summary"]["pass"], ab["summary"]["fail"]) == (4, 3, 1)


def test_a_file_alone_gets_the_same_findings_as_in_company(capsys, two_projects):
    a, b = two_projects
    together = findings_by_file(lint(capsys, a, b)[1])
    assert findings_by_file(lint(capsys, b)[1])[b] == together[b]
    assert findings_by_file(lint(capsys, a)[1])[a] == together[a]


def test_a_nested_configuration_inside_a_linted_folder_applies_to_its_files(capsys, tmp_path, monkeypatch):
    (tmp_path / "archive").mkdir()
    (tmp_path / "day.md").write_text(digest(entry(1, votes=None)), encoding="utf-8")
    (tmp_path / "archive" / "old.md").write_text(digest(entry(2, votes=None)), encoding="utf-8")
    (tmp_path / "archive" / "draft-x.md").write_text(digest(entry(3)), encoding="utf-8")
    (tmp_path / "summary-lint.toml").write_text('select = ["missing-votes"]\n')
    (tmp_path / "archive" / ".summary-lint.toml").write_text('select = ["S001"]\nexclude = ["draft-*"]\n')
    (tmp_path / "draft-top.md").write_text(digest(entry(4)), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    report = lint(capsys, ".")[1]
    found = findings_by_file(report)
    assert [f[1] for f in found["./day.md"]] == ["missing-votes"]
    assert found["./archive/old.md"] == []
    # the archive's exclude applies to the archive only
    assert [f["path"] for f in report["files"]] == ["./day.md", "./draft-top.md", "./archive/old.md"]


def test_a_folder_whose_every_digest_its_configuration_excludes_is_an_error(capsys, tmp_path, monkeypatch):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "draft-1.md").write_text(digest(entry(1)), encoding="utf-8")
    (tmp_path / "drafts" / "summary-lint.toml").write_text('exclude = ["draft-*"]\n')
    (tmp_path / "day.md").write_text(digest(entry(2)), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, err = lint(capsys, "day.md", "drafts")
    assert code == 2 and err == "summary-lint: error: drafts: every digest in the directory is excluded by the configuration\n"
    assert lint(capsys, "day.md", "drafts/draft-1.md")[0] == 0  # a file named on the command line is linted


def test_config_option_forces_one_configuration_for_all(capsys, two_projects, tmp_path):
    a, b = two_projects
    forced = tmp_path / "forced.toml"
    forced.write_text('select = ["missing-votes"]\n')
    found = findings_by_file(lint(capsys, "--config", str(forced), a, b)[1])
    assert [f[1:] for f in found[a]] == [f[1:] for f in found[b]] == [("missing-votes", "warning", 5)]
    assert findings_by_file(lint(capsys, "--isolated", "--select", "S002", b, a)[1]) == found


def test_papers_are_compared_within_one_configuration(capsys, two_projects, tmp_path):
    """Corpus rules compare the files of one configuration: different configurations are separate projects."""
    a, b = two_projects
    rules = lambda report: {f[1] for fs in findings_by_file(report).values() for f in fs}
    assert "duplicate-paper" not in rules(lint(capsys, a, b)[1])
    assert "duplicate-paper" in rules(lint(capsys, "--isolated", a, b)[1])


def test_fail_under_is_each_files_own(capsys, two_projects, tmp_path):
    a, b = two_projects
    (tmp_path / "team-a" / "summary-lint.toml").write_text('select = ["missing-votes"]\nfail-under = 100\n')
    (tmp_path / "team-b" / "pyproject.toml").write_text('[tool.summary-lint]\nselect = ["missing-votes"]\n')
    assert lint(capsys, b)[0] == 0  # a warning of 5: 95 passes team-b's default
    assert lint(capsys, b, a)[0] == 1  # team-a's paper scores 95 < 100
    assert lint(capsys, "--fail-under", "90", b, a)[0] == 0  # the command line wins for every file


def test_stdin_uses_the_working_folders_configuration(capsys, tmp_path, monkeypatch):
    (tmp_path / "summary-lint.toml").write_text('select = ["missing-votes", "S001"]\nignore = ["missing-votes"]\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(digest(entry(1, votes=None)).encode())))
    assert findings_by_file(lint(capsys, "-")[1]) == {"<stdin>": []}


def test_rules_table_lists_each_rule_once(capsys, two_projects):
    report = lint(capsys, *two_projects)[1]
    codes = [r["code"] for r in report["rules"]]
    assert len(codes) == len(set(codes)) and "S002" in codes  # team-a ignores it, team-b enables it


# per-file-ignores


@pytest.fixture
def project(tmp_path, monkeypatch):
    """digests/{day,old/2023}.md, every paper without votes or authors; cwd elsewhere."""
    (tmp_path / "digests" / "old").mkdir(parents=True)
    for path, n in (("digests/day.md", 1), ("digests/old/2023.md", 2)):
        text = digest(entry(n, votes=None).replace(f"Authors: Author {n}\n", ""))
        (tmp_path / path).write_text(text, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    return tmp_path


def rules_of(report: dict) -> dict[str, set[str]]:
    return {file.rsplit("digests/", 1)[1]: {f[1] for f in fs} for file, fs in findings_by_file(report).items()}


def test_per_file_ignores_globs_are_relative_to_the_configuration_file(capsys, project):
    (project / "summary-lint.toml").write_text(
        'select = ["missing-votes", "missing-authors"]\n'
        '[per-file-ignores]\n"digests/old/*" = ["missing-votes", "S001"]\n"day.md" = ["S002"]\n')
    assert rules_of(lint(capsys, str(project / "digests"))[1]) == {"day.md": {"missing-authors"}, "old/2023.md": set()}


def test_per_file_ignores_all_and_pyproject(capsys, project):
    (project / "pyproject.toml").write_text(
        '[tool.summary-lint]\nselect = ["missing-votes", "missing-authors"]\n'
        '[tool.summary-lint.per-file-ignores]\n"*/old/*.md" = ["all"]\n')
    assert rules_of(lint(capsys, str(project / "digests"))[1]) == {
        "day.md": {"missing-votes", "missing-authors"}, "old/2023.md": set()}


def test_exclude_globs_with_a_folder_are_relative_to_the_configuration_file_too(capsys, project, monkeypatch):
    (project / "summary-lint.toml").write_text('select = ["missing-votes"]\nexclude = ["digests/old/*"]\n')
    assert [f["path"] for f in lint(capsys, str(project / "digests"))[1]["files"]] == [
        str(project / "digests" / "day.md")]  # the working folder is elsewhere
    monkeypatch.chdir(project / "digests" / "old")
    assert [f["path"] for f in lint(capsys, "..")[1]["files"]] == ["../day.md"]


def test_a_glob_with_a_folder_does_not_match_relative_to_the_working_folder(capsys, project, monkeypatch):
    (project / "summary-lint.toml").write_text('select = ["missing-votes"]\nper-file-ignores = {"old/*" = ["S002"]}\n')
    monkeypatch.chdir(project / "digests")  # "old/*" would match here, but it is relative to the config's folder
    assert rules_of(lint(capsys, str(project / "digests"))[1])["old/2023.md"] == {"missing-votes"}


@pytest.mark.parametrize(("text", "detail"), [
    ('per-file-ignores = {"old/*" = ["missing-vote"]}\n', "per-file-ignores.old/*: unknown rule 'missing-vote'"),
    ('per-file-ignores = {"old/*" = "S002"}\n', "per-file-ignores.old/*: Input should be a valid list"),
])
def test_bad_per_file_ignores_are_config_errors(capsys, project, text, detail):
    (project / "summary-lint.toml").write_text(text)
    code, err = lint(capsys, str(project / "digests"))
    assert code == 2 and err.startswith(f"summary-lint: error: {project / 'summary-lint.toml'}: {detail}")
    assert err.count("\n") == 1


def test_per_file_ignores_in_the_api(project, monkeypatch):
    from summary_lint import lint_paths

    monkeypatch.chdir(project)
    config = {"select": ["missing-votes"], "per-file-ignores": {"digests/old/*": ["missing-votes"]}}
    report = lint_paths([str(project / "digests")], config=config)
    assert {p.file.rsplit("digests/", 1)[1]: [f.rule for f in p.findings] for p in report.papers} == {
        "day.md": ["missing-votes"], "old/2023.md": []}
