"""``--format json``: the versioned report contract (see README, "JSON output")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from summary_lint.model import RunReport

if TYPE_CHECKING:
    from summary_lint.render import RenderOptions


def render(report: RunReport, options: RenderOptions) -> str:
    return report.model_dump_json(indent=2, by_alias=True) + "\n"
