"""Configuration files: discovery like ruff, precedence, CLI overrides, validation errors."""

import json

import pytest
from digest_builder import digest, entry

from summary_lint.cli.main import main
from summary_lint.engine.config_file import find_config


def lint(capsys, *argv: str) -> tuple[int, dict | str]:
    """Run the CLI with JSON output; return the exit code and the report (or stderr on exit 2)."""
    code = main(["--format", "json", *argv])
    out, err = capsys.readouterr()
    return code, (err if code == 2 else json.loads(out))


def rules_found(report: dict) -> set[str]:
    return {f["rule"] for p in report["papers"] for f in p["findings"]}


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with digests/day.md (one paper lacks votes); cwd is somewhere else."""
    (tmp_path / "digests").mkdir()
    (tmp_path / "digests" / "day.md").write_text(digest(entry(1), entry(2, votes=None)), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return tmp_path


def test_pyproject_table_is_found_from_the_inputs_folder_upward(capsys, project):
    day = str(project / "digests" / "day.md")
    assert "missing-votes" in rules_found(lint(capsys, day)[1])
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.summary-lint]\nignore = ["S002"]\n')
    assert "missing-votes" not in rules_found(lint(capsys, day)[1])
    assert find_config(day) == project / "pyproject.toml"


def test_pyproject_without_the_table_is_skipped(project):
    (project / "pyproject.toml").write_text('[tool.summary-lint]\nignore = ["S002"]\n')
    (project / "digests" / "pyproject.toml").write_text('[project]\nname = "inner"\n')
    assert find_config(project / "digests") == project / "pyproject.toml"


def test_dedicated_files_win_over_pyproject_and_nearer_folders_win(project):
    (project / "pyproject.toml").write_text('[tool.summary-lint]\nignore = ["S002"]\n')
    (project / "summary-lint.toml").write_text('ignore = ["S001"]\n')
    assert find_config(project / "digests") == project / "summary-lint.toml"
    (project / ".summary-lint.toml").write_text('ignore = ["S003"]\n')
    assert find_config(project / "digests") == project / ".summary-lint.toml"
    (project / "digests" / "summary-lint.toml").write_text("")
    assert find_config(project / "digests" / "day.md") == project / "digests" / "summary-lint.toml"


def test_config_option_overrides_discovery_and_isolated_ignores_all(capsys, project):
    (project / "summary-lint.toml").write_text('ignore = ["missing-votes"]\n')
    other = project / "other.toml"
    other.write_text('select = ["missing-authors"]\n')
    day = str(project / "digests" / "day.md")
    assert rules_found(lint(capsys, "--config", str(other), day)[1]) == set()
    assert "missing-votes" in rules_found(lint(capsys, "--isolated", day)[1])


def test_command_line_wins_over_the_file(capsys, project):
    (project / "summary-lint.toml").write_text(
        'select = ["missing-authors"]\nfail-under = 100\nseverity = { missing-votes = "info" }\n')
    day = str(project / "digests" / "day.md")
    assert lint(capsys, day)[0] == 0  # no missing-authors finding, every paper scores 100
    code, report = lint(capsys, "--select", "missing-votes", day)
    assert code == 0  # info findings carry no penalty
    assert [f["severity"] for p in report["papers"] for f in p["findings"]] == ["info"]
    (project / "summary-lint.toml").write_text('select = ["missing-votes"]\nfail-under = 100\n')
    assert lint(capsys, day)[0] == 1
    assert lint(capsys, "--fail-under", "90", day)[0] == 0


def test_ignore_and_extend_select_from_the_command_line_add_to_the_file(capsys, project):
    (project / "summary-lint.toml").write_text('select = ["missing-votes", "missing-authors"]\nignore = ["S001"]\n')
    day = str(project / "digests" / "day.md")
    assert rules_found(lint(capsys, "--ignore", "S002", day)[1]) == set()
    report = lint(capsys, "--extend-select", "unused-suppression", day)[1]
    assert rules_found(report) == {"missing-votes"}


def test_rule_options_preset_and_rules_path_from_the_file(capsys, project):
    pack = project / "team-rules" / "presets"
    pack.mkdir(parents=True)
    (pack / "default.toml").write_text("[rules.missing-votes]\npenalty = 60\n")
    (project / "summary-lint.toml").write_text('rules-path = ["team-rules"]\nselect = ["missing-votes"]\n')
    code, report = lint(capsys, str(project / "digests" / "day.md"))
    assert code == 1 and [p["score"] for p in report["papers"]] == [100, 40]
    (project / "summary-lint.toml").write_text(
        'preset = "relaxed"\nselect = ["missing-votes"]\n[rules.missing-votes]\nseverity = "error"\npenalty = 7\n')
    report = lint(capsys, str(project / "digests" / "day.md"))[1]
    assert [p["score"] for p in report["papers"]] == [100, 93]


def test_exclude_globs_skip_files_in_folders(capsys, project):
    (project / "digests" / "draft-day.md").write_text(digest(entry(3)), encoding="utf-8")
    (project / "summary-lint.toml").write_text('exclude = ["draft-*"]\n')
    report = lint(capsys, str(project / "digests"))[1]
    assert [f["path"].rsplit("/", 1)[-1] for f in report["files"]] == ["day.md"]


@pytest.mark.parametrize(("text", "key", "detail"), [
    ('selekt = ["S002"]\n', "selekt", "Extra inputs are not permitted"),
    ('ignore = ["missing-vote"]\n', "ignore", "unknown rule 'missing-vote'"),
    ("fail-under = 200\n", "fail-under", "less than or equal to 100"),
    ('severity = { missing-votes = "fatal" }\n', "severity.missing-votes", "Input should be"),
    ("[rules.missing-section]\nprofile = []\n", "rules.missing-section.profile", "unknown option"),
    ('[rules.empty-section]\nmin-chars = "two"\n', "rules.empty-section.min-chars", "invalid value 'two'"),
    ('preset = "strict"\n', "preset", "rule pack not found"),
    ('rules-path = ["nowhere"]\n', "rules-path", "not a folder"),
])
def test_bad_settings_are_one_line_errors_naming_file_and_key(capsys, project, text, key, detail):
    config = project / "summary-lint.toml"
    config.write_text(text)
    code, err = lint(capsys, str(project / "digests" / "day.md"))
    assert code == 2
    assert err.startswith(f"summary-lint: error: {config}: {key}: ") and detail in err
    assert err.count("\n") == 1


def test_errors_in_pyproject_name_the_table_and_invalid_toml_names_the_file(capsys, project):
    (project / "pyproject.toml").write_text('[tool.summary-lint]\nlanguage = 3\n')
    err = lint(capsys, str(project / "digests" / "day.md"))[1]
    assert err.startswith(f"summary-lint: error: {project / 'pyproject.toml'} [tool.summary-lint]: language: ")
    (project / "summary-lint.toml").write_text("select = [\n")
    err = lint(capsys, str(project / "digests" / "day.md"))[1]
    assert err.startswith(f"summary-lint: error: {project / 'summary-lint.toml'}: invalid TOML: ")


def test_a_misspelled_rule_on_the_command_line_blames_the_command_line(capsys, project):
    (project / "summary-lint.toml").write_text('ignore = ["S001"]\n')
    err = lint(capsys, "--select", "missing-vote", str(project / "digests" / "day.md"))[1]
    assert err.startswith("summary-lint: error: command line: select: unknown rule 'missing-vote'")


def test_named_config_file_must_exist(capsys, project):
    err = lint(capsys, "--config", "missing.toml", str(project / "digests" / "day.md"))[1]
    assert err == "summary-lint: error: missing.toml: configuration file not found\n"


@pytest.mark.parametrize(("penalty", "problem"), [(-1000, "greater than or equal to 0"),
                                                (101, "less than or equal to 100"),
                                                (float("nan"), "valid integer"), (7.5, "valid integer")])
def test_a_penalty_outside_0_to_100_is_a_configuration_error(penalty, problem):
    from summary_lint.engine.config import parse_config, resolve
    from summary_lint.errors import ConfigError

    with pytest.raises(ConfigError, match=f"rules.missing-votes.penalty: invalid value .*{problem}"):
        resolve(parse_config({"rules": {"missing-votes": {"penalty": penalty}}}))
    with pytest.raises(ConfigError, match=f"rules.suspicious-claim.combined-penalty: invalid value .*{problem}"):
        resolve(parse_config({"rules": {"suspicious-claim": {"combined-penalty": penalty}}}))


def test_an_option_set_in_the_config_replaces_the_declared_list():
    from summary_lint.engine.config import parse_config, resolve

    settings = resolve(parse_config({"rules": {"meta-commentary": {"packs": ["en"]}}}))
    assert settings.options("meta-commentary")["packs"] == ["en"]
