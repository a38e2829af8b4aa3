"""The command line (``summary-lint``), the only part of summary-lint that prints, exits or parses arguments."""

from summary_lint.cli.main import main, run

__all__ = ["main", "run"]
