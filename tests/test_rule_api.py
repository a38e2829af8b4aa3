"""The rule API: declarations, the registry's refusals, presets against declarations, docs examples."""

import re
import sys
from pathlib import Path

import pytest

from summary_lint import lint_paths
from summary_lint.checks.docs import SECTIONS, doc_sections, rule_examples
from summary_lint.checks.registry import Option, all_rules, rule
from summary_lint.engine import run as engine_run
from summary_lint.engine.config import parse_config, resolve
from summary_lint.errors import ConfigError
from summary_lint.packs import builtin_dir, tomllib  # tomli on 3.10

RULES = all_rules()


def _noop(paper, ctx):
    return iter(())


def test_a_second_rule_with_a_taken_code_or_name_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match=r"rule code S010 is already taken by 'malformed-markup' \(summary_lint"):
        rule("S010", "another-rule", severity="warning", penalty=5, complexity="constant")(_noop)
    with pytest.raises(ValueError, match="rule name 'malformed-markup' is already taken by summary_lint.checks"):
        rule("S999", "malformed-markup", severity="warning", penalty=5, complexity="constant")(_noop)
    assert [r.code for r in all_rules()].count("S010") == 1


def test_a_rule_without_default_severity_penalty_and_complexity_is_refused():
    with pytest.raises(TypeError, match="severity"):
        rule("S998", "no-defaults", complexity="constant")(_noop)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="penalty"):
        rule("S998", "no-defaults", severity="warning", complexity="constant")(_noop)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="complexity"):
        rule("S998", "no-defaults", severity="warning", penalty=5)(_noop)  # type: ignore[call-arg]


@pytest.mark.parametrize(("declaration", "problem"), [
    ({"severity": "fatal", "penalty": 5}, "default of 'severity' ('fatal')"),
    ({"severity": "warning", "penalty": 500}, "default of 'penalty' (500)"),
    ({"severity": "warning", "penalty": 5, "options": [Option("limit", int, "3", "…")]}, "default of 'limit' ('3')"),
    ({"severity": "warning", "penalty": 5, "options": [Option("penalty", int, 3, "…")]},
     "option 'penalty' is declared twice"),
])
def test_a_declaration_whose_defaults_do_not_fit_is_refused(declaration, problem):
    with pytest.raises(ValueError, match=re.escape(problem)):
        rule("S997", "bad-defaults", complexity="constant", **declaration)(_noop)
    assert all(r.code != "S997" for r in all_rules())


def _preset_files() -> list[Path]:
    return sorted((builtin_dir() / "presets").glob("*.toml"))


@pytest.mark.parametrize("path", _preset_files(), ids=lambda p: p.name)
def test_every_option_in_every_preset_is_declared_by_its_rule(path):
    declared = {r.name: {o.name for o in r.settings} for r in RULES}
    for name, options in tomllib.loads(path.read_text(encoding="utf-8")).get("rules", {}).items():
        assert name in declared, f"{path.name}: [rules.{name}] is no rule"
        assert set(options) <= declared[name], f"{path.name}: [rules.{name}] sets undeclared {set(options) - declared[name]}"


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.name)
def test_every_declared_option_is_read_by_its_rule(r):
    """The other direction: a declared option that no code reads would be documentation of nothing.
    (The engine reads ``supersedes`` to defer other rules' findings to a source rule.)"""
    source = Path(sys.modules[r.check.__module__].__file__).read_text(encoding="utf-8")
    source += Path(engine_run.__file__).read_text(encoding="utf-8")
    reads = set(re.findall(r'\[\s*"([a-z]+(?:-[a-z]+)*)"\s*\]', source))
    reads |= set(re.findall(r'"([a-z]+(?:-[a-z]+)*-penalty)"', source))  # penalty keys chosen by name
    for option in r.options:
        assert option.name in reads, f"{r.name}: option {option.name!r} is declared but never read"


def test_presets_only_override_the_declared_defaults():
    default = resolve()
    for r in RULES:
        assert dict(default.options(r.name)) == {o.name: o.validate(o.default) for o in r.settings}, r.name
    relaxed = resolve(parse_config({"preset": "relaxed"}))
    assert relaxed.options("missing-votes")["severity"] == "info"
    assert relaxed.options("title-mismatch") == default.options("title-mismatch")


def test_an_option_that_exists_only_in_code_is_accepted_from_a_config():
    """Options need no preset entry: ``packs`` of generic-boilerplate is in no preset file."""
    assert all("packs" not in tomllib.loads(p.read_text(encoding="utf-8")).get("rules", {}).get("generic-boilerplate", {})
               for p in _preset_files())
    settings = resolve(parse_config({"rules": {"generic-boilerplate": {"packs": ["ko"], "min-score": 4}}}))
    assert settings.options("generic-boilerplate")["packs"] == ["ko"]
    assert settings.options("generic-boilerplate")["min-score"] == 4


def test_rules_get_their_options_typed_as_declared():
    settings = resolve(parse_config({"rules": {"title-mismatch": {"min-shared": 3, "margin": 1}}}))
    options = settings.options("title-mismatch")
    assert options["margin"] == 1.0 and isinstance(options["margin"], float)
    assert options["min-coverage"] == 0.1
    with pytest.raises(TypeError):
        options["margin"] = 2  # type: ignore[index]  # read-only: rules cannot change each other's settings


@pytest.mark.parametrize(("preset", "problem"), [
    ("[rules.missing-votes]\nthreshold = 3\n", "rules.missing-votes.threshold: unknown option"),
    ("[rules.empty-section]\nmin-chars = 2.5\n", "rules.empty-section.min-chars: invalid value 2.5"),
    ("[rules.missing-vote]\npenalty = 3\n", "rules.missing-vote: unknown rule 'missing-vote'"),
    ("[verdict]\nfail-below = \"50\"\n", "verdict.fail-below: Input should be a valid integer"),
    ("[rule.missing-votes]\npenalty = 3\n", "rule: Extra inputs are not permitted"),
])
def test_a_bad_preset_in_a_rules_path_folder_names_its_file_and_key(tmp_path, preset, problem):
    (tmp_path / "presets").mkdir()
    (tmp_path / "presets" / "default.toml").write_text(preset, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        resolve(parse_config({"rules-path": [str(tmp_path)]}))
    assert str(caught.value).startswith(f"{tmp_path / 'presets' / 'default.toml'}: ")
    assert problem in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.name)
def test_every_rule_documents_itself_in_the_four_sections(r):
    assert r.doc.startswith(f"{r.name}: "), "first line: 'name: what it checks'"
    assert list(doc_sections(r.doc)) == list(SECTIONS)
    assert set(rule_examples(r)) == {"passes", "fails"}


def _lint_example(r, example, tmp_path: Path) -> list[str]:
    digest = tmp_path / "example.md"
    digest.write_text(example.digest, encoding="utf-8")
    config = tomllib.loads(example.options or "")
    config["extend-select"] = [*config.get("extend-select", []), r.name]
    sources = None
    if example.sources:
        sources = tmp_path / "sources.jsonl"
        sources.write_text(example.sources, encoding="utf-8")
    report = lint_paths([str(digest)], config=config, sources=str(sources) if sources else None)
    return [f"{f.line}: {f.message}" for p in report.papers for f in p.findings if f.rule == r.name]


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.name)
def test_every_rules_failing_example_fires_it_and_its_passing_example_does_not(r, tmp_path):
    examples = rule_examples(r)
    assert _lint_example(r, examples["fails"], tmp_path), "the failing example does not fire the rule"
    assert _lint_example(r, examples["passes"], tmp_path) == [], "the passing example fires the rule"


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.name)
def test_no_rule_imports_another_rule(r):
    """Shared logic lives in helpers (``summary_lint.text``), so a rule can be moved or removed alone."""
    import ast

    from summary_lint.checks.registry import RULE_API_MODULES

    tree = ast.parse(Path(sys.modules[r.check.__module__].__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    rule_modules = {other.check.__module__ for other in RULES} - {r.check.__module__}
    assert not imported & rule_modules
    assert {m.rsplit(".", 1)[-1] for m in imported if m.startswith("summary_lint.checks.")} <= RULE_API_MODULES


@pytest.mark.parametrize("line", ["Authors: Daniel McDuff, Mike Schaekermann, +",
                                  "Authors:    Daniel McDuff, Mike Schaekermann, +",
                                  "  Authors: Daniel McDuff,  Mike Schaekermann, +"])
def test_truncated_authors_points_at_the_placeholder_wherever_the_line_puts_it(tmp_path, line):
    path = tmp_path / "day.md"
    path.write_text(f"### [PH-LLM](https://arxiv.org/abs/2406.06474)\n{line}\n\n- 건강 LLM을 제안합니다.\n",
                    encoding="utf-8")
    report = lint_paths([str(path)], config={"select": ["truncated-authors"]})
    (finding,) = report.papers[0].findings
    assert (finding.line, finding.column) == (2, line.index("+") + 1)
