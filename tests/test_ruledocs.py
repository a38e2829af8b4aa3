"""summary-lint rules / summary-lint rule NAME / README's table: generated from the declarations."""

from pathlib import Path

import pytest

from summary_lint.checks.docs import TABLE_END, TABLE_START, rule_doc, rule_infos, rules_table_markdown
from summary_lint.checks.registry import all_rules
from summary_lint.cli.main import main
from summary_lint.errors import ConfigError

README = Path(__file__).resolve().parent.parent / "README.md"


def test_rules_lists_every_rule_with_code_name_severity_and_summary(capsys):
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(all_rules())
    votes = next(line for line in lines if line.startswith("S002 "))
    assert votes.split()[:3] == ["S002", "missing-votes", "warning"]
    assert votes.endswith("the entry has no vote count (no `Vote:` line, or `Vote: -`).")
    unused = next(line for line in lines if line.startswith("S100 "))
    assert unused.split()[2] == "(warning)"  # off by default


def test_rules_shows_the_chosen_presets_severity(capsys):
    main(["rules", "--preset", "relaxed"])
    votes = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("S002 "))
    assert votes.split()[2] == "info"


def test_rule_page_has_the_four_sections_and_the_declared_options():
    page = rule_doc("s007")
    assert page.startswith("# missing-section (S007)\n\na labelled summary lacks one of the sections of its profile.\n\n"
                           "Severity: warning, penalty: 10 (preset 'default').\n")
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert headings == ["## What it does", "## Why it matters", "## Example that passes", "## Example that fails",
                        "## Options"]
    assert ("| `profiles` | list[list[str]] | `[[\"What's New\", \"Technical Details\", \"Performance Highlights\"]]` "
            "| lists of expected labels;") in page


def test_every_rule_says_how_its_cost_grows_and_its_page_shows_it():
    """Issue 14: a rule that compared all pairs of a digest made one large digest take minutes."""
    for r in all_rules():
        assert r.complexity.strip(), r.name
        assert f"\nComplexity: {r.complexity}.\n" in rule_doc(r.name)
    assert "| A002 | source-mismatch | error | 60 |" in rules_table_markdown()
    assert rules_table_markdown().splitlines()[1].endswith("| complexity |")


def test_rule_page_shows_the_presets_values():
    assert "Severity: info, penalty: 0 (preset 'relaxed')." in rule_doc("missing-votes", "relaxed")


def test_rule_without_options_says_so(capsys):
    main(["rule", "missing-votes"])
    assert capsys.readouterr().out.rstrip().endswith("None besides severity and penalty.")


def test_unknown_rule_is_a_one_line_error_with_a_suggestion(capsys):
    with pytest.raises(ConfigError, match="did you mean 'missing-votes'"):
        rule_doc("missing-vote")
    assert main(["rule", "missing-vote"]) == 2
    err = capsys.readouterr().err
    assert err == "summary-lint: error: unknown rule 'missing-vote'; did you mean 'missing-votes'?\n"


def test_rationale_is_the_why_section():
    info = next(i for i in rule_infos() if i.name == "missing-votes")
    assert info.rationale.startswith("Digests rank papers by votes;")


def test_readme_rule_table_is_the_generated_one(capsys):
    """README's table is `summary-lint rules --format markdown`; regenerate it when a rule changes."""
    text = README.read_text(encoding="utf-8")
    start, end = text.index(TABLE_START), text.index(TABLE_END) + len(TABLE_END) + 1
    assert text[start:end] == rules_table_markdown()
    main(["rules", "--format", "markdown"])
    assert capsys.readouterr().out == rules_table_markdown()
    assert rules_table_markdown().count("\n| ") == len(all_rules()) + 2  # header, rule, one row per rule
