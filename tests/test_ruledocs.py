"""summary-lint rules / summary-lint rule NAME: generated from docstrings and the preset."""

from summary_lint.cli.main import main
from summary_lint.checks.registry import all_rules
from summary_lint.checks.docs import rule_infos


def test_rules_lists_every_rule_with_code_name_severity_and_summary(capsys):
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(all_rules())
    votes = next(line for line in lines if line.startswith("S002 "))
    assert votes.split()[:3] == ["S002", "missing-votes", "warning"]
    assert votes.endswith("the entry has no vote count (no ``Vote:`` line, or ``Vote: -``).")


def test_rules_shows_the_chosen_presets_severity(capsys):
    main(["rules", "--preset", "relaxed"])
    votes = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("S002 "))
    assert votes.split()[2] == "info"


def test_rule_prints_docs_and_preset_options(capsys):
    assert main(["rule", "s007"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# missing-section (S007)\n\nDefault severity: warning, penalty: 10.\n")
    assert "Why:" in out and "Fails::" in out
    assert "[tool.summary-lint.rules.missing-section]\nprofiles = [[\"What's New\"," in out


def test_rule_without_options_says_so(capsys):
    main(["rule", "missing-votes"])
    assert capsys.readouterr().out.rstrip().endswith("None besides severity and penalty.")


def test_unknown_rule_is_a_one_line_error_with_a_suggestion(capsys):
    assert main(["rule", "missing-vote"]) == 2
    err = capsys.readouterr().err
    assert err == "summary-lint: error: unknown rule 'missing-vote'; did you mean 'missing-votes'?\n"


def test_every_rule_documents_itself_by_name():
    """The docstring convention the reference relies on: ``name: what it checks``, then a why."""
    for info in rule_infos():
        assert info.doc.startswith(f"{info.name}:"), info.name
        assert info.rationale != info.summary, info.name


def test_the_registry_refuses_a_second_rule_with_a_taken_code_or_name():
    import pytest

    from summary_lint.checks.registry import all_rules, rule

    all_rules()
    with pytest.raises(ValueError, match="S010 is already taken by 'malformed-markup'"):
        rule("S010", "another-rule")(lambda paper, ctx: iter(()))
    with pytest.raises(ValueError, match="'malformed-markup' is already taken"):
        rule("S999", "malformed-markup")(lambda paper, ctx: iter(()))
    assert [r.code for r in all_rules()].count("S010") == 1


def test_every_rule_has_a_default_severity_and_penalty_in_the_preset():
    from summary_lint.engine.config import _load_preset
    from summary_lint.checks.registry import all_rules

    preset = _load_preset("default", ())["rules"]
    for r in all_rules():
        assert {"severity", "penalty"} <= preset.get(r.name, {}).keys(), r.name
