"""Hostile side files, configurations and rule packs (issue 13): one line naming the file, exit 2."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEED

import summary_lint
from summary_lint.cli.main import main
from summary_lint.errors import ConfigError
from summary_lint.pack_schema import SCHEMAS, check_user_pack
from summary_lint.packs import builtin_dir, read_toml


def lint(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


@pytest.fixture
def digest(tmp_path) -> Path:
    path = tmp_path / "d.md"
    shutil.copy(SEED, path)
    return path


@pytest.mark.parametrize("option", ["--sources", "--baseline"])
@pytest.mark.parametrize(("data", "message"), [
    (b"[" + b"1" * 5000 + b"]", "a number too long to read"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b"\x00" * 1000, "binary input (NUL byte at offset 0)"),
    (b'[{"arxiv_id": "caf\xe9"}]', "is not UTF-8 (byte 0xe9 at offset 18)"),
])
def test_side_json_files_fail_in_one_line(capsys, digest, option, data, message):
    side = digest.parent / "side.json"
    side.write_bytes(data)
    code, err = lint(capsys, str(digest), option, str(side))
    assert code == 2 and err.startswith(f"summary-lint: error: {side}") and err.count("\n") == 1
    assert message in err


@pytest.mark.parametrize(("files", "message"), [
    ({"summary-lint.toml": b'language = "caf\xe9"\n'}, "summary-lint.toml: configuration is not UTF-8 (byte 0xe9"),
    ({"../pyproject.toml": b'[project]\nname = "caf\xe9"\n'}, "pyproject.toml: configuration is not UTF-8"),
    ({"../pyproject.toml": b"[project\n"}, "pyproject.toml: invalid TOML: "),
    ({"summary-lint.toml": b"[rules.missing-section]\nprofiles = [[1, 2]]\n"},
     "rules.missing-section.profiles: invalid value [[1, 2]]"),
    ({"summary-lint.toml": b"[rules.missing-authors]\npenalty = nan\n"}, "rules.missing-authors.penalty: invalid value nan"),
    ({"summary-lint.toml": b"max-input-size = 0\n"}, "max-input-size: Input should be greater than or equal to 1"),
])
def test_bad_configurations_fail_in_one_line(capsys, tmp_path, files, message):
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copy(SEED, folder / "d.md")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    code, err = lint(capsys, str(folder / "d.md"))
    assert code == 2 and err.count("\n") == 1 and message in err, err


def test_an_unrelated_parent_pyproject_without_the_table_is_passed_over(capsys, tmp_path):
    (tmp_path / "pyproject.toml").write_text("tool = 5\n")
    (tmp_path / "sub").mkdir()
    shutil.copy(SEED, tmp_path / "sub" / "d.md")
    assert lint(capsys, str(tmp_path / "sub" / "d.md")) == (1, "")


def project(tmp_path: Path, pack: str, text: str | bytes, extra: str = "") -> Path:
    """A folder whose configuration points ``rules-path`` at one user pack; returns the digest."""
    (tmp_path / "rules" / pack).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "rules" / pack).write_bytes(text if isinstance(text, bytes) else text.encode())
    (tmp_path / "summary-lint.toml").write_text(f'rules-path = ["rules"]\n{extra}')
    shutil.copy(SEED, tmp_path / "d.md")
    return tmp_path / "d.md"


MALFORMED_PACKS = [
    ("phrases/en.toml", '[[phrase]]\nname = "x"\npattern = "(abc"\n',
     "phrase 'x'.pattern: invalid regular expression '(abc': missing )"),
    ("metrics.toml", '[[metric]]\nname = "m"\npattern = "BLEU"\ndomains = "language"\n',
     "metric 'm'.domains: Input should be a valid list [used by suspicious-claim]"),
    ("phrases/ko.toml", '[[phrase]]\nname = "x"\npattern = "y"\nweight = "3"\n',
     "phrase 'x'.weight: Input should be a valid integer"),
    ("meta/en.toml", '[[pattern]]\nid = "odd"\nkind = "gossip"\ndescription = "d"\npattern = "x"\n',
     "pattern 'odd': unknown kind 'gossip' (expected 'source', 'assistant' or 'preamble') [used by meta-commentary]"),
    ("meta/en.toml", '[[pattern]]\ndescription = "d"\npattern = "x"\n', "pattern[1].id: required key missing [used by meta-commentary]"),
    ("phrases/en.toml", '[[phrase]]\nname = "x"\n', "phrase 'x'.pattern: required key missing [used by generic-boilerplate]"),
    ("phrases/en.toml", '[[phrases]]\nname = "x"\npattern = "y"\n', "phrases: unknown key"),
    ("damaged.toml", "placeholders = [\n", "damaged.toml: invalid TOML: "),
    ("claims.toml", b'common-terms = ["caf\xe9"]\n', "claims.toml: rule pack is not UTF-8 (byte 0xe9 at offset 20)"),
    ("presets/team.toml", 'extends = 5\n', "extends: Input should be a valid string"),
    ("presets/team.toml", '[rules.missing-authors]\npenalty = "high"\n',
     "rules.missing-authors.penalty: invalid value 'high'"),
]


@pytest.mark.parametrize(("pack", "text", "message"), MALFORMED_PACKS, ids=[m[2][:40] for m in MALFORMED_PACKS])
def test_a_malformed_user_pack_is_one_line_naming_the_file(capsys, tmp_path, pack, text, message):
    digest = project(tmp_path, pack, text, 'preset = "team"\n' if pack.startswith("presets/") else "")
    code, err = lint(capsys, str(digest))
    assert code == 2 and err.count("\n") == 1, err
    assert err.startswith(f"summary-lint: error: {tmp_path / 'rules' / pack}") and message in err, err


def test_a_preset_extends_loop_is_one_line(capsys, tmp_path):
    digest = project(tmp_path, "presets/a.toml", 'extends = "b"\n', 'preset = "a"\n')
    (tmp_path / "rules" / "presets" / "b.toml").write_text('extends = "a"\n')
    code, err = lint(capsys, str(digest))
    assert code == 2 and err.count("\n") == 1
    assert err == f"summary-lint: error: {tmp_path / 'rules' / 'presets' / 'b.toml'}: extends loop: a → b → a\n", err


REDOS = [
    ("phrases/en.toml", '[[phrase]]\nname = "evil"\npattern = "(a+)+$"\n', "phrase 'evil'.pattern", "(a+)+$"),
    ("metrics.toml", '[[metric]]\nname = "evil"\npattern = "(?:x\\\\w*)*y"\ndomains = ["language"]\n',
     "metric 'evil'.pattern", "(?:x\\w*)*y"),
    ("metrics.toml", "[domains.odd]\nkeywords = '(?:\\w+\\s?)*z'\n", "domains.odd.keywords", "(?:\\w+\\s?)*z"),
    ("metrics.toml", '[unattributed-gain]\npatterns = ["(?:a+){1,10}$"]\n', "unattributed-gain.patterns[1]",
     "(?:a+){1,10}$"),
    ("meta/en.toml", '[[pattern]]\nid = "m"\ndescription = "d"\npattern = "(a|b*)*c"\n', "pattern 'm'.pattern",
     "(a|b*)*c"),
    ("damaged.toml", "unfinished-endings = ['(?:\\s*,)+\\s*$']\n", "unfinished-endings[1]", "(?:\\s*,)+\\s*$"),
]


@pytest.mark.parametrize(("pack", "text", "where", "pattern"), REDOS, ids=[r[3] for r in REDOS])
def test_a_pattern_that_can_backtrack_exponentially_is_refused_naming_pack_rule_and_pattern(
        capsys, tmp_path, pack, text, where, pattern):
    digest = project(tmp_path, pack, text)
    start = time.perf_counter()
    code, err = lint(capsys, str(digest))
    assert time.perf_counter() - start < 15
    rule = SCHEMAS[pack.split("/")[0].removesuffix(".toml")][1]
    assert code == 2 and err.count("\n") == 1, err
    assert err.startswith(f"summary-lint: error: {tmp_path / 'rules' / pack}: {where}: pattern {pattern!r}: "
                          "a repeat inside a repeat"), err
    assert err.endswith(f" [used by {rule}]\n")


def test_alternatives_that_start_alike_in_a_repeat_are_refused(capsys, tmp_path):
    digest = project(tmp_path, "phrases/en.toml", '[[phrase]]\nname = "alt"\npattern = "(?:a|ab)*c"\n')
    code, err = lint(capsys, str(digest))
    assert code == 2 and "phrase 'alt'.pattern: pattern '(?:a|ab)*c': alternatives that can start with the same" in err


def test_the_api_refuses_a_guarded_pattern_too(tmp_path):
    project(tmp_path, "phrases/en.toml", '[[phrase]]\nname = "evil"\npattern = "(a+)+$"\n')
    with pytest.raises(ConfigError, match=re.escape("pattern '(a+)+$': a repeat inside a repeat")):
        summary_lint.lint_text(SEED.read_text(encoding="utf-8"), config={"rules-path": [str(tmp_path / "rules")]})


def test_a_valid_user_pack_still_extends_the_built_in_one(capsys, tmp_path):
    digest = project(tmp_path, "phrases/en.toml",
                     '[[phrase]]\nname = "mine"\npattern = \'(?:\\w+\\s+){0,2}widget\'\nweight = 2\n')
    assert lint(capsys, str(digest))[0] == 1


@pytest.mark.parametrize("path", sorted(p for p in builtin_dir().rglob("*.toml") if p.parent.name != "rules"
                                        or p.stem in ("metrics", "damaged", "claims")), ids=str)
def test_every_built_in_pack_passes_the_user_pack_checks(path):
    """The schemas describe what the packs hold, and no built-in pattern trips the guard."""
    name = path.relative_to(builtin_dir()).with_suffix("").as_posix()
    check_user_pack(name, path, read_toml(path))


def test_no_private_regular_expression_api_is_used():
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "summary_lint").rglob("*.py"))
    assert not re.search(r"re\._parser|sre_parse|sre_compile|re\._compiler", sources)
