"""Renderers: one module per output format, each with ``render(report, options) -> str``."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from summary_lint.model import RunReport

FORMATS = ("text", "json", "sarif", "github", "junit")


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    statistics: bool = False
    show_scores: bool = True


def render(report: RunReport, fmt: str, options: RenderOptions = RenderOptions()) -> str:
    module = importlib.import_module(f"{__name__}.{fmt}_format")
    return module.render(report, options)
