from summary_lint.cli.main import main

__all__ = ["main"]
