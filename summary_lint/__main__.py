from summary_lint.cli.main import run

run()
