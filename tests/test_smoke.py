from conftest import SEED

from summary_lint import lint_paths


def test_seed_digest_parses_all_thirteen_papers():
    report = lint_paths([str(SEED)])
    assert report.summary.papers == 13
    assert [p.arxiv_id for p in report.papers][:2] == ["2406.11832", "2407.04363"]
