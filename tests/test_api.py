"""The Python API for a pre-publish gate: no printing, no exit, typed errors, same model as JSON."""

import pytest
from digest_builder import digest, entry

from summary_lint import ConfigError, InputError, RunReport, SummaryLintError, lint_paths, lint_text
from summary_lint.cli.main import main
from summary_lint.engine.config import Config
from summary_lint.engine.config_file import find_config
from summary_lint.render import render

SELECT = {"select": ["missing-votes", "missing-authors"]}
TEXT = digest(entry(1), entry(2, votes=None))


def test_lint_text_returns_the_report_and_prints_nothing(capsys):
    report = lint_text(TEXT, config=SELECT)
    assert isinstance(report, RunReport)
    assert [p.score for p in report.papers] == [100, 95]
    assert not report.failed
    assert capsys.readouterr() == ("", "")


def test_a_failing_digest_is_reported_not_exited(capsys):
    strict = {**SELECT, "rules": {"missing-votes": {"penalty": 80}}}
    report = lint_text(TEXT, config=strict)
    assert report.failed and report.papers[1].verdict == "fail"
    assert capsys.readouterr() == ("", "")


def test_api_report_is_the_json_contract(capsys, tmp_path):
    path = tmp_path / "day.md"
    path.write_text(TEXT, encoding="utf-8")
    main(["--format", "json", "--isolated", "--select", "missing-votes,missing-authors", str(path)])
    assert render(lint_paths(str(path), config=SELECT), "json") == capsys.readouterr().out


def test_config_as_model_dict_or_file(tmp_path):
    config_file = tmp_path / "team.toml"
    config_file.write_text('select = ["missing-votes"]\nseverity = { missing-votes = "info" }\n')
    for config in (Config(select=["missing-votes"], severity={"missing-votes": "info"}), str(config_file),
                   config_file):
        report = lint_text(TEXT, config=config)
        assert [f.severity for p in report.papers for f in p.findings] == ["info"]


def test_the_api_does_not_search_for_configuration_unless_asked(tmp_path):
    path = tmp_path / "day.md"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "summary-lint.toml").write_text('ignore = ["missing-votes"]\n')
    assert lint_paths(path.as_posix(), config=SELECT).summary.findings_by_rule == {"missing-votes": 1}
    found = find_config(path)
    assert lint_paths(path.as_posix(), config=found).summary.findings_by_rule.get("missing-votes") is None


@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda: lint_text(TEXT, config={"selekt": []}), ConfigError, "configuration: selekt: "),
    (lambda: lint_text(TEXT, config={"ignore": ["nope"]}), ConfigError, "configuration: ignore: unknown rule 'nope'"),
    (lambda: lint_text(TEXT, config="no-such.toml"), ConfigError, "no-such.toml: configuration file not found"),
    (lambda: lint_text("just prose, no entries"), InputError, "<text>: no paper entries found"),
    (lambda: lint_paths("no/such/file.md"), InputError, "no/such/file.md: no such file or directory"),
])
def test_errors_are_typed_exceptions(capsys, call, error, message):
    with pytest.raises(error) as caught:
        call()
    assert isinstance(caught.value, SummaryLintError)
    assert str(caught.value).startswith(message)
    assert capsys.readouterr() == ("", "")
